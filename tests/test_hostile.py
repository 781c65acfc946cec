"""azdiplo as a hostile tester tries it: each row of issue 13's table, end to end.

Every test asserts the exit status, the one-line message (or its absence)
and that nothing was lost or doubled. The articles are sentences written for
these tests, with what a hostile or careless source puts in them: formulas
for spreadsheets, terminal escape sequences, legacy encodings, named pipes.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from azdiplo import cli, render
from azdiplo.cli import app
from azdiplo.corpus import decode
from azdiplo.errors import ExitStatus
from azdiplo.sanitize import normalize, printable

AZDIPLO = Path(sys.executable).parent / "azdiplo"
FORMULA = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: file name -> text; the escape sequences: a window title, hidden text, clear screen and cursor home
ARTICLES = {
    "injection-1.txt": 'date 2025-03-04\n=HYPERLINK("http://evil.example/x","Robert Fico") met President Emmanuel '
                       "Macron in Paris on Monday.\n",
    "injection-2.txt": "date 2025-05-14\n+Chancellor Friedrich Merz met Prime Minister Donald Tusk in Warsaw on Tuesday.\n",
    "escapes\x1b[2J.txt": "date 2024-06-10\n\x1b]0;owned\x07Slovak Prime Minister Robert Fico\x1b[8m met Hungarian Prime "
                          "Minister Viktor Orban in Budapest on Monday.\x1b[0m\n\x1b[2J\x1b[HThe two leaders signed a "
                          "memorandum on energy cooperation in Budapest on Monday.\n",
}
#: a Spanish name in a latin-1 file
LATIN1 = ("latin1.txt", "date 2025-03-12\nParaguayan President Santiago Peña met Spanish Prime Minister Pedro Sánchez "
                        "in Madrid on Wednesday.\n")


def azdiplo(*args, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """The installed command, in a subprocess (a hang fails the test instead of blocking it)."""
    clean = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "AZDIPLO_STORE", "AZDIPLO_DEBUG"}}
    return subprocess.run([str(AZDIPLO), *map(str, args)], env={**clean, **(env or {})}, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def run(monkeypatch):
    """``run(*args, tty=False)``: azdiplo in-process, stdout and stderr a pipe unless ``tty``."""

    def invoke(*args, tty: bool = False, env: dict | None = None):
        monkeypatch.setattr(cli.TERMINAL, "stdout_tty", tty)
        monkeypatch.setattr(cli.TERMINAL, "stderr_tty", tty)
        clean = {"NO_COLOR": None, "FORCE_COLOR": None, "AZDIPLO_STORE": None, "AZDIPLO_DEBUG": None,
                 "AZDIPLO_MODEL": None}
        return CliRunner().invoke(app, [str(a) for a in args], env={**clean, **(env or {})})

    return invoke


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("azdiplo: error: ") and " — " in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    """A folder of hostile articles with a named pipe, a socket and a device among them, ingested once."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / LATIN1[0]).write_bytes(LATIN1[1].encode("latin-1"))
    os.mkfifo(folder / "feed.txt")  # nobody ever writes to it: opening it for reading waits forever
    (folder / "null.txt").symlink_to(os.devnull)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket"))
    store = root / "store"
    try:
        result = azdiplo("ingest", folder, "--store", store)
    finally:
        sock.close()
    return {"folder": folder, "store": store, "ingest": result}


