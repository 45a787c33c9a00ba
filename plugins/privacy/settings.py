"""Settings of privacy (declared with their defaults, checked at start)."""

from core.plugin_settings import Setting

from .personal_data import find_personal_data


def check_public_contacts(value, settings) -> str | None:
    """Each entry a text in which the detector finds an e-mail, a phone or a postal address."""
    for entry in value:
        if not isinstance(entry, str) or not entry.strip():
            return (f"« {entry!r} » invalide : chaque contact public est un texte entre guillemets, par exemple "
                    "\"04 92 00 00 00\" ou \"accueil@partenaire.example\"")
        if not find_personal_data(entry):
            return (f"« {entry} » n'est ni une adresse électronique, ni un numéro de téléphone, ni une adresse "
                    "postale : écrivez le contact tel qu'il est publié, par exemple \"04 92 00 00 00\", "
                    "\"accueil@partenaire.example\" ou \"1 place de la Mairie, 05100 Briançon\"")
    return None


def kept_names_reason(value: list, settings: dict) -> str | None:
    """Why PRIVACY_KEPT_NAMES cannot be used (French), None if it can."""
    for item in value:
        if not isinstance(item, str) or not item.strip():
            return f"« {item!r} » n'est pas un nom de lieu : chaque élément est un texte entre guillemets, non vide"
    return None


SETTINGS = (
    # The e-mails, phones and postal addresses of the office and its partners that may be published
    # (the office's own — CONTACT_EMAIL, PUBLISHER's and HOST's address and phone,
    # DATA_PROTECTION_OFFICER — are public without being listed). Anything else the gate finds
    # on the published site stops the build (gate.py).
    Setting("PUBLIC_CONTACTS", [], list, check_public_contacts),
    # Places, institutions, events of the valley that the removal of names of persons keeps in the
    # residents' excerpts, on top of those the engine knows (plugins/privacy/names.py KEPT_NAMES),
    # e.g. ["Le Chazelet", "Télésiège de la Cucumelle"]; compared without case nor accents.
    Setting("PRIVACY_KEPT_NAMES", [], list, kept_names_reason),
)
