/* Dialog creation, reference trace S6 and around it: a UAS dialog from an
 * INVITE and its 200 (route set in the response's order, line parameter,
 * remote target from the INVITE), UAC dialogs from a 200 and from 1xx with
 * and without To tag (route set reversed, EARLY vs CONFIRMED), a UAC dialog
 * from a remote request (To tag required), the remote tag learnt once, and
 * the errors for missing headers. */
#include "dialog_show.h"

static const char *invite =
    "INVITE sip:bob@example.com;line=abc SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKdlg1\n"
    "Record-Route: <sip:rrX.example.com;lr>\n"
    "From: \"Carol\" <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: cid3@h\n"
    "CSeq: 5 INVITE\n"
    "Contact: <sip:carol@10.0.0.9>\n"
    "Content-Length: 0\n\n";

static const char *ok =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKdlg1\n"
    "Record-Route: <sip:rr1.example.com;lr>\n"
    "Record-Route: <sip:rr2.example.com;lr>\n"
    "From: \"Carol\" <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: cid3@h\n"
    "CSeq: 5 INVITE\n"
    "Contact: <sip:bob@10.0.0.2>\n"
    "Content-Length: 0\n\n";

static const char *ringing_untagged =
    "SIP/2.0 180 Ringing\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKdlg1\n"
    "Record-Route: <sip:rr1.example.com;lr>, <sip:rr2.example.com;lr>, <sip:rr3.example.com;lr>\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: cid3@h\n"
    "CSeq: 5 INVITE\n"
    "Content-Length: 0\n\n";

static const char *ringing_tagged =
    "SIP/2.0 183 Session Progress\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKdlg1\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=early7\n"
    "Call-ID: cid3@h\n"
    "CSeq: 5 INVITE\n"
    "Contact: <sip:bob@10.0.0.3:5070;transport=tcp>\n"
    "Content-Length: 0\n\n";

static const char *notify =
    "NOTIFY sip:carol@10.0.0.9;line=n1 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKn1\n"
    "Record-Route: <sip:p1.example.com;lr>\n"
    "Record-Route: <sip:p2.example.com;lr>\n"
    "From: <sip:bob@example.com>;tag=n9\n"
    "To: <sip:carol@example.com>;tag=c1\n"
    "Call-ID: sub1@h\n"
    "CSeq: 42 NOTIFY\n"
    "Contact: <sip:bob@10.0.0.2>\n"
    "Event: presence\n"
    "Content-Length: 0\n\n";

