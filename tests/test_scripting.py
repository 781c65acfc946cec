"""azdiplo as CI scripts and terminals use it: the installed command, run by bash, in pipes and a pty.

The recipes here are the ones docs/cli.md ("Scripting azdiplo") gives.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from azdiplo.store import Store

#: every test here runs the installed azdiplo in subprocesses, each starting Python anew
pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
AZDIPLO = BIN / "azdiplo"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def env(sample_store) -> dict:
    """The environment of a CI job: the installed azdiplo first on PATH, the sample store as AZDIPLO_STORE."""
    assert AZDIPLO.is_file(), f"azdiplo is not installed in {BIN} (pip install -e .)"
    clean = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "AZDIPLO_DEBUG"}}
    return {**clean, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "AZDIPLO_STORE": str(sample_store),
            "PYTHON": sys.executable}


def bash(script: str, env: dict, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", "set -euo pipefail\n" + textwrap.dedent(script)], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


# --------------------------------------------------------------------------- the recipes


def test_events_as_json_into_python(env):
    result = bash("""
        azdiplo events --actor NATO --since 2026-01 --format json |
          "$PYTHON" -c 'import json, sys; events = json.load(sys.stdin); print(len(events), *sorted({e["type"] for e in events}))'
    """, env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    count, *types = result.stdout.split()
    assert int(count) >= 1 and "meeting" in types


def test_branch_on_whether_an_agreement_appeared(env):
    script = """
        if azdiplo agreements --country ARM --since {since} -q; then echo "new agreement"; else echo "nothing new"; fi
    """
    found = bash(script.format(since="2025-08"), env)
    assert (found.returncode, found.stdout, found.stderr) == (0, "new agreement\n", "")
    nothing = bash(script.format(since="2030-01"), env)
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (0, "nothing new\n", "")


def test_tell_no_match_from_an_error(env, tmp_path):
    script = """
        status=0
        azdiplo agreements --country ARM --since 2030 -q || status=$?
        case $status in
          0) echo found ;;
          1) echo none ;;
          *) echo "azdiplo failed with $status" >&2; exit "$status" ;;
        esac
    """
    assert bash(script, env).stdout == "none\n"
    broken = bash(script, {**env, "AZDIPLO_STORE": str(tmp_path / "nowhere")})
    assert broken.returncode == 3
    assert broken.stderr.splitlines()[0].startswith("azdiplo: error: no event store at")


def test_each_id_then_each_event(env):
    result = bash("""
        for id in $(azdiplo agreements --format ids); do
          azdiplo show "$id" --format json | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["type"])'
        done
    """, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() and set(result.stdout.split()) == {"agreement"}


def test_csv_for_a_spreadsheet(env, tmp_path):
    result = bash("""
        azdiplo events --format csv --fields id,date,type,participants,place,num_sources > events.csv
        "$PYTHON" -c 'import csv; rows = list(csv.DictReader(open("events.csv"))); print(len(rows), *rows[0])'
    """, env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    count, *columns = result.stdout.split()
    assert int(count) > 0 and columns == ["id", "date", "type", "participants", "place", "num_sources"]


def test_a_weekly_markdown_report(env, tmp_path):
    result = bash("""
        azdiplo timeline --by week --since 2025-08-04 --until 2025-08-10 --format markdown > week.md || [ $? -eq 1 ]
        head -1 week.md
    """, env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "# Diplomatic events by week\n"
    assert "## 2025-W32 (4–10 Aug 2025)" in (tmp_path / "week.md").read_text()


# --------------------------------------------------------------------------- pipes and terminals


@pytest.fixture(scope="module")
def big_store(sample_store, tmp_path_factory) -> Path:
    """The sample store with its events repeated (new ids) so output overflows any pipe buffer."""
    path = tmp_path_factory.mktemp("big") / "store"
    shutil.copytree(sample_store, path)
    store = Store(path)
    with store.writer() as w:
        w.state.events = [dict(e, id=f"{e['id']}_{i:03d}") for i in range(200) for e in w.state.events]
        w.commit()
    return path


@pytest.mark.parametrize("command", [
    "azdiplo events --format jsonl",
    "azdiplo events",
    "azdiplo events --format csv",
    "azdiplo events --format table",
    "FORCE_COLOR=1 azdiplo events --format table",
    "azdiplo timeline --format table",
    "azdiplo timeline --format markdown",
    "azdiplo export events",
    "azdiplo actors --format table",
])
def test_a_closed_pipe_ends_quietly(env, big_store, command):
    result = bash(f"{command} | head -1", {**env, "AZDIPLO_STORE": str(big_store)})
    assert result.returncode == 0, result.stderr  # pipefail: azdiplo's own status
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


def run_in_pty(args: list[str], env: dict) -> tuple[int, str, str]:
    """Run with stdout a terminal and stderr a pipe; return (status, stdout, stderr)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            raise AssertionError("no output from the pty")
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    stderr = proc.stderr.read().decode()
    return proc.wait(timeout=60), b"".join(chunks).decode(errors="replace"), stderr


