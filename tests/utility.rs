//! The utility layer (fifo, mutex, semaphore, condition variable, threads,
//! time, `osip_t` creation) called from Rust through the exported functions,
//! plus the C program of `c-tests/utility/` run against Debian's library and
//! ours with identical output.

mod common;

use libc::{c_int, c_void, timespec, timeval};
use osip2::abi::codes::OSIP_BADPARAMETER;
use osip2::abi::{osip_fifo_t, osip_t};
use osip2::alloc::{osip_calloc, osip_free};
use osip2::ffi::condv::*;
use osip2::ffi::fifo::*;
use osip2::ffi::mt::*;
use osip2::ffi::osip::*;
use osip2::ffi::time::*;
use std::ptr::{self, null_mut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A heap fifo as C programs make one (`osip_fifo_free` frees it).
fn new_fifo() -> *mut osip_fifo_t {
    // SAFETY: allocation with the parser's allocator, then initialisation.
    unsafe {
        let ff = osip_calloc::<osip_fifo_t>();
        assert!(!ff.is_null());
        osip_fifo_init(ff);
        ff
    }
}

/// Distinct non-NULL element pointers; the fifo never dereferences them.
fn el(i: usize) -> *mut c_void {
    (0x1000 + i * 8) as *mut c_void
}

/// A raw pointer that may cross threads in these tests.
struct Shared<T>(*mut T);
// Not derived: that would require `T: Copy`.
impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Shared<T> {}
// SAFETY: the pointees are the thread-safe osip handles under test.
unsafe impl<T> Send for Shared<T> {}
// SAFETY: as for `Send`.
unsafe impl<T> Sync for Shared<T> {}

#[test]
fn fifo_keeps_order_and_inserts_at_head() {
    let ff = new_fifo();
    // SAFETY: `ff` is a valid fifo until freed at the end.
    unsafe {
        assert_eq!(osip_fifo_size(ff), 0);
        assert!(osip_fifo_tryget(ff).is_null(), "empty fifo");
        for i in 1..=3 {
            assert_eq!(osip_fifo_add(ff, el(i)), 0);
        }
        assert_eq!(osip_fifo_insert(ff, el(0)), 0);
        assert_eq!(osip_fifo_size(ff), 4);
        assert_eq!(osip_fifo_get(ff), el(0));
        assert_eq!(osip_fifo_tryget(ff), el(1));
        assert_eq!(osip_fifo_get(ff), el(2));
        assert_eq!(osip_fifo_size(ff), 1);
        assert_eq!(osip_fifo_tryget(ff), el(3));
        assert_eq!(osip_fifo_size(ff), 0);
        assert!(osip_fifo_tryget(ff).is_null());
        // Elements still queued are not freed by osip_fifo_free.
        osip_fifo_add(ff, el(9));
        osip_fifo_free(ff);
    }
}

#[test]
fn fifo_get_blocks_until_another_thread_adds() {
    let ff = Shared(new_fifo());
    let start = Instant::now();
    let producer = std::thread::spawn(move || {
        let ff = ff;
        std::thread::sleep(Duration::from_millis(100));
        // SAFETY: the fifo outlives this thread (joined below).
        unsafe { osip_fifo_add(ff.0, el(7)) }
    });
    // SAFETY: valid fifo; the producer adds one element.
    let got = unsafe { osip_fifo_get(ff.0) };
    assert_eq!(got, el(7));
    assert!(
        start.elapsed() >= Duration::from_millis(90),
        "get did not block"
    );
    assert_eq!(producer.join().unwrap(), 0);
    // SAFETY: no other user left.
    unsafe { osip_fifo_free(ff.0) };
}

#[test]
fn fifo_is_safe_with_concurrent_producers() {
    let ff = Shared(new_fifo());
    let producers: Vec<_> = (0..4)
        .map(|t| {
            std::thread::spawn(move || {
                let ff = ff;
                for i in 0..250 {
                    // SAFETY: the fifo outlives the producers.
                    assert_eq!(unsafe { osip_fifo_add(ff.0, el(t * 1000 + i)) }, 0);
                }
            })
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        // SAFETY: valid fifo; exactly 1000 elements arrive.
        seen.insert(unsafe { osip_fifo_get(ff.0) } as usize);
    }
    for p in producers {
        p.join().unwrap();
    }
    assert_eq!(seen.len(), 1000);
    // SAFETY: valid fifo, now empty.
    unsafe {
        assert_eq!(osip_fifo_size(ff.0), 0);
        osip_fifo_free(ff.0);
    }
}

#[test]
fn mutex_excludes_other_threads() {
    // SAFETY: handles are used only while alive.
    unsafe {
        let m = Shared(osip_mutex_init());
        assert!(!m.0.is_null());
        let counter = std::sync::Arc::new(AtomicUsize::new(0));
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let counter = counter.clone();
                std::thread::spawn(move || {
                    let m = m;
                    for _ in 0..1000 {
                        assert_eq!(osip_mutex_lock(m.0), 0);
                        // A non-atomic read-modify-write, made safe by the mutex.
                        let v = counter.load(Ordering::Relaxed);
                        counter.store(v + 1, Ordering::Relaxed);
                        assert_eq!(osip_mutex_unlock(m.0), 0);
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        assert_eq!(counter.load(Ordering::Relaxed), 4000);
        osip_mutex_destroy(m.0);
    }
}

#[test]
fn semaphore_counts_and_trywait_reports_eagain() {
    // SAFETY: the handle is used only while alive.
    unsafe {
        let s = osip_sem_init(2);
        assert!(!s.is_null());
        assert_eq!(osip_sem_trywait(s), 0);
        assert_eq!(osip_sem_wait(s), 0);
        assert_eq!(osip_sem_trywait(s), -1);
        assert_eq!(*libc::__errno_location(), libc::EAGAIN);
        assert_eq!(osip_sem_post(s), 0);
        assert_eq!(osip_sem_trywait(s), 0);
        assert_eq!(osip_sem_destroy(s), 0);
    }
}

#[test]
fn semaphore_wait_blocks_until_posted() {
    // SAFETY: the handle is used only while alive (the poster is joined).
    unsafe {
        let s = Shared(osip_sem_init(0));
        let start = Instant::now();
        let poster = std::thread::spawn(move || {
            let s = s;
            std::thread::sleep(Duration::from_millis(100));
            osip_sem_post(s.0)
        });
        assert_eq!(osip_sem_wait(s.0), 0);
        assert!(start.elapsed() >= Duration::from_millis(90));
        assert_eq!(poster.join().unwrap(), 0);
        assert_eq!(osip_sem_destroy(s.0), 0);
    }
}

#[test]
fn cond_signal_wakes_a_waiter() {
    static READY: AtomicUsize = AtomicUsize::new(0);
    // SAFETY: handles are used only while alive (the signaller is joined).
    unsafe {
        let c = Shared(osip_cond_init());
        let m = Shared(osip_mutex_init());
        assert!(!c.0.is_null() && !m.0.is_null());
        assert_eq!(osip_mutex_lock(m.0), 0);
        let signaller = std::thread::spawn(move || {
            let (c, m) = (c, m);
            std::thread::sleep(Duration::from_millis(50));
            assert_eq!(osip_mutex_lock(m.0), 0);
            READY.store(1, Ordering::SeqCst);
            let r = osip_cond_signal(c.0);
            assert_eq!(osip_mutex_unlock(m.0), 0);
            r
        });
        while READY.load(Ordering::SeqCst) == 0 {
            assert_eq!(osip_cond_wait(c.0, m.0), 0);
        }
        assert_eq!(osip_mutex_unlock(m.0), 0);
        assert_eq!(signaller.join().unwrap(), 0);
        assert_eq!(osip_cond_destroy(c.0), 0);
        osip_mutex_destroy(m.0);
    }
}

#[test]
fn cond_timedwait_times_out_at_the_realtime_deadline() {
    // SAFETY: handles are used only while alive.
    unsafe {
        let c = osip_cond_init();
        let m = osip_mutex_init();
        let mut deadline = timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        libc::clock_gettime(libc::CLOCK_REALTIME, &mut deadline);
        deadline.tv_nsec += 100_000_000;
        if deadline.tv_nsec >= 1_000_000_000 {
            deadline.tv_nsec -= 1_000_000_000;
            deadline.tv_sec += 1;
        }
        let start = Instant::now();
        assert_eq!(osip_mutex_lock(m), 0);
        let mut r = 0;
        // Spurious wake-ups are allowed; the deadline is not.
        while r == 0 {
            r = osip_cond_timedwait(c, m, &deadline);
        }
        assert_eq!(r, libc::ETIMEDOUT);
        assert!(start.elapsed() >= Duration::from_millis(90));
        assert_eq!(osip_mutex_unlock(m), 0);
        assert_eq!(osip_cond_destroy(c), 0);
        osip_mutex_destroy(m);
    }
}

static THREAD_RUNS: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn thread_body(arg: *mut c_void) -> *mut c_void {
    THREAD_RUNS.fetch_add(arg as usize, Ordering::SeqCst);
    null_mut()
}

#[test]
fn threads_run_join_and_are_freed_by_the_caller() {
    // SAFETY: each handle is joined once, then freed with the osip allocator.
    unsafe {
        let handles: Vec<_> = (0..3)
            .map(|_| osip_thread_create(20000, Some(thread_body), 5 as *mut c_void))
            .collect();
        for t in handles {
            assert!(!t.is_null());
            assert_eq!(osip_thread_set_priority(t, 1), 0);
            assert_eq!(osip_thread_join(t), 0);
            osip_free(t as *mut c_void);
        }
    }
    assert_eq!(THREAD_RUNS.load(Ordering::SeqCst), 15);
}

fn tv(sec: i64, usec: i64) -> timeval {
    timeval {
        tv_sec: sec,
        tv_usec: usec,
    }
}

fn add(t: timeval, ms: c_int) -> (i64, i64) {
    let mut t = t;
    // SAFETY: `t` is a local timeval.
    unsafe { add_gettimeofday(&mut t, ms) };
    (t.tv_sec, t.tv_usec)
}

#[test]
fn add_gettimeofday_follows_libosip2() {
    // The examples of spec section 11.2, verified on Debian's library.
    assert_eq!(add(tv(10, 999_999), 1), (11, 999));
    assert_eq!(add(tv(10, 500_000), 1_000_000), (1010, 0));
    assert_eq!(add(tv(10, 500_000), 999_999), (1010, 499_000));
    assert_eq!(add(tv(10, 500_000), -600), (10, -100_000));
    assert_eq!(add(tv(0, 0), 500), (0, 500_000));
    assert_eq!(add(tv(5, 600_000), 4000), (9, 600_000));
}

#[test]
fn min_timercmp_keeps_the_earlier_armed_time() {
    let run = |a: timeval, b: timeval| {
        let (mut a, mut b) = (a, b);
        // SAFETY: local timevals.
        unsafe { min_timercmp(&mut a, &mut b) };
        (a.tv_sec, a.tv_usec)
    };
    assert_eq!(run(tv(5, 0), tv(4, 999_999)), (4, 999_999));
    assert_eq!(run(tv(5, 0), tv(5, 1)), (5, 0));
    assert_eq!(run(tv(5, 2), tv(5, 1)), (5, 1));
    // tv_sec == -1: not armed, ignored.
    assert_eq!(run(tv(5, 0), tv(-1, 0)), (5, 0));
}

#[test]
fn clock_is_monotonic() {
    let mut a = tv(0, 0);
    let mut b = tv(0, 0);
    let mut mono = timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: local out-parameters.
    unsafe {
        assert_eq!(osip_gettimeofday(&mut a, null_mut()), 0);
        libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut mono);
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(osip_gettimeofday(&mut b, null_mut()), 0);
    }
    assert!((0..1_000_000).contains(&a.tv_usec) && (0..1_000_000).contains(&b.tv_usec));
    assert!((b.tv_sec, b.tv_usec) > (a.tv_sec, a.tv_usec));
    // CLOCK_MONOTONIC, not the wall clock.
    assert!((mono.tv_sec - a.tv_sec).abs() <= 1);
    let mut stored: libc::time_t = 0;
    // SAFETY: local out-parameter.
    let secs = unsafe { osip_getsystemtime(&mut stored) };
    assert_eq!(secs, stored);
    assert!((secs - mono.tv_sec).abs() <= 1);
    // SAFETY: no arguments.
    unsafe { osip_compensatetime() };
}

#[test]
fn osip_init_release_and_application_context() {
    let mut osip: *mut osip_t = null_mut();
    // SAFETY: `osip` is used only between init and release.
    unsafe {
        assert_eq!(osip_init(&mut osip), 0);
        assert!(!osip.is_null());
        let o = &*osip;
        assert_eq!(o.transactionid, 1);
        for m in [
            o.ict_fastmutex,
            o.ist_fastmutex,
            o.nict_fastmutex,
            o.nist_fastmutex,
            o.ixt_fastmutex,
            o.id_mutex,
        ] {
            assert!(!m.is_null());
        }
        for l in [
            &o.osip_ict_transactions,
            &o.osip_ist_transactions,
            &o.osip_nict_transactions,
            &o.osip_nist_transactions,
            &o.ixt_retransmissions,
        ] {
            assert_eq!(l.count(), 0);
        }
        assert!(o.msg_callbacks.iter().all(Option::is_none));
        assert!(o.cb_send_message.is_none());
        assert!(osip_get_application_context(osip).is_null());
        osip_set_application_context(osip, el(1));
        assert_eq!(osip_get_application_context(osip), el(1));
        // A second instance is independent.
        let mut other: *mut osip_t = null_mut();
        assert_eq!(osip_init(&mut other), 0);
        assert!(osip_get_application_context(other).is_null());
        osip_release(other);
        osip_release(osip);
    }
}

/// NULL for every pointer argument of the utility layer: an error code or
/// nothing at all, never a crash.
#[test]
fn null_arguments_are_rejected() {
    let mut t = tv(3, 4);
    let ts = timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: every call below must cope with NULL; the non-NULL arguments
    // are valid handles or locals.
    unsafe {
        osip_fifo_init(null_mut());
        osip_fifo_free(null_mut());
        assert_eq!(osip_fifo_add(null_mut(), el(1)), OSIP_BADPARAMETER);
        assert_eq!(osip_fifo_insert(null_mut(), el(1)), OSIP_BADPARAMETER);
        assert_eq!(osip_fifo_size(null_mut()), OSIP_BADPARAMETER);
        assert!(osip_fifo_get(null_mut()).is_null());
        assert!(osip_fifo_tryget(null_mut()).is_null());

        osip_mutex_destroy(null_mut());
        assert_eq!(osip_mutex_lock(null_mut()), OSIP_BADPARAMETER);
        assert_eq!(osip_mutex_unlock(null_mut()), OSIP_BADPARAMETER);

        // libosip2 returns 0 here: nothing to destroy.
        assert_eq!(osip_sem_destroy(null_mut()), 0);
        assert_eq!(osip_sem_post(null_mut()), OSIP_BADPARAMETER);
        assert_eq!(osip_sem_wait(null_mut()), OSIP_BADPARAMETER);
        assert_eq!(osip_sem_trywait(null_mut()), OSIP_BADPARAMETER);

        let c = osip_cond_init();
        let m = osip_mutex_init();
        assert_eq!(osip_cond_destroy(null_mut()), OSIP_BADPARAMETER);
        assert_eq!(osip_cond_signal(null_mut()), OSIP_BADPARAMETER);
        assert_eq!(osip_cond_wait(null_mut(), m), OSIP_BADPARAMETER);
        assert_eq!(osip_cond_wait(c, null_mut()), OSIP_BADPARAMETER);
        assert_eq!(osip_cond_timedwait(null_mut(), m, &ts), OSIP_BADPARAMETER);
        assert_eq!(osip_cond_timedwait(c, null_mut(), &ts), OSIP_BADPARAMETER);
        assert_eq!(osip_cond_timedwait(c, m, ptr::null()), OSIP_BADPARAMETER);
        assert_eq!(osip_cond_destroy(c), 0);
        osip_mutex_destroy(m);

        assert!(osip_thread_create(0, None, null_mut()).is_null());
        assert_eq!(osip_thread_join(null_mut()), OSIP_BADPARAMETER);
        assert_eq!(osip_thread_set_priority(null_mut(), 0), 0);

        assert_eq!(osip_gettimeofday(null_mut(), null_mut()), 0);
        add_gettimeofday(null_mut(), 10);
        min_timercmp(null_mut(), &mut t);
        min_timercmp(&mut t, null_mut());
        min_timercmp(null_mut(), null_mut());
        assert_eq!((t.tv_sec, t.tv_usec), (3, 4));
        assert!(osip_getsystemtime(null_mut()) > 0);

        assert_eq!(osip_init(null_mut()), OSIP_BADPARAMETER);
        osip_release(null_mut());
        osip_set_application_context(null_mut(), el(1));
        assert!(osip_get_application_context(null_mut()).is_null());
    }
}

/// `c-tests/utility/utility.c`, a program written against Debian's headers,
/// behaves identically with Debian's library and ours: the same binary run
/// with each library, and a build against our headers and library.
#[test]
fn c_program_behaves_as_with_debian_library() {
    use common::Side::{Debian, Ours, Pair};
    let dir = common::scratch("utility-c");
    let src = [common::manifest_dir().join("c-tests/utility/utility.c")];
    let upstream_build = dir.join("utility-debian-headers");
    common::build_c(Debian, Debian, &src, &upstream_build);
    let reference = common::run_c(&upstream_build, Debian);
    assert!(
        reference.contains("counter 80000") && reference.lines().count() > 50,
        "unexpected reference output:\n{reference}"
    );

    let drop_in = common::run_c(&upstream_build, Ours);
    let drop_in_pair = common::run_c(&upstream_build, Pair);
    let our_build = dir.join("utility-our-headers");
    common::build_c(Ours, Ours, &src, &our_build);
    let rebuilt = common::run_c(&our_build, Ours);
    let pair_build = dir.join("utility-our-pair");
    common::build_c(Pair, Pair, &src, &pair_build);
    let rebuilt_pair = common::run_c(&pair_build, Pair);
    for (what, output) in [
        ("Debian-built binary with our libosip2", &drop_in),
        ("Debian-built binary with both our libraries", &drop_in_pair),
        ("built against our headers and libosip2", &rebuilt),
        (
            "built against our headers and both libraries",
            &rebuilt_pair,
        ),
    ] {
        let diffs: Vec<String> = reference
            .lines()
            .zip(output.lines())
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("Debian: {a}\nours:   {b}"))
            .collect();
        assert!(diffs.is_empty(), "{what}:\n{}", diffs.join("\n"));
        assert_eq!(&reference, output, "{what}");
    }
}

/// The same C program under valgrind: no memory errors with our library, and
/// the same leak summary as with Debian's (the fifo node the program leaves
/// queued on purpose, which `osip_fifo_free` does not free in either).
#[test]
fn c_program_is_clean_under_valgrind() {
    use common::Side::{Debian, Ours, Pair};
    use std::process::Command;
    if !common::valgrind() {
        return;
    }
    let dir = common::scratch("utility-valgrind");
    let exe = dir.join("utility");
    let src = [common::manifest_dir().join("c-tests/utility/utility.c")];
    common::build_c(Debian, Debian, &src, &exe);
    let summary = |lib| {
        let mut cmd = Command::new("valgrind");
        match common::Side::lib_dir(lib) {
            Some(dir) => cmd.env("LD_LIBRARY_PATH", dir),
            None => cmd.env_remove("LD_LIBRARY_PATH"),
        };
        let out = cmd
            .args([
                "--error-exitcode=9",
                "--leak-check=full",
                "--errors-for-leak-kinds=none",
            ])
            .arg(&exe)
            .output()
            .expect("run valgrind");
        let log = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(
            out.status.success(),
            "valgrind with {lib:?}'s library:\n{log}"
        );
        let lost: Vec<String> = log
            .lines()
            .filter_map(|l| l.split_once("==").and_then(|(_, r)| r.split_once("==")))
            .map(|(_, r)| r.trim().to_string())
            .filter(|l| l.contains(" lost: ") || l.starts_with("ERROR SUMMARY"))
            .map(|l| l.split(" (suppressed").next().unwrap_or(&l).to_string())
            .collect();
        assert!(!lost.is_empty(), "no valgrind summary:\n{log}");
        lost
    };
    let debian = summary(Debian);
    assert_eq!(summary(Ours), debian);
    assert_eq!(summary(Pair), debian);
}
