"""The learner's daily track as data for the browser, and the order of the journal.

A learner's state (start date, lessons done, routine ticks, notes) lives only in
their browser, so the pages that show it are the same for everyone:
`assets/track.js` reads the state and draws the day, on every page (marks in the
sidebar and in lists, the lesson's "done" button, dates in day-by-day tables).
It needs the track itself (lessons in order, their pages, each cohort's dates),
which the site carries in one generated script, `track-data.js`, loaded by every
page: a script, not `course.json`, because browsers refuse `fetch` from a site
opened as files, and a course must work offline; one cached file, not an
attribute on each page, because a long course's track is large. Addresses in it
are relative to the course home, and `home` is the way from the script's own
folder to the home, so the script finds every page from its own address.

The journal page is rendered here in course order (each worksheet where a lesson
first uses it), so it reads as a list of every question without JavaScript and
track.js only fills in the answers. Nothing here imports MkDocs (decision D2).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import model
from ..model import i18n
from .keys import contract, key
from .urls import Layout

# The views' script, loaded only by the pages with a view (track_macros.md.j2), so a
# lesson page does not carry it. In the site's asset folder (export.ASSET_DIR).
VIEWS_SCRIPT = "assets/mkdocs-course/track-views.js"
# The track itself, made with each build and loaded by every page before track.js.
DATA_SCRIPT = "track-data.js"


def track_data(course: model.Course, layout: Layout, url: Callable[[str], str]) -> dict[str, Any]:
    """The track; `url` turns a page uri into a link relative to the course home."""
    pages = {"today": layout.today, "progress": layout.progress, "journal": layout.journal, "certificate": layout.certificate}
    if course.cohorts:
        pages["cohorts"] = layout.cohorts
    return {
        "course": course.id,
        "storage": contract(),  # how the browser builds the storage keys (keys.py)
        "words": i18n.script_messages(course.data.language),  # the scripts' messages in the course's language (i18n.py)
        "title": course.title,
        "modules": [module_entry(m, layout, url) for m in course.modules],
        "lessons": [lesson_entry(lesson, layout, url) for lesson in course.lessons],
        "routines": [routine_entry(r, layout, url) for r in course.routines],
        # The fields a learner fills in ("3 of 8 answered"): an `answer` field only shows one of another worksheet.
        "worksheets": [{**worksheet_entry(w, layout, url), "fields": sum(f.type != "answer" for f in w.data.fields)} for w in course.worksheets],
        # A cohort's lesson dates in track order, one per lesson.
        "cohorts": [
            {"id": c.id, "name": c.name, "url": url(layout.cohort_schedule(c)), "dates": [c.date_of(lesson).isoformat() for lesson in course.lessons]}
            for c in course.cohorts
        ],
        "pages": {name: url(uri) for name, uri in pages.items()},
        "renamed": renamed_keys(course),
    }


# One shape for each part of the course wherever the site describes it to a script
# or a tool: here for the browser, and in `course.json` (outputs/manifest.py),
# which adds what only outside tools need.


def module_entry(module: model.Module, layout: Layout, url: Callable[[str], str]) -> dict[str, Any]:
    return {"id": module.id, "title": module.title, "url": url(layout.module(module))}


def lesson_entry(lesson: model.Lesson, layout: Layout, url: Callable[[str], str]) -> dict[str, Any]:
    return {
        "id": lesson.id,
        "title": lesson.title,
        "day": lesson.day,
        "module": lesson.module_id,
        "minutes": lesson.data.minutes,
        "routine": lesson.data.routine,
        "url": url(layout.lesson(lesson)),
        # Progress counts the self-checks a learner got right the first time; spaced review brings them back.
        "checks": [{"id": c.id, "kind": c.kind, "question": c.question} for c in lesson.data.checks],
    }


def routine_entry(routine: model.Routine, layout: Layout, url: Callable[[str], str]) -> dict[str, Any]:
    return {"id": routine.id, "title": routine.title, "minutes": routine.minutes, "url": url(layout.routine(routine.id))}


def worksheet_entry(worksheet: model.Worksheet, layout: Layout, url: Callable[[str], str]) -> dict[str, Any]:
    return {"id": worksheet.id, "title": worksheet.title, "url": url(layout.worksheet(worksheet.id))}


def renamed_keys(course: model.Course) -> list[list[str]]:
    """[old, new] key prefixes of learners' records, from `renamed_from`, in the order course.js applies them:
    lessons and worksheets first, then the fields of each worksheet under its new id."""
    c = course.id
    pairs = [[key(c, "lesson", old), key(c, "lesson", lesson.id)] for lesson in course.lessons for old in lesson.data.renamed_from]
    pairs += [[key(c, "worksheet", old), key(c, "worksheet", sheet.id)] for sheet in course.worksheets for old in sheet.data.renamed_from]
    pairs += [[key(c, "lesson", lesson.id, old), key(c, "lesson", lesson.id, check.id)] for lesson in course.lessons for check in lesson.data.checks for old in check.renamed_from]
    # Today's review keeps its state per lesson and check too (review.py).
    pairs += [[key(c, "review", old), key(c, "review", lesson.id)] for lesson in course.lessons for old in lesson.data.renamed_from]
    pairs += [[key(c, "review", lesson.id, "check", old), key(c, "review", lesson.id, "check", check.id)] for lesson in course.lessons for check in lesson.data.checks for old in check.renamed_from]
    pairs += [[key(c, "worksheet", sheet.id, old), key(c, "worksheet", sheet.id, f.id)] for sheet in course.worksheets for f in sheet.data.fields for old in f.renamed_from]
    return pairs


def track_script(course: model.Course, layout: Layout, url: Callable[[str], str], home: str) -> str:
    """`track-data.js`: the track as `window.mkdocsCourseTrack`; `home` leads from the script's folder to the course home.

    The data is JSON, which is JavaScript (`script_value`).
    """
    text = script_value({"home": home, **track_data(course, layout, url)})
    return (
        "/* mkdocs-course: this course's daily track, made with the site (track.py). */\n"
        f"(function () {{ var t = {text}; t.base = document.currentScript ? document.currentScript.src : location.href; window.mkdocsCourseTrack = t; }})();\n"
    )


def script_value(data: Any) -> str:
    """`data` as a JavaScript value inside a script: JSON with `<`, `>` and `&` escaped, so no
    course text can look like the end of the script. (Course text holds no line separator:
    the model refuses them.)"""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escaped)
    return text


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
