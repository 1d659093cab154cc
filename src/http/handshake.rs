//! The WebSocket opening handshake (RFC 6455 §4) read from two parsed HTTP
//! heads: what the client asked for, what the server answered, and every rule
//! of §4.1 (the client's request and its six checks of the response), §4.2.1
//! (what a server reads), §4.2.2 (the answer), §11.3 (headers that must not
//! repeat) and RFC 7692 §5 (extension negotiation) that the pair breaks.
//!
//! The checks are pure and return typed [`Finding`]s; the dissector turns
//! them into notes with their sentence, and the views show those notes. No
//! rule of the handshake is decided anywhere else.

use serde::Serialize;

use super::head::{HttpHead, StartLine};
use super::list::parse_token_list;
use crate::ws::accept::{accept_steps, key_decoded_len, AcceptSteps};
use crate::ws::deflate::{negotiate, DeflateParamError, DeflateParams};
use crate::ws::extensions::{parse_extensions, ExtError, ExtensionOffer};

/// Which side of the handshake a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum Side {
    /// The client's upgrade request.
    Request,
    /// The server's answer.
    Response,
}

/// One rule of the opening handshake that a request or response breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The request is not a GET (RFC 6455 §4.1 client requirement 2, §4.2.1 item 1).
    MethodNotGet {
        /// The method used.
        method: String,
    },
    /// The request's HTTP version is below 1.1 (RFC 6455 §4.1 requirement 2).
    HttpVersionTooLow {
        /// The version on the request line.
        version: String,
    },
    /// A header the handshake requires is absent (RFC 6455 §4.1, §4.2.2).
    HeaderMissing {
        /// The request or the response.
        side: Side,
        /// Which one.
        header: RequiredHeader,
    },
    /// A header that must appear once appears several times (RFC 6455 §11.3.1,
    /// §11.3.3, §11.3.5).
    HeaderRepeated {
        /// The request or the response.
        side: Side,
        /// Its name as the RFC spells it.
        header: &'static str,
        /// How many times it appears.
        count: usize,
    },
    /// `Sec-WebSocket-Key` does not decode to 16 bytes (RFC 6455 §4.1 requirement 7).
    KeyInvalid {
        /// The key as sent.
        key: String,
    },
    /// `Sec-WebSocket-Version` is not 13 (RFC 6455 §4.1 requirement 9).
    VersionNot13 {
        /// The version as sent.
        value: String,
    },
    /// `Sec-WebSocket-Extensions` does not follow the §9.1 grammar.
    ExtensionsMalformed {
        /// The request or the response.
        side: Side,
        /// Where and why.
        error: ExtError,
    },
    /// The server did not answer 101: the connection stays HTTP (RFC 6455 §4.1
    /// client check 1, §4.2.2 item 1).
    Refused {
        /// The status it answered.
        status: u16,
    },
    /// A refusal that still carries `Sec-WebSocket-Accept`: the header is only
    /// meaningful as part of a 101 (RFC 6455 §4.2.2 item 5).
    AcceptOnRefusal {
        /// The status it answered.
        status: u16,
    },
    /// A refusal of a version the server does not understand that does not
    /// say which versions it does: the server MUST send `Sec-WebSocket-Version`
    /// with them (RFC 6455 §4.2.2 /version/, §4.4), so that the client can retry.
    VersionRefusalWithoutVersions {
        /// The status it answered.
        status: u16,
        /// The version the client asked for.
        asked: String,
    },
    /// `Sec-WebSocket-Accept` is not base64(SHA-1(key + GUID)) (RFC 6455 §4.1 client check 4).
    AcceptMismatch {
        /// What the server sent.
        got: String,
        /// What it should have sent; `None` when the request had no usable key.
        expected: Option<String>,
    },
    /// The server chose a subprotocol the client did not offer (RFC 6455 §4.1 client check 6).
    SubprotocolNotOffered {
        /// The chosen subprotocol.
        chosen: String,
    },
    /// The server accepted an extension the client did not offer (RFC 6455 §4.1
    /// client check 5, RFC 7692 §5).
    ExtensionNotOffered {
        /// The extension's name.
        name: String,
    },
    /// permessage-deflate was accepted with parameters the client must reject
    /// (RFC 7692 §5, §7.1).
    DeflateParams(DeflateParamError),
}

