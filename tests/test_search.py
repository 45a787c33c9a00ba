"""Site search: the Pagefind index written after the build (plugins/search_index/) and the
search page /recherche/ (theme/templates/recherche.html, theme/static/js/search.js)."""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import shutil
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.search_index import indexer as search_index

from conftest import OFFICE_SITE

NB, NNB = "\u00a0", "\u202f"
FINDING_PAGE = "/etat-des-lieux/un-contexte-exigeant/"
# Words of the tests' site: « raréfaction » is only in the text of the finding `fonds-publics-rares`;
# « concurrences » is nowhere (only « concurrence »): found through French stemming.
ONLY_IN_ONE_FINDING = "raréfaction"
# The pages that hold « concurrence »; those that hold « économique » (the French stem of
# « économie ») or « économie », which only the legal notice has, in « l’économie ».
CONCURRENCE = ["/", "/axes/unir-les-forces/", "/constats/reponses/", "/etat-des-lieux/un-contexte-exigeant/",
               "/feuille-de-route/", "/nouvelles/ouverture/"]
ECONOMIE = ["/", "/axes/ambition-partagee/", "/axes/se-renouveler/", "/constats/reponses/",
            "/etat-des-lieux/un-contexte-exigeant/", "/feuille-de-route/", "/mentions-legales/",
            "/nouvelles/ouverture/"]
# Words that are not on the tests' site, for which Pagefind alone answers pages: it falls back on
# the longest indexed word that starts the query's stem (« ne », « tel », « l’ »).
ABSENT = ["neige", "téléphérique", "logement"]


def settings() -> dict:
    from core.plugin_settings import read_site_settings

    return read_site_settings(str(OFFICE_SITE / "pelicanconf.py"))


def fragments(bundle: Path) -> dict[str, dict]:
    """The indexed pages by URL: Pagefind's fragments are gzipped JSON after a signature."""
    pages = {}
    for path in sorted((bundle / "fragment").iterdir()):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        page = json.loads(raw[len(b"pagefind_dcd"):])
        pages[page["url"]] = page
    return pages


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- The index ---------------------------------------------------------------------------------

def test_index_is_in_the_site(built_site):
    bundle = built_site / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.fr.pagefind"):
        assert (bundle / name).is_file(), name
    assert any((bundle / "index").iterdir()) and any((bundle / "fragment").iterdir())
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    assert list(entry["languages"]) == ["fr"]  # one French index, French stemming
    assert entry["languages"]["fr"]["page_count"] == len(fragments(bundle))
    # Pagefind's ready-made interfaces are not used (search.js is ours): not published.
    assert sorted(p.name for p in bundle.glob("*ui*")) == []
    assert not (bundle / "pagefind-highlight.js").exists()


def test_index_holds_content_pages_only(built_site):
    pages = fragments(built_site / "pagefind")
    for url in (FINDING_PAGE, "/", "/la-demarche/", "/axes/se-renouveler/", "/nouvelles/ouverture/",
                "/constats/reponses/"):
        assert url in pages, url
    # Listings and print sheets repeat the pages they link to; embeds are for partners' sites.
    for url in ("/recherche/", "/archives/", "/etat-des-lieux/", "/nouvelles/", "/constats/",
                "/constats/atelier/", "/constats/sans-reponse/", "/embed/chronologie/",
                "/embed/chronologie/en/"):
        assert url not in pages, url
    assert not [url for url in pages if url.startswith(("/embed/", "/pagefind/"))]
    assert sorted(pages) == sorted(url for _, url in search_index.pages_to_index(str(built_site), settings()))


