"""Deterministic photo-like images for the image tests and benchmarks: never a committed camera file.

Flat colours compress to nothing and would make any size budget meaningless: these images mix a
gradient, blurred noise at two scales and fine grain, which compress about like a real photo (a
6000×4000 one weighs about 9 MB as a quality-92 JPEG).
"""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image

# EXIF tags written on the test photos, to be sure none survives.
GPS_IFD, ORIENTATION, MAKE, IMAGE_DESCRIPTION = 0x8825, 0x0112, 0x010F, 0x010E


def _noise(width: int, height: int, seed: int, sigma: float) -> Image.Image:
    """Noise around mid-grey with about this standard deviation, from a seeded generator (Pillow's
    effect_noise follows the C library's rand(): the same process gives other pixels at each call)."""
    uniform = Image.frombytes("L", (width, height), random.Random(seed).randbytes(width * height))
    return Image.blend(Image.new("L", (width, height), 128), uniform, min(1.0, sigma / 74))  # 74: uniform 0-255


def photo(width: int, height: int, mode: str = "RGB", seed: int = 2016) -> Image.Image:
    """The same pixels for the same arguments, on every machine and in every order of the tests."""
    base = Image.linear_gradient("L").resize((width, height))
    coarse = _noise(max(1, width // 16), max(1, height // 16), seed, 60).resize((width, height),
                                                                             Image.Resampling.BICUBIC)
    medium = _noise(max(1, width // 2), max(1, height // 2), seed + 1, 40).resize((width, height),
                                                                               Image.Resampling.BICUBIC)
    grain = _noise(width, height, seed + 2, 12)
    image = Image.merge("RGB", (Image.blend(base, coarse, 0.5), Image.blend(medium, coarse, 0.4),
                                Image.blend(base.transpose(Image.Transpose.FLIP_TOP_BOTTOM), grain, 0.3)))
    image = Image.blend(image, Image.merge("RGB", (grain, grain, grain)), 0.08)
    if mode == "RGBA":  # transparent at the top, opaque at the bottom
        image.putalpha(Image.linear_gradient("L").resize((width, height)))
    return image


def camera_jpeg(width: int, height: int, orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: EXIF with GPS position, make, description, orientation; XMP; a comment."""
    image = photo(width, height)
    exif = Image.Exif()
    exif[MAKE] = "Appareil de test"
    exif[IMAGE_DESCRIPTION] = "Lac de l'Oule"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (44.0, 56.0, 30.0), 3: "E", 4: (6.0, 33.0, 12.0)})
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="44,56.5N"/>'
           b'</rdf:RDF></x:xmpmeta>')
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif.tobytes(), xmp=xmp, comment=b"Photo prise au lac")
    return out.getvalue()


def png_with_alpha(width: int, height: int) -> bytes:
    out = io.BytesIO()
    info = __import__("PIL.PngImagePlugin", fromlist=["PngInfo"]).PngInfo()
    info.add_text("Author", "Test")
    photo(width, height, "RGBA").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def small_jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    photo(width, height).save(out, "JPEG", quality=90)
    return out.getvalue()


def small_png(width: int, height: int) -> bytes:
    """small_jpeg's picture, decoded and saved as PNG (the same pixels as that JPEG)."""
    out = io.BytesIO()
    Image.open(io.BytesIO(small_jpeg(width, height))).save(out, "PNG")
    return out.getvalue()


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG whose header announces width × height pixels (a decompression bomb), with a tiny body."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
