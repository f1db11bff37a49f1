"""Where a build finds its inputs and settings: the seeds and cache folders, the processes to convert with,
and the slugs the site's Markdown gives headings (for the pages made without it)."""
from __future__ import annotations

import os
from pathlib import Path

from markdown.extensions.toc import slugify as default_slugify

from scripts.convert.batch import default_jobs


def find_seeds_dir(config) -> Path:
    """seeds/ beside mkdocs.yml, or the folder named by ARCHIVE_SEEDS (tests build other folders)."""
    return Path(os.environ.get("ARCHIVE_SEEDS") or Path(config.config_file_path).parent / "seeds")


def find_cache_dir(config) -> Path:
    """.cache/ beside mkdocs.yml, or the folder named by ARCHIVE_CACHE: converted reports kept between builds."""
    return Path(os.environ.get("ARCHIVE_CACHE") or Path(config.config_file_path).parent / ".cache")


def find_jobs() -> int:
    """Processes converting at once: ARCHIVE_JOBS, or one per core."""
    return int(os.environ.get("ARCHIVE_JOBS") or default_jobs())


def heading_slugify(config):
    """The slug function of the site's `toc` extension, for the headings of pages made without Markdown."""
    options = config.mdx_configs.get("toc", {})
    slugify, separator = options.get("slugify", default_slugify), options.get("separator", "-")
    return lambda text: slugify(text, separator)


def shares_partials() -> bool:
    """Whether the navigation is made once for the pages outside it (shared_partials.py): ARCHIVE_SHARED_PARTIALS=0
    makes it for every page, which a test compares with."""
    return os.environ.get("ARCHIVE_SHARED_PARTIALS", "1") != "0"
