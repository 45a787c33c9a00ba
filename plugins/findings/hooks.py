"""Signals of the findings plugin, for plugins that add to each finding (consultation, strategy)."""

from blinker import signal

# Sent by FindingsGenerator once FINDINGS is in the context, before anything is rendered.
findings_ready = signal("findings_ready")
