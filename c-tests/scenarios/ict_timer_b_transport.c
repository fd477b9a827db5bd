/* Timer B with out_socket == -999 reports a transport error (-1) instead of
 * OSIP_ICT_STATUS_TIMEOUT; with any other socket the message callback fires.
 * Sockets set through the accessors show up in the send callback. Timer D
 * over UDP (32 s) forced due by writing the field. */
#include "harness.h"

static osip_transaction_t *invite(osip_t *osip, int n) {
  return h_create_add(osip, h_evt_outf("INVITE sip:bob@example.com SIP/2.0\n"
                                       "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKtb%d\n"
                                       "From: <sip:alice@example.com>;tag=f%d\n"
                                       "To: <sip:bob@example.com>\n"
                                       "Call-ID: tb%d@10.0.0.1\n"
                                       "CSeq: 1 INVITE\n"
                                       "Content-Length: 0\n\n",
                                       n, n, n));
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *a, *b, *c;

  h_init(&osip);
  h_send_verbose = 0;
  a = invite(osip, 1);
  b = invite(osip, 2);
  c = invite(osip, 3);
  printf("set_out_socket -> %d\n", osip_transaction_set_out_socket(a, -999));
  printf("set_in_socket -> %d\n", osip_transaction_set_in_socket(a, 12));
  printf("set_out_socket -> %d\n", osip_transaction_set_out_socket(b, 33));
  h_run(osip);

  h_step("timer B for both");
  h_force(&((osip_ict_t *) a->ict_context)->timer_b_start);
  h_force_zero(&((osip_ict_t *) b->ict_context)->timer_b_start);
  h_run(osip);
  h_tr(a);
  h_tr(b);

  h_step("timer D over UDP");
  h_find_add(osip, h_evt_in("SIP/2.0 486 Busy\n"
                            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKtb3\n"
                            "From: <sip:alice@example.com>;tag=f3\n"
                            "To: <sip:bob@example.com>;tag=x\n"
                            "Call-ID: tb3@10.0.0.1\n"
                            "CSeq: 1 INVITE\n"
                            "Content-Length: 0\n\n"));
  h_run(osip);
  h_tr(c);
  h_timeout(osip);
  h_force_back(&((osip_ict_t *) c->ict_context)->timer_d_start);
  h_timeout(osip);
  h_run(osip);
  h_tr(c);
  h_lists(osip);
  h_done(osip);
  return 0;
}