/// The headers whose absence breaks the handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequiredHeader {
    /// `Host` (RFC 6455 §4.1 requirement 4).
    Host,
    /// `Upgrade` with the `websocket` token (request: requirement 5; response:
    /// client check 2).
    UpgradeWebsocket,
    /// `Connection` with the `Upgrade` token (request: requirement 6;
    /// response: client check 3).
    ConnectionUpgrade,
    /// `Sec-WebSocket-Key` (requirement 7).
    Key,
    /// `Sec-WebSocket-Version` (requirement 9).
    Version,
    /// `Sec-WebSocket-Accept` (client check 4).
    Accept,
}

impl RequiredHeader {
    /// How the header must look, in the RFC's spelling.
    pub fn spelled(self) -> &'static str {
        match self {
            RequiredHeader::Host => "Host",
            RequiredHeader::UpgradeWebsocket => "Upgrade: websocket",
            RequiredHeader::ConnectionUpgrade => "Connection: Upgrade",
            RequiredHeader::Key => "Sec-WebSocket-Key",
            RequiredHeader::Version => "Sec-WebSocket-Version",
            RequiredHeader::Accept => "Sec-WebSocket-Accept",
        }
    }
}

impl Finding {
    /// Whether RFC 6455 §4.1 tells the client to fail the connection here: a
    /// browser's `WebSocket` would fire `error` and close with 1006, whatever
    /// the bytes that follow say.
    pub fn client_must_fail(&self) -> bool {
        matches!(
            self,
            Finding::HeaderMissing {
                side: Side::Response,
                ..
            } | Finding::HeaderRepeated {
                side: Side::Response,
                ..
            } | Finding::AcceptMismatch { .. }
                | Finding::SubprotocolNotOffered { .. }
                | Finding::ExtensionNotOffered { .. }
                | Finding::ExtensionsMalformed {
                    side: Side::Response,
                    ..
                }
                | Finding::DeflateParams(_)
        )
    }
}

/// What the client's upgrade request asks for, and what is wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Offer {
    /// `Sec-WebSocket-Key` (the first one), trimmed.
    pub key: Option<String>,
    /// Whether the key is the base64 of 16 bytes.
    pub key_valid: bool,
    /// `Sec-WebSocket-Version` as sent.
    pub version: Option<String>,
    /// Whether the version is 13 (RFC 6455 §4.1 requirement 9).
    pub version_valid: bool,
    /// The Accept worked out from the key, step by step (RFC 6455 §4.2.2 item 5.4).
    pub accept_steps: Option<AcceptSteps>,
    /// `Sec-WebSocket-Protocol` values offered, in order.
    pub subprotocols: Vec<String>,
    /// `Sec-WebSocket-Extensions` offered, in order.
    pub extensions: Vec<ExtensionOffer>,
    /// Rules the request breaks, in the order RFC 6455 §4.1 lists them.
    pub findings: Vec<Finding>,
}

/// Whether a request asks to become WebSocket at all: `Upgrade: websocket`
/// (RFC 6455 §4.1 requirement 5). A request without it is plain HTTP.
pub fn wants_websocket(req: &HttpHead) -> bool {
    req.has_token("upgrade", "websocket")
}

fn version_at_least_11(v: &str) -> bool {
    let digits = v.strip_prefix("HTTP/").unwrap_or("");
    let mut it = digits.split('.').map(|d| d.parse::<u8>().ok());
    matches!((it.next().flatten(), it.next().flatten()), (Some(maj), Some(min)) if (maj, min) >= (1, 1))
}

fn repeated(h: &HttpHead, side: Side, name: &'static str, out: &mut Vec<Finding>) {
    let count = h.headers_named(name).count();
    if count > 1 {
        out.push(Finding::HeaderRepeated {
            side,
            header: name,
            count,
        });
    }
}

