//! What an EPUB cannot carry of the input: reported as losses (`loss.epub.<field>`).

use crate::emit::{InputFile, Loss};
use crate::model::{Contributor, IssueFile};
use crate::resolve::Resolved;

fn loss(file: InputFile, pointer: String, field: &str, message: String) -> Loss {
    Loss {
        file,
        pointer,
        code: format!("loss.epub.{field}"),
        message,
    }
}

/// What the EPUB cannot carry of a contributor (index `i` in contributors.yaml).
pub(super) fn contributor_losses(c: &Contributor, i: usize, out: &mut Vec<Loss>) {
    let base = format!("/contributors/{i}");
    let who = c.name.display();
    // The ORCID iD is linked in "About the Authors".
    if c.email.is_some() && !c.publish_email {
        out.push(loss(
            InputFile::Contributors,
            format!("{base}/email"),
            "email",
            format!("the e-mail address of {who} is not shown to readers of the EPUB (`publish_email` is not set)"),
        ));
    }
    if c.original_name.as_ref().is_some_and(|o| o.lang.is_none()) {
        out.push(loss(
            InputFile::Contributors,
            format!("{base}/original_name/lang"),
            "alternate-script",
            format!("the original-script name of {who} has no language, so the package cannot give it as an alternate-script (it is shown in the text)"),
        ));
    }
    if c.address
        .as_ref()
        .is_some_and(|a| a.country.is_some() && a.country_code.is_some())
    {
        out.push(loss(
            InputFile::Contributors,
            format!("{base}/address/country_code"),
            "country-code",
            format!(
                "the country code of {who}'s address is not carried by EPUB (the country name is)"
            ),
        ));
    }
    for (j, a) in c.affiliations.iter().enumerate() {
        printed_losses(a, &format!("{base}/affiliations/{j}"), &who, out);
        if a.ror.is_some() {
            out.push(loss(
                InputFile::Contributors,
                format!("{base}/affiliations/{j}/ror"),
                "ror",
                format!("the ROR id of an affiliation of {who} is not carried by EPUB"),
            ));
        }
        if a.address
            .as_ref()
            .is_some_and(|a| a.country.is_some() && a.country_code.is_some())
        {
            out.push(loss(
                InputFile::Contributors,
                format!("{base}/affiliations/{j}/address/country_code"),
                "country-code",
                format!("the country code of an affiliation address of {who} is not carried by EPUB (the country name is)"),
            ));
        }
    }
}

/// What the title page cannot carry of the article's own affiliations: ROR ids, country
/// codes, and the parts a printed form does not hold.
fn unlinked_affiliation_losses(article: &crate::model::Article, out: &mut Vec<Loss>) {
    for (j, a) in article.affiliations.iter().enumerate() {
        let ptr = format!("/affiliations/{j}");
        let mut lost = Vec::new();
        printed_losses(a, &ptr, "the article", &mut lost);
        if a.ror.is_some() {
            lost.push(loss(
                InputFile::Article,
                format!("{ptr}/ror"),
                "ror",
                "the ROR id of an affiliation of the article is not carried by EPUB".into(),
            ));
        }
        if a.address
            .as_ref()
            .is_some_and(|a| a.country.is_some() && a.country_code.is_some())
        {
            lost.push(loss(
                InputFile::Article,
                format!("{ptr}/address/country_code"),
                "country-code",
                "the country code of an affiliation address of the article is not carried by EPUB (the country name is)".into(),
            ));
        }
        for l in &mut lost {
            l.file = InputFile::Article;
        }
        out.extend(lost);
    }
}

