"""`course export DIR`: plain Markdown that another engine builds into the same course.

The proof is a build: the exported folder is built by MkDocs with no course
plugin at all, and its pages, assets and course.json are compared with the
plugin's own build of the same course.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from conftest import FIXTURES, MKDOCS_YML, ROOT, copy_course, mkdocs_build
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


# A site around the course, as an author would have one: its own name, palette, features,
# Markdown extensions (with a tag only MkDocs reads), `extra` from the environment, another
# plugin, a custom_dir, pages of its own (one excluded, one folder kept apart) and an image.
SITE_YML = """\
site_name: Our learning site
docs_dir: docs
use_directory_urls: false
strict: true
exclude_docs: |
  /private.md
theme:
  name: material
  font: false
  custom_dir: overrides
  features:
    - navigation.indexes
    - search.highlight
  palette:
    - scheme: slate
      primary: teal
      accent: deep orange
plugins:
  - search
  - course:
      apart: [authors]
markdown_extensions:
  - toc:
      permalink: false
  - admonition
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
extra:
  team: !ENV [COURSE_TEST_TEAM, "the learning team"]
"""
SITE_PAGES = {
    "docs/welcome.md": "# Welcome\n\n!!! note\n    Start with the first lesson. :smile:\n\n![Our logo](images/logo.svg)\n",
    "docs/help/index.md": "# Help\n\nAsk the team.\n",
    "docs/help/faq.md": "# Questions\n\nSee [help](index.md).\n",
    "docs/authors/index.md": "# Writing lessons\n\n<!-- course:error-catalogue -->\n",
    "docs/private.md": "# Not for the site\n",
    "docs/images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\n',
    "overrides/main.html": '{% extends "base.html" %}\n{% block announce %}News from {{ config.extra.team }}{% endblock %}\n',
}


def site_around(project: Path) -> Path:
    (project / "mkdocs.yml").write_text(SITE_YML, encoding="utf-8")
    for rel, text in SITE_PAGES.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result]:
    """The mini course in a site of its own, built by the plugin, and exported then built by MkDocs without it."""
    base = tmp_path_factory.mktemp("export")
    project = site_around(copy_course(FIXTURES / "mini", base / "mini"))
    built = mkdocs_build(project, "--strict")
    assert built.returncode == 0, built.stderr
    result = run(project, "export", "../exported")
    exported = base / "exported"
    rebuilt = mkdocs_build(exported, "--strict")
    assert rebuilt.returncode == 0, rebuilt.stderr
    return project / "site", exported, result


def test_export_reports_what_it_wrote(builds: tuple[Path, Path, Result]) -> None:
    _, exported, result = builds
    pages = len(Renderer(load_course(FIXTURES / "mini")).pages()) + 4  # and the site's own four
    written = json.loads((exported / export.EXPORT_MARKER).read_text(encoding="utf-8"))["files"]
    assert result.exit_code == 0
    assert result.stdout == (
        f"wrote {pages} pages and {len(written) - pages} other files to ../exported\n"
        "build it with: mkdocs build -f ../exported/mkdocs.yml, or with `zensical build` in ../exported\n"
    )


def test_the_export_needs_no_course_plugin(builds: tuple[Path, Path, Result]) -> None:
    _, exported, _ = builds
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^plugins:\n- search\n", config, re.M), "the site's other plugins, without the course's"
    assert "course" not in re.search(r"^plugins:\n((?:- .*\n)*)", config, re.M).group(1)


def test_the_export_keeps_the_sites_settings(builds: tuple[Path, Path, Result]) -> None:
    _, exported, _ = builds
    text = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    # Tags only MkDocs reads are written back as they were; !ENV is read, as MkDocs reads it.
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in text
    config = yaml.load(text, Loader=yaml.Loader)  # noqa: S506  our own test file, with python/name tags
    assert config["site_name"] == "Our learning site" and config["docs_dir"] == "docs" and config["strict"] is True
    assert config["theme"]["palette"] == [{"scheme": "slate", "primary": "teal", "accent": "deep orange"}]
    assert config["theme"]["features"] == ["navigation.indexes", "search.highlight"]
    assert config["theme"]["custom_dir"] == "overrides" and config["theme"]["icon"] == {"logo": "material/school-outline"}
    assert [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]] == ["toc", "admonition", "pymdownx.emoji"]
    assert config["extra"]["team"] == "the learning team" and config["extra"]["generator"] is False
    assert config["not_in_nav"] == "/authors/\n"
    assert "exclude_docs" not in config and not (exported / "docs/private.md").exists()
    assert (exported / "docs/images/logo.svg").read_bytes() == (exported.parent / "mini/docs/images/logo.svg").read_bytes()
    # The site's nav: the course, then its own pages, a folder as a section; the authors' folder is kept apart.
    assert config["nav"][-2:] == ["welcome.md", {"Help": ["help/index.md", "help/faq.md"]}]
    assert "## Reading the file" in (exported / "docs/authors/index.md").read_text(encoding="utf-8"), "the guide's markers are expanded"


def test_the_exported_site_looks_like_the_plugins(builds: tuple[Path, Path, Result]) -> None:
    # Around the course's text: the palette, the site's custom_dir, the package's theme fixes,
    # the footer line with the pages kept apart, the icon, the favicon and the description.
    site, exported, _ = builds

    def look(html: str) -> list[str]:
        parts = [
            re.search(r"<title>.*?</title>", html).group(0),  # the tab: the course page's own title
            re.search(r'<body [^>]*data-md-color-scheme="[^"]*"[^>]*>', html).group(0),
            re.search(r'<nav class="course-footer".*?</nav>', html, re.S).group(0),
            re.search(r'<div class="md-banner__inner[^"]*"[^>]*>(.*?)</div>', html, re.S).group(1).strip(),
            re.search(r'<link rel="icon" href="[^"]*">', html).group(0),
            re.search(r'<meta name="description" content="[^"]*">', html).group(0),
            re.search(r'<div class="md-search"[^>]*>', html).group(0),
        ]
        assert "News from the learning team" in parts[3] and 'aria-label="Search"' in parts[6]
        return parts

    for page in ("index.html", "basics/basics-first.html", "welcome.html", "authors/index.html"):
        assert look((exported / "site" / page).read_text(encoding="utf-8")) == look((site / page).read_text(encoding="utf-8")), page
    footer = re.search(r'<nav class="course-footer".*?</nav>', (exported / "site/index.html").read_text(encoding="utf-8"), re.S).group(0)
    assert ">Writing lessons</a>" in footer and ">About this course</a>" in footer


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

    page = "basics/basics-first.html"
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
    assert yaml.load((exported / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)["nav"][: len(nav)] == nav  # noqa: S506
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
    assert json.loads((docs / "learn/course.json").read_text(encoding="utf-8"))["course"]["url"] == "learn/index.html"  # file URLs (export.DIRECTORY_URLS)


def test_export_with_template_overrides(mini_course: Path, tmp_path: Path) -> None:
    overrides = tmp_path / "theme"
    (overrides / "course").mkdir(parents=True)
    (overrides / "course/summary.md.j2").write_text("# Our own summary\n", encoding="utf-8")
    assert run(mini_course, "export", str(tmp_path / "out"), "--templates", str(overrides)).exit_code == 0
    assert (tmp_path / "out/docs/summary.md").read_text(encoding="utf-8") == "---\ntitle: Course summary\n---\n\n# Our own summary\n"


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

    from mkdocs_course.mkdocs.serve import PROBLEMS_SCRIPT
    from mkdocs_course.render import lms

    packaged = sorted(a.name for a in (resources.files("mkdocs_course") / "assets").iterdir() if a.is_file())
    # The last two only under mkdocs serve, and in a SCORM package.
    assert sorted([*site.PACKAGE_ASSETS, *site.PAGE_ASSETS, PROBLEMS_SCRIPT, lms.CODE_SCRIPT]) == packaged


# --- the site around the course ----------------------------------------------------------------


def test_a_course_without_a_site_exports_with_the_plugins_defaults(tmp_path: Path) -> None:
    project = copy_course(FIXTURES / "mini", tmp_path / "mini")
    (project / "mkdocs.yml").unlink()
    assert run(project, "export", str(tmp_path / "out")).exit_code == 0
    config = yaml.safe_load((tmp_path / "out/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Mini course" and config["plugins"] == ["search"]
    assert config["theme"]["features"] == ["navigation.indexes", "navigation.prune"] and config["theme"]["font"] is False
    assert mkdocs_build(tmp_path / "out", "--strict").returncode == 0


def test_a_site_page_with_a_course_pages_url_is_refused_as_the_plugin_refuses_it(mini_course: Path, tmp_path: Path) -> None:
    (mini_course / "docs/about.md").write_text("# About us\n", encoding="utf-8")
    result = run(mini_course, "export", str(tmp_path / "out"))
    assert result.exit_code == 1
    said = "These pages in docs_dir have the same URL as course pages: about.md (URL /{url} is the course page about.md)."
    assert said.format(url="about.html") in result.stderr and "set the plugin's `prefix` option" in result.stderr
    assert not (tmp_path / "out").exists()
    built = mkdocs_build(mini_course)
    assert built.returncode != 0 and said.format(url="about/") in built.stderr


def test_a_broken_mkdocs_yml_is_named_and_nothing_is_written(mini_course: Path, tmp_path: Path) -> None:
    (mini_course / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    result = run(mini_course, "export", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == "Error: mkdocs.yml:2:1: the site's settings are not valid YAML: expected ',' or ']', but got '<stream end>'\n"
    assert not (tmp_path / "out").exists()


def test_the_prefix_comes_from_the_plugins_options_unless_given(mini_course: Path, tmp_path: Path) -> None:
    (mini_course / "mkdocs.yml").write_text(MKDOCS_YML.format(options=":\n      prefix: learn"), encoding="utf-8")
    assert run(mini_course, "export", str(tmp_path / "a")).exit_code == 0
    assert (tmp_path / "a/docs/learn/index.md").is_file()
    assert run(mini_course, "export", str(tmp_path / "b"), "--prefix", "").exit_code == 0
    assert (tmp_path / "b/docs/index.md").is_file()


@pytest.mark.parametrize("theme", ["theme:\n  name: mkdocs\n", "theme: mkdocs\n"])  # the short form too
def test_a_site_without_material_keeps_its_theme(mini_course: Path, tmp_path: Path, theme: str) -> None:
    (mini_course / "mkdocs.yml").write_text("site_name: Plain\n" + theme + "plugins:\n  - course\n", encoding="utf-8")
    assert run(mini_course, "export", str(tmp_path / "out")).exit_code == 0
    config = yaml.safe_load((tmp_path / "out/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"] == {"name": "mkdocs"} and "course_footer" not in (config.get("extra") or {})
    assert not (tmp_path / "out/overrides").exists()


# --- PDFs ----------------------------------------------------------------------------------------


def pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.mark.browser
def test_export_with_pdfs_carries_the_plugins_workbooks(tmp_path: Path) -> None:
    # The same PDFs as the plugin prints (paper from the plugin's options), put in docs/ so every engine publishes them.
    project = copy_course(FIXTURES / "mini", tmp_path / "mini")
    (project / "mkdocs.yml").write_text("use_directory_urls: false\n" + MKDOCS_YML.format(options=":\n      pdf: true\n      pdf_paper: Letter"), encoding="utf-8")
    built = mkdocs_build(project, "--strict")
    assert built.returncode == 0, built.stderr
    # In its own process, as an author runs it: in this one a browser test's Playwright may already run.
    result = subprocess.run([str(ROOT / ".venv/bin/course"), "export", str(tmp_path / "out"), "--pdf"], cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote ") and ", 4 PDFs and " in result.stdout
    exported = tmp_path / "out"
    data = json.loads((exported / "docs/course.json").read_text(encoding="utf-8"))
    made = [p["pdf"] for p in data["packs"]] + [c["pack_pdf"] for c in data["cohorts"]]
    assert len(made) == 4
    for rel in made:
        theirs, ours = pdf_text(project / "site" / rel), pdf_text(exported / "docs" / rel)
        assert ours == theirs, rel
    from pypdf import PdfReader

    first = PdfReader(exported / "docs" / made[0])
    assert (round(float(first.pages[0].mediabox.width)), round(float(first.pages[0].mediabox.height))) == (612, 792)  # Letter
    assert first.metadata.title == "Mini course: workbook, whole course"
    rebuilt = mkdocs_build(exported, "--strict")
    assert rebuilt.returncode == 0, rebuilt.stderr
    html = (exported / "site/workbooks/whole-course.html").read_text(encoding="utf-8")
    link = re.search(r'href="([^"]+\.pdf)" download>Download the PDF \(Letter\)', html)
    assert link and (exported / "site/workbooks" / link.group(1)).resolve().read_bytes() == (exported / "docs" / made[0]).read_bytes()


def test_export_with_pdfs_and_no_browser_writes_nothing(mini_course: Path, tmp_path: Path) -> None:
    (mini_course / "mkdocs.yml").write_text(MKDOCS_YML.format(options=":\n      pdf_browser: /no/such/chromium"), encoding="utf-8")
    result = run(mini_course, "export", str(tmp_path / "out"), "--pdf")
    assert result.exit_code == 1
    assert "The browser `/no/such/chromium` given in `pdf_browser` was not found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_export_warns_of_a_typo_in_mkdocs_yml_and_still_exports(mini_course: Path, tmp_path: Path) -> None:
    (mini_course / "mkdocs.yml").write_text(MKDOCS_YML.format(options=":\n      pfd: true") + "markdown_extension: [toc]\n", encoding="utf-8")
    result = run(mini_course, "export", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: mkdocs.yml: unknown setting `markdown_extension` (did you mean `markdown_extensions`?)\n"
        "warning: mkdocs.yml: the course plugin has no option `pfd` (did you mean `pdf`?)\n"
    )


def test_a_translation_exports_as_a_site_of_its_own(tmp_path: Path) -> None:
    import shutil

    from conftest import edit

    project = copy_course(FIXTURES / "mini", tmp_path / "mini")
    shutil.copytree(FIXTURES / "translations/es", project / "translations/es", ignore=shutil.ignore_patterns("*.md"))
    edit(project, "course/course.yml", "language: en", "language: en\ntranslations: [es]")
    with contextlib.chdir(project):
        done = CliRunner().invoke(cli.main, ["export", str(tmp_path / "es"), "--language", "es"], catch_exceptions=False)
        missing = CliRunner().invoke(cli.main, ["export", str(tmp_path / "fr"), "--language", "fr"], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    settings = yaml.load((tmp_path / "es/mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert settings["theme"]["language"] == "es" and settings["theme"]["direction"] == "ltr"
    assert (tmp_path / "es/docs/basics/basics-first.md").read_text(encoding="utf-8").startswith("---\ntitle: Primera lección\n---")
    assert missing.exit_code == 2 and "there is no translations/fr/" in missing.output and not (tmp_path / "fr").exists()
