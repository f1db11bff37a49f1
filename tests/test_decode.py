"""decode: encoding detection measured on a table of short and long Chinese texts, and normalisation."""
from __future__ import annotations

from pathlib import Path

import opencc
import pytest
import yaml
from charset_normalizer import from_bytes
from conftest import SEEDS

from scripts.convert.read.decode import (
    DecodeError,
    decode,
    guess_encoding,
    normalise_text,
)

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "decode.yml").read_text(encoding="utf-8"))["texts"]
TO_TRADITIONAL = opencc.OpenCC("s2tw").convert  # Taiwan forms: what a Big5 file holds
ENCODINGS = {  # name -> how a file in it is written
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "gb18030": lambda text: text.encode("gb18030"),
    "gbk": lambda text: text.encode("gbk"),
    "big5": lambda text: TO_TRADITIONAL(text).encode("big5"),
    "utf-16-le with BOM": lambda text: text.encode("utf-16"),
    "utf-16-be with BOM": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "utf-16-le with a newline, no BOM": lambda text: (text + "\r\n").encode("utf-16-le"),
    "utf-16-be with a newline, no BOM": lambda text: (text + "\n").encode("utf-16-be"),
}


def _expected(text: str, encoding: str) -> str:
    text = TO_TRADITIONAL(text) if encoding == "big5" else text
    return normalise_text(text + "\n" if "newline" in encoding else text)


def _table():
    for case in CASES:
        for encoding in ENCODINGS:
            reason = (case.get("known_failures") or {}).get(encoding)
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            yield pytest.param(case["text"], encoding, id=f"{case['label']}-{encoding}", marks=marks)


@pytest.mark.parametrize("text, encoding", _table())
def test_each_text_decodes_back_from_each_encoding(text, encoding):
    assert decode(ENCODINGS[encoding](text)).text == _expected(text, encoding)


def test_detection_beats_a_generic_detector_on_this_table():
    """Why decode has its own GB/Big5 step: charset-normalizer alone mistakes short GBK text for Big5."""
    ours = generic = 0
    for case in CASES:
        for encoding, write in ENCODINGS.items():
            data, expected = write(case["text"]), _expected(case["text"], encoding)
            ours += decode(data).text == expected
            best = from_bytes(data).best()
            generic += best is not None and normalise_text(str(best)) == expected
    total = len(CASES) * len(ENCODINGS)
    assert ours >= total - 2 and ours > generic, (ours, generic, total)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16-le with BOM", "utf-16-be with BOM", "utf-8 with BOM"])
@pytest.mark.parametrize("seed", sorted(SEEDS.iterdir()), ids=lambda path: path.name[:3])
def test_every_seed_reads_the_same_in_other_encodings(seed, encoding):
    text = seed.read_text(encoding="utf-8")
    assert decode(ENCODINGS[encoding](text)).text == decode(seed.read_bytes()).text


def test_a_seed_converted_to_big5_reads_back():
    text = TO_TRADITIONAL(SEEDS.joinpath("001_0b808da05fd04239.txt").read_text(encoding="utf-8"))
    data = text.encode("big5", errors="replace")  # the few characters Big5 lacks become "?"
    assert guess_encoding(data) == "big5"
    assert "縣政府辦公室" in decode(data).text


@pytest.mark.parametrize("raw, expected", [
    ("一、总体情况\r\n全年完成\r任务", "一、总体情况\n全年完成\n任务"),
    ("\u3000\u3000今年以来，县政府办公室\u3000\u3000按照要求", "今年以来，县政府办公室 按照要求"),
    ("市\u00a0\u00a0委\t办公室  ", "市 委 办公室"),
    ("党\u200b建\u200c工\u200d作\ufeff", "党建工作"),
    ("（一）主要做法：坚持“三个一”；完成。", "（一）主要做法：坚持“三个一”；完成。"),
    ("ＧＤＰ增长６％，（１）项", "ＧＤＰ增长６％，（１）项"),
    ("cafe\u0301", "caf\u00e9"),
    ("正文\x07\x1b内容", "正文内容"),
])
def test_normalise_text_keeps_full_width_and_cleans_whitespace(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,
    b"\x80\xff\xfe\x80" * 50,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
], ids=["all bytes", "invalid in every encoding", "png"])
def test_binary_data_is_not_text(data):
    with pytest.raises(DecodeError):
        decode(data)
