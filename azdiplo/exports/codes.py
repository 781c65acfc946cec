"""Who a participant is in other coders' terms: CAMEO-style actor code, state, sector, side.

A participant carries ``code`` (``USA.GOV``, ``IGOWSTNAT``) and ``sector``
when the extraction gave them; otherwise they come from the actor dictionary
entry of its id, and last from its country alone. Nothing here guesses a
sector from a role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..actors import ActorIndex

#: PETRARCH's code for an actor it could not code
UNKNOWN = "---"


@dataclass(frozen=True)
class Coded:
    """A participant as event coders see it."""

    key: str  # azdiplo's identity: the actor id, else the lower-cased name
    name: str
    kind: str
    code: str | None  # dotted, as azdiplo writes it: "AZE.GOV", "IGOWSTNAT", "AZE"
    state: str | None  # ISO 3166-1 alpha-3 of the state it belongs to
    sector: str | None  # "GOV", "LEG", "MIL"; for an IGO the part after "IGO"
    side: str  # participants of one side never "meet" each other: a state, an IGO, or the actor itself

    @property
    def cameo(self) -> str:
        """The code as PETRARCH writes it: segments run together (``AZEGOV``), ``---`` when unknown."""
        return self.code.replace(".", "") if self.code else UNKNOWN

    @property
    def top(self) -> str | None:
        """PLOVER's top-level 3-character code: the state, or ``IGO``."""
        if self.code and self.code.startswith("IGO"):
            return "IGO"
        return self.state or (self.code.split(".")[0] if self.code else None)


def key_of(p: dict[str, Any]) -> str:
    return p.get("id") or p["name"].lower()


class Coder:
    """Codes participants against one actor dictionary (``query.actor_index(store)``)."""

    def __init__(self, index: ActorIndex | None):
        self.index = index
        self._cache: dict[tuple, Coded] = {}

    def __call__(self, p: dict[str, Any]) -> Coded:
        k = (key_of(p), p.get("code"), p.get("sector"), p.get("country"), p.get("organization"))
        coded = self._cache.get(k)
        if coded is None:
            coded = self._cache[k] = self._code(p)
        return coded

    def _code(self, p: dict[str, Any]) -> Coded:
        actor = self.index.get(p["id"]) if self.index is not None and p.get("id") else None
        code = p.get("code") or (actor.code if actor else None)
        state = p.get("country") or (actor.country if actor else None)
        if p.get("kind") == "country" and p.get("id") and not state:
            state = p["id"]
        if not code and state:
            code = state
        sector = p.get("sector")
        if not sector and code:
            if code.startswith("IGO"):
                sector = code[3:] or None
            elif "." in code:
                sector = code.split(".")[1] or None
        side = state
        if not side and code and code.startswith("IGO"):
            side = code
        if not side and p.get("organization") and self.index is not None:
            org = self.index.lookup(p["organization"])
            side = org.id if org else None
        return Coded(key=key_of(p), name=p["name"], kind=p.get("kind", ""), code=code, state=state,
                     sector=sector, side=side or key_of(p))
