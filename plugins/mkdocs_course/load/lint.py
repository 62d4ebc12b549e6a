"""Course lint: things that are allowed but are probably a mistake.

The loader rejects what cannot be built. Lint looks at a course that loaded and
points out what a learner would trip over: a lesson without objectives or a
summary, a worksheet or routine that nothing uses, a module with no lessons,
two pages with the same title in the navigation, example text from `course new` still
in place, a session that discusses lessons its group has not reached, a list item indented so
far that YAML reads it as more of the item above. Each is a `Problem` with
`severity="warning"`: `course validate` shows them and (without `--strict`)
still exits 0.

Positions come from re-reading only the files that have a warning, so a clean
course costs nothing extra.
"""

from __future__ import annotations

import re

from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path

from .. import model
from ..model.dates import long_day
from .catalogue import say
from .loader import COURSE_FILE, ROUTINES_FILE, ParsedStore, parse_kept
from .problems import Problem
from .yaml_source import Document


def lint(
    course: model.Course, root: Path | str, *, examples: Sequence[tuple[str, re.Pattern[str]]] = (), only: Collection[str] | None = None,
    parsed: ParsedStore | None = None,
) -> list[Problem]:
    """Every lint warning for a course that loaded without errors, sorted by file and line.

    `examples` are (key, pattern) of the text `course new` writes for the author to replace;
    the scaffolds own it (`outputs.scaffold.placeholders`), and load/ sits below outputs/, so the
    caller passes it in. `only`: course-relative paths; the rules that read each file's own
    text (example text, merged list items) look at these files alone, so `mkdocs serve` checks
    what an edit changed and keeps what it found in the rest (`file_rules` says which). `parsed`:
    where a plain build keeps files' parsed YAML, read for a warning's place (loader.parse_kept).
    """
    return _lint(course, _Positions(Path(root), parsed), examples, only)


def _lint(course: model.Course, at: _Positions, examples: Sequence[tuple[str, re.Pattern[str]]], only: Collection[str] | None) -> list[Problem]:
    found = [
        *_unused_worksheets(course, at),
        *_unpractised_routines(course, at),
        *_empty_modules(course, at),
        *_duplicate_titles(course, at),
        *_sessions_ahead(course, at),
        *file_rules(course, at, examples, only),
    ]
    return sorted(found)


def course_files(course: model.Course) -> list[str]:
    """Every YAML file of a course that loaded, course-relative: what the file rules read."""
    return [COURSE_FILE, ROUTINES_FILE, *(m.source for m in course.modules), *(lesson.source for lesson in course.lessons),
            *(w.source for w in course.worksheets), *(c.source for c in course.cohorts)]


def lint_kept(
    course: model.Course, root: Path | str, examples: Sequence[tuple[str, re.Pattern[str]]], kept: Mapping[str, list[Problem]],
    parsed: ParsedStore | None = None,
) -> tuple[list[Problem], dict[str, list[Problem]]]:
    """Every lint warning, as `lint` gives them, with what the file rules found in the files of
    `kept` (by course path) taken from there: only the course's other files are read again (a
    rebuild after an edit: serve.py keeps them in memory, a plain build in its page cache).
    Returns the warnings and what the file rules found this time, by file (a file without any: [])."""
    fresh = [source for source in course_files(course) if source not in kept]
    found: dict[str, list[Problem]] = {source: [] for source in fresh}
    at = _Positions(Path(root), parsed)
    for problem in file_rules(course, at, examples, only=set(fresh)):
        found.setdefault(problem.path, []).append(problem)
    rules = [*_lint(course, at, examples, ()), *(p for ps in kept.values() for p in ps), *(p for ps in found.values() for p in ps)]
    return sorted(rules), found


def file_rules(course: model.Course, at: "_Positions | Path | str", examples: Sequence[tuple[str, re.Pattern[str]]], only: Collection[str] | None) -> list[Problem]:
    """The warnings found in each file's own text: they change only when that file does."""
    at = at if isinstance(at, _Positions) else _Positions(Path(at))
    return [*_placeholders(course, at, examples, only), *_merged_items(course, at, only)]


class _Positions:
    """Lines and columns in course files, read on first use."""

    def __init__(self, root: Path, parsed: ParsedStore | None = None):
        self.root = root
        self.parsed = parsed
        self.docs: dict[str, Document] = {}

    def document(self, rel: str) -> Document:
        doc = self.docs.get(rel)
        if doc is None:
            try:
                doc, _ = parse_kept((self.root / rel).read_bytes(), rel, self.parsed)
            except OSError:
                doc = Document(rel)
            self.docs[rel] = doc
        return doc

    def warning(self, rel: str, loc: tuple[object, ...], message: str, hint: str, *, key: bool = False) -> Problem:
        line, column = self.document(rel).where(loc, key=key)
        return Problem(rel, line, column, message, hint, severity="warning")


def _unused_worksheets(course: model.Course, at: _Positions) -> Iterator[Problem]:
    for sheet in course.worksheets:
        if not course.lessons_using(sheet.id):
            yield at.warning(
                sheet.source,
                ("id",),
                say("unused-worksheet", id=sheet.id),
                f"add `{sheet.id}` to the `worksheets:` of the lessons that need it, or delete the file",
            )


def _unpractised_routines(course: model.Course, at: _Positions) -> Iterator[Problem]:
    for i, routine in enumerate(course.routines):
        if not course.lessons_practising(routine.id):
            yield at.warning(
                ROUTINES_FILE,
                ("routines", i, "id"),
                say("unpractised-routine", id=routine.id),
                f"set `routine: {routine.id}` in the lessons that practice it, or remove it",
            )


