"""A course in several languages (mkdocs/languages.py): the course's site with each translation
in a folder of it, a language switcher that keeps the page, and a learner's answers that
follow them across languages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_course, edit, mkdocs_build

pytestmark = pytest.mark.build


def multilingual(root: Path) -> Path:
    project = copy_course(FIXTURES / "mini", root / "mini")
    shutil.copytree(FIXTURES / "translations/es", project / "translations/es", ignore=shutil.ignore_patterns("*.md"))
    edit(project, "course/course.yml", "language: en", "language: en\ntranslations: [es]")
    return project


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = multilingual(tmp_path_factory.mktemp("languages"))
    built = mkdocs_build(project, "--strict")
    assert built.returncode == 0, built.stderr
    return project / "site"


def switcher(html: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link">\s*([^<]*?)\s*</a>', html)


def test_each_language_is_a_whole_site_in_its_own_words(two_languages: Path) -> None:
    english = (two_languages / "basics/basics-first/index.html").read_text(encoding="utf-8")
    spanish = (two_languages / "es/basics/basics-first/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and "First lesson" in english
    assert '<html lang="es"' in spanish and "Primera lección" in spanish and "First lesson" not in spanish
    assert "Hoy vas a" in spanish  # the site's own words from the Spanish catalog
    # Same pages, same paths: a translation cannot change the course's structure.
    pages = lambda root: sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if not p.relative_to(root).as_posix().startswith("es/"))  # noqa: E731
    assert pages(two_languages / "es") == pages(two_languages)


def test_the_switcher_names_each_language_in_its_own_words_and_leads_to_its_home(two_languages: Path) -> None:
    english = switcher((two_languages / "basics/basics-first/index.html").read_text(encoding="utf-8"))
    assert english == [("../../", "en", "English"), ("../../es/", "es", "Español")]
    assert switcher((two_languages / "index.html").read_text(encoding="utf-8")) == [("./", "en", "English"), ("es/", "es", "Español")]
    spanish = switcher((two_languages / "es/basics/basics-first/index.html").read_text(encoding="utf-8"))
    assert spanish == [("../../../", "en", "English"), ("../../", "es", "Español")]  # the course's own site is one folder up


@pytest.mark.parametrize(("site_name", "course_title", "spanish_title", "shown"), [
    ("Mini course", "Mini course", "Curso mini", "Curso mini"),
    # The shipped course's case: the site is named after the title's part before a colon.
    ("Mini", "'Mini: a tiny course'", "'Mini: un curso diminuto'", "Mini"),
    ("Mini", "'Mini: a tiny course'", "'Curso mini: diminuto'", "Curso mini"),
])
def test_a_site_named_after_the_course_is_named_in_each_language(tmp_path: Path, site_name: str, course_title: str, spanish_title: str, shown: str) -> None:
    project = multilingual(tmp_path)
    yml = project / "mkdocs.yml"
    yml.write_text(re.sub(r"(?m)^site_name: .*$", f"site_name: {site_name}", yml.read_text(encoding="utf-8")), encoding="utf-8")
    edit(project, "course/course.yml", "title: Mini course", f"title: {course_title}")
    edit(project, "translations/es/course/course.yml", "title: Curso mini", f"title: {spanish_title}")
    built = mkdocs_build(project, "--strict")
    assert built.returncode == 0, built.stderr
    title = lambda rel: re.search(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', (project / "site" / rel).read_text(encoding="utf-8")).group(1)  # noqa: E731
    assert title("index.html") == site_name and title("es/index.html") == shown


def test_the_build_log_says_untranslated_text_in_one_line_per_language(tmp_path: Path) -> None:
    project = multilingual(tmp_path)
    (project / "translations/es/lessons/basics/02-second.yml").unlink()
    (project / "translations/es/lessons/practice/01-only.yml").unlink()
    built = mkdocs_build(project, "--strict")
    assert built.returncode == 0, built.stderr
    assert "2 files with text not yet translated into Spanish (`course validate` lists each)" in built.stderr
    assert "not translated into Spanish yet, starting here" not in built.stderr
    # and the feed, which browsers find from every page's head, is named in each language
    assert 'title="Curso mini: lecciones diarias"' in (project / "site/es/index.html").read_text(encoding="utf-8")


def test_a_translation_with_an_error_stops_the_build_and_the_old_site_stays(tmp_path: Path) -> None:
    project = multilingual(tmp_path)
    assert mkdocs_build(project, "--strict").returncode == 0
    before = (project / "site/es/index.html").read_text(encoding="utf-8")
    edit(project, "translations/es/lessons/basics/01-first.yml", "title: Primera lección", "title: Primera lección\nminutes: 99")
    built = mkdocs_build(project, "--strict")
    assert built.returncode != 0
    assert "translations/es/lessons/basics/01-first.yml:4:10: error: `minutes` is not text to translate" in built.stderr
    assert (project / "site/es/index.html").read_text(encoding="utf-8") == before and (project / "site/index.html").is_file()


def switch_language(page, name: str, lands_on: str) -> None:
    """As on a phone: tap the translate button (its focus opens the list), then tap the language.

    It used to hover and click, and once in CI (under load) the click went in while the list
    was still opening and nothing navigated; a tap on a link seen in the viewport, inside
    expect_navigation, says what happened when it fails."""
    from playwright.sync_api import expect

    page.locator(".md-header__option .md-select button").first.tap()
    link = page.locator(".md-select__link", has_text=name)
    expect(link).to_be_in_viewport()
    page.wait_for_function("el => getComputedStyle(el.closest('.md-select__inner')).opacity === '1'", arg=link.element_handle())
    with page.expect_navigation(url=re.compile(lands_on)):
        link.tap()


@pytest.mark.browser
def test_a_learner_answers_in_english_switches_to_spanish_and_finds_the_answer(browser, two_languages: Path) -> None:
    import quality

    base = quality.served(two_languages)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(base + "basics/basics-first/")
        box = page.locator("textarea").first
        box.fill("To find a sponsor this year.")
        box.blur()
        page.wait_for_timeout(300)
        # The switcher: Material's translate button, then the language; the same lesson opens in Spanish.
        switch_language(page, "Español", r"/es/basics/basics-first/$")
        assert page.locator("h1").inner_text() == "Primera lección"
        assert page.locator("textarea").first.input_value() == "To find a sponsor this year."
        # and back, from the Spanish page to the same page in English
        switch_language(page, "English", r"/basics/basics-first/$")
        assert "/es/" not in page.url and page.locator("h1").inner_text() == "First lesson"
    finally:
        context.close()


@pytest.mark.browser
def test_the_switcher_keeps_the_page_whichever_sitemap_comes_first(browser, two_languages: Path) -> None:
    """Material's own handler for the switcher (integrations/alternate) reads each language's
    sitemap and, for a link into another language, opens that language's home when the page is
    not in its sitemap (without `site_url` no page is). Whether it acted depended on which sitemap
    arrived first, so a learner on a lesson was sometimes taken to the Spanish home: the flake in
    CI. Here the English sitemap never arrives and the Spanish one has, the case that lost the page."""
    import quality

    base = quality.served(two_languages)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    held = []
    try:
        context.route(re.compile(r"^http://[^/]+/sitemap\.xml$"), lambda route: held.append(route))  # never answered
        page = context.new_page()
        with page.expect_response(re.compile(r"/es/sitemap\.xml$")):
            page.goto(base + "basics/basics-first/")
        page.wait_for_timeout(200)  # Material files the sitemap it got
        switch_language(page, "Español", r"/es/basics/basics-first/$")
        assert page.locator("h1").inner_text() == "Primera lección"
        assert held, "the English sitemap was asked for and held"
    finally:
        context.close()


def test_the_guide_shows_the_fixture_translation_and_the_real_warning() -> None:
    from conftest import ROOT
    from mkdocs_course.load import catalogue

    guide = (ROOT / "docs/authors/translating.md").read_text(encoding="utf-8")
    lesson = re.search(r"A translated lesson, all of it.*?```yaml\n(.*?)```", guide, re.S)
    assert lesson and lesson.group(1) == (FIXTURES / "translations/es/lessons/basics/01-first.yml").read_text(encoding="utf-8")
    # The warning it shows is what `course validate` prints (tests/cli/test_cli_errors.py checks the catalogue's example).
    example = next(e for e in catalogue.entries() if e.key == "untranslated").example
    assert example and "\n".join("    " + line if line else line for line in example.splitlines()) in guide
