#!/usr/bin/env python3
"""Screenshot a report in headless Chromium (the README's docs/report.png).

    azdiplo ingest corpus && azdiplo report -o report.html
    python tools/report_screenshot.py report.html docs/report.png [--height 1000]

Needs Debian's chromium (/usr/bin/chromium) and the test extra (playwright).
"""

from __future__ import annotations

import argparse
import pathlib
import shutil
import sys
import tempfile


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=pathlib.Path)
    ap.add_argument("png", type=pathlib.Path)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=1000)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("no chromium on PATH (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=chromium, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
            viewport={"width": args.width, "height": args.height})
        page = ctx.new_page()
        page.goto(args.report.resolve().as_uri())
        page.wait_for_selector("body[data-ready]")
        page.screenshot(path=str(args.png))
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
