"""The office-editable settings (top of pelicanconf.py), checked before anything is built;
DEMO_SITE (settings.py) marks the engine's demonstration site. Once they are valid, OFFICE_NAME
(computed, not set by the office) is the publisher's name with its article (OFFICE_NAME_ARTICLE):
« l’Office de Tourisme de Serre Chevalier Vallée Briançon », for the templates' sentences; then
the settings' texts the pages show get French typography (plugins/french_typography), before any
other plugin reads them."""

from pelican import signals

from core.plugin_settings import declare_settings
from core.problems import abort_on
from plugins.french_typography.typography import typeset_settings

from .checks import check_settings, office_name
from .settings import SETTINGS


def validate(pelican_obj):
    settings = pelican_obj.settings
    abort_on(check_settings(settings), "réglages invalides")
    settings["OFFICE_NAME"] = office_name(settings)
    typeset_settings(settings)


def register():
    declare_settings(*SETTINGS)
    signals.initialized.connect(validate)