/// Reads a client's upgrade request (RFC 6455 §4.1 requirements 1–10, as a
/// server reads them in §4.2.1).
pub fn check_request(req: &HttpHead) -> Offer {
    let mut findings = Vec::new();
    if let StartLine::Request {
        method, version, ..
    } = &req.start
    {
        if method != "GET" {
            findings.push(Finding::MethodNotGet {
                method: method.clone(),
            });
        }
        if !version_at_least_11(version) {
            findings.push(Finding::HttpVersionTooLow {
                version: version.clone(),
            });
        }
    }
    let missing = |header| Finding::HeaderMissing {
        side: Side::Request,
        header,
    };
    if req.header("host").is_none() {
        findings.push(missing(RequiredHeader::Host));
    }
    if !wants_websocket(req) {
        findings.push(missing(RequiredHeader::UpgradeWebsocket));
    }
    if !req.has_token("connection", "upgrade") {
        findings.push(missing(RequiredHeader::ConnectionUpgrade));
    }
    let key = req
        .header("sec-websocket-key")
        .map(|h| h.value.trim().to_string());
    let key_valid = key.as_deref().is_some_and(|k| key_decoded_len(k) == Ok(16));
    match &key {
        None => findings.push(missing(RequiredHeader::Key)),
        Some(k) if !key_valid => findings.push(Finding::KeyInvalid { key: k.clone() }),
        Some(_) => {}
    }
    repeated(req, Side::Request, "Sec-WebSocket-Key", &mut findings);
    let version = req.header("sec-websocket-version").map(|h| h.value.clone());
    let version_valid = version.as_deref().map(str::trim) == Some("13");
    match &version {
        None => findings.push(missing(RequiredHeader::Version)),
        Some(v) if !version_valid => findings.push(Finding::VersionNot13 { value: v.clone() }),
        Some(_) => {}
    }
    repeated(req, Side::Request, "Sec-WebSocket-Version", &mut findings);
    let subprotocols = req
        .header_values_joined("sec-websocket-protocol")
        .map(|v| parse_token_list(&v))
        .unwrap_or_default();
    let extensions = match req.header_values_joined("sec-websocket-extensions") {
        Some(v) => parse_extensions(&v).unwrap_or_else(|error| {
            findings.push(Finding::ExtensionsMalformed {
                side: Side::Request,
                error,
            });
            Vec::new()
        }),
        None => Vec::new(),
    };
    Offer {
        accept_steps: key.as_deref().map(accept_steps),
        key,
        key_valid,
        version,
        version_valid,
        subprotocols,
        extensions,
        findings,
    }
}

/// What the server's answer agreed to, and what is wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// `Sec-WebSocket-Accept` as sent (the first one), trimmed.
    pub accept: Option<String>,
    /// Whether it proves the key (`None` on a refusal, where there is nothing
    /// to prove).
    pub accept_valid: Option<bool>,
    /// The subprotocol the server chose.
    pub subprotocol: Option<String>,
    /// The extensions the server accepted, in order.
    pub extensions: Vec<ExtensionOffer>,
    /// permessage-deflate as agreed, when the server accepted it with valid
    /// parameters: RSV1 means "compressed" only then (RFC 7692 §6).
    pub deflate: Option<DeflateParams>,
    /// Rules the answer breaks, in the order of the client's checks (RFC 6455 §4.1).
    pub findings: Vec<Finding>,
}

