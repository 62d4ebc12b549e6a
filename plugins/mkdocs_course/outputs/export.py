"""`course export DIR`: the course as plain Markdown, for any site engine (decision D2).

The pages are the ones the plugin hands to MkDocs, rendered by the same
`Renderer`; next to them go the browser assets, `course.json` and the JSON
Schemas. When the course has a site of its own (a mkdocs.yml), the export is
that site, as the plugin builds it: its settings, theme (palette, features,
icons, its custom_dir), Markdown extensions, `extra` and other plugins, the
pages and images of its docs_dir, and the package's fixes to Material's
partials (site_config.py reads it without MkDocs). With `--pdf` the workbook
PDFs come along, printed from a build of the export itself. Three descriptions of the navigation come along, so the folder builds
as it is or moves elsewhere with little work:

- `mkdocs.yml`: a complete MkDocs configuration with no course plugin. MkDocs,
  ProperDocs and Zensical (which reads mkdocs.yml) build the folder directly.
- `nav.yml`: the same navigation alone, in MkDocs' `nav:` form.
- `SUMMARY.md`: the navigation as a nested Markdown list of links, the form
  mkdocs-literate-nav, mdBook and GitBook read.

A folder is only written if it is empty or holds an earlier export (it has
`EXPORT_MARKER`, which lists every file written), so an export never deletes an
author's own files; the earlier export's files are removed first, so pages of
deleted lessons do not linger.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from .. import __version__, model
from ..render import guide
from ..render.pages import NavItem, Renderer
from ..render.urls import Layout
from . import pdf as printer
from . import site_config
from .site import built_file, pdf_jobs, site

EXPORT_MARKER = ".course-export.json"
DOCS_DIR = "docs"
# The theme folder of the export: the site's own custom_dir, and the course's footer line.
OVERRIDES_DIR = "overrides"
# The package's other fixes to Material's partials, which only MkDocs and ProperDocs render
# (Zensical keeps its own partials), and the MkDocs hook that puts them in the template path
# as the plugin does (mkdocs/theme_fixes.py; Zensical runs no hooks).
FIXES_DIR = "theme-fixes"
HOOK = "hooks/course_theme.py"
# The partial every engine renders from the export's custom_dir: the footer line.
FOOTER_PARTIAL = "partials/copyright.html"
# Settings of the site's mkdocs.yml that the export leaves out: paths that no longer point
# anywhere from the export's folder (its own docs_dir and site_dir are set below; hooks and
# watch name the author's files), and links to edit a page, whose sources are now generated.
LEFT_OUT = ("docs_dir", "site_dir", "hooks", "watch", "edit_uri", "edit_uri_template", "exclude_docs", "INHERIT")
# Pages at file URLs (`lesson.html`), not folder URLs (`lesson/`). The pages' own HTML links
# are written relative to the page's address: MkDocs leaves them as they are, Zensical reads
# them against the Markdown file. With file URLs the two are the same place, so every link
# works on both (with folder URLs Zensical sent a lesson's "Next" one folder too high).
DIRECTORY_URLS = False
# MkDocs' own page-list settings, gitignore lines, joined with the export's.
NOT_IN_NAV = "not_in_nav"


class ExportError(Exception):
    """The export cannot be made: the site's mkdocs.yml cannot be read, a page of its own has a
    course page's URL, or the PDFs could not be printed. The message says what to change."""


class FolderError(ExportError):
    """The folder cannot take an export: it holds files that are not an earlier export."""


