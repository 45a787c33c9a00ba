"""How fast `invoke livereload` rebuilds, compared with a full build (not a test).

    .venv/bin/python benchmarks/livereload.py [--runs 5]

On a copy of the tests' site, tests/sites/office (the project is not touched), in one process:
- a full build as `invoke build` does it (no cache), after one warm-up build so that both
  measures exclude Python's imports;
- a rebuild as `invoke livereload` does it (publishing/devserver.py: Pelican's content cache and
  the Jinja bytecode cache) after editing one article.
Prints the medians (and minimums) and their ratio, and checks that both outputs are identical.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "sites" / "office"  # the tests' site: measures do not move with the office's content
os.environ.setdefault("SOURCE_DATE_EPOCH", "1782864000")  # the tests' fixed day

from publishing.devserver import Rebuilder  # noqa: E402
from site_build import build  # noqa: E402

ARTICLE = "content/articles/nouvelles/ouverture.md"


def same_tree(left: Path, right: Path) -> bool:
    comparison = filecmp.dircmp(left, right)
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(left / d, right / d) for d in comparison.common_dirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    base = Path(tempfile.mkdtemp(prefix="lvas-bench-"))
    try:
        shutil.copytree(SITE / "content", base / "content")
        shutil.copytree(SITE / "data", base / "data")
        overrides = {"PATH": str(base / "content"), "DATA_PATH": str(base / "data")}
        settings = str(SITE / "pelicanconf.py")
        article = base / ARTICLE

        started = time.perf_counter()
        first = build(settings, str(base / "full"), overrides)
        first_time = time.perf_counter() - started
        if not first.ok:
            print("\n".join(map(str, first.problems)), file=sys.stderr)
            return 1

        rebuilder = Rebuilder(settings, base / "live", base / "cache", overrides,
                              watched=[base / "content", base / "data"], stream=open(os.devnull, "w", encoding="utf-8"))
        rebuilder.build()  # fills the caches, as livereload's first build does

        full, cached = [], []
        for run in range(runs):
            article.write_text(article.read_text(encoding="utf-8") + f"\nParagraphe ajouté n° {run}.\n",
                               encoding="utf-8")
            started = time.perf_counter()
            result = rebuilder()
            cached.append(time.perf_counter() - started)
            started = time.perf_counter()
            result_full = build(settings, str(base / "full"), overrides)
            full.append(time.perf_counter() - started)
            for built in (result, result_full):
                if not built.ok:
                    print("\n".join(map(str, built.problems)), file=sys.stderr)
                    return 1
        identical = same_tree(base / "full", base / "live")

        def seconds(value: float) -> str:
            return f"{value:.3f} s".replace(".", ",")

        rows = [
            ("premier build du processus (imports compris)", seconds(first_time), ""),
            ("build complet sans cache (invoke build)", seconds(statistics.median(full)), seconds(min(full))),
            ("rebuild livereload après modification d'un article", seconds(statistics.median(cached)),
             seconds(min(cached))),
        ]
        ratio = statistics.median(full) / statistics.median(cached)
        print(f"Site de démonstration : {first.pages} pages HTML ; {runs} mesures, dans un même processus.")
        print(f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}, "
              f"{platform.system()} {platform.release()}")
        print()
        print(f"| {'mesure':<52} | {'médiane':>9} | {'minimum':>9} |")
        print(f"|{'-' * 54}|{'-' * 11}|{'-' * 11}|")
        for name, median, minimum in rows:
            print(f"| {name:<52} | {median:>9} | {minimum:>9} |")
        print(f"| {'rapport build complet / rebuild livereload':<52} | {f'{ratio:.1f} ×'.replace('.', ','):>9} |"
              f" {'':>9} |")
        print()
        print("Sorties identiques octet pour octet : " + ("oui" if identical else "NON"))
        return 0 if identical else 1
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
