/* oracle: crashes */
/* The misuse table of docs/robustness.md (spec 16, H1-H29): every call that
 * crashes, leaks or double-frees in libosip2 5.3.0 returns an error code,
 * NULL or does nothing here. Only our library runs this file in the
 * differential harness (with valgrind); `./misuse_hazards <case>` runs one
 * case alone, which is how the Debian verdicts in docs/robustness.md were
 * taken (each case in its own process, built against Debian's library). */
#include <limits.h>
#include <signal.h>

#include "harness.h"

/* Exported by libosip2 but not declared in its headers. */
int __osip_ict_init(osip_ict_t **ict, osip_t *osip, osip_message_t *invite);
void __osip_message_callback(int type, osip_transaction_t *tr, osip_message_t *msg);
void __osip_kill_transaction_callback(int type, osip_transaction_t *tr);
void __osip_transport_error_callback(int type, osip_transaction_t *tr, int error);
int evt_set_type_incoming_sipmessage(osip_message_t *sip);
int evt_set_type_outgoing_sipmessage(osip_message_t *sip);

static osip_t *osip;

static void cb_msg(int type, osip_transaction_t *tr, osip_message_t *msg) {
  (void) type;
  (void) tr;
  (void) msg;
}

#define INVITE(branch)                                                                                       \
  "INVITE sip:bob@example.com SIP/2.0\n"                                                                     \
  "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=" branch "\n"                                                       \
  "From: <sip:alice@example.com>;tag=a1\n"                                                                   \
  "To: <sip:bob@example.com>\n"                                                                              \
  "Call-ID: misuse@10.0.0.1\n"                                                                               \
  "CSeq: 1 INVITE\n"                                                                                         \
  "Content-Length: 0\n\n"

#define OPTIONS(branch)                                                                                      \
  "OPTIONS sip:bob@example.com SIP/2.0\n"                                                                    \
  "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=" branch "\n"                                                       \
  "From: <sip:alice@example.com>;tag=a1\n"                                                                   \
  "To: <sip:bob@example.com>\n"                                                                              \
  "Call-ID: misuse-o@10.0.0.1\n"                                                                             \
  "CSeq: 7 OPTIONS\n"                                                                                        \
  "Content-Length: 0\n\n"

#define RESPONSE_200                                                                                         \
  "SIP/2.0 200 OK\n"                                                                                         \
  "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKresp\n"                                                      \
  "From: <sip:alice@example.com>;tag=a1\n"                                                                   \
  "To: <sip:bob@example.com>;tag=b1\n"                                                                       \
  "Call-ID: misuse@10.0.0.1\n"                                                                               \
  "CSeq: 1 INVITE\n"                                                                                         \
  "Content-Length: 0\n\n"

static osip_transaction_t *new_tr(osip_fsm_type_t type, const char *text) {
  osip_transaction_t *tr = NULL;
  osip_message_t *msg = h_msg(text);

  if (osip_transaction_init(&tr, type, osip, msg) != 0) {
    printf("HARNESS: osip_transaction_init failed\n");
    exit(3);
  }
  /* The transaction cloned what it needs; the caller keeps the message. */
  osip_message_free(msg);
  return tr;
}

static void h1_negative_callback_types(void) {
  osip_transaction_t *tr = new_tr(IST, INVITE("z9hG4bKh1"));

  h_check_int("set_message_callback(-1)", osip_set_message_callback(osip, -1, cb_msg), OSIP_BADPARAMETER);
  h_check_int("set_message_callback(INT_MIN)", osip_set_message_callback(osip, INT_MIN, cb_msg),
              OSIP_BADPARAMETER);
  h_check_int("set_kill_transaction_callback(-1)", osip_set_kill_transaction_callback(osip, -1, NULL),
              OSIP_BADPARAMETER);
  h_check_int("set_transport_error_callback(-4)", osip_set_transport_error_callback(osip, -4, NULL),
              OSIP_BADPARAMETER);
  /* The dispatchers must not index with a negative type either. */
  __osip_message_callback(-1, tr, NULL);
  __osip_message_callback(INT_MIN, tr, NULL);
  __osip_kill_transaction_callback(-1, tr);
  __osip_transport_error_callback(-1000000, tr, -1);
  h_check_int("dispatchers with negative types survive", 1, 1);
  h_free(tr);
}

