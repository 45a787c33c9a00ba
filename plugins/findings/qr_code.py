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

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from typing import TYPE_CHECKING

import zint
from markupsafe import Markup, escape

if TYPE_CHECKING:
    import numpy

QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004 minimum)
ERROR_LEVEL_M = 2  # libzint's option_1: still readable with 15 % of the code smudged or folded


def qr_matrix(data: str) -> numpy.ndarray:
    """The symbol's modules, True for a dark one (rows × columns)."""
    import numpy  # here, not at the top: numpy's BLAS threads must not exist when a build forks (read_ahead.py)

    symbol = zint.Symbol()
    symbol.symbology = zint.Symbology.QRCODE
    symbol.option_1 = ERROR_LEVEL_M
    symbol.encode(data.encode("utf-8"))
    packed = symbol.encoded_data  # row r, module c: bit (c % 8) of byte c // 8, lowest bit first
    bits = numpy.unpackbits(numpy.asarray(packed, dtype=numpy.uint8), axis=1, bitorder="little")
    return bits[:symbol.rows, :symbol.width].astype(bool)


def qr_rows(data: str) -> list[str]:
    """The symbol's rows, « 1 » for a dark module."""
    return ["".join("1" if dark else "0" for dark in row) for row in qr_matrix(data).tolist()]


def svg_path(rows, border: int = QUIET_ZONE) -> str:
    """Path data: an absolute move to the first run, then relative moves; `h n` draws n modules on
    the row whose middle the pen is on (the stroke is one module wide). `rows`: a matrix of
    modules (qr_matrix) or its rows as « 0 »/« 1 » strings. The runs are found by numpy: where a
    row, bordered by white, turns dark and back."""
    import numpy

    if not isinstance(rows, numpy.ndarray):
        rows = numpy.array([[module == "1" for module in row] for row in rows], dtype=bool).reshape(len(rows), -1)
    height, width = rows.shape
    edged = numpy.zeros((height, width + 2), dtype=numpy.int8)
    edged[:, 1:-1] = rows
    steps = numpy.diff(edged, axis=1)
    run_rows, starts = numpy.nonzero(steps == 1)  # row-major order: runs in reading order
    ends = numpy.nonzero(steps == -1)[1]
    if not len(starts):
        return ""
    x, y, lengths = (starts + border).tolist(), (run_rows + border).tolist(), (ends - starts).tolist()
    commands = [f"M{x[0]} {y[0]}.5h{lengths[0]}"]
    pen_x = (ends + border).tolist()
    commands.extend(f"m{x[i] - pen_x[i - 1]} {y[i] - y[i - 1]}h{lengths[i]}" for i in range(1, len(x)))
    return "".join(commands)


def qr_drawing(data: str) -> tuple[int, str]:
    """(side of the drawing in modules, quiet zone included; its path data)."""
    matrix = qr_matrix(data)
    return len(matrix) + 2 * QUIET_ZONE, svg_path(matrix)


def qr_svg(data: str, label: str, drawing: tuple[int, str] | None = None) -> Markup:
    """An inline SVG QR code of `data` (no file, no request), an image named by `label`."""
    size, path = drawing or qr_drawing(data)
    return Markup(f'<svg role="img" aria-label="{escape(label)}" viewBox="0 0 {size} {size}" class="qr">'
                  f'<path stroke="#000" d="{path}"/></svg>')


DRAWING_VERSION = 1  # raise it when the drawing changes: the disk cache is keyed by it
# What svg_path writes: moves and runs, numbers, spaces. Checked by characters (a cache of 5,000
# drawings is 11 MB: a check of the command grammar took 0.3 s of every build).
_PATH_DATA = re.compile(r"(?:M[Mmh0-9 .-]*)?")


def cache_file(folder: str) -> str:
    """The disk cache of the drawings for these drawing settings and this libzint (the addresses are
    its keys): a change of any of them starts a new file."""
    key = json.dumps([DRAWING_VERSION, QUIET_ZONE, ERROR_LEVEL_M, zint.__version__, zint.__upstream_version__])
    return os.path.join(folder, f"codes-qr-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}.json")


def load_cache(path: str) -> dict[str, tuple[int, str]]:
    """The drawings a previous build saved; a missing or unreadable file is an empty cache, an
    altered entry is left out (its path data goes into the page as is: only path commands, numbers
    and spaces may)."""
    try:
        with open(path, encoding="utf-8") as handle:
            saved = json.load(handle)
    except (OSError, ValueError):
        return {}
    if not isinstance(saved, dict):
        return {}
    return {data: (entry[0], entry[1]) for data, entry in saved.items()
            if isinstance(entry, list) and len(entry) == 2 and type(entry[0]) is int and isinstance(entry[1], str)
            and _PATH_DATA.fullmatch(entry[1])}


def save_cache(path: str, drawings: dict[str, tuple[int, str]]) -> None:
    """Written whole and renamed into place (a build stopped halfway leaves the previous file), sorted:
    the same addresses give the same file."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=os.path.dirname(path), suffix=".tmp",
                                         delete=False)
    with handle:
        json.dump({data: list(drawing) for data, drawing in drawings.items()}, handle, sort_keys=True,
                  ensure_ascii=False, separators=(",", ":"))
    os.replace(handle.name, path)


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

    def __init__(self, data: list[str] = (), cache: str | None = None):
        self.data: list[str] = []
        self._seen: set[str] = set()
        self._pending: list[str] = []  # to draw, not sent to the second process
        self._sent: list[str] = []
        self._process = None
        self._cache = cache  # the file of drawings kept between processes (cache_file), if any
        self._cache_stale = False
        if cache is not None:
            for item, drawing in load_cache(cache).items():
                _DRAWN.setdefault(item, drawing)
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
        self._cache_stale = self._cache_stale or bool(drawn)
        return result

    def save(self) -> None:
        """The drawings of every code added, to the cache file, if some were drawn by this batch
        (the file then holds exactly this build's codes: it never grows beyond the site)."""
        if self._cache is not None and (self._cache_stale or not os.path.exists(self._cache)):
            self.save_as(self._cache)

    def save_as(self, path: str) -> None:
        save_cache(path, dict(zip(self.data, self.drawings(), strict=True)))
        self._cache_stale = False

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