/// The parts of an affiliation at `ptr` that its printed form, which EPUB prints as it
/// is, does not hold.
fn printed_losses(a: &crate::model::Affiliation, ptr: &str, who: &str, out: &mut Vec<Loss>) {
    let Some(printed) = &a.printed else {
        return;
    };
    let (_, missing) = crate::affil::split(printed, a);
    for part in missing {
        out.push(loss(
            InputFile::Contributors,
            format!("{ptr}/{}", part.pointer()),
            "affiliation-part",
            format!(
                "the `{}` of an affiliation of {who} is not in its printed form, which EPUB prints as it is",
                part.pointer()
            ),
        ));
    }
}

/// What the EPUB cannot carry of the journal and issue. The issue's DOI is carried by
/// the issue EPUB (its identifier) but not by an article's.
pub(super) fn issue_losses(issue: &IssueFile, article_epub: bool, out: &mut Vec<Loss>) {
    if issue.journal.publisher_id.is_some() {
        out.push(loss(
            InputFile::Issue,
            "/journal/publisher_id".into(),
            "publisher-id",
            "the publisher's journal id is not carried by EPUB".into(),
        ));
    }
    for (i, id) in issue.journal.ids.iter().enumerate() {
        out.push(loss(
            InputFile::Issue,
            format!("/journal/ids/{i}"),
            "journal-id",
            format!(
                "the journal's `{}` id is not carried by EPUB",
                id.kind.as_str()
            ),
        ));
    }
    if issue.journal.abbrev_title.is_some() {
        out.push(loss(
            InputFile::Issue,
            "/journal/abbrev_title".into(),
            "abbrev-title",
            "the journal's abbreviated title is not carried by EPUB".into(),
        ));
    }
    if article_epub && issue.issue.doi.is_some() {
        out.push(loss(
            InputFile::Issue,
            "/issue/doi".into(),
            "issue-doi",
            "the issue's DOI is not carried by an article's EPUB (it identifies the issue EPUB)"
                .into(),
        ));
    }
}

/// The losses of an article EPUB: its contributors', its own and (with `with_issue`) the
/// issue's.
pub(super) fn article_losses(r: &Resolved<'_>, with_issue: bool, out: &mut Vec<Loss>) {
    let (article, ctx) = (r.article, &r.ctx);
    for c in r.byline_people() {
        if let Some(i) = r.contributor_index(&c.id) {
            contributor_losses(c, i, out);
        }
    }
    unlinked_affiliation_losses(article, out);
    // A supplementary file cannot travel in an EPUB (a link to a file readers cannot
    // open is refused); with a DOI the reader still reaches it.
    for (i, s) in article.supplementary.iter().enumerate() {
        if let Some(file) = &s.file {
            let reach = match &s.doi {
                Some(_) => "readers reach it through its DOI",
                None => "the item has no `doi` to link to; it is deposited with the JATS and TEI",
            };
            out.push(loss(
                InputFile::Article,
                format!("/supplementary/{i}/file"),
                "supplementary-file",
                format!("the EPUB names the supplementary file `{file}` but cannot carry it (EPUB readers open no such file); {reach}"),
            ));
        }
    }
    for (i, ac) in article.contributors.iter().enumerate() {
        if !ac.credit.is_empty() {
            out.push(loss(
                InputFile::Article,
                format!("/contributors/{i}/credit"),
                "credit",
                format!(
                    "the CRediT roles of `{}` are not carried by EPUB",
                    ac.contributor
                ),
            ));
        }
    }
    for (i, f) in article.funding.iter().enumerate() {
        if f.funder_id.is_some() {
            out.push(loss(
                InputFile::Article,
                format!("/funding/{i}/funder_id"),
                "funder-id",
                format!("the funder id of {} is not carried by EPUB", f.funder),
            ));
        }
    }
    for (i, r) in article.references.iter().enumerate() {
        if r.language.is_some() {
            out.push(loss(
                InputFile::Article,
                format!("/references/{i}/language"),
                "reference-language",
                format!(
                    "the language of reference `{}` is not carried by EPUB",
                    r.id
                ),
            ));
        }
    }
    if with_issue {
        issue_losses(ctx.issue, true, out);
    }
}
