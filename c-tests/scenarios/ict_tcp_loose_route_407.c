/* ICT over TCP, reference trace S2: the first Route has lr, so it is the
 * destination; timer A is disarmed by the first successful send; a 407 gets
 * an ACK with both Routes but neither Authorization nor
 * Proxy-Authorization; timer D is 0 (due at once) and its expiry kills the
 * transaction, which the kill callback removes from the list. */
#include "harness.h"

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;

  h_init(&osip);
  h_step("create the ICT (TCP)");
  tr = h_create_add(osip, h_evt_out_text("INVITE sip:bob@example.com SIP/2.0\n"
                                         "Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKtcp1\n"
                                         "Route: <sip:proxy.example.com:5080;lr>\n"
                                         "Route: <sip:p2.example.com;lr>\n"
                                         "From: <sip:alice@example.com>;tag=a1\n"
                                         "To: <sip:bob@example.com>\n"
                                         "Call-ID: cid2@10.0.0.1\n"
                                         "CSeq: 7 INVITE\n"
                                         "Authorization: Digest username=\"alice\", realm=\"r\", nonce=\"n\"\n"
                                         "Proxy-Authorization: Digest username=\"alice\", realm=\"p\", nonce=\"m\"\n"
                                         "Content-Length: 0\n\n"));
  h_tr(tr);

  h_step("send the INVITE");
  h_run(osip);
  h_tr(tr);
  h_timeout(osip);

  h_step("407 Proxy Authentication Required");
  h_find_add(osip, h_evt_in("SIP/2.0 407 Proxy Authentication Required\n"
                            "Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKtcp1\n"
                            "From: <sip:alice@example.com>;tag=a1\n"
                            "To: <sip:bob@example.com>;tag=b7\n"
                            "Call-ID: cid2@10.0.0.1\n"
                            "CSeq: 7 INVITE\n"
                            "Proxy-Authenticate: Digest realm=\"p\", nonce=\"q\"\n"
                            "Content-Length: 0\n\n"));
  osip_ict_execute(osip);
  h_tr(tr);
  h_timeout(osip);

  h_step("timer D (0 ms on TCP) fires");
  h_run(osip);
  h_tr(tr);
  h_lists(osip);
  h_timeout(osip);

  h_step("free the terminated transaction");
  h_free(tr);
  h_lists(osip);
  h_done(osip);
  return 0;
}
