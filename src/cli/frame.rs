//! `wsdissect frame build` and `frame decode`: a frame built from options or
//! decoded from hex, its bytes shown and every header field explained with
//! the bit drawing the TUI's header view uses (`course::diagram`). Both go
//! through the one encoder and decoder (`ws::frame::encode_frame`,
//! `decode_frame`).
//!
//! Exit codes: 0 the frame(s) were built or decoded; 1 the hex is cut short
//! or is not hex (the error says what is missing and at which byte); 2 bad
//! options.

use std::fmt::Write as _;

use crate::course::diagram::{self, plain};
use crate::dissect::notes;
use crate::i18n::L10n;
use crate::tr;
use crate::ws::frame::{
    close_code_name, decode_frame, encode_frame, parse_close_payload, CloseError, Frame,
    FrameContext, FrameDecodeError, HeaderPart, LengthEncoding,
};
use crate::ws::Opcode;

use super::accept::spaced_hex;
use super::{EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE};

/// Bytes of a long payload shown before "…".
const SHOW_BYTES: usize = 64;

/// What `frame build` was asked for.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct BuildArgs {
    /// A text frame with this payload (UTF-8).
    #[arg(long, group = "payload")]
    pub text: Option<String>,
    /// A binary frame with this payload, in hex (spaces allowed).
    #[arg(long, value_name = "HEX", group = "payload")]
    pub binary: Option<String>,
    /// A close frame with this status code (1000 = normal closure).
    #[arg(long, value_name = "CODE", group = "payload")]
    pub close: Option<u16>,
    /// The close frame's reason text (with --close).
    #[arg(long)]
    pub reason: Option<String>,
    /// A payload of this many zero bytes (to see the 16- and 64-bit lengths),
    /// at most 16 MiB: the frame is built in memory.
    #[arg(long, value_name = "BYTES", group = "payload",
          value_parser = clap::value_parser!(u32).range(0..=16_777_216))]
    pub zeros: Option<u32>,
    /// A ping frame (its payload, if any, from --text or --binary).
    #[arg(long, conflicts_with_all = ["pong", "opcode"])]
    pub ping: bool,
    /// A pong frame (its payload, if any, from --text or --binary).
    #[arg(long, conflicts_with = "opcode")]
    pub pong: bool,
    /// The opcode: 0–15 or continuation, text, binary, close, ping, pong.
    #[arg(long, value_name = "OPCODE")]
    pub opcode: Option<String>,
    /// Mask the payload with this 4-byte key (8 hex digits), as a client must.
    #[arg(long, value_name = "HEX")]
    pub mask: Option<String>,
    /// Clear FIN: more fragments of the message follow.
    #[arg(long)]
    pub no_fin: bool,
    /// Set RSV1 (permessage-deflate's "compressed" bit).
    #[arg(long)]
    pub rsv1: bool,
}

/// Bytes from hex text: whitespace, `:` and `0x` prefixes allowed (as
/// Wireshark's "Copy as Hex Stream", hex dumps and C arrays give them).
pub fn parse_hex(text: &str, l: &L10n) -> Result<Vec<u8>, String> {
    let mut digits = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() || c == ':' || c == ',' {
            continue;
        }
        if c == '0' && matches!(chars.peek(), Some((_, 'x' | 'X'))) {
            chars.next();
            continue;
        }
        match c.to_digit(16) {
            Some(d) => digits.push(d as u8),
            None => {
                return Err(tr!(
                    l,
                    "frame-bad-hex",
                    what = format!("{c:?}"),
                    pos = (text[..i].chars().count() + 1).to_string()
                ))
            }
        }
    }
    if digits.len() % 2 != 0 {
        return Err(tr!(l, "frame-odd-hex", count = digits.len().to_string()));
    }
    Ok(digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect())
}

fn parse_opcode(s: &str, l: &L10n) -> Result<u8, String> {
    let named = match s.to_ascii_lowercase().as_str() {
        "continuation" | "cont" => Some(0),
        "text" => Some(1),
        "binary" => Some(2),
        "close" => Some(8),
        "ping" => Some(9),
        "pong" => Some(10),
        _ => None,
    };
    let num = || {
        s.strip_prefix("0x")
            .map_or_else(|| s.parse::<u8>().ok(), |h| u8::from_str_radix(h, 16).ok())
    };
    named
        .or_else(num)
        .filter(|&n| n < 16)
        .ok_or_else(|| tr!(l, "frame-bad-opcode", given = s))
}

