//! Cipher suites, key derivation and record protection — all arithmetic is
//! done by crates: key derivation by RustCrypto's `hkdf`, `hmac` and `sha2`,
//! the records' AEAD by `ring`; this module only arranges the bytes the RFCs
//! say.
//!
//! * TLS 1.3 (RFC 8446 §7.1, §7.3): `HKDF-Expand-Label(secret, "key", "",
//!   key_length)` and `(secret, "iv", "", 12)` from each traffic secret in
//!   the key log; `KeyUpdate` moves to `HKDF-Expand-Label(secret,
//!   "traffic upd", "", Hash.length)`. Per-record nonce = iv XOR the 64-bit
//!   sequence number left-padded to 12 bytes (§5.3); additional data = the
//!   5-byte record header (§5.2).
//! * TLS 1.2 (RFC 5246 §5, §6.3): `key_block = PRF(master_secret,
//!   "key expansion", server_random + client_random)` with `P_SHA256` or
//!   `P_SHA384` as the suite says, split into client key, server key, client
//!   IV, server IV (the MAC keys are empty for AEAD suites). AES-GCM
//!   (RFC 5288 §3): nonce = 4-byte implicit salt from the key block + the
//!   8-byte explicit nonce at the front of each record. ChaCha20-Poly1305
//!   (RFC 7905 §2): nonce = 12-byte IV XOR the padded sequence number, as in
//!   TLS 1.3. Additional data = `seq_num(8) + type + version + length` of
//!   the plaintext (RFC 5246 §6.2.3.3).
//!
//! Only AEAD suites decrypt. The tag is always verified: a record whose tag
//! does not match is [`DecryptError::BadTag`] and its bytes are never handed
//! out as plaintext.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use ring::aead::{self as ring_aead, LessSafeKey, UnboundKey};
use sha2::{Sha256, Sha384};

use super::record::{ContentType, RecordHeader, HEADER_LEN};

/// Length of the AEAD nonce for every suite decrypted here.
pub const NONCE_LEN: usize = 12;
/// Length of the AEAD tag for every suite decrypted here.
pub const TAG_LEN: usize = 16;
/// TLS 1.2 AES-GCM explicit nonce length (RFC 5288 §3).
pub const EXPLICIT_NONCE_LEN: usize = 8;

/// The hash of a suite: its HKDF (TLS 1.3) or PRF (TLS 1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub enum HashAlg {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
}

impl HashAlg {
    /// Output length in bytes (`Hash.length`).
    pub fn output_len(self) -> usize {
        match self {
            HashAlg::Sha256 => 32,
            HashAlg::Sha384 => 48,
        }
    }
}

/// The AEAD algorithms decrypted here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub enum AeadAlg {
    /// AES-128-GCM (RFC 5116 `AEAD_AES_128_GCM`).
    Aes128Gcm,
    /// AES-256-GCM.
    Aes256Gcm,
    /// ChaCha20-Poly1305 (RFC 8439).
    ChaCha20Poly1305,
}

impl AeadAlg {
    /// Key length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            AeadAlg::Aes128Gcm => 16,
            AeadAlg::Aes256Gcm | AeadAlg::ChaCha20Poly1305 => 32,
        }
    }

    /// TLS 1.2 `fixed_iv_length`: the 4-byte GCM salt (RFC 5288 §3) or the
    /// full 12-byte ChaCha20 IV (RFC 7905 §2).
    pub fn tls12_fixed_iv_len(self) -> usize {
        match self {
            AeadAlg::Aes128Gcm | AeadAlg::Aes256Gcm => 4,
            AeadAlg::ChaCha20Poly1305 => NONCE_LEN,
        }
    }
}

/// A cipher suite wsdissect can decrypt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct CipherSuite {
    /// IANA value.
    pub id: u16,
    /// IANA name (`TLS_AES_128_GCM_SHA256`, `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256` …).
    pub name: &'static str,
    /// A TLS 1.3 suite (0x13xx): keys come from traffic secrets, not a
    /// master secret.
    pub tls13: bool,
    /// Record protection.
    pub aead: AeadAlg,
    /// HKDF / PRF hash.
    pub hash: HashAlg,
}

/// Why a negotiated suite is not decrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SuiteProblem {
    /// CBC or a stream cipher with an HMAC (MAC-then-encrypt): a different
    /// record format that wsdissect does not implement.
    NotAead,
    /// An AEAD other than AES-GCM and ChaCha20-Poly1305 (CCM, ARIA,
    /// Camellia, SM4 …).
    OtherAead,
    /// A suite from the wrong TLS version (a 0x13xx suite in TLS 1.2, or a
    /// TLS 1.2 suite in TLS 1.3).
    WrongVersion,
    /// Not in the IANA registry.
    Unknown,
}

