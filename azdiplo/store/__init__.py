"""The JSON event store: atomic, locked, versioned.

A store is a directory. Each write makes a new *generation* (``gen-000042/``)
holding the whole state as JSON files, written aside, fsync'ed and renamed into
place; a small ``CURRENT`` pointer is then replaced atomically. Readers follow
``CURRENT`` and take no lock, so a kill at any instant leaves either the old or
the new state. Writers take ``lock``. The layout, the write protocol and the
recovery procedure are described in ``docs/store.md``.

The package's modules, one part each:

==================  ==========================================================
``files``           file names, and every low-level write, sync and removal
``state``           ``StoreState``: one generation's content as plain dicts
``generations``     finding the current generation, reading files checked
``commit``          the lock, the writer, a commit as a new generation
``reading``         loading, streaming, queries, statistics, exports
``index``           the query index (index.json + index.bin)
``filters``         what a query filter means on one event
``schema``          validating stored values against the JSON Schemas
``verify``          verify, recover, reindex
``export``          JSON, JSON Lines and CSV exports
==================  ==========================================================
"""

from __future__ import annotations

from .commit import Committer, StoreWriter
from .files import DEFAULT_PATH
from .filters import event_interval, matches
from .reading import Reader
from .state import StoreState
from .verify import Verifier

__all__ = ["Store", "StoreState", "StoreWriter", "matches", "event_interval", "DEFAULT_PATH"]


class Store(Reader, Verifier, Committer):
    """An event store directory.

    Reads take no lock and see one generation; writes go through ``writer()``.
    Every failure is a ``StoreError`` naming what went wrong and what to do.
    """
