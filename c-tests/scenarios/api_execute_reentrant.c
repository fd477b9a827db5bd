/* Re-entrant use of osip_*_execute (spec 5.12): events a callback queues on
 * the transaction being drained run in the same call; a transaction a
 * callback removes from the list (without freeing it) is still visited in
 * that call; a transaction a callback creates is only visited by the next
 * call; osip_timers_*_execute and osip_timers_gettimeout from inside a
 * callback do not deadlock. __osip_find_transaction with consume 0 finds
 * without queueing. */
#include "harness.h"

static osip_t *osip;
static osip_transaction_t *b, *created;
static int step;

static osip_event_t *options(int n) {
  return h_evt_inf("OPTIONS sip:b@example.com SIP/2.0\n"
                   "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKre%d\n"
                   "From: <sip:a@example.com>;tag=1\n"
                   "To: <sip:b@example.com>\n"
                   "Call-ID: re%d@x\n"
                   "CSeq: 1 OPTIONS\n"
                   "Content-Length: 0\n\n",
                   n, n);
}

static osip_event_t *ok(osip_transaction_t *tr, int n) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 200 OK\n"
                                 "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKre%d\n"
                                 "From: <sip:a@example.com>;tag=1\n"
                                 "To: <sip:b@example.com>;tag=2\n"
                                 "Call-ID: re%d@x\n"
                                 "CSeq: 1 OPTIONS\n"
                                 "Content-Length: 0\n\n",
                                 n, n);
  evt->transactionid = tr->transactionid;
  return evt;
}

static void hook(int type, osip_transaction_t *tr, osip_message_t *msg) {
  (void) msg;
  if (type != OSIP_NIST_OPTIONS_RECEIVED)
    return;
  if (tr->transactionid == 1 && step == 0) {
    step = 1;
    printf("  hook: queue the 200 on tr 1 itself\n");
    osip_transaction_add_event(tr, ok(tr, 1));
    printf("  hook: remove tr 2 from the list\n");
    printf("  remove -> %d\n", osip_remove_transaction(osip, b));
    printf("  hook: create tr 3 with its request queued\n");
    created = h_create_add(osip, options(3));
    printf("  hook: timers and timeout from inside\n");
    osip_timers_nist_execute(osip);
    h_timeout(osip);
    h_lists(osip);
  }
}

int main(void) {
  osip_transaction_t *a;
  osip_event_t *evt;

  h_init(&osip);
  h_send_verbose = 0;
  h_kill_remove = 0;
  a = h_create_add(osip, options(1));
  b = h_create_add(osip, options(2));

  h_step("__osip_find_transaction with consume 0");
  evt = options(2);
  printf("find -> tr=%d\n", h_id(__osip_find_transaction(osip, evt, 0)));
  printf("fifo of tr 2: %d\n", osip_fifo_size(b->transactionff));
  printf("find consume -> tr=%d\n", h_id(__osip_find_transaction(osip, evt, 1)));
  printf("fifo of tr 2: %d\n", osip_fifo_size(b->transactionff));

  h_step("first osip_nist_execute");
  h_on_message = hook;
  osip_nist_execute(osip);
  h_tr(a);
  h_tr(b);
  h_tr(created);
  h_step("second osip_nist_execute");
  osip_nist_execute(osip);
  h_on_message = NULL;
  h_tr(created);
  h_lists(osip);
  h_free(b);
  h_done(osip);
  return 0;
}
