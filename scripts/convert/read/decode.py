"""Bytes -> text: detect the encoding, then normalise line endings and odd whitespace (NFC, never NFKC).

Detection order: a byte-order mark; strict UTF-8; UTF-16 without a mark when its zero bytes give it away;
then GB18030 or Big5, chosen by how many characters fall in each standard's common range (this is what
makes 2-character texts work: a generic detector guesses Big5 for short GBK text); then, for anything
else, charset-normalizer's best guess. A file that none of them reads strictly but that is mostly text
(a few bad bytes) is read with the bad bytes replaced by U+FFFD, and the count is reported.
Invisible characters (controls, bidi and zero-width marks) are removed and HTML entities decoded, each
recorded as a change.
"""
from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from charset_normalizer import from_bytes

from scripts.convert.model import Change

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 64 * 1024  # bytes scored when choosing between GB18030 and Big5
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile(f"{_CONTROL.pattern}|{_ZERO_WIDTH.pattern}|{_BIDI.pattern}")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});|&\s(?:ldquo|rdquo|lsquo|rsquo|mdash|hellip|nbsp|amp|lt|gt|quot);")
_BINARY = "内容是二进制数据，不是文本 / binary data, not text"
_UNDECODABLE = ("无法识别文字编码（不是 UTF-8、GB18030、Big5 或 UTF-16 文本）"
                " / cannot decode: not UTF-8, GB18030, Big5 or UTF-16 text")
_SPACES = re.compile("[ \t\u00a0\u2002-\u200a\u202f\u205f\u3000]+")
_LOSSY_ENCODINGS = ("utf-8", "gb18030", "big5")
_MAX_REPLACED = 0.02  # a text read with more bad bytes than this share is in another encoding
_MIN_COMMON = 0.8  # ... and most of its characters are common ones (random bytes read as rare characters)
_MAX_NOT_TEXT = 0.3  # a "text" with more control characters or bad bytes than this share is binary data


class DecodeError(ValueError):
    """The bytes give no text: an unknown encoding, binary data or a broken file (the message says which)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    changes: tuple[Change, ...] = ()  # invisible characters removed, entities decoded
    warnings: tuple[str, ...] = ()  # bad bytes replaced


def decode(data: bytes) -> Decoded:
    """The text of a file that is mostly text; bad bytes replaced and counted, invisible characters recorded."""
    encoding = guess_encoding(data)
    if encoding:
        text, replaced = _decode_lossy(data, encoding)
    else:
        encoding, text, replaced = _decode_best_effort(data)
    if _is_binary(text):
        raise DecodeError(_BINARY)
    text, changes = clean_characters(text)
    warnings = (f"{replaced} 处无效字节已替换为 �（按 {encoding} 读取）"
                f" / {replaced} invalid bytes replaced",) if replaced else ()
    return Decoded(normalise_text(text), changes, warnings)


def clean_characters(text: str) -> tuple[str, tuple[Change, ...]]:
    """Remove invisible characters and decode HTML entities, recording both."""
    invisible = Counter(_INVISIBLE.findall(text))
    changes = []
    if invisible:
        listed = "、".join(f"U+{ord(char):04X}×{count}" for char, count in sorted(invisible.items()))
        changes.append(Change("invisible-characters", listed))
        text = _INVISIBLE.sub("", text)
    entities = Counter(_ENTITY.findall(text))
    decoded = {entity: html.unescape(entity.replace(" ", "")) for entity in entities}  # `& ldquo;` too
    changes += [Change("html-entity", entity, decoded[entity]) for entity in entities if decoded[entity] != entity]
    if entities:
        text = _ENTITY.sub(lambda match: decoded[match.group()], text)
    return text, tuple(changes)


def guess_encoding(data: bytes) -> str | None:
    """The encoding that reads these bytes strictly, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    for guess in (_guess_utf8, _guess_utf16, _guess_chinese, _guess_other):
        if encoding := guess(data):
            return encoding
    return None


