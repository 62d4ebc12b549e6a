"""What the quality gates (tests/test_quality_*.py) share: which pages to check, the link
checker, axe-core in a page, and the sites they build.

Pages are found from the built site itself, never from a list kept here: one page of
each kind the manifest (course.json) lists (the first and the last of each list), and
every HTML page the manifest does not list (author pages, index pages, 404). A new
kind of page is checked the day it is added to the manifest or the site.
"""

from __future__ import annotations

import html.parser
import json
import posixpath
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from conftest import FIXTURES, ROOT, copy_course, download_by_clicking, mkdocs_build, serve

NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.2 levels A and AA, as axe-core tags them (each version's new rules carry its own tag).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Rules outside those tags that still guard a promise of ours: a named search dialog
# (Material's has no name until our theme fix gives it one).
AXE_EXTRA_RULES = ["aria-dialog-name"]
SCHEMES = ["light", "dark"]

# The mini fixture with the shipped site's light/dark palette (on Material's default
# colours) and a section of author pages with an index page, so the fixture exercises
# what the shipped site has: both schemes, navigation.indexes, pages outside the course.
MINI_YML = """\
site_name: Test course
docs_dir: docs
theme:
  name: material
  font: false
  features: [navigation.indexes]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/weather-night, name: Switch to dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/weather-sunny, name: Switch to light mode}}
plugins:
  - search
  - course{options}
"""
MINI_DOCS = {
    "guide/index.md": "# Guide\n\nHow to use the course.\n\n## First steps\n\nSee [the second part](more.md#second-part).\n",
    "guide/more.md": "# More\n\n## Second part\n\nBack to [the guide](index.md#first-steps).\n",
}


def need_node_modules() -> None:
    missing = [p for p in (AXE_JS, VNU_JAR) if not p.is_file()]
    if missing:
        pytest.fail(f"{', '.join(map(str, missing))} missing: run `make test` (it runs `npm ci --ignore-scripts`)")


# --- sites built once per session --------------------------------------------------------

_BUILT: dict[str, Path] = {}
_SERVED: dict[str, str] = {}


def built(name: str, factory: pytest.TempPathFactory, make: Callable[[Path], Path]) -> Path:
    """The site `make(folder)` builds, made once per test session whichever module asks first."""
    if name not in _BUILT:
        _BUILT[name] = make(factory.mktemp(name))
    return _BUILT[name]


def served(site: Path) -> str:
    """A loopback URL serving `site`, started once per session (daemon thread)."""
    key = str(site)
    if key not in _SERVED:
        _, _SERVED[key] = serve(site)
    return _SERVED[key]


def mini_project(folder: Path, *, options: str = "", extra: str = "") -> Path:
    """A copy of the mini fixture course in `folder`, with MINI_YML (the plugin's `options`, `extra`
    settings after it) and MINI_DOCS; returns the project."""
    project = copy_course(FIXTURES / "mini", folder / "mini")
    (project / "mkdocs.yml").write_text(MINI_YML.format(options=options) + extra, encoding="utf-8")
    for rel, text in MINI_DOCS.items():
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / rel).write_text(text, encoding="utf-8")
    return project


def build_mini(folder: Path, *, options: str = "", extra: str = "", edit: Callable[[Path], None] | None = None) -> Path:
    """The mini fixture course with MINI_YML and MINI_DOCS, built strict; returns its site."""
    project = mini_project(folder, options=options, extra=extra)
    if edit:
        edit(project)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def with_worksheet(project: Path, name: str, lesson: str) -> Path:
    """The fixture course in `project` with tests/fixtures/extras/<name>.yml as a worksheet, used by `lesson` (its file)."""
    (project / "exercises" / f"{name}.yml").write_text((FIXTURES / "extras" / f"{name}.yml").read_text(encoding="utf-8"), encoding="utf-8")
    path = project / lesson
    text = path.read_text(encoding="utf-8")
    assert "\nfacilitator:" in text and "\nworksheets:" not in text, f"{lesson} changed: the worksheet goes in before `facilitator:`"
    path.write_text(text.replace("\nfacilitator:", f"\nworksheets: [{name}]\nfacilitator:", 1), encoding="utf-8")
    return project