def test_index_holds_main_only(built_site):
    page = fragments(built_site / "pagefind")[FINDING_PAGE]
    assert page["meta"]["title"] == "Un contexte qui appelle une nouvelle feuille de route"
    assert ONLY_IN_ONE_FINDING in page["content"]
    # Header, navigation, skip link and footer are outside <main data-pagefind-body>.
    for outside in ("Aller au contenu", "Navigation principale", "Éditeur du site", "Mentions légales"):
        assert outside not in page["content"], outside
    # Words on every finding that say nothing about it are left out too.
    assert "Lien permanent" not in page["content"]
    assert "Consultation close" not in page["content"]
    anchors = {anchor["id"]: anchor for anchor in page["anchors"]}
    assert anchors["fonds-publics-rares"]["location"] == anchors["fonds-publics-rares-titre"]["location"]


def test_site_pages_mark_their_main_and_link_to_the_search(built_site):
    pages = [p for p in sorted(built_site.rglob("*.html")) if parse(p).find("header", class_="site-header")]
    assert len(pages) > 20
    for path in pages:
        page = parse(path)
        assert page.main.has_attr("data-pagefind-body"), path
        nav = page.find("nav", attrs={"aria-label": "Navigation principale"})
        assert nav.find("a", string="Rechercher") is not None, path
    home = parse(built_site / "index.html")
    assert home.find("a", string="Rechercher")["href"] == "./recherche/"


def test_pages_are_sent_sections_first_then_the_others_each_sorted_by_path(built_site):
    pages = search_index.pages_to_index(str(built_site), settings())
    sections = [page for page in pages if page[0].startswith(("nouvelles/", "etat-des-lieux/"))]
    assert pages == sorted(sections) + sorted(set(pages) - set(sections))
    assert len(sections) == 5  # the site's articles; the sections' listing pages are not indexed
    assert ("etat-des-lieux/un-contexte-exigeant/index.html", FINDING_PAGE) in pages
    assert ("index.html", "/") in pages


def test_index_does_not_depend_on_file_order(built_site, tmp_path):
    """Pagefind numbers pages in the order it gets them: files written in another order (which
    changes the directory order on some file systems) must give the same bytes."""
    html = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    bundles = []
    for name, order in (("a", html), ("b", html[::-1])):
        site = tmp_path / name
        for relative in order:
            (site / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built_site / relative, site / relative)
        search_index.index_site(str(site), settings())
        bundles.append({p.relative_to(site).as_posix(): p.read_bytes()
                        for p in sorted((site / "pagefind").rglob("*")) if p.is_file()})
    assert bundles[0] == bundles[1]


def bundle_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*")) if p.is_file()}


def article_pages_in_writing_order(built_site: Path) -> list[str]:
    """The article pages as Pelican writes them: newest first, as /archives/ lists them."""
    archives = parse(built_site / "archives" / "index.html")
    return [(Path("archives") / a["href"] / "index.html").as_posix().replace("archives/../", "")
            for a in archives.main.select("a[href]") if a["href"].startswith("../") and a["href"].count("/") == 3]


def stream(indexer, site: Path, relatives: list[str]) -> None:
    """What the build does: each article page as written, then the end of the articles."""
    for relative in relatives:
        indexer.page_written(str(site / relative))
    indexer.sections_written()


def test_the_build_sends_the_articles_as_pelican_writes_them(built_site, tmp_path, monkeypatch):
    """Pelican writes the articles newest first (ties by slug): the index of the build is the one
    of these pages in that order, then the other pages by path."""
    order = article_pages_in_writing_order(built_site)
    assert order == ["nouvelles/constats-partages/index.html", "etat-des-lieux/pros-en-premiere-ligne/index.html",
                     "etat-des-lieux/un-seul-nom/index.html",
                     "etat-des-lieux/un-contexte-exigeant/index.html", "nouvelles/ouverture/index.html"]
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
    indexer = search_index.SearchIndexer(str(site), settings())
    stream(indexer, site, ["index.html", *order, "axes/index.html"])  # pages outside the sections wait for the end
    assert [relative for relative, _ in indexer.sent] == order
    read = record_reads(monkeypatch, site)
    indexer.finish()
    assert bundle_of(site) == bundle_of(built_site)
    # The pages sent are not read again: only the others that may be indexed, by path.
    s = settings()
    assert read == [relative for relative in search_index._paths(str(site), search_index._excluded(s),
                                                                  search_index._excluded_patterns(s))
                    if relative not in order]
    assert "index.html" in read


