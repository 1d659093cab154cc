//! `wsdissect handshake FILE`: a request and response pasted as text (the
//! course's example, or Wireshark's Follow TCP Stream) checked with the same
//! rules (`http::handshake`) and worded with the same notes
//! (`dissect::notes::handshake`) as a handshake in a capture.
//!
//! Exit codes: 0 every check passes (a browser would open the connection);
//! 1 a rule is broken, there is no response, or the text is not a request
//! and response (the error names the file and line).

use std::fmt::Write as _;

use crate::course::pasted::split;
use crate::dissect::notes;
use crate::http::handshake::{check_request, check_response, Finding};
use crate::http::{parse_request, parse_response, StartLine};
use crate::i18n::L10n;
use crate::net::Direction;
use crate::tr;

use super::{EXIT_BAD_INPUT, EXIT_OK};

fn severity_word(rule: crate::model::Rule, l: &L10n) -> String {
    use crate::model::Severity;
    l.t(match rule.severity() {
        Severity::Error => "severity-error",
        Severity::Warning => "severity-warning",
        Severity::Info => "severity-info",
    })
}

fn dir_word(d: Direction, l: &L10n) -> String {
    l.t(match d {
        Direction::ClientToServer => "dir-client-to-server",
        Direction::ServerToClient => "dir-server-to-client",
    })
}

fn start_line(s: &StartLine) -> String {
    match s {
        StartLine::Request {
            method,
            target,
            version,
        } => format!("{method} {target} {version}"),
        StartLine::Response {
            version,
            status,
            reason,
        } => format!("{version} {status} {reason}"),
    }
}

/// Checks the pasted text; returns what to print on stdout, or the error for
/// stderr, and the exit code.
pub fn render(file: &str, text: &str, l: &L10n) -> Result<(String, i32), String> {
    let Some(p) = split(text) else {
        return Err(tr!(l, "handshake-no-request", file = file));
    };
    let req = parse_request(&p.request.bytes).map_err(|e| {
        tr!(
            l,
            "handshake-bad-request",
            file = file,
            line = p.request.line.to_string(),
            error = e.to_string()
        )
    })?;
    let resp = match &p.response {
        Some(r) => Some(parse_response(&r.bytes).map_err(|e| {
            tr!(
                l,
                "handshake-bad-response",
                file = file,
                line = r.line.to_string(),
                error = e.to_string()
            )
        })?),
        None => None,
    };
    let mut o = String::new();
    let _ = writeln!(o, "{}", tr!(l, "handshake-title", file = file));
    let _ = writeln!(
        o,
        "  {}",
        tr!(
            l,
            "handshake-request",
            line = p.request.line.to_string(),
            start = start_line(&req.start)
        )
    );
    match (&p.response, &resp) {
        (Some(r), Some(h)) => {
            let _ = writeln!(
                o,
                "  {}",
                tr!(
                    l,
                    "handshake-response",
                    line = r.line.to_string(),
                    start = start_line(&h.start)
                )
            );
        }
        _ => {
            let _ = writeln!(o, "  {}", l.t("handshake-no-response"));
        }
    }
    let offer = check_request(&req);
    let answer = resp.as_ref().map(|h| check_response(&offer, h));
    let _ = writeln!(o);
    if let Some(k) = &offer.key {
        let valid = l.t(if offer.key_valid {
            "handshake-key-valid"
        } else {
            "handshake-key-invalid"
        });
        let _ = writeln!(
            o,
            "  {}  {valid}",
            tr!(l, "handshake-key", key = k.as_str())
        );
    }
    if let Some(v) = &offer.version {
        let _ = writeln!(o, "  {}", tr!(l, "handshake-version", version = v.as_str()));
    }
    if let (Some(k), Some(s)) = (&offer.key, &offer.accept_steps) {
        let _ = writeln!(
            o,
            "  {}",
            tr!(
                l,
                "handshake-expected-accept",
                accept = s.accept.as_str(),
                key = k.as_str()
            )
        );
    }
    if let Some(a) = answer.as_ref().and_then(|a| a.accept.as_ref()) {
        let mark = match answer.as_ref().and_then(|a| a.accept_valid) {
            Some(true) => "  ✓",
            Some(false) => "  ✗",
            None => "",
        };
        let _ = writeln!(
            o,
            "  {}{mark}",
            tr!(l, "handshake-accept", accept = a.as_str())
        );
    }
    if let Some(s) = answer.as_ref().and_then(|a| a.subprotocol.as_ref()) {
        let _ = writeln!(
            o,
            "  {}",
            tr!(l, "handshake-subprotocol", name = s.as_str())
        );
    }
    if let Some(a) = answer.as_ref().filter(|a| !a.extensions.is_empty()) {
        let list = a
            .extensions
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(o, "  {}", tr!(l, "handshake-extensions", list = list));
    }
    let findings: Vec<&Finding> = offer
        .findings
        .iter()
        .chain(answer.iter().flat_map(|a| &a.findings))
        .collect();
    let _ = writeln!(o);
    if !findings.is_empty() {
        let _ = writeln!(
            o,
            "{}",
            tr!(l, "handshake-notes", count = findings.len().to_string())
        );
        for f in &findings {
            let (rule, text, dir) = notes::handshake(f, l);
            let _ = writeln!(
                o,
                "  ✗ [{} {}] {}: {text}",
                severity_word(rule, l),
                rule.id(),
                dir_word(dir, l)
            );
        }
    }
    let upgraded = answer.as_ref().is_some_and(|a| a.status == 101);
    let code = match &answer {
        _ if !findings.is_empty() => {
            if answer.is_some() && !upgraded {
                let _ = writeln!(o, "{}", l.t("handshake-not-upgraded"));
            }
            EXIT_BAD_INPUT
        }
        Some(_) => {
            let _ = writeln!(o, "{}", l.t("handshake-clean"));
            EXIT_OK
        }
        None => {
            let _ = writeln!(o, "{}", l.t("handshake-clean-request"));
            EXIT_BAD_INPUT
        }
    };
    Ok((o, code))
}

