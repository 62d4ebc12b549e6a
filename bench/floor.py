"""The floor: Python-Markdown alone on the same pages, as MkDocs configures it.

Run as a script (`python bench/floor.py SRC DEST`) so that its time includes the
interpreter starting and importing Markdown, as every other route's does. One
Markdown instance is reset between pages (the cheapest honest use); the
extensions are the three MkDocs always enables.
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown


def convert_tree(src: Path, dest: Path) -> int:
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code"])
    count = 0
    for path in sorted(src.rglob("*.md")):
        out = dest / path.relative_to(src).with_suffix(".html")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(md.reset().convert(path.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count


if __name__ == "__main__":
    print(convert_tree(Path(sys.argv[1]), Path(sys.argv[2])))
