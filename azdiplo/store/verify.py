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

from . import summary
from .files import ARTICLES, CURRENT, EVENTS, INDEX_BIN, INDEX_JSON, MANIFEST, MENTIONS, gc_paused
from .generations import Corrupt, Gen, StoreBase
from .segments import SEGMENT_FILES, SEGMENTS, Bits, Segment
from .index import INDEX_FORMAT_KEYS_IN_HEADER, SECTIONS, Index, IndexBuilder
from .schema import schema_errors
from .state import event_order

_MAX_PROBLEMS = 20  # per kind of problem in verify(), so a broken 1M-event store stays readable
INDEX_FILES = (INDEX_JSON, INDEX_BIN)
#: kinds of problems that mean a broken generation: only an older one is sound
_BROKEN = {"pointer", "current", "manifest", "files", "json"}
#: kinds of problems a rewrite of the same rows fixes: an index, stray files (reindex reads the rows, never
#: the indexes, and writes them as one new segment)
_REINDEXED = {"index", "extra"}


class Verifier(StoreBase):
    """Verification and repair of :class:`~azdiplo.store.Store`."""

    def _integrity(self, name: str) -> list[str]:
        """Problems making one generation unusable: manifest, schema version, checksums of its files and segments."""
        try:
            gen = self._parse_manifest(name, (self.path / name / MANIFEST).read_bytes(), None, b"")
        except FileNotFoundError:
            return [f"{name}: {MANIFEST} is missing"]
        except StoreError as exc:
            return [exc.what]
        problems = [p for p in (self._file_problem(gen.dir, gen.name, f, m) for f, m in gen.manifest["files"].items()) if p]
        for entry in gen.manifest["segments"]:
            where = f"segments/{entry['name']}"
            for f in SEGMENT_FILES:
                if problem := self._file_problem(self.path / SEGMENTS / entry["name"], where, f, entry["files"][f]):
                    problems.append(problem)
        return problems

    def verify(self) -> list[str]:
        """Check the current generation thoroughly; return the problems found (empty: sound).

        Checks the pointer, the manifest and every file of the generation and
        of its segments against their JSON Schemas and checksums, and the
        consistency of the live rows: every mention's article exists, every
        event's mentions and sources exist, article and event ids are
        unique, num_mentions/num_sources agree, each file is in store order,
        the manifest's counts and summary are right, and each segment's
        index, rebuilt from its files, is the stored one byte for byte.
        Linear in the size of the store; the JSON Schema validation
        dominates.

        Raises StoreError when there is nothing to verify (no store, a file,
        permission denied, a newer schema).
        """
        return [message for _, message in self._problems()]

    def _problems(self) -> list[tuple[str, str]]:
        """verify()'s problems with their kinds: what decides the repair (see :meth:`repair_for`)."""
        from .learned import learned_path, learned_problems

        return self._generation_problems() + [("learned", m) for m in learned_problems(learned_path(self))]

    def _generation_problems(self) -> list[tuple[str, str]]:
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
            finally:
                gen.close()

    def repair_for(self) -> tuple[str | None, list[str]]:
        """The repair that loses least, and the problems it answers.

        Returns ``(None, [])`` for a sound store; ``("reindex", problems)``
        when only what is derived from the events is wrong (the query index,
        the order of the files, stray files in the generation): ``reindex``
        rewrites the same data and loses nothing; ``("recover", problems)``
        when a generation is broken (pointer, manifest, a data file's
        checksum): ``recover`` goes back to the newest sound generation, and
        the commits after it are lost; ``("restore", problems)`` when a
        generation is broken and no older one is sound (a fresh store after
        its first ingest): nothing in the store repairs it, the user restores
        a backup or ingests again into a new store; ``("rebuild", problems)`` when the
        files are intact but disagree with each other (neither repairs that:
        the store must be ingested again); ``("learned", problems)`` when only
        the learned actors' file breaks its schema (the user fixes it).
        """
        found = self._problems()
        if not found:
            return None, []
        kinds = {kind for kind, _ in found}
        problems = [message for _, message in found]
        if kinds == {"learned"}:
            return "learned", problems  # learned.jsonl alone: the user fixes it, or ingest learns again
        if kinds & _BROKEN:
            return ("recover" if self._older_sound() else "restore"), problems
        if kinds <= _REINDEXED:
            return "reindex", problems
        return "rebuild", problems

    def _older_sound(self) -> bool:
        """Whether recover() would make a generation current other than the current one (or a lost pointer's)."""
        with self._reading():
            try:
                current = self._read_current()[1]["generation"]
            except StoreError:  # Corrupt included: any sound generation is a repair
                current = None
            for name in reversed(self._generation_names()):
                if not self._integrity(name):
                    return name != current
        return False

    def _file_problem(self, folder: Path, where: str, name: str, meta: dict[str, Any]) -> str | None:
        """Size and checksum of one file against the manifest, reading it in blocks."""
        digest = hashlib.sha256()
        size = 0
        try:
            with open(folder / name, "rb") as f:
                while block := f.read(1 << 20):
                    digest.update(block)
                    size += len(block)
        except FileNotFoundError:
            return f"{name} of {where} is missing"
        if size != meta["size"]:
            return self._corrupt(where, name, f"{size} bytes, the manifest says {meta['size']}").what
        if digest.hexdigest() != meta["sha256"]:
            return self._corrupt(where, name, "checksum mismatch").what
        return None

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
        if problems:
            return problems
        listed = set(gen.manifest["files"])
        for extra in sorted({e.name for e in os.scandir(gen.dir)} - listed - {MANIFEST}):
            report("extra", f"{gen.name}/{extra} is not listed in the manifest")
        for name, meta in gen.manifest["files"].items():
            if problem := self._file_problem(gen.dir, gen.name, name, meta):
                report("files", problem)
        for entry in gen.manifest["segments"]:
            folder = self.path / SEGMENTS / entry["name"]
            where = f"segments/{entry['name']}"
            if folder.is_dir():
                for extra in sorted({e.name for e in os.scandir(folder)} - set(SEGMENT_FILES)):
                    report("extra", f"{where}/{extra} is not listed in the manifest")
            for name in SEGMENT_FILES:
                if problem := self._file_problem(folder, where, name, entry["files"][name]):
                    report("index" if name in INDEX_FILES else "files", problem)
        if problems:
            return problems  # the rows of a corrupt file would only add noise
        try:
            segments = gen.segments(self._corrupt)
        except Corrupt as exc:
            return [("files", exc.what)]
        try:
            self._verify_rows(gen, segments, report)
        except Corrupt as exc:
            report("json", exc.what)
        return problems

    def _verify_rows(self, gen: Gen, segments: list[Segment], report: Callable[[str, str], None]) -> None:
        check = _Rows(report)
        for seg in segments:
            check.segment(seg)
        check.finish(gen.manifest)

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
        """Rewrite the live rows as one new segment with a new index (``compact``); return the generation.

        Needed only when verify() says an index disagrees with its files
        (e.g. after azdiplo's date interpretation changed). It reads the
        rows, never the indexes.
        """
        return self.compact(timeout)



