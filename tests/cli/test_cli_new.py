"""`course new`: valid, commented starting files with unique ids; the course still builds."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from conftest import mkdocs_build
from mkdocs_course import cli, model
from mkdocs_course.outputs import scaffold
from mkdocs_course.model import schema
from mkdocs_course.load.loader import check_course, load_course
from mkdocs_course.load.yaml_source import read
from quality import as_json


def run(cwd: Path, *args: str) -> Result:
    with contextlib.chdir(cwd):
        return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def keys_in(text: str) -> set[str]:
    """Every key written in the file, including keys shown only as `# key:` examples."""
    return set(re.findall(r"^\s*(?:#\s*)?(?:-\s+)?([a-z_]+):", text, re.M))


def fields_of(cls: type) -> set[str]:
    """Every field name of a model and the models inside it."""
    found: set[str] = set()
    for name, info in cls.model_fields.items():
        found.add(name)
        for inner in re.findall(r"[A-Z]\w+", str(info.annotation)):
            nested = getattr(model, inner, None)
            if isinstance(nested, type) and hasattr(nested, "model_fields") and nested is not cls:
                found |= fields_of(nested)
    return found


def check_scaffold(root: Path, rel: str, kind: str) -> str:
    """The file is valid for the model and the schema, names its schema, and explains its keys."""
    text = (root / rel).read_text(encoding="utf-8")
    assert text.splitlines()[0] == schema.modeline(rel)
    doc, problems = read(text.encode(), rel)
    assert problems == []
    schema.KINDS[kind].model_validate(doc.data)
    validator = jsonschema.Draft202012Validator(schema.schema(kind), format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(as_json(doc.data))] == []
    comments = " ".join(line.strip().lstrip("# ") for line in text.splitlines() if line.strip().startswith("#"))
    cls = schema.KINDS[kind]
    for name, info in cls.model_fields.items():
        # The comment above each key is the model's own description (wrapped), so it cannot drift.
        assert " ".join(info.description.split()[:6]) in comments, f"{kind}: no comment for `{name}`"
    if kind != "worksheet":  # a worksheet's field keys depend on the field type; they are listed by type
        missing = fields_of(cls) - keys_in(text)
        assert not missing, f"{kind} scaffold never mentions {sorted(missing)}"
    return text


# --- each kind ---------------------------------------------------------------------------------


def test_new_module(mini_course: Path) -> None:
    result = run(mini_course, "new", "module", "find-a-sponsor", "--title", "Find a sponsor")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "created lessons/find-a-sponsor/module.yml\n"
        "added `find-a-sponsor` to course/course.yml\n"
        "Next: fill in lessons/find-a-sponsor/module.yml, then run `course validate`.\n"
    )
    text = check_scaffold(mini_course, "lessons/find-a-sponsor/module.yml", "module")
    assert "id: find-a-sponsor\n" in text and "title: Find a sponsor\n" in text
    assert [m.id for m in load_course(mini_course).modules] == ["basics", "practice", "find-a-sponsor"]
    assert (mini_course / "course/course.yml").read_text(encoding="utf-8").endswith("modules: [basics, practice, find-a-sponsor]\n")


def test_new_lesson_numbers_the_file_and_makes_a_unique_id(mini_course: Path) -> None:
    first = run(mini_course, "new", "lesson", "basics")
    second = run(mini_course, "new", "lesson", "basics", "--title", "Asking: the how")
    assert first.exit_code == second.exit_code == 0
    assert first.stdout.splitlines()[0] == "created lessons/basics/03-lesson-3.yml"
    assert second.stdout.splitlines()[0] == "created lessons/basics/04-asking-the-how.yml"
    check_scaffold(mini_course, "lessons/basics/03-lesson-3.yml", "lesson")
    text = check_scaffold(mini_course, "lessons/basics/04-asking-the-how.yml", "lesson")
    assert 'title: "Asking: the how"\n' in text  # quoted: a bare `: ` would break the YAML
    course = load_course(mini_course)
    assert [lesson.id for lesson in course.modules[0].lessons] == ["basics-first", "basics-second", "basics-lesson-3", "basics-asking-the-how"]
    assert course.lesson("basics-lesson-3").data.routine == "warm-up"


def test_new_lesson_ids_never_collide(mini_course: Path) -> None:
    for _ in range(3):
        assert run(mini_course, "new", "lesson", "basics", "--title", "Same title").exit_code == 0
    ids = [lesson.id for lesson in load_course(mini_course).lessons]
    assert ids[2:5] == ["basics-same-title", "basics-same-title-2", "basics-same-title-3"]


def test_new_lesson_in_a_module_that_lists_its_lessons(mini_course: Path) -> None:
    result = run(mini_course, "new", "lesson", "practice", "practice-more")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == ["created lessons/practice/02-more.yml", "added `practice-more` to lessons/practice/module.yml"]
    assert "lessons: [practice-only, practice-more]\n" in (mini_course / "lessons/practice/module.yml").read_text(encoding="utf-8")
    text = check_scaffold(mini_course, "lessons/practice/02-more.yml", "lesson")
    assert "# Its place in the module is set by `lessons:` in module.yml." in text


def test_new_lesson_with_a_routine(mini_course: Path) -> None:
    path = mini_course / "course/routines.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: cool-down\n    title: Cool-down\n    minutes: 2\n    purpose: Rest.\n    steps: [Sit.]\n", encoding="utf-8")
    assert run(mini_course, "new", "lesson", "basics", "--routine", "cool-down").exit_code == 0
    assert load_course(mini_course).lesson("basics-lesson-3").data.routine == "cool-down"


def test_new_worksheet_used_by_lessons(mini_course: Path) -> None:
    result = run(mini_course, "new", "worksheet", "sponsor-map", "--lesson", "basics-second", "--lesson", "practice-only")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "created exercises/sponsor-map.yml",
        "added `sponsor-map` to lessons/basics/02-second.yml",
        "added `sponsor-map` to lessons/practice/01-only.yml",
        "Next: fill in exercises/sponsor-map.yml, then run `course validate`.",
    ]
    text = check_scaffold(mini_course, "exercises/sponsor-map.yml", "worksheet")
    for field_type in model.FIELD_TYPES:
        assert re.search(rf"^#   {field_type} +\S", text, re.M), f"type `{field_type}` is not explained"
    course = load_course(mini_course)
    assert [lesson.id for lesson in course.lessons_using("sponsor-map")] == ["basics-second", "practice-only"]


def test_new_worksheet_adds_to_an_existing_list(mini_course: Path) -> None:
    assert run(mini_course, "new", "worksheet", "extra", "--lesson", "basics-first").exit_code == 0
    assert "worksheets: [all-fields, extra]\n" in (mini_course / "lessons/basics/01-first.yml").read_text(encoding="utf-8")


def test_new_cohort(mini_course: Path) -> None:
    result = run(mini_course, "new", "cohort", "autumn-group", "--name", "Autumn group", "--start", "2026-09-07", "--timezone", "Europe/London")
    assert result.exit_code == 0, result.output
    text = check_scaffold(mini_course, "course/cohorts/autumn-group.yml", "cohort")
    assert "start: 2026-09-07\n" in text and "timezone: Europe/London\n" in text
    cohort = next(c for c in load_course(mini_course).cohorts if c.id == "autumn-group")
    assert cohort.name == "Autumn group"


def test_new_cohort_starts_next_monday_by_default(mini_course: Path) -> None:
    from datetime import date

    assert scaffold.next_monday(date(2026, 9, 2)) == date(2026, 9, 7)  # a Wednesday
    assert scaffold.next_monday(date(2026, 9, 7)) == date(2026, 9, 14)  # a Monday: the next one
    assert run(mini_course, "new", "cohort", "soon").exit_code == 0
    assert f"start: {scaffold.next_monday(date.today()).isoformat()}\n" in (mini_course / "course/cohorts/soon.yml").read_text(encoding="utf-8")


def test_the_course_builds_after_every_kind_of_scaffold(mini_course: Path) -> None:
    steps = [
        ("new", "module", "find-a-sponsor", "--title", "Find a sponsor"),
        ("new", "lesson", "find-a-sponsor", "--title", "What a sponsor does"),
        ("new", "lesson", "find-a-sponsor", "--title", "Earning a sponsor"),
        ("new", "worksheet", "sponsor-map", "--lesson", "find-a-sponsor-what-a-sponsor-does"),
        ("new", "cohort", "autumn-group", "--start", "2026-09-07"),
    ]
    for step in steps:
        result = run(mini_course, *step)
        assert result.exit_code == 0, (step, result.output)
    validated = run(mini_course, "validate")
    assert validated.exit_code == 0, validated.output
    # The only warnings are the example text each new file holds until the author replaces it.
    warnings = [line for line in validated.stdout.splitlines() if ": warning: " in line]
    assert warnings and all("example text from `course new` is still here" in line for line in warnings), validated.output
    assert {line.split(":")[0] for line in warnings} == {
        "lessons/find-a-sponsor/module.yml",
        "lessons/find-a-sponsor/01-what-a-sponsor-does.yml",
        "lessons/find-a-sponsor/02-earning-a-sponsor.yml",
        "exercises/sponsor-map.yml",
        "course/cohorts/autumn-group.yml",
    }
    built = mkdocs_build(mini_course, "--strict")
    assert built.returncode == 0, built.stderr
    site = mini_course / "site"
    for page in ["find-a-sponsor/index.html", "find-a-sponsor/find-a-sponsor-what-a-sponsor-does/index.html", "worksheets/sponsor-map/index.html", "cohorts/autumn-group/index.html"]:
        assert (site / page).is_file(), page
    lesson = (site / "find-a-sponsor/find-a-sponsor-earning-a-sponsor/index.html").read_text(encoding="utf-8")
    assert "Day 5 of 5" in lesson


# --- what cannot be made: usage errors (exit 2) name the argument ---------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("module", "basics"), "Invalid value for 'ID': module id `basics` is already used by lessons/basics/module.yml"),
        (("module", "Find_A_Sponsor"), "Invalid value for 'ID': `Find_A_Sponsor` is not a valid module id: use lowercase letters, digits and single hyphens, for example `find-a-sponsor`"),
        (("lesson", "basix"), "Invalid value for 'MODULE': no module `basix`; did you mean `basics`?"),
        (("lesson", "basics", "practice-only"), "Invalid value for '[ID]': lesson id `practice-only` is already used by lessons/practice/01-only.yml"),
        (("lesson", "basics", "Two Words"), "Invalid value for '[ID]': `Two Words` is not a valid lesson id: use lowercase letters, digits and single hyphens, for example `two-words`"),
        (("lesson", "basics", "--routine", "warmup"), "Invalid value for '--routine': no routine `warmup`; did you mean `warm-up`?"),
        (("worksheet", "all-fields"), "Invalid value for 'ID': worksheet id `all-fields` is already used by exercises/all-fields.yml"),
        (("worksheet", "spare", "--lesson", "basics-frist"), "Invalid value for '--lesson': no lesson `basics-frist`; did you mean `basics-first`?"),
        (("cohort", "evening"), "Invalid value for 'ID': cohort id `evening` is already used by course/cohorts/evening.yml"),
        (("cohort", "later", "--start", "2026-02-30"), "Invalid value for '--start': '2026-02-30' does not match the format '%Y-%m-%d'."),
        (("module",), "Missing argument 'ID'."),
        (("chapter", "x"), "No such command 'chapter'."),
    ],
)
def test_new_refuses_with_a_usage_error_and_writes_nothing(mini_course: Path, args: tuple[str, ...], message: str) -> None:
    before = snapshot(mini_course)
    result = run(mini_course, "new", *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split()), result.stderr
    assert snapshot(mini_course) == before


def test_new_module_refuses_a_name_that_is_taken_in_lessons(mini_course: Path) -> None:
    # A folder there without module.yml is already a course error; a plain file is not.
    (mini_course / "lessons/drafts").write_text("ideas", encoding="utf-8")
    result = run(mini_course, "new", "module", "drafts")
    assert result.exit_code == 2
    assert "Invalid value for 'ID': `lessons/drafts` already exists; choose another id, or move it away" in result.stderr


def test_new_outside_a_course_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "module", "x")
    assert result.exit_code == 2
    assert "Invalid value for --course: '.' is not a course folder" in result.stderr


def test_new_in_a_broken_course_lists_the_problems_and_writes_nothing(mini_course: Path) -> None:
    path = mini_course / "lessons/basics/01-first.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("minutes: 10", "minuts: 10"), encoding="utf-8")
    before = snapshot(mini_course)
    result = run(mini_course, "new", "lesson", "basics")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the course has problems; fix them first so the new file can be checked:\n"
        "lessons/basics/01-first.yml:3:1: error: unknown key `minuts`\n"
        "    hint: did you mean `minutes`?\n"
    )
    assert snapshot(mini_course) == before


def test_a_scaffold_that_would_break_the_course_is_undone(mini_course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # If a template ever produced a bad file, every change is rolled back.
    before = snapshot(mini_course)
    monkeypatch.setattr(scaffold, "render", lambda kind, rel, **values: f"id: {values['id']}\ntitle: x\n")
    result = run(mini_course, "new", "module", "broken-one")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the new file would leave the course broken, so nothing was changed:\nlessons/broken-one/module.yml:1:1: ")
    assert "lessons/broken-one/module.yml:1:1: error: missing required key `role`\n" in result.stderr
    assert snapshot(mini_course) == before
    assert not (mini_course / "lessons/broken-one").exists()
    assert check_course(mini_course)[0] is not None


# --- editing an author's list without disturbing it ---------------------------------------------------

APPEND = [
    ("modules: [a, b]\n", "modules: [a, b, new]\n"),
    ("modules: [ a, b ]  # order\ntitle: x\n", "modules: [ a, b, new ]  # order\ntitle: x\n"),
    ("modules: []\n", "modules: [new]\n"),
    ("modules: [a,\n  b]\n", "modules: [a,\n  b, new]\n"),
    ("modules:\n  - a\n  - b\ntitle: x\n", "modules:\n  - a\n  - b\n  - new\ntitle: x\n"),
    ("modules:\n  - a\n  - b  # last\n# a comment\ntitle: x\n", "modules:\n  - a\n  - b  # last\n  - new\n# a comment\ntitle: x\n"),
    ("modules:\n    -   a\n", "modules:\n    -   a\n    - new\n"),
    ("modules:\n- a\n- b", "modules:\n- a\n- b\n- new\n"),
    ("title: x\n", "title: x\nmodules: [new]\n"),
    ("title: x", "title: x\nmodules: [new]\n"),
    ("modules:\ntitle: x\n", "modules: [new]\ntitle: x\n"),
    ("modules:\r\n  - a\r\ntitle: x\r\n", "modules:\r\n  - a\r\n  - new\r\ntitle: x\r\n"),
]


@pytest.mark.parametrize(("text", "expected"), APPEND)
def test_append_to_list(text: str, expected: str) -> None:
    assert scaffold.append_to_list(text, "modules", "new") == expected


@pytest.mark.parametrize(("text", "message"), [("modules: basics\n", "`modules` is not a list"), ("- a\n", "the file is not a mapping of keys")])
def test_append_to_list_refuses_what_it_cannot_edit(text: str, message: str) -> None:
    with pytest.raises(scaffold.ScaffoldError, match=message):
        scaffold.append_to_list(text, "modules", "new")


@pytest.mark.parametrize(
    ("title", "written"),
    [("Find a sponsor", "Find a sponsor"), ("Asking: the how", '"Asking: the how"'), ("yes", '"yes"'), ("#1 habit", '"#1 habit"'), ("Café life", "Café life"), ("2026", '"2026"')],
)
def test_titles_are_quoted_only_when_yaml_needs_it(title: str, written: str) -> None:
    import yaml

    assert scaffold._quoted(title) == written
    assert yaml.safe_load(f"t: {written}")["t"] == title
