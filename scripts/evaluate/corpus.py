"""The labelled corpus: real report texts (tests/corpus/texts/<id>.txt) and their hand-made labels
(tests/corpus/labels/<id>.yml: source, kind, title, level, year, doc_type, organization, noise)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "corpus"
FIELDS = ("title", "level", "year", "doc_type", "organization")


@dataclass(frozen=True)
class Sample:
    id: str
    name: str  # the file name a user would drop in
    data: bytes
    label: dict


class CorpusError(ValueError):
    """A label file is missing or broken: the message names it."""


def load_corpus(corpus_dir: Path = CORPUS_DIR) -> tuple[list[Sample], list[str]]:
    """The labelled samples, and the texts that have no label yet."""
    samples, unlabelled = [], []
    for text in sorted((corpus_dir / "texts").iterdir()):
        if text.name.startswith("."):
            continue
        label_path = corpus_dir / "labels" / f"{text.stem}.yml"
        if label_path.is_file():
            samples.append(Sample(text.stem, text.name, text.read_bytes(), read_label(label_path)))
        else:
            unlabelled.append(text.name)
    return samples, unlabelled


def read_label(path: Path) -> dict:
    try:
        label = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise CorpusError(f"{path.name}: {error}") from None
    missing = [field for field in ("source", *FIELDS) if not isinstance(label, dict) or field not in label]
    if missing:
        raise CorpusError(f"{path.name}: missing {', '.join(missing)}")
    label["noise"] = [str(item) for item in label.get("noise") or []]
    return label
