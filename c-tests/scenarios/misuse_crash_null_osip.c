/* oracle: crashes */
/* A NULL osip_t everywhere (spec H2, H4): libosip2 dereferences it; we must
 * return an error or do nothing, without leaking what we were given. */
#include "harness.h"

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;
  osip_event_t *evt;
  osip_message_t *req;
  struct timeval tv = {5, 5};
  int rc;

  h_init(&osip);
  h_check_int("osip_init(NULL) fails", osip_init(NULL) != 0, 1);
  osip_release(NULL);
  osip_set_application_context(NULL, &rc);
  h_check_null("get_application_context(NULL)", osip_get_application_context(NULL), 1);
  osip_set_cb_send_message(NULL, NULL);
  h_check_int("set_message_callback(NULL)", osip_set_message_callback(NULL, 0, NULL), -2);
  h_check_int("set_kill_transaction_callback(NULL)", osip_set_kill_transaction_callback(NULL, 0, NULL), -2);
  h_check_int("set_transport_error_callback(NULL)", osip_set_transport_error_callback(NULL, 0, NULL), -2);
  osip_timers_ict_execute(NULL);
  osip_timers_ist_execute(NULL);
  osip_timers_nict_execute(NULL);
  osip_timers_nist_execute(NULL);
  printf("osip_*_execute(NULL) -> %d %d %d %d\n", osip_ict_execute(NULL), osip_ist_execute(NULL),
         osip_nict_execute(NULL), osip_nist_execute(NULL));
  osip_timers_gettimeout(NULL, &tv);
  osip_timers_gettimeout(osip, NULL);
  osip_retransmissions_execute(NULL);

  req = h_msg("INVITE sip:b@example.com SIP/2.0\n"
              "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKnullosip\n"
              "From: <sip:a@example.com>;tag=1\n"
              "To: <sip:b@example.com>\n"
              "Call-ID: nullosip@x\n"
              "CSeq: 1 INVITE\n"
              "Content-Length: 0\n\n");
  tr = (osip_transaction_t *) &rc;
  h_check_int("transaction_init(osip NULL)", osip_transaction_init(&tr, ICT, NULL, req), -2);
  h_check_null("  *tr", tr, 1);
  evt = h_evt_out(req);
  h_check_null("create_transaction(NULL, evt)", osip_create_transaction(NULL, evt), 1);
  h_check_int("find_transaction_and_add_event(NULL, evt)", osip_find_transaction_and_add_event(NULL, evt), -1);
  h_check_null("__osip_find_transaction(NULL, evt, 1)", __osip_find_transaction(NULL, evt, 1), 1);
  tr = osip_create_transaction(osip, evt);
  h_check_int("remove_transaction(NULL, tr)", osip_remove_transaction(NULL, tr), -2);
  h_lists(osip);
  osip_event_free(evt);
  h_done(osip);
  return h_exit_status();
}
