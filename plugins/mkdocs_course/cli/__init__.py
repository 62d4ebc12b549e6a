"""The `course` command: author tools that work without building the site.

Exit codes are the same for every command: 0 when all went well, 1 when the
course has problems (each printed as path:line:col), 2 when the command itself
was used wrongly (click's own code for usage errors).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import click

from .. import __version__
from ..load.lint import lint
from ..load import translation
from ..load.loader import EXERCISES_DIR, LESSONS_DIR, ParsedHere, check_course
from ..load.problems import Problem, as_github, as_json, as_text
from ..model import Course, schema
from ..outputs.page_cache import cache_folder
from ..outputs import export, packages, scaffold
from ..render.urls import Layout

FORMATS = ("text", "json", "github")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _course_dir(value: Path, param: str = "PATH") -> Path:
    """`value` if it looks like a course folder, else a usage error naming what is missing."""
    if not any((value / name).is_dir() for name in ("course", LESSONS_DIR, EXERCISES_DIR)):
        raise click.BadParameter(
            f"'{value}' is not a course folder: it has no course/, {LESSONS_DIR}/ or {EXERCISES_DIR}/ folder. "
            "Run the command in the folder that holds them, or give that folder.",
            param_hint=param,
        )
    return value


def _shown(base: Path, problem: Problem) -> Problem:
    """The problem with a path that works from where the author ran the command."""
    return replace(problem, path=(base / problem.path).as_posix())


def _counts(course: Course) -> str:
    parts = [
        _plural(len(course.modules), "module"),
        _plural(len(course.lessons), "lesson"),
        _plural(len(course.routines), "routine"),
        _plural(len(course.worksheets), "worksheet"),
    ]
    if course.cohorts:
        parts.append(_plural(len(course.cohorts), "cohort"))
    return ", ".join(parts)


def _tally(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    said = [_plural(errors, "error")] if errors else []
    said += [_plural(warnings, "warning")] if warnings else []
    return f"{' and '.join(said)} in {_plural(files, 'file')}"


def _print_problems(problems: list[Problem], fmt: str = "text") -> None:
    for p in problems:
        click.echo(as_github(p) if fmt == "github" else as_text(p))


def _load_or_exit(path: Path, language: str | None = None) -> Course:
    """The course in `path` (in a `language` it is translated into), or every problem printed and exit 1."""
    course, problems = check_course(path, language=language)
    errors = sorted(_shown(path, p) for p in problems if p.severity == "error")
    if course is None or errors:
        _print_problems(errors)
        click.echo(f"{_tally(errors)}; nothing was written.", err=True)
        sys.exit(1)
    return course


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="course")
def main() -> None:
    """Tools for authors of a mkdocs-course course.

    Run them in the folder that holds course/, lessons/ and exercises/
    (or point them at it). The site itself is built with `mkdocs build`.
    """


# --- validate ------------------------------------------------------------------------------


@main.command()
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="text for people, json for tools, github for GitHub Actions annotations.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
def validate(path: Path, fmt: str, strict: bool) -> None:
    """Check the course in PATH (default: here) without building it.

    Prints every problem as path:line:col: severity: message, with a hint on
    the next line. Errors stop a build; warnings (course lint: a worksheet no
    lesson uses, a module without lessons, two lessons with one title...) do
    not. Exits 0 when there are no errors, 1 when there are.
    """
    _course_dir(path)
    parsed = ParsedHere()
    course, problems = check_course(path, parsed=parsed)
    if course is not None and not any(p.severity == "error" for p in problems):
        problems = [*problems, *lint(course, path, examples=scaffold.placeholders(), parsed=parsed)]
    problems = sorted(_shown(path, p) for p in problems)
    errors = sum(p.severity == "error" for p in problems)
    failed = errors > 0 or (strict and bool(problems))

    if fmt == "json":
        report = {
            "ok": not failed,
            "errors": errors,
            "warnings": len(problems) - errors,
            "course": None if course is None else {"id": course.id, "title": course.title, "modules": len(course.modules), "lessons": len(course.lessons)},
            "problems": [as_json(p) for p in problems],
        }
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print_problems(problems, fmt)
        if problems:
            click.echo(f"{_tally(problems)}.", err=True)
        if course is not None and not errors:
            click.echo(f"OK: {course.title}: {_counts(course)}.")
    sys.exit(1 if failed else 0)


# --- schema --------------------------------------------------------------------------------


@main.command(
    "schema",
    help=f"""Print the JSON Schema for one KIND of file, or write them all with --out.

    KIND is one of: {", ".join(schema.KINDS)}.

    Editors read it through the first line of each course file,
    `# yaml-language-server: $schema=...`, to complete keys and flag mistakes
    as you type. The schema is generated from the same model `course validate`
    checks with.
    """,
)
@click.argument("kind", metavar="[KIND]", required=False, type=click.Choice(list(schema.KINDS)))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Write every schema into this folder (the course's schema/).")
@click.option("--check", is_flag=True, help="With --out: write nothing; exit 1 if the files there differ from the model.")
def schema_command(kind: str | None, out: Path | None, check: bool) -> None:
    if kind and out:
        raise click.UsageError("give a KIND to print one schema, or --out to write them all, not both")
    if check and not out:
        raise click.UsageError("--check needs --out: the folder to compare")
    if kind:
        click.echo(schema.dumps(schema.schema(kind)), nl=False)
        return
    if not out:
        raise click.UsageError(f"give a KIND to print ({', '.join(schema.KINDS)}), or --out DIR to write them all")
    if check:
        stale = schema.stale(out)
        for name in stale:
            click.echo(f"{(out / name).as_posix()}: out of date with the model", err=True)
        if stale:
            click.echo(f"run `course schema --out {out.as_posix()}` to regenerate.", err=True)
            sys.exit(1)
        click.echo(f"OK: {_plural(len(schema.KINDS), 'schema')} in {out.as_posix()} match the model.")
        return
    for path in schema.write(out):
        click.echo(f"wrote {path.as_posix()}")


# --- new -----------------------------------------------------------------------------------

_course_option = click.option(
    "--course",
    "course_path",
    default=".",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The course folder.",
)


@main.group()
def new() -> None:
    """Start a module, lesson, worksheet or cohort from a commented template.

    The new file is valid, explains each key, has an id no other file uses,
    and is listed where the course needs it, so the course still builds.
    """


def _scaffolded(run) -> None:  # type: ignore[no-untyped-def]
    try:
        made = run()
    except scaffold.ScaffoldError as exc:
        ctx = click.get_current_context()
        param = next((p for p in ctx.command.params if p.name == exc.param), None)
        if param is not None:  # the scaffold's names for its arguments are the command's
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"created {made.created}")
    for path in made.edited:
        click.echo(f"added `{made.id}` to {path}")
    click.echo(f"Next: fill in {made.created}, then run `course validate`.")


@new.command("module")
@click.argument("module_id", metavar="ID")
@click.option("--title", help="The module title (default: from the id).")
@_course_option
def new_module(module_id: str, title: str | None, course_path: Path) -> None:
    """Add module ID: lessons/ID/module.yml, listed last in course.yml's modules."""
    _course_dir(course_path, "--course")
    _scaffolded(lambda: scaffold.new_module(course_path, module_id, title=title))


