"""Today's review (issue 15, item 4) in real Chromium: items come back on their days over ten
weeks of use with gaps, by the learner's own calendar, with the keyboard and by touch, kept in
the export, and refused kindly when storage is full.

The schedule is the issue's: an item enters when its lesson is marked done and comes back after
1, 3, 7, 16 and 35 days, one wait further each time the learner remembered it; "Not yet" moves it
a wait back and brings it back tomorrow; at most four a day, the longest waiting first, one
reflection at most; an item the learner said "Not yet" to comes first the next day, as its card
promised. `Schedule` below is that rule written out in Python, independently of
review.js, and the page must agree with it on every visit; the first lesson's key points and
first check are also followed by hand, day by day.

The mini course: Day 1 (basics-first) has a choice and a multiple check and a reflection `why`;
Day 2 (basics-second) a scenario, a recall and a reflection `next`; Day 3 (practice-only) a
reflection `what`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import quality
from mkdocs_course.render.review import INTERVALS, PER_DAY

pytestmark = pytest.mark.browser

LONDON = "Europe/London"
START = date(2027, 2, 22)  # a Monday; ten weeks from here cross the UK clock change (28 March 2027)
LESSONS = {"basics-first": "basics/basics-first/", "basics-second": "basics/basics-second/", "practice-only": "practice/practice-only/"}
DAY_OF = {"basics-first": 1, "basics-second": 2, "practice-only": 3}
KIND_ORDER = {"check": 0, "summary": 1, "reflection": 2}


def key(lesson: str, *rest: str) -> str:
    return "/".join(("mini", "review", lesson, *rest))


S1, C1, R1 = key("basics-first", "summary"), key("basics-first", "check", "who-opens-doors"), key("basics-first", "reflection", "why")
S2, K2, R2 = key("basics-second", "summary"), key("basics-second", "check", "three-roles"), key("basics-second", "reflection", "next")
S3, R3 = key("practice-only", "summary"), key("practice-only", "reflection", "how")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    # The session's one build of the fixture course, whose palette follows the device: the dark
    # runs below see the dark theme (a site without a palette stays light whatever the device says).
    return quality.served(quality.mini_site(tmp_path_factory))


def watched(context):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


def at(page, day: date, clock: str = "08:00", zone: str = LONDON) -> None:
    page.clock.set_fixed_time(datetime.fromisoformat(f"{day.isoformat()}T{clock}").replace(tzinfo=ZoneInfo(zone)))


def open_today(page, base_url: str) -> None:
    page.goto(base_url + "today/")
    page.wait_for_selector('[data-course-view="today"] .course-track-body')


def cards(page) -> list[tuple[str, bool]]:
    """The review's cards on Today: (item key, seen today), top to bottom."""
    return [tuple(c) for c in page.eval_on_selector_all(".course-review-item", "els => els.map(e => [e.dataset.courseReview, e.classList.contains('course-is-done')])")]


def answer(page, item: str, remembered: bool = True, *, tap: bool = False) -> None:
    card = page.locator(f'.course-review-item[data-course-review="{item}"]')
    press = (lambda loc: loc.tap()) if tap else (lambda loc: loc.click())
    if "/reflection/" in item:
        press(card.get_by_role("button", name="I looked back"))
    else:
        press(card.get_by_role("button", name=re.compile(r"^Show the (answer|key points)$")))
        press(card.get_by_role("button", name="I remembered" if remembered else "Not yet"))
    assert card.locator(".course-review-result").inner_text().startswith("✓ ")


def finish(page, base_url: str, lesson: str, *, reflection: str | None = None, miss: str | None = None, recall: str | None = None) -> None:
    """Take a lesson as a learner does: answer what is asked, then mark it done."""
    page.goto(base_url + LESSONS[lesson])
    page.wait_for_selector("form.course-check[data-course-ready], .course-done:not([hidden])")
    if reflection:
        page.locator("form.course-reflection textarea").first.fill(reflection)
    if miss:  # a choice answered wrong, then right: missed the first time
        form = page.locator(f'form.course-check[data-course-check$="/{miss}"]')
        form.get_by_label("A coach").check()
        form.get_by_role("button", name="Check").click()
        form.get_by_role("button", name="Try again").click()
        form.get_by_label("A sponsor").check()
        form.get_by_role("button", name="Check").click()
    if recall:
        form = page.locator('form.course-check[data-course-kind="recall"]')
        form.get_by_label("Your answer, in your own words").fill(recall)
        form.get_by_role("button", name="Show the answer").click()
    page.get_by_role("button", name="Mark this lesson done").click()
    page.wait_for_selector(".course-done.course-is-done")


