"""The preview (`livereload`, `regenerate`): pages first, search index in the background, and only
the pages an edit touches rendered again — with the output of a cold build, byte for byte."""

from __future__ import annotations

import contextlib
import datetime
import gc
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from core.problems import Problem, ProblemError
from plugins.findings.registry import Finding
from plugins.search_index import DetachedIndex
from publishing.devserver import Rebuilder
from site_build import build
from site_build.incremental import snapshot

NOTICE = ('<p class="notice">Aperçu de travail\u00a0: après chaque modification, l’index de recherche est mis à '
          'jour en arrière-plan, quelques secondes après les pages. Pendant ce temps, la recherche porte sur la '
          'version précédente du site.</p>\n')
ARTICLE = "content/articles/nouvelles/ouverture.md"
ARTICLE_PAGE = "nouvelles/ouverture/index.html"
FINDINGS_ARTICLE = "content/articles/etat-des-lieux/un-seul-nom.md"
FINDINGS_PAGE = "etat-des-lieux/un-seul-nom/index.html"
# What plugins derive from the registry alone and take from the previous build when it is unchanged.
REUSED = ["findings:slots", "findings:open-data", "findings:sheets"]


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def preview(site):
    """A preview session on a copy of the tests' site with its own copy of the theme (to edit a template)."""
    shutil.copytree(ROOT / "theme", site.base / "theme")
    stream = io.StringIO()
    rebuilder = Rebuilder(site.settings, site.base / "apercu", site.base / "cache", {"THEME": str(site.base / "theme")},
                          watched=[site.base / "content", site.base / "data", site.base / "theme"], stream=stream)
    rebuilder.stream_text = stream
    yield rebuilder
    rebuilder.index.cancel()


def assert_same_as_a_cold_build(site, rebuilder, **overrides) -> None:
    """The preview's output equals a cold build's (`invoke build`, search index within the build),
    but for the notice of its search page; its index too, once the background indexing is done."""
    assert rebuilder.index.wait(timeout=120)
    assert rebuilder.index.failed is None, rebuilder.stream_text.getvalue()
    cold = site.build(THEME=str(site.base / "theme"), **overrides)
    assert cold.ok, cold.problems
    preview, fresh = files_of(site.base / "apercu"), files_of(site.output)
    assert preview.keys() == fresh.keys()
    assert any(name.startswith("pagefind/") for name in fresh)
    search = preview.pop("recherche/index.html").decode("utf-8")
    assert search.count(NOTICE) == 1
    assert search.replace(NOTICE, "") == fresh.pop("recherche/index.html").decode("utf-8")
    assert [name for name in fresh if preview[name] != fresh[name]] == []


