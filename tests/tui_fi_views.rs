//! The teaching views 1–9 in Finnish (`--lang fi`), on the same real
//! captures and at the same places as their English snapshots in
//! tests/tui_views.rs and tests/tui_flow_follow.rs, with the words a student
//! of the course checks: kättely, kehys, maskaus, viesti, tavua, asiakas,
//! palvelin. Each view is also checked for the English sentences it used to
//! show, so a text left untranslated in a view fails here.
#![cfg(feature = "tui")]

use crate::support::{load_wss, press, render, sample, shared};
use wsdissect::analyze::Options;
use wsdissect::i18n::Lang;
use wsdissect::tui::App;

/// A capture loaded as `wsdissect --lang fi tui` loads it: the notes worded
/// in Finnish by the dissector, the TUI's texts in Finnish.
fn fi(path: &str) -> App {
    let mut opts = Options::default();
    opts.dissect.lang = Lang::Fi;
    let mut app = App::load(path, &opts).expect("capture loads");
    app.set_lang(Lang::Fi);
    app
}

fn echo() -> App {
    fi(&sample("fastapi-echo.pcap"))
}

/// Asserts that `screen` contains every word of `words`.
fn has_all(screen: &str, words: &[&str]) {
    for w in words {
        assert!(screen.contains(w), "missing {w:?} in\n{screen}");
    }
}

/// Asserts that `screen` shows none of `english` (texts of the view that
/// must be Finnish now).
fn has_none(screen: &str, english: &[&str]) {
    for e in english {
        assert!(!screen.contains(e), "English {e:?} left in\n{screen}");
    }
}

#[test]
fn handshake_view_fi() {
    let mut app = echo();
    press(&mut app, "1");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("handshake_fi_80x24", s.clone());
    has_all(
        &s,
        &["1 Kättely", "virta 0", "Pyyntö — kehys", "Asiakas pyytää"],
    );
    has_none(&s, &["Request —", "The client asks", "stream 0"]);
    // The Accept step by step: the course's words.
    press(&mut app, "G");
    render(&mut app, 80, 24);
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("handshake_accept_steps_fi_80x24", s.clone());
    has_all(
        &s,
        &[
            "Accept vaihe vaiheelta",
            "Liimataan avaimen perään",
            "SHA1-hash",
            "base64-enkoodattuna",
            "✓ Ne ovat samat",
        ],
    );
    has_none(&s, &["step by step", "They match"]);
    let mut app = echo();
    press(&mut app, "1");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("handshake_fi_120x40", s.clone());
    has_all(&s, &["Kättely", "Vastaus — kehys", "★"]);
}

#[test]
fn handshake_with_a_wrong_accept_fi() {
    let Some(p) = shared("zeek/wrong-accept-header.pcap") else {
        return;
    };
    let mut app = fi(&p);
    press(&mut app, "1G");
    render(&mut app, 120, 40);
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("wrong_accept_steps_fi_120x40", s.clone());
    has_all(
        &s,
        &[
            "Accept ✗",
            "✗ Ne eroavat (merkistä",
            "asiakkaan ON katkaistava yhteys",
        ],
    );
    has_none(&s, &["They differ"]);
}

#[test]
fn refused_handshake_fi() {
    let mut app = fi(&sample("websockets-refused.pcap"));
    press(&mut app, "1");
    let s = render(&mut app, 100, 30);
    insta::assert_snapshot!("refused_handshake_fi_100x30", s.clone());
    has_all(
        &s,
        &[
            "hylätty",
            "Tämä palvelin kieltäytyi: se vastasi HTTP/1.1 403",
        ],
    );
    press(&mut app, "G");
    render(&mut app, 100, 30);
    let s = render(&mut app, 100, 30);
    insta::assert_snapshot!("refused_handshake_end_fi_100x30", s.clone());
    has_all(&s, &["Ei verrattavaa: palvelin kieltäytyi"]);
}

