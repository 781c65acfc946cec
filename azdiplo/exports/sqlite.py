"""The store as one SQLite file (Datasette, pandas ``read_sql``, DuckDB ``sqlite_scan``, sqlite3).

Four tables, keys and foreign keys declared, indexed for the usual joins:

- ``articles``: every article of the store (``id`` primary key);
- ``events``: one row per event (``id`` primary key), with its date both as
  the text gives it (``date``) and as day bounds (``date_start``,
  ``date_end``), and its place's ``latitude``/``longitude`` when known;
- ``participants``: one row per participant of an event (``event_id`` →
  events, ``position``), with its actor ``key`` (id, else lower-cased
  name), ``code`` and ``sector`` when known;
- ``mentions``: every report of every event (``event_id`` → events,
  ``article_id`` → articles), with its sentence and offsets.

The file is written aside and renamed into place: an interrupted export
leaves no half-written database (``azdiplo/outfile.py``; a device or a
named pipe is written through, never replaced).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from .. import outfile
from .codes import Coder
from .dating import span
from .geo import event_point
from .text import clean

SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, path TEXT, title TEXT, published TEXT, published_from TEXT, url TEXT,
    source_id TEXT, sha256 TEXT, chars INTEGER
);
CREATE TABLE events (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, date TEXT, date_start TEXT, date_end TEXT,
    date_text TEXT, date_precision TEXT, date_source TEXT, place TEXT, place_country TEXT,
    latitude REAL, longitude REAL, location_precision TEXT, cameo TEXT, plover TEXT, plover_mode TEXT,
    evidence TEXT, trigger TEXT, confidence REAL, num_mentions INTEGER, num_sources INTEGER
);
CREATE TABLE participants (
    event_id TEXT NOT NULL REFERENCES events(id), position INTEGER NOT NULL, key TEXT NOT NULL,
    actor_id TEXT, name TEXT NOT NULL, text TEXT, kind TEXT, role TEXT, country TEXT, organization TEXT,
    function TEXT, code TEXT, sector TEXT,
    PRIMARY KEY (event_id, position)
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id),
    article_id TEXT NOT NULL REFERENCES articles(id), type TEXT, status TEXT, sentence TEXT,
    start INTEGER, "end" INTEGER, trigger TEXT, trigger_start INTEGER, trigger_end INTEGER, rule TEXT,
    confidence REAL, cameo TEXT, plover TEXT, plover_mode TEXT, date TEXT, date_text TEXT,
    date_precision TEXT, date_source TEXT, date_reason TEXT, place TEXT, place_country TEXT,
    place_source TEXT, place_reason TEXT, reference INTEGER
);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_type ON events(type);
CREATE INDEX participants_key ON participants(key);
CREATE INDEX participants_country ON participants(country);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_article ON mentions(article_id);
"""

ARTICLE_COLUMNS = ("id", "path", "title", "published", "published_from", "url", "source_id", "sha256", "chars")
MENTION_COLUMNS = ("type", "status", "sentence", "start", "end", "trigger", "trigger_start", "trigger_end", "rule",
                   "confidence", "cameo", "plover", "plover_mode", "date", "date_text", "date_precision",
                   "date_source", "date_reason", "place", "place_country", "place_source", "place_reason", "reference")


_QUOTED = ", ".join('"' + c + '"' for c in MENTION_COLUMNS)  # "end" is an SQL keyword
_INSERT_MENTION = (f"INSERT INTO mentions (event_id, article_id, {_QUOTED}) "
                   f"VALUES ({','.join('?' * (len(MENTION_COLUMNS) + 2))})")


def _row(values) -> tuple:
    return tuple(clean(v) for v in values)


def _event_row(e: dict[str, Any]) -> tuple:
    when = span(e)
    dated = when is not None and not when.from_publication
    point = event_point(e)
    plover = e.get("plover") or {}
    return _row((e["id"], e["type"], e["status"], e.get("date"), when.start.isoformat() if dated else None,
                 when.end.isoformat() if dated else None, e.get("date_text"), e.get("date_precision"),
                 e.get("date_source"), e.get("place"), e.get("place_country"), point.lat if point else None,
                 point.lon if point else None, point.precision if point else None, e.get("cameo"),
                 plover.get("category"), plover.get("mode"), e.get("evidence"), e.get("trigger"),
                 e.get("confidence"), e.get("num_mentions", len(e.get("mentions", ()))),
                 e.get("num_sources", len(e.get("sources", ())))))


def write(store, path: Path, *, coder: Coder) -> dict[str, int]:
    """Write the whole store to the SQLite file ``path`` (replaced; a device written through); return the row count of each table."""
    counts = {"articles": 0, "events": 0, "participants": 0, "mentions": 0}

    def fill(tmp: Path) -> None:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.executescript(SCHEMA)
            with db:
                for a in store.iter_rows("articles"):
                    db.execute(f"INSERT INTO articles VALUES ({','.join('?' * len(ARTICLE_COLUMNS))})",
                               _row(a.get(c) for c in ARTICLE_COLUMNS))
                    counts["articles"] += 1
                for e in store.iter_events():
                    db.execute(f"INSERT INTO events VALUES ({','.join('?' * 22)})", _event_row(e))
                    counts["events"] += 1
                    for i, p in enumerate(e.get("participants", ())):
                        c = coder(p)
                        db.execute("INSERT INTO participants VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                   _row((e["id"], i, c.key, p.get("id"), p["name"], p.get("text"), p.get("kind"),
                                         p.get("role"), p.get("country"), p.get("organization"), p.get("function"),
                                         c.code, c.sector)))
                        counts["participants"] += 1
                    for m in e.get("mentions", ()):
                        db.execute(_INSERT_MENTION, _row((e["id"], m["article"], *(m.get(c) for c in MENTION_COLUMNS))))
                        counts["mentions"] += 1
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"the store's events and articles disagree: {len(problems)} dangling references")
        finally:
            db.close()

    outfile.replace(path, fill)
    return counts
