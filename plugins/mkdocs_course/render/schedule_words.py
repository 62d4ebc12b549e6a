"""What a page shows for a cohort's dates: the words and the marks, apart from the dates themselves.

The schedule (`model/cohort.py`) is data: weekday numbers, dates, month grids.
The words a facilitator reads for it ("Mondays and Thursdays", "Days 1 to 4",
"March 2027") and the CSS classes of a calendar cell are the page's business,
so they live here, beside the other templates' helpers; the dates themselves
come from `model/dates.py` in the course's language. Nothing here imports
MkDocs (decision D2).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from babel.dates import format_skeleton, get_day_names
from babel.support import NullTranslations

from ..model import Lesson
from ..model.cohort import WEEKDAYS, Cohort, Day, Month
from ..model.dates import TOOL_LOCALE


def cadence_words(cohort: Cohort, words: NullTranslations | None = None, locale: str = TOOL_LOCALE) -> str:
    """The lesson days in words: `every day`, `Monday to Friday`, `Mondays and Thursdays`.
    `words`: gettext for the course's language (i18n.py); weekday names come from CLDR."""
    _ = (words or NullTranslations()).gettext
    if cohort.data.cadence == "daily":
        return _("every day")
    if cohort.data.cadence == "weekdays":
        return _("Monday to Friday")
    if locale.split("_")[0] == "en":
        names = [WEEKDAYS[n].capitalize() + "s" for n in cohort.cadence]
    else:  # CLDR's own names for the days, as they stand alone in the course's language
        days = get_day_names("wide", context="stand-alone", locale=locale)
        names = [days[n] for n in cohort.cadence]
    return names[0] if len(names) == 1 else _("%(some)s and %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


def day_numbers(lessons: Iterable[Lesson], words: NullTranslations | None = None) -> str:
    """`Days 1 to 4`, `Day 7`, `Days 5, 30 to 32`: which lessons, briefly, by day number."""
    _ = (words or NullTranslations()).gettext
    days = sorted({lesson.day for lesson in lessons})
    if not days:
        return _("none")
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [_("%(first)s to %(last)s") % {"first": r[0], "last": r[-1]} if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    return _("Day %(days)s") % {"days": parts[0]} if len(days) == 1 else _("Days %(days)s") % {"days": ", ".join(parts)}


def weekday_names(locale: str = TOOL_LOCALE) -> list[tuple[str, str]]:
    """(name, short) for Monday to Sunday in the course's language: a month grid's column heads."""
    wide = get_day_names("wide", context="format", locale=locale)
    short = get_day_names("short", context="stand-alone", locale=locale)
    return [(wide[n], short[n]) for n in range(7)]


def day_classes(day: Day) -> str:
    """CSS classes of the day's cell in the calendar picture."""
    marks = [("lesson", day.lesson is not None), ("session", bool(day.sessions)), ("skipped", day.skipped)]
    return " ".join(f"course-day-{name}" for name, on in marks if on)


def month_title(month: Month, locale: str = TOOL_LOCALE) -> str:
    """`March 2027`: a month grid's caption, in the course's language (CLDR, as every date here)."""
    return format_skeleton("yMMMM", date(month.year, month.month, 1), locale=locale)
