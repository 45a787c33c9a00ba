"""Phases of the process (data/phases.yml) and where "today" stands among them."""

from pelican import signals

from core.build_clock import today
from core.plugin_order import require_plugins
from core.plugin_settings import declare_settings
from plugins.site_data import DataFile, register_data_file

from . import embed, feeds
from .phases import CONSULTATION_STATES, PHASE_STATES, PHASES_SCHEMA, check_phases, with_states
from .settings import SETTINGS


def add_phases(generator):
    phases = generator.context.get("DATA", {}).get("phases", [])
    generator.context["PHASES"] = with_states(phases, today())
    generator.context["PHASE_STATES"] = PHASE_STATES  # ids, data-when and labels (fr, en) of the states
    generator.context["CONSULTATION_STATES"] = CONSULTATION_STATES  # the same for a phase's consultation


def register():
    declare_settings(*SETTINGS)
    require_plugins(__name__, needs=("plugins.site_data",))
    register_data_file(DataFile("phases", PHASES_SCHEMA, check=check_phases))
    signals.generator_init.connect(add_phases)
    signals.get_generators.connect(feeds.get_generators)  # /donnees/phases.json|ics, TimelineJS
    signals.get_generators.connect(embed.get_generators)  # /embed/chronologie/, .js, /oembed/
