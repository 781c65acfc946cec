"""What the corpus teaches: people learned from the articles of a store.

When an article introduces an official with a title and a state ("Indian
External Affairs Minister Subrahmanyam Jaishankar"), the people component
marks a *lesson* (:func:`azdiplo.nlp.people.DocActors.lessons`); ingest
hands each committed batch's lessons to :func:`teach`, and the store keeps
one *learned entry* per name in ``learned.jsonl`` (``azdiplo.store.learned``).
A learned entry is an actor of the dictionary format (``docs/actors.md``)
with a ``learned`` block: its status, the user's decision if any, and every
piece of evidence (the article, its date, the phrase and its offsets, the
state, role and sector it gave).

Statuses:

``learned``
    the evidence agrees on the state: the entry names its person in later
    ingests (a bare "Jaishankar" in an article that names India).
``conflict``
    two articles give two states: the entry names nobody until the user
    confirms or corrects it (``azdiplo learned correct``).
``confirmed``, ``corrected``
    the user's decision, kept whatever later evidence says (which is still
    recorded and shown where it disagrees).
``forgotten``
    the user's decision: the entry names nobody and is not learned again.

Learning never overrides the dictionary: a name the dictionary (packaged
or the user's files) knows is not taught (the people component resolves
it first), and an entry whose name the dictionary has come to know is
dropped when the dictionary loads (:func:`azdiplo.actors.ActorIndex.load`).
No spaCy.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .actors import FAMILY_FIRST, ascii_fold, norm_name
from .agents import compose
from .errors import AzdiploError, ExitStatus

#: statuses whose entries name their person in ingests
ACTIVE = ("learned", "confirmed", "corrected")
STATUSES = ("learned", "conflict", "confirmed", "corrected", "forgotten")
#: statuses a user set, which new evidence does not change
DECIDED = ("confirmed", "corrected", "forgotten")
PREFIX = "learned:"


class LearnedError(AzdiploError):
    """A confirm, correct or forget that cannot be done: a name nobody learned (exit 6), a
    surname several share or a conflict to settle first (exit 2)."""

    def __init__(self, what: str, hint: str, status: ExitStatus = ExitStatus.USAGE):
        super().__init__(what, hint)
        self.status = status


def learned_id(name: str) -> str:
    """The id of the entry of ``name``: "learned:" + an ASCII slug of it."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-")
    return PREFIX + (slug or "x")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _surname(name: str, country: str | None = None) -> str:
    """The word news repeats: the last, or the first in a state that writes it first."""
    words = name.split()
    return words[0] if country in FAMILY_FIRST else words[-1]


def teach(entries: dict[str, dict], results: Iterable[tuple[str, str | None, list[dict]]]) -> bool:
    """Record what a batch of articles teaches; True when ``entries`` changed.

    Args:
        entries: learned entries by id, updated in place.
        results: (article id, publication date, lessons) for every article
            extracted in the batch, with or without lessons: an article's
            earlier evidence is replaced by what it teaches now (a changed
            article may teach something else, or nothing).
    """
    changed = False
    fresh: dict[str, list[dict]] = {}
    articles = set()
    for article, published, lessons in results:
        articles.add(article)
        for lesson in lessons:
            evidence = {"article": article, "published": published, "text": lesson["text"],
                        "start": lesson["start"], "end": lesson["end"], "country": lesson["country"],
                        "role": lesson["role"], "sector": lesson.get("sector")}
            fresh.setdefault(lesson["name"], []).append(evidence)
    for entry in entries.values():
        block = entry["learned"]
        kept = [e for e in block["evidence"] if e["article"] not in articles]
        if len(kept) != len(block["evidence"]):
            block["evidence"], changed = kept, True
    for name, evidence in fresh.items():
        key = learned_id(name)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = {"id": key, "name": name, "kind": "person",
                                    "learned": {"status": "learned", "decision": None, "evidence": []}}
        entry["learned"]["evidence"].extend(evidence)
        changed = True
    for key in [k for k, e in entries.items() if not e["learned"]["evidence"] and e["learned"]["status"] not in DECIDED]:
        del entries[key]  # what no article teaches any longer
        changed = True
    for entry in entries.values():
        refresh(entry)
    return changed


def refresh(entry: dict) -> dict:
    """Recompute an entry's status and actor fields from its evidence and the user's decision."""
    block = entry["learned"]
    evidence = sorted(block["evidence"], key=lambda e: (e.get("published") or "", e["article"], e["start"]))
    block["evidence"] = evidence
    decision = block.get("decision") or {}
    states = sorted({e["country"] for e in evidence})
    if block["status"] not in DECIDED:
        block["status"] = "learned" if len(states) == 1 else "conflict"
    country = decision.get("country") or (states[0] if len(states) == 1 else None)
    sector = decision.get("sector") or _most_common([e.get("sector") for e in evidence if e["country"] == country])
    roles = _roles(evidence, country, decision.get("role"))
    entry.update({
        "country": country,
        "code": compose(country, sector) if country else None,
        "contextual_aliases": [_surname(entry["name"], country)] if len(entry["name"].split()) > 1 else [],
        "roles": roles,
        "sources": ["learned"],
    })
    return entry


