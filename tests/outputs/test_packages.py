"""Packages for learning platforms (outputs/packages.py): SCORM 1.2, SCORM 2004 and Common
Cartridge 1.1 from the shipped course and the fixture, each checked as the specifications
require, agreeing with course.json, asking no other host for anything; and `course package`.
The run-time side (what a platform receives) is tests/learner/test_lms_browser.py."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

import quality
from conftest import FIXTURES, ROOT, copy_course, edit, mkdocs_build
from mkdocs_course import cli
from mkdocs_course.load.loader import load_course
from mkdocs_course.outputs import packages
from mkdocs_course.render.urls import Layout

pytestmark = pytest.mark.build
KINDS = ("scorm12", "scorm2004", "cc")


@pytest.fixture(scope="module")
def shipped_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The shipped course's three packages, made with its site by the plugin's `packages` option."""
    project = tmp_path_factory.mktemp("shipped-packages") / "course"
    for name in ("course", "lessons", "exercises", "docs", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("      pdf: !ENV [COURSE_PDF, false]", "      pdf: false\n      packages: [scorm12, scorm2004, cc]"), encoding="utf-8")
    built = mkdocs_build(project, "--strict")
    assert built.returncode == 0, built.stderr
    site = project / "site"
    return {kind: packages.read((site / packages.file_name("coach-mentor-sponsor", kind)).read_bytes()) for kind in KINDS} | {"course.json": {"course.json": (site / "course.json").read_bytes()}}


@pytest.fixture(scope="module")
def mini_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    site = quality.built("packaged", tmp_path_factory, lambda folder: quality.build_mini(folder, options=":\n      packages: [scorm12, scorm2004, cc]"))
    return {kind: packages.read((site / packages.file_name("mini", kind)).read_bytes()) for kind in KINDS} | {"course.json": {"course.json": (site / "course.json").read_bytes()}}


@pytest.fixture(params=["shipped", "mini"])
def made(request: pytest.FixtureRequest) -> dict[str, dict[str, bytes]]:
    return request.getfixturevalue(f"{request.param}_packages")


def manifest(files: dict[str, bytes]) -> ET.Element:
    return ET.fromstring(files[packages.MANIFEST])


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@pytest.mark.parametrize("kind", KINDS)
def test_each_package_is_whole_and_its_manifest_holds(made: dict[str, dict[str, bytes]], kind: str) -> None:
    files = made[kind]
    assert packages.check(files) == []
    root = manifest(files)
    version = {e.tag.rsplit("}", 1)[-1]: e.text for e in root.iter() if local(e.tag) in ("schema", "schemaversion")}
    assert version == {"scorm12": {"schema": "ADL SCORM", "schemaversion": "1.2"}, "scorm2004": {"schema": "ADL SCORM", "schemaversion": "2004 4th Edition"},
                       "cc": {"schema": "IMS Common Cartridge", "schemaversion": "1.1.0"}}[kind]
    assert root.tag == "{%s}manifest" % packages.NS[kind][""]
    if kind != "cc":
        (sco,) = [e for e in root.iter() if local(e.tag) == "resource"]
        scorm_type = "{%s}%s" % (packages.NS[kind]["adlcp"], "scormtype" if kind == "scorm12" else "scormType")
        assert sco.get(scorm_type) == "sco" and sco.get("href") == "index.html"
        # The SCO carries the script that reports to the platform; the web site does not.
        assert b"assets/mkdocs-course/lms.js" in files["index.html"]
        assert json.loads(files["assets/mkdocs-course/lms-data.js"].decode().split("=", 1)[1].rstrip(";\n"))["kind"] == kind
    else:
        assert all(name == packages.MANIFEST or name.startswith("web_resources/") for name in files)
        assert not any(name.endswith("lms.js") for name in files)


