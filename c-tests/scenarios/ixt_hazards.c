/* oracle: crashes */
/* Retransmission input on which libosip2 5.3.0 crashes or deadlocks:
 * NULL osip_t (H2), a NULL 2xx (H18), no send callback (H3: the send is
 * skipped but still counted), and a send callback that starts, stops or
 * inspects retransmissions, which deadlocks libosip2 because it holds
 * ixt_fastmutex while sending (H14). Records stopped from inside a send
 * stay valid until that send returns. */
#include "dialog_show.h"

static const char *invite =
    "INVITE sip:bob@example.com SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKh1\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: h1@h\n"
    "CSeq: 5 INVITE\n"
    "Contact: <sip:carol@10.0.0.9>\n"
    "Content-Length: 0\n\n";

static const char *ok =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKh1\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: h1@h\n"
    "CSeq: 5 INVITE\n"
    "Content-Length: 0\n\n";

static const char *ack =
    "ACK sip:bob@10.0.0.2 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKh2\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: h1@h\n"
    "CSeq: 5 ACK\n"
    "Content-Length: 0\n\n";

static osip_t *g_osip;
static osip_message_t *g_ack;
static struct show_names names = {2, {NULL}, {"d", "other"}};
static int sends;

/* Stops every record (including the one being sent), starts a new one and
 * asks for the timeout, all from inside the send. */
static int reentrant_send(osip_transaction_t *tr, osip_message_t *msg, char *host, int port, int sock) {
  struct timeval tv;

  sends++;
  printf("SEND #%d %s host=%s port=%d sock=%d tr=%s\n", sends, h_first_line(msg), show_str(host), port, sock,
         tr == NULL ? "NULL" : "set");
  printf("  stop_200ok -> %s\n", show_name(&names, osip_stop_200ok_retransmissions(g_osip, g_ack)));
  osip_stop_retransmissions_from_dialog(g_osip, NULL);
  osip_start_ack_retransmissions(g_osip, names.dialogs[1], g_ack, "10.0.0.7", 5099, 9);
  osip_timers_gettimeout(g_osip, &tv);
  printf("  timeout within a send: %s\n", tv.tv_sec == 0 && tv.tv_usec == 0 ? "{0,0}" : "later");
  show_ixt(g_osip, &names);
  return 0;
}

int main(void) {
  osip_t *osip;
  osip_message_t *inv, *resp;
  osip_dialog_t *d;
  int i;

  h_init(&osip);
  g_osip = osip;
  resp = h_msg(ok);
  g_ack = h_msg(ack);
  inv = h_msg(invite);
  h_check_int("init_as_uas", osip_dialog_init_as_uas(&d, inv, resp), 0);
  names.dialogs[0] = d;
  names.dialogs[1] = (osip_dialog_t *) &names;

  h_step("H2: NULL osip_t");
  osip_start_200ok_retransmissions(NULL, d, resp, 1);
  osip_start_ack_retransmissions(NULL, d, g_ack, "10.0.0.2", 5060, 1);
  osip_retransmissions_execute(NULL);
  osip_stop_retransmissions_from_dialog(NULL, d);
  h_check_null("stop_200ok(NULL osip)", osip_stop_200ok_retransmissions(NULL, g_ack), 1);

  h_step("H18: NULL 2xx makes no record");
  osip_start_200ok_retransmissions(osip, d, NULL, 1);
  h_check_int("records", osip_list_size(&osip->ixt_retransmissions), 0);

  h_step("H3: no send callback, sends still counted");
  osip_set_cb_send_message(osip, NULL);
  osip_start_200ok_retransmissions(osip, NULL, resp, 3);
  for (i = 1; i <= 9; i++) {
    show_force_ixt(osip);
    osip_retransmissions_execute(osip);
  }
  show_ixt(osip, &names);
  h_check_int("counter after 9 passes", ((ixt_t *) osip_list_get(&osip->ixt_retransmissions, 0))->counter, 1);
  show_force_ixt(osip);
  osip_retransmissions_execute(osip);
  h_check_int("records after the 10th", osip_list_size(&osip->ixt_retransmissions), 0);

  h_step("H14: a send callback that stops and starts retransmissions");
  osip_set_cb_send_message(osip, reentrant_send);
  osip_start_200ok_retransmissions(osip, d, resp, 4);
  osip_start_200ok_retransmissions(osip, NULL, resp, 5);
  osip_start_ack_retransmissions(osip, NULL, g_ack, "10.0.0.2", 5060, 6);
  show_ixt(osip, &names);
  show_force_ixt(osip);
  osip_retransmissions_execute(osip);
  h_check_int("sends", sends, 3);
  show_ixt(osip, &names);
  h_check_int("records left", osip_list_size(&osip->ixt_retransmissions), 3);
  osip_stop_retransmissions_from_dialog(osip, names.dialogs[1]);
  h_check_int("records after stopping", osip_list_size(&osip->ixt_retransmissions), 0);

  osip_dialog_free(d);
  osip_message_free(inv);
  osip_message_free(resp);
  osip_message_free(g_ack);
  h_done(osip);
  return h_exit_status();
}
