//! Constant-time maintenance of libosip2's public transaction lists.
//!
//! Applications iterate `osip->osip_ict_transactions` and friends, so they
//! stay real `osip_list_t`s whose nodes come from the parser's allocator.
//! We remember each transaction's node and the node before it, which turns
//! append and unlink into O(1) operations on a singly linked list. An
//! application that edits a list behind our back is detected by cheap
//! consistency checks, and the list is then re-read once.

use crate::alloc::{osip_free, osip_malloc};
use crate::parser::{__node_t, osip_list_t};
use libc::c_void;
use std::mem::size_of;
use std::ptr;

/// Where a transaction sits in a public list (node addresses as integers so
/// the registry can cross threads).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Place {
    pub node: usize,
    /// The node before it; 0 when it is the head.
    pub prev: usize,
}

/// Appends `element` after `tail` (0 for an empty list). Returns its place,
/// or None when out of memory or when `tail` does not end `list`.
///
/// # Safety
/// `list` is a valid list; `tail` is 0 or a node of it.
pub(crate) unsafe fn append(
    list: *mut osip_list_t,
    tail: usize,
    element: *mut c_void,
) -> Option<Place> {
    // SAFETY: per the contract; `tail` is only dereferenced when non-zero.
    unsafe {
        let consistent = if tail == 0 {
            (*list).head().is_null()
        } else {
            (*(tail as *mut __node_t)).next.is_null()
        };
        if !consistent {
            return None;
        }
        let node = osip_malloc(size_of::<__node_t>()) as *mut __node_t;
        if node.is_null() {
            return None;
        }
        node.write(__node_t {
            next: ptr::null_mut(),
            element,
        });
        if tail == 0 {
            *(*list).head_link_mut() = node;
        } else {
            (*(tail as *mut __node_t)).next = node;
        }
        (*list).set_count((*list).count() + 1);
        Some(Place {
            node: node as usize,
            prev: tail,
        })
    }
}

/// Whether `place` still holds `element` in `list`.
///
/// # Safety
/// `list` is a valid list; `place` was returned for it and its nodes are
/// still allocated (true while the registry says the element is listed).
pub(crate) unsafe fn holds(list: *const osip_list_t, place: Place, element: *mut c_void) -> bool {
    // SAFETY: per the contract.
    unsafe {
        let node = place.node as *mut __node_t;
        let linked = if place.prev == 0 {
            (*list).head()
        } else {
            (*(place.prev as *mut __node_t)).next
        };
        linked == node && (*node).element == element
    }
}

/// Unlinks and frees the node at `place`. Returns the node that followed it
/// (0 if none), whose predecessor is now `place.prev`.
///
/// # Safety
/// `holds(list, place, _)` is true.
pub(crate) unsafe fn unlink(list: *mut osip_list_t, place: Place) -> usize {
    // SAFETY: per the contract the links are as recorded.
    unsafe {
        let node = place.node as *mut __node_t;
        let next = (*node).next;
        if place.prev == 0 {
            *(*list).head_link_mut() = next;
        } else {
            (*(place.prev as *mut __node_t)).next = next;
        }
        (*list).set_count((*list).count() - 1);
        osip_free(node as *mut c_void);
        next as usize
    }
}

/// The element stored in a node.
///
/// # Safety
/// `node` is a live node.
pub(crate) unsafe fn element(node: usize) -> *mut c_void {
    // SAFETY: per the contract.
    unsafe { (*(node as *mut __node_t)).element }
}

/// Every (element, place) of a list, for re-reading a list that was edited
/// behind our back, and its last node.
///
/// # Safety
/// `list` is a valid list.
pub(crate) unsafe fn read_all(list: *const osip_list_t) -> (Vec<(*mut c_void, Place)>, usize) {
    let mut out = Vec::new();
    let mut prev = 0usize;
    // SAFETY: a valid list is a NULL-terminated chain of nodes.
    unsafe {
        let mut node = (*list).head();
        while !node.is_null() {
            out.push((
                (*node).element,
                Place {
                    node: node as usize,
                    prev,
                },
            ));
            prev = node as usize;
            node = (*node).next;
        }
    }
    super::stats::bump(&super::stats::NODES_WALKED, out.len());
    (out, prev)
}
