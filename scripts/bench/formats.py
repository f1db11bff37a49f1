"""Reading speed by format: `python -m scripts.bench --formats` prints pages per second for PDF and .doc.

The documents are made here from the seed reports: a .docx per seed (python-docx, Chinese fonts, a page
number in the footer), turned into PDF and Word 97-2003 by LibreOffice headless. Each file is then read
as a source (read_source, the pipeline's first stage), as `mkdocs build` reads it; a scanned page is timed
through OCR where tesseract is installed.
"""
from __future__ import annotations

import re
import statistics
import tempfile
import time
from pathlib import Path

from scripts.convert.read.external import find_program, run_converter
from scripts.convert.read.sources import read_source

ROOT = Path(__file__).resolve().parents[2]
FOOTERS = {"dashes": ("— ", " —"), "hyphens": ("-", "-"), "of-pages": ("第", "页 共{pages}页")}
_SECTION = re.compile(r"^[一二三四五六七八九十]+、.{2,40}$")


def make_report_docx(path: Path, title: str, paragraphs: list[str], footer: str = "dashes", header: str = "",
                     columns: int = 1) -> Path:
    """A report as Word writes it: a title, `一、` lines as Heading 1, a page number field in the footer."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    for style in ("Normal", "Title", "Heading 1"):  # one font for every character: quotes are no Latin run
        fonts = document.styles[style].element.get_or_add_rPr().get_or_add_rFonts()
        for script in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(script), "Noto Serif CJK SC" if style == "Normal" else "Noto Sans CJK SC")
            fonts.attrib.pop(qn(f"{script}Theme"), None)  # a theme font would win over the one named
    document.styles["Normal"].font.size = Pt(12)
    section = document.sections[0]
    _add_page_number(section.footer.paragraphs[0], footer)
    section.header.paragraphs[0].text = header
    if columns > 1:
        section._sectPr.append(_element("w:cols", {"w:num": str(columns), "w:space": "425"}))
    document.add_paragraph(title, style="Title")
    for text in paragraphs:
        if _SECTION.match(text):
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text).paragraph_format.first_line_indent = Pt(24)
    document.save(path)
    return path


def convert_with_office(files: list[Path], target: str, out: Path) -> list[Path]:
    """The files converted to `target` (pdf, doc) by one LibreOffice start, in `out`."""
    office = find_program("soffice", "libreoffice")
    if office is None:
        raise RuntimeError("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="office-profile-") as profile:
        run_converter([office, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                       "--convert-to", target, "--outdir", str(out), *map(str, files)], timeout=600)
    return [out / f"{file.stem}.{target.split(':')[0]}" for file in files]


def make_scan(pdf: Path, out: Path, pages: int = 1) -> Path:
    """An image-only PDF of the first pages of a PDF, at 200 dpi: what a scanner gives."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = [document[number].render(scale=200 / 72, grayscale=True).to_pil() for number in range(pages)]
    images[0].save(out, save_all=True, append_images=images[1:], resolution=200)
    document.close()
    return out


def count_pages(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def seed_reports(seeds: Path = ROOT / "seeds") -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of each seed report: its first line, then every other non-empty line."""
    reports = []
    for path in sorted(seeds.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        reports.append((lines[0], lines[1:]))
    return reports


def time_formats(work: Path, runs: int = 3) -> list[dict]:
    """Pages per second and seconds per file for reading PDF, .doc and scanned PDF sources."""
    docx_files = [make_report_docx(work / f"report-{number}.docx", title, paragraphs, footer)
                  for number, ((title, paragraphs), footer) in enumerate(zip(seed_reports(), _cycle(FOOTERS)))]
    pdfs = convert_with_office(docx_files, "pdf", work)
    pages = [count_pages(pdf) for pdf in pdfs]
    rows = [_time_reading("PDF", pdfs, pages, runs), _time_reading("Word 97-2003 (.doc)",
                                                                   convert_with_office(docx_files, "doc", work), pages, 1)]
    if find_program("tesseract"):
        rows.append(_time_reading("扫描 PDF（OCR）", [make_scan(pdfs[0], work / "scan.pdf")], [1], 1))
    return rows


def _time_reading(label: str, files: list[Path], pages: list[int], runs: int) -> dict:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        for file in files:
            source = read_source(file.name, file.read_bytes())
            assert not hasattr(source, "reason"), source
        seconds.append(time.perf_counter() - start)
    total = statistics.median(seconds)
    return {"format": label, "files": len(files), "pages": sum(pages), "seconds": total,
            "pages_per_second": sum(pages) / total, "seconds_per_file": total / len(files)}


def print_formats(rows: list[dict]) -> None:
    print("\n## 读取速度（read_source，中位数）")
    print("| 格式 | 文件 | 页 | 秒 | 页/秒 | 秒/文件 | 1,000 个文件约需 |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for row in rows:
        thousand = row["seconds_per_file"] * 1000
        print(f"| {row['format']} | {row['files']} | {row['pages']} | {row['seconds']:.2f} | "
              f"{row['pages_per_second']:.1f} | {row['seconds_per_file']:.2f} | {thousand / 60:.1f} 分钟 |")


def _element(tag: str, attributes: dict[str, str]):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    return element


def _add_page_number(paragraph, footer: str) -> None:
    """`— {PAGE} —`, `-{PAGE}-` or `第{PAGE}页 共{NUMPAGES}页` as Word fields, centred."""
    before, after = FOOTERS[footer]
    paragraph.alignment = 1
    paragraph.add_run(before)
    paragraph._p.append(_field("PAGE"))
    for text, field in re.findall(r"([^{]*)(?:\{(\w+)\})?", after):
        if text:
            paragraph.add_run(text)
        if field:
            paragraph._p.append(_field("NUMPAGES"))


def _field(code: str):
    field = _element("w:fldSimple", {"w:instr": code})
    run = _element("w:r", {})
    text = _element("w:t", {})
    text.text = "1"
    run.append(text)
    field.append(run)
    return field


def _cycle(mapping: dict) -> list[str]:
    keys = list(mapping)
    return [keys[number % len(keys)] for number in range(100)]
