//! Public types of `<osip2/osip.h>`: transactions, their four contexts,
//! events, the `osip_t` instance, retransmission records and the enums and
//! constants C programs use. Layouts are byte-identical to libosip2 5.3.0
//! (checked by `tests/layout.rs`).
#![allow(non_camel_case_types, non_snake_case)]

use crate::fifo::osip_fifo_t;
use libc::{c_char, c_int, c_void, time_t, timeval};
use osip_cmem::CObject;
use osip_parser_abi::{
    osip_call_id_t, osip_cseq_t, osip_from_t, osip_list_t, osip_message_t, osip_to_t, osip_via_t,
};

// The timer defaults C programs may set themselves with `-D`, as upstream
// allows: `c_defined` is never set for Rust, and the header generator
// (xtask/headers.toml) has cbindgen write each under `#if !defined(NAME)`.

/// Retransmission interval T1 in milliseconds (RFC 3261 section 17.1.1.1).
#[cfg(not(c_defined = "DEFAULT_T1"))]
pub const DEFAULT_T1: c_int = 500;
/// Timer E length after a reliable send that is still in progress.
#[cfg(not(c_defined = "DEFAULT_T1_TCP_PROGRESS"))]
pub const DEFAULT_T1_TCP_PROGRESS: c_int = 500;
/// Maximum retransmission interval T2 in milliseconds.
#[cfg(not(c_defined = "DEFAULT_T2"))]
pub const DEFAULT_T2: c_int = 4000;
/// Maximum time a message stays in the network, T4, in milliseconds.
#[cfg(not(c_defined = "DEFAULT_T4"))]
pub const DEFAULT_T4: c_int = 5000;

pub const OSIP_SRV_STATE_UNKNOWN: c_int = 0;
pub const OSIP_SRV_STATE_RETRYLATER: c_int = 2;
pub const OSIP_SRV_STATE_COMPLETED: c_int = 3;
pub const OSIP_SRV_STATE_NOTSUPPORTED: c_int = 4;

pub const OSIP_NAPTR_STATE_UNKNOWN: c_int = 0;
pub const OSIP_NAPTR_STATE_INPROGRESS: c_int = 1;
pub const OSIP_NAPTR_STATE_NAPTRDONE: c_int = 2;
pub const OSIP_NAPTR_STATE_SRVINPROGRESS: c_int = 3;
pub const OSIP_NAPTR_STATE_SRVDONE: c_int = 4;
pub const OSIP_NAPTR_STATE_RETRYLATER: c_int = 5;
pub const OSIP_NAPTR_STATE_NOTSUPPORTED: c_int = 6;

/// States of the four transaction machines and of dialogs.
///
/// Struct fields hold a plain `state_t` (an `int`): C programs may store any
/// value there, so Rust never reads such a field as this enum.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum _state_t {
    ICT_PRE_CALLING,
    ICT_CALLING,
    ICT_PROCEEDING,
    ICT_COMPLETED,
    ICT_TERMINATED,
    IST_PRE_PROCEEDING,
    IST_PROCEEDING,
    IST_COMPLETED,
    IST_CONFIRMED,
    IST_TERMINATED,
    NICT_PRE_TRYING,
    NICT_TRYING,
    NICT_PROCEEDING,
    NICT_COMPLETED,
    NICT_TERMINATED,
    NIST_PRE_TRYING,
    NIST_TRYING,
    NIST_PROCEEDING,
    NIST_COMPLETED,
    NIST_TERMINATED,
    DIALOG_EARLY,
    DIALOG_CONFIRMED,
    DIALOG_CLOSE,
}
/// A transaction or dialog state (see `enum _state_t`).
pub type state_t = c_int;