def _empty_modules(course: model.Course, at: _Positions) -> Iterator[Problem]:
    for module in course.modules:
        if not module.lessons:
            yield at.warning(
                module.source,
                ("id",),
                say("empty-module", id=module.id),
                f"add a lesson file beside {module.source} (`course new lesson {module.id}`)",
            )


def _same(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().casefold()


def _duplicate_titles(course: model.Course, at: _Positions) -> Iterator[Problem]:
    """Two pages of one kind with the same title cannot be told apart in the navigation."""
    groups: list[tuple[str, list[tuple[str, str, tuple[object, ...], str]]]] = [
        ("module", [(m.id, m.title, ("title",), m.source) for m in course.modules]),
        ("lesson", [(lesson.id, lesson.title, ("title",), lesson.source) for lesson in course.lessons]),
        ("worksheet", [(w.id, w.title, ("title",), w.source) for w in course.worksheets]),
        ("routine", [(r.id, r.title, ("routines", i, "title"), ROUTINES_FILE) for i, r in enumerate(course.routines)]),
    ]
    for kind, items in groups:
        first: dict[str, tuple[str, str]] = {}
        for item_id, title, loc, source in items:
            seen = first.setdefault(_same(title), (item_id, source))
            if seen[0] != item_id:
                yield at.warning(
                    source,
                    loc,
                    say("same-title", kind=kind, id=item_id, other=seen[0], path=seen[1], title=title),
                    f"give each {kind} its own title so learners can tell them apart",
                )


def _placeholders(course: model.Course, at: _Positions, patterns: Sequence[tuple[str, re.Pattern[str]]], only: Collection[str] | None = None) -> Iterator[Problem]:
    """Example text `course new` wrote for the author to replace, still there word for word."""
    if not patterns:
        return
    files: list[tuple[str, object]] = [
        *((m.source, m.data) for m in course.modules),
        *((lesson.source, lesson.data) for lesson in course.lessons),
        *((w.source, w.data) for w in course.worksheets),
        *((c.source, c.data) for c in course.cohorts),
    ]
    by_key: dict[str, list[re.Pattern[str]]] = {}  # a text is compared only with the examples of its key
    for key, pattern in patterns:
        by_key.setdefault(key, []).append(pattern)
    for source, data in files:
        if only is not None and source not in only:
            continue
        for loc, text in _strings(data.model_dump(by_alias=True, mode="json", exclude_none=True)):  # type: ignore[attr-defined]
            key = next((part for part in reversed(loc) if isinstance(part, str)), "")
            if key not in by_key:
                continue
            plain = " ".join(text.split())
            if any(p.fullmatch(plain) for p in by_key[key]):
                short = plain if len(plain) <= 60 else plain[:57] + "..."
                yield at.warning(source, loc, say("placeholder", text=short), "write your own text here: this is the example `course new` put in")


def _strings(value: object, loc: tuple[object, ...] = ()) -> Iterator[tuple[tuple[object, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))
    elif isinstance(value, str):
        yield loc, value


def _sessions_ahead(course: model.Course, at: _Positions) -> Iterator[Problem]:
    """A one-day session that covers a lesson its group reaches only later.

    Usually a course that grew after the cohort file was written: adding a lesson moves every
    later date. A warning, not an error, so an author can add the lesson first and then move
    the session; the facilitator would otherwise find out in the room.
    """
    for cohort in course.cohorts:
        for i, entry in enumerate(cohort.data.sessions):
            if entry.date is None or not entry.covers:
                continue
            reached = {lesson_id: cohort.date_of(course.lesson(lesson_id)) for lesson_id in entry.covers}
            latest = max(reached.values())
            for k, lesson_id in enumerate(entry.covers):
                if reached[lesson_id] > entry.date:
                    yield at.warning(
                        cohort.source,
                        ("sessions", i, "covers", k),
                        say("covers-later-lesson", id=entry.id, day=long_day(entry.date), lesson=lesson_id, reached=long_day(reached[lesson_id])),
                        f"move the session to {long_day(latest)} or later, or cover lessons the group has done by then",
                    )


def _merged_items(course: model.Course, at: _Positions, only: Collection[str] | None = None) -> Iterator[Problem]:
    """A plain text value that runs on to a line starting with `- `.

    Indent a list item one space more than the one above and YAML does not see a new item:
    it folds the line into the text above ("...after today. - A second objective"). The
    file is valid, so only a look at the source finds it.
    """
    for source in course_files(course):
        if only is not None and source not in only:
            continue
        # The parser's marks of the file's plain texts of more than one line, kept with its parsed
        # YAML: a build of a course that has few reads few files again, and parses none twice.
        folded = at.document(source).folded
        if not folded:
            continue
        try:
            lines = (at.root / source).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for start, column, end in folded:
            for number in range(start + 1, min(end + 1, len(lines))):
                line = lines[number]
                if line.lstrip().startswith("- "):
                    first = lines[start]
                    dash = column - 2
                    if dash >= 0 and first[dash : dash + 2] == "- ":
                        hint = f"line the `- ` up with the `- ` of the item above ({dash} spaces in) to make it an item of its own"
                    else:
                        hint = "to make a list, put each item on its own line starting with `- `, under the key"
                    yield Problem(source, number + 1, len(line) - len(line.lstrip()) + 1, say("merged-item"),
                                  hint + "; if the dash belongs in the text, put the whole text in quotes", severity="warning")
