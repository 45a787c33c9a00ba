"""Settings of the consultation (declared with their defaults, checked at start).

FEEDBACK_BACKEND has its own, detailed checks (feedback_settings.py); FINDINGS_PHASE is checked
against data/phases.yml once the data is loaded (window.py)."""

from core.plugin_settings import REQUIRED, Setting, relative_url

SETTINGS = (
    Setting("FINDINGS_PHASE", REQUIRED, str),  # the phase whose `consultation:` window applies to the findings
    Setting("FEEDBACK_BACKEND", "mailto", str),
    Setting("OUTCOMES_URL", "constats/reponses/", str, relative_url),
    Setting("OUTCOMES_SAVE_AS", "constats/reponses/index.html", str, relative_url),
)
