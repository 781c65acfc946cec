"""The event store: round trips, crash atomicity, concurrent writers, failure modes, the query index."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import hashlib
import io
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))  # store_driver is also run as a script
import store_driver  # noqa: E402
from azdiplo import render
from azdiplo.store import files as store_files
from azdiplo.store import filters as store_filters
from azdiplo.store import schema as store_schema
from azdiplo.errors import ExitStatus, StoreError, UsageError
from azdiplo.models import EVENT_TYPES, SCHEMA_VERSION, STATUSES, Article, Event, Mention, Participant
from azdiplo.store import Store, StoreState, matches

DRIVER = Path(__file__).with_name("store_driver.py")


def make_store(path: Path, ids=("a1", "a2", "a3")) -> Store:
    store = Store(path)
    with store.writer() as w:
        for i, aid in enumerate(ids):
            store_driver.add(w.state, aid, day=i + 1)
        w.commit()
    return store


def generations(store: Store) -> list[str]:
    return sorted(p.name for p in store.path.iterdir() if p.name.startswith("gen-"))


def temporaries(store: Store) -> list[str]:
    return sorted(p.name for p in store.path.iterdir() if p.name.startswith(".tmp-"))


def current_dir(store: Store) -> Path:
    return store.path / orjson.loads((store.path / "CURRENT").read_bytes())["generation"]


def manifest_of(store: Store) -> dict:
    return orjson.loads((current_dir(store) / "manifest.json").read_bytes())


def segment_dir(store: Store, which: int = -1) -> Path:
    """A segment of the current generation (the newest by default)."""
    return store.path / "segments" / manifest_of(store)["segments"][which]["name"]


def data_file(store: Store, name: str) -> Path:
    """Where a file of the current state is: the generation's own, or the newest segment's."""
    if name in ("manifest.json", "dead.bin"):
        return current_dir(store) / name
    return segment_dir(store) / name


def tamper(store: Store, name: str, change) -> None:
    """Rewrite one file of the current state and re-sign it, so only consistency checks can tell."""
    path = data_file(store, name)
    data = change(path.read_bytes())
    path.write_bytes(data)
    gen = current_dir(store)
    manifest = orjson.loads((gen / "manifest.json").read_bytes())
    signed = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if name == "dead.bin":
        manifest["files"][name] = signed
    elif name != "manifest.json":
        manifest["segments"][-1]["files"][name] = signed
    manifest_bytes = orjson.dumps(manifest)
    (gen / "manifest.json").write_bytes(manifest_bytes)
    current = orjson.loads((store.path / "CURRENT").read_bytes())
    current["manifest_sha256"] = hashlib.sha256(manifest_bytes).hexdigest()
    current["schema_version"] = manifest["schema_version"]
    (store.path / "CURRENT").write_bytes(orjson.dumps(current))


def comparable(state: StoreState) -> tuple:
    return (
        state.articles,
        {a: sorted(ms, key=lambda m: m["trigger_start"]) for a, ms in state.mentions.items() if ms},
        sorted(state.events, key=lambda e: e["id"]),
    )


# --------------------------------------------------------------------------- round trips


def test_round_trip(tmp_path):
    store = Store(tmp_path / "st")
    assert not store.exists()
    with store.writer() as w:
        for i, aid in enumerate(["b", "a", "c"]):
            store_driver.add(w.state, aid, day=3 - i)
        w.state.info["model"] = {"name": "en_core_web_sm", "version": "3.8.0"}
        w.state.info["pipeline_version"] = "p1"
        written = comparable(w.state)
        w.commit()
    assert store.exists()
    state = store.load()
    assert comparable(state) == written
    assert list(state.articles) == ["a", "b", "c"]
    assert [e["id"] for e in state.events] == ["ev-c", "ev-a", "ev-b"]  # by date, then id
    info = store.info()
    assert info == state.info
    assert info["schema_version"] == SCHEMA_VERSION
    assert info["generation"] == 1
    assert info["model"] == {"name": "en_core_web_sm", "version": "3.8.0"}
    assert info["pipeline_version"] == "p1"
    assert info["counts"] == {"articles": 3, "mentions": 6, "events": 3}
    assert list(store.iter_events()) == state.events
    assert store.verify() == []


def test_model_objects_survive_the_round_trip(tmp_path):
    store = make_store(tmp_path / "st")
    for event in store.iter_events():
        assert Event.from_dict(event).to_dict() == event
    for mentions in store.load().mentions.values():
        assert [Mention.from_dict(m).to_dict() for m in mentions] == mentions


def test_files_are_deterministic(tmp_path):
    a, b = make_store(tmp_path / "a"), make_store(tmp_path / "b")
    for name in ("articles.jsonl", "mentions.jsonl", "events.jsonl", "index.json", "index.bin", "dead.bin"):
        assert data_file(a, name).read_bytes() == data_file(b, name).read_bytes()


def test_nothing_is_written_without_commit(tmp_path):
    store = make_store(tmp_path / "st")
    with store.writer() as w:
        store_driver.add(w.state, "zzz")
    assert "zzz" not in store.load().articles
    assert generations(store) == ["gen-000001"]


def test_exception_in_writer_keeps_the_old_state_and_releases_the_lock(tmp_path):
    store = make_store(tmp_path / "st")
    with pytest.raises(RuntimeError):
        with store.writer() as w:
            store_driver.add(w.state, "zzz")
            raise RuntimeError("boom")
    assert "zzz" not in store.load().articles
    with store.writer(timeout=1) as w:  # not locked any more
        pass


def test_one_generation_per_commit_and_the_previous_one_kept(tmp_path):
    store = make_store(tmp_path / "st")
    with store.writer() as w:
        for i in range(4):
            store_driver.add(w.state, f"n{i}")
            w.commit()
            assert w.state.info["generation"] == i + 2
            assert w.generation == f"gen-{i + 2:06d}"
    assert generations(store) == ["gen-000004", "gen-000005"]
    assert len(store.load().articles) == 7
    assert store.info()["created"] <= store.info()["updated"]


def test_a_writer_starts_from_the_latest_state(tmp_path):
    store = make_store(tmp_path / "st")
    with store.writer() as w:
        store_driver.add(w.state, "a4")
        w.commit()
    with store.writer() as w:
        assert set(w.state.articles) == {"a1", "a2", "a3", "a4"}


def test_an_empty_store_has_empty_outputs(tmp_path):
    store = Store(tmp_path / "st")
    with store.writer() as w:
        w.commit()
    assert store.load().events == []
    assert list(store.query_events(types=["meeting"])) == []
    out = io.StringIO()
    assert store.export("events", "json", out) == 0
    assert json.loads(out.getvalue()) == []
    assert store.verify() == []
    assert store.stats()["events"] == 0


def test_duplicate_event_ids_are_refused_at_commit(tmp_path):
    store = Store(tmp_path / "st")
    with store.writer() as w:
        store_driver.add(w.state, "a")
        w.state.events.append(dict(w.state.events[0]))
        with pytest.raises(ValueError):
            w.commit()
    assert not store.exists()
    assert temporaries(store) == []


def test_commit_after_the_writer_block_is_an_error(tmp_path):
    store = Store(tmp_path / "st")
    with store.writer() as w:
        pass
    with pytest.raises(RuntimeError):
        w.commit()


def test_user_actors_live_at_the_store_root(tmp_path):
    assert Store(tmp_path / "st").user_actors_path == tmp_path / "st" / "actors.jsonl"


# --------------------------------------------------------------------------- crashes and concurrency


class Killed(BaseException):
    """Stands for SIGKILL: no cleanup code runs after it."""


@pytest.mark.slow  # about 2-3 s: a commit stopped before each of its I/O steps
def test_a_crash_at_every_step_of_a_commit_leaves_old_or_new(tmp_path, monkeypatch):
    """Deterministic companion of the SIGKILL test: stop a commit before each of its I/O steps."""
    steps = ["write_file", "fsync_dir"]
    os_steps = ["rename", "replace"]
    step = 0
    while True:
        store = make_store(tmp_path / f"st{step}")
        old = comparable(store.load())
        calls = 0

        def dying(real):
            def call(*args, **kwargs):
                nonlocal calls
                if calls == step:
                    raise Killed
                calls += 1
                return real(*args, **kwargs)

            return call

        with monkeypatch.context() as m:
            m.setattr(store_files, "remove_tree", lambda *a: None)  # a killed writer cleans nothing
            for name in steps:
                m.setattr(store_files, name, dying(getattr(store_files, name)))
            for name in os_steps:
                m.setattr(os, name, dying(getattr(os, name)))
            try:
                with store.writer() as w:
                    store_driver.add(w.state, "new")
                    new = comparable(w.state)
                    w.commit()
                finished = True
            except Killed:
                finished = False
        assert store.verify() == []
        assert comparable(store.load()) in (old, new)
        with store.writer() as w:  # the next writer cleans up and carries on
            store_driver.add(w.state, "next")
            w.commit()
        assert temporaries(store) == []
        assert len(generations(store)) == 2
        assert store.verify() == []
        if finished:
            break
        step += 1
    assert step > 10  # every file, every fsync, the rename and the switch were interrupted once


def _wait_for_line(proc: subprocess.Popen, timeout: float = 120) -> bytes:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        proc.kill()
        pytest.fail("the store driver did not start")
    return proc.stdout.readline()


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_a_sound_old_or_new_state(tmp_path):
    store = Store(tmp_path / "st")
    with store.writer() as w:
        for i in range(150):  # big enough that a commit takes a while
            store_driver.add(w.state, f"base{i:04d}", day=1 + i % 28)
        w.commit()
    rng = random.Random(20240611)
    generation = 1
    for _ in range(30):
        proc = subprocess.Popen([sys.executable, str(DRIVER), "loop", str(store.path)], stdout=subprocess.PIPE)
        assert _wait_for_line(proc) == b"ready\n"
        time.sleep(rng.uniform(0, 0.3))  # lands anywhere in the commit loop
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert store.verify() == []
        state = store.load()
        store_driver.check_consistent(state)
        assert sum(a.startswith("base") for a in state.articles) == 150
        assert state.info["generation"] > generation  # the driver committed at least once before "ready"
        generation = state.info["generation"]
    with store.writer() as w:
        w.commit()
    assert temporaries(store) == []
    assert len(generations(store)) == 2


@pytest.mark.slow
def test_concurrent_writers_lose_no_update_and_readers_see_whole_states(tmp_path):
    store = make_store(tmp_path / "st", ids=["seed"])
    procs = [
        subprocess.Popen([sys.executable, str(DRIVER), "add", str(store.path), prefix, "15"])
        for prefix in ("A", "B")
    ]
    reads = 0
    while any(p.poll() is None for p in procs):
        store_driver.check_consistent(store.load())  # no lock, never torn
        reads += 1
    assert [p.wait() for p in procs] == [0, 0]
    state = store.load()
    store_driver.check_consistent(state)
    assert set(state.articles) == {"seed"} | {f"{p}{i:04d}" for p in "AB" for i in range(15)}
    assert state.info["generation"] == 31
    assert store.verify() == []


def test_a_slow_reader_finishes_after_its_generation_is_pruned(tmp_path):
    store = make_store(tmp_path / "st")
    events = store.iter_events()
    query = store.query_events(types=["meeting"])
    for i in range(3):
        with store.writer() as w:
            store_driver.add(w.state, f"later{i}")
            w.commit()
    assert "gen-000001" not in generations(store)
    assert [e["id"] for e in events] == ["ev-a1", "ev-a2", "ev-a3"]
    assert [e["id"] for e in query] == ["ev-a1", "ev-a2", "ev-a3"]


def test_a_writer_waits_for_the_lock_then_gives_up(tmp_path):
    store = make_store(tmp_path / "st")
    with store.writer():
        with pytest.raises(StoreError) as err:
            with Store(store.path).writer(timeout=0.2):
                pass
    assert err.value.what == f"the store at {store.path} is locked by another azdiplo process"
    assert err.value.hint == f"wait for it to finish, or remove {store.path / 'lock'} if no azdiplo is running"
    assert err.value.status == ExitStatus.STORE
    assert store.load().articles  # readers take no lock


def test_leftovers_of_a_killed_writer_are_cleaned(tmp_path):
    store = make_store(tmp_path / "st")
    (store.path / ".tmp-gen-000002-123-abcd").mkdir()
    (store.path / ".tmp-gen-000002-123-abcd" / "events.jsonl").write_bytes(b"{")
    (store.path / ".tmp-CURRENT").write_bytes(b"{")
    shutil.copytree(current_dir(store), store.path / "gen-000002")  # renamed in, never made current
    assert store.verify() == []
    assert store.info()["generation"] == 1
    with store.writer() as w:
        w.commit()
    assert temporaries(store) == []
    assert generations(store) == ["gen-000001", "gen-000003"]


# --------------------------------------------------------------------------- failure modes


def assert_store_error(err: pytest.ExceptionInfo, what: str, hint: str) -> None:
    assert isinstance(err.value, StoreError)
    assert err.value.status == ExitStatus.STORE
    assert what in err.value.what, err.value.what
    assert "\n" not in err.value.what
    assert err.value.hint and hint in err.value.hint, err.value.hint


@pytest.mark.parametrize(
    "read",
    [
        lambda s: s.load(),
        lambda s: s.info(),
        lambda s: list(s.iter_events()),
        lambda s: list(s.query_events()),
        lambda s: s.stats(),
        lambda s: s.verify(),
        lambda s: s.export("events", "json", io.StringIO()),
        lambda s: s.recover(),
    ],
)
def test_no_store(tmp_path, read):
    store = Store(tmp_path / "nowhere")
    with pytest.raises(StoreError) as err:
        read(store)
    assert err.value.what == f"no event store at {store.path}"
    assert err.value.hint == "run 'azdiplo ingest PATHS' first, or pass --store"
    assert not store.path.exists()


def test_store_path_is_a_file(tmp_path):
    path = tmp_path / "st"
    path.write_text("not a store")
    for action in (lambda s: s.load(), lambda s: s.writer().__enter__(), lambda s: list(s.iter_events())):
        with pytest.raises(StoreError) as err:
            action(Store(path))
        assert_store_error(err, f"the store path {path} is a file, not a directory", "pass --store a directory")
    assert path.read_text() == "not a store"


def test_store_path_inside_a_file(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError) as err:
        with Store(tmp_path / "f" / "st").writer():
            pass
    assert_store_error(err, "is inside a file", "pass --store a directory")


@pytest.mark.parametrize("name", ["articles.jsonl", "mentions.jsonl", "events.jsonl", "index.bin", "index.json"])
def test_a_corrupt_file_is_reported_and_recovered_from(tmp_path, name):
    store = make_store(tmp_path / "st")
    good = comparable(store.load())
    with store.writer() as w:
        store_driver.add(w.state, "a4")
        w.commit()
    path = data_file(store, name)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # one flipped bit: still the same size
    path.write_bytes(bytes(data))
    if name.startswith("index"):
        readers = [lambda: store.query_events(types=["meeting"])]
    else:
        readers = [store.load]
        if name == "events.jsonl":
            readers.append(lambda: list(store.iter_events()))  # found at the end of the stream
    for read in readers:
        with pytest.raises(StoreError) as err:
            read()
        # the least-loss repair: an index is rebuilt from the rows, a data file needs an older generation
        repair = "azdiplo store reindex" if name.startswith("index") else "azdiplo store recover"
        assert_store_error(err, f"{name} of segments/seg-000002 in the store at {store.path} is corrupt", repair)
    problems = store.verify()
    assert any(name in p and "checksum" in p for p in problems), problems
    if name.startswith("index"):
        # the data is sound and reindex reads the rows, never the index: rewriting heals it
        assert store.reindex() == "gen-000003"
        assert store.verify() == []
        return
    # a writer checks sizes when it opens the store, checksums when it reads the whole state
    with pytest.raises(StoreError):
        with store.writer() as w:
            w.state
    result = store.recover()
    assert result == {"generation": "gen-000001", "previous": "gen-000002", "changed": True,
                      "skipped": {"gen-000002": result["skipped"]["gen-000002"]}}
    assert comparable(store.load()) == good
    assert store.verify() == []
    with store.writer() as w:  # writable again; the corrupt generation is pruned
        w.commit()
    assert generations(store) == ["gen-000001", "gen-000003"]


def test_a_truncated_file_is_reported(tmp_path):
    store = make_store(tmp_path / "st")
    path = data_file(store, "events.jsonl")
    path.write_bytes(path.read_bytes()[:-10])
    for read in (store.load, store.iter_events, store.query_events, lambda: store.writer().__enter__()):
        with pytest.raises(StoreError) as err:
            read()
        # a single generation: nothing to go back to
        assert_store_error(err, "events.jsonl of segments/seg-000001", "restore the store from a backup")
        assert "store recover" not in err.value.hint


def test_current_points_to_a_missing_generation(tmp_path):
    store = make_store(tmp_path / "st")
    with store.writer() as w:
        w.commit()
    shutil.rmtree(store.path / "gen-000002")
    with pytest.raises(StoreError) as err:
        store.load()
    assert_store_error(err, f"the store at {store.path} points to gen-000002, which is missing", "azdiplo store recover")
    assert store.verify() == [err.value.message()]
    assert store.recover()["generation"] == "gen-000001"
    assert store.verify() == []


@pytest.mark.parametrize("content", [b"", b"gen-000001", b"{not json", b'{"generation": "../etc"}', b"[]"])
def test_an_unreadable_current_pointer(tmp_path, content):
    store = make_store(tmp_path / "st")
    (store.path / "CURRENT").write_bytes(content)
    with pytest.raises(StoreError) as err:
        store.load()
    assert_store_error(err, f"the CURRENT pointer of the store at {store.path} is unreadable", "azdiplo store recover")
    assert store.recover()["generation"] == "gen-000001"
    assert store.verify() == []


def test_a_corrupt_manifest(tmp_path):
    store = make_store(tmp_path / "st")
    (current_dir(store) / "manifest.json").write_bytes(b'{"schema_version": 1}')
    with pytest.raises(StoreError) as err:
        store.info()
    assert_store_error(err, "manifest.json of gen-000001", "'azdiplo ingest PATHS --store NEW_FOLDER'")
    assert "checksum mismatch" in err.value.what and "store recover" not in err.value.hint
    assert store.repair_for()[0] == "restore"
    with pytest.raises(StoreError) as err:
        store.recover()
    assert_store_error(err, "no sound generation is left", "restore it from a backup")


def test_generations_without_a_current_pointer(tmp_path):
    store = make_store(tmp_path / "st")
    (store.path / "CURRENT").unlink()
    with pytest.raises(StoreError) as err:
        store.load()
    assert_store_error(err, f"no event store at {store.path}", "azdiplo store recover")
    # a writer does not prune the data away: it recovers the newest sound generation first
    with store.writer() as w:
        assert len(w.state.articles) == 3
    assert generations(store) == ["gen-000001"]
    assert store.recover()["generation"] == "gen-000001"
    assert len(store.load().articles) == 3


def test_recover_leaves_a_sound_store_alone(tmp_path):
    store = make_store(tmp_path / "st")
    before = (store.path / "CURRENT").read_bytes()
    assert store.recover() == {"generation": "gen-000001", "previous": "gen-000001", "changed": False, "skipped": {}}
    assert (store.path / "CURRENT").read_bytes() == before


def test_a_store_from_a_newer_azdiplo_is_refused_untouched(tmp_path):
    store = make_store(tmp_path / "st")
    manifest = orjson.loads((current_dir(store) / "manifest.json").read_bytes())
    manifest["schema_version"] = SCHEMA_VERSION + 1
    tamper(store, "manifest.json", lambda _: orjson.dumps(manifest))
    snapshot = {p: p.read_bytes() for p in store.path.rglob("*") if p.is_file()}
    what = f"the store at {store.path} was written by a newer azdiplo (schema {SCHEMA_VERSION + 1})"
    for action in (store.load, store.info, store.iter_events, store.verify, store.recover, store.stats,
                   lambda: store.writer().__enter__()):
        with pytest.raises(StoreError) as err:
            action()
        assert_store_error(err, what, "upgrade azdiplo")
    assert {p: p.read_bytes() for p in store.path.rglob("*") if p.is_file()} == snapshot


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_permission_denied_for_real(tmp_path):
    store = make_store(tmp_path / "st")
    store.path.chmod(0)
    try:
        with pytest.raises(StoreError) as err:
            store.load()
        assert_store_error(err, f"permission denied reading the store at {store.path}", "check the permissions")
        with pytest.raises(StoreError) as err:
            with store.writer():
                pass
        assert_store_error(err, f"permission denied writing the store at {store.path}", "check the permissions")
    finally:
        store.path.chmod(0o755)
    assert len(store.load().articles) == 3


def test_permission_denied_reading(tmp_path, monkeypatch):
    store = make_store(tmp_path / "st")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "CURRENT":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(StoreError) as err:
        store.load()
    assert_store_error(err, f"permission denied reading the store at {store.path}", "check the permissions")


def failing_write(code: int, after: int):
    """A _write_file that fails with ``code`` on its call number ``after``, possibly mid-file."""
    real = store_files.write_file
    calls = 0

    def write(path, chunks):
        nonlocal calls
        calls += 1
        if calls > after:

            def partial():
                for chunk in chunks:
                    yield chunk[: len(chunk) // 2]
                    raise OSError(code, os.strerror(code))

            return real(path, partial())
        return real(path, chunks)

    return write


@pytest.mark.parametrize("after", range(7))  # five data files, the manifest, the pointer
@pytest.mark.parametrize(
    "code, what",
    [
        (errno.ENOSPC, "no space left on the device while writing the store at"),
        (errno.EACCES, "permission denied writing the store at"),
    ],
)
def test_a_failed_write_leaves_the_old_state(tmp_path, monkeypatch, code, what, after):
    store = make_store(tmp_path / "st")
    before = comparable(store.load())
    monkeypatch.setattr(store_files, "write_file", failing_write(code, after))
    with store.writer() as w:
        store_driver.add(w.state, "a4")
        with pytest.raises(StoreError) as err:
            w.commit()
    assert_store_error(err, what, "")
    if code == errno.ENOSPC:
        assert err.value.hint == "free some disk space and run the command again; the store is unchanged"
    monkeypatch.undo()
    assert comparable(store.load()) == before
    assert store.verify() == []
    assert temporaries(store) == []
    assert generations(store) == ["gen-000001"]


def test_unknown_export_choices_are_usage_errors(tmp_path):
    store = make_store(tmp_path / "st")
    with pytest.raises(UsageError):
        store.export("actors", "json", io.StringIO())
    with pytest.raises(UsageError):
        store.export("events", "xml", io.StringIO())


# --------------------------------------------------------------------------- verify


def test_verify_finds_inconsistencies(tmp_path):
    store = make_store(tmp_path / "st")

    def lines(change):
        def apply(data: bytes) -> bytes:
            rows = [orjson.loads(line) for line in data.splitlines()]
            rows = change(rows)
            return b"".join(orjson.dumps(r, option=orjson.OPT_SORT_KEYS) + b"\n" for r in rows)

        return apply

    cases = [
        ("mentions.jsonl", lambda rows: [dict(r, article="ghost") if i == 0 else r for i, r in enumerate(rows)],
         ["refers to article 'ghost'"]),
        ("mentions.jsonl", lambda rows: rows[1:], ["is not in mentions.jsonl"]),
        ("events.jsonl", lambda rows: [dict(r, num_sources=5) if i == 0 else r for i, r in enumerate(rows)],
         ["num_sources is 5 but it has 1"]),
        ("events.jsonl", lambda rows: [rows[0], rows[0], *rows[1:]], ["event id 'ev-a1' is repeated"]),
        ("events.jsonl", lambda rows: [dict(r, type="party") if i == 0 else r for i, r in enumerate(rows)],
         ["events.jsonl of seg-000001 line 1: type: 'party' is not one of"]),
        ("articles.jsonl", lambda rows: rows[::-1], ["articles.jsonl of seg-000001 is not in store order"]),
        # same length: the index's offsets still work but its dates are now wrong
        ("events.jsonl", lambda rows: [dict(r, date="2019-03-01") if i == 0 else r for i, r in enumerate(rows)],
         ["the index of seg-000001 disagrees with its files"]),
    ]
    for name, change, expected in cases:
        shutil.rmtree(store.path)
        store = make_store(tmp_path / "st")
        tamper(store, name, lines(change))
        problems = store.verify()
        for text in expected:
            assert any(text in p for p in problems), (text, problems)
    assert store.reindex() == "gen-000002"  # the index of the last case is rebuilt
    assert store.verify() == []


def test_verify_reports_a_signed_line_that_is_not_json(tmp_path):
    store = make_store(tmp_path / "st")
    tamper(store, "mentions.jsonl", lambda data: data.replace(b"\n", b"\n{oops\n", 1))
    what = f"mentions.jsonl of segments/seg-000001 in the store at {store.path} is corrupt (line 2 is not valid JSON)"
    assert store.verify() == [what]
    with pytest.raises(StoreError):
        store.load()


def test_verify_lists_at_most_twenty_problems_of_a_kind(tmp_path):
    store = Store(tmp_path / "st")
    with store.writer() as w:
        for i in range(30):
            store_driver.add(w.state, f"a{i:02d}")
        w.commit()
    tamper(store, "articles.jsonl", lambda data: b"")
    problems = store.verify()
    sources = [p for p in problems if "is not in articles.jsonl" in p and p.startswith("event")]
    assert len(sources) == 20
    assert "... more problems of this kind (event source) are not listed" in problems


def test_verify_lists_files_the_manifest_does_not_know(tmp_path):
    store = make_store(tmp_path / "st")
    (current_dir(store) / "stray.txt").write_text("?")
    assert store.verify() == ["gen-000001/stray.txt is not listed in the manifest"]


def test_schemas_accept_the_model_output(tmp_path):
    store = make_store(tmp_path / "st")
    assert store.verify() == []
    event = next(store.iter_events())
    assert store_schema.schema_errors("event", event) == []
    assert store_schema.schema_errors("event", {**event, "status": "rumoured"})


# --------------------------------------------------------------------------- stats and export


def test_stats(tmp_path):
    store = make_store(tmp_path / "st")
    with store.writer() as w:
        store_driver.add(w.state, "a4")
        w.state.events[-1] |= {"date": None, "type": "visit", "num_sources": 1}
        w.commit()
    stats = store.stats()
    assert stats["articles"] == 4 and stats["mentions"] == 8 and stats["events"] == 4
    assert stats["events_by_type"] == {"meeting": 3, "visit": 1}
    assert stats["events_by_status"] == {"occurred": 4}
    assert stats["events_by_year"] == {"2021": 3, "undated": 1}
    assert stats["sources_per_event"] == {"1": 4}
    assert stats["generation"] == 2 and stats["schema_version"] == SCHEMA_VERSION
    assert stats["size_bytes"] > stats["generation_bytes"] > 0


@pytest.mark.parametrize("what", ["events", "articles", "mentions"])
def test_export(tmp_path, what):
    store = make_store(tmp_path / "st")
    rows = list(store.iter_rows(what))
    out = io.StringIO()
    assert store.export(what, "json", out) == len(rows)
    assert json.loads(out.getvalue()) == rows
    out = io.StringIO()
    assert store.export(what, "jsonl", out) == len(rows)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == rows
    out = io.StringIO()
    assert render.write_rows(what, store.iter_rows(what), "csv", out) == len(rows)  # CSV is the renderer's
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(table) == len(rows)
    key = "article" if what == "mentions" else "id"
    assert [r[key] for r in table] == [r[key] for r in rows]
    if what == "events":
        assert table[0]["participant_keys"] == "Q1; beta"
        assert table[0]["sources"] == "a1"


# --------------------------------------------------------------------------- queries


def test_matches_semantics():
    event = {
        "type": "visit", "status": "planned", "date": "2021-03/2021-05", "num_sources": 2,
        "countries": ["FRA"], "participants": [{"name": "Ann", "id": "Q1", "country": "USA"}, {"name": "Bob"}],
    }
    assert matches(event, since=dt.date(2021, 5, 31))
    assert not matches(event, since=dt.date(2021, 6, 1))
    assert matches(event, until=dt.date(2021, 3, 1))
    assert not matches(event, until=dt.date(2021, 2, 28))
    assert matches(event, actor_keys_all=["Q1", "bob"])
    assert not matches(event, actor_keys_all=["Q1", "ann"])
    assert matches(event, countries=["USA"]) and matches(event, countries=["FRA", "DEU"])
    assert not matches(event, countries=["DEU"])
    assert matches(event, min_sources=2) and not matches(event, min_sources=3)
    assert not matches({**event, "date": None}, since=dt.date(1900, 1, 1))
    assert matches({**event, "date": None})


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021", (dt.date(2021, 1, 1), dt.date(2021, 12, 31))),
        ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
        ("2021-03-04", (dt.date(2021, 3, 4), dt.date(2021, 3, 4))),
        ("2021-03/2022", (dt.date(2021, 3, 1), dt.date(2022, 12, 31))),
        ("2022/2021", None),
        ("2021-13", None),
        ("2021-W03", None),
        ("PRESENT_REF", None),
        (None, None),
    ],
)
def test_fallback_date_intervals(value, expected):
    assert store_filters._parse_interval(value) == expected


ACTORS = [("Ann", None), ("Bob", "Q2"), ("Cleo", "Q3"), ("Dan", None)]
COUNTRIES = ["USA", "FRA", "CHN", "BRA"]


@st.composite
def date_values(draw):
    day = draw(st.dates(dt.date(2019, 1, 1), dt.date(2022, 12, 31)))
    precision = draw(st.sampled_from(["none", "year", "month", "day", "range", "junk"]))
    if precision == "none":
        return None
    if precision == "junk":
        return draw(st.sampled_from(["2021-W05", "XXXX-03", "PAST_REF"]))
    text = {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": f"{day:%Y-%m-%d}"}.get(precision)
    if text:
        return text
    end = day + dt.timedelta(days=draw(st.integers(0, 400)))
    return f"{day:%Y-%m-%d}/{end:%Y-%m}"


@st.composite
def event_specs(draw):
    return {
        "type": draw(st.sampled_from(EVENT_TYPES[:4])),
        "status": draw(st.sampled_from(STATUSES)),
        "date": draw(date_values()),
        "actors": draw(st.lists(st.sampled_from(ACTORS), max_size=3, unique=True)),
        "actor_countries": draw(st.lists(st.sampled_from([None, *COUNTRIES]), min_size=3, max_size=3)),
        "countries": draw(st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True)),
        "sources": draw(st.integers(1, 4)),
    }


def build_state(specs: list[dict]) -> StoreState:
    state = StoreState.empty()
    for n in range(4):
        state.articles[f"art{n}"] = Article(id=f"art{n}", text=f"Article {n}.").meta()
    for i, spec in enumerate(specs):
        people = [
            Participant(name=name, kind="person", text=name, id=pid, country=country)
            for (name, pid), country in zip(spec["actors"], spec["actor_countries"])
        ]
        mentions = [
            Mention(
                article=f"art{n}", type=spec["type"], status=spec["status"], sentence="s", start=0, end=1,
                trigger="met", trigger_start=10 * i, trigger_end=10 * i + 3, rule="met", confidence=0.5,
                cameo="043", plover="CONSULT", participants=people, date=spec["date"],
            )
            for n in range(spec["sources"])
        ]
        for m in mentions:
            state.mentions.setdefault(m.article, []).append(m.to_dict())
        state.events.append(
            Event(
                id=f"ev{i:03d}", type=spec["type"], status=spec["status"], date=spec["date"], date_text=None,
                date_precision=None, date_source="sentence", place=None, place_country=None,
                participants=people, countries=spec["countries"], cameo="043", plover="CONSULT",
                plover_mode=None, evidence="s", trigger="met", confidence=0.5,
                sources=[{"article": f"art{n}"} for n in range(spec["sources"])], mentions=mentions,
            ).to_dict()
        )
    return state


def optional(strategy):
    return st.one_of(st.none(), strategy)


query_filters = st.fixed_dictionaries(
    {},
    optional={
        "types": optional(st.lists(st.sampled_from([*EVENT_TYPES[:5]]), max_size=3)),
        "statuses": optional(st.lists(st.sampled_from(STATUSES), max_size=2)),
        "since": optional(st.dates(dt.date(2018, 6, 1), dt.date(2023, 6, 1))),
        "until": optional(st.dates(dt.date(2018, 6, 1), dt.date(2023, 6, 1))),
        "actor_keys_all": optional(
            st.lists(st.sampled_from(["ann", "Q2", "Q3", "dan", "bob", "nobody"]), max_size=2)
        ),
        "countries": optional(st.lists(st.sampled_from([*COUNTRIES, "DEU"]), max_size=2)),
        "min_sources": optional(st.integers(0, 5)),
    },
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(event_specs(), max_size=40), queries=st.lists(query_filters, min_size=1, max_size=6))
def test_query_events_agrees_with_a_brute_force_filter(specs, queries):
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "st")
        state = build_state(specs)
        with store.writer() as w:
            w.state = state
            w.commit()
        assert store.verify() == []
        loaded = store.load()
        assert comparable(loaded) == comparable(state)
        everything = list(store.iter_events())
        assert list(store.query_events()) == everything
        for filters in queries:
            assert list(store.query_events(**filters)) == [e for e in everything if matches(e, **filters)]


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(event_specs(), min_size=1, max_size=30), queries=st.lists(query_filters, min_size=1, max_size=4),
       cuts=st.lists(st.integers(1, 6), min_size=1, max_size=8), rnd=st.randoms(use_true_random=False))
def test_queries_agree_with_a_brute_force_filter_over_many_segments_and_dead_rows(specs, queries, cuts, rnd):
    """The same events committed incrementally (apply), some removed and written again: several segments, dead rows."""
    from azdiplo.store import Change

    state = build_state(specs)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "st")
        done: list[dict] = []
        mentions: dict[str, list[dict]] = {}
        events = list(state.events)
        while events:
            chunk, events = events[: cuts[len(done) % len(cuts)]], events[cuts[len(done) % len(cuts)]:]
            again = [e for e in done if rnd.random() < 0.3]  # removed and written again: dead rows
            for e in chunk:
                for m in e["mentions"]:
                    mentions.setdefault(m["article"], []).append(m)
            touched = sorted({m["article"] for e in chunk for m in e["mentions"]})
            with store.writer() as w:
                w.apply(Change(articles=[{"id": a, "path": None, "title": None, "published": None,
                                          "published_from": "none", "url": None, "source_id": None,
                                          "sha256": "0" * 64, "chars": 1} for a in touched],
                               mentions={a: mentions[a] for a in touched}, removed={e["id"] for e in again},
                               events=chunk + again))
            done += chunk
        assert store.verify() == []
        everything = list(store.iter_events())
        assert sorted(e["id"] for e in everything) == sorted(e["id"] for e in state.events)
        assert list(store.query_events()) == everything
        for filters in queries:
            assert list(store.query_events(**filters)) == [e for e in everything if matches(e, **filters)]
        for e in everything[:5]:
            assert store.event(e["id"]) == e


def test_query_arguments_must_be_collections(tmp_path):
    store = make_store(tmp_path / "st")
    with pytest.raises(TypeError):
        store.query_events(types="meeting")
    assert [e["id"] for e in store.query_events(types=("meeting",), countries={"FRA"})] == ["ev-a1", "ev-a2", "ev-a3"]
    assert list(store.query_events(types=[])) == []


# --------------------------------------------------------------------------- the fast schema check

SCALARS = st.sampled_from(
    [None, True, False, 0, 1, -1, 2, 1.0, 0.5, 1.5, "", "x", "USA", "usa", "meeting", "occurred", "person",
     "gen-000001", "2021-03-04", "2021-03-04T00:00:00+00:00", "0" * 64, "a" * 64]
)
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=2) | st.dictionaries(
    st.sampled_from(["name", "kind", "text", "id", "category", "mode", "sha256", "size", "x"]), inner, max_size=3))


@st.composite
def mutations(draw, base):
    row = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(1, 3))):
        containers = []

        def walk(node):
            if isinstance(node, (dict, list)):
                containers.append(node)
                for child in node.values() if isinstance(node, dict) else node:
                    walk(child)

        walk(row)
        node = draw(st.sampled_from(containers))
        action = draw(st.sampled_from(["set", "set", "delete", "add"]))
        if isinstance(node, dict):
            if action == "add" or not node:
                node[draw(st.sampled_from(["extra", "id", "mode", "country"]))] = draw(JSON_VALUES)
            elif action == "delete":
                del node[draw(st.sampled_from(sorted(node)))]
            else:
                node[draw(st.sampled_from(sorted(node)))] = draw(JSON_VALUES)
        elif node and action != "add":
            i = draw(st.integers(0, len(node) - 1))
            if action == "delete":
                del node[i]
            else:
                node[i] = draw(JSON_VALUES)
        else:
            node.append(draw(JSON_VALUES))
    return row


@pytest.fixture(scope="module")
def valid_rows(tmp_path_factory):
    store = make_store(tmp_path_factory.mktemp("rows") / "st")
    gen = current_dir(store)
    return {
        "current": orjson.loads((store.path / "CURRENT").read_bytes()),
        "manifest": orjson.loads((gen / "manifest.json").read_bytes()),
        "article": next(store.iter_rows("articles")),
        "mention": next(store.iter_rows("mentions")),
        "event": next(store.iter_events()),
    }


def test_the_schema_files_compile_to_the_fast_check():
    assert store_schema._fast_validators() is not None


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["current", "manifest", "article", "mention", "event"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_fast_schema_check_agrees_with_jsonschema(valid_rows, kind, data):
    row = data.draw(mutations(valid_rows[kind]))
    assert store_schema._fast_validators()[kind](row) == store_schema._validators()[kind].is_valid(row)


# --------------------------------------------------------------------------- segments


def test_compact_merges_every_segment_and_drops_dead_rows_keeping_every_live_row(tmp_path):
    from azdiplo.store import Change

    store = make_store(tmp_path / "st")
    state = store.load()
    for round_ in range(3):  # the same events written again: their old rows die
        with store.writer() as w:
            w.apply(Change(events=state.events, removed={e["id"] for e in state.events}))
    before = store.stats()
    assert before["segments"] == 4 and before["dead_rows"] == 9
    rows = {what: list(store.iter_rows(what)) for what in ("events", "articles", "mentions")}
    store.compact()
    after = store.stats()
    assert (after["segments"], after["dead_rows"]) == (1, 0)
    assert {what: list(store.iter_rows(what)) for what in rows} == rows
    assert store.verify() == []
    with store.writer() as w:  # the next commit prunes what no kept generation lists
        w.commit()
    assert len(list((store.path / "segments").iterdir())) == 2


def test_the_newest_small_segments_are_merged_as_commits_go(tmp_path):
    from azdiplo.store import Change
    from azdiplo.store.compact import FANOUT

    store = Store(tmp_path / "st")
    for i in range(3 * FANOUT):
        state = StoreState.empty()
        store_driver.add(state, f"a{i:03d}", day=1 + i % 28)
        with store.writer() as w:
            w.apply(Change(articles=list(state.articles.values()), mentions=state.mentions, events=state.events))
    stats = store.stats()
    assert stats["segments"] < FANOUT + 2  # merged eight by eight, not one per commit
    assert stats["articles"] == 3 * FANOUT and store.verify() == []


# --------------------------------------------------------------------------- the index's postings directory


def _open_index(store: Store):
    from azdiplo.store.segments import Bits, Segment

    entry = manifest_of(store)["segments"][-1]
    return Segment(store.path, entry, Bits(), Bits())


def test_the_postings_directory_is_read_from_index_bin_by_key(tmp_path):
    """index.json stays small however many keys a segment files (a commit into a large store parsed a
    header of megabytes before); each key is found by a binary search in index.bin, in UTF-8 order."""
    store = Store(tmp_path / "st")
    names = ["Zora", "ärzte", "Émile", "bo", "Bo Two", "zz"]
    with store.writer() as w:
        for i, name in enumerate(names):
            store_driver.add(w.state, f"k{i}", day=1 + i)
            w.state.events[-1]["participants"][1]["name"] = name
        w.commit()
    header = orjson.loads((segment_dir(store) / "index.json").read_bytes())
    assert "keys" not in header and header["format"] == 3
    seg = _open_index(store)
    index = seg.index()
    events = [seg.event(r) for r in range(index.n)]
    expected: dict[str, list[int]] = {}
    for row, e in enumerate(events):
        for key in store_filters.event_actor_keys(e):
            expected.setdefault(key, []).append(row)
    listed = dict(index.kind_keys("actor"))
    assert list(listed) == sorted(expected, key=lambda k: k.encode("utf-8"))
    post = index.col["postings"]
    for key, rows in expected.items():
        start, count = index.postings_of("actor", key)
        assert (start, count) == listed[key]
        assert list(post[start : start + count]) == rows
    assert index.postings_of("actor", "nobody") is None and index.postings_of("nokind", "q1") is None
    seg.close()
    assert store.actor_keys() == sorted(expected)


def test_an_index_of_the_format_before_is_still_read(tmp_path):
    """A segment written before keeps answering (its postings' directory in index.json); verify finds it
    sound (it says what the index built again says: a store made before an upgrade is no broken store),
    and reindex writes it in the current format."""
    store = make_store(tmp_path / "st")
    everything, actors = list(store.iter_events()), store.actor_keys()

    def older(data: bytes) -> bytes:
        header = orjson.loads(data)
        index = _open_index(store).index()
        header["keys"] = {kind: {k: list(span) for k, span in index.kind_keys(kind)} for kind in header["key_kinds"]}
        del header["key_kinds"]
        header["sections"] = {k: v for k, v in header["sections"].items() if not k.startswith("key_")}
        header["format"] = 2
        return orjson.dumps(header, option=orjson.OPT_SORT_KEYS) + b"\n"

    tamper(store, "index.json", older)
    assert list(store.iter_events()) == everything
    assert list(store.query_events(actor_keys_all=["Q1"], types=["meeting"])) == everything
    assert store.actor_keys() == actors
    assert store.verify() == []
    store.reindex()
    assert orjson.loads((segment_dir(store) / "index.json").read_bytes())["format"] == 3
    assert store.verify() == [] and list(store.iter_events()) == everything


def test_an_index_of_the_format_before_that_says_something_else_is_caught(tmp_path):
    store = make_store(tmp_path / "st")

    def older_and_wrong(data: bytes) -> bytes:
        header = orjson.loads(data)
        index = _open_index(store).index()
        header["keys"] = {kind: {k: [span[0], span[1] + 1] for k, span in index.kind_keys(kind)}
                          for kind in header["key_kinds"]}
        del header["key_kinds"]
        header["sections"] = {k: v for k, v in header["sections"].items() if not k.startswith("key_")}
        header["format"] = 2
        return orjson.dumps(header, option=orjson.OPT_SORT_KEYS) + b"\n"
    tamper(store, "index.json", older_and_wrong)
    assert [p for p in store.verify() if "index" in p]


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="reads the process's mappings from /proc")
def test_a_commits_lookups_give_back_the_index_pages_they_touch(tmp_path):
    """What a commit looks up in a segment's mapped index.bin does not stay in its resident memory (which
    grew with the store: binary searches touch pages all over a large index)."""
    store = make_store(tmp_path / "st")

    def resident_index_kb() -> int:
        total, mapping = 0, ""
        for line in open("/proc/self/smaps"):
            head = line.split()
            if head and "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
                mapping = head[5] if len(head) > 5 else ""
            elif head and head[0] == "Rss:" and mapping.startswith(str(store.path)):
                total += int(head[1])
        return total

    with store.writer() as w:
        lookup = w.lookup()
        assert lookup.article("a2")["id"] == "a2"
        assert lookup.locate_event("ev-a3") is not None
        assert [e["id"] for e in lookup.citing(["a1"])] == ["ev-a1"]
        assert resident_index_kb() == 0
