"""Loading a course: a table of broken courses, each with the exact problems reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_course, edit, reported
from mkdocs_course.load.loader import check_course, load_course
from mkdocs_course.load.problems import CourseError

LESSON = "lessons/basics/01-first.yml"
SECOND = "lessons/basics/02-second.yml"
SHEET = "exercises/all-fields.yml"


# (file, text to replace, replacement, every problem expected as "path:line:col: message | hint")
BROKEN = {
    "misspelt key": (LESSON, "objectives:", "objectivs:", [
        f"{LESSON}:4:1: unknown key `objectivs` | did you mean `objectives`?",
    ]),
    "missing key": (LESSON, "objectives:\n  - Take the first step.\n", "", [
        f"{LESSON}:1:1: missing required key `objectives` | add `objectives:` (What the learner will be able to do after this lesson.)",
    ]),
    "broken lesson still has its references checked": (LESSON, "routine: warm-up\n", "routine: warmup\nextra: 1\n", [
        f"{LESSON}:10:10: no routine with id `warmup` | did you mean `warm-up`?",
        f"{LESSON}:11:1: unknown key `extra` | known: `action`, `checks`, `facilitator`, `id`, `minutes`, `objectives`, `reflection`, `renamed_from`, `routine`, `sections`, `summary`, `teaser` and 2 more",
    ]),
    "number where text belongs": (LESSON, "title: First lesson", "title: 2026", [
        f'{LESSON}:2:8: title should be text, not a whole number (`2026`) | YAML reads 2026 as a number; put it in quotes: "2026"',
    ]),
    "boolean where text belongs": (LESSON, "action: Write one line.", "action: true", [
        f'{LESSON}:14:9: action should be text, not true or false (`True`) | YAML reads true/false as yes/no values; put the text in quotes: "true"',
    ]),
    "colon inside text": (LESSON, "action: Write one line.", "action:\n  Note: write one line.", [
        f"{LESSON}:15:3: action should be text, not a mapping of keys | a `: ` inside text starts a mapping; put the whole text in quotes",
    ]),
    "text where a list belongs": (LESSON, "summary:\n  - First things first.", "summary: First things first.", [
        f"{LESSON}:15:10: summary should be a list, not text | write one item per line, each starting with `- `",
    ]),
    "quoted number": (LESSON, "minutes: 10", 'minutes: "10"', [
        f"{LESSON}:3:10: minutes should be a whole number, not text | write the number without quotes",
    ]),
    # A word where a number belongs is no quoting slip: the hint must not say "without quotes".
    "word where a number belongs": (LESSON, "minutes: 10", "minutes: no", [
        f"{LESSON}:3:10: minutes should be a whole number, not text | write a whole number, such as `10`",
    ]),
    "number with its unit": (LESSON, "minutes: 10", "minutes: 10 min", [
        f"{LESSON}:3:10: minutes should be a whole number, not text | write the number alone, without a unit: `10`",
    ]),
    "apostrophe inside single quotes": (LESSON, "title: First lesson", "title: 'It's my turn'", [
        f"{LESSON}:2:12: YAML syntax error: did not find expected key | the text is in single quotes and holds an apostrophe, which ends it: "
        "write the apostrophe twice (`'It''s'`) or put the text in double quotes",
    ]),
    # A comma in a `{ }` mapping ends the value: the rest of the sentence is no misspelt key.
    "comma inside braces": (LESSON, "why: A coach builds one skill with you.}", "why: A coach builds one skill, like listening.}", [
        f"{LESSON}:24:56: unknown key `like listening.` | inside `{{ }}` a comma ends a value, so YAML read the rest of the text as a key: put the whole text in double quotes",
    ]),
    "empty id": (LESSON, "routine: warm-up", "routine:", [
        f"{LESSON}:10:9: routine: `` is not a valid id | the value is empty: write the id after the colon (lowercase letters, digits and single hyphens)",
    ]),
    "number out of range": (LESSON, "minutes: 10", "minutes: 0", [
        f"{LESSON}:3:10: minutes is 0; it must be between 1 and 600 | None",
    ]),
    "empty list": (LESSON, "objectives:\n  - Take the first step.", "objectives: []", [
        f"{LESSON}:4:13: objectives needs at least 1 item | add an item on a new line starting with `- `",
    ]),
    "empty text": (LESSON, "action: Write one line.", 'action: "  "', [
        f"{LESSON}:14:9: action is empty | write the text, or remove the key if it is optional",
    ]),
    "bad id": (LESSON, "id: basics-first", "id: Basics First", [
        f"{LESSON}:1:5: id: `Basics First` is not a valid id | use lowercase letters, digits and single hyphens, for example `basics-first`",
    ]),
    "language that is not a tag": ("course/course.yml", "language: en", "language: English", [
        "course/course.yml:4:11: language: `English` is not a language tag | use a BCP 47 tag such as `en`, `en-GB`, `fr` or `pt-BR`",
    ]),
    "dangling routine": (LESSON, "routine: warm-up", "routine: warmup", [
        f"{LESSON}:10:10: no routine with id `warmup` | did you mean `warm-up`?",
    ]),
    "dangling worksheet": (LESSON, "worksheets: [all-fields]", "worksheets: [all-field, nothing-like-it]", [
        f"{LESSON}:17:14: no worksheet with id `all-field` | did you mean `all-fields`? (files in `exercises/`)",
        f"{LESSON}:17:25: no worksheet with id `nothing-like-it` | known: `all-fields` (files in `exercises/`)",
    ]),
    "duplicate reflection id": (LESSON, "  - id: why\n    prompt: Why are you here?", "  - id: why\n    prompt: Why are you here?\n  - id: why\n    prompt: Again?", [
        f"{LESSON}:14:9: duplicate id `why` in reflection | each id must be unique in its list; rename one",
    ]),
    "duplicate lesson id": (SECOND, "id: basics-second", "id: basics-first", [
        f"{SECOND}:1:5: duplicate lesson id `basics-first` (also in {LESSON}) | each lesson id must be unique in the course; rename one",
    ]),
    "module not in course": ("course/course.yml", "modules: [basics, practice]", "modules: [basics]", [
        "lessons/practice/module.yml:1:1: module `practice` is not in `course/course.yml` modules | add `- practice` to `modules:` in course/course.yml, where it belongs in the order",
    ]),
    "course names a missing module": ("course/course.yml", "modules: [basics, practice]", "modules: [basics, practise, extra]", [
        "course/course.yml:5:19: no module folder `lessons/practise/` | did you mean `practice`?",
        "course/course.yml:5:29: no module folder `lessons/extra/` | known: `basics`, `practice`",
        "lessons/practice/module.yml:1:1: module `practice` is not in `course/course.yml` modules | add `- practice` to `modules:` in course/course.yml, where it belongs in the order",
    ]),
    "module listed twice": ("course/course.yml", "modules: [basics, practice]", "modules: [basics, practice, basics]", [
        "course/course.yml:5:29: module `basics` is listed twice | list each module once",
    ]),
    "module id differs from folder": ("lessons/practice/module.yml", "id: practice", "id: practise", [
        "lessons/practice/module.yml:1:5: module id `practise` does not match its folder `practice` | set `id: practice`, or rename the folder to `practise/`",
    ]),
    "module order names unknown lesson": ("lessons/practice/module.yml", "lessons: [practice-only]", "lessons: [practice-only, practice-two]", [
        "lessons/practice/module.yml:7:26: no lesson with id `practice-two` in `lessons/practice/` | did you mean `practice-only`?",
    ]),
    "lesson missing from module order": ("lessons/practice/module.yml", "lessons: [practice-only]", "lessons: []", [
        "lessons/practice/01-only.yml:1:5: lesson `practice-only` is not listed in its module's `lessons:` | add `- practice-only` to `lessons:` in lessons/practice/module.yml",
    ]),
    "worksheet id differs from file": (SHEET, "id: all-fields", "id: every-field", [
        f"{SHEET}:1:5: worksheet id `every-field` does not match its file name `all-fields.yml` | set `id: all-fields`, or rename the file to `every-field.yml`",
    ]),
    "unknown field type": (SHEET, "type: date", "type: dates", [
        f"{SHEET}:19:24: unknown field type `dates` | did you mean `date`?",
    ]),
    "field without type": (SHEET, "{id: review, type: date, label: Review date}", "{id: review, label: Review date}", [
        f"{SHEET}:19:5: fields[7] has no `type` | add `type:`, one of `text`, `long_text`, `list`, `table`, `checklist`, `scale`, `choice`, `date`, `answer`",
    ]),
    "table without columns": (SHEET, "    columns:\n      - {id: who, label: Who}\n      - {id: role, label: Role}", "    columns: []", [
        f"{SHEET}:13:14: fields[3].columns needs at least 1 item | add an item on a new line starting with `- `",
    ]),
    "choice with one option": (SHEET, "options: [Weekly, Monthly]", "options: [Weekly]", [
        f"{SHEET}:18:56: fields[6].options needs at least 2 items | add an item on a new line starting with `- `",
    ]),
    "duplicate field ids": (SHEET, "{id: hopes,", "{id: name,", [
        f"{SHEET}:8:10: duplicate id `name` in fields | each id must be unique in its list; rename one",
    ]),
    "unknown key in a field": (SHEET, "{id: story, type: long_text, label: Your story, lines: 4}", "{id: story, type: long_text, label: Your story, rows: 4}", [
        f"{SHEET}:7:53: unknown key `rows` | known: `help`, `id`, `label`, `lines`, `renamed_from`, `starter`, `type`",
    ]),
    "routine missing steps": ("course/routines.yml", "    steps:\n      - Stretch.\n      - Breathe.\n", "", [
        "course/routines.yml:2:5: missing required key `steps` in routines[0] | add `steps:` (The steps, each one short line, done in order.)",
    ]),
}


@pytest.mark.parametrize("case", sorted(BROKEN), ids=sorted(BROKEN))
def test_broken_course_reports_every_problem_exactly(case: str, mini_course: Path) -> None:
    rel, old, new, expected = BROKEN[case]
    edit(mini_course, rel, old, new)
    assert reported(mini_course) == expected


def test_problems_in_many_files_are_reported_together(mini_course: Path) -> None:
    edit(mini_course, LESSON, "objectives:", "objectivs:")
    edit(mini_course, SHEET, "type: date", "type: dates")
    edit(mini_course, "course/routines.yml", "minutes: 3", "minutes: three")
    (mini_course / "lessons/basics/03-empty.yml").write_text("", encoding="utf-8")
    (mini_course / "lessons/basics/04-latin1.yml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    (mini_course / "lessons/basics/05-syntax.yml").write_text("id: x\ntitle: a: b\n", encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        load_course(mini_course)
    report = caught.value.report()
    assert report.splitlines()[0] == "6 problems in 6 files:"
    for needle in [
        f"{SHEET}:19:24: error: unknown field type `dates`",
        "course/routines.yml:4:14: error: routines[0].minutes should be a whole number, not text",
        f"{LESSON}:4:1: error: unknown key `objectivs`",
        "lessons/basics/03-empty.yml:1:1: error: file is empty",
        "lessons/basics/04-latin1.yml:1:11: error: file is not UTF-8 (byte 0xe9)",
        "lessons/basics/05-syntax.yml:2:9: error: YAML syntax error: mapping values are not allowed in this context",
    ]:
        assert needle in report
    # Sorted by file, then line: an author can work down the list.
    paths = [line.split(":")[0] for line in report.splitlines()[1:] if not line.startswith("    ")]
    assert paths == sorted(paths)


def test_missing_course_files(tmp_path: Path) -> None:
    (tmp_path / "lessons").mkdir()
    assert reported(tmp_path) == [
        "course/course.yml:1:1: file `course/course.yml` is missing | every course needs `course/course.yml` with id, title, description and modules",
        "course/routines.yml:1:1: file `course/routines.yml` is missing | list the daily routines in `course/routines.yml` under `routines:`",
    ]


def test_module_folder_without_module_file(mini_course: Path) -> None:
    (mini_course / "lessons/practice/module.yml").unlink()
    assert reported(mini_course)[0].startswith("lessons/practice/module.yml:1:1: file `lessons/practice/module.yml` is missing")


def test_stray_lesson_outside_a_module(mini_course: Path) -> None:
    (mini_course / "lessons/loose.yml").write_text("id: loose\n", encoding="utf-8")
    assert "lessons/loose.yml:1:1: lesson file is not inside a module folder | move it into `lessons/<module-id>/`" in reported(mini_course)


def test_path_traversal_in_an_id_is_refused(mini_course: Path) -> None:
    # Ids become file paths and URLs; the id pattern keeps them inside the site.
    edit(mini_course, LESSON, "worksheets: [all-fields]", "worksheets: [../../etc/passwd]")
    assert reported(mini_course) == [
        f"{LESSON}:17:14: worksheets[0]: `../../etc/passwd` is not a valid id | use lowercase letters, digits and single hyphens, for example `etc-passwd`",
    ]


def test_fixture_course_loads_in_order() -> None:
    course = load_course(FIXTURES / "mini")
    assert [(lesson.id, lesson.day, lesson.module_id) for lesson in course.lessons] == [
        ("basics-first", 1, "basics"),
        ("basics-second", 2, "basics"),
        ("practice-only", 3, "practice"),
    ]


def test_lesson_order_follows_file_names_without_a_list(mini_course: Path) -> None:
    (mini_course / "lessons/basics/01-first.yml").rename(mini_course / "lessons/basics/03-first.yml")
    course = load_course(mini_course)
    assert [lesson.id for lesson in course.lessons] == ["basics-second", "basics-first", "practice-only"]


def test_lesson_order_follows_the_module_list(mini_course: Path) -> None:
    edit(mini_course, "lessons/basics/module.yml", "outcomes:", "lessons: [basics-second, basics-first]\noutcomes:")
    course = load_course(mini_course)
    assert [lesson.id for lesson in course.lessons] == ["basics-second", "basics-first", "practice-only"]


def test_shipped_course_loads() -> None:
    course = load_course(FIXTURES.parent.parent)
    assert len(course.modules) >= 6
    assert len(course.lessons) >= 30
    assert len(course.worksheets) >= 10


def test_copy_course_helper_leaves_fixture_alone(tmp_path: Path) -> None:
    copy = copy_course(FIXTURES / "mini", tmp_path / "c")
    edit(copy, LESSON, "title: First lesson", "title: Changed")
    assert "title: First lesson" in (FIXTURES / "mini" / LESSON).read_text(encoding="utf-8")


class _Store:
    """A ParsedStore in memory, counting what it gave back."""

    def __init__(self) -> None:
        self.kept: dict[str, object] = {}
        self.given = 0

    def get(self, key: str) -> object | None:
        found = self.kept.get(key)
        self.given += found is not None
        return found

    def put(self, key: str, value: object) -> None:
        import json

        self.kept[key] = json.loads(json.dumps(value))  # as the page cache keeps it


def test_files_kept_parsed_load_the_same_course_and_problems_at_the_same_places(mini_course: Path) -> None:
    store = _Store()
    first, _ = check_course(mini_course, parsed=store)
    again, _ = check_course(mini_course, parsed=store)
    assert first is not None and again == first
    assert store.given == len(store.kept) > 5  # every file from the store the second time
    # A problem found across files is said at the same line and column from a kept file.
    edit(mini_course, "lessons/basics/01-first.yml", "routine: warm-up", "routine: warm-upp")
    fresh = [str(p) for p in check_course(mini_course)[1]]
    assert fresh and [str(p) for p in check_course(mini_course, parsed=store)[1]] == fresh
    # An edited file is parsed again: its key is its bytes.
    edit(mini_course, "lessons/basics/01-first.yml", "routine: warm-upp", "routine: warm-up")
    edit(mini_course, "lessons/basics/02-second.yml", "title: Second lesson", "title: The second lesson")
    edited, _ = check_course(mini_course, parsed=store)
    assert edited is not None and edited.lessons[1].title == "The second lesson"


def test_the_files_a_cold_build_parses_ahead_are_the_course_files_the_load_reads(mini_course: Path) -> None:
    """loader.unparsed and parse_files (a plain build parses in forked workers, mkdocs/plugin.py):
    plain course files only, and what they put is what the load would have kept."""
    import os

    from mkdocs_course.load import loader

    (mini_course / "lessons/basics/99-linked.yml").symlink_to(mini_course / "course/course.yml")
    (mini_course / "lessons/basics/.hidden.yml").write_text("id: x\n", encoding="utf-8")
    (mini_course / "lessons/basics/98-huge.yml").write_bytes(b"x" * (loader.MAX_BYTES + 1))
    (mini_course / "exercises/broken.yml").write_text("id: [\n", encoding="utf-8")
    store = loader.ParsedHere()
    todo = loader.unparsed(mini_course, store)
    on_disk = sorted(p.relative_to(mini_course).as_posix() for top in ("course", "lessons", "exercises") for p in (mini_course / top).rglob("*.yml"))
    left_out = {"lessons/basics/99-linked.yml", "lessons/basics/.hidden.yml", "lessons/basics/98-huge.yml"}
    assert sorted(todo) == [rel for rel in on_disk if rel not in left_out] and "exercises/broken.yml" in todo
    for key, value in loader.parse_files(mini_course, todo):
        store.put(key, value)
    # A file with a problem is not kept (the load says what is wrong), nor one JSON cannot give back
    # (a cohort's dates): those are what is left to parse; the rest the load finds parsed.
    left = loader.unparsed(mini_course, store)
    assert "exercises/broken.yml" in left and all(rel == "exercises/broken.yml" or rel.startswith("course/cohorts/") for rel in left)
    os.remove(mini_course / "exercises/broken.yml")
    here = loader.ParsedHere()
    loader.check_course(mini_course, parsed=here)
    assert store and all(here.get(key) == value for key, value in store.items())  # what the load itself keeps
