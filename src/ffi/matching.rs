//! The two transaction matchers libosip2 exports under internal names (not
//! declared in the public headers), and the glue from parser structures to
//! the pure rules of `core::matching`.

use crate::abi::codes::{OSIP_BADPARAMETER, OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR};
use crate::abi::osip_transaction_t;
use crate::core::matching::{self, Branch, RequestRule, ResponseMismatch, SentBy};
use crate::parser::util::{cstr, tag, top_via, via_branch};
use crate::parser::{
    osip_call_id_match, osip_cseq_match, osip_from_tag_match, osip_message_t, osip_to_tag_match,
    osip_via_match, osip_via_t, OSIP_BUG, OSIP_ERROR,
};
use libc::{c_char, c_int};
use osip_cabi::export;

/// A Via's branch as the pure rules see it.
///
/// # Safety
/// `via` is NULL or a valid Via whose strings outlive `'a`.
pub(crate) unsafe fn branch<'a>(via: *const osip_via_t) -> Branch<'a> {
    // SAFETY: per the contract.
    match unsafe { via_branch(via) } {
        None => Branch::Absent,
        Some(v) if v.is_null() => Branch::Empty,
        // SAFETY: non-NULL parameter value from the parser.
        Some(v) => Branch::Value(unsafe { cstr(v) }.map_or(&[][..], |c| c.to_bytes())),
    }
}

/// # Safety
/// `p` is NULL or a NUL-terminated string outliving `'a`.
unsafe fn bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: per the contract.
    unsafe { cstr(p) }.map(|c| c.to_bytes())
}

/// # Safety
/// `via` is NULL or a valid Via.
unsafe fn sent_by<'a>(via: *const osip_via_t) -> SentBy<'a> {
    if via.is_null() {
        return SentBy {
            host: None,
            port: None,
        };
    }
    // SAFETY: per the contract.
    unsafe {
        SentBy {
            host: bytes((*via).host),
            port: bytes((*via).port),
        }
    }
}

/// Which kind of transaction a matcher serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Client,
    Server,
}

/// A trace line libosip2's matchers log on their way to an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Complaint {
    MissingVia(Side),
    TransactionWithoutBranch,
    ResponseWithoutBranch,
    EmptyBranch,
}

impl Complaint {
    fn log(self) {
        match self {
            Complaint::MissingVia(Side::Client) => {
                trace!(
                    "osip_transaction.c",
                    592,
                    OSIP_ERROR,
                    "Remote UA is not compliant: missing a Via header!\n"
                );
            }
            Complaint::MissingVia(Side::Server) => {
                trace!(
                    "osip_transaction.c",
                    690,
                    OSIP_ERROR,
                    "Remote UA is not compliant: missing a Via header!\n"
                );
            }
            Complaint::TransactionWithoutBranch => {
                trace!(
                    "osip_transaction.c",
                    599,
                    OSIP_BUG,
                    "You created a transaction without any branch! THIS IS NOT ALLOWED\n"
                );
            }
            Complaint::ResponseWithoutBranch => {
                trace!(
                    "osip_transaction.c",
                    638,
                    OSIP_BUG,
                    "Remote UA is not compliant: missing a branch parameter in  Via header!\n"
                );
            }
            Complaint::EmptyBranch => {
                trace!(
                    "osip_transaction.c",
                    644,
                    OSIP_BUG,
                    "Remote UA is not compliant: missing a branch parameter in  Via header!\n"
                );
            }
        }
    }
}

/// A matcher's answer: libosip2's return code and the line it logs, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub(crate) code: c_int,
    pub(crate) complaint: Option<Complaint>,
}

impl Verdict {
    const fn code(code: c_int) -> Verdict {
        Verdict {
            code,
            complaint: None,
        }
    }

    const fn complaint(code: c_int, complaint: Complaint) -> Verdict {
        Verdict {
            code,
            complaint: Some(complaint),
        }
    }

