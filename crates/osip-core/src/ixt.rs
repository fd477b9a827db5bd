//! The schedule of 2xx and ACK retransmissions sent outside the transaction
//! state machines (RFC 3261 13.3.1.4 and 13.2.2.4), as libosip2 runs it,
//! and who frees a record stopped while it is being sent.

use crate::timeval::Tv;
use std::collections::BTreeMap;

/// First interval: T1.
pub const FIRST_INTERVAL_MS: i32 = 500;
/// The interval doubles up to T2.
pub const MAX_INTERVAL_MS: i32 = 4000;
/// Sends before a record is dropped.
pub const SENDS: i32 = 10;
/// Default destination port until the caller or the Via says otherwise.
pub const DEFAULT_PORT: i32 = 5060;

/// The timing fields of one retransmission record (`ixt_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// Deadline of the next send.
    pub start: Tv,
    pub interval: i32,
    /// Sends left.
    pub counter: i32,
}

impl Schedule {
    /// A new record: first send 10 ms after one interval from `now`.
    pub fn new(now: Tv) -> Schedule {
        Schedule {
            start: now.add_ms(FIRST_INTERVAL_MS + 10),
            interval: FIRST_INTERVAL_MS,
            counter: SENDS,
        }
    }

    /// One pass of `osip_retransmissions_execute` at `now`: when due, the
    /// interval doubles (capped), the deadline advances from the previous
    /// deadline (not from `now`, so late passes catch up) and one send is
    /// counted. Returns whether a send is due.
    pub fn tick(&mut self, now: Tv) -> bool {
        if !self.start.is_due(now) {
            return false;
        }
        self.interval = self.interval.saturating_mul(2).min(MAX_INTERVAL_MS);
        self.start = self.start.add_ms(self.interval);
        self.counter = self.counter.wrapping_sub(1);
        true
    }

    /// The record is dropped when its counter is exactly zero (checked on
    /// every pass, due or not, so a record whose counter was set to zero
    /// goes without sending).
    pub fn exhausted(&self) -> bool {
        self.counter == 0
    }
}

/// Records whose send is in progress while their list is unlocked, by
/// address: how many senders hold each, and whether it was stopped
/// meanwhile (then the last sender frees it instead of the stopper).
#[derive(Debug, Default)]
pub struct Pins(BTreeMap<usize, Pin>);

#[derive(Debug, Default)]
struct Pin {
    holders: u32,
    stopped: bool,
}

impl Pins {
    pub const fn new() -> Pins {
        Pins(BTreeMap::new())
    }

    pub fn hold(&mut self, rec: usize) {
        self.0.entry(rec).or_default().holders += 1;
    }

    /// Drops one hold; true when the record was stopped and nobody else
    /// holds it, so the caller must free it.
    pub fn release(&mut self, rec: usize) -> bool {
        let Some(pin) = self.0.get_mut(&rec) else {
            return false;
        };
        pin.holders -= 1;
        if pin.holders > 0 {
            return false;
        }
        let stopped = pin.stopped;
        self.0.remove(&rec);
        if self.0.is_empty() {
            // An empty map keeps its root node: release it, so that nothing
            // stays allocated between passes.
            self.0 = BTreeMap::new();
        }
        stopped
    }

    /// Marks a held record as stopped; false when nobody holds it (the
    /// stopper frees it).
    pub fn defer_free(&mut self, rec: usize) -> bool {
        match self.0.get_mut(&rec) {
            Some(pin) => {
                pin.stopped = true;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_record_waits_510_ms() {
        let s = Schedule::new(Tv::new(100, 600_000));
        assert_eq!(s.start, Tv::new(101, 110_000));
        assert_eq!(s.interval, 500);
        assert_eq!(s.counter, 10);
    }

    #[test]
    fn not_due_changes_nothing() {
        let mut s = Schedule::new(Tv::new(100, 0));
        let before = s;
        assert!(!s.tick(Tv::new(100, 509_999)));
        assert_eq!(s, before);
    }

    #[test]
    fn ten_sends_with_doubling_capped_at_t2() {
        let mut s = Schedule::new(Tv::new(0, 0));
        let mut seen = Vec::new();
        let mut deadlines = Vec::new();
        while !s.exhausted() {
            let now = s.start;
            deadlines.push(now);
            assert!(s.tick(now));
            seen.push((s.counter, s.interval));
        }
        assert_eq!(
            seen,
            vec![
                (9, 1000),
                (8, 2000),
                (7, 4000),
                (6, 4000),
                (5, 4000),
                (4, 4000),
                (3, 4000),
                (2, 4000),
                (1, 4000),
                (0, 4000)
            ]
        );
        assert_eq!(deadlines[0], Tv::new(0, 510_000));
        assert_eq!(deadlines[1], Tv::new(1, 510_000));
        assert_eq!(deadlines[2], Tv::new(3, 510_000));
        assert_eq!(deadlines[3], Tv::new(7, 510_000));
        assert_eq!(deadlines[4], Tv::new(11, 510_000));
    }

    #[test]
    fn deadline_advances_from_previous_deadline() {
        let mut s = Schedule::new(Tv::new(0, 0));
        // A pass 3 s late fires once and schedules 1 s after the missed deadline.
        assert!(s.tick(Tv::new(3, 600_000)));
        assert_eq!(s.start, Tv::new(1, 510_000));
        assert!(s.tick(Tv::new(3, 600_000)));
        assert_eq!(s.start, Tv::new(3, 510_000));
        assert!(s.tick(Tv::new(3, 600_000)));
        assert!(!s.tick(Tv::new(3, 600_000)));
    }

    #[test]
    fn zero_counter_is_exhausted_negative_is_not() {
        let mut s = Schedule::new(Tv::new(0, 0));
        s.counter = 0;
        assert!(s.exhausted());
        s.counter = 0;
        assert!(s.tick(Tv::new(10, 0)));
        assert_eq!(s.counter, -1);
        assert!(!s.exhausted());
    }

    #[test]
    fn unheld_records_are_freed_by_the_stopper() {
        let mut pins = Pins::new();
        assert!(!pins.defer_free(1));
        assert!(!pins.release(1));
    }

    #[test]
    fn the_last_sender_frees_a_record_stopped_meanwhile() {
        let mut pins = Pins::new();
        pins.hold(7);
        pins.hold(7);
        assert!(pins.defer_free(7));
        assert!(!pins.release(7));
        assert!(pins.release(7));
        assert!(pins.0.is_empty());
    }

    #[test]
    fn a_record_not_stopped_stays_with_its_list() {
        let mut pins = Pins::new();
        pins.hold(3);
        pins.hold(4);
        assert!(!pins.release(3));
        assert!(pins.defer_free(4));
        assert!(pins.release(4));
        assert!(pins.0.is_empty());
    }
}
