#!/usr/bin/env python3
"""State and sector accuracy of azdiplo's actors on real news (issue 12's test set).

    python benchmarks/actor_accuracy.py [--corpus ../shared/bench-corpus] [--errors]

``benchmarks/actors/mentions.jsonl`` holds 325 actor mentions of the bench
corpus (Reuters 1987, AFP and Xinhua 1997-2006, BBC 2004-5; 68 states), one
per line: the article id, the character offsets of the mention in the
article's text (the JSON Lines record's ``text``, or the BBC file), and the
state (ISO 3166 alpha-3, former states by their ISO 3166-3 codes) and the
CAMEO/PLOVER sector a careful reader gives it, annotated by reading the
articles (never from azdiplo's output). The texts stay in the corpus. None of
the articles is in ../shared/gold/dev or benchmarks/gold.

The script runs azdiplo's pipeline on each article and takes the actor that
``doc._.actors`` reports at the mention (the one overlapping it most): its
``country`` must be the state, its ``sector`` the sector. A mention with no
actor counts as wrong for both. Goals (issue 12): state >= 90%, sector >= 80%.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections import Counter, defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_texts(corpus: pathlib.Path, ids: set[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for name in ("tempeval3.jsonl", "reuters21578.jsonl"):
        with open(corpus / name, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in ids:
                    out[rec["id"]] = {"text": rec["text"], "published": rec.get("published"), "title": rec.get("title")}
    for rid in ids:
        if rid.startswith("bbc/"):
            out[rid] = {"text": (corpus / rid).read_text(encoding="utf-8"), "published": None, "title": None}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=pathlib.Path, default=ROOT.parent / "shared" / "bench-corpus")
    parser.add_argument("--mentions", type=pathlib.Path, default=ROOT / "benchmarks" / "actors" / "mentions.jsonl")
    parser.add_argument("--errors", action="store_true", help="list every mention answered wrong")
    args = parser.parse_args(argv)

    from azdiplo.corpus import make_article
    from azdiplo.extract import make_doc
    from azdiplo.nlp.pipeline import build

    gold = [json.loads(line) for line in args.mentions.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_article: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_article[g["article"]].append(g)
    texts = load_texts(args.corpus, set(by_article))
    nlp = build()
    state_ok = sector_ok = 0
    errors = []
    by_kind: Counter = Counter()
    for rid, mentions in sorted(by_article.items()):
        src = texts[rid]
        article = make_article(src["text"], article_id=rid, title=src["title"], record_published=src["published"])
        base = article.text.find(src["text"][:200]) if article.text != src["text"] else 0
        doc = nlp(make_doc(nlp, article))
        refs = []
        for r in doc._.actors or []:
            start = doc[r["start"]].idx
            end = doc[r["end"] - 1].idx + len(doc[r["end"] - 1].text)
            refs.append((start, end, r))
        for g in mentions:
            s, e = base + g["start"], base + g["end"]
            best, overlap = None, 0
            for rs, re_, r in refs:
                o = min(e, re_) - max(s, rs)
                if o > overlap:
                    best, overlap = r, o
            got_state = best.get("country") if best else None
            got_sector = best.get("sector") if best else None
            ok_state, ok_sector = got_state == g["state"], got_sector == g["sector"]
            state_ok += ok_state
            sector_ok += ok_sector
            by_kind["found" if best else "missed"] += 1
            if args.errors and not (ok_state and ok_sector):
                errors.append(f"{rid} {src['text'][g['start']:g['end']]!r}: gold {g['state']}/{g['sector']}, "
                              f"got {got_state}/{got_sector} ({best.get('how') if best else 'no actor'})")
    n = len(gold)
    for line in errors:
        print(line)
    print(f"{n} mentions in {len(by_article)} articles ({len({g['state'] for g in gold})} states): "
          f"state {state_ok / n:.1%} (goal 90%), sector {sector_ok / n:.1%} (goal 80%); "
          f"{by_kind['missed']} with no actor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
