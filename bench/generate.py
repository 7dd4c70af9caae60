#!/usr/bin/env python3
"""Seeded generator of a synthetic benchmark corpus for galley (and the same corpus as
pandoc Markdown).

The first article of the repository (input/origin-sino-soviet-alliance/article.yaml) is
the template: its 23 body paragraphs are sampled, shuffled and decorated with footnote
references, citations and cross-references; each article gets its own footnotes,
references (CSL-like: book / article-journal), a few small PNG figures, an abstract and
keywords, and contributors drawn from input/contributors.yaml (reused as is in every
issue folder).

Python 3 standard library only. The YAML is written by hand: every string is a JSON
string (json.dumps(ensure_ascii=False)), which is a valid YAML double-quoted scalar.

Layout of a corpus (`corpus` mode):

    OUT/galley/i0001/issue.yaml
    OUT/galley/i0001/contributors.yaml
    OUT/galley/i0001/a00001/article.yaml
    OUT/galley/i0001/a00001/images/fig-1.png
    ...
    OUT/pandoc/a00001/article.md          (with --markdown)
    OUT/pandoc/a00001/images/fig-1.png
    OUT/manifest.json                     (article count, issue folders, input bytes)

`scale` mode writes one article scaled x1, x10, x100 in length (paragraphs, sections,
footnotes, references and figures all scale), one issue folder per factor:

    OUT/x1/issue.yaml, OUT/x1/contributors.yaml, OUT/x1/scaled-x1/article.yaml ...

`suite` mode writes everything bench/run.py needs under a work folder, skipping a corpus
whose parameters and generator did not change since it was written.

Usage:
    generate.py corpus --n 100 --out bench/work/corpus-100 [--seed 1] [--markdown]
    generate.py scale --factors 1,10,100 --out bench/work/scale [--seed 1]
    generate.py suite --work bench/work [--quick]
"""

import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TEMPLATE = os.path.join(REPO, "input", "origin-sino-soviet-alliance", "article.yaml")
CONTRIBUTORS = os.path.join(REPO, "input", "contributors.yaml")

# Sizes of the suite, full and quick (BENCH_QUICK=1).
SUITE = {
    "full": {"ns": [100, 1000, 10000], "pandoc_n": 100, "factors": [1, 10, 100]},
    "quick": {"ns": [10, 50], "pandoc_n": 10, "factors": [1, 10]},
}


def q(s):
    """A string as a YAML double-quoted scalar (JSON is a subset of YAML here)."""
    return json.dumps(s, ensure_ascii=False)


# --------------------------------------------------------------------------- template


def read_template(path=TEMPLATE):
    """The template's title and body paragraphs, read with a small line parser (the
    template is plain block YAML with `- p: >-` folded scalars)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    title = None
    paragraphs = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^title:\s*(.+)$", line)
        if m and title is None:
            title = m.group(1).strip()
        m = re.match(r"^(\s*)- p:\s*(.*)$", line)
        if m:
            indent = len(m.group(1))
            rest = m.group(2).strip()
            if rest in (">-", ">", "|", "|-"):
                parts = []
                i += 1
                while i < len(lines) and (
                    not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent + 2
                ):
                    if lines[i].strip():
                        parts.append(lines[i].strip())
                    i += 1
                paragraphs.append(" ".join(parts))
                continue
            if rest.startswith('"'):
                rest = json.loads(rest)
            paragraphs.append(rest)
        i += 1
    if not paragraphs:
        sys.exit(f"generate.py: no paragraphs found in the template {path}")
    return title or "The Origin of the Sino-Soviet Alliance", paragraphs


def read_contributors(path=CONTRIBUTORS):
    """[(id, display name)] from contributors.yaml (id, then name.family / name.given)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    people = []
    for block in re.split(r"\n  - id: ", "\n" + text.split("contributors:", 1)[1])[1:]:
        cid = block.split("\n", 1)[0].strip()
        name = block.split("name:", 1)[1]
        family = re.search(r"family:\s*(.+)", name).group(1).strip().strip('"')
        given = re.search(r"given:\s*(.+)", name).group(1).strip().strip('"')
        order = re.search(r"order:\s*(\S+)", name.split("original_name:")[0])
        if order and order.group(1) == "family-first":
            display = f"{family} {given}"
        else:
            display = f"{given} {family}"
        people.append((cid, display))
    if len(people) < 4:
        sys.exit(f"generate.py: too few contributors in {path}")
    return people


SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def sentences(paragraph):
    return SENTENCE_SPLIT.split(paragraph)


# --------------------------------------------------------------------------- pools

FAMILY = ["Shen", "Zhang", "Chen", "Yang", "Niu", "Zhou", "Li", "Wang", "Westad", "Goncharov",
          "Lewis", "Xue", "Heinzig", "Kuisong", "Garver", "Mastny", "Zubok", "Pleshakov",
          "Hunt", "Sheng", "Christensen", "Radchenko", "Lüthi", "Jersild", "Tsui"]
GIVEN = ["Zhihua", "Shu Guang", "Jian", "Kuisong", "Jun", "Odd Arne", "Sergei", "John W.",
         "Litai", "Dieter", "Vojtech", "Vladislav", "Constantine", "Michael H.", "Michael M.",
         "Thomas J.", "Lorenz M.", "Austin", "Danhui", "Xiaobing"]
TOPICS = ["the Sino-Soviet Alliance", "the Yalta System", "Northeast China, 1945–1946",
          "the Chinese Civil War", "Mao Zedong and Stalin", "the Korean War",
          "Soviet Aid to China", "the Treaty of Friendship, Alliance and Mutual Assistance",
          "the Intermediate Zone", "the Communist International", "the Moscow Negotiations",
          "CPC-Soviet Relations", "the “Lean to One Side” Policy", "the Cold War in Asia"]
TITLE_FORMS = ["{t}", "Rethinking {t}", "{t} Reconsidered", "The Making of {t}",
               "New Evidence on {t}", "Ideology and Interest in {t}", "{t}: A Reappraisal",
               "Documents on {t}", "The Road to {t}", "Origins of {t}"]
JOURNALS = ["Cold War International History Project Bulletin", "Diplomatic History",
            "The China Quarterly", "Zhonggong dangshi yanjiu", "Lishi yanjiu",
            "Journal of Cold War Studies", "Modern China", "Jindaishi yanjiu"]
PUBLISHERS = [("Stanford University Press", "Stanford"), ("Columbia University Press", "New York"),
              ("Zhongyang wenxian chubanshe", "Beijing"), ("Shijie zhishi chubanshe", "Beijing"),
              ("Cambridge University Press", "Cambridge"), ("Guangdong renmin chubanshe", "Guangzhou"),
              ("University of North Carolina Press", "Chapel Hill")]
KEYWORDS = ["Sino-Soviet relations", "Cold War", "Chinese Communist Party", "Stalin", "Mao Zedong",
            "Yalta Agreement", "Northeast China", "alliance", "diplomatic history", "ideology",
            "Chinese Civil War", "Soviet foreign policy", "translation"]
SECTION_TITLES = ["Background", "Ideology and Strategy", "The Turning Point", "Negotiations",
                  "Consequences", "The *Yalta* System", "Aid and Its Limits", "Conclusion"]
ITALIC_TERMS = ["Rectification Campaign", "Yalta Agreement", "Sino-Soviet Agreement",
                "intermediate zone", "proletarian internationalism"]
QUOTES = [("The diplomacy of New China would “lean to one side.”", "Mao Zedong, 1949"),
          ("It was this mutual interest that pushed the two parties into strategic co-operation.", None)]


def roman(n):
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


# --------------------------------------------------------------------------- PNG


def png_bytes(rng, width, height):
    """A small RGB PNG: a colour gradient with a little noise, a few KB (zlib from the
    standard library; rows use the PNG "Sub" filter, as encoders do for gradients)."""
    r0, g0, b0 = rng.randrange(256), rng.randrange(256), rng.randrange(256)
    noise = rng.randbytes(width * height * 3)
    raw = bytearray()
    for y in range(height):
        row = bytearray()
        for x in range(width):
            i = (y * width + x) * 3
            row += bytes(((r0 + 2 * x + (noise[i] & 1)) & 255, (g0 + 2 * y + (noise[i + 1] & 1)) & 255,
                          (b0 + x + y + (noise[i + 2] & 1)) & 255))
        sub = bytearray(row[:3])
        sub += bytes((row[i] - row[i - 3]) & 255 for i in range(3, len(row)))
        raw.append(1)  # filter: Sub
        raw += sub

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------- model


