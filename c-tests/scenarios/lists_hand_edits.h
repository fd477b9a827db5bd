/* The public transaction lists edited by the application with osip_list_*
 * between calls (spec 1.3, 8.1; issue 15): libosip2 walks the lists on
 * every operation, so its answers follow any edit. Included by
 * lists_hand_edits.c (the process's allocator) and
 * lists_hand_edits_quarantine.c (an osip_set_allocators allocator whose
 * free keeps blocks, contents intact, in quarantine: a stale node then
 * still looks like a list node). Not a scenario itself.
 *
 * For each list and each position (head, middle, tail):
 *  - a transaction removed by hand is no longer matched, executed or timed,
 *    osip_remove_transaction does not find it, and a transaction created
 *    next is appended to the list as it now is (nb_elt and the chain agree);
 *  - put back by hand (at head, middle or tail) it is matched, executed and
 *    timed again, also after a regular osip_remove_transaction.
 * Then: a transaction listed twice in one list; __osip_add_ict of a
 * transaction that is in the NIST list (it is appended to the ICT list
 * too); a transaction whose Via branch is rewritten while it is out of
 * the list; a 2xx retransmission record taken out of and put back into
 * osip->ixt_retransmissions. */
#include "harness.h"

int __osip_add_ict(osip_t *osip, osip_transaction_t *tr);
int __osip_add_nist(osip_t *osip, osip_transaction_t *tr);
int __osip_remove_ict_transaction(osip_t *osip, osip_transaction_t *tr);

/* Kinds: ICT, IST, NICT, NIST of osip_fsm_type_t. */
static const char *const kind_names[] = {"ict", "ist", "nict", "nist"};
static osip_t *osip;
/* Branch and Call-ID number of each transaction made, by transaction id. */
static int numbers[512];
static int made = 0;

static osip_list_t *list_of(int kind) {
  switch (kind) {
  case ICT:
    return &osip->osip_ict_transactions;
  case IST:
    return &osip->osip_ist_transactions;
  case NICT:
    return &osip->osip_nict_transactions;
  default:
    return &osip->osip_nist_transactions;
  }
}

/* nb_elt against the nodes actually chained from the head. */
static void chain(const char *name, osip_list_t *list) {
  __node_t *node = list->node;
  int nodes = 0;

  while (node != NULL && nodes < 1000) {
    nodes++;
    node = node->next;
  }
  printf("  chain %s: nb_elt=%d nodes=%d%s\n", name, list->nb_elt, nodes,
         list->nb_elt == nodes ? "" : "  <-- BROKEN");
}

static void show(void) {
  int k;

  h_lists(osip);
  for (k = ICT; k <= NIST; k++)
    chain(kind_names[k], list_of(k));
  chain("ixt", &osip->ixt_retransmissions);
}

/* Client requests over TCP (only timer B / F armed, 32 s); the IST over TCP
 * answered 486 (timer H, 32 s); the NIST over UDP answered 200 (timer J,
 * 32 s). No timer falls due unless the scenario makes it. */
static const char *transport(int kind) {
  return kind == NIST ? "UDP" : "TCP";
}

static const char *method(int kind) {
  return kind == ICT || kind == IST ? "INVITE" : "OPTIONS";
}

static osip_event_t *request(int kind, int n) {
  static const char *fmt = "%s sip:bob@10.0.0.2 SIP/2.0\n"
                           "Via: SIP/2.0/%s 10.0.0.9:5070;branch=z9hG4bKhe%d\n"
                           "From: <sip:carol@example.com>;tag=c%d\n"
                           "To: <sip:bob@example.com>\n"
                           "Call-ID: he%d@10.0.0.9\n"
                           "CSeq: 1 %s\n"
                           "Content-Length: 0\n\n";

  if (kind == ICT || kind == NICT)
    return h_evt_outf(fmt, method(kind), transport(kind), n, n, n, method(kind));
  return h_evt_inf(fmt, method(kind), transport(kind), n, n, n, method(kind));
}

