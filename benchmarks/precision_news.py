#!/usr/bin/env python3
"""Precision on ordinary news: how many diplomatic events azdiplo finds where there are none.

Runs ``azdiplo extract`` over the BBC sport, entertainment and technology
articles of ../shared/bench-corpus (read in place, never copied) and reports
events per 100 articles, with every event still found, so that each false
event can be read. Goal: at most 1 event per 100 articles.

    .venv/bin/python benchmarks/precision_news.py [--corpus ../shared/bench-corpus] [--categories sport tech]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "bench-corpus")
    ap.add_argument("--categories", nargs="+", default=["sport", "entertainment", "tech"])
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = ap.parse_args()
    azdiplo = shutil.which("azdiplo", path=str(Path(sys.executable).parent)) or "azdiplo"
    rows, total_articles, t0 = [], 0, time.perf_counter()
    per_category = {}
    for cat in args.categories:
        folder = args.corpus / "bbc" / cat
        if not folder.is_dir():
            print(f"no folder {folder}: pass --corpus", file=sys.stderr)
            return 2
        out = subprocess.run([azdiplo, "extract", str(folder), "--format", "jsonl"], check=True,
                             capture_output=True, text=True).stdout
        articles = [json.loads(line) for line in out.splitlines() if line.strip()]
        n_events = 0
        for a in articles:
            for e in a["events"]:
                n_events += 1
                rows.append({"category": cat, "article": Path(a["article"]["path"]).name, "type": e["type"],
                             "status": e["status"], "participants": [p["name"] for p in e["participants"]],
                             "evidence": e["evidence"]})
        per_category[cat] = {"articles": len(articles), "events": n_events}
        total_articles += len(articles)
    seconds = time.perf_counter() - t0
    rate = 100 * len(rows) / total_articles if total_articles else 0.0
    print(f"| category | articles | events | per 100 articles |\n|---|---:|---:|---:|")
    for cat, c in per_category.items():
        print(f"| {cat} | {c['articles']} | {c['events']} | {100 * c['events'] / max(c['articles'], 1):.2f} |")
    print(f"| **all** | {total_articles} | {len(rows)} | **{rate:.2f}** |")
    print(f"\nGoal: at most 1 event per 100 articles — {'met' if rate <= 1 else 'NOT met'}. ({seconds:.0f} s)\n")
    print("Events still found (each a false positive unless the evidence is diplomatic):\n")
    for r in rows:
        print(f"- {r['category']}/{r['article']} — {r['type']} ({r['status']}), "
              f"{', '.join(r['participants'])}: \"{r['evidence'][:160]}\"")
    if args.json:
        args.json.write_text(json.dumps({"per_category": per_category, "events": rows, "per_100": rate}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
