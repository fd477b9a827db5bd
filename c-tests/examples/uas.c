/* Example UAS over UDP on 127.0.0.1, written against the public libosip2
 * API only. It answers REGISTER and OPTIONS with 200, INVITE with 100, 180
 * and 200 (retransmitting the 200 until the ACK, which matches no
 * transaction, arrives), BYE with 200, and CANCEL with 200 plus 487 for the
 * INVITE while it is still ringing.
 *
 *   uas [--port P] [--max-calls N] [--idle-exit SEC] [--answer-delay MS]
 *       [--drop-every N] [--quiet]
 *
 * Exits once N calls have ended (--max-calls) or nothing arrived for SEC
 * seconds (--idle-exit), and only when no transaction is left; the status
 * is 0 only if every call completed. */
#include "sipapp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

enum call_state { RINGING, ANSWERED, CONFIRMED, CANCELLED };

struct call {
  /* What identifies the INVITE: retransmissions after the 200 (its
   * transaction is gone by then) and the CANCEL are matched on these. */
  char *call_id, *from_tag, *cseq, *branch;
  char *to_tag;
  osip_transaction_t *ist; /* NULL once libosip2 has ended it */
  osip_dialog_t *dialog;   /* from the 200 on */
  enum call_state state;
  long answer_at_ms; /* -1: not waiting to answer */
  struct story story;
};

static osip_list_t calls;
static long max_calls, idle_exit_s, answer_delay_ms;
static long completed, failed;
static unsigned long last_received;
static long idle_since_ms;

