"""State that belongs to one build, in a process that may run many (tests, livereload).

Pelican calls every plugin's register() for each new Pelican object, and its signals are the
process's blinker signals: what a plugin registered or connected for an earlier build would
otherwise stay, so a build without that plugin would still run it. The strict build starts each
build with `reset()`: every container made with `per_build()` is emptied and every receiver of
the process's named signals is disconnected (core.compat); the build's plugins then register
again, in the order of PLUGINS.
"""

from __future__ import annotations

from .compat import disconnect_all_receivers, forget_memoized_contents, remove_link_passes

_CONTAINERS: list = []


def per_build(container):
    """A dict, list or set that `reset()` empties at the start of each build."""
    _CONTAINERS.append(container)
    return container


def reset() -> None:
    for container in _CONTAINERS:
        container.clear()
    disconnect_all_receivers()
    remove_link_passes()
    forget_memoized_contents()
