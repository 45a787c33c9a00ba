"""Checks of the identity settings and files, with French messages: the files exist and have the
expected kind and size, SVG files carry nothing that runs or loads, the accent colour keeps WCAG AA
contrast with the colours it is used with (theme/static/css/site.css)."""

from __future__ import annotations

import os
import re
import xml.parsers.expat

from core.problems import Problem, setting_problem
from plugins.strict_content.svg import svg_problems

ICON_SIZES = (32, 180, 192, 512)  # px: tab, apple-touch-icon, Android home screen, splash screens
MIN_ICON = max(ICON_SIZES)
MAX_ICON_SIDE = 4096  # px: far more than any icon needs; a bigger file is a mistake (or a bomb)
# The colours the accent meets in site.css: white text on it (header, banner, buttons) and it as
# text (headings, links of buttons) on the page's white and the pale boxes (--soft).
ACCENT_PAIRS = (("#ffffff", "le blanc (texte sur la couleur, titres sur fond blanc)"),
                ("#eef2f7", "le fond pâle des encadrés (#eef2f7)"))
AA_TEXT = 4.5
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


# --- Colours ------------------------------------------------------------------------------------

def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of "#rrggbb"."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ratio_fr(ratio: float) -> str:
    """« 4,52:1 »: two decimals, rounded down (a ratio just under 4.5 never reads « 4,50 »)."""
    return f"{int(ratio * 100) / 100:.2f}".replace(".", ",") + ":1"


def accent_reason(value: str, settings: dict) -> str | None:
    if not _HEX.fullmatch(value):
        return f"« {value} » invalide : une couleur « #rrggbb » est attendue (six chiffres hexadécimaux)"
    for other, label in ACCENT_PAIRS:
        ratio = contrast(value, other)
        if ratio < AA_TEXT:
            return (f"« {value} » : contraste de {ratio_fr(ratio)} avec {label} ; 4,5:1 au moins est "
                    f"exigé (WCAG AA) : choisissez une couleur plus foncée")
    return None


# --- Files --------------------------------------------------------------------------------------

def relative_file(value, settings) -> str | None:
    if value is None:
        return None
    parts = value.replace("\\", "/").split("/")
    if value.startswith("/") or ".." in parts or "://" in value or not value.strip():
        return f"« {value} » invalide : un chemin dans le dossier du contenu, sans « / » au début ni « .. »"
    return None


def source_path(settings: dict, name: str) -> str | None:
    value = settings.get(name)
    return None if value is None else os.path.join(settings["PATH"], *value.split("/"))


def _display(settings: dict, name: str) -> str:
    return os.path.join(os.path.basename(os.path.normpath(settings["PATH"])), settings[name]).replace(os.sep, "/")


def file_problems(settings: dict) -> list[Problem]:
    """Each file named by an identity setting: present, of its kind; SVG files safe, the PNG icon
    square and large enough."""
    problems = []
    expected = {"SITE_LOGO": ".svg", "SITE_ICON": ".png", "SITE_ICON_SVG": ".svg"}
    for name, extension in expected.items():
        path = source_path(settings, name)
        if path is None:
            continue
        shown = _display(settings, name)
        if not path.lower().endswith(extension):
            problems.append(setting_problem(name, f"« {settings[name]} » : un fichier {extension} est attendu"))
        elif not os.path.isfile(path) or os.path.islink(path):
            problems.append(setting_problem(name, f"fichier « {shown} » introuvable"))
        elif extension == ".svg":
            found = svg_problems(path)
            problems.extend(found)
            box = None if found else svg_viewbox(path)
            if not found and box is None:
                problems.append(setting_problem(name, f"« {shown} » : le SVG doit avoir un attribut viewBox"))
            elif box and name == "SITE_ICON_SVG" and box[0] != box[1]:
                problems.append(setting_problem(name, (
                    f"« {shown} » de {box[0]:g} × {box[1]:g} (viewBox) : une icône carrée est attendue")))
        else:
            problems.extend(setting_problem(name, reason) for reason in icon_reasons(path, shown))
    return problems


def icon_reasons(path: str, shown: str) -> list[str]:
    from PIL import Image, UnidentifiedImageError

    saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # the size is checked below, in French
    try:
        with Image.open(path) as image:
            Image.MAX_IMAGE_PIXELS = saved
            kind, (width, height) = image.format, image.size  # from the header: nothing decoded yet
            if width * height > MAX_ICON_SIDE ** 2:
                return [f"image « {shown} » de {width} × {height} px, bien trop grande pour une icône : "
                        f"{MAX_ICON_SIDE} × {MAX_ICON_SIDE} px au plus"]
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return [f"image « {shown} » illisible : un fichier PNG est attendu"]
    finally:
        Image.MAX_IMAGE_PIXELS = saved
    if kind != "PNG":
        return [f"image « {shown} » au format {kind} : un fichier PNG est attendu"]
    if width != height:
        return [f"image « {shown} » de {width} × {height} px : une image carrée est attendue"]
    if width < MIN_ICON:
        return [f"image « {shown} » de {width} × {height} px, trop petite : {MIN_ICON} × {MIN_ICON} px au moins"]
    return []


# --- SVG ----------------------------------------------------------------------------------------

# What an SVG may not hold is checked by plugins/strict_content/svg.py; here, its size only.
def _local(name: str) -> str:
    """Element or attribute name without namespace URI (expat's « uri name ») or prefix."""
    return name.rsplit(" ", 1)[-1].lower()


def svg_viewbox(path: str) -> tuple[float, float] | None:
    """(width, height) of the root's viewBox, or of its width and height attributes in px."""
    sizes = {}

    def start(name, attributes):
        if not sizes:
            sizes.update({_local(key): value for key, value in attributes.items()})
            sizes.setdefault("viewbox", "")
            raise StopIteration

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    try:
        with open(path, "rb") as handle:
            parser.Parse(handle.read(), True)
    except StopIteration:
        pass
    numbers = re.findall(r"-?[0-9.]+", sizes.get("viewbox", ""))
    if len(numbers) == 4 and float(numbers[2]) > 0 and float(numbers[3]) > 0:
        return float(numbers[2]), float(numbers[3])
    try:
        return float(sizes["width"].removesuffix("px")), float(sizes["height"].removesuffix("px"))
    except (KeyError, ValueError):
        return None
