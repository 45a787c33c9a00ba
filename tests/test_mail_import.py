"""Reactions received by e-mail (plugins/consultation/mail_import.py, through feedback_import.run_import):
mailbox exports read back into the same records as the CSV import, with a French report, all or
nothing, and no personal data nor unconsented text ever written to data/ or output/.

Every message is built with the standard library from the message the site prefills
(feedback_subject, feedback_body; in the end-to-end test, the very mailto: links of the built site),
answered as a resident would: the reaction under « Votre réaction : », one word kept in the consent
question. Finding ids are those of the tests' site (tests/sites/office).
"""

from __future__ import annotations

import datetime
import importlib.util
import mailbox
import os
import re
import subprocess
import sys
from email.header import Header
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from plugins.consultation import mail_import, review
from plugins.consultation.feedback import CONSENT_HINT, CONSENT_QUESTION, CRLF, NBSP, feedback_body, feedback_subject
from plugins.consultation.feedback_import import run_import
from plugins.consultation.mail_import import parse_mail

from conftest import ROOT, accept_all_excerpts, copy_project

SITE_URL = "https://www.example.org/la-vallee-au-sommet"
OFFICE = "consultation@example.org"
# The findings of the tests' site: title (as the site writes it) and page.
FINDINGS = {
    "marque-partagee": ("Il faut une marque de destination cohérente", "etat-des-lieux/un-seul-nom/"),
    "offices-reunis": ("Les offices de tourisme ont fusionné", "etat-des-lieux/un-seul-nom/"),
    "destinations-rivales": ("La concurrence entre destinations est âpre", "etat-des-lieux/un-contexte-exigeant/"),
    "fonds-publics-rares": ("L’argent public se raréfie", "etat-des-lieux/un-contexte-exigeant/"),
}
KNOWN = set(FINDINGS) | {"economie-difficile", "consommation-changeante", "pros-premiers-relais", "acteurs-engages"}
HEADER = ("# Réactions reçues sur le constat « {id} » : fichier écrit par « python3 manage.py import-feedback »,\n"
          "# remplacé à chaque import. Ne le modifiez pas à la main : corrigez l'export (messages ou CSV) et "
          "relancez l'import.\n"
          "# Seuls les extraits relus (« python3 manage.py review-feedback ») y figurent.\n")
QUESTION = f"{CONSENT_QUESTION} {CONSENT_HINT}"


# --- messages as residents send them ---------------------------------------------------------------

def prefilled(finding_id: str) -> tuple[str, str]:
    """The subject and body the site prefills for a finding (lines in LF, as a mail program shows them)."""
    title, page = FINDINGS.get(finding_id, FINDINGS["marque-partagee"])
    return (feedback_subject(finding_id, title),
            feedback_body(finding_id, title, f"{SITE_URL}/{page}#{finding_id}").replace(CRLF, "\n"))


def answered(body: str, reaction: str, answer: str | None) -> str:
    """The prefilled body with the reaction written under « Votre réaction : » and the consent question
    answered: "oui" or "non" (the word kept), "" (left as it is: both words), None (question deleted)."""
    head, label, tail = body.partition(f"Votre réaction{NBSP}:\n")
    tail = tail.replace("\n", reaction + "\n", 1)
    if answer is None:
        tail = tail.replace(QUESTION + "\n", "")
    elif answer:
        tail = tail.replace(f"{NBSP}: oui / non", f"{NBSP}: {answer}")
    return head + label + tail


def message(finding_id: str, reaction: str, answer: str | None = "oui", *, sender=("Hélène Dupré",
            "helene.dupre@gmail.com"), date="Tue, 15 Mar 2016 10:12:00 +0100", message_id="<1@mail.example>",
            subject: str | None = None, body: str | None = None, cte: str = "8bit",
            prefill: tuple[str, str] | None = None, to: str = OFFICE) -> EmailMessage:
    """A plain-text message in UTF-8, as a mail program sends the prefilled one (`prefill`: the subject
    and body the site prefills, prefilled(finding_id) by default)."""
    prefilled_subject, prefilled_body = prefill or prefilled(finding_id)
    msg = EmailMessage()
    msg["From"] = f"{sender[0]} <{sender[1]}>" if sender[0] else sender[1]
    msg["To"] = to
    msg["Subject"] = subject if subject is not None else prefilled_subject
    msg["Date"] = date
    msg["Message-ID"] = message_id
    msg.set_content(body if body is not None else answered(prefilled_body, reaction, answer), cte=cte)
    return msg


def html_lines(text: str) -> str:
    """HTML as Gmail composes it: a <div> per line, <div><br></div> for a blank line."""
    def escape(line: str) -> str:
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(NBSP, "&nbsp;")
    return "".join(f"<div>{escape(line)}</div>" if line else "<div><br></div>" for line in text.split("\n"))


def html_only(finding_id: str, reaction: str, answer: str | None = "oui", **kwargs) -> EmailMessage:
    msg = message(finding_id, reaction, answer, **kwargs)
    text = msg.get_content()
    html = (f'<html><head><style>div {{ color: red }}</style><title>x</title></head><body dir="ltr">'
            f'{html_lines(text)}<br><div class="gmail_signature">Hélène Dupré<br>06 98 76 54 32</div>'
            "</body></html>")
    msg.set_content(html, subtype="html", cte="quoted-printable")
    return msg


def legacy(finding_id: str, reaction: str, answer: str | None = "oui", *, charset: str, encoding: str,
           **kwargs) -> EmailMessage:
    """A message in a single-byte charset (Outlook, older programs): body bytes, and subject and sender
    name as RFC 2047 encoded words, in `encoding`, labelled `charset`."""
    msg = message(finding_id, reaction, answer, **kwargs)
    text, sender = msg.get_content(), kwargs.get("sender", ("Hélène Dupré", "helene.dupre@gmail.com"))
    subject = str(msg["Subject"])
    if encoding == "latin-1":
        subject = subject.replace("’", "'")
    for name in ("Subject", "From"):
        del msg[name]
    def encoded_words(text: str) -> str:
        words = Header(text.encode(encoding).decode("latin-1"), "iso-8859-1").encode(linesep="\n")
        return words.replace("\n", "").replace("iso-8859-1", charset)
    msg["From"] = f"{encoded_words(sender[0])} <{sender[1]}>"
    msg["Subject"] = encoded_words(subject)
    if encoding == "latin-1":
        text, subject = text.replace("’", "'"), subject.replace("’", "'")  # as a Latin-1 program writes them
    msg.set_content(text.encode(encoding), "text", "plain", cte="8bit")
    msg.set_param("charset", charset)
    return msg


