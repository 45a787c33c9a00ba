"""Two processes read a build's Markdown files: the build itself, and a copy of it made to read ahead.

Reading (the strict reader's checks, Markdown, the sanitiser) is most of a cold build at 1,000
articles, and Pelican reads one file after another. When the pages generator is set up
(`page_generator_init`: the articles generator was made before it, their readers and extensions
are ready, nothing is read yet), the build forks. The copy reads the site's Markdown files from
the last one backwards while the build reads them from the first one on, as Pelican asks for
them: they meet wherever their speeds put them. Each file is read once, by whichever claims it first (a table shared under a lock). The copy
sends what `StrictMarkdownReader.read` returns (the cleaned HTML and the metadata) through a pipe;
a thread of the build keeps the pipe drained, so the copy never waits for the build.

The output is the same as reading alone, whatever the timing:
- `read()` depends only on the file and on what was set up before the fork (settings, readers,
  source hooks), and changes nothing but its result; tests/test_read_ahead.py builds sites both
  ways and compares them byte for byte;
- a file whose reading raised, or logged anything at WARNING or above, in the copy is read again
  by the build, so its problems come from the same code, in the same order, as without the copy;
- the settings that metadata objects (categories, tags) hold are the build's own object, not a
  copy's (pickled by reference);
- if the copy stops, the build reads the files it had claimed and not sent.

Only where it helps and is safe: a system with fork (Linux); two processors or more, a container's
CPU quota counted; at least PARALLEL_READING_MIN_FILES Markdown files to read (with the preview's
reader cache, those it does not hold: its first build reads them all, a rebuild after an edit one
or two); and a single thread in the build's process when it forks, those of C libraries included
(a copy of a threaded process could deadlock on a lock another thread held; numpy, whose BLAS
starts threads, is imported only when QR codes are drawn: findings/qr_code.py). A process that has
already built (tests, the preview) usually has other threads: it reads alone.
"""

from __future__ import annotations

import io
import logging
import mmap
import multiprocessing
import os
import pickle
import signal
import struct
import threading

from core.build_state import per_build

FREE, BY_COPY, BY_BUILD = 0, 1, 2
_LENGTH = struct.Struct("<Q")
_SETTINGS_ID = "settings"
CPU_MAX = "/sys/fs/cgroup/cpu.max"  # a container's CPU quota (cgroup v2)

# The read-ahead of the build under way, if any: {"active": ReadAhead}.
_CURRENT: dict = per_build({})
_LAST: dict = {}  # what the last one did (stats): kept after the build, for tests and benchmarks


def result(path: str):
    """The copy's (content, metadata) for the Markdown file `path`, or None: read it here."""
    ahead = _CURRENT.get("active")
    return ahead.take(path) if ahead is not None else None


def articles_ready(generator) -> None:
    """`article_generator_init`: the articles generator, for `start`."""
    _CURRENT["articles"] = generator


def start(pages) -> None:
    """`page_generator_init`, the last generator made before anything is read: fork the copy if this
    build reads enough Markdown files."""
    stop()
    _LAST.clear()
    articles = _CURRENT.pop("articles", None)
    settings = pages.settings
    if articles is None or not settings.get("PARALLEL_READING"):
        return
    if not hasattr(os, "fork") or not hasattr(os, "sched_getaffinity"):
        return
    if settings.get("CACHE_CONTENT") and settings.get("CONTENT_CACHING_LAYER") != "reader":
        return  # Pelican keeps whole contents and asks the reader for none of the cached ones
    if _processors() < 2 or _threads() > 1:
        return
    reader = articles.readers.readers.get("md")
    if reader is None:
        return
    extensions = tuple(f".{extension}" for extension in reader.file_extensions)
    paths = {}  # as a list without repeats, in the order Pelican reads them: articles, then pages
    for generator, kind in ((articles, "ARTICLE"), (pages, "PAGE")):
        for relative in generator.get_files(settings[f"{kind}_PATHS"], exclude=settings[f"{kind}_EXCLUDES"]):
            path = os.path.abspath(os.path.join(generator.path, relative))
            # With the reader cache (the preview), only the files it does not hold are read.
            if path.endswith(extensions) and generator.readers.get_cached_data(path, None) is None:
                paths[path] = None
    if len(paths) >= settings.get("PARALLEL_READING_MIN_FILES", 0):
        _CURRENT["active"] = ReadAhead(reader, list(paths), settings)


