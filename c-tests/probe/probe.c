/* Prints the size, alignment and field offsets of every public struct of
   libosip2, and the value of every public constant, one fact per line.
   Compiled once against Debian's headers and once against ours: the two
   outputs must be identical. */
#include <stddef.h>
#include <stdio.h>
#include <sys/time.h>
#include <osip2/osip.h>
#include <osip2/osip_dialog.h>
#include <osip2/osip_condv.h>

#define ALIGNOF(T) offsetof(struct { char c; T t; }, t)
#define TYPE(T) printf("sizeof %s %zu\nalignof %s %zu\n", #T, sizeof(T), #T, (size_t) ALIGNOF(T))
#define FIELD(T, f) printf("offsetof %s.%s %zu (size %zu)\n", #T, #f, offsetof(T, f), sizeof(((T *) 0)->f))
#define CONST(c) printf("const %s %ld\n", #c, (long) (c))

static void structs(void) {
  TYPE(osip_ict_t);
  FIELD(osip_ict_t, timer_a_length);
  FIELD(osip_ict_t, timer_a_start);
  FIELD(osip_ict_t, timer_b_length);
  FIELD(osip_ict_t, timer_b_start);
  FIELD(osip_ict_t, timer_d_length);
  FIELD(osip_ict_t, timer_d_start);
  FIELD(osip_ict_t, destination);
  FIELD(osip_ict_t, port);

  TYPE(osip_nict_t);
  FIELD(osip_nict_t, timer_e_length);
  FIELD(osip_nict_t, timer_e_start);
  FIELD(osip_nict_t, timer_f_length);
  FIELD(osip_nict_t, timer_f_start);
  FIELD(osip_nict_t, timer_k_length);
  FIELD(osip_nict_t, timer_k_start);
  FIELD(osip_nict_t, destination);
  FIELD(osip_nict_t, port);

  TYPE(osip_ist_t);
  FIELD(osip_ist_t, timer_g_length);
  FIELD(osip_ist_t, timer_g_start);
  FIELD(osip_ist_t, timer_h_length);
  FIELD(osip_ist_t, timer_h_start);
  FIELD(osip_ist_t, timer_i_length);
  FIELD(osip_ist_t, timer_i_start);

  TYPE(osip_nist_t);
  FIELD(osip_nist_t, timer_j_length);
  FIELD(osip_nist_t, timer_j_start);

  TYPE(osip_srv_entry_t);
  FIELD(osip_srv_entry_t, srv);
  FIELD(osip_srv_entry_t, priority);
  FIELD(osip_srv_entry_t, weight);
  FIELD(osip_srv_entry_t, rweight);
  FIELD(osip_srv_entry_t, port);
  FIELD(osip_srv_entry_t, ipaddress);
  FIELD(osip_srv_entry_t, srv_is_broken);

  TYPE(osip_srv_record_t);
  FIELD(osip_srv_record_t, name);
  FIELD(osip_srv_record_t, srv_state);
  FIELD(osip_srv_record_t, flag);
  FIELD(osip_srv_record_t, protocol);
  FIELD(osip_srv_record_t, regexp);
  FIELD(osip_srv_record_t, replacement);
  FIELD(osip_srv_record_t, order);
  FIELD(osip_srv_record_t, preference);
  FIELD(osip_srv_record_t, index);
  FIELD(osip_srv_record_t, srventry);

  TYPE(osip_naptr_t);
  FIELD(osip_naptr_t, domain);
  FIELD(osip_naptr_t, AUS);
  FIELD(osip_naptr_t, naptr_state);
  FIELD(osip_naptr_t, arg);
  FIELD(osip_naptr_t, keep_in_cache);
  FIELD(osip_naptr_t, sipudp_record);
  FIELD(osip_naptr_t, siptcp_record);
  FIELD(osip_naptr_t, siptls_record);
  FIELD(osip_naptr_t, sipdtls_record);
  FIELD(osip_naptr_t, sipsctp_record);
  FIELD(osip_naptr_t, sipenum_record);

  TYPE(osip_transaction_t);
  FIELD(osip_transaction_t, your_instance);
  FIELD(osip_transaction_t, transactionid);
  FIELD(osip_transaction_t, transactionff);
  FIELD(osip_transaction_t, topvia);
  FIELD(osip_transaction_t, from);
  FIELD(osip_transaction_t, to);
  FIELD(osip_transaction_t, callid);
  FIELD(osip_transaction_t, cseq);
  FIELD(osip_transaction_t, orig_request);
  FIELD(osip_transaction_t, last_response);
  FIELD(osip_transaction_t, ack);
  FIELD(osip_transaction_t, state);
  FIELD(osip_transaction_t, birth_time);
  FIELD(osip_transaction_t, completed_time);
  FIELD(osip_transaction_t, created_time);
  FIELD(osip_transaction_t, destroyed_time);
  FIELD(osip_transaction_t, in_socket);
  FIELD(osip_transaction_t, out_socket);
  FIELD(osip_transaction_t, config);
  FIELD(osip_transaction_t, ctx_type);
  FIELD(osip_transaction_t, ict_context);
  FIELD(osip_transaction_t, ist_context);
  FIELD(osip_transaction_t, nict_context);
  FIELD(osip_transaction_t, nist_context);
  FIELD(osip_transaction_t, record);
  FIELD(osip_transaction_t, naptr_record);
  FIELD(osip_transaction_t, reserved1);
  FIELD(osip_transaction_t, reserved2);
  FIELD(osip_transaction_t, reserved3);
  FIELD(osip_transaction_t, reserved4);
  FIELD(osip_transaction_t, reserved5);
  FIELD(osip_transaction_t, reserved6);

  TYPE(ixt_t);
  FIELD(ixt_t, dialog);
  FIELD(ixt_t, msg2xx);
  FIELD(ixt_t, ack);
  FIELD(ixt_t, start);
  FIELD(ixt_t, interval);
  FIELD(ixt_t, dest);
  FIELD(ixt_t, port);
  FIELD(ixt_t, sock);
  FIELD(ixt_t, counter);

  TYPE(osip_t);
  FIELD(osip_t, application_context);
  FIELD(osip_t, ict_fastmutex);
  FIELD(osip_t, ist_fastmutex);
  FIELD(osip_t, nict_fastmutex);
  FIELD(osip_t, nist_fastmutex);
  FIELD(osip_t, ixt_fastmutex);
  FIELD(osip_t, id_mutex);
  FIELD(osip_t, transactionid);
  FIELD(osip_t, osip_ict_transactions);
  FIELD(osip_t, osip_ist_transactions);
  FIELD(osip_t, osip_nict_transactions);
  FIELD(osip_t, osip_nist_transactions);
  FIELD(osip_t, ixt_retransmissions);
  FIELD(osip_t, msg_callbacks);
  FIELD(osip_t, kill_callbacks);
  FIELD(osip_t, tp_error_callbacks);
  FIELD(osip_t, cb_send_message);
  FIELD(osip_t, osip_ict_hastable);
  FIELD(osip_t, osip_ist_hastable);
  FIELD(osip_t, osip_nict_hastable);
  FIELD(osip_t, osip_nist_hastable);

  TYPE(osip_event_t);
  FIELD(osip_event_t, type);
  FIELD(osip_event_t, transactionid);
  FIELD(osip_event_t, sip);

  TYPE(osip_fifo_t);
  FIELD(osip_fifo_t, qislocked);
  FIELD(osip_fifo_t, qisempty);
  FIELD(osip_fifo_t, queue);
  FIELD(osip_fifo_t, nb_elt);
  FIELD(osip_fifo_t, state);

  TYPE(osip_dialog_t);
  FIELD(osip_dialog_t, call_id);
  FIELD(osip_dialog_t, local_tag);
  FIELD(osip_dialog_t, remote_tag);
  FIELD(osip_dialog_t, line_param);
  FIELD(osip_dialog_t, route_set);
  FIELD(osip_dialog_t, local_cseq);
  FIELD(osip_dialog_t, remote_cseq);
  FIELD(osip_dialog_t, remote_uri);
  FIELD(osip_dialog_t, local_uri);
  FIELD(osip_dialog_t, remote_contact_uri);
  FIELD(osip_dialog_t, secure);
  FIELD(osip_dialog_t, type);
  FIELD(osip_dialog_t, state);
  FIELD(osip_dialog_t, your_instance);

  /* Typedefs of enums and function pointers are part of the ABI too. */
  TYPE(state_t);
  TYPE(type_t);
  TYPE(osip_fsm_type_t);
  TYPE(osip_fifo_state);
  TYPE(osip_dialog_type_t);
  TYPE(osip_message_callback_type_t);
  TYPE(osip_kill_callback_type_t);
  TYPE(osip_transport_error_callback_type_t);
  TYPE(osip_message_cb_t);
  TYPE(osip_kill_transaction_cb_t);
  TYPE(osip_transport_error_cb_t);
}

