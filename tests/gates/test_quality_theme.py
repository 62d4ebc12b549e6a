"""The plugin's fixes to Material's own accessibility and HTML failures, checked at their source.

- The theme partials the plugin ships (`theme/partials/`) are Material's own files with
  one documented change each; when Material changes its partial, a test here says so.
- They are found after a site's custom_dir, so a site's own override still wins.
- The colour section of course.css is recomputed against Material's palette: for every
  primary and accent colour Material offers, in light and dark, header text, links,
  hovered links and focus rings, and the footer meet WCAG AA contrast. axe-core checks
  the same on real pages, but only for the palettes the test sites use.
"""

from __future__ import annotations

import colorsys
import functools
import re
from importlib import resources
from pathlib import Path

import pytest

from conftest import MKDOCS_YML

PACKAGE = Path(str(resources.files("mkdocs_course")))
MATERIAL = Path(str(resources.files("material"))) / "templates"
OURS = PACKAGE / "mkdocs" / "theme" / "partials"

# Our partial = Material's, with exactly this change.
CHANGES = {
    "search.html": (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    ),
    "copyright.html": (
        '<div class="md-copyright">\n',
        '{%- set course_footer = course_footer or config.extra.course_footer -%}\n'
        '<div class="md-copyright">\n'
        '  {%- if course_footer %}\n'
        '  <nav class="course-footer" aria-label="{{ course_footer.label|e }}">\n'
        '    <span class="course-footer-name">{{ course_footer.name|e }}</span>\n'
        '    {%- for link in course_footer.links %} <a href="{{ link.url | url | e }}">{{ link.title|e }}</a>{% endfor %}\n'
        '  </nav>\n'
        '  {%- endif %}\n',
    ),
    "toc.html": (
        '<label class="md-nav__title" for="__toc">',
        '{% set toc_toggle = (page.parent or page in nav.items) and not (page.is_index and page.parent and "navigation.indexes" in features) %}\n'
        '    <label class="md-nav__title"{% if toc_toggle %} for="__toc"{% endif %}>',
    ),
}


def without_our_note(text: str) -> str:
    """A partial without the comment at its top that says what we changed and why."""
    assert text.startswith("{#-\n  mkdocs-course:"), "each partial starts by saying what it changes"
    return text[text.index("-#}\n") + 4 :]


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_each_partial_is_materials_own_with_one_change(name: str) -> None:
    theirs = (MATERIAL / "partials" / name).read_text(encoding="utf-8")
    old, new = CHANGES[name]
    assert theirs.count(old) == 1, f"Material's {name} changed: compare it with {OURS / name} and carry the fix over"
    assert without_our_note((OURS / name).read_text(encoding="utf-8")) == theirs.replace(old, new)


def test_the_package_ships_no_other_partial() -> None:
    assert sorted(p.name for p in OURS.iterdir()) == sorted(CHANGES)


def test_the_fixes_come_after_a_sites_own_custom_dir(mini_course: Path) -> None:
    from mkdocs.config import load_config

    from mkdocs_course.mkdocs.plugin import CoursePlugin

    (mini_course / "overrides").mkdir()
    (mini_course / "mkdocs.yml").write_text(MKDOCS_YML.format(options="").replace("font: false", "font: false\n  custom_dir: overrides"), encoding="utf-8")
    config = load_config(str(mini_course / "mkdocs.yml"))
    plugin = CoursePlugin()
    plugin._theme_fixes(config)
    plugin._theme_fixes(config)  # twice (mkdocs serve rebuilds): added once
    dirs = [Path(d) for d in config.theme.dirs]
    assert dirs[0] == mini_course / "overrides"
    assert dirs[1] == PACKAGE / "mkdocs" / "theme"
    assert dirs.count(PACKAGE / "mkdocs" / "theme") == 1
    assert dirs.index(PACKAGE / "mkdocs" / "theme") < dirs.index(MATERIAL)


