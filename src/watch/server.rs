//! The preview server of `galley watch`, on 127.0.0.1 only: an index of the articles
//! with their state, each article's preview (`<slug>/index.html` as `galley build` wrote
//! it) and the files beside it, and `/_galley/wait`, the long poll that open pages use to
//! reload when their article was rebuilt.
//!
//! Pages get a small script at serve time only: the files on disk stay as `build` wrote
//! them. A page whose article now fails is served its diagnostics instead of the preview
//! (whose folder the failed build removed), until the article builds again.
//!
//! Only what is inside an article's output folder is served, by a path of plain names:
//! `..`, `.`, hidden names (the manifest, staging folders), backslashes and links that
//! lead out of the folder get 404.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use tiny_http::{Header, Method, Request, Response, Server};

use super::state::{Previews, State};

/// How long a wait request is held before it answers "no change" (the page asks again).
const WAIT: Duration = Duration::from_secs(25);

/// Serves requests until the server is unblocked; each on a thread of its own (a long
/// poll holds its thread while it waits).
pub fn serve(server: Arc<Server>, previews: Arc<Previews>, out: PathBuf) {
    while let Ok(request) = server.recv() {
        let previews = previews.clone();
        let out = out.clone();
        let spawned = std::thread::Builder::new()
            .name("galley-watch-request".into())
            .spawn(move || {
                let response = respond(&request, &previews, &out);
                let _ = request.respond(response);
            });
        if spawned.is_err() {
            // No thread to be had: the request's connection is dropped; the page retries.
            continue;
        }
    }
}

/// An answer: status, media type, body, and a `Location` for redirects.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The media type.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
    /// Where a redirect goes.
    pub location: Option<String>,
}

impl Answer {
    fn html(status: u16, body: String) -> Answer {
        Answer {
            status,
            content_type: "text/html; charset=utf-8".into(),
            body: body.into_bytes(),
            location: None,
        }
    }

    fn not_found() -> Answer {
        Answer::html(
            404,
            page(
                "Not found",
                "<h1>Not found</h1><p><a href=\"/\">The articles</a></p>",
            ),
        )
    }
}