static void constants(void) {
  CONST(DEFAULT_T1);
  CONST(DEFAULT_T1_TCP_PROGRESS);
  CONST(DEFAULT_T2);
  CONST(DEFAULT_T4);
  CONST(OSIP_SRV_STATE_UNKNOWN);
  CONST(OSIP_SRV_STATE_RETRYLATER);
  CONST(OSIP_SRV_STATE_COMPLETED);
  CONST(OSIP_SRV_STATE_NOTSUPPORTED);
  CONST(OSIP_NAPTR_STATE_UNKNOWN);
  CONST(OSIP_NAPTR_STATE_INPROGRESS);
  CONST(OSIP_NAPTR_STATE_NAPTRDONE);
  CONST(OSIP_NAPTR_STATE_SRVINPROGRESS);
  CONST(OSIP_NAPTR_STATE_SRVDONE);
  CONST(OSIP_NAPTR_STATE_RETRYLATER);
  CONST(OSIP_NAPTR_STATE_NOTSUPPORTED);

  CONST(ICT_PRE_CALLING);
  CONST(ICT_CALLING);
  CONST(ICT_PROCEEDING);
  CONST(ICT_COMPLETED);
  CONST(ICT_TERMINATED);
  CONST(IST_PRE_PROCEEDING);
  CONST(IST_PROCEEDING);
  CONST(IST_COMPLETED);
  CONST(IST_CONFIRMED);
  CONST(IST_TERMINATED);
  CONST(NICT_PRE_TRYING);
  CONST(NICT_TRYING);
  CONST(NICT_PROCEEDING);
  CONST(NICT_COMPLETED);
  CONST(NICT_TERMINATED);
  CONST(NIST_PRE_TRYING);
  CONST(NIST_TRYING);
  CONST(NIST_PROCEEDING);
  CONST(NIST_COMPLETED);
  CONST(NIST_TERMINATED);
  CONST(DIALOG_EARLY);
  CONST(DIALOG_CONFIRMED);
  CONST(DIALOG_CLOSE);

  CONST(TIMEOUT_A);
  CONST(TIMEOUT_B);
  CONST(TIMEOUT_D);
  CONST(TIMEOUT_E);
  CONST(TIMEOUT_F);
  CONST(TIMEOUT_K);
  CONST(TIMEOUT_G);
  CONST(TIMEOUT_H);
  CONST(TIMEOUT_I);
  CONST(TIMEOUT_J);
  CONST(RCV_REQINVITE);
  CONST(RCV_REQACK);
  CONST(RCV_REQUEST);
  CONST(RCV_STATUS_1XX);
  CONST(RCV_STATUS_2XX);
  CONST(RCV_STATUS_3456XX);
  CONST(SND_REQINVITE);
  CONST(SND_REQACK);
  CONST(SND_REQUEST);
  CONST(SND_STATUS_1XX);
  CONST(SND_STATUS_2XX);
  CONST(SND_STATUS_3456XX);
  CONST(KILL_TRANSACTION);
  CONST(UNKNOWN_EVT);

  CONST(ICT);
  CONST(IST);
  CONST(NICT);
  CONST(NIST);

  CONST(osip_ok);
  CONST(osip_empty);
  CONST(CALLER);
  CONST(CALLEE);

  CONST(OSIP_ICT_INVITE_SENT);
  CONST(OSIP_ICT_INVITE_SENT_AGAIN);
  CONST(OSIP_ICT_ACK_SENT);
  CONST(OSIP_ICT_ACK_SENT_AGAIN);
  CONST(OSIP_ICT_STATUS_1XX_RECEIVED);
  CONST(OSIP_ICT_STATUS_2XX_RECEIVED);
  CONST(OSIP_ICT_STATUS_2XX_RECEIVED_AGAIN);
  CONST(OSIP_ICT_STATUS_3XX_RECEIVED);
  CONST(OSIP_ICT_STATUS_4XX_RECEIVED);
  CONST(OSIP_ICT_STATUS_5XX_RECEIVED);
  CONST(OSIP_ICT_STATUS_6XX_RECEIVED);
  CONST(OSIP_ICT_STATUS_3456XX_RECEIVED_AGAIN);
  CONST(OSIP_IST_INVITE_RECEIVED);
  CONST(OSIP_IST_INVITE_RECEIVED_AGAIN);
  CONST(OSIP_IST_ACK_RECEIVED);
  CONST(OSIP_IST_ACK_RECEIVED_AGAIN);
  CONST(OSIP_IST_STATUS_1XX_SENT);
  CONST(OSIP_IST_STATUS_2XX_SENT);
  CONST(OSIP_IST_STATUS_2XX_SENT_AGAIN);
  CONST(OSIP_IST_STATUS_3XX_SENT);
  CONST(OSIP_IST_STATUS_4XX_SENT);
  CONST(OSIP_IST_STATUS_5XX_SENT);
  CONST(OSIP_IST_STATUS_6XX_SENT);
  CONST(OSIP_IST_STATUS_3456XX_SENT_AGAIN);
  CONST(OSIP_NICT_REGISTER_SENT);
  CONST(OSIP_NICT_BYE_SENT);
  CONST(OSIP_NICT_OPTIONS_SENT);
  CONST(OSIP_NICT_INFO_SENT);
  CONST(OSIP_NICT_CANCEL_SENT);
  CONST(OSIP_NICT_NOTIFY_SENT);
  CONST(OSIP_NICT_SUBSCRIBE_SENT);
  CONST(OSIP_NICT_UNKNOWN_REQUEST_SENT);
  CONST(OSIP_NICT_REQUEST_SENT_AGAIN);
  CONST(OSIP_NICT_STATUS_1XX_RECEIVED);
  CONST(OSIP_NICT_STATUS_2XX_RECEIVED);
  CONST(OSIP_NICT_STATUS_2XX_RECEIVED_AGAIN);
  CONST(OSIP_NICT_STATUS_3XX_RECEIVED);
  CONST(OSIP_NICT_STATUS_4XX_RECEIVED);
  CONST(OSIP_NICT_STATUS_5XX_RECEIVED);
  CONST(OSIP_NICT_STATUS_6XX_RECEIVED);
  CONST(OSIP_NICT_STATUS_3456XX_RECEIVED_AGAIN);
  CONST(OSIP_NIST_REGISTER_RECEIVED);
  CONST(OSIP_NIST_BYE_RECEIVED);
  CONST(OSIP_NIST_OPTIONS_RECEIVED);
  CONST(OSIP_NIST_INFO_RECEIVED);
  CONST(OSIP_NIST_CANCEL_RECEIVED);
  CONST(OSIP_NIST_NOTIFY_RECEIVED);
  CONST(OSIP_NIST_SUBSCRIBE_RECEIVED);
  CONST(OSIP_NIST_UNKNOWN_REQUEST_RECEIVED);
  CONST(OSIP_NIST_REQUEST_RECEIVED_AGAIN);
  CONST(OSIP_NIST_STATUS_1XX_SENT);
  CONST(OSIP_NIST_STATUS_2XX_SENT);
  CONST(OSIP_NIST_STATUS_2XX_SENT_AGAIN);
  CONST(OSIP_NIST_STATUS_3XX_SENT);
  CONST(OSIP_NIST_STATUS_4XX_SENT);
  CONST(OSIP_NIST_STATUS_5XX_SENT);
  CONST(OSIP_NIST_STATUS_6XX_SENT);
  CONST(OSIP_NIST_STATUS_3456XX_SENT_AGAIN);
  CONST(OSIP_ICT_STATUS_TIMEOUT);
  CONST(OSIP_NICT_STATUS_TIMEOUT);
  CONST(OSIP_MESSAGE_CALLBACK_COUNT);

  CONST(OSIP_ICT_KILL_TRANSACTION);
  CONST(OSIP_IST_KILL_TRANSACTION);
  CONST(OSIP_NICT_KILL_TRANSACTION);
  CONST(OSIP_NIST_KILL_TRANSACTION);
  CONST(OSIP_KILL_CALLBACK_COUNT);
  CONST(OSIP_ICT_TRANSPORT_ERROR);
  CONST(OSIP_IST_TRANSPORT_ERROR);
  CONST(OSIP_NICT_TRANSPORT_ERROR);
  CONST(OSIP_NIST_TRANSPORT_ERROR);
  CONST(OSIP_TRANSPORT_ERROR_CALLBACK_COUNT);
}

int main(void) {
  structs();
  constants();
  return 0;
}
