"""Synthetic courses for the benchmark, and the same content in other engines' shapes.

`write_course` writes a course in our YAML (course, routines, module folders,
lessons, worksheets) with text that reads like a real lesson: paragraphs of
varied sentences, lists, emphasis, a routine, reflections, worksheets. The
text is made from a fixed seed, so every run of the bench builds the same bytes.

The other routes get the *same pages*: our renderer turns the course into
Markdown once, and that Markdown is written as hand-written files in module
folders (what an author without the plugin would keep in `docs/`), as a Hugo
content tree, and is what the Python-Markdown floor converts. Only the engine
changes between routes, never the text.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import yaml

from mkdocs_course.load.loader import load_course
from mkdocs_course.render.pages import Renderer

LESSONS_PER_MODULE = (22, 38)  # a module is about a month of daily lessons
ROUTINES = 6
LESSONS_PER_WORKSHEET = 10

_SUBJECTS = [
    "a coach", "your mentor", "a sponsor", "your manager", "a new colleague", "the team lead", "a peer",
    "someone two steps ahead of you", "an old classmate", "a customer", "your network", "a good question",
    "a short note", "a weekly check-in", "honest feedback", "a clear goal", "a small habit", "a written plan",
]
_VERBS = [
    "helps you see", "turns", "makes room for", "keeps you close to", "shows you", "asks about",
    "gives shape to", "slowly changes", "points you towards", "saves you from", "builds on", "tests",
]
_OBJECTS = [
    "the skills your work needs now", "the next step in your plan", "what really happened in the meeting",
    "the gap between where you are and where you want to be", "a habit you can keep", "the doors you cannot open alone",
    "the story people tell about your work", "a goal you can reach this month", "the feedback you avoided",
    "a promise you made last week", "the people who already back you", "one small risk worth taking",
]
_TAILS = [
    "even when the week is busy", "without taking over your day", "one step at a time", "before the next review",
    "in a way you can measure", "while you are still learning", "long before you feel ready", "on a slow Friday afternoon",
    "with less effort than you expect", "so that others notice it too",
]
_OPENERS = ["Often,", "In practice,", "Over time,", "Most weeks,", "At first,", "Later,", "Usually,", "For many people,"]
_NAMES = ["Farah", "Joel", "Amina", "Tomás", "Lena", "Kofi", "Mei", "Ravi", "Sara", "Olu", "Ines", "Dara"]
_ROLES = ["pharmacy technician", "junior analyst", "nurse", "shop manager", "teacher", "software tester", "bookkeeper", "site engineer"]
_TOPICS = [
    "feedback", "goals", "habits", "networks", "mentoring", "sponsorship", "visibility", "confidence", "learning",
    "asking for help", "gratitude", "planning", "reflection", "trust", "influence", "career moves",
]
_TITLE_WORDS = [
    "Asking", "Building", "Choosing", "Finding", "Keeping", "Naming", "Planning", "Reading", "Sharing", "Testing",
    "Thanking", "Tracking", "Writing", "Noticing", "Growing", "Opening",
]


def _sentence(rng: random.Random) -> str:
    s = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    if rng.random() < 0.5:
        s += f", {rng.choice(_TAILS)}"
    if rng.random() < 0.3:
        s = f"{rng.choice(_OPENERS)} {s}"
    return s[0].upper() + s[1:] + "."


def _paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 6)) -> str:
    words = [_sentence(rng) for _ in range(rng.randint(*sentences))]
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i][:-1]}.**"
    if rng.random() < 0.2:
        words.append(f"*{rng.choice(_TAILS).capitalize()}* is where it starts.")
    return textwrap.fill(" ".join(words), 88)


def _story(rng: random.Random) -> str:
    a, b = rng.sample(_NAMES, 2)
    return textwrap.fill(
        f"{a} worked as a {rng.choice(_ROLES)} and wanted to get better at {rng.choice(_TOPICS)}. "
        f"{b}, who had done the job for years, suggested one thing to try each week. "
        f"After a month {a} could name what had changed: {rng.choice(_OBJECTS)}. "
        + _sentence(rng),
        88,
    )


def _title(rng: random.Random) -> str:
    return f"{rng.choice(_TITLE_WORDS)} {rng.choice(_TOPICS)} {rng.choice(['at work', 'with care', 'on purpose', 'this week', 'together', 'for the long run', ''])}".strip()


def _line(rng: random.Random) -> str:
    return _sentence(rng)[:-1]


def _lesson(rng: random.Random, lesson_id: str, routines: list[str], worksheets: list[str]) -> dict:
    sections = []
    for _ in range(rng.randint(3, 4)):
        body = [_paragraph(rng, (3, 5)) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.4:
            body.append("\n".join(f"- {_line(rng)}." for _ in range(rng.randint(3, 6))))
        if rng.random() < 0.4:
            body.append(_story(rng))
        sections.append({"heading": _line(rng).capitalize()[:80], "body": "\n\n".join(body) + "\n"})
    return {
        "id": lesson_id,
        "title": _title(rng),
        "minutes": rng.choice([10, 15, 15, 20, 25]),
        "objectives": [_line(rng) for _ in range(rng.randint(2, 3))],
        "sections": sections,
        "routine": rng.choice(routines),
        "reflection": [{"id": f"prompt-{i}", "prompt": _line(rng) + "?"} for i in range(1, rng.randint(2, 3) + 1)],
        "action": _paragraph(rng, (1, 2)) + "\n",
        "summary": [_line(rng) + "." for _ in range(rng.randint(3, 4))],
        "worksheets": rng.sample(worksheets, rng.choice([0, 1, 1, 2])) if worksheets else [],
        "teaser": _line(rng) + ".",
        "facilitator": {"minutes": rng.choice([20, 30, 45]), "questions": [_line(rng) + "?" for _ in range(2)], "notes": _paragraph(rng, (2, 3)) + "\n"},
    }


def _worksheet(rng: random.Random, sheet_id: str) -> dict:
    kinds = ["text", "long_text", "list", "table", "checklist", "scale", "choice", "date"]
    fields = []
    for i, kind in enumerate(rng.sample(kinds, rng.randint(4, 7)), 1):
        f: dict = {"id": f"field-{i}", "type": kind, "label": _line(rng)[:120]}
        if rng.random() < 0.4:
            f["help"] = _line(rng)[:160] + "."
        if kind == "table":
            f["columns"] = [{"id": f"col-{c}", "label": rng.choice(_TOPICS).capitalize()} for c in range(1, rng.randint(2, 4) + 1)]
            f["rows"] = rng.randint(3, 6)
        elif kind in ("checklist", "choice"):
            f["options"] = [_line(rng)[:100] for _ in range(rng.randint(3, 5))]
        fields.append(f)
    return {"id": sheet_id, "title": _title(rng).capitalize(), "purpose": _paragraph(rng, (1, 2)) + "\n", "instructions": _paragraph(rng, (2, 3)) + "\n", "fields": fields}


def module_sizes(lessons: int, rng: random.Random) -> list[int]:
    """Lessons per module: about a month each, the last module takes the rest."""
    sizes: list[int] = []
    left = lessons
    while left > 0:
        n = min(left, rng.randint(*LESSONS_PER_MODULE))
        if 0 < left - n < LESSONS_PER_MODULE[0] // 2:
            n = left  # no tiny module at the end
        sizes.append(n)
        left -= n
    return sizes


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes multi-line text as `|` blocks, as authors do."""


