"""The author guide: its walkthrough works as written, and its reference pages come from the code."""

from __future__ import annotations

import contextlib
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, mkdocs_build
from mkdocs_course import cli, model
from mkdocs_course.render import guide
from mkdocs_course.model import schema
from mkdocs_course.load.loader import load_course

WALKTHROUGH = ROOT / "docs/authors/index.md"


def walkthrough_commands() -> list[str]:
    """Every `course ...` command in the walkthrough's shell blocks, in order."""
    text = WALKTHROUGH.read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip().startswith("course ")]


def test_the_walkthrough_covers_every_kind_of_new_file() -> None:
    commands = walkthrough_commands()
    for kind in ("module", "lesson", "worksheet", "cohort"):
        assert any(c.startswith(f"course new {kind} ") for c in commands), kind
    assert "course validate" in commands


def test_following_the_walkthrough_adds_a_module_that_builds(mini_course: Path) -> None:
    # Every command exactly as the guide prints it, in the guide's order, then the guide's build.
    for command in walkthrough_commands():
        args = shlex.split(command)[1:]
        with contextlib.chdir(mini_course):
            result = CliRunner().invoke(cli.main, args, catch_exceptions=False)
        assert result.exit_code == 0, f"{command}\n{result.output}"
    course = load_course(mini_course)
    module = course.modules[-1]
    assert module.id == "find-a-sponsor"
    assert [lesson.id for lesson in module.lessons] == ["find-a-sponsor-who-could-sponsor-you", "find-a-sponsor-earning-a-sponsor"]
    assert [lesson.id for lesson in course.lessons_using("sponsor-map")] == ["find-a-sponsor-who-could-sponsor-you"]
    assert "autumn-group" in [c.id for c in course.cohorts]
    assert (mini_course.parent / "course-export/mkdocs.yml").is_file()  # the guide's export step
    # The guide's example of a problem is what validate really prints for that mistake.
    lesson = mini_course / "lessons/find-a-sponsor/01-who-could-sponsor-you.yml"
    good = lesson.read_text(encoding="utf-8")
    lesson.write_text(good.replace("\nminutes: 15\n", "\nminuts: 15\n"), encoding="utf-8")
    with contextlib.chdir(mini_course):
        checked = CliRunner().invoke(cli.main, ["validate"], catch_exceptions=False)
    shown = re.search(r"```text\n(lessons/find-a-sponsor/.*?)```", WALKTHROUGH.read_text(encoding="utf-8"), re.S)
    assert shown and checked.stdout == shown.group(1)
    lesson.write_text(good, encoding="utf-8")
    built = mkdocs_build(mini_course, "--strict")
    assert built.returncode == 0, built.stderr
    site = mini_course / "site"
    for page in ["find-a-sponsor/index.html", "find-a-sponsor/find-a-sponsor-earning-a-sponsor/index.html", "worksheets/sponsor-map/index.html", "cohorts/autumn-group/index.html"]:
        assert (site / page).is_file(), page


def test_the_walkthrough_names_files_the_commands_really_make() -> None:
    text = WALKTHROUGH.read_text(encoding="utf-8")
    for name in ["lessons/find-a-sponsor/module.yml", "01-who-could-sponsor-you.yml", "02-earning-a-sponsor.yml", "exercises/sponsor-map.yml", "course/cohorts/autumn-group.yml", "find-a-sponsor-who-could-sponsor-you"]:
        assert name in text, name


# --- the field reference --------------------------------------------------------------------------


def models_of(kind: str) -> dict[str, dict]:
    generated = schema.schema(kind)
    return {kind: generated, **generated.get("$defs", {})}


def test_the_field_reference_lists_every_key_of_every_file() -> None:
    page = guide.field_reference()
    for kind in schema.KINDS:
        assert f"## {kind.capitalize()} file\n" in page
        assert schema.modeline(guide._example_path(guide._FILES[kind][0]), kind) in page
        for name, obj in models_of(kind).items():
            for key, prop in obj.get("properties", {}).items():
                row = f"- **`{key}`**, "
                assert row in page, f"{kind}/{name}: `{key}` is not in the field reference"
                if prop.get("description"):
                    assert guide._cell(prop["description"]) in page


def test_the_field_reference_says_what_is_required_and_the_limits() -> None:
    page = guide.field_reference()
    lesson = page[page.index("## Lesson file") : page.index("## Worksheet file")]
    assert "- **`minutes`**, required: whole number, 1 to 600. Estimated minutes" in lesson
    assert "- **`worksheets`**, optional: list of ids. Ids of worksheets" in lesson
    assert "- **`objectives`**, required: list of one-line texts (at least 1). What the learner" in lesson
    assert "- **`sections`**, required: list of [Section](#section) entries (at least 1). The teaching" in lesson
    assert "- **`id`**, required: id. Stable id" in lesson
    assert "- **`lines`**, optional (default `5`): whole number, 2 to 30. How many" in page
    assert "- **`start`**, required: date (YYYY-MM-DD). The first day" in page


