//! TCP sequence analysis and window scaling as Wireshark does them, so that
//! a student sees the same `[TCP Retransmission]`, `[TCP Dup ACK]` and
//! `Win=` in wsdissect as in Wireshark beside it.
//!
//! The algorithm is Wireshark's `tcp_analyze_sequence_number`
//! (epan/dissectors/packet-tcp.c, tshark 4.0), with its defaults:
//! sequence analysis on, relative sequence numbers, no checksum check, no
//! default window scaling. Its checks run in its order, on the raw 32-bit
//! numbers with its wrap-around comparisons, and keep only what the flags
//! need: a few numbers per direction (no list of unacknowledged segments,
//! which Wireshark keeps for RTT and bytes in flight), so the state of a
//! connection is fixed in size.
//!
//! One difference follows from keeping no list: Wireshark stops adding a
//! SYN's or FIN's one sequence number to its "next expected" once a
//! direction has 10 000 segments not yet acknowledged (the list's limit,
//! reached only when the capture misses one direction's ACKs); wsdissect
//! always adds it, as RFC 9293 §3.4 counts it.
//!
//! The window scale (RFC 7323 §2) is known only when both SYNs were seen:
//! Wireshark's `tcp.window_size_scalefactor` is then `2^shift`, `-2` when a
//! SYN showed that scaling is not used, and `-1` (unknown) when the SYNs
//! were not captured; only a known shift scales `tcp.window_size`.

use std::ops::Range;

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use crate::capture::Timestamp;
use crate::net::TcpInfo;

/// The analysis flags of one packet, Wireshark's `tcp.analysis.*` (a bit
/// set; see [`AnalysisFlags::NAMES`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnalysisFlags(u16);

impl AnalysisFlags {
    /// The bits, for the TUI's record spill ([`crate::model::codec`]).
    pub fn bits(self) -> u16 {
        self.0
    }
    /// Flags from [`AnalysisFlags::bits`].
    pub fn from_bits(bits: u16) -> AnalysisFlags {
        AnalysisFlags(bits)
    }
    /// A retransmission (`tcp.analysis.retransmission`): data (or SYN/FIN)
    /// below the highest sequence number already seen, not matched by a
    /// more specific case.
    pub const RETRANSMISSION: AnalysisFlags = AnalysisFlags(1);
    /// A retransmission answering at least two duplicate ACKs within 20 ms
    /// (RFC 5681 §3.2).
    pub const FAST_RETRANSMISSION: AnalysisFlags = AnalysisFlags(1 << 1);
    /// Data the receiver had already acknowledged.
    pub const SPURIOUS_RETRANSMISSION: AnalysisFlags = AnalysisFlags(1 << 2);
    /// Data below the highest sequence number, arriving within the first
    /// handshake's round-trip time (3 ms without one) of it.
    pub const OUT_OF_ORDER: AnalysisFlags = AnalysisFlags(1 << 3);
    /// Starts beyond the next expected sequence number: the capture missed
    /// a segment before it ("Previous segment not captured").
    pub const LOST_SEGMENT: AnalysisFlags = AnalysisFlags(1 << 4);
    /// Acknowledges data the capture never saw ("ACKed unseen segment").
    pub const ACK_LOST_SEGMENT: AnalysisFlags = AnalysisFlags(1 << 5);
    /// A bare ACK repeating the previous ACK number and window.
    pub const DUPLICATE_ACK: AnalysisFlags = AnalysisFlags(1 << 6);
    /// Advertises a zero receive window (RFC 9293 §3.8.6.1).
    pub const ZERO_WINDOW: AnalysisFlags = AnalysisFlags(1 << 7);
    /// One byte sent into a zero window (RFC 9293 §3.8.6.1).
    pub const ZERO_WINDOW_PROBE: AnalysisFlags = AnalysisFlags(1 << 8);
    /// Fills the receiver's advertised window exactly.
    pub const WINDOW_FULL: AnalysisFlags = AnalysisFlags(1 << 9);
    /// A bare ACK changing only the window.
    pub const WINDOW_UPDATE: AnalysisFlags = AnalysisFlags(1 << 10);
    /// Zero or one byte one below the next sequence number (RFC 9293
    /// §3.8.4).
    pub const KEEP_ALIVE: AnalysisFlags = AnalysisFlags(1 << 11);
    /// The ACK answering a keep-alive (`tcp.analysis.keep_alive_ack`).
    pub const KEEP_ALIVE_ACK: AnalysisFlags = AnalysisFlags(1 << 12);
    /// The ACK answering a zero-window probe.
    pub const ZERO_WINDOW_PROBE_ACK: AnalysisFlags = AnalysisFlags(1 << 13);

