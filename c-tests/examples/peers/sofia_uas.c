/* The example UAS of c-tests/examples/uas.c, written on sofia-sip's
 * transaction layer (nta) instead of libosip2, for the load run's side by
 * side comparison (c-tests/examples/load.sh). Same call flow, same
 * responses: REGISTER and OPTIONS get 200, INVITE gets 100, 180 and 200
 * (the 200 repeated until the ACK, which ends the call setup), BYE gets 200.
 * Like uas.c, the 1xx/2xx to an INVITE carry Contact <sip:uas@127.0.0.1:P>
 * and no body, the 200 to a REGISTER lists the request's Contacts, and every
 * response the program builds carries a User-Agent.
 *
 * Only nta is used (agent, legs, incoming transactions), no higher layer:
 * the agent runs as a UA (NTATAG_UA(1)), so nta repeats the 200 to an
 * INVITE itself (timer G) and hands the ACK to the INVITE's transaction.
 *
 *   sofia_uas [--port P] [--max-calls N] [--idle-exit SEC] [--quiet]
 *
 * Exits once N calls have ended (--max-calls) or nothing arrived for SEC
 * seconds (--idle-exit), and only when no call and no transaction is left
 * (nta keeps a BYE's transaction for timer J, 32 s); the status is 0 only if
 * every call completed. uas.c's --answer-delay and --drop-every have no
 * counterpart here. */
struct call;
#define NTA_LEG_MAGIC_T struct call
#define NTA_INCOMING_MAGIC_T struct call

#include <sofia-sip/nta.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/sip_tag.h>
#include <sofia-sip/su.h>
#include <sofia-sip/su_wait.h>
#include <sofia-sip/tport_tag.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

struct call {
  nta_leg_t *leg;         /* the dialog, from the INVITE on */
  nta_incoming_t *invite; /* until its ACK (or timer H) */
  int confirmed;          /* ACK received */
  struct call *prev, *next;
};

static su_home_t home[1] = {SU_HOME_INIT(home)};
static su_root_t *root;
static nta_agent_t *agent;
static sip_contact_t *our_contact;
static sip_user_agent_t *user_agent;
static struct call *calls; /* calls not ended yet */
static long live_calls, completed, failed;
static long max_calls, idle_exit_s;
static int quiet;
static usize_t last_received;
static long idle_since_ms;

static long now_ms(void) {
  struct timeval tv;

  gettimeofday(&tv, NULL);
  return (long) tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...) {
  va_list ap;

  if (quiet)
    return;
  fputs("uas: ", stdout);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
  fflush(stdout);
}

static void end_call(struct call *c, int ok) {
  if (ok)
    completed++;
  else
    failed++;
  live_calls--;
  if (c->prev != NULL)
    c->prev->next = c->next;
  else
    calls = c->next;
  if (c->next != NULL)
    c->next->prev = c->prev;
  /* nta frees a destroyed transaction once its timers are done with it. */
  if (c->invite != NULL)
    nta_incoming_destroy(c->invite);
  nta_leg_destroy(c->leg);
  free(c);
}

/* The ACK of the 200 (nta matches it to the INVITE's transaction), a CANCEL
 * (nta answers it: 481 once the 200 is sent), or timer H (sip == NULL). */
static int on_ack_or_cancel(struct call *c, nta_incoming_t *irq, sip_t const *sip) {
  if (sip != NULL && sip->sip_request->rq_method == sip_method_cancel)
    return 0;
  if (sip == NULL)
    say("no ACK for the 200 OK within timer H (the BYE may still end the call)");
  else {
    c->confirmed = 1;
    say("ACK received: call established");
  }
  c->invite = NULL;
  nta_incoming_destroy(irq);
  return 0;
}

