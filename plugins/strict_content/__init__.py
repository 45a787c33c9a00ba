"""Strict reading of Markdown content: UTF-8, known metadata, valid dates, all located.

Pelican skips an unreadable file with an English log line; here every problem
becomes `content/…md:LINE:COL: message` in French (see site_data.errors).
"""

from pelican import signals

from .reader import ALLOWED_METADATA, StrictMarkdownReader, allow_metadata

__all__ = ["ALLOWED_METADATA", "allow_metadata"]


def use_strict_reader(readers):
    for extension in StrictMarkdownReader.file_extensions:
        readers.reader_classes[extension] = StrictMarkdownReader


def register():
    signals.readers_init.connect(use_strict_reader)
