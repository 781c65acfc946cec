"""Generations: finding the current one through CURRENT, and reading its files checked.

A generation is one complete, immutable state in ``gen-NNNNNN/``; ``CURRENT``
names the current one and carries its manifest's checksum. Readers follow
it without a lock and start again when a writer pruned what they were
about to read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from azdiplo.errors import StoreError
from azdiplo.models import SCHEMA_VERSION

from .files import (
    CURRENT,
    DEAD,
    GEN_RE,
    INDEX_BIN,
    INDEX_JSON,
    MANIFEST,
    RECOVER_HINT,
    REINDEX_HINT,
    RESTORE_HINT,
    STORE_NAMES,
    TMP_PREFIX,
    USER_ACTORS,
    os_error,
)
from .segments import SEG_RE, SEGMENT_FILES, Bits, Segment

#: A reader retries when a writer pruned its generation between reading
#: CURRENT and opening the files (it takes two commits during one read).
READ_ATTEMPTS = 5


@dataclass
class Gen:
    """A generation as found through CURRENT: its manifest, and its segments once opened."""

    name: str
    dir: Path
    manifest: dict[str, Any]
    current_raw: bytes
    _segments: list[Segment] | None = field(default=None, repr=False)

    def file_meta(self, name: str) -> dict[str, Any]:
        return self.manifest["files"][name]

    @property
    def root(self) -> Path:
        return self.dir.parent

    def segments(self, corrupt: Callable[[str, str, str], Exception]) -> list[Segment]:
        """The generation's segments, oldest first, with their dead rows (dead.bin checked)."""
        if self._segments is None:
            data = b""
            if self.manifest["dead"]:
                data = (self.dir / DEAD).read_bytes()
                meta = self.file_meta(DEAD)
                if len(data) != meta["size"] or hashlib.sha256(data).hexdigest() != meta["sha256"]:
                    raise corrupt(self.name, DEAD, "checksum mismatch")
            out = []
            for entry in self.manifest["segments"]:
                where = self.manifest["dead"].get(entry["name"], {})
                bits = {}
                for kind in ("events", "articles"):
                    offset, length = where.get(kind, (0, 0))
                    bits[kind] = Bits(data[offset : offset + length])
                out.append(Segment(self.root, entry, bits["events"], bits["articles"], corrupt))
            self._segments = out
        return self._segments

    def close(self) -> None:
        for s in self._segments or ():
            s.close()
        self._segments = None


class Corrupt(StoreError):
    """A store that exists but whose content is unsound: verify() lists it as a problem."""




