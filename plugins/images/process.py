"""One photo of content/ made into the files the site publishes, with Pillow, cached by content hash.

Each JPEG or PNG is turned upright (its EXIF orientation applied), resized to the widths of
IMAGES_WIDTHS that are narrower than it (and to its own width when it is narrower than the
widest), and encoded in each format of IMAGES_FORMATS (AVIF, WebP) and in its own format as the
fallback. No copy keeps any metadata: EXIF (GPS position, camera, date), XMP, comments and ICC
profile are dropped, the colours being converted to sRGB first when the photo carries a profile.

Encoding is deterministic (fixed settings, one encoder thread for AVIF, whose output otherwise
depends on the number of threads), so the same photo and settings give the same bytes on every
machine. Results are kept in IMAGES_CACHE_PATH under a key made of the photo's bytes and every
setting that changes them: a second build copies them instead of encoding again.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import threading
import warnings
from dataclasses import dataclass

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from core.build_state import per_build

# The pipeline's own version: change it when the encoding changes, so that the cache is not reused.
PIPELINE_VERSION = "1"

RASTER_EXTENSIONS = (".jpg", ".jpeg", ".png")
# Raster formats a communicator may have, which the site does not publish (converted or refused).
REFUSED_EXTENSIONS = (".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".jfif", ".jxl")
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
AVIF_SPEED = 6  # libavif's default; speed 8 halves the time but adds 18 % to the size (benchmarks/images.py)
WEBP_METHOD = 4

PHOTOS: dict = per_build({})  # relative path in content/ → Processed: the photos this build publishes
STATS: dict = per_build({})  # "encoded" and "cached": what this build did, for tests and benchmarks
_OPEN_LOCK = threading.Lock()


UNREADABLE = ("fichier illisible : ce n'est pas une image JPEG ou PNG (fichier abîmé, incomplet ou d'un autre "
              "format ?) ; ouvrez-la dans un logiciel de retouche et enregistrez-la de nouveau en JPEG ou en PNG")


MAX_SIDE = 16383  # pixels: the largest side WebP can encode


class ImageProblem(Exception):
    """A photo that cannot be published; the message is in French, without the file's location."""


@dataclass(frozen=True)
class Variant:
    name: str  # file name, in the folder of the original
    width: int
    height: int
    format: str  # avif, webp, jpeg, png

    @property
    def mime(self) -> str:
        return MIME_TYPES[self.format]


@dataclass(frozen=True)
class Processed:
    source: str  # the original, relative to content/ (POSIX)
    width: int  # the widest published copy
    height: int
    fallback: str  # jpeg or png
    variants: tuple[Variant, ...]
    cache_dir: str

    def of_format(self, name: str) -> list[Variant]:
        return sorted((v for v in self.variants if v.format == name), key=lambda v: v.width)

    def output_paths(self) -> list[str]:
        folder = os.path.dirname(self.source)
        return [f"{folder}/{v.name}" if folder else v.name for v in self.variants]


def target_widths(width: int, widths: list[int]) -> list[int]:
    """The published widths: those narrower than the original, and the original's own width when it
    is narrower than the widest setting (never wider than the original)."""
    return sorted({w for w in widths if w < width} | {min(width, max(widths))})


def variant_name(source_name: str, width: int, fmt: str, widest: bool, fallback: str) -> str:
    """`photo.jpg` for the widest copy in the format its name says (its address stays), `photo-480w.webp`…"""
    stem, extension = os.path.splitext(source_name)
    if fmt == fallback and widest:
        return source_name
    return f"{stem}-{width}w{extension if fmt == fallback else '.' + fmt}"


def fallback_format(relative: str) -> str:
    """The format of the copies every browser reads, the widest at the original's address: the one
    its name says (a PNG saved as « photo.jpg » is published as a JPEG, served as one)."""
    return "jpeg" if os.path.splitext(relative)[1].lower() in (".jpg", ".jpeg") else "png"


def cache_key(data: bytes, settings: dict, fallback: str) -> str:
    params = json.dumps({"pipeline": PIPELINE_VERSION, "pillow": PIL.__version__, "fallback": fallback,
                         "widths": settings["IMAGES_WIDTHS"], "formats": settings["IMAGES_FORMATS"],
                         "quality": settings["IMAGES_QUALITY"], "max_pixels": settings["IMAGES_MAX_PIXELS"]},
                        sort_keys=True)
    return hashlib.sha256(params.encode() + b"\0" + data).hexdigest()


