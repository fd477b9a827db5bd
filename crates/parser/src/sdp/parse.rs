//! `sdp_message_parse`.
//!
//! The library reads the text as a C string, one line type after the other
//! in a fixed order (v, s?, o, s?, i?, u?, e*, p*, c?, b*, t, then r* and
//! more t, z?, k?, a*, then for each m: i?, c*, b*, k?, a*). Each step
//! looks for the next `=` from where the previous line ended, whatever lies
//! between: the byte before that `=` names the line's type. So a line
//! without `=` is skipped when a typed line follows, and `ab=x` is a `b`
//! line. A step whose type does not match leaves the position where it
//! was ("discard") and the next step tries. After the first `t=` line the
//! text may end at any line boundary: an empty line, or the end of the
//! text, stops the parse there with success. Values end at the first CR or
//! LF; a line without CR or LF before the end of the text is an error, and
//! so is an empty value. One LF right after the line's end is skipped with
//! it (so `\n\n` is a single line end, while `\r\n\r\n` ends the SDP).
//!
//! Fields inside a line are cut as the library's token reader cuts them:
//! up to a given separator, which must come before the end of the line,
//! and never empty.
//!
//! Lists are filled through drafts and linked into the message once at the
//! end (success or failure, so a failed parse leaves what the library
//! leaves): appending to an `osip_list_t` walks it, and an SDP with many
//! lines would make that quadratic.

use super::super::code::{OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use crate::port::trace::Level;
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::{
    sdp_attribute, sdp_bandwidth, sdp_connection, sdp_key, sdp_media, sdp_message, sdp_time_descr,
};

/// What one step did with the line at the current position.
enum Step {
    /// A line of this type, taken; parsing goes on at the given position.
    Taken(usize),
    /// Not a line of this type: the position stays.
    Other,
    /// A malformed line (or the end of the text): the parse fails.
    Bad,
}

/// A media section being read, with the elements of its lists not linked
/// in yet.
struct MediaDraft {
    media: Owned<sdp_media>,
    connections: Vec<Owned<sdp_connection>>,
    bandwidths: Vec<Owned<sdp_bandwidth>>,
    attributes: Vec<Owned<sdp_attribute>>,
}

impl MediaDraft {
    fn new(media: Owned<sdp_media>) -> MediaDraft {
        MediaDraft {
            media,
            connections: Vec::new(),
            bandwidths: Vec::new(),
            attributes: Vec::new(),
        }
    }

    fn finish(mut self) -> Owned<sdp_media> {
        self.media.c_connections_mut().append_all(self.connections);
        self.media.b_bandwidths_mut().append_all(self.bandwidths);
        self.media.a_attributes_mut().append_all(self.attributes);
        self.media
    }
}

/// A `t=` line and the `r=` lines read after it.
struct TimeDraft {
    time: Owned<sdp_time_descr>,
    repeats: Vec<OString>,
}

impl TimeDraft {
    fn finish(mut self) -> Owned<sdp_time_descr> {
        self.time.r_repeats_mut().append_all(self.repeats);
        self.time
    }
}

/// The list elements read so far.
#[derive(Default)]
struct Draft {
    emails: Vec<OString>,
    phones: Vec<OString>,
    bandwidths: Vec<Owned<sdp_bandwidth>>,
    times: Vec<TimeDraft>,
    attributes: Vec<Owned<sdp_attribute>>,
    medias: Vec<MediaDraft>,
    /// Medias of the message before the parse (all but the last one, which
    /// is in `medias` as the section later lines may belong to).
    earlier_medias: usize,
}

struct Parser<'a> {
    /// The text, up to (not including) its NUL.
    buf: &'a [u8],
    draft: Draft,
}

/// `sdp_message_parse(sdp, text)`: 0, or -1 for any syntax error. `text`
/// is the C string without its NUL. What was read before an error stays
/// in `sdp`, as in the library.
pub fn parse(sdp: &mut sdp_message, text: &[u8]) -> c_int {
    let mut p = Parser {
        buf: text,
        draft: Draft::default(),
    };
    p.adopt_last_elements(sdp);
    let rc = p.run(sdp);
    p.flush(sdp);
    rc
}

