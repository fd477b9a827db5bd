/* Request → server transaction matching without magic cookie (RFC 2543
 * fallback, spec 8.4 step 5): Call-ID, To tag against the original request
 * (so nothing but an ACK matches before the first event was executed), From
 * tag, CSeq (number; INVITE/ACK interchangeable) and the textual top Via;
 * ACK To-tag rules against the transaction's To (absent/present). Mixed
 * cases: one branch with and one without the cookie; one side without a
 * branch at all (-5, no match). */
#include "harness.h"

static osip_t *osip;

static osip_event_t *req(const char *method, const char *via, const char *from_tag, const char *to_tag,
                         const char *callid, const char *cseq) {
  return h_evt_inf("%s sip:bob@10.0.0.2 SIP/2.0\n"
                   "Via: SIP/2.0/UDP %s\n"
                   "From: <sip:carol@example.com>%s\n"
                   "To: <sip:bob@example.com>%s\n"
                   "Call-ID: %s\n"
                   "CSeq: %s\n"
                   "Content-Length: 0\n\n",
                   method, via, from_tag, to_tag, callid, cseq);
}

static void try(const char *label, osip_event_t *evt) {
  osip_transaction_t *tr = osip_transaction_find(&osip->osip_ist_transactions, evt);

  printf("%-48s -> tr=%d\n", label, h_id(tr));
  osip_event_free(evt);
}

#define V1 "10.0.0.9:5062;branch=old2543-1"
#define V2 "10.0.0.9:5062"

int main(void) {
  osip_transaction_t *t1, *t2, *t3;

  h_init(&osip);
  h_send_verbose = 0;
  t1 = h_create_add(osip, req("INVITE", V1, ";tag=f1", "", "c1@h", "1 INVITE"));
  t2 = h_create_add(osip, req("INVITE", V2, ";tag=f2", ";tag=dialog2", "c2@h", "7 INVITE"));
  t3 = h_create_add(osip, req("INVITE", "10.0.0.9:5062;branch=z9hG4bK-xyz", ";tag=f3", "", "c3@h", "1 INVITE"));

  h_step("before the first event is executed");
  try("t1 INVITE retransmission", req("INVITE", V1, ";tag=f1", "", "c1@h", "1 INVITE"));
  try("t1 ACK", req("ACK", V1, ";tag=f1", ";tag=any", "c1@h", "1 ACK"));
  try("t2 INVITE retransmission", req("INVITE", V2, ";tag=f2", ";tag=dialog2", "c2@h", "7 INVITE"));
  osip_ist_execute(osip);

  h_step("t1 (branch without cookie, To without tag)");
  try("INVITE retransmission", req("INVITE", V1, ";tag=f1", "", "c1@h", "1 INVITE"));
  try("INVITE with a To tag", req("INVITE", V1, ";tag=f1", ";tag=x", "c1@h", "1 INVITE"));
  try("other Call-ID", req("INVITE", V1, ";tag=f1", "", "c9@h", "1 INVITE"));
  try("other From tag", req("INVITE", V1, ";tag=f9", "", "c1@h", "1 INVITE"));
  try("no From tag", req("INVITE", V1, "", "", "c1@h", "1 INVITE"));
  try("other CSeq number", req("INVITE", V1, ";tag=f1", "", "c1@h", "2 INVITE"));
  try("Via with an extra parameter", req("INVITE", V1 ";rport", ";tag=f1", "", "c1@h", "1 INVITE"));
  try("Via port absent", req("INVITE", "10.0.0.9;branch=old2543-1", ";tag=f1", "", "c1@h", "1 INVITE"));
  try("same-length branch, other value", req("INVITE", "10.0.0.9:5062;branch=old2543-2", ";tag=f1", "", "c1@h",
                                            "1 INVITE"));
  try("cookie branch of the same length", req("INVITE", "10.0.0.9:5062;branch=z9hG4bK2", ";tag=f1", "", "c1@h",
                                             "1 INVITE"));
  try("no branch", req("INVITE", V2, ";tag=f1", "", "c1@h", "1 INVITE"));
  try("ACK with a To tag", req("ACK", V1, ";tag=f1", ";tag=remote", "c1@h", "1 ACK"));
  try("ACK without To tag", req("ACK", V1, ";tag=f1", "", "c1@h", "1 ACK"));
  try("ACK with CSeq method INVITE", req("ACK", V1, ";tag=f1", "", "c1@h", "1 INVITE"));

  h_step("t2 (no branch, To with tag dialog2)");
  try("INVITE retransmission", req("INVITE", V2, ";tag=f2", ";tag=dialog2", "c2@h", "7 INVITE"));
  try("INVITE with another To tag", req("INVITE", V2, ";tag=f2", ";tag=other", "c2@h", "7 INVITE"));
  try("INVITE without To tag", req("INVITE", V2, ";tag=f2", "", "c2@h", "7 INVITE"));
  try("ACK with the same To tag", req("ACK", V2, ";tag=f2", ";tag=dialog2", "c2@h", "7 ACK"));
  try("ACK with another To tag", req("ACK", V2, ";tag=f2", ";tag=other", "c2@h", "7 ACK"));
  try("ACK without To tag", req("ACK", V2, ";tag=f2", "", "c2@h", "7 ACK"));
  try("branch with cookie", req("INVITE", V2 ";branch=z9hG4bKnew", ";tag=f2", ";tag=dialog2", "c2@h", "7 INVITE"));

  h_step("t3 (cookie branch) against a branch-less request");
  try("no branch", req("INVITE", "10.0.0.9:5062", ";tag=f3", "", "c3@h", "1 INVITE"));

  h_step("t1 answered 486, then its ACK arrives");
  {
    osip_event_t *evt = h_evt_out_text("SIP/2.0 486 Busy\n"
                                       "Via: SIP/2.0/UDP " V1 "\n"
                                       "From: <sip:carol@example.com>;tag=f1\n"
                                       "To: <sip:bob@example.com>;tag=srv\n"
                                       "Call-ID: c1@h\n"
                                       "CSeq: 1 INVITE\n"
                                       "Content-Length: 0\n\n");

    evt->transactionid = t1->transactionid;
    h_find_add(osip, evt);
  }
  h_find_add(osip, req("ACK", V1, ";tag=f1", ";tag=srv", "c1@h", "1 ACK"));
  h_find_add(osip, req("INVITE", V1, ";tag=f1", "", "c1@h", "1 INVITE"));
  osip_ist_execute(osip);
  h_tr(t1);
  h_tr(t2);
  h_tr(t3);
  h_done(osip);
  return 0;
}
