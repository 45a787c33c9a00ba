"""Settings of the timeline, its feeds and embeds (declared with their defaults, checked at start).

Stable once published: programs read the feeds, calendars subscribe to them, partners' iframes,
script tags and WordPress posts point to the embeds. The host script's SRI hash is pinned by
partners: publish a change as a new file."""

from core.open_data import LICENCE_SETTING
from core.plugin_settings import Setting, positive, relative_url, relative_url_map

EMBED_KEYS = ("page_fr", "page_en", "script", "oembed_fr", "oembed_en")


def _embed_urls(value, settings) -> str | None:
    if sorted(value) != sorted(EMBED_KEYS):
        return f"clés attendues : {', '.join(EMBED_KEYS)}"
    return relative_url_map(value, settings)


SETTINGS = (
    Setting("PHASES_JSON_URL", "donnees/phases.json", str, relative_url),
    Setting("PHASES_TIMELINEJS_URL", "donnees/phases-timelinejs.json", str, relative_url),  # TimelineJS3 format
    Setting("PHASES_ICS_URL", "donnees/phases.ics", str, relative_url),  # iCalendar; webcal://<host>/<path>
    Setting("TIMELINE_PAGE_URL", "la-demarche/", str, relative_url),  # the page of the phases (#phase-<id>)
    Setting("EMBED_URLS", {"page_fr": "embed/chronologie/", "page_en": "embed/chronologie/en/",
                           "script": "embed/chronologie.js", "oembed_fr": "oembed/chronologie.json",
                           "oembed_en": "oembed/chronologie-en.json"}, dict, _embed_urls),
    Setting("OEMBED_WIDTH", 600, int, positive),  # px, announced to WordPress; the height comes from the phases
    LICENCE_SETTING,
)