/* Requests within a dialog. */
static int on_dialog_request(struct call *c, nta_leg_t *leg, nta_incoming_t *irq, sip_t const *sip) {
  (void) leg;
  switch (sip->sip_request->rq_method) {
  case sip_method_bye:
    nta_incoming_treply(irq, SIP_200_OK, SIPTAG_USER_AGENT(user_agent), TAG_END());
    say(c->confirmed ? "BYE received \xe2\x86\x92 200 OK sent: call ended"
                     : "BYE received \xe2\x86\x92 200 OK sent: call ended (its ACK was lost: the BYE confirms it)");
    end_call(c, 1);
    return 200; /* already answered: nta only destroys the transaction */
  case sip_method_ack:
    /* An ACK the INVITE's transaction no longer takes. */
    nta_incoming_destroy(irq);
    return 0;
  default:
    return 501;
  }
}

static int on_invite(nta_incoming_t *irq, sip_t const *sip) {
  struct call *c;

  if (sip->sip_to->a_tag != NULL)
    return 481; /* a request within a dialog we do not have */
  c = calloc(1, sizeof *c);
  if (c == NULL)
    return 500;
  /* The dialog as the callee sees it: local is the To, remote the From. */
  c->leg = nta_leg_tcreate(agent, on_dialog_request, c, SIPTAG_CALL_ID(sip->sip_call_id), SIPTAG_FROM(sip->sip_to),
                           SIPTAG_TO(sip->sip_from), TAG_END());
  if (c->leg == NULL || nta_leg_tag(c->leg, NULL) == NULL) {
    nta_leg_destroy(c->leg);
    free(c);
    return 500;
  }
  nta_leg_server_route(c->leg, sip->sip_record_route, sip->sip_contact);
  c->invite = irq;
  nta_incoming_bind(irq, on_ack_or_cancel, c);
  c->next = calls;
  if (calls != NULL)
    calls->prev = c;
  calls = c;
  live_calls++;
  /* Like uas.c: 100 without a To tag, then 180 and 200 with the dialog's. */
  nta_incoming_treply(irq, SIP_100_TRYING, SIPTAG_USER_AGENT(user_agent), TAG_END());
  nta_incoming_tag(irq, nta_leg_get_tag(c->leg));
  nta_incoming_treply(irq, SIP_180_RINGING, SIPTAG_CONTACT(our_contact), SIPTAG_USER_AGENT(user_agent), TAG_END());
  nta_incoming_treply(irq, SIP_200_OK, SIPTAG_CONTACT(our_contact), SIPTAG_USER_AGENT(user_agent), TAG_END());
  say("INVITE received \xe2\x86\x92 100 Trying sent \xe2\x86\x92 180 Ringing sent \xe2\x86\x92 200 OK sent");
  return 0;
}

/* Requests outside any dialog: the default leg. */
static int on_request(struct call *none, nta_leg_t *leg, nta_incoming_t *irq, sip_t const *sip) {
  (void) none;
  (void) leg;
  switch (sip->sip_request->rq_method) {
  case sip_method_invite:
    return on_invite(irq, sip);
  case sip_method_register:
    /* A registrar's 200 lists the registered bindings. */
    nta_incoming_treply(irq, SIP_200_OK, SIPTAG_CONTACT(sip->sip_contact), SIPTAG_USER_AGENT(user_agent), TAG_END());
    say("REGISTER received \xe2\x86\x92 200 OK sent");
    return 200;
  case sip_method_options:
    nta_incoming_treply(irq, SIP_200_OK, SIPTAG_USER_AGENT(user_agent), TAG_END());
    say("OPTIONS received \xe2\x86\x92 200 OK sent");
    return 200;
  case sip_method_ack:
    nta_incoming_destroy(irq);
    return 0;
  case sip_method_bye:
  case sip_method_cancel:
    say("%s received \xe2\x86\x92 481 sent: no such call", sip->sip_request->rq_method_name);
    return 481;
  default:
    return 501;
  }
}

static void stats(usize_t *received, usize_t *transactions) {
  nta_agent_get_stats(agent, NTATAG_S_RECV_MSG_REF(*received), NTATAG_S_IRQ_HASH_USED_REF(*transactions), TAG_END());
}

static void tick(su_root_magic_t *magic, su_timer_t *timer, su_timer_arg_t *arg) {
  usize_t received = 0, transactions = 0;
  long now = now_ms();

  (void) magic;
  (void) timer;
  (void) arg;
  stats(&received, &transactions);
  if (received != last_received) {
    last_received = received;
    idle_since_ms = now;
  }
  if (transactions > 0 || live_calls > 0)
    return;
  if ((max_calls > 0 && completed + failed >= max_calls) ||
      (idle_exit_s > 0 && now - idle_since_ms >= idle_exit_s * 1000))
    su_root_break(root);
}

