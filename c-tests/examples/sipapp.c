/* Shared UDP user-agent plumbing of the examples: see sipapp.h. */
#include "sipapp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

struct app app;

void say(const char *fmt, ...) {
  va_list ap;

  if (app.quiet)
    return;
  printf("%s: ", app.name);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
  fflush(stdout);
}

void complain(const char *fmt, ...) {
  va_list ap;

  fprintf(stderr, "%s: ", app.name);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

static void story_append(struct story *s, const char *fmt, ...) {
  size_t used = strlen(s->text);
  va_list ap;

  va_start(ap, fmt);
  if (used + 1 < sizeof s->text)
    vsnprintf(s->text + used, sizeof s->text - used, fmt, ap);
  va_end(ap);
}

void story_add(struct story *s, const char *fmt, ...) {
  char step[sizeof s->last];
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(step, sizeof step, fmt, ap);
  va_end(ap);
  if (s->text[0] != '\0' && strcmp(step, s->last) == 0) {
    s->text[s->last_at] = '\0';
    story_append(s, "%s \xc3\x97%d", step, ++s->repeats); /* "step ×n" */
    return;
  }
  if (s->text[0] != '\0')
    story_append(s, " \xe2\x86\x92 "); /* " → " */
  s->last_at = strlen(s->text);
  s->repeats = 1;
  snprintf(s->last, sizeof s->last, "%s", step);
  story_append(s, "%s", step);
}

void story_end(struct story *s, const char *fmt, ...) {
  char outcome[160];
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(outcome, sizeof outcome, fmt, ap);
  va_end(ap);
  story_append(s, ": %s", outcome);
  say("%s", s->text);
  memset(s, 0, sizeof *s);
}

long app_number(const char *opt, const char *value) {
  char *end;
  long n;

  if (value == NULL) {
    complain("%s needs a value", opt);
    exit(2);
  }
  n = strtol(value, &end, 10);
  if (*end != '\0' || n < 0) {
    complain("%s: not a number: %s", opt, value);
    exit(2);
  }
  return n;
}

int app_common_option(int argc, char **argv, int *i) {
  if (strcmp(argv[*i], "--drop-every") == 0) {
    app.drop_every = (int) app_number(argv[*i], *i + 1 < argc ? argv[*i + 1] : NULL);
    ++*i;
    return 1;
  }
  if (strcmp(argv[*i], "--quiet") == 0) {
    app.quiet = 1;
    return 1;
  }
  return 0;
}

/* One in drop_every datagrams is lost, starting with the first one, so
 * that even a short exchange has to recover through a retransmission. */
static int lose(unsigned long count) {
  return app.drop_every > 0 && count % (unsigned long) app.drop_every == 1 % (unsigned long) app.drop_every;
}

static const char *first_word(const osip_message_t *msg, char *buf, size_t len) {
  if (MSG_IS_RESPONSE(msg))
    snprintf(buf, len, "%d", msg->status_code);
  else
    snprintf(buf, len, "%s", msg->sip_method != NULL ? msg->sip_method : "?");
  return buf;
}

int app_send_direct(osip_message_t *msg, const char *host, int port) {
  struct sockaddr_in to;
  char *text = NULL;
  size_t len = 0;
  char what[32];
  ssize_t n;

  if (host == NULL || port <= 0 || port > 65535) {
    complain("cannot send %s: no destination", first_word(msg, what, sizeof what));
    return -1;
  }
  memset(&to, 0, sizeof to);
  to.sin_family = AF_INET;
  to.sin_port = htons((unsigned short) port);
  if (inet_pton(AF_INET, host, &to.sin_addr) != 1) {
    complain("cannot send %s: %s is not an IPv4 address", first_word(msg, what, sizeof what), host);
    return -1;
  }
  if (osip_message_to_str(msg, &text, &len) != 0) {
    complain("cannot serialise %s", first_word(msg, what, sizeof what));
    return -1;
  }
  app.sent++;
  if (lose(app.sent)) {
    app.sent_dropped++;
    say("(%s to %s:%d lost on purpose)", first_word(msg, what, sizeof what), host, port);
    osip_free(text);
    return 0;
  }
  n = sendto(app.sock, text, len, 0, (struct sockaddr *) &to, sizeof to);
  osip_free(text);
  if (n < 0) {
    complain("sendto %s:%d: %s", host, port, strerror(errno));
    return -1;
  }
  return 0;
}

/* cb_send_message: also called with tr == NULL for 2xx retransmissions. */
static int send_cb(osip_transaction_t *tr, osip_message_t *msg, char *host, int port, int out_socket) {
  (void) tr;
  (void) out_socket;
  return app_send_direct(msg, host, port);
}

static void kill_cb(int type, osip_transaction_t *tr) {
  (void) type;
  if (app.on_killed != NULL)
    app.on_killed(tr);
  osip_remove_transaction(app.osip, tr);
  osip_list_add(&app.dead, tr, -1);
}

static void transport_error_cb(int type, osip_transaction_t *tr, int error) {
  static const char *kinds[] = {"INVITE client", "INVITE server", "client", "server"};

  complain("transport error %d in %s transaction %d", error, kinds[type & 3], tr->transactionid);
}

void app_init(const char *name, int port) {
  struct sockaddr_in me;
  socklen_t len = sizeof me;
  int i, rcvbuf = 4 << 20;

  app.name = name;
  memset(&me, 0, sizeof me);
  me.sin_family = AF_INET;
  me.sin_port = htons((unsigned short) port);
  me.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  app.sock = socket(AF_INET, SOCK_DGRAM, 0);
  if (app.sock < 0 || bind(app.sock, (struct sockaddr *) &me, sizeof me) != 0 ||
      getsockname(app.sock, (struct sockaddr *) &me, &len) != 0) {
    complain("cannot use UDP port %d on 127.0.0.1: %s", port, strerror(errno));
    exit(2);
  }
  fcntl(app.sock, F_SETFL, fcntl(app.sock, F_GETFL) | O_NONBLOCK);
  /* Room for bursts under load (a busy server reads late now and then);
   * the forced size needs CAP_NET_ADMIN, the plain one is capped. */
  if (setsockopt(app.sock, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) != 0)
    setsockopt(app.sock, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  app.port = ntohs(me.sin_port);
  if (osip_init(&app.osip) != 0) {
    complain("osip_init failed");
    exit(2);
  }
  osip_list_init(&app.dead);
  osip_set_cb_send_message(app.osip, send_cb);
  for (i = OSIP_ICT_KILL_TRANSACTION; i <= OSIP_NIST_KILL_TRANSACTION; i++)
    osip_set_kill_transaction_callback(app.osip, i, kill_cb);
  for (i = OSIP_ICT_TRANSPORT_ERROR; i <= OSIP_NIST_TRANSPORT_ERROR; i++)
    osip_set_transport_error_callback(app.osip, i, transport_error_cb);
}

static void free_dead(void) {
  osip_transaction_t *tr;

  while ((tr = osip_list_get(&app.dead, 0)) != NULL) {
    osip_list_remove(&app.dead, 0);
    osip_transaction_free(tr);
  }
}

static void execute_all(void) {
  do {
    app.queued = 0;
    osip_ict_execute(app.osip);
    osip_ist_execute(app.osip);
    osip_nict_execute(app.osip);
    osip_nist_execute(app.osip);
    free_dead();
  } while (app.queued);
}

static void incoming(const char *buf, size_t len) {
  osip_event_t *evt;

  app.received++;
  if (lose(app.received)) {
    app.received_dropped++;
    say("(incoming %.*s lost on purpose)", (int) strcspn(buf, "\r\n"), buf);
    return;
  }
  evt = osip_parse(buf, len);
  if (evt == NULL) {
    complain("unparsable datagram of %zu bytes ignored", len);
    return;
  }
  if (osip_find_transaction_and_add_event(app.osip, evt) == 0)
    app.queued = 1;
  else
    app.on_unmatched(evt);
}

static int sleep_ms(void) {
  struct timeval tv;
  long ms;
  int cap = app.max_wait_ms != NULL ? app.max_wait_ms() : -1;

  osip_timers_gettimeout(app.osip, &tv);
  ms = (long) tv.tv_sec * 1000 + (tv.tv_usec + 999) / 1000;
  /* Wake up now and then anyway: the programs' own deadlines. */
  if (ms > 1000)
    ms = 1000;
  if (cap >= 0 && ms > cap)
    ms = cap;
  return (int) ms;
}

/* SIGUSR1 asks a long-running process to give the memory malloc keeps
 * free back to the system (c-tests/examples/soak.sh uses it after the
 * traffic, as a server might after a peak). */
static volatile sig_atomic_t trim_requested;

static void request_trim(int sig) {
  (void) sig;
  trim_requested = 1;
}

void app_run(void) {
  char buf[65536];
  struct pollfd pfd;
  struct sigaction sa;
  ssize_t n;

  memset(&sa, 0, sizeof sa);
  sa.sa_handler = request_trim;
  sigaction(SIGUSR1, &sa, NULL);
  pfd.fd = app.sock;
  pfd.events = POLLIN;
  for (;;) {
    if (trim_requested) {
      trim_requested = 0;
      malloc_trim(0);
      fprintf(stderr, "%s: malloc_trim done\n", app.name);
    }
    osip_timers_ict_execute(app.osip);
    osip_timers_ist_execute(app.osip);
    osip_timers_nict_execute(app.osip);
    osip_timers_nist_execute(app.osip);
    osip_retransmissions_execute(app.osip);
    execute_all();
    if (app.tick())
      return;
    execute_all();
    if (poll(&pfd, 1, sleep_ms()) < 0 && errno != EINTR) {
      complain("poll: %s", strerror(errno));
      return;
    }
    while ((n = recv(app.sock, buf, sizeof buf - 1, 0)) > 0) {
      buf[n] = '\0';
      incoming(buf, (size_t) n);
    }
    execute_all();
  }
}

int app_idle(void) {
  return osip_list_size(&app.osip->osip_ict_transactions) == 0 && osip_list_size(&app.osip->osip_ist_transactions) == 0 &&
         osip_list_size(&app.osip->osip_nict_transactions) == 0 &&
         osip_list_size(&app.osip->osip_nist_transactions) == 0 && osip_list_size(&app.osip->ixt_retransmissions) == 0;
}

static int drain(osip_list_t *list) {
  int left = osip_list_size(list);
  osip_transaction_t *tr;

  while ((tr = osip_list_get(list, 0)) != NULL) {
    osip_remove_transaction(app.osip, tr);
    osip_transaction_free(tr);
  }
  return left;
}

int app_finish(void) {
  int ixt = osip_list_size(&app.osip->ixt_retransmissions);
  int ict = drain(&app.osip->osip_ict_transactions);
  int ist = drain(&app.osip->osip_ist_transactions);
  int nict = drain(&app.osip->osip_nict_transactions);
  int nist = drain(&app.osip->osip_nist_transactions);

  printf("%s: transactions left: ict %d ist %d nict %d nist %d ixt %d; "
         "datagrams sent %lu (lost on purpose %lu), received %lu (lost on purpose %lu)\n",
         app.name, ict, ist, nict, nist, ixt, app.sent, app.sent_dropped, app.received, app.received_dropped);
  fflush(stdout);
  free_dead();
  /* ixt records belong to dialogs the programs stop before this point. */
  osip_release(app.osip);
  close(app.sock);
  return ict + ist + nict + nist + ixt == 0;
}

void app_send_in_transaction(osip_transaction_t *tr, osip_message_t *msg) {
  osip_event_t *evt = osip_new_outgoing_sipmessage(msg);

  if (evt == NULL) {
    osip_message_free(msg);
    return;
  }
  evt->transactionid = tr->transactionid;
  osip_transaction_add_event(tr, evt);
  app.queued = 1;
}

osip_transaction_t *app_start_client_transaction(osip_message_t *req, void *owner) {
  osip_event_t *evt = osip_new_outgoing_sipmessage(req);
  osip_transaction_t *tr;

  if (evt == NULL) {
    osip_message_free(req);
    return NULL;
  }
  tr = osip_create_transaction(app.osip, evt);
  if (tr == NULL) {
    osip_event_free(evt);
    return NULL;
  }
  osip_transaction_set_your_instance(tr, owner);
  osip_transaction_add_event(tr, evt);
  app.queued = 1;
  return tr;
}

osip_transaction_t *app_start_server_transaction(osip_event_t *evt) {
  osip_transaction_t *tr = osip_create_transaction(app.osip, evt);

  if (tr == NULL) {
    osip_event_free(evt);
    return NULL;
  }
  osip_transaction_add_event(tr, evt);
  app.queued = 1;
  return tr;
}

char *app_random_token(const char *prefix) {
  char buf[64];

  snprintf(buf, sizeof buf, "%s%u%u", prefix, osip_build_random_number(), osip_build_random_number());
  return osip_strdup(buf);
}

osip_message_t *app_response(const osip_message_t *req, int status, const char *to_tag) {
  osip_message_t *resp;
  osip_generic_param_t *tag = NULL;
  char contact[64];

  if (osip_message_init(&resp) != 0)
    return NULL;
  osip_message_set_version(resp, osip_strdup("SIP/2.0"));
  osip_message_set_status_code(resp, status);
  osip_message_set_reason_phrase(resp, osip_strdup(osip_message_get_reason(status)));
  if (osip_list_clone(&req->vias, &resp->vias, (int (*)(void *, void **)) osip_via_clone) != 0 ||
      osip_from_clone(req->from, &resp->from) != 0 || osip_to_clone(req->to, &resp->to) != 0 ||
      osip_call_id_clone(req->call_id, &resp->call_id) != 0 || osip_cseq_clone(req->cseq, &resp->cseq) != 0) {
    osip_message_free(resp);
    return NULL;
  }
  if (to_tag != NULL && osip_to_get_tag(resp->to, &tag) != 0)
    osip_to_set_tag(resp->to, osip_strdup(to_tag));
  /* Our address is the remote target of the dialog a 1xx/2xx to an
   * INVITE creates; a registrar's 200 lists the registered bindings. */
  if (status > 100 && status < 300 && MSG_IS_INVITE(req)) {
    snprintf(contact, sizeof contact, "<sip:%s@127.0.0.1:%d>", app.name, app.port);
    osip_message_set_contact(resp, contact);
  } else if (status >= 200 && status < 300 && MSG_IS_REGISTER(req)) {
    osip_list_clone(&req->contacts, &resp->contacts, (int (*)(void *, void **)) osip_contact_clone);
  }
  osip_message_set_user_agent(resp, "osip2-rs example");
  return resp;
}

void app_request_destination(const osip_message_t *req, char **host, int *port) {
  osip_route_t *route = NULL;
  osip_uri_param_t *lr = NULL;
  osip_uri_t *uri = req->req_uri;

  osip_message_get_route(req, 0, &route);
  if (route != NULL && route->url != NULL && osip_uri_uparam_get_byname(route->url, "lr", &lr) == 0)
    uri = route->url;
  *host = uri != NULL ? uri->host : NULL;
  *port = uri != NULL && uri->port != NULL ? osip_atoi(uri->port) : 5060;
}

const char *app_status_text(const osip_message_t *resp) {
  static char buf[96];

  snprintf(buf, sizeof buf, "%d %s", resp->status_code,
           resp->reason_phrase != NULL ? resp->reason_phrase : "");
  return buf;
}
