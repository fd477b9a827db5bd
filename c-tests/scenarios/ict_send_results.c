/* ICT send-result interpretation at every send site (spec 7.5):
 * first INVITE send <0 (transport error, killed) and >0 over TCP (in
 * progress: INVITE_SENT still reported, timer A kept armed; the next timer A
 * send succeeding disarms it); timer A send <0; ACK send >0 and <0 (any
 * non-zero is an error); ACK retransmission send <0. */
#include "harness.h"

static osip_transaction_t *invite(osip_t *osip, const char *transport, int n) {
  return h_create_add(osip, h_evt_outf("INVITE sip:bob@example.com SIP/2.0\n"
                                       "Via: SIP/2.0/%s 10.0.0.1:5060;branch=z9hG4bKsr%d\n"
                                       "From: <sip:alice@example.com>;tag=f%d\n"
                                       "To: <sip:bob@example.com>\n"
                                       "Call-ID: sr%d@10.0.0.1\n"
                                       "CSeq: 1 INVITE\n"
                                       "Content-Length: 0\n\n",
                                       transport, n, n, n));
}

static osip_event_t *response(const char *transport, int n, int code) {
  return h_evt_inf("SIP/2.0 %d Whatever\n"
                   "Via: SIP/2.0/%s 10.0.0.1:5060;branch=z9hG4bKsr%d\n"
                   "From: <sip:alice@example.com>;tag=f%d\n"
                   "To: <sip:bob@example.com>;tag=t\n"
                   "Call-ID: sr%d@10.0.0.1\n"
                   "CSeq: 1 INVITE\n"
                   "Content-Length: 0\n\n",
                   code, transport, n, n, n);
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;

  h_init(&osip);
  h_send_verbose = 0;

  h_step("UDP, first send returns -1");
  tr = invite(osip, "UDP", 1);
  h_send_next(-1);
  h_run(osip);
  h_tr(tr);

  h_step("UDP, first send returns -7: the code is passed on");
  tr = invite(osip, "UDP", 2);
  h_send_next(-7);
  h_run(osip);

  h_step("TCP, first send returns 1 (connect in progress)");
  tr = invite(osip, "TCP", 3);
  h_send_next(1);
  h_run(osip);
  h_tr(tr);
  h_step("timer A fires on TCP, the send succeeds: A disarmed");
  h_force(&((osip_ict_t *) tr->ict_context)->timer_a_start);
  h_run(osip);
  h_tr(tr);
  h_step("200 OK on TCP");
  h_find_add(osip, response("TCP", 3, 200));
  h_run(osip);

  h_step("TCP, timer A send returns 1 again: no INVITE_SENT_AGAIN, A stays");
  tr = invite(osip, "TCP", 4);
  h_send_next(1);
  h_run(osip);
  h_force_back(&((osip_ict_t *) tr->ict_context)->timer_a_start);
  h_send_next(1);
  h_run(osip);
  h_tr(tr);
  h_step("timer A send returns -1");
  h_force_back(&((osip_ict_t *) tr->ict_context)->timer_a_start);
  h_send_next(-1);
  h_run(osip);
  h_tr(tr);

  h_step("UDP, the ACK send returns 1");
  tr = invite(osip, "UDP", 5);
  h_run(osip);
  h_find_add(osip, response("UDP", 5, 480));
  h_send_next(1);
  h_run(osip);
  h_tr(tr);

  h_step("UDP, the ACK send returns -1");
  tr = invite(osip, "UDP", 6);
  h_run(osip);
  h_find_add(osip, response("UDP", 6, 404));
  h_send_next(-1);
  h_run(osip);

  h_step("UDP, the ACK retransmission send returns -2");
  tr = invite(osip, "UDP", 7);
  h_run(osip);
  h_find_add(osip, response("UDP", 7, 500));
  h_run(osip);
  h_find_add(osip, response("UDP", 7, 500));
  h_send_next(-2);
  h_run(osip);
  h_tr(tr);

  h_lists(osip);
  h_done(osip);
  return 0;
}
