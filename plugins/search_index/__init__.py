"""Site search: the Pagefind index of the built site (indexer.py says what, how and why).

The article pages go to Pagefind as Pelican writes them (`content_written`, until
`article_writer_finalized`), the other pages once the site is complete and clean
(core.signals.site_complete), in an order fixed by the site; the index is written into the
staging folder before it replaces the output. A build that failed stops Pagefind (build_ended).
With SEARCH_INDEX_DEFERRED (the preview only), the build makes no index: the preview indexes the
site in the background once it is swapped in (`DetachedIndex`, publishing/preview_index.py).
"""

from pelican import signals

from core.plugin_settings import declare_settings
from core.signals import build_ended, site_complete

from .indexer import DetachedIndex, SearchIndexer, index_site
from .settings import SETTINGS

__all__ = ["DetachedIndex", "SearchIndexer", "index_site"]

_current: SearchIndexer | None = None  # the index of the build under way (one build at a time)


def start(pelican_obj) -> None:
    global _current
    stop()
    if pelican_obj.settings["SEARCH_INDEX_DEFERRED"]:
        return  # the preview indexes the site after the build (publishing/preview_index.py)
    _current = SearchIndexer(pelican_obj.settings["OUTPUT_PATH"], pelican_obj.settings)


def page_written(path, context=None) -> None:
    if _current is not None:
        _current.page_written(path)


def sections_written(generator, writer=None) -> None:
    if _current is not None:
        _current.sections_written()


def finish(settings) -> None:
    if _current is not None:
        _current.finish()


def stop(settings=None, ok=None) -> None:
    global _current
    if _current is not None:
        _current.abort()
    _current = None


def register():
    declare_settings(*SETTINGS)
    signals.initialized.connect(start)
    signals.content_written.connect(page_written)
    signals.article_writer_finalized.connect(sections_written)
    site_complete.connect(finish)
    build_ended.connect(stop)
