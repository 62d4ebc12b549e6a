"""Rendering without MkDocs: derived values, page paths, links and the escaping of author text."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from conftest import FIXTURES
from mkdocs_course.load.loader import load_course
from mkdocs_course.render.urls import Layout, url_for
from mkdocs_course.render.pages import Renderer, nav_uris
from mkdocs_course.render.text import plain_text, safe_markdown


@pytest.fixture(scope="module")
def course():
    return load_course(FIXTURES / "mini")


def by_uri(pages):
    return {p.uri: p for p in pages}


def test_derived_day_previous_next_and_coming_up(course) -> None:
    first, second, third = course.lessons
    assert [lesson.day for lesson in course.lessons] == [1, 2, 3]
    assert course.previous(first) is None and course.next(first) is second
    assert course.previous(third) is second and course.next(third) is None
    # The author's teaser wins; otherwise the next lesson's first objective.
    assert course.coming_up(first) == "A custom teaser for the second lesson."
    assert course.coming_up(second) == "Practice once."
    assert course.coming_up(third) is None
    assert [lesson.id for lesson in course.lessons_using("all-fields")] == ["basics-first"]
    assert len(course.lessons_practising("warm-up")) == 3


def test_reserved_module_ids_cover_every_folder_the_renderer_makes(course) -> None:
    from mkdocs_course.model import RESERVED_MODULE_IDS

    pages = Renderer(course).pages()
    folders = {uri.split("/")[0] for uri in (p.uri for p in pages) if "/" in uri}
    assert folders - {m.id for m in course.modules} <= RESERVED_MODULE_IDS


def test_every_item_has_a_page_and_the_nav_lists_them_all(course) -> None:
    renderer = Renderer(course)
    pages, nav, apart = renderer.pages(), renderer.nav(), renderer.apart()
    uris = [p.uri for p in pages]
    assert sorted(uris) == sorted(
        [
            "index.md", "summary.md", "routines/index.md", "worksheets/index.md", "facilitator/index.md",
            "basics/index.md", "basics/basics-first.md", "basics/basics-second.md",
            "practice/index.md", "practice/practice-only.md",
            "routines/warm-up.md", "worksheets/all-fields.md",
            # the fixture's two cohorts (tests/fixtures/mini/course/cohorts/)
            "cohorts/index.md", "cohorts/evening.md", "cohorts/daytime.md",
            "facilitator/evening/index.md", "facilitator/evening/pack.md",
            "facilitator/daytime/index.md", "facilitator/daytime/pack.md",
            # each session's run sheet to adapt, with attendance (session_sheets.py)
            "facilitator/evening/sessions/kick-off.md", "facilitator/evening/sessions/weekly-20270402.md", "facilitator/evening/sessions/weekly-20270409.md",
            "facilitator/daytime/sessions/lunch-20270609.md", "facilitator/daytime/sessions/lunch-20270610.md", "facilitator/daytime/sessions/wrap-up.md",
            # printable workbooks (printing.py): the whole course, and each module that uses a worksheet
            "workbooks/index.md", "workbooks/whole-course.md", "workbooks/module-basics.md",
            # the learner's daily track (track.py)
            "today.md", "progress.md", "journal.md", "certificate.md",
            # where a learner's answers are kept, and the rest of the course's small print
            "about.md",
        ]
    )
    # Every page is in the learner's nav or apart from it (linked from the home page and the footer), once.
    assert sorted(nav_uris(nav) + nav_uris(apart)) == sorted(uris)
    assert [item.title for item in nav][:6] == ["Home", "Today", "Progress", "My journal", "1. Basics", "2. Practice"]
    # The learner's nav is the course: no cohorts' schedules, no facilitator pages.
    assert not [u for u in nav_uris(nav) if u.startswith(("cohorts/", "facilitator/"))]
    assert [item.title for item in apart] == ["Cohorts", "Facilitator guide"]
    # A section's own page takes its title from its heading, in the nav and the browser tab.
    basics = next(item for item in nav if item.title == "1. Basics")
    assert (basics.children[0].uri, basics.children[0].titled) == ("basics/index.md", False)


def test_lesson_page_content(course) -> None:
    page = by_uri(Renderer(course).pages())["basics/basics-first.md"].markdown
    assert "# First lesson" in page
    assert "Day 1 of 3 · <a href=\"../\">Basics</a> · 10 minutes" in page  # raw HTML: a URL, not a .md path
    assert "- Take the first step." in page
    assert "## Start here\n\nThis is **the first** lesson." in page
    assert 'data-course-routine="mini/routine/warm-up"' in page and "Stretch." in page
    assert 'data-course-key="mini/lesson/basics-first/why"' in page
    assert "## Today's action\n\nWrite one line." in page
    assert "[Every field type](../worksheets/all-fields.md)" in page
    assert "**Day 2: [Second lesson](basics-second.md)**. A custom teaser for the second lesson." in page
    assert 'rel="next" href="../basics-second/"' in page and 'rel="prev"' not in page


def test_last_lesson_links_back_across_modules_and_closes_the_course(course) -> None:
    page = by_uri(Renderer(course).pages())["practice/practice-only.md"].markdown
    assert 'rel="prev" href="../../basics/basics-second/"' in page
    assert "## You have finished the course" in page and 'rel="next"' not in page


def test_prefix_moves_every_page_and_keeps_links_relative(course) -> None:
    pages = by_uri(Renderer(course, layout=Layout("learn")).pages())
    assert all(uri.startswith("learn/") for uri in pages)
    assert "[Warm-up](../../learn/routines/warm-up.md)" not in pages["learn/basics/basics-first.md"].markdown
    assert "[Warm-up](../routines/warm-up.md)" in pages["learn/basics/basics-first.md"].markdown


@pytest.mark.parametrize(
    "uri, directory_urls, url",
    [("index.md", True, ""), ("a/index.md", True, "a/"), ("a/b.md", True, "a/b/"), ("a/b.md", False, "a/b.html"), ("index.md", False, "index.html")],
)
def test_url_for(uri: str, directory_urls: bool, url: str) -> None:
    assert url_for(uri, directory_urls=directory_urls) == url


HOSTILE = [
    ("<script>alert(1)</script>", "<script"),
    ('<img src=x onerror="alert(1)">', "<img"),
    ("<iframe src=//evil>", "<iframe"),
    ("</p><svg onload=alert(1)>", "<svg"),
    ("[click](javascript:alert(1))", 'href="javascript:'),
    ("[click]( JAVASCRIPT:alert(1))", 'href="JAVASCRIPT:'),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", 'href="data:'),
    ("<!-- hide --> text", "<!--"),
]


@pytest.mark.parametrize("text, forbidden", HOSTILE)
def test_author_markdown_cannot_inject_html(text: str, forbidden: str) -> None:
    html = markdown.markdown(str(safe_markdown(text)))
    assert forbidden not in html
    assert forbidden.lstrip("<").split()[0].split('"')[0] in html or "unsafe-link-removed" in html  # still visible as text


def test_markdown_still_works_and_code_is_left_alone() -> None:
    text = "**bold** and `<b>code</b>`\n\n```\n<div>fenced</div>\n```\n\n[link](https://example.org) and a < b"
    html = markdown.markdown(str(safe_markdown(text)), extensions=["fenced_code"])
    assert "<strong>bold</strong>" in html
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in html
    assert "&lt;div&gt;fenced&lt;/div&gt;" in html
    assert '<a href="https://example.org">link</a>' in html
    assert "a &lt; b" in html


def test_plain_text_is_escaped() -> None:
    assert str(plain_text('<b>"Hi" & bye</b>')) == "&lt;b&gt;&#34;Hi&#34; &amp; bye&lt;/b&gt;"


def test_site_templates_override_the_packaged_ones(course, tmp_path: Path) -> None:
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "summary.md.j2").write_text("# My own summary of {{ course.title|text }}\n", encoding="utf-8")
    pages = by_uri(Renderer(course, overrides=tmp_path).pages())
    assert pages["summary.md"].markdown == "# My own summary of Mini course\n"
    assert pages["index.md"].markdown.startswith("# Mini course")  # others still packaged