class Source:
    def __init__(self):
        self.title, self.paragraphs = read_template()
        self.people = read_contributors()
        self.sentences = [s for p in self.paragraphs for s in sentences(p)]
        # A pool of distinct small images; each figure takes one (encoding a PNG per
        # figure in pure Python would dominate the generator's time).
        prng = random.Random(20260101)
        self.pngs = [png_bytes(prng, prng.randint(48, 120), prng.randint(32, 90)) for _ in range(48)]


def make_reference(rng, rid):
    n_auth = rng.choice([1, 1, 1, 2, 2, 3])
    authors = [{"family": rng.choice(FAMILY), "given": rng.choice(GIVEN)} for _ in range(n_auth)]
    title = rng.choice(TITLE_FORMS).format(t=rng.choice(TOPICS))
    title = title[0].upper() + title[1:]
    year = str(rng.randint(1950, 1995))
    if rng.random() < 0.5:
        pub, place = rng.choice(PUBLISHERS)
        ref = {"id": rid, "type": "book", "author": authors, "title": title, "issued": year,
               "publisher": pub, "publisher_place": place}
        if rng.random() < 0.3:
            ref["edition"] = str(rng.randint(2, 4))
        if rng.random() < 0.3:
            ref["language"] = "zh"
    else:
        first = rng.randint(1, 400)
        ref = {"id": rid, "type": "article-journal", "author": authors, "title": title,
               "container_title": rng.choice(JOURNALS), "issued": year,
               "volume": str(rng.randint(1, 40)), "issue": str(rng.randint(1, 6)),
               "page": f"{first}-{first + rng.randint(5, 40)}"}
        if rng.random() < 0.4:
            ref["DOI"] = f"10.99999/bench.{year}.{rng.randint(1, 99999)}"
    return ref


def decorate(rng, text, state):
    """Adds footnote references, citations, italics and cross-references to a paragraph.
    `state` holds the counters and the pending figure ids of the article."""
    out = []
    for s in sentences(text):
        for term in ITALIC_TERMS:
            if term in s and rng.random() < 0.3:
                s = s.replace(term, f"*{term}*", 1)
                break
        if s.endswith(".") and rng.random() < state["cite_p"] and state["refs"]:
            ref = rng.choice(state["refs"])
            state["cited"].add(ref)
            if rng.random() < 0.4:
                cite = f"[@{ref}, p. {rng.randint(1, 300)}]"
            else:
                cite = f"[@{ref}]"
            s = s[:-1] + f" {cite}."
        if state["xref_figs"] and s.endswith(".") and rng.random() < 0.3:
            fig = state["xref_figs"].pop(0)
            s = s[:-1] + f" (see [#{fig}])."
        if rng.random() < state["fn_p"]:
            state["fn_count"] += 1
            s = s + f"[^fn{state['fn_count']}]"
        out.append(s)
    return " ".join(out)