def record_reads(monkeypatch, site: Path) -> list[str]:
    """The pages the indexer reads from now on, relative to site."""
    read, original = [], search_index._read

    def reading(path):
        read.append(Path(path).relative_to(site).as_posix())
        return original(path)

    monkeypatch.setattr(search_index, "_read", reading)
    return read


REWRITTEN = "etat-des-lieux/un-seul-nom/index.html"


def written_twice_while_streaming(indexer, site, order):
    stream(indexer, site, [*order, REWRITTEN])


def written_again_after_the_articles(indexer, site, order):
    stream(indexer, site, order)
    rewrite(site / REWRITTEN)
    indexer.page_written(str(site / REWRITTEN))


def written_again_the_same(indexer, site, order):
    stream(indexer, site, order)
    indexer.page_written(str(site / REWRITTEN))  # same bytes, maybe the same time: written again all the same


def changed_without_a_signal(indexer, site, order):
    stream(indexer, site, order)
    rewrite(site / REWRITTEN)


def rewrite(page: Path) -> None:
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>Page réécrite.</p></main>"),
                    encoding="utf-8")


@pytest.mark.parametrize("writes", [written_twice_while_streaming, written_again_after_the_articles,
                                    written_again_the_same, changed_without_a_signal])
def test_a_page_sent_then_written_again_restarts_the_index(built_site, tmp_path, writes):
    """A page sent while Pelican wrote it, then written again (or changed on disk): finish() does
    not trust what it sent; the index is made from scratch, the same as index_site() alone."""
    order = article_pages_in_writing_order(built_site)
    early, scratch = tmp_path / "early", tmp_path / "scratch"
    shutil.copytree(built_site, early, ignore=shutil.ignore_patterns("pagefind"))
    indexer = search_index.SearchIndexer(str(early), settings())
    writes(indexer, early, order)
    shutil.copytree(early, scratch)
    assert indexer.finish() == search_index.index_site(str(scratch), settings())
    assert [relative for relative, _ in indexer.sent[:5]] == sorted(order) != order  # started again, by path
    assert bundle_of(early) == bundle_of(scratch)
    assert ("Page réécrite." in fragments(early / "pagefind")["/etat-des-lieux/un-seul-nom/"]["content"]) is (
        writes in (written_again_after_the_articles, changed_without_a_signal))


def test_a_section_page_written_after_the_articles_restarts_the_index(built_site, tmp_path):
    """A page that lands in a section after the articles were sent is not where the order puts
    it: the index is made again from scratch, the same as index_site() alone."""
    late = "etat-des-lieux/aaa-tardive/index.html"  # first of the sections' pages by path
    copies = []
    for name in ("early", "scratch"):
        site = tmp_path / name
        shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
        copies.append(site)
    early, scratch = copies
    indexer = search_index.SearchIndexer(str(early), settings())
    stream(indexer, early, article_pages_in_writing_order(built_site))
    assert len(indexer.sent) == 5
    for site in copies:
        (site / late).parent.mkdir(parents=True)
        shutil.copyfile(built_site / "etat-des-lieux" / "un-seul-nom" / "index.html", site / late)
    assert indexer.finish() == search_index.index_site(str(scratch), settings()) == 1 + len(
        search_index.pages_to_index(str(built_site), settings()))
    assert indexer.sent[0] == (late, "/etat-des-lieux/aaa-tardive/")
    assert bundle_of(early) == bundle_of(scratch)


