/* Draft check (比对查重): the pasted draft is cut into sentences and clauses exactly as
 * scripts/search/fingerprints.py cuts the archive, each run of clauses is folded (SearchIndex.fold) and
 * hashed (CRC-32 and Adler-32 of its UTF-8), and only the index shards named by those hashes are loaded.
 * The draft itself never leaves the page: no request carries its text, only shard numbers.
 * Report text and the draft are written with textContent only. */
(function () {
  "use strict";

  const SENTENCE_END = "。！？；!?;…\n";
  const CLAUSE_END = "，,：:";
  const INDEX = "draft-index/";
  const MAX_CHARS = 20000;

  /* [{clauses: [{start, end, folded}]}]: clause offsets in the text, punctuation left out. */
  function splitSentences(text) {
    const sentences = [[]];
    let start = 0;
    const close = (end) => {
      if (end > start) sentences[sentences.length - 1].push({ start, end, folded: SearchIndex.fold(text.slice(start, end)) });
    };
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      const sentenceEnd = SENTENCE_END.includes(char);
      if (!sentenceEnd && !CLAUSE_END.includes(char)) continue;
      close(i);
      start = i + 1;
      if (sentenceEnd && sentences[sentences.length - 1].length) sentences.push([]);
    }
    close(text.length);
    return sentences.filter((s) => s.length).map((clauses) => clauses.filter((c) => c.folded));
  }

  /* Runs of up to maxRun clauses (and the whole sentence) with at least minChars folded characters. */
  function runsOfSentence(clauses, meta) {
    const runs = [];
    for (let first = 0; first < clauses.length; first++) {
      let text = "";
      for (let last = first; last < Math.min(clauses.length, first + meta.maxRun); last++) {
        text += clauses[last].folded;
        if (Array.from(text).length >= meta.minChars) runs.push({ first, last, text });
      }
    }
    if (clauses.length > meta.maxRun) {
      const text = clauses.map((c) => c.folded).join("");
      if (Array.from(text).length >= meta.minChars) runs.push({ first: 0, last: clauses.length - 1, text });
    }
    return runs;
  }

  const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();
  const encoder = new TextEncoder();

  function crc32(bytes) {
    let crc = 0xffffffff;
    for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  function adler32(bytes) {
    let a = 1, b = 0;
    for (const byte of bytes) { a = (a + byte) % 65521; b = (b + a) % 65521; }
    return (b * 65536 + a) >>> 0;
  }

  /* The shard and the key in it of a folded run, as fingerprint_key() and build_draft_index() write them. */
  function locate(text, shards) {
    const bytes = encoder.encode(text);
    const crc = crc32(bytes);
    const key = Math.floor(crc / shards).toString(36) + "." + adler32(bytes).toString(36) + "." +
      Array.from(text).length.toString(36);
    return { shard: crc % shards, key };
  }

  /* Each sentence's found runs, chosen left to right, longest first: [{start, end, chars, entry}]. */
  async function check(text) {
    const meta = await StaticData.load(INDEX + "meta");
    const sentences = splitSentences(text.slice(0, MAX_CHARS));
    const wanted = sentences.map((clauses) => runsOfSentence(clauses, meta).map((run) => ({ ...run, ...locate(run.text, meta.shards) })));
    const shards = new Map();
    const fetch = async (runs) => {
      const numbers = [...new Set(runs.map((run) => run.shard))].filter((n) => !shards.has(n));
      for (const [n, shard] of await Promise.all(numbers.map(async (n) => [n, await StaticData.load(INDEX + "f/" + n)]))) shards.set(n, shard);
    };
    /* First the single clauses and whole sentences; then only the runs whose long clauses were all found
     * (a run in the archive holds each of its clauses, and a clause of minChars or more is a fingerprint). */
    const single = (run) => run.first === run.last || (run.first === 0 && run.last === sentences[run.sentence].length - 1);
    wanted.forEach((runs, s) => runs.forEach((run) => { run.sentence = s; }));
    await fetch(wanted.flat().filter(single));
    const seen = (run) => Boolean(shards.get(run.shard)[run.key]);
    const clauseFound = wanted.map((runs, s) => sentences[s].map((clause, i) => {
      const alone = runs.find((run) => run.first === i && run.last === i);
      return alone ? seen(alone) : true;  // too short to be looked up alone
    }));
    const possible = (run) => clauseFound[run.sentence].slice(run.first, run.last + 1).every(Boolean);
    await fetch(wanted.flat().filter((run) => !single(run) && possible(run)));
    const found = [];
    sentences.forEach((clauses, s) => {
      const hits = wanted[s].filter((run) => shards.has(run.shard) && shards.get(run.shard)[run.key]);
      for (let i = 0; i < clauses.length;) {
        const best = hits.filter((run) => run.first === i).sort((a, b) => b.last - a.last)[0];
        if (!best) { i++; continue; }
        found.push({ start: clauses[i].start, end: clauses[best.last].end, chars: Array.from(best.text).length,
          entry: shards.get(best.shard)[best.key] });
        i = best.last + 1;
      }
    });
    const draftChars = sentences.flat().reduce((sum, c) => sum + Array.from(c.folded).length, 0);
    return { found, draftChars, meta };
  }

  async function reportsOf(found, meta) {
    const numbers = [...new Set(found.flatMap((hit) => hit.entry.slice(2).map((loc) => loc[0])))];
    const files = [...new Set(numbers.map((n) => Math.floor(n / meta.reportsPerFile)))];
    const rows = new Map(await Promise.all(files.map(async (f) => [f, await StaticData.load(INDEX + "r/" + f)])));
    const reports = new Map();
    for (const n of numbers) {
      const [slug, title, organization, level, year] = rows.get(Math.floor(n / meta.reportsPerFile))[n % meta.reportsPerFile];
      reports.set(n, { slug, title, organization, level, year, url: new URL(meta.url.replace("{slug}", slug), StaticData.siteRoot()).href });
    }
    return reports;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function reportLink(report, anchor) {
    const link = el("a", "draft-report", report.title);
    link.href = report.url + (anchor ? "#" + encodeURIComponent(anchor) : "");
    const where = [report.organization, report.level, report.year ? report.year + "年" : ""].filter(Boolean).join("，");
    const item = el("li");
    item.append(link, el("span", "draft-where", where ? "（" + where + "）" : ""));
    return item;
  }

  function renderDraft(text, found, reports, output) {
    const draft = el("div", "draft-text");
    let at = 0;
    found.forEach((hit, i) => {
      draft.append(document.createTextNode(text.slice(at, hit.start)));
      const mark = el("mark", "draft-hit", text.slice(hit.start, hit.end));
      mark.dataset.hit = String(i);
      mark.title = "见于 " + hit.entry[1] + " 篇报告的 " + hit.entry[0] + " 段";
      draft.append(mark);
      at = hit.end;
    });
    draft.append(document.createTextNode(text.slice(at)));
    output.append(draft);
    const list = el("ol", "draft-hits");
    found.forEach((hit, i) => {
      const item = el("li", "draft-source");
      item.id = "draft-hit-" + i;
      item.append(el("q", "draft-quote", text.slice(hit.start, hit.end)),
        el("span", "draft-count", "见于 " + hit.entry[1] + " 篇报告、" + hit.entry[0] + " 段" +
          (hit.entry[0] > hit.entry.length - 2 ? "，列出前 " + (hit.entry.length - 2) + " 段" : "")));
      const where = el("ul", "draft-where-list");
      for (const [n, anchor] of hit.entry.slice(2)) where.append(reportLink(reports.get(n), anchor));
      item.append(where);
      list.append(item);
    });
    draft.addEventListener("click", (event) => {
      const mark = event.target.closest("mark[data-hit]");
      const item = mark && document.getElementById("draft-hit-" + mark.dataset.hit);
      if (item) item.scrollIntoView({ block: "center" });
    });
    return list;
  }

  function renderSummary(found, draftChars, reports, output) {
    const foundChars = found.reduce((sum, hit) => sum + hit.chars, 0);
    const share = draftChars ? Math.round((foundChars / draftChars) * 1000) / 10 : 0;
    const summary = el("p", "draft-summary", draftChars ?
      `草稿共 ${draftChars} 字（不计标点），其中 ${foundChars} 字（${share}%）、${found.length} 处在文库中原样出现。` :
      "草稿是空的。");
    summary.dataset.found = String(foundChars);
    summary.dataset.total = String(draftChars);
    output.append(summary);
    const weight = new Map();
    for (const hit of found) {
      for (const n of new Set(hit.entry.slice(2).map((loc) => loc[0]))) weight.set(n, (weight.get(n) || 0) + hit.chars);
    }
    const top = [...weight].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10);
    if (!top.length) return;
    output.append(el("h2", "", "引用最多的报告"));
    const list = el("ol", "draft-top");
    for (const [n, chars] of top) {
      const item = reportLink(reports.get(n));
      item.append(el("span", "draft-count", " " + chars + " 字"));
      list.append(item);
    }
    output.append(list);
  }

  async function run(app) {
    const text = app.querySelector(".draft-input").value;
    const output = app.querySelector(".draft-output");
    output.replaceChildren(el("p", "draft-busy", "正在比对……"));
    app.dataset.complete = "false";
    try {
      const { found, draftChars, meta } = await check(text);
      const reports = await reportsOf(found, meta);
      output.replaceChildren();
      renderSummary(found, draftChars, reports, output);
      const hits = renderDraft(text.slice(0, MAX_CHARS), found, reports, output);
      if (found.length) output.append(el("h2", "", "逐处出处"), hits);
    } catch (error) {
      output.replaceChildren(el("p", "draft-error", "比对索引未能加载（" + error.message + "）。请确认网站文件完整。"));
    }
    app.dataset.complete = "true";
  }

  StaticData.onReady(() => {
    const app = document.getElementById("draft-app");
    if (!app) return;
    const input = app.querySelector(".draft-input");
    const counter = app.querySelector(".draft-length");
    input.maxLength = MAX_CHARS;
    input.addEventListener("input", () => { counter.textContent = input.value.length + " / " + MAX_CHARS + " 字"; });
    app.querySelector(".draft-submit").addEventListener("click", () => run(app));
    app.dataset.ready = "true";
  });

  window.DraftCheck = { splitSentences, runsOfSentence, locate, check };
})();
