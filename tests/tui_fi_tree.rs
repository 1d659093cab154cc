//! The packet details tree in Finnish (`--lang fi`): snapshots at 120×40 of
//! the tree of each kind of row a student looks at (a SYN with its TCP
//! options, the upgrade request and the 101, a masked client frame and a
//! server frame, a compressed frame, a decrypted wss:// record, a refused
//! upgrade with its notes, an HTTP body), with the tree pane focused and
//! expanded (`<Tab>e`, as tests/tui_keys.rs does), and the course's words
//! each screen must show. Every label comes from locales/fi-tui-tree.ftl.
#![cfg(feature = "tui")]

use crate::support::{goto, load_wss, press, render, sample};
use wsdissect::analyze::Options;
use wsdissect::i18n::Lang;
use wsdissect::tui::App;

/// A sample loaded as `wsdissect --lang fi tui` loads it: the notes worded
/// in Finnish by the dissector, the TUI's texts in Finnish.
fn fi(name: &str) -> App {
    let mut opts = Options::default();
    opts.dissect.lang = Lang::Fi;
    let mut app = App::load(&sample(name), &opts).expect("capture loads");
    app.set_lang(Lang::Fi);
    app
}

/// Moves the tree selection to the first item whose label starts with
/// `prefix` (focus on the tree).
fn select_tree(app: &mut App, prefix: &str) {
    press(app, "g");
    for _ in 0..300 {
        if app.tree_selected().unwrap_or("").starts_with(prefix) {
            return;
        }
        press(app, "j");
    }
    panic!("no tree item starts with {prefix:?}");
}

/// Row `no`, the tree focused and every node open; returns every label of
/// the tree, one a line (walked with `j` from the top).
fn open_tree(app: &mut App, no: u64) -> String {
    goto(app, no);
    assert_eq!(app.selected().unwrap().no, no);
    press(app, "<Tab>e");
    // The course's small terminal draws it too (long Finnish labels are cut,
    // never a panic).
    render(app, 80, 24);
    press(app, "g");
    let mut labels = Vec::new();
    let mut last = std::ptr::null();
    for _ in 0..1000 {
        let Some(l) = app.tree_selected() else { break };
        if l.as_ptr() == last {
            break;
        }
        last = l.as_ptr();
        labels.push(l.to_string());
        press(app, "j");
    }
    labels.join("\n")
}

fn assert_has(screen: &str, words: &[&str]) {
    for w in words {
        assert!(screen.contains(w), "{w:?} missing from:\n{screen}");
    }
}

/// No English label of the tree is left (the words the English tree uses
/// around fields).
fn assert_no_english(screen: &str) {
    for w in [
        " bytes",
        "Source port",
        "TCP payload",
        "press ",
        "client → server",
        "server → client",
        "Notes (",
        "Reason:",
        "Decrypted",
        "Status code",
    ] {
        assert!(!screen.contains(w), "English {w:?} left in:\n{screen}");
    }
}

#[test]
fn syn_with_tcp_options_fi() {
    let mut app = fi("fastapi-echo.pcap");
    press(&mut app, "a");
    let all = open_tree(&mut app, 1);
    assert_has(
        &all,
        &[
            "Kehys 1: 74 tavua linjalla (592 bittiä), 74 tavua kaapattu",
            "Lähdeportti: 54330",
            "Järjestysnumero: 0 (suhteellinen; raaka",
            "Kuittausnumero: (ACK ei asetettu, ei käytössä",
            "Liput: SYN",
            "Optiot: (20 tavua)",
            "TCP-optio - Maximum segment size: 65495 tavua",
            "Siirtomäärä (shift count): 10 (kerroin 1024)",
            "asiakas → palvelin",
        ],
    );
    assert_no_english(&all);
    select_tree(&mut app, "TCP-optio - Maximum");
    insta::assert_snapshot!("tree_syn_options_120x40_fi", render(&mut app, 120, 40));
}

#[test]
fn upgrade_request_and_101_fi() {
    let mut app = fi("fastapi-echo.pcap");
    let all = open_tree(&mut app, 4);
    assert_has(
        &all,
        &[
            "Hypertext Transfer Protocol (pyyntö, headerosa",
            "Pyynnön metodi: GET",
            "(tyhjä rivi: headerosa päättyy)",
            "WebSocketin avauskättely (pyyntö) — vaihe vaiheelta: paina 1",
            "✓ 16 satunnaisen tavun base64",
        ],
    );
    assert_no_english(&all);
    select_tree(&mut app, "Sec-WebSocket-Version: 13 ✓");
    insta::assert_snapshot!("tree_upgrade_request_120x40_fi", render(&mut app, 120, 40));

    press(&mut app, "<Tab><Tab>");
    let all = open_tree(&mut app, 6);
    assert_has(
        &all,
        &[
            "(vastaus, headerosa",
            "HTTP-statuskoodi: 101 (Switching Protocols: päivitys hyväksytty)",
            "WebSocketin avauskättely (vastaus)",
            "✓ = base64(SHA1(avain + GUID))",
            "Yhteys vaihtui WebSocketiksi",
        ],
    );
    assert_no_english(&all);
    select_tree(&mut app, "WebSocketin avauskättely");
    insta::assert_snapshot!("tree_upgrade_101_120x40_fi", render(&mut app, 120, 40));
}

