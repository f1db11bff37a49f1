/* The search page's view: the form, help, counts, facets and results. Built with DOM calls and
 * textContent only, so report text can never become markup. */
(function () {
  "use strict";

  const S = window.SearchIndex;
  // Shown before a search; the query syntax itself stays in view under the box (search/index.md).
  const HELP = [
    "结果按段落列出，从最新年份开始，每次显示 20 段；点击“查看原文”跳到报告中的该段并高亮。",
    "一字、二字查询的段数直接来自索引，是准确数字；较长的短语先由索引找出候选段落，再逐段核对原文，" +
      "候选未全部核对时段数和分面计数标为“至多”，可点“核对全部候选”得到准确数字。",
  ];

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, onClick, pressed) {
    const node = el("button", "search-chip", label);
    node.type = "button";
    if (pressed !== undefined) node.setAttribute("aria-pressed", String(pressed));
    node.addEventListener("click", onClick);
    return node;
  }

  function highlighted(text, ranges) {
    const node = el("p", "search-text");
    let at = 0;
    for (const [start, end] of ranges) {
      node.append(text.slice(at, start), el("mark", "search-hit", text.slice(start, end)));
      at = end;
    }
    node.append(text.slice(at));
    return node;
  }

  function reportUrl(info, state) {
    const url = S.pageUrl(window.SearchPage.meta.url.replace("{slug}", info[0]));
    return url + "?hl=" + encodeURIComponent(state.query);
  }

  function reportHeader(p, state) {
    const head = el("div", "search-report");
    const link = el("a", "search-report__title", p.info[1]);
    link.href = reportUrl(p.info, state);
    const v = window.SearchPage.facetValues(p.report);
    const facts = [v.level[0], v.year[0], v.type[0], p.info[2]].filter(Boolean).join(" · ");
    head.append(link, el("span", "search-report__facts", facts));
    return head;
  }

  function resultItem(p, state, withHeader) {
    const item = el("li", "search-result");
    if (withHeader) item.append(reportHeader(p, state));
    item.append(highlighted(p.text, p.ranges));
    const link = el("a", "search-result__link", p.kind === "p" ? "查看原文 →" : "查看原文（标题）→");
    link.href = reportUrl(p.info, state) + "#" + encodeURIComponent(p.anchor);
    item.append(link);
    return item;
  }

  function renderResults(state) {
    const list = el("ol", "search-results");
    const ids = [];
    for (const id of window.SearchPage.listedIds()) {
      if (ids.length >= state.limit) break;
      if (state.shown.has(id)) ids.push(id);
    }
    let previous = null;
    for (const id of ids) {
      const p = state.shown.get(id);
      const newReport = state.group === "flat" || p.report !== previous;
      if (newReport && state.group !== "flat") {
        const group = el("li", "search-group");
        group.append(reportHeader(p, state));
        list.append(group);
      }
      list.append(resultItem(p, state, state.group === "flat"));
      previous = p.report;
    }
    return { list, count: ids.length };
  }

  function renderFacets(state, onChange) {
    const box = el("div", "search-facets");
    for (const [key, label] of window.SearchPage.FACETS) {
      const counts = window.SearchPage.facetCounts(key);
      state.filters[key].forEach((v) => counts.has(v) || counts.set(v, 0));
      const values = [...counts.keys()].sort((a, b) => (key === "year" ? b.localeCompare(a) : counts.get(b) - counts.get(a)));
      if (!values.length) continue;
      const group = el("div", "search-facet");
      group.append(el("span", "search-facet__label", label));
      for (const value of values) {
        const on = state.filters[key].has(value);
        group.append(button(`${value} ${counts.get(value)}`, () => {
          on ? state.filters[key].delete(value) : state.filters[key].add(value);
          onChange();
        }, on));
      }
      box.append(group);
    }
    return box;
  }

  function summary(state) {
    const page = window.SearchPage;
    const ids = page.listedIds();
    const reports = page.listedReports();
    if (page.isComplete()) return [`共 ${ids.length} 段，分布在 ${reports} 篇报告中。`, false];
    return [`至多 ${ids.length} 段（${reports} 篇报告）：候选段落尚未全部核对，数字和分面计数是上限，实际可能更少。`, true];
  }

  function render(state, root, handlers) {
    const out = root.querySelector(".search-output");
    out.replaceChildren();
    if (!state || !state.phrases.length) {
      const help = el("ul", "search-help");
      HELP.forEach((line) => help.append(el("li", null, line)));
      out.append(help);
      return;
    }
    const [text, partial] = summary(state);
    const head = el("div", "search-summary");
    head.append(el("span", "search-count", text));
    if (partial) head.append(button("核对全部候选，得到准确数字", handlers.verifyAll));
    head.append(button(state.order === "old" ? "年份：从旧到新" : "年份：从新到旧", handlers.toggleOrder));
    head.append(button(state.group === "flat" ? "排列：逐段" : "排列：按报告分组", handlers.toggleGroup));
    out.append(head, renderFacets(state, handlers.refilter));
    const { list, count } = renderResults(state);
    out.append(list);
    if (count < window.SearchPage.listedIds().length && count >= state.limit) out.append(button("显示更多", handlers.more));
    if (!count) out.append(el("p", "search-empty", "没有找到包含这一短语的段落。"));
  }

  window.SearchView = { el, render };
})();