def files(
    course: model.Course,
    *,
    layout: Layout | None = None,
    overrides: Path | None = None,
    root: Path | None = None,
    config: Path | None = None,
    pdf: str | None = None,
    translation: bool = False,
) -> dict[str, str | bytes]:
    """Every file of the export: path relative to the export folder -> content.

    `root`, the course's folder, dates the lesson feed's entries (feed.changed_at); without it
    they carry no history. `config`, the site's mkdocs.yml: its settings, theme and own pages
    come along (see site_config.py). `pdf`, a paper size: pages link to the workbook PDFs,
    which `write` prints.
    """
    settings = _read(config)
    options = site_config.course_options(settings)
    folder = config.parent if config is not None else Path()
    layout = layout or _layout(options)
    directory_urls = DIRECTORY_URLS
    # `theme: mkdocs` is MkDocs' short form of `theme: {name: mkdocs}`.
    given = settings.get("theme")
    theme = {"name": given} if isinstance(given, str) else dict(given or {"name": "material"})
    custom_dir = folder / theme["custom_dir"] if theme.get("custom_dir") else None
    docs_dir = folder / str(settings.get("docs_dir", "docs"))
    own = site_config.docs_files(docs_dir, settings.get("exclude_docs")) if config is not None else {}
    own_pages = sorted(uri for uri in own if site_config.is_page(uri))
    apart_folders = list(options.get("apart", site_config.DEFAULT_APART))
    sections_apart = site_config.sections_apart(docs_dir, own_pages, apart_folders)
    renderer = Renderer(course, layout=layout, overrides=overrides or custom_dir, directory_urls=directory_urls, pdf=pdf, sections_apart=sections_apart, site_url=settings.get("site_url"))
    built = site(course, renderer, root=root, pdf=pdf is not None)
    problem = site_config.clashes([page.uri for page in built.pages], own_pages, directory_urls=directory_urls)
    if problem:
        raise ExportError(problem)
    out: dict[str, str | bytes] = {f"{DOCS_DIR}/{page.uri}": _titled(page.markdown, page.title) for page in built.pages}
    # The feeds' links are relative to each feed: an export knows no site_url.
    out.update({f"{DOCS_DIR}/{uri}": content for uri, content in built.files.items()})
    for uri, path in own.items():
        # Author-guide pages hold markers for text generated from the model, as under the plugin.
        out[f"{DOCS_DIR}/{uri}"] = guide.expand(path.read_text(encoding="utf-8")) if site_config.is_page(uri) else path.read_bytes()
    course_nav = [nav_entry(item) for item in built.nav]
    out["nav.yml"] = site_config.dump({"nav": course_nav}, "the navigation alone, as mkdocs.yml's `nav:`")
    out["SUMMARY.md"] = summary(built.nav)
    mkdocs_yml: dict[str, Any] = {"site_name": course.title} if config is None else {k: v for k, v in settings.items() if k not in LEFT_OUT}
    mkdocs_yml["docs_dir"] = DOCS_DIR
    mkdocs_yml["use_directory_urls"] = DIRECTORY_URLS
    if theme.get("name") == "material":
        if config is None:
            # No site of its own: the plugin's defaults for a course alone.
            theme.update({"font": False, "features": ["navigation.indexes", "navigation.prune"]})
        # As under the plugin; a theme.language mkdocs.yml sets against the course's is kept
        # (the plugin's build warns of it, and `course export` says what it found there).
        site_config.course_language(course, theme, translation=translation)
        # Zensical's own look leaves the header uncoloured; its `classic` variant is Material's (MkDocs ignores the key).
        theme.setdefault("variant", "classic")
        description = site_config.course_look(course, theme, extra := dict(settings.get("extra") or {}))
        mkdocs_yml.setdefault("site_description", settings.get("site_description") or description)
        features = site_config.long_course_features(course, list(theme.get("features") or []))
        if features is not None:
            theme["features"] = features
        out.update(_theme_folders(custom_dir))
        theme["custom_dir"] = OVERRIDES_DIR
        mkdocs_yml["hooks"] = [HOOK]
        extra["course_footer"] = site_config.footer(course, layout, [*built.apart, *sections_apart], directory_urls=directory_urls)
        mkdocs_yml["extra"] = extra
    elif custom_dir is not None:
        out.update(_copied(custom_dir, OVERRIDES_DIR))
        theme["custom_dir"] = OVERRIDES_DIR
    mkdocs_yml["theme"] = theme
    mkdocs_yml["plugins"] = [entry for entry in site_config.plugins(settings) if site_config.plugin_name(entry) != site_config.PLUGIN_NAME]
    mkdocs_yml["extra_css"] = _joined(settings.get("extra_css"), built.styles)
    mkdocs_yml["extra_javascript"] = _joined(settings.get("extra_javascript"), built.scripts)
    apart_lines = [f"/{name}/" for name in apart_folders if any(uri.startswith(f"{name}/") for uri in own_pages)]
    if apart_lines:
        # Pages kept out of the learner's nav on purpose: MkDocs need not list them as forgotten.
        mkdocs_yml[NOT_IN_NAV] = "\n".join([*(str(settings.get(NOT_IN_NAV) or "").splitlines()), *apart_lines]) + "\n"
    if "nav" not in settings and options.get("nav", True):
        mkdocs_yml["nav"] = course_nav + site_config.site_nav(site_config.in_learner_nav(own_pages, apart_folders))
    out["mkdocs.yml"] = site_config.dump(mkdocs_yml, "build it with: mkdocs build -f mkdocs.yml (no course plugin needed)")
    return out


