"""Today's review as the site describes it to the browser (render/review.py): what each lesson can
bring back, in a script no course text can break out of, and keys that follow renamed ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import FIXTURES, copy_course, edit
from mkdocs_course.load.loader import load_course
from mkdocs_course.render import keys, review, track


def test_each_lesson_gives_its_key_points_its_checks_answers_and_its_reflection_prompts() -> None:
    data = review.review_data(load_course(FIXTURES / "mini"))
    assert data["course"] == "mini" and data["intervals"] == [1, 3, 7, 16, 35] and data["perDay"] == 4
    first = data["lessons"]["basics-first"]
    assert first["summary"] == ["First things first."]
    assert first["reflection"] == [{"id": "why", "prompt": "Why are you here?"}]
    assert first["checks"] == [
        {"id": "who-opens-doors", "kind": "choice", "question": "Who speaks up for you when you are not in the room?",
         "right": [{"text": "A sponsor", "why": "A sponsor puts their own name behind yours."}]},
        {"id": "first-step-helps", "kind": "multiple", "question": "Which of these help a first step stick?",
         "right": [{"text": "Writing it down", "why": "A written step is easier to keep."}, {"text": "Telling one person", "why": "Someone will ask how it went."}]},
    ]
    # A scenario has nothing to remember; a recall brings its model answer.
    assert data["lessons"]["basics-second"]["checks"] == [
        {"id": "three-roles", "kind": "recall", "question": "Name the three kinds of people who help a career.", "answer": "Coaches, mentors and sponsors."}
    ]
    assert list(data["lessons"]) == ["basics-first", "basics-second", "practice-only"]


def test_the_script_holds_the_data_and_no_course_text_ends_it(tmp_path: Path) -> None:
    root = copy_course(FIXTURES / "mini", tmp_path / "mini")
    edit(root, "lessons/basics/01-first.yml", "  - First things first.", "  - First things first </script><script>alert(1)</script> & more.")
    text = review.review_script(load_course(root))
    assert "</script>" not in text and "<script>" not in text
    value = re.fullmatch(r"/\*[^\n]*\*/\nwindow\.mkdocsCourseReview = (.*);\nif \(window\.mkdocsCourse [^\n]*\) mkdocsCourse\.track\.redraw\(\);\n", text, re.S)
    assert value is not None
    assert json.loads(value.group(1))["lessons"]["basics-first"]["summary"] == ["First things first </script><script>alert(1)</script> & more."]


def test_review_state_is_kept_in_its_own_section_and_follows_renamed_lessons_and_checks(tmp_path: Path) -> None:
    assert "review" in keys.SECTIONS
    root = copy_course(FIXTURES / "mini", tmp_path / "mini")
    edit(root, "lessons/basics/01-first.yml", "id: basics-first", "id: basics-one\nrenamed_from: [basics-first]")
    for cohort in (root / "course/cohorts").glob("*.yml"):
        cohort.write_text(cohort.read_text(encoding="utf-8").replace("basics-first", "basics-one"), encoding="utf-8")
    edit(root, "lessons/basics/01-first.yml", "  - id: who-opens-doors", "  - id: who-speaks-up\n    renamed_from: [who-opens-doors]")
    pairs = track.renamed_keys(load_course(root))
    assert ["mini/review/basics-first", "mini/review/basics-one"] in pairs
    assert ["mini/review/basics-one/check/who-opens-doors", "mini/review/basics-one/check/who-speaks-up"] in pairs
    # The lesson's pair comes first, so a check's old key under the old lesson reaches its new key in two steps.
    assert pairs.index(["mini/review/basics-first", "mini/review/basics-one"]) < pairs.index(["mini/review/basics-one/check/who-opens-doors", "mini/review/basics-one/check/who-speaks-up"])
