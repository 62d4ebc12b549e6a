"""Timing a build in a child process, and measuring what it wrote.

Each build runs as its own process, the way an author runs it, so its wall time
includes starting Python and importing everything. Peak memory is the child's
own maximum resident set, read with `os.wait4` for that one process (not
`RUSAGE_CHILDREN`, which would be the largest of every child so far).

A child started straight from this process would not report its own peak: Linux
carries the peak of the memory a process leaves behind at `exec` into its
`ru_maxrss`, and Python starts children with vfork, so that memory is this
process's. A build would never show less than the bench's own peak (or
pytest's, in the tests). So each build is started by `_STARTER`, a small fresh
Python that runs it, times it and reads its usage: the figures are the build's,
above a floor of the starter's own memory (about 10 MB).
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# Builds cache their bytecode as they would on an author's machine, whatever this shell says.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the child: less swayed by other work on the machine
    peak_rss_bytes: int


class BuildFailed(RuntimeError):
    pass


# argv: where to write the figures, then the command. Prints nothing of its own.
_STARTER = """\
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump([seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status)], out)  # Linux: kilobytes
"""


def run_measured(cmd: list[str], *, cwd: Path | None = None, log: Path) -> Run:
    """Run `cmd` to completion; its wall time and peak memory. Raises BuildFailed on a non-zero exit."""
    log.parent.mkdir(parents=True, exist_ok=True)
    figures = log.with_name(log.name + ".run.json")
    with log.open("wb") as out:
        subprocess.run([sys.executable, "-c", _STARTER, str(figures), *cmd], cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV, check=True)
    seconds, cpu_seconds, peak, returncode = json.loads(figures.read_text(encoding="utf-8"))
    figures.unlink()
    if returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BuildFailed(f"{' '.join(cmd)} exited {returncode}:\n{tail}")
    return Run(seconds, cpu_seconds, peak)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def html_pages(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.html") if p.name != "404.html"]


# --- our JavaScript and CSS on a page --------------------------------------------


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline = 0  # bytes of inline <script>/<style> text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.urls.append(a["href"] or "")
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"] or "")


def own_assets(site: Path, page: Path, marker: str = "mkdocs-course") -> dict[str, int]:
    """Raw and gzip sizes of the stylesheets and scripts under `marker` that `page` loads."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    page_url = "/" + page.relative_to(site).as_posix()
    files: dict[str, int] = {}
    raw = gz = 0
    for url in parser.urls:
        path = urlsplit(urljoin(page_url, url)).path
        if marker not in path:
            continue
        data = (site / path.lstrip("/")).read_bytes()
        raw += len(data)
        # Level 6 is what web servers use by default.
        size = len(gzip.compress(data, compresslevel=6, mtime=0))
        gz += size
        files[path.lstrip("/")] = size
    return {"raw_bytes": raw, "gzip_bytes": gz, "files_gzip_bytes": files}


# --- the machine ---------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_bytes() -> int | None:
    try:
        match = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        return int(match.group(1)) * 1024 if match else None
    except OSError:
        return None


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def hugo_version() -> str | None:
    hugo = shutil.which("hugo")
    if not hugo:
        return None
    out = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False).stdout.strip()
    return out or None


def machine() -> dict[str, object]:
    return {
        "system": f"{platform.system()} {platform.release()}",
        "machine": platform.machine(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_bytes": _memory_bytes(),
        "python": sys.version.split()[0],
        "load_average_at_start": list(os.getloadavg()),
        "versions": {name: _version(name) for name in ("mkdocs", "mkdocs-material", "Markdown", "PyYAML", "pydantic", "Jinja2", "mkdocs-course")},
        "hugo": hugo_version(),
    }
