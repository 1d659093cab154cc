//! The display-filter grammar (Wireshark 4's, for the subset in
//! [`FIELDS`](super::FIELDS)), parsed with nom:
//!
//! ```text
//! expr    := and (("||" | "or") and)*          "and" binds tighter, as in Wireshark
//! and     := unary (("&&" | "and") unary)*
//! unary   := ("!" | "not") unary | "(" expr ")" | test
//! test    := FIELD [ op VALUE | "contains" VALUE | ("matches" | "~") VALUE
//!                  | "in" "{" item ("," item)* "}" ]
//! op      := "==" "!=" "~=" "<" "<=" ">" ">=" | eq ne any_ne lt le gt ge
//! item    := VALUE [".." VALUE]
//! VALUE   := "quoted \"string\"" | bare-token (number, address, 12:34:56:78, word)
//! ```
//!
//! Values are converted to the field's type here, so a filter that parses
//! cannot fail later, and every mistake carries the column where it is.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::{IResult, Parser};

use super::{CmpOp, Expr, Field, FieldType, Value};

/// What is wrong with a filter. Its words are Fluent messages `filter-*`
/// (`Display` is English; [`ParseError::words`] follows `--lang`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// Nothing where an expression must start.
    ExpectedExpression,
    /// A name that is not in the table.
    UnknownField(String),
    /// An operator without a value after it.
    ExpectedValue,
    /// A `"` without its closing `"`.
    UnclosedString,
    /// A `(` without `)`.
    UnclosedParen,
    /// A `{` without `}`, or a set item not followed by `,` or `}`.
    UnclosedSet,
    /// A value that does not fit its field's type.
    BadValue {
        /// The field.
        field: &'static str,
        /// What it holds: a Fluent id (`filter-is-number`).
        expected: &'static str,
        /// The literal as written.
        got: String,
    },
    /// An operator the field's type does not have.
    BadOperator {
        /// The field.
        field: &'static str,
        /// The operator as written, or `ANY_OPERATOR`.
        op: &'static str,
        /// Why not: a Fluent id (`filter-why-bool`).
        why: &'static str,
    },
    /// A regular expression that does not compile.
    BadRegex(String),
    /// Something after a complete expression.
    Trailing,
}

/// [`ErrorKind::BadOperator`]'s `op` when no operator may be used at all
/// (a protocol name is only tested for presence).
pub const ANY_OPERATOR: &str = "filter-any-operator";

impl ErrorKind {
    /// What is wrong, in `l`'s language.
    pub fn words(&self, l: &crate::i18n::L10n) -> String {
        use crate::tr;
        match self {
            ErrorKind::ExpectedExpression => l.t("filter-expected-expression"),
            ErrorKind::UnknownField(f) => tr!(l, "filter-unknown-field", field = f.as_str()),
            ErrorKind::ExpectedValue => l.t("filter-expected-value"),
            ErrorKind::UnclosedString => l.t("filter-unclosed-string"),
            ErrorKind::UnclosedParen => l.t("filter-unclosed-paren"),
            ErrorKind::UnclosedSet => l.t("filter-unclosed-set"),
            ErrorKind::BadValue {
                field,
                expected,
                got,
            } => tr!(
                l,
                "filter-bad-value",
                field = *field,
                expected = l.t(expected),
                got = got.as_str()
            ),
            ErrorKind::BadOperator { field, op, why } => tr!(
                l,
                "filter-bad-operator",
                field = *field,
                op = if *op == ANY_OPERATOR {
                    l.t(ANY_OPERATOR)
                } else {
                    (*op).to_string()
                },
                why = l.t(why)
            ),
            ErrorKind::BadRegex(e) => tr!(l, "filter-bad-regex", error = e.as_str()),
            ErrorKind::Trailing => l.t("filter-trailing"),
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(crate::i18n::L10n::get(crate::i18n::Lang::En)))
    }
}

impl std::error::Error for ErrorKind {}

/// A filter that does not parse: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Column of the mistake, from 1, in characters.
    pub column: usize,
    /// What is wrong.
    pub kind: ErrorKind,
}

impl ParseError {
    /// The filter with a caret under the column, as tshark shows it:
    /// two lines, for a terminal.
    pub fn caret(&self, text: &str) -> String {
        format!("{text}\n{}^", " ".repeat(self.column.saturating_sub(1)))
    }

    /// "column N: what is wrong", in `l`'s language.
    pub fn words(&self, l: &crate::i18n::L10n) -> String {
        crate::tr!(
            l,
            "filter-at-column",
            column = self.column.to_string(),
            error = self.kind.words(l)
        )
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(crate::i18n::L10n::get(crate::i18n::Lang::En)))
    }
}

