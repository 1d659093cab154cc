//! The command line's own words — `--help`, usage and clap's errors — in
//! the `--lang` language.
//!
//! English is clap's: the doc comments on the argument structs (which also
//! make the manual page and rustdoc) and clap's own headings and errors.
//! Every other language translates them in `locales/{lang}-help.ftl`, one
//! message per command (`help-cmd-PATH`), argument (`help-arg-PATH-ARG`),
//! value (`help-val-PATH-ARG-VALUE`), value name (`help-valname-NAME`) and
//! clap word (`help-word-…`, `help-error-…`). [`command`] applies whichever
//! of those the language has, so English, which has none, is clap's text
//! unchanged. `tests/cli_help.rs` fails when a translated language misses a
//! message for any of them or has one that matches nothing.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command, CommandFactory};

use crate::i18n::{L10n, Lang};

/// The language the command line asks for, read before clap parses it (so
/// that `--help` and clap's errors are already in it): the last valid
/// `--lang fi|en` / `--lang=fi|en` before a bare `--`, else the environment.
pub fn lang_of_args<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Lang {
    let mut found = None;
    let mut it = args.iter().map(|a| a.as_ref().to_string_lossy());
    while let Some(a) = it.next() {
        let value = if a == "--" {
            break;
        } else if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else if let Some(v) = a.strip_prefix("--lang=") {
            Some(v.to_string())
        } else {
            continue;
        };
        match value.as_deref() {
            Some("fi") => found = Some(Lang::Fi),
            Some("en") => found = Some(Lang::En),
            _ => {}
        }
    }
    found.unwrap_or_else(Lang::from_env)
}

/// wsdissect's command line with its help in `l`'s language.
pub fn command(l: &L10n) -> Command {
    let mut cmd = super::Cli::command();
    // Built first: clap then has copied the global arguments into every
    // subcommand, added `-h`, `-V` and `help`, and settled each argument's
    // action (whether it takes a value).
    cmd.build();
    localize(cmd, l, "wsdissect")
}

/// The id of a command path: `wsdissect`, `dump`, `frame-build`.
fn path_of(parent: &str, name: &str) -> String {
    if parent == "wsdissect" {
        name.to_string()
    } else {
        format!("{parent}-{name}")
    }
}

/// An argument's id in message ids (`max_payload` → `max-payload`).
fn arg_key(arg: &Arg) -> String {
    arg.get_id().as_str().replace('_', "-")
}

/// A value name's id (`CAPTURE` → `capture`).
fn valname_key(name: &str) -> String {
    name.to_ascii_lowercase().replace('_', "-")
}

/// Applies the translations of `l` to `cmd` and its subcommands.
fn localize(mut cmd: Command, l: &L10n, path: &str) -> Command {
    if let Some(about) = get(l, &format!("help-cmd-{path}")) {
        cmd = cmd.about(about);
    }
    if let Some(h) = get(l, "help-word-usage") {
        cmd = cmd.help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{h} {{usage}}\n\n{{all-args}}{{after-help}}"
        ));
    }
    if let Some(h) = get(l, "help-word-commands") {
        cmd = cmd.subcommand_help_heading(h);
    }
    if let Some(h) = get(l, "help-valname-command") {
        cmd = cmd.subcommand_value_name(h);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| localize_arg(a, l, path));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        if name == "help" {
            if let Some(t) = get(l, "help-word-help-command") {
                cmd = cmd.mut_subcommand("help", |c| c.about(t));
            }
            continue;
        }
        let sub = path_of(path, &name);
        cmd = cmd.mut_subcommand(name, |c| localize(c, l, &sub));
    }
    cmd
}

