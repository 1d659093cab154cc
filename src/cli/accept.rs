//! `wsdissect accept KEY [--accept VALUE]`: the course's recipe for
//! `Sec-WebSocket-Accept` (RFC 6455 §4.2.2) step by step, and a comparison
//! with a given answer.
//!
//! Exit codes: 0 the key is the base64 of 16 bytes and (with `--accept`) the
//! given value is the right answer; 1 the key is not valid, or the value
//! differs.

use std::fmt::Write as _;

use crate::i18n::L10n;
use crate::tr;
use crate::ws::accept::{accept_steps, key_bytes, WS_GUID};

use super::{EXIT_BAD_INPUT, EXIT_OK};

/// Hex bytes separated by spaces ("3e c0 62").
pub(crate) fn spaced_hex(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() * 3);
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{x:02x}");
    }
    s
}

/// Writes the steps (and the comparison) to a string; returns it with the exit code.
pub fn render(key: &str, accept: Option<&str>, l: &L10n) -> (String, i32) {
    let mut o = String::new();
    let mut code = EXIT_OK;
    let s = accept_steps(key);
    let _ = writeln!(o, "{}", l.t("accept-title"));
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", tr!(l, "accept-step-key", key = s.key.as_str()));
    match key_bytes(&s.key) {
        Ok(b) if b.len() == 16 => {
            let _ = writeln!(
                o,
                "   {}",
                tr!(
                    l,
                    "accept-key-ok",
                    len = b.len().to_string(),
                    hex = spaced_hex(&b)
                )
            );
        }
        Ok(b) => {
            code = EXIT_BAD_INPUT;
            let _ = writeln!(
                o,
                "   {}",
                tr!(l, "accept-key-wrong-len", len = b.len().to_string())
            );
        }
        Err(e) => {
            code = EXIT_BAD_INPUT;
            let _ = writeln!(
                o,
                "   {}",
                tr!(l, "accept-key-not-base64", error = e.to_string())
            );
        }
    }
    let _ = writeln!(o, "{}", l.t("accept-step-glue"));
    let _ = writeln!(o, "   {} + {}", s.key, WS_GUID);
    let _ = writeln!(o, "   = {}", s.concatenated);
    let _ = writeln!(o, "{}", l.t("accept-step-sha1"));
    let _ = writeln!(o, "   {}", s.sha1_hex);
    let _ = writeln!(o, "{}", l.t("accept-step-base64"));
    let _ = writeln!(
        o,
        "   {}",
        tr!(l, "accept-answer", accept = s.accept.as_str())
    );
    if let Some(given) = accept {
        let given = given.trim_matches(|c| c == ' ' || c == '\t');
        let _ = writeln!(o);
        let _ = writeln!(o, "{}", tr!(l, "accept-given", given = given));
        if given == s.accept {
            let _ = writeln!(o, "{}", l.t("accept-equal"));
        } else {
            code = EXIT_BAD_INPUT;
            let _ = writeln!(o, "{}", difference(&s.accept, given, l));
            let _ = writeln!(
                o,
                "   {}",
                tr!(l, "accept-expected-line", value = s.accept.as_str())
            );
            let given_line = tr!(l, "accept-given-line", value = given);
            let _ = writeln!(o, "   {given_line}");
            // A caret under the first differing character of the given value.
            let pos = first_difference(&s.accept, given);
            let prefix = given_line.chars().count() - given.chars().count();
            let _ = writeln!(o, "   {}^", " ".repeat(prefix + pos));
            let _ = writeln!(o, "{}", l.t("accept-client-fails"));
        }
    }
    (o, code)
}

/// 0-based index of the first character where `a` and `b` differ (the
/// shorter one's length when one is a prefix of the other).
fn first_difference(a: &str, b: &str) -> usize {
    a.chars()
        .zip(b.chars())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.chars().count().min(b.chars().count()))
}

fn difference(expected: &str, given: &str, l: &L10n) -> String {
    let pos = first_difference(expected, given);
    match (expected.chars().nth(pos), given.chars().nth(pos)) {
        (Some(e), Some(g)) => tr!(
            l,
            "accept-different",
            pos = (pos + 1).to_string(),
            expected_char = format!("{e:?}"),
            given_char = format!("{g:?}")
        ),
        _ => tr!(
            l,
            "accept-different-length",
            given_len = given.chars().count().to_string(),
            expected_len = expected.chars().count().to_string(),
            pos = pos.to_string()
        ),
    }
}

/// `wsdissect accept`: prints the steps, returns the exit code.
pub fn run(key: &str, accept: Option<&str>, l: &L10n) -> i32 {
    let (text, code) = render(key, accept, l);
    print!("{text}");
    code
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The course's request key, its real Accept, and the Accept the course
    /// prints (which belongs to the course's other key, x3JJHMbDL1EzLkh9GBhXDw==).
    const COURSE_KEY: &str = "PsBiRKg9c1uZIx/SjDELUg==";
    const COURSE_KEY_ACCEPT: &str = "yCWgeIetsoM76gpvBTURvCXQwZs=";
    const COURSE_PRINTED_ACCEPT: &str = "HSmrc0sMlYUkAGmm5OPpG2HaGWk=";
    const SNIPPET_KEY: &str = "x3JJHMbDL1EzLkh9GBhXDw==";

    #[test]
    fn course_example_really_is() {
        for lang in [Lang::En, Lang::Fi] {
            let l = L10n::get(lang);
            let (out, code) = render(COURSE_KEY, None, l);
            assert_eq!(code, 0, "{out}");
            assert!(out.contains(COURSE_KEY_ACCEPT), "{out}");
            assert!(out.contains("PsBiRKg9c1uZIx/SjDELUg==258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
            let (out, code) = render(COURSE_KEY, Some(COURSE_PRINTED_ACCEPT), l);
            assert_eq!(code, 1, "{out}");
            assert!(out.contains("'y'") && out.contains("'H'"), "{out}");
            let (out, code) = render(SNIPPET_KEY, Some(COURSE_PRINTED_ACCEPT), l);
            assert_eq!(code, 0, "{out}");
        }
        let (fi, _) = render(COURSE_KEY, Some(COURSE_PRINTED_ACCEPT), L10n::get(Lang::Fi));
        assert!(fi.contains("eroaa merkistä 1 alkaen"), "{fi}");
        assert!(fi.contains("16 tavun base64"), "{fi}");
        let (en, _) = render(COURSE_KEY, Some(COURSE_PRINTED_ACCEPT), L10n::get(Lang::En));
        assert!(en.contains("different from character 1"), "{en}");
    }

    #[test]
    fn rfc_example_and_bad_keys() {
        let l = L10n::get(Lang::En);
        let (out, code) = render(
            "dGhlIHNhbXBsZSBub25jZQ==",
            Some("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
            l,
        );
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("b37a4f2cc0624f1690f64606cf385945b2bec4ea"));
        let (out, code) = render("aGVsbG8=", None, l);
        assert_eq!(code, 1);
        assert!(out.contains("base64 of 5 bytes"), "{out}");
        let (out, code) = render("not base64!", None, l);
        assert_eq!(code, 1);
        assert!(out.contains("not valid base64"), "{out}");
        // A given value that is a prefix of the right one.
        let (out, code) = render("dGhlIHNhbXBsZSBub25jZQ==", Some("s3pPLMBiTxaQ9kYG"), l);
        assert_eq!(code, 1);
        assert!(out.contains("agree up to character 16"), "{out}");
    }
}