static long now_ms(void) {
  struct timeval tv;

  gettimeofday(&tv, NULL);
  return (long) tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static char *dup_or_null(const char *s) {
  return s != NULL ? osip_strdup(s) : NULL;
}

static const char *tag_of(osip_from_t *from) {
  osip_generic_param_t *tag = NULL;

  if (from == NULL || osip_from_get_tag(from, &tag) != 0 || tag == NULL)
    return NULL;
  return tag->gvalue;
}

static const char *branch_of(const osip_message_t *msg) {
  osip_via_t *via = NULL;
  osip_generic_param_t *branch = NULL;

  if (osip_message_get_via(msg, 0, &via) < 0 || via == NULL || osip_via_param_get_byname(via, "branch", &branch) != 0 ||
      branch == NULL)
    return NULL;
  return branch->gvalue;
}

static int same(const char *a, const char *b) {
  return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The call of an INVITE, or of a CANCEL (same branch) for it. */
static struct call *call_of_invite(const osip_message_t *msg, int with_branch) {
  char *call_id = NULL;
  struct call *c = NULL;
  int i;

  if (msg->call_id == NULL || msg->cseq == NULL || osip_call_id_to_str(msg->call_id, &call_id) != 0)
    return NULL;
  for (i = 0; (c = osip_list_get(&calls, i)) != NULL; i++)
    if (same(c->call_id, call_id) && same(c->from_tag, tag_of(msg->from)) && same(c->cseq, msg->cseq->number) &&
        (!with_branch || same(c->branch, branch_of(msg))))
      break;
  osip_free(call_id);
  return c;
}

static struct call *call_of_dialog(osip_dialog_t *dialog) {
  struct call *c;
  int i;

  for (i = 0; (c = osip_list_get(&calls, i)) != NULL; i++)
    if (c->dialog == dialog)
      return c;
  return NULL;
}

static struct call *call_of_request_in_dialog(osip_message_t *req) {
  struct call *c;
  int i;

  for (i = 0; (c = osip_list_get(&calls, i)) != NULL; i++)
    if (c->dialog != NULL && osip_dialog_match_as_uas(c->dialog, req) == 0)
      return c;
  return NULL;
}

static void end_call(struct call *c, int ok) {
  int i;

  if (ok)
    completed++;
  else
    failed++;
  for (i = 0; i < osip_list_size(&calls); i++)
    if (osip_list_get(&calls, i) == c) {
      osip_list_remove(&calls, i);
      break;
    }
  if (c->ist != NULL)
    osip_transaction_set_your_instance(c->ist, NULL);
  if (c->dialog != NULL) {
    osip_stop_retransmissions_from_dialog(app.osip, c->dialog);
    osip_dialog_free(c->dialog);
  }
  osip_free(c->call_id);
  osip_free(c->from_tag);
  osip_free(c->cseq);
  osip_free(c->branch);
  osip_free(c->to_tag);
  osip_free(c);
}

static void respond(osip_transaction_t *tr, const osip_message_t *req, int status, const char *to_tag) {
  osip_message_t *resp = app_response(req, status, to_tag);

  if (resp == NULL)
    complain("cannot build a %d response", status);
  else
    app_send_in_transaction(tr, resp);
}

static void answer(struct call *c) {
  c->answer_at_ms = -1;
  respond(c->ist, c->ist->orig_request, 200, c->to_tag);
}

static void new_call(osip_transaction_t *tr, osip_message_t *invite) {
  struct call *c = osip_malloc(sizeof *c);

  if (c == NULL) {
    respond(tr, invite, 500, NULL);
    return;
  }
  memset(c, 0, sizeof *c);
  osip_call_id_to_str(invite->call_id, &c->call_id);
  c->from_tag = dup_or_null(tag_of(invite->from));
  c->cseq = dup_or_null(invite->cseq->number);
  c->branch = dup_or_null(branch_of(invite));
  c->to_tag = app_random_token("uas");
  c->ist = tr;
  c->state = RINGING;
  c->answer_at_ms = -1;
  osip_transaction_set_your_instance(tr, c);
  osip_list_add(&calls, c, -1);
  story_add(&c->story, "INVITE received");
  respond(tr, invite, 100, NULL);
  respond(tr, invite, 180, c->to_tag);
  if (answer_delay_ms == 0)
    answer(c);
  else
    c->answer_at_ms = now_ms() + answer_delay_ms;
}

static void on_cancel(osip_transaction_t *tr, osip_message_t *cancel) {
  struct call *c = call_of_invite(cancel, 1);

  if (c == NULL) {
    respond(tr, cancel, 481, NULL);
    say("CANCEL received \xe2\x86\x92 481 sent: no such call");
    return;
  }
  respond(tr, cancel, 200, NULL);
  if (c->state != RINGING || c->ist == NULL) {
    say("CANCEL received \xe2\x86\x92 200 OK sent: too late, the call was answered");
    return;
  }
  c->state = CANCELLED;
  c->answer_at_ms = -1;
  story_add(&c->story, "CANCEL received (200 OK sent)");
  respond(c->ist, c->ist->orig_request, 487, c->to_tag);
}

static void on_bye(osip_transaction_t *tr, osip_message_t *bye) {
  struct call *c = call_of_request_in_dialog(bye);

  if (c == NULL) {
    respond(tr, bye, 481, NULL);
    say("BYE received \xe2\x86\x92 481 sent: no such call");
    return;
  }
  respond(tr, bye, 200, NULL);
  if (c->state == ANSWERED)
    story_end(&c->story, "call established (its ACK was lost: the BYE confirms it)");
  story_add(&c->story, "BYE received");
  story_add(&c->story, "200 OK sent");
  story_end(&c->story, "call ended");
  end_call(c, 1);
}

static void on_message(int type, osip_transaction_t *tr, osip_message_t *msg) {
  struct call *c = osip_transaction_get_your_instance(tr);

  switch (type) {
  case OSIP_IST_INVITE_RECEIVED:
    new_call(tr, msg);
    break;
  case OSIP_IST_INVITE_RECEIVED_AGAIN:
    if (c != NULL)
      story_add(&c->story, "INVITE received again");
    break;
  case OSIP_IST_STATUS_1XX_SENT:
    if (c != NULL)
      story_add(&c->story, "%s sent", app_status_text(msg));
    break;
  case OSIP_IST_STATUS_2XX_SENT:
    if (c == NULL)
      break;
    story_add(&c->story, "%s sent", app_status_text(msg));
    if (osip_dialog_init_as_uas(&c->dialog, tr->orig_request, msg) != 0) {
      complain("cannot build the dialog of an answered call");
      break;
    }
    c->state = ANSWERED;
    /* The INVITE transaction ends here: the 200 is ours to repeat. */
    osip_start_200ok_retransmissions(app.osip, c->dialog, msg, app.sock);
    break;
  case OSIP_IST_STATUS_4XX_SENT:
  case OSIP_IST_STATUS_3456XX_SENT_AGAIN:
    if (c != NULL)
      story_add(&c->story, "%s sent", app_status_text(msg));
    break;
  case OSIP_IST_ACK_RECEIVED:
    /* The ACK of the 487: the cancelled call is over. */
    if (c != NULL) {
      story_add(&c->story, "ACK received");
      story_end(&c->story, "call cancelled");
      end_call(c, 1);
    }
    break;
  case OSIP_NIST_REGISTER_RECEIVED:
  case OSIP_NIST_OPTIONS_RECEIVED:
    respond(tr, msg, 200, NULL);
    break;
  case OSIP_NIST_BYE_RECEIVED:
    on_bye(tr, msg);
    break;
  case OSIP_NIST_CANCEL_RECEIVED:
    on_cancel(tr, msg);
    break;
  case OSIP_NIST_INFO_RECEIVED:
  case OSIP_NIST_NOTIFY_RECEIVED:
  case OSIP_NIST_SUBSCRIBE_RECEIVED:
  case OSIP_NIST_UNKNOWN_REQUEST_RECEIVED:
    respond(tr, msg, 501, NULL);
    break;
  case OSIP_NIST_STATUS_2XX_SENT:
    if (!MSG_IS_BYE(tr->orig_request) && !MSG_IS_CANCEL(tr->orig_request))
      say("%s received \xe2\x86\x92 %s sent", tr->orig_request->sip_method, app_status_text(msg));
    break;
  case OSIP_NIST_REQUEST_RECEIVED_AGAIN:
    say("(%s received again: response repeated)", msg->sip_method);
    break;
  default:
    break;
  }
}

static void on_killed(osip_transaction_t *tr) {
  struct call *c = osip_transaction_get_your_instance(tr);

  if (c == NULL || c->ist != tr)
    return;
  c->ist = NULL;
  osip_transaction_set_your_instance(tr, NULL);
  /* Answered calls go on in their dialog; any other end is a failure. */
  if (c->state == RINGING || c->state == CANCELLED) {
    story_end(&c->story, "call failed: the INVITE transaction ended (%s)",
              c->state == RINGING ? "no answer sent" : "no ACK for the 487");
    end_call(c, 0);
  }
}

static void on_unmatched(osip_event_t *evt) {
  osip_message_t *msg = evt->sip;
  osip_dialog_t *dialog;
  struct call *c;

  if (MSG_IS_ACK(msg)) {
    /* The ACK of a 200 matches no transaction: it belongs to the dialog. */
    dialog = osip_stop_200ok_retransmissions(app.osip, msg);
    c = dialog != NULL ? call_of_dialog(dialog) : NULL;
    if (c != NULL && c->state == ANSWERED) {
      c->state = CONFIRMED;
      story_add(&c->story, "ACK received");
      story_end(&c->story, "call established");
    }
    osip_event_free(evt);
  } else if (MSG_IS_INVITE(msg) && (c = call_of_invite(msg, 0)) != NULL) {
    /* A retransmitted INVITE after the 200: its transaction is over and
     * the 200 is already being repeated. */
    story_add(&c->story, "INVITE received again");
    osip_event_free(evt);
  } else if (MSG_IS_REQUEST(msg)) {
    app_start_server_transaction(evt);
  } else {
    osip_event_free(evt);
  }
}

static int max_wait_ms(void) {
  struct call *c;
  long wait = -1, now = now_ms();
  int i;

  for (i = 0; (c = osip_list_get(&calls, i)) != NULL; i++)
    if (c->answer_at_ms >= 0 && (wait < 0 || c->answer_at_ms - now < wait))
      wait = c->answer_at_ms - now < 0 ? 0 : c->answer_at_ms - now;
  return (int) wait;
}

static int tick(void) {
  long now = now_ms();
  struct call *c;
  int i;

  for (i = 0; (c = osip_list_get(&calls, i)) != NULL; i++)
    if (c->answer_at_ms >= 0 && c->answer_at_ms <= now && c->ist != NULL)
      answer(c);
  if (app.received != last_received) {
    last_received = app.received;
    idle_since_ms = now;
  }
  if (!app_idle() || osip_list_size(&calls) > 0)
    return 0;
  if (max_calls > 0 && completed + failed >= max_calls)
    return 1;
  return idle_exit_s > 0 && now - idle_since_ms >= idle_exit_s * 1000;
}

int main(int argc, char **argv) {
  int port = 5060, i, clean;
  struct call *c;

  for (i = 1; i < argc; i++) {
    const char *value = i + 1 < argc ? argv[i + 1] : NULL;

    if (app_common_option(argc, argv, &i))
      continue;
    if (strcmp(argv[i], "--port") == 0)
      port = (int) app_number(argv[i], value);
    else if (strcmp(argv[i], "--max-calls") == 0)
      max_calls = app_number(argv[i], value);
    else if (strcmp(argv[i], "--idle-exit") == 0)
      idle_exit_s = app_number(argv[i], value);
    else if (strcmp(argv[i], "--answer-delay") == 0)
      answer_delay_ms = app_number(argv[i], value);
    else {
      fprintf(stderr, "usage: uas [--port P] [--max-calls N] [--idle-exit SEC] [--answer-delay MS] "
                      "[--drop-every N] [--quiet]\n");
      return 2;
    }
    i++;
  }
  osip_list_init(&calls);
  app_init("uas", port);
  for (i = 0; i < OSIP_MESSAGE_CALLBACK_COUNT; i++)
    osip_set_message_callback(app.osip, i, on_message);
  app.on_unmatched = on_unmatched;
  app.on_killed = on_killed;
  app.tick = tick;
  app.max_wait_ms = max_wait_ms;
  idle_since_ms = now_ms();
  say("listening on 127.0.0.1:%d", app.port);
  app_run();
  while ((c = osip_list_get(&calls, 0)) != NULL) {
    story_end(&c->story, "call never ended");
    end_call(c, 0);
  }
  printf("uas: calls completed %ld, failed %ld\n", completed, failed);
  clean = app_finish();
  return clean && failed == 0 && (max_calls == 0 || completed == max_calls) ? 0 : 1;
}
