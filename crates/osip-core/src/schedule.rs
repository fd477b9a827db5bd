//! Which transaction timers can fire in which state, in libosip2's order
//! (spec §9.2–9.4). Shared by `osip_timers_*_execute`, which queues the first
//! due timer of a transaction, and `osip_timers_gettimeout` and the engine's
//! timer index, which need the earliest armed deadline.

use crate::kind::Kind;
use crate::timeval::Tv;

/// Timeout event types (`type_t` values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timer {
    A = 0,
    B = 1,
    D = 2,
    E = 3,
    F = 4,
    K = 5,
    G = 6,
    H = 7,
    I = 8,
    J = 9,
}

// State values of `enum _state_t`.
const ICT_CALLING: i32 = 1;
const ICT_COMPLETED: i32 = 3;
const IST_COMPLETED: i32 = 7;
const IST_CONFIRMED: i32 = 8;
const NICT_TRYING: i32 = 11;
const NICT_PROCEEDING: i32 = 12;
const NICT_COMPLETED: i32 = 13;
const NIST_COMPLETED: i32 = 18;

/// The start fields of a transaction's context, in the order of its struct:
/// ICT (A, B, D), IST (G, H, I), NICT (E, F, K), NIST (J, -, -).
pub type Starts = [Tv; 3];

/// The timers `osip_timers_*_execute` checks in `state`, in the order it
/// checks them (the first due one is queued), with the slot of their start
/// field in [`Starts`].
pub fn candidates(kind: Kind, state: i32) -> &'static [(Timer, usize)] {
    match (kind, state) {
        (Kind::Ict, ICT_CALLING) => &[(Timer::B, 1), (Timer::A, 0)],
        (Kind::Ict, ICT_COMPLETED) => &[(Timer::D, 2)],
        (Kind::Ist, IST_CONFIRMED) => &[(Timer::I, 2)],
        (Kind::Ist, IST_COMPLETED) => &[(Timer::H, 1), (Timer::G, 0)],
        (Kind::Nict, NICT_COMPLETED) => &[(Timer::K, 2)],
        (Kind::Nict, NICT_TRYING | NICT_PROCEEDING) => &[(Timer::F, 1), (Timer::E, 0)],
        (Kind::Nist, NIST_COMPLETED) => &[(Timer::J, 0)],
        _ => &[],
    }
}

/// The timer `osip_timers_*_execute` queues for a transaction now, if any.
pub fn due(kind: Kind, state: i32, starts: &Starts, now: Tv) -> Option<Timer> {
    candidates(kind, state)
        .iter()
        .find(|(_, slot)| starts[*slot].is_armed() && starts[*slot].is_due(now))
        .map(|(t, _)| *t)
}

/// The earliest armed deadline among the timers that can fire in `state`.
pub fn next_deadline(kind: Kind, state: i32, starts: &Starts) -> Option<Tv> {
    candidates(kind, state)
        .iter()
        .map(|(_, slot)| starts[*slot])
        .filter(|t| t.is_armed())
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFF: Tv = Tv::new(-1, 0);

    #[test]
    fn ict_checks_b_before_a_and_only_while_calling() {
        let s = [Tv::new(10, 0), Tv::new(10, 0), Tv::new(5, 0)];
        assert_eq!(
            due(Kind::Ict, ICT_CALLING, &s, Tv::new(10, 0)),
            Some(Timer::B)
        );
        let s = [Tv::new(10, 0), Tv::new(20, 0), Tv::new(5, 0)];
        assert_eq!(
            due(Kind::Ict, ICT_CALLING, &s, Tv::new(10, 0)),
            Some(Timer::A)
        );
        assert_eq!(due(Kind::Ict, ICT_CALLING, &s, Tv::new(9, 999_999)), None);
        // In PROCEEDING nothing fires: an ICT that got a 1xx never times out.
        assert_eq!(due(Kind::Ict, 2, &s, Tv::new(99, 0)), None);
        assert_eq!(
            due(Kind::Ict, ICT_COMPLETED, &s, Tv::new(5, 0)),
            Some(Timer::D)
        );
    }

    #[test]
    fn disarmed_timers_never_fire() {
        let s = [OFF, OFF, OFF];
        for kind in Kind::ALL {
            for state in 0..23 {
                assert_eq!(due(kind, state, &s, Tv::new(1 << 40, 0)), None);
                assert_eq!(next_deadline(kind, state, &s), None);
            }
        }
    }

    #[test]
    fn order_per_kind() {
        let all = [Tv::new(1, 0); 3];
        let now = Tv::new(2, 0);
        assert_eq!(due(Kind::Ist, IST_COMPLETED, &all, now), Some(Timer::H));
        assert_eq!(due(Kind::Ist, IST_CONFIRMED, &all, now), Some(Timer::I));
        assert_eq!(due(Kind::Nict, NICT_TRYING, &all, now), Some(Timer::F));
        assert_eq!(
            due(Kind::Nict, NICT_PROCEEDING, &[Tv::new(1, 0), OFF, OFF], now),
            Some(Timer::E)
        );
        assert_eq!(due(Kind::Nict, NICT_COMPLETED, &all, now), Some(Timer::K));
        assert_eq!(due(Kind::Nist, NIST_COMPLETED, &all, now), Some(Timer::J));
        assert_eq!(due(Kind::Nist, 17, &all, now), None);
    }

    #[test]
    fn next_deadline_is_the_earliest_relevant_armed_start() {
        let s = [Tv::new(3, 0), Tv::new(2, 5), Tv::new(1, 0)];
        assert_eq!(
            next_deadline(Kind::Ict, ICT_CALLING, &s),
            Some(Tv::new(2, 5))
        );
        assert_eq!(
            next_deadline(Kind::Ict, ICT_COMPLETED, &s),
            Some(Tv::new(1, 0))
        );
        assert_eq!(
            next_deadline(Kind::Ist, IST_COMPLETED, &[OFF, Tv::new(7, 0), OFF]),
            Some(Tv::new(7, 0))
        );
    }
}
