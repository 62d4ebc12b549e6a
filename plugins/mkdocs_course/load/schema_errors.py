"""Pydantic's validation errors, told in an author's words at the right line.

Pydantic names each error by a type (`extra_forbidden`, `string_too_long`, ...)
and a location in its own terms. This module maps the location back onto the
author's data (`_field_path`), drops the echoes (a misspelt key is also a
missing one; a union reports every member it tried), and turns each error into
a `Problem` with the catalogue's message and a hint that fits the value: one
function per kind of error, found through `_SAY`.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import model
from .catalogue import say
from .problems import Problem, describe, did_you_mean, kind_of
from .yaml_source import Document


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
        error = _Error(doc, err["type"], path, owner, _value_at(doc.data, path), err.get("ctx") or {}, err["msg"])
        yield _SAY.get(error.type, _other)(error)


@dataclass(frozen=True)
class _Error:
    """One pydantic error, placed in the author's data."""

    doc: Document
    type: str  # pydantic's name for the kind of error
    path: tuple[Any, ...]
    owner: type[BaseModel] | None  # the model that holds the key at the end of `path`
    value: Any  # what the author wrote there
    ctx: dict[str, Any]
    msg: str  # pydantic's own words, for errors we have none for

    @property
    def name(self) -> str:
        return describe(self.path)

    def report(self, message: str, hint: str | None, *, at: tuple[Any, ...] | None = None, key: bool = False) -> Problem:
        return self.doc.problem(self.path if at is None else at, message, hint, key=key)


def _unknown_key(e: _Error) -> Problem:
    key = e.path[-1]
    if e.value in (None, "") and " " in str(key):
        # `{text: Ask, response: A short, dated ask}`: in braces a comma ends the value, and
        # the rest of the sentence becomes a key with no value. Names of keys hold no spaces.
        hint = "inside `{ }` a comma ends a value, so YAML read the rest of the text as a key: put the whole text in double quotes"
        return e.report(say("unknown-key", key=key), hint, key=True)
    return e.report(say("unknown-key", key=key), did_you_mean(str(key), list(e.owner.model_fields) if e.owner else []), key=True)


def _missing(e: _Error) -> Problem:
    key, where = e.path[-1], e.path[:-1]
    field = e.owner.model_fields.get(key) if e.owner else None
    hint = f"add `{key}:` ({field.description})" if field and field.description else f"add `{key}:`"
    return e.report(say("missing-key", key=key, in_place=f" in {describe(where)}" if where else ""), hint, at=where)


# What a value of each type is called in a message; the rest are mappings of keys.
_WANTED = {"string_type": "text", "int_type": "a whole number", "float_type": "a number", "bool_type": "true or false", "list_type": "a list", "date_type": "a date (YYYY-MM-DD)"}
_MAPPINGS = ("model_type", "dict_type", "model_attributes_type")


def _wrong_type(e: _Error) -> Problem:
    shown = f" (`{e.value}`)" if isinstance(e.value, (int, float, bool)) else ""
    return e.report(say("wrong-type", place=e.name, kind=_WANTED.get(e.type, "a mapping of keys"), what_it_is=kind_of(e.value), value=shown), _type_hint(e.type, e.value))


def _pattern(e: _Error) -> Problem:
    """A text that does not match its pattern, named by the pattern's purpose."""
    pattern = e.ctx.get("pattern")
    if pattern == model.ID_PATTERN:
        if not str(e.value).strip():
            return e.report(say("bad-id", place=e.name, value=e.value), "the value is empty: write the id after the colon (lowercase letters, digits and single hyphens)")
        return e.report(say("bad-id", place=e.name, value=e.value), f"use lowercase letters, digits and single hyphens, for example `{model.slug(str(e.value))}`")
    if pattern in (model.ONE_LINE_PATTERN, model.MARKDOWN_PATTERN) and isinstance(e.value, str):
        return _control(e, one_line=pattern == model.ONE_LINE_PATTERN)
    if e.path[-1:] == ("language",) or e.path[:1] == ("translations",):
        return e.report(say("bad-language", value=e.value), "use a BCP 47 tag such as `en`, `en-GB`, `fr` or `pt-BR`")
    return _other(e)


