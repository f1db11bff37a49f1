"""A saved web page (.html, .htm, .mhtml) -> its main text, with the page's title and date on top.

The charset is the one the page declares (in its MHTML part or a <meta> tag, read by w3lib), else the
project's own detection. trafilatura keeps the main text and drops navigation, ads, comments, scripts and
styles (readability-lxml helps on pages laid out in a table); trafilatura's metadata gives the title (the first line, for the pipeline's title detection) and the date of
publication that the page declares in its markup (the second line, `发布日期：2022年1月15日`, as evidence
for the year; a date in the text is the report's own). The text is text: no
markup of the page survives, and entities are decoded once, by the HTML parser.
"""
from __future__ import annotations

import email
import email.policy
import re

from scripts.convert.read.decode import DecodeError, guess_encoding, normalise_text

MHTML_SUFFIXES = (".mhtml", ".mht")
DATE_LABEL = "发布日期："
_TABLE_ROW = re.compile(r"^\|(.*)\|$")
_SENTENCE_END = re.compile("[。！？；]")


def read_webpage(data: bytes, suffix: str = ".html") -> str:
    """The title, date and main text of a saved page; a DecodeError when it holds no page."""
    html = _decode(*_find_html(data, suffix))
    body = _extract_main_text(html)
    if not body.strip():
        raise DecodeError("网页中找不到正文 / no main text found in this web page")
    title, date = _find_title_and_date(html)
    lines = body.split("\n")
    head = [line for line in (title, f"{DATE_LABEL}{date}" if date else "") if line and line not in lines[:3]]
    return normalise_text("\n".join(head + lines))


def is_mhtml(data: bytes, suffix: str) -> bool:
    return suffix in MHTML_SUFFIXES or data[:4096].lstrip().lower().startswith((b"from:", b"mime-version:"))


def _find_html(data: bytes, suffix: str) -> tuple[bytes, str | None]:
    """The page's HTML and the charset its MIME part declares: the first text/html part of an MHTML file."""
    if not is_mhtml(data, suffix):
        return data, None
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    if part is None:
        raise DecodeError("MHTML 文件中没有网页 / no HTML page inside this MHTML file")
    return part.get_payload(decode=True) or b"", part.get_content_charset()


def _decode(html: bytes, charset: str | None) -> str:
    """The page as text in the charset it declares (MIME part, BOM or <meta>), else the one detected."""
    from w3lib.encoding import html_to_unicode  # imported here: only web pages need it

    content_type = f"text/html; charset={charset}" if charset else None
    _, text = html_to_unicode(content_type, html, auto_detect_fun=lambda data: guess_encoding(data) or "utf-8")
    return text


def _extract_main_text(html: str) -> str:
    """Main text, tables as `| cell | cell |` rows. A page laid out in a table would run its paragraphs
    into one cell: there readability-lxml finds the cell of the article, read without table mode."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, include_images=False) or ""
    if _has_layout_table(text):
        from readability import Document

        article = Document(html).summary()
        text = trafilatura.extract(article, include_comments=False, include_tables=False, include_images=False) or text
    return text


def _has_layout_table(text: str) -> bool:
    """A table cell that holds several sentences of running text is page layout, not a table."""
    cells = (cell for line in text.split("\n") if (row := _TABLE_ROW.match(line.strip()))
             for cell in row.group(1).split("|"))
    return any(len(_SENTENCE_END.findall(cell)) >= 3 for cell in cells)


def _find_title_and_date(html: str) -> tuple[str, str]:
    """The page's title and its date of publication as `2022年1月15日`, each empty when not found."""
    import trafilatura

    metadata = trafilatura.extract_metadata(html, extensive=False)  # a date the page declares, not one in its text
    if metadata is None:
        return "", ""
    title = normalise_text(metadata.title or "").replace("\n", " ")
    date = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", metadata.date or "")
    return title, f"{date[1]}年{int(date[2])}月{int(date[3])}日" if date else ""
