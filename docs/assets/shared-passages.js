/* Shared passages: on a report page, a line "亦见于 …" under each paragraph that also appears (verbatim or
 * nearly) in other reports; on the overview page (tools/shared-passages), the most reused passages. The
 * report's marks come from shared-passages/r/<n>.js (n from its slug), the passages from
 * shared-passages/p/<n>.js and the overview from shared-passages/top.js (scripts/site/shared_passages.py);
 * every text from reports is set as textContent. */
(function () {
  "use strict";

  const DIR = "shared-passages/";
  const SHOWN = 5;

  function slugOfPage() {
    const parts = location.pathname.split("/").filter(Boolean);
    const at = parts.lastIndexOf("reports");
    if (at < 0 || at + 1 >= parts.length) return null;
    return decodeURIComponent(parts[at + 1]).replace(/\.html$/, "");
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function markLine(passage, slug, meta) {
    const [reports, verbatim, places] = passage;
    const others = places.filter((place) => place[0] !== slug);
    const line = el("p", "passage-also");
    line.append(el("span", "passage-label", verbatim ? "亦见于：" : "亦见于（原样或近似）："));
    for (const [otherSlug, title, organization, year, anchor] of others.slice(0, SHOWN)) {
      const link = reportLink(meta, otherSlug, title, anchor);
      link.title = [organization, year ? year + "年" : ""].filter(Boolean).join("，");
      line.append(link);
    }
    const elsewhere = reports - 1;
    if (elsewhere > Math.min(SHOWN, others.length)) line.append(el("span", "passage-more", `等共 ${elsewhere} 篇其他报告`));
    return line;
  }

  async function markPage() {
    const slug = slugOfPage();
    if (!slug || !document.querySelector(".report-document")) return;
    const meta = await StaticData.load(DIR + "meta");
    const marks = (await StaticData.load(DIR + "r/" + (SearchIndex.gramHash(slug) % meta.reportFiles)))[slug];
    if (!marks) { document.body.dataset.sharedPassages = "0"; return; }
    const numbers = Object.values(marks);
    const files = [...new Set(numbers.map((n) => Math.floor(n / meta.passagesPerFile)))];
    const loaded = new Map(await Promise.all(files.map(async (f) => [f, await StaticData.load(DIR + "p/" + f)])));
    for (const [anchor, number] of Object.entries(marks)) {
      const target = document.getElementById(anchor);
      const passage = loaded.get(Math.floor(number / meta.passagesPerFile))[number % meta.passagesPerFile];
      if (target && passage) target.after(markLine(passage, slug, meta));
    }
    document.body.dataset.sharedPassages = String(Object.keys(marks).length);
  }

  function reportLink(meta, slug, label, anchor) {
    const link = el("a", "", label);
    link.href = new URL(meta.url.replace("{slug}", slug), StaticData.siteRoot()).href + "#" + encodeURIComponent(anchor);
    return link;
  }

  async function fillOverview(app) {
    const [meta, top] = await Promise.all([StaticData.load(DIR + "meta"), StaticData.load(DIR + "top")]);
    const count = (n) => n.toLocaleString("en-US");
    const parts = [el("p", "", `共 ${count(top.passages)} 段文字在不止一篇报告中原样或近似出现，涉及 ${count(top.reports)} 篇报告。`)];
    top.ranked.forEach(([reports, verbatim, text, places, listed], index) => {
      const rank = index + 1;
      const heading = el("h2", "", `${rank}. 见于 ${reports} 篇报告（${verbatim ? "原样" : "原样或近似"}）`);
      heading.id = "passage-" + rank;
      const list = el("ul");
      for (const [slug, label, anchor] of listed) {
        const item = el("li");
        item.append(reportLink(meta, slug, label, anchor));
        list.append(item);
      }
      if (places > listed.length) list.append(el("li", "passage-more", `……共 ${places} 处`));
      parts.push(heading, el("p", "passage-text", text), list);
    });
    app.replaceChildren(...parts);
    app.dataset.complete = "true";
    if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }

  StaticData.onReady(() => {
    const app = document.getElementById("shared-passages-app");
    if (app) {
      fillOverview(app).catch((error) => {
        app.replaceChildren(el("p", "shared-passages-error", "重复段落数据未能加载（" + error.message + "）。"));
      });
    } else {
      markPage().catch(() => {});
    }
  });
})();
