"""Spaced review on Today: what a learner can be asked to bring back, as data for the browser.

People forget most of what they read within a week unless they try to remember it.
Today offers a short review each day, worked out in the learner's browser from
their own record (assets/review.js), with nothing sent anywhere. An item of review
is one of:

- a lesson's **key points** (its `summary`), one item per lesson: "what were the key
  points of Day 3?", then the points to compare;
- a **self-check** the learner did not get right the first time (`choice`,
  `multiple`), or a `recall` they answered: the question, then the right answer and
  why (a recall shows the model answer beside the learner's own words);
- a **reflection** they wrote, to look back on (at most one a day).

An item enters the review on the day its lesson is marked done and first comes
back the next day. Each time the learner says they remembered it, it waits longer:
the waits are `INTERVALS` days, one after another, and after the last one the item
is learned and does not come back. "Not yet" moves it one wait back and brings it
back tomorrow, ahead of the rest. At most `PER_DAY` items a day, the longest waiting
first. The state of each item (`{step, last, due, again}`) is kept in the `review` section under
`<course>/review/<lesson id>/summary`, `.../check/<check id>` or
`.../reflection/<prompt id>` (keys.py), so it is in every export and follows
renamed lessons and checks.

The data is a script, `review-data.js`, loaded by the Today page only: a script,
not `course.json`, because a site opened from files cannot `fetch` (see track.py);
on Today only, because every page does not need every lesson's summary.
Nothing here imports MkDocs (decision D2).
"""

from __future__ import annotations

from typing import Any

from .. import model
from .track import script_value

# The script, in the site's asset folder, and the order in which the Today page loads the review:
# its data first, then the code that reads it (track_macros.md.j2 `review_scripts`).
DATA_SCRIPT = "review-data.js"
CODE_SCRIPT = "review.js"
# Days an item waits before it comes back, after each time it was remembered (the first
# wait starts on the day its lesson was marked done).
INTERVALS = (1, 3, 7, 16, 35)
# The most items Today offers in a day: two to four make a review of a few minutes.
PER_DAY = 4
# Check kinds that come back: a choice or multiple missed the first time, and every recall.
# A scenario has no right answer to remember.
CHECK_KINDS = ("choice", "multiple", "recall")


def review_data(course: model.Course) -> dict[str, Any]:
    """What the review needs beyond the track: each lesson's key points, checks' answers and reflection prompts."""
    return {
        "course": course.id,
        "intervals": list(INTERVALS),
        "perDay": PER_DAY,
        "lessons": {lesson.id: lesson_items(lesson) for lesson in course.lessons},
    }


def lesson_items(lesson: model.Lesson) -> dict[str, Any]:
    return {
        "summary": list(lesson.data.summary),
        "checks": [check_item(c) for c in lesson.data.checks if c.kind in CHECK_KINDS],
        "reflection": [{"id": p.id, "prompt": p.prompt} for p in lesson.data.reflection],
    }


def check_item(check: model.Check) -> dict[str, Any]:
    item: dict[str, Any] = {"id": check.id, "kind": check.kind, "question": check.question}
    if check.kind == "recall":
        item["answer"] = check.answer
    else:
        item["right"] = [{"text": o.text, "why": o.why} for o in check.options if o.right]
    return item


def review_script(course: model.Course) -> str:
    """`review-data.js`: the review's data as `window.mkdocsCourseReview`.

    It asks the track to draw again once it has run: a page swapped in by Material's
    instant navigation runs its scripts in no fixed order, so review.js may have drawn
    Today before its data arrived (seen once in a test run under load)."""
    return (
        "/* mkdocs-course: what Today's review can bring back, made with the site (review.py). */\n"
        f"window.mkdocsCourseReview = {script_value(review_data(course))};\n"
        "if (window.mkdocsCourse && mkdocsCourse.review && mkdocsCourse.track && mkdocsCourse.track.draw) mkdocsCourse.track.redraw();\n"
    )
