/* oracle: crashes */
/* No cb_send_message registered (spec H3): libosip2 calls a NULL function
 * pointer; we behave as if the send had failed with -1: transport error,
 * TERMINATED, kill, for every machine. */
#include "harness.h"

static const char *msg(const char *first, const char *method, int n) {
  static char buf[1024];

  snprintf(buf, sizeof(buf),
           "%s\n"
           "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKns%d\n"
           "From: <sip:a@example.com>;tag=1\n"
           "To: <sip:b@example.com>\n"
           "Call-ID: ns%d@x\n"
           "CSeq: 1 %s\n"
           "Content-Length: 0\n\n",
           first, n, n, method);
  return buf;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *ict, *nict, *ist, *nist;
  osip_event_t *evt;

  h_init(&osip);
  osip_set_cb_send_message(osip, NULL);
  h_kill_remove = 0;
  ict = h_create_add(osip, h_evt_out_text(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", 1)));
  nict = h_create_add(osip, h_evt_out_text(msg("BYE sip:b@example.com SIP/2.0", "BYE", 2)));
  ist = h_create_add(osip, h_evt_in(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", 3)));
  nist = h_create_add(osip, h_evt_in(msg("BYE sip:b@example.com SIP/2.0", "BYE", 4)));
  h_exec_all(osip);
  evt = h_evt_out_text(msg("SIP/2.0 180 Ringing", "INVITE", 3));
  evt->transactionid = ist->transactionid;
  h_find_add(osip, evt);
  evt = h_evt_out_text(msg("SIP/2.0 200 OK", "BYE", 4));
  evt->transactionid = nist->transactionid;
  h_find_add(osip, evt);
  h_exec_all(osip);
  h_check_int("ICT state", ict->state, ICT_TERMINATED);
  h_check_int("NICT state", nict->state, NICT_TERMINATED);
  h_check_int("IST state", ist->state, IST_TERMINATED);
  h_check_int("NIST state", nist->state, NIST_TERMINATED);
  h_done(osip);
  return h_exit_status();
}
