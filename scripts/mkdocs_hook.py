"""MkDocs hook: the only module that imports MkDocs. It runs the pipeline on seeds/ and adds the pages."""
from __future__ import annotations

import os
import sys
from pathlib import Path

# MkDocs loads a hook by file path, so the project root is not importable until we add it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.structure.files import File, Files, InclusionLevel

from scripts.archive import build_archive
from scripts.render import render_markdown


def on_files(files: Files, config) -> Files:
    seeds_dir = find_seeds_dir(config)
    archive = build_archive(seeds_dir)
    for report in archive.reports:
        files.append(File.generated(config, f"reports/{report.slug}.md", content=render_markdown(report),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def find_seeds_dir(config) -> Path:
    """seeds/ beside mkdocs.yml, or the folder named by ARCHIVE_SEEDS (tests build other folders)."""
    return Path(os.environ.get("ARCHIVE_SEEDS") or Path(config.config_file_path).parent / "seeds")
