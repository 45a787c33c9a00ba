"""Render only what an edit touches: the preview's incremental writes (publishing/devserver.py).

Pelican 4.12 removed WRITE_SELECTED; this is our own, for `livereload` and `regenerate` only
(`build`, `check` and `publish` never use it). The build still reads everything (unchanged
sources come from Pelican's content cache) and runs every plugin, so the content registry — the
context shared by the generators: articles, pages, the findings registry, axes, projects, data —
is complete; only the rendering of pages whose inputs did not change is skipped, and those pages
are hard-linked from the output on screen into the new staging folder.

What a page depends on, decided by comparing digests with the previous build's — those of the
registry as soon as every generator has read (`all_generators_finalized`, before the plugins'
own receivers), those of the bodies when Pelican starts writing (the findings' slots filled):

- each content object (article, page, axis…): its *shared* digest, every attribute other pages
  may show (title, URL, dates, summary, category, metadata, findings with their text…), and its
  *own* digest, the shared one plus its body as rendered (slots filled);
- the *context* digest: everything else the generators share (the registries of the plugins,
  the listings and their order, the settings).

Then, conservatively:

- a source that is not Markdown (template, theme, settings, data/*.yml, image…), a file added or
  removed, a change of the context digest, of the set of sources or of an output path or URL (the
  bodies' {filename} links resolve to it): every page is rendered (a cold build's work);
- a *shared* digest changed (a title, a summary, a finding's text…): every page is rendered but
  the articles whose own digest is unchanged (an article page shows only its article, the site's
  data and settings; what other content puts in it, the findings' headers and footers, is in its
  own digest);
- only *own* digests changed (an article's body outside its findings): only those objects' pages.

When the registry is the previous build's (only bodies changed: `registry_unchanged()`), what
a plugin derives from it alone may be the previous build's value (`reuse`): the findings' headers
and footers, their open data and workshop sheets.

Feeds, open data, the sitemap, static files and every file that plugins write themselves are
written every time. A paginated listing is always rendered. When unsure, render: a page
rendered for nothing costs time, a page kept wrongly shows a stale site. tests/test_preview.py
checks that, for a set of edits, the output equals a cold build's byte for byte.
"""

from __future__ import annotations

import copyreg
import dataclasses
import functools
import hashlib
import io
import os
import pickle
import shutil
import time
import types
from contextlib import contextmanager
from pathlib import Path

from pelican import signals
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from core import build_clock

SOURCE_SUFFIXES = (".md",)  # a change elsewhere (or a file added or removed) renders every page
# Context entries that differ from one build to the next but not what a page shows.
UNSTABLE_CONTEXT = {"OUTPUT_PATH", "JINJA_ENVIRONMENT", "generated_content", "static_content", "localsiteurl"}
# Attributes of a content object kept out of its digests: the shared context and settings (the
# context digest), its body (the own digest only).
UNSHARED = {"_context", "settings", "_content"}
# Metadata that holds a page's own source (its text): in the page's own digest only, like its body.
# A plugin names its keys with `page_only_metadata` (findings: its scan of the source, whose
# findings reach other pages through the context, which the context digest covers).
_PAGE_ONLY_METADATA: set[str] = set()


def page_only_metadata(*keys: str) -> None:
    _PAGE_ONLY_METADATA.update(keys)


@dataclasses.dataclass
class Snapshot:
    """What the last clean build rendered, and from what."""

    shared: dict[str, str]  # source path → shared digest
    own: dict[str, str]  # source path → own digest
    outputs: dict[str, tuple[str, str, bool]]  # source path → (save_as, url, is an article)
    context: str
    written: set[str]  # output paths (relative) written through the writer, rendered or kept
    # The context's digest again when writing starts: what plugins add to it after the registry's
    # digests (the navigation, the open data list…) renders every page when it changed.
    writing: str = ""


_active: _Session | None = None  # the preview build under way (IncrementalWrites.build)


def registry_unchanged() -> bool:
    """True in a preview build whose content registry is the last clean build's: the same
    context digest, every content's shared digest and output path (only bodies changed).
    Known from `all_generators_finalized` on; False before, and outside the preview."""
    return _active is not None and _active.unchanged


def reuse(name: str, compute):
    """`compute()`, or — when `registry_unchanged()` — the value it gave in the last clean build,
    kept under `name` for the next one either way. Only for a value that the registry alone
    decides (the findings, the contents' titles and addresses, the settings and data, the
    templates), never one that depends on an article's body: that is what the registry leaves
    out. The build's own objects may be those of the previous build then (equal, not the same)."""
    session = _active
    if session is None:
        return compute()
    previous = session.owner.reusable
    value = previous[name] if session.unchanged and name in previous else compute()
    session.values[name] = value
    return value


