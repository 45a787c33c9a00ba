"""Personal data stripped from imported excerpts (plugins/privacy/personal_data.py): the forms
residents really write (phones with « / . - – — », several spaces, parentheses, +33, 0033, +33 (0);
obfuscated e-mails; postal addresses; web addresses with a query string), and, as many, the texts
that must stay untouched (dates, prices, years, times, ids, « 06 » as a month…)."""

from __future__ import annotations

import os
import time

import pytest

from plugins.privacy.personal_data import REMOVED, scrub

R = REMOVED

STRIPPED = [
    # Phones
    ("Appelez le 06/12/34/56/78.", f"Appelez le {R}."),
    ("06  12  34  56  78", R),
    ("(04) 92 24 98 98", R),
    ("Bureau (04)92249898 ou rien", f"Bureau {R} ou rien"),
    ("04–92–24–98–98", R),
    ("04—92—24—98—98", R),
    ("06 - 12 - 34 - 56 - 78", R),
    ("06. 12. 34. 56. 78", R),
    ("04\u202f92\u202f24\u202f98\u202f98", R),
    ("tél : 0612345678", f"tél : {R}"),
    ("+33 4 92 24 98 98", R),
    ("+33 (0)4 92 24 98 98", R),
    ("+33 (0) 4 92 24 98 98", R),
    ("+33.4.92.24.98.98", R),
    ("+33/4/92/24/98/98", R),
    ("0033 4 92 24 98 98", R),
    ("0033 (0)4 92 24 98 98", R),
    ("+33  6  12  34  56  78 (portable)", f"{R} (portable)"),
    # E-mails, obfuscated
    ("paul.martin @ example.org", R),
    ("Écrivez à paul.martin(a)example.org !", f"Écrivez à {R} !"),
    ("paul.martin [at] example.org", R),
    ("paul.martin {at} example.org", R),
    ("paul.martin (arobase) example.org", R),
    ("paul point martin arobase example point org", R),
    ("paul.martin arobase example point org", R),
    ("paul.martin@example(dot)org", R),
    ("paul.martin@example [point] org", R),
    ("PAUL.MARTIN@EXAMPLE.ORG", R),
    ("paul.martin\uff20example.org", R),
    # Postal addresses
    ("J'habite 12 rue des Lilas, 05100 Briançon.", f"J'habite {R}, {R}."),
    ("au 3 bis avenue Jean-Jaurès", f"au {R}"),
    ("5, place de l'Église à Embrun", f"{R} à Embrun"),
    ("12 chemin du Moulin Vieux", R),
    # … and their street's name in lower case: up to three words, not those a sentence goes on with
    ("J'habite 12 rue victor hugo et le bruit est terrible.", f"J'habite {R} et le bruit est terrible."),
    # as Word pastes it: no-break spaces between the words
    ("J'habite au 12\u00a0rue victor\u202fhugo depuis 2010.", f"J'habite au {R} depuis 2010."),
    ("au 3 chemin des prés verts, merci", f"au {R}, merci"),
    ("au 5 avenue du général de gaulle depuis 2010", f"au {R} depuis 2010"),
    ("7 impasse jean moulin.", f"{R}."),
    ("12 rue Jean moulin est bruyante", f"{R} est bruyante"),
    ("J'habite au 12, rue du 8 mai 1945 à Briançon", f"J'habite au {R} à Briançon"),
    ("5 place du 14 juillet, le marché", f"{R}, le marché"),
    ("3 chemin du pont de la vachette, je n'aime pas", f"{R}, je n'aime pas"),
    ("7 allée des pins 05100 briançon est calme", f"{R} {R} est calme"),
    ("12 rue victor hugo, 05100 la salle-les-alpes.", f"{R}, {R}."),
    ("3 bis chemin de la croix", R),
    ("12 av. jean jaurès", R),
    ("Il y a 1 passage piéton devant l'école", f"Il y a {R} devant l'école"),
    ("1950 route des alpes", R),
    ("7 Rue Centrale", R),
    ("8 bd Pasteur", R),
    ("05200 Embrun", R),
    ("05100 Briançon Cedex 9", R),
    ("05120 L'Argentière-la-Bessée", R),
    ("05350 Saint-Véran", R),
    ("38000 Grenoble et 05000 Gap", f"{R} et {R}"),
    # Web addresses with a query string
    ("voir https://exemple.fr/form?email=paul%40x.org&nom=Martin.", f"voir {R}."),
    ("www.exemple.fr/page?id=12&qui=moi", R),
]

