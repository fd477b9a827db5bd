//! `osip_list_t`: the singly linked list of `<osipparser2/osip_list.h>`,
//! with `osip_list_*`'s exact rules, and typed views of a list whose
//! elements the containing struct owns.
//!
//! A list owns its nodes (blocks of the osip allocator); what the elements
//! point to is the business of whoever owns the list: the untyped methods
//! of [`osip_list`] move `void *` elements in and out without touching them,
//! and [`ListRef`] / [`ListMut`] (made by a struct's accessors, which know
//! the element kind) read and own them.
#![allow(non_camel_case_types)]

use crate::alloc;
use crate::owned::{CObject, Owned};
use crate::string::OString;
use libc::{c_int, c_void};
use std::ffi::CStr;
use std::marker::PhantomData;
use std::mem::size_of;
use std::ptr::{self, NonNull};

/// One node of a list (`__node_t`).
#[repr(C)]
pub struct __node {
    pub next: *mut __node,
    pub element: *mut c_void,
}
pub type __node_t = __node;

/// `osip_list_t`. Applications read and write it directly; the methods keep
/// to what `osip_list_*` do with it.
///
/// The 4 bytes of padding after `nb_elt` hold a stamp that every edit made
/// here changes (C code never reads padding; Debian's `osip_list_init`
/// zeroes it). libosip2's engine compares a list's count, first node and
/// stamp with what it left to know, without following a node, that nobody
/// edited the list since (see `osip_core::engine`). The generated header
/// shows Debian's two fields.
#[repr(C)]
pub struct osip_list {
    nb_elt: c_int,
    stamp: u32,
    node: *mut __node_t,
}

/// The stamp `osip_list_init` leaves: not 0, which is what Debian's
/// `osip_list_init` leaves, so that libosip2 can tell whose list functions
/// the process uses.
pub const STAMP_INIT: u32 = 1;
pub type osip_list_t = osip_list;

/// No memory for a node (`osip_list_add` returns -4).
#[derive(Debug, PartialEq, Eq)]
pub struct NoMemory;

/// No element at that position (`osip_list_remove` returns -1).
#[derive(Debug, PartialEq, Eq)]
pub struct OutOfRange;

impl osip_list {
    /// An empty list (`osip_list_init`).
    pub const fn new() -> osip_list {
        osip_list {
            nb_elt: 0,
            stamp: STAMP_INIT,
            node: ptr::null_mut(),
        }
    }

    /// The stamp: changed by every edit made through these methods.
    pub fn stamp(&self) -> u32 {
        self.stamp
    }

    /// Marks an edit. Never 0 again once stamped (0 means "never stamped").
    fn edited(&mut self) {
        self.stamp = self.stamp.wrapping_add(1).max(STAMP_INIT);
    }

    /// `nb_elt`, as the library reads it.
    pub fn count(&self) -> c_int {
        self.nb_elt
    }

    /// Number of elements (a negative count reads as none).
    pub fn len(&self) -> usize {
        self.nb_elt.max(0) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.nb_elt <= 0
    }

    /// The first node: where a walk from the head starts.
    pub fn head(&self) -> *mut __node_t {
        self.node
    }

    /// The head field itself (an iterator's first link).
    pub fn head_link(&self) -> *const *mut __node_t {
        &self.node
    }

    /// Counts one node fewer, after the caller unlinked it itself (an
    /// application's iterator does, through its own pointers).
    pub fn note_unlinked(&mut self) {
        self.nb_elt -= 1;
        self.edited();
    }

    /// Appends `element` after `tail`, the list's last node (NULL for an
    /// empty list), without walking to it. Returns the new node.
    ///
    /// # Safety
    /// `tail` is NULL for an empty list, else the last node of this list.
    pub unsafe fn append_after(
        &mut self,
        tail: *mut __node_t,
        element: *mut c_void,
    ) -> Result<*mut __node_t, NoMemory> {
        let node = alloc::malloc(size_of::<__node_t>())
            .ok_or(NoMemory)?
            .cast::<__node_t>()
            .as_ptr();
        // SAFETY: a fresh block the size of a node.
        unsafe {
            node.write(__node {
                next: ptr::null_mut(),
                element,
            })
        };
        if tail.is_null() {
            self.node = node;
        } else {
            // SAFETY: `tail` is the last node of this list (the contract).
            unsafe { (*tail).next = node };
        }
        self.nb_elt += 1;
        self.edited();
        Ok(node)
    }