def mini_site(factory: pytest.TempPathFactory) -> Path:
    return built("mini", factory, build_mini)


def zipped_copy(site: Path, folder: Path) -> Path:
    """`site` zipped and unzipped again in `folder`, as a learner would take it home."""
    archive = shutil.make_archive(str(folder / "site"), "zip", site)
    out = folder / "unzipped"
    shutil.unpack_archive(archive, out)
    return out


# --- which pages -------------------------------------------------------------------------


def html_file(site: Path, url: str) -> Path | None:
    """The HTML file a site-relative URL serves, or None when it is not an HTML page."""
    if url.endswith("/") or url == "":
        path = site / url / "index.html"
    elif url.endswith(".html"):
        path = site / url
    else:
        return None
    return path if path.is_file() else None


def manifest(site: Path) -> dict[str, Any]:
    found = list(site.rglob("course.json"))
    assert len(found) == 1, f"expected one course.json in {site}, found {found}"
    return json.loads(found[0].read_text(encoding="utf-8"))


def page_types(site: Path) -> dict[str, str]:
    """{kind of page: site-relative URL} for one page of every kind (see the module docstring)."""
    data = manifest(site)
    kinds: dict[str, str] = {}

    def add(kind: str, value: Any) -> None:
        if isinstance(value, str) and html_file(site, value) and value not in kinds.values():
            kinds[kind] = value

    add("course home", data["course"]["url"])
    for name, url in data["pages"].items():
        add(f"pages.{name}", url)
    for key, items in data.items():
        if not isinstance(items, list) or not items or not all(isinstance(x, dict) for x in items):
            continue
        for suffix, item in [("", items[0])] + ([(" (last)", items[-1])] if len(items) > 1 else []):
            for field, value in item.items():
                add(f"{key}.{field}{suffix}", value)
    listed = {html_file(site, url) for url in kinds.values()}
    for path in sorted(site.rglob("*.html")):
        if path not in listed and path not in _manifest_files(site, data):
            rel = path.relative_to(site).as_posix()
            kinds[f"other: {rel}"] = rel[: -len("index.html")] if rel.endswith("/index.html") or rel == "index.html" else rel
    return dict(sorted(kinds.items(), key=lambda kv: kv[1]))


def _manifest_files(site: Path, data: Any) -> set[Path]:
    """Every HTML page any string in the manifest points at."""
    found: set[Path] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and (path := html_file(site, value)):
            found.add(path)

    walk(data)
    return found


# --- links and anchors in built HTML ----------------------------------------------------------

# Where HTML refers to another file: (tag, attribute). `a` and `area` are links a
# reader follows; the rest are resources the browser loads by itself.
FOLLOWED = {("a", "href"), ("area", "href")}
LOADED = {("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src"), ("track", "src"), ("embed", "src"), ("object", "data"), ("video", "poster"), ("form", "action")}


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            if (tag, name) in FOLLOWED | LOADED:
                self.refs.append((tag, name, value))
            if name == "srcset":
                self.refs.extend((tag, name, part.split()[0]) for part in value.split(",") if part.strip())
            if name == "style":
                self.styles.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def parse_attributes(text: str) -> list[tuple[str, str, str | None]]:
    """(tag, attribute, value) of every start tag in an HTML text, as a browser's parser reads them."""
    found: list[tuple[str, str, str | None]] = []

    class Attributes(html.parser.HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend((tag, name, value) for name, value in attrs)

    parser = Attributes(convert_charrefs=True)
    parser.feed(text)
    parser.close()
    return found


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def is_external(value: str) -> bool:
    """A reference that leaves the site: any scheme (https:, mailto:, data:...) or `//host`."""
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", value.strip()))


def resolve(site: Path, page: Path, ref: str) -> tuple[Path | None, str]:
    """The file an internal reference from `page` names (None if there is none) and its #fragment."""
    parts = urlsplit(ref)
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page, fragment
    target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), unquote(parts.path)))
    if parts.path.startswith("/"):
        target = unquote(parts.path).lstrip("/")
    if target == ".." or target.startswith("../"):
        return None, fragment  # above the site's root
    path = site / target
    if path.is_dir():
        path = path / "index.html"
    return (path if path.is_file() else None), fragment


