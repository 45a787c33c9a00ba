"""benchmarks/build.py keeps working: its corpus builds cleanly, and the script prints its table.

The timings themselves are not tested (they depend on the machine): docs/mainteneurs/benchmarks.md « Temps de
construction » records a run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

from site_build import build

from conftest import OFFICE_SITE, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import SETTINGS, SITE, article, edit_article, findings_count, make_corpus  # noqa: E402


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
    assert [findings_count(index) for index in range(4)] == [1, 5, 9, 4]
    assert len(records) == 8 + 1 + 5 + 9 + 4
    assert [record["id"] for record in records[8:]] == [
        f"c{index:04d}-{n}" for index in (3, 2, 1, 0) for n in range(1, findings_count(index) + 1)]
    projects = json.loads((tmp_path / "output" / "donnees" / "projets.json").read_text(encoding="utf-8"))["projets"]
    assert [p["id"] for p in projects if p["id"].startswith("projet-")] == ["projet-0000", "projet-0001"]
    assert (tmp_path / "output" / "axes" / "axe-000" / "index.html").is_file()
    edited = edit_article(corpus, 7)
    assert edited.read_text(encoding="utf-8").endswith("\nParagraphe ajouté n° 7.\n")


def test_the_corpus_is_varied_and_the_same_for_the_same_size():
    assert sum(findings_count(index) for index in range(900)) == 900 * 5
    assert len({findings_count(index) for index in range(9)}) == 9
    texts = [article(index) for index in range(20)]
    assert texts == [article(index) for index in range(20)]
    paragraphs = {len(paragraph) for text in texts for paragraph in text.split("\n\n") if paragraph[0] not in "-/T#«"}
    assert len(paragraphs) > 20  # lengths of paragraphs differ


def test_the_script_measures_every_build_and_prints_the_table(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build.py"), "--sizes", "3", "--runs", "1"],
                          capture_output=True, encoding="utf-8",
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert re.fullmatch(r"Mesure du [0-9-]+ ; machine : .+, [0-9]+ cœurs.*, charge moyenne [0-9]+,[0-9]+ au départ",
                        lines[0]), lines[0]
    assert "### 3 articles (23 constats), charge moyenne " in done.stdout
    rows = {cells[0]: cells[1:] for cells in ([cell.strip() for cell in line.strip("|").split("|")]
                                              for line in lines if line.startswith("| ") and " s |" in line)}
    hugo = shutil.which("hugo") is not None
    expected = ["Pelican nu", "notre build", "notre build sans index de recherche (comme Pelican nu)",
                "notre build, premier (cache QR vide)", "modification → page à jour (`regenerate`)"]
    assert sorted(name for name in rows if not name.startswith("Hugo")) == sorted(expected)
    assert [name.startswith("Hugo ") for name in rows].count(True) == (1 if hugo else 0)
    if not hugo:
        assert "Hugo n'est pas installé : pas de comparaison avec Hugo" in done.stdout
    # HTML pages of bare Pelican / ours: the tests' site's pages and the 3 articles (ours: and the 404 page)
    assert (rows["Pelican nu"][0], rows["notre build"][0]) == ("25", "33")
    assert rows["notre build sans index de recherche (comme Pelican nu)"][0] == "33"
    for cells in rows.values():
        for cell in cells[1:3]:
            assert re.fullmatch(r"[0-9]+,[0-9]{2} s", cell), cell
    assert rows["modification → page à jour (`regenerate`)"][3] == "–"
    assert re.search(r"^- notre build / Pelican nu : temps réel [0-9]+,[0-9]{2} × \((tenu|dépassé), ≤ 1,50\), "
                     r"CPU [0-9]+,[0-9]{2} × ; sans index de recherche : temps réel [0-9]+,[0-9]{2} ×, "
                     r"CPU [0-9]+,[0-9]{2} ×$", done.stdout, re.M)
    assert re.search(r"^- modification → page à jour / notre build : [0-9]+,[0-9]{2} × \((tenu|dépassé), ≤ 0,25\)$",
                     done.stdout, re.M)
    assert re.search(r"^- page la plus lourde de notre build : `[^`]+\.html`, [0-9]+,[0-9] Kio compressée "
                     r"\(tenu, ≤ 512 Kio\)$", done.stdout, re.M)
