/* oracle: crashes */
/* Invalid arguments on which libosip2 crashes or corrupts memory (spec H1,
 * H6, H10, H11, H18): negative callback types (must not write before the
 * callback arrays: the ixt list sits right before them), execute with NULL
 * transaction or event, get_destination with NULL out-pointers, a NULL SRV
 * record, osip_response_get_destination with NULL arguments. */
#include "harness.h"

static void cb(int type, osip_transaction_t *tr, osip_message_t *msg) {
  (void) type;
  (void) tr;
  (void) msg;
}

static void kill_cb(int type, osip_transaction_t *tr) {
  (void) type;
  (void) tr;
}

static void te_cb(int type, osip_transaction_t *tr, int e) {
  (void) type;
  (void) tr;
  (void) e;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;
  osip_event_t *evt;
  osip_message_t *resp;
  char *ip = NULL;
  int port = 0;

  h_init(&osip);
  h_check_int("set_message_callback(-1)", osip_set_message_callback(osip, -1, cb), -2);
  h_check_int("set_message_callback(INT_MIN)", osip_set_message_callback(osip, -2147483647 - 1, cb), -2);
  h_check_int("set_kill_transaction_callback(-1)", osip_set_kill_transaction_callback(osip, -1, kill_cb), -2);
  h_check_int("set_transport_error_callback(-1)", osip_set_transport_error_callback(osip, -1, te_cb), -2);
  h_check_int("ixt list still empty", osip_list_size(&osip->ixt_retransmissions), 0);
  h_check_null("ixt list node", osip->ixt_retransmissions.node, 1);
  h_check_null("kill_callbacks[3] unchanged", (void *) osip->kill_callbacks[3], 0);

  evt = h_evt_out_text("INVITE sip:b@example.com:5090 SIP/2.0\n"
                       "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKargs\n"
                       "From: <sip:a@example.com>;tag=1\n"
                       "To: <sip:b@example.com>\n"
                       "Call-ID: args@x\n"
                       "CSeq: 1 INVITE\n"
                       "Content-Length: 0\n\n");
  tr = osip_create_transaction(osip, evt);
  osip_event_free(evt);
  h_check_int("execute(NULL, NULL)", osip_transaction_execute(NULL, NULL), -2);
  h_check_int("execute(tr, NULL)", osip_transaction_execute(tr, NULL), -2);
  h_check_int("get_destination(tr, NULL, NULL)", osip_transaction_get_destination(tr, NULL, NULL), 0);
  h_check_int("get_destination(tr, &ip, NULL)", osip_transaction_get_destination(tr, &ip, NULL), 0);
  printf("  ip=%s\n", ip == NULL ? "NULL" : ip);
  h_check_int("get_destination(tr, NULL, &port)", osip_transaction_get_destination(tr, NULL, &port), 0);
  h_check_int("  port", port, 5090);
  h_check_int("set_srv_record(tr, NULL)", osip_transaction_set_srv_record(tr, NULL), -2);

  ip = (char *) "untouched";
  port = 77;
  osip_response_get_destination(NULL, &ip, &port);
  printf("response_get_destination(NULL) survived\n");
  resp = h_msg("SIP/2.0 200 OK\n"
               "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKargs\n"
               "From: <sip:a@example.com>;tag=1\n"
               "To: <sip:b@example.com>;tag=2\n"
               "Call-ID: args@x\n"
               "CSeq: 1 INVITE\n"
               "Content-Length: 0\n\n");
  osip_response_get_destination(resp, NULL, NULL);
  osip_response_get_destination(resp, NULL, &port);
  osip_response_get_destination(resp, &ip, NULL);
  printf("response_get_destination(resp, NULL...) survived\n");
  if (ip != NULL && strcmp(ip, "untouched") != 0)
    osip_free(ip);
  osip_message_free(resp);
  h_done(osip);
  return h_exit_status();
}
