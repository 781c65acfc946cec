#!/usr/bin/env python3
"""Precision on news nobody tuned on: re-check the hand-judged events of benchmarks/gold/precision-1.json.

precision-1.json lists articles of ../shared/bench-corpus (never copied: read in place by id) and each
event azdiplo found in them when they were judged, with a verdict (true: a diplomatic event by
../shared/gold/GUIDE.md; false: not one, with the class of the error). This script extracts those
articles again and reports how many judged-false events are still produced and how many judged-true
events are still found (same article, same type, most trigger words in common), and how many
events are new (not judged: read them).

    .venv/bin/python benchmarks/precision_judged.py [--judged benchmarks/gold/precision-1.json] [--list]
    .venv/bin/python benchmarks/precision_judged.py --draw 120 --seed 11 --out /tmp/draw.jsonl

``--draw`` makes the sample precision-1.json was judged on: articles of reuters21578.jsonl and
tempeval3.jsonl that are in no gold file (../shared/gold/dev, benchmarks/gold/*.json), whose text
names at least three of POLITICS (government, trade, economy words), a fixed share per source year,
drawn with the given seed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "bench-corpus"
SOURCES = ("reuters21578.jsonl", "tempeval3.jsonl")
GOLD_FILES = (*sorted((ROOT / "benchmarks" / "gold").glob("*.json")), *sorted((ROOT.parent / "shared" / "gold").rglob("*.json")))
POLITICS = ("minister", "government", "president", "talks", "trade", "tariff", "agreement", "official",
            "ambassador", "summit", "economy", "deal", "negotiat", "delegation", "visit")
SHARE_PER_YEAR = {"1987": 40, "1997": 27, "2005": 27, "2006": 26}


def corpus_articles(ids: set[str] | None = None):
    for name in SOURCES:
        with open(CORPUS / name, encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                if ids is None or a["id"] in ids:
                    yield a


def gold_ids() -> set[str]:
    ids = set()
    for path in GOLD_FILES:
        if path.name.startswith("precision-"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        ids |= {d["file"] for d in data.get("documents", [])}
    return ids


def draw(n: int, seed: int) -> list[dict]:
    excluded = gold_ids()
    by_year: dict[str, list[dict]] = {}
    for a in corpus_articles():
        text = a["text"].lower()
        if a["id"] in excluded or sum(w in text for w in POLITICS) < 3:
            continue
        by_year.setdefault((a.get("published") or "")[:4], []).append(a)
    rng = random.Random(seed)
    scale = n / sum(SHARE_PER_YEAR.values())
    chosen = []
    for year, share in SHARE_PER_YEAR.items():
        pool = sorted(by_year.get(year, []), key=lambda a: a["id"])
        chosen += rng.sample(pool, min(len(pool), round(share * scale)))
    return chosen


def extract(articles: list[dict]) -> dict[str, list[dict]]:
    azdiplo = shutil.which("azdiplo", path=str(Path(sys.executable).parent)) or "azdiplo"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for a in articles:
            f.write(json.dumps(a) + "\n")
        path = f.name
    try:
        out = subprocess.run([azdiplo, "extract", path, "--format", "jsonl"], check=True,
                             capture_output=True, text=True).stdout
    finally:
        Path(path).unlink()
    found = {}
    for line in out.splitlines():
        if line.strip():
            r = json.loads(line)
            found[r["article"]["id"]] = r["events"]
    return found


def shared(event: dict, judged: dict) -> int:
    """How many trigger words (offsets in the article) an event shares with a judged one of its type."""
    if event["type"] != judged["type"]:
        return 0
    spans = {(m["trigger_start"], m["trigger_end"]) for m in event.get("mentions", [])}
    return sum(tuple(t) in spans for t in judged["triggers"])


def judged_as(event: dict, judged: list[dict]) -> dict | None:
    """The judged event an extracted one is: the one sharing most triggers, a true one on a tie
    (an event that took in the reports of a judged duplicate is the true event)."""
    best = max(judged, key=lambda j: (shared(event, j), j["verdict"] == "true"), default=None)
    return best if best is not None and shared(event, best) else None


def check(judged_path: Path, listing: bool) -> int:
    data = json.loads(judged_path.read_text(encoding="utf-8"))
    ids = [d["file"] for d in data["documents"]]
    found = extract(list(corpus_articles(set(ids))))
    counts: Counter = Counter()
    classes: Counter = Counter()
    produced_as: set[int] = set()
    new = []
    for i in ids:
        mine = [j for j in data["events"] if j["file"] == i]
        for e in found.get(i, []):
            j = judged_as(e, mine)
            if j is None:
                new.append((i, e))
            else:
                produced_as.add(id(j))
    for j in data["events"]:
        still = id(j) in produced_as
        counts[(j["verdict"], still)] += 1
        if j["verdict"] == "false" and still:
            classes[j["class"]] += 1
        if listing and still == (j["verdict"] == "false"):
            print(f"{'still produced' if still else 'lost'}: {j['file']} {j['type']} [{j.get('class', '')}] \"{j['quote']}\"")
    true_kept, false_kept = counts[("true", True)], counts[("false", True)]
    n_true = true_kept + counts[("true", False)]
    n_false = false_kept + counts[("false", False)]
    produced = true_kept + false_kept + len(new)
    print(f"articles {len(ids)}; judged events {n_true + n_false} ({n_true} true, {n_false} false)")
    print(f"judged-true still found: {true_kept}/{n_true}")
    print(f"judged-false still produced: {false_kept}/{n_false}")
    print(f"new events (not judged): {len(new)}")
    if true_kept + false_kept:
        print(f"precision on the judged events still produced: {true_kept / (true_kept + false_kept):.3f}"
              f" (of all produced, new counted as unknown: {produced})")
    if classes:
        print("false events still produced, by class: " + ", ".join(f"{c} {n}" for c, n in classes.most_common()))
    if listing:
        for i, e in new:
            print(f"new: {i} {e['type']} ({e['status']}): \"{e['evidence'][:160]}\"")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--judged", type=Path, default=ROOT / "benchmarks" / "gold" / "precision-1.json")
    ap.add_argument("--list", action="store_true", help="list judged-false events still produced, "
                    "judged-true events lost, and new events")
    ap.add_argument("--draw", type=int, help="draw this many articles instead (see the module's doc)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, help="with --draw: the JSON Lines file to write (outside the repo)")
    args = ap.parse_args()
    if args.draw:
        chosen = draw(args.draw, args.seed)
        with open(args.out, "w", encoding="utf-8") as f:
            for a in chosen:
                f.write(json.dumps(a) + "\n")
        print(f"{len(chosen)} articles -> {args.out}")
        return 0
    return check(args.judged, args.list)


if __name__ == "__main__":
    sys.exit(main())