static long number(const char *opt, const char *value) {
  char *end;
  long n;

  if (value == NULL) {
    fprintf(stderr, "uas: %s needs a value\n", opt);
    exit(2);
  }
  n = strtol(value, &end, 10);
  if (*value == '\0' || *end != '\0' || n < 0) {
    fprintf(stderr, "uas: %s: not a number: %s\n", opt, value);
    exit(2);
  }
  return n;
}

int main(int argc, char **argv) {
  char url[64], contact[64];
  long port = 5060;
  usize_t received = 0, transactions = 0;
  su_timer_t *timer;
  sip_via_t const *via;
  int i, status;

  for (i = 1; i < argc; i++) {
    const char *value = i + 1 < argc ? argv[i + 1] : NULL;

    if (strcmp(argv[i], "--quiet") == 0) {
      quiet = 1;
      continue;
    }
    if (strcmp(argv[i], "--port") == 0)
      port = number(argv[i], value);
    else if (strcmp(argv[i], "--max-calls") == 0)
      max_calls = number(argv[i], value);
    else if (strcmp(argv[i], "--idle-exit") == 0)
      idle_exit_s = number(argv[i], value);
    else {
      fprintf(stderr, "usage: sofia_uas [--port P] [--max-calls N] [--idle-exit SEC] [--quiet]\n");
      return 2;
    }
    i++;
  }
  if (su_init() != 0 || (root = su_root_create(NULL)) == NULL) {
    fprintf(stderr, "uas: cannot initialise sofia-sip\n");
    return 2;
  }
  snprintf(url, sizeof url, "sip:127.0.0.1:%ld;transport=udp", port);
  /* A UA (nta repeats the 200 and takes the ACK), UDP only, and the same
   * 4 MiB receive buffer as sipapp.c gives the libosip2 examples. */
  /* A string is a url_string_t (what URL_STRING_MAKE casts to). */
  agent = nta_agent_create(root, (url_string_t const *) url, NULL, NULL, NTATAG_UA(1), TPTAG_UDP_RMEM(4 << 20), TAG_END());
  if (agent == NULL || (via = nta_agent_via(agent)) == NULL || via->v_port == NULL) {
    fprintf(stderr, "uas: cannot use UDP port %ld on 127.0.0.1\n", port);
    return 2;
  }
  port = strtol(via->v_port, NULL, 10);
  snprintf(contact, sizeof contact, "<sip:uas@127.0.0.1:%ld>", port);
  our_contact = sip_contact_make(home, contact);
  user_agent = sip_user_agent_make(home, "sofia-sip example");
  if (our_contact == NULL || user_agent == NULL ||
      nta_leg_tcreate(agent, on_request, NULL, NTATAG_NO_DIALOG(1), TAG_END()) == NULL) {
    fprintf(stderr, "uas: cannot set up the agent\n");
    return 2;
  }
  timer = su_timer_create(su_root_task(root), 200);
  if (timer == NULL || su_timer_set_for_ever(timer, tick, NULL) != 0) {
    fprintf(stderr, "uas: cannot start a timer\n");
    return 2;
  }
  idle_since_ms = now_ms();
  say("listening on 127.0.0.1:%ld", port);
  su_root_run(root);

  while (calls != NULL) {
    say("call never ended");
    end_call(calls, 0);
  }
  stats(&received, &transactions);
  printf("uas: calls completed %ld, failed %ld\n", completed, failed);
  printf("uas: transactions left %lu, datagrams received %lu\n", (unsigned long) transactions,
         (unsigned long) received);
  status = transactions == 0 && failed == 0 && (max_calls == 0 || completed == max_calls) ? 0 : 1;
  su_timer_destroy(timer);
  nta_agent_destroy(agent);
  su_root_destroy(root);
  su_home_deinit(home);
  su_deinit();
  return status;
}