#[test]
fn frame_header_view_fi() {
    let mut app = echo();
    press(&mut app, "n2");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("header_fi_80x24", s.clone());
    has_all(
        &s,
        &[
            "2 Kehyksen header",
            "kehys #0, virta 0",
            "Jokainen WebSocket-kehys",
            "Tavu 0",
        ],
    );
    has_none(&s, &["Every WebSocket frame", "Byte 0"]);
    press(&mut app, "<PgDn>");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("header_fi_80x24_page2", s.clone());
    // 7-bit length, the masking key and the totals.
    has_all(&s, &["maskausavain", "Yhteensä", "tavua"]);
    // 300 bytes: 126 and a 16-bit length.
    press(&mut app, "nnnnnn");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("header_len16_fi_120x40", s.clone());
    has_all(
        &s,
        &[
            "payload len = 126",
            "16-bittisenä",
            "300 tavua",
            "lisäpituus (16 bittiä)",
        ],
    );
    // 65600 bytes: 127 and a 64-bit length.
    press(&mut app, "nn");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("header_len64_fi_120x40", s.clone());
    has_all(
        &s,
        &[
            "payload len = 127",
            "64-bittisenä",
            "65600 tavua",
            "(64 bittiä)",
        ],
    );
    has_none(&s, &["bytes", "extended payload length"]);
}

#[test]
fn unmasking_view_fi() {
    let mut app = echo();
    press(&mut app, "n3");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("unmask_fi_80x24", s.clone());
    has_all(
        &s,
        &[
            "3 Maskaus ",
            "maskaa",
            "Maskausavain",
            "Tavu 0 bitti bitiltä",
        ],
    );
    has_none(&s, &["A client masks", "Masking key", "bit by bit"]);
    press(&mut app, "G");
    render(&mut app, 80, 24);
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("unmask_fi_80x24_end", s.clone());
    has_all(&s, &["Tavu tavulta", "linjalla", "merkki"]);
    // A server frame is not masked.
    press(&mut app, "n");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("unmask_server_frame_fi_80x24", s.clone());
    has_all(
        &s,
        &[
            "palvelimelta asiakkaalle",
            "eivätkä palvelimet koskaan maskaa",
        ],
    );
}

#[test]
fn unmasking_then_inflating_fi() {
    let mut app = fi(&sample("websockets-deflate.pcap"));
    press(&mut app, "nnn3");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("unmask_inflate_fi_120x40", s.clone());
    has_all(
        &s,
        &[
            "pakkauksen purku",
            "DEFLATE-dataa",
            "Lisätään perään 00 00 ff ff",
        ],
    );
    has_none(&s, &["Then: inflate", "Append 00 00 ff ff"]);
}

#[test]
fn message_view_text_json_binary_fi() {
    let mut app = echo();
    // The first text message.
    press(&mut app, "n4");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("message_text_fi_80x24", s.clone());
    has_all(
        &s,
        &[
            "4 Viesti",
            "asiakas → palvelin",
            "Koostuu yhdestä kehyksestä",
            "Koko",
            "Sisältö (teksti)",
        ],
    );
    has_none(&s, &["Made of", "Content"]);
    // JSON.
    press(&mut app, "nn");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("message_json_fi_80x24", s.clone());
    has_all(&s, &["Sisältö (JSON, sisennettynä"]);
    // Binary.
    press(&mut app, "nn");
    assert_eq!(app.selected().unwrap().no, 12);
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("message_binary_fi_120x40", s.clone());
    has_all(&s, &["16 tavua binääridataa"]);
}

#[test]
fn message_view_compressed_fi() {
    let mut app = fi(&sample("websockets-deflate.pcap"));
    press(&mut app, "nnn4");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("message_compressed_fi_120x40", s.clone());
    has_all(
        &s,
        &[
            "Linjalla",
            "Purettuna",
            "Suhde",
            "DEFLATE-dataa, RSV1 asetettu",
        ],
    );
    has_none(&s, &["On the wire", "Decompressed"]);
}

#[test]
fn message_view_control_frame_fi() {
    let mut app = fi(&sample("node-ws.pcap"));
    press(&mut app, "G4");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("message_close_frame_fi_80x24", s.clone());
    has_all(&s, &["ohjauskehys", "Sulkemiskoodi", "Syy"]);
}

