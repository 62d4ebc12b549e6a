"""Cohorts: a course run for a group on real dates, with live sessions.

A cohort file (`course/cohorts/<id>.yml`, model `CohortFile`) says only what a
facilitator decides: a start date, which weekdays have a lesson (the cadence),
the holidays to skip, and when the group meets. Everything else is derived here,
once, by plain functions over plain data:

- each lesson's date: the lessons in track order, one per lesson day, where a
  lesson day is a cadence day on or after `start` that is not skipped;
- each session's occurrences: a one-off `date`, several `dates`, or every week
  on the `weekly` days from the start until the first meeting on or after the
  last lesson (or until `end`), skipping holidays;
- what each session covers: its `covers` list, or else the lessons dated after
  the previous session's day, up to and including its own day;
- a run sheet per session: timed blocks that add up to the session's minutes.

Session times are wall-clock times in the cohort's time zone. They are kept as
zone-aware datetimes built from the date and the clock time, never by adding
hours to an earlier session, so 18:30 stays 18:30 across a daylight-saving change
while its UTC time moves.

The checks that report problems in a cohort file are in the load room
(`load/cohort_checks.py` for one file, `load/cohorts.py` against the course),
and the words and marks a page shows for a cohort in the render room
(`render/schedule_words.py`). Nothing here imports MkDocs (decision D2).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cached_property
from zoneinfo import ZoneInfo

from . import files as model  # the file models, as `model.CohortFile` reads
from .parts import Lesson

WEEKDAYS = model.WEEKDAY_NAMES  # Monday first, as `date.weekday()` counts
_WEEKDAY_NUMBER = {**{name: i for i, name in enumerate(WEEKDAYS)}, **{name[:3]: i for i, name in enumerate(WEEKDAYS)}}
_CLOCK = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


# --- the derived cohort -------------------------------------------------------------------


@dataclass(frozen=True)
class LessonDate:
    """A lesson on its day in one cohort."""

    lesson: Lesson
    date: date


@dataclass(frozen=True)
class Session:
    """One meeting of the group.

    `id` is stable across rebuilds and edits that do not move the meeting: the
    session's own id for a one-off session, its id and date for a repeating one.
    Calendar UIDs are made from it. `number` counts meetings in time order and
    is only for people to read.
    """

    id: str
    number: int
    entry: model.CohortSession
    start: datetime  # aware, in the cohort's zone
    title: str  # the author's, or "Group session" in the course's language
    lessons: tuple[Lesson, ...]  # what the session discusses

    @property
    def end(self) -> datetime:
        # Wall-clock arithmetic: a session never straddles a clock change in
        # practice, and if one did, "90 minutes" on the room's clock is meant.
        return self.start + timedelta(minutes=self.entry.minutes)

    @property
    def date(self) -> date:
        return self.start.date()

    @property
    def minutes(self) -> int:
        return self.entry.minutes

    @property
    def in_person(self) -> bool:
        """The group meets in a room (it may have a link as well): a sign-in sheet to print.
        A session with only a link meets online, and its attendance is kept on its page."""
        return self.entry.place is not None


@dataclass(frozen=True)
class Cohort:
    """A valid cohort with every date worked out."""

    data: model.CohortFile
    source: str  # path of the YAML file, relative to the course root
    zone: ZoneInfo
    cadence: tuple[int, ...]  # weekdays with a lesson, Monday = 0
    lesson_dates: tuple[LessonDate, ...]
    sessions: tuple[Session, ...]

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def name(self) -> str:
        return self.data.name

    @property
    def start(self) -> date:
        return self.data.start

    @cached_property
    def first_day(self) -> date:
        """The earliest day with anything on it (a kick-off may come before `start`)."""
        days = [self.start, *(s.date for s in self.sessions)]
        return min(days)

    @cached_property
    def last_day(self) -> date:
        days = [self.start, *(d.date for d in self.lesson_dates), *(s.date for s in self.sessions)]
        return max(days)

    @cached_property
    def _date_by_lesson(self) -> dict[str, date]:
        return {d.lesson.id: d.date for d in self.lesson_dates}

    def date_of(self, lesson: Lesson) -> date:
        return self._date_by_lesson[lesson.id]

    def session_covering(self, lesson: Lesson) -> Session | None:
        """The first session that discusses `lesson`, if any."""
        return next((s for s in self.sessions if lesson in s.lessons), None)

    @cached_property
    def uncovered(self) -> tuple[Lesson, ...]:
        """Lessons no session discusses (usually those after the last session)."""
        covered = {lesson.id for s in self.sessions for lesson in s.lessons}
        return tuple(d.lesson for d in self.lesson_dates if d.lesson.id not in covered)

    def week_of(self, day: date) -> int:
        """Week of the cohort, Monday to Sunday; week 1 holds `start`, earlier days are week 0 or less."""
        return (_monday(day) - _monday(self.start)).days // 7 + 1

    @cached_property
    def holidays(self) -> tuple[date, ...]:
        """Skipped days that would have had a lesson or a weekly session, within the cohort."""
        weekly = {weekday_number(d) for s in self.data.sessions for d in (s.weekly or ())}
        return tuple(sorted(d for d in self.data.skipped_days if self.first_day <= d <= self.last_day and (d.weekday() in self.cadence or d.weekday() in weekly)))

    @cached_property
    def weeks(self) -> tuple[Week, ...]:
        """Lessons, sessions and holidays grouped by week, for the schedule tables."""
        numbers = sorted({self.week_of(d.date) for d in self.lesson_dates} | {self.week_of(s.date) for s in self.sessions} | {self.week_of(d) for d in self.holidays})
        out = []
        for number in numbers:
            monday = _monday(self.start) + timedelta(weeks=number - 1)
            rows = [AgendaRow(d.date, "lesson", d) for d in self.lesson_dates if self.week_of(d.date) == number]
            rows += [AgendaRow(s.date, "session", s) for s in self.sessions if self.week_of(s.date) == number]
            rows += [AgendaRow(d, "holiday", None) for d in self.holidays if self.week_of(d) == number]
            order = {"holiday": 0, "lesson": 1, "session": 2}
            rows.sort(key=lambda r: (r.date, order[r.kind]))
            out.append(Week(number, monday, tuple(rows)))
        return tuple(out)

    def after(self, session: Session) -> Session | None:
        """The session that follows `session`, if any."""
        return self.sessions[session.number] if session.number < len(self.sessions) else None

    @cached_property
    def months(self) -> tuple[Month, ...]:
        """Month grids from the first to the last day, for the calendar picture."""
        lessons = {d.date: d for d in self.lesson_dates}
        sessions: dict[date, list[Session]] = {}
        for s in self.sessions:
            sessions.setdefault(s.date, []).append(s)
        skipped = self.data.skipped_days
        out = []
        year, month = self.first_day.year, self.first_day.month
        while (year, month) <= (self.last_day.year, self.last_day.month):
            weeks = []
            for row in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
                weeks.append(
                    tuple(
                        Day(day, lessons.get(day), tuple(sessions.get(day, ())), day in skipped)
                        if day.month == month
                        else None
                        for day in row
                    )
                )
            out.append(Month(year, month, tuple(weeks)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(out)

    @cached_property
    def workbook(self) -> tuple[tuple[str, LessonDate], ...]:
        """(worksheet id, the first lesson that uses it), in the order the cohort meets them."""
        seen: dict[str, LessonDate] = {}
        for d in self.lesson_dates:
            for sheet_id in d.lesson.data.worksheets:
                seen.setdefault(sheet_id, d)
        return tuple(seen.items())

    def worksheets_for(self, session: Session) -> tuple[str, ...]:
        """Ids of the worksheets used by the lessons a session covers, each once."""
        return tuple(dict.fromkeys(w for lesson in session.lessons for w in lesson.data.worksheets))


@dataclass(frozen=True)
class AgendaRow:
    date: date
    kind: str  # "lesson", "session" or "holiday"
    item: LessonDate | Session | None


@dataclass(frozen=True)
class Week:
    number: int  # week 1 holds the cohort's start; 0 or less is before it
    monday: date
    rows: tuple[AgendaRow, ...]

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


@dataclass(frozen=True)
class Day:
    date: date
    lesson: LessonDate | None
    sessions: tuple[Session, ...]
    skipped: bool  # in the skip list: no lesson and no weekly session (a holiday)


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks: tuple[tuple[Day | None, ...], ...]  # Monday to Sunday; None outside the month


# --- pure schedule functions ----------------------------------------------------------------


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekday_number(name: str) -> int | None:
    """0 for Monday ... 6 for Sunday, from `mon` or `monday` in any case; None if not a weekday."""
    return _WEEKDAY_NUMBER.get(name.strip().lower()) if isinstance(name, str) else None


def cadence_days(cadence: object) -> tuple[int, ...] | None:
    """The weekdays of a valid cadence, Monday = 0; None if the cadence is not valid."""
    if cadence == "daily":
        return tuple(range(7))
    if cadence == "weekdays":
        return tuple(range(5))
    if isinstance(cadence, list) and cadence:
        numbers = [weekday_number(d) for d in cadence]
        if all(n is not None for n in numbers) and len(set(numbers)) == len(numbers):
            return tuple(sorted(numbers))  # type: ignore[arg-type]
    return None


def parse_clock(text: object) -> time | None:
    match = _CLOCK.match(text) if isinstance(text, str) else None
    return time(int(match.group(1)), int(match.group(2))) if match else None


def lesson_days(start: date, cadence: Iterable[int], skip: Iterable[date], count: int, *, end: date | None = None) -> list[date]:
    """The first `count` lesson days from `start`: cadence days not skipped, up to `end` if given.

    Returns fewer than `count` days only when `end` comes first. Without `end`
    the walk always finishes: the skip list is finite.
    """
    days = frozenset(cadence)
    if not days:
        return []
    skipped = frozenset(skip)
    out: list[date] = []
    day = start
    while len(out) < count and (end is None or day <= end):
        if day.weekday() in days and day not in skipped:
            out.append(day)
        day += timedelta(days=1)
    return out


def session_days(entry: model.CohortSession, *, start: date, last_lesson: date, skip: Iterable[date], end: date | None = None) -> list[date]:
    """The days a session entry meets.

    A weekly session meets on its weekdays from `start` until its first meeting
    on or after the last lesson, so the last lessons are discussed too (or until
    `end`, when the cohort has one), except on skipped days.
    """
    if entry.date is not None:
        return [entry.date]
    if entry.dates is not None:
        return sorted(entry.dates)
    days = {weekday_number(d) for d in entry.weekly or ()}
    skipped = frozenset(skip)
    out = []
    day = start
    while True:
        if end is not None and day > end:
            break
        if day.weekday() in days:
            if day not in skipped:
                out.append(day)
            if end is None and day >= last_lesson:
                break
        day += timedelta(days=1)
    return out


def local_time(day: date, clock: time, zone: ZoneInfo) -> datetime | None:
    """`clock` on `day` in `zone`; None when that time does not exist there (the hour skipped when clocks go forward)."""
    moment = datetime.combine(day, clock, tzinfo=zone)
    back = moment.astimezone(timezone.utc).astimezone(zone)
    if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return moment


def default_covers(session_dates: Sequence[date], lesson_dates: Sequence[LessonDate]) -> list[tuple[Lesson, ...]]:
    """For sessions in time order: the lessons dated after the previous session's day, up to and including their own."""
    out = []
    previous: date | None = None
    for day in session_dates:
        out.append(tuple(d.lesson for d in lesson_dates if d.date <= day and (previous is None or d.date > previous)))
        previous = day if previous is None else max(previous, day)
    return out


