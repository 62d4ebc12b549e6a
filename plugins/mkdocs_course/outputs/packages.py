"""The course as a package a learning platform imports: SCORM 1.2, SCORM 2004 and Common Cartridge.

Each package holds the course's own built site, made with file URLs (`basics/day-1.html`:
a platform serves files, not folders), and a manifest, `imsmanifest.xml`:

- **SCORM 1.2** and **SCORM 2004 4th edition**: the whole site is one SCO, launched at the
  course home; `lms.js` (render/lms.py) reports the course's status, progress, score and
  where the learner is. One SCO because what the platform tracks is the course: completed
  when every lesson is done, the share of lessons done, the self-checks as one score, one
  resume point. (A SCO per lesson would split the learner's record across as many
  attempts, each with its own 4,096 characters, and none would know the course's state.)
  The organization names the course; every lesson's page is a file of the SCO.
- **IMS Common Cartridge 1.1** (the version Moodle and Canvas import most reliably): the
  platform's own outline, a folder per module with the module's page and each lesson as
  web content, in course order; every file of the site is in one shared web-content
  resource the others depend on. No tracking: CC has none.

Nothing in a package asks another host for anything (the site makes no outside request);
the manifest's schema locations are names, which platforms do not fetch. `check` is the
structure the specifications require (unique identifiers, every listed file in the zip,
the launch file present), run on every package made. Nothing here imports an engine (D2).
"""

from __future__ import annotations

import io
import os
import posixpath
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.etree import ElementTree as ET

import yaml

from .. import model
from ..model import i18n
from ..render.lms import KINDS, SCORM
from ..render.urls import Layout, url_for

MANIFEST = "imsmanifest.xml"
WEB_LINK = "links/course-online.xml"  # a cartridge's link to the course on the web, when it has an address
WEB_LINK_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
CC_FOLDER = "web_resources"  # where Common Cartridge keeps web content, as Moodle's and Canvas's exports do
# A fixed time for every file in the zip: the same course makes the same package.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)

NS = {
    "scorm12": {
        "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    },
    "scorm2004": {
        "": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
        "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
        "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    },
    "cc": {
        "": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
        "lomimscc": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest",
        "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    },
}
SCHEMA_LOCATIONS = {
    "scorm12": "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
    "scorm2004": "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
    "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
    "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
    "cc": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
    "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd",
}
SCHEMA_VERSION = {"scorm12": ("ADL SCORM", "1.2"), "scorm2004": ("ADL SCORM", "2004 4th Edition"), "cc": ("IMS Common Cartridge", "1.1.0")}


class PackageError(Exception):
    """A package that would not import: what is wrong with it."""


def file_name(course_id: str, kind: str) -> str:
    """The package's name: it names the course, since it leaves the site (`coach-mentor-sponsor-scorm12.zip`).
    A cartridge ends `.imscc`, as Moodle and Canvas name the ones they make: a zip all the same."""
    return f"{course_id}-{kind}.imscc" if kind == "cc" else f"{course_id}-{kind}.zip"


def site_files(built: Path) -> dict[str, bytes]:
    """Every file of a built site, by its '/'-separated path."""
    return {p.relative_to(built).as_posix(): p.read_bytes() for p in sorted(built.rglob("*")) if p.is_file()}


def package(kind: str, course: model.Course, site: Mapping[str, bytes], *, layout: Layout | None = None, site_url: str | None = None) -> bytes:
    """The zip a platform imports, from the files of the course's site built with file URLs.

    `site_url`, where the course is on the web: a cartridge then also links to it, last in its
    outline, for learners who want the site itself (on their phone, say)."""
    if kind not in KINDS:
        raise ValueError(f"{kind} is not a package: one of {', '.join(KINDS)}")
    layout = layout or Layout()
    folder = f"{CC_FOLDER}/" if kind == "cc" else ""
    files = {folder + name: data for name, data in site.items()}
    if kind == "cc" and site_url:
        files[WEB_LINK] = web_link(course, site_url).encode("utf-8")
    files[MANIFEST] = manifest(kind, course, sorted(files), layout=layout).encode("utf-8")
    problems = check(files)
    if problems:
        raise PackageError(f"the {kind} package of {course.id} would not import: " + "; ".join(problems))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files, key=lambda n: (n != MANIFEST, n)):  # the manifest first, as platforms expect
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name])
    return out.getvalue()