def forwarded(finding_id: str, reaction: str, answer: str | None = "oui", prefill: tuple[str, str] | None = None,
              message_id: str = "<fwd@mail.example>") -> EmailMessage:
    """A resident's message forwarded to the consultation address by a colleague (Thunderbird, « TR: »)."""
    subject, body = prefill or prefilled(finding_id)
    original = answered(body, reaction, answer)
    text = (f"Reçue au guichet de l'office, pour la consultation.\nAgnès Martin, accueil, 04 92 24 98 98\n\n"
            "-------- Message transféré --------\n"
            f"Sujet : \t{subject}\n"
            "Date : \tWed, 16 Mar 2016 18:40:00 +0100\n"
            "De : \tPaul Girard <paul.girard@free.fr>\n"
            f"Pour : \t{OFFICE}\n\n"
            f"{original}")
    return message(finding_id, "", sender=("Agnès Martin", "agnes.martin@example.net"),
                   date="Mon, 21 Mar 2016 08:05:00 +0100", message_id=message_id,
                   subject=f"TR: {subject}", body=text)


def reply(finding_id: str) -> EmailMessage:
    """A resident answers the office's reply (« RE: »), above the quoted exchange."""
    subject, body = prefilled(finding_id)
    quoted = "\n".join(">> " + line if line else ">>" for line in answered(body, "Une seule porte d'entrée.",
                                                                          "oui").split("\n"))
    text = ("Merci ! Et pensez aux navettes entre les stations.\n\n"
            f"J’accepte qu’un extrait anonyme de mon message soit publié{NBSP}: oui\n\n"
            f"Le 16/03/2016 à 09:00, Office de tourisme <{OFFICE}> a écrit{NBSP}:\n"
            "> Madame Fabre, merci pour votre message. Joignez-nous au 04 92 24 98 98.\n"
            "> Claire Vidal, chargée de la consultation\n>\n"
            f"> Le 15/03/2016 à 18:00, Élise Fabre <e.fabre@orange.fr> a écrit :\n{quoted}\n")
    return message(finding_id, "", sender=("Élise Fabre", "e.fabre@orange.fr"), subject=f"RE: {subject}",
                   date="Wed, 16 Mar 2016 12:00:00 +0100", message_id="<reply@mail.example>", body=text)


def newsletter() -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Station <news@station.example.com>"
    msg["To"] = OFFICE
    msg["Subject"] = "Lettre d'information de mars (édition 12)"
    msg["Date"] = "Thu, 17 Mar 2016 07:00:00 +0100"
    msg["Message-ID"] = "<news-12@station.example.com>"
    msg.set_content("<p>Nos offres de printemps : forfaits à -20 %.</p>", subtype="html")
    return msg


def write_mbox(path: Path, messages: list[EmailMessage]) -> Path:
    box = mailbox.mbox(str(path))
    for msg in messages:
        box.add(msg)
    box.flush()
    box.close()
    return path


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def yml(finding_id: str, count: int, excerpts=()) -> str:
    """A tracked file, its excerpts (date, text as a YAML scalar) read and accepted."""
    lines = [HEADER.format(id=finding_id) + f'finding: "{finding_id}"', f"count: {count}"]
    if excerpts:
        lines.append("excerpts:")
        for day, text in excerpts:
            key = review.excerpt_key(finding_id, datetime.date.fromisoformat(day), yaml.safe_load(text))
            lines += [f"  - date: {day}\n    text: {text}\n    relu: oui\n    cle: \"{key}\""]
    return "\n".join(lines) + "\n"



def import_files(*paths: str, known=KNOWN):
    """Imports, then accepts every excerpt of the review queue."""
    imported, problems = run_import(list(paths), known, "data/feedback", office_addresses=(OFFICE,))
    if not problems:
        accept_all_excerpts("data/feedback")
    return imported, [str(problem) for problem in problems]


def written(workdir: Path) -> dict[str, str]:
    return {p.name: read(p) for p in sorted((workdir / "data" / "feedback").iterdir()) if p.is_file()}


# --- one message, each way it can arrive ----------------------------------------------------------------

REACTION = "Une marque commune, enfin !\n\nMais gardons le nom de chaque station."


@pytest.mark.parametrize("build, expected_text, consent", [
    pytest.param(lambda: message("marque-partagee", REACTION), REACTION, True, id="plain"),
    pytest.param(lambda: message("marque-partagee", REACTION, cte="quoted-printable"), REACTION, True,
                 id="quoted-printable"),
    pytest.param(lambda: message("marque-partagee", REACTION, cte="base64"), REACTION, True, id="base64"),
    pytest.param(lambda: html_only("marque-partagee", REACTION), REACTION, True, id="html-only"),
    pytest.param(lambda: legacy("fonds-publics-rares", "L’État « œuvre » moins : à nous d’agir…", charset="windows-1252",
                                encoding="cp1252"), "L’État « œuvre » moins : à nous d’agir…", True,
                 id="windows-1252"),
    pytest.param(lambda: legacy("fonds-publics-rares", "L’État « œuvre » moins : à nous d’agir…", charset="iso-8859-1",
                                encoding="cp1252"), "L’État « œuvre » moins : à nous d’agir…", True,
                 id="latin-1-label-windows-1252-bytes"),
    pytest.param(lambda: legacy("offices-reunis", "Très bien. Élus et habitants d'accord.", charset="iso-8859-1",
                                encoding="latin-1"), "Très bien. Élus et habitants d'accord.", True, id="latin-1"),
    pytest.param(lambda: message("marque-partagee", REACTION, "non"), REACTION, False, id="non-kept"),
    pytest.param(lambda: message("marque-partagee", REACTION, ""), REACTION, False, id="both-words-left"),
    pytest.param(lambda: message("marque-partagee", REACTION, None), REACTION, None, id="question-deleted"),
])
def test_each_way_a_message_arrives(build, expected_text, consent):
    mail = parse_mail(build().as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent, mail.unreadable) == (expected_text, consent, None)
    assert mail.candidates[0] in KNOWN
    assert mail.when.tzinfo is not None and mail.when.utcoffset() == datetime.timedelta(hours=1)  # Paris, March


def test_the_date_is_the_day_in_paris():
    late = message("marque-partagee", "Tard le soir.", date="Tue, 15 Mar 2016 23:30:00 +0000")
    assert parse_mail(late.as_bytes(), "x.eml", None).when.isoformat() == "2016-03-16T00:30:00+01:00"


def test_a_signature_and_the_template_are_not_the_reaction():
    text = answered(prefilled("offices-reunis")[1], "Bonne idée.\nHélène", "oui") + "-- \nHélène Dupré\n06 12 34 56 78\n"
    mail = parse_mail(message("offices-reunis", "", body=text).as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent) == ("Bonne idée.\nHélène", True)


def test_a_signature_put_above_the_prefilled_text():
    body = ("-- \nHélène Dupré\n06 12 34 56 78\n\n"
            + answered(prefilled("offices-reunis")[1], "Bonne idée.", "oui"))
    mail = parse_mail(message("offices-reunis", "", body=body).as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent) == ("Bonne idée.", True)


