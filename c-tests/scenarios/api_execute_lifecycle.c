/* osip_transaction_init / execute / add_event / remove / free (spec 5):
 * init of each kind with the caller keeping the request; an unknown ctx_type
 * (7) behaves as NIST everywhere but osip_remove_transaction refuses it
 * (-2); execute returns 1 for handled and ignored events and 0 for KILL;
 * an event for another transaction is executed by the one it is given to
 * (add_event stamps the id); events on a terminated transaction are
 * dropped; removing twice gives -1; osip_transaction_free after removal;
 * osip_transaction_free2 leaves the lists alone; queued events are freed
 * with the transaction. */
#include "harness.h"

static const char *request(const char *method, int n) {
  static char buf[1024];

  snprintf(buf, sizeof(buf),
           "%s sip:b@example.com SIP/2.0\n"
           "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKlc%d\n"
           "From: <sip:a@example.com>;tag=1\n"
           "To: <sip:b@example.com>\n"
           "Call-ID: lc%d@x\n"
           "CSeq: 1 %s\n"
           "Content-Length: 0\n\n",
           method, n, n, method);
  return buf;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr[5], *odd, *freed2;
  osip_message_t *req;
  osip_event_t *evt;
  int i, rc;

  h_init(&osip);
  h_send_verbose = 0;

  h_step("osip_transaction_init of each kind, and 7");
  for (i = 0; i < 5; i++) {
    int type = i < 4 ? i : 7;

    req = h_msg(request(i == 0 || i == 1 ? "INVITE" : "OPTIONS", i));
    tr[i] = (osip_transaction_t *) &rc; /* init must overwrite it */
    rc = osip_transaction_init(&tr[i], type, osip, req);
    printf("init type %d -> %d tr=%d state=%s orig_request set=%d\n", type, rc, h_id(tr[i]),
           h_state_name(tr[i]->state), tr[i]->orig_request != NULL);
    osip_message_free(req);
  }
  odd = tr[4];
  h_tr(odd);
  h_lists(osip);

  h_step("the type-7 transaction runs the NIST machine");
  h_exec(odd, h_evt_in(request("OPTIONS", 4)));
  evt = h_evt_out_text("SIP/2.0 200 OK\n"
                       "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKlc4\n"
                       "From: <sip:a@example.com>;tag=1\n"
                       "To: <sip:b@example.com>;tag=2\n"
                       "Call-ID: lc4@x\n"
                       "CSeq: 1 OPTIONS\n"
                       "Content-Length: 0\n\n");
  rc = osip_transaction_add_event(odd, evt);
  printf("add_event -> %d, event tid=%d\n", rc, evt->transactionid);
  h_kill_remove = 0;
  osip_nist_execute(osip);
  h_force(&((osip_nist_t *) odd->nist_context)->timer_j_start);
  h_run(osip);
  h_tr(odd);
  printf("remove type 7 -> %d\n", osip_remove_transaction(osip, odd));
  h_lists(osip);
  odd->ctx_type = NIST;
  printf("remove as NIST -> %d\n", osip_remove_transaction(osip, odd));
  h_free(odd);
  h_kill_remove = 1;

  h_step("execute return values");
  h_exec(tr[2], h_evt_plain(TIMEOUT_K, 0));
  h_exec(tr[2], h_evt_plain(KILL_TRANSACTION, 0));
  h_exec(tr[2], h_evt_plain(UNKNOWN_EVT, 0));
  h_exec(tr[2], h_evt_out_text(request("OPTIONS", 2)));
  h_tr(tr[2]);

  h_step("an event meant for tr 3 (NICT) given to tr 4 (NIST)");
  evt = h_evt_in(request("OPTIONS", 2));
  rc = osip_transaction_add_event(tr[3], evt);
  printf("add_event -> %d, event tid=%d\n", rc, evt->transactionid);
  osip_nist_execute(osip);
  h_tr(tr[3]);

  h_step("terminate tr 1 (ICT) by a transport error, then feed it");
  h_send_next(-1);
  h_exec(tr[0], h_evt_out_text(request("INVITE", 0)));
  h_exec(tr[0], h_evt_in("SIP/2.0 200 OK\n"
                         "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKlc0\n"
                         "From: <sip:a@example.com>;tag=1\n"
                         "To: <sip:b@example.com>;tag=2\n"
                         "Call-ID: lc0@x\n"
                         "CSeq: 1 INVITE\n"
                         "Content-Length: 0\n\n"));
  h_exec(tr[0], h_evt_plain(TIMEOUT_D, 0));
  printf("remove again -> %d\n", osip_remove_transaction(osip, tr[0]));
  h_free(tr[0]);

  h_step("osip_transaction_free2 leaves the list alone");
  printf("remove tr 2 -> %d\n", osip_remove_transaction(osip, tr[1]));
  h_lists(osip);
  freed2 = tr[1];
  osip_transaction_add_event(freed2, h_evt_in(request("INVITE", 1)));
  osip_transaction_add_event(freed2, h_evt_plain(TIMEOUT_G, 0));
  printf("free2 with two queued events -> %d\n", osip_transaction_free2(freed2));
  h_lists(osip);

  h_step("no kill callback and no message callback: the kill times are still set");
  osip_set_kill_transaction_callback(osip, NIST, NULL);
  osip_set_message_callback(osip, OSIP_NIST_STATUS_4XX_SENT, NULL);
  evt = h_evt_out_text("SIP/2.0 404 Not Here\n"
                       "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKlc3\n"
                       "From: <sip:a@example.com>;tag=1\n"
                       "To: <sip:b@example.com>;tag=2\n"
                       "Call-ID: lc3@x\n"
                       "CSeq: 1 OPTIONS\n"
                       "Content-Length: 0\n\n");
  h_exec(tr[3], evt);
  h_force_zero(&((osip_nist_t *) tr[3]->nist_context)->timer_j_start);
  h_run(osip);
  h_tr(tr[3]);
  printf("remove -> %d\n", osip_remove_transaction(osip, tr[3]));
  h_free(tr[3]);

  h_step("free with events still queued, while listed");
  osip_transaction_add_event(tr[2], h_evt_in(request("OPTIONS", 2)));
  h_free(tr[2]);
  h_lists(osip);
  h_done(osip);
  return 0;
}
