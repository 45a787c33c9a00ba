"""The office-editable settings (top of pelicanconf.py), checked before anything is built."""

from pelican import signals

from site_data.errors import BuildAborted, report

from .checks import check_settings


def validate(pelican_obj):
    problems = check_settings(pelican_obj.settings)
    for problem in problems:
        report(problem)
    if problems:
        raise BuildAborted("réglages invalides")


def register():
    signals.initialized.connect(validate)