def test_words_written_on_the_label_line_and_a_wrapped_consent_line():
    body = prefilled("offices-reunis")[1].replace(f"Votre réaction{NBSP}:\n", f"Votre réaction{NBSP}: D'accord.\n")
    body = body.replace(f"{NBSP}: oui / non (gardez « oui »", f"{NBSP}: oui (gardez « oui »\n")
    assert "\n ou « non »)" in body
    mail = parse_mail(message("offices-reunis", "", body=body).as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent) == ("D'accord.", True)


def test_format_flowed_lines_are_joined():
    msg = message("offices-reunis", "", body="")
    flowed = (answered(prefilled("offices-reunis")[1], "Une phrase longue que le programme \na coupée en deux.",
                       "oui"))
    msg.set_content(flowed, cte="8bit")
    msg.set_param("format", "flowed")
    mail = parse_mail(msg.as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent) == ("Une phrase longue que le programme a coupée en deux.", True)


def test_a_forwarded_message_is_its_original():
    mail = parse_mail(forwarded("destinations-rivales", "Il faut se démarquer. Paul").as_bytes(), "x.eml", None)
    assert (mail.candidates, mail.text, mail.consent) == (["destinations-rivales"], "Il faut se démarquer. Paul", True)
    assert mail.when.date() == datetime.date(2016, 3, 16)  # the original's date, as the forward shows it
    assert ("Paul Girard", "paul.girard@free.fr") in mail.people
    assert ("Agnès Martin", "agnes.martin@example.net") in mail.people


@pytest.mark.parametrize("separator, fields", [
    pytest.param("---------- Forwarded message ---------",
                 ["From: Paul Girard <paul.girard@free.fr>", "Date: Wed, Mar 16, 2016 at 6:40 PM",
                  "Subject: {subject}", f"To: <{OFFICE}>"], id="gmail"),
    pytest.param("---------- Message transféré ---------",
                 ["De : Paul Girard <paul.girard@free.fr>", "Date: mer. 16 mars 2016 à 18:40",
                  "Subject: {subject}", f"To: <{OFFICE}>"], id="gmail-fr"),
    pytest.param("Début du message réexpédié :",
                 ["", "De: Paul Girard <paul.girard@free.fr>", "Objet: {subject}",
                  "Date: 16 mars 2016 à 18:40:00 UTC+1", f"À: {OFFICE}"], id="apple-mail"),
    pytest.param("________________________________",
                 ["De : Paul Girard <paul.girard@free.fr>", "Envoyé : mercredi 16 mars 2016 18:40",
                  f"À : {OFFICE}", "Objet : {subject}"], id="outlook"),
])
def test_forward_headers_of_each_mail_program(separator, fields):
    subject, body = prefilled("destinations-rivales")
    text = ("Pour info.\n\n" + separator + "\n" + "\n".join(fields).format(subject=subject) + "\n\n"
            + answered(body, "Se démarquer, oui.", "oui"))
    msg = message("destinations-rivales", "", subject=f"TR : {subject}", body=text)
    mail = parse_mail(msg.as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent, mail.when.date()) == ("Se démarquer, oui.", True, datetime.date(2016, 3, 16))
    assert ("Paul Girard", "paul.girard@free.fr") in mail.people


def test_a_message_forwarded_as_an_attachment():
    original = message("destinations-rivales", "Se démarquer, oui.", message_id="<original@mail.example>")
    outer = message("destinations-rivales", "", sender=("Agnès Martin", "agnes.martin@example.net"),
                    subject=f"Fwd: {original['Subject']}", body="Voir la pièce jointe.",
                    date="Mon, 21 Mar 2016 08:05:00 +0100", message_id="<outer@mail.example>")
    outer.add_attachment(original)
    mail = parse_mail(outer.as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent, mail.message_id) == ("Se démarquer, oui.", True, "<original@mail.example>")
    assert mail.when.date() == datetime.date(2016, 3, 15)


def test_a_reply_keeps_only_what_the_resident_wrote_above_the_quotes():
    mail = parse_mail(reply("offices-reunis").as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent) == ("Merci ! Et pensez aux navettes entre les stations.", True)
    assert mail.candidates == ["offices-reunis"]


def test_a_quoted_yes_is_not_an_answer():
    subject, body = prefilled("offices-reunis")
    quoted = "\n".join("> " + line for line in answered(body, "Premier message.", "oui").split("\n"))
    text = f"Je complète : et les navettes ?\n\nLe 15/03/2016 à 18:00, Élise <e.fabre@orange.fr> a écrit :\n{quoted}\n"
    mail = parse_mail(message("offices-reunis", "", subject=f"Re: {subject}", body=text).as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent) == ("Je complète : et les navettes ?", None)


@pytest.mark.parametrize("subject, body, expected", [
    pytest.param("RE: TR: Réf. : Re : {subject}", None, ["marque-partagee"], id="prefixes"),
    pytest.param("[Fwd: {subject}]", None, ["marque-partagee"], id="old-thunderbird-forward"),
    pytest.param("Mon avis", None, ["marque-partagee"], id="identifiant-line"),
    pytest.param("Réaction marque-partagee", "J'aime.", ["marque-partagee"], id="id-as-is-in-the-subject"),
    pytest.param("Mon avis", "Rien à voir.", [], id="nothing"),
])
def test_the_finding_is_found_through_prefixes_and_lines(workdir, subject, body, expected):
    msg = message("marque-partagee", "Oui.", subject=subject.format(subject=prefilled("marque-partagee")[0]), body=body)
    (workdir / "m.eml").write_bytes(msg.as_bytes())
    imported, problems = import_files("m.eml")
    if expected:
        assert (problems, list(imported.findings)) == ([], expected)
    else:
        assert problems[0] == ("m.eml: message non importé : 15/03/2016 10:12 « Mon avis » : aucun constat reconnu : "
                               "ni « (identifiant) » à la fin de l'objet, ni ligne « Identifiant : » dans le message")


# --- a mailbox: records and report ---------------------------------------------------------------------