@pytest.mark.parametrize("kind", KINDS)
def test_the_manifest_and_course_json_agree_on_modules_and_lessons(made: dict[str, dict[str, bytes]], kind: str) -> None:
    course = json.loads(made["course.json"]["course.json"])
    files = made[kind]
    root = manifest(files)
    lesson_pages = [("web_resources/" if kind == "cc" else "") + lesson["url"].rstrip("/") + ".html" for lesson in course["lessons"]]
    assert all(page in files for page in lesson_pages), "every lesson's page is in the package, with a file URL"
    if kind == "cc":
        top = [e for e in root.iter() if local(e.tag) == "organization"][0][0]
        folders = [e for e in top if local(e.tag) == "item" and e.get("identifierref") is None]
        outline = [(f.find("{*}title").text, [i.find("{*}title").text for i in f if local(i.tag) == "item"][1:]) for f in folders]
        by_module = [(m["title"], [lesson["title"] for lesson in course["lessons"] if lesson["module"] == m["id"]]) for m in course["modules"]]
        assert outline == by_module
        hrefs = [e.get("href") for e in root.iter() if local(e.tag) == "resource" and (e.get("identifier") or "").startswith("RES-lesson-")]
        assert hrefs == lesson_pages
    else:
        listed = {e.get("href") for e in root.iter() if local(e.tag) == "file"}
        assert set(lesson_pages) <= listed
        assert [e.text for e in root.iter() if local(e.tag) == "title"] == [course["course"]["title"]] * 2


@pytest.mark.parametrize("kind", KINDS)
def test_a_package_asks_no_other_host_for_anything(made: dict[str, dict[str, bytes]], kind: str) -> None:
    outside = re.compile(rb"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", re.I)
    for name, data in made[kind].items():
        if name.endswith((".html", ".htm")):
            assert not outside.search(data), name
        if name.endswith(".css"):
            assert not re.search(rb"url\(\s*['\"]?(?:https?:)?//", data), name
        if name.endswith(".js") and "mkdocs-course" in name:
            assert not re.search(rb"\bfetch\(\s*['\"]https?://", data), name


def test_check_names_what_would_not_import() -> None:
    good = {packages.MANIFEST: b"", "index.html": b"x"}
    xml = """<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" identifier="M"><organizations><organization identifier="O">
    <item identifier="I" identifierref="R"/><item identifier="I" identifierref="GONE"/></organization></organizations>
    <resources><resource identifier="R" href="index.html"><file href="index.html"/><file href="missing.css"/><file href="../up.html"/><file href="/abs.html"/></resource></resources></manifest>"""
    problems = packages.check({**good, packages.MANIFEST: xml.encode(), "stray.js": b""})
    assert problems == [
        "identifiers used twice: I",
        "item I refers to no resource: GONE",
        "missing.css is listed in imsmanifest.xml but not in the zip",
        "../up.html is not a path inside the package",
        "/abs.html is not a path inside the package",
        "1 files of the zip are in no resource, first stray.js",
    ]
    assert packages.check({"index.html": b""}) == ["no imsmanifest.xml at the root of the zip"]
    assert packages.check({packages.MANIFEST: b"<manifest"})[0].startswith("imsmanifest.xml is not well-formed XML")


def test_course_package_writes_the_zip_and_refuses_a_broken_course(tmp_path: Path) -> None:
    project = copy_course(FIXTURES / "mini", tmp_path / "mini")
    with contextlib.chdir(project):
        made = CliRunner().invoke(cli.main, ["package", "scorm12", str(tmp_path / "out")], catch_exceptions=False)
        wrong = CliRunner().invoke(cli.main, ["package", "scorm3", str(tmp_path / "out")], catch_exceptions=False)
    assert made.exit_code == 0, made.output
    assert "wrote " in made.output and "mini-scorm12.zip" in made.output and "SCORM 1.2 package" in made.output
    assert packages.check(packages.read((tmp_path / "out/mini-scorm12.zip").read_bytes())) == []
    assert not list(project.glob(".mkdocs-course-package-*")), "the config it built with is gone"
    assert wrong.exit_code == 2 and "scorm3" in wrong.output
    edit(project, "lessons/basics/01-first.yml", "minutes: 10", "minuts: 10")
    with contextlib.chdir(project):
        broken = CliRunner().invoke(cli.main, ["package", "cc", str(tmp_path / "broken")], catch_exceptions=False)
    assert broken.exit_code == 1 and "unknown key `minuts`" in broken.output and not (tmp_path / "broken").exists()


