/* Scale benchmark of the libosip2 transaction layer (public API only).
 *
 * One process measures one transaction kind at one size N, in its own
 * osip_t: it builds N live transactions, then times, with the N still live,
 *   - osip_timers_<kind>_execute and osip_timers_gettimeout (all idle),
 *   - __osip_find_transaction(osip, evt, 0) for a message that matches a
 *     transaction spread over the list (hit) and one that matches none
 *     (miss, what every new incoming request costs), parsed untimed,
 *   - osip_<kind>_execute with nothing queued,
 *   - osip_create_transaction for one more request (parsed untimed), and
 *     osip_transaction_free of these extra transactions, after each batch
 *     of N/10 creates (so N stays ~N),
 * and the growth of resident memory per live transaction across the build
 * (osip2-rs keeps transactions outside the malloc heap, so the heap alone
 * would not count them).
 *
 * The same source is compiled against Debian's libosip2 and against
 * osip2-rs; c-tests/bench/run.sh runs both and writes docs/scale.md.
 *
 * Live transactions:
 *   ict   outgoing INVITE over TCP, sent (CALLING); lookups: 180 responses
 *   nict  outgoing REGISTER over TCP, sent (TRYING); lookups: 100 responses
 *   ist   incoming INVITE over UDP, received (PROCEEDING); lookups:
 *         retransmissions of the INVITE
 *   nist  incoming REGISTER over UDP, received (TRYING); lookups:
 *         retransmissions of the REGISTER
 * Client transactions use TCP so that no retransmission timer is armed:
 * their timer B/F is the only one. It runs 32 s from creation, and building
 * 100,000 transactions with libosip2 takes longer than that, so after the
 * build every B/F is restarted the way applications do it
 * (osip_gettimeofday + add_gettimeofday, untimed) and the timer phase runs
 * first. Every result line says whether the timer phase really found
 * nothing due (timers_idle=1) and whether every hit found its transaction
 * and every miss none (match_ok=1).
 *
 * Usage: bench <ict|ist|nict|nist> <N> [ops] [rounds] [callgrind]
 * Prints one line of key=value pairs; times are microseconds per
 * operation (median over rounds of the mean of `ops` operations; single
 * timed operations have the cost of the clock reads subtracted). In
 * callgrind mode (run under valgrind --tool=callgrind --collect-atstart=no)
 * each phase is collected and dumped under its own name instead.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <osip2/osip.h>
#include <osip2/osip_fifo.h>
#include <osip2/osip_time.h>
#include <osipparser2/osip_parser.h>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_DUMP_STATS_AT(x)
#endif

/* Indexed by osip_fsm_type_t (ICT, IST, NICT, NIST). */
static const char *kind_names[] = {"ict", "ist", "nict", "nist"};

static osip_fsm_type_t kind;
static int callgrind;

/* ---- messages ------------------------------------------------------------ */

/* Spreads consecutive numbers so branches and Call-IDs look unrelated. */
static unsigned mix(unsigned i) { return (i * 2654435761u) ^ 0x5bd1e995u; }

static int is_invite(void) { return kind == ICT || kind == IST; }
static int is_client(void) { return kind == ICT || kind == NICT; }

/* The request of transaction i, as sent (client) or received (server). */
static int request_text(char *buf, size_t size, unsigned i) {
  const char *method = is_invite() ? "INVITE" : "REGISTER";
  const char *proto = is_client() ? "TCP" : "UDP";
  const char *via_host = is_client() ? "127.0.0.1" : "127.0.0.2";
  return snprintf(buf, size,
                  "%s sip:bob@127.0.0.%d SIP/2.0\r\n"
                  "Via: SIP/2.0/%s %s:5060;branch=z9hG4bK%08x.%u\r\n"
                  "Max-Forwards: 70\r\n"
                  "From: <sip:alice@127.0.0.2>;tag=%08x\r\n"
                  "To: <sip:bob@127.0.0.1>\r\n"
                  "Call-ID: %08x-%u@127.0.0.2\r\n"
                  "CSeq: 1 %s\r\n"
                  "Contact: <sip:alice@%s:5060;transport=%s>\r\n"
                  "Content-Length: 0\r\n\r\n",
                  method, is_client() ? 2 : 1, proto, via_host, mix(i), i, mix(i + 7), mix(i + 13),
                  i, method, via_host, proto);
}

