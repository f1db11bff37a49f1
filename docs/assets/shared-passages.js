/* Shared passages: on a report page, a line "亦见于 …" under each paragraph that also appears (verbatim or
 * nearly) in other reports. The report's marks come from shared-passages/r/<n>.js (n from its slug) and the
 * passages from shared-passages/p/<n>.js (scripts/site/shared_passages.py); titles are set as textContent. */
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
      const link = el("a", "", title);
      link.href = new URL(meta.url.replace("{slug}", otherSlug), StaticData.siteRoot()).href + "#" + encodeURIComponent(anchor);
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

  StaticData.onReady(() => { markPage().catch(() => {}); });
})();