static osip_event_t *response(int kind, int n, int code, int outgoing) {
  static const char *fmt = "SIP/2.0 %d Reason\n"
                           "Via: SIP/2.0/%s 10.0.0.9:5070;branch=z9hG4bKhe%d\n"
                           "From: <sip:carol@example.com>;tag=c%d\n"
                           "To: <sip:bob@example.com>;tag=s%d\n"
                           "Call-ID: he%d@10.0.0.9\n"
                           "CSeq: 1 %s\n"
                           "Content-Length: 0\n\n";

  if (outgoing)
    return h_evt_outf(fmt, code, transport(kind), n, n, n, n, method(kind));
  return h_evt_inf(fmt, code, transport(kind), n, n, n, n, method(kind));
}

static osip_transaction_t *make(int kind) {
  int n = ++made;
  osip_transaction_t *tr = h_create_add(osip, request(kind, n));

  if (tr == NULL) {
    printf("create failed\n");
    exit(1);
  }
  numbers[tr->transactionid % 512] = n;
  h_exec_all(osip);
  if (kind == IST || kind == NIST) {
    osip_event_t *evt = response(kind, n, kind == IST ? 486 : 200, 1);

    evt->transactionid = tr->transactionid;
    h_find_add(osip, evt);
    h_exec_all(osip);
  }
  return tr;
}

/* The message that belongs to `tr` as the peer would send it: a 100 for a
 * client transaction, a retransmitted request for a server one. */
static osip_event_t *probe_event(int kind, osip_transaction_t *tr) {
  int n = numbers[tr->transactionid % 512];

  if (kind == ICT || kind == NICT)
    return response(kind, n, 100, 0);
  return request(kind, n);
}

/* Is the peer's message matched to `tr`? The matched event is taken back
 * out of the fifo, so probing changes nothing. */
static void probe(int kind, osip_transaction_t *tr) {
  osip_event_t *evt;

  printf("probe tr=%d:\n", h_id(tr));
  if (h_find_add(osip, probe_event(kind, tr)) != 0)
    return;
  evt = osip_fifo_tryget(tr->transactionff);
  printf("  queued in tr=%d: %s\n", h_id(tr), evt == NULL ? "no" : "yes");
  osip_event_free(evt);
}

/* Makes the transaction's armed timer (B, H, F or J) due by a plain store. */
static void make_due(int kind, osip_transaction_t *tr) {
  switch (kind) {
  case ICT:
    h_force_back(&tr->ict_context->timer_b_start);
    break;
  case IST:
    h_force_back(&tr->ist_context->timer_h_start);
    break;
  case NICT:
    h_force_back(&tr->nict_context->timer_f_start);
    break;
  default:
    h_force_back(&tr->nist_context->timer_j_start);
    break;
  }
}

static void timers(int kind) {
  switch (kind) {
  case ICT:
    osip_timers_ict_execute(osip);
    break;
  case IST:
    osip_timers_ist_execute(osip);
    break;
  case NICT:
    osip_timers_nict_execute(osip);
    break;
  default:
    osip_timers_nist_execute(osip);
    break;
  }
}

static void fifo(osip_transaction_t *tr) {
  printf("  fifo tr=%d: %d\n", h_id(tr), osip_fifo_size(tr->transactionff));
}

/* Frees every transaction of the list, and `extra` (not listed). */
static void clear(int kind, osip_transaction_t *extra) {
  osip_list_t *list = list_of(kind);

  while (osip_list_size(list) > 0)
    h_free(osip_list_get(list, 0));
  if (extra != NULL)
    h_free(extra);
}

/* One round: three transactions, the one at `pos` taken out by hand, a
 * fourth created, the first one put back at `back`. */
