"""Diagnostic findings (« constats »): the `/// constat` block, the registry, /constats/.

Settings: FINDINGS_SECTIONS (sections whose articles may hold findings),
FINDINGS_INDEX_URL / FINDINGS_INDEX_SAVE_AS, FINDINGS_WORKSHOP_URL / FINDINGS_WORKSHOP_SAVE_AS
(the printable sheets), PUBLIC_SITEURL and OPEN_DATA_LICENCE (open data). Data: data/themes.yml.
Context: FINDINGS (reading order), FINDINGS_BY_ID, FINDING_THEMES; the dataset « constats »
in OPEN_DATA (see core/open_data.py).
"""

import functools
from dataclasses import dataclass

from pelican import signals
from pelican.contents import Article, Page

from core.plugin_order import require_plugins
from core.plugin_settings import declare_settings
from core.problems import ProblemError, read_markdown
from plugins.site_data import DataFile, register_data_file
from plugins.strict_content import add_source_hook
from site_build.incremental import page_only_metadata

from .block import FindingExtension, expect_options
from .generator import FindingsGenerator
from .registry import collect_finding_ids, findings_of
from .scan import scan
from .settings import SETTINGS
from .summary import add_summary
from .themes import THEMES_SCHEMA, check_themes
from .workshop import add_codes

__all__ = ["collect_finding_ids"]


def add_block_extension(readers):
    extensions = readers.settings["MARKDOWN"].setdefault("extensions", [])
    if not any(isinstance(extension, FindingExtension) for extension in extensions):
        extensions.append(FindingExtension())


@functools.lru_cache(maxsize=4096)
def scan_once(path: str, text: str, themes: frozenset[str]) -> tuple[tuple, tuple]:
    """scan() of an unchanged source, kept between the builds of one process (livereload)."""
    sources, problems = scan(path, text, themes)
    return tuple(sources), tuple(problems)


SCAN_KEY = "findings_scan"  # the metadata the strict reader's hook adds: a SourceScan


@dataclass(frozen=True)
class SourceScan:
    """scan() of a source as the strict reader read it, with the text and the themes it was checked
    against: Pelican's reader cache (livereload) keeps it, and data/themes.yml may change since."""
    text: str
    themes: frozenset[str]
    sources: tuple
    problems: tuple


def _themes(settings: dict) -> frozenset[str]:
    return frozenset(theme["id"] for theme in settings["DATA"]["themes"])


def scan_source(source_path: str, text: str, settings: dict) -> dict:
    """The strict reader's hook: the blocks of the text it has just read, before Markdown."""
    themes = _themes(settings)
    found = SourceScan(text, themes, *scan_once(source_path, text, themes))
    expect_options({source.options_text: dict(source.options) for source in found.sources if source.options_text})
    return {SCAN_KEY: found}


def attach_findings(content):
    """Each article gets `.findings`, from its source, checked line by line (by the strict reader,
    during its read: the file is read once)."""
    if not isinstance(content, (Article, Page)) or not content.source_path:
        return
    found = content.metadata.get(SCAN_KEY)
    if found is None:  # not read by the strict reader (another format): read it as that reader would
        text = read_markdown(content.source_path)
        found = scan_source(content.source_path, text, content.settings)[SCAN_KEY]
    elif found.themes != _themes(content.settings):  # read from the cache before themes.yml changed
        found = scan_source(content.source_path, found.text, content.settings)[SCAN_KEY]
    if found.problems:
        raise ProblemError(*found.problems)
    content.findings = findings_of(content, found.sources)
    add_codes(content.findings, content.settings)
    add_summary(content)


def get_generators(pelican_obj):
    return FindingsGenerator


def fill_slots(generators):
    for generator in generators:
        if isinstance(generator, FindingsGenerator):
            generator.fill_slots()
            generator.publish_open_data()


def register():
    declare_settings(*SETTINGS)
    require_plugins(__name__, needs=("plugins.site_data", "plugins.strict_content"))
    register_data_file(DataFile("themes", THEMES_SCHEMA, check=check_themes))
    signals.readers_init.connect(add_block_extension)
    add_source_hook(scan_source)
    page_only_metadata(SCAN_KEY)  # the source's text: an edit of the body stays the page's own (preview)
    signals.content_object_init.connect(attach_findings)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(fill_slots)
