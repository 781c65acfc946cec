"""Verifying a store, recovering the newest sound generation, rebuilding the index."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from azdiplo.errors import StoreError

from .files import (
    ARTICLES,
    CURRENT,
    DATA_FILES,
    EVENTS,
    INDEX_BIN,
    INDEX_JSON,
    MANIFEST,
    MENTIONS,
    gc_paused,
)
from .generations import Corrupt, Gen, StoreBase
from .index import IndexBuilder
from .schema import schema_errors
from .state import event_order

_MAX_PROBLEMS = 20  # per kind of problem in verify(), so a broken 1M-event store stays readable
INDEX_FILES = (INDEX_JSON, INDEX_BIN)
#: kinds of problems that mean a broken generation: only an older one is sound
_BROKEN = {"pointer", "current", "manifest", "files", "json"}
#: kinds of problems a rewrite of the same data fixes: the index, the order of lines, stray files
_REINDEXED = {"index", "order", "extra"}


class Verifier(StoreBase):
    """Verification and repair of :class:`~azdiplo.store.Store`."""

    def _integrity(self, name: str) -> list[str]:
        """Problems making one generation unusable: manifest, schema version, checksums."""
        problems = []
        try:
            gen = self._parse_manifest(name, (self.path / name / MANIFEST).read_bytes(), None, b"")
        except FileNotFoundError:
            return [f"{name}: {MANIFEST} is missing"]
        except StoreError as exc:
            return [exc.what]
        for file in DATA_FILES:
            try:
                self._read_checked(gen, file)
            except FileNotFoundError:
                problems.append(f"{file} of {name} is missing")
            except Corrupt as exc:
                problems.append(exc.what)
        return problems

    def verify(self) -> list[str]:
        """Check the current generation thoroughly; return the problems found (empty: sound).

        Checks the pointer, the manifest and every file against their JSON
        Schemas and checksums, and the consistency between files: every
        mention's article exists, every event's mentions and sources exist,
        event ids are unique, num_mentions/num_sources agree, the index
        agrees with events.jsonl. Linear in the size of the store; the JSON
        Schema validation dominates.

        Raises StoreError when there is nothing to verify (no store, a file,
        permission denied, a newer schema).
        """
        return [message for _, message in self._problems()]

    def _problems(self) -> list[tuple[str, str]]:
        """verify()'s problems with their kinds: what decides the repair (see :meth:`repair_for`)."""
        with self._reading():
            try:
                gen = self._retrying(lambda gen: gen)
            except Corrupt as exc:
                return [("pointer", exc.message())]
            try:
                with gc_paused():
                    return self._verify(gen)
            except FileNotFoundError as exc:
                name = Path(exc.filename or "?").name
                return [("index" if name in INDEX_FILES else "files", f"{name} of {gen.name} is missing")]

    def repair_for(self) -> tuple[str | None, list[str]]:
        """The repair that loses least, and the problems it answers.

        Returns ``(None, [])`` for a sound store; ``("reindex", problems)``
        when only what is derived from the events is wrong (the query index,
        the order of the files, stray files in the generation): ``reindex``
        rewrites the same data and loses nothing; ``("recover", problems)``
        when a generation is broken (pointer, manifest, a data file's
        checksum): ``recover`` goes back to the newest sound generation, and
        the commits after it are lost; ``("rebuild", problems)`` when the
        files are intact but disagree with each other (neither repairs that:
        the store must be ingested again).
        """
        found = self._problems()
        if not found:
            return None, []
        kinds = {kind for kind, _ in found}
        problems = [message for _, message in found]
        if kinds & _BROKEN:
            return "recover", problems
        if kinds <= _REINDEXED:
            return "reindex", problems
        return "rebuild", problems

    def _file_problem(self, gen: Gen, name: str) -> str | None:
        """Size and checksum of one file against the manifest, reading it in blocks."""
        meta = gen.file_meta(name)
        digest = hashlib.sha256()
        size = 0
        try:
            with open(gen.dir / name, "rb") as f:
                while block := f.read(1 << 20):
                    digest.update(block)
                    size += len(block)
        except FileNotFoundError:
            return f"{name} of {gen.name} is missing"
        if size != meta["size"]:
            return self._corrupt(gen.name, name, f"{size} bytes, the manifest says {meta['size']}").what
        if digest.hexdigest() != meta["sha256"]:
            return self._corrupt(gen.name, name, "checksum mismatch").what
        return None

    def _rows(self, gen: Gen, name: str) -> Iterator[tuple[int, Any, int]]:
        """(line number, parsed line, line length) of one JSON Lines file whose checksum is known good."""
        with open(gen.dir / name, "rb") as f:
            for number, line in enumerate(f, 1):
                try:
                    row = orjson.loads(line)
                except orjson.JSONDecodeError:
                    raise self._corrupt(gen.name, name, f"line {number} is not valid JSON") from None
                yield number, row, len(line)

    def _verify(self, gen: Gen) -> list[tuple[str, str]]:
        # Streams the files, keeping only ids and mention keys, so a
        # million-event store verifies in bounded memory.
        problems: list[tuple[str, str]] = []
        counts: Counter[str] = Counter()

        def report(kind: str, message: str) -> None:
            counts[kind] += 1
            if counts[kind] <= _MAX_PROBLEMS:
                problems.append((kind, message))
            elif counts[kind] == _MAX_PROBLEMS + 1:
                problems.append((kind, f"... more problems of this kind ({kind}) are not listed"))

        for err in schema_errors("current", orjson.loads(gen.current_raw)):
            report("current", f"CURRENT: {err}")
        for err in schema_errors("manifest", gen.manifest):
            report("manifest", f"{MANIFEST}: {err}")
        listed = set(gen.manifest.get("files", {}))
        for extra in sorted({e.name for e in os.scandir(gen.dir)} - listed - {MANIFEST}):
            report("extra", f"{gen.name}/{extra} is not listed in the manifest")
        for name in DATA_FILES:
            if problem := self._file_problem(gen, name):
                report("index" if name in INDEX_FILES else "files", problem)
        if problems:
            return problems  # the rows of a corrupt file would only add noise

        lines: Counter[str] = Counter()

        def valid_rows(name: str, kind: str) -> Iterator[tuple[int, dict[str, Any], int]]:
            for number, row, length in self._rows(gen, name):
                lines[name] += 1
                errors = schema_errors(kind, row)
                for err in errors:
                    report(f"{name} schema", f"{name} line {number}: {err}")
                if not errors:
                    yield number, row, length

        try:
            article_ids = [a["id"] for _, a, _ in valid_rows(ARTICLES, "article")]
            if article_ids != sorted(set(article_ids)):
                report("order", f"{ARTICLES} is not sorted by id, or repeats an id")
            known = set(article_ids)
            del article_ids
            mention_keys = [
                (m["article"], m["trigger_start"], m["trigger_end"]) for _, m, _ in valid_rows(MENTIONS, "mention")
            ]
            if mention_keys != sorted(set(mention_keys)):
                report("order", f"{MENTIONS} is not sorted by article and offsets, or repeats a mention")
            mention_set = set(mention_keys)
            for article in {key[0] for key in mention_set} - known:
                report("mention article", f"a mention refers to article {article!r}, which is not in {ARTICLES}")
            event_count = self._verify_events(gen, known, mention_set, report)
        except Corrupt as exc:
            report("json", exc.what)
            return problems
        expected = {"articles": lines[ARTICLES], "mentions": lines[MENTIONS], "events": event_count}
        if gen.manifest.get("counts") != expected:
            report("counts", f"{MANIFEST} counts {gen.manifest.get('counts')} but the files hold {expected}")
        return problems

    def _verify_events(
        self, gen: Gen, known: set[str], mention_set: set[tuple[str, int, int]], report: Callable[[str, str], None]
    ) -> int:
        builder = IndexBuilder()
        index_comparable = True
        seen: set[str] = set()
        previous = None
        count = 0
        for number, e, length in self._rows(gen, EVENTS):
            count += 1
            errors = schema_errors("event", e)
            for err in errors:
                report(f"{EVENTS} schema", f"{EVENTS} line {number}: {err}")
            if errors:
                index_comparable = False
                builder.offset += length
                continue
            builder.add(e, length)
            if e["id"] in seen:
                report("event id", f"event id {e['id']!r} is repeated")
            seen.add(e["id"])
            if previous is not None and event_order(e) < previous:
                report("order", f"{EVENTS} is not sorted by date and id (line {number})")
            previous = event_order(e)
            if e["num_mentions"] != len(e["mentions"]):
                has = len(e["mentions"])
                report("counts", f"event {e['id']}: num_mentions is {e['num_mentions']} but it has {has}")
            if e["num_sources"] != len(e["sources"]):
                has = len(e["sources"])
                report("counts", f"event {e['id']}: num_sources is {e['num_sources']} but it has {has}")
            for m in e["mentions"]:
                if (m["article"], m["trigger_start"], m["trigger_end"]) not in mention_set:
                    where = f"article {m['article']!r} at {m['trigger_start']}"
                    report("event mention", f"event {e['id']}: a mention of {where} is not in {MENTIONS}")
            for source in e["sources"]:
                if source["article"] not in known:
                    report("event source", f"event {e['id']}: source {source['article']!r} is not in {ARTICLES}")
        if index_comparable:
            index_json, index_bin = builder.finish()
            stored = (gen.dir / INDEX_JSON).read_bytes(), (gen.dir / INDEX_BIN).read_bytes()
            if (index_json, index_bin) != stored:
                report("index", f"the index of {gen.name} disagrees with {EVENTS}; 'azdiplo store reindex' rebuilds it")
        return count

    def recover(self, timeout: float = 60) -> dict[str, Any]:
        """Point CURRENT to the newest sound generation if the current one is not sound.

        Soundness here is integrity: a readable manifest of a known schema and
        every file matching its checksum. Nothing is deleted; the next write
        prunes the unsound generations.

        Returns {"generation": now current, "previous": was current or None,
        "changed": bool, "skipped": {unsound generation: its first problem}}.
        """
        self._check_path()
        with self._locked(timeout):
            return self._recover_locked()

    def _recover_locked(self) -> dict[str, Any]:
        """recover() for a caller that holds the lock."""
        with self._reading():
            previous = None
            try:
                previous = self._read_current()[1]["generation"]
            except Corrupt:
                pass
            except StoreError:
                if (self.path / CURRENT).exists():
                    raise  # a newer schema: never roll it back
            names = self._generation_names()
            if previous is not None and previous in names and not self._integrity(previous):
                return {"generation": previous, "previous": previous, "changed": False, "skipped": {}}
            skipped = {}
            for name in reversed(names):
                problems = self._integrity(name)
                if problems:
                    skipped[name] = problems[0]
                    continue
                self._switch(name)
                return {"generation": name, "previous": previous, "changed": True, "skipped": skipped}
        raise StoreError(
            f"no sound generation is left in the store at {self.path}",
            "restore it from a backup, or re-create it with 'azdiplo ingest' into a new --store",
        )

    def reindex(self, timeout: float = 60) -> str:
        """Rewrite the current state as a new generation, rebuilding the index; return its name.

        Needed only when verify() says the index disagrees with the events
        (e.g. after azdiplo's date interpretation changed).
        """
        self._check_path()
        with self.writer(timeout) as w:
            w.commit()
            return w.generation

