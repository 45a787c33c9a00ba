"""The engine's technical settings, shared by every site built with it.

A site's settings file (pelicanconf.py) star-imports this module, then sets what is its own:
the office block (names, addresses, legal details) and the structure of its content (SECTIONS,
FINDINGS_SECTIONS, FINDINGS_PHASE). Relative paths here (PATH, OUTPUT_PATH, DATA_PATH) are
resolved against the folder of that settings file, so each site keeps its own content and data.
"""

from pathlib import Path as _Path

_ENGINE_ROOT = _Path(__file__).resolve().parent.parent

SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
OUTPUT_PATH = "output"
THEME = str(_ENGINE_ROOT / "theme")  # absolute: Pelican resolves a relative one against the site
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
LOCALE = ("C",)  # dates go through Babel (see plugins/french_format), never the OS locale

PLUGINS = [f"plugins.{name}" for name in (
    "office_settings", "site_data", "strict_content", "french_format", "timeline", "consultation",
    "findings", "strategy", "french_typography", "discovery", "search_index", "content_urls")]

# Our own strict YAML data layer (plugins/site_data).
DATA_PATH = "data"
DATA_MAX_BYTES = 1_000_000

# Titles and metadata are escaped; rendered Markdown is marked |safe in templates.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Content layout and URLs (stable once published: people link to them).
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages", "axes"]
STATIC_PATHS = ["images"]
USE_FOLDER_AS_CATEGORY = True
# Strategy (plugins/strategy): axis pages in content/axes/, projects in data/projects.yml.
AXES_PATH = "axes"
AXIS_URL = "axes/{id}/"
AXIS_SAVE_AS = "axes/{id}/index.html"
ROADMAP_URL = "feuille-de-route/"
ROADMAP_SAVE_AS = "feuille-de-route/index.html"
UNANSWERED_URL = "constats/sans-reponse/"
UNANSWERED_SAVE_AS = "constats/sans-reponse/index.html"
OUTCOMES_URL = "constats/reponses/"
OUTCOMES_SAVE_AS = "constats/reponses/index.html"
FINDINGS_INDEX_URL = "constats/"
FINDINGS_INDEX_SAVE_AS = "constats/index.html"
FINDINGS_WORKSHOP_URL = "constats/atelier/"  # one printable A4 sheet per finding
FINDINGS_WORKSHOP_SAVE_AS = "constats/atelier/index.html"
# Open data (/donnees/, plugins/open_data): the licence of every dataset, one of those listed
# for public bodies' data by article D323-2-1 of the Code des relations entre le public et
# l'administration.
OPEN_DATA_LICENCE = {"title": "Licence Ouverte 2.0", "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}
# The phases for reusers and partners (plugins/timeline/feeds.py), listed on /donnees/: stable URLs
# once published (programs read them, calendars subscribe to them, partners embed the timeline).
PHASES_JSON_URL = "donnees/phases.json"
PHASES_TIMELINEJS_URL = "donnees/phases-timelinejs.json"  # Knight Lab's TimelineJS3 format
PHASES_ICS_URL = "donnees/phases.ics"  # iCalendar; subscribe with webcal://<host>/<path>
TIMELINE_PAGE_URL = "la-demarche/"  # the page of the phases (#phase-<id> for each)
# Embeds (plugins/timeline/embed.py): the timeline on partners' sites. Stable once published:
# partners' iframes, script tags and WordPress posts point to these addresses (README « Pour les
# partenaires »). The host script's SRI hash is pinned by partners: publish a change as a new file.
EMBED_URLS = {
    "page_fr": "embed/chronologie/",
    "page_en": "embed/chronologie/en/",
    "script": "embed/chronologie.js",
    "oembed_fr": "oembed/chronologie.json",
    "oembed_en": "oembed/chronologie-en.json",
}
OEMBED_WIDTH = 600  # px, the width announced to WordPress; the height is estimated from the phases
DEFAULT_CATEGORY = "sans-rubrique"  # never used: strict_content refuses articles outside SECTIONS
DEFAULT_METADATA = {}
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
DIRECT_TEMPLATES = ["archives"]  # the home page is content/pages/accueil.md
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DEFAULT_PAGINATION = False
SLUGIFY_SOURCE = "basename"
SUMMARY_MAX_LENGTH = 40

# Markdown: the pymdown-extensions we rely on.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
        "pymdownx.blocks.admonition": {},
    },
    "output_format": "html5",
}

# Feeds are for the published site only (publishconf.py).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# typogrify's smartypants writes English quotes; French typography is handled
# in the templates and content for now.
TYPOGRIFY = False

# Reproducible output: no timestamps that depend on the build machine.
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
