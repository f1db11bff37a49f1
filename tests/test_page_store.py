"""Whole pages kept in the store: a rebuild writes them out byte for byte as a fresh build renders them,
their key changes with anything they are made from, and a stored page that went missing is rendered."""
from __future__ import annotations

import os
import sqlite3
import time
from types import SimpleNamespace

import pytest
from conftest import ROOT, SEEDS, build_site

from scripts.convert.store import STORE_NAME
from scripts.site import page_store
from scripts.site.page_store import content_digest, page_key, site_key


def site_files(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_a_rebuild_writes_stored_pages_exactly_as_rendered(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_CACHE", str(tmp_path / "cache"))
    assert build_site(SEEDS, tmp_path / "first").returncode == 0
    second_started = time.time()
    assert build_site(SEEDS, tmp_path / "second").returncode == 0
    assert site_files(tmp_path / "second") == site_files(tmp_path / "first")
    with sqlite3.connect(tmp_path / "cache" / STORE_NAME) as connection:
        pages = connection.execute("SELECT used >= ? FROM entries WHERE label LIKE 'page:reports/%'", (second_started,))
        assert [found for found, in pages] == [1] * 7  # each report page was found stored, not rendered again


def test_a_stored_page_gone_missing_is_rendered_as_usual(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("ARCHIVE_SEEDS", str(SEEDS))
    monkeypatch.setenv("ARCHIVE_CACHE", str(tmp_path / "cache"))
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "first")))
    monkeypatch.setattr(page_store.StoredPages, "output", lambda self, key: None)  # deleted since it was found
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "second")))
    assert site_files(tmp_path / "second") == site_files(tmp_path / "first")


def a_page(**changes):
    toc = [SimpleNamespace(level=1, id="p1", title="标题", children=[])]
    fields = dict(file=SimpleNamespace(src_uri="reports/a.md"), url="reports/a.html", canonical_url=None,
                  edit_url=None, title="标题", toc=toc, is_homepage=False, meta={"title": "标题"})
    return SimpleNamespace(**{**fields, **changes})


@pytest.mark.parametrize("change", [
    dict(url="reports/b.html"), dict(title="另一个标题"), dict(meta={"title": "标题", "year": 2021}),
    dict(toc=[SimpleNamespace(level=1, id="p2", title="标题", children=[])]), dict(canonical_url="https://x/"),
])
def test_a_page_key_changes_with_anything_of_the_page(change):
    assert page_key("site", a_page(**change), "content") != page_key("site", a_page(), "content")
    assert page_key("site", a_page(), "other content") != page_key("site", a_page(), "content")
    assert page_key("other site", a_page(), "content") != page_key("site", a_page(), "content")


def test_the_site_key_changes_with_the_configuration_the_templates_and_the_navigation(tmp_path):
    config, template = tmp_path / "mkdocs.yml", tmp_path / "templates" / "main.html"
    config.write_text("site_name: 文库\n", encoding="utf-8")
    template.parent.mkdir()
    edit(template, "{{ page.content }}", 1)
    nav = [SimpleNamespace(title="主题", url=None, children=[SimpleNamespace(title="党建", url="themes/a.html")])]
    key = site_key(config, [str(template.parent)], nav)
    assert site_key(config, [str(template.parent)], nav) == key
    nav[0].children[0].title = "党的建设"
    assert site_key(config, [str(template.parent)], nav) != key
    nav[0].children[0].title = "党建"
    edit(template, "{{ PAGE.CONTENT }}", 2)  # as long as before: only its time tells it changed
    assert site_key(config, [str(template.parent)], nav) != key
    edit(template, "{{ page.content }}", 3)
    config.write_text("site_name: 另一个文库\n", encoding="utf-8")
    assert site_key(config, [str(template.parent)], nav) != key


def edit(path, text: str, second: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(second * 10**9, second * 10**9))


def test_content_digests_tell_their_parts_apart():
    assert content_digest("ab", "c") != content_digest("a", "bc")
