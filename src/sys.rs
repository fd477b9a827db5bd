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

extern "C-unwind" {
    // glibc ends the thread by a forced unwind; "C-unwind" lets it pass.
    #[link_name = "pthread_exit"]
    pub fn pthread_exit_unwind(retval: *mut c_void) -> !;
}