    /// The code, after logging what libosip2 logs.
    pub(crate) fn logged(self) -> c_int {
        if let Some(c) = self.complaint {
            c.log();
        }
        self.code
    }
}

/// What both matchers check first: a transaction with a context of the
/// right side, a message with a CSeq method, and a top Via. Returns what
/// the rules need, or the verdict.
///
/// # Safety
/// `tr` and `msg` are NULL or valid.
unsafe fn checked<'a>(
    tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
    side: Side,
) -> Result<Checked<'a>, Verdict> {
    // SAFETY: each pointer is checked before it is followed.
    unsafe {
        let has_context = match tr.as_ref() {
            None => false,
            Some(t) if side == Side::Client => {
                !t.ict_context.is_null() || !t.nict_context.is_null()
            }
            Some(t) => !t.ist_context.is_null() || !t.nist_context.is_null(),
        };
        let cseq = msg.as_ref().map_or(std::ptr::null_mut(), |m| m.cseq);
        let method = cseq.as_ref().and_then(|c| bytes(c.method));
        let (true, Some(method)) = (has_context, method) else {
            return Err(Verdict::code(OSIP_BADPARAMETER));
        };
        let via = top_via(msg);
        if via.is_null() {
            return Err(Verdict::complaint(
                OSIP_SYNTAXERROR,
                Complaint::MissingVia(side),
            ));
        }
        let tr_method = (*tr).cseq.as_ref().and_then(|c| bytes(c.method));
        Ok(Checked {
            method,
            tr_method,
            via,
        })
    }
}

/// What `checked` found.
struct Checked<'a> {
    /// CSeq method of the message.
    method: &'a [u8],
    /// CSeq method of the transaction (NULL only if an application broke it).
    tr_method: Option<&'a [u8]>,
    /// Top Via of the message.
    via: *mut osip_via_t,
}

/// Does response `resp` belong to client transaction `tr` (RFC 3261 17.1.3)?
/// 0 yes, -1 no, -2 bad arguments, -5 missing Via or branch; logs as
/// libosip2 does.
///
/// # Safety
/// `tr` and `resp` are NULL or valid.
pub(crate) unsafe fn response_matches(
    tr: *mut osip_transaction_t,
    resp: *mut osip_message_t,
) -> c_int {
    // SAFETY: per the contract.
    unsafe { response_verdict(tr, resp) }.logged()
}

/// [`response_matches`] without the logging.
///
/// # Safety
/// `tr` and `resp` are NULL or valid.
pub(crate) unsafe fn response_verdict(
    tr: *mut osip_transaction_t,
    resp: *mut osip_message_t,
) -> Verdict {
    // SAFETY: per the contract.
    let c = match unsafe { checked(tr, resp, Side::Client) } {
        Ok(c) => c,
        Err(v) => return v,
    };
    // SAFETY: `checked` vouched for `tr`; `c.via` is the response's top Via.
    let rule =
        unsafe { matching::response(branch((*tr).topvia), branch(c.via), c.tr_method, c.method) };
    match rule {
        Ok(()) => Verdict::code(0),
        Err(ResponseMismatch::Different) => Verdict::code(OSIP_UNDEFINED_ERROR),
        Err(ResponseMismatch::TransactionWithoutBranch) => {
            Verdict::complaint(OSIP_SYNTAXERROR, Complaint::TransactionWithoutBranch)
        }
        Err(ResponseMismatch::ResponseWithoutBranch) => {
            Verdict::complaint(OSIP_SYNTAXERROR, Complaint::ResponseWithoutBranch)
        }
        Err(ResponseMismatch::EmptyBranch) => {
            Verdict::complaint(OSIP_SYNTAXERROR, Complaint::EmptyBranch)
        }
    }
}

/// Does request `req` belong to server transaction `tr` (RFC 3261 17.2.3,
/// with the RFC 2543 fallback)? 0 yes, -1 no, -2 bad arguments, -5 missing
/// Via or only one branch; logs as libosip2 does.
///
/// # Safety
/// `tr` and `req` are NULL or valid.
pub(crate) unsafe fn request_matches(
    tr: *mut osip_transaction_t,
    req: *mut osip_message_t,
) -> c_int {
    // SAFETY: per the contract.
    unsafe { request_verdict(tr, req) }.logged()
}

