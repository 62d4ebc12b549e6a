"""Problems found in an author's files, and how they are reported.

Validation never stops at the first problem: every check appends `Problem`s to a
list and the caller raises `CourseError` once, with all of them, so an author
fixes a whole batch per build instead of one per build.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..model import ID_PATTERN

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the course root, '/'-separated
    line: int  # 1-based
    column: int  # 1-based
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class CourseError(Exception):
    """The course has problems; `problems` lists every one, sorted by file and line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        files = len({p.path for p in errors})
        head = f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files} file{'s' if files != 1 else ''}:"
        # The same form as `course validate`: path:line:col: severity: message, then the hint.
        return "\n".join([head, *map(as_text, self.problems)])


def describe(path: tuple[object, ...]) -> str:
    """`sections[2].body`: a place in a file, named the way an author reads the YAML."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


_KINDS = {str: "text", int: "a whole number", float: "a number", bool: "true or false", type(None): "nothing", dict: "a mapping of keys", list: "a list"}


def kind_of(value: object) -> str:
    """What the author wrote, in words: `a whole number`, `a list`, `nothing`."""
    return _KINDS.get(type(value), type(value).__name__)


def did_you_mean(word: str, choices: Iterable[str], *, limit: int = 12) -> str:
    """A hint naming the closest choice if there is one, else the known choices."""
    choices = sorted(set(choices))
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return known(choices, limit=limit)


def known(choices: Iterable[str], *, limit: int = 12) -> str:
    choices = sorted(set(choices))
    if not choices:
        return "there are none yet"
    shown = ", ".join(f"`{c}`" for c in choices[:limit])
    more = f" and {len(choices) - limit} more" if len(choices) > limit else ""
    return f"known: {shown}{more}"


# --- reporting problems to people and tools -----------------------------------------
# One function per output format of `course validate`; each takes a Problem
# whose `path` is already the one to show (relative to where the author runs it).


def as_text(problem: Problem) -> str:
    """`path:line:col: severity: message`, and the hint indented under it: what editors link."""
    text = f"{problem.path}:{problem.line}:{problem.column}: {problem.severity}: {problem.message}"
    if problem.hint:
        text += f"\n    hint: {problem.hint}"
    return text


def as_json(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity,
        "message": problem.message,
        "hint": problem.hint,
    }


def as_github(problem: Problem) -> str:
    """A GitHub Actions workflow command: the problem shows on the line in the pull request.

    GitHub reads `%`, CR and LF as escapes in the message, and also `:` and `,`
    in the properties; unescaped, a message with a newline would be cut short.
    """

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    message = problem.message + (f"\nhint: {problem.hint}" if problem.hint else "")
    return f"::{problem.severity} file={prop(problem.path)},line={problem.line},col={problem.column}::{data(message)}"


def match_hint(name: str, item_id: str, what: str, renamed: str) -> str:
    """How to make an id and its file or folder name agree. A name that is no valid id (`Basics`) is
    never offered as the id: the fix is then to rename the file or folder."""
    if re.fullmatch(ID_PATTERN, name):
        return f"set `id: {name}`, or rename the {what} to `{renamed}`"
    return f"rename the {what} to `{renamed}`: `{name}` cannot be an id (lowercase letters, digits and single hyphens)"