def _rows_of(bits: Bits) -> Iterator[int]:
    for i, byte in enumerate(bits.data):
        for b in range(8):
            if byte >> b & 1:
                yield 8 * i + b


class _Rows:
    """The consistency of the live rows, segment by segment, keeping only ids and mention keys."""

    def __init__(self, report: Callable[[str, str], None]):
        self.report = report
        self.live = {"articles": 0, "mentions": 0, "events": 0}
        self.articles: set[str] = set()
        self.mentions: set[tuple[str, int, int]] = set()
        self.events: set[str] = set()
        self.cited: list[tuple[str, str]] = []  # (event id, article) of every source
        self.reported: list[tuple[str, tuple[str, int, int]]] = []  # (event id, mention key) of every report
        self.summary = summary.empty()

    def _valid(self, seg: Segment, name: str, kind: str) -> Iterator[tuple[int, dict[str, Any]]]:
        for row, value in seg.stream(name):
            errors = schema_errors(kind, value)
            for err in errors:
                self.report(f"{name} schema", f"{name} of {seg.name} line {row + 1}: {err}")
            if not errors:
                yield row, value
            else:
                self.comparable = False

    def _ordered(self, seg: Segment, name: str, key: Any, row: int) -> None:
        if self.previous is not None and not self.previous < key:
            self.report("order", f"{name} of {seg.name} is not in store order, or repeats a row (line {row + 1})")
        self.previous = key

    def segment(self, seg: Segment) -> None:
        builder = IndexBuilder()
        self.comparable = True
        self.previous = None
        rows = []
        for row, a in self._valid(seg, ARTICLES, "article"):
            self._ordered(seg, ARTICLES, a["id"], row)
            rows.append(a)
            if row not in seg.dead_articles:
                if a["id"] in self.articles:
                    self.report("article id", f"article {a['id']!r} is stored twice")
                self.articles.add(a["id"])
                self.live["articles"] += 1
        for _ in builder.article_lines(rows):
            pass
        self.previous = None
        rows = []
        for row, m in self._valid(seg, MENTIONS, "mention"):
            key = (m["article"], m["trigger_start"], m["trigger_end"])
            self._ordered(seg, MENTIONS, key, row)
            arow = builder.article_rows.get(m["article"])
            if arow is None:
                self.report("mention article", f"a mention of {seg.name} refers to article {m['article']!r}, "
                            f"which is not in its {ARTICLES}")
                self.comparable = False
                continue
            rows.append(m)
            if arow not in seg.dead_articles:
                self.mentions.add(key)
                self.live["mentions"] += 1
        for _ in builder.mention_lines(rows):
            pass
        self.previous = None
        rows = []
        for row, e in self._valid(seg, EVENTS, "event"):
            self._ordered(seg, EVENTS, event_order(e), row)
            rows.append(e)
            if row not in seg.dead_events:
                self._event(e)
        for _ in builder.event_lines(rows):
            pass
        for kind, bits in (("articles", seg.dead_articles), ("events", seg.dead_events)):
            if any(r >= seg.entry["rows"][kind] for r in _rows_of(bits)):
                self.report("dead", f"the dead rows of {seg.name} name {kind} rows it does not have")
        if self.comparable:
            index_json, index_bin = builder.finish()
            stored = (seg.dir / INDEX_JSON).read_bytes(), (seg.dir / INDEX_BIN).read_bytes()
            if (index_json, index_bin) != stored and not _same_older_index((index_json, index_bin), stored):
                self.report("index", f"the index of {seg.name} disagrees with its files; "
                            "'azdiplo store reindex' rebuilds it")

    def _event(self, e: dict[str, Any]) -> None:
        self.live["events"] += 1
        summary.change(self.summary, summary.keys_of_event(e), +1)
        if e["id"] in self.events:
            self.report("event id", f"event id {e['id']!r} is repeated")
        self.events.add(e["id"])
        if e["num_mentions"] != len(e["mentions"]):
            self.report("counts", f"event {e['id']}: num_mentions is {e['num_mentions']} but it has {len(e['mentions'])}")
        if e["num_sources"] != len(e["sources"]):
            self.report("counts", f"event {e['id']}: num_sources is {e['num_sources']} but it has {len(e['sources'])}")
        self.reported += [(e["id"], (m["article"], m["trigger_start"], m["trigger_end"])) for m in e["mentions"]]
        self.cited += [(e["id"], s["article"]) for s in e["sources"]]

    def finish(self, manifest: dict[str, Any]) -> None:
        # events may cite articles and mentions of any segment: checked once every one is read
        for event_id, key in self.reported:
            if key not in self.mentions:
                self.report("event mention", f"event {event_id}: a mention of article {key[0]!r} at {key[1]} "
                            f"is not in {MENTIONS}")
        for event_id, article in self.cited:
            if article not in self.articles:
                self.report("event source", f"event {event_id}: source {article!r} is not in {ARTICLES}")
        if manifest.get("counts") != self.live:
            self.report("counts", f"{MANIFEST} counts {manifest.get('counts')} but the segments hold {self.live}")
        if summary.tidy(manifest.get("summary") or summary.empty()) != summary.tidy(self.summary):
            self.report("counts", f"{MANIFEST} summary disagrees with the live events")


def _same_older_index(built: tuple[bytes, bytes], stored: tuple[bytes, bytes]) -> bool:
    """A segment indexed in the format before (its postings' directory in index.json, still read)
    holds what the rows give when its columns, its directory and its header say the same as the
    index built again: sound, though only ``store reindex`` or ``store compact`` writes it anew."""
    try:
        old_header = orjson.loads(stored[0])
        if old_header.get("format") != INDEX_FORMAT_KEYS_IN_HEADER:
            return False
        new, old = Index(orjson.loads(built[0]), built[1]), Index(old_header, stored[1])
    except (ValueError, KeyError, TypeError, orjson.JSONDecodeError):
        return False
    layout = {"format", "sections", "keys", "key_kinds"}
    if {k: v for k, v in new.header.items() if k not in layout} != {k: v for k, v in old.header.items() if k not in layout}:
        return False
    for name in SECTIONS:
        if not name.startswith("key_") and bytes(new.col[name]) != bytes(old.col[name]):
            return False
    kinds = set(new.header["key_kinds"]) | set(old.header["keys"])
    return all(list(new.kind_keys(kind)) == list(old.kind_keys(kind)) for kind in kinds)
