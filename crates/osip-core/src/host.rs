//! What the safe logic asks of the C layer: the memory and the functions it
//! cannot reach without `unsafe`.
//!
//! - [`Tr`]: a transaction the application handed us, by address. The
//!   logic cannot follow it; [`Calls::tr`] turns it into a view for as long
//!   as no application code runs. Every call into the application takes
//!   `&mut self` of the same [`Calls`], so the borrow checker ends any view
//!   before it: a callback may free the transaction, and afterwards
//!   [`Calls::tr`] says whether it still exists.
//! - [`Calls`]: the application's callbacks, through the `osip_t` the
//!   transaction belongs to.
//! - [`Parser`]: the functions of the libosipparser2 the process loaded
//!   (Debian's or ours), so that cloning, parsing, matching and logging
//!   behave as that library does.
//! - [`Clock`]: the clocks.
//! - [`Retransmissions`]: an instance's 2xx/ACK retransmission records and
//!   its send callback.
//!
//! [`Env`] carries the first three to the state machines: its fields are
//! separate borrows, so a view from `calls` and the parser or the clock can
//! be used together.

use crate::ixt::Pins;
use crate::timeval::Tv;
use libc::{c_char, c_int, c_uint};
use osip_abi::{ixt_t, osip_dialog_t, osip_transaction_t};
use osip_cmem::{ListMut, OString, Owned};
use osip_parser_abi::{
    osip_authorization_t, osip_call_id_t, osip_cseq_t, osip_from_t, osip_message_t, osip_to_t,
    osip_uri_t, osip_via_t,
};
use std::ffi::CStr;

/// A transaction, by its address: what the application and the public
/// lists hold. Nothing can be read through it directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tr(pub usize);

/// A message the application sees in a callback, by address: one of a
/// transaction's (or an event's) messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Msg(pub usize);

impl Msg {
    pub const NULL: Msg = Msg(0);

    pub fn of(m: Option<&osip_message_t>) -> Msg {
        Msg(m.map_or(0, |m| m as *const osip_message_t as usize))
    }
}

/// A host string handed to the send callback, by address (the callback
/// takes `char *`): a transaction's next hop or a Via's host. 0 is NULL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Host(pub usize);

impl Host {
    pub fn of(s: Option<&CStr>) -> Host {
        Host(s.map_or(0, |s| s.as_ptr() as usize))
    }

    pub fn of_ptr(p: *const c_char) -> Host {
        Host(p as usize)
    }
}

/// The application's callbacks for one instance, and the views of its
/// transactions.
pub trait Calls {
    /// A view of `t`, or None once a callback freed it. (The engine knows
    /// the transactions of live instances; one it does not know, after
    /// `osip_release`, is trusted as libosip2 trusts it.)
    fn tr(&mut self, t: Tr) -> Option<&mut osip_transaction_t>;
    /// `msg_callbacks[ty]`: `(ty, tr, msg)`; `ty` is a valid type.
    fn message(&mut self, ty: c_int, t: Tr, msg: Msg);
    /// `kill_callbacks[ty]`; `ty` is a valid type.
    fn kill(&mut self, ty: c_int, t: Tr);
    /// `tp_error_callbacks[ty]`; `ty` is a valid type.
    fn transport_error(&mut self, ty: c_int, t: Tr, code: c_int);
    /// `cb_send_message(tr, msg, host, port, sock)`; -1 without a callback.
    fn send(&mut self, t: Tr, msg: Msg, host: Host, port: c_int, sock: c_int) -> c_int;
    /// An action of `t`'s state machine ran (`t` may be gone since): the
    /// state and timers it may have changed are re-read by whoever indexes
    /// them.
    fn stepped(&mut self, t: Tr);
}