/// The frame `frame build` makes from its options.
pub fn build(a: &BuildArgs, l: &L10n) -> Result<Frame, String> {
    if a.reason.is_some() && a.close.is_none() {
        return Err(l.t("frame-reason-needs-close"));
    }
    let (mut opcode, payload) = if let Some(t) = &a.text {
        (1, t.as_bytes().to_vec())
    } else if let Some(h) = &a.binary {
        (2, parse_hex(h, l)?)
    } else if let Some(code) = a.close {
        let mut p = code.to_be_bytes().to_vec();
        p.extend_from_slice(a.reason.as_deref().unwrap_or("").as_bytes());
        (8, p)
    } else if let Some(n) = a.zeros {
        (2, vec![0; n as usize])
    } else {
        (1, Vec::new())
    };
    if a.ping {
        opcode = 9;
    } else if a.pong {
        opcode = 10;
    }
    if let Some(o) = &a.opcode {
        opcode = parse_opcode(o, l)?;
    }
    let mask = match &a.mask {
        Some(m) => {
            let b = parse_hex(m, l).map_err(|_| tr!(l, "frame-bad-mask", given = m.as_str()))?;
            Some(<[u8; 4]>::try_from(b).map_err(|_| tr!(l, "frame-bad-mask", given = m.as_str()))?)
        }
        None => None,
    };
    let mut f = Frame::new(!a.no_fin, opcode, payload, mask);
    f.header.rsv1 = a.rsv1;
    Ok(f)
}

fn short_hex(b: &[u8], l: &L10n) -> String {
    if b.len() <= SHOW_BYTES {
        spaced_hex(b)
    } else {
        format!(
            "{} {}",
            spaced_hex(&b[..SHOW_BYTES]),
            tr!(l, "frame-bytes-more", len = b.len().to_string())
        )
    }
}

