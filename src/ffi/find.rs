//! Finding the transaction an event belongs to, and creating transactions
//! for new requests (spec §8). Matching goes through the engine's index, so
//! its cost does not grow with the number of transactions; the answers are
//! those of libosip2's list walk: candidates are checked with the real
//! matchers in list order.

use crate::abi::{osip_event_t, osip_t, osip_transaction_t, type_t};
use crate::core::kind::Kind;
use crate::engine::{self, stats, CList, CMem, Engine};
use crate::ffi::matching::{
    branch, request_matches, request_verdict, response_matches, response_verdict, Verdict,
};
use crate::ffi::osip::Instance;
use crate::ffi::transaction::{add_event, init};
use crate::parser::util::{cstr, is_request, streq, top_via};
use crate::parser::{osip_list_t, osip_message_t, OSIP_ERROR, OSIP_WARNING};
use libc::c_int;
use osip_cabi::export;
use std::ptr::{null_mut, NonNull};

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
/// `osip` is the engine's live instance; `evt` is a valid event.
unsafe fn find_indexed(
    e: &Engine,
    osip: *mut osip_t,
    kind: Kind,
    evt: *const osip_event_t,
) -> *mut osip_transaction_t {
    // SAFETY: per the contract.
    unsafe {
        let got = lookup(e, osip, kind, evt);
        if osip_core::hints::cross_check() {
            cross_check_lookup(e, osip, kind, evt, got);
        }
        got
    }
}

/// The cross-check of a lookup (see `engine::cross_check`): libosip2's
/// walk of the list, without its trace lines, finds the same transaction,
/// unless the one it finds is filed under keys its headers no longer give
/// (an application rewrote its Via branch: docs/deviations.md).
///
/// # Safety
/// As [`find_indexed`].
unsafe fn cross_check_lookup(
    e: &Engine,
    osip: *mut osip_t,
    kind: Kind,
    evt: *const osip_event_t,
    got: *mut osip_transaction_t,
) {
    // SAFETY: per the contract.
    unsafe {
        engine::cross_check(e, osip, kind);
        let list = engine::public_list(osip, kind).0;
        if !osip_core::engine::check::sampled((*list).count().max(0) as usize) {
            return;
        }
        let want = find_walking(list, evt, Voice::Quiet);
        let rewritten = !want.is_null() && !e.filed_as_now(kind, want as usize, &CMem);
        if want != got && !rewritten {
            panic!("cross-check: the {kind:?} lookup found {got:?}, libosip2's walk {want:?}");
        }
    }
}

/// The engine's lookup behind [`find_indexed`].
///
/// # Safety
/// As [`find_indexed`].
unsafe fn lookup(
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

/// How a walk of a list reports.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Voice {
    /// As libosip2: its trace lines, and the work counters.
    Loud,
    /// Neither (the cross-check's reference walk).
    Quiet,
}

