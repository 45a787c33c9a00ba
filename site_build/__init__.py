"""The strict build: Pelican in-process, every warning a failure, output swapped in only when clean.

Used by tasks.py, the tests and CI, so they all build the same way. Problems are
printed as `file:line:col: message` in French; the previous output/ stays in
place until a build succeeds (no half-written site).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field

from pelican import Pelican, signals
from pelican.log import console
from pelican.settings import read_settings

from core import build_state, output_paths
from core.compat import forget_memoized_contents, reset_log_limits
from core.plugin_order import check_plugins
from core.plugin_settings import apply_settings
from core.problems import BuildAborted, Problem, ProblemError
from core.signals import build_ended, site_complete

from .pelican_messages import to_problems
from .setting_lines import locate_settings, setting_line
from core.settings_errors import settings_problem
from .template_cache import MemoryBytecodeCache


@dataclass
class BuildResult:
    output: str
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class _Collector(logging.Handler):
    """Every record at WARNING or above is a problem: Pelican's --fatal warnings, all at once."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.problems: list[Problem] = []

    def emit(self, record):
        for problem in to_problems(record):
            if problem not in self.problems:
                self.problems.append(problem)


def reset_pelican_logging() -> None:
    """Pelican drops repeated messages per process: forget earlier builds."""
    reset_log_limits()


def start_build(observers=()) -> None:
    """A clean slate, then what runs first when the build starts, in this order: PLUGINS is
    checked (each plugin has those it needs), then the plugins' declared settings get their
    defaults and are checked. Both run at
    `initialized` before any plugin's own receiver, because they are connected before Pelican
    registers the plugins (in the order of PLUGINS). `observers`: (signal, receiver) pairs of the
    caller (publishing/check.py records what the build wrote), connected after the reset."""
    build_state.reset()
    signals.initialized.connect(check_plugins)
    signals.initialized.connect(apply_settings)
    output_paths.connect()  # one address per output file (core/output_paths.py)
    for signal, receiver in observers:
        signal.connect(receiver, weak=False)


# Set by the preview for its own builds (publishing/devserver.py), never by a settings file: a site
# built with one of them by `build`, `check` or `publish` would go live incomplete.
PREVIEW_ONLY_SETTINGS = ("SEARCH_INDEX_DEFERRED",)


def preview_only_settings(settings_file: str) -> None:
    problems = []
    for name in PREVIEW_ONLY_SETTINGS:
        found = setting_line(settings_file, name)
        if found is not None:
            problems.append(Problem(os.path.relpath(found[0]), found[1], 1, (
                f"réglage {name} réservé à l'aperçu (livereload, regenerate), qui le donne lui-même : "
                "retirez cette ligne, sinon le site publié n'aurait pas d'index de recherche")))
    if problems:
        raise ProblemError(*problems)


def build(settings_file: str = "pelicanconf.py", output: str | None = None,
          overrides: dict | None = None, observers=(), before_swap=None, discard=shutil.rmtree) -> BuildResult:
    """`before_swap(staging)`: called once the site is complete and clean, before it replaces the
    output (the preview carries its search index over: publishing/preview_index.py);
    `discard(folder)` deletes the output it replaced (the preview does it in the background)."""
    settings_file = os.path.abspath(settings_file)
    reset_pelican_logging()
    collector = _Collector()
    root = logging.getLogger()
    saved_level, saved_quiet = root.level, console.quiet
    root.addHandler(collector)
    root.setLevel(logging.WARNING)
    console.quiet = True  # Pelican's own English summary; we print ours

    final = None
    staging = None
    settings = None
    try:
        try:
            settings = read_settings(settings_file, override=dict(overrides or {}))
        except Exception as exc:  # noqa: BLE001 - Python could not run the settings file, or PATH is missing
            located = settings_problem(settings_file, exc)
            if located is not None:
                raise ProblemError(located) from None
            if not isinstance(exc, ValueError) or "path containing the content" not in str(exc):
                raise
            raise ProblemError(Problem((overrides or {}).get("PATH", "content"), None, None, (
                "dossier des contenus introuvable : le site se construit à partir de ce dossier (réglage PATH) ; "
                "rétablissez-le, par exemple avec « git checkout -- content »"))) from None
        preview_only_settings(settings_file)
        final = os.path.abspath(output or settings["OUTPUT_PATH"])
        os.makedirs(os.path.dirname(final), exist_ok=True)
        staging = tempfile.mkdtemp(prefix=".output-", dir=os.path.dirname(final))
        settings["OUTPUT_PATH"] = staging
        settings["DEBUG"] = True  # so Pelican keeps the exception of an unreadable file
        # One compilation of each template for all the generators' Jinja environments.
        settings["JINJA_ENVIRONMENT"] = {"bytecode_cache": MemoryBytecodeCache(),
                                         **(settings.get("JINJA_ENVIRONMENT") or {})}
        start_build(observers)
        Pelican(settings).run()
        if not collector.problems:
            site_complete.send(settings)  # e.g. the search index of the clean site (plugins/search_index)
    except BuildAborted:
        pass  # its problems are already reported
    except ProblemError as exc:
        collector.problems.extend(exc.problems)
    except Exception as exc:  # noqa: BLE001 - turned into a French message, never a traceback
        if os.environ.get("LVAS_DEBUG"):
            raise
        collector.problems.append(Problem(settings_file, None, None, (
            f"erreur interne de la construction ({type(exc).__name__} : {exc}) ; relancez avec "
            "LVAS_DEBUG=1 pour le détail et signalez-la à l'équipe technique")))
    finally:
        if settings is not None:
            build_ended.send(settings, ok=not collector.problems)  # e.g. stop Pagefind after a failure
        forget_memoized_contents()  # the build's contents are not kept alive by Pelican's caches
        root.removeHandler(collector)
        root.setLevel(saved_level)
        console.quiet = saved_quiet

    problems = locate_settings(collector.problems, settings_file, overrides or {})
    result = BuildResult(output=final or "", problems=problems)
    if staging is None:
        return result
    if not result.ok:
        shutil.rmtree(staging, ignore_errors=True)
        return result
    result.pages = sum(name.endswith(".html") for _, _, names in os.walk(staging) for name in names)
    if before_swap is not None:
        before_swap(staging)
    _swap_in(staging, final, discard)
    return result


def _swap_in(staging: str, final: str, discard=shutil.rmtree) -> None:
    """Replace final by staging with two renames, so readers never see a partial site."""
    old = None
    if os.path.exists(final):
        old = tempfile.mkdtemp(prefix=".output-old-", dir=os.path.dirname(final))
        os.rmdir(old)
        os.rename(final, old)
    os.rename(staging, final)
    os.chmod(final, 0o755)
    if old:
        discard(old)


def print_result(result: BuildResult, stream=sys.stderr) -> None:
    if result.ok:
        print(f"Site construit : {result.pages} pages HTML dans {result.output}", file=stream)
        return
    # Reading order: file by file, line by line.
    for problem in sorted(result.problems, key=lambda p: (p.path, p.line or 0, p.col or 0)):
        print(problem, file=stream)
    count = len(result.problems)
    plural = "s" if count > 1 else ""
    print(f"\nÉchec de la construction : {count} problème{plural} à corriger "
          "(le dossier de sortie n'a pas été modifié).", file=stream)
