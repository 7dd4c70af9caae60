//! The "About the Authors" list: one entry per person, with where they appear in the
//! publication; an issue's grouped by role.

use super::document::open_heading;
use super::inline::{write_nodes, write_original_name, write_text};
use super::{Target, contributor_anchor, join_and, write_generated};
use crate::emit::plain;
use crate::inline::Inline;
use crate::l10n::{self, Term};
use crate::model::{Address, Contributor, Role};
use crate::xml::XmlWriter;

/// Where a contributor appears in the publication, for the "In this issue" line.
#[derive(Debug, Clone)]
pub struct Appearance {
    /// The article's title.
    pub title: Vec<Inline>,
    /// The href of its title page, relative to the "About the Authors" document.
    pub href: String,
    /// The person's roles in it.
    pub roles: Vec<Role>,
}

/// One entry of "About the Authors".
#[derive(Debug, Clone)]
pub struct AboutEntry<'a> {
    /// The person.
    pub contributor: &'a Contributor,
    /// The articles they appear in (left empty in a single article's own list).
    pub appearances: Vec<Appearance>,
}

fn role_noun(r: Role) -> Term {
    match r {
        Role::Author => Term::RoleAuthor,
        Role::Translator => Term::RoleTranslator,
        Role::Reviser => Term::RoleReviser,
        Role::Editor => Term::RoleEditor,
        Role::Reviewer => Term::RoleReviewer,
    }
}

/// Writes a template term of `lang` with `value` in place of its `{}`.
fn say_with(w: &mut XmlWriter, target: Target, lang: &str, t: Term, value: &str) {
    let s = l10n::term(lang, t);
    let (a, b) = s.split();
    write_generated(w, target, a, s.lang);
    w.text(value);
    write_generated(w, target, b, s.lang);
}

/// Writes the "About the Authors" list: one entry per person with the name in both
/// scripts, birth year, degrees, positions, affiliations, address, biography, and a mark
/// on entries the source gives only in part. `lang` is the language of the text galley
/// writes; `heading` the heading and, for a fallback, its language.
pub fn about_list(
    w: &mut XmlWriter,
    target: Target,
    level: usize,
    lang: &str,
    heading: (&str, Option<&str>),
    entries: &[AboutEntry<'_>],
) {
    w.open_block(
        "section",
        &[
            ("class", "about"),
            ("id", "_about"),
            ("aria-labelledby", "_about-h"),
        ],
    );
    let h = open_heading(w, level, &[("id", "_about-h")]);
    write_generated(w, target, heading.0, heading.1);
    w.end(h);
    // An issue's list (its entries say where each person appears) is grouped by role.
    if entries.iter().any(|e| !e.appearances.is_empty()) {
        for (key, term, members) in groups(entries) {
            let hid = format!("_about-{key}-h");
            w.open_block(
                "section",
                &[("class", "about-group"), ("aria-labelledby", &hid)],
            );
            let h = open_heading(w, level + 1, &[("id", &hid)]);
            let s = l10n::term(lang, term);
            write_generated(w, target, s.text, s.lang);
            w.end(h);
            w.open_block("ul", &[]);
            for e in members {
                about_entry(w, target, lang, e);
            }
            w.end("ul");
            w.end("section");
        }
    } else {
        w.open_block("ul", &[]);
        for e in entries {
            about_entry(w, target, lang, e);
        }
        w.end("ul");
    }
    w.end("section");
}

/// The entries grouped by role, each person once, under the first of their roles in
/// the order authors, translators, revisers, editors, reviewers; people who appear in
/// no article last. Each group with its key (for its heading's id) and heading, in the
/// order of `entries` within it; empty groups left out.
fn groups<'e, 'a>(
    entries: &'e [AboutEntry<'a>],
) -> Vec<(&'static str, Term, Vec<&'e AboutEntry<'a>>)> {
    const ORDER: [(Role, &str, Term); 5] = [
        (Role::Author, "authors", Term::GroupAuthors),
        (Role::Translator, "translators", Term::GroupTranslators),
        (Role::Reviser, "revisers", Term::GroupRevisers),
        (Role::Editor, "editors", Term::GroupEditors),
        (Role::Reviewer, "reviewers", Term::GroupReviewers),
    ];
    let first_role = |e: &AboutEntry<'_>| {
        ORDER
            .iter()
            .position(|(r, _, _)| e.appearances.iter().any(|a| a.roles.contains(r)))
    };
    let mut out: Vec<(&'static str, Term, Vec<&'e AboutEntry<'a>>)> = ORDER
        .iter()
        .map(|(_, key, term)| (*key, *term, Vec::new()))
        .collect();
    out.push(("others", Term::GroupOthers, Vec::new()));
    for e in entries {
        let i = first_role(e).unwrap_or(ORDER.len());
        out[i].2.push(e);
    }
    out.retain(|g| !g.2.is_empty());
    out
}

