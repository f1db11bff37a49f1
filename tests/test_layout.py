"""The package layout keeps its promise: imports point one way, bench -> site -> search -> convert,
and in the product (convert, search, site) only the MkDocs hook imports MkDocs; bench drives real builds."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
ORDER = ("convert", "search", "site", "bench")  # a package may import only those before it, and itself
HOOK = SCRIPTS / "site" / "hook.py"


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's own package
                package = path.relative_to(SCRIPTS.parent).with_suffix("").parts[:-node.level]
                names.append(".".join((*package, node.module or "")))
            else:
                names.append(node.module or "")
    return names


def modules_of(package: str) -> list[Path]:
    return sorted((SCRIPTS / package).rglob("*.py"))


@pytest.mark.parametrize("package", ORDER)
def test_each_package_imports_only_the_packages_below_it(package):
    allowed = ORDER[:ORDER.index(package) + 1]
    for path in modules_of(package):
        for name in imported_modules(path):
            parts = name.split(".")
            if parts[0] == "scripts" and len(parts) > 1:
                assert parts[1] in allowed, f"{path.relative_to(SCRIPTS)} imports {name}"


def test_the_evaluation_uses_only_conversion_and_search():
    for path in modules_of("evaluate"):
        for name in imported_modules(path):
            parts = name.split(".")
            if parts[0] == "scripts" and len(parts) > 1:
                assert parts[1] in ("convert", "search", "evaluate"), f"{path.relative_to(SCRIPTS)} imports {name}"


def test_only_the_hook_imports_mkdocs():
    for package in ("convert", "search", "site", "evaluate"):
        for path in modules_of(package):
            if path != HOOK:
                assert not any(name.split(".")[0] in ("mkdocs", "material") for name in imported_modules(path)), path


def test_the_checker_sees_a_wrong_way_import(tmp_path):
    sample = SCRIPTS / "convert" / "model.py"
    assert "__future__" in imported_modules(sample)
    bad = tmp_path / "bad.py"
    bad.write_text("from scripts.site.pages import generate_pages\nimport mkdocs.plugins\n", encoding="utf-8")
    assert imported_modules(bad) == ["scripts.site.pages", "mkdocs.plugins"]
