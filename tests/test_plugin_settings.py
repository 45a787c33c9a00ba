"""The plugins' settings are declared with their defaults and checked when the build starts."""

from __future__ import annotations

import pytest

from core.plugin_settings import REQUIRED, Setting, read_site_settings, relative_url

from conftest import OFFICE_SITE


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def failed_with(site, lines: str) -> list[str]:
    """The sorted messages of a build with `lines` added to the site's settings (nothing written)."""
    site.settings.write_text(site.settings.read_text(encoding="utf-8") + "\n" + lines, encoding="utf-8")
    result = site.build()
    assert not site.output.exists()
    return sorted(messages(result))


def last_line_of(path, start: str) -> int:
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start)][-1]


def test_a_missing_setting_takes_its_default_and_a_required_one_is_reported():
    settings = {"SECTIONS": {"a": {"title": "A"}}}
    assert Setting("X_URL", "x/", str, relative_url).problems(settings) == []
    assert settings["X_URL"] == "x/"
    [problem] = Setting("Y", REQUIRED, str).problems(settings)
    assert (str(problem), problem.setting) == (
        "pelicanconf.py: réglage Y : réglage manquant : ajoutez-le à pelicanconf.py", "Y")


@pytest.mark.parametrize("value, expected", [
    (12, "« 12 » invalide : un texte entre guillemets est attendu"),
    (True, "« True » invalide : un texte entre guillemets est attendu"),
    ("/constats/", "« /constats/ » invalide : une adresse relative au site, sans « / » au début ni « .. »"),
    ("../hors/", "« ../hors/ » invalide : une adresse relative au site, sans « / » au début ni « .. »"),
])
def test_a_wrong_value_is_refused_in_french(value, expected):
    [problem] = Setting("X_URL", "x/", str, relative_url).problems({"X_URL": value})
    assert problem.message == f"réglage X_URL : {expected}"


def test_an_integer_setting_refuses_a_boolean():
    [problem] = Setting("N", 1, int).problems({"N": False})
    assert problem.message == "réglage N : « False » invalide : un nombre entier est attendu"


def test_the_build_fills_in_defaults_the_site_does_not_set(built_site):
    # The tests' site sets none of the plugins' URLs: the declared defaults are used.
    text = (OFFICE_SITE / "pelicanconf.py").read_text(encoding="utf-8")
    assert "FINDINGS_INDEX_URL" not in text and "EMBED_URLS" not in text
    assert (built_site / "constats" / "index.html").is_file()
    assert (built_site / "embed" / "chronologie" / "index.html").is_file()


def test_read_site_settings_gives_the_declared_defaults():
    settings = read_site_settings(OFFICE_SITE / "pelicanconf.py")
    assert (settings["FINDINGS_INDEX_URL"], settings["DATA_MAX_BYTES"], settings["OEMBED_WIDTH"]) == (
        "constats/", 1_000_000, 600)


def test_bad_settings_fail_the_build_at_the_line_that_sets_them(site):
    settings = site.settings.read_text(encoding="utf-8")
    site.settings.write_text(settings + '\nFINDINGS_INDEX_URL = "/constats/"\nOEMBED_WIDTH = "600"\n'
                             'FINDINGS_SECTIONS = ["etat-des-lieux", "agenda"]\n', encoding="utf-8")
    result = site.build()
    assert sorted(messages(result), key=lambda m: int(m.split(":")[1])) == [
        f"pelicanconf.py:{last_line_of(site.settings, 'FINDINGS_INDEX_URL = ')}: réglage FINDINGS_INDEX_URL : "
        "« /constats/ » invalide : une adresse relative au site, sans « / » au début ni « .. »",
        f"pelicanconf.py:{last_line_of(site.settings, 'OEMBED_WIDTH = ')}: réglage OEMBED_WIDTH : « '600' » invalide : "
        "un nombre entier est attendu",
        f"pelicanconf.py:{last_line_of(site.settings, 'FINDINGS_SECTIONS = ')}: réglage FINDINGS_SECTIONS : rubrique "
        "« agenda » absente de SECTIONS (rubriques : etat-des-lieux, nouvelles)",
    ]
    assert not site.output.exists()


def test_an_address_that_is_not_its_file_fails_the_build_at_its_line(site):
    """`X_URL` and `X_SAVE_AS` together (the plugins' and Pelican's): a pair that does not match would
    break every link to those pages, which only `check` would have found."""
    assert failed_with(site, 'FINDINGS_WORKSHOP_PART_SAVE_AS = "constats/atelier/{theme}-{number}.html"\n'
                             'ROADMAP_URL = "feuille/"\nROADMAP_SAVE_AS = "feuille-de-route/index.html"\n') == [
        f"pelicanconf.py:{last_line_of(site.settings, 'FINDINGS_WORKSHOP_PART_SAVE_AS = ')}: réglage "
        "FINDINGS_WORKSHOP_PART_SAVE_AS : « constats/atelier/{theme}-{number}.html » ne correspond pas à l'adresse "
        "de ces pages, FINDINGS_WORKSHOP_PART_URL = « constats/atelier/{theme}/{number}/ » : les liens vers elles "
        "seraient cassés ; écrivez « constats/atelier/{theme}/{number}/index.html », ou changez les deux ensemble",
        f"pelicanconf.py:{last_line_of(site.settings, 'ROADMAP_URL = ')}: réglage ROADMAP_URL : « feuille/ » ne "
        "correspond pas au fichier écrit, ROADMAP_SAVE_AS = « feuille-de-route/index.html » : les liens vers ces "
        "pages seraient cassés ; écrivez « feuille-de-route/ », ou changez les deux ensemble",
    ]


def test_a_file_changed_alone_is_reported_at_the_office_line_with_what_to_write(site):
    """ARTICLE_URL comes from core/engine_settings.py, which the office never edits: the line it changed is
    ARTICLE_SAVE_AS's. An archive by date written without an address (Pelican's empty default URL) is told
    which address to add, never « index.html » (the home page)."""
    assert failed_with(site, 'ARTICLE_SAVE_AS = "{slug}/index.html"\n'
                             'YEAR_ARCHIVE_SAVE_AS = "archives/{date:%Y}/index.html"\n') == [
        f"pelicanconf.py:{last_line_of(site.settings, 'ARTICLE_SAVE_AS = ')}: réglage ARTICLE_SAVE_AS : "
        "« {slug}/index.html » ne correspond pas à l'adresse de ces pages, ARTICLE_URL = « {category}/{slug}/ » : "
        "les liens vers elles seraient cassés ; écrivez « {category}/{slug}/index.html », ou changez les deux "
        "ensemble",
        f"pelicanconf.py:{last_line_of(site.settings, 'YEAR_ARCHIVE_SAVE_AS = ')}: réglage YEAR_ARCHIVE_SAVE_AS : "
        "« archives/{date:%Y}/index.html » : ces pages n'ont pas d'adresse, YEAR_ARCHIVE_URL est vide : les liens "
        "vers elles seraient cassés ; ajoutez YEAR_ARCHIVE_URL = « archives/{date:%Y}/ »",
    ]


def test_a_site_without_sections_is_told_what_to_add(site):
    text = site.settings.read_text(encoding="utf-8")
    start = text.index("SECTIONS = {")
    end = text.index("\n}\n", start) + 3
    site.settings.write_text(text[:start] + text[end:], encoding="utf-8")
    result = site.build()
    assert messages(result)[0] == "pelicanconf.py: réglage SECTIONS : réglage manquant : ajoutez-le à pelicanconf.py"
