#!/usr/bin/env python3
"""Check a reference annotation (the format of ../shared/gold/GUIDE.md) against its article texts.

    python tools/check_gold.py GOLD.json [--articles LIST.txt] [--corpus ../shared/bench-corpus]

Reports every problem, one per line, and exits 1 if there is any: the schema
tag, a document list that differs from LIST.txt, a quote that is not an exact
substring of its article, an event or must_not_extract passage of an article
not in ``documents``, a participant missing from ``actors``, an alias shared
by two actors, a type, status or date that is not valid. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

TYPES = {"meeting", "visit", "call", "negotiation", "agreement", "intent", "statement"}
STATUSES = {"occurred", "ongoing", "planned", "hypothetical", "negated"}
KINDS = {"person", "country", "organization", "institution"}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-Q[1-4])?")


def valid_date(value) -> bool:
    if value is None:
        return True
    parts = str(value).split("/")
    return len(parts) <= 2 and all(DATE.fullmatch(p) for p in parts)


def texts_of(corpus: Path, ids: set[str]) -> dict[str, str]:
    out = {}
    for path in corpus.glob("*.jsonl"):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if any(f'"{i}"' in line[:200] for i in ids):
                    art = json.loads(line)
                    if art["id"] in ids:
                        out[art["id"]] = art["text"]
    return out


def check(gold: dict, texts: dict[str, str], expected: set[str] | None) -> list[str]:
    problems = []
    if gold.get("schema") != "azdiplo-gold/1":
        problems.append("schema: expected 'azdiplo-gold/1'")
    docs = {d["file"] for d in gold.get("documents", [])}
    if expected is not None and docs != expected:
        problems.append(f"documents: missing {sorted(expected - docs)}, extra {sorted(docs - expected)}")
    for d in gold.get("documents", []):
        if not valid_date(d.get("published")):
            problems.append(f"{d['file']}: bad published date {d.get('published')!r}")
    actors = gold.get("actors", {})
    seen_alias: dict[str, str] = {}
    for name, info in actors.items():
        if info.get("kind") not in KINDS:
            problems.append(f"actor {name!r}: kind {info.get('kind')!r}")
        for alias in [name, *info.get("aliases", [])]:
            key = alias.lower()
            if key in seen_alias and seen_alias[key] != name:
                problems.append(f"alias {alias!r} of both {seen_alias[key]!r} and {name!r}")
            seen_alias.setdefault(key, name)
    ids = set()
    for ev in gold.get("events", []):
        where = f"event {ev.get('id')}"
        if ev.get("id") in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(ev.get("id"))
        if ev.get("type") not in TYPES or not set(ev.get("alt_types", [])) <= TYPES:
            problems.append(f"{where}: type {ev.get('type')!r} / alt_types {ev.get('alt_types')!r}")
        if ev.get("status") not in STATUSES or not isinstance(ev.get("required"), bool):
            problems.append(f"{where}: status {ev.get('status')!r} / required {ev.get('required')!r}")
        if not valid_date(ev.get("date")):
            problems.append(f"{where}: bad date {ev.get('date')!r}")
        for p in ev.get("participants", []):
            if p not in actors:
                problems.append(f"{where}: participant {p!r} not in actors")
        if not ev.get("participants"):
            problems.append(f"{where}: no participants")
        if not ev.get("mentions"):
            problems.append(f"{where}: no mentions")
        for m in ev.get("mentions", []):
            problems += quote_problems(where, m, docs, texts)
    for bad in gold.get("must_not_extract", []):
        problems += quote_problems("must_not_extract", bad, docs, texts)
    return problems


def quote_problems(where: str, m: dict, docs: set[str], texts: dict[str, str]) -> list[str]:
    if m.get("file") not in docs:
        return [f"{where}: file {m.get('file')!r} not in documents"]
    text = texts.get(m["file"])
    if text is None:
        return [f"{where}: no text found for {m['file']}"]
    if m.get("quote", "") not in text:
        return [f"{where}: quote not in {m['file']}: {m.get('quote')!r}"]
    return []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--articles", type=Path, help="the batch's list of article ids")
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench-corpus")
    args = ap.parse_args()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    expected = set(args.articles.read_text().split()) if args.articles else None
    docs = {d["file"] for d in gold.get("documents", [])} | (expected or set())
    problems = check(gold, texts_of(args.corpus, docs), expected)
    for p in problems:
        print(p)
    n_req = sum(1 for e in gold.get("events", []) if e.get("required"))
    print(f"{len(gold.get('documents', []))} documents, {len(gold.get('events', []))} events ({n_req} required), "
          f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
