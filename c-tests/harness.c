/* Differential test harness for osip2-rs: see harness.h and README.md. */
#define _GNU_SOURCE
#include "harness.h"

#include <stdarg.h>
#include <time.h>

int h_kill_remove = 1;
int h_send_result = 0;
int h_send_count = 0;
int h_send_verbose = 1;
void (*h_on_message)(int type, osip_transaction_t *tr, osip_message_t *msg) = NULL;
void (*h_on_kill)(int type, osip_transaction_t *tr) = NULL;

static int failures = 0;

/* A harness failure, not a library one: the scenario cannot go on. */
static void die(const char *what) {
  printf("HARNESS: %s\n", what);
  exit(3);
}

/* ---- names ---------------------------------------------------------------- */

static const char *const state_names[] = {
    "ICT_PRE_CALLING",    "ICT_CALLING",     "ICT_PROCEEDING",    "ICT_COMPLETED",
    "ICT_TERMINATED",     "IST_PRE_PROCEEDING", "IST_PROCEEDING", "IST_COMPLETED",
    "IST_CONFIRMED",      "IST_TERMINATED",  "NICT_PRE_TRYING",   "NICT_TRYING",
    "NICT_PROCEEDING",    "NICT_COMPLETED",  "NICT_TERMINATED",   "NIST_PRE_TRYING",
    "NIST_TRYING",        "NIST_PROCEEDING", "NIST_COMPLETED",    "NIST_TERMINATED",
    "DIALOG_EARLY",       "DIALOG_CONFIRMED", "DIALOG_CLOSE",
};

static const char *const event_names[] = {
    "TIMEOUT_A",      "TIMEOUT_B",      "TIMEOUT_D",         "TIMEOUT_E",
    "TIMEOUT_F",      "TIMEOUT_K",      "TIMEOUT_G",         "TIMEOUT_H",
    "TIMEOUT_I",      "TIMEOUT_J",      "RCV_REQINVITE",     "RCV_REQACK",
    "RCV_REQUEST",    "RCV_STATUS_1XX", "RCV_STATUS_2XX",    "RCV_STATUS_3456XX",
    "SND_REQINVITE",  "SND_REQACK",     "SND_REQUEST",       "SND_STATUS_1XX",
    "SND_STATUS_2XX", "SND_STATUS_3456XX", "KILL_TRANSACTION", "UNKNOWN_EVT",
};

