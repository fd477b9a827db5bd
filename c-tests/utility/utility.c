/* The utility layer of libosip2 (fifo, mutex, semaphore, condition
   variable, threads, time) exercised by a C program written against the
   upstream headers. Its output is deterministic and must be identical when
   run with Debian's libosip2 and with ours. It also counts allocations made
   through the parser's allocator hooks, which both libraries must use. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <osip2/osip.h>
#include <osip2/osip_condv.h>

static int allocs, frees;

static void *counting_malloc(size_t n) {
  allocs++;
  return malloc(n);
}

static void *counting_realloc(void *p, size_t n) {
  return realloc(p, n);
}

static void counting_free(void *p) {
  frees++;
  free(p);
}

static void allocations(const char *what) {
  printf("%s: allocs %d frees %d\n", what, allocs, frees);
  allocs = frees = 0;
}

static void sleep_ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  nanosleep(&ts, NULL);
}

static long ms_between(const struct timeval *a, const struct timeval *b) {
  return (b->tv_sec - a->tv_sec) * 1000L + (b->tv_usec - a->tv_usec) / 1000L;
}

static int elements[8];

static void *producer(void *arg) {
  osip_fifo_t *ff = (osip_fifo_t *) arg;
  sleep_ms(100);
  osip_fifo_add(ff, &elements[5]);
  return NULL;
}

static void fifo(void) {
  osip_fifo_t *ff = (osip_fifo_t *) osip_malloc(sizeof(osip_fifo_t));
  struct osip_thread *t;
  struct timeval before, after;
  int i;

  osip_fifo_init(ff);
  allocations("fifo init");
  printf("fifo: state %s, size %d, tryget on empty %s\n", ff->state == osip_empty ? "empty" : "ok", osip_fifo_size(ff),
         osip_fifo_tryget(ff) == NULL ? "NULL" : "element");
  for (i = 1; i <= 3; i++)
    printf("fifo add %d -> %d\n", i, osip_fifo_add(ff, &elements[i]));
  printf("fifo insert 0 -> %d, state %s\n", osip_fifo_insert(ff, &elements[0]), ff->state == osip_ok ? "ok" : "empty");
  printf("fifo size %d\n", osip_fifo_size(ff));
  for (i = 0; i < 2; i++)
    printf("fifo get -> element %d\n", (int) ((int *) osip_fifo_get(ff) - elements));
  while (osip_fifo_size(ff) > 0)
    printf("fifo tryget -> element %d\n", (int) ((int *) osip_fifo_tryget(ff) - elements));
  printf("fifo: state %s, tryget %s\n", ff->state == osip_empty ? "empty" : "ok",
         osip_fifo_tryget(ff) == NULL ? "NULL" : "element");
  allocations("fifo traffic");

  osip_gettimeofday(&before, NULL);
  t = osip_thread_create(20000, producer, ff);
  printf("fifo get blocks: element %d", (int) ((int *) osip_fifo_get(ff) - elements));
  osip_gettimeofday(&after, NULL);
  printf(", waited >= 90 ms: %s\n", ms_between(&before, &after) >= 90 ? "yes" : "no");
  printf("join producer -> %d\n", osip_thread_join(t));
  osip_free(t);
  allocations("fifo with producer thread");

  osip_fifo_add(ff, &elements[7]); /* left queued: not freed by osip_fifo_free */
  osip_fifo_free(ff);
  allocations("fifo free");
  osip_fifo_free(NULL);
}

static struct osip_mutex *counter_mutex;
static int counter;

static void *count_up(void *arg) {
  int i;
  (void) arg;
  for (i = 0; i < 20000; i++) {
    osip_mutex_lock(counter_mutex);
    counter++;
    osip_mutex_unlock(counter_mutex);
  }
  return NULL;
}

static void mutex(void) {
  struct osip_thread *t[4];
  int i, r;

  counter_mutex = osip_mutex_init();
  allocations("mutex init");
  r = osip_mutex_lock(counter_mutex);
  printf("mutex lock %d", r);
  printf(" unlock %d\n", osip_mutex_unlock(counter_mutex));
  for (i = 0; i < 4; i++)
    t[i] = osip_thread_create(0, count_up, NULL);
  for (i = 0; i < 4; i++) {
    printf("join counter thread %d -> %d\n", i, osip_thread_join(t[i]));
    osip_free(t[i]);
  }
  printf("counter %d\n", counter);
  allocations("4 threads");
  osip_mutex_destroy(counter_mutex);
  allocations("mutex destroy");
  printf("mutex NULL: lock %d unlock %d\n", osip_mutex_lock(NULL), osip_mutex_unlock(NULL));
  osip_mutex_destroy(NULL);
}

static void semaphore(void) {
  struct osip_sem *s = osip_sem_init(2);
  int r;

  allocations("sem init");
  printf("sem trywait %d", osip_sem_trywait(s));
  printf(", wait %d", osip_sem_wait(s));
  errno = 0;
  r = osip_sem_trywait(s);
  printf(", trywait on zero %d (%s)", r, errno == EAGAIN ? "EAGAIN" : "other errno");
  printf(", post %d", osip_sem_post(s));
  printf(", trywait %d\n", osip_sem_trywait(s));
  printf("sem destroy %d\n", osip_sem_destroy(s));
  allocations("sem destroy");
  printf("sem NULL: destroy %d post %d wait %d trywait %d\n", osip_sem_destroy(NULL), osip_sem_post(NULL),
         osip_sem_wait(NULL), osip_sem_trywait(NULL));
}

