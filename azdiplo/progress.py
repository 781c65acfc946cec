"""Ingest feedback on stderr: a rich progress bar, only on a terminal.

The bar shows articles done out of the total, words per second and an ETA.
Articles are read lazily, so the total is not known when extraction starts:
a background thread counts the input (one per text file, one per non-blank
line of a JSON Lines file — a directory walk and a byte scan, far cheaper
than reading and decoding) and the ETA appears once the count is in. Input
on stdin cannot be counted without consuming it: the bar then stays a
spinner with a running count.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO

#: seconds of article events the words/s rate is measured over
_RATE_WINDOW = 10.0


def count_articles(paths: Iterable[str]) -> int | None:
    """How many articles ``paths`` hold, as ``azdiplo.corpus.iter_articles`` reads them; None for stdin.

    Unreadable entries count as one (they are reported as one failure).
    """
    from .corpus import JSONL_SUFFIXES, walk

    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        # a folder's pipes, sockets and devices are skipped unread: never open them here either
        files = [f for f in walk(path) if f.is_file()] if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() in JSONL_SUFFIXES and f.is_file():
                total += max(_count_lines(f), 1)
            else:
                total += 1
    return total


def _count_lines(path: Path) -> int:
    try:
        n = 0
        with open(path, "rb") as fh:
            for line in fh:
                if line.strip():
                    n += 1
        return n
    except OSError:
        return 1


class IngestProgress:
    """A context manager whose ``update(event, data)`` feeds the bar; silent when disabled.

    Args:
        enabled: draw the bar (the CLI enables it only when stderr is a terminal and not --quiet).
        paths: the inputs, counted in a background thread for the total and the ETA.
        file: where to draw (default: stderr).
    """

    def __init__(self, enabled: bool, paths: Iterable[str] = (), *, file: IO[str] | None = None):
        self.enabled = enabled
        self.paths = list(paths)
        self.file = file
        self._progress = None
        self._task = None
        self._done = 0
        self._words = 0
        self._window: collections.deque[tuple[float, int]] = collections.deque()
        self._counter: threading.Thread | None = None

    def __enter__(self) -> IngestProgress:
        if not self.enabled:
            return self
        import sys

        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeRemainingColumn)

        file = self.file or sys.stderr
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("articles"),
            TextColumn("{task.fields[rate]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("[dim]{task.fields[status]}[/dim]"),
            console=Console(file=file, force_terminal=True),  # rich itself honours NO_COLOR
            transient=True,
        )
        self._progress.__enter__()
        self._task = self._progress.add_task("ingest", total=None, rate="", status="loading the model")
        self._counter = threading.Thread(target=self._count, name="azdiplo-count", daemon=True)
        self._counter.start()
        return self

    def _count(self) -> None:
        try:
            total = count_articles(self.paths)
        except Exception:  # only the ETA is lost
            return
        if total is not None and self._progress is not None:
            self._progress.update(self._task, total=max(total, self._done))

    def update(self, event: str, data: dict) -> None:
        """The ``progress`` callback of :func:`azdiplo.ingest.ingest`."""
        if self._progress is None:
            return
        if event in ("article", "skipped", "failed"):
            self._done += 1
            fields = {}
            if event == "article":
                now = time.perf_counter()
                self._words = data.get("words", self._words)
                self._window.append((now, self._words))
                while len(self._window) > 2 and now - self._window[0][0] > _RATE_WINDOW:
                    self._window.popleft()
                t0, w0 = self._window[0]
                if now > t0:
                    fields["rate"] = f"{(self._words - w0) / (now - t0):,.0f} words/s"
                fields["status"] = ""
            elif event == "skipped":
                fields["status"] = "skipping unchanged"
            self._progress.update(self._task, completed=self._done, **fields)
        elif event == "commit":
            self._progress.update(self._task, status=f"stored {data['articles']}")
        elif event == "engine":
            self._progress.update(self._task, status=f"Dask cluster: {data['workers']} workers")
        elif event == "worker-lost":
            self._progress.update(self._task, status=f"worker lost: {data['worker']}")

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
            self._progress = None
