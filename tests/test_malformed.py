"""Malformed files lose no text: each case reads, the change is recorded, and the file's name is in the warning."""
from __future__ import annotations

import opencc
import pytest

from scripts.convert.archive import build_archive
from scripts.convert.pipeline import convert
from scripts.convert.rules import load_rules
from scripts.search.fold import fold

RULES = load_rules()
BODY = "今年以来，县交通运输局紧紧围绕县委、县政府中心工作，全力推进农村公路建设。"
AD_PARAGRAPH = "全年新改建农村公路186公里##paidend##，【某某素材库】实施危桥改造12座。仅供学习 禁止外传"


def only_report(name: str, data: bytes):
    converted = convert(name, data, RULES)
    assert len(converted.reports) == 1, converted.problems
    return converted.reports[0], converted.problems


def shown(report) -> str:
    return "\n".join(block.text for block in report.blocks)


def test_an_ad_phrase_inside_a_paragraph_takes_only_itself():
    report, _ = only_report("ad.txt", f"县交通运输局2022年工作总结\n{BODY}\n{AD_PARAGRAPH}\n".encode())
    text = shown(report)
    assert "全年新改建农村公路186公里，实施危桥改造12座。" in text
    assert not any(ad in text for ad in ("paidend", "素材库", "仅供学习", "禁止外传"))
    removed = {change.before for change in report.changes}
    assert {"##paidend##", "【某某素材库】"} <= removed and any("仅供学习" in before for before in removed)


def test_a_utf8_file_with_a_few_bad_bytes_is_read_and_the_count_reported(tmp_path):
    lines = [f"县交通运输局2022年工作总结\n{BODY}\n".encode()] * 20
    broken = b"".join(lines[:3]) + b"\xff\xfe" + b"".join(lines[3:9]) + b"\x80" + b"".join(lines[9:])
    (tmp_path / "坏字节.txt").write_bytes(broken)
    archive = build_archive(tmp_path, RULES)
    assert len(archive.reports) == 1
    warnings = [problem for problem in archive.problems if problem.source == "坏字节.txt"]
    assert warnings and warnings[0].warning and "3 处无效字节" in warnings[0].reason
    assert fold(BODY) in fold(shown(archive.reports[0]))


def test_a_text_with_a_few_control_characters_is_text_and_they_are_recorded():
    data = f"县交通运输局2022年工作总结\n{BODY[:10]}\x07\x1b{BODY[10:]}\n\x0c\n".encode()
    report, problems = only_report("控制字符.txt", data)
    assert BODY in shown(report) and not problems
    assert [change for change in report.changes if change.rule == "invisible-characters"]


def test_html_entities_become_the_characters_they_stand_for():
    report, _ = only_report("实体.txt", f"县交通运输局2022年工作总结\n坚持&ldquo;四好农村路&rdquo;建设&mdash;{BODY}\n".encode())
    assert f"坚持“四好农村路”建设—{BODY}" in shown(report)
    assert {("&ldquo;", "“"), ("&rdquo;", "”")} <= {(change.before, change.after) for change in report.changes}


@pytest.mark.parametrize("mark", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                  "\u2069", "\u200b", "\ufeff"])
def test_bidi_and_invisible_format_characters_never_reach_the_page(mark):
    report, _ = only_report("隐形.txt", f"县交通运输局2022年{mark}工作总结\n{BODY[:6]}{mark}{BODY[6:]}\n".encode())
    assert mark not in shown(report) + report.meta.title and BODY in shown(report)
    assert any(change.rule == "invisible-characters" for change in report.changes)


def test_a_title_wrapped_in_html_tags_is_the_title():
    report, _ = only_report("标签.txt", f"<h1><strong>县交通运输局2022年工作总结</strong></h1>\n<p>{BODY}</p>\n".encode())
    assert report.meta.title == "县交通运输局2022年工作总结"
    assert (report.meta.level, report.meta.year, report.meta.doc_type) == ("县级", 2022, "年度工作总结")
    assert BODY in shown(report)


def test_a_title_in_traditional_characters_is_recognised_and_shown_as_written():
    traditional = opencc.OpenCC("s2t").convert
    title = traditional("县政府办公室2022年工作总结")
    report, _ = only_report("繁体.txt", f"{title}\n{traditional(BODY)}\n".encode())
    assert report.meta.title == title == "縣政府辦公室2022年工作總結"
    assert (report.meta.level, report.meta.year, report.meta.doc_type) == ("县级", 2022, "年度工作总结")
    assert traditional(BODY) in shown(report)
