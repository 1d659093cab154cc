//! TLS decryption with a browser's key log (work in progress: key log and
//! record layer).

pub mod keylog;
pub mod record;
