"""Ingest feedback on stderr: a rich progress bar, only on a terminal.

The bar shows articles done, words per second and the elapsed time; input
files are streamed, so the total is unknown and no ETA is guessed until the
count of articles is known.
"""

from __future__ import annotations

import time


class IngestProgress:
    """A context manager whose ``update(event, data)`` feeds the bar; silent when disabled."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._progress = None
        self._task = None
        self._t0 = time.perf_counter()

    def __enter__(self) -> IngestProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("[bold]ingest[/bold]"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("{task.fields[status]}"),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("ingest", total=None, rate="", status="")
        return self

    def update(self, event: str, data: dict) -> None:
        if self._progress is None:
            return
        if event == "article":
            secs = max(time.perf_counter() - self._t0, 1e-6)
            self._progress.update(self._task, completed=data["done"], rate=f"{data['words'] / secs:,.0f} words/s",
                                  status="")
        elif event == "commit":
            self._progress.update(self._task, status=f"stored {data['articles']}")
        elif event == "skipped":
            self._progress.update(self._task, status="skipping unchanged")

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
