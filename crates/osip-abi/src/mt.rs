//! Opaque handles of `<osip2/osip_mt.h>` and `<osip2/osip_condv.h>`.
//!
//! In memory each handle is exactly the pthread object it wraps
//! (`pthread_mutex_t`, `sem_t`, `pthread_t`, `pthread_cond_t`), allocated with
//! the parser's allocator: `osip_cond_wait` hands an `osip_mutex` straight to
//! `pthread_cond_wait`, and programs free thread handles with `osip_free`.
#![allow(non_camel_case_types)]

/// A mutex handle (a `pthread_mutex_t`).
pub struct osip_mutex {
    _opaque: [u8; 0],
}
/// A counting semaphore handle (a `sem_t`).
pub struct osip_sem {
    _opaque: [u8; 0],
}
/// A thread handle (a `pthread_t`).
pub struct osip_thread {
    _opaque: [u8; 0],
}
/// A condition variable handle (a `pthread_cond_t`).
pub struct osip_cond {
    _opaque: [u8; 0],
}
