//! Finding the transaction an event belongs to, and creating transactions
//! for new requests (spec §8). Matching goes through the engine's index, so
//! its cost does not grow with the number of transactions; the answers are
//! those of libosip2's list walk: candidates are checked with the real
//! matchers in list order.

use crate::abi::{osip_event_t, osip_t, osip_transaction_t, type_t};
use crate::core::kind::Kind;
use crate::engine::{self, stats, CList, CMem, Engine};
use crate::ffi::matching::{branch, request_matches, response_matches};
use crate::ffi::transaction::{osip_transaction_add_event, osip_transaction_init};
use crate::parser::util::{cstr, is_request, streq, top_via};
use crate::parser::{osip_list_t, osip_message_t, OSIP_ERROR, OSIP_WARNING};
use libc::c_int;
use std::ptr::null_mut;

/// How many transactions log a malformed message (libosip2: every one in
/// the list).
const MALFORMED_TRACE_LIMIT: usize = 16;

// Event types as the C `int` field holds them (patterns cannot cast).
const RCV_REQINVITE: c_int = type_t::RCV_REQINVITE as c_int;
const RCV_REQUEST: c_int = type_t::RCV_REQUEST as c_int;
const RCV_STATUS_1XX: c_int = type_t::RCV_STATUS_1XX as c_int;
const RCV_STATUS_3456XX: c_int = type_t::RCV_STATUS_3456XX as c_int;
const SND_REQINVITE: c_int = type_t::SND_REQINVITE as c_int;
const SND_REQUEST: c_int = type_t::SND_REQUEST as c_int;
const SND_STATUS_3456XX: c_int = type_t::SND_STATUS_3456XX as c_int;

/// The list an event is looked up in (spec §8.1): by direction from the
/// event type, by request/response from the message, by INVITE/ACK from
/// the CSeq method.
///
/// # Safety
/// `evt` is NULL or a valid event.
unsafe fn list_for(evt: *const osip_event_t) -> Option<Kind> {
    // SAFETY: each pointer is checked before it is followed.
    unsafe {
        let e = evt.as_ref()?;
        let sip = e.sip.as_ref()?;
        let cseq = sip.cseq.as_ref()?;
        let method = cstr(cseq.method)?.to_bytes();
        let invite = method == b"INVITE";
        let invite_or_ack = invite || method == b"ACK";
        let request = sip.status_code == 0;
        match e.type_ {
            RCV_REQINVITE..=RCV_STATUS_3456XX => Some(match (request, invite, invite_or_ack) {
                (true, _, true) => Kind::Ist,
                (true, _, false) => Kind::Nist,
                (false, true, _) => Kind::Ict,
                (false, false, _) => Kind::Nict,
            }),
            SND_REQINVITE..=SND_STATUS_3456XX => Some(match (request, invite, invite_or_ack) {
                (false, true, _) => Kind::Ist,
                (false, false, _) => Kind::Nist,
                (true, _, true) => Kind::Ict,
                (true, _, false) => Kind::Nict,
            }),
            _ => None,
        }
    }
}

