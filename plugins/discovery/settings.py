"""Settings of discovery (declared with their defaults, checked at start)."""

from core.plugin_settings import Setting, relative_url

SETTINGS = (
    # The page a static host serves for any missing address: GitHub Pages, Netlify and others
    # look for /404.html at the site root.
    Setting("NOT_FOUND_SAVE_AS", "404.html", str, relative_url),
)
