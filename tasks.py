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
