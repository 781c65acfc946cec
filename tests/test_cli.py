"""The azdiplo CLI through Typer's CliRunner: every command, filter, format and exit code.

stdout and stderr are checked apart (results on stdout, messages on
stderr). Filters and formats run on a small hand-made store whose answers are
known exactly; the end-to-end checks use the store built from ``corpus/``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from azdiplo import __version__, cli, render
from azdiplo.cli import EXIT_CODES, INTERNAL_ERROR, app
from azdiplo.errors import ExitStatus
from azdiplo.models import Event, Mention, Participant
from azdiplo.store import Store

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
SCHEMA = json.loads((REPO / "azdiplo" / "data" / "event.schema.json").read_text())


@pytest.fixture
def run(monkeypatch):
    """``run(*args, tty=False, env=None)``: azdiplo in-process, stdout/stderr a pipe unless ``tty``."""

    def invoke(*args, tty: bool = False, env: dict | None = None, input: str | None = None):
        monkeypatch.setattr(cli.TERMINAL, "stdout_tty", tty)
        monkeypatch.setattr(cli.TERMINAL, "stderr_tty", tty)
        clean = {"NO_COLOR": None, "FORCE_COLOR": None, "AZDIPLO_STORE": None, "AZDIPLO_DEBUG": None}
        return CliRunner().invoke(app, [str(a) for a in args], env={**clean, **(env or {})}, input=input)

    return invoke


def one_error_line(result) -> str:
    """The single 'azdiplo: error: what — what to do' line a failing command prints on stderr."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("azdiplo: error: "), lines[0]
    assert " — " in lines[0], lines[0]
    return lines[0]


# --------------------------------------------------------------------------- a store with known answers


def person(name, pid, country, text=None, role=None):
    return Participant(name=name, kind="person", text=text or name, id=pid, country=country, role=role)


def country(name, iso):
    return Participant(name=name, kind="country", text=name, id=iso, country=iso)


ALIYEV = person("Ilham Aliyev", "person:ilham-aliyev", "AZE", text="President Aliyev", role="President")
PASHINYAN = person("Nikol Pashinyan", "person:nikol-pashinyan", "ARM", role="Prime Minister")
TRUMP = person("Donald Trump", "person:donald-trump", "USA", role="President")
BAYRAMOV = person("Jeyhun Bayramov", "person:jeyhun-bayramov", "AZE", role="Foreign Minister")
MIRZOYAN = person("Ararat Mirzoyan", "person:ararat-mirzoyan", "ARM", role="Foreign Minister")
STOLTENBERG = person("Jens Stoltenberg", "person:jens-stoltenberg", "NOR")
NATO = Participant(name="NATO", kind="organization", text="the Alliance", id="NATO")
MAJLIS = Participant(name="Milli Majlis", kind="organization", text="Milli Majlis", id="AZE.LEG.MILLI-MAJLIS", country="AZE")
STRANGER = Participant(name="Arkady Zyx", kind="person", text="Arkady Zyx")  # not in the dictionary

#: id -> (type, status, date, precision, place, place_country, participants, articles, sentence)
SPECS = {
    "ev_e1": ("meeting", "occurred", "2025-08-08", "day", "Washington", "USA", [ALIYEV, PASHINYAN, TRUMP],
              ["a1", "a2", "a3"], "Aliyev, Pashinyan and Trump held a trilateral summit at the White House."),
    "ev_e2": ("agreement", "occurred", "2025-08-08", "day", "Washington", "USA",
              [country("Azerbaijan", "AZE"), country("Armenia", "ARM"), country("United States", "USA")],
              ["a1", "a2"], "Azerbaijan and Armenia signed a joint declaration in Washington."),
    "ev_e3": ("visit", "planned", "2026-01", "month", "Brussels", "BEL", [ALIYEV, NATO],
              ["a4"], "Aliyev will visit NATO headquarters in Brussels in January."),
    "ev_e4": ("call", "occurred", "2026-01-05", "day", None, None, [BAYRAMOV, MIRZOYAN],
              ["a4"], "Bayramov and Mirzoyan spoke by phone on Monday."),
    "ev_e5": ("statement", "negated", None, None, None, None, [MAJLIS],
              ["a5"], "The Milli Majlis did not issue a statement."),
    "ev_e6": ("meeting", "occurred", "2024", "year", "Baku", "AZE", [STOLTENBERG, country("Azerbaijan", "AZE")],
              ["a5"], "Stoltenberg met officials in Baku in 2024."),
    "ev_e7": ("negotiation", "hypothetical", "2025-Q3", "quarter", None, None, [STRANGER],
              ["a3"], "Arkady Zyx might negotiate in the third quarter."),
}
ARTICLES = {
    "a1": ("wires/2025/a1.txt", "Trilateral summit in Washington"),
    "a2": ("wires/2025/a2.txt", "Peace declaration signed"),
    "a3": ("papers/a3.txt", None),
    "a4": ("papers/a4.txt", "NATO and the Caucasus"),
    "a5": ("papers/a5.txt", None),
}


def make_event(eid: str) -> Event:
    etype, status, date, precision, place, place_country, people, arts, sentence = SPECS[eid]
    mentions = [
        Mention(article=a, type=etype, status=status, sentence=sentence, start=0, end=len(sentence), trigger=etype,
                trigger_start=0, trigger_end=4, rule=f"test:{etype}", confidence=0.8, cameo="040", plover="CONSULT",
                participants=people, date=date, date_text=date, date_precision=precision,
                date_source="sentence" if date else "none", place=place, place_country=place_country)
        for a in arts
    ]
    countries = sorted({p.country for p in people if p.country} | ({place_country} if place_country else set()))
    return Event(id=eid, type=etype, status=status, date=date, date_text=date, date_precision=precision,
                 date_source="sentence" if date else "none", place=place, place_country=place_country,
                 participants=people, countries=countries, cameo="040", plover="CONSULT", plover_mode=None,
                 evidence=sentence, trigger=etype, confidence=0.8,
                 sources=[{"article": a, "path": ARTICLES[a][0], "title": ARTICLES[a][1], "published": "2026-02-01"}
                          for a in arts],
                 mentions=mentions)


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    """A store of seven hand-made events (SPECS) covering every type, status and date precision."""
    path = tmp_path_factory.mktemp("mini") / "store"
    store = Store(path)
    with store.writer() as w:
        for aid, (apath, title) in ARTICLES.items():
            w.state.articles[aid] = {"id": aid, "path": apath, "title": title, "published": "2026-02-01",
                                     "published_from": "header", "url": None, "source_id": None,
                                     "sha256": "0" * 64, "chars": 100}
        events = [make_event(eid) for eid in SPECS]
        for e in events:
            for m in e.mentions:
                w.state.mentions.setdefault(m.article, []).append(m.to_dict())
        w.state.events = [e.to_dict() for e in events]
        w.commit()
    return path


