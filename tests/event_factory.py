"""Stores of hand-written events, without the model: for tests of what reads a store (exports, report).

    store = write_store(tmp_path / "s", [event("e1", [person("Alpha", "USA"), country("FRA")], ...)])

Each event gets one article per source and one mention per source, so the
store is consistent (``store verify`` passes) and its counts are known.
"""

from __future__ import annotations

from pathlib import Path

from azdiplo.models import Article, Event, Mention, Participant
from azdiplo.store import Store

COUNTRIES = {"USA": "United States", "FRA": "France", "AZE": "Azerbaijan", "ARM": "Armenia", "DEU": "Germany"}


def person(name: str, state: str | None, *, function: str = "participant", pid: str | None = None,
           role: str | None = None, **extra) -> Participant:
    return Participant(name=name, kind="person", text=name, id=pid, role=role, country=state, function=function, **extra)


def country(iso3: str, *, function: str = "participant") -> Participant:
    return Participant(name=COUNTRIES[iso3], kind="country", text=COUNTRIES[iso3], id=iso3, country=iso3,
                       function=function)


def org(name: str, oid: str | None = None, *, state: str | None = None, function: str = "participant") -> Participant:
    return Participant(name=name, kind="organization", text=name, id=oid, country=state, function=function)


def event(eid: str, participants: list[Participant], *, type_: str = "meeting", status: str = "occurred",
          date: str | None = "2021-03-04", precision: str | None = "day", place: str | None = None,
          place_country: str | None = None, sentence: str = "They met.", sources: int = 1,
          titles: list[str | None] | None = None, urls: list[str | None] | None = None,
          cameo: str = "040", plover: str = "CONSULT", mode: str | None = None,
          published: str = "2021-03-05") -> tuple[Event, list[Article]]:
    articles, mentions, metas = [], [], []
    for i in range(sources):
        aid = f"{eid}-a{i}"
        text = f"Report {i}. {sentence}"
        art = Article(id=aid, text=text, path=f"articles/{aid}.txt", title=(titles or [None] * sources)[i],
                      published=published, published_from="header", url=(urls or [None] * sources)[i])
        articles.append(art)
        start = text.index(sentence)
        mentions.append(Mention(article=aid, type=type_, status=status, sentence=sentence, start=start,
                                end=start + len(sentence), trigger="met", trigger_start=start, trigger_end=start + 3,
                                rule="test", confidence=0.9, cameo=cameo, plover=plover, plover_mode=mode,
                                participants=participants, date=date, date_text=date, date_precision=precision,
                                date_source="sentence" if date else "none", place=place, place_country=place_country))
        meta = art.meta()
        metas.append({"article": aid, "path": meta["path"], "title": meta["title"], "published": meta["published"]})
    countries = sorted({p.country for p in participants if p.country})
    ev = Event(id=eid, type=type_, status=status, date=date, date_text=date, date_precision=precision,
               date_source="sentence" if date else "none", place=place, place_country=place_country,
               participants=participants, countries=countries, cameo=cameo, plover=plover, plover_mode=mode,
               evidence=sentence, trigger="met", confidence=0.9, sources=metas, mentions=mentions)
    return ev, articles


def write_store(path: Path, built: list[tuple[Event, list[Article]]], extra_articles: list[Article] = ()) -> Store:
    store = Store(path)
    with store.writer() as w:
        for ev, articles in built:
            for art, m in zip(articles, ev.mentions):
                w.state.articles[art.id] = art.meta()
                w.state.mentions[art.id] = [m.to_dict()]
            w.state.events.append(ev.to_dict())
        for art in extra_articles:
            w.state.articles[art.id] = art.meta()
            w.state.mentions[art.id] = []
        w.commit()
    return store
