"""The office-editable settings (top of pelicanconf.py), checked before anything is built."""

from pelican import signals

from core.problems import abort_on

from .checks import check_settings


def validate(pelican_obj):
    abort_on(check_settings(pelican_obj.settings), "réglages invalides")


def register():
    signals.initialized.connect(validate)
