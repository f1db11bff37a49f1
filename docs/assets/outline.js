/* Outline (提纲): on a report page, a “复制提纲” button under the metadata card copies the report's heading
 * tree (its title, then the h2 and h3 headings, indented by level) as text, and as indented paragraphs for
 * Word. On an outline page (outlines/…), each report's card gets the same button for its tree. */
(function () {
  "use strict";

  const T = window.ToolData;
  const INDENT = "　　"; // two ideographic spaces a level, as Chinese documents indent

  function headings(root) {
    return [...root.querySelectorAll("h2, h3")].map((h) => ({ depth: h.tagName === "H2" ? 1 : 2, text: h.textContent.trim() }))
      .filter((h) => h.text);
  }

  function outlineText(title, items) {
    return [title, ...items.map((h) => INDENT.repeat(h.depth) + h.text)].join("\n");
  }

  function outlineHtml(title, items) {
    let html = "<p><b>" + T.escapeHtml(title) + "</b></p>";
    items.forEach((h) => { html += "<p style=\"margin:0 0 0 " + 2 * h.depth + "em\">" + T.escapeHtml(h.text) + "</p>"; });
    return html;
  }

  /* An outline card: its title, its top-level items (depth 1) and their nested items (depth 2). */
  function cardOutline(card) {
    const items = [];
    card.querySelectorAll(".outline-tree > li").forEach((li) => {
      const head = li.querySelector(":scope > a");
      if (head) items.push({ depth: 1, text: head.textContent.trim() });
      li.querySelectorAll(":scope > ul > li").forEach((sub) => items.push({ depth: 2, text: sub.textContent.trim() }));
    });
    return items;
  }

  function bootCards() {
    document.querySelectorAll(".outline-card").forEach((card) => {
      if (card.querySelector(".outline-card-copy")) return;
      const title = card.querySelector(".outline-title").textContent.trim();
      const button = document.createElement("button");
      button.type = "button";
      button.className = "copy-cite outline-card-copy";
      button.title = button.ariaLabel = "复制本篇提纲";
      button.addEventListener("click", async () => {
        const items = cardOutline(card);
        T.flash(button, await T.copy(outlineText(title, items), outlineHtml(title, items)));
      });
      card.querySelector(".outline-title").append(button);
    });
  }

  function boot() {
    bootCards();
    const root = document.querySelector(".report-document");
    const card = root && root.querySelector(".report-card");
    if (!card) return;
    const h1 = root.querySelector("h1");
    const title = h1 ? h1.textContent.trim() : document.title;
    const items = headings(root);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button outline-copy";
    button.textContent = items.length ? "复制提纲（" + items.length + " 个标题）" : "复制提纲";
    button.title = items.length ? "复制本篇的标题层级，可直接粘贴到 Word" : "本篇没有分章节标题，只复制题目";
    button.addEventListener("click", async () => {
      const ok = await T.copy(outlineText(title, items), outlineHtml(title, items));
      button.textContent = ok ? "已复制提纲" : "复制失败";
      setTimeout(() => { button.textContent = items.length ? "复制提纲（" + items.length + " 个标题）" : "复制提纲"; }, 1600);
    });
    const bar = document.createElement("div");
    bar.className = "outline-bar";
    bar.append(button);
    card.after(bar);
  }

  window.Outline = { outlineText, boot };
  T.onReady(boot);
})();
