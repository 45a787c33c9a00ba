"""Settings declared by the plugins that read them, with their defaults, checked at start.

Each plugin lists its settings (`Setting(name, default, kind, check)`) in a `settings.py` and
declares them in its register(): `declare_settings(*SETTINGS)`. When the build starts
(`initialized`; site_build connects `apply_settings` before any plugin registers, so it runs
first), a missing setting takes its default (or, without one, is reported as missing), and a
value of the wrong kind or refused by its check is reported in French at the line that sets it.
A site's settings file only sets what differs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from .build_state import per_build
from .problems import Problem, abort_on, setting_problem


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()  # no default: the site's settings file must set it

KIND_LABELS = {str: "un texte entre guillemets", int: "un nombre entier", bool: "True ou False",
               dict: "un dictionnaire { … }", list: "une liste [ … ]", type(None): "None"}


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    kind: type | tuple[type, ...]
    # Why the value cannot be used (French), given the value and all settings; None if it can.
    check: Callable[[object, dict], str | None] | None = None

    def problems(self, settings: dict) -> list[Problem]:
        if self.name not in settings:
            if self.default is REQUIRED:
                return [setting_problem(self.name, "réglage manquant : ajoutez-le à pelicanconf.py")]
            settings[self.name] = self.default
        value = settings[self.name]
        kinds = self.kind if isinstance(self.kind, tuple) else (self.kind,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            expected = " ou ".join(KIND_LABELS.get(kind, kind.__name__) for kind in kinds)
            return [setting_problem(self.name, f"« {value!r} » invalide : {expected} est attendu")]
        reason = self.check(value, settings) if self.check else None
        return [setting_problem(self.name, reason)] if reason else []


_DECLARED: dict[str, Setting] = per_build({})  # declared by the plugins of the build under way


def declare_settings(*settings: Setting) -> None:
    """Declare a plugin's settings (in its register()); a setting shared by several plugins is
    declared the same way by each."""
    for setting in settings:
        known = _DECLARED.setdefault(setting.name, setting)
        if known != setting:
            raise ValueError(f"setting {setting.name} declared twice, differently")


def apply_settings(pelican_obj) -> None:
    """Defaults for the missing settings, then every declared setting checked, then each address
    against its file (address_pairs)."""
    settings = pelican_obj.settings
    problems = [problem for setting in _DECLARED.values() for problem in setting.problems(settings)]
    abort_on(problems or address_pair_problems(settings), "réglages invalides")


def address_pair_problems(settings: dict) -> list[Problem]:
    """Each `X_URL` with its `X_SAVE_AS` (Pelican's, the plugins'): the address must be the file's,
    `a/` for `a/index.html` or `a.html` for `a.html`; else every link to those pages is broken and
    only the link check of `check` would say so, after a build that looked fine."""
    problems = []
    for name, url in settings.items():
        if not (name.endswith("_URL") and isinstance(url, str)):
            continue
        pair = name[:-len("_URL")] + "_SAVE_AS"
        save_as = settings.get(pair)
        if not isinstance(save_as, str) or not save_as:  # no such pages (Pelican: an empty SAVE_AS)
            continue
        expected = save_as[:-len("index.html")] if save_as.endswith("index.html") else save_as
        if url in (save_as, expected):
            continue
        if not url:  # the pages are written without an address (Pelican's default for the archives by date)
            problems.append(setting_problem(pair, (
                f"« {save_as} » : ces pages n'ont pas d'adresse, {name} est vide : les liens vers elles seraient "
                f"cassés ; ajoutez {name} = « {expected} »")))
            continue
        if url == _default(name) and save_as != _default(pair):  # the file changed SAVE_AS alone: its line
            wanted = url + "index.html" if url.endswith("/") else url
            problems.append(setting_problem(pair, (
                f"« {save_as} » ne correspond pas à l'adresse de ces pages, {name} = « {url} » : les liens vers "
                f"elles seraient cassés ; écrivez « {wanted} », ou changez les deux ensemble")))
            continue
        problems.append(setting_problem(name, (
            f"« {url} » ne correspond pas au fichier écrit, {pair} = « {save_as} » : les liens vers ces pages "
            f"seraient cassés ; écrivez « {expected} », ou changez les deux ensemble")))
    return problems


def _default(name: str):
    """A setting's value when the site's file does not set it: the engine's (core/engine_settings.py,
    which every site star-imports), else the plugin's that declares it, else Pelican's (None if none)."""
    from pelican.settings import DEFAULT_CONFIG

    from . import engine_settings

    if hasattr(engine_settings, name):
        return getattr(engine_settings, name)
    declared = _DECLARED.get(name)
    return declared.default if declared is not None else DEFAULT_CONFIG.get(name)


def read_site_settings(settings_file: str, override: dict | None = None) -> dict:
    """A site's settings as Pelican reads them, plus the defaults its plugins declare: for what reads
    settings outside a build (tasks new, import-feedback, audit; tests)."""
    from pelican.settings import read_settings

    from .problems import ProblemError
    from .settings_errors import settings_problem

    try:
        settings = read_settings(str(settings_file), override=dict(override or {}))
    except Exception as exc:  # noqa: BLE001 - a settings file Python cannot run: told in French at its line
        located = settings_problem(str(settings_file), exc)
        if located is None:
            raise
        raise ProblemError(located) from None
    for plugin in settings.get("PLUGINS") or []:
        if not isinstance(plugin, str):
            continue
        try:
            module = importlib.import_module(f"{plugin}.settings")
        except ModuleNotFoundError as exc:
            if exc.name != f"{plugin}.settings":
                raise
            continue
        for setting in module.SETTINGS:
            if setting.default is not REQUIRED:
                settings.setdefault(setting.name, setting.default)
    return settings


def relative_url(value, settings) -> str | None:
    """A site-relative address or file path: no leading slash, no `..`, no scheme."""
    if value.startswith("/") or ".." in value.split("/") or "://" in value or not value.strip():
        return f"« {value} » invalide : une adresse relative au site, sans « / » au début ni « .. »"
    return None


def relative_url_map(value, settings) -> str | None:
    for key, url in value.items():
        if not isinstance(url, str):
            return f"« {key} » : un texte entre guillemets est attendu"
        reason = relative_url(url, settings)
        if reason:
            return f"« {key} » : {reason}"
    return None


def positive(value, settings) -> str | None:
    return None if value > 0 else f"« {value} » invalide : un nombre entier positif est attendu"

