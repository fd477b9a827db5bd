//! A host for the unit tests: an application that records what it is told
//! (and may free the transaction when told something), a parser that
//! copies headers field by field, a clock that stands still. Also builders
//! of the messages the tests feed in.

use crate::host::{Arg, Calls, Clock, Env, Host, Msg, Parser, Tr, Trace};
use crate::timeval::Tv;
use libc::c_int;
use osip_abi::codes::OSIP_UNDEFINED_ERROR;
use osip_abi::osip_transaction_t;
use osip_cmem::{ListMut, ListRef, OString, Owned};
use osip_parser_abi::{
    osip_authorization_t, osip_call_id_t, osip_cseq_t, osip_from_t, osip_message_t, osip_to_t,
    osip_uri_param_t, osip_uri_t, osip_via_t,
};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ffi::CStr;

/// What the application was told, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    Message(c_int, Msg),
    Kill(c_int),
    TransportError(c_int, c_int),
    Send {
        msg: Msg,
        host: Host,
        port: c_int,
        sock: c_int,
    },
}

/// The application: owns the one transaction it knows.
pub struct App {
    pub tr: Option<Owned<osip_transaction_t>>,
    pub seen: Vec<Seen>,
    /// What the send callback returns, in turn (0 once empty).
    pub send_results: VecDeque<c_int>,
    /// Frees the transaction after reporting what it matches.
    pub free_when: Option<fn(&Seen) -> bool>,
    /// `stepped` calls.
    pub steps: usize,
}

impl App {
    pub fn new(tr: Owned<osip_transaction_t>) -> App {
        App {
            tr: Some(tr),
            seen: Vec::new(),
            send_results: VecDeque::new(),
            free_when: None,
            steps: 0,
        }
    }

    /// The transaction's handle.
    pub fn handle(&self) -> Tr {
        Tr(self.tr.as_ref().map_or(0, |t| t.as_ptr() as usize))
    }

    pub fn view(&self) -> &osip_transaction_t {
        self.tr.as_ref().expect("the transaction was freed")
    }

    fn saw(&mut self, s: Seen) {
        self.seen.push(s);
        if self.free_when.is_some_and(|f| f(&s)) {
            self.tr = None;
        }
    }
}

impl Calls for App {
    fn tr(&mut self, t: Tr) -> Option<&mut osip_transaction_t> {
        let tr = self.tr.as_mut()?;
        (tr.as_ptr() as usize == t.0).then_some(&mut **tr)
    }
    fn message(&mut self, ty: c_int, _t: Tr, msg: Msg) {
        self.saw(Seen::Message(ty, msg));
    }
    fn kill(&mut self, ty: c_int, _t: Tr) {
        self.saw(Seen::Kill(ty));
    }
    fn transport_error(&mut self, ty: c_int, _t: Tr, code: c_int) {
        self.saw(Seen::TransportError(ty, code));
    }
    fn send(&mut self, _t: Tr, msg: Msg, host: Host, port: c_int, sock: c_int) -> c_int {
        let r = self.send_results.pop_front().unwrap_or(0);
        self.saw(Seen::Send {
            msg,
            host,
            port,
            sock,
        });
        r
    }
    fn stepped(&mut self, _t: Tr) {
        self.steps += 1;
    }
}

/// A parser that copies field by field and records the trace lines.
#[derive(Default)]
pub struct Lib {
    /// (file, line, level, the line with its arguments put in).
    pub traces: RefCell<Vec<(String, c_int, c_int, String)>>,
}

fn dup(s: Option<&CStr>) -> Option<OString> {
    s.and_then(|s| OString::new(s.to_bytes()))
}

fn copy_params(src: ListRef<'_, osip_uri_param_t>, mut dst: ListMut<'_, osip_uri_param_t>) {
    for p in src.iter().flatten() {
        let _ = dst.push(param(p.gname(), p.gvalue()));
    }
}

fn param(name: Option<&CStr>, value: Option<&CStr>) -> Owned<osip_uri_param_t> {
    let mut p = Owned::<osip_uri_param_t>::new().unwrap();
    p.set_gname(dup(name));
    p.set_gvalue(dup(value));
    p
}

fn copy_uri(u: &osip_uri_t) -> Owned<osip_uri_t> {
    let mut c = Owned::<osip_uri_t>::new().unwrap();
    c.set_scheme(dup(u.scheme()));
    c.set_host(dup(u.host()));
    c.set_port(dup(u.port()));
    copy_params(u.url_params(), c.url_params_mut());
    c
}