impl Parser<'_> {
    /// The byte at `i`, NUL at and past the end (as the C string reads).
    fn at(&self, i: usize) -> u8 {
        self.buf.get(i).copied().unwrap_or(0)
    }

    /// Whether the text ends at `i`, or an empty line starts there.
    fn at_end(&self, i: usize) -> bool {
        matches!(self.at(i), 0 | b'\r' | b'\n')
    }

    /// Index of the first `c` in `from..to`.
    fn find(&self, from: usize, to: usize, c: u8) -> Option<usize> {
        let to = to.min(self.buf.len());
        if from >= to {
            return None;
        }
        self.buf[from..to]
            .iter()
            .position(|&b| b == c)
            .map(|i| from + i)
    }

    /// The line of type `kind` at `ptr`: the bounds of its value (after
    /// `=`, up to its CR or LF). `Other` when the next `=` is not preceded
    /// by `kind`, `Bad` when there is no `=` or no line end after it, or
    /// the value is empty.
    fn line(&self, ptr: usize, kind: u8) -> Result<(usize, usize), Step> {
        let eq = self.find(ptr, self.buf.len(), b'=').ok_or(Step::Bad)?;
        // Past the first step `ptr` is just after a line end, so the byte
        // before an `=` at `ptr` is a CR or LF: never a type.
        if eq == 0 || self.buf[eq - 1] != kind {
            return Err(Step::Other);
        }
        let start = eq + 1;
        let crlf = self.buf[start..]
            .iter()
            .position(|&b| b == b'\r' || b == b'\n')
            .map(|i| start + i)
            .ok_or(Step::Bad)?;
        if crlf == start {
            return Err(Step::Bad);
        }
        Ok((start, crlf))
    }

    /// Where the next line starts after a line ending at `crlf`.
    fn after(&self, crlf: usize) -> usize {
        if self.at(crlf + 1) == b'\n' {
            crlf + 2
        } else {
            crlf + 1
        }
    }

    /// The library's token reader (`__osip_set_next_token`): the bytes from
    /// `start` to the first `sep`, which must come before any CR, LF or the
    /// end of the text, and not be the first byte. Returns the token's end
    /// and the position after the separator.
    fn token(&self, start: usize, sep: u8) -> Option<(usize, usize)> {
        let rest = self.buf.get(start..)?;
        let i = rest
            .iter()
            .position(|&b| b == sep || b == b'\r' || b == b'\n')?;
        if rest[i] != sep || i == 0 {
            return None;
        }
        Some((start + i, start + i + 1))
    }

    /// A token up to the end of the line: tried with CR, then with LF as
    /// the separator, as the library does for a line's last field.
    fn token_to_eol(&self, start: usize) -> Option<(usize, usize)> {
        self.token(start, b'\r')
            .or_else(|| self.token(start, b'\n'))
    }

    /// A copy of `start..end` (a C string: no NUL in the text).
    fn copy(&self, start: usize, end: usize) -> Option<OString> {
        OString::new(&self.buf[start..end])
    }

    /// A token cut with `sep` (or to the end of the line when `sep` is
    /// None), copied; the position after it.
    fn field(&self, start: usize, sep: Option<u8>) -> Option<(OString, usize)> {
        let (end, next) = match sep {
            Some(sep) => self.token(start, sep)?,
            None => self.token_to_eol(start)?,
        };
        Some((self.copy(start, end)?, next))
    }

    fn media_count(&self, sdp: &sdp_message) -> usize {
        // The message's own list holds the earlier medias only.
        debug_assert_eq!(sdp.m_medias().len(), self.draft.earlier_medias);
        self.draft.earlier_medias + self.draft.medias.len()
    }

    /// A message parsed into again keeps its elements; lines may add to its
    /// last media section and to the repeats of its last `t=`: those two
    /// become drafts (linked back in at the end, in the same place).
    fn adopt_last_elements(&mut self, sdp: &mut sdp_message) {
        let n = sdp.m_medias().len();
        if n > 0 {
            if let Ok(Some(last)) = sdp.m_medias_mut().remove(n as c_int - 1) {
                self.draft.medias.push(MediaDraft::new(last));
            }
        }
        self.draft.earlier_medias = sdp.m_medias().len();
        let n = sdp.t_descrs().len();
        if n > 0 {
            if let Ok(Some(last)) = sdp.t_descrs_mut().remove(n as c_int - 1) {
                self.draft.times.push(TimeDraft {
                    time: last,
                    repeats: Vec::new(),
                });
            }
        }
    }

    /// Links every drafted element into the message.
    fn flush(&mut self, sdp: &mut sdp_message) {
        let d = std::mem::take(&mut self.draft);
        sdp.e_emails_mut().append_all(d.emails);
        sdp.p_phones_mut().append_all(d.phones);
        sdp.b_bandwidths_mut().append_all(d.bandwidths);
        sdp.t_descrs_mut()
            .append_all(d.times.into_iter().map(TimeDraft::finish));
        sdp.a_attributes_mut().append_all(d.attributes);
        sdp.m_medias_mut()
            .append_all(d.medias.into_iter().map(MediaDraft::finish));
    }

    /// The parse proper: the library's order of line types.
    fn run(&mut self, sdp: &mut sdp_message) -> c_int {
        const FAIL: c_int = OSIP_UNDEFINED_ERROR;
        let mut ptr = 0;

        // One step: fails the parse on a bad line, else moves on. Gives
        // whether the line was taken.
        macro_rules! step {
            ($kind:expr) => {
                match self.step(sdp, $kind, ptr) {
                    Step::Bad => return FAIL,
                    Step::Other => false,
                    Step::Taken(next) => {
                        ptr = next;
                        true
                    }
                }
            };
        }
        // The same, then success if the text ends (or an empty line
        // starts) at the new position.
        macro_rules! step_or_end {
            ($kind:expr) => {{
                let taken = step!($kind);
                if self.at_end(ptr) {
                    return OSIP_SUCCESS;
                }
                taken
            }};
        }

        if !step!(b'v') {
            return FAIL;
        }
        // Some phones put `s=` before `o=`.
        step!(b's');
        if !step!(b'o') {
            return FAIL;
        }
        if sdp.s_name().is_none() && !step!(b's') {
            // `s=` is optional; the library says so at its most verbose.
            crate::trace!(
                Level::Info4,
                "sdp_message.c",
                1654,
                "The \"s\" parameter is mandatory, but this packet does not contain any! - anyway, we don't mind about it.\n"
            );
        }
        step!(b'i');
        step!(b'u');
        while step!(b'e') {}
        while step!(b'p') {}
        let (emails, phones) = (
            sdp.e_emails().len() + self.draft.emails.len(),
            sdp.p_phones().len() + self.draft.phones.len(),
        );
        if emails == 0 && phones == 0 {
            crate::trace!(
                Level::Info4,
                "sdp_message.c",
                1698,
                "The rfc2327 says there should be at least an email or a phone header!- anyway, we don't mind about it.\n"
            );
        }
        step!(b'c');
        while step!(b'b') {}
        if !step!(b't') {
            return FAIL;
        }
        if self.at_end(ptr) {
            return OSIP_SUCCESS;
        }
        loop {
            while step_or_end!(b'r') {}
            if !step_or_end!(b't') {
                break;
            }
        }
        step_or_end!(b'z');
        step_or_end!(b'k');
        while step_or_end!(b'a') {}
        loop {
            // Anything but an `m=` line here is an error.
            step_or_end!(b'm');
            step_or_end!(b'i');
            while step_or_end!(b'c') {}
            while step_or_end!(b'b') {}
            step_or_end!(b'k');
            while step_or_end!(b'a') {}
        }
    }

    /// One line of type `kind` at `ptr`.
    fn step(&mut self, sdp: &mut sdp_message, kind: u8, ptr: usize) -> Step {
        let (start, crlf) = match self.line(ptr, kind) {
            Ok(bounds) => bounds,
            // Only `m=` is required where it is tried.
            Err(Step::Other) if kind == b'm' => return Step::Bad,
            Err(other) => return other,
        };
        let taken = match kind {
            b'v' => self.copy(start, crlf).map(|v| sdp.set_v_version(Some(v))),
            b'o' => self.origin(sdp, start),
            b's' => self.copy(start, crlf).map(|v| sdp.set_s_name(Some(v))),
            b'i' => self.copy(start, crlf).map(|v| self.info(sdp, v)),
            b'u' => self.copy(start, crlf).map(|v| sdp.set_u_uri(Some(v))),
            b'e' => self.copy(start, crlf).map(|v| self.draft.emails.push(v)),
            b'p' => self.copy(start, crlf).map(|v| self.draft.phones.push(v)),
            b'c' => self
                .connection(start, crlf)
                .map(|c| self.add_connection(sdp, c)),
            b'b' => self.bandwidth(start).map(|b| self.add_bandwidth(sdp, b)),
            b't' => self.time(start).map(|t| self.draft.times.push(t)),
            b'r' => self.repeat(start, crlf),
            b'z' => self
                .copy(start, crlf)
                .map(|v| sdp.set_z_adjustments(Some(v))),
            b'k' => self.key(start, crlf).and_then(|k| self.add_key(sdp, k)),
            b'a' => self
                .attribute(start, crlf)
                .map(|a| self.add_attribute(sdp, a)),
            b'm' => self.media(start, crlf).map(|m| self.draft.medias.push(m)),
            _ => None,
        };
        match taken {
            Some(()) => Step::Taken(self.after(crlf)),
            None => Step::Bad,
        }
    }

    /// `o=username sess-id sess-version nettype addrtype addr`: fields
    /// cut at single spaces, the last one runs to the end of the line.
    /// Each field is stored as it is read (a failure leaves the first
    /// ones set).
    fn origin(&self, sdp: &mut sdp_message, start: usize) -> Option<()> {
        let (v, at) = self.field(start, Some(b' '))?;
        sdp.set_o_username(Some(v));
        let (v, at) = self.field(at, Some(b' '))?;
        sdp.set_o_sess_id(Some(v));
        let (v, at) = self.field(at, Some(b' '))?;
        sdp.set_o_sess_version(Some(v));
        let (v, at) = self.field(at, Some(b' '))?;
        sdp.set_o_nettype(Some(v));
        let (v, at) = self.field(at, Some(b' '))?;
        sdp.set_o_addrtype(Some(v));
        let (v, _) = self.field(at, None)?;
        sdp.set_o_addr(Some(v));
        Some(())
    }

    /// The media section lines go to, if any.
    fn last_media(&mut self) -> Option<&mut MediaDraft> {
        self.draft.medias.last_mut()
    }

    fn info(&mut self, sdp: &mut sdp_message, v: OString) {
        match self.last_media() {
            Some(m) => m.media.set_i_info(Some(v)),
            None => sdp.set_i_info(Some(v)),
        }
    }

    /// `c=nettype addrtype addr[/ttl[/int]]`: a `/` before the end of the
    /// line makes the address multicast; the ttl ends at a second `/`, the
    /// rest of the line is the integer.
    fn connection(&self, start: usize, crlf: usize) -> Option<Owned<sdp_connection>> {
        let mut c = Owned::<sdp_connection>::new()?;
        let (v, at) = self.field(start, Some(b' '))?;
        c.set_c_nettype(Some(v));
        let (v, at) = self.field(at, Some(b' '))?;
        c.set_c_addrtype(Some(v));
        match self.find(at, crlf, b'/') {
            Some(slash) => {
                let (v, at) = self.field(at, Some(b'/'))?;
                c.set_c_addr(Some(v));
                if self.find(slash + 1, crlf, b'/').is_some() {
                    let (v, at) = self.field(at, Some(b'/'))?;
                    c.set_c_addr_multicast_ttl(Some(v));
                    let (v, _) = self.field(at, None)?;
                    c.set_c_addr_multicast_int(Some(v));
                } else {
                    let (v, _) = self.field(at, None)?;
                    c.set_c_addr_multicast_ttl(Some(v));
                }
            }
            None => {
                let (v, _) = self.field(at, None)?;
                c.set_c_addr(Some(v));
            }
        }
        Some(c)
    }

    /// The session's connection before any `m=`, else one more of the
    /// last media's.
    fn add_connection(&mut self, sdp: &mut sdp_message, c: Owned<sdp_connection>) {
        if self.media_count(sdp) == 0 {
            sdp.set_c_connection(Some(c));
        } else if let Some(m) = self.last_media() {
            m.connections.push(c);
        }
    }

    /// `b=bwtype:bandwidth`.
    fn bandwidth(&self, start: usize) -> Option<Owned<sdp_bandwidth>> {
        let mut b = Owned::<sdp_bandwidth>::new()?;
        let (v, at) = self.field(start, Some(b':'))?;
        b.set_b_bwtype(Some(v));
        let (v, _) = self.field(at, None)?;
        b.set_b_bandwidth(Some(v));
        Some(b)
    }

    fn add_bandwidth(&mut self, sdp: &sdp_message, b: Owned<sdp_bandwidth>) {
        if self.media_count(sdp) == 0 {
            self.draft.bandwidths.push(b);
        } else if let Some(m) = self.last_media() {
            m.bandwidths.push(b);
        }
    }

    /// `t=start stop` (the stop time runs to the end of the line).
    fn time(&self, start: usize) -> Option<TimeDraft> {
        let mut t = Owned::<sdp_time_descr>::new()?;
        let (v, at) = self.field(start, Some(b' '))?;
        t.set_t_start_time(Some(v));
        let (v, _) = self.field(at, None)?;
        t.set_t_stop_time(Some(v));
        Some(TimeDraft {
            time: t,
            repeats: Vec::new(),
        })
    }

    /// `r=` (kept whole) belongs to the last `t=`; there is always one
    /// where `r=` is tried.
    fn repeat(&mut self, start: usize, crlf: usize) -> Option<()> {
        let v = self.copy(start, crlf)?;
        self.draft.times.last_mut()?.repeats.push(v);
        Some(())
    }

    /// `k=method[:key]`, split at the first `:` of the line.
    fn key(&self, start: usize, crlf: usize) -> Option<Owned<sdp_key>> {
        let mut k = Owned::<sdp_key>::new()?;
        if self.find(start, crlf, b':').is_some() {
            let (v, at) = self.field(start, Some(b':'))?;
            k.set_k_keytype(Some(v));
            let (v, _) = self.field(at, None)?;
            k.set_k_keydata(Some(v));
        } else {
            let (v, _) = self.field(start, None)?;
            k.set_k_keytype(Some(v));
        }
        Some(k)
    }

    /// The session's key before any `m=`, else the last media's, which
    /// must not have one yet.
    fn add_key(&mut self, sdp: &mut sdp_message, k: Owned<sdp_key>) -> Option<()> {
        if self.media_count(sdp) == 0 {
            sdp.set_k_key(Some(k));
            return Some(());
        }
        let m = self.last_media()?;
        if m.media.k_key().is_some() {
            return None;
        }
        m.media.set_k_key(Some(k));
        Some(())
    }

    /// `a=field[:value]`, split at the first `:` of the line.
    fn attribute(&self, start: usize, crlf: usize) -> Option<Owned<sdp_attribute>> {
        let mut a = Owned::<sdp_attribute>::new()?;
        if self.find(start, crlf, b':').is_some() {
            let (v, at) = self.field(start, Some(b':'))?;
            a.set_a_att_field(Some(v));
            let (v, _) = self.field(at, None)?;
            a.set_a_att_value(Some(v));
        } else {
            let (v, _) = self.field(start, None)?;
            a.set_a_att_field(Some(v));
        }
        Some(a)
    }

    fn add_attribute(&mut self, sdp: &sdp_message, a: Owned<sdp_attribute>) {
        if self.media_count(sdp) == 0 {
            self.draft.attributes.push(a);
        } else if let Some(m) = self.last_media() {
            m.attributes.push(a);
        }
    }

    /// `m=media port[/number] proto fmt...`.
    ///
    /// The port needs a space after it on the line; a `/` before that
    /// space introduces the number of ports. The proto ends at a space or
    /// at the end of the line. Formats are then cut at each space for as
    /// long as another space follows (looking from the second byte of the
    /// rest), the last one runs to the end of the line: so `0  8` gives
    /// `0` and ` 8`, while a space right at the start of the formats with
    /// another after it is an error.
    fn media(&self, start: usize, crlf: usize) -> Option<MediaDraft> {
        let mut m = Owned::<sdp_media>::new()?;
        let (v, mut at) = self.field(start, Some(b' '))?;
        m.set_m_media(Some(v));
        let space = self.find(at, crlf, b' ')?;
        if self.find(at, space, b'/').is_some() {
            let (v, next) = self.field(at, Some(b'/'))?;
            m.set_m_port(Some(v));
            let (v, next) = self.field(next, Some(b' '))?;
            m.set_m_number_of_port(Some(v));
            at = next;
        } else {
            let (v, next) = self.field(at, Some(b' '))?;
            m.set_m_port(Some(v));
            at = next;
        }
        // Some stacks put no space after the proto when they reject every
        // format.
        let (v, next) = self
            .field(at, Some(b' '))
            .or_else(|| self.field(at, None))?;
        m.set_m_proto(Some(v));
        at = next;
        let mut payloads = Vec::new();
        while self.find(at + 1, crlf, b' ').is_some() {
            let (v, next) = self.field(at, Some(b' '))?;
            payloads.push(v);
            at = next;
        }
        if at < crlf {
            let (v, _) = self.field(at, None)?;
            payloads.push(v);
        }
        m.m_payloads_mut().append_all(payloads);
        Some(MediaDraft::new(m))
    }
}
