//! The application's three families of callback, as libosip2 checks their
//! types: when registered (an error of the application) and when the state
//! machines report through them (a bug of the library, logged as one).

use crate::host::{Env, Msg, Parser, Tr};
use crate::kind::Kind;
use crate::trace;
use libc::c_int;
use osip_abi::{
    osip_kill_callback_type, osip_message_callback_type, osip_transport_error_callback_type,
};
use osip_parser_abi::defines::{OSIP_BUG, OSIP_ERROR};

/// A family of callbacks of `osip_t`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `msg_callbacks`: one per `osip_message_callback_type_t`.
    Message,
    /// `kill_callbacks`: one per kind of transaction.
    Kill,
    /// `tp_error_callbacks`: one per kind of transaction.
    TransportError,
}

impl Family {
    /// How many callbacks of the family `osip_t` holds.
    pub fn count(self) -> usize {
        match self {
            Family::Message => osip_message_callback_type::OSIP_MESSAGE_CALLBACK_COUNT as usize,
            Family::Kill => osip_kill_callback_type::OSIP_KILL_CALLBACK_COUNT as usize,
            Family::TransportError => {
                osip_transport_error_callback_type::OSIP_TRANSPORT_ERROR_CALLBACK_COUNT as usize
            }
        }
    }

    /// Where osip.c logs a bad type: when registering, when reporting.
    fn lines(self) -> (c_int, c_int) {
        match self {
            Family::Message => (1690, 1647),
            Family::Kill => (1701, 1661),
            Family::TransportError => (1711, 1678),
        }
    }
}

/// The index of callback type `ty` of `family`, or None (logged at `level`
/// from `line`). Negative types are refused too, where libosip2 indexed
/// with them.
fn index(
    parser: &dyn Parser,
    family: Family,
    ty: c_int,
    level: c_int,
    line: c_int,
) -> Option<usize> {
    let i = usize::try_from(ty).ok().filter(|&i| i < family.count());
    if i.is_none() {
        trace!(
            parser,
            "osip.c",
            line,
            level,
            "invalid callback type %d\n",
            ty
        );
    }
    i
}

/// `osip_set_*_callback`: where callback `ty` of `family` goes, or None
/// (the application passed a bad type, which is logged).
pub fn slot(parser: &dyn Parser, family: Family, ty: c_int) -> Option<usize> {
    index(parser, family, ty, OSIP_ERROR as c_int, family.lines().0)
}

/// Whether the state machines may report `ty` of `family`; a bad type is
/// logged as a bug.
fn reportable(parser: &dyn Parser, family: Family, ty: c_int) -> bool {
    index(parser, family, ty, OSIP_BUG as c_int, family.lines().1).is_some()
}

/// The kill and transport-error callback type of a kind of transaction.
pub fn of_kind(kind: Kind) -> c_int {
    kind.index() as c_int
}

/// Reports message event `ty` of `t` (if any) with `msg`.
pub fn message(env: &mut Env<'_>, ty: c_int, t: Option<Tr>, msg: Msg) {
    if !reportable(env.parser, Family::Message, ty) {
        return;
    }
    if let Some(t) = t {
        env.calls.message(ty, t, msg);
    }
}

/// Reports the end (kill type `ty`) of `t` (if any), stamped with the time
/// first. The application usually frees `t` in this callback.
pub fn kill(env: &mut Env<'_>, ty: c_int, t: Option<Tr>) {
    if !reportable(env.parser, Family::Kill, ty) {
        return;
    }
    let Some(t) = t else { return };
    if let Some(tr) = env.calls.tr(t) {
        tr.completed_time = env.clock.seconds();
        let now = env.clock.now();
        tr.destroyed_time.tv_sec = now.sec;
        tr.destroyed_time.tv_usec = now.usec;
    }
    env.calls.kill(ty, t);
}

/// Reports transport error `code` (type `ty`) of `t` (if any).
pub fn transport_error(env: &mut Env<'_>, ty: c_int, t: Option<Tr>, code: c_int) {
    if !reportable(env.parser, Family::TransportError, ty) {
        return;
    }
    if let Some(t) = t {
        env.calls.transport_error(ty, t, code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::{request, transaction, Seen, World};

    #[test]
    fn a_bad_type_is_logged_and_reported_to_nobody() {
        let mut w = World::new(transaction(Kind::Nist, &request("BYE", "UDP")));
        w.with(|env, t| {
            message(env, -1, Some(t), Msg::NULL);
            kill(env, 4, Some(t));
            transport_error(env, 9, None, 0);
            message(env, 59, None, Msg::NULL);
            transport_error(env, 3, Some(t), -7);
        });
        assert_eq!(w.app.seen, [Seen::TransportError(3, -7)]);
        let traces = w.parser.traces.borrow();
        let lines: Vec<_> = traces.iter().map(|t| (t.1, t.2, t.3.as_str())).collect();
        let bug = OSIP_BUG as c_int;
        assert_eq!(
            lines,
            [
                (1647, bug, "invalid callback type -1\n"),
                (1661, bug, "invalid callback type 4\n"),
                (1678, bug, "invalid callback type 9\n"),
            ]
        );
        drop(traces);
        assert_eq!(slot(&w.parser, Family::Message, 59), Some(59));
        assert_eq!(slot(&w.parser, Family::Kill, 4), None);
        assert_eq!(w.parser.traces.borrow().last().unwrap().1, 1701);
    }
}
