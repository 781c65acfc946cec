"""Writers for every output format, to a stream they are given.

Machine formats (json, jsonl, csv, tsv, ids, markdown) are plain text and
never pass through Rich; only ``table`` and the terminal timeline use Rich,
with colour only when the stream is a terminal and ``NO_COLOR`` is unset.
"""

from __future__ import annotations

import csv
import errno
import functools
from collections.abc import Iterable, Sequence
from typing import IO

import orjson

from .sanitize import printable

EVENT_FORMATS = ("table", "json", "jsonl", "csv", "tsv", "ids")
TIMELINE_FORMATS = ("table", "json", "markdown")


def _keys(key: str):
    return lambda d: [p.get("id") or p["name"].lower() for p in d.get(key, ())]


#: flat values of an event, by --fields name: the one flattener of ``table``,
#: ``csv`` and ``tsv`` for every command (``events``, ``export events``...).
#: Lists are joined with "; " when written (see :func:`flat`).
EVENT_COLUMNS = {
    "id": lambda e: e["id"],
    "type": lambda e: e["type"],
    "status": lambda e: e["status"],
    "date": lambda e: e.get("date"),
    "date_text": lambda e: e.get("date_text"),
    "date_precision": lambda e: e.get("date_precision"),
    "date_source": lambda e: e.get("date_source"),
    "place": lambda e: e.get("place"),
    "place_country": lambda e: e.get("place_country"),
    "participants": lambda e: [p["name"] for p in e.get("participants", ())],
    "participant_keys": _keys("participants"),
    "countries": lambda e: list(e.get("countries", ())),
    "cameo": lambda e: e.get("cameo"),
    "plover": lambda e: (e.get("plover") or {}).get("category"),
    "plover_mode": lambda e: (e.get("plover") or {}).get("mode"),
    "evidence": lambda e: e.get("evidence"),
    "trigger": lambda e: e.get("trigger"),
    "confidence": lambda e: e.get("confidence"),
    "num_mentions": lambda e: e.get("num_mentions", len(e.get("mentions", ()))),
    "num_sources": lambda e: e.get("num_sources", len(e.get("sources", ()))),
    "sources": lambda e: [s["article"] for s in e.get("sources", ())],
    "articles": lambda e: [s.get("path") or s["article"] for s in e.get("sources", ())],
}
DEFAULT_TABLE = ["id", "date", "type", "status", "num_sources", "participants", "place"]  # free text last: it folds on narrow terminals
#: the columns of csv and tsv without --fields, in ``events`` and ``export events`` alike
DEFAULT_CSV = list(EVENT_COLUMNS)
#: the keys of an event's JSON object (``Event.to_dict``, ``data/event.schema.json``)
EVENT_KEYS = (
    "id", "type", "status", "date", "date_text", "date_precision", "date_source", "place", "place_country",
    "participants", "countries", "cameo", "plover", "evidence", "trigger", "confidence", "num_mentions",
    "num_sources", "sources", "mentions",
)
#: every name --fields accepts
FIELDS = tuple(dict.fromkeys((*EVENT_COLUMNS, *EVENT_KEYS)))
#: the flat columns of ``export articles`` and ``export mentions`` (csv)
ARTICLE_COLUMNS = ["id", "path", "title", "published", "published_from", "url", "source_id", "sha256", "chars"]
MENTION_COLUMNS = {
    **{k: None for k in ("article", "type", "status", "trigger", "trigger_start", "trigger_end", "start", "end",
                         "sentence", "rule", "confidence", "cameo", "plover", "plover_mode")},
    "participants": lambda m: [p["name"] for p in m.get("participants", ())],
    "participant_keys": _keys("participants"),
    **{k: None for k in ("date", "date_text", "date_precision", "date_source", "date_reason", "place", "place_country",
                         "place_source", "place_reason", "reference")},
}
_JSON = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


def dumps(value, *, indent: bool = True) -> str:
    return orjson.dumps(value, option=_JSON if indent else orjson.OPT_SORT_KEYS).decode()


