"""Reading sources by format (.docx, .md, unsupported), corrections, slugs, duplicates and the build cache."""
from __future__ import annotations

import dataclasses
import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SEEDS

from scripts.convert import batch as batch_module
from scripts.convert.archive import build_archive
from scripts.convert.pipeline import convert
from scripts.convert.read.sources import UNSUPPORTED, read_source
from scripts.convert.render import render_markdown
from scripts.convert.rules import Replacement, load_rules
from scripts.convert.slugs import slugify_source

RULES = load_rules()
SEED_001 = SEEDS / "001_0b808da05fd04239.txt"
SEED_004 = SEEDS / "004_a013bd0005226764.txt"


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("乡政府办公室2024年上半年工作总结", style="Title")
    document.add_paragraph("今年以来，乡政府办公室在乡党委的领导下，扎实推进各项工作。")
    document.add_heading("工作回顾", level=1)
    document.add_heading("强化督查督办", level=2)
    document.add_paragraph("全年开展专项督查12次，督办事项办结率100%。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "办文数量", "356件"
    document.add_heading("下步打算", level=1)
    document.add_paragraph("持续加强D的建设，全面从严治D。")
    document.save(path)
    return path


def blocks_of(source: str, data: bytes):
    converted = convert(source, data, RULES)
    assert converted.reports, converted.problems
    return [(block.kind, block.text) for report in converted.reports for block in report.blocks]


def test_docx_paragraphs_and_word_headings(tmp_path):
    blocks = blocks_of("乡政府 2024.docx", make_docx(tmp_path / "r.docx").read_bytes())
    assert ("section", "工作回顾") in blocks and ("section", "下步打算") in blocks
    assert ("subsection", "强化督查督办") in blocks
    texts = [text for _, text in blocks]
    assert "全年开展专项督查12次，督办事项办结率100%。" in texts
    assert any("办文数量" in text and "356件" in text for text in texts)
    assert "持续加强党的建设，全面从严治党。" in texts  # the docx text is cleaned like any other


def test_markdown_front_matter_corrects_metadata_and_the_body_is_cleaned():
    source = ("---\ntitle: '市发改委: 2019年工作总结 #1'\nlevel: 市级\nyear: 2019\nthemes: [营商环境]\nauthor: 某人\n---\n"
              "# 市发改委2019年工作总结\n仅供学习 禁止外传\n## 一、优化营商环境\n全年新增市场主体3200户，推进D建工作。\n")
    converted = convert("fgw.md", source.encode("gb18030"), RULES)
    (report,) = converted.reports
    assert (report.meta.title, report.meta.level, report.meta.year) == ("市发改委: 2019年工作总结 #1", "市级", 2019)
    assert report.meta.themes == ("营商环境",)
    texts = [block.text for block in report.blocks]
    assert "仅供学习 禁止外传" not in texts and "全年新增市场主体3200户，推进党建工作。" in texts
    assert ("section", "一、优化营商环境") in [(block.kind, block.text) for block in report.blocks]
    assert converted.problems == ()  # unknown keys of a .md front matter (author) are left alone


def test_markdown_front_matter_with_an_invalid_value_is_reported():
    converted = convert("a.md", "---\nlevel: 国家级\nyear: 二〇二一\n---\n县政府办公室2021年工作总结。\n".encode(), RULES)
    assert converted.reports and converted.reports[0].meta.level != "国家级"
    reasons = " ".join(problem.reason for problem in converted.problems)
    assert "level" in reasons and "year" in reasons and {p.source for p in converted.problems} == {"a.md"}


@pytest.mark.parametrize("name, data", [
    ("扫描件.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
    ("表格.xlsx", b"PK\x03\x04" + bytes(100)),
    ("演示.pptx", b"PK\x03\x04" + bytes(100)),
    ("无扩展名", "县政府办公室工作总结".encode()),
])
def test_unsupported_formats_say_how_to_fix_them(name, data):
    problem = read_source(name, data)
    assert problem.source == name and problem.reason == UNSUPPORTED
    assert "另存为 .docx、.pdf 或 .txt" in problem.reason and "save it as .docx, .pdf or .txt" in problem.reason
    assert all(suffix in problem.reason for suffix in (".doc ", ".wps", ".pdf", ".html", ".mhtml"))  # what is read


def test_an_image_named_as_text_says_what_it_is():
    problem = read_source("扫描件.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100))
    assert "内容是JPEG 图片，扩展名却是 .txt" in problem.reason and "a JPEG image named .txt" in problem.reason


def zip_of(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, reason", [
    ("坏.docx", b"PK\x03\x04" + bytes(100), "无法读取这个 .docx 文件"),
    ("表格.docx", zip_of(**{"xl/workbook.xml": "<workbook/>"}), "无法读取这个 .docx 文件"),
    ("旧版.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "LibreOffice"),  # read as the .doc it is
    ("坏.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "无法读取这个 PDF 文件"),
    ("坏.md", "---\ntitle: [未闭合\n---\n正文。".encode(), "front matter 不是有效的 YAML"),
    ("列表.md", "---\n- 一\n- 二\n---\n正文。".encode(), "front matter 应为"),
], ids=lambda value: value if isinstance(value, str) and "." in value else "")
def test_a_broken_file_is_a_problem_that_says_why(name, data, reason):
    problem = read_source(name, data)
    assert problem.source == name and reason in problem.reason


def seeds_copy(tmp_path: Path, *seeds: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in seeds:
        shutil.copy(seed, folder / seed.name)
    return folder


def test_a_sidecar_corrects_metadata_and_is_not_a_report(tmp_path):
    seeds = seeds_copy(tmp_path, SEED_001, SEED_004)
    (seeds / "001_0b808da05fd04239.yml").write_text(
        "title: 某县政府办公室2021年度工作总结\nlevel: 县级\nyear: 2021\ndoc_type: 年度工作总结\n"
        "organization: 某县政府办公室\nthemes: [党建, 疫情防控]\n", encoding="utf-8")
    (seeds / "004_a013bd0005226764.yml").write_text("parts:\n  2:\n    organization: 某市委\n", encoding="utf-8")
    archive = build_archive(seeds, RULES)
    assert archive.problems == () and len(archive.reports) == 4
    metas = {(report.meta.source[:3], report.meta.part): report.meta for report in archive.reports}
    assert metas["001", None].title == "某县政府办公室2021年度工作总结"
    assert metas["001", None].themes == ("党建", "疫情防控") and metas["001", None].organization == "某县政府办公室"
    assert metas["004", 2].organization == "某市委" and metas["004", 1].organization != "某市委"
    report = next(report for report in archive.reports if report.meta.source.startswith("001"))
    assert any(change.rule == "correction:title" for change in report.changes)


def test_invalid_sidecar_values_name_the_file_and_the_field(tmp_path):
    seeds = seeds_copy(tmp_path, SEED_001)
    (seeds / "001_0b808da05fd04239.yml").write_text(
        "level: 中央级\nyear: '2021年'\ndoc_type: 通知\nthemes: [不存在的主题]\ncolour: red\ntitle: 正确的标题\n",
        encoding="utf-8")
    (seeds / "孤儿.yml").write_text("title: 没有对应的报告\n", encoding="utf-8")
    archive = build_archive(seeds, RULES)
    (report,) = archive.reports
    assert report.meta.title == "正确的标题" and report.meta.level != "中央级"
    by_field = {field: [p for p in archive.problems if re.match(f"(未知)?字段 {field}[ ，]", p.reason)]
                for field in ("level", "year", "doc_type", "themes", "colour")}
    assert all(len(found) == 1 and found[0].source == "001_0b808da05fd04239.yml" for found in by_field.values())
    assert any(problem.source == "孤儿.yml" for problem in archive.problems)


TRICKY_NAMES = [
    "000_76d6adb3df2f2169.txt", "a.txt", "A.txt", "a.docx", "a.md", "a-1.txt", "a--1.txt", "a b.txt", "a-b.txt",
    "a_b.txt", "..txt", "...txt", "..", "a..txt", "$(rm -rf ~).txt", "a;b|c&d`e'.txt", "报告.txt", "报告 .txt",
    "2021/报告.txt", "2021-报告.txt", "<script>.txt", "a%2Fb.txt", "-.txt", "report.txt", "REPORT.TXT",
]


def test_source_slugs_are_safe_stable_and_never_collide():
    slugs = {(name, part): slugify_source(name, part) for name in TRICKY_NAMES for part in (None, 1, 2)}
    assert all(re.fullmatch(r"[0-9a-z_]+(-[0-9a-z_]+)*(--[0-9a-f]{10})?(-\d+)?", slug) for slug in slugs.values())
    assert len(set(slugs.values())) == len(slugs)
    assert slugs == {(name, part): slugify_source(name, part) for name, part in slugs}
    assert slugs["000_76d6adb3df2f2169.txt", None] == "000_76d6adb3df2f2169"  # plain names keep their URL


def test_duplicates_become_one_report_and_the_first_by_name_is_kept(tmp_path):
    seeds = seeds_copy(tmp_path, SEED_001)
    text = SEED_001.read_text(encoding="utf-8")
    (seeds / "001_copy.txt").write_bytes(SEED_001.read_bytes())
    (seeds / "000_spaces.txt").write_text(text.replace("\n", "\n\n  ").replace("，", " ，"), encoding="gb18030")
    (seeds / "zz_with_ad.txt").write_text("仅供学习 禁止外传\n" + text, encoding="utf-8")
    archive = build_archive(seeds, RULES)
    assert len(archive.reports) == 1 and archive.reports[0].meta.source == "000_spaces.txt"
    assert sorted(archive.duplicates) == [("001_0b808da05fd04239.txt", "000_spaces.txt"),
                                          ("001_copy.txt", "000_spaces.txt"), ("zz_with_ad.txt", "000_spaces.txt")]
    assert set(archive.sources) == {"000_spaces.txt", "001_0b808da05fd04239.txt", "001_copy.txt", "zz_with_ad.txt"}


def test_files_in_subfolders_are_included(tmp_path):
    seeds = seeds_copy(tmp_path)
    (seeds / "2021年" / "县").mkdir(parents=True)
    shutil.copy(SEED_001, seeds / "2021年" / "县" / "总结.txt")
    (report,) = build_archive(seeds, RULES).reports
    assert report.meta.source == "2021年/县/总结.txt" and "/" not in report.slug


def test_unchanged_files_are_not_converted_again_and_output_is_identical(tmp_path, monkeypatch):
    seeds = seeds_copy(tmp_path, SEED_001, SEED_004)
    calls = []
    original = batch_module.convert
    monkeypatch.setattr(batch_module, "convert", lambda name, *args: calls.append(name) or original(name, *args))
    first = build_archive(seeds, RULES)
    assert len(calls) == 2
    second = build_archive(seeds, RULES)
    assert len(calls) == 2 and list(map(render_markdown, first.reports)) == list(map(render_markdown, second.reports))
    (seeds / "001_0b808da05fd04239.txt").write_text(SEED_001.read_text(encoding="utf-8") + "\n补充一段。")
    build_archive(seeds, RULES)
    assert calls[2:] == ["001_0b808da05fd04239.txt"]
    build_archive(seeds, load_rules())  # rules read again but unchanged: still cached
    assert len(calls) == 3
    extra = Replacement("extra", re.compile("某某"), "某")
    edited = dataclasses.replace(RULES, censor=(*RULES.censor, extra), fingerprint=RULES.fingerprint + "-edited")
    build_archive(seeds, edited)  # an edited rule file converts everything again
    assert len(calls) == 5
