/* NICT REGISTER over UDP, reference trace S4: destination from the
 * request-URI (default port 5060); timer E armed by the send; the 5.3.0
 * timer E schedule computed from created_time (moved back by 100 / 700 /
 * 1500 / 2500 / 2600 / 2700 ms; two timer passes each, so two
 * retransmissions): 500 / 1000 / 2000 / 4000 / 4000 / 4000; then a 100
 * Trying sets E to 4000 and PROCEEDING keeps it at 4000; finally
 * out_socket -999 and timer F: transport error -1 instead of
 * OSIP_NICT_STATUS_TIMEOUT. A second NICT times out normally (F in TRYING). */
#include "harness.h"

/* created_time := now - ms, normalised. */
static void created_ago(osip_transaction_t *tr, int ms) {
  struct timeval now;
  long long us;

  osip_gettimeofday(&now, NULL);
  us = (long long) now.tv_sec * 1000000 + now.tv_usec - (long long) ms * 1000;
  tr->created_time.tv_sec = us / 1000000;
  tr->created_time.tv_usec = us % 1000000;
}

static osip_transaction_t *reg(osip_t *osip, int n) {
  return h_create_add(osip, h_evt_outf("REGISTER sip:reg.example.com SIP/2.0\n"
                                       "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKreg%d\n"
                                       "From: <sip:alice@example.com>;tag=r%d\n"
                                       "To: <sip:alice@example.com>\n"
                                       "Call-ID: reg%d@10.0.0.1\n"
                                       "CSeq: 1 REGISTER\n"
                                       "Contact: <sip:alice@10.0.0.1>\n"
                                       "Expires: 3600\n"
                                       "Content-Length: 0\n\n",
                                       n, n, n));
}

int main(void) {
  static const int ago[] = {100, 700, 1500, 2500, 2600, 2700};
  osip_t *osip;
  osip_transaction_t *tr, *tr2;
  osip_nict_t *nict;
  int i;

  h_init(&osip);
  tr = reg(osip, 1);
  nict = tr->nict_context;
  h_tr(tr);
  h_timeout(osip);
  h_step("send the REGISTER");
  h_run(osip);
  h_send_verbose = 0;
  h_tr(tr);
  h_timeout(osip);

  for (i = 0; i < 6; i++) {
    h_step("created %d ms ago, timer E due, two timer passes", ago[i]);
    created_ago(tr, ago[i]);
    if (i % 2 == 0)
      h_force(&nict->timer_e_start);
    else
      h_force_zero(&nict->timer_e_start);
    osip_timers_nict_execute(osip);
    osip_timers_nict_execute(osip);
    printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
    osip_nict_execute(osip);
    printf("E len=%d start=%s\n", nict->timer_e_length, h_timer(&nict->timer_e_start));
  }

  h_step("100 Trying: E becomes 4000");
  nict->timer_e_length = 1000;
  h_find_add(osip, h_evt_in("SIP/2.0 100 Trying\n"
                            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKreg1\n"
                            "From: <sip:alice@example.com>;tag=r1\n"
                            "To: <sip:alice@example.com>\n"
                            "Call-ID: reg1@10.0.0.1\n"
                            "CSeq: 1 REGISTER\n"
                            "Content-Length: 0\n\n"));
  osip_nict_execute(osip);
  h_tr(tr);
  h_step("timer E in PROCEEDING: 4000");
  nict->timer_e_length = 500;
  h_force_back(&nict->timer_e_start);
  h_run(osip);
  printf("E len=%d start=%s\n", nict->timer_e_length, h_timer(&nict->timer_e_start));

  h_step("out_socket -999, timer F");
  osip_transaction_set_out_socket(tr, -999);
  h_force(&nict->timer_f_start);
  h_timeout(osip);
  h_run(osip);
  h_tr(tr);

  h_step("another REGISTER times out in TRYING");
  tr2 = reg(osip, 2);
  h_run(osip);
  h_force_back(&((osip_nict_t *) tr2->nict_context)->timer_f_start);
  h_force_back(&((osip_nict_t *) tr2->nict_context)->timer_e_start);
  osip_timers_nict_execute(osip);
  printf("fifo=%d (F is checked before E)\n", osip_fifo_size(tr2->transactionff));
  osip_nict_execute(osip);
  h_tr(tr2);
  h_lists(osip);
  h_done(osip);
  return 0;
}
