"""Settings problems point at the line of the settings file that sets the value.

A problem names its setting in its `setting` field (core.problems.setting_problem); the build
finds the last assignment of that setting in the settings file or in what it builds on: a module
it star-imports (`from core.engine_settings import *`) or a sibling loaded with
`settings_of(__file__, "pelicanconf.py")` (publishconf.py)."""

from __future__ import annotations

from pathlib import Path

import core.engine_settings
from core.problems import Problem, setting_problem
from site_build.setting_lines import locate_settings, setting_line

from conftest import OFFICE_SITE, ROOT

PELICANCONF = OFFICE_SITE / "pelicanconf.py"
PUBLISHCONF = OFFICE_SITE / "publishconf.py"
ENGINE_SETTINGS = Path(core.engine_settings.__file__).resolve()


def line_of(path, start: str) -> int:
    [number] = [number for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(start)]
    return number


def test_line_in_pelicanconf():
    assert setting_line(str(PELICANCONF), "FEEDBACK_BACKEND") == (
        str(PELICANCONF), line_of(PELICANCONF, "FEEDBACK_BACKEND = "))
    assert setting_line(str(PELICANCONF), "FINDINGS_PHASE") == (
        str(PELICANCONF), line_of(PELICANCONF, "FINDINGS_PHASE = "))


def test_star_imported_module_gives_the_line_of_the_engine_settings():
    """The site's pelicanconf.py star-imports core.engine_settings: its technical settings are there."""
    assert line_of(PELICANCONF, "from core.engine_settings import *") < line_of(PELICANCONF, "SITENAME = ")
    assert setting_line(str(PELICANCONF), "THEME") == (str(ENGINE_SETTINGS), line_of(ENGINE_SETTINGS, "THEME = "))
    assert setting_line(str(PELICANCONF), "ARTICLE_URL") == (
        str(ENGINE_SETTINGS), line_of(ENGINE_SETTINGS, "ARTICLE_URL = "))
    assert setting_line(str(PELICANCONF), "DATA_MAX_BYTES") is None  # declared by its plugin, set nowhere


def test_publishconf_falls_back_to_what_it_loads_and_wins_when_it_sets_the_value():
    # settings_of(__file__, "pelicanconf.py"): the sibling pelicanconf.py, then what it star-imports.
    assert setting_line(str(PUBLISHCONF), "CONTACT_EMAIL") == (
        str(PELICANCONF), line_of(PELICANCONF, "CONTACT_EMAIL = "))
    assert setting_line(str(PUBLISHCONF), "THEME") == (str(ENGINE_SETTINGS), line_of(ENGINE_SETTINGS, "THEME = "))
    # Set by the engine settings and again by publishconf.py after loading pelicanconf.py: publishconf.py wins.
    assert setting_line(str(PUBLISHCONF), "FEED_ALL_ATOM") == (
        str(PUBLISHCONF), line_of(PUBLISHCONF, "FEED_ALL_ATOM = "))
    assert setting_line(str(PUBLISHCONF), "SITEURL") == (str(PUBLISHCONF), line_of(PUBLISHCONF, "SITEURL = "))
    assert setting_line(str(PELICANCONF), "SITEURL") == (str(ENGINE_SETTINGS), line_of(ENGINE_SETTINGS, "SITEURL = "))


def test_the_last_assignment_wins_before_or_after_a_star_import(tmp_path):
    (tmp_path / "commun.py").write_text("CONTACT_EMAIL = 'a@example.org'\nSITENAME = 'Commun'\n", encoding="utf-8")
    before = tmp_path / "avant.py"
    before.write_text("SITENAME = 'Site'\nfrom commun import *  # noqa\n", encoding="utf-8")
    after = tmp_path / "apres.py"
    after.write_text("from commun import *  # noqa\nTIMEZONE = 'UTC'\n\nSITENAME = 'Site'\nSITENAME += '!'\n",
                     encoding="utf-8")
    engine = tmp_path / "moteur.py"
    engine.write_text("TIMEZONE = 'UTC'\nfrom core.engine_settings import *  # noqa\n", encoding="utf-8")
    assert setting_line(str(before), "SITENAME") == (str(tmp_path / "commun.py"), 2)
    assert setting_line(str(before), "CONTACT_EMAIL") == (str(tmp_path / "commun.py"), 1)
    assert setting_line(str(after), "SITENAME") == (str(after), 5)
    assert setting_line(str(after), "CONTACT_EMAIL") == (str(tmp_path / "commun.py"), 1)
    assert setting_line(str(engine), "TIMEZONE") == (str(ENGINE_SETTINGS), line_of(ENGINE_SETTINGS, "TIMEZONE = "))


