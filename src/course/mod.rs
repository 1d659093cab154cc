//! The course's companion: what `wsdissect accept`, `handshake`, `frame` and
//! `exercise` compute, kept out of the CLI so that any view (text, JSON, a
//! TUI view) shows the same values.
//!
//! - [`pasted`]: a handshake pasted as text (the course's example, or
//!   Wireshark's Follow TCP Stream) split into its request and response heads.
//! - [`diagram`]: the frame header drawn bit by bit (shared with the TUI's
//!   header view).
//! - [`exercise`]: the course exercise's checklist evaluated on a capture's
//!   records.

pub mod diagram;
pub mod exercise;
pub mod pasted;
