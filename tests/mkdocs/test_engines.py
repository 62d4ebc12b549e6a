"""The course on every engine its authors may have in 2027 (decision D1; README, "Engines").

- MkDocs 1.6 with the plugin (the shipped site of every other test);
- ProperDocs 1.6.7, a maintained MkDocs 1.6 fork, with the plugin unchanged;
- Zensical, Material's successor, which runs no third-party plugin, on the folder
  `course export` writes.

`make engines` installs ProperDocs and Zensical in their own locked environments
(.venv-properdocs, .venv-zensical). Each site is built strict, then a learner uses
it in Chromium: a reflection and a worksheet answer survive a reload, the lesson is
marked done in the sidebar, the journal shows what was written, and the printed
lesson carries the answer.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

import quality
from conftest import ROOT, serving

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def run(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env={**ENV, "HOME": str(home)}, timeout=600)


def need(tool: Path) -> None:
    if not tool.exists():
        pytest.fail(f"{tool} is missing: `make engines` installs it (make test does)")


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need(PROPERDOCS)
    out = tmp_path_factory.mktemp("properdocs") / "site"
    result = run([str(PROPERDOCS), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)], ROOT, out.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need(ZENSICAL)
    folder = tmp_path_factory.mktemp("zensical") / "export"
    exported = run([str(ROOT / ".venv/bin/course"), "export", str(folder)], ROOT, folder.parent)
    assert exported.returncode == 0, exported.stdout + exported.stderr
    result = run([str(ZENSICAL), "build", "--strict"], folder, folder.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


def test_properdocs_runs_the_plugin_unchanged(properdocs_site: Path) -> None:
    home = (properdocs_site / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs 1.6.7' in home, "built by ProperDocs, not by MkDocs"
    ours = quality.manifest(properdocs_site)
    assert len(ours["lessons"]) == len(list((ROOT / "lessons").rglob("[0-9]*.yml")))
    assert all(quality.html_file(properdocs_site, lesson["url"]) for lesson in ours["lessons"])


def test_zensical_builds_the_export_with_every_page(zensical_site: Path) -> None:
    ours = quality.manifest(zensical_site)
    assert all(quality.html_file(zensical_site, lesson["url"]) for lesson in ours["lessons"])
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert "assets/mkdocs-course/course.js" in home and "assets/mkdocs-course/track-data.js" in home


def test_every_link_of_the_zensical_build_resolves(zensical_site: Path) -> None:
    # Zensical resolves links in raw HTML against the Markdown file, MkDocs leaves them as
    # written: the export uses file URLs (page.html), where the two are the same.
    problems, checked = quality.broken_links(zensical_site)
    assert checked > 1000
    assert problems == [], f"{len(problems)} broken links, first: " + "; ".join(problems[:5])


def learner_uses(browser, site: Path) -> None:
    """A learner's first day on `site`: what must work whatever built it."""
    ours = quality.manifest(site)
    first, second = ours["lessons"][0], ours["lessons"][1]
    sheet = ours["worksheets"][0]
    with serving(site) as base:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            page.goto(base + first["url"])
            box = page.locator(".course-reflection textarea").first
            box.fill("Written on this engine")
            page.reload()
            assert page.locator(".course-reflection textarea").first.input_value() == "Written on this engine"
            # Printed, the lesson carries the answer.
            page.emulate_media(media="print")
            text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages)
            assert "Written on this engine" in text
            page.emulate_media(media="screen")
            page.get_by_role("button", name="Mark this lesson done").click()
            page.goto(base + second["url"])
            name = first["url"].rstrip("/").rsplit("/", 1)[-1]  # `lesson/` or `lesson.html` (the export's file URLs)
            mark = page.locator(f'nav a[href$="{name}/"] .course-mark, nav a[href$="{name}"] .course-mark').first
            assert mark.inner_text().startswith("✓")

            page.goto(base + sheet["url"])
            field = page.locator("form.course-worksheet input[type=text]").first
            field.fill("An answer")
            page.reload()
            assert page.locator("form.course-worksheet input[type=text]").first.input_value() == "An answer"

            page.goto(base + ours["pages"]["journal"])
            journal = page.locator("article").first.inner_text()
            assert "Written on this engine" in journal and "An answer" in journal
            assert errors == []
        finally:
            context.close()


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_a_learner_can_use_the_site_of_each_engine(engine: str, browser, request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue({"mkdocs": "shipped_site", "properdocs": "properdocs_site", "zensical": "zensical_site"}[engine])
    learner_uses(browser, site)