_Dumper.add_representer(str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def write_course(root: Path, lessons: int, *, seed: int = 2026, modules: int | None = None) -> dict[str, int]:
    """Write a course of `lessons` lessons into `root` (course/, lessons/, exercises/). Returns its counts.

    `modules`: that many modules of even size (1: every lesson in one module); by default about a month each."""
    rng = random.Random(seed)
    routine_ids = [f"routine-{i}" for i in range(1, ROUTINES + 1)]
    sheet_ids = [f"worksheet-{i}" for i in range(1, max(3, lessons // LESSONS_PER_WORKSHEET) + 1)]
    sizes = module_sizes(lessons, rng) if modules is None else [lessons // modules + (i < lessons % modules) for i in range(modules)]
    module_ids = [f"module-{i:02d}" for i in range(1, len(sizes) + 1)]
    _dump(
        root / "course/course.yml",
        {
            "id": f"bench-{lessons}",
            "title": f"A {lessons}-day course",
            "language": "en",
            "description": _paragraph(rng) + "\n",
            "welcome": _paragraph(rng) + "\n\n" + _paragraph(rng) + "\n",
            "modules": module_ids,
        },
    )
    _dump(
        root / "course/routines.yml",
        {
            "routines": [
                {"id": r, "title": _title(rng).capitalize(), "minutes": rng.choice([5, 5, 10]), "purpose": _paragraph(rng, (1, 2)) + "\n", "steps": [_line(rng) + "." for _ in range(rng.randint(3, 5))]}
                for r in routine_ids
            ]
        },
    )
    for sheet_id in sheet_ids:
        _dump(root / "exercises" / f"{sheet_id}.yml", _worksheet(rng, sheet_id))
    day = 0
    for module_id, size in zip(module_ids, sizes):
        folder = root / "lessons" / module_id
        lesson_ids = [f"day-{day + i:04d}" for i in range(1, size + 1)]
        _dump(
            folder / "module.yml",
            {
                "id": module_id,
                "title": _title(rng).capitalize(),
                "role": rng.choice(["coach", "mentor", "sponsor", "network", "self"]),
                "summary": _paragraph(rng) + "\n",
                "outcomes": [_line(rng) + "." for _ in range(3)],
                "lessons": lesson_ids,
            },
        )
        for i, lesson_id in enumerate(lesson_ids, 1):
            _dump(folder / f"{i:02d}-{lesson_id}.yml", _lesson(rng, lesson_id, routine_ids, sheet_ids))
        day += size
    return {"lessons": lessons, "modules": len(sizes), "routines": ROUTINES, "worksheets": len(sheet_ids)}


# --- the same pages for the other routes -------------------------------------------

PLAIN_MKDOCS_YML = """\
# The route an author takes without the plugin: the same pages, hand-written in
# module folders, built by mkdocs-material with its default settings.
site_name: {title}
theme:
  name: material
"""

PRUNED_MKDOCS_YML = """\
# The careful author's route: the same hand-written pages, with Material rendering only
# the open branch of the nav into each page (what the plugin does for a long course).
site_name: {title}
theme:
  name: material
  features: [navigation.prune]
"""

OUR_MKDOCS_YML = """\
# The least an author writes to use the plugin.
site_name: {title}
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - course
"""

HUGO_CONFIG = """\
baseURL = "http://localhost/"
title = "{title}"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
  unsafe = true  # the pages carry the same HTML forms as in the other routes
"""

# A minimal theme: every page lists the sections, and the pages of its own
# section, as Material's pruned navigation does.
HUGO_BASEOF = """\
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ with .CurrentSection }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = '{{ define "main" }}{{ .Content }}{{ end }}\n'


# The same, built as MkDocs builds pages: one process, no page cache (the `ours-1` route).
ONE_PROCESS_YML = """\
INHERIT: mkdocs.yml
plugins:
  - search
  - course:
      workers: 1
      cache: false
"""


def write_our_project(root: Path, title: str) -> None:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(OUR_MKDOCS_YML.format(title=title), encoding="utf-8")
    (root / "mkdocs-one-process.yml").write_text(ONE_PROCESS_YML, encoding="utf-8")


def rendered_pages(course_root: Path) -> list[tuple[str, str, str]]:
    """(uri, title, markdown) of every page our renderer makes for the course."""
    course = load_course(course_root)
    return [(p.uri, p.title, p.markdown) for p in Renderer(course).pages()]


def write_handwritten(pages: list[tuple[str, str, str]], root: Path, title: str) -> None:
    for uri, _, markdown in pages:
        path = root / "docs" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    (root / "mkdocs.yml").write_text(PLAIN_MKDOCS_YML.format(title=title), encoding="utf-8")
    (root / "mkdocs-pruned.yml").write_text(PRUNED_MKDOCS_YML.format(title=title), encoding="utf-8")


def write_export(course_root: Path, out: Path) -> None:
    """`course export` of our course (its own mkdocs.yml): the folder Zensical builds."""
    from mkdocs_course.load.loader import load_course
    from mkdocs_course.outputs import export

    export.write(load_course(course_root), out, root=course_root, config=course_root / "mkdocs.yml")


def write_hugo(pages: list[tuple[str, str, str]], root: Path, title: str) -> None:
    for uri, page_title, markdown in pages:
        name = "_index.md" if uri.endswith("index.md") else uri.rsplit("/", 1)[-1]
        folder = uri.rsplit("/", 1)[0] if "/" in uri else ""
        path = root / "content" / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump({"title": page_title}, allow_unicode=True)
        path.write_text(f"---\n{front}---\n{markdown}", encoding="utf-8")
    (root / "hugo.toml").write_text(HUGO_CONFIG.format(title=title), encoding="utf-8")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_SINGLE, encoding="utf-8")
