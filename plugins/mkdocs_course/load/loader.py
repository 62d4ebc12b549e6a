"""Loading a course from its folder: read, validate, cross-check, assemble.

The folder holds `course/course.yml`, `course/routines.yml`,
`lessons/<module-id>/module.yml` with the module's lesson files beside it, and
`exercises/<worksheet-id>.yml`. Every file is read and validated even after a
problem is found, and cross-references are checked across files, so one run
reports everything; `CourseError` carries the lot. Only a course with no errors
is assembled into the model's `Course`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from .. import model
from ..model import i18n
from . import cohort_checks, cohorts, figures, translation
from .catalogue import say
from .problems import CourseError, Problem, describe, did_you_mean, known, match_hint
from .schema_errors import schema_problems
from .yaml_source import MAX_BYTES, Document, from_json, read, to_json, too_big_problem

COURSE_FILE = "course/course.yml"
ROUTINES_FILE = "course/routines.yml"
LESSONS_DIR = "lessons"
EXERCISES_DIR = "exercises"
MODULE_FILE = "module.yml"
COHORTS_DIR = "course/cohorts"
WATCHED_DIRS = ("course", LESSONS_DIR, EXERCISES_DIR, translation.TRANSLATIONS_DIR)
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


class ParsedStore(Protocol):
    """Where a plain `mkdocs build` keeps each file's parsed YAML for the next (the plugin's page
    cache): a file whose bytes are the same is not parsed again. Values are JSON data."""

    def get(self, key: str) -> Any | None: ...

    def put(self, key: str, value: Any) -> None: ...


class ParsedHere(dict[str, Any]):
    """A `ParsedStore` for one run, in memory: lint reads the files the loader parsed (for the
    places of its warnings and the texts it looks into) without parsing them again."""

    def put(self, key: str, value: Any) -> None:
        self[key] = value


def parsed_key(rel: str, raw: bytes) -> str:
    """What a file's parsed YAML is kept under: its path and its bytes."""
    return hashlib.sha256(rel.encode("utf-8") + b"\0" + raw).hexdigest()


def parse_kept(raw: bytes, rel: str, parsed: ParsedStore | None) -> tuple[Document, list[Problem]]:
    """The YAML of the file at `rel` whose bytes are `raw`: from `parsed` if these very bytes were
    parsed before, else parsed now (and kept there, if the file has no problem)."""
    if parsed is None:
        return read(raw, rel)
    key = parsed_key(rel, raw)
    kept = parsed.get(key)
    doc = from_json(rel, kept) if kept is not None else None
    if doc is not None:
        return doc, []
    doc, problems = read(raw, rel)
    if not problems and (value := to_json(doc)) is not None:  # only a file without problems is kept
        parsed.put(key, value)
    return doc, problems


# --- parsed ahead, in other processes (a plain build's runner forks them) -----------------------


def unparsed(root: FsPath | str, parsed: ParsedStore) -> list[str]:
    """The course's YAML files (course-relative) whose bytes `parsed` does not hold yet: what a
    cold build parses. Plain files only, as a load would read them: a link, a folder named
    `.yml` or a file too big is left to the load itself, which says what is wrong with it."""
    root = FsPath(root)
    todo = []
    for top in ("course", LESSONS_DIR, EXERCISES_DIR):
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in YAML_SUFFIXES or any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            try:
                info = path.lstat()
                if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                    continue
                rel = path.relative_to(root).as_posix()
                if parsed.get(parsed_key(rel, path.read_bytes())) is None:
                    todo.append(rel)
            except OSError:
                continue
    return todo


def parse_files(root: FsPath | str, rels: list[str]) -> list[tuple[str, Any]]:
    """Each file of `rels` parsed, as (key, kept value) for its `ParsedStore`: the share of one
    process of a build that parses ahead (the load then finds every file parsed). A file with a
    problem is left out: the load parses it again and says what is wrong."""
    out = []
    for rel in rels:
        try:
            raw = (FsPath(root) / rel).read_bytes()
        except OSError:
            continue
        doc, problems = read(raw, rel)
        if not problems and (value := to_json(doc)) is not None:
            out.append((parsed_key(rel, raw), value))
    return out


def load_course(root: FsPath | str, *, cache: FileCache | None = None, language: str | None = None) -> model.Course:
    """Load and validate the course in `root` (in a `language` it is translated into);
    raise `CourseError` listing every problem."""
    return check_loaded(root, cache=cache, language=language)[0]