    /// Wireshark's field names (`tcp.analysis.<name>`), one per bit, in bit
    /// order: the order of the JSON array.
    pub const NAMES: [&'static str; 14] = [
        "retransmission",
        "fast_retransmission",
        "spurious_retransmission",
        "out_of_order",
        "lost_segment",
        "ack_lost_segment",
        "duplicate_ack",
        "zero_window",
        "zero_window_probe",
        "window_full",
        "window_update",
        "keep_alive",
        "keep_alive_ack",
        "zero_window_probe_ack",
    ];

    /// No flag.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: AnalysisFlags) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    fn insert(&mut self, other: AnalysisFlags) {
        self.0 |= other.0;
    }

    /// The names of the flags a packet carries as Wireshark marks them:
    /// a fast or spurious retransmission is also a `retransmission` (tshark
    /// adds both expert infos, so `-Y tcp.analysis.retransmission` lists it).
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        let mut bits = self.0;
        if bits & (Self::FAST_RETRANSMISSION.0 | Self::SPURIOUS_RETRANSMISSION.0) != 0 {
            bits |= Self::RETRANSMISSION.0;
        }
        Self::NAMES
            .iter()
            .enumerate()
            .filter(move |(i, _)| bits & (1 << i) != 0)
            .map(|(_, n)| *n)
    }

    /// The labels Wireshark's Info column starts with, most specific first
    /// (`[TCP Retransmission] `, `[TCP Dup ACK 12#1] `, ...): one wording for
    /// every view. `dup` is the duplicate ACK's original frame and number.
    pub fn info_labels(self, dup: Option<DupAck>) -> String {
        let mut s = String::new();
        let labels: [(AnalysisFlags, &str); 13] = [
            (Self::ZERO_WINDOW_PROBE, "[TCP ZeroWindowProbe] "),
            (Self::ZERO_WINDOW_PROBE_ACK, "[TCP ZeroWindowProbeAck] "),
            (Self::ZERO_WINDOW, "[TCP ZeroWindow] "),
            (Self::KEEP_ALIVE, "[TCP Keep-Alive] "),
            (Self::KEEP_ALIVE_ACK, "[TCP Keep-Alive ACK] "),
            (Self::WINDOW_FULL, "[TCP Window Full] "),
            (Self::WINDOW_UPDATE, "[TCP Window Update] "),
            (Self::ACK_LOST_SEGMENT, "[TCP ACKed unseen segment] "),
            (Self::LOST_SEGMENT, "[TCP Previous segment not captured] "),
            (Self::OUT_OF_ORDER, "[TCP Out-Of-Order] "),
            (
                Self::SPURIOUS_RETRANSMISSION,
                "[TCP Spurious Retransmission] ",
            ),
            (Self::FAST_RETRANSMISSION, "[TCP Fast Retransmission] "),
            (Self::RETRANSMISSION, "[TCP Retransmission] "),
        ];
        if self.contains(Self::DUPLICATE_ACK) {
            match dup {
                Some(d) => s.push_str(&format!("[TCP Dup ACK {}#{}] ", d.frame, d.number)),
                None => s.push_str("[TCP Dup ACK] "),
            }
        }
        for (f, l) in labels {
            if self.contains(f) {
                s.push_str(l);
            }
        }
        s
    }

    /// Whether Wireshark's "Bad TCP" colouring rule (`tcp.analysis.flags &&
    /// !tcp.analysis.window_update && !tcp.analysis.keep_alive &&
    /// !tcp.analysis.keep_alive_ack`) applies.
    pub fn is_bad(self) -> bool {
        let benign = Self::WINDOW_UPDATE.0 | Self::KEEP_ALIVE.0 | Self::KEEP_ALIVE_ACK.0;
        self.0 != 0 && self.0 & benign == 0
    }
}

