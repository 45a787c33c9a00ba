"""Photos (not a test): the time and the bytes of each published copy of a 6000×4000 photo.

    .venv/bin/python benchmarks/images.py [--runs 3]

A synthetic camera photo (tests/photos.py: gradients, noise at three scales, EXIF, GPS, XMP),
processed by plugins/images/process.py as a build does: once without cache for each choice of
modern formats (none, WebP, AVIF, both: what AVIF costs and what it saves), then once from the
cache. Also AVIF at speed 8, to show why the plugin keeps libavif's default speed 6. Medians of
--runs runs; sizes in KiB, per width and format.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import photos  # noqa: E402 - the tests' photo-like images

pipeline = importlib.import_module("plugins.images.process")  # the package exports its process() function


def settings(cache: str, formats: list[str]) -> dict:
    return {"PATH": os.path.join(cache, "content"), "IMAGES_CACHE_PATH": "cache", "IMAGES_WIDTHS": [480, 960, 1600],
            "IMAGES_FORMATS": formats, "IMAGES_QUALITY": {"avif": 50, "webp": 72, "jpeg": 78},
            "IMAGES_MAX_PIXELS": 100_000_000}


def run(data: bytes, formats: list[str], runs: int) -> tuple[float, dict[str, int]]:
    times, sizes = [], {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "lac.jpg")
            Path(path).write_bytes(data)
            pipeline._MEMO.clear()
            start = time.perf_counter()
            processed = pipeline.process(path, "images/lac.jpg", settings(folder, formats))
            times.append(time.perf_counter() - start)
            sizes = {v.name: os.path.getsize(pipeline.cached_file(processed, v)) for v in processed.variants}
    return statistics.median(times), sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = photos.camera_jpeg(6000, 4000)
    print(f"photo de 6000 × 4000 : {len(data) / 1024 / 1024:.1f} Mio en JPEG")
    for formats in ([], ["webp"], ["avif"], ["avif", "webp"]):
        seconds, sizes = run(data, formats, args.runs)
        print(f"\nformats {formats or ['(origine seule)']} : {seconds:.2f} s sans cache")
        for name, size in sorted(sizes.items()):
            print(f"  {name:20} {size / 1024:8.1f} Kio")
    with tempfile.TemporaryDirectory() as folder:  # from the cache: the second build
        path = os.path.join(folder, "lac.jpg")
        Path(path).write_bytes(data)
        pipeline.process(path, "images/lac.jpg", settings(folder, ["avif", "webp"]))
        pipeline._MEMO.clear()
        start = time.perf_counter()
        pipeline.process(path, "images/lac.jpg", settings(folder, ["avif", "webp"]))
        print(f"\ndepuis le cache : {time.perf_counter() - start:.3f} s")
    image = photos.photo(960, 640)
    for speed in (6, 8):
        out = io.BytesIO()
        start = time.perf_counter()
        image.save(out, "AVIF", quality=50, speed=speed, max_threads=1)
        print(f"AVIF 960 px, speed {speed} : {time.perf_counter() - start:.2f} s, {len(out.getvalue()) / 1024:.1f} Kio")


if __name__ == "__main__":
    main()
