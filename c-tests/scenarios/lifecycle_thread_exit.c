/* Lifecycle: threads that end by a forced unwind (issue 14).
 *
 * 1. A user agent's worker thread runs the execute/timers loop and ends
 *    itself with osip_thread_exit() when told to stop, as applications on
 *    libosip2 do at shutdown; the main thread feeds it a REGISTER and the
 *    200 answering it, then stops and joins it. Started and stopped three
 *    times in one process.
 * 2. pthread_cancel() of threads blocked inside the library at a
 *    cancellation point: osip_fifo_get, osip_sem_wait, osip_cond_wait,
 *    osip_thread_join. Each is joined and reports PTHREAD_CANCELED.
 * 3. osip_thread_exit() from inside a send callback, that is with
 *    osip_nict_execute and the state machine on the thread's stack; then
 *    the same after the callback took another transaction out of the list,
 *    which later calls on other threads must no longer execute.
 *
 * The glibc unwinder must pass through the library's frames: a library that
 * aborts on a forced unwind kills the process here. */
#include "harness.h"

#include <osip2/osip_condv.h>

#include <pthread.h>
#include <unistd.h>

static osip_t *osip;
static volatile int stop;
static volatile int passes;

/* The application's loop: everything of the four kinds, then a short nap. */
static void *ua_worker(void *arg) {
  (void) arg;
  while (!stop) {
    osip_timers_ict_execute(osip);
    osip_timers_ist_execute(osip);
    osip_timers_nict_execute(osip);
    osip_timers_nist_execute(osip);
    osip_ict_execute(osip);
    osip_ist_execute(osip);
    osip_nict_execute(osip);
    osip_nist_execute(osip);
    passes++;
    usleep(1000);
  }
  printf("worker: stopping with osip_thread_exit()\n");
  fflush(stdout);
  osip_thread_exit();
  printf("worker: osip_thread_exit returned\n");
  return NULL;
}

/* Waits until `tr` is in `state` and the worker went round twice more, so
 * that it printed everything that state change caused. */
static void wait_for(osip_transaction_t *tr, int state) {
  int seen, i;

  for (i = 0; i < 5000 && tr->state != state; i++)
    usleep(1000);
  seen = passes;
  while (passes < seen + 2)
    usleep(1000);
  printf("main: tr=%d is %s\n", tr->transactionid, h_state_name(tr->state));
}

static void ua_round(int round) {
  struct osip_thread *t;
  osip_transaction_t *tr;
  osip_message_t *ok;
  osip_event_t *in;
  int rc;

  h_step("UA round %d", round);
  in = h_evt_inf("REGISTER sip:registrar.example.com SIP/2.0\n"
                 "Via: SIP/2.0/UDP 10.0.0.%d:5060;branch=z9hG4bKlife%d\n"
                 "From: <sip:alice@example.com>;tag=a%d\n"
                 "To: <sip:alice@example.com>\n"
                 "Call-ID: life%d@10.0.0.1\n"
                 "CSeq: %d REGISTER\n"
                 "Contact: <sip:alice@10.0.0.1>\n"
                 "Content-Length: 0\n\n",
                 round, round, round, round, round);
  tr = h_create_add(osip, in);
  stop = 0;
  printf("main: starting the worker\n");
  fflush(stdout);
  t = osip_thread_create(20000, ua_worker, NULL);
  wait_for(tr, NIST_TRYING);
  printf("main: worker started: %s\n", t != NULL ? "yes" : "no");

  ok = h_msgf("SIP/2.0 200 OK\n"
              "Via: SIP/2.0/UDP 10.0.0.%d:5060;branch=z9hG4bKlife%d\n"
              "From: <sip:alice@example.com>;tag=a%d\n"
              "To: <sip:alice@example.com>;tag=r%d\n"
              "Call-ID: life%d@10.0.0.1\n"
              "CSeq: %d REGISTER\n"
              "Content-Length: 0\n\n",
              round, round, round, round, round, round);
  rc = osip_transaction_add_event(tr, h_evt_out(ok));
  printf("main: 200 queued -> %d\n", rc);
  wait_for(tr, NIST_COMPLETED);

  stop = 1;
  rc = osip_thread_join(t);
  printf("main: worker joined -> %d\n", rc);
  osip_free(t);
  h_free(tr);
}

/* ---- cancellation --------------------------------------------------------- */

static osip_fifo_t *fifo;
static struct osip_sem *sem;
static struct osip_mutex *mutex;
static struct osip_cond *cond;
static pthread_t sleeper;
static struct osip_sem *started;

static void *block_in_fifo_get(void *arg) {
  (void) arg;
  osip_sem_post(started);
  osip_fifo_get(fifo);
  return (void *) 1;
}

static void *block_in_sem_wait(void *arg) {
  (void) arg;
  osip_sem_post(started);
  osip_sem_wait(sem);
  return (void *) 1;
}

static void unlock_on_cancel(void *m) {
  osip_mutex_unlock(m);
}

static void *block_in_cond_wait(void *arg) {
  (void) arg;
  osip_mutex_lock(mutex);
  pthread_cleanup_push(unlock_on_cancel, mutex);
  osip_sem_post(started);
  osip_cond_wait(cond, mutex);
  pthread_cleanup_pop(1);
  return (void *) 1;
}

static void *sleep_forever(void *arg) {
  (void) arg;
  for (;;)
    pause();
  return NULL;
}

