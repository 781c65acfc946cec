"""The two shapes an event takes while it is being found: a trigger, then a candidate."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..people import ActorRef


@dataclass
class Trigger:
    """A word that reports an event, and the words that carry its arguments and tense.

    ``tok`` is the word the mention is keyed by (the noun of "held talks", the
    verb of "met"); ``verb`` the predicate whose subject and objects are the
    parties (the trigger itself, a light verb such as "held", a signing verb);
    ``noun`` the event noun, when there is one ("talks", "agreement").
    """

    tok: object
    type: str
    rule: str
    entry: dict
    verb: object | None = None
    noun: object | None = None
    consumed: set[int] = field(default_factory=set)  # other tokens this trigger accounts for

    @property
    def predicate(self):
        """The verb that tells the event: the trigger's own verb, else the word its noun
        depends on ("the talks ended", "during his visit"); None for neither."""
        if self.verb is not None:
            return self.verb
        return self.noun.head if self.noun is not None else None


@dataclass
class Candidate:
    """An event mention while it is being built: parties, status, date and place, with reasons."""

    trigger: Trigger
    sent: object
    refs: list[tuple[ActorRef, str]] = field(default_factory=list)  # (actor, function)
    unresolved: int = 0  # argument phrases that named nobody we know
    status: str = "occurred"
    refused: bool = False
    called_off: bool = False  # negated by a party's act: cancelled, postponed, suspended, boycotted
    goal: str | None = None  # the noun that makes the event a goal ("in a bid to reach an agreement")
    wish: str | None = None  # the word that asks or hopes for the event ("calls for talks", "urged talks")
    date: dict | None = None
    date_source: str = "none"
    date_reason: str | None = None
    place: str | None = None
    place_country: str | None = None
    place_source: str | None = None
    place_reason: str | None = None
    reference: bool = False
    plural: bool = False
    context_event: Candidate | None = None  # the earlier event whose date (and place) this one took
    gathering: Candidate | None = None  # the multilateral meeting whose members spoke or committed together
    frame: object = None  # the verb whose clause an event noun sets ("said at a meeting"): its date is the noun's
    host_places: list = field(default_factory=list)  # tokens naming where a visit went
    notes: list[str] = field(default_factory=list)  # how participants were found, for --explain

    @property
    def type(self) -> str:
        return self.trigger.type

    def add(self, ref: ActorRef, function: str) -> None:
        self.refs.append((ref, function))
