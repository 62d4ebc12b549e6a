"""JSON Schema for each kind of course file, generated from the model (decision D5).

Editors that speak the yaml-language-server protocol (VS Code's YAML extension,
Neovim, JetBrains, Helix) read the `# yaml-language-server: $schema=...` line at
the top of a course file and then complete keys, show each field's description
and underline mistakes as the author types. The schema comes from the same
pydantic classes the loader validates with, so the two cannot disagree about
which keys exist; `tests/model/test_schema.py` keeps the committed copies in
`schema/` equal to what this module generates.

The schema is a first line of help, not the judge: a few rules live only in
the loader (ids unique within a list, text that is only spaces, cross-file
references), and `course validate` reports those.
"""

from __future__ import annotations

import functools
import json
import posixpath
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import files as model

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schema"  # in the course folder, and in the built site

# One schema per kind of file an author writes, named as the files' first line names them.
KINDS: dict[str, type[BaseModel]] = {
    "course": model.CourseFile,
    "routines": model.RoutinesFile,
    "module": model.ModuleFile,
    "lesson": model.LessonFile,
    "worksheet": model.WorksheetFile,
    "cohort": model.CohortFile,
}


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for one kind of file (`course`, `lesson`, ...)."""
    cls = KINDS[kind]
    generated = cls.model_json_schema()
    # Keys of our own go first so a reader of the file sees what it is at once.
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"mkdocs-course {kind} file",
        **{k: v for k, v in generated.items() if k != "title"},
    }


TRANSLATION = "translation-"  # `translation-lesson.schema.json`: a file of translations/<language>/


def translation_schema(kind: str) -> dict[str, Any]:
    """The schema of a translation of one kind of file (load/translation.py): the same keys,
    none of them required, since a translation holds only the text it translates; a list
    item's `kind` or `type` may be left out too, so its choices are any-of, not one-of."""

    def loosen(node: Any) -> Any:
        if isinstance(node, dict):
            return {("anyOf" if k == "oneOf" else k): loosen(v) for k, v in node.items() if k not in ("required", "discriminator", "minItems", "minLength")}
        if isinstance(node, list):
            return [loosen(v) for v in node]
        return node

    return {**loosen(schema(kind)), "title": f"mkdocs-course {kind} file, translated"}


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@functools.cache  # the model cannot change in a running process; `mkdocs serve` asks on every rebuild
def schemas() -> dict[str, str]:
    """Every schema as file name -> JSON text, exactly as `course schema --out` writes them."""
    own = {file_name(kind): dumps(schema(kind)) for kind in KINDS}
    return own | {TRANSLATION + file_name(kind): dumps(translation_schema(kind)) for kind in KINDS}


def write(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale(out: Path) -> list[str]:
    """Names of schema files in `out` that are missing or differ from the generated ones."""
    found = []
    for name, text in schemas().items():
        path = out / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            found.append(name)
    return found


def kind_of(rel: str) -> str | None:
    """The kind of course file at `rel` ('/'-separated, relative to the course folder); a
    translation's file (`translations/<language>/...`) is of the kind of its original."""
    parts = rel.split("/")
    if len(parts) > 2 and parts[0] == "translations":
        parts = parts[2:]
    if not parts[-1].endswith((".yml", ".yaml")):
        return None
    if parts == ["course", "course.yml"]:
        return "course"
    if parts == ["course", "routines.yml"]:
        return "routines"
    if len(parts) == 3 and parts[0] == "course" and parts[1] == "cohorts":
        return "cohort"
    if len(parts) == 3 and parts[0] == "lessons":
        return "module" if parts[2] == "module.yml" else "lesson"
    if len(parts) == 2 and parts[0] == "exercises":
        return "worksheet"
    return None


def modeline(rel: str, kind: str | None = None) -> str:
    """The first line of a course file: where its editor finds the schema, relative to the file."""
    kind = kind or kind_of(rel)
    if kind is None:
        raise ValueError(f"{rel} is not a course file")
    up = posixpath.relpath(SCHEMA_DIR, posixpath.dirname(rel) or ".")
    translated = TRANSLATION if rel.startswith("translations/") else ""
    return f"# yaml-language-server: $schema={up}/{translated}{file_name(kind)}"
