"""Cohort calendar feeds: parsed back by icalendar and by a second, independent parser (vobject)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone

import icalendar
import pytest
import vobject

from conftest import FIXTURES
from mkdocs_course.outputs import ical
from mkdocs_course.load.loader import load_course
from mkdocs_course.render.urls import Layout


@pytest.fixture(scope="module")
def course():
    return load_course(FIXTURES / "mini")


@pytest.fixture(scope="module")
def evening(course):
    return next(c for c in course.cohorts if c.id == "evening")


@pytest.fixture(scope="module")
def feed(course, evening) -> bytes:
    return ical.feed(course, evening, site_url="https://example.org/mini/")


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_feed_parses_back_exactly_with_icalendar(feed: bytes) -> None:
    cal = icalendar.Calendar.from_ical(feed)
    assert [c.errors for c in cal.walk()] == [[] for _ in cal.walk()]  # its parser is lenient: check errors
    assert cal.to_ical() == feed
    assert cal.get_missing_tzids() == set()
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(cal["x-wr-calname"]) == "Mini course: Evening group"


def test_every_lesson_is_an_all_day_event_with_a_stable_uid(feed: bytes) -> None:
    found = events(icalendar.Calendar.from_ical(feed))
    lesson = found["mini.evening.lesson.basics-second@mkdocs-course"]
    assert lesson["dtstart"].dt == date(2027, 4, 1) and not isinstance(lesson["dtstart"].dt, datetime)
    assert lesson["dtend"].dt == date(2027, 4, 2)
    assert str(lesson["summary"]) == "Day 2: Second lesson"
    assert str(lesson["transp"]) == "TRANSPARENT"
    assert str(lesson["url"]) == "https://example.org/mini/basics/basics-second/"
    assert "Discussed at Weekly circle, Fri, Apr 2, 2027 18:30." in str(lesson["description"])
    assert sorted(found) == sorted(
        [f"mini.evening.lesson.{x}@mkdocs-course" for x in ("basics-first", "basics-second", "practice-only")]
        + [f"mini.evening.session.{x}@mkdocs-course" for x in ("kick-off", "weekly-20270402", "weekly-20270409")]
    )


def test_sessions_keep_local_time_across_the_clock_change_and_move_in_utc(feed: bytes) -> None:
    found = events(icalendar.Calendar.from_ical(feed))
    kick_off = found["mini.evening.session.kick-off@mkdocs-course"]["dtstart"]
    weekly = found["mini.evening.session.weekly-20270402@mkdocs-course"]["dtstart"]
    assert kick_off.params["TZID"] == weekly.params["TZID"] == "Europe/London"
    assert (kick_off.dt.hour, kick_off.dt.minute) == (weekly.dt.hour, weekly.dt.minute) == (18, 30)
    assert kick_off.dt.astimezone(timezone.utc) == datetime(2027, 3, 24, 18, 30, tzinfo=timezone.utc)  # GMT
    assert weekly.dt.astimezone(timezone.utc) == datetime(2027, 4, 2, 17, 30, tzinfo=timezone.utc)  # BST
    end = found["mini.evening.session.weekly-20270402@mkdocs-course"]["dtend"].dt
    assert end - weekly.dt == timedelta(minutes=60)
    assert b"DTSTART;TZID=Europe/London:20270402T183000" in feed


def test_session_event_says_where_and_what_to_do_before(feed: bytes) -> None:
    event = events(icalendar.Calendar.from_ical(feed))["mini.evening.session.weekly-20270402@mkdocs-course"]
    assert str(event["summary"]) == "Weekly circle (Evening group)"
    assert str(event["location"]) == "Room 4, Central Library"
    assert str(event["url"]) == "https://meet.example.org/evening"
    assert str(event["description"]).splitlines() == [
        "Session 2 of 3, Mini course.",
        "Online: https://meet.example.org/evening",
        "Before the session, take these lessons:",
        "- Day 1: First lesson (Thu, Mar 25, 2027)",
        "- Day 2: Second lesson (Thu, Apr 1, 2027)",
        "Schedule: https://example.org/mini/cohorts/evening/",
    ]


def test_a_second_parser_reads_the_same_events(feed: bytes) -> None:
    cal = vobject.readOne(feed.decode("utf-8"))
    vevents = {e.uid.value: e for e in cal.vevent_list}
    assert len(vevents) == 6
    weekly = vevents["mini.evening.session.weekly-20270402@mkdocs-course"]
    start = weekly.dtstart.value
    assert start.utcoffset() == timedelta(hours=1) and (start.hour, start.minute) == (18, 30)
    kick_off = vevents["mini.evening.session.kick-off@mkdocs-course"].dtstart.value
    assert kick_off.utcoffset() == timedelta(0)
    assert vevents["mini.evening.lesson.basics-first@mkdocs-course"].dtstart.value == date(2027, 3, 25)
    assert weekly.summary.value == "Weekly circle (Evening group)"
    # vobject builds its own zone from the file's VTIMEZONE, not from the zone database
    assert cal.vtimezone.tzid.value == "Europe/London"


def test_rebuilding_gives_identical_bytes(course, evening, feed: bytes) -> None:
    assert ical.feed(course, evening, site_url="https://example.org/mini/") == feed


def test_dtstamp_is_source_date_epoch_or_the_first_day(evening) -> None:
    assert ical.stamp_for(evening, {}) == datetime(2027, 3, 24, tzinfo=timezone.utc)
    assert ical.stamp_for(evening, {"SOURCE_DATE_EPOCH": "1800000000"}) == datetime.fromtimestamp(1800000000, tz=timezone.utc)


def test_uids_survive_a_change_of_time_and_place(course, evening, feed: bytes) -> None:
    moved = dataclasses.replace(
        evening,
        sessions=tuple(dataclasses.replace(s, start=s.start + timedelta(hours=1)) for s in evening.sessions),
    )
    again = icalendar.Calendar.from_ical(ical.feed(course, moved))
    assert sorted(events(again)) == sorted(events(icalendar.Calendar.from_ical(feed)))
    assert events(again)["mini.evening.session.kick-off@mkdocs-course"]["dtstart"].dt.hour == 19


def test_without_a_site_url_events_have_no_page_links(course, evening) -> None:
    cal = icalendar.Calendar.from_ical(ical.feed(course, evening))
    assert all("url" not in e for e in cal.walk("VEVENT") if "lesson" in str(e["uid"]))


def test_prefix_and_plain_urls_reach_the_lesson_pages(course, evening) -> None:
    cal = icalendar.Calendar.from_ical(ical.feed(course, evening, layout=Layout("learn"), site_url="https://example.org", directory_urls=False))
    lesson = events(cal)["mini.evening.lesson.basics-first@mkdocs-course"]
    assert str(lesson["url"]) == "https://example.org/learn/basics/basics-first.html"


def test_a_zone_with_no_clock_changes(course) -> None:
    daytime = next(c for c in course.cohorts if c.id == "daytime")
    cal = icalendar.Calendar.from_ical(ical.feed(course, daytime))
    wrap_up = events(cal)["mini.daytime.session.wrap-up@mkdocs-course"]["dtstart"].dt
    assert wrap_up.astimezone(timezone.utc) == datetime(2027, 6, 11, 20, 0, tzinfo=timezone.utc)
    assert vobject.readOne(ical.feed(course, daytime).decode()).vevent_list[-1].dtstart.value.utcoffset() == timedelta(hours=-4)