static void h2_null_instance(void) {
  struct timeval tv = {1, 2};

  h_check_int("osip_init(NULL)", osip_init(NULL), OSIP_BADPARAMETER);
  osip_release(NULL);
  osip_set_application_context(NULL, NULL);
  h_check_null("osip_get_application_context(NULL)", osip_get_application_context(NULL), 1);
  osip_set_cb_send_message(NULL, NULL);
  osip_timers_ict_execute(NULL);
  osip_timers_ist_execute(NULL);
  osip_timers_nict_execute(NULL);
  osip_timers_nist_execute(NULL);
  osip_timers_gettimeout(NULL, &tv);
  osip_timers_gettimeout(osip, NULL);
  h_check_int("osip_ict_execute(NULL)", osip_ict_execute(NULL), OSIP_BADPARAMETER);
  h_check_int("osip_ist_execute(NULL)", osip_ist_execute(NULL), OSIP_BADPARAMETER);
  h_check_int("osip_nict_execute(NULL)", osip_nict_execute(NULL), OSIP_BADPARAMETER);
  h_check_int("osip_nist_execute(NULL)", osip_nist_execute(NULL), OSIP_BADPARAMETER);
  h_check_int("set_message_callback(NULL osip)", osip_set_message_callback(NULL, 0, cb_msg), OSIP_BADPARAMETER);
}

/* A NULL send callback acts as a send that returned -1: the transport error
 * path runs, the transaction terminates and the kill callback fires. */
static void h3_null_send_callback(void) {
  osip_transaction_t *tr;
  osip_event_t *evt;
  int (*saved)(osip_transaction_t *, osip_message_t *, char *, int, int) = osip->cb_send_message;

  osip->cb_send_message = NULL;
  evt = h_evt_out_text(OPTIONS("z9hG4bKh3"));
  tr = h_create_add(osip, evt);
  h_exec_all(osip);
  h_check_int("NICT without send callback terminated", tr->state, NICT_TERMINATED);
  h_check_int("NICT listed", osip_list_size(&osip->osip_nict_transactions), 0);
  osip->cb_send_message = saved;
}

/* Transactions outlive the instance they were made in (libosip2 leaves them
 * to the application): freeing them afterwards must not read the instance. */
static void h15_free_after_release(void) {
  osip_t *other;
  osip_transaction_t *tr = NULL;
  osip_message_t *msg = h_msg(OPTIONS("z9hG4bKh15"));

  h_check_int("second osip_init", osip_init(&other), 0);
  h_check_int("transaction in it", osip_transaction_init(&tr, NIST, other, msg), 0);
  osip_message_free(msg);
  osip_release(other);
  h_check_int("transaction_free after osip_release", osip_transaction_free(tr), 0);
}

static void h4_transaction_init(void) {
  osip_transaction_t *tr = (osip_transaction_t *) 0x1;
  osip_message_t *msg = h_msg(INVITE("z9hG4bKh4"));

  h_check_int("transaction_init(osip NULL)", osip_transaction_init(&tr, ICT, NULL, msg), OSIP_BADPARAMETER);
  h_check_null("  *tr", tr, 1);
  osip_uri_free(msg->req_uri);
  msg->req_uri = NULL;
  tr = (osip_transaction_t *) 0x1;
  h_check_int("ICT init, no Route, NULL req_uri", osip_transaction_init(&tr, ICT, osip, msg), OSIP_BADPARAMETER);
  h_check_null("  *tr", tr, 1);
  tr = (osip_transaction_t *) 0x1;
  h_check_int("NICT init, no Route, NULL req_uri", osip_transaction_init(&tr, NICT, osip, msg),
              OSIP_BADPARAMETER);
  h_check_null("  *tr", tr, 1);
  h_check_int("transaction_init(NULL out)", osip_transaction_init(NULL, ICT, osip, msg), OSIP_BADPARAMETER);
  h_check_int("transaction_init(NULL request)", osip_transaction_init(&tr, ICT, osip, NULL),
              OSIP_BADPARAMETER);
  h_lists(osip);
  osip_message_free(msg);
}

