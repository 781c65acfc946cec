"""Incremental ingest (azdiplo.ingest) with the real pipeline, on short articles written for the tests.

What is checked: unchanged articles are skipped, changed ones replace their
old mentions, --rebuild extracts everything again, the store records the
pipeline and model that extracted it and says when they changed, JSON Lines
and stdin inputs, undated articles, the summary's counts, and that an
interrupted ingest keeps what it committed and a rerun completes it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import orjson
import pytest

from azdiplo import ingest as ingest_mod
from azdiplo.errors import StoreError
from azdiplo.ingest import ingest, pipeline_version
from azdiplo.store import Store
from helpers import exported

WASHINGTON = """date 2025-08-09
Aliyev and Trump meet at the White House

Azerbaijani President Ilham Aliyev met US President Donald Trump at the White House in Washington on August 8, 2025. \
The two presidents discussed regional security.
"""
# the Washington meeting again ("last week"), and a meeting of its own
WEEK_LATER = """date 2025-08-12
Azerbaijan and the US: a new chapter

Azerbaijani President Ilham Aliyev met US President Donald Trump in Washington last week, the ministry said. \
Separately, Armenian Prime Minister Nikol Pashinyan met Russian President Vladimir Putin in Moscow on August 11.
"""
MOSCOW = """date 2025-09-05
Talks in Moscow

Azerbaijani President Ilham Aliyev met Russian President Vladimir Putin in Moscow on September 3, 2025. \
They discussed trade.
"""
UNDATED = """Talks in Baku

