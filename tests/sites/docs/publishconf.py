"""Pelican settings for the published site: absolute URLs and feeds."""

from core.settings_files import settings_of

_local = settings_of(__file__, "pelicanconf.py")
globals().update(_local)  # every local setting, then what differs online

SITEURL = _local["PUBLIC_SITEURL"]
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