/* A failed context init leaves nothing behind for the caller to free. */
static void h5_ict_init_out_pointer(void) {
  osip_ict_t *ict = (osip_ict_t *) 0x1;
  osip_message_t *msg = h_msg(INVITE("z9hG4bKh5"));
  osip_via_t *via = osip_list_get(&msg->vias, 0);

  osip_list_remove(&msg->vias, 0);
  osip_via_free(via);
  h_check_int("__osip_ict_init without Via fails", __osip_ict_init(&ict, osip, msg) != 0, 1);
  h_check_null("  *ict cleared", ict, 1);
  osip_message_free(msg);
}

static void h6_execute_nulls(void) {
  osip_transaction_t *tr = new_tr(NIST, OPTIONS("z9hG4bKh6"));
  osip_event_t *evt = h_evt_plain(TIMEOUT_J, tr->transactionid);

  h_check_int("transaction_execute(NULL, evt)", osip_transaction_execute(NULL, evt), OSIP_BADPARAMETER);
  h_check_int("transaction_execute(tr, NULL)", osip_transaction_execute(tr, NULL), OSIP_BADPARAMETER);
  h_check_int("transaction_add_event(NULL, evt)", osip_transaction_add_event(NULL, evt), OSIP_BADPARAMETER);
  h_check_int("transaction_add_event(tr, NULL)", osip_transaction_add_event(tr, NULL), OSIP_BADPARAMETER);
  osip_event_free(evt);
  h_free(tr);
}

/* A response carried by a request-typed event, without CSeq. */
static void h7_create_from_response(void) {
  osip_event_t *evt = h_evt_in(RESPONSE_200);

  evt->type = RCV_REQINVITE;
  osip_cseq_free(evt->sip->cseq);
  evt->sip->cseq = NULL;
  h_check_null("create_transaction(response typed as request, no CSeq)", osip_create_transaction(osip, evt), 1);
  evt->sip->cseq = NULL;
  osip_event_free(evt);
  evt = h_evt_in(RESPONSE_200);
  evt->type = RCV_REQUEST;
  osip_free(evt->sip->cseq->method);
  evt->sip->cseq->method = NULL;
  h_check_null("create_transaction(response typed as request, CSeq without method)",
               osip_create_transaction(osip, evt), 1);
  osip_event_free(evt);
  h_lists(osip);
}

static void h8_find_without_cseq_method(void) {
  osip_transaction_t *tr = new_tr(IST, INVITE("z9hG4bKh8"));
  osip_event_t *evt = h_evt_in(INVITE("z9hG4bKh8"));

  osip_free(evt->sip->cseq->method);
  evt->sip->cseq->method = NULL;
  h_check_int("find_and_add(CSeq without method)", osip_find_transaction_and_add_event(osip, evt), -1);
  osip_event_free(evt);
  evt = h_evt_in(INVITE("z9hG4bKh8"));
  osip_cseq_free(evt->sip->cseq);
  evt->sip->cseq = NULL;
  h_check_int("find_and_add(no CSeq)", osip_find_transaction_and_add_event(osip, evt), -1);
  osip_event_free(evt);
  h_free(tr);
}

/* RFC 2543 fallback matching (no magic cookie) with a NULL method and, for
 * an ACK, a NULL To. */
