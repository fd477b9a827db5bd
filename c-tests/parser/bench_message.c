/* bench_message: CPU time of the message core of a libosipparser2, per
 * operation, on one message (a built-in one chosen with -k, or a file):
 *
 *   parse         osip_message_init + osip_message_parse + osip_message_free
 *   parse_to_str  the same with osip_message_to_str (and osip_free of the
 *                 text) between parse and free: what a UAS does with every
 *                 request it receives and answers
 *   to_str        osip_message_force_update + osip_message_to_str + osip_free
 *                 on one parsed message (structure to text, no cache)
 *   clone         osip_message_clone + osip_message_free of one parsed message
 *   free          osip_message_free alone (of messages parsed, untimed, in
 *                 batches before)
 *
 * Built-in messages (-k): invite (with SDP, the default), ok (200 to it,
 * with SDP), register, ack, bye.
 *
 * Each phase runs N operations per round; the best round of R is printed
 * (microseconds per operation, process CPU time). With -a, the allocator
 * hooks count instead: blocks allocated per operation (malloc and realloc
 * calls through osip_malloc/osip_realloc; for free, the blocks freed), and
 * live_bytes: the heap in use (glibc mallinfo2, chunk overheads included)
 * per parsed message, over 1000 of them kept alive. The same binary runs
 * with either library (LD_LIBRARY_PATH); tests/parser_bench.rs (ignored by
 * default: `cargo test --release --test parser_bench -- --ignored
 * --nocapture`) runs it with Debian's and with ours side by side.
 *
 * With -f, the allocator floor instead of the time: each operation's
 * mallocs, reallocs and frees (through the hooks) recorded once, then
 * replayed straight to libc, same sizes and order, and timed the same way
 * (what the operation would cost if all else took no time).
 *
 * With -p PHASE only that phase runs (for instruction counts under
 * callgrind: the whole run less a run with -n 0).
 *
 * Usage: bench_message [-a | -f] [-k KIND] [-p PHASE] [-n N] [-r R] [file]
 */
#define _GNU_SOURCE
#include <osipparser2/osip_parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <malloc.h>

static const char INVITE[] =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport\r\n"
    "Max-Forwards: 70\r\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
    "To: Bob <sip:bob@biloxi.example.com>\r\n"
    "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:alice@client.atlanta.example.com;transport=udp>\r\n"
    "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO\r\n"
    "Supported: replaces, timer\r\n"
    "User-Agent: osip2-rs bench\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 151\r\n"
    "\r\n"
    "v=0\r\n"
    "o=alice 2890844526 2890844526 IN IP4 client.atlanta.example.com\r\n"
    "s=-\r\n"
    "c=IN IP4 192.0.2.101\r\n"
    "t=0 0\r\n"
    "m=audio 49172 RTP/AVP 0\r\n"
    "a=rtpmap:0 PCMU/8000\r\n";

static const char OK[] =
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport=5060;received=192.0.2.101\r\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
    "To: Bob <sip:bob@biloxi.example.com>;tag=8321234356\r\n"
    "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:bob@client.biloxi.example.com;transport=udp>\r\n"
    "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE\r\n"
    "Server: osip2-rs bench\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 147\r\n"
    "\r\n"
    "v=0\r\n"
    "o=bob 2808844564 2808844564 IN IP4 client.biloxi.example.com\r\n"
    "s=-\r\n"
    "c=IN IP4 192.0.2.201\r\n"
    "t=0 0\r\n"
    "m=audio 3456 RTP/AVP 0\r\n"
    "a=rtpmap:0 PCMU/8000\r\n";

static const char REGISTER[] =
    "REGISTER sip:registrar.biloxi.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7;rport\r\n"
    "Max-Forwards: 70\r\n"
    "To: Bob <sip:bob@biloxi.example.com>\r\n"
    "From: Bob <sip:bob@biloxi.example.com>;tag=456248\r\n"
    "Call-ID: 843817637684230@998sdasdh09\r\n"
    "CSeq: 1826 REGISTER\r\n"
    "Contact: <sip:bob@192.0.2.4>;expires=3600\r\n"
    "Expires: 7200\r\n"
    "User-Agent: osip2-rs bench\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

