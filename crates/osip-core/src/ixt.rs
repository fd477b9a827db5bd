//! Retransmissions outside the transaction state machines: a UAS repeats
//! its 2xx to an INVITE until the ACK arrives, a UAC repeats its ACK for
//! each retransmitted 2xx (RFC 3261 13.3.1.4 and 13.2.2.4), on libosip2's
//! schedule.
//!
//! Records are plain `ixt_t` in the public `osip->ixt_retransmissions` list
//! (newest first), guarded by `ixt_fastmutex`: `osip_timers_gettimeout`
//! reads their `start` there, and applications drive time by writing it.
//!
//! Unlike libosip2, sends happen with `ixt_fastmutex` released, so a send
//! callback may start or stop retransmissions. A record being sent stays
//! allocated until its send returns: stopping it meanwhile unlinks it and
//! leaves it to the sender (see [`Pins`]).

use crate::dialog;
use crate::host::{Clock, Host, Msg, Parser, Retransmissions};
use crate::response;
use crate::timeval::Tv;
use libc::{c_int, timeval};
use osip_abi::{ixt_t, osip_dialog_t};
use osip_cmem::{ListMut, OString, Owned};
use osip_parser_abi::osip_message_t;
use std::collections::BTreeMap;
use std::ffi::CStr;

/// First interval: T1.
pub const FIRST_INTERVAL_MS: i32 = 500;
/// The interval doubles up to T2.
pub const MAX_INTERVAL_MS: i32 = 4000;
/// Sends before a record is dropped.
pub const SENDS: i32 = 10;
/// Default destination port until the caller or the Via says otherwise.
pub const DEFAULT_PORT: i32 = 5060;

/// The timing fields of one retransmission record (`ixt_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// Deadline of the next send.
    pub start: Tv,
    pub interval: i32,
    /// Sends left.
    pub counter: i32,
}

impl Schedule {
    /// The schedule a record holds.
    pub fn of(r: &ixt_t) -> Schedule {
        Schedule {
            start: Tv::new(r.start.tv_sec, r.start.tv_usec),
            interval: r.interval,
            counter: r.counter,
        }
    }

    /// Writes the schedule into a record.
    pub fn store(self, r: &mut ixt_t) {
        r.start = timeval {
            tv_sec: self.start.sec,
            tv_usec: self.start.usec,
        };
        r.interval = self.interval;
        r.counter = self.counter;
    }

    /// A new record: first send 10 ms after one interval from `now`.
    pub fn new(now: Tv) -> Schedule {
        Schedule {
            start: now.add_ms(FIRST_INTERVAL_MS + 10),
            interval: FIRST_INTERVAL_MS,
            counter: SENDS,
        }
    }

    /// One pass of `osip_retransmissions_execute` at `now`: when due, the
    /// interval doubles (capped), the deadline advances from the previous
    /// deadline (not from `now`, so late passes catch up) and one send is
    /// counted. Returns whether a send is due.
    pub fn tick(&mut self, now: Tv) -> bool {
        if !self.start.is_due(now) {
            return false;
        }
        self.interval = self.interval.saturating_mul(2).min(MAX_INTERVAL_MS);
        self.start = self.start.add_ms(self.interval);
        self.counter = self.counter.wrapping_sub(1);
        true
    }

    /// The record is dropped when its counter is exactly zero (checked on
    /// every pass, due or not, so a record whose counter was set to zero
    /// goes without sending).
    pub fn exhausted(&self) -> bool {
        self.counter == 0
    }
}

/// Records whose send is in progress while their list is unlocked, by
/// address: how many senders hold each, and the record itself once it was
/// stopped meanwhile (unlinked, it waits for its last sender, who frees it
/// instead of the stopper).
#[derive(Default)]
pub struct Pins(BTreeMap<usize, Pin>);

#[derive(Default)]
struct Pin {
    holders: u32,
    stopped: Option<Owned<ixt_t>>,
}

/// A record's identity while it is held.
fn address(rec: &ixt_t) -> usize {
    rec as *const ixt_t as usize
}

impl Pins {
    pub const fn new() -> Pins {
        Pins(BTreeMap::new())
    }