/// Event types: timeouts, incoming and outgoing messages, kill.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum type_t {
    TIMEOUT_A,
    TIMEOUT_B,
    TIMEOUT_D,
    TIMEOUT_E,
    TIMEOUT_F,
    TIMEOUT_K,
    TIMEOUT_G,
    TIMEOUT_H,
    TIMEOUT_I,
    TIMEOUT_J,
    RCV_REQINVITE,
    RCV_REQACK,
    RCV_REQUEST,
    RCV_STATUS_1XX,
    RCV_STATUS_2XX,
    RCV_STATUS_3456XX,
    SND_REQINVITE,
    SND_REQACK,
    SND_REQUEST,
    SND_STATUS_1XX,
    SND_STATUS_2XX,
    SND_STATUS_3456XX,
    KILL_TRANSACTION,
    UNKNOWN_EVT,
}
/// An event type (see `enum type_t`).
pub type event_type_t = c_int;

/// The four kinds of transaction.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum osip_fsm_type_t {
    /// Invite Client Transaction.
    ICT,
    /// Invite Server Transaction.
    IST,
    /// Non-Invite Client Transaction.
    NICT,
    /// Non-Invite Server Transaction.
    NIST,
}
/// A transaction kind (see `enum osip_fsm_type_t`).
pub type fsm_type_t = c_int;

/// Context of an INVITE client transaction (timers A, B, D and next hop).
#[derive(CObject)]
#[repr(C)]
pub struct osip_ict {
    pub timer_a_length: c_int,
    pub timer_a_start: timeval,
    pub timer_b_length: c_int,
    pub timer_b_start: timeval,
    pub timer_d_length: c_int,
    pub timer_d_start: timeval,
    /// Next-hop host, owned by the context (allocated with `osip_malloc`).
    #[c(str)]
    pub destination: *mut c_char,
    pub port: c_int,
}
pub type osip_ict_t = osip_ict;

/// Context of a non-INVITE client transaction (timers E, F, K and next hop).
#[derive(CObject)]
#[repr(C)]
pub struct osip_nict {
    pub timer_e_length: c_int,
    pub timer_e_start: timeval,
    pub timer_f_length: c_int,
    pub timer_f_start: timeval,
    pub timer_k_length: c_int,
    pub timer_k_start: timeval,
    /// Next-hop host, owned by the context (allocated with `osip_malloc`).
    #[c(str)]
    pub destination: *mut c_char,
    pub port: c_int,
}
pub type osip_nict_t = osip_nict;

/// Context of an INVITE server transaction (timers G, H, I).
#[derive(CObject)]
#[repr(C)]
pub struct osip_ist {
    pub timer_g_length: c_int,
    pub timer_g_start: timeval,
    pub timer_h_length: c_int,
    pub timer_h_start: timeval,
    pub timer_i_length: c_int,
    pub timer_i_start: timeval,
}
pub type osip_ist_t = osip_ist;

/// Context of a non-INVITE server transaction (timer J).
#[derive(CObject)]
#[repr(C)]
pub struct osip_nist {
    pub timer_j_length: c_int,
    pub timer_j_start: timeval,
}
pub type osip_nist_t = osip_nist;

/// One SRV answer.
#[repr(C)]
pub struct osip_srv_entry {
    pub srv: [c_char; 512],
    pub priority: c_int,
    pub weight: c_int,
    pub rweight: c_int,
    pub port: c_int,
    pub ipaddress: [c_char; 512],
    pub srv_is_broken: timeval,
}
pub type osip_srv_entry_t = osip_srv_entry;

/// An SRV lookup result, stored inline in every transaction.
#[repr(C)]
pub struct osip_srv_record {
    pub name: [c_char; 1024],
    pub srv_state: c_int,
    pub flag: [c_char; 256],
    pub protocol: [c_char; 1024],
    pub regexp: [c_char; 1024],
    pub replacement: [c_char; 1024],
    pub order: c_int,
    pub preference: c_int,
    pub index: c_int,
    pub srventry: [osip_srv_entry_t; 10],
}
pub type osip_srv_record_t = osip_srv_record;

