"""Browser harness: a quiet local HTTP server, headless Chromium, and page checks.

Every check is a plain function returning a list of problems (strings, empty when
fine), so the site tests and the harness's own tests run the same code.
Requests to any other origin are recorded, then aborted before they reach the
network (this machine has none, and nothing may leak anyway).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Playwright

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROW_VIEWPORT = {"width": 320, "height": 640}
TIMEOUT_MS = 15_000
IDLE_TIMEOUT_MS = 3_000  # late requests after `load` (scripts, lazy images)
DEFAULT_PORTS = {"http": 80, "https": 443}


# --- Local server -----------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


class _CorsHandler(_QuietHandler):
    """Lets any origin read the files, as GitHub Pages does: a script loaded from another site
    with integrity="…" must be fetched with CORS (crossorigin="anonymous")."""

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


class StaticServer:
    """Serves a directory on 127.0.0.1, on a free port, from a daemon thread: one origin."""

    def __init__(self, directory: Path, cors: bool = False):
        handler = functools.partial(_CorsHandler if cors else _QuietHandler, directory=str(directory))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.origin = f"http://{host}:{port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="static-server",
                                        daemon=True)

    def url(self, path: str) -> str:
        return self.origin + path

    def __enter__(self) -> StaticServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


# --- Chromium ---------------------------------------------------------------

def chromium_executable() -> tuple[str | None, list[str]]:
    """The system Chromium to use, and notes on candidates that were not found."""
    notes = []
    env = os.environ.get("CHROMIUM_PATH")
    if env:
        if os.path.isfile(env) and os.access(env, os.X_OK):
            return env, notes
        notes.append(f"CHROMIUM_PATH={env!r} is not an executable file")
    if os.path.isfile("/usr/bin/chromium") and os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium", notes
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found, notes
    notes.append("no chromium, chromium-browser or google-chrome on PATH")
    return None, notes


def launch_chromium(playwright: Playwright) -> tuple[Browser | None, list[str]]:
    """Headless Chromium (system one first, then Playwright's own), or None and why not."""
    executable, notes = chromium_executable()
    if executable:
        try:
            return playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS), notes
        except Exception as exc:  # noqa: BLE001 - reported as the reason to skip or fail
            notes.append(f"{executable}: {_first_line(exc)}")
    try:
        return playwright.chromium.launch(args=LAUNCH_ARGS), notes
    except Exception as exc:  # noqa: BLE001
        notes.append(f"Playwright's managed Chromium: {_first_line(exc)}")
    return None, notes


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --- Origins and event recording ---------------------------------------------

def origin_of(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) of an http(s) URL; blob: URLs have their creator's origin."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "blob":
        return origin_of(url[len("blob:"):])
    if scheme not in DEFAULT_PORTS:
        return None
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        return None
    return scheme, (parts.hostname or "").lower(), port


def is_local(url: str, origin: str) -> bool:
    if urlsplit(url).scheme.lower() in {"data", "about"}:
        return True
    return origin_of(url) is not None and origin_of(url) == origin_of(origin)


def foreign_requests(urls: list[str], origin: str) -> list[str]:
    """The requested URLs that are not on `origin` (data: URLs are fine), in order, once each."""
    foreign = [url for url in urls if not is_local(url, origin)]
    return list(dict.fromkeys(foreign))


@dataclass
class Recorder:
    """What a browser context did: requests, errors, failed loads."""

    origin: str
    label: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self._route)
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_request_failed)

    def attach_page(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(f"[{self.label}] {error}"))

    def _route(self, route) -> None:
        if is_local(route.request.url, self.origin):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _on_response(self, response) -> None:
        if response.status >= 400 and is_local(response.url, self.origin):
            self.failed.append(f"[{self.label}] HTTP {response.status} {response.url}")

    def _on_request_failed(self, request) -> None:
        if is_local(request.url, self.origin):
            self.failed.append(f"[{self.label}] failed {request.url}: {request.failure}")

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = message.location or {}
            at = f" ({where.get('url')}:{where.get('lineNumber')})" if where.get("url") else ""
            self.console_errors.append(f"[{self.label}] console error: {message.text}{at}")

    def errors(self) -> list[str]:
        return [*self.console_errors, *self.page_errors, *self.failed]


# --- Checks on a loaded page ---------------------------------------------------

@functools.cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def check_axe(page: Page, tags: list[str] = AXE_TAGS) -> list[str]:
    """axe-core violations for the WCAG 2.1 A and AA rules: `id (impact): help — targets`."""
    page.evaluate(axe_source())
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]},
    )
    problems = []
    for violation in results["violations"]:
        targets = ", ".join(
            " >> ".join(map(str, node["target"])) if isinstance(node["target"], list) else str(node["target"])
            for node in violation["nodes"]
        )
        problems.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']} — {targets}")
    return problems


STORAGE_SCRIPT = """async () => {
  const keys = store => Array.from({length: store.length}, (_, i) => store.key(i));
  const databases = indexedDB.databases ? await indexedDB.databases() : [];
  const workers = navigator.serviceWorker ? await navigator.serviceWorker.getRegistrations() : [];
  return {local: keys(localStorage), session: keys(sessionStorage),
          indexedDB: databases.map(db => db.name),
          caches: typeof caches === 'undefined' ? [] : await caches.keys(),
          serviceWorkers: workers.map(worker => worker.scope)};
}"""