impl std::error::Error for ParseError {}

/// nom's error type here: where (the rest of the input) and what.
#[derive(Debug)]
struct PErr<'a> {
    at: &'a str,
    kind: ErrorKind,
}

impl<'a> nom::error::ParseError<&'a str> for PErr<'a> {
    fn from_error_kind(input: &'a str, _: nom::error::ErrorKind) -> Self {
        PErr {
            at: input,
            kind: ErrorKind::ExpectedExpression,
        }
    }
    fn append(_: &'a str, _: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
}

type Res<'a, T> = IResult<&'a str, T, PErr<'a>>;

fn fail<T>(at: &str, kind: ErrorKind) -> Res<'_, T> {
    Err(nom::Err::Failure(PErr { at, kind }))
}

/// Parses a whole filter.
pub(super) fn parse(text: &str) -> Result<Expr, ParseError> {
    let col = |at: &str| text[..text.len() - at.len()].chars().count() + 1;
    match or_expr(text) {
        Ok((rest, e)) => {
            let rest = rest.trim_start();
            if rest.is_empty() {
                Ok(e)
            } else {
                Err(ParseError {
                    column: col(rest),
                    kind: ErrorKind::Trailing,
                })
            }
        }
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(ParseError {
            column: col(e.at),
            kind: e.kind,
        }),
        Err(nom::Err::Incomplete(_)) => Err(ParseError {
            column: col(""),
            kind: ErrorKind::ExpectedExpression,
        }),
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'
}

/// A keyword (`and`, `contains`) as a whole word.
fn keyword<'a>(kw: &'static str) -> impl Fn(&'a str) -> Res<'a, &'a str> {
    move |i: &'a str| {
        let (rest, t) = tag(kw).parse(i)?;
        if rest.starts_with(is_word) {
            Err(nom::Err::Error(PErr {
                at: i,
                kind: ErrorKind::ExpectedExpression,
            }))
        } else {
            Ok((rest, t))
        }
    }
}

fn or_expr(i: &str) -> Res<'_, Expr> {
    let (mut i, mut left) = and_expr(i)?;
    loop {
        match alt((tag("||"), keyword("or"))).parse(i.trim_start()) {
            Ok((rest, _)) => {
                let (rest, right) = and_expr(rest)?;
                left = Expr::Or(Box::new(left), Box::new(right));
                i = rest;
            }
            Err(nom::Err::Error(_)) => return Ok((i, left)),
            Err(e) => return Err(e),
        }
    }
}

fn and_expr(i: &str) -> Res<'_, Expr> {
    let (mut i, mut left) = unary(i)?;
    loop {
        match alt((tag("&&"), keyword("and"))).parse(i.trim_start()) {
            Ok((rest, _)) => {
                let (rest, right) = unary(rest)?;
                left = Expr::And(Box::new(left), Box::new(right));
                i = rest;
            }
            Err(nom::Err::Error(_)) => return Ok((i, left)),
            Err(e) => return Err(e),
        }
    }
}

fn unary(i: &str) -> Res<'_, Expr> {
    let i = i.trim_start();
    if let Ok((rest, _)) = alt((tag::<_, _, PErr>("!"), keyword("not"))).parse(i) {
        let (rest, e) = unary(rest)?;
        return Ok((rest, Expr::Not(Box::new(e))));
    }
    if let Some(rest) = i.strip_prefix('(') {
        let (rest, e) = or_expr(rest)?;
        return match rest.trim_start().strip_prefix(')') {
            Some(rest) => Ok((rest, e)),
            None => fail(i, ErrorKind::UnclosedParen),
        };
    }
    test(i)
}

/// An operator after a field, and its spelling for messages.
enum Op {
    Cmp(CmpOp, &'static str),
    Contains,
    Matches,
    In,
}

fn operator(i: &str) -> Res<'_, Op> {
    alt((
        tag("==").map(|_| Op::Cmp(CmpOp::Eq, "==")),
        tag("!=").map(|_| Op::Cmp(CmpOp::Ne, "!=")),
        tag("~=").map(|_| Op::Cmp(CmpOp::AnyNe, "~=")),
        tag("<=").map(|_| Op::Cmp(CmpOp::Le, "<=")),
        tag(">=").map(|_| Op::Cmp(CmpOp::Ge, ">=")),
        tag("<").map(|_| Op::Cmp(CmpOp::Lt, "<")),
        tag(">").map(|_| Op::Cmp(CmpOp::Gt, ">")),
        tag("~").map(|_| Op::Matches),
        keyword("eq").map(|_| Op::Cmp(CmpOp::Eq, "eq")),
        keyword("ne").map(|_| Op::Cmp(CmpOp::Ne, "ne")),
        keyword("any_ne").map(|_| Op::Cmp(CmpOp::AnyNe, "any_ne")),
        keyword("lt").map(|_| Op::Cmp(CmpOp::Lt, "lt")),
        keyword("le").map(|_| Op::Cmp(CmpOp::Le, "le")),
        keyword("gt").map(|_| Op::Cmp(CmpOp::Gt, "gt")),
        keyword("ge").map(|_| Op::Cmp(CmpOp::Ge, "ge")),
        keyword("contains").map(|_| Op::Contains),
        keyword("matches").map(|_| Op::Matches),
        keyword("in").map(|_| Op::In),
    ))
    .parse(i)
}

