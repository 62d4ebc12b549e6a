"""Loading a course from its folder: read, validate, cross-check, assemble.

The folder holds `course/course.yml`, `course/routines.yml`,
`lessons/<module-id>/module.yml` with the module's lesson files beside it, and
`exercises/<worksheet-id>.yml`. Every file is read and validated even after a
problem is found, and cross-references are checked across files, so one run
reports everything; `CourseError` carries the lot. Only a course with no errors
is assembled into the model's `Course`.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import model
from . import cohort_checks, cohorts
from .catalogue import say
from .problems import CourseError, Problem, describe, did_you_mean, known, match_hint
from .yaml_source import MAX_BYTES, Document, read, too_big_problem

COURSE_FILE = "course/course.yml"
ROUTINES_FILE = "course/routines.yml"
LESSONS_DIR = "lessons"
EXERCISES_DIR = "exercises"
MODULE_FILE = "module.yml"
COHORTS_DIR = "course/cohorts"
WATCHED_DIRS = ("course", LESSONS_DIR, EXERCISES_DIR)
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Validated:
    """A file that passed its own schema: the model and the document behind it."""

    doc: Document
    item: Any


class FileCache:
    """Files that passed their schema, kept between builds of one `mkdocs serve`.

    An entry is reused while the file's size, mtime and ctime are unchanged, so
    a rebuild after one lesson is saved reads and validates only that lesson.
    Files with problems are never kept: they are read again until fixed.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[FsPath, type[BaseModel]], tuple[tuple[int, int, int], Validated]] = {}
        self.fresh: set[FsPath] = set()  # files read from disk (not reused) since the caller last cleared this

    @staticmethod
    def stamp(path: FsPath) -> tuple[int, int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ctime_ns)

    def get(self, path: FsPath, schema: type[BaseModel], stamp: tuple[int, int, int]) -> Validated | None:
        entry = self._entries.get((path, schema))
        return entry[1] if entry is not None and entry[0] == stamp else None

    def put(self, path: FsPath, schema: type[BaseModel], stamp: tuple[int, int, int], validated: Validated) -> None:
        self._entries[(path, schema)] = (stamp, validated)

    def __len__(self) -> int:
        return len(self._entries)


def load_course(root: FsPath | str, *, cache: FileCache | None = None) -> model.Course:
    """Load and validate the course in `root`; raise `CourseError` listing every problem."""
    course, problems = check_course(root, cache=cache)
    if course is None or any(p.severity == "error" for p in problems):
        raise CourseError(problems)
    return course


def check_course(root: FsPath | str, *, cache: FileCache | None = None) -> tuple[model.Course | None, list[Problem]]:
    """Load what can be loaded; return the course (None if any error) and every problem.

    With a `cache`, files unchanged since the last call are not read again.
    """
    root = FsPath(root)
    problems: list[Problem] = []
    reader = _Reader(root, problems, cache)

    course_file = reader.required(COURSE_FILE, model.CourseFile)
    routines_file = reader.required(ROUTINES_FILE, model.RoutinesFile)
    worksheets = [w for p in reader.yaml_files(root / EXERCISES_DIR) if (w := reader.file(p, model.WorksheetFile))]
    modules = _read_modules(root, reader, problems)
    cohort_files = [c for p in reader.yaml_files(root / COHORTS_DIR) if (c := reader.file(p, model.CohortFile))]
    for cohort_file in cohort_files:
        problems.extend(cohort_checks.check_file(cohort_file.doc, cohort_file.item))
    for sheet in worksheets:
        problems.extend(_column_problems(sheet.doc, sheet.item))
    if problems:
        # Cross-checks need every file valid on its own; a broken file would only
        # add echoes (a "missing" id that is really a typo in a file reported above).
        _cross_check(course_file, routines_file, worksheets, modules, reader, problems, partial=True)
        return None, sorted(problems)
    _cross_check(course_file, routines_file, worksheets, modules, reader, problems, partial=False)
    if problems:
        return None, sorted(problems)
    course = _assemble(course_file, routines_file, worksheets, modules)
    if cohort_files:
        # Cohort dates need the lessons in track order, so they come last.
        dated, cohort_problems = cohorts.build(course, [(c.doc, c.item) for c in cohort_files])
        if cohort_problems:
            return None, sorted(cohort_problems)
        course = dataclasses.replace(course, cohorts=dated)
    return course, problems


