//! The procedural macros of osip2-rs.
//!
//! # `#[derive(CObject)]`
//!
//! Safe accessors for the fields of a `#[repr(C)]`
//! struct of oSIP, and the `osip_cmem::CObject` implementation that frees
//! what they own.
//!
//! Every pointer field says what it holds with `#[c(...)]`:
//!
//! | annotation | field type | accessors generated |
//! |---|---|---|
//! | `#[c(str)]` | `*mut c_char`, an owned string | `f(&self) -> Option<&CStr>`, `set_f(&mut self, Option<OString>)`, `take_f(&mut self) -> Option<OString>` |
//! | `#[c(owned)]` | `*mut T`, an owned object | `f(&self) -> Option<&T>`, `f_mut(&mut self) -> Option<&mut T>`, `set_f(&mut self, Option<Owned<T>>)`, `take_f(&mut self) -> Option<Owned<T>>` |
//! | `#[c(list = T)]` / `#[c(list = str)]` | `osip_list_t` of owned `T` / strings | `f(&self) -> ListRef<'_, T>`, `f_mut(&mut self) -> ListMut<'_, T>` |
//! | `#[c(owned_list = T)]` | `*mut osip_list_t`, an owned list of owned `T` | `f(&self) -> Option<ListRef<'_, T>>`, `f_mut(&mut self) -> Option<ListMut<'_, T>>`, `init_f(&mut self) -> Result<(), NoMemory>` (an empty list if NULL) |
//! | `#[c(bytes = len)]` | `*mut c_char` owning `self.len` bytes (NULs allowed) | `f(&self) -> Option<&[u8]>`, `set_f(&mut self, Option<OBytes>)` (sets `len` too), `take_f(&mut self) -> Option<OBytes>` |
//! | `#[c(raw)]` | a pointer the struct does not own | `f(&self) -> T`, `set_f(&mut self, T)` |
//!
//! Fields without annotation must not be pointers (plain integers: make them
//! `pub`). The generated code relies on the C contract: every annotated
//! field holds NULL or what its annotation says (the argument is spelt out
//! in `osip_cmem`'s documentation); `release` frees exactly that.
//!
//! Written against `proc_macro` alone (no syn or quote): the grammar of a
//! plain `#[repr(C)]` struct with named fields is small.

//!
//! # `#[export]`
//!
//! The one pattern of a C entry point; see [`export`].

mod cobject;
mod export;

use proc_macro::{Spacing, TokenStream, TokenTree};

#[proc_macro_derive(CObject, attributes(c))]
pub fn derive_cobject(input: TokenStream) -> TokenStream {
    cobject::derive(input).unwrap_or_else(|e| compile_error(&e))
}

/// Every C entry point of osip2-rs is written
///
/// ```ignore
/// #[export]
/// #[no_mangle]
/// pub unsafe extern "C" fn osip_via_set_host(#[nonnull] via: *mut osip_via_t, host: *mut c_char) {
///     ... safe code, `via` is a `&mut osip_via_t` here ...
/// }
/// ```
///
/// The signature stays literal (cbindgen reads it for the headers). The
/// attribute turns each `#[nonnull]` pointer parameter into a reference
/// (`*mut T` into `&mut T`, `*const T` into `&T`) and each `#[cstr]`
/// `*const c_char` into a `&CStr`; a NULL one returns the function's refusal
/// value before anything else runs: `osip_cabi::Refusal` chooses it by return
/// type (-2 `OSIP_BADPARAMETER` for `int`, NULL for pointers, nothing for
/// `void`), `#[export(refuse = EXPR)]` overrides it. Two more parameter
/// attributes cover what may not be borrowed or may be NULL:
/// - `#[handle]`: a NULL pointer is refused, a non-NULL one stays a pointer,
///   as `NonNull<T>`: for memory no Rust reference may cover for the whole
///   call (an opaque handle whose memory is a pthread object, a struct other
///   threads change meanwhile under its own lock);
/// - `#[nullable]`: NULL is an ordinary argument: `Option<&mut T>` (or
///   `Option<&T>`), never refused.
/// - `#[nullable(handle)]`: both: `Option<NonNull<T>>`, never refused (an
///   engine the application may not have made yet, whose memory its own
///   callbacks change during the call).
///
/// In builds with the crate's `fault-injection` feature, the entry point
/// panics first when `OSIP2RS_PANIC_AT` names it. A panic is never turned into an error code:
/// see `osip_cabi`'s panic hook.
#[proc_macro_attribute]
pub fn export(attr: TokenStream, item: TokenStream) -> TokenStream {
    export::expand(attr, item).unwrap_or_else(|e| compile_error(&e))
}

fn compile_error(msg: &str) -> TokenStream {
    format!("compile_error!({msg:?});")
        .parse()
        .expect("compile_error")
}

/// Splits a token stream at top-level commas (commas inside `<...>` belong
/// to a type; groups are single tokens already).
fn split_commas(stream: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut out = Vec::new();
    let mut current: Vec<TokenTree> = Vec::new();
    let mut depth = 0i32;
    for t in stream {
        match &t {
            TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
            TokenTree::Punct(p) if p.as_char() == '>' && !joined_arrow(&current) => depth -= 1,
            TokenTree::Punct(p) if p.as_char() == ',' && depth == 0 => {
                out.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(t);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether a `>` just read closes `->` (a function pointer's return type).
fn joined_arrow(before: &[TokenTree]) -> bool {
    matches!(before.last(), Some(TokenTree::Punct(p)) if p.as_char() == '-' && p.spacing() == Spacing::Joint)
}
