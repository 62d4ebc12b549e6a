"""What a course page reads, as the key its Markdown is kept under in the page cache
(outputs/page_inputs.py, issue 20): two renderings with one key must be the same page.

The shipped course is edited one value at a time, in every field of a lesson (and every field of
the first item of each of its lists), its neighbours, a module, course.yml, the routines, a worksheet
and a cohort, and rendered again
after each edit. A key that leaves out something a page shows fails here: the edit that
changes the page keeps its key.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from conftest import ROOT
from mkdocs_course.load.loader import check_course
from mkdocs_course.outputs.page_inputs import page_keys
from mkdocs_course.render.pages import Renderer
from mkdocs_course.render.urls import Layout

# References to other items: an edit there makes another course, not another text.
NAMES = {"id", "routine", "worksheet", "worksheets", "image", "lessons", "module", "modules", "translations", "language", "timezone"}


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path to the first text or number under each key and item of `value`."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in NAMES:
                yield from _first(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value[:1]):
            yield from _first(item, (*path, i))


def _first(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        yield path
    elif isinstance(value, (dict, list)):
        inner = list(_leaves(value, path))
        yield from inner  # every text of the first item of each list


def _edited(data: Any, path: tuple[Any, ...]) -> Any:
    node = data
    for step in path[:-1]:
        node = node[step]
    old = node[path[-1]]
    node[path[-1]] = old + 1 if isinstance(old, int) else f"{old} Edited."
    return data


def _render(root: Path) -> dict[str, tuple[str, str]] | None:
    """Each kept page's (key, Markdown), or None when the edit made the course invalid."""
    course, problems = check_course(root)
    if course is None or any(p.severity == "error" for p in problems):
        return None
    renderer = Renderer(course, layout=Layout())
    pages = {page.uri: page.markdown for page in renderer.pages()}
    keys = page_keys(course, Layout(), renderer.packs, ("settings",))
    assert keys.keys() <= pages.keys()
    return {uri: (key, pages[uri]) for uri, key in keys.items()}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shipped")
    for folder in ("course", "lessons", "exercises"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def test_two_pages_under_one_key_are_the_same_page(shipped: Path) -> None:
    lessons = sorted((shipped / "lessons").rglob("*.yml"))
    middle = lessons[len(lessons) // 2]
    files = [
        middle, middle.parent / "module.yml", shipped / "course/course.yml", shipped / "course/routines.yml",
        sorted((shipped / "exercises").glob("*.yml"))[0], sorted((shipped / "course/cohorts").glob("*.yml"))[0],
    ]
    seen: dict[str, str] = {}
    first = _render(shipped)
    assert first is not None
    for key, markdown in first.values():
        seen[key] = markdown
    edits, kept_after = 0, []
    for path in files:
        original = path.read_text(encoding="utf-8")
        data = yaml.safe_load(original)
        for leaf in _leaves(data):
            path.write_text(yaml.safe_dump(_edited(yaml.safe_load(original), leaf), allow_unicode=True, sort_keys=False), encoding="utf-8")
            rendered = _render(shipped)
            path.write_text(original, encoding="utf-8")
            if rendered is None:
                continue
            edits += 1
            kept = 0
            for uri, (key, markdown) in rendered.items():
                if key in seen:
                    assert seen[key] == markdown, f"{uri} changed with {path.relative_to(shipped)} {leaf} edited, and its key did not"
                    kept += 1
                seen[key] = markdown
            kept_after.append((path.name, leaf, kept))
    # Not vacuous: edits of every file, each text of a lesson keeps all but a few pages, a title or course-wide edit keeps none.
    assert edits > 20, kept_after
    lesson_edits = [k for name, leaf, k in kept_after if name == middle.name and leaf[0] in ("sections", "action", "summary", "reflection")]
    assert lesson_edits and all(k >= len(first) - 5 for k in lesson_edits), kept_after  # its page, its neighbours, its module, a course page
    assert any(k == 0 for name, leaf, k in kept_after if name == "course.yml"), kept_after
