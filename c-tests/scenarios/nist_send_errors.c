/* NIST send results: every non-zero result of a response send is a
 * transport error (1xx, final, resend on retransmission); a response without
 * Via fails with -5 before the send callback. */
#include "harness.h"

static osip_event_t *request(int n) {
  return h_evt_inf("INFO sip:bob@10.0.0.2 SIP/2.0\n"
                   "Via: SIP/2.0/UDP 10.0.0.9:5080;branch=z9hG4bKe%d\n"
                   "From: <sip:carol@example.com>;tag=e%d\n"
                   "To: <sip:bob@example.com>\n"
                   "Call-ID: e%d@10.0.0.9\n"
                   "CSeq: 1 INFO\n"
                   "Content-Length: 0\n\n",
                   n, n, n);
}

static osip_event_t *response(osip_transaction_t *tr, int n, int code, int via) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 %d Reason\n"
                                 "%s%d\n"
                                 "From: <sip:carol@example.com>;tag=e%d\n"
                                 "To: <sip:bob@example.com>;tag=s\n"
                                 "Call-ID: e%d@10.0.0.9\n"
                                 "CSeq: 1 INFO\n"
                                 "Content-Length: 0\n\n",
                                 code, via ? "Via: SIP/2.0/UDP 10.0.0.9:5080;branch=z9hG4bKe" : "X-Nothing: ", n,
                                 n, n);
  evt->transactionid = tr->transactionid;
  return evt;
}

static osip_transaction_t *start(osip_t *osip, int n) {
  osip_transaction_t *tr = h_create_add(osip, request(n));

  osip_nist_execute(osip);
  return tr;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;

  h_init(&osip);
  h_send_verbose = 0;
  h_step("1xx send returns -1");
  tr = start(osip, 1);
  h_send_next(-1);
  h_exec(tr, response(tr, 1, 100, 1));
  h_tr(tr);
  h_step("final send returns 1: no timer J");
  tr = start(osip, 2);
  h_send_next(1);
  h_exec(tr, response(tr, 2, 486, 1));
  h_tr(tr);
  h_step("2xx resent on a retransmission, the send returns -9");
  tr = start(osip, 3);
  h_exec(tr, response(tr, 3, 200, 1));
  h_send_next(-9);
  h_find_add(osip, request(3));
  osip_nist_execute(osip);
  h_step("1xx resent on a retransmission, the send returns 5");
  tr = start(osip, 4);
  h_exec(tr, response(tr, 4, 180, 1));
  h_send_next(5);
  h_find_add(osip, request(4));
  osip_nist_execute(osip);
  h_step("in PROCEEDING: a second 1xx send returns -1");
  tr = start(osip, 6);
  h_exec(tr, response(tr, 6, 180, 1));
  h_send_next(-1);
  h_exec(tr, response(tr, 6, 183, 1));
  h_tr(tr);
  h_step("in PROCEEDING: the final send returns 2");
  tr = start(osip, 7);
  h_exec(tr, response(tr, 7, 180, 1));
  h_send_next(2);
  h_exec(tr, response(tr, 7, 200, 1));
  h_tr(tr);
  h_step("a response without Via");
  tr = start(osip, 5);
  h_exec(tr, response(tr, 5, 200, 0));
  h_tr(tr);
  h_lists(osip);
  h_done(osip);
  return 0;
}
