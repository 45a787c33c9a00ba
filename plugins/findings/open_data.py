"""The findings as open data: /donnees/constats.json and /donnees/constats.csv (stable URLs).

One record per finding, in the site's reading order, with the same fields in both files.
Values the consultation adds later (finding.extra: phase, feedback_count, outcome) are read
with defaults, so the files exist before any consultation.
"""

from __future__ import annotations

from core.open_data import DataFile, Dataset, Field, absolute_url, csv_bytes, json_bytes, json_payload

JSON_URL = "donnees/constats.json"
CSV_URL = "donnees/constats.csv"

FIELDS = [
    Field("id", "identifiant", "Identifiant du constat, qui ne change jamais."),
    Field("titre", "texte", "Titre du constat."),
    Field("theme", "identifiant", "Identifiant du thème du constat (vide si le constat n’a pas de thème)."),
    Field("theme_titre", "texte", "Titre du thème."),
    Field("article_url", "adresse web", "Adresse de l’article du diagnostic qui présente le constat."),
    Field("url", "adresse web", "Adresse du constat lui-même, dans son article."),
    Field("phase", "identifiant", "Identifiant de la phase de la démarche pendant laquelle le constat est "
                                   "soumis à la consultation (vide si aucune)."),
    Field("reactions", "nombre entier", "Nombre de réactions reçues sur ce constat."),
    Field("vous_avez_dit", "texte", "Synthèse des réactions reçues («\u00a0Vous avez dit\u00a0»), paragraphes séparés "
                                     "par une ligne vide ; vide tant qu’elle n’est pas publiée."),
    Field("nous_avons_fait", "texte", "Ce que l’Office de Tourisme en a fait («\u00a0Nous avons fait\u00a0») ; vide tant "
                                       "que la réponse n’est pas publiée."),
]


def _paragraphs(text: str | None) -> str | None:
    """An outcome text with its paragraphs on their own, separated by a blank line."""
    if text is None:
        return None
    return "\n\n".join(" ".join(block.split()) for block in text.split("\n\n") if block.strip())


def record(finding, settings: dict) -> dict:
    """One finding as a record: the keys of FIELDS, in their order."""
    outcome = finding.extra.get("outcome") or {}
    return {
        "id": finding.id,
        "titre": finding.title,
        "theme": finding.theme,
        "theme_titre": finding.extra.get("theme_title"),
        "article_url": absolute_url(settings, finding.article.url),
        "url": absolute_url(settings, finding.url),
        "phase": finding.extra.get("phase"),
        "reactions": finding.extra.get("feedback_count", 0) or 0,
        "vous_avez_dit": _paragraphs(outcome.get("you_said")),
        "nous_avons_fait": _paragraphs(outcome.get("we_did")),
    }


def findings_dataset(findings, settings: dict) -> Dataset:
    records = [record(finding, settings) for finding in findings]
    return Dataset(
        id="constats",
        title="Les constats du diagnostic",
        description=("Chaque constat du diagnostic, avec son thème, l’adresse de l’article qui le présente, "
                     "le nombre de réactions reçues pendant la consultation et, une fois publiée, la réponse "
                     "de l’Office de Tourisme. Un constat par ligne (CSV) ou par objet (JSON, liste «\u00a0constats\u00a0»), "
                     "dans l’ordre de lecture du site."),
        fields=FIELDS,
        files=[DataFile(JSON_URL, "JSON", json_bytes(json_payload(settings, "constats", records))),
               DataFile(CSV_URL, "CSV", csv_bytes(FIELDS, records))],
    )
