"""One raw file -> text, by its format: .txt (any encoding we detect), .md (with front matter), .docx.

Word headings reach detect_structure as lines that start with a heading mark (a control character that
decoding removes from raw text, so no source can fake one); find_heading_mark reads it back.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import yaml

from scripts.convert.model import Change, Problem
from scripts.convert.read.decode import DecodeError, decode, normalise_text

UNSUPPORTED = "不支持的格式：请另存为 .docx 或 .txt / unsupported format: save it as .docx or .txt"
MAX_LINE_CHARS = 100_000  # a longer line is not report text (a whole web page or data on one line)
MAX_DOCX_UNPACKED = 50 * 1024 * 1024
HEADING_MARKS = {"section": "\x01", "subsection": "\x02"}  # not whitespace: str.strip() keeps them
_MAGIC = (  # (first bytes, what the file is in Chinese, in English)
    (b"%PDF", "PDF 文件", "a PDF file"),
    (b"\xd0\xcf\x11\xe0", "Word 97-2003 或 WPS 文件", "a .doc or .wps file"),
    (b"{\\rtf", "RTF 文件", "an RTF file"),
    (b"PK\x03\x04", "ZIP 压缩包（如 .docx）", "a ZIP archive (such as .docx)"),
    (b"\x89PNG", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF8", "GIF 图片", "a GIF image"),
    (b"II*\x00", "TIFF 图片", "a TIFF image"),
    (b"MM\x00*", "TIFF 图片", "a TIFF image"),
)


@dataclass(frozen=True)
class SourceText:
    text: str  # decoded and normalised; Word headings carry a heading mark
    front_matter: dict = field(default_factory=dict)  # metadata a .md file gives, checked later
    changes: tuple[Change, ...] = ()  # what reading changed (invisible characters, entities)
    warnings: tuple[str, ...] = ()  # what the reader had to repair (bad bytes), for the problems page


def read_source(name: str, data: bytes) -> SourceText | Problem:
    """Read one raw file by its format; a file that holds no usable text gives a Problem."""
    suffix = PurePosixPath(name).suffix.lower()
    reader = _READERS.get(suffix)
    if not data:
        return Problem(name, "文件是空的 / the file is empty")
    if reader is None:
        return Problem(name, UNSUPPORTED)
    if (kind := find_binary_kind(data)) and not (suffix == ".docx" and data.startswith(b"PK")):
        chinese, english = kind
        return Problem(name, f"内容是{chinese}，扩展名却是 {suffix}。不支持的格式：请另存为 .docx 或 .txt"
                             f" / {english} named {suffix}: unsupported format, save it as .docx or .txt")
    try:
        source = reader(data)
    except DecodeError as error:
        return Problem(name, str(error))
    return _check_text(name, source)


def find_binary_kind(data: bytes) -> tuple[str, str] | None:
    """What a binary file is (in Chinese, in English), told by its first bytes."""
    return next(((chinese, english) for magic, chinese, english in _MAGIC if data.startswith(magic)), None)


def find_heading_mark(line: str) -> tuple[str | None, str]:
    """(kind, text) for a line that starts with a heading mark, else (None, line)."""
    for kind, mark in HEADING_MARKS.items():
        if line.startswith(mark):
            return kind, line[len(mark):].strip()
    return None, line


def _check_text(name: str, source: SourceText) -> SourceText | Problem:
    if not source.text.strip():
        return Problem(name, "文件只有空白，没有文字 / the file holds only whitespace")
    longest = max(map(len, source.text.split("\n")))
    if longest > MAX_LINE_CHARS:
        return Problem(name, f"有一行长达 {longest} 字且没有换行，不像报告正文（上限 {MAX_LINE_CHARS} 字）"
                             f" / a line of {longest} characters without a newline (limit {MAX_LINE_CHARS})")
    return source


def _read_txt(data: bytes) -> SourceText:
    decoded = decode(data)
    return SourceText(decoded.text, changes=decoded.changes, warnings=decoded.warnings)


def _read_markdown(data: bytes) -> SourceText:
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


def _read_docx(data: bytes) -> SourceText:
    """Paragraphs and table rows in document order; Word's heading styles become marked headings."""
    import docx  # imported here: only .docx sources need it
    import docx.table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(entry.file_size for entry in archive.infolist()) > MAX_DOCX_UNPACKED:
                raise DecodeError("解压后过大 / too large when unpacked")
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx and lxml raise many kinds; each means a broken file
        raise DecodeError(f"无法读取这个 .docx 文件 / cannot read this .docx file: {error}") from None
    lines = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            lines += [" ".join(cell.text for cell in row.cells) for row in item.rows]
        else:
            lines.append(_mark_word_heading(item))
    return SourceText("\n".join(lines))


def _mark_word_heading(paragraph) -> str:
    text = normalise_text(paragraph.text)
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if text and style.startswith(("heading", "标题")) and style[-1:].isdigit():
        return HEADING_MARKS["section" if style[-1] == "1" else "subsection"] + " ".join(text.split("\n"))
    return text


_READERS = {".txt": _read_txt, ".text": _read_txt, ".md": _read_markdown, ".markdown": _read_markdown,
            ".docx": _read_docx}
