/* Lifecycle: the memory of a load peak goes back (issue 14).
 *
 * A registrar lives through a storm: 20,000 REGISTER transactions live at
 * once, then all freed. The resident set is measured (/proc/self/statm,
 * after malloc_trim) before the storm, after it with the instance still in
 * use, and after osip_release; it must come back to within a few MB of
 * where it started, at both points, as with libosip2. A second storm of
 * the same size must not raise the resident set further.
 * Under valgrind, 2,000 transactions (the sizes mean nothing there). */
#include "harness.h"

#include <malloc.h>
#include <unistd.h>

#define SLACK_MB 16

static long resident_kb(void) {
  long pages = 0, resident = 0;
  FILE *f = fopen("/proc/self/statm", "r");

  if (f == NULL)
    return -1;
  if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
    resident = -1;
  fclose(f);
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static long trimmed_kb(void) {
  malloc_trim(0);
  return resident_kb();
}

static int send_nothing(osip_transaction_t *tr, osip_message_t *msg, char *host, int port, int out_socket) {
  (void) tr;
  (void) msg;
  (void) host;
  (void) port;
  (void) out_socket;
  return 0;
}

static void storm(osip_t *osip, osip_transaction_t **trs, int n, int round) {
  char buf[512];
  int i, len;

  for (i = 0; i < n; i++) {
    osip_event_t *evt;

    len = snprintf(buf, sizeof buf,
                   "REGISTER sip:registrar.example.com SIP/2.0\r\n"
                   "Via: SIP/2.0/UDP 10.%d.%d.%d:5060;branch=z9hG4bKpeak%d-%d\r\n"
                   "From: <sip:u%d@example.com>;tag=p%d\r\n"
                   "To: <sip:u%d@example.com>\r\n"
                   "Call-ID: peak%d-%d@10.0.0.1\r\n"
                   "CSeq: 1 REGISTER\r\n"
                   "Contact: <sip:u%d@10.0.0.1>\r\n"
                   "Content-Length: 0\r\n\r\n",
                   round, i / 256 % 256, i % 256, round, i, i, i, i, round, i, i);
    evt = osip_parse(buf, (size_t) len);
    trs[i] = osip_create_transaction(osip, evt);
    osip_transaction_add_event(trs[i], evt);
  }
  osip_nist_execute(osip);
  for (i = 0; i < n; i++)
    osip_transaction_free(trs[i]);
}

static const char *near(long now, long start) {
  return now - start <= SLACK_MB * 1024 ? "yes" : "NO";
}

int main(void) {
  int n = 20000;
  osip_t *osip, *other;
  osip_transaction_t **trs;
  long before, after, again, released, peak_growth;

  if (getenv("LD_PRELOAD") != NULL && strstr(getenv("LD_PRELOAD"), "valgrind") != NULL)
    n = 2000;
  trs = calloc((size_t) n, sizeof *trs);
  /* Another instance stays alive throughout, as in a program with several. */
  osip_init(&other);
  osip_init(&osip);
  osip_set_cb_send_message(osip, send_nothing);
  before = trimmed_kb();

  storm(osip, trs, n, 1);
  after = trimmed_kb();
  printf("storm 1: resident back within %d MB, instance alive: %s\n", SLACK_MB, near(after, before));

  storm(osip, trs, n, 2);
  again = trimmed_kb();
  printf("storm 2: resident back within %d MB, instance alive: %s\n", SLACK_MB, near(again, before));
  peak_growth = again - after;
  printf("storm 2 kept no more than storm 1: %s\n", peak_growth <= SLACK_MB * 1024 ? "yes" : "NO");

  osip_release(osip);
  released = trimmed_kb();
  printf("after osip_release: resident back within %d MB: %s\n", SLACK_MB, near(released, before));
  if (getenv("LIFECYCLE_VERBOSE") != NULL)
    fprintf(stderr, "kB: before %ld after %ld again %ld released %ld\n", before, after, again, released);

  osip_release(other);
  free(trs);
  return 0;
}