@dataclass
class Schedule:
    """The review's rule, written out from the issue: what Today must offer, and what each answer does."""

    entered: dict[str, date] = field(default_factory=dict)  # item -> the day its lesson was done
    state: dict[str, tuple[int, date, date | None]] = field(default_factory=dict)  # item -> (step, last seen, due)
    again: set[str] = field(default_factory=set)  # items the learner said "Not yet" to, last time

    def add(self, item: str, day: date) -> None:
        self.entered[item] = day

    def due(self, item: str) -> tuple[int, date, date | None, bool]:
        if item in self.state:
            return (*self.state[item], True)
        return 0, self.entered[item], self.entered[item] + timedelta(days=INTERVALS[0]), False

    def today(self, now: date) -> list[str]:
        def kind(item: str) -> str:
            return item.split("/")[3]

        def course_order(item: str) -> tuple[int, int, str]:
            return DAY_OF[item.split("/")[2]], KIND_ORDER[kind(item)], item

        seen = [i for i in self.entered if self.due(i)[3] and self.due(i)[1] == now]
        waiting = sorted(
            (i for i in self.entered if i not in seen and self.due(i)[2] is not None and self.due(i)[2] <= now),
            key=lambda i: (i not in self.again, self.due(i)[2], KIND_ORDER[kind(i)], *course_order(i)),
        )
        chosen = seen[:PER_DAY]
        for item in waiting:
            reflections = sum(kind(i) == "reflection" for i in chosen)
            if len(chosen) < PER_DAY and not (kind(item) == "reflection" and reflections >= 1):
                chosen.append(item)
        return sorted(chosen, key=course_order)

    def answer(self, item: str, now: date, remembered: bool) -> None:
        step = self.due(item)[0]
        self.again.discard(item)
        if not remembered:
            self.again.add(item)
            self.state[item] = (max(0, step - 1), now, now + timedelta(days=1))
        else:
            step += 1
            self.state[item] = (step, now, now + timedelta(days=INTERVALS[step]) if step < len(INTERVALS) else None)