/// Explains one frame: `wire` is its bytes, `n` its number, `offset` where
/// it starts in the input.
pub fn explain(o: &mut String, n: usize, offset: usize, wire: &[u8], f: &Frame, l: &L10n) {
    let h = &f.header;
    let title = if offset == 0 {
        tr!(
            l,
            "frame-title",
            n = n.to_string(),
            len = wire.len().to_string()
        )
    } else {
        tr!(
            l,
            "frame-title-at",
            n = n.to_string(),
            offset = offset.to_string(),
            len = wire.len().to_string()
        )
    };
    let _ = writeln!(o, "{title}");
    let _ = writeln!(o, "    {}", short_hex(wire, l));
    let _ = writeln!(o);
    let _ = writeln!(o, "  {}", l.t("frame-intro"));
    let (b0, b1) = (h.byte0(), h.byte1());
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}",
        tr!(
            l,
            "frame-byte0",
            hex = format!("0x{b0:02x}"),
            bits = format!("{:04b} {:04b}", b0 >> 4, b0 & 0xf)
        )
    );
    for line in diagram::byte0(b0) {
        let _ = writeln!(o, "{}", plain(&line));
    }
    let _ = writeln!(
        o,
        "  {}",
        l.t(if h.fin { "frame-fin-1" } else { "frame-fin-0" })
    );
    if !h.rsv1 && !h.rsv2 && !h.rsv3 {
        let _ = writeln!(o, "  {}", l.t("frame-rsv-clear"));
    }
    if h.rsv1 {
        let _ = writeln!(o, "  {}", l.t("frame-rsv1-set"));
    }
    for (on, bit) in [(h.rsv2, "RSV2"), (h.rsv3, "RSV3")] {
        if on {
            let _ = writeln!(o, "  {}", tr!(l, "frame-rsv-other-set", bit = bit));
        }
    }
    let _ = writeln!(
        o,
        "  {}",
        tr!(
            l,
            "frame-opcode",
            code = format!("0x{:x}", h.opcode),
            meaning = crate::course::diagram::opcode_meaning(h.opcode_kind(), l)
        )
    );
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}",
        tr!(
            l,
            "frame-byte1",
            hex = format!("0x{b1:02x}"),
            bits = format!("{:04b} {:04b}", b1 >> 4, b1 & 0xf)
        )
    );
    for line in diagram::byte1(b1) {
        let _ = writeln!(o, "{}", plain(&line));
    }
    let _ = writeln!(
        o,
        "  {}",
        l.t(if h.masked {
            "frame-mask-1"
        } else {
            "frame-mask-0"
        })
    );
    let len_text = match h.length_encoding() {
        LengthEncoding::Len7 => tr!(
            l,
            "frame-len7",
            len7 = h.len7.to_string(),
            len = h.payload_len.to_string()
        ),
        LengthEncoding::Len16 => l.t("frame-len16"),
        LengthEncoding::Len64 => l.t("frame-len64"),
    };
    let _ = writeln!(o, "  {len_text}");
    let ranges = h.field_ranges();
    if let Some(r) = ranges.ext_len.clone() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{}",
            tr!(
                l,
                "frame-ext-len",
                from = r.start.to_string(),
                to = (r.end - 1).to_string(),
                bits = ((r.end - r.start) * 8).to_string()
            )
        );
        let _ = writeln!(
            o,
            "    {}",
            tr!(
                l,
                "frame-ext-len-value",
                hex = spaced_hex(&wire[r]),
                len = h.payload_len.to_string()
            )
        );
        let verdict = if !h.is_minimal_length() {
            "frame-ext-not-minimal"
        } else if h.length_top_bit_set() {
            "frame-ext-top-bit"
        } else {
            "frame-ext-minimal"
        };
        let _ = writeln!(o, "  {}", l.t(verdict));
    }
    if let (Some(r), Some(k)) = (ranges.mask_key.clone(), h.mask_key) {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{}",
            tr!(
                l,
                "frame-mask-key",
                from = r.start.to_string(),
                to = (r.end - 1).to_string()
            )
        );
        let _ = writeln!(o, "    {}   key[0] key[1] key[2] key[3]", spaced_hex(&k));
        let _ = writeln!(o, "  {}", l.t("frame-mask-key-text"));
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}",
        tr!(l, "frame-payload", len = f.payload.len().to_string())
    );
    let hl = usize::from(h.header_len);
    if h.masked {
        let (a, b) = (l.t("frame-payload-wire"), l.t("frame-payload-unmasked"));
        // Labels padded to the longer one, by characters (Finnish is not ASCII).
        let w = a.chars().count().max(b.chars().count()) + 2;
        let pad = |t: &str| format!("{t}{}", " ".repeat(w - t.chars().count()));
        let _ = writeln!(o, "    {}{}", pad(&a), short_hex(&wire[hl..], l));
        let _ = writeln!(o, "    {}{}", pad(&b), short_hex(&f.payload, l));
    } else if !f.payload.is_empty() {
        let _ = writeln!(o, "    {}", short_hex(&f.payload, l));
    }
    match h.opcode_kind() {
        Opcode::Text | Opcode::Ping | Opcode::Pong | Opcode::Continuation if !h.rsv1 => {
            match std::str::from_utf8(&f.payload) {
                Ok(t) if !t.is_empty() => {
                    let _ = writeln!(
                        o,
                        "  {}",
                        tr!(l, "frame-payload-text", text = format!("{t:?}"))
                    );
                }
                Ok(_) => {}
                Err(_) if h.opcode_kind() == Opcode::Text => {
                    let _ = writeln!(o, "  {}", l.t("frame-payload-not-utf8"));
                }
                Err(_) => {}
            }
        }
        Opcode::Close => match parse_close_payload(&f.payload) {
            Ok(c) => match c.code {
                Some(code) => {
                    let _ = writeln!(
                        o,
                        "  {}",
                        tr!(
                            l,
                            "frame-close-code",
                            code = code.to_string(),
                            name = close_code_name(code),
                            reason = format!("{:?}", String::from_utf8_lossy(c.reason))
                        )
                    );
                }
                None => {
                    let _ = writeln!(o, "  {}", l.t("frame-close-empty"));
                }
            },
            Err(CloseError::OneByte) => {
                let _ = writeln!(o, "  {}", l.t("frame-close-one-byte"));
            }
        },
        _ => {}
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}",
        tr!(
            l,
            "frame-total",
            header = h.header_len.to_string(),
            payload = h.payload_len.to_string(),
            total = wire.len().to_string()
        )
    );
    // The frame rules that hold without a connection around it: the masking
    // rule needs to know who sent it, RSV1 whether deflate was agreed.
    let ctx = FrameContext {
        from_client: None,
        deflate: false,
    };
    let problems: Vec<_> = h.violations(ctx).collect();
    if !problems.is_empty() {
        let _ = writeln!(o, "{}", l.t("frame-problems"));
        for v in problems {
            let (rule, text) = notes::violation(v, h.opcode_kind(), Some(h), l);
            let _ = writeln!(o, "  ✗ [{}] {text}", rule.id());
        }
    }
}