static const char *const callback_names[] = {
    "OSIP_ICT_INVITE_SENT",
    "OSIP_ICT_INVITE_SENT_AGAIN",
    "OSIP_ICT_ACK_SENT",
    "OSIP_ICT_ACK_SENT_AGAIN",
    "OSIP_ICT_STATUS_1XX_RECEIVED",
    "OSIP_ICT_STATUS_2XX_RECEIVED",
    "OSIP_ICT_STATUS_2XX_RECEIVED_AGAIN",
    "OSIP_ICT_STATUS_3XX_RECEIVED",
    "OSIP_ICT_STATUS_4XX_RECEIVED",
    "OSIP_ICT_STATUS_5XX_RECEIVED",
    "OSIP_ICT_STATUS_6XX_RECEIVED",
    "OSIP_ICT_STATUS_3456XX_RECEIVED_AGAIN",
    "OSIP_IST_INVITE_RECEIVED",
    "OSIP_IST_INVITE_RECEIVED_AGAIN",
    "OSIP_IST_ACK_RECEIVED",
    "OSIP_IST_ACK_RECEIVED_AGAIN",
    "OSIP_IST_STATUS_1XX_SENT",
    "OSIP_IST_STATUS_2XX_SENT",
    "OSIP_IST_STATUS_2XX_SENT_AGAIN",
    "OSIP_IST_STATUS_3XX_SENT",
    "OSIP_IST_STATUS_4XX_SENT",
    "OSIP_IST_STATUS_5XX_SENT",
    "OSIP_IST_STATUS_6XX_SENT",
    "OSIP_IST_STATUS_3456XX_SENT_AGAIN",
    "OSIP_NICT_REGISTER_SENT",
    "OSIP_NICT_BYE_SENT",
    "OSIP_NICT_OPTIONS_SENT",
    "OSIP_NICT_INFO_SENT",
    "OSIP_NICT_CANCEL_SENT",
    "OSIP_NICT_NOTIFY_SENT",
    "OSIP_NICT_SUBSCRIBE_SENT",
    "OSIP_NICT_UNKNOWN_REQUEST_SENT",
    "OSIP_NICT_REQUEST_SENT_AGAIN",
    "OSIP_NICT_STATUS_1XX_RECEIVED",
    "OSIP_NICT_STATUS_2XX_RECEIVED",
    "OSIP_NICT_STATUS_2XX_RECEIVED_AGAIN",
    "OSIP_NICT_STATUS_3XX_RECEIVED",
    "OSIP_NICT_STATUS_4XX_RECEIVED",
    "OSIP_NICT_STATUS_5XX_RECEIVED",
    "OSIP_NICT_STATUS_6XX_RECEIVED",
    "OSIP_NICT_STATUS_3456XX_RECEIVED_AGAIN",
    "OSIP_NIST_REGISTER_RECEIVED",
    "OSIP_NIST_BYE_RECEIVED",
    "OSIP_NIST_OPTIONS_RECEIVED",
    "OSIP_NIST_INFO_RECEIVED",
    "OSIP_NIST_CANCEL_RECEIVED",
    "OSIP_NIST_NOTIFY_RECEIVED",
    "OSIP_NIST_SUBSCRIBE_RECEIVED",
    "OSIP_NIST_UNKNOWN_REQUEST_RECEIVED",
    "OSIP_NIST_REQUEST_RECEIVED_AGAIN",
    "OSIP_NIST_STATUS_1XX_SENT",
    "OSIP_NIST_STATUS_2XX_SENT",
    "OSIP_NIST_STATUS_2XX_SENT_AGAIN",
    "OSIP_NIST_STATUS_3XX_SENT",
    "OSIP_NIST_STATUS_4XX_SENT",
    "OSIP_NIST_STATUS_5XX_SENT",
    "OSIP_NIST_STATUS_6XX_SENT",
    "OSIP_NIST_STATUS_3456XX_SENT_AGAIN",
    "OSIP_ICT_STATUS_TIMEOUT",
    "OSIP_NICT_STATUS_TIMEOUT",
};

#define COUNT(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* Out-of-range values print as their number; a few rotating buffers let one
 * printf use several names. */
static const char *name_or_number(const char *const *names, int count, int v) {
  static char bufs[4][24];
  static int next = 0;
  char *b;

  if (v >= 0 && v < count)
    return names[v];
  b = bufs[next++ % 4];
  snprintf(b, sizeof(bufs[0]), "#%d", v);
  return b;
}

const char *h_state_name(int state) {
  return name_or_number(state_names, COUNT(state_names), state);
}

const char *h_event_name(int type) {
  return name_or_number(event_names, COUNT(event_names), type);
}

const char *h_callback_name(int type) {
  return name_or_number(callback_names, COUNT(callback_names), type);
}

int h_id(osip_transaction_t *tr) {
  return tr == NULL ? -1 : tr->transactionid;
}

/* ---- traces --------------------------------------------------------------- */

static const char *const level_names[] = {"FATAL", "BUG", "ERROR", "WARNING"};

static void trace_fn(const char *fi, int li, osip_trace_level_t level, const char *chfr, va_list ap) {
  char text[2048];
  const char *base;
  size_t n;

  /* INFO levels expose internals (pointers, allocation order) that need not
   * match between the two libraries. */
  if ((int) level > (int) OSIP_WARNING)
    return;
  vsnprintf(text, sizeof(text), chfr == NULL ? "" : chfr, ap);
  n = strlen(text);
  while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
    text[--n] = '\0';
  base = fi == NULL ? "NULL" : strrchr(fi, '/');
  base = base == NULL ? fi : base + 1;
  printf("TRACE %s:%d %s %s\n", base, li, level_names[level], text);
}

void h_trace_init(void) {
  /* Enables every level below INFO1, i.e. FATAL..WARNING. */
  osip_trace_initialize_func(OSIP_INFO1, trace_fn);
}

/* ---- messages --------------------------------------------------------------- */

/* "\n" → "\r\n" (text that already has "\r\n" is kept). Caller frees. */
static char *crlf(const char *text) {
  size_t len = strlen(text), i, o = 0;
  char *out = malloc(2 * len + 1);

  if (out == NULL)
    die("out of memory");
  for (i = 0; i < len; i++) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
      out[o++] = '\r';
    out[o++] = text[i];
  }
  out[o] = '\0';
  return out;
}

