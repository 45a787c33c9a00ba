"""Settings files that build on one another, without touching sys.path.

Pelican loads a settings file by its path. publishconf.py builds on the pelicanconf.py beside
it: `globals().update(settings_of(__file__, "pelicanconf.py"))` loads that sibling the way
Pelican would and returns its settings (the upper-case names), wherever the site lives.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def settings_of(this_file: str, sibling: str) -> dict:
    """The settings (upper-case names) of the settings file `sibling`, next to `this_file`."""
    path = Path(this_file).resolve().parent / sibling
    spec = importlib.util.spec_from_file_location(f"_settings_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: value for name, value in vars(module).items() if name.isupper()}