/// The same search by walking a list (for lists that are not an engine's,
/// and as the cross-check's reference).
///
/// # Safety
/// `list` is a valid list of transactions; `evt` is a valid event.
unsafe fn find_walking(
    list: *const osip_list_t,
    evt: *const osip_event_t,
    voice: Voice,
) -> *mut osip_transaction_t {
    let answer = |v: Verdict| match voice {
        Voice::Loud => v.logged(),
        Voice::Quiet => v.code,
    };
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
            if voice == Voice::Loud {
                stats::bump(&stats::NODES_WALKED, 1);
                stats::bump(&stats::MATCHED, 1);
            }
            let tr = (*node).element as *mut osip_transaction_t;
            let hit = match evt.type_ {
                RCV_REQINVITE..=RCV_REQUEST => answer(request_verdict(tr, evt.sip)) == 0,
                RCV_STATUS_1XX..=RCV_STATUS_3456XX => answer(response_verdict(tr, evt.sip)) == 0,
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
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_find(
    #[handle] transactions: *mut osip_list_t,
    #[handle] evt: *mut osip_event_t,
) -> *mut osip_transaction_t {
    let (list, evt) = (transactions.as_ptr(), evt.as_ptr());
    // SAFETY: the caller's event.
    let (sip, type_) = unsafe { ((*evt).sip, (*evt).type_) };
    if sip.is_null() && (RCV_REQINVITE..=RCV_STATUS_3456XX).contains(&type_) {
        return null_mut();
    }
    // SAFETY: the caller's list of transactions.
    match unsafe { owner_of(list) } {
        // SAFETY: the engine's instance and the caller's event.
        Some((e, osip, kind)) => unsafe { find_indexed(&e, osip, kind, evt) },
        // SAFETY: the caller's list and event.
        None => unsafe { find_walking(list, evt, Voice::Loud) },
    }
}

/// The transaction of an event, found in the list its message belongs to;
/// when `consume`, the event is queued in it.
///
/// # Safety
/// `evt` is a valid event.
unsafe fn find(
    osip: Instance,
    evt: NonNull<osip_event_t>,
    consume: bool,
) -> *mut osip_transaction_t {
    let evt = evt.as_ptr();
    // SAFETY: per the contract.
    let (Some(kind), Some(e)) = (unsafe { list_for(evt) }, osip.engine()) else {
        return null_mut();
    };
    osip.with_list(kind, |_| {
        // SAFETY: the engine's instance, its list mutex held; a valid event.
        let tr = unsafe { find_indexed(&e, osip.as_ptr(), kind, evt) };
        if consume && !tr.is_null() {
            // SAFETY: a listed transaction takes the caller's event.
            unsafe { add_event(tr, evt) };
        }
        tr
    })
}

/// Finds the transaction of an event in the list its message belongs to and,
/// when `consume` is 1, queues the event in it.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_find_transaction(
    #[handle] osip: *mut osip_t,
    #[handle] evt: *mut osip_event_t,
    consume: c_int,
) -> *mut osip_transaction_t {
    // SAFETY: the caller's instance and event, for this call.
    unsafe { find(Instance::new(osip), evt, consume == 1) }
}

/// Queues `evt` in the transaction it belongs to: 0 if found (the
/// transaction now owns the event), -1 otherwise (the caller keeps it).
#[export(refuse = -1)]
#[no_mangle]
pub unsafe extern "C" fn osip_find_transaction_and_add_event(
    #[handle] osip: *mut osip_t,
    #[handle] evt: *mut osip_event_t,
) -> c_int {
    // SAFETY: the caller's instance and event, for this call.
    if unsafe { find(Instance::new(osip), evt, true) }.is_null() {
        -1
    } else {
        0
    }
}

/// Finds the transaction of an event without queueing the event (declared
/// by libosip2's header for single-threaded builds).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_find_transaction(
    #[handle] osip: *mut osip_t,
    #[handle] evt: *mut osip_event_t,
) -> *mut osip_transaction_t {
    // SAFETY: the caller's instance and event, for this call.
    unsafe { find(Instance::new(osip), evt, false) }
}

/// Creates the transaction a new request needs: IST/NIST for an incoming
/// request, ICT/NICT for an outgoing one; never for an ACK. The event is not
/// queued, but its `transactionid` is set. NULL when no transaction can be
/// built.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_create_transaction(
    osip: *mut osip_t,
    #[nonnull] evt: *mut osip_event_t,
) -> *mut osip_transaction_t {
    // SAFETY: the caller's event, its message NULL or valid.
    let Some(kind) = (unsafe { kind_to_create(evt) }) else {
        return null_mut();
    };
    let mut tr: *mut osip_transaction_t = null_mut();
    // SAFETY: `osip` is NULL or the caller's instance; the message was checked.
    if unsafe {
        init(
            &mut tr,
            kind as c_int,
            std::ptr::NonNull::new(osip),
            evt.sip.as_ref(),
        )
    } != 0
    {
        return null_mut();
    }
    // SAFETY: made above.
    evt.transactionid = unsafe { (*tr).transactionid };
    tr
}

/// The kind of transaction `osip_create_transaction` makes for an event, if
/// any (with libosip2's trace lines).
///
/// # Safety
/// `e.sip` is NULL or a valid message.
unsafe fn kind_to_create(e: &osip_event_t) -> Option<Kind> {
    // SAFETY: each pointer is checked before it is followed.
    unsafe {
        let sip: *mut osip_message_t = e.sip;
        if sip.is_null() {
            return None;
        }
        let cseq = (*sip).cseq;
        if is_request(sip) {
            if cseq.is_null() || (*cseq).method.is_null() || (*sip).sip_method.is_null() {
                return None;
            }
            if !streq((*cseq).method, (*sip).sip_method) {
                trace!(
                    "osip.c",
                    828,
                    OSIP_WARNING,
                    "core module: Discard invalid message with method!=cseq!\n"
                );
                return None;
            }
            if streq((*sip).sip_method, c"ACK".as_ptr()) {
                return None;
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
                return None;
            }
        };
        // A response carried by a request-typed event: libosip2 reads its
        // CSeq unchecked (H7).
        if cseq.is_null() || (*cseq).method.is_null() {
            return None;
        }
        Some(kind)
    }
}
