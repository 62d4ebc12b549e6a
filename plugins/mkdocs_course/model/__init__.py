"""The course model: what a course is, with no files, no pages and no MkDocs (decision D2).

- `files.py`: what an author writes, one pydantic class per kind of YAML file; the
  JSON Schema (`schema.py`) and the field reference are generated from them.
- `parts.py` and `course.py`: the assembled course, a frozen tree of modules and
  lessons in track order, with what follows from that order.
- `cohort.py`: a course run on real dates, and the date arithmetic behind it.
- `dates.py`: dates in the course's language, as CLDR writes them.

The names of `files.py`, `parts.py` and `course.py` are the package's own, so code
reads `model.Lesson`, `model.LessonFile`; `model.cohort` is its own module.
"""

from .files import (  # noqa: F401
    ID_PATTERN,
    Id,
    ONE_LINE_PATTERN,
    MARKDOWN_PATTERN,
    Text,
    Markdown,
    Minutes,
    RESERVED_MODULE_IDS,
    RESERVED_PAGE_IDS,
    Strict,
    CourseFile,
    Routine,
    RoutinesFile,
    RENAMED_FROM_DESCRIPTION,
    TextField,
    LongTextField,
    ListField,
    COLUMN_TYPES,
    COLUMN_FILLS,
    ROWS_PER_DAY,
    Column,
    TableField,
    ChecklistField,
    ScaleField,
    ChoiceField,
    DateField,
    WorksheetField,
    FIELD_TYPES,
    WorksheetFile,
    ModuleFile,
    Section,
    ReflectionPrompt,
    FacilitatorNotes,
    LessonFile,
    CalendarDate,
    WEEKDAY_NAMES,
    CADENCES,
    Facilitator,
    CohortSession,
    SKIP_RANGE_MAX_DAYS,
    SkipRange,
    CohortFile,
    UNIQUE_IDS,
    duplicate_ids,
)
from .parts import (  # noqa: F401
    Lesson,
    Module,
    Worksheet,
)
from .course import (  # noqa: F401
    Course,
    slug,
)
