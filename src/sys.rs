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

/// Valgrind's client requests: a special no-op instruction sequence that
/// Valgrind recognises. On a real CPU it leaves the default answer in
/// place, so each request costs a few instructions when not under Valgrind.
/// The request codes are Valgrind's ABI (valgrind.h, memcheck.h).
pub mod valgrind {
    const MALLOCLIKE_BLOCK: u64 = 0x1301;
    const FREELIKE_BLOCK: u64 = 0x1302;
    /// `VG_USERREQ_TOOL_BASE('M', 'C')`: memcheck's first request.
    const MAKE_MEM_NOACCESS: u64 = (b'M' as u64) << 24 | (b'C' as u64) << 16;

    fn request(code: u64, args: [u64; 5]) {
        #[cfg(target_arch = "x86_64")]
        {
            let block: [u64; 6] = [code, args[0], args[1], args[2], args[3], args[4]];
            // SAFETY: the four rotations of rdi add up to 128 bits (rdi is
            // unchanged) and `xchg rbx, rbx` changes nothing; Valgrind
            // recognises the sequence, reads the block and writes its answer
            // to rdx. The block outlives the asm.
            unsafe {
                std::arch::asm!(
                    "rol rdi, 3",
                    "rol rdi, 13",
                    "rol rdi, 61",
                    "rol rdi, 51",
                    "xchg rbx, rbx",
                    inout("rdx") 0u64 => _,
                    in("rax") block.as_ptr(),
                    inout("rdi") 0u64 => _,
                    options(nostack, readonly),
                );
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (code, args);
    }

    /// `len` bytes at `addr` are a heap block now (zeroed or undefined).
    pub fn malloclike_block(addr: usize, len: usize, zeroed: bool) {
        request(
            MALLOCLIKE_BLOCK,
            [addr as u64, len as u64, 0, zeroed as u64, 0],
        );
    }

    /// The block at `addr` is freed: inaccessible until handed out again.
    pub fn freelike_block(addr: usize) {
        request(FREELIKE_BLOCK, [addr as u64, 0, 0, 0, 0]);
    }

    /// Nothing may touch these bytes.
    pub fn make_mem_noaccess(addr: usize, len: usize) {
        request(MAKE_MEM_NOACCESS, [addr as u64, len as u64, 0, 0, 0]);
    }
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