static void round_trip(int kind, int pos, int back) {
  osip_list_t *list = list_of(kind);
  osip_transaction_t *victim, *fourth;
  int rc;

  h_step("%s: taken out by hand at %d, put back at %d", kind_names[kind], pos, back);
  make(kind);
  make(kind);
  make(kind);
  victim = osip_list_get(list, pos);
  rc = osip_list_remove(list, pos);
  printf("osip_list_remove(%s, %d) -> %d (tr=%d)\n", kind_names[kind], pos, rc, h_id(victim));
  show();

  h_step("%s: a new transaction after the hand edit", kind_names[kind]);
  fourth = make(kind);
  show();

  h_step("%s: the unlisted transaction is not matched, executed or timed", kind_names[kind]);
  probe(kind, victim);
  probe(kind, fourth);
  rc = osip_transaction_add_event(victim, h_evt_plain(KILL_TRANSACTION, victim->transactionid));
  printf("add_event(tr=%d, KILL_TRANSACTION) -> %d\n", h_id(victim), rc);
  h_exec_all(osip);
  fifo(victim);
  make_due(kind, victim);
  timers(kind);
  fifo(victim);
  h_timeout(osip);
  rc = osip_remove_transaction(osip, victim);
  printf("osip_remove_transaction(tr=%d) -> %d\n", h_id(victim), rc);
  show();

  h_step("%s: put back by hand at %d", kind_names[kind], back);
  rc = osip_list_add(list, victim, back);
  printf("osip_list_add(%s, tr=%d, %d) -> %d\n", kind_names[kind], h_id(victim), back, rc);
  show();
  h_exec_all(osip);
  fifo(victim);
  probe(kind, victim);
  h_timeout(osip);
  timers(kind);
  fifo(victim);
  h_exec_all(osip);
  show();

  h_step("%s: removed properly, then put back by hand at the head", kind_names[kind]);
  rc = osip_remove_transaction(osip, fourth);
  printf("osip_remove_transaction(tr=%d) -> %d\n", h_id(fourth), rc);
  probe(kind, fourth);
  rc = osip_list_add(list, fourth, 0);
  printf("osip_list_add(%s, tr=%d, 0) -> %d\n", kind_names[kind], h_id(fourth), rc);
  probe(kind, fourth);
  show();
  clear(kind, NULL);
  show();
}

static void listed_twice(void) {
  osip_list_t *list = &osip->osip_nict_transactions;
  osip_transaction_t *a, *b;
  int rc;

  h_step("nict: a transaction listed twice");
  a = make(NICT);
  b = make(NICT);
  rc = osip_list_add(list, a, -1);
  printf("osip_list_add(nict, tr=%d, -1) -> %d\n", h_id(a), rc);
  show();
  probe(NICT, a);
  probe(NICT, b);
  rc = osip_remove_transaction(osip, a);
  printf("osip_remove_transaction(tr=%d) -> %d\n", h_id(a), rc);
  show();
  probe(NICT, a);
  rc = osip_remove_transaction(osip, a);
  printf("osip_remove_transaction(tr=%d) -> %d\n", h_id(a), rc);
  show();
  probe(NICT, a);
  clear(NICT, a);
  show();
}

static void in_two_lists(void) {
  osip_transaction_t *nist;
  int rc;

  h_step("__osip_add_ict of a transaction in the NIST list");
  nist = make(NIST);
  rc = __osip_add_ict(osip, nist);
  printf("__osip_add_ict(tr=%d) -> %d\n", h_id(nist), rc);
  show();
  osip_timers_ict_execute(osip);
  h_timeout(osip);
  printf("a response with its branch, looked up in the ICT list:\n");
  h_find_add(osip, response(ICT, numbers[nist->transactionid % 512], 200, 0));
  rc = osip_transaction_add_event(nist, probe_event(NIST, nist));
  printf("add_event(tr=%d) -> %d\n", h_id(nist), rc);
  osip_ict_execute(osip);
  fifo(nist);
  rc = osip_remove_transaction(osip, nist);
  printf("osip_remove_transaction(tr=%d) -> %d\n", h_id(nist), rc);
  show();
  rc = __osip_remove_ict_transaction(osip, nist);
  printf("__osip_remove_ict_transaction(tr=%d) -> %d\n", h_id(nist), rc);
  show();
  h_free(nist);
}

/* The Via branch of a listed transaction rewritten in place is not
 * followed by osip2-rs (docs/deviations.md); re-listed after the rewrite,
 * the transaction is found by its new branch with both libraries. */
