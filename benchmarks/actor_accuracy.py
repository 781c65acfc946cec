#!/usr/bin/env python3
"""State and sector accuracy of azdiplo's actors on real news (issue 12's test set).

    python benchmarks/actor_accuracy.py [--corpus ../shared/bench-corpus] [--errors]
    python benchmarks/actor_accuracy.py --set strings [--half tune|tune2|test] [--errors] [--scorer head|overlap]

``benchmarks/actors/mentions.jsonl`` holds 325 actor mentions of the bench
corpus (Reuters 1987, AFP and Xinhua 1997-2006, BBC 2004-5; 68 states), one
per line: the article id, the character offsets of the mention in the
article's text (the JSON Lines record's ``text``, or the BBC file), and the
state (ISO 3166 alpha-3, former states by their ISO 3166-3 codes) and the
CAMEO/PLOVER sector a careful reader gives it, annotated by reading the
articles (never from azdiplo's output). The texts stay in the corpus. None of
the articles is in ../shared/gold/dev or benchmarks/gold.

The script runs azdiplo's pipeline on each article and takes the actor that
``doc._.actors`` reports at the mention (the one that ends at the mention's
last word and starts inside it, the head of the noun phrase; else the one
overlapping it most): its
``country`` must be the state, its ``sector`` the sector. A mention with no
actor counts as wrong for both. Goals (issue 12): state >= 90%, sector >= 80%.

``--set strings`` scores the second set, ``benchmarks/actors/strings.jsonl``:
373 actor strings as event coders' tests write them (a nationality or a
country's possessive before an agent noun, "Iraqi troops", "Taiwan's central
bank"; nationals in the plural, "Iraqis"; an office by its title only, "the
prime minister"), drawn by ``tools/draw_actor_strings.py`` from sentences,
not from azdiplo's output, and annotated the same way. Each line also has the
``family`` of its form and its part, ``half``: ``tune`` (87 strings, the
rules were fixed on it), ``test`` (119, only ever measured, its errors never
read) or ``tune2`` (167 of other articles, drawn later with another seed,
measured before any rule was fixed on it, then tuned on); the parts are
split by article. ``--half`` scores one of them; the score is given per
family too. The
sector is the primary code the CAMEO/PLOVER agents dictionary gives the
longest phrase it has ("national news agency" GOV, "militants" UAF,
"newspaper" JRN), else what a CAMEO coder would give (a company BUS, a
country's people CVL, a named party PTY).
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
    parser.add_argument("--set", choices=("mentions", "strings"), default="mentions",
                        help="the first set (mentions.jsonl) or the coders' strings (strings.jsonl)")
    parser.add_argument("--mentions", type=pathlib.Path, help="a mentions file other than the set's")
    parser.add_argument("--half", choices=("tune", "test", "tune2", "tune3"), help="only the mentions of this half (strings set)")
    parser.add_argument("--errors", action="store_true", help="list every mention answered wrong")
    parser.add_argument("--scorer", choices=("head", "overlap"), default="head",
                        help="which actor answers for a mention: the one ending at its last word inside it, else "
                             "the one overlapping it most (head, default), or always the most overlapping (overlap, "
                             "the scorer before 2026-11-27)")
    args = parser.parse_args(argv)

    from azdiplo.corpus import make_article
    from azdiplo.extract import make_doc
    from azdiplo.nlp.pipeline import build

    path = args.mentions or ROOT / "benchmarks" / "actors" / f"{args.set}.jsonl"
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.half:
        gold = [g for g in gold if g.get("half") == args.half]
    by_article: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_article[g["article"]].append(g)
    texts = load_texts(args.corpus, set(by_article))
    nlp = build()
    state_ok = sector_ok = 0
    errors = []
    by_kind: Counter = Counter()
    by_family: dict[str, Counter] = defaultdict(Counter)
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
            # the head of an English noun phrase is its last word: "South African president Thabo
            # Mbeki" is the person, even where the state's name is the longer of the two
            head = [r for rs, re_, r in refs if rs < e <= re_ and rs >= s]
            if head and args.scorer == "head":
                best = head[0]
            got_state = best.get("country") if best else None
            got_sector = best.get("sector") if best else None
            ok_state, ok_sector = got_state == g["state"], got_sector == g["sector"]
            state_ok += ok_state
            sector_ok += ok_sector
            by_kind["found" if best else "missed"] += 1
            if "family" in g:
                fam = by_family[g["family"]]
                fam["n"] += 1
                fam["state"] += ok_state
                fam["sector"] += ok_sector
            if args.errors and not (ok_state and ok_sector):
                errors.append(f"{rid} {src['text'][g['start']:g['end']]!r}: gold {g['state']}/{g['sector']}, "
                              f"got {got_state}/{got_sector} ({best.get('how') if best else 'no actor'})")
    n = len(gold)
    for line in errors:
        print(line)
    for name, fam in sorted(by_family.items()):
        print(f"  {name}: {fam['n']} mentions, state {fam['state'] / fam['n']:.1%}, sector {fam['sector'] / fam['n']:.1%}")
    print(f"{n} mentions in {len(by_article)} articles ({len({g['state'] for g in gold})} states): "
          f"state {state_ok / n:.1%} (goal 90%), sector {sector_ok / n:.1%} (goal 80%); "
          f"{by_kind['missed']} with no actor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
