"""Reading ahead in a second process (plugins/strict_content/read_ahead.py) changes nothing but the time.

Each build runs in a process of its own: the read-ahead forks only a process with a single thread,
and the test process may hold others (servers, background indexes of earlier tests). A build
prints its problems and what the copy read as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXED_EPOCH, ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2,
                                reason="la lecture anticipée demande fork et deux processeurs")

# `sabotage` names a file the copy must fail on: "exit" (the copy dies), "warn" (it logs a warning
# while reading it) or "raise" (its reading raises).
SCRIPT = """
import json, logging, os, sys
args = json.loads(sys.argv[1])
from plugins.strict_content import read_ahead
from plugins.strict_content.reader import StrictMarkdownReader
from site_build import build

build_pid = os.getpid()
original = StrictMarkdownReader.read

def read(self, source_path):
    if os.getpid() != build_pid and source_path.endswith(args.get("target") or "\\0"):
        if args["sabotage"] == "exit":
            os._exit(3)
        if args["sabotage"] == "warn":
            logging.getLogger("markdown").warning("avertissement dans la copie")
        if args["sabotage"] == "raise":
            raise RuntimeError("échec dans la copie")
    return original(self, source_path)

StrictMarkdownReader.read = read
result = build(args["settings"], args["output"], args["overrides"])
print(json.dumps({"problems": [str(problem) for problem in result.problems], "stats": read_ahead.stats()}))
"""


def build_apart(site, output: Path, parallel: bool, sabotage: str | None = None, target: str | None = None) -> dict:
    overrides = {"PARALLEL_READING": parallel, "PARALLEL_READING_MIN_FILES": 1}
    args = {"settings": str(site.settings), "output": str(output), "overrides": overrides, "sabotage": sabotage,
            "target": target}
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(args)], cwd=site.base, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def add_articles(site, count: int) -> None:
    for number in range(count):
        site.write(f"content/articles/nouvelles/lecture-{number:02d}.md", (
            f"Title: Lecture anticipée n° {number}\nDate: 2016-03-{1 + number % 28:02d}\n\n"
            f"Un paragraphe, avec un [lien](https://example.org/{number}) et *une emphase*.\n\n"
            "## Un intertitre\n\n- une liste\n- de deux points\n"))


def test_the_copy_reads_part_of_the_files_and_the_site_is_byte_identical(site, tmp_path):
    add_articles(site, 24)
    alone = build_apart(site, tmp_path / "seul", parallel=False)
    together = build_apart(site, tmp_path / "a-deux", parallel=True)
    assert alone == {"problems": [], "stats": {}}
    assert together["problems"] == []
    files = together["stats"]["files"]
    assert files == 18 + 24  # every Markdown file of the site: articles, then pages
    assert 0 < together["stats"]["read_by_copy"] <= files  # the copy read some (the build too, unless starved)
    assert files_of(tmp_path / "a-deux") == files_of(tmp_path / "seul")


def test_problems_of_files_the_copy_reads_are_reported_as_without_it(site, tmp_path):
    add_articles(site, 24)
    # The pages are read last: the copy, which starts from the end, reads these.
    site.write("content/pages/zz-inconnue.md", "Title: Page\nAuteur: moi\n\nTexte.\n")
    site.write("content/pages/zz-script.md", "Title: Page\n\nUn [lien](javascript:alert(1)).\n")
    alone = build_apart(site, tmp_path / "seul", parallel=False)
    together = build_apart(site, tmp_path / "a-deux", parallel=True)
    # Sorted: each build is a process with its own hash seed, and Pelican lists the files in a set.
    assert sorted(together["problems"]) == sorted(alone["problems"]) == [
        "content/pages/zz-inconnue.md:2:1: métadonnée « Auteur » inconnue : métadonnées possibles : ambition, "
        "category, consultation_closes, consultation_opens, date, demo, id, lang, modified, order, save_as, slug, "
        "status, summary, tags, template, title, url",
        "content/pages/zz-script.md:3:11: adresse refusée : « javascript:alert(1) » : seules les adresses https:, "
        "http:, mailto:, tel: ou un fichier du site sont permises",
    ]
    assert not (tmp_path / "a-deux").exists()


@pytest.mark.parametrize("sabotage", ["exit", "warn", "raise"])
def test_files_the_copy_fails_on_are_read_by_the_build(site, tmp_path, sabotage):
    """The copy dies on its first file, or logs a warning or raises on each: the build reads them all."""
    add_articles(site, 24)
    build_apart(site, tmp_path / "seul", parallel=False)
    together = build_apart(site, tmp_path / "a-deux", parallel=True, sabotage=sabotage, target=".md")
    assert together["problems"] == []
    assert together["stats"] == {"files": 18 + 24, "read_by_copy": 0}
    assert files_of(tmp_path / "a-deux") == files_of(tmp_path / "seul")


def test_the_minimum_number_of_files_is_checked(site):
    result = site.build(PARALLEL_READING_MIN_FILES=0)
    assert [problem.message for problem in result.problems] == [
        "réglage PARALLEL_READING_MIN_FILES : « 0 » : un nombre de fichiers d'au moins 1 est attendu"]


PREVIEW_SCRIPT = """
import io, json, sys
args = json.loads(sys.argv[1])
from plugins.strict_content import read_ahead
from publishing.devserver import Rebuilder
rebuilder = Rebuilder(args["settings"], args["output"], args["cache"], args["overrides"], stream=io.StringIO(),
                      search_in_background=False)
