"""French typography on what communicators write: article and page bodies, titles, summaries, and
the texts of the office's settings that pages show (SITESUBTITLE, FEEDBACK_RETENTION, PUBLISHER…).

Runs once per content right after it is read (where Pelican would run typogrify, whose
smartypants writes English quotes). The same rules apply to the texts of the data files when they
are read (plugins/site_data/schema.py, Text) and to the settings' texts when the build starts
(typeset_settings, called by plugins/office_settings once they are checked). The rules and their
limits are in typography.py.
"""

from pelican import signals
from pelican.contents import Article, Page

from .typography import fix_html, fix_text


def typeset(content):
    if not isinstance(content, (Article, Page)):
        return
    content._content = fix_html(content._content or "")
    if getattr(content, "title", None):
        content.title = content.metadata["title"] = fix_text(content.title)
    if getattr(content, "_summary", None):
        content._summary = content.metadata["summary"] = fix_html(content._summary)


def register():
    signals.content_object_init.connect(typeset)