# --- reading ---------------------------------------------------------------------


@dataclass
class _ModuleFolder:
    folder: str
    module: Validated | None
    lessons: list[Validated]


def _read_modules(root: FsPath, reader: _Reader, problems: list[Problem]) -> list[_ModuleFolder]:
    lessons_dir = root / LESSONS_DIR
    if not lessons_dir.is_dir():
        problems.append(Problem(LESSONS_DIR, 1, 1, say("no-lessons-folder"), "make one folder per module in `lessons/`"))
        return []
    folders = []
    for folder in sorted(p for p in reader.entries(lessons_dir) if p.is_dir() and not p.name.startswith(".") and p.suffix not in YAML_SUFFIXES):
        module_path = folder / MODULE_FILE
        module = reader.required(module_path.relative_to(root).as_posix(), model.ModuleFile)
        lessons = [v for p in reader.yaml_files(folder) if p.name != MODULE_FILE and (v := reader.file(p, model.LessonFile))]
        folders.append(_ModuleFolder(folder.name, module, lessons))
    for stray in reader.yaml_files(lessons_dir):
        problems.append(Problem(reader.rel(stray), 1, 1, say("stray-lesson"), "move it into `lessons/<module-id>/`"))
    return folders


class _Reader:
    def __init__(self, root: FsPath, problems: list[Problem], cache: FileCache | None = None):
        self.root = root
        self.problems = problems
        self.cache = cache
        # Files that parsed but failed their schema, kept so that their
        # references can still be checked in the same run.
        self.invalid: dict[type[BaseModel], list[Document]] = {}

    def rel(self, path: FsPath) -> str:
        return path.relative_to(self.root).as_posix()

    def entries(self, folder: FsPath) -> list[FsPath]:
        """What a course folder holds; a folder that cannot be listed is a problem, not a crash."""
        try:
            return sorted(folder.iterdir())
        except OSError as exc:
            self.problems.append(Problem(self.rel(folder) + "/", 1, 1, say("cannot-read-folder", reason=exc.strerror), "check the folder's permissions: the course tools need to list and read it"))
            return []

    def yaml_files(self, folder: FsPath) -> list[FsPath]:
        """The course files of a folder. A name ending `.yml` or `.yaml` that is not a file is a problem:
        leaving it out without a word would lose what the author meant to be in the course."""
        if not folder.is_dir():
            return []
        found: dict[str, FsPath] = {}
        for path in self.entries(folder):
            if path.suffix not in YAML_SUFFIXES or path.name.startswith("."):
                continue
            if not path.is_file():
                what = "a folder" if path.is_dir() else "not a regular file (a pipe, a socket or a device)"
                self.problems.append(Problem(self.rel(path), 1, 1, say("not-a-file", name=path.name, what=what), "course files are plain YAML files; rename or move it out of the course folder"))
                continue
            found[path.name] = path
        return sorted(found.values())

    def required(self, rel: str, schema: type[BaseModel]) -> Validated | None:
        path = self.root / rel
        if not path.is_file():
            self.problems.append(Problem(rel, 1, 1, say("missing-file", path=rel), _MISSING_HINTS.get(schema, "create it")))
            return None
        return self.file(path, schema)

    def file(self, path: FsPath, schema: type[BaseModel]) -> Validated | None:
        if self.cache is None:
            return self._read(path, schema)
        stamp = FileCache.stamp(path)
        if stamp is not None and (kept := self.cache.get(path, schema, stamp)) is not None:
            return kept
        before = len(self.problems)
        self.cache.fresh.add(path)
        validated = self._read(path, schema)
        if validated is not None and stamp is not None and len(self.problems) == before:
            self.cache.put(path, schema, stamp, validated)
        return validated

    def _read(self, path: FsPath, schema: type[BaseModel]) -> Validated | None:
        rel = self.rel(path)
        try:
            # A link (or a linked folder) may point anywhere on the machine; what
            # lands in the site must come from the course folder itself.
            if not path.resolve().is_relative_to(self.root.resolve()):
                self.problems.append(Problem(rel, 1, 1, say("link-outside"), "copy the file into the course folder instead of linking to it"))
                return None
            # Size first, so a huge file is refused without being read into memory;
            # the read is bounded too, in case the file grows in between.
            size = path.stat().st_size
            if size > MAX_BYTES:
                self.problems.append(too_big_problem(rel, size))
                return None
            with path.open("rb") as f:
                raw = f.read(MAX_BYTES + 1)
        except OSError as exc:
            self.problems.append(Problem(rel, 1, 1, say("cannot-read", reason=exc.strerror), None))
            return None
        doc, problems = read(raw, rel)
        if problems:
            self.problems.extend(problems)
            return None
        for loc, value in model.duplicate_ids(schema.__name__, doc.data):
            self.problems.append(doc.problem(loc, say("duplicate-id", id=value, list=describe(loc[:-2])), "each id must be unique in its list; rename one"))
        try:
            return Validated(doc, schema.model_validate(doc.data))
        except ValidationError as exc:
            self.problems.extend(schema_problems(doc, schema, exc))
            self.invalid.setdefault(schema, []).append(doc)
            return None


