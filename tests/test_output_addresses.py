"""One address per output file (core/output_paths.py): two writers of one path — two sources, a
source and a generated page, an open-data file, a static file or an asset of the theme — stop the
build with a French message naming both; Save_as, URL, Template and Lang are checked, located; a
finding's id may not repeat an id the theme's templates use (plugins/findings/theme_ids.py)."""

from __future__ import annotations

import pytest

from plugins.findings.theme_ids import taken_anchor, theme_ids

from conftest import ROOT

PAGE = "Title: Une page\n{meta}\nTexte de la page.\n"
TAKEN = ("deux fichiers du site ne peuvent pas avoir la même adresse ; changez Slug, Save_as ou URL dans "
         "ses métadonnées")


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


@pytest.mark.parametrize("path, meta, expected", [
    pytest.param("content/pages/fdr.md", "Slug: feuille-de-route",
                 "content/pages/fdr.md:2:1: adresse « feuille-de-route/index.html » déjà prise par la page générée "
                 f"par le site (gabarit « feuille-de-route ») : {TAKEN}", id="slug-of-a-generated-page"),
    pytest.param("content/pages/partenaires-bis.md", "Slug: partenaires",
                 "content/pages/partenaires.md:2:1: adresse « partenaires/index.html » déjà prise par "
                 f"content/pages/partenaires-bis.md : {TAKEN}", id="two-sources-one-slug"),
    pytest.param("content/pages/idx.md", "Save_as: index.html",
                 "content/pages/idx.md:2:1: adresse « index.html » déjà prise par content/pages/accueil.md : "
                 f"{TAKEN}", id="save-as-of-the-home-page"),
    pytest.param("content/pages/rss.md", "Save_as: feeds/all.atom.xml",
                 "content/pages/rss.md:2:1: « Save_as: feeds/all.atom.xml » : une page s'écrit dans un fichier .html "
                 "(par exemple ma-page/index.html) ; retirez Save_as ou corrigez-le", id="save-as-not-html"),
    pytest.param("content/pages/csv.md", "Save_as: donnees/constats.csv",
                 "content/pages/csv.md:2:1: « Save_as: donnees/constats.csv » : une page s'écrit dans un fichier "
                 ".html (par exemple ma-page/index.html) ; retirez Save_as ou corrigez-le", id="save-as-open-data"),
    pytest.param("content/pages/tpl.md", "Template: articel",
                 "content/pages/tpl.md:2:1: gabarit inconnu « articel » : vérifiez son nom (un fichier de "
                 "theme/templates/, sans .html), ou retirez la ligne Template", id="unknown-template"),
    pytest.param("content/pages/en.md", "Lang: en",
                 "content/pages/en.md:2:1: « Lang: en » refusé : le site est publié en une seule langue (fr) ; "
                 "retirez la ligne Lang", id="lang"),
    pytest.param("content/pages/u.md", "URL: https://ailleurs.example/",
                 "content/pages/u.md:2:1: « URL: https://ailleurs.example/ » : adresse relative au site attendue "
                 "(par exemple ma-page/), pas une adresse d'un autre site", id="url-elsewhere"),
    pytest.param("content/pages/u.md", "Save_as: a/index.html\nURL: b/",
                 "content/pages/u.md:3:1: « URL: b/ » ne correspond pas au fichier écrit (a/index.html) : les liens "
                 "vers la page seraient cassés ; retirez URL, ou donnez Save_as et URL ensemble (URL: ma-page/ avec "
                 "Save_as: ma-page/index.html)", id="url-not-the-file"),
])
def test_refused_addresses(site, path, meta, expected):
    site.write(path, PAGE.format(meta=meta))
    result = site.build()
    assert messages(result) == [expected]


def test_a_page_over_a_theme_asset_names_both(site):
    site.write("content/pages/css.html.md", PAGE.format(meta="Save_as: theme/css/site.html"))
    result = site.build()
    assert result.ok, messages(result)
    site.write("content/pages/css.html.md", PAGE.format(meta="Save_as: theme/css/site.css"))
    result = site.build()
    assert messages(result)[-1] == (
        "content/pages/css.html.md:2:1: adresse « theme/css/site.css » déjà prise par le fichier du thème "
        f"{ROOT / 'theme' / 'static' / 'css' / 'site.css'} : {TAKEN}")


def test_an_article_lang_en_is_refused(site):
    site.write("content/articles/nouvelles/english.md",
               "Title: English\nDate: 2016-03-02\nLang: en\n\nText.\n")
    assert messages(site.build()) == [
        "content/articles/nouvelles/english.md:3:1: « Lang: en » refusé : le site est publié en une seule "
        "langue (fr) ; retirez la ligne Lang"]


def test_good_save_as_and_url_together_build(site):
    site.write("content/pages/u.md", PAGE.format(meta="Save_as: a/index.html\nURL: a/"))
    result = site.build()
    assert result.ok, messages(result)
    assert (site.output / "a" / "index.html").is_file()


def test_the_theme_ids_come_from_the_templates():
    ids = theme_ids(str(ROOT / "theme" / "templates"))
    assert {"contenu", "donnees-reactions", "appel-titre"} <= ids
    assert taken_anchor("contenu", ids) == "contenu"
    assert taken_anchor("appel", ids) == "appel-titre"
    assert taken_anchor("economie-difficile", ids) is None


@pytest.mark.parametrize("finding_id, taken", [("contenu", "contenu"), ("donnees-reactions", "donnees-reactions"),
                                                ("appel", "appel-titre")])
def test_a_finding_id_may_not_repeat_a_theme_id(site, finding_id, taken):
    site.write("content/articles/etat-des-lieux/ancre.md", (
        "Title: Ancre\nDate: 2016-03-02\n\nIntro.\n\n"
        f"/// constat | Un constat\n    id: {finding_id}\n    theme: conjoncture\n\nCorps.\n///\n"))
    assert messages(site.build()) == [
        f"content/articles/etat-des-lieux/ancre.md:6: identifiant de constat « {finding_id} » réservé : la page a "
        f"déjà un élément « {taken} » (gabarits du thème) ; choisissez un autre identifiant"]
