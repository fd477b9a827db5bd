//! What the unit tests give the logic in place of the C layer: our parser's
//! functions as the [`Parser`], a clock that only moves when told, an
//! instance's retransmission records, and messages built header by header.

use crate::host::{Clock, Host, Level, Msg, Parser, Retransmissions};
use crate::ixt::Pins;
use crate::timeval::Tv;
use libc::c_int;
use osip_abi::{ixt_t, osip_dialog_t};
use osip_cmem::{osip_list_t, ListMut, OString, Owned};
use osip_parser::headers::{call_id, cseq, from, via};
use osip_parser::message::headers::{set_list, set_single, ListHeader, SingleHeader};
use osip_parser::{message, port, uri};
use osip_parser_abi::{
    osip_call_id_t, osip_cseq_t, osip_from_t, osip_message_t, osip_to_t, osip_uri_t, osip_via_t,
};
use std::cell::{Cell, RefCell};
use std::ffi::CStr;

/// Our libosipparser2's logic, with the traces kept for the test to read.
#[derive(Default)]
pub struct FakeParser {
    /// (line, level, text) of each trace.
    pub traces: RefCell<Vec<(c_int, Level, String)>>,
}

impl FakeParser {
    /// The lines traced so far, forgotten.
    pub fn take_lines(&self) -> Vec<c_int> {
        self.traces.take().into_iter().map(|t| t.0).collect()
    }
}

impl Parser for FakeParser {
    /// A copy of what the tests put in messages.
    fn clone_message(&self, m: &osip_message_t) -> Option<Owned<osip_message_t>> {
        let mut c = message::new()?;
        c.status_code = m.status_code;
        c.set_sip_method(m.sip_method().and_then(|s| OString::new(s.to_bytes())));
        c.set_req_uri(m.req_uri().and_then(|u| uri::clone(u).ok()));
        c.set_call_id(m.call_id().and_then(|h| call_id::clone(h).ok()));
        c.set_cseq(m.cseq().and_then(|h| cseq::clone(h).ok()));
        c.set_from(m.from().and_then(|h| from::clone(h).ok()));
        c.set_to(m.to().and_then(|h| from::clone(h).ok()));
        for v in m.vias().iter().flatten() {
            let _ = c.vias_mut().push(via::clone(v).ok()?);
        }
        for h in m.contacts().iter().flatten() {
            let _ = c.contacts_mut().push(from::clone(h).ok()?);
        }
        Some(c)
    }
    fn clone_via(&self, v: &osip_via_t) -> Option<Owned<osip_via_t>> {
        via::clone(v).ok()
    }
    fn clone_from(&self, f: &osip_from_t) -> Option<Owned<osip_from_t>> {
        from::clone(f).ok()
    }
    fn clone_to(&self, t: &osip_to_t) -> Option<Owned<osip_to_t>> {
        from::clone(t).ok()
    }
    fn clone_call_id(&self, c: &osip_call_id_t) -> Option<Owned<osip_call_id_t>> {
        call_id::clone(c).ok()
    }
    fn clone_cseq(&self, c: &osip_cseq_t) -> Option<Owned<osip_cseq_t>> {
        cseq::clone(c).ok()
    }
    fn clone_uri(&self, u: &osip_uri_t) -> Option<Owned<osip_uri_t>> {
        uri::clone(u).ok()
    }
    fn via_match(&self, a: &osip_via_t, b: &osip_via_t) -> c_int {
        via::matches(a, b)
    }
    fn call_id_match(&self, a: &osip_call_id_t, b: &osip_call_id_t) -> c_int {
        call_id::matches(a, b)
    }
    fn cseq_match(&self, a: &osip_cseq_t, b: &osip_cseq_t) -> c_int {
        cseq::matches(a, b)
    }
    fn tag_match(&self, a: &osip_from_t, b: &osip_from_t) -> c_int {
        from::tag_match(a, b)
    }
    fn compare_from(&self, a: &osip_from_t, b: &osip_from_t) -> c_int {
        from::compare(a, b)
    }
    fn clone_name_addr(&self, h: Option<&osip_from_t>) -> Result<Owned<osip_from_t>, c_int> {
        from::clone(h.ok_or(-2)?)
    }
    fn call_id_to_str(&self, c: Option<&osip_call_id_t>) -> Result<OString, c_int> {
        call_id::to_str(c.ok_or(-2)?)
    }
    fn atoi(&self, s: &CStr) -> c_int {
        port::atoi(s.to_bytes())
    }
    fn trace(&self, _file: &CStr, line: c_int, level: Level, text: &CStr) {
        let text = text.to_string_lossy().into_owned();
        self.traces.borrow_mut().push((line, level, text));
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
