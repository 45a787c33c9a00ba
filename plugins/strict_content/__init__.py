"""Strict reading of Markdown content: UTF-8, known metadata, valid dates, all located.

Pelican skips an unreadable file with an English log line; here every problem
becomes `content/…md:LINE:COL: message` in French (see core/problems.py).
"""

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from core.plugin_settings import declare_settings
from core.problems import BuildAborted, abort_on
from core.signals import build_ended
from plugins.privacy.people_files import content_problems as people_file_problems

from . import read_ahead
from .files import settings_outside_output, source_file_problems
from .links import broken_links, guard_links
from .reader import (
    ALLOWED_METADATA,
    StrictMarkdownReader,
    add_source_hook,
    allow_metadata,
)
from .sanitizer import csp_hash
from .sections import main_navigation, unknown_section
from .settings import SETTINGS
from .svg import content_svg_files, svg_problems

__all__ = ["ALLOWED_METADATA", "add_source_hook", "allow_metadata"]


def use_strict_reader(readers):
    for extension in StrictMarkdownReader.file_extensions:
        readers.reader_classes[extension] = StrictMarkdownReader


def check_links(generators):
    """Links and sections of every content; stops before writing if any file could not be read."""
    problems = []
    unreadable = False
    for generator in generators:
        unreadable = unreadable or None in generator.context.get("generated_content", {}).values()
        if isinstance(generator, ArticlesGenerator):
            contents = generator.articles + generator.translations + generator.drafts
        elif isinstance(generator, PagesGenerator):
            contents = generator.pages + generator.translations + generator.hidden_pages + generator.draft_pages
        else:
            continue
        for content in contents:
            problems.extend(broken_links(content, generator.context))
            if isinstance(generator, ArticlesGenerator):
                problems.extend(unknown_section(content, generator.settings))
    abort_on(problems, "contenus invalides")
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles is not None:  # the context all generators share: the menu without empty sections
        used = {article.category.slug for article in articles.articles}
        articles.context["NAV_MAIN"] = main_navigation(articles.settings, used)
    if unreadable:  # already reported as it was read; links to it would only add noise
        raise BuildAborted("contenus illisibles")


def check_source_files(pelican_obj):
    """Before anything is read: no file about people anywhere under content/ unless PUBLIC_FILES lists it
    (plugins/privacy/people_files.py: first, so that its message, not « unknown extension », names a
    mailbox), no symbolic link under content/ or the theme, no file of content/ that no reader takes
    (files.py), no SVG that runs or loads anything (svg.py)."""
    abort_on(people_file_problems(pelican_obj.settings), "fichiers de personnes dans content/")
    problems = (settings_outside_output(pelican_obj.settings)
                + source_file_problems(pelican_obj.settings, StrictMarkdownReader.file_extensions))
    if not problems:  # SVG files are read only once no link or unread file is in the way
        problems = [problem for path in content_svg_files(pelican_obj.settings) for problem in svg_problems(path)]
    abort_on(problems, "fichiers de content/ refusés")


def set_navigation(pelican_obj):
    pelican_obj.settings["NAV_MAIN"] = main_navigation(pelican_obj.settings)


def add_filters(generator):
    generator.env.filters["csp_hash"] = csp_hash  # the hash of an inline style, for the CSP of a page


def register():
    declare_settings(*SETTINGS)
    signals.generator_init.connect(add_filters)
    signals.initialized.connect(check_source_files)
    signals.initialized.connect(set_navigation)
    signals.readers_init.connect(use_strict_reader)
    signals.content_object_init.connect(guard_links)
    signals.article_generator_init.connect(read_ahead.articles_ready)
    signals.page_generator_init.connect(read_ahead.start)
    signals.all_generators_finalized.connect(read_ahead.stop)  # before check_links, which may stop the build
    signals.all_generators_finalized.connect(check_links)
    build_ended.connect(read_ahead.stop)
