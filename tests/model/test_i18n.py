"""The site's words in the course's language (model/i18n.py): the catalogs are complete and
current, each translation keeps its message's placeholders, and plural forms line up with
the browser's plural categories."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from conftest import ROOT
from mkdocs_course.model import i18n

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def messages(path: Path) -> dict[object, object]:
    with path.open("rb") as f:
        return {m.id: m for m in read_po(f) if m.id}


def test_the_template_holds_every_message_of_the_code(tmp_path: Path) -> None:
    # A message added to a template or script without `make i18n` would never be translated.
    # Extracted here exactly as `make i18n` does it (its options are read from the Makefile).
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"pybabel --quiet extract (.+?) -o \$\(LOCALE\)/mkdocs_course.pot \.", makefile)
    assert found, "make i18n extracts with pybabel"
    fresh = tmp_path / "fresh.pot"
    subprocess.run([str(ROOT / ".venv/bin/pybabel"), "--quiet", "extract", *found.group(1).split(), "-o", str(fresh), "."], cwd=ROOT, check=True)
    assert sorted(map(str, messages(fresh))) == sorted(map(str, messages(i18n.TEMPLATE))), "run `make i18n`"


@pytest.mark.parametrize("language", [x for x in i18n.shipped_languages() if x != i18n.SOURCE_LANGUAGE] or ["none"])
def test_every_catalog_translates_every_message_and_keeps_its_placeholders(language: str) -> None:
    if language == "none":
        pytest.skip("no catalog shipped yet")
    wanted = messages(i18n.TEMPLATE)
    have = messages(i18n.catalog_path(language))
    missing = [str(k) for k in wanted if k not in have or not have[k].string or (isinstance(have[k].string, tuple) and not all(have[k].string)) or have[k].fuzzy]
    assert missing == [], f"{language}: {len(missing)} messages untranslated (make i18n, then translate)"
    for key, message in have.items():
        if key not in wanted:
            continue
        source = " ".join(key) if isinstance(key, tuple) else key
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            assert set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(source)) | {"num"}, (language, key, text)
            assert "<" not in text or "<" in source, (language, key, text)  # no markup a message did not have


@pytest.mark.parametrize("language", [x for x in i18n.shipped_languages() if x != i18n.SOURCE_LANGUAGE] or ["none"])
def test_each_plural_category_of_the_language_takes_a_form_of_its_catalog(language: str) -> None:
    if language == "none":
        pytest.skip("no catalog shipped yet")
    words = i18n.script_messages(language)
    categories = set(Locale.parse(language).plural_form.tags) | {"other"}
    assert categories <= set(words["forms"]), (language, words["forms"])


def test_english_needs_no_catalog_and_an_unknown_language_falls_back_to_it() -> None:
    assert i18n.catalog_language("en") is None and i18n.catalog_language("en-US") is None
    assert i18n.catalog_language("xx") is None
    assert i18n.translator("xx").gettext("Coming up next") == "Coming up next"
    assert i18n.script_messages("en") == {"forms": {"one": 0, "other": 1}, "messages": {}}


def test_counted_words_say_one_and_many() -> None:
    words = i18n.translator("en")
    assert [i18n.counted(words, "minute", n) for n in (1, 2)] == ["1 minute", "2 minutes"]
    with pytest.raises(KeyError):
        i18n.counted(words, "fortnight", 2)


# --- a course in Spanish, built and used ---------------------------------------------------------

SOURCE_WORDS = re.compile(r"%\(\w+\)[sd]")


def english_messages(language: str) -> list[str]:
    """The catalog's messages whose translation differs, long enough not to be a course's own
    words by chance (three words or more), without placeholders: none of them may show."""
    have = messages(i18n.catalog_path(language))
    return [k for k, m in have.items() if isinstance(k, str) and m.string and m.string != k and len(k.split()) >= 3 and not SOURCE_WORDS.search(k)]


def translated_site(factory: pytest.TempPathFactory, language: str) -> Path:
    from conftest import FIXTURES, copy_course, edit, mkdocs_build

    project = copy_course(FIXTURES / "mini", factory.mktemp(language) / "mini")
    edit(project, "course/course.yml", "language: en", f"language: {language}")
    built = mkdocs_build(project, "--strict")
    assert built.returncode == 0, built.stderr
    # MkDocs only notes a link to a heading that is not there; in another language the
    # headings' ids are its words, so a link must name an id of its own (about.md.j2).
    assert "does not contain an anchor" not in built.stderr, built.stderr
    return project / "site"


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return translated_site(tmp_path_factory, "es")


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|template)\b.*?</\1>", " ", html)
    html = re.sub(r'(?s)<div class="course-print[^"]*"[^>]*data-search-exclude.*?</div>\s*</div>', " ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.build
@pytest.mark.parametrize("language", [x for x in i18n.shipped_languages() if x != i18n.SOURCE_LANGUAGE])
def test_every_page_of_a_translated_course_speaks_its_language(language: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = translated_site(tmp_path_factory, language)
    english = english_messages(language)
    assert len(english) > 150
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "404" in page.name:
            continue
        assert f'<html lang="{language}"' in html, page  # Material's words, and the browser's dates and plurals
        text = visible_text(html)
        leaks = [m for m in english if m in text]
        assert leaks == [], (page.relative_to(site).as_posix(), leaks[:5])


@pytest.mark.build
def test_a_spanish_lesson_page_says_its_parts_in_spanish(spanish_site: Path) -> None:
    lesson = visible_text((spanish_site / "basics/basics-first/index.html").read_text(encoding="utf-8"))
    for words in ("Día 1 de 3", "Hoy vas a", "Ponte a prueba", "Tu rutina diaria", "Reflexiona", "La acción de hoy", "Lo que viene"):
        assert words in lesson, words


@pytest.mark.browser
def test_a_learner_uses_the_spanish_course_in_spanish(browser, spanish_site: Path) -> None:
    import quality

    base = quality.served(spanish_site)
    english = english_messages("es")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(base + "today/")
        page.get_by_role("button", name="Empezar hoy").click()
        assert "Tu recorrido empieza hoy" in page.locator("article").inner_text()
        page.goto(base + "basics/basics-first/")
        page.get_by_role("button", name="Marcar esta lección como hecha").click()
        assert "El día 1 está hecho" in page.locator(".course-done-status").inner_text()
        form = page.locator("form.course-check").first
        form.get_by_role("button", name="Comprobar").click()
        assert "Elige una respuesta primero." in form.locator(".course-check-result").inner_text()
        for view in ("today/", "progress/", "journal/", "certificate/"):
            page.goto(base + view)
            page.locator("[data-course-view]:not([hidden])").wait_for()
            text = page.locator("article").inner_text()
            leaks = [m for m in english if m in text]
            assert leaks == [], (view, leaks[:5])
        assert "1 de 3 lecciones hechas." in text or True
        page.goto(base + "progress/")
        page.locator("[data-course-view]:not([hidden])").wait_for()
        assert "1 de 3 lecciones hechas." in page.locator("article").inner_text()
        assert "Días seguidos:" in page.locator("article").inner_text()
    finally:
        context.close()


@pytest.mark.build
def test_the_feed_and_the_calendars_speak_the_course_language(spanish_site: Path) -> None:
    feed = (spanish_site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Día 1: First lesson</title>" in feed and "Una lección breve al día: 3 días en 2 módulos." in feed
    assert "10 minutos." in feed
    ics = (spanish_site / "cohorts/evening.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "SUMMARY:Día 1: First lesson" in ics
    assert "Antes de la sesión\\, haz estas lecciones:" in ics
    assert "Day " not in ics.replace("Weekly", "")


def test_every_message_a_script_says_is_in_the_template() -> None:
    # The extractor takes a call's own message, not one nested in another call's arguments: a
    # message said there would silently stay English in every language. Read the scripts here.
    known: set[str] = set()
    for key in messages(i18n.TEMPLATE):
        known.update(key if isinstance(key, tuple) else (key,))
    said = []
    for script in sorted((ROOT / "plugins/mkdocs_course/assets").glob("*.js")):
        code = re.sub(r"(?m)^\s*(//|/?\*).*$", "", script.read_text(encoding="utf-8"))  # not the comments' examples
        said += [(script.name, m.group(1)) for m in re.finditer(r'\b(?:t|tr|tn|trn|parts|tParts)\("((?:[^"\\]|\\.)*)"', code)]
    assert len(said) > 200
    assert [x for x in said if x[1] not in known] == []


@pytest.mark.build
def test_the_shipped_course_in_every_shipped_language_shows_no_english_message(tmp_path: Path) -> None:
    # The shipped course and its own mkdocs.yml, translated into every shipped language (its
    # title only: the lessons stay in English, which is the author's text, not the site's).
    import shutil

    from conftest import mkdocs_build

    project = tmp_path / "course"
    for name in ("course", "lessons", "exercises", "docs", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    languages = [x for x in i18n.shipped_languages() if x != i18n.SOURCE_LANGUAGE]
    for language in languages:
        (project / f"translations/{language}/course").mkdir(parents=True)
        (project / f"translations/{language}/course/course.yml").write_text(f"title: Coach, Mentor, Sponsor ({language})\n", encoding="utf-8")
    course_yml = project / "course/course.yml"
    course_yml.write_text(course_yml.read_text(encoding="utf-8").replace("\nlanguage: en\n", f"\nlanguage: en\ntranslations: [{', '.join(languages)}]\n"), encoding="utf-8")
    assert "translations:" in course_yml.read_text(encoding="utf-8")
    built = mkdocs_build(project, "--strict")
    assert built.returncode == 0, built.stderr
    # The author's own words may say what a message says ("Not at all" as a scale's end): those are the course's.
    authored = "\n".join(p.read_text(encoding="utf-8") for folder in ("course", "lessons", "exercises") for p in (project / folder).rglob("*.yml"))
    for language in languages:
        english = [m for m in english_messages(language) + ["Switch to dark mode", "Follow the device"] if m not in authored]
        site = project / "site" / language
        pages = [p for p in site.rglob("*.html") if "404" not in p.name and not p.relative_to(site).as_posix().startswith("authors/")]
        assert len(pages) > 80
        for page in pages:
            html = page.read_text(encoding="utf-8")
            assert f'<html lang="{language}"' in html, page
            # What is read out too: titles and labels, not only the text on the screen.
            said = visible_text(html) + " " + " ".join(re.findall(r'(?:title|aria-label)="([^"]*)"', html))
            leaks = [m for m in english if m in said]
            assert leaks == [], (language, page.relative_to(site).as_posix(), leaks[:5])
