/* NIST OPTIONS over UDP, reference trace S7: request received (TRYING); a
 * retransmission while TRYING is queued but silently dropped; 200 sent to the
 * Via host/port, timer J 32 s; a retransmission in COMPLETED resends the 200
 * (REQUEST_RECEIVED_AGAIN, 2XX_SENT_AGAIN); a second final response is
 * dropped; timer J fires. */
#include "harness.h"

static const char *options = "OPTIONS sip:bob@10.0.0.2 SIP/2.0\n"
                             "Via: SIP/2.0/UDP 10.0.0.9:5080;branch=z9hG4bKopt1\n"
                             "From: <sip:carol@example.com>;tag=o1\n"
                             "To: <sip:bob@example.com>\n"
                             "Call-ID: opt1@10.0.0.9\n"
                             "CSeq: 3 OPTIONS\n"
                             "Accept: application/sdp\n"
                             "Content-Length: 0\n\n";

static osip_event_t *response(osip_transaction_t *tr, int code) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 %d Reason\n"
                                 "Via: SIP/2.0/UDP 10.0.0.9:5080;branch=z9hG4bKopt1\n"
                                 "From: <sip:carol@example.com>;tag=o1\n"
                                 "To: <sip:bob@example.com>;tag=bb\n"
                                 "Call-ID: opt1@10.0.0.9\n"
                                 "CSeq: 3 OPTIONS\n"
                                 "Allow: INVITE, ACK, OPTIONS\n"
                                 "Content-Length: 0\n\n",
                                 code);
  evt->transactionid = tr->transactionid;
  return evt;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;

  h_init(&osip);
  tr = h_create_add(osip, h_evt_in(options));
  h_tr(tr);
  osip_nist_execute(osip);
  h_tr(tr);
  h_step("retransmission while TRYING");
  h_find_add(osip, h_evt_in(options));
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  osip_nist_execute(osip);
  h_step("200 OK");
  h_find_add(osip, response(tr, 200));
  osip_nist_execute(osip);
  h_tr(tr);
  h_timeout(osip);
  h_step("retransmission in COMPLETED");
  h_find_add(osip, h_evt_in(options));
  osip_nist_execute(osip);
  h_step("a second final response");
  h_exec(tr, response(tr, 500));
  h_exec(tr, response(tr, 100));
  h_step("timer J");
  h_force_back(&((osip_nist_t *) tr->nist_context)->timer_j_start);
  h_timeout(osip);
  h_run(osip);
  h_tr(tr);
  h_lists(osip);
  h_done(osip);
  return 0;
}
