"""Shared fixtures. Keep them generic: any test module may use them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests judge behaviour, not speed: no per-example deadline (a loaded
# machine once took more than hypothesis's default 200 ms for a first example).
settings.register_profile("azdiplo", deadline=None)
settings.load_profile("azdiplo")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


def _share_pipelines() -> None:
    """Build each pipeline configuration once per test session.

    Loading the model and assembling azdiplo's components takes seconds, and
    a pipeline is reused from article to article by design (``nlp.pipe``), so
    every test module, every in-process ``ingest`` and ``extract`` share one
    per model name, actor files and learned actors (by content). Installed when conftest is
    imported, before the test modules bind ``build``. Worker processes and
    subprocesses build their own, as in use.
    """
    import hashlib

    from azdiplo.nlp import pipeline

    real = pipeline.build
    built: dict[tuple, object] = {}

    def build(name=None, *, actors_files=(), learned=None):
        files = tuple((str(f), hashlib.sha256(Path(f).read_bytes()).hexdigest() if Path(f).is_file() else None)
                      for f in (*actors_files, *([learned] if learned else [])))
        key = (name, files, bool(learned))
        if key not in built:
            built[key] = real(name, actors_files=actors_files, learned=learned)
        return built[key]

    build.__doc__ = real.__doc__
    pipeline.build = build


_share_pipelines()


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
