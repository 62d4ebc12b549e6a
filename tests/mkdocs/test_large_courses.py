"""What keeps a long course fast: a short nav at every level, validated files reused
under `mkdocs serve`, compiled templates kept, pages rewritten only when they change.

Speed itself is measured by `make bench`, never here; these tests check that each
of those shortcuts gives the same result as the long way round.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from conftest import FIXTURES, ROOT, copy_course
from mkdocs_course.load import loader
from mkdocs_course.load.loader import FileCache, check_course, load_course
from mkdocs_course.render.pages import NAV_FLAT_MAX, NAV_LESSONS_MAX, NAV_MODULES_MAX, NavItem, Renderer, _balanced, nav_uris
from mkdocs_course.outputs.site_config import LONG_COURSE

if str(ROOT) not in sys.path:  # `bench/` is a folder of the repository, not an installed package
    sys.path.insert(0, str(ROOT))

from bench import generate  # noqa: E402


@pytest.fixture(scope="module")
def long_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """400 lessons in 13 modules of about a month each (the bench's generator)."""
    root = tmp_path_factory.mktemp("long")
    generate.write_course(root, 400)
    generate.write_our_project(root, "A long course")
    return root


# --- the nav ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "most", "ranges"),
    [
        (7, 7, [(0, 7)]),
        (8, 7, [(0, 4), (4, 8)]),
        (15, 7, [(0, 5), (5, 10), (10, 15)]),
        (30, 7, [(0, 6), (6, 12), (12, 18), (18, 24), (24, 30)]),
        (13, 12, [(0, 7), (7, 13)]),
        (1, 7, [(0, 1)]),
    ],
)
def test_balanced_groups(count: int, most: int, ranges: list[tuple[int, int]]) -> None:
    assert _balanced(count, most) == ranges


