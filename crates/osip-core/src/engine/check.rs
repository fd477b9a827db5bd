//! The cross-check: the engine's answers against the public lists read from
//! their heads, the way libosip2 walks them. Debug builds run it on every
//! operation, release builds when `OSIP2RS_CROSS_CHECK=1` (see
//! [`crate::hints::cross_check`]); the fuzz targets and the differential
//! scenarios run with it. A difference is a bug of the engine: the caller
//! panics with the description returned here.

use super::{Engine, Kind, Mem, Place, PublicList};
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Lists up to this long are checked on every operation; longer ones on
/// one operation in `len / FULL` (rounded up), so that the check costs
/// about as much per operation whatever the list's length (programs with
/// a hundred thousand transactions still finish).
const FULL: usize = 256;

/// Whether this operation on a list of `len` elements is one to check.
pub fn sampled(len: usize) -> bool {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let every = len.div_ceil(FULL).max(1);
    every == 1 || CALLS.fetch_add(1, Ordering::Relaxed).is_multiple_of(every)
}

impl Engine {
    /// After the engine brought its index up to date as any operation does
    /// first (trusting the list header when it may), the index says what
    /// the list says: the registered transactions it holds, in list order
    /// at their first place, and its last node. Call with the list's mutex
    /// held (membership only changes under it, so other threads cannot make
    /// this fail), after an operation on the list. Timer deadlines and
    /// ready marks are not compared: other threads change them without the
    /// list's mutex.
    pub fn check(&self, kind: Kind, list: &dyn PublicList, mem: &dyn Mem) -> Result<(), String> {
        let mut reg = self.lock();
        self.validate(&mut reg, kind, list, mem);
        let k = kind.index();
        let mut seen = HashSet::new();
        let mut want: Vec<(usize, Place)> = Vec::new();
        let mut last = 0;
        list.walk(&mut |e, place| {
            last = place.node;
            if reg.trs.contains_key(&e) && seen.insert(e) {
                want.push((e, place));
            }
            true
        });
        let got: Vec<(usize, Place)> = reg.lists[k]
            .members()
            .map(|(_, r)| (r.handle, r.extra.place))
            .collect();
        if got != want {
            return Err(format!(
                "{kind:?} list: the index holds {got:x?}, the list {want:x?}"
            ));
        }
        if reg.tails[k] != last {
            return Err(format!(
                "{kind:?} list: last node {:#x}, the index says {:#x}",
                last, reg.tails[k]
            ));
        }
        Ok(())
    }

    /// Whether the keys `tr` is filed under in the index of `kind` are
    /// still those its headers give. An application that rewrites the top
    /// Via branch (or Call-ID, or id) of a listed transaction is not
    /// followed (docs/deviations.md): a lookup may then miss it where
    /// libosip2's walk finds it, and the cross-check accepts that.
    pub fn filed_as_now(&self, kind: Kind, tr: usize, mem: &dyn Mem) -> bool {
        let Some(view) = mem.view(tr) else {
            return false;
        };
        let now = self.filing(view, kind).keys;
        let reg = self.lock();
        let slot = reg
            .trs
            .get(&tr)
            .map_or(super::NIL, |i| i.slots[kind.index()]);
        reg.lists[kind.index()]
            .record(slot)
            .is_some_and(|r| *r.keys() == now)
    }
}