/// A NAPTR lookup result (the library only stores a pointer to it).
#[repr(C)]
pub struct osip_naptr {
    pub domain: [c_char; 512],
    pub AUS: [c_char; 64],
    pub naptr_state: c_int,
    pub arg: *mut c_void,
    pub keep_in_cache: c_int,
    pub sipudp_record: osip_srv_record_t,
    pub siptcp_record: osip_srv_record_t,
    pub siptls_record: osip_srv_record_t,
    pub sipdtls_record: osip_srv_record_t,
    pub sipsctp_record: osip_srv_record_t,
    pub sipenum_record: osip_srv_record_t,
}
pub type osip_naptr_t = osip_naptr;

/// A SIP transaction. Applications read and write these fields directly.
#[derive(CObject)]
#[repr(C)]
pub struct osip_transaction {
    /// Never touched by the library (`osip_transaction_set_your_instance` uses `reserved1`).
    #[c(raw)]
    pub your_instance: *mut c_void,
    pub transactionid: c_int,
    /// Events waiting for `osip_*_execute`.
    #[c(raw)]
    pub transactionff: *mut osip_fifo_t,
    #[c(owned)]
    pub topvia: *mut osip_via_t,
    #[c(owned)]
    pub from: *mut osip_from_t,
    #[c(owned)]
    pub to: *mut osip_to_t,
    #[c(owned)]
    pub callid: *mut osip_call_id_t,
    #[c(owned)]
    pub cseq: *mut osip_cseq_t,
    #[c(owned)]
    pub orig_request: *mut osip_message_t,
    #[c(owned)]
    pub last_response: *mut osip_message_t,
    #[c(owned)]
    pub ack: *mut osip_message_t,
    pub state: state_t,
    /// Monotonic seconds at creation.
    pub birth_time: time_t,
    /// Monotonic seconds when the transaction was killed.
    pub completed_time: time_t,
    pub created_time: timeval,
    pub destroyed_time: timeval,
    pub in_socket: c_int,
    pub out_socket: c_int,
    /// The `osip_t` that manages this transaction.
    #[c(raw)]
    pub config: *mut c_void,
    pub ctx_type: fsm_type_t,
    #[c(owned)]
    pub ict_context: *mut osip_ict_t,
    #[c(owned)]
    pub ist_context: *mut osip_ist_t,
    #[c(owned)]
    pub nict_context: *mut osip_nict_t,
    #[c(owned)]
    pub nist_context: *mut osip_nist_t,
    pub record: osip_srv_record_t,
    #[c(raw)]
    pub naptr_record: *mut osip_naptr_t,
    #[c(raw)]
    pub reserved1: *mut c_void,
    #[c(raw)]
    pub reserved2: *mut c_void,
    #[c(raw)]
    pub reserved3: *mut c_void,
    #[c(raw)]
    pub reserved4: *mut c_void,
    #[c(raw)]
    pub reserved5: *mut c_void,
    #[c(raw)]
    pub reserved6: *mut c_void,
}
pub type osip_transaction_t = osip_transaction;

