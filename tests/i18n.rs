//! Finnish and English carry the same messages: a message id in one
//! language only fails here, and every message formats in both.

use std::collections::BTreeSet;

use wsdissect::i18n::{message_ids, L10n, Lang, AREAS, EN_SOURCES, FI_SOURCES};

/// Every id of a language, over all its files.
fn all_ids(sources: &[&'static str]) -> Vec<&'static str> {
    sources.iter().flat_map(|s| message_ids(s)).collect()
}

#[test]
fn every_message_exists_in_both_languages() {
    assert_eq!(EN_SOURCES.len(), AREAS.len());
    assert_eq!(FI_SOURCES.len(), AREAS.len());
    // Area by area: a message lives in the same area's file in both languages.
    for (i, area) in AREAS.iter().enumerate() {
        let en: BTreeSet<&str> = message_ids(EN_SOURCES[i]).into_iter().collect();
        let fi: BTreeSet<&str> = message_ids(FI_SOURCES[i]).into_iter().collect();
        assert!(en.len() > 20, "en{area}.ftl has too few messages: {en:?}");
        let only_en: Vec<_> = en.difference(&fi).collect();
        let only_fi: Vec<_> = fi.difference(&en).collect();
        assert!(
            only_en.is_empty() && only_fi.is_empty(),
            "only in en{area}.ftl: {only_en:?}; only in fi{area}.ftl: {only_fi:?}"
        );
    }
    // No id twice in a language, across its files (Fluent would silently
    // keep one).
    for (lang, sources) in [("en", EN_SOURCES), ("fi", FI_SOURCES)] {
        let ids = all_ids(sources);
        let set: BTreeSet<&str> = ids.iter().copied().collect();
        let mut seen = BTreeSet::new();
        let repeated: Vec<_> = ids.iter().filter(|id| !seen.insert(**id)).collect();
        assert_eq!(ids.len(), set.len(), "ids repeat in {lang}: {repeated:?}");
    }
}

#[test]
fn every_file_parses_and_every_id_resolves() {
    for (lang, sources) in [(Lang::En, EN_SOURCES), (Lang::Fi, FI_SOURCES)] {
        for (src, area) in sources.iter().zip(AREAS) {
            let res = fluent_bundle::FluentResource::try_new((*src).to_owned());
            assert!(
                res.is_ok(),
                "{}{area}.ftl does not parse: {:?}",
                lang.code(),
                res.err().map(|e| e.1)
            );
            let l = L10n::get(lang);
            for id in message_ids(src) {
                assert!(l.has(id), "{lang:?}: {id} does not resolve");
                assert_ne!(l.t(id), format!("[{id}]"), "{lang:?}: {id} is empty");
            }
        }
    }
}

#[test]
fn every_id_the_code_uses_exists() {
    // Ids are string literals starting with a known prefix in src/.
    let en: BTreeSet<&str> = all_ids(EN_SOURCES).into_iter().collect();
    let prefixes: BTreeSet<&str> = en.iter().filter_map(|id| id.split('-').next()).collect();
    let mut missing = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        if !text.contains("tr!(") && !text.contains(".t(\"") {
            continue;
        }
        for lit in text.split('"').skip(1).step_by(2) {
            let ok_shape = !lit.is_empty()
                && lit.contains('-')
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            let prefix = lit.split('-').next().unwrap_or("");
            if ok_shape
                && prefixes.contains(prefix)
                && !en.contains(lit)
                && looks_like_key(&text, lit)
            {
                missing.push(format!("{}: {lit}", p.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ids used but in no English file: {missing:?}"
    );
}

/// Whether `lit` is used as a message id (inside tr!/t()/a key table) rather
/// than as, say, a rule id.
fn looks_like_key(text: &str, lit: &str) -> bool {
    let q = format!("\"{lit}\"");
    text.match_indices(&q).any(|(i, _)| {
        let before = &text[i.saturating_sub(40)..i];
        before.contains("tr!(") || before.contains(".t(") || before.ends_with("=> ")
    })
}

/// The exercise's per-item messages are looked up by the item's id, so the
/// source scan above cannot see them: every item has its title and its hint
/// in both languages.
#[test]
fn every_exercise_item_has_its_messages() {
    use wsdissect::course::exercise::ItemId;
    for lang in [Lang::En, Lang::Fi] {
        let l = L10n::get(lang);
        for id in ItemId::ALL {
            for prefix in ["exercise-item-", "exercise-hint-"] {
                let key = format!("{prefix}{}", id.id());
                assert!(l.has(&key), "{lang:?}: {key} is missing");
            }
        }
    }
}
