/* Printing helpers shared by the dialog_* and ixt_* scenarios (included by
 * them; not a scenario itself). Everything printed is deterministic: no
 * pointers (dialogs are named by the caller), times coarse and relative. */
#ifndef DIALOG_SHOW_H
#define DIALOG_SHOW_H

#include "harness.h"
#include <osip2/osip_dialog.h>

static inline const char *show_str(const char *s) {
  return s == NULL ? "NULL" : s;
}

/* A From/To/Contact/Record-Route header as text, or NULL. */
static inline void show_header(const char *label, const osip_from_t *h) {
  char *s = NULL;

  if (h == NULL) {
    printf("  %s: NULL\n", label);
    return;
  }
  if (osip_from_to_str(h, &s) != 0)
    printf("  %s: (to_str failed)\n", label);
  else
    printf("  %s: %s\n", label, s);
  osip_free(s);
}

/* Every field of a dialog. */
static inline void show_dialog(const char *name, osip_dialog_t *d) {
  int i;

  if (d == NULL) {
    printf("DIALOG %s: NULL\n", name);
    return;
  }
  printf("DIALOG %s: call_id=%s local_tag=%s remote_tag=%s line=%s\n", name, show_str(d->call_id),
         show_str(d->local_tag), show_str(d->remote_tag), show_str(d->line_param));
  printf("  local_cseq=%d remote_cseq=%d secure=%d type=%d state=%d instance=%s\n", d->local_cseq,
         d->remote_cseq, d->secure, (int) d->type, (int) d->state, d->your_instance == NULL ? "NULL" : "set");
  show_header("local_uri", d->local_uri);
  show_header("remote_uri", d->remote_uri);
  show_header("remote_contact", d->remote_contact_uri);
  printf("  route_set: %d\n", osip_list_size(&d->route_set));
  for (i = 0; i < osip_list_size(&d->route_set); i++)
    show_header("  route", (osip_from_t *) osip_list_get(&d->route_set, i));
}

/* Prints "<label> -> rc" and returns rc. */
static inline int show_rc(const char *label, int rc) {
  printf("%s -> %d\n", label, rc);
  return rc;
}

/* Names dialogs in ixt listings: the i-th pointer prints as names[i]. */
struct show_names {
  int n;
  osip_dialog_t *dialogs[8];
  const char *names[8];
};

static inline const char *show_name(const struct show_names *names, osip_dialog_t *d) {
  int i;

  if (d == NULL)
    return "NULL";
  for (i = 0; i < names->n; i++)
    if (names->dialogs[i] == d)
      return names->names[i];
  return "?";
}

/* Time until an ixt deadline: "-1" (tv_sec -1), "due", or "+N" with N the remaining time
 * less 10 ms rounded up to 500 ms. A record made or forced (h_force) less
 * than 490 ms ago prints its exact schedule: +500 for a new record (510 ms),
 * else its interval. */
static inline const char *show_when(const struct timeval *start) {
  static char bufs[4][32];
  static int next = 0;
  char *b = bufs[next++ % 4];
  struct timeval now;
  long long left;

  if (start->tv_sec == -1)
    return "-1";
  osip_gettimeofday(&now, NULL);
  left = ((long long) start->tv_sec - now.tv_sec) * 1000000 + (start->tv_usec - now.tv_usec);
  if (left <= 0)
    return "due";
  snprintf(b, sizeof(bufs[0]), "+%lld", ((left - 10000 + 499999) / 500000) * 500);
  return b;
}

/* The ixt list, in order: dialog, message, destination, counters and the
 * time left until the next send. */
static inline void show_ixt(osip_t *osip, const struct show_names *names) {
  int i;

  printf("IXT %d\n", osip_list_size(&osip->ixt_retransmissions));
  for (i = 0; i < osip_list_size(&osip->ixt_retransmissions); i++) {
    ixt_t *x = (ixt_t *) osip_list_get(&osip->ixt_retransmissions, i);

    printf("  [%d] dialog=%s msg2xx=%s ack=%s dest=%s port=%d sock=%d counter=%d interval=%d start=%s\n", i,
           show_name(names, x->dialog), x->msg2xx == NULL ? "NULL" : h_first_line(x->msg2xx),
           x->ack == NULL ? "NULL" : h_first_line(x->ack), show_str(x->dest), x->port, x->sock, x->counter,
           x->interval, show_when(&x->start));
  }
}

/* Makes every ixt record due now (start := now). */
static inline void show_force_ixt(osip_t *osip) {
  int i;

  for (i = 0; i < osip_list_size(&osip->ixt_retransmissions); i++)
    h_force(&((ixt_t *) osip_list_get(&osip->ixt_retransmissions, i))->start);
}

#endif