static const char ACK[] =
    "ACK sip:bob@client.biloxi.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bd5;rport\r\n"
    "Max-Forwards: 70\r\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
    "To: Bob <sip:bob@biloxi.example.com>;tag=8321234356\r\n"
    "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
    "CSeq: 1 ACK\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

static const char BYE[] =
    "BYE sip:alice@client.atlanta.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP client.biloxi.example.com:5060;branch=z9hG4bKnashds7;rport\r\n"
    "Max-Forwards: 70\r\n"
    "From: Bob <sip:bob@biloxi.example.com>;tag=8321234356\r\n"
    "To: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
    "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
    "CSeq: 1 BYE\r\n"
    "User-Agent: osip2-rs bench\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

static const struct {
  const char *name, *text;
  size_t len;
} KINDS[] = {
    {"invite", INVITE, sizeof INVITE - 1}, {"ok", OK, sizeof OK - 1},
    {"register", REGISTER, sizeof REGISTER - 1}, {"ack", ACK, sizeof ACK - 1},
    {"bye", BYE, sizeof BYE - 1},
};

static unsigned long mallocs, reallocs, frees;
static void count_free(void *p) {
  frees++;
  free(p);
}
static void *count_malloc(size_t n) {
  mallocs++;
  return malloc(n);
}
static void *count_realloc(void *p, size_t n) {
  reallocs++;
  return realloc(p, n);
}

/* The allocator floor (-f): the blocks one operation allocates, reallocates
 * and frees through the hooks, recorded once, then replayed (the same
 * sizes, in the same order, straight to libc) and timed: what the
 * operation would cost if everything but the allocator took no time. */
enum { EV_MALLOC, EV_REALLOC, EV_FREE };
struct event {
  int type, id, from;
  size_t size;
};
#define MAX_EVENTS 100000
static struct event events[MAX_EVENTS];
static void *live_ptr[MAX_EVENTS];
static int n_events, n_ids, recording;

static int id_of(void *p) {
  int i;
  for (i = n_ids - 1; i >= 0; i--)
    if (live_ptr[i] == p)
      return i;
  return -1;
}
static void record(int type, int id, int from, size_t size) {
  if (recording && n_events < MAX_EVENTS) {
    events[n_events].type = type;
    events[n_events].id = id;
    events[n_events].from = from;
    events[n_events].size = size;
    n_events++;
  }
}
static void *rec_malloc(size_t n) {
  void *p = malloc(n);
  if (recording && n_ids < MAX_EVENTS) {
    live_ptr[n_ids] = p;
    record(EV_MALLOC, n_ids++, -1, n);
  }
  return p;
}
static void *rec_realloc(void *old, size_t n) {
  int from = old != NULL ? id_of(old) : -1;
  void *p = realloc(old, n);
  if (recording && n_ids < MAX_EVENTS) {
    if (from >= 0)
      live_ptr[from] = NULL;
    live_ptr[n_ids] = p;
    record(EV_REALLOC, n_ids++, from, n);
  }
  return p;
}
static void rec_free(void *p) {
  int id = p != NULL ? id_of(p) : -1;
  if (id >= 0) {
    live_ptr[id] = NULL;
    record(EV_FREE, id, -1, 0);
  }
  free(p);
}