static void rekeyed(void) {
  osip_transaction_t *tr;
  osip_generic_param_t *branch = NULL;
  osip_event_t *evt;
  int rc;

  h_step("nist: Via branch rewritten while out of the list");
  tr = make(NIST);
  rc = osip_remove_transaction(osip, tr);
  printf("osip_remove_transaction(tr=%d) -> %d\n", h_id(tr), rc);
  osip_via_param_get_byname(tr->topvia, "branch", &branch);
  osip_free(branch->gvalue);
  branch->gvalue = osip_strdup("z9hG4bKrekeyed");
  rc = __osip_add_nist(osip, tr);
  printf("__osip_add_nist(tr=%d) -> %d\n", h_id(tr), rc);
  evt = h_evt_in("OPTIONS sip:bob@10.0.0.2 SIP/2.0\n"
                 "Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKrekeyed\n"
                 "From: <sip:carol@example.com>;tag=c1\n"
                 "To: <sip:bob@example.com>\n"
                 "Call-ID: rekeyed@10.0.0.9\n"
                 "CSeq: 1 OPTIONS\n"
                 "Content-Length: 0\n\n");
  printf("the retransmission with the new branch:\n");
  if (h_find_add(osip, evt) == 0)
    printf("  queued in tr=%d: %d\n", h_id(tr), osip_fifo_size(tr->transactionff));
  clear(NIST, NULL);
}

static void ixt_records(void) {
  osip_list_t *ixt = &osip->ixt_retransmissions;
  osip_message_t *ok1, *ok2;
  ixt_t *rec;
  int rc;

  h_step("ixt: a record taken out by hand is not sent; put back, it is");
  ok1 = h_msg("SIP/2.0 200 OK\n"
              "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKix1\n"
              "From: <sip:carol@example.com>;tag=c1\n"
              "To: <sip:bob@example.com>;tag=b1\n"
              "Call-ID: ix1@h\n"
              "CSeq: 5 INVITE\n"
              "Content-Length: 0\n\n");
  ok2 = h_msg("SIP/2.0 200 OK\n"
              "Via: SIP/2.0/UDP 10.0.0.9:5063;branch=z9hG4bKix2\n"
              "From: <sip:carol@example.com>;tag=c2\n"
              "To: <sip:bob@example.com>;tag=b2\n"
              "Call-ID: ix2@h\n"
              "CSeq: 6 INVITE\n"
              "Content-Length: 0\n\n");
  osip_start_200ok_retransmissions(osip, NULL, ok1, 31);
  osip_start_200ok_retransmissions(osip, NULL, ok2, 32);
  /* The other record's first send 4 s away: the timeouts printed below
   * are about the record moved by hand. */
  rec = osip_list_get(ixt, 0);
  osip_gettimeofday(&rec->start, NULL);
  add_gettimeofday(&rec->start, 4000);
  show();
  rec = osip_list_get(ixt, 1);
  rc = osip_list_remove(ixt, 1);
  printf("osip_list_remove(ixt, 1) -> %d\n", rc);
  h_force(&rec->start);
  rec->counter = 1;
  osip_retransmissions_execute(osip);
  h_timeout(osip);
  show();
  rc = osip_list_add(ixt, rec, 0);
  printf("osip_list_add(ixt, rec, 0) -> %d\n", rc);
  h_timeout(osip);
  osip_retransmissions_execute(osip);
  show();
  rec = osip_list_get(ixt, 0);
  h_force(&rec->start);
  rec->counter = 1;
  osip_retransmissions_execute(osip);
  show();
  osip_message_free(ok1);
  osip_message_free(ok2);
}

static int run(void) {
  static const int places[3][2] = {{0, 0}, {1, 1}, {2, -1}};
  int kind, p;

  h_init(&osip);
  h_send_verbose = 0;
  for (kind = ICT; kind <= NIST; kind++)
    for (p = 0; p < 3; p++)
      round_trip(kind, places[p][0], places[p][1]);
  listed_twice();
  in_two_lists();
  rekeyed();
  ixt_records();
  h_done(osip);
  return 0;
}