static void h9_rfc2543_matcher(void) {
  osip_transaction_t *tr = new_tr(IST, INVITE("oldbranch"));
  osip_event_t *evt = h_evt_in(INVITE("oldbranch"));

  osip_free(evt->sip->sip_method);
  evt->sip->sip_method = NULL;
  h_check_int("find_and_add(RFC 2543, NULL method)", osip_find_transaction_and_add_event(osip, evt), -1);
  osip_event_free(evt);
  evt = h_evt_in(INVITE("oldbranch"));
  osip_free(evt->sip->sip_method);
  evt->sip->sip_method = osip_strdup("ACK");
  evt->type = RCV_REQACK;
  osip_to_free(evt->sip->to);
  evt->sip->to = NULL;
  h_check_int("find_and_add(RFC 2543 ACK, NULL To)", osip_find_transaction_and_add_event(osip, evt), -1);
  osip_event_free(evt);
  h_free(tr);
}

static void h10_h11_destination_and_srv(void) {
  osip_transaction_t *tr = new_tr(ICT, INVITE("z9hG4bKh10"));
  char *ip = NULL;
  int port = 0;

  h_check_int("get_destination(tr, NULL, NULL)", osip_transaction_get_destination(tr, NULL, NULL), 0);
  h_check_int("get_destination(tr, &ip, NULL)", osip_transaction_get_destination(tr, &ip, NULL), 0);
  h_check_int("  ip is the request-URI host", ip != NULL && strcmp(ip, "example.com") == 0, 1);
  h_check_int("get_destination(tr, NULL, &port)", osip_transaction_get_destination(tr, NULL, &port), 0);
  h_check_int("  port", port, 5060);
  h_check_int("get_destination(NULL, ...)", osip_transaction_get_destination(NULL, &ip, &port), OSIP_BADPARAMETER);
  h_check_int("set_srv_record(tr, NULL)", osip_transaction_set_srv_record(tr, NULL), OSIP_BADPARAMETER);
  h_free(tr);
}

/* A transaction whose `config` was cleared is still taken out of its list
 * when freed: the list never keeps a dangling pointer. */
static void h12_free_without_config(void) {
  osip_transaction_t *tr = new_tr(NIST, OPTIONS("z9hG4bKh12"));

  tr->config = NULL;
  h_check_int("transaction_free(config NULL)", osip_transaction_free(tr), 0);
  h_check_int("NIST list empty", osip_list_size(&osip->osip_nist_transactions), 0);
  h_check_int("timers run afterwards", (osip_timers_nist_execute(osip), osip_nist_execute(osip)), 0);
}

/* The kill callback frees the transaction (and a later one of the same
 * list) while osip_nict_execute walks the list. */
static osip_transaction_t *h13_victim;

static void h13_kill_frees(int type, osip_transaction_t *tr) {
  (void) type;
  osip_remove_transaction(osip, tr);
  osip_transaction_free2(tr);
  if (h13_victim != NULL) {
    osip_transaction_free(h13_victim);
    h13_victim = NULL;
  }
}

static void h13_free_during_execute(void) {
  osip_transaction_t *a, *b;
  int i;

  h_send_result = -1; /* every send fails: the transaction is killed at once */
  for (i = 0; i < OSIP_KILL_CALLBACK_COUNT; i++)
    osip_set_kill_transaction_callback(osip, i, h13_kill_frees);
  a = h_create_add(osip, h_evt_out_text(OPTIONS("z9hG4bKh13a")));
  b = h_create_add(osip, h_evt_out_text(OPTIONS("z9hG4bKh13b")));
  /* b also has a queued event, but a's kill callback frees b first. */
  h13_victim = b;
  h_check_int("nict_execute with frees from the kill callback", osip_nict_execute(osip), 0);
  h_check_null("  b freed by a's kill callback", h13_victim, 1);
  h_check_int("  NICT list empty", osip_list_size(&osip->osip_nict_transactions), 0);
  (void) a;
  h_send_result = 0;
}

