//! WebSocket frames (RFC 6455 §5) on a connection: parsed as bytes arrive,
//! unmasked, checked, assembled into messages, decompressed (RFC 7692).
//!
//! A finished frame goes through four stages, each its own function:
//! [`validate`] (the header's rules, decided by `ws::frame`), [`control`]
//! (close, ping/pong), [`join_message`] (fragments into messages, §5.4) and
//! [`record`] (the model's frame record).

use std::collections::VecDeque;

use crate::capture::Timestamp;
use crate::model::{
    CloseSummary, FrameList, Payload, Record, Rule, SmallVec, Span, SpanList, Text, WsFrame,
    WsMessage,
};
use crate::net::{Chunk, Direction};
use crate::ws::deflate::{InflateError, Inflater};
use crate::ws::frame::{
    close_code_name, close_code_validity, first_byte_violations, mask_violation,
    parse_close_payload, CloseCodeValidity, FrameContext, FrameHeader, Opcode, Violation,
    MAX_CONTROL_PAYLOAD,
};
use crate::ws::mask::extend_unmasked;

use super::conn::{Consumed, Ending, Mode, Shared, Side, SideCounts};
use super::notes::{dir_words, sender, violation};
use super::{DissectConfig, Out};
use crate::tr;

/// How many masked bytes are kept for the unmasking lesson.
const MASKED_SAMPLE: usize = 64;

/// Most pings of one side waiting for their pong.
const MAX_WAITING_PINGS: usize = 64;

/// The WebSocket state of one direction.
#[derive(Default)]
pub(crate) struct WsSide {
    /// The frame being received.
    frame: Option<FrameBuild>,
    /// The data message being assembled.
    msg: Option<MsgBuild>,
    /// Boxed: only permessage-deflate connections have one.
    inflater: Option<Box<Inflater>>,
    /// Set by a gap: a compressed message cannot be trusted until the
    /// context is reset (RFC 7692 §7.2.2 context takeover).
    inflate_lost: bool,
    /// This side sent a close frame (RFC 6455 §5.5.1).
    sent_close: bool,
    data_after_close_noted: bool,
    control_after_close_noted: bool,
    /// Bytes skipped while resynchronising.
    resync_skipped: u64,
    /// Pings this side sent, waiting for the peer's pong: payload key, frame, time.
    pings: VecDeque<(Vec<u8>, u64, Timestamp)>,
}

impl WsSide {
    /// The state of a direction after a 101, with its inflater when
    /// permessage-deflate was agreed (`Some(no_context_takeover)`).
    pub(crate) fn upgraded(deflate: Option<bool>) -> Box<WsSide> {
        Box::new(WsSide {
            inflater: deflate.map(|nct| Box::new(Inflater::new(nct))),
            ..WsSide::default()
        })
    }

    /// A frame's payload is being received.
    pub(crate) fn receiving(&self) -> bool {
        self.frame.is_some()
    }
}

/// A frame being received.
pub(crate) struct FrameBuild {
    hdr: FrameHeader,
    start: u64,
    header_bytes: SmallVec<[u8; 14]>,
    payload: Vec<u8>,
    /// Payload bytes seen or skipped so far.
    got: u64,
    omitted: u64,
    /// False once bytes are missing: later payload bytes are counted, not kept.
    keep: bool,
    complete: bool,
    spans: SpanList,
    frames: FrameList,
    last: Consumed,
    masked_sample: SmallVec<[u8; 64]>,
}

/// Most bytes a frame's payload buffer is given before its bytes arrive.
const PRESIZE_MAX: usize = 1 << 20;

impl FrameBuild {
    /// Takes the next payload bytes of this frame: keeps a sample of the
    /// masked bytes for the unmasking lesson, stores up to the payload cap
    /// unmasked (offset-aware, so pieces can arrive in any split), and
    /// counts the rest as omitted.
    fn take_payload(&mut self, data: &[u8], cfg: &DissectConfig) {
        let n = data.len();
        if self.hdr.masked && self.masked_sample.len() < MASKED_SAMPLE && self.keep {
            let take = (MASKED_SAMPLE - self.masked_sample.len()).min(n);
            self.masked_sample.extend_from_slice(&data[..take]);
        }
        let keep = if self.keep {
            cfg.max_payload.saturating_sub(self.payload.len()).min(n)
        } else {
            0
        };
        let old = self.payload.len();
        if old == 0 && keep > 0 {
            // Room for the whole payload at once (up to 1 MiB before more
            // has arrived), so it is not copied again as it grows.
            let all = self.hdr.payload_len.saturating_sub(self.got);
            let all = usize::try_from(all).unwrap_or(usize::MAX);
            let room = cfg.max_payload.min(all).min(PRESIZE_MAX).max(keep);
            self.payload.reserve_exact(room);
        }
        match self.hdr.mask_key {
            Some(k) => extend_unmasked(&mut self.payload, &data[..keep], k, self.got),
            None => self.payload.extend_from_slice(&data[..keep]),
        }
        self.omitted += (n - keep) as u64;
        self.got += n as u64;
    }