    /// Unlinks and frees `node`, whose predecessor is `prev` (NULL: it is
    /// the first). Returns the node that followed it.
    ///
    /// # Safety
    /// `node` is a node of this list and `prev` the node before it (or NULL
    /// when `node` is the head).
    pub unsafe fn unlink_at(&mut self, node: *mut __node_t, prev: *mut __node_t) -> *mut __node_t {
        // SAFETY: `node` is a node of this list (the contract).
        let next = unsafe { (*node).next };
        if prev.is_null() {
            self.node = next;
        } else {
            // SAFETY: `prev` is the node before `node` (the contract).
            unsafe { (*prev).next = next };
        }
        self.nb_elt -= 1;
        self.edited();
        // SAFETY: the node was the list's and is unlinked now.
        unsafe { alloc::free(node as *mut u8) };
        next
    }

    /// The head field, to link a node in or out by hand.
    ///
    /// # Safety
    /// What the caller writes keeps the list valid: a NULL-terminated chain
    /// of nodes of the osip allocator, `nb_elt` of them (see [`set_count`]).
    ///
    /// [`set_count`]: osip_list::set_count
    pub unsafe fn head_link_mut(&mut self) -> *mut *mut __node_t {
        &mut self.node
    }

    /// Sets `nb_elt` after linking nodes by hand.
    ///
    /// # Safety
    /// As for [`head_link_mut`](osip_list::head_link_mut).
    pub unsafe fn set_count(&mut self, n: c_int) {
        self.nb_elt = n;
        self.edited();
    }

    /// The nodes, as far as the chain goes, at most `nb_elt` of them (the
    /// library counts, it does not look for the NULL at the end).
    fn nodes(&self) -> impl Iterator<Item = NonNull<__node_t>> + '_ {
        let mut at = NonNull::new(self.node);
        (0..self.len()).map_while(move |_| {
            let n = at?;
            // SAFETY: the list's invariant: its chain holds valid nodes.
            at = NonNull::new(unsafe { n.as_ref() }.next);
            Some(n)
        })
    }

    /// The element at `pos` (`osip_list_get`): NULL out of range.
    pub fn get_raw(&self, pos: c_int) -> *mut c_void {
        if pos < 0 {
            return ptr::null_mut();
        }
        self.nodes()
            .nth(pos as usize)
            // SAFETY: a node of the chain.
            .map_or(ptr::null_mut(), |n| unsafe { n.as_ref() }.element)
    }

    /// Every element, in order.
    pub fn iter_raw(&self) -> impl Iterator<Item = *mut c_void> + '_ {
        // SAFETY: nodes of the chain.
        self.nodes().map(|n| unsafe { n.as_ref() }.element)
    }

    /// `osip_list_add(li, el, pos)`: the new count, or [`NoMemory`] (the list
    /// unchanged). `pos` -1 or beyond the end appends, 0 prepends, inside
    /// inserts so that the element ends up at `pos`; as in the library, any
    /// other negative `pos` on a non-empty list inserts at 1.
    pub fn add_raw(&mut self, element: *mut c_void, pos: c_int) -> Result<c_int, NoMemory> {
        let node = alloc::malloc(size_of::<__node_t>()).ok_or(NoMemory)?;
        let node = node.cast::<__node_t>();
        // SAFETY: a fresh block the size of a node.
        unsafe {
            node.as_ptr().write(__node {
                next: ptr::null_mut(),
                element,
            })
        };
        let n = node.as_ptr();
        self.edited();
        if self.nb_elt <= 0 || self.node.is_null() {
            self.node = n;
            self.nb_elt = 1;
            return Ok(1);
        }
        let at = if pos == -1 || pos >= self.nb_elt {
            self.nb_elt
        } else if pos < 0 {
            1
        } else {
            pos
        };
        let link = self.link_to(at as usize);
        // SAFETY: `link` points at the `next` field (or the head) that
        // leads to position `at`.
        let after = unsafe { *link };
        // SAFETY: `n` is our fresh node.
        unsafe { (*n).next = after };
        // SAFETY: as above; the new node goes in before `after`.
        unsafe { *link = n };
        self.nb_elt += 1;
        Ok(self.nb_elt)
    }

    /// The link (the head field, or a node's `next`) that points at
    /// position `pos`, or at the end of the chain when it is shorter.
    fn link_to(&mut self, pos: usize) -> *mut *mut __node_t {
        let mut link: *mut *mut __node_t = &mut self.node;
        for _ in 0..pos {
            // SAFETY: `link` points at a valid link of the chain.
            let next = unsafe { *link };
            if next.is_null() {
                break;
            }
            // SAFETY: `next` is a node of the chain.
            link = unsafe { ptr::addr_of_mut!((*next).next) };
        }
        link
    }

    /// `osip_list_remove(li, pos)`: unlinks and frees the node at `pos` and
    /// returns its element, or None when `pos` is out of range.
    pub fn remove_raw(&mut self, pos: c_int) -> Option<*mut c_void> {
        if pos < 0 || pos >= self.nb_elt {
            return None;
        }
        let link = self.link_to(pos as usize);
        // SAFETY: `link` points at a valid link of the chain.
        let node = NonNull::new(unsafe { *link })?;
        // SAFETY: `node` is a node of the chain; unlinked, then freed.
        let __node { next, element } = unsafe { node.as_ptr().read() };
        // SAFETY: `link` is still valid: only `node` changes hands.
        unsafe { *link = next };
        // Only now: `&mut self` would end the loan `link` was made from
        // (Miri's borrow checks).
        self.edited();
        // SAFETY: the node was ours and is unlinked.
        unsafe { alloc::free(node.as_ptr() as *mut u8) };
        self.nb_elt -= 1;
        Some(element)
    }

    /// Gives up the nodes without freeing them, leaving the list empty.
    /// Only for a list whose nodes were moved elsewhere.
    pub fn forget(&mut self) {
        self.nb_elt = 0;
        self.node = ptr::null_mut();
        self.edited();
    }
}