def broken_links(site: Path) -> tuple[list[str], int]:
    """Every internal link, resource and #fragment in the site's HTML that does not resolve.

    Returns (problems as "page -> reference: why", how many references were checked).
    """
    pages = {p: parse(p) for p in site.rglob("*.html")}
    problems: list[str] = []
    checked = 0
    for page, parsed in pages.items():
        for tag, attr, ref in parsed.refs:
            if is_external(ref) or (tag, attr) == ("form", "action") and not ref:
                continue
            checked += 1
            target, fragment = resolve(site, page, ref)
            where = f"{page.relative_to(site)} -> {ref}"
            if target is None:
                problems.append(f"{where}: no such file")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if fragment not in ids:
                    problems.append(f"{where}: no element with id `{fragment}`")
    return problems, checked


# --- axe-core -------------------------------------------------------------------------------------


_AXE_START = """([tags, extra]) => {
    const rules = Object.fromEntries(extra.map(id => [id, {enabled: true}]));
    window.__courseAxe = axe.run(document, {runOnly: {type: "tag", values: tags}, rules, resultTypes: ["violations"]})
        .then(result => result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))})));
}"""


def axe_start(page: Any) -> None:
    """Start axe-core on the page as it stands (after its scripts ran); `axe_result` waits for it."""
    page.add_script_tag(path=str(AXE_JS))
    page.evaluate(_AXE_START, [AXE_TAGS, AXE_EXTRA_RULES])


def axe_result(page: Any) -> list[dict[str, Any]]:
    """The WCAG 2.2 A/AA violations axe found in the page since `axe_start`."""
    return page.evaluate("() => window.__courseAxe")


def axe(page: Any) -> list[dict[str, Any]]:
    axe_start(page)
    return axe_result(page)


def axe_pages(browser: Any, base: str, urls: dict[str, str], *, scheme: str, check: Callable[[Any, str], None] | None = None, workers: int = 2) -> dict[str, list[dict[str, Any]]]:
    """axe on every page of `urls` ({kind: site-relative URL}); returns {kind (url): violations}.

    Pages are checked `workers` at a time, each in its own browser context (so its
    own renderer process): axe is CPU-bound and the machine has two cores.
    `check(page, kind)` runs on each loaded page first.
    """
    contexts = [browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900}) for _ in range(workers)]
    pages = [context.new_page() for context in contexts]
    found: dict[str, list[dict[str, Any]]] = {}
    items = list(urls.items())
    try:
        for start in range(0, len(items), workers):
            batch = list(zip(pages, items[start : start + workers]))
            for page, (kind, url) in batch:
                page.goto(base + url)
                if check:
                    check(page, kind)
                axe_start(page)
            for page, (kind, url) in batch:
                if violations := axe_result(page):
                    found[f"{kind} ({url or '/'})"] = violations
    finally:
        for context in contexts:
            context.close()
    return found


def describe(violations: dict[str, list[dict[str, Any]]]) -> str:
    """Violations by page as readable lines, each node once."""
    lines = []
    for where, found in violations.items():
        for v in found:
            lines.append(f"{where}: {v['id']} ({v['help']})")
            lines.extend(f"    {n['target']}: {(n['summary'] or '').splitlines()[-1].strip()}" for n in v["nodes"][:5])
    return "\n".join(lines)


def run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kwargs)


# --- a course with hostile text in every text field ----------------------------------------------