Azerbaijani President Ilham Aliyev met Turkish President Recep Tayyip Erdogan in Baku on March 3, 2025.
"""


@pytest.fixture(scope="module")
def nlp():
    from azdiplo.nlp.pipeline import build

    return build()


@pytest.fixture(autouse=True)
def one_pipeline(nlp, monkeypatch):
    """Every ingest of this module reuses one pipeline: the model loads once."""
    import azdiplo.nlp.pipeline as pipeline

    real = pipeline.build
    # a store that learned people, or other actor files, need a pipeline of their own
    monkeypatch.setattr(pipeline, "build", lambda name=None, *, actors_files=(), learned=None: nlp
                        if not list(actors_files) and learned is None
                        else real(name, actors_files=actors_files, learned=learned))


def write(folder: Path, **articles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def people(event: dict) -> set[str]:
    return {p.get("id") or p["name"] for p in event["participants"] if p["kind"] == "person"}


def events_by_people(store: Store) -> dict[frozenset, dict]:
    return {frozenset(people(e)): e for e in store.iter_events()}


def without_ids(events) -> list[dict]:
    return sorted((json.dumps({k: v for k, v in e.items() if k != "id"}, sort_keys=True) for e in events))


def articles_of(store: Store) -> list[dict]:
    return list(store.load().articles.values())


def sound(store: Store) -> None:
    assert store.verify() == []


def current(store: Store) -> bytes:
    return (store.path / "CURRENT").read_bytes()


ALIYEV_TRUMP = frozenset({"person:ilham-aliyev", "person:donald-trump"})
ALIYEV_PUTIN = frozenset({"person:ilham-aliyev", "person:vladimir-putin"})
PASHINYAN_PUTIN = frozenset({"person:nikol-pashinyan", "person:vladimir-putin"})


# ------------------------------------------------------------------ incremental


def test_a_new_store_then_unchanged_articles_are_skipped(tmp_path):
    folder = write(tmp_path / "in", a=WASHINGTON, b=WEEK_LATER)
    store = Store(tmp_path / "store")
    first = ingest([str(folder)], store=store)
    assert (first.read, first.extracted, first.skipped_unchanged, first.failed) == (2, 2, 0, [])
    assert (first.events_before, first.events_after, first.new_events, first.merged_mentions) == (0, 2, 2, 0)
    sound(store)
    washington = events_by_people(store)[ALIYEV_TRUMP]
    assert (washington["date"], washington["num_sources"], washington["num_mentions"]) == ("2025-08-08", 2, 2)
    pointer = current(store)
    again = ingest([str(folder)], store=store, progress=lambda *a: None)
    assert (again.read, again.extracted, again.skipped_unchanged, again.commits) == (2, 0, 2, 0)
    assert (again.events_before, again.events_after, again.new_events, again.merged_mentions) == (2, 2, 0, 0)
    assert again.model is None  # nothing to extract: the model was not even loaded
    assert current(store) == pointer  # nothing was written


def test_new_and_merged_events_are_counted(tmp_path):
    store = Store(tmp_path / "store")
    ingest([str(write(tmp_path / "one", a=WASHINGTON))], store=store)
    (before,) = list(store.iter_events())
    summary = ingest([str(write(tmp_path / "two", b=WEEK_LATER))], store=store)
    # the Washington meeting gained a source, the Moscow meeting of Pashinyan and Putin is new
    assert (summary.new_events, summary.merged_mentions, summary.events_after) == (1, 1, 2)
    after = events_by_people(store)
    assert after[ALIYEV_TRUMP]["id"] == before["id"]  # adding a source keeps the id
    assert after[ALIYEV_TRUMP]["num_sources"] == 2


def test_a_changed_article_replaces_its_old_mentions(tmp_path):
    folder = write(tmp_path / "in", a=WASHINGTON, b=WEEK_LATER)
    store = Store(tmp_path / "store")
    ingest([str(folder)], store=store)
    assert set(events_by_people(store)) == {ALIYEV_TRUMP, PASHINYAN_PUTIN}
    write(folder, b=MOSCOW.replace("date 2025-09-05", "date 2025-08-12"))  # b now tells of another meeting
    summary = ingest([str(folder)], store=store)
    assert (summary.extracted, summary.skipped_unchanged) == (1, 1)
    sound(store)
    events = events_by_people(store)
    assert set(events) == {ALIYEV_TRUMP, ALIYEV_PUTIN}  # no stale Pashinyan-Putin event
    b_id = next(a["id"] for a in articles_of(store) if a["path"].endswith("b.txt"))
    assert b_id not in {s["article"] for s in events[ALIYEV_TRUMP]["sources"]}
    assert {m["sentence"][:40] for m in store.load().mentions[b_id]} == {
        "Azerbaijani President Ilham Aliyev met R"}


def test_rebuild_extracts_everything_again_and_keeps_the_ids(tmp_path):
    folder = write(tmp_path / "in", a=WASHINGTON, b=WEEK_LATER)
    store = Store(tmp_path / "store")
    ingest([str(folder)], store=store)
    before = list(store.iter_events())
    summary = ingest([str(folder)], store=store, rebuild=True)
    assert (summary.extracted, summary.skipped_unchanged, summary.new_events, summary.merged_mentions) == (2, 0, 0, 0)
    assert list(store.iter_events()) == before
    sound(store)


def test_commits_come_in_batches(tmp_path):
    folder = write(tmp_path / "in", a=WASHINGTON, b=WEEK_LATER, c=MOSCOW)
    store = Store(tmp_path / "store")
    seen = []
    summary = ingest([str(folder)], store=store, commit_every=2, progress=lambda kind, data: seen.append(kind))
    assert summary.commits == 2 and seen.count("commit") == 1  # two articles, then the last one
    assert store.info()["generation"] == 2
    assert summary.new_events == summary.events_after == 3


# ------------------------------------------------------------------ provenance


def test_the_store_records_the_pipeline_and_the_model(tmp_path, nlp):
    store = Store(tmp_path / "store")
    summary = ingest([str(write(tmp_path / "in", a=WASHINGTON))], store=store)
    info = store.info()
    assert info["pipeline_version"] == summary.pipeline_version == pipeline_version()
    assert info["model"] == summary.model == {"name": nlp.meta["lang"] + "_" + nlp.meta["name"],
                                              "version": nlp.meta["version"]}
    assert not summary.warnings


@pytest.mark.slow
def test_a_changed_pipeline_is_reported_until_every_article_is_extracted_again(tmp_path, monkeypatch):
    folder = write(tmp_path / "in", a=WASHINGTON, b=WEEK_LATER)
    store = Store(tmp_path / "store")
    monkeypatch.setattr(ingest_mod, "pipeline_version", lambda actors_files=(): "0.0.1+older")
    ingest([str(folder)], store=store)
    monkeypatch.undo()
    monkeypatch.setattr(ingest_mod, "pipeline_version", lambda actors_files=(): "0.0.2+newer")

    def warned(summary) -> bool:
        return any("pipeline 0.0.1+older" in w and "0.0.2+newer" in w and "--rebuild" in w for w in summary.warnings)

    assert warned(ingest([str(folder)], store=store))  # nothing changed, but the pipeline did
    # a new article is extracted by the new pipeline; the others still were not
    assert warned(ingest([str(write(tmp_path / "more", c=MOSCOW))], store=store))
    assert store.info()["pipeline_version"] == "0.0.1+older"
    # rebuilding only part of the store is not enough
    assert warned(ingest([str(folder)], store=store, rebuild=True))
    summary = ingest([str(folder), str(tmp_path / "more")], store=store, rebuild=True)
    assert not warned(summary) and not summary.warnings
    assert store.info()["pipeline_version"] == "0.0.2+newer"
    assert not ingest([str(folder)], store=store).warnings


def test_a_changed_model_is_reported(tmp_path, monkeypatch):
    folder = write(tmp_path / "in", a=WASHINGTON)
    store = Store(tmp_path / "store")
    ingest([str(folder)], store=store)
    with store.writer() as w:  # as if another model had extracted the store
        w.state.info["model"] = {"name": "en_core_web_lg", "version": "3.7.0"}
        w.commit()
    summary = ingest([str(write(tmp_path / "more", c=MOSCOW))], store=store)
    assert any("model en_core_web_lg 3.7.0" in w and "--rebuild" in w for w in summary.warnings)
    assert store.info()["model"]["name"] == "en_core_web_lg"


def test_the_pipeline_version_follows_the_lexicons_and_user_actors(tmp_path):
    assert pipeline_version() == pipeline_version()
    extra = tmp_path / "actors.jsonl"
    extra.write_text('{"id": "person:x", "name": "X", "kind": "person", "aliases": [], "roles": []}\n')
    assert pipeline_version([extra]) != pipeline_version()


# ------------------------------------------------------------------ inputs


def test_json_lines_records_are_articles_of_their_own(tmp_path):
    feed = tmp_path / "feed.jsonl"

    def records(moscow_text: str) -> str:
        rows = [{"id": "wire-1", "title": "Washington", "published": "2025-08-09", "text": WASHINGTON.split("\n", 1)[1]},
                {"id": "wire-2", "title": "Moscow", "published": "2025-09-05", "text": moscow_text}]
        return "".join(json.dumps(r) + "\n" for r in rows)

    feed.write_text(records(MOSCOW.split("\n", 1)[1]))
    store = Store(tmp_path / "store")
    summary = ingest([str(feed)], store=store)
    assert (summary.read, summary.extracted) == (2, 2)
    articles = {a["source_id"]: a for a in articles_of(store)}
    assert set(articles) == {"wire-1", "wire-2"} and articles["wire-1"]["published_from"] == "record"
    assert set(events_by_people(store)) == {ALIYEV_TRUMP, ALIYEV_PUTIN}
    # one record changes: only it is extracted again
    feed.write_text(records(MOSCOW.split("\n", 1)[1].replace("September 3", "September 4")))
    summary = ingest([str(feed)], store=store)
    assert (summary.extracted, summary.skipped_unchanged) == (1, 1)
    assert events_by_people(store)[ALIYEV_PUTIN]["date"] == "2025-09-04"
    sound(store)


def test_stdin(tmp_path):
    store = Store(tmp_path / "store")
    summary = ingest(["-"], store=store, stdin=io.BytesIO(MOSCOW.encode()))
    assert (summary.read, summary.extracted) == (1, 1)
    (article,) = articles_of(store)
    assert article["path"] == "-"
    # the same text again is the same article; standard input has no name, so other text is another article
    assert ingest(["-"], store=store, stdin=io.BytesIO(MOSCOW.encode())).skipped_unchanged == 1
    ingest(["-"], store=store, stdin=io.BytesIO(WASHINGTON.encode()))
    assert len(list(articles_of(store))) == 2
    assert set(events_by_people(store)) == {ALIYEV_TRUMP, ALIYEV_PUTIN}


def test_an_article_without_a_date(tmp_path):
    store = Store(tmp_path / "store")
    summary = ingest([str(write(tmp_path / "in", undated=UNDATED))], store=store)
    assert summary.extracted == 1 and not summary.failed
    assert any("no publication date found" in w for w in summary.warnings)
    (article,) = articles_of(store)
    assert (article["published"], article["published_from"]) == (None, "none")
    (event,) = store.iter_events()
    assert event["date"] == "2025-03-03"  # an absolute date needs no anchor
    sound(store)


def test_inputs_that_all_fail_leave_an_empty_store_and_report_each(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    store = Store(tmp_path / "store")
    summary = ingest([str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt")], store=store)
    assert summary.extracted == 0 and [f["source"] for f in summary.failed] == [
        str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt")]
    assert store.exists() and list(store.iter_events()) == []
    sound(store)


# ------------------------------------------------------------------ interruptions and store problems


def interrupt_at(kind: str, n: int):
    seen = []

    def progress(event: str, data: dict) -> None:
        seen.append(event)
        if event == kind and seen.count(kind) == n:
            raise KeyboardInterrupt

    return progress


@pytest.mark.parametrize("kind, n, stored", [("article", 3, 3), ("commit", 1, 2), ("article", 1, 1)])
def test_an_interrupted_ingest_keeps_its_batches_and_a_rerun_completes_it(tmp_path, kind, n, stored):
    folder = write(tmp_path / "in", a=WASHINGTON, b=WEEK_LATER, c=MOSCOW, d=UNDATED,
                   e=WASHINGTON.replace("White House", "Oval Office"))
    whole = Store(tmp_path / "whole")
    ingest([str(folder)], store=whole)
    store = Store(tmp_path / "store")
    summary = ingest([str(folder)], store=store, commit_every=2, progress=interrupt_at(kind, n))
    assert summary.interrupted
    # what was extracted completely is kept: committed batches and the results in hand
    assert len(list(articles_of(store))) == stored
    sound(store)
    rest = ingest([str(folder)], store=store, commit_every=2)
    assert (rest.skipped_unchanged, rest.extracted, rest.interrupted) == (stored, 5 - stored, False)
    sound(store)
    assert without_ids(store.iter_events()) == without_ids(whole.iter_events())


def test_an_unusable_store_fails_before_anything_is_extracted(tmp_path, monkeypatch):
    import azdiplo.nlp.pipeline as pipeline

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(pipeline, "build", no_model)
    folder = write(tmp_path / "in", a=WASHINGTON)
    a_file = tmp_path / "file"
    a_file.write_text("not a store")
    with pytest.raises(StoreError, match="is a file"):
        ingest([str(folder)], store=Store(a_file))
    assert a_file.read_text() == "not a store"


def test_a_store_locked_too_long_fails_before_anything_is_extracted(tmp_path, monkeypatch):
    import subprocess
    import sys

    import azdiplo.nlp.pipeline as pipeline

    store = Store(tmp_path / "store")
    ingest([str(write(tmp_path / "in", a=WASHINGTON))], store=store)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom filelock import FileLock\n"
         "with FileLock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)\n", str(store.path / "lock")],
        stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        monkeypatch.setattr(pipeline, "build", lambda *a, **k: pytest.fail("the model was loaded"))
        with pytest.raises(StoreError, match="locked by another azdiplo process"):
            ingest([str(write(tmp_path / "more", c=MOSCOW))], store=store, lock_timeout=0.2)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_a_corrupt_store_is_left_as_it_is(tmp_path, monkeypatch):
    """A commit checks every row it reads (the CRC-32 of its blocks): it writes nothing on corrupt data."""
    folder = write(tmp_path / "in", a=WASHINGTON)
    store = Store(tmp_path / "store")
    ingest([str(folder)], store=store)
    manifest = orjson.loads((store.path / orjson.loads(current(store))["generation"] / "manifest.json").read_bytes())
    events = store.path / "segments" / manifest["segments"][-1]["name"] / "events.jsonl"
    events.write_bytes(events.read_bytes().replace(b"Trump", b"Trunp"))  # the same size
    files = {p: p.read_bytes() for p in store.path.rglob("*") if p.is_file()}
    with pytest.raises(StoreError) as caught:  # another report of that meeting: its event is read
        ingest([str(write(tmp_path / "more", b=WASHINGTON + "They met again later.\n"))], store=store)
    # one ingest, one generation: nothing to go back to, so the hint is a backup or a new store, not recover
    assert "events.jsonl" in caught.value.what and "--store NEW_FOLDER" in caught.value.hint
    assert "store recover" not in caught.value.hint
    assert {p: p.read_bytes() for p in store.path.rglob("*") if p.is_file()} == files


# ------------------------------------------------------------------ the same store however it is made

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.slow
def test_the_same_export_whatever_the_batches_the_workers_and_the_order(sample_store, tmp_path):
    """One commit per article, the files in reverse order, two workers: the export is the same, byte for byte."""
    reference = exported(Store(sample_store))
    assert reference["events"].count("\n") > 5
    files = [str(p) for p in sorted(CORPUS.glob("*.txt"))]
    for i, (paths, options) in enumerate([(files[::-1], {"commit_every": 1}),
                                          ([str(CORPUS)], {"workers": 2, "commit_every": 2})]):
        store = Store(tmp_path / f"store{i}")
        summary = ingest(paths, store=store, **options)
        assert summary.extracted == 5 and not summary.failed
        assert exported(store) == reference, options
        assert store.verify() == []