fn test(i: &str) -> Res<'_, Expr> {
    let Ok((rest, name)) = take_while1::<_, _, PErr>(is_word).parse(i) else {
        return fail(i, ErrorKind::ExpectedExpression);
    };
    let Some((field, ty)) = Field::by_name(name) else {
        return fail(i, ErrorKind::UnknownField(name.to_string()));
    };
    let at_op = rest.trim_start();
    let (rest, op) = match operator(at_op) {
        Ok(x) => x,
        Err(nom::Err::Error(_)) => return Ok((rest, Expr::Exists(field))),
        Err(e) => return Err(e),
    };
    let bad_op = |op: &'static str, why: &'static str| {
        fail(
            at_op,
            ErrorKind::BadOperator {
                field: field.name(),
                op,
                why,
            },
        )
    };
    if ty == FieldType::Protocol {
        return bad_op(ANY_OPERATOR, "filter-why-protocol");
    }
    match op {
        Op::Cmp(c, spelled) => {
            if ty == FieldType::Bool && !matches!(c, CmpOp::Eq | CmpOp::Ne | CmpOp::AnyNe) {
                return bad_op(spelled, "filter-why-bool");
            }
            let (rest, v) = value(rest, field, ty)?;
            Ok((rest, Expr::Cmp(field, c, v)))
        }
        Op::Contains => {
            if !matches!(ty, FieldType::Text | FieldType::Bytes) {
                return bad_op("contains", "filter-why-contains");
            }
            let (rest, v) = value(rest, field, ty)?;
            Ok((rest, Expr::Contains(field, v)))
        }
        Op::Matches => {
            if ty != FieldType::Text {
                return bad_op("matches", "filter-why-matches");
            }
            let at = rest.trim_start();
            let (rest, lit) = literal(rest)?;
            // Wireshark's `matches` is case-insensitive unless `(?-i)`.
            let re = match regex::RegexBuilder::new(lit.text())
                .case_insensitive(true)
                .build()
            {
                Ok(re) => re,
                Err(e) => return fail(at, ErrorKind::BadRegex(e.to_string())),
            };
            Ok((rest, Expr::Matches(field, re)))
        }
        Op::In => set(rest, field, ty),
    }
}

fn set(i: &str, field: Field, ty: FieldType) -> Res<'_, Expr> {
    let open = i.trim_start();
    let Some(mut i) = open.strip_prefix('{') else {
        return fail(open, ErrorKind::ExpectedValue);
    };
    let mut items = Vec::new();
    loop {
        let at = i.trim_start();
        let (rest, lit) = literal(i)?;
        let item = match &lit {
            Lit::Bare(t) if t.contains("..") => {
                let (lo, hi) = t.split_once("..").unwrap_or((t, ""));
                let hi_at = &at[lo.len() + 2..];
                (
                    convert(Lit::Bare(lo), at, field, ty)?,
                    Some(convert(Lit::Bare(hi), hi_at, field, ty)?),
                )
            }
            _ => (convert(lit, at, field, ty)?, None),
        };
        items.push(item);
        let rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix(',') {
            i = r;
        } else if let Some(r) = rest.strip_prefix('}') {
            return Ok((r, Expr::In(field, items)));
        } else {
            return fail(rest, ErrorKind::UnclosedSet);
        }
    }
}

/// A literal as written.
enum Lit<'a> {
    Quoted(String),
    Bare(&'a str),
}

impl Lit<'_> {
    fn text(&self) -> &str {
        match self {
            Lit::Quoted(s) => s,
            Lit::Bare(s) => s,
        }
    }
}

fn is_bare(c: char) -> bool {
    is_word(c) || c == ':' || c == '/'
}

