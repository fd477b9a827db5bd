/* Which list __osip_find_transaction searches (spec 8.1), seen through
 * osip_find_transaction_and_add_event: incoming INVITE/ACK → IST, other
 * requests → NIST; incoming responses by CSeq method → ICT / NICT;
 * outgoing messages are matched by transaction id only, in the list chosen
 * by message kind and CSeq method (an outgoing ACK goes to the ICT and is
 * dropped there); timer, KILL and UNKNOWN events match nothing.
 * osip_transaction_find gives up when the first element has no config. */
#include "harness.h"

static osip_t *osip;

static osip_event_t *with_tid(osip_event_t *evt, int tid) {
  evt->transactionid = tid;
  return evt;
}

static const char *msg(const char *first, const char *method, const char *branch) {
  static char buf[1024];

  snprintf(buf, sizeof(buf),
           "%s\n"
           "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=%s\n"
           "From: <sip:a@example.com>;tag=1\n"
           "To: <sip:b@example.com>;tag=2\n"
           "Call-ID: sel@x\n"
           "CSeq: 1 %s\n"
           "Content-Length: 0\n\n",
           first, branch, method);
  return buf;
}

int main(void) {
  osip_transaction_t *ict, *nict, *ist, *nist;
  osip_event_t *evt;
  void *config;

  h_init(&osip);
  h_send_verbose = 0;
  ict = h_create_add(osip, h_evt_out_text(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", "z9hG4bKc1")));
  nict = h_create_add(osip, h_evt_out_text(msg("MESSAGE sip:b@example.com SIP/2.0", "MESSAGE", "z9hG4bKc2")));
  ist = h_create_add(osip, h_evt_in(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", "z9hG4bKs1")));
  nist = h_create_add(osip, h_evt_in(msg("MESSAGE sip:b@example.com SIP/2.0", "MESSAGE", "z9hG4bKs2")));
  h_run(osip);
  h_lists(osip);

  h_step("incoming");
  h_find_add(osip, h_evt_in(msg("SIP/2.0 180 Ringing", "INVITE", "z9hG4bKc1")));
  h_find_add(osip, h_evt_in(msg("SIP/2.0 200 OK", "MESSAGE", "z9hG4bKc2")));
  h_find_add(osip, h_evt_in(msg("SIP/2.0 200 OK", "MESSAGE", "z9hG4bKc1")));
  h_find_add(osip, h_evt_in(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", "z9hG4bKs1")));
  h_find_add(osip, h_evt_in(msg("MESSAGE sip:b@example.com SIP/2.0", "MESSAGE", "z9hG4bKs2")));
  h_find_add(osip, h_evt_in(msg("INFO sip:b@example.com SIP/2.0", "INFO", "z9hG4bKs2")));
  printf("fifo ict=%d nict=%d ist=%d nist=%d\n", osip_fifo_size(ict->transactionff),
         osip_fifo_size(nict->transactionff), osip_fifo_size(ist->transactionff),
         osip_fifo_size(nist->transactionff));
  h_exec_all(osip);

  h_step("outgoing, by transaction id");
  h_find_add(osip, with_tid(h_evt_out_text(msg("SIP/2.0 180 Ringing", "INVITE", "whatever")), ist->transactionid));
  h_find_add(osip, with_tid(h_evt_out_text(msg("SIP/2.0 180 Ringing", "INVITE", "whatever")), nist->transactionid));
  h_find_add(osip, with_tid(h_evt_out_text(msg("SIP/2.0 200 OK", "MESSAGE", "whatever")), nist->transactionid));
  h_find_add(osip, with_tid(h_evt_out_text(msg("SIP/2.0 200 OK", "MESSAGE", "whatever")), 77));
  h_find_add(osip,
             with_tid(h_evt_out_text(msg("ACK sip:b@example.com SIP/2.0", "ACK", "z9hG4bKc1")), ict->transactionid));
  h_find_add(osip, with_tid(h_evt_out_text(msg("INFO sip:b@example.com SIP/2.0", "INFO", "x")), nict->transactionid));
  h_find_add(osip, with_tid(h_evt_out_text(msg("INFO sip:b@example.com SIP/2.0", "INFO", "x")), ict->transactionid));
  printf("fifo ict=%d nict=%d ist=%d nist=%d\n", osip_fifo_size(ict->transactionff),
         osip_fifo_size(nict->transactionff), osip_fifo_size(ist->transactionff),
         osip_fifo_size(nist->transactionff));
  h_exec_all(osip);

  h_step("events without a message or of other types");
  h_find_add(osip, h_evt_plain(TIMEOUT_A, ict->transactionid));
  h_find_add(osip, h_evt_plain(KILL_TRANSACTION, ict->transactionid));
  evt = h_evt_in(msg("SIP/2.0 180 Ringing", "INVITE", "z9hG4bKc1"));
  evt->type = UNKNOWN_EVT;
  evt->transactionid = ict->transactionid;
  h_find_add(osip, evt);
  evt = h_evt_in(msg("SIP/2.0 180 Ringing", "INVITE", "z9hG4bKc1"));
  evt->type = TIMEOUT_B;
  evt->transactionid = ict->transactionid;
  h_find_add(osip, evt);
  printf("find NULL -> %d\n", osip_find_transaction_and_add_event(osip, NULL));

  h_step("first list element without config");
  config = nist->config;
  nist->config = NULL;
  evt = h_evt_in(msg("MESSAGE sip:b@example.com SIP/2.0", "MESSAGE", "z9hG4bKs2"));
  printf("osip_transaction_find -> tr=%d\n", h_id(osip_transaction_find(&osip->osip_nist_transactions, evt)));
  h_find_add(osip, evt);
  nist->config = config;
  evt = h_evt_in(msg("MESSAGE sip:b@example.com SIP/2.0", "MESSAGE", "z9hG4bKs2"));
  printf("osip_transaction_find -> tr=%d\n", h_id(osip_transaction_find(&osip->osip_nist_transactions, evt)));
  osip_event_free(evt);
  h_step("empty list");
  evt = h_evt_in(msg("MESSAGE sip:b@example.com SIP/2.0", "MESSAGE", "z9hG4bKs2"));
  printf("osip_transaction_find -> tr=%d\n", h_id(osip_transaction_find(&osip->ixt_retransmissions, evt)));
  osip_event_free(evt);
  h_done(osip);
  return 0;
}
