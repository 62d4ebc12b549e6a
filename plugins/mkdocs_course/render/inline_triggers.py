"""Python-Markdown's inline pass, without trying patterns that cannot match.

Python-Markdown tries each of its inline patterns (links, emphasis, code, entities...) on every
text of a page, one regular expression after another: at a thousand lessons, about a quarter of
the build's Markdown time, for texts most of which hold no markup at all. Each of its own
patterns can match only where a certain character is: a link needs `[`, emphasis `*` or `_`, an
entity `&`. This extension replaces the inline pass with one that skips a pattern when the text
holds none of what it needs, and changes nothing else: the HTML is the same, byte for byte
(tests/render/test_inline_triggers.py converts with and without it).

Only patterns known here are skipped, and only when they are Python-Markdown's own (the same
class and expression as a plain `Markdown()` registers under that name): a pattern an extension
adds or replaces is always tried, as Python-Markdown would. The override reaches a private
method of `InlineProcessor`; if a later Python-Markdown has no such method, nothing is replaced.
"""

from __future__ import annotations

from typing import Any

import markdown
from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

# What each of Python-Markdown's own patterns needs in a text to match there (any one of them).
NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),
    "strong": ("*", "_"),
    "emphasis": ("*", "_"),
    "emphasis2": ("_",),
}

ENABLED = True  # tests turn it off to compare


def _own_patterns() -> dict[str, tuple[type, str]]:
    """Python-Markdown's own patterns as a plain `Markdown()` registers them: class and expression."""
    md = markdown.Markdown()
    return {name: (type(md.inlinePatterns[name]), md.inlinePatterns[name].pattern) for name in NEEDS if name in md.inlinePatterns}


_OWN = _own_patterns()
_PRIVATE = hasattr(InlineProcessor, "_InlineProcessor__handleInline") and hasattr(InlineProcessor, "_InlineProcessor__applyPattern")


class _TriggeredInline(InlineProcessor):
    needs: list[tuple[str, ...] | None] = []

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        # The patterns as registered when the page is converted (extensions register theirs first).
        patterns = list(self.inlinePatterns)  # sorted by priority, as the pass indexes them
        names = [item.name for item in self.inlinePatterns._priority]
        self.needs = [self._needs(name, pattern) for name, pattern in zip(names, patterns)]
        return super().run(tree, ancestors)

    @staticmethod
    def _needs(name: str, pattern: Any) -> tuple[str, ...] | None:
        own = _OWN.get(name)
        if own is None or type(pattern) is not own[0] or getattr(pattern, "pattern", None) != own[1]:
            return None  # not Python-Markdown's own: always tried
        return NEEDS[name]

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802 (the name it overrides)
        # InlineProcessor.__handleInline, but a pattern whose needs the text lacks is passed over as
        # if it had not matched (which also starts the next pattern at index 0, as a miss does).
        if isinstance(data, util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        patterns, needs = self.inlinePatterns, self.needs
        start = 0
        count = len(patterns)
        while patternIndex < count:
            need = needs[patternIndex] if patternIndex < len(needs) else None
            if need is not None and not any(n in data for n in need):
                patternIndex += 1
                start = 0
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


# How a site's `markdown_extensions` names it (the plugin adds it in on_config): a name, not an
# object, so the page cache's stamp of the settings stays the same from one build to the next.
NAME = __name__


def makeExtension(**kwargs: Any) -> InlineTriggers:  # noqa: N802 (the name Python-Markdown looks for)
    return InlineTriggers(**kwargs)


class InlineTriggers(Extension):
    """The inline pass that passes over patterns a text cannot match."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        if not (ENABLED and _PRIVATE) or "inline" not in md.treeprocessors:
            return
        current = md.treeprocessors["inline"]
        if type(current) is not InlineProcessor:
            return  # another extension replaced it: leave theirs
        priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
        md.treeprocessors.register(_TriggeredInline(md), "inline", priority)
