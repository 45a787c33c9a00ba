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

# privacy (the gate on the published site) comes before search_index: the receivers of
# site_complete run in this order, so a site it refuses is never indexed by Pagefind.
PLUGINS = [f"plugins.{name}" for name in (
    "office_settings", "identity", "site_data", "strict_content", "french_format", "timeline", "consultation",
    "findings", "strategy", "images", "french_typography", "discovery", "privacy", "search_index",
    "content_urls")]

# Titles and metadata are escaped; rendered Markdown is marked |safe in templates.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Content layout and URLs (stable once published: people link to them).
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages", "axes"]
STATIC_PATHS = ["images"]
USE_FOLDER_AS_CATEGORY = True
# The plugins' own settings (DATA_PATH, FINDINGS_INDEX_URL, EMBED_URLS…) are declared with their
# defaults in plugins/<name>/settings.py and checked when the build starts (core/plugin_settings.py).
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
