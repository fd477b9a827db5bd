//! The C layer's side of `osip_core::host`: the application's callbacks
//! ([`App`]), the process's libosipparser2 ([`Lib`]) and the clock
//! ([`Mono`]) behind the core's traits. The state machines reach an
//! application's function pointer or a parser function only through here.

use crate::abi::{osip_t, osip_transaction_t};
use crate::engine::{self, Step};
use crate::parser::{
    osip_atoi, osip_authorization_clone, osip_call_id_clone, osip_call_id_to_str, osip_cseq_clone,
    osip_from_clone, osip_from_compare, osip_message_clone, osip_message_init, osip_message_parse,
    osip_to_clone, osip_trace, osip_uri_clone, osip_via_clone,
};
use libc::{c_char, c_int};
use osip_abi::codes::{OSIP_NOMEM, OSIP_UNDEFINED_ERROR};
use osip_cmem::{CObject, OString, Owned};
use osip_core::callbacks::Family;
use osip_core::host::{Arg, Calls, Clock, Env, Host, Msg, Parser, Tr, Trace};
use osip_core::timeval::Tv;
use osip_parser_abi::{
    osip_authorization_t, osip_call_id_t, osip_cseq_t, osip_from_t, osip_message_t, osip_to_t,
    osip_uri_t, osip_via_t,
};
use std::ffi::CStr;
use std::ptr;

/// The application as one call into the state machines meets it, about the
/// transaction the application handed in.
///
/// Until application code runs, the caller's pointer is valid (the C
/// contract). Before its first callback the engine's record of the
/// transaction is taken; after each one, that record says whether the
/// transaction still exists (a transaction no engine knows, after
/// `osip_release`, is trusted unless the pool knows it freed).
pub(crate) struct App {
    tr: *mut osip_transaction_t,
    /// The engine's record of `tr` (None inside: not registered), taken
    /// before the application first ran.
    step: Option<Option<Step>>,
    /// Application code ran since `tr` was last found to exist.
    stale: bool,
    /// A callback freed `tr`.
    gone: bool,
}

impl App {
    /// # Safety
    /// `tr` is NULL or a valid transaction that no reference points to
    /// while the `App` is in use.
    pub(crate) unsafe fn new(tr: *mut osip_transaction_t) -> App {
        App {
            tr,
            step: None,
            stale: false,
            gone: false,
        }
    }

    /// The transaction, by handle (None for NULL).
    pub(crate) fn handle(&self) -> Option<Tr> {
        (!self.tr.is_null()).then_some(Tr(self.tr as usize))
    }

    /// The state machines' view of the world for this call.
    pub(crate) fn env(&mut self) -> Env<'_> {
        Env {
            calls: self,
            parser: &Lib,
            clock: &Mono,
        }
    }

    fn exists(&mut self) -> bool {
        if self.tr.is_null() || self.gone {
            return false;
        }
        if self.stale {
            let live = match self.step {
                Some(Some(step)) => step.is_live(),
                _ => None,
            };
            self.gone = !live.unwrap_or_else(|| !crate::pool::is_freed(self.tr));
            self.stale = false;
        }
        !self.gone
    }

    /// The engine's record of `tr`, taken now if no application code ran
    /// yet (`tr` is valid then).
    fn step(&mut self) -> Option<Step> {
        if self.step.is_none() {
            // SAFETY: no application code ran since the entry point: `tr`
            // is the caller's valid transaction (or NULL).
            self.step = Some(unsafe { engine::step_begin(self.tr) });
        }
        self.step.flatten()
    }

    /// Before application code runs.
    fn entering(&mut self) {
        self.step();
        self.stale = true;
    }

    /// The instance `t` reports to (its `config`), if any.
    fn instance(&mut self, t: Tr) -> Option<*const osip_t> {
        let config = self.tr(t)?.config() as *const osip_t;
        (!config.is_null()).then_some(config)
    }

    /// Callback `ty` of `family` of the instance `t` reports to.
    fn callback<F: Copy>(
        &mut self,
        t: Tr,
        ty: c_int,
        family: Family,
        pick: impl FnOnce(*const osip_t, usize) -> Option<F>,
    ) -> Option<F> {
        let i = usize::try_from(ty).ok().filter(|&i| i < family.count())?;
        pick(self.instance(t)?, i)
    }
}

impl Calls for App {
    fn tr(&mut self, t: Tr) -> Option<&mut osip_transaction_t> {
        if t.0 != self.tr as usize || !self.exists() {
            return None;
        }
        // SAFETY: the transaction exists (checked after every call into
        // the application), and views of it end before each such call:
        // this is the only reference.
        unsafe { self.tr.as_mut() }
    }

