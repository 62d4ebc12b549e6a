"""Material's nav rendered once per item and place, not once per page (issue 20, the cold build).

Material's theme renders the site's whole nav, item by item, into every page
(`partials/nav.html`, `partials/nav-item.html`): with `navigation.prune` on, a
lesson page of a 1,000-lesson course still renders its module's fifty lessons
and every other module's link. An item the page is not in (not active) comes
out the same on every page that shows it at the same place in the nav and
writes its links the same way; only the page's own branch differs. So each
such item is rendered once per build and place, and reused.

What an item that is not active reads of the page: only its address, through
MkDocs' `url` filter, which writes every link relative to the page's folder
(`mkdocs.utils.get_relative_url`). For a link that does not lead into that
folder, the relative form depends only on the folder's parent and depth; so
pages in one folder (a module's lessons, with directory URLs) share their
items' rendering, unless some item of the nav leads inside the page's folder,
and then the whole folder is the key. Everything else an item shows (titles,
the site's settings, Material's features, its place `path` and `level`, whether
its parent is open) is the same on every page or in the key.

How: the templates' sources are changed as they are loaded, each call of
Material's `render` macro wrapped in a Jinja call block around the very same
call, so a page gets byte for byte what Material's templates make
(tests/mkdocs/test_build_ahead.py builds a site both ways). A template that is
not the one this was written against (another Material, a site's own override)
is left as it is, and a page in a nav this cannot reason about (links that climb
out with `../`) is rendered as Material renders it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

import jinja2

try:  # how MkDocs 1.6 (and ProperDocs) write a link relative to a page: reasoned about below, so read, not copied
    from mkdocs.utils import _get_norm_url, _norm_parts
except ImportError:  # another MkDocs: the nav is rendered on every page, as Material renders it
    _get_norm_url = _norm_parts = None

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# Each template, and its calls of `render` as Material 9 writes them, with the call block around each.
_CALLS = {
    "partials/nav.html": (
        "{{ item.render(nav_item, path, 1) }}",
        "{% call course_nav_memo(nav_item, path, 1, none) %}{{ item.render(nav_item, path, 1) }}{% endcall %}",
    ),
    "partials/nav-item.html": (
        '{{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}',
        '{% call course_nav_memo(item, path ~ "_" ~ loop.index, level + 1, nav_item.active) %}'
        '{{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}{% endcall %}',
    ),
}

# Off for a build that compares itself with Material's own rendering (the tests).
ENABLED = True


def memoized(name: str, source: str) -> str | None:
    """`source` of template `name` with its call wrapped, or None if the call is not there exactly once."""
    call, wrapped = _CALLS[name]
    return source.replace(call, wrapped) if source.count(call) == 1 else None


class _Loader(jinja2.BaseLoader):
    """The theme's own loader, the nav's two templates memoized as they are read."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template in _CALLS:
            changed = memoized(template, source)
            if changed is None:
                log.debug(f"{filename}: not the nav template this plugin knows; the nav is rendered on every page")
            else:
                source = changed
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


class _Places:
    """Where in the nav's addresses a page stands, worked out once a build."""

    def __init__(self, nav: Any):
        self.pages = {id(page) for page in nav.pages}
        # How many of the nav's links lead into each folder (every prefix of their address).
        self.inside: Counter[tuple[str, ...]] = Counter()
        self.climbs = False  # a link written `../x`: this leaves the nav alone
        for item in _items(nav.items):
            url = getattr(item, "url", None)
            if url is None:
                continue
            path, level = _get_norm_url(str(url))
            if level == -1:
                continue  # a full address: written as it is on every page
            if level > 0:
                self.climbs = True
            parts = _norm_parts(path)
            for k in range(len(parts) + 1):
                self.inside[tuple(parts[:k])] += 1

    def of(self, page: Any) -> tuple[Any, ...] | None:
        """The key of the page's place: what every item's links, written for this page, depend on."""
        if self.climbs:
            return None
        # As get_relative_url reads a page's address: its folder, a file name's last part left out.
        other = page.url
        folder, _, name = other.rpartition("/")
        if "." in name:
            other = folder
        parts = tuple(_norm_parts(other))
        own = 1 if id(page) in self.pages else 0
        if parts and self.inside[parts] == own:
            return ("parent", parts[:-1], len(parts))  # no other link leads into the page's folder
        return ("folder", parts)


def _items(items: list[Any]) -> list[Any]:
    found = []
    for item in items:
        found.append(item)
        found.extend(_items(getattr(item, "children", None) or []))
    return found


def install(env: jinja2.Environment, nav: Any) -> None:
    """Memoize the nav in this build's theme environment (MkDocs makes a new one for every build)."""
    if not ENABLED or _norm_parts is None or env.loader is None or isinstance(env.loader, _Loader):
        return
    places = _Places(nav)
    where: dict[int, tuple[Any, ...] | None] = {}
    memo: dict[tuple[Any, ...], Any] = {}
    kept: list[Any] = []  # the items keyed by id(), alive as long as their entries

    @jinja2.pass_context
    def course_nav_memo(context: Any, item: Any, path: str, level: int, parent_open: Any, *, caller: Callable[[], Any]) -> Any:
        page = context.get("page")
        if page is None or getattr(item, "active", False) or getattr(item, "pages", None):
            return caller()  # the page's own branch (or a blog's views): rendered as Material renders it
        if id(page) not in where:
            where[id(page)] = places.of(page)
        place = where[id(page)]
        if place is None:
            return caller()
        key = (id(item), path, level, bool(parent_open), place)
        found = memo.get(key)
        if found is None:
            found = memo[key] = caller()
            kept.append(item)
        return found

    env.loader = _Loader(env.loader)
    env.globals["course_nav_memo"] = course_nav_memo
