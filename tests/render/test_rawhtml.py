"""Our HTML blocks set aside from Markdown and put back: the page comes out the same, only faster."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from conftest import FIXTURES, ROOT
from mkdocs_course.load.loader import load_course
from mkdocs_course.render.pages import Renderer
from mkdocs_course.render.rawhtml import set_aside


def convert(text: str) -> str:
    # The extensions MkDocs always enables, as it configures them.
    return markdown.Markdown(extensions=["toc", "tables", "fenced_code"]).convert(text)


def same_html(a: str) -> str:
    return re.sub(r"\n\s*\n", "\n", a).strip()


@pytest.mark.parametrize("course_root", [ROOT, FIXTURES / "mini"], ids=["shipped", "mini"])
def test_every_page_converts_to_the_same_html_with_its_blocks_set_aside(course_root: Path) -> None:
    pages = Renderer(load_course(course_root)).pages()
    moved = 0
    for page in pages:
        aside = set_aside(page.markdown)
        moved += len(aside.blocks)
        assert same_html(aside.restore(convert(aside.markdown))) == same_html(convert(page.markdown)), page.uri
        assert aside.source() == page.markdown, page.uri  # the Markdown back, exactly (the page cache keeps the set-aside form only)
    assert moved > len(pages), "most pages have HTML blocks to set aside"


def test_the_source_comes_back_with_ten_blocks_and_more() -> None:
    """Placeholders end in a block's number: the eleventh's starts with the second's (-1, -10)."""
    markdown = "\n\n".join(f'<div class="b{i}">block {i}</div>' for i in range(12)) + "\n\nText, course-html-0123456789abcdef-1 not ours.\n"
    aside = set_aside(markdown)
    assert len(aside.blocks) == 12 and aside.source() == markdown


def test_a_block_is_replaced_by_a_placeholder_paragraph_and_comes_back() -> None:
    text = '# Title\n\nSome *text*.\n\n<div class="x">\n<p>ours</p>\n</div>\n\nMore text.\n'
    aside = set_aside(text)
    assert list(aside.blocks.values()) == ['<div class="x">\n<p>ours</p>\n</div>']
    assert '<div class="x">' not in aside.markdown
    html = convert(aside.markdown)
    assert re.search(r"<p>course-html-[0-9a-f]{16}-0</p>", html)
    assert aside.restore(html) == '<h1 id="title">Title</h1>\n<p>Some <em>text</em>.</p>\n<div class="x">\n<p>ours</p>\n</div>\n<p>More text.</p>'


@pytest.mark.parametrize(
    "chunk",
    [
        '<div class="x">\n<p>a</p>',  # never closed
        "<div>a</div>\n**and Markdown after it**",  # text after the element closes is Markdown
        "<div>a</div> and text after",
        "<p>one</p>\n<p>two</p>\nthree",
        '<div markdown="1">\n*converted by md_in_html*\n</div>',
        "<span>inline, so a paragraph</span>",
        "<pre>\nnot a tag we move\n</pre>",
        "text first <div>a</div>",
    ],
)
def test_a_chunk_the_engine_might_treat_differently_stays_in_the_text(chunk: str) -> None:
    text = f"Before.\n\n{chunk}\n\nAfter.\n"
    aside = set_aside(text)
    assert aside.blocks == {}
    assert aside.markdown == text


def test_html_inside_fenced_code_is_never_moved() -> None:
    text = "Intro.\n\n```html\n<div>one</div>\n\n<div>two</div>\n```\n\n<div>after the fence</div>\n"
    aside = set_aside(text)
    assert list(aside.blocks.values()) == ["<div>after the fence</div>"]
    html = aside.restore(convert(aside.markdown))
    assert "&lt;div&gt;two&lt;/div&gt;" in html and "<div>after the fence</div>" in html


def test_text_that_looks_like_a_placeholder_stays_text() -> None:
    # An author cannot know the page's digest, so a made-up placeholder matches no block.
    text = "course-html-0123456789abcdef-0\n\n<div>ours</div>\n"
    aside = set_aside(text)
    html = aside.restore(convert(aside.markdown))
    assert "<p>course-html-0123456789abcdef-0</p>" in html
    assert "<div>ours</div>" in html


def test_a_page_without_blocks_is_unchanged() -> None:
    aside = set_aside("# Only Markdown\n\nText.\n")
    assert aside.blocks == {} and aside.markdown == "# Only Markdown\n\nText.\n"
    assert aside.restore("<p>x</p>") == "<p>x</p>"


def test_the_placeholders_are_the_same_for_the_same_text() -> None:
    # `mkdocs serve --dirty` rebuilds only pages whose text changed, so placeholders must be stable.
    text = "<div>a</div>\n\nText.\n\n<div>b</div>\n"
    assert set_aside(text) == set_aside(text)
    assert set_aside(text).markdown != set_aside(text.replace("Text", "Other")).markdown
