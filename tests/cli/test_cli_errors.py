"""The error catalogue against the real messages.

Each entry's example is made for real: its YAML edit goes into a copy of the
mini course, `course validate` runs in-process, and the entry's example (path,
line, column, severity, message and hint) must be exactly what it prints. The
source is read too, so a message added to the code without an entry fails here.
"""

from __future__ import annotations

import ast
import contextlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, ROOT
from mkdocs_course.load import catalogue
from mkdocs_course import cli
from mkdocs_course.render import guide

L1 = "lessons/basics/01-first.yml"
EVENING = "course/cohorts/evening.yml"
DELETE = object()
MODULE = "id: extra\ntitle: Extra\nrole: extra\nsummary: More.\noutcomes: [More.]\n"

# entry key -> edits: (file, text to replace, replacement); replacement DELETE removes
# the file, and text None writes the replacement as the whole file.
EDITS: dict[str, list[tuple[str, str | None, object]]] = {
    "yaml-syntax": [(L1, "title: First lesson", "title: First: lesson")],
    "yaml-tab": [(L1, "objectives:\n  - Take the first step.", "objectives:\n\t- Take the first step.")],
    "not-utf8": [(L1, None, "id: basics-first\ntitle: Café\n".encode("latin-1"))],
    "binary": [(L1, None, b"\x00\x01\x02")],
    "empty": [(L1, None, "# nothing yet\n")],
    "only-null": [(L1, None, "~\n")],
    "too-big": [(L1, None, "# x\n" * 600_000)],
    "too-deep": [(L1, None, "a: " + "[" * 70 + "]" * 70 + "\n")],
    "alias-value": [(L1, "action: Write one line.", "action: &a Write one line.\nteaser: *a")],
    "alias-item": [(L1, "objectives:\n  - Take the first step.", "objectives:\n  - &o Take the first step.\n  - *o")],
    "merge-key": [(L1, "facilitator:\n", "facilitator:\n  <<: {minutes: 3}\n")],
    "tag": [(L1, "title: First lesson", "title: !!python/name:os.system First")],
    "complex-key": [(L1, "title: First lesson", "? [a, b]\n: First lesson")],
    "duplicate-key": [(L1, "minutes: 10", "minutes: 10\nminutes: 12")],
    "bad-date": [(EVENING, "start: 2027-03-25", "start: 2027-02-30")],
    "unknown-key": [(L1, "minutes: 10", "minuts: 10")],
    "missing-key": [(L1, "minutes: 10\n", "")],
    "wrong-type": [(L1, "minutes: 10", "minutes: ten")],
    "bad-id": [(L1, "id: basics-first", "id: Basics_First")],
    "bad-language": [("course/course.yml", "language: en", "language: English")],
    "empty-text": [(L1, "action: Write one line.", 'action: " "')],
    "line-break": [(L1, "title: First lesson", 'title: "First\\nlesson"')],
    "control-character": [(L1, "action: Write one line.", 'action: "Write\\a one line."')],
    "too-long": [(L1, "title: First lesson", "title: " + "x" * 501)],
    "too-few": [(L1, "objectives:\n  - Take the first step.", "objectives: []")],
    "too-many": [("exercises/all-fields.yml", "options: [Kind, Honest]", "options: [" + ", ".join(f"o{i}" for i in range(31)) + "]")],
    "out-of-range": [(L1, "minutes: 10", "minutes: 0")],
    "unknown-field-type": [("exercises/all-fields.yml", "type: text", "type: txt")],
    "no-field-type": [("exercises/all-fields.yml", "{id: name, type: text, label: Your name}", "{id: name, label: Your name}")],
    "duplicate-id": [(L1, "    prompt: Why are you here?", "    prompt: Why are you here?\n  - id: why\n    prompt: Why again?")],
    "missing-file": [("course/routines.yml", "", DELETE)],
    "no-lessons-folder": [("lessons", "", DELETE)],
    "stray-lesson": [("lessons/stray.yml", None, "id: x\n")],
    "reserved-module-id": [("course/course.yml", "modules: [basics, practice]", "modules: [basics, summary]")],
    "module-listed-twice": [("course/course.yml", "modules: [basics, practice]", "modules: [basics, practice, basics]")],
    "no-module-folder": [("course/course.yml", "modules: [basics, practice]", "modules: [basics, practise]")],
    "module-not-listed": [("course/course.yml", "modules: [basics, practice]", "modules: [basics]")],
    "module-id-folder": [("lessons/practice/module.yml", "id: practice", "id: practise")],
    "duplicate-lesson-id": [("lessons/basics/02-second.yml", "id: basics-second", "id: basics-first")],
    "lesson-listed-twice": [("lessons/practice/module.yml", "lessons: [practice-only]", "lessons: [practice-only, practice-only]")],
    "no-lesson-in-module": [("lessons/practice/module.yml", "lessons: [practice-only]", "lessons: [practice-only, practice-twice]")],
    "lesson-not-listed": [("lessons/practice/module.yml", "lessons: [practice-only]", "lessons: []")],
    "worksheet-file-name": [("exercises/all-fields.yml", "id: all-fields", "id: every-field")],
    "column-fill-rows": [("exercises/all-fields.yml", "      - {id: who, label: Who}", "      - {id: day, label: Day, fill: day}")],
    "column-fill-asks": [("exercises/all-fields.yml", "    rows: 2", "    rows: days"), ("exercises/all-fields.yml", "      - {id: who, label: Who}", "      - {id: day, label: Day, fill: day, type: number}")],
    "column-choice-options": [("exercises/all-fields.yml", "      - {id: role, label: Role}", "      - {id: role, label: Role, type: choice}")],
    "column-options-type": [("exercises/all-fields.yml", "      - {id: role, label: Role}", "      - {id: role, label: Role, options: [Coach, Mentor]}")],
    "duplicate-worksheet-id": [("exercises/all-fields.yaml", None, (FIXTURES / "mini/exercises/all-fields.yml").read_text(encoding="utf-8"))],
    "renamed-in-use": [(L1, "id: basics-first", "id: basics-first\nrenamed_from: [basics-second]")],
    "renamed-twice": [(L1, "id: basics-first", "id: basics-first\nrenamed_from: [old-one]"), ("lessons/basics/02-second.yml", "id: basics-second", "id: basics-second\nrenamed_from: [old-one]")],
    "module-folder-id": [("lessons/Extra_Module/module.yml", None, MODULE)],
    "index-id": [(L1, "id: basics-first", "id: index")],
    "no-routine": [(L1, "routine: warm-up", "routine: warmup")],
    "no-worksheet": [(L1, "worksheets: [all-fields]", "worksheets: [all-field]")],
    # cohorts
    "cohort-file-name": [(EVENING, "id: evening", "id: evenings")],
    "unknown-time-zone": [(EVENING, "timezone: Europe/London", "timezone: Europe/Londn")],
    "end-before-start": [(EVENING, "cadence:", "end: 2027-03-01\ncadence:")],
    "cadence-single-day": [(EVENING, "cadence: [mon, thu]", "cadence: mon")],
    "unknown-cadence": [(EVENING, "cadence: [mon, thu]", "cadence: weekly")],
    "cadence-kind": [(EVENING, "cadence: [mon, thu]", "cadence: 3")],
    "cadence-empty": [(EVENING, "cadence: [mon, thu]", "cadence: []")],
    "weekday-kind": [(EVENING, "cadence: [mon, thu]", "cadence: [mon, 4]")],
    "unknown-weekday": [(EVENING, "cadence: [mon, thu]", "cadence: [mon, thur]")],
    "weekday-twice": [(EVENING, "cadence: [mon, thu]", "cadence: [mon, monday]")],
    "listed-twice": [(EVENING, "  - 2027-03-29   # Easter Monday: no lesson", "  - 2027-03-26")],
    "skip-range-backwards": [(EVENING, "  - 2027-03-29   # Easter Monday: no lesson", "  - {first: 2027-04-09, last: 2027-04-05}")],
    "skip-range-too-long": [(EVENING, "  - 2027-03-29   # Easter Monday: no lesson", "  - {first: 2027-04-05, last: 2028-04-09}")],
    "session-no-day": [(EVENING, "    date: 2027-03-24\n", "")],
    "session-two-days": [(EVENING, "    date: 2027-03-24\n", "    date: 2027-03-24\n    weekly: [wed]\n")],
    "session-time": [(EVENING, '    start: "18:30"', '    start: "6.30pm"')],
    "session-no-place": [(EVENING, "    place: Room 4, Central Library\n    covers: []", "    covers: []")],
    "session-link": [(EVENING, "link: https://meet.example.org/evening", "link: meet.example.org/evening")],
    "session-covers-repeating": [(EVENING, "    weekly: [fri]\n", "    weekly: [fri]\n    covers: [basics-first]\n")],
    "duplicate-cohort": [("course/cohorts/evening.yaml", None, (FIXTURES / "mini/course/cohorts/evening.yml").read_text(encoding="utf-8"))],
    "session-id-taken": [(EVENING, '  - id: kick-off\n    title: Kick-off\n    date: 2027-03-24\n    start: "18:30"', '  - id: weekly-20270402\n    title: Kick-off\n    date: 2027-04-02\n    start: "10:00"')],
    "covers-unknown-lesson": [(EVENING, "covers: []", "covers: [basics-frist]")],
    "clocks-go-forward": [(EVENING, '    date: 2027-03-24\n    start: "18:30"', '    date: 2027-03-28\n    start: "01:30"')],
    "overlap": [(EVENING, "    date: 2027-03-24", "    date: 2027-03-31"), (EVENING, "    weekly: [fri]\n    start: 18:30", "    weekly: [wed]\n    start: 19:00")],
    "no-lesson-day": [(EVENING, "cadence:", "end: 2027-03-25\ncadence:"), (EVENING, "skip:\n", "skip:\n  - 2027-03-25\n")],
    "too-few-days": [(EVENING, "cadence:", "end: 2027-04-01\ncadence:")],
    # warnings
    "unused-worksheet": [("exercises/spare.yml", None, (FIXTURES / "mini/exercises/all-fields.yml").read_text(encoding="utf-8").replace("id: all-fields", "id: spare").replace("Every field type", "Spare"))],
    "unpractised-routine": [("course/routines.yml", None, (FIXTURES / "mini/course/routines.yml").read_text(encoding="utf-8") + "  - id: cool-down\n    title: Cool-down\n    minutes: 2\n    purpose: Rest.\n    steps: [Sit.]\n")],
    "empty-module": [("lessons/extra/module.yml", None, MODULE), ("course/course.yml", "modules: [basics, practice]", "modules: [basics, practice, extra]")],
    "same-title": [("lessons/basics/02-second.yml", "title: Second lesson", "title: First lesson")],
}