def make_article(rng, src, slug, scale=None):
    """One article as a plain dict (the generator's own model, written to YAML and
    Markdown by the functions below)."""
    if scale is None:  # a corpus article: lengths drawn around the template's
        n_par = max(4, round(rng.lognormvariate(math.log(23), 0.35)))
        n_sec = max(1, round(n_par / rng.uniform(3.5, 6.0)))
        n_refs = max(2, round(rng.uniform(0.25, 0.6) * n_par))
        n_figs = rng.choice([0, 1, 1, 2, 2, 3])
    else:  # the scaled article: the template's 23 paragraphs in 5 sections, times `scale`
        n_par, n_sec, n_refs, n_figs = 23 * scale, 5 * scale, 8 * scale, 2 * scale

    people = rng.sample(src.people, 4)
    roles = [(people[0], "author")]
    if rng.random() < 0.25:
        roles.append((people[3], "author"))
    roles.append((people[1], "translator"))
    reviser = rng.random() < 0.7
    if reviser:
        roles.append((people[2], "reviser"))

    refs = [make_reference(rng, f"r{i + 1}") for i in range(n_refs)]
    figures = []
    for i in range(n_figs):
        topic = rng.choice(TOPICS)
        figures.append({
            "id": f"fig-{i + 1}", "label": f"Figure {i + 1}",
            "caption": f"{topic[0].upper()}{topic[1:]}: a schematic view, "
                       f"{rng.randint(1945, 1950)}.",
            "alt": f"A colour gradient standing in for figure {i + 1}.",
            "image": f"images/fig-{i + 1}.png",
            "png": rng.choice(src.pngs),
        })
    state = {"refs": [r["id"] for r in refs], "cited": set(), "fn_count": 0,
             "fn_p": rng.uniform(0.04, 0.12), "cite_p": rng.uniform(0.08, 0.2),
             "xref_figs": [f["id"] for f in figures if rng.random() < 0.6]}

    # Paragraphs: sampled from the template (each pass over the template shuffled).
    pool = []
    while len(pool) < n_par:
        batch = list(src.paragraphs)
        rng.shuffle(batch)
        pool += batch
    pool = pool[:n_par]
    # Split into sections of at least one paragraph.
    n_sec = min(n_sec, n_par)
    weights = [rng.uniform(0.6, 1.4) for _ in range(n_sec)]
    bounds = [0]
    for k in range(1, n_sec):
        cut = round(n_par * sum(weights[:k]) / sum(weights))
        bounds.append(min(max(cut, bounds[-1] + 1), n_par - (n_sec - k)))
    bounds.append(n_par)
    fig_queue = list(figures)
    sections = []
    for k in range(len(bounds) - 1):
        content = []
        for p in pool[bounds[k]:bounds[k + 1]]:
            content.append(("p", decorate(rng, p, state)))
            if fig_queue and rng.random() < 0.15:
                content.append(("figure", fig_queue.pop(0)))
            if rng.random() < 0.02:
                content.append(("quote", rng.choice(QUOTES)))
        sec = {"label": roman(k + 1), "content": content}
        if rng.random() < 0.3:
            sec["title"] = rng.choice(SECTION_TITLES)
        sections.append(sec)
    for fig in fig_queue:  # figures not yet placed go at the end of the last section
        sections[-1]["content"].append(("figure", fig))
    # Every reference cited at least once: those left over are cited in a last sentence.
    uncited = [r for r in state["refs"] if r not in state["cited"]]
    if uncited:
        cites = "; ".join(f"@{r}" for r in uncited)
        sections[-1]["content"].append(("p", f"For further reading see [{cites}]."))
    # Cross-references not yet placed.
    for fig in state["xref_figs"]:
        sections[-1]["content"].append(("p", f"The sources are summarised in [#{fig}]."))

    footnotes = []
    for i in range(state["fn_count"]):
        text = rng.choice(src.sentences)
        r = rng.random()
        if r < 0.35 and refs:
            text = f"See [@{rng.choice(refs)['id']}], p. {rng.randint(1, 300)}. " + text
        elif r < 0.6:
            text = f"*Zhongguo shehui kexue*, {rng.randint(1985, 2000)}, no. {rng.randint(1, 6)}. " + text
        footnotes.append((f"fn{i + 1}", text))

    year = rng.randint(1985, 2000)
    issue = str(rng.randint(1, 6))
    translator = people[1][1]
    end_notes = [f"—*Translated by {translator} from Zhongguo shehui kexue, {year}, no. {issue}*"]
    if reviser:
        end_notes.append(f"Revised by {people[2][1]}")
    title = src.title if rng.random() < 0.2 else rng.choice(TITLE_FORMS).format(t=rng.choice(TOPICS))
    title = title[0].upper() + title[1:]
    if scale is not None:
        title = f"{src.title} (×{scale})"
    abstract = [" ".join(sentences(p)[0] for p in rng.sample(src.paragraphs, 3))]
    return {
        "slug": slug, "title": title,
        "contributors": [(p[0], p[1], role) for p, role in roles],
        "translation": {"year": year, "issue": issue},
        "dates": {"published": f"{rng.randint(1996, 2000)}-{rng.randint(1, 12):02d}"},
        "abstract": abstract,
        "keywords": rng.sample(KEYWORDS, rng.randint(3, 6)),
        "sections": sections, "footnotes": footnotes, "references": refs,
        "figures": figures, "end_notes": end_notes,
    }


# --------------------------------------------------------------------------- YAML