/// Looks up a suite by IANA value for the negotiated version (`tls13`).
///
/// Names and parameters come from `tls-parser`'s copy of the IANA
/// registry; any AES-GCM or ChaCha20-Poly1305 suite decrypts, whatever its
/// key exchange (ECDHE, DHE, RSA, PSK), because the key log gives the master
/// secret directly.
pub fn cipher_suite(id: u16, tls13: bool) -> Result<CipherSuite, SuiteProblem> {
    use tls_parser::{TlsCipherEnc, TlsCipherEncMode, TlsCipherKx, TlsCipherMac, TlsPRF};
    let Some(s) = tls_parser::TlsCipherSuite::from_id(id) else {
        return Err(SuiteProblem::Unknown);
    };
    if (s.kx == TlsCipherKx::Tls13) != tls13 {
        return Err(SuiteProblem::WrongVersion);
    }
    if s.mac != TlsCipherMac::Aead {
        return Err(SuiteProblem::NotAead);
    }
    let aead = match (s.enc, s.enc_mode, s.enc_size) {
        (TlsCipherEnc::Aes, TlsCipherEncMode::Gcm, 128) => AeadAlg::Aes128Gcm,
        (TlsCipherEnc::Aes, TlsCipherEncMode::Gcm, 256) => AeadAlg::Aes256Gcm,
        (TlsCipherEnc::Chacha20_Poly1305, _, _) => AeadAlg::ChaCha20Poly1305,
        _ => return Err(SuiteProblem::OtherAead),
    };
    let hash = match s.prf {
        TlsPRF::Sha384 => HashAlg::Sha384,
        TlsPRF::Sha256 | TlsPRF::Default => HashAlg::Sha256,
        _ => return Err(SuiteProblem::OtherAead),
    };
    Ok(CipherSuite {
        id,
        name: s.name,
        tls13,
        aead,
        hash,
    })
}

/// The IANA name of any suite value, for display (`None` if unassigned).
pub fn suite_name(id: u16) -> Option<&'static str> {
    tls_parser::TlsCipherSuite::from_id(id).map(|s| s.name)
}

/// A secret of the wrong length for the suite's hash (a key-log line from
/// another session, or a SHA-384 secret for a SHA-256 suite), or a key or IV
/// of the wrong length for the AEAD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("secret is {got} bytes, the suite's hash needs {want}")]
pub struct SecretLengthError {
    /// Bytes given.
    pub got: usize,
    /// Bytes the hash needs.
    pub want: usize,
}

/// `HKDF-Expand-Label(Secret, Label, Context, Length)` (RFC 8446 §7.1):
/// HKDF-Expand with `info = uint16 length || opaque label<7..255> = "tls13 "
/// + Label || opaque context<0..255>`. `out.len()` is the length.
pub fn hkdf_expand_label(
    hash: HashAlg,
    secret: &[u8],
    label: &[u8],
    context: &[u8],
    out: &mut [u8],
) -> Result<(), SecretLengthError> {
    let want = hash.output_len();
    if secret.len() != want {
        return Err(SecretLengthError {
            got: secret.len(),
            want,
        });
    }
    // Lengths are bounded by the callers (labels are constants, outputs ≤ 48).
    let len = (out.len() as u16).to_be_bytes();
    let label_len = [(6 + label.len()) as u8];
    let ctx_len = [context.len() as u8];
    let info: [&[u8]; 6] = [&len, &label_len, b"tls13 ", label, &ctx_len, context];
    let ok = match hash {
        HashAlg::Sha256 => hkdf::Hkdf::<Sha256>::from_prk(secret)
            .ok()
            .and_then(|h| h.expand_multi_info(&info, out).ok()),
        HashAlg::Sha384 => hkdf::Hkdf::<Sha384>::from_prk(secret)
            .ok()
            .and_then(|h| h.expand_multi_info(&info, out).ok()),
    };
    ok.ok_or(SecretLengthError {
        got: secret.len(),
        want,
    })
}

/// The next TLS 1.3 application traffic secret after a `KeyUpdate`
/// (RFC 8446 §7.2): `HKDF-Expand-Label(secret, "traffic upd", "", Hash.length)`.
pub fn tls13_next_secret(hash: HashAlg, secret: &[u8]) -> Result<Vec<u8>, SecretLengthError> {
    let mut next = vec![0u8; hash.output_len()];
    hkdf_expand_label(hash, secret, b"traffic upd", b"", &mut next)?;
    Ok(next)
}

/// A write key and IV.
#[derive(Clone, PartialEq, Eq)]
pub struct TrafficKeys {
    /// The AEAD key (`key_len` bytes).
    pub key: Vec<u8>,
    /// TLS 1.3 and ChaCha20: the 12-byte IV; TLS 1.2 GCM: the 4-byte salt.
    pub iv: Vec<u8>,
}

