"""Privacy: residents' personal data never goes online, whatever path it takes.

- personal_data.py: the one detector of personal data in a text (phones, e-mails, postal
  addresses, web addresses with a query string, a known author's name) and `scrub`, which
  replaces what it finds by « [retiré] » in the excerpts the feedback import keeps;
- gate.py: the last gate — every text file of the published site, and the tracked excerpts of
  data/feedback/, read with the detector at every build; a hit stops the build at its source;
- published_text.py: the text of a published file (HTML text and attributes, feeds, JSON, CSV,
  iCalendar…) as blocks, for the gate;
- settings.py: PUBLIC_CONTACTS, the contacts of the office and its partners that may be published,
  and PRIVACY_KEPT_NAMES, the places and institutions the removal of names keeps;
- people_files.py: the one test of a file about people (spreadsheet, mailbox, message, address
  book, archive); strict_content refuses them under content/ (unless PUBLIC_FILES lists them),
  publishing/repository_files.py in the rest of the repository;
- names.py: the names of persons in residents' text (spaCy's French model, titles, first names),
  for the feedback import only (never loaded by a build);
- normalised_text.py, phone_numbers.py, postal_addresses.py: the detector's layers.
"""

import os

from pelican import signals

from core.build_state import per_build
from core.plugin_settings import declare_settings
from core.problems import ProblemError, report
from core.signals import site_complete

from .gate import scan_feedback, scan_site, scan_sources
from .settings import SETTINGS

_sources: dict[str, str] = per_build({})  # output file (site-relative) → its source: the Markdown it renders,
# or the document of content/ copied as it is


def page_written(path, context=None) -> None:
    content = (context or {}).get("article") or (context or {}).get("page")
    name = (context or {}).get("output_file")
    if getattr(content, "source_path", None) and name:
        _sources[name.replace(os.sep, "/")] = content.source_path


def statics_read(generator) -> None:
    """The documents copied as they are (content/images/…): a hit in one is at its line in content/."""
    for static in generator.staticfiles:
        _sources[static.save_as.replace(os.sep, "/")] = static.source_path


def feedback_read(generators) -> None:
    """Once the data is read (whichever plugin's order): the tracked excerpts, rendered or not."""
    if generators:
        for problem in scan_feedback(generators[0].settings):
            report(problem)  # the build goes on to report the rest, and fails


def site_written(settings) -> None:
    problems = scan_site(settings["OUTPUT_PATH"], settings, dict(_sources))
    # what a page shows is reported once, as published; the rest of the sources, as in the repository
    shown = {(problem.path, problem.line, problem.col) for problem in problems}
    problems += [problem for problem in scan_sources(settings) if (problem.path, problem.line, problem.col) not in shown]
    if problems:
        raise ProblemError(*problems)


def register():
    declare_settings(*SETTINGS)
    signals.content_written.connect(page_written)
    signals.static_generator_finalized.connect(statics_read)
    signals.all_generators_finalized.connect(feedback_read)
    site_complete.connect(site_written)
