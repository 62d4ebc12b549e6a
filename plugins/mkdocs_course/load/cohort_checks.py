"""Checks of one cohort file that need no other file: its id against its name, the time
zone, the cadence, skipped days and each session. `cohorts.build` checks what only the
whole course can show (lessons a session covers, days enough for every lesson).

The file has passed the schema already; these are the rules a JSON Schema cannot say,
each reported at its key with a hint.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import PurePosixPath
from zoneinfo import available_timezones

from .. import model
from ..model.cohort import WEEKDAYS, parse_clock, weekday_number
from ..model.dates import long_day
from .catalogue import say
from .problems import Problem, describe, did_you_mean, kind_of, match_hint
from .yaml_source import Document

# Characters a web address never holds unescaped (`<`, `"`, brackets...) are refused too:
# the address goes into pages, and one holding markup is a mistake or an attack.
_WEB_ADDRESS = re.compile(r"^https?://[^\s/<>\"`{}|\\^\[\]]+[^\s<>\"`{}|\\^\[\]]*$", re.I)
SESSION_DAY_KEYS = ("date", "dates", "weekly")


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _kind(value: object) -> str:
    """As `kind_of`, with a number shown: a cadence of `3` is more likely a slip than a choice."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return f"a number (`{value}`)" if number else kind_of(value)


def check_file(doc: Document, cohort: model.CohortFile) -> list[Problem]:
    """Problems inside one schema-valid cohort file that need no other file to find."""
    problems: list[Problem] = []
    add = problems.append
    stem = PurePosixPath(doc.path).stem
    if cohort.id != stem:
        add(doc.problem(("id",), say("cohort-file-name", id=cohort.id, file=PurePosixPath(doc.path).name), match_hint(stem, cohort.id, "file", f"{cohort.id}.yml")))
    if cohort.id in model.RESERVED_PAGE_IDS:
        add(doc.problem(("id",), say("index-cohort", id=cohort.id), f"rename it, for example `{cohort.id}-cohort`"))
    if cohort.timezone not in _zones():
        guess = did_you_mean(cohort.timezone, _zones())
        hint = guess if guess.startswith("did you mean") else "use an IANA time zone name such as `Europe/London` or `America/New_York`"
        add(doc.problem(("timezone",), say("unknown-time-zone", zone=cohort.timezone), hint))
    if cohort.end is not None and cohort.end < cohort.start:
        add(doc.problem(("end",), say("end-before-start", end=long_day(cohort.end), start=long_day(cohort.start)), "the last day must come after the first; check the year and month"))
    _check_cadence(doc, cohort.cadence, add)
    _check_skip_ranges(doc, cohort.skip, add)
    # Only single dates can be listed twice; a range's placeholder is unique.
    _check_repeats(doc, ("skip",), [d.isoformat() if isinstance(d, date) else f"range {i}" for i, d in enumerate(cohort.skip)], "date", add)
    for i, session in enumerate(cohort.sessions):
        _check_session(doc, i, session, add)
    return problems


def _check_cadence(doc: Document, cadence: object, add) -> None:
    hint_all = "use `daily`, `weekdays` (Monday to Friday) or a list of weekday names such as `[mon, wed, fri]`"
    if isinstance(cadence, str):
        if cadence in model.CADENCES:
            return
        if weekday_number(cadence) is not None:
            add(doc.problem(("cadence",), say("cadence-single-day", day=cadence), f"write it as a list: `cadence: [{cadence}]`"))
        else:
            guess = did_you_mean(cadence, model.CADENCES)
            hint = f"{guess} Or give a list of weekday names such as `[mon, wed, fri]`" if guess.startswith("did you mean") else hint_all
            add(doc.problem(("cadence",), say("unknown-cadence", cadence=cadence), hint))
    elif isinstance(cadence, list):
        if not cadence:
            add(doc.problem(("cadence",), say("cadence-empty"), "name at least one weekday, for example `[mon]`"))
        _check_weekdays(doc, ("cadence",), cadence, add)
    else:
        add(doc.problem(("cadence",), say("cadence-kind", found=_kind(cadence)), hint_all))


def _check_weekdays(doc: Document, loc: tuple, names: list, add) -> None:
    seen: set[int] = set()
    for i, name in enumerate(names):
        number = weekday_number(name) if isinstance(name, str) else None
        if not isinstance(name, str):
            add(doc.problem((*loc, i), say("weekday-kind", place=describe(loc), n=i, found=_kind(name)), "write a weekday such as `mon` or `monday`"))
        elif number is None:
            add(doc.problem((*loc, i), say("unknown-weekday", name=name), did_you_mean(name.lower(), [*WEEKDAYS, *(d[:3] for d in WEEKDAYS)], limit=7)))
        elif number in seen:
            add(doc.problem((*loc, i), say("weekday-twice", name=name), "list each weekday once"))
        else:
            seen.add(number)


def _check_skip_ranges(doc: Document, skip: list, add) -> None:
    for i, item in enumerate(skip):
        if not isinstance(item, model.SkipRange):
            continue
        if item.last < item.first:
            add(doc.problem(("skip", i, "last"), say("skip-range-backwards", last=long_day(item.last), first=long_day(item.first)), "put the first day off in `first:` and the last in `last:`; check the year"))
        elif (length := (item.last - item.first).days + 1) > model.SKIP_RANGE_MAX_DAYS:
            add(doc.problem(("skip", i, "last"), say("skip-range-too-long", n=length, limit=model.SKIP_RANGE_MAX_DAYS), "check the years of `first:` and `last:`"))


def _check_repeats(doc: Document, loc: tuple, values: list[str], what: str, add) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            add(doc.problem((*loc, i), say("listed-twice", what=what, value=value, place=describe(loc)), f"list each {what} once"))
        seen.add(value)


def _check_session(doc: Document, i: int, session: model.CohortSession, add) -> None:
    at = ("sessions", i)
    given = [key for key in SESSION_DAY_KEYS if getattr(session, key) is not None]
    if not given:
        add(doc.problem(at, say("session-no-day", id=session.id), "give `date:` (one day), `dates:` (a list of days) or `weekly:` (weekday names, every week)"))
    elif len(given) > 1:
        given.sort(key=lambda k: doc.where((*at, k), key=True))  # in the order the author wrote them
        add(doc.problem((*at, given[1]), say("session-two-days", id=session.id, first=given[0], second=given[1]), "give one of `date`, `dates` or `weekly`; split it into two sessions if both are meant", key=True))
    if session.weekly is not None:
        _check_weekdays(doc, (*at, "weekly"), session.weekly, add)
    if session.dates is not None:
        _check_repeats(doc, (*at, "dates"), [d.isoformat() for d in session.dates], "date", add)
    if parse_clock(session.start) is None:
        add(doc.problem((*at, "start"), say("session-time", n=i, value=session.start), "write a 24-hour time as HH:MM, for example `18:30` or `09:00`"))
    if session.place is None and session.link is None:
        add(doc.problem(at, say("session-no-place", id=session.id), "add `place:` (where the group meets), `link:` (the online meeting address), or both"))
    if session.link is not None and not _WEB_ADDRESS.match(session.link):
        add(doc.problem((*at, "link"), say("session-link", n=i, value=session.link), "write the full address, starting with https://"))
    if session.covers is not None:
        if session.date is None and given:
            add(doc.problem((*at, "covers"), say("session-covers-repeating", id=session.id), "`covers` is for a session with one `date:`; a repeating session covers the lessons since the previous session"))
        _check_repeats(doc, (*at, "covers"), list(session.covers), "lesson", add)