# Each attempt calls alert() with a marker naming the attempt, so a test that sees any
# dialog knows which one got through. Markdown fields also get link tricks.
HOSTILE_TEXT = (
    '<script>alert("xss:script")</script> <img src=x onerror=alert("xss:img")> '
    '"\'><svg onload=alert("xss:attr")> </title></textarea><iframe srcdoc="<script>alert(`xss:iframe`)</script>"> '
    "{{ 7*7 }} {% raw %} ${7*7} | `code` [text link](javascript:alert(\"xss:textlink\")) <!-- "
)
HOSTILE_MARKDOWN = (
    HOSTILE_TEXT
    + '\n\n[inline](javascript:alert("xss:inline")) [entity](java&#115;cript:alert("xss:entity")) '
    + '[ref][evil] ![img](javascript:alert("xss:src")) <javascript:alert("xss:auto")>\n\n'
    + '[evil]: javascript:alert("xss:ref")\n'
)
# What a Markdown engine reads that no check of the source sees (issue 13): link definitions
# on two lines, inside a list item or a blockquote, or before a setext or table line; a
# footnote's link; attributes written with `attr_list`; a snippet of a file on the build
# machine (pymdownx.snippets). Every course page must still run no script and read no file.
ATTACK_MARKDOWN = (
    "[click][a1] and [again][a2] and [once more][a3] and [setext][a4] and [table][a5]\n\n"
    "[a1]:\n  javascript:alert(\"xss:split-definition\")\n\n"
    "- an item [x][a2]\n\n  [a2]: javascript:alert(\"xss:list-definition\")\n\n"
    "> a quote [y][a3]\n>\n> [a3]: javascript:alert(\"xss:quote-definition\")\n\n"
    "[a4]: [x](javascript:alert(\"xss:setext\"))\n===\n\n"
    "[a5]: [x](javascript:alert(\"xss:table\"))\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    "Hover me\n{: onmouseover=\"alert('xss:attr-list')\" style=\"position:fixed;inset:0\" }\n\n"
    "A footnote[^f1].\n\n[^f1]: [x](javascript:alert(\"xss:footnote\")) and ![i](data:image/svg+xml,<svg onload=alert(1)>)\n\n"
    "--8<-- \"/etc/passwd\"\n\n"
    "[tab](java\tscript:alert(\"xss:tab\")) [data](data:text/html,<script>alert(\"xss:data\")</script>)\n"
)
# Material's recommended Markdown extensions, with those that add attributes or read files.
ATTACK_EXTENSIONS = """
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.betterem
  - pymdownx.caret
  - pymdownx.details
  - pymdownx.emoji
  - pymdownx.highlight
  - pymdownx.inlinehilite
  - pymdownx.keys
  - pymdownx.magiclink
  - pymdownx.mark
  - pymdownx.smartsymbols
  - pymdownx.snippets
  - pymdownx.superfences
  - pymdownx.tabbed
  - pymdownx.tasklist
  - pymdownx.tilde
"""

# A meeting link must be a web address (markup in one is refused: test_quality_hostile.py);
# this one is, and tries to end a Markdown link early and an attribute with `'`.
HOSTILE_LINK = "https://meet.example.org/)'onmouseover='alert(1)'(/*"

# Fields typed as text in the model whose value cohort_checks.py then checks against a list
# (a time zone name): hostile text there is refused with a clear error, which
# tests/gates/test_quality_hostile.py checks on its own.
CHECKED_TEXT = {"timezone"}

SCHEMAS = {
    "course/course.yml": "CourseFile",
    "course/routines.yml": "RoutinesFile",
    "course/cohorts/*.yml": "CohortFile",
    "lessons/*/module.yml": "ModuleFile",
    "lessons/*/[!m]*.yml": "LessonFile",
    "exercises/*.yml": "WorksheetFile",
}


def text_places(schema: Any, data: Any) -> list[tuple[tuple[Any, ...], str]]:
    """(location, kind) of every free-text value in `data`, a file valid for the model `schema`.

    Found from the model's types, so a field added to the model is covered too:
    kind is "markdown" for Markdown fields, "text" for one-line text.
    """
    import types
    import typing

    from pydantic import BaseModel
    from pydantic.types import StringConstraints

    from mkdocs_course import model

    found: list[tuple[tuple[Any, ...], str]] = []

    def kind_of(meta: list[Any]) -> str | None:
        for m in meta:
            if isinstance(m, StringConstraints) and m.pattern in (model.ONE_LINE_PATTERN, model.MARKDOWN_PATTERN):
                return "markdown" if m.pattern == model.MARKDOWN_PATTERN else "text"
        return None

    def walk(tp: Any, meta: list[Any], value: Any, loc: tuple[Any, ...]) -> None:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            base, *more = typing.get_args(tp)
            walk(base, [*meta, *more], value, loc)
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(tp) if a is not type(None)]
            if value is None:
                return
            if len(options) == 1:
                walk(options[0], meta, value, loc)
                return
            models = [typing.get_args(a)[0] if typing.get_origin(a) is typing.Annotated else a for a in options]
            for m in models:
                if isinstance(m, type) and issubclass(m, BaseModel) and "type" in m.model_fields and isinstance(value, dict):
                    if value.get("type") in typing.get_args(m.model_fields["type"].annotation):
                        walk(m, [], value, loc)
        elif origin is list and isinstance(value, list):
            (item,) = typing.get_args(tp)
            for i, v in enumerate(value):
                walk(item, [], v, (*loc, i))
        elif isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(value, dict):
            for key, v in value.items():
                field = tp.model_fields[key]
                walk(field.annotation, list(field.metadata), v, (*loc, key))
        elif tp is str and isinstance(value, str) and (kind := kind_of(meta)):
            found.append((loc, kind))

    walk(schema, [], data, ())
    return found