osip_message_t *h_msg(const char *text) {
  osip_message_t *msg = NULL;
  char *buf = crlf(text);

  if (osip_message_init(&msg) != 0 || osip_message_parse(msg, buf, strlen(buf)) != 0) {
    printf("%s\n", text);
    die("cannot parse the message above");
  }
  free(buf);
  return msg;
}

osip_event_t *h_parse(const char *text) {
  char *buf = crlf(text);
  osip_event_t *evt = osip_parse(buf, strlen(buf));

  free(buf);
  return evt;
}

osip_event_t *h_evt_in(const char *text) {
  osip_event_t *evt = h_parse(text);

  if (evt == NULL) {
    printf("%s\n", text);
    die("osip_parse failed on the message above");
  }
  return evt;
}

osip_event_t *h_evt_out(osip_message_t *msg) {
  osip_event_t *evt = osip_new_outgoing_sipmessage(msg);

  if (evt == NULL)
    die("osip_new_outgoing_sipmessage failed");
  return evt;
}

osip_event_t *h_evt_out_text(const char *text) {
  return h_evt_out(h_msg(text));
}

/* vsnprintf into a buffer the caller frees. */
static char *format(const char *fmt, va_list ap) {
  char *text = NULL;

  if (vasprintf(&text, fmt, ap) < 0)
    die("out of memory");
  return text;
}

/* Formats the variable arguments of the enclosing function and passes the
 * text to `parse`, whose result goes to `result`. */
#define PARSE_FORMATTED(fmt, parse, result) \
  do {                                      \
    va_list ap;                             \
    char *text;                             \
                                            \
    va_start(ap, fmt);                      \
    text = format(fmt, ap);                 \
    va_end(ap);                             \
    result = parse(text);                   \
    free(text);                             \
  } while (0)

osip_message_t *h_msgf(const char *fmt, ...) {
  osip_message_t *msg;

  PARSE_FORMATTED(fmt, h_msg, msg);
  return msg;
}

osip_event_t *h_evt_inf(const char *fmt, ...) {
  osip_event_t *evt;

  PARSE_FORMATTED(fmt, h_evt_in, evt);
  return evt;
}

osip_event_t *h_evt_outf(const char *fmt, ...) {
  osip_event_t *evt;

  PARSE_FORMATTED(fmt, h_evt_out_text, evt);
  return evt;
}

osip_event_t *h_evt_plain(int type, int transactionid) {
  osip_event_t *evt = osip_malloc(sizeof(osip_event_t));

  if (evt == NULL)
    die("out of memory");
  memset(evt, 0, sizeof(*evt));
  evt->type = type;
  evt->transactionid = transactionid;
  return evt;
}

/* The serialised message (osip_free it), or NULL with *rc set. */
static char *to_str(osip_message_t *msg, int *rc) {
  char *buf = NULL;
  size_t len = 0;

  *rc = osip_message_to_str(msg, &buf, &len);
  if (*rc != 0) {
    osip_free(buf);
    return NULL;
  }
  return buf;
}

const char *h_first_line(osip_message_t *msg) {
  static char line[512];
  char *buf;
  int rc;
  size_t n;

  if (msg == NULL)
    return "NULL";
  buf = to_str(msg, &rc);
  if (buf == NULL) {
    snprintf(line, sizeof(line), "<to_str failed %d>", rc);
    return line;
  }
  n = strcspn(buf, "\r\n");
  if (n >= sizeof(line))
    n = sizeof(line) - 1;
  memcpy(line, buf, n);
  line[n] = '\0';
  osip_free(buf);
  return line;
}

void h_print_msg(osip_message_t *msg) {
  char *buf, *p;
  int rc;

  if (msg == NULL) {
    printf("  | NULL\n");
    return;
  }
  buf = to_str(msg, &rc);
  if (buf == NULL) {
    printf("  | <to_str failed %d>\n", rc);
    return;
  }
  p = buf;
  while (*p != '\0') {
    size_t n = strcspn(p, "\r\n");

    printf("  | %.*s\n", (int) n, p);
    p += n;
    if (*p == '\r')
      p++;
    if (*p == '\n')
      p++;
  }
  osip_free(buf);
}

/* ---- callbacks -------------------------------------------------------------- */

