"""Settings problems point at the line of the settings file that sets the value."""

from __future__ import annotations

from conftest import ROOT

from site_build.setting_lines import locate_settings, setting_line
from site_data.errors import Problem


def line_of(path, start: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(start))


def test_line_in_pelicanconf():
    assert setting_line(str(ROOT / "pelicanconf.py"), "FEEDBACK_BACKEND") == (
        str(ROOT / "pelicanconf.py"), line_of(ROOT / "pelicanconf.py", "FEEDBACK_BACKEND = "))


def test_publishconf_falls_back_to_what_it_imports_and_wins_when_it_sets_the_value():
    publish = ROOT / "publishconf.py"
    assert setting_line(str(publish), "CONTACT_EMAIL") == (
        str(ROOT / "pelicanconf.py"), line_of(ROOT / "pelicanconf.py", "CONTACT_EMAIL = "))
    assert setting_line(str(publish), "FEED_ALL_ATOM") == (str(publish), line_of(publish, "FEED_ALL_ATOM = "))


def test_unknown_setting_and_unreadable_file():
    assert setting_line(str(ROOT / "pelicanconf.py"), "NO_SUCH_SETTING") is None
    assert setting_line(str(ROOT / "absent.py"), "SITENAME") is None


def test_only_settings_problems_without_a_line_and_not_overridden_are_located(tmp_path):
    settings = tmp_path / "reglages.py"
    settings.write_text("SITENAME = 'x'\n\nCONTACT_EMAIL = 'x'\nCONTACT_EMAIL += 'y'\n", encoding="utf-8")
    problems = [Problem("pelicanconf.py", None, None, "réglage CONTACT_EMAIL : adresse invalide"),
                Problem("pelicanconf.py", None, None, "réglage SITENAME : invalide"),
                Problem("data/phases.yml", 3, 1, "réglage CONTACT_EMAIL : déjà situé"),
                Problem("pelicanconf.py", None, None, "réglage HOST : absent du fichier")]
    located = locate_settings(problems, str(settings), {"SITENAME": "x"})
    assert [(p.path, p.line, p.message) for p in located] == [
        (str(settings), 4, "réglage CONTACT_EMAIL : adresse invalide"),
        ("pelicanconf.py", None, "réglage SITENAME : invalide"),
        ("data/phases.yml", 3, "réglage CONTACT_EMAIL : déjà situé"),
        ("pelicanconf.py", None, "réglage HOST : absent du fichier"),
    ]


def test_build_reports_the_line(site):
    """The build of a settings file that overrides pelicanconf.py with a bad value."""
    site.write("reglages.py", "from pelicanconf import *  # noqa\n\nFEEDBACK_BACKEND = 'https://forms.example.org/'\n")
    from site_build import build

    result = build(str(site.base / "reglages.py"), str(site.output), {
        "PATH": str(site.base / "content"), "DATA_PATH": str(site.base / "data"), "THEME": str(ROOT / "theme")})
    assert [str(problem) for problem in result.problems] == [
        "reglages.py:3: réglage FEEDBACK_BACKEND : « https://forms.example.org/ » ne contient ni {id} ni {url} : "
        "sans eux, une réaction ne peut pas être rattachée à son constat"]
