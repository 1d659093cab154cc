//! Turning capture bytes into safe, bounded screen text.
//!
//! Payloads come from the network: they may hold terminal escape sequences,
//! invalid UTF-8 or megabytes of data. Everything shown goes through these
//! helpers, which escape control characters and never look at more than a
//! bounded prefix.

/// Text of at most `max_bytes` of `bytes`, as UTF-8 with replacement
/// characters, without splitting a character at the cut.
pub fn lossy_prefix(bytes: &[u8], max_bytes: usize) -> String {
    let mut cut = bytes.len().min(max_bytes);
    if cut < bytes.len() {
        // Back off to a character boundary (at most 3 continuation bytes).
        let mut back = 0;
        while cut > 0 && back < 3 && (bytes[cut] & 0xc0) == 0x80 {
            cut -= 1;
            back += 1;
        }
    }
    String::from_utf8_lossy(&bytes[..cut]).into_owned()
}

/// `s` with control characters escaped (`\n`, `\t`, `\x1b`...), cut to
/// `max_chars` characters with an ellipsis.
pub fn escape(s: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max_chars * 2));
    for (n, c) in s.chars().enumerate() {
        if n >= max_chars {
            out.push('…');
            return out;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let v = c as u32;
                if v < 0x100 {
                    out.push_str(&format!("\\x{v:02x}"));
                } else {
                    out.push_str(&format!("\\u{{{v:x}}}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` with control characters replaced by spaces (for multi-line text
/// whose newlines were already split off), cut to `max_chars`.
pub fn clean_line(s: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n >= max_chars {
            out.push('…');
            break;
        }
        if c == '\t' {
            out.push_str("    ");
        } else if c.is_control() {
            out.push('·');
        } else {
            out.push(c);
        }
    }
    out
}

/// Payload bytes as a short quoted preview, for list rows and tree items.
pub fn preview(bytes: &[u8], max_chars: usize) -> String {
    let text = lossy_prefix(bytes, max_chars.saturating_mul(4).max(4));
    let total_chars_known_short = bytes.len() <= max_chars;
    let mut s = escape(&text, max_chars);
    if !total_chars_known_short && !s.ends_with('…') && text.len() < bytes.len() {
        s.push('…');
    }
    format!("\"{s}\"")
}

/// A byte as ASCII for hex dumps: printable characters, '.' otherwise.
pub fn ascii(b: u8) -> char {
    if (0x20..0x7f).contains(&b) {
        b as char
    } else {
        '.'
    }
}

/// Bytes as space-separated hex, at most `max` of them.
pub fn hex(bytes: &[u8], max: usize) -> String {
    let mut s = String::with_capacity(bytes.len().min(max) * 3);
    for (i, b) in bytes.iter().take(max).enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&format!("{b:02x}"));
    }
    if bytes.len() > max {
        s.push_str(" …");
    }
    s
}

/// Display width of a character, close enough for layout: wide East Asian
/// characters and emoji take two cells, combining marks none.
pub fn char_width(c: char) -> usize {
    let v = c as u32;
    if v < 0x300 {
        return 1;
    }
    if (0x300..=0x36f).contains(&v) || v == 0x200b || (0xfe00..=0xfe0f).contains(&v) {
        return 0;
    }
    let wide = (0x1100..=0x115f).contains(&v)
        || (0x2e80..=0xa4cf).contains(&v)
        || (0xac00..=0xd7a3).contains(&v)
        || (0xf900..=0xfaff).contains(&v)
        || (0xfe30..=0xfe4f).contains(&v)
        || (0xff00..=0xff60).contains(&v)
        || (0xffe0..=0xffe6).contains(&v)
        || (0x1f300..=0x1f64f).contains(&v)
        || (0x1f900..=0x1f9ff).contains(&v)
        || (0x20000..=0x3fffd).contains(&v);
    if wide {
        2
    } else {
        1
    }
}

/// Splits `s` (no newlines) into pieces at most `width` cells wide.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw > width && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
            w = 0;
        }
        cur.push(c);
        w += cw;
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

/// Splits `s` at spaces into lines at most `width` cells wide (words longer
/// than a line are cut).
pub fn wrap_words(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut w = 0;
    for word in s.split(' ') {
        let ww: usize = word.chars().map(char_width).sum();
        if w > 0 && w + 1 + ww > width {
            out.push(std::mem::take(&mut cur));
            w = 0;
        }
        if ww > width {
            for piece in wrap(word, width) {
                if w > 0 {
                    out.push(std::mem::take(&mut cur));
                }
                w = piece.chars().map(char_width).sum();
                cur = piece;
            }
            continue;
        }
        if w > 0 {
            cur.push(' ');
            w += 1;
        }
        cur.push_str(word);
        w += ww;
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

/// A ratio for people: "2.4×".
pub fn ratio(a: u64, b: u64) -> String {
    if b == 0 {
        "∞".into()
    } else {
        format!("{:.1}×", a as f64 / b as f64)
    }
}

/// A percentage of `part` in `whole`.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "0%".into()
    } else {
        let p = part as f64 * 100.0 / whole as f64;
        if p > 0.0 && p < 1.0 {
            format!("{p:.2}%")
        } else {
            format!("{p:.1}%")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(escape("a\x1b[2Jb\n", 80), "a\\x1b[2Jb\\n");
        assert_eq!(escape("abcdef", 3), "abc…");
    }

    #[test]
    fn prefix_does_not_split_characters() {
        let s = "ééé".as_bytes();
        assert_eq!(lossy_prefix(s, 3), "é");
        assert_eq!(lossy_prefix(s, 100), "ééé");
        assert_eq!(lossy_prefix(&[], 4), "");
    }

    #[test]
    fn preview_is_bounded() {
        let big = vec![b'a'; 10 << 20];
        let p = preview(&big, 10);
        assert_eq!(p, "\"aaaaaaaaaa…\"");
        assert_eq!(preview(b"hi", 10), "\"hi\"");
    }

    #[test]
    fn wraps() {
        assert_eq!(wrap("abcdef", 4), vec!["abcd", "ef"]);
        assert_eq!(wrap("", 4), vec![""]);
        assert_eq!(
            wrap_words("the quick brown fox", 9),
            vec!["the quick", "brown fox"]
        );
    }
}