fn copy_name_addr(f: &osip_from_t) -> Owned<osip_from_t> {
    let mut c = Owned::<osip_from_t>::new().unwrap();
    c.set_url(f.url().map(copy_uri));
    copy_params(f.gen_params(), c.gen_params_mut());
    c
}

impl Parser for Lib {
    fn clone_message(&self, _m: &osip_message_t) -> Result<Owned<osip_message_t>, c_int> {
        Err(OSIP_UNDEFINED_ERROR)
    }
    fn clone_via(&self, v: &osip_via_t) -> Result<Owned<osip_via_t>, c_int> {
        let mut c = Owned::<osip_via_t>::new().unwrap();
        c.set_version(dup(v.version()));
        c.set_protocol(dup(v.protocol()));
        c.set_host(dup(v.host()));
        c.set_port(dup(v.port()));
        copy_params(v.via_params(), c.via_params_mut());
        Ok(c)
    }
    fn clone_from(&self, f: &osip_from_t) -> Result<Owned<osip_from_t>, c_int> {
        Ok(copy_name_addr(f))
    }
    fn clone_to(&self, t: &osip_to_t) -> Result<Owned<osip_to_t>, c_int> {
        Ok(copy_name_addr(t))
    }
    fn clone_call_id(&self, c: &osip_call_id_t) -> Result<Owned<osip_call_id_t>, c_int> {
        let mut n = Owned::<osip_call_id_t>::new().unwrap();
        n.set_number(dup(c.number()));
        n.set_host(dup(c.host()));
        Ok(n)
    }
    fn clone_cseq(&self, c: &osip_cseq_t) -> Result<Owned<osip_cseq_t>, c_int> {
        let mut n = Owned::<osip_cseq_t>::new().unwrap();
        n.set_method(dup(c.method()));
        n.set_number(dup(c.number()));
        Ok(n)
    }
    fn clone_uri(&self, u: &osip_uri_t) -> Result<Owned<osip_uri_t>, c_int> {
        Ok(copy_uri(u))
    }
    fn clone_authorization(
        &self,
        a: &osip_authorization_t,
    ) -> Result<Owned<osip_authorization_t>, c_int> {
        let mut c = Owned::<osip_authorization_t>::new().unwrap();
        c.set_auth_type(dup(a.auth_type()));
        Ok(c)
    }
    fn new_message(&self) -> Result<Owned<osip_message_t>, c_int> {
        Ok(Owned::new().unwrap())
    }
    fn parse_message(&self, _m: &mut osip_message_t, _text: &[u8]) -> c_int {
        OSIP_UNDEFINED_ERROR
    }
    fn atoi(&self, s: &CStr) -> c_int {
        s.to_str().ok().and_then(|s| s.parse().ok()).unwrap_or(-1)
    }
    fn via_match(&self, _a: &osip_via_t, _b: &osip_via_t) -> c_int {
        OSIP_UNDEFINED_ERROR
    }
    fn call_id_match(&self, _a: &osip_call_id_t, _b: &osip_call_id_t) -> c_int {
        OSIP_UNDEFINED_ERROR
    }
    fn cseq_match(&self, _a: &osip_cseq_t, _b: &osip_cseq_t) -> c_int {
        OSIP_UNDEFINED_ERROR
    }
    fn tag_match(&self, _a: &osip_from_t, _b: &osip_from_t) -> c_int {
        OSIP_UNDEFINED_ERROR
    }
    fn compare_from(&self, _a: &osip_from_t, _b: &osip_from_t) -> c_int {
        OSIP_UNDEFINED_ERROR
    }
    fn trace(&self, t: &Trace<'_>) {
        let mut text = t.format.to_str().unwrap().to_string();
        for a in t.args {
            let (at, len) = ["%i", "%d", "%s", "%x"]
                .iter()
                .filter_map(|c| text.find(c))
                .min()
                .map(|at| (at, 2))
                .unwrap();
            let value = match a {
                Arg::Int(i) => i.to_string(),
                Arg::Hex(x) => format!("{x:x}"),
                Arg::Str(s) => s.to_str().unwrap().to_string(),
            };
            text.replace_range(at..at + len, &value);
        }
        let file = t.file.to_str().unwrap().to_string();
        self.traces.borrow_mut().push((file, t.line, t.level, text));
    }
}

/// A clock that moves only when told.
pub struct Stopped(pub Cell<Tv>);

impl Clock for Stopped {
    fn now(&self) -> Tv {
        self.0.get()
    }
    fn seconds(&self) -> i64 {
        self.0.get().sec
    }
}

/// The test's outside world.
pub struct World {
    pub app: App,
    pub lib: Lib,
    pub clock: Stopped,
}

