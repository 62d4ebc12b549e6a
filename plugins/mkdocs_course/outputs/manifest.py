"""`course.json`: the machine-readable map of a built course.

The learner's browser code reads it (to know every lesson, its day and URL) and
so can outside tools. Its shape is documented in `docs/manifest.md`; add keys
freely, but never rename or remove one without raising `MANIFEST_VERSION`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .. import __version__, model
from ..model.cohort import WEEKDAYS, Cohort
from ..render import printing, track
from ..render.urls import Layout, url_for

MANIFEST_VERSION = 1
MANIFEST_NAME = "course.json"


def manifest(course: model.Course, layout: Layout, *, directory_urls: bool = True, pdf: bool = False) -> dict[str, Any]:
    def url(uri: str) -> str:
        return url_for(uri, directory_urls=directory_urls)

    return {
        "manifest_version": MANIFEST_VERSION,
        "generator": f"mkdocs-course {__version__}",
        "course": {
            "id": course.id,
            "title": course.title,
            "description": course.data.description,
            "language": course.data.language,
            "url": url(layout.home),
            "lessons": len(course.lessons),
        },
        "pages": {
            "home": url(layout.home),
            "summary": url(layout.summary),
            "routines": url(layout.routines),
            "worksheets": url(layout.worksheets),
            "facilitator": url(layout.facilitator),
            # The learner's daily track, and the Atom feed of lessons (a file: `feed.xml`).
            "today": url(layout.today),
            "progress": url(layout.progress),
            "journal": url(layout.journal),
            "certificate": url(layout.certificate),
            "about": url(layout.about),
            "feed": url(layout.feed),
        },
        # Each part as the browser's track has it (render/track.py), and what only tools need.
        "modules": [{**track.module_entry(m, layout, url), "role": m.data.role, "lessons": [lesson.id for lesson in m.lessons]} for m in course.modules],
        "lessons": [
            {
                **track.lesson_entry(lesson, layout, url),
                "worksheets": list(lesson.data.worksheets),
                "reflection": [p.id for p in lesson.data.reflection],
                "prompts": {p.id: p.prompt for p in lesson.data.reflection},
            }
            for lesson in course.lessons
        ],
        "routines": [{**track.routine_entry(r, layout, url), "steps": len(r.steps)} for r in course.routines],
        "worksheets": [{**track.worksheet_entry(w, layout, url), "fields": [_field(f) for f in w.data.fields]} for w in course.worksheets],
        # Printable workbooks; `pdf` is null when the build made no PDFs (plugin option `pdf`).
        "packs": [
            {
                "id": pack.id,
                "title": pack.title,
                "module": pack.module.id if pack.module else None,
                "worksheets": [w.id for w in pack.worksheets],
                "url": url(layout.workbook(pack)),
                "pdf": url(layout.workbook_pdf(pack, course)) if pdf else None,
            }
            for pack in printing.packs(course)
        ],
        # Cohorts: dated runs of the course (course/cohorts/*.yml); see docs/authors/cohorts.md.
        "cohorts": [_cohort(c, layout, url, pdf=pdf) for c in course.cohorts],
    }


def _cohort(cohort: Cohort, layout: Layout, url: Callable[[str], str], *, pdf: bool) -> dict[str, Any]:
    return {
        "id": cohort.id,
        "name": cohort.name,
        "start": cohort.start.isoformat(),
        "last_day": cohort.last_day.isoformat(),
        "timezone": cohort.data.timezone,
        "lesson_days": [WEEKDAYS[n] for n in cohort.cadence],
        "schedule": url(layout.cohort_schedule(cohort)),
        "calendar": url(layout.cohort_calendar(cohort)),
        "guide": url(layout.cohort_guide(cohort)),
        "pack": url(layout.cohort_pack(cohort)),
        "pack_pdf": url(layout.cohort_pack_pdf(cohort)) if pdf else None,
        "lessons": {d.lesson.id: d.date.isoformat() for d in cohort.lesson_dates},
        "sessions": [
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "place": s.entry.place,
                "link": s.entry.link,
                "lessons": [lesson.id for lesson in s.lessons],
            }
            for s in cohort.sessions
        ],
    }


def _field(f: Any) -> dict[str, Any]:
    out = {"id": f.id, "type": f.type, "label": f.label}
    if f.type == "answer":
        # Shows the learner's answer to another worksheet's field, `<worksheet id>.<field id>`; it holds none of its own.
        out["from"] = f.from_
    if f.type == "table":
        # A column's `type` says how its cells hold answers (true/false for a checkbox); a
        # `fill` column shows the course's own value for each day and holds no answer.
        out["columns"] = [{"id": col.id, "label": col.label, "type": col.type, **({"fill": col.fill} if col.fill else {})} for col in f.columns]
        out["rows"] = f.rows
    return out


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