def test_each_item_comes_back_on_its_day_over_ten_weeks_with_gaps(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, timezone_id=LONDON)
    page = watched(context)
    model = Schedule()
    # The days the learner opens the site (days after START); the others are gaps, some of a week or more.
    visits = [0, 1, 2, 4, 8, 11, 12, 13, 19, 21, 27, 28, 29, 33, 40, 48, 62, 63, 64, 70]
    lessons = {  # taken on a visit: (lesson, what the learner writes and misses)
        0: ("basics-first", {"reflection": "To grow into a lead role.", "miss": "who-opens-doors"}),
        1: ("basics-second", {"reflection": "Ask my manager for ten minutes.", "recall": "Coaches and mentors"}),
        4: ("practice-only", {"reflection": "It went well."}),
    }
    items_of = {"basics-first": [S1, C1, R1], "basics-second": [S2, K2, R2], "practice-only": [S3, R3]}
    not_yet = {(1, C1), (8, K2), (11, S3)}  # "Not yet" on these; everything else remembered
    shown_on: dict[str, list[int]] = {}
    try:
        for offset in visits:
            now = START + timedelta(days=offset)
            at(page, now)
            open_today(page, base_url)
            expected = model.today(now)
            assert [c for c, _ in cards(page)] == expected, f"day {offset} ({now})"
            assert all(not seen for _, seen in cards(page)), f"day {offset}: a card already answered"
            for item in expected:
                shown_on.setdefault(item, []).append(offset)
                remembered = (offset, item) not in not_yet
                answer(page, item, remembered)
                model.answer(item, now, remembered)
            # Once answered, the day's review stays as it was: no new card slides in after a reload.
            page.reload()
            page.wait_for_selector('[data-course-view="today"] .course-track-body')
            assert cards(page) == [(item, True) for item in expected], f"day {offset}, after answering"
            if offset in lessons:
                lesson, writes = lessons[offset]
                finish(page, base_url, lesson, **writes)
                for item in items_of[lesson]:
                    model.add(item, now)
            # What the page saved is what the rule says, item by item.
            for item, (step, last, due) in model.state.items():
                raw = page.evaluate("k => localStorage.getItem(k)", f"mkdocs-course.v1:review:{item}")
                again = {"again": True} if item in model.again else {}
                assert json.loads(raw)["value"] == {"step": step, "last": last.isoformat(), "due": due.isoformat() if due else None, **again}, item
        # Followed by hand: Day 1's key points enter on day 0 and wait 1, 3, 7, 16 and 35 days;
        # then they are learned and do not come back.
        assert shown_on[S1] == [1, 4, 11, 27, 62]
        # Its missed check: "Not yet" on day 1 brings it back on day 2, one wait back (the first);
        # remembered then, it waits 3 days (day 5, a gap: it waits for the next visit, day 8), then
        # 7 (day 15, a gap: day 19), 16 (day 35: day 40) and 35 (day 75, after the last visit).
        assert shown_on[C1] == [1, 2, 8, 19, 40]
        # Four a day at most: on day 8 six waited since day 5; checks and key points came first,
        # the two reflections waited. On day 11 six waited again and one reflection came (day 2's,
        # waiting since day 5); on day 12 day 3's reflection, waiting since day 5, came before day 1's,
        # waiting since day 11.
        assert [i for i, days in shown_on.items() if 8 in days] == [C1, K2, S2, S3]
        assert sorted(i for i, days in shown_on.items() if 11 in days) == sorted([S1, K2, R2, S3])
        assert sorted(i for i, days in shown_on.items() if 12 in days) == sorted([S3, R3]) and 13 in shown_on[R1]
        # "Not yet" brings an item back the next visit, a wait back: K2 on day 8, back on day 11.
        assert shown_on[K2][:3] == [2, 8, 11]
        assert not page.errors
    finally:
        context.close()


def test_a_day_is_the_learners_own_day_wherever_they_are(browser, base_url: str) -> None:
    """Los Angeles, late in the evening: UTC is already tomorrow, but the review waits for the learner's midnight."""
    zone = "America/Los_Angeles"
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True, timezone_id=zone)
    page = watched(context)
    try:
        at(page, date(2027, 3, 1), "23:30", zone)  # 07:30 on 2 March in UTC
        finish(page, base_url, "basics-first")
        at(page, date(2027, 3, 1), "23:50", zone)
        open_today(page, base_url)
        assert cards(page) == []
        assert page.locator(".course-review-next").inner_text() == "Nothing to review today. Your next review is tomorrow."
        at(page, date(2027, 3, 2), "00:10", zone)
        open_today(page, base_url)
        assert cards(page) == [(S1, False)]
        assert page.locator(".course-review-why").inner_text() == "From Day 1, which you did on Mon, Mar 1."
        assert not page.errors
    finally:
        context.close()


def started(browser, base_url: str, scheme: str = "light", width: int = 390, **options):
    """A phone whose learner took Day 1 yesterday (wrong first time on its choice, a reflection) and Day 2 today."""
    context = browser.new_context(viewport={"width": width, "height": 780}, is_mobile=True, has_touch=True, color_scheme=scheme, timezone_id=LONDON, **options)
    page = watched(context)
    at(page, date(2027, 3, 1))
    finish(page, base_url, "basics-first", reflection="To grow into a lead role, with help from people who have done it.", miss="who-opens-doors")
    at(page, date(2027, 3, 2))
    open_today(page, base_url)
    return context, page


