/* ACK retransmissions and stopping: records are prepended (the newest is
 * sent first), an ACK record keeps its own copy and the given destination,
 * osip_stop_200ok_retransmissions removes exactly one 2xx record whose
 * dialog matches the ACK as UAS and whose CSeq number is the ACK's (the
 * newest first), and osip_stop_retransmissions_from_dialog removes every
 * record of a dialog (NULL: those started without one). Second half of
 * reference trace S5. */
#include "dialog_show.h"

static const char *invite_fmt =
    "INVITE sip:bob@example.com SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK%s\n"
    "From: <sip:carol@example.com>;tag=%s\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: %s\n"
    "CSeq: 5 INVITE\n"
    "Contact: <sip:carol@10.0.0.9>\n"
    "Content-Length: 0\n\n";

static const char *ok_fmt =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK%s;rport=6000\n"
    "From: <sip:carol@example.com>;tag=%s\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: %s\n"
    "CSeq: %d INVITE\n"
    "Contact: <sip:bob@10.0.0.2>\n"
    "Content-Length: 0\n\n";

static const char *ack_fmt =
    "ACK sip:bob@10.0.0.2 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKack\n"
    "From: <sip:carol@example.com>;tag=%s\n"
    "To: <sip:bob@example.com>%s\n"
    "Call-ID: %s\n"
    "CSeq: %d ACK\n"
    "Content-Length: 0\n\n";

static osip_dialog_t *uas_dialog(const char *branch, const char *ftag, const char *callid) {
  osip_message_t *inv = h_msgf(invite_fmt, branch, ftag, callid);
  osip_message_t *ok = h_msgf(ok_fmt, branch, ftag, callid, 5);
  osip_dialog_t *d = NULL;

  show_rc("init_as_uas", osip_dialog_init_as_uas(&d, inv, ok));
  osip_message_free(inv);
  osip_message_free(ok);
  return d;
}

static void start_200ok(osip_t *osip, osip_dialog_t *d, const char *ftag, const char *callid, int cseq, int sock) {
  osip_message_t *ok = h_msgf(ok_fmt, "x", ftag, callid, cseq);

  osip_start_200ok_retransmissions(osip, d, ok, sock);
  osip_message_free(ok);
}

static void stop_200ok(osip_t *osip, const struct show_names *names, const char *label, const char *ftag,
                       const char *totag, const char *callid, int cseq) {
  osip_message_t *ack = h_msgf(ack_fmt, ftag, totag, callid, cseq);

  printf("stop_200ok(%s) -> %s\n", label, show_name(names, osip_stop_200ok_retransmissions(osip, ack)));
  osip_message_free(ack);
}

int main(void) {
  osip_t *osip;
  osip_dialog_t *d1, *d2;
  osip_message_t *ack;
  struct show_names names = {2, {NULL}, {"d1", "d2"}};

  h_init(&osip);
  h_send_verbose = 0;
  d1 = uas_dialog("a1", "c1", "call1@h");
  d2 = uas_dialog("a2", "c2", "call2@h");
  names.dialogs[0] = d1;
  names.dialogs[1] = d2;

  h_step("S5: a 2xx and an ACK record for d1, newest first");
  start_200ok(osip, d1, "c1", "call1@h", 5, 42);
  ack = h_msgf(ack_fmt, "c1", ";tag=b1", "call1@h", 5);
  osip_start_ack_retransmissions(osip, d1, ack, "10.0.0.2", 5070, 7);
  printf("ack is a copy: %s\n",
         ((ixt_t *) osip_list_get(&osip->ixt_retransmissions, 0))->ack != ack ? "yes" : "no");
  show_ixt(osip, &names);
  h_step("both due: sent in list order");
  show_force_ixt(osip);
  osip_retransmissions_execute(osip);
  show_ixt(osip, &names);
  stop_200ok(osip, &names, "ACK with To tag, CSeq 5", "c1", ";tag=b1", "call1@h", 5);
  show_ixt(osip, &names);
  osip_stop_retransmissions_from_dialog(osip, d1);
  show_ixt(osip, &names);

  h_step("several records: which one an ACK stops");
  start_200ok(osip, d1, "c1", "call1@h", 5, 1);
  start_200ok(osip, d2, "c2", "call2@h", 5, 2);
  start_200ok(osip, d1, "c1", "call1@h", 6, 3);
  start_200ok(osip, d1, "c1", "call1@h", 5, 4);
  start_200ok(osip, NULL, "c1", "call1@h", 5, 5);
  osip_start_ack_retransmissions(osip, d1, ack, NULL, 0, 6);
  osip_start_ack_retransmissions(osip, NULL, NULL, "10.0.0.3", 5080, 7);
  show_ixt(osip, &names);
  stop_200ok(osip, &names, "CSeq 7", "c1", ";tag=b1", "call1@h", 7);
  stop_200ok(osip, &names, "other From tag", "c9", ";tag=b1", "call1@h", 5);
  stop_200ok(osip, &names, "other Call-ID", "c1", ";tag=b1", "call9@h", 5);
  stop_200ok(osip, &names, "CSeq 5 (newest d1 first)", "c1", ";tag=b1", "call1@h", 5);
  show_ixt(osip, &names);
  stop_200ok(osip, &names, "no To tag, CSeq 5 (To tag ignored)", "c1", "", "call1@h", 5);
  show_ixt(osip, &names);
  stop_200ok(osip, &names, "CSeq 5 again", "c1", ";tag=b1", "call1@h", 5);
  stop_200ok(osip, &names, "d2 CSeq 5", "c2", ";tag=zz", "call2@h", 5);
  show_ixt(osip, &names);

  h_step("incomplete ACKs stop nothing");
  osip_free(ack->cseq->number);
  ack->cseq->number = NULL;
  printf("stop_200ok(no CSeq number) -> %s\n", show_name(&names, osip_stop_200ok_retransmissions(osip, ack)));
  osip_cseq_free(ack->cseq);
  ack->cseq = NULL;
  printf("stop_200ok(no CSeq) -> %s\n", show_name(&names, osip_stop_200ok_retransmissions(osip, ack)));
  printf("stop_200ok(NULL) -> %s\n", show_name(&names, osip_stop_200ok_retransmissions(osip, NULL)));
  show_ixt(osip, &names);

  h_step("stop by dialog: NULL, then d2, then d1");
  osip_stop_retransmissions_from_dialog(osip, NULL);
  show_ixt(osip, &names);
  osip_stop_retransmissions_from_dialog(osip, d2);
  show_ixt(osip, &names);
  osip_stop_retransmissions_from_dialog(osip, d1);
  show_ixt(osip, &names);

  osip_message_free(ack);
  osip_dialog_free(d1);
  osip_dialog_free(d2);
  h_done(osip);
  return 0;
}
