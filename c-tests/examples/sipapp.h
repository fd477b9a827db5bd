/* The part of a UDP user agent that uac.c and uas.c share: one socket on
 * 127.0.0.1, one osip_t, the poll loop that drives libosip2's timers and
 * state machines, sending (with optional deliberate loss), and the
 * transaction life cycle of the libosip2 How-To (removed from its list in
 * the kill callback, freed from the main loop once execute has returned).
 *
 * Written only against the public osip2/osipparser2 API, so the same source
 * builds against Debian's libosip2 and against osip2-rs. */
#ifndef SIPAPP_H
#define SIPAPP_H

/* Sockets, poll and friends are POSIX, beyond strict C99. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdarg.h>
#include <stddef.h>
/* Upstream's osip.h uses struct timeval and time_t without including them. */
#include <sys/time.h>
#include <time.h>

#include <osip2/osip.h>
#include <osip2/osip_dialog.h>

struct app {
  const char *name; /* "uac" or "uas": prefix of every line printed */
  osip_t *osip;
  int sock;
  int port;       /* local port */
  int drop_every; /* 0: no deliberate loss */
  int quiet;
  unsigned long sent, sent_dropped, received, received_dropped;
  /* Transactions the kill callback took out of the lists, to be freed
   * once osip_*_execute has returned (the state machine still runs on
   * them while the callback executes). */
  osip_list_t dead;
  /* Set whenever an event was queued, so the loop executes again before it
   * sleeps: libosip2 only visits transactions that existed when the
   * execute call started. */
  int queued;
  /* Hooks of the program. */
  void (*on_unmatched)(osip_event_t *evt); /* takes ownership of evt */
  void (*on_killed)(osip_transaction_t *tr);
  /* The program's own deadlines, once per loop turn; non-zero stops. */
  int (*tick)(void);
  int (*max_wait_ms)(void); /* upper bound on the next sleep, -1: none */
};

extern struct app app;

/* Common command-line handling: returns 1 if argv[*i] was one of
 * --drop-every N, --quiet; exits with a message on a missing value. */
int app_common_option(int argc, char **argv, int *i);
long app_number(const char *opt, const char *value);

/* Opens the socket on 127.0.0.1:port (0: any free port) and sets up
 * libosip2 with the shared callbacks. Exits on failure. */
void app_init(const char *name, int port);
/* Polls and runs libosip2 until tick() returns non-zero. */
void app_run(void);
/* Prints the transactions left in each list and the datagram counters;
 * frees whatever is left. Returns 1 if no transaction was left. */
int app_finish(void);
/* Whether the four transaction lists and the ixt list are all empty. */
int app_idle(void);

/* Plain-words progress output (nothing with --quiet); errors always go
 * to stderr. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A short growing description of one exchange, printed when it ends:
 * "INVITE sent → 180 Ringing → 200 OK → ACK sent: call established".
 * A step repeated in a row shows once with a count ("sent again ×3"). */
struct story {
  char text[480];
  char last[96];    /* the latest step */
  size_t last_at;   /* where it starts in text */
  int repeats;
};
void story_add(struct story *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void story_end(struct story *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Queues an outgoing message on a transaction (taking the message). */
void app_send_in_transaction(osip_transaction_t *tr, osip_message_t *msg);
/* Starts a client transaction for a request (taking the message). */
osip_transaction_t *app_start_client_transaction(osip_message_t *req, void *owner);
/* Starts the server transaction for a request event nothing matched. */
osip_transaction_t *app_start_server_transaction(osip_event_t *evt);
/* Sends a message outside any transaction (the ACK for a 2xx). */
int app_send_direct(osip_message_t *msg, const char *host, int port);

/* Message building. */
char *app_random_token(const char *prefix); /* osip_malloc'd */
/* A response to req; to_tag is added to To when non-NULL and To has none.
 * Contact: ours for 1xx/2xx to an INVITE, the request's for a REGISTER's 2xx. */
osip_message_t *app_response(const osip_message_t *req, int status, const char *to_tag);
/* The next hop of a request built from a dialog: first loose route, else
 * the request-URI. */
void app_request_destination(const osip_message_t *req, char **host, int *port);
/* Status line as "180 Ringing". */
const char *app_status_text(const osip_message_t *resp);

#endif