impl Serialize for AnalysisFlags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for n in self.names() {
            seq.serialize_element(n)?;
        }
        seq.end()
    }
}

/// The JSON form of [`AnalysisFlags`]: an array of the flags' names
/// ([`AnalysisFlags::NAMES`], in bit order, each at most once).
impl schemars::JsonSchema for AnalysisFlags {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AnalysisFlags".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": { "type": "string", "enum": Self::NAMES },
            "uniqueItems": true,
            "description": "Wireshark's TCP analysis flags of the packet, by their field names (tcp.analysis.<name>)."
        })
    }
}

/// A duplicate ACK's place in its run: the `number`th duplicate of the ACK
/// in `frame` (Wireshark's "Dup ACK frame#number").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DupAck {
    /// The last packet of this direction that changed the ACK number.
    pub frame: u64,
    /// 1 for the first duplicate.
    pub number: u32,
}

/// The window scale a direction uses, as Wireshark knows it
/// (`tcp.window_size_scalefactor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowScale {
    /// The SYNs were not both seen: the window cannot be scaled (`-1`).
    Unknown,
    /// A SYN without the option: windows are not scaled (`-2`, RFC 7323
    /// §2.2: both sides must send it).
    NotUsed,
    /// Shift count agreed in the handshake (at most 14, RFC 7323 §2.3).
    Shift(u8),
}

impl WindowScale {
    /// tshark's `tcp.window_size_scalefactor`: -1, -2, or the multiplier.
    pub fn factor(self) -> i32 {
        match self {
            WindowScale::Unknown => -1,
            WindowScale::NotUsed => -2,
            WindowScale::Shift(s) => 1 << s,
        }
    }
}

impl Serialize for WindowScale {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.factor())
    }
}

/// The JSON form of [`WindowScale`]: [`WindowScale::factor`], -1 (unknown),
/// -2 (not used) or the multiplier 2^shift (shift at most 14, RFC 7323 §2.3,
/// but a capture may hold any shift byte up to 255, so any integer).
impl schemars::JsonSchema for WindowScale {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "WindowScale".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": -2,
            "description": "tshark's tcp.window_size_scalefactor: -1 when the handshake was not seen, -2 when a SYN said no scaling, else the multiplier."
        })
    }
}

/// One TCP option (RFC 9293 §3.1, RFC 7323, RFC 2018) with its bytes in the
/// packet, for the options tree and its highlighting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TcpOption {
    /// The option's kind byte.
    pub kind: u8,
    /// Its bytes (kind, length and value) within the packet.
    pub range: Range<usize>,
    /// What it says.
    #[serde(flatten)]
    pub value: TcpOptionValue,
}

/// The decoded value of a TCP option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "option", rename_all = "snake_case")]
pub enum TcpOptionValue {
    /// End of option list (kind 0); what follows is padding.
    Eol,
    /// No-operation (kind 1), aligns the next option.
    Nop,
    /// Maximum segment size (kind 2, SYN only, RFC 9293 §3.7.1).
    Mss {
        /// Largest segment the sender accepts.
        mss: u16,
    },
    /// Window scale (kind 3, SYN only, RFC 7323 §2.2).
    WindowScale {
        /// Shift count as sent.
        shift: u8,
        /// 2^shift, with the shift capped at 14 (RFC 7323 §2.3).
        multiplier: u32,
    },
    /// SACK permitted (kind 4, SYN only, RFC 2018 §2).
    SackPermitted,
    /// SACK blocks (kind 5, RFC 2018 §3): received ranges above the ACK.
    Sack {
        /// The blocks, raw sequence numbers.
        blocks: Vec<SackBlock>,
    },
    /// Timestamps (kind 8, RFC 7323 §3).
    Timestamps {
        /// The sender's clock.
        tsval: u32,
        /// The echoed clock of the other side.
        tsecr: u32,
    },
    /// Another kind, not decoded.
    Unknown {
        /// Its value bytes' length.
        data_len: u8,
    },
    /// A length byte that is missing, below 2, past the header, or wrong
    /// for the kind: the rest of the options cannot be read.
    Malformed {
        /// The length byte, if there was one.
        length: Option<u8>,
    },
}

