//! WebSocket frames (RFC 6455 §5) on a connection: parsed as bytes arrive,
//! unmasked, checked, assembled into messages, decompressed (RFC 7692).

use crate::model::{CloseSummary, Record, Span, WsFrame, WsMessage};
use crate::ws::deflate::InflateError;
use crate::ws::frame::{
    close_code_name, close_code_validity, parse_close_payload, CloseCodeValidity, FrameHeader,
    Opcode, MAX_CONTROL_PAYLOAD,
};
use crate::ws::mask::unmask;

use super::conn::{dir_words, ConnState, Consumed, Mode};
use super::notes::Rule;
use super::{DissectConfig, Out};

/// How many masked bytes are kept for the unmasking lesson.
const MASKED_SAMPLE: usize = 64;

/// A frame being received.
pub(crate) struct FrameBuild {
    hdr: FrameHeader,
    start: u64,
    header_bytes: Vec<u8>,
    payload: Vec<u8>,
    /// Payload bytes seen or skipped so far.
    got: u64,
    omitted: u64,
    /// False once bytes are missing: later payload bytes are counted, not kept.
    keep: bool,
    complete: bool,
    spans: Vec<Span>,
    frames: Vec<u64>,
    last: Consumed,
    masked_sample: Vec<u8>,
}

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
        self.payload.extend_from_slice(&data[..keep]);
        if let Some(k) = self.hdr.mask_key {
            unmask(&mut self.payload[old..], k, self.got);
        }
        self.omitted += (n - keep) as u64;
        self.got += n as u64;
    }
}

/// A data message being assembled from its frames.
pub(crate) struct MsgBuild {
    index: u64,
    opcode: u8,
    compressed: bool,
    data: Vec<u8>,
    length: u64,
    ws_frames: Vec<u64>,
    first_frame: u64,
    complete: bool,
}