    /// All payload bytes seen or skipped.
    fn done(&self) -> bool {
        self.got == self.hdr.payload_len
    }
}

/// A data message being assembled from its frames.
pub(crate) struct MsgBuild {
    index: u64,
    opcode: Opcode,
    compressed: bool,
    data: Vec<u8>,
    length: u64,
    ws_frames: FrameList,
    first_frame: u64,
    complete: bool,
    /// Bytes of `data` known to be valid UTF-8 (text messages sent as is),
    /// checked fragment by fragment so that invalid text is caught on the
    /// fragment that breaks it (RFC 6455 §8.1: fail fast).
    utf8_valid_up_to: usize,
    /// Invalid UTF-8 was found (and noted) in a fragment.
    utf8_broken: bool,
    /// The message is one frame, kept whole: its bytes are that frame's
    /// payload, not copied into `data`. Sent as is, the message record
    /// shares the frame's buffer; compressed, it is inflated straight from
    /// there (before the frame's record takes the payload).
    in_frame: bool,
}

/// Whether a header could start a real frame, for guessing and resyncing.
///
/// A header is believable when it breaks no rule of RFC 6455 §5.2/§5.5 but
/// RSV1's (which a negotiated extension may give a meaning), and its length
/// is modest.
fn sane(h: &FrameHeader) -> bool {
    let ctx = FrameContext {
        from_client: None,
        deflate: true,
    };
    h.violations(ctx)
        .all(|v| matches!(v, Violation::Rsv1OnControl | Violation::Rsv1OnContinuation))
        && h.payload_len <= 16 << 20
}

/// Does `data` start with a believable run of frames?
///
/// `Some(true)`: two or more sane frames, or sane frames that end exactly at
/// the end of the bytes (segments usually end at frame boundaries);
/// `Some(false)`: not frames; `None`: too few bytes to tell yet.
pub(crate) fn plausible_run(data: &[u8], at_end: bool) -> Option<bool> {
    let mut p = 0usize;
    let mut count = 0;
    let mut masked = None;
    while count < 3 {
        let Some(rest) = data.get(p..) else {
            return Some(false);
        };
        if rest.is_empty() {
            return Some(count >= 1);
        }
        let h = match FrameHeader::parse(rest) {
            Ok(h) => h,
            Err(_) => {
                return if count >= 2 {
                    Some(true)
                } else if at_end {
                    Some(count >= 1)
                } else {
                    None
                }
            }
        };
        if !sane(&h) || masked.is_some_and(|m| m != h.masked) {
            return Some(false);
        }
        masked = Some(h.masked);
        let end = (p as u64)
            .saturating_add(u64::from(h.header_len))
            .saturating_add(h.payload_len);
        if end > data.len() as u64 {
            return if count >= 2 {
                Some(true)
            } else if at_end {
                Some(false)
            } else {
                None
            };
        }
        p = end as usize;
        count += 1;
    }
    Some(true)
}

/// One step in WebSocket mode: a header, or payload bytes.
pub(crate) fn step(
    sh: &mut Shared,
    me: &mut Side,
    peer: &mut Side,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) -> bool {
    let Some(ws) = me.mode.ws_mut() else {
        return false;
    };
    let Some(fb) = ws.frame.as_mut() else {
        let data = me.pend.data();
        if data.is_empty() {
            return false;
        }
        let Ok(hdr) = FrameHeader::parse(data) else {
            return false;
        };
        let hl = usize::from(hdr.header_len);
        let header_bytes = SmallVec::from_slice(&data[..hl]);
        let start = me.pend.offset();
        let mut spans = SpanList::new();
        let mut frames = FrameList::new();
        let last = me.pend.consume(hl, start, &mut spans, &mut frames);
        ws.frame = Some(FrameBuild {
            hdr,
            start,
            header_bytes,
            payload: Vec::new(),
            got: 0,
            omitted: 0,
            keep: true,
            complete: true,
            spans,
            frames,
            last,
            masked_sample: SmallVec::new(),
        });
        if hdr.payload_len == 0 {
            complete_frame(sh, me, peer, cfg, out);
        }
        return true;
    };
    let remaining = fb.hdr.payload_len - fb.got;
    let avail = me.pend.data().len() as u64;
    let n = remaining.min(avail) as usize;
    if n == 0 {
        return false;
    }
    fb.take_payload(&me.pend.data()[..n], cfg);
    fb.last = me.pend.consume(n, fb.start, &mut fb.spans, &mut fb.frames);
    if fb.done() {
        complete_frame(sh, me, peer, cfg, out);
    }
    true
}