/// A fresh, empty `osip_list_t` block of the osip allocator (a list a
/// struct points to, such as a body's headers).
pub fn new_owned() -> Result<*mut osip_list, NoMemory> {
    let p = alloc::malloc(size_of::<osip_list>()).ok_or(NoMemory)?;
    let p = p.cast::<osip_list>().as_ptr();
    // SAFETY: a fresh block the size of a list.
    unsafe { p.write(osip_list::new()) };
    Ok(p)
}

/// Frees a list block from [`new_owned`] (its nodes must be gone).
///
/// # Safety
/// `p` is NULL or an empty list block of the osip allocator nothing else
/// owns.
pub unsafe fn free_owned(p: *mut osip_list) {
    // SAFETY: per the contract.
    unsafe { alloc::free(p as *mut u8) };
}

impl Default for osip_list {
    fn default() -> Self {
        osip_list::new()
    }
}

/// The kinds of element a list can own.
///
/// # Safety
/// `view` and `from_raw` must agree with what `into_raw` hands out.
pub unsafe trait ListItem {
    /// What an element reads as.
    type Target: ?Sized;
    /// What owns one element.
    type Owned;

    /// # Safety
    /// `p` is an element of this kind, alive for `'a`.
    unsafe fn view<'a>(p: NonNull<c_void>) -> &'a Self::Target;
    fn into_raw(o: Self::Owned) -> *mut c_void;
    /// # Safety
    /// `p` is NULL or an element of this kind that nothing else owns.
    unsafe fn from_raw(p: *mut c_void) -> Option<Self::Owned>;
}

// SAFETY: elements are `Owned<T>` handed out and taken back as raw pointers.
unsafe impl<T: CObject> ListItem for T {
    type Target = T;
    type Owned = Owned<T>;

