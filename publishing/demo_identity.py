"""The demo site's mark, drawn from one list of shapes as SVG (content/images/logo.svg, also the SVG
icon) and as a 512 px PNG (content/images/icone.png), so both always match:

    .venv/bin/python -m publishing.demo_identity content/images

Two mountains and a snowcap on a white rounded square: no brand, no slogan, nothing but the
valley's mountains. The PNG is drawn by Pillow at 2048 px on a 64-unit grid, then reduced to 512 px
with Lanczos (smooth edges) and saved without any metadata: the same Pillow gives the same bytes.
An office replaces both files by its own (SITE_LOGO, SITE_ICON, SITE_ICON_SVG in pelicanconf.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

GRID = 64  # the viewBox: 0 0 64 64
WHITE, BACK, FRONT = "#ffffff", "#5b7fa6", "#0d3b66"
SHAPES = (  # (colour, points on the 64-unit grid), drawn in order over the white rounded square
    (BACK, ((6, 52), (25, 20), (44, 52))),
    (FRONT, ((20, 52), (39, 14), (58, 52))),
    (WHITE, ((39, 14), (33.5, 25), (36.5, 23), (39, 26), (41.5, 23), (44.5, 25))),
)
RADIUS = 12
TITLE = "La Vallée au Sommet"


def svg() -> str:
    polygons = "\n".join(
        f'  <polygon fill="{colour}" points="{" ".join(f"{x:g},{y:g}" for x, y in points)}"/>'
        for colour, points in SHAPES)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}" width="{GRID}" height="{GRID}">\n'
            f'  <title>{TITLE}</title>\n'
            f'  <rect width="{GRID}" height="{GRID}" rx="{RADIUS}" fill="{WHITE}"/>\n{polygons}\n</svg>\n')


def png(size: int = 512) -> bytes:
    import io

    from PIL import Image, ImageDraw

    scale = 4 * size / GRID
    big = Image.new("RGBA", (4 * size, 4 * size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.rounded_rectangle((0, 0, 4 * size - 1, 4 * size - 1), radius=RADIUS * scale, fill=WHITE)
    for colour, points in SHAPES:
        draw.polygon([(x * scale, y * scale) for x, y in points], fill=colour)
    buffer = io.BytesIO()
    big.resize((size, size), Image.Resampling.LANCZOS).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def main(folder: str) -> None:
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    (target / "logo.svg").write_text(svg(), encoding="utf-8")
    (target / "icone.png").write_bytes(png())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "content/images")
