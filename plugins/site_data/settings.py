"""Settings of the data layer (declared with their defaults, checked at start)."""

from core.plugin_settings import Setting, positive

SETTINGS = (
    # data/: relative to the folder of content/ (PATH), or absolute.
    Setting("DATA_PATH", "data", str),
    Setting("DATA_MAX_BYTES", 1_000_000, int, positive),  # a larger YAML file is refused
)