    unsafe fn view<'a>(p: NonNull<c_void>) -> &'a T {
        // SAFETY: per the contract.
        unsafe { p.cast::<T>().as_ref() }
    }
    fn into_raw(o: Owned<T>) -> *mut c_void {
        o.into_raw() as *mut c_void
    }
    unsafe fn from_raw(p: *mut c_void) -> Option<Owned<T>> {
        // SAFETY: per the contract.
        unsafe { Owned::from_raw(p as *mut T) }
    }
}

/// The elements of a list of `char *` (SDP's e= and p= lines, ...).
pub struct StrItem;

// SAFETY: elements are `OString`s handed out and taken back as raw pointers.
unsafe impl ListItem for StrItem {
    type Target = CStr;
    type Owned = OString;

    unsafe fn view<'a>(p: NonNull<c_void>) -> &'a CStr {
        // SAFETY: per the contract, a NUL-terminated string.
        unsafe { CStr::from_ptr(p.as_ptr() as *const libc::c_char) }
    }
    fn into_raw(o: OString) -> *mut c_void {
        o.into_raw() as *mut c_void
    }
    unsafe fn from_raw(p: *mut c_void) -> Option<OString> {
        // SAFETY: per the contract.
        unsafe { OString::from_raw(p as *mut libc::c_char) }
    }
}

/// A list whose elements are owned `I`s, read.
pub struct ListRef<'a, I: ListItem + ?Sized> {
    list: &'a osip_list,
    kind: PhantomData<fn() -> Box<I>>,
}

/// A list whose elements are owned `I`s, to change.
pub struct ListMut<'a, I: ListItem + ?Sized> {
    list: &'a mut osip_list,
    kind: PhantomData<fn() -> Box<I>>,
}

impl<'a, I: ListItem + ?Sized> ListRef<'a, I>
where
    I::Target: 'a,
{
    /// # Safety
    /// Every element of `list` is NULL or an element of kind `I`.
    pub unsafe fn new(list: &'a osip_list) -> Self {
        ListRef {
            list,
            kind: PhantomData,
        }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn raw(&self) -> &'a osip_list {
        self.list
    }

    /// The element at `pos`; None out of range or for a NULL element.
    pub fn get(&self, pos: usize) -> Option<&'a I::Target> {
        let p = NonNull::new(self.list.get_raw(c_int::try_from(pos).ok()?))?;
        // SAFETY: an element of kind `I` (the view's invariant), alive as
        // long as the list is borrowed.
        Some(unsafe { I::view(p) })
    }

    /// Every element in order; a NULL element reads as None.
    pub fn iter(&self) -> impl Iterator<Item = Option<&'a I::Target>> + 'a {
        self.list.iter_raw().map(|p| {
            // SAFETY: as in `get`.
            NonNull::new(p).map(|p| unsafe { I::view(p) })
        })
    }
}

impl<'a, T: CObject> ListMut<'a, T> {
    /// The element at `pos`, to change; None out of range or NULL.
    pub fn get_mut(&mut self, pos: usize) -> Option<&mut T> {
        let p = NonNull::new(self.list.get_raw(c_int::try_from(pos).ok()?))?;
        // SAFETY: an element of kind `T` owned by the list, borrowed
        // through `&mut self`.
        Some(unsafe { p.cast::<T>().as_mut() })
    }

    /// [`get_mut`](Self::get_mut) for as long as the list is borrowed
    /// (the view is used up).
    pub fn into_mut(self, pos: usize) -> Option<&'a mut T> {
        let p = NonNull::new(self.list.get_raw(c_int::try_from(pos).ok()?))?;
        // SAFETY: an element of kind `T` owned by the list, which is
        // borrowed exclusively for `'a` and no longer reachable through
        // this view.
        Some(unsafe { p.cast::<T>().as_mut() })
    }

    /// Every element in order, to change; a NULL element reads as None.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = Option<&mut T>> + '_ {
        self.list.iter_raw().map(|p| {
            // SAFETY: distinct elements of kind `T`, borrowed through
            // `&mut self`.
            NonNull::new(p).map(|p| unsafe { p.cast::<T>().as_mut() })
        })
    }

    /// A walk over the elements, in order, that can unlink the one it is
    /// on: a sweep in one pass (removing by position walks from the head
    /// each time).
    pub fn cursor(&mut self) -> CursorMut<'_, T> {
        CursorMut {
            left: self.list.len(),
            at: self.list.node,
            prev: ptr::null_mut(),
            list: self.list,
            kind: PhantomData,
        }
    }
}