/// One argument: its help, value names, heading, default and values.
fn localize_arg(mut a: Arg, l: &L10n, path: &str) -> Arg {
    let key = arg_key(&a);
    let heading = if a.is_positional() {
        "help-word-arguments"
    } else {
        "help-word-options"
    };
    if let Some(h) = get(l, heading) {
        a = a.help_heading(h);
    }
    // clap's own `-h` and `-V`.
    let own = match key.as_str() {
        "help" => Some(("help-word-help", "help-word-help-long")),
        "version" => Some(("help-word-version", "help-word-version")),
        _ => None,
    };
    if let Some((short, long)) = own {
        if let Some(t) = get(l, short) {
            a = a.help(t);
        }
        if let Some(t) = get(l, long) {
            a = a.long_help(t);
        }
        return a;
    }
    // A global argument is translated once, as the root's.
    let path = if a.is_global_set() { "wsdissect" } else { path };
    let Some(mut help) =
        get(l, &format!("help-arg-{path}-{key}")).or_else(|| get(l, &format!("help-arg-{key}")))
    else {
        return a;
    };
    // clap shows a value name, the default and the values only for an
    // argument that takes a value (not for a flag).
    let takes_value = a.get_action().takes_values();
    if takes_value {
        if let Some(names) = a.get_value_names() {
            let names: Vec<String> = names
                .iter()
                .map(|n| {
                    get(l, &format!("help-valname-{}", valname_key(n))).unwrap_or(n.to_string())
                })
                .collect();
            a = a.value_names(names);
        } else if a.is_positional() {
            let n = a.get_id().as_str().to_ascii_uppercase();
            if let Some(t) = get(l, &format!("help-valname-{}", valname_key(&n))) {
                a = a.value_name(t);
            }
        }
    }
    let mut long = help.clone();
    let values: Vec<(String, Option<String>)> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| {
            let name = v.get_name().to_string();
            let text = get(
                l,
                &format!("help-val-{path}-{key}-{}", name.replace('_', "-")),
            );
            (name, text)
        })
        .collect();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() && !a.is_hide_default_value_set() {
        if let Some(w) = get(l, "help-word-default") {
            let d = format!(" [{w}: {}]", defaults.join(", "));
            help.push_str(&d);
            long.push_str(&d);
            a = a.hide_default_value(true);
        }
    }
    if takes_value && !values.is_empty() && !a.is_hide_possible_values_set() {
        if let Some(w) = get(l, "help-word-values") {
            let names: Vec<&str> = values.iter().map(|(n, _)| n.as_str()).collect();
            help.push_str(&format!(" [{w}: {}]", names.join(", ")));
            if values.iter().any(|(_, t)| t.is_some()) {
                long.push_str(&format!("\n\n{w}:"));
                for (n, t) in &values {
                    match t {
                        Some(t) => long.push_str(&format!("\n- {n}: {t}")),
                        None => long.push_str(&format!("\n- {n}")),
                    }
                }
            } else {
                long.push_str(&format!(" [{w}: {}]", names.join(", ")));
            }
            a = a.hide_possible_values(true);
        }
    }
    a.help(help).long_help(long)
}

/// A message of `l`, if the language has it.
fn get(l: &L10n, id: &str) -> Option<String> {
    l.has(id).then(|| l.t(id))
}

/// Every message id the command line can look up, with clap's English text
/// beside it (the test's list of what a translation must cover).
pub fn message_ids() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for w in [
        "usage",
        "commands",
        "arguments",
        "options",
        "options-placeholder",
        "default",
        "values",
        "help",
        "help-long",
        "help-command",
        "version",
    ] {
        out.push((format!("help-word-{w}"), w.to_string()));
    }
    out.push(("help-valname-command".into(), "COMMAND".into()));
    for k in ERROR_KINDS {
        out.push((format!("help-error-{}", error_key(*k)), format!("{k:?}")));
    }
    for w in ["tip", "possible", "usage-tip"] {
        out.push((format!("help-error-word-{w}"), w.to_string()));
    }
    let mut cmd = super::Cli::command();
    cmd.build();
    let mut args = ArgHelps::new();
    walk(&cmd, "wsdissect", &mut out, &mut args);
    arg_ids(args, &mut out);
    out.sort();
    out.dedup();
    out
}

fn walk(cmd: &Command, path: &str, out: &mut Vec<(String, String)>, args: &mut ArgHelps) {
    let about = cmd.get_about().map(|s| s.to_string()).unwrap_or_default();
    out.push((format!("help-cmd-{path}"), about));
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        if id == "help" || id == "version" || a.is_hide_set() {
            continue;
        }
        // Global arguments are translated once, on the root.
        if a.is_global_set() && path != "wsdissect" {
            continue;
        }
        let key = arg_key(a);
        let help = a.get_help().map(|s| s.to_string()).unwrap_or_default();
        args.entry(key.clone())
            .or_default()
            .push((path.to_string(), help));
        if a.get_action().takes_values() {
            for n in a.get_value_names().into_iter().flatten() {
                out.push((format!("help-valname-{}", valname_key(n)), n.to_string()));
            }
            if a.is_positional() && a.get_value_names().is_none() {
                let n = id.to_ascii_uppercase();
                out.push((format!("help-valname-{}", valname_key(&n)), n));
            }
        }
        for v in a.get_possible_values() {
            if let Some(h) = v.get_help() {
                out.push((
                    format!("help-val-{path}-{key}-{}", v.get_name().replace('_', "-")),
                    h.to_string(),
                ));
            }
        }
    }
    for c in cmd.get_subcommands() {
        if c.get_name() == "help" {
            continue;
        }
        walk(c, &path_of(path, c.get_name()), out, args);
    }
}

/// Each argument id's (command path, English help) wherever it appears.
type ArgHelps = std::collections::BTreeMap<String, Vec<(String, String)>>;