class StoreBase:
    """An event store directory: its path, its errors, and finding the current generation.

    Reads take no lock and see one generation; writes go through ``writer()``.
    Every failure is a ``StoreError`` naming what went wrong and what to do.
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def user_actors_path(self) -> Path:
        """The user's own actor dictionary extension (JSON Lines), kept at the store root, outside generations."""
        return self.path / USER_ACTORS

    # ----------------------------------------------------------------- errors

    def _no_store(self) -> StoreError:
        hint = "run 'azdiplo ingest PATHS' first, or pass --store"
        with contextlib.suppress(OSError):
            if self._generation_names():
                hint = f"{self.path} holds generations but no CURRENT pointer: {RECOVER_HINT}"
            elif foreign := self._foreign_files():
                return self._foreign_folder(foreign)
        return StoreError(f"no event store at {self.path}", hint)

    def _foreign_files(self) -> list[str]:
        """The names in the store's folder that no store holds (none when it is a store or a new folder)."""
        try:
            names = os.listdir(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return []
        if CURRENT in names or any(GEN_RE.match(n) for n in names):
            return []  # a store, or generations without a pointer (recovered by the next writer)
        return sorted(n for n in names if n not in STORE_NAMES and not n.startswith(TMP_PREFIX))

    def _foreign_folder(self, foreign: list[str]) -> StoreError:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        return StoreError(
            f"{self.path} is a folder of other files ({shown}), not an event store",
            "--store must name a new folder or an existing store",
        )

    def _corrupt(self, gen_name: str, file: str, why: str) -> Corrupt:
        # the least-loss repair: an index is rebuilt from the events; a broken data file needs an older generation,
        # and a store with none has no repair of its own (store verify tells whether the older ones are sound)
        hint = REINDEX_HINT if file in (INDEX_JSON, INDEX_BIN) else RECOVER_HINT if self._has_older() else RESTORE_HINT
        return Corrupt(f"{file} of {gen_name} in the store at {self.path} is corrupt ({why})", hint)

    def _has_older(self) -> bool:
        """Whether the store holds more than one generation: something ``recover`` might go back to."""
        try:
            return len(self._generation_names()) > 1
        except OSError:
            return True  # cannot tell: recover says what it finds

    def _check_path(self) -> None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise self._no_store() from None
        except NotADirectoryError:
            raise StoreError(
                f"the store path {self.path} is inside a file, not a directory", "pass --store a directory"
            ) from None
        except OSError as exc:
            raise os_error(exc, self.path, writing=False) from exc
        if not stat.S_ISDIR(st.st_mode):
            raise StoreError(
                f"the store path {self.path} is a file, not a directory",
                "pass --store a directory, or move the file away",
            )

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn OS errors during a read into StoreErrors."""
        try:
            yield
        except StoreError:
            raise
        except OSError as exc:
            raise os_error(exc, self.path, writing=False) from exc

    # ----------------------------------------------------------------- generations

    def _generation_names(self) -> list[str]:
        """Names of the complete generation directories, oldest first."""
        names = [e.name for e in os.scandir(self.path) if GEN_RE.match(e.name) and e.is_dir()]
        return sorted(names, key=lambda n: int(GEN_RE.match(n)[1]))

    def exists(self) -> bool:
        """Whether a store (a CURRENT pointer) is at the path."""
        with self._reading():
            return (self.path / CURRENT).is_file()

    def _read_current(self) -> tuple[bytes, dict[str, Any]]:
        try:
            raw = (self.path / CURRENT).read_bytes()
        except FileNotFoundError:
            raise self._no_store() from None
        except IsADirectoryError:
            raise Corrupt(f"the CURRENT pointer of the store at {self.path} is a directory", RECOVER_HINT) from None
        try:
            current = orjson.loads(raw)
            version = current["schema_version"]
            name = current["generation"]
            sha = current["manifest_sha256"]
            if not (isinstance(version, int) and isinstance(sha, str)):
                raise ValueError
            if not (isinstance(name, str) and GEN_RE.match(name)):
                raise ValueError
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            raise Corrupt(f"the CURRENT pointer of the store at {self.path} is unreadable", RECOVER_HINT) from None
        self._check_version(version)
        return raw, current

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the store at {self.path} was written by a newer azdiplo (schema {version})",
                f"upgrade azdiplo (this one reads schema {SCHEMA_VERSION})",
            )
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"the store at {self.path} was written by an older azdiplo (schema {version})",
                "re-create it with 'azdiplo ingest' into a new --store",
            )

    def _open_current(self) -> Gen:
        """Follow CURRENT to a generation whose manifest is sound."""
        self._check_path()
        for _ in range(READ_ATTEMPTS):
            raw, current = self._read_current()
            name = current["generation"]
            try:
                manifest_bytes = (self.path / name / MANIFEST).read_bytes()
            except FileNotFoundError:
                if self._current_changed(raw):
                    continue
                if (self.path / name).is_dir():
                    raise self._corrupt(name, MANIFEST, "missing") from None
                raise Corrupt(
                    f"the store at {self.path} points to {name}, which is missing", RECOVER_HINT
                ) from None
            return self._parse_manifest(name, manifest_bytes, current["manifest_sha256"], raw)
        raise StoreError(f"the store at {self.path} kept changing while being read", "run the command again")

    def _parse_manifest(self, name: str, data: bytes, sha: str | None, current_raw: bytes) -> Gen:
        if sha is not None and hashlib.sha256(data).hexdigest() != sha:
            raise self._corrupt(name, MANIFEST, "checksum mismatch")
        try:
            manifest = orjson.loads(data)
        except orjson.JSONDecodeError:
            raise self._corrupt(name, MANIFEST, "not valid JSON") from None
        if not isinstance(manifest, dict) or not isinstance(manifest.get("schema_version"), int):
            raise self._corrupt(name, MANIFEST, "no schema_version")
        self._check_version(manifest["schema_version"])
        if not _manifest_shape_ok(manifest):
            raise self._corrupt(name, MANIFEST, "file list incomplete")
        return Gen(name, self.path / name, manifest, current_raw)

    def _current_changed(self, raw: bytes) -> bool:
        try:
            return (self.path / CURRENT).read_bytes() != raw
        except FileNotFoundError:
            return True

    def _retrying(self, read: Callable[[Gen], Any]) -> Any:
        """Run ``read`` on the current generation, again if a writer pruned it meanwhile."""
        with self._reading():
            for _ in range(READ_ATTEMPTS):
                gen = self._open_current()
                try:
                    return read(gen)
                except FileNotFoundError as exc:
                    if self._current_changed(gen.current_raw):
                        continue
                    raise self._corrupt(gen.name, Path(exc.filename or "?").name, "missing") from None
            raise StoreError(f"the store at {self.path} kept changing while being read", "run the command again")


def _is_file_meta(meta: Any) -> bool:
    return isinstance(meta, dict) and isinstance(meta.get("size"), int) and isinstance(meta.get("sha256"), str)


def _manifest_shape_ok(manifest: dict[str, Any]) -> bool:
    """What readers rely on before opening anything; verify() checks the rest against the schema."""
    files, segments, dead = manifest.get("files"), manifest.get("segments"), manifest.get("dead")
    if not isinstance(files, dict) or not isinstance(segments, list) or not isinstance(dead, dict):
        return False
    if dead and not _is_file_meta(files.get(DEAD)):
        return False
    for entry in segments:
        if not (isinstance(entry, dict) and isinstance(entry.get("name"), str) and SEG_RE.match(entry["name"])):
            return False
        seg_files, rows = entry.get("files"), entry.get("rows")
        if not isinstance(seg_files, dict) or not all(_is_file_meta(seg_files.get(f)) for f in SEGMENT_FILES):
            return False
        if not isinstance(rows, dict) or not all(isinstance(rows.get(k), int)
                                                 for k in ("articles", "mentions", "events", "references")):
            return False
    for where in dead.values():
        if not isinstance(where, dict) or not all(
            isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v) for v in where.values()
        ):
            return False
    return True