/// Payload bytes of the frame being received, taken straight from a
/// segment (the common case for large frames: no copy through the pending
/// buffer). Returns how many bytes of `chunk` were used.
pub(crate) fn payload_direct(
    sh: &mut Shared,
    me: &mut Side,
    peer: &mut Side,
    chunk: &Chunk<'_>,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) -> usize {
    let Some(fb) = me.mode.ws_mut().and_then(|w| w.frame.as_mut()) else {
        return 0;
    };
    let remaining = fb.hdr.payload_len - fb.got;
    let n = remaining.min(chunk.data.len() as u64) as usize;
    if n == 0 {
        return 0;
    }
    fb.take_payload(&chunk.data[..n], cfg);
    let unit_offset = chunk.offset - fb.start;
    match fb.spans.last_mut() {
        Some(s)
            if s.frame == chunk.frame
                && u64::from(s.packet_offset) + s.len == u64::from(chunk.packet_offset)
                && s.unit_offset + s.len == unit_offset =>
        {
            s.len += n as u64
        }
        _ => fb.spans.push(Span {
            tls_record: None,
            frame: chunk.frame,
            packet_offset: chunk.packet_offset,
            unit_offset,
            len: n as u64,
        }),
    }
    if fb.frames.last() != Some(&chunk.frame) {
        fb.frames.push(chunk.frame);
    }
    fb.last = Consumed {
        last_frame: chunk.frame,
        ts: chunk.ts,
    };
    let done = fb.done();
    me.pend.advance_empty(chunk.offset + n as u64);
    if done {
        complete_frame(sh, me, peer, cfg, out);
    }
    n
}

/// Bytes are missing in a WebSocket direction.
#[allow(clippy::too_many_arguments)]
pub(crate) fn gap(
    sh: &mut Shared,
    me: &mut Side,
    peer: &mut Side,
    offset: u64,
    len: u64,
    frame: u64,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) {
    let leftover = me.pend.data().len();
    me.pend.reset(offset + len);
    let resyncing = matches!(me.mode, Mode::Resync(_));
    let Some(ws) = me.mode.ws_mut() else {
        return;
    };
    if ws.inflater.is_some() {
        ws.inflate_lost = true;
    }
    if let Some(m) = ws.msg.as_mut() {
        m.complete = false;
    }
    if resyncing {
        return;
    }
    if let Some(fb) = ws.frame.as_mut() {
        if leftover == 0 {
            let remaining = fb.hdr.payload_len - fb.got;
            fb.complete = false;
            fb.keep = false;
            let inside = len.min(remaining);
            fb.got += inside;
            fb.omitted += inside;
            let done = fb.done();
            if len <= remaining {
                if done {
                    complete_frame(sh, me, peer, cfg, out);
                }
                // The gap lies inside this frame's payload: the next frame
                // starts where the header said, so parsing stays in step.
                return;
            }
            complete_frame(sh, me, peer, cfg, out);
        }
    }
    me.mode.set_resync(true);
    let l = out.l;
    out.note(
        Rule::SyncLost,
        Some(sh.info.stream),
        Some(frame),
        Some(me.dir),
        tr!(l, "note-sync-lost-gap", dir = dir_words(me.dir, l)),
    );
}