/// An argument whose English help is the same in every command it appears
/// in (`--keylog`, `--ws-port`) is translated once, `help-arg-KEY`; one whose
/// help differs, per command, `help-arg-PATH-KEY`.
fn arg_ids(args: ArgHelps, out: &mut Vec<(String, String)>) {
    for (key, uses) in args {
        if uses.iter().all(|(_, h)| *h == uses[0].1) {
            out.push((format!("help-arg-{key}"), uses[0].1.clone()));
        } else {
            for (path, help) in uses {
                out.push((format!("help-arg-{path}-{key}"), help));
            }
        }
    }
}

/// The usage errors clap reports that are translated; any other kind keeps
/// clap's English text.
const ERROR_KINDS: &[ErrorKind] = &[
    ErrorKind::InvalidValue,
    ErrorKind::UnknownArgument,
    ErrorKind::InvalidSubcommand,
    ErrorKind::NoEquals,
    ErrorKind::ValueValidation,
    ErrorKind::TooManyValues,
    ErrorKind::TooFewValues,
    ErrorKind::WrongNumberOfValues,
    ErrorKind::ArgumentConflict,
    ErrorKind::MissingRequiredArgument,
    ErrorKind::MissingSubcommand,
    ErrorKind::InvalidUtf8,
];

fn error_key(k: ErrorKind) -> String {
    let name = format!("{k:?}");
    let mut key = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            key.push('-');
        }
        key.push(c.to_ascii_lowercase());
    }
    key
}

/// A usage error in `l`'s language, as clap would print it: `error: …`, a
/// tip, the usage line and the pointer to `--help`. `None` leaves it to
/// clap (English, or a kind without a translation).
pub fn render_error(e: &clap::Error, l: &L10n) -> Option<String> {
    let kind = e.kind();
    if !ERROR_KINDS.contains(&kind) {
        return None;
    }
    let msg_id = format!("help-error-{}", error_key(kind));
    let word = |id: &str| get(l, &format!("help-error-word-{id}"));
    let ctx = |k: ContextKind| -> Option<String> {
        e.get(k).map(|v| match v {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(v) => v.join(", "),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(v) => v
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            ContextValue::Number(n) => n.to_string(),
            ContextValue::Bool(b) => b.to_string(),
            ContextValue::None => String::new(),
            _ => String::new(),
        })
    };
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(ContextKind::InvalidValue)
        .or_else(|| ctx(ContextKind::InvalidSubcommand))
        .unwrap_or_default();
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("arg", arg);
    args.set("value", value);
    args.set("prior", ctx(ContextKind::PriorArg).unwrap_or_default());
    args.set(
        "expected",
        ctx(ContextKind::ExpectedNumValues).unwrap_or_default(),
    );
    args.set(
        "actual",
        ctx(ContextKind::ActualNumValues).unwrap_or_default(),
    );
    if !l.has(&msg_id) {
        return None;
    }
    let mut out = l.fmt(&msg_id, Some(&args));
    // A value parser's own reason (e.g. "invalid digit found in string")
    // stays in its own words, as every quoted parser error does.
    if kind == ErrorKind::ValueValidation {
        if let Some(src) = std::error::Error::source(e) {
            out.push_str(&format!(": {src}"));
        }
    }
    out.push('\n');
    if let Some(valid) = ctx(ContextKind::ValidValue) {
        if let Some(w) = word("possible") {
            out.push_str(&format!("  [{w}: {valid}]\n"));
        }
    }
    for k in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        if let (Some(s), Some(w)) = (ctx(k), word("tip")) {
            out.push_str(&format!("\n  {w}: '{s}'\n"));
        }
    }
    if let Some(usage) = ctx(ContextKind::Usage) {
        let usage = usage.trim_end();
        let mut usage = match (usage.strip_prefix("Usage:"), get(l, "help-word-usage")) {
            (Some(rest), Some(w)) => format!("{w}{rest}"),
            _ => usage.to_string(),
        };
        if let Some(p) = get(l, "help-word-options-placeholder") {
            usage = usage.replace("[OPTIONS]", &p);
        }
        out.push_str(&format!("\n{usage}\n"));
    }
    if let Some(w) = word("usage-tip") {
        out.push_str(&format!("\n{w}\n"));
    }
    Some(out)
}

/// Help or version text as clap renders it, with clap's fixed `[OPTIONS]`
/// placeholder of the usage line in `l`'s language.
pub fn render_display(e: &clap::Error, l: &L10n, styled: bool) -> String {
    let r = e.render();
    let text = if styled {
        r.ansi().to_string()
    } else {
        r.to_string()
    };
    match get(l, "help-word-options-placeholder") {
        Some(p) => text.replace("[OPTIONS]", &p),
        None => text,
    }
}
