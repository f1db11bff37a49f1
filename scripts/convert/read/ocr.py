"""Text from the image of a scanned page: tesseract with its Simplified Chinese model, where installed."""
from __future__ import annotations

import io

from scripts.convert.read.decode import DecodeError
from scripts.convert.read.external import find_program, run_converter

DPI = 300  # tesseract reads Chinese best at 300 dpi
LANGUAGES = "chi_sim+eng"
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-chi-sim"
TIMEOUT_SECONDS = 120  # per page


def find_ocr_problem() -> str | None:
    """Why pages cannot be read by OCR here (the fix in the wording), or None when they can."""
    tesseract = find_program("tesseract")
    if tesseract is None:
        return f"未安装文字识别程序 tesseract（{INSTALL}）/ OCR needs tesseract: {INSTALL}"
    languages = run_converter([tesseract, "--list-langs"]).decode("utf-8", errors="replace").split()
    if "chi_sim" not in languages:
        return f"tesseract 缺少简体中文模型 chi_sim（{INSTALL}）/ tesseract lacks chi_sim: {INSTALL}"
    return None


def read_page_image(page) -> str:
    """The text tesseract reads on one page of a pypdfium2 document."""
    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    png = io.BytesIO()
    image.save(png, "PNG")
    tesseract = find_program("tesseract")
    if tesseract is None:
        raise DecodeError(find_ocr_problem())
    args = [tesseract, "stdin", "stdout", "-l", LANGUAGES, "--dpi", str(DPI), "-c", "preserve_interword_spaces=1"]
    return run_converter(args, input=png.getvalue(), timeout=TIMEOUT_SECONDS).decode("utf-8", errors="replace")
