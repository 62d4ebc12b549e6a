"""What an author writes: one class per kind of YAML file, the single source of truth.

Every YAML file an author writes is validated against one of the classes here
(`CourseFile`, `ModuleFile`, `LessonFile`, `RoutinesFile`, `WorksheetFile`,
`CohortFile`), and the JSON Schema that editors use is generated from the same
classes (`schema.py`), so the schema, the validator and the field reference in
the author guide cannot drift apart. The validated files are assembled into a
`Course` (`course.py`) by the loader. Nothing in this package imports MkDocs (decision D2).

Descriptions on fields are written for authors: they appear in editor tooltips
and in the generated field reference.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Ids become URL segments and localStorage keys (decision D8), so they are kept
# to lowercase letters, digits and single hyphens: stable and safe everywhere.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
# One-line text holds no line break and no control character: a title with a newline
# would break the calendar writer, a bare carriage return would go raw into a `.ics`
# file, and a bell character makes the lesson feed ill-formed XML. Markdown keeps its
# newlines and tabs, and refuses the other control characters for the same reasons.
ONE_LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
MARKDOWN_PATTERN = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]*$"
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500, pattern=ONE_LINE_PATTERN)]
"""One line of plain text: a title, a label, a prompt."""
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000, pattern=MARKDOWN_PATTERN)]
"""Longer text in Markdown: paragraphs, lists, emphasis, links."""


class _SameInEveryLanguage:
    """Marks one-line text a translation does not change: a time zone, a web address, a person's name."""


SAME_IN_EVERY_LANGUAGE = _SameInEveryLanguage()
Kept = Annotated[Text, SAME_IN_EVERY_LANGUAGE]
"""One line of text that is the same in every language of the course (load/translation.py)."""
Minutes = Annotated[int, Field(ge=1, le=600)]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
"""A BCP 47 language tag: `en`, `es`, `pt-BR`."""

# Module ids become top-level folders of the site, beside the folders of the
# generated pages and of MkDocs itself; a module may not take one of those.
# tests/render/test_pages.py checks this list against the pages the renderer makes.
RESERVED_MODULE_IDS = frozenset(
    {"about", "assets", "authors", "certificate", "cohorts", "facilitator", "figures", "journal", "progress", "routines",
     "schema", "search", "summary", "today", "workbooks", "worksheets"}
)


# The file name of a folder's own page (`worksheets/index.md`, a module's `index.md`): no
# lesson, worksheet, routine or cohort may take it as its id.
RESERVED_PAGE_IDS = frozenset({"index"})


class Strict(BaseModel):
    """Base for every author-facing model.

    `extra="forbid"` turns a misspelt key into an error instead of silently
    dropped text; `strict=True` stops YAML's guesses (a bare `2026` for a title)
    from being coerced into something the author did not mean.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- course/course.yml -------------------------------------------------------


class LearningPlatform(Strict):
    """How the course behaves inside an organization's learning platform (SCORM packages, `course package`)."""

    share_answers: bool = Field(
        default=False,
        description="`true` to send learners' reflections and worksheet answers to the learning platform with their progress "
        "and self-check results. Default `false`: those stay in the learner's browser, as on the web, and the course home says so.",
    )


class CourseFile(Strict):
    """`course/course.yml`: what the course is and the order of its modules."""

    id: Id = Field(description="Short, stable id of the course. Used in learners' saved answers: never change it once learners have started.")
    title: Text = Field(description="The course title, shown on every page.")
    description: Markdown = Field(description="What the course is about and who it is for, shown on the course home page.")
    language: LanguageTag = Field(default="en", description="Language of the course text, as a BCP 47 tag such as `en` or `pt-BR`.")
    translations: list[LanguageTag] = Field(
        default_factory=list,
        description="Other languages the course is built in, each translated in `translations/<language>/` (for example `[es, fr]`). "
        "Each gets its own copy of the site under `<language>/`, with a language switcher; learners' answers follow them across languages.",
    )
    modules: list[Id] = Field(min_length=1, description="Module ids in the order learners take them. Each is a folder under `lessons/`.")
    welcome: Markdown | None = Field(default=None, description="Optional longer welcome shown on the home page under the description.")
    lms: LearningPlatform = Field(default_factory=LearningPlatform, description="Inside a learning platform (SCORM): what learners' data it receives. See `share_answers`.")


