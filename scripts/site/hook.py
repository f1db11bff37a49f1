"""MkDocs hook: the only module that imports MkDocs. It runs the pipeline on seeds/ and adds the pages."""
from __future__ import annotations

import functools
import logging
import re
import signal
import sys
import time
from pathlib import Path

# MkDocs loads a hook by file path, so the project root is not importable until we add it.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from jinja2 import ChoiceLoader, DictLoader
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from scripts.convert.archive import build_archive
from scripts.convert.progress import StageProgress, counting
from scripts.convert.rules import load_rules
from scripts.convert.store import open_store
from scripts.search.fingerprints import INDEX_DIR as DRAFT_INDEX_DIR
from scripts.search.kept import build_or_reuse
from scripts.site import page_cache
from scripts.site.background import BackgroundWriter, ForkedWriter, hold, put_back
from scripts.site.common import DEFERRED_MARK, source_uri, theme_uri
from scripts.site.page_store import (
    STORED_TEMPLATE,
    STORED_TEMPLATE_SOURCE,
    StoredPages,
    content_digest,
    page_key,
    site_key,
)
from scripts.site.last_site import LastSite, write_manifest
from scripts.site.pages import generate_pages
from scripts.site.report import ReportView
from scripts.site.settings import find_cache_dir, find_jobs, find_seeds_dir, heading_slugify, shares_partials
from scripts.site.shared_partials import SharedPartials, with_theme_prefix
from scripts.site.text_reuse import write_text_reuse_data
from scripts.site.writing_tools import write_tool_data

log = get_plugin_logger("archive")
THEMES_NAV_ENTRY = "themes/index.md"
_LATER_THEME_PAGE = re.compile(r"themes/.+-\d+\.md")
_OUTLINE_PAGE = re.compile(r"outlines/(?!index\.md$).+\.md")  # a document type's outlines, linked from outlines/
_current: dict = {}  # the build in progress (its archive, store, pages and progress lines), for the later events


class ReportPage(Page):
    """A report's page, made straight into HTML (scripts/site/report.py): Python-Markdown never reads it.
    Its HTML is made just before its template renders and let go right after, so that a large archive's
    pages are not all held in memory at once; its anchors are known from the start, and its table of contents
    is made when a template first asks for it (a page written from the store never does)."""

    _toc = None

    def __init__(self, file: File, config, view: ReportView):
        self.view = view
        super().__init__(None, file, config)

    @property
    def toc(self):
        if self._toc is None:
            headings = self.view.headings()
            self._toc = get_toc(nest_toc_tokens([_toc_token(h.level, h.anchor, h.html) for h in headings]))
        return self._toc

    @toc.setter
    def toc(self, value) -> None:
        self._toc = value or None  # Page.__init__ sets an empty one

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", self.view.meta()

    def render(self, config, files) -> None:
        self.present_anchor_ids = self.view.anchor_ids()
        self.links_to_anchors = {}  # its links are written as they read in the built site
        self.content = ""


def on_config(config):
    """List every theme page under 主题 in the navigation (the taxonomy is small; reports never enter the nav)."""
    taxonomy = load_rules().themes
    theme_entries = [THEMES_NAV_ENTRY] + [{theme["name"]: theme_uri(theme["slug"])} for theme in taxonomy]
    for entry in config.nav or []:
        for title, target in entry.items() if isinstance(entry, dict) else ():
            if target == THEMES_NAV_ENTRY:
                entry[title] = theme_entries
    return config


def on_startup(command: str, dirty: bool) -> None:
    _current.update(serving=command == "serve", dirty=dirty)
    if command == "serve":  # stopped by a service manager or `kill`: as on Ctrl-C, so that on_shutdown runs
        signal.signal(signal.SIGTERM, _stop_as_on_ctrl_c)


