"""Search entries for a course page, cut from its HTML by headings, without an HTML parser.

A site search indexes each page as one entry per heading: the heading's
anchor, its title and the text under it. Material's search plugin finds these
with Python's HTMLParser, which at 1,000 lessons is a quarter of the build
(bench/RESULTS.md). Our pages' HTML is regular, made by our templates and by
Markdown, so regular expressions find the same headings and text far faster.
The entries follow Material's rules: the text before the first heading with
an id belongs to the page, headings keep their ids as anchors, the contents of
`script`, `style` and any element marked `data-search-exclude` are left out
(the print-only copies of worksheet fields are marked so), and a few tags
that shape the text (paragraphs, lists, code) are kept, bare.

Nothing here knows about MkDocs or Material: the plugin hands the entries to
the theme's search index (plugin.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .rawhtml import element_end

_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)
_ID = re.compile(r'\bid="([^"]*)"')
_SKIPPED = re.compile(r"<(script|style|object)\b.*?</\1\s*>", re.S | re.I)
_EXCLUDED_START = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\bdata-search-exclude\b[^>]*>", re.I)
_PERMALINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S)
_KEPT_TAG = re.compile(r"<(/?)(p|code|pre|li|ol|ul|sub|sup)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_EMPTY_KEPT = re.compile(r"<(p|code|pre|li|ol|ul|sub|sup)>\s*</\1>")  # Material drops these too


@dataclass(frozen=True)
class Entry:
    anchor: str  # "" for the page itself, else a heading's id
    title: str  # HTML-escaped text
    text: str  # HTML-escaped text with the kept tags


def entries(content: str, *, page_title: str) -> list[Entry]:
    """The search entries of a page whose article HTML is `content`."""
    content = _drop_excluded(_SKIPPED.sub("", content))
    headings = [(m, ident.group(1)) for m in _HEADING.finditer(content) if (ident := _ID.search(m.group(2)))]
    out: list[Entry] = []
    # Text before the first heading, or a first heading below h1, is the page's own entry, under its title.
    if not headings or content[: headings[0][0].start()] or headings[0][0].group(1) != "1":
        end = headings[0][0].start() if headings else len(content)
        out.append(Entry("", _escaped(page_title), _text(content[:end])))
    for n, (match, ident) in enumerate(headings):
        end = headings[n + 1][0].start() if n + 1 < len(headings) else len(content)
        out.append(Entry(ident if out else "", _title_html(match.group(3)), _text(content[match.end() : end])))
    return out


def _escaped(text: str) -> str:
    return html.escape(html.unescape(text), quote=False)


def _title_html(fragment: str) -> str:
    return _SPACE.sub(" ", _escaped(_ANY_TAG.sub("", _PERMALINK.sub("", fragment)))).strip()


def _text(fragment: str) -> str:
    parts, pos = [], 0
    for tag in _KEPT_TAG.finditer(fragment):
        parts += [_escaped(_ANY_TAG.sub("", fragment[pos : tag.start()])), f"<{tag.group(1)}{tag.group(2).lower()}>"]
        pos = tag.end()
    parts.append(_escaped(_ANY_TAG.sub("", fragment[pos:])))
    text = _SPACE.sub(" ", "".join(parts))
    while (shorter := _EMPTY_KEPT.sub("", text)) != text:
        text = shorter
    return text.strip()


def _drop_excluded(content: str) -> str:
    """The HTML without every element marked `data-search-exclude`, nested elements and all."""
    while (start := _EXCLUDED_START.search(content)) is not None:
        end = element_end(content, start.group(1), start.start()) or len(content)  # never closed: the rest goes
        content = content[: start.start()] + content[end:]
    return content
