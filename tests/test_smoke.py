from conftest import SEEDS


def test_every_seed_report_has_a_page(seed_site):
    pages = sorted(p.name for p in (seed_site / "reports").iterdir())
    assert len(pages) == len(list(SEEDS.iterdir())) + 2  # the compilation holds three reports


def test_report_page_shows_its_title(page, seed_url):
    page.goto(f"{seed_url}/reports/002_34b1f4cb1bc013ad/")
    assert "县政府办2020年上半年工作总结" in page.locator("h1").inner_text()
