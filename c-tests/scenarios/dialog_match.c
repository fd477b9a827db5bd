/* Matching in-dialog messages: responses as UAC (a "discouraged" warning on
 * every call), requests as UAS (the request's To tag is ignored: quirk 19),
 * Call-ID and tag mismatches, missing tags (-5), and RFC 2543 peers without
 * tags, matched on the From/To URIs with a warning when only the message
 * has a tag. */
#include "dialog_show.h"

static const char *invite =
    "INVITE sip:bob@example.com SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKm1\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: m1@h\n"
    "CSeq: 1 INVITE\n"
    "Contact: <sip:carol@10.0.0.9>\n"
    "Content-Length: 0\n\n";

/* A response template: From tag, To tag and Call-ID are filled in. */
static const char *response_fmt =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKm1\n"
    "From: <sip:carol@example.com>%s\n"
    "To: <sip:%s@example.com>%s\n"
    "Call-ID: %s\n"
    "CSeq: 1 INVITE\n"
    "Contact: <sip:bob@10.0.0.2>\n"
    "Content-Length: 0\n\n";

/* An in-dialog request from the peer: From tag/user, To tag, Call-ID. */
static const char *request_fmt =
    "BYE sip:bob@10.0.0.2 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKm2\n"
    "From: <sip:%s@example.com>%s\n"
    "To: <sip:bob@example.com>%s\n"
    "Call-ID: %s\n"
    "CSeq: 2 BYE\n"
    "Content-Length: 0\n\n";

static void uac(osip_dialog_t *d, const char *label, const char *ftag, const char *tuser, const char *ttag,
                const char *callid) {
  osip_message_t *m = h_msgf(response_fmt, ftag, tuser, ttag, callid);

  printf("match_as_uac(%s) -> %d\n", label, osip_dialog_match_as_uac(d, m));
  osip_message_free(m);
}

static void uas(osip_dialog_t *d, const char *label, const char *fuser, const char *ftag, const char *ttag,
                const char *callid) {
  osip_message_t *m = h_msgf(request_fmt, fuser, ftag, ttag, callid);

  printf("match_as_uas(%s) -> %d\n", label, osip_dialog_match_as_uas(d, m));
  osip_message_free(m);
}

