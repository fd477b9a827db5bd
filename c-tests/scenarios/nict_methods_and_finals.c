/* NICT "sent" callback per method (REGISTER, BYE, OPTIONS, INFO, CANCEL,
 * NOTIFY, SUBSCRIBE, and MESSAGE / lower-case "options" as unknown), each
 * answered with a different final class: 2xx from the event type, 3xx..6xx
 * and the 700 catch-all from the status; timer K (5 s over UDP); responses
 * in COMPLETED are dropped silently; K fires. A REGISTER answered 200 while
 * PROCEEDING. */
#include "harness.h"

static osip_transaction_t *request(osip_t *osip, const char *method, int n) {
  return h_create_add(osip, h_evt_outf("%s sip:bob@example.com:5070;maddr=192.0.2.33 SIP/2.0\n"
                                       "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKm%d\n"
                                       "From: <sip:alice@example.com>;tag=m%d\n"
                                       "To: <sip:bob@example.com>\n"
                                       "Call-ID: m%d@10.0.0.1\n"
                                       "CSeq: %d %s\n"
                                       "Content-Length: 0\n\n",
                                       method, n, n, n, n, method));
}

static osip_event_t *response(const char *method, int n, int code) {
  return h_evt_inf("SIP/2.0 %d Reason\n"
                   "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKm%d\n"
                   "From: <sip:alice@example.com>;tag=m%d\n"
                   "To: <sip:bob@example.com>;tag=x\n"
                   "Call-ID: m%d@10.0.0.1\n"
                   "CSeq: %d %s\n"
                   "Content-Length: 0\n\n",
                   code, n, n, n, n, method);
}

int main(void) {
  static const char *methods[] = {"REGISTER", "BYE", "OPTIONS", "INFO", "CANCEL",
                                  "NOTIFY",   "SUBSCRIBE", "MESSAGE", "options"};
  static const int codes[] = {200, 202, 302, 401, 500, 603, 700, 299, 199};
  osip_t *osip;
  osip_transaction_t *tr[9];
  int i;

  h_init(&osip);
  h_send_verbose = 0;
  for (i = 0; i < 9; i++) {
    h_step("%s answered by %d", methods[i], codes[i]);
    tr[i] = request(osip, methods[i], i + 1);
    osip_nict_execute(osip);
    h_find_add(osip, response(methods[i], i + 1, codes[i]));
    osip_nict_execute(osip);
    printf("state=%s K=%s\n", h_state_name(tr[i]->state),
           h_timer(&((osip_nict_t *) tr[i]->nict_context)->timer_k_start));
  }
  h_tr(tr[0]);
  h_lists(osip);
  h_timeout(osip);

  h_step("responses in COMPLETED are dropped");
  h_find_add(osip, response("BYE", 2, 200));
  h_find_add(osip, response("OPTIONS", 3, 404));
  h_find_add(osip, response("INFO", 4, 100));
  osip_nict_execute(osip);

  h_step("REGISTER: 180, then 200 in PROCEEDING");
  request(osip, "REGISTER", 20);
  osip_nict_execute(osip);
  h_find_add(osip, response("REGISTER", 20, 180));
  h_find_add(osip, response("REGISTER", 20, 200));
  osip_nict_execute(osip);

  h_step("timer K fires for all but one");
  for (i = 1; i < 9; i++)
    h_force(&((osip_nict_t *) tr[i]->nict_context)->timer_k_start);
  h_run(osip);
  h_lists(osip);
  h_done(osip);
  return 0;
}
