"""The Dask engine (azdiplo.cluster): the same store as a local ingest, on a local cluster of two worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from azdiplo import cli
from azdiplo.cli import app
from azdiplo.errors import ExitStatus
from azdiplo.ingest import ingest
from azdiplo.store import Store
from helpers import exported

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.slow
def test_a_local_cluster_of_two_workers_makes_the_same_store_byte_for_byte(sample_store, tmp_path):
    store = Store(tmp_path / "store")
    notes = []
    summary = ingest([str(CORPUS)], store=store, engine="dask", workers=2, batch_size=2, commit_every=3,
                     progress=lambda event, data: notes.append(event))
    assert (summary.extracted, summary.failed) == (5, [])
    assert summary.engine["name"] == "dask" and summary.engine["workers"] == 2 and summary.engine["lost"] == []
    assert summary.model["name"]  # the workers' model, as the local engines report it
    assert "engine" in notes and notes.count("article") == 5
    assert exported(store) == exported(Store(sample_store))
    assert store.verify() == []


def test_scheduler_needs_the_dask_engine(tmp_path, monkeypatch):
    monkeypatch.setattr(cli.TERMINAL, "stderr_tty", False)
    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--store", str(tmp_path / "s"),
                                      "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == ExitStatus.USAGE
    assert result.stderr.strip() == ("azdiplo: error: --scheduler is for --engine dask — "
                                     "add --engine dask, or leave --scheduler out")
    assert not (tmp_path / "s").exists()


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line_and_exit_2_before_anything_is_stored(tmp_path, monkeypatch):
    import azdiplo.cluster

    monkeypatch.setattr(azdiplo.cluster, "CONNECT_TIMEOUT", 2)
    monkeypatch.setattr(cli.TERMINAL, "stderr_tty", False)
    store = tmp_path / "s"
    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--store", str(store), "--engine", "dask",
                                      "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == ExitStatus.USAGE
    (line,) = result.stderr.splitlines()
    assert line.startswith("azdiplo: error: cannot reach the Dask scheduler at tcp://127.0.0.1:1")
    assert line.endswith("— start it with 'dask scheduler' and 'dask worker ADDRESS', or check --scheduler")
    assert not Store(store).exists()


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_and_doubles_no_article(tmp_path):
    """SIGKILL one of two workers after the first result: its chunks run again elsewhere, the loss is reported."""
    import os
    import signal

    from distributed import Client, LocalCluster

    from azdiplo.cluster import extract_dask
    from azdiplo.corpus import make_article

    articles = [make_article(f"President Alpha {i} met Minister Beta {i} in Paris on 2021-03-0{1 + i % 9}.",
                             record_published="2021-03-10") for i in range(12)]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        pids = client.run(os.getpid)
        events, info, seen = [], {}, []
        stream = extract_dask(articles, model=None, batch_size=1, info=info, scheduler=cluster.scheduler_address,
                              chunks_ahead=3, notify=lambda event, data: events.append((event, data)))
        seen.append(next(stream).article.id)
        os.kill(sorted(pids.values())[0], signal.SIGKILL)
        seen += [r.article.id for r in stream]
    assert seen == [a.id for a in articles]  # each once, in input order
    assert info["engine"]["lost"], events
    assert any(event == "worker-lost" for event, _ in events)