# --- course/routines.yml -------------------------------------------------------


class Routine(Strict):
    """A daily practice, defined once and practiced from many lessons."""

    id: Id = Field(description="Stable id; lessons name it in `routine`.")
    title: Text = Field(description="Name of the routine.")
    minutes: Minutes = Field(description="How long the routine takes each day.")
    purpose: Markdown = Field(description="Why this routine helps, in a sentence or two.")
    steps: list[Text] = Field(min_length=1, max_length=12, description="The steps, each one short line, done in order.")


class RoutinesFile(Strict):
    """`course/routines.yml`: every daily routine of the course."""

    routines: list[Routine] = Field(min_length=1, description="The routines.")



# --- exercises/<id>.yml --------------------------------------------------------


RENAMED_FROM_DESCRIPTION = (
    "Ids this {kind} had before, oldest first. Learners' answers{progress} are saved under ids: list the old id when you "
    "rename one, and they follow it to the new one."
)


class _FieldBase(Strict):
    id: Id = Field(description="Stable id of the field within the worksheet; learners' answers are saved under it.")
    renamed_from: list[Id] = Field(default_factory=list, description=RENAMED_FROM_DESCRIPTION.format(kind="field", progress=""))
    label: Text = Field(description="The question or label shown to the learner.")
    help: Text | None = Field(default=None, description="Optional hint shown under the label.")


PlainLines = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000, pattern=MARKDOWN_PATTERN)]
"""Plain text that may run over several lines: not Markdown, shown as written (a model message)."""

STARTER_DESCRIPTION = (
    "Optional text the field starts with, for the learner to adapt: a model message, a sentence to finish. "
    "It is not saved as their answer until they change it."
)


class TextField(_FieldBase):
    """One line of text."""

    type: Literal["text"]
    starter: Text | None = Field(default=None, description=STARTER_DESCRIPTION)


class LongTextField(_FieldBase):
    """A paragraph or more of text."""

    type: Literal["long_text"]
    lines: int = Field(default=5, ge=2, le=30, description="How many ruled lines the printed template leaves.")
    starter: PlainLines | None = Field(default=None, description=STARTER_DESCRIPTION + " May run over several lines.")


class ListField(_FieldBase):
    """A numbered list of short answers."""

    type: Literal["list"]
    items: int = Field(default=3, ge=1, le=20, description="How many entries to offer.")


# What a learner writes in a table cell. A cell's answer is text (the date as
# YYYY-MM-DD, the number as typed), or true/false for a checkbox.
COLUMN_TYPES = ("text", "long_text", "date", "checkbox", "number", "choice")
# What a cell of a day-by-day table (`rows: days`) can show from the course itself,
# instead of asking: the day's number, the learner's date for it (from their start
# date or cohort), the routine of that day, the lesson's title.
COLUMN_FILLS = ("day", "date", "routine", "lesson")
ROWS_PER_DAY = "days"


class Column(Strict):
    id: Id = Field(description="Stable id of the column.")
    label: Text = Field(description="Column heading.")
    type: Literal["text", "long_text", "date", "checkbox", "number", "choice"] = Field(
        default="text",
        description="What the learner writes in each cell: `text` (one line), `long_text` (a few lines), `date`, "
        "`checkbox` (a box to tick), `number`, or `choice` (one of `options`).",
    )
    options: list[Text] | None = Field(default=None, min_length=2, max_length=12, description="The options of a `choice` column.")
    fill: Literal["day", "date", "routine", "lesson"] | None = Field(
        default=None,
        description="Only in a table with `rows: days`: the cell shows, instead of asking, the day's number (`day`), "
        "the learner's date for that day (`date`, from their start date or cohort), that day's routine (`routine`) "
        "or the lesson's title (`lesson`).",
    )