/// libosip2's first-match search of one list, through the engine's index.
/// Call with the list's mutex held.
///
/// # Safety
/// `list` is the engine's public list of `kind`; `evt` is a valid event.
unsafe fn find_indexed(
    e: &Engine,
    osip: *mut osip_t,
    kind: Kind,
    evt: *const osip_event_t,
) -> *mut osip_transaction_t {
    // SAFETY: per the contract.
    unsafe {
        let list = engine::public_list(osip, kind).0;
        // libosip2 gives up when the first element has no instance.
        let head = (*list).head();
        if head.is_null()
            || (*((*head).element as *const osip_transaction_t))
                .config
                .is_null()
        {
            return null_mut();
        }
        let evt = &*evt;
        let sip = evt.sip;
        let (incoming_request, incoming_response) = (
            (RCV_REQINVITE..=RCV_REQUEST).contains(&evt.type_),
            (RCV_STATUS_1XX..=RCV_STATUS_3456XX).contains(&evt.type_),
        );
        if !incoming_request && !incoming_response {
            return e
                .with_id(kind, evt.transactionid, &CList::of(osip, kind), &CMem)
                .map_or(null_mut(), |t| t as *mut osip_transaction_t);
        }
        let matches = |tr| {
            stats::bump(&stats::MATCHED, 1);
            if incoming_request {
                request_matches(tr, sip)
            } else {
                response_matches(tr, sip)
            }
        };
        let via = top_via(sip);
        let key = branch(via).key();
        let callid = if incoming_request && !(*sip).call_id.is_null() {
            cstr((*(*sip).call_id).number)
        } else {
            None
        };
        if via.is_null() || (incoming_response && key.is_none()) {
            // Nothing can match. libosip2 logs the malformed message once per
            // transaction it walks; do the same for the first few.
            for tr in e.leading(kind, MALFORMED_TRACE_LIMIT, &CList::of(osip, kind), &CMem) {
                matches(tr as *mut osip_transaction_t);
            }
            return null_mut();
        }
        e.candidates(
            kind,
            key,
            callid.map(|c| c.to_bytes()),
            incoming_response,
            &CList::of(osip, kind),
            &CMem,
        )
        .iter()
        .map(|lead| lead.handle as *mut osip_transaction_t)
        .find(|tr| matches(*tr) == 0)
        .unwrap_or(null_mut())
    }
}

/// The same search by walking a list (for lists that are not an engine's).
///
/// # Safety
/// `list` is a valid list of transactions; `evt` is a valid event.
unsafe fn find_walking(
    list: *const osip_list_t,
    evt: *const osip_event_t,
) -> *mut osip_transaction_t {
    // SAFETY: per the contract.
    unsafe {
        let mut node = (*list).head();
        if node.is_null()
            || (*((*node).element as *const osip_transaction_t))
                .config
                .is_null()
        {
            return null_mut();
        }
        let evt = &*evt;
        while !node.is_null() {
            stats::bump(&stats::NODES_WALKED, 1);
            stats::bump(&stats::MATCHED, 1);
            let tr = (*node).element as *mut osip_transaction_t;
            let hit = match evt.type_ {
                RCV_REQINVITE..=RCV_REQUEST => request_matches(tr, evt.sip) == 0,
                RCV_STATUS_1XX..=RCV_STATUS_3456XX => response_matches(tr, evt.sip) == 0,
                _ => !tr.is_null() && (*tr).transactionid == evt.transactionid,
            };
            if hit {
                return tr;
            }
            node = (*node).next;
        }
        null_mut()
    }
}

/// The engine and kind owning `list`, if it is one of an engine's lists.
///
/// # Safety
/// `list` is a valid list of transactions.
unsafe fn owner_of(list: *mut osip_list_t) -> Option<(std::sync::Arc<Engine>, *mut osip_t, Kind)> {
    // SAFETY: per the contract; elements are transactions whose `config` is
    // NULL or their instance.
    unsafe {
        let head = (*list).head();
        let first = head.as_ref()?.element as *const osip_transaction_t;
        let osip = first.as_ref()?.config as *mut osip_t;
        let e = engine::of(osip)?;
        Kind::ALL
            .into_iter()
            .find(|k| engine::public_list(osip, *k).0 == list)
            .map(|k| (e, osip, k))
    }
}

/// Searches `transactions` for the transaction an event belongs to: incoming
/// requests by the server matching rules, incoming responses by the client
/// rules, anything else by `evt->transactionid`. Takes no lock.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_find(
    transactions: *mut osip_list_t,
    evt: *mut osip_event_t,
) -> *mut osip_transaction_t {
    ffi_guard!(null_mut(), {
        if transactions.is_null() || evt.is_null() {
            return null_mut();
        }
        // SAFETY: non-NULL list of transactions and event from the caller.
        unsafe {
            if (*evt).sip.is_null() && (RCV_REQINVITE..=RCV_STATUS_3456XX).contains(&(*evt).type_) {
                return null_mut();
            }
            match owner_of(transactions) {
                Some((e, osip, kind)) => find_indexed(&e, osip, kind, evt),
                None => find_walking(transactions, evt),
            }
        }
    })
}

