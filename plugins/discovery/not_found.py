"""The French « page introuvable » (NOT_FOUND_SAVE_AS, 404.html at the site root).

A static host serves this one file for every missing address (/a/b/c, /diagnostic/ancien-nom/):
the browser resolves its links from that address, not from the file's place. So the page is
written with relative_urls=False: its links and its stylesheet start with the SITEURL setting,
the site's absolute root, whatever RELATIVE_URLS says. Published (publishconf.py), that is
PUBLIC_SITEURL; in a local build, SITEURL is empty and the links start at the local server's
root (`/recherche/`), where `livereload` and `serve` put the site. The link check knows it
(publishing/check.py). The page is `noindex`: left out of sitemap.xml, and out of the search
index by its name (plugins/search_index).
"""

from __future__ import annotations

from pelican.generators import Generator, PelicanTemplateNotFound

TEMPLATE = "404"  # theme/templates/404.html


class NotFoundGenerator(Generator):
    def generate_output(self, writer):
        try:
            template = self.get_template(TEMPLATE)
        except PelicanTemplateNotFound:
            return  # a theme without one (Pelican's own): the host shows its own page
        writer.write_file(self.settings["NOT_FOUND_SAVE_AS"], template, self.context, relative_urls=False)


def get_generators(pelican_obj):
    return NotFoundGenerator
