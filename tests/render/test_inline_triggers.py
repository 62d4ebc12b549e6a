"""Python-Markdown's inline pass without the patterns a text cannot match (render/inline_triggers.py):
the same HTML, byte for byte, with less work."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest
from markdown.inlinepatterns import InlineProcessor as Pattern
from markdown.treeprocessors import InlineProcessor

from conftest import ROOT
from mkdocs_course.render import inline_triggers

# A text for each of Python-Markdown's inline patterns, alone and mixed, with the near misses that
# hold a pattern's character without its markup.
SAMPLES = [
    "Plain text, no markup at all: the commonest text on a course page.",
    "Code: `print(1)` and ``a ` b`` and a lone ` tick; \\`not code\\`.",
    "Escapes: \\* \\_ \\[ \\\\ and a \\ alone.",
    "Links: [a link](https://example.org \"title\"), [ref][r], [r], [short] and ![img](a.png) ![ref img][r].\n\n[r]: https://example.org/r",
    "Brackets that link nothing: [x] and a [ alone, ! and ![ alone.",
    "Auto: <https://example.org> and <me@example.org>, and a < b > c.",
    "Line  \nbreak, and two spaces at the end  ",
    "HTML: <span class=\"x\">inline</span>, <!-- a comment --> and &amp; &#169; &#xA9; & alone.",
    "Emphasis: *em* _em_ **strong** __strong__ ***both*** a * b _ c snake_case_word 2*3*4.",
    "Nested: **[a *link*](x) with `code`** and _`code` in em_ and [`code` link](y).",
    "# A heading with *em* and `code`\n\n- item with [link](x)\n- plain item\n\n> quote with **strong**\n\n| a | *b* |\n|---|---|\n| `c` | d |",
    "Unicode: café — “quotes” ✓ and 日本語 with *em*; ‹not html› &nbsp;",
    "<div markdown=\"1\">A raw block</div>\n\nAfter the block, *em* and plain.",
]


def convert(text: str, *extensions: object) -> str:
    return markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list", *extensions]).convert(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_the_html_is_python_markdowns_own(text: str) -> None:
    assert convert(text, inline_triggers.NAME) == convert(text)


def test_every_page_of_the_shipped_course_is_python_markdowns_own() -> None:
    from mkdocs_course.load.loader import load_course
    from mkdocs_course.render.pages import Renderer

    pages = Renderer(load_course(ROOT)).pages()
    assert len(pages) > 50
    for page in pages:
        assert convert(page.markdown, inline_triggers.NAME) == convert(page.markdown), page.uri


def test_it_is_in_place_and_passes_over_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a test that cannot fail: the inline pass is ours, and it tries fewer patterns."""
    tried: list[int] = []
    apply = InlineProcessor._InlineProcessor__applyPattern  # type: ignore[attr-defined]

    def counted(self: InlineProcessor, *args: object) -> object:
        tried.append(1)
        return apply(self, *args)

    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__applyPattern", counted)
    text = "\n\n".join(SAMPLES)
    md = markdown.Markdown(extensions=[inline_triggers.NAME])
    assert type(md.treeprocessors["inline"]) is not InlineProcessor
    md.convert(text)
    ours = len(tried)
    tried.clear()
    markdown.Markdown().convert(text)
    assert 0 < ours < len(tried) / 2


class _AtSigns(Pattern):
    """A pattern an extension might register under one of Python-Markdown's names."""

    def handleMatch(self, m, data):  # type: ignore[no-untyped-def]  # noqa: N802
        el = etree.Element("mark")
        el.text = m.group(1)
        return el, m.start(0), m.end(0)


class _Replaces(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(_AtSigns(r"@@(\w+)@@", md), "link", 160)  # in place of the core's links
        md.inlinePatterns.register(_AtSigns(r"%%(\w+)%%", md), "percent", 65)  # a name this does not know


def test_a_pattern_of_another_extension_is_always_tried() -> None:
    text = "A @@marked@@ word and a %%second%% one, with no bracket at all."
    html = convert(text, _Replaces(), inline_triggers.NAME)
    assert html == convert(text, _Replaces()) and html.count("<mark>") == 2


def test_without_the_private_method_or_turned_off_python_markdown_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inline_triggers, "_PRIVATE", False)
    assert type(markdown.Markdown(extensions=[inline_triggers.NAME]).treeprocessors["inline"]) is InlineProcessor
    monkeypatch.setattr(inline_triggers, "_PRIVATE", True)
    monkeypatch.setattr(inline_triggers, "ENABLED", False)
    assert type(markdown.Markdown(extensions=[inline_triggers.NAME]).treeprocessors["inline"]) is InlineProcessor


def test_each_known_pattern_needs_what_is_listed() -> None:
    """Every pattern of a plain `Markdown()` this skips: its expression cannot match a text
    without what NEEDS lists (each pattern tried on its own sample, and on it with those taken out)."""
    md = markdown.Markdown()
    known = [name for name in inline_triggers.NEEDS if name in md.inlinePatterns]
    assert {"backtick", "link", "entity", "html", "linebreak"} <= set(known)
    text = "\n".join(SAMPLES)
    for name in known:
        regex = md.inlinePatterns[name].getCompiledRegExp()
        assert regex.search(text), name  # the samples exercise it
        stripped = text
        for need in inline_triggers.NEEDS[name]:
            stripped = stripped.replace(need, " " * len(need) if need != "  \n" else " \n")
        assert not regex.search(stripped), name