def pagefind_niceness(pid: int) -> set[int]:
    """The niceness of each thread of the Pagefind process `pid` (Linux: /proc), once it runs
    Pagefind itself (not the `nice` command that starts it)."""
    deadline = time.monotonic() + 30
    while Path(f"/proc/{pid}/comm").read_text().strip() != "pagefind" and time.monotonic() < deadline:
        time.sleep(0.01)
    # /proc/<pid>/task/<tid>/stat: the 19th field is the niceness, the 2nd (comm) may hold spaces.
    return {int((task / "stat").read_text().rsplit(") ", 1)[1].split()[16])
            for task in Path(f"/proc/{pid}/task").iterdir()}


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="the threads' niceness is read in /proc (Linux)")
def test_the_preview_indexes_at_a_lower_priority_and_the_build_does_not(built_site, tmp_path, monkeypatch):
    """The preview's background Pagefind (DetachedIndex), every thread of it, leaves the CPU to
    the next rebuild first; the build's own, which the build waits for, keeps our priority."""
    priorities = []

    class Recording(search_index._Service):
        def files(self):
            priorities.append(pagefind_niceness(self.process.pid))
            return super().files()

    monkeypatch.setattr(search_index, "_Service", Recording)
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
    search_index.index_site(str(site), settings())
    search_index.DetachedIndex(str(site), settings()).write(str(tmp_path / "preview" / "pagefind"))
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    lower = ours + search_index.BACKGROUND_NICENESS
    assert lower <= 19  # else this test could not tell
    assert priorities == [{ours}, {lower}]
    assert bundle_of(tmp_path / "preview") == bundle_of(site)
    # Without the `nice` command, set once started (its first thread at least).
    monkeypatch.setattr(search_index.shutil, "which", lambda name: None)
    index = search_index.DetachedIndex(str(site), settings())
    index.write(str(tmp_path / "sans-nice" / "pagefind"))
    assert lower in priorities[2], priorities
    # Where the system has no niceness (Windows): started at our priority, and no error.
    monkeypatch.delattr(os, "setpriority")
    search_index.DetachedIndex(str(site), settings()).write(str(tmp_path / "sans-priorite" / "pagefind"))
    assert priorities[3] == {ours}


def test_the_preview_index_stops_while_it_reads_the_pages(built_site, monkeypatch):
    """A new edit stops the background index at once, even while it is still reading the pages (1,000
    pages take about 0.7 s to read): the next rebuild does not wait for that."""
    from core.problems import ProblemError

    index = search_index.DetachedIndex(str(built_site), settings())
    read = []
    original = search_index._indexable

    def indexable(site_dir, relative):
        read.append(relative)
        if len(read) == 3:
            index.stop()  # from the preview's thread, in real life
        return original(site_dir, relative)

    monkeypatch.setattr(search_index, "_indexable", indexable)
    with pytest.raises(ProblemError) as stopped:
        index.write(str(built_site.parent / "jamais" / "pagefind"))
    assert [problem.message for problem in stopped.value.problems] == ["index de recherche : indexation interrompue"]
    assert len(read) == 3
    assert index._service is None  # Pagefind never started


def test_indexing_failure_stops_the_build(site, monkeypatch):
    """If Pagefind cannot run, the build fails with a French message and output/ is untouched."""
    site.output.mkdir()
    (site.output / "ancien.html").write_text("site précédent", encoding="utf-8")
    monkeypatch.setattr(search_index, "_executable", lambda: shutil.which("false"))
    result = site.build()
    assert [str(p) for p in result.problems] == [
        "pagefind: index de recherche : Pagefind s'est arrêté pendant l'indexation "
        "(aucune réponse à la demande n° 1)"]
    assert [p.name for p in site.output.iterdir()] == ["ancien.html"]


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>L’économie d’un jour, jusqu’à l'offre</p>",
     "<p>L’ économie d’ un jour, jusqu’ à l' offre</p>"),
    ("<p>qu’il, presqu’île, s’y, c’est</p>", "<p>qu’ il, presqu’ île, s’ y, c’ est</p>"),
    # Not an elided word: inside a word, before no letter, or in a tag.
    ("<p>aujourd’hui, prud’homme, 2’3, d’ « x », l’</p>",
     "<p>aujourd’hui, prud’homme, 2’3, d’ « x », l’</p>"),
    ('<p title="l’offre">x</p>', '<p title="l’offre">x</p>'),
])
def test_elided_words_are_split_for_the_index(html, expected):
    assert search_index.split_elisions(html) == expected