@new.command("lesson")
@click.argument("module_id", metavar="MODULE")
@click.argument("lesson_id", metavar="[ID]", required=False)
@click.option("--title", help="The lesson title (default: the module title and lesson number).")
@click.option("--routine", help="Id of the routine it practices (default: the one the module's lessons practice most).")
@_course_option
def new_lesson(module_id: str, lesson_id: str | None, title: str | None, routine: str | None, course_path: Path) -> None:
    """Add a lesson at the end of MODULE, with id ID (default: made from MODULE and the title)."""
    _course_dir(course_path, "--course")
    _scaffolded(lambda: scaffold.new_lesson(course_path, module_id, lesson_id, title=title, routine=routine))


@new.command("worksheet")
@click.argument("worksheet_id", metavar="ID")
@click.option("--title", help="The worksheet title (default: from the id).")
@click.option("--lesson", "lessons", multiple=True, metavar="LESSON", help="Add it to this lesson's worksheets (repeatable).")
@_course_option
def new_worksheet(worksheet_id: str, title: str | None, lessons: tuple[str, ...], course_path: Path) -> None:
    """Add worksheet ID: exercises/ID.yml."""
    _course_dir(course_path, "--course")
    _scaffolded(lambda: scaffold.new_worksheet(course_path, worksheet_id, title=title, lessons=lessons))


@new.command("cohort")
@click.argument("cohort_id", metavar="ID")
@click.option("--name", help="The cohort's name (default: from the id).")
@click.option("--start", type=click.DateTime(["%Y-%m-%d"]), help="First day, YYYY-MM-DD (default: next Monday).")
@click.option("--timezone", default="UTC", show_default=True, help="IANA time zone of the sessions, such as Europe/London.")
@_course_option
def new_cohort(cohort_id: str, name: str | None, start: datetime | None, timezone: str, course_path: Path) -> None:
    """Add cohort ID: course/cohorts/ID.yml, with one weekly session."""
    _course_dir(course_path, "--course")
    first: date | None = start.date() if start else None
    _scaffolded(lambda: scaffold.new_cohort(course_path, cohort_id, name=name, start=first, timezone=timezone))


# --- export --------------------------------------------------------------------------------


