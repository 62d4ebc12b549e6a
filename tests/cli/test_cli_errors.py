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
import sys
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
TRANSLATIONS = "translations/es"


def spanish(rel: str, old: str | None, new: str) -> list[tuple[str, str | None, object]]:
    """The mini course with its Spanish translation (tests/fixtures/translations/es), one of whose
    files is edited (`rel` under it, or a path of its own that starts with `translations/`)."""
    here = FIXTURES / "translations/es"
    edits: list[tuple[str, str | None, object]] = [("course/course.yml", "language: en", "language: en\ntranslations: [es]")]
    edits += [(f"{TRANSLATIONS}/{f.relative_to(here).as_posix()}", None, f.read_text(encoding="utf-8")) for f in sorted(here.rglob("*.yml"))]
    return [*edits, (rel if rel.startswith("translations/") else f"{TRANSLATIONS}/{rel}", old, new)]


# A second worksheet whose fields show the learner's answers from the first (`answer` fields).
PLAN = "id: plan\ntitle: Plan\npurpose: Plans.\ninstructions: Fill it in.\nfields:\n"

# entry key -> edits: (file, text to replace, replacement); replacement DELETE removes
# the file, and text None writes the replacement as the whole file.
EDITS: dict[str, list[tuple[str, str | None, object]]] = {
    "yaml-syntax": [(L1, "title: First lesson", "title: First: lesson")],
    "yaml-tab": [(L1, "objectives:\n  - Take the first step.", "objectives:\n\t- Take the first step.")],
    "yaml-apostrophe": [(L1, "title: First lesson", "title: 'It's my turn'")],
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
    "no-figure": [(L1, "      This is **the first** lesson.\n", "      This is **the first** lesson.\n    figure: {image: cycle.svg, alt: A cycle of four stages.}\n")],
    "unsafe-figure": [
        (L1, "      This is **the first** lesson.\n", "      This is **the first** lesson.\n    figure: {image: cycle.svg, alt: A cycle of four stages.}\n"),
        ("course/figures/cycle.svg", None, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>'),
    ],
    "answer-no-worksheet": [("exercises/plan.yml", None, PLAN + "  - {id: again, type: answer, label: Your name, from: all-field.name}\n")],
    "answer-no-field": [("exercises/plan.yml", None, PLAN + "  - {id: again, type: answer, label: Your name, from: all-fields.nme}\n")],
    "answer-of-answer": [
        ("exercises/plan.yml", None, PLAN + "  - {id: first, type: answer, label: Your name, from: all-fields.name}\n"),
        ("exercises/later.yml", None, PLAN.replace("id: plan", "id: later") + "  - {id: again, type: answer, label: Your name, from: plan.first}\n"),
    ],
    "answer-own-worksheet": [("exercises/plan.yml", None, PLAN + "  - {id: first, type: text, label: First}\n  - {id: again, type: answer, label: Your name, from: plan.first}\n")],
    # cohorts
    "cohort-file-name": [(EVENING, "id: evening", "id: evenings")],
    "unknown-time-zone": [(EVENING, "timezone: Europe/London", "timezone: Europe/Londn")],
    "end-before-start": [(EVENING, "cadence:", "end: 2027-03-01\ncadence:")],
    "cadence-single-day": [(EVENING, "cadence: [mon, thu]", "cadence: mon")],
    "unknown-cadence": [(EVENING, "cadence: [mon, thu]", "cadence: weekly")],
    "cadence-kind": [(EVENING, "cadence: [mon, thu]", "cadence: 3")],
    "unknown-check-kind": [(L1, "    kind: choice", "    kind: choise")],
    "no-check-kind": [(L1, "    kind: choice\n", "")],
    "check-no-right": [(L1, "{text: A sponsor, right: true, why", "{text: A sponsor, why")],
    "check-two-right": [(L1, "{text: A coach, why", "{text: A coach, right: true, why")],
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
    "covers-later-lesson": [(EVENING, "covers: []", "covers: [practice-only]")],
    "merged-item": [(L1, "objectives:\n  - Take the first step.\n", "objectives:\n  - Take the first step after today.\n   - A second objective\n")],
    "placeholder": [(L1, "action: Write one line.", "action: |\n  One small, concrete thing to do today, in a sentence or two.")],
    "same-title": [("lessons/basics/02-second.yml", "title: Second lesson", "title: First lesson")],
    # Translations (load/translation.py): the Spanish translation of the mini course, with one edit.
    "translation-extra-key": spanish(L1, "title: Primera lección", "tilte: Primera lección"),
    "translation-unknown-id": spanish(L1, "  - id: why\n", "  - id: wy\n"),
    "translation-needs-id": spanish(L1, "  - id: why\n    prompt:", "  - prompt:"),
    "translation-extra-item": spanish(L1, "  - Lo primero es lo primero.\n", "  - Lo primero es lo primero.\n  - Un punto de más.\n"),
    "translation-not-text": spanish(L1, "title: Primera lección\n", "title: Primera lección\nminutes: 20\n"),
    "translation-shape": spanish(L1, "objectives:\n  - Dar el primer paso.", "objectives: Dar el primer paso."),
    "translation-without-original": spanish(f"{TRANSLATIONS}/lessons/basics/03-third.yml", None, "id: basics-third\ntitle: Tercera lección\n"),
    "translation-no-folder": [("course/course.yml", "language: en", "language: en\ntranslations: [fr]")],
    "translation-twice": [("course/course.yml", "language: en", "language: en\ntranslations: [en]")],
    "untranslated": spanish("lessons/basics/02-second.yml", "teaser: Un adelanto propio de la segunda lección.\n", ""),
    "translation-not-listed": spanish(f"{TRANSLATIONS[:-3]}/de/course/course.yml", None, "title: Mini-Kurs\n"),
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


# --- every message is the catalogue's, said by key ------------------------------------------------

PACKAGE = ROOT / "plugins/mkdocs_course"
# Calls that make a Problem, and which argument is the message.
MESSAGE_ARG = {"Problem": 3, "problem": 1, "error": 1, "warning": 2, "report": 0}


def _own_nodes(scope: ast.AST):
    """The nodes of a module or function, without those of the functions inside it."""
    for child in ast.iter_child_nodes(scope):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            yield child
            yield from _own_nodes(child)


def _said(node: ast.expr | None) -> tuple[str, frozenset[str]] | None:
    """`say("key", a=..., b=...)` -> ("key", {"a", "b"}); anything else -> None."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say" and node.args and isinstance(node.args[0], ast.Constant):
        return node.args[0].value, frozenset(k.arg for k in node.keywords if k.arg)
    return None


def messages_in_code() -> tuple[dict[str, str], list[str]]:
    """Every message the package reports: key said -> where, and each message not said by key."""
    said: dict[str, str] = {}
    unsaid: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))]:
            params = {a.arg for a in function.args.args + function.args.kwonlyargs} if not isinstance(function, ast.Module) else set()
            nodes = list(_own_nodes(function))
            assigned = {t.id: n.value for n in nodes if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
            for call in [n for n in nodes if isinstance(n, ast.Call)]:
                name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
                index = MESSAGE_ARG.get(name or "")
                if index is None or getattr(call.func, "value", None) and getattr(call.func.value, "id", None) == "log":
                    continue  # MkDocs' own log, not a course problem
                # `Problem(path, *place(mark), message, hint)`: the starred place is line and column.
                args = [x for a in call.args for x in ([None, None] if isinstance(a, ast.Starred) else [a])]
                if len(args) <= index:
                    continue
                arg = args[index]
                if isinstance(arg, ast.Name) and arg.id in params:
                    continue  # a helper passing its caller's message on
                if isinstance(arg, ast.Name) and arg.id in assigned:
                    arg = assigned[arg.id]
                found = _said(arg)
                at = f"{path.name}:{call.lineno}"
                if found is None:
                    unsaid.append(at)
                    continue
                key, parts = found
                entry = next((e for e in catalogue.entries() if e.key == key), None)
                if entry is None or entry.parts != parts:
                    unsaid.append(f"{at}: say({key!r}) with {sorted(parts)}")
                    continue
                said.setdefault(key, at)
    return said, unsaid


def test_every_message_in_the_code_is_said_from_the_catalogue() -> None:
    _, unsaid = messages_in_code()
    assert unsaid == [], "write these as say(key, part=...) with an entry in catalogue.py and exactly its parts"


def test_every_entry_is_said_somewhere() -> None:
    said, _ = messages_in_code()
    stale = [e.key for e in catalogue.entries() if e.case_of is None and e.key not in said]
    assert stale == [], "these entries describe messages the code no longer reports"
    cases = {e.key: e.case_of for e in catalogue.entries() if e.case_of}
    assert set(cases.values()) <= set(said), "a case_of names an entry that is never said"


def test_the_finder_sees_messages_in_all_their_forms() -> None:
    # If the source reader missed a form, the two tests above would pass vacuously.
    said, _ = messages_in_code()
    assert "unknown-key" in said  # via doc.problem
    assert "binary" in said  # via Problem(...)
    assert "yaml-syntax" in said  # a name assigned before the call
    assert "unused-worksheet" in said  # a lint warning
    assert len(said) >= 80


def test_a_message_written_as_text_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The finder itself, on a module that writes a message the old way and one with a wrong part.
    (tmp_path / "bad.py").write_text(
        "def check(doc):\n"
        "    doc.problem(('id',), f'unknown key `{doc}`', None)\n"
        "    doc.problem(('id',), say('unknown-key', name=doc), None)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path)
    said, unsaid = messages_in_code()
    assert said == {}
    assert unsaid == ["bad.py:2", "bad.py:3: say('unknown-key') with ['name']"]


def test_say_fills_the_parts_and_refuses_a_wrong_one() -> None:
    assert catalogue.say("unknown-key", key="titel") == "unknown key `titel`"
    assert catalogue.say("missing-key", key="minutes", in_place="") == "missing required key `minutes`"
    with pytest.raises(TypeError, match=r"say\('unknown-key'\) takes \['key'\], not \['name'\]"):
        catalogue.say("unknown-key", name="titel")
    with pytest.raises(KeyError):
        catalogue.say("no-such-message")


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
