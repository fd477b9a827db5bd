//! The library's conduct at the C boundary beyond return values, shared
//! with libosipparser2 (`osip_cabi`): a panic inside an entry point aborts
//! the process with a message naming the function the application called
//! (found in `exports.list`), and the build mark records how the library
//! was built. Entry points are written with `#[osip_cabi::export]`.

osip_cabi::library!("libosip2", include_str!("exports.list"));

/// Panics where `OSIP2RS_PANIC_AT` says (test builds only), inside the
/// engine as well as at entry points.
#[cfg(feature = "fault-injection")]
pub(crate) use osip_cabi::inject;

#[cfg(test)]
mod tests {
    #[test]
    fn the_build_mark_is_one_nul_terminated_line() {
        assert!(super::__OSIP_BUILD.ends_with(";\0"));
        assert_eq!(super::__OSIP_BUILD.matches('\0').count(), 1);
        assert!(super::__OSIP_BUILD.contains(" panic="));
    }
}
