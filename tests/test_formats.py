"""Every format a user has: PDF (text layer and scans), Word 97-2003 and WPS, saved web pages, .docx in full.

The files are real ones made here once per session: a .docx by python-docx, turned into PDF and .doc by
LibreOffice headless (one start per target format), a scan rendered from a PDF page, web pages in the
charsets they declare. A report given in every format converts to the same text and metadata.
"""
from __future__ import annotations

import email.charset
import email.mime.multipart
import email.mime.text
import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from scripts.bench.formats import convert_with_office, make_report_docx, make_scan
from scripts.convert.archive import build_archive, list_sources
from scripts.convert.model import Problem
from scripts.convert.pipeline import convert
from scripts.convert.read import ocr, word97
from scripts.convert.read.page_furniture import is_page_number, read_page_rules
from scripts.convert.read.sources import read_source
from scripts.convert.rules import RuleError, load_rules

RULES = load_rules()
FILES = ROOT / "tests" / "files"
SEED_LINES = [line.strip() for line in (SEEDS / "001_0b808da05fd04239.txt").read_text(encoding="utf-8").split("\n")
              if line.strip()]
TITLE = "县政府办公室2021年工作总结"
PARAGRAPHS = SEED_LINES
needs_office = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by `make test`")


def portal_page(title: str, paragraphs: list[str], charset: str, date: str = "2022-01-15") -> bytes:
    """A government-portal page around a report: navigation, breadcrumbs, an ad, share links, comments, scripts."""
    body = "\n".join(f"<p style='text-indent:2em'>{html.escape(text)}</p>" for text in paragraphs)
    page = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_某县人民政府</title><meta name="PubDate" content="{date} 09:30"><style>.nav{{color:red}}</style>
<script>var _hmt = []; function track() {{ window.tracked = 1 }}</script></head><body>
<ul class="nav"><li><a href="/">网站首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="#">互动交流</a></li></ul>
<div class="ad"><a href="#"><img src="ad.gif" alt="广告">广告：扫码下载客户端</a></div>
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="#">工作总结</a></div>
<div class="article"><h1>{title}</h1><div class="info">发布时间：{date} 来源：县政府办公室 浏览次数：1024</div>
<div class="TRS_Editor">{body}</div>
<div class="share">分享到：<a href="#">微信</a> <a href="javascript:window.print()">打印本页</a></div></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="#">县政府办公室2020年工作总结</a></li></ul></div>
<div class="comments"><h3>网友评论</h3><div>网友甲：写得好，学习了！</div></div>
<div class="footer">版权所有：某县人民政府 备案号：某ICP备12345678号</div><script>track()</script></body></html>"""
    return page.encode(charset, errors="xmlcharrefreplace")


def layout_table_page(title: str, paragraphs: list[str]) -> bytes:
    """An older site: the whole page is a table, the report one cell with <br> between paragraphs."""
    body = "<br>\n".join("&nbsp;&nbsp;" + html.escape(text) for text in paragraphs)
    return (f"<html><head><meta charset=gb2312><title>{title}</title></head><body><table>"
            f"<tr><td><a href='/'>网站首页</a> <a href='#'>政务公开</a></td></tr><tr><td><b>{title}</b></td></tr>"
            f"<tr><td>{body}</td></tr><tr><td>版权所有 某县人民政府</td></tr></table></body></html>").encode("gb18030")


def mhtml_of(page: bytes, charset: str) -> bytes:
    """The page saved as a browser's single-file web archive: multipart/related, quoted-printable."""
    encoding = email.charset.Charset(charset)
    encoding.body_encoding = email.charset.QP
    archive = email.mime.multipart.MIMEMultipart("related", type="text/html")
    archive.attach(email.mime.text.MIMEText(page.decode(charset), "html", encoding))
    return archive.as_bytes()


