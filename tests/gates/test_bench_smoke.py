"""The benchmark works: a tiny run prints its table and writes valid JSON.

Speed is never asserted here (speed belongs to `make bench`, on a quiet machine);
these tests check that the bench measures what it says and reports failures.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_course.load.loader import load_course

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench/` is a folder of the repository, not an installed package
    sys.path.insert(0, str(ROOT))

from bench import generate, report  # noqa: E402
from bench.measure import BuildFailed, median, own_assets, run_measured  # noqa: E402
ROUTES = ["ours", "ours-again", "ours-1", "handwritten", "pruned", "zensical", "floor", "hugo"]


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict]:
    out = tmp_path_factory.mktemp("bench")
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "10", "--runs", "1", "--routes", ",".join(ROUTES),
         "--preview-size", "10", "--preview-edits", "1", "--work", str(out / "work"), "--json", str(out / "results.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result, json.loads((out / "results.json").read_text(encoding="utf-8"))


def test_a_tiny_run_prints_a_row_per_route_and_the_targets(tiny_run) -> None:
    result, _ = tiny_run
    table = result.stdout
    assert "| lessons | route | median s | ms per lesson | peak MB | output MB | lesson page KB | × hand-written | × pruned | × Zensical | × floor | CPU s |" in table
    expected = [r for r in ROUTES if r != "hugo" or shutil.which("hugo")]
    for route in expected:
        assert f"| 10 | {report.ROUTE_LABELS[route]} |" in table
    assert "| target | measured | limit | met |" in table
    assert "preview after a one-lesson edit at 10 lessons (mkdocs serve --dirty)" in table


def test_the_json_holds_every_measure_with_sane_values(tiny_run) -> None:
    _, data = tiny_run
    assert data["machine"]["cores"] >= 1 and data["machine"]["cpu"]
    assert data["machine"]["versions"]["mkdocs"] and data["machine"]["versions"]["mkdocs-material"]
    entry = data["sizes"]["10"]
    assert entry["counts"]["lessons"] == 10 and entry["counts"]["pages"] > 10
    expected = {r for r in ROUTES if r != "hugo" or shutil.which("hugo")}
    assert set(entry["routes"]) == expected
    for name, route in entry["routes"].items():
        assert len(route["seconds"]) == 1 and route["median_seconds"] == route["seconds"][0] > 0, name
        assert route["peak_rss_bytes"] > 5_000_000, name  # a Python or Go process, not a wrapper
        assert route["output_bytes"] > 0 and route["lesson_page_avg_bytes"] > 500, name
        assert route["x_floor"] > 0 and route["x_handwritten"] > 0, name
        assert 0 < route["median_cpu_seconds"] and route["x_floor_cpu"] > 0, name
    assert entry["routes"]["handwritten"]["x_handwritten"] == 1.0
    assert entry["routes"]["ours"]["x_ours"] == 1.0 and entry["routes"]["ours-again"]["x_ours"] > 0
    assert "mkdocs-one-process.yml" in entry["routes"]["ours-1"]["command"]
    assert entry["routes"]["floor"]["x_floor"] == 1.0
    # The floor writes bare HTML fragments; the sites carry the theme around them.
    assert entry["routes"]["ours"]["lesson_page_avg_bytes"] > entry["routes"]["floor"]["lesson_page_avg_bytes"]
    assert entry["load_validate"]["median_seconds"] > 0
    assert data["assets"]["gzip_bytes"] > 0 and data["assets"]["raw_bytes"] > data["assets"]["gzip_bytes"]
    assert all("mkdocs-course" in f for f in data["assets"]["files_gzip_bytes"])
    for mode in ("serve_dirty", "serve"):
        assert data["preview"][mode]["edits"] == 1 and data["preview"][mode]["median_seconds"] > 0
    assert {t["met"] for t in data["targets"]} <= {True, False, None} and len(data["targets"]) >= 6


def test_the_synthetic_course_is_valid_and_the_same_every_time(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    counts = generate.write_course(a, 40)
    generate.write_course(b, 40)
    files = sorted(p.relative_to(a) for p in a.rglob("*.yml"))
    assert files == sorted(p.relative_to(b) for p in b.rglob("*.yml"))
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    course = load_course(a)
    assert len(course.lessons) == 40 == counts["lessons"]
    assert len(course.modules) == counts["modules"] >= 1
    assert [lesson.day for lesson in course.lessons] == list(range(1, 41))
    assert any(lesson.data.worksheets for lesson in course.lessons)


def test_module_sizes_add_up_and_leave_no_tiny_module_at_the_end() -> None:
    import random

    for lessons in (1, 10, 100, 365, 1000):
        sizes = generate.module_sizes(lessons, random.Random(lessons))
        assert sum(sizes) == lessons
        assert all(s <= generate.LESSONS_PER_MODULE[1] + generate.LESSONS_PER_MODULE[0] for s in sizes)
        if len(sizes) > 1:
            assert sizes[-1] >= generate.LESSONS_PER_MODULE[0] // 2


def test_a_failing_build_stops_the_bench_with_its_output(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed, match=r"exited 3:\n.*the build broke"):
        run_measured([sys.executable, "-c", "import sys; print('the build broke'); sys.exit(3)"], log=tmp_path / "log.txt")


def test_peak_memory_is_the_childs_own(tmp_path: Path) -> None:
    small = run_measured([sys.executable, "-c", "pass"], log=tmp_path / "a.log")
    big = run_measured([sys.executable, "-c", "b = bytearray(200_000_000); b[::4096] = b'x' * len(b[::4096])"], log=tmp_path / "b.log")
    after = run_measured([sys.executable, "-c", "pass"], log=tmp_path / "c.log")
    # Linux hands the peak of the process that starts a child on to the child's figure;
    # this test's process holding 300 MB must not show in a build's (bench/measure.py).
    held = bytearray(300_000_000)
    held[::4096] = b"x" * len(held[::4096])
    beside = run_measured([sys.executable, "-c", "pass"], log=tmp_path / "d.log")
    del held
    assert big.peak_rss_bytes > 200_000_000 > small.peak_rss_bytes
    assert after.peak_rss_bytes < 50_000_000  # not the largest child so far
    assert beside.peak_rss_bytes < 50_000_000  # nor the peak of the process that started it


def test_median_of_odd_and_even_counts() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_own_assets_counts_only_our_files(tmp_path: Path) -> None:
    (tmp_path / "assets/mkdocs-course").mkdir(parents=True)
    (tmp_path / "assets/theme").mkdir(parents=True)
    (tmp_path / "assets/mkdocs-course/course.js").write_text("x" * 1000)
    (tmp_path / "assets/theme/bundle.js").write_text("y" * 5000)
    page = tmp_path / "m/lesson/index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<link rel="stylesheet" href="../../assets/theme/x.css"><script src="../../assets/theme/bundle.js"></script><script src="../../assets/mkdocs-course/course.js"></script>')
    sizes = own_assets(tmp_path, page)
    assert sizes["raw_bytes"] == 1000
    assert list(sizes["files_gzip_bytes"]) == ["assets/mkdocs-course/course.js"]
    assert 0 < sizes["gzip_bytes"] < 100


def test_targets_say_no_when_a_limit_is_passed() -> None:
    def route(seconds: float, **extra: float) -> dict:
        return {"median_seconds": seconds, "ms_per_lesson": seconds, "peak_rss_bytes": 100e6, "lesson_page_avg_bytes": 50e3, **extra}

    results = {
        "sizes": {
            "100": {"routes": {"ours": route(1.0)}},
            "1000": {"routes": {"ours": route(3.0, x_handwritten=0.3, x_floor=2.0, x_pruned=0.6, x_zensical=0.9), "ours-again": route(0.5, x_ours=0.1667, x_hugo=2.5), "hugo": route(0.2)}, "load_validate": {"median_seconds": 0.6}},
        },
        "preview": {"lessons": 365, "serve_dirty": {"command": "mkdocs serve --dirty", "median_seconds": 0.5}},
        "assets": {"gzip_bytes": 31_000},
    }
    rows = report.targets(results)

    def met(fragment: str) -> bool | None:
        (row,) = [r for r in rows if fragment in r["target"]]
        return row["met"]

    assert met("full build at 1000 lessons vs hand-written") is False  # 0.3 > 0.2
    assert met("vs hand-written with navigation.prune") is False  # 0.6 > 0.5
    assert met("vs Zensical") is True  # 0.9 < 1
    assert met("vs Python-Markdown floor") is True  # 2.0 <= 4
    assert met("cost per lesson") is False  # 3.0 / 1.0 > 1.25
    assert met("lesson page size") is False  # 50 KB > 40 KB
    assert met("peak memory") is True
    assert met("loading and validating") is False  # 0.6 s of 3 s is 20 %
    assert met("preview after a one-lesson edit") is True
    assert met("JavaScript and CSS") is False  # 31 KB
    assert met("second build after a one-lesson edit at 1000 lessons vs the cold build") is False  # 0.167 > 0.15
    assert met("moonshot: second build") is False  # 2.5 > 2
