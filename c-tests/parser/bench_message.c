/* bench_message: CPU time of the message core of a libosipparser2, per
 * operation, on one message (a typical INVITE with SDP, or a file):
 *
 *   parse         osip_message_init + osip_message_parse + osip_message_free
 *   parse_to_str  the same with osip_message_to_str (and osip_free of the
 *                 text) between parse and free: what a UAS does with every
 *                 request it receives and answers
 *   to_str        osip_message_force_update + osip_message_to_str + osip_free
 *                 on one parsed message (structure to text, no cache)
 *   clone         osip_message_clone + osip_message_free of one parsed message
 *
 * Each phase runs N operations per round; the best round of R is printed
 * (microseconds per operation, process CPU time). With -a, the allocator
 * hooks count instead: blocks allocated per operation (malloc and realloc
 * calls through osip_malloc/osip_realloc). The same binary runs
 * with either library (LD_LIBRARY_PATH); tests/parser_bench.rs (ignored by
 * default: `cargo test --release --test parser_bench -- --ignored
 * --nocapture`) runs it with Debian's and with ours side by side.
 *
 * With -p PHASE only that phase runs (for instruction counts under
 * callgrind: the whole run less a run with -n 0).
 *
 * Usage: bench_message [-a] [-p PHASE] [-n N] [-r R] [file]
 */
#define _POSIX_C_SOURCE 200809L
#include <osipparser2/osip_parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static unsigned long mallocs, reallocs;
static void *count_malloc(size_t n) {
  mallocs++;
  return malloc(n);
}
static void *count_realloc(void *p, size_t n) {
  reallocs++;
  return realloc(p, n);
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

static double phase(int which, long n, int rounds) {
  double best = 1e30;
  int r;
  long i;
  for (r = 0; r < rounds; r++) {
    double t0 = now(), t;
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

int main(int argc, char **argv) {
  long n = 20000;
  int rounds = 5, i, rc, count = 0, only = -1;
  char *file = NULL;
  static const char *names[] = {"parse", "parse_to_str", "to_str", "clone"};

  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-a") == 0)
      count = 1;
    else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
      for (only = 0; only < 4 && strcmp(names[only], argv[i + 1]) != 0; only++)
        ;
      i++;
    }
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
    buf = INVITE;
    len = sizeof INVITE - 1;
  }
  parser_init();
  rc = osip_message_init(&parsed_msg);
  if (rc != 0 || (rc = osip_message_parse(parsed_msg, buf, len)) != 0)
    fail("parse", rc);
  if (count) {
    osip_set_allocators(count_malloc, count_realloc, free);
    printf("bytes=%zu", len);
    for (i = 0; i < 4; i++) {
      mallocs = reallocs = 0;
      phase(i, 100, 1);
      printf(" %s_mallocs=%.1f %s_reallocs=%.1f", names[i], mallocs / 100.0, names[i], reallocs / 100.0);
    }
    printf("\n");
    return 0;
  }
  if (only < 0)
    phase(1, n / 10 + 1, 1); /* warm up */
  printf("bytes=%zu n=%ld rounds=%d", len, n, rounds);
  for (i = 0; i < 4; i++)
    if (only < 0 || only == i)
      printf(" %s_us=%.3f", names[i], phase(i, n, rounds));
  printf("\n");
  osip_message_free(parsed_msg);
  return 0;
}