/* Replays events [from, to) on the blocks of `slots`. */
static void replay(void **slots, int from, int to) {
  int i;
  for (i = from; i < to; i++) {
    struct event *e = &events[i];
    switch (e->type) {
    case EV_MALLOC:
      slots[e->id] = malloc(e->size);
      break;
    case EV_REALLOC:
      slots[e->id] = realloc(e->from >= 0 ? slots[e->from] : NULL, e->size);
      if (e->from >= 0)
        slots[e->from] = NULL;
      break;
    default:
      free(slots[e->id]);
      slots[e->id] = NULL;
      break;
    }
  }
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fail(const char *what, int rc) {
  fprintf(stderr, "bench_message: %s failed (%d)\n", what, rc);
  exit(1);
}

static const char *buf;
static size_t len;
static osip_message_t *parsed_msg;

static void op_parse(int to_str) {
  osip_message_t *m = NULL;
  int rc = osip_message_init(&m);
  if (rc != 0)
    fail("init", rc);
  rc = osip_message_parse(m, buf, len);
  if (rc != 0)
    fail("parse", rc);
  if (to_str) {
    char *s = NULL;
    size_t n = 0;
    rc = osip_message_to_str(m, &s, &n);
    if (rc != 0)
      fail("to_str", rc);
    osip_free(s);
  }
  osip_message_free(m);
}

static void op_to_str(void) {
  char *s = NULL;
  size_t n = 0;
  int rc;
  osip_message_force_update(parsed_msg);
  rc = osip_message_to_str(parsed_msg, &s, &n);
  if (rc != 0)
    fail("to_str", rc);
  osip_free(s);
}

static void op_clone(void) {
  osip_message_t *c = NULL;
  int rc = osip_message_clone(parsed_msg, &c);
  if (rc != 0)
    fail("clone", rc);
  osip_message_free(c);
}

static osip_message_t *parse_one(void) {
  osip_message_t *m = NULL;
  int rc = osip_message_init(&m);
  if (rc != 0 || (rc = osip_message_parse(m, buf, len)) != 0)
    fail("parse", rc);
  return m;
}

#define BATCH 256

/* Seconds of CPU to free n parsed messages (parsed untimed, in batches). */
static double op_free(long n) {
  static osip_message_t *batch[BATCH];
  double total = 0;
  long done = 0;
  while (done < n) {
    long k = n - done < BATCH ? n - done : BATCH, j;
    double t0;
    for (j = 0; j < k; j++)
      batch[j] = parse_one();
    t0 = now();
    for (j = 0; j < k; j++)
      osip_message_free(batch[j]);
    total += now() - t0;
    done += k;
  }
  return total;
}

static double phase(int which, long n, int rounds) {
  double best = 1e30;
  int r;
  long i;
  for (r = 0; r < rounds; r++) {
    double t0 = now(), t;
    if (which == 4) {
      t = n > 0 ? op_free(n) / (double) n * 1e6 : 0;
      if (t < best)
        best = t;
      continue;
    }
    for (i = 0; i < n; i++) {
      switch (which) {
      case 0:
        op_parse(0);
        break;
      case 1:
        op_parse(1);
        break;
      case 2:
        op_to_str();
        break;
      default:
        op_clone();
        break;
      }
    }
    t = (now() - t0) / (double) n * 1e6;
    if (t < best)
      best = t;
  }
  return best;
}

/* The allocator floor of phase `which` (see replay): microseconds per
 * operation, best of `rounds` rounds of n. */
static double floor_of(int which, long n, int rounds) {
  double best = 1e30;
  int r, mark = 0, j;
  long i;
  void **slots;
  osip_message_t *m = NULL;
  n_events = n_ids = 0;
  osip_set_allocators(rec_malloc, rec_realloc, rec_free);
  recording = 1;
  if (which == 4) {
    m = parse_one();
    mark = n_events;
    osip_message_free(m);
  } else
    phase(which, 1, 1);
  recording = 0;
  osip_set_allocators(malloc, realloc, free);
  slots = calloc((size_t) (n_ids + 1) * BATCH, sizeof *slots);
  if (slots == NULL)
    fail("calloc", -4);
  for (r = 0; r < rounds; r++) {
    double total = 0, t0;
    if (which == 4) {
      for (i = 0; i < n; i += BATCH) {
        int k = n - i < BATCH ? (int) (n - i) : BATCH;
        for (j = 0; j < k; j++)
          replay(slots + (size_t) j * n_ids, 0, mark);
        t0 = now();
        for (j = 0; j < k; j++)
          replay(slots + (size_t) j * n_ids, mark, n_events);
        total += now() - t0;
      }
    } else {
      t0 = now();
      for (i = 0; i < n; i++) {
        replay(slots, 0, n_events);
        for (j = 0; j < n_ids; j++)
          if (slots[j] != NULL) {
            free(slots[j]);
            slots[j] = NULL;
          }
      }
      total = now() - t0;
    }
    if (n > 0 && total / (double) n * 1e6 < best)
      best = total / (double) n * 1e6;
  }
  free(slots);
  return best;
}

int main(int argc, char **argv) {
  long n = 20000;
  int rounds = 5, i, rc, count = 0, only = -1;
  char *file = NULL;
  const char *kind = "invite";
  static const char *names[] = {"parse", "parse_to_str", "to_str", "clone", "free"};

  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-a") == 0)
      count = 1;
    else if (strcmp(argv[i], "-f") == 0)
      count = 2;
    else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
      for (only = 0; only < 5 && strcmp(names[only], argv[i + 1]) != 0; only++)
        ;
      i++;
    }
    else if (strcmp(argv[i], "-k") == 0 && i + 1 < argc)
      kind = argv[++i];
    else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
      n = atol(argv[++i]);
    else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
      rounds = atoi(argv[++i]);
    else
      file = argv[i];
  }
  if (file != NULL) {
    FILE *f = fopen(file, "rb");
    long size;
    char *b;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
      perror(file);
      return 1;
    }
    b = malloc((size_t) size + 1);
    if (b == NULL || fread(b, 1, (size_t) size, f) != (size_t) size) {
      perror(file);
      return 1;
    }
    fclose(f);
    buf = b;
    len = (size_t) size;
  } else {
    size_t k;
    for (k = 0; k < sizeof KINDS / sizeof KINDS[0] && strcmp(KINDS[k].name, kind) != 0; k++)
      ;
    if (k == sizeof KINDS / sizeof KINDS[0]) {
      fprintf(stderr, "bench_message: unknown kind %s\n", kind);
      return 1;
    }
    buf = KINDS[k].text;
    len = KINDS[k].len;
  }
  parser_init();
  rc = osip_message_init(&parsed_msg);
  if (rc != 0 || (rc = osip_message_parse(parsed_msg, buf, len)) != 0)
    fail("parse", rc);
  if (count == 2) {
    printf("bytes=%zu n=%ld rounds=%d", len, n, rounds);
    for (i = 0; i < 5; i++)
      if (only < 0 || only == i)
        printf(" %s_floor_us=%.3f", names[i], floor_of(i, n, rounds));
    printf("\n");
    return 0;
  }
  if (count) {
    static osip_message_t *kept[1000];
    size_t before;
    osip_set_allocators(count_malloc, count_realloc, count_free);
    printf("bytes=%zu", len);
    for (i = 0; i < 4; i++) {
      mallocs = reallocs = 0;
      phase(i, 100, 1);
      printf(" %s_mallocs=%.1f %s_reallocs=%.1f", names[i], mallocs / 100.0, names[i], reallocs / 100.0);
    }
    for (i = 0; i < 100; i++)
      kept[i] = parse_one();
    frees = 0;
    for (i = 0; i < 100; i++)
      osip_message_free(kept[i]);
    printf(" free_frees=%.1f", frees / 100.0);
    malloc_trim(0);
    before = mallinfo2().uordblks;
    for (i = 0; i < 1000; i++)
      kept[i] = parse_one();
    printf(" live_bytes=%.1f\n", (double) (mallinfo2().uordblks - before) / 1000.0);
    for (i = 0; i < 1000; i++)
      osip_message_free(kept[i]);
    return 0;
  }
  if (only < 0)
    phase(1, n / 10 + 1, 1); /* warm up */
  printf("bytes=%zu n=%ld rounds=%d", len, n, rounds);
  for (i = 0; i < 5; i++)
    if (only < 0 || only == i)
      printf(" %s_us=%.3f", names[i], phase(i, n, rounds));
  printf("\n");
  osip_message_free(parsed_msg);
  return 0;
}
