"""Self-checks as the renderer writes them: the lesson's form, and the facilitator's answer key."""

from __future__ import annotations

from conftest import FIXTURES
from mkdocs_course.load.loader import load_course
from mkdocs_course.outputs import manifest
from mkdocs_course.render.pages import Renderer
from mkdocs_course.render.urls import Layout


def pages() -> dict[str, str]:
    return {page.uri: page.markdown for page in Renderer(load_course(FIXTURES / "mini")).pages()}


def test_a_check_is_a_fieldset_of_real_inputs_with_its_answers_hidden_until_answered() -> None:
    first = pages()["basics/basics-first.md"]
    assert '<form class="course-check course-check--choice" data-course-check="mini/lesson/basics-first/who-opens-doors" data-course-kind="choice" novalidate>' in first
    assert "<legend>Who speaks up for you when you are not in the room?</legend>" in first
    assert '<input type="radio" id="check-who-opens-doors-1" name="check-who-opens-doors" value="0" data-course-right> <label for="check-who-opens-doors-1">A sponsor</label>' in first
    assert '<input type="checkbox" id="check-first-step-helps-3" name="check-first-step-helps" value="2"> <label' in first
    assert '<p class="course-check-why" hidden><strong class="course-check-verdict">Not this one.</strong> A coach builds one skill with you.</p>' in first
    assert first.index("## Check yourself") < first.index("## Your daily routine")
    second = pages()["basics/basics-second.md"]
    assert "data-course-right" not in second  # a scenario marks no option right, a recall has none
    assert '<div class="course-check-answer" hidden>' in second


def test_the_facilitator_guide_has_the_answer_key_with_every_why() -> None:
    guide = pages()["facilitator/index.md"]
    assert "**Self-checks: the answer key**" in guide
    assert "<li><strong>Right:</strong> A sponsor. <em>A sponsor puts their own name behind yours.</em></li>" in guide
    assert "<li>A coach. <em>A coach builds one skill with you.</em></li>" in guide
    assert "a discussion prompt: no answer is wrong" in guide
    assert "<li>Wait until things calm down: Things rarely calm down; the question can wait too long.</li>" in guide
    assert "<p>Coaches, mentors and sponsors.</p>" in guide


def test_course_json_lists_each_lessons_checks() -> None:
    data = manifest.manifest(load_course(FIXTURES / "mini"), Layout(), directory_urls=True, pdf=False)
    by_id = {lesson["id"]: lesson["checks"] for lesson in data["lessons"]}
    assert [(c["id"], c["kind"]) for c in by_id["basics-first"]] == [("who-opens-doors", "choice"), ("first-step-helps", "multiple")]
    assert [(c["id"], c["kind"]) for c in by_id["basics-second"]] == [("ask-or-wait", "scenario"), ("three-roles", "recall")]
    assert by_id["practice-only"] == []


def test_the_cohort_run_sheet_uses_a_scenario_as_a_prompt_and_carries_the_answer_key() -> None:
    pack = pages()["facilitator/evening/pack.md"]
    assert "*To discuss, from the lesson's self-check:* Your manager is busy all week. What would you do?" in pack
    assert "- Wait until things calm down: Things rarely calm down; the question can wait too long." in pack
    assert "### Self-checks: the answer key" in pack
    assert "<li><strong>Right:</strong> A sponsor. <em>A sponsor puts their own name behind yours.</em></li>" in pack
