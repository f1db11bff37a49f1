"""Report text can never become HTML, script, a link or a template: built pages opened in headless Chromium."""
from __future__ import annotations

import html
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
    (seeds / "page.html").write_text(hostile_page(), encoding="utf-8")
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
    # HTML elements are cleaned away as web residue (recorded changes); what looks like markup but is text stays
    assert "<实体>" in seen["text"] and "&" in seen["text"] and "{{ config.site_name }}" in seen["text"]
    assert "window.__pwned = 1" not in seen["text"] and any(change.rule == "html-script" for change in report.changes)


def hostile_page() -> str:
    """A saved web page whose markup tries to run (scripts, handlers, javascript: links, frames, a refresh) and
    whose text holds the payload lines as written."""
    text = "\n".join(f"<p onclick='window.__pwned = 20'>{html.escape(line)}</p>" for line in PAYLOAD_LINES[1:])
    return f"""<html><head><title>{html.escape(PAYLOAD_LINES[0])}</title>
<meta http-equiv="refresh" content="0; url=javascript:window.__pwned=21"><base href="javascript:alert(22)//">
<script>window.__pwned = 23; alert(23)</script><style>body {{ display: none }}</style></head>
<body onload="window.__pwned = 24"><article><h1>{html.escape(PAYLOAD_LINES[0])}</h1>{text}
<p>页内还有<img src=x onerror="window.__pwned = 25; alert(25)">图片、<svg onload=alert(26)></svg>矢量图、
<a href="javascript:window.__pwned = 27">链接</a>、<iframe src="javascript:alert(28)"></iframe>框架和
<object data="javascript:alert(29)"></object>对象，全年共办理建议146件。</p></article>
<script>document.write('<img src=x onerror=alert(30)>')</script></body></html>"""


def test_a_web_page_is_text_and_nothing_of_it_runs(xss_site, page):
    seeds, _, url = xss_site
    seen = open_report(page, url, "page.html")
    assert seen["dialogs"] == [] and seen["pwned"] is None and seen["injected"] == []
    (report,) = convert("page.html", (seeds / "page.html").read_bytes(), load_rules()).reports
    shown = re.sub(r"\s+", "", seen["text"])
    missing = [block.text for block in report.blocks if re.sub(r"\s+", "", block.text) not in shown]
    assert missing == [], missing
    assert "{{ config.site_name }}" in seen["text"] and "全年共办理建议146件" in seen["text"]
    assert not re.search(r"__pwned ?= ?2\d|alert\((?:2\d|30)\)", seen["text"])  # the page's markup is gone, not shown


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
