#!/usr/bin/env python3
"""Check that ``azdiplo eval`` gives the independent judges' numbers.

    .venv/bin/python benchmarks/eval_matches_scorer.py [--shared ../shared]

Article by article: ``azdiplo extract`` over the development set
(../shared/gold/dev), then ``azdiplo eval --extracted`` and
../shared/tools/score_articles.py on the same output, with and without
``--ignore-dates``. Store-wide: ``azdiplo ingest ../shared/seeds`` into a
fresh store, then ``azdiplo eval --store-wide`` and
../shared/tools/score_events.py on ``azdiplo events --format json``. Prints
every metric side by side and exits 1 if any differs.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).with_name("azdiplo"))


def run(*args: str, env=None, stdout=None) -> str:
    done = subprocess.run(args, check=True, text=True, stdout=stdout or subprocess.PIPE, env=env)
    return done.stdout if stdout is None else ""


def compare(label: str, ours: dict, theirs: dict) -> int:
    bad = 0
    for key in sorted(set(ours) & set(theirs)):
        same = ours[key] == theirs[key]
        bad += not same
        print(f"{label:32} {key:42} {str(ours[key]):>28} {str(theirs[key]):>28} {'' if same else 'DIFFERS'}")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    gold_dir, tools = args.shared / "gold", args.shared / "tools"
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ids = set((gold_dir / "dev" / "articles.txt").read_text().split())
        with open(args.shared / "bench-corpus" / "tempeval3.jsonl", encoding="utf-8") as src, \
                open(tmp / "dev.jsonl", "w", encoding="utf-8") as dst:
            dst.writelines(line for line in src if json.loads(line)["id"] in ids)
        with open(tmp / "dev.out", "w", encoding="utf-8") as out:
            run(CLI, "extract", str(tmp / "dev.jsonl"), "--format", "jsonl", stdout=out)
        gold = str(gold_dir / "dev" / "dev-events.json")
        for flags in ([], ["--ignore-dates"]):
            ours = json.loads(run(CLI, "eval", "--gold", gold, "--extracted", str(tmp / "dev.out"), "-f", "json", *flags))
            theirs = json.loads(run(sys.executable, str(tools / "score_articles.py"), gold, str(tmp / "dev.out"), "--json", *flags))
            bad += compare("development set " + " ".join(flags), ours, theirs)
        env = {**os.environ, "AZDIPLO_STORE": str(tmp / "store")}
        run(CLI, "ingest", str(args.shared / "seeds"), "-q", env=env)
        with open(tmp / "events.json", "w", encoding="utf-8") as out:
            run(CLI, "events", "--format", "json", env=env, stdout=out)
        ours = json.loads(run(CLI, "eval", "--gold", str(gold_dir / "seed-events.json"), "--store-wide", "-f", "json", env=env))
        theirs = json.loads(run(sys.executable, str(tools / "score_events.py"), str(gold_dir / "seed-events.json"),
                                str(tmp / "events.json"), "--json"))
        theirs["must_not_extract_leaks"] = len(theirs["must_not_extract_leaks"])
        theirs["extracted"] = theirs.pop("events_extracted")
        bad += compare("sample articles, store-wide", ours, theirs)
    print("azdiplo eval and the judges agree" if not bad else f"{bad} metrics differ")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
