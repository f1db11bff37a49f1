"""One raw file -> text, by its format: .txt (any encoding we detect), .md (with front matter), Word, PDF, web page.

A file with a readable extension (in any case) is read by what its first bytes say it is, where they say it
(a PDF named .txt is read as a PDF, a .doc named .docx as a .doc), else by its extension. Each format has its own reader module; Word headings reach detect_structure as
lines that start with a heading mark (marks.py).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import yaml

from scripts.convert.model import Change, Problem
from scripts.convert.read.decode import DecodeError, decode
from scripts.convert.read.docx import read_docx
from scripts.convert.read.marks import HEADING_MARKS, find_heading_mark  # noqa: F401 (find_heading_mark: for structure)
from scripts.convert.read.pdf import read_pdf
from scripts.convert.read.webpage import read_webpage
from scripts.convert.read.word97 import read_word97

READABLE = ".txt .md .docx .doc .wps .rtf .pdf .html .htm .mhtml .mht"
UNSUPPORTED = (f"不支持的格式：请另存为 .docx、.pdf 或 .txt（可读取 {READABLE}）"
               f" / unsupported format: save it as .docx, .pdf or .txt (readable: {READABLE})")
MAX_LINE_CHARS = 100_000  # a longer line is not report text (a whole web page or data on one line)
_MAGIC = (  # (first bytes, what the file is in Chinese, in English, the extension whose reader reads it)
    (b"%PDF", "PDF 文件", "a PDF file", ".pdf"),
    (b"\xd0\xcf\x11\xe0", "Word 97-2003 或 WPS 文件", "a .doc or .wps file", ".doc"),
    (b"{\\rtf", "RTF 文件", "an RTF file", ".rtf"),
    (b"PK\x03\x04", "ZIP 压缩包（如 .docx）", "a ZIP archive (such as .docx)", ".docx"),
    (b"\x89PNG", "PNG 图片", "a PNG image", None),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image", None),
    (b"GIF8", "GIF 图片", "a GIF image", None),
    (b"II*\x00", "TIFF 图片", "a TIFF image", None),
    (b"MM\x00*", "TIFF 图片", "a TIFF image", None),
)


@dataclass(frozen=True)
class SourceText:
    text: str  # decoded and normalised; Word headings carry a heading mark
    front_matter: dict = field(default_factory=dict)  # metadata a .md file gives, checked later
    changes: tuple[Change, ...] = ()  # what reading changed (invisible characters, entities, page numbers)
    warnings: tuple[str, ...] = ()  # what the reader had to repair (bad bytes), for the problems page
    ocr: bool = False  # the text was read from page images by OCR


def read_source(name: str, data: bytes) -> SourceText | Problem:
    """Read one raw file by its format; a file that holds no usable text gives a Problem."""
    suffix = PurePosixPath(name).suffix.lower()
    if not data:
        return Problem(name, "文件是空的 / the file is empty")
    if suffix not in _READERS:
        return Problem(name, UNSUPPORTED)
    kind = _find_kind(data)
    if kind and kind[2] is None:
        chinese, english, _ = kind
        return Problem(name, f"内容是{chinese}，扩展名却是 {suffix}。{UNSUPPORTED.split(' / ')[0]}"
                             f" / {english} named {suffix}: {UNSUPPORTED.split(' / ')[1]}")
    as_suffix = suffix if kind is None or _READERS.get(suffix) is _READERS[kind[2]] else kind[2]
    try:
        source = _READERS[as_suffix](data, as_suffix)
    except DecodeError as error:
        return Problem(name, str(error))
    return _check_text(name, source)


def find_binary_kind(data: bytes) -> tuple[str, str] | None:
    """What a binary file is (in Chinese, in English), told by its first bytes."""
    kind = _find_kind(data)
    return kind[:2] if kind else None


def _find_kind(data: bytes) -> tuple[str, str, str | None] | None:
    return next((kind for magic, *kind in _MAGIC if data.startswith(magic)), None)


def _check_text(name: str, source: SourceText) -> SourceText | Problem:
    if not source.text.strip():
        return Problem(name, "文件只有空白，没有文字 / the file holds only whitespace")
    longest = max(map(len, source.text.split("\n")))
    if longest > MAX_LINE_CHARS:
        return Problem(name, f"有一行长达 {longest} 字且没有换行，不像报告正文（上限 {MAX_LINE_CHARS} 字）"
                             f" / a line of {longest} characters without a newline (limit {MAX_LINE_CHARS})")
    return source


def _read_txt(data: bytes, suffix: str) -> SourceText:
    decoded = decode(data)
    return SourceText(decoded.text, changes=decoded.changes, warnings=decoded.warnings)


def _read_markdown(data: bytes, suffix: str) -> SourceText:
    """Front matter between `---` lines is metadata; `#` headings become marked headings."""
    decoded = decode(data)
    text = decoded.text
    front_matter: dict = {}
    if text.startswith("---\n") and (end := text.find("\n---\n", 3)) > 0:
        try:
            front_matter = yaml.safe_load(text[4:end]) or {}
        except yaml.YAMLError as error:
            raise DecodeError(f"front matter 不是有效的 YAML / invalid YAML front matter: {error}") from None
        if not isinstance(front_matter, dict):
            raise DecodeError("front matter 应为“字段: 值”的列表 / front matter must be a mapping of fields")
        text = text[end + 5:]
    return SourceText("\n".join(map(_mark_markdown_heading, text.split("\n"))), front_matter, decoded.changes,
                      decoded.warnings)


def _mark_markdown_heading(line: str) -> str:
    """`# ` is the document's title (kept as a plain line), `## ` a section, `### ` and deeper a subsection."""
    hashes = len(line) - len(line.lstrip("#"))
    if not (1 <= hashes <= 6 and line[hashes:hashes + 1] == " "):
        return line
    text = line[hashes:].strip()
    return text if hashes == 1 else HEADING_MARKS["section" if hashes == 2 else "subsection"] + text


def _read_docx(data: bytes, suffix: str) -> SourceText:
    return SourceText(read_docx(data))


def _read_word97(data: bytes, suffix: str) -> SourceText:
    return SourceText(read_word97(data, suffix))


def _read_pdf(data: bytes, suffix: str) -> SourceText:
    pdf = read_pdf(data)
    return SourceText(pdf.text, changes=pdf.changes, warnings=pdf.warnings, ocr=pdf.ocr)


def _read_webpage(data: bytes, suffix: str) -> SourceText:
    return SourceText(read_webpage(data, suffix))


_READERS: dict[str, Callable[[bytes, str], SourceText]] = {
    ".txt": _read_txt, ".text": _read_txt, ".md": _read_markdown, ".markdown": _read_markdown,
    ".docx": _read_docx, ".doc": _read_word97, ".wps": _read_word97, ".rtf": _read_word97, ".pdf": _read_pdf,
    ".html": _read_webpage, ".htm": _read_webpage, ".xhtml": _read_webpage, ".mhtml": _read_webpage,
    ".mht": _read_webpage,
}