class IncrementalWrites:
    """Kept by the preview for its session: the last clean build's snapshot."""

    def __init__(self, output: str | Path):
        self.output = os.path.abspath(output)
        self.previous: Snapshot | None = None
        self.previous_output: tuple | None = None  # the output folder it was swapped into (device, inode)
        self.session: _Session | None = None
        self.reusable: dict = {}  # what plugins derived from its registry (reuse)

    def partial_allowed(self, changed: set[str], content_root: str | Path) -> bool:
        """Whether the edit may render only part of the site: existing Markdown sources modified."""
        if self.previous is None or not changed or self._output_id() != self.previous_output:
            return False  # nothing to compare with, or output/ replaced by another build (`invoke build`)
        root = os.path.abspath(content_root)
        sources = set(self.previous.own)  # paths relative to the content folder, as Pelican keys them
        return all(path.endswith(SOURCE_SUFFIXES) and os.path.abspath(path).startswith(root + os.sep)
                   and os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/") in sources
                   for path in changed)

    @contextmanager
    def build(self, partial: bool):
        """Around one build: yields the observers to give site_build.build; on a clean build, call
        `done()` before leaving so that the next build compares with this one."""
        self.session = _Session(self, partial)
        original = Writer.write_file
        session = self.session

        def write_file(writer, name, template, context, relative_urls=False, paginated=None, template_name=None,
                       override_output=False, url=None, **kwargs):
            if session.keeps(writer, name, context, paginated, template_name, kwargs):
                return None
            return original(writer, name, template, context, relative_urls=relative_urls, paginated=paginated,
                            template_name=template_name, override_output=override_output, url=url, **kwargs)

        global _active
        Writer.write_file = write_file
        _active = session
        try:  # connected before the plugins' receivers (site_build.start_build): the registry's
            # digests come first at all_generators_finalized
            yield [(signals.all_generators_finalized, session.registry_read),
                   (signals.content_written, session.written_file),
                   (signals.article_writer_finalized, session.articles_written)]
        finally:
            Writer.write_file = original
            _active = None

    def done(self) -> None:
        """The build was clean and is on screen: it is the next build's reference."""
        if self.session is not None and self.session.snapshot is not None:
            self.session.snapshot.written = set(self.session.written)
            self.previous = self.session.snapshot
            self.previous_output = self._output_id()
            self.reusable = self.session.values

    def _output_id(self) -> tuple | None:
        try:
            stat = os.stat(self.output)
        except OSError:
            return None
        return stat.st_dev, stat.st_ino

    @property
    def reused(self) -> list[str]:
        """The names under which the last build took the previous build's values (reuse)."""
        if self.session is None or not self.session.unchanged:
            return []
        return [name for name in self.session.values if name in self.reusable]

    @property
    def streamed(self) -> list[str]:
        """The output paths the last build wrote (or kept) until the articles were all written, in
        that order: the search index's order (plugins/search_index DetachedIndex)."""
        return list(self.session.streamed) if self.session else []

    @property
    def rendered(self) -> list[str]:
        """The output paths the last build rendered through the writer, in its order."""
        return list(self.session.rendered) if self.session else []

    @property
    def kept(self) -> list[str]:
        """The output paths the last build kept from the previous output, in its order."""
        if self.session is None:
            return []
        rendered = set(self.session.rendered)
        return [name for name in self.session.written if name not in rendered]


