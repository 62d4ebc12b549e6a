"""The daily track without a browser: the data pages carry, the journal's order, the
pages and nav, the lesson feed in a built site, and what the pages say without JavaScript."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_course, mkdocs_build
from mkdocs_course.outputs.site import PAGE_ASSETS
from mkdocs_course.render import urls
from mkdocs_course.render import track
from mkdocs_course.load.loader import load_course
from mkdocs_course.render.urls import Layout, relative_url
from mkdocs_course.render.pages import Renderer, nav_uris

NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def course():
    return load_course(FIXTURES / "mini")


def data_of(course, layout: Layout = Layout(), directory_urls: bool = True) -> dict:
    return track.track_data(course, layout, lambda uri: relative_url(uri, page=layout.home, directory_urls=directory_urls))


def test_track_data_lists_lessons_pages_and_cohort_dates(course) -> None:
    data = data_of(course)
    assert data["course"] == "mini" and data["title"] == "Mini course"
    assert [(x["id"], x["day"], x["module"], x["url"]) for x in data["lessons"]] == [
        ("basics-first", 1, "basics", "basics/basics-first/"),
        ("basics-second", 2, "basics", "basics/basics-second/"),
        ("practice-only", 3, "practice", "practice/practice-only/"),
    ]
    assert data["lessons"][0]["routine"] == "warm-up" and data["lessons"][0]["minutes"] == 10
    assert data["routines"] == [{"id": "warm-up", "title": "Warm-up", "minutes": 3, "url": "routines/warm-up/"}]
    # Each cohort's date for every lesson, in track order (from cohorts.py, skips and cadence applied).
    assert {c["id"]: c["dates"] for c in data["cohorts"]} == {
        "evening": ["2027-03-25", "2027-04-01", "2027-04-05"],
        "daytime": ["2027-06-07", "2027-06-09", "2027-06-10"],
    }
    assert data["pages"] == {"today": "today/", "progress": "progress/", "journal": "journal/", "certificate": "certificate/", "cohorts": "cohorts/"}


def script_data(text: str) -> dict:
    """The object track-data.js sets, read back from the script's text."""
    match = re.fullmatch(r"/\*[^\n]*\*/\n\(function \(\) \{ var t = (.*); t\.base = document\.currentScript \? document\.currentScript\.src : location\.href; window\.mkdocsCourseTrack = t; \}\)\(\);\n", text, re.S)
    assert match, text[:200]
    return json.loads(match.group(1))


def test_track_urls_are_relative_to_the_course_home_with_a_prefix_and_without_directory_urls(course) -> None:
    data = data_of(course, Layout("learn"), directory_urls=False)
    assert data["lessons"][0]["url"] == "basics/basics-first.html"
    assert data["pages"]["today"] == "today.html"
    # The script finds the home from its own folder (assets/mkdocs-course/): home + url is a working link.
    plain = script_data(Renderer(course, layout=Layout("learn"), directory_urls=False).track_script())
    assert plain["home"] == "../../learn/index.html" and plain["lessons"][0]["url"] == "basics/basics-first.html"
    folders = script_data(Renderer(course, layout=Layout("learn")).track_script())
    assert folders["home"] == "../../learn/" and folders["lessons"][0]["url"] == "basics/basics-first/"
    assert script_data(Renderer(course).track_script())["home"] == "../../"
    # No page carries the track any more: it is one cached script for the whole site.
    pages = {p.uri: p.markdown for p in Renderer(course, layout=Layout("learn")).pages()}
    assert not any("data-course-track" in text or "data-course-root" in text for text in pages.values())


def test_track_script_survives_any_title(course, mini_course: Path) -> None:
    course_yml = mini_course / "course/course.yml"
    course_yml.write_text(course_yml.read_text(encoding="utf-8").replace("title: Mini course", "title: \"Ada's </script><b>&</b> course\""), encoding="utf-8")
    edited = load_course(mini_course)
    text = Renderer(edited).track_script()
    assert not set("<>&") & set(text)
    assert script_data(text)["title"] == "Ada's </script><b>&</b> course"


