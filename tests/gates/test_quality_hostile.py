"""Hostile input: what a careless or malicious course file can do, and what it cannot.

Each hostile file gives a clear problem (path:line:col, with a hint) or is rendered
harmless, quickly and in bounded memory. The time and memory bounds are generous limits
against hangs and blow-ups, not speed measurements (those are in bench/). The YAML
reader's own table of refusals is tests/load/test_yaml_source.py; here the same attacks go
through the whole loader, as an author's course folder.

Script in course text is tested where it matters, in the browser: the mini course with
hostile text in every text field (quality.make_hostile) is built and every kind of page
is opened in Chromium; no dialog may open and no injected markup may survive as markup.
"""

from __future__ import annotations

import re
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from mkdocs_course.render import sanitize

import quality
from conftest import FIXTURES, copy_course, edit, mkdocs_build, reported
from mkdocs_course.load.loader import check_course
from mkdocs_course.load.yaml_source import MAX_BYTES

LESSON = "lessons/basics/01-first.yml"
SECONDS = 2.0  # a generous bound against hangs, not a measurement
MEGABYTES = 40  # likewise for memory: a 50 MB file read whole would pass it


@contextmanager
def bounded() -> Iterator[None]:
    """Fail if the block takes more than SECONDS or allocates more than MEGABYTES at its peak."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        yield
    finally:
        took = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert took < SECONDS, f"took {took:.1f} s"
    assert peak < MEGABYTES * 2**20, f"peaked at {peak / 2**20:.0f} MB"


def problems_of(root: Path) -> list[str]:
    with bounded():
        return reported(root)


# --- the YAML itself ------------------------------------------------------------------------------


def alias_bomb() -> str:
    lines = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_without_being_expanded(mini_course: Path) -> None:
    (mini_course / LESSON).write_text(alias_bomb(), encoding="utf-8")
    found = problems_of(mini_course)
    assert found[0] == f"{LESSON}:2:10: YAML aliases (`*name`) are not allowed | write the value out in full where it is used"  # the first `*a0`, on line 2
    assert all("alias" in p for p in found if p.startswith(LESSON))


def test_an_unsafe_tag_is_refused_and_never_run(mini_course: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    edit(mini_course, LESSON, "title: First lesson", f"title: !!python/object/apply:os.system ['touch {marker}']")
    edit(mini_course, LESSON, "action: Write one line.", "action: !!python/name:os.system")
    assert problems_of(mini_course) == [
        f"{LESSON}:2:8: tag `tag:yaml.org,2002:python/object/apply:os.system` is not allowed | remove the tag; course files use plain YAML",
        f"{LESSON}:14:9: tag `tag:yaml.org,2002:python/name:os.system` is not allowed | remove the tag; course files use plain YAML values",
    ]
    assert not marker.exists()


def test_duplicate_keys_are_refused(mini_course: Path) -> None:
    edit(mini_course, LESSON, "minutes: 10", "minutes: 10\nminutes: 20")
    assert problems_of(mini_course) == [f"{LESSON}:4:1: duplicate key `minutes` (first at line 3) | a key may appear once; remove or rename one of them"]


def test_a_50_mb_file_is_refused_without_being_read(mini_course: Path) -> None:
    big = mini_course / "lessons/basics/03-big.yml"
    with big.open("wb") as f:
        f.write(b"id: big\n")
        f.write(b"# padding\n" * 5_000_000)
    size = big.stat().st_size
    assert size > 50_000_000
    # bounded(): reading it whole would allocate 50 MB, over the memory bound.
    assert problems_of(mini_course) == [f"lessons/basics/03-big.yml:1:1: file is {size:,} bytes; the limit is {MAX_BYTES:,} | split it into smaller files"]


def test_deeply_nested_data_is_refused(mini_course: Path) -> None:
    (mini_course / LESSON).write_text("sections: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert problems_of(mini_course) == [f"{LESSON}:1:74: data is nested more than 64 levels deep | course files need only a few levels"]


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40, b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 4000, bytes(range(256)) * 40],
    ids=["png", "elf", "every-byte"],
)
def test_a_binary_file_is_refused(mini_course: Path, content: bytes) -> None:
    (mini_course / LESSON).write_bytes(content)
    assert problems_of(mini_course)[0] == f"{LESSON}:1:1: file is binary, not YAML text | save it as plain UTF-8 text"


def test_an_invisible_line_break_is_named_and_later_positions_stay_right(mini_course: Path) -> None:
    # Word processors paste U+2028 (line separator) into text; YAML reads it as a line break.
    edit(mini_course, LESSON, "title: First lesson", "title: First\u2028lesson")
    edit(mini_course, LESSON, "minutes: 10", "minutes: 10\nminutes: 11")
    assert problems_of(mini_course) == [
        f"{LESSON}:3:1: YAML syntax error: could not find expected ':' | line 2 holds an invisible line break (U+2028, often pasted from a word processor), which YAML reads as a new line: delete it",
    ]
    edit(mini_course, LESSON, "title: First\u2028lesson", 'title: "First\u2028lesson"')  # quoted, it is text
    assert problems_of(mini_course) == [f"{LESSON}:4:1: duplicate key `minutes` (first at line 3) | a key may appear once; remove or rename one of them"]


# --- file references -----------------------------------------------------------------------------

TRAVERSAL = "../../etc/passwd"


# Every place a course file names another file (by id): (file, text, replacement, the problem).
REFERENCES = {
    "module in course.yml": ("course/course.yml", "modules: [basics, practice]", f"modules: [basics, practice, '{TRAVERSAL}']",
                             "course/course.yml:5:29: modules[2]: `../../etc/passwd` is not a valid id"),
    "lesson order in module.yml": ("lessons/basics/module.yml", "outcomes:", f"lessons: [basics-first, basics-second, '{TRAVERSAL}']\noutcomes:",
                                   "lessons/basics/module.yml:5:40: lessons[2]: `../../etc/passwd` is not a valid id"),
    "routine of a lesson": (LESSON, "routine: warm-up", f"routine: '{TRAVERSAL}'", f"{LESSON}:10:10: routine: `../../etc/passwd` is not a valid id"),
    "worksheet of a lesson": (LESSON, "worksheets: [all-fields]", f"worksheets: ['{TRAVERSAL}']", f"{LESSON}:17:14: worksheets[0]: `../../etc/passwd` is not a valid id"),
    "lessons a cohort session covers": ("course/cohorts/daytime.yml", "covers: [basics-first, practice-only]", f"covers: [basics-first, '{TRAVERSAL}']",
                                        "course/cohorts/daytime.yml:20:28: sessions[1].covers[1]: `../../etc/passwd` is not a valid id"),
}


@pytest.mark.parametrize("case", sorted(REFERENCES))
def test_path_traversal_in_a_file_reference_is_refused(mini_course: Path, case: str) -> None:
    rel, old, new, expected = REFERENCES[case]
    edit(mini_course, rel, old, new)
    found = problems_of(mini_course)
    assert expected in [p.split(" | ")[0] for p in found], found
    assert all("passwd" not in p or "is not a valid id" in p for p in found)


def test_a_course_file_linked_to_a_file_outside_the_course_is_refused(mini_course: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text("id: secret\ntitle: A secret from elsewhere\n", encoding="utf-8")
    (mini_course / "lessons/basics/03-linked.yml").symlink_to(outside / "secret.yml")
    (mini_course / "exercises/passwd.yml").symlink_to("/etc/passwd")
    hint = "copy the file into the course folder instead of linking to it"
    found = problems_of(mini_course)
    assert found == [
        f"exercises/passwd.yml:1:1: file is a link to a place outside the course folder | {hint}",
        f"lessons/basics/03-linked.yml:1:1: file is a link to a place outside the course folder | {hint}",
    ]
    assert not any("secret" in p or "root:" in p for p in found)


def test_a_module_folder_linked_to_a_folder_outside_the_course_is_refused(mini_course: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "module.yml").write_text("id: elsewhere\ntitle: E\nrole: r\nsummary: S\noutcomes: [o]\n", encoding="utf-8")
    (mini_course / "lessons/elsewhere").symlink_to(outside, target_is_directory=True)
    edit(mini_course, "course/course.yml", "modules: [basics, practice]", "modules: [basics, practice, elsewhere]")
    assert "lessons/elsewhere/module.yml:1:1: file is a link to a place outside the course folder | copy the file into the course folder instead of linking to it" in problems_of(mini_course)


def test_a_link_inside_the_course_folder_is_fine(mini_course: Path) -> None:
    shared = mini_course / "shared.yml"
    (mini_course / LESSON).rename(shared)
    (mini_course / LESSON).symlink_to(shared)
    course, found = check_course(mini_course)
    assert found == [] and course is not None


def test_markdown_links_out_of_the_site_read_nothing_into_it(mini_course: Path) -> None:
    # Markdown links are addresses for the reader's browser: the build follows none of them.
    edit(mini_course, LESSON, "This is **the first** lesson.", f"[a]({TRAVERSAL}) ![b](../../../../../../{TRAVERSAL}) [c](/etc/passwd) [d](file:///etc/passwd)")
    result = mkdocs_build(mini_course)
    assert result.returncode == 0, result.stderr
    site = mini_course / "site"
    assert not any("root:x:0:0" in p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())
    assert not any(p.name == "passwd" for p in site.rglob("*"))
    # A file: link is no link a learner can follow: it is removed, and the author told (a warning, so --strict stops).
    assert "basics/basics-first.md: removed the link `file:///etc/passwd` in `href` from the course's text" in result.stderr
    assert 'href="file:' not in (site / "basics/basics-first/index.html").read_text(encoding="utf-8")
    assert mkdocs_build(mini_course, "--strict").returncode != 0


# --- text that tries to become markup --------------------------------------------------------------


def test_every_text_field_of_the_fixture_is_found_and_the_hostile_course_loads(tmp_path: Path) -> None:
    project = copy_course(FIXTURES / "mini", tmp_path / "mini")
    count = quality.make_hostile(project)
    assert count >= 60  # titles, prompts, bodies, labels, options, notes... of the mini course
    course, found = check_course(project)
    assert found == [] and course is not None
    lesson = course.lessons[0].data
    assert quality.HOSTILE_TEXT.strip()[:40] in lesson.title and quality.HOSTILE_MARKDOWN.strip()[:40] in lesson.sections[0].body
    assert course.worksheets[0].data.fields[6].options[0].startswith("Weekly <script>")  # even a choice's options


@pytest.mark.parametrize(
    "link",
    ["https://meet.example.org/)<img/src=x/onerror=alert(1)>", "https://meet.example.org/)[x](javascript:alert(1))", 'https://meet.example.org/"onclick="alert(1)', "javascript:alert(1)"],
)
def test_a_meeting_link_with_markup_is_not_a_web_address(mini_course: Path, link: str) -> None:
    edit(mini_course, "course/cohorts/evening.yml", "link: https://meet.example.org/evening", f"link: '{link}'")
    assert problems_of(mini_course) == [f"course/cohorts/evening.yml:24:11: sessions[1].link: `{link}` is not a web address | write the full address, starting with https://"]


def test_a_time_zone_that_is_markup_is_refused(mini_course: Path) -> None:
    edit(mini_course, "course/cohorts/daytime.yml", "timezone: America/New_York", "timezone: '<script>alert(1)</script>'")
    assert problems_of(mini_course)[0].startswith("course/cohorts/daytime.yml:4:11: unknown time zone `<script>alert(1)</script>`")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return quality.hostile_site(tmp_path_factory)


def test_the_feed_and_calendars_of_the_hostile_course_hold_text_only(hostile: Path) -> None:
    feed = ET.parse(hostile / "feed.xml").getroot()  # well-formed XML
    assert not [el.tag for el in feed.iter() if el.tag.rsplit("}", 1)[-1] in ("script", "img", "svg", "iframe")]
    assert '<script>alert("xss:script")</script>' in "".join(feed.itertext())  # the title, as text
    import icalendar

    for ics in hostile.rglob("*.ics"):
        calendar = icalendar.Calendar.from_ical(ics.read_bytes())
        assert calendar.errors == [] and all(not c.errors for c in calendar.walk())


ATTACKS = """() => {
    const found = [];
    for (const el of document.querySelectorAll("*")) {
        for (const a of el.attributes) {
            if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}=${a.value}`);
            if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\\s*(javascript|vbscript|data:text)/i.test(a.value)) found.push(`${el.tagName} ${a.name}=${a.value}`);
        }
        if (["IFRAME", "OBJECT", "EMBED", "FRAME"].includes(el.tagName)) found.push(el.tagName);
        if (el.tagName === "SCRIPT" && el.textContent.includes("xss:")) found.push("SCRIPT " + el.textContent.slice(0, 60));
        if (el.tagName === "IMG" && el.getAttribute("src") === "x") found.push("IMG src=x");
    }
    return found;
}"""


def open_everything(page: Any, base: str, site: Path) -> dict[str, list[str]]:
    """Every kind of page of `site`, opened; the markup each still has that an attack put there."""
    found = {}
    for kind, url in quality.page_types(site).items():
        page.goto(base + url)
        page.wait_for_load_state("load")
        if attacks := page.evaluate(ATTACKS):
            found[kind] = attacks
    return found


@pytest.mark.browser
def test_no_script_from_course_text_runs_in_any_page(browser, hostile: Path) -> None:
    base = quality.served(hostile)
    data = quality.manifest(hostile)
    context = browser.new_context()
    dialogs: list[str] = []
    errors: list[str] = []
    context.on("page", lambda p: (p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())), p.on("pageerror", lambda e: errors.append(str(e)))))
    try:
        page = context.new_page()
        # With a learner's track and answers, the scripts draw the course's text into the
        # pages too (the today, progress and journal views, the certificate): every page
        # is opened in that state, so both the built text and the drawn text are there.
        page.goto(base + data["pages"]["today"])
        page.get_by_role("button", name="Start today").click()
        for lesson in data["lessons"]:
            page.goto(base + lesson["url"])
            page.locator(".course-reflection textarea").first.fill("an answer")
            page.locator(".course-done button").click()
        page.goto(base + data["worksheets"][0]["url"])
        page.locator(".course-worksheet input[type=text]").first.fill("an answer")
        after = open_everything(page, base, hostile)
        # Shown as text, not dropped: the lesson's title on its page, the course title on the certificate.
        page.goto(base + data["lessons"][0]["url"])
        assert '<script>alert("xss:script")</script>' in page.locator("h1").inner_text()
        heading = page.locator("h1").inner_text()
        assert "{% raw %}" in heading and "49" not in heading  # no template language runs on course text
        page.goto(base + data["pages"]["certificate"])
        assert 'alert("xss:script")' in page.locator(".course-certificate").inner_text()
        # Neutralised links: still there as links, to nowhere.
        page.goto(base + data["lessons"][0]["url"])
        assert page.locator('a[href^="#unsafe-link-removed"]').count() >= 3
    finally:
        context.close()
    assert after == {}
    assert dialogs == []
    assert errors == []


@pytest.mark.browser
def test_no_script_from_a_learners_own_answers_runs(browser, shipped_site: Path) -> None:
    """Answers come back from import files too, which a learner may have been sent: shown as text."""
    base = quality.served(shipped_site)
    data = quality.manifest(shipped_site)
    course = data["course"]["id"]
    lesson, sheet = data["lessons"][0], data["worksheets"][0]
    hostile = quality.HOSTILE_MARKDOWN
    answers = {f"mkdocs-course.v1:answers:{course}/lesson/{lesson['id']}/{prompt}": hostile for prompt in lesson["reflection"]}
    for field in sheet["fields"]:
        value: Any = hostile
        if field["type"] == "table":
            value = [{c["id"]: hostile for c in field["columns"]}]
        elif field["type"] in ("list", "checklist"):
            value = [hostile, hostile]
        elif field["type"] == "scale":
            value = hostile
        answers[f"mkdocs-course.v1:answers:{course}/worksheet/{sheet['id']}/{field['id']}"] = value
    context = browser.new_context()
    dialogs: list[str] = []
    context.on("page", lambda p: p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
    try:
        page = context.new_page()
        page.goto(base)
        page.evaluate(
            "entries => { for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, JSON.stringify({value: v, modified: '2026-01-01T00:00:00.000Z'})); }",
            answers,
        )
        found = {}
        for name, url in {"lesson": lesson["url"], "worksheet": sheet["url"], "journal": data["pages"]["journal"], "progress": data["pages"]["progress"]}.items():
            page.goto(base + url)
            page.wait_for_load_state("load")
            if attacks := page.evaluate(ATTACKS):
                found[name] = attacks
        page.goto(base + data["pages"]["journal"])
        assert '<script>alert("xss:script")</script>' in page.locator(".md-content").inner_text()
    finally:
        context.close()
    assert found == {}
    assert dialogs == []


# Markdown that makes a link run script, in a Markdown field (safe_markdown) and in a one-line
# text field (plain_text: Markdown still reads links in escaped text).
SCRIPT_LINKS = [
    "[a](javascript:alert(1))",
    "[a]( JavaScript:alert(1))",
    "[a](java&#115;cript:alert(1))",
    "[a](&#x6A;avascript:alert(1))",
    "[a](vbscript:msgbox(1))",
    "[a](data:text/html;base64,PHNjcmlwdD4=)",
    "![a](javascript:alert(1))",
    "[a][1]\n\n[1]: javascript:alert(1)",
    "[a][1]\n\n  [1]: <javascript:alert(1)>",
    "<javascript:alert(1)>",
    "<a href=javascript:alert(1)>a</a>",
]


@pytest.mark.parametrize("text", SCRIPT_LINKS)
def test_no_markdown_link_in_course_text_runs_script(text: str) -> None:
    import markdown

    from mkdocs_course.render.text import plain_text, safe_markdown

    for html in (markdown.markdown(str(safe_markdown(text))), markdown.markdown("# " + str(plain_text(text))), markdown.markdown("- " + str(plain_text(text)))):
        assert not re.search(r"""<[a-z][^<>]*\b(?:href|src)=["']?\s*(?:javascript|vbscript|data)""", html, re.I), html
        assert not re.search(r"""<[a-z][^<>]*\b(?:href|src)=["']?[^"'>]*&#""", html, re.I), html  # no entity left to decode into a scheme


def test_a_line_break_in_one_line_text_cannot_start_new_markdown() -> None:
    import markdown

    from mkdocs_course.render.text import plain_text

    html = markdown.markdown("# " + str(plain_text("Title\n## Injected heading\n- item\n[1]: https://example.org")))
    assert html.startswith("<h1>") and html.count("<h") == 1 and "<ul>" not in html  # one heading, nothing after it


# --- the checks above can fail --------------------------------------------------------------------


@pytest.mark.browser
def test_the_attack_check_sees_markup_that_got_through(browser) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.set_content('<p><img src=x onerror=alert("xss:img")><a href="javascript:alert(1)">x</a><iframe srcdoc="hi"></iframe></p>')
        page.wait_for_timeout(100)
        assert page.evaluate(ATTACKS) == ['IMG onerror=alert("xss:img")', "IMG src=x", "A href=javascript:alert(1)", "IFRAME"]
    finally:
        page.close()
    assert dialogs == ["xss:img"]


def test_the_bounds_catch_a_slow_or_greedy_block() -> None:
    with pytest.raises(AssertionError, match="peaked at"):
        with bounded():
            _ = bytearray(MEGABYTES * 2**20 + 1)


# --- what a Markdown engine reads that no check of the source sees (issue 13) ---------------------------

# Every element hovered, focused and clicked: script that any of them would run shows as a dialog or an error.
POKE = """() => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    for (const type of ["mouseover", "mouseenter", "mousedown", "focus", "pointerover"])
      el.dispatchEvent(new (type.startsWith("focus") ? FocusEvent : MouseEvent)(type, { bubbles: true }));
    for (const attr of el.getAttributeNames())
      if (/^on/i.test(attr) || (attr === "style" && !/^--course-columns: [0-9.]+$/.test(el.getAttribute(attr).trim()) && el.closest(".md-content")))
        out.push(`${el.tagName}.${el.className} ${attr}="${el.getAttribute(attr)}"`);
    for (const attr of ["href", "src", "action", "formaction", "srcset", "poster", "data"])
      if (el.hasAttribute(attr) && /^\\s*(javascript|data|vbscript|file):/i.test(el.getAttribute(attr).replace(/[\\u0000-\\u0020]/g, "")))
        out.push(`${el.tagName} ${attr}=${el.getAttribute(attr).slice(0, 40)}`);
  }
  // Every link clicked: a link within the site or to the web does not navigate away (the check goes on);
  // any other would run where it is.
  document.addEventListener("click", e => {
    const a = e.target.closest("a[href]"), href = a ? a.getAttribute("href").replace(/[\\u0000-\\u0020]/g, "") : "";
    if (a && (!/^[a-z][a-z0-9+.-]*:/i.test(href) || /^(https?|mailto|tel):/i.test(href))) e.preventDefault();
  }, true);
  for (const a of document.querySelectorAll(".md-content a[href]")) a.click();
  return out;
}"""


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The fixture course with every Markdown field holding each attack, built with Material's recommended extensions."""
    folder = tmp_path_factory.mktemp("attacked")
    project = copy_course(FIXTURES / "mini", folder / "mini")
    (project / "mkdocs.yml").write_text(quality.MINI_YML.format(options="") + quality.ATTACK_EXTENSIONS, encoding="utf-8")
    assert quality.make_hostile(project, markdown=quality.ATTACK_MARKDOWN) >= 60
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site", result.stderr


def test_links_and_attributes_the_source_check_cannot_see_are_removed_from_every_page(attacked: tuple[Path, str]) -> None:
    site, log = attacked
    lesson = (site / "basics/basics-first/index.html").read_text(encoding="utf-8")
    assert "javascript:" not in lesson.replace("javascript:alert(", "")  # only as text, never as a link
    assert not re.search(r'href="\s*(javascript|data|vbscript):', lesson, re.I)
    assert "onmouseover=" not in lesson and 'style="position' not in lesson
    assert "root:x:0:0" not in lesson  # the snippet of /etc/passwd was not read in
    assert lesson.count(f'href="{sanitize.REMOVED}"') >= 4
    # The author hears of each removal, with the page it was on.
    assert "WARNING -  basics/basics-first.md: removed the attribute `onmouseover` on <p> from the course's text" in log
    assert "basics/basics-first.md: removed the link `javascript:alert(\"xss:split-definition\")` in `href`" in log
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        content = quality.parse_attributes(text[text.find('<div class="md-content"') :])
        assert not [(tag, name) for tag, name, _ in content if name.startswith("on") or name == "srcdoc"], path
        assert not [(tag, value) for tag, name, value in content if name in sanitize.URL_ATTRIBUTES and not sanitize.safe_url(value or "")], path


@pytest.mark.browser
def test_no_attack_runs_in_any_page_when_every_element_is_hovered_and_every_link_clicked(browser, attacked: tuple[Path, str]) -> None:
    site, _ = attacked
    base = quality.served(site)
    context = browser.new_context()
    dialogs: list[str] = []
    errors: list[str] = []
    console: list[str] = []
    context.on("page", lambda p: (p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())), p.on("pageerror", lambda e: errors.append(str(e))),
                                  p.on("console", lambda m: console.append(m.text) if "xss" in m.text else None)))
    left: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for path in sorted(site.rglob("*.html")):
            url = base + path.relative_to(site).as_posix()
            page.goto(url)
            page.wait_for_load_state("load")
            if found := page.evaluate(POKE):
                left[url] = found
            page.wait_for_timeout(50)
    finally:
        context.close()
    assert left == {}
    assert dialogs == [] and errors == [] and console == []


# --- control characters and pages that would replace each other (issue 13) ----------------------------------


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        # A newline in the course title or a cohort name used to pass `course validate` and crash the calendar writer.
        ("course/course.yml", "title: Mini course", 'title: "Mini\\ncourse"', "course/course.yml:2:8: title holds a line break; it must be one line"),
        ("course/cohorts/evening.yml", "name: Evening group", 'name: "Evening\\ngroup"', "course/cohorts/evening.yml:3:7: name holds a line break; it must be one line"),
        # A bare carriage return went raw into .ics files.
        ("course/cohorts/evening.yml", "title: Kick-off", 'title: "Kick\\roff"', "course/cohorts/evening.yml:12:12: sessions[0].title holds a line break; it must be one line"),
        # A bell character made feed.xml ill-formed XML, with no error.
        ("lessons/basics/01-first.yml", "title: First lesson", 'title: "First\\a lesson"', "lessons/basics/01-first.yml:2:8: title holds the control character U+0007"),
        # Line separators are line breaks too, and other C1 controls are refused in Markdown.
        ("lessons/basics/01-first.yml", "title: First lesson", 'title: "First\\u2028lesson"', "lessons/basics/01-first.yml:2:8: title holds a line break; it must be one line"),
        ("lessons/basics/01-first.yml", "action: Write one line.", 'action: "Write\\x85one line."', "lessons/basics/01-first.yml:14:9: action holds the control character U+0085"),
    ],
)
def test_control_characters_in_text_are_refused_at_their_place(mini_course: Path, rel: str, old: str, new: str, expected: str) -> None:
    edit(mini_course, rel, old, new)
    found = reported(mini_course)
    assert len(found) == 1 and found[0].startswith(expected + " | "), found