def events_of(run, store) -> list[dict]:
    result = run("events", "--store", store, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- special files


@pytest.mark.slow  # the hostile folder is ingested in a subprocess
def test_a_named_pipe_a_socket_and_a_device_in_a_folder_are_skipped_with_one_line_each(hostile, run):
    result = hostile["ingest"]
    assert result.returncode == 0, result.stderr
    folder = hostile["folder"]
    skipped = [line for line in result.stderr.splitlines() if "not a regular file; skipped" in line]
    assert sorted(skipped) == sorted([
        f"azdiplo: warning: {folder / 'feed.txt'}: a named pipe, not a regular file; skipped",
        f"azdiplo: warning: {folder / 'null.txt'}: a character device, not a regular file; skipped",
        f"azdiplo: warning: {folder / 'socket'}: a socket, not a regular file; skipped",
    ])
    # every article was read, once
    assert f"{len(ARTICLES) + 1} articles read: {len(ARTICLES) + 1} extracted" in result.stderr
    articles = json.loads(run("export", "articles", "--store", hostile["store"], "-f", "json").stdout)
    assert len(articles) == len(ARTICLES) + 1


def test_a_named_pipe_given_by_name_is_read(tmp_path, run):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    text = "date 2025-03-12\nPresident Santiago Peña met Prime Minister Pedro Sánchez in Madrid on Wednesday.\n"
    writer = subprocess.Popen(["sh", "-c", f'printf "%s" "$0" > "{fifo}"', text])
    try:
        from azdiplo.corpus import Skipped, iter_articles

        (article,) = list(iter_articles([str(fifo)]))
        assert not isinstance(article, Skipped) and article.text == text
    finally:
        writer.wait(timeout=30)


# --------------------------------------------------------------------------- spreadsheet formulas


@pytest.mark.slow  # the hostile folder is ingested in a subprocess
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(hostile, run):
    store = hostile["store"]
    events = events_of(run, store)
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        safe = run("events", "--store", store, "-f", fmt)
        raw = run("events", "--store", store, "-f", fmt, "--raw-csv")
        assert safe.exit_code == raw.exit_code == 0 and safe.stderr == raw.stderr == ""
        safe_rows = list(csv.reader(io.StringIO(safe.stdout), delimiter=delimiter))
        raw_rows = list(csv.reader(io.StringIO(raw.stdout), delimiter=delimiter))
        # nothing lost or doubled: a header and one row per event
        assert len(safe_rows) == len(raw_rows) == len(events) + 1
        assert sorted(r[0] for r in safe_rows[1:]) == sorted(e["id"] for e in events)
        formulas = 0
        for safe_row, raw_row in zip(safe_rows, raw_rows):
            for s, r in zip(safe_row, raw_row):
                assert not s.startswith(FORMULA), s
                formulas += r.startswith(FORMULA)
                # the same cell, made safe: a leading ' before a formula, control characters as escapes
                assert s == printable(render.neutralise(r))
        # the articles' formulas reached the evidence: the test proves something
        assert formulas >= 2, raw.stdout


@pytest.mark.slow  # the hostile folder is ingested in a subprocess
def test_every_csv_output_is_neutralised(hostile, run):
    store = hostile["store"]
    for args in (("export", "events", "-f", "csv"), ("export", "mentions", "-f", "csv"), ("meetings", "-f", "csv"),
                 ("agreements", "-f", "tsv"), ("actors", "-f", "csv"), ("export", "actors", "-f", "csv"),
                 ("export", "articles", "-f", "csv")):
        result = run(*args, "--store", store)
        assert result.exit_code == 0, (args, result.stderr)
        delimiter = "\t" if "tsv" in args else ","
        cells = [c for row in csv.reader(io.StringIO(result.stdout), delimiter=delimiter) for c in row]
        assert cells and not any(c.startswith(FORMULA) for c in cells), args
    mentions = run("export", "mentions", "--store", store, "-f", "csv").stdout
    assert "'=HYPERLINK(" in mentions and "'+Chancellor" in mentions


def test_neutralising_is_owasps_rule_for_every_flat_cell():
    event = {"id": "ev_1", "type": "meeting", "status": "occurred", "date": "2025-01-02", "place": "@Paris",
             "participants": [{"name": "=1+1", "kind": "person"}, {"name": "NATO", "kind": "organization", "id": "NATO"}],
             "countries": ["FRA"], "evidence": "-2+3 the ministers met.", "trigger": "\tmet", "date_text": "\rMonday",
             "confidence": -0.5, "sources": [{"article": "a1", "path": "+a.txt"}], "mentions": []}
    out = io.StringIO()
    render.write_events([event], "csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["place"] == "'@Paris" and row["participants"] == "'=1+1; NATO" and row["evidence"] == "'-2+3 the ministers met."
    assert row["trigger"] == "'\tmet" and row["articles"] == "'+a.txt"
    assert row["date_text"] == "'\\rMonday"  # and a control character shown as an escape
    assert row["confidence"] == "-0.5"  # a number is a number, not a formula
    raw = io.StringIO()
    render.write_events([event], "csv", raw, raw_csv=True)
    assert next(csv.DictReader(io.StringIO(raw.getvalue())))["participants"] == "=1+1; NATO"


# --------------------------------------------------------------------------- one CSV for events


@pytest.mark.slow  # the hostile folder is ingested in a subprocess
def test_events_csv_and_export_events_csv_are_byte_for_byte_the_same(hostile, run, sample_store):
    for store in (hostile["store"], sample_store):
        for extra in ((), ("--raw-csv",)):
            listed = run("events", "--store", store, "-f", "csv", *extra)
            exported = run("export", "events", "--store", store, "-f", "csv", *extra)
            assert listed.exit_code == exported.exit_code == 0
            assert listed.stdout == exported.stdout
            rows = list(csv.DictReader(io.StringIO(listed.stdout)))
            assert list(rows[0]) == render.DEFAULT_CSV
            assert len(rows) == len(events_of(run, store))
    assert run("events", "--store", sample_store, "-f", "json").stdout == \
        run("export", "events", "--store", sample_store, "-f", "json").stdout


# --------------------------------------------------------------------------- terminal escapes


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


@pytest.mark.slow  # the hostile folder is ingested in a subprocess
def test_escape_sequences_never_reach_names_places_evidence_or_the_terminal(hostile, run):
    store = hostile["store"]
    events = events_of(run, store)
    fico = [e for e in events if any(p.get("id") == "person:robert-fico" for p in e["participants"])
            and e["place"] == "Budapest"]
    assert fico, "the person behind the escape sequence is still the known Robert Fico"
    article_strings = [s for e in events for s in strings({k: v for k, v in e.items() if k not in ("sources",)})]
    assert not [s for s in article_strings if CONTROL.search(s)]
    mentions = run("export", "mentions", "--store", store, "-f", "jsonl").stdout
    assert not CONTROL.search(mentions.replace("\\u001b", "\x1b"))
    # terminal output: tables, show, timeline, actors; no colour asked, so no escape at all
    for args in (("events", "-f", "table"), ("show", fico[0]["id"]), ("timeline",), ("actors", "-f", "table"),
                 ("actor", "Robert Fico")):
        result = run(*args, "--store", store, tty=True, env={"NO_COLOR": "1"})
        assert result.exit_code == 0, (args, result.stderr)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, args
    # the file name carries one too: show prints it escaped
    shown = run("show", fico[0]["id"], "--store", store, tty=True, env={"NO_COLOR": "1"}).stdout
    assert "escapes\\x1b[2J.txt" in shown


@pytest.mark.slow  # the hostile folder is ingested in a subprocess
def test_offsets_point_into_the_text_as_given(hostile, run):
    mentions = [json.loads(line) for line in run("export", "mentions", "--store", hostile["store"]).stdout.splitlines()]
    articles = {a["id"]: a for a in json.loads(run("export", "articles", "--store", hostile["store"], "-f", "json").stdout)}
    checked = 0
    for m in mentions:
        path = Path(articles[m["article"]]["path"])
        if not path.name.startswith("escapes"):
            continue
        given = path.read_text(encoding="utf-8")
        assert normalize(given[m["start"]:m["end"]])[0].strip() == m["sentence"]
        assert given[m["trigger_start"]:m["trigger_end"]] == m["trigger"] or "…" in m["trigger"]
        checked += 1
    assert checked == 2


def test_explain_and_messages_show_control_characters_as_escapes():
    rows = [{"article": {"id": "a", "path": "x\x1b]0;owned\x07.txt", "published": None, "published_from": "none"},
             "explain": [{"sentence": "The \x1b[8mhidden\x1b[0m minister met.", "decisions": [
                 {"trigger": "met", "type": "meeting", "rule": "met", "why": "no participant \x1b[2J", "recorded": False}]}],
             "events": []}]
    out = io.StringIO()
    render.write_explain(rows, out, color=False)
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "x\\x1b]0;owned\\x07.txt" in out.getvalue()


@pytest.mark.parametrize("given, clean", [
    ("Robert Fico\x1b[8m met", "Robert Fico met"),
    ("Robert Fico\x1b[8mhidden\x1b[0m text", "Robert Fico hidden text"),
    ("\x1b]0;title\x07Headline", "Headline"),
    ("line one\r\nline two\rline three\x0cpage", "line one \nline two\nline three\npage"),
    ("Pen\u0303a met Fi\u00adco\u200b.", "Peña met Fico."),
    ("a\u202eb\u2066c", "abc"),
    ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
])
def test_reading_normalises_text_and_maps_offsets_back(given, clean):
    text, offsets = normalize(given)
    assert text == clean
    assert unicodedata.is_normalized("NFC", text)
    to_given = (lambda i: i) if offsets is None else offsets.given
    # every word of the clean text is found at its mapped offsets in the text as given
    for m in re.finditer(r"\w+", text):
        start, end = to_given(m.start()), to_given(m.end())
        assert normalize(given[start:end])[0].strip() == m.group(), (m.group(), given[start:end])


# --------------------------------------------------------------------------- encodings


@pytest.mark.slow  # the hostile folder is ingested in a subprocess
def test_a_spanish_article_in_latin1_keeps_its_letters(hostile, run):
    result = hostile["ingest"]
    path = hostile["folder"] / LATIN1[0]
    assert f"azdiplo: warning: {path}: not UTF-8; decoded as cp1252, reads as Spanish (--encoding to override)" \
        in result.stderr.splitlines()
    events = [e for e in events_of(run, hostile["store"]) if e["place"] == "Madrid"]
    assert len(events) == 1
    assert "Santiago Peña" in [p["name"] for p in events[0]["participants"]]
    assert "Peña" in events[0]["evidence"] and "Sánchez" in events[0]["evidence"]


#: real sentences in each language, and the legacy encodings they are written in
SENTENCES = {
    "Spanish": ("El ministro español de Asuntos Exteriores se reunió el martes en Madrid con su homólogo argentino, "
                "el señor Peña, para firmar un acuerdo de cooperación pesquera.", ("latin-1", "cp1252")),
    "Portuguese": ("O presidente brasileiro recebeu ontem em Brasília a visita do primeiro-ministro português, e "
                   "ambos assinaram uma declaração conjunta sobre comércio e educação.", ("latin-1", "cp1252")),
    "French": ("Le ministre français des Affaires étrangères s'est rendu à Varsovie où il a rencontré son homologue "
               "polonais ; les deux hommes ont signé un accord sur l'énergie.", ("latin-1", "cp1252")),
    "German": ("Der österreichische Bundeskanzler traf sich am Donnerstag in Berlin mit dem deutschen Außenminister, "
               "um über die Zusammenarbeit bei der Energieversorgung zu sprechen.", ("latin-1", "cp1252")),
    "Polish": ("Minister spraw zagranicznych Polski spotkał się w środę w Pradze ze swoim czeskim odpowiednikiem; "
               "obaj podpisali porozumienie o współpracy energetycznej.", ("cp1250", "iso-8859-2")),
    "Czech": ("Český ministr zahraničí se ve středu v Bratislavě sešel se svým slovenským protějškem a oba podepsali "
              "dohodu o spolupráci v oblasti energetiky.", ("cp1250", "iso-8859-2")),
    "Russian": ("Министр иностранных дел России провёл в среду переговоры в Москве со своим казахстанским коллегой, "
                "и стороны подписали соглашение о сотрудничестве.", ("cp1251", "koi8-r")),
}


@pytest.mark.parametrize("language, encoding", [(lang, enc) for lang, (_, encs) in SENTENCES.items() for enc in encs])
def test_each_language_is_decoded_in_its_own_code_page(language, encoding):
    sentence = SENTENCES[language][0]
    text, note = decode(sentence.encode(encoding), "a.txt")
    assert text == sentence
    assert note.startswith("a.txt: not UTF-8; decoded as ") and f"reads as {language}" in note


def test_an_english_article_quoting_polish_and_spanish_names():
    sentence = "Polish President Łukasz Wróbel met José Álvarez in Warsaw."
    assert decode(sentence.encode("cp1250"), "a.txt")[0] == sentence


def test_encoding_still_overrides_the_choice():
    data = "Santiago Peña".encode("latin-1")
    assert decode(data, "a.txt", "cp1250")[0] == "Santiago Peńa"
    assert decode(data, "a.txt")[0] == "Santiago Peña"


def test_utf16_with_a_byte_order_mark_is_text_not_binary():
    sentence = "President Santiago Peña met Prime Minister Pedro Sánchez."
    assert decode(sentence.encode("utf-16"), "a.txt") == (sentence, None)


# --------------------------------------------------------------------------- global options


def test_store_and_model_are_global_options(run, sample_store, tmp_path):
    listed = run("events", "--store", sample_store, "-f", "ids")
    assert listed.exit_code == 0 and listed.stdout
    before = run("--store", sample_store, "events", "-f", "ids")
    assert (before.exit_code, before.stdout, before.stderr) == (0, listed.stdout, "")
    # the command's own option wins over the global one, which wins over the environment
    missing = tmp_path / "none"
    after = run("--store", sample_store, "events", "--store", missing)
    assert after.exit_code == ExitStatus.STORE and str(missing) in one_error_line(after.stderr)
    env = run("--store", sample_store, "events", "-f", "ids", env={"AZDIPLO_STORE": str(missing)})
    assert (env.exit_code, env.stdout) == (0, listed.stdout)
    (tmp_path / "a.txt").write_text("President Santiago Peña met Prime Minister Pedro Sánchez in Madrid.", encoding="utf-8")
    model = run("--model", "no_such_model_xx", "ingest", tmp_path / "a.txt", "--store", tmp_path / "s")
    assert model.exit_code == ExitStatus.MODEL and "no_such_model_xx" in one_error_line(model.stderr)
    assert not (tmp_path / "s").exists() or not list((tmp_path / "s").glob("gen-*"))


# --------------------------------------------------------------------------- OS errors


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_one_line_and_exit_74_never_an_internal_error(sample_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    before = azdiplo("events", "--store", store, "-f", "jsonl").stdout
    for script in ('"$AZ" events --store "$S" > /dev/full', '"$AZ" events --store "$S" -f csv > /dev/full',
                   '"$AZ" export events --store "$S" -o /dev/full', '"$AZ" --help > /dev/full'):
        result = subprocess.run(["bash", "-c", script], env={**os.environ, "AZ": str(AZDIPLO), "S": str(store)},
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == ExitStatus.OS_ERROR == 74, (script, result.stderr)
        line = one_error_line(result.stderr)
        assert "no space left on device" in line and "internal error" not in line, line
    assert azdiplo("store", "verify", "--store", store).returncode == 0
    assert azdiplo("events", "--store", store, "-f", "jsonl").stdout == before


# --------------------------------------------------------------------------- the store


def test_a_store_is_never_made_among_other_files(run, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name.replace("\x1b", "")).write_text(text, encoding="utf-8")
    before = sorted(p.name for p in folder.iterdir())
    for args in (("ingest", folder, "--store", folder), ("--store", folder, "ingest", folder),
                 ("store", "reindex", "--store", folder), ("store", "recover", "--store", folder)):
        result = run(*args)
        assert result.exit_code == ExitStatus.STORE, (args, result.stderr)
        line = one_error_line(result.stderr)
        assert f"{folder} is a folder of other files" in line and "--store must name a new folder or an existing store" in line
        assert sorted(p.name for p in folder.iterdir()) == before, args  # no lock, no generation, nothing
    # a new folder, an empty one, and one holding only the store's own actor file are fine
    from azdiplo.store import Store

    for path, setup in ((tmp_path / "new", None), (tmp_path / "empty", "mkdir"), (tmp_path / "own", "actors")):
        if setup:
            path.mkdir()
        if setup == "actors":
            (path / "actors.jsonl").write_text("", encoding="utf-8")
        with Store(path).writer() as w:
            w.commit()
        assert Store(path).exists()


def corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def newest_segment(store: Path) -> Path:
    """The folder of the current generation's newest segment (the files of the last commit)."""
    generation = store / json.loads((store / "CURRENT").read_text())["generation"]
    manifest = json.loads((generation / "manifest.json").read_text())
    return store / "segments" / manifest["segments"][-1]["name"]


def test_a_damaged_index_is_rebuilt_and_nothing_is_lost(run, sample_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    before = events_of(run, store)
    corrupt(newest_segment(store) / "index.bin")
    listed = run("events", "--store", store)
    assert listed.exit_code == ExitStatus.STORE and listed.stdout == ""
    line = one_error_line(listed.stderr)
    assert "index.bin" in line and "azdiplo store reindex" in line and "recover" not in line
    verified = run("store", "verify", "--store", store)
    assert verified.exit_code == ExitStatus.STORE and "index.bin" in verified.stdout
    line = one_error_line(verified.stderr)
    assert "store verify --repair" in line and "store reindex" in line and "loses nothing" in line
    assert "store recover" not in line
    repaired = run("store", "verify", "--repair", "--store", store)
    assert repaired.exit_code == 0, repaired.stderr
    assert "index rebuilt" in repaired.stderr and "nothing was lost" in repaired.stderr
    assert repaired.stderr.splitlines()[-1] == f"azdiplo: {store}: sound"
    assert events_of(run, store) == before  # every event, once


def test_a_broken_generation_goes_back_to_the_newest_sound_one(run, sample_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    before = events_of(run, store)
    assert run("store", "reindex", "--store", store).exit_code == 0  # a second generation, the same events
    corrupt(newest_segment(store) / "events.jsonl")
    listed = run("events", "--store", store)
    assert listed.exit_code == ExitStatus.STORE
    assert "azdiplo store recover" in one_error_line(listed.stderr)
    verified = run("store", "verify", "--store", store)
    assert verified.exit_code == ExitStatus.STORE
    line = one_error_line(verified.stderr)
    assert "store recover" in line and "the commits after it are lost" in line
    repaired = run("store", "verify", "--repair", "--store", store)
    assert repaired.exit_code == 0, repaired.stderr
    assert "back to gen-" in repaired.stderr and repaired.stderr.splitlines()[-1] == f"azdiplo: {store}: sound"
    assert events_of(run, store) == before


def files_of(store: Path) -> dict[str, bytes]:
    return {str(p.relative_to(store)): p.read_bytes() for p in sorted(store.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("damaged", ["manifest.json", "articles.jsonl", "mentions.jsonl", "events.jsonl"])
def test_a_broken_store_with_one_generation_is_told_to_restore_or_ingest_again(run, sample_store, tmp_path, damaged):
    """A fresh store (one ingest, one generation) has nothing to go back to: 'store recover' is not the advice."""
    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    generations = sorted(p.name for p in store.glob("gen-*"))
    assert len(generations) == 1
    corrupt(store / generations[0] / damaged if damaged == "manifest.json" else newest_segment(store) / damaged)
    before = files_of(store)
    for args in (("store", "verify"), ("store", "verify", "--repair")):
        result = run(*args, "--store", store)
        assert result.exit_code == ExitStatus.STORE, (args, result.stderr)
        assert damaged in result.stdout  # the problem, listed
        line = one_error_line(result.stderr)
        assert "no sound older one" in line and "nothing was changed" in line, line
        assert "restore the store from a backup" in line and "'azdiplo ingest PATHS --store NEW_FOLDER'" in line, line
        assert "store recover" not in line and "--repair" not in line, line
        assert files_of(store) == before, args  # nothing deleted, nothing rewritten
    if damaged in ("manifest.json", "events.jsonl"):  # what a query reads: its message says the same
        listed = run("events", "--store", store)
        assert listed.exit_code == ExitStatus.STORE and listed.stdout == ""
        line = one_error_line(listed.stderr)
        assert damaged in line and "no older generation" in line and "--store NEW_FOLDER" in line, line
        assert "store recover" not in line
    assert files_of(store) == before


def test_a_store_whose_older_generations_are_broken_too_is_told_to_restore(run, sample_store, tmp_path):
    """Two generations, both damaged: recover has nothing sound to go back to, so it is not the advice."""
    from azdiplo.store import Store

    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    first = newest_segment(store)
    with Store(store).writer() as w:  # a second generation, the same rows in a new segment
        w.commit()
    assert len(list(store.glob("gen-*"))) == 2 and newest_segment(store) != first
    corrupt(newest_segment(store) / "mentions.jsonl")
    line = one_error_line(run("store", "verify", "--store", store).stderr)
    assert "store recover" in line and "the commits after it are lost" in line, line  # gen-000001 is sound
    corrupt(first / "mentions.jsonl")
    before = files_of(store)
    result = run("store", "verify", "--repair", "--store", store)
    assert result.exit_code == ExitStatus.STORE
    line = one_error_line(result.stderr)
    assert "no sound older one" in line and "store recover" not in line, line
    assert files_of(store) == before


# --------------------------------------------------------------------------- one article, one source (issue 15)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_the_same_files_from_a_renamed_folder_add_paths_never_sources(run, sample_store, tmp_path):
    """The five sample articles again, from a renamed copy of their folder: no article, source or event is doubled."""
    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    before = events_of(run, store)
    copy = tmp_path / "the same articles, renamed"
    shutil.copytree(CORPUS, copy)
    result = run("ingest", copy, "--store", store)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0].startswith(
        "azdiplo: 5 articles read: 0 extracted, 5 skipped unchanged (5 under a new path), 0 failed (")
    after = events_of(run, store)

    def identity(events: list[dict]) -> list[tuple]:
        return [(e["id"], e["num_mentions"], e["num_sources"], [s["article"] for s in e["sources"]]) for e in events]

    assert identity(after) == identity(before)  # the same ids, not one source more
    articles = json.loads(run("export", "articles", "--store", store, "-f", "json").stdout)
    assert len(articles) == 5
    for a in articles:
        name = Path(a["paths"][0]).name
        assert a["paths"] == sorted([str(CORPUS / name), str(copy / name)])
        assert a["path"] == a["paths"][0]
    again = run("ingest", copy, "--store", store)  # and a third time: nothing at all
    assert again.exit_code == 0
    assert "5 skipped unchanged, 0 failed" in again.stderr
    assert identity(events_of(run, store)) == identity(before)


# --------------------------------------------------------------------------- output files


@pytest.mark.parametrize("what, args, magic", [("report", ("report",), b"<!DOCTYPE html>"),
                                               ("sqlite", ("export", "-f", "sqlite"), b"SQLite format 3\0")])
def test_an_output_path_that_is_a_pipe_or_a_link_is_written_through_never_replaced(run, sample_store, tmp_path, what,
                                                                                    args, magic):
    """Renaming over the path would delete a device or a pipe (as root, /dev/stdout for the whole machine)."""
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: dict[str, bytes] = {}
    reader = threading.Thread(target=lambda: got.setdefault("data", fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        result = run(*args, "--store", sample_store, "-o", fifo)
    finally:
        try:  # a reader still waiting (the command failed before opening the pipe) gets its end of file
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        reader.join(timeout=60)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the named pipe was replaced by a file"
    assert got["data"].startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # nothing left aside
    # a link to a file: the link stays, its target gets the new content
    real = tmp_path / "real"
    real.write_bytes(b"old")
    link = tmp_path / "link"
    link.symlink_to(real)
    result = run(*args, "--store", sample_store, "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(magic) and real.read_bytes() == got["data"]
    if what == "sqlite":  # every event, once
        import sqlite3

        with contextlib.closing(sqlite3.connect(real)) as db:
            assert db.execute("SELECT count(*) FROM events").fetchone()[0] == len(events_of(run, sample_store))


@pytest.mark.parametrize("error, status", [
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), ExitStatus.USAGE),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), ExitStatus.USAGE),
    (PermissionError(errno.EACCES, "Permission denied"), ExitStatus.OS_ERROR),
    (OSError(errno.EROFS, "Read-only file system"), ExitStatus.OS_ERROR),
    (OSError(errno.ENOSPC, "No space left on device"), ExitStatus.OS_ERROR),
])
def test_an_output_file_that_cannot_be_written_is_a_wrong_path_or_a_system_refusal(run, sample_store, tmp_path,
                                                                                    monkeypatch, error, status):
    """A path in no folder is the user's argument (2); permission, a read-only or full disk is the system (74)."""
    import builtins

    out = tmp_path / "events.csv"

    def refusing(file, *a, **k):
        if str(file) == str(out):
            raise error
        return builtins.open(file, *a, **k)

    monkeypatch.setattr(cli, "open", refusing, raising=False)
    result = run("export", "events", "--store", sample_store, "-f", "csv", "-o", out)
    assert result.exit_code == status and result.stdout == ""
    line = one_error_line(result.stderr)
    assert str(out) in line and error.strerror.lower() in line.lower() and "internal error" not in line
    assert not out.exists()


@pytest.mark.slow  # extracts the five sample articles again
def test_event_ids_depend_neither_on_the_folder_nor_on_commit_every(run, sample_store, tmp_path):
    """The rule of docs/merge.md#event-ids: ids from the articles' texts alone, one article per commit or all in one."""
    copy = tmp_path / "another folder name"
    shutil.copytree(CORPUS, copy)
    store = tmp_path / "store"
    result = run("ingest", copy, "--store", store, "--commit-every", 1)
    assert result.exit_code == 0, result.stderr
    assert "5 articles read: 5 extracted" in result.stderr

    def identity(events: list[dict]) -> list[tuple]:
        return [(e["id"], e["type"], e["date"], e["num_mentions"], e["num_sources"],
                 [s["article"] for s in e["sources"]]) for e in events]

    reference = events_of(run, sample_store)  # the whole corpus/ folder in one commit (the default)
    assert len(reference) > 5
    assert identity(events_of(run, store)) == identity(reference)
    listed = [json.loads(run("export", "articles", "--store", s, "-f", "json").stdout) for s in (store, sample_store)]
    assert [a["id"] for a in listed[0]] == [a["id"] for a in listed[1]]
    assert all(Path(a["path"]).parent == copy for a in listed[0])
