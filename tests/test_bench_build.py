"""The full-build benchmark builds a real site of synthetic reports and accounts for every stage of it."""
from __future__ import annotations

from scripts.bench.full_build import STAGES, time_full_build, write_synthetic_seeds


def test_synthetic_seeds_are_written_once_and_read_as_reports(tmp_path):
    seeds = write_synthetic_seeds(3, tmp_path / "seeds")
    texts = sorted(path.read_text(encoding="utf-8") for path in seeds.glob("*.txt"))
    assert len(texts) == 3 and all(len(text) >= 10_000 for text in texts)
    assert write_synthetic_seeds(3, seeds) == seeds
    assert sorted(path.read_text(encoding="utf-8") for path in seeds.glob("*.txt")) == texts


def test_full_build_times_each_stage_of_a_real_build(tmp_path):
    spent = time_full_build(3, tmp_path)
    assert all(spent[stage] > 0 for stage in STAGES), spent
    assert abs(sum(spent[stage] for stage in STAGES) - spent["total"]) < 1e-6
    assert len(list((tmp_path / "mkdocs-3" / "reports").glob("*.html"))) == 3
    assert (tmp_path / "mkdocs-3" / "search-index").is_dir() and (tmp_path / "mkdocs-3" / "draft-index").is_dir()
