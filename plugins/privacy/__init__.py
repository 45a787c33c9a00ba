"""Privacy: residents' personal data never goes online, whatever path it takes.

- personal_data.py: the one detector of personal data in a text (phones, e-mails, postal
  addresses, web addresses with a query string, a known author's name) and `scrub`, which
  replaces what it finds by « [retiré] » in the excerpts the feedback import keeps.
- people_files.py: spreadsheets, mailboxes, messages and archives anywhere under content/ stop
  the build (`initialized`, before strict_content's own check of content/'s files: privacy comes
  before it in PLUGINS), unless the setting PUBLIC_FILES (files_settings.py) lists them.
"""

from pelican import signals

from core.plugin_settings import declare_settings

from .files_settings import SETTINGS as FILES_SETTINGS
from .people_files import refuse_people_files


def register():
    declare_settings(*FILES_SETTINGS)
    signals.initialized.connect(refuse_people_files)
