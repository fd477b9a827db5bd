//! Traces (`osip_trace` and its switches, `<osipparser2/osip_port.h>`), as
//! Debian builds them (tracing on): per-level flags in `tracing_table`, one
//! sink among a `FILE *` (`logfile`, or the call's own), syslog, or the
//! application's function; with none configured, the first trace turns
//! levels FATAL to ERROR on, to stdout. Lines look like
//! `| ERROR | 2024-01-02 03:04:05.1234 <osip_messa:  886> text`, at most
//! 2023 bytes.
//!
//! # `osip_trace` is variadic
//!
//! `int osip_trace(const char *fi, int li, osip_trace_level_t level, FILE *f,
//! const char *chfr, ...)` takes printf arguments, and stable Rust can
//! neither define a C-variadic function nor name `va_list`
//! (`core::ffi::VaList` is unstable), while applications (eXosip2, our
//! libosip2, anything built with `ENABLE_TRACE`) pass it `%s`, `%d`, `%i`,
//! `%u`, `%p`, `%x` arguments. No build-time C is allowed. So the symbol is
//! a small assembly trampoline (`global_asm!`, stable): on x86-64 (System
//! V), it stores the six integer and eight vector argument registers in a
//! register save area on its stack, builds the `va_list` the ABI defines
//! over it (`gp_offset` = 40 since five integer arguments are named,
//! `fp_offset` = 48, `overflow_arg_area` = the caller's stack arguments) and
//! calls [`osip_trace_va`], an ordinary function taking that `va_list *`,
//! which formats with libc's `vsnprintf` or hands the `va_list` to the
//! application's trace function, exactly as Debian's `va_start` + calls do.
//! Other architectures get a non-variadic `osip_trace` that writes the
//! format without its arguments (no other target is built today).
//!
//! The library's own traces (from the safe code, `osip_parser::trace!`)
//! are already formatted: they reach an application's trace function as
//! `("%s", text)`, through a `va_list` built the same way with the text as
//! its only (stack) argument.
//!
//! Nothing else in the library is variadic (Debian exports no other `...`
//! function; `osip_snprintf` exists only in VxWorks/pSOS builds).
#![allow(non_upper_case_globals)]

use crate::data::{logfile, tracing_table};
use libc::{c_char, c_int, c_uint, c_void, size_t, FILE};
use osip_cabi::export;
use osip_parser::port::trace::{self, Level, Sink};
use osip_parser_abi::defines::osip_trace_level_t;
use std::ffi::CString;
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The x86-64 System V `va_list` element (`va_list` is an array of one).
#[repr(C)]
pub struct VaListTag {
    gp_offset: c_uint,
    fp_offset: c_uint,
    overflow_arg_area: *mut c_void,
    reg_save_area: *mut c_void,
}

/// `osip_trace_func_t`: the application's trace function.
pub type TraceFunc = unsafe extern "C" fn(
    fi: *const c_char,
    li: c_int,
    level: c_uint,
    chfr: *const c_char,
    ap: *mut VaListTag,
);

extern "C" {
    static mut stdout: *mut FILE;
    fn vsnprintf(s: *mut c_char, n: size_t, format: *const c_char, ap: *mut VaListTag) -> c_int;
}

/// Number of levels (`END_TRACE_LEVEL`).
const LEVELS: usize = 8;
/// `MAX_LENGTH_TR`: a trace line is at most this less 2 bytes.
const MAX_LENGTH_TR: usize = 2024;

static USE_SYSLOG: AtomicBool = AtomicBool::new(false);
/// The application's trace function (0: none).
static TRACE_FUNC: AtomicUsize = AtomicUsize::new(0);

fn trace_func() -> Option<TraceFunc> {
    let f = TRACE_FUNC.load(Ordering::Acquire);
    if f == 0 {
        return None;
    }
    // SAFETY: only `osip_trace_initialize_func` stores here, a valid
    // function pointer of this type.
    Some(unsafe { std::mem::transmute::<usize, TraceFunc>(f) })
}