#[test]
fn masked_client_frame_and_server_frame_fi() {
    let mut app = fi("fastapi-echo.pcap");
    let all = open_tree(&mut app, 8);
    assert_has(
        &all,
        &[
            "WebSocket, Text (1)-kehys #0 (asiakas → palvelin)",
            "(viestin viimeinen kehys)",
            "(payload XOR-attu maskausavaimella)",
            "Masking-Key (maskausavain):",
            "= Fin: kyllä (viestin viimeinen kehys)",
            "= Reserved (RSV1): ei",
            "Maskattu payload:",
            "tavua (kuten linjalla)",
            "Payload maskaus purettuna:",
            "maskauksen purku: paina 3",
            "[Viesti #0: text,",
            "1 kehys",
            "Teksti: ",
        ],
    );
    assert_no_english(&all);
    select_tree(&mut app, "Masking-Key");
    insta::assert_snapshot!(
        "tree_masked_client_frame_120x40_fi",
        render(&mut app, 120, 40)
    );

    press(&mut app, "<Tab><Tab>");
    let all = open_tree(&mut app, 9);
    assert_has(
        &all,
        &[
            "(palvelin → asiakas)",
            "(payload lähetetty sellaisenaan)",
            "Payload: ",
            "[TCP-virta 0, suunnan palvelin → asiakas tavu",
        ],
    );
    assert_no_english(&all);
    select_tree(&mut app, "WebSocket, ");
    insta::assert_snapshot!("tree_server_frame_120x40_fi", render(&mut app, 120, 40));
}

#[test]
fn compressed_frame_fi() {
    let mut app = fi("websockets-deflate.pcap");
    let all = open_tree(&mut app, 8);
    assert_has(
        &all,
        &[
            "(permessage-deflate: pakattu)",
            "DEFLATE-data (permessage-deflate, RFC 7692):",
            "Purettu viesti #0:",
            ", pakattu — viesti: paina 4]",
        ],
    );
    assert_no_english(&all);
    select_tree(&mut app, "Teksti: ");
    insta::assert_snapshot!("tree_compressed_frame_120x40_fi", render(&mut app, 120, 40));
}

#[test]
fn decrypted_tls_record_fi() {
    let mut app = load_wss("wss-websockets-tls13-aes128");
    app.set_lang(Lang::Fi);
    // Frame 16: the client's masked "hello over TLS".
    let all = open_tree(&mut app, 16);
    assert_has(
        &all,
        &[
            "Transport Layer Security (TLS 1.3): purettu tietueesta #",
            "valmistui kehyksessä 16",
            "[Purettu TLS-tietueesta #",
            "TLS-tietuekerros #",
            "purettu, tunniste (tag) tarkistettu, liikennesalaisuus 0",
            "Salausjoukko: TLS_AES_128_GCM_SHA256",
            "✓ Purettu 4 avainlokin rivillä",
            "wss-websockets-tls13-aes128.keys rivi",
            "Tietueet: ",
            "asiakas → palvelin",
        ],
    );
    assert_no_english(&all);
    select_tree(&mut app, "Transport Layer Security");
    insta::assert_snapshot!("tree_tls_record_120x40_fi", render(&mut app, 120, 40));
}

#[test]
fn refused_upgrade_with_notes_fi() {
    let mut app = fi("websockets-refused.pcap");
    let all = open_tree(&mut app, 6);
    assert_has(
        &all,
        &[
            "HTTP-statuskoodi: 403",
            "Yhteys ei vaihtunut WebSocketiksi (HTTP-statuskoodi 403)",
            "Huomiot (",
            "kaikki huomiot: paina 6",
            "Tieto: upgrade-refused (RFC 6455 §4.1)",
            "statuskoodilla 403",
        ],
    );
    assert_no_english(&all);
    select_tree(&mut app, "palvelin vastasi");
    press(&mut app, "jjj");
    insta::assert_snapshot!("tree_notes_120x40_fi", render(&mut app, 120, 40));
}

#[test]
fn http_body_fi() {
    let mut app = fi("browser-fastapi.pcap");
    let all = open_tree(&mut app, 11);
    assert_has(
        &all,
        &[
            "Runko: ",
            "lue: paina 4",
            "Linjalla: ",
            "Dekoodattuna: ",
            "Kokonainen: ✓",
        ],
    );
    assert_no_english(&all);
    select_tree(&mut app, "Kokonainen");
    insta::assert_snapshot!("tree_http_body_120x40_fi", render(&mut app, 120, 40));
}