def test_journal_parts_follow_the_course_and_place_each_worksheet_at_its_first_use(course, mini_course: Path) -> None:
    parts = track.journal_parts(course)
    assert [(p.lesson.id if p.lesson else None, [w.id for w in p.worksheets]) for p in parts] == [
        ("basics-first", ["all-fields"]), ("basics-second", []), ("practice-only", []),
    ]
    # A worksheet used again later stays at its first use; one no lesson uses comes last.
    (mini_course / "exercises/spare.yml").write_text(
        "id: spare\ntitle: Spare\npurpose: Unused.\ninstructions: None.\nfields:\n  - {id: one, type: text, label: One}\n", encoding="utf-8"
    )
    third = mini_course / "lessons/practice/01-only.yml"
    third.write_text(third.read_text(encoding="utf-8").replace("action: Practice.", "action: Practice.\nworksheets: [all-fields]"), encoding="utf-8")
    parts = track.journal_parts(load_course(mini_course))
    assert [(p.lesson.id if p.lesson else None, [w.id for w in p.worksheets]) for p in parts] == [
        ("basics-first", ["all-fields"]), ("basics-second", []), ("practice-only", []), (None, ["spare"]),
    ]


def test_track_pages_are_rendered_and_near_the_top_of_the_nav(course) -> None:
    renderer = Renderer(course)
    pages = {p.uri: p for p in renderer.pages()}
    assert {"today.md", "progress.md", "journal.md", "certificate.md"} <= set(pages)
    assert [pages[u].title for u in ("today.md", "progress.md", "journal.md", "certificate.md")] == ["Today", "Progress", "My journal", "Certificate"]
    nav = renderer.nav()
    assert [item.title for item in nav][:5] == ["Home", "Today", "Progress", "My journal", "1. Basics"]
    titles = [item.title for item in nav]
    assert titles.index("Certificate") == titles.index("Course summary") + 1
    assert set(nav_uris(nav) + nav_uris(renderer.apart())) == set(pages)


def test_journal_page_lists_every_question_in_course_order(course) -> None:
    page = next(p for p in Renderer(course).pages() if p.uri == "journal.md").markdown
    keys = re.findall(r'data-course-journal-key="([^"]+)"', page)
    assert keys == [
        "mini/lesson/basics-first/why",
        "mini/lesson/basics-first/who-opens-doors",  # every self-check: what the learner picked, and how it went
        "mini/lesson/basics-first/first-step-helps",
        *(f"mini/worksheet/all-fields/{f}" for f in ("name", "story", "hopes", "people", "traits", "confidence", "format", "review")),
        "mini/lesson/basics-second/next",
        "mini/lesson/basics-second/ask-or-wait",
        "mini/lesson/basics-second/three-roles",  # a recall check's own words
        "mini/lesson/practice-only/how",
    ]
    # Table columns travel with the field, for the answer's table and the Markdown export.
    columns = re.search(r"data-course-type=\"table\" data-course-columns='([^']*)'", page)
    plain = {"type": "text", "options": None, "fill": None}
    assert columns is not None and json.loads(columns.group(1)) == [{"id": "who", "label": "Who", **plain}, {"id": "role", "label": "Role", **plain}]
    assert '<h2 id="day-1">Day 1: <a href="../basics/basics-first/">First lesson</a></h2>' in page


# --- a built site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_course(FIXTURES / "mini", tmp_path_factory.mktemp("track") / "mini")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_manifest_lists_the_track_pages_and_the_feed(site: Path) -> None:
    pages = json.loads((site / "course.json").read_text(encoding="utf-8"))["pages"]
    assert {k: pages[k] for k in ("today", "progress", "journal", "certificate", "feed")} == {
        "today": "today/", "progress": "progress/", "journal": "journal/", "certificate": "certificate/", "feed": "feed.xml",
    }
    for key in ("today", "progress", "journal", "certificate"):
        assert (site / pages[key] / "index.html").is_file()
    assert (site / pages["feed"]).is_file()