def test_another_theme_gets_no_material_partials(mini_course: Path) -> None:
    from mkdocs.config import load_config

    from mkdocs_course.mkdocs.plugin import CoursePlugin

    (mini_course / "mkdocs.yml").write_text(MKDOCS_YML.format(options="").replace("name: material\n  font: false", "name: mkdocs"), encoding="utf-8")
    config = load_config(str(mini_course / "mkdocs.yml"))
    CoursePlugin()._theme_fixes(config)
    assert PACKAGE / "mkdocs" / "theme" not in [Path(d) for d in config.theme.dirs]


def test_built_pages_carry_the_fixes(tmp_path_factory: pytest.TempPathFactory) -> None:
    import quality

    site = quality.mini_site(tmp_path_factory)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'role="dialog" aria-label="Search"' in home
    # A section's index page (navigation.indexes) has a table of contents but no __toc toggle...
    module = (site / "basics" / "index.html").read_text(encoding="utf-8")
    assert 'id="__toc"' not in module and 'for="__toc"' not in module and 'class="md-nav__title"' in module
    # ...while a page that is a leaf of the nav keeps both.
    lesson = (site / "basics" / "basics-first" / "index.html").read_text(encoding="utf-8")
    assert 'id="__toc"' in lesson and '<label class="md-nav__title" for="__toc">' in lesson


# --- colours -------------------------------------------------------------------------------------


@functools.cache
def stylesheets() -> tuple[str, ...]:
    """Material's stylesheets, then ours: the order pages load them in."""
    sheets = MATERIAL / "assets" / "stylesheets"
    return (*(p.read_text(encoding="utf-8") for p in (*sheets.glob("main.*.min.css"), *sheets.glob("palette.*.min.css"))), (PACKAGE / "assets" / "course.css").read_text(encoding="utf-8"))


ATTRIBUTE = re.compile(r"\[data-md-color-(scheme|primary|accent)=[\"']?([a-z-]+)[\"']?\]")


@functools.cache
def rules(sheets: tuple[str, ...]) -> list[tuple[list[tuple[str, str, bool]], int, int, dict[str, str]]]:
    """(conditions, specificity, order, custom properties) for each rule that sets colour variables
    on the page as a whole: selectors made only of :root and data-md-color-* attributes."""
    found = []
    order = 0
    for css in sheets:
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            props = dict(re.findall(r"(--md-[a-z-]+)\s*:\s*([^;]+)", body))
            if not props:
                continue
            for selector in selectors.split(","):
                selector = selector.strip()
                rest = ATTRIBUTE.sub("", selector.replace(":root", "")).replace(":not()", "")
                if rest:
                    continue
                negated = {m.group(0) for m in re.finditer(r":not\((\[[^\]]+\])\)", selector)}
                conditions = [(m.group(1), m.group(2), any(m.group(0) in n for n in negated)) for m in ATTRIBUTE.finditer(selector)]
                specificity = len(conditions) + selector.count(":root")
                order += 1
                found.append((conditions, specificity, order, {k: v.strip() for k, v in props.items()}))
    return found


def variables(scheme: str, primary: str, accent: str, sheets: tuple[str, ...] | None = None) -> dict[str, str]:
    """The colour variables the body of a page has with this palette, by the cascade's rules."""
    state = {"scheme": scheme, "primary": primary, "accent": accent}
    chosen: dict[str, tuple[int, int, str]] = {}
    for conditions, specificity, order, props in rules(sheets or stylesheets()):
        if all((state[kind] == value) != negated for kind, value, negated in conditions):
            for name, value in props.items():
                if name not in chosen or (specificity, order) >= chosen[name][:2]:
                    chosen[name] = (specificity, order, value)
    return {name: value for name, (_, _, value) in chosen.items()}


