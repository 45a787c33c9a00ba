"""Every HTML page and stylesheet of the built site passes the Nu HTML checker.

vnu runs once for the session (its JVM is slow to start); each file then has its
own test. Errors and non-document errors fail; warnings are printed only.
"""

from __future__ import annotations

import pytest

from nu_checker import format_message, require_vnu, run_vnu
from site_files import params, require_file

pytestmark = pytest.mark.nu


@pytest.fixture(scope="session")
def nu_run(built_site):
    require_vnu()
    files = sorted(p.relative_to(built_site).as_posix()
                   for pattern in ("*.html", "*.css") for p in built_site.rglob(pattern))
    return run_vnu(built_site, files)


def assert_valid(run, relative: str) -> None:
    for warning in run.warnings(relative):
        print(f"{relative}:{warning}")
    problems = run.problems(relative)
    assert problems == [], f"Nu HTML checker, {relative}:\n" + "\n".join(f"  {p}" for p in problems)


@pytest.mark.parametrize("relative", params("html"))
def test_html_is_valid(nu_run, relative):
    assert_valid(nu_run, require_file(relative))


@pytest.mark.parametrize("relative", params("css"))
def test_css_is_valid(nu_run, relative):
    assert_valid(nu_run, require_file(relative))


def test_nu_checked_every_file_and_nothing_else(nu_run, built_site):
    """Files built but unknown at collection, or messages about no file, would go unseen."""
    assert [format_message(m) for m in nu_run.stray] == []
    assert sorted(nu_run.checked) == sorted(nu_run.by_file), "files vnu did not read"
    assert len(nu_run.by_file) >= 2  # at least a page and a stylesheet


# --- The harness's own tests ------------------------------------------------------------

def test_harness_detects_invalid_html_and_css(tmp_path):
    require_vnu()
    (tmp_path / "dossier é").mkdir()
    (tmp_path / "dossier é" / "bad.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head>\n'
        '<body><main><p><div>x</div></p>\n<img src="a.png"></main></body></html>\n', encoding="utf-8")
    (tmp_path / "bad.css").write_text("p { colr: red; }\n", encoding="utf-8")
    (tmp_path / "good.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Bonjour</title></head>\n'
        "<body><main><p>Bonjour à toutes et à tous, voici une page valide.</p></main></body></html>\n",
        encoding="utf-8")
    (tmp_path / "good.css").write_text("p { color: #222; }\n", encoding="utf-8")

    run = run_vnu(tmp_path, ["dossier é/bad.html", "bad.css", "good.html", "good.css", "missing.html"])

    bad_html = "\n".join(run.problems("dossier é/bad.html"))
    assert "error: An “img” element must have an “alt” attribute" in bad_html
    assert "3:1: error:" in bad_html  # line and column of the <img>
    assert "extract: " in bad_html
    assert "Property “colr” doesn't exist" in "\n".join(run.problems("bad.css"))
    assert run.problems("good.html") == []
    assert run.problems("good.css") == []
    missing = run.problems("missing.html")
    assert any("File not found." in p for p in missing) and any("not checked" in p for p in missing)
    assert run.stray == []

