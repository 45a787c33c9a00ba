"""The Nu HTML checker (vnu.jar) over many files at once, messages sorted by file.

Plain functions, shared by the site tests and the harness's own tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT

DEFAULT_JAR = ROOT / ".venv" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ERROR_TYPES = {"error", "non-document-error"}


def vnu_jar() -> Path:
    return Path(os.environ.get("VNU_JAR") or DEFAULT_JAR)


def unavailable_reason() -> str | None:
    """Why the checker cannot run here, or None."""
    reasons = []
    if shutil.which("java") is None:
        reasons.append("java is not on PATH (Debian: default-jre-headless)")
    jar = vnu_jar()
    if not jar.is_file():
        reasons.append(f"no vnu.jar at {jar} (set VNU_JAR, or run `python3 manage.py test` once)")
    return "; ".join(reasons) or None


@dataclass
class NuRun:
    root: Path
    by_file: dict[str, list[dict]] = field(default_factory=dict)  # relative path -> messages
    checked: set[str] = field(default_factory=set)  # files vnu says it read
    stray: list[dict] = field(default_factory=list)  # messages about no file asked for

    def problems(self, relative: str) -> list[str]:
        """Errors for one file, including IO and other non-document errors."""
        found = [format_message(m) for m in self.by_file.get(relative, []) if is_failure(m)]
        if relative not in self.checked:
            found.append("not checked: vnu did not list this file as read")
        return found

    def warnings(self, relative: str) -> list[str]:
        return [format_message(m) for m in self.by_file.get(relative, []) if not is_failure(m)
                and m.get("subType") == "warning"]


def require_vnu() -> None:
    """Skips the calling test when the checker cannot run here; fails it with REQUIRE_BROWSER=1 (CI)."""
    reason = unavailable_reason()
    if reason is None:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"the Nu HTML checker cannot run: {reason} (REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(f"the Nu HTML checker cannot run: {reason}")


def is_failure(message: dict) -> bool:
    # vnu reports an unreadable or missing file as an info-level "File not found." warning.
    return message.get("type") in ERROR_TYPES or message.get("message") == "File not found."


def format_message(message: dict) -> str:
    line = message.get("lastLine", message.get("firstLine", "?"))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    kind = message.get("type", "?") + (f"/{message['subType']}" if message.get("subType") else "")
    text = f"{line}:{column}: {kind}: {message.get('message', '')}"
    if message.get("extract"):
        text += f"\n      extract: {message['extract']!r}"
    return text


def run_vnu(root: Path, relatives: list[str], jar: Path | None = None) -> NuRun:
    """Check the files under root: .css ones as CSS, the others as HTML.

    Two JVMs side by side rather than one with --also-check-css, which (vnu 26.9.27)
    reports HTML lines one too low.
    """
    css = [relative for relative in relatives if relative.endswith(".css")]
    html = [relative for relative in relatives if not relative.endswith(".css")]
    running = [_start(root, ["--css", *css], jar) for group in [css] if group]
    running += [_start(root, ["--html", *html], jar) for group in [html] if group]
    reports = [_finish(process) for process in running]

    run = NuRun(root, {relative: [] for relative in relatives})
    resolved_root = root.resolve()
    for checked, messages in reports:
        run.checked |= checked & set(relatives)
        for message in messages:
            relative = _relative(message.get("url"), resolved_root)
            if relative in run.by_file:
                run.by_file[relative].append(message)
            else:
                run.stray.append(message)
    return run


def _start(root: Path, arguments: list[str], jar: Path | None) -> subprocess.Popen:
    command = [
        "java", "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
        "-jar", str(jar or vnu_jar()), "--format", "json", "--verbose", "--exit-zero-always", *arguments,
    ]
    # --verbose names each file read on stdout; the JSON report goes to stderr.
    env = dict(os.environ, LC_ALL="C.UTF-8")  # Java decodes non-ASCII file names by the locale
    return subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _finish(process: subprocess.Popen) -> tuple[set[str], list[dict]]:
    try:
        out, err = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    stdout, stderr = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    if process.returncode != 0:
        raise RuntimeError(f"vnu exited with {process.returncode}:\n{stderr[-4000:]}")
    start = stderr.find("{")
    try:
        report = json.loads(stderr[start:]) if start >= 0 else None
    except json.JSONDecodeError:
        report = None
    if not isinstance(report, dict) or not isinstance(report.get("messages"), list):
        raise RuntimeError(f"vnu printed no JSON report:\n{stderr[-4000:]}")
    return {line.strip() for line in stdout.splitlines()}, report["messages"]


def _relative(url: str | None, root: Path) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    try:
        return Path(unquote(parts.path)).resolve().relative_to(root).as_posix()
    except ValueError:
        return None
