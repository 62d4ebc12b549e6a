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

from .course import (  # noqa: F401
    Course,
    place,
    slug,
)
from .files import (  # noqa: F401
    CADENCES,
    FIELD_REF_PATTERN,
    FIGURE_PATTERN,
    CHECK_KINDS,
    COLUMN_FILLS,
    COLUMN_TYPES,
    FIELD_TYPES,
    ID_PATTERN,
    MARKDOWN_PATTERN,
    ONE_LINE_PATTERN,
    RENAMED_FROM_DESCRIPTION,
    RESERVED_MODULE_IDS,
    RESERVED_PAGE_IDS,
    ROWS_PER_DAY,
    SKIP_RANGE_MAX_DAYS,
    UNIQUE_IDS,
    WEEKDAY_NAMES,
    AnswerField,
    CalendarDate,
    Check,
    ChecklistField,
    CheckOption,
    ChoiceCheck,
    ChoiceField,
    CohortFile,
    CohortSession,
    Column,
    CourseFile,
    DateField,
    Facilitator,
    Figure,
    FacilitatorNotes,
    Id,
    LessonFile,
    ListField,
    LongTextField,
    Markdown,
    Minutes,
    ModuleFile,
    MultipleCheck,
    RecallCheck,
    ReflectionPrompt,
    Routine,
    RoutinesFile,
    ScaleField,
    ScenarioCheck,
    ScenarioOption,
    Section,
    SkipRange,
    Strict,
    TableField,
    Text,
    TextField,
    WorksheetField,
    WorksheetFile,
    duplicate_ids,
)
from .parts import (  # noqa: F401
    Lesson,
    Module,
    Worksheet,
)
