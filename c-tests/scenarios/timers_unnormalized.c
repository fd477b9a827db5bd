/* Timer starts written by the application without normalising tv_usec
 * (spec 9.2, 11.3): libosip2 compares seconds first and microseconds only
 * when the seconds are equal, so {now+1 s, -1000000 us} is not due although
 * it means "now" (+2 s and -2000000 us here, so that a second boundary
 * passing changes nothing), and {now-1 s, 2500000 us} is due although it
 * means "in 1.5 s"; tv_sec -2 (not -1) is armed and due. The same comparisons decide
 * what osip_timers_gettimeout takes as the earliest timer. */
#include "harness.h"

static void set(struct timeval *tv, long dsec, long usec) {
  struct timeval now;

  osip_gettimeofday(&now, NULL);
  tv->tv_sec = now.tv_sec + dsec;
  tv->tv_usec = usec;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;
  osip_nict_t *nict;

  h_init(&osip);
  h_send_verbose = 0;
  tr = h_create_add(osip, h_evt_out_text("OPTIONS sip:b@example.com SIP/2.0\n"
                                         "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKunnorm\n"
                                         "From: <sip:a@example.com>;tag=1\n"
                                         "To: <sip:b@example.com>\n"
                                         "Call-ID: unnorm@x\n"
                                         "CSeq: 1 OPTIONS\n"
                                         "Content-Length: 0\n\n"));
  h_run(osip);
  nict = tr->nict_context;

  h_step("E = {now+2 s, -2000000}: not due");
  set(&nict->timer_e_start, 2, -2000000);
  osip_timers_nict_execute(osip);
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  h_step("E = {now+3 s, -2500000}: not due");
  set(&nict->timer_e_start, 3, -2500000);
  osip_timers_nict_execute(osip);
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  h_step("E = {now-1 s, 2500000}: due");
  set(&nict->timer_e_start, -1, 2500000);
  h_timeout(osip);
  osip_timers_nict_execute(osip);
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  osip_nict_execute(osip);
  h_step("E = {-2, 0}: armed and due");
  nict->timer_e_start.tv_sec = -2;
  nict->timer_e_start.tv_usec = 0;
  h_timeout(osip);
  osip_timers_nict_execute(osip);
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  osip_nict_execute(osip);
  h_step("E = {-1, 999999}: disarmed whatever tv_usec says");
  nict->timer_e_start.tv_sec = -1;
  nict->timer_e_start.tv_usec = 999999;
  osip_timers_nict_execute(osip);
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  /* The remaining times below stay in the (8 s, 16 s] rounding bucket
   * whatever the current tv_usec is, even if a second boundary passes. */
  h_step("F = {now+40 s, -28000000} (means now+12 s) and E disarmed: F is the earliest");
  set(&nict->timer_f_start, 40, -28000000);
  h_timeout(osip);
  h_step("F = {now+2 s, 0}, E = {now+1 s, 10000000} (later, but smaller seconds): E is the earliest");
  set(&nict->timer_f_start, 2, 0);
  set(&nict->timer_e_start, 1, 10000000);
  h_timeout(osip);
  h_done(osip);
  return 0;
}
