//! Finnish and English: every sentence the course commands (`accept`,
//! `handshake`, `frame`, `exercise`) print comes from a Fluent message in
//! `locales/en.ftl` or `locales/fi.ftl`, looked up by id, never chosen with
//! `if lang == …` in code. The Finnish wording uses the course's terms
//! (docs/glossary.md): kättely, kehys, asiakas, palvelin, viesti, tavu.
//!
//! Each language is a set of files, one per area (`locales/en.ftl` for the
//! CLI, notes and course commands; `locales/en-tui*.ftl` for the terminal
//! UI), so that each area's words are found in one place. All are compiled
//! into the binary; `tests/i18n.rs` fails when an id exists in one language
//! only or twice in one language.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::Serialize;

/// The areas a language's messages are split into: each is a file
/// `locales/{lang}{suffix}.ftl` (the suffix is empty for the main file).
pub const AREAS: &[&str] = &["", "-tui", "-tui-tree", "-tui-views"];

/// The command line's `--help`, usage and clap's errors, translated from
/// clap's English (which lives in the argument structs' doc comments and in
/// clap itself, so English has no file here): see `cli::help`.
pub const HELP_SOURCES: &[(Lang, &str)] = &[(Lang::Fi, include_str!("../../locales/fi-help.ftl"))];

/// The English messages (the fallback language), one source per [`AREAS`] entry.
pub const EN_SOURCES: &[&str] = &[
    include_str!("../../locales/en.ftl"),
    include_str!("../../locales/en-tui.ftl"),
    include_str!("../../locales/en-tui-tree.ftl"),
    include_str!("../../locales/en-tui-views.ftl"),
];
/// The Finnish messages, in the course's terms, one source per [`AREAS`] entry.
pub const FI_SOURCES: &[&str] = &[
    include_str!("../../locales/fi.ftl"),
    include_str!("../../locales/fi-tui.ftl"),
    include_str!("../../locales/fi-tui-tree.ftl"),
    include_str!("../../locales/fi-tui-views.ftl"),
];

/// A language wsdissect speaks: `--lang fi|en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Finnish (suomi), the course's language.
    Fi,
}

impl Lang {
    /// The language a POSIX locale name asks for: any `fi*` (`fi`, `fi_FI.UTF-8`)
    /// is Finnish, anything else English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("fi") {
            Lang::Fi
        } else {
            Lang::En
        }
    }

    /// The default from the environment, in POSIX precedence: the first of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides.
    pub fn from_env() -> Lang {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] over any variable lookup (testable without touching
    /// the process environment).
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| get(v))
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    }

    /// The Fluent sources of this language, one per [`AREAS`] entry.
    pub fn sources(self) -> &'static [&'static str] {
        match self {
            Lang::En => EN_SOURCES,
            Lang::Fi => FI_SOURCES,
        }
    }

    /// The language's code, as in the file names (`en`, `fi`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fi => "fi",
        }
    }

    fn tag(self) -> unic_langid::LanguageIdentifier {
        let tag: &[u8] = match self {
            Lang::En => b"en",
            Lang::Fi => b"fi",
        };
        // Both tags are valid BCP 47 language subtags; the default is never used.
        unic_langid::LanguageIdentifier::from_bytes(tag).unwrap_or_default()
    }
}

/// One language's compiled messages.
pub struct L10n {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for L10n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("L10n").field("lang", &self.lang).finish()
    }
}

impl L10n {
    /// The messages of `lang`, compiled once per process.
    pub fn get(lang: Lang) -> &'static L10n {
        static EN: OnceLock<L10n> = OnceLock::new();
        static FI: OnceLock<L10n> = OnceLock::new();
        let cell = match lang {
            Lang::En => &EN,
            Lang::Fi => &FI,
        };
        cell.get_or_init(|| L10n::build(lang))
    }

    fn build(lang: Lang) -> L10n {
        let mut bundle = FluentBundle::new_concurrent(vec![lang.tag()]);
        // Terminal output: no Unicode isolation marks around arguments.
        bundle.set_use_isolating(false);
        // The sources are compiled in and checked by tests (tests/i18n.rs), so
        // a parse error can only be a bug in this build; the messages that did
        // parse are still used.
        let help = HELP_SOURCES.iter().filter(|(l, _)| *l == lang);
        for src in lang.sources().iter().chain(help.map(|(_, s)| s)) {
            let res = match FluentResource::try_new((*src).to_owned()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            let _ = bundle.add_resource(res);
        }
        L10n { lang, bundle }
    }

    /// This bundle's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether a message id exists in this language.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` without arguments.
    pub fn t(&self, id: &str) -> String {
        self.fmt(id, None)
    }

    /// The message `id` with named arguments (see [`crate::tr!`]).
    pub fn fmt(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            // Unreachable for ids the tests know; visible rather than empty.
            return format!("[{id}]");
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

/// A count or length as a Fluent argument: a number (for plural selection)
/// while `f64` holds it exactly, text beyond 2^53 (a hostile length).
pub fn count(v: u64) -> FluentValue<'static> {
    if v < 1 << 53 {
        FluentValue::from(v)
    } else {
        FluentValue::from(v.to_string())
    }
}

/// A Fluent argument: text as it is, small counts as numbers (for plural
/// selection). Lengths that may exceed 2^53 are passed as text.
pub fn num(n: impl Into<f64>) -> FluentValue<'static> {
    FluentValue::from(n.into())
}

