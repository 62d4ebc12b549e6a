"""The site around the course: its mkdocs.yml, its own pages, its look. Shared by every runner.

The plugin gets the site's settings and pages from MkDocs; `course export` reads
the same mkdocs.yml here, without MkDocs, so that the exported folder builds the
site the author built, not just the course: its name, theme settings (palette,
features, icons), Markdown extensions, `extra`, other plugins, and the pages of
`docs_dir`, laid out in the nav as the plugin lays them out. What both runners
decide the same way (the nav of the site's own pages, the folders kept apart,
the course's look, the footer line, URL clashes, the theme fixes) is decided
here once.

Nothing here imports MkDocs (decision D2).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pathspec.gitignore
import yaml
from markupsafe import escape

from .. import model
from ..model import i18n
from ..render.pages import NavItem
from ..render.urls import ASSET_DIR, Layout, url_for

# A course looks like a course, not a software manual (`course_look`): an icon of Material's in
# the header, our favicon, unless the site set its own.
DEFAULT_LOGO = "material/school-outline"
FAVICON = "favicon.svg"
# Material's own favicon: a site that left it as it is gets the course's.
MATERIAL_FAVICON = "assets/images/favicon.png"
# From this many lessons on, Material renders only the open branch of the nav
# (`navigation.prune`): the full nav in every page makes a build quadratic.
LONG_COURSE = 60
# The plugin's name in mkdocs.yml's `plugins:` (its entry point in pyproject.toml).
PLUGIN_NAME = "course"
# The plugin's defaults for the options a runner other than MkDocs reads (mkdocs/config.py defines them).
DEFAULT_APART = ("authors",)
# What MkDocs leaves out of docs_dir whatever exclude_docs says: dot files and a templates folder.
ALWAYS_EXCLUDED = (".*", "/templates/")


def theme_fixes() -> Path:
    """The package's fixes to Material's partials (accessibility, valid HTML): a theme folder that
    goes after the site's own custom_dir, so a site overriding the same partial keeps its own."""
    return Path(os.fspath(resources.files("mkdocs_course") / "mkdocs" / "theme"))


def theme_hook() -> Path:
    """The MkDocs hook that puts `theme_fixes()` in the template path (read as a file, not imported:
    an export copies it, and only the MkDocs runner imports engine code)."""
    return Path(os.fspath(resources.files("mkdocs_course") / "mkdocs" / "theme_fixes.py"))


# --- reading mkdocs.yml without MkDocs ---------------------------------------------------------


@dataclass(frozen=True)
class Tagged:
    """A YAML value under a tag read here but not ours to interpret (`!!python/name:...` in
    pymdownx settings, `!relative`): written back exactly as it was, for the engine to read."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _env(loader: _Loader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV NAME` and `!ENV [NAME, OTHER, default]` (pyyaml_env_tag): the first variable
    that is set, read as YAML reads a plain value, else the default (None without one)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node, deep=True)  # type: ignore[arg-type]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if isinstance(name, str) and name in os.environ:
            value = os.environ[name]
            return loader.construct_object(yaml.ScalarNode(loader.resolve(yaml.ScalarNode, value, (True, False)), value))
    return default


def _keep(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_scalar(node))  # type: ignore[arg-type]


def _tagged(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _keep)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _keep)
_Dumper.add_representer(Tagged, _tagged)


class SiteConfigError(Exception):
    """mkdocs.yml cannot be read: the message names the file and what is wrong."""


def read(path: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (`!ENV` resolved), every other tag kept as `Tagged`."""
    try:
        with path.open(encoding="utf-8") as f:
            data = yaml.load(f, Loader=_Loader)  # noqa: S506  a SafeLoader with two tags added
    except OSError as exc:
        raise SiteConfigError(f"{path}: cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        # Said as the course's own files are (path:line:col), from the mark YAML points at.
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        raise SiteConfigError(f"{where}: the site's settings are not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path}: holds {type(data).__name__}, not the settings of a site")
    return data


def dump(data: dict[str, Any], about: str) -> str:
    """YAML for a file `course export` writes, headed by what it is for; tags read by `read` are kept."""
    return f"# Written by `course export`: {about}.\n" + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


def plugins(config: dict[str, Any]) -> list[Any]:
    """The site's `plugins:` as a list of names and {name: options}; MkDocs' default is search alone."""
    value = config.get("plugins", ["search"])
    if isinstance(value, dict):
        return [{name: options} if options else name for name, options in value.items()]
    return list(value or [])


def plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry), "")


