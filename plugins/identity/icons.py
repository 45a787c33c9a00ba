"""The site's icons drawn from the office's square PNG with Pillow: the same source and the same
Pillow give the same bytes (no date, no text chunk, no colour profile, no EXIF: a fresh image is
made from the pixels alone, so nothing of the source's metadata is copied)."""

from __future__ import annotations

import functools
import io

from .checks import ICON_SIZES

APPLE_TOUCH = 180  # iOS puts a transparent icon on black: this one is flattened on white


def icon_pngs(path: str) -> dict[int, bytes]:
    """{size: PNG bytes} for every size of ICON_SIZES, resized with Lanczos from the source."""
    with open(path, "rb") as handle:
        return dict(_icon_pngs(handle.read()))


@functools.lru_cache(maxsize=2)  # the preview rebuilds with the same icon: drawn once per process
def _icon_pngs(data: bytes) -> tuple[tuple[int, bytes], ...]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as source:
        source.load()
        rgba = source.convert("RGBA")
    pixels = Image.frombytes("RGBA", rgba.size, rgba.tobytes())  # the pixels, nothing else
    found = {}
    for size in ICON_SIZES:
        image = pixels.resize((size, size), Image.Resampling.LANCZOS)
        if size == APPLE_TOUCH:
            flat = Image.new("RGBA", image.size, (255, 255, 255, 255))
            flat.alpha_composite(image)
            image = flat.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        found[size] = buffer.getvalue()
    return tuple(found.items())
