"""Pelican settings for local builds and previews (`python3 manage.py build`).

The engine's technical settings come from core/engine_settings.py; this file holds what belongs
to the office. publishconf.py takes everything from here and only changes what differs online.
"""

from core.engine_settings import *  # noqa: F401,F403 - the engine's technical settings

# ---------------------------------------------------------------------------
# À MODIFIER PAR L'OFFICE DE TOURISME
# Everything the tourist office must check or change before going live is in
# this block, and nowhere else. Values left to None are shown on the site as
# « à compléter » so that a missing legal detail is visible, never invented.
# ---------------------------------------------------------------------------

SITENAME = "La Vallée au Sommet"
SITESUBTITLE = "La stratégie d’attractivité de Serre Chevalier Vallée Briançon à l’horizon 2030"

# Public address of the site, without a trailing slash. Set in publishconf.py;
# empty here so that local previews use relative links.
PUBLIC_SITEURL = "https://www.example.org/la-vallee-au-sommet"  # illustrative, replace

# Publisher (éditeur du site, LCEN article 6-III).
PUBLISHER = {
    "name": "Office de Tourisme de Serre Chevalier Vallée Briançon",
    "legal_form": None,  # e.g. « Établissement public industriel et commercial »
    "address": None,  # postal address of the head office
    "phone": None,
    "siret": None,
    "director": None,  # directeur ou directrice de la publication (nom, fonction)
}

# The article before the publisher's name in French sentences: "l’" (« adressé à l’Office de
# Tourisme… »), "le" (« au Syndicat d’initiative… »), "la" (« de la Maison du tourisme… »), "les", or "".
OFFICE_NAME_ARTICLE = "l’"

# Host (hébergeur, LCEN article 6-III): name, address and phone.
HOST = {
    "name": None,
    "address": None,
    "phone": None,
}

# Address that receives residents' reactions and rights requests (RGPD).
# Illustrative placeholder: replace with the office's real address.
CONTACT_EMAIL = "consultation@example.org"

# Where « Réagir à ce constat » leads: "mailto" (a message to CONTACT_EMAIL), or the https://
# address of a form, with {id}, {title} and {url} where the finding goes, e.g.
# "https://forms.example.org/f?constat={id}&titre={title}&page={url}" (see docs/communicants/guide.md).
FEEDBACK_BACKEND = "mailto"

# Personal data (RGPD article 13): who answers requests and how long the
# reactions are kept.
DATA_PROTECTION_OFFICER = None  # « délégué à la protection des données » contact
HOST_LOG_RETENTION = None  # how long the host keeps its connection logs, e.g. « 12 mois »
FEEDBACK_RETENTION = "jusqu’à la fin de la démarche « La Vallée au Sommet »"

# Contacts of the office's partners that may be published: e-mails, phones, postal addresses,
# e.g. ["04 92 00 00 00", "accueil@partenaire.example"]. The office's own (CONTACT_EMAIL,
# PUBLISHER's and HOST's address and phone, DATA_PROTECTION_OFFICER) need not be listed. Any
# other e-mail, phone or address found in the built site stops the build (plugins/privacy).
PUBLIC_CONTACTS = []

# Accessibility declaration (RGAA). Honest until an audit exists.
ACCESSIBILITY_STATUS = "non conforme"  # « non conforme », « partiellement conforme », « totalement conforme »
ACCESSIBILITY_AUDIT = None  # e.g. {"date": "2026-06-01", "auditor": "…", "rate": "…"}
ACCESSIBILITY_DECLARATION_DATE = "2026-11-25"

# Identity (plugins/identity): files in the content folder. The logo of the header (SVG, refused if
# it holds a script or an external reference); the icon, a square PNG of 512 px or more (the build
# makes the 32, 180, 192 and 512 px icons from it, without metadata), and the same as SVG if any.
# The demo's mark and icon are drawn by publishing/demo_identity.py (two mountains, no brand).
SITE_LOGO = "images/logo.svg"
SITE_ICON = "images/icone.png"
SITE_ICON_SVG = "images/logo.svg"
# Colour of the header, headings and buttons ("#rrggbb"): refused under 4.5:1 with white (WCAG AA).
ACCENT_COLOR = "#0d3b66"

# Demonstration site: True for this demo only, whose addresses and legal details above are
# placeholders. Every page then says « Site de démonstration », and `python3 manage.py publish`
# lists the placeholders and publishes anyway. An office's real site: False (or remove the line),
# and the publication refuses any placeholder left (`python3 manage.py check` lists them).
DEMO_SITE = True

# Photo at the top of the home page: a JPEG or PNG of content/images/, its description (required)
# and its author, e.g. {"image": "images/vallee.jpg", "alt": "…", "credit": "…"}. None: no photo
# (the demo has no real photo of the valley, and invents none).
HOME_HERO = None

AUTHOR = PUBLISHER["name"]

# ---------------------------------------------------------------------------
# Structure of the content (the office may rename or add sections)
# ---------------------------------------------------------------------------

# Each folder of content/articles/ is a section: its title, and an introduction for its
# listing page (None: the introduction comes from the phase of data/phases.yml linking to it).
SECTIONS = {
    "diagnostic": {"title": "Diagnostic", "intro": None},
    "actualites": {
        "title": "Actualités",
        "intro": "Les nouvelles de la démarche « La Vallée au Sommet », de son lancement à ses prochaines étapes.",
    },
}
# The section where `python3 manage.py new --type actualite` writes news posts.
NEWS_SECTION = "actualites"
# Findings (« constats », plugins/findings): where they may be written, and their index.
FINDINGS_SECTIONS = ["diagnostic"]
# The phase of data/phases.yml whose `consultation:` window applies to the findings.
FINDINGS_PHASE = "diagnostic"
