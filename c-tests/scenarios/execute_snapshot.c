/* osip_nist_execute walks a snapshot of the list, in list order, draining
 * each transaction's fifo: events a callback queues for a LATER transaction
 * run in the same call, events for an EARLIER one wait for the next call,
 * a transaction created during the call is not visited, and a transaction a
 * callback removes from the list is still drained. (Our engine visits only
 * transactions with queued events; this pins that it keeps libosip2's
 * order and snapshot rules.) */
#include "harness.h"

static osip_t *g_osip;
static osip_transaction_t *g_tr[8];
static int g_reentered;

static osip_event_t *request(int n) {
  return h_evt_inf("OPTIONS sip:bob@10.0.0.2 SIP/2.0\n"
                   "Via: SIP/2.0/UDP 10.0.0.9:5080;branch=z9hG4bKsnap%d\n"
                   "From: <sip:carol@example.com>;tag=f%d\n"
                   "To: <sip:bob@example.com>\n"
                   "Call-ID: snap%d@10.0.0.9\n"
                   "CSeq: 1 OPTIONS\n"
                   "Content-Length: 0\n\n",
                   n, n, n);
}

static void queue_response(int n, int code) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 %d Reason\n"
                                 "Via: SIP/2.0/UDP 10.0.0.9:5080;branch=z9hG4bKsnap%d\n"
                                 "From: <sip:carol@example.com>;tag=f%d\n"
                                 "To: <sip:bob@example.com>;tag=t%d\n"
                                 "Call-ID: snap%d@10.0.0.9\n"
                                 "CSeq: 1 OPTIONS\n"
                                 "Content-Length: 0\n\n",
                                 code, n, n, n, n);
  printf("QUEUE %d for tr=%d -> %d\n", code, h_id(g_tr[n]), osip_transaction_add_event(g_tr[n], evt));
}

/* When transaction 2 has sent its 200: queue work for 1 (earlier), 3
 * (later), remove 4 (which has an event queued) and create 5. */
static void on_message(int type, osip_transaction_t *tr, osip_message_t *msg) {
  (void) msg;
  if (type != OSIP_NIST_STATUS_2XX_SENT || tr != g_tr[2] || g_reentered)
    return;
  g_reentered = 1;
  queue_response(1, 200);
  queue_response(3, 200);
  printf("REMOVE tr=%d -> %d\n", h_id(g_tr[4]), osip_remove_transaction(g_osip, g_tr[4]));
  g_tr[5] = h_create_add(g_osip, request(5));
  h_lists(g_osip);
}

int main(void) {
  int i;

  h_init(&g_osip);
  h_send_verbose = 0;
  for (i = 1; i <= 4; i++)
    g_tr[i] = h_create_add(g_osip, request(i));
  h_step("first walk: every request in list order");
  osip_nist_execute(g_osip);

  h_step("second walk: callbacks queue, remove and create");
  queue_response(2, 200);
  queue_response(4, 404);
  h_on_message = on_message;
  osip_nist_execute(g_osip);
  h_on_message = NULL;
  for (i = 1; i <= 5; i++)
    printf("tr=%d state=%s fifo=%d\n", h_id(g_tr[i]), h_state_name(g_tr[i]->state),
           osip_fifo_size(g_tr[i]->transactionff));

  h_step("third walk: what waited");
  osip_nist_execute(g_osip);
  for (i = 1; i <= 5; i++)
    printf("tr=%d state=%s fifo=%d\n", h_id(g_tr[i]), h_state_name(g_tr[i]->state),
           osip_fifo_size(g_tr[i]->transactionff));
  h_lists(g_osip);
  h_free(g_tr[4]);
  h_done(g_osip);
  return 0;
}