fn missing_words(e: FrameDecodeError, l: &L10n) -> String {
    match e {
        FrameDecodeError::Header {
            needed,
            have,
            missing,
        } => tr!(
            l,
            "frame-missing-header",
            needed = needed.to_string(),
            have = have.to_string(),
            part = l.t(match missing {
                HeaderPart::Byte0 => "part-byte0",
                HeaderPart::Byte1 => "part-byte1",
                HeaderPart::ExtendedLength => "part-ext-len",
                HeaderPart::MaskingKey => "part-mask-key",
            })
        ),
        FrameDecodeError::Payload { needed, have } => tr!(
            l,
            "frame-missing-payload",
            needed = needed.to_string(),
            have = have.to_string(),
            missing = (needed - have).to_string()
        ),
    }
}

/// Decodes every frame in `bytes`; the explanation of each complete frame,
/// and the error for a cut-short one.
pub fn decode_all(bytes: &[u8], l: &L10n) -> (String, Option<String>) {
    let mut o = String::new();
    let mut at = 0;
    let mut n = 1;
    while at < bytes.len() {
        match decode_frame(&bytes[at..]) {
            Ok((f, used)) => {
                if n > 1 {
                    let _ = writeln!(o);
                }
                explain(&mut o, n, at, &bytes[at..at + used], &f, l);
                at += used;
                n += 1;
            }
            Err(e) => {
                let err = tr!(
                    l,
                    "frame-error-at",
                    n = n.to_string(),
                    offset = at.to_string(),
                    error = missing_words(e, l)
                );
                return (o, Some(err));
            }
        }
    }
    (o, None)
}

/// `frame build`.
pub fn run_build(a: &BuildArgs, l: &L10n) -> i32 {
    match build(a, l) {
        Ok(f) => {
            let mut wire = Vec::new();
            encode_frame(&f, &mut wire);
            let mut o = String::new();
            explain(&mut o, 1, 0, &wire, &f, l);
            print!("{o}");
            EXIT_OK
        }
        Err(e) => {
            eprintln!("wsdissect: {e}");
            EXIT_USAGE
        }
    }
}

