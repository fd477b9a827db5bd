//! `<osipparser2/osip_list.h>`: the list every structure of the library is
//! made of, and the iterator applications keep on their stack.

use libc::{c_int, c_void};
use osip_cabi::export;
use osip_cmem::{__node_t, osip_list_t};
use osip_parser::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use osip_parser_abi::osip_list_iterator_t;
use std::ptr;

/// Makes `li` an empty list (its nodes, if any, are not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_init(#[nonnull] li: *mut osip_list_t) -> c_int {
    *li = osip_list_t::new();
    OSIP_SUCCESS
}

/// Number of elements.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_size(#[nonnull] li: *const osip_list_t) -> c_int {
    li.count()
}

/// 0 while `pos` is a position of the list, 1 past its end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_eol(#[nonnull] li: *const osip_list_t, pos: c_int) -> c_int {
    if pos < li.count() {
        OSIP_SUCCESS
    } else {
        1
    }
}

/// Inserts `element` at `pos` (-1: at the end); returns the new count, or
/// -4 when out of memory.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_add(
    #[nonnull] li: *mut osip_list_t,
    element: *mut c_void,
    pos: c_int,
) -> c_int {
    li.add_raw(element, pos).unwrap_or(OSIP_NOMEM)
}

/// The element at `pos`, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_get(
    #[nonnull] li: *const osip_list_t,
    pos: c_int,
) -> *mut c_void {
    li.get_raw(pos)
}

/// Unlinks the element at `pos` (the element itself is not freed); returns
/// the new count, or -1 when there is no such position.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_remove(#[nonnull] li: *mut osip_list_t, pos: c_int) -> c_int {
    match li.remove_raw(pos) {
        Some(_) => li.count(),
        None => OSIP_UNDEFINED_ERROR,
    }
}

/// Empties the list, calling `free_func` (if not NULL) on each element.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_special_free(
    #[nonnull] li: *mut osip_list_t,
    free_func: Option<unsafe extern "C" fn(*mut c_void)>,
) {
    while let Some(element) = li.remove_raw(0) {
        if let Some(free) = free_func {
            // SAFETY: the application's function for its own elements.
            unsafe { free(element) };
        }
    }
}

/// Empties a list of strings, freeing each with `osip_free`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_ofchar_free(#[nonnull] li: *mut osip_list_t) {
    while let Some(element) = li.remove_raw(0) {
        // SAFETY: a list of strings of the osip allocator, per the contract.
        unsafe { osip_cmem::alloc::free(element as *mut u8) };
    }
}

/// Appends to `dst` a copy of each element of `src` made by `clone_func`;
/// stops at, and returns, the first non-zero result of `clone_func` (the
/// copies made so far stay in `dst`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_clone(
    #[nonnull] src: *const osip_list_t,
    #[nonnull] dst: *mut osip_list_t,
    clone_func: Option<unsafe extern "C" fn(*mut c_void, *mut *mut c_void) -> c_int>,
) -> c_int {
    let Some(clone) = clone_func else {
        return OSIP_BADPARAMETER;
    };
    let elements: Vec<*mut c_void> = src.iter_raw().collect();
    for element in elements {
        let mut copy = ptr::null_mut();
        // SAFETY: the application's function for its own elements.
        let r = unsafe { clone(element, &mut copy) };
        if r != 0 {
            return r;
        }
        // As the library: a copy that cannot be linked in is lost.
        let _ = dst.add_raw(copy, -1);
    }
    OSIP_SUCCESS
}

/// Whether the iterator is on an element: `osip_list_iterator_has_elem`.
///
/// # Safety
/// The iterator was set up by `osip_list_get_first` on a list that is still
/// alive.
unsafe fn has_elem(it: &osip_list_iterator_t) -> bool {
    // SAFETY: per the contract `li` points to the iterated list.
    !it.actual.is_null() && it.pos < unsafe { (*it.li).count() }
}

/// Starts `iterator` on `li`; returns the first element, or NULL for an
/// empty list (the iterator is then off the list).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_get_first(
    li: *const osip_list_t,
    #[nonnull] iterator: *mut osip_list_iterator_t,
) -> *mut c_void {
    // SAFETY: the C contract: `li` is NULL or a valid list.
    let Some(list) = (unsafe { li.as_ref() }).filter(|l| l.count() > 0) else {
        iterator.actual = ptr::null_mut();
        return ptr::null_mut();
    };
    let head = list.head();
    iterator.actual = head;
    iterator.prev = list.head_link() as *mut *mut __node_t;
    iterator.li = li as *mut osip_list_t;
    iterator.pos = 0;
    // SAFETY: a list with elements has a first node.
    unsafe { (*head).element }
}

/// Moves `iterator` on; returns the next element, or NULL at the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_get_next(
    #[nonnull] iterator: *mut osip_list_iterator_t,
) -> *mut c_void {
    if iterator.actual.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: the iterator is on a node of a live list (the contract).
    let next = unsafe { (*iterator.actual).next };
    // SAFETY: as above.
    iterator.prev = unsafe { ptr::addr_of_mut!((*iterator.actual).next) };
    iterator.actual = next;
    iterator.pos += 1;
    // SAFETY: as above.
    if unsafe { has_elem(iterator) } {
        // SAFETY: `actual` is a node of the list.
        return unsafe { (*iterator.actual).element };
    }
    iterator.actual = ptr::null_mut();
    ptr::null_mut()
}

/// Unlinks the iterator's current node (not its element); returns the
/// element the iterator is on afterwards, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_list_iterator_remove(
    #[nonnull] iterator: *mut osip_list_iterator_t,
) -> *mut c_void {
    // SAFETY: the iterator was set up on a live list (the contract).
    if unsafe { has_elem(iterator) } {
        // SAFETY: `li`, `prev` and `actual` point into that list.
        let next = unsafe { (*iterator.actual).next };
        // SAFETY: as above.
        unsafe { (*iterator.li).note_unlinked() };
        // SAFETY: as above: `prev` is the link to the current node.
        unsafe { *iterator.prev = next };
        // SAFETY: the node is unlinked and was the list's.
        unsafe { osip_cmem::alloc::free(iterator.actual as *mut u8) };
        iterator.actual = next;
    }
    // SAFETY: as above.
    if unsafe { has_elem(iterator) } {
        // SAFETY: `actual` is a node of the list.
        return unsafe { (*iterator.actual).element };
    }
    ptr::null_mut()
}
