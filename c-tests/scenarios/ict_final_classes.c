/* ICT final-response classes: 3xx, 4xx (401: no credentials in the ACK),
 * 5xx, 6xx and an out-of-range 700 (the catch-all 6XX callback), each on its
 * own transaction; the non-401/407 ACKs carry the INVITE's Authorization
 * headers (both, in order) and Proxy-Authorization.
 * Also checks that the ACK takes From/To/Call-ID/CSeq number from the
 * response and request-URI, top Via and Routes from the INVITE, and that a
 * Record-Route in the response is ignored. */
#include "harness.h"

static void one(osip_t *osip, int code, const char *reason) {
  osip_transaction_t *tr;

  h_step("ICT answered by %d %s", code, reason);
  tr = h_create_add(osip, h_evt_outf("INVITE sip:carol@example.org;transport=udp SIP/2.0\n"
                                     "Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK-c%d\n"
                                     "Via: SIP/2.0/UDP 10.0.0.7;branch=z9hG4bK-second\n"
                                     "Route: <sip:edge.example.org;lr>\n"
                                     "From: \"Alice\" <sip:alice@example.com>;tag=f%d\n"
                                     "To: <sip:carol@example.org>\n"
                                     "Call-ID: classes-%d@10.0.0.1\n"
                                     "CSeq: %d INVITE\n"
                                     "Contact: <sip:alice@10.0.0.1:5062>\n"
                                     "Authorization: Digest username=\"alice\", realm=\"x\", nonce=\"1\"\n"
                                     "Proxy-Authorization: Digest username=\"alice\", realm=\"px\", nonce=\"3\"\n"
                                     "Authorization: Digest username=\"alice\", realm=\"y\", nonce=\"2\"\n"
                                     "Content-Type: application/sdp\n"
                                     "Content-Length: 4\n\n"
                                     "v=0\n",
                                     code, code, code, code));
  osip_ict_execute(osip);
  h_find_add(osip, h_evt_inf("SIP/2.0 %d %s\n"
                             "Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK-c%d;received=192.0.2.1\n"
                             "Via: SIP/2.0/UDP 10.0.0.7;branch=z9hG4bK-second\n"
                             "Record-Route: <sip:rr.example.org;lr>\n"
                             "From: \"Alice\" <sip:alice@example.com>;tag=f%d\n"
                             "To: <sip:carol@example.org>;tag=t%d\n"
                             "Call-ID: classes-%d@10.0.0.1\n"
                             "CSeq: %d INVITE\n"
                             "WWW-Authenticate: Digest realm=\"x\", nonce=\"2\"\n"
                             "Content-Length: 0\n\n",
                             code, reason, code, code, code, code, code));
  osip_ict_execute(osip);
  h_tr(tr);
}

int main(void) {
  osip_t *osip;

  h_init(&osip);
  h_send_verbose = 1;
  one(osip, 302, "Moved Temporarily");
  one(osip, 401, "Unauthorized");
  one(osip, 404, "Not Found");
  one(osip, 503, "Service Unavailable");
  one(osip, 603, "Decline");
  one(osip, 700, "Beyond");
  h_lists(osip);
  h_done(osip);
  return 0;
}