fn literal(i: &str) -> Res<'_, Lit<'_>> {
    let i = i.trim_start();
    if let Some(body) = i.strip_prefix('"') {
        let mut s = String::new();
        let mut chars = body.char_indices();
        while let Some((k, c)) = chars.next() {
            match c {
                '"' => return Ok((&body[k + 1..], Lit::Quoted(s))),
                '\\' => match chars.next() {
                    Some((_, 'n')) => s.push('\n'),
                    Some((_, 't')) => s.push('\t'),
                    Some((_, 'r')) => s.push('\r'),
                    Some((_, '0')) => s.push('\0'),
                    Some((_, c)) => s.push(c),
                    None => break,
                },
                c => s.push(c),
            }
        }
        return fail(i, ErrorKind::UnclosedString);
    }
    match take_while1::<_, _, PErr>(is_bare).parse(i) {
        Ok((rest, t)) => Ok((rest, Lit::Bare(t))),
        Err(_) => fail(i, ErrorKind::ExpectedValue),
    }
}

fn value(i: &str, field: Field, ty: FieldType) -> Res<'_, Value> {
    let at = i.trim_start();
    let (rest, lit) = literal(i)?;
    Ok((rest, convert(lit, at, field, ty)?))
}

/// Converts a literal to the field's type; `at` is where it starts.
fn convert<'a>(
    lit: Lit<'_>,
    at: &'a str,
    field: Field,
    ty: FieldType,
) -> Result<Value, nom::Err<PErr<'a>>> {
    let bad = |expected: &'static str, got: &str| {
        nom::Err::Failure(PErr {
            at,
            kind: ErrorKind::BadValue {
                field: field.name(),
                expected,
                got: got.to_string(),
            },
        })
    };
    match (ty, &lit) {
        (FieldType::Text, _) => Ok(Value::Text(lit.text().to_string())),
        (FieldType::Bytes, Lit::Quoted(s)) => Ok(Value::Bytes(s.as_bytes().to_vec())),
        (FieldType::Bytes, Lit::Bare(t)) => hex_bytes(t)
            .map(Value::Bytes)
            .ok_or_else(|| bad("filter-is-bytes", t)),
        (FieldType::Uint | FieldType::Bool, Lit::Quoted(s)) => Err(bad(
            if ty == FieldType::Bool {
                "filter-is-bool"
            } else {
                "filter-is-number"
            },
            &format!("\"{s}\""),
        )),
        (FieldType::Bool, Lit::Bare(t)) => match *t {
            "true" | "True" | "TRUE" => Ok(Value::Uint(1)),
            "false" | "False" | "FALSE" => Ok(Value::Uint(0)),
            _ => number(t)
                .map(Value::Uint)
                .ok_or_else(|| bad("filter-is-bool", t)),
        },
        (FieldType::Uint, Lit::Bare(t)) => number(t)
            .map(Value::Uint)
            .ok_or_else(|| bad("filter-is-number", t)),
        (FieldType::Ipv4 | FieldType::Ipv6, _) => {
            let t = lit.text();
            let v6 = ty == FieldType::Ipv6;
            let expected = if v6 {
                "filter-is-ipv6"
            } else {
                "filter-is-ipv4"
            };
            let (addr, prefix) = t.split_once('/').map_or((t, None), |(a, p)| (a, Some(p)));
            let addr: IpAddr = if v6 {
                addr.parse::<Ipv6Addr>()
                    .map(IpAddr::V6)
                    .map_err(|_| bad(expected, t))?
            } else {
                addr.parse::<Ipv4Addr>()
                    .map(IpAddr::V4)
                    .map_err(|_| bad(expected, t))?
            };
            let max = if v6 { 128 } else { 32 };
            let prefix = match prefix {
                None => max,
                Some(p) => p
                    .parse::<u8>()
                    .ok()
                    .filter(|&p| p <= max)
                    .ok_or_else(|| bad(expected, t))?,
            };
            Ok(Value::Net(addr, prefix))
        }
        (FieldType::Protocol, _) => Err(bad("filter-is-protocol", lit.text())),
    }
}

/// A number as Wireshark writes them: decimal or `0x` hex.
fn number(t: &str) -> Option<u64> {
    match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(h) => u64::from_str_radix(h, 16).ok(),
        None => t.parse().ok(),
    }
}

