"""Events as PLOVER JSON Lines (the Open Event Data Alliance's interchange format; POLECAT's).

Field names follow the PLOVER specification's JSON data fields: ``id``,
``date`` and ``enddate`` (YYYY-MM-DD), ``actor`` and ``recipient`` (lists of
actor objects: ``code`` the 3-character state or ``IGO``, ``sector``,
``actor_text``, ``identifier_id``, ``identifier_text``, ``office``),
``event`` (a list of one category), ``mode``, ``context``, ``quad_code``,
``event_loc`` (GeoNames field names: ``name``, ``cc3``, ``latitude``,
``longitude``), ``event_text`` (the triggers), ``text`` (the sentence),
``text_info`` (``start``, ``end``), ``cite_info`` (``citation``, ``title``,
``url``, ``coder``), ``coder``. azdiplo adds, as PLOVER allows, ``story_id``
(the article of the anchor report), ``story_ids``, ``status``, ``cameo``
and ``date_precision``.

Who is actor and who recipient: visitors and agents act, hosts and
counterparts receive, and a participant on a recipient's side (its state)
receives with it; with no host or counterpart, every participant is an
actor and there is no recipient (PLOVER's reciprocal events). Events with
no PLOVER category (statements: CAMEO 01 was dropped from PLOVER) and
events with no date at all are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

import orjson

from .. import __version__
from .codes import Coded, Coder
from .dating import span
from .geo import event_point
from .text import clean

QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "DEMAND": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
        "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
#: CAMEO codes whose PLOVER translation carries the diplomatic context (CAMEO2PLOVER)
DIPLOMATIC = {"036", "045", "046"}
ACTS = {"visitor", "agent"}
RECEIVES = {"host", "counterpart"}


def split(participants: list[dict[str, Any]], coder: Coder) -> tuple[list[tuple[dict, Coded]], list[tuple[dict, Coded]]]:
    """(actors, recipients) of an event, each a list of (participant, coded)."""
    coded = [(p, coder(p)) for p in participants]
    receiving_sides = {c.side for p, c in coded if p.get("function") in RECEIVES}
    actors, recipients = [], []
    for p, c in coded:
        fn = p.get("function")
        if fn in RECEIVES or (fn not in ACTS and c.side in receiving_sides):
            recipients.append((p, c))
        else:
            actors.append((p, c))
    return actors, recipients


def _entity(p: dict[str, Any], c: Coded) -> dict[str, Any]:
    entity = {"code": c.top, "sector": c.sector, "actor_text": clean(p.get("text") or p["name"]),
              "identifier_id": p.get("id"), "identifier_text": clean(p["name"]), "office": clean(p.get("role"))}
    return {k: v for k, v in entity.items() if v is not None}


def record(e: dict[str, Any], coder: Coder, urls: dict[str, str] | None = None) -> dict[str, Any] | None:
    category = (e.get("plover") or {}).get("category")
    when = span(e)
    if not category or when is None:
        return None
    actors, recipients = split(e.get("participants", []), coder)
    sources = e.get("sources", [])
    anchor = (e.get("mentions") or [{}])[0]
    story = anchor.get("article") or (sources[0]["article"] if sources else None)
    cite = next((s for s in sources if s.get("article") == story), {})
    rec: dict[str, Any] = {
        "id": e["id"],
        "date": when.start.isoformat(),
        "actor": [_entity(p, c) for p, c in actors],
        "recipient": [_entity(p, c) for p, c in recipients],
        "event": [category],
        "quad_code": QUAD.get(category),
        "text": clean(e.get("evidence")),
        "event_text": sorted({clean(m["trigger"]) for m in e.get("mentions", ()) if m.get("trigger")}),
        "coder": f"azdiplo {__version__}",
        "cite_info": {k: v for k, v in {"citation": story, "title": clean(cite.get("title")),
                                        "url": clean((urls or {}).get(story)), "coder": f"azdiplo {__version__}"}.items() if v},
        "story_id": story,
        "story_ids": [s["article"] for s in sources],
        "status": e["status"],
        "cameo": e.get("cameo"),
        "date_precision": "publication" if when.from_publication else e.get("date_precision"),
    }
    if when.end != when.start:
        rec["enddate"] = when.end.isoformat()
    mode = (e.get("plover") or {}).get("mode")
    if mode:
        rec["mode"] = mode
    if e.get("cameo") in DIPLOMATIC:
        rec["context"] = ["diplomatic"]
    if e.get("place") or e.get("place_country"):
        point = event_point(e)
        loc = {"name": clean(e.get("place")), "cc3": e.get("place_country")}
        if point is not None:
            loc.update(latitude=point.lat, longitude=point.lon)
        rec["event_loc"] = {k: v for k, v in loc.items() if v is not None}
    if "start" in anchor:
        rec["text_info"] = {"start": anchor["start"], "end": anchor["end"]}
    return rec


def write(events: Iterable[dict[str, Any]], out: IO[str], *, coder: Coder, urls: dict[str, str] | None = None) -> int:
    """Write one PLOVER record per line; return how many."""
    count = 0
    for e in events:
        rec = record(e, coder, urls)
        if rec is not None:
            out.write(orjson.dumps(rec, option=orjson.OPT_SORT_KEYS).decode() + "\n")
            count += 1
    return count
