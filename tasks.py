"""invoke tasks, with Pelican's quickstart names. Run through `python3 manage.py TASK`.

clean, build, rebuild, regenerate, preview, serve, reserve, livereload, publish and gh-pages (its
alias) as in Pelican's quickstart; new, check, test, audit, import-feedback and review-feedback for this
site. The logic is plain Python in publishing/ and site_build/ (tested without invoke); tasks only wire it up.
"""

import contextlib
import os
import shutil
import sys

from invoke import Exit, task

ROOT = os.path.dirname(os.path.abspath(__file__))

SETTINGS = {
    "local": os.path.join(ROOT, "pelicanconf.py"),
    "publish": os.path.join(ROOT, "publishconf.py"),
    "output": os.path.join(ROOT, "output"),
    "cache": os.path.join(ROOT, "cache"),  # livereload / regenerate only (publishing/devserver.py)
    "host": "127.0.0.1",
    "port": 8000,
}


def _build(settings_file):
    from site_build import build as strict_build
    from site_build import print_result

    result = strict_build(settings_file, SETTINGS["output"])
    print_result(result)
    if not result.ok:
        raise Exit(code=1)


@contextlib.contextmanager
def french_problems():
    """Problems raised before a task can start (a settings file Python cannot run): printed in
    French at their line, exit 1, no traceback."""
    from core.problems import ProblemError

    try:
        yield
    except ProblemError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise Exit(code=1) from None


@task
def clean(c):
    """Supprime output/ (et le cache de livereload/regenerate)."""
    shutil.rmtree(SETTINGS["output"], ignore_errors=True)
    shutil.rmtree(SETTINGS["cache"], ignore_errors=True)


@task
def build(c):
    """Construit le site local dans output/ (toute alerte fait échouer)."""
    _build(SETTINGS["local"])


@task
def rebuild(c):
    """clean puis build."""
    clean(c)
    build(c)


@task
def regenerate(c):
    """Reconstruit output/ à chaque modification de content/, data/, theme/ ou pelicanconf.py (sans serveur)."""
    from publishing.devserver import Rebuilder, watch_and_rebuild

    with french_problems():
        rebuilder = Rebuilder(SETTINGS["local"], SETTINGS["output"], SETTINGS["cache"])
    watch_and_rebuild(rebuilder)


@task
def preview(c):
    """Construit le site avec publishconf.py (adresses absolues, flux) dans output/."""
    _build(SETTINGS["publish"])


PORT_HELP = {"port": "port local de l'aperçu (8000 par défaut)"}


@task(help=PORT_HELP)
def serve(c, port=SETTINGS["port"]):
    """Sert output/ sur http://127.0.0.1:8000/ (Ctrl-C pour arrêter)."""
    from publishing.devserver import static_server

    server = static_server(SETTINGS["output"], SETTINGS["host"], port)
    print(f"Aperçu : http://{SETTINGS['host']}:{port}/ (Ctrl-C pour arrêter)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task(help=PORT_HELP)
def reserve(c, port=SETTINGS["port"]):
    """build puis serve."""
    build(c)
    serve(c, port)


@task(help=PORT_HELP)
def livereload(c, port=SETTINGS["port"]):
    """Aperçu sur http://127.0.0.1:8000/ qui se reconstruit et se recharge à chaque modification."""
    from publishing.devserver import Rebuilder, serve_livereload

    with french_problems():
        rebuilder = Rebuilder(SETTINGS["local"], SETTINGS["output"], SETTINGS["cache"])
    serve_livereload(rebuilder, SETTINGS["host"], int(port))


@task(help={
    "type": "actualite, diagnostic (article avec un exemple de constat) ou axe",
    "titre": "le titre, entre guillemets, ex. \"Fête d'été\"",
})
def new(c, type=None, titre=None):  # noqa: A002 - the option is --type
    """Crée une actualité, un article du diagnostic ou une page d'axe, prêt à compléter."""
    if not type or not titre:
        print("Indiquez le type et le titre, par exemple :\n"
              "  python3 manage.py new --type actualite --titre \"Fête d'été\"\n"
              "Types : actualite, diagnostic (article avec un exemple de constat), axe.", file=sys.stderr)
        raise Exit(code=1)
    from core import build_clock
    from core.plugin_settings import read_site_settings
    from publishing.scaffold import ScaffoldError, content_dirs, next_steps, scaffold

    with french_problems():
        settings = read_site_settings(SETTINGS["local"])
    content_dir, data_dir = content_dirs(settings)
    try:
        made = scaffold(type, titre, content_dir, data_dir, build_clock.today(), settings)
    except ScaffoldError as exc:
        print(exc, file=sys.stderr)
        raise Exit(code=1) from None
    print(next_steps(made, f"http://{SETTINGS['host']}:{SETTINGS['port']}"))


@task
def check(c):
    """Vérifie tout le site sans rien publier : données, contenus, liens internes, ancres, textes alternatifs."""
    from publishing.check import run

    code = run(SETTINGS["local"])
    if code:
        raise Exit(code=code)


@task(help={"push": "envoie la branche gh-pages sur le dépôt distant (PUBLISH_REMOTE, sinon origin)"})
def publish(c, push=False):
    """Construit avec publishconf.py, vérifie tout, puis enregistre le site sur la branche gh-pages."""
    from publishing.gate import publish as gated_publish

    code = gated_publish(ROOT, push=push, settings_file=SETTINGS["publish"])
    if code:
        raise Exit(code=code)


@task(help={"push": "envoie la branche gh-pages sur le dépôt distant (PUBLISH_REMOTE, sinon origin)"})
def gh_pages(c, push=False):
    """Comme publish (nom du quickstart Pelican) : publication vérifiée sur la branche gh-pages."""
    publish(c, push=push)


@task(help={"rapports": "dossier où garder les rapports JSON de Lighthouse (sinon supprimés)"})
def audit(c, rapports=None):
    """Audit Lighthouse (mobile) de l'accueil, d'un article, d'une page d'axe et de la frise : échoue sous 100."""
    from publishing.lighthouse import run

    code = run(SETTINGS["local"], reports_dir=rapports)
    if code:
        raise Exit(code=code)


@task(help={"args": "arguments passés à pytest, ex. \"-k donnees\""})
def test(c, args=""):
    """Lance toute la suite de tests (pytest)."""
    result = c.run(f"{sys.executable} -m pytest {args}", pty=False, warn=True)
    raise Exit(code=result.exited)


@task(help={"upgrade": "prend les versions les plus récentes que permettent les fichiers .in"})
def lock(c, upgrade=False):
    """Recompile requirements.txt et requirements-test.txt (versions exactes et empreintes) depuis les .in."""
    from publishing.lock import lock_requirements

    code = lock_requirements(ROOT, upgrade=upgrade)
    if code:
        raise Exit(code=code)


def _feedback_dir():
    """The site's settings, and its data/feedback/ folder as plugins/site_data finds it."""
    from core.plugin_settings import read_site_settings

    with french_problems():
        settings = read_site_settings(SETTINGS["local"])
    data_dir = settings.get("DATA_PATH", "data")
    if not os.path.isabs(data_dir):  # as plugins/site_data does
        data_dir = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), data_dir)
    return settings, os.path.join(data_dir, "feedback")


