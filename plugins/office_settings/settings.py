"""Settings of the office block (declared with their defaults, checked at start).

The office's own settings (PUBLISHER, CONTACT_EMAIL…) have no default: checks.py verifies them.
"""

from core.plugin_settings import Setting

SETTINGS = (
    # A demonstration site (the engine's own demo): every page says so, and the publication gate
    # accepts its placeholders (example addresses, « À compléter », legal details to complete),
    # listing them as information. A real office leaves it False.
    Setting("DEMO_SITE", False, bool),
)