def check_loaded(root: FsPath | str, *, cache: FileCache | None = None, language: str | None = None, parsed: ParsedStore | None = None) -> tuple[model.Course, list[Problem]]:
    """`load_course`, and the warnings found on the way (untranslated text, say), for a runner to say."""
    course, problems = check_course(root, cache=cache, language=language, parsed=parsed)
    if course is None or any(p.severity == "error" for p in problems):
        raise CourseError(problems)
    return course, problems


def check_course(root: FsPath | str, *, cache: FileCache | None = None, language: str | None = None, parsed: ParsedStore | None = None) -> tuple[model.Course | None, list[Problem]]:
    """Load what can be loaded; return the course (None if any error) and every problem.

    With a `cache`, files unchanged since the last call are not read again. With a
    `language`, the course in that language: its translation laid over it (translation.py).
    Without one, the course and every translation `course.yml` lists, checked together.
    With `parsed`, a file whose bytes it holds is not parsed again.
    """
    root = FsPath(root)
    if language is None:
        course, problems = _check_course(root, cache=cache, parsed=parsed)
        if course is not None and not any(p.severity == "error" for p in problems):
            problems.extend(_check_translations(root, course, parsed))
            if any(p.severity == "error" for p in problems):
                return None, sorted(problems)
        return course, sorted(problems)
    return _check_course(root, translating=_Translating(root, language), parsed=parsed)


def _check_course(root: FsPath, *, cache: FileCache | None = None, translating: _Translating | None = None, parsed: ParsedStore | None = None) -> tuple[model.Course | None, list[Problem]]:
    problems: list[Problem] = []
    reader = _Reader(root, problems, cache, translating, parsed)

    course_file = reader.required(COURSE_FILE, model.CourseFile)
    routines_file = reader.required(ROUTINES_FILE, model.RoutinesFile)
    worksheets = [w for p in reader.yaml_files(root / EXERCISES_DIR) if (w := reader.file(p, model.WorksheetFile))]
    modules = _read_modules(root, reader, problems)
    cohort_files = [c for p in reader.yaml_files(root / COHORTS_DIR) if (c := reader.file(p, model.CohortFile))]
    for cohort_file in cohort_files:
        problems.extend(cohort_checks.check_file(cohort_file.doc, cohort_file.item))
    for sheet in worksheets:
        problems.extend(_column_problems(sheet.doc, sheet.item))
    for folder in modules:
        for lesson in folder.lessons:
            problems.extend(_check_problems(lesson.doc, lesson.item))
    pictures, figure_problems = figures.read(root, [(lesson.doc, lesson.item) for folder in modules for lesson in folder.lessons])
    problems.extend(figure_problems)
    if problems:
        # Cross-checks need every file valid on its own; a broken file would only
        # add echoes (a "missing" id that is really a typo in a file reported above).
        _cross_check(course_file, routines_file, worksheets, modules, reader, problems, partial=True)
        return None, sorted(problems)
    _cross_check(course_file, routines_file, worksheets, modules, reader, problems, partial=False)
    if problems:
        return None, sorted(problems)
    if translating is not None:
        problems.extend(translating.finish(reader))
        if any(p.severity == "error" for p in problems):
            return None, sorted(problems)
    placed = _place(course_file, modules)
    # Cohort dates need the lessons in track order, so they come after the modules are placed.
    _ = i18n.translator(course_file.item.language).gettext
    dated, cohort_problems = cohorts.build([lesson for module in placed for lesson in module.lessons], [(c.doc, c.item) for c in cohort_files], untitled=_("Group session"))
    if cohort_problems:
        return None, sorted(cohort_problems)
    course = model.Course(
        data=course_file.item,
        modules=placed,
        routines=tuple(routines_file.item.routines),
        worksheets=tuple(model.Worksheet(w.item, w.doc.path) for w in worksheets),
        cohorts=dated,
        figures=pictures,
    )
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
    def __init__(self, root: FsPath, problems: list[Problem], cache: FileCache | None = None, translating: _Translating | None = None, parsed: ParsedStore | None = None):
        self.root = root
        self.real_root = root.resolve()  # what a file's real path must be inside
        self.parsed = parsed
        self.problems = problems
        self.cache = cache if translating is None else None  # a translation's files are not watched by the cache
        self.translating = translating
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

    def parse(self, path: FsPath, rel: str) -> tuple[Document | None, list[Problem]]:
        """The file's YAML, read safely: from the course folder only, and never too big."""
        try:
            # A link (or a linked folder) may point anywhere on the machine; what
            # lands in the site must come from the course folder itself.
            if not path.resolve().is_relative_to(self.real_root):
                return None, [Problem(rel, 1, 1, say("link-outside"), "copy the file into the course folder instead of linking to it")]
            # Size first, so a huge file is refused without being read into memory;
            # the read is bounded too, in case the file grows in between.
            size = path.stat().st_size
            if size > MAX_BYTES:
                return None, [too_big_problem(rel, size)]
            with path.open("rb") as f:
                raw = f.read(MAX_BYTES + 1)
        except OSError as exc:
            return None, [Problem(rel, 1, 1, say("cannot-read", reason=exc.strerror), None)]
        return parse_kept(raw, rel, self.parsed)

    def _read(self, path: FsPath, schema: type[BaseModel]) -> Validated | None:
        rel = self.rel(path)
        doc, problems = self.parse(path, rel)
        if problems or doc is None:
            self.problems.extend(problems)
            return None
        if self.translating is not None:
            doc = self.translating.lay(self, doc, schema)
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
    for folder in folders:
        for lesson in folder.lessons:
            _renames(problems, "check", [(lesson.doc, ("checks", i), c) for i, c in enumerate(lesson.item.checks)], within=f"lesson `{lesson.item.id}`")

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

    problems.extend(_answer_problems(worksheets))

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


