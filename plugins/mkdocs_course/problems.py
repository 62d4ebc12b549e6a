"""Problems found in an author's files, and how they are reported.

Validation never stops at the first problem: every check appends `Problem`s to a
list and the caller raises `CourseError` once, with all of them, so an author
fixes a whole batch per build instead of one per build.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

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
        return "\n".join([head, *map(str, self.problems)])


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
