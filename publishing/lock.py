"""`python3 manage.py lock`: requirements*.txt compiled from requirements*.in, with hashes.

uv (a test dependency) resolves for every platform and every Python from 3.11.5 (`--universal`),
so the lock made on one machine installs on another; `--upgrade` takes the newest versions the
.in files allow, otherwise the versions already locked are kept. The test lock is constrained by
the build lock (`-c requirements.txt`): both install the same version of what they share.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# In this order: each later lock is constrained by the build lock. requirements-names.txt is what the
# feedback import installs the first time it looks for names (plugins/privacy/names.py), never `build`.
LOCKS = (("requirements.in", "requirements.txt"), ("requirements-names.in", "requirements-names.txt"),
         ("requirements-test.in", "requirements-test.txt"))
PYTHON = "3.11.5"  # the oldest Python the project supports (pyproject.toml requires-python)


def compile_command(uv: str, source: str, target: str, upgrade: bool) -> list[str]:
    return [uv, "pip", "compile", source, "--output-file", target, "--universal", "--python-version", PYTHON,
            "--generate-hashes", "--no-annotate", "--quiet", "--custom-compile-command", "python3 manage.py lock",
            *(["--upgrade"] if upgrade else [])]


def lock_requirements(root: str | Path, upgrade: bool = False) -> int:
    uv = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    if not os.path.exists(uv):
        print("uv est introuvable : lancez la commande par python3 manage.py lock.", file=sys.stderr)
        return 2
    for source, target in LOCKS:
        done = subprocess.run(compile_command(uv, source, target, upgrade), cwd=root, check=False)
        if done.returncode != 0:
            print(f"Échec du verrouillage de {target} depuis {source} (voir ci-dessus) : fichier inchangé.",
                  file=sys.stderr)
            return 1
        print(f"{target} : versions exactes et empreintes recompilées depuis {source}.")
    return 0
