"""Text a communicator writes is shown as text, never interpreted as markup."""

from __future__ import annotations

from bs4 import BeautifulSoup

from plugins.french_typography.typography import fix_text

HOSTILE = "<script>alert(\"x\")</script> & 'L'État' </title><b>gras</b>"


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_article_title_is_text(site):
    site.write("content/articles/nouvelles/hostile.md", f"Title: {HOSTILE}\nDate: 2016-03-01\n\nCorps.\n")
    result = site.build()
    assert result.ok, result.problems
    page = parse(site.output / "nouvelles" / "hostile" / "index.html")
    # The only script is the engine's own (the consultation banner of every page), none from the title.
    assert [(script.get("src"), script.string) for script in page.find_all("script")] == [
        ("../../theme/js/today.js", None)]
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
    # Typeset as every text of data/*.yml (site_data's Text), and still text.
    assert [text for text in page.find_all(string=True) if fix_text(HOSTILE) in text] == [fix_text(HOSTILE)]


ATOM = "{http://www.w3.org/2005/Atom}"


def atom_titles(path) -> list[str]:
    from xml.etree import ElementTree

    return [entry.find(f"{ATOM}title").text for entry in ElementTree.parse(path).getroot().iter(f"{ATOM}entry")]


def test_atom_titles_are_the_titles_as_written(site):
    """Pelican's writer reads titles as HTML (striptags): it dropped « <script> » and turned
    the narrow no-break space into a plain one. Ours are text."""
    site.write("content/articles/nouvelles/hostile.md",
               "Title: Le <script> du site & l'appli ; vraiment\nDate: 2016-03-01\n\nCorps.\n")
    result = site.build("publishconf.py")
    assert result.ok, result.problems
    titles = atom_titles(site.output / "feeds" / "all.atom.xml")
    assert "Le <script> du site & l’appli\u202f; vraiment" in titles
    assert "Le du site & l’appli ; vraiment" not in titles  # what Pelican's writer made of it


def test_raw_html_in_markdown_is_text(site):
    """Bodies and summaries are Markdown without raw HTML: a pasted tag is shown, not run."""
    site.write("content/articles/nouvelles/collage.md", (
        "Title: Collage\nDate: 2016-03-01\nSummary: Un <b>résumé</b> & <script>x()</script>\n\n"
        "Sports &amp; loisirs ; <iframe src=\"https://video.example/\"></iframe>\n\n"
        "<div>*bloc*</div>\n"))
    result = site.build()
    assert result.ok, result.problems
    article = parse(site.output / "nouvelles" / "collage" / "index.html").find("article")
    assert [tag.name for tag in article.find_all(["b", "script", "iframe", "div"])] == []
    assert [p.get_text() for p in article.find_all("p")[-2:]] == [
        "Sports & loisirs\u202f; <iframe src=«\u202fhttps://video.example/\u202f»></iframe>",
        "<div>bloc</div>",
    ]
    listing = parse(site.output / "nouvelles" / "index.html")
    summary = next(p for p in listing.find_all("p") if p.get_text().startswith("Un <b>"))
    assert summary.get_text() == "Un <b>résumé</b> & <script>x()</script>"