def split_each_text_apart(html: str) -> str:
    """What split_elisions did until issue 15 (the reference): each `>text<` of the page found and
    split apart, a Python call for each."""
    elision = re.compile(r"(?<!\w)((?:%s)[’'])(?=\w)" % "|".join(search_index.ELIDED), re.IGNORECASE)
    return re.sub(r">([^<]+)<", lambda text: ">" + elision.sub(r"\1 ", text.group(1)) + "<", html)


@pytest.mark.parametrize(("html", "expected"), [
    # A `>` in an attribute starts the text for the split, as it did.
    ('<a title="x>l’offre">l’eau</a>', '<a title="x>l’ offre">l’ eau</a>'),
    ("<!-- l’offre --><p>l’eau</p>", "<!-- l’offre --><p>l’ eau</p>"),
    ("<!-- a > l’offre --><p>x</p>", "<!-- a > l’ offre --><p>x</p>"),
    # After a `<` with no `>` before the next `<`: not text.
    ("<script>if (a<b && l’x) {}</script><p>d’y</p>", "<script>if (a<b && l’x) {}</script><p>d’ y</p>"),
    ("<style>p > l’x {}</style>", "<style>p > l’ x {}</style>"),
    # Before the first tag, after the last one: not text.
    ("l’eau <p>l’eau</p> l’eau", "l’eau <p>l’ eau</p> l’eau"),
    ("<p>l’x > d’y</p>", "<p>l’ x > d’ y</p>"),
    ("<p>L’Économie, QU’il, Jusqu'ici</p>", "<p>L’ Économie, QU’ il, Jusqu' ici</p>"),
    ("<p>l’l’eau, l’</p><p>’eau</p>", "<p>l’ l’ eau, l’</p><p>’eau</p>"),
])
def test_elisions_in_tricky_places_are_split_as_before(html, expected):
    assert search_index.split_elisions(html) == split_each_text_apart(html) == expected


def test_split_elisions_gives_what_splitting_each_text_apart_gave(built_site):
    """The one-pass split_elisions against the reference, on every page of the tests' site and on
    random strings of brackets, apostrophes, elided words and letters."""
    pages = [path.read_text(encoding="utf-8") for path in sorted(built_site.rglob("*.html"))]
    assert [i for i, html in enumerate(pages) if search_index.split_elisions(html) != split_each_text_apart(html)] == []
    assert sum(search_index.split_elisions(html) != html for html in pages) > 10  # elisions were split
    draw = random.Random(15)
    pieces = ["<", ">", "’", "'", "l", "qu", "jusqu", "L", "Qu", "a", "é", " ", "-", "_", "2", "!", "\n", "<p>"]
    strings = ["".join(draw.choice(pieces) for _ in range(draw.randint(0, 16))) for _ in range(20000)]
    assert [text for text in strings if search_index.split_elisions(text) != split_each_text_apart(text)] == []


def test_the_index_splits_elisions_and_the_page_keeps_them(built_site):
    """Pagefind splits words at white space only: « économie » is found in « l’économie » because
    the text it indexes has a space there; the published page is left as it was."""
    content = fragments(built_site / "pagefind")["/mentions-legales/"]["content"]
    assert "dans l’ économie numérique" in content
    assert "dans l’économie numérique" in parse(built_site / "mentions-legales" / "index.html").main.get_text()


# --- The search page without JavaScript ----------------------------------------------------------

