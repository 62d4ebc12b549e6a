"""The course inside a learning platform, played by a real SCORM run-time: `scorm-again` (the
npm package platforms embed, pinned in package-lock.json) is the platform in Chromium. A host
page puts its API in the window, opens the package's launch page in a frame under it, and the
learner takes lessons; the test reads back what the platform received, as a platform stores it.

Nothing here is a mock of ours: the package is the one the plugin makes, unzipped as a platform
does, and the API is scorm-again's (outputs/packages.py, render/lms.py, assets/lms.js)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import quality
from conftest import ROOT
from mkdocs_course.outputs import packages

pytestmark = pytest.mark.browser

RUNTIME = ROOT / "node_modules/scorm-again/dist"
HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Platform</title>
<script src="{script}"></script>
<script>
  var settings = {{autocommit: false, logLevel: 5}};
  window.{name} = new {cls}(settings);
  if (window.savedCmi) window.{name}.loadFromJSON(window.savedCmi);
</script></head>
<body><iframe id="sco" title="course" src="pkg/index.html" style="width:390px;height:800px"></iframe></body></html>
"""
KINDS = {"scorm12": ("API", "Scorm12API", "scorm12.min.js"), "scorm2004": ("API_1484_11", "Scorm2004API", "scorm2004.min.js")}
# What the SCO reported, read from the run-time's own data model.
STATUS = {"scorm12": "cmi.core.lesson_status", "scorm2004": "cmi.completion_status"}


def packaged_site(factory: pytest.TempPathFactory, name: str, *, share: bool = False) -> Path:
    """The mini course's packages, made by the plugin with the site (`packages` option)."""

    def edit(project: Path) -> None:
        if share:
            course = project / "course/course.yml"
            course.write_text(course.read_text(encoding="utf-8") + "lms:\n  share_answers: true\n", encoding="utf-8")

    return quality.built(name, factory, lambda folder: quality.build_mini(folder, options=":\n      packages: [scorm12, scorm2004, cc]", edit=edit))


def platform(tmp: Path, site: Path, kind: str) -> Path:
    """A folder a platform would serve: the package unzipped under pkg/, the run-time, a host page."""
    files = packages.read((site / packages.file_name("mini", kind)).read_bytes())
    for name, data in files.items():
        (tmp / "pkg" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / "pkg" / name).write_bytes(data)
    api, cls, script = KINDS[kind]
    shutil.copy(RUNTIME / script, tmp / script)
    (tmp / "host.html").write_text(HOST.format(script=script, name=api, cls=cls), encoding="utf-8")
    return tmp


def cmi(page: Any, kind: str) -> dict[str, Any]:
    return page.evaluate(f"JSON.parse(JSON.stringify(window.{KINDS[kind][0]}.cmi))")