/// Bytes as Wireshark writes them: `12:34:56`, `12-34-56`, `12.34.56`, or
/// an even number of hex digits `123456`.
fn hex_bytes(t: &str) -> Option<Vec<u8>> {
    let byte = |p: &str| {
        (p.len() == 2)
            .then(|| u8::from_str_radix(p, 16).ok())
            .flatten()
    };
    for sep in [':', '-', '.'] {
        if t.contains(sep) {
            return t.split(sep).map(byte).collect();
        }
    }
    if t.is_empty() || !t.len().is_multiple_of(2) {
        return None;
    }
    (0..t.len())
        .step_by(2)
        .map(|k| t.get(k..k + 2).and_then(byte))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ParseError {
        parse(text).expect_err(text)
    }

    #[test]
    fn and_binds_tighter_than_or() {
        let e = parse("frame.number == 1 or frame.number == 2 and frame.number == 3").unwrap();
        assert!(matches!(e, Expr::Or(_, r) if matches!(*r, Expr::And(_, _))));
    }

    #[test]
    fn values_are_typed_by_their_field() {
        assert!(matches!(
            parse("websocket.masking_key == 33:58:be:c0").unwrap(),
            Expr::Cmp(Field::WsMaskingKey, CmpOp::Eq, Value::Bytes(b)) if b == [0x33, 0x58, 0xbe, 0xc0]
        ));
        assert!(matches!(
            parse("websocket.masking_key == 3358bec0").unwrap(),
            Expr::Cmp(_, _, Value::Bytes(b)) if b.len() == 4
        ));
        assert!(matches!(
            parse("ip.src == 10.0.0.0/8").unwrap(),
            Expr::Cmp(Field::IpSrc, CmpOp::Eq, Value::Net(_, 8))
        ));
        assert!(matches!(
            parse("websocket.fin == True").unwrap(),
            Expr::Cmp(Field::WsFin, CmpOp::Eq, Value::Uint(1))
        ));
        assert!(matches!(
            parse("http.request.method == GET").unwrap(),
            Expr::Cmp(_, _, Value::Text(t)) if t == "GET"
        ));
        assert!(matches!(
            parse("websocket.opcode == 0x9").unwrap(),
            Expr::Cmp(_, _, Value::Uint(9))
        ));
        assert!(matches!(
            parse("tcp.port in {80, 8000..8100}").unwrap(),
            Expr::In(_, items) if items.len() == 2 && items[1].1 == Some(Value::Uint(8100))
        ));
        assert!(matches!(
            parse("!(websocket) and not http").unwrap(),
            Expr::And(_, _)
        ));
        assert!(matches!(
            parse("ws.note.rule contains \"mask\"").unwrap(),
            Expr::Contains(Field::NoteRule, _)
        ));
    }

    #[test]
    fn errors_point_at_their_column() {
        let e = err("tcp.prot == 80");
        assert_eq!(e.column, 1);
        assert_eq!(e.kind, ErrorKind::UnknownField("tcp.prot".into()));
        let e = err("tcp.port == \"8080\"");
        assert_eq!(e.column, 13);
        assert!(matches!(
            e.kind,
            ErrorKind::BadValue {
                field: "tcp.port",
                ..
            }
        ));
        assert_eq!(err("websocket.opcode == ").column, 21);
        assert_eq!(err("websocket.opcode == ").kind, ErrorKind::ExpectedValue);
        assert_eq!(err("(websocket").kind, ErrorKind::UnclosedParen);
        assert_eq!(err("(websocket").column, 1);
        let e = err("websocket.opcode == 1 websocket");
        assert_eq!((e.column, e.kind), (23, ErrorKind::Trailing));
        assert_eq!(err("tcp.port in {80 8765}").column, 17);
        assert_eq!(err("tcp.port in {80 8765}").kind, ErrorKind::UnclosedSet);
        assert_eq!(err("ws.note contains \"x").kind, ErrorKind::UnclosedString);
        assert!(matches!(
            err("ws.note matches \"(\"").kind,
            ErrorKind::BadRegex(_)
        ));
        assert!(matches!(
            err("websocket == 1").kind,
            ErrorKind::BadOperator { .. }
        ));
        assert!(matches!(
            err("tcp.port contains 80").kind,
            ErrorKind::BadOperator { .. }
        ));
        assert!(matches!(
            err("websocket.fin > 0").kind,
            ErrorKind::BadOperator { .. }
        ));
        assert_eq!(err("ip.addr == 300.1.1.1").column, 12);
        assert_eq!(err("ip.addr == ::1").column, 12);
        assert_eq!(err("").kind, ErrorKind::ExpectedExpression);
        assert_eq!(err("websocket &&").column, 13);
        assert_eq!(
            err("ws.note == \"ä\" && x").column,
            19,
            "columns count characters"
        );
        assert!(matches!(
            err("websocket.masking_key == 1:2").kind,
            ErrorKind::BadValue { .. }
        ));
    }

    #[test]
    fn the_caret_sits_under_the_column() {
        let e = err("tcp.port == x");
        assert_eq!(e.caret("tcp.port == x"), "tcp.port == x\n            ^");
    }
}
