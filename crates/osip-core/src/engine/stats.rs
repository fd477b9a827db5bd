//! Work counters: how many transactions and list nodes the engine looked at.
//!
//! They let tests pin that an operation's cost does not grow with the number
//! of live transactions (a wall-clock test would be flaky on a shared
//! machine), and let the benchmark explain its timings. Process-wide and
//! relaxed: a counter costs one uncontended atomic add where it is bumped.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// Transactions handed to a request or response matcher by a lookup.
pub static MATCHED: AtomicU64 = AtomicU64::new(0);
/// Transactions whose state and timer fields a timer call re-read.
pub static TIMER_READS: AtomicU64 = AtomicU64::new(0);
/// Transactions an `osip_*_execute` walk visited.
pub static EXECUTE_VISITS: AtomicU64 = AtomicU64::new(0);
/// Nodes of an `osip_list_t` followed one by one (transaction lists re-read
/// after an edit behind our back, lists that are not an engine's, the ixt
/// list).
pub static NODES_WALKED: AtomicU64 = AtomicU64::new(0);

pub fn bump(counter: &AtomicU64, n: usize) {
    counter.fetch_add(n as u64, Relaxed);
}

/// The four counters at one moment; subtract two snapshots to get the work
/// done in between.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub matched: u64,
    pub timer_reads: u64,
    pub execute_visits: u64,
    pub nodes_walked: u64,
}

pub fn snapshot() -> Snapshot {
    Snapshot {
        matched: MATCHED.load(Relaxed),
        timer_reads: TIMER_READS.load(Relaxed),
        execute_visits: EXECUTE_VISITS.load(Relaxed),
        nodes_walked: NODES_WALKED.load(Relaxed),
    }
}

impl std::ops::Sub for Snapshot {
    type Output = Snapshot;
    fn sub(self, earlier: Snapshot) -> Snapshot {
        Snapshot {
            matched: self.matched - earlier.matched,
            timer_reads: self.timer_reads - earlier.timer_reads,
            execute_visits: self.execute_visits - earlier.execute_visits,
            nodes_walked: self.nodes_walked - earlier.nodes_walked,
        }
    }
}
