"""invoke tasks, with Pelican's quickstart names. Run through `python3 manage.py TASK`."""

import os
import shutil
import sys

from invoke import Exit, task

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ROOT)

SETTINGS = {
    "local": os.path.join(ROOT, "pelicanconf.py"),
    "publish": os.path.join(ROOT, "publishconf.py"),
    "output": os.path.join(ROOT, "output"),
    "host": "127.0.0.1",
    "port": 8000,
}


def _build(settings_file):
    from site_build import build as strict_build, print_result

    result = strict_build(settings_file, SETTINGS["output"])
    print_result(result)
    if not result.ok:
        raise Exit(code=1)


@task
def clean(c):
    """Supprime output/."""
    shutil.rmtree(SETTINGS["output"], ignore_errors=True)


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
def preview(c):
    """Construit le site avec publishconf.py (adresses absolues, flux)."""
    _build(SETTINGS["publish"])


@task
def serve(c):
    """Sert output/ sur http://127.0.0.1:8000/ (Ctrl-C pour arrêter)."""
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=SETTINGS["output"])
    server = http.server.ThreadingHTTPServer((SETTINGS["host"], SETTINGS["port"]), handler)
    print(f"Aperçu : http://{SETTINGS['host']}:{SETTINGS['port']}/ (Ctrl-C pour arrêter)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task
def reserve(c):
    """build puis serve."""
    build(c)
    serve(c)


@task(help={"args": "arguments passés à pytest, ex. \"-k donnees\""})
def test(c, args=""):
    """Lance toute la suite de tests (pytest)."""
    result = c.run(f"{sys.executable} -m pytest {args}", pty=False, warn=True)
    raise Exit(code=result.exited)


@task(help={"fichier": "export CSV des réactions reçues (UTF-8, séparateur « ; » ou « , »)"})
def import_feedback(c, fichier):
    """Importe les réactions reçues (CSV) dans data/feedback/ : remplace l'import précédent."""
    sys.path.insert(0, os.path.join(ROOT, "plugins"))
    from pelican.settings import read_settings

    from consultation.feedback_import import run_import
    from findings.registry import collect_finding_ids

    settings = read_settings(SETTINGS["local"])
    data_dir = settings.get("DATA_PATH", "data")
    if not os.path.isabs(data_dir):  # as plugins/site_data does
        data_dir = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), data_dir)
    out_dir = os.path.join(data_dir, "feedback")
    known = collect_finding_ids(SETTINGS["local"])
    imported, problems = run_import(fichier, set(known), out_dir, settings.get("DATA_MAX_BYTES", 1_000_000))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        count = len(problems)
        plural = "s" if count > 1 else ""
        print(f"\nÉchec de l'import : {count} problème{plural} à corriger "
              f"({os.path.relpath(out_dir, ROOT)}/ n'a pas été modifié).", file=sys.stderr)
        raise Exit(code=1)
    print(imported.summary(out_dir))
