"""One address per output file: two writers of one path stop the build, naming both.

Pelican lets a page with `Save_as` or `Slug` replace another file silently (a content's own
address is an « override »), and the plugins' generators, the open-data files and the static
files are written by other means. Every path of the output folder is claimed here by what
writes it; a second writer of the same path is a French problem naming both:
- before anything is written (`all_generators_finalized`): every content (articles, pages,
  drafts, translations), every static file of content/ and of the theme, the open data published;
- as they are written: the pages written by Pelican's Writer (`content_written`: generated pages
  such as /feuille-de-route/), the feeds (`feed_written`), the open-data files (`write_files`).
Every claimed path must also lie inside the output folder (`inside`, used as well for the
`…_SAVE_AS` settings at start by strict_content): nothing is ever written outside it.
Connected by the strict build (site_build.start_build), for every site.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass

from pelican import signals

from .build_state import per_build
from .markdown_header import metadata_line
from .problems import Problem, ProblemError, display_path


@dataclass(frozen=True)
class Writer:
    label: str  # in French: « content/pages/x.md », « la page générée par le gabarit « constats » »
    source: str | None = None  # the file to locate a problem at (a content, a photo), if any
    line: int | None = None
    fix: str = "changez Slug, Save_as ou URL dans ses métadonnées"  # what to do, when located at `source`
    # Header keys of `source` whose line locates a problem: read only when a problem is reported
    # (a thousand articles are claimed, their files would be read again for nothing).
    line_keys: tuple[str, ...] = ()

    def located_line(self) -> int | None:
        if self.line is None and self.source and self.line_keys:
            return metadata_line(self.source, self.line_keys)
        return self.line


_CLAIMS: dict = per_build({})
_OUTPUT: dict = per_build({})
_ADDRESS_KEYS = ("save_as", "slug", "url")


def _key(path: str) -> str:
    return os.path.normcase(os.path.normpath(os.path.abspath(path)))


def _relative(path: str) -> str:
    root = _OUTPUT.get("root")
    relative = os.path.relpath(path, root) if root else path
    return relative.replace(os.sep, "/")


def inside(root: str, path: str) -> bool:
    """`path` (relative to `root`, or absolute) lies strictly inside the folder `root`, links resolved."""
    output = _real_root(root)
    target = os.path.realpath(os.path.join(output, path))
    return target != output and os.path.commonpath([output, target]) == output


def _real_root(root: str) -> str:
    """The output folder with its links resolved, once per build (every claim asks)."""
    known = _OUTPUT.get("real")
    if known is None or known[0] != root:
        known = _OUTPUT["real"] = (root, os.path.realpath(root))
    return known[1]


def _outside_problem(path: str, writer: Writer) -> Problem:
    if writer.source:
        line = writer.located_line()
        return Problem(writer.source, line, 1 if line else None, (
            f"la page serait écrite hors du dossier du site ({path}) : corrigez Slug, Save_as ou URL"))
    return Problem("pelicanconf.py", None, None, (
        f"adresse « {path} » hors du dossier du site, demandée par {writer.label} : corrigez le réglage "
        "d'adresse (…_SAVE_AS)"))


def content_writer(content) -> Writer:
    source = getattr(content, "source_path", None)
    if not source:
        return Writer(f"la page « {getattr(content, 'title', '?')} »")
    return Writer(display_path(source), source, line_keys=_ADDRESS_KEYS)


def _problem(path: str, first: Writer, second: Writer) -> Problem:
    address = _relative(path)
    # Locate at a content when there is one (the second writer first: it is the newcomer).
    located, other = (second, first) if second.source or not first.source else (first, second)
    if located.source:
        line = located.located_line()
        return Problem(located.source, line, 1 if line else None, (
            f"adresse « {address} » déjà prise par {other.label} : deux fichiers du site ne peuvent "
            f"pas avoir la même adresse ; {located.fix}"))
    return Problem(address, None, None, (
        f"adresse « {address} » écrite deux fois, par {first.label} et par {second.label} : "
        "changez l'un des deux réglages d'adresse (…_SAVE_AS)"))


def claim(path: str, writer: Writer) -> None:
    """`path` (absolute, in the output folder) is written by `writer`; a second writer is refused,
    and so is a path outside the output folder."""
    root = _OUTPUT.get("root")
    if root and not inside(root, path):
        raise ProblemError(_outside_problem(_relative(path), writer))
    key = _key(path)
    known = _CLAIMS.get(key)
    if known is None:
        _CLAIMS[key] = writer
        return
    if known == writer:
        return
    raise ProblemError(_problem(path, known, writer))


def _content_lists(generator) -> list:
    lists = []
    for name in ("articles", "translations", "drafts", "drafts_translations", "pages", "hidden_pages",
                 "draft_pages", "hidden_translations", "draft_translations"):
        value = getattr(generator, name, None)
        if isinstance(value, list):
            lists.append(value)
    return lists


def _templates(generator) -> set[str] | None:
    env = getattr(generator, "env", None)
    try:
        return {os.path.splitext(name)[0] for name in env.list_templates()} if env is not None else None
    except (TypeError, AttributeError):
        return None


def metadata_problems(content, settings: dict, templates: set[str] | None) -> list[Problem]:
    """What a content's metadata asks of its output: a page (.html), a relative URL matching it,
    a template of the theme, the site's language."""
    source = getattr(content, "source_path", None)
    if not source:
        return []
    metadata = getattr(content, "metadata", {}) or {}
    problems = []

    def add(key: str, message: str) -> None:
        line = metadata_line(source, (key,))
        problems.append(Problem(source, line, 1 if line else None, message))

    save_as = metadata.get("save_as")
    if isinstance(save_as, str) and save_as and not save_as.endswith(".html"):
        add("save_as", f"« Save_as: {save_as} » : une page s'écrit dans un fichier .html "
                       "(par exemple ma-page/index.html) ; retirez Save_as ou corrigez-le")
    url = metadata.get("url")
    if isinstance(url, str) and url:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", url):
            add("url", f"« URL: {url} » : adresse relative au site attendue (par exemple ma-page/), "
                       "pas une adresse d'un autre site")
        elif getattr(content, "save_as", "") and url not in (
                content.save_as, content.save_as[:-len("index.html")] if content.save_as.endswith("index.html")
                else None):
            add("url", f"« URL: {url} » ne correspond pas au fichier écrit ({content.save_as}) : les liens "
                       "vers la page seraient cassés ; retirez URL, ou donnez Save_as et URL ensemble "
                       f"(URL: ma-page/ avec Save_as: ma-page/index.html)")
    template = metadata.get("template")
    if isinstance(template, str) and templates is not None and template not in templates:
        add("template", f"gabarit inconnu « {template} » : vérifiez son nom (un fichier de theme/templates/, "
                        "sans .html), ou retirez la ligne Template")
    lang = metadata.get("lang")
    default = settings.get("DEFAULT_LANG")
    if isinstance(lang, str) and default and lang != default:
        add("lang", f"« Lang: {lang} » refusé : le site est publié en une seule langue ({default}) ; "
                    "retirez la ligne Lang")
    return problems