/// One entry: the name in both scripts and what is known of the person in one
/// paragraph, then the biography, the source's note on an incomplete entry, and where
/// the person appears in the issue.
fn about_entry(w: &mut XmlWriter, target: Target, lang: &str, e: &AboutEntry<'_>) {
    let c = e.contributor;
    let id = contributor_anchor(c.id.as_str());
    w.open_block("li", &[("id", &id)]);
    w.open_mixed("p", &[]);
    w.open_inline("span", &[("class", "name")]);
    w.text(&c.name.display());
    w.end("span");
    if let Some(o) = &c.original_name {
        w.text(" (");
        write_original_name(w, o, target);
        w.text(")");
    }
    let last = about_facts(w, target, lang, c);
    if c.incomplete.is_some() {
        w.text(" ");
        w.open_inline("span", &[("class", "incomplete")]);
        let s = l10n::term(lang, Term::EntryIncomplete);
        write_generated(w, target, s.text, s.lang);
        w.end("span");
    } else if !last.ends_with('.') {
        w.text(".");
    }
    if let Some(addr) = &c.address {
        let s = address_text(addr);
        if !s.is_empty() {
            say_with(w, target, lang, Term::Address, &s);
        }
    }
    w.end("p");
    if let Some(o) = &c.orcid {
        // ORCID's display guidelines: the iD as its full https URL, linked.
        w.open_mixed("p", &[("class", "orcid")]);
        w.leaf("a", &[("href", o.as_str())], o.as_str());
        w.end("p");
    }
    if let Some(e) = c.email.as_ref().filter(|_| c.publish_email) {
        w.open_mixed("p", &[("class", "email")]);
        w.leaf("a", &[("href", &format!("mailto:{e}"))], e.as_str());
        w.end("p");
    }
    if let Some(b) = &c.bio {
        w.open_mixed("p", &[("class", "bio")]);
        write_text(w, b, target, true);
        w.end("p");
    }
    if let Some(inc) = &c.incomplete {
        w.leaf("p", &[("class", "note")], &inc.note);
    }
    if !e.appearances.is_empty() {
        appearances(w, target, lang, &e.appearances);
    }
    w.end("li");
}

/// The birth year, degrees, positions and affiliations after a person's name; gives the
/// last text written, to know whether it already ends a sentence.
fn about_facts(w: &mut XmlWriter, target: Target, lang: &str, c: &Contributor) -> String {
    // Pieces follow the name, separated by commas (semicolons between affiliations).
    let mut sep = ", ";
    let mut last = c.name.display();
    fn piece(w: &mut XmlWriter, sep: &mut &'static str, last: &mut String, text: &str) {
        w.text(sep);
        *sep = ", ";
        *last = text.to_string();
    }
    if let Some(y) = c.birth_year {
        let born = l10n::term(lang, Term::Born);
        let t = born.fill(&y.to_string());
        piece(w, &mut sep, &mut last, &t);
        say_with(w, target, lang, Term::Born, &y.to_string());
    }
    for d in &c.degrees {
        piece(w, &mut sep, &mut last, d);
        w.text(d);
    }
    for p in &c.positions {
        piece(w, &mut sep, &mut last, &plain(p));
        write_text(w, p, target, true);
    }
    for (i, a) in c.affiliations.iter().enumerate() {
        if i > 0 || !c.positions.is_empty() {
            sep = "; ";
        }
        for p in &a.positions {
            piece(w, &mut sep, &mut last, &plain(p));
            write_text(w, p, target, true);
        }
        // A printed form is printed as it is, never rearranged (losses: `epub/losses.rs`).
        if let Some(printed) = &a.printed {
            piece(w, &mut sep, &mut last, printed);
            w.text(printed);
            continue;
        }
        for part in [&a.department, &a.institution, &a.parent]
            .into_iter()
            .flatten()
        {
            piece(w, &mut sep, &mut last, part);
            w.text(part);
        }
        if let Some(addr) = &a.address {
            let s = address_text(addr);
            if !s.is_empty() {
                w.text(&format!(" ({s})"));
                last = ")".into();
            }
        }
    }
    last
}

/// "In this issue:" and the articles a person appears in, with their roles.
fn appearances(w: &mut XmlWriter, target: Target, lang: &str, appearances: &[Appearance]) {
    w.open_mixed("p", &[("class", "appearances")]);
    let s = l10n::term(lang, Term::InThisIssue);
    write_generated(w, target, s.text, s.lang);
    for (i, a) in appearances.iter().enumerate() {
        if i > 0 {
            w.text("; ");
        }
        w.open_inline("a", &[("href", &a.href)]);
        write_nodes(w, &a.title, target, false);
        w.end("a");
        let roles: Vec<l10n::Said> = a
            .roles
            .iter()
            .map(|r| l10n::term(lang, role_noun(*r)))
            .collect();
        let fallback = roles.iter().find_map(|s| s.lang);
        let words: Vec<String> = roles.iter().map(|s| s.text.to_string()).collect();
        w.text(" (");
        write_generated(
            w,
            target,
            &join_and(fallback.unwrap_or(lang), &words),
            fallback,
        );
        w.text(")");
    }
    w.text(".");
    w.end("p");
}

/// A postal address on one line: "#5 Jianguomennei Street, Beijing 100732, China".
pub fn address_text(a: &Address) -> String {
    let mut parts: Vec<String> = Vec::new();
    for p in [&a.street, &a.district].into_iter().flatten() {
        parts.push(p.clone());
    }
    match (&a.city, &a.postal_code) {
        (Some(c), Some(p)) => parts.push(format!("{c} {p}")),
        (Some(c), None) => parts.push(c.clone()),
        (None, Some(p)) => parts.push(p.clone()),
        (None, None) => {}
    }
    if let Some(r) = &a.region {
        parts.push(r.clone());
    }
    match (&a.country, &a.country_code) {
        (Some(c), _) => parts.push(c.clone()),
        (None, Some(cc)) => parts.push(cc.clone()),
        (None, None) => {}
    }
    parts.join(", ")
}
