"""Reading one YAML file into plain data, with the position of every value.

Why not `yaml.safe_load`: it forgets where each value came from, so errors could
not name a line; it expands aliases (an alias bomb is tiny on disk and huge in
memory); and it keeps the last of two duplicate keys without a word. Here the C
parser builds a node tree (decision D3), we walk it once, and the walk rejects
what we do not allow (decision D4) while recording a line and column for every
key and value.

Scalars are resolved by YAML 1.2's core schema rather than PyYAML's YAML 1.1
rules, so `no`, `on` and `Norway: NO` stay text and `1:20` is not 80. Authors
writing prose in YAML hit the 1.1 rules constantly; the 1.2 rules only turn
`true`, `false`, `null`, numbers and ISO dates into non-text.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from .catalogue import say
from .problems import Problem

Path = tuple[Any, ...]  # keys and list indexes from the document root


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core schema for plain scalars, plus ISO dates."""


_Resolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN\0"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
]:
    _Resolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    pass


# The C loader asks the Python resolver for tags, so swapping the resolver's
# table is enough; parsing itself stays in C.
_Loader.yaml_implicit_resolvers = _Resolver.yaml_implicit_resolvers

_CONSTRUCT = yaml.constructor.SafeConstructor()
SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
MAX_DEPTH = 64
MAX_BYTES = 2_000_000  # a lesson is a few KB; anything this big is a mistake


# Line breaks to YAML 1.1 (and PyYAML) but not to editors: NEL, LINE SEPARATOR and
# PARAGRAPH SEPARATOR, which text pasted from word processors can hold.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class _Places:
    """Line and column of a parser mark, counted as an editor counts them.

    PyYAML starts a new line at NEL, LS and PS too; in a file that holds one, every
    later position would be off from what the author's editor shows. Such files are
    counted from the mark's character index instead.
    """

    def __init__(self, text: str):
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))] if _ODD_BREAKS.search(text) else None

    def __call__(self, mark: Any) -> tuple[int, int]:
        if self.starts is None:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_right(self.starts, mark.index) - 1
        return line + 1, mark.index - self.starts[line] + 1


