//! The four transaction state machines as data: for each (state, event) pair
//! that a machine accepts, the action it runs (RFC 3261 figures 5 to 8, as
//! libosip2 5.3.0 implements them). Any pair not listed is a "useless"
//! event: dropped without callback or state change.

use crate::kind::Kind;
use osip_abi::_state_t::{self, *};
use osip_abi::type_t::{self, *};

/// One action of a state machine, named after libosip2's function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    IctSndInvite,
    IctTimeoutA,
    IctTimeoutB,
    IctRcv1xx,
    IctRcv2xx,
    IctRcv3456xx,
    IctRetransmitAck,
    IctTimeoutD,
    IstRcvInvite,
    IstTimeoutG,
    IstTimeoutH,
    IstSnd1xx,
    IstSnd2xx,
    IstSnd3456xx,
    IstRcvAck,
    IstTimeoutI,
    NictSndRequest,
    NictTimeoutE,
    NictTimeoutF,
    NictTimeoutK,
    NictRcv1xx,
    NictRcv23456xx,
    NistRcvRequest,
    NistSnd1xx,
    NistSnd23456xx,
    NistTimeoutJ,
}

impl Action {
    /// The machine the action belongs to (and whose context it needs).
    pub fn kind(self) -> Kind {
        use Action::*;
        match self {
            IctSndInvite | IctTimeoutA | IctTimeoutB | IctRcv1xx | IctRcv2xx | IctRcv3456xx
            | IctRetransmitAck | IctTimeoutD => Kind::Ict,
            IstRcvInvite | IstTimeoutG | IstTimeoutH | IstSnd1xx | IstSnd2xx | IstSnd3456xx
            | IstRcvAck | IstTimeoutI => Kind::Ist,
            NictSndRequest | NictTimeoutE | NictTimeoutF | NictTimeoutK | NictRcv1xx
            | NictRcv23456xx => Kind::Nict,
            NistRcvRequest | NistSnd1xx | NistSnd23456xx | NistTimeoutJ => Kind::Nist,
        }
    }
}

/// One row of a transition table.
#[derive(Clone, Copy, Debug)]
pub struct Transition {
    pub state: _state_t,
    pub event: type_t,
    pub action: Action,
}

const fn on(state: _state_t, event: type_t, action: Action) -> Transition {
    Transition {
        state,
        event,
        action,
    }
}

use Action::*;

/// INVITE client transaction. No timeouts once PROCEEDING: an INVITE that
/// got a provisional answer waits for its final response forever.
pub const ICT: [Transition; 11] = [
    on(ICT_PRE_CALLING, SND_REQINVITE, IctSndInvite),
    on(ICT_CALLING, TIMEOUT_A, IctTimeoutA),
    on(ICT_CALLING, TIMEOUT_B, IctTimeoutB),
    on(ICT_CALLING, RCV_STATUS_1XX, IctRcv1xx),
    on(ICT_CALLING, RCV_STATUS_2XX, IctRcv2xx),
    on(ICT_CALLING, RCV_STATUS_3456XX, IctRcv3456xx),
    on(ICT_PROCEEDING, RCV_STATUS_1XX, IctRcv1xx),
    on(ICT_PROCEEDING, RCV_STATUS_2XX, IctRcv2xx),
    on(ICT_PROCEEDING, RCV_STATUS_3456XX, IctRcv3456xx),
    on(ICT_COMPLETED, RCV_STATUS_3456XX, IctRetransmitAck),
    on(ICT_COMPLETED, TIMEOUT_D, IctTimeoutD),
];

/// INVITE server transaction. Responses are only accepted while PROCEEDING.
pub const IST: [Transition; 11] = [
    on(IST_PRE_PROCEEDING, RCV_REQINVITE, IstRcvInvite),
    on(IST_PROCEEDING, RCV_REQINVITE, IstRcvInvite),
    on(IST_COMPLETED, RCV_REQINVITE, IstRcvInvite),
    on(IST_COMPLETED, TIMEOUT_G, IstTimeoutG),
    on(IST_COMPLETED, TIMEOUT_H, IstTimeoutH),
    on(IST_PROCEEDING, SND_STATUS_1XX, IstSnd1xx),
    on(IST_PROCEEDING, SND_STATUS_2XX, IstSnd2xx),
    on(IST_PROCEEDING, SND_STATUS_3456XX, IstSnd3456xx),
    on(IST_COMPLETED, RCV_REQACK, IstRcvAck),
    on(IST_CONFIRMED, RCV_REQACK, IstRcvAck),
    on(IST_CONFIRMED, TIMEOUT_I, IstTimeoutI),
];

