//! Link-layer demultiplexing and IP/TCP slicing (etherparse, lax mode so that
//! packets cut short by the snaplen still count).

use std::net::{IpAddr, SocketAddr};
use std::ops::Range;

use etherparse::{EtherType, LaxNetSlice, LaxSlicedPacket, TransportSlice};

use crate::capture::LinkType;

/// Why a packet did not yield a TCP segment. None of these stop the capture;
/// the packet is counted and passed over.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A link type wsdissect does not decode.
    #[error("unsupported link type {0}")]
    UnknownLinkType(LinkType),
    /// Fewer bytes than the link-layer header needs.
    #[error("packet shorter than its {0} link-layer header")]
    TruncatedLink(&'static str),
    /// Not IPv4 or IPv6 (ARP, LLDP, ...).
    #[error("not IP (EtherType/family 0x{0:04x})")]
    NotIp(u32),
    /// The IP header itself is malformed or cut off.
    #[error("bad IP header: {0}")]
    BadIp(String),
    /// IP, but not TCP (UDP, ICMP, ...).
    #[error("not TCP (IP protocol {0})")]
    NotTcp(u8),
    /// A fragment of a fragmented IP datagram (not reassembled).
    #[error("IP fragment (IP reassembly is not done)")]
    IpFragment,
    /// The TCP header is malformed or cut off.
    #[error("bad TCP header: {0}")]
    BadTcp(String),
}

/// The IP layer of a packet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct IpInfo {
    /// 4 or 6.
    pub version: u8,
    /// Source address.
    pub src: IpAddr,
    /// Destination address.
    pub dst: IpAddr,
    /// TTL (IPv4) or hop limit (IPv6).
    pub ttl: u8,
    /// The IP header (and IPv6 extension headers) within the packet bytes.
    pub header: Range<usize>,
}

/// TCP flags, each one bit of the header's flags byte (RFC 9293 §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, schemars::JsonSchema)]
pub struct TcpFlags {
    /// Synchronize sequence numbers.
    pub syn: bool,
    /// Acknowledgment field is significant.
    pub ack: bool,
    /// No more data from sender.
    pub fin: bool,
    /// Reset the connection.
    pub rst: bool,
    /// Push function.
    pub psh: bool,
    /// Urgent pointer field is significant.
    pub urg: bool,
}

impl std::fmt::Display for TcpFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        for (on, name) in [
            (self.syn, "SYN"),
            (self.fin, "FIN"),
            (self.rst, "RST"),
            (self.psh, "PSH"),
            (self.ack, "ACK"),
            (self.urg, "URG"),
        ] {
            if on {
                parts.push(name);
            }
        }
        write!(f, "{}", parts.join(", "))
    }
}

/// The TCP layer of a packet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct TcpInfo {
    /// Source endpoint.
    pub src: SocketAddr,
    /// Destination endpoint.
    pub dst: SocketAddr,
    /// Raw sequence number.
    pub seq: u32,
    /// Raw acknowledgment number.
    pub ack: u32,
    /// Flags.
    pub flags: TcpFlags,
    /// Receive window (unscaled).
    pub window: u16,
    /// The TCP header within the packet bytes.
    pub header: Range<usize>,
    /// The payload bytes that were captured, within the packet bytes.
    pub payload: Range<usize>,
    /// Payload length on the wire; larger than `payload.len()` when the
    /// snaplen cut the packet short.
    pub wire_payload_len: u32,
}

/// A packet decoded down to TCP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Link-layer header bytes (empty for raw IP).
    pub link_header: Range<usize>,
    /// The IP layer.
    pub ip: IpInfo,
    /// The TCP layer.
    pub tcp: TcpInfo,
}

fn offset_in(outer: &[u8], inner: &[u8]) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

