"""Author guide pages generated at build time, so they cannot drift from the code.

A page in the site's docs folder holds a marker line where generated text goes:

    <!-- course:field-reference -->    every key of every file, from the model's JSON Schema
    <!-- course:error-catalogue -->    every message with its fix, from `catalogue.py`

The plugin passes each page's Markdown through `expand`. Nothing here imports
MkDocs, so another engine (or a test) can call the same functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .. import model
from ..load import catalogue
from ..model import schema

# What each file kind is, for the headings, and the command that starts one.
_FILES = {
    "course": ("course/course.yml", None),
    "routines": ("course/routines.yml", None),
    "module": ("lessons/<module-id>/module.yml", "course new module <id>"),
    "lesson": ("lessons/<module-id>/<nn>-<name>.yml", "course new lesson <module-id>"),
    "worksheet": ("exercises/<id>.yml", "course new worksheet <id>"),
    "cohort": ("course/cohorts/<id>.yml", "course new cohort <id>"),
}


def _words(name: str) -> str:
    """`ReflectionPrompt` -> `Reflection prompt`: a heading an author can read (and link to)."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return spaced[:1] + spaced[1:].lower()


def _anchor(heading: str) -> str:
    """The id Python-Markdown's toc gives a heading (its default slugify)."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", heading).strip().lower())


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _limits(node: dict[str, Any], low: str, high: str) -> str:
    lo, hi = node.get(low), node.get(high)
    if lo is not None and hi is not None:
        return f"{lo} to {hi}"
    if lo is not None:
        return f"at least {lo}"
    if hi is not None:
        return f"at most {hi}"
    return ""


def _value(node: dict[str, Any], *, many: bool = False) -> str:
    """The values a schema node allows, in an author's words (`many`: as items of a list)."""
    if "$ref" in node:
        name = _words(node["$ref"].rsplit("/", 1)[-1])
        return f"[{name}](#{_anchor(name)})" + (" entries" if many else "")
    for key in ("anyOf", "oneOf"):
        if key in node:
            options = [o for o in node[key] if o != {"type": "null"}]
            return " or ".join(_value(o, many=many) for o in options)
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return ("names from " if many else "one of ") + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type")
    if kind == "string":
        if node.get("pattern") == model.ID_PATTERN:
            return "ids" if many else "id"
        if node.get("format") == "date":
            return "dates (YYYY-MM-DD)" if many else "date (YYYY-MM-DD)"
        if node.get("maxLength", 0) > 1000:
            return "Markdown texts" if many else "Markdown"
        return "one-line texts" if many else "one line of text"
    if kind == "integer":
        limits = _limits(node, "minimum", "maximum")
        return ("whole numbers" if many else "whole number") + (f", {limits}" if limits else "")
    if kind == "array":
        limits = _limits(node, "minItems", "maxItems")
        return "list of " + _value(node.get("items", {}), many=True) + (f" ({limits})" if limits else "")
    if kind == "boolean":
        return "`true` or `false`"
    return "see the description"


def _keys(obj: dict[str, Any]) -> list[str]:
    """One list item per key: name, whether it is needed, its values, then what it is for.

    A list rather than a table: it reads on a phone without scrolling sideways.
    """
    required = set(obj.get("required", ()))
    items = []
    for key, node in obj.get("properties", {}).items():
        if key in required:
            need = "required"
        elif "default" in node and node["default"] not in (None, [], ""):
            need = f"optional (default `{node['default']}`)"
        else:
            need = "optional"
        about = _cell(node.get("description", ""))
        items.append(f"- **`{key}`**, {need}: {_cell(_value(node))}." + (f" {about}" if about else ""))
    return items


def field_reference() -> str:
    """Markdown: every file kind, every key, generated from the JSON Schema of the model."""
    out: list[str] = []
    done: set[str] = set()
    for kind in schema.KINDS:
        generated = schema.schema(kind)
        where, command = _FILES[kind]
        heading = f"{kind.capitalize()} file"
        out += [f"## {heading}", "", _cell(generated.get("description", "")), ""]
        out += [f"First line, for editors: `{schema.modeline(_example_path(where), kind)}`", ""]
        if command:
            out += [f"Start one with `{command}`.", ""]
        out += [*_keys(generated), ""]
        for name, obj in generated.get("$defs", {}).items():
            if name in done:
                continue
            done.add(name)
            out += [f"### {_words(name)}", ""]
            if obj.get("description"):
                out += [_cell(obj["description"]), ""]
            out += [*_keys(obj), ""]
    return "\n".join(out)


def _example_path(where: str) -> str:
    return where.replace("<module-id>", "m").replace("<nn>-<name>", "l").replace("<id>", "x")


def _shown(template: str) -> str:
    """`unknown key `{key}`` -> `unknown key `‹key›``: the varying parts marked, braces gone."""
    return re.sub(r"\{([^{}]*)\}", lambda m: f"‹{m.group(1).replace('_', ' ')}›", template.replace("{s}", "(s)"))


def error_catalogue() -> str:
    """Markdown: every message the tools report, grouped, each with its fix and a real example."""
    out: list[str] = []
    for section in catalogue.SECTIONS:
        out += [f"## {section.title}", "", section.about, ""]
        for entry in section.entries:
            out += [f"### {_shown(entry.shown or entry.message)}", "", f"**Fix:** {entry.fix}", ""]
            if entry.example:
                if entry.bad:
                    out += ["For example, this:", "", "```yaml", entry.bad, "```", "", "is reported as:", ""]
                else:
                    out += ["For example:", ""]
                out += ["```text", entry.example, "```", ""]
    return "\n".join(out)


MARKERS: dict[str, Callable[[], str]] = {
    "<!-- course:field-reference -->": field_reference,
    "<!-- course:error-catalogue -->": error_catalogue,
}


def expand(markdown: str) -> str:
    """`markdown` with each marker line replaced by its generated text."""
    for marker, make in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