/// `frame decode HEX…`.
pub fn run_decode(hex: &[String], l: &L10n) -> i32 {
    let bytes = match parse_hex(&hex.join(" "), l) {
        Ok(b) if b.is_empty() => {
            eprintln!("wsdissect: {}", l.t("frame-no-input"));
            return EXIT_BAD_INPUT;
        }
        Ok(b) => b,
        Err(e) => {
            eprintln!("wsdissect: {e}");
            return EXIT_BAD_INPUT;
        }
    };
    let (out, err) = decode_all(&bytes, l);
    print!("{out}");
    match err {
        Some(e) => {
            eprintln!("wsdissect: {e}");
            EXIT_BAD_INPUT
        }
        None => EXIT_OK,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn en() -> &'static L10n {
        L10n::get(Lang::En)
    }

    fn wire(a: BuildArgs) -> String {
        let f = build(&a, en()).unwrap();
        let mut w = Vec::new();
        encode_frame(&f, &mut w);
        spaced_hex(&w)
    }

    /// RFC 6455 §5.7, every example, through the command's options.
    #[test]
    fn rfc6455_5_7_examples_from_options() {
        let text = |t: &str| BuildArgs {
            text: Some(t.into()),
            ..BuildArgs::default()
        };
        assert_eq!(wire(text("Hello")), "81 05 48 65 6c 6c 6f");
        assert_eq!(
            wire(BuildArgs {
                mask: Some("37fa213d".into()),
                ..text("Hello")
            }),
            "81 85 37 fa 21 3d 7f 9f 4d 51 58"
        );
        assert_eq!(
            wire(BuildArgs {
                no_fin: true,
                ..text("Hel")
            }),
            "01 03 48 65 6c"
        );
        assert_eq!(
            wire(BuildArgs {
                opcode: Some("continuation".into()),
                ..text("lo")
            }),
            "80 02 6c 6f"
        );
        assert_eq!(
            wire(BuildArgs {
                ping: true,
                ..text("Hello")
            }),
            "89 05 48 65 6c 6c 6f"
        );
        assert_eq!(
            wire(BuildArgs {
                pong: true,
                mask: Some("37 fa 21 3d".into()),
                ..text("Hello")
            }),
            "8a 85 37 fa 21 3d 7f 9f 4d 51 58"
        );
        let w = wire(BuildArgs {
            zeros: Some(256),
            ..BuildArgs::default()
        });
        assert!(w.starts_with("82 7e 01 00 00"), "{w}");
        assert_eq!(w.split(' ').count(), 4 + 256);
        let w = wire(BuildArgs {
            zeros: Some(65536),
            ..BuildArgs::default()
        });
        assert!(w.starts_with("82 7f 00 00 00 00 00 01 00 00 00"), "{w}");
        assert_eq!(w.split(' ').count(), 10 + 65536);
        assert_eq!(
            wire(BuildArgs {
                close: Some(1000),
                reason: Some("bye".into()),
                ..BuildArgs::default()
            }),
            "88 05 03 e8 62 79 65"
        );
    }

    #[test]
    fn explanation_in_both_languages() {
        let bytes = parse_hex("81 85 37 fa 21 3d 7f 9f 4d 51 58", en()).unwrap();
        let (out, err) = decode_all(&bytes, en());
        assert!(err.is_none());
        assert!(
            out.contains("        │  1   │  0   │  0   │  0   │  0 0 0 1   │"),
            "{out}"
        );
        assert!(
            out.contains("        │  1   │  0 0 0 0 1 0 1       │"),
            "{out}"
        );
        assert!(out.contains("unmasked:     48 65 6c 6c 6f"), "{out}");
        assert!(out.contains("text (UTF-8): \"Hello\""), "{out}");
        assert!(
            out.contains("Header 6 bytes + payload 5 bytes = 11 bytes on the wire."),
            "{out}"
        );
        let (fi, _) = decode_all(&bytes, L10n::get(Lang::Fi));
        assert!(fi.starts_with("Kehys 1: 11 tavua"), "{fi}");
        assert!(fi.contains("Tavu 0 = 0x81"), "{fi}");
        assert!(fi.contains("maskaus purettuna:"), "{fi}");
    }

    #[test]
    fn several_frames_and_cut_ones() {
        let l = en();
        let (out, err) = decode_all(
            &parse_hex("0x01,0x03,0x48,0x65,0x6c 80:02:6c:6f", l).unwrap(),
            l,
        );
        assert!(err.is_none());
        assert!(out.contains("Frame 2 (at byte 5): 4 bytes"), "{out}");
        let (_, err) = decode_all(&parse_hex("81 85 37 fa", l).unwrap(), l);
        assert_eq!(
            err.unwrap(),
            "frame 1 at byte 0: the frame header needs 6 bytes but only 4 are given; missing: the masking key"
        );
        let (out, err) = decode_all(
            &parse_hex("81 05 48 65 6c 6c 6f 82 7e 01 00 ab", l).unwrap(),
            l,
        );
        assert!(out.contains("Frame 1"));
        assert_eq!(
            err.unwrap(),
            "frame 2 at byte 7: the payload is 256 bytes but only 1 are given: 255 bytes missing"
        );
        assert!(parse_hex("81 0g", l)
            .unwrap_err()
            .contains("'g' at character 5"));
        assert!(parse_hex("81 0", l).unwrap_err().contains("odd number"));
    }

    #[test]
    fn rule_breaking_frames_name_the_rule() {
        let l = en();
        let (out, _) = decode_all(&parse_hex("09 7e 00 05 48 65 6c 6c 6f", l).unwrap(), l);
        assert!(out.contains("[control-frame-fragmented]"), "{out}");
        assert!(out.contains("[non-minimal-length]"), "{out}");
        let (out, _) = decode_all(&parse_hex("83 00", l).unwrap(), l);
        assert!(
            out.contains("[reserved-opcode] opcode 0x3 is reserved"),
            "{out}"
        );
        assert!(build(
            &BuildArgs {
                reason: Some("x".into()),
                ..BuildArgs::default()
            },
            l
        )
        .is_err());
        assert!(build(
            &BuildArgs {
                mask: Some("37fa21".into()),
                ..BuildArgs::default()
            },
            l
        )
        .is_err());
        assert!(build(
            &BuildArgs {
                opcode: Some("16".into()),
                ..BuildArgs::default()
            },
            l
        )
        .is_err());
    }
}
