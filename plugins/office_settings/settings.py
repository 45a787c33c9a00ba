"""Settings of the office block (declared with their defaults, checked at start).

The office's own settings (PUBLISHER, CONTACT_EMAIL…) have no default: checks.py verifies them.
"""

from core.plugin_settings import REQUIRED, Setting

from .checks import check_office_article

SETTINGS = (
    # A demonstration site (the engine's own demo): every page says so, and the publication gate
    # accepts its placeholders (example addresses, « À compléter », legal details to complete),
    # listing them as information. A real office leaves it False.
    Setting("DEMO_SITE", False, bool),
    # The article before the publisher's name in a sentence: « l’ », « le », « la », « les » or "".
    # With PUBLISHER's name it makes OFFICE_NAME (« l’Office de Tourisme… »), which the templates
    # write with the filters of plugins/french_format: « à l’Office… » (a_le), « du Syndicat… » (de_le).
    Setting("OFFICE_NAME_ARTICLE", REQUIRED, str, check_office_article),
)