/* What a client transaction receives: a provisional response. */
static int response_text(char *buf, size_t size, unsigned i) {
  const char *method = is_invite() ? "INVITE" : "REGISTER";
  return snprintf(buf, size,
                  "SIP/2.0 %s\r\n"
                  "Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK%08x.%u\r\n"
                  "From: <sip:alice@127.0.0.2>;tag=%08x\r\n"
                  "To: <sip:bob@127.0.0.1>;tag=t%u\r\n"
                  "Call-ID: %08x-%u@127.0.0.2\r\n"
                  "CSeq: 1 %s\r\n"
                  "Content-Length: 0\r\n\r\n",
                  is_invite() ? "180 Ringing" : "100 Trying", mix(i), i, mix(i + 7), i,
                  mix(i + 13), i, method);
}

static void die(const char *what, unsigned i) {
  fprintf(stderr, "bench %s: %s failed (transaction %u)\n", kind_names[kind], what, i);
  exit(1);
}

/* The event creating transaction i: incoming for servers, outgoing for
 * clients (which own the message they send). */
static osip_event_t *request_event(unsigned i) {
  char buf[1024];
  int len = request_text(buf, sizeof buf, i);
  osip_event_t *evt;
  if (is_client()) {
    osip_message_t *msg;
    if (osip_message_init(&msg) != 0 || osip_message_parse(msg, buf, len) != 0)
      die("parse", i);
    evt = osip_new_outgoing_sipmessage(msg);
  } else {
    evt = osip_parse(buf, len);
  }
  if (evt == NULL)
    die("event", i);
  return evt;
}

/* An incoming message matching transaction i (a response for clients, a
 * retransmitted request for servers). */
static osip_event_t *match_event(unsigned i) {
  char buf[1024];
  int len = is_client() ? response_text(buf, sizeof buf, i) : request_text(buf, sizeof buf, i);
  osip_event_t *evt = osip_parse(buf, len);
  if (evt == NULL)
    die("parse match", i);
  return evt;
}

/* ---- callbacks ----------------------------------------------------------- */

static void cb_message(int type, osip_transaction_t *tr, osip_message_t *msg) {
  (void)type, (void)tr, (void)msg;
}

static void cb_kill(int type, osip_transaction_t *tr) { (void)type, (void)tr; }

static int cb_send(osip_transaction_t *tr, osip_message_t *msg, char *host, int port, int sock) {
  (void)tr, (void)msg, (void)host, (void)port, (void)sock;
  return 0;
}

