"""A course in several languages: the text of the course in another language, laid over it.

A translation lives in `translations/<language>/`, which mirrors the course folder:

    translations/es/course/course.yml                the course's title, description, welcome
    translations/es/course/routines.yml              the routines' titles, purposes, steps
    translations/es/lessons/coach/01-three-helpers.yml
    translations/es/exercises/smart-goal.yml
    translations/es/course/cohorts/evening.yml       (a cohort's name, welcome, session titles)

A translation file has the shape of its original and only text in it: keys the original has,
list items matched to the original's by `id` where they have one (sections and options, which
have none, by their place in the list). It cannot change the course's structure: anything that
is not text (an id, a number of minutes, a worksheet's field type, `right: true`) may be left
out or copied as it is, never changed, and a key or id the original lacks is an error at its
line in the translation. What a translation leaves out stays in the original's words and is
counted as untranslated (a warning). `course.yml` lists the languages to build under
`translations:`; learners' answers are keyed by ids, so they follow a learner across languages.

Which values are text comes from the file's model (`model/files.py`): a field typed `Text` or
`Markdown` (or a list of them) is text; ids, references, numbers, dates and choices are not.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from .. import model
from ..model.files import MARKDOWN_PATTERN, ONE_LINE_PATTERN, SAME_IN_EVERY_LANGUAGE
from .catalogue import message_pattern, say
from .problems import Problem, as_text, describe, did_you_mean, kind_of, known
from .yaml_source import Document, Path

TRANSLATIONS_DIR = "translations"
_TEXT_PATTERNS = {ONE_LINE_PATTERN, MARKDOWN_PATTERN}
SAME_WORDS = 4  # a text this long, word for word the original's, is counted as not translated yet


def folder(language: str) -> str:
    """Where the translation into `language` lives, relative to the course folder."""
    return f"{TRANSLATIONS_DIR}/{language}"


# --- which values are text ---------------------------------------------------------------


def text_paths(schema: type[BaseModel], data: Any) -> set[Path]:
    """The places in `data` (a file of kind `schema`, as read) that hold text to translate."""
    found: set[Path] = set()
    _walk(schema, data, (), found)
    return found


def _is_text(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        base, *meta = get_args(annotation)
        kept = any(m is SAME_IN_EVERY_LANGUAGE for m in meta)
        return base is str and not kept and any(isinstance(m, StringConstraints) and m.pattern in _TEXT_PATTERNS for m in meta)
    return False


def _field_type(info: FieldInfo) -> Any:
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _walk(annotation: Any, data: Any, loc: Path, found: set[Path]) -> None:
    if _is_text(annotation):
        if isinstance(data, str):
            found.add(loc)
        return
    origin = get_origin(annotation)
    if origin is Annotated:
        _walk(get_args(annotation)[0], data, loc, found)
    elif origin in (Union, types.UnionType):
        choices = [a for a in get_args(annotation) if a is not type(None)]
        models = [a for a in choices if isinstance(a, type) and issubclass(a, BaseModel)]
        if isinstance(data, dict) and models:
            picked = next((m for m in models if _matches(m, data)), None)
            if picked is not None:
                _walk(picked, data, loc, found)
        else:
            for choice in choices:
                _walk(choice, data, loc, found)
    elif origin is list and isinstance(data, list):
        (item,) = get_args(annotation)
        for i, value in enumerate(data):
            _walk(item, value, (*loc, i), found)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(data, dict):
        for name, info in annotation.model_fields.items():
            key = info.alias or name
            if key in data:
                _walk(_field_type(info), data[key], (*loc, key), found)


def _matches(candidate: type[BaseModel], data: dict[str, Any]) -> bool:
    """Whether `data` is of this member of a union: every `Literal` field (the discriminator) agrees."""
    for name, info in candidate.model_fields.items():
        if get_origin(info.annotation) is Literal and data.get(info.alias or name) not in get_args(info.annotation):
            return False
    return True


# --- laying a translation over its original ------------------------------------------------


@dataclass
class Laid:
    """An original file with its translation laid over it."""

    doc: Document  # the original's path and places; `elsewhere` says where each translated text stands
    untranslated: list[Path] = field(default_factory=list)  # text places the translation leaves out, in file order


def lay(original: Document, translation: Document | None, schema: type[BaseModel], language: str) -> tuple[Laid, list[Problem]]:
    """The original's data with the translation's text in it, and every problem of the translation."""
    texts = text_paths(schema, original.data)
    merged = Document(original.path, original.data, original.values, original.keys)
    problems: list[Problem] = []
    missing = sorted(texts, key=original.where)
    if translation is not None:
        layer = _Layer(original, translation, texts, language)
        data = translation.data
        if schema is model.CourseFile and isinstance(data, dict) and data.get("language") == language:
            data = {k: v for k, v in data.items() if k != "language"}  # the translation's own language, said again
        merged.data = layer.merge(original.data, data, (), ())
        merged.elsewhere = layer.elsewhere
        problems, missing = layer.problems, sorted(texts - layer.done, key=original.where)
    if schema is model.CourseFile and isinstance(merged.data, dict):
        merged.data = {**merged.data, "language": language}  # the course, in the translation's language
    return Laid(merged, missing), problems


class _Layer:
    def __init__(self, original: Document, translation: Document, texts: set[Path], language: str):
        self.original, self.translation, self.texts, self.language = original, translation, texts, language
        self.problems: list[Problem] = []
        self.done: set[Path] = set()
        self.elsewhere: dict[Path, tuple[str, int, int]] = {}

    def problem(self, at: Path, message: str, hint: str, *, key: bool = False) -> None:
        self.problems.append(self.translation.problem(at, message, hint, key=key))

    def merge(self, original: Any, given: Any, loc: Path, at: Path) -> Any:
        """`original` with `given` (from the translation, at `at` in it) laid over it; `loc` is the place in the original."""
        if isinstance(original, dict):
            return self._mapping(original, given, loc, at)
        if isinstance(original, list):
            return self._list(original, given, loc, at)
        if loc in self.texts:
            if not isinstance(given, str):
                self.problem(at, say("translation-shape", place=describe(loc), found=kind_of(given), expected="text"), "write the translated text here, or leave the key out")
                return original
            # A copy of the original is the quickest start (the guide says so): a sentence still in
            # the original's words is not translated yet. Short texts (a name, "OK") may well be the same.
            if given != original or len(original.split()) < SAME_WORDS:
                self.done.add(loc)
            self.elsewhere[loc] = (self.translation.path, *self.translation.where(at))
            return given
        if given != original:
            shown = original if isinstance(original, str | int | float) and not isinstance(original, bool) else repr(original).lower()
            self.problem(at, say("translation-not-text", place=describe(loc)), f"keep `{shown}` as in the original, or leave `{_key_of(loc)}` out of the translation")
        return original

    def _mapping(self, original: dict[str, Any], given: Any, loc: Path, at: Path) -> Any:
        if not isinstance(given, dict):
            self.problem(at, say("translation-shape", place=describe(loc), found=kind_of(given), expected=kind_of(original)), "give this the same shape as in the original, with its text translated")
            return original
        out = dict(original)
        for key, value in given.items():
            if key not in original:
                self.problem((*at, key), say("translation-extra-key", key=key, original=self.original.path), _extra_hint(key, original, value), key=True)
                continue
            out[key] = self.merge(original[key], value, (*loc, key), (*at, key))
        return out

    def _list(self, original: list[Any], given: Any, loc: Path, at: Path) -> Any:
        if not isinstance(given, list):
            self.problem(at, say("translation-shape", place=describe(loc), found=kind_of(given), expected="a list"), "give this the same shape as in the original, with its text translated")
            return original
        out = list(original)
        by_id = {item["id"]: i for i, item in enumerate(original) if isinstance(item, dict) and isinstance(item.get("id"), str)}
        if by_id and len(by_id) == len(original):
            # Items with ids are matched by id, so a translation may leave some out or take them in any order.
            for j, item in enumerate(given):
                item_id = item.get("id") if isinstance(item, dict) else None
                if not isinstance(item_id, str):
                    self.problem((*at, j), say("translation-needs-id", list=describe(loc)), f"add the `id` of the item it translates ({known(by_id)})")
                elif item_id not in by_id:
                    self.problem((*at, j, "id"), say("translation-unknown-id", id=item_id, list=describe(loc), original=self.original.path), did_you_mean(item_id, by_id))
                else:
                    i = by_id[item_id]
                    out[i] = self.merge(original[i], item, (*loc, i), (*at, j))
            return out
        for j, item in enumerate(given):
            if j >= len(original):
                self.problem((*at, j), say("translation-extra-item", list=describe(loc), count=f"{len(original)} item{'s' if len(original) != 1 else ''}"), "a translation cannot add items: remove this one, or add it to the original first")
                break
            out[j] = self.merge(original[j], item, (*loc, j), (*at, j))
        return out


def _extra_hint(key: str, original: dict[str, Any], value: Any) -> str:
    close = did_you_mean(key, original)
    if close.startswith("did you mean"):
        return close
    if not isinstance(value, str):
        # `right: true` on another option, say: what is not text is the original's to decide.
        return f"`{key}` is not text: only the original may set it; remove it here"
    return "a translation holds only the text its original has: add the text to the original first, or remove it here"


def _key_of(loc: Path) -> str:
    """The key a place in a file is under (`minutes`; `modules` for `modules[0]`)."""
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), "it")


def summarized(problems: list[Problem]) -> list[str]:
    """Problems as `as_text` lines, with the untranslated-text warnings of each language said in
    one line: a course half translated has one per file, which would bury everything else in a
    build's log (`course validate` lists each)."""
    untranslated = message_pattern("untranslated")
    files: dict[str, int] = {}
    lines = []
    for problem in problems:
        found = untranslated.fullmatch(problem.message)
        if found:
            files[found.group("language")] = files.get(found.group("language"), 0) + 1
        else:
            lines.append(as_text(problem))
    for language, n in files.items():
        lines.append(f"{n} file{'s' if n != 1 else ''} with text not yet translated into {language} (`course validate` lists each)")
    return lines