/// Looks for frame boundaries again after a gap.
pub(crate) fn resync(sh: &mut Shared, me: &mut Side, out: &mut Out<'_>, at_end: bool) -> bool {
    let data = me.pend.data();
    if data.is_empty() {
        return false;
    }
    let mut skip = data.len();
    let mut found = false;
    for p in 0..data.len() {
        match plausible_run(&data[p..], at_end) {
            Some(true) => {
                skip = p;
                found = true;
                break;
            }
            Some(false) => continue,
            None => {
                skip = p;
                break;
            }
        }
    }
    if skip > 0 {
        me.pend.skip(skip);
    }
    let Some(ws) = me.mode.ws_mut() else {
        return skip > 0;
    };
    ws.resync_skipped += skip as u64;
    if found {
        let at = me.pend.offset();
        let skipped = std::mem::take(&mut ws.resync_skipped);
        me.mode.set_resync(false);
        let l = out.l;
        out.note(
            Rule::Resync,
            Some(sh.info.stream),
            None,
            Some(me.dir),
            tr!(
                l,
                "note-resync",
                at = at.to_string(),
                skipped = skipped.to_string()
            ),
        );
        return true;
    }
    skip > 0
}

/// The part of a ping or pong payload that pairs them: all of a legal
/// control payload, the first 125 bytes of an oversized one.
fn ping_key(payload: &[u8]) -> &[u8] {
    &payload[..payload.len().min(MAX_CONTROL_PAYLOAD as usize)]
}

/// Where a finished frame's notes go: its stream, packet and direction.
#[derive(Clone, Copy)]
struct At {
    stream: u32,
    frame: u64,
    dir: Direction,
}

impl At {
    fn note(self, out: &mut Out<'_>, rule: Rule, text: String) {
        out.note(
            rule,
            Some(self.stream),
            Some(self.frame),
            Some(self.dir),
            text,
        )
    }
}

/// Checks a finished frame, updates messages, and emits it.
fn complete_frame(
    sh: &mut Shared,
    me: &mut Side,
    peer: &mut Side,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) {
    let Some(ws) = me.mode.ws_mut() else {
        return;
    };
    let Some(mut fb) = ws.frame.take() else {
        return;
    };
    out.hold_notes();
    let at = At {
        stream: sh.info.stream,
        frame: fb.last.last_frame,
        dir: me.dir,
    };
    let index = sh.next_ws_index;
    sh.next_ws_index += 1;
    let h = &fb.hdr;
    me.counts.ws_frames += 1;
    me.counts.ws_header_bytes += u64::from(h.header_len);
    me.counts.ws_payload_bytes = me.counts.ws_payload_bytes.saturating_add(h.payload_len);
    match h.opcode_kind() {
        Opcode::Ping => me.counts.ws_pings += 1,
        Opcode::Pong => me.counts.ws_pongs += 1,
        _ => {}
    }
    validate(sh, ws, &fb, at, out);
    let ctl = control(sh, ws, peer.mode.ws_mut(), &fb, at, out);
    let joined = join_message(sh, ws, &fb, index, at, cfg, out);
    // A message cut short by a new one comes before this frame, with the
    // notes about it; this frame's notes wait for this frame.
    if let Some(old) = joined.orphan {
        let held = out.held.take();
        emit_message(sh, &mut me.counts, ws, old, None, at, fb.last.ts, cfg, out);
        out.held = held;
    }
    let ts = fb.last.ts;
    let payload = Payload::from(std::mem::take(&mut fb.payload));
    // A one-frame message's content comes from the frame: inflated now,
    // before the frame's record takes the payload (the notes about it
    // still follow the frame's record), or the payload itself, shared.
    let from_frame = match &joined.finished {
        Some(m) if m.in_frame && m.compressed => Some(FromFrame::Inflated(inflate_wire(
            ws, m.complete, &payload, cfg,
        ))),
        Some(m) if m.in_frame => Some(FromFrame::Payload(payload.clone())),
        _ => None,
    };
    out.emit_with_notes(record(sh, at, index, fb, payload, ctl, joined.message));
    if let Some(m) = joined.finished {
        emit_message(sh, &mut me.counts, ws, m, from_frame, at, ts, cfg, out);
    }
}

/// A one-frame message's content, taken from its frame without a copy.
enum FromFrame {
    /// Sent as is: the frame's payload.
    Payload(Payload),
    /// Compressed: what inflating the frame's payload gave.
    Inflated(Inflated),
}

/// What inflating a compressed message gave (RFC 7692 §7.2.2).
enum Inflated {
    /// The message is incomplete, so it was not inflated, and the context
    /// it would have advanced is lost (RFC 7692 §7.2.3.2).
    Incomplete,
    /// No inflater: the extension was not agreed for this direction.
    NoInflater,
    /// The inflater's answer.
    Done(Result<Vec<u8>, InflateError>),
}

