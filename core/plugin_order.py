"""What each plugin needs from PLUGINS, checked when the build starts (`initialized`).

A plugin that relies on another one (its signal, its context, its data files) says so with
`require_plugins(__name__, needs=(…))` in its register(): a missing plugin would otherwise make the
dependent one do nothing, silently. A plugin that must see what all the others did says
`last=True`: Pelican calls the receivers of a signal in the order of PLUGINS.
"""

from __future__ import annotations

from .build_state import per_build
from .problems import Problem, abort_on, setting_problem


def order_problems(plugins: list, name: str, needs: tuple[str, ...] = (), last: bool = False) -> list[Problem]:
    """Why `name`'s place in `plugins` (the PLUGINS setting) is wrong, in French; [] if it is right."""
    names = [plugin if isinstance(plugin, str) else getattr(plugin, "__name__", str(plugin)) for plugin in plugins]
    if name not in names:
        return []
    problems = []
    position = names.index(name)
    for needed in needs:
        if needed not in names:
            problems.append(setting_problem("PLUGINS", (
                f"l'extension « {name} » a besoin de l'extension « {needed} » : ajoutez-la à PLUGINS")))
    if last and position != len(names) - 1:
        problems.append(setting_problem("PLUGINS", f"l'extension « {name} » doit être la dernière de PLUGINS"))
    return problems


_REQUIREMENTS: dict[str, tuple[tuple[str, ...], bool]] = per_build({})


def require_plugins(name: str, needs: tuple[str, ...] = (), last: bool = False) -> None:
    """Check, when the build starts, that PLUGINS gives `name` what it needs."""
    _REQUIREMENTS[name] = (tuple(needs), last)  # checked by check_plugins, connected by site_build


def check_plugins(pelican_obj) -> None:
    plugins = pelican_obj.settings.get("PLUGINS") or []
    problems = [problem for name, (needs, last) in _REQUIREMENTS.items()
                for problem in order_problems(plugins, name, needs, last)]
    abort_on(problems, "extensions mal ordonnées")
