/* Example UAC over UDP on 127.0.0.1, written against the public libosip2
 * API only. It registers (REGISTER, a non-INVITE client transaction), then
 * places calls one after the other: INVITE (INVITE client transaction) →
 * 1xx → 200, the ACK built from the dialog and sent outside any
 * transaction (again whenever the 200 is retransmitted), then BYE in the
 * dialog. A 401/407 ends everything: this example does not authenticate.
 *
 *   uac [--target HOST:PORT] [--port P] [--calls N] [--no-register]
 *       [--drop-every N] [--quiet]
 *
 * Exits once every transaction is over; the status is 0 only if the
 * registration and every call completed. */
#include "sipapp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One request and what came of it; a transaction's your_instance. */
struct exchange {
  struct story story;
  int over; /* a final response arrived (or the exchange failed) */
};

static const char *target_host = "127.0.0.1";
static int target_port = 5060;
static long calls_wanted = 1, calls_done;
static int want_register = 1, registered, failed, finished;

static struct exchange reg, invite, bye;
static int call_number;
static osip_dialog_t *dialog;
static osip_message_t *ack; /* kept to be sent again on a repeated 200 */
static char *ack_host;
static int ack_port;

static void fail(struct exchange *x, const char *fmt, const char *detail) {
  x->over = 1;
  story_end(&x->story, fmt, detail);
  failed = 1;
}

static osip_message_t *new_request(const char *method, const char *uri, const char *cseq) {
  osip_message_t *req;
  osip_uri_t *req_uri;
  char *branch = app_random_token("z9hG4bK");
  char via[128];

  if (osip_message_init(&req) != 0 || osip_uri_init(&req_uri) != 0) {
    complain("out of memory");
    exit(2);
  }
  osip_uri_parse(req_uri, uri);
  osip_message_set_uri(req, req_uri);
  osip_message_set_method(req, osip_strdup(method));
  osip_message_set_version(req, osip_strdup("SIP/2.0"));
  snprintf(via, sizeof via, "SIP/2.0/UDP 127.0.0.1:%d;rport;branch=%s", app.port, branch);
  osip_free(branch);
  osip_message_set_via(req, via);
  osip_message_set_cseq(req, cseq);
  osip_message_set_max_forwards(req, "70");
  osip_message_set_user_agent(req, "osip2-rs example");
  return req;
}

/* A fresh request outside any dialog, from us to the target. */
static osip_message_t *new_initial_request(const char *method, const char *user) {
  char uri[96], from[128], contact[96];
  char *tag = app_random_token("uac"), *call_id = app_random_token("");
  osip_message_t *req;

  if (user != NULL)
    snprintf(uri, sizeof uri, "sip:%s@%s:%d", user, target_host, target_port);
  else
    snprintf(uri, sizeof uri, "sip:%s:%d", target_host, target_port);
  req = new_request(method, uri, strcmp(method, "REGISTER") == 0 ? "1 REGISTER" : "1 INVITE");
  snprintf(from, sizeof from, "<sip:uac@%s:%d>;tag=%s", target_host, target_port, tag);
  osip_message_set_from(req, from);
  snprintf(from, sizeof from, "<sip:%s@%s:%d>", user != NULL ? user : "uac", target_host, target_port);
  osip_message_set_to(req, from);
  snprintf(from, sizeof from, "%s@127.0.0.1", call_id);
  osip_message_set_call_id(req, from);
  snprintf(contact, sizeof contact, "<sip:uac@127.0.0.1:%d>", app.port);
  osip_message_set_contact(req, contact);
  osip_free(tag);
  osip_free(call_id);
  return req;
}

/* A request within the dialog: remote target, route set, tags, Call-ID. */
static osip_message_t *new_dialog_request(const char *method, int cseq_number) {
  osip_uri_t *target = dialog->remote_contact_uri != NULL ? dialog->remote_contact_uri->url : dialog->remote_uri->url;
  char *uri = NULL, cseq[64];
  osip_message_t *req;

  osip_uri_to_str(target, &uri);
  snprintf(cseq, sizeof cseq, "%d %s", cseq_number, method);
  req = new_request(method, uri, cseq);
  osip_free(uri);
  osip_from_clone(dialog->local_uri, &req->from);
  osip_to_clone(dialog->remote_uri, &req->to);
  osip_message_set_call_id(req, dialog->call_id);
  osip_list_clone(&dialog->route_set, &req->routes, (int (*)(void *, void **)) osip_from_clone);
  return req;
}

