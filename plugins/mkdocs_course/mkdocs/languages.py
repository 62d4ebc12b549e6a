"""A course in several languages: one site per translation, in a folder of the course's site.

`course.yml` lists `translations: [es, fr]`; the loader lays each translation over the course
(load/translation.py). The course's own build makes the site in the course's language, then,
before that site is swapped in whole (sitedir.py), builds each translation with the same
mkdocs.yml into `<site>/<language>/`: a whole MkDocs build each, so Material's own words, the
search index and the page direction are the translation's. Every language's pages sit at the
same paths under its folder, and learners' answers are keyed by ids in the one browser storage
of the site's origin, so a learner who switches language keeps everything.

The switcher is Material's (`extra.alternate`, the translate icon in the header): each language
named in its own words. `course.js` points its links at the same page in the other language.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import urljoin

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig

from ..model import Course
from ..model import i18n
from .nested import course_plugin, fresh_config

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def add_switcher(config: MkDocsConfig, languages: list[str], current: str) -> None:
    """Material's language switcher on the site in `current`, one of `languages` (the course's
    own first, then its translations).

    Links are relative to the site's root (Material's `url` filter makes them relative to
    each page), so the sites work from any address, a file:// folder included. A site whose
    mkdocs.yml sets `extra.alternate` itself keeps it.
    """
    if len(languages) < 2 or config.extra.get("alternate"):
        return
    original = languages[0]

    def root(language: str) -> str:
        if language == current:
            return "./"
        up = "" if current == original else "../"
        return up if language == original else f"{up}{language}/"

    config.extra["alternate"] = [{"name": i18n.language_name(x), "link": root(x), "lang": x} for x in languages]


def build_translations(config: MkDocsConfig, course: Course, *, within: str | None) -> None:
    """Build each translation the course lists into `<site_dir>/<language>/`, with mkdocs.yml's settings."""
    for language in course.data.translations:
        nested = fresh_config(
            config_file=config.config_file_path,
            site_dir=os.path.join(config.site_dir, language),
            site_url=urljoin(config.site_url, f"{language}/") if config.site_url else None,
            strict=config.strict,
            use_directory_urls=config.use_directory_urls,
        )
        plugin = course_plugin(nested, within=within)
        plugin.language, plugin.original = language, course.data.language
        # A site named after the course takes the course's title in each language: the whole title,
        # or its part before a colon ("Coach, Mentor, Sponsor" for "Coach, Mentor, Sponsor: your career...").
        plugin.site_named_after_course = "title" if config.site_name == course.title else "head" if course.title.startswith(config.site_name + ":") else None
        log.info(f"Building the course in {i18n.language_name(language)} ({language}) into {language}/")
        build(nested)

