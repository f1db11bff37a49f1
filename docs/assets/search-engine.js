/* The search page's engine: finds candidate paragraphs with search-shared.js's index, verifies them against
 * their text page by page, and counts them by facet. search-controller.js drives it, search-view.js shows it. */
(function () {
  "use strict";

  const PAGE_SIZE = 20;
  const FIRST_RESULTS = 6; // as many text files as a browser fetches at once from one server
  const ENOUGH_CANDIDATES = 2000; // stop loading large posting lists once this few candidates remain
  const AUTO_VERIFY_SHARDS = 6; // verify every candidate at once when they sit in this few text files
  const FACETS = [["level", "级别"], ["year", "年份"], ["type", "文种"], ["theme", "主题"]]; // the browse pages' words
  const S = window.SearchIndex;
  let meta, reportStarts, reportFacets;
  let state = null;

  function bisect(starts, id) {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= id) lo = mid; else hi = mid - 1; }
    return lo;
  }

  async function loadMeta() {
    if (meta) return;
    const data = await S.load("meta");
    reportStarts = data.reportStarts ? S.decodePostings(data.reportStarts) : [];
    reportFacets = Array.from({ length: data.reports }, () => ({ level: [], year: [], type: [], theme: [] }));
    for (const [key] of FACETS) {
      for (const [value, reports] of Object.entries(data.facets[key])) {
        for (const r of S.decodePostings(reports)) reportFacets[r][key].push(value || "年份不详");
      }
    }
    meta = data;
  }

  function textShard(id) { return Math.floor(id / meta.textShardParagraphs); }

  function intersect(a, b) {
    const out = [];
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  /* Paragraph ids that hold every gram of every phrase, rarest grams first. */
  async function findCandidates(phrases, exact) {
    const grams = [...new Set(phrases.flatMap(S.gramsOfPhrase))];
    const shards = await Promise.all(grams.map((g) => S.load("g/" + (S.gramHash(g) % meta.gramShards))));
    const entries = grams.map((gram, i) => shards[i][gram]);
    if (entries.some((e) => e === undefined)) return [];
    const lists = entries.map((e) => (typeof e === "string" ? { ids: S.decodePostings(e) } : { size: e[0], file: e[1] }));
    const size = (l) => (l.ids ? l.ids.length : l.size);
    lists.sort((a, b) => size(a) - size(b));
    const sure = exact ? lists : lists.slice(0, size(lists[0]) > ENOUGH_CANDIDATES ? 3 : 1);
    sure.forEach((l) => l.file !== undefined && S.load("p/" + l.file)); // start these downloads at once
    let candidates = null, shrunk = true;
    for (const list of lists) {
      // Candidates only need to be few, not exact (each is checked against its text before it is shown):
      // skip large lists once candidates are few or the last list barely narrowed them.
      if (!exact && candidates && list.file !== undefined && (candidates.length <= ENOUGH_CANDIDATES || !shrunk)) continue;
      const ids = list.ids || S.decodePostings(await S.load("p/" + list.file));
      const before = candidates ? candidates.length : Infinity;
      candidates = candidates ? intersect(candidates, ids) : ids;
      shrunk = candidates.length < before * 0.9;
    }
    return candidates;
  }

  function reportOf(id) { return bisect(reportStarts, id); }

  function facetValues(report) { return reportFacets[report]; }

  function passes(values, filters, skip) {
    return FACETS.every(([key]) => key === skip || !filters[key].size || values[key].some((v) => filters[key].has(v)));
  }

  /* The report of each candidate, in one walk over both sorted lists. */
  function reportsOf(ids) {
    const reports = new Int32Array(ids.length);
    for (let i = 0, r = 0; i < ids.length; i++) {
      while (r + 1 < reportStarts.length && reportStarts[r + 1] <= ids[i]) r++;
      reports[i] = r;
    }
    return reports;
  }

  function memo(key, compute) {
    if (!state.memo.has(key)) state.memo.set(key, compute());
    return state.memo.get(key);
  }

  /* Per report, how many candidates are not (yet) known to fail: what counts and facets are about. */
  function reportCounts() {
    return memo("counts " + state.rejected.size, () => {
      const counts = new Int32Array(meta.reports);
      state.candidates.forEach((id, i) => state.rejected.has(id) || counts[state.reports[i]]++);
      return counts;
    });
  }

  function filterKey() { return JSON.stringify(FACETS.map(([key]) => [...state.filters[key]])); }

  function passingReports(skip) {
    return memo("passing " + skip + filterKey() + state.rejected.size, () => {
      const counts = reportCounts();
      return Uint8Array.from(counts, (n, r) => n > 0 && passes(reportFacets[r], state.filters, skip));
    });
  }

  function facetCounts(key) {
    const counts = reportCounts(), passing = passingReports(key), out = new Map();
    counts.forEach((n, r) => passing[r] && reportFacets[r][key].forEach((v) => out.set(v, (out.get(v) || 0) + n)));
    return out;
  }

  function listedIds() {
    const passing = passingReports("");
    return memo("listed " + state.order + state.rejected.size + filterKey(), () => {
      const ids = state.candidates.filter((id, i) => passing[state.reports[i]] && !state.rejected.has(id));
      return state.order === "old" ? ids.reverse() : ids;
    });
  }

  function listedReports() { return passingReports("").reduce((sum, on) => sum + on, 0); }

  function isComplete() { return state.exact || state.checked.size === state.candidates.length; }

  async function paragraphsOf(ids) {
    const shardNumbers = [...new Set(ids.map(textShard))];
    const shards = await Promise.all(shardNumbers.map((n) => S.load("t/" + n)));
    const byShard = new Map(shardNumbers.map((n, i) => [n, shards[i]]));
    return ids.map((id) => {
      const shard = byShard.get(textShard(id));
      const [anchor, kind, text] = shard.paragraphs[id - shard.first];
      const report = reportOf(id);
      return { id, anchor, kind, text, report, info: shard.reports[report] };
    });
  }

  async function verify(ids) {
    for (const p of await paragraphsOf(ids)) {
      const ranges = S.findRanges(p.text, state.phrases);
      state.checked.add(p.id);
      if (ranges) state.shown.set(p.id, Object.assign(p, { ranges })); else state.rejected.add(p.id);
    }
  }

  /* Verify (and fetch the text of) listed ids in order until `want` of them can be shown. */
  async function fillPage(want) {
    for (;;) {
      const list = listedIds(), batch = [];
      for (let i = 0, ready = 0; i < list.length && ready + batch.length < want; i++) {
        if (state.shown.has(list[i])) ready++; else batch.push(list[i]);
      }
      if (!batch.length) return;
      await verify(batch);
    }
  }

  async function verifyAll() {
    const todo = state.candidates.filter((id) => !state.checked.has(id));
    for (let i = 0; i < todo.length; i += 1000) await verify(todo.slice(i, i + 1000));
  }

  /* A new search; show(complete) is called when the first results are ready and again for the full page. */
  async function run(query, filters, options, show) {
    const phrases = S.parseQuery(query);
    const token = {};
    state = { token, query, phrases, filters, order: options.order, group: options.group, limit: PAGE_SIZE,
      checked: new Set(), rejected: new Set(), shown: new Map(), memo: new Map(), candidates: [],
      reports: new Int32Array(0), exact: phrases.every((p) => Array.from(p).length <= 2) };
    if (!phrases.length) return show(true);
    await loadMeta();
    const candidates = await findCandidates(phrases, state.exact);
    if (state.token !== token) return;
    Object.assign(state, { candidates, reports: reportsOf(candidates) });
    await fillPage(FIRST_RESULTS); // the first few results are shown while the rest of the page loads
    if (state.token !== token) return;
    show(false);
    await fillPage(state.limit);
    const shardCount = new Set(candidates.slice(0, 1000).map(textShard)).size;
    if (!isComplete() && candidates.length <= 1000 && shardCount <= AUTO_VERIFY_SHARDS) await verifyAll();
    if (state.token === token) show(true);
  }

  window.SearchPage = {
    run, pageSize: PAGE_SIZE, facetValues, facetCounts, listedIds, listedReports, isComplete, FACETS,
    more: async () => { state.limit += PAGE_SIZE; await fillPage(state.limit); },
    verifyAll: async () => { await verifyAll(); await fillPage(state.limit); },
    refilter: async () => { state.limit = PAGE_SIZE; await fillPage(state.limit); },
    get meta() { return meta; }, get state() { return state; },
  };
})();