def ids_of(result) -> list[str]:
    return result.stdout.split()


# --------------------------------------------------------------------------- help, version, completion


def all_commands():
    """Every command path: ('events',), ('store', 'verify'), ... and the groups themselves."""
    root = typer.main.get_command(app)
    paths = [()]

    def walk(group, prefix):
        for name, cmd in group.commands.items():
            paths.append((*prefix, name))
            if hasattr(cmd, "commands"):
                walk(cmd, (*prefix, name))

    walk(root, ())
    return paths


def test_the_command_tree_is_what_the_docs_describe():
    assert set(all_commands()) == {
        (), ("ingest",), ("extract",), ("eval",), ("events",), ("meetings",), ("agreements",), ("timeline",), ("show",),
        ("actors",), ("actor",), ("pipeline",), ("report",), ("export",), ("store",), ("store", "verify"), ("store", "stats"),
        ("store", "recover"), ("store", "reindex"), ("store", "compact"),
        ("learned",), ("learned", "confirm"), ("learned", "correct"), ("learned", "forget"),
    }


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "azdiplo")
def test_every_command_has_a_one_line_purpose_and_a_real_example(run, path):
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    text = result.stdout
    paragraphs = [p.strip() for p in text.split("\n\n")]
    assert paragraphs[0].startswith("Usage: azdiplo")
    summary = paragraphs[1]
    assert "\n" not in summary and summary.endswith("."), f"no one-line summary: {summary!r}"
    examples = [line.strip() for line in text.splitlines() if line.strip().startswith("Example:")]
    assert examples, f"'azdiplo {' '.join(path)} --help' has no 'Example:' line"
    # the example is a real command line: it runs azdiplo with options that exist
    assert "azdiplo " in examples[0]
    command_line = re.split(r";|&&|\|\||\||>", examples[0].split("azdiplo ", 1)[1])[0]
    check = run(*shlex.split(command_line), "--help")
    assert check.exit_code == 0, f"example {examples[0]!r} does not parse: {check.stderr}"


def test_the_command_list_shows_every_summary_whole(run):
    for path in [(), ("store",)]:
        text = run(*path, "--help").stdout
        commands = text.split("Commands:")[1]
        assert "..." not in commands, commands


def test_root_help_documents_every_exit_status(run):
    text = run("--help").stdout
    codes = {int(code) for code, _ in EXIT_CODES}
    assert codes == {int(s) for s in ExitStatus} | {INTERNAL_ERROR}
    for code, what in EXIT_CODES:
        assert re.search(rf"^\s+{int(code)}\s+{re.escape(what)}$", text, re.M), (code, text)


def test_no_arguments_shows_the_help_as_a_usage_error(run):
    result = run()
    assert result.exit_code == ExitStatus.USAGE
    assert "Commands:" in result.stderr and result.stdout == ""


def test_version_names_azdiplo_spacy_and_the_model(run):
    result = run("--version")
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"azdiplo {__version__}"
    assert re.fullmatch(r"spaCy \d+\.\d+\.\d+", lines[1])
    assert re.fullmatch(r"model en_core_web_sm\S* \d+\.\d+\.\d+", lines[2])


def test_shell_completion_script_and_answers(run, monkeypatch):
    # the shell named, not detected from the processes above (a test run in the background has no shell there)
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = run("--show-completion", "bash")
    assert result.exit_code == 0
    assert "complete -o default -F _azdiplo_completion azdiplo" in result.stdout


