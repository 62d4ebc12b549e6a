"""A cohort's calendar feed: one iCalendar file with every lesson and session.

Learners and facilitators subscribe to the feed (or import it once). Calendar
programs match events by UID, so a re-published feed must give every event the
same UID as before, or subscribers see each event twice. UIDs are therefore made
from ids only: the course's, the cohort's, and the lesson's or session's
(`Session.id` keeps a weekly meeting's date in it). Never from a position in a
list and never from the build time.

For the same reason of stable output, DTSTAMP is not the build time: it is
`SOURCE_DATE_EPOCH` when the build sets it (the reproducible-builds convention),
else midnight UTC on the cohort's first day. Two builds of the same files give
byte-identical feeds.

Lessons are all-day events (a lesson belongs to a day, wherever the learner is);
sessions are timed in the cohort's zone with a TZID, and the matching VTIMEZONE
is written into the file, so a session at 18:30 in London stays 18:30 in London
across a clock change.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime, time, timedelta, timezone

from .. import __version__, model
from ..model.cohort import Cohort, Session
from ..model.dates import clock, locale_of, long_day
from ..model import i18n
from ..render.urls import Layout, url_for

UID_DOMAIN = "mkdocs-course"


def lesson_uid(course: model.Course, cohort: Cohort, lesson: model.Lesson) -> str:
    return f"{course.id}.{cohort.id}.lesson.{lesson.id}@{UID_DOMAIN}"


def session_uid(course: model.Course, cohort: Cohort, session: Session) -> str:
    return f"{course.id}.{cohort.id}.session.{session.id}@{UID_DOMAIN}"


def stamp_for(cohort: Cohort, environ: Mapping[str, str] = os.environ) -> datetime:
    """The DTSTAMP of every event: SOURCE_DATE_EPOCH if set, else the cohort's first day at 00:00 UTC."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.combine(cohort.first_day, time(0), tzinfo=timezone.utc)


def feed(
    course: model.Course,
    cohort: Cohort,
    *,
    layout: Layout | None = None,
    site_url: str | None = None,
    directory_urls: bool = True,
    stamp: datetime | None = None,
) -> bytes:
    """The iCalendar file for `cohort`. With `site_url`, events link to their pages."""
    layout = layout or Layout()
    stamp = stamp or stamp_for(cohort)
    words = i18n.translator(course.data.language)  # the events' words and dates in the course's language
    _ = words.gettext
    locale = locale_of(course.data.language)

    def page_url(uri: str) -> str | None:
        if not site_url:
            return None
        return site_url.rstrip("/") + "/" + url_for(uri, directory_urls=directory_urls)

    import icalendar  # here, not at the top: a course without cohorts never pays for it (26 ms of every build)

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//mkdocs-course {__version__}//{course.id}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", f"{course.title}: {cohort.name}")
    cal.add("x-wr-calname", f"{course.title}: {cohort.name}")
    cal.add("x-wr-timezone", cohort.data.timezone)

    for dated in cohort.lesson_dates:
        lesson = dated.lesson
        event = icalendar.Event()
        event.add("uid", lesson_uid(course, cohort, lesson))
        event.add("dtstamp", stamp)
        event.add("dtstart", dated.date)
        event.add("dtend", dated.date + timedelta(days=1))
        event.add("summary", _("Day %(day)s: %(title)s") % {"day": lesson.day, "title": lesson.title})
        lines = [_("%(course)s, day %(day)s of %(total)s (%(minutes)s).") % {"course": course.title, "day": lesson.day, "total": len(course.lessons), "minutes": i18n.counted(words, "minute", lesson.data.minutes)},
                 *(f"- {o}" for o in lesson.data.objectives)]
        session = cohort.session_covering(lesson)
        if session:
            lines.append(_("Discussed at %(session)s, %(day)s %(time)s.") % {"session": session.title, "day": long_day(session.date, locale), "time": clock(session.start)})
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")  # a lesson is something to do that day, not a busy slot
        if url := page_url(layout.lesson(lesson)):
            event.add("url", url)
        cal.add_component(event)

    for session in cohort.sessions:
        event = icalendar.Event()
        event.add("uid", session_uid(course, cohort, session))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
        event.add("summary", f"{session.title} ({cohort.name})")
        place = session.entry.place or session.entry.link
        if place:
            event.add("location", place)
        if session.entry.link:
            event.add("url", session.entry.link)
        lines = [_("Session %(n)s of %(total)s, %(course)s.") % {"n": session.number, "total": len(cohort.sessions), "course": course.title}]
        if session.entry.place and session.entry.link:
            lines.append(_("Online: %(link)s") % {"link": session.entry.link})
        if session.lessons:
            lines.append(_("Before the session, take these lessons:"))
            lines.extend("- " + _("Day %(day)s: %(title)s") % {"day": lesson.day, "title": lesson.title} + f" ({long_day(cohort.date_of(lesson), locale)})" for lesson in session.lessons)
        if url := page_url(layout.cohort_schedule(cohort)):
            lines.append(_("Schedule: %(url)s") % {"url": url})
        event.add("description", "\n".join(lines))
        cal.add_component(event)

    # Only the years the cohort spans: a VTIMEZONE from 1970 would be long and
    # change every time the zone database gains a rule.
    cal.add_missing_timezones(first_date=cohort.first_day - timedelta(days=366), last_date=cohort.last_day + timedelta(days=366))
    return cal.to_ical()
