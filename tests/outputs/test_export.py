"""`course export DIR`: plain Markdown that another engine builds into the same course.

The proof is a build: the exported folder is built by MkDocs with no course
plugin at all, and its pages, assets and course.json are compared with the
plugin's own build of the same course.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from conftest import FIXTURES, copy_course, mkdocs_build
from mkdocs_course import cli
from mkdocs_course.outputs import export, site
from mkdocs_course.model import schema
from mkdocs_course.load.loader import load_course
from mkdocs_course.render.urls import Layout
from mkdocs_course.render.pages import Renderer


def run(cwd: Path, *args: str) -> Result:
    with contextlib.chdir(cwd):
        return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def article(html: str) -> str:
    """The page's own content: what the course wrote, without the theme around it.

    Blank lines are dropped: the plugin sets its HTML blocks aside from Markdown
    (rawhtml.py), which moves a few of them and changes nothing else.
    """
    match = re.search(r"<article[^>]*>(.*?)</article>", html, re.S)
    assert match, "no <article> in the page"
    return re.sub(r"\n\s*\n", "\n", match.group(1))


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result]:
    """The mini course built by the plugin, and exported then built by MkDocs without it."""
    base = tmp_path_factory.mktemp("export")
    project = copy_course(FIXTURES / "mini", base / "mini")
    built = mkdocs_build(project, "--strict")
    assert built.returncode == 0, built.stderr
    result = run(project, "export", "../exported")
    exported = base / "exported"
    rebuilt = mkdocs_build(exported, "--strict")
    assert rebuilt.returncode == 0, rebuilt.stderr
    return project / "site", exported, result


def test_export_reports_what_it_wrote(builds: tuple[Path, Path, Result]) -> None:
    _, exported, result = builds
    pages = len(Renderer(load_course(FIXTURES / "mini")).pages())
    written = json.loads((exported / export.EXPORT_MARKER).read_text(encoding="utf-8"))["files"]
    assert result.exit_code == 0
    assert result.stdout == (
        f"wrote {pages} pages and {len(written) - pages} other files to ../exported\n"
        "build it with: mkdocs build -f ../exported/mkdocs.yml\n"
    )


def test_the_export_needs_no_course_plugin(builds: tuple[Path, Path, Result]) -> None:
    _, exported, _ = builds
    config = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search"]
    assert config["docs_dir"] == "docs" and config["site_name"] == "Mini course"


def test_the_export_builds_the_same_pages(builds: tuple[Path, Path, Result]) -> None:
    site, exported, _ = builds
    rebuilt = exported / "site"
    plugin_pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    export_pages = sorted(p.relative_to(rebuilt).as_posix() for p in rebuilt.rglob("*.html"))
    assert export_pages == plugin_pages
    for page in plugin_pages:
        if page == "404.html":
            continue
        same = article((site / page).read_text(encoding="utf-8")) == article((rebuilt / page).read_text(encoding="utf-8"))
        assert same, f"{page} differs between the plugin's build and the exported build"


def test_the_export_ships_every_file_the_pages_use(builds: tuple[Path, Path, Result]) -> None:
    # Assets, calendar feeds, schemas, course.json: byte for byte what the plugin publishes.
    site, exported, _ = builds
    plugin_files = {k: v for k, v in tree(site).items() if not k.endswith((".html", ".gz", ".xml")) and not k.startswith(("assets/javascripts", "assets/stylesheets", "assets/images", "search/"))}
    export_files = {k: v for k, v in tree(exported / "site").items() if k in plugin_files}
    assert sorted(plugin_files) == sorted(export_files)
    for name in plugin_files:
        assert export_files[name] == plugin_files[name], f"{name} differs"
    assert "course.json" in plugin_files and "schema/lesson.schema.json" in plugin_files
    assert any(name.endswith(".ics") for name in plugin_files)


def test_the_exported_site_loads_the_same_styles_and_scripts(builds: tuple[Path, Path, Result]) -> None:
    site, exported, _ = builds

    def links(html: str) -> list[str]:
        return re.findall(r'(?:href|src)="([^"]*mkdocs-course[^"]*)"', html)

    page = "basics/basics-first/index.html"
    assert links((exported / "site" / page).read_text(encoding="utf-8")) == links((site / page).read_text(encoding="utf-8"))


def test_summary_and_nav(builds: tuple[Path, Path, Result]) -> None:
    _, exported, _ = builds
    summary = (exported / "SUMMARY.md").read_text(encoding="utf-8").splitlines()
    assert summary[:3] == ["# Summary", "", "- [Home](index.md)"]
    basics = summary.index("- 1\\. Basics")  # escaped: `- 1. Basics` would start a numbered list
    assert summary[basics + 1 : basics + 3] == ["    - [Basics](basics/index.md)", "    - [Day 1: First lesson](basics/basics-first.md)"]
    for line in summary:
        target = re.search(r"\]\(([^)]+)\)", line)
        if target:
            assert (exported / "docs" / target.group(1)).is_file(), line
    nav = yaml.safe_load((exported / "nav.yml").read_text(encoding="utf-8"))["nav"]
    assert nav == yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    # A module's own page has no title in the nav: the engine takes its heading, so the tab says "Basics", not "Overview".
    assert {"1. Basics": ["basics/index.md", {"Day 1: First lesson": "basics/basics-first.md"}, {"Day 2: Second lesson": "basics/basics-second.md"}]} in nav


# --- exporting again, and what is refused ----------------------------------------------------


def test_export_again_replaces_the_earlier_export(mini_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(mini_course, "export", str(out)).exit_code == 0
    (out / "site").mkdir()
    (out / "site/keep.txt").write_text("the author's own", encoding="utf-8")
    # Remove a lesson: its page must not linger in the next export.
    (mini_course / "lessons/basics/02-second.yml").unlink()
    assert run(mini_course, "export", str(out)).exit_code == 0
    assert not (out / "docs/basics/basics-second.md").exists()
    assert (out / "docs/basics/basics-first.md").is_file()
    assert (out / "site/keep.txt").read_text(encoding="utf-8") == "the author's own"


def test_export_refuses_a_folder_with_other_files(mini_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.md").write_text("mine", encoding="utf-8")
    result = run(mini_course, "export", str(out))
    assert result.exit_code == 2
    assert f"Invalid value for DIR: {out} is not empty and holds no earlier export; choose an empty or new folder" in result.stderr
    assert tree(out) == {"notes.md": b"mine"}


def test_export_refuses_a_file(mini_course: Path, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x", encoding="utf-8")
    result = run(mini_course, "export", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def test_export_refuses_a_damaged_marker(mini_course: Path, tmp_path: Path) -> None:
    (tmp_path / export.EXPORT_MARKER).write_text("{not json", encoding="utf-8")
    result = run(mini_course, "export", str(tmp_path))
    assert result.exit_code == 2
    assert "is damaged" in result.stderr and "delete the folder and export again" in result.stderr


def test_export_never_deletes_outside_its_folder(mini_course: Path, tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / export.EXPORT_MARKER).write_text(json.dumps({"files": ["../precious.txt"]}), encoding="utf-8")
    assert run(mini_course, "export", str(out)).exit_code == 0
    assert outside.read_text(encoding="utf-8") == "keep"


def test_export_of_a_broken_course_writes_nothing(mini_course: Path, tmp_path: Path) -> None:
    path = mini_course / "lessons/basics/01-first.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("minutes: 10", "minuts: 10"), encoding="utf-8")
    result = run(mini_course, "export", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stdout == "lessons/basics/01-first.yml:3:1: error: unknown key `minuts`\n    hint: did you mean `minutes`?\n"
    assert result.stderr == "1 error in 1 file; nothing was written.\n"
    assert not (tmp_path / "out").exists()


def test_export_outside_a_course_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path, "export", "out")
    assert result.exit_code == 2
    assert "Invalid value for --course: '.' is not a course folder" in result.stderr


def test_export_with_a_prefix(mini_course: Path, tmp_path: Path) -> None:
    assert run(mini_course, "export", str(tmp_path / "out"), "--prefix", "learn").exit_code == 0
    docs = tmp_path / "out/docs"
    assert (docs / "learn/index.md").is_file() and (docs / "learn/basics/basics-first.md").is_file()
    assert (docs / "learn/course.json").is_file() and (docs / "learn/schema/lesson.schema.json").is_file()
    assert json.loads((docs / "learn/course.json").read_text(encoding="utf-8"))["course"]["url"] == "learn/"


def test_export_with_template_overrides(mini_course: Path, tmp_path: Path) -> None:
    overrides = tmp_path / "theme"
    (overrides / "course").mkdir(parents=True)
    (overrides / "course/summary.md.j2").write_text("# Our own summary\n", encoding="utf-8")
    assert run(mini_course, "export", str(tmp_path / "out"), "--templates", str(overrides)).exit_code == 0
    assert (tmp_path / "out/docs/summary.md").read_text(encoding="utf-8") == "# Our own summary\n"


def test_nav_titles_cannot_inject_markup(mini_course: Path) -> None:
    path = mini_course / "lessons/basics/01-first.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: First lesson", 'title: "</title><script>x()</script> & more"'), encoding="utf-8")
    content = export.files(load_course(mini_course), layout=Layout())
    for name in ("nav.yml", "mkdocs.yml", "SUMMARY.md"):
        text = str(content[name])
        assert "<script>" not in text and "</title>" not in text, name
        assert "‹script›" in text, name


def test_every_schema_is_exported() -> None:
    content = export.files(load_course(FIXTURES / "mini"))
    for name, text in schema.schemas().items():
        assert content[f"docs/schema/{name}"] == text


def test_every_packaged_asset_is_listed() -> None:
    # The plugin and the export serve site.ASSETS; an asset added to the package but not the list would be missing from both.
    from importlib import resources

    packaged = sorted(a.name for a in (resources.files("mkdocs_course") / "assets").iterdir() if a.is_file())
    assert sorted(site.PACKAGE_ASSETS + site.PAGE_ASSETS) == packaged