/// Decodes a packet of the given link type down to its TCP segment.
///
/// Supported: Ethernet (with 802.1Q/QinQ tags), NULL and LOOP (BSD, macOS and
/// Npcap loopback), Linux SLL and SLL2, raw IP (12, 14, 101), IPv4 (228) and
/// IPv6 (229).
pub fn decode_packet(link: LinkType, data: &[u8]) -> Result<Decoded, DecodeError> {
    let (link_len, sliced) = match link.0 {
        1 => {
            if data.len() < 14 {
                return Err(DecodeError::TruncatedLink("Ethernet"));
            }
            let p = LaxSlicedPacket::from_ethernet(data)
                .map_err(|_| DecodeError::TruncatedLink("Ethernet"))?;
            (14, p)
        }
        0 | 108 => {
            let Some(fam) = data.get(..4) else {
                return Err(DecodeError::TruncatedLink("loopback"));
            };
            let fam = [fam[0], fam[1], fam[2], fam[3]];
            // DLT_NULL is in the capturing host's byte order, LOOP is big
            // endian; families are small numbers, so whichever order gives a
            // value below 0x10000 is the right one (Wireshark does the same).
            let le = u32::from_le_bytes(fam);
            let be = u32::from_be_bytes(fam);
            let v = if link.0 == 108 || le > 0xffff { be } else { le };
            let et = match v {
                2 => EtherType::IPV4,
                // AF_INET6 is 10 on Linux, 23 on Windows, 24 on NetBSD/OpenBSD,
                // 28 on FreeBSD, 30 on macOS.
                10 | 23 | 24 | 28 | 30 => EtherType::IPV6,
                other => return Err(DecodeError::NotIp(other)),
            };
            (4, LaxSlicedPacket::from_ether_type(et, &data[4..]))
        }
        12 | 14 | 101 | 228 | 229 => {
            let p =
                LaxSlicedPacket::from_ip(data).map_err(|e| DecodeError::BadIp(e.to_string()))?;
            (0, p)
        }
        113 => {
            let Some(proto) = data.get(14..16) else {
                return Err(DecodeError::TruncatedLink("Linux SLL"));
            };
            let et = u16::from_be_bytes([proto[0], proto[1]]);
            (
                16,
                LaxSlicedPacket::from_ether_type(EtherType(et), &data[16..]),
            )
        }
        276 => {
            if data.len() < 20 {
                return Err(DecodeError::TruncatedLink("Linux SLL2"));
            }
            let et = u16::from_be_bytes([data[0], data[1]]);
            (
                20,
                LaxSlicedPacket::from_ether_type(EtherType(et), &data[20..]),
            )
        }
        _ => return Err(DecodeError::UnknownLinkType(link)),
    };
    let Some(net) = sliced.net.as_ref() else {
        if let Some((e, _)) = &sliced.stop_err {
            return Err(DecodeError::BadIp(e.to_string()));
        }
        return Err(DecodeError::NotIp(ether_type_of(&sliced)));
    };
    let (ip, declared_payload) = match net {
        LaxNetSlice::Ipv4(v4) => {
            let h = v4.header();
            let start = offset_in(data, h.slice());
            let hdr_len = usize::from(h.ihl()) * 4;
            let declared = usize::from(h.total_len()).saturating_sub(hdr_len);
            (
                IpInfo {
                    version: 4,
                    src: IpAddr::V4(h.source_addr()),
                    dst: IpAddr::V4(h.destination_addr()),
                    ttl: h.ttl(),
                    header: start..start + hdr_len,
                },
                declared,
            )
        }
        LaxNetSlice::Ipv6(v6) => {
            let h = v6.header();
            let start = offset_in(data, h.slice());
            let ext = v6.extensions().slice().len();
            let declared = usize::from(h.payload_length()).saturating_sub(ext);
            (
                IpInfo {
                    version: 6,
                    src: IpAddr::V6(h.source_addr()),
                    dst: IpAddr::V6(h.destination_addr()),
                    ttl: h.hop_limit(),
                    header: start..start + 40 + ext,
                },
                declared,
            )
        }
        LaxNetSlice::Arp(_) => return Err(DecodeError::NotIp(0x0806)),
    };
    let Some(payload) = net.ip_payload_ref() else {
        return Err(DecodeError::NotIp(0));
    };
    if payload.fragmented {
        return Err(DecodeError::IpFragment);
    }
    if payload.ip_number != etherparse::IpNumber::TCP {
        return Err(DecodeError::NotTcp(payload.ip_number.0));
    }
    let tcp = match &sliced.transport {
        Some(TransportSlice::Tcp(t)) => t,
        _ => {
            let why = sliced
                .stop_err
                .as_ref()
                .map(|(e, _)| e.to_string())
                .unwrap_or_else(|| "missing".into());
            return Err(DecodeError::BadTcp(why));
        }
    };
    let hstart = offset_in(data, tcp.slice());
    let hlen = tcp.header_slice().len();
    let pstart = hstart + hlen;
    let captured = tcp.payload().len();
    let wire = if payload.incomplete {
        declared_payload.saturating_sub(hlen).max(captured)
    } else {
        captured
    };
    let tcp = TcpInfo {
        src: SocketAddr::new(ip.src, tcp.source_port()),
        dst: SocketAddr::new(ip.dst, tcp.destination_port()),
        seq: tcp.sequence_number(),
        ack: tcp.acknowledgment_number(),
        flags: TcpFlags {
            syn: tcp.syn(),
            ack: tcp.ack(),
            fin: tcp.fin(),
            rst: tcp.rst(),
            psh: tcp.psh(),
            urg: tcp.urg(),
        },
        window: tcp.window_size(),
        header: hstart..pstart,
        payload: pstart..pstart + captured,
        wire_payload_len: u32::try_from(wire).unwrap_or(u32::MAX),
    };
    Ok(Decoded {
        link_header: 0..link_len.min(data.len()),
        ip,
        tcp,
    })
}