def _page(uri: str) -> str:
    return url_for(uri, directory_urls=False)


def manifest(kind: str, course: model.Course, files: list[str], *, layout: Layout) -> str:
    """`imsmanifest.xml` for the package's `files` (paths in the zip)."""
    ns = NS[kind]
    for prefix, uri in ns.items():
        ET.register_namespace(prefix, uri)

    def q(name: str, prefix: str = "") -> str:
        return f"{{{ns[prefix]}}}{name}"

    root = ET.Element(q("manifest"), {"identifier": f"MANIFEST-{course.id}", q("schemaLocation", "xsi"): SCHEMA_LOCATIONS[kind]})
    if kind != "cc":
        root.set("version", "1.0" if kind == "scorm12" else "1")
    metadata = ET.SubElement(root, q("metadata"))
    ET.SubElement(metadata, q("schema")).text = SCHEMA_VERSION[kind][0]
    ET.SubElement(metadata, q("schemaversion")).text = SCHEMA_VERSION[kind][1]
    organizations = ET.SubElement(root, q("organizations"), {"default": "ORG"} if kind != "cc" else {})
    organization = ET.SubElement(organizations, q("organization"), {"identifier": "ORG"})
    resources = ET.SubElement(root, q("resources"))
    home = _page(layout.home)
    if kind in SCORM:
        ET.SubElement(organization, q("title")).text = course.title
        item = ET.SubElement(organization, q("item"), {"identifier": "ITEM-course", "identifierref": "SCO"})
        ET.SubElement(item, q("title")).text = course.title
        scorm_type = "scormtype" if kind == "scorm12" else "scormType"
        resource = ET.SubElement(resources, q("resource"), {"identifier": "SCO", "type": "webcontent", "href": home, q(scorm_type, "adlcp"): "sco"})
        for name in files:
            if name != MANIFEST:
                ET.SubElement(resource, q("file"), {"href": name})
    else:
        lom = ET.SubElement(metadata, q("lom", "lomimscc"))
        general = ET.SubElement(lom, q("general", "lomimscc"))
        title = ET.SubElement(general, q("title", "lomimscc"))
        ET.SubElement(title, q("string", "lomimscc"), {"language": course.data.language}).text = course.title
        organization.set("structure", "rooted-hierarchy")
        top = ET.SubElement(organization, q("item"), {"identifier": "ITEM-root"})
        shared = "RES-site"

        def web(identifier: str, href: str, title: str, parent: ET.Element) -> None:
            item = ET.SubElement(parent, q("item"), {"identifier": f"ITEM-{identifier}", "identifierref": f"RES-{identifier}"})
            ET.SubElement(item, q("title")).text = title
            path = f"{CC_FOLDER}/{href}"
            resource = ET.SubElement(resources, q("resource"), {"identifier": f"RES-{identifier}", "type": "webcontent", "href": path})
            ET.SubElement(resource, q("file"), {"href": path})
            ET.SubElement(resource, q("dependency"), {"identifierref": shared})

        web("home", home, course.title, top)
        for module in course.modules:
            folder = ET.SubElement(top, q("item"), {"identifier": f"ITEM-folder-{module.id}"})
            ET.SubElement(folder, q("title")).text = module.title
            web(f"module-{module.id}", _page(layout.module(module)), module.title, folder)
            for lesson in module.lessons:
                web(f"lesson-{lesson.id}", _page(layout.lesson(lesson)), lesson.title, folder)
        if WEB_LINK in files:
            link = ET.SubElement(top, q("item"), {"identifier": "ITEM-online", "identifierref": "RES-online"})
            ET.SubElement(link, q("title")).text = _online_title(course)
            resource = ET.SubElement(resources, q("resource"), {"identifier": "RES-online", "type": "imswl_xmlv1p1"})
            ET.SubElement(resource, q("file"), {"href": WEB_LINK})
        pages = {f"{CC_FOLDER}/{_page(u)}" for u in [layout.home, *(layout.module(m) for m in course.modules), *(layout.lesson(x) for x in course.lessons)]}
        site = ET.SubElement(resources, q("resource"), {"identifier": shared, "type": "webcontent"})
        for name in files:
            if name not in (MANIFEST, WEB_LINK) and name not in pages:
                ET.SubElement(site, q("file"), {"href": name})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _online_title(course: model.Course) -> str:
    return i18n.translator(course.data.language).gettext("%(course)s on the web") % {"course": course.title}


