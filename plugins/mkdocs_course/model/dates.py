"""Dates in the course's one style, in its language: the same CLDR patterns the browser uses.

A learner sees dates from two places: pages made here (schedules, run sheets, the
cohort pack) and pages drawn in their browser (Today, Progress, the journal, through
`Intl.DateTimeFormat`). Both take their patterns from CLDR, here through Babel, so a
course shows one style: "Mon, Mar 1" and "Mon, Mar 1, 2027" in American English,
"lun, 1 mar 2027" in Spanish. Nothing here imports MkDocs (decision D2).
"""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

TOOL_LOCALE = "en"  # the language of the course tools' own messages (problems, hints)


def cldr_locale(language: str) -> Locale | None:
    """CLDR's locale for a BCP 47 `language` (`es-MX`), or None when CLDR has none."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def locale_of(language: str) -> str:
    """The Babel locale for a course's BCP 47 `language`, or English when CLDR has none."""
    locale = cldr_locale(language)
    return str(locale) if locale is not None else TOOL_LOCALE


def short_day(day: date, locale: str = TOOL_LOCALE) -> str:
    """`Mon, Mar 1`: a day within the course's weeks, beside its day number."""
    return format_skeleton("MMMEd", day, locale=locale)


def long_day(day: date, locale: str = TOOL_LOCALE) -> str:
    """`Mon, Mar 1, 2027`: a day that needs its year."""
    return format_skeleton("yMMMEd", day, locale=locale)


def full_day(day: date, locale: str = TOOL_LOCALE) -> str:
    """`Monday, March 1, 2027`: a day on its own, as a heading says it."""
    return format_date(day, format="full", locale=locale)


def clock(moment: datetime) -> str:
    """`18:30`: a session's wall-clock time in its cohort's zone, 24-hour as calendars and run sheets show it."""
    return f"{moment:%H:%M}"


def zone_name(moment: datetime) -> str:
    """The zone's abbreviation at that moment (GMT, BST), or its UTC offset where it has none."""
    name = moment.tzname() or ""
    return name if name[:1].isalpha() else f"UTC{name}"
