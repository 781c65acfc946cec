"""``azdiplo report``: one self-contained HTML file with a timeline, network, map, table and counts.

``payload.py`` turns events into the report's data (aggregated, deduplicated,
cleaned of control characters); ``html.py`` inlines it with ``report.js``,
``report.css`` and ``template.html`` under a Content-Security-Policy that
lets nothing load; ``world.json`` is the offline world outline
(``tools/build_world.py``, Natural Earth, public domain). See docs/report.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .. import outfile
from ..exports.codes import Coder
from . import html, payload


def render(events: Iterable[dict[str, Any]], *, coder: Coder, title: str, subtitle: str,
           urls: dict[str, str] | None = None) -> str:
    """The report of ``events`` as an HTML document (``urls``: article id -> URL, for links)."""
    return html.render(payload.build(events, coder=coder, title=title, subtitle=subtitle, urls=urls))


def write(document: str, output: Path | None, stdout: IO[str]) -> None:
    """Write the document to ``output`` (a file replaced atomically, a device written through), or to ``stdout`` for ``-``/None."""
    if output is None or str(output) == "-":
        stdout.write(document)
        return
    outfile.replace(output, lambda tmp: tmp.write_text(document, encoding="utf-8", newline="\n"))
