/* NICT send results and reliable transports (spec 7.3, 7.5): over TCP a
 * successful first send disarms timer E and K is 0; a first send returning
 * 1 over TCP arms E with 500 ms (DEFAULT_T1_TCP_PROGRESS) and the sent
 * callback still fires; E then fires and the send succeeds: SENT_AGAIN and E
 * disarmed (S7). Over UDP a first send returning 1 arms E too. A first send
 * <0 is a transport error with no sent callback; a timer E send <0 too; a
 * timer E send >0 reports nothing. */
#include "harness.h"

static osip_transaction_t *bye(osip_t *osip, const char *transport, int n) {
  return h_create_add(osip, h_evt_outf("BYE sip:bob@192.0.2.9:5099 SIP/2.0\n"
                                       "Via: SIP/2.0/%s 10.0.0.1:5060;branch=z9hG4bKt%d\n"
                                       "From: <sip:alice@example.com>;tag=t%d\n"
                                       "To: <sip:bob@example.com>;tag=u\n"
                                       "Call-ID: t%d@10.0.0.1\n"
                                       "CSeq: 2 BYE\n"
                                       "Content-Length: 0\n\n",
                                       transport, n, n, n));
}

static void print_e(osip_transaction_t *tr) {
  osip_nict_t *n = tr->nict_context;

  printf("tr=%d state=%s E len=%d start=%s K len=%d\n", tr->transactionid, h_state_name(tr->state),
         n->timer_e_length, h_timer(&n->timer_e_start), n->timer_k_length);
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;

  h_init(&osip);
  h_send_verbose = 0;

  h_step("TCP, send 0");
  tr = bye(osip, "TCP", 1);
  h_run(osip);
  print_e(tr);
  h_find_add(osip, h_evt_in("SIP/2.0 200 OK\n"
                            "Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKt1\n"
                            "From: <sip:alice@example.com>;tag=t1\n"
                            "To: <sip:bob@example.com>;tag=u\n"
                            "Call-ID: t1@10.0.0.1\n"
                            "CSeq: 2 BYE\n"
                            "Content-Length: 0\n\n"));
  osip_nict_execute(osip);
  print_e(tr);
  h_timeout(osip);
  h_run(osip);

  h_step("TCP, send 1 (in progress)");
  tr = bye(osip, "TCP", 2);
  h_send_next(1);
  h_run(osip);
  print_e(tr);
  h_force(&((osip_nict_t *) tr->nict_context)->timer_e_start);
  h_run(osip);
  print_e(tr);

  h_step("TCP, send 1, then a 1xx: E (armed for the connection) becomes 4000");
  tr = bye(osip, "TCP", 8);
  h_send_next(1);
  h_run(osip);
  h_find_add(osip, h_evt_in("SIP/2.0 100 Trying\n"
                            "Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKt8\n"
                            "From: <sip:alice@example.com>;tag=t8\n"
                            "To: <sip:bob@example.com>;tag=u\n"
                            "Call-ID: t8@10.0.0.1\n"
                            "CSeq: 2 BYE\n"
                            "Content-Length: 0\n\n"));
  h_run(osip);
  print_e(tr);
  h_step("TCP, send 0, then a 1xx: E stays disarmed");
  tr = bye(osip, "TCP", 9);
  h_run(osip);
  h_find_add(osip, h_evt_in("SIP/2.0 100 Trying\n"
                            "Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKt9\n"
                            "From: <sip:alice@example.com>;tag=t9\n"
                            "To: <sip:bob@example.com>;tag=u\n"
                            "Call-ID: t9@10.0.0.1\n"
                            "CSeq: 2 BYE\n"
                            "Content-Length: 0\n\n"));
  h_run(osip);
  print_e(tr);

  h_step("UDP, send 1");
  tr = bye(osip, "UDP", 3);
  h_send_next(1);
  h_run(osip);
  print_e(tr);
  h_step("UDP, timer E send returns 1: nothing reported");
  h_force_back(&((osip_nict_t *) tr->nict_context)->timer_e_start);
  h_send_next(1);
  h_run(osip);
  print_e(tr);
  h_step("UDP, timer E send returns -4");
  h_force_back(&((osip_nict_t *) tr->nict_context)->timer_e_start);
  h_send_next(-4);
  h_run(osip);
  print_e(tr);

  h_step("UDP, in PROCEEDING: timer E send returns 1 (silent), then -1");
  tr = bye(osip, "UDP", 10);
  h_run(osip);
  h_find_add(osip, h_evt_in("SIP/2.0 180 Ringing\n"
                            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKt10\n"
                            "From: <sip:alice@example.com>;tag=t10\n"
                            "To: <sip:bob@example.com>;tag=u\n"
                            "Call-ID: t10@10.0.0.1\n"
                            "CSeq: 2 BYE\n"
                            "Content-Length: 0\n\n"));
  h_run(osip);
  h_force(&((osip_nict_t *) tr->nict_context)->timer_e_start);
  h_send_next(1);
  h_run(osip);
  print_e(tr);
  h_force(&((osip_nict_t *) tr->nict_context)->timer_e_start);
  h_send_next(-1);
  h_run(osip);
  print_e(tr);

  h_step("UDP, first send returns -1");
  tr = bye(osip, "UDP", 4);
  h_send_next(-1);
  h_run(osip);
  h_tr(tr);
  h_step("SCTP and TLS are reliable too, DTLS-UDP is not");
  {
    osip_transaction_t *sctp = bye(osip, "SCTP", 5), *tls = bye(osip, "tls", 6), *dtls = bye(osip, "DTLS-UDP", 7);

    h_run(osip);
    print_e(sctp);
    print_e(tls);
    print_e(dtls);
  }
  h_lists(osip);
  h_done(osip);
  return 0;
}
