"""Shared fixtures. Keep them generic: any test module may use them."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """A store built once per session by ingesting ``corpus/`` (the five sample articles).

    Loading the model takes seconds, so treat the store as read-only; copy it
    (``shutil.copytree``) to change it.
    """
    from azdiplo.ingest import ingest
    from azdiplo.store import Store

    path = tmp_path_factory.mktemp("sample") / "store"
    summary = ingest([str(CORPUS)], store=Store(path))
    assert not summary.failed, summary.failed
    return path
