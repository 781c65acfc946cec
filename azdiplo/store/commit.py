"""Writing a store: the lock, the writer, and a commit as one new generation switched in atomically.

The protocol and why a kill at any instant leaves the old or the new state
are in docs/store.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from azdiplo import __version__
from azdiplo.errors import StoreError
from azdiplo.models import SCHEMA_VERSION

from . import files
from .files import (
    ARTICLES,
    CURRENT,
    EVENTS,
    GEN_RE,
    INDEX_BIN,
    INDEX_JSON,
    LOCK,
    MANIFEST,
    MENTIONS,
    SORT,
    TMP_PREFIX,
    batched,
    now,
    os_error,
)
from .generations import StoreBase
from .index import IndexBuilder
from .state import StoreState, event_order


class Committer(StoreBase):
    """The write side of :class:`~azdiplo.store.Store`: one writer at a time, under the lock."""

    def _prepare_dir(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            pass
        except NotADirectoryError:
            raise StoreError(
                f"the store path {self.path} is inside a file, not a directory", "pass --store a directory"
            ) from None
        except OSError as exc:
            raise os_error(exc, self.path, writing=True) from exc
        if not self.path.is_dir():
            raise StoreError(
                f"the store path {self.path} is a file, not a directory",
                "pass --store a directory, or move the file away",
            )
        self._refuse_foreign_folder()

    def _refuse_foreign_folder(self) -> None:
        """Never make a store among other files (``--store`` pointed at a folder of articles)."""
        try:
            foreign = self._foreign_files()
        except OSError as exc:
            raise os_error(exc, self.path, writing=True) from exc
        if foreign:
            raise self._foreign_folder(foreign)

    @contextlib.contextmanager
    def _locked(self, timeout: float) -> Iterator[None]:
        self._prepare_dir()
        from filelock import (  # only writers lock: queries need not import it
            FileLock,
            Timeout,
        )

        lock = FileLock(str(self.path / LOCK), timeout=timeout)
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(
                f"the store at {self.path} is locked by another azdiplo process",
                f"wait for it to finish, or remove {self.path / LOCK} if no azdiplo is running",
            ) from None
        except OSError as exc:
            raise os_error(exc, self.path, writing=True) from exc
        try:
            yield
        finally:
            lock.release()

    def _clean_temporaries(self) -> None:
        """Remove what killed writers left (temporary generations, pointer, deletions)."""
        for entry in os.scandir(self.path):
            if entry.name.startswith(TMP_PREFIX):
                files.remove_tree(Path(entry.path), self.path)

    @contextlib.contextmanager
    def writer(self, timeout: float = 60) -> Iterator[StoreWriter]:
        """Lock the store and load its latest state (empty if there is no store yet).

        Nothing is written unless ``commit()`` is called; each commit writes
        one generation. The lock is released when the block exits.

        Args:
            timeout: seconds to wait for another writer before giving up.
        """
        with self._locked(timeout):
            try:
                self._clean_temporaries()
                if self.exists():
                    state = self.load()
                    current = self._pointer_name()
                elif self._generation_names():
                    # generations but no CURRENT: a first commit killed between renaming its
                    # generation into place and writing CURRENT, or a lost pointer. Never write
                    # over them: point CURRENT at the newest sound one (what 'store recover' does)
                    # and go on from there.
                    self._recover_locked()
                    state = self.load()
                    current = self._pointer_name()
                else:
                    state, current = StoreState.empty(), None
            except StoreError:
                raise
            except OSError as exc:
                raise os_error(exc, self.path, writing=True) from exc
            w = StoreWriter(self, state, current)
            try:
                yield w
            finally:
                w._open = False

    def _next_generation(self, current: int) -> str:
        numbers = [int(GEN_RE.match(n)[1]) for n in self._generation_names()]
        return f"gen-{max(numbers + [current]) + 1:06d}"

    def _switch(self, name: str) -> None:
        """Atomically point CURRENT to generation ``name``."""
        manifest_bytes = (self.path / name / MANIFEST).read_bytes()
        version = orjson.loads(manifest_bytes)["schema_version"]
        pointer = {
            "generation": name,
            "manifest_sha256": hashlib.sha256(manifest_bytes).hexdigest(),
            "schema_version": version,
        }
        tmp = self.path / f"{TMP_PREFIX}{CURRENT}"
        try:
            files.write_file(tmp, [orjson.dumps(pointer, option=SORT) + b"\n"])
            os.replace(tmp, self.path / CURRENT)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        files.fsync_dir(self.path)

    def _write_generation(self, state: StoreState, previous: str | None) -> tuple[str, dict[str, Any]]:
        """Write ``state`` as a new generation and make it current; return its name and info."""
        info = state.info
        number = int(GEN_RE.match(previous)[1]) if previous else 0
        name = self._next_generation(number)
        tmp = self.path / f"{TMP_PREFIX}{name}-{os.getpid()}-{secrets.token_hex(4)}"
        events = sorted(state.events, key=event_order)
        ids = [e["id"] for e in events]
        if len(set(ids)) != len(ids):
            raise ValueError("two events share an id; merge them before commit()")
        mentions = sorted(
            (m for ms in state.mentions.values() for m in ms),
            key=lambda m: (m["article"], m["trigger_start"], m["trigger_end"]),
        )
        stamp = now()
        new_info = {
            **info,
            "schema_version": SCHEMA_VERSION,
            "generation": int(GEN_RE.match(name)[1]),
            "created": info.get("created") or stamp,
            "updated": stamp,
            "azdiplo_version": __version__,
            "model": info.get("model"),
            "pipeline_version": info.get("pipeline_version"),
            "counts": {"articles": len(state.articles), "mentions": len(mentions), "events": len(events)},
        }
        try:
            tmp.mkdir()
            written = {}
            written[ARTICLES] = files.write_file(
                tmp / ARTICLES,
                batched(orjson.dumps(state.articles[k], option=SORT) + b"\n" for k in sorted(state.articles)),
            )
            written[MENTIONS] = files.write_file(
                tmp / MENTIONS, batched(orjson.dumps(m, option=SORT) + b"\n" for m in mentions)
            )
            builder = IndexBuilder()
            written[EVENTS] = files.write_file(tmp / EVENTS, batched(builder.lines(events)))
            index_json, index_bin = builder.finish()
            written[INDEX_JSON] = files.write_file(tmp / INDEX_JSON, [index_json])
            written[INDEX_BIN] = files.write_file(tmp / INDEX_BIN, [index_bin])
            manifest = {**new_info, "files": {k: {"sha256": s, "size": n} for k, (s, n) in written.items()}}
            files.write_file(tmp / MANIFEST, [orjson.dumps(manifest, option=SORT | orjson.OPT_INDENT_2) + b"\n"])
            files.fsync_dir(tmp)
            os.rename(tmp, self.path / name)
        except BaseException as exc:
            files.remove_tree(tmp, self.path)
            if isinstance(exc, OSError):
                raise os_error(exc, self.path, writing=True) from exc
            raise
        try:
            files.fsync_dir(self.path)
            self._switch(name)
        except BaseException as exc:
            # CURRENT still names the old generation (os.replace is the commit point)
            if self._pointer_name() != name:
                files.remove_tree(self.path / name, self.path)
            if isinstance(exc, OSError):
                raise os_error(exc, self.path, writing=True) from exc
            raise
        self._prune(keep={name, previous})
        return name, new_info

    def _pointer_name(self) -> str | None:
        try:
            return self._read_current()[1]["generation"]
        except (StoreError, OSError):
            return None

    def _prune(self, keep: set[str | None]) -> None:
        # The previous generation stays, so a reader that followed CURRENT
        # just before the switch can finish; anything else (older ones,
        # orphans of killed writers) goes.
        with contextlib.suppress(OSError):
            for name in self._generation_names():
                if name not in keep:
                    files.remove_tree(self.path / name, self.path)


class StoreWriter:
    """The state of a locked store, and the means to commit it."""

    def __init__(self, store: Committer, state: StoreState, current: str | None):
        self.store = store
        self.state = state
        self._current = current
        self._open = True

    @property
    def generation(self) -> str | None:
        """The name of the current generation (None before the first commit of a new store)."""
        return self._current

    def commit(self) -> None:
        """Atomically write the state as a new generation and make it current.

        On failure (full disk, permission denied) the new generation is
        removed, the previous state stays current and a StoreError is raised.
        """
        if not self._open:
            raise RuntimeError("commit() called after its writer() block ended")
        name, info = self.store._write_generation(self.state, self._current)
        self._current = name
        self.state.info = info