fn respond(
    request: &Request,
    previews: &Previews,
    out: &Path,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let answer = match request.method() {
        Method::Get | Method::Head => answer(request.url(), previews, out),
        _ => Answer::html(
            405,
            page("Method not allowed", "<h1>Method not allowed</h1>"),
        ),
    };
    let mut response = Response::from_data(answer.body).with_status_code(answer.status);
    let headers = [
        ("Content-Type", answer.content_type.as_str()),
        // Every answer may change with the next build.
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    for (name, value) in headers {
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    if let Some(to) = answer.location
        && let Ok(h) = Header::from_bytes(&b"Location"[..], to.as_bytes())
    {
        response.add_header(h);
    }
    response
}

/// The answer to a GET of `url` (path and query).
pub fn answer(url: &str, previews: &Previews, out: &Path) -> Answer {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path == "/" || path == "/index.html" {
        return index(previews);
    }
    if path == "/_galley/wait" {
        return wait(query, previews);
    }
    let Some(parts) = safe_parts(path) else {
        return Answer::not_found();
    };
    let Some((slug, rest)) = parts.split_first() else {
        return Answer::not_found();
    };
    if !previews.lock().articles.contains_key(slug.as_str()) {
        return Answer::not_found();
    }
    if rest.is_empty() && !path.ends_with('/') {
        // Relative links (images/…) need the folder's slash.
        return Answer {
            status: 302,
            content_type: "text/plain; charset=utf-8".into(),
            body: Vec::new(),
            location: Some(format!("/{}/", encode(slug))),
        };
    }
    if rest.is_empty() || rest == ["index.html"] {
        return article_page(slug, previews, out);
    }
    let dir = out.join(slug);
    let file = rest.iter().fold(dir.clone(), |p, part| p.join(part));
    match read_inside(&dir, &file) {
        Some(bytes) => Answer {
            status: 200,
            content_type: mime_guess::from_path(&file)
                .first_or_octet_stream()
                .essence_str()
                .to_string(),
            body: bytes,
            location: None,
        },
        None => Answer::not_found(),
    }
}

/// The path's names, decoded, when every one is a plain name (an empty last one, from a
/// final slash, is dropped); `None` for anything that could leave the folder or name a
/// hidden file.
fn safe_parts(path: &str) -> Option<Vec<String>> {
    let path = path.strip_prefix('/')?;
    let path = path.strip_suffix('/').unwrap_or(path);
    let mut parts = Vec::new();
    for raw in path.split('/') {
        let part = percent_decode_str(raw).decode_utf8().ok()?;
        let bad = part.is_empty()
            || part.starts_with('.')
            || part.contains(['/', '\\', '\0'])
            || part.contains(':');
        if bad {
            return None;
        }
        parts.push(part.into_owned());
    }
    Some(parts)
}

/// The bytes of `file` when it is a regular file whose real path is inside `dir`'s.
fn read_inside(dir: &Path, file: &Path) -> Option<Vec<u8>> {
    let dir = std::fs::canonicalize(dir).ok()?;
    let real = std::fs::canonicalize(file).ok()?;
    if !real.starts_with(&dir) || !real.is_file() {
        return None;
    }
    std::fs::read(real).ok()
}

/// An article's page: the preview with the reload script, or its diagnostics when it
/// fails, or a note while it is being built.
fn article_page(slug: &str, previews: &Previews, out: &Path) -> Answer {
    // The version is taken before the file is read: a build that ends in between makes
    // the page reload once more, never miss a change.
    let (state, version) = {
        let inner = previews.lock();
        match inner.articles.get(slug) {
            Some(e) => (e.state.clone(), e.version),
            None => return Answer::not_found(),
        }
    };
    let script = reload_script(Some(slug), version);
    let title = escape(slug);
    match state {
        State::Failed { report, .. } => Answer::html(
            200,
            page(
                &format!("{slug}: does not build"),
                &format!(
                    "<h1>{title} does not build</h1>\n<p>The preview comes back as soon as \
                     the article builds again.</p>\n<pre id=\"galley-diagnostics\">{}</pre>\n{script}",
                    escape(&report)
                ),
            ),
        ),
        State::Pending => Answer::html(
            200,
            page(
                &format!("{slug}: building"),
                &format!("<h1>{title}</h1>\n<p>Building…</p>\n{script}"),
            ),
        ),
        State::Built => match read_inside(&out.join(slug), &out.join(slug).join("index.html")) {
            Some(bytes) => Answer::html(200, inject(&String::from_utf8_lossy(&bytes), &script)),
            None => Answer::html(
                404,
                page(
                    &format!("{slug}: no preview"),
                    &format!(
                        "<h1>{title}</h1>\n<p>No preview in the output folder (is `html` among \
                         the formats built?).</p>\n{script}"
                    ),
                ),
            ),
        },
    }
}

/// The index: every article with its state.
fn index(previews: &Previews) -> Answer {
    let inner = previews.lock();
    let mut body = String::from("<h1>galley watch</h1>\n");
    if let Some(problem) = &inner.problem {
        body.push_str(&format!(
            "<pre id=\"galley-diagnostics\">{}</pre>\n",
            escape(problem)
        ));
    }
    body.push_str("<ul id=\"galley-articles\">\n");
    for slug in &inner.order {
        let Some(entry) = inner.articles.get(slug) else {
            continue;
        };
        let state = match &entry.state {
            State::Pending => "building…".to_string(),
            State::Built => "built".to_string(),
            State::Failed { first, .. } => format!("failed: <code>{}</code>", escape(first)),
        };
        body.push_str(&format!(
            "<li><a href=\"/{}/\">{}</a>: {state}</li>\n",
            encode(slug),
            escape(slug)
        ));
    }
    body.push_str("</ul>\n");
    body.push_str(&reload_script(None, inner.generation));
    Answer::html(200, page("galley watch", &body))
}

/// `/_galley/wait?since=N[&slug=S]`: answers `{"version": V}` once the version of the
/// article (or, without a slug, of the whole list) is no longer N, or after a while.
fn wait(query: &str, previews: &Previews) -> Answer {
    let mut since = None;
    let mut slug = None;
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_decode_str(v).decode_utf8_lossy().into_owned();
        match k {
            "since" => since = v.parse::<u64>().ok(),
            "slug" => slug = Some(v),
            _ => {}
        }
    }
    let Some(since) = since else {
        return Answer {
            status: 400,
            content_type: "text/plain; charset=utf-8".into(),
            body: b"since=N is required".to_vec(),
            location: None,
        };
    };
    // An article the watcher no longer knows answers at once: the page reloads into 404.
    let version = previews.wait(slug.as_deref(), since, WAIT);
    let body = match version {
        Some(v) => format!("{{\"version\": {v}}}"),
        None => "{\"version\": null}".to_string(),
    };
    Answer {
        status: 200,
        content_type: "application/json".into(),
        body: body.into_bytes(),
        location: None,
    }
}

/// The script added to every page served: asks `/_galley/wait` whether the page's
/// article (or the list) changed since the page was served, and reloads when it did.
fn reload_script(slug: Option<&str>, version: u64) -> String {
    let slug = slug
        .map(|s| format!("&slug={}", encode(s)))
        .unwrap_or_default();
    format!(
        "<script>/* galley watch: live reload */
(function () {{
  var since = {version};
  function poll() {{
    fetch(\"/_galley/wait?since=\" + since + \"{slug}\", {{cache: \"no-store\"}})
      .then(function (r) {{ return r.json(); }})
      .then(function (j) {{ if (j.version !== since) {{ location.reload(); }} else {{ poll(); }} }})
      .catch(function () {{ setTimeout(poll, 1000); }});
  }}
  poll();
}})();
</script>
"
    )
}

/// `html` with `script` before its last `</body>` (or at its end).
fn inject(html: &str, script: &str) -> String {
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    let mut page = String::with_capacity(html.len() + script.len());
    page.push_str(&html[..at]);
    page.push_str(script);
    page.push_str(&html[at..]);
    page
}

/// A page of the watcher's own.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <title>{}</title>\n<style>body {{ font-family: sans-serif; margin: 2em; }} \
         pre {{ white-space: pre-wrap; background: #f6f6f6; padding: 1em; }}</style>\n\
         </head>\n<body>\n{body}\n</body>\n</html>\n",
        escape(title)
    )
}

/// Text as HTML text or attribute value.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A name as one segment of a URL (and thus also safe in HTML and in a script's string).
fn encode(s: &str) -> String {
    utf8_percent_encode(s, NON_ALPHANUMERIC).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{IssueResults, Report, Status};
    use crate::diag::Diagnostic;
    use crate::watch::state::Round;

    fn previews(status: Status, diagnostics: Vec<Diagnostic>) -> Previews {
        let p = Previews::default();
        let mut round = Round::default();
        round.observe(&IssueResults {
            reports: vec![Report {
                issue: PathBuf::from("in"),
                name: "art".into(),
                path: PathBuf::from("in/art"),
                whole_issue: false,
                status,
                outputs: Vec::new(),
                diagnostics,
                packages: Vec::new(),
            }],
            ..IssueResults::default()
        });
        p.apply(round);
        p
    }

    fn out_with_preview() -> tempfile::TempDir {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("art/images")).unwrap();
        std::fs::write(
            out.path().join("art/index.html"),
            "<!DOCTYPE html>\n<html><body><p>Hello</p></body></html>",
        )
        .unwrap();
        std::fs::write(out.path().join("art/images/a b.svg"), "<svg/>").unwrap();
        std::fs::write(out.path().join("art/.galley-manifest.json"), "{}").unwrap();
        std::fs::write(out.path().join("secret.txt"), "no").unwrap();
        out
    }

    #[test]
    fn a_built_article_is_served_with_the_script_and_the_file_is_untouched() {
        let out = out_with_preview();
        let p = previews(Status::Built, vec![]);
        let a = answer("/art/", &p, out.path());
        assert_eq!(a.status, 200);
        let text = String::from_utf8(a.body).unwrap();
        assert!(text.contains("<p>Hello</p>"), "{text}");
        let script = text.find("/_galley/wait?since=").expect("script injected");
        assert!(script < text.find("</body>").unwrap());
        assert_eq!(
            std::fs::read_to_string(out.path().join("art/index.html")).unwrap(),
            "<!DOCTYPE html>\n<html><body><p>Hello</p></body></html>"
        );
        let a = answer("/art", &p, out.path());
        assert_eq!((a.status, a.location.as_deref()), (302, Some("/art/")));
        let img = answer("/art/images/a%20b.svg", &p, out.path());
        assert_eq!(img.status, 200);
        assert_eq!(img.content_type, "image/svg+xml");
        assert_eq!(img.body, b"<svg/>");
    }

    #[test]
    fn paths_out_of_an_article_folder_are_not_found() {
        let out = out_with_preview();
        let p = previews(Status::Built, vec![]);
        for url in [
            "/art/../secret.txt",
            "/art/%2e%2e/secret.txt",
            "/art/..%2fsecret.txt",
            "/art/.galley-manifest.json",
            "/art/images/..",
            "/art//images/a%20b.svg",
            "/art/%5c..%5csecret.txt",
            "/secret.txt",
            "/other/index.html",
            "/art/images/missing.svg",
            "/art/images",
        ] {
            assert_eq!(answer(url, &p, out.path()).status, 404, "{url}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                out.path().join("secret.txt"),
                out.path().join("art/images/link.txt"),
            )
            .unwrap();
            assert_eq!(answer("/art/images/link.txt", &p, out.path()).status, 404);
        }
    }

    #[test]
    fn a_failed_article_shows_its_diagnostics_escaped_instead_of_the_preview() {
        let out = out_with_preview();
        let d = Diagnostic::error("yaml.syntax", "the `<b>` & \"[\" opened here");
        let p = previews(Status::Failed, vec![d]);
        let text = String::from_utf8(answer("/art/index.html", &p, out.path()).body).unwrap();
        assert!(!text.contains("<p>Hello</p>"), "{text}");
        assert!(text.contains("error[yaml.syntax]"), "{text}");
        assert!(
            text.contains("the `&lt;b&gt;` &amp; &quot;[&quot; opened here"),
            "{text}"
        );
        assert!(!text.contains("<b>"), "{text}");
        assert!(text.contains("/_galley/wait?since="), "{text}");
        let index = String::from_utf8(answer("/", &p, out.path()).body).unwrap();
        assert!(index.contains("href=\"/art/\""), "{index}");
        assert!(
            index.contains("failed: <code>galley: the `&lt;b&gt;`"),
            "{index}"
        );
    }

    #[test]
    fn wait_answers_at_once_when_the_version_differs() {
        let p = previews(Status::Built, vec![]);
        let v = Previews::version(&p.lock(), Some("art")).unwrap();
        let a = answer(
            &format!("/_galley/wait?since={}&slug=art", v + 5),
            &p,
            Path::new("."),
        );
        assert_eq!(
            String::from_utf8(a.body).unwrap(),
            format!("{{\"version\": {v}}}")
        );
        assert_eq!(answer("/_galley/wait", &p, Path::new(".")).status, 400);
    }

    #[test]
    fn the_script_goes_before_the_last_body_end_tag() {
        assert_eq!(inject("<BODY>x</BODY>", "S"), "<BODY>xS</BODY>");
        assert_eq!(inject("<p>no body", "S"), "<p>no bodyS");
    }
}