def test_a_course_that_validates_builds_its_calendars_and_feed(mini_course: Path) -> None:
    """What `course validate` accepts, the calendar writer and the feed take: tabs and line breaks in Markdown are fine."""
    edit(mini_course, "course/cohorts/evening.yml", "welcome: Bring a notebook to the kick-off.", 'welcome: "Bring\\ta notebook.\\n\\nAnd a pen."')
    result = mkdocs_build(mini_course, "--strict")
    assert result.returncode == 0, result.stderr
    ET.parse(mini_course / "site/feed.xml")
    import icalendar

    for ics in (mini_course / "site").rglob("*.ics"):
        assert b"\r\r" not in ics.read_bytes()
        assert icalendar.Calendar.from_ical(ics.read_bytes()).errors == []


def renamed(root: Path, old: str, new: str, old_id: str, new_id: str) -> None:
    """A course file moved to a new name, with the id inside changed to match."""
    (root / old).rename(root / new)
    edit(root, new, old_id, new_id)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda root: edit(root, "lessons/basics/02-second.yml", "id: basics-second", "id: index"), "lessons/basics/02-second.yml:1:5: lesson id `index` is the name of its module's own page"),
        (lambda root: edit(root, "course/routines.yml", "id: warm-up", "id: index") or edit(root, "lessons/basics/01-first.yml", "routine: warm-up", "routine: index") or edit(root, "lessons/basics/02-second.yml", "routine: warm-up", "routine: index") or edit(root, "lessons/practice/01-only.yml", "routine: warm-up", "routine: index"),
         "course/routines.yml:2:9: routine id `index` is the name of the page that lists the routines"),
        (lambda root: renamed(root, "exercises/all-fields.yml", "exercises/index.yml", "id: all-fields", "id: index") or edit(root, "lessons/basics/01-first.yml", "worksheets: [all-fields]", "worksheets: [index]"),
         "exercises/index.yml:1:5: worksheet id `index` is the name of the page that lists the worksheets"),
        (lambda root: renamed(root, "course/cohorts/evening.yml", "course/cohorts/index.yml", "id: evening", "id: index"),
         "course/cohorts/index.yml:2:5: cohort id `index` is the name of the page that lists the cohorts"),
        (lambda root: (root / "exercises/all-fields.yaml").write_text((root / "exercises/all-fields.yml").read_text(encoding="utf-8"), encoding="utf-8"),
         "exercises/all-fields.yml:1:5: duplicate worksheet id `all-fields` (also in exercises/all-fields.yaml)"),
    ],
)
def test_an_id_that_would_take_another_pages_place_is_refused(mini_course: Path, make: Any, expected: str) -> None:
    """Each of these used to build under --strict with one page silently replacing another."""
    make(mini_course)
    found = reported(mini_course)
    assert [p for p in found if p.startswith(expected + " | ")], found


