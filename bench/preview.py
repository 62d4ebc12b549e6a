"""Preview speed: after one lesson file changes under `mkdocs serve`, how long until the new page is served.

The clock starts when the edited file is closed and stops when an HTTP request
for the lesson's page returns the new text. That covers everything an author
waits for: MkDocs noticing the change (its watcher polls every 0.5 s), the
rebuild, and the server answering (it holds requests while a rebuild runs, so
a half-built site is never read).
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .measure import ENV, median

TOKEN = "PreviewEdit{:04d}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, text: str, timeout: float, child: subprocess.Popen[bytes], log: Path) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if child.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited {child.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(0.01)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s; see {log}")


def _mark(lesson_file: Path, n: int) -> str:
    """Put token n at the start of the lesson's `action` text, replacing the previous one."""
    text = lesson_file.read_text(encoding="utf-8")
    if n == 0:
        if "action: |\n  " not in text:
            raise ValueError(f"{lesson_file} has no `action: |` block to edit")
        text = text.replace("action: |\n  ", f"action: |\n  {TOKEN.format(0)} ", 1)
    else:
        text = text.replace(TOKEN.format(n - 1), TOKEN.format(n), 1)
    lesson_file.write_text(text, encoding="utf-8")
    return TOKEN.format(n)


def measure(project: Path, lesson_file: Path, page_path: str, *, dirty: bool, edits: int, log: Path) -> dict[str, object]:
    """Median seconds from saving `lesson_file` to its page at `page_path` being served with the edit."""
    original = lesson_file.read_bytes()
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{page_path}"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    if dirty:
        cmd.append("--dirty")
    log.parent.mkdir(parents=True, exist_ok=True)
    times: list[float] = []
    try:
        token = _mark(lesson_file, 0)
        with log.open("wb") as out:
            child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=ENV)
            try:
                first = _wait_for(url, token, 900, child, log)
                for n in range(1, edits + 1):
                    time.sleep(1.5)  # let the watcher settle, as between an author's saves
                    token = _mark(lesson_file, n)
                    times.append(_wait_for(url, token, 120, child, log))
            finally:
                child.send_signal(signal.SIGINT)
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
    finally:
        lesson_file.write_bytes(original)
    return {
        "command": " ".join(["mkdocs", "serve", *(["--dirty"] if dirty else [])]),
        "first_build_seconds": round(first, 3),
        "edits": len(times),
        "seconds": [round(t, 3) for t in times],
        "median_seconds": round(median(times), 3),
    }