_MISSING_HINTS = {
    model.CourseFile: "every course needs `course/course.yml` with id, title, description and modules",
    model.RoutinesFile: "list the daily routines in `course/routines.yml` under `routines:`",
    model.ModuleFile: "each module folder needs a `module.yml` with id, title, role, summary and outcomes",
}


# --- schema errors in the author's words ----------------------------------------------

_KIND = {str: "text", int: "a whole number", float: "a number", bool: "true or false", type(None): "nothing", dict: "a mapping of keys", list: "a list"}


def _kind(value: Any) -> str:
    for t, name in _KIND.items():
        if type(value) is t:
            return name
    return type(value).__name__


class _ErrorPlace(typing.NamedTuple):
    path: tuple[Any, ...]  # where in the data
    owner: type[BaseModel] | None  # the model at the end of the path
    tried: tuple[tuple[tuple[Any, ...], Any], ...]  # (data path, member) for each plain-or-model union member on the way


def _field_path(schema: type[BaseModel], loc: tuple[Any, ...]) -> _ErrorPlace:
    """Map pydantic's error location onto the data, and find the model at its end.

    Pydantic puts a tagged union's tag into the location (`fields.2.table.rows`),
    and the member it tried of a union of a plain type and a model (`date`,
    `SkipRange`); the data has no such levels, so they are dropped here. The
    members tried are kept, for `_meant_member`.
    """
    path: list[Any] = []
    tried: list[tuple[tuple[Any, ...], Any]] = []
    current: Any = schema
    owner: type[BaseModel] | None = schema
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            owner = current
            if isinstance(part, str) and part in current.model_fields:
                path.append(part)
                current = current.model_fields[part].annotation
                continue
            path.append(part)
            current = None
            continue
        current = _unwrap(current)
        members = _scalar_or_model(current)
        if members is not None and part in members:  # pydantic names the member it tried: not a level of the data
            current = members[part]
            tried.append((tuple(path), current))
            continue
        if isinstance(current, tuple):  # a union of models: `part` is the tag
            match = [m for m in current if _tag_of(m) == part]
            if match:
                current = match[0]
                continue
            path.append(part)
            current = None
            continue
        if typing.get_origin(current) is list and isinstance(part, int):
            path.append(part)
            current = typing.get_args(current)[0]
            continue
        path.append(part)
        current = None
    if isinstance(current, type) and issubclass(current, BaseModel):
        owner = current
    return _ErrorPlace(tuple(path), owner, tuple(tried))


