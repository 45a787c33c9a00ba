"""`invoke new` (scaffolding from a French title) and the fast strict rebuilds of `invoke livereload`."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify as pelican_slugify

from core.plugin_settings import read_site_settings
from publishing.devserver import Rebuilder
from publishing.scaffold import ScaffoldError, next_steps, scaffold, slugify

from conftest import FIXED_EPOCH, OFFICE_SITE, copy_project

TODAY = datetime.date(2026, 7, 1)  # FIXED_EPOCH in Europe/Paris


@pytest.fixture(scope="module")
def settings():
    return read_site_settings(str(OFFICE_SITE / "pelicanconf.py"))


def make(site, settings, kind, title):
    return scaffold(kind, title, site.base / "content", site.base / "data", TODAY, settings)


# -- slugs -------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, slug", [
    ("L'État", "l-etat"),
    ("L’État et la vallée", "l-etat-et-la-vallee"),
    ("Œuvre", "oeuvre"),
    ("Fête d'été", "fete-d-ete"),
    ("Lancement de « La Vallée au Sommet »", "lancement-de-la-vallee-au-sommet"),
    ("  Bilan : 2016, et après ?  ", "bilan-2016-et-apres"),
    ("Ça bouge à Briançon !", "ca-bouge-a-briancon"),
    ("Les rendez-vous d’aujourd’hui", "les-rendez-vous-d-aujourd-hui"),
])
def test_slug_of_french_titles(title, slug):
    assert slugify(title) == slug
    # The site slugs pages from their file name (SLUGIFY_SOURCE = "basename"): same slug.
    assert pelican_slugify(slug, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]) == slug


# -- each kind builds as is ----------------------------------------------------------------------

def test_new_news_post_builds_as_is(site, settings):
    made = make(site, settings, "actualite", "L'État et la vallée")
    assert made.path == site.base / "content/articles/nouvelles/l-etat-et-la-vallee.md"
    assert made.url == "/nouvelles/l-etat-et-la-vallee/"
    text = made.path.read_text(encoding="utf-8")
    assert text.startswith("Title: L'État et la vallée\nDate: 2026-07-01\nSummary: À compléter : ")
    result = site.build()
    assert result.problems == []
    page = (site.output / "nouvelles/l-etat-et-la-vallee/index.html").read_text(encoding="utf-8")
    assert "L’État et la vallée" in page or "L'État et la vallée" in page


def test_new_diagnostic_article_has_a_finding_and_builds_as_is(site, settings):
    made = make(site, settings, "diagnostic", "Fête d'été")
    assert made.path == site.base / "content/articles/etat-des-lieux/fete-d-ete.md"
    text = made.path.read_text(encoding="utf-8")
    assert "/// constat | À compléter : le titre du constat, en une phrase\n    id: fete-d-ete-01\n" \
           "    # theme: conjoncture\n" in text
    assert text.rstrip().endswith("\n///")
    assert site.build().problems == []
    page = (site.output / "etat-des-lieux/fete-d-ete/index.html").read_text(encoding="utf-8")
    assert 'id="fete-d-ete-01"' in page

    # Uncommenting the theme line, as the printed hint says, still builds.
    made.path.write_text(text.replace("    # theme: conjoncture", "    theme: reseau"), encoding="utf-8")
    assert site.build().problems == []


def test_new_axis_page_takes_the_next_order_and_builds_as_is(site, settings):
    made = make(site, settings, "axe", "Œuvre commune")
    assert made.path == site.base / "content/axes/oeuvre-commune.md"
    assert made.path.read_text(encoding="utf-8").splitlines()[:4] == [
        "Title: Œuvre commune", "Id: oeuvre-commune", "Order: 5",
        "Ambition: À compléter : l'ambition de cet axe, en une phrase.",
    ]
    assert made.url == "/axes/oeuvre-commune/"
    assert site.build().problems == []
    assert (site.output / "axes/oeuvre-commune/index.html").is_file()


def test_finding_id_skips_ids_already_used(site, settings):
    site.write("content/articles/etat-des-lieux/autre.md",
               "Title: Autre\nDate: 2016-03-01\n\n/// constat | Un constat\n    id: fete-d-ete-01\n\nTexte.\n///\n")
    made = make(site, settings, "diagnostic", "Fête d'été")
    assert "    id: fete-d-ete-02\n" in made.path.read_text(encoding="utf-8")
    assert site.build().problems == []


def test_finding_id_of_a_long_title_is_cut_at_a_word_to_fit(site, settings):
    title = "Les saisons de la vallée vues par les habitants, les professionnels et les visiteurs de passage"
    made = make(site, settings, "diagnostic", title)
    assert made.slug == ("les-saisons-de-la-vallee-vues-par-les-habitants-les-professionnels-et-les-visiteurs-"
                         "de-passage")  # 91 characters: the article keeps its whole slug
    assert "    id: les-saisons-de-la-vallee-vues-par-les-habitants-les-professionnels-et-les-01\n" \
        in made.path.read_text(encoding="utf-8")  # 80 characters at most, cut after « les »
    assert site.build().problems == []


# -- refusals ------------------------------------------------------------------------------------

def test_existing_file_is_never_overwritten(site, settings):
    path = site.write("content/articles/nouvelles/fete-d-ete.md", "Title: Fête\nDate: 2016-03-01\n\nMon texte.\n")
    with pytest.raises(ScaffoldError) as error:
        make(site, settings, "actualite", "Fête d’été")
    assert str(error.value) == (
        "content/articles/nouvelles/fete-d-ete.md: ce fichier existe déjà : choisissez un autre titre, ou ouvrez "
        "ce fichier pour le modifier (rien n'a été écrit)")
    assert path.read_text(encoding="utf-8") == "Title: Fête\nDate: 2016-03-01\n\nMon texte.\n"


def test_axis_id_already_used_by_another_file_is_refused(site, settings):
    site.write("content/axes/ancien-nom.md", "Title: Ancien\nId: oeuvre\nOrder: 9\nAmbition: x\n\nTexte.\n")
    with pytest.raises(ScaffoldError) as error:
        make(site, settings, "axe", "Œuvre")
    assert str(error.value) == (
        "content/axes/ancien-nom.md:2: identifiant d'axe « oeuvre » déjà utilisé par ce fichier : choisissez un "
        "autre titre (rien n'a été écrit)")
    assert not (site.base / "content/axes/oeuvre.md").exists()


@pytest.mark.parametrize("kind, title, message", [
    ("blog", "Un titre", "type « blog » inconnu : types possibles : actualite, diagnostic, axe"),
    ("actualite", "   ", "titre vide : écrivez le titre entre guillemets, ex. --titre \"Fête d'été\""),
    ("axe", "« ! »", "titre « « ! » » : impossible d'en tirer un nom de fichier ; écrivez au moins une lettre "
                     "ou un chiffre"),
])
def test_bad_arguments_are_refused_in_french(site, settings, kind, title, message):
    with pytest.raises(ScaffoldError) as error:
        make(site, settings, kind, title)
    assert str(error.value) == message


@pytest.mark.parametrize("typed", ["Actualité", "actualites", "ACTU"])
def test_kind_forgives_accents_and_plurals(site, settings, typed):
    assert make(site, settings, typed, "Un titre").path.parent.name == "nouvelles"


def test_next_steps_name_the_file_and_what_to_do(site, settings):
    made = make(site, settings, "diagnostic", "Fête d'été")
    assert next_steps(made).splitlines() == [
        "Fichier créé : content/articles/etat-des-lieux/fete-d-ete.md",
        "Adresse de la page une fois publiée : /etat-des-lieux/fete-d-ete/",
        "",
        "Et maintenant :",
        "  1. ouvrez content/articles/etat-des-lieux/fete-d-ete.md et remplacez chaque « À compléter » par votre texte ;",
        "     thème du constat : retirez « # » devant « theme: » et choisissez parmi conjoncture, gouvernance, "
        "reseau (data/themes.yml) ;",
        "     l'identifiant du constat (id:) devient son adresse : ne le changez plus une fois publié ;",
        "  2. regardez le résultat : python3 manage.py livereload, puis ouvrez "
        "http://127.0.0.1:8000/etat-des-lieux/fete-d-ete/ ;",
        "  3. vérifiez tout le site : python3 manage.py check ;",
        "  4. enregistrez et envoyez : git add content/articles/etat-des-lieux/fete-d-ete.md ; git commit ; git push "
        "(le site est publié s'il n'y a aucune erreur).",
    ]


# -- the invoke task, end to end -----------------------------------------------------------------

def invoke(project: Path, *args: str, **env) -> subprocess.CompletedProcess:
    environment = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH, PYTHONDONTWRITEBYTECODE="1", **env)
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=project, env=environment,
                          capture_output=True, encoding="utf-8", timeout=300)


def test_invoke_new_creates_then_refuses_to_overwrite(tmp_path):
    project = copy_project(tmp_path)
    first = invoke(project, "new", "--type", "actualite", "--titre", "Fête d'été")
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == "Fichier créé : content/articles/nouvelles/fete-d-ete.md"
    assert (project / "content/articles/nouvelles/fete-d-ete.md").read_text(encoding="utf-8").startswith(
        "Title: Fête d'été\nDate: 2026-07-01\n")
    again = invoke(project, "new", "--type", "actualite", "--titre", "Fête d’été")
    assert again.returncode == 1
    assert again.stderr.splitlines() == [
        "content/articles/nouvelles/fete-d-ete.md: ce fichier existe déjà : choisissez un autre titre, ou ouvrez "
        "ce fichier pour le modifier (rien n'a été écrit)"]
    missing = invoke(project, "new", "--titre", "Sans type")
    assert missing.returncode == 1
    assert missing.stderr.splitlines()[0] == "Indiquez le type et le titre, par exemple :"


# -- livereload: cached rebuilds -----------------------------------------------------------------

def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rebuilder_for(site, output: Path, stream) -> Rebuilder:
    return Rebuilder(site.settings, output, site.base / "cache",
                     watched=[site.base / "content", site.base / "data"], stream=stream)


def test_cached_rebuild_is_byte_identical_to_a_cold_build(site, monkeypatch):
    from plugins.strict_content.reader import StrictMarkdownReader

    read = []
    original = StrictMarkdownReader.read
    monkeypatch.setattr(StrictMarkdownReader, "read", lambda self, path: read.append(path) or original(self, path))

    stream = io.StringIO()
    rebuilder = rebuilder_for(site, site.base / "cached", stream)
    assert rebuilder.build().ok
    assert len(read) > 5  # cold cache: every source parsed
    assert rebuilder() is None  # nothing changed: no rebuild

    article = site.base / "content/articles/nouvelles/ouverture.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nUn paragraphe ajouté pendant l'aperçu.\n",
                       encoding="utf-8")
    read.clear()
    assert rebuilder().ok
    assert read == [str(article)]  # only the edited article was parsed again

    assert rebuilder.index.wait(timeout=120)  # the search index, made in the background
    cold = site.build()  # no cache at all, as `invoke build`
    assert cold.ok
    cached, fresh = files_of(site.base / "cached"), files_of(site.output)
    assert cached.keys() == fresh.keys()
    # /recherche/ of the preview says that its index follows the pages (tests/test_preview.py)
    assert [name for name in fresh if cached[name] != fresh[name]] == ["recherche/index.html"]
    assert "Un paragraphe ajouté pendant l" in (site.base / "cached/nouvelles/ouverture/index.html").read_text(
        encoding="utf-8")
    assert stream.getvalue().count("Site reconstruit en ") == 2


def test_a_theme_removed_during_livereload_is_reported_for_cached_articles(site):
    """The findings' scan is kept in Pelican's reader cache: checked again against the themes of now."""
    stream = io.StringIO()
    rebuilder = rebuilder_for(site, site.base / "cached", stream)
    assert rebuilder.build().ok
    themes = site.base / "data/themes.yml"
    text = themes.read_text(encoding="utf-8")
    themes.write_text(text[:text.index("- id: gouvernance")] + text[text.index("- id: reseau"):], encoding="utf-8")
    result = rebuilder()
    assert not result.ok
    assert [str(problem) for problem in result.problems] == [
        f"content/articles/etat-des-lieux/un-seul-nom.md:{line}: thème « gouvernance » inconnu : thèmes déclarés "
        "dans data/themes.yml : conjoncture, reseau" for line in (10, 17)]


def test_broken_file_during_livereload_keeps_the_last_good_site(site):
    stream = io.StringIO()
    output = site.base / "cached"
    rebuilder = rebuilder_for(site, output, stream)
    assert rebuilder.build().ok
    before = files_of(output)

    site.write("data/phases.yml", "- id: x\n\ttitle: y\n")
    assert not rebuilder().ok
    assert files_of(output) == before
    assert stream.getvalue().splitlines()[-2:] == [
        "data/phases.yml:2:1: tabulation interdite : en YAML, indentez avec des espaces",
        stream.getvalue().splitlines()[-1],
    ]
    assert stream.getvalue().splitlines()[-1].endswith(
        "Échec de la reconstruction : 1 problème à corriger. Le navigateur montre toujours la dernière version "
        "correcte du site.")

    shutil.copy(OFFICE_SITE / "data/phases.yml", site.base / "data/phases.yml")
    assert rebuilder().ok  # fixed: the next change rebuilds
    assert (output / "la-demarche/index.html").is_file()


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(log: Path, text: str, count: int = 1, timeout: float = 90) -> str:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = log.read_text(encoding="utf-8", errors="replace")
        if content.count(text) >= count:
            return content
        time.sleep(0.2)
    raise AssertionError(f"« {text} » ×{count} not printed within {timeout} s:\n{log.read_text(encoding='utf-8')}")


def stop(process: subprocess.Popen) -> None:
    """Ends a server or watcher started by a test, killed if it does not stop within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _get(url: str, attempts: int = 60, headers: list | None = None) -> str:
    """GET on 127.0.0.1, retried while the server is still binding its port; `headers` gets the
    response's headers."""
    import time
    from urllib.error import URLError
    from urllib.request import urlopen

    for attempt in range(attempts):
        try:
            with urlopen(url, timeout=30) as response:
                if headers is not None:
                    headers.append(response.headers)
                return response.read().decode("utf-8")
        except (ConnectionError, URLError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)
    raise AssertionError("unreachable")


