"""benchmarks/build.py keeps working: its corpus builds cleanly, and the script prints its table.

The timings themselves are not tested (they depend on the machine): docs/mainteneurs/benchmarks.md « Temps de
construction » records a run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from site_build import build

from conftest import OFFICE_SITE, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import FINDINGS_PER_ARTICLE, SETTINGS, SITE, edit_article, make_corpus  # noqa: E402


def test_the_corpus_is_built_on_the_tests_site():
    assert (SITE, SETTINGS) == (OFFICE_SITE, OFFICE_SITE / "pelicanconf.py")


def test_the_corpus_builds_cleanly_with_every_finding_and_project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1782864000")
    corpus = make_corpus(tmp_path / "corpus", 4)
    result = build(str(SETTINGS), str(tmp_path / "output"),
                   {"PATH": str(corpus / "content"), "DATA_PATH": str(corpus / "data")})
    assert result.ok, result.problems
    records = json.loads((tmp_path / "output" / "donnees" / "constats.json").read_text(encoding="utf-8"))["constats"]
    # The 8 findings of the tests' site, then the generated ones (articles dated from 2016-03-01, the newest first).
    assert len(records) == 8 + 4 * FINDINGS_PER_ARTICLE
    assert [record["id"] for record in records[8:]] == [
        f"c{article:04d}-{n}" for article in (3, 2, 1, 0) for n in range(1, FINDINGS_PER_ARTICLE + 1)]
    projects = json.loads((tmp_path / "output" / "donnees" / "projets.json").read_text(encoding="utf-8"))["projets"]
    assert [p["id"] for p in projects if p["id"].startswith("projet-")] == ["projet-0000", "projet-0001"]
    assert (tmp_path / "output" / "axes" / "axe-000" / "index.html").is_file()
    edited = edit_article(corpus, 7)
    assert edited.read_text(encoding="utf-8").endswith("\nParagraphe ajouté n° 7.\n")


def test_the_script_measures_the_three_builds_and_prints_the_table(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build.py"), "--sizes", "3", "--runs", "1"],
                          capture_output=True, encoding="utf-8",
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| 3 (15) |")]
    assert len(rows) == 1, done.stdout
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert len(cells) == 7
    # HTML pages of bare Pelican / ours: the tests' site's pages and the 3 articles (ours: and the 404 page)
    assert cells[1] == "25 / 33"
    for cell in (cells[2], cells[3], cells[5]):
        assert re.fullmatch(r"[0-9]+,[0-9]{2} s", cell), cell
    for cell in (cells[4], cells[6]):
        assert re.fullmatch(r"[0-9]+,[0-9]{2} × \((tenu|dépassé), ≤ [0-9],[0-9]{2}\)", cell), cell
