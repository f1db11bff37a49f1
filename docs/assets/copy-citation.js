/* Copy with citation: a copy button on every paragraph of report pages (p<n>), theme pages (.passage) and
 * search results; it copies the text and a citation line (organization, level, year, title, link) as plain
 * text and as HTML, which Word pastes cleanly. The search page can also copy, or download as .txt and .csv,
 * all the results it shows. The buttons carry no text (an icon drawn by CSS), so a paragraph's text is unchanged. */
(function () {
  "use strict";

  const T = window.ToolData;
  const LABEL = "复制本段（附出处）";
  const PARAGRAPH_ID = /^p\d+$/;

  function copyButton(getCited) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-cite";
    button.title = LABEL;
    button.setAttribute("aria-label", LABEL);
    button.addEventListener("click", async (event) => {
      event.preventDefault();
      event.stopPropagation();
      const { text, html } = getCited();
      T.flash(button, await T.copy(text, html));
    });
    return button;
  }

  /* The text of an element without the buttons and links the tools add or the page appends. */
  function ownText(element, skip) {
    const clone = element.cloneNode(true);
    clone.querySelectorAll(".copy-cite" + (skip ? ", " + skip : "")).forEach((node) => node.remove());
    return clone.textContent.replace(/\s+$/, "").replace(/^\s+/, "");
  }

  /* Years as the report pages write them (the search page writes 2021 and 年份不详). */
  function yearLabel(year) {
    if (/^\d+$/.test(year || "")) return year + "年";
    return year === "年份不详" ? "年份未知" : year;
  }

  function factsMeta(title, facts) {
    const [level, year, docType, organization] = facts.split(" · ").map((part) => part.trim());
    return { title, level, year: yearLabel(year), docType, organization };
  }

  /* Report pages: the metadata card under the title. */
  function reportMeta() {
    const values = {};
    document.querySelectorAll(".report-card li").forEach((item) => {
      const label = item.querySelector(".card-label"), value = item.querySelector(".card-value");
      if (label && value) values[label.textContent.trim()] = value.textContent.trim();
    });
    const h1 = document.querySelector(".report-document h1");
    return { title: h1 ? ownText(h1) : document.title, level: values["级别"], year: values["年份"],
      docType: values["文种"], organization: values["单位"] };
  }

  function decorateReport(root) {
    const meta = reportMeta();
    root.querySelectorAll("p[id]").forEach((p) => {
      if (!PARAGRAPH_ID.test(p.id) || p.querySelector(".copy-cite")) return;
      p.append(copyButton(() => {
        const url = T.cleanUrl(location.href).replace(/#.*$/, "") + "#" + p.id;
        return T.citedText(ownText(p), meta, url);
      }));
    });
  }

  /* Theme pages: each passage sits under its report's heading and facts line. */
  function passageMeta(passage) {
    let node = passage.previousElementSibling, facts = "";
    while (node && node.tagName !== "H2") {
      if (node.classList.contains("report-facts") && !facts) facts = ownText(node);
      node = node.previousElementSibling;
    }
    return factsMeta(node ? ownText(node) : "", facts);
  }

  function decorateTheme(root) {
    root.querySelectorAll("p.passage").forEach((p) => {
      if (p.querySelector(".copy-cite")) return;
      p.append(copyButton(() => {
        const link = p.querySelector(".passage-link");
        return T.citedText(ownText(p, ".passage-link"), passageMeta(p), link ? T.cleanUrl(link.href) : "");
      }));
    });
  }

  /* Search results: the report's header is in the item (flat listing) or in the group item before it. */
  function resultMeta(item) {
    let header = item.querySelector(".search-report"), node = item;
    while (!header && (node = node.previousElementSibling)) header = node.classList.contains("search-group") ? node.querySelector(".search-report") : null;
    if (!header) return {};
    const title = header.querySelector(".search-report__title"), facts = header.querySelector(".search-report__facts");
    return factsMeta(title ? title.textContent : "", facts ? facts.textContent : "");
  }

  function resultRecord(item) {
    const text = item.querySelector(".search-text"), link = item.querySelector(".search-result__link");
    return { text: text ? ownText(text) : "", meta: resultMeta(item), url: link ? T.cleanUrl(link.href) : "" };
  }

  function shownRecords(root) {
    return [...root.querySelectorAll("li.search-result")].map(resultRecord);
  }

  function csvField(value) {
    const text = String(value || "").replace(/^([=+\-@])/, "'$1"); // no formula when a spreadsheet opens it
    return "\"" + text.replace(/"/g, "\"\"") + "\"";
  }

  function asCsv(records) {
    const rows = [["单位", "级别", "年份", "文种", "标题", "段落", "链接"]];
    records.forEach((r) => rows.push([r.meta.organization, r.meta.level, r.meta.year, r.meta.docType, r.meta.title, r.text, r.url]));
    return "\ufeff" + rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
  }

  function asText(records) {
    return records.map((r) => T.citedText(r.text, r.meta, r.url).text).join("\n\n") + "\n";
  }

  function query(root) {
    const input = root.querySelector(".search-input");
    return (input && input.value.trim()) || "检索结果";
  }

  function toolbar(root) {
    const box = document.createElement("span");
    box.className = "copy-all";
    const add = (label, action) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "search-chip copy-all__button";
      button.textContent = label;
      button.addEventListener("click", () => action(button));
      box.append(button);
    };
    add("复制本页结果（附出处）", async (button) => {
      const records = shownRecords(root);
      const html = records.map((r) => T.citedText(r.text, r.meta, r.url).html).join("");
      T.flash(button, await T.copy(asText(records), html));
    });
    add("下载 .txt", () => T.download(query(root) + ".txt", asText(shownRecords(root)), "text/plain;charset=utf-8"));
    add("下载 .csv", () => T.download(query(root) + ".csv", asCsv(shownRecords(root)), "text/csv;charset=utf-8"));
    return box;
  }

  function decorateSearch(root) {
    root.querySelectorAll("li.search-result").forEach((item) => {
      const text = item.querySelector(".search-text");
      if (!text || item.querySelector(".copy-cite")) return;
      text.after(copyButton(() => { const r = resultRecord(item); return T.citedText(r.text, r.meta, r.url); }));
    });
    const summary = root.querySelector(".search-summary");
    if (summary && !summary.querySelector(".copy-all") && root.querySelector("li.search-result")) summary.append(toolbar(root));
  }

  function boot() {
    const report = document.querySelector(".report-document");
    if (report) decorateReport(report);
    const article = document.querySelector(".md-content article");
    if (article && article.querySelector("p.passage")) decorateTheme(article);
    const search = document.getElementById("search-app");
    if (search) {
      decorateSearch(search);
      new MutationObserver(() => decorateSearch(search)).observe(search, { childList: true, subtree: true });
    }
  }

  window.CopyCitation = { asCsv, asText, shownRecords, boot };
  T.onReady(boot);
})();
