"""Compiled Jinja templates kept in memory, shared by the environments that use this cache.

Pelican gives each generator its own Jinja environment, so a template used by several (base.html
by six of them) was parsed and compiled once per generator: 47 compilations a build instead of
38, and compiling is a large part of the time of a small site. The strict build gives every build one such cache (each
template compiled once); livereload keeps one for its whole session (publishing/devserver.py).
Jinja keys the code by template name and a checksum of the source: a changed template is
compiled again.
"""

from __future__ import annotations

from jinja2 import BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates, kept for the life of this object."""

    def __init__(self):
        self._codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._codes[bucket.key] = bucket.bytecode_to_string()
