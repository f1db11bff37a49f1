"""Report text can never become HTML, script, a link or a template: built pages opened in headless Chromium."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS, build_site, serve_folder

from scripts.convert.pipeline import convert
from scripts.convert.rules import load_rules
from scripts.convert.slugs import slugify_source

PAYLOAD_LINES = [
    "县政府办公室2021年工作总结",
    "一、防范脚本注入",
    "<script>window.__pwned = 1; alert(1)</script>",
    '<img src=x onerror="window.__pwned = 2; alert(2)">图片',
    "<svg onload=alert(3)>",
    '<a href="javascript:window.__pwned = 4">点这里</a>',
    "[点我查看](javascript:window.__pwned=5) 与 [外链](http://example.invalid/x) 及 ![图](x.png)",
    "<https://example.invalid/auto>",
    "模板 {{ config.site_name }} 和 {% if true %}条件{% endif %} 以及 {# 注释 #}",
    "---",
    "# 井号开头的一行",
    "## 两个井号",
    "=====",
    "> 引用开头",
    "- 减号开头",
    "1. 数字加点开头",
    "    四个空格开头的代码",
    "```",
    "**县政府**与***街道***共计XX万元、xxxx个",
    "&lt;实体&gt; 与 &amp; 与 &#60;script&#62;",
    "<style>body { display: none }</style>",
    "<!-- 注释 --> 后面的字",
    "全年共办理建议146件，办结率100%。",
]
TITLE = '县政府办公室: 2021年 #1 工作总结 "回顾" *星号 &锚 | 竖线 {{ x }}'
FILE_NAME = "$(touch pwned) 报告;rm -rf ~ `x` & <b>.txt"


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    seeds = tmp_path_factory.mktemp("xss-seeds")
    shutil.copy(SEEDS / "001_0b808da05fd04239.txt", seeds)
    (seeds / "payload.txt").write_text("\n".join(PAYLOAD_LINES), encoding="utf-8")
    front_title = TITLE.replace("'", "''")
    (seeds / "front.md").write_text(f"---\ntitle: '{front_title}'\n---\n" + "\n".join(PAYLOAD_LINES[2:]),
                                    encoding="utf-8")
    (seeds / FILE_NAME).write_text(f"{TITLE}\n" + "\n".join(PAYLOAD_LINES[1:]), encoding="gb18030")
    (seeds / FILE_NAME).with_suffix(".yml").write_text(f"title: '{front_title}'\n", encoding="utf-8")
    site = tmp_path_factory.mktemp("xss-site")
    result = build_site(seeds, site)
    assert result.returncode == 0, result.stderr
    url, server = serve_folder(site)
    yield seeds, site, url
    server.shutdown()


def open_report(page, url: str, source: str) -> dict:
    """Open a report page and collect every dialog; returns what the page shows and what ran."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(f"{url}/reports/{slugify_source(source)}.html")
    assert response and response.ok, source
    page.wait_for_load_state("load")
    return {
        "dialogs": dialogs,
        "pwned": page.evaluate("window.__pwned"),
        "text": page.locator("article").inner_text(),
        "injected": page.evaluate("""() => [
            ...document.querySelectorAll('article script, article img[src="x"], article svg, article style,'
              + 'article iframe, article [onerror], article [onload]')
          ].map(element => element.outerHTML).concat(
            [...document.querySelectorAll('article strong, article em')].map(element => element.textContent)
              .filter(text => /县政府|街道/.test(text)),
            [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
              .filter(href => /^(javascript:|x\\.png|http:\\/\\/example)/i.test(href)))"""),
    }


@pytest.mark.parametrize("source", ["payload.txt", "front.md", FILE_NAME])
def test_no_payload_runs_and_the_text_shows_literally(xss_site, page, source):
    seeds, _, url = xss_site
    seen = open_report(page, url, source)
    assert seen["dialogs"] == [] and seen["pwned"] is None and seen["injected"] == []
    (report,) = convert(source, (seeds / source).read_bytes(), load_rules()).reports
    shown = re.sub(r"\s+", "", seen["text"])
    missing = [block.text for block in report.blocks if re.sub(r"\s+", "", block.text) not in shown]
    assert missing == [], missing  # every block exactly as written: no `---` rule, `#` heading, `>` quote…
    assert "<script>" in seen["text"] and "{{ config.site_name }}" in seen["text"]


@pytest.mark.parametrize("source", ["front.md", FILE_NAME])
def test_a_title_with_yaml_special_characters_shows_as_written(xss_site, page, source):
    _, _, url = xss_site
    seen = open_report(page, url, source)
    assert TITLE in page.locator("article h1").first.inner_text()
    assert seen["pwned"] is None


def test_the_raw_file_of_an_oddly_named_source_stays_inside_the_site(xss_site):
    _, site, _ = xss_site
    built = [path for path in site.rglob("*") if path.is_file()]
    assert all(path.resolve().is_relative_to(site.resolve()) for path in built)
    assert not (Path.cwd() / "pwned").exists() and not (site / "pwned").exists()
    assert any(path.name == FILE_NAME for path in built)  # the raw file, downloadable from its page