fn ether_type_of(p: &LaxSlicedPacket<'_>) -> u32 {
    match &p.link {
        Some(etherparse::LinkSlice::Ethernet2(e)) => u32::from(e.ether_type().0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etherparse::PacketBuilder;

    fn ipv4_tcp(payload: &[u8]) -> Vec<u8> {
        let b = PacketBuilder::ipv4([127, 0, 0, 1], [127, 0, 0, 1], 64)
            .tcp(40000, 8080, 1000, 65535)
            .ack(5);
        let mut out = Vec::new();
        b.write(&mut out, payload).unwrap();
        out
    }

    #[test]
    fn null_loopback_in_either_byte_order() {
        let ip = ipv4_tcp(b"hi");
        for fam in [[2, 0, 0, 0], [0, 0, 0, 2]] {
            let mut pkt = fam.to_vec();
            pkt.extend_from_slice(&ip);
            let d = decode_packet(LinkType::NULL, &pkt).unwrap();
            assert_eq!(d.tcp.dst.port(), 8080);
            assert_eq!(&pkt[d.tcp.payload.clone()], b"hi");
            assert_eq!(d.link_header, 0..4);
        }
    }

    #[test]
    fn raw_ip_and_sll2() {
        let ip = ipv4_tcp(b"abc");
        let d = decode_packet(LinkType::RAW, &ip).unwrap();
        assert_eq!(&ip[d.tcp.payload.clone()], b"abc");
        assert_eq!(d.ip.header, 0..20);
        let mut sll2 = vec![
            0x08, 0x00, 0, 0, 0, 0, 0, 1, 0, 0x01, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        sll2.extend_from_slice(&ip);
        let d = decode_packet(LinkType::LINUX_SLL2, &sll2).unwrap();
        assert_eq!(d.tcp.payload, 20 + 40..20 + 43);
    }

    #[test]
    fn snaplen_cut_payload_reports_wire_length() {
        let ip = ipv4_tcp(&[7u8; 100]);
        let cut = &ip[..60];
        let d = decode_packet(LinkType::RAW, cut).unwrap();
        assert_eq!(d.tcp.payload.len(), 20);
        assert_eq!(d.tcp.wire_payload_len, 100);
    }

    #[test]
    fn unknown_link_type_is_named() {
        let e = decode_packet(LinkType(147), &[0; 40]).unwrap_err();
        assert_eq!(e.to_string(), "unsupported link type unknown (147)");
    }
}
