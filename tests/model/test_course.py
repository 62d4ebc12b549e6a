"""The model derives what follows from the track's order: each lesson's day, previous and next."""

from __future__ import annotations

import yaml
from conftest import FIXTURES

from mkdocs_course import model


MINI = FIXTURES / "mini" / "lessons" / "basics"
LESSON = yaml.safe_load((MINI / "01-first.yml").read_text(encoding="utf-8"))
MODULE = yaml.safe_load((MINI / "module.yml").read_text(encoding="utf-8"))


def _module(module_id: str, *lesson_ids: str) -> tuple[model.ModuleFile, str, list[tuple[model.LessonFile, str]]]:
    module = model.ModuleFile.model_validate({**MODULE, "id": module_id, "lessons": list(lesson_ids)})
    lessons = [(model.LessonFile.model_validate({**LESSON, "id": lesson_id}), f"lessons/{module_id}/{lesson_id}.yml") for lesson_id in lesson_ids]
    return module, f"lessons/{module_id}/module.yml", lessons


def test_days_count_across_modules_in_the_order_given() -> None:
    placed = model.place([_module("second", "c"), _module("first", "a", "b")])
    assert [(m.id, [(lesson.id, lesson.day, lesson.module_id, lesson.source) for lesson in m.lessons]) for m in placed] == [
        ("second", [("c", 1, "second", "lessons/second/c.yml")]),
        ("first", [("a", 2, "first", "lessons/first/a.yml"), ("b", 3, "first", "lessons/first/b.yml")]),
    ]


def test_a_module_with_no_lessons_takes_no_day() -> None:
    placed = model.place([_module("empty"), _module("full", "a")])
    assert [lesson.day for m in placed for lesson in m.lessons] == [1]