def test_each_edit_gives_the_output_of_a_cold_build(site, preview):
    assert preview.build().ok
    every_page = set(preview.incremental.rendered)
    assert ARTICLE_PAGE in every_page and len(every_page) > 20
    assert_same_as_a_cold_build(site, preview)

    # An article's body: its page only (and the section listings: paginated, always rendered).
    article = site.base / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nUn paragraphe ajouté pendant l’aperçu.\n",
                       encoding="utf-8")
    assert preview().ok
    assert preview.incremental.rendered == [ARTICLE_PAGE, "etat-des-lieux/index.html", "nouvelles/index.html"]
    assert set(preview.incremental.kept) == every_page - set(preview.incremental.rendered)
    assert preview.incremental.reused == REUSED  # the registry is unchanged
    assert_same_as_a_cold_build(site, preview)
    assert "Un paragraphe ajouté pendant l’aperçu." in (site.base / "apercu" / ARTICLE_PAGE).read_text(
        encoding="utf-8")

    # The body of an article with findings, outside them: its page; its findings' slots, sheets and
    # open data are the previous build's (then again, with what the last build reused itself).
    for text in ("Une fierté à partager, d’abord", "Une fierté à partager, ensemble"):
        replace(site.base / FINDINGS_ARTICLE, "## Une fierté à partager", f"## {text}")
        assert preview().ok
        assert preview.incremental.rendered == [FINDINGS_PAGE, "etat-des-lieux/index.html", "nouvelles/index.html"]
        assert preview.incremental.reused == REUSED
        assert_same_as_a_cold_build(site, preview)
        assert text in (site.base / "apercu" / FINDINGS_PAGE).read_text(encoding="utf-8")

    # Its title and summary: shown on the listings, the home page, the archives…; not on the other articles.
    replace(article, "Title: Lancement de", "Title: Ouverture de")
    replace(article, "Summary: L’Office de Tourisme", "Summary: Aujourd’hui, l’Office de Tourisme")
    assert preview().ok
    rendered = set(preview.incremental.rendered)
    assert {ARTICLE_PAGE, "index.html", "archives/index.html", "nouvelles/index.html"} <= rendered
    assert "etat-des-lieux/un-seul-nom/index.html" in preview.incremental.kept
    assert "etat-des-lieux/un-seul-nom/index.html" not in rendered
    assert preview.incremental.reused == []  # another registry: made again
    assert_same_as_a_cold_build(site, preview)

    # A finding's text: the findings pages, the axes and the roadmap show it (every page rendered).
    replace(site.base / FINDINGS_ARTICLE, "« un premier socle sur lequel construire la stratégie »",
            "« un premier socle sur lequel bâtir la stratégie »")
    assert preview().ok
    assert set(preview.incremental.rendered) == every_page
    assert preview.incremental.reused == []  # its text is in the registry: the sheets show it
    assert_same_as_a_cold_build(site, preview)

    # An article added, then removed.
    added = site.write("content/articles/nouvelles/deuxieme-etape.md", (
        "Title: Deuxième étape\nDate: 2016-02-20\nSummary: Les groupes de travail se réunissent.\n\n"
        "« Fédérer les énergies, mobiliser l’intelligence collective. »\n"))
    assert preview().ok
    assert "nouvelles/deuxieme-etape/index.html" in preview.incremental.rendered
    assert preview.incremental.kept == []
    assert_same_as_a_cold_build(site, preview)
    added.unlink()
    assert preview().ok
    assert preview.incremental.kept == []
    assert_same_as_a_cold_build(site, preview)
    assert not (site.base / "apercu/nouvelles/deuxieme-etape").exists()

    # The projects' data: every page.
    replace(site.base / "data/projects.yml", "title: Une marque de destination cohérente",
            "title: Une marque de destination partagée")
    assert preview().ok
    assert (preview.incremental.kept, preview.incremental.reused) == ([], [])
    assert_same_as_a_cold_build(site, preview)

    # A template, one of the findings' slots too (the registry is the same, not what it renders): every page.
    replace(site.base / "theme/templates/article.html", "Tous les articles de la rubrique",
            "Les autres articles de la rubrique")
    replace(site.base / "theme/templates/finding_foot.html", "Projets qui y répondent", "Projets qui lui répondent")
    assert preview().ok
    assert (preview.incremental.kept, preview.incremental.reused) == ([], [])
    assert_same_as_a_cold_build(site, preview)
    assert "Les autres articles de la rubrique" in (site.base / "apercu" / ARTICLE_PAGE).read_text(encoding="utf-8")
    assert (site.base / "apercu" / FINDINGS_PAGE).read_text(encoding="utf-8").count("Projets qui lui répondent") == 2
    assert preview.stream_text.getvalue().count("Index de recherche mis à jour en ") == 10


