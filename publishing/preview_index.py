"""The preview's search index, made in the background once the pages are on screen.

`livereload` and `regenerate` build with SEARCH_INDEX_DEFERRED (plugins/search_index): the pages
are swapped into output/ without waiting for Pagefind (a third of a rebuild at 1,000 articles).
Then `BackgroundIndex.start()` indexes the new output in a thread of its own:

- one run at a time: `cancel()` (before every build) stops Pagefind and waits for the thread, so
  two runs never write the same folder and a new edit supersedes the indexing of the last one;
- a run starts once the preview has been quiet for QUIET_DELAY_S: an edit saved right after a
  rebuild does not share the machine with an index that it would stop anyway;
- the previous index stays usable: each build carries output/pagefind/ over into its staging
  folder (`carry_over`, hard links), and a new bundle is written beside output/ then put in
  place by two renames (output/pagefind/ is missing only between them, as output/ itself is
  when a build swaps it in);
- /recherche/ of the preview says that the index follows the pages (theme/templates/recherche.html);
- a failure is printed in French in the terminal; the previous index then stays in place;
- Pagefind runs at a lower CPU priority (plugins/search_index BACKGROUND_NICENESS, not on
  Windows): on two cores, the next rebuild, which the communicator waits for, goes first.

The bundle is byte-identical to `invoke build`'s (same pages, same order: `DetachedIndex`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time

from core.problems import ProblemError
from plugins.search_index import DetachedIndex
from plugins.search_index.indexer import BUNDLE_DIR

PREFIX = "index de recherche : "  # of the indexer's messages: said once


def carry_over(output: str, staging: str) -> None:
    """The index of the site on screen, into the staging folder of the next one (hard links: the
    bundle's files are never written in place, a new bundle replaces the folder)."""
    previous = os.path.join(output, BUNDLE_DIR)
    if os.path.isdir(previous) and not os.path.exists(os.path.join(staging, BUNDLE_DIR)):
        shutil.copytree(previous, os.path.join(staging, BUNDLE_DIR), copy_function=os.link)


# Seconds without a new build before the index is made again: a communicator who saves again at
# once (or an editor that saves twice) gets the next rebuild without Pagefind starting meanwhile on
# the second core, or the index thread reading every page in this process.
QUIET_DELAY_S = 1.0


class BackgroundIndex:
    """The Pagefind index of `output`, made again after each build in a thread, once the preview
    has been quiet for `delay` seconds."""

    def __init__(self, output: str, stream, delay: float = QUIET_DELAY_S):
        self.output, self.stream, self.delay = os.path.abspath(output), stream, delay
        self.stale = False  # output/ holds pages newer than its index
        self.failed: ProblemError | None = None  # the last run's failure, if any
        self._thread: threading.Thread | None = None
        self._index: DetachedIndex | None = None

    def start(self, settings: dict, streamed=()) -> None:
        """Index output/ again: `settings` of the build that wrote it, `streamed` its pages in the
        build's writing order (DetachedIndex)."""
        self.cancel()
        self.stale = True
        self._index = DetachedIndex(self.output, settings, streamed)
        self._thread = threading.Thread(target=self._run, args=(self._index,), name="index-de-recherche",
                                        daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Stop the run under way, if any, and wait for it (before a build changes output/)."""
        if self._index is not None:
            self._index.stop()
        self.wait()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the run under way; True once none is running."""
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                return False
            self._thread = None
        return True

    def _run(self, index: DetachedIndex) -> None:
        if index.stopped.wait(self.delay):
            return  # a new build came first: it starts its own index
        started = time.perf_counter()
        parent = os.path.dirname(self.output)
        folder = tempfile.mkdtemp(prefix=".pagefind-", dir=parent)
        bundle = os.path.join(folder, BUNDLE_DIR)
        try:
            pages = index.write(bundle)
            if index.stopped.is_set():
                return
            self._swap_in(bundle)
        except ProblemError as exc:
            if index.stopped.is_set():
                return  # superseded by a new edit: not a failure
            self.failed = exc
            reasons = "; ".join(problem.message.removeprefix(PREFIX) for problem in exc.problems)
            self._say(f"Échec de la mise à jour de l'index de recherche : {reasons}. La recherche de l'aperçu "
                      "porte sur la version précédente du site ; l'index sera refait à la prochaine modification.")
            return
        except OSError as exc:
            self.failed = exc
            self._say(f"Échec de la mise à jour de l'index de recherche ({exc.strerror or exc}"
                      f"{' : ' + exc.filename if exc.filename else ''}). La recherche de l'aperçu porte sur la "
                      "version précédente du site ; l'index sera refait à la prochaine modification.")
            return
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        self.stale, self.failed = False, None
        seconds = f"{time.perf_counter() - started:.2f}".replace(".", ",")
        self._say(f"Index de recherche mis à jour en {seconds} s : {pages} pages.")

    def _swap_in(self, bundle: str) -> None:
        final = os.path.join(self.output, BUNDLE_DIR)
        old = None
        if os.path.exists(final):
            old = tempfile.mkdtemp(prefix=".pagefind-old-", dir=os.path.dirname(self.output))
            os.rmdir(old)
            os.rename(final, old)
        os.rename(bundle, final)
        if old:
            shutil.rmtree(old, ignore_errors=True)

    def _say(self, message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=self.stream, flush=True)