def color(value: str, env: dict[str, str]) -> tuple[float, float, float, float]:
    """An RGBA colour (0-1) from a CSS value, resolving var() against `env`."""
    value = value.strip()
    while (m := re.fullmatch(r"var\((--[a-z-]+)\)", value)):
        value = env[m.group(1)].strip()
    value = re.sub(r"var\((--md-hue)\)", lambda m: env.get(m.group(1), "225deg"), value)
    if value.startswith("#"):
        h = value[1:]
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        parts = [int(h[i : i + 2], 16) / 255 for i in range(0, len(h), 2)]
        return (*parts[:3], parts[3] if len(parts) == 4 else 1.0)
    m = re.fullmatch(r"hsla?\(\s*([\d.]+)(?:deg)?\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*(?:,\s*([\d.]+))?\s*\)", value)
    assert m, f"cannot read colour {value!r}"
    r, g, b = colorsys.hls_to_rgb(float(m.group(1)) / 360, float(m.group(3)) / 100, float(m.group(2)) / 100)
    return (r, g, b, float(m.group(4)) if m.group(4) else 1.0)


def over(top: tuple[float, ...], below: tuple[float, ...]) -> tuple[float, float, float, float]:
    a = top[3]
    return (*(top[i] * a + below[i] * (1 - a) for i in range(3)), 1.0)


def contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    def luminance(c: tuple[float, ...]) -> float:
        lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c[:3]]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted([luminance(over(fg, bg)), luminance(bg)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def palette_names(kind: str) -> list[str]:
    css = stylesheets()[1]  # Material's palette
    return sorted({m.group(2) for m in ATTRIBUTE.finditer(css) if m.group(1) == kind})


PRIMARIES = palette_names("primary")
ACCENTS = palette_names("accent")


def test_the_palette_is_read_whole() -> None:
    assert {"teal", "indigo", "red", "white", "black", "lime"} <= set(PRIMARIES) and len(PRIMARIES) >= 19
    assert {"deep-orange", "indigo", "yellow"} <= set(ACCENTS) and len(ACCENTS) >= 16
    # The shipped site's palette resolves to what course.css sets.
    assert variables("default", "teal", "deep-orange")["--md-primary-fg-color"] == "#00796b"
    assert variables("slate", "teal", "deep-orange")["--md-typeset-a-color"] == "#00ccb8"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("primary", PRIMARIES)
def test_header_text_and_links_meet_aa_in_every_primary_colour(scheme: str, primary: str) -> None:
    env = variables(scheme, primary, "indigo")
    page = color(env["--md-default-bg-color"], env)
    header = color(env["--md-primary-fg-color"], env)
    assert contrast(color(env["--md-primary-bg-color"], env), over(header, page)) >= 4.5, "header text"
    assert contrast(color(env["--md-typeset-a-color"], env), page) >= 4.5, "links"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("accent", ACCENTS)
def test_hovered_links_and_focus_rings_meet_aa_in_every_accent_colour(scheme: str, accent: str) -> None:
    env = variables(scheme, "indigo", accent)
    assert contrast(color(env["--md-accent-fg-color"], env), color(env["--md-default-bg-color"], env)) >= 4.5


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_footer_copyright_meets_aa(scheme: str) -> None:
    env = variables(scheme, "teal", "deep-orange")
    page = color(env["--md-default-bg-color"], env)
    footer = over(color(env["--md-footer-bg-color--dark"], env), over(color(env["--md-footer-bg-color"], env), page))
    assert contrast(color(env["--md-footer-fg-color--lighter"], env), footer) >= 4.5


def test_material_alone_fails_where_course_css_steps_in() -> None:
    # Without course.css the same computation finds Material's own failures: the checks can fail.
    env = variables("default", "teal", "deep-orange", sheets=stylesheets()[:2])
    assert contrast(color(env["--md-primary-bg-color"], env), color(env["--md-primary-fg-color"], env)) < 4.5
    assert contrast(color(env["--md-accent-fg-color"], env), color(env["--md-default-bg-color"], env)) < 3