def consultation_mailbox() -> list[EmailMessage]:
    """Every kind of message an office receives, in one export."""
    title = FINDINGS["marque-partagee"][0]
    typo_body = answered(prefilled("marque-partagee")[1], "Bravo.", "oui").replace(
        f"Identifiant{NBSP}: marque-partagee", f"Identifiant{NBSP}: marque-partage")
    return [
        message("marque-partagee", "Une marque commune, enfin ! Hélène Dupré, 06 12 34 56 78."),
        html_only("destinations-rivales", "Les stations se font concurrence.\n\nÉcrivez-moi : marc.roux@laposte.net",
                  sender=("Marc Roux", "marc.roux@laposte.net"), date="Wed, 16 Mar 2016 09:30:00 +0100",
                  message_id="<2@mail.example>"),
        legacy("fonds-publics-rares", "L’État « œuvre » moins : à nous d’agir.", charset="windows-1252",
               encoding="cp1252", sender=("Élise Fabre", "e.fabre@orange.fr"), message_id="<3@mail.example>",
               date="Thu, 17 Mar 2016 14:00:00 +0100"),
        message("marque-partagee", "Secret : ne publiez pas ceci, Hélène Dupré.", "non", cte="quoted-printable",
                message_id="<4@mail.example>", date="Fri, 18 Mar 2016 10:00:00 +0100"),
        forwarded("destinations-rivales", "Il faut se démarquer des autres vallées. Paul"),
        reply("offices-reunis"),
        message("marque-partagee", "Une marque commune, enfin ! Hélène Dupré, 06 12 34 56 78."),  # same Message-ID
        newsletter(),
        message("marque-partagee", "Bravo.", subject=feedback_subject("marque-partage", title), body=typo_body,
                message_id="<5@mail.example>", date="Sat, 19 Mar 2016 11:00:00 +0100"),
        message("marque-partagee", "Je préfère ne rien dire de plus.", None, message_id="<6@mail.example>",
                sender=("", "j.blanc@example.net"), date="Sun, 20 Mar 2016 16:45:00 +0100"),
        message("marque-partagee", "", body="Merci, bien reçu.", sender=("Office de tourisme", OFFICE),
                subject=f"RE: {prefilled('marque-partagee')[0]}", message_id="<7@mail.example>"),
    ]


def from_lines(path: Path) -> list[int]:
    """The line of each message of an mbox (its « From » line)."""
    return [number for number, line in enumerate(path.read_bytes().split(b"\n"), 1) if line.startswith(b"From ")]


def test_a_mailbox_gives_exact_records_and_report(workdir):
    starts = from_lines(write_mbox(workdir / "Réactions.mbox", consultation_mailbox()))
    imported, problems = import_files("Réactions.mbox")
    assert problems == []
    assert written(workdir) == {
        "destinations-rivales.yml": yml("destinations-rivales", 2, [
            ("2016-03-16", '"Les stations se font concurrence.\\n\\nÉcrivez-moi : [retiré]"'),
            ("2016-03-16", '"Il faut se démarquer des autres vallées. [retiré]"'),
        ]),
        "fonds-publics-rares.yml": yml("fonds-publics-rares", 1, [
            ("2016-03-17", '"L’État « œuvre » moins : à nous d’agir."')]),
        "marque-partagee.yml": yml("marque-partagee", 3, [
            ("2016-03-15", '"Une marque commune, enfin ! [retiré], [retiré]."')]),
        "offices-reunis.yml": yml("offices-reunis", 1, [
            ("2016-03-16", '"Merci ! Et pensez aux navettes entre les stations."')]),
    }
    assert imported.summary("data/feedback").splitlines() == [
        "Import réussi : 7 réactions sur 4 constats, écrites dans data/feedback/ (l'import précédent est remplacé).",
        "Extraits publiables conservés : 5 ; 2 réactions sans accord de publication, seulement comptées.",
        "Données personnelles retirées des extraits : 4 (adresses électroniques et postales, téléphones, noms) ; "
        "les noms et adresses des expéditeurs ne sont jamais recopiés.",
        "Messages lus : 11 dans 1 fichier ; 1 en double (même message, ou même texte du même expéditeur), mis de "
            "côté ; 1 envoyé depuis "
        "consultation@example.org (l'Office), non compté.",
        "2 messages non importés, à vérifier (s'il s'agit de réactions, voir le guide des communicants, "
        "« Importer les réactions reçues ») :",
        f"  - 17/03/2016 07:00 « Lettre d'information de mars (édition 12) » (Réactions.mbox:{starts[7]}) : "
        "aucun constat reconnu : ni « (identifiant) » à la fin de l'objet, ni ligne « Identifiant : » dans le message",
        "  - 19/03/2016 11:00 « Réaction au constat « Il faut une marque de destination cohérente » (marque-partage) » "
        f"(Réactions.mbox:{starts[8]}) : constat « marque-partage » inconnu : vouliez-vous dire « marque-partagee » ?",
        "Relecture : 0 déjà relu et publié, 0 refusé, 5 à relire avant publication.",
        "Relisez-les avec « python3 manage.py review-feedback » (extraits dans data/feedback/a-relire/extraits.yml, "
        "jamais publié).",
    ]


def test_html_replies_and_forwards_of_mail_programs():
    subject, body = prefilled("offices-reunis")
    gmail_reply = message("offices-reunis", "", subject=f"Re: {subject}", body="")
    gmail_reply.set_content(
        '<div dir="ltr">Oui, et les navettes&nbsp;!</div><br><div class="gmail_quote"><div dir="ltr" '
        'class="gmail_attr">Le mar. 15 mars 2016 à 18:00, Office &lt;consultation@example.org&gt; a écrit&nbsp;:'
        '<br></div><blockquote class="gmail_quote">Madame Fabre, appelez-nous au 04 92 24 98 98.<br>'
        f'{html_lines(answered(body, "Premier avis.", "oui"))}</blockquote></div>', subtype="html")
    mail = parse_mail(gmail_reply.as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent, mail.candidates) == ("Oui, et les navettes\u00a0!", None, ["offices-reunis"])

    apple_forward = message("offices-reunis", "", subject=f"TR: {subject}", body="")
    apple_forward.set_content(
        '<html><body><div>À traiter.</div><div><br><blockquote type="cite"><div>Début du message réexpédié&nbsp;:'
        '</div><br><div><b>De: </b>Paul Girard &lt;paul.girard@free.fr&gt;</div><div><b>Objet: </b>'
        f'{subject}</div><div><b>Date: </b>16 mars 2016 à 18:40:00 UTC+1</div><div><b>À: </b>{OFFICE}</div><br>'
        f'{html_lines(answered(body, "Une seule porte d’entrée, enfin.", "oui"))}</blockquote></div></body></html>',
        subtype="html")
    mail = parse_mail(apple_forward.as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent, mail.when.date()) == ("Une seule porte d’entrée, enfin.", True,
                                                            datetime.date(2016, 3, 16))
    assert ("Paul Girard", "paul.girard@free.fr") in mail.people


# --- several files, folders, CSV and mail together -------------------------------------------------------