/// Finds the transaction of an event in the list its message belongs to and,
/// when `consume` is 1, queues the event in it.
#[no_mangle]
pub unsafe extern "C" fn __osip_find_transaction(
    osip: *mut osip_t,
    evt: *mut osip_event_t,
    consume: c_int,
) -> *mut osip_transaction_t {
    ffi_guard!(null_mut(), {
        // SAFETY: `list_for` checks the event; `of` the instance.
        let (Some(kind), Some(e)) = (unsafe { list_for(evt) }, engine::of(osip)) else {
            return null_mut();
        };
        // SAFETY: the instance is valid; the event was checked.
        unsafe {
            crate::ffi::lists::with_list(osip, kind, || {
                let tr = find_indexed(&e, osip, kind, evt);
                if consume == 1 && !tr.is_null() {
                    osip_transaction_add_event(tr, evt);
                }
                tr
            })
        }
    })
}

/// Queues `evt` in the transaction it belongs to: 0 if found (the
/// transaction now owns the event), -1 otherwise (the caller keeps it).
#[no_mangle]
pub unsafe extern "C" fn osip_find_transaction_and_add_event(
    osip: *mut osip_t,
    evt: *mut osip_event_t,
) -> c_int {
    // SAFETY: `__osip_find_transaction` checks its arguments.
    ffi_guard!(-1, {
        if unsafe { __osip_find_transaction(osip, evt, 1) }.is_null() {
            -1
        } else {
            0
        }
    })
}

/// Finds the transaction of an event without queueing the event (declared
/// by libosip2's header for single-threaded builds).
#[no_mangle]
pub unsafe extern "C" fn osip_find_transaction(
    osip: *mut osip_t,
    evt: *mut osip_event_t,
) -> *mut osip_transaction_t {
    // SAFETY: `__osip_find_transaction` checks its arguments.
    ffi_guard!(null_mut(), {
        unsafe { __osip_find_transaction(osip, evt, 0) }
    })
}

/// Creates the transaction a new request needs: IST/NIST for an incoming
/// request, ICT/NICT for an outgoing one; never for an ACK. The event is not
/// queued, but its `transactionid` is set. NULL when no transaction can be
/// built.
#[no_mangle]
pub unsafe extern "C" fn osip_create_transaction(
    osip: *mut osip_t,
    evt: *mut osip_event_t,
) -> *mut osip_transaction_t {
    ffi_guard!(null_mut(), {
        // SAFETY: each pointer is checked before it is followed.
        unsafe {
            let Some(e) = evt.as_mut() else {
                return null_mut();
            };
            let sip: *mut osip_message_t = e.sip;
            if sip.is_null() {
                return null_mut();
            }
            let cseq = (*sip).cseq;
            if is_request(sip) {
                if cseq.is_null() || (*cseq).method.is_null() || (*sip).sip_method.is_null() {
                    return null_mut();
                }
                if !streq((*cseq).method, (*sip).sip_method) {
                    trace!(
                        "osip.c",
                        828,
                        OSIP_WARNING,
                        "core module: Discard invalid message with method!=cseq!\n"
                    );
                    return null_mut();
                }
                if streq((*sip).sip_method, c"ACK".as_ptr()) {
                    return null_mut();
                }
            }
            let invite = !cseq.is_null() && streq((*cseq).method, c"INVITE".as_ptr());
            let kind = match e.type_ {
                RCV_REQINVITE..=RCV_REQUEST if invite => Kind::Ist,
                RCV_REQINVITE..=RCV_REQUEST => Kind::Nist,
                SND_REQINVITE..=SND_REQUEST if invite => Kind::Ict,
                SND_REQINVITE..=SND_REQUEST => Kind::Nict,
                _ => {
                    trace!(
                        "osip.c",
                        852,
                        OSIP_ERROR,
                        "Cannot build a transaction for this message!\n"
                    );
                    return null_mut();
                }
            };
            // A response carried by a request-typed event: libosip2 reads its
            // CSeq unchecked (H7).
            if cseq.is_null() || (*cseq).method.is_null() {
                return null_mut();
            }
            let mut tr: *mut osip_transaction_t = null_mut();
            if osip_transaction_init(&mut tr, kind as c_int, osip, sip) != 0 {
                return null_mut();
            }
            e.transactionid = (*tr).transactionid;
            tr
        }
    })
}
