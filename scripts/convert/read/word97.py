"""Word 97-2003 (.doc), WPS and RTF -> text: LibreOffice turns the file into a .docx, read like any other.

Without LibreOffice, a .doc is read by antiword (plain text: no heading styles or notes); without either,
the problem says what to install. Each conversion runs offline in a subprocess with a time limit.
"""
from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from scripts.convert.read.decode import DecodeError, decode
from scripts.convert.read.docx import read_docx
from scripts.convert.read.external import find_program, run_converter

INSTALL = "apt-get install libreoffice-writer-nogui"
MISSING = (f"读取 Word 97-2003、WPS 和 RTF 文件需要 LibreOffice（{INSTALL}）"
           f" / reading .doc, .wps and .rtf files needs LibreOffice: {INSTALL}")
_OLE = b"\xd0\xcf\x11\xe0"
# The import filter for what the first bytes say the file is: without one, LibreOffice reads a file that its
# filter cannot open as plain text, and a broken .doc would give a report of garbage.
_FILTERS = ((_OLE, "MS Word 97"), (b"{\\rtf", "Rich Text Format"))


def read_word97(data: bytes, suffix: str = ".doc") -> str:
    """The text of a .doc, .wps or .rtf file; a DecodeError when no converter can read it."""
    if office := find_program("soffice", "libreoffice"):
        return read_docx(convert_to_docx(office, data, suffix))
    if data.startswith(_OLE) and (antiword := find_program("antiword")):
        return decode(run_converter([antiword, "-m", "UTF-8.txt", "-w", "0", "-"], input=data)).text
    raise DecodeError(MISSING)


def convert_to_docx(office: str, data: bytes, suffix: str) -> bytes:
    """The same document as a .docx, converted by LibreOffice headless in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="word97-") as folder:
        source = Path(folder) / f"source{suffix}"
        source.write_bytes(data)
        out = Path(folder) / "out"
        infilter = [f"--infilter={name}" for magic, name in _FILTERS if data.startswith(magic)]
        run_converter([office, f"-env:UserInstallation={_profile().as_uri()}", "--headless", "--norestore", *infilter,
                       "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)], cwd=Path(folder))
        converted = out / "source.docx"
        if not converted.is_file():
            raise DecodeError("LibreOffice 无法打开这个文件，文件可能已损坏 / LibreOffice cannot open this file: it may be broken")
        return converted.read_bytes()


@functools.cache
def _profile() -> Path:
    """A LibreOffice profile of this process's own: a running office (the user's) is left alone, and the
    profile is made once, not per file (its first start takes seconds)."""
    folder = Path(tempfile.mkdtemp(prefix="office-profile-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