/// `wsdissect handshake FILE` (`-` for standard input).
pub fn run(file: &str, l: &L10n) -> i32 {
    // Read as bytes: what follows the heads (frames copied from Follow TCP
    // Stream) need not be UTF-8.
    let bytes = if file == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).map(|_| b)
    } else {
        std::fs::read(file)
    };
    let text = bytes.map(|b| String::from_utf8_lossy(&b).into_owned());
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "wsdissect: {}",
                tr!(l, "cannot-read", file = file, error = e.to_string())
            );
            return EXIT_BAD_INPUT;
        }
    };
    match render(file, &text, l) {
        Ok((out, code)) => {
            print!("{out}");
            code
        }
        Err(e) => {
            eprintln!("wsdissect: {e}");
            EXIT_BAD_INPUT
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The course's request and response, as the course prints them.
    const COURSE: &str = "```http\nGET /chat HTTP/1.1\nHost: example.com\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Key: PsBiRKg9c1uZIx/SjDELUg==\nSec-WebSocket-Version: 13\n```\n\n```http\nHTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Accept: HSmrc0sMlYUkAGmm5OPpG2HaGWk=\n```\n";

    #[test]
    fn course_example_fails_accept_check() {
        let (out, code) = render("course.txt", COURSE, L10n::get(Lang::En)).unwrap();
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("[error accept-mismatch] server→client: Sec-WebSocket-Accept is \"HSmrc0sMlYUkAGmm5OPpG2HaGWk=\" but base64(SHA-1(key + GUID)) is \"yCWgeIetsoM76gpvBTURvCXQwZs=\": a browser fails"), "{out}");
        assert_eq!(out.matches("✗ [").count(), 1, "{out}");
        let (fi, code) = render("course.txt", COURSE, L10n::get(Lang::Fi)).unwrap();
        assert_eq!(code, 1);
        assert!(fi.starts_with("Kättely"), "{fi}");
        assert!(
            fi.contains("[virhe accept-mismatch] palvelin→asiakas"),
            "{fi}"
        );
        assert!(fi.contains("yCWgeIetsoM76gpvBTURvCXQwZs="), "{fi}");
    }

    #[test]
    fn fixed_course_example_passes() {
        let fixed = COURSE.replace(
            "HSmrc0sMlYUkAGmm5OPpG2HaGWk=",
            "yCWgeIetsoM76gpvBTURvCXQwZs=",
        );
        let (out, code) = render("course.txt", &fixed, L10n::get(Lang::En)).unwrap();
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("Every check"), "{out}");
    }

    #[test]
    fn every_rule_the_capture_path_checks() {
        let t = "POST /x HTTP/1.0\nUpgrade: websocket\nSec-WebSocket-Key: aGVsbG8=\nSec-WebSocket-Version: 8\n\nHTTP/1.1 403 Forbidden\nSec-WebSocket-Accept: x\n";
        let (out, code) = render("bad.txt", t, L10n::get(Lang::En)).unwrap();
        assert_eq!(code, 1);
        for id in [
            "handshake-not-get",
            "handshake-http-version",
            "handshake-header-missing",
            "bad-key",
            "wrong-version",
            "upgrade-refused",
            "accept-without-101",
        ] {
            assert!(out.contains(&format!(" {id}]")), "{id} missing in {out}");
        }
        assert!(out.contains("would not become WebSocket"), "{out}");
    }

    #[test]
    fn request_only_and_garbage() {
        let (out, code) = render("r.txt", "GET / HTTP/1.1\nHost: a\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13\n", L10n::get(Lang::En)).unwrap();
        assert_eq!(code, 1);
        assert!(out.contains("No response"), "{out}");
        let e = render("g.txt", "hello there\n", L10n::get(Lang::En)).unwrap_err();
        assert!(
            e.starts_with("g.txt, line 1: the request does not parse"),
            "{e}"
        );
        let e = render("e.txt", "\n\n", L10n::get(Lang::Fi)).unwrap_err();
        assert!(e.contains("HTTP-pyyntöä ei löydy"), "{e}");
    }
}