/// Inflates one compressed message's concatenated payload `wire`.
fn inflate_wire(ws: &mut WsSide, complete: bool, wire: &[u8], cfg: &DissectConfig) -> Inflated {
    if !complete {
        if let Some(inf) = ws.inflater.as_mut() {
            inf.poison();
        }
        return Inflated::Incomplete;
    }
    let Some(inf) = ws.inflater.as_mut() else {
        return Inflated::NoInflater;
    };
    if ws.inflate_lost {
        inf.poison();
        ws.inflate_lost = false;
    }
    Inflated::Done(inf.decompress_message(wire, cfg.max_message))
}

/// Stage 1: the rules of the header (decided by `ws::frame`), of the close
/// handshake's order (§5.5.1), and the payload cap.
fn validate(sh: &Shared, ws: &mut WsSide, fb: &FrameBuild, at: At, out: &mut Out<'_>) {
    let h = &fb.hdr;
    let op = h.opcode_kind();
    for v in h.violations(frame_context(sh, at.dir)) {
        let (rule, text) = violation(v, op, Some(h), out.l);
        at.note(out, rule, text);
    }
    let l = out.l;
    if ws.sent_close {
        if !h.is_control() && !ws.data_after_close_noted {
            ws.data_after_close_noted = true;
            at.note(
                out,
                Rule::DataAfterClose,
                tr!(l, "note-data-after-close", sender = sender(at.dir, l)),
            );
        } else if h.is_control() && !ws.control_after_close_noted {
            ws.control_after_close_noted = true;
            at.note(
                out,
                Rule::ControlAfterClose,
                tr!(
                    l,
                    "note-control-after-close",
                    sender = sender(at.dir, l),
                    op = op.name()
                ),
            );
        }
    }
    if fb.omitted > 0 && fb.complete {
        at.note(
            out,
            Rule::PayloadCap,
            tr!(
                l,
                "note-payload-cap",
                len = h.payload_len.to_string(),
                kept = fb.payload.len().to_string()
            ),
        );
    }
}

/// What the frame rules depend on besides the header.
fn frame_context(sh: &Shared, dir: Direction) -> FrameContext {
    FrameContext {
        // In a guessed connection the roles may be swapped (docs/architecture.md).
        from_client: (!sh.info.roles_guessed).then_some(dir == Direction::ClientToServer),
        deflate: sh.deflate,
    }
}

/// What a control frame said.
#[derive(Default)]
struct Control {
    close_code: Option<u16>,
    close_reason: Option<String>,
    pong_for: Option<u64>,
    rtt: Option<f64>,
}

/// Stage 2: close frames (§5.5.1, §7.4), pings and pongs (§5.5.2, §5.5.3).
fn control(
    sh: &mut Shared,
    ws: &mut WsSide,
    peer: Option<&mut WsSide>,
    fb: &FrameBuild,
    at: At,
    out: &mut Out<'_>,
) -> Control {
    let mut c = Control::default();
    match fb.hdr.opcode_kind() {
        Opcode::Close => {
            if fb.complete && fb.omitted == 0 {
                match parse_close_payload(&fb.payload) {
                    Ok(cp) => {
                        c.close_code = cp.code;
                        if let Some(code) = cp.code {
                            match close_code_validity(code) {
                                CloseCodeValidity::Ok => {}
                                CloseCodeValidity::MustNotBeSent => at.note(
                                    out,
                                    Rule::CloseCodeInvalid,
                                    tr!(
                                        out.l,
                                        "note-close-code-never-sent",
                                        code = code.to_string(),
                                        name = close_code_name(code)
                                    ),
                                ),
                                CloseCodeValidity::Reserved => at.note(
                                    out,
                                    Rule::CloseCodeInvalid,
                                    tr!(
                                        out.l,
                                        "note-close-code-reserved",
                                        code = code.to_string(),
                                        name = close_code_name(code)
                                    ),
                                ),
                            }
                            match std::str::from_utf8(cp.reason) {
                                Ok(s) => c.close_reason = Some(s.to_string()),
                                Err(_) => {
                                    c.close_reason =
                                        Some(String::from_utf8_lossy(cp.reason).into_owned());
                                    at.note(
                                        out,
                                        Rule::CloseReasonInvalidUtf8,
                                        out.l.t("note-close-reason-utf8"),
                                    );
                                }
                            }
                        }
                    }
                    Err(_) => at.note(out, Rule::CloseOneByte, out.l.t("note-close-one-byte")),
                }
            }
            match sh.close.as_mut() {
                None => {
                    sh.close = Some(CloseSummary {
                        initiator: at.dir,
                        code: c.close_code,
                        reason: c.close_reason.clone().unwrap_or_default(),
                        answered: false,
                        frame: at.frame,
                        answer_frame: None,
                    })
                }
                Some(cs) if cs.initiator != at.dir && !cs.answered => {
                    cs.answered = true;
                    cs.answer_frame = Some(at.frame);
                }
                Some(_) => {}
            }
            ws.sent_close = true;
        }
        Opcode::Ping => {
            if ws.pings.len() >= MAX_WAITING_PINGS {
                ws.pings.pop_front();
            }
            // Pings wait for their pong with at most a legal control payload
            // (125 bytes), not a whole oversized one.
            ws.pings
                .push_back((ping_key(&fb.payload).to_vec(), at.frame, fb.last.ts));
        }
        Opcode::Pong => {
            let answered = peer.and_then(|p| {
                let pos = p
                    .pings
                    .iter()
                    .position(|(k, _, _)| k == ping_key(&fb.payload))?;
                p.pings.remove(pos)
            });
            match answered {
                Some((_, f, ts)) => {
                    c.pong_for = Some(f);
                    c.rtt = Some(fb.last.ts.seconds_since(ts));
                }
                None => at.note(out, Rule::UnsolicitedPong, out.l.t("note-unsolicited-pong")),
            }
        }
        _ => {}
    }
    c
}

