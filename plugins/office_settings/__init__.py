"""The office-editable settings (top of pelicanconf.py), checked before anything is built;
DEMO_SITE (settings.py) marks the engine's demonstration site."""

from pelican import signals

from core.plugin_settings import declare_settings
from core.problems import abort_on

from .checks import check_settings
from .settings import SETTINGS


def validate(pelican_obj):
    abort_on(check_settings(pelican_obj.settings), "réglages invalides")


def register():
    declare_settings(*SETTINGS)
    signals.initialized.connect(validate)