def _most_common(values: list) -> str | None:
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    return max(sorted(counts), key=lambda v: counts[v]) if counts else None


def _roles(evidence: list[dict], country: str | None, corrected_role: str | None) -> list[dict]:
    """One role per title the evidence gives (or the corrected title), dated from the first
    to the last article that gives it."""
    spans: dict[str, list[str]] = {}
    for e in evidence:
        if country and e["country"] != country:
            continue
        title = corrected_role or e["role"]
        dates = spans.setdefault(title, [])
        if e.get("published"):
            dates.append(e["published"])
    out = []
    for title, dates in spans.items():
        out.append({"title": title, "of": country, "from": min(dates) if dates else None,
                    "to": max(dates) if dates else None})
    return sorted(out, key=lambda r: (r["from"] or "", r["title"]))


def conflicts(entry: dict) -> list[dict]:
    """The evidence that disagrees with the state the entry holds (all of it, in conflict)."""
    country = entry.get("country")
    return [e for e in entry["learned"]["evidence"] if country is None or e["country"] != country]


def is_active(entry: dict) -> bool:
    return entry["learned"]["status"] in ACTIVE and bool(entry.get("country"))


def find(entries: dict[str, dict], name: str) -> dict:
    """The entry ``name`` means: its id, its full name or its surname, if only one entry has it.

    Raises:
        LearnedError: no entry, or several sharing a surname.
    """
    key = norm_name(name)
    if name in entries:
        return entries[name]
    full = [e for e in entries.values() if norm_name(e["name"]) == key]
    if len(full) == 1:
        return full[0]
    by_surname = [e for e in entries.values() if key in {norm_name(a) for a in e.get("contextual_aliases") or ()}
                  or norm_name(_surname(e["name"])) == key]
    if len(by_surname) == 1:
        return by_surname[0]
    if by_surname:
        names = ", ".join(sorted(e["name"] for e in by_surname))
        raise LearnedError(f"{name!r} is the surname of several learned people ({names})", "give the full name")
    raise LearnedError(f"nobody named {name!r} was learned", "list what was learned with 'azdiplo actors --learned'",
                       ExitStatus.UNKNOWN_ACTOR)


def confirm(entry: dict) -> dict:
    """The user confirms what the evidence says; an entry in conflict needs a correction instead."""
    if entry["learned"]["status"] == "conflict" or not entry.get("country"):
        states = ", ".join(sorted({e["country"] for e in entry["learned"]["evidence"]}))
        raise LearnedError(f"the evidence for {entry['name']} disagrees on the state ({states})",
                           f"say which is right: azdiplo learned correct {entry['name']!r} --country ISO3")
    entry["learned"]["status"] = "confirmed"
    entry["learned"]["decision"] = {"action": "confirmed", "country": entry["country"], "at": _now()}
    return refresh(entry)


def correct(entry: dict, *, country: str, role: str | None = None, sector: str | None = None) -> dict:
    """The user's state (and role, sector) for the entry, whatever the evidence says."""
    entry["learned"]["status"] = "corrected"
    decision = {"action": "corrected", "country": country, "at": _now()}
    if role:
        decision["role"] = role
    if sector:
        decision["sector"] = sector
    entry["learned"]["decision"] = decision
    return refresh(entry)


def forget(entry: dict) -> dict:
    """The user's "this is wrong": the entry names nobody, and the name is not learned again."""
    entry["learned"]["status"] = "forgotten"
    entry["learned"]["decision"] = {"action": "forgotten", "at": _now()}
    return refresh(entry)


def actor_record(entry: dict) -> dict:
    """The dictionary record of an active entry (``ActorIndex`` format, ``sources: ["learned"]``)."""
    return {k: entry[k] for k in ("id", "name", "kind", "country", "code", "contextual_aliases", "roles", "sources")}


def summary(entry: dict) -> dict:
    """One row of ``azdiplo actors --learned``: the entry without its actor-format fields."""
    block = entry["learned"]
    dates = [e["published"] for e in block["evidence"] if e.get("published")]
    return {
        "id": entry["id"],
        "name": entry["name"],
        "status": block["status"],
        "country": entry.get("country"),
        "code": entry.get("code"),
        "roles": [r["title"] for r in entry.get("roles", [])],
        "first_seen": min(dates) if dates else None,
        "last_seen": max(dates) if dates else None,
        "articles": len({e["article"] for e in block["evidence"]}),
        "conflicting": len(conflicts(entry)),
        "decision": block.get("decision"),
        "evidence": block["evidence"],
    }


__all__ = ["ACTIVE", "STATUSES", "LearnedError", "actor_record", "confirm", "conflicts", "correct", "find",
           "forget", "is_active", "learned_id", "refresh", "summary", "teach"]