static void start(struct exchange *x, osip_message_t *req) {
  memset(x, 0, sizeof *x);
  if (app_start_client_transaction(req, x) == NULL)
    fail(x, "%s could not be sent", "the request");
}

static void start_call(void) {
  call_number++;
  start(&invite, new_initial_request("INVITE", "uas"));
}

static void next_step(void) {
  if (failed)
    return;
  if (calls_done < calls_wanted)
    start_call();
  else
    finished = 1;
}

static void drop_call(void) {
  osip_dialog_free(dialog);
  dialog = NULL;
  osip_message_free(ack);
  ack = NULL;
  osip_free(ack_host);
  ack_host = NULL;
}

static void send_ack(void) {
  if (app_send_direct(ack, ack_host, ack_port) != 0)
    complain("the ACK could not be sent");
}

static void established(osip_transaction_t *tr, osip_message_t *ok) {
  char *host;

  story_add(&invite.story, "%s", app_status_text(ok));
  invite.over = 1;
  if (osip_dialog_init_as_uac(&dialog, ok) != 0) {
    fail(&invite, "%s", "no dialog could be built from the 200");
    return;
  }
  ack = new_dialog_request("ACK", osip_atoi(tr->orig_request->cseq->number));
  app_request_destination(ack, &host, &ack_port);
  ack_host = host != NULL ? osip_strdup(host) : NULL;
  send_ack();
  story_add(&invite.story, "ACK sent");
  story_end(&invite.story, "call %d established", call_number);
  dialog->local_cseq++;
  start(&bye, new_dialog_request("BYE", dialog->local_cseq));
}

static void final_failure(struct exchange *x, osip_message_t *resp) {
  story_add(&x->story, "%s", app_status_text(resp));
  if (resp->status_code == 401 || resp->status_code == 407)
    fail(x, "%s", "authentication required, which this example does not do: giving up");
  else
    fail(x, "%s", "rejected");
}

static void on_message(int type, osip_transaction_t *tr, osip_message_t *msg) {
  struct exchange *x = osip_transaction_get_your_instance(tr);

  if (x == NULL)
    return;
  switch (type) {
  case OSIP_ICT_INVITE_SENT:
  case OSIP_NICT_REGISTER_SENT:
  case OSIP_NICT_BYE_SENT:
    story_add(&x->story, "%s sent", msg->sip_method);
    break;
  case OSIP_ICT_INVITE_SENT_AGAIN:
  case OSIP_NICT_REQUEST_SENT_AGAIN:
    story_add(&x->story, "%s sent again", msg->sip_method);
    break;
  case OSIP_ICT_STATUS_1XX_RECEIVED:
  case OSIP_NICT_STATUS_1XX_RECEIVED:
    story_add(&x->story, "%s", app_status_text(msg));
    break;
  case OSIP_ICT_STATUS_2XX_RECEIVED:
    established(tr, msg);
    break;
  case OSIP_NICT_STATUS_2XX_RECEIVED:
    story_add(&x->story, "%s", app_status_text(msg));
    x->over = 1;
    if (x == &reg) {
      registered = 1;
      story_end(&reg.story, "registered");
    } else {
      story_end(&bye.story, "call %d ended", call_number);
      drop_call();
      calls_done++;
    }
    next_step();
    break;
  case OSIP_ICT_STATUS_3XX_RECEIVED:
  case OSIP_ICT_STATUS_4XX_RECEIVED:
  case OSIP_ICT_STATUS_5XX_RECEIVED:
  case OSIP_ICT_STATUS_6XX_RECEIVED:
  case OSIP_NICT_STATUS_3XX_RECEIVED:
  case OSIP_NICT_STATUS_4XX_RECEIVED:
  case OSIP_NICT_STATUS_5XX_RECEIVED:
  case OSIP_NICT_STATUS_6XX_RECEIVED:
    final_failure(x, msg);
    break;
  case OSIP_ICT_STATUS_TIMEOUT:
  case OSIP_NICT_STATUS_TIMEOUT:
    fail(x, "%s", "no answer: the transaction timed out");
    break;
  default:
    break;
  }
}

