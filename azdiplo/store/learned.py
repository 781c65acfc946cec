"""The store's learned actors: ``learned.jsonl`` at the store's root, beside the user's
``actors.jsonl``.

One learned entry per line (:mod:`azdiplo.learned`), sorted by id, keys
sorted: an actor of the dictionary format with a ``learned`` block
(``docs/actors.md``, ``azdiplo/data/learned.schema.json``). The file is
outside the generations, like the user's actor file: ingest rewrites it
under the store's lock just before each commit (an interrupted ingest
teaches again what it extracts again), ``azdiplo learned`` commands
under the same lock. Every write goes to a temporary file that is synced
and renamed into place, so a kill leaves the old file or the new one.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
from importlib import resources
from pathlib import Path

import orjson

from azdiplo.errors import StoreError

from .files import LEARNED, SORT, TMP_PREFIX, fsync_dir, os_error, write_file


def learned_path(store) -> Path:
    return Path(store.path) / LEARNED


def read_learned(path: Path) -> dict[str, dict]:
    """The entries of a learned file by id ({} when there is none).

    Raises:
        StoreError: the file is unreadable or a line is not a JSON object with an id.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise os_error(exc, path.parent, writing=False) from exc
    out: dict[str, dict] = {}
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError:
            entry = None
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not isinstance(entry.get("learned"), dict):
            raise StoreError(f"line {number} of {path} is not a learned entry",
                             f"run 'azdiplo store verify' for details; fix or delete {path} (it is learned again by 'azdiplo ingest --rebuild')")
        out[entry["id"]] = entry
    return out


def write_learned(path: Path, entries: dict[str, dict]) -> None:
    """Replace the learned file atomically (the caller holds the store's lock)."""
    tmp = path.parent / f"{TMP_PREFIX}{LEARNED}-{secrets.token_hex(4)}"
    lines = (orjson.dumps(entries[k], option=SORT) + b"\n" for k in sorted(entries))
    try:
        write_file(tmp, lines)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise os_error(exc, path.parent, writing=True) from exc


@functools.lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads(resources.files("azdiplo").joinpath("data/learned.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def learned_problems(path: Path) -> list[str]:
    """What is wrong with a learned file, one message per problem ([] when sound or absent):
    lines that are not JSON or break ``learned.schema.json``, ids out of order or repeated,
    an id that is not its name's."""
    from azdiplo.learned import learned_id

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [f"{LEARNED}: cannot be read ({exc.strerror or exc})"]
    problems: list[str] = []
    previous = None
    validator = _validator()
    for number, line in enumerate(raw.splitlines(), 1):
        where = f"{LEARNED} line {number}"
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError:
            problems.append(f"{where} is not valid JSON")
            continue
        errors = sorted(validator.iter_errors(entry), key=lambda e: list(e.absolute_path))
        if errors:
            e = errors[0]
            at = "/".join(str(p) for p in e.absolute_path) or "the entry"
            problems.append(f"{where}: {at}: {e.message}")
            continue
        if previous is not None and entry["id"] <= previous:
            problems.append(f"{where}: id {entry['id']!r} is out of order or repeated")
        previous = entry["id"]
        if learned_id(entry["name"]) != entry["id"]:
            problems.append(f"{where}: id {entry['id']!r} is not the id of the name {entry['name']!r}")
    return problems


__all__ = ["learned_path", "learned_problems", "read_learned", "write_learned"]