def check_fields(fields: Sequence[str] | None) -> list[str] | None:
    """The --fields names, split on commas, checked, duplicates dropped; None when not given."""
    from .errors import UsageError

    if not fields:
        return None
    out: list[str] = []
    for f in fields:
        for name in f.split(","):
            name = name.strip()
            if name and name not in FIELDS:
                raise UsageError(f"unknown field {name!r}", "choose from " + ", ".join(FIELDS))
            if name and name not in out:
                out.append(name)
    if not out:
        raise UsageError("--fields names no field", "give names separated by commas, e.g. --fields id,date,type")
    return out


def _json_value(e: dict, name: str):
    # JSON keeps the schema's shapes (sources: the list of reports, null for none)
    if name in EVENT_KEYS:
        return e.get(name)
    return EVENT_COLUMNS[name](e)


def select_fields(e: dict, fields: Sequence[str] | None) -> dict:
    """The event's JSON object, or only ``fields`` of it (in the schema's shapes)."""
    return {k: _json_value(e, k) for k in fields} if fields else e


def flat(value) -> str | int | float:
    """One cell of a flat row: "" for null, lists joined with "; ", objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
        return "; ".join(str(v) for v in value)
    return dumps(value, indent=False)


def _flat_value(e: dict, name: str):
    return flat(EVENT_COLUMNS[name](e) if name in EVENT_COLUMNS else e.get(name))


#: a cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet will not run: a leading ``'`` before a formula's first character (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _LineFeedRows:
    """The stream under a csv writer: each row (one ``write``) ends in "\n" instead of "\r\n"."""

    def __init__(self, out: IO[str]):
        self._out = out

    def write(self, row: str) -> int:
        return self._out.write(row[:-2] + "\n" if row.endswith("\r\n") else row)


class RowWriter:
    """csv or tsv rows; unless ``raw``, cells neutralised for spreadsheets and control characters shown as escapes.

    Args:
        fmt: ``csv`` (RFC 4180 quoting) or ``tsv`` (tabs and line breaks
            inside a cell become spaces: a row is a line).
        raw: write every cell as it is (``--raw-csv``).
    """

    def __init__(self, out: IO[str], fmt: str, *, raw: bool = False):
        if fmt not in ("csv", "tsv"):
            raise ValueError(fmt)
        self._tsv = fmt == "tsv"
        self._raw = raw
        # rows end in "\n"; the csv module quotes a field holding a character of its line terminator,
        # so it is told "\r\n" (a raw "\r" in a cell is quoted) and each row's "\r\n" written as "\n"
        self._writer = csv.writer(_LineFeedRows(out), delimiter="\t" if self._tsv else ",", lineterminator="\r\n")

    def cell(self, value):
        value = flat(value)
        if not self._raw and isinstance(value, str):
            value = printable(neutralise(value))
        if self._tsv and isinstance(value, str):
            value = value.replace("\t", " ").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
        return value

    def header(self, names: Iterable[str]) -> None:
        self._writer.writerow(list(names))

    def row(self, values: Iterable) -> None:
        self._writer.writerow([self.cell(v) for v in values])


def write_events(events: Iterable[dict], fmt: str, out: IO[str], *, fields: list[str] | None = None,
                 color: bool = False, title: str | None = None, raw_csv: bool = False) -> int:
    """Write events in ``fmt``; return how many were written. Empty input is valid output.

    csv and tsv cells that a spreadsheet would run as a formula are
    neutralised (:func:`neutralise`) unless ``raw_csv``.
    """
    count = 0
    if fmt == "json":
        count = _json_array((select_fields(e, fields) for e in events), out)
    elif fmt == "jsonl":
        for e in events:
            out.write(dumps(select_fields(e, fields), indent=False) + "\n")
            count += 1
    elif fmt in ("csv", "tsv"):
        cols = fields or DEFAULT_CSV
        w = RowWriter(out, fmt, raw=raw_csv)
        w.header(cols)
        for e in events:
            w.row(EVENT_COLUMNS[c](e) if c in EVENT_COLUMNS else e.get(c) for c in cols)
            count += 1
    elif fmt == "ids":
        for e in events:
            out.write(e["id"] + "\n")
            count += 1
    elif fmt == "table":
        events = list(events)
        _table(events, fields or DEFAULT_TABLE, out, color=color, title=title)
        count = len(events)
    else:  # guarded by the CLI
        raise ValueError(fmt)
    return count


def _json_array(rows: Iterable, out: IO[str]) -> int:
    """``dumps(list(rows))`` written one row at a time (the same bytes, without the list in memory)."""
    count = 0
    for row in rows:
        body = dumps(row).replace("\n", "\n  ")
        out.write(("[\n  " if count == 0 else ",\n  ") + body)
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def write_rows(what: str, rows: Iterable[dict], fmt: str, out: IO[str], *, raw_csv: bool = False) -> int:
    """``export events|articles|mentions --format csv|tsv``: one flat row per stored object; return the count."""
    if what == "events":
        return write_events(rows, fmt, out, raw_csv=raw_csv)
    columns = MENTION_COLUMNS if what == "mentions" else dict.fromkeys(ARTICLE_COLUMNS)
    w = RowWriter(out, fmt, raw=raw_csv)
    w.header(columns)
    count = 0
    for r in rows:
        w.row(get(r) if get else r.get(name) for name, get in columns.items())
        count += 1
    return count


def _text(value) -> str:
    """Article-derived text for a terminal: on one line, control characters shown as escapes, no Rich markup."""
    from rich.markup import escape

    text = str(value)
    if any(c in text for c in "\n\r\t"):
        text = " ".join(text.split())
    return escape(printable(text, newlines=False))


def console(out: IO[str], *, color: bool, width: int | None = None):
    """A rich console on ``out``: colour only if asked; 160 columns when ``out`` is no terminal."""
    if width is None and not _isatty(out):
        width = 160
    return _console_class()(file=out, no_color=not color, color_system="auto" if color else None, highlight=False,
                            force_terminal=color, width=width, soft_wrap=False)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@functools.cache
def _console_class():
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich exits with status 1 on a closed pipe; azdiplo's CLI exits quietly with 0
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, "the reader closed the pipe")

    return _Console


def _table(events: list[dict], cols: list[str], out: IO[str], *, color: bool, title: str | None) -> None:
    from rich.table import Table

    if not events:  # the CLI says so on stderr; stdout stays empty
        return

    con = console(out, color=color)
    from rich import box

    # light borders and room for free text first, so the table fits 80 columns
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, collapse_padding=True, pad_edge=False,
                  header_style="bold")
    for c in cols:
        table.add_column(c, overflow="fold", no_wrap=c in ("id", "type", "status", "sources"),
                         min_width=12 if c in ("participants", "evidence") else 6 if c == "place" else None,
                         justify="right" if c in ("sources", "mentions", "num_sources", "num_mentions") else "left")
    for e in events:
        table.add_row(*[_text(str(_flat_value(e, c))) for c in cols])
    con.print(table)


def write_event_detail(e: dict, out: IO[str], *, color: bool) -> None:
    """``azdiplo show``: one event with every mention and its evidence."""

    con = console(out, color=color)
    con.print(f"[bold]{e['id']}[/bold]  {e['type']} ({e['status']})  CAMEO {e.get('cameo')}  "
              f"PLOVER {(e.get('plover') or {}).get('category')}/{(e.get('plover') or {}).get('mode') or '-'}")
    con.print(f"date:   {e.get('date') or '—'}  [dim]{_text(e.get('date_text') or '')} ({e.get('date_source')})[/dim]")
    con.print(f"place:  {_text(e.get('place') or '—')}")
    con.print("participants:")
    for p in e.get("participants", ()):
        extra = ", ".join(x for x in (p.get("role"), p.get("organization"), p.get("country")) if x)
        con.print(f"  - {_text(p['name'])} [dim]({p['kind']}{', ' + _text(extra) if extra else ''}; {p.get('function')})[/dim]")
    con.print(f"sources: {e.get('num_sources')}   mentions: {e.get('num_mentions')}   confidence: {e.get('confidence')}")
    for m in e.get("mentions", ()):
        src = next((s for s in e.get("sources", ()) if s["article"] == m["article"]), {})
        con.print(f"\n[bold]{_text(src.get('path') or m['article'])}[/bold] [dim][{m['start']}:{m['end']}] "
                  f"rule {m['rule']}{' (reference)' if m.get('reference') else ''}[/dim]")
        con.print("  " + _text(m["sentence"]))


def write_timeline(periods, fmt: str, out: IO[str], *, color: bool, by: str) -> int:
    """A timeline (:func:`azdiplo.query.timeline`) as ``table``, ``json`` or ``markdown``; return the events written.

    json: ``[{"period", "unit", "start", "end", "count", "events": [event...]}]``
    with each event in the one event schema. Empty input is valid output.
    """
    n = sum(len(p.events) for p in periods)
    if fmt == "json":
        out.write(dumps([p.to_dict() for p in periods]) + "\n")
    elif fmt == "markdown":
        _timeline_markdown(periods, out, by=by)
    elif fmt == "table":
        _timeline_table(periods, out, color=color, by=by)
    else:  # guarded by the CLI
        raise ValueError(fmt)
    return n


def _brief(e: dict) -> dict:
    """What a timeline line shows of an event."""
    return {
        "id": e["id"],
        "date": e.get("date"),
        "type": e["type"],
        "status": e["status"],
        "participants": [p["name"] for p in e.get("participants", ())],
        "place": e.get("place"),
        "sources": e.get("num_sources", len(e.get("sources", ()))),
    }


def _sources(n: int) -> str:
    return f"{n} source{'' if n == 1 else 's'}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_title(p) -> str:
    """``2025-W32 (4–10 Aug 2025)`` for weeks; the label otherwise."""
    if p.unit != "week":
        return p.label
    a, b = p.start, p.end
    if a.month == b.month:
        span = f"{a.day}–{b.day} {_MONTHS[b.month - 1]} {b.year}"
    elif a.year == b.year:
        span = f"{a.day} {_MONTHS[a.month - 1]} – {b.day} {_MONTHS[b.month - 1]} {b.year}"
    else:
        span = f"{a.day} {_MONTHS[a.month - 1]} {a.year} – {b.day} {_MONTHS[b.month - 1]} {b.year}"
    return f"{p.label} ({span})"


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    return printable(" ".join(text.split()), newlines=False).translate(_MD_SPECIAL)


def _timeline_markdown(periods, out: IO[str], *, by: str) -> None:
    n = sum(len(p.events) for p in periods)
    out.write(f"# Diplomatic events by {by}\n\n")
    if not periods:
        out.write("No events.\n")
        return
    out.write(f"{n} event{'' if n == 1 else 's'} in {len(periods)} period{'' if len(periods) == 1 else 's'}.\n\n")
    out.write("| period | events |\n|---|---:|\n")
    for p in periods:
        out.write(f"| {_md(period_title(p))} | {len(p.events)} |\n")
    for p in periods:
        out.write(f"\n## {_md(period_title(p))}\n\n")
        for e in p.events:
            b = _brief(e)
            status = "" if b["status"] == "occurred" else f" ({b['status']})"
            place = f" in {_md(b['place'])}" if b["place"] else ""
            who = _md(", ".join(b["participants"])) or "participants unknown"
            out.write(f"- **{_md(b['date'] or 'undated')}** {b['type']}{status}{place}: {who} "
                      f"({_sources(b['sources'])}) `{b['id']}`\n")


_TYPE_STYLE = {"meeting": "cyan", "visit": "green", "call": "magenta", "negotiation": "yellow",
               "agreement": "bold red", "intent": "blue", "statement": "white"}
_BAR_WIDTH = 40


def _timeline_table(periods, out: IO[str], *, color: bool, by: str) -> None:
    if not periods:  # the CLI says so on stderr; stdout stays empty
        return
    from rich.table import Table

    con = console(out, color=color)
    widest = max(len(p.events) for p in periods)
    chart = Table(title=f"Events per {by}", show_header=False, box=None, pad_edge=False)
    chart.add_column(justify="right", style="bold", no_wrap=True)
    chart.add_column(no_wrap=True)
    for p in periods:
        bar = "█" * max(1, round(_BAR_WIDTH * len(p.events) / widest))
        chart.add_row(p.label, f"[cyan]{bar}[/cyan] {len(p.events)}")
    con.print(chart)
    for p in periods:
        con.print(f"\n[bold underline]{_text(period_title(p))}[/bold underline]")
        for e in p.events:
            b = _brief(e)
            style = _TYPE_STYLE.get(b["type"], "white")
            status = "" if b["status"] == "occurred" else f" [dim]({b['status']})[/dim]"
            place = f" in {_text(b['place'])}" if b["place"] else ""
            con.print(
                f"  {_text(b['date'] or 'undated'):<23} [{style}]{b['type']:<11}[/{style}]{status} "
                f"{_text(', '.join(b['participants']))}{place} "
                f"[dim]· {_sources(b['sources'])} · {b['id']}[/dim]"
            )


ACTOR_COLUMNS = ["id", "name", "kind", "code", "country", "roles", "organizations", "aliases", "events", "articles"]


def write_actor_rows(rows: list[dict], fmt: str, out: IO[str], *, raw_csv: bool = False) -> None:
    """Actors as json, jsonl or csv/tsv (lists joined with '; ', cells neutralised unless ``raw_csv``)."""
    if fmt == "json":
        out.write(dumps(rows) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(dumps(r, indent=False) + "\n")
    else:
        w = RowWriter(out, fmt, raw=raw_csv)
        w.header(ACTOR_COLUMNS)
        for r in rows:
            w.row(r.get(c) for c in ACTOR_COLUMNS)


def write_actors(rows: list[dict], fmt: str, out: IO[str], *, color: bool, raw_csv: bool = False) -> None:
    if fmt == "ids":
        for r in rows:
            out.write(r["id"] + "\n")
        return
    if fmt != "table":
        write_actor_rows(rows, fmt, out, raw_csv=raw_csv)
        return
    from rich.table import Table

    if not rows:  # the CLI says so on stderr
        return
    con = console(out, color=color)

    table = Table(title="Actors", header_style="bold")
    for c in ("name", "kind", "country", "roles", "aliases", "events"):
        table.add_column(c, overflow="fold", justify="right" if c == "events" else "left")
    for r in rows:
        table.add_row(*(_text(v) for v in (r["name"], r["kind"], r.get("country") or "", "; ".join(r["roles"]),
                                            "; ".join(r["aliases"][:4]), str(r["events"]))))
    con.print(table)


LEARNED_COLUMNS = ["id", "name", "status", "country", "code", "roles", "first_seen", "last_seen", "articles",
                   "conflicting"]


def write_learned(rows: list[dict], fmt: str, out: IO[str], *, color: bool, raw_csv: bool = False) -> None:
    """``actors --learned``: what the store learned, with its evidence (json, jsonl), or a row
    per person (table, csv, tsv)."""
    if fmt == "ids":
        for r in rows:
            out.write(r["id"] + "\n")
        return
    if fmt == "json":
        out.write(dumps(rows) + "\n")
        return
    if fmt == "jsonl":
        for r in rows:
            out.write(dumps(r, indent=False) + "\n")
        return
    if fmt in ("csv", "tsv"):
        w = RowWriter(out, fmt, raw=raw_csv)
        w.header(LEARNED_COLUMNS)
        for r in rows:
            w.row(r.get(c) for c in LEARNED_COLUMNS)
        return
    if not rows:  # the CLI says so on stderr
        return
    con = console(out, color=color)
    for r in rows:
        status = {"conflict": "[red]conflict[/red]", "forgotten": "[dim]forgotten[/dim]"}.get(r["status"], r["status"])
        seen = r["first_seen"] if r["first_seen"] == r["last_seen"] else f"{r['first_seen']} to {r['last_seen']}"
        con.print(f"[bold]{_text(r['name'])}[/bold]  {status}  {r.get('code') or r.get('country') or 'no state'}  "
                  f"{_text('; '.join(r['roles']))}  [dim]· seen {seen or 'undated'} in {r['articles']} "
                  f"article{'s' * (r['articles'] != 1)}[/dim]")
        decision = r.get("decision")
        if decision and decision.get("action") != "forgotten":
            what = ", ".join(f"{k} {decision[k]}" for k in ("country", "role", "sector") if decision.get(k))
            con.print(f"    [dim]{decision['action']} by the user {decision['at'][:10]}: {_text(what)}[/dim]")
        for e in r["evidence"]:
            mark = "" if e["country"] == r.get("country") else " [red]≠[/red]"
            con.print(f"    {e.get('published') or 'undated'}  {_text(e['article'])}  \"{_text(e['text'])}\" "
                      f"[dim]({e['country']}, {_text(e['role'])})[/dim]{mark}")


def write_actor_profile(data: dict, out: IO[str], *, color: bool) -> None:

    con = console(out, color=color)
    con.print(f"[bold]{_text(data['name'])}[/bold]  ({data.get('kind')}{', ' + data['country'] if data.get('country') else ''})  id {data['id']}")
    if data["roles"]:
        con.print("roles: " + _text("; ".join(r for r in data["roles"] if r)))
    for o in data.get("offices", []):
        span = f"{o['from'] or '?'} to {o['to'] or 'now'}"
        con.print(f"  {_text(o['title'])}{' of ' + o['of'] if o.get('of') else ''}, {span} [dim]({o['source']})[/dim]")
        for e in o.get("learned_from", []):
            con.print(f"    [dim]learned from {_text(e['article'])} ({e.get('published') or 'undated'}): "
                      f"\"{_text(e['text'])}\"[/dim]")
    if data["counterparts"]:
        con.print("met most: " + _text(", ".join(f"{c['name']} ({c['events']})" for c in data["counterparts"])))
    con.print(f"events: {len(data['events'])}")
    for e in data["events"]:
        b = _brief(e)
        place = f" in {_text(b['place'])}" if b["place"] else ""
        status = "" if b["status"] == "occurred" else f" [dim]({b['status']})[/dim]"
        con.print(f"  {_text(b['date'] or 'undated'):<23} {b['type']:<11}{status} {_text(', '.join(b['participants']))}{place} "
                  f"[dim]· {_sources(b['sources'])} · {b['id']}[/dim]")


def write_explain(rows: list[dict], out: IO[str], *, color: bool) -> None:
    """``extract --explain`` on a terminal: each sentence, what was found, and why."""

    con = console(out, color=color)
    for row in rows:
        a = row["article"]
        con.print(f"[bold]{_text(a.get('path') or a['id'])}[/bold]  published {a.get('published') or 'unknown'} ({a.get('published_from')})")
        for note in row.get("explain", []):
            text = _text(note["sentence"][:160])
            if note.get("skipped"):
                con.print(f"  [dim]· {text}\n      skipped: {_text(note['skipped'])}[/dim]")
                continue
            if not note["decisions"]:
                continue
            con.print(f"  · {text}")
            for d in note["decisions"]:
                if d.get("reference"):
                    mark = "[cyan]↪ reference[/cyan]"
                else:
                    mark = "[green]✓ event[/green]" if d["recorded"] else "[yellow]✗ no event[/yellow]"
                con.print(f"      {mark} {_text(d['trigger'])} → {d['type']} ({_text(d['rule'])}): {_text(d['why'])}")
        for e in row.get("events", []):
            con.print(f"  [bold]event[/bold] {e['type']} {e.get('date') or 'undated'} "
                      f"{_text(', '.join(p['name'] for p in e['participants']))}"
                      f"{' in ' + _text(e['place']) if e.get('place') else ''}")
        con.print()


def write_eval(result: dict, out: IO[str]) -> None:
    """``azdiplo eval`` as text: one metric a line, then the errors when asked for (quotes on one line, no control characters)."""

    def line(text: str) -> None:
        out.write(printable(text, newlines=False) + "\n")

    errors = result.get("errors")
    for key, value in result.items():
        if key != "errors":
            line(f"{key}: {value}")
    if errors is None:
        return
    for row in errors["missed"]:
        where = f"{row['doc']} " if row.get("doc") else ""
        line(f"missed {where}{row['id']} {row['type']} {row.get('date') or 'undated'}: {row['quote']}")
    for row in errors["false_events"]:
        where = f"{row['doc']} " if row.get("doc") else ""
        who = "; ".join(row["participants"])
        line(f"false {where}{row['id']} {row['type']} {row.get('date') or 'undated'} [{who}]: {row['evidence']}")
    for row in errors["leaks"]:
        where = f"{row['doc']} " if row.get("doc") else ""
        line(f"leak {where}{row['quote']!r} ({row.get('why') or 'must not extract'})")
    for row in errors.get("wrong_states", ()):
        where = f"{row['doc']} " if row.get("doc") else ""
        line(f"state {where}{row['id']} {row['participant']}: {row.get('country') or 'none'}, "
             f"the reference says {row['reference']}")