def course_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options the site gives the course plugin (empty if it lists the plugin bare or not at all)."""
    for entry in plugins(config):
        if plugin_name(entry) == PLUGIN_NAME and isinstance(entry, dict):
            return dict(entry[PLUGIN_NAME] or {})
    return {}


# The settings MkDocs 1.6 knows, and the course plugin's options: what MkDocs would warn of
# (and refuse under `strict`) an export must not carry silently. tests/outputs/test_site_config.py
# checks both lists against MkDocsConfig and CourseConfig.
MKDOCS_SETTINGS = (
    "INHERIT", "copyright", "dev_addr", "docs_dir", "draft_docs", "edit_uri", "edit_uri_template", "exclude_docs", "extra",
    "extra_css", "extra_javascript", "extra_templates", "google_analytics", "hooks", "markdown_extensions", "nav", "not_in_nav",
    "pages", "plugins", "remote_branch", "remote_name", "repo_name", "repo_url", "site_author", "site_description", "site_dir",
    "site_name", "site_url", "strict", "theme", "use_directory_urls", "validation", "watch",
)
COURSE_OPTIONS = ("apart", "cache", "course_dir", "nav", "packages", "pdf", "pdf_browser", "pdf_paper", "prefix", "workers")


def unknown_settings(config: dict[str, Any]) -> list[str]:
    """Each setting of mkdocs.yml and option of the course plugin that MkDocs does not know, said
    with a "did you mean" when one is close: MkDocs warns of them when it builds; an export that
    carried them silently would hide a typo (`markdown_extension:`) until then."""
    out = []
    for key in config:
        if key not in MKDOCS_SETTINGS:
            out.append(f"unknown setting `{key}`{_close(str(key), MKDOCS_SETTINGS)}")
    for key in course_options(config):
        if key not in COURSE_OPTIONS:
            out.append(f"the course plugin has no option `{key}`{_close(str(key), COURSE_OPTIONS)}")
    return out


def _close(word: str, known: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""


# --- the site's own pages ----------------------------------------------------------------------


def docs_files(docs_dir: Path, exclude_docs: str | None = None) -> dict[str, Path]:
    """Every file of `docs_dir` MkDocs would use, by its path there; left out as MkDocs leaves
    them out: dot files, a `templates/` folder, and what `exclude_docs` (gitignore lines) names."""
    if not docs_dir.is_dir():
        return {}
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines([*ALWAYS_EXCLUDED, *(exclude_docs or "").splitlines()])
    out = {}
    for path in sorted(docs_dir.rglob("*")):
        uri = path.relative_to(docs_dir).as_posix()
        if path.is_file() and not spec.match_file(uri):
            out[uri] = path
    return out


def is_page(uri: str) -> bool:
    return uri.endswith((".md", ".markdown"))


def site_nav(uris: Iterable[str]) -> list[Any]:
    """The site's own pages after the course, as mkdocs.yml's nav: top-level ones, then one section per folder."""
    uris = list(uris)
    top = [u for u in uris if "/" not in u]
    folders: dict[str, list[str]] = {}
    for uri in uris:
        if "/" in uri:
            folders.setdefault(uri.split("/", 1)[0], []).append(uri)
    # A folder's index.md goes first: it is the section's own page (navigation.indexes).
    sections = [{folder_title(name): sorted(pages, key=lambda u: (not u.endswith("/index.md"), u))} for name, pages in folders.items()]
    return [*top, *sections]


def in_learner_nav(uris: Iterable[str], apart: Iterable[str]) -> list[str]:
    """The site's pages that go in the learner's nav: all but those in a folder kept apart."""
    apart = set(apart)
    return [u for u in uris if "/" not in u or u.split("/", 1)[0] not in apart]


def folder_title(name: str) -> str:
    return name.replace("-", " ").replace("_", " ").capitalize()


def sections_apart(docs_dir: Path, uris: Iterable[str], folders: Iterable[str]) -> list[NavItem]:
    """The site's own folders kept apart from the learner's nav, each as the page it opens on
    (its index.md, else its first page), named by that page's first heading, else by the folder."""
    uris = list(uris)
    out = []
    for folder in folders:
        pages = sorted((u for u in uris if u.startswith(f"{folder}/")), key=lambda u: (u != f"{folder}/index.md", u))
        if pages:
            out.append(NavItem(first_heading(docs_dir / pages[0]) or folder_title(folder), pages[0]))
    return out


def first_heading(path: Path) -> str | None:
    """A Markdown page's `# Title`, read as MkDocs would name the page: for the home page's links, before pages are read."""
    try:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.startswith("# "):
                    return line[2:].strip().strip("#").strip() or None
    except (OSError, UnicodeDecodeError):
        return None
    return None


def clashes(course_uris: Iterable[str], site_uris: Iterable[str], *, directory_urls: bool) -> str | None:
    """What to tell the author when a page of the site's own has the URL of a course page, else None."""
    taken = {url_for(uri, directory_urls=directory_urls): uri for uri in course_uris}
    found = [
        f"{uri} (URL /{url} is the course page {taken[url]})"
        for uri in site_uris
        if (url := url_for(uri, directory_urls=directory_urls)) in taken
    ]
    if not found:
        return None
    return (
        "These pages in docs_dir have the same URL as course pages: "
        + ", ".join(found)
        + ". Rename or move them, or set the plugin's `prefix` option to put the course in a folder."
    )


