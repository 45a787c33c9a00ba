#!/usr/bin/env python3
"""One entry point for a fresh machine: `python3 manage.py build` / `python3 manage.py test`.

Creates the project-local virtualenv `.venv/` on first use (and again whenever a
requirements file changes), installs the pinned dependencies, then runs the
matching invoke task from `tasks.py` inside that virtualenv. Only the standard
library is used here, since nothing else is installed yet.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
# The Nu HTML checker, from the npm registry: the PyPI wrapper ships a 2020 jar.
VNU_JAR_VERSION = "26.9.27"
TOOLS = VENV / "tools"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Tasks that need the test tooling (pytest, Playwright, the Nu checker).
TEST_TASKS = {"test"}


def say(message: str) -> None:
    print(f"[manage.py] {message}", file=sys.stderr, flush=True)


def requirements_stamp(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_venv(with_tests: bool) -> None:
    files = [ROOT / "requirements.txt"]
    if with_tests:
        files.append(ROOT / "requirements-test.txt")
    stamp_file = VENV / (".stamp-test" if with_tests else ".stamp-build")
    stamp = requirements_stamp(files)
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    if not (BIN / "python").exists():
        say("création de l'environnement virtuel .venv/ (première utilisation)")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say(f"installation des dépendances ({', '.join(f.name for f in files)})")
    subprocess.run(
        [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(files[-1])],
        check=True,
    )
    stamp_file.write_text(stamp)


def ensure_vnu() -> None:
    if VNU_JAR.exists() and (TOOLS / ".vnu-version").read_text() == VNU_JAR_VERSION:
        return
    npm = shutil.which("npm")
    if npm is None:
        say("npm est introuvable : il faut Node.js et npm pour installer le validateur Nu "
            "(sous Debian : apt-get install npm). Voir README.")
        sys.exit(2)
    say(f"installation du validateur HTML Nu (vnu-jar {VNU_JAR_VERSION})")
    TOOLS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(TOOLS), "--no-save", "--no-package-lock",
         "--no-audit", "--no-fund", "--loglevel=error", f"vnu-jar@{VNU_JAR_VERSION}"],
        check=True,
    )
    (TOOLS / ".vnu-version").write_text(VNU_JAR_VERSION)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        print("\nUsage : python3 manage.py TÂCHE [ARGUMENTS…]   (tâches : .venv/bin/invoke --list)")
        return 0
    if sys.version_info < (3, 11):
        say("Python 3.11 ou plus récent est nécessaire.")
        return 2
    with_tests = argv[0] in TEST_TASKS
    ensure_venv(with_tests)
    if with_tests:
        ensure_vnu()
    env = dict(os.environ, VNU_JAR=str(VNU_JAR), VIRTUAL_ENV=str(VENV))
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run([str(BIN / "invoke"), *argv], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
