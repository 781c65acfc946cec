#!/usr/bin/env python3
"""Extraction quality on every reference set, from one command.

    .venv/bin/python benchmarks/extraction.py [--sets dev,tune,heldout] [--errors] [--out DIR]

For each set: the articles are gathered from ../shared/bench-corpus into a
temporary JSON Lines file (never into the repository), extracted once with
``azdiplo extract --format jsonl``, and scored with ``azdiplo eval`` (with
dates, and with ``--ignore-dates``). Sets:

- ``dev``: the development set, ../shared/gold/dev (60 AFP and Xinhua articles);
- ``tune``: benchmarks/gold/tune-1.json to tune-4.json (200 articles the rules are tuned on);
- ``heldout``: benchmarks/gold/heldout-1.json and heldout-2.json (100 articles never tuned on).

Prints one table row per set and writes the extractions and scores to
``--out`` (default: a temporary folder), with ``--errors`` the missed and
false events of each set.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).with_name("azdiplo"))
GOLD = ROOT / "benchmarks" / "gold"


def sets(shared: Path) -> dict[str, list[Path]]:
    return {
        "dev": [shared / "gold" / "dev" / "dev-events.json"],
        "tune": sorted(GOLD.glob("tune-*.json")),
        "heldout": sorted(GOLD.glob("heldout-*.json")),
    }


def gather(golds: list[Path], corpus: Path, out: Path) -> int:
    wanted = {d["file"] for g in golds for d in json.loads(g.read_text(encoding="utf-8"))["documents"]}
    n = 0
    with open(out, "w", encoding="utf-8") as dst:
        for src in sorted(corpus.glob("*.jsonl")):
            with open(src, encoding="utf-8") as fh:
                for line in fh:
                    if json.loads(line)["id"] in wanted:
                        dst.write(line)
                        n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sets", default="dev,tune,heldout")
    ap.add_argument("--errors", action="store_true", help="also print the missed and false events of each set")
    ap.add_argument("--out", type=Path, help="keep inputs, extractions and scores here")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="azdiplo-extraction-"))
    out.mkdir(parents=True, exist_ok=True)
    all_sets = sets(args.shared)
    rows = []
    for name in args.sets.split(","):
        golds = all_sets[name]
        articles = out / f"{name}.jsonl"
        n = gather(golds, args.shared / "bench-corpus", articles)
        extracted = out / f"{name}.extract.jsonl"
        with open(extracted, "w", encoding="utf-8") as fh:
            subprocess.run([CLI, "extract", str(articles), "--format", "jsonl"], check=True, stdout=fh)
        gold_args = [a for g in golds for a in ("--gold", str(g))]
        scores = {}
        for label, flags in (("dates", []), ("detection", ["--ignore-dates"])):
            done = subprocess.run([CLI, "eval", *gold_args, "--extracted", str(extracted), "-f", "json", "--errors", *flags],
                                  check=True, capture_output=True, text=True)
            scores[label] = json.loads(done.stdout)
        (out / f"{name}.scores.json").write_text(json.dumps(scores, indent=2), encoding="utf-8")
        s, d = scores["dates"], scores["detection"]
        rows.append((name, n, s["required_gold"], s["precision"], s["recall"], s["f1"], d["f1"], s["exact_date_accuracy"],
                     s["participant_precision"], s["participant_recall"], s["place_accuracy"],
                     s["false_positives_per_100_quiet_articles"], s["must_not_extract_leaks"],
                     " ".join(f"{t[:4]} {v}" for t, v in s["recall_by_type"].items())))
        if args.errors:
            print(f"== {name}: errors")
            for m in s["errors"]["missed"]:
                print(f"  MISS {m['doc']} {m['id']} {m['type']} {m.get('date')}: {m['quote']}")
            for f in s["errors"]["false_events"]:
                print(f"  FALSE {f['doc']} {f['type']} {f.get('date')} {f['participants']}: {f['evidence'][:200]}")
            for leak in s["errors"]["leaks"]:
                print(f"  LEAK {leak['doc']}: {leak['quote']}")
    head = ("set", "articles", "required", "P", "R", "F1", "F1 no dates", "exact dates", "part P", "part R", "places",
            "false/100 quiet", "leaks", "recall by type")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(str(x) for x in r) + " |")
    print(f"(inputs, extractions and scores in {out})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
