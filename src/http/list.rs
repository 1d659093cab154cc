//! Comma-separated header lists (RFC 9110 §5.6.1), as `Connection`,
//! `Upgrade` and `Sec-WebSocket-Protocol` carry them.

/// Split a comma-separated token list such as `Sec-WebSocket-Protocol: chat, superchat`
/// (RFC 6455 §4.1 item 10, §11.3.4), trimming whitespace and dropping empty elements
/// (RFC 9110 §5.6.1). Lenient: never fails.
pub fn parse_token_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|s| s.trim_matches(|c| c == ' ' || c == '\t'))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_lists() {
        assert_eq!(
            parse_token_list("chat, superchat"),
            vec!["chat", "superchat"]
        );
        assert_eq!(
            parse_token_list(" chat ,,\tv2.json "),
            vec!["chat", "v2.json"]
        );
        assert!(parse_token_list("").is_empty());
    }
}
