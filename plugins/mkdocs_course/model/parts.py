"""The parts of an assembled course: lessons in modules, and worksheets.

Each wraps the validated file it came from (`files.py`) with what only its place in
the course says: a lesson's module and its day, counted from 1 across the course.
"""

from __future__ import annotations

from dataclasses import dataclass

from .files import CourseFile, LessonFile, ModuleFile, WorksheetFile


class _FromFile:
    """An item of the assembled course, wrapping the validated file it came from."""

    data: CourseFile | ModuleFile | LessonFile | WorksheetFile

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def title(self) -> str:
        return self.data.title


@dataclass(frozen=True)
class Lesson(_FromFile):
    """A lesson placed in the track. `day` counts from 1 across the whole course."""

    data: LessonFile
    module_id: str
    day: int
    source: str  # path of the YAML file, relative to the course root


@dataclass(frozen=True)
class Module(_FromFile):
    data: ModuleFile
    lessons: tuple[Lesson, ...]
    source: str


@dataclass(frozen=True)
class Worksheet(_FromFile):
    data: WorksheetFile
    source: str
