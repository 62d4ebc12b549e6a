"""Packages for learning platforms made with the site (the plugin's `packages` option).

Each package is the course's site built again, with file URLs and, for SCORM, the script
that reports to the platform (render/lms.py), into a temporary folder; outputs/packages.py
zips it with its manifest into the site, as `<course id>-<kind>.zip`. `course package`
makes the same zip through the same build.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..model import Course
from ..outputs import packages
from ..render.urls import Layout
from .nested import course_plugin, fresh_config

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def build_packages(config: MkDocsConfig, course: Course, kinds: list[str], layout: Layout, *, within: str | None) -> None:
    """Each package in `kinds`, written into `config.site_dir`."""
    for kind in kinds:
        with tempfile.TemporaryDirectory(prefix=f"mkdocs-course-{kind}-") as work:
            built = Path(work) / "site"
            nested = fresh_config(config_file=config.config_file_path, site_dir=str(built), strict=config.strict, use_directory_urls=False, site_url=None)
            course_plugin(nested, within=within).package = kind
            log.info(f"Building the {kind} package")
            build(nested)
            try:
                zipped = packages.package(kind, course, packages.site_files(built), layout=layout, site_url=config.site_url)
            except packages.PackageError as exc:
                raise PluginError(str(exc)) from None
        out = Path(config.site_dir) / packages.file_name(course.id, kind)
        out.write_bytes(zipped)
        log.info(f"Made {out.name} ({len(zipped) // 1024} KB) for learning platforms")