def check_storage(context: BrowserContext, page: Page) -> list[str]:
    """No cookie, localStorage, sessionStorage, IndexedDB, Cache Storage or service worker."""
    problems = [f"cookie {c['name']}={c['value']!r} (domain {c['domain']}, path {c['path']})"
                for c in context.cookies()]
    storage = page.evaluate(STORAGE_SCRIPT)
    if storage["local"]:
        problems.append(f"localStorage.length == {len(storage['local'])}: keys {storage['local']}")
    if storage["session"]:
        problems.append(f"sessionStorage.length == {len(storage['session'])}: keys {storage['session']}")
    if storage["indexedDB"]:
        problems.append(f"IndexedDB databases: {storage['indexedDB']}")
    if storage["caches"]:
        problems.append(f"Cache Storage: {storage['caches']}")
    if storage["serviceWorkers"]:
        problems.append(f"service workers registered for {storage['serviceWorkers']}")
    return problems


def check_lang(page: Page, expected: str = "fr") -> list[str]:
    lang = page.evaluate("document.documentElement.lang")
    return [] if lang == expected else [f"document.documentElement.lang == {lang!r}, expected {expected!r}"]


OVERFLOW_SCRIPT = """async width => {
  await document.fonts.ready;
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    Array.from(el.classList, c => '.' + c).join('');
  const wide = Array.from(document.body ? document.body.querySelectorAll('*') : [])
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .filter(el => !Array.from(el.children).some(child => child.getBoundingClientRect().right > width + 0.5))
    .slice(0, 8)
    .map(el => `${describe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
  return {scrollWidth: document.documentElement.scrollWidth, wide};
}"""


def check_overflow(page: Page, width: int = NARROW_VIEWPORT["width"]) -> list[str]:
    """No horizontal scrolling: document.documentElement.scrollWidth <= viewport width."""
    result = page.evaluate(OVERFLOW_SCRIPT, width)
    if result["scrollWidth"] <= width:
        return []
    culprits = "; ".join(result["wide"]) or "no element found past the edge"
    return [f"document.documentElement.scrollWidth == {result['scrollWidth']} > {width} "
            f"(viewport {width}px); widest elements: {culprits}"]


def check_main_text(page: Page) -> list[str]:
    """A <main> with visible text (used with JavaScript disabled)."""
    main = page.query_selector("main")
    if main is None:
        return ["no <main> element"]
    if not main.inner_text().strip():
        return ["<main> has no visible text"]
    return []


# --- One page, all checks ------------------------------------------------------

@dataclass
class PageReport:
    url: str
    requests: list[str] = field(default_factory=list)  # every URL requested, all contexts
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors, page errors, failed loads
    axe: list[str] = field(default_factory=list)
    storage: list[str] = field(default_factory=list)
    lang: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    no_js: list[str] = field(default_factory=list)


def _visit(browser: Browser, url: str, origin: str, label: str, check, wait_idle: bool = False,
           **context_options) -> tuple[Recorder, list[str]]:
    """Load url in a fresh context, run check(context, page, recorder); always close the context."""
    recorder = Recorder(origin, label)
    context = browser.new_context(**context_options)
    try:
        context.set_default_timeout(TIMEOUT_MS)
        recorder.attach(context)
        page = context.new_page()
        recorder.attach_page(page)
        response = page.goto(url, wait_until="load")
        if response is None:  # a status >= 400 is already recorded by the response listener
            recorder.failed.append(f"[{label}] no response for {url}")
        if wait_idle:
            try:
                page.wait_for_load_state("networkidle", timeout=IDLE_TIMEOUT_MS)
            except Exception:  # noqa: BLE001 - still busy: whatever it requested is recorded
                pass
        return recorder, check(context, page, recorder)
    finally:
        context.close()


def inspect_page(browser: Browser, url: str, origin: str, lang: str = "fr") -> PageReport:
    """All checks on one URL: one context with JavaScript, one at 320 px, one without JavaScript.
    `lang`: the language the page must declare on <html>."""
    report = PageReport(url)

    def with_js(context, page, recorder):
        report.storage = check_storage(context, page)
        report.lang = check_lang(page, lang)
        # What axe itself may cause is not the page's doing: keep the events from before it ran.
        before = {name: list(getattr(recorder, name))
                  for name in ("requests", "console_errors", "page_errors", "failed")}
        problems = check_axe(page)
        for name, events in before.items():
            setattr(recorder, name, events)
        return problems

    js, report.axe = _visit(browser, url, origin, "js", with_js, wait_idle=True)
    narrow, report.overflow = _visit(browser, url, origin, "320px",
                                     lambda context, page, _: check_overflow(page),
                                     viewport=NARROW_VIEWPORT)
    no_js, report.no_js = _visit(browser, url, origin, "no-js",
                                 lambda context, page, _: check_main_text(page),
                                 java_script_enabled=False)
    for recorder in (js, narrow, no_js):
        report.requests += recorder.requests
        report.errors += recorder.errors()
    report.foreign = foreign_requests(report.requests, origin)
    return report