def article_yaml(a, seed):
    L = ["# Synthetic benchmark article generated by bench/generate.py "
         f"(seed {seed}) from the first article as template.",
         "type: research-article", "lang: en", f"title: {q(a['title'])}", "contributors:"]
    for cid, _name, role in a["contributors"]:
        L += [f"  - contributor: {cid}", f"    role: {role}"]
    t = a["translation"]
    L += ["translation:", "  original_lang: zh", "  source:",
          f"    title: {q('Zhongguo shehui kexue')}", f"    year: {t['year']}", f"    issue: {q(t['issue'])}"]
    L += ["dates:", f"  published: {q(a['dates']['published'])}"]
    L += ["abstract:"] + [f"  - {q(p)}" for p in a["abstract"]]
    L += ["keywords:"] + [f"  - {q(k)}" for k in a["keywords"]]
    L.append("body:")
    for sec in a["sections"]:
        L += ["  - section:", f"      label: {q(sec['label'])}"]
        if "title" in sec:
            L.append(f"      title: {q(sec['title'])}")
        L.append("      content:")
        for kind, v in sec["content"]:
            if kind == "p":
                L.append(f"        - p: {q(v)}")
            elif kind == "figure":
                L += ["        - figure:", f"            id: {v['id']}", f"            label: {q(v['label'])}",
                      f"            caption: {q(v['caption'])}", f"            image: {q(v['image'])}",
                      f"            alt: {q(v['alt'])}"]
            elif kind == "quote":
                text, attribution = v
                L += ["        - quote:", "            paragraphs:", f"              - {q(text)}"]
                if attribution:
                    L.append(f"            attribution: {q(attribution)}")
    L.append("end_notes:")
    L += [f"  - {q(n)}" for n in a["end_notes"]]
    if a["footnotes"]:
        L.append("footnotes:")
        for fid, text in a["footnotes"]:
            L += [f"  - id: {fid}", f"    text: {q(text)}"]
    if a["references"]:
        L.append("references:")
        for r in a["references"]:
            L += [f"  - id: {r['id']}", f"    type: {r['type']}", "    author:"]
            for au in r["author"]:
                L += [f"      - family: {q(au['family'])}", f"        given: {q(au['given'])}"]
            for key in ("title", "container_title", "issued", "volume", "issue", "page", "edition",
                        "publisher", "publisher_place", "language", "DOI"):
                if key in r:
                    L.append(f"    {key}: {q(r[key])}")
    return "\n".join(L) + "\n"


def issue_yaml(number, slugs):
    L = ["# Synthetic benchmark issue generated by bench/generate.py.",
         "# The journal's ISSN and publisher are made up for the benchmark.",
         "journal:", f"  title: {q('Social Sciences in China')}", "  publisher_id: ssc",
         "  issn:", f"    - value: {q('1234-5679')}", "      format: print",
         "  publisher:", f"    name: {q('Benchmark Press')}", f"    location: {q('Beijing')}",
         "issue:", f"  volume: {q(str(17 + (number - 1) // 4))}", f"  number: {q(str((number - 1) % 4 + 1))}",
         f"  date: {q(str(1996 + (number - 1) // 4))}", "  articles:"]
    L += [f"    - {s}" for s in slugs]
    return "\n".join(L) + "\n"


# --------------------------------------------------------------------------- Markdown


def md_inline(text, figures):
    """galley inline markup -> pandoc Markdown. Most of it is the same syntax
    (*, **, [^fn], [@id, p. 1], [text]{.sc}); cross-references become links."""
    labels = {f["id"]: f["label"] for f in figures}
    return re.sub(r"\[#([A-Za-z0-9_-]+)\]", lambda m: f"[{labels.get(m.group(1), m.group(1))}](#{m.group(1)})", text)


def csl_yaml_reference(r, indent="  "):
    L = [f"{indent}- id: {r['id']}", f"{indent}  type: {r['type']}", f"{indent}  author:"]
    for au in r["author"]:
        L += [f"{indent}    - family: {q(au['family'])}", f"{indent}      given: {q(au['given'])}"]
    L.append(f"{indent}  issued:")
    L.append(f"{indent}    date-parts: [[{int(r['issued'])}]]")
    names = {"container_title": "container-title", "publisher_place": "publisher-place"}
    for key in ("title", "container_title", "volume", "issue", "page", "edition", "publisher",
                "publisher_place", "language", "DOI"):
        if key in r:
            L.append(f"{indent}  {names.get(key, key)}: {q(r[key])}")
    return L


