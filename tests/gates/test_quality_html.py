"""Valid HTML gate: the Nu HTML Checker (npm `vnu-jar`, pinned in package-lock.json) over
every HTML file of the built sites: the shipped course, the mini fixture, the mini course
with plain .html URLs in a folder, and the mini course with hostile text in every field.

Every error and warning fails the test except one: Material puts `autocomplete="off"` on
two hidden checkboxes of every page (the drawer and search toggles), which the checker
refuses. Those two are filtered by their exact message AND the exact element, so the same
mistake in our own markup still fails. Informational notes are not failures (the one seen:
Python-Markdown writes an author's Markdown image as `<img ... />`, and the checker notes
that the slash has no effect).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import quality

MATERIAL_AUTOCOMPLETE = (
    "Attribute \u201cautocomplete\u201d is only allowed when the input type is \u201ccolor\u201d, \u201cdate\u201d, "
    "\u201cdatetime-local\u201d, \u201cemail\u201d, \u201chidden\u201d, \u201cmonth\u201d, \u201cnumber\u201d, "
    "\u201cpassword\u201d, \u201crange\u201d, \u201csearch\u201d, \u201ctel\u201d, \u201ctext\u201d, \u201ctime\u201d, "
    "\u201curl\u201d, or \u201cweek\u201d."
)
MATERIAL_TOGGLE = re.compile(r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)" autocomplete="off">')

SITES = ["shipped", "mini", "plain", "hostile", "languages"]  # languages: a site per shipped language
_RESULT: dict[str, Any] = {}


def is_materials_own(message: dict[str, Any]) -> bool:
    return message.get("message") == MATERIAL_AUTOCOMPLETE and bool(MATERIAL_TOGGLE.search(message.get("extract", "")))


@pytest.fixture(scope="module")
def sites(shipped_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return quality.sites(shipped_site, tmp_path_factory, *SITES)


@pytest.fixture(scope="module")
def messages(sites: dict[str, Path]) -> dict[str, list[dict[str, Any]]]:
    """Every message of one checker run over all the sites (one JVM start), by site."""
    quality.need_node_modules()
    result = quality.run(["java", "-jar", str(quality.VNU_JAR), "--format", "json", "--skip-non-html", *map(str, sites.values())])
    assert result.returncode in (0, 1), result.stderr  # 1: it found something
    found = json.loads(result.stderr)["messages"]
    by_site: dict[str, list[dict[str, Any]]] = {name: [] for name in sites}
    for message in found:
        path = Path(message.get("url", "").removeprefix("file:"))
        name = next((n for n, s in sites.items() if path.is_relative_to(s)), None)
        assert name, f"a message about a file outside the sites: {message}"
        by_site[name].append(message)
    return by_site


def describe(found: list[dict[str, Any]], site: Path) -> str:
    lines = []
    for m in found[:40]:
        where = Path(m.get("url", "").removeprefix("file:")).relative_to(site) if m.get("url") else "?"
        lines.append(f"{where}:{m.get('lastLine', '?')}: {m['type']}{'/' + m['subType'] if m.get('subType') else ''}: {m['message']}\n    {m.get('extract', '').strip()[:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", SITES)
def test_every_page_is_valid_html(messages: dict[str, list[dict[str, Any]]], sites: dict[str, Path], name: str) -> None:
    site = sites[name]
    rest = [m for m in messages[name] if not is_materials_own(m) and (m["type"] != "info" or m.get("subType") == "warning")]
    assert rest == [], f"{len(rest)} messages from the Nu HTML Checker:\n" + describe(rest, site)


@pytest.mark.parametrize("name", SITES)
def test_the_filter_takes_exactly_materials_two_toggles_per_page(messages: dict[str, list[dict[str, Any]]], sites: dict[str, Path], name: str) -> None:
    # Every page was checked (each has Material's two toggles), and nothing else was filtered.
    pages = sorted(sites[name].rglob("*.html"))
    filtered = Counter(Path(m["url"].removeprefix("file:")) for m in messages[name] if is_materials_own(m))
    assert filtered == Counter({page: 2 for page in pages})


def test_the_filter_does_not_hide_the_same_mistake_in_our_markup() -> None:
    ours = {"message": MATERIAL_AUTOCOMPLETE, "extract": '<input type="checkbox" id="field-traits-1" autocomplete="off">'}
    theirs = {"message": MATERIAL_AUTOCOMPLETE, "extract": '\n<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n'}
    assert not is_materials_own(ours) and is_materials_own(theirs)
