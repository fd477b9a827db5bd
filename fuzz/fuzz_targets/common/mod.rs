//! What both fuzz targets share: one `osip_t` per input with callbacks that
//! count, a registry of every transaction the harness knows (so that it
//! never touches a freed one itself), the invariants checked after each
//! step, and the tear-down that must leave nothing allocated.
#![allow(dead_code)] // each target uses its own subset

use libc::{c_char, c_int, timeval};
use osip2::abi::osip::type_t::KILL_TRANSACTION;
use osip2::abi::{osip_event_t, osip_t, osip_transaction_t};
use osip2::ffi::callbacks::*;
use osip2::ffi::event::osip_parse;
use osip2::ffi::find::osip_transaction_find;
use osip2::ffi::internal::evt_set_type_outgoing_sipmessage;
use osip2::ffi::osip::{osip_init, osip_release};
use osip2::ffi::time::{add_gettimeofday, osip_gettimeofday};
use osip2::ffi::timers::osip_timers_gettimeout;
use osip2::ffi::transaction::{osip_transaction_add_event, osip_transaction_free};
use osip2::parser::osip_message_t;
use osip2::parser::{osip_list_get, osip_list_size};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ptr::null_mut;

/// What the kill callback does besides counting.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnKill {
    /// `osip_remove_transaction` then `osip_transaction_free2`, as eXosip.
    RemoveAndFree,
    /// `osip_remove_transaction` only; the harness frees it later.
    Remove,
    /// Nothing: the transaction stays listed in TERMINATED.
    Nothing,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Life {
    Alive,
    Freed,
}

pub struct State {
    pub on_kill: OnKill,
    /// Message callbacks queue a timeout event into their transaction.
    pub msg_adds_event: bool,
    /// The send callback asks for the next timeout (re-entering the API).
    pub send_reenters: bool,
    pub send_result: c_int,
    /// Every transaction the harness ever saw, by address. A freed address
    /// may be reused by a later transaction: `track` then revives it.
    pub trs: HashMap<usize, Life>,
    /// Addresses in creation order: instructions pick transactions by
    /// position in it, so an input means the same in every process
    /// (address order depends on the heap's history).
    pub order: Vec<usize>,
    pub kills: HashMap<usize, u32>,
    pub sends: u64,
}

thread_local! {
    pub static STATE: RefCell<State> = RefCell::new(State {
        on_kill: OnKill::RemoveAndFree,
        msg_adds_event: false,
        send_reenters: false,
        send_result: 0,
        trs: HashMap::new(),
        order: Vec::new(),
        kills: HashMap::new(),
        sends: 0,
    });
}

pub fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

/// Starts tracking a transaction the library just made.
pub fn track(tr: *mut osip_transaction_t) {
    if !tr.is_null() {
        with(|s| {
            s.trs.insert(tr as usize, Life::Alive);
            s.kills.remove(&(tr as usize));
            s.order.retain(|t| *t != tr as usize);
            s.order.push(tr as usize);
        });
    }
}

pub fn is_alive(tr: *mut osip_transaction_t) -> bool {
    with(|s| s.trs.get(&(tr as usize)) == Some(&Life::Alive))
}

pub fn mark_freed(tr: *mut osip_transaction_t) {
    with(|s| {
        let life = s.trs.insert(tr as usize, Life::Freed);
        assert_eq!(life, Some(Life::Alive), "freed a transaction twice");
    });
}

/// The transactions not freed yet, oldest first.
pub fn alive() -> Vec<*mut osip_transaction_t> {
    with(|s| {
        s.order
            .iter()
            .filter(|t| s.trs.get(t) == Some(&Life::Alive))
            .map(|t| *t as *mut osip_transaction_t)
            .collect()
    })
}

unsafe extern "C" fn on_message(
    _type: c_int,
    tr: *mut osip_transaction_t,
    _msg: *mut osip_message_t,
) {
    assert!(is_alive(tr), "message callback for a freed transaction");
    if with(|s| s.msg_adds_event) {
        // SAFETY: `tr` is alive (checked); the event becomes the transaction's.
        unsafe {
            let evt = osip2::ffi::internal::__osip_event_new(
                osip2::abi::osip::type_t::TIMEOUT_K as c_int,
                0,
            );
            assert_eq!(osip_transaction_add_event(tr, evt), 0);
        }
    }
}

unsafe extern "C" fn on_kill(_type: c_int, tr: *mut osip_transaction_t) {
    assert!(is_alive(tr), "kill callback for a freed transaction");
    let (n, mode) = with(|s| {
        let n = s.kills.entry(tr as usize).or_insert(0);
        *n += 1;
        (*n, s.on_kill)
    });
    assert_eq!(n, 1, "transaction killed twice");
    // SAFETY: `tr` is alive; its instance is the harness's.
    unsafe {
        let osip = (*tr).config as *mut osip_t;
        match mode {
            OnKill::RemoveAndFree => {
                osip2::ffi::lists::osip_remove_transaction(osip, tr);
                mark_freed(tr);
                osip2::ffi::transaction::osip_transaction_free2(tr);
            }
            OnKill::Remove => {
                osip2::ffi::lists::osip_remove_transaction(osip, tr);
            }
            OnKill::Nothing => {}
        }
    }
}

unsafe extern "C" fn on_transport_error(_type: c_int, tr: *mut osip_transaction_t, _e: c_int) {
    assert!(
        is_alive(tr),
        "transport error callback for a freed transaction"
    );
}

