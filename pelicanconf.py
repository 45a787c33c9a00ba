"""Pelican settings for local builds and previews (`python3 manage.py build`).

publishconf.py imports everything from here and only changes what differs online.
"""

import os
import sys

# Our plugins import each other's modules (site_data.errors…): make plugins/ importable.
_PLUGINS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
if _PLUGINS_DIR not in sys.path:
    sys.path.insert(0, _PLUGINS_DIR)

# ---------------------------------------------------------------------------
# À MODIFIER PAR L'OFFICE DE TOURISME
# Everything the tourist office must check or change before going live is in
# this block, and nowhere else. Values left to None are shown on the site as
# « à compléter » so that a missing legal detail is visible, never invented.
# ---------------------------------------------------------------------------

SITENAME = "La Vallée au Sommet"
SITESUBTITLE = "La stratégie d’attractivité de Serre Chevalier Vallée Briançon à l’horizon 2030"

# Public address of the site, without a trailing slash. Set in publishconf.py;
# empty here so that local previews use relative links.
PUBLIC_SITEURL = "https://www.example.org/la-vallee-au-sommet"  # illustrative, replace

# Publisher (éditeur du site, LCEN article 6-III).
PUBLISHER = {
    "name": "Office de Tourisme de Serre Chevalier Vallée Briançon",
    "legal_form": None,  # e.g. « Établissement public industriel et commercial »
    "address": None,  # postal address of the head office
    "phone": None,
    "siret": None,
    "director": None,  # directeur ou directrice de la publication (nom, fonction)
}

# Host (hébergeur, LCEN article 6-III): name, address and phone.
HOST = {
    "name": None,
    "address": None,
    "phone": None,
}

# Address that receives residents' reactions and rights requests (RGPD).
# Illustrative placeholder: replace with the office's real address.
CONTACT_EMAIL = "consultation@example.org"

# Where « Réagir à ce constat » leads: "mailto" (a message to CONTACT_EMAIL), or the https://
# address of a form, with {id}, {title} and {url} where the finding goes, e.g.
# "https://forms.example.org/f?constat={id}&titre={title}&page={url}" (see README).
FEEDBACK_BACKEND = "mailto"

# Personal data (RGPD article 13): who answers requests and how long the
# reactions are kept.
DATA_PROTECTION_OFFICER = None  # « délégué à la protection des données » contact
HOST_LOG_RETENTION = None  # how long the host keeps its connection logs, e.g. « 12 mois »
FEEDBACK_RETENTION = "jusqu’à la fin de la démarche « La Vallée au Sommet »"

# Accessibility declaration (RGAA). Honest until an audit exists.
ACCESSIBILITY_STATUS = "non conforme"  # « non conforme », « partiellement conforme », « totalement conforme »
ACCESSIBILITY_AUDIT = None  # e.g. {"date": "2026-06-01", "auditor": "…", "rate": "…"}
ACCESSIBILITY_DECLARATION_DATE = "2026-11-25"

# ---------------------------------------------------------------------------
# Technical settings (developers)
# ---------------------------------------------------------------------------

AUTHOR = PUBLISHER["name"]
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
LOCALE = ("C",)  # dates go through Babel (see plugins/french_format), never the OS locale

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["office_settings", "site_data", "strict_content", "french_format", "timeline", "consultation",
           "findings", "strategy", "french_typography", "discovery", "content_urls"]

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
# Each folder of content/articles/ is a section: its title, and an introduction for its
# listing page (None: the introduction comes from the phase of data/phases.yml linking to it).
SECTIONS = {
    "diagnostic": {"title": "Diagnostic", "intro": None},
    "actualites": {
        "title": "Actualités",
        "intro": "Les nouvelles de la démarche « La Vallée au Sommet », de son lancement à ses prochaines étapes.",
    },
}
# Findings (« constats », plugins/findings): where they may be written, and their index.
FINDINGS_SECTIONS = ["diagnostic"]
# The phase of data/phases.yml whose `consultation:` window applies to the findings.
FINDINGS_PHASE = "diagnostic"
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