@task(iterable=["et"], help={
    "fichier": "l'export des réactions reçues : boîte de messages (.mbox), message (.eml), dossier de "
               "messages, ou tableau CSV (UTF-8, séparateur « ; » ou « , »)",
    "et": "un autre fichier ou dossier du même import (répétable) ; python3 manage.py import-feedback "
          "A B C le fait pour vous",
})
def import_feedback(c, fichier, et=None):
    """Importe les réactions reçues (messagerie ou CSV) dans data/feedback/ : remplace l'import précédent."""
    from plugins.consultation.feedback_import import run_import
    from plugins.findings.registry import collect_finding_ids

    settings, out_dir = _feedback_dir()
    names = _names_finder(settings)
    known = collect_finding_ids(SETTINGS["local"])
    imported, problems = run_import([fichier, *(et or [])], set(known), out_dir,
                                    settings.get("DATA_MAX_BYTES", 1_000_000),
                                    office_addresses=(settings.get("CONTACT_EMAIL") or "",), names=names)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        count = len(problems)
        plural = "s" if count > 1 else ""
        print(f"\nÉchec de l'import : {count} problème{plural} à corriger "
              f"({os.path.relpath(out_dir, ROOT)}/ n'a pas été modifié).", file=sys.stderr)
        raise Exit(code=1)
    print(imported.summary(out_dir))


def _names_finder(settings: dict):
    """The finder of the names of persons (plugins/privacy/names.py), its model installed the first time;
    without it nothing is imported nor reviewed: an excerpt would keep the neighbour's name."""
    from functools import partial

    from plugins.privacy.names import NamesUnavailable, ensure_names_model, find_names

    try:
        ensure_names_model()
    except NamesUnavailable as error:
        print(f"Échec : {error}", file=sys.stderr)
        raise Exit(code=1) from None
    return partial(find_names, kept=tuple(settings.get("PRIVACY_KEPT_NAMES") or ()))


@task(help={
    "apply": "applique les « relu: oui » et « relu: refusé » écrits dans data/feedback/a-relire/extraits.yml, "
             "sans rien demander",
})
def review_feedback(c, apply=False):
    """Relit les extraits importés avant publication, un par un (oui / non / modifier / passer / quitter)."""
    from plugins.consultation.review import apply_reviews
    from plugins.consultation.review_terminal import review, terminal_ask, terminal_editor
    from plugins.privacy.gate import public_contacts

    settings, out_dir = _feedback_dir()
    max_bytes = settings.get("DATA_MAX_BYTES", 1_000_000)
    names = _names_finder(settings)  # to point out the names a correction may have added
    public = public_contacts(settings)  # what an accepted excerpt may hold: the site's public contacts
    if apply:
        applied, problems = apply_reviews(out_dir, max_bytes, names=names, public=public)
    else:
        applied, problems = review(out_dir, max_bytes, terminal_ask, print, terminal_editor(terminal_ask, print),
                                   names, public)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        count = len(problems)
        plural = "s" if count > 1 else ""
        print(f"\nÉchec de la relecture : {count} problème{plural} à corriger (rien n'a été modifié).",
              file=sys.stderr)
        raise Exit(code=1)
    if applied is not None:
        print(applied.summary(out_dir))