/// Sets `tracing_table[i]` to 1 for levels below `level`, 0 from it on
/// (the enum is unsigned: a "negative" level turns everything on).
fn enable_until(level: c_uint) {
    let table: [c_int; LEVELS] = std::array::from_fn(|i| c_int::from((i as c_uint) < level));
    // SAFETY: a plain store into our table (the C contract: configured
    // before threads start).
    unsafe { ptr::addr_of_mut!(tracing_table).write(table) };
}

fn level_on(level: c_uint) -> bool {
    // Debian reads past the table for levels of 8 and more; ours says off.
    // SAFETY: a plain read of our table.
    (level as usize) < LEVELS && unsafe { ptr::addr_of!(tracing_table[level as usize]).read() } != 0
}

fn log_file() -> *mut FILE {
    // SAFETY: a plain read of our variable.
    unsafe { ptr::addr_of!(logfile).read() }
}

/// Enables levels below `level` and makes `file` (stdout when NULL) the
/// trace sink; 0.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_trace_initialize(
    level: osip_trace_level_t,
    file: *mut FILE,
) -> c_int {
    let file = if file.is_null() {
        // SAFETY: glibc's stdout variable.
        unsafe { ptr::addr_of!(stdout).read() }
    } else {
        file
    };
    // SAFETY: a plain store into our variable.
    unsafe { ptr::addr_of_mut!(logfile).write(file) };
    enable_until(level);
    0
}

/// Opens syslog under `ident` (LOG_CONS | LOG_PID, LOG_DAEMON), sends traces
/// there and enables levels below `level`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_trace_initialize_syslog(
    level: osip_trace_level_t,
    ident: *mut c_char,
) {
    // SAFETY: libc's syslog, with the application's `ident` (kept by libc).
    unsafe { libc::openlog(ident, libc::LOG_CONS | libc::LOG_PID, libc::LOG_DAEMON) };
    USE_SYSLOG.store(true, Ordering::Release);
    enable_until(level);
}

/// Enables levels below `level`, disables the others.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_trace_enable_until_level(level: osip_trace_level_t) {
    enable_until(level);
}

/// Sends traces to `func` (NULL: back to the file or syslog) and enables
/// levels below `level`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_trace_initialize_func(
    level: osip_trace_level_t,
    func: Option<TraceFunc>,
) {
    TRACE_FUNC.store(func.map_or(0, |f| f as usize), Ordering::Release);
    enable_until(level);
}

/// Enables one level (levels of 8 and more are ignored; Debian writes past
/// its table).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_trace_enable_level(level: osip_trace_level_t) {
    if (level as usize) < LEVELS {
        // SAFETY: a plain store into our table.
        unsafe { ptr::addr_of_mut!(tracing_table[level as usize]).write(1) };
    }
}

/// Disables one level.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_trace_disable_level(level: osip_trace_level_t) {
    if (level as usize) < LEVELS {
        // SAFETY: a plain store into our table.
        unsafe { ptr::addr_of_mut!(tracing_table[level as usize]).write(0) };
    }
}

/// 1 when the level is on, else 0.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_is_trace_level_activate(level: osip_trace_level_t) -> c_int {
    c_int::from(level_on(level))
}

/// What `osip_trace` checks first: with no sink at all, WARNING and below
/// go on, to stdout. Then whether `level` is on.
fn prepare(level: c_uint, f: *mut FILE) -> bool {
    if log_file().is_null()
        && !USE_SYSLOG.load(Ordering::Acquire)
        && trace_func().is_none()
        && f.is_null()
    {
        // SAFETY: as the C library does; NULL means stdout.
        unsafe { osip_trace_initialize(Level::Warning as c_uint, ptr::null_mut()) };
    }
    level_on(level)
}

/// The file's base name (after the last `/`, else the last `\`).
fn basename(file: &[u8]) -> &[u8] {
    match file
        .iter()
        .rposition(|&b| b == b'/')
        .or_else(|| file.iter().rposition(|&b| b == b'\\'))
    {
        Some(i) => &file[i + 1..],
        None => file,
    }
}

