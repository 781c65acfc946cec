"""The one data model, from extraction to every output format.

Plain dataclasses with ``to_dict``/``from_dict``: no spaCy object ever leaves
``azdiplo.extract``, and every command, format and the store use these shapes.
Each normalized value keeps the original text beside it (a participant's
surface form beside its canonical name, a date's text beside its TIMEX3
value), with the article id and character offsets into the article text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

#: Version of the store layout and of the event JSON shape. Bumped on any
#: incompatible change; a store written by a newer version is refused.
SCHEMA_VERSION = 2

EVENT_TYPES = ("meeting", "visit", "call", "negotiation", "agreement", "intent", "statement")
STATUSES = ("occurred", "planned", "hypothetical", "negated")
#: Coarse actor kinds used in events and listings. The dictionary's finer
#: "institution" (a state's parliament, ministry, office) is an organization.
KINDS = ("person", "organization", "country")


@dataclass
class Article:
    """One news article as read from a file, stdin or a JSON Lines record."""

    id: str
    text: str = field(repr=False)
    path: str | None = None  # the file it came from (a JSONL record: "file#line")
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_from: str = "none"  # header | dateline | record | option | none
    url: str | None = None
    source_id: str | None = None  # the record's own "id" in JSON Lines
    body_start: int = 0  # offset where the article body starts (after a date header)
    warnings: list[str] = field(default_factory=list, repr=False)  # non-fatal reading notes
    #: ``text`` is the text as given, cleaned (``azdiplo.sanitize.normalize``); this
    #: ``OffsetMap`` takes its offsets back to the text as given (None: they are the same)
    offsets: Any = field(default=None, repr=False, compare=False)

    def given(self, offset: int) -> int:
        """An offset in ``text`` as an offset in the text as given (the file, the record)."""
        return offset if self.offsets is None else self.offsets.given(offset)

    @property
    def sha256(self) -> str:
        import hashlib

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def meta(self) -> dict[str, Any]:
        """The article as stored and printed: everything but the text."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "published": self.published,
            "published_from": self.published_from,
            "url": self.url,
            "source_id": self.source_id,
            "sha256": self.sha256,
            "chars": len(self.text),
        }


@dataclass
class Participant:
    """An actor taking part in an event, as the sentence names it."""

    name: str  # canonical name when the actor is known, else the text's name
    kind: str  # person | organization | country
    text: str  # the surface form in the article
    id: str | None = None  # actor id in the dictionary
    role: str | None = None  # "Deputy Secretary General", "Speaker"
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # CAMEO/PLOVER sector: GOV, LEG, MIL, JUD, COP, SPY, PTY, REB, IGO...
    code: str | None = None  # CAMEO-style actor code: "USA.GOV", "IRN.MIL", "TUR"; an IGO's own ("IGOWSTNAT")
    organization: str | None = None  # canonical name of the body a person serves
    function: str = "participant"  # agent | counterpart | visitor | host | signatory | participant

    def to_dict(self) -> dict[str, Any]:
        # field by field: dataclasses.asdict deep-copies, and a commit turns every mention to dicts
        return {n: v for n in _PARTICIPANT_FIELDS if (v := getattr(self, n)) is not None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Participant:
        return cls(**{f.name: d.get(f.name) for f in dataclasses.fields(cls) if f.name in d})

    @property
    def key(self) -> str:
        """Identity used for merging and filtering: the actor id, else the name."""
        return self.id or self.name.lower()


@dataclass
class Mention:
    """One report of an event: one trigger in one sentence of one article."""

    article: str
    type: str
    status: str
    sentence: str
    start: int  # sentence offsets in the article text
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    rule: str  # the lexicon entry / pattern that fired
    confidence: float
    cameo: str
    plover: str
    plover_mode: str | None = None
    participants: list[Participant] = field(default_factory=list)
    date: str | None = None  # TIMEX3 value
    date_text: str | None = None
    date_precision: str | None = None
    date_source: str = "none"  # sentence | context | publication | none
    date_reason: str | None = None
    place: str | None = None
    place_country: str | None = None
    place_source: str | None = None  # sentence | host | dateline | context
    place_reason: str | None = None  # why the place is null, or how it was chosen
    #: a mention that names an event already reported elsewhere ("the
    #: Washington Summit") without participants or date: it joins a matching
    #: event but never creates one on its own.
    reference: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = {n: getattr(self, n) for n in _MENTION_FIELDS}
        d["participants"] = [p.to_dict() for p in self.participants]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        kw = {f.name: d[f.name] for f in dataclasses.fields(cls) if f.name in d}
        kw["participants"] = [Participant.from_dict(p) for p in d.get("participants", [])]
        return cls(**kw)

    @property
    def key(self) -> tuple[str, int, int]:
        """A mention's identity: article, then trigger offsets."""
        return (self.article, self.trigger_start, self.trigger_end)


@dataclass
class Event:
    """One real-world event, merged from one or more mentions.

    The JSON shape of ``to_dict`` is the stable public schema
    (``azdiplo/data/event.schema.json``) printed by every command.
    """

    id: str
    type: str
    status: str
    date: str | None
    date_text: str | None
    date_precision: str | None
    date_source: str
    place: str | None
    place_country: str | None
    participants: list[Participant]
    countries: list[str]
    cameo: str
    plover: str
    plover_mode: str | None
    evidence: str
    trigger: str
    confidence: float
    sources: list[dict[str, Any]]  # article metadata: id, path, title, published
    mentions: list[Mention]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "status": self.status,
            "date": self.date,
            "date_text": self.date_text,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "place": self.place,
            "place_country": self.place_country,
            "participants": [p.to_dict() for p in self.participants],
            "countries": list(self.countries),
            "cameo": self.cameo,
            "plover": {"category": self.plover, "mode": self.plover_mode},
            "evidence": self.evidence,
            "trigger": self.trigger,
            "confidence": self.confidence,
            "num_mentions": len(self.mentions),
            "num_sources": len(self.sources),
            "sources": list(self.sources),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        plover = d.get("plover") or {}
        return cls(
            id=d["id"],
            type=d["type"],
            status=d["status"],
            date=d.get("date"),
            date_text=d.get("date_text"),
            date_precision=d.get("date_precision"),
            date_source=d.get("date_source", "none"),
            place=d.get("place"),
            place_country=d.get("place_country"),
            participants=[Participant.from_dict(p) for p in d.get("participants", [])],
            countries=list(d.get("countries", [])),
            cameo=d["cameo"],
            plover=plover.get("category", ""),
            plover_mode=plover.get("mode"),
            evidence=d.get("evidence", ""),
            trigger=d.get("trigger", ""),
            confidence=d.get("confidence", 0.0),
            sources=list(d.get("sources", [])),
            mentions=[Mention.from_dict(m) for m in d.get("mentions", [])],
        )


_PARTICIPANT_FIELDS = tuple(f.name for f in dataclasses.fields(Participant))
_MENTION_FIELDS = tuple(f.name for f in dataclasses.fields(Mention))
