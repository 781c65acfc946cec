#!/usr/bin/env python3
"""What cleaning article text at reading costs (azdiplo.sanitize.normalize, issue 13).

Normalises every text of ../shared/bench-corpus (BBC files and Reuters
records, read in place, never copied) as ``ingest`` does, several times, and
prints the median; then the same Reuters texts with Windows line ends (CR LF),
and with a terminal escape sequence in every line (the slow path: rewritten,
with an offset map). Compare with ingest's seconds per article in
BENCHMARKS.md.

    .venv/bin/python benchmarks/clean_text.py [--corpus ../shared/bench-corpus] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from azdiplo.sanitize import normalize

ROOT = Path(__file__).resolve().parents[1]


def timed(texts: list[str], runs: int) -> tuple[float, int]:
    seconds = []
    changed = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        changed = sum(normalize(t)[1] is not None for t in texts)
        seconds.append(time.perf_counter() - t0)
    return statistics.median(seconds), changed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "bench-corpus")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    bbc = [p.read_bytes().decode("utf-8", "replace") for p in sorted((args.corpus / "bbc").rglob("*.txt"))]
    with open(args.corpus / "reuters21578.jsonl", encoding="utf-8") as fh:
        reuters = [json.loads(line)["text"] for line in fh]
    cases = {
        "bench corpus as it is": bbc + reuters,
        "Reuters with CR LF line ends": [t.replace("\n", "\r\n") for t in reuters],
        "Reuters with an escape sequence on every line": [t.replace("\n", "\x1b[0m\n") for t in reuters],
    }
    print(f"| texts | count | M characters | median of {args.runs} runs | texts with an offset map |")
    print("|---|---:|---:|---:|---:|")
    for name, texts in cases.items():
        seconds, mapped = timed(texts, args.runs)
        chars = sum(map(len, texts)) / 1e6
        print(f"| {name} | {len(texts):,} | {chars:.1f} | {seconds:.2f} s | {mapped:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
