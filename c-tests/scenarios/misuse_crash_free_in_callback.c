/* oracle: crashes */
/* Transactions freed from inside callbacks while osip_*_execute walks its
 * snapshot (spec H13): a kill callback freeing its own transaction, and a
 * message callback freeing another transaction that still has queued events
 * and comes later in the same snapshot. libosip2 reads freed memory; we
 * must skip freed transactions without changing anything else. */
#include "harness.h"

static osip_transaction_t *victim;

static void free_self(int type, osip_transaction_t *tr) {
  int id = tr->transactionid;

  (void) type;
  printf("  kill hook frees tr=%d\n", id);
  printf("  -> %d\n", osip_transaction_free(tr));
}

static void free_victim(int type, osip_transaction_t *tr, osip_message_t *msg) {
  (void) msg;
  if (type == OSIP_NIST_OPTIONS_RECEIVED && victim != NULL && tr != victim) {
    printf("  message hook frees tr=%d\n", victim->transactionid);
    printf("  -> %d\n", osip_transaction_free(victim));
    victim = NULL;
  }
}

static osip_event_t *options(int n) {
  return h_evt_inf("OPTIONS sip:b@example.com SIP/2.0\n"
                   "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKfree%d\n"
                   "From: <sip:a@example.com>;tag=1\n"
                   "To: <sip:b@example.com>\n"
                   "Call-ID: free%d@x\n"
                   "CSeq: 1 OPTIONS\n"
                   "Content-Length: 0\n\n",
                   n, n);
}

static void respond(osip_transaction_t *tr, int n) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 200 OK\n"
                                 "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKfree%d\n"
                                 "From: <sip:a@example.com>;tag=1\n"
                                 "To: <sip:b@example.com>;tag=2\n"
                                 "Call-ID: free%d@x\n"
                                 "CSeq: 1 OPTIONS\n"
                                 "Content-Length: 0\n\n",
                                 n, n);
  osip_transaction_add_event(tr, evt);
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *a, *b;

  h_init(&osip);
  h_send_verbose = 0;
  h_kill_remove = 0;

  h_step("kill callback frees its own transaction (two queued events left)");
  h_on_kill = free_self;
  a = h_create_add(osip, options(1));
  b = h_create_add(osip, options(2));
  respond(a, 1);
  respond(a, 1);
  respond(b, 2);
  h_send_result = -1;
  osip_nist_execute(osip);
  h_send_result = 0;
  h_on_kill = NULL;
  h_lists(osip);

  h_step("a message callback frees a later transaction of the snapshot");
  a = h_create_add(osip, options(3));
  victim = h_create_add(osip, options(4));
  respond(victim, 4);
  h_on_message = free_victim;
  osip_nist_execute(osip);
  h_on_message = NULL;
  h_check_null("victim freed", victim, 1);
  h_lists(osip);
  h_check_int("one NIST left", osip_list_size(&osip->osip_nist_transactions), 1);
  h_check_int("it is tr 3", a->transactionid, 3);
  h_done(osip);
  return h_exit_status();
}