impl fmt::Debug for TrafficKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TrafficKeys({}-byte key, {}-byte iv)",
            self.key.len(),
            self.iv.len()
        )
    }
}

/// The TLS 1.3 traffic key and IV of a traffic secret (RFC 8446 §7.3).
pub fn tls13_traffic_keys(
    suite: &CipherSuite,
    secret: &[u8],
) -> Result<TrafficKeys, SecretLengthError> {
    let mut key = vec![0u8; suite.aead.key_len()];
    let mut iv = vec![0u8; NONCE_LEN];
    hkdf_expand_label(suite.hash, secret, b"key", b"", &mut key)?;
    hkdf_expand_label(suite.hash, secret, b"iv", b"", &mut iv)?;
    Ok(TrafficKeys { key, iv })
}

fn p_hash<M: Mac + KeyInit + Clone>(secret: &[u8], label: &[u8], seed: &[&[u8]], out: &mut [u8]) {
    // HMAC takes keys of any length, so `new_from_slice` cannot fail.
    let Ok(mac) = <M as KeyInit>::new_from_slice(secret) else {
        return;
    };
    // A(1) = HMAC(secret, label + seed)
    let mut a = {
        let mut m = mac.clone();
        m.update(label);
        for s in seed {
            m.update(s);
        }
        m.finalize().into_bytes()
    };
    let mut filled = 0;
    while filled < out.len() {
        let mut m = mac.clone();
        m.update(&a);
        m.update(label);
        for s in seed {
            m.update(s);
        }
        let block = m.finalize().into_bytes();
        let n = block.len().min(out.len() - filled);
        out[filled..filled + n].copy_from_slice(&block[..n]);
        filled += n;
        let mut m = mac.clone();
        m.update(&a);
        a = m.finalize().into_bytes();
    }
}

/// The TLS 1.2 PRF (RFC 5246 §5): `P_<hash>(secret, label + seed)`, filling
/// `out`. `seed` is given in parts (`server_random`, `client_random`).
pub fn tls12_prf(hash: HashAlg, secret: &[u8], label: &[u8], seed: &[&[u8]], out: &mut [u8]) {
    match hash {
        HashAlg::Sha256 => p_hash::<Hmac<Sha256>>(secret, label, seed, out),
        HashAlg::Sha384 => p_hash::<Hmac<Sha384>>(secret, label, seed, out),
    }
}

/// Both directions' TLS 1.2 keys from one key block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tls12Keys {
    /// `client_write_key` and `client_write_IV`.
    pub client: TrafficKeys,
    /// `server_write_key` and `server_write_IV`.
    pub server: TrafficKeys,
}

/// TLS 1.2 key expansion (RFC 5246 §6.3) for an AEAD suite: `key_block =
/// PRF(master_secret, "key expansion", server_random + client_random)`,
/// split as client key, server key, client IV, server IV (no MAC keys).
pub fn tls12_keys(
    suite: &CipherSuite,
    master_secret: &[u8],
    client_random: &[u8],
    server_random: &[u8],
) -> Tls12Keys {
    let k = suite.aead.key_len();
    let i = suite.aead.tls12_fixed_iv_len();
    let mut block = [0u8; 2 * 32 + 2 * NONCE_LEN];
    let block = &mut block[..2 * (k + i)];
    tls12_prf(
        suite.hash,
        master_secret,
        b"key expansion",
        &[server_random, client_random],
        block,
    );
    Tls12Keys {
        client: TrafficKeys {
            key: block[..k].to_vec(),
            iv: block[2 * k..2 * k + i].to_vec(),
        },
        server: TrafficKeys {
            key: block[k..2 * k].to_vec(),
            iv: block[2 * k + i..].to_vec(),
        },
    }
}

/// Why one record did not decrypt.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema, thiserror::Error,
)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DecryptError {
    /// Shorter than the explicit nonce plus the tag.
    #[error("record of {len} bytes is too short to be encrypted (needs at least {min})")]
    TooShort {
        /// Fragment length.
        len: usize,
        /// Minimum.
        min: usize,
    },
    /// The AEAD tag does not match: wrong key, wrong sequence number, or
    /// bytes corrupted in the capture (RFC 8446 §5.2 `bad_record_mac`).
    #[error("authentication tag does not match (bad_record_mac)")]
    BadTag,
}

/// The record AEAD, done by ring: its AES-GCM and ChaCha20-Poly1305 are
/// the assembly of BoringSSL, several times the throughput of a portable
/// implementation, and decryption is most of what `dump` adds for a TLS
/// capture (docs/performance.md, "wss:// (TLS)").
#[derive(Clone)]
struct Aead(LessSafeKey);

