//! A transaction's life as libosip2 runs it: what `osip_transaction_init`
//! copies from the request, what freeing it releases, and how an event
//! runs through its state machine.

use crate::actions::{self, Event, Left};
use crate::classify::is_message_event;
use crate::context;
use crate::fsm;
use crate::host::{Arg, Clock, Env, Parser, Tr};
use crate::kind::Kind;
use crate::msg::top_via;
use crate::trace;
use libc::{c_int, c_uint, timeval};
use osip_abi::_state_t::{ICT_PRE_CALLING, IST_PRE_PROCEEDING, NICT_PRE_TRYING, NIST_PRE_TRYING};
use osip_abi::codes::{OSIP_BADPARAMETER, OSIP_SYNTAXERROR};
use osip_abi::{osip_event_t, osip_transaction_t, type_t};
use osip_cmem::{CObject, Owned};
use osip_parser_abi::defines::{OSIP_INFO2, OSIP_INFO3, OSIP_INFO4};
use osip_parser_abi::osip_message_t;
use std::ffi::CStr;

/// The Call-ID number a request needs before anything is made for it
/// (libosip2 logs it).
pub fn call_id(request: &osip_message_t) -> Option<&CStr> {
    request.call_id()?.number()
}

/// A copy of one of the request's headers (-2 when it has none).
fn copy<T: CObject>(
    h: Option<&T>,
    clone: impl FnOnce(&T) -> Result<Owned<T>, c_int>,
) -> Result<Owned<T>, c_int> {
    clone(h.ok_or(OSIP_BADPARAMETER)?)
}

/// Fills a fresh transaction of kind `ctx_type` (any value but ICT, IST or
/// NICT behaves as NIST) for `request`, whose headers it copies; returns
/// the kind of list it belongs in. The caller gave it its id, instance and
/// event queue, and frees it on error: -5 without Via, the parser's code
/// when a header cannot be copied, the context's when it cannot be made.
pub fn build(
    parser: &dyn Parser,
    clock: &dyn Clock,
    tr: &mut osip_transaction_t,
    ctx_type: c_int,
    request: &osip_message_t,
) -> Result<Kind, c_int> {
    tr.birth_time = clock.seconds();
    let now = clock.now();
    tr.created_time = timeval {
        tv_sec: now.sec,
        tv_usec: now.usec,
    };
    if let Some(number) = call_id(request) {
        trace!(
            parser,
            "osip_transaction.c",
            143,
            OSIP_INFO2,
            "allocating transaction resource %i %s\n",
            tr.transactionid,
            number
        );
    }
    tr.ctx_type = ctx_type;
    let via = top_via(request).ok_or(OSIP_SYNTAXERROR)?;
    tr.set_topvia(Some(parser.clone_via(via)?));
    tr.set_from(Some(copy(request.from(), |h| {
        parser.clone_name_addr(Some(h))
    })?));
    tr.set_to(Some(copy(request.to(), |h| parser.clone_to(h))?));
    tr.set_callid(Some(copy(request.call_id(), |h| parser.clone_call_id(h))?));
    tr.set_cseq(Some(copy(request.cseq(), |h| parser.clone_cseq(h))?));
    let kind = Kind::from_ctx_type(ctx_type);
    let request = Some(request);
    match kind {
        Kind::Ict => {
            tr.store_state(ICT_PRE_CALLING as c_int);
            tr.set_ict_context(Some(context::new_ict(parser, clock, request)?));
        }
        Kind::Ist => {
            tr.store_state(IST_PRE_PROCEEDING as c_int);
            tr.set_ist_context(Some(context::new_ist(parser, request)?));
        }
        Kind::Nict => {
            tr.store_state(NICT_PRE_TRYING as c_int);
            tr.set_nict_context(Some(context::new_nict(parser, clock, request)?));
        }
        Kind::Nist => {
            tr.store_state(NIST_PRE_TRYING as c_int);
            tr.set_nist_context(Some(context::new_nist(parser, request)?));
        }
    }
    Ok(kind)
}

/// Logs that a transaction being freed was in no list of its instance.
pub fn note_unlisted(parser: &dyn Parser, id: c_int) {
    trace!(
        parser,
        "osip_transaction.c",
        293,
        OSIP_INFO4,
        "transaction already removed from list %i!\n",
        id
    );
}

/// Frees what a transaction owns but its event queue: the context of its
/// kind (a context of another kind is the application's), its messages
/// and the headers copied from its request.
pub fn release(parser: &dyn Parser, tr: &mut osip_transaction_t) {
    if let Some(number) = tr.orig_request().and_then(call_id) {
        trace!(
            parser,
            "osip_transaction.c",
            308,
            OSIP_INFO2,
            "free transaction resource %i %s\n",
            tr.transactionid,
            number
        );
    }
    match Kind::from_ctx_type(tr.ctx_type) {
        Kind::Ict => tr.take_ict_context().map(|c| context::free_ict(parser, c)),
        Kind::Ist => tr.take_ist_context().map(|c| context::free_ist(parser, c)),
        Kind::Nict => tr
            .take_nict_context()
            .map(|c| context::free_nict(parser, c)),
        Kind::Nist => tr
            .take_nist_context()
            .map(|c| context::free_nist(parser, c)),
    };
    tr.set_orig_request(None);
    tr.set_last_response(None);
    tr.set_ack(None);
    tr.set_topvia(None);
    tr.set_from(None);
    tr.set_to(None);
    tr.set_callid(None);
    tr.set_cseq(None);
}

