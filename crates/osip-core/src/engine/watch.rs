//! From a raw address to the transaction it belongs to.
//!
//! Applications reach transactions through addresses we hand out: they queue
//! events with `osip_fifo_add(tr->transactionff, ...)` and force timers with
//! `osip_gettimeofday(&tr->ict_context->timer_a_start, NULL)`. Both functions
//! are ours, and this map lets them tell the owning engine, so that
//! `osip_*_execute` and the timer index stay exact without scanning.

use super::index::AddrMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The instance (address of its `osip_t`) and transaction an address
/// belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner {
    pub osip: usize,
    pub tr: usize,
}

const SHARDS: usize = 16;

/// Built at compile time: no lazy initialisation a fork could interrupt.
static MAP: [Mutex<AddrMap<Owner>>; SHARDS] = [const { Mutex::new(AddrMap::new()) }; SHARDS];

fn shard(addr: usize) -> MutexGuard<'static, AddrMap<Owner>> {
    // Heap blocks are 16-byte aligned: mix higher bits in.
    let i = (addr >> 4 ^ addr >> 12) % SHARDS;
    MAP[i].lock().unwrap_or_else(PoisonError::into_inner)
}

/// Holds every shard across a fork (see the C layer's `forksafe`).
pub fn hold_for_fork(held: &mut Vec<Box<dyn std::any::Any>>) {
    for m in &MAP {
        held.push(Box::new(m.lock().unwrap_or_else(PoisonError::into_inner)));
    }
}

pub fn insert(addr: usize, owner: Owner) {
    if addr != 0 {
        shard(addr).insert(addr, owner);
    }
}

/// Starts loading where `addr` would be filed (see `Table::prefetch`).
pub fn prefetch(addr: usize) {
    if addr != 0 {
        shard(addr).prefetch(addr);
    }
}

/// Removes `addr` if it still belongs to `owner`.
pub fn remove(addr: usize, owner: Owner) {
    if addr != 0 {
        let mut m = shard(addr);
        if m.get(&addr) == Some(&owner) {
            m.remove(&addr);
        }
    }
}

pub fn get(addr: usize) -> Option<Owner> {
    if addr == 0 {
        return None;
    }
    shard(addr).get(&addr).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_remove_only_own_entries() {
        let a = Owner { osip: 1, tr: 2 };
        let b = Owner { osip: 1, tr: 3 };
        insert(0x1000, a);
        assert_eq!(get(0x1000), Some(a));
        remove(0x1000, b);
        assert_eq!(get(0x1000), Some(a), "someone else's entry stays");
        remove(0x1000, a);
        assert_eq!(get(0x1000), None);
        assert_eq!(get(0), None);
    }
}
