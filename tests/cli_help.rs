//! The command line in Finnish: every text of `--help` and of clap's usage
//! errors has its Finnish message (none left over), the Finnish screens a
//! student sees have no English of wsdissect's or clap's left, and English
//! stays clap's own text byte for byte.

use std::collections::BTreeSet;
use std::process::Command;

use clap::CommandFactory;
use wsdissect::cli::help;
use wsdissect::cli::Cli;
use wsdissect::i18n::{message_ids, L10n, Lang, HELP_SOURCES};

fn finnish_ids() -> BTreeSet<&'static str> {
    HELP_SOURCES
        .iter()
        .filter(|(l, _)| *l == Lang::Fi)
        .flat_map(|(_, s)| message_ids(s))
        .collect()
}

#[test]
fn every_help_text_has_its_finnish_message_and_no_other() {
    let wanted: BTreeSet<String> = help::message_ids().into_iter().map(|(id, _)| id).collect();
    let have: BTreeSet<String> = finnish_ids().into_iter().map(String::from).collect();
    let missing: Vec<_> = wanted.difference(&have).collect();
    let extra: Vec<_> = have.difference(&wanted).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing from fi-help.ftl: {missing:?}; in fi-help.ftl but matching nothing: {extra:?}"
    );
    // Commands, arguments and values are all there (the list is not empty
    // by accident).
    assert!(wanted.contains("help-cmd-dump") && wanted.contains("help-arg-keylog"));
    assert!(wanted.contains("help-val-dump-payloads-none"));
}

/// Every command path, with the args that show its help.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(c: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for s in c.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.clone();
            p.push(s.get_name().to_string());
            walk(s, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), Vec::new(), &mut out);
    out
}

fn help_of(mut cmd: clap::Command, path: &[String], long: bool) -> String {
    let mut args = vec!["wsdissect".to_string()];
    args.extend(path.iter().cloned());
    args.push(if long { "--help" } else { "-h" }.into());
    cmd.build();
    match cmd.try_get_matches_from(args) {
        Err(e) => e.render().to_string(),
        Ok(_) => panic!("--help did not show help for {path:?}"),
    }
}

#[test]
fn english_help_is_clap_s_own_text() {
    let paths = command_paths();
    assert!(paths.len() >= 12, "{paths:?}");
    for path in paths {
        for long in [false, true] {
            let ours = help_of(help::command(L10n::get(Lang::En)), &path, long);
            let clap = help_of(Cli::command(), &path, long);
            assert_eq!(ours, clap, "help of {path:?} (long: {long})");
        }
    }
}

fn run(env_lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", env_lang)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// clap's English words that must not appear in a Finnish help screen.
const CLAP_ENGLISH: &[&str] = &[
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "[OPTIONS]",
    "[default:",
    "[possible values",
    "Print help",
    "Print version",
    "<CAPTURE",
    "<COMMAND>",
];

#[test]
fn finnish_help_of_every_command_has_no_english_left() {
    for path in command_paths() {
        for flag in ["-h", "--help"] {
            let mut args: Vec<&str> = vec!["--lang", "fi"];
            args.extend(path.iter().map(String::as_str));
            args.push(flag);
            let (code, out, err) = run("C", &args);
            assert_eq!(code, 0, "{args:?}: {err}");
            assert!(out.contains("Käyttö: wsdissect"), "{args:?}:\n{out}");
            for w in CLAP_ENGLISH {
                assert!(!out.contains(w), "{args:?} shows {w:?}:\n{out}");
            }
            // The command's own sentence is the Finnish one.
            let id = if path.is_empty() {
                "help-cmd-wsdissect".to_string()
            } else {
                format!("help-cmd-{}", path.join("-"))
            };
            let about = L10n::get(Lang::Fi).t(&id);
            assert!(out.starts_with(&about), "{args:?}:\n{out}");
        }
    }
    // From the environment alone, as a student's Finnish desktop gives it.
    let (_, out, _) = run("fi_FI.UTF-8", &["dump", "--help"]);
    assert!(out.contains("<KAAPPAUS>..."), "{out}");
    assert!(
        out.contains("Vain tämä TCP-virta (Wiresharkin tcp.stream)"),
        "{out}"
    );
    assert!(out.contains("- none: Ei payloadin tavuja"), "{out}");
}

#[test]
fn finnish_usage_errors() {
    let (code, out, err) = run("fi_FI.UTF-8", &["dump", "--format", "xml", "x.pcap"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.starts_with("virhe: arvo 'xml' ei kelpaa valitsimelle '--format <MUOTO>'"),
        "{err}"
    );
    assert!(
        err.contains("[mahdolliset arvot: json, ndjson, text]"),
        "{err}"
    );

    let (code, _, err) = run("C", &["--lang", "fi", "dump", "--bogus", "x.pcap"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("virhe: tuntematon argumentti '--bogus'"),
        "{err}"
    );
    assert!(err.contains("Käyttö: wsdissect dump"), "{err}");
    assert!(
        !err.contains("[OPTIONS]") && !err.contains("Usage:"),
        "{err}"
    );

    // A value parser's reason stays in its own words after the Finnish.
    let (code, _, err) = run("C", &["--lang=fi", "frame", "build", "--zeros", "abc"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "virhe: arvo 'abc' ei kelpaa valitsimelle '--zeros <TAVUT>': invalid digit"
        ),
        "{err}"
    );

    let (code, _, err) = run("fi", &["--color", "never"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("virhe: 'wsdissect' tarvitsee komennon"),
        "{err}"
    );
    // No arguments at all: the help, in Finnish, on stderr.
    let (code, _, err) = run("fi", &[]);
    assert_eq!(code, 2);
    assert!(err.starts_with("Avaa pakettikaappauksia"), "{err}");
    assert!(
        err.contains("Käyttö: wsdissect [VALITSIMET] <KOMENTO>"),
        "{err}"
    );

    // --lang on the command line wins over the environment, both ways.
    let (_, _, err) = run("fi_FI.UTF-8", &["--lang", "en", "dump", "--bogus", "x"]);
    assert!(
        err.starts_with("error: unexpected argument '--bogus'"),
        "{err}"
    );
}

#[test]
fn english_usage_errors_are_clap_s_own() {
    for args in [
        vec!["dump", "--format", "xml", "x.pcap"],
        vec!["dump", "--bogus", "x.pcap"],
        vec!["frame", "build", "--zeros", "abc"],
        vec![],
    ] {
        let (code, _, err) = run("C", &args);
        assert_eq!(code, 2);
        let mut full = vec!["wsdissect"];
        full.extend(&args);
        let clap = Cli::command().try_get_matches_from(full).unwrap_err();
        assert_eq!(err, clap.render().to_string(), "{args:?}");
    }
}

#[test]
fn the_language_is_read_before_clap_parses() {
    let l = |args: &[&str]| help::lang_of_args(args);
    assert_eq!(l(&["wsdissect", "--lang", "fi", "dump"]), Lang::Fi);
    assert_eq!(l(&["wsdissect", "dump", "--lang=fi"]), Lang::Fi);
    assert_eq!(l(&["wsdissect", "--lang", "fi", "--lang", "en"]), Lang::En);
    // An invalid value leaves the choice to the environment (clap reports
    // the value), and `--` ends the options.
    std::env::remove_var("LC_ALL");
    std::env::remove_var("LC_MESSAGES");
    std::env::set_var("LANG", "C");
    assert_eq!(l(&["wsdissect", "--lang", "sv"]), Lang::En);
    assert_eq!(l(&["wsdissect", "follow", "--", "--lang", "fi"]), Lang::En);
}
