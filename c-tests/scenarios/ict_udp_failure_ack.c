/* ICT over UDP, reference trace S1: strict-routing Route (no lr) so the
 * destination comes from the request-URI maddr; a 486 builds and sends the
 * ACK (Route and Proxy-Authorization copied), its retransmission resends the
 * ACK; a 180 in COMPLETED and a KILL event do nothing. */
#include "harness.h"

static const char *invite =
    "INVITE sip:bob@10.0.0.2:5070;maddr=10.9.9.9 SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKict1;rport\n"
    "Route: <sip:strict.example.com>\n"
    "Max-Forwards: 70\n"
    "From: <sip:alice@example.com>;tag=111\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: cid1@10.0.0.1\n"
    "CSeq: 1 INVITE\n"
    "Contact: <sip:alice@10.0.0.1>\n"
    "Authorization: Digest username=\"alice\", realm=\"r\", nonce=\"n\", uri=\"sip:bob@example.com\", response=\"x\"\n"
    "Proxy-Authorization: Digest username=\"alice\", realm=\"p\", nonce=\"m\", uri=\"sip:bob@example.com\", response=\"y\"\n"
    "Content-Length: 0\n\n";

static const char *busy =
    "SIP/2.0 486 Busy Here\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKict1;rport=5060;received=10.0.0.1\n"
    "Record-Route: <sip:rr.example.com;lr>\n"
    "From: <sip:alice@example.com>;tag=111\n"
    "To: <sip:bob@example.com>;tag=222\n"
    "Call-ID: cid1@10.0.0.1\n"
    "CSeq: 1 INVITE\n"
    "Content-Length: 0\n\n";

static const char *ringing =
    "SIP/2.0 180 Ringing\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKict1\n"
    "From: <sip:alice@example.com>;tag=111\n"
    "To: <sip:bob@example.com>;tag=222\n"
    "Call-ID: cid1@10.0.0.1\n"
    "CSeq: 1 INVITE\n"
    "Content-Length: 0\n\n";

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;
  osip_event_t *evt;

  h_init(&osip);
  h_step("create the ICT");
  evt = h_evt_out_text(invite);
  tr = h_create_add(osip, evt);
  printf("event tid=%d\n", evt->transactionid);
  h_tr(tr);
  h_lists(osip);
  h_timeout(osip);

  h_step("send the INVITE");
  osip_ict_execute(osip);
  h_tr(tr);
  h_timeout(osip);

  h_step("486 Busy Here");
  h_find_add(osip, h_evt_in(busy));
  osip_ict_execute(osip);
  h_tr(tr);

  h_step("486 retransmitted");
  h_find_add(osip, h_evt_in(busy));
  osip_ict_execute(osip);
  h_tr(tr);

  h_step("180 in COMPLETED, executed directly");
  h_exec(tr, h_evt_in(ringing));
  h_step("KILL_TRANSACTION event");
  h_exec(tr, h_evt_plain(KILL_TRANSACTION, tr->transactionid));
  h_tr(tr);
  h_timeout(osip);

  h_done(osip);
  return 0;
}
