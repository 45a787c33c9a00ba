"""Text a communicator writes is shown as text, never interpreted as markup."""

from __future__ import annotations

from bs4 import BeautifulSoup

from french_typography.typography import fix_text

HOSTILE = "<script>alert(\"x\")</script> & 'L'État' </title><b>gras</b>"


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_article_title_is_text(site):
    site.write("content/articles/actualites/hostile.md", f"Title: {HOSTILE}\nDate: 2016-03-01\n\nCorps.\n")
    result = site.build()
    assert result.ok, result.problems
    page = parse(site.output / "actualites" / "hostile" / "index.html")
    assert page.find_all("script") == []
    assert page.find_all("b") == []
    # The title is typeset (French quotes, apostrophes) but stays text.
    title = fix_text(HOSTILE)
    assert title == "<script>alert(«\u202fx\u202f»)</script> & 'L’État' </title><b>gras</b>"
    assert page.h1.get_text() == title
    assert page.title.get_text().startswith(title)


def test_yaml_value_is_text(site):
    phases = (site.base / "data" / "phases.yml").read_text(encoding="utf-8")
    first_title = next(line for line in phases.splitlines() if line.startswith("  title:"))
    quoted = HOSTILE.replace("'", "''")
    site.write("data/phases.yml", phases.replace(first_title, f"  title: '{quoted}'", 1))
    result = site.build()
    assert result.ok, result.problems
    page = parse(site.output / "la-demarche" / "index.html")
    # Only the theme's own script, loaded from a file: nothing from the YAML value.
    assert [(script.get("src"), script.string) for script in page.find_all("script")] == [("../theme/js/today.js", None)]
    assert page.find_all("b") == []
    assert [text for text in page.find_all(string=True) if HOSTILE in text] == [HOSTILE]
