"""Course lint: warnings for what builds but is probably a mistake, each at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, edit
from mkdocs_course.load.lint import lint
from mkdocs_course.load.loader import load_course


def warnings(root: Path) -> list[tuple[str, int, int, str, str | None]]:
    found = lint(load_course(root), root)
    assert all(p.severity == "warning" for p in found)
    return [(p.path, p.line, p.column, p.message, p.hint) for p in found]


@pytest.mark.parametrize("root", [ROOT, FIXTURES / "mini"], ids=["shipped", "mini"])
def test_the_shipped_and_fixture_courses_are_clean(root: Path) -> None:
    assert warnings(root) == []


def test_a_worksheet_no_lesson_uses(mini_course: Path) -> None:
    sheet = (mini_course / "exercises/all-fields.yml").read_text(encoding="utf-8")
    (mini_course / "exercises/spare.yml").write_text(sheet.replace("id: all-fields", "id: spare").replace("title: Every field type", "title: Spare"), encoding="utf-8")
    assert warnings(mini_course) == [
        ("exercises/spare.yml", 1, 5, "worksheet `spare` is not used by any lesson", "add `spare` to the `worksheets:` of the lessons that need it, or delete the file")
    ]


def test_a_routine_never_practised(mini_course: Path) -> None:
    path = mini_course / "course/routines.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  - id: cool-down\n    title: Cool-down\n    minutes: 2\n    purpose: Rest.\n    steps: [Sit.]\n",
        encoding="utf-8",
    )
    assert warnings(mini_course) == [
        ("course/routines.yml", 9, 9, "routine `cool-down` is not practiced in any lesson", "set `routine: cool-down` in the lessons that practice it, or remove it")
    ]


def test_a_module_with_no_lessons(mini_course: Path) -> None:
    (mini_course / "lessons/extra").mkdir()
    (mini_course / "lessons/extra/module.yml").write_text(
        "id: extra\ntitle: Extra\nrole: extra\nsummary: More.\noutcomes: [More.]\n", encoding="utf-8"
    )
    edit(mini_course, "course/course.yml", "modules: [basics, practice]", "modules: [basics, practice, extra]")
    assert warnings(mini_course) == [
        ("lessons/extra/module.yml", 1, 5, "module `extra` has no lessons", "add a lesson file beside lessons/extra/module.yml (`course new lesson extra`)")
    ]


def test_duplicate_titles_of_each_kind(mini_course: Path) -> None:
    # Case and spacing do not make two titles different to a reader.
    edit(mini_course, "lessons/basics/02-second.yml", "title: Second lesson", "title: first  LESSON")
    edit(mini_course, "lessons/practice/module.yml", "title: Practice", "title: Basics")
    routines = mini_course / "course/routines.yml"
    routines.write_text(routines.read_text(encoding="utf-8") + "  - id: again\n    title: Warm-up\n    minutes: 3\n    purpose: Again.\n    steps: [Again.]\n", encoding="utf-8")
    edit(mini_course, "lessons/practice/01-only.yml", "routine: warm-up", "routine: again")
    sheet = (mini_course / "exercises/all-fields.yml").read_text(encoding="utf-8")
    (mini_course / "exercises/copy.yml").write_text(sheet.replace("id: all-fields", "id: copy"), encoding="utf-8")
    edit(mini_course, "lessons/practice/01-only.yml", "facilitator:", "worksheets: [copy]\nfacilitator:")
    assert warnings(mini_course) == [
        ("course/routines.yml", 10, 12, "routine `again` has the same title as routine `warm-up` (course/routines.yml): Warm-up", "give each routine its own title so learners can tell them apart"),
        ("exercises/copy.yml", 2, 8, "worksheet `copy` has the same title as worksheet `all-fields` (exercises/all-fields.yml): Every field type", "give each worksheet its own title so learners can tell them apart"),
        ("lessons/basics/02-second.yml", 2, 8, "lesson `basics-second` has the same title as lesson `basics-first` (lessons/basics/01-first.yml): first  LESSON", "give each lesson its own title so learners can tell them apart"),
        ("lessons/practice/module.yml", 2, 8, "module `practice` has the same title as module `basics` (lessons/basics/module.yml): Basics", "give each module its own title so learners can tell them apart"),
    ]


def test_titles_of_different_kinds_may_match(mini_course: Path) -> None:
    # A module and its first lesson often share a title; they are different pages in different places.
    edit(mini_course, "lessons/basics/01-first.yml", "title: First lesson", "title: Basics")
    assert warnings(mini_course) == []




def test_lint_kept_reads_again_only_the_files_not_kept_and_finds_what_lint_finds(mini_course: Path) -> None:
    from mkdocs_course.load.lint import course_files, lint_kept

    lesson = "lessons/basics/01-first.yml"
    edit(mini_course, lesson, "objectives:\n  - Take the first step.\n", "objectives:\n  - Take the first step today.\n   - And the second\n")
    course = load_course(mini_course)
    everything = lint(course, mini_course)
    assert [p.path for p in everything] == [lesson]
    warnings, found = lint_kept(course, mini_course, (), {})
    assert warnings == everything and found[lesson] == everything and set(found) == set(course_files(course))
    # The lesson's findings kept: nothing read again finds them, and they are still said.
    kept = {source: found[source] for source in course_files(course)}
    again, read = lint_kept(course, mini_course, (), kept)
    assert again == everything and read == {}
    # Kept as clean, the lesson is taken at its word: the caller keeps findings only while a file is unchanged.
    assert lint_kept(course, mini_course, (), {**kept, lesson: []})[0] == []


def test_lint_reads_the_files_the_loader_parsed_and_parses_none_again(mini_course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The merged-item rule used to parse every course file a second time (a tenth of a second
    at a thousand lessons): with the loader's store it reads only the files that have a plain
    text over several lines, and finds what a lint that parses afresh finds."""
    import yaml

    from mkdocs_course.load import loader, yaml_source

    lesson = "lessons/basics/01-first.yml"
    edit(mini_course, lesson, "objectives:\n  - Take the first step.\n", "objectives:\n  - Take the first step today.\n   - And the second\n")
    parsed = loader.ParsedHere()
    course, problems = loader.check_course(mini_course, parsed=parsed)
    assert course is not None and not problems
    afresh = lint(course, mini_course)
    assert [(p.path, p.line, p.column) for p in afresh] == [(lesson, 6, 4)]
    parses: list[str] = []

    def counted(raw: bytes, path: str) -> tuple[yaml_source.Document, list[object]]:
        parses.append(path)
        return yaml_source.read(raw, path)

    monkeypatch.setattr(loader, "read", counted)
    monkeypatch.setattr(yaml, "parse", lambda *a, **k: parses.append("yaml.parse"))
    assert lint(course, mini_course, parsed=parsed) == afresh
    # Only a file that JSON would not give back the same (a cohort's dates) is parsed again.
    assert parses and all(path.startswith("course/cohorts/") for path in parses), parses
