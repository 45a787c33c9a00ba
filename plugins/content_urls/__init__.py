"""Each article's and page's `url` and `save_as`, computed once.

Pelican computes them anew on every access (its URL pattern filled from the metadata, the
source path made relative), about 0.1 ms each; templates, links between contents, feeds and
our plugins ask tens of thousands of times on a large site. They are final once a content is
read (slug, category, date and lang are set by then), so the last content_object_init receiver
stores them as Pelican's own overrides (`override_url`, `override_save_as`: what a `Url:` or
`Save_as:` metadata sets), which Pelican returns as they are. Must come after the plugins that
set overrides themselves (strategy: axis pages): last in PLUGINS.
"""

from pelican import signals
from pelican.contents import Article, Page

from core.plugin_order import require_plugins


def freeze_urls(content):
    if not isinstance(content, (Article, Page)):
        return
    for key in ("url", "save_as"):
        if not hasattr(content, f"override_{key}"):
            setattr(content, f"override_{key}", getattr(content, key))


def register():
    require_plugins(__name__, last=True)
    signals.content_object_init.connect(freeze_urls)