UNTOUCHED = [
    "Le 06/12/2016, réunion à 18 h 30.",
    "Réunion le 06/12 à 18 h 30",
    "du 06 au 12 juin, puis en 06 ou 07",
    "Le 01/02/2016 10 personnes étaient là",
    "Le 15.03.2016 à 10.30",
    "Rendez-vous à 18h30 ou 9 h.",
    "1er juin 2016, 18 h 30 – 20 h",
    "Objectif 2030 : 1 200 000 nuitées",
    "entre 2016 et 2030, saison 2016-2017",
    "En 2030 Briançon sera plus vert",
    "Le billet coûte 12,50 € ; l'abonnement 120 €.",
    "Montant : 1 234 567,89 €",
    "Budget : 15000 euros",
    "Le prix passe de 0,50 € à 1 €",
    "Le constat economie-difficile et le constat fonds-publics-rares",
    "Projet 2016-06-15 et lien #marque-partagee",
    "Page 06 du rapport, ligne 12",
    "N° 0612 du registre",
    "Le département 05 et le 04",
    "La note : 4 sur 5 ; 100 % d'accord",
    "Le point de vue des habitants, point final.",
    "le mot arobase est joli",
    "Suivez l'office sur Twitter @lavallee",
    "On se retrouve sur la place du marché",
    "3 rues et 2 places, 12 chemins de randonnée",
    "Rendez-vous au 12 de la rue",
    "https://www.exemple.fr/page sans paramètre",
    "Version 1.2.3 du document",
    "L'an 2016 compte 365 jours et 52 semaines",
    "Téléphone de l'office : voir le site",
    "Il faudrait 2 cours par semaine pour les enfants",
    "1 place pour 10 voitures, c'est trop peu",
    "Budget de 15000 euros pour 05100 habitants",
    "Il faut 4 voies de bus et 2 places de plus",
    "À l'horizon 2030 place aux jeunes et aux familles",
    "Depuis 2016 cours de ski gratuits pour les écoles",
    "Le 8 mai 1945 et le 14 juillet sont fériés",
]


@pytest.mark.parametrize("text, expected", STRIPPED)
def test_personal_data_is_stripped(text, expected):
    scrubbed, removed = scrub(text)
    assert scrubbed == expected
    assert removed == expected.count(R)


@pytest.mark.parametrize("text", UNTOUCHED)
def test_other_text_is_untouched(text):
    assert scrub(text) == (text, 0)


def test_the_corpus_is_large_and_half_untouched():
    assert len(STRIPPED) + len(UNTOUCHED) >= 50
    assert len(UNTOUCHED) * 2 >= len(STRIPPED) + len(UNTOUCHED) - 20  # about half


@pytest.mark.parametrize("text", ["0" * 100_000, "a.a " * 20_000 + "@", "1 " * 50_000, "06 " * 30_000,
                                  "paul point " * 10_000, "12 rue " + "De " * 20_000,
                                  "12 rue " + "de la " * 20_000, "12 rue victor " + "hugo " * 20_000,
                                  "12 rue a " + "de la " * 20_000, "12 rue a 05100 " * 20_000,
                                  "12 rue du 8 mai " * 20_000])
def test_no_slow_case(text):
    started = time.monotonic()
    scrub(text)
    assert time.monotonic() - started < 2


# --- the imported file's size: bounded, refused in French, never read whole --------------------

from plugins.consultation import mail_import  # noqa: E402
from plugins.consultation.feedback_import import read_feedback, run_import  # noqa: E402

SPECIAL = ("ce n'est pas un fichier ordinaire (périphérique, tube ou fichier spécial) : donnez le fichier "
           "exporté par la messagerie (.mbox, .eml) ou le tableau (.csv)")


def problems_of(paths, out_dir):
    return [f"{p.path}: {p.message}" for p in run_import(paths, {"offices-reunis"}, str(out_dir))[1]]


def test_dev_zero_is_refused_in_french_at_once(tmp_path):
    started = time.monotonic()
    assert problems_of("/dev/zero", tmp_path / "out") == [f"/dev/zero: {SPECIAL}"]
    assert time.monotonic() - started < 5
    assert not (tmp_path / "out").exists()


def test_a_csv_link_to_dev_zero_is_refused(tmp_path):
    link = tmp_path / "reactions.csv"
    link.symlink_to("/dev/zero")
    assert problems_of(str(link), tmp_path / "out") == [f"{link}: {SPECIAL}"]


def test_a_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "reactions.csv"
    os.mkfifo(pipe)
    assert problems_of(str(pipe), tmp_path / "out") == [f"{pipe}: {SPECIAL}"]


def test_a_pipe_in_a_folder_is_skipped_with_a_note(tmp_path):
    folder = tmp_path / "boite"
    folder.mkdir()
    os.mkfifo(folder / "tube")
    sources, notes, problems = mail_import.collect_sources([str(folder)])
    assert sources == [] and any(note.endswith("tube : fichier ignoré : ce n'est pas un fichier ordinaire "
                                               "(périphérique, tube ou fichier spécial)") for note in notes)


def test_a_csv_too_big_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(mail_import, "MAX_CSV_BYTES", 1024 ** 2)  # 100 Mo for real
    big = tmp_path / "reactions.csv"
    big.write_bytes(b"constat;date;message;publication\n" + b"x" * 3 * 1024 ** 2)
    assert problems_of(str(big), tmp_path / "out") == [
        f"{big}: fichier trop gros pour un tableau de réactions (3 Mo ; au plus 1 Mo) : vérifiez que c'est le bon fichier"]


def test_read_feedback_itself_reads_at_most_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(mail_import, "MAX_CSV_BYTES", 1024 ** 2)
    big = tmp_path / "reactions.csv"
    big.write_bytes(b"constat;date;message;publication\n" + b"x" * 3 * 1024 ** 2)
    problems = read_feedback(str(big), {"offices-reunis"})[1]
    assert [p.message for p in problems] == [
        "fichier trop gros pour un tableau de réactions (plus de 1 Mo) : vérifiez que c'est le bon fichier"]
