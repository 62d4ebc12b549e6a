"""`course new`: starting files for a module, lesson, worksheet or cohort.

A scaffold is a promise: the file is valid, explains each key in a comment
(taken from the model's field descriptions, so the comments cannot drift from
the rules), has an id no other file uses, and the course still builds after
it is written. Where the course lists its parts in order (`modules:` in
course.yml, a module's optional `lessons:`), the new id is appended there too,
by inserting one line of text so the author's comments and layout survive.

To keep the promise, the whole course is checked again after writing; if it
does not load, every change is undone and `ScaffoldError` explains why.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import jinja2
import yaml

from .. import model
from ..load.loader import (
    COHORTS_DIR,
    COURSE_FILE,
    EXERCISES_DIR,
    LESSONS_DIR,
    MODULE_FILE,
    check_course,
)
from ..load.problems import as_text, did_you_mean
from ..model.schema import modeline


class ScaffoldError(Exception):
    """What was asked cannot be made (the id is taken, no such module). `param` names the culprit."""

    def __init__(self, message: str, *, param: str | None = None):
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class Scaffolded:
    id: str
    created: str  # course-relative path of the new file
    edited: tuple[str, ...] = ()  # files that now list the new id


# --- the templates ------------------------------------------------------------------------


def _about(where: str, indent: int = 0) -> str:
    """The model's description of `Class.field`, as comment lines at `indent` spaces."""
    cls_name, field_name = where.split(".")
    field = getattr(model, cls_name).model_fields[field_name]
    if not field.description:
        raise ValueError(f"{where} has no description in the model")
    optional = not field.is_required() and "optional" not in field.description.lower()
    note = field.description + (" (Optional.)" if optional else "")
    prefix = " " * indent + "# "
    return "\n".join(textwrap.wrap(note, width=80, initial_indent=prefix, subsequent_indent=prefix))


def _quoted(text: str) -> str:
    """`text` as a YAML scalar: plain when it is plainly words, else double-quoted.

    A JSON string is a valid YAML double-quoted scalar, so that is the safe form
    for a title with `: `, `#`, quotes or a leading symbol.
    """
    if re.fullmatch(r"[A-Za-z][\w ,.'()!?-]*", text) and not text.endswith(" ") and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _field_types() -> list[tuple[str, str]]:
    members = model.WorksheetField.__origin__.__args__  # type: ignore[attr-defined]
    return [(m.model_fields["type"].annotation.__args__[0], (m.__doc__ or "").strip()) for m in members]


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("mkdocs_course", "templates/scaffold"),
    autoescape=False,  # YAML, not HTML; values are ids (safe by pattern) or quoted with `q`
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.filters["q"] = _quoted
_ENV.globals.update(about=_about, field_types=_field_types())


def render(kind: str, rel: str, **values: object) -> str:
    """The text of a new `kind` file that will live at `rel` in the course."""
    return _ENV.get_template(f"{kind}.yml.j2").render(modeline=modeline(rel, kind), **values)


# The values `course new` writes for the author to replace. Titles and headings are left out
# ("Why this matters", "Weekly group session" are fine to keep), and so is what the author
# gave on the command line (the sentinel).
_SENTINEL = "Zq Sentinel Zq"
_KEPT_KEYS = {"title", "heading"}


