/* A program written against the upstream libosip2 5.3.0 headers: it names
   every public function, macro, enum constant and struct field. It is only
   compiled (in C and as C++), never run: it must build unchanged with
   Debian's headers and with ours. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <osip2/osip.h>
#include <osip2/osip_dialog.h>
#include <osip2/osip_condv.h>
#include <osip2/osip_fifo.h>
#include <osip2/osip_mt.h>
#include <osip2/osip_time.h>

static void on_message(int type, osip_transaction_t *tr, osip_message_t *msg) {
  (void) type;
  (void) tr;
  (void) msg;
}

static void on_kill(int type, osip_transaction_t *tr) {
  (void) type;
  (void) tr;
}

static void on_transport_error(int type, osip_transaction_t *tr, int error) {
  (void) type;
  (void) tr;
  (void) error;
}

static int send_message(osip_transaction_t *tr, osip_message_t *msg, char *host, int port, int sock) {
  (void) tr;
  (void) msg;
  (void) host;
  (void) port;
  (void) sock;
  return 0;
}

static void *thread_main(void *arg) {
  return arg;
}

int use_osip(osip_t *osip, osip_message_t *msg, osip_event_t *evt);
int use_osip(osip_t *osip, osip_message_t *msg, osip_event_t *evt) {
  osip_transaction_t *tr = NULL;
  osip_message_cb_t mcb = on_message;
  osip_kill_transaction_cb_t kcb = on_kill;
  osip_transport_error_cb_t tcb = on_transport_error;
  osip_srv_record_t record;
  osip_naptr_t *naptr = NULL;
  char *ip = NULL;
  int port = 0;
  struct timeval tv;
  int r = 0;

  r |= osip_init(&osip);
  osip_set_application_context(osip, NULL);
  (void) osip_get_application_context(osip);
  r |= osip_set_message_callback(osip, OSIP_ICT_INVITE_SENT, mcb);
  r |= osip_set_message_callback(osip, OSIP_NICT_STATUS_TIMEOUT, on_message);
  r |= osip_set_kill_transaction_callback(osip, OSIP_NIST_KILL_TRANSACTION, kcb);
  r |= osip_set_transport_error_callback(osip, OSIP_ICT_TRANSPORT_ERROR, tcb);
  osip_set_cb_send_message(osip, send_message);

  r |= osip_transaction_init(&tr, ICT, osip, msg);
  r |= osip_transaction_init(&tr, NIST, osip, msg);
  r |= osip_transaction_set_your_instance(tr, NULL);
  (void) osip_transaction_get_your_instance(tr);
  r |= osip_transaction_set_reserved1(tr, NULL);
  r |= osip_transaction_set_reserved2(tr, NULL);
  r |= osip_transaction_set_reserved3(tr, NULL);
  r |= osip_transaction_set_reserved4(tr, NULL);
  r |= osip_transaction_set_reserved5(tr, NULL);
  r |= osip_transaction_set_reserved6(tr, NULL);
  (void) osip_transaction_get_reserved1(tr);
  (void) osip_transaction_get_reserved2(tr);
  (void) osip_transaction_get_reserved3(tr);
  (void) osip_transaction_get_reserved4(tr);
  (void) osip_transaction_get_reserved5(tr);
  (void) osip_transaction_get_reserved6(tr);
  r |= osip_transaction_get_destination(tr, &ip, &port);
  memset(&record, 0, sizeof record);
  record.srv_state = OSIP_SRV_STATE_COMPLETED;
  record.srventry[0].port = 5060;
  r |= osip_transaction_set_srv_record(tr, &record);
  r |= osip_transaction_set_naptr_record(tr, naptr);
  r |= osip_transaction_set_in_socket(tr, 3);
  r |= osip_transaction_set_out_socket(tr, 4);
  r |= osip_ict_set_destination(tr->ict_context, NULL, 5060);
  r |= osip_nict_set_destination(tr->nict_context, NULL, 5060);
  r |= osip_transaction_add_event(tr, evt);
  r |= osip_transaction_execute(tr, evt);
  r |= osip_remove_transaction(osip, tr);
  r |= osip_transaction_free(tr);
  r |= osip_transaction_free2(tr);

  osip_response_get_destination(msg, &ip, &port);
  r |= osip_ict_execute(osip);
  r |= osip_ist_execute(osip);
  r |= osip_nict_execute(osip);
  r |= osip_nist_execute(osip);
  osip_timers_ict_execute(osip);
  osip_timers_ist_execute(osip);
  osip_timers_nict_execute(osip);
  osip_timers_nist_execute(osip);
  osip_timers_gettimeout(osip, &tv);
  tr = osip_transaction_find(&osip->osip_ict_transactions, evt);
  tr = __osip_find_transaction(osip, evt, 1);
  r |= osip_find_transaction_and_add_event(osip, evt);
  tr = osip_create_transaction(osip, evt);
  evt = osip_parse("x", 1);
  evt = osip_new_outgoing_sipmessage(msg);
  osip_event_free(evt);
  osip_retransmissions_execute(osip);
  osip_start_200ok_retransmissions(osip, NULL, msg, 5);
  osip_start_ack_retransmissions(osip, NULL, msg, NULL, 5060, 5);
  (void) osip_stop_200ok_retransmissions(osip, msg);
  osip_stop_retransmissions_from_dialog(osip, NULL);
  osip_release(osip);

  if (EVT_IS_RCV_INVITE(evt) || EVT_IS_RCV_ACK(evt) || EVT_IS_RCV_REQUEST(evt) || EVT_IS_RCV_STATUS_1XX(evt) ||
      EVT_IS_RCV_STATUS_2XX(evt) || EVT_IS_RCV_STATUS_3456XX(evt) || EVT_IS_SND_INVITE(evt) || EVT_IS_SND_ACK(evt) ||
      EVT_IS_SND_REQUEST(evt) || EVT_IS_SND_STATUS_1XX(evt) || EVT_IS_SND_STATUS_2XX(evt) ||
      EVT_IS_SND_STATUS_3456XX(evt) || EVT_IS_INCOMINGMSG(evt) || EVT_IS_INCOMINGREQ(evt) ||
      EVT_IS_INCOMINGRESP(evt) || EVT_IS_OUTGOINGMSG(evt) || EVT_IS_OUTGOINGREQ(evt) ||
      EVT_IS_OUTGOINGRESP(evt) || EVT_IS_MSG(evt) || EVT_IS_KILL_TRANSACTION(evt))
    r++;
  if (evt->type == TIMEOUT_A || evt->type == UNKNOWN_EVT || evt->transactionid == 0 || evt->sip == NULL)
    r++;
  return r;
}

int use_transaction_fields(osip_transaction_t *tr);
int use_transaction_fields(osip_transaction_t *tr) {
  state_t s = tr->state;
  osip_fsm_type_t k = tr->ctx_type;
  int r = 0;

  if (s == ICT_PRE_CALLING || s == IST_CONFIRMED || s == NICT_TERMINATED || s == NIST_COMPLETED)
    r++;
  if (k == ICT || k == IST || k == NICT || k == NIST)
    r++;
  r += tr->transactionid + tr->in_socket + tr->out_socket;
  r += (int) (tr->birth_time + tr->completed_time);
  r += (int) (tr->created_time.tv_sec + tr->destroyed_time.tv_usec);
  r += tr->ict_context->timer_a_length + tr->ict_context->timer_b_length + tr->ict_context->timer_d_length;
  r += tr->ist_context->timer_g_length + tr->ist_context->timer_h_length + tr->ist_context->timer_i_length;
  r += tr->nict_context->timer_e_length + tr->nict_context->timer_f_length + tr->nict_context->timer_k_length;
  r += tr->nist_context->timer_j_length;
  r += (int) tr->nist_context->timer_j_start.tv_sec;
  r += tr->ict_context->port + tr->nict_context->port;
  r += tr->record.srventry[9].rweight + tr->record.index;
  r += tr->naptr_record->sipudp_record.order + tr->naptr_record->naptr_state + OSIP_NAPTR_STATE_SRVDONE;
  r += osip_fifo_size(tr->transactionff);
  if (tr->your_instance || tr->topvia || tr->from || tr->to || tr->callid || tr->cseq || tr->orig_request ||
      tr->last_response || tr->ack || tr->config || tr->reserved1 || tr->reserved6)
    r++;
  r += DEFAULT_T1 + DEFAULT_T1_TCP_PROGRESS + DEFAULT_T2 + DEFAULT_T4;
  return r;
}

int use_dialog(osip_dialog_t *dialog, osip_message_t *request, osip_message_t *response);
int use_dialog(osip_dialog_t *dialog, osip_message_t *request, osip_message_t *response) {
  int r = 0;
  osip_dialog_type_t t = dialog->type;

  r |= osip_dialog_init_as_uac(&dialog, response);
  r |= osip_dialog_init_as_uac_with_remote_request(&dialog, request, 1);
  r |= osip_dialog_init_as_uas(&dialog, request, response);
  osip_dialog_set_state(dialog, DIALOG_CONFIRMED);
  r |= osip_dialog_update_route_set_as_uas(dialog, request);
  r |= osip_dialog_update_osip_cseq_as_uas(dialog, request);
  r |= osip_dialog_match_as_uac(dialog, response);
  r |= osip_dialog_update_tag_as_uac(dialog, response);
  r |= osip_dialog_update_route_set_as_uac(dialog, response);
  r |= osip_dialog_match_as_uas(dialog, request);
  osip_dialog_set_instance(dialog, &r);
  if (osip_dialog_get_instance(dialog) != NULL)
    r++;
  if (t == CALLER || t == CALLEE || dialog->state == DIALOG_EARLY || dialog->state == DIALOG_CLOSE)
    r++;
  r += dialog->local_cseq + dialog->remote_cseq + dialog->secure + dialog->route_set.nb_elt;
  if (dialog->call_id || dialog->local_tag || dialog->remote_tag || dialog->line_param || dialog->remote_uri ||
      dialog->local_uri || dialog->remote_contact_uri)
    r++;
  osip_dialog_free(dialog);
  return r;
}

int use_utility(void);
int use_utility(void) {
  osip_fifo_t *ff = (osip_fifo_t *) osip_malloc(sizeof(osip_fifo_t));
  struct osip_mutex *m = osip_mutex_init();
  struct osip_sem *s = osip_sem_init(0);
  struct osip_cond *c = osip_cond_init();
  struct osip_thread *t = osip_thread_create(20000, thread_main, NULL);
  struct timeval a, b, d;
  struct timespec deadline;
  time_t now;
  int r = 0;

  osip_fifo_init(ff);
  r |= osip_fifo_add(ff, &r);
  r |= osip_fifo_insert(ff, &r);
  r |= osip_fifo_size(ff);
  (void) osip_fifo_get(ff);
  (void) osip_fifo_tryget(ff);
  if (ff->state == osip_ok || ff->state == osip_empty || ff->qislocked || ff->qisempty || ff->queue.nb_elt)
    r++;
  osip_fifo_free(ff);

  r |= osip_mutex_lock(m);
  deadline.tv_sec = 0;
  deadline.tv_nsec = 0;
  r |= osip_cond_timedwait(c, m, &deadline);
  r |= osip_cond_signal(c);
  r |= osip_cond_wait(c, m);
  r |= osip_mutex_unlock(m);
  r |= osip_cond_destroy(c);
  osip_mutex_destroy(m);

  r |= osip_sem_post(s);
  r |= osip_sem_wait(s);
  r |= osip_sem_trywait(s);
  r |= osip_sem_destroy(s);

  r |= osip_thread_set_priority(t, 0);
  r |= osip_thread_join(t);
  osip_free(t);

  r |= osip_gettimeofday(&a, NULL);
  b = a;
  add_gettimeofday(&b, DEFAULT_T1);
  min_timercmp(&b, &a);
  if (osip_timerisset(&a) && osip_timercmp(&a, &b, <=))
    r++;
  osip_timersub(&b, &a, &d);
  osip_timerclear(&d);
  now = osip_getsystemtime(NULL);
  r += (int) now;
  osip_compensatetime();
  if (r < 0)
    osip_thread_exit();
  return r;
}