@pytest.fixture(scope="session")
def made(tmp_path_factory) -> dict[str, Path]:
    """The same report as .txt, .docx, .doc, .wps, .pdf and .html; PDFs in other layouts; a scan."""
    folder = tmp_path_factory.mktemp("formats")
    files = {"txt": folder / "report.txt", "html": folder / "report.html"}
    files["txt"].write_text("\n".join([TITLE, *PARAGRAPHS]), encoding="utf-8")
    files["html"].write_bytes(portal_page(TITLE, PARAGRAPHS, "gbk"))
    if not shutil.which("soffice"):
        return files
    docx = {"report": make_report_docx(folder / "report.docx", TITLE, PARAGRAPHS, "dashes"),
            "hyphens": make_report_docx(folder / "hyphens.docx", TITLE, PARAGRAPHS, "hyphens", "某县人民政府办公室"),
            "of-pages": make_report_docx(folder / "of-pages.docx", TITLE, PARAGRAPHS, "of-pages"),
            "columns": make_report_docx(folder / "columns.docx", TITLE, PARAGRAPHS, "dashes", columns=2),
            "short": make_report_docx(folder / "short.docx", TITLE, PARAGRAPHS[:1], "dashes")}
    pdfs = dict(zip(docx, convert_with_office(list(docx.values()), "pdf", folder / "pdf")))
    (files["doc"],) = convert_with_office([docx["report"]], "doc", folder)
    files["wps"] = shutil.copy(files["doc"], folder / "report.wps")
    files["docx"], files["pdf"] = docx["report"], pdfs.pop("report")
    files.update({f"{name}.pdf": path for name, path in pdfs.items()})
    files["scan"] = make_scan(pdfs["short"], folder / "scan.pdf")
    return files


def read(path: Path, name: str | None = None):
    return read_source(name or path.name, path.read_bytes())


def report_of(path: Path, name: str | None = None):
    converted = convert(name or path.name, path.read_bytes(), RULES)
    assert len(converted.reports) == 1, converted.problems
    return converted.reports[0]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def blocks_of(report) -> list[tuple[str, str]]:
    return [(block.kind, squeeze(block.text)) for block in report.blocks]


def headings_and_text(report) -> tuple[list[str], str]:
    """The headings, and all text without its paragraph breaks: what every format keeps."""
    return [text for kind, text in blocks_of(report) if kind != "paragraph"], "".join(text for _, text in blocks_of(report))


@needs_office
@pytest.mark.parametrize("kind", ["docx", "doc", "wps", "pdf", "html"])
def test_a_report_converts_to_the_same_text_and_metadata_in_every_format(made, kind):
    expected, report = report_of(made["txt"]), report_of(made[kind])
    assert headings_and_text(report) == headings_and_text(expected)
    if kind != "pdf":  # a PDF keeps no paragraph ends: see the next test
        assert blocks_of(report) == blocks_of(expected)
    same = ("level", "year", "doc_type", "organization", "themes")
    assert [getattr(report.meta, name) for name in same] == [getattr(expected.meta, name) for name in same]
    assert squeeze(report.meta.title) == squeeze(expected.meta.title) == TITLE


@needs_office
@pytest.mark.xfail(strict=True, reason="rejoin.yml keeps apart a line that ends a sentence at full width and the "
                                       "line after it, and takes `。三是…` cut at a line end for a glued heading")
def test_pdf_paragraphs_are_those_of_the_text(made):
    assert blocks_of(report_of(made["pdf"])) == blocks_of(report_of(made["txt"]))


@needs_office
@pytest.mark.parametrize("name, rule, furniture", [
    ("pdf", "page-number-dashes", "—1—"),
    ("hyphens.pdf", "page-number-dashes", "-1-"),
    ("of-pages.pdf", "page-number-of-pages", r"第1页共\d+页"),
    ("hyphens.pdf", "running-header-or-footer", "某县人民政府办公室"),
])
def test_pdf_page_numbers_headers_and_footers_are_recorded_removals(made, name, rule, furniture):
    source = read(made[name])
    assert not any(re.fullmatch(furniture, squeeze(line)) or is_page_number(line) for line in source.text.split("\n"))
    assert any(change.rule == rule and re.fullmatch(furniture, squeeze(change.before)) for change in source.changes)
    assert any(change.rule == rule for change in report_of(made[name]).changes)


