/* The plain application flow: a REGISTER over a NICT is challenged (401),
 * re-sent with credentials (new transaction, CSeq 2), accepted (200); timer
 * K ends each transaction, the kill callback removes it from the list and
 * the application frees it with osip_transaction_free afterwards (outside
 * the callback); finally osip_release. */
#include "harness.h"

static osip_t *osip;

static osip_transaction_t *send_register(int cseq, const char *auth) {
  osip_message_t *reg = h_msgf("REGISTER sip:registrar.example.com SIP/2.0\n"
                               "Via: SIP/2.0/UDP 192.168.1.10:5060;rport;branch=z9hG4bK-reg-%d\n"
                               "Max-Forwards: 70\n"
                               "From: <sip:alice@example.com>;tag=seed1\n"
                               "To: <sip:alice@example.com>\n"
                               "Call-ID: seed-register@192.168.1.10\n"
                               "CSeq: %d REGISTER\n"
                               "Contact: <sip:alice@192.168.1.10:5060>\n"
                               "%s"
                               "Expires: 600\n"
                               "Content-Length: 0\n\n",
                               cseq, cseq, auth);
  osip_event_t *evt = osip_new_outgoing_sipmessage(reg);
  osip_transaction_t *tr = NULL;
  int rc;

  rc = osip_transaction_init(&tr, NICT, osip, reg);
  printf("osip_transaction_init -> %d tr=%d\n", rc, h_id(tr));
  evt->transactionid = tr->transactionid;
  printf("add_event -> %d\n", osip_transaction_add_event(tr, evt));
  osip_nict_execute(osip);
  return tr;
}

static void receive(const char *status, int cseq, const char *extra) {
  h_find_add(osip, h_evt_inf("SIP/2.0 %s\n"
                             "Via: SIP/2.0/UDP 192.168.1.10:5060;rport=5060;branch=z9hG4bK-reg-%d;received=203.0.113.7\n"
                             "From: <sip:alice@example.com>;tag=seed1\n"
                             "To: <sip:alice@example.com>;tag=reg-srv\n"
                             "Call-ID: seed-register@192.168.1.10\n"
                             "CSeq: %d REGISTER\n"
                             "%s"
                             "Content-Length: 0\n\n",
                             status, cseq, cseq, extra));
  osip_nict_execute(osip);
}

int main(void) {
  osip_transaction_t *first, *second;

  h_init(&osip);
  h_step("REGISTER");
  first = send_register(1, "");
  h_step("401");
  receive("401 Unauthorized", 1, "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"abc\"\n");
  h_tr(first);
  h_step("REGISTER with credentials");
  second = send_register(2, "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"abc\", "
                            "uri=\"sip:registrar.example.com\", response=\"0123456789abcdef\"\n");
  h_step("200");
  receive("200 OK", 2, "Contact: <sip:alice@192.168.1.10:5060>;expires=600\n");
  h_lists(osip);
  h_timeout(osip);
  h_step("timer K of both");
  h_force(&((osip_nict_t *) first->nict_context)->timer_k_start);
  h_force_back(&((osip_nict_t *) second->nict_context)->timer_k_start);
  h_run(osip);
  h_lists(osip);
  h_step("the application frees them");
  h_free(first);
  h_free(second);
  h_timeout(osip);
  h_done(osip);
  return 0;
}
