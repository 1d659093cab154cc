//! The `Sec-WebSocket-Extensions` value grammar (RFC 6455 §9.1; list syntax
//! per RFC 9110 §5.6.1): what a client offers and what a server accepts.
//!
//! ```text
//! extension-list = 1#extension
//! extension      = extension-token *( ";" extension-param )
//! extension-param = token [ "=" (token | quoted-string) ]
//! ```

use nom::bytes::complete::{take_while, take_while1};
use nom::IResult;
use serde::Serialize;

/// One extension from an offer or response, e.g. `permessage-deflate; client_max_window_bits`
/// (RFC 6455 §9.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ExtensionOffer {
    /// The extension token, e.g. `permessage-deflate` (RFC 6455 §9.1, IANA §11.4).
    pub name: String,
    /// Parameters in order of appearance (RFC 6455 §9.1).
    pub params: Vec<ExtParam>,
}

impl ExtensionOffer {
    /// First parameter with this name, ASCII case-insensitive.
    pub fn param(&self, name: &str) -> Option<&ExtParam> {
        self.params
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }
}

/// An extension parameter `name[=value]` (RFC 6455 §9.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ExtParam {
    /// Parameter token.
    pub name: String,
    /// Value as a token or an unquoted/unescaped quoted-string; `None` if bare (RFC 6455 §9.1).
    pub value: Option<String>,
}

/// Why an extension list does not match RFC 6455 §9.1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtError {
    /// `1#extension` needs at least one extension (RFC 6455 §9.1).
    #[error("empty extension list: at least one extension is required (RFC 6455 §9.1)")]
    Empty,
    /// Syntax error at byte `offset` of the header value.
    #[error("invalid extension list at byte {offset}: {reason} (RFC 6455 §9.1)")]
    Invalid {
        /// Byte offset within the header value.
        offset: usize,
        /// What was expected.
        reason: &'static str,
    },
}

/// `tchar` of RFC 9110 §5.6.2.
pub(crate) fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn ows(i: &str) -> &str {
    let r: IResult<&str, &str> = take_while(|c| c == ' ' || c == '\t')(i);
    r.map_or(i, |(rest, _)| rest)
}

fn token(i: &str) -> IResult<&str, &str> {
    take_while1(is_tchar)(i)
}

/// Parse a quoted-string starting at `"` (RFC 9110 §5.6.4); returns the rest and the
/// unescaped content, or the offset (relative to `i`) and reason of the error.
fn quoted_string(i: &str) -> Result<(&str, String), (usize, &'static str)> {
    let mut out = String::new();
    let mut chars = i.char_indices();
    if !matches!(chars.next(), Some((_, '"'))) {
        return Err((0, "expected '\"'"));
    }
    while let Some((pos, c)) = chars.next() {
        match c {
            '"' => return Ok((i.get(pos + 1..).unwrap_or(""), out)),
            '\\' => match chars.next() {
                Some((_, e)) if e == '\t' || !e.is_control() => out.push(e),
                Some((p, _)) => return Err((p, "control character in quoted-pair")),
                None => return Err((i.len(), "unterminated quoted-string")),
            },
            c if c == '\t' || !c.is_control() => out.push(c),
            _ => return Err((pos, "control character in quoted-string")),
        }
    }
    Err((i.len(), "unterminated quoted-string"))
}

