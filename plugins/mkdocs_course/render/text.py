"""Author text made safe for a page: Markdown with raw HTML and unsafe links neutralised,
and one-line text escaped. The rendered HTML is checked again by `sanitize.py`."""

from __future__ import annotations

import functools
import html
import re
from typing import Any

from markupsafe import Markup, escape

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# A link's destination, inline `](dest` or in a reference definition `[id]: dest`
# (with one level of parentheses, as Markdown allows), is checked as the browser will
# read it: entities decoded (`java&#115;cript:`), and the tabs, newlines and spaces it
# drops from a URL removed.
_LINK_DEST = re.compile(r"(\]\(\s*|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*)((?:[^\s()]|\([^\s()]*\))+)", re.M)
_UNSAFE_SCHEME = re.compile(r"^<?(?:javascript|vbscript|data):", re.I)
_SNIPPET = re.compile(r"-{1,}8<-{1,}")


def _neutralise_link(match: re.Match[str]) -> str:
    seen = re.sub(r"[\x00-\x20]", "", html.unescape(match.group(2)))
    return match.group(1) + "#unsafe-link-removed" if _UNSAFE_SCHEME.match(seen) else match.group(0)


# Both are pure functions of the text, and a course's pages ask for the same texts again and again
# (a lesson's title on its page, its neighbours', its module's, the nav's...): 76,000 calls for
# 1,000 lessons' pages, a third of rendering them. Kept per process; a Markup is immutable.
@functools.lru_cache(maxsize=1 << 14)
def safe_markdown(text: str) -> Markup:
    """Author Markdown with raw HTML neutralised.

    Course text is Markdown, never HTML: a `<script>` or `<img onerror=...>` in a
    lesson must show as text, not run in a learner's browser where their private
    answers live. Code spans and fences are left alone because Markdown already
    shows their contents literally.
    """
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\0{len(kept) - 1}\0"

    text = _FENCE.sub(keep, text)
    text = _CODE_SPAN.sub(keep, text)
    text = _TAG_START.sub("&lt;", text)
    # pymdownx.snippets reads a file of the build machine into the page at `--8<--`.
    text = _SNIPPET.sub("--8&lt;--", text)
    text = _LINK_DEST.sub(_neutralise_link, text)
    text = re.sub(r"\0(\d+)\0", lambda m: kept[int(m.group(1))], text)
    return Markup(text)


def plain_text(text: Any) -> Markup:
    """One line of author text for HTML or Markdown: escaped, kept on one line, and never
    a link. Markdown still reads `[x](javascript:...)` in escaped text, and a line break
    would let the rest start a heading, a list or a link definition; brackets become
    character references, which read as `[` and `]` in HTML and in Markdown alike."""
    return _plain_text(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _plain_text(text: str) -> Markup:
    one_line = re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", text)
    return Markup(str(escape(one_line)).replace("[", "&#91;").replace("]", "&#93;"))