@dataclass
class Document:
    """One YAML file: its data, and where each value and key stands in the file."""

    path: str
    data: Any = None
    values: MutableMapping[Path, tuple[int, int]] = field(default_factory=dict)
    keys: MutableMapping[Path, tuple[int, int]] = field(default_factory=dict)
    # Values that came from another file (a translation's text, load/translation.py): that
    # file and the place in it, so a problem with the text points where it was written.
    elsewhere: dict[Path, tuple[str, int, int]] = field(default_factory=dict)
    # Plain (unquoted) texts that run over more than one line, as the parser marks them (first
    # line, its column, last line; from 0): where lint looks for a list item YAML folded into the
    # text above (lint._merged_items), without parsing the file a second time.
    folded: list[tuple[int, int, int]] = field(default_factory=list)

    def where(self, loc: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            table = self.keys if key and loc in self.keys else self.values
            if loc in table:
                return table[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def problem(self, loc: Path, message: str, hint: str | None = None, *, key: bool = False) -> Problem:
        if tuple(loc) in self.elsewhere:
            return Problem(*self.elsewhere[tuple(loc)], message, hint)
        line, column = self.where(loc, key=key)
        return Problem(self.path, line, column, message, hint)


# --- a parsed document kept between builds (the page cache of a plain `mkdocs build`) ----------


def to_json(doc: Document) -> dict[str, Any] | None:
    """`doc` as JSON data, or None when JSON would not give it back the same: a date, a time or
    a float that is not a number (cohort files, mostly) are parsed again each build. Its places
    are one JSON text of their own (`places`), read only if a problem asks (`from_json`)."""
    if doc.elsewhere or not _json_native(doc.data):
        return None
    places = [[[list(loc), *at] for loc, at in table.items()] for table in (doc.values, doc.keys)]
    return {"data": doc.data, "places": json.dumps(places, ensure_ascii=False), "folded": [list(span) for span in doc.folded]}


def from_json(path: str, kept: Any) -> Document | None:
    """The document `to_json` kept (its places' text as a string or UTF-8 bytes), or None if
    `kept` is not one (a cache is never trusted).

    Its places are read only when something asks where a value stands: a build of an unchanged
    course never does, and reading them took half of loading the course from the cache (0.2 s at
    a thousand lessons). Places that turn out not to be places give none: every problem is then
    said at line 1, column 1, never a crash."""
    if not isinstance(kept, dict) or "data" not in kept or not isinstance(kept.get("places"), (str, bytes)):
        return None
    folded = kept.get("folded")
    if not isinstance(folded, list) or not all(isinstance(span, list) and len(span) == 3 and all(type(n) is int for n in span) for span in folded):
        return None
    listed = _Listed(kept["places"])
    # the schemas check the data
    return Document(path, kept["data"], _KeptPlaces(listed, 0), _KeptPlaces(listed, 1), folded=[(a, b, c) for a, b, c in folded])


class _Listed:
    """The places' JSON text, read once, on first use by either table."""

    def __init__(self, text: str | bytes):
        self.text: str | bytes | None = text
        self.tables: list[Any] = [[], []]

    def table(self, which: int) -> list[Any]:
        if self.text is not None:
            text, self.text = self.text, None
            try:
                tables = json.loads(text)
            except ValueError:
                tables = None
            if isinstance(tables, list) and len(tables) == 2 and all(isinstance(x, list) for x in tables):
                self.tables = tables
        return self.tables[which]


class _KeptPlaces(MutableMapping[Path, tuple[int, int]]):
    """One table of a document's places (values or keys) as `to_json` listed them, made on first use."""

    def __init__(self, listed: _Listed, which: int):
        self._listed: _Listed | None = listed
        self._which = which
        self._table: dict[Path, tuple[int, int]] = {}

    def _filled(self) -> dict[Path, tuple[int, int]]:
        if self._listed is not None:
            listed, self._listed = self._listed.table(self._which), None
            try:
                self._table = {_loc(loc): _place(line, column) for loc, line, column in listed}
            except (TypeError, ValueError):
                self._table = {}
        return self._table

    def __getitem__(self, loc: Path) -> tuple[int, int]:
        return self._filled()[loc]

    def __contains__(self, loc: object) -> bool:
        return loc in self._filled()

    def __setitem__(self, loc: Path, place: tuple[int, int]) -> None:
        self._filled()[loc] = place

    def __delitem__(self, loc: Path) -> None:
        del self._filled()[loc]

    def __iter__(self) -> Iterator[Path]:
        return iter(self._filled())

    def __len__(self) -> int:
        return len(self._filled())


def _loc(loc: Any) -> Path:
    if not isinstance(loc, list) or not all(isinstance(x, str) or type(x) is int for x in loc):
        raise ValueError(loc)
    return tuple(loc)


def _place(line: Any, column: Any) -> tuple[int, int]:
    if type(line) is not int or type(column) is not int:
        raise ValueError((line, column))
    return line, column


def _json_native(value: Any) -> bool:
    stack = [value]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            if not all(isinstance(k, str) for k in x):
                return False
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, float):
            if x != x or x in (float("inf"), float("-inf")):
                return False
        elif not (x is None or isinstance(x, (str, int, bool))):
            return False
    return True


# For a file with nothing in it: blank, comments only, or `~` alone.
EMPTY_HINT = "write the file's keys, or delete the file"


def read(raw: bytes, path: str) -> tuple[Document, list[Problem]]:
    """Parse `raw` (the bytes of the file at `path`). Returns the document and every problem found."""
    doc = Document(path)
    if len(raw) > MAX_BYTES:
        return doc, [too_big_problem(path, len(raw))]
    if b"\0" in raw[:8192]:
        return doc, [Problem(path, 1, 1, say("binary"), "save it as plain UTF-8 text")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return doc, [Problem(path, line, column, say("not-utf8", byte=f"{raw[exc.start]:02x}"), "save the file with UTF-8 encoding")]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return doc, [Problem(path, 1, 1, say("empty"), EMPTY_HINT)]

    place = _Places(text)
    too_deep = _too_deep(text, place)
    if too_deep:
        return doc, [too_deep_problem(path, *too_deep)]

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = place(mark) if mark else (1, 1)
        problem = str(exc.problem or exc.context)
        if problem.startswith("but ") and exc.context:  # "expected X" + "but found Y" read as one sentence
            problem = f"{exc.context}, {problem}"
        message = say("yaml-syntax", found=problem)
        lines = _LINE_BREAK.split(text)
        at = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
        hint = "indent with spaces; YAML does not allow tabs" if at == "\t" else _syntax_hint(exc, lines, line)
        if (opened := _never_closed(exc)) is not None:
            # The parser stops where it gave up, lines below the cause: an author's trial read "9:9"
            # for a `[` left open on line 6. Point at what was opened, which is where the fix goes.
            (line, column), hint = place(exc.context_mark), opened
        if odd := _ODD_BREAKS.search(text):
            odd_line = len(_LINE_BREAK.findall(text, 0, odd.start())) + 1
            hint = f"line {odd_line} holds an invisible line break (U+{ord(odd.group()):04X}, often pasted from a word processor), which YAML reads as a new line: delete it"
        return doc, [Problem(path, line, column, message, hint)]
    except yaml.YAMLError as exc:
        return doc, [Problem(path, 1, 1, say("yaml-error", details=exc), None)]
    except RecursionError:
        return doc, [too_deep_problem(path, 1, 1)]
    finally:
        loader.dispose()

    problems: list[Problem] = []
    if node is None:
        problems.append(Problem(path, 1, 1, say("empty"), EMPTY_HINT))
        return doc, problems
    walk = _Walk(doc, problems, place)
    doc.data = walk.value(node, (), 0)
    if walk.list_aliases:
        _place_list_aliases(text, place, problems, walk)
    if doc.data is None and not problems:  # `~` or `null` alone: as good as empty
        line, column = doc.values.get((), (1, 1))
        problems.append(Problem(path, line, column, say("only-null"), EMPTY_HINT))
    return doc, problems


# What the parser was reading when it gave up, and how to close it.
_OPENED = (
    ("flow sequence", "the `[` here starts a list that is never closed: end it with `]` on this line, or write each item on a line of its own starting with `- `"),
    ("flow mapping", "the `{` here starts a mapping that is never closed: end it with `}` on this line, or write each key on a line of its own"),
    ("quoted scalar", "the quote here starts a text that is never closed: end it with the same quote, or write the text as a block with `|`"),
)


def _never_closed(exc: yaml.MarkedYAMLError) -> str | None:
    """The hint for a bracket or quote left open, when the parser noticed it on a later line."""
    opened, stopped = exc.context_mark, exc.problem_mark
    if opened is None or stopped is None or stopped.line <= opened.line:
        return None
    return next((hint for what, hint in _OPENED if what in str(exc.context or "")), None)


def _place_list_aliases(text: str, place: _Places, problems: list[Problem], walk: _Walk) -> None:
    """Move each list-item alias problem from its anchor's position to the alias's own.

    An alias is the anchored node handed out again, so the node tree only knows
    the anchor's position. The parser's events know each `*name`; the walk meets
    aliases in the order they are written, so the n-th alias met is the n-th
    alias event. If the counts differ (an alias used as a key, which the walk
    reports otherwise), the anchor's position stays: it is still near.
    """
    loader = _Loader(text)
    marks = []
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                marks.append(event.start_mark)
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()
    if len(marks) != walk.aliases:
        return
    for nth, index in walk.list_aliases:
        line, column = place(marks[nth])
        problems[index] = dataclasses.replace(problems[index], line=line, column=column)


def too_big_problem(path: str, size: int) -> Problem:
    return Problem(path, 1, 1, say("too-big", size=f"{size:,}", limit=f"{MAX_BYTES:,}"), "split it into smaller files")


def too_deep_problem(path: str, line: int, column: int) -> Problem:
    return Problem(path, line, column, say("too-deep", limit=MAX_DEPTH), "course files need only a few levels")


def _too_deep(text: str, place: _Places) -> tuple[int, int] | None:
    """Where nesting first passes MAX_DEPTH, found without building nodes.

    PyYAML's C composer recurses without a depth check and crashes the whole
    process somewhere past 10,000 levels. Every level needs one of `[{-:?`, so
    files with few of those (all real course files) skip this event pass.
    """
    if sum(text.count(c) for c in "[{-:?") <= 1000:
        return None
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return place(event.start_mark)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # reported with its position by the real parse
    finally:
        loader.dispose()
    return None


# `key: 'text'more`: a single-quoted value that goes on after its closing quote (an apostrophe ended it).
_ENDED_BY_APOSTROPHE = re.compile(r"^\s*(?:- )?[^\s:'\"][^:]*:\s+'[^']*'[^\s#]")


_KEY_LINE = re.compile(r"^(- )?([A-Za-z_][\w-]*):(\s|$)")


def _spaces(n: int) -> str:
    return f"{n} space{'' if n == 1 else 's'}"


def _in(n: int) -> str:
    """How far in a line starts, in words."""
    return f"{_spaces(n)} in" if n else "at the start of the line"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where the key of `line` starts: after its indentation, and after `- ` for a list item."""
    return _indent(line) + (2 if line.lstrip(" ").startswith("- ") else 0)


def _indentation_hint(problem: str, lines: list[str], number: int) -> str | None:
    """For the parser's indentation complaints, which columns should line up, in numbers."""
    if not 0 < number <= len(lines):
        return None
    here = lines[number - 1]
    above = [x for x in lines[: number - 1] if x.strip() and not x.lstrip().startswith("#")]
    if not above:
        return None
    before = above[-1]
    lost = any(x in problem for x in ("did not find expected key", "expected <block end>", "expected '-' indicator"))
    if lost and here.lstrip(" ").startswith("- "):
        item = next((x for x in reversed(above) if x.lstrip(" ").startswith("- ")), None)
        if item is not None and _indent(item) != _indent(here):
            return f"line the `- ` up with the `- ` of the item above ({_in(_indent(item))}; this one is {_in(_indent(here))})"
    key_above = _KEY_LINE.match(before.lstrip(" "))
    if "mapping values are not allowed" in problem and key_above and _KEY_LINE.match(here.lstrip(" ")) and _indent(here) > _key_column(before):
        # A key indented past the one above reads as more of the text of that key.
        return (f"this line is {_in(_indent(here))}, further than `{key_above.group(2)}:` above ({_in(_key_column(before))}), so YAML reads it "
                f"as more of that key's text: line it up with `{key_above.group(2)}:`")
    # A key out of line with its neighbours (one of a list item's keys, short of the first: the
    # parser then expects the next `- `, which is why that complaint lands here too).
    if lost and _KEY_LINE.match(here.lstrip(" ")):
        # The nearest key above in the column closest to this line's: the one it was meant to line up with.
        keys = [x for x in reversed(above) if _KEY_LINE.match(x.lstrip(" ")) and _key_column(x) != _indent(here)]
        sibling = min(keys, key=lambda x: abs(_key_column(x) - _indent(here)), default=None)
        if sibling is not None and abs(_key_column(sibling) - _indent(here)) <= 2:
            return f"line the key up with `{_KEY_LINE.match(sibling.lstrip(' ')).group(2)}:` above ({_in(_key_column(sibling))}; this one is {_in(_indent(here))})"
    return None


def _syntax_hint(exc: yaml.MarkedYAMLError, lines: list[str], number: int) -> str:
    """A hint for the parser's complaint that fits the mistake on line `number`, the line it points at."""
    problem = str(exc.problem or "")
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    if _ENDED_BY_APOSTROPHE.match(line):
        # Read first: the parser calls this an indentation problem ("did not find expected key").
        return "the text is in single quotes and holds an apostrophe, which ends it: write the apostrophe twice (`'It''s'`) or put the text in double quotes"
    if (columns := _indentation_hint(problem, lines, number)) is not None:
        return columns
    if "mapping values are not allowed" in problem:
        return "a value that contains `: ` must be quoted, or written as a block with `|`"
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces; YAML does not allow tabs"
    if "could not find expected ':'" in problem:
        return "each line of a mapping needs `key: value`; check the indentation of this line and the one before"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "check the indentation: items of one list or mapping must line up"
    if "another document" in problem:
        return "a course file holds one YAML document; remove the `---` line and what follows, or move it to its own file"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return "YAML aliases and complex keys are not allowed in course files"
    return "check quoting and indentation around this line"


class _Walk:
    """Turns the node tree into dicts, lists and scalars, recording positions."""

    def __init__(self, doc: Document, problems: list[Problem], place: _Places):
        self.doc = doc
        self.problems = problems
        self.place = place
        self.seen: set[int] = set()
        self.aliases = 0  # aliases met so far, in the order they are written
        self.list_aliases: list[tuple[int, int]] = []  # (n-th alias, index in problems) of aliases reported at their anchor

    def error(self, node: yaml.Node, message: str, hint: str | None) -> None:
        self.problems.append(Problem(self.doc.path, *self.place(node.start_mark), message, hint))

    def fold(self, node: yaml.ScalarNode) -> None:
        if node.style in ("", None) and node.end_mark.line != node.start_mark.line:
            self.doc.folded.append((node.start_mark.line, node.start_mark.column, node.end_mark.line))

    def value(self, node: yaml.Node, loc: Path, depth: int) -> Any:
        self.doc.values[loc] = self.place(node.start_mark)
        if depth > MAX_DEPTH:
            self.problems.append(too_deep_problem(self.doc.path, *self.doc.values[loc]))
            return None
        # An alias makes the composer hand out the same node object twice; that is
        # how we see it without parsing the file a second time.
        if id(node) in self.seen:
            self.list_aliases.append((self.aliases, len(self.problems)))
            self.aliases += 1
            self.error(node, say("alias-item"), "write the value out in full where it is used")
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            self.fold(node)
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != SEQ_TAG:
                self.error(node, say("tag", tag=node.tag), "remove the tag; course files use plain YAML")
                return None
            return [self.value(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        if node.tag != MAP_TAG:
            self.error(node, say("tag", tag=node.tag), "remove the tag; course files use plain YAML")
            return None
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in SCALAR_TAGS:
                self.error(key_node, say("complex-key"), "write the key as `name:`")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                self.error(key_node, say("merge-key"), "write the keys out in full")
                continue
            self.fold(key_node)
            key = key_node.value
            if id(value_node) in self.seen:
                self.aliases += 1
                self.error(key_node, say("alias-value", key=key), "write the value out in full where it is used")
                continue
            if key in result:
                first = self.doc.keys[(*loc, key)]
                self.error(key_node, say("duplicate-key", key=key, line=first[0]), "a key may appear once; remove or rename one of them")
                continue
            self.doc.keys[(*loc, key)] = self.place(key_node.start_mark)
            result[key] = self.value(value_node, (*loc, key), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in SCALAR_TAGS:
            self.error(node, say("tag", tag=node.tag), "remove the tag; course files use plain YAML values")
            return None
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        if node.tag == "tag:yaml.org,2002:int":
            # YAML 1.2: `012` is twelve, not octal ten.
            value = node.value
            base = 16 if value.startswith("0x") else 8 if value.startswith("0o") else 10
            return int(value[2:] if base != 10 else value, base)
        try:
            return _CONSTRUCT.yaml_constructors[node.tag](_CONSTRUCT, node)
        except (ValueError, yaml.YAMLError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.error(node, say("bad-date", value=node.value, reason=exc), "write a date that exists, as YYYY-MM-DD")
            else:
                self.error(node, say("unreadable-value", value=node.value, reason=exc), None)
            return None