/// `tr!(l10n, "id")` or `tr!(l10n, "id", name = value, …)`: the message `id`
/// in `l10n`'s language; each value goes through `FluentValue::from`.
#[macro_export]
macro_rules! tr {
    ($l:expr, $id:expr) => {
        $l.t($id)
    };
    ($l:expr, $id:expr, $($name:ident = $val:expr),+ $(,)?) => {{
        let mut args = fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::Arg::fluent($val)); )+
        $l.fmt($id, Some(&args))
    }};
}

/// A value [`tr!`] passes to a message. Text as it is; an integer as a
/// number (for plural selection) while `f64` holds it exactly, and as its
/// exact digits beyond 2^53 (a 64-bit frame length of 2^63 − 1 must read as
/// sent, not rounded).
pub trait Arg<'a> {
    /// The value as a Fluent argument.
    fn fluent(self) -> FluentValue<'a>;
}

impl<'a> Arg<'a> for FluentValue<'a> {
    fn fluent(self) -> FluentValue<'a> {
        self
    }
}
impl<'a> Arg<'a> for &'a str {
    fn fluent(self) -> FluentValue<'a> {
        FluentValue::from(self)
    }
}
impl<'a> Arg<'a> for &'a String {
    fn fluent(self) -> FluentValue<'a> {
        FluentValue::from(self.as_str())
    }
}
impl<'a> Arg<'a> for String {
    fn fluent(self) -> FluentValue<'a> {
        FluentValue::from(self)
    }
}
impl<'a> Arg<'a> for std::borrow::Cow<'a, str> {
    fn fluent(self) -> FluentValue<'a> {
        FluentValue::from(self)
    }
}
impl<'a> Arg<'a> for f64 {
    fn fluent(self) -> FluentValue<'a> {
        FluentValue::from(self)
    }
}
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl<'a> Arg<'a> for $t {
            fn fluent(self) -> FluentValue<'a> {
                count(u64::from(self))
            }
        }
    )*};
}
int_arg!(u8, u16, u32, u64);
impl<'a> Arg<'a> for usize {
    fn fluent(self) -> FluentValue<'a> {
        count(self as u64)
    }
}

/// Ids of the messages in a Fluent source (lines `id = …` at column 0).
pub fn message_ids(ftl: &str) -> Vec<&str> {
    ftl.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn integers_pass_as_numbers_and_keep_every_digit() {
        let l = L10n::get(Lang::En);
        // A number: plural selection works.
        assert_eq!(crate::tr!(l, "tree-bytes-human", n = 1u64), "1 byte");
        assert_eq!(crate::tr!(l, "tree-bytes-human", n = 2usize), "2 bytes");
        // Past 2^53 an f64 would round 2^63 - 1 to 9223372036854775808.
        assert_eq!(
            crate::tr!(l, "tree-bytes-human", n = (1u64 << 63) - 1),
            "9223372036854775807 bytes"
        );
        assert_eq!(
            crate::tr!(l, "tree-bytes-human", n = u64::MAX),
            "18446744073709551615 bytes"
        );
    }
    use super::*;

    #[test]
    fn locale_names() {
        assert_eq!(Lang::from_locale("fi_FI.UTF-8"), Lang::Fi);
        assert_eq!(Lang::from_locale("fi"), Lang::Fi);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale("sv_FI"), Lang::En);
    }

    #[test]
    fn environment_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |n: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == n)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_vars(env(&[])), Lang::En);
        assert_eq!(Lang::from_vars(env(&[("LANG", "fi_FI.UTF-8")])), Lang::Fi);
        assert_eq!(
            Lang::from_vars(env(&[("LANG", "fi_FI.UTF-8"), ("LC_MESSAGES", "en_GB")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_vars(env(&[("LC_ALL", "fi_FI"), ("LC_MESSAGES", "en_GB")])),
            Lang::Fi
        );
        // An empty variable does not count (POSIX).
        assert_eq!(
            Lang::from_vars(env(&[("LC_ALL", ""), ("LANG", "fi_FI")])),
            Lang::Fi
        );
    }
}
