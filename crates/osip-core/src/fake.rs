//! What the unit tests give the logic in place of the C layer: an
//! application that records what it is told (and may free the transaction
//! when told something), our parser's functions as the [`Parser`], a clock
//! that only moves when told, an instance's retransmission records, and
//! messages built header by header or field by field.

use crate::host::{Arg, Calls, Clock, Env, Host, Msg, Parser, Retransmissions, Tr, Trace};
use crate::ixt::Pins;
use crate::timeval::Tv;
use libc::c_int;
use osip_abi::codes::OSIP_NOMEM;
use osip_abi::{ixt_t, osip_dialog_t, osip_transaction_t};
use osip_cmem::{osip_list_t, ListMut, OString, Owned};
use osip_parser::headers::{authorization, call_id, cseq, from, via};
use osip_parser::message::headers::{set_list, set_single, ListHeader, SingleHeader};
use osip_parser::{message, port, uri};
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

/// Our libosipparser2's logic, with the trace lines kept for the test to
/// read.
#[derive(Default)]
pub struct FakeParser {
    /// (file, line, level, the line with its arguments put in).
    pub traces: RefCell<Vec<(String, c_int, c_int, String)>>,
}

impl FakeParser {
    /// The lines traced so far, forgotten.
    pub fn take_lines(&self) -> Vec<c_int> {
        self.traces.take().into_iter().map(|t| t.1).collect()
    }
}

impl Parser for FakeParser {
    fn clone_message(&self, m: &osip_message_t) -> Result<Owned<osip_message_t>, c_int> {
        message::clone(m)
    }
    fn clone_via(&self, v: &osip_via_t) -> Result<Owned<osip_via_t>, c_int> {
        via::clone(v)
    }
    fn clone_name_addr(&self, h: Option<&osip_from_t>) -> Result<Owned<osip_from_t>, c_int> {
        from::clone(h.ok_or(-2)?)
    }
    fn clone_to(&self, t: &osip_to_t) -> Result<Owned<osip_to_t>, c_int> {
        from::clone(t)
    }
    fn clone_call_id(&self, c: &osip_call_id_t) -> Result<Owned<osip_call_id_t>, c_int> {
        call_id::clone(c)
    }
    fn clone_cseq(&self, c: &osip_cseq_t) -> Result<Owned<osip_cseq_t>, c_int> {
        cseq::clone(c)
    }
    fn clone_uri(&self, u: &osip_uri_t) -> Result<Owned<osip_uri_t>, c_int> {
        uri::clone(u)
    }
    fn clone_authorization(
        &self,
        a: &osip_authorization_t,
    ) -> Result<Owned<osip_authorization_t>, c_int> {
        authorization::clone(a)
    }
    fn new_message(&self) -> Result<Owned<osip_message_t>, c_int> {
        message::new().ok_or(OSIP_NOMEM)
    }
    fn parse_message(&self, m: &mut osip_message_t, text: &[u8]) -> c_int {
        message::parse::parse(m, text, false)
    }
    fn call_id_to_str(&self, c: Option<&osip_call_id_t>) -> Result<OString, c_int> {
        call_id::to_str(c.ok_or(-2)?)
    }
    fn atoi(&self, s: &CStr) -> c_int {
        port::atoi(s.to_bytes())
    }
    fn compare_from(&self, a: &osip_from_t, b: &osip_from_t) -> c_int {
        from::compare(a, b)
    }
    fn trace(&self, t: &Trace<'_>) {
        let mut text = t.format.to_str().unwrap().to_string();
        for a in t.args {
            let at = ["%i", "%d", "%s", "%x"]
                .iter()
                .filter_map(|c| text.find(c))
                .min()
                .unwrap();
            let value = match a {
                Arg::Int(i) => i.to_string(),
                Arg::Hex(x) => format!("{x:x}"),
                Arg::Str(s) => s.to_str().unwrap().to_string(),
            };
            text.replace_range(at..at + 2, &value);
        }
        let file = t.file.to_str().unwrap().to_string();
        self.traces.borrow_mut().push((file, t.line, t.level, text));
    }
}