def _titled(markdown: str, title: str) -> str:
    """A course page with its title in front matter, as the plugin gives it to MkDocs (page.meta):
    the browser tab says the page's own title, made safe as nav titles are, for every engine."""
    return "---\n" + yaml.safe_dump({"title": nav_title(title)}, allow_unicode=True, width=1000) + "---\n\n" + markdown


def warnings(config: Path | None) -> list[str]:
    """What to tell the author about their mkdocs.yml before exporting it: settings MkDocs does not know."""
    return [f"{config.name}: {said}" for said in site_config.unknown_settings(_read(config))] if config is not None else []


def _read(config: Path | None) -> dict[str, Any]:
    if config is None:
        return {}
    try:
        return site_config.read(config)
    except site_config.SiteConfigError as exc:
        raise ExportError(str(exc)) from None


def _layout(options: dict[str, Any]) -> Layout:
    """The course's place in the site: the plugin's `prefix` option, as the plugin reads it."""
    return Layout(str(options.get("prefix", "")).strip("/"))


def _joined(theirs: Any, ours: list[str]) -> list[Any]:
    """The site's own styles or scripts, then the course's, each once."""
    listed = list(theirs or [])
    return listed + [url for url in ours if url not in [str(x) for x in listed]]


def _theme_folders(custom_dir: Path | None) -> dict[str, bytes]:
    """The export's theme folders: its custom_dir (the site's own, and the footer line unless the
    site has its own), the package's fixes to Material's partials, and the hook that adds them."""
    fixes = site_config.theme_fixes()
    out = _copied(fixes, FIXES_DIR)
    out[f"{OVERRIDES_DIR}/{FOOTER_PARTIAL}"] = (fixes / FOOTER_PARTIAL).read_bytes()
    if custom_dir is not None:
        out.update(_copied(custom_dir, OVERRIDES_DIR))
    out[HOOK] = site_config.theme_hook().read_bytes()
    return out