/// Non-INVITE client transaction. Responses in COMPLETED are dropped.
pub const NICT: [Transition; 12] = [
    on(NICT_PRE_TRYING, SND_REQUEST, NictSndRequest),
    on(NICT_TRYING, TIMEOUT_F, NictTimeoutF),
    on(NICT_TRYING, TIMEOUT_E, NictTimeoutE),
    on(NICT_TRYING, RCV_STATUS_1XX, NictRcv1xx),
    on(NICT_TRYING, RCV_STATUS_2XX, NictRcv23456xx),
    on(NICT_TRYING, RCV_STATUS_3456XX, NictRcv23456xx),
    on(NICT_PROCEEDING, TIMEOUT_F, NictTimeoutF),
    on(NICT_PROCEEDING, TIMEOUT_E, NictTimeoutE),
    on(NICT_PROCEEDING, RCV_STATUS_1XX, NictRcv1xx),
    on(NICT_PROCEEDING, RCV_STATUS_2XX, NictRcv23456xx),
    on(NICT_PROCEEDING, RCV_STATUS_3456XX, NictRcv23456xx),
    on(NICT_COMPLETED, TIMEOUT_K, NictTimeoutK),
];

/// Non-INVITE server transaction. A retransmitted request is dropped while
/// TRYING (nothing has been answered yet).
pub const NIST: [Transition; 10] = [
    on(NIST_PRE_TRYING, RCV_REQUEST, NistRcvRequest),
    on(NIST_TRYING, SND_STATUS_1XX, NistSnd1xx),
    on(NIST_TRYING, SND_STATUS_2XX, NistSnd23456xx),
    on(NIST_TRYING, SND_STATUS_3456XX, NistSnd23456xx),
    on(NIST_PROCEEDING, SND_STATUS_1XX, NistSnd1xx),
    on(NIST_PROCEEDING, SND_STATUS_2XX, NistSnd23456xx),
    on(NIST_PROCEEDING, SND_STATUS_3456XX, NistSnd23456xx),
    on(NIST_PROCEEDING, RCV_REQUEST, NistRcvRequest),
    on(NIST_COMPLETED, TIMEOUT_J, NistTimeoutJ),
    on(NIST_COMPLETED, RCV_REQUEST, NistRcvRequest),
];

/// The table of a kind of transaction.
pub fn table(kind: Kind) -> &'static [Transition] {
    match kind {
        Kind::Ict => &ICT,
        Kind::Ist => &IST,
        Kind::Nict => &NICT,
        Kind::Nist => &NIST,
    }
}

/// The state each machine ends in; its kill callback follows.
pub fn terminated(kind: Kind) -> _state_t {
    match kind {
        Kind::Ict => ICT_TERMINATED,
        Kind::Ist => IST_TERMINATED,
        Kind::Nict => NICT_TERMINATED,
        Kind::Nist => NIST_TERMINATED,
    }
}

/// The action for `event` in `state` (raw C values), if the machine has one.
pub fn lookup(kind: Kind, state: i32, event: i32) -> Option<Action> {
    table(kind)
        .iter()
        .find(|t| t.state as i32 == state && t.event as i32 == event)
        .map(|t| t.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_runs_in_its_own_machine() {
        for kind in Kind::ALL {
            for t in table(kind) {
                assert_eq!(t.action.kind(), kind, "{t:?}");
            }
        }
    }

    #[test]
    fn pairs_are_unique() {
        for kind in Kind::ALL {
            let t = table(kind);
            for (i, a) in t.iter().enumerate() {
                for b in &t[i + 1..] {
                    assert!(a.state != b.state || a.event != b.event, "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn nothing_leaves_terminated() {
        for kind in Kind::ALL {
            let end = terminated(kind);
            assert!(table(kind).iter().all(|t| t.state != end), "{kind:?}");
        }
    }

    fn lookup_of(kind: Kind, state: _state_t, event: type_t) -> Option<Action> {
        lookup(kind, state as i32, event as i32)
    }

    #[test]
    fn notable_absences() {
        let absent = [
            // An ICT that got a 1xx never times out.
            (Kind::Ict, ICT_PROCEEDING, TIMEOUT_B),
            (Kind::Ict, ICT_PROCEEDING, TIMEOUT_A),
            (Kind::Ict, ICT_COMPLETED, RCV_STATUS_2XX),
            (Kind::Ist, IST_COMPLETED, SND_STATUS_3456XX),
            (Kind::Ist, IST_PROCEEDING, RCV_REQACK),
            (Kind::Nict, NICT_COMPLETED, RCV_STATUS_2XX),
            (Kind::Nist, NIST_TRYING, RCV_REQUEST),
            (Kind::Nist, NIST_TERMINATED, TIMEOUT_J),
        ];
        for (kind, state, event) in absent {
            assert_eq!(lookup_of(kind, state, event), None, "{state:?} {event:?}");
        }
    }

    #[test]
    fn lookups() {
        let present = [
            (
                Kind::Ict,
                ICT_COMPLETED,
                RCV_STATUS_3456XX,
                IctRetransmitAck,
            ),
            (Kind::Ist, IST_CONFIRMED, RCV_REQACK, IstRcvAck),
            (Kind::Nict, NICT_PROCEEDING, TIMEOUT_E, NictTimeoutE),
            (Kind::Nist, NIST_COMPLETED, RCV_REQUEST, NistRcvRequest),
        ];
        for (kind, state, event, action) in present {
            assert_eq!(lookup_of(kind, state, event), Some(action));
        }
        assert_eq!(lookup(Kind::Nist, -1, 12), None);
    }
}
