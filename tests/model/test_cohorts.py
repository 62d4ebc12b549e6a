"""Cohorts: the schedule's pure functions, and cohort files good and bad with the exact problems reported."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURES, edit, reported
from mkdocs_course.model import cohort as cohorts
from mkdocs_course.model import dates
from mkdocs_course.model.cohort import block_minutes, default_covers, lesson_days, local_time, session_days, split_minutes
from mkdocs_course.load.loader import load_course
from mkdocs_course.model import CohortSession
from mkdocs_course.render.schedule_words import cadence_words, day_classes, day_numbers, month_title
from mkdocs_course.render.urls import relative_url

EVENING = "course/cohorts/evening.yml"
DAYTIME = "course/cohorts/daytime.yml"
LONDON = ZoneInfo("Europe/London")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.fixture(scope="module")
def course():
    return load_course(FIXTURES / "mini")


def cohort(course, cohort_id: str) -> cohorts.Cohort:
    return next(c for c in course.cohorts if c.id == cohort_id)


# --- lesson days ------------------------------------------------------------------------------


def test_weekdays_skip_weekends_and_holidays() -> None:
    # Thu, Mar 25, 2027; Good Friday and Easter Monday skipped.
    days = lesson_days(date(2027, 3, 25), range(5), [date(2027, 3, 26), date(2027, 3, 29)], 4)
    assert days == [date(2027, 3, 25), date(2027, 3, 30), date(2027, 3, 31), date(2027, 4, 1)]


def test_a_start_that_is_not_a_lesson_day_begins_on_the_next_one() -> None:
    assert lesson_days(date(2027, 3, 27), [MON, THU], [], 3) == [date(2027, 3, 29), date(2027, 4, 1), date(2027, 4, 5)]


def test_daily_cadence_counts_every_day_and_skip_dates_outside_it_change_nothing() -> None:
    assert lesson_days(date(2027, 1, 1), range(7), [date(2026, 12, 31)], 3) == [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)]


def test_end_cuts_the_schedule_short_and_says_so_by_returning_fewer_days() -> None:
    assert lesson_days(date(2027, 3, 1), [MON], [], 5, end=date(2027, 3, 15)) == [date(2027, 3, 1), date(2027, 3, 8), date(2027, 3, 15)]
    assert lesson_days(date(2027, 3, 1), [MON], [date(2027, 3, 1)], 1, end=date(2027, 3, 7)) == []


# --- sessions ------------------------------------------------------------------------------------


def weekly(*days: str, **extra) -> CohortSession:
    return CohortSession(id="s", weekly=list(days), start="18:30", minutes=60, place="Here", **extra)


def test_weekly_sessions_run_until_the_first_meeting_on_or_after_the_last_lesson() -> None:
    days = session_days(weekly("fri"), start=date(2027, 3, 25), last_lesson=date(2027, 4, 5), skip=[date(2027, 3, 26)])
    assert days == [date(2027, 4, 2), date(2027, 4, 9)]  # Good Friday skipped; 9 Apr discusses the lesson of 5 Apr


def test_weekly_sessions_stop_at_the_cohorts_end() -> None:
    days = session_days(weekly("tue", "thursday"), start=date(2027, 3, 1), last_lesson=date(2027, 5, 1), skip=[], end=date(2027, 3, 9))
    assert days == [date(2027, 3, 2), date(2027, 3, 4), date(2027, 3, 9)]


def test_a_session_on_a_lesson_day_discusses_that_days_lesson_and_the_next_one_starts_after_it(course) -> None:
    lesson_dates = cohort(course, "evening").lesson_dates  # 25 Mar, 1 Apr, 5 Apr
    covers = default_covers([date(2027, 3, 24), date(2027, 4, 1), date(2027, 4, 9)], lesson_dates)
    assert [[lesson.id for lesson in c] for c in covers] == [[], ["basics-first", "basics-second"], ["practice-only"]]


def test_an_1830_session_stays_at_1830_local_across_the_clock_change_and_moves_an_hour_in_utc() -> None:
    before = local_time(date(2027, 3, 26), time(18, 30), LONDON)
    after = local_time(date(2027, 4, 2), time(18, 30), LONDON)
    assert before is not None and after is not None
    assert (before.hour, before.minute, after.hour, after.minute) == (18, 30, 18, 30)
    assert before.astimezone(timezone.utc).hour == 18 and after.astimezone(timezone.utc).hour == 17
    assert before.tzname() == "GMT" and after.tzname() == "BST"


def test_a_time_the_clocks_skip_does_not_exist() -> None:
    assert local_time(date(2027, 3, 28), time(1, 30), LONDON) is None
    assert local_time(date(2027, 3, 28), time(2, 30), LONDON) is not None  # 02:30 BST exists
    assert local_time(date(2027, 10, 31), time(1, 30), LONDON) is not None  # the doubled hour: first one taken


def test_fixture_cohort_sessions_across_the_clock_change(course) -> None:
    evening = cohort(course, "evening")
    got = [(s.number, s.id, s.start.isoformat(), [lesson.id for lesson in s.lessons]) for s in evening.sessions]
    assert got == [
        (1, "kick-off", "2027-03-24T18:30:00+00:00", []),
        (2, "weekly-20270402", "2027-04-02T18:30:00+01:00", ["basics-first", "basics-second"]),
        (3, "weekly-20270409", "2027-04-09T18:30:00+01:00", ["practice-only"]),
    ]
    assert [(d.lesson.id, d.date) for d in evening.lesson_dates] == [
        ("basics-first", date(2027, 3, 25)), ("basics-second", date(2027, 4, 1)), ("practice-only", date(2027, 4, 5)),
    ]
    assert evening.holidays == (date(2027, 3, 26), date(2027, 3, 29))


def test_explicit_covers_replace_the_default(course) -> None:
    daytime = cohort(course, "daytime")
    assert [lesson.id for lesson in daytime.sessions[-1].lessons] == ["basics-first", "practice-only"]
    assert daytime.session_covering(course.lesson("practice-only")).id == "lunch-20270610"


def test_weeks_put_lessons_sessions_and_holidays_in_date_order(course) -> None:
    weeks = cohort(course, "evening").weeks
    assert [(w.number, w.monday) for w in weeks] == [(1, date(2027, 3, 22)), (2, date(2027, 3, 29)), (3, date(2027, 4, 5))]
    assert [(r.date.day, r.kind) for r in weeks[0].rows] == [(24, "session"), (25, "lesson"), (26, "holiday")]


def test_month_grids_start_on_monday_and_mark_days(course) -> None:
    march, april = cohort(course, "evening").months
    assert month_title(march) == "March 2027" and month_title(april) == "April 2027"
    assert month_title(march, "es") == "marzo de 2027"  # in the course's language, through CLDR
    assert march.weeks[0][0].date == date(2027, 3, 1)  # 1 March 2027 is a Monday
    day = {d.date: d for week in april.weeks for d in week if d}
    assert day_classes(day[date(2027, 4, 1)]) == "course-day-lesson"
    assert day_classes(day[date(2027, 4, 2)]) == "course-day-session"
    assert day_classes(day[date(2027, 4, 3)]) == ""


# --- run sheets ----------------------------------------------------------------------------------


def test_run_sheet_blocks_always_add_up_to_the_session() -> None:
    for total in range(15, 481):
        blocks = block_minutes(total)
        assert list(blocks) == ["welcome", "recap", "discussion", "pair work", "close"]
        assert sum(blocks.values()) == total, total
        assert all(m >= 2 for m in blocks.values()), (total, blocks)


def test_run_sheet_blocks_for_common_lengths() -> None:
    assert block_minutes(60) == {"welcome": 5, "recap": 10, "discussion": 25, "pair work": 15, "close": 5}
    assert block_minutes(90) == {"welcome": 10, "recap": 15, "discussion": 35, "pair work": 20, "close": 10}
    assert block_minutes(30) == {"welcome": 3, "recap": 4, "discussion": 12, "pair work": 8, "close": 3}


def test_run_sheet_times_follow_each_other_from_the_session_start(course) -> None:
    session = cohort(course, "evening").sessions[1]
    blocks = cohorts.run_sheet(session)
    assert [(b.name, dates.clock(b.start), b.minutes) for b in blocks] == [
        ("welcome", "18:30", 5), ("recap", "18:35", 10), ("discussion", "18:45", 25), ("pair work", "19:10", 15), ("close", "19:25", 5),
    ]
    assert blocks[-1].end == session.end


def test_discussion_time_is_shared_by_each_lessons_suggested_minutes(course) -> None:
    session = cohort(course, "evening").sessions[1]  # first (15 suggested) and second (10 suggested), 25 minutes
    assert [(lesson.id, m) for lesson, m in cohorts.discussion_plan(session)] == [("basics-first", 15), ("basics-second", 10)]


@pytest.mark.parametrize(
    "total, weights, expected",
    [(25, [15, 10], [15, 10]), (10, [1, 1, 1], [4, 3, 3]), (7, [5], [7]), (0, [3, 4], [0, 0]), (5, [], [])],
)
def test_split_minutes_adds_up_exactly(total, weights, expected) -> None:
    assert split_minutes(total, weights) == expected


def test_day_numbers_in_words(course) -> None:
    first, second, only = course.lessons
    assert day_numbers([first, second, only]) == "Days 1 to 3"
    assert day_numbers([first, only]) == "Days 1, 3"
    assert day_numbers([second]) == "Day 2"
    assert day_numbers([]) == "none"


@pytest.mark.parametrize(
    "target, page, directory_urls, expected",
    [
        ("cohorts/evening.md", "basics/basics-first.md", True, "../../cohorts/evening/"),
        ("cohorts/evening.md", "basics/basics-first.md", False, "../cohorts/evening.html"),
        ("cohorts/evening.md", "facilitator/evening/index.md", True, "../../cohorts/evening/"),
        ("cohorts/evening.ics", "cohorts/evening.md", True, "../evening.ics"),
        ("index.md", "cohorts/evening.md", True, "../../"),
        ("cohorts/index.md", "index.md", True, "cohorts/"),
    ],
)
def test_links_inside_raw_html_point_at_served_urls(target, page, directory_urls, expected) -> None:
    assert relative_url(target, page=page, directory_urls=directory_urls) == expected


def test_dates_in_words() -> None:
    assert dates.short_day(date(2027, 1, 12)) == "Tue, Jan 12"
    assert dates.long_day(date(2027, 1, 12)) == "Tue, Jan 12, 2027"
    assert dates.zone_name(datetime(2027, 1, 12, 9, tzinfo=ZoneInfo("Asia/Kolkata"))) == "IST"
    assert dates.zone_name(datetime(2027, 1, 12, 9, tzinfo=ZoneInfo("America/Sao_Paulo"))) == "UTC-03"


# --- cohort files that load ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, check",
    [
        ("cadence: [mon, thu]", "cadence: [Monday, THU]", lambda c: c.cadence == (MON, THU)),
        ("cadence: [mon, thu]", "cadence: weekdays", lambda c: c.cadence == (0, 1, 2, 3, 4) and cadence_words(c) == "Monday to Friday"),
        ("cadence: [mon, thu]", "cadence: [sat]", lambda c: cadence_words(c) == "Saturdays"),
        ('start: "18:30"\n    minutes: 90', 'start: "9:05"\n    minutes: 90', lambda c: c.sessions[0].start.isoformat() == "2027-03-24T09:05:00+00:00"),
        ("    covers: []\n", "", lambda c: [lesson.id for lesson in c.sessions[0].lessons] == []),
        ("size: 6", "size: 1", lambda c: c.data.size == 1),
        ("sessions:\n", "end: 2027-04-05\nsessions:\n", lambda c: [s.id for s in c.sessions][-1] == "weekly-20270402"),
    ],
)
def test_good_cohort_files(mini_course: Path, old: str, new: str, check) -> None:
    edit(mini_course, EVENING, old, new)
    loaded = load_course(mini_course)
    assert check(cohort(loaded, "evening"))


def test_a_course_without_cohorts_has_none(mini_course: Path) -> None:
    for path in (mini_course / "course" / "cohorts").iterdir():
        path.unlink()
    assert load_course(mini_course).cohorts == ()


# --- cohort files with problems: every one, with its place and a hint -----------------------------

TZ_HINT = "use an IANA time zone name such as `Europe/London` or `America/New_York`"
BROKEN = {
    "unknown time zone, close to a real one": (EVENING, "timezone: Europe/London", "timezone: Europe/Londn", [
        f"{EVENING}:5:11: unknown time zone `Europe/Londn` | did you mean `Europe/London`?",
    ]),
    "unknown time zone": (EVENING, "timezone: Europe/London", "timezone: GMT+1 summer", [
        f"{EVENING}:5:11: unknown time zone `GMT+1 summer` | {TZ_HINT}",
    ]),
    "impossible date": (EVENING, "start: 2027-03-25", "start: 2027-02-30", [
        f"{EVENING}:4:8: `2027-02-30` is not a real date (day is out of range for month) | write a date that exists, as YYYY-MM-DD",
    ]),
    "date in another format": (EVENING, "start: 2027-03-25", "start: 25/03/2027", [
        f"{EVENING}:4:8: start should be a date (YYYY-MM-DD), not text | write the date as YYYY-MM-DD, without quotes, such as 2027-03-29",
    ]),
    "unknown weekday": (EVENING, "cadence: [mon, thu]", "cadence: [mon, thurs]", [
        f"{EVENING}:6:16: unknown weekday `thurs` | did you mean `thursday`?",
    ]),
    "weekday twice": (EVENING, "cadence: [mon, thu]", "cadence: [mon, monday]", [
        f"{EVENING}:6:16: weekday `monday` is listed twice | list each weekday once",
    ]),
    "unknown cadence": (EVENING, "cadence: [mon, thu]", "cadence: weekly", [
        f"{EVENING}:6:10: unknown cadence `weekly` | did you mean `weekdays`? Or give a list of weekday names such as `[mon, wed, fri]`",
    ]),
    "unknown cadence, not close to a known one": (EVENING, "cadence: [mon, thu]", "cadence: fortnightly", [
        f"{EVENING}:6:10: unknown cadence `fortnightly` | use `daily`, `weekdays` (Monday to Friday) or a list of weekday names such as `[mon, wed, fri]`",
    ]),
    "one weekday without a list": (EVENING, "cadence: [mon, thu]", "cadence: mon", [
        f"{EVENING}:6:10: cadence `mon` is a single weekday, not a list | write it as a list: `cadence: [mon]`",
    ]),
    "empty cadence": (EVENING, "cadence: [mon, thu]", "cadence: []", [
        f"{EVENING}:6:10: cadence lists no weekday | name at least one weekday, for example `[mon]`",
    ]),
    "cadence as a number": (EVENING, "cadence: [mon, thu]", "cadence: 3", [
        f"{EVENING}:6:10: cadence should be `daily`, `weekdays` or a list of weekday names, not a number (`3`) | "
        "use `daily`, `weekdays` (Monday to Friday) or a list of weekday names such as `[mon, wed, fri]`",
    ]),
    "unknown weekday in a weekly session": (EVENING, "weekly: [fri]", "weekly: [fridays]", [
        f"{EVENING}:20:14: unknown weekday `fridays` | did you mean `friday`?",
    ]),
    "session covers an unknown lesson": (EVENING, "    covers: []", "    covers: [basics-frist]", [
        f"{EVENING}:17:14: no lesson with id `basics-frist` | did you mean `basics-first`?",
    ]),
    "the skip list leaves no day": (EVENING, "skip:\n", "end: 2027-03-28\nskip:\n  - 2027-03-25\n", [
        f"{EVENING}:9:3: the skip list leaves no lesson day between Thu, Mar 25, 2027 and Sun, Mar 28, 2027 | "
        "remove dates from `skip:`, add weekdays to `cadence:`, or move `end:` later",
    ]),
    "the lessons do not fit before the end": (EVENING, "skip:\n", "end: 2027-04-02\nskip:\n", [
        f"{EVENING}:7:6: only 2 lesson days between Thu, Mar 25, 2027 and Fri, Apr 2, 2027, for 3 lessons | "
        "move `end:` later, add weekdays to `cadence:`, or skip fewer days",
    ]),
    "end before start": (EVENING, "skip:\n", "end: 2027-03-01\nskip:\n", [
        f"{EVENING}:7:6: end (Mon, Mar 1, 2027) is before start (Thu, Mar 25, 2027) | the last day must come after the first; check the year and month",
    ]),
    "overlapping sessions": (EVENING, "    date: 2027-03-24\n", "    date: 2027-04-02\n", [
        f"{EVENING}:21:12: session `weekly` on Fri, Apr 2, 2027 at 18:30 overlaps session `kick-off` (18:30 to 20:00) | "
        "move one of them, or shorten the first with `minutes:`",
    ]),
    "a time that is not a time": (EVENING, 'start: "18:30"', 'start: "6.30pm"', [
        f"{EVENING}:14:12: sessions[0].start: `6.30pm` is not a time of day | write a 24-hour time as HH:MM, for example `18:30` or `09:00`",
    ]),
    "a time written as a number": (EVENING, 'start: "18:30"', "start: 1830", [
        f'{EVENING}:14:12: sessions[0].start should be text, not a whole number (`1830`) | YAML reads 1830 as a number; put it in quotes: "1830"',
    ]),
    "a time the clocks skip": (EVENING, '    date: 2027-03-24\n    start: "18:30"', '    date: 2027-03-28\n    start: "01:30"', [
        f"{EVENING}:14:12: session `kick-off` at 01:30 on Sun, Mar 28, 2027 does not exist in Europe/London: the clocks go forward then | "
        "move the session to a time outside the skipped hour, or to another day",
    ]),
    "session with nowhere to meet": (EVENING, "    place: Room 4, Central Library\n    covers", "    covers", [
        f"{EVENING}:11:5: session `kick-off` has no `place` or `link` | add `place:` (where the group meets), `link:` (the online meeting address), or both",
    ]),
    "link that is not a web address": (EVENING, "link: https://meet.example.org/evening", "link: meet.example.org/evening", [
        f"{EVENING}:24:11: sessions[1].link: `meet.example.org/evening` is not a web address | write the full address, starting with https://",
    ]),
    "session with no day": (EVENING, "    date: 2027-03-24\n", "", [
        f"{EVENING}:11:5: session `kick-off` has no day | give `date:` (one day), `dates:` (a list of days) or `weekly:` (weekday names, every week)",
    ]),
    "session with two kinds of day": (EVENING, "    weekly: [fri]\n", "    weekly: [fri]\n    date: 2027-04-01\n", [
        f"{EVENING}:21:5: session `weekly` has both `weekly` and `date` | give one of `date`, `dates` or `weekly`; split it into two sessions if both are meant",
    ]),
    "covers on a repeating session": (EVENING, "    weekly: [fri]\n", "    weekly: [fri]\n    covers: [basics-first]\n", [
        f"{EVENING}:21:13: session `weekly` has `covers` but meets on more than one day | "
        "`covers` is for a session with one `date:`; a repeating session covers the lessons since the previous session",
    ]),
    "duplicate session ids": (EVENING, "  - id: weekly", "  - id: kick-off", [
        f"{EVENING}:18:9: duplicate id `kick-off` in sessions | each id must be unique in its list; rename one",
    ]),
    "misspelt key in a session": (EVENING, "    minutes: 60", "    minuts: 60", [
        f"{EVENING}:22:5: unknown key `minuts` | did you mean `minutes`?",
    ]),
    "session too short": (EVENING, "    minutes: 60", "    minutes: 5", [
        f"{EVENING}:22:14: sessions[1].minutes is 5; it must be between 15 and 480 | None",
    ]),
    "id does not match the file name": (EVENING, "id: evening", "id: evenings", [
        f"{EVENING}:2:5: cohort id `evenings` does not match its file name `evening.yml` | set `id: evening`, or rename the file to `evenings.yml`",
    ]),
    "date listed twice in skip": (EVENING, "  - 2027-03-29   # Easter Monday: no lesson", "  - 2027-03-26", [
        f"{EVENING}:9:5: date `2027-03-26` is listed twice in skip | list each date once",
    ]),
    "skip range backwards": (EVENING, "  - 2027-03-29   # Easter Monday: no lesson", "  - {first: 2027-04-09, last: 2027-04-05}", [
        f"{EVENING}:9:31: skip range ends (Mon, Apr 5, 2027) before it starts (Fri, Apr 9, 2027) | "
        "put the first day off in `first:` and the last in `last:`; check the year",
    ]),
    "skip range years too long": (EVENING, "  - 2027-03-29   # Easter Monday: no lesson", "  - {first: 2027-04-05, last: 2028-04-09}", [
        f"{EVENING}:9:31: skip range is 371 days long; the longest is 366 | check the years of `first:` and `last:`",
    ]),
    "skip range with a wrong key": (EVENING, "  - 2027-03-29   # Easter Monday: no lesson", "  - {from: 2027-04-05, last: 2027-04-09}", [
        f"{EVENING}:9:5: missing required key `first` in skip[1] | add `first:` (The first day off, as YYYY-MM-DD.)",
        f"{EVENING}:9:6: unknown key `from` | known: `first`, `last`",
    ]),
    "skip item neither a date nor a range": (EVENING, "  - 2027-03-29   # Easter Monday: no lesson", "  - Easter", [
        f"{EVENING}:9:5: skip[1] should be a date (YYYY-MM-DD), not text | write the date as YYYY-MM-DD, without quotes, such as 2027-03-29",
    ]),
    "no facilitators": (EVENING, "facilitators:\n  - name: Ana Ruiz\n    contact: ana@example.org\n", "facilitators: []\n", [
        f"{EVENING}:25:15: facilitators needs at least 1 item | add an item on a new line starting with `- `",
    ]),
}


def test_a_skip_range_skips_every_day_in_it(mini_course: Path) -> None:
    # The evening group meets Mon and Thu from Thu, Mar 25, 2027; a break from
    # Thu, Apr 1 to Thu, Apr 8 takes out three lesson days, so the lessons move on.
    edit(mini_course, EVENING, "  - 2027-03-29   # Easter Monday: no lesson", "  - {first: 2027-04-01, last: 2027-04-08}")
    course = load_course(mini_course)
    evening = next(c for c in course.cohorts if c.id == "evening")
    assert [d.date for d in evening.lesson_dates] == [date(2027, 3, 25), date(2027, 3, 29), date(2027, 4, 12)]
    assert set(evening.holidays) >= {date(2027, 4, 1), date(2027, 4, 5), date(2027, 4, 8)}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_cohort_file(mini_course: Path, name: str) -> None:
    rel, old, new, expected = BROKEN[name]
    edit(mini_course, rel, old, new)
    assert reported(mini_course) == expected


def test_every_problem_in_every_cohort_file_is_reported_together(mini_course: Path) -> None:
    edit(mini_course, EVENING, "timezone: Europe/London", "timezone: Mars/Olympus")
    edit(mini_course, EVENING, "weekly: [fri]", "weekly: [fry]")
    edit(mini_course, DAYTIME, "cadence: daily", "cadence: dayly")
    assert reported(mini_course) == [
        f"{DAYTIME}:5:10: unknown cadence `dayly` | did you mean `daily`? Or give a list of weekday names such as `[mon, wed, fri]`",
        f"{EVENING}:5:11: unknown time zone `Mars/Olympus` | {TZ_HINT}",
        f"{EVENING}:20:14: unknown weekday `fry` | did you mean `friday`?",
    ]


def test_a_broken_lesson_and_a_broken_cohort_are_reported_in_one_run(mini_course: Path) -> None:
    edit(mini_course, "lessons/basics/01-first.yml", "minutes: 10", "minutes: ten")
    edit(mini_course, EVENING, "timezone: Europe/London", "timezone: Europe/Londn")
    problems = reported(mini_course)
    assert [p.split(":", 1)[0] for p in problems] == [EVENING, "lessons/basics/01-first.yml"]


def test_two_cohort_files_with_one_id(mini_course: Path) -> None:
    (mini_course / "course" / "cohorts" / "evening.yaml").write_text(
        (mini_course / EVENING).read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert reported(mini_course) == [
        "course/cohorts/evening.yml:2:5: duplicate cohort id `evening` (also in course/cohorts/evening.yaml) | each cohort needs its own id; rename one",
    ]


def test_a_cohort_without_sessions_still_has_its_pages(mini_course: Path) -> None:
    from mkdocs_course.render.pages import Renderer

    text = (mini_course / DAYTIME).read_text(encoding="utf-8")
    (mini_course / DAYTIME).write_text(text[: text.index("sessions:")] + text[text.index("facilitators:") :], encoding="utf-8")
    pages = {p.uri: p.markdown for p in Renderer(load_course(mini_course)).pages()}
    assert "This cohort has no group sessions: learners follow the dates on their own." in pages["facilitator/daytime/index.md"]
    assert "## Lessons no session discusses" in pages["facilitator/daytime/index.md"]
    assert "Sign-in sheet" not in pages["facilitator/daytime/pack.md"] and "## Workbook" in pages["facilitator/daytime/pack.md"]
    assert "## Group sessions" not in pages["cohorts/daytime.md"]
    assert "· group session" not in pages["basics/basics-first.md"].split('data-course-cohort="daytime"')[1].split("</p>")[0]
