"""Settings of the findings (declared with their defaults, checked at start)."""

from core.open_data import LICENCE_SETTING
from core.plugin_settings import REQUIRED, Setting, relative_url


def _findings_sections(value, settings) -> str | None:
    sections = settings.get("SECTIONS") or {}
    if not value:
        return "aucune rubrique : indiquez le dossier de content/articles/ où s'écrivent les constats"
    unknown = [slug for slug in value if not isinstance(slug, str) or slug not in sections]
    if unknown:
        return f"rubrique « {unknown[0]} » absente de SECTIONS (rubriques : {', '.join(sections)})"
    return None


SETTINGS = (
    Setting("FINDINGS_SECTIONS", REQUIRED, list, _findings_sections),  # the sections where findings may be written
    Setting("FINDINGS_INDEX_URL", "constats/", str, relative_url),
    Setting("FINDINGS_INDEX_SAVE_AS", "constats/index.html", str, relative_url),
    Setting("FINDINGS_WORKSHOP_URL", "constats/atelier/", str, relative_url),  # one printable A4 sheet per finding
    Setting("FINDINGS_WORKSHOP_SAVE_AS", "constats/atelier/index.html", str, relative_url),
    LICENCE_SETTING,
)
