//! Dialog rules of libosip2 (RFC 3261 section 12) over plain data: how a
//! route set is ordered, when a dialog is confirmed, and how the tags of an
//! in-dialog message decide whether it belongs to a dialog.

/// Where each Record-Route of a message goes in a new route set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteOrder {
    /// Each entry is prepended: a UAC reverses the Record-Routes it received.
    Reversed,
    /// Each entry is appended: a UAS keeps the order of the message.
    AsReceived,
}

impl RouteOrder {
    /// libosip2 decides by whether the dialog is built with a request in
    /// hand (UAS, or UAC from a remote request) or from a response alone.
    pub fn for_dialog(has_request: bool) -> RouteOrder {
        if has_request {
            RouteOrder::AsReceived
        } else {
            RouteOrder::Reversed
        }
    }

    /// The position argument of `osip_list_add`.
    pub fn list_position(self) -> i32 {
        match self {
            RouteOrder::Reversed => 0,
            RouteOrder::AsReceived => -1,
        }
    }
}

/// A 2xx confirms a dialog; anything else (1xx, or a request's status 0)
/// leaves it early.
pub fn confirms(status: i32) -> bool {
    (200..300).contains(&status)
}

/// A `tag` parameter as found in a From or To header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag<'a> {
    Absent,
    /// `;tag` without a value.
    Valueless,
    Value(&'a [u8]),
}

impl<'a> Tag<'a> {
    pub fn from_param(param: Option<Option<&'a [u8]>>) -> Tag<'a> {
        match param {
            None => Tag::Absent,
            Some(None) => Tag::Valueless,
            Some(Some(v)) => Tag::Value(v),
        }
    }
}

/// What a tag comparison decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagCheck {
    /// The tags agree: go on (local tag) or the message matches (remote tag).
    Agree,
    /// The message does not belong to the dialog (-1).
    Mismatch,
    /// A tag that must exist is missing (-5).
    Missing,
    /// Tags cannot decide (an RFC 2543 peer): compare the From and To URIs.
    /// `warn`: the message has a tag the dialog never learnt, which
    /// libosip2 reports as a non-compliant peer.
    CompareUris { warn: bool },
}

/// The local tag of a response matched as UAC (its From tag): both it and
/// the dialog's tag are required.
pub fn local_tag_check(msg: Tag<'_>, dialog: Option<&[u8]>) -> TagCheck {
    match (msg, dialog) {
        (Tag::Absent, _) | (_, None) => TagCheck::Missing,
        (msg, Some(d)) => compare(msg, d),
    }
}

/// The remote tag of a message (To tag of a response, From tag of a
/// request) against the dialog's remote tag.
pub fn remote_tag_check(msg: Tag<'_>, dialog: Option<&[u8]>) -> TagCheck {
    match (msg, dialog) {
        (Tag::Absent, Some(_)) => TagCheck::Missing,
        (Tag::Absent, None) => TagCheck::CompareUris { warn: false },
        (_, None) => TagCheck::CompareUris { warn: true },
        (msg, Some(d)) => compare(msg, d),
    }
}

/// A present message tag against the dialog's tag. libosip2 crashes
/// comparing a valueless tag: it cannot match.
fn compare(msg: Tag<'_>, dialog: &[u8]) -> TagCheck {
    match msg {
        Tag::Value(m) if m == dialog => TagCheck::Agree,
        _ => TagCheck::Mismatch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uac_reverses_uas_keeps_order() {
        assert_eq!(RouteOrder::for_dialog(false), RouteOrder::Reversed);
        assert_eq!(RouteOrder::for_dialog(true), RouteOrder::AsReceived);
        assert_eq!(RouteOrder::Reversed.list_position(), 0);
        assert_eq!(RouteOrder::AsReceived.list_position(), -1);
    }

    #[test]
    fn only_2xx_confirms() {
        for status in [0, 180, 199, 300, 486] {
            assert!(!confirms(status), "{status}");
        }
        for status in [200, 299] {
            assert!(confirms(status), "{status}");
        }
    }

    #[test]
    fn tag_from_param() {
        assert_eq!(Tag::from_param(None), Tag::Absent);
        assert_eq!(Tag::from_param(Some(None)), Tag::Valueless);
        assert_eq!(Tag::from_param(Some(Some(b"x"))), Tag::Value(b"x"));
    }

    type Case = (Tag<'static>, Option<&'static [u8]>, TagCheck);

    fn check_all(check: fn(Tag<'_>, Option<&[u8]>) -> TagCheck, cases: &[Case]) {
        for &(msg, dialog, want) in cases {
            assert_eq!(check(msg, dialog), want, "{msg:?} {dialog:?}");
        }
    }

    #[test]
    fn local_tag_is_required_on_both_sides() {
        use TagCheck::*;
        check_all(
            local_tag_check,
            &[
                (Tag::Absent, Some(b"a"), Missing),
                (Tag::Value(b"a"), None, Missing),
                (Tag::Absent, None, Missing),
                (Tag::Valueless, Some(b"a"), Mismatch),
                (Tag::Value(b"a"), Some(b"a"), Agree),
                (Tag::Value(b"a"), Some(b"ab"), Mismatch),
            ],
        );
    }

    #[test]
    fn remote_tag_falls_back_to_uris_for_old_peers() {
        use TagCheck::*;
        check_all(
            remote_tag_check,
            &[
                (Tag::Absent, Some(b"b"), Missing),
                (Tag::Absent, None, CompareUris { warn: false }),
                (Tag::Value(b"b"), None, CompareUris { warn: true }),
                (Tag::Valueless, None, CompareUris { warn: true }),
                (Tag::Valueless, Some(b"b"), Mismatch),
                (Tag::Value(b"b"), Some(b"b"), Agree),
                (Tag::Value(b"B"), Some(b"b"), Mismatch),
            ],
        );
    }
}
