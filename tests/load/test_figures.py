"""Pictures in lessons (load/figures.py): a figure is read once, must be a picture and nothing more,
and is reported at the lesson's line when it is missing, too big or unsafe. An SVG in the site
can be opened at its own address, where its scripts would run as a page of the site, so every way
an SVG can do more than draw is refused."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_course, edit, reported
from mkdocs_course.load import figures
from mkdocs_course.load.loader import load_course

L1 = "lessons/basics/01-first.yml"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">{}</svg>'


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def with_figure(root: Path, name: str, data: bytes | str | None) -> Path:
    edit(root, L1, "      This is **the first** lesson.\n", f"      This is **the first** lesson.\n    figure: {{image: {name}, alt: A cycle of four stages., caption: The cycle.}}\n")
    if data is not None:
        (root / "course/figures").mkdir(exist_ok=True)
        path = root / "course/figures" / name
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
    return root


SAFE = [
    ("shapes and text", SVG.format('<title>t</title><rect width="10" height="10" fill="#e0f2f1"/><text x="1" y="2">Hi</text>'), (400, 300)),
    ("a marker used within the file", SVG.format('<defs><marker id="a"><path d="M0 0L1 1"/></marker></defs><path d="M0 0L9 9" marker-end="url(#a)"/>'), (400, 300)),
    ("width and height in pixels", '<svg xmlns="http://www.w3.org/2000/svg" width="320px" height="200"><circle r="3"/></svg>', (320, 200)),
]

UNSAFE = [
    ("a script", SVG.format("<script>alert(1)</script>"), "the element `<script>`"),
    ("an event handler", SVG.format('<rect width="1" height="1" onclick="alert(1)"/>'), "the event handler `onclick` on `<rect>`"),
    ("an event handler on the root", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"/>', "the event handler `onload` on `<svg>`"),
    ("HTML inside", SVG.format('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'), "the element `<foreignObject>`"),
    ("a link", SVG.format('<a href="https://example.org"><text>x</text></a>'), "the element `<a>`"),
    ("an outside picture", SVG.format('<image href="https://example.org/x.png"/>'), "the element `<image>`"),
    ("a use of another file", SVG.format('<use href="other.svg#x"/>'), "a link out of the file (`other.svg#x`)"),
    ("an xlink out", '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1"><use xlink:href="javascript:alert(1)"/></svg>', "a link out of the file (`javascript:alert(1)`)"),
    ("a fill from elsewhere", SVG.format('<rect fill="url(https://example.org/p.svg#g)"/>'), "a reference out of the file in `fill`"),
    ("a style element", SVG.format("<style>@import url(https://example.org/x.css);</style>"), "the element `<style>`"),
    ("a style attribute loading", SVG.format('<rect style="fill: url(http://example.org/a)"/>'), "a reference out of the file in `style`"),
    ("an animation", SVG.format('<set attributeName="href" to="javascript:alert(1)"/>'), "the element `<set>`"),
    ("entities", '<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SVG.format("<text>&a;</text>"), "a DOCTYPE or ENTITY declaration"),
    ("a style sheet instruction", '<?xml-stylesheet href="https://example.org/a.css"?>' + SVG.format(""), "a style sheet instruction (`<?xml-stylesheet`)"),
    ("another namespace", '<svg xmlns="http://example.org/not-svg" viewBox="0 0 1 1"/>', "it is not an SVG picture (no `<svg>` in the SVG namespace)"),
    ("broken XML", "<svg", "it is not well-formed XML (unclosed token: line 1, column 0)"),
    ("no size", '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "no size: give the `<svg>` a `viewBox`, or `width` and `height` in pixels"),
    ("not UTF-8", b'<svg xmlns="http://www.w3.org/2000/svg">\xff</svg>', "it is not UTF-8 text"),
]


@pytest.mark.parametrize("name, text, size", SAFE, ids=[c[0] for c in SAFE])
def test_a_picture_that_only_draws_is_read_with_its_size(name: str, text: str, size: tuple[int, int], tmp_path: Path) -> None:
    root = with_figure(copy_course(FIXTURES / "mini", tmp_path / "mini"), "cycle.svg", text)
    course = load_course(root)
    assert course.figures == {"cycle.svg": (text.encode("utf-8"), *size)}


@pytest.mark.parametrize("name, text, what", UNSAFE, ids=[c[0] for c in UNSAFE])
def test_an_svg_that_does_more_than_draw_is_refused_at_the_lessons_line(name: str, text: str | bytes, what: str, tmp_path: Path) -> None:
    root = with_figure(copy_course(FIXTURES / "mini", tmp_path / "mini"), "cycle.svg", text.encode("utf-8") if isinstance(text, str) else text)
    assert reported(root) == [
        f"{L1}:10:21: the picture `cycle.svg` holds {what} | a figure holds only a picture: remove it, or save the picture again from a drawing program as a plain SVG or PNG"
    ]


def test_a_png_is_read_with_its_size_and_a_false_one_refused(tmp_path: Path) -> None:
    root = with_figure(copy_course(FIXTURES / "mini", tmp_path / "mini"), "photo.png", png(30, 20))
    assert load_course(root).figures["photo.png"][1:] == (30, 20)
    (root / "course/figures/photo.png").write_bytes(b"<svg onload='x'>")
    assert reported(root) == [f"{L1}:10:21: the picture `photo.png` holds it is not a PNG picture | a figure holds only a picture: remove it, or save the picture again from a drawing program as a plain SVG or PNG"]


def test_a_missing_or_misnamed_picture_names_the_closest_file(tmp_path: Path) -> None:
    root = with_figure(copy_course(FIXTURES / "mini", tmp_path / "mini"), "cycle.svg", None)
    assert reported(root) == [f"{L1}:10:21: no picture `cycle.svg` in `course/figures/` | put the picture in `course/figures/`"]
    (root / "course/figures").mkdir()
    (root / "course/figures/cycles.svg").write_text(SVG.format(""), encoding="utf-8")
    assert reported(root) == [f"{L1}:10:21: no picture `cycle.svg` in `course/figures/` | did you mean `cycles.svg`?"]


def test_a_picture_over_a_megabyte_is_refused(tmp_path: Path) -> None:
    root = with_figure(copy_course(FIXTURES / "mini", tmp_path / "mini"), "cycle.svg", SVG.format("<!--" + "x" * figures.MAX_BYTES + "-->"))
    assert reported(root) == [f"{L1}:10:21: the picture `cycle.svg` is larger than 1 MB | save it smaller: a diagram as a simple SVG, a photo as a smaller PNG"]


def test_the_figure_is_reported_with_the_lessons_other_problems(tmp_path: Path) -> None:
    root = with_figure(copy_course(FIXTURES / "mini", tmp_path / "mini"), "cycle.svg", None)
    edit(root, "lessons/basics/02-second.yml", "minutes: 12", "minutes: twelve")
    problems = reported(root)
    assert len(problems) == 2 and problems[0].startswith(f"{L1}:10:21: no picture") and problems[1].startswith("lessons/basics/02-second.yml:3:10: ")


def test_only_svg_and_png_names_are_figures(tmp_path: Path) -> None:
    root = with_figure(copy_course(FIXTURES / "mini", tmp_path / "mini"), "cycle.gif", None)
    problems = reported(root)
    assert len(problems) == 1 and problems[0].startswith(f"{L1}:10:21: ")
