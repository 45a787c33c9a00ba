"""Open data (« Données ouvertes », /donnees/): what every published dataset shares.

Shared by the plugins that publish a dataset (core/, not a Pelican plugin). Such a plugin
  1. builds its files' bytes with `json_bytes` (payload from `json_payload`) and `csv_bytes`,
  2. describes it with a `Dataset` (fields documented, files with their stable URLs),
  3. adds it with `publish(context, dataset)` before the pages are written, that is at the
     latest in `all_generators_finalized` (the page /donnees/ is a content page, written by
     Pelican's PagesGenerator before the plugins' generators write theirs),
  4. writes its files with `write_files(output_path, dataset)` in its `generate_output`.
The page /donnees/ (content/pages/donnees.md, template donnees.html) lists OPEN_DATA: each
dataset, its fields, its files with format and size, and the licence (OPEN_DATA_LICENCE).

Files are reproducible: no date of build in them, keys and rows in a fixed order.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field

from .plugin_settings import Setting

MEDIA_TYPES = {"JSON": "application/json", "CSV": "text/csv", "iCalendar": "text/calendar"}


def _licence(value, settings) -> str | None:
    if sorted(value) != ["title", "url"] or not all(isinstance(v, str) and v.strip() for v in value.values()):
        return "écrivez {\"title\": \"Nom de la licence\", \"url\": \"https://…\"}"
    return None if value["url"].startswith("https://") else f"adresse « {value['url']} » invalide : https:// attendu"


# The licence of every dataset: one of those listed for public bodies' data by article D323-2-1 of
# the Code des relations entre le public et l'administration. Declared by each plugin that publishes.
LICENCE_SETTING = Setting("OPEN_DATA_LICENCE", {"title": "Licence Ouverte 2.0",
                                                "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"},
                          dict, _licence)


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # in French, for the page: « texte », « identifiant », « nombre entier », « adresse web »…
    description: str


@dataclass(frozen=True)
class DataFile:
    url: str  # site-relative, without a leading slash: « donnees/constats.json » (stable once published)
    format: str  # a key of MEDIA_TYPES
    content: bytes = field(repr=False)
    note: str | None = None  # shown after the format, in French: « format TimelineJS »
    subscribe_url: str | None = None  # a calendar's webcal: address, shown as « s’abonner »

    @property
    def name(self) -> str:
        return self.url.rsplit("/", 1)[-1]

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def size_label(self) -> str:
        """« 870 octets », « 4,2 ko » (1 ko = 1 000 octets), with a no-break space."""
        if self.size < 1000:
            return f"{self.size}\u00a0octet{'s' if self.size > 1 else ''}"
        return f"{self.size / 1000:.1f}".replace(".", ",") + "\u00a0ko"


@dataclass(frozen=True)
class Dataset:
    id: str  # anchor on /donnees/: « constats » → /donnees/#jeu-constats
    title: str
    description: str
    fields: list[Field]
    files: list[DataFile]


def json_payload(settings: dict, key: str, records: list[dict]) -> dict:
    """The top-level object of every JSON file: licence, source, then the records under `key`."""
    licence = settings["OPEN_DATA_LICENCE"]
    return {"licence": licence["title"], "licence_url": licence["url"],
            "source": absolute_url(settings, ""), key: records}


def json_bytes(payload) -> bytes:
    """UTF-8 JSON, characters as they are (« é », not \\u00e9), indented, keys in their given order."""
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# OWASP « CSV injection »: a spreadsheet reads a cell starting with one of these as a formula
# (`=HYPERLINK(…)`, `@SUM(…)`, `+…`, `-…`; tab and CR are how the prefixes get smuggled in).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A text cell a spreadsheet could run as a formula gets a leading `'` (OWASP); any other value
    is returned as it is. Only the CSV files get this: the JSON keeps the exact text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(fields: list[Field], records: list[dict]) -> bytes:
    """RFC 4180 CSV: comma, CRLF line ends, fields quoted when needed, a header row of the
    field names; UTF-8 without BOM (see docs/mainteneurs/plugins.md, « Les données ouvertes »). None is an empty cell.
    Every CSV file the site writes comes from here: text cells are neutralised (`neutralise_formula`)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([neutralise_formula(f.name) for f in fields])
    for record in records:
        writer.writerow(["" if record[f.name] is None else neutralise_formula(record[f.name]) for f in fields])
    return text.getvalue().encode("utf-8")


def absolute_url(settings: dict, url: str) -> str:
    """A site-relative URL (`diagnostic/x/#id`) on the public site (PUBLIC_SITEURL)."""
    return f"{settings['PUBLIC_SITEURL'].rstrip('/')}/{url.lstrip('/')}"


def publish(context: dict, dataset: Dataset) -> None:
    """Add a dataset to OPEN_DATA (the page /donnees/ lists them in this order)."""
    datasets = context.setdefault("OPEN_DATA", [])
    if any(known.id == dataset.id for known in datasets):
        raise ValueError(f"open dataset {dataset.id!r} published twice")
    datasets.append(dataset)


def write_files(output_path: str, dataset: Dataset) -> None:
    """Each file, claimed first (core/output_paths.py: no other writer may have its address)."""
    from .output_paths import claim, open_data_writer  # imports pelican's signals: only when writing

    for data_file in dataset.files:
        path = os.path.join(output_path, *data_file.url.split("/"))
        claim(path, open_data_writer(dataset.id))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data_file.content)