result = rebuilder.build()
print(json.dumps({"problems": [str(problem) for problem in result.problems], "stats": read_ahead.stats()}))
"""


def preview_apart(site, output: Path, cache: Path) -> dict:
    args = {"settings": str(site.settings), "output": str(output), "cache": str(cache),
            "overrides": {"PARALLEL_READING_MIN_FILES": 1}}
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PREVIEW_SCRIPT, json.dumps(args)], cwd=site.base, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_preview_reads_ahead_only_the_files_its_cache_does_not_hold(site, tmp_path):
    add_articles(site, 24)
    first = preview_apart(site, tmp_path / "apercu", tmp_path / "cache")
    assert first["problems"] == [] and first["stats"]["files"] == 18 + 24
    assert 0 < first["stats"]["read_by_copy"] <= first["stats"]["files"]
    edited = site.base / "content" / "articles" / "nouvelles" / "lecture-07.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n", encoding="utf-8")
    again = preview_apart(site, tmp_path / "apercu", tmp_path / "cache")  # a new session, the same cache
    assert again == {"problems": [], "stats": {"files": 1, "read_by_copy": again["stats"]["read_by_copy"]}}
    cold = build_apart(site, tmp_path / "froid", parallel=False)
    assert cold["problems"] == []
    assert files_of(tmp_path / "apercu") == files_of(tmp_path / "froid")


def test_a_container_quota_below_two_processors_means_reading_alone(tmp_path, monkeypatch):
    from plugins.strict_content import read_ahead

    monkeypatch.setattr(read_ahead.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    quota = tmp_path / "cpu.max"
    monkeypatch.setattr(read_ahead, "CPU_MAX", str(quota))
    assert read_ahead._processors() == 4  # no file: the processors it may run on
    quota.write_text("max 100000\n", encoding="ascii")
    assert read_ahead._processors() == 4
    quota.write_text("150000 100000\n", encoding="ascii")
    assert read_ahead._processors() == 1.5


def test_the_numbers_of_a_build_that_did_not_read_ahead_are_not_the_last_ones(monkeypatch):
    from types import SimpleNamespace

    from plugins.strict_content import read_ahead

    monkeypatch.setitem(read_ahead._LAST, "files", 99)
    read_ahead.start(SimpleNamespace(settings={"PARALLEL_READING": False}))
    assert read_ahead.stats() == {}