/// What a data frame did to the message it belongs to.
#[derive(Default)]
struct Joined {
    /// The message's index, if the frame is part of one.
    message: Option<u64>,
    /// The message this frame finished.
    finished: Option<MsgBuild>,
    /// An unfinished message this frame cut short (§5.4).
    orphan: Option<MsgBuild>,
}

/// Stage 3: fragments into messages (§5.4), with text checked fragment by
/// fragment (§8.1).
fn join_message(
    sh: &mut Shared,
    ws: &mut WsSide,
    fb: &FrameBuild,
    index: u64,
    at: At,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) -> Joined {
    let h = &fb.hdr;
    let mut j = Joined::default();
    let op = h.opcode_kind();
    match op {
        Opcode::Text | Opcode::Binary => {
            if let Some(mut old) = ws.msg.take() {
                at.note(
                    out,
                    Rule::DataFrameInsideFragmentedMessage,
                    tr!(
                        out.l,
                        "note-data-inside-fragmented",
                        op = op.name(),
                        index = old.index.to_string()
                    ),
                );
                old.complete = false;
                j.orphan = Some(old);
            }
            let idx = sh.next_msg_index;
            sh.next_msg_index += 1;
            ws.msg = Some(MsgBuild {
                index: idx,
                opcode: op,
                compressed: h.rsv1 && sh.deflate,
                data: Vec::new(),
                length: 0,
                ws_frames: FrameList::new(),
                first_frame: at.frame,
                complete: true,
                utf8_valid_up_to: 0,
                utf8_broken: false,
                in_frame: false,
            });
        }
        Opcode::Continuation if ws.msg.is_none() => at.note(
            out,
            Rule::ContinuationWithoutStart,
            out.l.t("note-continuation-without-start"),
        ),
        _ => {}
    }
    if !matches!(op, Opcode::Text | Opcode::Binary | Opcode::Continuation) {
        return j;
    }
    let Some(m) = ws.msg.as_mut() else {
        return j;
    };
    j.message = Some(m.index);
    m.ws_frames.push(index);
    m.length = m.length.saturating_add(h.payload_len);
    let room = cfg.max_message.saturating_sub(m.data.len());
    if fb.payload.len() > room || fb.omitted > 0 || !fb.complete {
        m.complete = false;
    }
    if h.fin && m.ws_frames.len() == 1 && fb.payload.len() <= room {
        // The message is the frame's payload: `complete_frame` hands it
        // over (or inflates it) without a copy.
        m.in_frame = true;
    } else {
        m.data
            .extend_from_slice(&fb.payload[..fb.payload.len().min(room)]);
    }
    if m.opcode == Opcode::Text && !m.compressed && !m.utf8_broken {
        let data: &[u8] = if m.in_frame { &fb.payload } else { &m.data };
        match simdutf8::compat::from_utf8(&data[m.utf8_valid_up_to..]) {
            Ok(_) => m.utf8_valid_up_to = data.len(),
            Err(e) => {
                m.utf8_valid_up_to += e.valid_up_to();
                // A sequence cut at the fragment's end may go on in the next
                // fragment; a wrong byte cannot.
                let broken = e.error_len().is_some() || (h.fin && m.complete);
                if broken {
                    m.utf8_broken = true;
                    at.note(
                        out,
                        Rule::InvalidUtf8,
                        tr!(
                            out.l,
                            "note-utf8-stops",
                            index = m.index.to_string(),
                            at = m.utf8_valid_up_to.to_string()
                        ),
                    );
                }
            }
        }
    }
    if h.fin {
        j.finished = ws.msg.take();
    }
    j
}