/// Checks a server's answer against the request it answers: RFC 6455 §4.1's
/// client checks 1–6, §4.2.2, RFC 7692 §5.
pub fn check_response(offer: &Offer, resp: &HttpHead) -> Answer {
    let mut findings = Vec::new();
    let status = resp.status().unwrap_or(0);
    let accept = resp
        .header("sec-websocket-accept")
        .map(|h| h.value.trim().to_string());
    if status != 101 {
        findings.push(Finding::Refused { status });
        if accept.is_some() {
            findings.push(Finding::AcceptOnRefusal { status });
        }
        if let Some(asked) = offer.version.as_ref().filter(|_| !offer.version_valid) {
            if resp.header("sec-websocket-version").is_none() {
                findings.push(Finding::VersionRefusalWithoutVersions {
                    status,
                    asked: asked.trim().to_string(),
                });
            }
        }
        return Answer {
            status,
            accept,
            findings,
            ..Answer::default()
        };
    }
    let missing = |header| Finding::HeaderMissing {
        side: Side::Response,
        header,
    };
    if !wants_websocket(resp) {
        findings.push(missing(RequiredHeader::UpgradeWebsocket));
    }
    if !resp.has_token("connection", "upgrade") {
        findings.push(missing(RequiredHeader::ConnectionUpgrade));
    }
    let expected = offer.accept_steps.as_ref().map(|s| s.accept.clone());
    let accept_valid = match (&accept, &expected) {
        (Some(a), Some(e)) => a == e,
        _ => false,
    };
    match &accept {
        None => findings.push(missing(RequiredHeader::Accept)),
        Some(a) if !accept_valid => findings.push(Finding::AcceptMismatch {
            got: a.clone(),
            expected,
        }),
        Some(_) => {}
    }
    repeated(resp, Side::Response, "Sec-WebSocket-Accept", &mut findings);
    let subprotocol = resp
        .header("sec-websocket-protocol")
        .map(|h| h.value.trim().to_string());
    if let Some(p) = &subprotocol {
        if !offer.subprotocols.iter().any(|o| o == p) {
            findings.push(Finding::SubprotocolNotOffered { chosen: p.clone() });
        }
    }
    let extensions = match resp.header_values_joined("sec-websocket-extensions") {
        Some(v) => parse_extensions(&v).unwrap_or_else(|error| {
            findings.push(Finding::ExtensionsMalformed {
                side: Side::Response,
                error,
            });
            Vec::new()
        }),
        None => Vec::new(),
    };
    for e in &extensions {
        if !offer
            .extensions
            .iter()
            .any(|o| o.name.eq_ignore_ascii_case(&e.name))
        {
            findings.push(Finding::ExtensionNotOffered {
                name: e.name.clone(),
            });
        }
    }
    let deflate = match negotiate(&extensions) {
        Ok(p) => p,
        Err(e) => {
            findings.push(Finding::DeflateParams(e));
            None
        }
    };
    Answer {
        status,
        accept,
        accept_valid: Some(accept_valid),
        subprotocol,
        extensions,
        deflate,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::head::{parse_request, parse_response};
    use crate::http::test_support::{REQ, RESP};

    fn missing(side: Side, header: RequiredHeader) -> Finding {
        Finding::HeaderMissing { side, header }
    }

    #[test]
    fn rfc6455_example_is_clean() {
        let offer = check_request(&parse_request(REQ).unwrap());
        assert!(offer.findings.is_empty(), "{:?}", offer.findings);
        assert!(offer.key_valid && offer.version_valid);
        assert_eq!(offer.subprotocols, ["chat", "superchat"]);
        let answer = check_response(&offer, &parse_response(RESP).unwrap());
        assert!(answer.findings.is_empty(), "{:?}", answer.findings);
        assert_eq!(answer.accept_valid, Some(true));
        assert_eq!(answer.subprotocol.as_deref(), Some("chat"));
    }

    #[test]
    fn every_request_rule() {
        let req = parse_request(
            b"POST / HTTP/1.0\r\nUpgrade: h2c\r\nSec-WebSocket-Key: aGVsbG8=\r\nSec-WebSocket-Key: aGVsbG8=\r\nSec-WebSocket-Version: 8\r\n\r\n",
        )
        .unwrap();
        let offer = check_request(&req);
        assert_eq!(
            offer.findings,
            vec![
                Finding::MethodNotGet {
                    method: "POST".into()
                },
                Finding::HttpVersionTooLow {
                    version: "HTTP/1.0".into()
                },
                missing(Side::Request, RequiredHeader::Host),
                missing(Side::Request, RequiredHeader::UpgradeWebsocket),
                missing(Side::Request, RequiredHeader::ConnectionUpgrade),
                Finding::KeyInvalid {
                    key: "aGVsbG8=".into()
                },
                Finding::HeaderRepeated {
                    side: Side::Request,
                    header: "Sec-WebSocket-Key",
                    count: 2
                },
                Finding::VersionNot13 { value: "8".into() },
            ]
        );
        assert!(!offer.key_valid && !offer.version_valid);
        let bare = check_request(&parse_request(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n").unwrap());
        assert!(bare
            .findings
            .contains(&missing(Side::Request, RequiredHeader::Key)));
        assert!(bare
            .findings
            .contains(&missing(Side::Request, RequiredHeader::Version)));
    }

    #[test]
    fn every_response_rule() {
        let offer = check_request(&parse_request(REQ).unwrap());
        let resp = parse_response(
            b"HTTP/1.1 101 OK\r\nConnection: keep-alive\r\nSec-WebSocket-Accept: AAAA\r\nSec-WebSocket-Accept: AAAA\r\nSec-WebSocket-Protocol: mqtt\r\nSec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99\r\n\r\n",
        )
        .unwrap();
        let answer = check_response(&offer, &resp);
        assert_eq!(answer.findings.len(), 7, "{:?}", answer.findings);
        assert_eq!(
            answer.findings[..4],
            [
                missing(Side::Response, RequiredHeader::UpgradeWebsocket),
                missing(Side::Response, RequiredHeader::ConnectionUpgrade),
                Finding::AcceptMismatch {
                    got: "AAAA".into(),
                    expected: Some("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".into())
                },
                Finding::HeaderRepeated {
                    side: Side::Response,
                    header: "Sec-WebSocket-Accept",
                    count: 2
                },
            ]
        );
        assert_eq!(
            answer.findings[4],
            Finding::SubprotocolNotOffered {
                chosen: "mqtt".into()
            }
        );
        assert_eq!(
            answer.findings[5],
            Finding::ExtensionNotOffered {
                name: "permessage-deflate".into()
            }
        );
        assert!(matches!(answer.findings[6], Finding::DeflateParams(_)));
        assert!(answer.findings.iter().all(|f| f.client_must_fail()));
        assert_eq!(answer.accept_valid, Some(false));
        assert!(answer.deflate.is_none());
    }

    #[test]
    fn refusal_with_accept() {
        let offer = check_request(&parse_request(REQ).unwrap());
        let resp = parse_response(
            b"HTTP/1.1 403 Forbidden\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nContent-Length: 0\r\n\r\n",
        )
        .unwrap();
        let answer = check_response(&offer, &resp);
        assert_eq!(
            answer.findings,
            [
                Finding::Refused { status: 403 },
                Finding::AcceptOnRefusal { status: 403 }
            ]
        );
        assert_eq!(answer.accept_valid, None);
        assert!(!answer.findings[0].client_must_fail());
    }

    #[test]
    fn refusing_a_version_must_name_the_versions_understood() {
        let req = b"GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n";
        let offer = check_request(&parse_request(req).unwrap());
        let bare =
            parse_response(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n").unwrap();
        assert_eq!(
            check_response(&offer, &bare).findings,
            [
                Finding::Refused { status: 400 },
                Finding::VersionRefusalWithoutVersions {
                    status: 400,
                    asked: "8".into()
                }
            ]
        );
        // §4.4's answer: 426 with the versions it understands.
        let good = parse_response(
            b"HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n",
        )
        .unwrap();
        assert_eq!(
            check_response(&offer, &good).findings,
            [Finding::Refused { status: 426 }]
        );
        // A refusal of a good version owes no list.
        let ok13 = check_request(&parse_request(REQ).unwrap());
        assert_eq!(
            check_response(&ok13, &bare).findings,
            [Finding::Refused { status: 400 }]
        );
    }
}