impl TcpOptionValue {
    /// Wireshark's Info column text for this option (`MSS=1460`,
    /// `SACK_PERM`, `TSval=1 TSecr=0`, `WS=128`, `SLE=.. SRE=..`), if any.
    pub fn info(&self) -> Option<String> {
        match self {
            TcpOptionValue::Mss { mss } => Some(format!("MSS={mss}")),
            TcpOptionValue::WindowScale { multiplier, .. } => Some(format!("WS={multiplier}")),
            TcpOptionValue::SackPermitted => Some("SACK_PERM".into()),
            TcpOptionValue::Timestamps { tsval, tsecr } => {
                Some(format!("TSval={tsval} TSecr={tsecr}"))
            }
            _ => None,
        }
    }
}

/// One SACK block (RFC 2018 §3): the receiver holds `left..right`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SackBlock {
    /// First sequence number of the block.
    pub left: u32,
    /// The sequence number after the block.
    pub right: u32,
}

/// Decodes the options of a TCP header. `header` is the whole header's
/// bytes and `at` where it starts in the packet (for the ranges). Stops at
/// EOL or at a malformed option, which is listed.
pub fn parse_options(header: &[u8], at: usize) -> Vec<TcpOption> {
    let mut out = Vec::new();
    let mut i = 20;
    while i < header.len() {
        let kind = header[i];
        let start = at + i;
        match kind {
            0 => {
                out.push(TcpOption {
                    kind,
                    range: start..start + 1,
                    value: TcpOptionValue::Eol,
                });
                break;
            }
            1 => {
                out.push(TcpOption {
                    kind,
                    range: start..start + 1,
                    value: TcpOptionValue::Nop,
                });
                i += 1;
                continue;
            }
            _ => {}
        }
        let len = header.get(i + 1).copied();
        let fits = len.is_some_and(|l| l >= 2 && i + usize::from(l) <= header.len());
        let expected = match kind {
            2 => Some(4),
            3 => Some(3),
            4 => Some(2),
            8 => Some(10),
            _ => None,
        };
        let valid = fits
            && match (kind, len) {
                (5, Some(l)) => l >= 10 && (l - 2) % 8 == 0,
                (_, Some(l)) => expected.is_none_or(|e| e == l),
                _ => false,
            };
        if !valid {
            let end = if fits {
                i + usize::from(len.unwrap_or(0))
            } else {
                header.len()
            };
            out.push(TcpOption {
                kind,
                range: start..at + end,
                value: TcpOptionValue::Malformed { length: len },
            });
            break;
        }
        let l = usize::from(len.unwrap_or(2));
        let v = &header[i + 2..i + l];
        let be32 = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        let value = match kind {
            2 => TcpOptionValue::Mss {
                mss: u16::from_be_bytes([v[0], v[1]]),
            },
            3 => TcpOptionValue::WindowScale {
                shift: v[0],
                multiplier: 1 << v[0].min(14),
            },
            4 => TcpOptionValue::SackPermitted,
            5 => TcpOptionValue::Sack {
                blocks: v
                    .chunks_exact(8)
                    .map(|c| SackBlock {
                        left: be32(&c[..4]),
                        right: be32(&c[4..]),
                    })
                    .collect(),
            },
            8 => TcpOptionValue::Timestamps {
                tsval: be32(&v[..4]),
                tsecr: be32(&v[4..]),
            },
            _ => TcpOptionValue::Unknown {
                data_len: (l - 2) as u8,
            },
        };
        out.push(TcpOption {
            kind,
            range: start..start + l,
            value,
        });
        i += l;
    }
    out
}