def test_search_page_without_javascript(built_site):
    page = parse(built_site / "recherche" / "index.html")
    assert page.h1.get_text() == "Rechercher"
    form = page.main.find("form", role="search")
    assert form.has_attr("hidden")  # shown by search.js only
    assert form["data-pagefind"] == "../pagefind/pagefind.js"
    assert form.find("label", attrs={"for": "recherche-mots"}).get_text() == "Mots à rechercher"
    assert page.main.find(id="recherche-statut")["role"] == "status"
    note = page.main.find("p", attrs={"data-sans-js": True})
    assert note.get_text() == (f"La recherche nécessite JavaScript{NNB}; voici les pages qui rassemblent "
                               f"tout le contenu{NB}:")
    links = [a["href"] for a in page.main.find("section", class_="parcourir").find_all("a")]
    assert links == ["../constats/", "../archives/", "../axes/"]
    for href in links:
        assert (built_site / "recherche" / href / "index.html").resolve().is_file(), href
    scripts = [s["src"] for s in page.find_all("script")]
    # The consultation banner of every page, then search: nothing of Pagefind's until a search starts.
    assert scripts == ["../theme/js/today.js", "../theme/js/search.js"]


# --- The search page in Chromium ----------------------------------------------------------------

@pytest.fixture
def search_page(browser, site_server):
    """/recherche/ at 320 px in a fresh context, with every request recorded (other origins blocked)."""
    from browser import NARROW_VIEWPORT, Recorder

    recorder = Recorder(site_server.origin, "recherche")
    context = browser.new_context(viewport=NARROW_VIEWPORT)
    context.set_default_timeout(15_000)
    recorder.attach(context)
    page = context.new_page()
    recorder.attach_page(page)
    yield context, page, recorder
    context.close()


def pagefind_requests(urls: list[str]) -> list[str]:
    return [url for url in urls if "/pagefind/" in url]


def wait_for_status(page) -> str:
    page.wait_for_function("() => document.getElementById('recherche-statut').textContent !== ''")
    return page.text_content("#recherche-statut")


@pytest.mark.browser
def test_search_finds_the_finding_lazily_and_locally(search_page, site_server):
    from browser import check_axe, check_overflow, check_storage, foreign_requests

    context, page, recorder = search_page
    page.goto(site_server.url("/recherche/"), wait_until="load")
    page.wait_for_load_state("networkidle")
    assert page.is_visible("#recherche-mots")
    assert not page.is_visible("[data-sans-js]")
    assert pagefind_requests(recorder.requests) == []  # nothing loaded before the visitor acts

    page.fill("#recherche-mots", ONLY_IN_ONE_FINDING)
    assert wait_for_status(page) == f"1 résultat pour «{NNB}{ONLY_IN_ONE_FINDING}{NNB}»."
    results = page.locator("#recherche-resultats ol > li")
    assert results.count() == 1
    assert results.first.locator("h2 a").get_attribute("href") == FINDING_PAGE
    assert results.first.locator("h2 a").text_content() == "Un contexte qui appelle une nouvelle feuille de route"
    place = results.first.locator("ul a")
    assert place.count() == 1
    assert place.get_attribute("href") == FINDING_PAGE + "#fonds-publics-rares"  # the finding's stable address
    assert place.text_content() == "L’argent public se raréfie"
    assert results.first.locator("mark").first.text_content() == ONLY_IN_ONE_FINDING

    assert check_axe(page) == []
    assert check_overflow(page) == []
    assert check_storage(context, page) == []
    requested = pagefind_requests(recorder.requests)
    assert site_server.url("/pagefind/pagefind.js") in requested
    assert any("/pagefind/fragment/" in url for url in requested)
    assert foreign_requests(recorder.requests, site_server.origin) == []
    assert recorder.errors() == []

    place.click()
    page.wait_for_url(site_server.url(FINDING_PAGE + "#fonds-publics-rares"))
    assert page.locator("section#fonds-publics-rares h2").text_content() == "L’argent public se raréfie"


