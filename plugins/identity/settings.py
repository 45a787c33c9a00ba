"""Settings of the site's identity: its logo, its icons, its accent colour (office block of
pelicanconf.py). Files are named relative to the content folder (PATH), e.g. "images/logo.svg"."""

from core.plugin_settings import Setting

from .checks import accent_reason, relative_file

SETTINGS = (
    # The logo in the header, an SVG file (checked: no script, no external reference), shown at
    # the left of the site's name; None: the name alone.
    Setting("SITE_LOGO", None, (str, type(None)), relative_file),
    # True when the logo already shows the site's name (a wordmark): the name is then the logo's
    # text alternative and is not written beside it.
    Setting("SITE_LOGO_WITH_NAME", False, bool),
    # The icon of the site (browser tab, phone home screen): a square PNG of 512 px or more, from
    # which the build makes 32, 180, 192 and 512 px copies without metadata; None: no icon.
    Setting("SITE_ICON", None, (str, type(None)), relative_file),
    # The same icon as an SVG (sharp at every size, for the browsers that take one); None: PNG only.
    Setting("SITE_ICON_SVG", None, (str, type(None)), relative_file),
    # The colour of the header, the headings and the buttons, "#rrggbb": white text on it and it
    # on white (or the pale boxes) must reach 4.5:1 (WCAG AA), checked at start.
    Setting("ACCENT_COLOR", "#0d3b66", str, accent_reason),
)