def test_files_folders_and_a_csv_are_one_import(workdir):
    apple = workdir / "Export" / "Réactions.mbox"  # Apple Mail exports a folder holding « mbox »
    apple.mkdir(parents=True)
    write_mbox(apple / "mbox", [message("marque-partagee", "Oui à la marque.")])
    (apple / "Info.plist").write_text("<plist/>", encoding="utf-8")
    (apple / "table_of_contents").write_bytes(b"\x00\x01\x02")
    (workdir / "Export" / "Lisez-moi.txt").write_text("Export du 30 avril.", encoding="utf-8")
    (workdir / "Export" / "ancien.csv").write_text("constat;date;message;publication\n", encoding="utf-8")
    (workdir / "Export" / "Inbox.msf").write_text("// index", encoding="utf-8")
    (workdir / "Export" / ".DS_Store").write_bytes(b"\x00")
    same = message("marque-partagee", "Oui à la marque.")  # also saved as .eml: the same Message-ID
    (workdir / "Export" / "message.eml").write_bytes(same.as_bytes())
    other = message("offices-reunis", "Réunir, oui.", "non", message_id="<9@mail.example>")
    (workdir / "seul.eml").write_bytes(other.as_bytes())
    (workdir / "formulaire.csv").write_text(
        "constat;date;avis;message;email;nom;publication\n"
        "destinations-rivales;2016-03-20;positif;Bravo, Jean Dupont;jean@example.net;Jean Dupont;oui\n",
        encoding="utf-8")
    imported, problems = import_files("Export", "seul.eml", "formulaire.csv")
    assert problems == []
    assert sorted(written(workdir)) == ["destinations-rivales.yml", "marque-partagee.yml", "offices-reunis.yml"]
    assert _excerpts(None) == ["Bravo, [retiré]", "Oui à la marque."]
    assert imported.summary("data/feedback").splitlines() == [
        "Import réussi : 3 réactions sur 3 constats, écrites dans data/feedback/ (l'import précédent est remplacé).",
        "Extraits publiables conservés : 2 ; 1 réaction sans accord de publication, seulement comptée.",
        "Données personnelles retirées des extraits : 1 (adresses électroniques et postales, téléphones, noms) ; "
        "les colonnes email et nom, ainsi que les noms et adresses des expéditeurs, ne sont jamais recopiés.",
        "Messages lus : 3 dans 3 fichiers ; 1 en double (même message, ou même texte du même "
            "expéditeur), mis de côté.",
        "À noter :",
        "  - Export/Lisez-moi.txt : fichier ignoré : ce n'est ni un message (.eml) ni une boîte de messages (.mbox)",
        "  - Export/ancien.csv : fichier ignoré : un tableau se donne à part, dans la même commande, après le dossier",
        "Relecture : 0 déjà relu et publié, 0 refusé, 2 à relire avant publication.",
        "Relisez-les avec « python3 manage.py review-feedback » (extraits dans data/feedback/a-relire/extraits.yml, "
        "jamais publié).",
    ]


def test_a_csv_alone_reports_as_before(workdir):
    (workdir / "r.csv").write_text("constat;date;message;publication\nmarque-partagee;2016-03-15;Oui.;oui\n",
                                   encoding="utf-8")
    imported, problems = import_files("r.csv")
    assert problems == [] and imported.summary("data/feedback").splitlines()[2:] == [
        "Données personnelles retirées des extraits : 0 (adresses électroniques et postales, téléphones, noms) ; "
        "les colonnes email et nom ne sont jamais recopiées.",
        "Relecture : 0 déjà relu et publié, 0 refusé, 1 à relire avant publication.",
        "Relisez-les avec « python3 manage.py review-feedback » (extraits dans data/feedback/a-relire/extraits.yml, "
        "jamais publié).",
    ]


# --- what stops an import: located, in French, nothing written --------------------------------------------

PREVIOUS = 'finding: "marque-partagee"\ncount: 2\n'
NOT_MAIL = ("ce n'est ni un tableau CSV, ni une boîte de messages (.mbox), ni un message (.eml) : donnez l'export "
            "de la messagerie ou du formulaire")


@pytest.fixture
def previous(workdir) -> Path:
    """A previous import, which a failed one must leave as it is."""
    folder = workdir / "data" / "feedback"
    folder.mkdir(parents=True)
    (folder / "marque-partagee.yml").write_text(PREVIOUS, encoding="utf-8")
    return folder


def assert_untouched(folder: Path) -> None:
    assert {p.name: read(p) for p in folder.parent.rglob("*") if p.is_file()} == {"marque-partagee.yml": PREVIOUS}
    assert [p.name for p in folder.parent.iterdir()] == ["feedback"]


@pytest.mark.parametrize("name, content, expected", [
    pytest.param("vide.mbox", b"", "vide.mbox: boîte vide : elle ne contient aucun message ; vérifiez que vous avez "
                 "exporté le bon dossier de la messagerie", id="empty-mbox"),
    pytest.param("vide.mbox", b"\n\n", "vide.mbox: boîte vide : elle ne contient aucun message ; vérifiez que vous "
                 "avez exporté le bon dossier de la messagerie", id="blank-mbox"),
    pytest.param("vide.eml", b"", "vide.eml: fichier vide ; vérifiez que vous avez exporté le bon dossier de la "
                 "messagerie", id="empty-eml"),
    pytest.param("image.mbox", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.mbox: ce n'est pas une boîte au format "
                 "mbox (une boîte commence par une ligne « From ») : exportez à nouveau le dossier depuis la "
                 "messagerie", id="binary-mbox"),
    pytest.param("lettre.eml", "Bonjour,\nvoici mon avis.\n".encode(), "lettre.eml: ce n'est pas un message "
                 "électronique : un fichier .eml commence par des en-têtes (« From: », « Subject: »…) ; "
                 "enregistrez à nouveau le message depuis la messagerie", id="eml-without-headers"),
    pytest.param("donnees.bin", bytes(range(256)) * 4, f"donnees.bin: {NOT_MAIL}", id="binary-file"),
    pytest.param("rapport.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", f"rapport.pdf: {NOT_MAIL}", id="pdf"),
    pytest.param("message.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "message.msg: message Outlook (.msg) : "
                 "ce format n'est pas lu ; enregistrez le message au format .eml (Outlook sur le web : « Télécharger » ; "
                 "Outlook : faites-le glisser dans Thunderbird), ou exportez la boîte au format .mbox", id="outlook-msg"),
    pytest.param("takeout.zip", b"PK\x03\x04" + bytes(64), "takeout.zip: archive compressée : décompressez-la d'abord "
                 "(double-clic), puis donnez le fichier .mbox ou le dossier qu'elle contient", id="zip"),
    pytest.param("boite.mbox.gz", b"\x1f\x8b\x08\x00" + bytes(64), "boite.mbox.gz: archive compressée : décompressez-la "
                 "d'abord (double-clic), puis donnez le fichier .mbox ou le dossier qu'elle contient", id="gzip"),
    pytest.param("absent.mbox", None, "absent.mbox: fichier introuvable : donnez son chemin depuis le dossier du "
                 "projet, ou son chemin complet", id="missing"),
])
def test_a_file_that_cannot_be_read_stops_the_import(previous, name, content, expected):
    if content is not None:
        Path(name).write_bytes(content)
    write_mbox(Path("bonne.mbox"), [message("offices-reunis", "Oui.")])
    _, problems = import_files("bonne.mbox", name)
    assert problems == [expected]
    assert_untouched(previous)


