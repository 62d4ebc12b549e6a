"""The `course` command, run in-process with click's CliRunner: validate, schema, help, exit codes."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from conftest import FIXTURES, ROOT, edit
from mkdocs_course import cli
from mkdocs_course.model import schema
from mkdocs_course.load.problems import Problem, as_github


def run(*args: str, cwd: Path | None = None) -> Result:
    """`course ARGS` in-process, in `cwd` (the working folder is restored after)."""
    with contextlib.chdir(cwd or Path.cwd()):
        return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


@pytest.fixture
def broken(mini_course: Path) -> Path:
    """The mini course with two errors in two files and one lint warning."""
    edit(mini_course, "lessons/basics/01-first.yml", "minutes: 10", "minuts: 10")
    edit(mini_course, "exercises/all-fields.yml", "type: text", "type: txt")
    return mini_course


# --- validate: clean --------------------------------------------------------------------


def test_validate_a_clean_course_exits_0_with_a_summary() -> None:
    result = run("validate", str(FIXTURES / "mini"))
    assert result.exit_code == 0
    assert result.stdout == "OK: Mini course: 2 modules, 3 lessons, 1 routine, 1 worksheet, 2 cohorts.\n"
    assert result.stderr == ""


def test_validate_defaults_to_the_current_folder() -> None:
    result = run("validate", cwd=ROOT)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: Coach, Mentor, Sponsor")


# --- validate: problems -------------------------------------------------------------------


def test_validate_prints_every_error_with_position_severity_and_hint(broken: Path) -> None:
    result = run("validate", cwd=broken)
    assert result.exit_code == 1
    assert result.stdout == (
        "exercises/all-fields.yml:6:22: error: unknown field type `txt`\n"
        "    hint: did you mean `text`?\n"
        "lessons/basics/01-first.yml:3:1: error: unknown key `minuts`\n"
        "    hint: did you mean `minutes`?\n"
    )
    assert result.stderr == "2 errors in 2 files.\n"


def test_validate_paths_start_from_where_it_was_run(broken: Path) -> None:
    # Given a folder, paths include it, so an editor or terminal can open them from here.
    result = run("validate", "mini", cwd=broken.parent)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "mini/exercises/all-fields.yml:6:22: error: unknown field type `txt`"


def test_validate_warnings_alone_exit_0_but_are_shown(mini_course: Path) -> None:
    edit(mini_course, "lessons/basics/02-second.yml", "title: Second lesson", "title: First lesson")
    result = run("validate", cwd=mini_course)
    assert result.exit_code == 0
    assert result.stdout == (
        "lessons/basics/02-second.yml:2:8: warning: lesson `basics-second` has the same title as lesson `basics-first` (lessons/basics/01-first.yml): First lesson\n"
        "    hint: give each lesson its own title so learners can tell them apart\n"
        "OK: Mini course: 2 modules, 3 lessons, 1 routine, 1 worksheet, 2 cohorts.\n"
    )
    assert result.stderr == "1 warning in 1 file.\n"


def test_validate_strict_fails_on_warnings(mini_course: Path) -> None:
    edit(mini_course, "lessons/basics/02-second.yml", "title: Second lesson", "title: First lesson")
    assert run("validate", "--strict", cwd=mini_course).exit_code == 1


def test_validate_does_not_lint_a_course_with_errors(broken: Path) -> None:
    # Lint needs a whole course; with errors, only the errors are reported.
    edit(broken, "lessons/basics/02-second.yml", "title: Second lesson", "title: First lesson")
    result = run("validate", cwd=broken)
    assert "warning" not in result.stdout and result.exit_code == 1


def test_validate_json(broken: Path) -> None:
    result = run("validate", "--format", "json", cwd=broken)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report == {
        "ok": False,
        "errors": 2,
        "warnings": 0,
        "course": None,
        "problems": [
            {"path": "exercises/all-fields.yml", "line": 6, "column": 22, "severity": "error", "message": "unknown field type `txt`", "hint": "did you mean `text`?"},
            {"path": "lessons/basics/01-first.yml", "line": 3, "column": 1, "severity": "error", "message": "unknown key `minuts`", "hint": "did you mean `minutes`?"},
        ],
    }
    assert result.stderr == ""  # nothing but the JSON, for tools


def test_validate_json_of_a_clean_course() -> None:
    result = run("validate", "--format", "json", str(FIXTURES / "mini"))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "ok": True,
        "errors": 0,
        "warnings": 0,
        "course": {"id": "mini", "title": "Mini course", "modules": 2, "lessons": 3},
        "problems": [],
    }


def test_validate_github_annotations(broken: Path) -> None:
    result = run("validate", "--format", "github", cwd=broken)
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=exercises/all-fields.yml,line=6,col=22::unknown field type `txt`%0Ahint: did you mean `text`?\n"
        "::error file=lessons/basics/01-first.yml,line=3,col=1::unknown key `minuts`%0Ahint: did you mean `minutes`?\n"
    )


def test_validate_github_warning_annotation(mini_course: Path) -> None:
    edit(mini_course, "lessons/basics/02-second.yml", "title: Second lesson", "title: First lesson")
    result = run("validate", "--format", "github", cwd=mini_course)
    assert result.stdout.startswith("::warning file=lessons/basics/02-second.yml,line=2,col=8::lesson `basics-second`")


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        (Problem("a.yml", 1, 2, "plain"), "::error file=a.yml,line=1,col=2::plain"),
        # GitHub reads %, CR and LF as escapes in the message; also : and , in properties.
        (Problem("a,b:c.yml", 3, 4, "50% done\r\nnext", "do: this"), "::error file=a%2Cb%3Ac.yml,line=3,col=4::50%25 done%0D%0Anext%0Ahint: do: this"),
        (Problem("a.yml", 1, 1, "w", severity="warning"), "::warning file=a.yml,line=1,col=1::w"),
    ],
)
def test_github_escaping(problem: Problem, line: str) -> None:
    assert as_github(problem) == line


# --- validate: usage errors (exit 2) ----------------------------------------------------------


def test_validate_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert f"Invalid value for '[PATH]': Directory '{tmp_path / 'nowhere'}' does not exist." in result.stderr


def test_validate_a_folder_that_is_not_a_course_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2
    assert f"Invalid value for PATH: '{tmp_path}' is not a course folder: it has no course/, lessons/ or exercises/ folder." in result.stderr
    assert result.stdout == ""


def test_validate_a_file_is_a_usage_error() -> None:
    result = run("validate", str(FIXTURES / "mini/course/course.yml"))
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def test_validate_an_unknown_format_is_a_usage_error() -> None:
    result = run("validate", "--format", "xml", str(FIXTURES / "mini"))
    assert result.exit_code == 2
    assert "Invalid value for '--format': 'xml' is not one of 'text', 'json', 'github'." in result.stderr


def test_validate_a_half_course_reports_what_is_missing(tmp_path: Path) -> None:
    # A folder with some course folders is a course with problems (exit 1), not a usage error.
    (tmp_path / "lessons").mkdir()
    result = run("validate", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "course/course.yml:1:1: error: file `course/course.yml` is missing",
        "    hint: every course needs `course/course.yml` with id, title, description and modules",
    ]


# --- schema ----------------------------------------------------------------------------------


def test_schema_prints_one_kind() -> None:
    result = run("schema", "lesson")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema.schema("lesson")


def test_schema_writes_every_kind(tmp_path: Path) -> None:
    result = run("schema", "--out", str(tmp_path / "schema"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "schema").iterdir()) == sorted(schema.schemas())
    assert result.stdout.splitlines()[0] == f"wrote {(tmp_path / 'schema/course.schema.json').as_posix()}"


def test_schema_check_passes_on_the_committed_files() -> None:
    result = run("schema", "--out", "schema", "--check", cwd=ROOT)
    assert result.exit_code == 0
    assert result.stdout == f"OK: {len(schema.KINDS)} schemas in schema match the model.\n"


def test_schema_check_fails_on_a_stale_file_and_writes_nothing(tmp_path: Path) -> None:
    schema.write(tmp_path)
    (tmp_path / "module.schema.json").write_text("{}\n", encoding="utf-8")
    result = run("schema", "--out", ".", "--check", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == "module.schema.json: out of date with the model\nrun `course schema --out .` to regenerate.\n"
    assert (tmp_path / "module.schema.json").read_text(encoding="utf-8") == "{}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Error: give a KIND to print (course, routines, module, lesson, worksheet, cohort), or --out DIR to write them all"),
        (("lesson", "--out", "x"), "Error: give a KIND to print one schema, or --out to write them all, not both"),
        (("--check",), "Error: --check needs --out: the folder to compare"),
        (("lessen",), "Error: Invalid value for '[KIND]': 'lessen' is not one of 'course', 'routines', 'module', 'lesson', 'worksheet', 'cohort'."),
    ],
)
def test_schema_usage_errors(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    result = run("schema", *args, cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "x").exists()


# --- help and version -------------------------------------------------------------------------


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += commands(command, (*prefix, name))
    return found


def test_every_command_is_listed_here() -> None:
    assert sorted(commands(cli.main)) == sorted(
        [("validate",), ("schema",), ("new",), ("new", "module"), ("new", "lesson"), ("new", "worksheet"), ("new", "cohort"), ("export",), ("package",), ("build",)]
    )


@pytest.mark.parametrize("path", [(), *commands(cli.main)], ids=lambda p: " ".join(p) or "course")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: main {' '.join(path)}".rstrip() + " ")
    assert len(result.stdout.splitlines()) > 4  # a description and options, not just a usage line


def test_short_help_option() -> None:
    assert run("validate", "-h").stdout == run("validate", "--help").stdout


def test_an_unknown_command_is_a_usage_error() -> None:
    result = run("validat")
    assert result.exit_code == 2
    assert "No such command 'validat'" in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("course, version ")
