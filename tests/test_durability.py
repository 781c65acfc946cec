"""What a research store survives, through the real CLI in subprocesses.

- ``azdiplo ingest`` killed with SIGKILL at many moments: while it starts,
  loads the store and the model, extracts, and inside its commits (a kill is
  triggered by the appearance of a commit's temporary generation). After
  each kill ``azdiplo store verify`` says the store is sound, and the state
  is one that a complete batch left: whole batches, in input order, each
  article with all its mentions, events merged from exactly those mentions.
  Running the same command again completes the store.
- Two ``azdiplo ingest`` of two halves of a corpus at once give the events
  of one ingest of the whole.
- A corrupt store, a newer schema, a store path that is a file, permission
  denied: one line on stderr, exit 3, and not a byte of the store changed.
  A full disk cannot be made through the CLI: tests/test_store.py makes
  every write fail with ENOSPC.

The corpus is the five sample articles plus 35 copies, each with a sentence
of its own appended, so that a run is long enough to be killed in many
places; the copies report the same events, which merge.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from itertools import cycle
from pathlib import Path

import orjson
import pytest

from azdiplo.errors import ExitStatus
from azdiplo.merge import merge
from azdiplo.models import Mention
from azdiplo.store import Store

#: every test here runs azdiplo in subprocesses or loads the model several times
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "corpus").glob("*.txt"))
COPIES = 35
COMMIT_EVERY = 2
CLI = [sys.executable, "-c", "from azdiplo.cli import main; main()"]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("AZDIPLO_STORE", "AZDIPLO_DEBUG")}
    env["NO_COLOR"] = "1"
    return env


def azdiplo(*args, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True, env=environment(),
                          timeout=timeout)


def start(*args) -> subprocess.Popen:
    return subprocess.Popen(CLI + [str(a) for a in args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=environment(), start_new_session=True)


def finish(*procs: subprocess.Popen) -> list[int]:
    return [p.wait(timeout=300) for p in procs]


def ingest_args(corpus: Path, store: Path) -> list:
    return ["ingest", corpus, "--store", store, "--commit-every", COMMIT_EVERY, "-q"]


def snapshot(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {"": path.read_bytes()}
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def without_ids(events) -> list[str]:
    return sorted(json.dumps({k: v for k, v in e.items() if k != "id"}, sort_keys=True) for e in events)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("azdiplo: error: "), result.stderr
    return lines[0]


def assert_sound(store: Path) -> None:
    result = azdiplo("store", "verify", "--store", store)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
    assert result.stderr.strip().endswith("sound")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("durability") / "corpus"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    for i in range(COPIES):
        seed = SEEDS[i % len(SEEDS)]
        text = seed.read_text(encoding="utf-8") + f"\n\nArchive copy number {i} of this page.\n"
        (folder / f"copy{i:03d}_{seed.name}").write_text(text, encoding="utf-8")
    return folder


def new_articles(corpus: Path) -> list[str]:
    """The names of the articles an ingest into a store of the seeds extracts, in its order."""
    return sorted(p.name for p in corpus.iterdir() if p.name.startswith("copy"))


@pytest.fixture(scope="module")
def stores(corpus, tmp_path_factory) -> dict[str, Path]:
    """``whole``: one ingest of the corpus; ``seeds``: a store of the five sample articles only."""
    root = tmp_path_factory.mktemp("stores")
    whole, seeds = root / "whole", root / "seeds"
    codes = finish(start(*ingest_args(corpus, whole)),
                   start("ingest", *[corpus / s.name for s in SEEDS], "--store", seeds, "-q"))
    assert codes == [0, 0]
    assert_sound(whole)
    return {"whole": whole, "seeds": seeds}


# ------------------------------------------------------------------ SIGKILL


def check_state(path: Path, whole: Path, order: list[str]) -> int:
    """Assert that the store holds what whole batches left; return how many new articles it has."""
    state, reference = Store(path).load(), Store(whole).load()
    names = {Path(a["path"]).name for a in state.articles.values()}
    assert {s.name for s in SEEDS} <= names
    stored = [n for n in order if n in names]
    assert stored == order[: len(stored)], "batches are committed in input order"
    assert len(stored) % COMMIT_EVERY == 0 or len(stored) == len(order), "only whole batches"
    assert len(names) == len(SEEDS) + len(stored)
    for aid in state.articles:
        assert state.mentions.get(aid, []) == reference.mentions.get(aid, []), "every article has all its mentions"
    mentions = [Mention.from_dict(m) for ms in state.mentions.values() for m in ms]
    again = {e.id: e.to_dict() for e in merge(mentions, state.articles)}
    assert again == {e["id"]: e for e in state.events}, "the events, ids included, are a full merge of exactly these mentions"
    return len(stored)


def test_sigkill_at_many_moments_leaves_a_sound_store_that_a_rerun_completes(corpus, stores, tmp_path):
    order = new_articles(corpus)
    base = Store(stores["seeds"]).info()["generation"]
    # (what triggers the kill, its argument, extra delay in seconds)
    # starting, loading the store, loading the model; then inside or just after the j-th commit
    plan = [("time", t, 0) for t in (0.02, 0.1, 0.25, 0.5, 0.8, 1.1, 1.5, 2.0)]
    plan += [("commit", j, extra) for j, extra in zip((1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 13, 14),
                                                      cycle([0, 0.0005, 0.001, 0.002, 0.004, 0.01, 0.03]))]
    rounds = []
    for i, (kind, arg, extra) in enumerate(plan):
        path = tmp_path / f"kill{i:02d}"
        shutil.copytree(stores["seeds"], path)
        rounds.append({"path": path, "kind": kind, "arg": arg, "extra": extra})
    # two at a time (the model loads in each); a round ends with its kill
    pending, active = list(rounds), []
    while pending or active:
        while pending and len(active) < 2:
            r = pending.pop(0)
            r["proc"], r["t0"] = start(*ingest_args(corpus, r["path"])), time.monotonic()
            active.append(r)
        for r in list(active):
            if r["proc"].poll() is not None:  # ended by itself before its moment
                r["landed"] = "finished"
                active.remove(r)
                continue
            if r["kind"] == "time":
                due = time.monotonic() - r["t0"] >= r["arg"]
            else:
                prefix = f".tmp-gen-{base + r['arg']:06d}-"
                due = any(n.startswith(prefix) or (n.startswith("gen-") and int(n[4:]) >= base + r["arg"])
                          for n in os.listdir(r["path"]))
            if due:
                time.sleep(r["extra"])
                r["landed"] = ",".join(sorted(n for n in os.listdir(r["path"]) if n.startswith(".tmp-"))) or "-"
                os.killpg(r["proc"].pid, signal.SIGKILL)
                r["proc"].wait()
                active.remove(r)
        time.sleep(0.0005)
    kills = [r for r in rounds if r["landed"] != "finished"]
    assert len(kills) >= 18
    assert any(r["landed"].startswith(".tmp-gen") for r in kills), "some kills land inside a commit"
    progress = []
    for r in rounds:
        assert_sound(r["path"])
        progress.append(check_state(r["path"], stores["whole"], order))
    assert progress[0] == 0 and max(progress) >= 10, progress  # kills spread from the start to late in the run
    # the same command again completes the store: all articles, the events of one whole ingest
    reference = without_ids(Store(stores["whole"]).iter_events())
    chunk = [rounds[3], max(rounds, key=lambda r: r["landed"].startswith(".tmp-gen") * r["arg"])]
    assert finish(*[start(*ingest_args(corpus, r["path"])) for r in chunk]) == [0, 0]
    for r in chunk:
        assert_sound(r["path"])
        assert check_state(r["path"], stores["whole"], order) == len(order)
        assert without_ids(Store(r["path"]).iter_events()) == reference
        assert not [n for n in os.listdir(r["path"]) if n.startswith(".tmp-")]
    print("kills:", len(kills), "inside a commit:", sum(r["landed"] != "-" for r in kills),
          "new articles stored at the kill:", progress)


def test_a_kill_inside_the_first_commit_is_taken_up_by_the_next_ingest(corpus, tmp_path):
    """The instant between the first generation's rename and the first CURRENT, made certain."""
    path = tmp_path / "store"
    child = ("import os, sys\nfrom azdiplo.store import Store\nStore._switch = lambda self, name: os._exit(9)\n"
             "from azdiplo.cli import main\nsys.argv[0] = 'azdiplo'\nmain()\n")
    killed = subprocess.run([sys.executable, "-c", child, "ingest", str(corpus / SEEDS[0].name), "--store", str(path),
                             "-q"], env=environment(), capture_output=True, timeout=300)
    assert killed.returncode == 9
    assert azdiplo("events", "--store", path).returncode == ExitStatus.STORE  # readers see no store: the state before
    again = azdiplo("ingest", corpus / SEEDS[0].name, "--store", path, "--json", "-q")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["skipped_unchanged"] == 1  # the killed commit was complete
    assert_sound(path)


