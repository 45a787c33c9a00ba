"""Build times at scale (not a test): our strict build against bare Pelican, and the cached rebuild.

    .venv/bin/python benchmarks/build.py [--sizes 100 500 2000] [--runs 3] [--check]

For each size N, a corpus (benchmarks/corpus.py): the tests' site plus N diagnostic articles of 5
findings each, one axis per 100 articles, one project per 2 articles. Three measures, each in a
fresh process (no build warms another's caches, and our plugins' signal receivers cannot leak
into bare Pelican), timed around the build call only (Python's imports excluded for all three):

- « Pelican nu »: Pelican alone on the same content and Markdown settings, PLUGINS = [], its
  default theme (notmyidea; each template our pages name is a stub extending its page.html);
- « notre build »: site_build.build(), as `invoke build` runs it: every plugin, strict checks,
  the search index, the staging folder swapped in;
- « rebuild en cache »: publishing.devserver.Rebuilder, as `invoke livereload` runs it: a first
  build fills the caches, one article gets a new paragraph, the rebuild is timed.

The runs are interleaved (bare, ours, cached, bare…) and medians are reported, with the budgets
of issue 7: our build ≤ 1.3 × bare Pelican; cached rebuild ≤ 0.35 × our build; 2,000 articles
≤ 4.4 × the time of 500. --check exits with 1 if one is not met.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SOURCE_DATE_EPOCH", "1782864000")  # the tests' fixed day

from corpus import SETTINGS, edit_article, make_corpus  # noqa: E402 - beside this script

KINDS = ("bare", "ours", "cached")
BUDGETS = {"ours/bare": 1.3, "cached/ours": 0.35, "2000/500": 4.4}


def _overrides(corpus: Path) -> dict:
    return {"PATH": str(corpus / "content"), "DATA_PATH": str(corpus / "data")}


def time_bare(corpus: Path, output: Path) -> tuple[float, int]:
    import re

    from pelican import Pelican
    from pelican.settings import DEFAULT_THEME

    from core.plugin_settings import read_site_settings

    stubs = output.parent / "gabarits-nus"
    stubs.mkdir(exist_ok=True)
    named = set()
    for path in (corpus / "content").rglob("*.md"):
        found = re.search(r"^Template: *(\S+)", path.read_text(encoding="utf-8"), re.M)
        named.update([found.group(1)] if found else [])
    for name in named:
        (stubs / f"{name}.html").write_text('{% extends "page.html" %}\n', encoding="utf-8")
    settings = read_site_settings(str(SETTINGS), override={
        **_overrides(corpus), "PLUGINS": [], "THEME": DEFAULT_THEME, "THEME_TEMPLATES_OVERRIDES": [str(stubs)],
        "OUTPUT_PATH": str(output)})
    started = time.perf_counter()
    Pelican(settings).run()
    elapsed = time.perf_counter() - started
    return elapsed, sum(1 for _ in output.rglob("*.html"))


def time_ours(corpus: Path, output: Path) -> tuple[float, int]:
    from site_build import build

    started = time.perf_counter()
    result = build(str(SETTINGS), str(output), _overrides(corpus))
    elapsed = time.perf_counter() - started
    if not result.ok:
        raise SystemExit("\n".join(map(str, result.problems[:20])))
    return elapsed, result.pages


def time_cached(corpus: Path, output: Path) -> tuple[float, int]:
    from publishing.devserver import Rebuilder

    copy = output.parent / "corpus-livereload"  # the edit must not reach the other measures
    shutil.copytree(corpus, copy)
    rebuilder = Rebuilder(str(SETTINGS), output, copy / "cache", _overrides(copy),
                          watched=[copy / "content", copy / "data"], stream=open(os.devnull, "w", encoding="utf-8"))
    if not rebuilder.build().ok:  # fills the caches, as livereload's first build does
        raise SystemExit("le premier build de livereload a échoué")
    edit_article(copy, 1)
    started = time.perf_counter()
    result = rebuilder()
    elapsed = time.perf_counter() - started
    if result is None or not result.ok:
        raise SystemExit("le rebuild de livereload a échoué")
    return elapsed, result.pages


def worker(kind: str, corpus: Path) -> None:
    """One measure, in this process; prints {"seconds", "pages"} as JSON."""
    import logging

    logging.disable(logging.INFO)  # Pelican's progress lines, for bare Pelican
    with tempfile.TemporaryDirectory(prefix=f"lvas-{kind}-") as scratch:
        seconds, pages = {"bare": time_bare, "ours": time_ours, "cached": time_cached}[kind](
            corpus, Path(scratch) / "output")
    print(json.dumps({"seconds": seconds, "pages": pages}))


def measure(kind: str, corpus: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", kind, str(corpus)], capture_output=True,
                          encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    if done.returncode != 0:
        raise SystemExit(f"{kind} ({corpus.name}) a échoué :\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def french(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def verdict(ratio: float, budget: float) -> str:
    return f"{french(ratio)} × ({'tenu' if ratio <= budget else 'dépassé'}, ≤ {french(budget)})"


def machine() -> str:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kib = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
        memory = f", {round(kib / 1024 ** 2)} Gio"
    except (OSError, StopIteration, ValueError):
        pass
    load = ", charge moyenne %s" % french(os.getloadavg()[0]) if hasattr(os, "getloadavg") else ""
    return (f"{platform.machine()} {model}, {os.cpu_count()} cœurs{memory}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}{load}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="code de sortie 1 si un budget n'est pas tenu")
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return 0

    started = time.perf_counter()
    print(f"Mesure du {datetime.date.today().isoformat()} ; machine : {machine()}")
    print(f"{args.runs} mesures par cas (médianes), chacune dans un processus neuf.\n")
    base = Path(tempfile.mkdtemp(prefix="lvas-build-bench-"))
    medians: dict[int, dict[str, float]] = {}
    pages: dict[int, dict[str, int]] = {}
    try:
        for size in args.sizes:
            corpus = make_corpus(base / f"corpus-{size}", size)
            times = {kind: [] for kind in KINDS}
            for _ in range(args.runs):
                for kind in KINDS:
                    result = measure(kind, corpus)
                    times[kind].append(result["seconds"])
                    pages.setdefault(size, {})[kind] = result["pages"]
            medians[size] = {kind: statistics.median(values) for kind, values in times.items()}
            shutil.rmtree(corpus)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    met = True
    print("| articles (constats) | pages HTML (nu / nous) | Pelican nu | notre build | rapport (≤ 1,3) "
          "| rebuild en cache | rapport au build (≤ 0,35) |")
    print("|---:|---:|---:|---:|---|---:|---|")
    for size, values in medians.items():
        ours_ratio = values["ours"] / values["bare"]
        cached_ratio = values["cached"] / values["ours"]
        met &= ours_ratio <= BUDGETS["ours/bare"] and cached_ratio <= BUDGETS["cached/ours"]
        print(f"| {size} ({size * 5}) | {pages[size]['bare']} / {pages[size]['ours']} | {french(values['bare'])} s "
              f"| {french(values['ours'])} s | {verdict(ours_ratio, BUDGETS['ours/bare'])} "
              f"| {french(values['cached'])} s | {verdict(cached_ratio, BUDGETS['cached/ours'])} |")
    if 500 in medians and 2000 in medians:
        print()
        for kind, label in (("ours", "notre build"), ("bare", "Pelican nu"), ("cached", "rebuild en cache")):
            ratio = medians[2000][kind] / medians[500][kind]
            budget = f" : {verdict(ratio, BUDGETS['2000/500'])}" if kind == "ours" else f" : {french(ratio)} ×"
            met &= kind != "ours" or ratio <= BUDGETS["2000/500"]
            print(f"- 2 000 articles / 500, {label}{budget}")
    print(f"\nDurée totale de la mesure : {french(time.perf_counter() - started, 0)} s")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
