"""Generate a synthetic event store of N events that passes ``azdiplo store verify``.

    .venv/bin/python benchmarks/synth_store.py STORE_DIR --events 100000 [--seed 7] [--jsonl events.jsonl]
    .venv/bin/python benchmarks/synth_store.py STORE_DIR --describe [--jsonl events.jsonl]
    .venv/bin/python benchmarks/synth_store.py STORE_DIR --restamp

Events have the shape of :class:`azdiplo.models.Event` (participants from
the packaged actor dictionary, drawn with a Zipf-like skew so that a few
actors are everywhere and most are rare; one to three mentions from as many
articles; day, month, year and range dates from 2010 to 2026; a few undated).
The store is written as one segment and one generation, streaming, with the
store's own segment writer, because holding a million events in a
``StoreState`` would take many gigabytes.
``--jsonl`` also writes the events as plain JSON Lines, for ``jq``.
``--restamp`` records this azdiplo's ``merge_version`` in a store made
before a change to the merge code (a new generation, the same segments): the
synthetic events are no merge's output whatever the version, and a store
stamped with another version is merged again whole by its next commit,
which would time that instead of a commit.

Prints one JSON line: counts, sizes, seconds, and a suggested query actor.
``--describe`` prints the same of a store made before (one pass over its
events, which ``--jsonl`` writes out as it goes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time
from pathlib import Path

import orjson

from azdiplo.ingest import merge_version
from azdiplo.store import Store, StoreState, summary
from azdiplo.store import files as S
from azdiplo.store.segments import write_segment
from azdiplo.store.state import event_order
from azdiplo.actors import ActorIndex
from azdiplo.models import Event, Participant

TYPES = [("meeting", "036", "CONSULT"), ("visit", "042", "CONSULT"), ("call", "040", "CONSULT"),
         ("negotiation", "046", "CONSULT"), ("agreement", "057", "AGREE"), ("intent", "030", "COOPERATE"),
         ("statement", "010", "ASSERT")]
STATUSES = ["occurred"] * 6 + ["planned"] * 3 + ["hypothetical", "negated"]
VERBS = {"meeting": "met", "visit": "visited", "call": "spoke by phone with", "negotiation": "held talks with",
         "agreement": "signed an agreement with", "intent": "pledged to work with", "statement": "said of"}
START, END = dt.date(2010, 1, 1), dt.date(2026, 12, 31)


class _Out:
    """A file written in 1 MiB blocks, with the sha256 and size the manifest records."""

    def __init__(self, path: Path):
        self.f = open(path, "wb")
        self.sha = hashlib.sha256()
        self.size = 0
        self.buf: list[bytes] = []
        self.n = 0

    def write(self, data: bytes) -> None:
        self.buf.append(data)
        self.n += len(data)
        if self.n >= 1 << 20:
            self.flush()

    def flush(self) -> None:
        block = b"".join(self.buf)
        self.f.write(block)
        self.sha.update(block)
        self.size += len(block)
        self.buf, self.n = [], 0

    def close(self) -> dict:
        self.flush()
        self.f.flush()
        os.fsync(self.f.fileno())
        self.f.close()
        return {"sha256": self.sha.hexdigest(), "size": self.size}


def _actors() -> list[dict]:
    index = ActorIndex.load()
    chosen = [a for a in index if a.kind in ("country", "person", "organization")]
    chosen.sort(key=lambda a: a.id)
    random.Random(1).shuffle(chosen)  # the skew falls on a fixed but arbitrary order
    return [{"id": a.id, "name": a.name, "kind": a.coarse_kind, "country": a.country} for a in chosen]


def _date(rng: random.Random) -> tuple[str | None, str | None, str | None]:
    """(value, precision, text)."""
    r = rng.random()
    if r < 0.04:
        return None, None, None
    day = START + dt.timedelta(days=rng.randrange((END - START).days + 1))
    if r < 0.75:
        return day.isoformat(), "day", day.strftime("%B %d, %Y")
    if r < 0.90:
        return day.strftime("%Y-%m"), "month", day.strftime("%B %Y")
    if r < 0.96:
        return str(day.year), "year", str(day.year)
    last = day + dt.timedelta(days=1)
    return f"{day.isoformat()}/{last.isoformat()}", "range", f"{day:%B} {day.day}-{last.day}, {day.year}"


def _participant(a: dict, function: str) -> dict:
    return Participant(name=a["name"], kind=a["kind"], text=a["name"], id=a["id"], country=a["country"],
                       function=function).to_dict()


def _rows(events: int, seed: int, actors: list[dict]):
    """(event, its mentions, its articles) for each event, in store order; the same for the same seed."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(actors))]
    # keys first, sorted as the store orders events (azdiplo.store.state.event_order: the days a date
    # covers, then id; undated last)
    keys = []
    for i in range(events):
        value, precision, text = _date(rng)
        eid = "ev_" + hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()[:12]
        keys.append((event_order({"date": value, "id": eid}), value or "", eid, precision, text))
    keys.sort()
    for i, (_, value, eid, precision, text) in enumerate(keys):
        value = value or None
        type_, cameo, plover = TYPES[min(int(rng.expovariate(0.6)), len(TYPES) - 1)]
        status = rng.choice(STATUSES)
        who = []
        for a in rng.choices(actors, weights, k=rng.choice((2, 2, 2, 3))):
            if a not in who:
                who.append(a)
        if len(who) < 2:
            who.append(actors[(actors.index(who[0]) + 1) % len(actors)])
        sentence = f"{who[0]['name']} {VERBS[type_]} {who[1]['name']}" + (f" on {text}." if text else ".")
        place = who[1] if who[1]["kind"] == "country" else None
        mentions, sources, articles = [], [], []
        published = (dt.date.fromisoformat(value[:10]) if value and len(value) >= 10 else START) + dt.timedelta(days=1)
        participants = [_participant(a, "agent" if k == 0 else "counterpart") for k, a in enumerate(who)]
        verb = VERBS[type_].split()[0]
        t_start = 100 + len(who[0]["name"]) + 1
        for j in range(rng.choice((1, 1, 1, 2, 2, 3))):
            article = f"syn{i:07d}-{j}"
            # Mention.to_dict()'s shape, built as a dict: a dataclass per mention would double the time
            m = {"article": article, "type": type_, "status": status, "sentence": sentence, "start": 100,
                 "end": 100 + len(sentence), "trigger": verb, "trigger_start": t_start, "trigger_end": t_start + len(verb),
                 "rule": "synthetic", "confidence": 0.8, "cameo": cameo, "plover": plover, "plover_mode": None,
                 "participants": participants, "date": value, "date_text": text, "date_precision": precision,
                 "date_source": "sentence" if value else "none", "date_reason": None,
                 "place": place["name"] if place else None, "place_country": place["id"] if place else None,
                 "place_source": "sentence" if place else None, "place_reason": None, "reference": False}
            mentions.append(m)
            meta = {"id": article, "path": f"synthetic/{article}.txt", "paths": [f"synthetic/{article}.txt"],
                    "title": f"Synthetic report {i}-{j}", "published": published.isoformat(),
                    "published_from": "record", "url": None, "source_id": None,
                    "sha256": hashlib.sha256(article.encode()).hexdigest(), "chars": 100 + len(sentence), "actors": []}
            articles.append(meta)
            sources.append({"article": article, "path": meta["path"], "title": meta["title"], "published": meta["published"]})
        event = {"id": eid, "type": type_, "status": status, "date": value, "date_text": text,
                 "date_precision": precision, "date_source": "sentence" if value else "none",
                 "place": mentions[0]["place"], "place_country": mentions[0]["place_country"],
                 "participants": participants, "countries": sorted({a["country"] for a in who if a["country"]}),
                 "cameo": cameo, "plover": {"category": plover, "mode": None}, "evidence": sentence, "trigger": verb,
                 "confidence": 0.8, "num_mentions": len(mentions), "num_sources": len(sources), "sources": sources,
                 "mentions": mentions}
        if i == 0:  # the shapes are the models' own
            assert event == Event.from_dict(event).to_dict(), "synthetic event shape drifted from models.Event"
        yield event, mentions, articles