/// Kinds of message callback (index into `osip_t::msg_callbacks`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum osip_message_callback_type {
    OSIP_ICT_INVITE_SENT = 0,
    OSIP_ICT_INVITE_SENT_AGAIN,
    OSIP_ICT_ACK_SENT,
    OSIP_ICT_ACK_SENT_AGAIN,
    OSIP_ICT_STATUS_1XX_RECEIVED,
    OSIP_ICT_STATUS_2XX_RECEIVED,
    OSIP_ICT_STATUS_2XX_RECEIVED_AGAIN,
    OSIP_ICT_STATUS_3XX_RECEIVED,
    OSIP_ICT_STATUS_4XX_RECEIVED,
    OSIP_ICT_STATUS_5XX_RECEIVED,
    OSIP_ICT_STATUS_6XX_RECEIVED,
    OSIP_ICT_STATUS_3456XX_RECEIVED_AGAIN,
    OSIP_IST_INVITE_RECEIVED,
    OSIP_IST_INVITE_RECEIVED_AGAIN,
    OSIP_IST_ACK_RECEIVED,
    OSIP_IST_ACK_RECEIVED_AGAIN,
    OSIP_IST_STATUS_1XX_SENT,
    OSIP_IST_STATUS_2XX_SENT,
    OSIP_IST_STATUS_2XX_SENT_AGAIN,
    OSIP_IST_STATUS_3XX_SENT,
    OSIP_IST_STATUS_4XX_SENT,
    OSIP_IST_STATUS_5XX_SENT,
    OSIP_IST_STATUS_6XX_SENT,
    OSIP_IST_STATUS_3456XX_SENT_AGAIN,
    OSIP_NICT_REGISTER_SENT,
    OSIP_NICT_BYE_SENT,
    OSIP_NICT_OPTIONS_SENT,
    OSIP_NICT_INFO_SENT,
    OSIP_NICT_CANCEL_SENT,
    OSIP_NICT_NOTIFY_SENT,
    OSIP_NICT_SUBSCRIBE_SENT,
    OSIP_NICT_UNKNOWN_REQUEST_SENT,
    OSIP_NICT_REQUEST_SENT_AGAIN,
    OSIP_NICT_STATUS_1XX_RECEIVED,
    OSIP_NICT_STATUS_2XX_RECEIVED,
    OSIP_NICT_STATUS_2XX_RECEIVED_AGAIN,
    OSIP_NICT_STATUS_3XX_RECEIVED,
    OSIP_NICT_STATUS_4XX_RECEIVED,
    OSIP_NICT_STATUS_5XX_RECEIVED,
    OSIP_NICT_STATUS_6XX_RECEIVED,
    OSIP_NICT_STATUS_3456XX_RECEIVED_AGAIN,
    OSIP_NIST_REGISTER_RECEIVED,
    OSIP_NIST_BYE_RECEIVED,
    OSIP_NIST_OPTIONS_RECEIVED,
    OSIP_NIST_INFO_RECEIVED,
    OSIP_NIST_CANCEL_RECEIVED,
    OSIP_NIST_NOTIFY_RECEIVED,
    OSIP_NIST_SUBSCRIBE_RECEIVED,
    OSIP_NIST_UNKNOWN_REQUEST_RECEIVED,
    OSIP_NIST_REQUEST_RECEIVED_AGAIN,
    OSIP_NIST_STATUS_1XX_SENT,
    OSIP_NIST_STATUS_2XX_SENT,
    OSIP_NIST_STATUS_2XX_SENT_AGAIN,
    OSIP_NIST_STATUS_3XX_SENT,
    OSIP_NIST_STATUS_4XX_SENT,
    OSIP_NIST_STATUS_5XX_SENT,
    OSIP_NIST_STATUS_6XX_SENT,
    OSIP_NIST_STATUS_3456XX_SENT_AGAIN,
    OSIP_ICT_STATUS_TIMEOUT,
    OSIP_NICT_STATUS_TIMEOUT,
    OSIP_MESSAGE_CALLBACK_COUNT,
}
pub type osip_message_callback_type_t = osip_message_callback_type;

/// Kinds of kill callback (one per transaction kind).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum osip_kill_callback_type {
    OSIP_ICT_KILL_TRANSACTION,
    OSIP_IST_KILL_TRANSACTION,
    OSIP_NICT_KILL_TRANSACTION,
    OSIP_NIST_KILL_TRANSACTION,
    OSIP_KILL_CALLBACK_COUNT,
}
pub type osip_kill_callback_type_t = osip_kill_callback_type;

/// Kinds of transport-error callback (one per transaction kind).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum osip_transport_error_callback_type {
    OSIP_ICT_TRANSPORT_ERROR,
    OSIP_IST_TRANSPORT_ERROR,
    OSIP_NICT_TRANSPORT_ERROR,
    OSIP_NIST_TRANSPORT_ERROR,
    OSIP_TRANSPORT_ERROR_CALLBACK_COUNT,
}
pub type osip_transport_error_callback_type_t = osip_transport_error_callback_type;

