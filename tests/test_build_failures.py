"""End-to-end: every communicator mistake fails the build with `file:line:col` in French."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from core.engine_settings import PLUGINS

from conftest import copy_project

PHASES_OK = """\
- id: cadrage
  title: Préparation
  start: 2016-01
  end: 2016-02
  summary: Préparation de la démarche.
"""

ARTICLE = "Title: {title}\nDate: {date}\n\nCorps de l'article.\n"


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


@pytest.mark.parametrize("phases, expected", [
    pytest.param(PHASES_OK.replace("  title", "\ttitle"),
                 "data/phases.yml:2:1: tabulation interdite : en YAML, indentez avec des espaces", id="tab"),
    pytest.param(PHASES_OK + "  start: 2016-03\n",
                 "data/phases.yml:6:3: clé « start » en double (déjà présente ligne 3)", id="duplicate-key"),
    pytest.param(PHASES_OK.replace("end: 2016-02", "end: [2016, 2]"),
                 "data/phases.yml:4:8: une date ou un mois est attendu(e) ici, pas une liste", id="wrong-type"),
    pytest.param(PHASES_OK.replace("end: 2016-02", "end: 2015-12"),
                 "data/phases.yml:4: la phase « cadrage » se termine avant de commencer (fin 2015-12, début 2016-01)",
                 id="end-before-start"),
])
def test_bad_data_fails_with_location(site, phases, expected):
    site.write("data/phases.yml", phases)
    result = site.build()
    assert messages(result) == [expected]
    assert not site.output.exists()


@pytest.mark.parametrize("source, expected", [
    pytest.param(b"Title: Caf\xe9\nDate: 2016-03-01\n\nx\n",
                 "content/articles/nouvelles/mauvais.md:1:11: caractère illisible (octet 0xE9) : le fichier n'est pas "
                 "en UTF-8 ; enregistrez-le avec l'encodage « UTF-8 »", id="invalid-utf8"),
    pytest.param(ARTICLE.format(title="Un titre", date="2016-02-30"),
                 "content/articles/nouvelles/mauvais.md:2:7: date « 2016-02-30 » impossible : ce jour n'existe pas",
                 id="impossible-date"),
    pytest.param(ARTICLE.format(title="Un titre", date="15/03/2016"),
                 "content/articles/nouvelles/mauvais.md:2:7: date « 15/03/2016 » invalide : écrivez-la au format "
                 "AAAA-MM-JJ (ex. 2016-03-15) ou AAAA-MM-JJ HH:MM", id="french-date"),
    pytest.param("Titre: Un titre\nDate: 2016-03-01\n\nx\n",
                 "content/articles/nouvelles/mauvais.md:1:1: métadonnée « Titre » inconnue : vouliez-vous écrire « Title: » ?",
                 id="unknown-metadata"),
    pytest.param("Title: Un titre\nDate: 2016-03-01\nDemo: oui\n\nx\n",
                 "content/articles/nouvelles/mauvais.md:3:7: « oui » : écrivez Demo: true ou Demo: false", id="bad-demo-flag"),
    pytest.param("Title: Un titre\n\nx\n",
                 "content/articles/nouvelles/mauvais.md:1:1: métadonnée « Date: » manquante (ex. Date: 2016-03-15)",
                 id="missing-date"),
    pytest.param("Title: Un titre\nDate: 2016-03-01\n\nVoir [la page]({filename}../etat-des-lieux/absent.md).\n",
                 "content/articles/nouvelles/mauvais.md:4:16: lien interne cassé : « {filename}../etat-des-lieux/absent.md » "
                 "ne correspond à aucun fichier de content/ (chemin cherché : articles/etat-des-lieux/absent.md)",
                 id="broken-filename-link"),
    # The guide's photo example before the photo is added: located, in French, no internal error.
    pytest.param("Title: Un titre\nDate: 2016-03-01\n\nAu lac :\n\n![Le lac]({static}/images/lac.jpg)\n",
                 "content/articles/nouvelles/mauvais.md:6:11: lien interne cassé : « {static}/images/lac.jpg » ne "
                 "correspond à aucun fichier de content/ (chemin cherché : images/lac.jpg) : enregistrez le fichier "
                 "dans content/images/ ou corrigez son nom (majuscules et accents compris)", id="missing-photo"),
    pytest.param("Title: Un titre\nDate: 2016-03-01\n\n[Le programme]({static}/images/programme.pdf)\n",
                 "content/articles/nouvelles/mauvais.md:4:16: lien interne cassé : « {static}/images/programme.pdf » "
                 "ne correspond à aucun fichier de content/ (chemin cherché : images/programme.pdf) : enregistrez le "
                 "fichier dans content/images/ ou corrigez son nom (majuscules et accents compris)",
                 id="missing-document"),
    pytest.param("Title: Un titre\nDate: 2016-03-01\n\nVoir [la rubrique]({category}evenements).\n",
                 "content/articles/nouvelles/mauvais.md:4:20: lien interne cassé : « {category}evenements » "
                 ": la rubrique « evenements » n'existe pas (rubriques : etat-des-lieux, nouvelles)",
                 id="unknown-category-link"),
])
def test_bad_article_fails_with_location(site, source, expected):
    site.write("content/articles/nouvelles/mauvais.md", source)
    result = site.build()
    assert messages(result) == [expected]
    assert not site.output.exists()


def test_every_problem_is_reported_in_one_run(site):
    site.write("content/articles/nouvelles/a.md", ARTICLE.format(title="A", date="2016-13-01"))
    site.write("content/articles/nouvelles/b.md", b"Title: B\xff\nDate: 2016-03-01\n\nx\n")
    result = site.build()
    assert sorted(messages(result)) == [
        "content/articles/nouvelles/a.md:2:7: date « 2016-13-01 » impossible : le mois 13 n'existe pas",
        "content/articles/nouvelles/b.md:1:9: caractère illisible (octet 0xFF) : le fichier n'est pas en UTF-8 ; "
        "enregistrez-le avec l'encodage « UTF-8 »",
    ]


def test_plugin_that_fails_to_import_fails_the_build(site):
    result = site.build(PLUGINS=[*PLUGINS, "extension_inexistante"])
    assert messages(result) == [
        "pelicanconf.py: extension (plugin) « extension_inexistante » introuvable ou impossible à importer : "
        "vérifiez son nom dans PLUGINS (Cannot import plugin `extension_inexistante`)"
    ]
    assert not site.output.exists()


def test_failed_build_leaves_previous_output_untouched(site):
    assert site.build().ok
    before = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    site.write("data/phases.yml", "- id: x\n\ttitle: y\n")
    assert not site.build().ok
    after = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in site.base.iterdir() if p.name.startswith(".output")] == []


def test_command_line_exits_non_zero_in_french_without_traceback(tmp_path):
    copy_project(tmp_path)
    (tmp_path / "data" / "phases.yml").write_text(PHASES_OK.replace("start: 2016-01", "start: NO"), encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1782864000", PYTHONDONTWRITEBYTECODE="1")
    env.pop("LVAS_DEBUG", None)
    run = subprocess.run([sys.executable, "-m", "site_build"], cwd=tmp_path, env=env,
                         capture_output=True, encoding="utf-8", timeout=120)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "data/phases.yml:3:10: date « NO » invalide : écrivez-la au format AAAA-MM-JJ ou AAAA-MM (ex. 2016-03-01 ou 2016-06)",
        "",
        "Échec de la construction : 1 problème à corriger (le dossier de sortie n'a pas été modifié).",
    ]
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("relative, expected", [
    ("content/articles/hors-rubrique.md",
     "content/articles/hors-rubrique.md: article hors rubrique : placez l'article dans l'un des "
     "dossiers content/articles/etat-des-lieux/, content/articles/nouvelles/"),
    ("content/articles/evenements/fete.md",
     "content/articles/evenements/fete.md: rubrique « evenements » inconnue : placez l'article dans l'un des "
     "dossiers content/articles/etat-des-lieux/, content/articles/nouvelles/"),
])
def test_article_outside_a_section_is_refused(site, relative, expected):
    site.write(relative, ARTICLE.format(title="Égaré", date="2016-03-01"))
    assert messages(site.build()) == [expected]


def test_image_without_alt_text_fails_the_build(site):
    site.write("content/articles/nouvelles/image.md", "Title: Image\nDate: 2016-03-01\n\n![](../../images/x.png)\n")
    problems = [str(p) for p in site.build().problems]
    assert problems[0] == ("content/articles/nouvelles/image.md:4:1: image « x.png » sans texte alternatif : décrivez-la "
                           "entre les crochets, ![description de l'image](x.png), pour les personnes qui ne la voient pas")


def test_a_missing_content_folder_is_named_in_french(site):
    import shutil

    shutil.rmtree(site.base / "content")
    assert messages(site.build()) == [
        "content: dossier des contenus introuvable : le site se construit à partir de ce dossier (réglage PATH) ; "
        "rétablissez-le, par exemple avec « git checkout -- content »"]
    assert not site.output.exists()


def test_a_static_link_written_with_percent_codes_says_to_write_the_name_as_it_is(site):
    site.write("content/images/le programme.pdf", b"%PDF-1.4\n")
    site.write("content/articles/nouvelles/mauvais.md",
               "Title: Un titre\nDate: 2016-03-01\n\n[Le programme]({static}/images/le%20programme.pdf)\n")
    assert messages(site.build()) == [
        "content/articles/nouvelles/mauvais.md:4:16: lien interne cassé : « {static}/images/le%20programme.pdf » ne "
        "correspond à aucun fichier de content/ (chemin cherché : images/le%20programme.pdf) : écrivez le nom du "
        "fichier tel quel, sans codes « %… »"]
    assert not site.output.exists()


@pytest.mark.parametrize("wrong, expected", [
    ('SITENAME = "La Vallée', ":{line}:12: erreur de syntaxe Python : guillemet fermant manquant : un texte s'écrit "
                             "entre deux guillemets, par exemple \"#0d3b66\""),
    ("SITENAME = Vallée", ":{line}: nom inconnu « Vallée » : un texte s'écrit entre guillemets (par exemple "
                          "\"Vallée\"), ou ce réglage est utilisé avant d'être défini"),
    ("SITENAME = (\"La Vallée\"", ":{line}:12: erreur de syntaxe Python : parenthèse, crochet ou accolade jamais fermé"),
    ("SITENAME = 1 / 0", ":{line}: ce réglage ne peut pas être calculé (ZeroDivisionError) : vérifiez la valeur de "
                         "cette ligne"),
])
def test_a_settings_file_python_cannot_run_is_told_in_french_at_its_line(site, wrong, expected):
    lines = site.settings.read_text(encoding="utf-8").splitlines()
    site.settings.write_text("\n".join([*lines, wrong, ""]), encoding="utf-8")
    result = site.build()
    assert [str(problem) for problem in result.problems] == ["pelicanconf.py" + expected.format(line=len(lines) + 1)]
    assert not site.output.exists()
