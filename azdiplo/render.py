"""Writers for every output format, to a stream they are given.

Machine formats (json, jsonl, csv, tsv, ids, markdown) are plain text and
never pass through Rich; only ``table`` and the terminal timeline use Rich,
with colour only when the stream is a terminal and ``NO_COLOR`` is unset.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from typing import IO

import orjson

EVENT_FORMATS = ("table", "json", "jsonl", "csv", "tsv", "ids")
TIMELINE_FORMATS = ("table", "json", "markdown")

#: flat columns of an event, for table/csv/tsv and --fields
EVENT_COLUMNS = {
    "id": lambda e: e["id"],
    "date": lambda e: e.get("date") or "",
    "type": lambda e: e["type"],
    "status": lambda e: e["status"],
    "participants": lambda e: "; ".join(p["name"] for p in e.get("participants", ())),
    "place": lambda e: e.get("place") or "",
    "sources": lambda e: e.get("num_sources", len(e.get("sources", ()))),
    "mentions": lambda e: e.get("num_mentions", len(e.get("mentions", ()))),
    "countries": lambda e: " ".join(e.get("countries", ())),
    "date_text": lambda e: e.get("date_text") or "",
    "date_precision": lambda e: e.get("date_precision") or "",
    "date_source": lambda e: e.get("date_source") or "",
    "place_country": lambda e: e.get("place_country") or "",
    "cameo": lambda e: e.get("cameo") or "",
    "plover": lambda e: (e.get("plover") or {}).get("category") or "",
    "plover_mode": lambda e: (e.get("plover") or {}).get("mode") or "",
    "confidence": lambda e: e.get("confidence", ""),
    "trigger": lambda e: e.get("trigger") or "",
    "evidence": lambda e: e.get("evidence") or "",
    "articles": lambda e: " ".join(os.path.basename(s.get("path") or s["article"]) for s in e.get("sources", ())),
}
DEFAULT_TABLE = ["id", "date", "type", "status", "participants", "place", "sources"]
DEFAULT_CSV = [
    "id", "date", "date_precision", "type", "status", "participants", "countries", "place", "place_country",
    "cameo", "plover", "plover_mode", "confidence", "mentions", "sources", "articles", "evidence",
]
_JSON = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


def dumps(value, *, indent: bool = True) -> str:
    return orjson.dumps(value, option=_JSON if indent else orjson.OPT_SORT_KEYS).decode()


def check_fields(fields: Sequence[str] | None) -> list[str] | None:
    from .errors import UsageError

    if not fields:
        return None
    out = []
    for f in fields:
        for name in f.split(","):
            name = name.strip()
            if name and name not in EVENT_COLUMNS:
                raise UsageError(f"unknown field {name!r}", "choose from " + ", ".join(EVENT_COLUMNS))
            if name:
                out.append(name)
    return out


def write_events(events: Iterable[dict], fmt: str, out: IO[str], *, fields: list[str] | None = None,
                 color: bool = False, title: str | None = None) -> int:
    """Write events in ``fmt``; return how many were written. Empty input is valid output."""
    events = list(events)
    if fmt == "json":
        rows = [{k: e.get(k) for k in fields} if fields else e for e in events]
        out.write(dumps(rows) + "\n")
    elif fmt == "jsonl":
        for e in events:
            out.write(dumps({k: e.get(k) for k in fields} if fields else e, indent=False) + "\n")
    elif fmt in ("csv", "tsv"):
        cols = fields or DEFAULT_CSV
        w = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(cols)
        for e in events:
            w.writerow([_cell(EVENT_COLUMNS[c](e), fmt) for c in cols])
    elif fmt == "ids":
        for e in events:
            out.write(e["id"] + "\n")
    elif fmt == "table":
        _table(events, fields or DEFAULT_TABLE, out, color=color, title=title)
    else:  # guarded by the CLI
        raise ValueError(fmt)
    return len(events)


def _cell(value, fmt: str):
    if fmt == "tsv" and isinstance(value, str):
        return value.replace("\t", " ").replace("\n", " ")
    return value


def console(out: IO[str], *, color: bool):
    from rich.console import Console

    return Console(file=out, no_color=not color, color_system="auto" if color else None, highlight=False,
                   force_terminal=color, width=None if color else 160, soft_wrap=False)


def _table(events: list[dict], cols: list[str], out: IO[str], *, color: bool, title: str | None) -> None:
    from rich.table import Table

    con = console(out, color=color)
    if not events:
        con.print("no events", style="dim")
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in cols:
        table.add_column(c, overflow="fold", no_wrap=c in ("id", "date", "type", "status", "sources"))
    for e in events:
        table.add_row(*[str(EVENT_COLUMNS[c](e)) for c in cols])
    con.print(table)


def write_event_detail(e: dict, out: IO[str], *, color: bool) -> None:
    """``azdiplo show``: one event with every mention and its evidence."""
    from rich.markup import escape

    con = console(out, color=color)
    con.print(f"[bold]{e['id']}[/bold]  {e['type']} ({e['status']})  CAMEO {e.get('cameo')}  "
              f"PLOVER {(e.get('plover') or {}).get('category')}/{(e.get('plover') or {}).get('mode') or '-'}")
    con.print(f"date:   {e.get('date') or '—'}  [dim]{escape(e.get('date_text') or '')} ({e.get('date_source')})[/dim]")
    con.print(f"place:  {escape(e.get('place') or '—')}")
    con.print("participants:")
    for p in e.get("participants", ()):
        extra = ", ".join(x for x in (p.get("role"), p.get("organization"), p.get("country")) if x)
        con.print(f"  - {escape(p['name'])} [dim]({p['kind']}{', ' + escape(extra) if extra else ''}; {p.get('function')})[/dim]")
    con.print(f"sources: {e.get('num_sources')}   mentions: {e.get('num_mentions')}   confidence: {e.get('confidence')}")
    for m in e.get("mentions", ()):
        src = next((s for s in e.get("sources", ()) if s["article"] == m["article"]), {})
        con.print(f"\n[bold]{escape(src.get('path') or m['article'])}[/bold] [dim][{m['start']}:{m['end']}] "
                  f"rule {m['rule']}{' (reference)' if m.get('reference') else ''}[/dim]")
        con.print("  " + escape(m["sentence"]))


def write_timeline(groups: list[tuple[str, list[dict]]], fmt: str, out: IO[str], *, color: bool, by: str) -> int:
    n = sum(len(evs) for _, evs in groups)
    if fmt == "json":
        out.write(dumps([{"period": p, "count": len(evs), "events": [_brief(e) for e in evs]} for p, evs in groups]) + "\n")
        return n
    if fmt == "markdown":
        out.write(f"# Timeline of diplomatic events (by {by})\n\n")
        if not groups:
            out.write("No events.\n")
        for period, evs in groups:
            out.write(f"## {period} ({len(evs)})\n\n")
            for e in evs:
                b = _brief(e)
                place = f" in {b['place']}" if b["place"] else ""
                out.write(f"- **{b['date'] or 'undated'}** {b['type']}{place}: {', '.join(b['participants'])} "
                          f"({b['sources']} source{'s' if b['sources'] != 1 else ''}) `{b['id']}`\n")
            out.write("\n")
        return n
    _timeline_table(groups, out, color=color, by=by)
    return n


def _brief(e: dict) -> dict:
    return {
        "id": e["id"],
        "date": e.get("date"),
        "type": e["type"],
        "status": e["status"],
        "participants": [p["name"] for p in e.get("participants", ())],
        "place": e.get("place"),
        "sources": e.get("num_sources", len(e.get("sources", ()))),
    }


_TYPE_STYLE = {"meeting": "cyan", "visit": "green", "call": "magenta", "negotiation": "yellow",
               "agreement": "bold red", "intent": "blue", "statement": "white"}


def _timeline_table(groups, out: IO[str], *, color: bool, by: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    con = console(out, color=color)
    if not groups:
        con.print("no events", style="dim")
        return
    widest = max(len(evs) for _, evs in groups)
    chart = Table(title=f"Events per {by}", show_header=False, box=None, pad_edge=False)
    chart.add_column(justify="right", style="bold")
    chart.add_column()
    for period, evs in groups:
        bar = "█" * max(1, round(30 * len(evs) / widest))
        chart.add_row(period, f"[cyan]{bar}[/cyan] {len(evs)}")
    con.print(chart)
    for period, evs in groups:
        con.print(f"\n[bold underline]{period}[/bold underline]")
        for e in evs:
            b = _brief(e)
            style = _TYPE_STYLE.get(b["type"], "white")
            status = "" if b["status"] == "occurred" else f" [dim]({b['status']})[/dim]"
            place = f" in {escape(b['place'])}" if b["place"] else ""
            con.print(
                f"  {b['date'] or 'undated':<23} [{style}]{b['type']:<11}[/{style}]{status} "
                f"{escape(', '.join(b['participants']))}{place} "
                f"[dim]· {b['sources']} source{'s' if b['sources'] != 1 else ''} · {b['id']}[/dim]"
            )


ACTOR_COLUMNS = ["id", "name", "kind", "code", "country", "roles", "organizations", "aliases", "events", "articles"]


def write_actor_rows(rows: list[dict], fmt: str, out: IO[str]) -> None:
    """Actors as json, jsonl or csv/tsv (lists joined with '; ')."""
    if fmt == "json":
        out.write(dumps(rows) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(dumps(r, indent=False) + "\n")
    else:
        w = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
        w.writerow(ACTOR_COLUMNS)
        for r in rows:
            w.writerow(["; ".join(v) if isinstance(v, list) else ("" if v is None else v) for v in (r.get(c) for c in ACTOR_COLUMNS)])


def write_actors(rows: list[dict], fmt: str, out: IO[str], *, color: bool) -> None:
    if fmt == "ids":
        for r in rows:
            out.write(r["id"] + "\n")
        return
    if fmt != "table":
        write_actor_rows(rows, fmt, out)
        return
    from rich.table import Table

    con = console(out, color=color)
    if not rows:
        con.print("no actors", style="dim")
        return
    table = Table(title="Actors", header_style="bold")
    for c in ("name", "kind", "country", "roles", "aliases", "events"):
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(r["name"], r["kind"], r.get("country") or "", "; ".join(r["roles"]), "; ".join(r["aliases"][:4]),
                      str(r["events"]))
    con.print(table)


def write_actor_profile(data: dict, out: IO[str], *, color: bool) -> None:
    from rich.markup import escape

    con = console(out, color=color)
    con.print(f"[bold]{escape(data['name'])}[/bold]  ({data.get('kind')}{', ' + data['country'] if data.get('country') else ''})  id {data['id']}")
    if data["roles"]:
        con.print("roles: " + escape("; ".join(r for r in data["roles"] if r)))
    if data["counterparts"]:
        con.print("met most: " + escape(", ".join(f"{c['name']} ({c['events']})" for c in data["counterparts"])))
    con.print(f"events: {len(data['events'])}")
    for e in data["events"]:
        place = f" in {escape(e['place'])}" if e.get("place") else ""
        con.print(f"  {e.get('date') or 'undated':<23} {e['type']:<11} {escape(', '.join(e['participants']))}{place} [dim]{e['id']}[/dim]")


def write_explain(rows: list[dict], out: IO[str], *, color: bool) -> None:
    """``extract --explain`` on a terminal: each sentence, what was found, and why."""
    from rich.markup import escape

    con = console(out, color=color)
    for row in rows:
        a = row["article"]
        con.print(f"[bold]{escape(a.get('path') or a['id'])}[/bold]  published {a.get('published') or 'unknown'} ({a.get('published_from')})")
        for note in row.get("explain", []):
            text = escape(note["sentence"][:160])
            if note.get("skipped"):
                con.print(f"  [dim]· {text}\n      skipped: {escape(note['skipped'])}[/dim]")
                continue
            if not note["decisions"]:
                continue
            con.print(f"  · {text}")
            for d in note["decisions"]:
                mark = "[green]✓ event[/green]" if d["recorded"] else "[yellow]✗ no event[/yellow]"
                con.print(f"      {mark} {escape(d['trigger'])} → {d['type']} ({escape(d['rule'])}): {escape(d['why'])}")
        for e in row.get("events", []):
            con.print(f"  [bold]event[/bold] {e['type']} {e.get('date') or 'undated'} "
                      f"{escape(', '.join(p['name'] for p in e['participants']))}"
                      f"{' in ' + escape(e['place']) if e.get('place') else ''}")
        con.print()