def web_link(course: model.Course, site_url: str) -> str:
    """The cartridge's web link (IMS CC 1.1 `imswl_xmlv1p1`) to the course's home on the web."""
    ET.register_namespace("", WEB_LINK_NS)
    root = ET.Element(f"{{{WEB_LINK_NS}}}webLink")
    ET.SubElement(root, f"{{{WEB_LINK_NS}}}title").text = _online_title(course)
    ET.SubElement(root, f"{{{WEB_LINK_NS}}}url", {"href": site_url, "target": "_blank"})
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def check(files: Mapping[str, bytes]) -> list[str]:
    """What the content-packaging specifications require of a package, as problems (none: it imports).

    The manifest is at the zip's root and reads as XML; identifiers are unique; every
    `identifierref` names a resource; every file a resource lists, and every launch `href`,
    is in the zip; every file of the zip is listed by a resource (a platform copies only
    those); paths are relative and stay inside the package.
    """
    problems: list[str] = []
    if MANIFEST not in files:
        return [f"no {MANIFEST} at the root of the zip"]
    try:
        root = ET.fromstring(files[MANIFEST])
    except ET.ParseError as exc:
        return [f"{MANIFEST} is not well-formed XML: {exc}"]

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    ids = [e.get("identifier") for e in root.iter() if e.get("identifier") is not None]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        problems.append(f"identifiers used twice: {', '.join(map(str, twice))}")
    resources = {e.get("identifier"): e for e in root.iter() if local(e.tag) == "resource"}
    listed: set[str] = set()
    for e in root.iter():
        ref = e.get("identifierref")
        if ref is not None and ref not in resources:
            problems.append(f"{local(e.tag)} {e.get('identifier')} refers to no resource: {ref}")
        href = e.get("href")
        if href is None:
            continue
        if href.startswith("/") or ".." in posixpath.normpath(href).split("/") or "://" in href:
            problems.append(f"{href} is not a path inside the package")
        elif href not in files:
            problems.append(f"{href} is listed in {MANIFEST} but not in the zip")
        if local(e.tag) == "file":
            listed.add(href)
    unlisted = sorted(set(files) - listed - {MANIFEST})
    if unlisted:
        problems.append(f"{len(unlisted)} files of the zip are in no resource, first {unlisted[0]}")
    if not resources:
        problems.append("the manifest lists no resource")
    return problems


def read(zip_bytes: bytes) -> dict[str, bytes]:
    """A package's files by name (tests and `course package` read back what was made)."""
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def make(kind: str, course: model.Course, root: Path, out: Path, *, config: Path | None = None) -> Path:
    """`course package`: build the site with MkDocs in a separate process (this module imports
    no engine, D2) with the plugin's `packages` option set to `kind`, over the site's own
    mkdocs.yml when it has one, and put the zip in the folder `out`. Returns the zip's path."""
    if kind not in KINDS:
        raise ValueError(f"{kind} is not a package: one of {', '.join(KINDS)}")
    with tempfile.TemporaryDirectory(prefix="mkdocs-course-package-") as work:
        built = Path(work) / "site"
        if config is not None:
            # A config beside the site's own, so every path in it means what it means there.
            settings = Path(config).resolve().parent / f".mkdocs-course-package-{os.getpid()}.yml"
            written: dict[str, object] = {"INHERIT": Path(config).name, "plugins": {"course": {"packages": [kind]}}}
        else:
            settings = Path(work) / "mkdocs.yml"
            (Path(work) / "docs").mkdir()
            written = {"site_name": course.title, "docs_dir": "docs", "theme": {"name": "material", "font": False},
                       "plugins": ["search", {"course": {"course_dir": os.fspath(Path(root).resolve()), "packages": [kind]}}]}
        settings.write_text(yaml.safe_dump(written, sort_keys=False, allow_unicode=True), encoding="utf-8")
        try:
            run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", os.fspath(settings), "-d", os.fspath(built)],
                                 capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        finally:
            if config is not None:
                settings.unlink(missing_ok=True)
        if run.returncode != 0:
            raise PackageError(f"the site did not build:\n{run.stderr.strip()}")
        made = built / file_name(course.id, kind)
        out.mkdir(parents=True, exist_ok=True)
        target = out / made.name
        target.write_bytes(made.read_bytes())
    return target
