//! libc functions declared with the signatures this library needs (kept out
//! of the generated headers).

use libc::{c_int, c_void};

extern "C" {
    // libc's binding wants a safe fn pointer; applications give an unsafe one.
    pub fn pthread_create(
        thread: *mut libc::pthread_t,
        attr: *const libc::pthread_attr_t,
        start: unsafe extern "C" fn(*mut c_void) -> *mut c_void,
        arg: *mut c_void,
    ) -> c_int;
}

/// Whether this process runs under Valgrind: its "client request" that asks
/// (RUNNING_ON_VALGRIND) is a no-op instruction sequence on a real CPU,
/// which leaves the default answer, 0, in place.
pub fn running_on_valgrind() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        // Request code RUNNING_ON_VALGRIND, then five unused arguments.
        let request: [u64; 6] = [0x1001, 0, 0, 0, 0, 0];
        let mut answer: u64 = 0;
        // SAFETY: the four rotations of rdi add up to 128 bits (rdi is
        // unchanged) and `xchg rbx, rbx` changes nothing; Valgrind recognises
        // the sequence and writes its answer to rdx. The request array
        // outlives the block.
        unsafe {
            std::arch::asm!(
                "rol rdi, 3",
                "rol rdi, 13",
                "rol rdi, 61",
                "rol rdi, 51",
                "xchg rbx, rbx",
                inout("rdx") answer,
                in("rax") request.as_ptr(),
                inout("rdi") 0u64 => _,
                options(nostack, readonly),
            );
        }
        answer != 0
    }
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// Whether a sanitizer runtime (ASan, LSan, MSan, TSan, UBSan) is loaded in
/// the process with its interface exported, as C compilers link it into
/// programs (a Rust program built with `-Zsanitizer` keeps it hidden).
pub fn sanitizer_present() -> bool {
    // SAFETY: dlsym with the default handle and a NUL-terminated name only
    // looks the symbol up.
    !unsafe {
        libc::dlsym(
            libc::RTLD_DEFAULT,
            c"__sanitizer_print_stack_trace".as_ptr(),
        )
    }
    .is_null()
}