static void on_killed(osip_transaction_t *tr) {
  struct exchange *x = osip_transaction_get_your_instance(tr);

  if (x != NULL && !x->over)
    fail(x, "%s", "the transaction ended without a final response");
}

static void on_unmatched(osip_event_t *evt) {
  osip_message_t *msg = evt->sip;

  if (MSG_IS_RESPONSE(msg) && MSG_IS_STATUS_2XX(msg) && msg->cseq != NULL && msg->cseq->method != NULL &&
      strcmp(msg->cseq->method, "INVITE") == 0 && dialog != NULL && ack != NULL &&
      osip_dialog_match_as_uac(dialog, msg) == 0) {
    /* Our ACK was lost: the 200 comes again, outside any transaction. */
    say("(200 OK received again \xe2\x86\x92 ACK sent again)");
    send_ack();
  } else if (MSG_IS_REQUEST(msg) && !MSG_IS_ACK(msg)) {
    complain("%s received: this UAC does not serve requests", msg->sip_method);
    app_start_server_transaction(evt);
    return;
  }
  osip_event_free(evt);
}

/* Requests to us get a plain refusal through a server transaction. */
static void on_server_message(int type, osip_transaction_t *tr, osip_message_t *msg) {
  osip_message_t *resp;

  if (type < OSIP_NIST_REGISTER_RECEIVED || type > OSIP_NIST_UNKNOWN_REQUEST_RECEIVED)
    return;
  resp = app_response(msg, 501, NULL);
  if (resp != NULL)
    app_send_in_transaction(tr, resp);
}

static int tick(void) {
  return failed || (finished && app_idle());
}

int main(int argc, char **argv) {
  static char host[64];
  int port = 0, i, clean;

  for (i = 1; i < argc; i++) {
    const char *value = i + 1 < argc ? argv[i + 1] : NULL;

    if (app_common_option(argc, argv, &i))
      continue;
    if (strcmp(argv[i], "--no-register") == 0) {
      want_register = 0;
      continue;
    }
    if (strcmp(argv[i], "--target") == 0 && value != NULL && sscanf(value, "%63[^:]:%d", host, &target_port) == 2)
      target_host = host;
    else if (strcmp(argv[i], "--port") == 0)
      port = (int) app_number(argv[i], value);
    else if (strcmp(argv[i], "--calls") == 0)
      calls_wanted = app_number(argv[i], value);
    else {
      fprintf(stderr, "usage: uac [--target HOST:PORT] [--port P] [--calls N] [--no-register] "
                      "[--drop-every N] [--quiet]\n");
      return 2;
    }
    i++;
  }
  app_init("uac", port);
  for (i = 0; i < OSIP_MESSAGE_CALLBACK_COUNT; i++)
    osip_set_message_callback(app.osip, i, i >= OSIP_NIST_REGISTER_RECEIVED && i < OSIP_ICT_STATUS_TIMEOUT
                                               ? on_server_message
                                               : on_message);
  app.on_unmatched = on_unmatched;
  app.on_killed = on_killed;
  app.tick = tick;
  say("using 127.0.0.1:%d, calling %s:%d", app.port, target_host, target_port);
  if (want_register)
    start(&reg, new_initial_request("REGISTER", NULL));
  else
    next_step();
  app_run();
  if (dialog != NULL)
    osip_stop_retransmissions_from_dialog(app.osip, dialog);
  drop_call();
  printf("uac: %s, %ld of %ld calls completed%s\n",
         !want_register ? "no registration" : registered ? "registered" : "not registered", calls_done, calls_wanted,
         failed ? ", FAILED" : "");
  clean = app_finish();
  return clean && !failed && calls_done == calls_wanted && (registered || !want_register) ? 0 : 1;
}
