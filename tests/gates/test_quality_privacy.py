"""Privacy gate: the site talks to no one but itself, and a learner's words stay in their browser.

In Chromium, every kind of page of the shipped course and the mini fixture is loaded and
used (search, the daily track, answers) while every request is recorded: not one may go
to another host (no web fonts, analytics or CDN). What a learner types never appears in a
request, an address or a cookie. A static pass over every file of the built site backs
this up for pages the browser pass does not open.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import pytest

import quality

pytestmark = pytest.mark.browser

OWN = re.compile(r"^(?:data|blob|about):")


@pytest.fixture(scope="module")
def sites(shipped_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return quality.sites(shipped_site, tmp_path_factory, "shipped", "mini")


class Recorder:
    """Every request a browser context makes, and every address its pages show."""

    def __init__(self, context: Any) -> None:
        self.requests: list[str] = []
        self.addresses: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("page", self.watch)

    def watch(self, page: Any) -> None:
        page.on("framenavigated", lambda frame: self.addresses.append(frame.url))

    def elsewhere(self, base: str) -> list[str]:
        return sorted({url for url in self.requests if not url.startswith(base) and not OWN.match(url)})


@pytest.mark.parametrize("name", ["shipped", "mini"])
def test_no_page_requests_anything_from_another_host(browser, sites: dict[str, Path], name: str) -> None:
    site = sites[name]
    base = quality.served(site)
    context = browser.new_context()
    recorder = Recorder(context)
    try:
        page = context.new_page()
        kinds = quality.page_types(site)
        for url in kinds.values():
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
        # Search loads its index and a worker: from the site too.
        page.goto(base)
        page.keyboard.press("/")
        page.keyboard.type("lesson")
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    # The recorder saw the pages (so an empty list below means something).
    assert sum(url.startswith(base) for url in recorder.requests) > 5 * len(kinds)
    assert any("search" in url for url in recorder.requests)
    assert recorder.elsewhere(base) == []


def test_the_recorder_sees_a_request_to_another_host(browser, sites: dict[str, Path]) -> None:
    # The same recorder on a page that does ask another host: the check above can fail.
    base = quality.served(sites["mini"])
    context = browser.new_context()
    recorder = Recorder(context)
    try:
        page = context.new_page()
        page.route("http://elsewhere.invalid/**", lambda route: route.fulfill(status=204, body=""))
        page.goto(base)
        page.evaluate("() => fetch('http://elsewhere.invalid/beacon').catch(() => null)")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert recorder.elsewhere(base) == ["http://elsewhere.invalid/beacon"]


def test_what_a_learner_writes_stays_in_their_browser(browser, sites: dict[str, Path]) -> None:
    site = sites["shipped"]
    base = quality.served(site)
    data = quality.manifest(site)
    secret = f"secret{uuid.uuid4().hex[:12]}"
    context = browser.new_context()
    recorder = Recorder(context)
    try:
        page = context.new_page()
        page.goto(base + data["pages"]["today"])
        page.get_by_role("button", name="Start today").click()
        page.goto(base + data["lessons"][0]["url"])
        reflection = page.locator(".course-reflection textarea").first
        reflection.fill(f"{secret} in a reflection")
        page.get_by_role("button", name="Mark this lesson done").click()
        page.goto(base + data["worksheets"][0]["url"])
        field = page.locator(".course-worksheet input[type=text]").first
        field.fill(f"{secret} in a worksheet")
        field.press("Enter")  # a form with no action would send its fields in the address
        page.goto(base + data["pages"]["journal"])
        page.wait_for_selector(f"text={secret} in a reflection")
        page.goto(base)
        page.keyboard.press("/")
        page.keyboard.type(secret)  # even a search for it stays in the page
        page.wait_for_load_state("networkidle")
        for url in (data["pages"]["progress"], data["pages"]["certificate"]):
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
        stored = page.evaluate("() => JSON.stringify(Object.entries(localStorage))")
        session = page.evaluate("() => JSON.stringify(Object.entries(sessionStorage))")
        cookies = context.cookies()
    finally:
        context.close()
    assert f"{secret} in a reflection" in stored and f"{secret} in a worksheet" in stored  # it was written...
    assert not [url for url in recorder.requests + recorder.addresses if secret in url]  # ...and went nowhere
    assert secret not in session
    assert cookies == []
    assert recorder.elsewhere(base) == []


def outside_loads(site: Path) -> list[str]:
    """Every file any page or stylesheet of `site` would load from another host."""
    found = []
    for path in sorted(site.rglob("*.html")):
        parsed = quality.parse(path)
        for tag, attr, ref in parsed.refs:
            if (tag, attr) not in quality.FOLLOWED and quality.is_external(ref) and not OWN.match(ref):
                found.append(f"{path.relative_to(site)}: <{tag} {attr}={ref}>")
        for style in parsed.styles:
            found += [f"{path.relative_to(site)}: url({u})" for u in css_urls(style) if quality.is_external(u) and not OWN.match(u)]
    for path in sorted(site.rglob("*.css")):
        found += [f"{path.relative_to(site)}: url({u})" for u in css_urls(path.read_text(encoding="utf-8")) if quality.is_external(u) and not OWN.match(u)]
    return found


def css_urls(css: str) -> list[str]:
    """Every address a stylesheet loads: url(...) and @import."""
    return re.findall(r"url\(\s*['\"]?([^'\")\s]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css)


@pytest.mark.parametrize("name", ["shipped", "mini"])
def test_no_file_of_the_site_loads_anything_from_another_host(sites: dict[str, Path], name: str) -> None:
    assert outside_loads(sites[name]) == []


def test_the_static_pass_finds_an_outside_font_and_script(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.example.org/css"><script src="//cdn.example.org/x.js"></script>'
        '<a href="https://example.org/">a link a reader may follow is fine</a><img src="data:image/png;base64,AA==">'
        '<p style="background: url(https://track.example.org/p.gif)">',
        encoding="utf-8",
    )
    (site / "x.css").write_text("@import 'https://fonts.example.org/a.css'; b { background: url(data:image/png;base64,AA==) }", encoding="utf-8")
    assert outside_loads(site) == [
        "index.html: <link href=https://fonts.example.org/css>",
        "index.html: <script src=//cdn.example.org/x.js>",
        "index.html: url(https://track.example.org/p.gif)",
        "x.css: url(https://fonts.example.org/a.css)",
    ]