def _decode_lossy(data: bytes, encoding: str) -> tuple[str, int]:
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def _decode_best_effort(data: bytes) -> tuple[str, str, int]:
    """A mostly-text file with some bad bytes: the first encoding that reads it with few replacements."""
    sample = _cut_sample(data)
    for encoding in _LOSSY_ENCODINGS:
        text, replaced = _decode_lossy(data, encoding)
        if replaced <= max(1, len(text) * _MAX_REPLACED) and _score(sample, encoding) >= _MIN_COMMON:
            return encoding, text, replaced
    if b"\x00" in data or _is_binary(data.decode("latin-1")):
        raise DecodeError(_BINARY)
    raise DecodeError(_UNDECODABLE)


def _is_binary(text: str) -> bool:
    not_text = len(_CONTROL.findall(text)) + text.count("\ufffd") + text.count("\x00")
    return not_text > len(text) * _MAX_NOT_TEXT


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _guess_utf8(data: bytes) -> str | None:
    return "utf-8" if _decodes(data, "utf-8") and b"\x00" not in data else None


def _guess_utf16(data: bytes) -> str | None:
    """Without a mark, UTF-16 shows itself by zero bytes and by reading as common characters in one byte order."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    sample = data[:_SAMPLE]
    scores = {encoding: _score(sample, encoding) for encoding in ("utf-16-le", "utf-16-be") if _decodes(data, encoding)}
    best = max(scores, key=scores.get, default=None)
    return best if best and scores[best] > 0.9 else None


def _guess_chinese(data: bytes) -> str | None:
    """GB18030 unless the same bytes read as Big5 give more common characters."""
    if b"\x00" in data or not _decodes(data, "gb18030"):
        return None
    sample = _cut_sample(data)
    if _decodes(data, "big5") and _score(sample, "big5") > _score(sample, "gb18030"):
        return "big5"
    return "gb18030"


def _guess_other(data: bytes) -> str | None:
    """Text in some other single- or double-byte encoding (UTF-16 and UTF-32 need the checks above)."""
    match = from_bytes(data[:_SAMPLE]).best()
    if match is None or match.encoding.startswith(("utf_16", "utf_32")) or match.chaos >= 0.1:
        return None
    return match.encoding if _decodes(data, match.encoding) and b"\x00" not in data else None


# Where each standard keeps its punctuation and its frequently used characters (by lead byte).
_COMMON_LEAD_BYTES = {
    "gb2312": (range(0xA1, 0xA4), range(0xB0, 0xF8)),
    "big5": (range(0xA1, 0xA3), range(0xA4, 0xC7)),
}
_STANDARD_OF = {"gb18030": "gb2312", "big5": "big5"}


def _score(data: bytes, encoding: str) -> float:
    """Share of characters that are plain ASCII text or common characters and punctuation of the standard."""
    text = data.decode(encoding, errors="ignore")
    standards = [_STANDARD_OF[encoding]] if encoding in _STANDARD_OF else list(_COMMON_LEAD_BYTES)
    common = sum(_is_plain_text(char) or any(_is_common(char, standard) for standard in standards) for char in text)
    return common / len(text) if text else 0.0


def _is_plain_text(char: str) -> bool:
    return " " <= char <= "~" or char.isspace()


def _is_common(char: str, standard: str) -> bool:
    try:
        lead = char.encode(standard)[0]
    except UnicodeEncodeError:
        return False
    return any(lead in allowed for allowed in _COMMON_LEAD_BYTES[standard])


def _cut_sample(data: bytes) -> bytes:
    """The first _SAMPLE bytes, cut at a newline so that no multi-byte character is split."""
    if len(data) <= _SAMPLE:
        return data
    cut = data.rfind(b"\n", 0, _SAMPLE)
    return data[: cut if cut > 0 else _SAMPLE]


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True
