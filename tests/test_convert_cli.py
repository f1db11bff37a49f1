"""`python -m scripts.convert`: a folder to Markdown with progress and problems; --explain for one file."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import yaml
from conftest import ROOT, SEEDS


def run_convert(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "scripts.convert", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_a_folder_becomes_one_markdown_file_per_report(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "扫描件.pdf").write_bytes(b"%PDF-1.4\n")
    (seeds / "空白.txt").write_bytes(b"")
    result = run_convert(str(seeds), str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    pages = sorted((tmp_path / "out").glob("*.md"))
    assert len(pages) == len(list(SEEDS.iterdir())) + 2  # the compilation holds three reports
    front = yaml.safe_load(pages[2].read_text(encoding="utf-8").split("---\n")[1])
    assert front["source"] == "002_34b1f4cb1bc013ad.txt" and front["year"] == 2020
    total = len(list(seeds.iterdir()))
    assert f"[{total}/{total}] 问题 / problems: 2" in result.stderr
    assert "扫描件.pdf: 无法读取这个 PDF 文件" in result.stderr and "空白.txt: 文件是空的" in result.stderr


def test_strict_exits_with_one_when_a_file_has_a_problem(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "001_0b808da05fd04239.txt", seeds)
    assert run_convert("--strict", str(seeds), str(tmp_path / "out")).returncode == 0
    (seeds / "旧文件.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    assert run_convert("--strict", str(seeds), str(tmp_path / "out")).returncode == 1
    assert run_convert(str(seeds), str(tmp_path / "out")).returncode == 0


def test_explain_lists_each_removal_and_replacement_by_rule_and_the_metadata():
    result = run_convert("--explain", str(SEEDS / "004_a013bd0005226764.txt"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("== ") == 3 and "organization: 省公路局党委" in out and "level: 市级" in out
    assert "删除 / removed: 【哒哒代笔】" in out  # the ad footer, by the rule that removed it
    assert "替换 / replaced:" in out and "D委" in out and "党委" in out


def test_explain_prints_the_evidence_behind_each_guessed_field(tmp_path):
    source = tmp_path / "讲话.txt"
    source.write_text("在全县安全生产工作会议上的讲话\n同志们：\n今年以来，全县上下扎实推进安全生产。2023年全县事故起数下降。\n"
                      "谢谢大家！\n", encoding="utf-8")
    out = run_convert("--explain", str(source)).stdout
    evidence = out[out.index("-- 依据 / evidence"):]
    doc_types = evidence[evidence.index("doc_type:"):evidence.index("level:")]
    assert doc_types.split("\n")[1].strip().startswith("讲话:")  # the winner is listed first, with its clues
    assert "标题·讲话" in doc_types and "称呼·同志们" in doc_types and "结尾·谢谢" in doc_types
    assert "县级" in evidence[evidence.index("level:"):evidence.index("year:")]
    assert "2023" in evidence[evidence.index("year:"):]


def test_explain_shows_a_correction_from_a_sidecar(tmp_path):
    source = tmp_path / "总结.txt"
    source.write_text("乡政府办公室2024年上半年工作总结\n今年以来，乡政府办公室扎实推进各项工作。\n", encoding="gb18030")
    (tmp_path / "总结.yml").write_text("level: 乡镇\nyear: 2024\nthemes: [督查督办]\ndoc_type: 讲稿\n", encoding="utf-8")
    out = run_convert("--explain", str(source)).stdout
    assert "[correction:themes]" in out and "level: 乡镇" in out
    assert "问题 / problem: 总结.yml: 字段 doc_type 的值 '讲稿' 无效" in out


def test_explain_names_the_problem_of_a_bad_file(tmp_path):
    (tmp_path / "图.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    result = run_convert("--explain", str(tmp_path / "图.txt"))
    assert result.returncode == 1 and "图.txt: 内容是JPEG 图片" in result.stdout
