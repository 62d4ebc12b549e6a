"""The course inside a learning platform: what the browser needs to report to it (SCORM).

A SCORM package (outputs/packages.py) is the course's own static site with one more
script, `lms.js`, and its data, `lms-data.js` (made here). The site stays what it is on the
web: every answer is kept in the learner's browser. lms.js finds the platform's SCORM API
(the usual search of `window.parent` and `opener`) and reports to it, as one SCO:

- `incomplete` once the learner opens the course, `completed` once every lesson is done;
  SCORM 2004 also gets the share of lessons done as `cmi.progress_measure`;
- the self-checks as the score, where the course has any: the share of its choice and
  multiple-answer checks the learner got right the first time (scenario and recall checks
  have no right answer to count);
- where the learner is (`cmi.core.lesson_location` / `cmi.location`), so a new launch
  resumes there, and their record in `cmi.suspend_data`, so another device resumes it too.

Privacy: the record sent holds the sections in SHARED: done lessons and self-check results.
Reflections, worksheet answers, notes and the rest stay in the browser unless the author
sets `lms: {share_answers: true}` in course.yml; the course home says which.

SCORM 1.2 keeps at most 4,096 characters of suspend_data (2004: 64,000). The record is
compressed (deflate, base64); when it is still too long, the sections of DROP_ORDER are left
out one by one, answers first, done lessons last; a record that cannot fit even then is not
sent (the status, progress and score still are) and the learner's browser keeps everything.
"""

from __future__ import annotations

import json

from .. import model

SCORM = ("scorm12", "scorm2004")
KINDS = (*SCORM, "cc")
DATA_SCRIPT = "lms-data.js"
CODE_SCRIPT = "lms.js"
SHARED = ("progress", "checks")
SHARED_WITH_ANSWERS = (*SHARED, "review", "answers", "routines", "journal")
# Left out first when the record is too long for the platform: the learner's own words, then
# the review's schedule, then the self-checks; the lessons done go last.
DROP_ORDER = ("journal", "answers", "routines", "review", "checks", "progress")
SUSPEND_LIMIT = {"scorm12": 4096, "scorm2004": 64000}
LOCATION_LIMIT = {"scorm12": 255, "scorm2004": 1000}


def lms_data(course: model.Course, kind: str) -> dict[str, object]:
    """What lms.js needs: which SCORM, which sections go to the platform, and its limits."""
    if kind not in SCORM:
        raise ValueError(f"{kind} is not a SCORM version: one of {', '.join(SCORM)}")
    return {
        "kind": kind,
        "sections": list(SHARED_WITH_ANSWERS if course.data.lms.share_answers else SHARED),
        "drop": list(DROP_ORDER),
        "suspendLimit": SUSPEND_LIMIT[kind],
        "locationLimit": LOCATION_LIMIT[kind],
    }


def lms_script(course: model.Course, kind: str) -> str:
    """`lms-data.js`: the data as `window.mkdocsCourseLms`, loaded before lms.js."""
    return f"window.mkdocsCourseLms = {json.dumps(lms_data(course, kind), sort_keys=True)};\n"
