"""Sectors and CAMEO-style actor codes: what part of a state an actor is.

A participant's ``code`` is its state plus its sector, as CAMEO and PLOVER
write it with a dot: ``USA.GOV`` (the US government or one of its
officials), ``IRN.MIL``, ``TUR.LEG``; an international body has its own
CAMEO code (``IGOWSTNAT`` for NATO) and its officials share it; a state
named as a whole is its ISO3 code alone. ``sector`` is the sector part
(``GOV``, ``LEG``, ``MIL``, ``JUD``, ``COP``, ``SPY``, ``PTY``, ``REB``,
``ELI``, ``BUS``, ``MED``...; ``IGO`` for international bodies), null when
unknown.

The sectors of role and descriptor nouns ("prime minister" GOV, "rebels"
REB, "security forces" COP, "former president" ELI) come from the CAMEO/PLOVER
agents dictionary, imported into ``data/agents.json`` by
``tools/import_knowledge.py``; the curated titles of ``data/roles.json`` are
checked first. No spaCy.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

#: a code's sector part: "USA.GOV" -> GOV, "AZE.LEG" -> LEG
_DOTTED = re.compile(r"^[A-Z]{3}\.([A-Z]{3})$")


def sector_of_code(code: str | None) -> str | None:
    """The sector a dictionary code names: ``USA.GOV`` -> GOV, an IGO code -> IGO."""
    if not code:
        return None
    m = _DOTTED.match(code)
    if m:
        return m.group(1)
    if code.startswith("IGO"):
        return "IGO"
    return None


@functools.lru_cache(maxsize=1)
def agent_nouns() -> dict[str, str]:
    """Noun phrase (lower case) -> primary sector, from ``data/agents.json``."""
    data = json.loads(resources.files("azdiplo").joinpath("data/agents.json").read_text(encoding="utf-8"))
    return {noun: code[:3] for noun, code in data["nouns"].items()}


@functools.lru_cache(maxsize=1)
def sectors() -> frozenset[str]:
    """Every sector an actor can have: those of the agents dictionary, and IGO."""
    return frozenset(v for v in agent_nouns().values() if v not in _NOT_ACTORS) | {"IGO"}


def phrase_sector(words: list[str], curated: dict[str, dict] | None = None) -> str | None:
    """The sector a role or group phrase names ("Deputy Foreign Minister", "Iraqi rebels").

    The longest run of words that is a known title or agent noun decides; among
    runs of one length the rightmost (the head of an English noun phrase:
    "General Secretary" is a secretary, not a general). ``curated`` titles
    (``roles.json``: title -> {"sector": ...}) are checked before the agents
    dictionary; a curated title without a sector says nothing, and one marked ``voice``
    ("spokesman") takes the sector of the words before it when they have one ("navy
    spokesman" MIL).
    """
    nouns = agent_nouns()
    words = [w.lower().strip(".,") for w in words if w.strip(".,")]
    for n in range(min(len(words), 6), 0, -1):
        for i in range(len(words) - n, -1, -1):
            key = " ".join(words[i : i + n])
            entry = (curated or {}).get(key)
            if entry and entry.get("voice") and i > 0:
                # "a navy spokesman": who speaks for the navy is of the navy's sector
                spoken_for = phrase_sector(words[:i], curated)
                if spoken_for:
                    return spoken_for
            if entry and entry.get("sector"):
                return entry["sector"]
            if key in nouns and nouns[key] not in _NOT_ACTORS:
                return nouns[key]
    return None


#: agents codes that are not sectors of actors: natural events, non-actors, unknown
_NOT_ACTORS = frozenset({"JNK", "NON", "UNK"})


def compose(state: str | None, sector: str | None) -> str | None:
    """The CAMEO-style code of a state's sector: ("USA", "GOV") -> "USA.GOV".

    A state without a sector is its ISO3 code; a sector without a state has
    no code (CAMEO would write "---GOV": an actor whose state is unknown).
    """
    if not state:
        return None
    if sector and sector != "IGO":
        return f"{state}.{sector}"
    return state


def code_of(*, kind: str, country: str | None, sector: str | None, body_code: str | None) -> tuple[str | None, str | None]:
    """(sector, code) of an actor from what is known of it.

    Args:
        kind: person, organization or country.
        country: the ISO3 code of the state the actor belongs to.
        sector: the sector known from the actor itself (a title, a group noun).
        body_code: the dictionary code of the actor (an institution, an
            international body) or of the body a person serves.
    """
    body_sector = sector_of_code(body_code)
    if kind == "country":
        return sector, compose(country, sector) if sector else country
    if kind == "organization":
        sector = body_sector or sector
        return sector, body_code or compose(country, sector)
    # a person: the body they serve says more than a generic title ("Chairman" of a committee)
    sector = body_sector or sector
    if body_code and (body_sector == "IGO" or _DOTTED.match(body_code)):
        return sector, body_code
    return sector, compose(country, sector)


__all__ = ["agent_nouns", "code_of", "compose", "phrase_sector", "sector_of_code", "sectors"]
