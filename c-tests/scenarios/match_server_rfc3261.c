/* Request → server transaction matching with magic-cookie branches (spec
 * 8.4): branch (exact, equal length first), sent-by host (case-sensitive)
 * and port compared as strings with "5060" as the implicit default, CSeq
 * method (ACK matches INVITE); CSeq number, Call-ID and tags are not
 * compared. Each variant is looked up with osip_transaction_find on the
 * list it would be routed to, so nothing is queued. */
#include "harness.h"

static osip_t *osip;

static void try(const char *label, osip_list_t *list, const char *method, const char *sentby, const char *branch,
                const char *cseq) {
  osip_event_t *evt = h_evt_inf("%s sip:bob@10.0.0.2 SIP/2.0\n"
                                "Via: SIP/2.0/UDP %s%s\n"
                                "From: <sip:carol@example.com>;tag=other\n"
                                "To: <sip:bob@example.com>;tag=zz\n"
                                "Call-ID: not-the-same@elsewhere\n"
                                "CSeq: %s\n"
                                "Content-Length: 0\n\n",
                                method, sentby, branch, cseq);
  osip_transaction_t *tr = osip_transaction_find(list, evt);

  printf("%-44s -> tr=%d\n", label, h_id(tr));
  osip_event_free(evt);
}

static osip_transaction_t *server(const char *method, const char *sentby, const char *branch, int n) {
  osip_transaction_t *tr = h_create_add(osip, h_evt_inf("%s sip:bob@10.0.0.2 SIP/2.0\n"
                                                        "Via: SIP/2.0/UDP %s;branch=%s\n"
                                                        "From: <sip:carol@example.com>;tag=c%d\n"
                                                        "To: <sip:bob@example.com>\n"
                                                        "Call-ID: m%d@10.0.0.9\n"
                                                        "CSeq: %d %s\n"
                                                        "Content-Length: 0\n\n",
                                                        method, sentby, branch, n, n, n, method));
  return tr;
}

int main(void) {
  osip_list_t *ist, *nist;

  h_init(&osip);
  ist = &osip->osip_ist_transactions;
  nist = &osip->osip_nist_transactions;
  server("INVITE", "10.0.0.9:5062", "z9hG4bKist1", 1);
  server("INVITE", "Host.Example.com", "z9hG4bKist2", 2);
  server("INVITE", "10.0.0.7:5060", "z9hG4bKist3", 3);
  server("BYE", "10.0.0.9:5062", "z9hG4bKbye1", 4);
  server("INVITE", "10.0.0.9:5062", "z9hG4bKlonger-branch-5", 5);
  h_lists(osip);

  h_step("against tr 1 (10.0.0.9:5062 z9hG4bKist1)");
  try("identical", ist, "INVITE", "10.0.0.9:5062", ";branch=z9hG4bKist1", "1 INVITE");
  try("other CSeq number", ist, "INVITE", "10.0.0.9:5062", ";branch=z9hG4bKist1", "99 INVITE");
  try("ACK", ist, "ACK", "10.0.0.9:5062", ";branch=z9hG4bKist1", "1 ACK");
  try("CANCEL (looked up in the IST list)", ist, "CANCEL", "10.0.0.9:5062", ";branch=z9hG4bKist1", "1 CANCEL");
  try("port 5063", ist, "INVITE", "10.0.0.9:5063", ";branch=z9hG4bKist1", "1 INVITE");
  try("port absent", ist, "INVITE", "10.0.0.9", ";branch=z9hG4bKist1", "1 INVITE");
  try("other host", ist, "INVITE", "10.0.0.8:5062", ";branch=z9hG4bKist1", "1 INVITE");
  try("same length, other branch", ist, "INVITE", "10.0.0.9:5062", ";branch=z9hG4bKist9", "1 INVITE");
  try("longer branch", ist, "INVITE", "10.0.0.9:5062", ";branch=z9hG4bKist2x", "1 INVITE");
  try("branch without value", ist, "INVITE", "10.0.0.9:5062", ";branch", "1 INVITE");
  try("no branch", ist, "INVITE", "10.0.0.9:5062", "", "1 INVITE");
  try("branch in other case", ist, "INVITE", "10.0.0.9:5062", ";branch=Z9HG4BKIST1", "1 INVITE");
  try("extra Via params", ist, "INVITE", "10.0.0.9:5062", ";rport;branch=z9hG4bKist1;received=1.2.3.4",
      "1 INVITE");

  h_step("against tr 2 (Host.Example.com, no port)");
  try("identical", ist, "INVITE", "Host.Example.com", ";branch=z9hG4bKist2", "2 INVITE");
  try("host in lower case", ist, "INVITE", "host.example.com", ";branch=z9hG4bKist2", "2 INVITE");
  try("explicit port 5060", ist, "INVITE", "Host.Example.com:5060", ";branch=z9hG4bKist2", "2 INVITE");
  try("port 05060", ist, "INVITE", "Host.Example.com:05060", ";branch=z9hG4bKist2", "2 INVITE");
  try("port 5061", ist, "INVITE", "Host.Example.com:5061", ";branch=z9hG4bKist2", "2 INVITE");

  h_step("against tr 3 (10.0.0.7:5060)");
  try("port absent", ist, "INVITE", "10.0.0.7", ";branch=z9hG4bKist3", "3 INVITE");
  try("ACK, port absent", ist, "ACK", "10.0.0.7", ";branch=z9hG4bKist3", "3 ACK");

  h_step("against tr 4 (BYE) in the NIST list");
  try("identical", nist, "BYE", "10.0.0.9:5062", ";branch=z9hG4bKbye1", "4 BYE");
  try("INFO with the same branch", nist, "INFO", "10.0.0.9:5062", ";branch=z9hG4bKbye1", "4 INFO");
  try("ACK with the same branch", nist, "ACK", "10.0.0.9:5062", ";branch=z9hG4bKbye1", "4 ACK");

  h_step("against tr 5 (long branch)");
  try("identical", ist, "INVITE", "10.0.0.9:5062", ";branch=z9hG4bKlonger-branch-5", "5 INVITE");
  try("prefix of it", ist, "INVITE", "10.0.0.9:5062", ";branch=z9hG4bKlonger-branch-", "5 INVITE");

  h_step("through osip_find_transaction_and_add_event");
  h_find_add(osip, h_evt_in("ACK sip:bob@10.0.0.2 SIP/2.0\n"
                            "Via: SIP/2.0/UDP 10.0.0.7;branch=z9hG4bKist3\n"
                            "From: <sip:carol@example.com>;tag=c3\n"
                            "To: <sip:bob@example.com>;tag=t\n"
                            "Call-ID: m3@10.0.0.9\n"
                            "CSeq: 3 ACK\n"
                            "Content-Length: 0\n\n"));
  h_find_add(osip, h_evt_in("CANCEL sip:bob@10.0.0.2 SIP/2.0\n"
                            "Via: SIP/2.0/UDP 10.0.0.7;branch=z9hG4bKist3\n"
                            "From: <sip:carol@example.com>;tag=c3\n"
                            "To: <sip:bob@example.com>\n"
                            "Call-ID: m3@10.0.0.9\n"
                            "CSeq: 3 CANCEL\n"
                            "Content-Length: 0\n\n"));
  h_run(osip);
  h_done(osip);
  return 0;
}