/// `osip_transaction_execute`: runs `evt` through the state machine of
/// `t`, then frees it; its message ends up in the transaction or freed.
/// Returns 1, or 0 for a KILL_TRANSACTION event (freed without its message,
/// which stays whoever's it was; the transaction is left alone).
pub fn execute(env: &mut Env<'_>, t: Tr, mut evt: Owned<osip_event_t>) -> c_int {
    let ty = evt.type_;
    let msg = evt.take_sip();
    if ty == type_t::KILL_TRANSACTION as c_int {
        std::mem::forget(msg);
        return 0;
    }
    let address = msg.as_ref().map_or(0, |m| m.as_ptr() as usize);
    let action = env.calls.tr(t).and_then(|tr| {
        let p = env.parser;
        trace!(
            p,
            "osip_transaction.c",
            377,
            OSIP_INFO4,
            "sipevent tr->transactionid: %i\n",
            tr.transactionid
        );
        trace!(
            p,
            "osip_transaction.c",
            378,
            OSIP_INFO4,
            "sipevent tr->state: %i\n",
            tr.state
        );
        trace!(
            p,
            "osip_transaction.c",
            379,
            OSIP_INFO4,
            "sipevent evt->type: %i\n",
            ty
        );
        // libosip2 prints the message's address truncated to an `int`.
        trace!(
            p,
            "osip_transaction.c",
            380,
            OSIP_INFO4,
            "sipevent evt->sip: %x\n",
            Arg::Hex(address as c_uint)
        );
        fsm::lookup(Kind::from_ctx_type(tr.ctx_type), tr.state, ty)
    });
    let ev = Event { ty, msg };
    let ran = match action {
        Some(a) => actions::run(env, t, ev, a),
        None => Err(ev),
    };
    match ran {
        Ok(left) => {
            trace!(
                env.parser,
                "osip_transaction.c",
                405,
                OSIP_INFO4,
                "sipevent evt: method called!\n"
            );
            // A message the action only lent stays whoever's it was.
            if let Left::Lent(msg) = left {
                std::mem::forget(msg);
            }
        }
        Err(ev) => {
            trace!(
                env.parser,
                "osip_transaction.c",
                395,
                OSIP_INFO3,
                "USELESS event!\n"
            );
            if is_message_event(ty) {
                drop(ev.msg);
            } else {
                std::mem::forget(ev.msg);
            }
        }
    }
    1
}

/// A client transaction's next hop (its context's destination and port);
/// None for a server transaction.
pub fn destination(tr: &osip_transaction_t) -> Option<(Option<&CStr>, c_int)> {
    match (tr.ict_context(), tr.nict_context()) {
        (Some(ict), _) => Some((ict.destination(), ict.port)),
        (None, Some(nict)) => Some((nict.destination(), nict.port)),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::{request, FakeClock, FakeParser};
    use crate::timeval::Tv;
    use std::cell::Cell;

    fn build_for(
        ctx_type: c_int,
        request: &osip_message_t,
    ) -> (Owned<osip_transaction_t>, Result<Kind, c_int>) {
        let mut tr = Owned::<osip_transaction_t>::new().unwrap();
        let clock = FakeClock(Cell::new(Tv::new(50, 25)));
        let r = build(&FakeParser::default(), &clock, &mut tr, ctx_type, request);
        (tr, r)
    }

    #[test]
    fn a_transaction_copies_the_headers_of_its_request() {
        let (tr, kind) = build_for(9, &request("MESSAGE", "UDP"));
        assert_eq!(kind, Ok(Kind::Nist));
        assert_eq!(tr.state, NIST_PRE_TRYING as c_int);
        assert_eq!((tr.birth_time, tr.created_time.tv_usec), (50, 25));
        assert_eq!(tr.callid().unwrap().number().unwrap().to_bytes(), b"call1");
        assert_eq!(tr.cseq().unwrap().method().unwrap().to_bytes(), b"MESSAGE");
        assert!(tr.topvia().is_some() && tr.nist_context().is_some());
        assert!(destination(&tr).is_none());
        let (tr, _) = build_for(0, &request("INVITE", "UDP"));
        let (host, port) = destination(&tr).unwrap();
        assert_eq!((host.unwrap().to_bytes(), port), (&b"b.example"[..], 5070));
    }

    #[test]
    fn a_request_without_via_or_from_makes_no_transaction() {
        let mut m = request("MESSAGE", "UDP");
        m.set_from(None);
        assert_eq!(build_for(3, &m).1, Err(OSIP_BADPARAMETER));
        m.vias_mut().clear();
        assert_eq!(build_for(3, &m).1, Err(OSIP_SYNTAXERROR));
    }

    #[test]
    fn release_frees_the_context_of_the_transactions_kind_only() {
        let lib = FakeParser::default();
        let (mut tr, _) = build_for(2, &request("BYE", "UDP"));
        tr.set_orig_request(Some(request("BYE", "UDP")));
        release(&lib, &mut tr);
        assert!(tr.nict_context().is_none() && tr.orig_request().is_none());
        assert!(tr.topvia().is_none() && tr.cseq().is_none());
        let traces = lib.traces.borrow();
        assert_eq!(traces[0].3, "free transaction resource 0 call1\n");
        assert_eq!(traces[1].3, "free nict resource\n");
    }
}
