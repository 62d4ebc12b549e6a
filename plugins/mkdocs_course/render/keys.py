"""Where a learner's data is kept in their browser: the storage keys, defined once (decision D8).

    mkdocs-course.v1:<section>:<course id>/<lesson|worksheet|routine>/<id>[/<field or day>]
    mkdocs-course.v1:review:<course id>/review/<lesson id>/<summary | check/<id> | reflection/<id>>
    mkdocs-course.v1:answers:<course id>/facilitator/<cohort id>/<session id>/<field id>   (a facilitator's run sheet)

Pages carry the part after the section (`key`) in their `data-course-*` attributes;
the browser's scripts take the namespace, the sections and the separator from the
track data (`contract`, in track-data.js) and build every key with one function
(`key` in course.js). Ids are stable (decision D8) and renamed ones are followed
(`renamed_from`), so a key never changes under a learner's answers. If this format
changes, answers saved under the old one silently stop showing: raise the version
in NAMESPACE and move them, never edit it in place. tests/render/test_storage_keys.py.
"""

from __future__ import annotations

NAMESPACE = "mkdocs-course.v1"
SECTIONS = ("answers", "progress", "routines", "journal", "checks", "review")
SEPARATOR = "/"


def key(course_id: str, *parts: str) -> str:
    """The key of a lesson's, worksheet's or routine's data, or of one field of it, within a section."""
    return SEPARATOR.join((course_id, *parts))


def stored(section: str, of: str) -> str:
    """The localStorage entry that holds `of` (a `key`) in `section`."""
    return f"{NAMESPACE}:{section}:{of}"


def contract() -> dict[str, object]:
    """What the browser needs to build the same keys."""
    return {"namespace": NAMESPACE, "sections": list(SECTIONS), "separator": SEPARATOR}