def test_every_link_in_the_field_reference_has_a_heading() -> None:
    page = guide.field_reference()
    anchors = {guide._anchor(h) for h in re.findall(r"^#+ (.+)$", page, re.M)}
    links = set(re.findall(r"\]\(#([^)]+)\)", page))
    assert links and links <= anchors, links - anchors


@pytest.mark.parametrize(("heading", "anchor"), [("Lesson file", "lesson-file"), ("Reflection prompt", "reflection-prompt"), ("Long text field", "long-text-field")])
def test_anchor_matches_markdown_toc(heading: str, anchor: str) -> None:
    import markdown

    html = markdown.markdown(f"## {heading}", extensions=["toc"])
    assert f'id="{anchor}"' in html
    assert guide._anchor(heading) == anchor


def test_model_class_names_read_as_words() -> None:
    assert guide._words("ReflectionPrompt") == "Reflection prompt"
    assert guide._words("FacilitatorNotes") == "Facilitator notes"
    assert guide._words("Section") == "Section"


# --- the pages in the built site ---------------------------------------------------------------------


def test_markers_become_generated_text() -> None:
    page = "# Fields\n\n<!-- course:field-reference -->\n"
    expanded = guide.expand(page)
    assert "<!-- course:" not in expanded and "## Lesson file" in expanded
    assert guide.expand("# Plain page\n") == "# Plain page\n"


def test_the_shipped_site_has_the_author_guide(shipped_site: Path) -> None:
    fields = (shipped_site / "authors/fields/index.html").read_text(encoding="utf-8")
    errors = (shipped_site / "authors/errors/index.html").read_text(encoding="utf-8")
    walkthrough = (shipped_site / "authors/index.html").read_text(encoding="utf-8")
    assert 'id="lesson-file"' in fields and "<code>objectives</code>" in fields
    assert "unknown key <code>‹key›</code>" in errors and "did you mean `minutes`?" in errors
    assert "course new module find-a-sponsor" in walkthrough
    for html in (fields, errors, walkthrough):
        assert "course:field-reference" not in html and "course:error-catalogue" not in html


def test_every_model_description_reaches_the_guide() -> None:
    # The reference is built from the schema, and the schema from the model: a new field shows at once.
    page = guide.field_reference()
    for kind, cls in schema.KINDS.items():
        for name in cls.model_fields:
            assert f"- **`{name}`**, " in page, f"{kind}.{name}"
    assert model.LessonFile.model_fields["teaser"].description in page


# --- the guide's commands in a real shell ---------------------------------------------------------


def guide_shell_lines() -> list[str]:
    """Every line of the walkthrough's `sh` blocks, in order, exactly as printed."""
    text = WALKTHROUGH.read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


@pytest.mark.build
def test_the_guides_commands_work_as_written_in_a_shell_on_a_fresh_copy(tmp_path: Path) -> None:
    """A new author pastes each command into a terminal: no `.venv/bin/` in front, no activated
    environment beforehand. The in-process walkthrough test cannot see that (it calls the CLI
    directly); this one runs bash with a bare PATH on a copy of the project's files, with the
    `.venv` that `make site` makes."""
    import subprocess

    clone = tmp_path / "clone"
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, files):
        source = ROOT / rel
        if source.is_file():
            (clone / rel).parent.mkdir(parents=True, exist_ok=True)
            (clone / rel).write_bytes(source.read_bytes())
    (clone / ".venv").symlink_to(ROOT / ".venv")  # what `make site` leaves on a fresh clone
    script = ["set -euo pipefail"]
    lines = guide_shell_lines()
    assert lines[0] == ". .venv/bin/activate", "the guide starts by putting the tools on the path"
    for line in lines:
        if line.startswith("mkdocs serve"):
            # As written, in the background, until it serves the site; then stopped.
            script += [
                f"{line} > serve.log 2>&1 &",
                "server=$!",
                "python3 -c 'import time, urllib.request\nfor _ in range(240):\n    try:\n        urllib.request.urlopen(\"http://127.0.0.1:8000/\", timeout=2); break\n    except OSError: time.sleep(0.5)\nelse: raise SystemExit(\"mkdocs serve never answered\")'",
                "kill $server; wait $server || true",
            ]
        else:
            script.append(line)
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path), "NO_MKDOCS_2_WARNING": "1", "LANG": "C.UTF-8"}
    ran = subprocess.run(["bash", "-c", "\n".join(script)], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, f"{ran.stdout[-3000:]}\n{ran.stderr[-3000:]}\n{(clone / 'serve.log').read_text(errors='replace')[-2000:] if (clone / 'serve.log').exists() else ''}"
    assert (clone / "site/find-a-sponsor/index.html").is_file()
    assert (tmp_path / "course-export/mkdocs.yml").is_file()
    assert "Serving on http://127.0.0.1:8000/" in (clone / "serve.log").read_text(encoding="utf-8")
