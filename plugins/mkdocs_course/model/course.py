"""The assembled course: a plain, frozen tree of modules and lessons in track order.

Everything that follows from that order (previous and next, "coming up next", which
lessons use a worksheet) is derived here, once, and never typed by an author.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .cohort import Cohort
from .files import CourseFile, LessonFile, ModuleFile, Routine
from .parts import Lesson, Module, Worksheet, _FromFile


@dataclass(frozen=True)
class Course(_FromFile):
    """A whole, valid course. Derived values are computed from the order once."""

    data: CourseFile
    modules: tuple[Module, ...]
    routines: tuple[Routine, ...]
    worksheets: tuple[Worksheet, ...]
    cohorts: tuple[Cohort, ...] = ()  # dated runs of the course, each from course/cohorts/<id>.yml
    # The pictures lessons show, by file name: (bytes, width, height), read and checked by load/figures.py.
    figures: Mapping[str, tuple[bytes, int, int]] = field(default_factory=dict)

    @cached_property
    def lessons(self) -> tuple[Lesson, ...]:
        """Every lesson in track order (day 1 first)."""
        return tuple(lesson for module in self.modules for lesson in module.lessons)

    @cached_property
    def _lesson_index(self) -> dict[str, int]:
        return {lesson.id: i for i, lesson in enumerate(self.lessons)}

    def lesson(self, lesson_id: str) -> Lesson:
        return self.lessons[self._lesson_index[lesson_id]]

    def previous(self, lesson: Lesson) -> Lesson | None:
        i = self._lesson_index[lesson.id]
        return self.lessons[i - 1] if i > 0 else None

    def next(self, lesson: Lesson) -> Lesson | None:
        i = self._lesson_index[lesson.id]
        return self.lessons[i + 1] if i + 1 < len(self.lessons) else None

    def coming_up(self, lesson: Lesson) -> str | None:
        """The 'coming up next' line: the next lesson's own teaser, else its first objective."""
        following = self.next(lesson)
        if following is None:
            return None
        return following.data.teaser or following.data.objectives[0]

    def module_of(self, lesson: Lesson) -> Module:
        return next(m for m in self.modules if m.id == lesson.module_id)

    @cached_property
    def routine_by_id(self) -> dict[str, Routine]:
        return {r.id: r for r in self.routines}

    @cached_property
    def worksheet_by_id(self) -> dict[str, Worksheet]:
        return {w.id: w for w in self.worksheets}

    @cached_property
    def _module_numbers(self) -> dict[str, int]:
        return {module.id: n for n, module in enumerate(self.modules, 1)}

    def module_number(self, module: Module) -> int:
        """The module's place in the course, from 1 (by id: comparing modules whole compares every lesson in them)."""
        return self._module_numbers[module.id]

    def lessons_using(self, worksheet_id: str) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if worksheet_id in lesson.data.worksheets)

    def lessons_practising(self, routine_id: str) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if lesson.data.routine == routine_id)


def place(modules: Sequence[tuple[ModuleFile, str, Sequence[tuple[LessonFile, str]]]]) -> tuple[Module, ...]:
    """Modules and their lessons, in track order, as `Module`s; each lesson gets its day here.

    `modules` is each module file with its source path and its lesson files (with
    theirs), all in the order the course takes them. Days count from 1 across
    the whole course, so a lesson's day is its place in the track and nothing else.
    """
    placed = []
    day = 0
    for module, source, lessons in modules:
        numbered = []
        for lesson, lesson_source in lessons:
            day += 1
            numbered.append(Lesson(lesson, module.id, day, lesson_source))
        placed.append(Module(module, tuple(numbered), source))
    return tuple(placed)


def slug(text: str) -> str:
    """A URL-safe id from free text, for places that need one but have none."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