def test_invoke_livereload_serves_rebuilds_and_keeps_the_last_good_site(tmp_path):
    project = copy_project(tmp_path)
    port = _free_port()
    log = tmp_path / "livereload.log"
    environment = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH, PYTHONDONTWRITEBYTECODE="1",
                       PYTHONIOENCODING="utf-8")
    with open(log, "w", encoding="utf-8") as handle:
        process = subprocess.Popen([sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
                                   cwd=project, env=environment, stdout=handle, stderr=subprocess.STDOUT)
    try:
        _wait_for(log, f"Aperçu : http://127.0.0.1:{port}/")
        url = f"http://127.0.0.1:{port}/nouvelles/ouverture/"
        headers = []
        assert "livereload.js" in _get(url, headers=headers)  # the refresh script is injected by the server only
        assert headers[0].get_all("Access-Control-Allow-Origin") == ["*"]  # as GitHub Pages and `serve`

        article = project / "content/articles/nouvelles/ouverture.md"
        article.write_text(article.read_text(encoding="utf-8") + "\nParagraphe de l'aperçu.\n", encoding="utf-8")
        _wait_for(log, "Site reconstruit en ", count=2)
        assert "Paragraphe de l" in _get(url)

        (project / "data/phases.yml").write_text("- id: x\n\ttitle: y\n", encoding="utf-8")
        content = _wait_for(log, "Échec de la reconstruction : 1 problème à corriger.")
        assert "data/phases.yml:2:1: tabulation interdite : en YAML, indentez avec des espaces" in content
        assert "Paragraphe de l" in _get(url)  # still the last good site
        built = (project / "output/nouvelles/ouverture/index.html").read_text(encoding="utf-8")
        assert "livereload" not in built  # the script is added when served, never written to output/
        from urllib.error import HTTPError

        with pytest.raises(HTTPError):
            _get(f"http://127.0.0.1:{port}/page-absente/", attempts=1)
        # Only French for the office: none of the server's English log lines (« Serving on », « Start watching
        # changes », « Browser Connected », « 404 GET »)
        english = [line for line in log.read_text(encoding="utf-8").splitlines()
                   if any(word in line for word in ("Serving on", "watching", "Browser Connected", " GET "))]
        assert english == []
    finally:
        stop(process)


# -- the watcher of `regenerate` and `livereload` ------------------------------------------------

def next_wakeup(queue, timeout: float = 30):
    import queue as queues

    try:
        return queue.get(timeout=timeout)
    except queues.Empty:
        raise AssertionError(f"no wake-up within {timeout} s") from None


@pytest.fixture
def watching(tmp_path, monkeypatch):
    """`wakeups` over tmp_path/content in a thread, without its safety wake-ups: each item of the
    queue comes from an event of the file system."""
    import queue as queues
    import threading

    from publishing import devserver

    monkeypatch.setattr(devserver, "SAFETY_CHECK_MS", 3_600_000)
    content = tmp_path / "content"
    content.mkdir()
    (content / "article.md").write_text("Title: Un\n", encoding="utf-8")
    woken, stop = queues.Queue(), threading.Event()

    def watch():
        for _ in devserver.wakeups([content, tmp_path / "absent"], stop):
            woken.put(True)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    yield content, woken
    stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive()


def test_the_watcher_wakes_up_on_each_kind_of_save(watching):
    """A file written in place, saved as editors do (a temporary file renamed over it), added in a new
    folder, removed: each wakes the rebuilder up, without any polling."""
    import time

    content, woken = watching
    time.sleep(0.5)  # the watch set up (inotify) before the first change
    article = content / "article.md"
    article.write_text("Title: Deux\n", encoding="utf-8")
    assert next_wakeup(woken)
    temporary = content / ".article.md.tmp"
    temporary.write_text("Title: Trois\n", encoding="utf-8")
    os.replace(temporary, article)
    assert next_wakeup(woken)
    (content / "nouvelle-rubrique").mkdir()
    time.sleep(0.5)
    (content / "nouvelle-rubrique/article.md").write_text("Title: Quatre\n", encoding="utf-8")
    assert next_wakeup(woken)
    while not woken.empty():
        woken.get()
    article.unlink()
    assert next_wakeup(woken)


class FakeRebuilder:
    """What watch_and_rebuild uses of a Rebuilder: the rebuilds it asks for, counted."""

    def __init__(self, watched, stream, interrupt_after: int | None = None):
        self.watched, self.stream, self.calls, self.interrupt_after = watched, stream, 0, interrupt_after
        self.index = type("Index", (), {"cancelled": 0, "cancel": lambda index: setattr(
            index, "cancelled", index.cancelled + 1)})()
        self.built = False

    def build(self):
        self.built = True

    def __call__(self):
        self.calls += 1
        if self.interrupt_after is not None and self.calls >= self.interrupt_after:
            raise KeyboardInterrupt


def test_ctrl_c_stops_the_watcher_in_french_and_stops_the_search_index(tmp_path, monkeypatch):
    from publishing import devserver

    monkeypatch.setattr(devserver, "SAFETY_CHECK_MS", 100)  # wake-ups without events: the Ctrl-C comes soon
    (tmp_path / "content").mkdir()
    stream = io.StringIO()
    rebuilder = FakeRebuilder([tmp_path / "content"], stream, interrupt_after=2)
    devserver.watch_and_rebuild(rebuilder)  # returns: the interruption is caught
    assert rebuilder.built and rebuilder.calls == 2 and rebuilder.index.cancelled == 1
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("Surveillance de ") and lines[0].endswith(
        " : le site est reconstruit à chaque modification (Ctrl-C pour arrêter).")
    assert lines[1:] == ["Surveillance arrêtée."]


def test_invoke_regenerate_rebuilds_on_change(tmp_path):
    project = copy_project(tmp_path)
    log = tmp_path / "regenerate.log"
    environment = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH, PYTHONDONTWRITEBYTECODE="1",
                       PYTHONIOENCODING="utf-8")
    with open(log, "w", encoding="utf-8") as handle:
        process = subprocess.Popen([sys.executable, "-m", "invoke", "regenerate"], cwd=project, env=environment,
                                   stdout=handle, stderr=subprocess.STDOUT)
    try:
        _wait_for(log, "Surveillance de ")
        article = project / "content/articles/nouvelles/ouverture.md"
        article.write_text(article.read_text(encoding="utf-8") + "\nParagraphe régénéré.\n", encoding="utf-8")
        _wait_for(log, "Site reconstruit en ", count=2)
        page = project / "output/nouvelles/ouverture/index.html"
        assert "Paragraphe régénéré." in page.read_text(encoding="utf-8")

        saved = article.with_name(".ouverture.md.swp")  # as an editor saves: a temporary file, renamed
        saved.write_text(article.read_text(encoding="utf-8") + "\nSecond paragraphe.\n", encoding="utf-8")
        os.replace(saved, article)
        _wait_for(log, "Site reconstruit en ", count=3)
        assert "Second paragraphe." in page.read_text(encoding="utf-8")

        process.send_signal(signal.SIGINT)  # Ctrl-C
        assert process.wait(timeout=30) == 0
        content = log.read_text(encoding="utf-8")
        assert content.splitlines()[-1] == "Surveillance arrêtée."
        assert content.count("Site reconstruit en ") == 3 and "Traceback" not in content
    finally:
        stop(process)


