"""Writes to an event store from a separate process, for the store's crash and concurrency tests.

    python store_driver.py loop STORE          commit generations forever; print "ready" after the first
    python store_driver.py add STORE PREFIX N  add N articles, one writer() and one commit each

Each added article comes with two mentions and one event made of them, so a
state is *consistent* exactly when every article has its two mentions and its
event (``check_consistent``): a torn write would break that.
"""

from __future__ import annotations

import sys
from pathlib import Path

from azdiplo.models import Article, Event, Mention, Participant
from azdiplo.store import Store, StoreState

#: articles the loop keeps beyond the initial ones, so the store stays small
LOOP_WINDOW = 40


def add(state: StoreState, aid: str, day: int = 1) -> None:
    """Add an article, its two mentions and their event to ``state``."""
    text = f"President Alpha met Minister Beta in Gamma on 2021-03-{day:02d}. They also talked. ({aid})"
    article = Article(id=aid, text=text, published=f"2021-03-{day:02d}", published_from="header")
    people = [
        Participant(name="Alpha", kind="person", text="President Alpha", id="Q1", role="President", country="USA"),
        Participant(name="Beta", kind="person", text="Minister Beta", role="Minister", country="FRA"),
    ]
    mentions = [
        Mention(
            article=aid, type="meeting", status="occurred", sentence=text[:60], start=0, end=60,
            trigger=trigger, trigger_start=text.index(trigger), trigger_end=text.index(trigger) + len(trigger),
            rule=trigger,
            confidence=0.8, cameo="043", plover="CONSULT", participants=people,
            date=f"2021-03-{day:02d}", date_text=f"2021-03-{day:02d}", date_precision="day",
            date_source="sentence",
        )
        for trigger in ("met", "talked")
    ]
    event = Event(
        id=f"ev-{aid}", type="meeting", status="occurred", date=f"2021-03-{day:02d}",
        date_text=f"2021-03-{day:02d}", date_precision="day", date_source="sentence", place="Gamma",
        place_country=None, participants=people, countries=["FRA", "USA"], cameo="043", plover="CONSULT",
        plover_mode=None, evidence=text[:60], trigger="met", confidence=0.8,
        sources=[{"article": aid, "path": None, "title": None, "published": article.published}], mentions=mentions,
    )
    state.articles[aid] = article.meta()
    state.mentions[aid] = [m.to_dict() for m in mentions]
    state.events.append(event.to_dict())


def remove(state: StoreState, aid: str) -> None:
    del state.articles[aid]
    del state.mentions[aid]
    state.events = [e for e in state.events if e["id"] != f"ev-{aid}"]


def check_consistent(state: StoreState) -> None:
    """Assert that ``state`` is one that some commit of this driver wrote in full."""
    ids = set(state.articles)
    assert set(state.mentions) == ids
    assert all(len(ms) == 2 for ms in state.mentions.values())
    assert sorted(e["id"] for e in state.events) == sorted(f"ev-{a}" for a in ids)
    assert state.info["counts"] == {"articles": len(ids), "mentions": 2 * len(ids), "events": len(ids)}


def loop(path: Path) -> None:
    store = Store(path)
    ready = False
    while True:
        with store.writer(timeout=30) as w:
            for _ in range(3):
                looped = sorted(a for a in w.state.articles if a.startswith("k"))
                number = int(looped[-1][1:]) + 1 if looped else 0
                add(w.state, f"k{number:07d}", day=1 + number % 28)
                if len(looped) >= LOOP_WINDOW:
                    remove(w.state, looped[0])
                w.commit()
                if not ready:
                    print("ready", flush=True)
                    ready = True


def add_many(path: Path, prefix: str, count: int) -> None:
    store = Store(path)
    for i in range(count):
        with store.writer(timeout=60) as w:
            add(w.state, f"{prefix}{i:04d}", day=1 + i % 28)
            w.commit()


if __name__ == "__main__":
    command, store_path, *rest = sys.argv[1:]
    if command == "loop":
        loop(Path(store_path))
    elif command == "add":
        add_many(Path(store_path), rest[0], int(rest[1]))
    else:
        sys.exit(f"unknown command {command!r}")