# ------------------------------------------------------------------ concurrency


def test_two_concurrent_ingests_of_two_halves_give_the_events_of_one(corpus, stores, tmp_path):
    files = sorted(corpus.iterdir())
    store = tmp_path / "store"
    halves = [files[0::2], files[1::2]]
    codes = finish(*[start("ingest", *half, "--store", store, "--commit-every", COMMIT_EVERY, "-q") for half in halves])
    assert codes == [0, 0]
    assert_sound(store)
    together, whole = Store(store).load(), Store(stores["whole"]).load()
    assert set(together.articles) == set(whole.articles) and len(together.articles) == len(files)
    assert together.mentions == whole.mentions  # nothing lost
    assert without_ids(together.events) == without_ids(whole.events)
    ids = [e["id"] for e in together.events]
    assert len(set(ids)) == len(ids)


# ------------------------------------------------------------------ failures that touch nothing


@pytest.fixture
def store_copy(stores, tmp_path) -> Path:
    path = tmp_path / "store"
    shutil.copytree(stores["whole"], path)
    return path


def current_generation(path: Path) -> Path:
    return path / orjson.loads((path / "CURRENT").read_bytes())["generation"]


def damage(path: Path, how: str, name: str = "events.jsonl") -> str:
    """Damage file ``name`` of the newest segment that has a non-empty one; return the segment's name."""
    manifest = orjson.loads((current_generation(path) / "manifest.json").read_bytes())
    segment = next(s["name"] for s in reversed(manifest["segments"]) if s["files"][name]["size"])
    target = path / "segments" / segment / name
    data = bytearray(target.read_bytes())
    if how == "truncated":
        del data[len(data) // 2 :]
    else:  # one bit, the size unchanged
        data[len(data) // 2] ^= 0x20
    target.write_bytes(bytes(data))
    return segment


@pytest.mark.parametrize("how", ["truncated", "flipped"])
def test_a_corrupt_store_is_named_and_left_as_it_is(corpus, store_copy, how):
    segment = damage(store_copy, how)
    before = snapshot(store_copy)
    # a writer checks sizes when it opens the store, and the blocks of what it reads; listings
    # read the whole events files, checked at the end (docs/store.md)
    commands = [["ingest", corpus]] if how == "truncated" else []
    commands += [["events"], ["export", "events"], ["timeline"]]
    for args in commands:
        result = azdiplo(*args, "--store", store_copy)
        assert result.returncode == ExitStatus.STORE, (args, result.stderr)
        line = one_error_line(result)
        assert "events.jsonl" in line and f"segments/{segment}" in line and "corrupt" in line
        assert "azdiplo store recover" in line
        assert snapshot(store_copy) == before
    if how == "flipped":  # an ingest with nothing new to store reads no event: nothing to find, nothing written
        result = azdiplo("ingest", corpus, "--store", store_copy)
        assert result.returncode == 0, result.stderr
        assert snapshot(store_copy) == before
    verify = azdiplo("store", "verify", "--store", store_copy)
    assert verify.returncode == ExitStatus.STORE and "events.jsonl" in verify.stdout
    assert "azdiplo store recover" in one_error_line(verify)
    assert snapshot(store_copy) == before


def test_the_recovery_procedure(corpus, store_copy):
    """docs/merge.md: verify, recover (the previous generation), ingest the same paths again."""
    damage(store_copy, "truncated", "articles.jsonl")  # the newest segment: the previous generation lacks it
    recovered = azdiplo("store", "recover", "--store", store_copy)
    assert recovered.returncode == 0 and json.loads(recovered.stdout)["changed"] is True
    assert_sound(store_copy)
    assert azdiplo("ingest", corpus, "--store", store_copy, "-q").returncode == 0
    assert_sound(store_copy)
    assert len(Store(store_copy).load().articles) == len(list(corpus.iterdir()))


def test_a_store_of_a_newer_schema_is_refused_untouched(corpus, store_copy):
    pointer = orjson.loads((store_copy / "CURRENT").read_bytes())
    (store_copy / "CURRENT").write_bytes(orjson.dumps({**pointer, "schema_version": 99}))
    before = snapshot(store_copy)
    for args in (["ingest", corpus], ["events"], ["store", "verify"], ["store", "recover"]):
        result = azdiplo(*args, "--store", store_copy)
        assert result.returncode == ExitStatus.STORE, (args, result.stderr)
        line = one_error_line(result)
        assert "newer azdiplo (schema 99)" in line and "upgrade azdiplo" in line
        assert snapshot(store_copy) == before


@pytest.mark.parametrize("inside", [False, True])
def test_a_store_path_that_is_a_file(corpus, tmp_path, inside):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("my notes")
    path = a_file / "store" if inside else a_file
    result = azdiplo("ingest", corpus, "--store", path)
    assert result.returncode == ExitStatus.STORE
    assert ("inside a file" if inside else "is a file, not a directory") in one_error_line(result)
    for args in (["events"], ["store", "verify"]):  # readers say there is no store there
        result = azdiplo(*args, "--store", path)
        assert result.returncode == ExitStatus.STORE, (args, result.stderr)
        one_error_line(result)
    assert a_file.read_text() == "my notes" and list(tmp_path.iterdir()) == [a_file]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_permission_denied(corpus, store_copy):
    before = snapshot(store_copy)
    os.chmod(store_copy, 0o500)
    try:
        result = azdiplo("ingest", corpus / SEEDS[0].name, "--store", store_copy, "--rebuild")
        assert result.returncode == ExitStatus.STORE
        assert "permission denied" in one_error_line(result)
    finally:
        os.chmod(store_copy, 0o700)
    assert snapshot(store_copy) == before
