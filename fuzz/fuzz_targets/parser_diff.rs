//! Differential fuzzing of the message library: the same bytes through our
//! libosipparser2 (linked in, instrumented, under the sanitizer) and through
//! Debian's (the dump program of c-tests/parser serving units in a second
//! process, so that Debian's crashes and hangs end that process only). Both
//! sides print the dump of c-tests/parser: return codes, every field, the
//! serialisations, clones, what the allocator hooks saw. Any difference in
//! the compared lines fails, except the documented ones: where Debian leaks
//! more (its `leak =` line against our smaller one), and where Debian's
//! clone cuts a cached serialisation at its first NUL.
//!
//! Input: a selector byte (message / SDP body / one `.cases` line), then the
//! unit's bytes.
#![no_main]

use libc::{c_char, c_int};
use libfuzzer_sys::fuzz_target;
use std::ffi::CStr;
use std::io::{Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once};
// Our libosipparser2, which the dump library calls.
use osipparser2 as _;

extern "C" {
    /// c-tests/parser/dump.c: accounting hooks, trace sink, parser_init.
    fn dump_setup(trace: c_int);
    /// c-tests/parser/dump.c: one unit's output, malloc'd.
    fn dump_unit(kind: c_int, data: *const c_char, len: usize) -> *mut c_char;
}

/// `dump -S` on Debian's libosipparser2.
struct Oracle {
    child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
}

impl Oracle {
    fn start() -> Oracle {
        let mut child = Command::new(env!("PARSER_DUMP_ORACLE"))
            .args(["-S", "-T"])
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("LD_PRELOAD")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the oracle dump");
        let stdin = child.stdin.take().expect("oracle stdin");
        let stdout = child.stdout.take().expect("oracle stdout");
        Oracle {
            child,
            stdin,
            stdout,
        }
    }

    /// The oracle's dump of a unit; None when Debian's library crashed or
    /// hung on it (the server is gone).
    fn ask(&mut self, kind: u8, data: &[u8]) -> Option<String> {
        let mut request = vec![kind];
        request.extend_from_slice(&(data.len() as u32).to_le_bytes());
        request.extend_from_slice(data);
        self.stdin.write_all(&request).ok()?;
        self.stdin.flush().ok()?;
        let mut len = [0u8; 4];
        self.stdout.read_exact(&mut len).ok()?;
        let mut text = vec![0u8; u32::from_le_bytes(len) as usize];
        self.stdout.read_exact(&mut text).ok()?;
        Some(String::from_utf8_lossy(&text).into_owned())
    }

    /// The oracle really runs Debian's library (not ours through some
    /// library path).
    fn check_library(&self) {
        let maps = std::fs::read_to_string(format!("/proc/{}/maps", self.child.id()))
            .expect("the oracle's maps");
        assert!(
            maps.lines()
                .any(|l| l.ends_with("/usr/lib/x86_64-linux-gnu/libosipparser2.so.15.0.0")
                    || l.ends_with("/lib/x86_64-linux-gnu/libosipparser2.so.15.0.0")),
            "the oracle does not run Debian's libosipparser2:\n{maps}"
        );
    }
}

