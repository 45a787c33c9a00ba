"""Settings of the names of persons (plugins/privacy/names.py), office block of pelicanconf.py."""

from core.plugin_settings import Setting


def kept_names_reason(value: list, settings: dict) -> str | None:
    """Why PRIVACY_KEPT_NAMES cannot be used (French), None if it can."""
    for item in value:
        if not isinstance(item, str) or not item.strip():
            return f"« {item!r} » n'est pas un nom de lieu : chaque élément est un texte entre guillemets, non vide"
    return None


SETTINGS = (
    # Places, institutions, events of the valley that the removal of names of persons keeps in the
    # residents' excerpts, on top of those the engine knows (plugins/privacy/names.py KEPT_NAMES),
    # e.g. ["Le Chazelet", "Télésiège de la Cucumelle"]; compared without case nor accents.
    Setting("PRIVACY_KEPT_NAMES", [], list, kept_names_reason),
)
