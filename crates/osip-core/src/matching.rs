//! Transaction matching rules of libosip2 5.3.0 (spec §8.3, §8.4), over
//! plain byte strings. The RFC 2543 fallback compares whole headers with the
//! parser's own functions, so it is only *selected* here and carried out by
//! the FFI layer.

/// A Via `branch` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Branch<'a> {
    Absent,
    /// `;branch` without a value.
    Empty,
    Value(&'a [u8]),
}

impl<'a> Branch<'a> {
    /// The key the matching index files a transaction or message under.
    pub fn key(self) -> Option<&'a [u8]> {
        match self {
            Branch::Value(v) => Some(v),
            _ => None,
        }
    }
}

const MAGIC_COOKIE: &[u8] = b"z9hG4bK";

/// Whether a branch value says an RFC 3261 client made it: only such
/// branches are compared alone (see [`request`]).
pub fn has_magic_cookie(branch: &[u8]) -> bool {
    branch.starts_with(MAGIC_COOKIE)
}

/// Why a response matches no client transaction, when libosip2 logs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseMismatch {
    /// The transaction's own Via has no branch (a BUG trace, -5).
    TransactionWithoutBranch,
    /// The response's Via has no branch (a BUG trace, -5).
    ResponseWithoutBranch,
    /// A branch parameter without value (a BUG trace, -5).
    EmptyBranch,
    /// Different branch or CSeq method (-1, silent).
    Different,
}

/// Response to client transaction (RFC 3261 17.1.3, libosip2's variant):
/// equal branches (exact bytes, no magic-cookie requirement) and equal CSeq
/// methods. Sent-by is not compared.
pub fn response(
    tr_branch: Branch,
    resp_branch: Branch,
    tr_method: Option<&[u8]>,
    resp_method: &[u8],
) -> Result<(), ResponseMismatch> {
    let tr = match tr_branch {
        Branch::Absent => return Err(ResponseMismatch::TransactionWithoutBranch),
        b => b,
    };
    let resp = match resp_branch {
        Branch::Absent => return Err(ResponseMismatch::ResponseWithoutBranch),
        b => b,
    };
    let (Branch::Value(tr), Branch::Value(resp)) = (tr, resp) else {
        return Err(ResponseMismatch::EmptyBranch);
    };
    if tr != resp || tr_method != Some(resp_method) {
        return Err(ResponseMismatch::Different);
    }
    Ok(())
}

/// Host and port of a Via (sent-by), as the strings the parser stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentBy<'a> {
    pub host: Option<&'a [u8]>,
    pub port: Option<&'a [u8]>,
}

/// What the request matcher concludes from the branches alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestRule {
    /// 0: the request belongs to the transaction.
    Match,
    /// -1.
    NoMatch,
    /// -5: exactly one of the two Vias has a branch.
    OneBranch,
    /// Compare Call-ID, tags, CSeq and Via as RFC 2543 does.
    Rfc2543,
}

/// Request to server transaction (RFC 3261 17.2.3, libosip2's variant): an
/// equal-length requirement comes before the magic-cookie test; sent-by
/// ports are compared as strings with "5060" as the implied default; an ACK
/// matches an INVITE transaction.
pub fn request(
    tr_branch: Branch,
    req_branch: Branch,
    tr_sent_by: SentBy,
    req_sent_by: SentBy,
    tr_method: Option<&[u8]>,
    req_method: &[u8],
) -> RequestRule {
    match (tr_branch, req_branch) {
        (Branch::Absent, Branch::Absent) => RequestRule::Rfc2543,
        (Branch::Absent, _) | (_, Branch::Absent) => RequestRule::OneBranch,
        (Branch::Value(orig), Branch::Value(req)) => {
            if orig.len() != req.len() {
                RequestRule::NoMatch
            } else if has_magic_cookie(orig) && has_magic_cookie(req) {
                if orig == req
                    && same_sent_by(tr_sent_by, req_sent_by)
                    && same_method(tr_method, req_method)
                {
                    RequestRule::Match
                } else {
                    RequestRule::NoMatch
                }
            } else {
                RequestRule::Rfc2543
            }
        }
        _ => RequestRule::NoMatch,
    }
}

fn same_sent_by(tr: SentBy, req: SentBy) -> bool {
    let (Some(oh), Some(h)) = (tr.host, req.host) else {
        return false;
    };
    if oh != h {
        return false;
    }
    match (tr.port, req.port) {
        (None, None) => true,
        (None, Some(p)) | (Some(p), None) => p == b"5060",
        (Some(op), Some(p)) => op == p,
    }
}

