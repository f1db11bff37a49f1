"""Benchmark of three writing tools on synthetic archives (`python -m scripts.bench --tools 1000,10000`):
the draft check, the 提法 bank and the shared passages. For each: what it adds to the build (seconds), and in
headless Chromium what a reader waits for from a cold page and how many bytes it downloads. The draft check's
highlights are checked against a brute-force scan, the near-duplicate finder on pairs with known edits."""
from __future__ import annotations

import html
import random
import re
import statistics
import time
from dataclasses import replace
from pathlib import Path

from scripts.bench import search_browser as browser_bench
from scripts.bench.synth import seed_paragraphs, synth_reports
from scripts.search.datafile import write_files
from scripts.search.fingerprints import build_draft_index, split_sentences
from scripts.search.fold import fold
from scripts.search.index import order_reports
from scripts.site.formulations import formulation_files
from scripts.site.shared_passages import find_shared_passages, near_duplicate, shared_passage_files

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ("search-t2s.js", "search-shared.js", "static-data.js", "draft-check.js", "formulations.js",
          "shared-passages.js")
SHELL = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title></head><body>
<script id="__config" type="application/json">{{"base": ".."}}</script>
<article class="md-content">{body}</article>
{scripts}</body></html>"""
OWN_TEXT = "本单位将继续探索月球背面的政务服务新模式，计划在明年举办一次全员参加的象棋比赛"
BYTES = "() => performance.getEntriesByType('resource').reduce((sum, e) => sum + e.encodedBodySize, 0)"
DATA_BYTES = """() => performance.getEntriesByType('resource').filter((e) => !e.name.includes('/assets/'))
    .reduce((sum, e) => sum + e.encodedBodySize, 0)"""


def time_tools(size: int, out: Path, runs: int) -> dict:
    reports = order_reports(synth_reports(size, seed_paragraphs(ROOT / "seeds")))
    site = out / f"tools-{size}"
    result = {"size": size, "paragraphs": sum(len(r.blocks) for r in reports)}
    start = time.perf_counter()
    stats = build_draft_index(reports, site, use_directory_urls=False)
    result["draft_build"], result["draft_stats"] = time.perf_counter() - start, stats
    start = time.perf_counter()
    files = formulation_files(reports, use_directory_urls=False)
    result["formulations_build"] = time.perf_counter() - start
    start = time.perf_counter()
    passages = find_shared_passages(reports)
    files |= shared_passage_files(reports, passages, use_directory_urls=False)
    result["passages_build"], result["passages"] = time.perf_counter() - start, len(passages)
    write_files(site, files)
    draft, want = make_draft(reports, 3000)
    _write_shells(site, reports[0])
    result |= _browser(site, draft, want, reports[0].slug, runs)
    haystack = "\0".join(fold(block.text) for report in reports for block in report.blocks)
    marks = result.pop("marks")
    result["draft_precision"] = sum(mark in haystack for mark in marks) / len(marks) if marks else 1.0
    return result


def make_draft(reports, chars: int, seed: int = 8) -> tuple[str, list[str]]:
    """About `chars` characters: archive sentences, one in three replaced by text of our own; and the folded
    sentences (≥ 10 characters) a brute-force scan finds in the archive."""
    rng = random.Random(seed)
    sentences, total = [], 0
    while total < chars:
        block = rng.choice(rng.choice(reports).blocks)
        cut = split_sentences(block.text)
        sentence = "，".join(rng.choice(cut)) if cut else ""
        if rng.random() < 1 / 3:
            sentence = OWN_TEXT[:rng.randrange(12, len(OWN_TEXT))] + str(rng.randrange(10**6))
        sentences.append(sentence)
        total += len(sentence) + 1
    draft = "。".join(sentences) + "。"
    haystack = "\0".join(fold(block.text) for report in reports for block in report.blocks)
    folded = [fold("，".join(s)) for s in split_sentences(draft)]
    return draft, [s for s in dict.fromkeys(folded) if len(s) >= 10 and s in haystack]


def _write_shells(site: Path, report) -> None:
    scripts = "".join(f'<script src="../assets/{name}"></script>' for name in ASSETS)
    (site / "assets").mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        (site / "assets" / name).write_bytes((ROOT / "docs" / "assets" / name).read_bytes())
    draft_page = (ROOT / "docs" / "tools" / "draft-check.md").read_text(encoding="utf-8")
    app = draft_page[draft_page.index('<div id="draft-app"'):draft_page.index("\n</div>") + 7]
    pages = {"tools/draft-check.html": ("比对查重", app),
             "tools/formulations.html": ("提法库", '<div id="formulation-app"></div>'),
             f"reports/{report.slug}.html": (report.meta.title, '<div class="report-document">' + "".join(
                 f'<p id="{b.anchor}">{html.escape(b.text)}</p>' for b in report.blocks) + "</div>")}
    for path, (title, body) in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(SHELL.format(title=title, body=body, scripts=scripts), encoding="utf-8")


def _browser(site: Path, draft: str, want: list[str], slug: str, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    url, server = browser_bench.serve(site)
    times: dict[str, list[float]] = {"draft": [], "formulations": [], "passages": []}
    sizes: dict[str, int] = {}
    with sync_playwright() as playwright:
        chromium = browser_bench.launch(playwright)
        for _ in range(runs):
            page = chromium.new_context().new_page()
            start = time.perf_counter()
            page.goto(f"{url}/tools/draft-check.html")
            page.wait_for_selector("#draft-app[data-ready='true']")
            page.fill(".draft-input", draft)
            page.click(".draft-submit")
            page.wait_for_selector("#draft-app[data-complete='true']", timeout=120_000)
            times["draft"].append(time.perf_counter() - start)
            sizes["draft"], sizes["draft_data"] = page.evaluate(BYTES), page.evaluate(DATA_BYTES)
            marks = {fold(m) for m in page.locator(".draft-text mark").all_inner_texts()}
            page.context.close()
            for name, path, ready in (("formulations", "tools/formulations.html", "#formulation-app[data-complete='true']"),
                                      ("passages", f"reports/{slug}.html", "body[data-shared-passages]")):
                page = chromium.new_context().new_page()
                start = time.perf_counter()
                page.goto(f"{url}/{path}")
                page.wait_for_selector(ready, timeout=120_000)
                times[name].append(time.perf_counter() - start)
                sizes[name], sizes[name + "_data"] = page.evaluate(BYTES), page.evaluate(DATA_BYTES)
                page.context.close()
        chromium.close()
    server.shutdown()
    found = [s for s in want if s in marks]
    return {**{f"{k}_s": statistics.median(v) for k, v in times.items()}, **{f"{k}_bytes": v for k, v in sizes.items()},
            "draft_chars": len(draft), "draft_recall": len(found) / len(want) if want else 1.0,
            "draft_in_archive": len(want), "marks": marks}


def time_unique(size: int, seed: int = 8) -> tuple[int, float]:
    """The near-duplicate finder's worst case: every paragraph of `size` synthetic reports made unique by
    shuffling its characters, so that none is grouped by exact hashing and all go through MinHash and LSH."""
    rng = random.Random(seed)
    reports = synth_reports(size, seed_paragraphs(ROOT / "seeds"))
    shuffled = []
    for report in reports:
        blocks = tuple(replace(b, text="".join(rng.sample(b.text, len(b.text)))) for b in report.blocks)
        shuffled.append(replace(report, blocks=blocks))
    start = time.perf_counter()
    find_shared_passages(shuffled)
    return sum(len(r.blocks) for r in shuffled), time.perf_counter() - start


def edited_pairs(paragraphs: list[str], count: int, seed: int = 8) -> list[tuple[str, str, bool, str]]:
    """(a, b, same passage?, how made): half small edits of one paragraph, half two different paragraphs,
    some of them sharing an opening clause."""
    rng = random.Random(seed)
    long = [p for p in paragraphs if len(fold(p)) >= 60]
    edits = {"numbers": lambda t: re.sub(r"\d", lambda m: str(rng.randrange(10)), t),
             "place": lambda t: t.replace("县", "市").replace("区", "市"),
             "words": lambda t: _replace_chars(t, rng, max(1, len(t) // 25)),
             "clause": lambda t: t.replace("，", "，切实加强组织领导，", 1)}
    pairs = []
    for number in range(count):
        a = rng.choice(long)
        if number % 2 == 0:
            how = rng.choice(sorted(edits))
            pairs.append((a, edits[how](a), True, how))
        else:
            b = rng.choice([p for p in long if fold(p) != fold(a)])
            opening = number % 4 == 1
            pairs.append((a, a.split("，")[0] + "，" + b if opening else b, False, "opening" if opening else "other"))
    return pairs


def _replace_chars(text: str, rng: random.Random, count: int) -> str:
    chars = list(text)
    for at in rng.sample(range(len(chars)), count):
        chars[at] = "某"
    return "".join(chars)


def pair_scores(pairs) -> dict:
    """Precision and recall of near_duplicate, and of the whole finder (LSH included) on the same pairs."""
    from scripts.convert.model import Block, Meta, Report

    def report(slug, text):
        meta = Meta(slug, "县级", 2023, "工作汇报", slug, (), f"{slug}.txt", len(text))
        return Report(slug, meta, (Block("paragraph", text, "p1"),))

    decided = [near_duplicate(a, b) for a, b, _, _ in pairs]
    reports = [report(f"{i}-{side}", text) for i, (a, b, _, _) in enumerate(pairs) for side, text in (("a", a), ("b", b))]
    group_of = {reports[r].slug: n for n, p in enumerate(find_shared_passages(reports)) for r, _ in p.members}
    found = [group_of.get(f"{i}-a", -1) == group_of.get(f"{i}-b", -2) for i in range(len(pairs))]
    truth = [same for _, _, same, _ in pairs]
    return {"pairs": len(pairs), "positives": sum(truth), **_scores("rule", decided, truth), **_scores("lsh", found, truth)}


def _scores(name: str, predicted: list[bool], truth: list[bool]) -> dict:
    hits = sum(p and t for p, t in zip(predicted, truth))
    return {f"{name}_precision": hits / max(1, sum(predicted)), f"{name}_recall": hits / max(1, sum(truth))}


def print_tools(result: dict) -> None:
    kb = lambda key: f"{result[key + '_bytes'] / 1024:.0f} KB（数据 {result[key + '_data_bytes'] / 1024:.0f} KB）"  # noqa: E731
    print(f"\n## 写作工具，{result['size']} 篇报告（{result['paragraphs']} 段）")
    print("| 工具 | 构建耗时 | 浏览器：冷启动到完成 | 下载量（含脚本） | 备注 |")
    print("|---|--:|--:|--:|---|")
    stats = result["draft_stats"]
    print(f"| 比对查重（{result['draft_chars']} 字草稿） | {result['draft_build']:.1f} s | {result['draft_s']:.2f} s | "
          f"{kb('draft')} | {stats.fingerprints:,} 个指纹，{stats.files:,} 个文件，{stats.bytes / 2**20:.0f} MB；"
          f"召回 {result['draft_recall']:.0%}（{result['draft_in_archive']} 句），精确 {result['draft_precision']:.0%} |")
    print(f"| 提法库 | {result['formulations_build']:.1f} s | {result['formulations_s']:.2f} s | {kb('formulations')} | |")
    print(f"| 重复段落（报告页标注） | {result['passages_build']:.1f} s | {result['passages_s']:.2f} s | "
          f"{kb('passages')} | {result['passages']:,} 组 |")


def print_pairs(scores: dict) -> None:
    print(f"\n重复段落，{scores['pairs']} 对合成段落（{scores['positives']} 对为小改动）："
          f"判定规则 精确率 {scores['rule_precision']:.1%} 召回率 {scores['rule_recall']:.1%}；"
          f"经 LSH 的整个流程 精确率 {scores['lsh_precision']:.1%} 召回率 {scores['lsh_recall']:.1%}")


def print_unique(size: int, paragraphs: int, seconds: float) -> None:
    print(f"\n重复段落最坏情形：{size} 篇报告的 {paragraphs:,} 段全部互不相同（打乱字序），全部经 MinHash/LSH：{seconds:.1f} s")