/// The libosipparser2 the process loaded.
pub trait Parser {
    // Copies (`osip_X_clone`): the parser's error code when it fails. An
    // Option stands for a pointer libosip2 hands over even when NULL: the
    // result is the parser's answer to NULL.
    fn clone_message(&self, m: &osip_message_t) -> Result<Owned<osip_message_t>, c_int>;
    fn clone_via(&self, v: &osip_via_t) -> Result<Owned<osip_via_t>, c_int>;
    /// `osip_from_clone`, which the Contact and Record-Route clones are:
    /// the copy, or the parser's code (-2 for NULL).
    fn clone_name_addr(&self, h: Option<&osip_from_t>) -> Result<Owned<osip_from_t>, c_int>;
    fn clone_to(&self, t: &osip_to_t) -> Result<Owned<osip_to_t>, c_int>;
    fn clone_call_id(&self, c: &osip_call_id_t) -> Result<Owned<osip_call_id_t>, c_int>;
    fn clone_cseq(&self, c: &osip_cseq_t) -> Result<Owned<osip_cseq_t>, c_int>;
    fn clone_uri(&self, u: &osip_uri_t) -> Result<Owned<osip_uri_t>, c_int>;
    fn clone_authorization(
        &self,
        a: &osip_authorization_t,
    ) -> Result<Owned<osip_authorization_t>, c_int>;

    // Messages.
    /// `osip_message_init`: an empty message.
    fn new_message(&self) -> Result<Owned<osip_message_t>, c_int>;
    /// `osip_message_parse`: 0 when `text` was read into `m`.
    fn parse_message(&self, m: &mut osip_message_t, text: &[u8]) -> c_int;
    /// `osip_call_id_to_str`: "number@host", or the parser's code (-2 for
    /// NULL or without a number).
    fn call_id_to_str(&self, c: Option<&osip_call_id_t>) -> Result<OString, c_int>;
    /// `osip_atoi`: a number such as a port.
    fn atoi(&self, s: &CStr) -> c_int;

    // Comparing (the transaction matching rules, src/ffi/matching.rs, call
    // the parser where they run, in the C layer).
    /// `osip_from_compare`: 0 when equal.
    fn compare_from(&self, a: &osip_from_t, b: &osip_from_t) -> c_int;

    // Logging.
    /// `osip_trace`: one line of libosip2's log (see [`crate::trace!`]).
    fn trace(&self, t: &Trace<'_>);
}

/// One argument of a trace line, for the conversion of its format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg<'a> {
    /// `%i`, `%d`.
    Int(c_int),
    /// `%x`.
    Hex(c_uint),
    /// `%s`.
    Str(&'a CStr),
}

impl From<c_int> for Arg<'_> {
    fn from(i: c_int) -> Self {
        Arg::Int(i)
    }
}

impl<'a> From<&'a CStr> for Arg<'a> {
    fn from(s: &'a CStr) -> Self {
        Arg::Str(s)
    }
}

/// `osip_trace(file, line, level, NULL, format, args...)`. The file and
/// line are libosip2's, so that an application's log reads the same with
/// either library.
#[derive(Clone, Copy, Debug)]
pub struct Trace<'a> {
    pub file: &'static CStr,
    pub line: c_int,
    pub level: c_int,
    pub format: &'static CStr,
    pub args: &'a [Arg<'a>],
}

/// Time.
pub trait Clock {
    /// `osip_gettimeofday`: the monotonic clock.
    fn now(&self) -> Tv;
    /// `osip_getsystemtime`: monotonic seconds.
    fn seconds(&self) -> i64;
}

/// What one call into the state machines reaches of the outside world.
pub struct Env<'h> {
    pub calls: &'h mut dyn Calls,
    pub parser: &'h dyn Parser,
    pub clock: &'h dyn Clock,
}

// 2xx/ACK retransmissions (ixt.rs).

/// An instance's 2xx and ACK retransmission records
/// (`osip->ixt_retransmissions`) and its send callback. The records are
/// only reachable inside [`locked`](Retransmissions::locked), which takes
/// `&self`, while [`send`](Retransmissions::send) takes `&mut self`: no view
/// of a record or of its dialog lives across a send, which may stop
/// retransmissions or free dialogs.
pub trait Retransmissions {
    /// Runs `f` with `ixt_fastmutex` held, on the records (newest first)
    /// and the pins of the sends in progress.
    fn locked<R>(&self, f: impl FnOnce(ListMut<'_, ixt_t>, &mut Pins) -> R) -> R;
    /// The dialog `rec` was started for, as the application gave it
    /// (libosip2 follows the pointer: a dialog's retransmissions are stopped
    /// before it is freed).
    fn dialog_of<'r>(&'r self, rec: &'r ixt_t) -> Option<&'r osip_dialog_t>;
    /// `cb_send_message(NULL, msg, dest, port, sock)` with the callback set
    /// at that moment (a send may change it); nothing without one.
    fn send(&mut self, msg: Msg, dest: Host, port: c_int, sock: c_int);
}
