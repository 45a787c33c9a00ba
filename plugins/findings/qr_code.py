"""QR codes of the workshop sheets as inline SVG: libzint encodes (C, through zint-bindings), we draw.

One QR code per finding: at 10,000 findings, segno (pure Python, 18 ms a code, most of it choosing
the mask) took minutes; libzint takes about 0.5 ms and applies the same ISO/IEC 18004 rules
(smallest version for the level, the mask with the lowest penalty). The drawing is one stroked
path, a `h` line per run of dark modules: small and crisp at any print size.

Many codes (QrBatch, from PARALLEL_FROM codes) are made by this file run as a script in a second
process, fed while Pelican reads the articles (findings/workshop.py): about 1 ms a code (half
encoding, half drawing) no longer adds to the build on a machine with two cores.
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
    """The drawings of many codes: `add()` them as they become known, `drawings()` at the end.

    From PARALLEL_FROM codes not drawn yet, they go to a second process as they are added (one
    JSON line each; it writes its drawings to a file, so no pipe can fill up and block it); fewer
    are drawn here, in `drawings()`.
    """

    def __init__(self, data: list[str] = ()):
        self.data: list[str] = []
        self._seen: set[str] = set()
        self._pending: list[str] = []  # to draw, not sent to the second process
        self._sent: list[str] = []
        self._process = None
        self.add(data)

    def add(self, data) -> None:
        for item in data:
            if item not in self._seen:
                self._seen.add(item)
                self.data.append(item)
                if item not in _DRAWN:
                    self._pending.append(item)
        if self._process is None and len(self._pending) >= PARALLEL_FROM:
            self._start()
        if self._process is not None and self._pending:
            try:
                self._process.stdin.write("".join(json.dumps(item) + "\n" for item in self._pending))
                self._process.stdin.flush()
            except OSError:
                pass  # it stopped: drawings() says why
            self._sent += self._pending
            self._pending = []

    def drawings(self, data: list[str] | None = None) -> list[tuple[int, str]]:
        """The drawings of `data` (by default, everything added, in order); waits for the second
        process if it has not finished."""
        data = self.data if data is None else data
        self.add(data)
        drawn = dict(self._wait()) if self._process is not None else {}
        drawn.update((item, qr_drawing(item)) for item in self._pending)
        self._pending = []
        result = [drawn[item] if item in drawn else _DRAWN[item] for item in data]
        if len(_DRAWN) + len(drawn) > _DRAWN_MAX:
            _DRAWN.clear()
        _DRAWN.update(drawn)
        return result

    def _start(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="lvas-qr-")
        self._output = os.path.join(self._folder.name, "codes.jsonl")
        self._process = subprocess.Popen([sys.executable, os.path.abspath(__file__), self._output],
                                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.PIPE, text=True, encoding="utf-8")

    def _wait(self) -> list[tuple[str, tuple[int, str]]]:
        try:
            _, errors = self._process.communicate()  # closes its input: it finishes and stops
            if self._process.returncode != 0:
                detail = errors.strip().splitlines()[-1:] or ["sans message"]
                raise RuntimeError(f"codes QR : le processus de calcul a échoué ({detail[0]})")
            with open(self._output, encoding="utf-8") as handle:
                lines = [json.loads(line) for line in handle]
        finally:
            self.close()
        drawn = [(item, (size, path)) for item, size, path in lines]
        if [item for item, _ in drawn] != self._sent:
            raise RuntimeError(f"codes QR : {len(drawn)} reçus pour {len(self._sent)} demandés")
        self._sent = []
        return drawn

    def close(self) -> None:
        """Stop the second process if it still runs (a build that stopped before the sheets)."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
                self._process.communicate()
            self._folder.cleanup()
            self._process = None

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - at interpreter exit, subprocess may already be gone
            pass


def _main(output_path: str) -> None:
    """The second process: an address a line (JSON) on stdin, [address, side, path] a line out."""
    with open(output_path, "w", encoding="utf-8") as out:
        for line in sys.stdin:
            data = json.loads(line)
            out.write(json.dumps([data, *qr_drawing(data)]) + "\n")


if __name__ == "__main__":
    _main(*sys.argv[1:])
