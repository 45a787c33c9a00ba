"""The strategy as open data (stable URLs): /donnees/axes.json, /donnees/projets.json and
/donnees/projets.csv, two datasets of the page /donnees/ (« axes » and « projets »).

Same path as the findings (plugins/findings/open_data.py): records built here, published by
RoadmapGenerator at all_generators_finalized, written in its generate_output. Axes in their
order, projects as written in data/projects.yml. Dates as written (a month `2016-06` or a
day `2016-06-15`). In the CSV, lists are joined with « ; » and booleans are `true` / `false`.
"""

from __future__ import annotations

from core.open_data import DataFile, Dataset, Field, absolute_url, csv_bytes, json_bytes, json_payload

AXES_JSON_URL = "donnees/axes.json"
PROJECTS_JSON_URL = "donnees/projets.json"
PROJECTS_CSV_URL = "donnees/projets.csv"
LIST_SEPARATOR = ";"

AXIS_FIELDS = [
    Field("id", "identifiant", "Identifiant de l’axe, qui ne change jamais."),
    Field("titre", "texte", "Titre de l’axe stratégique."),
    Field("ordre", "nombre entier", "Rang de l’axe dans la stratégie (1 pour le premier)."),
    Field("ambition", "texte", "L’ambition de l’axe, en une phrase."),
    Field("url", "adresse web", "Adresse de la page de l’axe, qui présente ses projets."),
    Field("projets", "liste d’identifiants", "Identifiants des projets de l’axe (voir le jeu «\u00a0projets\u00a0»), "
                                             "dans l’ordre du fichier des projets ; liste vide si l’axe n’en a pas."),
]

PROJECT_FIELDS = [
    Field("id", "identifiant", "Identifiant du projet, qui ne change jamais."),
    Field("titre", "texte", "Titre du projet."),
    Field("axe", "identifiant", "Identifiant de l’axe stratégique du projet (voir le jeu «\u00a0axes\u00a0»)."),
    Field("priorite", "identifiant", "«\u00a0prioritaire\u00a0» (projets prioritaires) ou «\u00a0long-terme\u00a0» "
                                     "(à plus long terme)."),
    Field("debut", "mois ou date", "Début du projet tel qu’il est annoncé : un mois (AAAA-MM, ex. 2016-06) ou un "
                                   "jour (AAAA-MM-JJ)."),
    Field("fin", "mois ou date", "Fin du projet telle qu’elle est annoncée, même format ; vide (null) si aucune fin "
                                 "n’est annoncée (le projet se poursuit)."),
    Field("statut", "identifiant", "État du projet : «\u00a0a-lancer\u00a0» (à lancer), «\u00a0en-cours\u00a0» (en cours) "
                                   "ou «\u00a0realise\u00a0» (réalisé)."),
    Field("pilote", "texte", "Qui pilote le projet ; vide (null) s’il n’est pas encore désigné."),
    Field("partenaires", "liste de textes", "Les partenaires du projet : une liste en JSON, les noms séparés par "
                                            "«\u00a0;\u00a0» en CSV ; vide s’il n’y en a pas."),
    Field("constats", "liste d’identifiants", "Identifiants des constats du diagnostic auxquels le projet répond "
                                              "(voir le jeu «\u00a0constats\u00a0») : une liste en JSON, séparés par "
                                              "«\u00a0;\u00a0» en CSV."),
    Field("resume", "texte", "Ce que fait le projet, en quelques phrases."),
    Field("dates_illustratives", "vrai ou faux", "true si les dates et l’état du projet sont illustratifs (le texte "
                                                 "fondateur de la démarche ne les donne pas), sinon false."),
]


def axis_record(axis: dict, settings: dict) -> dict:
    """One axis of AXES (with its projects) as a record: the keys of AXIS_FIELDS, in their order."""
    return {
        "id": axis["id"],
        "titre": axis["title"],
        "ordre": axis["page"].axis_order,
        "ambition": axis["ambition"],
        "url": absolute_url(settings, axis["url"]),
        "projets": [project["id"] for project in axis["projects"]],
    }


def project_record(project: dict) -> dict:
    """One project of PROJECTS as a record: the keys of PROJECT_FIELDS, in their order."""
    return {
        "id": project["id"],
        "titre": project["title"],
        "axe": project["axis"]["id"],
        "priorite": project["priority"],
        "debut": project["start"].iso,
        "fin": project["end"].iso if project["end"] is not None else None,
        "statut": project["status"],
        "pilote": project["lead"],
        "partenaires": list(project["partners"] or []),
        "constats": [finding.id for finding in project["findings"]],
        "resume": project["summary"],
        "dates_illustratives": bool(project["illustrative"]),
    }


def csv_cells(record: dict) -> dict:
    """A record for the CSV: lists joined with LIST_SEPARATOR, booleans as in JSON (true / false)."""
    def cell(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return LIST_SEPARATOR.join(value)
        return value
    return {name: cell(value) for name, value in record.items()}


def axes_dataset(axes: list[dict], settings: dict) -> Dataset:
    records = [axis_record(axis, settings) for axis in axes]
    return Dataset(
        id="axes",
        title="Les axes stratégiques",
        description=("Les axes de la stratégie d’attractivité, dans leur ordre, avec leur ambition, l’adresse de "
                     "leur page et les identifiants de leurs projets (liste «\u00a0axes\u00a0» du fichier JSON)."),
        fields=AXIS_FIELDS,
        files=[DataFile(AXES_JSON_URL, "JSON", json_bytes(json_payload(settings, "axes", records)))],
    )


def projects_dataset(projects: list[dict], settings: dict) -> Dataset:
    records = [project_record(project) for project in projects]
    return Dataset(
        id="projets",
        title="Les projets de la feuille de route",
        description=("Les projets des axes stratégiques, dans l’ordre du fichier des projets : leur axe, leur "
                     "priorité, leurs dates telles qu’elles sont annoncées, leur état, leur pilote et leurs "
                     "partenaires, et les constats du diagnostic auxquels ils répondent. Un projet par ligne "
                     "(CSV) ou par objet (JSON, liste «\u00a0projets\u00a0»)."),
        fields=PROJECT_FIELDS,
        files=[DataFile(PROJECTS_JSON_URL, "JSON", json_bytes(json_payload(settings, "projets", records))),
               DataFile(PROJECTS_CSV_URL, "CSV", csv_bytes(PROJECT_FIELDS, [csv_cells(r) for r in records]))],
    )
