"""Setting our own HTML blocks aside while a Markdown engine converts a page.

A course page is Markdown with many blocks of HTML the templates wrote
(worksheet forms, routine checklists, print layouts). Python-Markdown passes
such blocks through unchanged, but only after running them through its HTML
parser, and MkDocs parses them once more looking for anchors: at 1,000 lessons
that is a third of the build (bench/RESULTS.md). The HTML is ours and final,
so the plugin swaps each block for a placeholder paragraph before MkDocs sees
the page and puts the block back into the converted HTML.

Only blocks that any Markdown engine would pass through unchanged are set
aside: a blank-line-separated chunk that starts with a block-level tag at the
start of a line and ends with that tag's closing tag, outside fenced code.
Anything less certain is left in the text, which is always correct, only slower.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# Block-level tags our templates open HTML blocks with (a subset of Python-Markdown's list).
_BLOCK_TAGS = ("div", "form", "fieldset", "nav", "p", "table", "ul", "ol", "section", "details", "figure", "aside", "dl")
_OPENING = re.compile(r"<(" + "|".join(_BLOCK_TAGS) + r")[\s>]")
_FENCE_LINE = re.compile(r"^[ \t]*(```|~~~)", re.M)
_CHUNKS = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class SetAside:
    """A page's Markdown with its HTML blocks replaced by placeholders, and the blocks by placeholder."""

    markdown: str
    blocks: dict[str, str]

    def restore(self, html: str) -> str:
        """The converted page with every block back where its placeholder paragraph is."""
        if not self.blocks:
            return html
        return _PLACEHOLDER_PARAGRAPH.sub(lambda m: self.blocks.get(m.group(1), m.group(0)), html)

    def source(self) -> str:
        """The Markdown the blocks were set aside from (`set_aside` undone), so a cache need not keep both."""
        if not self.blocks:
            return self.markdown
        return _PLACEHOLDER.sub(lambda m: self.blocks.get(m.group(0), m.group(0)), self.markdown)


# A placeholder inside an HTML block of the page's own stays bare text; elsewhere it became a paragraph.
_PLACEHOLDER_PARAGRAPH = re.compile(r"(?:<p>)?(course-html-[0-9a-f]{16}-\d+)(?:</p>)?")
_PLACEHOLDER = re.compile(r"course-html-[0-9a-f]{16}-\d+")


def set_aside(markdown: str) -> SetAside:
    """Replace each HTML block that is safe to move (see the module's docstring) with a placeholder line.

    A placeholder is a plain word, so every engine makes it a paragraph of its
    own. It carries a digest of the page's text, so text an author typed can
    match one only by knowing the page's final text in advance.
    """
    stamp = hashlib.sha256(markdown.encode("utf-8")).hexdigest()[:16]
    blocks: dict[str, str] = {}
    out: list[str] = []
    in_fence = False
    pos = 0
    for separator in [*_CHUNKS.finditer(markdown), None]:
        end = separator.start() if separator else len(markdown)
        chunk = markdown[pos:end]
        fences = len(_FENCE_LINE.findall(chunk))
        if not in_fence and not fences and _movable(chunk):
            key = f"course-html-{stamp}-{len(blocks)}"
            blocks[key] = body = chunk.rstrip()
            out.append(key + chunk[len(body) :])
        else:
            out.append(chunk)
        in_fence ^= fences % 2 == 1
        if separator:
            out.append(separator.group(0))
            pos = separator.end()
    return SetAside("".join(out), blocks)


def _movable(chunk: str) -> bool:
    """The chunk is one element, opened on its first character and closed on its last."""
    match = _OPENING.match(chunk)
    if match is None or "markdown=" in chunk.split("\n", 1)[0]:  # md_in_html would convert its contents
        return False
    tag = match.group(1)
    text = chunk.rstrip()
    if not text.endswith(f"</{tag}>"):
        return False
    # Text after the element closes would be Markdown to the engine, not part of the block.
    return element_end(text, tag) == len(text)


def element_end(html: str, tag: str, start: int = 0) -> int | None:
    """Where the `tag` element opened at `start` ends (just after its end tag), nested ones counted; None if it never does."""
    depth = 0
    for edge in re.finditer(rf"<(/?){tag}\b[^>]*>", html[start:]):
        depth += -1 if edge.group(1) else 1
        if depth == 0:
            return start + edge.end()
    return None
