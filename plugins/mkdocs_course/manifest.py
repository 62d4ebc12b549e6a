"""`course.json`: the machine-readable map of a built course.

The learner's browser code reads it (to know every lesson, its day and URL) and
so can outside tools. Its shape is documented in `docs/manifest.md`; add keys
freely, but never rename or remove one without raising `MANIFEST_VERSION`.
"""

from __future__ import annotations

import json
from typing import Any

from . import __version__, model
from .pages import Layout, url_for

MANIFEST_VERSION = 1
MANIFEST_NAME = "course.json"


def manifest(course: model.Course, layout: Layout, *, directory_urls: bool = True) -> dict[str, Any]:
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
        },
        "modules": [
            {
                "id": m.id,
                "title": m.title,
                "role": m.data.role,
                "url": url(layout.module(m)),
                "lessons": [lesson.id for lesson in m.lessons],
            }
            for m in course.modules
        ],
        "lessons": [
            {
                "id": lesson.id,
                "title": lesson.title,
                "day": lesson.day,
                "module": lesson.module_id,
                "minutes": lesson.data.minutes,
                "routine": lesson.data.routine,
                "worksheets": list(lesson.data.worksheets),
                "reflection": [p.id for p in lesson.data.reflection],
                "url": url(layout.lesson(lesson)),
            }
            for lesson in course.lessons
        ],
        "routines": [
            {"id": r.id, "title": r.title, "minutes": r.minutes, "steps": len(r.steps), "url": url(layout.routine(r.id))}
            for r in course.routines
        ],
        "worksheets": [
            {
                "id": w.id,
                "title": w.title,
                "fields": [{"id": f.id, "type": f.type, "label": f.label} for f in w.data.fields],
                "url": url(layout.worksheet(w.id)),
            }
            for w in course.worksheets
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
