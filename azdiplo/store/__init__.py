"""The JSON event store: atomic, locked, versioned, in segments.

A store is a directory. Each commit writes what it changes as a new
*segment* (``segments/seg-000007/``: articles, mentions, events and their
index as JSON Lines and binary columns), then a new *generation*
(``gen-000042/``): a manifest listing the segments that make the store and,
for each, the rows later commits superseded. Everything is written aside,
fsync'ed and renamed into place; a small ``CURRENT`` pointer is then
replaced atomically. Readers follow ``CURRENT`` and take no lock, so a kill
at any instant leaves either the old or the new state. Writers take
``lock``. The layout, the write protocol and the recovery procedure are
described in ``docs/store.md``.

The package's modules, one part each:

==================  ==========================================================
``files``           file names, and every low-level write, sync and removal
``state``           ``StoreState``: the whole content as plain dicts
``generations``     finding the current generation and its segments
``segments``        writing a segment; reading its rows; dead rows
``commit``          the lock, the writer, commits (whole or incremental)
``compact``         merging segments
``lookup``          stored articles and events a commit needs, by index
``reading``         loading, streaming, queries, statistics, exports
``index``           a segment's index (index.json + index.bin)
``summary``         the live counts a manifest keeps
``filters``         what a query filter means on one event
``schema``          validating stored values against the JSON Schemas
``verify``          verify, recover, reindex
``export``          JSON, JSON Lines and CSV exports
==================  ==========================================================
"""

from __future__ import annotations

from .commit import Change, Committer, StoreWriter
from .files import DEFAULT_PATH
from .filters import event_interval, matches
from .reading import Reader
from .state import StoreState
from .verify import Verifier

__all__ = ["Store", "StoreState", "StoreWriter", "Change", "matches", "event_interval", "DEFAULT_PATH"]


class Store(Reader, Verifier, Committer):
    """An event store directory.

    Reads take no lock and see one generation; writes go through ``writer()``.
    Every failure is a ``StoreError`` naming what went wrong and what to do.
    """