def value(data: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split(".")[1:]:
        data = data[part]
    return data


def decoded(page: Any, suspend: str) -> dict[str, Any]:
    """suspend_data as the course wrote it: "d1." and deflated JSON in base64."""
    assert suspend.startswith("d1."), suspend[:20]
    text = page.evaluate(
        """async (b64) => { const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
        const out = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text(); return out; }""",
        suspend[3:],
    )
    return json.loads(text)


def wait_until(page: Any, kind: str, dotted: str, wanted: str) -> None:
    api = KINDS[kind][0]
    path = "window." + api + "." + dotted
    page.wait_for_function(f"() => {{ try {{ return String({path}) === {json.dumps(wanted)}; }} catch (e) {{ return false; }} }}", timeout=10_000)


def open_lesson(frame: Any, base: str, href: str) -> None:
    frame.goto(base + "pkg/" + href)
    frame.wait_for_load_state("load")


@pytest.mark.parametrize("kind", ["scorm12", "scorm2004"])
def test_a_learner_takes_the_course_in_the_platform_and_resumes_on_another_device(browser, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, kind: str) -> None:
    site = packaged_site(tmp_path_factory, "packaged")
    base = quality.served(platform(tmp_path, site, kind))
    context = browser.new_context(viewport={"width": 430, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + "host.html")
        wait_until(page, kind, STATUS[kind], "incomplete")
        frame = page.frame_locator("#sco")
        frame_page = page.frame(name="sco")
        # The home says what the platform receives, and what stays in the browser.
        assert "Your reflections and worksheet answers stay in this browser only" in frame.locator("article").inner_text()
        # Day 1: a self-check right the first time, a reflection, the lesson done.
        open_lesson(frame_page, base, "basics/basics-first.html")
        check = frame.locator("form.course-check").first
        check.get_by_label("A sponsor").check()
        check.get_by_role("button").first.click()
        frame.locator("textarea").first.fill("My private reflection about my manager")
        frame.locator(".course-done button").first.click()
        if kind == "scorm2004":
            wait_until(page, kind, "cmi.progress_measure", "0.33")
            wait_until(page, kind, "cmi.score.scaled", "0.5")
        else:
            wait_until(page, kind, "cmi.core.score.raw", "50")
        for href in ("basics/basics-second.html", "practice/practice-only.html"):
            open_lesson(frame_page, base, href)
            frame.locator(".course-done button").first.click()
        wait_until(page, kind, STATUS[kind], "completed")
        data = cmi(page, kind)
        if kind == "scorm2004":
            assert value(data, "cmi.progress_measure") == "1" or value(data, "cmi.progress_measure") == "1.00"
            assert value(data, "cmi.location") == "practice/practice-only.html" and value(data, "cmi.exit") == "suspend"
        else:
            assert value(data, "cmi.core.lesson_location") == "practice/practice-only.html"
            assert (value(data, "cmi.core.score.min"), value(data, "cmi.core.score.max")) == ("0", "100")
        suspend = value(data, "cmi.suspend_data")
        record = decoded(page, suspend)
        # Privacy: what the platform received holds progress and self-checks, never the reflection.
        assert "My private reflection" not in json.dumps(record) and "answers" not in record
        assert set(record) >= {"progress", "checks"} and len(record["progress"]) >= 3
    finally:
        context.close()

    # Another device (an empty browser): the platform relaunches the course with what it kept.
    saved = {k: v for k, v in data.items() if k not in ("_version",)}
    if kind == "scorm12":
        saved["core"] = {**saved["core"], "entry": "resume"}
    else:
        saved["entry"] = "resume"
    context = browser.new_context(viewport={"width": 430, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(f"window.savedCmi = {json.dumps(saved)};")
        page.goto(base + "host.html")
        frame_page = page.frame(name="sco")
        frame_page.wait_for_url("**/practice/practice-only.html", timeout=10_000)  # where they left off
        frame_page.goto(base + "pkg/progress.html")
        frame_page.locator("[data-course-view]:not([hidden])").first.wait_for()
        assert "3 of 3 lessons done" in frame_page.locator("article").inner_text()
        # and the reflection, which never left the first browser, is not here
        frame_page.goto(base + "pkg/basics/basics-first.html")
        assert frame_page.locator("textarea").first.input_value() == ""
    finally:
        context.close()


def test_an_author_who_opts_in_shares_answers_and_a_record_too_long_for_scorm_12_drops_them_first(browser, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = packaged_site(tmp_path_factory, "packaged-sharing", share=True)
    base = quality.served(platform(tmp_path, site, "scorm12"))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "host.html")
        wait_until(page, "scorm12", "cmi.core.lesson_status", "incomplete")
        frame = page.frame_locator("#sco")
        frame_page = page.frame(name="sco")
        assert "It receives the lessons you mark done, your self-check results, and your reflections" in frame.locator("article").inner_text()
        open_lesson(frame_page, base, "basics/basics-first.html")
        frame.locator("textarea").first.fill("Shared on purpose")
        frame.locator(".course-done button").first.click()
        page.wait_for_function("() => (window.API.cmi.suspend_data || '').length > 0", timeout=10_000)
        page.wait_for_timeout(800)
        record = decoded(page, cmi(page, "scorm12")["suspend_data"])
        assert "Shared on purpose" in json.dumps(record["answers"])
        # A long answer that no compression brings under SCORM 1.2's 4,096 characters.
        noise = page.evaluate("() => Array.from(crypto.getRandomValues(new Uint8Array(6000)), b => (b % 94 + 33)).map(c => String.fromCharCode(c)).join('')")
        frame.locator("textarea").first.fill(noise)
        frame.locator("textarea").first.blur()
        frame_page.wait_for_function("() => (window.mkdocsCourseLms.left || []).indexOf('answers') >= 0", timeout=10_000)
        page.wait_for_timeout(800)
        suspend = cmi(page, "scorm12")["suspend_data"]
        assert len(suspend) <= 4096
        record = decoded(page, suspend)
        assert "answers" not in record and record["progress"], "the answers were left out, the progress kept"
        assert frame_page.evaluate("window.mkdocsCourseLms.left") == ["journal", "answers"]
    finally:
        context.close()


def test_outside_a_platform_the_packaged_course_works_as_on_the_web(browser, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = packaged_site(tmp_path_factory, "packaged")
    base = quality.served(platform(tmp_path, site, "scorm2004"))
    page = browser.new_page()
    try:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "pkg/basics/basics-first.html")
        page.locator(".course-done button").first.click()
        assert "Day 1 is done" in page.locator(".course-done-status").inner_text()
        assert errors == []
    finally:
        page.close()


# --- a real host: scormhost (FastAPI, in .venv-scormhost, `make hosts`) serves the package -----

SCORMHOST = ROOT / ".venv-scormhost/bin/python"


def test_a_real_scorm_host_serves_the_package_and_stores_what_the_course_reports(browser, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Uploaded, launched and stored by the host's own code, from its own server: the package as a
    # facilitator would put it on a platform. (scormhost plays a SCORM 1.2 platform.)
    import socket
    import subprocess

    from conftest import wait_for

    if not SCORMHOST.exists():
        pytest.fail("scormhost is missing: run `make hosts`")
    site = packaged_site(tmp_path_factory, "packaged")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = (
        "import uvicorn, sys\nfrom scormhost import create_scorm_app\n"
        f"app = create_scorm_app(data_dir={str(tmp_path / 'host')!r}, title='Platform', secret_key='test-secret-key-0123456789abcdef')\n"
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='warning')\n"
    )
    with open(tmp_path / "host.log", "w", encoding="utf-8") as log:
        server = subprocess.Popen([str(SCORMHOST), "-c", code], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    context = browser.new_context(viewport={"width": 430, "height": 900})
    try:
        assert wait_for(lambda: _answers(f"{base}/health"), seconds=60), (tmp_path / "host.log").read_text()
        api = context.request
        registered = api.post(f"{base}/api/auth/register", data={"email": "facilitator@example.org", "username": "facilitator", "password": "a-long-password", "display_name": "Facilitator"})
        assert registered.ok, registered.text()
        zipped = (site / packages.file_name("mini", "scorm12")).read_bytes()
        uploaded = api.post(f"{base}/api/packages", multipart={"file": {"name": "mini-scorm12.zip", "mimeType": "application/zip", "buffer": zipped}})
        assert uploaded.status == 201, uploaded.text()
        package_id = uploaded.json()["id"]
        assert uploaded.json()["manifest"], "the host read our manifest"
        page = context.new_page()
        page.goto(f"{base}/launch/{package_id}")
        frame = page.frame_locator("#scormhost-content")
        frame.locator("article").first.wait_for()
        content = page.frame(name="scormhost-content")
        for href in ("basics/basics-first.html", "basics/basics-second.html", "practice/practice-only.html"):
            content.goto(f"{base}/content/{package_id}/{href}")
            frame.locator(".course-done button").first.click()
            page.wait_for_timeout(600)

        def stored() -> dict[str, str]:
            return api.get(f"{base}/api/scorm/{package_id}/cmi").json()["elements"]

        assert wait_for(lambda: stored().get("cmi.core.lesson_status") == "completed", seconds=15), stored()
        elements = stored()
        assert elements["cmi.core.lesson_location"] == "practice/practice-only.html"
        assert elements["cmi.suspend_data"].startswith("d1.") and len(elements["cmi.suspend_data"]) <= 4096
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=20)


def _answers(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False