@needs_office
@pytest.mark.parametrize("name", ["hyphens.pdf", "of-pages.pdf", "columns.pdf"])
def test_pdf_text_is_in_reading_order_and_headings_stay_headings(made, name):
    expected, report = report_of(made["txt"]), report_of(made[name])
    assert headings_and_text(report) == headings_and_text(expected)
    assert any(block.kind == "section" for block in report.blocks)
    if name != "columns.pdf":  # rejoin.yml leaves many lines of a narrow column apart
        assert len(report.blocks) < len(expected.blocks) * 2  # hard-wrapped lines are joined: most paragraphs whole


@needs_office
@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is installed by `make test`")
def test_an_ocr_report_says_so_on_its_card(made):
    from scripts.convert.pipeline import convert
    from scripts.site.report import ReportView, metadata_card

    (report,) = convert("扫描件.pdf", made["scan"].read_bytes(), RULES).reports
    assert report.meta.ocr
    view = ReportView(report, (report,), {key: {} for key in ("level", "year", "doc_type", "organization")}, {}, str)
    assert "OCR 识别" in metadata_card(view)


@needs_office
@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is installed by `make test`")
def test_a_scanned_pdf_is_read_by_ocr_and_marked(made):
    source = read(made["scan"])
    assert source.ocr and "工作总结" in squeeze(source.text) and "市政府办公室" in squeeze(source.text)


@needs_office
def test_without_tesseract_a_scanned_pdf_says_what_to_install(made, monkeypatch):
    monkeypatch.setattr(ocr, "find_program", lambda *names: None)
    problem = read(made["scan"], "扫描.pdf")
    assert isinstance(problem, Problem) and problem.source == "扫描.pdf"
    assert "扫描件，没有文字层" in problem.reason and "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in problem.reason


@needs_office
def test_doc_without_libreoffice_is_read_by_antiword_or_says_what_to_install(made, monkeypatch):
    monkeypatch.setattr(word97, "find_program", lambda *names: shutil.which("antiword") if "antiword" in names else None)
    if shutil.which("antiword"):
        assert "桥梁纽带、参谋助手、协调落实、保障运转" in squeeze(read(made["doc"]).text)
    monkeypatch.setattr(word97, "find_program", lambda *names: None)
    problem = read(made["doc"])
    assert isinstance(problem, Problem) and "apt-get install libreoffice-writer-nogui" in problem.reason


