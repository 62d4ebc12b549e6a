"""The JSON Schema: generated from the model, committed in schema/, checked by an independent validator.

`jsonschema` is not pydantic: a file both accept, and a bad file both reject,
shows the schema editors use says what the loader enforces.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from conftest import FIXTURES, ROOT
from quality import as_json
from mkdocs_course.model import schema
from mkdocs_course.load.yaml_source import read

SHIPPED_DIRS = ("course", "lessons", "exercises")


def course_files(root: Path) -> list[str]:
    found = []
    for folder in SHIPPED_DIRS:
        found += [p.relative_to(root).as_posix() for p in sorted((root / folder).rglob("*.yml"))]
    return found


def data_of(path: Path, rel: str) -> Any:
    doc, problems = read(path.read_bytes(), rel)
    assert not problems, problems
    return doc.data


def validator(kind: str) -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(schema.schema(kind), format_checker=jsonschema.FormatChecker())


# --- the committed files ------------------------------------------------------------


def test_committed_schema_files_equal_the_generated_ones() -> None:
    assert schema.stale(ROOT / "schema") == [], "run `course schema --out schema` and commit the result"
    committed = sorted(p.name for p in (ROOT / "schema").glob("*.json"))
    assert committed == sorted(schema.schemas()), "a schema file without a kind (or a kind without a file)"


def test_stale_notices_a_changed_file(tmp_path: Path) -> None:
    schema.write(tmp_path)
    assert schema.stale(tmp_path) == []
    (tmp_path / "lesson.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "cohort.schema.json").unlink()
    assert schema.stale(tmp_path) == ["lesson.schema.json", "cohort.schema.json"]


@pytest.mark.parametrize("kind", list(schema.KINDS))
def test_each_schema_is_a_valid_2020_12_schema(kind: str) -> None:
    generated = schema.schema(kind)
    jsonschema.Draft202012Validator.check_schema(generated)
    assert generated["$schema"] == schema.JSON_SCHEMA_DIALECT
    assert generated["additionalProperties"] is False  # misspelt keys are flagged in the editor
    # Every key an author writes has a description for the editor's tooltip.
    for obj in [generated, *generated.get("$defs", {}).values()]:
        for key, prop in obj.get("properties", {}).items():
            if key != "type":  # a worksheet field's tag is described by its field type
                assert prop.get("description"), f"{kind}: `{key}` has no description"


# --- every shipped file -------------------------------------------------------------


@pytest.mark.parametrize("rel", course_files(ROOT))
def test_every_shipped_file_passes_its_schema_and_names_it_on_line_one(rel: str) -> None:
    kind = schema.kind_of(rel)
    assert kind is not None, f"{rel} is not a known kind of course file"
    first_line = (ROOT / rel).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == schema.modeline(rel)
    assert ((ROOT / rel).parent / first_line.split("$schema=")[1]).resolve().is_file()
    errors = [e.message for e in validator(kind).iter_errors(as_json(data_of(ROOT / rel, rel)))]
    assert errors == []


@pytest.mark.parametrize("rel", course_files(FIXTURES / "mini"))
def test_every_fixture_file_passes_its_schema(rel: str) -> None:
    kind = schema.kind_of(rel)
    assert kind is not None
    errors = [e.message for e in validator(kind).iter_errors(as_json(data_of(FIXTURES / "mini" / rel, rel)))]
    assert errors == []


# --- bad files: the schema and the model both reject them -------------------------------


def lesson() -> dict[str, Any]:
    return data_of(FIXTURES / "mini/lessons/basics/01-first.yml", "lessons/basics/01-first.yml")


def worksheet() -> dict[str, Any]:
    return data_of(FIXTURES / "mini/exercises/all-fields.yml", "exercises/all-fields.yml")


def course() -> dict[str, Any]:
    return data_of(FIXTURES / "mini/course/course.yml", "course/course.yml")


def cohort() -> dict[str, Any]:
    return data_of(FIXTURES / "mini/course/cohorts/evening.yml", "course/cohorts/evening.yml")


def changed(data: dict[str, Any], path: tuple[Any, ...], value: Any = ..., *, drop: bool = False) -> dict[str, Any]:
    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    if drop:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


BAD = [
    # (name, kind, data, the schema keyword that rejects it, where in the data)
    ("misspelt key", "lesson", changed(lesson(), ("minuts",), 10), "additionalProperties", ()),
    ("missing required key", "lesson", changed(lesson(), ("minutes",), drop=True), "required", ()),
    ("text where a number goes", "lesson", changed(lesson(), ("minutes",), "ten"), "type", ("minutes",)),
    ("minutes out of range", "lesson", changed(lesson(), ("minutes",), 0), "minimum", ("minutes",)),
    ("an id with capitals", "lesson", changed(lesson(), ("id",), "Basics_First"), "pattern", ("id",)),
    ("empty objectives", "lesson", changed(lesson(), ("objectives",), []), "minItems", ("objectives",)),
    ("empty title", "lesson", changed(lesson(), ("title",), ""), "minLength", ("title",)),
    ("title too long", "lesson", changed(lesson(), ("title",), "x" * 501), "maxLength", ("title",)),
    ("unknown key in a section", "lesson", changed(lesson(), ("sections", 0, "image"), "x.png"), "additionalProperties", ("sections", 0)),
    ("a number as a reflection prompt", "lesson", changed(lesson(), ("reflection", 0, "prompt"), 2026), "type", ("reflection", 0, "prompt")),
    ("unknown field type", "worksheet", changed(worksheet(), ("fields", 0, "type"), "txt"), "oneOf", ("fields", 0)),
    ("a choice with one option", "worksheet", changed(worksheet(), ("fields", 6, "options"), ["Only"]), "oneOf", ("fields", 6)),
    ("a course without modules", "course", changed(course(), ("modules",), []), "minItems", ("modules",)),
    ("a bad language tag", "course", changed(course(), ("language",), "English"), "pattern", ("language",)),
    ("a cohort start that is not a date", "cohort", changed(cohort(), ("start",), "next monday"), "format", ("start",)),
    ("an unknown cadence", "cohort", changed(cohort(), ("cadence",), "weekly"), "anyOf", ("cadence",)),
    ("a session too short", "cohort", changed(cohort(), ("sessions", 0, "minutes"), 5), "minimum", ("sessions", 0, "minutes")),
]


@pytest.mark.parametrize(("name", "kind", "data", "keyword", "where"), BAD, ids=[b[0] for b in BAD])
def test_the_schema_rejects_each_bad_example(name: str, kind: str, data: dict[str, Any], keyword: str, where: tuple[Any, ...]) -> None:
    errors = list(validator(kind).iter_errors(as_json(data)))
    assert [(e.validator, tuple(e.absolute_path)) for e in errors] == [(keyword, where)]


# The model judges some of these with rules the schema states differently (a date
# format, a cadence); what matters is that it rejects every one of them too.
MODEL_CHECKS_LATER = {"an unknown cadence"}  # checked by cohort_checks.check_file, with a did-you-mean hint


@pytest.mark.parametrize(("name", "kind", "data"), [b[:3] for b in BAD if b[0] not in MODEL_CHECKS_LATER], ids=[b[0] for b in BAD if b[0] not in MODEL_CHECKS_LATER])
def test_the_model_rejects_each_bad_example_too(name: str, kind: str, data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        schema.KINDS[kind].model_validate(data)


def test_the_model_accepts_what_the_schema_accepts() -> None:
    for kind, data in [("lesson", lesson()), ("worksheet", worksheet()), ("course", course()), ("cohort", cohort())]:
        assert list(validator(kind).iter_errors(as_json(data))) == []
        schema.KINDS[kind].model_validate(data)


# --- where each kind of file lives ----------------------------------------------------------

KIND_OF = [
    ("course/course.yml", "course"),
    ("course/routines.yml", "routines"),
    ("course/cohorts/spring.yml", "cohort"),
    ("lessons/coach/module.yml", "module"),
    ("lessons/coach/01-what.yml", "lesson"),
    ("lessons/coach/01-what.yaml", "lesson"),
    ("exercises/smart-goal.yml", "worksheet"),
    ("exercises/notes.txt", None),
    ("lessons/stray.yml", None),
    ("course/other.yml", None),
    ("docs/index.md", None),
]


@pytest.mark.parametrize(("rel", "kind"), KIND_OF)
def test_kind_of(rel: str, kind: str | None) -> None:
    assert schema.kind_of(rel) == kind


@pytest.mark.parametrize(
    ("rel", "line"),
    [
        ("course/course.yml", "# yaml-language-server: $schema=../schema/course.schema.json"),
        ("lessons/coach/01-what.yml", "# yaml-language-server: $schema=../../schema/lesson.schema.json"),
        ("exercises/smart-goal.yml", "# yaml-language-server: $schema=../schema/worksheet.schema.json"),
        ("course/cohorts/spring.yml", "# yaml-language-server: $schema=../../schema/cohort.schema.json"),
    ],
)
def test_modeline_points_from_the_file_to_schema(rel: str, line: str) -> None:
    assert schema.modeline(rel) == line


def test_modeline_refuses_a_file_that_is_not_a_course_file() -> None:
    with pytest.raises(ValueError, match="docs/index.md is not a course file"):
        schema.modeline("docs/index.md")


# --- published with the site -------------------------------------------------------------


def test_the_site_publishes_the_schemas(shipped_site: Path) -> None:
    for name, text in schema.schemas().items():
        assert (shipped_site / "schema" / name).read_text(encoding="utf-8") == text
    json.loads((shipped_site / "schema" / "lesson.schema.json").read_text(encoding="utf-8"))


TRANSLATED = sorted(p.relative_to(FIXTURES / "translations/es").as_posix() for p in (FIXTURES / "translations/es").rglob("*.yml"))


@pytest.mark.parametrize("rel", TRANSLATED)
def test_every_fixture_translation_passes_its_translation_schema_and_not_the_full_one(rel: str) -> None:
    # An editor underlines nothing in a partial translation, yet still knows every key.
    kind = schema.kind_of(f"translations/es/{rel}")
    assert kind is not None
    data = as_json(data_of(FIXTURES / "translations/es" / rel, rel))
    loose = jsonschema.Draft202012Validator(schema.translation_schema(kind))
    jsonschema.Draft202012Validator.check_schema(schema.translation_schema(kind))
    assert [e.message for e in loose.iter_errors(data)] == []
    assert list(validator(kind).iter_errors(data)), "the full schema would flag the keys a translation leaves out"
    assert list(loose.iter_errors({**data, "tilte": "x"})), "a misspelt key is still flagged"
