"""Settings of the strategy: axes, projects, roadmap (declared with their defaults, checked at start)."""

from core.open_data import LICENCE_SETTING
from core.plugin_settings import Setting, relative_url

SETTINGS = (
    Setting("AXES_PATH", "axes", str, relative_url),  # the folder of content/ that holds the axis pages
    Setting("AXIS_URL", "axes/{id}/", str, relative_url),
    Setting("AXIS_SAVE_AS", "axes/{id}/index.html", str, relative_url),
    Setting("ROADMAP_URL", "feuille-de-route/", str, relative_url),
    Setting("ROADMAP_SAVE_AS", "feuille-de-route/index.html", str, relative_url),
    Setting("UNANSWERED_URL", "constats/sans-reponse/", str, relative_url),
    Setting("UNANSWERED_SAVE_AS", "constats/sans-reponse/index.html", str, relative_url),
    LICENCE_SETTING,
)
