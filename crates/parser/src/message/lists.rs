//! Where the setters put the elements of the message's lists.
//!
//! A setter appends at the end of its list (`osip_list_add(list, e, -1)`),
//! which walks the list: a message of thousands of Vias, Contacts or
//! unknown headers would cost the parser time quadratic in their number
//! (as Debian's does). The setters therefore hand their element to a
//! [`Sink`]:
//!
//! - [`Direct`] appends it (the C entry points of the setters);
//! - [`Pending`] (the message parser, `osip_message_set_multiple_header`)
//!   appends it too while its list is short, and past that keeps it until
//!   [`Pending::flush`], which appends each list's waiting elements in one
//!   walk. Nothing reads the message's lists while the parser fills them,
//!   and the flush happens before the parser returns, success or not: the
//!   lists end as the appends one by one would have left them.

use osip_cmem::Owned;
use osip_parser_abi::*;

/// Lists up to this long are appended to directly.
const DIRECT: usize = 16;

/// Takes the elements the setters make.
pub trait Sink {
    /// Puts `e` at the end of its list of `msg`.
    fn attach(&mut self, msg: &mut osip_message_t, e: Element);
}

/// Appends at once.
pub struct Direct;

impl Sink for Direct {
    fn attach(&mut self, msg: &mut osip_message_t, e: Element) {
        e.append_to(msg);
    }
}

macro_rules! lists {
    ($($variant:ident($ty:ty) => $field:ident, $field_mut:ident;)*) => {
        /// One element of one of the message's lists.
        pub enum Element {
            $($variant(Owned<$ty>),)*
        }

        impl Element {
            /// `osip_list_add(&msg->list, e, -1)`: a node that cannot be
            /// allocated loses the element (the library leaks it).
            pub fn append_to(self, msg: &mut osip_message_t) {
                match self {
                    $(Element::$variant(e) => {
                        let _ = msg.$field_mut().push(e);
                    })*
                }
            }
        }

        /// The elements waiting for their list (see the module).
        #[derive(Default)]
        pub struct Pending {
            $($field: Vec<Owned<$ty>>,)*
        }

        impl Sink for Pending {
            fn attach(&mut self, msg: &mut osip_message_t, e: Element) {
                match e {
                    $(Element::$variant(e) => {
                        if self.$field.is_empty() && msg.$field().len() < DIRECT {
                            let _ = msg.$field_mut().push(e);
                        } else {
                            self.$field.push(e);
                        }
                    })*
                }
            }
        }

        impl Pending {
            /// Appends what waits, each list in one walk.
            pub fn flush(&mut self, msg: &mut osip_message_t) {
                $(if !self.$field.is_empty() {
                    msg.$field_mut().append_all(self.$field.drain(..));
                })*
            }
        }
    };
}

lists! {
    Accept(osip_accept_t) => accepts, accepts_mut;
    AcceptEncoding(osip_accept_encoding_t) => accept_encodings, accept_encodings_mut;
    AcceptLanguage(osip_accept_language_t) => accept_languages, accept_languages_mut;
    AlertInfo(osip_alert_info_t) => alert_infos, alert_infos_mut;
    Allow(osip_allow_t) => allows, allows_mut;
    AuthenticationInfo(osip_authentication_info_t) => authentication_infos, authentication_infos_mut;
    Authorization(osip_authorization_t) => authorizations, authorizations_mut;
    CallInfo(osip_call_info_t) => call_infos, call_infos_mut;
    Contact(osip_contact_t) => contacts, contacts_mut;
    ContentEncoding(osip_content_encoding_t) => content_encodings, content_encodings_mut;
    ErrorInfo(osip_error_info_t) => error_infos, error_infos_mut;
    ProxyAuthenticate(osip_proxy_authenticate_t) => proxy_authenticates, proxy_authenticates_mut;
    ProxyAuthenticationInfo(osip_proxy_authentication_info_t) => proxy_authentication_infos, proxy_authentication_infos_mut;
    ProxyAuthorization(osip_proxy_authorization_t) => proxy_authorizations, proxy_authorizations_mut;
    RecordRoute(osip_record_route_t) => record_routes, record_routes_mut;
    Route(osip_route_t) => routes, routes_mut;
    Via(osip_via_t) => vias, vias_mut;
    WwwAuthenticate(osip_www_authenticate_t) => www_authenticates, www_authenticates_mut;
    Header(osip_header_t) => headers, headers_mut;
    Body(osip_body_t) => bodies, bodies_mut;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_keeps_the_order() {
        let mut m = super::super::new().unwrap();
        let mut p = Pending::default();
        for i in 0..100u8 {
            let mut h = Owned::<osip_header_t>::new().unwrap();
            h.set_hname(osip_cmem::OString::new(format!("h{i}").as_bytes()));
            p.attach(&mut m, Element::Header(h));
        }
        assert_eq!(m.headers().len(), DIRECT, "the rest waits");
        p.flush(&mut m);
        let names: Vec<String> = m
            .headers()
            .iter()
            .map(|h| String::from_utf8_lossy(h.unwrap().hname().unwrap().to_bytes()).into_owned())
            .collect();
        assert_eq!(names, (0..100).map(|i| format!("h{i}")).collect::<Vec<_>>());
    }
}
