//! Process-wide locks and `fork()`.
//!
//! The child of a multi-threaded process starts with one thread: a lock
//! another thread of the parent held at the fork stays held in the child
//! for ever, and the data it guarded may be half-updated. libosip2 only has
//! locks inside each `osip_t`; we also have a few shared by the whole
//! process (the live engines and their registries, the watch map, the
//! transaction pool, the ixt send pins, the parser's one-time
//! initialisation). `pthread_atfork` handlers take all of them before the
//! fork, in the lock order of the library, and release them after it, in
//! the parent and in the child: the child finds every one free and every
//! structure consistent, whatever the parent's threads were doing.
//!
//! Lock order (a thread holding one may only wait for later ones): the
//! parser initialisation, the list of live engines, each engine's registry,
//! the watch shards, the pool, the ixt pins.

use std::any::Any;
use std::cell::RefCell;

/// Guards taken before a fork, kept until it returns.
pub(crate) type Held = Vec<Box<dyn Any>>;

thread_local! {
    /// The guards of a fork in progress, in the forking thread (which is
    /// the one thread of the child).
    static HELD: RefCell<Held> = const { RefCell::new(Vec::new()) };
}

extern "C" fn prepare() {
    let mut held = Held::new();
    crate::ffi::osip::hold_for_fork(&mut held);
    crate::engine::hold_for_fork(&mut held);
    crate::pool::hold_for_fork(&mut held);
    crate::ffi::ixt::hold_for_fork(&mut held);
    HELD.with(|h| *h.borrow_mut() = held);
}

/// In the parent and in the child: releases in the reverse order.
extern "C" fn release() {
    let mut held = HELD.with(|h| std::mem::take(&mut *h.borrow_mut()));
    while held.pop().is_some() {}
}

/// Registers the handlers when the library is loaded.
extern "C" fn register() {
    // SAFETY: three functions of this library. glibc records the calling
    // library with them (pthread_atfork comes from libc_nonshared.a with
    // its __dso_handle) and forgets them if the library is unloaded.
    unsafe { libc::pthread_atfork(Some(prepare), Some(release), Some(release)) };
}

#[used]
#[link_section = ".init_array"]
static REGISTER: extern "C" fn() = register;