/// What the analysis says about one packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacketAnalysis {
    /// The flags.
    pub flags: AnalysisFlags,
    /// For a duplicate ACK: which ACK it repeats, and how many times so far.
    pub dup_ack: Option<DupAck>,
    /// For a retransmission: the packet that last advanced the sequence
    /// number (Wireshark's `tcp.analysis.rto_frame` reference).
    pub retransmitted_after: Option<u64>,
    /// Sequence number relative to the direction's first (Wireshark's
    /// `tcp.seq`; the SYN is 0, without a SYN the first packet is 1).
    pub seq_rel: u32,
    /// Acknowledgment number relative to the other direction's first
    /// (`tcp.ack`), when the ACK flag is set.
    pub ack_rel: Option<u32>,
    /// The relative sequence number after this segment (`tcp.nxtseq`):
    /// `seq_rel` + payload, + 1 for SYN or FIN.
    pub next_seq_rel: u32,
    /// The window in bytes (`tcp.window_size`): the raw field shifted by the
    /// scale when it is known; SYNs are never scaled (RFC 7323 §2.2).
    pub window_size: u32,
    /// The scale applied (`tcp.window_size_scalefactor`); `None` on SYNs,
    /// which tshark gives none.
    pub scale: Option<WindowScale>,
}

/// One direction's state (Wireshark's `tcp_flow_t` and its
/// `tcp_analyze_seq_flow_info_t`, without the segment list).
#[derive(Debug, Clone, Copy)]
struct Flow {
    base_seq: Option<u32>,
    /// -1 unknown, -2 not used, else the shift.
    win_scale: i8,
    /// The last raw window (`u32::MAX` before the first packet).
    window: u32,
    /// Highest sequence number seen next (0: none yet).
    nextseq: u32,
    nextseqtime: Timestamp,
    nextseqframe: u64,
    maxseqtobeacked: u32,
    lastack: u32,
    lastacktime: Timestamp,
    lastnondupack: u64,
    dupacknum: u32,
    lastsegmentflags: AnalysisFlags,
    /// A SYN was sent and no bare ACK since: its window is the SYN's,
    /// which is never scaled (Wireshark's `is_first_ack`, issue 14690).
    is_first_ack: bool,
}

impl Default for Flow {
    fn default() -> Flow {
        Flow {
            base_seq: None,
            win_scale: -1,
            window: u32::MAX,
            nextseq: 0,
            nextseqtime: Timestamp::default(),
            nextseqframe: 0,
            maxseqtobeacked: 0,
            lastack: 0,
            lastacktime: Timestamp::default(),
            lastnondupack: 0,
            dupacknum: 0,
            lastsegmentflags: AnalysisFlags::default(),
            is_first_ack: false,
        }
    }
}

/// A connection's analysis state: two directions and the handshake's
/// round-trip time. Fixed size, whatever the traffic.
#[derive(Debug, Clone, Default)]
pub struct ConnAnalysis {
    flows: [Flow; 2],
    /// Time of the latest SYN (zero: none).
    ts_mru_syn: Timestamp,
    /// SYN to the first bare ACK (zero: not known).
    ts_first_rtt_ns: i128,
}

fn gt_seq(x: u32, y: u32) -> bool {
    (y.wrapping_sub(x) as i32) < 0
}
fn lt_seq(x: u32, y: u32) -> bool {
    (x.wrapping_sub(y) as i32) < 0
}
fn le_seq(x: u32, y: u32) -> bool {
    (x.wrapping_sub(y) as i32) <= 0
}

fn ns(t: Timestamp) -> i128 {
    i128::from(t.secs) * 1_000_000_000 + i128::from(t.nanos)
}

