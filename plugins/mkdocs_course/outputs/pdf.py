"""Making PDFs of built pages with Chromium, driven by Playwright for Python.

Why Chromium and not WeasyPrint: Chromium prints the built Material page itself,
so a workbook PDF is exactly what a learner gets from the browser's own Print,
with the same print stylesheet; WeasyPrint needs a second, simpler template and
dropped content after forced page breaks in full Material pages (see
docs/authors/worksheets.md for the measurements). The cost is a browser at build
time, which is why PDFs are behind the plugin's `pdf` option.

Playwright is imported only when PDFs are asked for, so a site without them
needs neither Playwright nor a browser. Nothing here imports MkDocs (D2).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAPERS = ("A4", "Letter")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Flags that keep Chromium from calling home while it prints: the site makes no outside request.
BROWSER_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run")


class PdfError(Exception):
    """PDFs cannot be made here; the message says what to install or change."""


@dataclass(frozen=True)
class PdfJob:
    page: Path  # a built HTML file
    pdf: Path  # where its PDF goes
    title: str | None = None  # the PDF's title, when the page's own <title> is not the best name


def find_browser(explicit: str | None = None) -> str:
    """The Chromium program to print with: `explicit` if given, else the first one on the PATH."""
    if explicit:
        found = shutil.which(explicit) or (explicit if Path(explicit).is_file() else None)
        if not found:
            raise PdfError(f"The browser `{explicit}` given in `pdf_browser` was not found. Give the path to Chromium or Chrome, or leave `pdf_browser` out.")
        return found
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(
        "Workbook PDFs need Chromium, and none of " + ", ".join(BROWSER_NAMES) + " is on the PATH. "
        "Install it (Debian/Ubuntu: `apt-get install chromium`), set `pdf_browser` to its path, or set `pdf: false`."
    )


def check_ready(explicit_browser: str | None = None) -> str:
    """Fail early, before anything is built, when PDFs cannot be made; returns the browser."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise PdfError("Workbook PDFs need Playwright for Python: `pip install playwright` (no `playwright install` needed when Chromium is installed), or set `pdf: false`.") from None
    return find_browser(explicit_browser)


def make_pdfs(jobs: Sequence[PdfJob], *, paper: str, browser: str) -> None:
    """Print every job's page to its PDF, on `paper` (A4 or Letter), with one browser."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, not {paper!r}")
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as p:
            instance = p.chromium.launch(executable_path=browser, args=list(BROWSER_ARGS))
            try:
                context = instance.new_context()
                # Pages are read from disk; anything else would be an outside request.
                context.route(lambda url: not url.startswith("file:"), lambda route: route.abort())
                for job in jobs:
                    job.pdf.parent.mkdir(parents=True, exist_ok=True)
                    page = context.new_page()
                    page.goto(job.page.resolve().as_uri(), wait_until="load")
                    if job.title:
                        page.evaluate("title => { document.title = title; }", job.title)
                    # The print stylesheet sets the margins; `tagged` and `outline` give
                    # screen readers a structure and PDF viewers a table of contents.
                    page.pdf(path=str(job.pdf), format=paper, tagged=True, outline=True)
                    page.close()
            finally:
                instance.close()
    except Error as exc:
        raise PdfError(f"Chromium could not print the workbooks: {exc.message.splitlines()[0]}") from None