@cache
def placeholders() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(key, pattern) for the example text of every scaffold, the author's own title as `.+`.

    The key matters: "Your name" is example text as a facilitator's `name`, a fine `label`.
    """
    found: set[tuple[str, str]] = set()

    def walk(value: object, key: str | None = None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k))
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and " " in value.strip() and key not in _KEPT_KEYS and value.strip() != _SENTINEL:
            found.add((key or "", " ".join(value.split())))

    for kind in ("module", "lesson", "worksheet", "cohort"):
        values = dict(id="zq-sentinel", title=_SENTINEL, name=_SENTINEL, role=_SENTINEL, module_id="zq-sentinel",
                      routine="zq-sentinel", ordered=True, start="2027-01-04", timezone="Europe/London")
        walk(yaml.safe_load(render(kind, f"{kind}.yml", **values)))
    return tuple((key, re.compile(re.escape(text).replace(re.escape(_SENTINEL), ".+"))) for key, text in sorted(found))


# --- writing, and undoing ---------------------------------------------------------------


class _Changes:
    """Files created and edited by one scaffold, so a failed check can undo all of them."""

    def __init__(self, root: Path):
        self.root = root
        self.created: list[Path] = []
        self.made_dirs: list[Path] = []
        self.originals: dict[Path, bytes] = {}

    def create(self, rel: str, text: str) -> None:
        path = self.root / rel
        missing = [p for p in [path.parent, *path.parent.parents] if not p.exists()]
        path.parent.mkdir(parents=True, exist_ok=True)
        self.made_dirs.extend(missing)
        with path.open("x", encoding="utf-8", newline="\n") as f:  # never overwrite
            f.write(text)
        self.created.append(path)

    def edit(self, rel: str, text: str) -> None:
        path = self.root / rel
        self.originals.setdefault(path, path.read_bytes())
        path.write_text(text, encoding="utf-8", newline="")

    def undo(self) -> None:
        for path in self.created:
            path.unlink(missing_ok=True)
        for folder in self.made_dirs:  # deepest first, as collected
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        for path, raw in self.originals.items():
            path.write_bytes(raw)


def _apply(root: Path, work) -> Scaffolded:  # type: ignore[no-untyped-def]
    changes = _Changes(root)
    try:
        result = work(changes)
        _, problems = check_course(root)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise ScaffoldError(
                "the new file would leave the course broken, so nothing was changed:\n" + "\n".join(map(as_text, errors))
            )
    except BaseException:
        changes.undo()
        raise
    return result


# --- reading the course as it is -----------------------------------------------------------


def _course(root: Path) -> model.Course:
    course, problems = check_course(root)
    errors = [p for p in problems if p.severity == "error"]
    if course is None or errors:
        raise ScaffoldError(
            "the course has problems; fix them first so the new file can be checked:\n" + "\n".join(map(as_text, errors))
        )
    return course


def _check_id(value: str, what: str, taken: dict[str, str], param: str) -> None:
    if not re.fullmatch(model.ID_PATTERN, value) or len(value) > 64:
        raise ScaffoldError(
            f"`{value}` is not a valid {what} id: use lowercase letters, digits and single hyphens, for example `{model.slug(value)}`",
            param=param,
        )
    if value in taken:
        raise ScaffoldError(f"{what} id `{value}` is already used by {taken[value]}", param=param)


def _free_id(base: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _humane(identifier: str) -> str:
    return identifier.replace("-", " ").capitalize()


# --- the scaffolds ----------------------------------------------------------------------------


def new_module(root: Path, module_id: str, *, title: str | None = None) -> Scaffolded:
    """`lessons/<id>/module.yml`, and `<id>` appended to `modules:` in course.yml."""
    course = _course(root)
    taken = {m.id: m.source for m in course.modules}
    folder = root / LESSONS_DIR / module_id
    _check_id(module_id, "module", taken, "module_id")
    if folder.exists():
        raise ScaffoldError(f"`{LESSONS_DIR}/{module_id}` already exists; choose another id, or move it away", param="module_id")
    rel = f"{LESSONS_DIR}/{module_id}/{MODULE_FILE}"
    title = title or _humane(module_id)
    text = render("module", rel, id=module_id, title=title, role=module_id.replace("-", " "))

    def work(changes: _Changes) -> Scaffolded:
        changes.create(rel, text)
        changes.edit(COURSE_FILE, append_to_list((root / COURSE_FILE).read_text(encoding="utf-8-sig"), "modules", module_id))
        return Scaffolded(module_id, rel, (COURSE_FILE,))

    return _apply(root, work)


def new_lesson(
    root: Path, module_id: str, lesson_id: str | None = None, *, title: str | None = None, routine: str | None = None
) -> Scaffolded:
    """The module's next lesson file, numbered after the last one, with a course-unique id."""
    course = _course(root)
    modules = {m.id: m for m in course.modules}
    if module_id not in modules:
        raise ScaffoldError(f"no module `{module_id}`; {did_you_mean(module_id, modules)}", param="module_id")
    module = modules[module_id]
    taken = {lesson.id: lesson.source for lesson in course.lessons}
    number = len(module.lessons) + 1
    if lesson_id is None:
        lesson_id = _free_id(f"{module_id}-{model.slug(title)}" if title else f"{module_id}-lesson-{number}", taken)
    _check_id(lesson_id, "lesson", taken, "lesson_id")
    routine_ids = [r.id for r in course.routines]
    if routine is None:
        # The routine most lessons of this module practice is the likeliest one.
        used = [lesson.data.routine for lesson in module.lessons] or routine_ids
        routine = max(routine_ids, key=used.count)
    elif routine not in routine_ids:
        raise ScaffoldError(f"no routine `{routine}`; {did_you_mean(routine, routine_ids)}", param="routine")
    folder = root / LESSONS_DIR / module_id
    prefixes = [int(m.group(1)) for p in folder.iterdir() if (m := re.match(r"(\d+)-", p.name))]
    stem = lesson_id.removeprefix(f"{module_id}-") or lesson_id
    rel = f"{LESSONS_DIR}/{module_id}/{max(prefixes, default=0) + 1:02d}-{stem}.yml"
    title = title or f"{module.title}: lesson {number}"
    ordered = module.data.lessons is not None
    text = render("lesson", rel, id=lesson_id, title=title, routine=routine, module_id=module_id, ordered=ordered)

    def work(changes: _Changes) -> Scaffolded:
        changes.create(rel, text)
        if not ordered:
            return Scaffolded(lesson_id, rel)
        changes.edit(module.source, append_to_list((root / module.source).read_text(encoding="utf-8-sig"), "lessons", lesson_id))
        return Scaffolded(lesson_id, rel, (module.source,))

    return _apply(root, work)