@pytest.mark.parametrize("count", range(1, 120))
def test_balanced_groups_cover_everything_once_in_the_fewest_even_groups(count: int) -> None:
    ranges = _balanced(count, 7)
    assert ranges[0][0] == 0 and ranges[-1][1] == count
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    sizes = [b - a for a, b in ranges]
    assert max(sizes) <= 7 and max(sizes) - min(sizes) <= 1
    assert len(ranges) == -(-count // 7)


def _levels(items: tuple[NavItem, ...] | list[NavItem], depth: int = 0):
    yield depth, items
    for item in items:
        if item.children:
            yield from _levels(item.children, depth + 1)


def test_a_long_course_has_a_short_nav_at_every_level_of_the_track(long_course: Path) -> None:
    course = load_course(long_course)
    renderer = Renderer(course)
    pages, nav = renderer.pages(), renderer.nav()
    assert len(course.modules) > NAV_MODULES_MAX
    # Every page is still in the nav or apart from it, once.
    assert sorted(nav_uris(nav) + nav_uris(renderer.apart())) == sorted(p.uri for p in pages)
    groups = [item for item in nav if item.title.startswith("Modules ")]
    assert [g.title for g in groups] == ["Modules 1\u20137", "Modules 8\u201313"]
    modules = [m for g in groups for m in g.children]
    assert [m.title.split(".")[0] for m in modules] == [str(i) for i in range(1, len(course.modules) + 1)]
    for module, item in zip(course.modules, modules):
        overview, *weeks = item.children
        assert overview.uri.endswith(f"{module.id}/index.md")
        lessons = [lesson for week in weeks for lesson in week.children]
        assert [x.uri for x in lessons] == [f"{module.id}/{lesson.id}.md" for lesson in module.lessons]
        for week in weeks:
            assert 1 <= len(week.children) <= NAV_LESSONS_MAX
            first, last = week.children[0].title, week.children[-1].title
            # "Days 31–36" names the days of its first and last lesson.
            assert week.title == f"Days {first.split(':')[0][4:]}\u2013{last.split(':')[0][4:]}"
    track = [level for depth, level in _levels(groups) if depth > 0]
    assert max(len(level) for level in track) <= max(NAV_MODULES_MAX, NAV_LESSONS_MAX)


def test_a_module_of_a_thousand_lessons_keeps_every_nav_level_short(tmp_path: Path) -> None:
    # Issue 20: a lesson page's nav must not grow with its module; weeks go into blocks of weeks.
    generate.write_course(tmp_path, 1000, modules=1)
    course = load_course(tmp_path)
    (module,) = Renderer(course).nav()[4:5]
    overview, *blocks = module.children
    assert overview.titled is False
    levels = [len(level) for depth, level in _levels(blocks)]
    assert max(levels) <= NAV_MODULES_MAX and len(blocks) <= NAV_MODULES_MAX
    leaves = [x for depth, level in _levels(blocks) for x in level if x.uri]
    assert [x.uri for x in leaves] == [f"{course.modules[0].id}/{lesson.id}.md" for lesson in course.lessons]
    # Each block names the days it holds, the first and last of its own weeks.
    for block in blocks:
        first, last = block.children[0].title.split("–")[0], block.children[-1].title.split("–")[1]
        assert block.title == f"{first}–{last}"
    assert blocks[0].title.startswith("Days 1–") and blocks[-1].title.endswith("–1000")


def test_the_shipped_course_keeps_its_flat_nav() -> None:
    course = load_course(ROOT)
    nav = Renderer(course).nav()
    assert all(len(m.lessons) <= NAV_FLAT_MAX for m in course.modules)
    for item in nav:
        assert not item.title.startswith(("Modules ", "Days ")), item.title
        for child in item.children:
            assert not child.title.startswith("Days "), child.title


def _plugin_config(project: Path, features: list[str] | None = None) -> MkDocsConfig:
    if features is not None:
        text = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(text.replace("  name: material\n", f"  name: material\n  features: {features}\n"), encoding="utf-8")
    return load_config(str(project / "mkdocs.yml"))


def test_a_long_course_turns_on_navigation_prune(long_course: Path) -> None:
    cfg = _plugin_config(long_course)
    cfg.plugins.on_config(cfg)
    assert "navigation.prune" in cfg.theme["features"]


def test_prune_is_left_alone_for_a_short_course_or_an_expanded_nav(tmp_path: Path) -> None:
    short = tmp_path / "short"
    generate.write_course(short, LONG_COURSE - 1)
    generate.write_our_project(short, "Short")
    cfg = _plugin_config(short)
    cfg.plugins.on_config(cfg)
    assert "navigation.prune" not in cfg.theme["features"]

    expanded = tmp_path / "expanded"
    generate.write_course(expanded, LONG_COURSE)
    generate.write_our_project(expanded, "Expanded")
    cfg = _plugin_config(expanded, ["navigation.expand"])
    cfg.plugins.on_config(cfg)
    # Pruning cannot work with an expanded nav (Material's docs): the author's choice stands.
    assert cfg.theme["features"] == ["navigation.expand"]


# --- validated files reused between rebuilds -------------------------------------------


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = loader.read

    def read(raw: bytes, path: str):
        seen.append(path)
        return real(raw, path)

    monkeypatch.setattr(loader, "read", read)
    return seen


def test_the_cache_reads_again_only_the_file_that_changed(mini_course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = FileCache()
    seen = _counting_reads(monkeypatch)
    first = load_course(mini_course, cache=cache)
    everything = set(seen)
    assert len(everything) == len(cache) > 5

    seen.clear()
    again = load_course(mini_course, cache=cache)
    assert seen == []
    assert again.lessons[0].data is first.lessons[0].data  # the very same validated object
    assert again == first

    lesson = mini_course / first.lessons[1].source
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(f"title: {first.lessons[1].title}", "title: A new title"), encoding="utf-8")
    seen.clear()
    edited = load_course(mini_course, cache=cache)
    assert seen == [first.lessons[1].source]
    assert edited.lessons[1].title == "A new title"
    assert edited.lessons[0].data is first.lessons[0].data


def test_an_edit_of_the_same_size_is_seen(mini_course: Path) -> None:
    cache = FileCache()
    course = load_course(mini_course, cache=cache)
    lesson = mini_course / course.lessons[0].source
    text = lesson.read_text(encoding="utf-8")
    title = course.lessons[0].title
    same_length = title[::-1] if title[::-1] != title else title.upper()
    before = lesson.stat()
    lesson.write_text(text.replace(f"title: {title}", f"title: {same_length}"), encoding="utf-8")
    os.utime(lesson, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert lesson.stat().st_size == before.st_size
    assert load_course(mini_course, cache=cache).lessons[0].title == same_length


def test_a_broken_file_is_never_cached_and_is_reported_every_time(mini_course: Path) -> None:
    cache = FileCache()
    course = load_course(mini_course, cache=cache)
    lesson = mini_course / course.lessons[0].source
    good = lesson.read_text(encoding="utf-8")
    lesson.write_text(good.replace("objectives:", "objectivs:", 1), encoding="utf-8")
    for _ in range(2):
        broken, problems = check_course(mini_course, cache=cache)
        assert broken is None
        assert [p.message for p in problems if p.path == course.lessons[0].source] == ["unknown key `objectivs`"]
    lesson.write_text(good, encoding="utf-8")
    fixed, problems = check_course(mini_course, cache=cache)
    assert fixed is not None and problems == []


def test_a_cross_file_problem_is_still_found_when_every_file_comes_from_the_cache(mini_course: Path) -> None:
    cache = FileCache()
    load_course(mini_course, cache=cache)
    routines = mini_course / "course" / "routines.yml"
    text = routines.read_text(encoding="utf-8")
    # Renaming a routine breaks the lessons that name it, though none of them changed.
    routine_id = load_course(mini_course).routines[0].id
    routines.write_text(text.replace(f"id: {routine_id}", "id: renamed-routine"), encoding="utf-8")
    course, problems = check_course(mini_course, cache=cache)
    assert course is None
    assert any(p.message == f"no routine with id `{routine_id}`" for p in problems)


# --- compiled templates kept between builds ------------------------------------------


def test_renderers_share_compiled_templates_and_see_an_edited_override(tmp_path: Path) -> None:
    course = load_course(FIXTURES / "mini")
    overrides = tmp_path / "overrides"
    (overrides / "course").mkdir(parents=True)
    template = overrides / "course" / "home.md.j2"
    template.write_text("# First version\n", encoding="utf-8")
    assert Renderer(course, overrides=overrides).pages()[0].markdown == "# First version\n"
    first = Renderer(course).pages()
    assert Renderer(course).pages() == first  # from compiled code: the same pages
    template.write_text("# Second version\n", encoding="utf-8")
    assert Renderer(course, overrides=overrides).pages()[0].markdown == "# Second version\n"


# --- `mkdocs serve`: pages rewritten only when they change -------------------------------


def test_under_serve_only_the_changed_pages_are_rewritten(tmp_path: Path) -> None:
    project = copy_course(FIXTURES / "mini", tmp_path / "mini")
    cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    cfg.plugins.on_startup(command="serve", dirty=True)
    plugin = cfg.plugins["course"]
    try:
        cfg.plugins.on_config(cfg)
        files = cfg.plugins.on_files(Files([]), config=cfg)
        page_dir = plugin.serve.page_dir
        pages = {f.src_uri: Path(f.abs_src_path) for f in files.documentation_pages()}
        assert pages and all(p.is_relative_to(page_dir) for p in pages.values())
        assert not page_dir.is_relative_to(project)  # outside every watched folder
        stamps = {uri: p.stat().st_mtime_ns for uri, p in pages.items()}

        course = load_course(project)
        edited = course.lessons[-1]  # the last lesson: no next lesson shows its text
        source = project / edited.source
        source.write_text(source.read_text(encoding="utf-8").replace("action: ", "action: Edited today. ", 1), encoding="utf-8")
        # A rebuild: a fresh config, and MkDocs hands it the same plugin object.
        cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        assert cfg.plugins["course"] is plugin
        cfg.plugins.on_config(cfg)
        cfg.plugins.on_files(Files([]), config=cfg)
        changed = {uri for uri, p in pages.items() if p.stat().st_mtime_ns != stamps[uri]}
        lesson_uri = plugin.layout.lesson(edited)
        assert lesson_uri in changed
        assert "Edited today." in pages[lesson_uri].read_text(encoding="utf-8")
        # Pages that never show a lesson's action are left as they were.
        assert plugin.layout.home not in changed
        assert all(plugin.layout.lesson(lesson) not in changed for lesson in course.lessons[:-1])
    finally:
        cfg.plugins.on_shutdown()
    assert not page_dir.exists()
    assert plugin.serve is None


def test_a_plain_build_writes_no_page_files(tmp_path: Path) -> None:
    project = copy_course(FIXTURES / "mini", tmp_path / "mini")
    cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    cfg.plugins.on_startup(command="build", dirty=False)
    cfg.plugins.on_config(cfg)
    files = cfg.plugins.on_files(Files([]), config=cfg)
    assert cfg.plugins["course"].serve is None
    assert all(f.generated_by for f in files.documentation_pages())  # decision D6


# --- `mkdocs serve --dirty`: lesson pages an edit cannot change are not rendered again ---------


class _Serve:
    """One `mkdocs serve` session on a project, rebuilt on demand as MkDocs does (same plugin object)."""

    def __init__(self, project: Path, *, dirty: bool):
        self.project = project
        self.rendered: list[str] = []
        cfg = load_config(str(project / "mkdocs.yml"))
        cfg.plugins.on_startup(command="serve", dirty=dirty)
        self.plugins = cfg.plugins
        self.plugin = cfg.plugins["course"]
        self.rebuild()

    def rebuild(self) -> list[str]:
        cfg = load_config(str(self.project / "mkdocs.yml"))
        assert cfg.plugins["course"] is self.plugin
        self.rendered.clear()
        cfg.plugins.on_config(cfg)
        return [uri for uri in self.rendered]

    def full(self) -> dict[str, str]:
        return {p.uri: p.markdown for p in Renderer(load_course(self.project)).pages()}

    def pages(self) -> dict[str, str]:
        return {p.uri: p.markdown for p in self.plugin.pages}


@pytest.fixture
def serve_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = tmp_path / "course"
    generate.write_course(project, 40)
    generate.write_our_project(project, "Forty days")
    sessions: list[_Serve] = []
    real = Renderer._render

    def counting(self, uri, title, template, **context):
        for s in sessions:
            s.rendered.append(uri)
        return real(self, uri, title, template, **context)

    monkeypatch.setattr(Renderer, "_render", counting)

    def start(dirty: bool = True) -> _Serve:
        session = _Serve(project, dirty=dirty)
        sessions.append(session)
        return session

    yield project, start
    for s in sessions:
        s.plugins.on_shutdown()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_lesson_edit_renders_that_lesson_and_its_neighbours_and_matches_a_full_render(serve_session) -> None:
    project, start = serve_session
    serve = start()
    course = load_course(project)
    lesson = course.lessons[20]
    _edit(project / lesson.source, f"title: {lesson.title}", "title: A brand new title")
    rendered = serve.rebuild()
    lesson_pages = {serve.plugin.layout.lesson(x) for x in course.lessons}
    neighbours = {serve.plugin.layout.lesson(x) for x in course.lessons[19:22]}
    assert lesson_pages & set(rendered) == neighbours
    assert serve.pages() == serve.full()
    assert "A brand new title" in serve.pages()[serve.plugin.layout.lesson(course.lessons[19])]  # its "next" link


def test_a_lesson_body_edit_keeps_routine_worksheet_and_workbook_pages(serve_session) -> None:
    project, start = serve_session
    serve = start()
    course = load_course(project)
    lesson = course.lessons[20]
    _edit(project / lesson.source, "action: |\n  ", "action: |\n  A new first sentence. ")
    rendered = set(serve.rebuild())
    lay = serve.plugin.layout
    listing = {lay.routine(r.id) for r in course.routines} | {lay.worksheet(w.id) for w in course.worksheets}
    assert listing and not listing & rendered
    assert lay.lesson(lesson) in rendered and lay.summary in rendered
    assert serve.pages() == serve.full()


def test_a_lesson_edit_that_changes_its_worksheets_renders_the_worksheet_pages(serve_session) -> None:
    project, start = serve_session
    serve = start()
    course = load_course(project)
    lesson = next(x for x in course.lessons if x.data.worksheets)
    text = (project / lesson.source).read_text(encoding="utf-8")
    emptied = re.sub(r"worksheets:\n(?:- .*\n)+", "worksheets: []\n", text)
    assert emptied != text
    (project / lesson.source).write_text(emptied, encoding="utf-8")
    rendered = set(serve.rebuild())
    assert serve.plugin.layout.worksheet(lesson.data.worksheets[0]) in rendered
    assert serve.pages() == serve.full()


def test_an_edit_of_any_other_file_renders_every_page(serve_session) -> None:
    project, start = serve_session
    serve = start()
    _edit(project / "course" / "course.yml", "title: A 40-day course", "title: Forty days of practice")
    rendered = serve.rebuild()
    assert len(rendered) == len(serve.pages())
    assert serve.pages() == serve.full()


def test_edits_made_while_the_course_was_broken_are_not_lost(serve_session) -> None:
    project, start = serve_session
    serve = start()
    course = load_course(project)
    good, broken = course.lessons[5], course.lessons[30]
    _edit(project / good.source, f"title: {good.title}", "title: Edited while broken")
    _edit(project / broken.source, "objectives:", "objectivs:")
    with pytest.raises(Exception, match="has problems"):
        serve.rebuild()
    _edit(project / broken.source, "objectivs:", "objectives:")
    serve.rebuild()
    assert serve.pages() == serve.full()
    assert serve.pages()[serve.plugin.layout.lesson(good)].startswith("# Edited while broken")


def test_plain_serve_renders_every_page_after_a_lesson_edit(serve_session) -> None:
    project, start = serve_session
    serve = start(dirty=False)
    lesson = load_course(project).lessons[3]
    _edit(project / lesson.source, f"title: {lesson.title}", "title: Something else")
    assert len(serve.rebuild()) == len(serve.pages())
    assert serve.pages() == serve.full()


# --- Material's sidebars without their indentation -----------------------------------------


def test_compact_sidebars_collapses_only_the_sidebars() -> None:
    from mkdocs_course.mkdocs.plugin import compact_sidebars

    page = (
        "<head>\n    <title>T</title>\n</head>\n"
        '<div class="md-sidebar md-sidebar--primary">\n    <ul>\n      \n        <li>\n          <a href="a/">\n            Day 1: A\n          </a>\n        </li>\n    </ul>\n</div>\n'
        '<div class="md-sidebar md-sidebar--secondary">\n   <a href="#x">\n      X\n   </a>\n</div>\n'
        '<article>\n  <pre>  kept\n    as is</pre>\n  <p class="course-journal-text">\n  two\n    lines</p>\n</article>\n'
    )
    out = compact_sidebars(page)
    head, rest = out.split('<div class="md-sidebar md-sidebar--primary">')
    sidebars, article = rest.split("<article>")
    assert head == "<head>\n    <title>T</title>\n</head>\n"
    assert sidebars == '\n<ul>\n<li>\n<a href="a/">\nDay 1: A\n</a>\n</li>\n</ul>\n</div>\n<div class="md-sidebar md-sidebar--secondary">\n<a href="#x">\nX\n</a>\n</div>\n'
    assert article == '\n  <pre>  kept\n    as is</pre>\n  <p class="course-journal-text">\n  two\n    lines</p>\n</article>\n'
    assert compact_sidebars("<p>\n   no theme here</p>") == "<p>\n   no theme here</p>"


def test_built_pages_keep_every_nav_link_and_lose_the_indentation(shipped_site: Path) -> None:
    import re

    course = load_course(ROOT)
    lesson = course.lessons[0]
    html = (shipped_site / lesson.module_id / lesson.id / "index.html").read_text(encoding="utf-8")
    sidebars = html[html.index('<div class="md-sidebar md-sidebar--primary"') : html.index("<article")]
    assert not re.search(r"\n[ \t]", sidebars)
    links = re.findall(r'<a href="([^"]+)"[^>]*class="md-nav__link', sidebars)
    module = next(m for m in course.modules if m.id == lesson.module_id)
    assert len(module.lessons) > 1
    for other in module.lessons[1:]:
        assert f"../{other.id}/" in links


def test_compiled_templates_come_back_from_disk_and_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    import jinja2

    from mkdocs_course.render.pages import MemoryBytecodeCache

    folder = tmp_path / "cache"
    folder.mkdir()
    loader = jinja2.DictLoader({"page.j2": "Hello {{ name }}!"})

    def render(cache: MemoryBytecodeCache) -> str:
        return jinja2.Environment(loader=loader, bytecode_cache=cache).get_template("page.j2").render(name="you")

    # A first process compiles and writes the code; a second one (a new cache) reads it back.
    assert render(MemoryBytecodeCache(jinja2.FileSystemBytecodeCache(str(folder)))) == "Hello you!"
    written = list(folder.iterdir())
    assert len(written) == 1
    os.utime(written[0], ns=(1, 1))
    assert render(MemoryBytecodeCache(jinja2.FileSystemBytecodeCache(str(folder)))) == "Hello you!"
    assert written[0].stat().st_mtime_ns == 1, "loaded, not compiled and written again"
    # A damaged file: the template compiles again, the file is written afresh, and the build goes on.
    written[0].write_bytes(written[0].read_bytes()[:12] + b"\x80garbage")
    os.utime(written[0], ns=(1, 1))
    assert render(MemoryBytecodeCache(jinja2.FileSystemBytecodeCache(str(folder)))) == "Hello you!"
    assert written[0].stat().st_mtime_ns != 1