SCHEMAS = FIXTURES / "schemas"


@pytest.mark.parametrize("kind", KINDS)
def test_each_manifest_is_valid_against_the_published_schemas(made: dict[str, dict[str, bytes]], kind: str) -> None:
    # The SCORM 1.2 and 2004 XSDs of ADL and the IMS Common Cartridge 1.1 profile (tests/fixtures/schemas/README.md).
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / kind / "_wrapper.xsd")))
    document = etree.fromstring(made[kind][packages.MANIFEST])
    assert schema.validate(document), [f"{e.line}: {e.message}" for e in schema.error_log]


def test_the_schemas_refuse_a_manifest_they_should() -> None:
    # The check can fail: a SCO type the SCORM 1.2 schema does not know, a CC structure it does not allow.
    from lxml import etree

    for kind, bad in (("scorm12", b'adlcp:scormtype="bogus"'), ("cc", b'structure="hierarchical"')):
        schema = etree.XMLSchema(etree.parse(str(SCHEMAS / kind / "_wrapper.xsd")))
        text = packages.manifest(kind, load_course(FIXTURES / "mini"), ["index.html"], layout=Layout()).encode()
        text = text.replace(b'adlcp:scormtype="sco"', bad) if kind == "scorm12" else text.replace(b'structure="rooted-hierarchy"', bad)
        assert bad in text
        assert not schema.validate(etree.fromstring(text))


def test_a_cartridge_links_to_the_course_on_the_web_when_the_site_has_an_address(tmp_path_factory: pytest.TempPathFactory) -> None:
    from lxml import etree

    site = quality.built("packaged-with-address", tmp_path_factory, lambda folder: quality.build_mini(folder, options=":\n      packages: [cc]", extra="site_url: https://learn.example.org/mini/\n"))
    files = packages.read((site / packages.file_name("mini", "cc")).read_bytes())
    assert packages.check(files) == []
    root = manifest(files)
    outline = [e for e in root.iter() if local(e.tag) == "organization"][0][0]
    last = [e for e in outline if local(e.tag) == "item"][-1]
    assert last.find("{*}title").text == "Mini course on the web" and last.get("identifierref") == "RES-online"
    (link,) = [e for e in root.iter() if local(e.tag) == "resource" and e.get("identifier") == "RES-online"]
    assert link.get("type") == "imswl_xmlv1p1"
    web = etree.fromstring(files[packages.WEB_LINK])
    assert web.find("{*}url").get("href") == "https://learn.example.org/mini/"
    for schema_file, document in (("_wrapper.xsd", files[packages.MANIFEST]), ("ccv1p1_imswl_v1p1.xsd", files[packages.WEB_LINK])):
        schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "cc" / schema_file)))
        assert schema.validate(etree.fromstring(document)), [f"{e.line}: {e.message}" for e in schema.error_log]


@pytest.mark.parametrize("kind", KINDS)
def test_a_package_carries_the_course_not_the_author_guide(shipped_packages: dict[str, dict[str, bytes]], kind: str) -> None:
    # A learning platform shows the package to learners: the site's folders kept apart from the
    # learner's nav (the author guide, `apart`) stay out of it, and no page links to them.
    files = shipped_packages[kind]
    assert not [name for name in files if name.startswith("authors/")]
    assert any(name.endswith("index.html") for name in files)
    for name, data in files.items():
        if name.endswith(".html"):
            assert b'authors/' not in data, name