class TableField(_FieldBase):
    """A table with named columns; learners can add and remove rows."""

    type: Literal["table"]
    columns: list[Column] = Field(min_length=1, max_length=8, description="The columns, left to right.")
    rows: Annotated[int, Field(ge=1, le=30)] | Literal["days"] = Field(
        default=3,
        description="How many rows to start with (and to print), 1 to 30; or `days` for one row per lesson day "
        "of the course, a tracker that always matches the course's length (learners cannot add or remove its rows).",
    )


class ChecklistField(_FieldBase):
    """A list of items to tick."""

    type: Literal["checklist"]
    options: list[Text] = Field(min_length=1, max_length=30, description="The items to tick.")


class ScaleField(_FieldBase):
    """A rating from 1 to 5."""

    type: Literal["scale"]
    low: Text | None = Field(default=None, description="What 1 means. Default: \"Not at all\", in the course's language.")
    high: Text | None = Field(default=None, description="What 5 means. Default: \"Very much\", in the course's language.")


class ChoiceField(_FieldBase):
    """One choice among several options."""

    type: Literal["choice"]
    options: list[Text] = Field(min_length=2, max_length=20, description="The options to choose from.")


class DateField(_FieldBase):
    """A calendar date."""

    type: Literal["date"]


# `<worksheet id>.<field id>`: a field of another worksheet, as `answer` fields name it.
FIELD_REF_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$"


class AnswerField(_FieldBase):
    """The learner's answer to a field of another worksheet, shown here read-only: asked once, used again."""

    type: Literal["answer"]
    from_: Annotated[str, StringConstraints(pattern=FIELD_REF_PATTERN, max_length=129)] = Field(
        alias="from",
        description="The field whose answer this shows, as `<worksheet id>.<field id>`, for example `smart-goal.smart-goal`. "
        "The learner writes it there; here it is shown with a link back, and printed with the worksheet.",
    )

    @property
    def source(self) -> tuple[str, str]:
        """The worksheet id and the field id that `from` names."""
        sheet_id, field_id = self.from_.split(".")
        return sheet_id, field_id


WorksheetField = Annotated[
    Union[TextField, LongTextField, ListField, TableField, ChecklistField, ScaleField, ChoiceField, DateField, AnswerField],
    Field(discriminator="type"),
]
FIELD_TYPES = ("text", "long_text", "list", "table", "checklist", "scale", "choice", "date", "answer")


class WorksheetFile(Strict):
    """`exercises/<id>.yml`: a worksheet or template with typed fields."""

    id: Id = Field(description="Stable id; the file should be named `<id>.yml`. Lessons name it in `worksheets`.")
    renamed_from: list[Id] = Field(default_factory=list, description=RENAMED_FROM_DESCRIPTION.format(kind="worksheet", progress=""))
    title: Text = Field(description="The worksheet title.")
    purpose: Markdown = Field(description="What the learner gets from filling it in, in a sentence or two.")
    instructions: Markdown = Field(description="How to fill it in.")
    fields: list[WorksheetField] = Field(min_length=1, max_length=60, description="The fields, in order.")
    example: Markdown | None = Field(
        default=None,
        description="Optional: how one person filled it in, shown under the instructions as a worked example. "
        "A few lines are enough; keep the people of your examples the same across the course.",
    )



# --- lessons/<module>/module.yml and lessons/<module>/*.yml --------------------


class ModuleFile(Strict):
    """`lessons/<module-id>/module.yml`: one module of the course."""

    id: Id = Field(description="Stable id; must match the folder name.")
    title: Text = Field(description="The module title.")
    role: Text = Field(description="The part this module plays in the course, in a few words (for example: coach, mentor, sponsor).")
    summary: Markdown = Field(description="What the module covers, shown on its page and the course home.")
    outcomes: list[Text] = Field(min_length=1, description="What a learner can do after the module.")
    lessons: list[Id] | None = Field(
        default=None,
        description="Optional order of the module's lessons by id. Without it, lesson files are taken in file-name order.",
    )


FIGURE_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:svg|png)$"


