#!/usr/bin/env python3
"""Draw the articles of azdiplo's own annotated sets from ../shared/bench-corpus.

    python tools/draw_articles.py [--shared ../shared] [--out benchmarks/gold]

Reproducible (fixed seed). Articles of the development set
(../shared/gold/dev/articles.txt) are never drawn. Like the development set,
most articles are drawn among those dense in diplomatic words and some among
those with few, from Reuters-21578 (1987) and TempEval-3 (AFP and Xinhua,
1997-2006). The draw is dealt into four batches of 50, balanced by source and
density: ``tune-1``, ``tune-2`` (rules are tuned on them) and ``heldout-1``,
``heldout-2`` (only ever measured); then ``tune-3`` and ``tune-4``, drawn the
same way from the articles left, to tune on. Writes ``<out>/<batch>.txt``, one article
id per line. The texts stay in ../shared; only ids are written.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

WORDS = re.compile(
    r"\b(met|meet|meeting|talks|visit\w*|summit|signed|agreement|accord|treaty|negotiat\w+|minister|president|"
    r"delegation|envoy|ambassador|ceasefire|truce|communique|telephone\w*|conference)\b", re.I)
SEED = 20261127
#: per batch and source: (dense, few)
PER_BATCH = {"reuters21578": (20, 5), "tempeval3": (20, 5)}
BATCHES = ("tune-1", "tune-2", "heldout-1", "heldout-2")
#: later draws, each from what the earlier ones left, with its own seed (the first
#: draw stays as it was)
MORE = (("tune-3", 1), ("tune-4", 2))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "benchmarks" / "gold")
    args = ap.parse_args()
    dev = set((args.shared / "gold" / "dev" / "articles.txt").read_text().split())
    rng = random.Random(SEED)
    batches: dict[str, list[str]] = {b: [] for b in BATCHES}
    pools: dict[str, tuple[list[str], list[str]]] = {}
    for source, (n_dense, n_few) in PER_BATCH.items():
        dense, few = [], []
        with open(args.shared / "bench-corpus" / f"{source}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                words = len(art["text"].split())
                if art["id"] in dev or not art.get("published") or words < 80:
                    continue
                hits = len(WORDS.findall(art["text"]))
                (dense if hits >= 5 else few if hits >= 1 else []).append(art["id"])
        pools[source] = (dense, few)
        dense_draw = rng.sample(sorted(dense), n_dense * len(BATCHES))
        few_draw = rng.sample(sorted(few), n_few * len(BATCHES))
        for k, name in enumerate(BATCHES):
            batches[name] += dense_draw[k * n_dense:(k + 1) * n_dense] + few_draw[k * n_few:(k + 1) * n_few]
    for name, extra_seed in MORE:
        taken = {i for ids in batches.values() for i in ids}
        rng_more = random.Random(SEED + extra_seed)
        batches[name] = []
        for source, (n_dense, n_few) in PER_BATCH.items():
            dense_left = sorted(set(pools[source][0]) - taken)
            few_left = sorted(set(pools[source][1]) - taken)
            batches[name] += rng_more.sample(dense_left, n_dense) + rng_more.sample(few_left, n_few)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, ids in batches.items():
        (args.out / f"{name}.txt").write_text("\n".join(sorted(ids)) + "\n", encoding="utf-8")
        print(f"{name}: {len(ids)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
