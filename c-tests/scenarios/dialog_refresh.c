/* Target refresh and CSeq updates: update_route_set_as_uac rebuilds the
 * route set (reversed) only while the dialog is EARLY and confirms it on a
 * 2xx; the remote target follows every Contact; a response or request
 * without Contact keeps the old target (warning); update_route_set_as_uas
 * only changes the target; update_osip_cseq_as_uas takes the CSeq number. */
#include "dialog_show.h"

static const char *ringing =
    "SIP/2.0 180 Ringing\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKref1\n"
    "Record-Route: <sip:a1.example.com;lr>\n"
    "Record-Route: <sip:a2.example.com;lr>\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: ref1@h\n"
    "CSeq: 1 INVITE\n"
    "Contact: <sip:bob@10.0.0.2>\n"
    "Content-Length: 0\n\n";

static const char *session_progress =
    "SIP/2.0 183 Session Progress\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKref1\n"
    "Record-Route: <sip:b1.example.com;lr>, <sip:b2.example.com;lr>, <sip:b3.example.com;lr>\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: ref1@h\n"
    "CSeq: 1 INVITE\n"
    "Content-Length: 0\n\n";

static const char *ok =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKref1\n"
    "Record-Route: <sip:c1.example.com;lr>\n"
    "Record-Route: <sip:c2.example.com;lr>\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: ref1@h\n"
    "CSeq: 1 INVITE\n"
    "Contact: <sip:bob@10.0.0.4:5080>\n"
    "Content-Length: 0\n\n";

static const char *ok_reinvite =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKref2\n"
    "Record-Route: <sip:d1.example.com;lr>\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: ref1@h\n"
    "CSeq: 2 INVITE\n"
    "Contact: <sip:bob@10.0.0.5>\n"
    "Content-Length: 0\n\n";

static const char *reinvite =
    "INVITE sip:bob@10.0.0.4:5080 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKref3\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: ref1@h\n"
    "CSeq: 77 INVITE\n"
    "Contact: <sip:carol@10.0.0.99:5099>\n"
    "Content-Length: 0\n\n";

static const char *info_no_contact =
    "INFO sip:bob@10.0.0.4:5080 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKref4\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: ref1@h\n"
    "CSeq: 0078 INFO\n"
    "Content-Length: 0\n\n";

static const char *uas_ok =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKref1\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: ref1@h\n"
    "CSeq: 1 INVITE\n"
    "Content-Length: 0\n\n";

int main(void) {
  osip_message_t *m180, *m183, *m200, *m200b, *req, *info, *inv;
  osip_dialog_t *d;

  h_trace_init();
  parser_init();
  m180 = h_msg(ringing);
  m183 = h_msg(session_progress);
  m200 = h_msg(ok);
  m200b = h_msg(ok_reinvite);
  req = h_msg(reinvite);
  info = h_msg(info_no_contact);

  h_step("UAC: early dialog, then 183 (no Contact) and 200 rebuild the route set");
  show_rc("init_as_uac(180)", osip_dialog_init_as_uac(&d, m180));
  show_dialog("uac", d);
  show_rc("update_route_set_as_uac(183)", osip_dialog_update_route_set_as_uac(d, m183));
  show_dialog("uac", d);
  show_rc("update_route_set_as_uac(200)", osip_dialog_update_route_set_as_uac(d, m200));
  show_dialog("uac", d);

  h_step("UAC: a confirmed dialog keeps its route set");
  show_rc("update_route_set_as_uac(200 re-INVITE)", osip_dialog_update_route_set_as_uac(d, m200b));
  show_dialog("uac", d);
  show_rc("update_route_set_as_uac(183, confirmed)", osip_dialog_update_route_set_as_uac(d, m183));
  show_dialog("uac", d);

  h_step("UAC: an application-set state");
  osip_dialog_set_state(d, DIALOG_EARLY);
  show_rc("update_route_set_as_uac(183, early again)", osip_dialog_update_route_set_as_uac(d, m183));
  show_dialog("uac", d);
  osip_dialog_set_state(d, DIALOG_CLOSE);
  show_rc("update_route_set_as_uac(200, closed)", osip_dialog_update_route_set_as_uac(d, m200));
  show_dialog("uac", d);
  osip_dialog_set_state(NULL, DIALOG_CLOSE);
  osip_dialog_free(d);

  h_step("UAS: target refresh and remote CSeq");
  inv = h_msg(reinvite);
  m200 = (osip_message_free(m200), h_msg(uas_ok));
  show_rc("init_as_uas", osip_dialog_init_as_uas(&d, inv, m200));
  show_dialog("uas", d);
  show_rc("update_route_set_as_uas(INFO without Contact)", osip_dialog_update_route_set_as_uas(d, info));
  show_rc("update_osip_cseq_as_uas(INFO)", osip_dialog_update_osip_cseq_as_uas(d, info));
  show_dialog("uas", d);
  show_rc("update_route_set_as_uas(re-INVITE)", osip_dialog_update_route_set_as_uas(d, req));
  show_rc("update_osip_cseq_as_uas(re-INVITE)", osip_dialog_update_osip_cseq_as_uas(d, req));
  show_dialog("uas", d);
  show_rc("update_route_set_as_uas(200 with Record-Route)", osip_dialog_update_route_set_as_uas(d, m200b));
  show_dialog("uas", d);

  h_step("NULL and incomplete arguments");
  show_rc("update_route_set_as_uas(NULL, req)", osip_dialog_update_route_set_as_uas(NULL, req));
  show_rc("update_route_set_as_uas(d, NULL)", osip_dialog_update_route_set_as_uas(d, NULL));
  show_rc("update_route_set_as_uac(NULL, resp)", osip_dialog_update_route_set_as_uac(NULL, m200b));
  show_rc("update_route_set_as_uac(d, NULL)", osip_dialog_update_route_set_as_uac(d, NULL));
  show_rc("update_osip_cseq_as_uas(NULL, req)", osip_dialog_update_osip_cseq_as_uas(NULL, req));
  show_rc("update_osip_cseq_as_uas(d, NULL)", osip_dialog_update_osip_cseq_as_uas(d, NULL));
  show_rc("update_tag_as_uac(NULL, resp)", osip_dialog_update_tag_as_uac(NULL, m200b));
  show_rc("update_tag_as_uac(d, NULL)", osip_dialog_update_tag_as_uac(d, NULL));
  osip_free(req->cseq->number);
  req->cseq->number = NULL;
  show_rc("update_osip_cseq_as_uas(no CSeq number)", osip_dialog_update_osip_cseq_as_uas(d, req));
  osip_cseq_free(req->cseq);
  req->cseq = NULL;
  show_rc("update_osip_cseq_as_uas(no CSeq)", osip_dialog_update_osip_cseq_as_uas(d, req));
  osip_to_free(m200b->to);
  m200b->to = NULL;
  show_rc("update_tag_as_uac(no To)", osip_dialog_update_tag_as_uac(d, m200b));
  show_dialog("uas", d);
  osip_dialog_free(d);
  osip_dialog_free(NULL);

  osip_message_free(m180);
  osip_message_free(m183);
  osip_message_free(m200);
  osip_message_free(m200b);
  osip_message_free(req);
  osip_message_free(info);
  osip_message_free(inv);
  return 0;
}