class Figure(Strict):
    """A picture shown under a section's text, with the same information in words."""

    image: Annotated[str, StringConstraints(pattern=FIGURE_PATTERN, max_length=80)] = Field(
        description="File name of the picture in `course/figures/`: an SVG (best for diagrams: sharp at every size) or a PNG, "
        "such as `career-cycle.svg`. An SVG may only draw: no script, no links or references out of the file."
    )
    alt: Text = Field(description="What the picture shows, in words, for anyone who cannot see it: the same information, not a caption.")
    caption: Text | None = Field(default=None, description="Optional caption shown under the picture.")


class Section(Strict):
    heading: Text = Field(description="The section heading.")
    body: Markdown = Field(description="The teaching text, in Markdown.")
    figure: Figure | None = Field(default=None, description="Optional picture shown under the text: `image`, `alt` and an optional `caption`.")


class ReflectionPrompt(Strict):
    id: Id = Field(description="Stable id; the learner's answer is saved under it.")
    prompt: Text = Field(description="The question the learner answers in writing.")


class FacilitatorNotes(Strict):
    minutes: Minutes = Field(description="Suggested minutes for this lesson in a live session.")
    questions: list[Text] = Field(min_length=1, description="Discussion questions for a group.")
    notes: Markdown | None = Field(default=None, description="Notes for the facilitator: what to watch for, how to run it.")


# --- self-checks in a lesson ------------------------------------------------------------
# A check asks the learner to retrieve today's idea; the answer is never sent anywhere and
# no score is kept, only whether it was right the first time (shown in Progress).


class CheckOption(Strict):
    """One answer to pick in a `choice` or `multiple` check."""

    text: Text = Field(description="The answer as the learner reads it.")
    right: bool = Field(default=False, description="`true` for a right answer. A `choice` check has exactly one; a `multiple` check at least one.")
    why: Text = Field(description="Why this answer is right or not, in a sentence. Shown once the learner has answered, whatever they picked: it is where the check teaches.")


class ScenarioOption(Strict):
    """One thing the learner might do in a `scenario` check. None is marked wrong."""

    text: Text = Field(description="What the learner might do, in their words.")
    response: Text = Field(description="What tends to happen if they do it, and what to weigh. Shown when they pick it.")


class _CheckBase(Strict):
    id: Id = Field(description="Stable id of the check within the lesson; the learner's answer is saved under it.")
    renamed_from: list[Id] = Field(default_factory=list, description=RENAMED_FROM_DESCRIPTION.format(kind="check", progress=""))
    question: Text = Field(description="The question, as one line.")


class ChoiceCheck(_CheckBase):
    """One right answer among two to eight."""

    kind: Literal["choice"] = Field(description="`choice`: one right answer among the options.")
    options: list[CheckOption] = Field(min_length=2, max_length=8, description="The answers to pick from, exactly one with `right: true`.")


class MultipleCheck(_CheckBase):
    """Several right answers: the learner ticks every one that applies."""

    kind: Literal["multiple"] = Field(description="`multiple`: the learner ticks every option that applies.")
    options: list[CheckOption] = Field(min_length=2, max_length=8, description="The answers to tick, at least one with `right: true`.")


class ScenarioCheck(_CheckBase):
    """"What would you do?": a judgement call, each option with its own response, none wrong."""

    kind: Literal["scenario"] = Field(description="`scenario`: what would you do? Each option gets its own response; none is wrong.")
    options: list[ScenarioOption] = Field(min_length=2, max_length=6, description="What the learner might do, each with the response they see.")


class RecallCheck(_CheckBase):
    """A question the learner answers in their own words before seeing a model answer."""

    kind: Literal["recall"] = Field(description="`recall`: the learner writes an answer, then sees a model one.")
    # One line of plain text: the answer sits inside the check's form, where no Markdown is read.
    answer: Text = Field(description="A model answer in a sentence or two, shown once the learner has written their own.")


Check = Annotated[Union[ChoiceCheck, MultipleCheck, ScenarioCheck, RecallCheck], Field(discriminator="kind")]
CHECK_KINDS = ("choice", "multiple", "scenario", "recall")


