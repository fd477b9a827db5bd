/* ICT over UDP: timer A doubles without a cap (1000 ... 64000, each with a
 * retransmission and INVITE_SENT_AGAIN), a send returning 1 doubles it again
 * but reports nothing; then timer B fires: STATUS_TIMEOUT with a NULL
 * message, TERMINATED, kill. Timers are forced due both through
 * osip_gettimeofday/add_gettimeofday and by writing the field. */
#include "harness.h"

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;
  osip_ict_t *ict;
  int i;

  h_init(&osip);
  h_send_verbose = 0;
  tr = h_create_add(osip, h_evt_out_text("INVITE sip:bob@192.0.2.5:5080 SIP/2.0\n"
                                         "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa1\n"
                                         "From: <sip:alice@example.com>;tag=1\n"
                                         "To: <sip:bob@example.com>\n"
                                         "Call-ID: ta@10.0.0.1\n"
                                         "CSeq: 1 INVITE\n"
                                         "Content-Length: 0\n\n"));
  h_run(osip);
  ict = tr->ict_context;
  h_tr(tr);
  for (i = 0; i < 7; i++) {
    h_step("timer A forced (%s)", i % 2 == 0 ? "gettimeofday" : "field write");
    if (i % 2 == 0)
      h_force(&ict->timer_a_start);
    else
      h_force_back(&ict->timer_a_start);
    h_run(osip);
    printf("A len=%d start=%s\n", ict->timer_a_length, h_timer(&ict->timer_a_start));
    h_timeout(osip);
  }
  h_step("timer A forced, the send returns 1 (in progress)");
  h_send_next(1);
  h_force_zero(&ict->timer_a_start);
  h_run(osip);
  printf("A len=%d start=%s state=%s\n", ict->timer_a_length, h_timer(&ict->timer_a_start),
         h_state_name(tr->state));

  h_step("timer B forced: A is due too, B is checked first");
  h_force(&ict->timer_a_start);
  h_force(&ict->timer_b_start);
  osip_timers_ict_execute(osip);
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  osip_timers_ict_execute(osip);
  printf("fifo after a second pass=%d (ICT skips transactions with pending events)\n",
         osip_fifo_size(tr->transactionff));
  osip_ict_execute(osip);
  h_tr(tr);
  h_lists(osip);
  h_done(osip);
  return 0;
}