def test_a_huge_file_is_refused_without_being_read(previous, monkeypatch):
    monkeypatch.setattr(mail_import, "MAX_MAILBOX_BYTES", 2 * 1024 ** 2)  # 4 Go for real
    read = []
    monkeypatch.setattr(mail_import, "_scan_mbox", lambda path: read.append(path))
    write_mbox(Path("tout-gmail.mbox"), [message("offices-reunis", "x" * 1024 ** 2, message_id=f"<{n}@x>")
                                         for n in range(3)])
    _, problems = import_files("tout-gmail.mbox")
    assert problems == ["tout-gmail.mbox: fichier trop gros (3 Mo ; au plus 2 Mo) : exportez seulement le dossier "
                        "(ou, dans Gmail, le libellé) qui reçoit les réactions"]
    assert read == []
    assert_untouched(previous)


def test_sizes_in_french():
    assert [mail_import._size_fr(size) for size in (10, 3 * 1024 ** 2, 5 * 1024 ** 3 + 10)] == ["1 Mo", "3 Mo", "5,0 Go"]


def test_a_line_too_long_for_mail_is_never_read_whole(previous):
    Path("faux.mbox").write_bytes(b"From x@y Tue Mar 15 10:12:00 2016\nSubject: x\n\n"
                                  + b"A" * (mail_import.MAX_LINE_BYTES + 1))
    _, problems = import_files("faux.mbox")
    assert problems == ["faux.mbox:4: ligne de plus de 10 Mo : ce n'est pas une boîte de messages ; exportez à "
                        "nouveau le dossier depuis la messagerie"]
    assert_untouched(previous)


def test_an_unreadable_file(previous, monkeypatch):
    write_mbox(Path("boite.mbox"), [message("offices-reunis", "Oui.")])

    def refused(path):
        raise PermissionError(13, "Permission denied", path)
    monkeypatch.setattr(mail_import, "_read_head", refused)
    _, problems = import_files("boite.mbox")
    assert problems == ["boite.mbox: lecture refusée : vérifiez les droits du fichier"]
    assert_untouched(previous)


def test_a_folder_without_messages(previous):
    Path("Export").mkdir()
    Path("Export", "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(32))
    _, problems = import_files("Export")
    assert problems == ["Export: aucun message dans ce dossier (ni fichier .eml, ni boîte .mbox) : donnez le dossier "
                        "où la messagerie a enregistré les messages, ou le fichier lui-même"]
    assert_untouched(previous)


def test_a_mailbox_without_any_reaction_is_the_wrong_folder(previous):
    starts = from_lines(write_mbox(Path("Boîte.mbox"), [newsletter(), message(
        "marque-partagee", "", body="Merci.", sender=("Office", OFFICE), message_id="<o@x>")]))
    _, problems = import_files("Boîte.mbox")
    assert problems == [
        f"Boîte.mbox:{starts[0]}: message non importé : 17/03/2016 07:00 « Lettre d'information de mars (édition 12) » : "
        "aucun constat reconnu : ni « (identifiant) » à la fin de l'objet, ni ligne « Identifiant : » dans le message",
        "Boîte.mbox: aucune réaction à un constat du site parmi les 2 messages lus : exportez le dossier de la messagerie "
        "qui reçoit les réactions (l'import précédent est gardé)",
    ]
    assert_untouched(previous)


@pytest.mark.parametrize("build, reason", [
    pytest.param(lambda: message("marque-partagee", "", None), "constat « marque-partagee », mais message vide : le "
                 "modèle a été envoyé sans réaction", id="template-sent-as-is"),
    pytest.param(lambda: message("marque-partagee", "Sans date.", date="demain"), "constat « marque-partagee », "
                 "mais message sans date (en-tête Date absent ou illisible)", id="no-date"),
])
def test_messages_that_cannot_be_counted_are_listed(workdir, build, reason):
    write_mbox(Path("b.mbox"), [message("offices-reunis", "Oui.", message_id="<ok@x>")])
    Path("m.eml").write_bytes(build().as_bytes())  # an .eml: no mbox « From » line to take a date from
    imported, problems = import_files("b.mbox", "m.eml")
    assert problems == []
    assert [line.split(" : ", 1)[1] for line in imported.summary("x").splitlines() if line.startswith("  - ")] == [reason]


def test_an_unconsented_text_too_long_to_publish_is_still_counted(workdir):
    (workdir / "m.eml").write_bytes(message("offices-reunis", "Long. " * 600).as_bytes())
    imported, problems = import_files("m.eml")
    assert problems == [] and written(workdir) == {"offices-reunis.yml": yml("offices-reunis", 1)}
    assert imported.summary("x").splitlines()[-1] == (
        "  - 15/03/2016 10:12 « Réaction au constat « Les offices de tourisme ont fusionné » (offices-reunis) » "
        "(m.eml) : compté sans extrait : message trop long pour être publié (3599 caractères ; maximum 3000)")


# --- never a traceback -------------------------------------------------------------------------------

@given(st.binary(max_size=2000))
def test_any_bytes_make_a_mail_or_a_reason(raw):
    mail = parse_mail(raw, "x.eml", None)
    assert mail.unreadable is None or mail.unreadable.startswith("message illisible")


@given(st.data())
def test_any_damage_to_a_real_message_is_survived(data):
    raw = bytearray(html_only("marque-partagee", REACTION).as_bytes())
    for _ in range(data.draw(st.integers(1, 20))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    parse_mail(bytes(raw), "x.eml", None)


@pytest.mark.parametrize("body", [
    pytest.param(" " * 1_000_000, id="a line of spaces"),
    pytest.param("Le 1 " + "1 a " * 250_000, id="an attribution that never ends"),
    pytest.param("De : x\n" * 100_000, id="header-like lines"),
    pytest.param(">" * 1_000_000, id="a line of quote marks"),
    pytest.param("Page :" + " " * 500_000 + "x", id="a template label and spaces"),
    pytest.param("J’accepte qu’un extrait anonyme de mon message soit publié : oui (gardez\n" * 20_000,
                 id="consent lines"),
])
def test_hostile_text_is_read_in_linear_time(body):
    import time

    raw = message("marque-partagee", "", body=body).as_bytes()
    started = time.perf_counter()
    parse_mail(raw, "x.eml", None)
    assert time.perf_counter() - started < 10


def test_an_outlook_reply_below_its_original_message_line():
    subject, body = prefilled("offices-reunis")
    text = ("D'accord avec vous.\n\n-----Message d'origine-----\nDe : Office <consultation@example.org>\n"
            "Envoyé : mercredi 16 mars 2016 09:00\nObjet : RE: " + subject + "\n\nMadame Fabre, merci.\n")
    mail = parse_mail(message("offices-reunis", "", subject=f"RE : {subject}", body=text).as_bytes(), "x.eml", None)
    assert (mail.text, mail.consent, mail.candidates) == ("D'accord avec vous.", None, ["offices-reunis"])


def test_escaped_from_lines_of_an_mbox_are_text(workdir):
    msg = message("offices-reunis", "From my point of view, yes.")
    write_mbox(Path("b.mbox"), [msg])
    assert b"\n>From my point" in Path("b.mbox").read_bytes()
    imported, problems = import_files("b.mbox")
    assert problems == [] and _excerpts(None) == ["From my point of view, yes."]


def test_the_launcher_passes_several_files_to_the_task():
    spec = importlib.util.spec_from_file_location("manage", ROOT / "manage.py")
    manage = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(manage)
    assert manage.task_argv(["import-feedback", "a.mbox", "b c.eml", "--et", "d.csv", "dossier"]) == [
        "import-feedback", "a.mbox", "--et", "b c.eml", "--et", "d.csv", "--et", "dossier"]
    assert manage.task_argv(["import-feedback", "a.csv"]) == ["import-feedback", "a.csv"]
    assert manage.task_argv(["build", "x"]) == ["build", "x"]


# --- end to end: the site's own links, the real command, the built site ------------------------------------

def invoke(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "invoke", "import-feedback", *args], cwd=project, env=env,
                          capture_output=True, encoding="utf-8", timeout=300)


def site_prefills(output: Path) -> dict[str, tuple[str, str, str]]:
    """Finding id → (address, subject, body) of every « Réagir à ce constat » link of the built site."""
    found = {}
    for page in output.rglob("*.html"):
        for link in BeautifulSoup(read(page), "html.parser").select('a[href^="mailto:"]'):
            parts = urlsplit(link["href"])
            query = parse_qs(parts.query, keep_blank_values=True)
            if "subject" in query:
                body = query["body"][0].replace(CRLF, "\n")
                finding_id = re.search(rf"Identifiant{NBSP}: (\S+)", body)[1]
                found[finding_id] = (unquote(parts.path), query["subject"][0], body)
    return found


def searchable(path: Path) -> str:
    """A built file as text a reader (or a search engine) gets: gunzipped, entities and JSON escapes
    decoded, spaces and apostrophes as typed, case folded."""
    import gzip
    import html
    import json
    import unicodedata

    raw = path.read_bytes()
    if raw.startswith(b"\x1f\x8b"):
        raw = gzip.decompress(raw)
    text = html.unescape(raw.decode("utf-8", "replace"))
    if path.suffix == ".json":
        text += json.dumps(json.loads(text), ensure_ascii=False)
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    return re.sub(r"[\s\u00a0\u202f\u2009]+", " ", text).casefold()


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).casefold()