    /// Whether no send holds a record.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn hold(&mut self, rec: &ixt_t) {
        self.0.entry(address(rec)).or_default().holders += 1;
    }

    /// Drops one hold on the record at `rec`; gives the record back when it
    /// was stopped meanwhile and this was the last hold (to be freed).
    fn release(&mut self, rec: usize) -> Option<Owned<ixt_t>> {
        let pin = self.0.get_mut(&rec)?;
        pin.holders -= 1;
        if pin.holders > 0 {
            return None;
        }
        let stopped = self.0.remove(&rec).and_then(|pin| pin.stopped);
        if self.0.is_empty() {
            // An empty map keeps its root node: release it, so that nothing
            // stays allocated between passes.
            self.0 = BTreeMap::new();
        }
        stopped
    }

    /// Takes a record just unlinked: kept for its senders when held, else
    /// given back (the stopper frees it).
    fn park(&mut self, rec: Owned<ixt_t>) -> Option<Owned<ixt_t>> {
        match self.0.get_mut(&address(&rec)) {
            Some(pin) => {
                pin.stopped = Some(rec);
                None
            }
            None => Some(rec),
        }
    }
}

/// Walks the records in order (NULL elements stay); every record `stop`
/// says so for is unlinked and freed, or parked while a send holds it.
fn sweep(
    mut records: ListMut<'_, ixt_t>,
    pins: &mut Pins,
    mut stop: impl FnMut(&mut ixt_t, &mut Pins) -> bool,
) {
    let mut at = records.cursor();
    while let Some(rec) = at.current() {
        if !rec.is_some_and(|rec| stop(rec, pins)) {
            at.move_next();
        } else if let Some(Some(rec)) = at.remove_current() {
            drop(pins.park(rec));
        }
    }
}

/// Starts a new record for `dialog`: first send 510 ms from now, default
/// port, no socket, then what `fill` sets; it goes first in the list, as
/// libosip2 puts it. Nothing happens when out of memory.
fn start(
    h: &impl Retransmissions,
    clock: &impl Clock,
    dialog: *mut osip_dialog_t,
    fill: impl FnOnce(&mut ixt_t),
) {
    let Some(mut rec) = Owned::<ixt_t>::new() else {
        return;
    };
    rec.set_dialog(dialog);
    Schedule::new(clock.now()).store(&mut rec);
    rec.port = DEFAULT_PORT;
    rec.sock = -1;
    fill(&mut rec);
    h.locked(|mut records, _| drop(records.add(rec, 0)));
}

/// `osip_start_200ok_retransmissions`: repeats a copy of `msg200ok` (our 2xx
/// to an INVITE) to the address its top Via gives, on socket `sock`, until
/// [`stop_200ok`] sees the ACK, or ten times.
pub fn start_200ok(
    h: &impl Retransmissions,
    p: &impl Parser,
    clock: &impl Clock,
    dialog: *mut osip_dialog_t,
    msg200ok: &osip_message_t,
    sock: c_int,
) {
    start(h, clock, dialog, |r| {
        r.set_msg2xx(p.clone_message(msg200ok).ok());
        r.sock = sock;
        // Without a top Via: no host and port 0.
        let (dest, port) = response::destination(p, msg200ok).unwrap_or((None, 0));
        r.set_dest(dest.and_then(|d| OString::new(d.to_bytes())));
        r.port = port;
    });
}

/// `osip_start_ack_retransmissions`: repeats a copy of `ack` to
/// `dest`:`port` on socket `sock`, ten times. Without an ACK the record
/// sends nothing (as in libosip2).
pub fn start_ack(
    h: &impl Retransmissions,
    p: &impl Parser,
    clock: &impl Clock,
    dialog: *mut osip_dialog_t,
    ack: Option<&osip_message_t>,
    (dest, port, sock): (Option<&CStr>, c_int, c_int),
) {
    start(h, clock, dialog, |r| {
        r.set_ack(ack.and_then(|ack| p.clone_message(ack).ok()));
        r.set_dest(dest.and_then(|d| OString::new(d.to_bytes())));
        r.port = port;
        r.sock = sock;
    });
}

