"""QR codes of the workshop sheets as inline SVG: libzint encodes (C, through zint-bindings), we draw.

One QR code per finding: at 10,000 findings, segno (pure Python, 18 ms a code, most of it choosing
the mask) took minutes; libzint takes about 0.5 ms and applies the same ISO/IEC 18004 rules
(smallest version for the level, the mask with the lowest penalty). The drawing is one stroked
path, a `h` line per run of dark modules: small and crisp at any print size.

Many codes (QrBatch, from PARALLEL_FROM codes) are made by this file run as a script in a second
process, started as soon as the findings are known, while Pelican writes the other pages: about
1 ms a code (half encoding, half drawing) no longer adds to the build on a machine with two cores.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile

import zint
from markupsafe import Markup, escape

QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004 minimum)
ERROR_LEVEL_M = 2  # libzint's option_1: still readable with 15 % of the code smudged or folded
_DARK_RUN = re.compile(r"1+")


def qr_rows(data: str) -> list[str]:
    """The symbol's rows, « 1 » for a dark module."""
    symbol = zint.Symbol()
    symbol.symbology = zint.Symbology.QRCODE
    symbol.option_1 = ERROR_LEVEL_M
    symbol.encode(data.encode("utf-8"))
    width = symbol.width
    packed = symbol.encoded_data  # row r, module c: bit (c % 8) of byte c // 8, lowest bit first
    stride, size = packed.shape[1], (width + 7) // 8
    data = packed.tobytes()
    return [format(int.from_bytes(data[start:start + size], "little"), f"0{size * 8}b")[::-1][:width]
            for start in range(0, symbol.rows * stride, stride)]


def svg_path(rows: list[str], border: int = QUIET_ZONE) -> str:
    """Path data: an absolute move to the first run, then relative moves; `h n` draws n modules on
    the row whose middle the pen is on (the stroke is one module wide)."""
    commands = []
    pen = None
    for y, row in enumerate(rows, border):
        for run in _DARK_RUN.finditer(row):
            x = run.start() + border
            if pen is None:
                commands.append(f"M{x} {y}.5")
            else:
                commands.append(f"m{x - pen[0]} {y - pen[1]}")
            commands.append(f"h{run.end() - run.start()}")
            pen = (run.end() + border, y)
    return "".join(commands)


def qr_drawing(data: str) -> tuple[int, str]:
    """(side of the drawing in modules, quiet zone included; its path data)."""
    rows = qr_rows(data)
    return len(rows) + 2 * QUIET_ZONE, svg_path(rows)


def qr_svg(data: str, label: str, drawing: tuple[int, str] | None = None) -> Markup:
    """An inline SVG QR code of `data` (no file, no request), an image named by `label`."""
    size, path = drawing or qr_drawing(data)
    return Markup(f'<svg role="img" aria-label="{escape(label)}" viewBox="0 0 {size} {size}" class="qr">'
                  f'<path stroke="#000" d="{path}"/></svg>')


PARALLEL_FROM = 200  # below, a second process costs more than it saves (it starts in about 0.1 s)
# Drawings already made in this process: a livereload rebuild draws only the new addresses.
_DRAWN: dict[str, tuple[int, str]] = {}
_DRAWN_MAX = 50_000


class QrBatch:
    """The drawings of many codes, made in a second process (or here, for few codes)."""

    def __init__(self, data: list[str]):
        self.data = list(data)
        self._missing = sorted({item for item in self.data if item not in _DRAWN})
        self._process = None
        if len(self._missing) < PARALLEL_FROM:
            return
        self._folder = tempfile.TemporaryDirectory(prefix="lvas-qr-")
        self._input = os.path.join(self._folder.name, "donnees.json")
        self._output = os.path.join(self._folder.name, "codes.json")
        with open(self._input, "w", encoding="utf-8") as handle:
            json.dump(self._missing, handle)
        self._process = subprocess.Popen([sys.executable, os.path.abspath(__file__), self._input, self._output],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.PIPE)

    def drawings(self) -> list[tuple[int, str]]:
        """In the order of `data`; waits for the second process if it has not finished."""
        if self._process is None:
            made = [qr_drawing(data) for data in self._missing]
        else:
            made = self._wait()
        drawn = dict(zip(self._missing, made))
        result = [drawn[data] if data in drawn else _DRAWN[data] for data in self.data]
        if len(_DRAWN) + len(drawn) > _DRAWN_MAX:
            _DRAWN.clear()
        _DRAWN.update(drawn)
        self._missing = []
        return result

    def _wait(self) -> list[tuple[int, str]]:
        try:
            _, errors = self._process.communicate()
            if self._process.returncode != 0:
                detail = errors.decode("utf-8", "replace").strip().splitlines()[-1:] or ["sans message"]
                raise RuntimeError(f"codes QR : le processus de calcul a échoué ({detail[0]})")
            with open(self._output, encoding="utf-8") as handle:
                drawings = [tuple(drawing) for drawing in json.load(handle)]
        finally:
            self.close()
        if len(drawings) != len(self._missing):
            raise RuntimeError(f"codes QR : {len(drawings)} reçus pour {len(self._missing)} demandés")
        return drawings

    def close(self) -> None:
        """Stop the second process if it still runs (a build that stopped before the sheets)."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
                self._process.communicate()
            self._folder.cleanup()
            self._process = None

    __del__ = close


def _main(input_path: str, output_path: str) -> None:
    with open(input_path, encoding="utf-8") as handle:
        data = json.load(handle)
    drawings = [qr_drawing(item) for item in data]
    with open(output_path, "w", encoding="utf-8") as handle:
        json.dump(drawings, handle)


if __name__ == "__main__":
    _main(*sys.argv[1:])