/// `| LEVEL | date time.tenths <file: line> `, as Debian prints it.
fn prefix(level: c_uint, fi: Option<&[u8]>, li: c_int) -> Vec<u8> {
    let tag: &str = match level {
        0 => "| FATAL |",
        1 => "|  BUG  |",
        2 => "| ERROR |",
        3 => "|WARNING|",
        4 => "| INFO1 |",
        5 => "| INFO2 |",
        6 => "| INFO3 |",
        7 => "| INFO4 |",
        _ => return Vec::new(),
    };
    let mut tv = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    // SAFETY: `tv` is ours.
    unsafe { libc::gettimeofday(&mut tv, ptr::null_mut()) };
    // SAFETY: an all-zero `tm` is a valid value to overwrite.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both are ours.
    unsafe { libc::localtime_r(&tv.tv_sec, &mut tm) };
    let file = String::from_utf8_lossy(fi.unwrap_or(b"(null)"));
    let file: String = file.chars().take(10).collect();
    format!(
        "{tag} {:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:04} <{file:>10}:{li:>5}> ",
        1900 + tm.tm_year,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tv.tv_usec / 100
    )
    .into_bytes()
}

/// Writes one finished line (NUL-terminated) to syslog or `f`.
fn output(level: c_uint, f: *mut FILE, line: &[u8]) {
    if USE_SYSLOG.load(Ordering::Acquire) {
        let priority = match level {
            0..=2 => libc::LOG_ERR,
            3 => libc::LOG_WARNING,
            4 | 5 => libc::LOG_INFO,
            _ => libc::LOG_DEBUG,
        };
        // SAFETY: a NUL-terminated line through "%s".
        unsafe { libc::syslog(priority, c"%s".as_ptr(), line.as_ptr()) };
        return;
    }
    if !f.is_null() {
        // SAFETY: the application's stream and our NUL-terminated line.
        unsafe { libc::fputs(line.as_ptr() as *const c_char, f) };
        // SAFETY: as above.
        unsafe { libc::fflush(f) };
    }
}

/// `osip_trace` once its arguments are a `va_list` (called by the
/// trampoline).
///
/// # Safety
/// The arguments of `osip_trace`; `ap` is the `va_list` of its variadic
/// arguments, matching `chfr`.
pub unsafe extern "C" fn osip_trace_va(
    fi: *const c_char,
    li: c_int,
    level: c_uint,
    f: *mut FILE,
    chfr: *const c_char,
    ap: *mut VaListTag,
) -> c_int {
    if !prepare(level, f) {
        return 0;
    }
    // SAFETY: the caller's file name, NUL-terminated or NULL.
    let name = unsafe { osip_cabi::c_str(fi) }.map(|s| basename(s.to_bytes()));
    let fi = name.map_or(ptr::null(), |n| n.as_ptr() as *const c_char);
    if let Some(func) = trace_func() {
        // SAFETY: the application's function, with what it was given.
        unsafe { func(fi, li, level, chfr, ap) };
        return 0;
    }
    let f = if f.is_null() { log_file() } else { f };
    let mut buffer = [0u8; MAX_LENGTH_TR];
    let head = prefix(level, name, li);
    let n = head.len().min(MAX_LENGTH_TR - 2);
    buffer[..n].copy_from_slice(&head[..n]);
    if !chfr.is_null() {
        // SAFETY: room for `MAX_LENGTH_TR - 1 - n` bytes after the prefix;
        // the format and its arguments are the caller's.
        unsafe {
            vsnprintf(
                buffer.as_mut_ptr().add(n) as *mut c_char,
                MAX_LENGTH_TR - 1 - n,
                chfr,
                ap,
            )
        };
    }
    output(level, f, &buffer);
    0
}