impl Drop for Oracle {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

static ORACLE: Mutex<Option<Oracle>> = Mutex::new(None);
static SETUP: Once = Once::new();
/// Inputs Debian's library crashed or hung on (ours must not, and did not).
static DEBIAN_CRASHES: AtomicU64 = AtomicU64::new(0);

fn ours(kind: u8, data: &[u8]) -> String {
    SETUP.call_once(|| {
        // SAFETY: called once, before any unit. Traces on, as the
        // oracle's (-T): they are compared too.
        unsafe { dump_setup(1) }
    });
    // SAFETY: `data` is valid for its length; the dump copies it.
    let text = unsafe { dump_unit(c_int::from(kind), data.as_ptr().cast(), data.len()) };
    assert!(!text.is_null());
    // SAFETY: dump_unit returns a NUL-terminated malloc'd string.
    let s = unsafe { CStr::from_ptr(text) }
        .to_string_lossy()
        .into_owned();
    // SAFETY: malloc'd by dump_unit, not used after.
    unsafe { libc::free(text.cast()) };
    s
}

fn theirs(kind: u8, data: &[u8]) -> Option<String> {
    let mut oracle = ORACLE.lock().unwrap_or_else(|e| e.into_inner());
    let fresh = oracle.is_none();
    let o = oracle.get_or_insert_with(Oracle::start);
    let answer = o.ask(kind, data);
    if fresh && answer.is_some() {
        o.check_library();
    }
    if answer.is_none() {
        *oracle = None;
        let n = DEBIAN_CRASHES.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_power_of_two() {
            eprintln!("parser_diff: Debian's library crashed or hung on {n} inputs so far");
        }
    }
    answer
}

/// The compared lines (`~` lines are informative).
fn compared(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.starts_with('~')).collect()
}

/// Debian's lines with the documented deviation of
/// `osip_message_clone` undone: when the cached serialisation holds a NUL,
/// Debian's clone keeps only what precedes it (docs/deviations.md), so its
/// clone differs from the original exactly in `msg.message`; ours copies
/// the whole cache and its clone is the same.
fn without_clone_nul_cut(debian: Vec<&str>) -> Vec<&str> {
    let has_nul = debian.contains(&"to_str.has_nul = yes");
    let Some(at) = debian.iter().position(|l| *l == "clone.dump = DIFFERENT") else {
        return debian;
    };
    let end = debian[at + 1..]
        .iter()
        .position(|l| !l.starts_with("clone.dump "))
        .map_or(debian.len(), |n| at + 1 + n);
    let only_the_cache = debian[at + 1..end].iter().all(|l| {
        l.starts_with("clone.dump - msg.message") || l.starts_with("clone.dump + msg.message")
    });
    if !has_nul || !only_the_cache {
        return debian;
    }
    let mut out = debian[..at].to_vec();
    out.push("clone.dump = same");
    out.extend_from_slice(&debian[end..]);
    out
}

/// `leak = B bytes in N blocks` as (B, N).
fn leak(line: &str) -> Option<(u64, u64)> {
    let rest = line.strip_prefix("leak = ")?;
    let (bytes, blocks) = rest.split_once(" bytes in ")?;
    Some((bytes.parse().ok()?, blocks.strip_suffix(" blocks")?.parse().ok()?))
}

/// A difference the deviations allow: Debian leaks where we free, so ours
/// leaks no more (what both leak is what the application's calls leave
/// unreachable, e.g. a value replaced through a `_set_` function, which
/// frees nothing in either library).
fn allowed(debian: &str, ours: &str) -> bool {
    match (leak(debian), leak(ours)) {
        (Some((db, dn)), Some((ob, on))) => ob <= db && on <= dn,
        _ => false,
    }
}

fn compare(kind: u8, data: &[u8], debian: &str, ours: &str) {
    let (d, o) = (without_clone_nul_cut(compared(debian)), compared(ours));
    let same = d.len() == o.len() && d.iter().zip(&o).all(|(d, o)| d == o || allowed(d, o));
    if !same {
        let first = d.iter().zip(&o).position(|(d, o)| d != o && !allowed(d, o));
        panic!(
            "undocumented difference for unit kind {} ({} bytes): first at line {:?}\n\
             --- Debian\n{}\n--- ours\n{}",
            kind as char,
            data.len(),
            first,
            debian,
            ours
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, unit)) = data.split_first() else {
        return;
    };
    let kind = match selector % 8 {
        0..=5 => b'm',
        6 => b's',
        _ => b'd',
    };
    let ours = ours(kind, unit);
    if let Some(debian) = theirs(kind, unit) {
        compare(kind, unit, &debian, &ours);
    }
});