def test_the_feed_is_atom_with_every_lesson_linking_to_its_page(site: Path) -> None:
    root = ET.fromstring((site / "feed.xml").read_bytes())
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = root.findall("a:entry", NS)
    assert [e.find("a:title", NS).text for e in entries] == ["Day 1: First lesson", "Day 2: Second lesson", "Day 3: Only lesson"]
    # No site_url: links are relative to the feed, and each one is a built page.
    for entry in entries:
        href = entry.find("a:link", NS).get("href")
        assert not href.startswith(("/", "http")) and (site / href / "index.html").is_file(), href
    assert root.find("a:link[@rel='self']", NS).get("href") == "feed.xml"


def test_every_page_lets_readers_discover_the_feed(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        if page.name == "404.html":
            continue
        text = page.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        link = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="Mini course: daily lessons" href="([^"]+)">', head)
        assert len(link) == 1, page
        assert (page.parent / link[0]).resolve() == (site / "feed.xml").resolve(), page


def test_feed_links_are_absolute_with_a_site_url(mini_course: Path) -> None:
    yml = mini_course / "mkdocs.yml"
    yml.write_text("site_url: https://example.org/learn/\n" + yml.read_text(encoding="utf-8"), encoding="utf-8")
    result = mkdocs_build(mini_course, "--strict")
    assert result.returncode == 0, result.stderr
    root = ET.fromstring((mini_course / "site/feed.xml").read_bytes())
    assert root.find("a:link[@rel='self']", NS).get("href") == "https://example.org/learn/feed.xml"
    assert root.find("a:entry/a:link", NS).get("href") == "https://example.org/learn/basics/basics-first/"


def test_pages_carry_the_track_script_and_lesson_controls(site: Path) -> None:
    assert track.VIEWS_SCRIPT == f"{urls.ASSET_DIR}/track-views.js" and "track-views.js" in PAGE_ASSETS
    lesson = (site / "basics/basics-first/index.html").read_text(encoding="utf-8")
    assert "assets/mkdocs-course/track.js" in lesson
    # The views' script only where there is a view: a lesson page does not carry it.
    assert "track-views.js" not in lesson
    for page, tag in (("today/index.html", "../assets"), ("index.html", "assets"), ("routines/warm-up/index.html", "../../assets")):
        assert f'<script src="{tag}/mkdocs-course/track-views.js" data-course-defines="mkdocsCourse.track.draw" defer></script>' in (site / page).read_text(encoding="utf-8"), page
    assert (site / track.VIEWS_SCRIPT).is_file()
    # Today's review: its data, then its code, before the views' script; on Today only.
    today = (site / "today/index.html").read_text(encoding="utf-8")
    tags = re.findall(r'<script src="\.\./assets/mkdocs-course/([a-z-]+\.js)" data-course-defines="([A-Za-z.]+)" defer>', today)
    assert tags == [("review-data.js", "mkdocsCourseReview"), ("review.js", "mkdocsCourse.review"), ("track-views.js", "mkdocsCourse.track.draw")]
    assert "review" not in lesson and "review" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets/mkdocs-course/review.js").is_file() and (site / "assets/mkdocs-course/review-data.js").is_file()
    assert '<div class="course-done" data-course-done="mini/lesson/basics-first" data-course-day="1" hidden>' in lesson
    assert '<button type="button" class="md-button md-button--primary">Mark this lesson done</button>' in lesson
    routine = (site / "routines/warm-up/index.html").read_text(encoding="utf-8")
    assert 'data-course-routine-tracker="mini/routine/warm-up" data-course-title="Warm-up" hidden' in routine


def test_without_javascript_the_pages_say_how_to_start_and_list_the_track(site: Path) -> None:
    today = (site / "today/index.html").read_text(encoding="utf-8")
    assert 'To start, open <a href="../basics/basics-first/">Day 1: First lesson</a> today' in today
    assert today.count('href="../basics/basics-first/"') >= 2 and 'href="../practice/practice-only/"' in today
    assert '<div class="course-track" data-course-view="today"' in today and "hidden></div>" in today
    progress = (site / "progress/index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-course-lesson-item="([^"]+)"', progress) == ["basics-first", "basics-second", "practice-only"]
    certificate = (site / "certificate/index.html").read_text(encoding="utf-8")
    assert "this page becomes your certificate" in certificate
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a class="md-button md-button--primary" href="basics/basics-first/">Start with day 1: First lesson</a>' in home