def new_worksheet(root: Path, worksheet_id: str, *, title: str | None = None, lessons: Iterable[str] = ()) -> Scaffolded:
    """`exercises/<id>.yml`, optionally added to the `worksheets:` of some lessons."""
    course = _course(root)
    taken = {w.id: w.source for w in course.worksheets}
    _check_id(worksheet_id, "worksheet", taken, "worksheet_id")
    rel = f"{EXERCISES_DIR}/{worksheet_id}.yml"
    lesson_ids = [lesson.id for lesson in course.lessons]
    users = []
    for lesson_id in lessons:
        if lesson_id not in lesson_ids:
            raise ScaffoldError(f"no lesson `{lesson_id}`; {did_you_mean(lesson_id, lesson_ids)}", param="lessons")
        users.append(course.lesson(lesson_id))
    text = render("worksheet", rel, id=worksheet_id, title=title or _humane(worksheet_id))

    def work(changes: _Changes) -> Scaffolded:
        changes.create(rel, text)
        for lesson in users:
            changes.edit(lesson.source, append_to_list((root / lesson.source).read_text(encoding="utf-8-sig"), "worksheets", worksheet_id))
        return Scaffolded(worksheet_id, rel, tuple(lesson.source for lesson in users))

    return _apply(root, work)


def next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def new_cohort(
    root: Path, cohort_id: str, *, name: str | None = None, start: date | None = None, timezone: str = "UTC"
) -> Scaffolded:
    """`course/cohorts/<id>.yml`: a cohort starting next Monday, with one weekly session."""
    course = _course(root)
    taken = {c.id: f"{COHORTS_DIR}/{c.id}.yml" for c in course.cohorts}
    _check_id(cohort_id, "cohort", taken, "cohort_id")
    rel = f"{COHORTS_DIR}/{cohort_id}.yml"
    start = start or next_monday(date.today())
    text = render("cohort", rel, id=cohort_id, name=name or _humane(cohort_id), start=start.isoformat(), timezone=timezone)

    def work(changes: _Changes) -> Scaffolded:
        changes.create(rel, text)
        return Scaffolded(cohort_id, rel)

    return _apply(root, work)


# --- editing a list in an author's YAML without losing their layout ------------------------


def append_to_list(text: str, key: str, value: str) -> str:
    """`text` with `value` added to the top-level list `key` (made if missing).

    Only characters are inserted: comments, quoting and indentation stay as the
    author wrote them. Handles block lists (`- a` lines), flow lists (`[a, b]`)
    and a key with no value yet.
    """
    nl = "\r\n" if "\r\n" in text else "\n"  # keep the file's own line endings
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise ScaffoldError("the file is not a mapping of keys")
    node = next((v for k, v in root.value if k.value == key), None)
    if node is None:
        tail = "" if text.endswith("\n") else nl
        return f"{text}{tail}{key}: [{value}]{nl}"
    if isinstance(node, yaml.ScalarNode) and node.value == "" and node.tag.endswith(":null"):
        at = node.start_mark.index
        return f"{text[:at].rstrip(' ')} [{value}]{text[at:]}"
    if not isinstance(node, yaml.SequenceNode):
        raise ScaffoldError(f"`{key}` is not a list")
    if node.flow_style:
        close = node.end_mark.index - 1  # the `]`
        inside = text[node.start_mark.index + 1 : close]
        sep = ", " if inside.strip() else ""
        # Keep the items' own spacing before `]`, as in `[a, b ]`.
        end = node.value[-1].end_mark.index if node.value else close
        return f"{text[:end]}{sep}{value}{text[end:]}"
    last = node.value[-1]
    first = node.value[0]
    line_start = text.rfind("\n", 0, first.start_mark.index) + 1
    dash = text.index("-", line_start)
    indent = text[line_start:dash]
    end_of_last = text.find(nl, last.end_mark.index)
    if end_of_last == -1:
        return f"{text}{nl}{indent}- {value}{nl}"
    return f"{text[:end_of_last]}{nl}{indent}- {value}{text[end_of_last:]}"
