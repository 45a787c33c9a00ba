"""The docs are tested: their links resolve, and the communicators' examples do what they say.

(a) Links. Every relative link of README.md and docs/**/*.md leads to an existing file (or
folder), and its `#anchor`, if any, to a heading of the target Markdown file, slugged as GitHub
does (lower case, accents kept, punctuation dropped, each space a dash, `-1`, `-2`… for repeats).

(b) Examples. In docs/communicants/*.md, every ```markdown, ```yaml, ```python, ```csv, ```mbox and
```eml block is an example, and its info string says where it goes (docs/mainteneurs/tests.md, « Les exemples
de la documentation »):

    ```markdown fichier=content/articles/actualites/fete.md   the whole file (created or replaced)
    ```yaml ajout=data/projects.yml                           added at the end of the file
    ```python reglage=pelicanconf.py                          each setting assigned in the block
                                                              replaces its assignment in the file
    ```csv fichier=reactions.csv                              a CSV: `import-feedback` runs on it
    ```mbox fichier=Consultation.mbox                         a mailbox export (```eml: one message),
                                                              imported as a CSV is

Each example goes into a fresh copy of tests/sites/docs (whose sections and ids are the ones the
docs use), then the command a communicator runs: `python3 manage.py check` (strict build, then
links; with publishconf.py when the example edits it), or `python3 manage.py import-feedback
FILE` for a CSV, an mbox or an eml (the invoke task, in a project copy; the files of an example and
of its `suite` blocks, together in one command). A block marked `suite` (```markdown
suite fichier=…) belongs to the example before it: a change that takes two files is one example.
A ```text sortie block right after the example is what the command prints: all of it, or the
lines before its first blank line (the problems without the closing summary, whose counts would
follow every change of the theme). Without it, the command must succeed. After an import,
```yaml produit=PATH blocks show files it writes, exactly.

(c) Signals. The table « signal → récepteur → ce qu'il écrit » of docs/mainteneurs/architecture.md
lists the receivers the engine connects (plugins/ and core/), signal by signal, in calling order.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import unicodedata
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import FIXED_EPOCH, ROOT, SITES, SiteCopy, copy_project

DOCS_SITE = SITES / "docs"
DOC_FILES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
COMMUNICATOR_DOCS = sorted((ROOT / "docs" / "communicants").glob("*.md"))
IMPORT_LANGS = {"csv", "mbox", "eml"}  # exports of the reactions received: `import-feedback` reads them
EXAMPLE_LANGS = {"markdown", "yaml", "python"} | IMPORT_LANGS
ACTIONS = {"fichier", "ajout", "reglage"}
SETTINGS_FILES = {"pelicanconf.py", "publishconf.py"}

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\((?P<target><[^>]*>|[^()\s]+)(?:\s+\"[^\"]*\")?\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\((?P<target>[^()\s]+)\)")
_INLINE_CODE = re.compile(r"(`+).+?\1")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


# --- reading Markdown ----------------------------------------------------------------------------

@dataclass
class Block:
    path: Path
    line: int  # of the opening fence
    lang: str
    attrs: dict[str, str]
    text: str


def blocks_and_prose(path: Path) -> tuple[list[Block], list[tuple[int, str]]]:
    """The fenced blocks of a Markdown file, and its other lines (number, text)."""
    blocks, prose = [], []
    lines = path.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match:
            prose.append((index + 1, lines[index]))
            index += 1
            continue
        indent, fence = len(match["indent"]), match["fence"]
        words = match["info"].split()
        lang = words[0] if words else ""
        attrs = dict(word.partition("=")[::2] for word in words[1:])
        closing = re.compile(rf" *{re.escape(fence[0])}{{{len(fence)},}} *")
        fence_line, body = index + 1, []
        index += 1
        while index < len(lines) and not closing.fullmatch(lines[index]):
            line = lines[index]
            body.append(line[min(indent, len(line) - len(line.lstrip(" "))):])  # the fence's indent
            index += 1
        assert index < len(lines), f"{path.name}:{fence_line}: bloc de code jamais fermé"
        blocks.append(Block(path, fence_line, lang, attrs, "\n".join(body) + "\n"))
        index += 1
    return blocks, prose


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: the text as shown, lower case, letters (accents kept), digits,
    `-` and `_`; each space becomes `-`, everything else is dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link shows its text
    text = re.sub(r"<[^>]+>", "", text).lower()
    kept = (char for char in text
            if char in " -_" or unicodedata.category(char)[0] in "LNM")
    return "".join(kept).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: dict[str, int] = {}
    result = set()
    for _, line in blocks_and_prose(path)[1]:
        match = _HEADING.match(line)
        if match:
            base = slug(match[2])
            count = found.get(base, 0)
            found[base] = count + 1
            result.add(base if count == 0 else f"{base}-{count}")
    return result


def links(path: Path) -> list[tuple[int, str]]:
    """(line, target) of every link and image of the file's prose, outside code."""
    found = []
    for number, line in blocks_and_prose(path)[1]:
        text = _INLINE_CODE.sub("", line)
        for pattern in (_LINK, _IMAGE):
            found.extend((number, match["target"].strip("<>")) for match in pattern.finditer(text))
    return found


