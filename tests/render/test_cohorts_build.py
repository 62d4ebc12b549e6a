"""Two cohorts built side by side in a full `mkdocs build`: pages, feeds, course.json, and the browser side."""

from __future__ import annotations

import hashlib
import json
import re
from html import unescape
from pathlib import Path

import icalendar
import pytest

from conftest import FIXTURES, MKDOCS_YML, copy_course, mkdocs_build, serving
from mkdocs_course.outputs import ical
from mkdocs_course.load.loader import load_course
from mkdocs_course.render.pages import Renderer

SITE_URL = "https://example.org/mini/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_course(FIXTURES / "mini", tmp_path_factory.mktemp("cohorts") / "mini")
    (project / "mkdocs.yml").write_text(f"site_url: {SITE_URL}\n" + MKDOCS_YML.format(options=""), encoding="utf-8")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """The page's article as plain text, tags removed, whitespace collapsed."""
    article = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", article)))


def test_course_json_lists_both_cohorts_with_urls_that_exist(site: Path) -> None:
    data = json.loads((site / "course.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["cohorts"]] == ["evening", "daytime"]  # by start date
    evening = data["cohorts"][0]
    assert {k: v for k, v in evening.items() if k != "sessions"} == {
        "id": "evening",
        "name": "Evening group",
        "start": "2027-03-25",
        "last_day": "2027-04-09",
        "timezone": "Europe/London",
        "lesson_days": ["monday", "thursday"],
        "schedule": "cohorts/evening/",
        "calendar": "cohorts/evening.ics",
        "guide": "facilitator/evening/",
        "pack": "facilitator/evening/pack/",
        "pack_pdf": None,  # this build makes no PDFs
        "lessons": {"basics-first": "2027-03-25", "basics-second": "2027-04-01", "practice-only": "2027-04-05"},
    }
    assert evening["sessions"][1] == {
        "id": "weekly-20270402",
        "number": 2,
        "title": "Weekly circle",
        "start": "2027-04-02T18:30:00+01:00",
        "end": "2027-04-02T19:30:00+01:00",
        "place": "Room 4, Central Library",
        "link": "https://meet.example.org/evening",
        "lessons": ["basics-first", "basics-second"],
    }
    for cohort in data["cohorts"]:
        for key in ("schedule", "guide", "pack"):
            assert (site / cohort[key] / "index.html").is_file(), cohort[key]
        assert (site / cohort["calendar"]).is_file()


def test_the_published_feeds_are_the_ones_the_model_gives(site: Path) -> None:
    course = load_course(FIXTURES / "mini")
    for cohort in course.cohorts:
        published = (site / "cohorts" / f"{cohort.id}.ics").read_bytes()
        assert published == ical.feed(course, cohort, site_url=SITE_URL)
        assert len(icalendar.Calendar.from_ical(published).walk("VEVENT")) == 3 + len(cohort.sessions)


def test_schedule_page(site: Path) -> None:
    html = html_of(site, "cohorts/evening")
    text = text_of(html)
    assert "Cohort schedule · 3 lessons from Thu, Mar 25, 2027 to Mon, Apr 5, 2027 · times in Europe/London" in text
    assert "Bring a notebook to the kick-off." in text
    assert '<a href="../evening.ics">Download the calendar file</a>' in html
    assert "2. Weekly circle Fri, Apr 2, 2027, 18:30 to 19:30 BST" in text
    assert "1. Kick-off Wed, Mar 24, 2027, 18:30 to 20:00 GMT" in text
    assert "Week 2: Mon, Mar 29 to Sun, Apr 4" in text and "Mon, Mar 29 Holiday: no lesson or session" in text
    assert '<caption>March 2027</caption>' in html and html.count('<table class="course-month">') == 2
    assert 'data-course-cohort-choice="evening" data-course-cohort-key="mini/cohort"' in html
    assert "For facilitators" not in text  # a learner page


def test_lesson_page_has_each_cohorts_date_hidden_until_chosen(site: Path) -> None:
    html = html_of(site, "basics/basics-second")
    assert '<div class="course-cohort-days" data-course-cohort-key="mini/cohort" hidden>' in html
    assert (
        '<p class="course-meta course-cohort-day" data-course-cohort="evening" hidden><a href="../../cohorts/evening/">Evening group</a>'
        ' · Day 2 · <time datetime="2027-04-01">Thu, Apr 1</time> · group session 2: <time datetime="2027-04-02T18:30:00+01:00">Fri, Apr 2, 18:30</time></p>'
    ) in html
    assert 'data-course-cohort="daytime" hidden><a href="../../cohorts/daytime/">Daytime group</a> · Day 2 · <time datetime="2027-06-09">Wed, Jun 9</time>' in html
    assert "assets/mkdocs-course/cohort.js" in html and "assets/mkdocs-course/cohort.css" in html


def test_facilitator_guide_has_a_run_sheet_per_session(site: Path) -> None:
    html = html_of(site, "facilitator/evening")
    text = text_of(html)
    assert "For facilitators · not part of the learner track" in text
    assert "Facilitators: Ana Ruiz (ana@example.org)" in text
    assert '<a href="../../cohorts/evening/?join">this link</a>' in html
    assert [m for m in re.findall(r"<h2 [^>]*>(.*?)</h2>", html)] == [
        "Next session", "Sessions at a glance", "Session 1: Kick-off", "Session 2: Weekly circle", "Session 3: Weekly circle",
    ]
    assert html.count("<h3 id=\"run-sheet") == 3
    # Session 2: 60 minutes; blocks add up, questions and notes from the two lessons it covers.
    assert "18:30 5 Welcome" in text and "18:35 10 Recap" in text and "18:45 25 Discussion" in text
    assert "19:10 15 Pair work In pairs, compare what you wrote in Every field type" in text
    assert "19:25 5 Close Each person names one action before session 3 (Fri, Apr 9)." in text
    assert "Day 1: First lesson · about 15 minutes What brought you here?" in text
    assert "Day 2: Second lesson · about 10 minutes What changed? Keep it short." in text
    assert "6 copies of Every field type" in text
    assert "Nothing yet: this session comes before the first lesson." in text  # the kick-off


def test_pack_has_a_sheet_per_part(site: Path) -> None:
    html = html_of(site, "facilitator/evening/pack")
    text = text_of(html)
    assert "For facilitators · print and bring to the sessions" in text
    headings = re.findall(r"<h2 [^>]*>(.*?)</h2>", html)
    assert headings == [
        "Schedule handout",
        "Sign-in sheet: session 1, Kick-off", "Sign-in sheet: session 2, Weekly circle", "Sign-in sheet: session 3, Weekly circle",
        "Run sheet: session 1, Kick-off", "Run sheet: session 2, Weekly circle", "Run sheet: session 3, Weekly circle",
        "Workbook",
    ]
    assert html.count('<div class="course-pack-break"></div>') == len(headings)  # each part starts a new sheet
    sign_in = html[html.index('<h2 id="sign-in-sheet-session-1') : html.index('<h2 id="sign-in-sheet-session-2')]
    assert sign_in.count("<tr><td>") == 6  # size: 6
    workbook = html[html.index(">Workbook<") :]
    assert "First used on day 1, Thu, Mar 25, 2027: First lesson" in text
    assert "<input" not in workbook and "<textarea" not in workbook  # paper only: nothing to save here
    fields = load_course(FIXTURES / "mini").worksheet_by_id["all-fields"].data.fields
    assert workbook.count('<div class="course-print-field ') == len(fields)  # every field of all-fields.yml, as on the workbook pages


def test_facilitator_pages_sit_apart_from_the_learner_pages_in_the_nav() -> None:
    renderer = Renderer(load_course(FIXTURES / "mini"))
    assert not {"Cohorts", "Facilitator guide"} & {item.title for item in renderer.nav()}
    nav = {item.title: item for item in renderer.apart()}
    assert [(c.title, c.uri) for c in nav["Cohorts"].children] == [
        ("Cohorts", "cohorts/index.md"), ("Evening group", "cohorts/evening.md"), ("Daytime group", "cohorts/daytime.md"),
    ]
    assert [c.uri or c.title for c in nav["Facilitator guide"].children] == [
        "facilitator/index.md",
        "facilitator/evening/index.md", "facilitator/evening/pack.md", "Sessions: Evening group",
        "facilitator/daytime/index.md", "facilitator/daytime/pack.md", "Sessions: Daytime group",
    ]
    sessions = {c.title: c for c in nav["Facilitator guide"].children}["Sessions: Evening group"]
    assert [(c.title, c.uri) for c in sessions.children] == [
        ("1. Kick-off, Wed, Mar 24", "facilitator/evening/sessions/kick-off.md"),
        ("2. Weekly circle, Fri, Apr 2", "facilitator/evening/sessions/weekly-20270402.md"),
        ("3. Weekly circle, Fri, Apr 9", "facilitator/evening/sessions/weekly-20270409.md"),
    ]


def test_a_broken_cohort_stops_the_build_and_leaves_the_last_site(project: Path, site: Path) -> None:
    before = {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}
    cohort = project / "course/cohorts/daytime.yml"
    good = cohort.read_text(encoding="utf-8")
    try:
        cohort.write_text(good.replace("timezone: America/New_York", "timezone: America/New_Yrok"), encoding="utf-8")
        result = mkdocs_build(project, "--strict")
    finally:
        cohort.write_text(good, encoding="utf-8")
    assert result.returncode != 0
    assert "course/cohorts/daytime.yml:4:11: error: unknown time zone `America/New_Yrok`\n    hint: did you mean `America/New_York`?" in result.stderr
    after = {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}
    assert after == before


# --- in the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(site: Path):
    with serving(site) as url:
        yield url


# The choice is a record in the shared learner store (course.js), so exports carry it.
KEY = "mkdocs-course.v1:progress:mini/cohort"
FOLLOWED = f"(() => {{ const r = localStorage.getItem('{KEY}'); return r === null ? undefined : JSON.parse(r).value; }})()"


@pytest.mark.browser
def test_join_link_sets_the_cohort_and_lesson_pages_follow_it(page, site_url: str) -> None:
    page.goto(site_url + "basics/basics-second/")
    assert page.locator(".course-cohort-day").evaluate_all("els => els.filter(e => e.offsetParent).length") == 0

    page.goto(site_url + "cohorts/evening/?join")
    assert page.evaluate(FOLLOWED) == "evening"
    assert page.get_by_role("status").inner_text() == "Welcome: you now follow the Evening group dates."
    assert page.get_by_role("button", name="Stop following this cohort").is_visible()
    assert not page.get_by_role("button", name="Follow this cohort's dates").is_visible()

    page.goto(site_url + "basics/basics-second/")
    shown = page.locator(".course-cohort-day:visible")
    assert shown.count() == 1
    assert shown.inner_text() == "Evening group · Day 2 · Thu, Apr 1 · group session 2: Fri, Apr 2, 18:30"

    page.goto(site_url + "cohorts/")
    assert page.locator("[data-course-cohort-mark]:visible").inner_text().strip() == "· yours"


@pytest.mark.browser
def test_follow_and_stop_following_with_the_keyboard(page, site_url: str) -> None:
    page.goto(site_url + "cohorts/daytime/")
    follow = page.get_by_role("button", name="Follow this cohort's dates")
    follow.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(FOLLOWED) == "daytime"
    assert page.get_by_role("status").inner_text() == "Done: you now follow the Daytime group dates."
    stop = page.get_by_role("button", name="Stop following this cohort")
    assert page.evaluate("document.activeElement.textContent") == "Stop following this cohort"
    page.keyboard.press("Enter")
    # Kept as a null record, so importing an older export cannot bring the choice back.
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}'))")["value"] is None
    assert not stop.is_visible() and follow.is_visible()


@pytest.mark.browser
def test_pack_prints_one_part_per_sheet(page, site_url: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page.goto(site_url + "facilitator/evening/pack/")
    assert page.get_by_role("button", name="Print the pack").is_visible()
    pdf = tmp_path / "pack.pdf"
    page.pdf(path=str(pdf), format="A4")
    texts = [p.extract_text() for p in PdfReader(str(pdf)).pages]
    assert "Print the pack" not in "".join(texts)
    # Paper carries no instruction meant for the screen...
    for screen_only in ("Print command", "Save as PDF", "print and bring", "site_url", "open that session's page"):
        assert screen_only not in "".join(texts), screen_only
    # ...and the handout says where the course lives and how to join each session online.
    handout = next(t for t in texts if "Mini course, Evening group." in t)
    flat = " ".join(handout.split())
    assert f"Your group's page: {SITE_URL}cohorts/evening/?join." in flat, flat  # the link that follows the cohort
    assert "https://meet.example.org/evening" in flat and "Joining online" in flat
    parts = ["Mini course, Evening group.", *(f"Sign-in sheet: session {n}" for n in (1, 2, 3)), *(f"Run sheet: session {n}" for n in (1, 2, 3)), "The worksheets of Mini course"]
    pages = [[i for i, t in enumerate(texts) if part in t] for part in parts]
    assert all(len(found) == 1 for found in pages), pages  # each part on one sheet of its own...
    starts = [found[0] for found in pages]
    assert starts == sorted(set(starts)) and starts[0] == 1, starts  # ...after the cover, in order


@pytest.mark.parametrize("site_url", [None, "http://127.0.0.1:8000/"])
def test_without_a_public_address_the_handout_leaves_a_line_and_the_screen_says_how_to_fill_it(site_url: str | None) -> None:
    # `mkdocs serve` sets a local site_url that no learner's phone could open: the same as none.
    pages = {p.uri: p.markdown for p in Renderer(load_course(FIXTURES / "mini"), site_url=site_url).pages()}
    pack = pages["facilitator/evening/pack.md"]
    assert "**Your group's page:** <span data-course-here=\"../../../cohorts/evening/?join\">______" in pack and "127.0.0.1" not in pack
    hint = next(line for line in pack.splitlines() if "site_url" in line)
    assert 'class="course-no-print"' in hint  # for the facilitator on screen, never on paper


def test_with_a_public_address_the_handout_names_the_groups_page() -> None:
    pages = {p.uri: p.markdown for p in Renderer(load_course(FIXTURES / "mini"), site_url="https://learn.example.org/career", directory_urls=False).pages()}
    assert "**Your group's page:** https://learn.example.org/career/cohorts/evening.html?join." in pages["facilitator/evening/pack.md"]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("now", "shown"),
    [
        ("2027-03-20T09:00:00+00:00", "Session 1: Kick-off"),  # before anything
        ("2027-03-24T19:30:00+00:00", "Session 1: Kick-off"),  # under way: 18:30 to 20:00 GMT
        ("2027-03-24T20:30:00+00:00", "Session 2: Weekly circle"),  # over; Good Friday has none
        ("2027-12-01T09:00:00+00:00", None),  # all over
    ],
)
def test_the_facilitator_guide_opens_with_the_next_session(page, site_url: str, now: str, shown: str | None) -> None:
    page.clock.set_fixed_time(now)
    page.goto(site_url + "facilitator/evening/")
    box = page.locator("[data-course-next-session]")
    assert box.is_visible()
    visible = box.locator("[data-course-session-end]:visible")
    if shown is None:
        assert visible.count() == 0
        assert box.get_by_text("All 3 sessions of this cohort are over.").is_visible()
        return
    assert visible.count() == 1
    text = " ".join(visible.inner_text().split())
    assert text.startswith(shown), text
    if shown.startswith("Session 2"):
        assert "Fri, Apr 2, 2027, 18:30 to 19:30 BST" in text  # the cohort's zone, after the clock change
        assert "Learners should have done: Days 1, 2 by then" in text
        assert "https://meet.example.org/evening" in visible.locator("a", has_text="online").get_attribute("href")
    visible.get_by_role("link", name="Its run sheet").click()
    assert page.evaluate("location.hash") == f"#course-session-{shown.split(':')[0].split()[-1]}"


SESSION = "facilitator/evening/sessions/weekly-20270402/"
RUN_KEY = "mkdocs-course.v1:answers:mini/facilitator/evening/weekly-20270402"


@pytest.mark.browser
def test_a_facilitator_adapts_a_run_sheet_takes_attendance_and_keeps_both(browser, site_url: str, tmp_path: Path) -> None:
    import json

    from pypdf import PdfReader

    from conftest import download_by_clicking

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(site_url + "facilitator/evening/")
        page.get_by_role("link", name="Adapt this run sheet and take attendance").nth(1).click()  # session 2
        page.wait_for_url(site_url + SESSION)
        welcome = page.get_by_label("18:30 · 5 min · Welcome")
        assert welcome.input_value().startswith("Greet people as they arrive")  # the guide's wording, to adapt
        welcome.fill("Tea first. Greet people, names on the sign-in sheet, then start at 18:35.")
        table = page.locator('fieldset[data-course-key$="/attendance"]')
        table.get_by_label("Name, row 1").fill("Lucía Pérez")
        table.get_by_label("Here, row 1").check()
        table.get_by_label("Name, row 2").fill("=HYPERLINK(\"http://evil.example\")")
        table.get_by_label("Note, row 2").fill("late, left early")
        page.reload()
        assert page.get_by_label("18:30 · 5 min · Welcome").input_value().startswith("Tea first.")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways on a phone
        # The button under the list, where a facilitator on a phone is after ticking names; its result said there.
        near = page.locator(".course-near-tools")
        with page.expect_download() as info:
            near.get_by_role("button", name="Save attendance as CSV").click(no_wait_after=True)
        csv_file = info.value
        assert "Saved a CSV file with 2 rows." in near.get_by_role("status").inner_text()
        assert csv_file.suggested_filename == "evening-weekly-20270402-attendance.csv"
        text = Path(csv_file.path()).read_bytes().decode("utf-8")
        # A name a spreadsheet would run as a formula stays text.
        # UTF-8 with its byte order mark, so a spreadsheet reads accents; an unticked box is a "no".
        assert text == '\ufeffName,Here,Note\r\nLucía Pérez,yes,\r\n"\'=HYPERLINK(""http://evil.example"")",no,"late, left early"\r\n'
        backup = json.loads(Path(download_by_clicking(page, "Save a backup file").path()).read_text(encoding="utf-8"))
        assert backup["answers"]["mini/facilitator/evening/weekly-20270402/block-welcome"]["value"].startswith("Tea first.")
        # Printed as left, for the session.
        page.get_by_role("button", name="Print with my changes").evaluate("b => { window.print = () => {}; b.click(); }")
        pdf = tmp_path / "run-sheet.pdf"
        page.pdf(path=str(pdf))
        printed = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
        assert "Tea first. Greet people" in printed and "Lucía Pérez" in printed
        # None of it is a learner's answer: the journal does not list it.
        page.goto(site_url + "journal/")
        page.locator(".course-track-body").wait_for()
        assert page.locator("[data-course-earlier-key]").count() == 0  # not listed as an answer the course stopped asking for
        assert "Tea first" not in page.locator("article").inner_text()
    finally:
        context.close()


def test_the_facilitator_guide_leads_to_each_cohorts_guide(site: Path) -> None:
    # A facilitator starts from the home page's "For facilitators" and must reach their cohort.
    html = html_of(site, "facilitator")
    for cohort, name in (("evening", "Evening group"), ("daytime", "Daytime group")):
        assert f'<a href="{cohort}/">facilitator guide and next session</a>' in html, cohort
        assert name in html
    cohorts = html_of(site, "cohorts")
    assert '<a href="../facilitator/evening/">Evening group</a>' in cohorts


@pytest.mark.browser
def test_printed_from_the_live_site_the_handout_has_its_address_even_without_site_url(browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    import mimetypes

    import quality

    site = quality.mini_site(tmp_path_factory)  # built without site_url
    context = browser.new_context()

    def from_site(route) -> None:  # the site as if served at a public address
        path = route.request.url.split("learn.example.org/", 1)[1].split("?")[0]
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        route.fulfill(status=200, body=file.read_bytes(), content_type=mimetypes.guess_type(str(file))[0] or "text/html") if file.is_file() else route.fulfill(status=404)

    context.route("https://learn.example.org/**", from_site)
    try:
        page = context.new_page()
        page.goto("https://learn.example.org/facilitator/evening/pack/")
        line = page.locator("[data-course-here]")
        assert line.inner_text() == "https://learn.example.org/cohorts/evening/?join"
        local = context.new_page()
        local.goto(quality.served(site) + "facilitator/evening/pack/")
        assert local.locator("[data-course-here]").inner_text().startswith("______")  # this machine's address is no use on paper
    finally:
        context.close()


def test_a_session_that_meets_online_gets_no_sign_in_sheet_and_its_run_sheet_says_how_to_take_attendance() -> None:
    # The shipped autumn group checks in online on Tuesdays (a link, no place) and meets for lunch once.
    from conftest import ROOT

    pages = {p.uri: p.markdown for p in Renderer(load_course(ROOT)).pages()}
    pack = pages["facilitator/autumn-2027-mornings/pack.md"]
    assert re.findall(r"## Sign-in sheet[^\n]*", pack) == ["## Sign-in sheet: session 8, Closing lunch"]
    assert "1. Sign-in sheets, one per session that meets in a room (1)." in pack
    guide = pages["facilitator/autumn-2027-mornings/index.md"]
    assert "It meets online: note who joins on that page." in guide
    assert "Welcome people as they join and note who is there." in guide and "take names on the sign-in sheet" in guide  # the lunch keeps its sheet
    assert "Nothing for the room: it meets online." in guide


def test_the_pack_leads_on_screen_to_each_sessions_page_to_print_one_on_its_own() -> None:
    # A facilitator trial: "I only want tonight's run sheet". The pack prints whole; each
    # session's own page prints that session alone, as the facilitator edited it.
    import posixpath

    pages = {p.uri: p.markdown for p in Renderer(load_course(FIXTURES / "mini")).pages()}
    pack = pages["facilitator/evening/pack.md"]
    lines = pack.splitlines()
    at = next(i for i, line in enumerate(lines) if "one session's run sheet on its own" in line)
    assert lines[at].startswith('<p class="course-no-print">')  # on screen, never on paper
    assert lines[at + 1].startswith('<ul class="course-no-print course-session-links">')  # a list: each link a tap target
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', lines[at + 1])
    assert [name for _, name in links] == ["Session 1: Kick-off", "Session 2: Weekly circle", "Session 3: Weekly circle"]
    for href, _ in links:  # each lands on that session's page
        target = posixpath.normpath(posixpath.join("facilitator/evening/pack/", href)).rstrip("/") + ".md"
        assert target in pages and target.startswith("facilitator/evening/sessions/"), href
