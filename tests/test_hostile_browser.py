"""Hostile Markdown in a real browser: injected handlers never run, remote resources never load.

A site copy gets an article (and a summary, shown on the home page) full of what the sanitiser
lets through inertly (attr_list handlers, pymdownx `attrs:`, style attributes, raw HTML shown as
text); every page of that site is loaded in Chromium with request interception: no handler
runs (it would set window.__pwned), no request leaves the site, no console error. Then the
Content-Security-Policy is proved on its own: a page written after the build with a live
handler, an inline script and a remote image, as if the sanitiser had missed them, runs and
loads nothing either.
"""

from __future__ import annotations

import base64

import pytest
from bs4 import BeautifulSoup

from browser import Recorder, StaticServer, foreign_requests

from conftest import FIXED_EPOCH

pytestmark = pytest.mark.browser

PWNED = "window.__pwned = 1"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")

HOSTILE_ARTICLE = f"""Title: Article piégé
Date: 2016-03-01
Summary: Un résumé{{: onmouseover="{PWNED}" }} avec <img src="https://ailleurs.example/r.png" onerror="{PWNED}">

![Photo]({{static}}/images/photo.png){{: onerror="{PWNED}" onload="{PWNED}" style="color:red" }}

Un paragraphe piégé.
{{: onclick="{PWNED}" onfocus="{PWNED}" tabindex="0" autofocus style="position:fixed" }}

/// note | Note
    attrs: {{onmouseover: "{PWNED}", style: "display:none", id: "note-piegee"}}
Le texte de la note.
///

<script>{PWNED}</script><img src="https://ailleurs.example/p.png" onerror="{PWNED}">
<iframe src="https://ailleurs.example/"></iframe>
"""

CSP_PROBE = f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
{{csp}}<title>Sonde</title></head><body><main><p>Sonde</p>
<img src="https://ailleurs.example/pixel.png" alt="">
<img src="/theme/css/absente.png" alt="" onerror="{PWNED}">
<p style="background:url(https://ailleurs.example/fond.png)">Fond</p>
<script>{PWNED}</script>
<object data="https://ailleurs.example/x.swf"></object>
</main></body></html>
"""


TOUCH = """() => {
  for (const element of document.querySelectorAll("body *")) {
    for (const type of ["mouseover", "mouseenter", "click", "focus", "load", "error"]) {
      element.dispatchEvent(new Event(type));
    }
  }
  return window.__pwned === 1;
}"""


def visit(browser, server, path: str) -> tuple[Recorder, list[str], bool]:
    """(recorder, foreign URLs that reached the network layer, whether an injected handler ran)."""
    recorder = Recorder(server.origin, path)
    context = browser.new_context()
    recorder.attach(context)
    routed: list[str] = []

    def count(route):  # registered last, runs first: every request the browser really tries to send
        routed.append(route.request.url)
        route.fallback()

    context.route("**/*", count)
    page = context.new_page()
    recorder.attach_page(page)
    page.goto(server.url(path), wait_until="load")
    try:
        page.wait_for_load_state("networkidle", timeout=3000)
    except Exception:  # noqa: BLE001 - still busy: whatever it requested is recorded
        pass
    pwned = page.evaluate(TOUCH)  # every handler a visitor could trigger, triggered
    context.close()
    return recorder, foreign_requests(routed, server.origin), pwned


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    import os

    from conftest import SiteCopy

    copy = SiteCopy(tmp_path_factory.mktemp("hostile"))
    copy.write("content/images/photo.png", PNG)
    copy.write("content/articles/nouvelles/piege.md", HOSTILE_ARTICLE)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    try:
        result = copy.build()
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    assert result.problems == [], "\n".join(map(str, result.problems))
    return copy.output


def test_hostile_markdown_neither_runs_nor_loads_on_any_page(browser, hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert any("Article piégé" in page.read_text(encoding="utf-8") for page in pages)
    for page in pages:  # in the files themselves: no handler, no style attribute, nothing remote
        for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(True):
            assert not any(name.startswith("on") for name in tag.attrs), (page, tag)
            assert not (tag.name in {"img", "iframe", "script"} and "ailleurs" in str(tag.get("src"))), (page, tag)
    problems = []
    with StaticServer(hostile_site) as server:
        for page in pages:
            path = "/" + page.relative_to(hostile_site).as_posix().removesuffix("index.html")
            recorder, foreign, pwned = visit(browser, server, path)
            if pwned or foreign or recorder.errors():
                problems.append(f"{path}: pwned={pwned} foreign={foreign} errors={recorder.errors()}")
    assert problems == [], "\n".join(problems)


def test_the_csp_alone_stops_handlers_scripts_and_remote_resources(browser, built_site, tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    home = (site / "index.html").read_text(encoding="utf-8")
    csp = home[home.index('<meta http-equiv="Content-Security-Policy"'):]
    csp = csp[:csp.index(">") + 1]
    (site / "sonde.html").write_text(CSP_PROBE.replace("{csp}", csp), encoding="utf-8")
    (site / "sans-csp.html").write_text(CSP_PROBE.replace("{csp}", ""), encoding="utf-8")
    with StaticServer(site) as server:
        recorder, foreign, pwned = visit(browser, server, "/sonde.html")
        assert not pwned
        assert foreign == []
        assert any("Content Security Policy" in error for error in recorder.console_errors)
        # The same page without the policy: the probe is live, so the test above proves something.
        recorder, foreign, pwned = visit(browser, server, "/sans-csp.html")
        assert pwned
        assert "https://ailleurs.example/pixel.png" in foreign
