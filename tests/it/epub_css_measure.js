// Measures what the EPUB stylesheet does to a content document, once it and its fonts are
// loaded, and posts the facts as JSON to the page framing it, which writes them into its
// DOM for `chromium --dump-dom` to print (tests/it/epub_css.rs reads them back).
// Characters that a serializer would escape (`<`, `>`, `&`, anything beyond ASCII) can
// only stand inside JSON strings, where they are written as \u escapes: the text comes
// back as it was written.
(function () {
  'use strict';
  function describe(el) {
    var n = el.localName;
    if (el.id) {
      n += '#' + el.id;
    }
    var cls = el.getAttribute('class');
    if (cls) {
      n += '.' + cls.trim().split(/\s+/).join('.');
    }
    return n;
  }

  function ownText(el) {
    var t = '';
    for (var c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        t += c.data;
      }
    }
    return t.replace(/\s+/g, ' ').trim();
  }

  function shown(el) {
    var s = getComputedStyle(el);
    return el.getClientRects().length > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  }

  // Whether an ancestor clips or scrolls what overflows it (a wide table in its wrap).
  function clipped(el) {
    for (var a = el.parentElement; a; a = a.parentElement) {
      var o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') {
        return true;
      }
    }
    return false;
  }

  function within(el, names) {
    for (var a = el; a; a = a.parentElement) {
      if (names.indexOf(a.localName) >= 0) {
        return true;
      }
    }
    return false;
  }

  function rgba(css) {
    var v = (css.match(/[\d.]+/g) || []).map(Number);
    return { r: v[0] || 0, g: v[1] || 0, b: v[2] || 0, a: v.length > 3 ? v[3] : 1 };
  }

  // The colour behind an element: the first ancestor (itself included) with a background
  // colour that is not transparent, else the canvas (white).
  function background(el) {
    for (var a = el; a; a = a.parentElement) {
      var c = rgba(getComputedStyle(a).backgroundColor);
      if (c.a > 0) {
        return c;
      }
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  }

  function luminance(c) {
    var f = function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }

  function contrast(a, b) {
    var x = luminance(a);
    var y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }

  function size(el) {
    return parseFloat(getComputedStyle(el).fontSize);
  }

  function measure() {
    var de = document.documentElement;
    var body = document.body;
    var vw = de.clientWidth;
    var out = {
      client_width: vw,
      viewport_height: window.innerHeight,
      scroll_width: de.scrollWidth,
      height: Math.ceil(Math.max(de.scrollHeight, body.scrollHeight)),
      body: size(body),
      wide: [],
      footnotes: [],
      references: [],
      headings: [],
      images: [],
      captions: [],
      boxes: [],
      items: [],
      langs: [],
      texts: []
    };
    var all = body.querySelectorAll('*');
    for (var i = 0; i !== all.length; i++) {
      var el = all[i];
      if (!shown(el)) {
        continue;
      }
      var r = el.getBoundingClientRect();
      if ((r.right > vw + 0.5 || r.left < -0.5) && !clipped(el)) {
        out.wide.push({ el: describe(el), left: r.left, right: r.right });
      }
      // A shaded box (an abstract): the space inside it above its first child and below
      // its last, borders left out; children's margins count, as they show.
      var es = getComputedStyle(el);
      if (rgba(es.backgroundColor).a > 0 && ['td', 'th', 'tr', 'table'].indexOf(el.localName) < 0) {
        var kids = Array.prototype.filter.call(el.children, function (k) {
          var d = getComputedStyle(k).display;
          return shown(k) && d !== 'inline' && getComputedStyle(k).position === 'static';
        });
        if (kids.length > 0) {
          var top = Math.min.apply(null, kids.map(function (k) { return k.getBoundingClientRect().top; }));
          var bottom = Math.max.apply(null, kids.map(function (k) { return k.getBoundingClientRect().bottom; }));
          out.boxes.push({
            el: describe(el),
            above: top - r.top - parseFloat(es.borderTopWidth),
            below: r.bottom - parseFloat(es.borderBottomWidth) - bottom
          });
        }
      }
      var text = ownText(el);
      if (text) {
        var s = getComputedStyle(el);
        var fg = rgba(s.color);
        var bg = background(el);
        out.texts.push({
          el: describe(el),
          text: text.slice(0, 60),
          size: size(el),
          contrast: contrast(fg, bg),
          color: s.color,
          background: 'rgb(' + bg.r + ', ' + bg.g + ', ' + bg.b + ')',
          in_script: within(el, [
            'sup', 'sub', 'msup', 'msub', 'msubsup', 'munder', 'mover', 'munderover',
            'mmultiscripts', 'mfrac', 'mroot'
          ])
        });
      }
    }
    var notes = body.querySelectorAll('[role="doc-footnote"], [role="doc-endnote"]');
    for (var n = 0; n !== notes.length; n++) {
      var ps = notes[n].querySelectorAll('p');
      for (var p = 0; p !== ps.length; p++) {
        out.footnotes.push({ el: describe(notes[n]), size: size(ps[p]) });
      }
    }
    var refs = body.querySelectorAll('.references li');
    for (var f = 0; f !== refs.length; f++) {
      out.references.push({ el: describe(refs[f]), size: size(refs[f]) });
    }
    var hs = body.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]');
    for (var h = 0; h !== hs.length; h++) {
      if (!shown(hs[h])) {
        continue;
      }
      out.headings.push({
        el: describe(hs[h]),
        text: hs[h].textContent.replace(/\s+/g, ' ').trim().slice(0, 60),
        level: hs[h].localName,
        size: size(hs[h]),
        weight: parseInt(getComputedStyle(hs[h]).fontWeight, 10)
      });
    }
    var imgs = body.querySelectorAll('img');
    for (var m = 0; m !== imgs.length; m++) {
      var img = imgs[m];
      var ir = img.getBoundingClientRect();
      var parent = img.parentElement;
      var ps2 = getComputedStyle(parent);
      var column =
        parent.getBoundingClientRect().width -
        parseFloat(ps2.paddingLeft) -
        parseFloat(ps2.paddingRight) -
        parseFloat(ps2.borderLeftWidth) -
        parseFloat(ps2.borderRightWidth);
      out.images.push({
        src: img.getAttribute('src'),
        loaded: img.complete && img.naturalWidth > 0,
        width: ir.width,
        left: ir.left,
        right: ir.right,
        bottom: ir.bottom,
        column: column,
        cover: img.getAttribute('role') === 'doc-cover'
      });
    }
    // Captions: how wide each is beside the column it could use (a table caption's is
    // the table's container, a figure caption's its figure), and how many lines it takes.
    var caps = body.querySelectorAll('caption, figcaption');
    for (var c = 0; c !== caps.length; c++) {
      var cap = caps[c];
      if (!shown(cap)) {
        continue;
      }
      var box = cap.localName === 'caption' ? cap.parentElement.parentElement : cap.parentElement;
      var bs = getComputedStyle(box);
      var cr = cap.getBoundingClientRect();
      out.captions.push({
        el: describe(cap),
        text: cap.textContent.replace(/\s+/g, ' ').trim().slice(0, 60),
        width: cr.width,
        column: box.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight),
        lines: Math.round(cr.height / parseFloat(getComputedStyle(cap).lineHeight))
      });
    }
    // List items: how far in from the body's content edge each starts.
    var bs0 = getComputedStyle(body);
    var edge = body.getBoundingClientRect().left + parseFloat(bs0.paddingLeft);
    var column0 = body.clientWidth - parseFloat(bs0.paddingLeft) - parseFloat(bs0.paddingRight);
    var lis = body.querySelectorAll('li');
    for (var q = 0; q !== lis.length; q++) {
      if (!shown(lis[q])) {
        continue;
      }
      out.items.push({
        el: describe(lis[q]),
        text: lis[q].textContent.replace(/\s+/g, ' ').trim().slice(0, 60),
        indent: lis[q].getBoundingClientRect().left - edge,
        column: column0
      });
    }
    var tagged = [de].concat(Array.prototype.slice.call(body.querySelectorAll('[lang]')));
    for (var l = 0; l !== tagged.length; l++) {
      var t = tagged[l];
      out.langs.push({
        el: describe(t),
        lang: t.getAttribute('lang'),
        family: getComputedStyle(t).fontFamily,
        style: getComputedStyle(t).fontStyle
      });
    }
    var json = JSON.stringify(out).replace(/[^\x20-\x7e]|[<>&]/g, function (c) {
      return '\\u' + ('0000' + c.charCodeAt(0).toString(16)).slice(-4);
    });
    window.parent.postMessage(json, '*');
  }

  window.addEventListener('load', function () {
    document.fonts.ready.then(measure);
  });
})();
