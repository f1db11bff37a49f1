/* The search page (search/?q=…): the form, the URL (bookmarkable: query, filters, order, grouping),
 * busy and error states. search-engine.js finds, search-view.js shows. */
(function () {
  "use strict";

  const engine = window.SearchPage;
  let app;

  function filtersFromUrl(params) {
    return Object.fromEntries(engine.FACETS.map(([key]) => [key, new Set((params.get(key) || "").split(",").filter(Boolean))]));
  }

  function writeUrl(push) {
    const state = engine.state;
    const params = new URLSearchParams();
    params.set("q", state.query);
    engine.FACETS.forEach(([key]) => state.filters[key].size && params.set(key, [...state.filters[key]].join(",")));
    if (state.order === "old") params.set("sort", "old");
    if (state.group === "flat") params.set("group", "flat");
    const url = location.pathname + "?" + params.toString();
    push ? history.pushState(null, "", url) : history.replaceState(null, "", url);
  }

  function render(complete = true) {
    const state = engine.state;
    window.SearchView.render(state, app, handlers);
    app.dataset.shown = state ? state.query : ""; // what the listing is about, for tests and the benchmark
    app.dataset.complete = String(complete); // false while the rest of the first page is still loading
  }

  async function redo(work) {
    app.classList.add("is-busy");
    try { await work(); } catch (error) { showError(error); } finally { app.classList.remove("is-busy"); }
    render();
    writeUrl(false);
  }

  const handlers = {
    more: () => redo(engine.more),
    verifyAll: () => redo(engine.verifyAll),
    refilter: () => redo(engine.refilter),
    toggleOrder: () => { engine.state.order = engine.state.order === "old" ? "new" : "old"; handlers.refilter(); },
    toggleGroup: () => {
      engine.state.group = engine.state.group === "flat" ? "report" : "flat";
      render();
      writeUrl(false);
    },
  };

  function showError(error) {
    const out = app.querySelector(".search-output");
    const message = !error.indexFile ? "检索出错：" + error.message : location.protocol === "file:"
      ? "无法读取检索索引文件（" + error.message + "）。请确认 search-index 文件夹与网站其他文件在一起；也可以在网站文件夹中运行 python -m http.server 后用浏览器打开 http://localhost:8000/。"
      : "无法读取检索索引文件（" + error.message + "）。请重新构建网站。";
    out.replaceChildren(window.SearchView.el("p", "search-error", message));
  }

  async function search(query, params, push) {
    const filters = filtersFromUrl(params);
    const options = { order: params.get("sort") === "old" ? "old" : "new", group: params.get("group") === "flat" ? "flat" : "report" };
    app.classList.add("is-busy");
    try { await engine.run(query, filters, options, render); } catch (error) { app.classList.remove("is-busy"); return showError(error); }
    app.classList.remove("is-busy");
    if (push !== undefined) writeUrl(push);
  }

  function boot() {
    app = document.getElementById("search-app");
    if (!app) return;
    const form = app.querySelector(".search-form"), input = form.querySelector("input");
    app.append(window.SearchView.el("div", "search-output"));
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    const go = (event) => {
      event.preventDefault();
      const value = event.target.querySelector("input").value;
      input.value = value;
      search(value, new URLSearchParams(), true);
    };
    form.addEventListener("submit", go);
    const headerForm = document.querySelector(".archive-search");
    if (headerForm) headerForm.addEventListener("submit", go);
    window.addEventListener("popstate", () => {
      const now = new URLSearchParams(location.search);
      input.value = now.get("q") || "";
      search(input.value, now);
    });
    if (input.value) search(input.value, params); else render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot); else boot();
})();
