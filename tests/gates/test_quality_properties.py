"""Property-based tests of the YAML reader and the loader (hypothesis).

Whatever an author's files hold (random bytes, random YAML, random data, random edits to
the fixture course's files), the loader either returns a valid course, which then renders,
or a list of problems, each at a real place (path:line:col) with a message; never a
traceback. Example counts are kept moderate: the machine has two cores.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, copy_course
from mkdocs_course.load.loader import check_course, load_course
from mkdocs_course.render.pages import Renderer
from mkdocs_course.load.problems import CourseError, Problem
from mkdocs_course.load.yaml_source import read

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
COURSE_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# The characters YAML's syntax is made of, and some that are not, so random text is
# mostly almost-YAML: the kind of thing a person types.
YAML_CHARS = st.sampled_from(list(":-?[]{},&*!|>'\"%@`#\n\n\n  \t\\") + list("abcxyz019.") + ["é", "\u2028", "\x00", "\ufeff", "\x85"])
yaml_text = st.lists(st.one_of(YAML_CHARS, st.sampled_from(["id: ", "title: ", "- ", "  ", "key: value\n", "&a ", "*a", "!!str ", "!tag ", "---\n", "...\n", "<<: "])), max_size=80).map("".join)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=40), st.dates())
data = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=5)), max_leaves=25)


def clean(problems: list[Problem], *, files: dict[str, str] | None = None) -> None:
    """Every problem is at a real place in an author's file, with words to show them."""
    for p in problems:
        assert isinstance(p, Problem)
        assert isinstance(p.message, str) and p.message.strip(), p
        assert p.hint is None or (isinstance(p.hint, str) and p.hint.strip()), p
        assert isinstance(p.line, int) and isinstance(p.column, int) and p.line >= 1 and p.column >= 1, p
        assert not p.path.startswith("/") and ".." not in p.path.split("/"), p
        if files and p.path in files:
            # Lines as an editor counts them (not YAML 1.1, which also breaks at NEL, LS and PS).
            assert p.line <= len(re.findall(r"\r\n|\r|\n", files[p.path])) + 2, (p, files[p.path])


@SETTINGS
@given(st.binary(max_size=3000))
@example(b"~").via("a file that holds only YAML's null, found by this test")
def test_any_bytes_are_data_or_clean_problems(raw: bytes) -> None:
    doc, problems = read(raw, "f.yml")
    clean(problems)
    assert problems or doc.data is not None


@SETTINGS
@given(yaml_text)
def test_any_almost_yaml_text_is_data_or_clean_problems(text: str) -> None:
    doc, problems = read(text.encode("utf-8", "surrogatepass"), "f.yml")
    clean(problems, files={"f.yml": text})


@SETTINGS
@given(data)
def test_any_yaml_data_reads_back_as_itself_or_clean_problems(value: object) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    doc, problems = read(text.encode("utf-8"), "f.yml")
    clean(problems, files={"f.yml": text})


# --- whole courses ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def course_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_course(FIXTURES / "mini", tmp_path_factory.mktemp("property") / "mini")


COURSE_FILES = sorted(p.relative_to(FIXTURES / "mini").as_posix() for p in (FIXTURES / "mini").rglob("*.yml"))


class Edited:
    """One file of the course replaced for the duration of a `with` block."""

    def __init__(self, root: Path, rel: str, text: str) -> None:
        self.path, self.text = root / rel, text

    def __enter__(self) -> None:
        self.original = self.path.read_bytes()
        self.path.write_text(self.text, encoding="utf-8", errors="surrogatepass")

    def __exit__(self, *exc: object) -> None:
        self.path.write_bytes(self.original)


def check(root: Path, files: dict[str, str]) -> None:
    """The course loads and renders, or fails with clean problems; `load_course` agrees."""
    course, problems = check_course(root)
    clean(problems, files=files)
    if files:  # inside a hypothesis test: count how often the edits still make a valid course
        event("valid course" if course is not None else "problems")
    if course is None:
        assert problems
        with pytest.raises(CourseError) as caught:
            load_course(root)
        report = caught.value.report()
        assert report.splitlines()[0].endswith(":") and " problem" in report.splitlines()[0]
    else:
        assert [p for p in problems if p.severity == "error"] == []
        pages = Renderer(course).pages()
        assert pages and all(page.markdown for page in pages)


def mutations(original: str) -> st.SearchStrategy[str]:
    """Random edits a person might make to a file: lines lost, doubled, swapped, re-indented, typed over."""
    lines = original.splitlines(keepends=True)
    n = len(lines)
    index = st.integers(0, max(n - 1, 0))
    pos = st.integers(0, len(original))
    return st.one_of(
        index.map(lambda i: "".join(lines[:i] + lines[i + 1 :])),
        index.map(lambda i: "".join(lines[: i + 1] + lines[i:])),
        st.tuples(index, index).map(lambda ij: "".join(_swap(lines, *ij))),
        st.tuples(index, st.integers(-4, 4)).map(lambda ik: "".join(_indent(lines, *ik))),
        st.tuples(pos, yaml_text).map(lambda pt: original[: pt[0]] + pt[1] + original[pt[0] :]),
        st.tuples(pos, st.integers(1, 20), yaml_text).map(lambda p: original[: p[0]] + p[2] + original[p[0] + p[1] :]),
        pos.map(lambda p: original[:p]),
        st.tuples(index, data).map(lambda iv: "".join(_replace_value(lines, *iv))),
    )


