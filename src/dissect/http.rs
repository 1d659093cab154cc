//! HTTP/1.x heads on a connection, and the WebSocket opening handshake
//! (RFC 6455 §4) they may carry.

use crate::http::handshake::{check_request, check_response, wants_websocket};
use crate::http::{
    find_head_end, looks_like_request, parse_request, parse_response, BodyKind, ChunkedSkipper,
    HttpHead, StartLine,
};
use crate::model::{Handshake, HttpHeader, HttpMessage, Protocol, Record, Rule};
use crate::net::Direction;

use super::conn::{Body, HttpSide, Mode, PendingRequest, Shared, Side, MAX_PENDING_REQUESTS};
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
            me.pend.skip(n);
            *left -= n as u64;
            if *left == 0 {
                hs.body = Body::None;
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
                    me.pend.skip(p.consumed);
                    if p.done {
                        hs.body = Body::None;
                    }
                    return p.consumed > 0 || p.done;
                }
                Err(e) => {
                    me.mode = Mode::Opaque;
                    out.note(
                        Rule::HttpMalformed,
                        Some(stream),
                        None,
                        Some(dir),
                        format!("a chunked HTTP body is malformed ({e}); the rest of this direction is not decoded"),
                    );
                    return true;
                }
            }
        }
        Body::UntilClose => {
            let n = me.pend.data().len();
            if n > 0 {
                me.pend.skip(n);
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
                format!(
                    "an HTTP head longer than {} bytes has no end; the rest of this direction is not decoded",
                    cfg.max_http_head
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
    let mut spans = Vec::new();
    let mut frames = Vec::new();
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
                format!(
                    "an HTTP head does not parse ({e}); the rest of this direction is not decoded"
                ),
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
        raw,
        spans,
    };
    out.emit(Record::Http(msg.clone()));
    if is_request {
        let upgrade = wants_websocket(&head);
        let hs = HttpSide {
            body: body_of(head.body_kind(false)),
            head_search: 0,
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
        return true; // interim response: the real one follows
    }
    let req = sh.requests.pop_front();
    let head_req = req
        .as_ref()
        .is_some_and(|r| r.method.eq_ignore_ascii_case("HEAD"));
    let switching =
        status == 101 && (req.as_ref().is_some_and(|r| r.upgrade) || wants_websocket(&head));
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
        peer.mode = Mode::Ws(WsSide::upgraded(client_nct));
    } else {
        if let Mode::AwaitUpgrade(hs) = &mut peer.mode {
            peer.mode = Mode::Http(std::mem::take(hs));
        }
        if let Mode::Http(hs) = &mut me.mode {
            hs.body = body_of(head.body_kind(head_req));
        }
    }
    true
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
    // Notes in captures are worded in English (the records are language-neutral).
    let english = crate::i18n::L10n::get(crate::i18n::Lang::En);
    let resp_frame = resp.map(|(_, m)| m.frame);
    for f in &offer.findings {
        let (rule, text, dir) = super::notes::handshake(f, english);
        out.note(rule, Some(stream), Some(rframe), Some(dir), text);
    }
    for f in answer.iter().flat_map(|a| &a.findings) {
        let (rule, text, dir) = super::notes::handshake(f, english);
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
                "the upgrade request has no response in the capture".into(),
            );
            handshake(sh, req, None, false, out);
        }
    }
}