class LessonFile(Strict):
    """`lessons/<module-id>/<file>.yml`: one daily lesson."""

    id: Id = Field(description="Stable id, unique in the course. Learners' answers are saved under it.")
    renamed_from: list[Id] = Field(default_factory=list, description=RENAMED_FROM_DESCRIPTION.format(kind="lesson", progress=" and done marks"))
    title: Text = Field(description="The lesson title.")
    minutes: Minutes = Field(description="Estimated minutes to take the lesson, routine included.")
    objectives: list[Text] = Field(min_length=1, description="What the learner will be able to do after this lesson.")
    sections: list[Section] = Field(min_length=1, description="The teaching text, in sections.")
    routine: Id = Field(description="Id of the daily routine this lesson practices (from `course/routines.yml`).")
    reflection: list[ReflectionPrompt] = Field(min_length=1, description="Prompts the learner answers in writing.")
    action: Markdown = Field(description="Today's action: one small, concrete thing to do today.")
    summary: list[Text] = Field(min_length=1, description="Key points to remember; gathered on the course summary page.")
    worksheets: list[Id] = Field(default_factory=list, description="Ids of worksheets this lesson uses (from `exercises/`).")
    checks: list[Check] = Field(
        default_factory=list, max_length=6,
        description="Optional self-checks after the teaching text: `choice`, `multiple`, `scenario` or `recall` (see `kind`). Answers stay in the learner's browser.",
    )
    teaser: Text | None = Field(default=None, description="Optional 'coming up next' line shown at the end of the previous lesson.")

    facilitator: FacilitatorNotes = Field(description="Notes for facilitators who run this lesson with a group.")



# --- course/cohorts/<id>.yml ----------------------------------------------------------
# A cohort is one run of the course for a group: a start date, a rhythm of lesson
# days, and live sessions. The file holds only what a facilitator decides; every
# date and time is derived from it in `cohort.py`. Values whose rules need a
# calendar or the course (time zones, weekday names, clock times, lesson ids) are
# typed loosely here and checked in `load/cohort_checks.py` and `load/cohorts.build`, so each problem can name its exact place
# and carry a "did you mean" hint.

CalendarDate = date  # an alias: a field named `date` would shadow the type in the class body
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CADENCES = ("daily", "weekdays")


class Facilitator(Strict):
    name: Kept = Field(description="The facilitator's name, as learners know them.")
    contact: Kept | None = Field(default=None, description="Optional e-mail address or phone number, printed in the facilitator guide and the cohort pack.")


class CohortSession(Strict):
    """A live group meeting: on one `date`, on several `dates`, or every week on `weekly` days."""

    id: Id = Field(description="Stable id of the session. Calendar entries are keyed on it: keep it when you change the time or place.")
    title: Text | None = Field(default=None, description="What the session is called in the schedule and calendar. Default: \"Group session\", in the course's language.")
    date: CalendarDate | None = Field(default=None, description="The day of a one-off session, as YYYY-MM-DD.")
    dates: list[CalendarDate] | None = Field(default=None, min_length=1, description="Several days for this session, each YYYY-MM-DD.")
    weekly: list[str] | None = Field(
        default=None,
        min_length=1,
        max_length=7,
        description="Weekday names (`tue`, `thursday`) for a session held every week from the cohort's start until its last lesson. Skipped dates have no session.",
    )
    start: str = Field(description="Start time in the cohort's time zone, 24-hour `HH:MM`, for example `18:30`.")
    minutes: int = Field(ge=15, le=480, description="How long the session lasts, in minutes (15 to 480).")
    place: Text | None = Field(default=None, description="Where the group meets in person. Give `place`, `link` or both.")
    link: Kept | None = Field(default=None, description="Web address of the online meeting (https://...). Give `place`, `link` or both.")
    covers: list[Id] | None = Field(
        default=None,
        description="Lesson ids this session discusses; only for a session with one `date`. Without it, a session covers the lessons dated since the previous session, up to its own day.",
    )
    notes: Markdown | None = Field(default=None, description="Notes for the facilitator, shown on this session's run sheet.")


# A skip range longer than this is a typo in a year, not a break (and would make a huge set of days).
SKIP_RANGE_MAX_DAYS = 366


