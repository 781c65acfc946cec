#!/usr/bin/env python3
"""How often the sentence that reports an event holds an expression with the event's date.

For every required event of a reference annotation that has a gold ``date``,
each mention's quote is found in its article, widened to the sentence around
it, and the time expressions that ``azdiplo extract --format jsonl`` lists in
``dates`` for that article are collected inside that sentence. An event
counts as **exact** when one expression of one of its sentences has the gold
value (the same value, or the same calendar interval: ``1987-W15`` equals
``1987-04-06/1987-04-12``), as **overlapping** when one at least overlaps it.
This measures the expressions (found? valued?), not which expression event
extraction picks: an event dated only by a dateline or the publication day
has no expression to find and stays a miss ("no expression").

    .venv/bin/python benchmarks/event_dates.py                 # dev set + benchmarks/gold/tune-*.json
    .venv/bin/python benchmarks/event_dates.py --misses        # also list every miss
    .venv/bin/python benchmarks/event_dates.py --extracted OUT.jsonl   # reuse an extract run

Texts stay in ../shared/bench-corpus; the extract output is cached in
benchmarks/results/ (git-ignored). The held-out annotations are not read by
default: they are for reporting, not for tuning.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from azdiplo.dates import interval  # noqa: E402  (plain Python, no spaCy)

CLI = str(Path(sys.executable).with_name("azdiplo"))
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "event_dates.extract.jsonl"

# a sentence ends at a line break, or at . ! ? (and closing quotes) before a
# capital; not after an initial ("U.S."), a title or a month abbreviation
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Maj|Capt|Sen|Rep|Gov|Pres|Prof|Rev|Sgt|Adm|No|Co|Corp|Inc|Ltd|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Jr|Sr|vs))\.$"
)
_END = re.compile(r"\n|[.!?][\"'\u201d)]*(?=\s+[\"'\u201c(]?[A-Z0-9])")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The smallest run of whole sentences covering text[start:end]."""
    ends = []
    for m in _END.finditer(text):
        if m.group(0) != "\n" and _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        ends.append(m.end())
    s = max([e for e in ends if e <= start], default=0)
    e = min([e for e in ends if e >= end], default=len(text))
    return s, e


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    # whitespace and case may differ from the source
    words = [re.escape(w) for w in quote.split()]
    if not words:
        return None
    m = re.search(r"\s+".join(words), text, re.I)
    return (m.start(), m.end()) if m else None


def same_value(value: str | None, gold: str) -> bool:
    if not value:
        return False
    if value == gold:
        return True
    a, b = interval(value), interval(gold)
    return a is not None and a == b


def overlaps(value: str | None, gold: str) -> bool:
    a, b = interval(value), interval(gold)
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def load_gold(paths: list[Path]) -> list[tuple[str, dict]]:
    out = []
    for p in paths:
        out.append((p.name, json.loads(p.read_text(encoding="utf-8"))))
    return out


def load_texts(corpus: Path, ids: set[str]) -> dict[str, dict]:
    recs = {}
    for f in sorted(corpus.glob("*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                # cheap test before parsing: the id is the first field
                if not any(i in line[:80] for i in ids):
                    continue
                r = json.loads(line)
                if r["id"] in ids:
                    recs[r["id"]] = r
    return recs


def run_extract(recs: dict[str, dict], out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="azdiplo-event-dates-") as tmp:
        inp = Path(tmp) / "articles.jsonl"
        with open(inp, "w", encoding="utf-8") as fh:
            for rid in sorted(recs):
                fh.write(json.dumps(recs[rid], ensure_ascii=False) + "\n")
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            proc = subprocess.run([CLI, "extract", str(inp), "--format", "jsonl"], stdout=fh)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"event_dates: azdiplo extract exited with {proc.returncode}")


def load_dates(path: Path) -> dict[str, list[dict]]:
    by_id: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                art = obj.get("article") or {}
                by_id[art.get("source_id") or art.get("id")] = obj.get("dates") or []
    return by_id


def score(gold_sets, texts, dates):
    """Per set: counts and the list of misses."""
    results = []
    for name, gold in gold_sets:
        published = {d["file"]: d.get("published") for d in gold["documents"]}
        n = exact = overlap = no_expr = 0
        misses = []
        for ev in gold["events"]:
            if not ev.get("required") or not ev.get("date"):
                continue
            n += 1
            g = ev["date"]
            found, hit, near = [], False, False
            for men in ev.get("mentions") or []:
                rec = texts.get(men["file"])
                if rec is None:
                    continue
                q = find_quote(rec["text"], men["quote"])
                if q is None:
                    continue
                s, e = sentence_bounds(rec["text"], *q)
                inside = [t for t in dates.get(men["file"], []) if s <= t["start"] and t["end"] <= e]
                found.append((men["file"], rec["text"][s:e].strip(), inside))
                hit |= any(same_value(t.get("value"), g) for t in inside)
                near |= any(overlaps(t.get("value"), g) for t in inside)
            exact += hit
            overlap += near
            if not any(f[2] for f in found):
                no_expr += 1
            if not hit:
                files = sorted({m["file"] for m in ev.get("mentions") or []})
                misses.append({"id": ev["id"], "gold": g, "published": [published.get(f) for f in files],
                               "sentences": found})
        results.append({"set": name, "events": n, "exact": exact, "overlap": overlap,
                        "no_expression": no_expr, "misses": misses})
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="*", type=Path,
                    help="reference annotations (default: ../shared/gold/dev/dev-events.json and "
                         "benchmarks/gold/tune-*.json)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--extracted", type=Path, help="reuse this `azdiplo extract --format jsonl` output")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to cache the extract output")
    ap.add_argument("--misses", action="store_true", help="list every event without an exact expression")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = ap.parse_args(argv)

    paths = args.gold or [args.shared / "gold" / "dev" / "dev-events.json",
                          *sorted((ROOT / "benchmarks" / "gold").glob("tune-*.json"))]
    gold_sets = load_gold(paths)
    ids = {m["file"] for _, g in gold_sets for ev in g["events"] for m in ev.get("mentions") or []}
    texts = load_texts(args.shared / "bench-corpus", ids)
    extracted = args.extracted
    if extracted is None:
        run_extract(texts, args.out)
        extracted = args.out
    dates = load_dates(extracted)
    results = score(gold_sets, texts, dates)

    total = {k: sum(r[k] for r in results) for k in ("events", "exact", "overlap", "no_expression")}
    if args.json:
        print(json.dumps({"sets": [{k: v for k, v in r.items() if k != "misses"} for r in results],
                          "total": total}, indent=1))
        return 0
    if args.misses:
        for r in results:
            for m in r["misses"]:
                print(f"[{r['set']}] {m['id']}  gold {m['gold']}  published {', '.join(p or '?' for p in m['published'])}")
                for f, sent, inside in m["sentences"]:
                    vals = "; ".join(f"{t['text']!r}={t.get('value')}" for t in inside) or "no expression"
                    print(f"    {f}: {vals}")
                    print(f"      {sent[:300]}")
        print()
    print(f"{'set':22} {'events':>7} {'exact':>7} {'%':>6} {'overlap':>8} {'no expr':>8}")
    for r in results + [dict(total, set="all")]:
        pct = 100 * r["exact"] / r["events"] if r["events"] else 0.0
        print(f"{r['set']:22} {r['events']:7} {r['exact']:7} {pct:6.1f} {r['overlap']:8} {r['no_expression']:8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