# --- (a) links -----------------------------------------------------------------------------------

def link_problems(path: Path) -> list[str]:
    problems = []
    for number, target in links(path):
        if _EXTERNAL.match(target):
            continue
        where = f"{path.relative_to(ROOT)}:{number}"
        file_part, _, anchor = (unquote(part) for part in target.partition("#"))
        destination = (path.parent / file_part).resolve() if file_part else path
        if not destination.exists():
            problems.append(f"{where}: « {target} » : le fichier {file_part} n'existe pas")
            continue
        if ROOT not in destination.parents and destination != ROOT:
            problems.append(f"{where}: « {target} » sort du dépôt")
            continue
        if anchor:
            if destination.suffix != ".md":
                problems.append(f"{where}: « {target} » : ancre vers un fichier qui n'est pas du Markdown")
            elif anchor not in anchors(destination):
                problems.append(f"{where}: « {target} » : aucun titre de {destination.relative_to(ROOT)} "
                                f"n'a l'ancre #{anchor}")
    return problems


@pytest.mark.parametrize("path", DOC_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_links_resolve(path):
    assert link_problems(path) == []


def test_the_docs_exist():
    names = {str(path.relative_to(ROOT)) for path in DOC_FILES}
    assert {"README.md", "docs/communicants/guide.md", "docs/communicants/reference.md",
            "docs/partenaires.md", "docs/mainteneurs/architecture.md"} <= names
    assert "docs/guide.md" not in names


def test_readme_is_a_front_door():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    assert "python3 manage.py build" in readme and "python3 manage.py test" in readme


@pytest.mark.parametrize("heading, expected", [
    ("Publier une actualité en 5 minutes", "publier-une-actualité-en-5-minutes"),
    ("Le bloc `/// constat`", "le-bloc--constat"),
    ("« Vous avez dit, nous avons fait »", "-vous-avez-dit-nous-avons-fait-"),
    ("Que faire si la publication échoue ?", "que-faire-si-la-publication-échoue-"),
    ("L'import : `data/feedback/`", "limport--datafeedback"),
    ("Voir [la référence](reference.md)", "voir-la-référence"),
])
def test_slugs_are_githubs(heading, expected):
    assert slug(heading) == expected


def test_the_link_check_sees_broken_links(tmp_path, monkeypatch):
    (tmp_path / "cible.md").write_text("# Un titre\n\n## Écrire un constat\n\n## Écrire un constat\n",
                                       encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("[ok](cible.md#écrire-un-constat-1) [a](absent.md) [b](cible.md#ecrire-un-constat)\n"
                    "`[code](absent.md)` [web](https://example.org/x.md) [ici](#rien)\n\n# Ici\n",
                    encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    problems = link_problems(page)
    assert [problem.split(": ", 1)[1] for problem in problems] == [
        "« absent.md » : le fichier absent.md n'existe pas",
        "« cible.md#ecrire-un-constat » : aucun titre de cible.md n'a l'ancre #ecrire-un-constat",
        "« #rien » : aucun titre de page.md n'a l'ancre #rien",
    ]


# --- (b) examples --------------------------------------------------------------------------------

@dataclass
class Part:
    """One block of an example: its text goes to `target` (`action`: fichier, ajout or reglage)."""

    block: Block
    action: str
    target: str


@dataclass
class Example:
    parts: list[Part]
    expected: str | None = None  # the ```text sortie block, if any
    products: dict[str, str] = field(default_factory=dict)  # ```yaml produit=PATH blocks

    @property
    def id(self) -> str:
        return f"{self.parts[0].block.path.name}:{self.parts[0].block.line}"

    @property
    def csv(self) -> Part | None:
        """The first export of the reactions (CSV, mbox, eml) of the example: it is an import."""
        return next((part for part in self.parts if part.block.lang in IMPORT_LANGS), None)

    @property
    def imports(self) -> list[str]:
        return [part.target for part in self.parts if part.block.lang in IMPORT_LANGS]

    @property
    def settings_file(self) -> str:
        """The settings file `check` builds with: publishconf.py when the example edits it."""
        return "publishconf.py" if any(part.target == "publishconf.py" for part in self.parts) else "pelicanconf.py"


def part_problem(block: Block) -> str | Part:
    """The block as a part of an example, or why it cannot be one."""
    actions = ACTIONS & block.attrs.keys()
    if len(actions) != 1 or not block.attrs[next(iter(actions))]:
        return f"exemple ```{block.lang} sans destination (fichier=CHEMIN, ajout=CHEMIN ou reglage=CHEMIN)"
    action = next(iter(actions))
    target = block.attrs[action]
    if target.startswith("/") or ".." in target.split("/"):
        return f"destination « {target} » hors du site"
    if action == "reglage" and target not in SETTINGS_FILES:
        return f"reglage= ne vaut que pour {', '.join(sorted(SETTINGS_FILES))}"
    if block.lang == "csv" and action != "fichier":
        return "un CSV s'écrit avec fichier="
    if block.lang in IMPORT_LANGS and action != "fichier":
        return f"un export {block.lang} s'écrit avec fichier="
    return Part(block, action, target)


def examples_of(path: Path) -> tuple[list[Example], list[str]]:
    """The examples of a doc, and what breaks the convention (file:line: reason).

    A block marked `suite` belongs to the example just before it (same site copy, one command):
    for a change that takes two files, e.g. a new section in pelicanconf.py and its first article."""
    examples, problems = [], []
    last: Example | None = None
    for block in blocks_and_prose(path)[0]:
        where = f"{path.relative_to(ROOT)}:{block.line}"
        if block.lang == "text" and "sortie" in block.attrs:
            if last is None or last.expected is not None or last.products:
                problems.append(f"{where}: bloc « sortie » qui ne suit pas un exemple")
            else:
                last.expected = block.text
            continue
        if "produit" in block.attrs:
            if last is None or last.csv is None:
                problems.append(f"{where}: bloc « produit » qui ne suit pas un import (```csv)")
            else:
                last.products[block.attrs["produit"]] = block.text
            continue
        follows = last
        last = None
        if block.lang not in EXAMPLE_LANGS:
            continue
        part = part_problem(block)
        if isinstance(part, str):
            problems.append(f"{where}: {part}")
        elif "suite" not in block.attrs:
            last = Example([part])
            examples.append(last)
        elif follows is None or follows.expected is not None or follows.products:
            problems.append(f"{where}: bloc « suite » qui ne suit pas un exemple")
        else:
            follows.parts.append(part)
            last = follows
    return examples, problems


def all_examples() -> list[Example]:
    return [example for path in COMMUNICATOR_DOCS for example in examples_of(path)[0]]


def test_every_example_of_the_communicators_docs_follows_the_convention():
    assert COMMUNICATOR_DOCS, "docs/communicants/ est vide"
    assert [problem for path in COMMUNICATOR_DOCS for problem in examples_of(path)[1]] == []
    assert len(all_examples()) >= 10


def assigned_names(statement: ast.stmt) -> list[str]:
    """The names a top-level statement assigns (`A = …`, `A: int = …`), or []."""
    targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
    return [target.id for target in targets if isinstance(target, ast.Name)]


def replace_settings(source: str, example: str) -> str:
    """`source` (a settings file) where each top-level assignment of the example replaces the last
    assignment of the same name, at its place; a setting the file does not assign is added at the end."""
    lines = source.split("\n")
    example_lines = example.rstrip("\n").split("\n")
    added = []
    for statement in ast.parse(example).body:
        names = assigned_names(statement)
        assert names, f"l'exemple de réglage ne fait pas que des affectations : {ast.unparse(statement)}"
        text = example_lines[statement.lineno - 1:statement.end_lineno]
        found = [node for node in ast.parse("\n".join(lines)).body if names[0] in assigned_names(node)]
        if found:
            lines[found[-1].lineno - 1:found[-1].end_lineno] = text
        else:
            added.extend(text)
    return "\n".join(lines + added) + ("\n" if added else "")


def place(part: Part, base: Path) -> None:
    path = base / part.target
    path.parent.mkdir(parents=True, exist_ok=True)
    text = part.block.text
    if part.action == "ajout":
        before = path.read_text(encoding="utf-8") if path.exists() else ""
        text = before + ("" if before.endswith("\n") or not before else "\n") + ("\n" if before else "") + text
    elif part.action == "reglage":
        text = replace_settings(path.read_text(encoding="utf-8"), text)
    path.write_text(text, encoding="utf-8")


def check_output(base: Path, settings: str) -> tuple[str, bool]:
    """What `python3 manage.py check` prints for the site in `base` (the working directory)."""
    from publishing.check import check_site, format_report

    return format_report(check_site(str(base / settings)))


def import_output(base: Path, names: list[str]) -> tuple[str, bool]:
    """What `python3 manage.py import-feedback FILE…` prints, run as the task in the project `base`
    (manage.py passes the files after the first with --et, as here)."""
    args = [names[0], *(word for name in names[1:] for word in ("--et", name))]
    done = subprocess.run([sys.executable, "-m", "invoke", "import-feedback", *args], cwd=base,
                          capture_output=True, encoding="utf-8", timeout=300,
                          env=dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH))
    return (done.stderr + done.stdout).rstrip("\n"), done.returncode == 0


def shown_output(printed: str, shown: str) -> str:
    """The printed output as the doc may show it: all of it, or the part before its first blank line."""
    shown = shown.rstrip("\n")
    head = printed.split("\n\n", 1)[0]
    return head if shown == head else printed


def run_example(example: Example, base: Path) -> tuple[str, bool]:
    """Place the example into a fresh copy of the docs' site in `base` (the working directory), run
    its command; what it prints, and whether it succeeded."""
    if example.csv:
        copy_project(base, DOCS_SITE)
    else:
        SiteCopy(base, source=DOCS_SITE)
    for part in example.parts:
        place(part, base)
    if example.csv:
        return import_output(base, example.imports)
    return check_output(base, example.settings_file)


@pytest.mark.parametrize("example", all_examples(), ids=lambda example: example.id)
def test_example(example, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    base = tmp_path / "site"
    base.mkdir()
    monkeypatch.chdir(base)  # problems are reported relative to the site, as for the office
    printed, ok = run_example(example, base)
    if example.expected is None:
        assert ok, f"l'exemple {example.id} devait passer :\n{printed}"
    else:
        assert not ok or example.csv, f"l'exemple {example.id} devait échouer"
        assert shown_output(printed, example.expected) == example.expected.rstrip("\n")
    for relative, text in example.products.items():
        assert (base / relative).read_text(encoding="utf-8") == text, relative


def test_the_examples_convention_is_enforced(tmp_path, monkeypatch):
    doc = tmp_path / "guide.md"
    doc.write_text("\n".join([
        "```yaml", "- id: x", "```",
        "```text sortie", "rien", "```",
        "```markdown fichier=../hors.md", "Title: x", "```",
        "````markdown fichier=content/pages/a.md", "Title: A", "```", "code", "```", "````",
        "```text sortie", "content/pages/a.md: …", "```",
        "```yaml produit=data/feedback/x.yml", "finding: x", "```",
        "```python suite reglage=pelicanconf.py", "A = 1", "```",
        "```python reglage=pelicanconf.py", "A = 1", "```",
        "```markdown suite ajout=content/pages/a.md", "Texte.", "```",
    ]) + "\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    examples, problems = examples_of(doc)
    assert problems == [
        "guide.md:1: exemple ```yaml sans destination (fichier=CHEMIN, ajout=CHEMIN ou reglage=CHEMIN)",
        "guide.md:4: bloc « sortie » qui ne suit pas un exemple",
        "guide.md:7: destination « ../hors.md » hors du site",
        "guide.md:19: bloc « produit » qui ne suit pas un import (```csv)",
        "guide.md:22: bloc « suite » qui ne suit pas un exemple",
    ]
    assert [[(part.action, part.target, part.block.text) for part in example.parts] for example in examples] == [
        [("fichier", "content/pages/a.md", "Title: A\n```\ncode\n```\n")],
        [("reglage", "pelicanconf.py", "A = 1\n"), ("ajout", "content/pages/a.md", "Texte.\n")],
    ]
    assert examples[0].expected == "content/pages/a.md: …\n"


def test_settings_replace_their_assignment_in_place():
    source = 'A = 1\nB = {\n    "x": 1,\n}\nC = 3\n'
    assert (replace_settings(source, 'B = {"x": 2}  # changé\nD = 4\n')
            == 'A = 1\nB = {"x": 2}  # changé\nC = 3\n\nD = 4\n')


def test_shown_output_may_stop_before_the_summary():
    printed = "a.md:1: problème\n\nÉchec : 1 problème."
    assert shown_output(printed, "a.md:1: problème\n") == "a.md:1: problème"
    assert shown_output(printed, printed) == printed
    assert shown_output(printed, "autre\n") == printed


# --- (c) the table of signals --------------------------------------------------------------------

ARCHITECTURE = ROOT / "docs" / "mainteneurs" / "architecture.md"
_SIGNAL_ROW = re.compile(r"\| `(?P<signal>[^`]+)`[^|]*\| `(?P<receiver>[^`]+)`")


def documented_receivers() -> dict[str, list[str]]:
    """Signal → receivers, in the order of the table of architecture.md."""
    section = ARCHITECTURE.read_text(encoding="utf-8").split("\n## Signaux : qui écrit quoi", 1)[1]
    table: dict[str, list[str]] = {}
    for line in section.split("\n## ", 1)[0].splitlines():
        match = _SIGNAL_ROW.match(line)
        if match:
            table.setdefault(match["signal"], []).append(match["receiver"])
    return table


def connected_receivers() -> dict[str, list[str]]:
    """Signal → the engine's receivers (plugins/, core/), in calling order, named as the table names
    them: their module under plugins/ (or core/) and their name."""
    import blinker
    from pelican.plugins import signals as pelican_signals

    import core.signals
    from plugins.findings import hooks

    found = {}
    for module in (pelican_signals, core.signals, hooks):
        for name, signal in vars(module).items():
            if not isinstance(signal, blinker.Signal):
                continue
            receivers = []
            for reference in signal.receivers.values():
                receiver = reference() if isinstance(reference, weakref.ref) else reference
                where = getattr(receiver, "__module__", "") or ""
                if where.startswith(("plugins.", "core.")):
                    receivers.append(f"{where.removeprefix('plugins.')}.{receiver.__qualname__}")
            if receivers:
                found[name] = receivers
    return found


def test_the_table_of_signals_is_the_code(tmp_path):
    """In a fresh process: a receiver keeps the place of its first connection, so the order is set
    by the first build of a process (a test may build with another PLUGINS)."""
    script = "\n".join([
        "import json, sys",
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})",
        "from site_build import build",
        "import test_docs",
        f"assert build({str(DOCS_SITE / 'pelicanconf.py')!r}, {str(tmp_path / 'output')!r}).ok",
        "print(json.dumps(test_docs.connected_receivers()))",
    ])
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, encoding="utf-8", timeout=300,
                          env=dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH))
    assert done.returncode == 0, done.stderr
    assert documented_receivers() == json.loads(done.stdout.strip().splitlines()[-1])
