"""Strict YAML data layer: data/*.yml, schema-checked, into the context as DATA.

Other plugins declare their files with `register_data_file(DataFile(...))` in
their register(); every file in data/ must have a schema, every problem is
reported as `data/<file>.yml:LINE:COL: message` and stops the build.
"""

import os

from pelican import signals

from core.plugin_settings import declare_settings
from core.problems import abort_on
from core.source_tree import symlinks_under

from .registry import DATA_FILES, DataFile, load_all, register_data_file
from .settings import SETTINGS

__all__ = ["DATA_FILES", "DataFile", "register_data_file", "load_data"]


def load_data(pelican_obj):
    settings = pelican_obj.settings
    data_dir = settings.get("DATA_PATH", "data")
    if not os.path.isabs(data_dir):
        data_dir = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), data_dir)
    # A link could make the build read (and publish, through the pages) a file outside the repository.
    abort_on(symlinks_under(data_dir) if os.path.lexists(data_dir) else [], "liens symboliques dans data/")
    data, problems = load_all(data_dir, settings.get("DATA_MAX_BYTES", 1_000_000))
    abort_on(problems, "données invalides")
    settings["DATA"] = data


def register():
    declare_settings(*SETTINGS)
    signals.initialized.connect(load_data)