/// A clock that stands still until the test moves it.
#[derive(Default)]
pub struct FakeClock(pub Cell<Tv>);

impl FakeClock {
    pub fn advance_ms(&self, ms: i32) {
        self.0.set(self.0.get().add_ms(ms));
    }
}

impl Clock for FakeClock {
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
    pub parser: FakeParser,
    pub clock: FakeClock,
}

impl World {
    pub fn new(tr: Owned<osip_transaction_t>) -> World {
        World {
            app: App::new(tr),
            parser: FakeParser::default(),
            clock: FakeClock(Cell::new(Tv::new(100, 0))),
        }
    }

    /// Runs `f` with the state machines' view of this world.
    pub fn with<R>(&mut self, f: impl FnOnce(&mut Env<'_>, Tr) -> R) -> R {
        let t = self.app.handle();
        f(
            &mut Env {
                calls: &mut self.app,
                parser: &self.parser,
                clock: &self.clock,
            },
            t,
        )
    }
}

/// A message from its start line (`"SIP/2.0 200 OK"` or `"INVITE
/// sip:bob@example.com"`) and headers (`"Name: value"`; Via, From, To,
/// Call-ID, CSeq, Contact and Record-Route).
pub fn message(start: &str, headers: &[&str]) -> Owned<osip_message_t> {
    let mut m = message::new().expect("memory");
    match start.strip_prefix("SIP/2.0 ") {
        Some(status) => m.status_code = status[..3].parse().expect("a status"),
        None => {
            let (method, target) = start.split_once(' ').expect("a request line");
            m.set_sip_method(OString::new(method.as_bytes()));
            let mut u = Owned::<osip_uri_t>::new().expect("memory");
            assert_eq!(uri::parse(&mut u, target.as_bytes()), 0, "{target}");
            m.set_req_uri(Some(u));
        }
    }
    for h in headers {
        let (name, value) = h.split_once(": ").expect("Name: value");
        let value = Some(value.as_bytes());
        let r = match name {
            "Via" => set_list(Some(&mut m), ListHeader::Via, value),
            "Contact" => set_list(Some(&mut m), ListHeader::Contact, value),
            "Record-Route" => set_list(Some(&mut m), ListHeader::RecordRoute, value),
            "From" => set_single(Some(&mut m), SingleHeader::From, value),
            "To" => set_single(Some(&mut m), SingleHeader::To, value),
            "Call-ID" => set_single(Some(&mut m), SingleHeader::CallId, value),
            "CSeq" => set_single(Some(&mut m), SingleHeader::Cseq, value),
            other => panic!("header {other}"),
        };
        assert_eq!(r, 0, "{h}");
    }
    m
}

/// The text of a C string field, for assertions.
pub fn text(s: Option<&CStr>) -> Option<&str> {
    s.map(|s| s.to_str().expect("UTF-8"))
}

/// A list of records, owned: what the fake instance keeps its records in
/// (its accessors come from the derive, like those of the C structs).
#[derive(osip_cmem::CObject)]
#[repr(C)]
pub struct Records {
    #[c(list = ixt_t)]
    list: osip_list_t,
}

/// What a send saw: the message, destination, port and socket.
pub type Sent = (Msg, Host, c_int, c_int);

/// Code a send callback runs (it may call back into the logic).
pub type SendHook = Box<dyn FnMut(&mut FakeInstance)>;

/// An instance's retransmissions without C: its records, the pins, the
/// dialogs records may point to, and a send callback that records what it
/// is given and may call back into the logic.
pub struct FakeInstance {
    records: RefCell<Owned<Records>>,
    pins: RefCell<Pins>,
    pub dialogs: Vec<Owned<osip_dialog_t>>,
    pub sent: Vec<Sent>,
    /// Runs inside each send, after it is recorded.
    pub on_send: Option<SendHook>,
}

impl Default for FakeInstance {
    fn default() -> Self {
        FakeInstance {
            records: RefCell::new(Owned::new().expect("memory")),
            pins: RefCell::new(Pins::new()),
            dialogs: Vec::new(),
            sent: Vec::new(),
            on_send: None,
        }
    }
}

impl FakeInstance {
    /// Runs `f` on the records.
    pub fn with_records<R>(&self, f: impl FnOnce(ListMut<'_, ixt_t>) -> R) -> R {
        self.locked(|records, _| f(records))
    }

    /// Whether a send still holds a record.
    pub fn pinned(&self) -> bool {
        !self.pins.borrow().is_empty()
    }
}

impl Retransmissions for FakeInstance {
    fn locked<R>(&self, f: impl FnOnce(ListMut<'_, ixt_t>, &mut Pins) -> R) -> R {
        // A second lock from inside the first panics: libosip2 would
        // deadlock there.
        let mut records = self.records.borrow_mut();
        let mut pins = self.pins.borrow_mut();
        f(records.list_mut(), &mut pins)
    }

    fn dialog_of<'r>(&'r self, rec: &'r ixt_t) -> Option<&'r osip_dialog_t> {
        if rec.dialog().is_null() {
            return None;
        }
        let d = self.dialogs.iter().find(|d| d.as_ptr() == rec.dialog());
        Some(d.expect("a record's dialog is one of the instance's dialogs"))
    }

    fn send(&mut self, msg: Msg, dest: Host, port: c_int, sock: c_int) {
        self.sent.push((msg, dest, port, sock));
        if let Some(mut hook) = self.on_send.take() {
            hook(self);
            self.on_send = Some(hook);
        }
    }
}

/// An osip string of `s`.
pub fn ostring(s: &str) -> Option<OString> {
    OString::new(s.as_bytes())
}

/// A parameter list entry `name[=value]`.
pub fn generic(name: &str, value: Option<&str>) -> Owned<osip_uri_param_t> {
    let mut p = Owned::<osip_uri_param_t>::new().unwrap();
    p.set_gname(ostring(name));
    p.set_gvalue(value.and_then(ostring));
    p
}

/// `SIP/2.0/<proto> <host>[:port]` with parameters.
pub fn via(proto: &str, host: &str, params: &[(&str, Option<&str>)]) -> Owned<osip_via_t> {
    let mut v = Owned::<osip_via_t>::new().unwrap();
    v.set_version(ostring("2.0"));
    v.set_protocol(ostring(proto));
    v.set_host(ostring(host));
    for (n, val) in params {
        let _ = v.via_params_mut().push(generic(n, *val));
    }
    v
}

/// `sip:<host>[:port]` with parameters.
pub fn uri(host: &str, port: Option<&str>, params: &[(&str, Option<&str>)]) -> Owned<osip_uri_t> {
    let mut u = Owned::<osip_uri_t>::new().unwrap();
    u.set_scheme(ostring("sip"));
    u.set_host(ostring(host));
    u.set_port(port.and_then(ostring));
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
    id.set_number(ostring("call1"));
    m.set_call_id(Some(id));
    let mut cseq = Owned::<osip_cseq_t>::new().unwrap();
    cseq.set_method(ostring(method));
    cseq.set_number(ostring("1"));
    m.set_cseq(Some(cseq));
}

/// A request to `sip:b.example` over `transport`.
pub fn request(method: &str, transport: &str) -> Owned<osip_message_t> {
    let mut m = Owned::<osip_message_t>::new().unwrap();
    m.set_sip_version(ostring("SIP/2.0"));
    m.set_sip_method(ostring(method));
    m.set_req_uri(Some(uri("b.example", Some("5070"), &[])));
    headers(&mut m, method, transport);
    m
}

/// A response `status` to a `method` request over `transport`.
pub fn response(status: c_int, method: &str, transport: &str) -> Owned<osip_message_t> {
    let mut m = Owned::<osip_message_t>::new().unwrap();
    m.set_sip_version(ostring("SIP/2.0"));
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
    let clock = FakeClock(Cell::new(Tv::new(100, 0)));
    crate::transaction::build(
        &FakeParser::default(),
        &clock,
        &mut tr,
        kind as c_int,
        request,
    )
    .expect("a complete request");
    tr
}

/// The address callbacks get for a message.
pub fn addr(m: &osip_message_t) -> Msg {
    Msg::of(Some(m))
}
