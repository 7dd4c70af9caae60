//! Assembling a package: every content document, image, the navigation document and
//! the stylesheet as items, then the package document and the zip.

use std::collections::BTreeMap;

use super::a11y::{A11y, inventory};
use super::zip::{Entry, zip_entries};
use super::{Body, Book, CoverImage, Item, Kind, Part, written, xhtml};
use crate::emit::{EmitError, EpubCompression, InputFile, Loss, plain};
use crate::inline::Inline;
use crate::xml::XmlWriter;
use xhtml::{ImageRef, Places, Renderer, Target, TocEntry};

const CONTAINER_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n  <rootfiles>\n    <rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n  </rootfiles>\n</container>\n";

impl Book<'_> {
    /// Builds every file and zips them.
    pub(super) fn package(&self, missing: &mut Vec<Loss>) -> Result<Vec<u8>, EmitError> {
        let lang = self.lang();
        let mut content: Vec<Item> = Vec::new();
        let mut images: Vec<Item> = Vec::new();
        let mut tocs: Vec<(String, Vec<Inline>, Vec<TocEntry>)> = Vec::new();
        if self.kind == Kind::Issue {
            if let Some(cover) = &self.cover {
                let image = cover_image(cover);
                content.push(self.cover_page(lang, cover, &image.href)?);
                images.push(image);
            }
            content.push(self.issue_page(lang)?);
        }
        for p in self.parts {
            let srcs = article_images(p, &mut images);
            match p.epub {
                Some(epub) => tocs.push(copied_documents(p, epub, srcs, &mut content)),
                None => tocs.push(article_documents(p, srcs, &mut content)?),
            }
        }
        content.push(self.about_page(lang)?);

        let nav = Item {
            id: "nav".into(),
            href: "nav.xhtml".into(),
            media_type: "application/xhtml+xml",
            properties: Some("nav"),
            body: Body::Bytes(self.nav(lang, &tocs)?.into_bytes()),
            in_spine: false,
        };
        let css = Item {
            id: "css".into(),
            href: "style.css".into(),
            media_type: "text/css",
            properties: None,
            body: Body::Bytes(xhtml::CSS.as_bytes().to_vec()),
            in_spine: false,
        };
        let mut items = vec![nav, css];
        items.extend(content);
        items.extend(images);
        let mut inv = inventory(self.parts);
        if let Some(cover) = &self.cover {
            inv.images += 1;
            inv.images_with_alt += 1;
            if crate::asset::may_animate(cover.bytes) {
                inv.animated += 1;
            }
        }
        let a11y = A11y::derive(&inv, &self.certifier());
        if !a11y.conforms {
            self.missing_alt_text(missing);
        }
        let opf = self.opf(lang, &items, &a11y)?;
        self.zip_package(&opf, &items)
    }

    /// The cover page: the cover image (`href`), then the issue's designation as the
    /// page's heading.
    fn cover_page(
        &self,
        lang: &str,
        cover: &CoverImage<'_>,
        href: &str,
    ) -> Result<Item<'static>, EmitError> {
        let mut w = XmlWriter::new();
        let title = self.issue_title();
        xhtml::open_document(&mut w, Target::Epub, lang, &title, "style.css");
        w.open_block("body", &[]);
        w.open_block("main", &[]);
        w.open_block(
            "section",
            &[("class", "cover"), ("aria-labelledby", "_cover-title")],
        );
        w.empty(
            "img",
            &[
                ("src", href),
                ("alt", cover.alt),
                ("epub:type", "cover"),
                ("role", "doc-cover"),
            ],
        );
        w.leaf("h1", &[("class", "title"), ("id", "_cover-title")], &title);
        w.end("section");
        w.end("main");
        w.end("body");
        w.end("html");
        Ok(Item {
            id: "cover".into(),
            href: "cover.xhtml".into(),
            media_type: "application/xhtml+xml",
            properties: None,
            body: Body::Bytes(written(w)?.into_bytes()),
            in_spine: true,
        })
    }

    /// The "About the Authors" (or "About the Contributors") document.
    fn about_page(&self, lang: &str) -> Result<Item<'static>, EmitError> {
        let mut w = XmlWriter::new();
        let heading = self.about_heading();
        xhtml::open_document_titled(&mut w, Target::Epub, lang, heading, "style.css");
        w.open_block("body", &[("epub:type", "backmatter")]);
        w.open_block("main", &[]);
        xhtml::about_list(&mut w, Target::Epub, 1, lang, heading, &self.about);
        w.end("main");
        w.end("body");
        w.end("html");
        Ok(Item {
            id: "about".into(),
            href: "about.xhtml".into(),
            media_type: "application/xhtml+xml",
            properties: None,
            body: Body::Bytes(written(w)?.into_bytes()),
            in_spine: true,
        })
    }

    /// Reports every figure without alt text, the reason the package makes no
    /// conformance claim.
    fn missing_alt_text(&self, missing: &mut Vec<Loss>) {
        for p in self.parts {
            crate::model::for_each_figure(p.r.article, &mut |ptr, f| {
                if f.alt_text().is_none() && !f.decorative {
                    missing.push(Loss {
                            file: InputFile::Article,
                            pointer: format!("{ptr}/alt"),
                            code: "missing.epub.conformance".into(),
                            message: format!("figure `{}` has no alt text, so the EPUB makes no accessibility conformance claim", f.id),
                        });
                }
            });
        }
    }

    /// The zip: `mimetype` first and stored, then the container file, the package
    /// document and the items; text is deflated (unless stored), raster images stored,
    /// and items copied from an article EPUB keep their compressed bytes.
    fn zip_package(&self, opf: &str, items: &[Item<'_>]) -> Result<Vec<u8>, EmitError> {
        let level = match self.compression {
            EpubCompression::Deflate(level) => Some(level),
            EpubCompression::Store => None,
        };
        let deflate = level.is_some();
        let mut entries: Vec<Entry<'_>> = vec![
            Entry::Write("mimetype".into(), b"application/epub+zip", false),
            Entry::Write(
                "META-INF/container.xml".into(),
                CONTAINER_XML.as_bytes(),
                deflate,
            ),
            Entry::Write("EPUB/package.opf".into(), opf.as_bytes(), deflate),
        ];
        for it in items {
            let name = format!("EPUB/{}", it.href);
            entries.push(match &it.body {
                Body::Bytes(bytes) => {
                    let compress = deflate
                        && (!it.media_type.starts_with("image/")
                            || it.media_type == "image/svg+xml");
                    Entry::Write(name, bytes, compress)
                }
                Body::Copy { epub, entry } => Entry::Copy(name, epub, entry),
            });
        }
        zip_entries(&entries, self.modified.zip(), level.unwrap_or(0))
    }
}

