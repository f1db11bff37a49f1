"""A .docx file -> text: body, tables, text boxes, footnotes, endnotes, headers and footers (python-docx).

The body comes first, in document order: Word's heading styles become marked headings, a table gives a row
per line with its cells separated by ` | `, a text box follows the paragraph it is anchored in, and a note
reference becomes `[n]`, numbered in order. Then the notes (`[n] 注文`) and the header and footer lines, after a blank line,
each once; a footer that is only a page number is left out, as it is in a PDF.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from scripts.convert.read.decode import DecodeError, normalise_text
from scripts.convert.read.marks import HEADING_MARKS
from scripts.convert.read.page_furniture import is_page_number

MAX_UNPACKED = 50 * 1024 * 1024
CELL_SEPARATOR = " | "
_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
       "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_W = "{%s}" % _NS["w"]
_TEXT_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces=_NS)  # once, not its copy
_NOTE_REFERENCES = etree.XPath(".//w:footnoteReference | .//w:endnoteReference", namespaces=_NS)
_NOTES = etree.XPath("/w:footnotes/w:footnote[not(@w:type)] | /w:endnotes/w:endnote[not(@w:type)]",
                     namespaces=_NS)
_NOTE_PARTS = ("/word/footnotes.xml", "/word/endnotes.xml")


def read_docx(data: bytes) -> str:
    """The text of a .docx file; a DecodeError when it is no readable .docx."""
    document = _open(data)
    numbers = _number_note_references(document.element.body)
    body = _read_blocks(document)
    extra = [*_read_notes(document, numbers), *_read_headers_and_footers(document)]
    return "\n".join(body + ([""] + extra if extra else []))


def _open(data: bytes):
    import docx  # imported here: only Word sources need it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(entry.file_size for entry in archive.infolist()) > MAX_UNPACKED:
                raise DecodeError("解压后过大 / too large when unpacked")
        return docx.Document(io.BytesIO(data))
    except DecodeError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds; each means a broken file
        raise DecodeError(f"无法读取这个 .docx 文件 / cannot read this .docx file: {error}") from None


def _read_blocks(container) -> list[str]:
    """Paragraphs (each followed by its text boxes) and table rows of a body, cell or header, in order."""
    import docx.table

    lines: list[str] = []
    for item in container.iter_inner_content():
        if isinstance(item, docx.table.Table):
            lines += _read_table(item)
        else:
            lines.append(_mark_word_heading(item))
            lines += [_text_of(paragraph) for box in _TEXT_BOXES(item._p) for paragraph in _paragraphs_in(box)]
    return lines


def _read_table(table) -> list[str]:
    """A row per line, cells separated; a cell merged across columns once; nested tables after their row."""
    lines = []
    for row in table.rows:
        cells = [cell for number, cell in enumerate(row.cells) if number == 0 or cell._tc is not row.cells[number - 1]._tc]
        lines.append(CELL_SEPARATOR.join(" ".join(_text_of(p) for p in cell.paragraphs).strip() for cell in cells))
        lines += [line for cell in cells for nested in cell.tables for line in _read_table(nested)]
    return [line for line in lines if line.strip(CELL_SEPARATOR)]


def _read_notes(document, numbers: dict[tuple[str, str], int]) -> list[str]:
    """Footnotes and endnotes as `[n] text`, numbered as their references in the body."""
    from docx.oxml import parse_xml  # python-docx's own parser: its paragraphs know their text

    notes = {}
    for part in document.part.package.iter_parts():
        if str(part.partname) in _NOTE_PARTS:
            for note in _NOTES(parse_xml(part.blob)):
                text = " ".join(_text_of(p) for p in _paragraphs_in(note)).strip()
                number = numbers.get((etree.QName(note).localname, note.get(_W + "id")))
                if text and number:
                    notes[number] = f"[{number}] {text}"
    return [notes[number] for number in sorted(notes)]


def _read_headers_and_footers(document) -> list[str]:
    """Each distinct line of the headers and footers of every section, page numbers left out (a page number
    is a field, whose text python-docx does not give: every text node of the line is read here)."""
    seen: dict[str, None] = {}
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            if not part.is_linked_to_previous:
                lines = (normalise_text("".join(p.itertext(_W + "t", _W + "tab"))) for p in part._element.iter(_W + "p"))
                seen.update(dict.fromkeys(line for line in lines if line and not is_page_number(line)))
    return list(seen)


def _number_note_references(body) -> dict[tuple[str, str], int]:
    """Number the note references in the order they appear, and give each its number as text, `[n]`, so that
    the paragraph shows where it stands: {(footnote or endnote, id): n}."""
    numbers = {}
    for number, reference in enumerate(_NOTE_REFERENCES(body), start=1):
        kind = etree.QName(reference).localname.removesuffix("Reference")
        numbers[kind, reference.get(_W + "id")] = number
        marker = etree.SubElement(reference.getparent(), _W + "t")
        marker.text = f"[{number}]"
        reference.addprevious(marker)
    return numbers


def _paragraphs_in(element):
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, None) for p in element.iter(_W + "p")]


def _text_of(paragraph) -> str:
    return " ".join(normalise_text(paragraph.text).split("\n")).strip()


def _mark_word_heading(paragraph) -> str:
    text = normalise_text(paragraph.text)
    try:
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
    except (KeyError, AttributeError):  # a style the file names but does not define
        style = ""
    if text and style.startswith(("heading", "标题")) and style[-1:].isdigit():
        return HEADING_MARKS["section" if style[-1] == "1" else "subsection"] + " ".join(text.split("\n"))
    return text
