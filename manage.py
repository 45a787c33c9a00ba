#!/usr/bin/env python3
"""One entry point for a fresh machine: `python3 manage.py build` / `python3 manage.py test`.

Creates the project-local virtualenv `.venv/` on first use (and again whenever a
requirements file changes), installs the pinned dependencies, then runs the
matching invoke task from `tasks.py` inside that virtualenv. Only the standard
library is used here, since nothing else is installed yet. The npm tools a task needs
(the Nu checker for `test`, Lighthouse for `audit`) go to `.venv/tools`.
"""

import hashlib
import os
import signal
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
TOOLS = VENV / "tools"


@dataclass(frozen=True)
class NpmTool:
    """A pinned npm package installed under .venv/tools, in its own prefix: without a package.json,
    `npm install --no-save` removes whatever the install does not name, so two tools sharing a
    prefix would uninstall each other."""

    package: str
    version: str
    prefix: Path
    description: str  # French, for the messages
    stamp_name: str

    @property
    def stamp(self) -> Path:
        return self.prefix / self.stamp_name

    @property
    def installed(self) -> bool:
        return self.stamp.exists() and self.stamp.read_text() == self.version


# The Nu HTML checker, from the npm registry: the PyPI wrapper ships a 2020 jar.
VNU_JAR_VERSION = "26.9.27"
VNU = NpmTool("vnu-jar", VNU_JAR_VERSION, TOOLS, "le validateur HTML Nu", ".vnu-version")
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Lighthouse for `audit` (12.2.3 runs on Node 18 and 20).
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE = NpmTool("lighthouse", LIGHTHOUSE_VERSION, TOOLS / "lighthouse", "Lighthouse", ".version")
LIGHTHOUSE_CLI = LIGHTHOUSE.prefix / "node_modules" / "lighthouse" / "cli" / "index.js"

# Tasks that need the test tooling (pytest, Playwright, the Nu checker; uv for `lock`).
TEST_TASKS = {"test", "lock"}
# npm tools each task needs.
NPM_TOOLS = {"test": [VNU], "audit": [LIGHTHOUSE]}


def say(message: str) -> None:
    print(f"[manage.py] {message}", file=sys.stderr, flush=True)


def requirements_stamp(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_venv(with_tests: bool) -> None:
    requirements = ROOT / ("requirements-test.txt" if with_tests else "requirements.txt")
    files = [ROOT / "requirements.txt", requirements, ROOT / "pyproject.toml"]
    stamp_file = VENV / (".stamp-test" if with_tests else ".stamp-build")
    stamp = requirements_stamp(files)
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    if not (BIN / "python").exists():
        say("création de l'environnement virtuel .venv/ (première utilisation)")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say(f"installation des dépendances ({requirements.name}) et du moteur du site")
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # Exact versions with their hashes (requirements*.txt, compiled from requirements*.in): pip
    # refuses any file whose hash differs and any dependency the lock does not name.
    subprocess.run([*pip, "--require-hashes", "-r", str(requirements)], check=True)
    # The engine itself (core, plugins, site_build, publishing), editable: its packages import
    # each other by name and the code stays where it is edited. Dependencies are the pinned ones.
    subprocess.run([*pip, "--no-deps", "--no-build-isolation", "--editable", str(ROOT)], check=True)
    stamp_file.write_text(stamp)


def ensure_npm_tool(tool: NpmTool) -> None:
    if tool.installed:
        return
    npm = shutil.which("npm")
    if npm is None:
        say(f"npm est introuvable : il faut Node.js et npm pour installer {tool.description} "
            "(sous Debian : apt-get install npm). Voir docs/mainteneurs/dependances.md.")
        sys.exit(2)
    say(f"installation : {tool.description} ({tool.package} {tool.version})")
    tool.prefix.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run(
        [npm, "install", "--prefix", str(tool.prefix), "--no-save", "--no-package-lock",
         "--no-audit", "--no-fund", "--loglevel=error", f"{tool.package}@{tool.version}"],
        check=False,
    )
    if completed.returncode != 0:
        say(f"échec de l'installation de {tool.package} {tool.version} par npm (voir ci-dessus).")
        sys.exit(2)
    tool.stamp.write_text(tool.version)


# Tasks that take several files: invoke gives one positional value per argument, so the files after
# the first are passed with the task's repeatable option (`import-feedback A B` → `A --et B`).
MANY_FILES = {"import-feedback": "--et"}


def task_argv(argv: list[str]) -> list[str]:
    """argv for invoke: `python3 manage.py import-feedback boite.mbox formulaire.csv` works as typed."""
    option = MANY_FILES.get(argv[0]) if argv else None
    if option is None:
        return argv
    out, positional, expecting_value = [argv[0]], False, False
    for token in argv[1:]:
        if expecting_value or token.startswith("-"):
            out.append(token)
            expecting_value = not expecting_value and token == option
        elif positional:
            out += [option, token]
        else:
            out.append(token)
            positional = True
    return out


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        print("\nUsage : python3 manage.py TÂCHE [ARGUMENTS…]   (tâches : .venv/bin/invoke --list)")
        return 0
    if sys.version_info < (3, 11, 5):
        say("Python 3.11.5 ou plus récent est nécessaire.")
        return 2
    with_tests = argv[0] in TEST_TASKS
    ensure_venv(with_tests)
    for tool in NPM_TOOLS.get(argv[0], []):
        ensure_npm_tool(tool)
    env = dict(os.environ, VNU_JAR=str(VNU_JAR), LIGHTHOUSE_CLI=str(LIGHTHOUSE_CLI), VIRTUAL_ENV=str(VENV))
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    # Ctrl-C reaches the task as well, which stops in French (the preview; the reading of the excerpts, keeping
    # the answers given): the launcher waits for it, without a traceback of its own.
    previous = signal.signal(signal.SIGINT, lambda signum, frame: None)
    try:
        done = subprocess.run([str(BIN / "invoke"), *task_argv(argv)], cwd=ROOT, env=env)
    except KeyboardInterrupt:
        return 130
    finally:
        signal.signal(signal.SIGINT, previous)
    return 130 if done.returncode == -signal.SIGINT else done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