static void *block_in_thread_join(void *arg) {
  struct osip_thread *t = arg;

  osip_sem_post(started);
  osip_thread_join(t);
  return (void *) 1;
}

static void cancel(const char *what, void *(*fn)(void *), void *arg) {
  pthread_t t;
  void *result = NULL;

  pthread_create(&t, NULL, fn, arg);
  osip_sem_wait(started);
  usleep(50000); /* let it reach the blocking call */
  pthread_cancel(t);
  pthread_join(t, &result);
  printf("cancelled in %s: %s\n", what, result == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "returned");
}

static void cancellation(void) {
  struct osip_thread *inner;

  h_step("pthread_cancel inside the library");
  fifo = osip_malloc(sizeof(osip_fifo_t));
  osip_fifo_init(fifo);
  sem = osip_sem_init(0);
  mutex = osip_mutex_init();
  cond = osip_cond_init();
  started = osip_sem_init(0);

  cancel("osip_fifo_get", block_in_fifo_get, NULL);
  cancel("osip_sem_wait", block_in_sem_wait, NULL);
  cancel("osip_cond_wait", block_in_cond_wait, NULL);

  inner = osip_thread_create(20000, sleep_forever, NULL);
  cancel("osip_thread_join", block_in_thread_join, inner);
  sleeper = *(pthread_t *) inner;
  pthread_cancel(sleeper);
  printf("inner thread joined -> %d\n", osip_thread_join(inner));
  osip_free(inner);

  osip_fifo_free(fifo);
  osip_sem_destroy(sem);
  osip_mutex_destroy(mutex);
  osip_cond_destroy(cond);
  osip_sem_destroy(started);
}

/* ---- exit from a callback ------------------------------------------------- */

/* The transaction the send callback takes out of the list before ending
 * its thread (NULL: none). */
static osip_transaction_t *remove_first;

static int exit_in_send(osip_transaction_t *tr, osip_message_t *msg, char *host, int port, int out_socket) {
  (void) msg;
  (void) host;
  (void) port;
  (void) out_socket;
  if (remove_first != NULL) {
    int rc = osip_remove_transaction(osip, remove_first);

    printf("send callback of tr=%d: osip_remove_transaction(tr=%d) -> %d\n", tr->transactionid,
           remove_first->transactionid, rc);
  }
  printf("send callback of tr=%d: osip_thread_exit()\n", tr->transactionid);
  fflush(stdout);
  osip_thread_exit();
  return 0;
}

static int print_send(osip_transaction_t *tr, osip_message_t *msg, char *host, int port, int out_socket) {
  (void) msg;
  (void) host;
  (void) port;
  (void) out_socket;
  printf("send of tr=%d\n", tr->transactionid);
  return 0;
}

static void *execute_nict(void *arg) {
  (void) arg;
  osip_nict_execute(osip);
  return (void *) 1;
}

static osip_transaction_t *options(const char *branch) {
  return h_create_add(osip, h_evt_outf("OPTIONS sip:bob@example.net SIP/2.0\n"
                                       "Via: SIP/2.0/UDP 10.0.0.9:5060;branch=%s\n"
                                       "From: <sip:alice@example.com>;tag=x1\n"
                                       "To: <sip:bob@example.net>\n"
                                       "Call-ID: %s@10.0.0.9\n"
                                       "CSeq: 1 OPTIONS\n"
                                       "Content-Length: 0\n\n",
                                       branch, branch));
}

/* Runs osip_nict_execute on a thread that the send callback ends. The
 * event being executed when the thread ended was taken from the fifo but
 * never freed (its message is the transaction's request now): with either
 * library the application frees it, or it is lost. */
static void execute_on_doomed_thread(osip_transaction_t *tr) {
  pthread_t t;
  void *result = (void *) 2;
  osip_event_t *evt = osip_fifo_get(tr->transactionff);

  osip_fifo_insert(tr->transactionff, evt);
  pthread_create(&t, NULL, execute_nict, NULL);
  pthread_join(t, &result);
  printf("thread ended %s\n", result == NULL ? "by osip_thread_exit" : "otherwise");
  printf("tr=%d state %s\n", h_id(tr), h_state_name(tr->state));
  osip_free(evt);
}

static void exit_from_callback(void) {
  osip_transaction_t *tr, *other;

  h_step("osip_thread_exit inside a callback");
  osip_set_cb_send_message(osip, exit_in_send);
  tr = options("z9hG4bKexitcb");
  execute_on_doomed_thread(tr);
  h_free(tr);

  /* The walk the thread left unfinished must not outlive it: a
   * transaction taken out of the list during it is not executed by later
   * calls (libosip2 walks a copy of the list made at each call). */
  h_step("a transaction removed in the callback of an ended thread");
  tr = options("z9hG4bKexitcb1");
  other = options("z9hG4bKexitcb2");
  remove_first = other;
  execute_on_doomed_thread(tr);
  remove_first = NULL;
  osip_set_cb_send_message(osip, print_send);
  printf("fifo of tr=%d: %d\n", h_id(other), osip_fifo_size(other->transactionff));
  osip_nict_execute(osip);
  printf("fifo of tr=%d: %d\n", h_id(other), osip_fifo_size(other->transactionff));
  h_lists(osip);
  h_free(tr);
  h_free(other);
}

int main(void) {
  int round;

  h_init(&osip);
  h_send_verbose = 0;
  for (round = 1; round <= 3; round++)
    ua_round(round);
  cancellation();
  exit_from_callback();
  h_done(osip);
  printf("done\n");
  return 0;
}