static void cb_message(int type, osip_transaction_t *tr, osip_message_t *msg) {
  printf("MC %d %s tr=%d state=%s msg=", type, h_callback_name(type), h_id(tr),
         tr == NULL ? "-" : h_state_name(tr->state));
  printf("%s\n", h_first_line(msg));
  if (h_on_message != NULL)
    h_on_message(type, tr, msg);
}

/* Transactions removed by the kill callback: h_done frees them. */
static osip_transaction_t **removed = NULL;
static int removed_count = 0, removed_cap = 0;

static void remember_removed(osip_transaction_t *tr) {
  int i;

  for (i = 0; i < removed_count; i++)
    if (removed[i] == tr)
      return;
  if (removed_count == removed_cap) {
    removed_cap = removed_cap == 0 ? 16 : 2 * removed_cap;
    removed = realloc(removed, removed_cap * sizeof(*removed));
    if (removed == NULL)
      die("out of memory");
  }
  removed[removed_count++] = tr;
}

static void forget_removed(osip_transaction_t *tr) {
  int i;

  for (i = 0; i < removed_count; i++)
    if (removed[i] == tr) {
      removed[i] = removed[--removed_count];
      return;
    }
}

static void cb_kill(int type, osip_transaction_t *tr) {
  printf("KILL %d tr=%d state=%s\n", type, h_id(tr), tr == NULL ? "-" : h_state_name(tr->state));
  if (h_kill_remove && tr != NULL) {
    int rc = osip_remove_transaction(tr->config, tr);

    printf("  remove -> %d\n", rc);
    remember_removed(tr);
  }
  if (h_on_kill != NULL)
    h_on_kill(type, tr);
}

static void cb_transport_error(int type, osip_transaction_t *tr, int error) {
  printf("TE %d tr=%d state=%s err=%d\n", type, h_id(tr), tr == NULL ? "-" : h_state_name(tr->state), error);
}

#define MAX_SCRIPT 64
static struct {
  int n, result;
} script[MAX_SCRIPT];
static int script_len = 0;

void h_send_at(int n, int result) {
  if (script_len == MAX_SCRIPT)
    die("send script full");
  script[script_len].n = n;
  script[script_len].result = result;
  script_len++;
}

void h_send_next(int result) {
  h_send_at(h_send_count + 1, result);
}

static int cb_send(osip_transaction_t *tr, osip_message_t *msg, char *host, int port, int sock) {
  int i, result = h_send_result;

  h_send_count++;
  for (i = 0; i < script_len; i++)
    if (script[i].n == h_send_count)
      result = script[i].result;
  if (tr == NULL)
    printf("SEND #%d tr=- host=%s port=%d sock=%d -> %d\n", h_send_count, host == NULL ? "NULL" : host, port,
           sock, result);
  else
    printf("SEND #%d tr=%d state=%s host=%s port=%d sock=%d -> %d\n", h_send_count, tr->transactionid,
           h_state_name(tr->state), host == NULL ? "NULL" : host, port, sock, result);
  if (h_send_verbose)
    h_print_msg(msg);
  else
    printf("  | %s\n", h_first_line(msg));
  return result;
}

void h_init(osip_t **osip) {
  int i;

  setvbuf(stdout, NULL, _IOLBF, 0);
  h_trace_init();
  if (osip_init(osip) != 0 || *osip == NULL)
    die("osip_init failed");
  for (i = 0; i < OSIP_MESSAGE_CALLBACK_COUNT; i++)
    osip_set_message_callback(*osip, i, cb_message);
  for (i = 0; i < OSIP_KILL_CALLBACK_COUNT; i++)
    osip_set_kill_transaction_callback(*osip, i, cb_kill);
  for (i = 0; i < OSIP_TRANSPORT_ERROR_CALLBACK_COUNT; i++)
    osip_set_transport_error_callback(*osip, i, cb_transport_error);
  osip_set_cb_send_message(*osip, cb_send);
}

int h_free(osip_transaction_t *tr) {
  int id = h_id(tr), rc;

  forget_removed(tr);
  rc = osip_transaction_free(tr);
  printf("FREE tr=%d -> %d\n", id, rc);
  return rc;
}

static void free_list(osip_list_t *list) {
  int n = osip_list_size(list), i;
  osip_transaction_t **snapshot;

  if (n <= 0)
    return;
  snapshot = calloc(n, sizeof(*snapshot));
  for (i = 0; i < n; i++)
    snapshot[i] = osip_list_get(list, i);
  for (i = 0; i < n; i++) {
    forget_removed(snapshot[i]);
    osip_transaction_free(snapshot[i]);
  }
  free(snapshot);
  /* Nodes whose transaction could not be unlinked (e.g. an unknown ctx_type)
   * point to freed memory now; drop the nodes only. */
  while (osip_list_size(list) > 0)
    osip_list_remove(list, 0);
}

