"""Pictures in lessons: the files in `course/figures/` that lessons show, read and checked.

A lesson section may show a figure (`figure: {image: cycle.svg, alt: ...}`). The file is
read here, once, and must be a picture and nothing else: it goes into the site beside the
pages, where anyone can open it at its own address, and an SVG opened that way is a page
of the site, whose scripts could read every answer a learner keeps in their browser. So an
SVG is allowed only the elements and attributes that draw: no script, no event handler,
no link or reference out of the file, no DOCTYPE (entities can explode), no style sheet
(it can load from elsewhere). A PNG must be one. Every problem names the lesson's line
that shows the figure; nothing is written when there is one.

Sizes are read so pages reserve the picture's room before it loads (no layout shift).
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from .. import model
from .catalogue import say
from .problems import Problem, did_you_mean
from .yaml_source import Document

FIGURES_DIR = "course/figures"
MAX_BYTES = 1_000_000
SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}href"
# What an SVG may hold: shapes, text, and what styles them within the file.
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "marker", "symbol", "use", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern",
})
_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.I)
_PNG = b"\x89PNG\r\n\x1a\n"


def read(root: Path, lessons: list[tuple[Document, model.LessonFile]]) -> tuple[dict[str, tuple[bytes, int, int]], list[Problem]]:
    """Every figure the lessons show, by file name, as (bytes, width, height); and a problem for each that is missing or unsafe."""
    folder = root / FIGURES_DIR
    present = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    figures: dict[str, tuple[bytes, int, int]] = {}
    problems: list[Problem] = []
    for doc, lesson in lessons:
        for i, section in enumerate(lesson.sections):
            if section.figure is None:
                continue
            name = section.figure.image
            at = ("sections", i, "figure", "image")
            if name in figures:
                continue
            path = folder / name
            if not path.is_file():
                problems.append(doc.problem(at, say("no-figure", name=name, folder=FIGURES_DIR), did_you_mean(name, present) if present else f"put the picture in `{FIGURES_DIR}/`"))
                continue
            data = path.read_bytes()[: MAX_BYTES + 1]
            if len(data) > MAX_BYTES:
                problems.append(doc.problem(at, say("figure-too-big", name=name, limit="1 MB"), "save it smaller: a diagram as a simple SVG, a photo as a smaller PNG"))
                continue
            found = _svg(data) if name.endswith(".svg") else _png(data)
            if isinstance(found, str):
                problems.append(doc.problem(at, say("unsafe-figure", name=name, what=found), "a figure holds only a picture: remove it, or save the picture again from a drawing program as a plain SVG or PNG"))
            else:
                figures[name] = (data, *found)
    return figures, problems


def _png(data: bytes) -> tuple[int, int] | str:
    if not data.startswith(_PNG) or data[12:16] != b"IHDR" or len(data) < 24:
        return "it is not a PNG picture"
    return struct.unpack(">II", data[16:24])


def _svg(data: bytes) -> tuple[int, int] | str:
    """The SVG's size, or what makes it more than a picture."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "it is not UTF-8 text"
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.I):
        return "a DOCTYPE or ENTITY declaration"
    if re.search(r"<\?xml-stylesheet", text, re.I):
        return "a style sheet instruction (`<?xml-stylesheet`)"
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        return f"it is not well-formed XML ({e})"
    if root.tag != f"{{{SVG_NS}}}svg":
        return "it is not an SVG picture (no `<svg>` in the SVG namespace)"
    for el in root.iter():
        namespace, _, tag = el.tag.rpartition("}")
        if namespace != "{" + SVG_NS or tag not in SVG_ELEMENTS:
            return f"the element `<{tag}>`"
        for name, value in el.attrib.items():
            local = name.rpartition("}")[2]
            if local.lower().startswith("on"):
                return f"the event handler `{local}` on `<{tag}>`"
            if (name == XLINK or local == "href") and not value.startswith("#"):
                return f"a link out of the file (`{value[:60]}`)"
            if any(not target.startswith("#") for target in _URL.findall(value)):
                return f"a reference out of the file in `{local}`"
    return _svg_size(root)


def _svg_size(root: ET.Element) -> tuple[int, int] | str:
    box = root.get("viewBox", "").replace(",", " ").split()
    try:
        width, height = float(root.get("width", "").removesuffix("px") or box[2]), float(root.get("height", "").removesuffix("px") or box[3])
    except (IndexError, ValueError):
        return "no size: give the `<svg>` a `viewBox`, or `width` and `height` in pixels"
    return round(width), round(height)