impl World {
    pub fn new(tr: Owned<osip_transaction_t>) -> World {
        World {
            app: App::new(tr),
            lib: Lib::default(),
            clock: Stopped(Cell::new(Tv::new(100, 0))),
        }
    }

    /// Runs `f` with the state machines' view of this world.
    pub fn with<R>(&mut self, f: impl FnOnce(&mut Env<'_>, Tr) -> R) -> R {
        let t = self.app.handle();
        f(
            &mut Env {
                calls: &mut self.app,
                parser: &self.lib,
                clock: &self.clock,
            },
            t,
        )
    }
}

pub fn text(s: &str) -> Option<OString> {
    OString::new(s.as_bytes())
}

/// A parameter list entry `name[=value]`.
pub fn generic(name: &str, value: Option<&str>) -> Owned<osip_uri_param_t> {
    let mut p = Owned::<osip_uri_param_t>::new().unwrap();
    p.set_gname(text(name));
    p.set_gvalue(value.and_then(text));
    p
}

/// `SIP/2.0/<proto> <host>[:port]` with parameters.
pub fn via(proto: &str, host: &str, params: &[(&str, Option<&str>)]) -> Owned<osip_via_t> {
    let mut v = Owned::<osip_via_t>::new().unwrap();
    v.set_version(text("2.0"));
    v.set_protocol(text(proto));
    v.set_host(text(host));
    for (n, val) in params {
        let _ = v.via_params_mut().push(generic(n, *val));
    }
    v
}

/// `sip:<host>[:port]` with parameters.
pub fn uri(host: &str, port: Option<&str>, params: &[(&str, Option<&str>)]) -> Owned<osip_uri_t> {
    let mut u = Owned::<osip_uri_t>::new().unwrap();
    u.set_scheme(text("sip"));
    u.set_host(text(host));
    u.set_port(port.and_then(text));
    for (n, val) in params {
        let _ = u.url_params_mut().push(generic(n, *val));
    }
    u
}

/// `<sip:user@host>[;tag=...]`.
pub fn name_addr(host: &str, tag: Option<&str>) -> Owned<osip_from_t> {
    let mut f = Owned::<osip_from_t>::new().unwrap();
    f.set_url(Some(uri(host, None, &[])));
    if let Some(tag) = tag {
        let _ = f.gen_params_mut().push(generic("tag", Some(tag)));
    }
    f
}

/// The headers requests and responses of one transaction share.
fn headers(m: &mut osip_message_t, method: &str, transport: &str) {
    let _ = m.vias_mut().push(via(
        transport,
        "client.example",
        &[("branch", Some("z9hG4bK1"))],
    ));
    m.set_from(Some(name_addr("a.example", Some("a1"))));
    m.set_to(Some(name_addr("b.example", None)));
    let mut id = Owned::<osip_call_id_t>::new().unwrap();
    id.set_number(text("call1"));
    m.set_call_id(Some(id));
    let mut cseq = Owned::<osip_cseq_t>::new().unwrap();
    cseq.set_method(text(method));
    cseq.set_number(text("1"));
    m.set_cseq(Some(cseq));
}

/// A request to `sip:b.example` over `transport`.
pub fn request(method: &str, transport: &str) -> Owned<osip_message_t> {
    let mut m = Owned::<osip_message_t>::new().unwrap();
    m.set_sip_version(text("SIP/2.0"));
    m.set_sip_method(text(method));
    m.set_req_uri(Some(uri("b.example", Some("5070"), &[])));
    headers(&mut m, method, transport);
    m
}

/// A response `status` to a `method` request over `transport`.
pub fn response(status: c_int, method: &str, transport: &str) -> Owned<osip_message_t> {
    let mut m = Owned::<osip_message_t>::new().unwrap();
    m.set_sip_version(text("SIP/2.0"));
    m.status_code = status;
    headers(&mut m, method, transport);
    m.set_to(Some(name_addr("b.example", Some("b1"))));
    m
}

/// A transaction built for `request` as `osip_transaction_init` builds it
/// (id 7, no instance, no event queue).
pub fn transaction(kind: crate::kind::Kind, request: &osip_message_t) -> Owned<osip_transaction_t> {
    let mut tr = Owned::<osip_transaction_t>::new().unwrap();
    tr.transactionid = 7;
    let clock = Stopped(Cell::new(Tv::new(100, 0)));
    crate::transaction::build(&Lib::default(), &clock, &mut tr, kind as c_int, request)
        .expect("a complete request");
    tr
}

/// The address callbacks get for a message.
pub fn addr(m: &osip_message_t) -> Msg {
    Msg::of(Some(m))
}
