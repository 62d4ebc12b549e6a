"""The README's picture: a lesson page on a desktop, and Today on a phone beside it.

    .venv/bin/python tools/screenshots.py [SITE_DIR]      (default: site/, built by `make site`)

Both are taken in Debian's Chromium (the test browser) from the built site served on
loopback, with a learner's record put in first (a start date, a lesson done, a routine
ticked), then laid side by side on one image: docs/images/lesson.png.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import socketserver
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs/images/lesson.png"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def record(course: str, lessons: list[dict]) -> str:
    """A script that gives the browser a learner two days into the course."""
    start = date.today() - timedelta(days=2)
    entries = {
        f"progress:{course}/start": start.isoformat(),
        f"progress:{course}/lesson/{lessons[0]['id']}": start.isoformat(),
        f"progress:{course}/lesson/{lessons[1]['id']}": (start + timedelta(days=1)).isoformat(),
        f"routines:{course}/routine/{lessons[2]['routine']}/{date.today().isoformat()}": [True, True, False, False],
    }
    items = {f"mkdocs-course.v1:{k}": json.dumps({"value": v, "modified": "2026-01-01T08:00:00.000Z"}) for k, v in entries.items()}
    return f"for (const [k, v] of Object.entries({json.dumps(items)})) localStorage.setItem(k, v);"


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site").resolve()
    manifest = json.loads((site / "course.json").read_text(encoding="utf-8"))
    lessons = manifest["lessons"]
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            desktop = browser.new_context(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
            phone = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True, device_scale_factor=1)
            shots = []
            for context, url in ((desktop, lessons[2]["url"]), (phone, manifest["pages"]["today"])):
                context.add_init_script(record(manifest["course"]["id"], lessons))
                page = context.new_page()
                page.goto(base + url)
                page.wait_for_timeout(500)
                shots.append(base64.b64encode(page.screenshot()).decode("ascii"))
            board = browser.new_page(viewport={"width": 1720, "height": 880})
            board.set_content(
                "<body style='margin:0;background:#e8eeee;display:flex;gap:40px;align-items:center;padding:40px'>"
                f"<img alt='' src='data:image/png;base64,{shots[0]}' style='width:1280px;box-shadow:0 4px 24px #0003'>"
                f"<img alt='' src='data:image/png;base64,{shots[1]}' style='width:330px;border:10px solid #222;border-radius:28px;box-shadow:0 4px 24px #0005'>"
                "</body>"
            )
            board.wait_for_timeout(200)
            board.screenshot(path=str(OUT))
            browser.close()
    finally:
        server.shutdown()
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
