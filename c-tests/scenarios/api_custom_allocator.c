/* The application's allocator (osip_set_allocators) for everything that
 * crosses the API (spec 2.1): every block the library frees through
 * osip_free must come from the application's osip_malloc and vice versa,
 * and after a full run of all four machines (events made by the
 * application with osip_malloc, transactions freed by the application)
 * nothing allocated after osip_init stays outstanding. Only those facts are
 * printed: the number of allocations differs between implementations. */
#include "harness.h"

#define MAGIC 0x05129a77u

/* A header in front of every block the application hands out. */
struct block {
  unsigned magic;
  unsigned pad;
  size_t size;
};

static long live, total, foreign;

static void *app_malloc(size_t size) {
  struct block *b = malloc(sizeof(struct block) + size);

  if (b == NULL)
    return NULL;
  b->magic = MAGIC;
  b->size = size;
  live++;
  total++;
  return b + 1;
}

static void app_free(void *p) {
  struct block *b;

  if (p == NULL)
    return;
  b = (struct block *) p - 1;
  if (b->magic != MAGIC) {
    foreign++;
    return;
  }
  b->magic = 0;
  live--;
  free(b);
}

static void *app_realloc(void *p, size_t size) {
  void *q;
  struct block *b;

  if (p == NULL)
    return app_malloc(size);
  b = (struct block *) p - 1;
  if (b->magic != MAGIC) {
    foreign++;
    return NULL;
  }
  q = app_malloc(size);
  if (q != NULL) {
    memcpy(q, p, b->size < size ? b->size : size);
    app_free(p);
  }
  return q;
}

static const char *msg(const char *first, const char *method, int n, const char *to_tag) {
  static char buf[1024];

  snprintf(buf, sizeof(buf),
           "%s\n"
           "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKal%d\n"
           "Route: <sip:proxy.example.com;lr>\n"
           "From: <sip:a@example.com>;tag=1\n"
           "To: <sip:b@example.com>%s\n"
           "Call-ID: alloc%d@x\n"
           "CSeq: 1 %s\n"
           "Authorization: Digest username=\"a\", realm=\"r\", nonce=\"n\"\n"
           "Content-Length: 0\n\n",
           first, n, to_tag, n, method);
  return buf;
}

static osip_event_t *reply(osip_transaction_t *tr, const char *status, const char *method, int n) {
  osip_event_t *evt = h_evt_out_text(msg(status, method, n, ";tag=2"));

  evt->transactionid = tr->transactionid;
  return evt;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *ict, *ist, *nict, *nist;
  long baseline;

  osip_set_allocators(app_malloc, app_realloc, app_free);
  /* The first osip_init initialises the parser's tables for good. */
  if (osip_init(&osip) != 0)
    return 1;
  osip_release(osip);
  baseline = live;

  h_init(&osip);
  h_send_verbose = 0;
  ict = h_create_add(osip, h_evt_out_text(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", 1, "")));
  ist = h_create_add(osip, h_evt_in(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", 2, "")));
  nict = h_create_add(osip, h_evt_out_text(msg("REGISTER sip:example.com SIP/2.0", "REGISTER", 3, "")));
  nist = h_create_add(osip, h_evt_in(msg("OPTIONS sip:b@example.com SIP/2.0", "OPTIONS", 4, "")));
  osip_ict_set_destination(ict->ict_context, osip_strdup("192.0.2.1"), 5060);
  h_exec_all(osip);
  h_find_add(osip, h_evt_in(msg("SIP/2.0 486 Busy", "INVITE", 1, ";tag=2")));
  h_find_add(osip, h_evt_in(msg("SIP/2.0 486 Busy", "INVITE", 1, ";tag=2")));
  h_find_add(osip, reply(ist, "SIP/2.0 180 Ringing", "INVITE", 2));
  h_find_add(osip, reply(ist, "SIP/2.0 200 OK", "INVITE", 2));
  h_find_add(osip, h_evt_in(msg("SIP/2.0 200 OK", "REGISTER", 3, ";tag=2")));
  h_find_add(osip, reply(nist, "SIP/2.0 200 OK", "OPTIONS", 4));
  h_exec_all(osip);
  osip_transaction_add_event(nict, h_evt_plain(TIMEOUT_K, 0));
  osip_transaction_add_event(ict, h_evt_plain(KILL_TRANSACTION, 0));
  h_force(&((osip_nist_t *) nist->nist_context)->timer_j_start);
  h_run(osip);
  h_lists(osip);
  h_done(osip);

  printf("allocations through the application's allocator: %s\n", total > baseline ? "yes" : "no");
  printf("blocks outstanding after osip_release: %ld\n", live - baseline);
  printf("frees of blocks the application did not allocate: %ld\n", foreign);
  return 0;
}