def test_settings_files_that_load_each_other_end(tmp_path):
    (tmp_path / "a.py").write_text("from b import *  # noqa\nSITENAME = 'a'\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("from a import *  # noqa\nCONTACT_EMAIL = 'b'\n", encoding="utf-8")
    assert setting_line(str(tmp_path / "a.py"), "CONTACT_EMAIL") == (str(tmp_path / "b.py"), 2)
    assert setting_line(str(tmp_path / "a.py"), "NO_SUCH_SETTING") is None


def test_unknown_setting_and_unreadable_file():
    assert setting_line(str(PELICANCONF), "NO_SUCH_SETTING") is None
    assert setting_line(str(PUBLISHCONF), "NO_SUCH_SETTING") is None
    assert setting_line(str(ROOT / "absent.py"), "SITENAME") is None


def test_only_settings_problems_without_a_line_and_not_overridden_are_located(tmp_path):
    settings = tmp_path / "reglages.py"
    settings.write_text("SITENAME = 'x'\n\nCONTACT_EMAIL = 'x'\nCONTACT_EMAIL += 'y'\n", encoding="utf-8")
    problems = [setting_problem("CONTACT_EMAIL", "adresse invalide"),
                setting_problem("SITENAME", "invalide"),
                Problem("data/phases.yml", 3, 1, "réglage CONTACT_EMAIL : déjà situé", setting="CONTACT_EMAIL"),
                setting_problem("HOST", "absent du fichier"),
                # Located from the `setting` field, never from the words of the message.
                Problem("pelicanconf.py", None, None, "réglage CONTACT_EMAIL : sans champ setting")]
    located = locate_settings(problems, str(settings), {"SITENAME": "x"})
    assert [(p.path, p.line, p.col, p.message, p.setting) for p in located] == [
        (str(settings), 4, None, "réglage CONTACT_EMAIL : adresse invalide", "CONTACT_EMAIL"),
        ("pelicanconf.py", None, None, "réglage SITENAME : invalide", "SITENAME"),
        ("data/phases.yml", 3, 1, "réglage CONTACT_EMAIL : déjà situé", "CONTACT_EMAIL"),
        ("pelicanconf.py", None, None, "réglage HOST : absent du fichier", "HOST"),
        ("pelicanconf.py", None, None, "réglage CONTACT_EMAIL : sans champ setting", None),
    ]
    assert located[1:] == problems[1:]


BAD_BACKEND = ("réglage FEEDBACK_BACKEND : « https://forms.example.org/ » ne contient ni {id} ni {url} : "
               "sans eux, une réaction ne peut pas être rattachée à son constat")


def test_build_reports_the_line(site):
    """The build of a settings file that loads the site's pelicanconf.py and overrides it with a bad value."""
    site.write("reglages.py", 'from core.settings_files import settings_of\n\n'
                              'globals().update(settings_of(__file__, "pelicanconf.py"))\n\n'
                              "FEEDBACK_BACKEND = 'https://forms.example.org/'\n")
    result = site.build("reglages.py")
    assert [str(problem) for problem in result.problems] == [f"reglages.py:5: {BAD_BACKEND}"]


def test_publish_build_reports_the_line_of_pelicanconf(site):
    """publishconf.py builds on pelicanconf.py: a bad value set there is reported at its line there."""
    text = site.settings.read_text(encoding="utf-8")
    assert text.count('FEEDBACK_BACKEND = "mailto"\n') == 1
    site.settings.write_text(
        text.replace('FEEDBACK_BACKEND = "mailto"', "FEEDBACK_BACKEND = 'https://forms.example.org/'"), encoding="utf-8")
    result = site.build("publishconf.py")
    assert [str(problem) for problem in result.problems] == [
        f"pelicanconf.py:{line_of(site.settings, 'FEEDBACK_BACKEND = ')}: {BAD_BACKEND}"]
