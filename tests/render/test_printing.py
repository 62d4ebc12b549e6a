"""Print packs (workbooks), the generated print stylesheet, and workbook PDFs made at build time.

The browser side of printing (a worksheet printed blank or with answers, on A4 and
Letter, no field split) is in test_worksheets_browser.py.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, MKDOCS_YML, copy_course, mkdocs_build
from mkdocs_course.render import printing
from mkdocs_course.load.loader import load_course
from mkdocs_course.outputs.manifest import manifest
from mkdocs_course.render.urls import Layout
from mkdocs_course.render.pages import Renderer, nav_uris
from mkdocs_course.mkdocs.plugin import CoursePlugin

MINI = "mini"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


SHEET = """\
id: {id}
title: {title}
purpose: Purpose of {id}.
instructions: Fill in {id}.
fields:
  - {{id: answer, type: text, label: Answer for {id}}}
"""


@pytest.fixture
def three_sheets(tmp_path: Path) -> Path:
    """The mini course with three more worksheets: two used out of file order, one used by no lesson."""
    root = copy_course(FIXTURES / MINI, tmp_path / "course")
    for sheet_id, title in [("a-sheet", "A sheet"), ("b-sheet", "B sheet"), ("unused", "Nobody's sheet")]:
        write(root / "exercises" / f"{sheet_id}.yml", SHEET.format(id=sheet_id, title=title))
    lesson = root / "lessons" / "practice" / "01-only.yml"
    text = lesson.read_text(encoding="utf-8")
    assert "worksheets:" not in text
    write(lesson, text + "worksheets: [b-sheet, a-sheet]\n")
    return root


# --- which worksheets go in which pack ------------------------------------------------------------


def test_packs_hold_worksheets_in_the_order_learners_meet_them(three_sheets: Path) -> None:
    course = load_course(three_sheets)
    packs = printing.packs(course)
    assert [(p.id, p.title) for p in packs] == [("whole-course", "Whole course"), ("module-basics", "Basics"), ("module-practice", "Practice")]
    whole, basics, practice = packs
    # First use in the track (day 1 uses all-fields, day 3 uses b then a), then the unused sheet.
    assert [w.id for w in whole.worksheets] == ["all-fields", "b-sheet", "a-sheet", "unused"]
    assert [w.id for w in basics.worksheets] == ["all-fields"]
    assert [w.id for w in practice.worksheets] == ["b-sheet", "a-sheet"]
    assert whole.module is None and practice.module is not None and practice.module.id == "practice"
    assert whole.pdf_name(course) == "mini-workbook.pdf"
    assert practice.pdf_name(course) == "mini-practice-workbook.pdf"


def test_a_module_without_worksheets_has_no_pack() -> None:
    course = load_course(FIXTURES / MINI)
    assert [p.id for p in printing.packs(course)] == ["whole-course", "module-basics"]


# --- the generated print stylesheet ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "css"),
    [
        ("Plain title", '"Plain title"'),
        ('Say "yes"', '"Say \\22 yes\\22 "'),
        ("Back\\slash", '"Back\\5c slash"'),
        ("</style><script>", '"\\3c /style\\3e \\3c script\\3e "'),
        ("Line\nbreak", '"Line\\a break"'),
        ("Café · naïve", '"Café · naïve"'),
    ],
)
def test_titles_become_safe_css_strings(text: str, css: str) -> None:
    assert printing.css_string(text) == css


def test_print_css_names_a_page_per_worksheet_and_lesson_and_marks_workbook_sheets(three_sheets: Path) -> None:
    course = load_course(three_sheets)
    css = printing.print_css(course)
    assert css.count("{") == css.count("}")
    assert '@page { @top-left { content: "Mini course"; } @bottom-right { content: "Page " counter(page) " of " counter(pages); } }' in css
    assert '@page course-sheet-a-sheet { @top-left { content: "Mini course"; } @top-right { content: "A sheet"; } }' in css
    assert 'body:has(form[data-course-form="mini/worksheet/a-sheet"]) { page: course-sheet-a-sheet; }' in css
    assert '@top-right { content: "Day 1: First lesson"; }' in css
    assert 'body:has([data-course-lesson="basics-first"]) { page: course-lesson-basics-first; }' in css
    # In a workbook, later markers must come later so their rule wins for what follows them.
    markers = re.findall(r'\.course-sheet-start\[data-course-pack="whole-course"\]\[data-course-sheet="([a-z-]+)"\] ~ \*', css)
    assert markers == ["all-fields", "b-sheet", "a-sheet", "unused"]


def test_printed_pages_are_headed_in_the_course_language_and_direction(tmp_path: Path) -> None:
    root = copy_course(FIXTURES / MINI, tmp_path / "course")
    course_yml = root / "course" / "course.yml"
    for language, corner, counter, day in (
        ("es", "@top-left", '@bottom-right { content: "Página " counter(page) " de " counter(pages); }', "Día 1: First lesson"),
        ("ar", "@top-right", '@bottom-left { content: "صفحة " counter(page) " من " counter(pages); }', "اليوم 1: First lesson"),
    ):
        write(course_yml, re.sub(r"language: \w+", f"language: {language}", course_yml.read_text(encoding="utf-8")))
        css = printing.print_css(load_course(root))
        # Right to left, the course title heads the page where the reader starts: on the right.
        assert f'@page {{ {corner} {{ content: "Mini course"; }} {counter} }}' in css, css[:400]
        assert f'content: "{day}"' in css


def test_print_css_escapes_a_hostile_course_title(tmp_path: Path) -> None:
    root = copy_course(FIXTURES / MINI, tmp_path / "course")
    course_yml = root / "course" / "course.yml"
    write(course_yml, course_yml.read_text(encoding="utf-8").replace("title: Mini course", 'title: \'Mini "course"; } body { display: none\''))
    css = printing.print_css(load_course(root))
    assert '"Mini \\22 course\\22 ; } body { display: none"' in css
    assert "body { display: none" not in css.replace('"Mini \\22 course\\22 ; } body { display: none"', "")


# --- pages: worksheet keys, paper forms, workbooks ------------------------------------------------------


def pages_by_uri(course, **options) -> dict[str, str]:
    return {p.uri: p.markdown for p in Renderer(course, **options).pages()}


def test_answer_keys_come_from_ids_whatever_the_field_order(tmp_path: Path) -> None:
    root = copy_course(FIXTURES / MINI, tmp_path / "course")
    before = pages_by_uri(load_course(root))["worksheets/all-fields.md"]
    sheet = root / "exercises" / "all-fields.yml"
    lines = sheet.read_text(encoding="utf-8").split("\n")
    start = lines.index("fields:") + 1
    # Swap the first field (name) and the date field (review), which is last.
    lines[start], lines[-2] = lines[-2], lines[start]
    write(sheet, "\n".join(lines))
    after = pages_by_uri(load_course(root))["worksheets/all-fields.md"]

    def keys(markdown: str, attribute: str) -> list[str]:
        return re.findall(rf'{attribute}="([^"]+)"', markdown)

    ids = ["name", "story", "hopes", "people", "traits", "confidence", "format", "review"]
    expected = [f"mini/worksheet/all-fields/{i}" for i in ids]
    assert keys(before, "data-course-key") == expected
    assert keys(before, "data-course-print-key") == expected
    assert keys(after, "data-course-key")[0] == "mini/worksheet/all-fields/review"
    assert sorted(keys(after, "data-course-key")) == sorted(expected)
    types = dict(zip(keys(before, "data-course-key"), re.findall(r'class="course-field [^"]*" [^>]*data-course-type="([a-z_]+)"', before)))
    assert types["mini/worksheet/all-fields/people"] == "table"


def test_paper_form_is_sized_by_each_field() -> None:
    page = pages_by_uri(load_course(FIXTURES / MINI))["worksheets/all-fields.md"]
    paper = page[page.index('<div class="course-print course-print-only" data-search-exclude>') :]

    def field(field_id: str) -> str:
        start = paper.index(f'data-course-print-key="mini/worksheet/all-fields/{field_id}"')
        return paper[start : paper.find('<div class="course-print-field', start + 1)]

    rules = '<span class="course-print-rules">'
    assert field("name").count(rules) == 1 and field("name").count("<span></span>") == 1
    assert field("story").count("<span></span>") == 4  # lines: 4
    assert field("hopes").count("<li>") == 3  # items: 3
    assert field("people").count("<tr><td></td><td></td></tr>") == 2  # rows: 2, two columns
    assert field("traits").count('class="course-print-box"') == 2
    assert field("confidence").count("course-print-circle") == 5 and "Not at all" in field("confidence")
    assert field("format").count("course-print-circle") == 2
    assert field("review").count("<span></span>") == 1
    # The screen form and its tools print nowhere: the stylesheet hides them, and here
    # the paper form carries no controls at all.
    assert "<input" not in paper and "<button" not in paper


def test_workbook_pages_hold_every_sheet_blank_and_link_a_pdf_only_when_one_is_made(three_sheets: Path) -> None:
    course = load_course(three_sheets)
    without = pages_by_uri(course)
    with_pdf = pages_by_uri(course, pdf="Letter")
    whole = without["workbooks/whole-course.md"]
    assert whole.startswith("# Workbook: Whole course\n")
    assert [m for m in re.findall(r'data-course-sheet="([a-z-]+)"', whole)] == ["all-fields", "b-sheet", "a-sheet", "unused"]
    assert "data-course-key" not in whole and "data-course-print-key" not in whole  # blank: no answers go in
    assert "Answer for unused" in whole and "Purpose of unused." in whole
    assert ".pdf" not in whole and ".pdf" not in without["workbooks/index.md"]
    assert 'href="../mini-workbook.pdf" download>Download the PDF (Letter)</a>' in with_pdf["workbooks/whole-course.md"]
    assert '<a href="mini-practice-workbook.pdf" download>PDF</a>' in with_pdf["workbooks/index.md"]
    practice = without["workbooks/module-practice.md"]
    assert "module 2 of 2" in practice and "[Practice](../practice/index.md)" in practice


def test_workbooks_are_in_the_nav_under_worksheets(three_sheets: Path) -> None:
    renderer = Renderer(load_course(three_sheets))
    worksheets = next(item for item in renderer.nav() if item.title == "Worksheets")
    workbooks = worksheets.children[-1]
    assert workbooks.title == "Printable workbooks"
    assert [(c.title, c.uri) for c in workbooks.children] == [
        ("Printable workbooks", "workbooks/index.md"),
        ("Whole course", "workbooks/whole-course.md"),
        ("Basics", "workbooks/module-basics.md"),
        ("Practice", "workbooks/module-practice.md"),
    ]
    assert set(nav_uris(renderer.nav()) + nav_uris(renderer.apart())) == {p.uri for p in renderer.pages()}


def test_manifest_lists_packs_with_their_pdfs_only_when_made(three_sheets: Path) -> None:
    course = load_course(three_sheets)
    plain = manifest(course, Layout(), directory_urls=True)
    assert plain["packs"][0] == {
        "id": "whole-course",
        "title": "Whole course",
        "module": None,
        "worksheets": ["all-fields", "b-sheet", "a-sheet", "unused"],
        "url": "workbooks/whole-course/",
        "pdf": None,
    }
    made = manifest(course, Layout("learn"), directory_urls=False, pdf=True)
    assert [(p["url"], p["pdf"]) for p in made["packs"]] == [
        ("learn/workbooks/whole-course.html", "learn/workbooks/mini-workbook.pdf"),
        ("learn/workbooks/module-basics.html", "learn/workbooks/mini-basics-workbook.pdf"),
        ("learn/workbooks/module-practice.html", "learn/workbooks/mini-practice-workbook.pdf"),
    ]
    # What the Markdown export needs to write readable labels.
    all_fields = next(w for w in made["worksheets"] if w["id"] == "all-fields")
    people = next(f for f in all_fields["fields"] if f["id"] == "people")
    assert people["columns"] == [{"id": "who", "label": "Who", "type": "text"}, {"id": "role", "label": "Role", "type": "text"}] and people["rows"] == 2

    assert made["lessons"][0]["prompts"] == {"why": "Why are you here?"}


# --- the plugin option -----------------------------------------------------------------------------------


def project_with(tmp_path: Path, options: str) -> Path:
    root = copy_course(FIXTURES / MINI, tmp_path / "project")
    write(root / "mkdocs.yml", MKDOCS_YML.format(options=":\n" + options))
    return root


def test_pdf_without_a_browser_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    root = project_with(tmp_path, "      pdf: true\n      pdf_browser: /no/such/chromium\n")
    site = root / "site"
    write(site / "index.html", "an earlier build")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "The browser `/no/such/chromium` given in `pdf_browser` was not found" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "an earlier build"
    assert not (site / "workbooks").exists()


def test_pdf_paper_is_a4_or_letter(tmp_path: Path) -> None:
    root = project_with(tmp_path, "      pdf: true\n      pdf_paper: A5\n")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "pdf_paper" in result.stderr and "'A4', 'Letter'" in result.stderr


def test_serve_skips_pdfs_and_build_checks_for_a_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = CoursePlugin()
    errors, warnings = plugin.load_config({"pdf": True, "pdf_browser": "/no/such/chromium"})
    assert not errors
    plugin.on_startup(command="serve", dirty=False)
    assert plugin._pdf_browser() is None
    plugin.on_startup(command="build", dirty=False)
    with pytest.raises(Exception, match="was not found"):
        plugin._pdf_browser()


# --- PDFs made by a real build -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_with_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini course built once with `pdf: true` (A4)."""
    root = copy_course(FIXTURES / MINI, tmp_path_factory.mktemp("pdfs") / "project")
    write(root / "mkdocs.yml", MKDOCS_YML.format(options=":\n      pdf: true\n"))
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert "Made 4 PDFs of workbooks and cohort packs (A4)." in result.stderr
    return root / "site"


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


