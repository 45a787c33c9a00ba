"""Being found: sitemap.xml of every indexable HTML page, robots.txt, canonical URLs.

pelican-sitemap only knows Pelican's own page types (articles, pages, categories…),
not the pages our generators write (/constats/, /feuille-de-route/…); so the sitemap
is made from what was actually written, once everything is written (`finalized`).
Pages marked `<meta name="robots" content="noindex">` (the embeds, the 404 page) are left out.
Feeds keep titles as written (feeds.py). The French 404 page, with absolute links: not_found.py.
"""

from pelican import signals

from core.plugin_settings import declare_settings

from .feeds import plain_title_writer
from .not_found import get_generators
from .settings import SETTINGS
from .sitemap import canonical_url, write_robots, write_sitemap


def add_filters(generator):
    public = generator.settings["PUBLIC_SITEURL"]
    generator.env.filters["canonical_url"] = lambda output_file: canonical_url(public, output_file)


def write_files(pelican_obj):
    public = pelican_obj.settings["PUBLIC_SITEURL"]
    write_sitemap(pelican_obj.output_path, public)
    write_robots(pelican_obj.output_path, public)


def register():
    declare_settings(*SETTINGS)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
    signals.finalized.connect(write_files)
    signals.get_writer.connect(plain_title_writer)