def cache_root(settings: dict) -> str:
    project = os.path.dirname(os.path.abspath(settings["PATH"]))
    return os.path.join(project, settings["IMAGES_CACHE_PATH"])


_MEMO: dict = {}  # (path, mtime, size, key settings) → Processed, for livereload's repeated builds


def process(path: str, relative: str, settings: dict) -> Processed:
    """The published copies of the photo at `path` (`relative` to content/), from the cache or encoded."""
    stat = os.stat(path)
    memo_key = (path, stat.st_mtime_ns, stat.st_size, cache_root(settings), json.dumps(
        [settings["IMAGES_WIDTHS"], settings["IMAGES_FORMATS"], settings["IMAGES_QUALITY"],
         settings["IMAGES_MAX_PIXELS"]], sort_keys=True))
    known = _MEMO.get(memo_key)
    if known is not None and known.source == relative and os.path.isdir(known.cache_dir):
        STATS["cached"] = STATS.get("cached", 0) + 1
        return known
    with open(path, "rb") as handle:
        data = handle.read()
    key = cache_key(data, settings, fallback_format(relative))
    directory = os.path.join(cache_root(settings), key[:2], key)
    processed = _from_cache(directory, relative)
    if processed is not None:
        STATS["cached"] = STATS.get("cached", 0) + 1
    else:
        processed = _encode(data, relative, settings, directory)
        STATS["encoded"] = STATS.get("encoded", 0) + 1
    _MEMO[memo_key] = processed
    return processed


