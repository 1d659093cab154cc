//! HTTP/1.x heads on a connection, and the WebSocket opening handshake
//! (RFC 6455 §4) they may carry.

use crate::http::handshake::{check_request, check_response, wants_websocket};
use crate::http::{
    find_head_end, looks_like_request, parse_request, parse_response, BodyKind, ChunkedSkipper,
    HttpHead, StartLine,
};
use crate::model::{
    FrameList, Handshake, HttpBody, HttpHeader, HttpMessage, Protocol, Record, Rule, SpanList,
};
use crate::net::Direction;
use crate::tr;

use super::conn::{
    Body, HttpSide, Mode, Pending, PendingBody, PendingRequest, Shared, Side, MAX_PENDING_REQUESTS,
};
use super::frames::WsSide;
use super::{DissectConfig, Out};

/// One step in HTTP mode: skip body bytes, or parse one head.
pub(crate) fn step(
    sh: &mut Shared,
    me: &mut Side,
    peer: &mut Side,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) -> bool {
    let stream = sh.info.stream;
    let dir = me.dir;
    let (Mode::Http(hs) | Mode::AwaitUpgrade(hs)) = &mut me.mode else {
        return false;
    };
    // 1. A body in progress.
    match &mut hs.body {
        Body::None => {}
        Body::Length(left) => {
            let n = (*left).min(me.pend.data().len() as u64) as usize;
            if n == 0 {
                return false;
            }
            collect(&mut hs.msg, &mut me.pend, n, cfg.max_payload);
            *left -= n as u64;
            if *left == 0 {
                hs.body = Body::None;
                if let Some(pb) = hs.msg.take() {
                    finish_body(*pb, true, None, cfg, out);
                }
            }
            return true;
        }
        Body::Chunked(sk) => {
            let data = me.pend.data();
            if data.is_empty() {
                return false;
            }
            match sk.feed(data) {
                Ok(p) => {
                    collect(&mut hs.msg, &mut me.pend, p.consumed, cfg.max_payload);
                    if p.done {
                        hs.body = Body::None;
                        if let Some(pb) = hs.msg.take() {
                            finish_body(*pb, true, None, cfg, out);
                        }
                    }
                    return p.consumed > 0 || p.done;
                }
                Err(e) => {
                    if let Some(pb) = hs.msg.take() {
                        let why = format!("the chunked body is malformed ({e})");
                        finish_body(*pb, false, Some(why), cfg, out);
                    }
                    me.mode = Mode::Opaque;
                    let text = tr!(out.l, "note-http-chunked-malformed", error = e.to_string());
                    out.note(Rule::HttpMalformed, Some(stream), None, Some(dir), text);
                    return true;
                }
            }
        }
        Body::UntilClose => {
            let n = me.pend.data().len();
            if n > 0 {
                collect(&mut hs.msg, &mut me.pend, n, cfg.max_payload);
            }
            return false;
        }
    }
    // 2. The next head.
    let data = me.pend.data();
    if data.is_empty() {
        return false;
    }
    let Some(end) = find_head_end(data, hs.head_search) else {
        hs.head_search = data.len().saturating_sub(3);
        if data.len() > cfg.max_http_head {
            me.mode = Mode::Opaque;
            out.note(
                Rule::HttpMalformed,
                Some(stream),
                None,
                Some(dir),
                tr!(
                    out.l,
                    "note-http-head-too-long",
                    max = cfg.max_http_head.to_string()
                ),
            );
            return true;
        }
        return false;
    };
    hs.head_search = 0;
    let is_request = dir == Direction::ClientToServer || looks_like_request(data);
    let parsed = if is_request {
        parse_request(&data[..end])
    } else {
        parse_response(&data[..end])
    };
    let unit_start = me.pend.offset();
    let raw = data[..end].to_vec();
    let mut spans = SpanList::new();
    let mut frames = FrameList::new();
    let consumed = me.pend.consume(end, unit_start, &mut spans, &mut frames);
    let head = match parsed {
        Ok(h) => h,
        Err(e) => {
            me.mode = Mode::Opaque;
            out.note(
                Rule::HttpMalformed,
                Some(stream),
                Some(consumed.last_frame),
                Some(dir),
                tr!(out.l, "note-http-head-bad", error = e.to_string()),
            );
            return true;
        }
    };
    me.counts.http_head_bytes += end as u64;
    let (method, target, status, start_line) = match &head.start {
        StartLine::Request {
            method,
            target,
            version,
        } => (
            Some(method.clone()),
            Some(target.clone()),
            None,
            format!("{method} {target} {version}"),
        ),
        StartLine::Response {
            version,
            status,
            reason,
        } => (
            None,
            None,
            Some(*status),
            format!("{version} {status} {reason}"),
        ),
    };
    let msg = HttpMessage {
        stream,
        direction: dir,
        frame: consumed.last_frame,
        frames,
        head_frame: consumed.last_frame,
        ts: consumed.ts,
        stream_offset: unit_start,
        start_line,
        method: method.clone(),
        target,
        status,
        headers: head
            .headers
            .iter()
            .map(|h| HttpHeader {
                name: h.name.clone(),
                value: h.value.clone(),
                range: h.range.clone(),
            })
            .collect(),
        head_length: end as u64,
        body_length: match head.body_kind(false) {
            BodyKind::Length(n) => Some(n),
            _ => None,
        },
        body: None,
        raw,
        spans,
    };
    let body_start = unit_start + end as u64;
    if is_request {
        let upgrade = wants_websocket(&head);
        let body = body_of(head.body_kind(false));
        // An upgrade request's bytes after its head wait for the answer
        // (they are WebSocket frames if it is 101): it is listed at once.
        let pending = if upgrade {
            out.emit(Record::Http(msg.clone()));
            None
        } else {
            hold(&msg, &body, body_start, out)
        };
        let hs = HttpSide {
            body,
            head_search: 0,
            msg: pending,
        };
        me.mode = if upgrade {
            Mode::AwaitUpgrade(hs)
        } else {
            Mode::Http(hs)
        };
        if let Some(prev) = sh.requests.back_mut() {
            if !prev.upgrade {
                prev.full = None;
            }
        }
        if upgrade || sh.requests.len() < MAX_PENDING_REQUESTS {
            sh.requests.push_back(PendingRequest {
                method: method.unwrap_or_default(),
                upgrade,
                full: Some(Box::new((msg, head))),
            });
        }
        return true;
    }
    // A response.
    let status = status.unwrap_or(0);
    if (100..200).contains(&status) && status != 101 {
        out.emit(Record::Http(msg));
        return true; // interim response: the real one follows
    }
    let req = sh.requests.pop_front();
    let head_req = req
        .as_ref()
        .is_some_and(|r| r.method.eq_ignore_ascii_case("HEAD"));
    let switching =
        status == 101 && (req.as_ref().is_some_and(|r| r.upgrade) || wants_websocket(&head));
    let body = if switching {
        Body::None
    } else {
        body_of(head.body_kind(head_req))
    };
    let pending = hold(&msg, &body, body_start, out);
    let mut deflate = None;
    if let Some(req) = req {
        if req.upgrade || switching {
            deflate = handshake(sh, req, Some((&head, &msg)), switching, out);
        }
    }
    if switching {
        // A 101 without a prior recorded request has nothing else to release.
        sh.protocol = Protocol::Websocket;
        let (server_nct, client_nct) = match deflate {
            Some((s, c)) => (Some(s), Some(c)),
            None => (None, None),
        };
        me.mode = Mode::Ws(WsSide::upgraded(server_nct));
        // a message of the client's still receiving its body is not dropped
        flush_body(peer, false, cfg, out);
        peer.mode = Mode::Ws(WsSide::upgraded(client_nct));
    } else {
        if let Mode::AwaitUpgrade(hs) = &mut peer.mode {
            peer.mode = Mode::Http(std::mem::take(hs));
        }
        if let Mode::Http(hs) = &mut me.mode {
            hs.body = body;
            hs.msg = pending;
        }
    }
    true
}