def test_sheets_in_parts_with_relative_addresses_are_reused_as_they_were(site):
    """The workshop sheets split in parts, each part's page with its own relative addresses: an edit
    outside the findings keeps them all, and the site is still a cold build's."""
    shutil.copytree(ROOT / "theme", site.base / "theme")  # as assert_same_as_a_cold_build builds with it
    overrides = {"FINDINGS_WORKSHOP_PART_SIZE": 1, "RELATIVE_URLS": True}
    preview = Rebuilder(site.settings, site.base / "apercu", site.base / "cache",
                        {"THEME": str(site.base / "theme"), **overrides},
                        watched=[site.base / "content", site.base / "data"], stream=io.StringIO())
    preview.stream_text = preview.stream
    try:
        assert preview.build().ok
        parts = sorted(name for name in preview.incremental.rendered if name.startswith("constats/atelier/"))
        assert len(parts) > 3 and "constats/atelier/gouvernance/2/index.html" in parts
        replace(site.base / FINDINGS_ARTICLE, "## Une fierté à partager", "## Une fierté à partager, d’abord")
        assert preview().ok
        assert preview.incremental.reused == REUSED
        assert set(parts) <= set(preview.incremental.kept)
        assert_same_as_a_cold_build(site, preview, **overrides)
    finally:
        preview.index.cancel()


class Measure:
    """A plugin's own object in a content's attributes (not a str, dict, list…: pickled by its state)."""

    def __init__(self, value):
        self.value = value


def snapshot_context():
    """A context with one article, made without Pelican's reading (whose signals other tests' plugins
    still hear) but with what snapshot() reads of an article: its attributes and paths."""
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    article = Article.__new__(Article)
    vars(article).update(_content="<p>Texte.</p>", metadata={"title": "Un titre"}, title="Un titre",
                         date=datetime.datetime(2016, 2, 1), source_path="/site/content/a.md",
                         override_save_as="a/index.html", override_url="a/", settings=dict(DEFAULT_CONFIG),
                         _context={})
    finding = Finding("un-constat", "Un constat", None, "/site/content/a.md", 3, article, {"state": "ouverte"})
    article.findings, article.measure = [finding], Measure(1)
    return {"generated_content": {"a.md": article}, "FINDINGS": [finding], "static_links": {"b", "a", "c"},
            "SITENAME": "Site"}, article, finding


def reordered(items: list[str], built, kind=set):
    """The same strings as `built`, in a set that iterates them in another order: built in a larger
    table (string hashes change with each process, so the table size that reorders them too)."""
    for size in range(1000, 20000, 1000):
        rebuilt = set(items + [f"autre-{number}" for number in range(size)])
        rebuilt.difference_update(f"autre-{number}" for number in range(size))
        rebuilt = kind(rebuilt)
        if list(rebuilt) != list(built):
            return rebuilt
    raise AssertionError("no set in another order")


def test_snapshot_digests_follow_every_value_they_cover():
    """What decides which pages are kept: an object the context holds (a finding) changes the context's
    digest, a content's own object its digest, and a set of the context built in another order nothing."""
    context, article, finding = snapshot_context()
    first = snapshot(context)
    assert snapshot(context) == first and not first.context.startswith("?")  # "?…": could not be digested
    assert article.summary == "<p>Texte.</p>"  # what snapshot() reads: Pelican's summary works on this article

    links = [f"images/photo-{number}.jpg" for number in range(100)]
    context["static_links"] = set(links)
    first = snapshot(context)
    rebuilt = reordered(links, context["static_links"])
    assert rebuilt == context["static_links"] and list(rebuilt) != list(context["static_links"])
    context["static_links"] = rebuilt
    assert snapshot(context) == first

    themes = [f"theme-{number}" for number in range(100)]
    article.measure.themes = frozenset(themes)  # as a source's scan holds the themes it was checked against
    first = snapshot(context)
    rebuilt = reordered(themes, article.measure.themes, frozenset)  # as read back from Pelican's cache
    assert list(rebuilt) != list(article.measure.themes)
    article.measure.themes = frozenset(rebuilt)
    assert snapshot(context) == first

    article.measure.value = 2
    second = snapshot(context)
    assert second.context == first.context and second.shared["a.md"] != first.shared["a.md"]

    finding.extra["state"] = "close"  # the article's digests refer to it, the context's covers it
    third = snapshot(context)
    assert third.context != second.context
    assert third.shared == second.shared and third.own == second.own

    article._content = "<p>Autre texte.</p>"
    fourth = snapshot(context)
    assert fourth.shared == third.shared and fourth.own["a.md"] != third.own["a.md"]