static void h19_fifo_oom(void) {
  /* Covered by tests/hazards.rs (fifo_add_reports_out_of_memory): a custom
   * allocator that fails is process-wide. */
}

static void h20_fifo_init(void) {
  osip_fifo_t *ff = osip_malloc(sizeof(*ff));

  memset(ff, 0x5a, sizeof(*ff));
  osip_fifo_init(ff);
  h_check_int("fifo_init sets nb_elt", ff->nb_elt, 0);
  h_check_int("fifo_size", osip_fifo_size(ff), 0);
  osip_fifo_free(ff);
}

/* Two instances: ids restart at 1, so removing through the wrong instance or
 * with a shared id must never unlink another transaction. */
static void h21_remove_by_id(void) {
  osip_t *other;
  osip_transaction_t *mine, *theirs;

  h_check_int("second osip_init", osip_init(&other), 0);
  osip->transactionid = 500;
  other->transactionid = 500;
  mine = new_tr(NIST, OPTIONS("z9hG4bKh21a"));
  theirs = NULL;
  {
    osip_message_t *msg = h_msg(OPTIONS("z9hG4bKh21b"));

    osip_transaction_init(&theirs, NIST, other, msg);
    osip_message_free(msg);
  }
  h_check_int("same ids", mine->transactionid == theirs->transactionid, 1);
  h_check_int("remove theirs", osip_remove_transaction(other, theirs), 0);
  h_check_int("  mine still listed", osip_list_size(&osip->osip_nist_transactions), 1);
  h_check_int("  theirs unlisted", osip_list_size(&other->osip_nist_transactions), 0);
  h_check_int("remove twice (1)", osip_remove_transaction(osip, mine), 0);
  h_check_int("remove twice (2)", osip_remove_transaction(osip, mine), -1);
  osip_transaction_free(mine);
  osip_transaction_free(theirs);
  osip_release(other);
}

static void h22_id_overflow(void) {
  osip_transaction_t *a, *b;

  osip->transactionid = INT_MAX;
  a = new_tr(NIST, OPTIONS("z9hG4bKh22a"));
  b = new_tr(NIST, OPTIONS("z9hG4bKh22b"));
  h_check_int("id INT_MAX", a->transactionid, INT_MAX);
  h_check_int("next id wraps", b->transactionid, INT_MIN);
  h_free(a);
  h_free(b);
  osip->transactionid = 1;
}

/* KILL_TRANSACTION leaves its message to the caller (kept as in 5.3.0). */
static void h23_kill_event_message(void) {
  osip_transaction_t *tr = new_tr(NIST, OPTIONS("z9hG4bKh23"));
  osip_event_t *evt = h_evt_plain(KILL_TRANSACTION, tr->transactionid);
  osip_message_t *msg = h_msg(OPTIONS("z9hG4bKh23"));

  evt->sip = msg;
  h_check_int("execute(KILL_TRANSACTION)", osip_transaction_execute(tr, evt), 0);
  h_check_int("  the caller still owns the message", strcmp(msg->sip_method, "OPTIONS"), 0);
  osip_message_free(msg);
  h_free(tr);
}

static void h24_classify_null_method(void) {
  osip_message_t *msg = h_msg(OPTIONS("z9hG4bKh24"));

  osip_free(msg->sip_method);
  msg->sip_method = NULL;
  h_check_int("incoming, NULL method", evt_set_type_incoming_sipmessage(msg), RCV_REQUEST);
  h_check_int("outgoing, NULL method", evt_set_type_outgoing_sipmessage(msg), SND_REQUEST);
  h_check_int("incoming NULL", evt_set_type_incoming_sipmessage(NULL), UNKNOWN_EVT);
  osip_message_free(msg);
}

/* H27 (kept): a `maddr` without value gives the send callback a NULL host,
 * as in libosip2; the callback contract allows it and nothing crashes. */
