/* The request's Via changed by the application between
 * osip_create_transaction and the first execution (spec 7.1, 7.3, quirk
 * 11): after a send returning 0 the machines look at the top Via of the
 * stored request. ICT: no Via → transport error with the lookup's code and
 * no INVITE_SENT; Via without protocol → transport error 0. NICT: the SENT
 * callback fires first, then transport error -1 in both cases. The same
 * checks after a timer A / timer E retransmission. */
#include "harness.h"

static osip_t *osip;

static osip_event_t *request(const char *method, int n) {
  return h_evt_outf("%s sip:b@example.com SIP/2.0\n"
                    "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKvia%d\n"
                    "From: <sip:a@example.com>;tag=1\n"
                    "To: <sip:b@example.com>\n"
                    "Call-ID: via%d@x\n"
                    "CSeq: 1 %s\n"
                    "Content-Length: 0\n\n",
                    method, n, n, method);
}

static void drop_vias(osip_message_t *msg) {
  osip_list_special_free(&msg->vias, (void (*)(void *)) osip_via_free);
}

static void drop_protocol(osip_message_t *msg) {
  osip_via_t *via = NULL;

  osip_message_get_via(msg, 0, &via);
  osip_free(via->protocol);
  via->protocol = NULL;
}

static osip_transaction_t *created(const char *method, int n, void (*change)(osip_message_t *)) {
  osip_event_t *evt = request(method, n);
  osip_transaction_t *tr = h_create_add(osip, evt);

  if (change != NULL)
    change(evt->sip);
  return tr;
}

int main(void) {
  osip_transaction_t *tr;

  h_init(&osip);
  h_send_verbose = 0;
  h_step("ICT, Via removed");
  created("INVITE", 1, drop_vias);
  h_run(osip);
  h_step("ICT, Via without protocol");
  created("INVITE", 2, drop_protocol);
  h_run(osip);
  h_step("NICT, Via removed");
  created("OPTIONS", 3, drop_vias);
  h_run(osip);
  h_step("NICT, Via without protocol");
  created("OPTIONS", 4, drop_protocol);
  h_run(osip);

  h_step("ICT, Via removed after the first send, then timer A");
  tr = created("INVITE", 5, NULL);
  h_run(osip);
  drop_vias(tr->orig_request);
  h_force(&((osip_ict_t *) tr->ict_context)->timer_a_start);
  h_run(osip);
  h_step("NICT, protocol removed after the first send, then timer E");
  tr = created("OPTIONS", 6, NULL);
  h_run(osip);
  drop_protocol(tr->orig_request);
  h_force(&((osip_nict_t *) tr->nict_context)->timer_e_start);
  h_run(osip);
  h_lists(osip);
  h_done(osip);
  return 0;
}