SENDERS = ["Hélène Dupré", "helene.dupre@gmail.com", "Marc Roux", "marc.roux@laposte.net", "Élise Fabre",
           "e.fabre@orange.fr", "Paul Girard", "paul.girard@free.fr", "Agnès Martin", "agnes.martin@example.net",
           "j.blanc@example.net", "06 12 34 56 78", "0612345678", "04 92 24 98 98", "06 98 76 54 32"]
SENDER_WORDS = ["Dupré", "Dupre", "Girard", "Fabre", "Agnès", "blanc"]  # in data/ only: pages may say « blanc »
UNCONSENTED = ["ne publiez pas ceci", "rien dire de plus", "Reçue au guichet", "mon avis reste entre nous"]


def test_end_to_end_no_personal_data_and_no_unconsented_text_anywhere(tmp_path, monkeypatch):
    from site_build import build

    project = copy_project(tmp_path / "projet")
    monkeypatch.chdir(project)
    # The site while the consultation is open: its own prefilled messages.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2016, 4, 20, 12, tzinfo=datetime.timezone.utc)
                                                    .timestamp())))
    assert build(str(project / "pelicanconf.py"), str(project / "output")).ok
    links = site_prefills(project / "output")
    assert {"marque-partagee", "offices-reunis", "destinations-rivales", "fonds-publics-rares"} <= set(links)

    def prefill(finding_id: str) -> tuple[str, str]:
        return links[finding_id][1:]

    office = links["marque-partagee"][0]
    first = message("marque-partagee", "Une marque commune, enfin ! Hélène Dupré, 06 12 34 56 78.",
                    prefill=prefill("marque-partagee"), to=office)
    mailbox_messages = [
        first,
        html_only("destinations-rivales", "Les stations se font concurrence. Écrivez-moi : marc.roux@laposte.net",
                  sender=("Marc Roux", "marc.roux@laposte.net"), message_id="<2@x>", prefill=prefill("destinations-rivales")),
        legacy("fonds-publics-rares", "L’État « œuvre » moins. Élise, 0612345678", charset="windows-1252",
               encoding="cp1252", sender=("Élise Fabre", "e.fabre@orange.fr"), message_id="<3@x>",
               prefill=prefill("fonds-publics-rares")),
        message("marque-partagee", "Secret : ne publiez pas ceci, Hélène Dupré.", "non", message_id="<4@x>",
                prefill=prefill("marque-partagee")),
        message("offices-reunis", "Je préfère ne rien dire de plus.", None, message_id="<5@x>",
                sender=("", "j.blanc@example.net"), prefill=prefill("offices-reunis")),
        message("offices-reunis", "Mon avis reste entre nous.", "", message_id="<6@x>", cte="quoted-printable",
                sender=("Élise Fabre", "e.fabre@orange.fr"), prefill=prefill("offices-reunis")),
        forwarded("destinations-rivales", "Il faut se démarquer des autres vallées. Paul",
                  prefill=prefill("destinations-rivales")),
        first,  # duplicated
        newsletter(),
    ]
    starts = from_lines(write_mbox(project / "Réactions.mbox", mailbox_messages))
    (project / "transfert.eml").write_bytes(forwarded("destinations-rivales", "Vu au guichet, mon avis reste entre "
                                                      "nous.", "non", message_id="<fwd-2@x>").as_bytes())

    done = invoke(project, "Réactions.mbox", "--et", "transfert.eml")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "Import réussi : 8 réactions sur 4 constats, écrites dans data/feedback/ (l'import précédent est remplacé).",
        "Extraits publiables conservés : 4 ; 4 réactions sans accord de publication, seulement comptées.",
        "Données personnelles retirées des extraits : 6 (adresses électroniques et postales, téléphones, noms) ; "
        "les noms et adresses des expéditeurs ne sont jamais recopiés.",
        "Messages lus : 10 dans 2 fichiers ; 1 en double (même message, ou même texte du même "
            "expéditeur), mis de côté.",
        "1 message non importé, à vérifier (s'il s'agit de réactions, voir le guide des communicants, "
        "« Importer les réactions reçues ») :",
        f"  - 17/03/2016 07:00 « Lettre d'information de mars (édition 12) » (Réactions.mbox:{starts[8]}) : aucun "
        "constat reconnu : ni « (identifiant) » à la fin de l'objet, ni ligne « Identifiant : » dans le message",
        "Relecture : 0 déjà relu et publié, 0 refusé, 4 à relire avant publication.",
        "Relisez-les avec « python3 manage.py review-feedback » (extraits dans data/feedback/a-relire/extraits.yml, "
        "jamais publié).",
    ]
    # Nothing is published before it is read: the office accepts every excerpt in the queue file, by hand.
    queue = project / "data" / "feedback" / "a-relire" / "extraits.yml"
    queue.write_text(queue.read_text(encoding="utf-8").replace("relu: non", "relu: oui"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "invoke", "review-feedback", "--apply"], cwd=project,
                          capture_output=True, encoding="utf-8", timeout=120)
    assert (done.returncode, done.stderr, done.stdout) == (
        0, "", "Relecture appliquée : 4 extraits publiés, 0 refusé (seulement compté) ; 0 encore à relire.\n")
    assert not queue.exists()
    # Left beside the queue, git-ignored: the digests of the messages, to find a reading again.
    assert [p.name for p in queue.parent.iterdir()] == ["messages.txt"]
    assert {p.name: p.read_text(encoding="utf-8") for p in (project / "data" / "feedback").iterdir()
            if p.is_file()} == {
        "destinations-rivales.yml": yml("destinations-rivales", 3, [
            ("2016-03-15", '"Les stations se font concurrence. Écrivez-moi : [retiré]"'),
            ("2016-03-16", '"Il faut se démarquer des autres vallées. [retiré]"')]),
        "fonds-publics-rares.yml": yml("fonds-publics-rares", 1, [
            ("2016-03-15", '"L’État « œuvre » moins. [retiré], [retiré]"')]),
        "marque-partagee.yml": yml("marque-partagee", 2, [
            ("2016-03-15", '"Une marque commune, enfin ! [retiré], [retiré]."')]),
        "offices-reunis.yml": yml("offices-reunis", 2),
    }

    data = "\n".join(searchable(p) for p in sorted((project / "data").rglob("*")) if p.is_file())
    for value in SENDERS + SENDER_WORDS + UNCONSENTED:
        assert normal(value) not in data, value

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1782864000")  # after the consultation, as published then
    result = build(str(project / "pelicanconf.py"), str(project / "output"))
    assert [str(p) for p in result.problems] == []
    files = [p for p in sorted((project / "output").rglob("*")) if p.is_file()]
    assert len(files) > 50
    for path in files:
        text = searchable(path)
        for value in SENDERS + UNCONSENTED:
            assert normal(value) not in text, (value, path)
    # The consented excerpts do reach the site, scrubbed: the search above is not vacuous.
    answers = searchable(project / "output" / "constats" / "reponses" / "index.html")
    for excerpt in ["Une marque commune, enfin ! [retiré], [retiré].", "L'État « œuvre » moins. [retiré], [retiré]",
                    "Il faut se démarquer des autres vallées. [retiré]"]:
        assert normal(excerpt) in answers, excerpt