/// Parse a `Sec-WebSocket-Extensions` value into its extensions, in order (RFC 6455 §9.1).
///
/// Whitespace is allowed around `;`, `,` and `=`, and empty list elements are
/// skipped (RFC 9110 §5.6.1). Quoted values are unescaped.
pub fn parse_extensions(value: &str) -> Result<Vec<ExtensionOffer>, ExtError> {
    let off = |r: &str| value.len().saturating_sub(r.len());
    let invalid = |r: &str, reason| ExtError::Invalid {
        offset: off(r),
        reason,
    };
    let mut out = Vec::new();
    let mut rest = value;
    loop {
        rest = ows(rest);
        if rest.is_empty() {
            break;
        }
        if let Some(r) = rest.strip_prefix(',') {
            rest = r;
            continue;
        }
        let (r, name) = token(rest).map_err(|_| invalid(rest, "expected an extension token"))?;
        rest = r;
        let mut params = Vec::new();
        loop {
            rest = ows(rest);
            if rest.is_empty() {
                break;
            }
            if let Some(r) = rest.strip_prefix(',') {
                rest = r;
                break;
            }
            let Some(r) = rest.strip_prefix(';') else {
                return Err(invalid(rest, "expected ';' or ',' after an extension"));
            };
            rest = ows(r);
            let (r, pname) =
                token(rest).map_err(|_| invalid(rest, "expected a parameter token after ';'"))?;
            rest = r;
            let after = ows(rest);
            let value = if let Some(r) = after.strip_prefix('=') {
                rest = ows(r);
                if rest.starts_with('"') {
                    let (r, v) = quoted_string(rest).map_err(|(p, reason)| ExtError::Invalid {
                        offset: off(rest).saturating_add(p),
                        reason,
                    })?;
                    rest = r;
                    Some(v)
                } else {
                    let (r, v) = token(rest).map_err(|_| {
                        invalid(rest, "expected a token or quoted-string after '='")
                    })?;
                    rest = r;
                    Some(v.to_owned())
                }
            } else {
                None
            };
            params.push(ExtParam {
                name: pname.to_owned(),
                value,
            });
        }
        out.push(ExtensionOffer {
            name: name.to_owned(),
            params,
        });
    }
    if out.is_empty() {
        return Err(ExtError::Empty);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::list::parse_token_list;
    use proptest::prelude::*;

    fn p(name: &str, value: Option<&str>) -> ExtParam {
        ExtParam {
            name: name.into(),
            value: value.map(Into::into),
        }
    }

    #[test]
    fn rfc7692_offers() {
        let v =
            parse_extensions("permessage-deflate; client_max_window_bits, x-webkit-deflate-frame")
                .unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].name, "permessage-deflate");
        assert_eq!(v[0].params, vec![p("client_max_window_bits", None)]);
        assert_eq!(v[1].name, "x-webkit-deflate-frame");
        assert!(v[1].params.is_empty());

        // RFC 7692 §7.1.2.1 example-ish, with a quoted value and odd whitespace.
        let v = parse_extensions(
            "permessage-deflate ;server_max_window_bits = \"10\";  client_no_context_takeover ,, foo",
        )
        .unwrap();
        assert_eq!(
            v[0].params,
            vec![
                p("server_max_window_bits", Some("10")),
                p("client_no_context_takeover", None)
            ]
        );
        assert_eq!(
            v[0].param("SERVER_MAX_WINDOW_BITS")
                .unwrap()
                .value
                .as_deref(),
            Some("10")
        );
        assert_eq!(v[1].name, "foo");
    }

    #[test]
    fn rfc6455_9_1_example() {
        // RFC 6455 §9.1: "Sec-WebSocket-Extensions: mux; max-channels=4; flow-control, deflate-stream"
        let v = parse_extensions("mux; max-channels=4; flow-control, deflate-stream").unwrap();
        assert_eq!(v[0].name, "mux");
        assert_eq!(
            v[0].params,
            vec![p("max-channels", Some("4")), p("flow-control", None)]
        );
        assert_eq!(v[1].name, "deflate-stream");
    }

    #[test]
    fn quoted_escapes() {
        let v = parse_extensions(r#"a; b="x\"y\\z""#).unwrap();
        assert_eq!(v[0].params[0].value.as_deref(), Some("x\"y\\z"));
    }

    #[test]
    fn errors_have_offsets() {
        assert_eq!(parse_extensions(""), Err(ExtError::Empty));
        assert_eq!(parse_extensions(" , ,"), Err(ExtError::Empty));
        assert_eq!(
            parse_extensions("a; =1"),
            Err(ExtError::Invalid {
                offset: 3,
                reason: "expected a parameter token after ';'"
            })
        );
        assert_eq!(
            parse_extensions("a b"),
            Err(ExtError::Invalid {
                offset: 2,
                reason: "expected ';' or ',' after an extension"
            })
        );
        assert_eq!(
            parse_extensions("a; b=\"xy"),
            Err(ExtError::Invalid {
                offset: 8,
                reason: "unterminated quoted-string"
            })
        );
        assert!(matches!(
            parse_extensions("a; b="),
            Err(ExtError::Invalid { offset: 5, .. })
        ));
        assert!(matches!(
            parse_extensions("a; b=\"\u{1}\""),
            Err(ExtError::Invalid { offset: 6, .. })
        ));
    }

    proptest! {
        #[test]
        fn prop_never_panics(s in "\\PC*") {
            let _ = parse_extensions(&s);
            let _ = parse_token_list(&s);
        }

        #[test]
        fn prop_roundtrip(exts in proptest::collection::vec(
            ("[a-z][a-z0-9_-]{0,12}", proptest::collection::vec(("[a-z_]{1,10}", proptest::option::of("[ -~]{0,6}")), 0..4)), 1..4)) {
            let mut text = String::new();
            for (i, (name, params)) in exts.iter().enumerate() {
                if i > 0 { text.push_str(", "); }
                text.push_str(name);
                for (pn, pv) in params {
                    text.push_str("; ");
                    text.push_str(pn);
                    if let Some(v) = pv {
                        text.push_str("=\"");
                        for c in v.chars() {
                            if c == '"' || c == '\\' { text.push('\\'); }
                            text.push(c);
                        }
                        text.push('"');
                    }
                }
            }
            let parsed = parse_extensions(&text).unwrap();
            prop_assert_eq!(parsed.len(), exts.len());
            for (got, (name, params)) in parsed.iter().zip(exts.iter()) {
                prop_assert_eq!(&got.name, name);
                let want: Vec<ExtParam> = params.iter().map(|(n, v)| ExtParam { name: n.clone(), value: v.clone() }).collect();
                prop_assert_eq!(&got.params, &want);
            }
        }
    }
}