/// Stage 4: the frame record.
fn record(
    sh: &Shared,
    at: At,
    index: u64,
    fb: FrameBuild,
    payload: Payload,
    ctl: Control,
    message: Option<u64>,
) -> Record {
    let h = fb.hdr;
    let op = h.opcode_kind();
    Record::Frame(Box::new(WsFrame {
        stream: at.stream,
        frame: at.frame,
        frames: fb.frames,
        direction: at.dir,
        ts: fb.last.ts,
        index,
        stream_offset: fb.start,
        header: h,
        compressed: h.rsv1 && sh.deflate && matches!(op, Opcode::Text | Opcode::Binary),
        payload,
        payload_omitted: fb.omitted + (h.payload_len - fb.got),
        complete: fb.complete && fb.got == h.payload_len,
        header_bytes: fb.header_bytes,
        masked_sample: fb.masked_sample,
        spans: fb.spans,
        close_code: ctl.close_code,
        close_code_name: ctl.close_code.map(close_code_name),
        close_reason: ctl.close_reason,
        pong_for: ctl.pong_for,
        rtt: ctl.rtt,
        message,
        guessed: sh.guessed,
    }))
}

#[allow(clippy::too_many_arguments)]
fn emit_message(
    sh: &Shared,
    counts: &mut SideCounts,
    ws: &mut WsSide,
    m: MsgBuild,
    from_frame: Option<FromFrame>,
    at: At,
    ts: Timestamp,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) {
    let stream = sh.info.stream;
    let dir = at.dir;
    let last_frame = at.frame;
    counts.ws_messages += 1;
    if m.compressed {
        counts.compressed_messages += 1;
        counts.compressed_wire_bytes = counts.compressed_wire_bytes.saturating_add(m.length);
    }
    out.hold_notes();
    let mut complete = m.complete;
    let mut content = None;
    let mut decompressed_length = None;
    if m.compressed {
        let inflated = match from_frame {
            Some(FromFrame::Inflated(i)) => i,
            _ => inflate_wire(ws, complete, &m.data, cfg),
        };
        // Worded only when inflating failed (a `String` per message otherwise).
        let index = || m.index.to_string();
        let failed = match inflated {
            Inflated::NoInflater => None,
            Inflated::Incomplete => Some((
                Rule::DecompressFailed,
                tr!(out.l, "note-decompress-incomplete", index = index()),
            )),
            Inflated::Done(Ok(v)) => {
                decompressed_length = Some(v.len() as u64);
                counts.decompressed_bytes =
                    counts.decompressed_bytes.saturating_add(v.len() as u64);
                content = Some(Payload::from(v));
                None
            }
            Inflated::Done(Err(e)) => {
                complete = false;
                Some(match e {
                    InflateError::CapExceeded { cap } => (
                        Rule::DecompressCap,
                        tr!(
                            out.l,
                            "note-decompress-cap",
                            index = index(),
                            cap = cap.to_string()
                        ),
                    ),
                    InflateError::ContextLost => (
                        Rule::DecompressContextLost,
                        tr!(out.l, "note-decompress-context-lost", index = index()),
                    ),
                    e => (
                        Rule::DecompressFailed,
                        tr!(
                            out.l,
                            "note-decompress-failed",
                            index = index(),
                            error = e.to_string()
                        ),
                    ),
                })
            }
        };
        if let Some((rule, text)) = failed {
            out.note(rule, Some(stream), Some(last_frame), Some(dir), text);
        }
    } else {
        content = Some(match from_frame {
            Some(FromFrame::Payload(p)) => p,
            _ => Payload::from(m.data),
        });
    }
    let (text, data, utf8_valid) = match content {
        None => (None, None, None),
        Some(bytes) if m.opcode == Opcode::Text => {
            if m.utf8_broken {
                // Noted on the fragment that broke it.
                (None, Some(bytes), Some(false))
            } else if !m.compressed && m.utf8_valid_up_to == bytes.len() {
                // SAFETY: checked fragment by fragment in `join_message`.
                (
                    Some(unsafe { Text::from_utf8_unchecked(bytes) }),
                    None,
                    Some(true),
                )
            } else {
                match Text::from_utf8(bytes) {
                    Ok(s) => (Some(s), None, Some(true)),
                    Err(bytes) => {
                        let cut_short = !complete
                            && std::str::from_utf8(&bytes)
                                .err()
                                .is_some_and(|e| e.error_len().is_none());
                        if cut_short {
                            (
                                Some(Text::from(String::from_utf8_lossy(&bytes).into_owned())),
                                None,
                                None,
                            )
                        } else {
                            out.note(
                                Rule::InvalidUtf8,
                                Some(stream),
                                Some(last_frame),
                                Some(dir),
                                tr!(out.l, "note-utf8-invalid", index = m.index.to_string()),
                            );
                            (None, Some(bytes), Some(false))
                        }
                    }
                }
            }
        }
        Some(bytes) => (None, Some(bytes), None),
    };
    out.emit_with_notes(Record::Message(Box::new(WsMessage {
        stream,
        direction: dir,
        index: m.index,
        opcode: m.opcode,
        first_frame: m.first_frame,
        last_frame,
        ws_frames: m.ws_frames,
        ts,
        length: m.length,
        compressed: m.compressed,
        decompressed_length,
        text,
        data_base64: data,
        utf8_valid,
        complete,
    })));
}