def test_a_template_edited_during_a_failed_build_is_rendered_once_the_site_is_fixed(site, preview):
    """The pages are compared with the site on screen, not with the last attempt: a template changed
    while another file was broken still renders every page once the file is fixed."""
    assert preview.build().ok
    replace(site.base / "theme/templates/article.html", "Tous les articles de la rubrique",
            "Les autres articles de la rubrique")
    phases = site.base / "data/phases.yml"
    good = phases.read_text(encoding="utf-8")
    phases.write_text("- id: x\n\ttitle: y\n", encoding="utf-8")
    assert not preview().ok
    phases.write_text(good, encoding="utf-8")
    assert preview().ok
    assert preview.incremental.kept == []
    assert_same_as_a_cold_build(site, preview)


def test_rebuilds_do_not_keep_the_contents_of_every_build_alive(site, preview):
    """Pelican memoizes each content's rendered body for the process; emptied around each build, the
    contents of the builds before stop piling up (95 MiB a rebuild at 1,000 articles before)."""
    from pelican.contents import Article

    def live_articles() -> int:
        gc.unfreeze()  # the preview froze what lives: gc.get_objects() would not list it
        gc.collect()
        return sum(1 for thing in gc.get_objects() if type(thing) is Article
                   and str(site.base) in (thing.source_path or ""))

    article = site.base / ARTICLE
    counts = []
    for number in range(5):
        article.write_text(article.read_text(encoding="utf-8") + f"\nAjout {number}.\n", encoding="utf-8")
        assert preview.build().ok
        counts.append(live_articles())
    articles = len(list((site.base / "content/articles").rglob("*.md")))
    assert counts[1] == counts[-1] <= 2 * articles  # the site on screen's, and those reused from the one before


def test_what_a_plugin_adds_to_the_context_after_the_registry_still_decides(site, preview, monkeypatch):
    """A value put in the context after the registry's digests (at all_generators_finalized, by a
    plugin's receiver) from an article's body: changed by an edit of that body, it renders every page."""
    from pelican import signals

    import site_build.incremental as incremental

    def last_words(generators):
        article = next(a for a in generators[0].context["articles"] if a.source_path.endswith(ARTICLE))
        generators[0].context["LAST_WORDS"] = article._content[-40:]

    original = incremental.IncrementalWrites.build

    @contextlib.contextmanager
    def build(writes, partial):
        with original(writes, partial) as observers:
            observers.append((signals.all_generators_finalized, last_words))  # after the registry's
            yield observers

    monkeypatch.setattr(incremental.IncrementalWrites, "build", build)
    assert preview.build().ok
    article = site.base / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nUn dernier mot.\n", encoding="utf-8")
    assert preview().ok
    assert preview.incremental.reused == REUSED  # the registry itself did not change
    assert preview.incremental.kept == []


def test_an_address_changed_without_its_file_renders_the_articles_that_link_to_it(site, preview):
    """`URL: la-demarche/index.html` keeps the page's file but changes its address: the articles whose
    {filename} links point to it (their bodies hold the links unresolved, unchanged) are rendered."""
    assert preview.build().ok
    replace(site.base / "content/pages/la-demarche.md", "Slug: la-demarche",
            "Slug: la-demarche\nURL: la-demarche/index.html")
    assert preview().ok
    assert preview.incremental.kept == []
    page = BeautifulSoup((site.base / "apercu" / FINDINGS_PAGE).read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in page.find_all("a") if a.get_text() == "déroulé de la démarche"] == [
        "../../la-demarche/index.html"]
    assert_same_as_a_cold_build(site, preview)