    fn message(&mut self, ty: c_int, t: Tr, msg: Msg) {
        // SAFETY: `o` is the live instance of a live transaction (its
        // `config`); `i` is within the array.
        let pick = |o: *const osip_t, i| unsafe { (*o).msg_callbacks[i] };
        if let Some(cb) = self.callback(t, ty, Family::Message, pick) {
            self.entering();
            // SAFETY: the application's callback, with libosip2's arguments.
            unsafe { cb(ty, self.tr, msg.0 as *mut osip_message_t) };
        }
    }

    fn kill(&mut self, ty: c_int, t: Tr) {
        // SAFETY: as in `message`.
        let pick = |o: *const osip_t, i| unsafe { (*o).kill_callbacks[i] };
        if let Some(cb) = self.callback(t, ty, Family::Kill, pick) {
            self.entering();
            // SAFETY: the application's callback, with libosip2's arguments.
            unsafe { cb(ty, self.tr) };
        }
    }

    fn transport_error(&mut self, ty: c_int, t: Tr, code: c_int) {
        // SAFETY: as in `message`.
        let pick = |o: *const osip_t, i| unsafe { (*o).tp_error_callbacks[i] };
        if let Some(cb) = self.callback(t, ty, Family::TransportError, pick) {
            self.entering();
            // SAFETY: the application's callback, with libosip2's arguments.
            unsafe { cb(ty, self.tr, code) };
        }
    }

    fn send(&mut self, t: Tr, msg: Msg, host: Host, port: c_int, sock: c_int) -> c_int {
        let Some(osip) = self.instance(t) else {
            return OSIP_UNDEFINED_ERROR;
        };
        // SAFETY: the live instance of a live transaction.
        let Some(cb) = (unsafe { (*osip).cb_send_message }) else {
            return OSIP_UNDEFINED_ERROR;
        };
        self.entering();
        let (msg, host) = (msg.0 as *mut osip_message_t, host.0 as *mut c_char);
        // SAFETY: the application's send function, with libosip2's arguments.
        unsafe { cb(self.tr, msg, host, port, sock) }
    }

    fn stepped(&mut self, t: Tr) {
        if t.0 == self.tr as usize {
            engine::step_end(self.step());
        }
    }
}

/// The libosipparser2 the process loaded (Debian's or ours).
pub(crate) struct Lib;

/// What a parser function that makes an object left in `out`: the object,
/// or the function's code (success without an object reads as out of
/// memory). Whatever it stored is ours, so nothing it made leaks.
///
/// # Safety
/// `out` is NULL or an object of the osip allocator that nothing else owns.
unsafe fn made<T: CObject>(r: c_int, out: *mut T) -> Result<Owned<T>, c_int> {
    // SAFETY: the caller's: NULL or an object no one else owns.
    let made = unsafe { Owned::from_raw(out) };
    match (r, made) {
        (0, Some(object)) => Ok(object),
        (0, None) => Err(OSIP_NOMEM),
        (r, _) => Err(r),
    }
}

/// `osip_X_clone` of `src`, or of NULL for None (the parser refuses it with
/// its code).
fn copy<T: CObject>(
    src: Option<&T>,
    clone: unsafe extern "C" fn(*const T, *mut *mut T) -> c_int,
) -> Result<Owned<T>, c_int> {
    let src = src.map_or(ptr::null(), |s| s as *const T);
    let mut out = ptr::null_mut();
    // SAFETY: the parser's copy function for `T`, given NULL or a valid
    // `T`; it stores NULL or a fresh copy in `out`.
    let r = unsafe { clone(src, &mut out) };
    // SAFETY: `out` is what the copy function stored: NULL or a fresh
    // object of the osip allocator.
    unsafe { made(r, out) }
}

/// `osip_X_match(a, b)`: the parser's functions take `*mut` and only read.
fn compare<T>(a: &T, b: &T, matcher: unsafe extern "C" fn(*mut T, *mut T) -> c_int) -> c_int {
    let (a, b) = (a as *const T as *mut T, b as *const T as *mut T);
    // SAFETY: two valid objects the parser's function only reads.
    unsafe { matcher(a, b) }
}

