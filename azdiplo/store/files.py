"""The files of a store: their names, and every low-level write, sync and removal.

Every byte the store writes goes through :func:`write_file`, every directory
sync through :func:`fsync_dir` and every removal through :func:`remove_tree`
(the crash tests replace them). OS errors become one ``StoreError`` each
(:func:`os_error`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from azdiplo.errors import StoreError

DEFAULT_PATH = Path(".azdiplo")

CURRENT = "CURRENT"
LOCK = "lock"
USER_ACTORS = "actors.jsonl"
#: what ingest learned about actors (azdiplo/store/learned.py), beside the user's actor file
LEARNED = "learned.jsonl"
MANIFEST = "manifest.json"
ARTICLES = "articles.jsonl"
MENTIONS = "mentions.jsonl"
EVENTS = "events.jsonl"
INDEX_JSON = "index.json"
INDEX_BIN = "index.bin"
DEAD = "dead.bin"
#: Anything whose name starts with this is a leftover of a killed writer.
TMP_PREFIX = ".tmp-"

GEN_RE = re.compile(r"^gen-(\d{6,})$")
SORT = orjson.OPT_SORT_KEYS
RECOVER_HINT = "run 'azdiplo store recover' to make the newest sound generation current"
#: a broken generation with no other generation to go back to (a fresh store after its first ingest): neither recover
#: nor reindex repairs it, and an ingest into it reads the broken files too
RESTORE_HINT = ("it has no older generation to go back to: restore the store from a backup, or ingest the articles "
                "again into a new store ('azdiplo ingest PATHS --store NEW_FOLDER')")
#: the index is derived from the events: rebuilding it loses nothing (recover would drop the generation)
REINDEX_HINT = "run 'azdiplo store reindex' to rebuild the query index from the events (nothing is lost)"
#: the folder of a store's segments (azdiplo/store/segments.py)
SEGMENTS = "segments"
#: the names a store's folder holds besides its generations (gen-NNNNNN) and temporaries (.tmp-*)
STORE_NAMES = frozenset({CURRENT, LOCK, USER_ACTORS, LEARNED, SEGMENTS})


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def batched(lines: Iterable[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    buf: list[bytes] = []
    n = 0
    for line in lines:
        buf.append(line)
        n += len(line)
        if n >= size:
            yield b"".join(buf)
            buf, n = [], 0
    if buf:
        yield b"".join(buf)


def write_file(path: Path, chunks: Iterable[bytes]) -> tuple[str, int]:
    """Write, fsync and close one file; return its sha256 and size.

    Every byte the store writes goes through here (tests make it fail).
    """
    digest = hashlib.sha256()
    size = 0
    with open(path, "wb") as f:
        for chunk in chunks:
            f.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        f.flush()
        os.fsync(f.fileno())
    return digest.hexdigest(), size


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot sync a directory; the rename is still atomic
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def remove_tree(path: Path, parent: Path) -> None:
    """Remove a directory without ever leaving a half-deleted one under its own name."""
    if not os.path.lexists(path):
        return
    if not path.name.startswith(TMP_PREFIX):
        doomed = parent / f"{TMP_PREFIX}del-{path.name}-{secrets.token_hex(4)}"
        try:
            os.rename(path, doomed)
        except OSError:
            return  # still in use (Windows) or vanished: the next writer tries again
        path = doomed
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def os_error(exc: OSError, path: Path, writing: bool) -> StoreError:
    action = "writing" if writing else "reading"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StoreError(
            f"permission denied {action} the store at {path}",
            f"check the permissions of {path}, or pass --store a directory you can {'write' if writing else 'read'}",
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(
            f"no space left on the device while writing the store at {path}",
            "free some disk space and run the command again; the store is unchanged",
        )
    if exc.errno == errno.EROFS:
        return StoreError(f"the store at {path} is on a read-only file system", "pass --store a writable directory")
    reason = exc.strerror or str(exc)
    return StoreError(
        f"cannot {'write' if writing else 'read'} the store at {path}: {reason}",
        "check the disk and the path, then run the command again",
    )


def disk_usage(path: Path) -> int:
    """Bytes of every file under ``path``; files a writer removes meanwhile count as nothing."""
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            with contextlib.suppress(FileNotFoundError):
                total += os.stat(os.path.join(root, name)).st_size
    return total




@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while parsing many JSON rows.

    Parsed JSON is acyclic, and the collector would otherwise rescan the
    growing heap again and again: it makes load() four times slower. When it
    resumes, the rows parsed meanwhile go straight to the oldest generation
    (freeze, then unfreeze): left in the youngest, the first collection after
    the pause would scan every one of them, then the next generation again,
    for nothing (a quarter of a commit's load time on a 23k-article store).
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