impl Aead {
    fn new(alg: AeadAlg, key: &[u8]) -> Option<Aead> {
        let alg = match alg {
            AeadAlg::Aes128Gcm => &ring_aead::AES_128_GCM,
            AeadAlg::Aes256Gcm => &ring_aead::AES_256_GCM,
            AeadAlg::ChaCha20Poly1305 => &ring_aead::CHACHA20_POLY1305,
        };
        Some(Aead(LessSafeKey::new(UnboundKey::new(alg, key).ok()?)))
    }

    /// Decrypts `buf` in place; false when the tag does not match, and then
    /// `buf` holds bytes ring leaves unspecified, which
    /// [`RecordCipher::open`] throws away.
    fn open(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], buf: &mut [u8], tag: &[u8]) -> bool {
        let Ok(tag) = ring_aead::Tag::try_from(tag) else {
            return false;
        };
        self.0
            .open_in_place_separate_tag(
                ring_aead::Nonce::assume_unique_for_key(*nonce),
                ring_aead::Aad::from(aad),
                tag,
                buf,
                0..,
            )
            .is_ok()
    }

    fn seal(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], buf: &mut [u8]) -> [u8; TAG_LEN] {
        let mut out = [0u8; TAG_LEN];
        if let Ok(t) = self.0.seal_in_place_separate_tag(
            ring_aead::Nonce::assume_unique_for_key(*nonce),
            ring_aead::Aad::from(aad),
            buf,
        ) {
            out.copy_from_slice(t.as_ref());
        }
        out
    }
}

/// How the per-record nonce and additional data are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    /// RFC 8446 §5.2–5.3.
    Tls13,
    /// RFC 5288 §3: salt + explicit nonce; RFC 5246 additional data.
    Tls12Gcm,
    /// RFC 7905 §2: iv XOR seq; RFC 5246 additional data.
    Tls12ChaCha,
}

/// One direction's record protection state: the AEAD, its IV and the
/// sequence number (RFC 8446 §5.3: per key, starting at 0; RFC 5246 §6.1:
/// reset by `ChangeCipherSpec`).
#[derive(Clone)]
pub struct RecordCipher {
    aead: Aead,
    iv: [u8; NONCE_LEN],
    scheme: Scheme,
    seq: u64,
}

impl fmt::Debug for RecordCipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecordCipher({:?}, seq {})", self.scheme, self.seq)
    }
}

impl RecordCipher {
    /// TLS 1.3 protection from a traffic secret (RFC 8446 §7.3).
    pub fn tls13(suite: &CipherSuite, secret: &[u8]) -> Result<RecordCipher, SecretLengthError> {
        let keys = tls13_traffic_keys(suite, secret)?;
        RecordCipher::from_keys(suite.aead, &keys, Scheme::Tls13)
    }

    /// TLS 1.2 protection from one half of the key block (an error only if
    /// `keys` were not made for `suite`).
    pub fn tls12(
        suite: &CipherSuite,
        keys: &TrafficKeys,
    ) -> Result<RecordCipher, SecretLengthError> {
        let scheme = match suite.aead {
            AeadAlg::ChaCha20Poly1305 => Scheme::Tls12ChaCha,
            _ => Scheme::Tls12Gcm,
        };
        RecordCipher::from_keys(suite.aead, keys, scheme)
    }

    fn from_keys(
        alg: AeadAlg,
        keys: &TrafficKeys,
        scheme: Scheme,
    ) -> Result<RecordCipher, SecretLengthError> {
        let want_iv = match scheme {
            Scheme::Tls12Gcm => alg.tls12_fixed_iv_len(),
            _ => NONCE_LEN,
        };
        if keys.iv.len() != want_iv {
            return Err(SecretLengthError {
                got: keys.iv.len(),
                want: want_iv,
            });
        }
        let mut iv = [0u8; NONCE_LEN];
        iv[..want_iv].copy_from_slice(&keys.iv);
        let aead = Aead::new(alg, &keys.key).ok_or(SecretLengthError {
            got: keys.key.len(),
            want: alg.key_len(),
        })?;
        Ok(RecordCipher {
            aead,
            iv,
            scheme,
            seq: 0,
        })
    }

    /// The sequence number of the next record.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// TLS 1.2 AES-GCM: a record's explicit nonce read as a number. Senders
    /// use the sequence number (RFC 5288 §3 allows any unique value), so it
    /// is the first guess after a gap. `None` for the other schemes.
    pub fn explicit_nonce(&self, fragment: &[u8]) -> Option<u64> {
        if self.scheme != Scheme::Tls12Gcm {
            return None;
        }
        let b: [u8; EXPLICIT_NONCE_LEN] = fragment.get(..EXPLICIT_NONCE_LEN)?.try_into().ok()?;
        Some(u64::from_be_bytes(b))
    }

