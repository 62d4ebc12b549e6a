"""Options of the `course` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CourseConfig(base.Config):
    course_dir = c.Optional(c.Dir(exists=True))
    """Folder holding `course/`, `lessons/` and `exercises/`. Default: the folder of mkdocs.yml."""

    prefix = c.Type(str, default="")
    """Put every course page under this folder of the site (for example `learn`). Default: the site root."""

    nav = c.Type(bool, default=True)
    """Build the site navigation from the course when mkdocs.yml has no `nav`. Pages of your own in
    `docs_dir` are listed after the course, by folder."""

    apart = c.ListOfItems(c.Type(str), default=["authors"])
    """Folders of `docs_dir` whose pages are not for learners (an author guide, say). They stay
    out of the course's nav, which is the learner's, and are linked from the course home and
    the footer instead, like the facilitator guide. Default: `[authors]`."""

    pdf = c.Type(bool, default=False)
    """Make a PDF of every printable workbook (print pack) when the site is built. Needs Chromium
    and Playwright for Python at build time; `mkdocs serve` skips them. Default: off."""

    pdf_paper = c.Choice(("A4", "Letter"), default="A4")
    """Paper size of the workbook PDFs: `A4` or `Letter`. Printing from the browser uses the
    learner's own paper either way."""

    pdf_browser = c.Optional(c.Type(str))
    """The Chromium (or Chrome) program that prints the PDFs. Default: the first of `chromium`,
    `chromium-browser`, `google-chrome` found on the PATH."""

    packages = c.ListOfItems(c.Choice(("scorm12", "scorm2004", "cc")), default=[])
    """Packages for learning platforms to make with the site, each a zip in the site's root named
    after the course: `scorm12`, `scorm2004` (SCORM 1.2 and 2004 4th edition: the course reports
    progress and self-check results to the platform) and `cc` (IMS Common Cartridge 1.1: the
    course's pages in the platform's own outline). `course package` makes one on its own. Default: none."""

    workers = c.Type(int, default=0)
    """Processes that build the course's pages at the same time, in `mkdocs build`: `0` for one
    per core of the machine (when the course has pages enough to gain from it), `1` for none (MkDocs
    builds every page itself), or a number. Used only on Linux, and only when no other plugin or hook
    of the site handles pages itself (a page event or `on_env`; the build log names one that does);
    the site is the same byte for byte either way. Default: `0`."""

    cache = c.Type(bool, default=True)
    """Keep what `mkdocs build` made of each course page in `.cache/mkdocs-course/` beside mkdocs.yml,
    so the next build redoes only the pages an edit changed; the site is the same byte for byte.
    `course build --clean-cache` empties it. Default: on."""