@pytest.mark.browser
def test_search_uses_french_stemming_and_says_when_nothing_is_found(search_page, site_server):
    from browser import check_storage

    context, page, recorder = search_page
    page.goto(site_server.url("/recherche/"), wait_until="load")
    page.fill("#recherche-mots", "concurrences")
    page.press("#recherche-mots", "Enter")
    status = wait_for_status(page)
    assert status.endswith(f" résultats pour «{NNB}concurrences{NNB}»."), status
    links = page.locator("#recherche-resultats ol > li h2 a")
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert FINDING_PAGE in hrefs
    assert page.url == site_server.url("/recherche/?q=concurrences")  # a submitted search is in the address

    page.fill("#recherche-mots", "zzxqw")
    page.wait_for_function("() => document.getElementById('recherche-statut').textContent.startsWith('Aucun')")
    assert page.text_content("#recherche-statut") == f"Aucun résultat pour «{NNB}zzxqw{NNB}»."
    assert page.locator("#recherche-resultats li").count() == 0
    assert recorder.errors() == []
    assert check_storage(context, page) == []


@pytest.mark.browser
def test_search_from_the_address(search_page, site_server):
    context, page, recorder = search_page
    page.goto(site_server.url("/recherche/?q=" + ONLY_IN_ONE_FINDING), wait_until="load")
    assert wait_for_status(page).startswith("1 résultat pour")
    assert page.input_value("#recherche-mots") == ONLY_IN_ONE_FINDING
    assert page.locator("#recherche-resultats ol > li h2 a").get_attribute("href") == FINDING_PAGE


@pytest.mark.browser
def test_search_page_without_javascript_in_chromium(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server.url("/recherche/"))
        assert not page.is_visible("#recherche-mots")
        assert page.is_visible("[data-sans-js]")
        for href in page.locator(".parcourir a").evaluate_all("links => links.map(a => a.href)"):
            response = page.request.get(href)
            assert response.status == 200, href
    finally:
        context.close()


def ask(page, words: str) -> tuple[str, list[str], list[str]]:
    """Search for words as a visitor does (type, then Enter): the status, the results' URLs and
    the close pages' URLs."""
    page.evaluate("() => { document.getElementById('recherche-statut').textContent = ''; }")
    page.fill("#recherche-mots", words)
    page.press("#recherche-mots", "Enter")
    status = wait_for_status(page)
    hrefs = "links => links.map(a => a.getAttribute('href'))"
    results = page.locator("#recherche-resultats > ol[aria-label='Résultats de la recherche'] > li > h2 a")
    near = page.locator("#recherche-resultats > section.resultats-proches li > h3 a")
    return status, results.evaluate_all(hrefs), near.evaluate_all(hrefs)


@pytest.mark.browser
def test_words_absent_from_the_site_find_nothing(search_page, site_server):
    context, page, recorder = search_page
    page.goto(site_server.url("/recherche/"), wait_until="load")
    for word in ABSENT:
        # Pagefind alone answers pages for these words: what search.js must not show.
        raw = page.evaluate("""async word => {
            const pagefind = await import('/pagefind/pagefind.js');
            return (await pagefind.search(word)).results.length; }""", word)
        assert raw > 0, word
        assert ask(page, word) == (f"Aucun résultat pour «{NNB}{word}{NNB}».", [], []), word
        assert page.locator("#recherche-resultats li").count() == 0
    # A query is answered when every one of its words is there.
    assert ask(page, "concurrence neige") == (f"Aucun résultat pour «{NNB}concurrence neige{NNB}».", [], [])
    assert recorder.errors() == []