def _scalar_or_model(annotation: Any) -> dict[str, Any] | None:
    """The members of a union of a plain type and a model (such as a date or a range), by the name pydantic gives each."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return None
    return {a.__name__: a for a in typing.get_args(annotation) if isinstance(a, type) and a is not type(None)}


def _meant_member(place: _ErrorPlace, data: Any) -> bool:
    """False for an error about a member of a plain-or-model union that the author did not mean.

    Pydantic reports why a value fails every member: a mapping is "not a date"
    and a date is "not a mapping". A mapping meant the model; anything else
    meant the plain type. Only those errors are worth showing.
    """
    return all(isinstance(_value_at(data, at), dict) == (isinstance(member, type) and issubclass(member, BaseModel)) for at, member in place.tried)


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional; return a tuple of models for a union of models."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
        args = [_unwrap(a) for a in args]
        if all(isinstance(a, type) and issubclass(a, BaseModel) for a in args):
            return tuple(args)
    return annotation


def _tag_of(m: type[BaseModel]) -> str | None:
    field = m.model_fields.get("type")
    if field is None:
        return None
    args = typing.get_args(field.annotation)
    return args[0] if args else None


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def schema_problems(doc: Document, schema: type[BaseModel], exc: ValidationError) -> Iterator[Problem]:
    """Each pydantic error as a Problem at the right line, in words an author knows."""
    placed = [(e, _field_path(schema, e["loc"])) for e in exc.errors(include_url=False)]
    errors = [(e, place) for e, place in placed if _meant_member(place, doc.data)]
    # A misspelt key shows up twice: unknown `objectivs`, missing `objectives`.
    # The first, with its "did you mean", says it all; drop the echo.
    meant: set[tuple[Any, ...]] = set()
    for err, (path, owner, _) in errors:
        if err["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(path[-1]), list(owner.model_fields) if owner else [], n=1, cutoff=0.6)
            if close:
                meant.add((*path[:-1], close[0]))
    for err, (path, owner, _) in errors:
        if err["type"] == "missing" and path in meant:
            continue
        kind = err["type"]
        value = _value_at(doc.data, path)
        name = describe(path)
        ctx = err.get("ctx") or {}
        if kind == "extra_forbidden":
            key = path[-1]
            allowed = list(owner.model_fields) if owner else []
            yield doc.problem(path, say("unknown-key", key=key), did_you_mean(str(key), allowed), key=True)
        elif kind == "missing":
            field = owner.model_fields.get(path[-1]) if owner else None
            hint = f"add `{path[-1]}:` ({field.description})" if field and field.description else f"add `{path[-1]}:`"
            yield doc.problem(path[:-1], say("missing-key", key=path[-1], in_place=f" in {describe(path[:-1])}" if path[:-1] else ""), hint)
        elif kind in ("string_type", "int_type", "float_type", "bool_type", "list_type", "date_type", "model_type", "dict_type", "model_attributes_type"):
            want = {"string_type": "text", "int_type": "a whole number", "float_type": "a number", "bool_type": "true or false", "list_type": "a list", "date_type": "a date (YYYY-MM-DD)"}.get(kind, "a mapping of keys")
            yield doc.problem(path, say("wrong-type", place=name, kind=want, what_it_is=_kind(value), value=f" (`{value}`)" if isinstance(value, (int, float, bool)) else ""), _type_hint(kind, value))
        elif kind == "string_pattern_mismatch" and ctx.get("pattern") == model.ID_PATTERN:
            yield doc.problem(path, say("bad-id", place=name, value=value), f"use lowercase letters, digits and single hyphens, for example `{model.slug(str(value))}`")
        elif kind == "string_pattern_mismatch" and ctx.get("pattern") in (model.ONE_LINE_PATTERN, model.MARKDOWN_PATTERN) and isinstance(value, str):
            yield _control_problem(doc, path, name, value, one_line=ctx.get("pattern") == model.ONE_LINE_PATTERN)
        elif kind == "string_pattern_mismatch" and path[-1:] == ("language",):
            yield doc.problem(path, say("bad-language", value=value), "use a BCP 47 tag such as `en`, `en-GB`, `fr` or `pt-BR`")
        elif kind == "string_too_short":
            yield doc.problem(path, say("empty-text", place=name), "write the text, or remove the key if it is optional")
        elif kind == "string_too_long":
            limit = ctx.get("max_length")
            yield doc.problem(path, say("too-long", place=name, length=len(value or ''), limit=limit), "shorten it; long teaching text belongs in a section body")
        elif kind == "too_short":
            n = ctx.get("min_length", 1)
            yield doc.problem(path, say("too-few", place=name, n=n, s='s' if n != 1 else ''), "add an item on a new line starting with `- `")
        elif kind == "too_long":
            yield doc.problem(path, say("too-many", place=name, n=ctx.get('actual_length'), limit=ctx.get('max_length')), "split it, or keep only the most useful items")
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            low, high = _bounds(owner, path[-1] if path else None)
            yield doc.problem(path, say("out-of-range", place=name, value=value, low=low, high=high), None)
        elif kind == "union_tag_invalid":
            tag = ctx.get("tag")
            yield doc.problem((*path, "type"), say("unknown-field-type", type=tag), did_you_mean(str(tag), model.FIELD_TYPES))
        elif kind == "union_tag_not_found":
            yield doc.problem(path, say("no-field-type", place=name), "add `type:`, one of " + ", ".join(f"`{t}`" for t in model.FIELD_TYPES))
        else:
            yield doc.problem(path, say("other-schema", place=name, description=err['msg']), None)


def _control_problem(doc: Document, path: tuple[Any, ...], name: str, value: str, *, one_line: bool) -> Problem:
    """A line break in one-line text, or a control character in any text, named by what it is."""
    breaks = "\n\r\u2028\u2029\x85"
    bad = next(c for c in value if (one_line or c not in "\n\t") and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029"))
    if one_line and bad in breaks:
        return doc.problem(path, say("line-break", place=name), "join the lines into one, and write the text right after the key, without `|` or `>`")
    return doc.problem(path, say("control-character", place=name, code=f"{ord(bad):04X}"), "delete it: it is invisible, and usually comes with text copied from elsewhere")


def _type_hint(kind: str, value: Any) -> str | None:
    if kind == "string_type" and isinstance(value, bool):
        return 'YAML reads true/false as yes/no values; put the text in quotes: "true"'
    if kind == "string_type" and isinstance(value, (int, float)):
        return f'YAML reads {value} as a number; put it in quotes: "{value}"'
    if kind == "string_type" and value is None:
        return "the value is empty; write the text after the colon"
    if kind == "string_type" and isinstance(value, dict):
        return "a `: ` inside text starts a mapping; put the whole text in quotes"
    if kind == "list_type" and isinstance(value, str):
        return "write one item per line, each starting with `- `"
    if kind == "int_type" and isinstance(value, str):
        return "write the number without quotes"
    if kind == "date_type":
        return "write the date as YYYY-MM-DD, without quotes, such as 2027-03-29"
    return None


def _bounds(owner: type[BaseModel] | None, key: Any) -> tuple[Any, Any]:
    field = owner.model_fields.get(key) if owner and isinstance(key, str) else None
    low = high = None
    for meta in field.metadata if field else []:
        low = getattr(meta, "ge", low)
        high = getattr(meta, "le", high)
    annotation = field.annotation if field else None
    for meta in getattr(annotation, "__metadata__", ()):
        for inner in getattr(meta, "metadata", [meta]):
            low = getattr(inner, "ge", low)
            high = getattr(inner, "le", high)
    return low, high


# --- cross-file checks ---------------------------------------------------------------


def _cross_check(
    course: Validated | None,
    routines: Validated | None,
    worksheets: list[Validated],
    folders: list[_ModuleFolder],
    reader: _Reader,
    problems: list[Problem],
    *,
    partial: bool,
) -> None:
    # Ids are compared only among files that validated; with `partial`, checks
    # that would misfire because a file failed (a lesson's routine unknown only
    # because routines.yml is broken) are skipped.
    # A folder name that is no id (`Basics`) is said once, with a valid name to give it; it is not
    # offered as a "did you mean" nor as the id to write elsewhere.
    for folder in folders:
        if not _is_id(folder.folder):
            problems.append(Problem(f"{LESSONS_DIR}/{folder.folder}/{MODULE_FILE}", 1, 1, say("module-folder-id", folder=folder.folder), f"rename the folder to `{model.slug(folder.folder)}` (lowercase letters, digits and single hyphens), and use that as the module's id"))
    folders = [f for f in folders if _is_id(f.folder)]
    folder_names = [f.folder for f in folders]
    if course:
        doc = course.doc
        for i, module_id in enumerate(course.item.modules):
            if module_id in model.RESERVED_MODULE_IDS:
                problems.append(doc.problem(("modules", i), say("reserved-module-id", id=module_id), f"rename the module and its folder, for example `{module_id}-module`"))
            elif module_id in course.item.modules[:i]:
                problems.append(doc.problem(("modules", i), say("module-listed-twice", id=module_id), "list each module once"))
            elif module_id not in folder_names:
                problems.append(doc.problem(("modules", i), say("no-module-folder", id=module_id), did_you_mean(module_id, folder_names)))
        for name in folder_names:
            if name not in course.item.modules:
                problems.append(Problem(f"{LESSONS_DIR}/{name}/{MODULE_FILE}", 1, 1, say("module-not-listed", id=name), f"add `- {name}` to `modules:` in {COURSE_FILE}, where it belongs in the order"))

    for folder in folders:
        if folder.module and folder.module.item.id != folder.folder:
            problems.append(folder.module.doc.problem(("id",), say("module-id-folder", id=folder.module.item.id, folder=folder.folder), match_hint(folder.folder, folder.module.item.id, "folder", f"{folder.module.item.id}/")))

    lesson_seen: dict[str, Validated] = {}
    for folder in folders:
        for lesson in folder.lessons:
            first = lesson_seen.setdefault(lesson.item.id, lesson)
            if first is not lesson:
                problems.append(lesson.doc.problem(("id",), say("duplicate-lesson-id", id=lesson.item.id, path=first.doc.path), "each lesson id must be unique in the course; rename one"))
        if folder.module and folder.module.item.lessons is not None:
            order = folder.module.item.lessons
            here = {lesson.item.id for lesson in folder.lessons}
            for i, lesson_id in enumerate(order):
                if lesson_id in order[:i]:
                    problems.append(folder.module.doc.problem(("lessons", i), say("lesson-listed-twice", id=lesson_id), "list each lesson once"))
                elif lesson_id not in here and not partial:
                    problems.append(folder.module.doc.problem(("lessons", i), say("no-lesson-in-module", id=lesson_id, module=folder.folder), did_you_mean(lesson_id, here)))
            for lesson in folder.lessons:
                if lesson.item.id not in order:
                    problems.append(lesson.doc.problem(("id",), say("lesson-not-listed", id=lesson.item.id), f"add `- {lesson.item.id}` to `lessons:` in {folder.module.doc.path}"))

    # A page's own file is `index`: a lesson, worksheet, routine or cohort of that id would take the
    # place of its module's page or of the page that lists them, without a word from the site engine.
    taken = [(lesson.doc, ("id",), lesson.item.id, "lesson", "its module's own page") for folder in folders for lesson in folder.lessons]
    taken += [(sheet.doc, ("id",), sheet.item.id, "worksheet", "the page that lists the worksheets") for sheet in worksheets]
    taken += [(routines.doc, ("routines", i, "id"), r.id, "routine", "the page that lists the routines") for i, r in enumerate(routines.item.routines)] if routines else []
    for doc, at, item_id, kind, page in taken:
        if item_id in model.RESERVED_PAGE_IDS:
            problems.append(doc.problem(at, say("index-id", kind=kind, id=item_id, page=page), f"rename it, for example `{item_id}-{kind}`"))

    _renames(problems, "lesson", [(lesson.doc, (), lesson.item) for folder in folders for lesson in folder.lessons])
    _renames(problems, "worksheet", [(sheet.doc, (), sheet.item) for sheet in worksheets])
    for sheet in worksheets:
        _renames(problems, "field", [(sheet.doc, ("fields", i), f) for i, f in enumerate(sheet.item.fields)], within=f"worksheet `{sheet.item.id}`")

    routine_ids = [r.id for r in routines.item.routines] if routines else []

    # Two worksheet files with one id (`x.yml` and `x.yaml`) would be one page, the second silently replacing the first.
    sheet_seen: dict[str, Validated] = {}
    for sheet in worksheets:
        first = sheet_seen.setdefault(sheet.item.id, sheet)
        if first is not sheet:
            problems.append(sheet.doc.problem(("id",), say("duplicate-worksheet-id", id=sheet.item.id, path=first.doc.path), "each worksheet needs its own id and file; merge the two, or rename one"))

    worksheet_ids: list[str] = []
    for sheet in worksheets:
        stem = FsPath(sheet.doc.path).stem
        if sheet.item.id != stem:
            problems.append(sheet.doc.problem(("id",), say("worksheet-file-name", id=sheet.item.id, file=FsPath(sheet.doc.path).name), match_hint(stem, sheet.item.id, "file", f"{sheet.item.id}.yml")))
            worksheet_ids.append(stem)  # lessons may name it either way until it is fixed; one report is enough
        worksheet_ids.append(sheet.item.id)

    # References are checked on the raw data, so a lesson that failed its own
    # schema still has its routine and worksheets checked in the same run.
    worksheets_complete = model.WorksheetFile not in reader.invalid
    lesson_docs = [lesson.doc for folder in folders for lesson in folder.lessons] + reader.invalid.get(model.LessonFile, [])
    for doc in lesson_docs:
        data = doc.data if isinstance(doc.data, dict) else {}
        routine = data.get("routine")
        if routines and _is_id(routine) and routine not in routine_ids:
            problems.append(doc.problem(("routine",), say("no-routine", id=routine), did_you_mean(routine, routine_ids)))
        sheets = data.get("worksheets")
        for i, sheet_id in enumerate(sheets if isinstance(sheets, list) and worksheets_complete else []):
            if _is_id(sheet_id) and sheet_id not in worksheet_ids:
                renamed = next((w.item.id for w in worksheets if sheet_id in w.item.renamed_from), None)
                hint = f"the worksheet `{sheet_id}` is now `{renamed}`: write the new id" if renamed else did_you_mean(sheet_id, worksheet_ids) + f" (files in `{EXERCISES_DIR}/`)"
                problems.append(doc.problem(("worksheets", i), say("no-worksheet", id=sheet_id), hint))


def _column_problems(doc: Document, sheet: model.WorksheetFile) -> Iterator[Problem]:
    """Table columns whose keys do not go together: each is valid alone, so the schema lets them pass."""
    for i, field in enumerate(sheet.fields):
        if not isinstance(field, model.TableField):
            continue
        raw = doc.data["fields"][i]["columns"]
        for j, col in enumerate(field.columns):
            at = ("fields", i, "columns", j)
            if col.fill is not None:
                if field.rows != model.ROWS_PER_DAY:
                    yield doc.problem((*at, "fill"), say("column-fill-rows", id=col.id), "a filled column shows the course's own days: set `rows: days` on the table, or remove `fill`")
                for key in ("type", "options"):
                    if key in raw[j]:
                        yield doc.problem((*at, key), say("column-fill-asks", id=col.id, key=key), "a filled column shows the course's own values and asks nothing: remove `" + key + "`")
            elif col.type == "choice" and not col.options:
                yield doc.problem(at, say("column-choice-options", id=col.id), "add `options:`, a list of at least two choices, such as `options: [Yes, Not yet]`")
            elif col.type != "choice" and col.options is not None:
                yield doc.problem((*at, "options"), say("column-options-type", id=col.id), "set `type: choice` on the column, or remove `options`")


def _renames(problems: list[Problem], kind: str, items: list[tuple[Document, tuple[Any, ...], Any]], *, within: str = "the course") -> None:
    """`renamed_from` lists: an old id leads learners' answers to one item only, and is not in use now."""
    current = {item.id for _, _, item in items}
    claimed: dict[str, Document] = {}
    for doc, at, item in items:
        for k, old in enumerate(item.renamed_from):
            place = (*at, "renamed_from", k)
            if old in current:
                problems.append(doc.problem(place, say("renamed-in-use", id=old, kind=kind, where=within), f"an old id must be out of use: remove it from `renamed_from`, or rename that {kind}"))
            elif old in claimed:
                other = claimed[old]
                problems.append(doc.problem(place, say("renamed-twice", id=old, kind=kind, also_in=f" (also in {other.path})" if other.path != doc.path else ""), "answers saved under an old id can follow one of them only: keep it in one list"))
            else:
                claimed[old] = doc