def make_hostile(project: Path, markdown: str = HOSTILE_MARKDOWN) -> int:
    """Put hostile text into every free-text field of the course in `project`; returns how many."""
    import yaml

    from mkdocs_course import model
    from mkdocs_course.load.yaml_source import read

    count = 0
    for pattern, schema_name in SCHEMAS.items():
        for path in sorted(project.glob(pattern)):
            data = read(path.read_bytes(), path.name)[0].data  # the course's own YAML rules, not PyYAML's 1.1
            for loc, kind in text_places(getattr(model, schema_name), data):
                *parents, last = loc
                if last in CHECKED_TEXT:
                    continue
                holder = data
                for part in parents:
                    holder = holder[part]
                if last == "link":
                    holder[last] = HOSTILE_LINK
                elif kind == "markdown":
                    holder[last] = f"{holder[last]} {markdown}"
                else:
                    holder[last] = f"{holder[last]} {HOSTILE_TEXT}"[:500]
                count += 1
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return count


def hostile_site(factory: pytest.TempPathFactory) -> Path:
    def make(folder: Path) -> Path:
        return build_mini(folder, edit=make_hostile)

    return built("hostile", factory, make)


# The languages the site speaks besides English (model/i18n.py), each a translation of the mini course.
LANGUAGES = ("ar", "de", "es", "fr")


def languages_site(factory: pytest.TempPathFactory) -> Path:
    """The mini course with a site per shipped language in its folders (mkdocs/languages.py): Spanish
    with its text translated (tests/fixtures/translations/es); Arabic, German and French with the
    course's title only, so their pages show every interface message around the English text."""

    def translate(project: Path) -> None:
        shutil.copytree(FIXTURES / "translations/es", project / "translations/es", ignore=shutil.ignore_patterns("*.md"))
        for language, title in (("ar", "دورة مصغّرة"), ("de", "Mini-Kurs"), ("fr", "Mini-cours")):
            (project / f"translations/{language}/course").mkdir(parents=True)
            (project / f"translations/{language}/course/course.yml").write_text(f"title: {title}\n", encoding="utf-8")
        course = project / "course/course.yml"
        course.write_text(course.read_text(encoding="utf-8").replace("language: en", f"language: en\ntranslations: [{', '.join(LANGUAGES)}]"), encoding="utf-8")

    return built("languages", factory, lambda folder: build_mini(folder, edit=translate))


def plain_site(factory: pytest.TempPathFactory) -> Path:
    """The mini course in a folder of the site (`prefix`) with plain .html URLs, under a home page of the site's own."""

    def home(project: Path) -> None:
        (project / "docs" / "index.md").write_text("# Our site\n\nTake [the course](learn/index.md).\n", encoding="utf-8")

    return built("plain", factory, lambda folder: build_mini(folder, options=":\n      prefix: learn", extra="use_directory_urls: false\n", edit=home))


def sites(shipped: Path, factory: pytest.TempPathFactory, *names: str) -> dict[str, Path]:
    """The named test sites, each built once per session: "shipped" (the session's build of
    the shipped course), "mini", "plain", "hostile" and "languages"."""
    makers = {"mini": mini_site, "plain": plain_site, "hostile": hostile_site, "languages": languages_site}
    return {name: shipped if name == "shipped" else makers[name](factory) for name in names}


