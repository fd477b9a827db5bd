/* The threaded application pattern: one thread per transaction blocks in
 * osip_fifo_get on the transaction's fifo and runs every event through
 * osip_transaction_execute; the main thread feeds events (outgoing request,
 * incoming responses, timers) and waits on a semaphore after each one, so
 * the output order is deterministic. A KILL_TRANSACTION event (allocated
 * with osip_malloc) makes each worker stop; the main thread joins it and
 * frees the thread handle with osip_free, then the transaction. */
#include "harness.h"

#define N 3

static osip_t *osip;
static struct osip_sem *done;
static osip_transaction_t *trs[N];

static void *worker(void *arg) {
  osip_transaction_t *tr = arg;

  for (;;) {
    osip_event_t *evt = osip_fifo_get(tr->transactionff);
    int kill, rc;

    if (evt == NULL)
      continue;
    kill = evt->type == KILL_TRANSACTION;
    printf("worker tr=%d got %s\n", tr->transactionid, h_event_name(evt->type));
    rc = osip_transaction_execute(tr, evt);
    printf("worker tr=%d execute -> %d\n", tr->transactionid, rc);
    osip_sem_post(done);
    if (kill)
      return NULL;
  }
}

static void wait_worker(void) {
  osip_sem_wait(done);
}

static const char *methods[N] = {"OPTIONS", "MESSAGE", "SUBSCRIBE"};

int main(void) {
  struct osip_thread *threads[N];
  int i, rc;

  h_init(&osip);
  h_kill_remove = 1;
  h_send_verbose = 0;
  done = osip_sem_init(0);
  for (i = 0; i < N; i++) {
    osip_event_t *evt = h_evt_outf("%s sip:peer@example.net SIP/2.0\n"
                                   "Via: SIP/2.0/UDP 10.1.1.1:5060;branch=z9hG4bKthr%d\n"
                                   "From: <sip:me@example.com>;tag=t%d\n"
                                   "To: <sip:peer@example.net>\n"
                                   "Call-ID: thr%d@10.1.1.1\n"
                                   "CSeq: 1 %s\n"
                                   "Event: presence\n"
                                   "Content-Length: 0\n\n",
                                   methods[i], i, i, i, methods[i]);

    trs[i] = osip_create_transaction(osip, evt);
    osip_transaction_add_event(trs[i], evt);
  }
  for (i = 0; i < N; i++) {
    h_step("start worker %d", i);
    threads[i] = osip_thread_create(20000, worker, trs[i]);
    wait_worker();
  }
  for (i = N - 1; i >= 0; i--) {
    h_step("response for %s", methods[i]);
    rc = osip_find_transaction_and_add_event(osip, h_evt_inf("SIP/2.0 %d Reason\n"
                               "Via: SIP/2.0/UDP 10.1.1.1:5060;branch=z9hG4bKthr%d\n"
                               "From: <sip:me@example.com>;tag=t%d\n"
                               "To: <sip:peer@example.net>;tag=p\n"
                               "Call-ID: thr%d@10.1.1.1\n"
                               "CSeq: 1 %s\n"
                               "Content-Length: 0\n\n",
                               i == 1 ? 180 : 200 + i, i, i, i, methods[i]));
    wait_worker();
    printf("find+add -> %d\n", rc);
  }
  /* One timer at a time: two workers running at once would interleave. */
  h_step("timer K of the completed ones, timer E of the proceeding one");
  h_force(&((osip_nict_t *) trs[0]->nict_context)->timer_k_start);
  osip_timers_nict_execute(osip);
  wait_worker();
  h_force_back(&((osip_nict_t *) trs[2]->nict_context)->timer_k_start);
  osip_timers_nict_execute(osip);
  wait_worker();
  h_force(&((osip_nict_t *) trs[1]->nict_context)->timer_e_start);
  osip_timers_nict_execute(osip);
  wait_worker();
  h_lists(osip);
  h_step("stop the workers");
  for (i = 0; i < N; i++) {
    osip_transaction_add_event(trs[i], h_evt_plain(KILL_TRANSACTION, 0));
    wait_worker();
    printf("join %d -> %d\n", i, osip_thread_join(threads[i]));
    osip_free(threads[i]);
    h_free(trs[i]);
  }
  osip_sem_destroy(done);
  h_lists(osip);
  h_done(osip);
  return 0;
}
