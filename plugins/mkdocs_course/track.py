"""The learner's daily track as data for the browser, and the order of the journal.

A learner's state (start date, lessons done, routine ticks, notes) lives only in
their browser, so the pages that show it (home, Today, Progress, Certificate) are
the same for everyone: `assets/track.js` reads the state and draws the day. It
needs the track itself (lessons in order, their pages, each cohort's dates), and
the pages carry it in one attribute rather than fetching `course.json`, because
browsers refuse `fetch` from a site opened as files, and a course must work
offline. URLs in it are relative to the course home, so the same text fits every
page; each page says where the home is (`data-course-root`).

The journal page is rendered here in course order (each worksheet where a lesson
first uses it), so it reads as a list of every question without JavaScript and
track.js only fills in the answers. Nothing here imports MkDocs (decision D2).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import model

if TYPE_CHECKING:
    from .pages import Layout

# The views' script, loaded only by the pages with a view (track_macros.md.j2), so a
# lesson page does not carry it. In the site's asset folder (export.ASSET_DIR).
VIEWS_SCRIPT = "assets/mkdocs-course/track-views.js"


def track_data(course: model.Course, layout: Layout, url: Callable[[str], str]) -> dict[str, Any]:
    """The track; `url` turns a page uri into a link relative to the course home."""
    pages = {"today": layout.today, "progress": layout.progress, "journal": layout.journal, "certificate": layout.certificate}
    if course.cohorts:
        pages["cohorts"] = layout.cohorts
    return {
        "course": course.id,
        "title": course.title,
        "modules": [{"id": m.id, "title": m.title, "url": url(layout.module(m))} for m in course.modules],
        "lessons": [
            {
                "id": lesson.id,
                "day": lesson.day,
                "title": lesson.title,
                "module": lesson.module_id,
                "minutes": lesson.data.minutes,
                "routine": lesson.data.routine,
                "url": url(layout.lesson(lesson)),
            }
            for lesson in course.lessons
        ],
        "routines": [{"id": r.id, "title": r.title, "minutes": r.minutes, "url": url(layout.routine(r.id))} for r in course.routines],
        # A cohort's lesson dates in track order, one per lesson.
        "cohorts": [
            {"id": c.id, "name": c.name, "url": url(layout.cohort_schedule(c)), "dates": [c.date_of(lesson).isoformat() for lesson in course.lessons]}
            for c in course.cohorts
        ],
        "pages": {name: url(uri) for name, uri in pages.items()},
    }


def track_json(course: model.Course, layout: Layout, url: Callable[[str], str]) -> str:
    """The track as compact JSON, safe inside a single-quoted HTML attribute.

    `&<>'` become JSON escapes rather than HTML entities: the text stays JSON and
    is a third shorter than entity-escaped quotes, which matters in a long course.
    """
    text = json.dumps(track_data(course, layout, url), ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("'", "\\u0027")


@dataclass(frozen=True)
class JournalPart:
    """One part of the journal: a lesson's reflection and the worksheets it uses first.

    The last part may have no lesson: worksheets no lesson uses.
    """

    lesson: model.Lesson | None
    worksheets: tuple[model.Worksheet, ...]


def journal_parts(course: model.Course) -> list[JournalPart]:
    seen: set[str] = set()
    parts = []
    for lesson in course.lessons:
        first = [course.worksheet_by_id[w] for w in lesson.data.worksheets if w not in seen and w in course.worksheet_by_id]
        seen.update(w.id for w in first)
        parts.append(JournalPart(lesson, tuple(first)))
    unused = tuple(w for w in course.worksheets if w.id not in seen)
    if unused:
        parts.append(JournalPart(None, unused))
    return parts