/// Whether a header could start a real frame, for guessing and resyncing.
fn sane(h: &FrameHeader) -> bool {
    let known = matches!(h.opcode, 0 | 1 | 2 | 8 | 9 | 10);
    known
        && !h.rsv2
        && !h.rsv3
        && (!h.is_control() || (h.fin && h.payload_len <= 125))
        && h.is_minimal_length()
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
pub(crate) fn step(c: &mut ConnState, d: usize, cfg: &DissectConfig, out: &mut Out<'_>) -> bool {
    let ds = &mut c.dirs[d];
    if ds.frame.is_none() {
        let data = ds.pend.data();
        if data.is_empty() {
            return false;
        }
        let Ok(hdr) = FrameHeader::parse(data) else {
            return false;
        };
        let hl = usize::from(hdr.header_len);
        let header_bytes = data[..hl].to_vec();
        let start = ds.pend.offset();
        let mut spans = Vec::new();
        let mut frames = Vec::new();
        let last = ds.pend.consume(hl, start, &mut spans, &mut frames);
        ds.frame = Some(FrameBuild {
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
            masked_sample: Vec::new(),
        });
        if hdr.payload_len == 0 {
            complete_frame(c, d, cfg, out);
        }
        return true;
    }
    let ds = &mut c.dirs[d];
    let (Some(fb), pend) = (ds.frame.as_mut(), &mut ds.pend) else {
        return false;
    };
    let remaining = fb.hdr.payload_len - fb.got;
    let avail = pend.data().len() as u64;
    let n = remaining.min(avail) as usize;
    if n == 0 {
        return false;
    }
    fb.take_payload(&pend.data()[..n], cfg);
    fb.last = pend.consume(n, fb.start, &mut fb.spans, &mut fb.frames);
    if fb.got == fb.hdr.payload_len {
        complete_frame(c, d, cfg, out);
    }
    true
}

/// Payload bytes of the frame being received, taken straight from a
/// segment (the common case for large frames: no copy through the pending
/// buffer). Returns how many bytes of `chunk` were used.
pub(crate) fn payload_direct(
    c: &mut ConnState,
    d: usize,
    chunk: &crate::net::Chunk<'_>,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) -> usize {
    let ds = &mut c.dirs[d];
    let Some(fb) = ds.frame.as_mut() else {
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
    ds.pend.advance_empty(chunk.offset + n as u64);
    if fb.got == fb.hdr.payload_len {
        complete_frame(c, d, cfg, out);
    }
    n
}

/// Bytes are missing in a WebSocket direction.
pub(crate) fn gap(
    c: &mut ConnState,
    d: usize,
    offset: u64,
    len: u64,
    frame: u64,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) {
    let stream = c.info.stream;
    let ds = &mut c.dirs[d];
    let leftover = ds.pend.data().len();
    ds.pend.reset(offset + len);
    if ds.inflater.is_some() {
        ds.inflate_lost = true;
    }
    if let Some(m) = ds.msg.as_mut() {
        m.complete = false;
    }
    if ds.mode == Mode::Resync {
        return;
    }
    if let Some(fb) = ds.frame.as_mut() {
        if leftover == 0 {
            let remaining = fb.hdr.payload_len - fb.got;
            fb.complete = false;
            fb.keep = false;
            let inside = len.min(remaining);
            fb.got += inside;
            fb.omitted += inside;
            if len <= remaining {
                if fb.got == fb.hdr.payload_len {
                    complete_frame(c, d, cfg, out);
                }
                // The gap lies inside this frame's payload: the next frame
                // starts where the header said, so parsing stays in step.
                return;
            }
            complete_frame(c, d, cfg, out);
        }
    }
    let ds = &mut c.dirs[d];
    ds.mode = Mode::Resync;
    out.note(
        Rule::SyncLost,
        Some(stream),
        Some(frame),
        Some(ds.dir),
        format!(
            "a gap in the {} stream hides where the next WebSocket frame starts; looking for a plausible frame header to continue",
            dir_words(ds.dir)
        ),
    );
}

/// Looks for frame boundaries again after a gap.
pub(crate) fn resync(
    c: &mut ConnState,
    d: usize,
    _cfg: &DissectConfig,
    out: &mut Out<'_>,
    at_end: bool,
) -> bool {
    let stream = c.info.stream;
    let ds = &mut c.dirs[d];
    let data = ds.pend.data();
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
        ds.pend.skip(skip);
        ds.resync_skipped += skip as u64;
    }
    if found {
        let at = ds.pend.offset();
        let skipped = ds.resync_skipped;
        ds.resync_skipped = 0;
        ds.mode = Mode::Ws;
        out.note(
            Rule::Resync,
            Some(stream),
            None,
            Some(ds.dir),
            format!("frame boundaries found again at stream offset {at} after skipping {skipped} undecodable bytes; the frames that follow are a best guess"),
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

/// Checks a finished frame, updates messages, and emits it.
fn complete_frame(c: &mut ConnState, d: usize, cfg: &DissectConfig, out: &mut Out<'_>) {
    let stream = c.info.stream;
    let guessed_roles = c.info.roles_guessed;
    let Some(fb) = c.dirs[d].frame.take() else {
        return;
    };
    out.hold_notes();
    let dir = c.dirs[d].dir;
    let h = fb.hdr;
    let frame_no = fb.last.last_frame;
    let index = c.next_ws_index;
    c.next_ws_index += 1;
    c.ws_frames[d] += 1;
    c.ws_header_bytes[d] += u64::from(h.header_len);
    c.ws_payload_bytes[d] = c.ws_payload_bytes[d].saturating_add(h.payload_len);
    let note = |out: &mut Out<'_>, rule: Rule, msg: String| {
        out.note(rule, Some(stream), Some(frame_no), Some(dir), msg)
    };
    let op = Opcode::from(h.opcode);
    // §5.1 masking.
    if !guessed_roles {
        if d == 0 && !h.masked {
            note(out, Rule::ClientFrameNotMasked, "a client frame is not masked: every frame from client to server must be (this protects proxies from cache poisoning)".into());
        }
        if d == 1 && h.masked {
            note(
                out,
                Rule::ServerFrameMasked,
                "a server frame is masked: servers must never mask their frames".into(),
            );
        }
    }
    // §5.2 header fields.
    if h.rsv1 && c.deflate.is_none() {
        note(out, Rule::RsvWithoutExtension, "RSV1 is set but no extension that defines it (such as permessage-deflate) was negotiated".into());
    }
    if h.rsv2 || h.rsv3 {
        note(
            out,
            Rule::RsvWithoutExtension,
            "RSV2/RSV3 is set but no negotiated extension defines these bits".into(),
        );
    }
    if matches!(op, Opcode::Reserved(_)) {
        note(
            out,
            Rule::ReservedOpcode,
            format!(
                "opcode 0x{:x} is reserved for future use; a receiver must fail the connection",
                h.opcode
            ),
        );
    }
    if !h.is_minimal_length() {
        note(out, Rule::NonMinimalLength, format!("the length {} is encoded in more bytes than needed (7-bit field {}); the minimal encoding is required", h.payload_len, h.len7));
    }
    if h.length_top_bit_set() {
        note(
            out,
            Rule::LengthTopBitSet,
            "the 64-bit length has its most significant bit set, which is not allowed".into(),
        );
    }
    // §5.5 control frames.
    if h.is_control() {
        if h.payload_len > 125 {
            note(
                out,
                Rule::ControlFrameTooLong,
                format!(
                    "a {} frame carries {} bytes; control frames may carry at most 125",
                    op.name(),
                    h.payload_len
                ),
            );
        }
        if !h.fin {
            note(
                out,
                Rule::ControlFrameFragmented,
                format!(
                    "a {} frame has FIN clear; control frames must not be fragmented",
                    op.name()
                ),
            );
        }
        if h.rsv1 && c.deflate.is_some() {
            note(out, Rule::CompressedControlFrame, "RSV1 is set on a control frame; permessage-deflate never compresses control frames".into());
        }
    }
    // §5.5.1: nothing after one's own close frame.
    if c.dirs[d].sent_close && !c.dirs[d].after_close_noted {
        c.dirs[d].after_close_noted = true;
        note(
            out,
            Rule::DataAfterClose,
            format!(
                "the {} side sent a frame after its own close frame",
                if d == 0 { "client" } else { "server" }
            ),
        );
    }
    if fb.omitted > 0 && fb.complete {
        note(
            out,
            Rule::PayloadCap,
            format!(
                "the payload is {} bytes; only the first {} are kept (--max-payload)",
                h.payload_len,
                fb.payload.len()
            ),
        );
    }
    let mut close_code = None;
    let mut close_reason = None;
    let mut pong_for = None;
    let mut rtt = None;
    match op {
        Opcode::Close => {
            let was_first = c.close.is_none();
            if fb.complete && fb.omitted == 0 {
                match parse_close_payload(&fb.payload) {
                    Ok(cp) => {
                        close_code = cp.code;
                        if let Some(code) = cp.code {
                            match close_code_validity(code) {
                                CloseCodeValidity::Ok => {}
                                CloseCodeValidity::MustNotBeSent => note(out, Rule::CloseCodeInvalid, format!("close code {code} ({}) is reserved for reporting and must never be sent in a close frame", close_code_name(code))),
                                CloseCodeValidity::Reserved => note(out, Rule::CloseCodeInvalid, format!("close code {code} is not a valid code to send ({})", close_code_name(code))),
                            }
                            match std::str::from_utf8(cp.reason) {
                                Ok(s) => close_reason = Some(s.to_string()),
                                Err(_) => {
                                    close_reason = Some(String::from_utf8_lossy(cp.reason).into_owned());
                                    note(out, Rule::CloseReasonInvalidUtf8, "the close reason is not valid UTF-8".into());
                                }
                            }
                        }
                    }
                    Err(_) => note(out, Rule::CloseOneByte, "the close payload is one byte long: it must be empty or start with a 2-byte status code".into()),
                }
            }
            if was_first {
                c.close = Some(CloseSummary {
                    initiator: dir,
                    code: close_code,
                    reason: close_reason.clone().unwrap_or_default(),
                    answered: false,
                });
            } else if let Some(cs) = c.close.as_mut() {
                if cs.initiator != dir {
                    cs.answered = true;
                }
            }
            c.dirs[d].sent_close = true;
        }
        Opcode::Ping => {
            let q = &mut c.pings[d];
            if q.len() >= 64 {
                q.pop_front();
            }
            // Pings wait for their pong with at most a legal control payload
            // (125 bytes), not a whole oversized one.
            q.push_back((ping_key(&fb.payload).to_vec(), frame_no, fb.last.ts));
        }
        Opcode::Pong => {
            let q = &mut c.pings[1 - d];
            if let Some(pos) = q.iter().position(|(p, _, _)| p == ping_key(&fb.payload)) {
                if let Some((_, f, ts)) = q.remove(pos) {
                    pong_for = Some(f);
                    rtt = Some(fb.last.ts.seconds_since(ts));
                }
            } else {
                note(out, Rule::UnsolicitedPong, "a pong that answers no ping in the capture (allowed as a unidirectional heartbeat)".into());
            }
        }
        _ => {}
    }
    // Messages (§5.4).
    let mut message = None;
    let mut finished_msg = None;
    let mut orphan_msg = None;
    if !h.is_control() {
        let ds = &mut c.dirs[d];
        match op {
            Opcode::Text | Opcode::Binary => {
                if let Some(old) = ds.msg.take() {
                    note(out, Rule::DataFrameInsideFragmentedMessage, format!("a new {} frame starts while message {} is still unfinished (its last frame must have FIN set first)", op.name(), old.index));
                    let mut old = old;
                    old.complete = false;
                    orphan_msg = Some(old);
                }
                let idx = c.next_msg_index;
                c.next_msg_index += 1;
                ds.msg = Some(MsgBuild {
                    index: idx,
                    opcode: h.opcode,
                    compressed: h.rsv1 && c.deflate.is_some(),
                    data: Vec::new(),
                    length: 0,
                    ws_frames: Vec::new(),
                    first_frame: frame_no,
                    complete: true,
                });
            }
            Opcode::Continuation => {
                if ds.msg.is_none() {
                    note(
                        out,
                        Rule::ContinuationWithoutStart,
                        "a continuation frame arrives but no fragmented message is in progress"
                            .into(),
                    );
                } else if h.rsv1 {
                    note(out, Rule::Rsv1OnContinuation, "RSV1 is set on a continuation frame; only a message's first frame says whether it is compressed".into());
                }
            }
            _ => {}
        }
        if let Some(m) = ds.msg.as_mut() {
            if matches!(op, Opcode::Text | Opcode::Binary | Opcode::Continuation) {
                message = Some(m.index);
                m.ws_frames.push(index);
                m.length = m.length.saturating_add(h.payload_len);
                let room = cfg.max_message.saturating_sub(m.data.len());
                if fb.payload.len() > room || fb.omitted > 0 || !fb.complete {
                    m.complete = false;
                }
                m.data
                    .extend_from_slice(&fb.payload[..fb.payload.len().min(room)]);
                if h.fin {
                    finished_msg = ds.msg.take();
                }
            }
        }
    }
    let orphan_notes = out.held.take();
    if let Some(old) = orphan_msg {
        emit_message(c, d, old, frame_no, fb.last.ts, cfg, out);
    }
    out.held = orphan_notes;
    let complete = fb.complete && fb.got == h.payload_len;
    let rec = WsFrame {
        stream,
        frame: frame_no,
        frames: fb.frames,
        direction: dir,
        ts: fb.last.ts,
        index,
        stream_offset: fb.start,
        fin: h.fin,
        rsv1: h.rsv1,
        rsv2: h.rsv2,
        rsv3: h.rsv3,
        opcode: h.opcode,
        opcode_name: op.name(),
        masked: h.masked,
        mask_key: h.mask_key,
        len7: h.len7,
        payload_length: h.payload_len,
        header_length: h.header_len,
        payload: fb.payload,
        payload_omitted: fb.omitted + (h.payload_len - fb.got),
        complete,
        header_bytes: fb.header_bytes,
        masked_sample: fb.masked_sample,
        spans: fb.spans,
        close_code,
        close_code_name: close_code.map(close_code_name),
        close_reason,
        pong_for,
        rtt,
        message,
        guessed: c.guessed,
    };
    let ts = rec.ts;
    out.emit_with_notes(Record::Frame(Box::new(rec)));
    if let Some(m) = finished_msg {
        emit_message(c, d, m, frame_no, ts, cfg, out);
    }
}

fn emit_message(
    c: &mut ConnState,
    d: usize,
    m: MsgBuild,
    last_frame: u64,
    ts: crate::capture::Timestamp,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) {
    let stream = c.info.stream;
    let ds = &mut c.dirs[d];
    let dir = ds.dir;
    c.ws_messages[d] += 1;
    out.hold_notes();
    let mut complete = m.complete;
    let mut content = Some(m.data);
    let mut decompressed_length = None;
    if m.compressed {
        let wire = content.take().unwrap_or_default();
        if !complete {
            out.note(Rule::DecompressFailed, Some(stream), Some(last_frame), Some(dir), format!("message {} is compressed but not all of its bytes were captured, so it cannot be decompressed", m.index));
            if let Some(inf) = ds.inflater.as_mut() {
                inf.poison();
            }
        } else if let Some(inf) = ds.inflater.as_mut() {
            if ds.inflate_lost {
                inf.poison();
                ds.inflate_lost = false;
            }
            match inf.decompress_message(&wire, cfg.max_message) {
                Ok(v) => {
                    decompressed_length = Some(v.len() as u64);
                    content = Some(v);
                }
                Err(InflateError::CapExceeded { cap }) => {
                    complete = false;
                    out.note(Rule::DecompressCap, Some(stream), Some(last_frame), Some(dir), format!("message {} inflates to more than {cap} bytes; decompression stopped there (a decompression bomb cannot exhaust memory)", m.index));
                }
                Err(InflateError::ContextLost) => {
                    complete = false;
                    out.note(Rule::DecompressContextLost, Some(stream), Some(last_frame), Some(dir), format!("message {} uses the compression context of earlier messages, which a gap or error made unknown; it cannot be decompressed", m.index));
                }
                Err(e) => {
                    complete = false;
                    out.note(
                        Rule::DecompressFailed,
                        Some(stream),
                        Some(last_frame),
                        Some(dir),
                        format!("message {} does not decompress: {e}", m.index),
                    );
                }
            }
        }
    }
    let (text, data, utf8_valid) = match content {
        None => (None, None, None),
        Some(bytes) if m.opcode == 1 => match utf8_string(bytes) {
            Ok(s) => (Some(s), None, Some(true)),
            Err(bytes) => {
                let cut_short = !complete
                    && std::str::from_utf8(&bytes)
                        .err()
                        .is_some_and(|e| e.error_len().is_none());
                if cut_short {
                    (
                        Some(String::from_utf8_lossy(&bytes).into_owned()),
                        None,
                        None,
                    )
                } else {
                    out.note(Rule::InvalidUtf8, Some(stream), Some(last_frame), Some(dir), format!("text message {} is not valid UTF-8; a receiver must fail the connection", m.index));
                    (None, Some(bytes), Some(false))
                }
            }
        },
        Some(bytes) => (None, Some(bytes), None),
    };
    out.emit_with_notes(Record::Message(Box::new(WsMessage {
        stream,
        direction: dir,
        index: m.index,
        opcode: m.opcode,
        opcode_name: Opcode::from(m.opcode).name(),
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

/// The bytes as a `String` if they are valid UTF-8 (RFC 3629), checked with
/// SIMD: text messages are most of what `dump` handles.
fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: validated as UTF-8 just above.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        Err(bytes)
    }
}

/// End of connection: what is left open is reported, not dropped.
pub(crate) fn finish(c: &mut ConnState, d: usize, cfg: &DissectConfig, out: &mut Out<'_>) {
    let stream = c.info.stream;
    let ds = &mut c.dirs[d];
    let dir = ds.dir;
    if ds.mode == Mode::Resync && (ds.resync_skipped > 0 || !ds.pend.data().is_empty()) {
        let n = ds.resync_skipped + ds.pend.data().len() as u64;
        out.note(Rule::SyncLost, Some(stream), None, Some(dir), format!("{n} bytes after a gap could not be matched to WebSocket frames and are not decoded"));
    }
    if ds.mode == Mode::Ws && ds.frame.is_none() && !ds.pend.data().is_empty() {
        let n = ds.pend.data().len();
        out.note(
            Rule::Incomplete,
            Some(stream),
            None,
            Some(dir),
            format!("the capture ends {n} bytes into a WebSocket frame header"),
        );
    }
    if let Some(fb) = ds.frame.as_mut() {
        let frame = fb.last.last_frame;
        let missing = fb.hdr.payload_len - fb.got;
        fb.complete = false;
        out.note(
            Rule::Incomplete,
            Some(stream),
            Some(frame),
            Some(dir),
            format!(
                "the capture ends inside a WebSocket frame: {} of its {} payload bytes were seen",
                fb.got, fb.hdr.payload_len
            ),
        );
        let _ = missing;
        complete_frame(c, d, cfg, out);
    }
    let ds = &mut c.dirs[d];
    if let Some(mut m) = ds.msg.take() {
        m.complete = false;
        let last = m.first_frame;
        out.note(
            Rule::Incomplete,
            Some(stream),
            Some(last),
            Some(dir),
            format!(
                "message {} never got its final frame (FIN) in the capture",
                m.index
            ),
        );
        let ts = ds.pend.last_ts();
        emit_message(c, d, m, last, ts, cfg, out);
    }
}