def generate(path: Path, events: int, seed: int = 7, jsonl: Path | None = None) -> dict:
    """Write the store at ``path`` (which must not exist yet): one segment, one generation; return a summary.

    The rows are generated three times from the same seed (articles, then
    mentions, then events: the order a segment is written in), so that
    nothing but the index is held in memory.
    """
    t0 = time.perf_counter()
    actors = _actors()
    store = Store(path)
    path.mkdir(parents=True)
    raw = open(jsonl, "wb") if jsonl else None
    counts = {"articles": 0, "mentions": 0, "events": 0}
    live = summary.empty()
    names: dict[str, int] = {}

    def articles():
        for _, _, found in _rows(events, seed, actors):
            counts["articles"] += len(found)
            yield from found

    def mentions():
        for _, found, _ in _rows(events, seed, actors):
            counts["mentions"] += len(found)
            yield from found

    def events_():
        for event, _, _ in _rows(events, seed, actors):
            counts["events"] += 1
            summary.change(live, summary.keys_of_event(event), +1)
            for p in event["participants"]:
                names[p["id"]] = names.get(p["id"], 0) + 1
            if raw:
                raw.write(orjson.dumps(event, option=S.SORT) + b"\n")
            yield event

    entry = write_segment(path, "seg-000001", articles(), mentions(), events_())
    if raw:
        raw.close()
    # merged "by" this version's rule, so that a commit into it re-merges what it touches, not everything
    info = {**StoreState.empty().info, "pipeline_version": "synthetic", "merge_version": merge_version()}
    store._write_generation(info, [entry], {}, counts, summary.tidy(live), None)
    ranked = sorted(((n, k) for k, n in names.items()), reverse=True)
    return {"events": events, "mentions": counts["mentions"], "articles": counts["articles"],
            "events_bytes": entry["files"][S.EVENTS]["size"], "seconds": round(time.perf_counter() - t0, 1),
            "actors_by_events": [[k, n] for n, k in ranked[:40]]}