@main.command("export")
@click.argument("out", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@_course_option
@click.option(
    "-f", "--config-file", "config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The site's mkdocs.yml, whose settings, theme and docs pages come along. Default: mkdocs.yml in the course folder, if there is one.",
)
@click.option("--prefix", default=None, help="Put the course pages in this folder of the site, as the plugin's `prefix` option does. Default: the plugin's `prefix` in mkdocs.yml.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), help="A theme custom_dir whose course/ folder overrides page templates. Default: the site's custom_dir.")
@click.option("--pdf", is_flag=True, help="Print the workbook and cohort-pack PDFs into the export (needs Chromium and Playwright, as the plugin's `pdf` option does).")
@click.option("--language", default=None, metavar="LANG", help="Export the course's translation into LANG (from translations/LANG/) as a site of its own. Default: the course in its own language.")
def export_command(out: Path, course_path: Path, config: Path | None, prefix: str | None, templates: Path | None, pdf: bool, language: str | None) -> None:
    """Write the course's site to DIR as plain Markdown, for any site engine.

    DIR gets docs/ (the course pages, the site's own pages, assets, course.json
    and schemas), a mkdocs.yml that builds it without this plugin (MkDocs,
    ProperDocs, Zensical) with the site's own settings and theme, nav.yml, and
    SUMMARY.md (literate-nav, mdBook). DIR must be empty or an earlier export.
    """
    _course_dir(course_path, "--course")
    if config is None and (course_path / "mkdocs.yml").is_file():
        config = course_path / "mkdocs.yml"
    if language is not None and not (course_path / translation.folder(language)).is_dir():
        raise click.BadParameter(f"there is no {translation.folder(language)}/ in {course_path.as_posix()}: translate the course there first (docs/authors/translating.md)", param_hint="--language")
    course = _load_or_exit(course_path, language)
    layout = Layout(prefix.strip("/")) if prefix is not None else None
    try:
        for said in export.warnings(config):
            click.echo(f"warning: {said}", err=True)
        written = export.write(course, out, layout=layout, overrides=templates, root=course_path, config=config, pdf=pdf, translation=language is not None)
    except export.FolderError as exc:
        raise click.BadParameter(str(exc), param_hint="DIR") from None
    except export.ExportError as exc:
        raise click.ClickException(str(exc)) from None
    pages = sum(name.endswith(".md") and name.startswith(f"{export.DOCS_DIR}/") for name in written)
    pdfs = sum(name.endswith(".pdf") for name in written) if pdf else 0
    also = f", {_plural(pdfs, 'PDF')}" if pdf else ""
    click.echo(f"wrote {_plural(pages, 'page')}{also} and {_plural(len(written) - pages - pdfs, 'other file')} to {out.as_posix()}")
    click.echo(f"build it with: mkdocs build -f {(out / 'mkdocs.yml').as_posix()}, or with `zensical build` in {out.as_posix()}")


@main.command("package")
@click.argument("kind", type=click.Choice(packages.KINDS))
@click.argument("out", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@_course_option
@click.option(
    "-f", "--config-file", "config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The site's mkdocs.yml, whose settings and theme the package's site is built with. Default: mkdocs.yml in the course folder, if there is one.",
)
def package_command(kind: str, out: Path, course_path: Path, config: Path | None) -> None:
    """Make a package a learning platform imports, into DIR.

    KIND is scorm12 or scorm2004 (SCORM 1.2 or 2004 4th edition: the course reports its
    progress and self-check results to the platform; reflections and worksheet answers stay in
    the learner's browser unless course.yml says `lms: {share_answers: true}`), or cc (IMS
    Common Cartridge 1.1: the course's pages in the platform's own outline).
    """
    _course_dir(course_path, "--course")
    if config is None and (course_path / "mkdocs.yml").is_file():
        config = course_path / "mkdocs.yml"
    course = _load_or_exit(course_path)
    try:
        made = packages.make(kind, course, course_path, out, config=config)
    except packages.PackageError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {made.as_posix()} ({made.stat().st_size // 1024} KB): import it into your learning platform ({_PACKAGE_NAMES[kind]})")


@main.command("build", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--clean-cache", is_flag=True, help="Empty the page cache first, so every page is built afresh.")
@click.argument("mkdocs_args", nargs=-1, type=click.UNPROCESSED)
def build_command(clean_cache: bool, mkdocs_args: tuple[str, ...]) -> None:
    """`mkdocs build`, with what it is given (for example `--strict`, `-f mkdocs.yml`).

    A build keeps what it made of each course page in .cache/mkdocs-course/ beside
    mkdocs.yml, and the next one builds again only the pages an edit changed; the
    site is the same either way. --clean-cache empties it first.
    """
    if clean_cache:
        folder = cache_folder(_config_file_in(mkdocs_args))
        if folder.is_dir():
            shutil.rmtree(folder)
            click.echo(f"emptied the page cache ({folder.as_posix()})")
    raise SystemExit(subprocess.run([sys.executable, "-m", "mkdocs", "build", *mkdocs_args]).returncode)


def _config_file_in(args: tuple[str, ...]) -> Path:
    """The mkdocs.yml that `mkdocs build` with `args` reads (its -f/--config-file, as MkDocs takes it)."""
    for i, arg in enumerate(args):
        if arg in ("-f", "--config-file") and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--config-file="):
            return Path(arg.split("=", 1)[1])
        if arg.startswith("-f") and len(arg) > 2:
            return Path(arg[2:])
    return Path("mkdocs.yml")


_PACKAGE_NAMES = {"scorm12": "SCORM 1.2 package", "scorm2004": "SCORM 2004 package", "cc": "IMS Common Cartridge"}


if __name__ == "__main__":
    main()