def test_what_is_kept_and_reused_comes_from_the_last_clean_build_in_the_output_folder(site, preview):
    """A failed build in between is not the reference; a site another build put in the output folder
    (`invoke build`, here under another name) is not the preview's: every page is rendered again."""
    assert preview.build().ok
    findings = site.base / FINDINGS_ARTICLE
    replace(findings, "## Une fierté à partager", "## Une fierté [à partager]({filename}/nulle-part.md)")
    assert not preview().ok
    replace(findings, "## Une fierté [à partager]({filename}/nulle-part.md)", "## Une fierté à partager, d’abord")
    assert preview().ok
    assert preview.incremental.reused == REUSED
    assert_same_as_a_cold_build(site, preview)
    assert build(str(site.settings), str(site.base / "apercu"),
                 {"THEME": str(site.base / "theme"), "SITENAME": "Un autre site"}).ok
    replace(findings, "## Une fierté à partager, d’abord", "## Une fierté à partager, ensemble")
    assert preview().ok
    assert (preview.incremental.kept, preview.incremental.reused) == ([], [])
    assert_same_as_a_cold_build(site, preview)


def test_the_pages_are_on_screen_before_the_search_index(site, preview, monkeypatch):
    """The index follows the pages; a new edit stops the indexing under way (never two at once) and
    the previous index stays in place until the new one replaces it."""
    assert preview.build().ok
    assert preview.index.wait(timeout=120)
    before = files_of(site.base / "apercu/pagefind")

    started, release, running = threading.Event(), threading.Event(), []
    original = DetachedIndex.write

    def slow_write(index, bundle):
        running.append(index)
        assert len([run for run in running if not run.stopped.is_set()]) == 1  # one run at a time
        started.set()
        release.wait(timeout=60)
        if index.stopped.is_set():
            raise ProblemError(Problem("pagefind", None, None, "index de recherche : indexation interrompue"))
        return original(index, bundle)

    monkeypatch.setattr(DetachedIndex, "write", slow_write)
    article = site.base / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nPremier ajout.\n", encoding="utf-8")
    assert preview().ok
    assert started.wait(timeout=60)
    assert "Premier ajout." in (site.base / "apercu" / ARTICLE_PAGE).read_text(encoding="utf-8")  # pages first
    assert files_of(site.base / "apercu/pagefind") == before  # the previous index, still usable

    started.clear()
    stopper = threading.Timer(0.5, release.set)  # the first run waits until it is stopped
    stopper.start()
    article.write_text(article.read_text(encoding="utf-8") + "\nSecond ajout.\n", encoding="utf-8")
    assert preview().ok  # cancels the first run, then starts another
    assert running[0].stopped.is_set()
    release.set()
    assert preview.index.wait(timeout=120)
    assert len(running) == 2 and not running[1].stopped.is_set()
    assert files_of(site.base / "apercu/pagefind") != before
    assert preview.stream_text.getvalue().count("Index de recherche mis à jour en ") == 2  # the first and last
    assert "Échec" not in preview.stream_text.getvalue()
    assert_same_as_a_cold_build(site, preview)


