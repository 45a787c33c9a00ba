"""`invoke audit`: build the site, serve it on 127.0.0.1, run Lighthouse on one page of each kind.

Lighthouse (npm, pinned in manage.py, installed in .venv/tools) drives the system Chromium
(CHROMIUM_PATH, else /usr/bin/chromium) with its defaults: mobile form factor and simulated
throttling, categories performance, accessibility, best-practices and seo, French audit titles.
The site is built strictly with the local settings (relative addresses: the public SITEURL is
not this server) into a temporary folder: output/ is not touched. Reading the reports and the
French report are in publishing/audit.py.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from core.plugin_settings import read_site_settings

from . import audit

ROOT = Path(__file__).resolve().parent.parent
# Where manage.py installs it (its own npm prefix under .venv/tools); manage.py also passes it
# as LIGHTHOUSE_CLI.
LIGHTHOUSE_CLI = ROOT / ".venv" / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# The machine has no network: no background requests, updates, sync or QUIC from Chromium.
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
)
RUN_TIMEOUT_S = 300


class AuditError(Exception):
    """A French reason why the audit could not run at all."""



# --- Tools ---------------------------------------------------------------------------------------

def lighthouse_command() -> list[str]:
    """`node …/lighthouse/cli/index.js` (LIGHTHOUSE_CLI overrides the project's copy)."""
    cli = Path(os.environ.get("LIGHTHOUSE_CLI") or LIGHTHOUSE_CLI)
    if not cli.is_file():
        raise AuditError(f"Lighthouse est introuvable ({cli}) : lancez l'audit par "
                         "« python3 manage.py audit », qui l'installe dans .venv/tools.")
    node = shutil.which("node")
    if node is None:
        raise AuditError("node est introuvable : il faut Node.js 18 ou plus récent pour Lighthouse "
                         "(sous Debian : apt-get install nodejs npm).")
    return [node, str(cli)]


def chromium_path() -> str:
    """CHROMIUM_PATH if set (as the tests), else Debian's Chromium."""
    path = os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise AuditError(f"Chromium est introuvable ({path}) : installez-le (sous Debian : "
                         "apt-get install chromium) ou indiquez son chemin dans CHROMIUM_PATH.")
    return path


# --- Build and serve -----------------------------------------------------------------------------

def build_site(settings_file: str, output: Path) -> None:
    from site_build import build, print_result

    result = build(settings_file, str(output))
    print_result(result)
    if not result.ok:
        raise AuditError("Audit impossible : la construction a échoué.")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@contextlib.contextmanager
def local_server(directory: Path):
    """Serves directory on 127.0.0.1 (a free port) from a thread; yields its origin."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="audit-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- Lighthouse ----------------------------------------------------------------------------------

def lighthouse_args(url: str, report_path: Path) -> list[str]:
    categories = ",".join(category for category, _ in audit.CATEGORIES)
    return [url, "--output=json", f"--output-path={report_path}", f"--only-categories={categories}",
            "--locale=fr", f"--chrome-flags={' '.join(CHROME_FLAGS)}", "--quiet"]


def run_lighthouse(command: list[str], chromium: str, url: str, report_path: Path) -> str:
    """Runs Lighthouse on url, writing its JSON report; returns an error text ("" when fine)."""
    env = dict(os.environ, CHROME_PATH=chromium)
    report_path.unlink(missing_ok=True)  # a report left by an earlier run must not pass for this one
    try:
        completed = subprocess.run([*command, *lighthouse_args(url, report_path)], env=env,
                                   capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return f"Lighthouse n'a pas fini en {RUN_TIMEOUT_S} s"
    if completed.returncode != 0 or not report_path.is_file():
        output = (completed.stderr or completed.stdout).strip().splitlines()
        return f"Lighthouse a échoué (code {completed.returncode}) : {output[-1] if output else ''}"
    return ""


def audit_page(command, chromium, origin, kind, path, reports: Path) -> audit.PageResult:
    report_path = reports / f"{audit.slug(kind.label)}.json"
    print(f"Lighthouse : {kind.label} ({path})…", file=sys.stderr, flush=True)
    error = run_lighthouse(command, chromium, origin + path, report_path)
    if error:
        return audit.missing_report(kind.label, path, error)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return audit.read_report(report, kind.label, path, kind.accepted)


def audit_site(command: list[str], chromium: str, site: Path, reports: Path,
               kinds: tuple[audit.PageKind, ...]) -> list[audit.PageResult]:
    pages, problems = audit.pick_pages(site, kinds)
    if problems:
        raise AuditError("\n".join(problems))
    with local_server(site) as origin:
        return [audit_page(command, chromium, origin, kind, path, reports) for kind, path in pages]


def run(settings_file: str, reports_dir: str | None = None) -> int:
    """The whole audit; prints the French report on stdout and returns the exit code."""
    try:
        command, chromium = lighthouse_command(), chromium_path()
        with tempfile.TemporaryDirectory(prefix="lvas-audit-") as tmp:
            reports = Path(reports_dir or Path(tmp) / "rapports")
            reports.mkdir(parents=True, exist_ok=True)
            build_site(settings_file, Path(tmp) / "site")
            kinds = audit.page_kinds(read_site_settings(settings_file))
            results = audit_site(command, chromium, Path(tmp) / "site", reports, kinds)
    except AuditError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(audit.report_text(results))
    if reports_dir:
        print(f"\nRapports Lighthouse (JSON) : {reports}")
    return audit.exit_code(results)
