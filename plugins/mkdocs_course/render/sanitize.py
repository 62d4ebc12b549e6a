"""The last check of a course page's HTML: no course text may run as script.

Course text is Markdown, and the templates neutralise raw HTML and `javascript:`
links in it (`pages.safe_markdown`). But a Markdown engine reads more than any
check of the source can see: a link definition split over two lines, one inside a
list item or a blockquote, a footnote's link, and, with extensions a site turns on
(`attr_list`, `md_in_html`, pymdownx), attributes written by the author
(`Text\n{: onmouseover="..." }`). So the HTML the engine made is checked too, on
every course page, whatever extensions the site uses:

- every attribute that holds a URL (`href`, `src`, `action`, `formaction`,
  `srcset`, `xlink:href`, `poster`, `data`, ...) must be a link within the site or
  use an allowed scheme (`http`, `https`, `mailto`, `tel`); any other, such as
  `javascript:`, `data:` or `vbscript:`, is replaced by `#unsafe-link-removed`;
- event-handler attributes (`on...`) and `srcdoc` are removed, and so is `style`,
  except the one custom property the worksheet tables carry.

The page's HTML is machine-written (Python-Markdown's serializer, our templates),
so every `>` inside an attribute value is escaped and a tag ends at the first `>`:
tags are found with a regular expression, and only a tag with something to
remove is written anew. Nothing here imports MkDocs (decision D2).
"""

from __future__ import annotations

import html
import re

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
REMOVED = "#unsafe-link-removed"
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "ping", "longdesc", "lowsrc", "dynsrc", "manifest", "icon", "codebase"})
_DROPPED = frozenset({"srcdoc"})
# Our own style: the room a worksheet table needs (macros.md.j2, pages.table_columns).
_OUR_STYLE = re.compile(r"--course-columns: [0-9.e+-]+")

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)(\s[^>]*)?>")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# A cheap look first: most tags have none of these.
_SUSPECT = re.compile(r"""\s(?:on[a-z]*|style|srcdoc|srcset|href|src|action|formaction|xlink:href|poster|data|background|cite|ping|longdesc|lowsrc|dynsrc|manifest|icon|codebase)\s*=""", re.I)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def safe_url(value: str) -> bool:
    """Whether a URL (as the attribute holds it, entities decoded) stays within the site or uses an allowed scheme.

    Browsers drop tabs, newlines and other control characters from a URL before
    reading its scheme (`java\\tscript:`), so the check does too.
    """
    seen = _IGNORED_IN_URL.sub("", value)
    match = _SCHEME.match(seen)
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES


def _safe_srcset(value: str) -> bool:
    return all(safe_url(candidate.strip().split(" ")[0]) for candidate in value.split(",") if candidate.strip())


def clean(text: str) -> tuple[str, list[str]]:
    """The HTML with every unsafe URL and attribute removed, and a description of each removal."""
    removed: list[str] = []

    def tag(match: re.Match[str]) -> str:
        attributes = match.group(2)
        if not attributes or not _SUSPECT.search(attributes):
            return match.group(0)
        kept: list[str] = []
        changed = False
        for attr in _ATTRIBUTE.finditer(attributes):
            name = attr.group(1)
            raw = next((g for g in attr.groups()[1:] if g is not None), None)
            value = html.unescape(raw) if raw is not None else None
            low = name.lower()
            if low.startswith("on") or low in _DROPPED:
                removed.append(f"the attribute `{name}` on <{match.group(1)}>")
                changed = True
                continue
            if low == "style" and not (value is not None and _OUR_STYLE.fullmatch(value.strip())):
                removed.append(f"the attribute `style` on <{match.group(1)}>")
                changed = True
                continue
            if value is not None and ((low in URL_ATTRIBUTES and not safe_url(value)) or (low in ("srcset", "imagesrcset") and not _safe_srcset(value))):
                removed.append(f"the link `{value[:60]}` in `{name}`")
                kept.append(f'{name}="{REMOVED}"')
                changed = True
                continue
            kept.append(name if raw is None else f'{name}="{html.escape(value, quote=True)}"')
        if not changed:
            return match.group(0)
        closing = "/" if match.group(0).endswith("/>") else ""
        return f"<{match.group(1)}{''.join(' ' + a for a in kept)}{closing}>"

    return _TAG.sub(tag, text), removed