def _from_cache(directory: str, relative: str) -> Processed | None:
    try:
        with open(os.path.join(directory, "meta.json"), encoding="utf-8") as handle:
            meta = json.load(handle)
        variants = tuple(Variant(**v) for v in meta["variants"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    names = _renamed(variants, relative)
    if not all(os.path.isfile(os.path.join(directory, v.name)) for v in variants):
        return None
    return Processed(relative, meta["width"], meta["height"], meta["fallback"], names, directory)


def _renamed(variants: tuple[Variant, ...], relative: str) -> tuple[Variant, ...]:
    """The cache keeps neutral names (`480.webp`); the site's are made from the photo's name."""
    source_name = os.path.basename(relative)
    widest = max(v.width for v in variants)
    fallback = next(v.format for v in variants if v.format in ("jpeg", "png"))
    return tuple(Variant(variant_name(source_name, v.width, v.format, v.width == widest, fallback),
                         v.width, v.height, v.format) for v in variants)


def cached_file(processed: Processed, variant: Variant) -> str:
    return os.path.join(processed.cache_dir, f"{variant.width}.{variant.format}")


def _open(data: bytes, settings: dict) -> Image.Image:
    limit = settings["IMAGES_MAX_PIXELS"]
    with _OPEN_LOCK, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # our own limit, in French, below
        try:
            image = Image.open(io.BytesIO(data))
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageProblem(UNREADABLE) from None
        except (OSError, SyntaxError, ValueError):
            raise ImageProblem(UNREADABLE) from None
        finally:
            Image.MAX_IMAGE_PIXELS = saved
    if image.format not in ("JPEG", "PNG"):
        raise ImageProblem(f"format d'image non pris en charge ({image.format or 'inconnu'}) : enregistrez-la "
                           "en JPEG (photo) ou en PNG (dessin, transparence)")
    width, height = image.size
    if width * height > limit:
        raise ImageProblem(
            f"image trop grande : {width} × {height} pixels, soit {_megapixels(width * height)} mégapixels, "
            f"pour au plus {_megapixels(limit)} (réglage IMAGES_MAX_PIXELS) ; réduisez-la avant de "
            f"l'ajouter : le site n'en publie pas plus de {max(settings['IMAGES_WIDTHS'])} pixels de large")
    if getattr(image, "is_animated", False):
        raise ImageProblem("image animée : le site ne publie que des images fixes ; enregistrez-en une "
                           "image en JPEG ou en PNG")
    return image


def _megapixels(pixels: int) -> str:
    value = pixels / 1_000_000
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".replace(".", ",")


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except Exception:  # noqa: BLE001 - an unreadable EXIF block is no orientation
        return 1


def _encode(data: bytes, relative: str, settings: dict, directory: str) -> Processed:
    image = _open(data, settings)
    fallback = fallback_format(relative)
    rotated = _orientation(image) in (5, 6, 7, 8)
    stored_width, stored_height = image.size
    upright_width, upright_height = (stored_height, stored_width) if rotated else (stored_width, stored_height)
    widths = target_widths(upright_width, settings["IMAGES_WIDTHS"])
    tallest = round(upright_height * max(widths) / upright_width)
    if tallest > MAX_SIDE:
        raise ImageProblem(
            f"image trop haute : {upright_width} × {upright_height} pixels ; publiée à {max(widths)} pixels de large, "
            f"elle en ferait {tallest} de haut, pour au plus {MAX_SIDE} (limite du format WebP) : coupez-la en "
            "plusieurs images")
    try:
        if image.format == "JPEG":  # decode at 1/2, 1/4 or 1/8 scale when that is still wide enough
            scale = max(widths) / upright_width
            image.draft(image.mode, (max(1, round(stored_width * scale)), max(1, round(stored_height * scale))))
        icc = image.info.get("icc_profile")
        image.load()
        image = ImageOps.exif_transpose(image)  # turned upright; the orientation tag goes with the EXIF
    except (OSError, SyntaxError, ValueError):  # Pillow's English reason (« image file is truncated »…)
        raise ImageProblem("fichier illisible : l'image est incomplète ou abîmée (copie interrompue ?) ; "
                           "ouvrez-la dans un logiciel de retouche et enregistrez-la de nouveau en JPEG ou "
                           "en PNG") from None
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N"):  # 16-bit grey: scaled to 8 bits, not clipped
        image = image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    image = _srgb(image, icc)
    alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if alpha else "RGB")
    image.info = {}
    quality = settings["IMAGES_QUALITY"]
    staging = tempfile.mkdtemp(prefix=".tmp-", dir=_ensure(os.path.dirname(directory)))
    variants = []
    try:
        for width in widths:
            height = max(1, round(upright_height * width / upright_width))
            resized = image if (width, height) == image.size else image.resize((width, height),
                                                                                Image.Resampling.LANCZOS)
            resized.info = {}
            for fmt in (*settings["IMAGES_FORMATS"], fallback):
                with open(os.path.join(staging, f"{width}.{fmt}"), "wb") as handle:
                    _save(resized, fmt, quality, handle)
                variants.append(Variant(f"{width}.{fmt}", width, height, fmt))
        widest = max(variants, key=lambda v: v.width)
        meta = {"source": "", "width": widest.width, "height": widest.height, "fallback": fallback,
                "variants": [v.__dict__ for v in variants]}
        with open(os.path.join(staging, "meta.json"), "w", encoding="utf-8") as handle:
            json.dump(meta, handle, indent=1, sort_keys=True)
        if os.path.isdir(directory):  # incomplete (a file missing): replaced
            shutil.rmtree(directory)
        os.replace(staging, directory)
    finally:
        if os.path.isdir(staging):
            shutil.rmtree(staging)
    names = _renamed(tuple(variants), relative)
    return Processed(relative, widest.width, widest.height, fallback, names, directory)


def _ensure(path: str) -> str:
    os.makedirs(path, exist_ok=True)
    return path


_SRGB = None


def _srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """The photo in sRGB, which browsers assume for a file without a profile (a phone's Display P3
    photo would otherwise look dull). An unreadable profile is ignored: the photo is taken as sRGB."""
    global _SRGB
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        if _SRGB is None:
            _SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _save(image: Image.Image, fmt: str, quality: dict, handle) -> None:
    """Deterministic encoder settings; no metadata is ever passed (nor left in image.info)."""
    if fmt == "avif":
        image.save(handle, "AVIF", quality=quality["avif"], speed=AVIF_SPEED, max_threads=1)
    elif fmt == "webp":
        image.save(handle, "WEBP", quality=quality["webp"], method=WEBP_METHOD, exact=False)
    elif fmt == "jpeg":
        if image.mode == "RGBA":  # a transparent PNG named .jpg: on white, as a page shows it
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        image.save(handle, "JPEG", quality=quality["jpeg"], optimize=True, progressive=True,
                   subsampling="4:2:0")
    else:
        image.save(handle, "PNG", optimize=True)