def _control(e: _Error, *, one_line: bool) -> Problem:
    """A line break in one-line text, or a control character in any text, named by what it is."""
    breaks = "\n\r\u2028\u2029\x85"
    bad = next(c for c in e.value if (one_line or c not in "\n\t") and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029"))
    if one_line and bad in breaks:
        return e.report(say("line-break", place=e.name), "join the lines into one, and write the text right after the key, without `|` or `>`")
    return e.report(say("control-character", place=e.name, code=f"{ord(bad):04X}"), "delete it: it is invisible, and usually comes with text copied from elsewhere")


def _empty(e: _Error) -> Problem:
    return e.report(say("empty-text", place=e.name), "write the text, or remove the key if it is optional")


def _too_long_text(e: _Error) -> Problem:
    return e.report(say("too-long", place=e.name, length=len(e.value or ""), limit=e.ctx.get("max_length")), "shorten it; long teaching text belongs in a section body")


def _too_few(e: _Error) -> Problem:
    n = e.ctx.get("min_length", 1)
    return e.report(say("too-few", place=e.name, n=n, s="s" if n != 1 else ""), "add an item on a new line starting with `- `")


def _too_many(e: _Error) -> Problem:
    return e.report(say("too-many", place=e.name, n=e.ctx.get("actual_length"), limit=e.ctx.get("max_length")), "split it, or keep only the most useful items")


def _out_of_range(e: _Error) -> Problem:
    low, high = _bounds(e.owner, e.path[-1] if e.path else None)
    return e.report(say("out-of-range", place=e.name, value=e.value, low=low, high=high), None)


def _is_check(e: _Error) -> bool:
    """Whether a union's tag is a check's `kind` (else a worksheet field's `type`)."""
    return "kind" in str(e.ctx.get("discriminator", ""))


def _unknown_tag(e: _Error) -> Problem:
    tag = e.ctx.get("tag")
    if _is_check(e):
        return e.report(say("unknown-check-kind", kind=tag), did_you_mean(str(tag), model.CHECK_KINDS), at=(*e.path, "kind"))
    return e.report(say("unknown-field-type", type=tag), did_you_mean(str(tag), model.FIELD_TYPES), at=(*e.path, "type"))


def _no_tag(e: _Error) -> Problem:
    if _is_check(e):
        return e.report(say("no-check-kind", place=e.name), "add `kind:`, one of " + ", ".join(f"`{t}`" for t in model.CHECK_KINDS))
    return e.report(say("no-field-type", place=e.name), "add `type:`, one of " + ", ".join(f"`{t}`" for t in model.FIELD_TYPES))


def _other(e: _Error) -> Problem:
    return e.report(say("other-schema", place=e.name, description=e.msg), None)


_SAY: dict[str, Callable[[_Error], Problem]] = {
    "extra_forbidden": _unknown_key,
    "missing": _missing,
    **{kind: _wrong_type for kind in (*_WANTED, *_MAPPINGS)},
    "string_pattern_mismatch": _pattern,
    "string_too_short": _empty,
    "string_too_long": _too_long_text,
    "too_short": _too_few,
    "too_long": _too_many,
    **{kind: _out_of_range for kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than")},
    "union_tag_invalid": _unknown_tag,
    "union_tag_not_found": _no_tag,
}


# --- where an error is, in the author's data -----------------------------------------


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
    """The tag a model of a union answers to: a worksheet field's `type`, a check's `kind`."""
    field = m.model_fields.get("type") or m.model_fields.get("kind")
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



# --- hints that fit the value ---------------------------------------------------------


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
        # Three slips look alike to pydantic: a quoted number, a number with its unit, a word.
        number = re.match(r"\s*(\d+)", value)
        if number and not value.strip()[len(number.group(1)):].strip():
            return "write the number without quotes"
        if number:
            return f"write the number alone, without a unit: `{number.group(1)}`"
        return "write a whole number, such as `10`"
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


