/* Events put into a transaction's fifo directly with osip_fifo_add /
 * osip_fifo_insert (bypassing osip_transaction_add_event, so their
 * transactionid stays as given) are executed by osip_*_execute in fifo
 * order, count as pending for the ICT in osip_timers_gettimeout and
 * osip_timers_ict_execute; events taken out again with osip_fifo_tryget are
 * not executed; the application executes one itself. */
#include "harness.h"

static osip_t *osip;

static osip_event_t *invite_resp(int code) {
  return h_evt_inf("SIP/2.0 %d Reason\n"
                   "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKfifo\n"
                   "From: <sip:a@example.com>;tag=1\n"
                   "To: <sip:b@example.com>;tag=2\n"
                   "Call-ID: fifo@x\n"
                   "CSeq: 1 INVITE\n"
                   "Content-Length: 0\n\n",
                   code);
}

int main(void) {
  osip_transaction_t *tr;
  osip_event_t *evt;

  h_init(&osip);
  h_send_verbose = 0;
  evt = h_evt_out_text("INVITE sip:b@example.com SIP/2.0\n"
                       "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKfifo\n"
                       "From: <sip:a@example.com>;tag=1\n"
                       "To: <sip:b@example.com>\n"
                       "Call-ID: fifo@x\n"
                       "CSeq: 1 INVITE\n"
                       "Content-Length: 0\n\n");
  tr = osip_create_transaction(osip, evt);
  h_step("the INVITE event put with osip_fifo_add");
  printf("fifo_add -> %d\n", osip_fifo_add(tr->transactionff, evt));
  h_timeout(osip);
  osip_ict_execute(osip);
  h_timeout(osip);

  h_step("180 added, 100 inserted before it: 100 runs first");
  osip_fifo_add(tr->transactionff, invite_resp(180));
  osip_fifo_insert(tr->transactionff, invite_resp(100));
  h_timeout(osip);
  h_force(&((osip_ict_t *) tr->ict_context)->timer_a_start);
  osip_timers_ict_execute(osip);
  printf("fifo=%d (no timer event while one is pending)\n", osip_fifo_size(tr->transactionff));
  osip_ict_execute(osip);

  h_step("a 486 added, then taken out again");
  osip_fifo_add(tr->transactionff, invite_resp(486));
  evt = osip_fifo_tryget(tr->transactionff);
  printf("tryget -> %s\n", evt == NULL ? "NULL" : h_event_name(evt->type));
  printf("tryget again NULL: %d\n", osip_fifo_tryget(tr->transactionff) == NULL);
  osip_ict_execute(osip);
  h_timeout(osip);
  h_step("the application executes it itself");
  h_exec(tr, evt);
  h_tr(tr);
  h_done(osip);
  return 0;
}