static struct osip_cond *cond;
static struct osip_mutex *cond_mutex;
static int ready;

static void *signaller(void *arg) {
  (void) arg;
  sleep_ms(50);
  osip_mutex_lock(cond_mutex);
  ready = 1;
  osip_cond_signal(cond);
  osip_mutex_unlock(cond_mutex);
  return NULL;
}

static void condition(void) {
  struct osip_thread *t;
  struct timespec deadline;
  int r, waits = 0;

  cond = osip_cond_init();
  cond_mutex = osip_mutex_init();
  allocations("cond + mutex init");
  osip_mutex_lock(cond_mutex);
  t = osip_thread_create(0, signaller, NULL);
  while (!ready && waits < 100) {
    r = osip_cond_wait(cond, cond_mutex);
    waits++;
    if (r != 0)
      printf("cond wait -> %d\n", r);
  }
  printf("cond wait woken: ready %d\n", ready);
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 100000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_nsec -= 1000000000L;
    deadline.tv_sec++;
  }
  do
    r = osip_cond_timedwait(cond, cond_mutex, &deadline);
  while (r == 0);
  printf("cond timedwait -> %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "other");
  osip_mutex_unlock(cond_mutex);
  printf("join signaller -> %d\n", osip_thread_join(t));
  osip_free(t);
  printf("cond destroy %d\n", osip_cond_destroy(cond));
  osip_mutex_destroy(cond_mutex);
  allocations("cond lifetime");
  printf("cond NULL: destroy %d signal %d wait %d timedwait %d\n", osip_cond_destroy(NULL), osip_cond_signal(NULL),
         osip_cond_wait(NULL, NULL), osip_cond_timedwait(NULL, NULL, &deadline));
}

static int after_exit;

static void *exiting(void *arg) {
  (void) arg;
  osip_thread_exit();
  after_exit = 1;
  return NULL;
}

static void threads(void) {
  struct osip_thread *t = osip_thread_create(0, exiting, NULL);

  printf("thread: created %s", t ? "yes" : "no");
  printf(", priority %d", osip_thread_set_priority(t, 10));
  printf(", join %d", osip_thread_join(t));
  printf(", ran past exit %d\n", after_exit);
  osip_free(t);
  allocations("thread lifetime");
  printf("thread NULL: join %d priority %d\n", osip_thread_join(NULL), osip_thread_set_priority(NULL, 0));
}

static void show_add(long sec, long usec, int ms) {
  struct timeval tv;
  tv.tv_sec = sec;
  tv.tv_usec = usec;
  add_gettimeofday(&tv, ms);
  printf("add_gettimeofday {%ld,%ld} + %d -> {%ld,%ld}\n", sec, usec, ms, (long) tv.tv_sec, (long) tv.tv_usec);
}

static void show_min(long s1, long u1, long s2, long u2) {
  struct timeval a, b;
  a.tv_sec = s1;
  a.tv_usec = u1;
  b.tv_sec = s2;
  b.tv_usec = u2;
  min_timercmp(&a, &b);
  printf("min_timercmp {%ld,%ld} {%ld,%ld} -> {%ld,%ld}\n", s1, u1, s2, u2, (long) a.tv_sec, (long) a.tv_usec);
}

static void time_helpers(void) {
  struct timeval a, b, d;
  struct timespec mono;
  time_t stored = 0, secs;

  show_add(10, 999999, 1);
  show_add(10, 500000, 1000000);
  show_add(10, 500000, 999999);
  show_add(10, 500000, -600);
  show_add(0, 0, 500);
  show_add(5, 600000, 32000);
  show_add(5, 0, 2000000000);
  show_min(5, 0, 4, 999999);
  show_min(5, 0, 5, 1);
  show_min(5, 2, 5, 1);
  show_min(5, 0, -1, 0);

  printf("osip_gettimeofday -> %d", osip_gettimeofday(&a, NULL));
  clock_gettime(CLOCK_MONOTONIC, &mono);
  sleep_ms(20);
  osip_gettimeofday(&b, NULL);
  printf(", monotonic clock: %s", labs((long) (mono.tv_sec - a.tv_sec)) <= 1 ? "yes" : "no");
  printf(", advances: %s\n", osip_timercmp(&a, &b, <) ? "yes" : "no");
  osip_timersub(&b, &a, &d);
  printf("timersub >= 19 ms: %s\n", d.tv_sec > 0 || d.tv_usec >= 19000 ? "yes" : "no");
  osip_timerclear(&d);
  printf("timerclear -> isset %d\n", osip_timerisset(&d) ? 1 : 0);
  secs = osip_getsystemtime(&stored);
  printf("osip_getsystemtime: stored equal %s, monotonic %s\n", secs == stored ? "yes" : "no",
         labs((long) (secs - mono.tv_sec)) <= 1 ? "yes" : "no");
  osip_compensatetime();
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  osip_set_allocators(counting_malloc, counting_realloc, counting_free);
  fifo();
  mutex();
  semaphore();
  condition();
  threads();
  time_helpers();
  allocations("end");
  return 0;
}
