"""The French 404 page (plugins/discovery/not_found.py, theme/templates/404.html).

GitHub Pages serves /404.html, with status 404, for every missing address of the site, at any
depth (/a/b/c): the page's links and stylesheet are absolute to the site (the SITEURL setting:
PUBLIC_SITEURL once published, the local server's root in a preview), never relative. Tested
by serving the built site the way GitHub Pages does (PagesServer), locally and published under a
sub-folder, and following every link of the page from a deep address.
"""

from __future__ import annotations

import http.server
import io
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from plugins.search_index import indexer as search_index
from publishing.links import SiteLinks

from conftest import FIXED_EPOCH, SiteCopy
from test_search import fragments, settings

PUBLIC = "https://www.example.org/la-vallee-au-sommet"
DEEP = "/a/b/c"  # an address that matches no file, three folders down
SUB_FOLDER = "/la-vallee-au-sommet"  # where a project site lives on GitHub Pages (PUBLIC_SITEURL's path)


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def addresses(page: BeautifulSoup) -> list[str]:
    """Every address the page links to or loads: href, src and the search form's action."""
    found = [tag[name] for name in ("href", "src", "action") for tag in page.find_all(attrs={name: True})]
    return [address for address in found if not address.startswith(("#", "mailto:", "data:"))]


# -- the page -----------------------------------------------------------------------------------

def test_the_page_explains_and_offers_search_home_and_findings(built_site):
    page = parse(built_site / "404.html")
    assert page.html["lang"] == "fr"
    assert page.title.get_text() == "Page introuvable – La Vallée au Sommet"
    assert page.h1.get_text() == "Page introuvable"
    assert "ne correspond à aucune page du site" in page.main.get_text()
    form = page.main.find("form")
    assert (form["role"], form["method"], form["action"]) == ("search", "get", "/recherche/")
    field = form.find("input", attrs={"name": "q"})
    assert field["type"] == "search" and form.find("label", attrs={"for": field["id"]}).get_text() == \
        "Mots à rechercher"
    links = {" ".join(link.get_text().split()): link["href"] for link in page.main.find_all("a")}
    assert links == {"La page d’accueil": "/", "Les constats du diagnostic": "/constats/"}
    # Built on base.html: the site's header, menu and footer, the site's stylesheet.
    assert page.find("nav", attrs={"aria-label": "Navigation principale"}) is not None
    assert page.find("link", rel="stylesheet")["href"] == "/theme/css/site.css"