def article_markdown(a):
    figs = a["figures"]
    authors = [name for _cid, name, role in a["contributors"] if role == "author"]
    translator = [name for _cid, name, role in a["contributors"] if role == "translator"]
    reviser = [name for _cid, name, role in a["contributors"] if role == "reviser"]
    t = a["translation"]
    L = ["---", f"title: {q(a['title'])}", "author:"] + [f"  - {q(n)}" for n in authors]
    L += [f"translator: {q(translator[0])}"]
    if reviser:
        L.append(f"reviser: {q(reviser[0])}")
    L += ["lang: en", f"date: {q(a['dates']['published'])}",
          "journal:", f"  title: {q('Social Sciences in China')}", "  publisher-id: ssc",
          f"translated-from: {q('Zhongguo shehui kexue, %s, no. %s' % (t['year'], t['issue']))}",
          f"abstract: {q(md_inline(' '.join(a['abstract']), figs))}",
          "keywords:"] + [f"  - {q(k)}" for k in a["keywords"]]
    L.append("references:")
    for r in a["references"]:
        L += csl_yaml_reference(r)
    L += ["---", ""]
    for sec in a["sections"]:
        head = sec["label"] + (f". {sec['title']}" if "title" in sec else "")
        L += [f"# {head}", ""]
        for kind, v in sec["content"]:
            if kind == "p":
                L += [md_inline(v, figs), ""]
            elif kind == "figure":
                L += [f"![{v['label']}. {md_inline(v['caption'], figs)}]({v['image']})"
                      f"{{#{v['id']} alt={q(v['alt'])}}}", ""]
            elif kind == "quote":
                text, attribution = v
                L += [f"> {text}", ">"]
                L += [f"> — {attribution}", ""] if attribution else [""]
    L += ["# References {-}", "", "::: {#refs}", ":::", ""]
    for n in a["end_notes"]:
        L += [n, ""]
    for fid, text in a["footnotes"]:
        L += [f"[^{fid}]: {md_inline(text, figs)}", ""]
    return "\n".join(L)


# --------------------------------------------------------------------------- writers


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    kw = {} if isinstance(data, bytes) else {"encoding": "utf-8", "newline": "\n"}
    with open(path, mode, **kw) as f:
        f.write(data)


def write_article(a, issue_dir, md_root, seed):
    adir = os.path.join(issue_dir, a["slug"])
    size = 0
    text = article_yaml(a, seed)
    write(os.path.join(adir, "article.yaml"), text)
    size += len(text.encode("utf-8"))
    for f in a["figures"]:
        write(os.path.join(adir, f["image"]), f["png"])
    if md_root:
        mdir = os.path.join(md_root, a["slug"])
        write(os.path.join(mdir, "article.md"), article_markdown(a))
        for f in a["figures"]:
            write(os.path.join(mdir, f["image"]), f["png"])
    return size


def write_issue(issue_dir, number, slugs):
    size = 0
    text = issue_yaml(number, slugs)
    write(os.path.join(issue_dir, "issue.yaml"), text)
    size += len(text.encode("utf-8"))
    shutil.copyfile(CONTRIBUTORS, os.path.join(issue_dir, "contributors.yaml"))
    size += os.path.getsize(CONTRIBUTORS)
    return size


def gen_corpus(n, out, seed=1, markdown=False):
    """N articles in issues of 10-20 articles."""
    rng = random.Random(seed)
    src = Source()
    if os.path.exists(out):
        shutil.rmtree(out)
    groot = os.path.join(out, "galley")
    mroot = os.path.join(out, "pandoc") if markdown else None
    issues, done, number, total = [], 0, 0, 0
    yaml_bytes = 0
    while done < n:
        number += 1
        size = min(rng.randint(10, 20), n - done)
        idir = os.path.join(groot, f"i{number:04d}")
        slugs = [f"a{done + k + 1:05d}" for k in range(size)]
        for slug in slugs:
            yaml_bytes += write_article(make_article(rng, src, slug), idir, mroot, seed)
        yaml_bytes += write_issue(idir, number, slugs)
        issues.append(os.path.relpath(idir, out))
        done += size
        total += size
    manifest = {"kind": "corpus", "articles": total, "issues": issues, "yaml_bytes": yaml_bytes,
                "seed": seed, "markdown": bool(markdown),
                "articles_md": sorted(os.listdir(mroot)) if mroot else []}
    write(os.path.join(out, "manifest.json"), json.dumps(manifest, indent=1) + "\n")
    return manifest