def test_a_folder_or_a_pipe_named_like_a_course_file_is_reported_not_skipped(mini_course: Path) -> None:
    import os

    (mini_course / "exercises/spare.yml").mkdir()
    os.mkfifo(mini_course / "lessons/basics/03-pipe.yml")  # reading it would wait for ever
    found = reported(mini_course)
    assert "exercises/spare.yml:1:1: `spare.yml` is a folder, not a course file | course files are plain YAML files; rename or move it out of the course folder" in found
    assert "lessons/basics/03-pipe.yml:1:1: `03-pipe.yml` is not a regular file (a pipe, a socket or a device), not a course file | course files are plain YAML files; rename or move it out of the course folder" in found


def test_an_unreadable_module_folder_is_a_problem_not_a_traceback(mini_course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    folder = mini_course / "lessons/practice"
    if os.geteuid() == 0:
        # Root reads every folder whatever its mode: the system's refusal is played by the folder listing itself.
        listing = Path.iterdir

        def refuse(path: Path):
            if path == folder:
                raise PermissionError(13, "Permission denied", str(path))
            return listing(path)

        monkeypatch.setattr(Path, "iterdir", refuse)
    else:
        folder.chmod(0o000)
    try:
        found = reported(mini_course)
    finally:
        folder.chmod(0o755)
    assert "lessons/practice/:1:1: cannot read folder: Permission denied | check the folder's permissions: the course tools need to list and read it" in found, found


def test_a_hint_never_offers_an_id_that_is_itself_invalid(mini_course: Path) -> None:
    (mini_course / "lessons/basics").rename(mini_course / "lessons/Basics")
    (mini_course / "exercises/all-fields.yml").rename(mini_course / "exercises/All Fields.yml")
    found = reported(mini_course)
    assert "lessons/Basics/module.yml:1:1: module folder `Basics` is not a valid id | rename the folder to `basics` (lowercase letters, digits and single hyphens), and use that as the module's id" in found
    assert "exercises/All Fields.yml:1:5: worksheet id `all-fields` does not match its file name `All Fields.yml` | rename the file to `all-fields.yml`: `All Fields` cannot be an id (lowercase letters, digits and single hyphens)" in found
    assert not [p for p in found if "`id: Basics`" in p or "`Basics`?" in p or "- Basics" in p], found