@needs_office
@pytest.mark.parametrize("name, data", [
    ("坏.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)),
    ("坏.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 700),
    ("坏.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj garbage"),
])
def test_a_broken_file_is_a_problem_naming_it_and_the_other_reports_still_build(tmp_path, name, data):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_bytes(data)
    shutil.copy(SEEDS / "001_0b808da05fd04239.txt", seeds)
    archive = build_archive(seeds, RULES)
    assert len(archive.reports) == 1
    (problem,) = archive.problems
    assert problem.source == name and re.search("无法|损坏|cannot", problem.reason)


def test_a_web_page_keeps_its_main_text_with_title_and_date_on_top(made):
    text = read(made["html"]).text
    lines = text.split("\n")
    assert lines[0] == TITLE and lines[1] == "发布日期：2022年1月15日"
    for furniture in ("网站首页", "您当前的位置", "广告", "网友评论", "写得好", "相关链接", "版权所有", "track", "_hmt", "color:red"):
        assert furniture not in text
    assert all(squeeze(paragraph) in squeeze(text) for paragraph in PARAGRAPHS)


@pytest.mark.parametrize("charset, title", [("gbk", TITLE), ("gb2312", TITLE), ("big5", "縣政府辦公室2021年工作總結"),
                                            ("utf-8", TITLE)])
def test_a_web_page_is_read_in_the_charset_it_declares(charset, title):
    paragraphs = ["今年以來，縣政府辦公室緊緊圍繞中心工作，切實履行參謀助手職能。"] if charset == "big5" else PARAGRAPHS[:3]
    page = portal_page(title, paragraphs, charset)
    for name, data in (("page.html", page), ("page.mhtml", mhtml_of(page, charset))):
        text = read_source(name, data).text
        assert text.split("\n")[0] == title and squeeze(paragraphs[0]) in squeeze(text), name


def test_a_page_laid_out_in_a_table_keeps_its_paragraphs():
    source = read_source("old.htm", layout_table_page(TITLE, PARAGRAPHS))
    lines = [squeeze(line) for line in source.text.split("\n")]
    assert all(squeeze(paragraph) in lines for paragraph in PARAGRAPHS) and "网站首页" not in source.text
    assert lines[:2] == [TITLE, squeeze(PARAGRAPHS[0])]  # no date: the page declares none


def test_docx_headers_footers_notes_text_boxes_and_tables_are_read():
    lines = read(FILES / "notes-boxes-headers.docx").text.split("\n")
    for line in ("全年开展专项督查12次[1]，督办事项办结率100%[2]。", "文本框：全年办文356件。",
                 "项目 | 2020年 | 2021年", "办文数量 | 320件 | 356件", "合计增长11%",
                 "[1] 督查次数含联合督查3次。", "[2] 数据截至2021年12月31日。",
                 "某县人民政府办公室文件", "本页脚注明：内部资料，注意保存"):
        assert line in lines
    assert lines.index("持续加强党的建设，全面从严治党。") < lines.index("[1] 督查次数含联合督查3次。")
    assert not any(is_page_number(line) for line in lines)  # the footer's page number field


@pytest.mark.parametrize("name", ["报告.TXT", "报告.Txt", "报告.MD"])
def test_upper_case_extensions_are_read(name):
    assert not isinstance(read_source(name, "县政府办公室2021年工作总结\n全年办文356件。".encode()), Problem)


def test_a_docx_with_an_odd_extension_is_read_by_its_content():
    data = (FILES / "notes-boxes-headers.docx").read_bytes()
    for name in ("报告.Docx", "报告.DOCX", "报告.txt"):
        assert "文本框：全年办文356件。" in read_source(name, data).text


def test_lock_files_and_system_junk_are_skipped_without_a_problem(tmp_path):
    for junk in ("~$报告.docx", "~WRL0001.tmp", ".DS_Store", "Thumbs.db", "desktop.ini", "._报告.txt",
                 "__MACOSX/._报告.txt", "sub/Desktop.ini", "sub/.~lock.报告.docx#"):
        (tmp_path / junk).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / junk).write_bytes(b"\x00\x01junk")
    (tmp_path / "报告.TXT").write_text("县政府办公室2021年工作总结", encoding="utf-8")
    names, sidecars, problems = list_sources(tmp_path)
    assert names == ["报告.TXT"] and problems == [] and sidecars == {}


@pytest.mark.parametrize("line", ["— 3 —", "-3-", "- 12 -", "第3页 共12页", "第 3 页/共 12 页", "共12页 第3页", "3",
                                  "3/12", "Page 3 of 12", "第三页"])
def test_page_number_lines(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["（3）", "[3]", "一、", "2021年", "3个", "第三部分", "——2021年12月"])
def test_lines_that_are_no_page_number(line):
    assert not is_page_number(line)


@pytest.mark.parametrize("rules, cause", [
    ({"edge_lines": 2, "page_numbers": [{"name": "bad", "pattern": "(["}],
      "running": {"name": "r", "min_pages": 2, "min_share": 0.5, "max_chars": 60}}, "rule 'bad': bad pattern"),
    ({"edge_lines": 2, "page_numbers": [], "running": {"name": "r", "min_pages": 2, "min_share": 2, "max_chars": 60}},
     "rule 'r': min_share"),
    ({"edge_lines": 0, "page_numbers": [], "running": {"name": "r", "min_pages": 2, "min_share": 1, "max_chars": 6}},
     "rule 'edge_lines'"),
])
def test_a_broken_page_rule_names_the_file_and_the_rule(rules, cause):
    with pytest.raises(RuleError, match=re.escape(f"pdf.yml: {cause}")):
        read_page_rules(rules)
