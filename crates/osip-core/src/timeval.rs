//! `struct timeval` arithmetic exactly as libosip2 does it, including its
//! quirks (no normalisation of negative microseconds, whole-second rounding
//! for very long delays), on plain integers.

/// A point in time on the monotonic clock: seconds and microseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Tv {
    pub sec: i64,
    pub usec: i64,
}

impl Tv {
    pub const fn new(sec: i64, usec: i64) -> Tv {
        Tv { sec, usec }
    }

    /// A timer whose `tv_sec` is -1 is not armed.
    pub const fn is_armed(self) -> bool {
        self.sec != -1
    }

    /// `add_gettimeofday`: advances by `ms` milliseconds.
    ///
    /// Delays of 1,000,000 ms or more are added in whole seconds and clear
    /// the microseconds; shorter ones carry microseconds into seconds with
    /// C's truncating division, so a negative delay can leave `usec`
    /// negative.
    pub fn add_ms(self, ms: i32) -> Tv {
        if ms >= 1_000_000 {
            return Tv {
                sec: self.sec + i64::from(ms / 1000),
                usec: 0,
            };
        }
        // The C code multiplies in `int`; keep its wrap-around.
        let total = self.usec + i64::from(ms.wrapping_mul(1000));
        let carry = (total / 1_000_000) as i32;
        Tv {
            sec: self.sec + i64::from(carry),
            usec: total % 1_000_000,
        }
    }

    /// `now >= self`, comparing seconds then microseconds: equal is due.
    pub fn is_due(self, now: Tv) -> bool {
        (now.sec, now.usec) >= (self.sec, self.usec)
    }

    /// `min_timercmp(self, other)`: keeps the earlier of the two, ignoring a
    /// disarmed `other`.
    pub fn min_armed(self, other: Tv) -> Tv {
        if other.is_armed() && (self.sec, self.usec) > (other.sec, other.usec) {
            other
        } else {
            self
        }
    }

    /// Milliseconds from `earlier` to `self` (libosip2's elapsed-time rule for
    /// timer E): borrow a second when the microseconds go negative.
    pub fn ms_since(self, earlier: Tv) -> i64 {
        let mut dsec = self.sec - earlier.sec;
        let mut dusec = self.usec - earlier.usec;
        while dusec < 0 {
            dusec += 1_000_000;
            dsec -= 1;
        }
        dsec * 1000 + dusec / 1000
    }

    /// Time left until `deadline`, as `osip_timers_gettimeout` reports it:
    /// never negative, microseconds folded back into range only when they
    /// exceed one second.
    pub fn remaining_until(deadline: Tv, now: Tv) -> Tv {
        let mut sec = deadline.sec - now.sec;
        let mut usec = deadline.usec - now.usec;
        if usec < 0 {
            usec += 1_000_000;
            sec -= 1;
        }
        if sec < 0 {
            return Tv::new(0, 0);
        }
        if usec > 1_000_000 {
            usec -= 1_000_000;
            sec += 1;
        }
        Tv::new(sec, usec)
    }
}

/// Seconds in the 365-day year `osip_timers_gettimeout` reports when no timer is armed.
pub const ONE_YEAR_SECS: i64 = 31_536_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_ms_matches_libosip2_examples() {
        assert_eq!(Tv::new(10, 999_999).add_ms(1), Tv::new(11, 999));
        assert_eq!(Tv::new(10, 500_000).add_ms(1_000_000), Tv::new(1010, 0));
        assert_eq!(Tv::new(10, 500_000).add_ms(999_999), Tv::new(1010, 499_000));
        assert_eq!(Tv::new(10, 500_000).add_ms(-600), Tv::new(10, -100_000));
        assert_eq!(Tv::new(10, 0).add_ms(500), Tv::new(10, 500_000));
        assert_eq!(Tv::new(10, 600_000).add_ms(32_000), Tv::new(42, 600_000));
    }

    #[test]
    fn due_when_equal_or_later() {
        let t = Tv::new(5, 10);
        assert!(t.is_due(Tv::new(5, 10)));
        assert!(t.is_due(Tv::new(5, 11)));
        assert!(t.is_due(Tv::new(6, 0)));
        assert!(!t.is_due(Tv::new(5, 9)));
        assert!(!t.is_due(Tv::new(4, 999_999)));
    }

    #[test]
    fn min_ignores_disarmed() {
        let a = Tv::new(5, 0);
        assert_eq!(a.min_armed(Tv::new(-1, 0)), a);
        assert_eq!(a.min_armed(Tv::new(4, 999_999)), Tv::new(4, 999_999));
        assert_eq!(a.min_armed(Tv::new(5, 1)), a);
    }

    #[test]
    fn elapsed_ms_borrows() {
        assert_eq!(Tv::new(10, 100_000).ms_since(Tv::new(9, 900_000)), 200);
        assert_eq!(Tv::new(10, 0).ms_since(Tv::new(10, 0)), 0);
        assert_eq!(Tv::new(12, 500_000).ms_since(Tv::new(10, 0)), 2500);
    }

    #[test]
    fn remaining_is_clamped() {
        assert_eq!(
            Tv::remaining_until(Tv::new(10, 0), Tv::new(11, 0)),
            Tv::new(0, 0)
        );
        assert_eq!(
            Tv::remaining_until(Tv::new(10, 500_000), Tv::new(10, 0)),
            Tv::new(0, 500_000)
        );
        assert_eq!(
            Tv::remaining_until(Tv::new(11, 100), Tv::new(10, 200)),
            Tv::new(0, 999_900)
        );
    }
}