/// Keeps a message whose body follows until the body is complete, or
/// emits it at once when it has none.
fn hold(msg: &HttpMessage, body: &Body, start: u64, out: &mut Out<'_>) -> Option<Box<PendingBody>> {
    let chunked = match body {
        Body::None => {
            out.emit(Record::Http(msg.clone()));
            return None;
        }
        Body::Chunked(_) => true,
        Body::Length(_) | Body::UntilClose => false,
    };
    Some(Box::new(PendingBody {
        msg: msg.clone(),
        raw: Vec::new(),
        raw_omitted: 0,
        start,
        chunked,
        spans: SpanList::new(),
    }))
}

/// Consumes `n` body bytes, keeping them (up to `cap`) and where they came
/// from for the message waiting for them.
fn collect(pb: &mut Option<Box<PendingBody>>, pend: &mut Pending, n: usize, cap: usize) {
    let Some(b) = pb else {
        pend.skip(n);
        return;
    };
    let data = &pend.data()[..n];
    let keep = cap.saturating_sub(b.raw.len()).min(n);
    b.raw.extend_from_slice(&data[..keep]);
    b.raw_omitted += (n - keep) as u64;
    let mut frames = FrameList::new();
    let c = if keep == n {
        pend.consume(n, b.start, &mut b.spans, &mut frames)
    } else {
        // past the cap: no more spans either, so memory stays bounded
        pend.skip(n)
    };
    b.msg.frame = c.last_frame;
    b.msg.ts = c.ts;
}