# --- the course's look -------------------------------------------------------------------------


def palette_words(language: str) -> dict[str, str]:
    """The palette switch's usual names (this project's mkdocs.yml, Material's examples) in `language`.

    They are the author's words in mkdocs.yml, so Material cannot translate them; written the
    usual way, in English, they are said in the course's language instead of read out in
    English by a screen reader on every page of a Spanish site.
    """
    _ = i18n.translator(language).gettext
    return {
        "Switch to dark mode": _("Switch to dark mode"),
        "Switch to light mode": _("Switch to light mode"),
        "Switch to system preference": _("Follow the device's setting"),
        "Follow the device's setting": _("Follow the device's setting"),
    }


def _palette_in(theme: MutableMapping[str, Any], language: str) -> None:
    palettes = theme.get("palette")
    words = palette_words(language)
    for palette in palettes if isinstance(palettes, list) else [palettes] if isinstance(palettes, dict) else []:
        toggle = palette.get("toggle") if isinstance(palette, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") in words:
            palette["toggle"] = {**toggle, "name": words[toggle["name"]]}


def course_language(course: model.Course, theme: MutableMapping[str, Any], *, translation: bool = False) -> str | None:
    """Material's words and direction in the course's language; a warning when mkdocs.yml says another.

    A translation's site (`translation`) always speaks its own language: mkdocs.yml's theme
    settings describe the course's original language. Returns the warning to say, if any.
    """
    wanted = course.data.language
    _palette_in(theme, wanted)
    if translation:
        theme["language"] = wanted
        theme["direction"] = "rtl" if i18n.right_to_left(wanted) else "ltr"
        return None
    if i18n.right_to_left(wanted) and not theme.get("direction"):
        theme["direction"] = "rtl"  # Material mirrors its layout; our CSS uses logical sides
    said = theme.get("language") or "en"
    if said == wanted or said.split("-")[0] == wanted.split("-")[0]:
        return None
    if said == "en":  # Material's default: the author chose nothing, so the course decides
        theme["language"] = wanted
        return None
    return (f"theme.language is `{said}` but the course's language is `{wanted}` (course/course.yml): the site would mix two languages. "
            f"Remove `language` from the theme in mkdocs.yml, or set it to `{wanted}`.")


def course_look(course: model.Course, theme: MutableMapping[str, Any], extra: MutableMapping[str, Any]) -> str | None:
    """Make a Material site look like a course, not a software manual, unless the site chose its own:
    a course icon in the header (`theme.icon.logo`) and as the favicon (`theme.favicon`), and no
    "Made with Material for MkDocs" line (`extra.generator`). `theme` is MkDocs' Theme or a plain
    dict. Returns the site description the course gives search engines and link previews, for a
    site that has none: said from the course, so it always fits its length, and escaped, because
    Material writes it into an attribute as it is."""
    icons = theme["icon"] if isinstance(theme.get("icon"), dict) else {}
    if not theme.get("logo") and "logo" not in icons:
        theme["icon"] = {**icons, "logo": DEFAULT_LOGO}
    if theme.get("favicon") in (None, MATERIAL_FAVICON):
        theme["favicon"] = f"{ASSET_DIR}/{FAVICON}"
    extra.setdefault("generator", False)
    words = i18n.translator(course.data.language)
    lessons, modules = i18n.counted(words, "short daily lesson", len(course.lessons)), i18n.counted(words, "module", len(course.modules))
    return str(escape(words.gettext("%(course)s: %(lessons)s in %(modules)s.") % {"course": course.title, "lessons": lessons, "modules": modules}))


def long_course_features(course: model.Course, features: list[str]) -> list[str] | None:
    """Material's features with `navigation.prune` added for a long course, or None when they stay as they are."""
    if len(course.lessons) < LONG_COURSE or {"navigation.prune", "navigation.expand"} & set(features):
        return None
    return [*features, "navigation.prune"]


def footer(course: model.Course, layout: Layout, items: Iterable[NavItem], *, directory_urls: bool) -> dict[str, Any]:
    """The footer line of every page (theme/partials/copyright.html): the course's name and the
    pages that are not the learner's track (`items`: course pages and site folders kept apart),
    which the learner's nav leaves out."""
    _ = i18n.translator(course.data.language).gettext  # the footer in the course's language
    links = [NavItem(_("About this course"), layout.about), *items]
    return {
        "label": _("About this course, and its pages for facilitators and authors"),
        "name": course.title,
        "links": [{"title": item.title, "url": url_for(first_uri(item), directory_urls=directory_urls)} for item in links],
    }


def first_uri(item: NavItem) -> str:
    """The page a nav item opens: its own, or its section's first."""
    while item.uri is None and item.children:
        item = item.children[0]
    return item.uri or ""
