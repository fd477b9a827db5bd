//! libosip2's conduct at the C boundary beyond return values, shared with
//! libosipparser2 through `osip_cabi`: a panic inside an entry point names
//! the entry point the application called (found in `exports.list`) and
//! aborts the process; the build mark says how the library was built
//! (`build.rs` gives the profile and the features). See `osip_cabi` for
//! why a panic never becomes an error code, and `docs/robustness.md` for
//! why forced unwinds (`pthread_exit`, `pthread_cancel`) pass through.

osip_cabi::library!("libosip2", include_str!("exports.list"));

#[cfg(test)]
mod tests {
    #[test]
    fn the_build_mark_is_one_nul_terminated_line() {
        let mark = super::__OSIP_BUILD;
        assert!(mark.starts_with("osip2-rs build: profile="));
        assert!(mark.ends_with(";\0"));
        assert_eq!(mark.matches('\0').count(), 1);
        assert!(mark.contains(" panic="));
    }

    #[test]
    fn the_export_list_names_the_entry_points() {
        let exports = include_str!("exports.list");
        let trace = "  13: __osip_add_ict\n  14: osip_transaction_init\n  15: main\n";
        assert_eq!(
            osip_cabi::entry_point_in(trace, exports),
            Some("osip_transaction_init")
        );
        assert_eq!(osip_cabi::entry_point_in("   4: [public]\n", exports), None);
    }
}