#[test]
fn connection_summary_view_fi() {
    let mut app = echo();
    press(&mut app, "5");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("summary_fi_80x24", s.clone());
    has_all(
        &s,
        &[
            "5 Yhteys",
            "Tavut kerroksittain",
            "asiakas→palvelin",
            "palvelin→asiakas",
            "yhteensä",
        ],
    );
    has_none(&s, &["Bytes by layer", "client→server"]);
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("summary_fi_120x40", s.clone());
    has_all(
        &s,
        &[
            "kehysten headerit ovat 2–14 tavua",
            "Ping ja pong",
            "Miten yhteys suljettiin",
        ],
    );
    let mut app = fi(&sample("websockets-deflate.pcap"));
    press(&mut app, "5");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("summary_deflate_fi_120x40", s.clone());
    has_all(&s, &["pakatut viestit"]);
}

#[test]
fn connection_summary_wss_fi() {
    let mut app = load_wss("wss-websockets-tls13-aes128");
    app.set_lang(Lang::Fi);
    press(&mut app, "5");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("summary_wss_fi_120x40", s.clone());
    has_all(
        &s,
        &[
            "TLS: salaus purettu avainlokilla",
            "Salausjoukko",
            "Avainloki on",
        ],
    );
}

/// A wss:// capture opened without its key log: why it is not decrypted and
/// what to do, in the words of the notes.
#[test]
fn connection_summary_wss_without_keys_fi() {
    let mut app = fi(&sample("wss-browser-fastapi.pcap"));
    press(&mut app, "5");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("summary_wss_no_keys_fi_120x40", s.clone());
    has_all(
        &s,
        &[
            "TLS: salattu, ei purettu",
            "✗ Salausta ei purettu:",
            "Mitä tehdä:",
        ],
    );
    has_none(&s, &["run the browser with SSLKEYLOGFILE"]);
}

#[test]
fn notes_view_fi() {
    let mut app = fi(&sample("node-ws.pcap"));
    press(&mut app, "G6");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("notes_fi_80x24", s.clone());
    has_all(&s, &["6 Huomiot", "valitsee huomion"]);
    has_none(&s, &["select a note", "a pong that answers no ping"]);
    let mut app = echo();
    press(&mut app, "6");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("notes_none_fi_80x24", s.clone());
    has_all(&s, &["0 huomiota", "Ei huomioita"]);
}

#[test]
fn exercise_view_fi() {
    let mut app = fi(&sample("browser-fastapi.pcap"));
    press(&mut app, "7");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("exercise_fi_80x24", s.clone());
    has_all(&s, &["7 Harjoitus", "virta 2"]);
}

#[test]
fn flow_view_fi() {
    let mut app = fi(&sample("browser-fastapi.pcap"));
    press(&mut app, "n8");
    let s = render(&mut app, 100, 30);
    insta::assert_snapshot!("flow_packets_fi_100x30", s.clone());
    has_all(
        &s,
        &["8 Kulku", "nuolina paketit", "asiakas", "palvelin", "Aika"],
    );
    has_none(&s, &["one arrow per", "m switches"]);
    press(&mut app, "m");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("flow_frames_fi_80x24", s.clone());
    has_all(&s, &["nuolina HTTP-headerosat ja WebSocket-kehykset"]);
}

#[test]
fn follow_view_fi() {
    let mut app = fi(&sample("browser-fastapi.pcap"));
    press(&mut app, "n9");
    let s = render(&mut app, 100, 30);
    insta::assert_snapshot!("follow_tcp_fi_100x30", s.clone());
    has_all(
        &s,
        &["9 Seuraa", "TCP-virta", "asiakas → palvelin", "kehys"],
    );
    has_none(&s, &["next mode", "what TCP delivered"]);
    press(&mut app, "mm");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("follow_chat_fi_80x24", s.clone());
    has_all(&s, &["keskustelu", "asiakas →", "← palvelin"]);
    has_none(&s, &["client →", "← server"]);
}
