//! wsdissect: open packet captures and learn WebSocket (RFC 6455) byte by byte.
//!
//! Pipeline: [`capture`] reads pcap/pcapng → [`net`] decodes link/IP/TCP and
//! reassembles streams → [`http`] and [`ws`] parse the handshake and frames →
//! [`dissect`] ties them into the one [`model`] → `dump` and the TUI render it.
//! The TUI is behind the default cargo feature `tui` (ratatui, crossterm).

pub mod analyze;
pub mod capture;
pub mod cli;
pub mod course;
pub mod dissect;
pub mod filter;
pub mod http;
pub mod i18n;
pub mod model;
pub mod net;
pub mod pipeline;
pub mod tls;
#[cfg(feature = "tui")]
pub mod tui;
pub mod ws;
