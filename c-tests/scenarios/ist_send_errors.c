/* IST send results (spec 7.5): every non-zero result of a response send is a
 * transport error, positive or negative: 1xx send, final send (no timers
 * started), 2xx send, timer G retransmission, resend on an INVITE
 * retransmission; a response without Via is refused with -5 before the send
 * callback is called. */
#include "harness.h"

static osip_transaction_t *invite(osip_t *osip, int n) {
  osip_transaction_t *tr = h_create_add(osip, h_evt_inf("INVITE sip:bob@10.0.0.2 SIP/2.0\n"
                                                        "Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKse%d\n"
                                                        "From: <sip:carol@example.com>;tag=c%d\n"
                                                        "To: <sip:bob@example.com>\n"
                                                        "Call-ID: se%d@10.0.0.9\n"
                                                        "CSeq: 1 INVITE\n"
                                                        "Content-Length: 0\n\n",
                                                        n, n, n));
  osip_ist_execute(osip);
  return tr;
}

static osip_event_t *resp(osip_transaction_t *tr, int n, int code, int with_via) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 %d Reason\n"
                                 "%s%d\n"
                                 "From: <sip:carol@example.com>;tag=c%d\n"
                                 "To: <sip:bob@example.com>;tag=s\n"
                                 "Call-ID: se%d@10.0.0.9\n"
                                 "CSeq: 1 INVITE\n"
                                 "Content-Length: 0\n\n",
                                 code, with_via ? "Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKse" : "X-No-Via: ",
                                 n, n, n);
  evt->transactionid = tr->transactionid;
  return evt;
}

static void retransmit_invite(osip_t *osip, int n) {
  h_find_add(osip, h_evt_inf("INVITE sip:bob@10.0.0.2 SIP/2.0\n"
                             "Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKse%d\n"
                             "From: <sip:carol@example.com>;tag=c%d\n"
                             "To: <sip:bob@example.com>\n"
                             "Call-ID: se%d@10.0.0.9\n"
                             "CSeq: 1 INVITE\n"
                             "Content-Length: 0\n\n",
                             n, n, n));
  osip_ist_execute(osip);
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;

  h_init(&osip);
  h_send_verbose = 0;

  h_step("1xx send returns 1");
  tr = invite(osip, 1);
  h_send_next(1);
  h_exec(tr, resp(tr, 1, 180, 1));
  h_tr(tr);

  h_step("final send returns -1: no timers");
  tr = invite(osip, 2);
  h_send_next(-1);
  h_exec(tr, resp(tr, 2, 404, 1));
  h_tr(tr);

  h_step("2xx send returns -3");
  tr = invite(osip, 3);
  h_send_next(-3);
  h_exec(tr, resp(tr, 3, 200, 1));

  h_step("timer G send returns 2");
  tr = invite(osip, 4);
  h_exec(tr, resp(tr, 4, 486, 1));
  h_force(&((osip_ist_t *) tr->ist_context)->timer_g_start);
  h_send_next(2);
  h_run(osip);
  h_tr(tr);

  h_step("1xx resent on an INVITE retransmission, send returns -1");
  tr = invite(osip, 5);
  h_exec(tr, resp(tr, 5, 183, 1));
  h_send_next(-1);
  retransmit_invite(osip, 5);
  h_tr(tr);

  h_step("final resent on an INVITE retransmission, send returns 1");
  tr = invite(osip, 6);
  h_exec(tr, resp(tr, 6, 503, 1));
  h_send_next(1);
  retransmit_invite(osip, 6);

  h_step("response without Via: -5, no send");
  tr = invite(osip, 7);
  h_exec(tr, resp(tr, 7, 180, 0));
  h_tr(tr);
  h_lists(osip);
  h_done(osip);
  return 0;
}