def on_pre_build(config) -> None:
    if writer := _current.pop("search_data", None):
        writer.cancel()  # the preview was rebuilt before that build's search data was written: it never will be
        _current.setdefault("search_names", set()).update(writer.placed)
    if _current.get("serving"):  # the last search data serves until this build's is written
        hold(Path(config.site_dir), _current.get("search_names", ()))
    if not _current.get("dirty"):  # a dirty build keeps the files it does not write again
        _current["last_site"] = LastSite(Path(config.site_dir))


def on_files(files: Files, config) -> Files:
    rules = load_rules()  # read on every build, so edited rules take effect under `mkdocs serve`
    store = open_store(find_cache_dir(config))
    _current.update(started=time.time(), store=store, pages=StoredPages(store))
    page_cache.start_build(config, store, _current["started"])
    archive = build_archive(find_seeds_dir(config), rules, _counting("转换 / converting"), store, find_jobs())
    _log_store_warnings()
    for problem in archive.problems:
        log.warning(f"{problem.source}: {problem.reason}")
    for dropped, kept in archive.duplicates:
        log.info(f"{dropped}: same report as {kept}, listed once")
    if not _current.get("serving"):  # written by other processes meanwhile; the preview writes it after the pages
        _current["search_processes"] = [ForkedWriter(Path(config.site_dir), write)
                                        for write in _search_data_writers(archive, config)]
    pages = generate_pages(archive, rules.themes, heading_slugify(config))
    for src_uri, markdown in pages.markdown.items():
        inclusion = InclusionLevel.UNDEFINED if in_navigation(src_uri) else InclusionLevel.NOT_IN_NAV
        _replace(files, File.generated(config, src_uri, content=markdown, inclusion=inclusion))
    for src_uri, view in pages.reports.items():
        file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        ReportPage(file, config, view)
        _replace(files, file)
    for source, path in archive.sources.items():
        _replace(files, File.generated(config, source_uri(source), abs_src_path=str(path)))
    pages_total = len(files.documentation_pages())
    _current.update(archive=archive, deferred=pages.deferred,
                    read=_stage("页面 / reading pages", pages_total),
                    written=_stage("写出页面 / writing pages", pages_total))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Pages that did not change since an earlier build are not converted again (see page_cache)."""
    return markdown if isinstance(page, ReportPage) else page_cache.skip_if_unchanged(markdown, page)


def on_page_content(html: str, page, config, files) -> str:
    """A page whose Markdown leaves sections to be made later lists them in its table of contents now."""
    _advance("read")
    if isinstance(page, ReportPage):
        return html
    html = page_cache.reuse_if_unchanged(html, page)
    if sections := _current["deferred"].get(page.file.src_uri):
        page.toc = _toc_with(page.toc, sections.headings())
        page.present_anchor_ids = (page.present_anchor_ids or set()) | {h.anchor for h in sections.headings()}
    return html


def on_nav(nav, config, files):
    _current["nav"] = nav
    return nav


def on_env(env, config, files):
    """Before any page is written: the navigation is shared by the pages outside it (shared_partials), those
    whose output is stored (page_store) get a template that writes it, and of those, the ones that the last
    build wrote into this site folder are taken back from it (last_site)."""
    env.auto_reload = False  # templates do not change within a build (each build has its own environment)
    loader = with_theme_prefix(env.loader, config.theme.dirs, config.theme.custom_dir)
    env.loader = ChoiceLoader([DictLoader({STORED_TEMPLATE: STORED_TEMPLATE_SOURCE}), loader])
    nav_pages = {page.file.src_uri for page in _current["nav"].pages}
    env.globals["shared_partial"] = SharedPartials(nav_pages, shares_partials())
    site = site_key(Path(config.config_file_path), config.theme.dirs, _current["nav"].items)
    pages = {file.src_uri: file.page for file in files.documentation_pages() if file.page}
    keys = {uri: page_key(site, page, _content_digest(page), toc_in_content=isinstance(page, ReportPage))
            for uri, page in pages.items()}
    stored = _current["pages"].find(keys)
    for uri in stored:
        pages[uri].meta.setdefault("template", STORED_TEMPLATE)
    dests = {uri: page.file.dest_uri for uri, page in pages.items()}
    taken = set()
    if last_site := _current.get("last_site"):  # a stored page whose last file is that output: that file
        uris = {dests[uri]: uri for uri in stored}
        taken = {uris[dest] for dest in last_site.take({dests[uri]: keys[uri] for uri in stored})}
        last_site.discard()
    _TAKEN_BACK.uris = taken
    logging.getLogger("mkdocs.commands.build").addFilter(_TAKEN_BACK)
    _current.update(keys=keys, dests=dests, stored=stored, taken=taken, env=env)
    return env


def on_page_context(context, page, config, nav):
    """The HTML left to be made when the page is written: a report's page, a theme page's sections; or the
    whole page, stored (when it is missing after all, the stored-page template renders it as usual)."""
    uri = page.file.src_uri
    if uri in _current["taken"]:
        page.archive_output = ""  # in place already: nothing to write (on_post_page)
        return context
    if uri in _current["stored"]:
        page.archive_output = _current["pages"].output(_current["keys"][uri])
        if page.archive_output is not None:
            return context
        _current["stored"].discard(uri)
    if isinstance(page, ReportPage):
        page.content = page.view.html()
    elif sections := _current["deferred"].get(uri):
        page.content = page.content.replace(DEFERRED_MARK, sections.html())
    if page.meta.get("template") == STORED_TEMPLATE:  # gone missing since it was found: render it here
        del page.meta["template"]  # as it was: the templates read page.meta
        page.archive_output = _current["env"].get_template("main.html").render(context)
    return context


def on_post_page(output: str, page, config) -> str:
    uri = page.file.src_uri
    if uri in _current["taken"]:
        _advance("written")
        return ""  # MkDocs writes no empty page
    if uri not in _current["stored"] and uri in _current["keys"]:
        _current["pages"].keep(_current["keys"][uri], uri, output)
    if isinstance(page, ReportPage) or uri in _current["deferred"] or uri in _current["stored"]:
        page.content, page.archive_output = "", None  # written once this returns: let it go
    _advance("written")
    return output


def on_post_build(config) -> None:
    """Keep the pages written (and list them for the next build), and see the search data (the phrase-search and
    draft-check indexes, the tools' data) written from the same archive as the pages: by then by other
    processes, or under `mkdocs serve` in the background from now on (background.py)."""
    for stage in ("read", "written"):
        if progress := _current.pop(stage, None):
            progress.finish()
    _current.pop("pages").finish(_current["started"])
    page_cache.finish_build()
    _close_store()
    write_manifest(Path(config.site_dir), {_current["dests"][uri]: key for uri, key in _current["keys"].items()})
    if last_site := _current.pop("last_site", None):
        last_site.join()
    archive = _current.pop("archive", None)
    if processes := _current.pop("search_processes", None):
        for process in processes:
            process.join()
    elif archive and _current.get("serving"):  # the preview shows the pages first; search catches up a moment later
        put_back(Path(config.site_dir))
        writes = _search_data_writers(archive, config, workers=1)  # one after the other: a core for the next build
        _current["search_data"] = BackgroundWriter(Path(config.site_dir),
                                                   lambda folder: [write(folder) for write in writes])


def on_shutdown() -> None:
    if writer := _current.pop("search_data", None):
        writer.cancel()
        writer.join()  # its folder is gone before MkDocs deletes the site


def on_build_error(error) -> None:
    if "store" in _current:
        _close_store()
    if last_site := _current.pop("last_site", None):
        last_site.join()
    for process in _current.pop("search_processes", ()):
        process.stop()


def on_serve(server, config, builder):
    """The preview server follows the seeds folder also when ARCHIVE_SEEDS names another one than seeds/."""
    if (seeds := find_seeds_dir(config)).is_dir():
        server.watch(str(seeds))
    return server


def _stop_as_on_ctrl_c(signum, frame):
    raise KeyboardInterrupt


class _TakenBack(logging.Filter):
    """MkDocs says of every page it does not write that it was skipped; of those taken back, that is noise."""
    uris: set[str] = set()
    said = ("Page skipped: '", "'. Generated empty output.")

    def filter(self, record: logging.LogRecord) -> bool:
        message, (before, after) = str(record.msg), self.said
        return not (message.startswith(before) and message.endswith(after)
                    and message[len(before):-len(after)] in self.uris)


_TAKEN_BACK = _TakenBack()


def in_navigation(src_uri: str) -> bool:
    """Reports and the later pages of a theme are reached from the browse and theme pages, not the nav."""
    return not (src_uri.startswith("reports/") or _LATER_THEME_PAGE.fullmatch(src_uri)
                or _OUTLINE_PAGE.fullmatch(src_uri))


def _search_data_writers(archive, config, workers: int | None = None) -> list:
    """The build's search data, from the same archive as its pages, as two write(site_dir) that can run side
    by side: the phrase-search index (by `workers` processes); the draft-check index and the tools' data."""
    common = (archive, config.use_directory_urls, find_cache_dir(config))
    return [functools.partial(_write_search_index, *common, workers=workers),
            functools.partial(_write_tools_data, *common, _current["started"])]


def _write_search_index(archive, use_directory_urls: bool, cache_dir: Path, site_dir: Path,
                        workers: int | None = None) -> None:
    build_or_reuse(archive.reports, site_dir, cache_dir, use_directory_urls,
                   on_progress=_counting("检索索引 / search index"), workers=workers)


def _write_tools_data(archive, use_directory_urls: bool, cache_dir: Path, since: float, site_dir: Path) -> None:
    """The draft-check index and the data of the faceted browse, the 提法 bank and the shared passages;
    `since`: when the build started."""
    build_or_reuse(archive.reports, site_dir, cache_dir, use_directory_urls, index=DRAFT_INDEX_DIR)
    write_tool_data(archive.reports, site_dir)
    with open_store(cache_dir) as store:  # its own: a connection is not shared with a forked process
        write_text_reuse_data(archive.reports, site_dir, use_directory_urls, store, since)


def _toc_token(level: int, anchor: str, html: str) -> dict:
    return {"level": level, "id": anchor, "name": " ".join(html.split()), "html": html, "children": []}


def _toc_with(toc, headings) -> object:
    """The table of contents with more headings after its own, nested as the `toc` extension nests them."""
    def flat(items) -> list[dict]:
        return [token for item in items for token in (_toc_token(item.level, item.id, item.title), *flat(item.children))]
    return get_toc(nest_toc_tokens(flat(toc) + [_toc_token(h.level, h.anchor, h.html) for h in headings]))


def _content_digest(page) -> str:
    """What a page's content is made from: the HTML it will have, or what is left to make."""
    if isinstance(page, ReportPage):
        return page.view.digest()
    sections = _current["deferred"].get(page.file.src_uri)
    return content_digest(page.content or "", sections.digest() if sections else "")


def _close_store() -> None:
    _log_store_warnings()
    _current.pop("store").close()


def _log_store_warnings() -> None:
    if store := _current.get("store"):
        for warning in store.warnings:
            log.warning(warning)
        store.warnings.clear()


def _replace(files: Files, file: File) -> None:
    """Add a generated file; it takes the place of a hand-written file at the same path."""
    if existing := files.get_file_from_path(file.src_uri):
        files.remove(existing)
    files.append(file)


def _stage(label: str, total: int) -> StageProgress:
    return StageProgress(label, total, log.info if log.isEnabledFor(logging.INFO) else None)


def _advance(stage: str) -> None:
    if progress := _current.get(stage):
        progress.advance()


def _counting(label: str):
    return counting(label, log.info if log.isEnabledFor(logging.INFO) else None)