fn is_zero(t: Timestamp) -> bool {
    t.secs == 0 && t.nanos == 0
}

/// `a - b` as Wireshark's unsigned 64-bit nanoseconds (a negative
/// difference wraps to a huge value, so it is never "within" a limit).
fn since(a: Timestamp, b: Timestamp) -> u64 {
    (ns(a) - ns(b)) as u64
}

impl ConnAnalysis {
    /// Analyses one packet sent in direction `d` (0: client to server) of
    /// this connection, updating the state, with the packet's decoded
    /// options. Mirrors `dissect_tcp`'s order: the reused-SYN check, the
    /// sequence analysis on the raw window, the window scaling known before
    /// this packet, the handshake's RTT, then the options (window scale) and
    /// the check that both SYNs agreed on scaling.
    pub fn packet(
        &mut self,
        d: usize,
        frame: u64,
        ts: Timestamp,
        tcp: &TcpInfo,
        options: &[TcpOption],
    ) -> PacketAnalysis {
        let (f, r) = (d & 1, (d & 1) ^ 1);
        let fl = tcp.flags;
        let (seq, ack, seglen, window) = (
            tcp.seq,
            tcp.ack,
            tcp.wire_payload_len,
            u32::from(tcp.window),
        );
        let syn_fin = fl.syn || fl.fin;
        // A SYN repeating the first one (retransmitted): Wireshark restores
        // the next sequence number (packet-tcp.c, issue 17616).
        if fl.syn && !fl.ack && self.flows[f].base_seq == Some(seq) {
            self.flows[f].nextseq = self.flows[f].maxseqtobeacked;
        }
        let mut out = PacketAnalysis {
            flags: AnalysisFlags::default(),
            dup_ack: None,
            retransmitted_after: None,
            seq_rel: 0,
            ack_rel: None,
            next_seq_rel: 0,
            window_size: window,
            scale: None,
        };
        let mut flags = AnalysisFlags::default();

        // base sequence numbers (relative numbering)
        if self.flows[f].base_seq.is_none() {
            self.flows[f].base_seq = Some(if fl.syn { seq } else { seq.wrapping_sub(1) });
        }
        if self.flows[r].base_seq.is_none() && fl.ack {
            self.flows[r].base_seq = Some(ack.wrapping_sub(1));
        }

        let (fwd, rev) = if f == 0 {
            let (a, b) = self.flows.split_at_mut(1);
            (&mut a[0], &mut b[0])
        } else {
            let (a, b) = self.flows.split_at_mut(1);
            (&mut b[0], &mut a[0])
        };
        let no_sfr = !fl.syn && !fl.fin && !fl.rst;

        'fwd: {
            // ZERO WINDOW PROBE
            if seglen == 1 && seq == fwd.nextseq && rev.window == 0 {
                flags.insert(AnalysisFlags::ZERO_WINDOW_PROBE);
                break 'fwd;
            }
            // ZERO WINDOW
            if window == 0 && no_sfr {
                flags.insert(AnalysisFlags::ZERO_WINDOW);
            }
            // LOST PACKET
            if fwd.nextseq != 0 && gt_seq(seq, fwd.nextseq) && !fl.rst {
                flags.insert(AnalysisFlags::LOST_SEGMENT);
            }
            // KEEP ALIVE
            if seglen <= 1 && seq == fwd.nextseq.wrapping_sub(1) && no_sfr {
                flags.insert(AnalysisFlags::KEEP_ALIVE);
            }
            let same_seq_ack = seq == fwd.nextseq && ack == fwd.lastack;
            // WINDOW UPDATE
            if seglen == 0 && window != 0 && window != fwd.window && same_seq_ack && no_sfr {
                flags.insert(AnalysisFlags::WINDOW_UPDATE);
            }
            // WINDOW FULL
            if seglen > 0 && rev.win_scale != -1 && no_sfr {
                let shift = if rev.is_first_ack || rev.win_scale == -2 {
                    0
                } else {
                    rev.win_scale as u32
                };
                let edge = rev.lastack.wrapping_add(rev.window.wrapping_shl(shift));
                if seq.wrapping_add(seglen) == edge {
                    flags.insert(AnalysisFlags::WINDOW_FULL);
                }
            }
            let repeat = seglen == 0 && window == fwd.window && same_seq_ack && no_sfr;
            // KEEP ALIVE ACK
            if repeat && window != 0 && rev.lastsegmentflags.contains(AnalysisFlags::KEEP_ALIVE) {
                flags.insert(AnalysisFlags::KEEP_ALIVE_ACK);
                break 'fwd;
            }
            // ZERO WINDOW PROBE ACK
            if repeat
                && window == 0
                && rev
                    .lastsegmentflags
                    .contains(AnalysisFlags::ZERO_WINDOW_PROBE)
            {
                flags.insert(AnalysisFlags::ZERO_WINDOW_PROBE_ACK);
                break 'fwd;
            }
            // DUPLICATE ACK
            if repeat && window != 0 {
                fwd.dupacknum = fwd.dupacknum.saturating_add(1);
                flags.insert(AnalysisFlags::DUPLICATE_ACK);
                out.dup_ack = Some(DupAck {
                    frame: fwd.lastnondupack,
                    number: fwd.dupacknum,
                });
            }
        }
        // finished_fwd: a new ACK number resets the duplicate count
        if ack != fwd.lastack {
            fwd.lastnondupack = frame;
            fwd.dupacknum = 0;
        }
        // ACKED LOST PACKET
        if rev.maxseqtobeacked != 0 && gt_seq(ack, rev.maxseqtobeacked) && fl.ack {
            flags.insert(AnalysisFlags::ACK_LOST_SEGMENT);
            rev.maxseqtobeacked = rev.nextseq;
        }
        // RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER
        'retrans: {
            if !(seglen > 0 || syn_fin) || flags.contains(AnalysisFlags::KEEP_ALIVE) {
                break 'retrans;
            }
            let mut not_advanced = fwd.nextseq != 0 && lt_seq(seq, fwd.nextseq);
            // one byte less than nextseq with new data: after a zero-window probe
            if seglen > 1 && fwd.nextseq.wrapping_sub(1) == seq {
                not_advanced = false;
            }
            if not_advanced
                && rev.dupacknum >= 2
                && rev.lastack == seq
                && since(ts, rev.lastacktime) < 20_000_000
            {
                flags.insert(AnalysisFlags::FAST_RETRANSMISSION);
                break 'retrans;
            }
            let ooo_thres = if self.ts_first_rtt_ns == 0 {
                3_000_000
            } else {
                self.ts_first_rtt_ns as u64
            };
            let end = seq.wrapping_add(seglen).wrapping_add(u32::from(syn_fin));
            if not_advanced && since(ts, fwd.nextseqtime) < ooo_thres && fwd.nextseq != end {
                flags.insert(AnalysisFlags::OUT_OF_ORDER);
                break 'retrans;
            }
            if seglen > 0 && rev.lastack != 0 && le_seq(seq.wrapping_add(seglen), rev.lastack) {
                flags.insert(AnalysisFlags::SPURIOUS_RETRANSMISSION);
                break 'retrans;
            }
            if not_advanced {
                flags.insert(AnalysisFlags::RETRANSMISSION);
                out.retransmitted_after = Some(fwd.nextseqframe);
            }
        }
        let nextseq = seq.wrapping_add(seglen).wrapping_add(u32::from(syn_fin));
        let zwp = flags.contains(AnalysisFlags::ZERO_WINDOW_PROBE);
        if (gt_seq(nextseq, fwd.nextseq) || fwd.nextseq == 0) && !zwp {
            fwd.nextseq = nextseq;
            fwd.nextseqframe = frame;
            fwd.nextseqtime = ts;
        }
        if (seq == fwd.maxseqtobeacked || fwd.maxseqtobeacked == 0) && !zwp {
            fwd.maxseqtobeacked = fwd.nextseq;
        }
        fwd.window = window;
        fwd.lastack = ack;
        fwd.lastacktime = ts;
        fwd.lastsegmentflags = flags;

        // relative numbers and the scaled window (after the analysis, as
        // dissect_tcp does)
        let fbase = fwd.base_seq.unwrap_or(0);
        out.seq_rel = seq.wrapping_sub(fbase);
        out.next_seq_rel = out
            .seq_rel
            .wrapping_add(seglen)
            .wrapping_add(u32::from(syn_fin));
        if fl.ack {
            out.ack_rel = Some(ack.wrapping_sub(rev.base_seq.unwrap_or(0)));
        }
        if !fl.syn {
            let scale = match fwd.win_scale {
                -1 => WindowScale::Unknown,
                -2 => WindowScale::NotUsed,
                s => WindowScale::Shift(s as u8),
            };
            if let WindowScale::Shift(s) = scale {
                out.window_size = window << s;
            }
            out.scale = Some(scale);
        }
        out.flags = flags;

        // the handshake's RTT: from the latest SYN to the first bare ACK
        if fl.syn && !fl.ack {
            self.ts_mru_syn = ts;
        }
        if fl.ack && !fl.syn && !is_zero(self.ts_mru_syn) && self.ts_first_rtt_ns == 0 {
            self.ts_first_rtt_ns = ns(ts) - ns(self.ts_mru_syn);
        }
        if fl.syn {
            self.flows[f].is_first_ack = true;
        } else if fl.ack {
            self.flows[f].is_first_ack = false;
        }
        // the window scale option, then whether both SYNs agreed
        for o in options {
            if let TcpOptionValue::WindowScale { shift, .. } = o.value {
                self.flows[f].win_scale = shift.min(14) as i8;
            }
        }
        if fl.syn {
            if self.flows[f].win_scale == -1 {
                self.flows[f].win_scale = -2;
                self.flows[r].win_scale = -2;
            } else if fl.ack && self.flows[r].win_scale == -2 {
                self.flows[f].win_scale = -2;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_of_a_linux_syn() {
        // MSS 65495, SACK_PERM, TS 1/0, NOP, WS 7
        let mut h = vec![0u8; 20];
        h.extend_from_slice(&[
            2, 4, 0xff, 0xd7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7,
        ]);
        let o = parse_options(&h, 34);
        let v: Vec<_> = o.iter().map(|o| o.value.clone()).collect();
        assert_eq!(
            v,
            vec![
                TcpOptionValue::Mss { mss: 65495 },
                TcpOptionValue::SackPermitted,
                TcpOptionValue::Timestamps { tsval: 1, tsecr: 0 },
                TcpOptionValue::Nop,
                TcpOptionValue::WindowScale {
                    shift: 7,
                    multiplier: 128
                },
            ]
        );
        assert_eq!(o[0].range, 54..58);
        assert_eq!(o[4].range, 71..74);
    }

    #[test]
    fn malformed_and_sack_options() {
        let mut h = vec![0u8; 20];
        h.extend_from_slice(&[1, 1, 5, 10, 0, 0, 0, 5, 0, 0, 0, 9, 9, 1]);
        let o = parse_options(&h, 0);
        assert_eq!(
            o[2].value,
            TcpOptionValue::Sack {
                blocks: vec![SackBlock { left: 5, right: 9 }]
            }
        );
        assert_eq!(o[3].value, TcpOptionValue::Malformed { length: Some(1) });
        assert_eq!(o[3].range, 32..34);
    }

    #[test]
    fn fast_retransmission_also_names_retransmission() {
        let f = AnalysisFlags::FAST_RETRANSMISSION;
        assert_eq!(
            f.names().collect::<Vec<_>>(),
            ["retransmission", "fast_retransmission"]
        );
        assert_eq!(f.info_labels(None), "[TCP Fast Retransmission] ");
        assert!(f.is_bad());
        assert!(!AnalysisFlags::WINDOW_UPDATE.is_bad());
    }
}
