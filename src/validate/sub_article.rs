//! Sub-articles: their contributors are known people each in one role, carrying only
//! `contributor` and `role`; a translation is in another language than the article.
//! Their ids, texts and blocks are checked with the article's (the walkers visit them).

use std::collections::BTreeSet;

use super::{Checked, at};
use crate::diag::{Diagnostic, Severity, did_you_mean};
use crate::model::{Article, ArticleContributor, SubArticleType};
use crate::yaml::Document;

/// Checks each sub-article of `a`; `known` is the contributor ids, when read.
pub(super) fn check_sub_articles(
    a: &Checked<Article>,
    known: Option<&BTreeSet<String>>,
    diags: &mut Vec<Diagnostic>,
) {
    let (doc, art) = (&a.doc, &a.value);
    for (i, s) in art.sub_articles.iter().enumerate() {
        let base = format!("/sub_articles/{i}");
        if s.kind == SubArticleType::Translation && s.lang_or(&art.lang) == art.lang.as_str() {
            let p = if s.lang.is_some() {
                format!("{base}/lang")
            } else {
                format!("{base}/type")
            };
            diags.push(at(
                doc,
                Severity::Error,
                "sub-article.translation-language",
                &p,
                format!(
                    "sub-article `{}` is a translation in the article's own language `{}`",
                    s.id, art.lang
                ),
                "give the translation's language in `lang` (`lang: en`), or choose another `type`",
            ));
        }
        let mut pairs = BTreeSet::new();
        for (j, c) in s.contributors.iter().enumerate() {
            let p = format!("{base}/contributors/{j}");
            if let Some(known) = known {
                check_known(doc, &p, c, known, diags);
            }
            if !pairs.insert((c.contributor.as_str(), c.role)) {
                diags.push(at(
                    doc,
                    Severity::Error,
                    "contributor.duplicate-role",
                    &format!("{p}/contributor"),
                    format!("`{}` is listed twice as {}", c.contributor, c.role.as_str()),
                    "list each person once per role",
                ));
            }
            check_plain(doc, &p, c, diags);
        }
    }
}

/// The contributor's id is in `contributors.yaml` (the article's and its sub-articles'
/// contributors alike); `p` is the contributor entry's pointer.
pub(super) fn check_known(
    doc: &Document,
    p: &str,
    c: &ArticleContributor,
    known: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    if known.contains(c.contributor.as_str()) {
        return;
    }
    let hint = match did_you_mean(c.contributor.as_str(), known.iter().map(String::as_str)) {
        Some(m) => format!("did you mean `{m}`? ids come from contributors.yaml"),
        None => "add the person to contributors.yaml, or fix the id".to_string(),
    };
    diags.push(at(
        doc,
        Severity::Error,
        "contributor.unknown-id",
        &format!("{p}/contributor"),
        format!(
            "no contributor with id `{}` in contributors.yaml",
            c.contributor
        ),
        &hint,
    ));
}

/// A sub-article's contributor carries no author notes or CRediT roles: the outputs
/// write those for the article's byline only, so they would be lost.
fn check_plain(doc: &Document, p: &str, c: &ArticleContributor, diags: &mut Vec<Diagnostic>) {
    let extra = [
        ("credit", !c.credit.is_empty()),
        ("corresponding", c.corresponding),
        ("equal_contribution", c.equal_contribution),
        ("deceased", c.deceased),
        ("present_address", c.present_address.is_some()),
    ];
    for (key, given) in extra {
        if given {
            diags.push(at(
                doc,
                Severity::Error,
                "sub-article.contributor-note",
                &format!("{p}/{key}"),
                format!("a sub-article's contributor cannot carry `{key}`"),
                "give only `contributor` and `role` here; state it on the article's own `contributors`",
            ));
        }
    }
}
