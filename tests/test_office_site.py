"""The office's own site, and the rule that no other test reads it.

content/, data/ and pelicanconf.py belong to the office and change with it (another office
replaces them whole): the only test that looks at them runs `python3 manage.py check` on whatever
is there and asserts only that it passes. Every other test builds a site of tests/sites/.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

TESTS = Path(__file__).resolve().parent
# A test that names the office's files: ROOT / "content", ROOT / "data", the root settings files.
OFFICE_FILES = re.compile(r"""ROOT\s*/\s*["'](content|data|pelicanconf\.py|publishconf\.py)\b""")


def test_the_office_site_passes_its_check():
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}  # the office's today
    done = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=ROOT, env=env,
                          capture_output=True, encoding="utf-8", timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    # The verdict is the last line (the placeholders of a demo are listed before it, as information).
    assert done.stdout.rstrip("\n").splitlines()[-1].startswith("Vérification réussie : aucun problème ("), \
        done.stdout


def test_no_other_test_reads_the_office_files():
    readers = sorted(f"{path.name}:{number}" for path in TESTS.rglob("*.py")
                     if path.name != Path(__file__).name and "sites" not in path.relative_to(TESTS).parts
                     for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                     if OFFICE_FILES.search(line))
    assert readers == []


def test_the_guard_sees_a_test_that_reads_the_office_files():
    assert OFFICE_FILES.search('shutil.copytree(ROOT / "content", base)')
    assert OFFICE_FILES.search("read_settings(str(ROOT/'pelicanconf.py'))")
    assert not OFFICE_FILES.search('shutil.copytree(OFFICE_SITE / "content", base)')