def _copied(source: Path, to: str) -> dict[str, bytes]:
    return {
        f"{to}/{path.relative_to(source).as_posix()}": path.read_bytes()
        for path in sorted(source.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def write(
    course: model.Course,
    out: Path,
    *,
    layout: Layout | None = None,
    overrides: Path | None = None,
    root: Path | None = None,
    config: Path | None = None,
    pdf: bool = False,
    paper: str | None = None,
    pdf_browser: str | None = None,
    translation: bool = False,
) -> list[str]:
    """Write the export into `out`; returns the paths written, relative to `out`.

    With `pdf`, the workbooks and cohort packs are printed too: the export is
    built by MkDocs in a separate process (this module imports no engine, decision D2) into a
    folder of its own, its pages printed by Chromium, and the PDFs put in `docs/`, where every
    engine publishes them as they are. Nothing is written to `out` until they are made.
    The paper and the browser are the plugin's `pdf_paper` and `pdf_browser` in mkdocs.yml
    unless given here.
    """
    content: dict[str, str | bytes]
    if not pdf:
        content = files(course, layout=layout, overrides=overrides, root=root, config=config, translation=translation)
    else:
        options = site_config.course_options(_read(config))
        paper = paper or str(options.get("pdf_paper") or "A4")
        if paper not in printer.PAPERS:
            raise ExportError(f"the paper size `{paper}` is not one of {', '.join(printer.PAPERS)}")
        try:
            browser = printer.check_ready(pdf_browser or options.get("pdf_browser"))
        except printer.PdfError as exc:
            # pdf.py speaks to the plugin's options; here the way out is the command's own flag.
            raise ExportError(str(exc).replace("set `pdf: false`", "leave out `--pdf`")) from None
        content = files(course, layout=layout, overrides=overrides, root=root, config=config, pdf=paper, translation=translation)
        content.update(_printed(course, content, config=config, layout=layout, paper=paper, browser=browser))
    _clear(out)
    for rel, data in content.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="\n")
    written = sorted(content)
    marker = {"generator": f"mkdocs-course {__version__}", "course": course.id, "files": written}
    (out / EXPORT_MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
    return written


def _printed(course: model.Course, content: dict[str, str | bytes], *, config: Path | None, layout: Layout | None, paper: str, browser: str) -> dict[str, bytes]:
    """The workbook and cohort-pack PDFs of the export in `content`, by their paths in it."""
    layout = layout or _layout(site_config.course_options(_read(config)))
    directory_urls = DIRECTORY_URLS
    with tempfile.TemporaryDirectory(prefix="course-export-") as work:
        folder, built = Path(work) / "export", Path(work) / "site"
        for rel, data in content.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        # Not strict: the pages link to the PDFs this build is for, which do not exist yet.
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--quiet", "-f", os.fspath(folder / "mkdocs.yml"), "-d", os.fspath(built)],
            capture_output=True, text=True, check=False,
        )
        if run.returncode != 0:
            raise ExportError(f"MkDocs could not build the export to print its workbooks:\n{run.stderr.strip()}")
        jobs = {f"{DOCS_DIR}/{job.pdf}": printer.PdfJob(built / built_file(job.page, directory_urls), Path(work) / "pdf" / job.pdf, title=job.title) for job in pdf_jobs(course, layout)}
        try:
            printer.make_pdfs(list(jobs.values()), paper=paper, browser=browser)
        except printer.PdfError as exc:
            raise ExportError(str(exc)) from None
        return {rel: job.pdf.read_bytes() for rel, job in jobs.items()}


def _clear(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise FolderError(f"{out} is a file, not a folder")
    entries = list(out.iterdir())
    if not entries:
        return
    marker = out / EXPORT_MARKER
    if not marker.is_file():
        raise FolderError(f"{out} is not empty and holds no earlier export; choose an empty or new folder")
    try:
        listed = json.loads(marker.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise FolderError(f"{marker} is damaged ({exc}); delete the folder and export again") from None
    for rel in listed:
        path = (out / rel).resolve()
        if out.resolve() in path.parents and path.is_file():
            path.unlink()
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def nav_title(title: str) -> str:
    """A navigation title safe to put in a theme that does not escape it.

    The same rule as the plugin's navigation: escape, and swap angle brackets
    for look-alikes because Material's `<title>` unescapes through `striptags`.
    """
    return str(escape(title.replace("<", "\u2039").replace(">", "\u203a")))


def nav_entry(item: NavItem) -> Any:
    """One item of the nav as mkdocs.yml writes it; an untitled page is its bare path, so the engine uses the page's own title."""
    if item.children:
        return {nav_title(item.title): [nav_entry(child) for child in item.children]}
    return {nav_title(item.title): item.uri} if item.titled else item.uri


def summary(nav: list[NavItem]) -> str:
    """The navigation as a nested Markdown list; links are relative to `docs/`."""
    lines = ["# Summary", ""]

    def walk(items: tuple[NavItem, ...] | list[NavItem], depth: int) -> None:
        for item in items:
            label = nav_title(item.title).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
            label = re.sub(r"^(\d+)\.", r"\1\\.", label)  # `1. Basics` would start a numbered list
            pad = "    " * depth
            lines.append(f"{pad}- [{label}]({item.uri})" if item.uri else f"{pad}- {label}")
            walk(item.children, depth + 1)

    walk(nav, 0)
    return "\n".join(lines) + "\n"