void h_done(osip_t *osip) {
  free_list(&osip->osip_ict_transactions);
  free_list(&osip->osip_ist_transactions);
  free_list(&osip->osip_nict_transactions);
  free_list(&osip->osip_nist_transactions);
  while (removed_count > 0) {
    osip_transaction_t *tr = removed[--removed_count];

    osip_transaction_free(tr);
  }
  free(removed);
  removed = NULL;
  removed_cap = 0;
  osip_release(osip);
}

/* ---- printing state --------------------------------------------------------- */

static long long mono_us(void) {
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The smallest timer length libosip2 uses (500 ms doubled, and T4 = 5000)
 * that is >= us microseconds; 0 when us <= 0. */
static long canonical_ms(long long us) {
  long ms = H_TIME_STEP_MS;

  if (us <= 0)
    return 0;
  while ((long long) ms * 1000 < us) {
    long next = ms * 2;

    if (ms < 5000 && next > 5000 && us <= 5000 * 1000LL)
      return 5000;
    ms = next;
  }
  return ms;
}

long h_remaining_ms(const struct timeval *start) {
  return canonical_ms((long long) start->tv_sec * 1000000 + start->tv_usec - mono_us());
}

const char *h_timer(const struct timeval *start) {
  static char bufs[4][40];
  static int next = 0;
  char *b = bufs[next++ % 4];
  long ms;

  if (start->tv_sec == -1)
    return "-1";
  ms = h_remaining_ms(start);
  if (ms <= 0)
    return "due";
  snprintf(b, sizeof(bufs[0]), "armed(+%ld)", ms);
  return b;
}

static void print_timer(const char *name, int length, const struct timeval *start) {
  printf("  timer %s len=%d start=%s\n", name, length, h_timer(start));
}

static void print_destination(osip_transaction_t *tr) {
  char *ip = NULL;
  int port = 0;
  int rc = osip_transaction_get_destination(tr, &ip, &port);

  printf("  destination rc=%d %s:%d\n", rc, ip == NULL ? "NULL" : ip, port);
}

void h_tr(osip_transaction_t *tr) {
  if (tr == NULL) {
    printf("TR NULL\n");
    return;
  }
  printf("TR %d state=%s ctx_type=%d ctx=%s%s%s%s fifo=%d in=%d out=%d killed=%s\n", tr->transactionid,
         h_state_name(tr->state), (int) tr->ctx_type, tr->ict_context ? "[ict]" : "",
         tr->ist_context ? "[ist]" : "", tr->nict_context ? "[nict]" : "", tr->nist_context ? "[nist]" : "",
         tr->transactionff == NULL ? -1 : osip_fifo_size(tr->transactionff), tr->in_socket, tr->out_socket,
         (tr->completed_time != 0 || tr->destroyed_time.tv_sec != 0 || tr->destroyed_time.tv_usec != 0) ? "yes"
                                                                                                          : "no");
  printf("  orig_request=%s\n", h_first_line(tr->orig_request));
  printf("  last_response=%s\n", h_first_line(tr->last_response));
  printf("  ack=%s\n", h_first_line(tr->ack));
  if (tr->ict_context != NULL) {
    osip_ict_t *c = tr->ict_context;

    print_timer("A", c->timer_a_length, &c->timer_a_start);
    print_timer("B", c->timer_b_length, &c->timer_b_start);
    print_timer("D", c->timer_d_length, &c->timer_d_start);
  }
  if (tr->nict_context != NULL) {
    osip_nict_t *c = tr->nict_context;

    print_timer("E", c->timer_e_length, &c->timer_e_start);
    print_timer("F", c->timer_f_length, &c->timer_f_start);
    print_timer("K", c->timer_k_length, &c->timer_k_start);
  }
  if (tr->ist_context != NULL) {
    osip_ist_t *c = tr->ist_context;

    print_timer("G", c->timer_g_length, &c->timer_g_start);
    print_timer("H", c->timer_h_length, &c->timer_h_start);
    print_timer("I", c->timer_i_length, &c->timer_i_start);
  }
  if (tr->nist_context != NULL) {
    osip_nist_t *c = tr->nist_context;

    print_timer("J", c->timer_j_length, &c->timer_j_start);
  }
  print_destination(tr);
}

static void print_list(const char *name, osip_list_t *list) {
  int n = osip_list_size(list), i;

  printf(" %s=%d[", name, n);
  for (i = 0; i < n; i++) {
    osip_transaction_t *tr = osip_list_get(list, i);

    printf(i == 0 ? "%d" : ",%d", h_id(tr));
  }
  printf("]");
}

void h_lists(osip_t *osip) {
  printf("LISTS");
  print_list("ict", &osip->osip_ict_transactions);
  print_list("ist", &osip->osip_ist_transactions);
  print_list("nict", &osip->osip_nict_transactions);
  print_list("nist", &osip->osip_nist_transactions);
  printf(" ixt=%d\n", osip_list_size(&osip->ixt_retransmissions));
}

void h_timeout(osip_t *osip) {
  struct timeval tv = {-7, -7};

  osip_timers_gettimeout(osip, &tv);
  if (tv.tv_sec == 0 && tv.tv_usec == 0) {
    printf("TIMEOUT {0,0}\n");
    return;
  }
  if (tv.tv_sec == 31536000 && tv.tv_usec == 0) {
    printf("TIMEOUT {31536000,0}\n");
    return;
  }
  printf("TIMEOUT ~%ld ms\n", canonical_ms((long long) tv.tv_sec * 1000000 + tv.tv_usec));
}

/* ---- timers -------------------------------------------------------------- */

void h_force(struct timeval *start) {
  osip_gettimeofday(start, NULL);
  add_gettimeofday(start, 0);
}

void h_force_back(struct timeval *start) {
  start->tv_sec -= 100;
}

void h_force_zero(struct timeval *start) {
  start->tv_sec = 0;
  start->tv_usec = 0;
}

void h_run(osip_t *osip) {
  osip_timers_ict_execute(osip);
  osip_timers_ist_execute(osip);
  osip_timers_nict_execute(osip);
  osip_timers_nist_execute(osip);
  h_exec_all(osip);
}

void h_exec_all(osip_t *osip) {
  osip_ict_execute(osip);
  osip_ist_execute(osip);
  osip_nict_execute(osip);
  osip_nist_execute(osip);
}

/* ---- steps ------------------------------------------------------------------ */

int h_exec(osip_transaction_t *tr, osip_event_t *evt) {
  int rc;

  printf("EXEC tr=%d %s\n", h_id(tr), evt == NULL ? "NULL" : h_event_name(evt->type));
  rc = osip_transaction_execute(tr, evt);
  printf("  exec -> %d\n", rc);
  return rc;
}

int h_find_add(osip_t *osip, osip_event_t *evt) {
  int rc;

  printf("FIND+ADD %s\n", evt == NULL ? "NULL" : h_event_name(evt->type));
  rc = osip_find_transaction_and_add_event(osip, evt);
  printf("  find+add -> %d\n", rc);
  if (rc != 0)
    osip_event_free(evt);
  return rc;
}

osip_transaction_t *h_create_add(osip_t *osip, osip_event_t *evt) {
  osip_transaction_t *tr;
  int rc;

  printf("CREATE %s\n", evt == NULL ? "NULL" : h_event_name(evt->type));
  tr = osip_create_transaction(osip, evt);
  printf("  create -> tr=%d\n", h_id(tr));
  if (tr == NULL) {
    osip_event_free(evt);
    return NULL;
  }
  rc = osip_transaction_add_event(tr, evt);
  if (rc != 0)
    printf("  add_event -> %d\n", rc);
  return tr;
}

void h_step(const char *fmt, ...) {
  va_list ap;

  printf("== ");
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
}

/* ---- assertions --------------------------------------------------------------- */

void h_check_int(const char *label, long got, long want) {
  printf("CHECK %s: %ld\n", label, got);
  if (got != want) {
    printf("  FAILED (want %ld)\n", want);
    failures++;
  }
}

void h_check_null(const char *label, const void *got, int want_null) {
  printf("CHECK %s: %s\n", label, got == NULL ? "NULL" : "non-NULL");
  if ((got == NULL) != (want_null != 0)) {
    printf("  FAILED (want %s)\n", want_null ? "NULL" : "non-NULL");
    failures++;
  }
}

int h_exit_status(void) {
  return failures == 0 ? 0 : 1;
}