def test_the_review_by_keyboard_alone(browser, base_url: str) -> None:
    context, page = started(browser, base_url)
    try:
        assert [c for c, _ in cards(page)] == [C1, S1, R1]
        assert page.locator(".course-review h2").inner_text() == "Today's review"
        show = page.locator(f'[data-course-review="{C1}"]').get_by_role("button", name="Show the answer")
        show.focus()
        assert show.get_attribute("aria-expanded") == "false"
        answer_box = page.locator(f"#{show.get_attribute('aria-controls')}")
        assert not answer_box.is_visible()
        page.keyboard.press("Enter")
        # The answer, with why, and the focus on "I remembered".
        assert answer_box.inner_text() == "The answer: A sponsor. A sponsor puts their own name behind yours."
        assert page.evaluate("document.activeElement.textContent") == "I remembered"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Not yet"
        page.keyboard.press("Enter")
        card = page.locator(f'[data-course-review="{C1}"]')
        assert card.locator(".course-review-result").inner_text() == "✓ Not yet: that is how remembering grows. It comes back tomorrow."
        assert page.locator(f'[data-course-review="{C1}"] .course-review-why').inner_text() == "On Day 1 this one was not right the first time."
        # On to the next card that waits.
        assert page.evaluate("document.activeElement.textContent") == "Show the key points"
        page.keyboard.press("Enter")
        assert "First things first." in page.locator(f'[data-course-review="{S1}"] .course-review-answer').inner_text()
        page.keyboard.press("Enter")
        assert page.locator(f'[data-course-review="{S1}"] .course-review-result').inner_text() == "✓ Remembered. It comes back in 3 days."
        assert page.evaluate("document.activeElement.textContent") == "I looked back"
        assert page.locator(f'[data-course-review="{R1}"] blockquote').inner_text() == "To grow into a lead role, with help from people who have done it."
        page.keyboard.press("Enter")
        assert page.locator(f'[data-course-review="{R1}"] .course-review-result').inner_text() == "✓ Looked back. It comes back in 3 days."
        assert page.locator(".course-review > p.course-meta").inner_text() == "Review done for today. Your next review is tomorrow."
        # The last card's result holds the focus: nothing left to move to.
        assert page.evaluate("document.activeElement.classList.contains('course-review-result')")
        assert not page.errors
    finally:
        context.close()


@pytest.mark.parametrize("width", [360, 390])
def test_the_review_by_touch_fits_a_phone(browser, base_url: str, width: int, tmp_path: Path) -> None:
    context, page = started(browser, base_url, width=width)
    try:
        assert page.evaluate(quality.PHONE_CHECK, width) == []
        for item in (C1, S1, R1):
            answer(page, item, tap=True)
        assert page.evaluate(quality.PHONE_CHECK, width) == []
        assert [seen for _, seen in cards(page)] == [True, True, True]
        page.screenshot(path=str(tmp_path / f"review-{width}.png"), full_page=True)
        assert not page.errors
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_review_passes_axe_before_and_after_answering(browser, base_url: str, scheme: str) -> None:
    context, page = started(browser, base_url, scheme)

    def settled() -> None:
        quality.animations_done(page)

    try:
        settled()
        found = quality.axe(page)
        assert found == [], json.dumps(found)[:1500]
        card = page.locator(f'[data-course-review="{C1}"]')
        card.get_by_role("button", name="Show the answer").click()
        settled()
        found = quality.axe(page)
        assert found == [], json.dumps(found)[:1500]
        for item in (C1, S1, R1):
            if page.locator(f'[data-course-review="{item}"] .course-review-result').inner_text() == "":
                answer(page, item) if item != C1 else card.get_by_role("button", name="I remembered").click()
        settled()
        found = quality.axe(page)
        assert found == [], json.dumps(found)[:1500]
    finally:
        context.close()


def test_the_review_is_valid_html_before_and_after_answering(browser, base_url: str, tmp_path: Path) -> None:
    context, page = started(browser, base_url)
    try:
        assert quality.nu_problems(page, tmp_path, "before.html") == []
        page.locator(f'[data-course-review="{C1}"]').get_by_role("button", name="Show the answer").click()
        for item in (S1, R1):
            answer(page, item)
        assert quality.nu_problems(page, tmp_path, "after.html") == []
    finally:
        context.close()