/* ---- measuring ----------------------------------------------------------- */

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static size_t resident_bytes(void) {
  unsigned long size = 0, resident = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (f == NULL || fscanf(f, "%lu %lu", &size, &resident) != 2)
    die("read /proc/self/statm", 0);
  fclose(f);
  return resident * (size_t)sysconf(_SC_PAGESIZE);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Callgrind mode: collect only between these two calls; the dump is named. */
static void collect_begin(void) {
  if (callgrind)
    CALLGRIND_TOGGLE_COLLECT;
}

static void collect_end(const char *name) {
  if (callgrind) {
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_DUMP_STATS_AT(name);
  }
}

/* ---- the workload ---------------------------------------------------------- */

static osip_t *osip;
static osip_transaction_t **trs;
static unsigned n;

static void setup(void) {
  int i;
  if (osip_init(&osip) != 0)
    die("osip_init", 0);
  for (i = 0; i < OSIP_MESSAGE_CALLBACK_COUNT; i++)
    osip_set_message_callback(osip, i, cb_message);
  for (i = 0; i < OSIP_KILL_CALLBACK_COUNT; i++)
    osip_set_kill_transaction_callback(osip, i, cb_kill);
  osip_set_cb_send_message(osip, cb_send);
}

/* Creates transaction i and runs its first event (send or receive). */
static osip_transaction_t *make(unsigned i) {
  osip_event_t *evt = request_event(i);
  osip_transaction_t *tr = osip_create_transaction(osip, evt);
  if (tr == NULL)
    die("osip_create_transaction", i);
  osip_transaction_execute(tr, evt);
  if (tr->state != (is_client() ? (kind == ICT ? ICT_CALLING : NICT_TRYING)
                                 : (kind == IST ? IST_PROCEEDING : NIST_TRYING)))
    die("first event", i);
  return tr;
}

static void timers_execute(void) {
  switch (kind) {
  case ICT: osip_timers_ict_execute(osip); break;
  case IST: osip_timers_ist_execute(osip); break;
  case NICT: osip_timers_nict_execute(osip); break;
  case NIST: osip_timers_nist_execute(osip); break;
  }
}

static void execute(void) {
  switch (kind) {
  case ICT: osip_ict_execute(osip); break;
  case IST: osip_ist_execute(osip); break;
  case NICT: osip_nict_execute(osip); break;
  case NIST: osip_nist_execute(osip); break;
  }
}

/* Restarts the 32 s timer B/F of a client transaction from now. */
static void restart_timer(osip_transaction_t *tr) {
  struct timeval *start = NULL;
  if (kind == ICT)
    start = &tr->ict_context->timer_b_start;
  else if (kind == NICT)
    start = &tr->nict_context->timer_f_start;
  if (start != NULL) {
    osip_gettimeofday(start, NULL);
    add_gettimeofday(start, 32000);
  }
}

/* Queued events anywhere: a timer fired during the timer phase. */
static int nothing_queued(void) {
  unsigned i;
  for (i = 0; i < n; i++)
    if (osip_fifo_size(trs[i]->transactionff) != 0)
      return 0;
  return 1;
}

/* The transaction lookup i of round r targets: evenly spread over the
 * list, so a list walk costs N/2 on average, and a different one in each
 * round, so that (at large N) it is not still in the cache from the
 * previous round, as a retransmission's transaction would not be. */
static unsigned spread(unsigned i, unsigned r, unsigned ops, unsigned rounds) {
  unsigned long long slots = (unsigned long long)ops * rounds;
  return (unsigned)(((i * (unsigned long long)rounds + r) * n) / slots + n / slots / 2) % n;
}

/* Cost of the two clock reads around one timed operation. */
static double clock_overhead(void) {
  double sum = 0, t;
  int i;
  for (i = 0; i < 100000; i++) {
    t = now_us();
    sum += now_us() - t;
  }
  return sum / 100000;
}

int main(int argc, char **argv) {
  unsigned i, ops, rounds, r, batch, done, k, m;
  int match_ok = 1, timers_idle;
  size_t mem0, mem1, mem2;
  double t0, build_s, overhead, hit, miss, spent, freeing;
  double *t_timers, *t_timeout, *t_hit, *t_miss, *t_exec, *t_create, *t_free;
  osip_event_t *evt, **creates;
  osip_transaction_t *found, **created;
  struct timeval tv;

  if (argc < 3) {
    fprintf(stderr, "usage: bench <ict|ist|nict|nist> <N> [ops] [rounds] [callgrind]\n");
    return 2;
  }
  for (i = 0; i < 4 && strcmp(argv[1], kind_names[i]) != 0; i++)
    ;
  if (i == 4)
    return 2;
  kind = (osip_fsm_type_t)i;
  n = (unsigned)strtoul(argv[2], NULL, 10);
  ops = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 1000;
  rounds = argc > 4 ? (unsigned)strtoul(argv[4], NULL, 10) : 5;
  callgrind = argc > 5 && strcmp(argv[5], "callgrind") == 0;
  if (n == 0 || ops == 0 || rounds == 0)
    return 2;
  if (callgrind)
    rounds = 1;
  overhead = callgrind ? 0 : clock_overhead();

  setup();
  trs = malloc(n * sizeof *trs);
  creates = malloc(ops * sizeof *creates);
  created = malloc(ops * sizeof *created);
  t_timers = calloc(rounds, sizeof(double));
  t_timeout = calloc(rounds, sizeof(double));
  t_hit = calloc(rounds, sizeof(double));
  t_miss = calloc(rounds, sizeof(double));
  t_exec = calloc(rounds, sizeof(double));
  t_create = calloc(rounds, sizeof(double));
  t_free = calloc(rounds, sizeof(double));

  mem0 = resident_bytes();
  t0 = now_us();
  for (i = 0; i < n; i++)
    trs[i] = make(i);
  build_s = (now_us() - t0) / 1e6;
  mem1 = resident_bytes();
  for (i = 0; i < n; i++)
    restart_timer(trs[i]);

  /* Timers first: client timers B/F become due 32 s after the restart. */
  for (r = 0; r < rounds; r++) {
    t0 = now_us();
    collect_begin();
    for (i = 0; i < ops; i++)
      timers_execute();
    collect_end("timers_execute");
    t_timers[r] = (now_us() - t0) / ops;
    t0 = now_us();
    collect_begin();
    for (i = 0; i < ops; i++)
      osip_timers_gettimeout(osip, &tv);
    collect_end("gettimeout");
    t_timeout[r] = (now_us() - t0) / ops;
  }
  timers_idle = nothing_queued() && (tv.tv_sec > 0 || tv.tv_usec > 0);

  /* Lookups and creates take a message parsed just before (untimed), as an
   * application does: a pre-parsed pile of them would be cold in the cache
   * and measure cache misses on the message instead of the lookup. */
  for (r = 0; r < rounds; r++) {
    hit = miss = 0;
    for (i = 0; i < ops; i++) {
      evt = match_event(spread(i, r, ops, rounds));
      t0 = now_us();
      collect_begin();
      found = __osip_find_transaction(osip, evt, 0);
      collect_end("match_hit");
      hit += now_us() - t0 - overhead;
      if (found != trs[spread(i, r, ops, rounds)])
        match_ok = 0;
      osip_event_free(evt);
      evt = match_event(n + ops + i);
      t0 = now_us();
      collect_begin();
      found = __osip_find_transaction(osip, evt, 0);
      collect_end("match_miss");
      miss += now_us() - t0 - overhead;
      if (found != NULL)
        match_ok = 0;
      osip_event_free(evt);
    }
    t_hit[r] = hit / ops;
    t_miss[r] = miss / ops;
  }

  for (r = 0; r < rounds; r++) {
    t0 = now_us();
    collect_begin();
    for (i = 0; i < ops; i++)
      execute();
    collect_end("execute");
    t_exec[r] = (now_us() - t0) / ops;
  }

  /* Creates run in batches of at most N/10, freed (untimed) after each
   * batch, so the list stays within 10% of N while they are timed. */
  batch = n / 10 < 1 ? 1 : n / 10;
  for (r = 0; r < rounds; r++) {
    spent = freeing = 0;
    for (done = 0; done < ops; done += m) {
      m = ops - done < batch ? ops - done : batch;
      for (k = done; k < done + m; k++) {
        creates[k] = request_event(n + k);
        t0 = now_us();
        collect_begin();
        created[k] = osip_create_transaction(osip, creates[k]);
        collect_end("create");
        spent += now_us() - t0 - overhead;
        if (created[k] == NULL)
          die("osip_create_transaction", n + k);
      }
      for (k = done; k < done + m; k++) {
        t0 = now_us();
        collect_begin();
        osip_transaction_free(created[k]);
        collect_end("free");
        freeing += now_us() - t0 - overhead;
        osip_event_free(creates[k]);
      }
    }
    t_create[r] = spent / ops;
    t_free[r] = freeing / ops;
  }

  /* The end of the peak: every live transaction freed, oldest first (the
   * head of libosip2's list, so its removals do not walk), then what the
   * process still holds once malloc gave back what it could. */
  for (i = 0; i < n; i++)
    osip_transaction_free(trs[i]);
  malloc_trim(0);
  mem2 = resident_bytes();

  printf("kind=%s n=%u ops=%u rounds=%u build_s=%.3f mem_per_tr=%.0f "
         "timers_us=%.4f gettimeout_us=%.4f match_us=%.4f miss_us=%.4f exec_us=%.4f "
         "create_us=%.4f free_us=%.4f freed_kb=%.0f timers_idle=%d match_ok=%d\n",
         kind_names[kind], n, ops, rounds, build_s, (double)(mem1 - mem0) / n,
         median(t_timers, rounds), median(t_timeout, rounds), median(t_hit, rounds),
         median(t_miss, rounds), median(t_exec, rounds), median(t_create, rounds),
         median(t_free, rounds), ((double)mem2 - (double)mem0) / 1024, timers_idle,
         match_ok);
  fflush(stdout);
  _exit(0);
}