    /// Sets the sequence number of the next record.
    pub fn set_seq(&mut self, seq: u64) {
        self.seq = seq;
    }

    fn nonce(&self, explicit: Option<&[u8]>) -> [u8; NONCE_LEN] {
        let mut nonce = self.iv;
        match (self.scheme, explicit) {
            (Scheme::Tls12Gcm, Some(e)) => nonce[4..].copy_from_slice(e),
            _ => {
                for (n, s) in nonce[4..].iter_mut().zip(self.seq.to_be_bytes()) {
                    *n ^= s;
                }
            }
        }
        nonce
    }

    /// TLS 1.2 additional data (RFC 5246 §6.2.3.3).
    fn aad12(&self, content_type: u8, version: u16, plaintext_len: usize) -> [u8; 13] {
        let mut aad = [0u8; 13];
        aad[..8].copy_from_slice(&self.seq.to_be_bytes());
        aad[8] = content_type;
        aad[9..11].copy_from_slice(&version.to_be_bytes());
        aad[11..].copy_from_slice(&(plaintext_len as u16).to_be_bytes());
        aad
    }

    /// Decrypts one record into `out` (cleared first; only the
    /// authenticated plaintext is ever left in it). The sequence number
    /// advances whether or not the tag matches, as the sender's did.
    ///
    /// TLS 1.3: `out` holds the `TLSInnerPlaintext` (content, type byte,
    /// zero padding): pass it to [`strip_inner_plaintext`].
    pub fn open(
        &mut self,
        header: &RecordHeader,
        fragment: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<(), DecryptError> {
        out.clear();
        let explicit = if self.scheme == Scheme::Tls12Gcm {
            EXPLICIT_NONCE_LEN
        } else {
            0
        };
        let min = explicit + TAG_LEN;
        if fragment.len() < min {
            self.seq = self.seq.wrapping_add(1);
            return Err(DecryptError::TooShort {
                len: fragment.len(),
                min,
            });
        }
        let (nonce_part, rest) = fragment.split_at(explicit);
        let (ciphertext, tag) = rest.split_at(rest.len() - TAG_LEN);
        let nonce = self.nonce(Some(nonce_part));
        out.extend_from_slice(ciphertext);
        let ok = match self.scheme {
            Scheme::Tls13 => self.aead.open(&nonce, &header.to_bytes(), out, tag),
            Scheme::Tls12Gcm | Scheme::Tls12ChaCha => {
                let aad = self.aad12(
                    header.content_type.to_u8(),
                    header.version,
                    ciphertext.len(),
                );
                self.aead.open(&nonce, &aad, out, tag)
            }
        };
        self.seq = self.seq.wrapping_add(1);
        if ok {
            Ok(())
        } else {
            out.clear();
            Err(DecryptError::BadTag)
        }
    }

    /// Encrypts one record and appends it, header included, to `out`. For
    /// tests, benchmarks and sample generation: it is the exact inverse of
    /// [`RecordCipher::open`] (TLS 1.3: outer type `application_data`,
    /// `content_type` inside, no padding; TLS 1.2 GCM: explicit nonce = the
    /// sequence number, as OpenSSL does).
    pub fn seal(
        &mut self,
        content_type: ContentType,
        version: u16,
        plaintext: &[u8],
        out: &mut Vec<u8>,
    ) {
        let start = out.len();
        let explicit = self.seq.to_be_bytes();
        let (outer, body_len) = match self.scheme {
            Scheme::Tls13 => (ContentType::ApplicationData, plaintext.len() + 1 + TAG_LEN),
            Scheme::Tls12Gcm => (content_type, EXPLICIT_NONCE_LEN + plaintext.len() + TAG_LEN),
            Scheme::Tls12ChaCha => (content_type, plaintext.len() + TAG_LEN),
        };
        let header = RecordHeader {
            content_type: outer,
            version,
            length: body_len as u16,
        };
        out.extend_from_slice(&header.to_bytes());
        if self.scheme == Scheme::Tls12Gcm {
            out.extend_from_slice(&explicit);
        }
        let ct_start = out.len();
        out.extend_from_slice(plaintext);
        if self.scheme == Scheme::Tls13 {
            out.push(content_type.to_u8());
        }
        let nonce = self.nonce(Some(&explicit));
        let tag = match self.scheme {
            Scheme::Tls13 => {
                let aad = header.to_bytes();
                self.aead.seal(&nonce, &aad, &mut out[ct_start..])
            }
            _ => {
                let aad = self.aad12(content_type.to_u8(), version, plaintext.len());
                self.aead.seal(&nonce, &aad, &mut out[ct_start..])
            }
        };
        out.extend_from_slice(&tag);
        debug_assert_eq!(out.len() - start, HEADER_LEN + body_len);
        self.seq = self.seq.wrapping_add(1);
    }
}

/// Strips a TLS 1.3 `TLSInnerPlaintext` (RFC 8446 §5.4): drops the zero
/// padding, then the real content type byte, leaving the content in `buf`.
/// `None` when every byte is zero (no content type: `unexpected_message`).
pub fn strip_inner_plaintext(buf: &mut Vec<u8>) -> Option<u8> {
    let pos = buf.iter().rposition(|&b| b != 0)?;
    let ty = buf[pos];
    buf.truncate(pos);
    Some(ty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::keylog::decode_hex;

    fn h(s: &str) -> Vec<u8> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        decode_hex(&s).unwrap()
    }

    fn suite13(id: u16) -> CipherSuite {
        cipher_suite(id, true).unwrap()
    }

    /// RFC 8448 §3 "Simple 1-RTT Handshake": traffic secrets → write key and
    /// IV, all four, byte for byte ("derive write traffic keys for
    /// handshake data" / "… for application data" at both ends).
    #[test]
    fn rfc8448_simple_1rtt_key_schedule() {
        let s = suite13(0x1301);
        let cases = [
            (
                "server handshake",
                "b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38",
                "3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc",
                "5d 31 3e b2 67 12 76 ee 13 00 0b 30",
            ),
            (
                "client handshake",
                "b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f 3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21",
                "db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01",
                "5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f",
            ),
            (
                "server application",
                "a1 1a f9 f0 55 31 f8 56 ad 47 11 6b 45 a9 50 32 82 04 b4 f4 4b fb 6b 3a 4b 4f 1f 3f cb 63 16 43",
                "9f 02 28 3b 6c 9c 07 ef c2 6b b9 f2 ac 92 e3 56",
                "cf 78 2b 88 dd 83 54 9a ad f1 e9 84",
            ),
            (
                "client application",
                "9e 40 64 6c e7 9a 7f 9d c0 5a f8 88 9b ce 65 52 87 5a fa 0b 06 df 00 87 f7 92 eb b7 c1 75 04 a5",
                "17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51",
                "5b 78 92 3d ee 08 57 90 33 e5 23 d9",
            ),
        ];
        for (name, secret, key, iv) in cases {
            let k = tls13_traffic_keys(&s, &h(secret)).unwrap();
            assert_eq!(k.key, h(key), "{name} key");
            assert_eq!(k.iv, h(iv), "{name} iv");
        }
    }

    /// RFC 8448 §3: the "finished" key is HKDF-Expand-Label(server
    /// handshake secret, "finished", "", 32) — a second check of the label
    /// encoding with a longer label.
    #[test]
    fn rfc8448_finished_key_checks_the_label_encoding() {
        let mut out = [0u8; 32];
        hkdf_expand_label(
            HashAlg::Sha256,
            &h("b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38"),
            b"finished",
            b"",
            &mut out,
        )
        .unwrap();
        assert_eq!(
            out.to_vec(),
            h("00 8d 3b 66 f8 16 ea 55 9f 96 b5 37 e8 85 c3 1f c0 68 bf 49 2c 65 2f 01 f2 88 a1 d8 cd c1 9f c8")
        );
    }

    /// RFC 8448 §3: the server's encrypted flight (EncryptedExtensions,
    /// Certificate, CertificateVerify, Finished) in one 679-byte record,
    /// decrypted with the server handshake keys derived above.
    #[test]
    fn rfc8448_server_handshake_record_decrypts() {
        let s = suite13(0x1301);
        let secret = h(super::super::tests::RFC8448_SERVER_HS_SECRET);
        let mut c = RecordCipher::tls13(&s, &secret).unwrap();
        let rec = h(super::super::tests::RFC8448_SERVER_FLIGHT);
        assert_eq!(rec.len(), 679);
        let hdr = RecordHeader::parse(&rec).unwrap().unwrap();
        let mut out = Vec::new();
        c.open(&hdr, &rec[5..], &mut out).unwrap();
        assert_eq!(strip_inner_plaintext(&mut out), Some(22));
        let want = [
            super::super::tests::RFC8448_EE,
            super::super::tests::RFC8448_CERT,
            super::super::tests::RFC8448_CV,
            super::super::tests::RFC8448_SERVER_FINISHED,
        ]
        .map(h)
        .concat();
        assert_eq!(out.len(), 657);
        assert_eq!(out, want);
        // The same record at the wrong sequence number does not authenticate.
        let mut out2 = vec![1, 2, 3];
        assert_eq!(
            c.open(&hdr, &rec[5..], &mut out2),
            Err(DecryptError::BadTag)
        );
        assert!(out2.is_empty());
    }

    /// The TLS 1.2 PRF test vectors circulated on the IETF TLS working
    /// group's mailing list (P_SHA256, 100 bytes; P_SHA384, first 48 of 148
    /// bytes), reproduced in many TLS stacks' test suites.
    #[test]
    fn tls12_prf_vectors() {
        let mut out = [0u8; 100];
        tls12_prf(
            HashAlg::Sha256,
            &h("9bbe436ba940f017b17652849a71db35"),
            b"test label",
            &[&h("a0ba9f936cda311827a6f796ffd5198c")],
            &mut out,
        );
        assert_eq!(
            out.to_vec(),
            h(
                "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a\
               6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab\
               4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701\
               87347b66"
            )
        );
        let mut out = [0u8; 48];
        tls12_prf(
            HashAlg::Sha384,
            &h("b80b733d6ceefcdc71566ea48e5567df"),
            b"test label",
            &[&h("cd665cf6a8447dd6ff8b27555edb7465")],
            &mut out,
        );
        assert_eq!(
            out.to_vec(),
            h(
                "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd\
               e9ca0faa60be9fe34f82b1233c9146a0"
            )
        );
        // Seed given in parts = seed concatenated.
        let (mut a, mut b) = ([0u8; 40], [0u8; 40]);
        tls12_prf(HashAlg::Sha256, b"k", b"l", &[b"ab", b"cd"], &mut a);
        tls12_prf(HashAlg::Sha256, b"k", b"l", &[b"abcd"], &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn suites() {
        let s = cipher_suite(0xc02f, false).unwrap();
        assert_eq!(s.name, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assert_eq!((s.aead, s.hash), (AeadAlg::Aes128Gcm, HashAlg::Sha256));
        let s = cipher_suite(0xc030, false).unwrap();
        assert_eq!((s.aead, s.hash), (AeadAlg::Aes256Gcm, HashAlg::Sha384));
        let s = cipher_suite(0xcca8, false).unwrap();
        assert_eq!(
            (s.aead, s.hash),
            (AeadAlg::ChaCha20Poly1305, HashAlg::Sha256)
        );
        let s = cipher_suite(0x1302, true).unwrap();
        assert_eq!(s.name, "TLS_AES_256_GCM_SHA384");
        assert_eq!((s.aead, s.hash), (AeadAlg::Aes256Gcm, HashAlg::Sha384));
        let s = cipher_suite(0x1303, true).unwrap();
        assert_eq!(
            (s.aead, s.hash),
            (AeadAlg::ChaCha20Poly1305, HashAlg::Sha256)
        );
        assert_eq!(cipher_suite(0xc027, false), Err(SuiteProblem::NotAead));
        assert_eq!(cipher_suite(0x002f, false), Err(SuiteProblem::NotAead));
        assert_eq!(cipher_suite(0x1304, true), Err(SuiteProblem::OtherAead));
        assert_eq!(cipher_suite(0x1301, false), Err(SuiteProblem::WrongVersion));
        assert_eq!(cipher_suite(0xc02f, true), Err(SuiteProblem::WrongVersion));
        assert_eq!(cipher_suite(0xfefe, false), Err(SuiteProblem::Unknown));
        assert_eq!(suite_name(0x1303), Some("TLS_CHACHA20_POLY1305_SHA256"));
    }

    #[test]
    fn tls12_key_block_layout_and_round_trip() {
        for id in [0xc02fu16, 0xc030, 0xcca8, 0xcca9, 0x009c] {
            let s = cipher_suite(id, false).unwrap();
            let ms = [0x42u8; 48];
            let (cr, sr) = ([1u8; 32], [2u8; 32]);
            let keys = tls12_keys(&s, &ms, &cr, &sr);
            // Independent slicing of the RFC 5246 §6.3 key block.
            let (k, i) = (s.aead.key_len(), s.aead.tls12_fixed_iv_len());
            let mut block = vec![0u8; 2 * (k + i)];
            tls12_prf(s.hash, &ms, b"key expansion", &[&sr, &cr], &mut block);
            assert_eq!(keys.client.key, block[..k]);
            assert_eq!(keys.server.key, block[k..2 * k]);
            assert_eq!(keys.client.iv, block[2 * k..2 * k + i]);
            assert_eq!(keys.server.iv, block[2 * k + i..]);

            let mut tx = RecordCipher::tls12(&s, &keys.client).unwrap();
            let mut rx = RecordCipher::tls12(&s, &keys.client).unwrap();
            let mut wire = Vec::new();
            for n in 0..3u8 {
                wire.clear();
                let msg = vec![n; 100 + usize::from(n)];
                tx.seal(ContentType::ApplicationData, 0x0303, &msg, &mut wire);
                let hdr = RecordHeader::parse(&wire).unwrap().unwrap();
                let mut out = Vec::new();
                rx.open(&hdr, &wire[5..], &mut out).unwrap();
                assert_eq!(out, msg, "suite {id:#06x} record {n}");
            }
            // A flipped ciphertext bit fails to authenticate.
            wire[HEADER_LEN + 10] ^= 1;
            let hdr = RecordHeader::parse(&wire).unwrap().unwrap();
            rx.set_seq(2);
            let mut out = Vec::new();
            assert_eq!(
                rx.open(&hdr, &wire[5..], &mut out),
                Err(DecryptError::BadTag)
            );
            assert!(out.is_empty());
        }
    }

    /// RFC 5288 §3 / RFC 7905 §2 nonce layouts, checked against the crates
    /// directly: GCM's nonce is salt ‖ explicit, ChaCha's is iv XOR seq.
    #[test]
    fn tls12_nonces_follow_the_rfcs() {
        use aes_gcm::aead::{AeadInOut as _, KeyInit as _};
        use aes_gcm::Aes128Gcm;
        use chacha20poly1305::ChaCha20Poly1305;
        let s = cipher_suite(0xc02f, false).unwrap();
        let keys = TrafficKeys {
            key: vec![9; 16],
            iv: vec![0xa, 0xb, 0xc, 0xd],
        };
        let mut tx = RecordCipher::tls12(&s, &keys).unwrap();
        tx.set_seq(0x0102);
        let mut wire = Vec::new();
        tx.seal(ContentType::ApplicationData, 0x0303, b"hi", &mut wire);
        // Explicit nonce on the wire = seq.
        assert_eq!(&wire[5..13], &0x0102u64.to_be_bytes());
        let aes = Aes128Gcm::new_from_slice(&[9; 16]).unwrap();
        let mut nonce = [0u8; 12];
        nonce[..4].copy_from_slice(&[0xa, 0xb, 0xc, 0xd]);
        nonce[4..].copy_from_slice(&0x0102u64.to_be_bytes());
        let mut aad = 0x0102u64.to_be_bytes().to_vec();
        aad.extend_from_slice(&[23, 3, 3, 0, 2]);
        let mut buf = *b"hi";
        let tag = aes
            .encrypt_inout_detached(&nonce.into(), &aad, (&mut buf[..]).into())
            .unwrap();
        assert_eq!(&wire[13..15], &buf);
        assert_eq!(&wire[15..], &tag[..]);

        let s = cipher_suite(0xcca8, false).unwrap();
        let keys = TrafficKeys {
            key: vec![7; 32],
            iv: (0..12).collect(),
        };
        let mut tx = RecordCipher::tls12(&s, &keys).unwrap();
        tx.set_seq(5);
        wire.clear();
        tx.seal(ContentType::ApplicationData, 0x0303, b"hi", &mut wire);
        let cc = ChaCha20Poly1305::new_from_slice(&[7; 32]).unwrap();
        let mut nonce: [u8; 12] = std::array::from_fn(|i| i as u8);
        nonce[11] ^= 5;
        let mut aad = 5u64.to_be_bytes().to_vec();
        aad.extend_from_slice(&[23, 3, 3, 0, 2]);
        let mut buf = *b"hi";
        let tag = cc
            .encrypt_inout_detached(&nonce.into(), &aad, (&mut buf[..]).into())
            .unwrap();
        assert_eq!(&wire[5..7], &buf);
        assert_eq!(&wire[7..], &tag[..]);
    }

    #[test]
    fn key_update_and_inner_plaintext() {
        let s = suite13(0x1301);
        let secret = [3u8; 32];
        let next = tls13_next_secret(s.hash, &secret).unwrap();
        let mut manual = [0u8; 32];
        hkdf_expand_label(s.hash, &secret, b"traffic upd", b"", &mut manual).unwrap();
        assert_eq!(next, manual);
        assert_ne!(next, secret);
        assert!(tls13_next_secret(HashAlg::Sha384, &secret).is_err());

        let mut b = vec![b'a', b'b', 23, 0, 0, 0];
        assert_eq!(strip_inner_plaintext(&mut b), Some(23));
        assert_eq!(b, b"ab");
        let mut z = vec![0u8; 5];
        assert_eq!(strip_inner_plaintext(&mut z), None);
        assert_eq!(strip_inner_plaintext(&mut Vec::new()), None);
    }

    #[test]
    fn short_records_are_errors() {
        let s = suite13(0x1303);
        let mut c = RecordCipher::tls13(&s, &[1u8; 32]).unwrap();
        let hdr = RecordHeader {
            content_type: ContentType::ApplicationData,
            version: 0x0303,
            length: 3,
        };
        let mut out = Vec::new();
        assert_eq!(
            c.open(&hdr, &[1, 2, 3], &mut out),
            Err(DecryptError::TooShort { len: 3, min: 16 })
        );
        assert_eq!(c.seq(), 1);
        assert!(RecordCipher::tls13(&s, &[1u8; 48]).is_err());
    }
}