fn same_method(tr_method: Option<&[u8]>, req_method: &[u8]) -> bool {
    match tr_method {
        Some(b"INVITE") if req_method == b"ACK" => true,
        Some(m) => m == req_method,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Branch<'_> {
        Branch::Value(s.as_bytes())
    }
    fn sb<'a>(h: &'a str, p: Option<&'a str>) -> SentBy<'a> {
        SentBy {
            host: Some(h.as_bytes()),
            port: p.map(str::as_bytes),
        }
    }

    #[test]
    fn responses_need_equal_branch_and_method() {
        let inv = Some(&b"INVITE"[..]);
        assert_eq!(
            response(v("z9hG4bK1"), v("z9hG4bK1"), inv, b"INVITE"),
            Ok(())
        );
        assert_eq!(
            response(v("abc"), v("abc"), inv, b"INVITE"),
            Ok(()),
            "no cookie needed"
        );
        assert_eq!(
            response(v("z9hG4bK1"), v("z9hG4bK1"), inv, b"CANCEL"),
            Err(ResponseMismatch::Different)
        );
        assert_eq!(
            response(v("z9hG4bK1"), v("z9hG4bk1"), inv, b"INVITE"),
            Err(ResponseMismatch::Different)
        );
        assert_eq!(
            response(Branch::Absent, v("x"), inv, b"INVITE"),
            Err(ResponseMismatch::TransactionWithoutBranch)
        );
        assert_eq!(
            response(v("x"), Branch::Absent, inv, b"INVITE"),
            Err(ResponseMismatch::ResponseWithoutBranch)
        );
        assert_eq!(
            response(Branch::Empty, v("x"), inv, b"INVITE"),
            Err(ResponseMismatch::EmptyBranch)
        );
    }

    #[test]
    fn rfc3261_requests() {
        let inv = Some(&b"INVITE"[..]);
        let a = sb("10.0.0.9", Some("5062"));
        let b = v("z9hG4bKist1");
        assert_eq!(request(b, b, a, a, inv, b"INVITE"), RequestRule::Match);
        assert_eq!(request(b, b, a, a, inv, b"ACK"), RequestRule::Match);
        assert_eq!(request(b, b, a, a, inv, b"CANCEL"), RequestRule::NoMatch);
        assert_eq!(
            request(b, b, a, sb("10.0.0.9", Some("5063")), inv, b"INVITE"),
            RequestRule::NoMatch
        );
        assert_eq!(
            request(b, b, a, sb("10.0.0.9", None), inv, b"INVITE"),
            RequestRule::NoMatch
        );
        assert_eq!(
            request(b, b, a, sb("10.0.0.10", Some("5062")), inv, b"INVITE"),
            RequestRule::NoMatch
        );
        assert_eq!(
            request(b, v("z9hG4bKist2x"), a, a, inv, b"INVITE"),
            RequestRule::NoMatch,
            "length differs"
        );
        assert_eq!(
            request(b, v("z9hG4bKist2"), a, a, inv, b"INVITE"),
            RequestRule::NoMatch
        );
        assert_eq!(
            request(b, Branch::Empty, a, a, inv, b"INVITE"),
            RequestRule::NoMatch
        );
        assert_eq!(
            request(b, Branch::Absent, a, a, inv, b"INVITE"),
            RequestRule::OneBranch
        );
    }

    #[test]
    fn implied_port_is_5060_as_a_string() {
        let inv = Some(&b"INVITE"[..]);
        let b = v("z9hG4bKx");
        let bare = sb("h", None);
        assert_eq!(
            request(b, b, bare, sb("h", Some("5060")), inv, b"INVITE"),
            RequestRule::Match
        );
        assert_eq!(
            request(b, b, sb("h", Some("5060")), bare, inv, b"INVITE"),
            RequestRule::Match
        );
        assert_eq!(
            request(b, b, bare, sb("h", Some("05060")), inv, b"INVITE"),
            RequestRule::NoMatch
        );
        assert_eq!(
            request(b, b, bare, bare, inv, b"INVITE"),
            RequestRule::Match
        );
    }

    #[test]
    fn fallback_when_no_cookie_or_no_branch() {
        let m = Some(&b"OPTIONS"[..]);
        let s = sb("h", None);
        assert_eq!(
            request(Branch::Absent, Branch::Absent, s, s, m, b"OPTIONS"),
            RequestRule::Rfc2543
        );
        assert_eq!(
            request(v("abc123"), v("abc123"), s, s, m, b"OPTIONS"),
            RequestRule::Rfc2543
        );
        // Same length, only one with the cookie: still the RFC 2543 rules.
        assert_eq!(
            request(v("z9hG4bKa"), v("12345678"), s, s, m, b"OPTIONS"),
            RequestRule::Rfc2543
        );
        assert_eq!(
            request(Branch::Absent, v("z9hG4bKa"), s, s, m, b"OPTIONS"),
            RequestRule::OneBranch
        );
    }
}