/// Decodes a finished (or abandoned) body and emits its message.
/// `complete`: the body's end was seen; `why`: what went wrong otherwise.
fn finish_body(
    b: PendingBody,
    complete: bool,
    why: Option<String>,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
) {
    let mut msg = b.msg;
    let header = |name: &str| {
        msg.headers
            .iter()
            .rev()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.clone())
    };
    let encoding = header("content-encoding");
    let content_type = header("content-type");
    let d = crate::http::body::decode(
        &b.raw,
        complete && b.raw_omitted == 0,
        b.chunked,
        encoding.as_deref(),
        cfg.max_payload,
    );
    let mut problem = d.problem;
    if complete && b.raw_omitted > 0 {
        problem = Some(format!(
            "the body is cut at {} bytes on the wire (--max-payload); {} bytes more were not kept",
            cfg.max_payload, b.raw_omitted
        ));
    }
    if let Some(w) = why {
        problem = Some(w);
    }
    let omitted = if encoding.is_none() && !b.chunked {
        b.raw_omitted
    } else {
        d.omitted
    };
    let (text, data_base64) = match String::from_utf8(d.data) {
        Ok(t) => (Some(t), None),
        Err(e) => (None, Some(e.into_bytes())),
    };
    let length =
        text.as_ref()
            .map_or_else(|| data_base64.as_ref().map_or(0, Vec::len), String::len) as u64;
    msg.body = Some(Box::new(HttpBody {
        wire_length: b.raw.len() as u64 + b.raw_omitted,
        chunked: b.chunked,
        content_encoding: encoding,
        content_type,
        length,
        omitted,
        complete: d.complete && problem.is_none(),
        problem,
        text,
        data_base64,
        spans: b.spans,
    }));
    out.emit(Record::Http(msg));
}

/// A direction stops parsing HTTP (its data ended, or bytes are missing):
/// a message still receiving its body is emitted with what came. A body
/// that runs until the connection closes is complete then.
pub(crate) fn flush_body(me: &mut Side, ended: bool, cfg: &DissectConfig, out: &mut Out<'_>) {
    let (Mode::Http(hs) | Mode::AwaitUpgrade(hs)) = &mut me.mode else {
        return;
    };
    let Some(pb) = hs.msg.take() else {
        return;
    };
    let complete = ended && matches!(hs.body, Body::UntilClose);
    let why = (!complete).then(|| "not all of the body is in the capture".to_string());
    finish_body(*pb, complete, why, cfg, out);
}