/// End of connection: what is left open is reported, not dropped.
pub(crate) fn finish(
    sh: &mut Shared,
    me: &mut Side,
    peer: &mut Side,
    ended: Ending,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) {
    let stream = sh.info.stream;
    let dir = me.dir;
    let l = out.l;
    let pending = me.pend.data();
    let resyncing = matches!(me.mode, Mode::Resync(_));
    let Some(ws) = me.mode.ws_mut() else {
        return;
    };
    if resyncing && (ws.resync_skipped > 0 || !pending.is_empty()) {
        let n = ws.resync_skipped + pending.len() as u64;
        out.note(
            Rule::SyncLost,
            Some(stream),
            None,
            Some(dir),
            tr!(out.l, "note-sync-lost-bytes", n = n.to_string()),
        );
    } else if ws.frame.is_none() && !pending.is_empty() {
        // A frame cut off inside its header: what its first bytes say still
        // counts (a reserved opcode, RSV bits, masking).
        let at = At {
            stream,
            frame: me.pend.last_frame(),
            dir,
        };
        let ctx = frame_context(sh, dir);
        let op = Opcode::from(pending[0]);
        at.note(
            out,
            Rule::Incomplete,
            tr!(
                l,
                "note-incomplete-header",
                ended = ended.words(l),
                n = pending.len().to_string(),
                op = op.name(),
                byte = format!("0x{:02x}", pending[0])
            ),
        );
        let known = first_byte_violations(pending[0], ctx.deflate).chain(
            pending
                .get(1)
                .and_then(|b1| mask_violation(b1 & 0x80 != 0, ctx.from_client)),
        );
        for v in known {
            let (rule, text) = violation(v, op, None, l);
            at.note(out, rule, text);
        }
    } else if let Some(fb) = ws.frame.as_mut() {
        fb.complete = false;
        out.note(
            Rule::Incomplete,
            Some(stream),
            Some(fb.last.last_frame),
            Some(dir),
            tr!(
                l,
                "note-incomplete-payload",
                ended = ended.words(l),
                got = fb.got.to_string(),
                len = fb.hdr.payload_len.to_string()
            ),
        );
        complete_frame(sh, me, peer, cfg, out);
    }
    finish_message(sh, me, ended, cfg, out);
}

/// A message still waiting for its final frame at the end of the connection.
fn finish_message(
    sh: &mut Shared,
    me: &mut Side,
    ended: Ending,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) {
    let ts = me.pend.last_ts();
    let Some(ws) = me.mode.ws_mut() else {
        return;
    };
    let Some(mut m) = ws.msg.take() else {
        return;
    };
    m.complete = false;
    let at = At {
        stream: sh.info.stream,
        frame: m.first_frame,
        dir: me.dir,
    };
    at.note(
        out,
        Rule::Incomplete,
        tr!(
            out.l,
            "note-incomplete-message",
            index = m.index.to_string(),
            ended = ended.words(out.l)
        ),
    );
    emit_message(sh, &mut me.counts, ws, m, None, at, ts, cfg, out);
}