def _is_id(value: Any) -> bool:
    """A well-formed id; a malformed one was already reported by the schema."""
    return isinstance(value, str) and re.fullmatch(model.ID_PATTERN, value) is not None


# --- assembling -------------------------------------------------------------------------


def _assemble(course: Validated, routines: Validated, worksheets: list[Validated], folders: list[_ModuleFolder]) -> model.Course:
    by_folder = {f.folder: f for f in folders}
    modules = []
    day = 0
    for module_id in course.item.modules:
        folder = by_folder[module_id]
        assert folder.module is not None
        lessons = folder.lessons
        if folder.module.item.lessons is not None:
            by_id = {lesson.item.id: lesson for lesson in lessons}
            lessons = [by_id[lesson_id] for lesson_id in folder.module.item.lessons]
        placed = []
        for lesson in lessons:
            day += 1
            placed.append(model.Lesson(lesson.item, module_id, day, lesson.doc.path))
        modules.append(model.Module(folder.module.item, tuple(placed), folder.module.doc.path))
    return model.Course(
        data=course.item,
        modules=tuple(modules),
        routines=tuple(routines.item.routines),
        worksheets=tuple(model.Worksheet(w.item, w.doc.path) for w in worksheets),
    )


__all__ = ["CourseError", "FileCache", "WATCHED_DIRS", "check_course", "load_course", "known"]