class _Session:
    def __init__(self, owner: IncrementalWrites, partial: bool):
        self.owner, self.partial = owner, partial
        self.snapshot: Snapshot | None = None
        self.registry: _Registry | None = None  # its digests, until the bodies' are added
        self.unchanged = False  # the registry is the previous build's (registry_unchanged)
        self.values: dict = {}  # reuse
        self.kept: set[str] | None = None  # output paths kept from the previous output; None until decided
        self.decided = False
        self.written: list[str] = []
        self.streamed: list[str] = []
        self.streaming = True
        self.rendered: list[str] = []
        self.staging: str | None = None

    def keeps(self, writer, name, context, paginated, template_name, kwargs) -> bool:
        """True if the page `name` is kept from the previous output (hard-linked), not rendered."""
        if not self.decided:
            self.decided = True
            self.staging = writer.output_path
            registry = self.registry or registry_digests(context)
            self.snapshot = registry.with_bodies()
            self.snapshot.writing = context_digest(context) if self.registry is not None else registry.context
            self.registry = None
            self.kept = self._decide() if self.partial else set()
        if not name or name not in self.kept:
            return False
        if template_name in writer.settings.get("PAGINATED_TEMPLATES", {}) and (
                paginated or any(key in kwargs for key in ("articles", "dates"))):
            return False  # may be split in several files: rendered
        source = os.path.join(self.owner.output, name)
        target = os.path.join(self.staging, name)
        if not os.path.isfile(source) or os.path.exists(target):
            return False
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(source, target)  # never written in place: the next build writes a new file
        except OSError:  # a file system without hard links
            shutil.copy2(source, target)
        self._record(name)
        return True

    def registry_read(self, generators) -> None:
        """Every generator has read: the registry's digests, compared with the previous build's."""
        if self.decided or not generators:
            return
        self.registry = registry_digests(generators[0].context)
        previous, now = self.owner.previous, self.registry
        self.unchanged = (self.partial and previous is not None and now.context == previous.context
                          and now.outputs == previous.outputs and now.shared == previous.shared)

    def written_file(self, path, context=None) -> None:
        if self.staging is None:
            return
        name = os.path.relpath(path, self.staging).replace(os.sep, "/")
        self.rendered.append(name)
        self._record(name)

    def articles_written(self, generator, writer=None) -> None:
        self.streaming = False

    def _record(self, name: str) -> None:
        self.written.append(name)
        if self.streaming:
            self.streamed.append(name)

    def _decide(self) -> set[str]:
        """The output paths to keep from the previous output (empty: render every page)."""
        previous, now = self.owner.previous, self.snapshot
        if (previous is None or now.context != previous.context or now.writing != previous.writing
                or now.outputs != previous.outputs
                or set(now.own) != set(previous.own)):
            return set()
        names = [save_as for save_as, _, _ in now.outputs.values() if save_as]
        if len(names) != len(set(names)):
            return set()  # two sources with one output path: render everything
        changed_own = {source for source, digest in now.own.items() if previous.own[source] != digest}
        shared_changed = any(previous.shared[source] != digest for source, digest in now.shared.items())
        rendered = changed_own | ({source for source, (_, _, is_article) in now.outputs.items() if not is_article}
                                  if shared_changed else set())
        if shared_changed:  # the listings and other pages are rendered; unchanged articles kept
            return {save_as for source, (save_as, _, _) in now.outputs.items() if source not in rendered and save_as}
        rendered_names = {now.outputs[source][0] for source in rendered}
        return {name for name in previous.written if name not in rendered_names}


def snapshot(context: dict) -> Snapshot:
    """Every digest of the build, at once."""
    return registry_digests(context).with_bodies()


@dataclasses.dataclass
class _Registry:
    """The digests of the registry; `with_bodies()` adds the bodies' once they are final."""

    shared: dict[str, str]
    outputs: dict[str, tuple[str, str, bool]]
    context: str
    contents: list  # (source, content, its attributes' pickle), to digest its body later
    known: dict[int, int]  # the context's objects: ids → numbers (a content refers to them)
    alive: list  # and those objects, alive (no id reused) until the bodies are digested

    def with_bodies(self) -> Snapshot:
        own = {}
        for source, content, text in self.contents:
            metadata = getattr(content, "metadata", None)
            page_only = ({key: value for key, value in metadata.items() if key in _PAGE_ONLY_METADATA}
                         if isinstance(metadata, dict) else {})
            try:
                body = _Pickler.dumps((getattr(content, "_content", None), page_only), known=self.known)
            except Exception:  # noqa: BLE001 - a value pickle cannot write: its pages are rendered
                text, body = f"?{time.monotonic_ns()}".encode(), b""
            own[source] = _digest(text + b"|" + body)
        self.contents, self.alive = [], []
        return Snapshot(self.shared, own, self.outputs, self.context, set())


def context_digest(context: dict, record: dict[int, int] | None = None, alive: list | None = None) -> str:
    """The digest of the context but the contents' own attributes ("?…", never equal to another, if
    a value cannot be pickled); `record`: the ids of the objects met, for the contents' pickles."""
    rest = {key: _sorted(value) for key, value in context.items() if key not in UNSTABLE_CONTEXT}
    rest["lvas-today"] = build_clock.today()  # date-driven states (consultation window, phases)
    try:
        return _digest(_Pickler.dumps(rest, record=record, alive=alive))
    except Exception:  # noqa: BLE001 - a value pickle cannot write: compare nothing, render every page
        return f"?{time.monotonic_ns()}"


