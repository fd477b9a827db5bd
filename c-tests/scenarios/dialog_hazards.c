/* oracle: crashes */
/* Dialog input on which libosip2 5.3.0 dereferences NULL (spec H16, H17):
 * NULL messages or out-pointers for the constructors, a UAS dialog without
 * INVITE or with an INVITE lacking its request-URI, and `;tag` parameters
 * without value reaching strcmp in the matchers. Ours must return the
 * codes checked here. Also osip_dialog_is_originator / osip_dialog_is_callee,
 * declared by the header but missing from Debian's library. */
#include "dialog_show.h"

static const char *invite =
    "INVITE sip:bob@example.com;line=xyz SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKhz1\n"
    "Record-Route: <sip:rr1.example.com;lr>\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: hz1@h\n"
    "CSeq: 3 INVITE\n"
    "Contact: <sip:carol@10.0.0.9>\n"
    "Content-Length: 0\n\n";

static const char *ok =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKhz1\n"
    "Record-Route: <sip:rr1.example.com;lr>\n"
    "Record-Route: <sip:rr2.example.com;lr>\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: hz1@h\n"
    "CSeq: 3 INVITE\n"
    "Contact: <sip:bob@10.0.0.2>\n"
    "Content-Length: 0\n\n";

static const char *response_fmt =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKhz1\n"
    "From: <sip:carol@example.com>%s\n"
    "To: <sip:bob@example.com>%s\n"
    "Call-ID: hz1@h\n"
    "CSeq: 3 INVITE\n"
    "Content-Length: 0\n\n";

static const char *request_fmt =
    "BYE sip:bob@10.0.0.2 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKhz2\n"
    "From: <sip:carol@example.com>%s\n"
    "To: <sip:bob@example.com>%s\n"
    "Call-ID: hz1@h\n"
    "CSeq: 4 BYE\n"
    "Content-Length: 0\n\n";

int main(void) {
  osip_message_t *inv, *resp, *m;
  osip_dialog_t *d, *caller, *callee, *early;
  osip_uri_t *uri;

  h_trace_init();
  parser_init();
  inv = h_msg(invite);
  resp = h_msg(ok);

  h_step("H16: NULL messages and out-pointers");
  d = (osip_dialog_t *) 1;
  h_check_int("init_as_uac(&d, NULL)", osip_dialog_init_as_uac(&d, NULL), -2);
  h_check_null("  dialog", d, 1);
  h_check_int("init_as_uac(NULL, resp)", osip_dialog_init_as_uac(NULL, resp), -2);
  d = (osip_dialog_t *) 1;
  h_check_int("init_as_uac_with_remote_request(&d, NULL)", osip_dialog_init_as_uac_with_remote_request(&d, NULL, 1),
              -2);
  h_check_null("  dialog", d, 1);
  h_check_int("init_as_uac_with_remote_request(NULL, inv)", osip_dialog_init_as_uac_with_remote_request(NULL, inv, 1),
              -2);
  d = (osip_dialog_t *) 1;
  h_check_int("init_as_uas(&d, inv, NULL)", osip_dialog_init_as_uas(&d, inv, NULL), -2);
  h_check_null("  dialog", d, 1);
  h_check_int("init_as_uas(NULL, inv, resp)", osip_dialog_init_as_uas(NULL, inv, resp), -2);

  h_step("H16: UAS dialog without INVITE: no remote target, UAC route order");
  h_check_int("init_as_uas(&d, NULL, resp)", osip_dialog_init_as_uas(&d, NULL, resp), 0);
  show_dialog("noinvite", d);
  osip_dialog_free(d);

  h_step("H16: INVITE without request-URI: no line parameter");
  uri = inv->req_uri;
  inv->req_uri = NULL;
  h_check_int("init_as_uas(&d, inv without URI, resp)", osip_dialog_init_as_uas(&d, inv, resp), 0);
  h_check_null("  line_param", d->line_param, 1);
  osip_dialog_free(d);
  inv->req_uri = uri;

  h_step("H17: tags without value never match");
  h_check_int("init_as_uac", osip_dialog_init_as_uac(&caller, resp), 0);
  h_check_int("init_as_uas", osip_dialog_init_as_uas(&callee, inv, resp), 0);
  m = h_msgf(response_fmt, ";tag", ";tag=b1");
  h_check_int("match_as_uac(From ;tag)", osip_dialog_match_as_uac(caller, m), -1);
  osip_message_free(m);
  m = h_msgf(response_fmt, ";tag=c1", ";tag");
  h_check_int("match_as_uac(To ;tag)", osip_dialog_match_as_uac(caller, m), -1);
  osip_message_free(m);
  m = h_msgf(request_fmt, ";tag", ";tag=b1");
  h_check_int("match_as_uas(From ;tag)", osip_dialog_match_as_uas(callee, m), -1);
  osip_message_free(m);
  /* A dialog made from a valueless To tag has no remote tag: URIs decide. */
  m = h_msgf(response_fmt, ";tag=c1", ";tag");
  h_check_int("init_as_uac(To ;tag)", osip_dialog_init_as_uac(&early, m), 0);
  h_check_null("  remote_tag", early->remote_tag, 1);
  h_check_int("match_as_uac(same, To ;tag)", osip_dialog_match_as_uac(early, m), 0);
  osip_message_free(m);

  h_step("osip_dialog_is_originator / osip_dialog_is_callee");
  h_check_int("is_originator(caller)", osip_dialog_is_originator(caller), 1);
  h_check_int("is_callee(caller)", osip_dialog_is_callee(caller), 0);
  h_check_int("is_originator(callee)", osip_dialog_is_originator(callee), 0);
  h_check_int("is_callee(callee)", osip_dialog_is_callee(callee), 1);
  h_check_int("is_originator(NULL)", osip_dialog_is_originator(NULL), -2);
  h_check_int("is_callee(NULL)", osip_dialog_is_callee(NULL), -2);

  osip_dialog_free(caller);
  osip_dialog_free(callee);
  osip_dialog_free(early);
  osip_message_free(inv);
  osip_message_free(resp);
  return h_exit_status();
}