/// Called for every message event of a transaction (`type` is an
/// `osip_message_callback_type_t`; the message may be NULL for timeouts).
pub type osip_message_cb_t = Option<
    unsafe extern "C" fn(type_: c_int, tr: *mut osip_transaction_t, msg: *mut osip_message_t),
>;
/// Called once when a transaction reaches its TERMINATED state.
pub type osip_kill_transaction_cb_t =
    Option<unsafe extern "C" fn(type_: c_int, tr: *mut osip_transaction_t)>;
/// Called when sending failed.
pub type osip_transport_error_cb_t =
    Option<unsafe extern "C" fn(type_: c_int, tr: *mut osip_transaction_t, error: c_int)>;

/// A 2xx or ACK retransmission record (RFC 3261 13.3.1.4 and 13.2.2.4).
#[derive(CObject)]
#[repr(C)]
pub struct ixt {
    #[c(raw)]
    dialog: *mut osip_dialog,
    #[c(owned)]
    msg2xx: *mut osip_message_t,
    #[c(owned)]
    pub ack: *mut osip_message_t,
    /// Deadline of the next retransmission.
    pub start: timeval,
    /// Milliseconds between retransmissions (doubles up to T2).
    pub interval: c_int,
    #[c(str)]
    pub dest: *mut c_char,
    pub port: c_int,
    pub sock: c_int,
    /// Retransmissions left.
    pub counter: c_int,
}
pub type ixt_t = ixt;

/// A dialog (defined in `<osip2/osip_dialog.h>`).
pub use crate::dialog::osip_dialog;

/// One instance of the transaction layer.
#[derive(CObject)]
#[repr(C)]
pub struct osip {
    #[c(raw)]
    pub application_context: *mut c_void,
    #[c(raw)]
    pub ict_fastmutex: *mut c_void,
    #[c(raw)]
    pub ist_fastmutex: *mut c_void,
    #[c(raw)]
    pub nict_fastmutex: *mut c_void,
    #[c(raw)]
    pub nist_fastmutex: *mut c_void,
    #[c(raw)]
    pub ixt_fastmutex: *mut c_void,
    #[c(raw)]
    pub id_mutex: *mut c_void,
    /// The id the next transaction gets.
    pub transactionid: c_int,
    pub osip_ict_transactions: osip_list_t,
    pub osip_ist_transactions: osip_list_t,
    pub osip_nict_transactions: osip_list_t,
    pub osip_nist_transactions: osip_list_t,
    pub ixt_retransmissions: osip_list_t,
    pub msg_callbacks: [osip_message_cb_t; 60],
    pub kill_callbacks: [osip_kill_transaction_cb_t; 4],
    pub tp_error_callbacks: [osip_transport_error_cb_t; 4],
    /// Sends a message: returns 0 on success, a negative value on error,
    /// a positive value while a connection is in progress.
    pub cb_send_message: Option<
        unsafe extern "C" fn(
            *mut osip_transaction_t,
            *mut osip_message_t,
            *mut c_char,
            c_int,
            c_int,
        ) -> c_int,
    >,
    /// Used by this implementation for its transaction index; leave alone.
    #[c(raw)]
    osip_ict_hastable: *mut c_void,
    #[c(raw)]
    osip_ist_hastable: *mut c_void,
    #[c(raw)]
    osip_nict_hastable: *mut c_void,
    #[c(raw)]
    osip_nist_hastable: *mut c_void,
}
pub type osip_t = osip;

/// An event for a transaction: a timeout, a message to send or received, or a kill.
///
/// cbindgen:field-names=[type, transactionid, sip]
#[derive(CObject)]
#[repr(C)]
pub struct osip_event {
    pub type_: event_type_t,
    pub transactionid: c_int,
    #[c(owned)]
    pub sip: *mut osip_message_t,
}
pub type osip_event_t = osip_event;
