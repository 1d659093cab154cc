//! Finnish and English carry the same messages: a message id in one
//! language only fails here, and every message formats in both.

use std::collections::BTreeSet;

use wsdissect::i18n::{message_ids, L10n, Lang, EN_FTL, FI_FTL};

#[test]
fn every_message_exists_in_both_languages() {
    let en: BTreeSet<&str> = message_ids(EN_FTL).into_iter().collect();
    let fi: BTreeSet<&str> = message_ids(FI_FTL).into_iter().collect();
    assert!(en.len() > 20, "en.ftl has too few messages: {en:?}");
    let only_en: Vec<_> = en.difference(&fi).collect();
    let only_fi: Vec<_> = fi.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_fi.is_empty(),
        "only in en.ftl: {only_en:?}; only in fi.ftl: {only_fi:?}"
    );
    // No id twice in a file (Fluent would silently keep one).
    assert_eq!(
        message_ids(EN_FTL).len(),
        en.len(),
        "an id repeats in en.ftl"
    );
    assert_eq!(
        message_ids(FI_FTL).len(),
        fi.len(),
        "an id repeats in fi.ftl"
    );
}

#[test]
fn both_files_parse_and_every_id_resolves() {
    for (lang, src) in [(Lang::En, EN_FTL), (Lang::Fi, FI_FTL)] {
        let res = fluent_bundle::FluentResource::try_new(src.to_owned());
        assert!(
            res.is_ok(),
            "{lang:?} .ftl does not parse: {:?}",
            res.err().map(|e| e.1)
        );
        let l = L10n::get(lang);
        for id in message_ids(src) {
            assert!(l.has(id), "{lang:?}: {id} does not resolve");
            assert!(!l.t(id).starts_with('['), "{lang:?}: {id} is empty");
        }
    }
}

#[test]
fn every_id_the_code_uses_exists() {
    // Ids are string literals starting with a known prefix in src/.
    let en: BTreeSet<&str> = message_ids(EN_FTL).into_iter().collect();
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
        "ids used but not in en.ftl: {missing:?}"
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
