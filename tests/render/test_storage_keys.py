"""The learner-storage key format is defined once (render/keys.py) and every part uses it.

If pages and scripts built keys their own ways and drifted apart, saved answers would
silently stop showing (decision D8). So: every key a page carries is `keys.key` of a
real item; what the browser saves is `keys.stored` of those keys; the scripts take the
namespace from the track data, not from a copy of their own.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import quality
from conftest import ROOT, serving
from mkdocs_course.load.loader import load_course
from mkdocs_course.render import keys

PACKAGE = ROOT / "plugins" / "mkdocs_course"
KEY_ATTRIBUTES = ("data-course-key", "data-course-print-key", "data-course-form", "data-course-done", "data-course-routine", "data-course-tools", "data-course-routine-tracker", "data-course-cohort-key", "data-course-journal-key", "data-course-check")


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return quality.mini_site(tmp_path_factory)


def known_keys(course) -> set[str]:
    """Every key the course can give an item or a field of one, by keys.key."""
    c = course.id
    found = {keys.key(c, "cohort")}
    for lesson in course.lessons:
        found.add(keys.key(c, "lesson", lesson.id))
        found |= {keys.key(c, "lesson", lesson.id, p.id) for p in lesson.data.reflection}
        found |= {keys.key(c, "lesson", lesson.id, check.id) for check in lesson.data.checks}
    for sheet in course.worksheets:
        found.add(keys.key(c, "worksheet", sheet.id))
        found |= {keys.key(c, "worksheet", sheet.id, f.id) for f in sheet.data.fields}
    found |= {keys.key(c, "routine", r.id) for r in course.routines}
    # A facilitator's run sheet for each session (session_sheets.py): its blocks, notes and attendance.
    from mkdocs_course.model.cohort import run_sheet
    from mkdocs_course.render.session_sheets import session_sheet

    for cohort in course.cohorts:
        for s in cohort.sessions:
            sheet = session_sheet(cohort, s, [""] * len(run_sheet(s)), [""] * len(run_sheet(s)))
            found.add(keys.key(c, *sheet.key_parts))
            found |= {keys.key(c, *sheet.key_parts, f.id) for f in sheet.fields}
    return found


@pytest.mark.parametrize("which", ["shipped", "mini"])
def test_every_key_a_page_carries_is_the_key_of_a_real_item(which: str, shipped_site: Path, mini: Path) -> None:
    site, root = (shipped_site, ROOT) if which == "shipped" else (mini, ROOT / "tests/fixtures/mini")
    known = known_keys(load_course(root))
    seen: dict[str, set[str]] = {}
    for page in site.rglob("*.html"):
        for name, value in re.findall(r'\b(data-course-[a-z-]+-?key|data-course-(?:form|done|routine|tools|routine-tracker|check))="([^"]*)"', page.read_text(encoding="utf-8")):
            if name in KEY_ATTRIBUTES:
                seen.setdefault(value, set()).add(page.relative_to(site).as_posix())
    assert len(seen) > 10, "the pages carry keys"
    assert {k: sorted(p)[:2] for k, p in seen.items() if k not in known} == {}


def test_the_format_is_written_once(mini: Path) -> None:
    """No script or template spells the namespace or builds a key by hand."""
    sources = [*sorted((PACKAGE / "assets").glob("*.js")), *sorted((PACKAGE / "templates").rglob("*.j2"))]
    assert not [p.name for p in sources if keys.NAMESPACE in p.read_text(encoding="utf-8")]
    by_hand = re.compile(r"""["'](?:/?(?:lesson|worksheet|routine)/)["']|\+\s*["']/["']|["']/["']\s*\+|\}\}/""")
    assert [f"{p.name}: {m.group(0)}" for p in sources for m in by_hand.finditer(p.read_text(encoding="utf-8"))] == []
    # The track data carries the contract the scripts read.
    assert f'"namespace": "{keys.NAMESPACE}"' in (mini / "assets/mkdocs-course/track-data.js").read_text(encoding="utf-8").replace('":"', '": "')


def test_the_browser_saves_under_the_keys_the_pages_name(browser, mini: Path) -> None:
    course = load_course(ROOT / "tests/fixtures/mini")
    lesson, sheet, routine = course.lessons[0], course.worksheets[0], course.routines[0]
    field = next(f for f in sheet.data.fields if f.type == "text")
    base = quality.served(mini)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(base + f"worksheets/{sheet.id}/")
        page.locator(f'[data-course-key="{keys.key(course.id, "worksheet", sheet.id, field.id)}"] input').fill("Mine")
        page.goto(base + quality.manifest(mini)["lessons"][0]["url"])
        page.get_by_role("button", name="Mark this lesson done").click()
        page.locator(".course-routine input[type=checkbox]").first.check()
        saved = set(page.evaluate("Object.keys(localStorage)"))
    finally:
        context.close()
    expected = {
        keys.stored("answers", keys.key(course.id, "worksheet", sheet.id, field.id)),
        keys.stored("progress", keys.key(course.id, "lesson", lesson.id)),
        keys.stored("progress", keys.key(course.id, "start")),
    }
    assert expected <= saved, saved
    assert any(k.startswith(keys.stored("routines", keys.key(course.id, "routine", routine.id, ""))) for k in saved), saved


def test_the_scripts_take_the_namespace_from_the_track_data(browser, mini: Path, tmp_path: Path) -> None:
    """A site whose track data names another namespace saves under it: the scripts keep no copy."""
    site = shutil.copytree(mini, tmp_path / "site")
    data = site / "assets/mkdocs-course/track-data.js"
    data.write_text(data.read_text(encoding="utf-8").replace(keys.NAMESPACE, "mkdocs-course.v9"), encoding="utf-8")
    course = load_course(ROOT / "tests/fixtures/mini")
    with serving(site) as base:
        context = browser.new_context()
        page = context.new_page()
        try:
            page.goto(base + quality.manifest(site)["lessons"][0]["url"])
            page.get_by_role("button", name="Mark this lesson done").click()
            saved = page.evaluate("Object.keys(localStorage)")
        finally:
            context.close()
    assert f"mkdocs-course.v9:progress:{keys.key(course.id, 'lesson', course.lessons[0].id)}" in saved
    assert not [k for k in saved if k.startswith(keys.NAMESPACE)]
