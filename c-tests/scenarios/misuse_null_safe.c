/* NULL and invalid arguments that libosip2 itself handles (compared with
 * the reference): every accessor and list function with a NULL transaction,
 * NULL events, out-of-range callback types (with their ERROR traces),
 * unparsable input (ERROR trace), events without a message, a request
 * without request-URI refused by osip_new_outgoing_sipmessage, a request
 * without Call-ID refused by osip_transaction_init. */
#include "harness.h"

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;
  osip_event_t *evt;
  osip_message_t *msg;
  osip_srv_record_t rec;
  char *ip;
  int port, rc;

  h_init(&osip);
  evt = h_evt_in("OPTIONS sip:b@example.com SIP/2.0\n"
                 "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKnull\n"
                 "From: <sip:a@example.com>;tag=1\n"
                 "To: <sip:b@example.com>\n"
                 "Call-ID: null@x\n"
                 "CSeq: 1 OPTIONS\n"
                 "Content-Length: 0\n\n");
  tr = osip_create_transaction(osip, evt);

  h_step("NULL transaction");
  printf("add_event(NULL, evt) -> %d\n", osip_transaction_add_event(NULL, evt));
  printf("add_event(tr, NULL) -> %d\n", osip_transaction_add_event(tr, NULL));
  osip_event_free(evt);
  printf("free(NULL) -> %d\n", osip_transaction_free(NULL));
  printf("free2(NULL) -> %d\n", osip_transaction_free2(NULL));
  printf("remove(osip, NULL) -> %d\n", osip_remove_transaction(osip, NULL));
  printf("set_reserved1..6(NULL) -> %d %d %d %d %d %d\n", osip_transaction_set_reserved1(NULL, &rc),
         osip_transaction_set_reserved2(NULL, &rc), osip_transaction_set_reserved3(NULL, &rc),
         osip_transaction_set_reserved4(NULL, &rc), osip_transaction_set_reserved5(NULL, &rc),
         osip_transaction_set_reserved6(NULL, &rc));
  printf("get_reserved1..6(NULL) NULL: %d %d %d %d %d %d\n", osip_transaction_get_reserved1(NULL) == NULL,
         osip_transaction_get_reserved2(NULL) == NULL, osip_transaction_get_reserved3(NULL) == NULL,
         osip_transaction_get_reserved4(NULL) == NULL, osip_transaction_get_reserved5(NULL) == NULL,
         osip_transaction_get_reserved6(NULL) == NULL);
  printf("set_your_instance(NULL) -> %d\n", osip_transaction_set_your_instance(NULL, &rc));
  printf("get_your_instance(NULL) NULL: %d\n", osip_transaction_get_your_instance(NULL) == NULL);
  printf("set_in_socket(NULL) -> %d\n", osip_transaction_set_in_socket(NULL, 1));
  printf("set_out_socket(NULL) -> %d\n", osip_transaction_set_out_socket(NULL, 1));
  memset(&rec, 0, sizeof(rec));
  printf("set_srv_record(NULL, rec) -> %d\n", osip_transaction_set_srv_record(NULL, &rec));
  printf("set_naptr_record(NULL, NULL) -> %d\n", osip_transaction_set_naptr_record(NULL, NULL));
  ip = (char *) "x";
  port = 9;
  rc = osip_transaction_get_destination(NULL, &ip, &port);
  printf("get_destination(NULL) -> %d ip=%s port=%d\n", rc, ip == NULL ? "NULL" : ip, port);

  h_step("NULL or message-less events");
  osip_event_free(NULL);
  printf("new_outgoing_sipmessage(NULL) NULL: %d\n", osip_new_outgoing_sipmessage(NULL) == NULL);
  printf("create_transaction(osip, NULL) NULL: %d\n", osip_create_transaction(osip, NULL) == NULL);
  printf("find_and_add(osip, NULL) -> %d\n", osip_find_transaction_and_add_event(osip, NULL));
  printf("__osip_find_transaction(osip, NULL, 0) NULL: %d\n", __osip_find_transaction(osip, NULL, 0) == NULL);
  evt = h_evt_plain(RCV_REQUEST, 0);
  printf("find_and_add(no message) -> %d\n", osip_find_transaction_and_add_event(osip, evt));
  printf("create_transaction(no message) NULL: %d\n", osip_create_transaction(osip, evt) == NULL);
  osip_event_free(evt);
  printf("transaction_find(empty list, NULL) NULL: %d\n",
         osip_transaction_find(&osip->osip_ict_transactions, NULL) == NULL);

  h_step("callback types out of range");
  printf("message 60 -> %d\n", osip_set_message_callback(osip, OSIP_MESSAGE_CALLBACK_COUNT, NULL));
  printf("message 1000 -> %d\n", osip_set_message_callback(osip, 1000, NULL));
  printf("kill 4 -> %d\n", osip_set_kill_transaction_callback(osip, OSIP_KILL_CALLBACK_COUNT, NULL));
  printf("transport error 4 -> %d\n", osip_set_transport_error_callback(osip, OSIP_TRANSPORT_ERROR_CALLBACK_COUNT, NULL));
  printf("message 59 -> %d\n", osip_set_message_callback(osip, 59, NULL));
  printf("kill 3 -> %d\n", osip_set_kill_transaction_callback(osip, 3, NULL));
  printf("transport error 0 -> %d\n", osip_set_transport_error_callback(osip, 0, NULL));

  h_step("bad input");
  printf("osip_parse(garbage) NULL: %d\n", h_parse("this is not SIP\n\n") == NULL);
  printf("osip_parse(empty) NULL: %d\n", osip_parse("", 0) == NULL);
  msg = h_msg("OPTIONS sip:b@example.com SIP/2.0\n"
              "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKnull2\n"
              "From: <sip:a@example.com>;tag=1\n"
              "To: <sip:b@example.com>\n"
              "CSeq: 1 OPTIONS\n"
              "Content-Length: 0\n\n");
  tr = (osip_transaction_t *) &rc;
  rc = osip_transaction_init(&tr, NIST, osip, msg);
  printf("init without Call-ID -> %d tr NULL: %d\n", rc, tr == NULL);
  tr = (osip_transaction_t *) &rc;
  rc = osip_transaction_init(&tr, NIST, osip, NULL);
  printf("init with NULL request -> %d tr NULL: %d\n", rc, tr == NULL);
  osip_uri_free(msg->req_uri);
  msg->req_uri = NULL;
  printf("new_outgoing_sipmessage(no request-URI) NULL: %d\n", osip_new_outgoing_sipmessage(msg) == NULL);
  osip_message_free(msg);
  h_lists(osip);
  h_done(osip);
  return 0;
}
