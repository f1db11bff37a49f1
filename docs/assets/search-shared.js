/* Phrase search, shared part: loaded on every page.
 * - fold(): the search normalisation, the same rule as scripts/search/fold.py (tested on both sides), with
 *   the simplified-character table of search-t2s.js, which must load first;
 * - the index loader: index files are scripts that call SearchIndex.loaded(name, data), so they load
 *   from any static server and from file:// alike;
 * - the highlighting of ?hl= occurrences and of the #target paragraph on report pages.
 * The header search box is a plain form in every page (overrides/partials/search.html).
 */
(function () {
  "use strict";

  const DROPPED = /[\p{P}\p{Z}\p{Cc}\p{Cf}]/u;
  const QUOTE = /["\u201c\u201d\uff02]/;
  const SIMPLIFIED = window.SearchT2S;
  const foldCache = new Map();

  function foldChar(char) {
    if (DROPPED.test(char)) return "";
    let out = "";
    for (const c of char.normalize("NFKC").toLowerCase()) if (!DROPPED.test(c)) out += SIMPLIFIED.get(c) || c;
    return out;
  }

  /* The folded text, and for each of its code units the [start, end) of the character it came from. */
  function foldWithMap(text) {
    let folded = "", offset = 0;
    const starts = [], ends = [];
    for (const char of text) {
      let out = foldCache.get(char);
      if (out === undefined) foldCache.set(char, (out = foldChar(char)));
      for (let k = 0; k < out.length; k++) { starts.push(offset); ends.push(offset + char.length); }
      folded += out;
      offset += char.length;
    }
    return { folded, starts, ends };
  }

  function fold(text) { return foldWithMap(text).folded; }

  /* Quote marks separate phrases; without quotes the whole query is one phrase. */
  function parseQuery(query) {
    const phrases = query.split(QUOTE).map(fold).filter(Boolean);
    return [...new Set(phrases)];
  }

  function gramsOfPhrase(phrase) {
    const chars = Array.from(phrase);
    if (chars.length === 1) return chars;
    return [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
  }

  function gramHash(gram) {
    let hash = 0x811c9dc5;
    for (const char of gram) hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
    return hash;
  }

  /* Sorted, merged [start, end) ranges of every occurrence of every phrase; null if a phrase is missing. */
  function findRanges(text, phrases) {
    const { folded, starts, ends } = foldWithMap(text);
    const ranges = [];
    for (const phrase of phrases) {
      let at = folded.indexOf(phrase);
      if (at < 0) return null;
      for (; at >= 0; at = folded.indexOf(phrase, at + phrase.length)) {
        ranges.push([starts[at], ends[at + phrase.length - 1]]);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    return ranges.reduce((merged, r) => {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]); else merged.push(r.slice());
      return merged;
    }, []);
  }

  function decodePostings(text) {
    const ids = [];
    for (const segment of text.split(",")) {
      const colon = segment.indexOf(":");
      let id = parseInt(segment.slice(1, colon), 36);
      const bytes = atob(segment.slice(colon + 1));
      if (segment[0] === "b") {
        for (let i = 0; i < bytes.length; i++) {
          for (let byte = bytes.charCodeAt(i); byte; byte &= byte - 1) ids.push(id + i * 8 + 31 - Math.clz32(byte & -byte));
        }
        continue;
      }
      ids.push(id);
      for (let i = 0, value = 0, shift = 0; i < bytes.length; i++) {
        const byte = bytes.charCodeAt(i);
        value |= (byte & 0x7f) << shift;
        shift += 7;
        if (byte < 0x80) { id += value; ids.push(id); value = 0; shift = 0; }
      }
    }
    return ids;
  }

  /* The site root, from the theme's own configuration block. */
  function siteRoot() {
    const config = document.getElementById("__config");
    const base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  /* A page URL under the site root; folders get index.html when the site is opened from disk. */
  function pageUrl(path) {
    const withIndex = location.protocol === "file:" && (path === "" || path.endsWith("/")) ? path + "index.html" : path;
    return new URL(withIndex, siteRoot()).href;
  }

  const files = new Map();

  function entry(name) {
    if (!files.has(name)) {
      let resolve, reject;
      const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
      files.set(name, { promise, resolve, reject, started: false });
    }
    return files.get(name);
  }

  function load(name) {
    const file = entry(name);
    if (!file.started) {
      file.started = true;
      const script = document.createElement("script");
      script.src = new URL("search-index/" + name + ".js", siteRoot()).href;
      script.onerror = () => file.reject(Object.assign(new Error("search-index/" + name + ".js"), { indexFile: true }));
      document.head.appendChild(script);
    }
    return file.promise;
  }

  function loaded(name, data) { entry(name).resolve(data); }

  /* Wrap every occurrence of the phrases inside element in <mark>, across text nodes. */
  function markPhrases(element, phrases) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = "";
    while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
    const ranges = findRanges(text, phrases) || [];
    for (const [start, end] of ranges.reverse()) {
      for (const [node, offset] of nodes.slice().reverse()) {
        const nodeEnd = offset + node.data.length;
        if (nodeEnd <= start || offset >= end) continue;
        const range = document.createRange();
        range.setStart(node, Math.max(start, offset) - offset);
        range.setEnd(node, Math.min(end, nodeEnd) - offset);
        const mark = document.createElement("mark");
        mark.className = "search-hit";
        range.surroundContents(mark);
      }
    }
    return ranges.length;
  }

  function highlightReportPage() {
    const query = new URLSearchParams(location.search).get("hl");
    const article = document.querySelector(".md-content article");
    if (!article) return;
    if (query) {
      const phrases = parseQuery(query);
      article.querySelectorAll("p, h1, h2, h3, h4, li, td").forEach((el) => markPhrases(el, phrases));
    }
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target) {
      target.classList.add("search-target");
      (target.querySelector("mark") || target).scrollIntoView({ block: "center" }); // long paragraphs: the hit
    }
  }

  window.SearchIndex = { fold, parseQuery, gramsOfPhrase, gramHash, findRanges, decodePostings, load, loaded, pageUrl };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", highlightReportPage);
  else highlightReportPage();
})();
