"""Search entries for course pages: the same as Material's parser finds, without its cost."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import markdown
import pytest
from material.plugins.search.plugin import SearchIndex

from conftest import FIXTURES, ROOT
from mkdocs_course.load.loader import load_course
from mkdocs_course.render.pages import Renderer
from mkdocs_course.render.search import entries


def materials_entries(content: str, title: str) -> list[dict[str, str]]:
    """What Material's own search plugin makes of the same page."""
    index = SearchIndex(lang=["en"], separator="", pipeline=[], fields={})
    index.add_entry_from_context(SimpleNamespace(content=content, toc=[], url="page/", meta={}, title=title))
    return index.entries


def comparable(text: str) -> str:
    # Material keeps runs of spaces and some empty tags; neither changes what a search finds.
    while (shorter := re.sub(r"<(\w+)>\s*</\1>", "", text)) != text:
        text = shorter
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("course_root", [ROOT, FIXTURES / "mini"], ids=["shipped", "mini"])
def test_every_course_page_has_the_entries_materials_parser_finds(course_root: Path) -> None:
    for page in Renderer(load_course(course_root)).pages():
        content = markdown.Markdown(extensions=["toc", "tables", "fenced_code"]).convert(page.markdown)
        ours = entries(content, page_title=page.title)
        theirs = materials_entries(content, page.title)
        assert [("page/" + (f"#{e.anchor}" if e.anchor else ""), e.title) for e in ours] == [(t["location"], t["title"]) for t in theirs], page.uri
        for mine, material in zip(ours, theirs):
            # Ours leaves out the print-only copies of fields (data-search-exclude); the rest is the same text.
            assert comparable(material["text"]).startswith(comparable(mine.text)), (page.uri, mine.anchor)


def test_text_before_the_first_heading_belongs_to_the_page_and_excluded_elements_are_left_out() -> None:
    content = (
        "<p>Intro &amp; more</p>\n"
        '<h2 id="one">One <a class="headerlink" href="#one">¶</a></h2>\n'
        '<p>Kept <strong>bold</strong> text.</p><div data-search-exclude><div><p>print copy</p></div></div>\n'
        "<script>var x = 1;</script>\n"
        "<h3>No id, so text of One</h3>\n"
        '<h2 id="two">Two</h2><ul><li>item</li></ul><p> </p>'
    )
    got = [(e.anchor, e.title, e.text) for e in entries(content, page_title="A <page>")]
    assert got == [
        ("", "A &lt;page&gt;", "<p>Intro &amp; more</p>"),
        ("one", "One", "<p>Kept bold text.</p> No id, so text of One"),
        ("two", "Two", "<ul><li>item</li></ul>"),
    ]


def test_a_page_with_no_headings_is_one_entry() -> None:
    assert [(e.anchor, e.title, e.text) for e in entries("<p>Just text.</p>", page_title="Home")] == [("", "Home", "<p>Just text.</p>")]


def test_the_built_index_has_each_lesson_section_once_and_no_print_copies(shipped_site: Path) -> None:
    docs = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    course = load_course(ROOT)
    lesson = course.lessons[0]
    page_url = next(d["location"] for d in docs if d["title"] == lesson.title and "#" not in d["location"])
    for section in lesson.data.sections:
        matches = [d for d in docs if d["location"].startswith(page_url + "#") and d["title"] == section.heading]
        assert len(matches) == 1, section.heading
    reflect = next(d for d in docs if d["location"] == page_url + "#reflect")
    for prompt in lesson.data.reflection:
        assert reflect["text"].count(prompt.prompt[:40]) == 1, "a prompt is indexed once, not again from its print copy"
    assert len({d["location"] for d in docs}) == len(docs), "no location is indexed twice"


def test_searching_a_section_heading_in_the_browser_leads_to_that_section(shipped_site: Path, shipped_url: str, page) -> None:
    docs = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    # A heading with words of its own: a common one ("What a coach gives you") ranks below the
    # results Material shows before the learner scrolls, behind pages full of "a" and "you".
    lesson = load_course(ROOT).lesson("coach-friendly-not-a-friend")
    heading = next(s.heading for s in lesson.data.sections if s.heading == "Keeping a healthy distance")
    location = next(d["location"] for d in docs if d["title"] == heading and "#" in d["location"])
    path, anchor = location.split("#")
    page.goto(shipped_url)
    page.keyboard.press("/")
    # The index is built in a worker after load, which takes a while on a busy machine,
    # and Material runs a query on key presses: wait for the worker, then type as a person does.
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("el => el.textContent.trim() && !/Initializing/i.test(el.textContent)", arg=meta.element_handle(), timeout=60_000)
    page.locator("input.md-search__input").press_sequentially(heading)
    # Material links a result as page/?h=words#anchor, and may fold a page's
    # other sections under "more on this page": the link is there, maybe hidden.
    link = page.locator(f'a.md-search-result__link[href*="{path}?h="][href$="#{anchor}"]').first
    link.wait_for(state="attached")
    page.goto(urljoin(page.url, link.get_attribute("href")))
    assert page.locator(f"#{anchor}").inner_text() == heading