class SkipRange(Strict):
    """A run of days off, such as a winter break; both days are included."""

    first: CalendarDate = Field(description="The first day off, as YYYY-MM-DD.")
    last: CalendarDate = Field(description="The last day off, as YYYY-MM-DD.")

    @property
    def days(self) -> list[CalendarDate]:
        """Every day of the range; none when it is backwards or too long (the cohort checks report those)."""
        length = (self.last - self.first).days + 1
        return [self.first + timedelta(days=n) for n in range(length)] if 0 < length <= SKIP_RANGE_MAX_DAYS else []


class CohortFile(Strict):
    """`course/cohorts/<id>.yml`: one group taking the course on dates, with live sessions."""

    id: Id = Field(description="Stable id of the cohort; the file should be named `<id>.yml`. Learners' choice of cohort is saved under it.")
    name: Text = Field(description="The cohort's name, as learners and facilitators know it.")
    start: CalendarDate = Field(description="The first day of the cohort, as YYYY-MM-DD. The first lesson falls on it, or on the next lesson day.")
    end: CalendarDate | None = Field(default=None, description="Optional last day. Every lesson must fit before it; weekly sessions stop there.")
    timezone: Kept = Field(description="IANA time zone of the group's sessions, such as `Europe/London` or `America/New_York`.")
    cadence: Annotated[
        object,
        Field(
            description="Which days have a lesson: `daily`, `weekdays` (Monday to Friday), or a list of weekday names such as `[mon, wed, fri]`.",
            json_schema_extra={
                "anyOf": [
                    {"enum": list(CADENCES)},
                    {"type": "array", "minItems": 1, "items": {"enum": [*WEEKDAY_NAMES, *(d[:3] for d in WEEKDAY_NAMES)]}},
                ]
            },
        ),
    ]
    skip: list[CalendarDate | SkipRange] = Field(
        default_factory=list,
        description="Days with no lesson and no weekly session (holidays): each a date, YYYY-MM-DD, or a run of days such as `{first: 2027-12-20, last: 2028-01-02}`.",
    )
    sessions: list[CohortSession] = Field(default_factory=list, description="The live group sessions.")
    facilitators: list[Facilitator] = Field(min_length=1, description="Who runs the cohort.")
    size: int = Field(default=12, ge=1, le=200, description="How many learners you expect; each printed sign-in sheet has this many rows.")
    welcome: Markdown | None = Field(default=None, description="Optional note for learners on the cohort's schedule page: how to reach you, what to bring.")


    @property
    def skipped_days(self) -> frozenset[CalendarDate]:
        """Every day off the skip list names, ranges spelled out."""
        return frozenset(day for item in self.skip for day in (item.days if isinstance(item, SkipRange) else [item]))


# Lists whose items' `id`s must be unique, per file kind: ("fields", "*", "columns")
# means the columns of each field. Checked on raw data by `duplicate_ids`, so the
# loader can report duplicates in the same run as a file's other errors.
UNIQUE_IDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "WorksheetFile": (("fields",), ("fields", "*", "columns")),
    "LessonFile": (("reflection",), ("checks",)),
    "RoutinesFile": (("routines",),),
    "CohortFile": (("sessions",),),
}


def duplicate_ids(kind: str, data: object) -> list[tuple[tuple[object, ...], str]]:
    """(location of the duplicate's `id`, the id) for every repeated id in `data`."""
    found: list[tuple[tuple[object, ...], str]] = []

    def lists(node: object, path: tuple[str, ...], loc: tuple[object, ...]):
        if not path:
            yield loc, node
        elif path[0] == "*":
            for i, item in enumerate(node if isinstance(node, list) else []):
                yield from lists(item, path[1:], (*loc, i))
        elif isinstance(node, dict) and path[0] in node:
            yield from lists(node[path[0]], path[1:], (*loc, path[0]))

    for list_path in UNIQUE_IDS.get(kind, ()):
        for loc, items in lists(data, list_path, ()):
            seen: set[str] = set()
            for i, item in enumerate(items if isinstance(items, list) else []):
                item_id = item.get("id") if isinstance(item, dict) else None
                if isinstance(item_id, str):
                    if item_id in seen:
                        found.append(((*loc, i, "id"), item_id))
                    seen.add(item_id)
    return found


