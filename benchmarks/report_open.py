"""How long a report of a big store takes to open in Chromium (goal: 100,000 events under 5 s).

    .venv/bin/python benchmarks/report_open.py                    # 100,000 synthetic events, 5 runs
    .venv/bin/python benchmarks/report_open.py --events 10000 --runs 3 --store /tmp/s10k

Makes a synthetic store (benchmarks/synth_store.py) unless --store names one,
writes its report with ``azdiplo report`` (timed as a whole process), then
opens the file in headless Chromium (Debian's /usr/bin/chromium through
playwright, a fresh profile each run, the flags of the browser test) and
measures, from the start of navigation, the time until the page has drawn
everything (``body[data-ready]``: timeline, network, map, the first table
page, counts), as the page's own clock says (``performance.now()``) and as
seen from outside, and the CPU seconds the browser's processes spent in
between (user + system from /proc, summed over the browser's process tree):
on a machine shared with other work the wall times stretch with the load,
the CPU seconds much less. Prints one JSON line with the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from run import _cpu, _tree  # noqa: E402  (the benchmark's own /proc accounting)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def _browser_pid(profile: str) -> int | None:
    """The browser process: the one whose command line names our fresh profile."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")
        except OSError:
            continue
        if any(a == f"--user-data-dir={profile}".encode() for a in cmd) and b"--type=" not in b" ".join(cmd):
            return int(entry)
    return None


def _tree_cpu(pid: int | None) -> float:
    return sum(_cpu(p) for p in _tree(pid)) if pid else float("nan")


def open_once(report: Path, chromium: str) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=chromium, headless=True, args=ARGS,
                                                   viewport={"width": 1280, "height": 1000})
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        browser = _browser_pid(profile)
        cpu0 = _tree_cpu(browser)
        t0 = time.perf_counter()
        page.goto(report.as_uri(), timeout=120_000)
        page.wait_for_selector("body[data-ready]", timeout=120_000)
        outside = time.perf_counter() - t0
        cpu = _tree_cpu(browser) - cpu0
        inside = page.evaluate("performance.now()") / 1000
        nodes = page.locator("#network g.node").count()
        rows = page.locator("#events tbody tr").count()
        count = page.locator('[data-count="events"] b').inner_text()
        ctx.close()
    return {"outside_s": round(outside, 2), "page_s": round(inside, 2), "cpu_s": round(cpu, 2), "nodes": nodes, "rows": rows,
            "events_shown": count, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--store", type=Path, help="an existing store (else a synthetic one in a temporary folder)")
    ap.add_argument("--keep", type=Path, help="also copy the report here")
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("no chromium on PATH (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        store = args.store
        if store is None:
            store = work / "store"
            subprocess.run([sys.executable, str(REPO / "benchmarks" / "synth_store.py"), str(store),
                            "--events", str(args.events)], check=True, stdout=subprocess.DEVNULL)
        report = work / "report.html"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import sys; from azdiplo.cli import main; sys.argv[0] = 'azdiplo'; main()",
                        "report", "--store", str(store), "-o", str(report)], check=True, stderr=subprocess.DEVNULL)
        write_s = time.perf_counter() - t0
        if args.keep:
            shutil.copyfile(report, args.keep)
        runs = [open_once(report, chromium) for _ in range(args.runs)]
        result = {
            "events": args.events if args.store is None else None,
            "report_bytes": report.stat().st_size,
            "write_s": round(write_s, 1),
            "open_page_s_median": statistics.median(r["page_s"] for r in runs),
            "open_outside_s_median": statistics.median(r["outside_s"] for r in runs),
            "open_cpu_s_median": statistics.median(r["cpu_s"] for r in runs),
            "load_average": os.getloadavg()[0],
            "runs": runs,
        }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
