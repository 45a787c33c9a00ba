"""Settings of search_index (declared with their defaults, checked at start)."""

from core.plugin_settings import Setting

SETTINGS = (
    # True in the preview only (`livereload`, `regenerate`: publishing/devserver.py): the build
    # leaves the index out, the preview makes it in the background once the pages are on screen,
    # and /recherche/ says so. `build`, `check` and `publish` always index within the build.
    Setting("SEARCH_INDEX_DEFERRED", False, bool),
)