def describe(path: Path, jsonl: Path | None = None) -> dict:
    """The summary :func:`generate` prints, of an existing store; its events written to ``jsonl`` on the way."""
    t0 = time.perf_counter()
    store = Store(path)
    counts = store.info()["counts"]
    names: dict[str, int] = {}
    size = 0
    raw = open(jsonl, "wb") if jsonl else None
    for event in store.iter_events():
        line = orjson.dumps(event, option=S.SORT) + b"\n"
        size += len(line)
        if raw:
            raw.write(line)
        for p in event["participants"]:
            if p.get("id"):
                names[p["id"]] = names.get(p["id"], 0) + 1
    if raw:
        raw.close()
    ranked = sorted(((n, k) for k, n in names.items()), reverse=True)
    return {"events": counts["events"], "mentions": counts["mentions"], "articles": counts["articles"],
            "events_bytes": size, "seconds": round(time.perf_counter() - t0, 1),
            "actors_by_events": [[k, n] for n, k in ranked[:40]]}


def restamp(path: Path) -> dict:
    """Record this azdiplo's merge_version in the synthetic store at ``path`` (see the module's docs)."""
    from azdiplo.store import Change

    store = Store(path)
    before = store.info().get("merge_version")
    if before != merge_version():
        with store.writer() as w:
            w.apply(Change(info={"merge_version": merge_version()}))
    return {"merge_version": merge_version(), "was": before}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("store", type=Path)
    p.add_argument("--events", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--jsonl", type=Path, help="also write the events here as JSON Lines")
    p.add_argument("--describe", action="store_true", help="summarise a store made before instead of making one")
    p.add_argument("--restamp", action="store_true", help="record this azdiplo's merge_version in a store made before")
    args = p.parse_args(argv)
    if args.restamp:
        sys.stdout.write(orjson.dumps(restamp(args.store)).decode() + "\n")
        return 0
    if args.describe:
        sys.stdout.write(orjson.dumps(describe(args.store, args.jsonl)).decode() + "\n")
        return 0
    if args.store.exists():
        p.error(f"{args.store} exists; give a new directory")
    sys.stdout.write(orjson.dumps(generate(args.store, args.events, args.seed, args.jsonl)).decode() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
