"""Build times at scale (not a test): our strict build against bare Pelican and Hugo, and the time
from saving a file to seeing its page updated.

    .venv/bin/python benchmarks/build.py [--sizes 100 1000] [--runs 5] [--check]

For each size N, a corpus (benchmarks/corpus.py): the tests' site plus N varied diagnostic
articles (5 findings each on average), one axis per 100 articles, one project per 2 articles.
Measures, interleaved round after round (bare, ours, first, Hugo, edit, then again), so that the
load of a shared machine falls on all of them alike:

- « Pelican nu »: Pelican alone on the same content and Markdown settings, PLUGINS = [], its
  default theme (notmyidea; each template our pages name is a stub extending its page.html);
- « notre build »: site_build.build(), as `manage.py build` runs it a second time: every plugin,
  strict checks, the search index (Pagefind, a second process), the staging folder swapped in,
  the QR codes read from the cache folder an untimed first build filled; the part of it the gate
  on personal data takes (plugins/privacy/gate.py) is reported below the table;
- « notre build sans index de recherche »: the same without Pagefind (SEARCH_INDEX_DEFERRED, as the
  preview builds): bare Pelican makes no search index, so this is the like-for-like comparison;
- « notre build, premier »: the same with an empty cache folder (every QR code drawn);
- « Hugo »: `hugo` on the same Markdown bodies (the header turned into front matter; a minimal
  theme: one page per article and a list per section), when `hugo` is installed (else a note);
- « modification → page à jour »: `invoke regenerate` (what `manage.py regenerate` runs) started
  in a subprocess on a copy of the corpus; once it watches, a paragraph is appended to an article,
  and the article's page in output/ is polled (every 10 ms) until it holds the new text: the time
  from the file saved to the page updated, as the communicator sees it (the watcher's delay
  included: it follows the system's file events).

Our builds and bare Pelican run each in a fresh process and are timed around the build call only
(Python's imports excluded). Wall time and CPU time, children included (Pagefind, the QR codes'
process: resource.getrusage(RUSAGE_SELF) + RUSAGE_CHILDREN around the build; Hugo: the rusage of
its process). Minimum and median of the runs. The heaviest page of our build, gzipped, is reported
too (budget: 512 KiB). --check exits with 1 if a budget is not met: our build ≤ 1.5 × bare Pelican
(wall, medians), modification → page ≤ 0.25 × our build and ≤ 2 × Hugo's build.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SOURCE_DATE_EPOCH", "1782864000")  # the tests' fixed day

from corpus import SETTINGS, SITE, edit_article, make_corpus  # noqa: E402 - beside this script

KINDS = ("bare", "ours", "noindex", "first", "hugo", "edit")
LABELS = {"bare": "Pelican nu", "ours": "notre build", "first": "notre build, premier (cache QR vide)",
          "noindex": "notre build sans index de recherche (comme Pelican nu)",
          "hugo": "Hugo", "edit": "modification → page à jour (`regenerate`)"}
BUDGETS = {"ours/bare": 1.5, "edit/ours": 0.25, "edit/hugo": 2.0, "page_gzip": 512 * 1024}
PAGE_TIMEOUT_S = 600


def _overrides(corpus: Path) -> dict:
    return {"PATH": str(corpus / "content"), "DATA_PATH": str(corpus / "data")}


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (Pagefind, the QR codes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timer:
    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), cpu_seconds()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, cpu_seconds() - self.cpu


def heaviest_page(output: Path) -> tuple[str, int]:
    """The HTML page of `output` with the most bytes once gzipped (level 9, as a server would)."""
    sizes = ((len(gzip.compress(path.read_bytes(), 9)), path) for path in output.rglob("*.html"))
    size, path = max(sizes)
    return path.relative_to(output).as_posix(), size


def time_bare(corpus: Path, output: Path) -> dict:
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
    with Timer() as timer:
        Pelican(settings).run()
    return {"wall": timer.wall, "cpu": timer.cpu, "pages": sum(1 for _ in output.rglob("*.html"))}


def time_ours(corpus: Path, output: Path, index: bool = True) -> dict:
    from site_build import build

    overrides = _overrides(corpus) if index else {**_overrides(corpus), "SEARCH_INDEX_DEFERRED": True}
    with Timer() as timer:
        result = build(str(SETTINGS), str(output), overrides)
    if not result.ok:
        raise SystemExit("\n".join(map(str, result.problems[:20])))
    from plugins.privacy import gate

    page, size = heaviest_page(output)
    return {"wall": timer.wall, "cpu": timer.cpu, "pages": result.pages, "heaviest": [page, size],
            "gate": gate.last_duration}


def worker(kind: str, corpus: Path) -> None:
    """One measure, in this process (its working folder holds the QR cache); prints JSON."""
    import logging

    logging.disable(logging.INFO)  # Pelican's progress lines, for bare Pelican
    with tempfile.TemporaryDirectory(prefix=f"lvas-{kind}-") as scratch:
        measure = {"bare": time_bare, "ours": time_ours,
                   "noindex": functools.partial(time_ours, index=False)}[kind](corpus, Path(scratch) / "output")
    print(json.dumps(measure))


def measure_in_process(kind: str, corpus: Path, cwd: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", "ours" if kind == "first" else kind, str(corpus)],
                          capture_output=True, encoding="utf-8", cwd=cwd,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    if done.returncode != 0:
        raise SystemExit(f"{kind} ({corpus.name}) a échoué :\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- Hugo -----------------------------------------------------------------------------------

HUGO_CONFIG = 'baseURL = "http://127.0.0.1/"\nlanguageCode = "fr"\ntitle = "Corpus de mesure"\n' \
              'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'
HUGO_LAYOUTS = {
    "_default/baseof.html": '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
                            "</head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
                          '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}\n',
}
_HEADER_LINE = re.compile(r"([A-Za-z_]+): *(.*)\Z")


def hugo_version() -> str | None:
    if shutil.which("hugo") is None:
        return None
    done = subprocess.run(["hugo", "version"], capture_output=True, encoding="utf-8")
    found = re.search(r"v([0-9][0-9.]*)", done.stdout)
    return found.group(1) if done.returncode == 0 and found else None


def hugo_site(corpus: Path, target: Path) -> Path:
    """The corpus's Markdown as a Hugo site: the same bodies, Pelican's header as front matter."""
    for source in (corpus / "content").rglob("*.md"):
        lines = source.read_text(encoding="utf-8").split("\n")
        front = {}
        while lines and _HEADER_LINE.match(lines[0]):
            key, value = _HEADER_LINE.match(lines.pop(0)).groups()
            front[key.lower()] = value
        matter = {"title": front.get("title", source.stem)}
        if "date" in front:
            matter["date"] = front["date"].replace(" ", "T") + (":00" if " " in front["date"] else "T00:00:00")
        if "summary" in front:
            matter["summary"] = front["summary"]
        page = target / "content" / source.relative_to(corpus / "content")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                                           for key, value in matter.items()) + "---\n" + "\n".join(lines),
                        encoding="utf-8")
    (target / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (target / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (target / "layouts" / name).write_text(text, encoding="utf-8")
    return target


def time_hugo(site: Path, output: Path) -> dict:
    shutil.rmtree(output, ignore_errors=True)
    started = time.perf_counter()
    process = subprocess.Popen(["hugo", "--quiet", "--source", str(site), "--destination", str(output)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    errors = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"hugo a échoué :\n{errors}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "pages": sum(1 for _ in output.rglob("*.html"))}


# --- From saving a file to the page updated, seen from outside ---------------------------------

def make_project(corpus: Path, target: Path) -> Path:
    """A project folder as an office has it: the corpus's content and data, the site's settings
    files, the repository's tasks.py (what `manage.py regenerate` runs)."""
    shutil.copytree(corpus / "content", target / "content")
    shutil.copytree(corpus / "data", target / "data")
    for settings in SITE.glob("*.py"):
        shutil.copy(settings, target / settings.name)
    shutil.copy(ROOT / "tasks.py", target / "tasks.py")
    return target