def test_word_line_breaks_and_control_characters_in_a_mail_are_cleaned(workdir):
    (workdir / "m.eml").write_bytes(message("offices-reunis", "Enfin réunis\x0bmerci\x07\u202e !").as_bytes())
    imported, problems = import_files("m.eml")
    assert problems == []
    data = yaml.safe_load(written(workdir)["offices-reunis.yml"])
    assert [excerpt["text"] for excerpt in data["excerpts"]] == ["Enfin réunis\nmerci !"]


# --- whatever the headers say, every excerpt is scrubbed (issue 21) ----------------------------------

PERSONAL = "Appelez-moi au 06 12 34 56 78 ou écrivez à paul.martin@example.org, merci."
PERSONAL_SCRUBBED = "Appelez-moi au [retiré] ou écrivez à [retiré], merci."


def _excerpts(imported) -> list[str]:
    """The texts of the tracked files (import_files accepted them all)."""
    return [excerpt["text"] for text in written(Path.cwd()).values()
            for excerpt in yaml.safe_load(text).get("excerpts") or []]


@pytest.mark.parametrize("headers", [
    pytest.param({}, id="no-from"),
    pytest.param({"From": "<>"}, id="empty-from"),
    pytest.param({"From": ""}, id="blank-from"),
    pytest.param({"Reply-To": "Paul Martin <paul.martin@example.org>"}, id="reply-to-only"),
    pytest.param({"Sender": "paul.martin@example.org"}, id="sender-only"),
])
def test_a_message_without_a_usual_sender_is_scrubbed_all_the_same(workdir, headers):
    msg = message("marque-partagee", PERSONAL)
    del msg["From"]
    for name, value in headers.items():
        msg[name] = value
    write_mbox(workdir / "r.mbox", [msg])
    imported, problems = import_files("r.mbox")
    assert problems == []
    assert _excerpts(imported) == [PERSONAL_SCRUBBED]
    assert imported.removed == 2


def test_several_from_headers_are_each_stripped(workdir):
    raw = message("marque-partagee", "Signé Hélène Dupré et Paul Martin, 06 12 34 56 78.").as_bytes()
    raw = raw.replace(b"From: ", b"From: Paul Martin <paul.martin@example.org>\nFrom: ", 1)
    (workdir / "r.eml").write_bytes(raw)
    imported, problems = import_files("r.eml")
    assert problems == []
    assert _excerpts(imported) == ["Signé [retiré] et [retiré], [retiré]."]


def test_the_same_text_from_the_same_sender_counts_once_whatever_its_message_id(workdir):
    same = [message("marque-partagee", "Une marque commune, enfin !", message_id=f"<{n}@forged.example>")
            for n in range(40)]
    other_sender = message("marque-partagee", "Une marque commune,   ENFIN !", message_id="<a@x>",
                           sender=("Paul Martin", "paul.martin@example.org"))
    other_finding = message("offices-reunis", "Une marque commune, enfin !", message_id="<b@x>")
    write_mbox(workdir / "r.mbox", [*same, other_sender, other_finding])
    imported, problems = import_files("r.mbox")
    assert problems == []
    assert (imported.rows, imported.duplicates) == (3, 39)
    assert {finding: feedback.count for finding, feedback in imported.findings.items()} == {
        "marque-partagee": 2, "offices-reunis": 1}
    assert imported.summary("data/feedback").splitlines()[3] == (
        "Messages lus : 42 dans 1 fichier ; 39 en double (même message, ou même texte du même expéditeur), "
        "mis de côté.")


def test_without_any_sender_the_same_text_counts_once(workdir):
    mails = [message("marque-partagee", "Oui à la marque.", message_id=f"<{n}@x>") for n in range(3)]
    for msg in mails:
        del msg["From"]
    write_mbox(workdir / "r.mbox", mails)
    imported, problems = import_files("r.mbox")
    assert problems == []
    assert (imported.rows, imported.duplicates) == (1, 2)
