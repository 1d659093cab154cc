//! An HTTP message body as the reader of the message sees it: the transfer
//! coding removed (chunked, RFC 9112 §7.1) and the content coding undone
//! (`Content-Encoding: gzip` / `deflate`, RFC 9110 §8.4.1), bounded in size.
//! Wireshark shows bodies the same way ("De-chunked entity body",
//! "Content-encoded entity body (gzip)"); the TUI shows the result as text.

use std::io::Read;

/// A body after decoding, with why it may be less than the whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedBody {
    /// The decoded bytes, at most the cap given to [`decode`].
    pub data: Vec<u8>,
    /// Decoded bytes beyond the cap that were not kept (0 when unknown).
    pub omitted: u64,
    /// Whether `data` is the whole body: every byte was captured, each
    /// coding was undone, and the cap did not cut it.
    pub complete: bool,
    /// Why not, in words, when it is not.
    pub problem: Option<String>,
}

/// Removes the chunked transfer coding (RFC 9112 §7.1) from `raw`, the
/// body's bytes as captured from its first chunk-size line. Returns the
/// chunk data and whether the last chunk was reached.
pub fn dechunk(raw: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let Some(nl) = raw[i.min(raw.len())..].iter().position(|&b| b == b'\n') else {
            return (out, false);
        };
        let line = &raw[i..i + nl];
        i += nl + 1;
        let hex: Vec<u8> = line
            .iter()
            .copied()
            .take_while(|b| b.is_ascii_hexdigit())
            .collect();
        let Some(size) = std::str::from_utf8(&hex)
            .ok()
            .and_then(|h| u64::from_str_radix(h, 16).ok())
        else {
            return (out, false);
        };
        if size == 0 {
            return (out, true);
        }
        let avail = (raw.len() - i) as u64;
        let take = size.min(avail) as usize;
        out.extend_from_slice(&raw[i..i + take]);
        i += take;
        if (take as u64) < size {
            return (out, false);
        }
        // the CRLF after the data
        while i < raw.len() && (raw[i] == b'\r' || raw[i] == b'\n') {
            let lf = raw[i] == b'\n';
            i += 1;
            if lf {
                break;
            }
        }
    }
}

/// Reads a decompressor to its end or to `cap` bytes; a read error (data
/// cut short, corrupt) keeps what came before it.
fn inflate(mut r: impl Read, cap: usize) -> (Vec<u8>, bool, Option<String>) {
    let mut out = Vec::new();
    let mut buf = [0u8; 16 << 10];
    loop {
        match r.read(&mut buf) {
            Ok(0) => return (out, true, None),
            Ok(n) => {
                let room = cap.saturating_sub(out.len());
                if n > room {
                    out.extend_from_slice(&buf[..room]);
                    return (out, false, None);
                }
                out.extend_from_slice(&buf[..n]);
            }
            Err(e) => return (out, false, Some(e.to_string())),
        }
    }
}

/// Decodes a body: `raw` is its bytes as on the wire (those captured, at
/// most the cap), `raw_complete` whether that is all of it, `chunked`
/// whether the chunked transfer coding applies, `encoding` the
/// Content-Encoding header's value. At most `cap` decoded bytes are kept.
pub fn decode(
    raw: &[u8],
    raw_complete: bool,
    chunked: bool,
    encoding: Option<&str>,
    cap: usize,
) -> DecodedBody {
    let mut problem = None;
    let (mut data, mut complete) = if chunked {
        let (d, done) = dechunk(raw);
        (d, done && raw_complete)
    } else {
        (raw.to_vec(), raw_complete)
    };
    if !complete {
        problem = Some("not all of the body is in the capture".to_string());
    }
    // codings are listed in the order they were applied (RFC 9110 §8.4)
    let codings: Vec<String> = encoding
        .unwrap_or("")
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    for c in codings.iter().rev() {
        let (d, done, err) = match c.as_str() {
            "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&data[..]), cap),
            "deflate" => {
                // RFC 9110 §8.4.1.2: the zlib format; some servers send raw
                // deflate, which Wireshark and browsers accept too.
                let z = inflate(flate2::read::ZlibDecoder::new(&data[..]), cap);
                if z.2.is_some() && z.0.is_empty() {
                    inflate(flate2::read::DeflateDecoder::new(&data[..]), cap)
                } else {
                    z
                }
            }
            other => {
                problem = Some(format!(
                    "Content-Encoding {other} is not decoded; the bytes are shown as sent"
                ));
                complete = false;
                break;
            }
        };
        if let Some(e) = err {
            problem.get_or_insert(format!("{c} data does not decode ({e})"));
            complete = false;
        } else if !done {
            problem.get_or_insert(format!("the decoded body is cut at {cap} bytes"));
            complete = false;
        }
        data = d;
    }
    let mut omitted = 0;
    if data.len() > cap {
        omitted = (data.len() - cap) as u64;
        data.truncate(cap);
        problem.get_or_insert(format!("the body is cut at {cap} bytes"));
        complete = false;
    }
    DecodedBody {
        data,
        omitted,
        complete,
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn chunked_gzip_is_undone() {
        let z = gzip(b"{\"hello\": \"world\"}");
        let mut raw = format!("{:x}\r\n", 5).into_bytes();
        raw.extend_from_slice(&z[..5]);
        raw.extend_from_slice(format!("\r\n{:x};ext=1\r\n", z.len() - 5).as_bytes());
        raw.extend_from_slice(&z[5..]);
        raw.extend_from_slice(b"\r\n0\r\n\r\n");
        let d = decode(&raw, true, true, Some("gzip"), 1 << 20);
        assert_eq!(d.data, b"{\"hello\": \"world\"}");
        assert!(d.complete, "{:?}", d.problem);
    }

    #[test]
    fn cut_and_corrupt_bodies_say_so() {
        let z = gzip(&[b'a'; 1000]);
        let d = decode(&z, true, false, Some("gzip"), 10);
        assert_eq!(d.data.len(), 10);
        assert!(!d.complete);
        assert!(d.problem.unwrap().contains("cut at 10"));
        let d = decode(&z[..z.len() / 2], false, false, Some("gzip"), 1 << 20);
        assert!(!d.complete);
        let d = decode(b"not gzip", true, false, Some("gzip"), 1 << 20);
        assert!(d.problem.unwrap().contains("does not decode"));
        let d = decode(b"x", true, false, Some("br"), 1 << 20);
        assert!(d.problem.unwrap().contains("br is not decoded"));
        let (d, done) = dechunk(b"5\r\nabc");
        assert_eq!((d.as_slice(), done), (&b"abc"[..], false));
    }
}
