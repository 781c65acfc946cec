"""Events as dyadic CAMEO rows in PETRARCH's column order (tab-separated, no header).

PETRARCH writes ``date, source, target, code, issues, ids, url, story
source, source text, target text, event text``; so does azdiplo, with
every column always present (PETRARCH leaves out the url when a story has
none) and one column more at the end, the event's date as the text gives it
(TIMEX3: ``2025-08``, ``2025-08-07/2025-08-08``; empty when undated):

    1 date         YYYYMMDD: the event's first day; an undated event, its earliest report's publication day
    2 source       CAMEO actor code of the source side (``AZEGOV``, ``IGOWSTNAT``, ``---`` unknown)
    3 target       CAMEO actor code of the target side
    4 code         CAMEO event code (a visit: ``042`` from the visitor, ``043`` from the host)
    5 issues       empty (azdiplo codes no issues)
    6 ids          the azdiplo event id (``azdiplo show ID``)
    7 url          the anchor report's URL, when the store has one
    8 story source the articles reporting the event, ``;``-separated
    9 source text  the names of the source side's participants, ``;``-separated
   10 target text  the names of the target side's participants
   11 event text   the evidence sentence
   12 date value   the event's TIMEX3 date

One row per ordered pair of sides: an event between Azerbaijan, the United
States and Armenia gives six rows; a president and his own state are one
side, coded by its most specific member (``AZEGOV`` rather than ``AZE``). An
event with one side gives one row with target ``---``. Text cells hold no
tab, newline or control character, and a name or sentence that starts like
a spreadsheet formula (``=``, ``+``, ``-``, ``@``) is prefixed with ``'``
(OWASP's advice against CSV injection; ``render.neutralise``, as in every
CSV and TSV azdiplo writes).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import permutations
from typing import IO, Any

from .codes import UNKNOWN, Coded, Coder
from .dating import span
from ..render import neutralise
from .text import clean

COLUMNS = ("date", "source", "target", "code", "issues", "ids", "url", "story_source", "source_text",
           "target_text", "event_text", "date_value")
_VISIT = {"042", "043"}


def _cell(value: Any) -> str:
    # one line per row: tabs, newlines and the Unicode line separators become single spaces
    return "" if value is None else " ".join(clean(str(value)).split())


def _text(value: Any) -> str:
    """A free-text cell (names, the sentence): also never a spreadsheet formula."""
    return neutralise(_cell(value))


class _Side:
    def __init__(self) -> None:
        self.members: list[tuple[dict, Coded]] = []

    @property
    def code(self) -> str:
        best = max(self.members, key=lambda pc: len(pc[1].code.split(".")) if pc[1].code else 0)[1]
        return best.cameo

    @property
    def names(self) -> str:
        return "; ".join(dict.fromkeys(p["name"] for p, _ in self.members))

    def has(self, function: str) -> bool:
        return any(p.get("function") == function for p, _ in self.members)


def sides(e: dict[str, Any], coder: Coder) -> list[_Side]:
    out: dict[str, _Side] = {}
    for p in e.get("participants", ()):
        c = coder(p)
        out.setdefault(c.side, _Side()).members.append((p, c))
    return list(out.values())


def _code(event_code: str, source: _Side, target: _Side | None) -> str:
    if event_code in _VISIT and target is not None:
        if source.has("host") and not target.has("host"):
            return "043"
        if target.has("host") and not source.has("host"):
            return "042"
    return event_code


def rows(e: dict[str, Any], coder: Coder, urls: dict[str, str] | None = None) -> list[list[str]]:
    when = span(e)
    groups = sides(e, coder)
    if not groups:
        return []
    pairs = list(permutations(groups, 2)) or [(groups[0], None)]
    sources = e.get("sources", [])
    url = next((urls[s["article"]] for s in sources if urls and s["article"] in urls), None)
    common = [when.start.strftime("%Y%m%d") if when else "", None, None, None, "", e["id"], url,
              ";".join(s["article"] for s in sources)]
    out = []
    for a, b in pairs:
        row = list(common)
        row[1], row[2], row[3] = a.code, b.code if b else UNKNOWN, _code(e.get("cameo", ""), a, b)
        out.append([_cell(v) for v in row] + [_text(a.names), _text(b.names if b else ""), _text(e.get("evidence")),
                                              _cell(e.get("date"))])
    return out


def write(events: Iterable[dict[str, Any]], out: IO[str], *, coder: Coder, urls: dict[str, str] | None = None) -> int:
    """Write the rows of every event; return how many rows."""
    count = 0
    for e in events:
        for row in rows(e, coder, urls):
            out.write("\t".join(row) + "\n")
            count += 1
    return count
