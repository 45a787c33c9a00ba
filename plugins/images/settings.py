"""Settings of the images (declared with their defaults, checked at start)."""

from __future__ import annotations

from PIL import features

from core.plugin_settings import Setting, relative_url

# What each modern format needs from the installed Pillow.
FORMAT_FEATURES = {"avif": "avif", "webp": "webp"}


def _widths(value, settings) -> str | None:
    if not value or not all(isinstance(width, int) and not isinstance(width, bool) and 16 <= width <= 8000
                            for width in value):
        return (f"« {value!r} » invalide : une liste de largeurs en pixels, des nombres entiers de 16 à 8000, "
                "par exemple [480, 960, 1600]")
    if list(value) != sorted(set(value)):
        return f"« {value!r} » invalide : des largeurs différentes, de la plus petite à la plus grande"
    return None


def _formats(value, settings) -> str | None:
    for name in value:
        if name not in FORMAT_FEATURES:
            return f"format « {name} » inconnu : formats possibles : {', '.join(FORMAT_FEATURES)}"
        if not features.check(FORMAT_FEATURES[name]):
            return f"format « {name} » : la bibliothèque Pillow installée ne sait pas l'écrire ; retirez-le"
    if len(set(value)) != len(value):
        return f"« {value!r} » : chaque format une seule fois"
    return None


def _quality(value, settings) -> str | None:
    for name in ("avif", "webp", "jpeg"):
        quality = value.get(name)
        if not isinstance(quality, int) or isinstance(quality, bool) or not 1 <= quality <= 100:
            return f"« {name} » : une qualité de 1 à 100 est attendue (réglage complet : avif, webp, jpeg)"
    unknown = sorted(set(value) - {"avif", "webp", "jpeg"})
    return f"clé « {unknown[0]} » inconnue (clés : avif, webp, jpeg)" if unknown else None


def _max_pixels(value, settings) -> str | None:
    return None if value >= 1_000_000 else f"« {value} » invalide : au moins 1 000 000 pixels"


def _hero(value, settings) -> str | None:
    if value is None:
        return None
    unknown = sorted(set(value) - {"image", "alt", "credit"})
    if unknown:
        return f"clé « {unknown[0]} » inconnue : les clés sont image, alt et credit (facultatif)"
    image, alt, credit = value.get("image"), value.get("alt"), value.get("credit")
    if not isinstance(image, str) or not image.strip():
        return ("« image » manquante : le chemin de la photo dans content/, "
                "par exemple \"images/vallee.jpg\"")
    reason = relative_url(image, settings)
    if reason:
        return f"« image » : {reason}"
    if not image.lower().endswith((".jpg", ".jpeg", ".png")):
        return f"« image » : « {image} » n'est pas une photo JPEG ou PNG (.jpg, .jpeg, .png)"
    if not isinstance(alt, str) or not alt.strip():
        return ("« alt » manquant : décrivez la photo en une phrase pour les personnes qui ne la voient pas "
                "(le texte alternatif est obligatoire)")
    if credit is not None and (not isinstance(credit, str) or not credit.strip()):
        return "« credit » : un texte entre guillemets (l'auteur de la photo), ou retirez la clé"
    return None


SETTINGS = (
    # The widths each photo is published at, in pixels (never wider than the original).
    Setting("IMAGES_WIDTHS", [480, 960, 1600], list, _widths),
    # The modern formats, in the browser's order of preference; the original format (JPEG or PNG) follows.
    Setting("IMAGES_FORMATS", ["avif", "webp"], list, _formats),
    Setting("IMAGES_QUALITY", {"avif": 50, "webp": 72, "jpeg": 78}, dict, _quality),
    # Larger images are refused (Pillow's decompression-bomb guard, in French): about 100 megapixels.
    Setting("IMAGES_MAX_PIXELS", 100_000_000, int, _max_pixels),
    # The `sizes` of every photo: the width the page gives it (the text column: 48rem less its margins).
    Setting("IMAGES_SIZES", "(min-width: 48rem) 46rem, calc(100vw - 2rem)", str),
    # Encoded images kept between builds, relative to the site's folder (ignored by git).
    Setting("IMAGES_CACHE_PATH", ".cache/images", str, relative_url),
    # The home page's photo: {"image": "images/….jpg", "alt": "…", "credit": "…"} or None.
    Setting("HOME_HERO", None, (dict, type(None)), _hero),
)