/// A position in a list of owned `T`s (see [`ListMut::cursor`]). Like the
/// library's walks, it visits at most `nb_elt` nodes.
pub struct CursorMut<'l, T: CObject> {
    list: &'l mut osip_list,
    /// The node the cursor is on (NULL past the end of the chain).
    at: *mut __node_t,
    /// The node before it, NULL when `at` is the first.
    prev: *mut __node_t,
    /// Nodes left to visit, `at` included.
    left: usize,
    kind: PhantomData<fn() -> Box<T>>,
}

impl<T: CObject> CursorMut<'_, T> {
    fn at_end(&self) -> bool {
        self.left == 0 || self.at.is_null()
    }

    /// The element the cursor is on: None past the end, Some(None) for a
    /// NULL element.
    pub fn current(&mut self) -> Option<Option<&mut T>> {
        if self.at_end() {
            return None;
        }
        // SAFETY: `at` is a node of the list's chain (the cursor's
        // invariant: it only follows `next` links of the list).
        let element = unsafe { (*self.at).element };
        // SAFETY: an element of kind `T` owned by the list, borrowed
        // through `&mut self`.
        Some(NonNull::new(element).map(|p| unsafe { p.cast::<T>().as_mut() }))
    }

    /// Steps to the next element.
    pub fn move_next(&mut self) {
        if self.at_end() {
            return;
        }
        self.prev = self.at;
        // SAFETY: as in `current`.
        self.at = unsafe { (*self.at).next };
        self.left -= 1;
    }

    /// Unlinks the element the cursor is on and hands it over (None past
    /// the end, Some(None) for a NULL element); the cursor moves on to the
    /// next one. Counted and stamped as `osip_list_remove` does.
    pub fn remove_current(&mut self) -> Option<Option<Owned<T>>> {
        if self.at_end() {
            return None;
        }
        // SAFETY: as in `current`.
        let element = unsafe { (*self.at).element };
        // SAFETY: `at` is a node of this list and `prev` the one before it
        // (NULL when `at` is the head).
        self.at = unsafe { self.list.unlink_at(self.at, self.prev) };
        self.left -= 1;
        // SAFETY: an element of kind `T` the list owned; unlinked, it is ours.
        Some(unsafe { Owned::from_raw(element as *mut T) })
    }
}

impl<'a, I: ListItem + ?Sized> ListMut<'a, I> {
    /// # Safety
    /// Every element of `list` is NULL or an element of kind `I`, owned by
    /// the list.
    pub unsafe fn new(list: &'a mut osip_list) -> Self {
        ListMut {
            list,
            kind: PhantomData,
        }
    }

    pub fn as_ref(&self) -> ListRef<'_, I> {
        ListRef {
            list: self.list,
            kind: PhantomData,
        }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `osip_list_add` of an owned element: the new count. When out of
    /// memory the element is given back.
    pub fn add(&mut self, element: I::Owned, pos: c_int) -> Result<c_int, I::Owned> {
        let raw = I::into_raw(element);
        self.list.add_raw(raw, pos).map_err(|NoMemory| {
            // SAFETY: `raw` was just handed out by `into_raw` and not stored.
            unsafe { I::from_raw(raw) }.expect("a non-NULL element")
        })
    }

    /// Appends (`osip_list_add(li, el, -1)`).
    pub fn push(&mut self, element: I::Owned) -> Result<c_int, I::Owned> {
        self.add(element, -1)
    }

