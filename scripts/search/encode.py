"""Compact posting lists and the script files that carry the search index (readable from file:// too).

A posting list is a sorted list of paragraph ids, written as comma-separated segments (one per range
of paragraphs indexed together), each one of:
  "v" + base36(first id) + ":" + base64(varint gaps)   sparse
  "b" + base36(first id) + ":" + base64(bitmap)        dense
docs/assets/search-shared.js decodes both.
"""
from __future__ import annotations

import base64
import json
import operator
from collections import deque
from itertools import repeat
from pathlib import Path


def encode_postings(ids: list[int]) -> str:
    """One segment for a sorted, non-empty list of ids."""
    span = ids[-1] - ids[0] + 1
    if span // 8 < len(ids):
        return "b" + _base36(ids[0]) + ":" + _b64(_bitmap(ids, span))
    return "v" + _base36(ids[0]) + ":" + _b64(_varints(ids))


def shift_segment(segment: str, by: int) -> str:
    """A segment of ids numbered from 0, with each id `by` more (only its first id is written as such)."""
    colon = segment.index(":")
    return segment[0] + _base36(int(segment[1:colon], 36) + by) + segment[colon:]


def decode_postings(text: str) -> list[int]:
    """The inverse of encode_postings, for a list of segments joined by commas (the browser has its own)."""
    ids: list[int] = []
    for segment in text.split(","):
        first, data = segment[1:].split(":")
        decode = _decode_bitmap if segment[0] == "b" else _decode_varints
        ids += decode(int(first, 36), base64.b64decode(data))
    return ids


def _decode_bitmap(first: int, bits: bytes) -> list[int]:
    return [first + i for i in range(len(bits) * 8) if bits[i >> 3] >> (i & 7) & 1]


def _decode_varints(first: int, data: bytes) -> list[int]:
    ids, value, shift = [first], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            ids.append(ids[-1] + value)
            value, shift = 0, 0
    return ids


def _varint(number: int) -> bytes:
    out = bytearray()
    while number >= 0x80:
        out.append(number & 0x7F | 0x80)
        number >>= 7
    out.append(number)
    return bytes(out)


_SMALL_VARINTS = [_varint(n) for n in range(1 << 14)]  # every gap of one or two bytes, ready-made


def _varints(ids: list[int]) -> bytes:
    gaps = list(map(operator.sub, ids[1:], ids))
    if not gaps or max(gaps) < 0x80:
        return bytes(gaps)
    if max(gaps) < 1 << 14:
        return b"".join(map(_SMALL_VARINTS.__getitem__, gaps))
    return b"".join(map(_varint, gaps))


def _bitmap(ids: list[int], span: int) -> bytes:
    """Bit i (little-endian) is set when ids holds first + i: built as a binary numeral, in C loops."""
    digits = bytearray(b"0") * span
    deque(map(digits.__setitem__, map(ids[0].__rsub__, ids), repeat(ord("1"))), maxlen=0)
    return int(digits[::-1], 2).to_bytes((span + 7) // 8, "little")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def write_script(index_dir: Path, name: str, data) -> int:
    """Write `SearchIndex.loaded(name, data)` to <index_dir>/<name>.js; returns the bytes written."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    payload = f"SearchIndex.loaded({json.dumps(name)},{body});\n".encode("utf-8")
    path = index_dir / f"{name}.js"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    return len(payload)
