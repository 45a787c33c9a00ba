"""How fast the preview (`invoke livereload`, `regenerate`) shows an edit, against a cold build (not a test).

    .venv/bin/python benchmarks/livereload.py [--articles 0 500 1000] [--runs 5]

For each size N: 0 is the tests' site (tests/sites/office) alone, N > 0 the corpus of
benchmarks/build.py (benchmarks/corpus.py: the tests' site plus N diagnostic articles of 5
findings each). The project is never touched. In one process, after a warm-up build (Python's
imports excluded from every measure), each run, interleaved:

- « paragraphe »: a paragraph appended to an article, outside its findings, then the preview's
  rebuild (publishing/devserver.py: Pelican's content cache, only the pages the edit touches
  rendered, the search index in the background); timed until the pages are swapped into the
  output; then, apart, until the search index is swapped in too;
- « titre »: the same article's title changed (its listings rendered again, the other articles kept);
- « constat »: a finding's text changed (every page rendered: the findings registry changed);
- « build à froid »: site_build.build() into another folder, as `invoke build` (no cache, the
  search index within the build).

Wall time and CPU time (this process and its finished children: Pagefind, the QR codes), min and
median. The ratio is the preview's time to the pages over the cold build's, median over median
and min over min. At the end, the preview's output is compared with a cold build of the same
sources, byte for byte (but the notice of its search page, tests/test_preview.py).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SOURCE_DATE_EPOCH", "1782864000")  # the tests' fixed day

from corpus import FINDINGS_SECTION, SETTINGS, make_corpus  # noqa: E402 - beside this script

from publishing.devserver import Rebuilder  # noqa: E402
from site_build import build  # noqa: E402

SEARCH_PAGE = "recherche/index.html"  # its preview notice is the one expected difference


def cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edits(base: Path, articles: int):
    """(name, function(run)) of the edits measured: one article (and, at N > 0, one of its findings)."""
    if articles:
        article = base / "content" / "articles" / FINDINGS_SECTION / "article-0000.md"
        finding_text = "Constat 1 de l’article 0"
    else:
        article = base / "content" / "articles" / "etat-des-lieux" / "un-seul-nom.md"
        finding_text = "Les offices de tourisme ont fusionné"

    def paragraph(run: int) -> None:
        article.write_text(article.read_text(encoding="utf-8") + f"\nParagraphe ajouté n° {run}.\n", encoding="utf-8")

    def title(run: int) -> None:
        lines = article.read_text(encoding="utf-8").split("\n")
        lines[0] = lines[0].split(" (version", 1)[0] + f" (version {run})"
        article.write_text("\n".join(lines), encoding="utf-8")

    def finding(run: int) -> None:
        text = article.read_text(encoding="utf-8")
        start = text.index(finding_text)
        end = text.index("\n", start)
        article.write_text(text[:start] + f"{finding_text} (version {run})" + text[end:], encoding="utf-8")

    return [("paragraphe", paragraph), ("titre", title), ("constat", finding)]


def seconds(value: float) -> str:
    return f"{value:.2f} s".replace(".", ",")


def ratio(value: float) -> str:
    return f"{value:.2f} ×".replace(".", ",")


def measure(articles: int, runs: int, scratch: Path) -> bool:
    base = scratch / f"site-{articles}"
    if articles:
        make_corpus(base, articles)
    else:
        shutil.copytree(SETTINGS.parent / "content", base / "content")
        shutil.copytree(SETTINGS.parent / "data", base / "data")
    overrides = {"PATH": str(base / "content"), "DATA_PATH": str(base / "data")}
    settings = str(SETTINGS)
    messages = io.StringIO()  # the preview's lines, kept out of the table
    warm = build(settings, str(scratch / "warm"), overrides)  # imports, first compilations
    if not warm.ok:
        print("\n".join(map(str, warm.problems[:20])), file=sys.stderr)
        return False
    rebuilder = Rebuilder(settings, base / "live", scratch / f"cache-{articles}", overrides,
                          watched=[base / "content", base / "data"], stream=messages)
    if not rebuilder.build().ok:
        return False
    rebuilder.index.wait()

    kinds = edits(base, articles)
    wall = {name: [] for name, _ in kinds} | {"build à froid": [], "index": []}
    cpus = {name: [] for name in wall}
    rendered = {}
    for run in range(runs):
        for name, edit in kinds:
            edit(run)
            cpu_started, started = cpu(), time.perf_counter()
            result = rebuilder()
            wall[name].append(time.perf_counter() - started)
            cpus[name].append(cpu() - cpu_started)
            if result is None or not result.ok:
                print(f"la reconstruction « {name} » a échoué", file=sys.stderr)
                return False
            rendered[name] = len(rebuilder.incremental.rendered)
            rebuilder.index.wait()
            if name == "paragraphe":  # pages on screen → index swapped in
                wall["index"].append(time.perf_counter() - started)
                cpus["index"].append(cpu() - cpu_started)
        cpu_started, started = cpu(), time.perf_counter()
        cold = build(settings, str(scratch / "cold"), overrides)
        wall["build à froid"].append(time.perf_counter() - started)
        cpus["build à froid"].append(cpu() - cpu_started)
        if not cold.ok:
            print("\n".join(map(str, cold.problems[:20])), file=sys.stderr)
            return False

    live, fresh = files_of(base / "live"), files_of(scratch / "cold")
    live.pop(SEARCH_PAGE, None)
    fresh.pop(SEARCH_PAGE, None)
    identical = live == fresh

    label = f"{articles} articles ajoutés au site de test" if articles else "site de test seul"
    print(f"\n### {label} : {cold.pages} pages HTML ; {runs} mesures entrelacées\n")
    print("| mesure | pages rendues | médiane | minimum | CPU (médiane) | rapport au build à froid (médianes / minimums) |")
    print("|---|---:|---:|---:|---:|---|")
    cold_median, cold_min = statistics.median(wall["build à froid"]), min(wall["build à froid"])
    rows = [("build à froid (`invoke build`)", "build à froid", str(cold.pages))]
    rows += [(f"aperçu, {name} : pages à l'écran", name, str(rendered[name])) for name, _ in kinds]
    rows += [("aperçu, paragraphe : index de recherche à jour", "index", "")]
    for label, key, pages in rows:
        median, minimum = statistics.median(wall[key]), min(wall[key])
        relation = "" if key == "build à froid" else f"{ratio(median / cold_median)} / {ratio(minimum / cold_min)}"
        print(f"| {label} | {pages} | {seconds(median)} | {seconds(minimum)} | {seconds(statistics.median(cpus[key]))} "
              f"| {relation} |")
    print(f"\nSortie de l'aperçu identique à celle d'un build à froid (hors avis de /recherche/) : "
          f"{'oui' if identical else 'NON'}")
    rebuilder.index.cancel()
    return identical


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[0, 500, 1000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    load = ", ".join(f"{value:.2f}".replace(".", ",") for value in os.getloadavg())
    print(f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()} ; charge moyenne au départ (1, 5, 15 min) : {load}")
    scratch = Path(tempfile.mkdtemp(prefix="lvas-preview-bench-"))
    started = time.perf_counter()
    try:
        results = [measure(articles, args.runs, scratch) for articles in args.articles]  # every size, even after a failure
        ok = all(results)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    load = ", ".join(f"{value:.2f}".replace(".", ",") for value in os.getloadavg())
    print(f"\nDurée totale : {time.perf_counter() - started:.0f} s ; charge moyenne à la fin : {load}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