# --- moving a learner's answers ----------------------------------------------------------------


def export_json(page: Any, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """Click "Save a backup file" and keep the file: (its path, its data)."""
    download = download_by_clicking(page, "Save a backup file")
    assert re.fullmatch(r"mini-answers-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path, json.loads(path.read_text(encoding="utf-8"))


def share_link(page: Any) -> str:
    """Click "Copy to another device" and return the link once the page has written it.

    The link is compressed in a promise, so the box fills a moment after the click: reading
    it at once raced the page and sometimes got "" (seen in CI, session 5).
    """
    page.get_by_role("button", name="Copy to another device").click()
    field = page.locator(".course-share textarea")
    page.wait_for_function("el => el.value.length > 0", arg=field.element_handle())
    return field.input_value()


def import_file(page: Any, path: Path) -> str:
    """Import `path` with the page's "Restore a backup file" button; returns the message the page shows."""
    page.evaluate("document.querySelector('.course-import-message').textContent = ''")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Restore a backup file").click()
    chooser.value.set_files(str(path))
    message = page.locator(".course-import-message")
    message.wait_for(state="visible")
    page.wait_for_function("el => el.textContent.startsWith('Imported') || el.textContent.startsWith('Not imported') || el.textContent.startsWith('Nothing new')", arg=message.element_handle())
    return message.inner_text()


def as_json(value: Any) -> Any:
    """YAML data as JSON has it: dates become the ISO strings the schema expects."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value



def nu_problems(page: Any, folder: Path, name: str = "page.html") -> list[str]:
    """What the Nu HTML Checker finds in `page` as the learner has it now (its live DOM, saved to
    `folder`), errors and warnings but for autocomplete hints: a page after answering, not only as built.
    Save the page before axe runs in it: axe adds its own script."""
    need_node_modules()
    path = folder / name
    path.write_text(page.content(), encoding="utf-8")
    result = run(["java", "-jar", str(VNU_JAR), "--format", "json", str(path)])
    return [m["message"] for m in json.loads(result.stderr)["messages"] if m["type"] != "info" and "autocomplete" not in m["message"]]


def animations_done(page: Any) -> None:
    """Wait for the page's transitions to end: axe must judge the colors the learner ends up
    seeing, not a button's focus transition halfway."""
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")

# What a page must be on a phone: no wider than the screen; every control big enough to tap
# (WCAG 2.2, 2.5.8: 24 x 24 px); text fields at 16px or more, so phones do not zoom into them.
PHONE_CHECK = """
(width) => {
  const out = [];
  const wide = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (wide > width) out.push(`${wide}px wide`);
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; };
  for (const el of document.querySelectorAll(".md-content :is(button, input:not([type=hidden]), select, textarea, summary, a.md-button), .course-pager a, .md-copyright a")) {
    if (!shown(el) || el.closest(".course-print-only, template, .course-visually-hidden")) continue;
    const r = el.getBoundingClientRect();
    const name = (el.id || el.name || el.textContent || el.tagName).trim().slice(0, 40);
    if (r.width < 24 || r.height < 24) out.push(`${el.tagName.toLowerCase()} "${name}" is ${Math.round(r.width)}x${Math.round(r.height)}`);
    if (el.matches("input:not([type=checkbox], [type=radio], [type=file]), select, textarea") && parseFloat(getComputedStyle(el).fontSize) < 16)
      out.push(`${el.tagName.toLowerCase()} "${name}" has ${getComputedStyle(el).fontSize} text`);
  }
  // A control the page shows must be laid out: a card table whose rows are never laid out shows nothing.
  for (const el of document.querySelectorAll(".md-content form :is(input:not([type=hidden]), select, textarea)")) {
    if (el.closest(".course-print-only, template, .course-visually-hidden, [hidden]") || getComputedStyle(el).display === "none") continue;
    const box = el.closest("fieldset, .course-field");
    if (box && box.getBoundingClientRect().height > 0 && el.getBoundingClientRect().height === 0) out.push(`${el.id || el.name} is not laid out`);
  }
  return out;
}
"""
