//! HTTP/1.x heads on a connection, and the WebSocket opening handshake
//! (RFC 6455 §4) they may carry.

use crate::http::ext::{parse_extensions, parse_token_list, ExtensionOffer};
use crate::http::handshake::{
    find_head_end, looks_like_request, parse_request, parse_response, BodyKind, ChunkedSkipper,
    HttpHead, StartLine,
};
use crate::model::{Handshake, HttpHeader, HttpMessage, Protocol, Record};
use crate::net::Direction;
use crate::ws::accept::{accept_steps, key_decoded_len};
use crate::ws::deflate::{negotiate, Inflater};

use super::conn::{Body, ConnState, Mode, PendingRequest, MAX_PENDING_REQUESTS};
use super::notes::Rule;
use super::{DissectConfig, Out};

/// One step in HTTP mode: skip body bytes, or parse one head.
pub(crate) fn step(c: &mut ConnState, d: usize, cfg: &DissectConfig, out: &mut Out<'_>) -> bool {
    let stream = c.info.stream;
    let ds = &mut c.dirs[d];
    let dir = ds.dir;
    // 1. A body in progress.
    match &mut ds.body {
        Body::None => {}
        Body::Length(left) => {
            let n = (*left).min(ds.pend.data().len() as u64) as usize;
            if n == 0 {
                return false;
            }
            ds.pend.skip(n);
            *left -= n as u64;
            if *left == 0 {
                ds.body = Body::None;
            }
            return true;
        }
        Body::Chunked(sk) => {
            let data = ds.pend.data();
            if data.is_empty() {
                return false;
            }
            match sk.feed(data) {
                Ok(p) => {
                    ds.pend.skip(p.consumed);
                    if p.done {
                        ds.body = Body::None;
                    }
                    return p.consumed > 0 || p.done;
                }
                Err(e) => {
                    ds.mode = Mode::Opaque;
                    ds.body = Body::None;
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
            let n = ds.pend.data().len();
            if n > 0 {
                ds.pend.skip(n);
            }
            return false;
        }
    }
    // 2. The next head.
    let data = ds.pend.data();
    if data.is_empty() {
        return false;
    }
    let Some(end) = find_head_end(data, ds.head_search) else {
        ds.head_search = data.len().saturating_sub(3);
        if data.len() > cfg.max_http_head {
            ds.mode = Mode::Opaque;
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
    ds.head_search = 0;
    let is_request = d == 0 || looks_like_request(data);
    let parsed = if is_request {
        parse_request(&data[..end])
    } else {
        parse_response(&data[..end])
    };
    let unit_start = ds.pend.offset();
    let raw = data[..end].to_vec();
    let mut spans = Vec::new();
    let mut frames = Vec::new();
    let consumed = ds.pend.consume(end, unit_start, &mut spans, &mut frames);
    let head = match parsed {
        Ok(h) => h,
        Err(e) => {
            ds.mode = Mode::Opaque;
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
    c.http_head_bytes[d] += end as u64;
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
        let ds = &mut c.dirs[d];
        ds.body = body_of(head.body_kind(false));
        if upgrade {
            ds.mode = Mode::AwaitUpgrade;
        }
        if let Some(prev) = c.requests.back_mut() {
            if !prev.upgrade {
                prev.full = None;
            }
        }
        if upgrade || c.requests.len() < MAX_PENDING_REQUESTS {
            c.requests.push_back(PendingRequest {
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
    let req = c.requests.pop_front();
    let head_req = req
        .as_ref()
        .map(|r| r.method.eq_ignore_ascii_case("HEAD"))
        .unwrap_or(false);
    let switching = status == 101
        && (req.as_ref().map(|r| r.upgrade).unwrap_or(false)
            || head
                .header("upgrade")
                .map(|h| h.value.to_ascii_lowercase().contains("websocket"))
                .unwrap_or(false));
    if let Some(req) = req {
        if req.upgrade || switching {
            handshake(c, req, Some((&head, &msg)), switching, out);
        }
    }
    if switching {
        c.protocol = Protocol::Websocket;
        c.dirs[1].mode = Mode::Ws;
        c.dirs[1].body = Body::None;
        c.dirs[0].mode = Mode::Ws;
        c.dirs[0].body = Body::None;
        // A 101 without a prior recorded request: nothing else to release.
    } else {
        if c.dirs[0].mode == Mode::AwaitUpgrade {
            c.dirs[0].mode = Mode::Http;
        }
        c.dirs[1].body = body_of(head.body_kind(head_req));
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

fn wants_websocket(h: &HttpHead) -> bool {
    h.headers_named("upgrade").any(|f| {
        f.value
            .split(',')
            .any(|t| t.trim().eq_ignore_ascii_case("websocket"))
    })
}

/// Builds and emits the handshake record with its checks.
fn handshake(
    c: &mut ConnState,
    req: PendingRequest,
    resp: Option<(&HttpHead, &HttpMessage)>,
    upgraded: bool,
    out: &mut Out<'_>,
) {
    let stream = c.info.stream;
    // A request that was neither an upgrade nor the newest no longer has its
    // head (see `PendingRequest::full`).
    let Some(full) = req.full else {
        return;
    };
    let (req_msg, req_head) = *full;
    let rq = &req_head;
    let get = |h: &HttpHead, n: &str| h.header_values_joined(n);
    let key = rq
        .header("sec-websocket-key")
        .map(|h| h.value.trim().to_string());
    let key_valid = key
        .as_deref()
        .map(|k| key_decoded_len(k).map(|n| n == 16).unwrap_or(false))
        .unwrap_or(false);
    let rframe = req_msg.frame;
    let resp_frame = resp.map(|(_, m)| m.frame);
    let note_frame = resp_frame.or(Some(rframe));
    let version = rq.header("sec-websocket-version").map(|h| h.value.clone());
    let offered_protocols = get(rq, "sec-websocket-protocol")
        .map(|v| parse_token_list(&v))
        .unwrap_or_default();
    let offered_ext = match get(rq, "sec-websocket-extensions") {
        Some(v) => parse_extensions(&v).unwrap_or_else(|e| {
            out.note(
                Rule::HttpMalformed,
                Some(stream),
                Some(rframe),
                Some(Direction::ClientToServer),
                format!("Sec-WebSocket-Extensions in the request does not parse: {e}"),
            );
            Vec::new()
        }),
        None => Vec::new(),
    };
    let mut hs = Handshake {
        stream,
        request_frame: rframe,
        response_frame: resp_frame,
        path: req_msg.target.clone().unwrap_or_default(),
        host: rq.header("host").map(|h| h.value.clone()),
        origin: rq.header("origin").map(|h| h.value.clone()),
        user_agent: rq.header("user-agent").map(|h| h.value.clone()),
        key: key.clone(),
        key_valid,
        version: version.clone(),
        status: resp.and_then(|(_, m)| m.status),
        upgraded,
        accept: None,
        expected_accept: key.as_deref().map(|k| accept_steps(k).accept),
        accept_valid: None,
        accept_steps: key.as_deref().map(accept_steps),
        subprotocols_offered: offered_protocols.clone(),
        subprotocol: None,
        extensions_offered: offered_ext.clone(),
        extensions: Vec::new(),
        deflate: None,
    };
    // Request checks (§4.1).
    match &key {
        None => out.note(
            Rule::HandshakeHeaderMissing,
            Some(stream),
            Some(rframe),
            Some(Direction::ClientToServer),
            "the upgrade request has no Sec-WebSocket-Key header".into(),
        ),
        Some(k) if !key_valid => out.note(
            Rule::BadKey,
            Some(stream),
            Some(rframe),
            Some(Direction::ClientToServer),
            format!("Sec-WebSocket-Key {k:?} is not the base64 encoding of 16 random bytes"),
        ),
        _ => {}
    }
    match version.as_deref().map(str::trim) {
        Some("13") => {}
        Some(v) => out.note(
            Rule::WrongVersion,
            Some(stream),
            Some(rframe),
            Some(Direction::ClientToServer),
            format!("Sec-WebSocket-Version is {v:?}; RFC 6455 requires 13"),
        ),
        None => out.note(
            Rule::HandshakeHeaderMissing,
            Some(stream),
            Some(rframe),
            Some(Direction::ClientToServer),
            "the upgrade request has no Sec-WebSocket-Version header".into(),
        ),
    }
    if !rq.has_token("connection", "upgrade") {
        out.note(
            Rule::HandshakeHeaderMissing,
            Some(stream),
            Some(rframe),
            Some(Direction::ClientToServer),
            "the upgrade request's Connection header does not contain the token \"Upgrade\"".into(),
        );
    }
    if let Some((rs, _)) = resp {
        if upgraded {
            let accept = rs
                .header("sec-websocket-accept")
                .map(|h| h.value.trim().to_string());
            hs.accept_valid = match (&accept, &hs.expected_accept) {
                (Some(a), Some(e)) => Some(a == e),
                _ => Some(false),
            };
            match (&accept, &hs.expected_accept) {
                (None, _) => out.note(
                    Rule::HandshakeHeaderMissing,
                    Some(stream),
                    note_frame,
                    Some(Direction::ServerToClient),
                    "the 101 response has no Sec-WebSocket-Accept header".into(),
                ),
                (Some(a), Some(e)) if a != e => out.note(
                    Rule::AcceptMismatch,
                    Some(stream),
                    note_frame,
                    Some(Direction::ServerToClient),
                    format!("Sec-WebSocket-Accept is {a:?} but base64(SHA-1(key + GUID)) is {e:?}: a client must fail this connection"),
                ),
                _ => {}
            }
            hs.accept = accept;
            hs.subprotocol = rs
                .header("sec-websocket-protocol")
                .map(|h| h.value.trim().to_string());
            if let Some(p) = &hs.subprotocol {
                if !offered_protocols.iter().any(|o| o == p) {
                    out.note(
                        Rule::SubprotocolNotOffered,
                        Some(stream),
                        note_frame,
                        Some(Direction::ServerToClient),
                        format!(
                            "the server chose subprotocol {p:?}, which the client did not offer"
                        ),
                    );
                }
            }
            let accepted: Vec<ExtensionOffer> = match get(rs, "sec-websocket-extensions") {
                Some(v) => parse_extensions(&v).unwrap_or_else(|e| {
                    out.note(
                        Rule::HttpMalformed,
                        Some(stream),
                        note_frame,
                        Some(Direction::ServerToClient),
                        format!("Sec-WebSocket-Extensions in the response does not parse: {e}"),
                    );
                    Vec::new()
                }),
                None => Vec::new(),
            };
            for e in &accepted {
                if !offered_ext
                    .iter()
                    .any(|o| o.name.eq_ignore_ascii_case(&e.name))
                {
                    out.note(
                        Rule::ExtensionNotOffered,
                        Some(stream),
                        note_frame,
                        Some(Direction::ServerToClient),
                        format!(
                            "the server accepted extension {:?}, which the client did not offer",
                            e.name
                        ),
                    );
                }
            }
            match negotiate(&accepted) {
                Ok(Some(p)) => {
                    c.dirs[0].inflater =
                        Some(Box::new(Inflater::new(p.client_no_context_takeover)));
                    c.dirs[1].inflater =
                        Some(Box::new(Inflater::new(p.server_no_context_takeover)));
                    c.deflate = Some(p.clone());
                    hs.deflate = Some(p);
                }
                Ok(None) => {}
                Err(e) => out.note(
                    Rule::DeflateParams,
                    Some(stream),
                    note_frame,
                    Some(Direction::ServerToClient),
                    format!("permessage-deflate was accepted with invalid parameters: {e}"),
                ),
            }
            hs.extensions = accepted;
        } else {
            out.note(
                Rule::UpgradeRefused,
                Some(stream),
                note_frame,
                Some(Direction::ServerToClient),
                format!(
                    "the server answered the upgrade request with status {} instead of 101, so the connection stays HTTP",
                    hs.status.unwrap_or(0)
                ),
            );
        }
    }
    out.emit(Record::Handshake(Box::new(hs)));
}

/// At the end of a connection: upgrade requests never answered.
pub(crate) fn finish(c: &mut ConnState, out: &mut Out<'_>) {
    while let Some(req) = c.requests.pop_front() {
        if let (true, Some(full)) = (req.upgrade, &req.full) {
            let frame = full.0.frame;
            out.note(
                Rule::UpgradeUnanswered,
                Some(c.info.stream),
                Some(frame),
                Some(Direction::ClientToServer),
                "the upgrade request has no response in the capture".into(),
            );
            handshake(c, req, None, false, out);
        }
    }
}
