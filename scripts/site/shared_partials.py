"""Material's navigation (the sidebar and the tabs) reads the same on every page outside it in the same folder:
no item of it is active, and its links are relative to the folder. It was most of the time spent writing a
page, so it is made once per build for each folder and reused on every page outside the navigation (reports,
later theme pages, outlines). The partials in overrides/ call `shared_partial`.
"""
from __future__ import annotations

import posixpath

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, pass_context
from markupsafe import Markup

THEME_PREFIX = "theme/"  # Material's own templates, also where overrides/ has a template of the same name


def with_theme_prefix(loader, theme_dirs: list[str], custom_dir: str | None) -> ChoiceLoader:
    """The loader, and Material's templates under THEME_PREFIX (for the overrides that wrap one of them)."""
    theme_only = [folder for folder in theme_dirs if folder != custom_dir]
    return ChoiceLoader([loader, PrefixLoader({THEME_PREFIX.rstrip("/"): FileSystemLoader(theme_only)})])


class SharedPartials:
    """`shared_partial(name)` in a template: Material's partial `name`, made once per folder for the pages
    outside the navigation (`nav_pages` are the addresses of those in it); `share=False` makes it every time."""

    def __init__(self, nav_pages: set[str], share: bool = True):
        self.nav_pages, self.share = nav_pages, share
        self.made: dict[tuple[str, str], Markup] = {}

    @pass_context
    def __call__(self, context, name: str) -> Markup:
        page = context.get("page")
        key = (name, posixpath.dirname(page.url) if page else "")
        if not self.share or page is None or page.file.src_uri in self.nav_pages:
            return self._render(context, name)
        if key not in self.made:
            self.made[key] = self._render(context, name)
        return self.made[key]

    @staticmethod
    def _render(context, name: str) -> Markup:
        return Markup(context.environment.get_template(THEME_PREFIX + name).render(context.get_all()))