def test_the_index_waits_for_a_quiet_moment_and_old_outputs_are_deleted_by_another_process(site, preview,
                                                                                           monkeypatch):
    """A rebuild right after another (the communicator saves again) comes before the index of the
    first has started: no Pagefind meanwhile on the second core. The output each rebuild replaces
    is deleted by a process of its own, not by a thread that would slow the next rebuild down."""
    from publishing import devserver

    assert preview.build().ok
    assert preview.index.wait(timeout=120)
    writes, discarded = [], []
    monkeypatch.setattr(DetachedIndex, "write", lambda index, bundle: writes.append(index) or 0)
    original = devserver.subprocess.Popen

    def popen(command, **kwargs):
        discarded.append(command[-1])
        return original(command, **kwargs)

    monkeypatch.setattr(devserver.subprocess, "Popen", popen)
    article = site.base / ARTICLE
    for text in ("Premier ajout.", "Second ajout."):
        article.write_text(article.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
        assert preview().ok  # within a second of the last one
    assert preview.index.wait(timeout=120)
    assert len(writes) == 1  # the first rebuild's index never started; the second's did, after the delay
    assert len(discarded) == 2 and all(Path(folder).name.startswith(".output-old-") for folder in discarded)
    for process in devserver._DISCARDING:
        process.wait(timeout=60)
    assert not any(Path(folder).exists() for folder in discarded)


def test_a_failure_of_the_background_index_is_reported_in_french(site, preview, monkeypatch):
    assert preview.build().ok
    assert preview.index.wait(timeout=120)
    before = files_of(site.base / "apercu/pagefind")

    def failing_write(index, bundle):
        raise ProblemError(Problem("pagefind", None, None,
                                   "index de recherche : Pagefind s'est arrêté pendant l'indexation"))

    monkeypatch.setattr(DetachedIndex, "write", failing_write)
    article = site.base / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nUn ajout.\n", encoding="utf-8")
    assert preview().ok
    assert preview.index.wait(timeout=120)
    last = preview.stream_text.getvalue().splitlines()[-1]
    assert last.split("] ", 1)[1] == (
        "Échec de la mise à jour de l'index de recherche : Pagefind s'est arrêté "
        "pendant l'indexation. La recherche de l'aperçu porte sur la version précédente du site ; l'index sera "
        "refait à la prochaine modification.")
    assert files_of(site.base / "apercu/pagefind") == before
    assert preview.index.stale


def test_the_preview_benchmark_prints_its_table_and_finds_the_output_of_a_cold_build(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks/livereload.py"), "--articles", "3", "--runs", "1"],
                          check=False, capture_output=True, encoding="utf-8", timeout=600,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", "TMPDIR": str(tmp_path)})
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {cells[0]: cells[1:] for cells in (
        [cell.strip() for cell in line.strip("|").split("|")] for line in done.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| mesure"))}
    assert list(rows) == ["build à froid (`invoke build`)", "aperçu, paragraphe : pages à l'écran",
                          "aperçu, titre : pages à l'écran", "aperçu, constat : pages à l'écran",
                          "aperçu, paragraphe : index de recherche à jour"]
    pages = int(rows["build à froid (`invoke build`)"][0])
    assert pages > 30
    assert int(rows["aperçu, paragraphe : pages à l'écran"][0]) == 3  # the article, the two sections (paginated)
    assert 2 < int(rows["aperçu, titre : pages à l'écran"][0]) < pages
    assert int(rows["aperçu, constat : pages à l'écran"][0]) == pages
    assert "Sortie de l'aperçu identique à celle d'un build à froid (hors avis de /recherche/) : oui" in done.stdout


def test_the_preview_only_setting_is_refused_in_a_settings_file(site):
    lines = site.settings.read_text(encoding="utf-8").splitlines()
    site.settings.write_text("\n".join([*lines, "SEARCH_INDEX_DEFERRED = True"]) + "\n", encoding="utf-8")
    result = site.build()
    assert [str(problem) for problem in result.problems] == [
        f"pelicanconf.py:{len(lines) + 1}:1: réglage SEARCH_INDEX_DEFERRED réservé à l'aperçu (livereload, "
        "regenerate), qui le donne lui-même : retirez cette ligne, sinon le site publié n'aurait pas d'index de "
        "recherche"]
    assert not site.output.exists()


def test_a_first_build_that_fails_says_there_is_no_site_to_show_yet(site, preview):
    """No site built yet (a fresh copy of the project): the browser shows nothing, and the message says so
    instead of promising « la dernière version correcte »."""
    site.write("data/phases.yml", "- id: x\n\ttitle: y\n")
    assert not preview.build().ok
    assert preview.stream_text.getvalue().splitlines()[-1].endswith(
        "Échec de la reconstruction : 1 problème à corriger. Aucune version du site à montrer pour l'instant : "
        "l'aperçu s'affichera dès que ces problèmes seront corrigés.")