    /// Appends every element in order, as `osip_list_add(li, el, -1)` for
    /// each would, walking to the end of the list once (repeated pushes
    /// walk it each time). An element no node can be allocated for is
    /// dropped. Returns the new count.
    pub fn append_all(&mut self, elements: impl IntoIterator<Item = I::Owned>) -> c_int {
        let list = &mut *self.list;
        if list.nb_elt <= 0 || list.node.is_null() {
            // What `add_raw` does with its first element: a fresh chain.
            list.node = ptr::null_mut();
            list.nb_elt = 0;
        }
        let mut link = list.link_to(list.len());
        for element in elements {
            let Some(node) = alloc::malloc(size_of::<__node_t>()) else {
                drop(element);
                continue;
            };
            let n = node.cast::<__node_t>().as_ptr();
            // SAFETY: `link` points at a valid link of the chain.
            let after = unsafe { *link };
            // SAFETY: a fresh block the size of a node.
            unsafe {
                n.write(__node {
                    next: after,
                    element: I::into_raw(element),
                })
            };
            // SAFETY: as above; the new node goes in before `after`.
            unsafe { *link = n };
            // SAFETY: `n` is the node just linked.
            link = unsafe { ptr::addr_of_mut!((*n).next) };
            list.nb_elt += 1;
        }
        list.nb_elt
    }

    /// An [`Appender`]: many appends without a walk of the list for each.
    pub fn appender(&mut self) -> Appender<'_, 'a, I> {
        Appender {
            list: self,
            spill: Vec::new(),
        }
    }

    /// `osip_list_remove` taking the element along: Ok(None) for a NULL
    /// element.
    pub fn remove(&mut self, pos: c_int) -> Result<Option<I::Owned>, OutOfRange> {
        let raw = self.list.remove_raw(pos).ok_or(OutOfRange)?;
        // SAFETY: an element of kind `I` owned by the list, unlinked now.
        Ok(unsafe { I::from_raw(raw) })
    }

    /// Gives the raw list (to pass to C).
    pub fn raw(&mut self) -> &mut osip_list {
        self.list
    }

    /// Frees every element and node (`osip_list_special_free` with the
    /// element's free function), leaving the list empty.
    pub fn clear(&mut self) {
        while let Ok(element) = self.remove(0) {
            drop(element);
        }
        // A count the chain did not back (an application's doing) ends here.
        self.list.forget();
    }
}

/// Appends elements one after the other as `osip_list_add(li, el, -1)`
/// would, without walking the whole list for each: while the list is short
/// an element goes straight in, past that it waits in a buffer appended in
/// one walk when the appender is dropped. The appender borrows the list, so
/// nothing reads it in between; when it is dropped the list is what the
/// pushes one by one would have made (an element no node can be allocated
/// for is dropped, as `push` drops it).
pub struct Appender<'l, 'a, I: ListItem + ?Sized> {
    list: &'l mut ListMut<'a, I>,
    spill: Vec<I::Owned>,
}

/// Lists up to this long are appended to directly.
const DIRECT_APPEND: usize = 16;

impl<I: ListItem + ?Sized> Appender<'_, '_, I> {
    pub fn push(&mut self, element: I::Owned) {
        if self.spill.is_empty() && self.list.len() < DIRECT_APPEND {
            let _ = self.list.push(element);
        } else {
            self.spill.push(element);
        }
    }
}