def _answer_problems(worksheets: list[Validated]) -> Iterator[Problem]:
    """`answer` fields whose `from` names no field the learner writes in another worksheet."""
    by_id = {sheet.item.id: sheet.item for sheet in worksheets}
    for sheet in worksheets:
        for i, field in enumerate(sheet.item.fields):
            if not isinstance(field, model.AnswerField):
                continue
            at = ("fields", i, "from")
            sheet_id, field_id = field.source
            source = by_id.get(sheet_id)
            if sheet_id == sheet.item.id:
                yield sheet.doc.problem(at, say("answer-own-worksheet", id=field.id), "show an answer from another worksheet, or ask the question here with a field of its own")
            elif source is None:
                renamed = next((w.id for w in by_id.values() if sheet_id in w.renamed_from), None)
                hint = f"the worksheet `{sheet_id}` is now `{renamed}`: write `{renamed}.{field_id}`" if renamed else did_you_mean(sheet_id, list(by_id)) + " (files in `exercises/`)"
                yield sheet.doc.problem(at, say("answer-no-worksheet", id=sheet_id), hint)
            else:
                fields = {f.id: f for f in source.fields}
                target = fields.get(field_id)
                if target is None:
                    renamed = next((f.id for f in source.fields if field_id in f.renamed_from), None)
                    hint = f"the field `{field_id}` is now `{renamed}`: write `{sheet_id}.{renamed}`" if renamed else did_you_mean(field_id, list(fields))
                    yield sheet.doc.problem(at, say("answer-no-field", field=field_id, id=sheet_id), hint)
                elif isinstance(target, model.AnswerField):
                    yield sheet.doc.problem(at, say("answer-of-answer", field=field_id, id=sheet_id), f"name the field where the learner writes it: `from: {target.from_}`")


def _check_problems(doc: Document, lesson: model.LessonFile) -> Iterator[Problem]:
    """Self-checks whose answers do not add up: each option is valid alone, so the schema lets them pass."""
    for i, check in enumerate(lesson.checks):
        if not isinstance(check, (model.ChoiceCheck, model.MultipleCheck)):
            continue
        right = sum(option.right for option in check.options)
        if right == 0:
            yield doc.problem(("checks", i, "options"), say("check-no-right", id=check.id), "mark the right answer with `right: true`")
        elif right > 1 and isinstance(check, model.ChoiceCheck):
            yield doc.problem(("checks", i, "kind"), say("check-two-right", id=check.id, n=right), "a `choice` check has one right answer: keep `right: true` on one option, or make it `kind: multiple`")


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


def _place(course: Validated, folders: list[_ModuleFolder]) -> tuple[model.Module, ...]:
    """The modules in the course's order, each with its lessons in the module's order (else file order)."""
    by_folder = {f.folder: f for f in folders}
    ordered = []
    for module_id in course.item.modules:
        folder = by_folder[module_id]
        assert folder.module is not None
        lessons = folder.lessons
        if folder.module.item.lessons is not None:
            by_id = {lesson.item.id: lesson for lesson in lessons}
            lessons = [by_id[lesson_id] for lesson_id in folder.module.item.lessons]
        ordered.append((folder.module.item, folder.module.doc.path, [(lesson.item, lesson.doc.path) for lesson in lessons]))
    return model.place(ordered)


