"""Cohorts assembled against the whole course: each cohort's dates, and what only the course can show.

The cohort's own types and date arithmetic are in `model/cohort.py`; the checks
that need only one cohort file are in `cohort_checks.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .. import model
from ..model.cohort import (
    Cohort,
    LessonDate,
    Session,
    cadence_days,
    default_covers,
    lesson_days,
    local_time,
    parse_clock,
    session_days,
)
from ..model.dates import clock, long_day
from .catalogue import say
from .problems import Problem, did_you_mean
from .yaml_source import Document

# --- assembling cohorts against the course ------------------------------------------------------


def build(lessons: Sequence[model.Lesson], files: Sequence[tuple[Document, model.CohortFile]], *, untitled: str = "Group session") -> tuple[tuple[Cohort, ...], list[Problem]]:
    """Work out every cohort's dates; report what only the whole course can show.

    `untitled` is the title of a session that has none, in the course's language.

    Each file must already have passed `cohort_checks.check_file`.
    """
    problems: list[Problem] = []
    cohorts = []
    seen: dict[str, str] = {}
    for doc, data in files:
        if data.id in seen:
            problems.append(doc.problem(("id",), say("duplicate-cohort", id=data.id, path=seen[data.id]), "each cohort needs its own id; rename one"))
            continue
        seen[data.id] = doc.path
        cohort = _build_one(lessons, doc, data, problems, untitled)
        if cohort is not None:
            cohorts.append(cohort)
    return tuple(sorted(cohorts, key=lambda c: (c.start, c.id))), problems


def _build_one(lessons: Sequence[model.Lesson], doc: Document, data: model.CohortFile, problems: list[Problem], untitled: str) -> Cohort | None:
    before = len(problems)
    zone = ZoneInfo(data.timezone)
    cadence = cadence_days(data.cadence)
    assert cadence is not None, "cohort_checks.check_file passed"
    days = lesson_days(data.start, cadence, data.skipped_days, len(lessons), end=data.end)
    if len(days) < len(lessons):
        _no_day_left(doc, data, cadence, len(days), len(lessons), problems)
        return None
    lesson_dates = tuple(LessonDate(lesson, day) for lesson, day in zip(lessons, days))
    last_lesson = days[-1] if days else data.start

    lesson_ids = [lesson.id for lesson in lessons]
    by_id = {lesson.id: lesson for lesson in lessons}
    # (session id, day, entry index, entry) in time order
    meetings: list[tuple[datetime, str, int, model.CohortSession]] = []
    for i, entry in enumerate(data.sessions):
        clock_time = parse_clock(entry.start)
        assert clock_time is not None, "cohort_checks.check_file passed"
        for k, lesson_id in enumerate(entry.covers or ()):
            if lesson_id not in by_id:
                renamed = next((x.id for x in lessons if lesson_id in x.data.renamed_from), None)
                hint = f"the lesson `{lesson_id}` is now `{renamed}`: write the new id" if renamed else did_you_mean(lesson_id, lesson_ids)
                problems.append(doc.problem(("sessions", i, "covers", k), say("covers-unknown-lesson", id=lesson_id), hint))
        repeating = entry.date is None
        for day in session_days(entry, start=data.start, last_lesson=last_lesson, skip=data.skipped_days, end=data.end):
            moment = local_time(day, clock_time, zone)
            if moment is None:
                problems.append(
                    doc.problem(
                        ("sessions", i, "start"),
                        say("clocks-go-forward", id=entry.id, time=entry.start, day=long_day(day), zone=data.timezone),
                        "move the session to a time outside the skipped hour, or to another day",
                    )
                )
                continue
            session_id = f"{entry.id}-{day:%Y%m%d}" if repeating else entry.id
            meetings.append((moment, session_id, i, entry))
    meetings.sort(key=lambda m: (m[0], m[2]))
    # Calendars match events by id: a one-off session whose id is also the id a repeating one gives
    # one of its days (`weekly-20270401`) would be one event to every calendar, and one would vanish.
    claimed: dict[str, model.CohortSession] = {}
    for _, session_id, i, entry in meetings:
        other = claimed.setdefault(session_id, entry)
        if other is not entry:
            mine = next(k for k, e in enumerate(data.sessions) if e is (entry if entry.date is not None else other))
            repeating = other if entry.date is not None else entry
            problems.append(doc.problem(("sessions", mine, "id"), say("session-id-taken", id=session_id, day=long_day(datetime.strptime(session_id[-8:], '%Y%m%d').date()), repeating=repeating.id), "rename this session: calendars tell events apart by their ids"))
    _check_overlaps(doc, meetings, problems)
    if len(problems) > before:
        return None

    defaults = default_covers([m[0].date() for m in meetings], lesson_dates)
    sessions = tuple(
        Session(
            id=session_id,
            number=n,
            entry=entry,
            start=moment,
            title=entry.title or untitled,
            lessons=tuple(by_id[x] for x in entry.covers) if entry.covers is not None else covered,
        )
        for n, ((moment, session_id, _, entry), covered) in enumerate(zip(meetings, defaults), 1)
    )
    return Cohort(data, doc.path, zone, cadence, lesson_dates, sessions)


def _no_day_left(doc: Document, data: model.CohortFile, cadence: tuple[int, ...], found: int, needed: int, problems: list[Problem]) -> None:
    span = f"between {long_day(data.start)} and {long_day(data.end)}" if data.end else "after the start"
    if found == 0:
        where = ("skip",) if data.skip else ("cadence",)
        what = "the skip list leaves" if data.skip else "the cadence leaves"
        problems.append(doc.problem(where, say("no-lesson-day", what=what, when=span), "remove dates from `skip:`, add weekdays to `cadence:`, or move `end:` later"))
    else:
        problems.append(
            doc.problem(
                ("end",),
                say("too-few-days", n=found, s='s' if found != 1 else '', when=span, lessons=needed),
                "move `end:` later, add weekdays to `cadence:`, or skip fewer days",
            )
        )


def _check_overlaps(doc: Document, meetings: list[tuple[datetime, str, int, model.CohortSession]], problems: list[Problem]) -> None:
    """One problem per pair of session entries that overlap, at the later one."""
    reported: set[tuple[int, int]] = set()
    for k, (start, _, i, entry) in enumerate(meetings):
        for earlier_start, _, j, earlier in meetings[:k]:
            earlier_end = earlier_start + timedelta(minutes=earlier.minutes)
            if start < earlier_end and (j, i) not in reported:
                reported.add((j, i))
                problems.append(
                    doc.problem(
                        ("sessions", i, "start"),
                        say("overlap", id=entry.id, day=long_day(start.date()), time=clock(start), other=earlier.id, starts=clock(earlier_start), ends=clock(earlier_end)),
                        "move one of them, or shorten the first with `minutes:`",
                    )
                )