#[cfg(target_arch = "x86_64")]
std::arch::global_asm!(
    ".text",
    ".globl osip_trace",
    ".type osip_trace,@function",
    ".p2align 4",
    "osip_trace:",
    ".cfi_startproc",
    "endbr64",
    "push rbp",
    ".cfi_def_cfa_offset 16",
    ".cfi_offset rbp, -16",
    "mov rbp, rsp",
    ".cfi_def_cfa_register rbp",
    // Register save area (176 bytes) and the va_list (24), 16-aligned.
    "sub rsp, 208",
    "mov [rsp], rdi",
    "mov [rsp + 8], rsi",
    "mov [rsp + 16], rdx",
    "mov [rsp + 24], rcx",
    "mov [rsp + 32], r8",
    "mov [rsp + 40], r9",
    "movups [rsp + 48], xmm0",
    "movups [rsp + 64], xmm1",
    "movups [rsp + 80], xmm2",
    "movups [rsp + 96], xmm3",
    "movups [rsp + 112], xmm4",
    "movups [rsp + 128], xmm5",
    "movups [rsp + 144], xmm6",
    "movups [rsp + 160], xmm7",
    // gp_offset: five named integer arguments; fp_offset: none named.
    "mov dword ptr [rsp + 176], 40",
    "mov dword ptr [rsp + 180], 48",
    // overflow_arg_area: the caller's stack arguments.
    "lea rax, [rbp + 16]",
    "mov [rsp + 184], rax",
    "mov [rsp + 192], rsp",
    // osip_trace_va(fi, li, level, f, chfr, &va_list): the first five are
    // still in their registers.
    "lea r9, [rsp + 176]",
    "call {trace_va}",
    "leave",
    ".cfi_def_cfa rsp, 8",
    "ret",
    ".cfi_endproc",
    ".size osip_trace, . - osip_trace",
    trace_va = sym osip_trace_va,
);

/// Without the trampoline: the format without its arguments.
#[cfg(not(target_arch = "x86_64"))]
#[no_mangle]
pub unsafe extern "C" fn osip_trace(
    fi: *const c_char,
    li: c_int,
    level: c_uint,
    f: *mut FILE,
    chfr: *const c_char,
) -> c_int {
    if !prepare(level, f) || chfr.is_null() {
        return 0;
    }
    // SAFETY: the caller's format string, printed as text.
    let text = unsafe { std::ffi::CStr::from_ptr(chfr) }.to_bytes();
    let mut line = prefix(level, None, li);
    line.extend_from_slice(text);
    line.push(0);
    let _ = fi;
    output(level, if f.is_null() { log_file() } else { f }, &line);
    0
}

/// The library's own traces (already formatted).
fn emit(level: Level, file: &str, line: u32, text: &[u8]) {
    let level = level as c_uint;
    let li = line as c_int;
    let text: Vec<u8> = text.iter().copied().filter(|&b| b != 0).collect();
    let message = CString::new(text).unwrap_or_default();
    let name = CString::new(file.replace('\0', "")).unwrap_or_default();
    if let Some(func) = trace_func() {
        // A `va_list` whose one argument (on its "stack") is the text.
        let mut args = [message.as_ptr() as u64];
        let mut ap = VaListTag {
            gp_offset: 48,
            fp_offset: 176,
            overflow_arg_area: args.as_mut_ptr() as *mut c_void,
            reg_save_area: ptr::null_mut(),
        };
        // SAFETY: the application's function, given "%s" and one string.
        unsafe { func(name.as_ptr(), li, level, c"%s".as_ptr(), &mut ap) };
        return;
    }
    let mut text = prefix(level, Some(name.as_bytes()), li);
    text.extend_from_slice(message.as_bytes());
    text.truncate(MAX_LENGTH_TR - 2);
    text.push(0);
    output(level, log_file(), &text);
}

/// Connects `osip_parser::trace!` to the sinks above.
pub(crate) fn install() {
    trace::install(Sink {
        enabled: |level| prepare(level as c_uint, ptr::null_mut()),
        emit,
    });
}