@pytest.mark.browser
def test_stemming_and_accents_find_the_same_pages(search_page, site_server):
    context, page, recorder = search_page
    page.goto(site_server.url("/recherche/"), wait_until="load")
    for words, pages in (("concurrence", CONCURRENCE), ("concurrences", CONCURRENCE), ("Concurrences", CONCURRENCE),
                         ("économie", ECONOMIE), ("economie", ECONOMIE), ("économies", ECONOMIE),
                         ("ECONOMIQUE", ECONOMIE), ("l’économie", ECONOMIE), (f"«{NB}L'économie{NB}»", ECONOMIE),
                         ("concurrence économique", sorted(set(CONCURRENCE) & set(ECONOMIE)))):
        status, results, near = ask(page, words)
        assert status == f"{len(pages)} résultats pour «{NNB}{words}{NNB}».", words
        assert sorted(results) == pages, words
        assert near == [], words
    # In the legal notice, « économie » is in « l’économie »: shown as written, the word marked.
    status, results, near = ask(page, "économie")
    item = page.locator("#recherche-resultats li").filter(has=page.locator("a[href='/mentions-legales/']")).first
    assert "la confiance dans l’économie numérique" in item.locator(".resultat-extrait").text_content()
    assert item.locator("mark").all_text_contents() == ["économie"]
    # A phrase in double quotes: Pagefind's exact phrase search.
    status, results, near = ask(page, '"économie numérique"')
    assert (status, results, near) == (f"1 résultat pour l’expression «{NNB}économie numérique{NNB}».",
                                       ["/mentions-legales/"], [])
    status, results, near = ask(page, '"dans l’économie"')  # the elided word apart, as in the index
    assert (status, results, near) == (f"1 résultat pour l’expression «{NNB}dans l’économie{NNB}».",
                                       ["/mentions-legales/"], [])
    assert page.locator("#recherche-resultats mark").all_text_contents() == ["dans", "l’", "économie"]
    assert "confiance dans l’économie numérique" in page.text_content("#recherche-resultats .resultat-extrait")
    assert recorder.errors() == []


@pytest.mark.browser
def test_close_pages_are_shown_apart_and_named_so(search_page, site_server):
    """A word being typed is no word of the site: the pages with a word that starts so are
    « Pages proches », under their own heading, never counted as results."""
    from browser import check_axe

    context, page, recorder = search_page
    page.goto(site_server.url("/recherche/"), wait_until="load")
    status, results, near = ask(page, "concurr")
    assert status == f"Aucun résultat exact pour «{NNB}concurr{NNB}»{NNB}; 6 pages proches ci-dessous."
    assert results == [] and sorted(near) == CONCURRENCE
    section = page.locator("#recherche-resultats > section.resultats-proches")
    assert section.locator("h2").text_content() == "Pages proches"
    assert section.locator("p").first.text_content() == (
        f"Ces pages ne contiennent pas «{NNB}concurr{NNB}» tel quel, "
        "mais des mots qui commencent de la même façon.")
    assert set(section.locator("mark").all_text_contents()) == {"concurrence"}
    assert check_axe(page) == []
    # Words that are there and a word that starts some: close pages too.
    status, results, near = ask(page, "contexte concurr")
    assert status.startswith(f"Aucun résultat exact pour «{NNB}contexte concurr{NNB}»{NNB}; "), status
    assert results == [] and near and set(near) <= set(CONCURRENCE)
    # Fewer than three letters make no close page: « ra » starts words of the site, is none.
    assert ask(page, "ra") == (f"Aucun résultat pour «{NNB}ra{NNB}».", [], [])
    assert recorder.errors() == []


@pytest.mark.browser
def test_search_without_a_worker_runs_pagefind_on_the_page(browser, site_server):
    """Pagefind runs in a worker (which the page's Content-Security-Policy does not cover); without
    one it compiles its WebAssembly on the page: that is what 'wasm-unsafe-eval' of /recherche/
    allows (and nothing else: no 'unsafe-eval')."""
    context = browser.new_context()
    try:
        context.add_init_script("delete window.Worker;")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_server.url("/recherche/"), wait_until="load")
        csp = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
        assert "script-src 'self' 'wasm-unsafe-eval';" in csp and "'unsafe-eval'" not in csp
        status, results, near = ask(page, "concurrences")
        assert (status, sorted(results)) == (f"6 résultats pour «{NNB}concurrences{NNB}».", CONCURRENCE)
        assert errors == []
    finally:
        context.close()
