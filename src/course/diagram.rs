//! The first two bytes of a frame header drawn bit by bit (RFC 6455 §5.2):
//! a box per field with its bits, the bit numbers above and the field names
//! below. The pure text of the drawing, shared by the TUI's header view (which
//! styles the pieces) and `wsdissect frame` (which prints them).
//!
//! The field names are the RFC's (FIN, RSV1, opcode, MASK, payload len) in
//! every language: the course uses them as they are.

/// What an opcode means, in `l`'s words (`op-*`, RFC 6455 §5.2, §11.8):
/// the one explanation `wsdissect frame` prints and the TUI's header view
/// shows beside the opcode bits.
pub fn opcode_meaning(op: crate::ws::frame::Opcode, l: &crate::i18n::L10n) -> String {
    use crate::ws::frame::Opcode;
    l.t(match op {
        Opcode::Continuation => "op-continuation",
        Opcode::Text => "op-text",
        Opcode::Binary => "op-binary",
        Opcode::Close => "op-close",
        Opcode::Ping => "op-ping",
        Opcode::Pong => "op-pong",
        Opcode::Reserved(_) if !op.is_control() => "op-reserved-data",
        Opcode::Reserved(_) => "op-reserved-control",
    })
}

/// How a piece of the drawing is meant to stand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Box lines.
    Plain,
    /// The bits themselves.
    Strong,
    /// The bit-number ruler.
    Dim,
    /// The field names under the boxes.
    Value,
}

/// One piece of a line of the drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// How it stands out.
    pub tone: Tone,
    /// Its text.
    pub text: String,
}

/// One line of the drawing.
pub type Line = Vec<Piece>;

fn piece(tone: Tone, text: impl Into<String>) -> Piece {
    Piece {
        tone,
        text: text.into(),
    }
}

fn bit(b: u8, i: u8) -> char {
    if b & (1 << i) != 0 {
        '1'
    } else {
        '0'
    }
}

/// The bits `hi..=lo` of `b`, separated by spaces ("0 0 0 1").
fn bits(b: u8, hi: u8, lo: u8) -> String {
    (lo..=hi)
        .rev()
        .map(|i| bit(b, i).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Byte 0: FIN, RSV1, RSV2, RSV3 and the 4-bit opcode.
pub fn byte0(b0: u8) -> Vec<Line> {
    let p = |t: &str| piece(Tone::Plain, t);
    let s = |t: String| piece(Tone::Strong, t);
    vec![
        vec![piece(
            Tone::Dim,
            "   bit:  7      6      5      4      3  2  1  0",
        )],
        vec![p("        ┌──────┬──────┬──────┬──────┬────────────┐")],
        vec![
            p("        │"),
            s(format!("  {}   ", bit(b0, 7))),
            p("│"),
            s(format!("  {}   ", bit(b0, 6))),
            p("│"),
            s(format!("  {}   ", bit(b0, 5))),
            p("│"),
            s(format!("  {}   ", bit(b0, 4))),
            p("│"),
            s(format!("  {}   ", bits(b0, 3, 0))),
            p("│"),
        ],
        vec![p("        └──────┴──────┴──────┴──────┴────────────┘")],
        vec![piece(
            Tone::Value,
            "          FIN    RSV1   RSV2   RSV3    opcode",
        )],
    ]
}

/// Byte 1: the MASK bit and the 7-bit payload length.
pub fn byte1(b1: u8) -> Vec<Line> {
    let p = |t: &str| piece(Tone::Plain, t);
    vec![
        vec![piece(Tone::Dim, "   bit:  7      6  5  4  3  2  1  0")],
        vec![p("        ┌──────┬──────────────────────┐")],
        vec![
            p("        │"),
            piece(Tone::Strong, format!("  {}   ", bit(b1, 7))),
            p("│"),
            piece(Tone::Strong, format!("  {}       ", bits(b1, 6, 0))),
            p("│"),
        ],
        vec![p("        └──────┴──────────────────────┘")],
        vec![piece(
            Tone::Value,
            format!("          MASK    payload len = {}", b1 & 0x7f),
        )],
    ]
}

/// A line as plain text.
pub fn plain(line: &Line) -> String {
    line.iter().map(|p| p.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6455_5_7_masked_hello_header() {
        let b0: Vec<String> = byte0(0x81).iter().map(plain).collect();
        assert_eq!(b0[2], "        │  1   │  0   │  0   │  0   │  0 0 0 1   │");
        let b1: Vec<String> = byte1(0x85).iter().map(plain).collect();
        assert_eq!(b1[2], "        │  1   │  0 0 0 0 1 0 1       │");
        assert_eq!(b1[4], "          MASK    payload len = 5");
        // Every line of a box is as wide as its border.
        for lines in [byte0(0xff), byte1(0x7e)] {
            let w = plain(&lines[1]).chars().count();
            assert_eq!(plain(&lines[2]).chars().count(), w);
            assert_eq!(plain(&lines[3]).chars().count(), w);
        }
    }
}