/// `osip_stop_200ok_retransmissions`: stops the 2xx retransmission this ACK
/// acknowledges, the first record whose dialog matches the ACK as UAS and
/// whose 2xx has the ACK's CSeq number. Returns that record's dialog, or
/// NULL (also for an ACK without CSeq number).
pub fn stop_200ok(
    h: &impl Retransmissions,
    p: &impl Parser,
    ack: &osip_message_t,
) -> *mut osip_dialog_t {
    let Some(number) = ack.cseq().and_then(|c| c.number()) else {
        return std::ptr::null_mut();
    };
    h.locked(|records, pins| {
        let mut stopped = None;
        sweep(records, pins, |rec, _| {
            // Only records with a 2xx are followed to their dialog: an
            // ACK record's dialog may be anything the application chose.
            let acked = stopped.is_none()
                && rec
                    .msg2xx()
                    .and_then(|m| m.cseq())
                    .and_then(|c| c.number())
                    .is_some_and(|sent| {
                        h.dialog_of(rec)
                            .is_some_and(|d| dialog::match_as_uas(p, d, ack) == 0)
                            && sent == number
                    });
            if acked {
                stopped = Some(rec.dialog());
            }
            acked
        });
        stopped.unwrap_or(std::ptr::null_mut())
    })
}

/// `osip_stop_retransmissions_from_dialog`: stops every record of `dialog`
/// (compared by address; NULL stops those started without one).
pub fn stop_from_dialog(h: &impl Retransmissions, dialog: *mut osip_dialog_t) {
    h.locked(|records, pins| sweep(records, pins, |rec, _| rec.dialog() == dialog));
}

/// Frees every record of an instance being released: they are the
/// instance's (the application cannot reach them to free them), so they go
/// with it (libosip2 leaks them).
pub fn free_all(h: &impl Retransmissions) {
    h.locked(|records, pins| sweep(records, pins, |_, _| true));
}

/// One send decided under the lock and made after releasing it.
struct Due {
    rec: usize,
    msg: Msg,
    dest: Host,
    port: c_int,
    sock: c_int,
}