__all__ = ["CourseError", "FileCache", "WATCHED_DIRS", "check_course", "check_loaded", "load_course", "known"]


# --- translations ----------------------------------------------------------------------------


class _Translating:
    """One translation being laid over the course as it is read (translation.py)."""

    def __init__(self, root: FsPath, language: str):
        self.root, self.language = root, language
        self.folder = root / translation.folder(language)
        self.seen: set[str] = set()
        self.untranslated: list[Problem] = []
        self.name = i18n.language_name(language, said_in="en")  # the author tools speak English

    def lay(self, reader: _Reader, doc: Document, schema: type[BaseModel]) -> Document:
        rel = doc.path
        self.seen.add(rel)
        path = self.folder / rel
        given = None
        if path.is_file():
            given, problems = reader.parse(path, reader.rel(path))
            reader.problems.extend(problems)
            if problems:
                return doc
        laid, problems = translation.lay(doc, given, schema, self.language)
        reader.problems.extend(problems)
        if laid.untranslated:
            line, column = doc.where(laid.untranslated[0])
            there = f"{translation.folder(self.language)}/{rel}"
            hint = (f"translate the text from here on in {there} (same keys and ids)" if given is not None
                    else f"copy this file to {there} and translate its text")
            count = len(laid.untranslated)
            self.untranslated.append(Problem(rel, line, column, say("untranslated", count=f"{count} text{'s' if count != 1 else ''}", language=self.name), hint, severity="warning"))
        return laid.doc

    def finish(self, reader: _Reader) -> list[Problem]:
        """Translation files with no original, and the untranslated counts, once every file was read."""
        problems = list(self.untranslated)
        for path in sorted(self.folder.rglob("*")) if self.folder.is_dir() else []:
            if path.suffix not in YAML_SUFFIXES or not path.is_file():
                continue
            rel = path.relative_to(self.folder).as_posix()
            if rel not in self.seen:
                originals = sorted(self.seen)
                close = difflib.get_close_matches(rel, originals, n=1, cutoff=0.6)
                hint = f"did you mean {translation.folder(self.language)}/{close[0]}?" if close else "a translation file has the path of its original under the course folder; move or delete it"
                problems.append(Problem(reader.rel(path), 1, 1, say("translation-without-original", original=rel), hint))
        return problems


def _check_translations(root: FsPath, course: model.Course, parsed: ParsedStore | None = None) -> list[Problem]:
    """Each translation `course.yml` lists, checked against the course; a folder it does not list is a warning."""
    problems: list[Problem] = []
    listed = course.data.translations
    for i, language in enumerate(listed):
        if language == course.data.language or listed.index(language) != i:
            why = "it is the course's own language" if language == course.data.language else "it is listed twice"
            problems.append(_course_doc(root).problem(("translations", i), say("translation-twice", language=language, why=why), "list each other language once"))
            continue
        if not (root / translation.folder(language)).is_dir():
            problems.append(_course_doc(root).problem(("translations", i), say("translation-no-folder", language=language, folder=translation.folder(language) + "/"),
                                                      f"make the folder {translation.folder(language)}/ with translated copies of the course's files, or remove `{language}` here"))
            continue
        _, found = _check_course(root, translating=_Translating(root, language), parsed=parsed)
        problems.extend(found)
    unlisted = sorted(p.name for p in (root / translation.TRANSLATIONS_DIR).iterdir() if p.is_dir() and p.name not in listed) if (root / translation.TRANSLATIONS_DIR).is_dir() else []
    for language in unlisted:
        same = next((x for x in listed if x.lower() == language.lower()), None)  # `ES/` for `es`: a tag is lowercase
        hint = f"rename the folder to {translation.TRANSLATIONS_DIR}/{same}/" if same else f"add `{language}` to `translations:` in {COURSE_FILE} to build it"
        problems.append(Problem(f"{translation.TRANSLATIONS_DIR}/{language}/", 1, 1, say("translation-not-listed", language=language), hint, severity="warning"))
    return problems


def _course_doc(root: FsPath) -> Document:
    """course.yml's places, to point at a problem in it (it was read and found valid before)."""
    doc, _ = read((root / COURSE_FILE).read_bytes(), COURSE_FILE)
    return doc