fn body_of(k: BodyKind) -> Body {
    match k {
        BodyKind::Length(n) if n > 0 => Body::Length(n),
        BodyKind::Chunked => Body::Chunked(ChunkedSkipper::default()),
        BodyKind::UntilClose => Body::UntilClose,
        _ => Body::None,
    }
}

/// Builds and emits the handshake record. Its rules are checked by
/// `http::handshake`; each finding becomes a note here. Returns the agreed
/// permessage-deflate's no-context-takeover flags (server, client) when the
/// connection was upgraded with it.
fn handshake(
    sh: &mut Shared,
    req: PendingRequest,
    resp: Option<(&HttpHead, &HttpMessage)>,
    upgraded: bool,
    out: &mut Out<'_>,
) -> Option<(bool, bool)> {
    let stream = sh.info.stream;
    // A request that was neither an upgrade nor the newest no longer has its
    // head (see `PendingRequest::full`).
    let (req_msg, req_head) = *req.full?;
    let offer = check_request(&req_head);
    let answer = resp.map(|(h, _)| check_response(&offer, h));
    let rframe = req_msg.frame;
    // Notes are worded in the language of `--lang` (DissectConfig::lang).
    let l = out.l;
    let resp_frame = resp.map(|(_, m)| m.frame);
    for f in &offer.findings {
        let (rule, text, dir) = super::notes::handshake(f, l);
        out.note(rule, Some(stream), Some(rframe), Some(dir), text);
    }
    for f in answer.iter().flat_map(|a| &a.findings) {
        let (rule, text, dir) = super::notes::handshake(f, l);
        out.note(rule, Some(stream), resp_frame, Some(dir), text);
    }
    let a = answer.unwrap_or_default();
    let deflate = a.deflate.filter(|_| upgraded);
    sh.deflate = deflate.is_some();
    let flags = deflate
        .as_ref()
        .map(|p| (p.server_no_context_takeover, p.client_no_context_takeover));
    let hs = Handshake {
        stream,
        request_frame: rframe,
        response_frame: resp_frame,
        path: req_msg.target.clone().unwrap_or_default(),
        host: req_head.header("host").map(|h| h.value.clone()),
        origin: req_head.header("origin").map(|h| h.value.clone()),
        user_agent: req_head.header("user-agent").map(|h| h.value.clone()),
        key: offer.key,
        key_valid: offer.key_valid,
        version: offer.version,
        version_valid: offer.version_valid,
        status: resp.and_then(|(_, m)| m.status),
        upgraded,
        accept: a.accept.filter(|_| upgraded),
        expected_accept: offer.accept_steps.as_ref().map(|s| s.accept.clone()),
        accept_valid: if upgraded { a.accept_valid } else { None },
        accept_steps: offer.accept_steps,
        subprotocols_offered: offer.subprotocols,
        subprotocol: if upgraded { a.subprotocol } else { None },
        extensions_offered: offer.extensions,
        extensions: if upgraded { a.extensions } else { Vec::new() },
        deflate,
    };
    out.emit(Record::Handshake(Box::new(hs)));
    flags
}

/// At the end of a connection: upgrade requests never answered.
pub(crate) fn finish(sh: &mut Shared, out: &mut Out<'_>) {
    while let Some(req) = sh.requests.pop_front() {
        if let (true, Some(full)) = (req.upgrade, &req.full) {
            let frame = full.0.frame;
            out.note(
                Rule::UpgradeUnanswered,
                Some(sh.info.stream),
                Some(frame),
                Some(Direction::ClientToServer),
                out.l.t("note-upgrade-unanswered"),
            );
            handshake(sh, req, None, false, out);
        }
    }
}