def on_initialized(pelican_obj) -> None:
    _OUTPUT["root"] = pelican_obj.settings["OUTPUT_PATH"]


def check_planned(generators) -> None:
    """Before writing: contents, static files and published open data, each path claimed once."""
    problems: list[Problem] = []
    root = _OUTPUT.get("root") or (generators[0].output_path if generators else "")
    seen: set[int] = set()

    def take(relative: str, writer: Writer) -> None:
        try:
            claim(os.path.join(root, relative), writer)
        except ProblemError as exc:
            problems.extend(p for p in exc.problems if p not in problems)

    for generator in generators:
        templates = _templates(generator)
        for contents in _content_lists(generator):
            for content in contents:
                if id(content) in seen:
                    continue
                seen.add(id(content))
                problems.extend(metadata_problems(content, generator.settings, templates))
                if getattr(content, "save_as", ""):
                    take(content.save_as, content_writer(content))
        for static in getattr(generator, "staticfiles", None) or []:
            if getattr(static, "save_as", ""):
                take(static.save_as, Writer(f"le fichier {display_path(static.source_path)}"))
        settings = generator.settings
        if type(generator).__name__ == "StaticGenerator":
            for folder in settings.get("THEME_STATIC_PATHS", []):
                source = os.path.join(settings["THEME"], folder)
                for directory, _, names in os.walk(source):
                    for name in sorted(names):
                        full = os.path.join(directory, name)
                        relative = os.path.relpath(full, source) if os.path.isdir(source) else name
                        take(os.path.join(settings["THEME_STATIC_DIR"], relative),
                             Writer(f"le fichier du thème {display_path(full)}"))
    context = generators[0].context if generators else {}
    for dataset in context.get("OPEN_DATA", []):
        for data_file in dataset.files:
            take(data_file.url, open_data_writer(dataset.id))
    if problems:
        raise ProblemError(*problems)


def open_data_writer(dataset_id: str) -> Writer:
    return Writer(f"le fichier de données ouvertes du jeu « {dataset_id} »")


def _template_name() -> str | None:
    """The template Pelican's Writer.write_file is rendering (the caller's frame), if any."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name in ("_write_file", "write_file") and "template" in frame.f_locals:
            template = frame.f_locals["template"]
            name = getattr(template, "name", None)
            if name:
                return os.path.splitext(name)[0]
        frame = frame.f_back
    return None


def on_content_written(path, context=None) -> None:
    context = context or {}
    content = context.get("article") or context.get("page")
    if content is not None and getattr(content, "save_as", None) and _key(path) == _key(
            os.path.join(_OUTPUT.get("root", ""), content.save_as)):
        writer = content_writer(content)
    else:
        template = _template_name()
        writer = Writer(f"la page générée par le site (gabarit « {template} »)" if template
                        else "une page générée par le site")
    claim(path, writer)


def on_feed_written(path, context=None, feed=None) -> None:
    claim(path, Writer("un flux Atom du site"))


def connect() -> None:
    """Called by the strict build at the start of each build (after build_state.reset)."""
    signals.initialized.connect(on_initialized)
    signals.all_generators_finalized.connect(check_planned)
    signals.content_written.connect(on_content_written)
    signals.feed_written.connect(on_feed_written)
