/* Response → client transaction matching (spec 8.3): branch (exact) and
 * CSeq method only; sent-by, Call-ID, tags and CSeq number are ignored. An
 * INVITE ICT and a CANCEL NICT share a branch: the 487 goes to the ICT, the
 * 200 for CANCEL to the NICT. Malformed cases log: response without Via
 * (ERROR), without branch or with an empty one (BUG), transaction created
 * without a branch (BUG). */
#include "harness.h"

static osip_t *osip;

static osip_event_t *resp(int code, const char *via, const char *cseq) {
  return h_evt_inf("SIP/2.0 %d Reason\n"
                   "%s\n"
                   "From: <sip:someone@else>;tag=zz\n"
                   "To: <sip:bob@example.com>;tag=yy\n"
                   "Call-ID: unrelated@x\n"
                   "CSeq: %s\n"
                   "Content-Length: 0\n\n",
                   code, via, cseq);
}

static void try(const char *label, osip_list_t *list, osip_event_t *evt) {
  osip_transaction_t *tr = osip_transaction_find(list, evt);

  printf("%-40s -> tr=%d\n", label, h_id(tr));
  osip_event_free(evt);
}

static osip_transaction_t *client(const char *method, const char *via, int n) {
  return h_create_add(osip, h_evt_outf("%s sip:bob@example.com SIP/2.0\n"
                                       "%s\n"
                                       "From: <sip:alice@example.com>;tag=a%d\n"
                                       "To: <sip:bob@example.com>\n"
                                       "Call-ID: cl%d@10.0.0.1\n"
                                       "CSeq: 4 %s\n"
                                       "Content-Length: 0\n\n",
                                       method, via, n, n, method));
}

int main(void) {
  osip_list_t *ict, *nict;
  osip_transaction_t *inv, *cancel, *nobranch;

  h_init(&osip);
  h_send_verbose = 0;
  ict = &osip->osip_ict_transactions;
  nict = &osip->osip_nict_transactions;
  inv = client("INVITE", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared", 1);
  cancel = client("CANCEL", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared", 1);
  nobranch = client("INVITE", "Via: SIP/2.0/UDP 10.0.0.1:5060", 2);
  h_run(osip);
  h_lists(osip);

  h_step("ICT list");
  try("487 INVITE", ict, resp(487, "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared", "4 INVITE"));
  try("other sent-by and CSeq number", ict,
      resp(180, "Via: SIP/2.0/TCP elsewhere:1;branch=z9hG4bKshared", "99 INVITE"));
  try("200 CANCEL", ict, resp(200, "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared", "4 CANCEL"));
  try("branch in other case", ict, resp(200, "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKSHARED", "4 INVITE"));
  try("no Via", ict, resp(200, "X-Via: none", "4 INVITE"));
  try("no branch", ict, resp(200, "Via: SIP/2.0/UDP 10.0.0.1:5060", "4 INVITE"));
  try("empty branch", ict, resp(200, "Via: SIP/2.0/UDP 10.0.0.1:5060;branch", "4 INVITE"));
  h_step("NICT list");
  try("200 CANCEL", nict, resp(200, "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared", "4 CANCEL"));
  try("487 INVITE", nict, resp(487, "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared", "4 INVITE"));

  h_step("a branch-less ICT first in the list");
  printf("remove -> %d\n", osip_remove_transaction(osip, inv));
  printf("remove again -> %d\n", osip_remove_transaction(osip, inv));
  h_lists(osip);
  try("487 INVITE", ict, resp(487, "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared", "4 INVITE"));

  h_step("through osip_find_transaction_and_add_event");
  h_free(inv);
  inv = client("INVITE", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared2", 3);
  cancel = client("CANCEL", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared2", 3);
  h_run(osip);
  h_find_add(osip, resp(487, "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared2", "4 INVITE"));
  h_find_add(osip, resp(200, "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKshared2", "4 CANCEL"));
  h_run(osip);
  h_tr(inv);
  h_tr(cancel);
  h_tr(nobranch);
  h_done(osip);
  return 0;
}