@pytest.mark.parametrize("words,expected", [
    ("azdiplo tim", ["timeline"]),
    ("azdiplo store ver", ["verify"]),
    ("azdiplo events --type ag", ["agreement"]),
    ("azdiplo events --type meeting,ca", ["meeting,call"]),
    ("azdiplo events --status pl", ["planned"]),
    ("azdiplo events --fields id,date_p", ["id,date_precision"]),
    ("azdiplo events --format js", ["json", "jsonl"]),
    ("azdiplo timeline --by w", ["week"]),
])
def test_shell_completion_answers(run, words, expected):
    answer = run(env={"_AZDIPLO_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)})
    assert answer.exit_code == 0
    assert answer.stdout.split() == expected


# --------------------------------------------------------------------------- formats


def test_json_is_the_event_schema(run, mini):
    result = run("events", "--store", mini, "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    events = json.loads(result.stdout)
    assert [e["id"] for e in events] == ["ev_e6", "ev_e7", "ev_e1", "ev_e2", "ev_e3", "ev_e4", "ev_e5"]
    required = SCHEMA["$defs"]["event"]["required"]
    assert tuple(required) == render.EVENT_KEYS
    for e in events:
        assert list(e) == sorted(required)  # sorted keys, every key of the schema, no other
        assert e == make_event(e["id"]).to_dict()


def test_json_validates_against_the_published_schema(run, mini):
    jsonschema = pytest.importorskip("jsonschema")
    for e in json.loads(run("events", "--store", mini, "-f", "json").stdout):
        jsonschema.validate(e, SCHEMA)


def test_the_default_format_is_json_in_a_pipe_and_a_table_on_a_terminal(run, mini):
    piped = run("events", "--store", mini)
    assert [e["id"] for e in json.loads(piped.stdout)][0] == "ev_e6"
    table = run("events", "--store", mini, tty=True)
    assert table.exit_code == 0
    assert "Diplomatic events" in table.stdout and "ev_e6" in table.stdout
    assert ANSI.search(table.stdout), "a table on a terminal is coloured"


def test_jsonl_is_one_event_per_line(run, mini):
    result = run("events", "--store", mini, "-f", "jsonl")
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(run("events", "--store", mini, "-f", "json").stdout)


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_have_a_header_and_flat_columns(run, mini, fmt, delimiter):
    result = run("events", "--store", mini, "-f", fmt)
    assert result.exit_code == 0 and result.stderr == ""
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))
    assert list(rows[0]) == render.DEFAULT_CSV
    by_id = {r["id"]: r for r in rows}
    assert by_id["ev_e1"]["participants"] == "Ilham Aliyev; Nikol Pashinyan; Donald Trump"
    assert by_id["ev_e1"]["num_sources"] == "3" and by_id["ev_e1"]["countries"] == "ARM; AZE; USA"
    assert by_id["ev_e1"]["sources"] == "a1; a2; a3"
    assert by_id["ev_e1"]["articles"] == "wires/2025/a1.txt; wires/2025/a2.txt; papers/a3.txt"
    assert by_id["ev_e5"]["date"] == "" and by_id["ev_e2"]["plover"] == "CONSULT"


def test_ids_is_one_id_per_line(run, mini):
    assert run("events", "--store", mini, "-f", "ids", "--type", "meeting").stdout == "ev_e6\nev_e1\n"


def test_fields_choose_columns_and_keys(run, mini):
    rows = list(csv.reader(io.StringIO(run("events", "--store", mini, "-f", "csv", "--fields", "id,date",
                                           "--fields", "num_sources", "-t", "call").stdout)))
    assert rows == [["id", "date", "num_sources"], ["ev_e4", "2026-01-05", "1"]]
    # JSON keeps the schema's shapes: sources is the list of reports, num_sources the count
    obj = json.loads(run("events", "--store", mini, "-f", "json", "--fields", "id,sources,num_sources,plover_mode",
                         "-t", "call").stdout)
    assert obj == [{"id": "ev_e4", "sources": [{"article": "a4", "path": "papers/a4.txt", "title": "NATO and the Caucasus",
                                                 "published": "2026-02-01"}], "num_sources": 1, "plover_mode": None}]
    jsonl = run("events", "--store", mini, "-f", "jsonl", "--fields", "id,type", "-t", "call").stdout
    assert jsonl == '{"id":"ev_e4","type":"call"}\n'
    table = run("events", "--store", mini, "-f", "table", "--fields", "id,evidence", "-t", "call").stdout
    assert "spoke by phone" in table and "participants" not in table


def test_an_unknown_field_is_a_usage_error(run, mini):
    result = run("events", "--store", mini, "--fields", "id,colour")
    assert result.exit_code == ExitStatus.USAGE and result.stdout == ""
    assert "unknown field 'colour'" in one_error_line(result)


@pytest.mark.parametrize("fmt,empty", [("json", "[]\n"), ("jsonl", ""), ("csv", ",".join(render.DEFAULT_CSV) + "\n"),
                                       ("tsv", "\t".join(render.DEFAULT_CSV) + "\n"), ("ids", ""), ("table", "")])
def test_an_empty_result_is_valid_output_and_exit_1(run, mini, fmt, empty):
    result = run("events", "--store", mini, "--since", "2030", "-f", fmt)
    assert result.exit_code == ExitStatus.NO_MATCH
    assert result.stdout == empty
    assert result.stderr == ("azdiplo: no events match\n" if fmt == "table" else "")


def test_colour_only_on_a_terminal_never_with_no_color_and_never_in_machine_formats(run, mini):
    assert ANSI.search(run("events", "--store", mini, "-f", "table", tty=True).stdout)
    assert not ANSI.search(run("events", "--store", mini, "-f", "table").stdout)
    plain = run("events", "--store", mini, "-f", "table", tty=True, env={"NO_COLOR": "1"})
    assert "ev_e1" in plain.stdout and not ANSI.search(plain.stdout)
    assert ANSI.search(run("events", "--store", mini, "-f", "table", env={"FORCE_COLOR": "1"}).stdout)
    for fmt in ("json", "jsonl", "csv", "tsv", "ids"):
        result = run("events", "--store", mini, "-f", fmt, tty=True, env={"FORCE_COLOR": "1"})
        assert not ANSI.search(result.stdout), fmt
    for fmt in ("json", "markdown"):
        assert not ANSI.search(run("timeline", "--store", mini, "-f", fmt, tty=True, env={"FORCE_COLOR": "1"}).stdout)


def test_table_text_is_not_read_as_markup(run, tmp_path):
    store = Store(tmp_path / "st")
    e = make_event("ev_e4")
    e.participants = [Participant(name="[bold]Mr X[/bold]", kind="person", text="Mr X")]
    with store.writer() as w:
        w.state.events = [e.to_dict()]
        w.commit()
    out = run("events", "--store", store.path, "-f", "table").stdout
    assert "[bold]Mr X[/bold]" in out


# --------------------------------------------------------------------------- filters


def found(run, mini, *args, command="events"):
    result = run(command, "--store", mini, "-f", "ids", *args)
    assert result.stderr == "", result.stderr
    assert result.exit_code == (0 if result.stdout else 1)
    return set(ids_of(result))


@pytest.mark.parametrize("args,expected", [
    # --actor: any alias, any case; repeated: all must take part
    (["--actor", "Ilham Aliyev"], {"ev_e1", "ev_e3"}),
    (["--actor", "president aliyev"], {"ev_e1", "ev_e3"}),
    (["-a", "the alliance"], {"ev_e3"}),
    (["--actor", "aliyev", "--actor", "Trump"], {"ev_e1"}),
    (["--actor", "Aliyev", "--actor", "NATO", "--actor", "Trump"], set()),
    (["--actor", "Arkady Zyx"], {"ev_e7"}),  # a name seen in the store, outside the dictionary
    (["--actor", "Zyx"], {"ev_e7"}),  # by surname
    # --country: the country, its people and its institutions; repeated: all
    (["--country", "ARM"], {"ev_e1", "ev_e2", "ev_e4"}),
    (["--country", "armenia"], {"ev_e1", "ev_e2", "ev_e4"}),
    (["-c", "AZE"], {"ev_e1", "ev_e2", "ev_e3", "ev_e4", "ev_e5", "ev_e6"}),
    (["--country", "Armenia", "--country", "United States"], {"ev_e1", "ev_e2"}),
    # --type, repeatable, comma lists, 'summit' for meeting
    (["--type", "call"], {"ev_e4"}),
    (["-t", "meeting", "-t", "visit"], {"ev_e1", "ev_e3", "ev_e6"}),
    (["--type", "summit,agreement"], {"ev_e1", "ev_e2", "ev_e6"}),
    # --since/--until: YYYY, YYYY-MM, YYYY-MM-DD; an event whose date overlaps the range
    (["--since", "2026"], {"ev_e3", "ev_e4"}),
    (["--since", "2026-01-06"], {"ev_e3"}),
    (["--since", "2025-08", "--until", "2025-08"], {"ev_e1", "ev_e2", "ev_e7"}),
    (["--since", "2025-08-09", "--until", "2025-12-31"], {"ev_e7"}),
    (["--until", "2024"], {"ev_e6"}),
    (["--place", "washington"], {"ev_e1", "ev_e2"}),
    (["--place", "USA"], {"ev_e1", "ev_e2"}),
    (["--place", "bru"], {"ev_e3"}),
    (["--source", "a4"], {"ev_e3", "ev_e4"}),  # an article id
    (["--source", "wires/2025"], {"ev_e1", "ev_e2"}),  # part of a path
    (["--source", "peace declaration"], {"ev_e1", "ev_e2"}),  # part of a title
    (["--text", "BY PHONE"], {"ev_e4"}),
    (["--status", "planned"], {"ev_e3"}),
    (["-s", "negated", "-s", "hypothetical"], {"ev_e5", "ev_e7"}),
    (["--min-sources", "2"], {"ev_e1", "ev_e2"}),
    (["--min-sources", "3"], {"ev_e1"}),
    (["--actor", "aliyev", "--country", "ARM", "--since", "2025", "--type", "meeting", "--place", "Washington",
      "--source", "a1", "--text", "summit", "--status", "occurred", "--min-sources", "3"], {"ev_e1"}),
])
def test_filters(run, mini, args, expected):
    assert found(run, mini, *args) == expected


def test_meetings_and_agreements_are_preset_types(run, mini):
    assert found(run, mini, command="meetings") == {"ev_e1", "ev_e6"}
    assert found(run, mini, "--country", "AZE", "--since", "2025", command="meetings") == {"ev_e1"}
    assert found(run, mini, command="agreements") == {"ev_e2"}
    assert found(run, mini, "--until", "2024", command="agreements") == set()


@pytest.mark.parametrize("sort,expected", [
    ("date", ["ev_e6", "ev_e7", "ev_e1", "ev_e2", "ev_e3", "ev_e4", "ev_e5"]),  # undated last
    ("-date", ["ev_e4", "ev_e3", "ev_e2", "ev_e1", "ev_e7", "ev_e6", "ev_e5"]),  # undated still last
    ("sources", ["ev_e1", "ev_e2", "ev_e6", "ev_e7", "ev_e3", "ev_e4", "ev_e5"]),  # then by date
])
def test_sort(run, mini, sort, expected):
    assert ids_of(run("events", "--store", mini, "-f", "ids", "--sort", sort)) == expected


def test_limit_applies_after_sorting(run, mini):
    assert ids_of(run("events", "--store", mini, "-f", "ids", "--sort", "-date", "--limit", "2")) == ["ev_e4", "ev_e3"]
    result = run("events", "--store", mini, "-f", "json", "-n", "0")
    assert result.exit_code == ExitStatus.NO_MATCH and result.stdout == "[]\n"


def test_quiet_prints_nothing_and_answers_with_the_exit_status(run, mini):
    yes = run("agreements", "--store", mini, "--country", "ARM", "--since", "2025-08", "-q")
    assert (yes.exit_code, yes.stdout, yes.stderr) == (0, "", "")
    no = run("agreements", "--store", mini, "--country", "ARM", "--since", "2026-01", "--quiet")
    assert (no.exit_code, no.stdout, no.stderr) == (1, "", "")


def test_the_store_comes_from_azdiplo_store_too(run, mini):
    result = run("events", "-f", "ids", env={"AZDIPLO_STORE": str(mini)})
    assert result.exit_code == 0 and len(ids_of(result)) == len(SPECS)


# --------------------------------------------------------------------------- exit statuses and errors


@pytest.mark.parametrize("args,says", [
    (["--since", "2025-13"], "--since '2025-13' is not a date"),
    (["--until", "last week"], "--until 'last week' is not a date"),
    (["--since", "2026", "--until", "2025"], "--since 2026 is after --until 2025"),
    (["--type", "brunch"], "unknown --type 'brunch'"),
    (["--status", "maybe"], "unknown --status 'maybe'"),
    (["--format", "xml"], "'xml' is not one of"),
    (["--sort", "random"], "'random' is not one of"),
    (["--limit", "-1"], "--limit"),
    (["--min-sources", "0"], "--min-sources"),
    (["--colour"], "no such option: --colour"),
])
def test_usage_errors_exit_2_with_one_line(run, mini, args, says):
    result = run("events", "--store", mini, *args)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    assert says in one_error_line(result)


def test_a_missing_argument_and_an_unknown_command_are_usage_errors(run):
    result = run("ingest")
    assert result.exit_code == ExitStatus.USAGE
    assert "missing argument 'PATH'" in one_error_line(result) and "azdiplo ingest --help" in result.stderr
    result = run("evnts")
    assert result.exit_code == ExitStatus.USAGE
    assert "did you mean 'events'" in one_error_line(result).lower()


def test_an_unknown_actor_exits_6_with_suggestions(run, mini):
    result = run("events", "--store", mini, "--actor", "Natto")
    assert result.exit_code == ExitStatus.UNKNOWN_ACTOR == 6
    assert result.stdout == ""
    line = one_error_line(result)
    assert "unknown actor 'Natto'" in line and "did you mean 'NATO'" in line
    result = run("events", "--store", mini, "--country", "Armenai")
    assert result.exit_code == ExitStatus.UNKNOWN_ACTOR
    assert "unknown country 'Armenai'" in one_error_line(result) and "'Armenia'" in result.stderr
    result = run("events", "--store", mini, "--country", "Ilham Aliyev")  # a person is not a country
    assert result.exit_code == ExitStatus.UNKNOWN_ACTOR
    assert "unknown country" in one_error_line(result)


@pytest.mark.parametrize("command", ["events", "meetings", "agreements", "timeline", "show ev_x", "actors",
                                     "actor NATO", "export", "store verify", "store stats", "store reindex"])
def test_a_missing_store_exits_3(run, tmp_path, command):
    result = run(*command.split(), "--store", tmp_path / "nowhere")
    assert result.exit_code == ExitStatus.STORE
    assert result.stdout == ""
    assert "no event store at" in one_error_line(result) and "azdiplo ingest" in result.stderr


def test_a_corrupt_store_exits_3(run, mini, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(mini, broken)
    (broken / "CURRENT").write_text("{not json")
    result = run("events", "--store", broken)
    assert result.exit_code == ExitStatus.STORE
    assert result.stdout == ""
    one_error_line(result)


def test_an_internal_error_exits_70_and_debug_shows_the_traceback(run, mini, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("azdiplo.query.find_events", boom)
    result = run("events", "--store", mini)
    assert result.exit_code == INTERNAL_ERROR == 70
    assert "internal error (RuntimeError: kaboom)" in one_error_line(result) and "--debug" in result.stderr
    result = run("--debug", "events", "--store", mini)
    assert result.exit_code == INTERNAL_ERROR
    assert "Traceback" in result.stderr and "kaboom" in result.stderr
    result = run("events", "--store", mini, env={"AZDIPLO_DEBUG": "1"})
    assert "Traceback" in result.stderr
    # --debug does not leak into the next run
    assert "Traceback" not in run("events", "--store", mini).stderr


def test_debug_shows_the_traceback_of_a_user_error(run, mini):
    result = run("--debug", "events", "--store", mini, "--since", "soon")
    assert result.exit_code == ExitStatus.USAGE
    assert "Traceback" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("azdiplo: error: --since 'soon' is not a date")


def test_ctrl_c_exits_130(run, mini, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("azdiplo.query.find_events", interrupted)
    result = run("events", "--store", mini)
    assert result.exit_code == ExitStatus.INTERRUPTED == 130
    assert result.stderr == "azdiplo: interrupted\n" and result.stdout == ""


def test_a_closed_pipe_ends_quietly_with_0(run, mini, monkeypatch):
    def closed(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "_quiet_pipe", lambda: None)  # the real one redirects fd 1
    monkeypatch.setattr("azdiplo.render.write_events", closed)
    result = run("events", "--store", mini, "-f", "jsonl")
    assert (result.exit_code, result.stderr) == (0, "")


# --------------------------------------------------------------------------- timeline


def periods(run, mini, *args):
    result = run("timeline", "--store", mini, "-f", "json", *args)
    assert result.exit_code == 0 and result.stderr == ""
    return json.loads(result.stdout)


def test_timeline_by_month(run, mini):
    data = periods(run, mini)
    assert [(p["period"], [e["id"] for e in p["events"]]) for p in data] == [
        ("2024", ["ev_e6"]),
        ("2025", ["ev_e7"]),  # a quarter is no month: its year
        ("2025-08", ["ev_e1", "ev_e2"]),
        ("2026-01", ["ev_e3", "ev_e4"]),
        ("undated", ["ev_e5"]),
    ]
    aug = data[2]
    assert (aug["unit"], aug["start"], aug["end"], aug["count"]) == ("month", "2025-08-01", "2025-08-31", 2)
    assert aug["events"][0] == make_event("ev_e1").to_dict()  # the one event schema
    assert data[-1]["start"] is None


def test_timeline_by_iso_week_keeps_coarser_dates_in_their_month_or_year(run, mini):
    data = periods(run, mini, "--by", "week")
    assert [(p["period"], p["unit"], p["start"]) for p in data] == [
        ("2024", "year", "2024-01-01"),
        ("2025", "year", "2025-01-01"),
        ("2025-W32", "week", "2025-08-04"),
        ("2026-01", "month", "2026-01-01"),  # the month-dated visit, before the weeks of January
        ("2026-W02", "week", "2026-01-05"),
        ("undated", "undated", None),
    ]


def test_timeline_by_year_newest_first_with_limit(run, mini):
    data = periods(run, mini, "--by", "year", "--sort", "-date")
    assert [p["period"] for p in data] == ["2026", "2025", "2024", "undated"]
    assert [e["id"] for e in data[0]["events"]] == ["ev_e4", "ev_e3"]
    data = periods(run, mini, "--by", "year", "--sort", "-date", "--limit", "3")
    assert [(p["period"], p["count"]) for p in data] == [("2026", 2), ("2025", 1)]


def test_timeline_takes_the_filters(run, mini):
    data = periods(run, mini, "--country", "ARM", "--type", "agreement", "--type", "call", "--by", "year")
    assert [(p["period"], [e["id"] for e in p["events"]]) for p in data] == [("2025", ["ev_e2"]), ("2026", ["ev_e4"])]
    assert run("timeline", "--store", mini, "--actor", "Trump", "-q").exit_code == 0


def test_timeline_markdown_is_a_report(run, mini):
    result = run("timeline", "--store", mini, "-f", "markdown", "--by", "week")
    assert result.exit_code == 0 and result.stderr == ""
    md = result.stdout
    assert md.startswith("# Diplomatic events by week\n")
    assert "| 2025-W32 (4–10 Aug 2025) | 2 |" in md
    assert "\n## 2026-W02 (5–11 Jan 2026)\n" in md
    assert ("- **2025-08-08** meeting in Washington: Ilham Aliyev, Nikol Pashinyan, Donald Trump (3 sources) `ev_e1`"
            in md)
    assert "- **2026-01** visit (planned) in Brussels: Ilham Aliyev, NATO (1 source) `ev_e3`" in md
    assert not ANSI.search(md)


def test_timeline_table_has_a_bar_chart_and_the_entries(run, mini):
    result = run("timeline", "--store", mini, tty=True, env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    out = result.stdout
    assert "Events per month" in out
    bars = {m.group(1): len(m.group(2)) for m in re.finditer(r"^\s*(\S+)\s+(█+) \d+\s*$", out, re.M)}
    assert bars["2025-08"] == bars["2026-01"] > bars["2024"] > 0
    line = next(line for line in out.splitlines() if "ev_e2" in line)
    for part in ("2025-08-08", "agreement", "Azerbaijan, Armenia, United States", "in Washington", "2 sources"):
        assert part in line


@pytest.mark.parametrize("fmt,empty", [("json", "[]\n"), ("markdown", "# Diplomatic events by month\n\nNo events.\n"),
                                       ("table", "")])
def test_an_empty_timeline_is_valid_output(run, mini, fmt, empty):
    result = run("timeline", "--store", mini, "--since", "2031", "-f", fmt)
    assert result.exit_code == ExitStatus.NO_MATCH and result.stdout == empty


# --------------------------------------------------------------------------- show, actors, actor


def test_show_prints_one_event(run, mini):
    result = run("show", "ev_e1", "--store", mini, "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == make_event("ev_e1").to_dict()
    assert json.loads(run("show", "ev_e3", "--store", mini).stdout)["id"] == "ev_e3"  # json in a pipe
    assert json.loads(run("show", "ev_e3", "--store", mini, "--fields", "id,type").stdout) == {"id": "ev_e3", "type": "visit"}
    assert run("show", "ev_e3", "--store", mini, "-f", "ids").stdout == "ev_e3\n"
    table = run("show", "ev_e1", "--store", mini, tty=True, env={"NO_COLOR": "1"}).stdout
    assert "trilateral summit at the White House" in table and "wires/2025/a2.txt" in table


def test_show_by_prefix(run, mini):
    assert run("show", "ev_e4", "--store", mini, "-f", "ids").stdout == "ev_e4\n"
    ambiguous = run("show", "ev_e", "--store", mini)
    assert ambiguous.exit_code == ExitStatus.USAGE and "prefix of 7 events" in one_error_line(ambiguous)
    missing = run("show", "ev_zz", "--store", mini)
    assert missing.exit_code == ExitStatus.NO_MATCH and missing.stdout == ""
    assert "no event 'ev_zz'" in missing.stderr and "azdiplo events --format ids" in missing.stderr


def test_actors_lists_everyone_with_filters(run, mini):
    rows = json.loads(run("actors", "--store", mini, "-f", "json").stdout)
    by_id = {r["id"]: r for r in rows}
    assert by_id["person:ilham-aliyev"]["events"] == by_id["AZE"]["events"] == 2
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)  # most active first
    assert "arkady zyx" in by_id and by_id["arkady zyx"]["in_dictionary"] is False
    people = json.loads(run("actors", "--store", mini, "--kind", "person", "--country", "ARM").stdout)
    assert {r["id"] for r in people} == {"person:nikol-pashinyan", "person:ararat-mirzoyan"}
    assert run("actors", "--store", mini, "-f", "ids", "-n", "1").stdout == rows[0]["id"] + "\n"
    header = next(csv.reader(io.StringIO(run("actors", "--store", mini, "-f", "csv").stdout)))
    assert header == render.ACTOR_COLUMNS
    assert "Ilham Aliyev" in run("actors", "--store", mini, tty=True).stdout
    none = run("actors", "--store", mini, "--kind", "person", "--country", "BEL")
    assert none.exit_code == ExitStatus.NO_MATCH and json.loads(none.stdout) == []


def test_actor_profile(run, mini):
    result = run("actor", "president aliyev", "--store", mini, "-f", "json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["id"] == "person:ilham-aliyev" and data["country"] == "AZE"
    assert [e["id"] for e in data["events"]] == ["ev_e1", "ev_e3"]
    assert data["events"][0] == make_event("ev_e1").to_dict()  # the one event schema
    assert {"name": "NATO", "events": 1} in data["counterparts"]
    table = run("actor", "Aliyev", "--store", mini, tty=True, env={"NO_COLOR": "1"}).stdout
    assert "Ilham Aliyev" in table and "ev_e3" in table
    unknown = run("actor", "Natto", "--store", mini)
    assert unknown.exit_code == ExitStatus.UNKNOWN_ACTOR and "did you mean 'NATO'" in one_error_line(unknown)
    idle = run("actor", "Mark Rutte", "--store", mini, "-f", "json")  # in the dictionary, in no event
    assert idle.exit_code == ExitStatus.NO_MATCH and json.loads(idle.stdout)["events"] == []


def test_actor_asks_for_the_full_name_when_several_in_the_store_share_it(run, tmp_path):
    store = Store(tmp_path / "st")
    heydar = make_event("ev_e6")
    heydar.id, heydar.participants = "ev_h", [person("Heydar Aliyev", "person:heydar-aliyev", "AZE")]
    with store.writer() as w:
        w.state.events = [make_event("ev_e1").to_dict(), heydar.to_dict()]
        w.commit()
    result = run("actor", "Aliyev", "--store", store.path)
    assert result.exit_code == ExitStatus.USAGE and result.stdout == ""
    assert "'Aliyev' names 2 actors: Heydar Aliyev, Ilham Aliyev — give the full name" in one_error_line(result)
    assert found(run, store.path, "--actor", "Aliyev") == {"ev_e1", "ev_h"}  # a filter takes any of them
    assert json.loads(run("actor", "Heydar Aliyev", "--store", store.path).stdout)["events"][0]["id"] == "ev_h"


# --------------------------------------------------------------------------- export and store


def test_export_events_json_is_what_events_prints(run, mini, sample_store):
    for store in (mini, sample_store):
        exported = run("export", "events", "--store", store, "-f", "json")
        listed = run("events", "--store", store, "-f", "json")
        assert exported.exit_code == listed.exit_code == 0
        # the same objects; the store keeps its own order (date text), events sorts by calendar
        by_id = {e["id"]: e for e in json.loads(listed.stdout)}
        assert by_id and {e["id"]: e for e in json.loads(exported.stdout)} == by_id


def test_export_formats_and_output_file(run, mini, tmp_path):
    lines = run("export", "events", "--store", mini).stdout.splitlines()  # jsonl by default, in the order of 'events'
    assert [json.loads(line)["id"] for line in lines] == run("events", "--store", mini, "-f", "ids").stdout.split()
    assert run("export", "events", "--store", mini).stdout == run("events", "--store", mini, "-f", "jsonl").stdout
    out = tmp_path / "mentions.csv"
    result = run("export", "mentions", "--store", mini, "-f", "csv", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert len(list(csv.DictReader(out.open()))) == sum(len(s[7]) for s in SPECS.values())
    articles = json.loads(run("export", "articles", "--store", mini, "-f", "json").stdout)
    assert [a["id"] for a in articles] == ["a1", "a2", "a3", "a4", "a5"]
    actors = list(csv.DictReader(io.StringIO(run("export", "actors", "--store", mini, "-f", "csv").stdout)))
    assert [a["id"] for a in actors] == [r["id"] for r in json.loads(run("actors", "--store", mini, "-f", "json").stdout)]
    bad = run("export", "events", "--store", mini, "-o", tmp_path / "no" / "such" / "dir" / "x.json")
    assert bad.exit_code == ExitStatus.USAGE and "cannot write" in one_error_line(bad)


def test_store_verify_stats_reindex_recover(run, sample_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    result = run("store", "verify", "--store", store)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"azdiplo: {store}: sound\n"
    stats = json.loads(run("store", "stats", "--store", store).stdout)
    assert stats["articles"] == 5 and stats["events"] == len(json.loads(run("events", "--store", store).stdout))
    table = run("store", "stats", "--store", store, tty=True).stdout
    assert re.search(r"^articles\s+5$", table, re.M)
    reindexed = run("store", "reindex", "--store", store)
    assert reindexed.exit_code == 0 and "index rebuilt" in reindexed.stderr
    recovered = run("store", "recover", "--store", store)
    assert recovered.exit_code == 0 and isinstance(json.loads(recovered.stdout), dict)
    # a damaged events file: verify lists the problems on stdout and exits 3
    current = json.loads((store / "CURRENT").read_text())["generation"]
    manifest = json.loads((store / current / "manifest.json").read_text())
    events = store / "segments" / manifest["segments"][-1]["name"] / "events.jsonl"
    events.write_bytes(events.read_bytes().replace(b'"type":"meeting"', b'"type":"meetinG"', 1))
    broken = run("store", "verify", "--store", store)
    assert broken.exit_code == ExitStatus.STORE
    assert broken.stdout.strip() and "azdiplo store recover" in one_error_line(broken)


def test_store_compact_merges_the_segments_and_keeps_every_answer(run, sample_store, tmp_path):
    from azdiplo.store import Change, Store

    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    state = Store(store).load()
    for _ in range(2):  # the same events written again: two more segments, their old rows replaced
        with Store(store).writer() as w:
            w.apply(Change(events=state.events, removed={e["id"] for e in state.events}))
    before = json.loads(run("store", "stats", "--store", store).stdout)
    assert before["segments"] == 3 and before["dead_rows"] == 2 * len(state.events)
    exported = {what: run("export", what, "--store", store, "--format", "jsonl").stdout
                for what in ("events", "articles", "mentions")}
    result = run("store", "compact", "--store", store)
    assert (result.exit_code, result.stdout) == (0, "")
    generation = json.loads((store / "CURRENT").read_text())["generation"]
    assert result.stderr == (f"azdiplo: {store}: 3 segments and {before['dead_rows']} replaced rows compacted "
                             f"into one segment in {generation}\n")
    after = json.loads(run("store", "stats", "--store", store).stdout)
    assert (after["segments"], after["dead_rows"], after["events"]) == (1, 0, before["events"])
    assert {what: run("export", what, "--store", store, "--format", "jsonl").stdout for what in exported} == exported
    assert run("store", "verify", "--store", store).exit_code == 0
    missing = run("store", "compact", "--store", tmp_path / "nowhere")
    assert missing.exit_code == ExitStatus.STORE and "no event store" in one_error_line(missing)


# --------------------------------------------------------------------------- ingest, extract, pipeline (the model)


@pytest.fixture
def two_articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("002_193ecc9a7c9c0ee9.txt", "003_886d389d415d66f6.txt"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.mark.slow
def test_ingest_summary_on_stderr_and_json_on_stdout(run, two_articles, tmp_path):
    store = tmp_path / "store"
    result = run("ingest", two_articles, "--store", store, "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["extracted"], summary["skipped_unchanged"], summary["failed"]) == (2, 2, 0, [])
    assert summary["new_events"] == summary["events_after"] > 0
    lines = result.stderr.splitlines()
    assert lines[0].startswith("azdiplo: 2 articles read: 2 extracted, 0 skipped unchanged, 0 failed (")
    assert lines[1].startswith(f"azdiplo: {summary['mentions']} event mentions → {summary['events_after']} events in {store}: "
                               f"{summary['new_events']} new, 0 merged")
    assert "\x1b" not in result.stderr  # no progress bar when stderr is not a terminal
    # again: nothing changed, nothing extracted
    again = run("ingest", two_articles, "--store", store, "--json")
    assert again.exit_code == 0
    assert (json.loads(again.stdout)["skipped_unchanged"], json.loads(again.stdout)["new_events"]) == (2, 0)
    assert "2 skipped unchanged" in again.stderr
    # a third article reports events already stored: merged, not new
    shutil.copy(CORPUS / "004_1c6b34f3e74d6eaf.txt", two_articles)
    third = json.loads(run("ingest", two_articles, "--store", store, "--json", "-q").stdout)
    assert third["extracted"] == 1 and third["merged_mentions"] > 0


@pytest.mark.slow
def test_ingest_reports_failed_inputs_and_exits_5(run, two_articles, tmp_path):
    (two_articles / "empty.txt").write_text("")
    store = tmp_path / "store"
    result = run("ingest", two_articles, tmp_path / "missing.txt", "--store", store, "-q")
    assert result.exit_code == ExitStatus.INPUT
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and all(e.startswith("azdiplo: error: ") for e in errors)
    assert any("missing.txt: no such file or folder" in e for e in errors)
    assert any("empty.txt" in e for e in errors)
    # the readable articles are stored
    assert run("events", "--store", store, "-q").exit_code == 0


@pytest.mark.slow
def test_ingest_progress_bar_only_on_a_terminal(run, two_articles, tmp_path):
    result = run("ingest", two_articles, "--store", tmp_path / "s", tty=True)
    assert result.exit_code == 0
    assert "ingest" in result.stderr and "articles" in result.stderr and "ETA" in result.stderr
    assert "2 articles read" in result.stderr
    quiet = run("ingest", two_articles, "--store", tmp_path / "s2", "--quiet", tty=True)
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")


def test_the_progress_total_counts_articles_as_ingest_reads_them(tmp_path):
    from azdiplo.corpus import iter_articles
    from azdiplo.progress import count_articles

    (tmp_path / "feed.jsonl").write_text('{"text": "One."}\n\n{"text": "Two."}\n{"text": "Three."}\n')
    (tmp_path / ".hidden.txt").write_text("skipped")
    (tmp_path / "notes.pdf").write_text("not an article")
    shutil.copy(CORPUS / "003_886d389d415d66f6.txt", tmp_path)
    for paths in ([str(CORPUS)], [str(tmp_path)], [str(CORPUS), str(tmp_path / "feed.jsonl")]):
        assert count_articles(paths) == len(list(iter_articles(paths))), paths
    assert count_articles([str(CORPUS), "-"]) is None  # stdin cannot be counted


def test_ingest_interrupted_exits_130(run, two_articles, tmp_path, monkeypatch):
    from azdiplo.ingest import IngestSummary

    monkeypatch.setattr("azdiplo.ingest.ingest", lambda *a, **k: IngestSummary(read=1, interrupted=True, store="s"))
    result = run("ingest", two_articles, "--store", tmp_path / "s")
    assert result.exit_code == ExitStatus.INTERRUPTED
    assert "run the same command again to continue" in result.stderr.splitlines()[-1]


@pytest.mark.slow
def test_ingest_from_stdin(run, tmp_path):
    text = (CORPUS / "003_886d389d415d66f6.txt").read_text()
    result = run("ingest", "-", "--store", tmp_path / "s", "--json", input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["extracted"] == 1


def test_a_missing_model_exits_4(run, two_articles, tmp_path):
    for args in (["pipeline"], ["ingest", two_articles, "--store", tmp_path / "s"], ["extract", two_articles]):
        result = run(*args, "--model", "no_such_model_xyz")
        assert result.exit_code == ExitStatus.MODEL, (args, result.stderr)
        assert result.stdout == ""
        assert "no_such_model_xyz" in one_error_line(result)


@pytest.mark.slow
def test_extract_prints_the_event_schema_and_exits_5_on_bad_input(run, tmp_path):
    result = run("extract", CORPUS / "003_886d389d415d66f6.txt", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 1 and rows[0]["events"]
    assert all(list(e) == sorted(render.EVENT_KEYS) for e in rows[0]["events"])
    missing = run("extract", tmp_path / "nope.txt")
    assert missing.exit_code == ExitStatus.INPUT and missing.stdout == ""
    assert "nope.txt: no such file or folder" in one_error_line(missing)


@pytest.mark.slow
def test_pipeline_lists_the_components(run):
    result = run("pipeline", "-f", "json")
    assert result.exit_code == 0
    names = [c["name"] for c in json.loads(result.stdout)["components"]]
    assert "ner" in names and "azdiplo_events" in names
    assert "azdiplo_events" in run("pipeline", tty=True).stdout


# --------------------------------------------------------------------------- docs


def test_docs_describe_every_command_option_and_exit_status():
    doc = (REPO / "docs" / "cli.md").read_text()
    root = typer.main.get_command(app)
    for path in all_commands():
        cmd = root
        for name in path:
            cmd = cmd.commands[name]
        if path:
            assert f"azdiplo {' '.join(path)}" in doc, path
        for param in cmd.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in doc, (path, opt)
    for code, _ in EXIT_CODES:
        assert re.search(rf"^\| `?{int(code)}`? \|", doc, re.M), code
    assert "## Scripting azdiplo" in doc


REFERENCE_START = "<!-- reference: generated by 'python tests/test_cli.py'; do not edit by hand -->"
REFERENCE_END = "<!-- end of reference -->"


def reference() -> str:
    """The --help of every command, as docs/cli.md's reference shows it."""
    parts = []
    for path in all_commands():
        result = CliRunner().invoke(app, [*path, "--help"], env={"AZDIPLO_STORE": None, "AZDIPLO_MODEL": None})
        parts.append(f"### azdiplo {' '.join(path)}".rstrip() + f"\n\n```\n{result.stdout.rstrip()}\n```\n")
    return "\n".join(parts)


def test_the_reference_in_the_docs_is_the_help_of_today():
    doc = (REPO / "docs" / "cli.md").read_text()
    assert REFERENCE_START in doc and REFERENCE_END in doc
    current = doc.split(REFERENCE_START, 1)[1].split(REFERENCE_END, 1)[0].strip()
    assert current == reference().strip(), "docs/cli.md is stale: run '.venv/bin/python tests/test_cli.py'"


if __name__ == "__main__":  # rewrite the reference section of docs/cli.md
    doc_path = REPO / "docs" / "cli.md"
    doc = doc_path.read_text()
    head, rest = doc.split(REFERENCE_START, 1)
    tail = rest.split(REFERENCE_END, 1)[1]
    doc_path.write_text(f"{head}{REFERENCE_START}\n\n{reference().strip()}\n\n{REFERENCE_END}{tail}")