def test_invoke_serve_lets_other_origins_read_the_files(tmp_path):
    """`invoke serve` (`python3 manage.py serve`) answers like GitHub Pages: a partner's page on
    another origin may load the host script with integrity="…" crossorigin="anonymous"."""
    from urllib.request import Request, urlopen

    project = copy_project(tmp_path)
    script = project / "output" / "embed" / "chronologie.js"
    script.parent.mkdir(parents=True)
    script.write_text("/* frise */\n", encoding="utf-8")
    port = _free_port()
    log = tmp_path / "serve.log"
    environment = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    with open(log, "w", encoding="utf-8") as handle:
        process = subprocess.Popen([sys.executable, "-m", "invoke", "serve", "--port", str(port)],
                                   cwd=project, env=environment, stdout=handle, stderr=subprocess.STDOUT)
    try:
        _wait_for(log, f"Aperçu : http://127.0.0.1:{port}/")
        request = Request(f"http://127.0.0.1:{port}/embed/chronologie.js",
                          headers={"Origin": "http://127.0.0.1:9"})  # another origin: another port
        with urlopen(request, timeout=30) as response:
            assert (response.status, response.headers.get_all("Access-Control-Allow-Origin"),
                    response.read()) == (200, ["*"], b"/* frise */\n")
    finally:
        stop(process)


@pytest.mark.parametrize("task", [("new", "--type", "actualite", "--titre", "Essai"),
                                  ("import-feedback", "reactions.csv"), ("review-feedback", "--apply")])
def test_a_task_with_a_settings_file_python_cannot_run_says_where_in_french(tmp_path, task):
    project = copy_project(tmp_path)
    settings = project / "pelicanconf.py"
    lines = settings.read_text(encoding="utf-8").splitlines()
    settings.write_text("\n".join([*lines, 'SITENAME = "La Vallée', ""]), encoding="utf-8")
    (project / "reactions.csv").write_text("constat;date;message;publication\n", encoding="utf-8")
    done = invoke(project, *task)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", (
        f"pelicanconf.py:{len(lines) + 1}:12: erreur de syntaxe Python : guillemet fermant manquant : un texte "
        "s'écrit entre deux guillemets, par exemple \"#0d3b66\"\n"))
