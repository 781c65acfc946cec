"""``azdiplo report``: a self-contained HTML file, safe whatever the articles say, checked in a real browser."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from azdiplo.cli import app
from azdiplo.errors import ExitStatus
from azdiplo.report.html import unpack
from event_factory import country, event, org, person, write_store

HOSTILE = ('</script><script>alert("s")</script><img src=x onerror=alert("i")><!-- '
           '\x1b]0;owned\x07\x1b[2J\x1b[8mhidden\u2028{{script}}')
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def make_report(store: Path, out: Path, *args: str) -> str:
    result = run("report", "--store", str(store), "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def data_of(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="azdiplo-data">(.*?)</script>', page, re.S)
    assert re.fullmatch(r"[A-Za-z0-9+/=]*", m.group(1)), "the data block holds base64 only"
    return unpack(m.group(1))


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "store"
    write_store(path, [
        event("ev_0000000000h1", [person("Mallory" + HOSTILE, "USA", function="visitor"), country("FRA", function="host")],
              type_="visit", cameo="042", mode="visit", place="Paris" + HOSTILE, place_country="FRA",
              sentence="Mallory visited " + HOSTILE, titles=['"><svg onload=alert("t")>' + HOSTILE],
              urls=['javascript:alert("u")']),
        event("ev_0000000000h2", [country("AZE"), country("ARM"), org("Council", "NATO")], type_="agreement",
              cameo="057", plover="SUPPORT", place="Washington", place_country="USA", date="2025-08", precision="month",
              sources=2, urls=["https://news.example/a?b=1&c=<d>", "data:text/html,<script>alert(1)</script>"]),
        event("ev_0000000000h3", [person("Bo", None)], date=None, precision=None, sentence="Bo met nobody."),
    ])
    return path


# --------------------------------------------------------------------------- without a browser


def test_hostile_text_never_becomes_markup(hostile_store, tmp_path):
    page = make_report(hostile_store, tmp_path / "r.html")
    assert page.count("</script>") == 2 and page.count("<script") == 2  # the data block and azdiplo's script
    assert "<img" not in page and "<svg onload" not in page and "<!-- " not in page
    assert "javascript:" not in page and "data:text/html" not in page  # only http(s) URLs become links
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)  # no terminal escapes
    assert "\u2028" not in page
    data = data_of(page)
    names = {a[0] for a in data["actors"]}
    assert 'Mallory</script><script>alert("s")</script><img src=x onerror=alert("i")><!-- ]hidden{{script}}' not in names
    assert any(n.startswith('Mallory</script><script>alert("s")</script><img src=x onerror=alert("i")><!-- ') for n in names)
    assert [s[3] for s in data["sources"]] == [None, "https://news.example/a?b=1&c=<d>", None, None]


def test_the_policy_lets_only_the_inline_script_and_style_run(hostile_store, tmp_path):
    page = make_report(hostile_store, tmp_path / "r.html")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "http" not in csp
    script = re.search(r"<script>(.*)</script>\s*</body>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert not re.search(r"\b(src|href)=\"(https?:)?//", page)  # nothing to fetch


def test_report_holds_every_event_and_actor(sample_store, tmp_path):
    page = make_report(sample_store, tmp_path / "r.html")
    data = data_of(page)
    events = json.loads(run("events", "--store", str(sample_store), "--format", "json").stdout)
    assert [e[0] for e in data["events"]] == [e["id"] for e in events]
    keys = {p.get("id") or p["name"].lower() for e in events for p in e["participants"]}
    assert len(data["network"]["nodes"]) == len(keys) == data["network"]["actors"]
    assert data["network"]["folded"] == 0
    assert len(data["world"]["countries"]) > 150


def test_filters_are_the_events_filters(sample_store, tmp_path):
    page = make_report(sample_store, tmp_path / "r.html", "--type", "agreement", "--title", "Signings")
    data = data_of(page)
    expected = json.loads(run("agreements", "--store", str(sample_store), "--format", "json").stdout)
    assert [e[0] for e in data["events"]] == [e["id"] for e in expected]
    assert data["title"] == "Signings" and "type agreement" in data["subtitle"]


def test_nothing_matching_writes_an_empty_report_and_exits_1(sample_store, tmp_path):
    out = tmp_path / "r.html"
    result = run("report", "--store", str(sample_store), "-o", str(out), "--since", "2099")
    assert result.exit_code == ExitStatus.NO_MATCH
    assert "no events match" in result.stderr
    assert data_of(out.read_text(encoding="utf-8"))["events"] == []


def test_report_to_stdout_and_unwritable_path(sample_store, tmp_path):
    result = run("report", "--store", str(sample_store), "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    result = run("report", "--store", str(sample_store), "-o", str(tmp_path / "no" / "such" / "r.html"))
    assert result.exit_code == ExitStatus.USAGE
    assert result.stderr.startswith("azdiplo: error: cannot write ") and "check the path" in result.stderr


def test_report_and_exports_do_not_import_spacy(sample_store, tmp_path):
    code = ("import sys; from azdiplo.cli import app\n"
            "for args in (['report', '-o', sys.argv[2]], ['export', '--format', 'graphml', '-o', sys.argv[2] + '.g'],"
            " ['export', '--format', 'sqlite', '-o', sys.argv[2] + '.db']):\n"
            "    try:\n        app(['--debug', *args[:1], '--store', sys.argv[1], *args[1:]])\n"
            "    except SystemExit as e:\n        assert not e.code, e.code\n"
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(sample_store), str(tmp_path / "r.html")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_world_outline_matches_its_build(tmp_path):
    """The committed outline is what tools/build_world.py makes of the pinned world-atlas (when npm is at hand)."""
    if os.environ.get("AZDIPLO_CHECK_WORLD") != "1":
        pytest.skip("set AZDIPLO_CHECK_WORLD=1 to rebuild the outline from the npm registry")
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, str(root / "tools" / "build_world.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- in a browser


def _pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Rows of RGB(A) pixels of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, bpp, rows


def ink(png: bytes) -> tuple[int, int]:
    """(distinct colours, share of pixels in per mille that differ from the most common one) of a screenshot."""
    width, bpp, rows = _pixels(png)
    counts: dict[bytes, int] = {}
    for row in rows:
        for i in range(0, width * bpp, bpp):
            px = row[i:i + 3]
            counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values())
    return len(counts), 1000 * (total - max(counts.values())) // total


def _browser():
    if CHROMIUM is None:
        if os.environ.get("AZDIPLO_REQUIRE_BROWSER") == "1":
            pytest.fail("AZDIPLO_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install chromium)")
        pytest.skip("no chromium on PATH (apt-get install chromium; CI sets AZDIPLO_REQUIRE_BROWSER=1)")
    return pytest.importorskip("playwright.sync_api")


ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def open_report(path: Path, profile: Path, shot: Path | None = None) -> dict:
    """Open ``path`` in headless Chromium; what a person would see, and what the page did."""
    sync = _browser()
    seen: dict = {"console": [], "errors": [], "requests": [], "dialogs": []}
    with sync.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True, args=ARGS,
                                                   viewport={"width": 1280, "height": 1000})
        try:
            page = ctx.new_page()
            page.on("console", lambda m: seen["console"].append((m.type, m.text)))
            page.on("pageerror", lambda e: seen["errors"].append(str(e)))
            page.on("request", lambda r: seen["requests"].append(r.url))
            page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-ready]", timeout=30_000)
            for part in ("timeline", "network", "map"):
                seen[part] = ink(page.locator(f"#{part} .chart svg").screenshot())
            seen["nodes"] = page.locator("#network g.node").count()
            seen["rows"] = page.locator("#events tbody tr").count()
            seen["bars"] = page.locator("#timeline g.bar").count()
            seen["places"] = page.locator("#map circle.place").count()
            seen["events_count"] = page.locator('[data-count="events"] b').inner_text()
            seen["cells"] = page.locator("#events tbody td").all_inner_texts()
            # clicking a node lists its events only
            page.locator("#network g.node circle").first.click()
            seen["after_click"] = page.locator("#events tbody tr").count()
            if shot:
                page.locator("#network g.node circle").first.click()  # back to every event
                page.screenshot(path=str(shot), full_page=False)
        finally:
            ctx.close()
    return seen


@pytest.mark.slow
def test_sample_report_renders_in_chromium(sample_store, tmp_path):
    path = tmp_path / "report.html"
    make_report(sample_store, path)
    seen = open_report(path, tmp_path / "profile", shot=tmp_path / "shot.png")
    events = json.loads(run("events", "--store", str(sample_store), "--format", "json").stdout)
    keys = {p.get("id") or p["name"].lower() for e in events for p in e["participants"]}
    assert seen["errors"] == [] and [m for m in seen["console"] if m[0] in ("error", "warning")] == []
    assert seen["requests"] == [path.as_uri()]  # the file itself, nothing else
    assert seen["nodes"] == len(keys)
    assert seen["rows"] == len(events) and seen["events_count"] == str(len(events))
    assert seen["places"] >= 1 and seen["bars"] >= 1
    for part in ("timeline", "network", "map"):
        colours, share = seen[part]
        assert colours > 8 and share > 20, (part, seen[part])  # drawn, not blank
    assert 0 < seen["after_click"] <= len(events)
    assert (tmp_path / "shot.png").stat().st_size > 20_000


@pytest.mark.slow
def test_hostile_report_shows_text_and_runs_nothing(hostile_store, tmp_path):
    path = tmp_path / "hostile.html"
    make_report(hostile_store, path)
    seen = open_report(path, tmp_path / "profile")
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert seen["requests"] == [path.as_uri()]
    assert seen["rows"] == 3
    assert any('<img src=x onerror=alert("i")>' in c for c in seen["cells"])  # shown as text