def make_example(root: Path, edits: list[tuple[str, str | None, object]]) -> None:
    for rel, old, new in edits:
        path = root / rel
        if new is DELETE:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        elif old is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(new) if isinstance(new, bytes) else path.write_text(str(new), encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{old!r} is not in {rel}: the fixture changed"
            path.write_text(text.replace(old, str(new), 1), encoding="utf-8")


WITH_EXAMPLES = [e for e in catalogue.entries() if e.example]


@pytest.mark.parametrize("entry", WITH_EXAMPLES, ids=[e.key for e in WITH_EXAMPLES])
def test_each_example_is_what_validate_prints(entry: catalogue.Entry, tmp_path: Path) -> None:
    root = shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    make_example(root, EDITS[entry.key])
    with contextlib.chdir(root):
        result = CliRunner().invoke(cli.main, ["validate"], catch_exceptions=False)
    assert result.exit_code == (1 if entry.severity == "error" else 0)
    printed = result.stdout
    assert entry.example + "\n" in printed, f"printed:\n{printed}"
    if entry.bad and not any(mark in entry.bad for mark in ("(", "…", "...")):
        # The YAML the guide shows is the YAML the test wrote.
        edited = "".join((root / rel).read_text(encoding="utf-8") for rel, _, new in EDITS[entry.key] if new is not DELETE)
        assert entry.bad in edited


def test_every_entry_has_an_example_or_says_why_not() -> None:
    for entry in catalogue.entries():
        assert bool(entry.example) != bool(entry.no_example), entry.key
        assert (entry.key in EDITS) == bool(entry.example), entry.key
    assert len({e.key for e in catalogue.entries()}) == len(catalogue.entries()), "two entries share a key"


def test_no_edit_without_an_entry() -> None:
    assert set(EDITS) <= {e.key for e in catalogue.entries()}


# --- the catalogue covers every message in the code ------------------------------------------------

PACKAGE = ROOT / "plugins/mkdocs_course"
# Calls that make a Problem, and which argument is the message.
MESSAGE_ARG = {"Problem": 3, "problem": 1, "error": 1, "warning": 2}


def _template(node: ast.expr, assigned: dict[str, ast.expr]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left, assigned), _template(node.right, assigned)
        return (left if left is not None else "{}") + (right if right is not None else "{}")
    if isinstance(node, ast.Name) and node.id in assigned:
        return _template(assigned[node.id], assigned)
    return None


def _own_nodes(scope: ast.AST):
    """The nodes of a module or function, without those of the functions inside it."""
    for child in ast.iter_child_nodes(scope):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            yield child
            yield from _own_nodes(child)


def messages_in_code() -> dict[str, str]:
    """Every message template written in the package -> where it is."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))]:
            params = {a.arg for a in function.args.args + function.args.kwonlyargs} if not isinstance(function, ast.Module) else set()
            nodes = list(_own_nodes(function))
            assigned = {t.id: n.value for n in nodes if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
            for call in [n for n in nodes if isinstance(n, ast.Call)]:
                name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
                index = MESSAGE_ARG.get(name or "")
                if index is None or len(call.args) <= index:
                    continue
                arg = call.args[index]
                if isinstance(arg, ast.Name) and arg.id in params:
                    continue  # a helper passing its caller's message on
                template = _template(arg, assigned)
                assert template is not None, f"{path.name}:{call.lineno}: cannot read this message; write it as a string"
                found.setdefault(template, f"{path.name}:{call.lineno}")
    return found


def test_every_message_in_the_code_has_an_entry() -> None:
    documented = {e.template for e in catalogue.entries()}
    missing = {t: at for t, at in messages_in_code().items() if t not in documented}
    assert missing == {}, "add these to catalogue.py, with an example"


def test_every_entry_is_a_message_in_the_code() -> None:
    in_code = set(messages_in_code())
    stale = [e.key for e in catalogue.entries() if e.template not in in_code]
    assert stale == [], "these entries describe messages the code no longer writes"


def test_the_finder_sees_messages_in_all_their_forms() -> None:
    # If the source reader missed a form, the two tests above would pass vacuously.
    found = messages_in_code()
    assert "unknown key `{}`" in found  # f-string via doc.problem
    assert "file is binary, not YAML text" in found  # plain string via Problem(...)
    assert "YAML syntax error: {}" in found  # a name assigned before the call
    assert "missing required key `{}`{}" in found  # concatenation
    assert "worksheet `{}` is not used by any lesson" in found  # a lint warning
    assert len(found) >= 60


# --- the page ---------------------------------------------------------------------------------------


def test_the_catalogue_page_shows_each_message_fix_and_example() -> None:
    page = guide.error_catalogue()
    for section in catalogue.SECTIONS:
        assert f"## {section.title}\n" in page
    for entry in catalogue.entries():
        assert f"**Fix:** {entry.fix}" in page
        if entry.example:
            assert f"```text\n{entry.example}\n```" in page
    assert "### unknown key `‹key›`\n" in page
    assert "### ‹place› needs at least ‹n› item(s)\n" in page