def _wait(predicate, what: str, timeout: float = PAGE_TIMEOUT_S, step: float = 0.01):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(step)
    raise SystemExit(f"délai dépassé : {what}")


def _page_of_first_article(output: Path) -> Path:
    for page in output.rglob("index.html"):
        if 'id="c0000-1"' in page.read_text(encoding="utf-8"):
            return page
    return None


def time_edit(project: Path, run: int) -> dict:
    """`invoke regenerate` started; once it watches, an article saved; the time until its page in
    output/ holds the new paragraph."""
    log = project / f"regenerate-{run}.log"
    with open(log, "w", encoding="utf-8") as handle:
        process = subprocess.Popen([sys.executable, "-m", "invoke", "regenerate"], cwd=project,
                                   stdout=handle, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    try:
        _wait(lambda: "Surveillance de " in log.read_text(encoding="utf-8") or process.poll() is not None,
              "premier build de regenerate", step=0.1)
        if process.poll() is not None:
            raise SystemExit(f"regenerate s'est arrêté :\n{log.read_text(encoding='utf-8')}")
        page = _wait(lambda: _page_of_first_article(project / "output"), "page du premier article")
        text = f"Paragraphe ajouté n° {run}."
        edit_article(project, run)
        started = time.perf_counter()
        _wait(lambda: text in _read(page), f"« {text} » dans {page}")
        return {"wall": time.perf_counter() - started, "cpu": None, "pages": None}
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # swapped in at this very moment
        return ""


# --- Report -------------------------------------------------------------------------------

def french(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def verdict(ratio: float, budget: float) -> str:
    return f"{french(ratio)} × ({'tenu' if ratio <= budget else 'dépassé'}, ≤ {french(budget)})"


def load() -> str:
    return french(os.getloadavg()[0]) if hasattr(os, "getloadavg") else "inconnue"


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
    return (f"{platform.machine()} {model}, {os.cpu_count()} cœurs{memory}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, charge moyenne {load()} au départ")


def row(label: str, values: list[dict]) -> str:
    walls = [value["wall"] for value in values]
    cpus = [value["cpu"] for value in values if value["cpu"] is not None]
    pages = values[-1]["pages"]
    return (f"| {label} | {pages if pages is not None else '–'} | {french(min(walls))} s | "
            f"{french(statistics.median(walls))} s | {french(statistics.median(cpus)) + ' s' if cpus else '–'} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="code de sortie 1 si un budget n'est pas tenu")
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return 0

    started = time.perf_counter()
    hugo = hugo_version()
    kinds = [kind for kind in KINDS if kind != "hugo" or hugo]
    print(f"Mesure du {datetime.date.today().isoformat()} ; machine : {machine()}")
    print(f"{args.runs} mesure{'s' if args.runs > 1 else ''} par cas, entrelacées (un tour : {', '.join(LABELS[kind] for kind in kinds)}) ; "
          "temps réel minimum et médian, CPU médian (processus enfants compris).")
    if hugo is None:
        print("Hugo n'est pas installé : pas de comparaison avec Hugo (sous Debian : apt-get install hugo).")
    base = Path(tempfile.mkdtemp(prefix="lvas-build-bench-"))
    met = True
    try:
        for size in args.sizes:
            corpus = make_corpus(base / f"corpus-{size}", size)
            warm, project = base / f"qr-{size}", make_project(corpus, base / f"projet-{size}")
            warm.mkdir()
            measure_in_process("ours", corpus, warm)  # untimed: fills the QR cache, as a first build does
            hugo_source = hugo_site(corpus, base / f"hugo-{size}") if hugo else None
            times: dict[str, list[dict]] = {kind: [] for kind in kinds}
            for run in range(args.runs):
                for kind in kinds:
                    if kind in ("bare", "ours", "noindex"):
                        times[kind].append(measure_in_process(kind, corpus, warm))
                    elif kind == "first":
                        with tempfile.TemporaryDirectory(prefix="lvas-qr-vide-") as empty:
                            times[kind].append(measure_in_process(kind, corpus, Path(empty)))
                    elif kind == "hugo":
                        times[kind].append(time_hugo(hugo_source, base / f"hugo-{size}-output"))
                    else:
                        times[kind].append(time_edit(project, run + 1))
            findings = sum(1 for path in (corpus / "content").rglob("*.md")
                           for line in path.read_text(encoding="utf-8").split("\n") if line.startswith("/// constat"))
            print(f"\n### {size} articles ({findings} constats), charge moyenne {load()} à la fin\n")
            print("| mesure | pages HTML | temps réel, min | temps réel, médiane | CPU, médiane |")
            print("|---|---:|---:|---:|---:|")
            for kind in kinds:
                label = f"Hugo {hugo}" if kind == "hugo" else LABELS[kind]
                print(row(label, times[kind]))
            median = {kind: statistics.median(value["wall"] for value in values) for kind, values in times.items()}
            cpu = {kind: statistics.median(value["cpu"] for value in values)
                   for kind, values in times.items() if kind != "edit"}
            print()
            ratio = median["ours"] / median["bare"]
            met &= ratio <= BUDGETS["ours/bare"]
            print(f"- notre build / Pelican nu : temps réel {verdict(ratio, BUDGETS['ours/bare'])}, "
                  f"CPU {french(cpu['ours'] / cpu['bare'])} × ; sans index de recherche : temps réel "
                  f"{french(median['noindex'] / median['bare'])} ×, CPU {french(cpu['noindex'] / cpu['bare'])} ×")
            ratio = median["edit"] / median["ours"]
            met &= ratio <= BUDGETS["edit/ours"]
            print(f"- modification → page à jour / notre build : {verdict(ratio, BUDGETS['edit/ours'])}")
            if hugo:
                ratio = median["edit"] / median["hugo"]
                met &= ratio <= BUDGETS["edit/hugo"]
                print(f"- modification → page à jour / Hugo : {verdict(ratio, BUDGETS['edit/hugo'])} ; "
                      f"notre build / Hugo : {french(median['ours'] / median['hugo'])} ×")
            gate = statistics.median(value["gate"] for value in times["ours"])
            print(f"- dont la barrière des données personnelles (plugins/privacy/gate.py, chaque fichier publié "
                  f"lu) : {french(gate)} s en médiane, {french(100 * gate / median['ours'], 0)} % de notre build")
            page, heaviest = max((value["heaviest"] for value in times["ours"]), key=lambda found: found[1])
            met &= heaviest <= BUDGETS["page_gzip"]
            print(f"- page la plus lourde de notre build : `{page}`, {french(heaviest / 1024, 1)} Kio compressée "
                  f"({'tenu' if heaviest <= BUDGETS['page_gzip'] else 'dépassé'}, ≤ 512 Kio)")
            shutil.rmtree(corpus)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"\nDurée totale de la mesure : {french(time.perf_counter() - started, 0)} s ; "
          f"charge moyenne {load()} à la fin")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
