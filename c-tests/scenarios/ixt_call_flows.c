/* Dialogs and out-of-transaction retransmissions around the transaction
 * state machines, as a user agent (eXosip-style) drives them:
 * - UAS: the IST terminates once the 200 is sent; the application builds
 *   the dialog from the INVITE and its 200 in the 2XX_SENT callback and
 *   retransmits the 200 itself until the ACK (which matches no
 *   transaction) stops it;
 * - UAC: the ICT terminates on the 200 without ACK; the application builds
 *   the dialog in the 2XX_RECEIVED callback and sends its ACK through an
 *   ACK record; a retransmitted 200 (no transaction any more) matches the
 *   dialog and the application sends the ACK again. */
#include "dialog_show.h"

static osip_t *g_osip;
static osip_dialog_t *uas_dialog, *uac_dialog;
static struct show_names names = {2, {NULL}, {"uas", "uac"}};

static const char *invite_in =
    "INVITE sip:bob@10.0.0.2 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKflow1;rport\n"
    "Record-Route: <sip:p1.example.com;lr>\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: flow1@10.0.0.9\n"
    "CSeq: 1 INVITE\n"
    "Contact: <sip:carol@10.0.0.9:5062>\n"
    "Content-Length: 0\n\n";

static const char *ok_out =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKflow1;rport=5062;received=10.0.0.99\n"
    "Record-Route: <sip:p1.example.com;lr>\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: flow1@10.0.0.9\n"
    "CSeq: 1 INVITE\n"
    "Contact: <sip:bob@10.0.0.2>\n"
    "Content-Length: 0\n\n";

static const char *ack_in =
    "ACK sip:bob@10.0.0.2 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKflow1ack\n"
    "Route: <sip:p1.example.com;lr>\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: flow1@10.0.0.9\n"
    "CSeq: 1 ACK\n"
    "Content-Length: 0\n\n";

static const char *invite_out =
    "INVITE sip:dave@10.0.0.5 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKflow2\n"
    "From: <sip:bob@example.com>;tag=b7\n"
    "To: <sip:dave@example.com>\n"
    "Call-ID: flow2@10.0.0.2\n"
    "CSeq: 9 INVITE\n"
    "Contact: <sip:bob@10.0.0.2>\n"
    "Content-Length: 0\n\n";

static const char *ok_in =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKflow2\n"
    "Record-Route: <sip:q1.example.com;lr>, <sip:q2.example.com;lr>\n"
    "From: <sip:bob@example.com>;tag=b7\n"
    "To: <sip:dave@example.com>;tag=d3\n"
    "Call-ID: flow2@10.0.0.2\n"
    "CSeq: 9 INVITE\n"
    "Contact: <sip:dave@10.0.0.5:5070>\n"
    "Content-Length: 0\n\n";

static const char *ack_out =
    "ACK sip:dave@10.0.0.5:5070 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKflow2ack\n"
    "Route: <sip:q2.example.com;lr>, <sip:q1.example.com;lr>\n"
    "From: <sip:bob@example.com>;tag=b7\n"
    "To: <sip:dave@example.com>;tag=d3\n"
    "Call-ID: flow2@10.0.0.2\n"
    "CSeq: 9 ACK\n"
    "Content-Length: 0\n\n";

/* What the application does on the 2xx callbacks. */
static void on_message(int type, osip_transaction_t *tr, osip_message_t *msg) {
  osip_message_t *ack;

  if (type == OSIP_IST_STATUS_2XX_SENT) {
    show_rc("  app: init_as_uas", osip_dialog_init_as_uas(&uas_dialog, tr->orig_request, msg));
    names.dialogs[0] = uas_dialog;
    osip_start_200ok_retransmissions(g_osip, uas_dialog, msg, tr->out_socket);
  } else if (type == OSIP_ICT_STATUS_2XX_RECEIVED) {
    show_rc("  app: init_as_uac", osip_dialog_init_as_uac(&uac_dialog, msg));
    names.dialogs[1] = uac_dialog;
    ack = h_msg(ack_out);
    osip_start_ack_retransmissions(g_osip, uac_dialog, ack, "10.0.0.5", 5070, tr->out_socket);
    osip_message_free(ack);
  }
}

/* The application sends its ACK again: the ACK record is made due. */
static void resend_ack(void) {
  int i;

  for (i = 0; i < osip_list_size(&g_osip->ixt_retransmissions); i++) {
    ixt_t *x = (ixt_t *) osip_list_get(&g_osip->ixt_retransmissions, i);

    if (x->dialog == uac_dialog && x->ack != NULL)
      h_force(&x->start);
  }
  osip_retransmissions_execute(g_osip);
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;
  osip_event_t *evt;
  osip_message_t *m;

  h_init(&osip);
  g_osip = osip;
  h_send_verbose = 0;
  h_on_message = on_message;

  h_step("UAS: INVITE in, 200 out");
  tr = h_create_add(osip, h_evt_in(invite_in));
  h_run(osip);
  evt = h_evt_out(h_msg(ok_out));
  evt->transactionid = tr->transactionid;
  h_find_add(osip, evt);
  h_run(osip);
  h_lists(osip);
  show_dialog("uas", uas_dialog);
  show_ixt(osip, &names);
  h_step("UAS: 200 retransmitted by the application");
  show_force_ixt(osip);
  osip_retransmissions_execute(osip);
  show_force_ixt(osip);
  osip_retransmissions_execute(osip);
  show_ixt(osip, &names);
  h_step("UAS: the ACK matches no transaction, it stops the 200");
  h_find_add(osip, h_evt_in(ack_in));
  m = h_msg(ack_in);
  printf("match_as_uas -> %d\n", osip_dialog_match_as_uas(uas_dialog, m));
  printf("stop_200ok -> %s\n", show_name(&names, osip_stop_200ok_retransmissions(osip, m)));
  osip_message_free(m);
  show_ixt(osip, &names);

  h_step("UAC: INVITE out, 200 in");
  tr = h_create_add(osip, h_evt_out(h_msg(invite_out)));
  h_run(osip);
  h_find_add(osip, h_evt_in(ok_in));
  h_run(osip);
  h_lists(osip);
  show_dialog("uac", uac_dialog);
  show_ixt(osip, &names);
  h_step("UAC: first ACK");
  resend_ack();
  h_step("UAC: the 200 again: no transaction, same dialog, ACK again");
  h_find_add(osip, h_evt_in(ok_in));
  m = h_msg(ok_in);
  printf("match_as_uac -> %d\n", osip_dialog_match_as_uac(uac_dialog, m));
  osip_message_free(m);
  resend_ack();
  show_ixt(osip, &names);
  h_timeout(osip);

  h_step("hang up: stop by dialog, free the dialogs");
  osip_stop_retransmissions_from_dialog(osip, uac_dialog);
  osip_stop_retransmissions_from_dialog(osip, uas_dialog);
  show_ixt(osip, &names);
  osip_dialog_free(uac_dialog);
  osip_dialog_free(uas_dialog);
  h_done(osip);
  return 0;
}