int main(void) {
  osip_message_t *inv, *m;
  osip_dialog_t *caller, *caller2543, *callee, *callee2543;
  char *saved;

  h_trace_init();
  parser_init();
  inv = h_msg(invite);

  m = h_msgf(response_fmt, ";tag=c1", "bob", ";tag=b1", "m1@h");
  show_rc("init_as_uac", osip_dialog_init_as_uac(&caller, m));
  show_rc("init_as_uas", osip_dialog_init_as_uas(&callee, inv, m));
  osip_message_free(m);
  m = h_msgf(response_fmt, ";tag=c1", "bob", "", "m1@h");
  show_rc("init_as_uac (no To tag)", osip_dialog_init_as_uac(&caller2543, m));
  osip_message_free(m);

  h_step("UAC matching with tags");
  uac(caller, "same", ";tag=c1", "bob", ";tag=b1", "m1@h");
  uac(caller, "other Call-ID", ";tag=c1", "bob", ";tag=b1", "m2@h");
  uac(caller, "Call-ID without host", ";tag=c1", "bob", ";tag=b1", "m1");
  uac(caller, "other From tag", ";tag=c2", "bob", ";tag=b1", "m1@h");
  uac(caller, "no From tag", "", "bob", ";tag=b1", "m1@h");
  uac(caller, "other To tag (fork)", ";tag=c1", "bob", ";tag=b2", "m1@h");
  uac(caller, "no To tag", ";tag=c1", "bob", "", "m1@h");
  uac(caller, "other To user, same tags", ";tag=c1", "dave", ";tag=b1", "m1@h");

  h_step("UAC matching against a peer without tags");
  uac(caller2543, "no To tag, same URIs", ";tag=c1", "bob", "", "m1@h");
  uac(caller2543, "no To tag, other To URI", ";tag=c1", "dave", "", "m1@h");
  uac(caller2543, "To tag now, same URIs", ";tag=c1", "bob", ";tag=b7", "m1@h");
  uac(caller2543, "To tag now, other To URI", ";tag=c1", "dave", ";tag=b7", "m1@h");

  h_step("UAS matching");
  uas(callee, "same", "carol", ";tag=c1", ";tag=b1", "m1@h");
  uas(callee, "wrong To tag (ignored)", "carol", ";tag=c1", ";tag=zz", "m1@h");
  uas(callee, "no To tag (ignored)", "carol", ";tag=c1", "", "m1@h");
  uas(callee, "other From tag", "carol", ";tag=c9", ";tag=b1", "m1@h");
  uas(callee, "no From tag", "carol", "", ";tag=b1", "m1@h");
  uas(callee, "other Call-ID", "carol", ";tag=c1", ";tag=b1", "x@h");
  uas(callee, "other From user, same tags", "erin", ";tag=c1", ";tag=b1", "m1@h");

  h_step("UAS matching against a peer without tags");
  m = h_msgf(request_fmt, "carol", "", "", "m1@h");
  osip_message_free(inv);
  inv = h_msg(invite);
  osip_from_free(inv->from);
  inv->from = NULL;
  osip_from_clone(m->from, &inv->from);
  osip_message_free(m);
  m = h_msgf(response_fmt, "", "bob", ";tag=b1", "m1@h");
  show_rc("init_as_uas (INVITE without From tag)", osip_dialog_init_as_uas(&callee2543, inv, m));
  osip_message_free(m);
  show_dialog("callee2543", callee2543);
  uas(callee2543, "no From tag, same URIs", "carol", "", ";tag=b1", "m1@h");
  uas(callee2543, "no From tag, other From URI", "erin", "", ";tag=b1", "m1@h");
  uas(callee2543, "From tag now, same URIs", "carol", ";tag=c5", ";tag=b1", "m1@h");
  uas(callee2543, "From tag now, other From URI", "erin", ";tag=c5", ";tag=b1", "m1@h");

  h_step("dialogs changed by the application");
  saved = callee->local_tag;
  callee->local_tag = NULL;
  uas(callee, "no local tag", "carol", ";tag=c1", ";tag=b1", "m1@h");
  callee->local_tag = saved;
  saved = caller->local_tag;
  caller->local_tag = NULL;
  uac(caller, "no local tag", ";tag=c1", "bob", ";tag=b1", "m1@h");
  caller->local_tag = saved;
  osip_free(caller->remote_tag);
  caller->remote_tag = osip_strdup("b2");
  uac(caller, "remote tag replaced", ";tag=c1", "bob", ";tag=b2", "m1@h");
  saved = caller->call_id;
  caller->call_id = NULL;
  uac(caller, "no Call-ID in dialog", ";tag=c1", "bob", ";tag=b2", "m1@h");
  uas(caller, "no Call-ID in dialog", "bob", ";tag=b2", ";tag=c1", "m1@h");
  caller->call_id = saved;

  h_step("NULL and incomplete arguments");
  m = h_msgf(response_fmt, ";tag=c1", "bob", ";tag=b1", "m1@h");
  printf("match_as_uac(NULL, m) -> %d\n", osip_dialog_match_as_uac(NULL, m));
  printf("match_as_uac(d, NULL) -> %d\n", osip_dialog_match_as_uac(caller, NULL));
  printf("match_as_uas(NULL, m) -> %d\n", osip_dialog_match_as_uas(NULL, m));
  printf("match_as_uas(d, NULL) -> %d\n", osip_dialog_match_as_uas(callee, NULL));
  osip_to_free(m->to);
  m->to = NULL;
  printf("match_as_uac(no To) -> %d\n", osip_dialog_match_as_uac(caller, m));
  printf("match_as_uas(no To) -> %d\n", osip_dialog_match_as_uas(callee, m));
  osip_message_free(m);

  osip_dialog_free(caller);
  osip_dialog_free(caller2543);
  osip_dialog_free(callee);
  osip_dialog_free(callee2543);
  osip_message_free(inv);
  return 0;
}
