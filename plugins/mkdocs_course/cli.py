"""The `course` command: author tools that work without building the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .loader import check_course


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="course")
def main() -> None:
    """Tools for authors of a mkdocs-course course."""


@main.command()
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate(path: Path) -> None:
    """Check the course in PATH (default: here) without building it.

    Prints every problem as path:line:col: severity: message, with a hint.
    Exits 0 when the course is clean, 1 when it has problems.
    """
    course, problems = check_course(path)
    for p in problems:
        click.echo(f"{p.path}:{p.line}:{p.column}: {p.severity}: {p.message}")
        if p.hint:
            click.echo(f"    hint: {p.hint}")
    errors = sum(p.severity == "error" for p in problems)
    if errors:
        click.echo(f"{errors} problem{'s' if errors != 1 else ''} found.", err=True)
        sys.exit(1)
    assert course is not None
    click.echo(f"OK: {course.title}: {len(course.modules)} modules, {len(course.lessons)} lessons, {len(course.routines)} routines, {len(course.worksheets)} worksheets.")


if __name__ == "__main__":
    main()
