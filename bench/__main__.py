"""`python -m bench` (or `make bench`): build speed at scale, against the alternatives.

For each size it writes a synthetic course, then builds the same pages by each
route, several times, round-robin (so a noisy moment on the machine hits every
route alike), and reports medians, per-lesson cost, peak memory, output size
and ratios as a table and as JSON. See bench/RESULTS.md for a recorded run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from mkdocs_course.outputs.page_cache import CACHE_DIR

from . import generate, preview, report
from .measure import Run, html_pages, machine, median, own_assets, run_measured, tree_bytes

HERE = Path(__file__).resolve().parent
# `ours-again` runs right after `ours` in each round: one lesson edited, then a plain `mkdocs build`
# over the page cache the cold build left (issue 20's second build).
ROUTES = ("ours", "ours-again", "ours-1", "handwritten", "pruned", "zensical", "floor", "hugo")
ZENSICAL = Path(__file__).resolve().parent.parent / ".venv-zensical" / "bin" / "zensical"


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="100,365,1000,1000x20,1000x1", help="lesson counts, comma-separated; NxM is N lessons in M even modules (default: 100,365,1000,1000x20,1000x1)")
    p.add_argument("--runs", type=int, default=5, help="builds per route and size; the median is reported (default: 5)")
    p.add_argument("--routes", default=",".join(ROUTES), help=f"which of {', '.join(ROUTES)} to build (hugo only if installed)")
    p.add_argument("--work", type=Path, default=HERE / "out", help="folder for generated courses and sites (default: bench/out)")
    p.add_argument("--json", type=Path, default=HERE / "results.json", help="where to write the results (default: bench/results.json)")
    p.add_argument("--preview-size", type=int, default=365, help="lessons in the course used for the preview timing (default: 365)")
    p.add_argument("--preview-edits", type=int, default=7, help="lesson edits timed under mkdocs serve (default: 7; 0 skips)")
    return p.parse_args(argv)




def _site_page(route: str, site: Path, uri: str) -> Path:
    stem = uri[: -len(".md")]
    return site / f"{stem}.html" if route in ("floor", "zensical") else site / stem / "index.html"  # the export has file URLs


class Size:
    """One synthetic course and its routes' folders."""

    def __init__(self, work: Path, lessons: int, routes: list[str], *, modules: int | None = None, name: str | None = None):
        self.lessons = lessons
        self.modules = modules  # None: about a month a module; 1: every lesson in one module
        self.root = work / (name or str(lessons))
        self.course = self.root / "course"
        self.handwritten = self.root / "handwritten"
        self.hugo = self.root / "hugo"
        self.export = self.root / "export"
        self.routes = routes

    def prepare(self) -> dict[str, int]:
        shutil.rmtree(self.root, ignore_errors=True)
        counts = generate.write_course(self.course, self.lessons, modules=self.modules)
        title = f"A {self.lessons}-day course"
        generate.write_our_project(self.course, title)
        pages = generate.rendered_pages(self.course)
        generate.write_handwritten(pages, self.handwritten, title)
        if "hugo" in self.routes:
            generate.write_hugo(pages, self.hugo, title)
        if "zensical" in self.routes:
            generate.write_export(self.course, self.export)
        self.read_lessons()
        return {**counts, "pages": len(pages)}

    def read_lessons(self) -> None:
        """Each lesson page's uri, and the middle lesson's file: the one `ours-again` and the preview edit."""
        from mkdocs_course.load.loader import load_course
        from mkdocs_course.render.urls import Layout

        lessons = load_course(self.course).lessons
        self.lesson_uris = [Layout().lesson(lesson) for lesson in lessons]
        self.edited_lesson = lessons[len(lessons) // 2].source

    def command(self, route: str) -> list[str]:
        site = str(self.site(route))
        if route in ("ours", "ours-again"):
            return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(self.course / "mkdocs.yml"), "-d", site]
        if route == "ours-1":
            return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(self.course / "mkdocs-one-process.yml"), "-d", site]
        if route == "handwritten":
            # Not strict: the pages link to files only the plugin makes (the lessons' feed), a warning here.
            return [sys.executable, "-m", "mkdocs", "build", "-f", str(self.handwritten / "mkdocs.yml"), "-d", site]
        if route == "pruned":
            return [sys.executable, "-m", "mkdocs", "build", "-f", str(self.handwritten / "mkdocs-pruned.yml"), "-d", site]
        if route == "zensical":
            return [str(ZENSICAL), "build", "--clean", "-f", str(self.export / "mkdocs.yml")]
        if route == "floor":
            return [sys.executable, str(HERE / "floor.py"), str(self.handwritten / "docs"), site]
        if route == "hugo":
            return [shutil.which("hugo") or "hugo", "--quiet", "-s", str(self.hugo), "-d", site]
        raise ValueError(route)

    def build(self, route: str, run: int) -> Run:
        if route == "ours":
            shutil.rmtree(self.course / CACHE_DIR, ignore_errors=True)  # cold: nothing kept from an earlier build
            shutil.rmtree(self.site(route), ignore_errors=True)
        elif route == "ours-again":
            # The site and cache the cold build just left; one lesson's text edited since.
            lesson = self.course / self.edited_lesson
            if run == 0:
                self.edited_original = lesson.read_bytes()
                preview._mark(lesson, 0)
            else:
                preview._mark(lesson, run)
        else:
            shutil.rmtree(self.site(route), ignore_errors=True)
        return run_measured(self.command(route), log=self.root / "logs" / f"{route}-{run}.log")

    def restore(self) -> None:
        """The edited lesson as it was (the preview timing may edit it again)."""
        original = getattr(self, "edited_original", None)
        if original is not None:
            (self.course / self.edited_lesson).write_bytes(original)

    def site(self, route: str) -> Path:
        # Zensical writes only inside its project folder: the export's own `site/`; the second
        # build writes over the cold build's site, as an author's does.
        if route == "zensical":
            return self.export / "site"
        return self.root / ("site-ours" if route == "ours-again" else f"site-{route}")

    def output(self, route: str) -> dict[str, object]:
        site = self.site(route)
        lesson_sizes = [_site_page(route, site, uri).stat().st_size for uri in self.lesson_uris]
        pages = html_pages(site)
        return {
            "output_bytes": tree_bytes(site),
            "html_pages": len(pages),
            "lesson_page_avg_bytes": round(sum(lesson_sizes) / len(lesson_sizes)),
        }