/// [`request_matches`] without the logging.
///
/// # Safety
/// `tr` and `req` are NULL or valid.
pub(crate) unsafe fn request_verdict(
    tr: *mut osip_transaction_t,
    req: *mut osip_message_t,
) -> Verdict {
    // SAFETY: per the contract.
    let c = match unsafe { checked(tr, req, Side::Server) } {
        Ok(c) => c,
        Err(v) => return v,
    };
    // SAFETY: `checked` vouched for `tr`; `c.via` is the request's top Via.
    unsafe {
        let t = &*tr;
        match matching::request(
            branch(t.topvia),
            branch(c.via),
            sent_by(t.topvia),
            sent_by(c.via),
            c.tr_method,
            c.method,
        ) {
            RequestRule::Match => Verdict::code(0),
            RequestRule::NoMatch => Verdict::code(OSIP_UNDEFINED_ERROR),
            RequestRule::OneBranch => Verdict::code(OSIP_SYNTAXERROR),
            RequestRule::Rfc2543 => Verdict::code(rfc2543_matches(tr, req, c.via)),
        }
    }
}

/// RFC 2543 matching: Call-ID, To tag (ACK rules apart), From tag, CSeq and
/// the whole top Via, compared by the parser's own functions.
///
/// # Safety
/// `tr`, `req` and `via` (the request's top Via) are valid.
unsafe fn rfc2543_matches(
    tr: *mut osip_transaction_t,
    req: *mut osip_message_t,
    via: *mut osip_via_t,
) -> c_int {
    const NO: c_int = OSIP_UNDEFINED_ERROR;
    // SAFETY: per the contract; NULL headers are checked before the parser
    // sees them where the parser would follow them.
    unsafe {
        let t = &*tr;
        let r = &*req;
        if osip_call_id_match(t.callid, r.call_id) != 0 {
            return NO;
        }
        let is_ack = r.status_code == 0 && bytes(r.sip_method) == Some(b"ACK");
        if r.status_code == 0 && r.sip_method.is_null() {
            return NO;
        }
        if is_ack {
            if r.to.is_null() {
                return NO;
            }
            match (tag(t.to).is_some(), tag(r.to).is_some()) {
                (false, true) => {}
                (true, false) => return NO,
                _ => {
                    if osip_to_tag_match(t.to, r.to) != 0 {
                        return NO;
                    }
                }
            }
        } else {
            let orig = t.orig_request;
            if orig.is_null() || (*orig).to.is_null() || r.to.is_null() {
                return NO;
            }
            if osip_to_tag_match((*orig).to, r.to) != 0 {
                return NO;
            }
        }
        if t.from.is_null() || r.from.is_null() || osip_from_tag_match(t.from, r.from) != 0 {
            return NO;
        }
        if t.cseq.is_null() || osip_cseq_match(t.cseq, r.cseq) != 0 {
            return NO;
        }
        if t.topvia.is_null() || osip_via_match(t.topvia, via) != 0 {
            return NO;
        }
        0
    }
}

/// libosip2's exported response matcher (see [`response_matches`]).
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_transaction_matching_response_osip_to_xict_17_1_3(
    #[handle] tr: *mut osip_transaction_t,
    #[handle] response: *mut osip_message_t,
) -> c_int {
    // SAFETY: the caller's transaction and message.
    unsafe { response_matches(tr.as_ptr(), response.as_ptr()) }
}

/// libosip2's exported request matcher (see [`request_matches`]).
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_transaction_matching_request_osip_to_xist_17_2_3(
    #[handle] tr: *mut osip_transaction_t,
    #[handle] request: *mut osip_message_t,
) -> c_int {
    // SAFETY: the caller's transaction and message.
    unsafe { request_matches(tr.as_ptr(), request.as_ptr()) }
}
