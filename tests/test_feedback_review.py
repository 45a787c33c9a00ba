"""The review queue of the feedback (plugins/consultation/review.py, review_terminal.py): no excerpt reaches data/feedback/
(tracked, public) or the site before a person read it; a re-import keeps every decision; `check` lists
what waits, `check` and `publish` refuse a queue git does not ignore."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.consultation import review, review_terminal
from plugins.consultation.feedback_data import yaml_string
from plugins.consultation.feedback_import import run_import
from plugins.privacy.names import find_names
from plugins.site_data.registry import load_all
from publishing.check import review_queue
from publishing.gate import GateError, check_review_queue

from conftest import ROOT, copy_project

KNOWN = {"concurrence-01", "marque-partagee", "offices-reunis"}
CSV_HEADER = "constat;date;avis;message;email;nom;publication\n"
OUT = "data/feedback"
QUEUE = "data/feedback/a-relire/extraits.yml"
SOURCES = "data/feedback/a-relire/messages.txt"
TRACKED_HEADER = (
    "# Réactions reçues sur le constat « {id} » : fichier écrit par « python3 manage.py import-feedback »,\n"
    "# remplacé à chaque import. Ne le modifiez pas à la main : corrigez l'export (messages ou CSV) et relancez "
    "l'import.\n"
    "# Seuls les extraits relus (« python3 manage.py review-feedback ») y figurent.\n")
QUEUE_HEADER = (
    "# Extraits à relire avant publication, écrits par « python3 manage.py import-feedback ».\n"
    "# Ce fichier n'est jamais publié ni enregistré par git. Pour chaque extrait, écrivez\n"
    "#   relu: oui      pour le publier (corrigez « texte » avant si besoin : un nom, un numéro…)\n"
    "#   relu: refusé   pour ne jamais le publier (la réaction reste comptée)\n"
    "# puis lancez « python3 manage.py review-feedback --apply » ; ou relisez-les un par un avec "
    "« python3 manage.py review-feedback ».\n"
    "# relu: non = pas encore relu (la réaction est comptée, l'extrait n'est pas publié) ; pour refuser un extrait,\n"
    "# écrivez relu: refusé (« non » le laisse en attente).\n")
PHONE_KIND = "téléphone"  # the kind find_personal_data gives a phone number

D15, D16, D17 = datetime.date(2016, 3, 15), datetime.date(2016, 3, 16), datetime.date(2016, 3, 17)
FIRST, SECOND, THIRD = "La marque est une bonne idée.", "Je ne suis pas d'accord avec vous.", "Pensez aux navettes."
K1 = review.excerpt_key("marque-partagee", D15, FIRST)
K2 = review.excerpt_key("marque-partagee", D16, SECOND)
K3 = review.excerpt_key("offices-reunis", D17, THIRD)
ROWS = (f"marque-partagee;2016-03-15;;{FIRST};;;oui\n"
        f"marque-partagee;2016-03-16;;{SECOND};;;oui\n"
        "marque-partagee;2016-03-16;;Pas pour publication.;;;non\n"
        f"offices-reunis;2016-03-17;;{THIRD};;;oui\n")




def import_csv(workdir: Path, rows: str = ROWS) -> list[str]:
    (workdir / "reactions.csv").write_text(CSV_HEADER + rows, encoding="utf-8")
    return [str(problem) for problem in run_import("reactions.csv", KNOWN, OUT)[1]]


def queue_entry(finding: str, day: datetime.date, key: str, status: str, text: str) -> str:
    return (f'- constat: "{finding}"\n  date: {day.isoformat()}\n  cle: "{key}"\n  relu: {status}\n'
            f"  texte: {yaml_string(text)}\n")


def tracked(finding: str, count: int, excerpts=(), refused=()) -> str:
    text = TRACKED_HEADER.format(id=finding) + f'finding: "{finding}"\ncount: {count}\n'
    if excerpts:
        text += "excerpts:\n" + "".join(f"  - date: {day.isoformat()}\n    text: {yaml_string(body)}\n"
                                        f'    relu: oui\n    cle: "{key}"\n' for day, body, key in excerpts)
    if refused:
        text += "refuses:\n" + "".join(f'  - "{key}"\n' for key in sorted(refused))
    return text


def read(relative: str) -> str:
    return Path(relative).read_text(encoding="utf-8")


def files() -> dict[str, str]:
    """What the import and the readings wrote, but the digests of the messages (their own tests below)."""
    return {p.relative_to(OUT).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(Path(OUT).rglob("*")) if p.is_file() and p.as_posix() != SOURCES}


def mark(changes: dict[str, tuple[str, str | None]]) -> None:
    """Edits the queue as the office does by hand: key → (relu, new text or None)."""
    entries, problems = review.read_queue(OUT)
    assert problems == []
    text = QUEUE_HEADER
    for entry in entries:
        status, body = changes.get(entry.key, (entry.status, None))
        text += queue_entry(entry.finding, entry.day, entry.key, status, body or entry.text)
    Path(QUEUE).write_text(text, encoding="utf-8")


# --- the import: counts tracked, excerpts queued ------------------------------------------------------

def test_the_import_tracks_counts_only_and_queues_every_new_excerpt(workdir):
    assert import_csv(workdir) == []
    assert files() == {
        "a-relire/extraits.yml": QUEUE_HEADER + queue_entry("marque-partagee", D15, K1, "non", FIRST)
        + queue_entry("marque-partagee", D16, K2, "non", SECOND) + queue_entry("offices-reunis", D17, K3, "non", THIRD),
        "marque-partagee.yml": tracked("marque-partagee", 3),
        "offices-reunis.yml": tracked("offices-reunis", 1),
    }


def test_the_key_is_of_the_finding_date_and_scrubbed_text_never_of_the_sender(workdir):
    assert import_csv(workdir, "marque-partagee;2016-03-15;;Oui, 06 12 34 56 78;a@example.org;Paul Martin;oui\n") == []
    key = review.excerpt_key("marque-partagee", D15, "Oui, [retiré]")
    assert import_csv(workdir, "marque-partagee;2016-03-15;;Oui, 06 12 34 56 78;b@example.org;Lucie Roux;oui\n") == []
    assert read(QUEUE) == QUEUE_HEADER + queue_entry("marque-partagee", D15, key, "non", "Oui, [retiré]")
    assert key == "%s" % review.excerpt_key("marque-partagee", D15, "Oui, [retiré]", 0) and len(key) == 16


def test_the_same_text_the_same_day_from_two_people_is_two_excerpts(workdir):
    rows = "marque-partagee;2016-03-15;;D'accord.;a@example.org;;oui\nmarque-partagee;2016-03-15;;D'accord.;;;oui\n"
    assert import_csv(workdir, rows) == []
    entries, _ = review.read_queue(OUT)
    assert [entry.key for entry in entries] == [review.excerpt_key("marque-partagee", D15, "D'accord."),
                                                review.excerpt_key("marque-partagee", D15, "D'accord.", 1)]


def test_the_build_publishes_counts_at_once_and_no_waiting_excerpt(site):
    (site.base / "reactions.csv").write_text(CSV_HEADER + ROWS.replace("marque-partagee", "destinations-rivales"),
                                             encoding="utf-8")
    imported, problems = run_import("reactions.csv", {"destinations-rivales", "offices-reunis"}, OUT)
    assert problems == []
    assert site.build().ok
    page = (site.output / "constats" / "reponses" / "index.html").read_text(encoding="utf-8")
    assert "<blockquote" not in page and "bonne idée" not in page
    mark({review.excerpt_key("destinations-rivales", D15, FIRST): ("oui", None)})
    assert review.apply_reviews(OUT, 1_000_000)[1] == []
    assert site.build().ok
    page = (site.output / "constats" / "reponses" / "index.html").read_text(encoding="utf-8")
    assert page.count("<blockquote") == 1 and "La marque est une bonne idée." in page


# --- applying the readings ------------------------------------------------------------------------------

def test_apply_publishes_oui_remembers_refused_and_leaves_the_rest_waiting(workdir):
    assert import_csv(workdir) == []
    mark({K1: ("oui", "La marque est une bonne idée (texte corrigé)."), K2: ("refusé", None)})
    applied, problems = review.apply_reviews(OUT, 1_000_000)
    assert problems == []
    assert applied.summary(OUT).splitlines() == [
        "Relecture appliquée : 1 extrait publié, 1 refusé (seulement compté) ; 1 encore à relire.",
        "À relire : data/feedback/a-relire/extraits.yml (« python3 manage.py review-feedback »).",
    ]
    assert files() == {
        "a-relire/extraits.yml": QUEUE_HEADER + queue_entry("offices-reunis", D17, K3, "non", THIRD),
        "marque-partagee.yml": tracked("marque-partagee", 3, [(D15, "La marque est une bonne idée (texte corrigé).",
                                                               K1)], [K2]),
        "offices-reunis.yml": tracked("offices-reunis", 1),
    }


def test_a_reimport_keeps_every_reading_and_edit(workdir):
    assert import_csv(workdir) == []
    mark({K1: ("oui", "Texte corrigé."), K2: ("refusé", None)})
    assert review.apply_reviews(OUT, 1_000_000)[1] == []
    mark({K3: ("oui", "Navettes, corrigé, pas encore appliqué.")})
    before = files()
    new = "marque-partagee;2016-03-18;;Un nouvel avis.;;;oui\n"
    imported, problems = run_import("reactions.csv", KNOWN, OUT)  # the same export again
    assert problems == [] and files() == before
    assert imported.summary(OUT).splitlines()[-2:] == [
        "Relecture : 1 déjà relu et publié, 1 refusé, 1 à relire avant publication.",
        "Relisez-les avec « python3 manage.py review-feedback » (extraits dans data/feedback/a-relire/extraits.yml, "
        "jamais publié).",
    ]
    assert import_csv(workdir, ROWS + new) == []  # the next export holds one more
    k4 = review.excerpt_key("marque-partagee", datetime.date(2016, 3, 18), "Un nouvel avis.")
    assert files() == {
        "a-relire/extraits.yml": QUEUE_HEADER + queue_entry("marque-partagee", datetime.date(2016, 3, 18), k4, "non",
                                                            "Un nouvel avis.")
        + queue_entry("offices-reunis", D17, K3, "oui", "Navettes, corrigé, pas encore appliqué."),
        "marque-partagee.yml": tracked("marque-partagee", 4, [(D15, "Texte corrigé.", K1)], [K2]),
        "offices-reunis.yml": tracked("offices-reunis", 1),
    }
    assert import_csv(workdir, "offices-reunis;2016-03-17;;Autre chose.;;;non\n") == []  # an export without them
    assert files() == {"offices-reunis.yml": tracked("offices-reunis", 1)}


def test_an_accepted_excerpt_still_holding_a_phone_never_reaches_the_tracked_files(workdir):
    """The tracked files are in the public repository: what the gate would refuse on the site (a phone,
    an e-mail, an address not declared public) stops --apply at its line, and nothing is applied."""
    assert import_csv(workdir) == []
    mark({K1: ("oui", "Appelez Paul au 06 12 34 56 78."), K2: ("refusé", None)})
    before = files()
    applied, problems = review.apply_reviews(OUT, 1_000_000)
    assert [str(problem) for problem in problems] == [
        f"{QUEUE}:8: extrait accepté qui contient encore une donnée personnelle ({PHONE_KIND} « 06 12 34 56 78 ») : "
        "remplacez-la par « [retiré] » dans texte, ou écrivez relu: refusé ; le dépôt est public, rien n'a été "
        "appliqué"]
    assert files() == before
    # the office's declared contact may stay
    public = review.PublicContacts.from_values(["06 12 34 56 78"])
    assert review.apply_reviews(OUT, 1_000_000, public=public)[1] == []
    assert "06 12 34 56 78" in files()["marque-partagee.yml"]


def test_a_name_left_in_an_accepted_excerpt_is_pointed_out(workdir):
    assert import_csv(workdir) == []
    mark({K1: ("oui", "Demandez à Paul Gaillard, au gîte.")})
    applied, problems = review.apply_reviews(OUT, 1_000_000, names=find_names)
    assert problems == []
    assert applied.summary(OUT).splitlines()[2:] == [
        "Attention, des extraits publiés contiennent peut-être encore le nom d'une personne (vérifiez-les dans "
        "data/feedback/ : un nom serait publié tel quel) :",
        "  - constat « marque-partagee », 15/03/2016 : à vérifier : nom « Paul Gaillard »",
    ]


BAD_QUEUES = [
    pytest.param('- constat: "marque-partagee"\n  date: 2016-03-15\n  cle: "x\n',
                 [f"{QUEUE}:3:8: guillemet ouvert ici et jamais fermé : fermez-le à la fin du texte"],
                 id="syntax"),
    pytest.param(queue_entry("marque-partagee", D15, K1, "peut-être", FIRST),
                 [f"{QUEUE}:4:9: relu « peut-être » inconnu : écrivez oui (publier), refusé (ne jamais publier) ou "
                  "non (pas encore relu)"], id="unknown-mark"),
    pytest.param(queue_entry("marque-partagee", D15, K1, "oui", FIRST) + "  auteur: Paul\n",
                 [f"{QUEUE}:6:3: clé « auteur » inconnue : clés possibles : constat, date, cle, relu, texte"],
                 id="unknown-key"),
    pytest.param(queue_entry("marque-partagee", D15, "abc", "oui", FIRST),
                 [f"{QUEUE}:3:8: clé d'extrait « abc » invalide : 16 chiffres ou lettres de a à f, écrits par "
                  "l'import (ne la modifiez pas)"], id="bad-key"),
    pytest.param(queue_entry("marque-partagee", D15, K1, "oui", FIRST) * 2,
                 [f"{QUEUE}:8: clé d'extrait « {K1} » en double (déjà présente ligne 3)"], id="same-key-twice"),
    pytest.param(queue_entry("marque-partagee", D15, K1, "oui", " "),
                 [f"{QUEUE}:5:10: texte vide : écrivez le texte à publier, ou relu: refusé"], id="empty-text"),
    pytest.param(queue_entry("inconnu", D15, K1, "oui", FIRST),
                 [f"{QUEUE}:1: constat « inconnu » : aucun fichier inconnu.yml dans data/feedback/ ; relancez "
                  "l'import des réactions"], id="no-such-finding"),
]


@pytest.mark.parametrize("text, expected", BAD_QUEUES)
def test_a_malformed_queue_is_a_located_french_problem_and_nothing_changes(workdir, text, expected):
    assert import_csv(workdir) == []
    Path(QUEUE).write_text(text, encoding="utf-8")
    before = files()
    applied, problems = review.apply_reviews(OUT, 1_000_000)
    assert [str(problem) for problem in problems] == expected
    assert files() == before


def test_an_unreadable_queue_stops_the_import_rather_than_lose_the_readings(workdir):
    assert import_csv(workdir) == []
    Path(QUEUE).write_text(queue_entry("marque-partagee", D15, K1, "peut-être", FIRST), encoding="utf-8")
    before = files()
    assert import_csv(workdir) == [
        f"{QUEUE}:4:9: relu « peut-être » inconnu : écrivez oui (publier), refusé (ne jamais publier) ou non "
        "(pas encore relu)"]
    assert files() == before


@pytest.mark.parametrize("excerpt, expected", [
    pytest.param('    relu: non\n    cle: "0123456789abcdef"\n',
                 ["data/feedback/marque-partagee.yml:6:11: extrait non relu (relu: non) : un extrait n'est publié "
                  "qu'après relecture ; relancez l'import des réactions puis « python3 manage.py review-feedback »"],
                 id="not-read"),
    pytest.param('    cle: "0123456789abcdef"\n',
                 ["data/feedback/marque-partagee.yml:4: extrait non relu (pas de « relu: oui ») : un extrait n'est "
                  "publié qu'après relecture ; relancez l'import des réactions puis « python3 manage.py "
                  "review-feedback »"], id="no-mark"),
    pytest.param("",
                 ["data/feedback/marque-partagee.yml:4: extrait non relu (pas de « relu: oui ») : un extrait n'est "
                  "publié qu'après relecture ; relancez l'import des réactions puis « python3 manage.py "
                  "review-feedback »"], id="older-version"),
    pytest.param("    relu: oui\n",
                 ["data/feedback/marque-partagee.yml:4: extrait sans « cle » : elle est écrite par l'import ; "
                  "relancez l'import des réactions"], id="no-key"),
])
def test_a_tracked_excerpt_not_read_stops_the_build(workdir, registered_feedback, excerpt, expected):
    path = Path(OUT) / "marque-partagee.yml"
    path.parent.mkdir(parents=True)
    path.write_text('finding: "marque-partagee"\ncount: 1\nexcerpts:\n  - date: 2016-03-15\n'
                    '    text: "Publié à la main."\n' + excerpt, encoding="utf-8")
    _, problems = load_all("data", 1_000_000)
    assert [str(problem) for problem in problems] == expected


def test_a_tracked_file_that_cannot_be_read_is_replaced_and_its_excerpts_read_again(workdir):
    path = Path(OUT) / "marque-partagee.yml"
    path.parent.mkdir(parents=True)
    path.write_text(f'finding: "marque-partagee"\ncount: 1\nexcerpts:\n  - date: 2016-03-15\n    text: "{FIRST}"\n',
                    encoding="utf-8")  # as an import of an older version wrote it
    (workdir / "reactions.csv").write_text(CSV_HEADER + ROWS, encoding="utf-8")
    imported, problems = run_import("reactions.csv", KNOWN, OUT)
    assert problems == []
    assert imported.summary(OUT).splitlines()[3:5] == [
        "À noter :",
        "  - data/feedback/marque-partagee.yml : illisible (extrait non relu (pas de « relu: oui ») : un extrait "
        "n'est publié qu'après relecture ; relancez l'import des réactions puis « python3 manage.py review-feedback "
        "»), remplacé : ses extraits sont de nouveau à relire",
    ]
    assert read(f"{OUT}/marque-partagee.yml") == tracked("marque-partagee", 3)
    assert [entry.key for entry in review.read_queue(OUT)[0]] == [K1, K2, K3]


def test_the_build_never_reads_the_queue(workdir, registered_feedback):
    assert import_csv(workdir) == []
    Path(QUEUE).write_text("ceci: [n'est pas lu", encoding="utf-8")
    data, problems = load_all("data", 1_000_000)
    assert problems == [] and sorted(data["feedback"]) == ["marque-partagee", "offices-reunis"]


# --- one excerpt at a time, in the terminal -----------------------------------------------------------------

def session(answers: list[str], edits: list[str | None] = ()) -> tuple[list[str], object, list[str]]:
    said, answers, edits = [], list(answers), list(edits)

    def ask(prompt: str) -> str | None:
        said.append(prompt)
        return answers.pop(0) if answers else None

    applied, problems = review_terminal.review(OUT, 1_000_000, ask, said.append, lambda text: edits.pop(0))
    return "\n".join(said).split("\n"), applied, [str(problem) for problem in problems]


def test_the_interactive_reading_shows_points_out_and_applies(workdir):
    rows = (f"marque-partagee;2016-03-15;;{FIRST};;;oui\n"
            "marque-partagee;2016-03-16;;Mon fixe : 04 92 24 98 98;;;oui\n"
            f"offices-reunis;2016-03-17;;{THIRD};;;oui\n"
            "offices-reunis;2016-03-18;;Et les parkings ?;;;oui\n")
    assert import_csv(workdir, rows.replace("04 92 24 98 98", "04 92 24 98 98 merci")) == []
    Path(QUEUE).write_text(read(QUEUE).replace("[retiré] merci", "04 92 24 98 98 merci"), encoding="utf-8")
    said, applied, problems = session(["oui", "peut-être", "oui", "modifier", "non", "modifier", "oui", "passer"],
                                      ["Mon fixe : [retiré] merci", "Pensez aux navettes (corrigé)."])
    prompt = "Publier cet extrait ? (oui / non / modifier / passer / quitter) "
    assert problems == []
    assert said == [
        "", "Extrait 1 sur 4 — constat « marque-partagee », 15/03/2016 :",
        f"  │ {FIRST}", prompt,
        "", "Extrait 2 sur 4 — constat « marque-partagee », 16/03/2016 :",
        "  │ Mon fixe : 04 92 24 98 98 merci", f"  ⚠ à vérifier : {PHONE_KIND} « 04 92 24 98 98 »", prompt,
        "Réponse non comprise : répondez oui / non / modifier / passer / quitter.", prompt,
        f"Cet extrait contient encore une donnée personnelle ({PHONE_KIND} « 04 92 24 98 98 ») : il ne peut pas "
        "être publié tel quel ; répondez modifier pour la remplacer par « [retiré] », ou non.", prompt,
        "  │ Mon fixe : [retiré] merci", prompt,
        "", "Extrait 3 sur 4 — constat « offices-reunis », 17/03/2016 :",
        f"  │ {THIRD}", prompt,
        "  │ Pensez aux navettes (corrigé).", prompt,
        "", "Extrait 4 sur 4 — constat « offices-reunis », 18/03/2016 :",
        "  │ Et les parkings ?", prompt,
    ]
    assert applied.summary(OUT).splitlines()[0] == (
        "Relecture appliquée : 2 extraits publiés, 1 refusé (seulement compté) ; 1 encore à relire.")
    k2 = review.excerpt_key("marque-partagee", D16, "Mon fixe : [retiré] merci")
    assert files()["marque-partagee.yml"] == tracked("marque-partagee", 2, [(D15, FIRST, K1)], [k2])
    assert files()["offices-reunis.yml"] == tracked("offices-reunis", 2, [(D17, "Pensez aux navettes (corrigé).", K3)])


def test_quitting_or_the_end_of_input_keeps_what_was_answered(workdir):
    assert import_csv(workdir) == []
    said, applied, problems = session(["oui"])  # then the input ends
    assert problems == [] and (applied.accepted, applied.refused, applied.waiting) == (1, 0, 2)
    said, applied, problems = session(["quitter"])
    assert problems == [] and (applied.accepted, applied.refused, applied.waiting) == (0, 0, 2)
    assert [entry.key for entry in review.read_queue(OUT)[0]] == [K2, K3]


def test_nothing_to_read(workdir):
    said, applied, problems = session([])
    assert (said, applied, problems) == (["Aucun extrait à relire."], None, [])


# --- 10,000 reactions to one finding ---------------------------------------------------------------------

def test_ten_thousand_reactions_import_and_build(site):
    rows = "".join(f"destinations-rivales;2016-03-15;;Avis numéro {n} : d'accord avec ce constat.;;;oui\n"
                   for n in range(10_000))
    (site.base / "reactions.csv").write_text(CSV_HEADER + rows, encoding="utf-8")
    assert run_import("reactions.csv", {"destinations-rivales"}, OUT)[1] == []
    assert read(f"{OUT}/destinations-rivales.yml") == tracked("destinations-rivales", 10_000)
    assert site.build().ok
    entries, _ = review.read_queue(OUT)
    assert len(entries) == 10_000
    for entry in entries:
        entry.status = review.ACCEPTED
    before = files()
    applied, problems = review.apply_reviews(OUT, 1_000_000, entries)  # all of them would not fit
    assert len(problems) == 1 and str(problems[0]).startswith("data/feedback/destinations-rivales.yml: fichier trop "
                                                              "volumineux (")
    assert str(problems[0]).endswith("octets ; maximum 1\u202f000\u202f000 octets) : trop d'extraits publiés pour ce "
                                     "constat ; refusez-en (relu: refusé) ou augmentez DATA_MAX_BYTES")
    assert files() == before


# --- check and publish --------------------------------------------------------------------------------------

def git(cwd, *args) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, encoding="utf-8").stdout


def test_check_lists_what_waits_and_refuses_a_queue_git_does_not_ignore(workdir):
    settings = {"PATH": str(workdir / "content"), "DATA_PATH": "data"}
    (workdir / "content").mkdir()
    git(workdir, "init", "--quiet")
    assert review_queue(str(workdir / "pelicanconf.py"), settings) == (None, [])
    assert import_csv(workdir) == []
    mark({K1: ("oui", None)})
    line, problems = review_queue(str(workdir / "pelicanconf.py"), settings)
    assert line == (f"{QUEUE} : 2 extraits de réactions à relire avant publication : lancez « python3 manage.py "
                    "review-feedback » ; 1 relu mais pas encore appliqué : lancez « python3 manage.py review-feedback "
                    "--apply ».")
    assert [str(problem) for problem in problems] == [
        f"{name}: fichier de la relecture (extraits non relus, empreintes des messages reçus) que git n'ignore pas : "
        "il serait publié avec le dépôt ; ajoutez la ligne « **/feedback/a-relire/ » au fichier .gitignore (et, "
        f"s'il a été enregistré, « git rm --cached {name} »)" for name in (QUEUE, SOURCES)]
    with pytest.raises(GateError) as refused:
        check_review_queue(workdir)
    assert str(refused.value) == "publication refusée :\n" + "\n".join(map(str, problems))
    shutil.copy(ROOT / ".gitignore", workdir / ".gitignore")
    assert review_queue(str(workdir / "pelicanconf.py"), settings)[1] == []
    check_review_queue(workdir)


# --- the command ----------------------------------------------------------------------------------------

def test_the_command_reads_the_answers_from_the_terminal(tmp_path):
    project = copy_project(tmp_path)
    (project / "reactions.csv").write_text(CSV_HEADER + "destinations-rivales;2016-03-15;;Bien vu.;;;oui\n",
                                           encoding="utf-8")
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", EDITOR="")
    env.pop("VISUAL", None)
    done = subprocess.run([sys.executable, "-m", "invoke", "import-feedback", "reactions.csv"], cwd=project,
                          env=env, capture_output=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "invoke", "review-feedback"], cwd=project, env=env,
                          input="modifier\nBien vu, corrigé.\noui\n", capture_output=True, encoding="utf-8",
                          timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.endswith(  # after the prompt: the answers come from a pipe, not typed
        "Publier cet extrait ? (oui / non / modifier / passer / quitter) "
        "Relecture appliquée : 1 extrait publié, 0 refusé (seulement compté) ; 0 encore à relire.\n")
    key = review.excerpt_key("destinations-rivales", D15, "Bien vu.")
    assert (project / OUT / "destinations-rivales.yml").read_text(encoding="utf-8") == tracked(
        "destinations-rivales", 1, [(D15, "Bien vu, corrigé.", key)])
    done = subprocess.run([sys.executable, "-m", "invoke", "review-feedback", "--apply"], cwd=project, env=env,
                          capture_output=True, encoding="utf-8", timeout=120)
    assert (done.returncode, done.stdout) == (
        0, "Relecture appliquée : 0 extrait publié, 0 refusé (seulement compté) ; 0 encore à relire.\n")


def test_applying_twice_changes_nothing(workdir):
    assert import_csv(workdir) == []
    mark({K1: ("oui", None), K2: ("refusé", None)})
    queue = read(QUEUE)
    assert review.apply_reviews(OUT, 1_000_000)[1] == []
    after = files()
    Path(QUEUE).write_text(queue, encoding="utf-8")  # as if the queue had not been rewritten
    applied, problems = review.apply_reviews(OUT, 1_000_000)
    assert problems == [] and (applied.accepted, applied.refused, applied.waiting) == (0, 0, 1)
    assert files() == after


def test_publish_refuses_a_queue_git_does_not_ignore_before_building(tmp_path, monkeypatch):
    from publishing.gate import NOTHING_CHANGED, publish

    project = copy_project(tmp_path / "projet")
    (project / ".gitignore").write_text("/output/\n", encoding="utf-8")
    for args in (["init", "--quiet", "--initial-branch=main"], ["config", "user.name", "Test"],
                 ["config", "user.email", "test@example.org"], ["config", "commit.gpgsign", "false"],
                 ["add", "--all"], ["commit", "--quiet", "-m", "Site"]):
        git(project, *args)
    queue = project / QUEUE
    queue.parent.mkdir(parents=True)
    queue.write_text(QUEUE_HEADER + queue_entry("marque-partagee", D15, K1, "non", FIRST), encoding="utf-8")
    monkeypatch.chdir(project)
    out, err = io.StringIO(), io.StringIO()
    assert publish(project, out=out, err=err) == 1
    assert (out.getvalue(), err.getvalue().splitlines()) == ("", [
        "Publication refusée :",
        f"{QUEUE}: fichier de la relecture (extraits non relus, empreintes des messages reçus) que git n'ignore pas : "
        "il serait publié avec le dépôt ; ajoutez la ligne « **/feedback/a-relire/ » au fichier .gitignore (et, "
        f"s'il a été enregistré, « git rm --cached {QUEUE} »)",
        NOTHING_CHANGED])


def test_the_check_report_lists_the_waiting_excerpts_and_still_succeeds():
    from publishing.check import CheckResult, format_report
    from publishing.links import LinkReport

    waiting = (f"{QUEUE} : 2 extraits de réactions à relire avant publication : lancez « python3 manage.py "
               "review-feedback ».")
    result = CheckResult(links=LinkReport(pages=3, internal_links=4, anchors=5), waiting=waiting)
    assert format_report(result) == ("\n".join([
        waiting, "",
        "Vérification réussie : aucun problème (3 pages, 4 liens internes, 5 ancres vérifiés ; 0 lien externe non "
        "visités)."]), True)


def test_the_command_says_what_is_wrong_with_the_queue_in_french(tmp_path):
    project = copy_project(tmp_path)
    queue = project / QUEUE
    queue.parent.mkdir(parents=True)
    queue.write_text(queue_entry("marque-partagee", D15, K1, "peut-être", FIRST), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "invoke", "review-feedback", "--apply"], cwd=project,
                          capture_output=True, encoding="utf-8", timeout=120)
    assert (done.returncode, done.stdout, done.stderr.splitlines()) == (1, "", [
        f"{QUEUE}:4:9: relu « peut-être » inconnu : écrivez oui (publier), refusé (ne jamais publier) ou non "
        "(pas encore relu)",
        "",
        "Échec de la relecture : 1 problème à corriger (rien n'a été modifié).",
    ])


def test_a_corrected_text_is_cleaned_as_an_imported_one_and_bounded(workdir):
    assert import_csv(workdir) == []
    said, applied, problems = session(["modifier", "modifier", "oui", "quitter"],
                                      ["x" * 3001, "  Corrigé\u202e avec\x07 soin.\r\n"])
    assert problems == []
    assert "Texte trop long (3001 caractères ; maximum 3000) : inchangé." in said
    assert files()["marque-partagee.yml"] == tracked("marque-partagee", 3, [(D15, "Corrigé avec soin.", K1)])
    mark({K2: ("oui", "Par fichier\x07 aussi.")})  # written as a YAML escape in the queue
    assert review.apply_reviews(OUT, 1_000_000)[1] == []
    assert files()["marque-partagee.yml"] == tracked("marque-partagee", 3, [(D15, "Corrigé avec soin.", K1),
                                                                           (D16, "Par fichier aussi.", K2)])


def test_the_interactive_reading_of_a_malformed_queue_is_a_located_problem(workdir):
    assert import_csv(workdir) == []
    Path(QUEUE).write_text(queue_entry("marque-partagee", D15, K1, "peut-être", FIRST), encoding="utf-8")
    said, applied, problems = session(["oui"])
    assert said == [""] and problems == [
        f"{QUEUE}:4:9: relu « peut-être » inconnu : écrivez oui (publier), refusé (ne jamais publier) ou non "
        "(pas encore relu)"]


def test_modifier_opens_the_editor_set_by_the_office_or_asks_for_the_text(monkeypatch):
    said = []
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "sed -i s/Bien/Très-bien/")
    assert review_terminal.terminal_editor(lambda prompt: None, said.append)("Bien vu.") == "Très-bien vu.\n"
    monkeypatch.setenv("EDITOR", "editeur-qui-n-existe-pas")
    asked = []
    edit = review_terminal.terminal_editor(lambda prompt: asked.append(prompt) or "Tapé.", said.append)
    assert edit("Bien vu.") == "Tapé."
    assert said == ["Éditeur « editeur-qui-n-existe-pas » introuvable (variable EDITOR) : tapez le texte."]
    assert asked == ["Nouveau texte (sur une ligne ; Entrée seule : inchangé) : "]
    monkeypatch.delenv("EDITOR")
    assert review_terminal.terminal_editor(lambda prompt: "Aussi tapé.", said.append)("Bien vu.") == "Aussi tapé."


def test_ctrl_c_stops_the_reading_like_quitter_and_keeps_what_was_answered(monkeypatch, capsys):
    """Ctrl-C is what a person types to stop: the answers given are kept, as with « quitter », and the
    launcher prints no English traceback."""
    def interrupted(prompt):
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", interrupted)
    assert review_terminal.terminal_ask("Publier cet extrait ? ") is None
    monkeypatch.setattr("builtins.input", lambda prompt: "oui")
    assert review_terminal.terminal_ask("Publier cet extrait ? ") == "oui"

    import importlib.util

    spec = importlib.util.spec_from_file_location("manage", ROOT / "manage.py")
    manage = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(manage)
    monkeypatch.setattr(manage, "ensure_venv", lambda with_tests: None)

    def run(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(manage.subprocess, "run", run)
    assert manage.main(["review-feedback"]) == 130
    assert capsys.readouterr().err == ""


def _cleaning_that_also_removes(word: str):
    """A names finder that removes `word`: the same message cleaned differently (a place taken out of
    PRIVACY_KEPT_NAMES, a better detector)."""
    return lambda text: [(index, index + len(word))] if (index := text.find(word)) >= 0 else []


def test_a_reading_is_found_again_when_the_cleaning_of_its_message_changed(workdir):
    (workdir / "reactions.csv").write_text(CSV_HEADER + ROWS, encoding="utf-8")
    assert run_import("reactions.csv", KNOWN, OUT)[1] == []
    mark({K1: ("oui", "La marque : une bonne idée."), K2: ("refusé", None)})
    assert review.apply_reviews(OUT, 1_000_000)[1] == []
    published = files()["marque-partagee.yml"]
    # The same export, cleaned otherwise: the texts, and so their keys, change; the readings stay.
    imported, problems = run_import("reactions.csv", KNOWN, OUT, names=_cleaning_that_also_removes("marque"))
    assert problems == []
    assert (imported.accepted, imported.refused, imported.lost) == (1, 1, 0)
    assert files()["marque-partagee.yml"] == published
    digests = Path(SOURCES).read_text(encoding="utf-8").splitlines()
    assert digests[:2] == [
        "# Écrit par « python3 manage.py import-feedback » : retrouve la relecture d'un message même si son",
        "# texte nettoyé change. Jamais publié ni enregistré par git ; ne le modifiez pas."]
    assert sorted(line.split()[1] for line in digests[2:]) == sorted([K1, K2, review.excerpt_key(
        "offices-reunis", D17, THIRD)])
    # On another machine (no digests), a text cleaned otherwise is not found again: the report says so.
    os.remove(SOURCES)
    imported, problems = run_import("reactions.csv", KNOWN, OUT, names=_cleaning_that_also_removes("idée"))
    assert problems == []
    assert (imported.accepted, imported.refused, imported.lost) == (0, 1, 1)  # the refused text did not change


def test_unreadable_digests_stop_the_import_in_french(workdir):
    assert import_csv(workdir) == []
    Path(SOURCES).write_text("# commentaire\nabc K1\n", encoding="utf-8")
    before = files()
    assert import_csv(workdir) == [
        f"{SOURCES}:2: ligne illisible : ce fichier est écrit par l'import, ne le modifiez pas (supprimez-le pour "
        "repartir des seuls textes nettoyés)"]
    assert files() == before
