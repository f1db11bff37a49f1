"""MkDocs hook: the only module that imports MkDocs. It runs the pipeline on seeds/ and adds the pages."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

# MkDocs loads a hook by file path, so the project root is not importable until we add it.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from scripts.convert.archive import Archive, build_archive
from scripts.convert.rules import load_rules
from scripts.search.index import build_search_index
from scripts.site import page_cache
from scripts.site.common import source_uri, theme_uri
from scripts.site.pages import generate_pages

log = get_plugin_logger("archive")
THEMES_NAV_ENTRY = "themes/index.md"
_LATER_THEME_PAGE = re.compile(r"themes/.+-\d+\.md")
_current: dict[str, Archive] = {}  # the archive of the build in progress, for the later events


def on_config(config):
    """List every theme page under 主题 in the navigation (the taxonomy is small; reports never enter the nav)."""
    taxonomy = load_rules().themes
    theme_entries = [THEMES_NAV_ENTRY] + [{theme["name"]: theme_uri(theme["slug"])} for theme in taxonomy]
    for entry in config.nav or []:
        for title, target in entry.items() if isinstance(entry, dict) else ():
            if target == THEMES_NAV_ENTRY:
                entry[title] = theme_entries
    return config


def on_files(files: Files, config) -> Files:
    rules = load_rules()  # read on every build, so edited rules take effect under `mkdocs serve`
    archive = build_archive(find_seeds_dir(config), rules)
    _current["archive"] = archive
    for problem in archive.problems:
        log.warning(f"{problem.source}: {problem.reason}")
    for dropped, kept in archive.duplicates:
        log.info(f"{dropped}: same report as {kept}, listed once")
    for src_uri, markdown in generate_pages(archive, rules.themes).items():
        inclusion = InclusionLevel.UNDEFINED if in_navigation(src_uri) else InclusionLevel.NOT_IN_NAV
        _replace(files, File.generated(config, src_uri, content=markdown, inclusion=inclusion))
    for source, path in archive.sources.items():
        _replace(files, File.generated(config, source_uri(source), abs_src_path=str(path)))
    return files


def on_post_build(config) -> None:
    """Write the phrase-search index (search-index/ in the site) from the same archive as the pages."""
    if archive := _current.get("archive"):
        build_search_index(archive.reports, Path(config.site_dir), config.use_directory_urls)


def on_serve(server, config, builder):
    """The preview server follows the seeds folder also when ARCHIVE_SEEDS names another one than seeds/."""
    if (seeds := find_seeds_dir(config)).is_dir():
        server.watch(str(seeds))
    return server


def on_pre_build(config) -> None:
    page_cache.start_build(config)


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Under `mkdocs serve`, pages that did not change are not converted again (see page_cache)."""
    return page_cache.skip_if_unchanged(markdown, page)


def on_page_content(html: str, page, config, files) -> str:
    return page_cache.reuse_if_unchanged(html, page)


def in_navigation(src_uri: str) -> bool:
    """Reports and the later pages of a theme are reached from the browse and theme pages, not the nav."""
    return not (src_uri.startswith("reports/") or _LATER_THEME_PAGE.fullmatch(src_uri))


def _replace(files: Files, file: File) -> None:
    """Add a generated file; it takes the place of a hand-written file at the same path."""
    if existing := files.get_file_from_path(file.src_uri):
        files.remove(existing)
    files.append(file)


def find_seeds_dir(config) -> Path:
    """seeds/ beside mkdocs.yml, or the folder named by ARCHIVE_SEEDS (tests build other folders)."""
    return Path(os.environ.get("ARCHIVE_SEEDS") or Path(config.config_file_path).parent / "seeds")