def gen_scale(factors, out, seed=1):
    """One article scaled x1, x10, x100... in length: one issue folder per factor."""
    src = Source()
    if os.path.exists(out):
        shutil.rmtree(out)
    entries = {}
    for factor in factors:
        rng = random.Random(seed)  # the same seed for every factor
        idir = os.path.join(out, f"x{factor}")
        slug = f"scaled-x{factor}"
        yaml_bytes = write_article(make_article(rng, src, slug, scale=factor), idir, None, seed)
        yaml_bytes += write_issue(idir, 1, [slug])
        entries[str(factor)] = {"issue": f"x{factor}", "yaml_bytes": yaml_bytes,
                                "article_bytes": os.path.getsize(os.path.join(idir, slug, "article.yaml"))}
    manifest = {"kind": "scale", "factors": entries, "seed": seed}
    write(os.path.join(out, "manifest.json"), json.dumps(manifest, indent=1) + "\n")
    return manifest


def fingerprint(params):
    h = hashlib.sha256()
    for path in (os.path.abspath(__file__), TEMPLATE, CONTRIBUTORS):
        with open(path, "rb") as f:
            h.update(f.read())
    h.update(json.dumps(params, sort_keys=True).encode())
    return h.hexdigest()


def fresh(out, params):
    stamp = os.path.join(out, ".stamp")
    try:
        with open(stamp) as f:
            return f.read().strip() == fingerprint(params)
    except OSError:
        return False


def stamp(out, params):
    write(os.path.join(out, ".stamp"), fingerprint(params) + "\n")


def suite(work, quick, seed):
    cfg = SUITE["quick" if quick else "full"]
    os.makedirs(work, exist_ok=True)
    plan = []
    for n in cfg["ns"]:  # the corpus of pandoc's size also gets its Markdown twin
        plan.append(("corpus", {"n": n, "seed": seed, "markdown": n == cfg["pandoc_n"]},
                     os.path.join(work, f"corpus-{n}")))
    if cfg["pandoc_n"] not in cfg["ns"]:
        plan.append(("corpus", {"n": cfg["pandoc_n"], "seed": seed, "markdown": True},
                     os.path.join(work, f"corpus-{cfg['pandoc_n']}")))
    plan.append(("scale", {"factors": cfg["factors"], "seed": seed}, os.path.join(work, "scale")))
    for kind, params, out in plan:
        if fresh(out, params):
            print(f"generate.py: {out} is up to date")
            continue
        print(f"generate.py: writing {out} ...", flush=True)
        if kind == "corpus":
            gen_corpus(params["n"], out, params["seed"], params["markdown"])
        else:
            gen_scale(params["factors"], out, params["seed"])
        stamp(out, params)
    suite_info = {"quick": quick, "ns": cfg["ns"], "pandoc_n": cfg["pandoc_n"], "factors": cfg["factors"],
                  "corpora": {str(n): f"corpus-{n}" for n in cfg["ns"]},
                  "pandoc": f"corpus-{cfg['pandoc_n']}", "scale": "scale"}
    write(os.path.join(work, "suite.json"), json.dumps(suite_info, indent=1) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus", help="N articles in issues of 10-20")
    c.add_argument("--n", type=int, required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--markdown", action="store_true", help="also write the pandoc Markdown")
    s = sub.add_parser("scale", help="one article scaled in length")
    s.add_argument("--factors", default="1,10,100")
    s.add_argument("--out", required=True)
    s.add_argument("--seed", type=int, default=1)
    u = sub.add_parser("suite", help="everything bench/run.py needs")
    u.add_argument("--work", default=os.path.join(HERE, "work"))
    u.add_argument("--quick", action="store_true", default=os.environ.get("BENCH_QUICK") == "1")
    u.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.cmd == "corpus":
        m = gen_corpus(args.n, args.out, args.seed, args.markdown)
        print(f"generate.py: {m['articles']} articles in {len(m['issues'])} issues, "
              f"{m['yaml_bytes'] / 1e6:.2f} MB of YAML, into {args.out}")
    elif args.cmd == "scale":
        m = gen_scale([int(x) for x in args.factors.split(",")], args.out, args.seed)
        print(f"generate.py: scaled article x{', x'.join(m['factors'])} into {args.out}")
    else:
        suite(args.work, args.quick, args.seed)


if __name__ == "__main__":
    main()