def test_on_a_terminal_a_coloured_table_unless_no_color(env):
    term = {**env, "TERM": "xterm-256color", "COLUMNS": "120"}
    status, out, err = run_in_pty([str(AZDIPLO), "events"], term)
    assert (status, err) == (0, "")
    assert "Diplomatic events" in out and ANSI.search(out)
    status, out, err = run_in_pty([str(AZDIPLO), "events"], {**term, "NO_COLOR": "1"})
    assert status == 0 and "Diplomatic events" in out and not ANSI.search(out)
    status, out, _ = run_in_pty([str(AZDIPLO), "events", "--format", "jsonl"], term)
    assert status == 0 and not ANSI.search(out) and json.loads(out.splitlines()[0])["id"]


# --------------------------------------------------------------------------- fast start


PROBE = """
import json, os, sys
sys.argv = ["azdiplo", *json.loads(os.environ["PROBE_ARGS"])]
from azdiplo.cli import main
try:
    main()
except SystemExit as exc:
    status = exc.code
with open(os.environ["PROBE_OUT"], "w") as fh:
    json.dump({"status": status, "modules": sorted(sys.modules)}, fh)
"""


def probe(args: list[str], env: dict, tmp_path: Path) -> tuple[int, set[str]]:
    """Run azdiplo with ``args`` in a fresh interpreter; return its status and the modules it imported."""
    out = tmp_path / "probe.json"
    proc = subprocess.run([sys.executable, "-c", PROBE], env={**env, "PROBE_ARGS": json.dumps(args), "PROBE_OUT": str(out)},
                          capture_output=True, text=True, timeout=120)
    assert out.is_file(), proc.stderr
    data = json.loads(out.read_text())
    return data["status"], {m.split(".")[0] for m in data["modules"]}


@pytest.mark.parametrize("args", [
    ["events"],
    ["events", "--actor", "NATO", "--country", "Azerbaijan", "--since", "2026-01", "--format", "json"],
    ["meetings", "--format", "csv"],
    ["agreements", "--country", "ARM", "-q"],
    ["timeline", "--by", "week", "--format", "json"],
    ["timeline", "--format", "markdown"],
    ["actors", "--format", "json"],
    ["actor", "NATO", "--format", "json"],
    ["export", "events", "--format", "json"],
    ["store", "stats", "--format", "json"],
    ["--version"],
    ["events", "--help"],
])
def test_query_commands_never_import_spacy(env, tmp_path, args):
    status, modules = probe(args, env, tmp_path)
    assert status in (None, 0), status
    assert "spacy" not in modules and "thinc" not in modules
    # nor what only a table, a schema check or a misspelt name needs
    assert not modules & {"rich", "jsonschema", "rapidfuzz"}, modules & {"rich", "jsonschema", "rapidfuzz"}


def test_a_table_imports_rich_but_not_spacy(env, tmp_path):
    status, modules = probe(["events", "--format", "table"], env, tmp_path)
    assert status in (None, 0) and "rich" in modules and "spacy" not in modules


def test_importing_the_cli_is_light(env):
    code = "import sys, azdiplo.cli; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    modules = set(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                 check=True).stdout.split())
    assert not modules & {"spacy", "rich", "jsonschema", "rapidfuzz", "dateutil", "orjson", "filelock"}
