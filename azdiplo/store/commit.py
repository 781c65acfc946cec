"""Writing a store: the lock, the writer, and a commit as one new generation switched in atomically.

The protocol and why a kill at any instant leaves the old or the new state
are in docs/store.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from azdiplo import __version__
from azdiplo.errors import StoreError
from azdiplo.models import SCHEMA_VERSION

from . import files, summary
from .compact import merge_segments, plan
from .files import CURRENT, DEAD, GEN_RE, LOCK, MANIFEST, SORT, TMP_PREFIX, now, os_error
from .generations import Gen, StoreBase
from .reading import info_of
from .segments import SEG_RE, SEGMENT_FILES, SEGMENTS, Bits, Segment, write_segment
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
        """Remove what killed writers left (temporary generations, segments, pointer, deletions)."""
        for folder in (self.path, self.path / SEGMENTS):
            if not folder.is_dir():
                continue
            for entry in os.scandir(folder):
                if entry.name.startswith(TMP_PREFIX):
                    files.remove_tree(Path(entry.path), folder)

    @contextlib.contextmanager
    def writer(self, timeout: float = 60) -> Iterator[StoreWriter]:
        """Lock the store and open its current generation (or an empty state if there is no store yet).

        Nothing is written unless ``commit()`` or ``apply()`` is called; each
        writes one generation. The lock is released when the block exits.
        Opening checks the current generation's manifest, its dead rows and
        the size of every segment file; ``w.state`` loads everything.

        Args:
            timeout: seconds to wait for another writer before giving up.
        """
        with self._locked(timeout):
            try:
                self._clean_temporaries()
                if not self.exists() and self._generation_names():
                    # generations but no CURRENT: a first commit killed between renaming its
                    # generation into place and writing CURRENT, or a lost pointer. Never write
                    # over them: point CURRENT at the newest sound one (what 'store recover' does)
                    # and go on from there.
                    self._recover_locked()
                gen = self._open_for_writing() if self.exists() else None
            except StoreError:
                raise
            except OSError as exc:
                raise os_error(exc, self.path, writing=True) from exc
            w = StoreWriter(self, gen)
            try:
                yield w
            finally:
                w._open = False
                w._close()

    def _open_for_writing(self) -> Gen:
        gen = self._open_current()
        for seg in gen.segments(self._corrupt):
            for name in SEGMENT_FILES:
                try:
                    size = os.stat(seg.dir / name).st_size
                except FileNotFoundError:
                    raise seg.error(name, "missing") from None
                if size != seg.meta(name)["size"]:
                    raise seg.error(name, f"{size} bytes, the manifest says {seg.meta(name)['size']}")
        return gen

    def compact(self, timeout: float = 60) -> str:
        """Merge every segment's live rows into one new segment, with a new index; return the new generation.

        Reads the rows, not the indexes (so it also rebuilds a broken index).
        """
        self._check_path()
        with self.writer(timeout) as w:
            return w.compact()

    def _next_generation(self, current: int) -> str:
        numbers = [int(GEN_RE.match(n)[1]) for n in self._generation_names()]
        return f"gen-{max(numbers + [current]) + 1:06d}"

    def _next_segment(self, listed: Iterable[str]) -> str:
        names = list(listed)
        folder = self.path / SEGMENTS
        if folder.is_dir():
            names += [e.name for e in os.scandir(folder) if SEG_RE.match(e.name)]
        return f"seg-{max([int(SEG_RE.match(n)[1]) for n in names] + [0]) + 1:06d}"

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

    def _write_generation(self, info: dict[str, Any], segments: list[dict[str, Any]], dead: dict[str, dict[str, Bits]],
                          counts: dict[str, int], summary: dict[str, dict[str, int]],
                          previous: str | None) -> tuple[str, dict[str, Any]]:
        """Write a generation listing ``segments`` (already written) and make it current; return its name and info."""
        number = int(GEN_RE.match(previous)[1]) if previous else 0
        name = self._next_generation(number)
        tmp = self.path / f"{TMP_PREFIX}{name}-{os.getpid()}-{secrets.token_hex(4)}"
        stamp = now()
        new_info = {
            **{k: v for k, v in info.items() if k not in _MANIFEST_OWN},
            "schema_version": SCHEMA_VERSION,
            "generation": int(GEN_RE.match(name)[1]),
            "created": info.get("created") or stamp,
            "updated": stamp,
            "azdiplo_version": __version__,
            "model": info.get("model"),
            "pipeline_version": info.get("pipeline_version"),
            "counts": counts,
        }
        blob = bytearray()
        where: dict[str, dict[str, list[int]]] = {}
        listed = []
        for entry in segments:
            bits = dead.get(entry["name"], {})
            entry = {k: v for k, v in entry.items() if k != "dead"}
            entry["dead"] = {kind: len(bits[kind]) for kind in ("articles", "events") if kind in bits and len(bits[kind])}
            for kind in ("articles", "events"):
                data = bytes(bits[kind]) if kind in bits else b""
                if data:
                    where.setdefault(entry["name"], {})[kind] = [len(blob), len(data)]
                    blob.extend(data)
            listed.append(entry)
        try:
            tmp.mkdir()
            own = {DEAD: files.write_file(tmp / DEAD, [bytes(blob)])}
            manifest = {
                **new_info,
                "summary": summary,
                "segments": listed,
                "dead": where,
                "files": {k: {"sha256": s, "size": n} for k, (s, n) in own.items()},
            }
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
        # orphans of killed writers) goes, and so do the segments that no
        # kept generation lists.
        with contextlib.suppress(OSError):
            used: set[str] = set()
            for name in self._generation_names():
                if name not in keep:
                    files.remove_tree(self.path / name, self.path)
                    continue
                try:
                    manifest = orjson.loads((self.path / name / MANIFEST).read_bytes())
                    used.update(s["name"] for s in manifest["segments"])
                except (OSError, ValueError, KeyError, TypeError):
                    return  # a kept generation that cannot be read: prune no segment
            folder = self.path / SEGMENTS
            if folder.is_dir():
                for entry in os.scandir(folder):
                    if SEG_RE.match(entry.name) and entry.name not in used:
                        files.remove_tree(Path(entry.path), folder)


#: manifest fields a generation computes itself rather than take from the state's info
_MANIFEST_OWN = ("files", "segments", "dead", "summary")


@dataclass
class Change:
    """What one incremental commit changes, as rows (see ``StoreWriter.apply``)."""

    articles: list[dict[str, Any]] = field(default_factory=list)  # rows written: new, or replacing the stored row
    mentions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # every mention of each written article
    dropped: list[str] = field(default_factory=list)  # stored articles leaving, with their mentions
    removed: Collection[str] = ()  # ids of stored events leaving
    events: list[dict[str, Any]] = field(default_factory=list)  # events written
    info: dict[str, Any] = field(default_factory=dict)  # provenance to record (pipeline_version, model)


class StoreWriter:
    """A locked store: its current generation, lookups into it, and the means to commit."""

    def __init__(self, store: Committer, gen: Gen | None):
        self.store = store
        self._gen = gen
        self._current = gen.name if gen else None
        self._state: StoreState | None = None
        self._lookup = None
        self._open = True

    @property
    def generation(self) -> str | None:
        """The name of the current generation (None before the first commit of a new store)."""
        return self._current

    @property
    def info(self) -> dict[str, Any]:
        """The current generation's provenance and counts (``Store.info``)."""
        if self._state is not None:
            return self._state.info
        return info_of(self._gen.manifest) if self._gen else StoreState.empty().info

    @property
    def state(self) -> StoreState:
        """The whole state, loaded on first use (tests, reindex): ``commit()`` writes it back whole."""
        if self._state is None:
            self._state = self.store.load() if self._gen else StoreState.empty()
        return self._state

    @state.setter
    def state(self, value: StoreState) -> None:
        self._state = value

    def _segments(self) -> list[Segment]:
        return self._gen.segments(self.store._corrupt) if self._gen else []

    def lookup(self):
        """Stored articles and events through the indexes (and :class:`azdiplo.remerge.Stored`)."""
        if self._lookup is None:
            from .lookup import Lookup  # the merge's protocol: only writers import it

            self._lookup = Lookup(self._segments())
        return self._lookup

    def _check(self) -> None:
        if not self._open:
            raise RuntimeError("commit() called after its writer() block ended")

    def commit(self) -> None:
        """Atomically write the whole state as a new generation of one segment and make it current.

        On failure (full disk, permission denied) what was written is
        removed, the previous state stays current and a StoreError is raised.
        """
        self._check()
        state = self.state
        events = sorted(state.events, key=event_order)
        ids = [e["id"] for e in events]
        if len(set(ids)) != len(ids):
            raise ValueError("two events share an id; merge them before commit()")
        mentions = sorted(
            (m for ms in state.mentions.values() for m in ms),
            key=lambda m: (m["article"], m["trigger_start"], m["trigger_end"]),
        )
        articles = [state.articles[k] for k in sorted(state.articles)]
        counts = {"articles": len(articles), "mentions": len(mentions), "events": len(events)}
        entries = self._write_segment(articles, mentions, events)
        _, info = self._write_generation(state.info, entries, {}, counts, summary.of_events(events),
                                         written=[e["name"] for e in entries])
        state.info = info

    def apply(self, change: Change) -> None:
        """Atomically write what ``change`` makes of the current generation as a new one.

        Rows it replaces or drops become dead; the new rows go to one new
        segment; the newest small segments may be merged (:mod:`.compact`).
        """
        self._check()
        if self._state is not None:
            raise RuntimeError("apply() after the whole state was loaded: commit() it instead")
        lookup = self.lookup()
        segments = self._segments()
        dead = {s.name: {"events": Bits(s.dead_events.data), "articles": Bits(s.dead_articles.data)} for s in segments}
        manifest = self._gen.manifest if self._gen else None
        counts = dict(manifest["counts"]) if manifest else {"articles": 0, "mentions": 0, "events": 0}
        live = summary.tidy(manifest["summary"]) if manifest else summary.empty()

        def kill_article(article_id: str) -> None:
            if article_id not in lookup.articles_at and lookup.article(article_id) is None:
                return
            seg, r = lookup.articles_at[article_id]
            bits = dead[seg.name]["articles"]
            if r not in bits:
                bits.add(r)
                counts["articles"] -= 1
                counts["mentions"] -= seg.index(checked=False).col["a_mcount"][r]

        killed_events: set[tuple[str, int]] = set()
        for a in change.articles:
            kill_article(a["id"])
        for a in change.dropped:
            kill_article(a)
        for event_id in change.removed:
            where = lookup.locate_event(event_id)
            if where is None:
                raise ValueError(f"event {event_id} is not in the store")
            seg, r = where
            bits = dead[seg.name]["events"]
            if r not in bits:
                bits.add(r)
                killed_events.add((seg.name, r))
                counts["events"] -= 1
                summary.change(live, summary.keys_of_row(seg.index(checked=False), r), -1)
        events = sorted(change.events, key=event_order)
        ids = [e["id"] for e in events]
        if len(set(ids)) != len(ids):
            raise ValueError("two events share an id; merge them before apply()")
        for event_id in ids:
            where = lookup.locate_event(event_id)
            if where is not None and where[1] not in dead[where[0].name]["events"]:
                raise ValueError(f"event {event_id} is already in the store; remove it first")
        for e in events:
            summary.change(live, summary.keys_of_event(e), +1)
        articles = sorted(change.articles, key=lambda a: a["id"])
        mentions = sorted((m for a in articles for m in change.mentions.get(a["id"], ())),
                          key=lambda m: (m["article"], m["trigger_start"], m["trigger_end"]))
        counts["articles"] += len(articles)
        counts["mentions"] += len(mentions)
        counts["events"] += len(events)
        entries = [s.entry for s in segments]
        written: list[str] = []
        try:
            if articles or events:
                new = self._write_segment(articles, mentions, events, listed=[e["name"] for e in entries])
                written += [e["name"] for e in new]
                entries += new
            entries, merged = self._merge_tail(entries, dead, segments)
            written += merged
            info = {**self.info, **change.info}
            self._write_generation(info, entries, dead, counts, summary.tidy(live), written=written)
        except BaseException:
            for name in written:
                files.remove_tree(self.store.path / SEGMENTS / name, self.store.path / SEGMENTS)
            raise

    def compact(self) -> str:
        """Merge every segment into one (``Store.compact``); return the new generation's name."""
        self._check()
        if self._gen is None:
            raise StoreError(f"no event store at {self.store.path}", "run 'azdiplo ingest PATHS' first, or pass --store")
        segments = self._segments()
        name = self.store._next_segment([s.name for s in segments])
        live = summary.empty()
        try:
            entry = merge_segments(self.store.path, name, segments, live)
        except OSError as exc:
            raise os_error(exc, self.store.path, writing=True) from exc
        counts = {k: entry["rows"][k] for k in ("articles", "mentions", "events")}
        new, _ = self._write_generation(info_of(self._gen.manifest), [entry], {}, counts, summary.tidy(live),
                                        written=[name])
        return new

    # ---------------------------------------------------------------- helpers

    def _write_segment(self, articles: list[dict], mentions: list[dict], events: list[dict],
                       listed: Iterable[str] = ()) -> list[dict[str, Any]]:
        name = self.store._next_segment(listed)
        try:
            return [write_segment(self.store.path, name, articles, mentions, events)]
        except OSError as exc:
            raise os_error(exc, self.store.path, writing=True) from exc

    def _merge_tail(self, entries: list[dict[str, Any]], dead: dict[str, dict[str, Bits]],
                    segments: list[Segment]) -> tuple[list[dict[str, Any]], list[str]]:
        """Merge the newest segments while the policy asks for it; return the entries and the segments written."""
        written: list[str] = []
        while True:
            current = [{**e, "dead": {k: len(v) for k, v in dead.get(e["name"], {}).items()}} for e in entries]
            run = plan(current)
            if not run:
                return entries, written
            chosen = entries[-run:]
            opened = [Segment(self.store.path, e, dead.get(e["name"], {}).get("events", Bits()),
                              dead.get(e["name"], {}).get("articles", Bits()), self.store._corrupt) for e in chosen]
            name = self.store._next_segment([e["name"] for e in entries] + written)
            try:
                merged = merge_segments(self.store.path, name, opened)
            except OSError as exc:
                raise os_error(exc, self.store.path, writing=True) from exc
            finally:
                for s in opened:
                    s.close()
            written.append(name)
            for e in chosen:
                dead.pop(e["name"], None)
            entries = entries[:-run] + [merged]

    def _write_generation(self, info: dict[str, Any], entries: list[dict[str, Any]], dead: dict[str, dict[str, Bits]],
                          counts: dict[str, int], live: dict[str, dict[str, int]], written: Iterable[str] = ()) -> tuple[str, dict[str, Any]]:
        try:
            name, new_info = self.store._write_generation(info, entries, dead, counts, live, self._current)
        except BaseException:
            if self.store._pointer_name() == self._current:
                for seg in written:
                    files.remove_tree(self.store.path / SEGMENTS / seg, self.store.path / SEGMENTS)
            raise
        self._close()
        self._current = name
        self._gen = self.store._open_current()
        return name, new_info

    def _close(self) -> None:
        self._lookup = None
        if self._gen is not None:
            self._gen.close()
