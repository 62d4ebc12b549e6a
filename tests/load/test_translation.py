"""A translation laid over its course (load/translation.py): which values are text, how items
are matched, what a translation may not change, and where its problems are reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from mkdocs_course import model
from mkdocs_course.load import translation
from mkdocs_course.load.loader import check_course, load_course
from mkdocs_course.load.yaml_source import read

SPANISH = FIXTURES / "translations/es"


def with_spanish(tmp_path: Path) -> Path:
    root = shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    shutil.copytree(SPANISH, root / "translations/es", ignore=shutil.ignore_patterns("*.md"))
    course_yml = root / "course/course.yml"
    course_yml.write_text(course_yml.read_text(encoding="utf-8").replace("language: en", "language: en\ntranslations: [es]"), encoding="utf-8")
    return root


def daytime(course: model.Course):
    return next(c for c in course.cohorts if c.id == "daytime")


def doc(text: str, path: str = "x.yml"):
    found, problems = read(text.encode(), path)
    assert problems == []
    return found


def test_text_is_what_the_model_types_as_text_and_nothing_else() -> None:
    lesson = doc((FIXTURES / "mini/lessons/basics/01-first.yml").read_text(encoding="utf-8")).data
    texts = translation.text_paths(model.LessonFile, lesson)
    assert ("title",) in texts and ("sections", 0, "heading") in texts and ("sections", 0, "body") in texts
    assert ("checks", 0, "options", 0, "why") in texts and ("facilitator", "questions", 0) in texts
    for structure in [("id",), ("minutes",), ("routine",), ("worksheets", 0), ("checks", 0, "kind"), ("checks", 0, "options", 0, "right"), ("reflection", 0, "id")]:
        assert structure not in texts, structure
    # Discriminated unions: a recall check's answer is text, as is a table column's label.
    second = doc((FIXTURES / "mini/lessons/basics/02-second.yml").read_text(encoding="utf-8")).data
    assert ("checks", 1, "answer") in translation.text_paths(model.LessonFile, second)
    sheet = doc((FIXTURES / "mini/exercises/all-fields.yml").read_text(encoding="utf-8")).data
    sheet_texts = translation.text_paths(model.WorksheetFile, sheet)
    assert ("fields", 3, "columns", 0, "label") in sheet_texts and ("fields", 3, "type") not in sheet_texts
    # What stays the same in every language: a time zone, a web address, a person's name.
    cohort = doc((FIXTURES / "mini/course/cohorts/evening.yml").read_text(encoding="utf-8")).data
    cohort_texts = translation.text_paths(model.CohortFile, cohort)
    assert ("name",) in cohort_texts and ("sessions", 1, "place") in cohort_texts
    assert not {("timezone",), ("sessions", 1, "link"), ("facilitators", 0, "name"), ("facilitators", 0, "contact")} & cohort_texts


def test_items_with_ids_are_matched_by_id_in_any_order_and_the_rest_by_place() -> None:
    original = doc("id: w\nroutines:\n  - {id: a, title: A, minutes: 3, purpose: P, steps: [One, Two]}\n  - {id: b, title: B, minutes: 2, purpose: Q, steps: [Three]}\n")
    given = doc("routines:\n  - {id: b, title: Be}\n  - {id: a, steps: [Uno]}\n", "t.yml")
    laid, problems = translation.lay(original, given, model.RoutinesFile, "es")
    assert problems == []
    routines = laid.doc.data["routines"]
    assert [r["title"] for r in routines] == ["A", "Be"] and routines[0]["steps"] == ["Uno", "Two"]
    # What the translation leaves out is untranslated, in the order of the original file.
    assert laid.untranslated == [("routines", 0, "title"), ("routines", 0, "purpose"), ("routines", 0, "steps", 1), ("routines", 1, "purpose"), ("routines", 1, "steps", 0)]


def test_a_copy_of_the_original_is_a_valid_translation_whose_sentences_count_as_still_to_translate() -> None:
    # A trial author copied a file, left it in English, and the untranslated warning went away.
    text = (FIXTURES / "mini/lessons/basics/01-first.yml").read_text(encoding="utf-8")
    laid, problems = translation.lay(doc(text), doc(text, "t.yml"), model.LessonFile, "es")
    assert problems == []
    assert ("checks", 0, "question") in laid.untranslated and ("objectives", 0) in laid.untranslated  # four words or more
    assert ("title",) not in laid.untranslated and ("checks", 0, "options", 0, "text") not in laid.untranslated  # "First lesson", "A sponsor"


def test_what_is_not_text_is_named_by_its_key_and_the_original_decides_it() -> None:
    # a right answer moved to another option, a list of ids changed
    lesson = doc((FIXTURES / "mini/lessons/basics/01-first.yml").read_text(encoding="utf-8"))
    given = doc("checks:\n  - id: who-opens-doors\n    options:\n      - {text: Un patrocinador}\n      - {text: Un coach, right: true}\nworksheets: [otra]\n", "t.yml")
    _, problems = translation.lay(lesson, given, model.LessonFile, "es")
    said = {(p.line, p.message, p.hint) for p in problems}
    assert (5, "`right` is not in the original (x.yml)", "`right` is not text: only the original may set it; remove it here") in said
    assert (6, "`worksheets[0]` is not text to translate", "keep `all-fields` as in the original, or leave `worksheets` out of the translation") in said


def test_a_translation_folder_named_in_capitals_is_told_its_lowercase_name(tmp_path: Path) -> None:
    root = with_spanish(tmp_path)
    (root / "translations/es").rename(root / "translations/ES")
    course, problems = check_course(root)
    assert course is None  # `es` is listed and its folder is not there
    said = {(p.path, p.hint) for p in problems}
    assert ("translations/ES/", "rename the folder to translations/es/") in said


def test_the_course_in_spanish_has_the_same_structure_and_spanish_text(tmp_path: Path) -> None:
    root = with_spanish(tmp_path)
    english, spanish = load_course(root), load_course(root, language="es")
    assert spanish.data.language == "es" and spanish.title == "Curso mini"
    assert [lesson.id for lesson in spanish.lessons] == [lesson.id for lesson in english.lessons]
    assert [lesson.title for lesson in spanish.lessons] == ["Primera lección", "Segunda lección", "Única lección"]
    assert spanish.lessons[0].data.checks[0].options[0].right is True  # from the original
    assert daytime(spanish).sessions[0].title == "Charla del almuerzo" and daytime(spanish).data.timezone == "America/New_York"
    # The fixture's translation is complete: validate has nothing to say.
    course, problems = check_course(root)
    assert course is not None and problems == []


def test_a_session_without_a_title_is_named_in_the_course_language(tmp_path: Path) -> None:
    root = with_spanish(tmp_path)
    path = root / "course/cohorts/daytime.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    title: Lunch check-in\n", ""), encoding="utf-8")
    tr = root / "translations/es/course/cohorts/daytime.yml"
    tr.write_text(tr.read_text(encoding="utf-8").replace("    title: Charla del almuerzo\n", ""), encoding="utf-8")
    assert daytime(load_course(root)).sessions[0].title == "Group session"
    assert daytime(load_course(root, language="es")).sessions[0].title == "Sesión de grupo"


def test_a_problem_in_translated_text_is_reported_where_the_translation_wrote_it(tmp_path: Path) -> None:
    root = with_spanish(tmp_path)
    tr = root / "translations/es/lessons/basics/01-first.yml"
    tr.write_text(tr.read_text(encoding="utf-8").replace("title: Primera lección", "title: " + "x" * 501), encoding="utf-8")
    course, problems = check_course(root)
    assert course is None
    assert [(p.path, p.line, p.severity) for p in problems] == [("translations/es/lessons/basics/01-first.yml", 3, "error")]
    assert "500" in problems[0].message


def test_a_translation_that_does_not_read_is_an_error_and_nothing_is_built_from_it(tmp_path: Path) -> None:
    root = with_spanish(tmp_path)
    (root / "translations/es/lessons/basics/01-first.yml").write_text("title: Primera: lección\n", encoding="utf-8")
    course, problems = check_course(root)
    assert course is None and problems[0].path == "translations/es/lessons/basics/01-first.yml"


@pytest.mark.parametrize("where", ["link", "size"])
def test_a_translation_file_is_read_as_safely_as_the_course(tmp_path: Path, where: str) -> None:
    root = with_spanish(tmp_path)
    tr = root / "translations/es/lessons/basics/01-first.yml"
    tr.unlink()
    if where == "link":
        outside = tmp_path / "elsewhere.yml"
        outside.write_text("title: Fuera\n", encoding="utf-8")
        tr.symlink_to(outside)
    else:
        tr.write_text("# x\n" * 600_000, encoding="utf-8")
    course, problems = check_course(root)
    assert course is None and [p.path for p in problems] == ["translations/es/lessons/basics/01-first.yml"]
