/* Faceted browse (browse/all.html): every report, filtered by level, year, doc_type, organization and theme
 * together. Within a facet the chosen values are alternatives; across facets all must hold. Each value shows
 * how many reports have it among those that pass the other facets' filters. The state lives in the URL (?level=县级&year=2021&sort=title),
 * so a filtered list can be bookmarked. Data: browse-data/reports.js (scripts/site/facets.py). */
(function () {
  "use strict";

  const T = window.ToolData;
  const PAGE = 100;
  const ORGS_SHOWN = 30;
  const FACETS = [["level", "级别"], ["year", "年份"], ["type", "文种"], ["org", "单位"], ["theme", "主题"]];
  const SORTS = [["new", "年份：从新到旧"], ["old", "年份：从旧到新"], ["title", "标题"]];
  let data, app, state;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Each report's values, per facet, as strings (what the URL holds). */
  function valuesOf(row) {
    return {
      level: [data.levels[row[2]]], year: [row[3] ? String(row[3]) : "未知"], type: [data.types[row[4]]],
      org: [data.orgs[row[5]]], theme: row[6].map((i) => data.themes[i]),
    };
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const filters = Object.fromEntries(FACETS.map(([key]) => [key, new Set(params.getAll(key))]));
    const sort = SORTS.some(([key]) => key === params.get("sort")) ? params.get("sort") : "new";
    return { filters, sort, orgQuery: "", shown: PAGE, allOrgs: false };
  }

  function writeUrl() {
    const params = new URLSearchParams();
    FACETS.forEach(([key]) => state.filters[key].forEach((v) => params.append(key, v)));
    if (state.sort !== "new") params.set("sort", state.sort);
    const query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function passes(values, skip) {
    for (const [key] of FACETS) {
      const wanted = state.filters[key];
      if (key === skip || !wanted.size) continue;
      if (!values[key].some((v) => wanted.has(v))) return false;
    }
    return true;
  }

  /* The matching rows, and per facet the counts over the rows that pass every other facet. */
  function compute() {
    const counts = Object.fromEntries(FACETS.map(([key]) => [key, new Map()]));
    const matches = [];
    for (const row of data.reports) {
      const values = row.facets || (row.facets = valuesOf(row));
      for (const [key] of FACETS) {
        if (!passes(values, key)) continue;
        const map = counts[key];
        values[key].forEach((v) => map.set(v, (map.get(v) || 0) + 1));
      }
      if (passes(values, null)) matches.push(row);
    }
    return { matches: sortRows(matches), counts };
  }

  function sortRows(rows) {
    if (state.sort === "title") return rows.slice().sort((a, b) => a[1].localeCompare(b[1], "zh-CN"));
    if (state.sort === "old") return rows.slice().sort((a, b) => (a[3] || 1e9) - (b[3] || 1e9));
    return rows; // the data comes newest first
  }

  function facetOrder(key, counts) {
    if (key === "level") return data.levels.slice();
    if (key === "type") return data.types.slice();
    if (key === "theme") return data.themes.slice();
    if (key === "org") return data.orgs.slice();
    return [...new Set(data.reports.map((r) => (r[3] ? String(r[3]) : "未知")))].sort((a, b) => (a === "未知") - (b === "未知") || b.localeCompare(a));
  }

  function chip(key, value, count) {
    const on = state.filters[key].has(value);
    const button = el("button", "search-chip facet-chip");
    button.type = "button";
    button.dataset.facet = key;
    button.dataset.value = value;
    button.setAttribute("aria-pressed", String(on));
    button.append(value, " ", el("span", "facet-count", String(count)));
    if (!count && !on) button.disabled = true;
    button.addEventListener("click", () => {
      on ? state.filters[key].delete(value) : state.filters[key].add(value);
      state.shown = PAGE;
      update();
    });
    return button;
  }

  function facetGroup(key, label, counts) {
    const group = el("div", "search-facet facet-group");
    group.dataset.facet = key;
    group.append(el("span", "search-facet__label", label));
    let values = facetOrder(key, counts).filter((v) => counts.get(v) || state.filters[key].has(v));
    if (key === "org") {
      const q = state.orgQuery;
      if (q) values = values.filter((v) => v.includes(q) || state.filters.org.has(v));
      const search = el("input", "facet-org-search");
      search.type = "search";
      search.placeholder = "查找单位";
      search.value = q;
      search.addEventListener("input", () => { state.orgQuery = search.value.trim(); render(true); });
      group.append(search);
      const hidden = values.length - ORGS_SHOWN;
      if (!state.allOrgs && hidden > 0) {
        values = values.filter((v, i) => i < ORGS_SHOWN || state.filters.org.has(v));
        const more = el("button", "search-chip", `其余 ${hidden} 个单位…`);
        more.type = "button";
        more.addEventListener("click", () => { state.allOrgs = true; render(); });
        values.forEach((v) => group.append(chip(key, v, counts.get(v) || 0)));
        group.append(more);
        return group;
      }
    }
    values.forEach((v) => group.append(chip(key, v, counts.get(v) || 0)));
    return group;
  }

  function reportRow(row) {
    const item = el("li", "facet-report");
    const link = el("a", "facet-report__title", row[1]);
    link.href = new URL("reports/" + encodeURIComponent(row[0]) + ".html", window.StaticData.siteRoot()).href;
    const v = row.facets;
    const facts = [v.level[0], row[3] ? row[3] + "年" : "年份未知", v.type[0], v.org[0]].join(" · ");
    item.append(link, el("span", "facet-report__facts", facts));
    return item;
  }

  let last;
  function render(keepFocus) {
    const focused = keepFocus && document.activeElement && document.activeElement.className === "facet-org-search";
    const { matches, counts } = last;
    const out = el("div", "facet-output");
    const head = el("div", "search-summary facet-summary");
    head.append(el("span", "facet-total", `共 ${matches.length} 篇`));
    for (const [key, label] of SORTS) {
      const b = el("button", "search-chip facet-sort", label);
      b.type = "button";
      b.dataset.sort = key;
      b.setAttribute("aria-pressed", String(state.sort === key));
      b.addEventListener("click", () => { state.sort = key; update(); });
      head.append(b);
    }
    if (FACETS.some(([key]) => state.filters[key].size)) {
      const clear = el("button", "search-chip facet-clear", "清除筛选");
      clear.type = "button";
      clear.addEventListener("click", () => { FACETS.forEach(([key]) => state.filters[key].clear()); update(); });
      head.append(clear);
    }
    const facets = el("div", "search-facets facet-groups");
    FACETS.forEach(([key, label]) => facets.append(facetGroup(key, label, counts[key])));
    const list = el("ol", "facet-list");
    matches.slice(0, state.shown).forEach((row) => list.append(reportRow(row)));
    out.append(facets, head, list);
    if (matches.length > state.shown) {
      const more = el("button", "search-chip facet-more", `显示更多（还有 ${matches.length - state.shown} 篇）`);
      more.type = "button";
      more.addEventListener("click", () => { state.shown += PAGE; render(); });
      out.append(more);
    }
    if (!matches.length) out.append(el("p", "search-empty", "没有同时满足这些条件的报告。"));
    app.querySelector(".facet-output")?.remove();
    app.append(out);
    if (focused) { const box = app.querySelector(".facet-org-search"); box.focus(); box.setSelectionRange(box.value.length, box.value.length); }
    app.dataset.ready = "true";
    app.dataset.count = String(matches.length);
  }

  function update() {
    last = compute();
    render();
    writeUrl();
  }

  async function boot() {
    app = document.getElementById("facet-app");
    if (!app) return;
    state = readUrl();
    try {
      data = await window.StaticData.load("browse-data/reports");
    } catch (error) {
      app.append(el("p", "search-error", "无法读取报告清单（" + error.message + "）。请确认 browse-data 文件夹与网站其他文件在一起，或重新构建网站。"));
      return;
    }
    update();
    app.dataset.readyMs = String(Math.round(performance.now())); // from navigation start, for the benchmark
    window.addEventListener("popstate", () => { state = readUrl(); update(); });
  }

  T.onReady(boot);
})();
