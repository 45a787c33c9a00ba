"""Settings of the findings (declared with their defaults, checked at start)."""

from core.open_data import LICENCE_SETTING
from core.plugin_settings import REQUIRED, Setting, positive, relative_url


def _findings_sections(value, settings) -> str | None:
    sections = settings.get("SECTIONS") or {}
    if not value:
        return "aucune rubrique : indiquez le dossier de content/articles/ où s'écrivent les constats"
    unknown = [slug for slug in value if not isinstance(slug, str) or slug not in sections]
    if unknown:
        return f"rubrique « {unknown[0]} » absente de SECTIONS (rubriques : {', '.join(sections)})"
    return None


def _part_address(value, settings) -> str | None:
    try:
        value.format(theme="theme", number=1)
    except (KeyError, IndexError, ValueError):
        return f"« {value} » invalide : seuls {{theme}} et {{number}} peuvent y figurer entre accolades"
    if "{theme}" not in value or "{number}" not in value:
        return f"« {value} » invalide : l'adresse d'une partie des fiches contient {{theme}} et {{number}}"
    return relative_url(value, settings)


SETTINGS = (
    Setting("FINDINGS_SECTIONS", REQUIRED, list, _findings_sections),  # the sections where findings may be written
    Setting("FINDINGS_INDEX_URL", "constats/", str, relative_url),
    Setting("FINDINGS_INDEX_SAVE_AS", "constats/index.html", str, relative_url),
    Setting("FINDINGS_WORKSHOP_URL", "constats/atelier/", str, relative_url),  # one printable A4 sheet per finding
    Setting("FINDINGS_WORKSHOP_SAVE_AS", "constats/atelier/index.html", str, relative_url),
    # A site whose sheets would make too heavy a page: that page lists parts, by theme, each of at
    # most …_PART_SIZE sheets and about …_PART_BYTES bytes of HTML (workshop.split_sheets).
    Setting("FINDINGS_WORKSHOP_PART_URL", "constats/atelier/{theme}/{number}/", str, _part_address),
    Setting("FINDINGS_WORKSHOP_PART_SAVE_AS", "constats/atelier/{theme}/{number}/index.html", str, _part_address),
    Setting("FINDINGS_WORKSHOP_PART_SIZE", 50, int, positive),
    Setting("FINDINGS_WORKSHOP_PART_BYTES", 300_000, int, positive),
    LICENCE_SETTING,
)