impl Parser for Lib {
    fn clone_message(&self, m: &osip_message_t) -> Result<Owned<osip_message_t>, c_int> {
        copy(Some(m), osip_message_clone)
    }
    fn clone_via(&self, v: &osip_via_t) -> Result<Owned<osip_via_t>, c_int> {
        copy(Some(v), osip_via_clone)
    }
    fn clone_name_addr(&self, h: Option<&osip_from_t>) -> Result<Owned<osip_from_t>, c_int> {
        copy(h, osip_from_clone)
    }
    fn clone_to(&self, t: &osip_to_t) -> Result<Owned<osip_to_t>, c_int> {
        copy(Some(t), osip_to_clone)
    }
    fn clone_call_id(&self, c: &osip_call_id_t) -> Result<Owned<osip_call_id_t>, c_int> {
        copy(Some(c), osip_call_id_clone)
    }
    fn clone_cseq(&self, c: &osip_cseq_t) -> Result<Owned<osip_cseq_t>, c_int> {
        copy(Some(c), osip_cseq_clone)
    }
    fn clone_uri(&self, u: &osip_uri_t) -> Result<Owned<osip_uri_t>, c_int> {
        copy(Some(u), osip_uri_clone)
    }
    fn clone_authorization(
        &self,
        a: &osip_authorization_t,
    ) -> Result<Owned<osip_authorization_t>, c_int> {
        copy(Some(a), osip_authorization_clone)
    }

    fn new_message(&self) -> Result<Owned<osip_message_t>, c_int> {
        let mut m = ptr::null_mut();
        // SAFETY: the parser stores NULL or an empty message in `m`.
        let r = unsafe { osip_message_init(&mut m) };
        // SAFETY: `m` is what it stored: NULL or a fresh message of the
        // osip allocator.
        unsafe { made(r, m) }
    }
    fn parse_message(&self, m: &mut osip_message_t, text: &[u8]) -> c_int {
        // SAFETY: a valid message, and `text.len()` readable bytes.
        unsafe { osip_message_parse(m, text.as_ptr() as *const c_char, text.len()) }
    }
    fn call_id_to_str(&self, c: Option<&osip_call_id_t>) -> Result<OString, c_int> {
        let c = c.map_or(ptr::null(), |c| c as *const osip_call_id_t);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL (refused by the parser) or a valid Call-ID; the
        // parser stores NULL or a new string in `out`.
        let r = unsafe { osip_call_id_to_str(c, &mut out) };
        // SAFETY: `out` is NULL or a string of the osip allocator, now ours.
        let text = unsafe { OString::from_raw(out) };
        match (r, text) {
            (0, Some(text)) => Ok(text),
            (0, None) => Err(OSIP_NOMEM),
            (r, _) => Err(r),
        }
    }
    fn atoi(&self, s: &CStr) -> c_int {
        // SAFETY: a NUL-terminated string.
        unsafe { osip_atoi(s.as_ptr()) }
    }

    fn compare_from(&self, a: &osip_from_t, b: &osip_from_t) -> c_int {
        compare(a, b, osip_from_compare)
    }

    fn trace(&self, t: &Trace<'_>) {
        let (file, line, level, null) = (t.file.as_ptr(), t.line, t.level, ptr::null_mut());
        if !t.conversions_match() {
            // Text with a `%` that would read a missing argument (libosip2
            // passes such text as the format): printed as it is.
            let text = t.format.as_ptr();
            // SAFETY: NUL-terminated strings; "%s" reads the one given.
            unsafe { osip_trace(file, line, level, null, c"%s".as_ptr(), text) };
            return;
        }
        let format = t.format.as_ptr();
        // Each argument is passed as its conversion reads it.
        macro_rules! call {
            ([$($done:expr),*]) => {
                // SAFETY: a NUL-terminated format whose conversions the
                // arguments match (checked above).
                unsafe { osip_trace(file, line, level, null, format $(, $done)*) }
            };
            ([$($done:expr),*] $arg:ident $(, $rest:ident)*) => {
                match $arg {
                    Arg::Int(i) => call!([$($done,)* *i] $($rest),*),
                    Arg::Hex(x) => call!([$($done,)* *x] $($rest),*),
                    Arg::Str(s) => call!([$($done,)* s.as_ptr()] $($rest),*),
                }
            };
        }
        let _ = match t.args {
            [] => call!([]),
            [a] => call!([] a),
            [a, b] => call!([] a, b),
            // libosip2's lines have at most two arguments.
            _ => 0,
        };
    }
}

/// The monotonic clock of `<osip2/osip_time.h>`.
pub(crate) struct Mono;

impl Clock for Mono {
    fn now(&self) -> Tv {
        crate::ffi::time::now()
    }
    fn seconds(&self) -> i64 {
        crate::ffi::time::now().sec
    }
}