def test_build_makes_a_pdf_of_every_workbook_listed_in_course_json(built_with_pdfs: Path) -> None:
    data = json.loads((built_with_pdfs / "course.json").read_text(encoding="utf-8"))
    assert [(p["id"], p["pdf"]) for p in data["packs"]] == [
        ("whole-course", "workbooks/mini-workbook.pdf"),
        ("module-basics", "workbooks/mini-basics-workbook.pdf"),
    ]
    for pack in data["packs"]:
        assert (built_with_pdfs / pack["pdf"]).read_bytes().startswith(b"%PDF-")
        assert (built_with_pdfs / pack["url"] / "index.html").is_file()
    # The workbook page's download link resolves to the PDF.
    html = (built_with_pdfs / "workbooks" / "whole-course" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'href="([^"]+\.pdf)" download>Download the PDF \(A4\)', html)
    assert link and (built_with_pdfs / "workbooks" / "whole-course" / link.group(1)).resolve() == (built_with_pdfs / "workbooks" / "mini-workbook.pdf").resolve()


def test_each_cohort_pack_is_a_pdf_listed_in_course_json(built_with_pdfs: Path) -> None:
    cohorts = json.loads((built_with_pdfs / "course.json").read_text(encoding="utf-8"))["cohorts"]
    assert len(cohorts) == 2
    for cohort in cohorts:
        assert cohort["pack_pdf"] == f"facilitator/{cohort['id']}/{cohort['id']}-pack.pdf"
        texts = pdf_pages(built_with_pdfs / cohort["pack_pdf"])
        whole = "\n".join(texts)
        assert len(texts) >= 3
        assert cohort["name"] in whole and "Run sheet: session 1" in whole
        # The evening group meets in a library room: sign-in sheets. The daytime group meets online only.
        assert ("Sign-in sheet" in whole) == (cohort["id"] == "evening"), cohort["id"]


