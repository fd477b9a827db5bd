/* Lifecycle: the ways applications shut down (issue 14), checked under
 * valgrind with nothing of the library left in use at exit.
 * valgrind: nothing in use at exit
 *
 * 1. Transactions of the four kinds are freed through the public lists:
 *    the application takes the first of each list until it is empty.
 * 2. A kill callback frees its transaction itself (remove, then
 *    osip_transaction_free inside the callback).
 * 3. osip_release with 2xx retransmissions still pending: the records are
 *    the instance's (the application cannot reach them to free them) and go
 *    with it (libosip2 leaks them: docs/deviations.md).
 * 4. osip_release with transactions still listed: they stay the
 *    application's, which frees them afterwards.
 * Several instances are made and released, one after the other and side by
 * side, so that nothing shared by the process outlives the last one. */
#include "harness.h"

#include <osip2/osip_dialog.h>

static const char *request(const char *method, int n) {
  static char buf[512];

  snprintf(buf, sizeof buf,
           "%s sip:bob@example.net SIP/2.0\n"
           "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKdown%d\n"
           "From: <sip:alice@example.com>;tag=d%d\n"
           "To: <sip:bob@example.net>\n"
           "Call-ID: down%d@10.0.0.1\n"
           "CSeq: 1 %s\n"
           "Contact: <sip:alice@10.0.0.1>\n"
           "Content-Length: 0\n\n",
           method, n, n, n, method);
  return buf;
}

/* One transaction of each kind, each with its first event run. */
static void populate(osip_t *osip, int base) {
  h_create_add(osip, h_evt_out_text(request("INVITE", base + 1)));
  h_create_add(osip, h_evt_in(request("INVITE", base + 2)));
  h_create_add(osip, h_evt_out_text(request("OPTIONS", base + 3)));
  h_create_add(osip, h_evt_in(request("OPTIONS", base + 4)));
  h_exec_all(osip);
  h_lists(osip);
}

static void free_through_lists(osip_t *osip) {
  osip_list_t *lists[4];
  osip_transaction_t *tr;
  int i;

  lists[0] = &osip->osip_ict_transactions;
  lists[1] = &osip->osip_ist_transactions;
  lists[2] = &osip->osip_nict_transactions;
  lists[3] = &osip->osip_nist_transactions;
  for (i = 0; i < 4; i++)
    while ((tr = osip_list_get(lists[i], 0)) != NULL)
      h_free(tr);
  h_lists(osip);
}

static void free_in_kill(int type, osip_transaction_t *tr) {
  printf("kill callback %s: remove and free tr=%d\n", h_callback_name(type), tr->transactionid);
  osip_remove_transaction(tr->config, tr);
  osip_transaction_free(tr);
}

static const char *invite = "INVITE sip:bob@example.com SIP/2.0\n"
                            "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKixt\n"
                            "From: <sip:carol@example.com>;tag=c1\n"
                            "To: <sip:bob@example.com>\n"
                            "Call-ID: ixtdown@h\n"
                            "CSeq: 5 INVITE\n"
                            "Contact: <sip:carol@10.0.0.9>\n"
                            "Content-Length: 0\n\n";

static const char *ok = "SIP/2.0 200 OK\n"
                        "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKixt\n"
                        "From: <sip:carol@example.com>;tag=c1\n"
                        "To: <sip:bob@example.com>;tag=b1\n"
                        "Call-ID: ixtdown@h\n"
                        "CSeq: 5 INVITE\n"
                        "Contact: <sip:bob@10.0.0.2>\n"
                        "Content-Length: 0\n\n";

int main(void) {
  osip_t *a, *b;
  osip_transaction_t *tr;
  osip_message_t *inv, *resp;
  osip_dialog_t *d;
  int round;

  for (round = 1; round <= 2; round++) {
    h_step("round %d: two instances side by side, freed through the lists", round);
    h_init(&a);
    h_init(&b);
    populate(a, 10 * round);
    populate(b, 10 * round + 5);
    free_through_lists(a);
    free_through_lists(b);
    h_done(b);
    h_done(a);
  }

  h_step("a kill callback frees its transaction");
  h_init(&a);
  h_kill_remove = 0;
  osip_set_kill_transaction_callback(a, OSIP_NIST_KILL_TRANSACTION, free_in_kill);
  tr = h_create_add(a, h_evt_in(request("OPTIONS", 40)));
  h_exec_all(a);
  osip_transaction_add_event(tr, h_evt_plain(KILL_TRANSACTION, tr->transactionid));
  h_exec_all(a);
  h_lists(a);
  h_done(a);

  h_step("release with 2xx retransmissions pending");
  h_init(&a);
  inv = h_msg(invite);
  resp = h_msg(ok);
  osip_dialog_init_as_uas(&d, inv, resp);
  osip_start_200ok_retransmissions(a, d, resp, 3);
  h_lists(a);
  osip_release(a);
  osip_dialog_free(d);
  osip_message_free(inv);
  osip_message_free(resp);

  h_step("release with transactions listed; freed after it");
  h_init(&a);
  h_kill_remove = 1;
  tr = h_create_add(a, h_evt_in(request("OPTIONS", 50)));
  h_exec_all(a);
  osip_release(a);
  printf("free after release -> %d\n", osip_transaction_free(tr));
  printf("done\n");
  return 0;
}
