from conftest import html_pages


def test_demo_site_builds(built_site):
    assert (built_site / "index.html").is_file()
    assert len(html_pages(built_site)) >= 3