def _time_loading(course: Path, runs: int) -> dict[str, object]:
    from mkdocs_course.load.loader import load_course

    times = []
    for _ in range(max(runs, 3)):
        start = time.perf_counter()
        load_course(course)
        times.append(time.perf_counter() - start)
    return {"seconds": [round(t, 4) for t in times], "median_seconds": round(median(times), 4)}


def run(argv: list[str] | None = None) -> dict[str, object]:
    args = _args(argv)
    specs = [s.strip() for s in args.sizes.split(",") if s.strip()]
    sizes = [int(s.split("x")[0]) for s in specs]
    routes = [r for r in args.routes.split(",") if r in ROUTES]
    if "hugo" in routes and not shutil.which("hugo"):
        print("hugo is not installed; timing the other routes (Debian: apt-get install hugo)", file=sys.stderr)
        routes.remove("hugo")
    if "ours-again" in routes and "ours" not in routes:
        print("ours-again is the build after `ours` in each round; timing the other routes", file=sys.stderr)
        routes.remove("ours-again")
    if "zensical" in routes and not ZENSICAL.exists():
        print("Zensical is not installed; timing the other routes (make engines)", file=sys.stderr)
        routes.remove("zensical")
    results: dict[str, object] = {
        "command": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "runs": args.runs,
        "sizes": {},
    }
    for spec, lessons in zip(specs, sizes):
        modules = int(spec.split("x")[1]) if "x" in spec else None
        size = Size(args.work, lessons, routes, modules=modules, name=spec)
        print(f"[bench] {spec} lessons: writing the course and its hand-written twin", file=sys.stderr, flush=True)
        counts = size.prepare()
        timings: dict[str, list[Run]] = {r: [] for r in routes}
        for n in range(args.runs):
            for route in routes:
                timings[route].append(size.build(route, n))
            print(f"[bench] {lessons} lessons: run {n + 1}/{args.runs}: " + ", ".join(f"{r} {timings[r][-1].seconds:.2f} s" for r in routes), file=sys.stderr, flush=True)
        size.restore()
        entry: dict[str, object] = {"counts": counts, "routes": {}}
        for route in routes:
            seconds = [r.seconds for r in timings[route]]
            cpu = [r.cpu_seconds for r in timings[route]]
            med = median(seconds)
            entry["routes"][route] = {  # type: ignore[index]
                "command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(size.command(route))),
                "seconds": [round(s, 3) for s in seconds],
                "median_seconds": round(med, 3),
                "ms_per_lesson": round(med / lessons * 1000, 3),
                "cpu_seconds": [round(s, 3) for s in cpu],
                "median_cpu_seconds": round(median(cpu), 3),
                "peak_rss_bytes": max(r.peak_rss_bytes for r in timings[route]),
                **size.output(route),
            }
        for r in entry["routes"].values():  # type: ignore[union-attr]
            for base in ("ours", "handwritten", "pruned", "zensical", "floor", "hugo"):
                if base in entry["routes"]:  # type: ignore[operator]
                    b = entry["routes"][base]  # type: ignore[index]
                    r[f"x_{base}"] = round(r["median_seconds"] / b["median_seconds"], 4)
                    r[f"x_{base}_cpu"] = round(r["median_cpu_seconds"] / b["median_cpu_seconds"], 4)
        if "ours" in routes:
            entry["load_validate"] = _time_loading(size.course, args.runs)
            if spec == specs[0]:
                page = _site_page("ours", size.site("ours"), size.lesson_uris[len(size.lesson_uris) // 2])
                results["assets"] = {"page": page.relative_to(size.site("ours")).as_posix(), **own_assets(size.site("ours"), page)}
        results["sizes"][spec] = entry  # type: ignore[index]

    if "ours" in routes and args.preview_edits > 0:
        size = Size(args.work, args.preview_size, routes)
        if args.preview_size not in sizes:
            size.prepare()
        else:
            size.read_lessons()
        page_path = size.lesson_uris[len(size.lesson_uris) // 2][: -len(".md")] + "/"
        entry = {"lessons": args.preview_size, "lesson_file": size.edited_lesson}
        for dirty in (True, False):
            print(f"[bench] preview at {args.preview_size} lessons, mkdocs serve{' --dirty' if dirty else ''}", file=sys.stderr, flush=True)
            key = "serve_dirty" if dirty else "serve"
            entry[key] = preview.measure(size.course, size.course / size.edited_lesson, page_path, dirty=dirty, edits=args.preview_edits, log=size.root / "logs" / f"{key}.log")
        results["preview"] = entry

    results["machine"]["load_average_at_end"] = list(os.getloadavg())  # type: ignore[index]
    results["targets"] = report.targets(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(report.table(results))
    print()
    print(report.targets_table(results["targets"]))  # type: ignore[arg-type]
    print(f"\nResults: {args.json}", file=sys.stderr)
    return results


if __name__ == "__main__":
    run()