def _processors() -> float:
    """The processors this process may use: those it may run on, and a container's CPU quota
    (cgroup v2 `cpu.max`: « 150000 100000 » is 1.5 processors), the smaller."""
    count = float(len(os.sched_getaffinity(0)))
    try:
        with open(CPU_MAX, encoding="ascii") as handle:
            quota, period = handle.read().split()[:2]
        if quota != "max":
            count = min(count, int(quota) / int(period))
    except (OSError, ValueError):
        pass  # no cgroup v2 limit readable: the processors it may run on
    return count


def _threads() -> int:
    """Threads of this process, those of C libraries included (Linux lists them in /proc)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def stop(*_args, **_kwargs) -> None:
    """Reading is over (`all_generators_finalized`, or the build ended): the copy is gone."""
    ahead = _CURRENT.pop("active", None)
    if ahead is not None:
        ahead.close()


def stats() -> dict:
    """What the last read-ahead did (for tests and benchmarks): files read by the copy."""
    return dict(_LAST)


class ReadAhead:
    def __init__(self, reader, paths: list[str], settings: dict):
        self.paths = paths
        self.index = {path: number for number, path in enumerate(paths)}
        self.settings = settings
        self.lock = multiprocessing.get_context("fork").Lock()
        self.claims = mmap.mmap(-1, len(paths))  # shared with the copy: FREE, BY_COPY or BY_BUILD
        self.results: dict[int, tuple | None] = {}
        self.taken: set[int] = set()
        self.ended = False  # the copy sent everything it will send
        self.copied = 0  # files the copy read and sent
        self.condition = threading.Condition()
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the copy
            code = 0
            try:
                os.close(read_end)
                _CURRENT.clear()  # the copy reads for real
                _read_from_the_end(reader, paths, self.claims, self.lock, write_end, settings)
            except BaseException:  # noqa: BLE001 - never back into the build's code: the build reads what is left
                code = 1
            finally:
                os._exit(code)
        os.close(write_end)
        self.thread = threading.Thread(target=self._receive, args=(read_end,), name="lecture-anticipee", daemon=True)
        self.thread.start()

    def take(self, path: str):
        number = self.index.get(path)
        if number is None or number in self.taken:
            return None
        self.taken.add(number)
        with self.lock:
            if self.claims[number] == FREE:
                self.claims[number] = BY_BUILD
                return None
        with self.condition:
            while number not in self.results and not self.ended:
                self.condition.wait()
            return self.results.pop(number, None)

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)  # done already, or reading files nobody will ask for
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        self.thread.join()
        self.claims.close()
        _LAST.clear()
        _LAST.update(files=len(self.paths), read_by_copy=self.copied)

    def _receive(self, read_end: int) -> None:
        with os.fdopen(read_end, "rb") as stream:
            while True:
                header = stream.read(_LENGTH.size)
                if len(header) < _LENGTH.size:
                    break
                body = stream.read(_LENGTH.unpack(header)[0])
                try:
                    number, payload = _Unpickler(io.BytesIO(body), self.settings).load()
                except Exception:  # noqa: BLE001 - a cut message: the copy stopped; the build reads the rest
                    break
                with self.condition:
                    self.results[number] = payload
                    self.copied += payload is not None
                    self.condition.notify_all()
        with self.condition:
            self.ended = True
            self.condition.notify_all()


def _read_from_the_end(reader, paths, claims, lock, write_end: int, settings: dict) -> None:
    warned = []
    make_record = logging.getLogRecordFactory()

    def flag_warnings(*args, **kwargs):  # any warning, even one a filter would drop: read it again in the build
        record = make_record(*args, **kwargs)
        if record.levelno >= logging.WARNING:
            warned.append(record)
        return record

    logging.setLogRecordFactory(flag_warnings)
    position = len(paths)
    with os.fdopen(write_end, "wb") as stream:
        while True:
            with lock:
                position -= 1
                while position >= 0 and claims[position] != FREE:
                    position -= 1
                if position < 0:
                    return
                claims[position] = BY_COPY
            warned.clear()
            try:
                payload = reader.read(paths[position])
            except Exception:  # noqa: BLE001 - the build reads it again and reports it
                payload = None
            if warned:
                payload = None
            try:
                body = _dumps((position, payload), settings)
            except Exception:  # noqa: BLE001 - not picklable: the build reads it
                body = _dumps((position, None), settings)
            stream.write(_LENGTH.pack(len(body)) + body)
            stream.flush()


def _dumps(value, settings: dict) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = lambda obj: _SETTINGS_ID if obj is settings else None
    pickler.dump(value)
    return buffer.getvalue()


class _Unpickler(pickle.Unpickler):
    def __init__(self, stream, settings: dict):
        super().__init__(stream)
        self.settings = settings

    def persistent_load(self, pid):
        if pid != _SETTINGS_ID:
            raise pickle.UnpicklingError(pid)
        return self.settings
