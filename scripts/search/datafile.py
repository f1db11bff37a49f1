"""Data files of the writing tools: scripts that call `StaticData.loaded(path, data)` (docs/assets/static-data.js),
so that they load from any static server and from file:// alike, where fetch() of a local file is refused."""
from __future__ import annotations

import json
from pathlib import Path


def data_script(path: str, data) -> str:
    """The script for the data file at <site>/<path>.js."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"StaticData.loaded({json.dumps(path)},{body});\n"


def write_files(site_dir: Path, files: dict[str, str]) -> None:
    """Write {path in the site: content} under the site folder."""
    for path, content in files.items():
        target = Path(site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


def write_data_script(site_dir: Path, path: str, data) -> int:
    """Write <site>/<path>.js; returns the bytes written."""
    payload = data_script(path, data).encode("utf-8")
    target = Path(site_dir) / f"{path}.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(payload)
    return len(payload)