def registry_digests(context: dict) -> _Registry:
    in_context: dict[int, int] = {}
    alive: list = []  # what the context's pickling met stays alive while its ids are used
    digest = context_digest(context, in_context, alive)
    if digest.startswith("?"):
        return _Registry({}, {}, digest, [], {}, [])
    shared, outputs, contents = {}, {}, []
    for source, content in sorted(context.get("generated_content", {}).items()):
        if not isinstance(content, Content):
            continue
        # What the context holds (the findings, the axes…) is written as a reference to it: the
        # context digest covers it. The rest in full.
        attributes = {key: value for key, value in vars(content).items()
                      if key not in UNSHARED and key not in _PAGE_ONLY_METADATA}
        metadata = attributes.get("metadata")
        if isinstance(metadata, dict):
            attributes["metadata"] = {key: value for key, value in metadata.items()
                                      if key not in _PAGE_ONLY_METADATA}
        try:
            text = _Pickler.dumps((attributes, getattr(content, "summary", None)), known=in_context)
        except Exception:  # noqa: BLE001 - as above, for this content: its pages are rendered
            text = f"?{time.monotonic_ns()}".encode()
        shared[source] = _digest(text)
        # Its URL too: the {filename} links of other bodies resolve to it (`URL: page/index.html`
        # changes it, not the file), and those bodies' digests hold the links unresolved.
        outputs[source] = (content.save_as, content.url, type(content).__name__ == "Article")
        contents.append((source, content, text))
    return _Registry(shared, outputs, digest, contents, in_context, alive)


def _sorted(value):
    """A set of the context (Pelican's static_links…) in an order that does not depend on how it was built."""
    if type(value) in (set, frozenset):
        return (type(value).__name__, sorted(value, key=lambda item: (type(item).__name__, repr(item))))
    return value


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _reference(*key):
    """What a reference written by _Pickler stands for: never called (the pickles are only digested)."""
    return key


class _Pickler(pickle.Pickler):
    """Pickle's bytes of a value, the same for equal values in this process (the preview
    compares its own builds), with: content objects written as their source and output paths
    (their own digests cover them); functions and classes as their names; and, with `known`,
    the objects of the context (recorded in `record` while it was written) as references to it,
    so that an article's findings, which the context digest covers, are not written again for
    each article. A value pickle cannot write raises: the caller then renders every page.

    The hook is `reducer_override`, which pickle calls only for objects that are not str, bytes,
    numbers, None, dicts, lists, tuples or sets (those it writes itself, in C): the hundreds of
    thousands of strings and containers of a large site cost no Python call. Sets are written in
    their iteration order: equal sets built in another order may give other bytes, so at worst a
    page is rendered for nothing; the sets that are values of the context or attributes of an
    object are written sorted (`_sorted`), those deeper in plain containers are not (none today)."""

    def __init__(self, file, known: dict[int, int] | None, record: dict[int, int] | None, alive: list | None):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.known, self.record = known, record
        self.alive = alive if alive is not None else []  # recorded objects: no id reused meanwhile

    @classmethod
    def dumps(cls, value, known=None, record=None, alive=None) -> bytes:
        buffer = io.BytesIO()
        pickler = cls(buffer, known, record, alive)
        pickler.dump(value)
        return buffer.getvalue()

    def reducer_override(self, value):
        if value is _reference:
            return NotImplemented  # the function of the references below: by its name, as pickle does
        if isinstance(value, Content):
            return _reference, ("content", getattr(value, "source_path", None), getattr(value, "save_as", None))
        if isinstance(value, URLWrapper):
            return _reference, ("urlwrapper", type(value).__name__, value.name, value.slug, value.url)
        if isinstance(value, (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType,
                              types.MethodType, functools.partial)):
            name = getattr(value, "__qualname__", None)
            return _reference, ("callable", getattr(value, "__module__", None), name or repr(type(value)))
        if self.known is not None:
            number = self.known.get(id(value))
            if number is not None:
                return _reference, ("context", number)
        if self.record is not None and id(value) not in self.record:
            self.record[id(value)] = len(self.record)
            self.alive.append(value)
        if type(value).__reduce_ex__ is object.__reduce_ex__ and type(value) not in copyreg.dispatch_table:
            # An object pickled by its attributes: a set among them in a stable order (a set read
            # back from Pelican's content cache iterates in another order than the one it came from).
            reduced = value.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
            if isinstance(reduced, tuple) and len(reduced) > 2 and isinstance(reduced[2], dict):
                return (*reduced[:2], {key: _sorted(item) for key, item in reduced[2].items()}, *reduced[3:])
            return reduced
        return NotImplemented
