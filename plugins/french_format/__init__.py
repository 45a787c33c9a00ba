"""French formatting as Jinja filters: dates through Babel, never the machine's locale."""

from pelican import signals

from .filters import FILTERS


def add_filters(generator):
    generator.env.filters.update(FILTERS)


def register():
    signals.generator_init.connect(add_filters)