def _swap(lines: list[str], i: int, j: int) -> list[str]:
    out = list(lines)
    out[i], out[j] = out[j], out[i]
    return out


def _indent(lines: list[str], i: int, by: int) -> list[str]:
    out = list(lines)
    out[i] = " " * by + out[i] if by >= 0 else out[i][min(-by, len(out[i]) - len(out[i].lstrip(" "))) :]
    return out


def _replace_value(lines: list[str], i: int, value: object) -> list[str]:
    """The value after the first `key:` on line i, replaced by random data in flow style."""
    out = list(lines)
    head, sep, _ = out[i].partition(": ")
    if sep:
        out[i] = head + sep + yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6).strip().removesuffix("...").strip() + "\n"
    return out


@COURSE_SETTINGS
@given(st.data())
def test_random_edits_to_the_fixture_course_give_a_course_or_clean_problems(course_root: Path, draw: st.DataObject) -> None:
    rel = draw.draw(st.sampled_from(COURSE_FILES))
    original = (course_root / rel).read_text(encoding="utf-8")
    text = draw.draw(mutations(original))
    with Edited(course_root, rel, text):
        check(course_root, {rel: text})


@COURSE_SETTINGS
@given(st.sampled_from(COURSE_FILES), data)
def test_random_data_in_place_of_any_file_gives_a_course_or_clean_problems(course_root: Path, rel: str, value: object) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    with Edited(course_root, rel, text):
        check(course_root, {rel: text})


def test_the_fixture_course_itself_passes_the_property(course_root: Path) -> None:
    # The property holds for the unedited course too, and it loads: the edits above start from a valid course.
    check(course_root, {})
    assert check_course(course_root)[0] is not None


def test_the_property_sees_a_problem_without_a_place() -> None:
    with pytest.raises(AssertionError):
        clean([Problem("lessons/x.yml", 0, 1, "bad")])
    with pytest.raises(AssertionError):
        clean([Problem("../x.yml", 1, 1, "bad")])
    with pytest.raises(AssertionError):
        clean([Problem("f.yml", 9, 1, "past the end")], files={"f.yml": "a: 1\n"})


# --- no course text runs as script, whatever Markdown it is (issue 13) ------------------------------------

MARKDOWN_PIECES = st.sampled_from([
    "[a]", "[a]:", "[a]: ", "[x](", ")", "(", "\n", "\n\n", "  ", "> ", "- ", "1. ", "===", "---", "| a | b |\n|---|---|\n",
    "javascript:", "java\tscript:", "JaVaScRiPt:", "data:text/html,", "vbscript:", "file:///", "&#106;", "&#x6A;avascript:",
    "alert(1)", "{: onclick=\"alert(1)\" }", "{: style=\"color:red\" }", "{: href=\"javascript:alert(1)\" }", "[^1]", "[^1]: ",
    "<a href=\"javascript:x\">", "<img src=x onerror=alert(1)>", "--8<-- \"/etc/passwd\"", "`", "```\n", "*", "_", "\\", "!", "![",
    "https://example.org/", "mailto:a@example.org", "#anchor", "../page/", "text",
])
markdown_text = st.lists(MARKDOWN_PIECES, max_size=40).map("".join)
EXTENSIONS = ["attr_list", "footnotes", "md_in_html", "tables", "def_list", "abbr", "admonition", "pymdownx.superfences", "pymdownx.details", "pymdownx.tasklist", "pymdownx.magiclink"]


@SETTINGS
@given(markdown_text)
@example("[click][1]\n\n[1]:\n  javascript:alert(document.domain)").via("a link definition split over two lines (issue 13)")
@example("- item\n\n  [2]: javascript:alert(1)\n\n[x][2]").via("a definition inside a list item (issue 13)")
@example("Text\n{: onmouseover=\"alert(1)\" }").via("attr_list (issue 13)")
def test_no_markdown_an_author_writes_leaves_script_in_the_page(text: str) -> None:
    """Author Markdown, through the templates' filter, Python-Markdown with attribute-adding extensions,
    and the page check: no event handler, no style of the author's, no URL but an allowed one."""
    import markdown

    from quality import parse_attributes
    from mkdocs_course.render import sanitize
    from mkdocs_course.render.text import safe_markdown

    html = markdown.markdown(str(safe_markdown(text)), extensions=EXTENSIONS)
    cleaned, _ = sanitize.clean(html)
    for tag, name, value in parse_attributes(cleaned):
        assert not name.startswith("on") and name not in ("style", "srcdoc"), (tag, name, value, text)
        if name in sanitize.URL_ATTRIBUTES or name == "srcset":
            assert sanitize.safe_url(value or ""), (tag, name, value, text)
    assert "root:" not in cleaned  # no snippet of a file was read in