def test_workbook_pdf_is_a4_with_a_cover_then_each_sheet_titled_on_every_page(built_with_pdfs: Path) -> None:
    reader = PdfReader(io.BytesIO((built_with_pdfs / "workbooks" / "mini-workbook.pdf").read_bytes()))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (596, 843)  # A4 in points
    assert reader.metadata.title == "Mini course: workbook, whole course"
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) >= 2
    assert "Workbook: Whole course" in texts[0] and "Contents" in texts[0]
    assert "Your name" not in texts[0]  # the sheet starts on a new page
    whole = "\n".join(texts)
    for label in ["Your name", "Your story", "Three hopes", "People", "Who", "Role", "Traits", "Kind", "Honest", "Confidence", "Not at all", "Very much", "Format", "Weekly", "Monthly", "Review date"]:
        assert label in whole, label
    for number, text in enumerate(texts, 1):
        assert "Mini course" in text, number
        assert f"Page {number} of {len(texts)}" in text
        if number > 1:
            assert "Every field type" in text  # the sheet's title in the running header
    # No buttons or site chrome on paper.
    for absent in ["Print this workbook", "Download the PDF", "Made with", "Skip to content"]:
        assert absent not in whole


def test_no_pdfs_without_the_option(tmp_path: Path) -> None:
    root = copy_course(FIXTURES / MINI, tmp_path / "project")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert not list(site.rglob("*.pdf"))
    assert all(p["pdf"] is None for p in json.loads((site / "course.json").read_text(encoding="utf-8"))["packs"])
    assert (site / "workbooks" / "whole-course" / "index.html").is_file()
    assert (site / "assets" / "mkdocs-course" / printing.PRINT_CSS).read_text(encoding="utf-8") == printing.print_css(load_course(root))
    shutil.rmtree(site)
