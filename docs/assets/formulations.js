/* 提法库: the table of formulations, filtered by level, year and doc_type and sorted by any column, from
 * formulations/data.js (scripts/site/formulations.py). Counts are recomputed over the filtered reports;
 * the sparkline is inline SVG. Every text from reports is written with textContent. */
(function () {
  "use strict";

  const PAGE_ROWS = 100;
  const LEVELS = ["中央", "省级", "市级", "县级", "乡镇", "未知"];
  const COLUMNS = [
    ["text", "提法"], ["uses", "次数"], ["reports", "报告数"], ["offices", "单位数"],
    ["first", "首见"], ["latest", "最近"], ["trend", "走势（每年报告数）"], ["levels", "各级报告数"],
  ];

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function decode(data) {
    const reports = data.reports.map(([slug, title, organization, level, year, type]) => ({ slug, title, organization, level, year, type }));
    const formulations = data.formulations.map(([text, flat]) => {
      const uses = [];
      for (let i = 0, n = 0; i < flat.length; i += 2) { n += flat[i]; uses.push([n, flat[i + 1]]); }
      return { text, uses };
    });
    return { reports, formulations, url: data.url };
  }

  function statsOf(formulation, reports, keep) {
    let uses = 0, first = 0, latest = 0;
    const offices = new Set(), byYear = new Map(), byLevel = new Map(), members = [];
    for (const [n, count] of formulation.uses) {
      const report = reports[n];
      if (!keep(report)) continue;
      members.push(n);
      uses += count;
      offices.add(report.organization || report.slug);
      byLevel.set(report.level, (byLevel.get(report.level) || 0) + 1);
      if (report.year) {
        byYear.set(report.year, (byYear.get(report.year) || 0) + 1);
        first = first ? Math.min(first, report.year) : report.year;
        latest = Math.max(latest, report.year);
      }
    }
    return { text: formulation.text, uses, reports: members.length, offices: offices.size, first, latest, byYear, byLevel, members };
  }

  function sparkline(byYear, years) {
    const ns = "http://www.w3.org/2000/svg";
    const width = Math.max(40, years.length * 6), height = 18;
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("role", "img");
    const values = years.map((y) => byYear.get(y) || 0);
    const top = Math.max(1, ...values);
    const step = years.length > 1 ? (width - 2) / (years.length - 1) : 0;
    const points = values.map((v, i) => `${(1 + i * step).toFixed(1)},${(height - 2 - (v / top) * (height - 4)).toFixed(1)}`);
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.length > 1 ? points.join(" ") : `0,${height - 2} ${width},${height - 2}`);
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", "currentColor");
    line.setAttribute("stroke-width", "1.5");
    svg.append(line);
    const title = document.createElementNS(ns, "title");
    title.textContent = years.map((y, i) => `${y}年 ${values[i]}`).join("，");
    svg.append(title);
    return svg;
  }

  function searchLink(text) {
    const link = el("a", "formulation-text", text);
    link.href = new URL("search/index.html?q=" + encodeURIComponent(text), StaticData.siteRoot()).href;
    link.title = "在全文检索中查看每一处原文";
    return link;
  }

  function reportList(stats, model) {
    const list = el("ul", "formulation-reports");
    for (const n of stats.members) {
      const report = model.reports[n];
      const item = el("li");
      const link = el("a", "", report.title);
      link.href = new URL(model.url.replace("{slug}", report.slug), StaticData.siteRoot()).href +
        "?hl=" + encodeURIComponent(stats.text);
      item.append(link, el("span", "draft-where", "（" + [report.organization, report.level, report.year ? report.year + "年" : ""].filter(Boolean).join("，") + "）"));
      list.append(item);
    }
    return list;
  }

  function row(stats, model, years) {
    const tr = el("tr", "formulation-row");
    const cells = {
      text: searchLink(stats.text), uses: stats.uses, reports: stats.reports, offices: stats.offices,
      first: stats.first || "—", latest: stats.latest || "—", trend: sparkline(stats.byYear, years),
      levels: LEVELS.filter((l) => stats.byLevel.get(l)).map((l) => l + " " + stats.byLevel.get(l)).join("，"),
    };
    for (const [key] of COLUMNS) {
      const td = el("td", "col-" + key);
      if (cells[key] instanceof Node) td.append(cells[key]); else td.textContent = String(cells[key]);
      if (key === "reports") {
        const toggle = el("button", "formulation-toggle", String(stats.reports));
        toggle.type = "button";
        toggle.title = "列出用到它的报告";
        toggle.setAttribute("aria-expanded", "false");
        toggle.addEventListener("click", () => {
          const list = td.querySelector(".formulation-reports");
          if (list) list.remove(); else td.append(reportList(stats, model));
          toggle.setAttribute("aria-expanded", String(!list));
        });
        td.replaceChildren(toggle);
      }
      tr.append(td);
    }
    return tr;
  }

  function select(name, label, values) {
    const box = el("select");
    box.name = name;
    box.setAttribute("aria-label", label);
    box.append(new Option("全部" + label, ""));
    for (const value of values) box.append(new Option(String(value), String(value)));
    return box;
  }

  function build(app, model) {
    const years = [...new Set(model.reports.map((r) => r.year).filter(Boolean))].sort((a, b) => a - b);
    const types = [...new Set(model.reports.map((r) => r.type))].sort();
    const levels = LEVELS.filter((l) => model.reports.some((r) => r.level === l));
    const filters = el("form", "formulation-filters");
    const query = el("input");
    query.type = "search"; query.name = "q"; query.placeholder = "查找提法"; query.setAttribute("aria-label", "查找提法");
    filters.append(query, select("level", "级别", levels), select("year", "年份", years), select("type", "文种", types));
    filters.addEventListener("submit", (event) => event.preventDefault());
    const status = el("p", "formulation-summary");
    const table = el("table", "formulation-table");
    const head = el("tr");
    for (const [key, label] of COLUMNS) {
      const th = el("th", "col-" + key, label);
      if (key !== "trend" && key !== "levels") { th.dataset.sort = key; th.tabIndex = 0; }
      head.append(th);
    }
    table.append(el("thead"), el("tbody"));
    table.tHead.append(head);
    const more = el("button", "md-button", "显示更多");
    more.type = "button";
    const state = { sort: "reports", descending: true, shown: PAGE_ROWS, rows: [] };

    function apply() {
      const f = Object.fromEntries(new FormData(filters));
      const keep = (r) => (!f.level || r.level === f.level) && (!f.year || String(r.year) === f.year) && (!f.type || r.type === f.type);
      const needle = f.q ? SearchIndex.fold(f.q) : "";
      state.rows = model.formulations
        .filter((x) => !needle || SearchIndex.fold(x.text).includes(needle))
        .map((x) => statsOf(x, model.reports, keep)).filter((s) => s.reports);
      const sign = state.descending ? -1 : 1;
      const key = state.sort;
      state.rows.sort((a, b) => key === "text" ? sign * a.text.localeCompare(b.text, "zh") || 0 :
        sign * ((a[key] || 0) - (b[key] || 0)) || b.reports - a.reports || a.text.localeCompare(b.text, "zh"));
      render();
    }

    function render() {
      status.textContent = `共 ${state.rows.length} 个提法`;
      status.dataset.count = String(state.rows.length);
      table.tBodies[0].replaceChildren(...state.rows.slice(0, state.shown).map((s) => row(s, model, years)));
      for (const th of head.children) th.setAttribute("aria-sort", th.dataset.sort === state.sort ? (state.descending ? "descending" : "ascending") : "none");
      more.hidden = state.rows.length <= state.shown;
    more.style.display = more.hidden ? "none" : "";
    }

    filters.addEventListener("input", () => { state.shown = PAGE_ROWS; apply(); });
    head.addEventListener("click", (event) => {
      const key = event.target.closest("th") && event.target.closest("th").dataset.sort;
      if (!key) return;
      state.descending = state.sort === key ? !state.descending : key !== "text";
      state.sort = key;
      apply();
    });
    more.addEventListener("click", () => { state.shown += PAGE_ROWS; render(); });
    app.replaceChildren(filters, status, table, more);
    apply();
    app.dataset.complete = "true";
  }

  StaticData.onReady(() => {
    const app = document.getElementById("formulation-app");
    if (!app) return;
    StaticData.load("formulations/data").then((data) => build(app, decode(data)), (error) => {
      app.replaceChildren(el("p", "formulation-error", "提法数据未能加载（" + error.message + "）。"));
    });
  });
})();
