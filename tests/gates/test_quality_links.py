"""Links gate: every internal link, loaded file and #fragment in the built sites resolves.

Checked on the built HTML (the same check as mkdocs-htmlproofer's internal part, without a
plugin in the build): links in every page of the shipped course, the mini fixture, the
mini course with plain .html URLs in a folder; and the links in the lesson feed. The checker is tested on a small site made to be broken.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import quality

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def sites(shipped_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return quality.sites(shipped_site, tmp_path_factory, "shipped", "mini", "plain")


# Not the hostile course: its unsafe links are turned into `#unsafe-link-removed` on purpose
# (tests/gates/test_quality_hostile.py checks them).
@pytest.mark.parametrize("name", ["shipped", "mini", "plain"])
def test_every_internal_link_and_anchor_resolves(sites: dict[str, Path], name: str) -> None:
    broken, checked = quality.broken_links(sites[name])
    assert checked > 20 * len(list(sites[name].rglob("*.html")))  # the nav alone links every page
    assert broken == []


@pytest.mark.parametrize("name", ["shipped", "plain"])
def test_the_lesson_feed_links_every_lesson_to_its_page(sites: dict[str, Path], name: str) -> None:
    site = sites[name]
    data = quality.manifest(site)
    feed = site / data["pages"]["feed"]
    root = ET.parse(feed).getroot()
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert len(links) > len(data["lessons"])
    broken = []
    for href in links:
        if quality.is_external(href or ""):
            continue
        target, _ = quality.resolve(site, feed, href)
        if target is None:
            broken.append(href)
    assert broken == []


def test_the_checker_finds_what_is_broken(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "b.html").write_text('<h2 id="here">B</h2>', encoding="utf-8")
    (site / "a" / "index.html").write_text(
        '<a href="../b.html#here">fine</a> <a href="../b.html#gone">no anchor</a> <a href="#top">no anchor here</a>'
        '<a href="../missing/">no page</a> <img src="../pic.png"> <a href="../../outside.html">above the root</a>'
        '<a href="https://example.org/x">external: not checked</a> <a href="mailto:a@b.c">mail</a> <a href="./">itself</a>'
        '<link rel="stylesheet" href="../b.html"> <script src="/a/"></script>',
        encoding="utf-8",
    )
    broken, checked = quality.broken_links(site)
    assert sorted(broken) == sorted([
        "a/index.html -> ../b.html#gone: no element with id `gone`",
        "a/index.html -> #top: no element with id `top`",
        "a/index.html -> ../missing/: no such file",
        "a/index.html -> ../pic.png: no such file",
        "a/index.html -> ../../outside.html: no such file",
    ])
    assert checked == 9