/// The cover image as the package's `cover-image` item, `cover.<extension>`.
fn cover_image<'a>(cover: &CoverImage<'a>) -> Item<'a> {
    let ext = match cover.media_type {
        "image/jpeg" => "jpg",
        "image/svg+xml" => "svg",
        other => other.strip_prefix("image/").unwrap_or("img"),
    };
    Item {
        id: "cover-image".into(),
        href: format!("cover.{ext}"),
        media_type: cover.media_type,
        properties: Some("cover-image"),
        body: Body::Bytes(cover.bytes.to_vec()),
        in_spine: false,
    }
}

/// An article's figure images as items under `<dir>/images/`, named by figure id; gives
/// the `src` each image path of the YAML is written with. In an issue EPUB the images
/// are copied from the article's own EPUB, where they have the same names.
fn article_images<'a>(p: &Part<'a>, images: &mut Vec<Item<'a>>) -> BTreeMap<String, ImageRef> {
    let mut srcs = BTreeMap::new();
    for f in &p.r.figures {
        if srcs.contains_key(&f.figure.image) {
            continue;
        }
        let rel = format!("images/{}.{}", f.figure.id, f.extension());
        let body = match p.epub {
            Some(epub) => Body::Copy {
                epub,
                entry: format!("EPUB/a1/{rel}"),
            },
            None => Body::Bytes(f.bytes.to_vec()),
        };
        images.push(Item {
            id: format!("{}-img-{}", p.dir, f.figure.id),
            href: format!("{}/{rel}", p.dir),
            media_type: f.media_type,
            properties: None,
            body,
            in_spine: false,
        });
        srcs.insert(
            f.figure.image.clone(),
            ImageRef {
                src: rel,
                media_type: f.media_type,
            },
        );
    }
    srcs
}