def test_the_page_is_left_out_of_search_engines_sitemap_and_site_search(built_site):
    page = parse(built_site / "404.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("link", rel="canonical") is None and page.find("meta", property="og:url") is None
    assert "404" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/404.html" not in fragments(built_site / "pagefind")
    assert "404.html" not in [relative for relative, _ in search_index.pages_to_index(str(built_site), settings())]


def test_a_local_build_links_from_the_local_servers_root(built_site):
    """RELATIVE_URLS = True in a preview: the other pages link relatively, this one from `/`."""
    assert [address for address in addresses(parse(built_site / "404.html"))
            if not address.startswith("/") or address.startswith("//")] == []
    assert parse(built_site / "index.html").find("link", rel="stylesheet")["href"] == "./theme/css/site.css"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The tests' site built with publishconf.py (SITEURL = PUBLIC_SITEURL)."""
    copy = SiteCopy(tmp_path_factory.mktemp("publie"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        result = copy.build("publishconf.py")
    assert result.ok, result.problems
    return copy.output


def test_a_published_build_links_to_the_public_address(published):
    found = addresses(parse(published / "404.html"))
    assert found and [address for address in found if not address.startswith(PUBLIC + "/")
                      and urlsplit(address).netloc == urlsplit(PUBLIC).netloc] == []
    assert f"{PUBLIC}/recherche/" in found and f"{PUBLIC}/constats/" in found and f"{PUBLIC}/" in found
    assert f"{PUBLIC}/theme/css/site.css" in found


# -- served as GitHub Pages serves it ---------------------------------------------------------------

class PagesServer:
    """The built site under `prefix`, on 127.0.0.1: a missing address gets <prefix>/404.html with
    status 404, as GitHub Pages does (a folder gets its index.html)."""

    def __init__(self, root: Path, prefix: str = ""):
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def log_message(self, format, *args):  # noqa: A002 - signature of the base class
                pass

            def send_head(self):
                path = urlsplit(self.path).path
                if not path.startswith(server.prefix + "/"):
                    return self.not_found()
                self.path = self.path[len(server.prefix):]
                target = Path(self.translate_path(self.path))
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    return self.not_found()
                return super().send_head()

            def not_found(self):
                body = (root / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)

        self.prefix = prefix
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.origin = "http://127.0.0.1:%d" % self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.origin + self.prefix + path

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def follow_every_address(server: PagesServer) -> list[str]:
    """From a deep missing address: the 404 page, then each address it links to or loads, resolved
    from there as a browser does; every one must be a page or file of the site."""
    deep = server.url(DEEP)
    status, body = get(deep)
    assert status == 404
    page = BeautifulSoup(body.decode("utf-8"), "html.parser")
    assert page.h1.get_text() == "Page introuvable"
    resolved = sorted({urljoin(deep, address) for address in addresses(page)})
    assert resolved
    for url in resolved:
        assert url.startswith(server.url("/")), url
        assert get(url)[0] == 200, url
    return resolved


def test_local_preview_at_any_depth(built_site):
    with PagesServer(built_site) as server:
        resolved = follow_every_address(server)
        assert server.url("/theme/css/site.css") in resolved and server.url("/recherche/") in resolved
        # What the search form sends: /recherche/?q=…, the search page (its script reads q).
        assert get(server.url("/recherche/?q=neige"))[0] == 200


def test_published_in_a_sub_folder_at_any_depth(tmp_path, monkeypatch):
    """As a GitHub Pages project site: under /la-vallee-au-sommet/, the page's links keep the folder."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    copy = SiteCopy(tmp_path)
    with PagesServer(copy.output, SUB_FOLDER) as server:
        # publishconf.py as GitHub would serve it here: SITEURL (and the feeds' domain, copied from it).
        result = copy.build("publishconf.py", SITEURL=server.url(""), FEED_DOMAIN=server.url(""))
        assert result.ok, result.problems
        resolved = follow_every_address(server)
    assert server.url("/constats/") in resolved and server.url("/theme/css/site.css") in resolved


@pytest.mark.browser
def test_deep_address_in_chromium_is_styled_and_its_links_work(browser, built_site):
    """At 320 px, without JavaScript: the site's stylesheet applies, the home link leads home."""
    with PagesServer(built_site) as server:
        context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
        try:
            page = context.new_page()
            response = page.goto(server.url(DEEP))
            assert response.status == 404
            header = page.eval_on_selector(".site-header", "node => getComputedStyle(node).backgroundColor")
            assert header == "rgb(13, 59, 102)"  # --brand: the stylesheet was found from /a/b/c
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
            page.click("main >> text=La page d’accueil")
            page.wait_for_load_state()
            assert page.url == server.url("/")
        finally:
            context.close()


# -- the link check reads the page from the site's root ------------------------------------------------

def test_the_link_check_reads_root_links_of_the_local_404_page(tmp_path):
    (tmp_path / "recherche").mkdir()
    (tmp_path / "recherche/index.html").write_text("<p>recherche</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text('<a href="/recherche/">ok</a>\n<a href="/absente/">cassé</a>\n',
                                       encoding="utf-8")
    read_from_root = SiteLinks(tmp_path, PUBLIC, site_root_pages=["404.html"]).check()
    assert [str(problem) for problem in read_from_root.problems] == [
        "output/404.html:2: lien interne cassé : « /absente/ » ne mène à aucune page ni aucun fichier du site "
        "(adresse cherchée : /absente/) (page /404.html, produite par les gabarits du thème ou les extensions)"]
    assert read_from_root.internal_links == 2
    # Any other page's root links would leave the published sub-folder.
    elsewhere = SiteLinks(tmp_path, PUBLIC).check()
    assert [str(problem).split(" : ")[0] for problem in elsewhere.problems] == [
        "output/404.html:1: lien « /recherche/ » hors du site",
        "output/404.html:2: lien « /absente/ » hors du site",
    ]
