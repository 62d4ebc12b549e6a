"""Reading a site's mkdocs.yml without MkDocs, as MkDocs reads it (outputs/site_config.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mkdocs_course.outputs import site_config


def read(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return site_config.read(path)


@pytest.mark.parametrize(
    ("value", "env", "expected"),
    [
        ("!ENV COURSE_X", {"COURSE_X": "true"}, True),  # typed as YAML types a plain value
        ("!ENV COURSE_X", {}, None),
        ("!ENV [COURSE_X, 3]", {}, 3),  # the last item is the default
        ("!ENV [COURSE_X, COURSE_Y, fallback]", {"COURSE_Y": "from y"}, "from y"),
        ("!ENV [COURSE_X, COURSE_Y, fallback]", {"COURSE_X": "12", "COURSE_Y": "y"}, 12),
        ("!ENV [COURSE_X]", {"COURSE_X": ""}, None),
    ],
)
def test_env_is_read_as_mkdocs_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, env: dict, expected: object) -> None:
    for name in ("COURSE_X", "COURSE_Y"):
        monkeypatch.delenv(name, raising=False)
    for name, text in env.items():
        monkeypatch.setenv(name, text)
    assert read(tmp_path, f"value: {value}\n")["value"] == expected


def test_env_agrees_with_mkdocs_own_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.utils.yaml import get_yaml_loader

    monkeypatch.setenv("COURSE_Y", "[1, 2]")
    text = "a: !ENV COURSE_Y\nb: !ENV [COURSE_NOT_SET, off]\nc: !ENV [COURSE_NOT_SET, COURSE_Y, 0]\n"
    assert read(tmp_path, text) == yaml.load(text, Loader=get_yaml_loader())  # noqa: S506


def test_other_tags_are_written_back_as_they_were(tmp_path: Path) -> None:
    data = read(tmp_path, "a: !!python/name:material.extensions.emoji.twemoji\nb: !relative $config_dir\nc: !custom [1, 2]\nd: !thing {x: 1}\n")
    assert data["a"] == site_config.Tagged("tag:yaml.org,2002:python/name:material.extensions.emoji.twemoji", "")
    written = site_config.dump(data, "test")
    assert written.splitlines()[1:] == [
        "a: !!python/name:material.extensions.emoji.twemoji ''",
        "b: !relative '$config_dir'",
        "c: !custom",
        "- 1",
        "- 2",
        "d: !thing",
        "  x: 1",
    ]
    assert site_config.read(tmp_path / "mkdocs.yml") == data  # and reads back the same
    (tmp_path / "mkdocs.yml").write_text(written, encoding="utf-8")
    assert site_config.read(tmp_path / "mkdocs.yml") == data


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a: [1\n", "mkdocs.yml:2:1: the site's settings are not valid YAML: expected ',' or ']', but got '<stream end>'"),
        ("- a\n- b\n", "mkdocs.yml: holds list, not the settings of a site"),
    ],
)
def test_a_broken_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(site_config.SiteConfigError) as caught:
        site_config.read(Path("mkdocs.yml"))
    assert str(caught.value) == said


def test_an_empty_file_is_a_site_with_no_settings(tmp_path: Path) -> None:
    assert read(tmp_path, "# nothing yet\n") == {}


def test_docs_files_leave_out_what_mkdocs_leaves_out(tmp_path: Path) -> None:
    for rel in ("index.md", ".hidden.md", "notes/.draft.md", "templates/page.html", "drafts/a.md", "drafts/keep.md", "img/a.png"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert sorted(site_config.docs_files(tmp_path, "/drafts/*\n!/drafts/keep.md\n")) == ["drafts/keep.md", "img/a.png", "index.md"]
    assert site_config.docs_files(tmp_path / "missing") == {}


def test_plugins_in_either_form(tmp_path: Path) -> None:
    assert site_config.plugins({}) == ["search"]
    assert site_config.plugins({"plugins": {"search": None, "course": {"prefix": "learn"}}}) == ["search", {"course": {"prefix": "learn"}}]
    assert site_config.course_options({"plugins": ["search", {"course": {"apart": ["guide"]}}]}) == {"apart": ["guide"]}
    assert site_config.course_options({"plugins": ["course"]}) == {}


def test_the_known_settings_are_mkdocs_own_and_the_plugins() -> None:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_course.mkdocs.config import CourseConfig

    # MkDocs reads INHERIT before its schema; config_file_path and mdx_configs are set by MkDocs, not written.
    assert set(site_config.MKDOCS_SETTINGS) == {k for k, _ in MkDocsConfig._schema} - {"config_file_path", "mdx_configs"} | {"INHERIT"}
    assert set(site_config.COURSE_OPTIONS) == {k for k, _ in CourseConfig._schema}


def test_typos_in_settings_and_plugin_options_are_named() -> None:
    config = {"site_name": "x", "markdown_extension": ["toc"], "colour": "red", "plugins": ["search", {"course": {"pfd": True, "prefix": "learn"}}]}
    assert site_config.unknown_settings(config) == [
        "unknown setting `markdown_extension` (did you mean `markdown_extensions`?)",
        "unknown setting `colour`",
        "the course plugin has no option `pfd` (did you mean `pdf`?)",
    ]
    assert site_config.unknown_settings({"site_name": "x", "plugins": ["course"]}) == []