/// An article's title page and body documents copied from its own EPUB (where they are
/// `EPUB/a1/title.xhtml` and `EPUB/a1/article.xhtml`); gives its entry of the table of
/// contents, as [`article_documents`] does.
fn copied_documents<'a>(
    p: &Part<'a>,
    epub: &'a [u8],
    srcs: BTreeMap<String, ImageRef>,
    content: &mut Vec<Item<'a>>,
) -> (String, Vec<Inline>, Vec<TocEntry>) {
    for (id, doc) in [("title", "title.xhtml"), ("body", "article.xhtml")] {
        content.push(Item {
            id: format!("{}-{id}", p.dir),
            href: format!("{}/{doc}", p.dir),
            media_type: "application/xhtml+xml",
            properties: if id == "body" {
                body_properties(p)
            } else {
                None
            },
            body: Body::Copy {
                epub,
                entry: format!("EPUB/a1/{doc}"),
            },
            in_spine: true,
        });
    }
    super::sub_article::copied_sub_articles(p, epub, &article_places(), content);
    let r = Renderer::new(p.r, Target::Epub, article_places(), 1, srcs);
    let mut toc = r.toc();
    toc.extend(r.sub_article_toc());
    (p.dir.clone(), p.r.article.title.inlines().into_owned(), toc)
}

/// The manifest properties of an article's body document: `mathml` when it holds a
/// formula (inline formulas stand only in text the body document holds: validation
/// refuses them elsewhere).
fn body_properties(p: &Part<'_>) -> Option<&'static str> {
    crate::emit::xhtml::has_math(p.r.article).then_some("mathml")
}

/// Where an article's documents are in its folder, relative to each other.
fn article_places() -> Places {
    Places {
        title: "title.xhtml".into(),
        body: "article.xhtml".into(),
        about: "../about.xhtml".into(),
    }
}

/// An article's title page and body documents; gives its entry of the table of contents
/// (its folder, its title, the body's sections).
fn article_documents(
    p: &Part<'_>,
    srcs: BTreeMap<String, ImageRef>,
    content: &mut Vec<Item<'_>>,
) -> Result<(String, Vec<Inline>, Vec<TocEntry>), EmitError> {
    let mut r = Renderer::new(p.r, Target::Epub, article_places(), 1, srcs);
    let title = plain(&p.r.article.title);
    let alang = p.r.article.lang.as_str();

    r.set_current("title.xhtml");
    let mut w = XmlWriter::new();
    xhtml::open_document(&mut w, Target::Epub, alang, &title, "../style.css");
    w.open_block("body", &[]);
    // Every content document has a `main` landmark (axe-core's `landmark-one-main`).
    w.open_block("main", &[]);
    r.title_page(&mut w, 1);
    w.end("main");
    w.end("body");
    w.end("html");
    content.push(Item {
        id: format!("{}-title", p.dir),
        href: format!("{}/title.xhtml", p.dir),
        media_type: "application/xhtml+xml",
        properties: None,
        body: Body::Bytes(written(w)?.into_bytes()),
        in_spine: true,
    });

    r.set_current("article.xhtml");
    let mut w = XmlWriter::new();
    xhtml::open_document(&mut w, Target::Epub, alang, &title, "../style.css");
    w.open_block("body", &[]);
    w.open_block(
        "main",
        &[("epub:type", "bodymatter"), ("aria-label", title.as_str())],
    );
    r.body(&mut w);
    w.end("main");
    w.end("body");
    w.end("html");
    content.push(Item {
        id: format!("{}-body", p.dir),
        href: format!("{}/article.xhtml", p.dir),
        media_type: "application/xhtml+xml",
        properties: body_properties(p),
        body: Body::Bytes(written(w)?.into_bytes()),
        in_spine: true,
    });
    super::sub_article::sub_article_documents(p, &mut r, &article_places(), content)?;
    let mut toc = r.toc();
    toc.extend(r.sub_article_toc());
    Ok((p.dir.clone(), p.r.article.title.inlines().into_owned(), toc))
}
