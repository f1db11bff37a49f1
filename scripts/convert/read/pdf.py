"""A PDF -> text: each page's text layer in reading order (pypdfium2), page furniture removed, scans OCR'd.

Lines keep the breaks of the page layout; the pipeline's rejoin stage puts paragraphs back together.
A page without a text layer is read by OCR where tesseract is installed; without it, a PDF with no text
at all is a problem that says what to install, and one with some scanned pages gives a warning.
"""
from __future__ import annotations

from dataclasses import dataclass

from scripts.convert.model import Change
from scripts.convert.read.decode import DecodeError, clean_characters, normalise_text
from scripts.convert.read.ocr import find_ocr_problem, read_page_image
from scripts.convert.read.page_furniture import strip_page_furniture

MIN_PAGE_CHARS = 10  # a page with fewer characters in its text layer is a scan (or blank)
SCANNED = "扫描件，没有文字层"


@dataclass(frozen=True)
class PdfText:
    text: str
    changes: tuple[Change, ...]
    warnings: tuple[str, ...] = ()
    ocr: bool = False  # some page was read by OCR


def read_pdf(data: bytes) -> PdfText:
    """The text of a PDF; a DecodeError for a broken, locked or scanned PDF that cannot be read."""
    document = _open(data)
    try:
        pages = [_read_text_layer(page) for page in document]
        scanned = [number for number, text in enumerate(pages) if _is_scanned(text, document[number])]
        pages, warnings = _read_scanned_pages(document, pages, scanned)
    finally:
        document.close()
    text, changes = strip_page_furniture(pages)
    text, character_changes = clean_characters(text)
    return PdfText(normalise_text(text), (*character_changes, *changes), warnings, ocr=bool(scanned) and not warnings)


def _open(data: bytes):
    import pypdfium2  # imported here: only PDF sources need it

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise DecodeError("PDF 有密码保护，请先去掉密码 / the PDF is password-protected") from None
        raise DecodeError(f"无法读取这个 PDF 文件 / cannot read this PDF: {error}") from None


def _read_text_layer(page) -> str:
    textpage = page.get_textpage()
    try:
        return normalise_text(textpage.get_text_bounded())
    finally:
        textpage.close()


def _is_scanned(text: str, page) -> bool:
    """Next to no text, and an image: a blank page is no scan."""
    import pypdfium2.raw

    if len("".join(text.split())) >= MIN_PAGE_CHARS:
        return False
    return next(page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2), None) is not None


def _read_scanned_pages(document, pages: list[str], scanned: list[int]) -> tuple[list[str], tuple[str, ...]]:
    """The pages with the scanned ones read by OCR; or, without OCR, a warning (a problem if all are scans)."""
    if not scanned:
        return pages, ()
    if problem := find_ocr_problem():
        if len(scanned) == len(pages):
            raise DecodeError(f"{SCANNED}，无法提取文字。{problem}")
        listed = "、".join(str(number + 1) for number in scanned)
        return pages, (f"第 {listed} 页是{SCANNED}，这些页的文字未收录。{problem}",)
    ocr_text = {number: normalise_text(read_page_image(document[number])) for number in scanned}
    return [ocr_text.get(number, text) for number, text in enumerate(pages)], ()