impl<I: ListItem + ?Sized> Drop for Appender<'_, '_, I> {
    fn drop(&mut self) {
        if !self.spill.is_empty() {
            self.list.append_all(self.spill.drain(..));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(l: &osip_list) -> Vec<usize> {
        l.iter_raw().map(|p| p as usize).collect()
    }

    #[test]
    fn add_follows_the_library_positions() {
        let mut l = osip_list::new();
        let el = |n: usize| n as *mut c_void;
        assert_eq!(
            l.add_raw(el(1), 5),
            Ok(1),
            "an empty list takes any position"
        );
        assert_eq!(l.add_raw(el(2), -1), Ok(2));
        assert_eq!(l.add_raw(el(0), 0), Ok(3));
        assert_eq!(l.add_raw(el(9), 2), Ok(4));
        assert_eq!(ints(&l), [0, 1, 9, 2]);
        assert_eq!(
            l.add_raw(el(7), -5),
            Ok(5),
            "other negative positions insert at 1"
        );
        assert_eq!(ints(&l), [0, 7, 1, 9, 2]);
        assert_eq!(l.get_raw(3), el(9));
        assert!(l.get_raw(5).is_null() && l.get_raw(-1).is_null());
        assert_eq!(l.remove_raw(1), Some(el(7)));
        assert_eq!(l.remove_raw(4), None);
        assert_eq!(l.remove_raw(-1), None);
        assert_eq!(ints(&l), [0, 1, 9, 2]);
        while l.remove_raw(0).is_some() {}
        assert!(l.is_empty() && l.head().is_null());
    }

    #[test]
    fn strings_are_owned_by_the_list() {
        let mut raw = osip_list::new();
        // SAFETY: an empty list, then only strings.
        let mut l = unsafe { ListMut::<StrItem>::new(&mut raw) };
        for s in [&b"a"[..], b"bb", b"ccc"] {
            assert!(l.push(OString::new(s).unwrap()).is_ok());
        }
        let texts: Vec<&[u8]> = l.as_ref().iter().map(|s| s.unwrap().to_bytes()).collect();
        assert_eq!(texts, [&b"a"[..], b"bb", b"ccc"]);
        assert_eq!(l.remove(1).unwrap().unwrap().as_bytes(), b"bb");
        assert_eq!(l.remove(7).err(), Some(OutOfRange));
        l.clear();
        assert!(raw.is_empty());
    }

    #[test]
    fn a_cursor_unlinks_in_one_walk() {
        #[derive(crate::CObject)]
        #[repr(C)]
        struct item {
            #[c(str)]
            name: *mut libc::c_char,
            n: c_int,
        }
        let mut raw = osip_list::new();
        // SAFETY: an empty list, then only items and one NULL element.
        let mut l = unsafe { ListMut::<item>::new(&mut raw) };
        for n in 0..5 {
            let mut i = Owned::<item>::new().unwrap();
            i.n = n;
            i.set_name(OString::new(b"x"));
            assert!(l.push(i).is_ok());
        }
        assert_eq!(l.raw().add_raw(ptr::null_mut(), 2), Ok(6));
        let stamp = l.raw().stamp();
        let mut taken = Vec::new();
        let mut c = l.cursor();
        while let Some(at) = c.current() {
            match at {
                Some(i) if i.n % 2 == 0 => {
                    let i = c.remove_current().unwrap().unwrap();
                    taken.push(i.n);
                }
                _ => c.move_next(),
            }
        }
        assert!(c.current().is_none() && c.remove_current().is_none());
        assert_eq!(taken, [0, 2, 4]);
        let left: Vec<Option<c_int>> = l.as_ref().iter().map(|i| i.map(|i| i.n)).collect();
        assert_eq!(left, [Some(1), None, Some(3)]);
        assert_eq!(l.len(), 3);
        assert_ne!(l.raw().stamp(), stamp);
        l.clear();
    }

    #[test]
    fn appender_is_repeated_push() {
        let mut raw = osip_list::new();
        // SAFETY: an empty list, then only strings.
        let mut l = unsafe { ListMut::<StrItem>::new(&mut raw) };
        {
            let mut a = l.appender();
            for i in 0..100 {
                a.push(OString::new(format!("{i}").as_bytes()).unwrap());
            }
        }
        assert_eq!(l.len(), 100);
        let texts: Vec<String> = l
            .as_ref()
            .iter()
            .map(|s| String::from_utf8(s.unwrap().to_bytes().to_vec()).unwrap())
            .collect();
        assert_eq!(texts, (0..100).map(|i| i.to_string()).collect::<Vec<_>>());
        l.clear();
    }

    #[test]
    fn append_all_is_repeated_push() {
        let mut raw = osip_list::new();
        // SAFETY: an empty list, then only strings.
        let mut l = unsafe { ListMut::<StrItem>::new(&mut raw) };
        let s = |t: &[u8]| OString::new(t).unwrap();
        assert_eq!(l.append_all([s(b"a"), s(b"b")]), 2);
        assert_eq!(l.append_all(Vec::new()), 2);
        assert_eq!(l.push(s(b"c")).ok(), Some(3));
        assert_eq!(l.append_all([s(b"d")]), 4);
        let texts: Vec<&[u8]> = l.as_ref().iter().map(|s| s.unwrap().to_bytes()).collect();
        assert_eq!(texts, [&b"a"[..], b"b", b"c", b"d"]);
        l.clear();
        assert!(raw.is_empty() && raw.head().is_null());
    }
}