# --- run sheets ------------------------------------------------------------------------------

# (block, share of the session, fewest minutes, most minutes). Discussion takes
# what is left, so the blocks always add up to the session's minutes.
RUN_SHEET_BLOCKS = (
    ("welcome", 0.10, 2, 10),
    ("recap", 0.15, 3, 15),
    ("discussion", None, None, None),
    ("pair work", 0.25, 3, None),
    ("close", 0.10, 2, 10),
)


@dataclass(frozen=True)
class Block:
    name: str
    start: datetime
    minutes: int

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


def block_minutes(total: int) -> dict[str, int]:
    """Minutes of each run-sheet block for a session of `total` minutes (15 or more).

    Sessions of an hour or more get round five-minute blocks; shorter ones whole minutes.
    """
    step = 5 if total >= 60 else 1
    out: dict[str, int] = {}
    for name, share, low, high in RUN_SHEET_BLOCKS:
        if share is None:
            continue
        minutes = round(total * share / step) * step
        minutes = max(low, minutes)
        if high is not None:
            minutes = min(high, minutes)
        out[name] = minutes
    out["discussion"] = total - sum(out.values())
    return {name: out[name] for name, *_ in RUN_SHEET_BLOCKS}


def run_sheet(session: Session) -> tuple[Block, ...]:
    blocks = []
    at = session.start
    for name, minutes in block_minutes(session.minutes).items():
        blocks.append(Block(name, at, minutes))
        at = at + timedelta(minutes=minutes)
    return tuple(blocks)


def split_minutes(total: int, weights: Sequence[int]) -> list[int]:
    """`total` shared in proportion to `weights`, in whole minutes that add up exactly (largest remainder)."""
    if not weights:
        return []
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    out = [int(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: (out[i] - exact[i], i))[: total - sum(out)]:
        out[i] += 1
    return out


def discussion_plan(session: Session) -> list[tuple[Lesson, int]]:
    """Each covered lesson with its share of the discussion block, weighted by the lesson's suggested minutes."""
    minutes = block_minutes(session.minutes)["discussion"]
    weights = [lesson.data.facilitator.minutes for lesson in session.lessons]
    return list(zip(session.lessons, split_minutes(minutes, weights)))