def test_the_review_is_in_the_export_and_comes_back_with_an_import(browser, base_url: str, tmp_path: Path) -> None:
    context, page = started(browser, base_url)
    try:
        answer(page, S1)
        data = page.evaluate("mkdocsCourse.exportData({id: 'mini', title: 'Mini course'})")
    finally:
        context.close()
    assert data["review"][S1]["value"] == {"step": 1, "last": "2027-03-02", "due": "2027-03-05"}
    path = tmp_path / "mini-answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    other = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=LONDON)
    page = watched(other)
    try:
        at(page, date(2027, 3, 2))
        page.goto(base_url + "worksheets/all-fields/")
        assert quality.import_file(page, path).startswith("Imported")
        open_today(page, base_url)
        # The same review, the key points already seen today on the other device.
        assert cards(page) == [(C1, False), (S1, True), (R1, False)]
        at(page, date(2027, 3, 5))
        open_today(page, base_url)
        assert S1 in [c for c, _ in cards(page)]
        assert not page.errors
    finally:
        other.close()


def test_with_storage_full_the_review_answers_and_says_it_was_not_saved(browser, base_url: str) -> None:
    context, page = started(browser, base_url)
    try:
        page.evaluate("() => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; }")
        card = page.locator(f'[data-course-review="{S1}"]')
        card.get_by_role("button", name="Show the key points").click()
        card.get_by_role("button", name="I remembered").click()
        assert card.locator(".course-review-result").inner_text().startswith("Not saved: this browser's storage for this site is full.")
        assert card.get_by_role("button", name="I remembered").is_visible()  # the learner can try again later
        assert not page.errors
    finally:
        context.close()


def test_a_damaged_review_record_is_read_as_none(browser, base_url: str) -> None:
    """A record from a hand-edited or older file that is not a state starts the item afresh, and the page still draws."""
    context, page = started(browser, base_url)
    try:
        for bad in ('{"step": "two", "last": "2027-03-01", "due": "2027-03-02"}', '{"step": 9, "last": "2027-03-01", "due": null}', '[1, 2]', '"x"'):
            page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify({value: JSON.parse(v), modified: '2027-03-01T10:00:00.000Z'}))", [f"mkdocs-course.v1:review:{S1}", bad])
            open_today(page, base_url)
            assert (S1, False) in cards(page), bad
        assert not page.errors
    finally:
        context.close()


def test_not_yet_comes_back_tomorrow_even_on_a_full_day(browser, base_url: str) -> None:
    """The card says "It comes back tomorrow": on a day with more waiting than fits, the items the
    learner said "Not yet" to come first (a learner saw one stay away for days)."""
    M1 = key("basics-first", "check", "first-step-helps")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, timezone_id=LONDON)
    page = watched(context)
    try:
        at(page, START)
        finish(page, base_url, "basics-first", reflection="To grow.", miss="who-opens-doors")
        form = page.locator('form.course-check[data-course-check$="/first-step-helps"]')  # missed too
        form.get_by_label("Waiting for the right moment").check()
        form.get_by_role("button", name="Check").click()
        finish(page, base_url, "basics-second", reflection="Ask.", recall="Coaches")
        finish(page, base_url, "practice-only", reflection="Well.")
        at(page, START + timedelta(days=1))
        open_today(page, base_url)
        # Nine waiting, four shown: the checks, then the first key points.
        assert [c for c, _ in cards(page)] == [M1, C1, S1, K2]
        for item in (C1, M1, K2):
            answer(page, item, remembered=False)
            assert page.locator(f'[data-course-review="{item}"] .course-review-result').inner_text().endswith("It comes back tomorrow.")
        answer(page, S1)
        at(page, START + timedelta(days=2))
        open_today(page, base_url)
        # Six have waited since yesterday, but the three "not yet" come first, as promised.
        assert [c for c, _ in cards(page)] == [M1, C1, K2, S2]
        assert not page.errors
    finally:
        context.close()
