"""What a course page's Markdown is made from, as one key: a plain `mkdocs build` takes the page
from the page cache (outputs/page_cache.py) instead of rendering it again when the key is the same
(issue 20). At a thousand lessons, rendering the course's Markdown was a third of a second build.

A lesson page (templates/lesson.md.j2) shows its own lesson, its neighbours (day, title, teaser),
and course-wide facts: the course's settings, its module, its routine and worksheets, figures,
cohort dates, the number of lessons. So the key holds, and errs on the side of holding more:

- the whole course with each lesson reduced to what other pages list of it (`_listed`): its id,
  place, day, title, routine and worksheets; course.yml, modules, routines, worksheets, cohorts and
  figures whole (`course_digest`, once a build);
- the lesson itself and its two neighbours, whole;
- the page's address and title, and how pages are rendered (the renderer's settings and template
  overrides, and this package's own files: templates, catalogs, code).

A module's page reads its lessons whole; the pages of routines, worksheets and workbooks read lessons
only as listed; the pages of the whole course (home, summary, today, progress, journal, facilitator
guide...) read a few fields of every lesson (`COURSE_PAGES`). The cohorts' pages, few, are rendered
every build.
tests/outputs/test_page_inputs.py renders the course after edits of every kind and fails if two
pages with one key differ.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from ..model import Course, Lesson
from ..render.urls import Layout
from . import page_cache

# What a lesson is to the pages that only list it; a lesson page shows its neighbours whole (page_keys).
def _listed(lesson: Lesson) -> list[Any]:
    return ["lesson", lesson.id, lesson.module_id, lesson.day, lesson.source, lesson.data.title, lesson.data.routine, list(lesson.data.worksheets)]


def _plain(x: Any) -> Any:
    """`x` as JSON-able data, each lesson as `_listed`. What it cannot name is given by its repr
    (dates, time zones); a repr that changes from run to run only costs a cache miss."""
    if isinstance(x, Lesson):
        return _listed(x)
    if isinstance(x, BaseModel):
        return x.model_dump(mode="json")
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return [type(x).__name__, {f.name: _plain(getattr(x, f.name)) for f in dataclasses.fields(x)}]
    if isinstance(x, Mapping):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, bytes):
        return hashlib.sha256(x).hexdigest()
    if x is None or isinstance(x, (str, int, float, bool)):
        return x
    return repr(x)


def course_digest(course: Course, settings: Any) -> str:
    """What every lesson page of this build reads besides its own lesson and neighbours."""
    return page_cache.digest("lesson page", page_cache.package_digest(), settings, _plain(course))


def page_keys(course: Course, layout: Layout, packs: Sequence[Any], settings: Any) -> dict[str, str]:
    """The key of each course page that is kept this way, by its uri (the others are rendered every build)."""
    base = course_digest(course, settings)
    # each lesson whole, hashed once: pages combine these
    whole = {lesson.id: hashlib.sha256(lesson.data.model_dump_json().encode("utf-8")).hexdigest() for lesson in course.lessons}
    keys = {}
    for lesson in course.lessons:
        before, after = course.previous(lesson), course.next(lesson)
        uri = layout.lesson(lesson)
        keys[uri] = page_cache.digest(base, uri, whole[lesson.id], whole[before.id] if before else None, whole[after.id] if after else None)
    # A module's page shows its lessons (objectives, teasers, minutes).
    for module in course.modules:
        uri = layout.module(module)
        keys[uri] = page_cache.digest(base, uri, [whole[lesson.id] for lesson in module.lessons])
    # Routines, worksheets and workbooks show lessons only as listed (title, routine, worksheets).
    listed = [layout.routines, layout.worksheets, *(layout.routine(r.id) for r in course.routines), *(layout.worksheet(w.id) for w in course.worksheets)]
    if packs:
        listed += [layout.workbooks, *(layout.workbook(pack) for pack in packs)]
    keys.update({uri: page_cache.digest(base, uri) for uri in listed})
    # The pages of the whole course show a few fields of every lesson besides how it is listed.
    reads = sorted({name for names in COURSE_PAGES.values() for name in names})
    shown = {lesson.id: lesson.data.model_dump(mode="json", include=set(reads)) for lesson in course.lessons}
    for page, names in COURSE_PAGES.items():
        uri = getattr(layout, page)
        keys[uri] = page_cache.digest(base, uri, [[lesson.id, *(shown[lesson.id].get(name) for name in names)] for lesson in course.lessons])
    return keys


# Each page that shows the whole course (a Layout property), and the fields of every lesson it
# shows besides how lessons are listed (`_listed`): its template's and macros' reads. A field left
# out here fails tests/outputs/test_page_inputs.py, which edits every field of a lesson.
COURSE_PAGES: dict[str, tuple[str, ...]] = {
    "home": ("minutes",),  # the course's hours
    "about": ("minutes",),
    "certificate": ("minutes",),
    "today": ("minutes",),
    "progress": (),
    "summary": ("summary",),
    "journal": ("reflection", "checks"),
    "facilitator": ("facilitator", "checks", "minutes"),
}