unsafe extern "C" fn on_send(
    tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
    _host: *mut c_char,
    _port: c_int,
    _sock: c_int,
) -> c_int {
    assert!(is_alive(tr), "send for a freed transaction");
    assert!(!msg.is_null(), "send without a message");
    let (reenter, result) = with(|s| {
        s.sends += 1;
        (s.send_reenters, s.send_result)
    });
    if reenter {
        let mut tv = timeval {
            tv_sec: 0,
            tv_usec: 0,
        };
        // SAFETY: `tr` is alive, so is its instance.
        unsafe { osip_timers_gettimeout((*tr).config as *mut osip_t, &mut tv) };
    }
    result
}

/// A fresh instance with every callback installed.
pub fn new_osip() -> *mut osip_t {
    let mut osip = null_mut();
    // SAFETY: plain initialisation, then setters on the new instance.
    unsafe {
        assert_eq!(osip_init(&mut osip), 0);
        for t in 0..60 {
            osip_set_message_callback(osip, t, Some(on_message));
        }
        for t in 0..4 {
            osip_set_kill_transaction_callback(osip, t, Some(on_kill));
            osip_set_transport_error_callback(osip, t, Some(on_transport_error));
        }
        osip_set_cb_send_message(osip, Some(on_send));
    }
    osip
}

/// The four public lists.
///
/// # Safety
/// `osip` is a valid instance.
pub unsafe fn lists(osip: *mut osip_t) -> [*mut osip2::parser::osip_list_t; 4] {
    // SAFETY: per the contract.
    let o = unsafe { &mut *osip };
    [
        &mut o.osip_ict_transactions,
        &mut o.osip_ist_transactions,
        &mut o.osip_nict_transactions,
        &mut o.osip_nist_transactions,
    ]
}

/// Public lists and our index agree; only live transactions are listed.
///
/// # Safety
/// `osip` is a valid instance.
pub unsafe fn check(osip: *mut osip_t) {
    // SAFETY: the lists hold live transactions (asserted as we go).
    unsafe {
        for list in lists(osip) {
            let n = osip_list_size(list);
            assert_eq!(n, (*list).count(), "list size and nb_elt disagree");
            for i in 0..n {
                let tr = osip_list_get(list, i) as *mut osip_transaction_t;
                assert!(is_alive(tr), "a freed transaction is listed");
                let id = (*tr).transactionid;
                let mut probe = osip_event_t {
                    type_: KILL_TRANSACTION as c_int,
                    transactionid: id,
                    sip: null_mut(),
                };
                let found = osip_transaction_find(list, &mut probe);
                assert!(!found.is_null(), "listed transaction {id} not found by id");
                assert_eq!((*found).transactionid, id);
            }
        }
    }
}

/// Frees every transaction still alive, then the instance. Under the
/// sanitizer's leak checker anything left over is reported.
///
/// # Safety
/// `osip` is a valid instance; nothing else uses it.
pub unsafe fn teardown(osip: *mut osip_t) {
    for tr in alive() {
        mark_freed(tr);
        // SAFETY: alive per the registry.
        unsafe { osip_transaction_free(tr) };
    }
    // SAFETY: per the contract.
    unsafe {
        for list in lists(osip) {
            assert_eq!(osip_list_size(list), 0, "listed after every free");
        }
        osip_release(osip);
    }
    with(|s| {
        s.trs.clear();
        s.order.clear();
        s.kills.clear();
        s.sends = 0;
        s.on_kill = OnKill::RemoveAndFree;
        s.msg_adds_event = false;
        s.send_reenters = false;
        s.send_result = 0;
    });
}

/// Makes every armed timer of the live transactions due: by a plain store
/// (`direct`), as some applications do, or through `add_gettimeofday`.
///
/// # Safety
/// Every live transaction is valid.
pub unsafe fn force_timers(direct: bool) {
    for tr in alive() {
        // SAFETY: alive per the registry; context pointers are NULL or valid.
        unsafe {
            let t = &mut *tr;
            let mut starts: Vec<*mut timeval> = Vec::new();
            if let Some(c) = t.ict_context.as_mut() {
                starts.extend([
                    &mut c.timer_a_start as *mut _,
                    &mut c.timer_b_start,
                    &mut c.timer_d_start,
                ]);
            }
            if let Some(c) = t.ist_context.as_mut() {
                starts.extend([
                    &mut c.timer_g_start as *mut _,
                    &mut c.timer_h_start,
                    &mut c.timer_i_start,
                ]);
            }
            if let Some(c) = t.nict_context.as_mut() {
                starts.extend([
                    &mut c.timer_e_start as *mut _,
                    &mut c.timer_f_start,
                    &mut c.timer_k_start,
                ]);
            }
            if let Some(c) = t.nist_context.as_mut() {
                starts.push(&mut c.timer_j_start);
            }
            for s in starts {
                if (*s).tv_sec == -1 {
                    continue;
                }
                if direct {
                    (*s).tv_sec -= 100;
                } else {
                    osip_gettimeofday(s, null_mut());
                    add_gettimeofday(s, -100_000);
                }
            }
        }
    }
}

/// Parses `bytes` into an event; `outgoing` re-types it as the application's
/// own message. None when the parser rejects it.
pub fn parse(bytes: &[u8], outgoing: bool) -> Option<*mut osip_event_t> {
    // A receive buffer as applications pass it: NUL-terminated past `len`
    // (the parser is Debian's libosipparser2, not under test here).
    let mut buf = bytes.to_vec();
    buf.push(0);
    // SAFETY: `buf` holds `bytes.len()` bytes and a terminator.
    let evt = unsafe { osip_parse(buf.as_ptr() as *const c_char, bytes.len()) };
    if evt.is_null() {
        return None;
    }
    if outgoing {
        // SAFETY: `osip_parse` returned an event with a message.
        unsafe { (*evt).type_ = evt_set_type_outgoing_sipmessage((*evt).sip) };
    }
    Some(evt)
}