static void h27_maddr_without_value(void) {
  osip_transaction_t *tr;
  osip_event_t *evt = h_evt_in("OPTIONS sip:bob@example.com SIP/2.0\n"
                               "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKh27;maddr\n"
                               "From: <sip:alice@example.com>;tag=a1\n"
                               "To: <sip:bob@example.com>\n"
                               "Call-ID: h27@10.0.0.1\n"
                               "CSeq: 1 OPTIONS\n"
                               "Content-Length: 0\n\n");

  tr = h_create_add(osip, evt);
  h_exec_all(osip);
  osip_transaction_add_event(tr, h_evt_outf("SIP/2.0 200 OK\n"
                                            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKh27;maddr\n"
                                            "From: <sip:alice@example.com>;tag=a1\n"
                                            "To: <sip:bob@example.com>;tag=b1\n"
                                            "Call-ID: h27@10.0.0.1\n"
                                            "CSeq: 1 OPTIONS\n"
                                            "Content-Length: 0\n\n"));
  h_exec_all(osip);
  h_check_int("NIST answered", tr->state, NIST_COMPLETED);
}

/* Found: osip_transaction_free2 on a transaction that is still listed.
 * libosip2 leaves the freed pointer in its list; here it leaves the list. */
static void n1_free2_while_listed(void) {
  osip_transaction_t *tr = new_tr(NICT, OPTIONS("z9hG4bKn1"));

  h_check_int("free2 while listed", osip_transaction_free2(tr), 0);
  h_check_int("  NICT list empty", osip_list_size(&osip->osip_nict_transactions), 0);
  osip_timers_nict_execute(osip);
  h_check_int("  nict_execute", osip_nict_execute(osip), 0);
  h_timeout(osip);
}

/* Found: a state stored by the application without the message it implies
 * (ICT_COMPLETED without an ACK). libosip2 hands the send callback NULL;
 * here the send fails (transport error) and the transaction terminates. */
static void n2_completed_without_ack(void) {
  osip_transaction_t *tr = new_tr(ICT, INVITE("z9hG4bKn2"));
  osip_event_t *evt = h_evt_in(RESPONSE_200);

  tr->state = ICT_COMPLETED;
  evt->type = RCV_STATUS_3456XX;
  h_check_int("execute(486 again, no ACK stored)", osip_transaction_execute(tr, evt), 1);
  h_check_int("  state", tr->state, ICT_TERMINATED);
}

struct hazard {
  const char *name;
  void (*run)(void);
};

static const struct hazard hazards[] = {
    {"H1", h1_negative_callback_types},
    {"H2", h2_null_instance},
    {"H4", h4_transaction_init},
    {"H5", h5_ict_init_out_pointer},
    {"H6", h6_execute_nulls},
    {"H7", h7_create_from_response},
    {"H8", h8_find_without_cseq_method},
    {"H9", h9_rfc2543_matcher},
    {"H10", h10_h11_destination_and_srv},
    {"H12", h12_free_without_config},
    {"H15", h15_free_after_release},
    {"H19", h19_fifo_oom},
    {"H20", h20_fifo_init},
    {"H21", h21_remove_by_id},
    {"H22", h22_id_overflow},
    {"H23", h23_kill_event_message},
    {"H24", h24_classify_null_method},
    {"H27", h27_maddr_without_value},
    {"N1", n1_free2_while_listed},
    {"N2", n2_completed_without_ack},
    /* Last: they change the callbacks of the instance. */
    {"H3", h3_null_send_callback},
    {"H13", h13_free_during_execute},
};

int main(int argc, char **argv) {
  size_t i;

  h_init(&osip);
  h_send_verbose = 0;
  for (i = 0; i < sizeof(hazards) / sizeof(hazards[0]); i++) {
    if (argc > 1 && strcmp(argv[1], hazards[i].name) != 0)
      continue;
    h_step("%s", hazards[i].name);
    hazards[i].run();
  }
  h_done(osip);
  return h_exit_status();
}
