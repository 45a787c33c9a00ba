"""Pelican settings for the published site: absolute URLs and feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = PUBLIC_SITEURL  # noqa: F405
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_MAX_ITEMS = 20

# Publication (`python3 manage.py publish`, publishing/gate.py): nothing goes to the gh-pages branch
# unless the build is clean, every internal link and anchor resolves, these pages exist and the
# site has at least PUBLISH_MIN_PAGES HTML pages (a nearly empty build never replaces the live site).
PUBLISH_MIN_PAGES = 15
PUBLISH_REQUIRED_PAGES = [
    "index.html",
    "la-demarche/index.html",
    "constats/index.html",
    "accessibilite/index.html",
    "mentions-legales/index.html",
    "donnees-personnelles/index.html",
]
PUBLISH_BRANCH = "gh-pages"
PUBLISH_REMOTE = "origin"  # where `publish --push` sends the gh-pages branch
