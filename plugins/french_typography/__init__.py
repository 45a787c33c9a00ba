"""French typography on what communicators write: article and page bodies, titles, summaries, and
the texts of the office's settings that pages show (SITESUBTITLE, FEEDBACK_RETENTION, PUBLISHER…).

Runs once per content right after it is read (where Pelican would run typogrify, whose
smartypants writes English quotes), and once on the settings when the build starts. The data
files' texts get the same rules when they are read (plugins/site_data/schema.py, Text). The rules
and their limits are in typography.py.
"""

from pelican import signals
from pelican.contents import Article, Page

from .typography import fix_html, fix_text

# Settings whose text the pages show: a text, a dictionary of texts, SECTIONS' titles and intros.
TEXT_SETTINGS = ("SITENAME", "SITESUBTITLE", "FEEDBACK_RETENTION", "HOST_LOG_RETENTION",
                 "DATA_PROTECTION_OFFICER", "OFFICE_NAME")
DICT_SETTINGS = ("PUBLISHER", "HOST", "ACCESSIBILITY_AUDIT")


def typeset(content):
    if not isinstance(content, (Article, Page)):
        return
    content._content = fix_html(content._content or "")
    if getattr(content, "title", None):
        content.title = content.metadata["title"] = fix_text(content.title)
    if getattr(content, "_summary", None):
        content._summary = content.metadata["summary"] = fix_html(content._summary)


def _typeset_texts(value: dict) -> dict:
    return {key: fix_text(text) if isinstance(text, str) else text for key, text in value.items()}


def typeset_settings(pelican_obj):
    """The settings' texts in French typography (after their checks: office_settings, strict_content)."""
    settings = pelican_obj.settings
    for name in TEXT_SETTINGS:
        if isinstance(settings.get(name), str):
            settings[name] = fix_text(settings[name])
    for name in DICT_SETTINGS:
        if isinstance(settings.get(name), dict):
            settings[name] = _typeset_texts(settings[name])
    if isinstance(settings.get("SECTIONS"), dict):
        settings["SECTIONS"] = {slug: _typeset_texts(section) if isinstance(section, dict) else section
                                for slug, section in settings["SECTIONS"].items()}


def register():
    signals.content_object_init.connect(typeset)
    signals.initialized.connect(typeset_settings)