int main(void) {
  osip_message_t *inv, *resp, *msg;
  osip_dialog_t *d;

  h_trace_init();
  parser_init();
  inv = h_msg(invite);
  resp = h_msg(ok);

  h_step("UAS dialog from INVITE + 200");
  show_rc("init_as_uas", osip_dialog_init_as_uas(&d, inv, resp));
  show_dialog("uas", d);
  osip_dialog_free(d);

  h_step("UAC dialog from 200");
  show_rc("init_as_uac", osip_dialog_init_as_uac(&d, resp));
  show_dialog("uac", d);
  show_rc("update_tag_as_uac (has one)", osip_dialog_update_tag_as_uac(d, resp));
  osip_dialog_free(d);

  h_step("UAC dialog from 180 without To tag, then the tag from a 183");
  msg = h_msg(ringing_untagged);
  show_rc("init_as_uac", osip_dialog_init_as_uac(&d, msg));
  show_dialog("early", d);
  show_rc("update_tag_as_uac (untagged 180)", osip_dialog_update_tag_as_uac(d, msg));
  osip_message_free(msg);
  msg = h_msg(ringing_tagged);
  show_rc("update_tag_as_uac (183)", osip_dialog_update_tag_as_uac(d, msg));
  show_rc("update_tag_as_uac (183 again)", osip_dialog_update_tag_as_uac(d, msg));
  show_dialog("early", d);
  osip_dialog_free(d);

  h_step("UAC dialog from a tagged 183");
  show_rc("init_as_uac", osip_dialog_init_as_uac(&d, msg));
  show_dialog("early183", d);
  osip_dialog_free(d);
  osip_message_free(msg);

  h_step("UAC dialog from a remote request");
  msg = h_msg(notify);
  show_rc("init_as_uac_with_remote_request", osip_dialog_init_as_uac_with_remote_request(&d, msg, 17));
  show_dialog("notify", d);
  osip_dialog_free(d);
  osip_message_free(msg);
  d = (osip_dialog_t *) 1;
  show_rc("init_as_uac_with_remote_request (INVITE, no To tag)",
          osip_dialog_init_as_uac_with_remote_request(&d, inv, 17));
  printf("dialog is %s\n", d == NULL ? "NULL" : "set");

  h_step("missing headers");
  msg = h_msg(ok);
  osip_call_id_free(msg->call_id);
  msg->call_id = NULL;
  d = (osip_dialog_t *) 1;
  show_rc("init_as_uac (no Call-ID)", osip_dialog_init_as_uac(&d, msg));
  printf("dialog is %s\n", d == NULL ? "NULL" : "set");
  osip_message_free(msg);

  msg = h_msg(ok);
  osip_cseq_free(msg->cseq);
  msg->cseq = NULL;
  show_rc("init_as_uac (no CSeq)", osip_dialog_init_as_uac(&d, msg));
  show_rc("init_as_uas (no CSeq)", osip_dialog_init_as_uas(&d, inv, msg));
  osip_message_free(msg);

  msg = h_msg(ok);
  osip_to_free(msg->to);
  msg->to = NULL;
  show_rc("init_as_uac (no To)", osip_dialog_init_as_uac(&d, msg));
  show_rc("init_as_uas (no To)", osip_dialog_init_as_uas(&d, inv, msg));
  osip_message_free(msg);

  msg = h_msg(ringing_untagged);
  show_rc("init_as_uas (response To without tag)", osip_dialog_init_as_uas(&d, inv, msg));
  osip_message_free(msg);

  msg = h_msg(ok);
  osip_free(msg->cseq->number);
  msg->cseq->number = NULL;
  show_rc("init_as_uac (CSeq without number)", osip_dialog_init_as_uac(&d, msg));
  show_dialog("nonumber", d);
  osip_dialog_free(d);
  osip_message_free(msg);

  h_step("NULL list elements put there by the application");
  msg = h_msg(ok);
  osip_list_add(&msg->record_routes, NULL, -1);
  show_rc("init_as_uac (NULL Record-Route)", osip_dialog_init_as_uac(&d, msg));
  osip_message_free(msg);
  msg = h_msg(ok);
  osip_list_add(&msg->contacts, NULL, 0);
  show_rc("init_as_uac (NULL first Contact)", osip_dialog_init_as_uac(&d, msg));
  osip_message_free(msg);
  msg = h_msg(invite);
  osip_list_add(&msg->contacts, NULL, 0);
  show_rc("init_as_uas (INVITE with NULL first Contact)", osip_dialog_init_as_uas(&d, msg, resp));
  show_rc("init_as_uas", osip_dialog_init_as_uas(&d, inv, resp));
  show_dialog("uas", d);
  show_rc("update_route_set_as_uas (NULL first Contact)", osip_dialog_update_route_set_as_uas(d, msg));
  show_dialog("uas", d);
  osip_dialog_set_state(d, DIALOG_EARLY);
  show_rc("update_route_set_as_uac (NULL first Contact)", osip_dialog_update_route_set_as_uac(d, msg));
  osip_list_remove(&msg->contacts, 0);
  osip_list_add(&msg->record_routes, NULL, 1);
  show_rc("update_route_set_as_uac (NULL second Record-Route)", osip_dialog_update_route_set_as_uac(d, msg));
  show_dialog("uas", d);
  osip_dialog_free(d);
  osip_message_free(msg);

  osip_message_free(inv);
  osip_message_free(resp);
  return 0;
}