/// `osip_retransmissions_execute`: sends every retransmission that is due
/// (through `cb_send_message`, with no transaction) and drops records that
/// made their tenth send. Each send doubles the record's interval up to 4 s
/// and moves its deadline on from the previous one.
pub fn execute(h: &mut impl Retransmissions, clock: &impl Clock) {
    let now = clock.now();
    let due = h.locked(|records, pins| {
        let mut due = Vec::new();
        sweep(records, pins, |rec, pins| {
            let mut s = Schedule::of(rec);
            if s.tick(now) {
                s.store(rec);
                if let Some(msg) = rec.ack().or(rec.msg2xx()) {
                    pins.hold(rec);
                    due.push(Due {
                        rec: address(rec),
                        msg: Msg::of(Some(msg)),
                        dest: Host::of(rec.dest()),
                        port: rec.port,
                        sock: rec.sock,
                    });
                }
            }
            s.exhausted()
        });
        due
    });
    if due.is_empty() {
        return;
    }
    // Held records keep their message and destination alive.
    for d in &due {
        h.send(d.msg, d.dest, d.port, d.sock);
    }
    h.locked(|_, pins| {
        for d in &due {
            drop(pins.release(d.rec));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_record_waits_510_ms() {
        let s = Schedule::new(Tv::new(100, 600_000));
        assert_eq!(s.start, Tv::new(101, 110_000));
        assert_eq!(s.interval, 500);
        assert_eq!(s.counter, 10);
    }

    #[test]
    fn not_due_changes_nothing() {
        let mut s = Schedule::new(Tv::new(100, 0));
        let before = s;
        assert!(!s.tick(Tv::new(100, 509_999)));
        assert_eq!(s, before);
    }

    #[test]
    fn ten_sends_with_doubling_capped_at_t2() {
        let mut s = Schedule::new(Tv::new(0, 0));
        let mut seen = Vec::new();
        let mut deadlines = Vec::new();
        while !s.exhausted() {
            let now = s.start;
            deadlines.push(now);
            assert!(s.tick(now));
            seen.push((s.counter, s.interval));
        }
        assert_eq!(
            seen,
            vec![
                (9, 1000),
                (8, 2000),
                (7, 4000),
                (6, 4000),
                (5, 4000),
                (4, 4000),
                (3, 4000),
                (2, 4000),
                (1, 4000),
                (0, 4000)
            ]
        );
        assert_eq!(deadlines[0], Tv::new(0, 510_000));
        assert_eq!(deadlines[1], Tv::new(1, 510_000));
        assert_eq!(deadlines[2], Tv::new(3, 510_000));
        assert_eq!(deadlines[3], Tv::new(7, 510_000));
        assert_eq!(deadlines[4], Tv::new(11, 510_000));
    }

    #[test]
    fn deadline_advances_from_previous_deadline() {
        let mut s = Schedule::new(Tv::new(0, 0));
        // A pass 3 s late fires once and schedules 1 s after the missed deadline.
        assert!(s.tick(Tv::new(3, 600_000)));
        assert_eq!(s.start, Tv::new(1, 510_000));
        assert!(s.tick(Tv::new(3, 600_000)));
        assert_eq!(s.start, Tv::new(3, 510_000));
        assert!(s.tick(Tv::new(3, 600_000)));
        assert!(!s.tick(Tv::new(3, 600_000)));
    }

    #[test]
    fn zero_counter_is_exhausted_negative_is_not() {
        let mut s = Schedule::new(Tv::new(0, 0));
        s.counter = 0;
        assert!(s.exhausted());
        s.counter = 0;
        assert!(s.tick(Tv::new(10, 0)));
        assert_eq!(s.counter, -1);
        assert!(!s.exhausted());
    }

    use crate::dialog;
    use crate::fake::{message, text, FakeClock, FakeInstance, FakeParser};
    use osip_cmem::Owned;
    use std::ptr::{self, NonNull};

    fn ok(via: &str) -> Owned<osip_message_t> {
        message(
            "SIP/2.0 200 OK",
            &[
                via,
                "From: <sip:carol@example.com>;tag=c1",
                "To: <sip:bob@example.com>;tag=b1",
                "Call-ID: cid@h",
                "CSeq: 5 INVITE",
            ],
        )
    }

    fn invite() -> Owned<osip_message_t> {
        message(
            "INVITE sip:bob@example.com",
            &[
                "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK1",
                "From: <sip:carol@example.com>;tag=c1",
                "To: <sip:bob@example.com>",
                "Call-ID: cid@h",
                "CSeq: 5 INVITE",
                "Contact: <sip:carol@10.0.0.9>",
            ],
        )
    }

    fn ack(cseq: &str) -> Owned<osip_message_t> {
        message(
            "ACK sip:bob@10.0.0.2",
            &[
                "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK2",
                "From: <sip:carol@example.com>;tag=c1",
                "To: <sip:bob@example.com>;tag=b1",
                "Call-ID: cid@h",
                cseq,
            ],
        )
    }

    const VIA: &str = "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK1";

    /// An instance with one UAS dialog for `invite()` and `ok(VIA)`.
    fn with_dialog(p: &FakeParser) -> (FakeInstance, *mut osip_dialog_t) {
        let mut h = FakeInstance::default();
        let d = dialog::init_as_uas(p, Some(&invite()), Some(&ok(VIA))).unwrap();
        let at = d.as_ptr() as *mut osip_dialog_t;
        h.dialogs.push(d);
        (h, at)
    }

    /// (dialog, dest, port, sock, counter) of each record, in list order.
    fn records(h: &FakeInstance) -> Vec<(*mut osip_dialog_t, Option<String>, c_int, c_int, c_int)> {
        h.with_records(|r| {
            r.as_ref()
                .iter()
                .flatten()
                .map(|r| {
                    (
                        r.dialog(),
                        text(r.dest()).map(String::from),
                        r.port,
                        r.sock,
                        r.counter,
                    )
                })
                .collect()
        })
    }

    #[test]
    fn responses_go_where_the_top_via_says() {
        let p = FakeParser::default();
        let cases = [
            (VIA, Some("10.0.0.9"), 5062),
            (
                "Via: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bK1",
                Some("10.0.0.9"),
                5060,
            ),
            (
                "Via: SIP/2.0/UDP 10.0.0.9:5062;received=9.9.9.9;rport=7777",
                Some("9.9.9.9"),
                7777,
            ),
            (
                "Via: SIP/2.0/UDP 10.0.0.9:5062;rport;maddr=224.0.0.1;received=9.9.9.9",
                Some("224.0.0.1"),
                5062,
            ),
            ("Via: SIP/2.0/UDP 10.0.0.9:5062;maddr", None, 5062),
        ];
        for (via, host, port) in cases {
            let m = ok(via);
            let (h, pt) = response::destination(&p, &m).unwrap();
            assert_eq!((text(h), pt), (host, port), "{via}");
        }
        let bare = message("SIP/2.0 200 OK", &[]);
        assert_eq!(response::destination(&p, &bare), None);
    }

    #[test]
    fn records_start_first_in_the_list_510_ms_ahead() {
        let p = FakeParser::default();
        let clock = FakeClock::default();
        clock.0.set(Tv::new(100, 0));
        let (h, d) = with_dialog(&p);
        start_200ok(
            &h,
            &p,
            &clock,
            d,
            &ok("Via: SIP/2.0/UDP 10.0.0.9;received=9.9.9.9"),
            4,
        );
        let dest = c"10.0.0.7";
        start_ack(
            &h,
            &p,
            &clock,
            ptr::null_mut(),
            Some(&ack("CSeq: 5 ACK")),
            (Some(dest), 5099, 9),
        );
        start_ack(&h, &p, &clock, ptr::null_mut(), None, (None, 5070, 3));
        assert_eq!(
            records(&h),
            [
                (ptr::null_mut(), None, 5070, 3, 10),
                (ptr::null_mut(), Some("10.0.0.7".into()), 5099, 9, 10),
                (d, Some("9.9.9.9".into()), 5060, 4, 10),
            ]
        );
        h.with_records(|r| {
            let r: Vec<&ixt_t> = r.as_ref().iter().flatten().collect();
            assert!(r[0].ack().is_none() && r[0].msg2xx().is_none());
            assert!(r[1].ack().is_some() && r[1].msg2xx().is_none());
            assert_eq!(r[2].msg2xx().unwrap().status_code, 200);
            assert!(r
                .iter()
                .all(|r| Schedule::of(r) == Schedule::new(Tv::new(100, 0))));
        });
    }

    #[test]
    fn due_records_are_sent_ten_times_then_dropped() {
        let p = FakeParser::default();
        let clock = FakeClock::default();
        let (mut h, d) = with_dialog(&p);
        start_200ok(&h, &p, &clock, d, &ok(VIA), 4);
        start_ack(&h, &p, &clock, d, None, (None, 5060, 1));
        execute(&mut h, &clock);
        assert!(h.sent.is_empty(), "not due yet");
        let (msg, dest) = h.with_records(|r| {
            let rec = r.as_ref().get(1).unwrap();
            (Msg::of(rec.msg2xx()), Host::of(rec.dest()))
        });
        for sends in 1..=10 {
            clock
                .0
                .set(h.with_records(|r| Schedule::of(r.as_ref().get(1).unwrap()).start));
            execute(&mut h, &clock);
            assert_eq!(h.sent.len(), sends);
            assert_eq!(h.sent[sends - 1], (msg, dest, 5062, 4));
        }
        // The record without a message was counted down without a send.
        assert_eq!(records(&h).len(), 0);
        assert!(!h.pinned());
    }

    #[test]
    fn an_ack_stops_the_2xx_of_its_dialog_and_cseq() {
        let p = FakeParser::default();
        let clock = FakeClock::default();
        let (h, d) = with_dialog(&p);
        // An ACK record's dialog is never followed: this one is no dialog.
        let bogus = NonNull::<osip_dialog_t>::dangling().as_ptr();
        start_ack(
            &h,
            &p,
            &clock,
            bogus,
            Some(&ack("CSeq: 5 ACK")),
            (None, 5060, 1),
        );
        start_200ok(&h, &p, &clock, ptr::null_mut(), &ok(VIA), 2);
        start_200ok(&h, &p, &clock, d, &ok(VIA), 3);
        assert!(stop_200ok(&h, &p, &ack("CSeq: 6 ACK")).is_null());
        assert!(stop_200ok(&h, &p, &message("ACK sip:bob@10.0.0.2", &[])).is_null());
        assert_eq!(records(&h).len(), 3);
        assert_eq!(stop_200ok(&h, &p, &ack("CSeq: 5 ACK")), d);
        assert_eq!(records(&h).iter().map(|r| r.3).collect::<Vec<_>>(), [2, 1]);
        assert!(stop_200ok(&h, &p, &ack("CSeq: 5 ACK")).is_null());
    }

    #[test]
    fn a_dialog_stops_its_own_records() {
        let p = FakeParser::default();
        let clock = FakeClock::default();
        let (h, d) = with_dialog(&p);
        start_200ok(&h, &p, &clock, d, &ok(VIA), 1);
        start_ack(&h, &p, &clock, ptr::null_mut(), None, (None, 5060, 2));
        start_ack(&h, &p, &clock, d, None, (None, 5060, 3));
        stop_from_dialog(&h, ptr::null_mut());
        assert_eq!(records(&h).iter().map(|r| r.3).collect::<Vec<_>>(), [3, 1]);
        stop_from_dialog(&h, d);
        assert!(records(&h).is_empty());
    }

    #[test]
    fn null_elements_stay_and_are_skipped() {
        let p = FakeParser::default();
        let clock = FakeClock::default();
        let mut h = FakeInstance::default();
        start_ack(
            &h,
            &p,
            &clock,
            ptr::null_mut(),
            Some(&ack("CSeq: 5 ACK")),
            (None, 5060, 1),
        );
        h.with_records(|mut r| r.raw().add_raw(ptr::null_mut(), 0).unwrap());
        clock.advance_ms(510);
        execute(&mut h, &clock);
        stop_from_dialog(&h, ptr::null_mut());
        assert_eq!(h.sent.len(), 1);
        assert_eq!(
            h.with_records(|r| (r.len(), r.as_ref().get(0).is_none())),
            (1, true)
        );
        free_all(&h);
        assert_eq!(h.with_records(|r| r.len()), 1);
        h.with_records(|mut r| r.clear());
    }

    #[test]
    fn a_send_may_stop_and_start_retransmissions() {
        let p = FakeParser::default();
        let clock = FakeClock::default();
        let (mut h, d) = with_dialog(&p);
        start_200ok(&h, &p, &clock, d, &ok(VIA), 1);
        start_ack(
            &h,
            &p,
            &clock,
            ptr::null_mut(),
            Some(&ack("CSeq: 5 ACK")),
            (None, 5060, 2),
        );
        h.on_send = Some(Box::new(move |h: &mut FakeInstance| {
            let p = FakeParser::default();
            // The first send stops both records, the one being sent among
            // them; each send starts one.
            let stopped = stop_200ok(h, &p, &ack("CSeq: 5 ACK"));
            assert_eq!(
                stopped,
                if h.sent.len() == 1 {
                    d
                } else {
                    ptr::null_mut()
                }
            );
            stop_from_dialog(h, ptr::null_mut());
            start_ack(h, &p, &FakeClock::default(), d, None, (None, 5060, 9));
        }));
        clock.advance_ms(510);
        execute(&mut h, &clock);
        // The first send stopped the second record before its turn: it was
        // still sent, from the records due when the pass began.
        assert_eq!(h.sent.len(), 2);
        assert_eq!(records(&h).iter().map(|r| r.3).collect::<Vec<_>>(), [9, 9]);
        assert!(
            !h.pinned(),
            "the stopped records were freed after their sends"
        );
    }

    #[test]
    fn the_last_sender_frees_a_record_stopped_meanwhile() {
        let mut pins = Pins::new();
        let rec = Owned::<ixt_t>::new().unwrap();
        let at = address(&rec);
        pins.hold(&rec);
        pins.hold(&rec);
        assert!(pins.park(rec).is_none());
        assert!(pins.release(at).is_none());
        assert!(pins.release(at).is_some());
        assert!(pins.is_empty());
        let rec = Owned::<ixt_t>::new().unwrap();
        assert!(
            pins.park(rec).is_some(),
            "nobody holds it: the stopper frees it"
        );
        assert!(pins.release(at).is_none());
    }

    #[test]
    fn a_held_record_not_stopped_stays_with_its_list() {
        let mut pins = Pins::new();
        let rec = Owned::<ixt_t>::new().unwrap();
        pins.hold(&rec);
        assert!(pins.release(address(&rec)).is_none());
        assert!(pins.is_empty());
    }
}
