/* NIST "received" callback per method (41..48, case-sensitive), provisional
 * responses (PROCEEDING; a retransmission there resends the last 1xx),
 * final classes on the server side (2xx chosen from the event type, the rest
 * from the status, 700 → 6XX), retransmissions in COMPLETED resending a
 * non-2xx (3456XX_SENT_AGAIN), and TCP where timer J is 0. */
#include "harness.h"

static osip_event_t *request(const char *method, const char *transport, int n) {
  return h_evt_inf("%s sip:bob@10.0.0.2 SIP/2.0\n"
                   "Via: SIP/2.0/%s 10.0.0.9:5080;branch=z9hG4bKn%d;received=9.9.9.1\n"
                   "From: <sip:carol@example.com>;tag=n%d\n"
                   "To: <sip:bob@example.com>\n"
                   "Call-ID: n%d@10.0.0.9\n"
                   "CSeq: %d %s\n"
                   "Content-Length: 0\n\n",
                   method, transport, n, n, n, n, method);
}

static void respond(osip_t *osip, osip_transaction_t *tr, const char *method, const char *transport, int n,
                    int code) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 %d Reason\n"
                                 "Via: SIP/2.0/%s 10.0.0.9:5080;branch=z9hG4bKn%d;received=9.9.9.1\n"
                                 "From: <sip:carol@example.com>;tag=n%d\n"
                                 "To: <sip:bob@example.com>;tag=s\n"
                                 "Call-ID: n%d@10.0.0.9\n"
                                 "CSeq: %d %s\n"
                                 "Content-Length: 0\n\n",
                                 code, transport, n, n, n, n, method);
  evt->transactionid = tr->transactionid;
  h_find_add(osip, evt);
  osip_nist_execute(osip);
}

int main(void) {
  static const char *methods[] = {"REGISTER", "BYE",     "OPTIONS", "INFO",    "CANCEL",
                                  "NOTIFY",   "SUBSCRIBE", "PUBLISH", "Register"};
  static const int codes[] = {200, 299, 302, 407, 503, 699, 700, 202, 404};
  osip_t *osip;
  osip_transaction_t *tr;
  int i;

  h_init(&osip);
  h_send_verbose = 0;
  for (i = 0; i < 9; i++) {
    h_step("%s: 180, retransmission, %d, retransmission", methods[i], codes[i]);
    tr = h_create_add(osip, request(methods[i], "UDP", i + 1));
    osip_nist_execute(osip);
    respond(osip, tr, methods[i], "UDP", i + 1, 180);
    h_find_add(osip, request(methods[i], "UDP", i + 1));
    osip_nist_execute(osip);
    respond(osip, tr, methods[i], "UDP", i + 1, codes[i]);
    h_find_add(osip, request(methods[i], "UDP", i + 1));
    osip_nist_execute(osip);
    printf("state=%s J=%s\n", h_state_name(tr->state),
           h_timer(&((osip_nist_t *) tr->nist_context)->timer_j_start));
  }
  h_lists(osip);
  h_timeout(osip);

  h_step("TCP: J is 0");
  tr = h_create_add(osip, request("MESSAGE", "TCP", 50));
  osip_nist_execute(osip);
  respond(osip, tr, "MESSAGE", "TCP", 50, 200);
  h_tr(tr);
  h_timeout(osip);
  h_run(osip);
  h_lists(osip);
  h_done(osip);
  return 0;
}
