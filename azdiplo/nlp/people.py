"""Who is who in one article: actors named, their roles, and what refers to them.

The algorithms of the ``azdiplo_people`` component, as plain functions over
a parsed Doc:

- every entity becomes an :class:`ActorRef` — known actors through the
  dictionary id the entity ruler put on the span, others as the text names
  them (a person not in the dictionary is still an actor);
- a person's role and affiliation come from the title words around the name
  ("NATO Deputy Secretary General Radmila Shekerinska", "Samad Seyidov,
  Chairman of the ... Committee", "Azerbaijani MP Kamran Bayramov");
- references inside the article are resolved: a surname or "President
  Aliyev" to the full name met elsewhere in the article, "the Speaker" to
  the speaker named earlier, "the Alliance" to NATO when NATO is named,
  "the parliament" to the parliament the article is about.

:class:`DocActors` answers the question the event extractor asks: which
actors does the noun phrase headed by this token name?
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from ..actors import Actor, ActorIndex, is_acronym, norm_name
from ..agents import agent_nouns, code_of, phrase_sector
from ..dates import CALENDAR_WORDS
from ..models import Participant
from ..places import city_country
from .columns import columns

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_ORG_WORDS = {"ministry", "committee", "council", "bank", "party", "union", "organization", "organisation", "group",
              "association", "corporation", "inc", "ltd", "agency", "company", "assembly", "parliament", "office",
              "house", "senate", "court", "commission", "fund", "institute", "university", "forces", "army", "news"}
#: words that name a body of any state: a home state's institution is not read into them
_GENERIC_BODY_WORDS = frozenset({"department", "commission", "committee", "council", "house", "office", "government",
                                 "cabinet", "ministry", "court", "assembly", "chamber", "bank", "agency", "party"})
#: labels the model gives a person's name by mistake, checked against the article's people
_MISTAKEN_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "group", "them": "group"}


@functools.lru_cache(maxsize=1)
def role_lexicon() -> dict:
    """The title lexicon (``azdiplo/data/roles.json``)."""
    data = json.loads(resources.files("azdiplo").joinpath("data/roles.json").read_text(encoding="utf-8"))
    titles = {k.lower(): v for k, v in data["titles"].items()}
    plural = {p: t for t, v in titles.items() for p in v.get("plural", [])}
    return {
        "titles": titles,
        "plural": plural,
        # words of titles, without the function words and bodies that only occur inside one
        # ("member of parliament")
        "title_words": {w for t in titles for w in t.split()} - {"of", "the", "and", "for", "in", "to", "de", "parliament"},
        "modifiers": set(data["modifiers"]) | set(data["former"]["words"]),
        "former": frozenset(data["former"]["words"]),
        "former_sector": data["former"]["sector"],
        "groups": data["groups"],
        "nationals": data["nationals"],
        "named_bodies": data["named_bodies"],
        "peoples": frozenset(data["peoples"]["words"]),
        "state_body_sectors": frozenset(data["state_body_sectors"]["sectors"]),
        "body_nouns": frozenset(data["body_nouns"]["nouns"]),
        "body_sectors": frozenset(data["state_body_sectors"]["not_the_state"]),
        "official_sectors": frozenset(data["official_sectors"]["sectors"]),
        "igo_markers": frozenset(data["international_body"]["markers"]),
        "igo_nouns": frozenset(data["international_body"]["nouns"]),
        "max_len": max(len(t.split()) for t in titles),
        "posted": frozenset(t for t, v in titles.items() if v.get("posted")),
    }


@dataclass
class ActorRef:
    """An actor named in the article (token span [start, end) of the name)."""

    start: int
    end: int
    text: str
    name: str
    kind: str  # person | organization | country
    id: str | None = None
    role: str | None = None
    country: str | None = None
    organization: str | None = None  # canonical name of the affiliation
    organization_id: str | None = None
    organization_kind: str | None = None
    organization_country: str | None = None  # the body's own country (None for an IGO)
    organization_code: str | None = None  # the body's dictionary code ("AZE.LEG", "IGOWSTNAT")
    sector: str | None = None  # what the actor itself says of its sector (a group noun, a capital as government)
    code: str | None = None  # the actor's own dictionary code (an institution's, an international body's)
    how: str = "ner"  # dictionary | learned | ner | title | repeated | role | reference | capital | office
    #: the state a body that does not act for it belongs to ("Russian oil giant Yukos", "the
    #: French daily Le Figaro"): reported as its country among the article's actors and in its
    #: code (RUS.BUS), never a side for that state in events (``country`` stays None)
    home: str | None = None
    #: tokens [start, end) of the phrase that introduces the person with a title and a state
    #: ("Indian External Affairs Minister S. Jaishankar"): what a store learns (DocActors.lessons)
    lesson: tuple[int, int] | None = None

    def codes(self) -> tuple[str | None, str | None]:
        """(sector, code): the CAMEO-style sector and actor code (:func:`azdiplo.agents.code_of`)."""
        sector = self.sector
        if sector is None and self.kind == "person":
            sector = role_sector(self.role)
            if sector is None and self.country and not self.organization_code:
                sector = state_role_sector(self.role)
        body = self.code if self.kind != "person" else self.organization_code
        return code_of(kind=self.kind, country=self.country or self.home, sector=sector, body_code=body)

    def participant(self, function: str = "participant") -> Participant:
        sector, code = self.codes()
        return Participant(
            name=self.name,
            kind=self.kind,
            text=self.text,
            id=self.id,
            role=self.role,
            country=self.country,
            sector=sector,
            code=code,
            organization=self.organization,
            function=function,
        )

    def affiliation(self) -> ActorRef | None:
        """The body a person represents, when the text names it as their office's."""
        if self.kind != "person" or not self.organization or self.organization_kind not in ("organization",):
            return None
        return ActorRef(
            self.start, self.end, self.organization, self.organization, "organization",
            id=self.organization_id, country=self.organization_country, code=self.organization_code, how="role",
        )

    def to_dict(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if v is not None and k != "home"}
        if self.country is None and self.home is not None:
            d["country"] = self.home  # the article's actor belongs to that state (not an event side for it)
        if self.lesson is not None:
            d["lesson"] = list(self.lesson)
        sector, code = self.codes()
        d.update({k: v for k, v in (("sector", sector), ("code", code)) if v is not None})
        return d


def role_sector(role: str | None) -> str | None:
    """The sector of the office a role names: "Deputy Foreign Minister" GOV, "Speaker"
    LEG, "Defence Minister" GOV (CAMEO's GOVMIL), "former President" ELI (roles.json's
    titles, then the CAMEO/PLOVER agents nouns: :func:`azdiplo.agents.phrase_sector`)."""
    if not role:
        return None
    words = role.replace("-", " ").split()
    lex = role_lexicon()
    if words and words[0].lower() in lex["former"] and phrase_sector(words[1:], lex["titles"]):
        return lex["former_sector"]  # "former president", "ousted president", "deposed dictator": ELI
    return phrase_sector(words, lex["titles"])


def state_role_sector(role: str | None) -> str | None:
    """The sector of a title that names an office only with a state: "Palestinian leader"
    is a government's (``roles.json``'s ``state_sector``), a "former" one an ex-office-holder's
    (ELI); a bare "leader" has none."""
    if not role:
        return None
    words = role.lower().replace("-", " ").split()
    lex = role_lexicon()
    sector = lex["titles"].get(words[-1], {}).get("state_sector") if words else None
    if sector and words[0] in lex["former"] and len(words) > 1:
        return lex["former_sector"]  # "former Iraqi leader Saddam Hussein": ELI, as "former president"
    return sector


def _coarse(actor: Actor) -> str:
    return actor.coarse_kind


@functools.lru_cache(maxsize=1 << 14)
def _strip_name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", text).strip(" ,.;:()\"'")


@functools.lru_cache(maxsize=1)
def _office_first_words() -> frozenset[str]:
    """The first word of each title and agent noun: the only words a key that
    :func:`_single_office` accepts can start with."""
    return frozenset(k.split(" ")[0] for k in (*role_lexicon()["titles"], *agent_nouns()))


def _single_office(key: str, entry: dict | None) -> bool:
    """A title of an office one person holds in a state: a head of state or government
    (``roles.json``'s ``head`` titles, "president", "prime minister", "king"; not the bare
    "leader"), or a titled portfolio whose sector the title lexicon or the agents dictionary
    gives ("foreign minister", "finance minister"; not the bare or deputy "minister")."""
    words = key.split()
    if key in ("leader", "minister", "deputy minister") or not words:
        return False
    if entry and entry.get("sector") and entry.get("head"):
        return True
    return len(words) >= 2 and words[-1] in ("minister", "secretary") and words[0] != "deputy" \
        and bool((entry and entry.get("sector")) or agent_nouns().get(key))


class DocActors:
    """The actors of one Doc, and the resolution of noun phrases to them."""

    def __init__(self, doc, index: ActorIndex):
        self.doc = doc
        self.index = index
        self.lex = role_lexicon()
        self.refs: list[ActorRef] = []
        self.by_token: dict[int, ActorRef] = {}
        self.places: dict[int, tuple[str, str | None]] = {}  # token -> (place name, country iso3)
        self.towns: set[int] = set()  # tokens of GPE places of unknown country (towns, cities)
        self.capitals: dict[int, str] = {}  # tokens of capitals -> their country, for metonyms
        self._states: set[str] | None = None
        self._capital_spans: list[tuple[int, int, str]] = []
        self._described: dict[int, ActorRef] = {}  # a state's name (first token) -> the body its phrase describes
        self._nationals_only: set[int] = set()  # first tokens of plural nationals ("44 Palestinians")
        self._definite_nationals: set[int] = set()  # first tokens of plurals with "the" ("the Soviets")
        # the Doc's entities and token strings, read once (each doc.ents and doc[i] makes new objects)
        self._cols = columns(doc)
        self._ents = self._cols.ents
        self._ent_tokens = frozenset(i for e in self._ents for i in range(e.start, e.end))
        self._date = doc._.published if doc.has_extension("published") else None
        self._build()

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        doc, index = self.doc, self.index
        named_ids = set()
        person_names = self._person_entity_names()
        for ent in self._ents:
            label = ent.label_
            if label != "PERSON" and not ent.ent_id_ and label in _MISTAKEN_LABELS and (
                    person_names.get(ent.text) == 1 or (label in ("ORG", "GPE") and self._person_named_as_org(ent))
                    or self._surname_of_dated_person(ent)):
                # "Mammadov" tagged ORG, "Asao" NORP, "Romano Prodi" WORK_OF_ART: a person the article names
                label = "PERSON"
            if label not in ACTOR_LABELS:
                continue
            actor = index.get(ent.ent_id_) if ent.ent_id_ else None
            if actor is None and self._is_place_name(ent):
                continue
            if actor is None and label != "PERSON":
                actor = self._plain_lookup(ent, label)
            if actor is None and label in ("NORP", "PERSON", "GPE"):
                # "44 Palestinians"; "Sri Lankans" read as a name, "the majority of Greeks" as a place
                actor = self._nationals_of(ent)
            ref = self._ref_for(ent, actor, label)
            if ref is None:
                continue
            if ref.id:
                named_ids.add(ref.id)
            self.refs.append(ref)
        self._capital_agents()
        self._untagged_people()
        self._repeated_names()
        self._untagged_leaders()
        self._contextual(named_ids)
        self._roles()
        self._resolve_people()
        self._title_only()
        self._home_officials()
        self._title_holders()
        self._state_sectors()
        self._named_bodies()
        self._nationals()
        self._peoples()
        self._bodies_of_states()
        self._keep_lessons()
        for ref in self.refs:
            if self.plural_nationals(ref) and ref.how == "modifier" and ref.kind == "country":
                continue  # "44 Palestinians", "the Soviets": listed among the article's actors, never an event's side
            for i in range(ref.start, ref.end):
                self.by_token[i] = ref

    def _surname_of_dated_person(self, ent) -> bool:
        """A single name that only people known by date bear (a leader's or a learned person's
        surname: "Mutharika", "Wulandari"), whatever label the model gave it; whether it
        names one of them is decided with the article's date and states."""
        if len(ent) > 1 or not ent.text[:1].isupper() or ent.label_ in ("NORP", "LANGUAGE"):
            return False  # "English" is a language before it is New Zealand's Bill English
        found = self.index.lookup_all(ent.text)
        date = self.published()
        return bool(found) and all(a.kind == "person" and a.dated_names for a in found) \
            and any(a.learned or (date and near_role(a, date)) for a in found)

    def _person_entity_names(self) -> dict[str, int]:
        """The names of the article's PERSON entities and their surnames, each with the
        number of different people it may name: "Mammadov" tagged ORG in one sentence is
        the "Elnur Mammadov" tagged PERSON in another."""
        full: set[str] = set()
        for ent in self._ents:
            if ent.label_ == "PERSON" and len(ent) >= 2 and all(t.text[:1].isupper() for t in ent):
                full.add(ent.text)
        out: dict[str, int] = {name: 1 for name in full}
        for name in full:
            last = name.split()[-1]
            if last not in full:
                out[last] = out.get(last, 0) + 1
        return out

    def _untagged_people(self) -> None:
        """Names the model left untagged right after a title: "Deputy Foreign Minister Mikhail Galuzin"."""
        doc, titles = self.doc, self.lex["title_words"]
        taken = {i for r in self.refs for i in range(r.start, r.end)} | self._ent_tokens
        lowers = self._cols.lower
        i, n = 0, len(doc)
        while i < n:
            if lowers[i].rstrip(".") not in titles:
                i += 1
                continue
            tok = doc[i]
            # a capitalised title ("Deputy Foreign Minister X"), or a title in lower case after
            # the words that make it one ("Vietnamese communist party chief Do Muoi")
            if tok.lower_.rstrip(".") in titles and i + 2 <= n and (tok.text[:1].isupper() or (
                    i > 0 and not doc[i - 1].is_sent_start and doc[i - 1].pos_ in ("NOUN", "ADJ", "PROPN"))):
                first = j = self._after_portfolio(i + 1)
                while j < n and j - first < 4 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                        and j not in taken and doc[j].lower_ not in titles and doc[j].lower_ not in _ORG_WORDS:
                    j += 1
                if j - first >= 2:
                    span = doc[first:j]
                    self.refs.append(ActorRef(span.start, span.end, span.text, span.text, "person", how="title"))
                    taken.update(range(span.start, span.end))
                    i = j
                    continue
            i += 1
        self.refs.sort(key=lambda r: r.start)

    def _portfolio_word(self, tok) -> bool:
        """A word of a title's portfolio: "Digital", "Development", "and", "Transport"."""
        return tok.lower_ == "and" or (tok.text[:1].isupper() and tok.lower_ in self.lex["modifiers"]
                                       and tok.lower_ not in ("of", "the", "for"))

    def _after_portfolio(self, j: int) -> int:
        """The token after a title's portfolio starting at ``j`` ("of Transport", "of
        Defence of Italy", "of Foreign Affairs of the Republic of Türkiye"); ``j`` itself
        when none starts there."""
        doc = self.doc
        n = len(doc)
        if j >= n or doc[j].lower_ != "of":
            return j
        k = j + 1
        if k < n and doc[k].lower_ == "the":
            k += 1
        words = 0
        while k < n and self._portfolio_word(doc[k]):
            k, words = k + 1, words + 1
        if not words and k < n and doc[k].ent_iob_ == "B" and doc[k].ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
            # "Speaker of the Seimas of Lithuania": a body the model tagged
            end = k + 1
            while end < n and doc[end].ent_iob_ == "I":
                end += 1
            k, words = end, end - k
        while words and k < n and doc[k].ent_iob_ == "I":
            k += 1  # "of the National Assembly of Hungary": the rest of the body's name
        if not words:
            return j
        if k < n and doc[k].lower_ == "of":
            m = k + 1 + (1 if k + 1 < n and doc[k + 1].lower_ == "the" else 0)
            end = m
            while end < n and doc[end].ent_type_ == "GPE" and (end == m or doc[end].ent_iob_ == "I"):
                end += 1
            if end > m:
                k = end
        return k

    def _untagged_leaders(self) -> None:
        """A state's leader named by surname alone that the model left untagged ("Gujral
        said"): a capitalised proper noun outside any entity that is the surname of exactly
        one leader in office near the article's date whose state the article names."""
        date = self.published()
        if not date:
            return
        doc = self.doc
        taken = {i for r in self.refs for i in range(r.start, r.end)} | self._ent_tokens
        states = None
        added = []
        texts, pos = self._cols.text, self._cols.pos
        for i, text in enumerate(texts):
            if pos[i] != "PROPN" or len(text) < 3 or not text[:1].isupper() or i in taken:
                continue  # the cheap tests first, on the token's strings
            tok = doc[i]
            if not tok.is_alpha or (tok.i + 1 < len(doc) and pos[tok.i + 1] == "PROPN"):
                continue
            if not any(a.kind == "person" and a.dated_names for a in self.index.lookup_all(tok.text)):
                continue
            if states is None:
                # not cached: the article's people are not all known yet
                states = {r.country for r in self.refs if r.country} | {c for _, c in self.places.values() if c}
                states.update(self.capitals.values())
            if len(dated_candidates(self.index, tok.text, date, states)) == 1:
                added.append(ActorRef(tok.i, tok.i + 1, tok.text, tok.text, "person", how="ner"))
        if added:
            self.refs = sorted(self.refs + added, key=lambda r: r.start)

    def _repeated_names(self) -> None:
        """Other occurrences of a person's name that the model left untagged: "Guido
        Crosetto" tagged in one sentence and missed in another, or "Crosetto" alone.

        Only untagged capitalised tokens count, and a surname only when no other
        person of the article shares it and it is not a title or a calendar word;
        :meth:`_resolve_people` then gives the bare surname its full name.
        """
        doc = self.doc
        taken = {i for r in self.refs for i in range(r.start, r.end)} | self._ent_tokens
        full: dict[str, list[list[str]]] = {}  # first word -> names (as token texts)
        for r in self.refs:
            if r.kind != "person":
                continue
            words = [t.text for t in doc[r.start : r.end] if not t.is_punct]
            if len(words) < 2 or not all(w[:1].isupper() for w in words):
                continue
            full.setdefault(words[0], []).append(words)
        # a surname two different people bear names neither
        last_of: dict[str, set[str]] = {}
        for names in full.values():
            for n in names:
                last_of.setdefault(n[-1], set()).add(" ".join(n))
        title_words = self.lex["title_words"]
        added: list[ActorRef] = []
        texts = self._cols.text
        i, n_doc = 0, len(doc)
        while i < n_doc:
            text = texts[i]
            if i in taken or not text[:1].isupper() or (text not in full and text not in last_of):
                i += 1  # neither the first word of a name nor a surname: nothing starts here
                continue
            tok = doc[i]
            match = 0
            for words in full.get(tok.text, ()):
                k = len(words)
                if i + k <= n_doc and texts[i : i + k] == words and not taken & set(range(i, i + k)):
                    match = max(match, k)
            if not match and len(last_of.get(tok.text, ())) == 1 and len(tok.text) >= 3 and tok.pos_ == "PROPN" \
                    and tok.lower_ not in title_words and tok.lower_ not in CALENDAR_WORDS \
                    and not self._names_a_body(tok.text) \
                    and not (i + 1 < n_doc and doc[i + 1].text[:1].isupper() and doc[i + 1].pos_ == "PROPN"):
                match = 1  # the surname alone, not the first word of another name
            if match:
                span = doc[i : i + match]
                added.append(ActorRef(span.start, span.end, span.text, span.text, "person", how="repeated"))
                i += match
                continue
            i += 1
        if added:
            self.refs = sorted(self.refs + added, key=lambda r: r.start)

    def _names_a_body(self, text: str) -> bool:
        """Whether a word names a state or a body in the dictionary ("Chad", "Congress"), not
        only a person (a leader's surname is still the surname of the person named here)."""
        actor = self.index.lookup(text)
        return actor is not None and actor.kind != "person"

    def _person_named_as_org(self, ent) -> bool:
        """The small model often tags "Foreign Minister Murat Nurtleu"'s name as ORG (or
        "Vice President Thabo Mbeki"'s as GPE): two to four capitalised words right after a
        title, with no organisation word, that the dictionary does not know as a place."""
        words = [t for t in ent if not t.is_punct]
        if not 2 <= len(words) <= 4 or not all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in words):
            return False
        if any(t.lower_ in _ORG_WORDS or t.lower_ in self.lex["title_words"] for t in words):
            return False
        prev = self.doc[ent.start - 1] if ent.start > 0 else None
        if prev is None or (prev.text.lower().rstrip(".") not in self.lex["title_words"]
                            and prev.lower_ not in ("counterpart", "colleague")):
            return False
        return ent.label_ != "GPE" or self.index.lookup(ent.text) is None

    def _is_place_name(self, ent) -> bool:
        """A region or a capital whatever label the model gave it ("Eurasia" and "Yerevan" as PERSON)."""
        key = norm_name(ent.text)
        country = None
        if key not in regions():
            actor = self.index.capital_of(ent.text, self.published())
            if actor is None:
                return False
            country = actor.id
        for i in range(ent.start, ent.end):
            self.places[i] = (_strip_name(ent.text), country)
            if country:
                self.capitals[i] = country
        if country:
            self._capital_spans.append((ent.start, ent.end, country))
        return True

    def _capital_agents(self) -> None:
        """A capital standing for its government where the sentence makes it an agent:
        the subject of a verb ("Ankara rejected the plan"), joined to one ("Washington and
        Moscow agreed"), a side of talks ("talks between Washington and Moscow"), or the
        agent of a passive; never where it is a place ("in Ankara", "to Moscow")."""
        taken = {i for r in self.refs for i in range(r.start, r.end)}
        for start, end, country in self._capital_spans:
            if any(i in taken for i in range(start, end)):
                continue
            span = self.doc[start:end]
            if not _agent_position(span.root) or _bound_for(span.root):
                continue
            actor = self.index.get(country)
            if actor is None:
                continue
            self.refs.append(ActorRef(start, end, span.text, actor.name, "country", id=actor.id, country=actor.id,
                                      sector="GOV", how="capital"))
            for i in range(start, end):
                self.places.pop(i, None)
        self.refs.sort(key=lambda r: r.start)

    def _plain_lookup(self, ent, label: str) -> Actor | None:
        """The dictionary actor an entity without a ruler id names outright.

        A capital or a contextual alias ("Brussels" for the EU) is not an
        outright name: for a place entity it is recorded as a place, and
        contextual aliases are resolved later, in context.
        """
        actor = self.index.lookup(ent.text)
        if actor is None:
            return None
        key = norm_name(ent.text)
        forms = [x for x in (actor.name, *actor.aliases, *actor.demonyms) if norm_name(x) == key]
        if ent.text.islower():
            # "us" is not the US: initialisms and exact forms count only as written
            forms = [x for x in forms if not is_acronym(x) and x not in actor.exact]
        if forms and actor.kind != "person":
            return actor
        if label in ("GPE", "LOC", "FAC"):
            country = actor.id if actor.kind == "country" else actor.country
            for i in range(ent.start, ent.end):
                self.places[i] = (_strip_name(ent.text), country)
        return None

    def _ref_for(self, ent, actor: Actor | None, label: str) -> ActorRef | None:
        text = _strip_name(ent.text)
        if not text:
            return None
        if actor is not None:
            kind = _coarse(actor)
            if actor.kind == "country" and label == "GPE" and actor.capital and norm_name(text) == norm_name(actor.capital) \
                    and norm_name(text) != norm_name(actor.name):
                # a capital: a place, and the government only as a metonym (but "Singapore" is the state)
                for i in range(ent.start, ent.end):
                    self.places[i] = (actor.capital, actor.id)
                    self.capitals[i] = actor.id
                return None
            ref = ActorRef(ent.start, ent.end, ent.text, actor.name, kind, id=actor.id, how="dictionary")
            if actor.kind in ("organization", "institution"):
                ref.code = actor.code
            if kind == "country":
                ref.country = actor.id if len(actor.id) == 3 else actor.country
                for i in range(ent.start, ent.end):
                    self.places[i] = (actor.name, ref.country)
            else:
                ref.country = actor.country
            if actor.kind == "person":
                self._dated_role(ref, actor)
            return ref
        if label == "PERSON":
            if (len(text) < 3 and not self._short_family_name(text)) or not any(c.isupper() for c in text):
                return None
            if self._city_as_person(ent, text):
                return None
            return ActorRef(ent.start, ent.end, ent.text, text, "person")
        if label == "ORG":
            if ent.root.pos_ not in ("PROPN", "NOUN") or len(text) < 2:
                return None
            words = [t.lower_ for t in ent if not t.is_punct and t.lower_ != "the"]
            if all(w in self.lex["title_words"] or w in self.lex["modifiers"] or w == "state" for w in words):
                return None  # "State" of "Secretary of State", "Interior" of "Interior Minister"
            if ent.root.lemma_.lower() in _event_name_nouns():
                # "the Washington Summit", "the Minsk Process": an event's name, not an actor
                self._places_inside(ent)
                return None
            return ActorRef(ent.start, ent.end, ent.text, text, "organization",
                            how="igo" if self.looks_international(text) else "ner")
        if label in ("GPE", "LOC", "FAC"):
            country = city_country(text) if label in ("GPE", "LOC") else None
            for i in range(ent.start, ent.end):
                self.places.setdefault(i, (text, country))
                if label == "GPE":
                    self.towns.add(i)
        return None

    def _city_as_person(self, ent, text: str) -> bool:
        """A city the model read as a person ("visited Lyon", "talks in Manchester"): a name of the
        city table where a place stands (after a place preposition or as what is visited) is a
        place, not a person (a name the dictionary knows is never one)."""
        country = city_country(text)
        if country is None or self.index.lookup(text) is not None:
            return False
        root = ent.root
        if not (root.dep_ == "pobj" and root.head.lower_ in _CITY_PREPS
                or root.dep_ == "dobj" and root.head.lemma_.lower() in _PLACE_VERBS):
            return False
        for i in range(ent.start, ent.end):
            self.places.setdefault(i, (text, country))
            self.towns.add(i)
        return True

    def _short_family_name(self, text: str) -> bool:
        """ "Hu" of "Hu Jintao", "Li" of "Li Peng": a two-letter name is a person's only as the
        first or last word of a longer name the model tags in the article."""
        if len(text) != 2 or not (text[0].isupper() and text[1].islower()):
            return False
        return any(e.label_ == "PERSON" and len(e) >= 2 and text in (e[0].text, e[-1].text) for e in self._ents)

    def looks_international(self, name: str) -> bool:
        """A name of an international body the dictionary does not know ("International
        Coffee Organization"): a marker word and a body noun (``roles.json``)."""
        words = re.sub(r"[^\w\s-]", " ", name.lower()).split()
        text = " " + " ".join(words) + " "
        return any(f" {m} " in text for m in self.lex["igo_markers"]) and any(f" {n} " in text for n in self.lex["igo_nouns"])

    def is_town_or_country(self, i: int) -> bool:
        """A place that is a country, a capital or a town the model tagged GPE (not a sea or a region)."""
        place = self.places.get(i)
        return place is not None and (place[1] is not None or i in self.towns)

    def _role_of(self, actor: Actor) -> dict | None:
        """The person's role on the article's date (their current one if undated)."""
        published = self.published()
        roles = actor.roles_on(published) if published else [r for r in actor.roles if not r.get("to")]
        return (roles or [None])[-1]

    def _dated_role(self, ref: ActorRef, actor: Actor) -> None:
        """A dictionary person's title, state and body as of the article's date; what the
        text says of them (a title, a country) is kept."""
        role = self._role_of(actor)
        near = role or near_role(actor, self.published())
        if actor.learned:
            # a state learned from the store's articles; its title near the dates it was seen
            ref.country = ref.country or actor.country
            role = role or near
        body = self.index.get(near["of"]) if near and near.get("of") else None
        # the title held on the date: near the end of an office, a name is still its holder's,
        # but an ex-president is not the president
        ref.role = ref.role or (role.get("title") if role else None)
        if body is None:
            ref.country = ref.country or (actor.country if role is not None or not actor.roles else None)
            return
        if body.kind == "country":
            ref.country = ref.country or body.id
            # a state's office-holder on the date: the dictionary's title says the sector
            # ("Soviet leader Gorbachev" is the General Secretary)
            if role is not None:
                ref.sector = ref.sector or role_sector(role.get("title")) or "GOV"
        elif ref.organization is None:
            # the code only: the body takes part in an event when the text names it
            ref.organization_code = ref.organization_code or body.code
            ref.country = ref.country or body.country

    def _places_inside(self, ent) -> None:
        """Places named inside an event's name: "Washington" in "the Washington Summit"."""
        for tok in ent:
            actor = self.index.lookup(tok.text) if tok.text[:1].isupper() else None
            if actor is not None and actor.kind == "country":
                name = actor.capital if actor.capital and norm_name(tok.text) == norm_name(actor.capital) else actor.name
                self.places[tok.i] = (name, actor.id)

    # ------------------------------------------------------------------ roles
    def _title_at(self, tokens: list[str]) -> str | None:
        key = " ".join(t.lower().rstrip(".") for t in tokens)
        return key if key in self.lex["titles"] else None

    def _roles(self) -> None:
        """Attach title words and affiliations to every person."""
        doc = self.doc
        self._span_map = {i: r for r in self.refs for i in range(r.start, r.end)}
        in_titles: set[int] = set()
        for ref in self.refs:
            if ref.kind != "person":
                continue
            sent = doc[ref.start].sent
            left = self._left_role(ref.start, sent.start)
            right = self._right_role(ref.end, sent.end)
            role_tokens, orgs = left if left[0] else right
            if left[0] and right[0] and not left[1] and right[1]:
                orgs = right[1]
            if role_tokens:
                ref.role = _join(doc, role_tokens)
            for org in (left[1] + right[1]) if not orgs else orgs:
                self._affiliate(ref, org)
            states = [o for o in (left[1] if left[0] else right[1]) if o.kind == "country"]
            if role_tokens and len(states) == 1 and ref.country == states[0].country:
                # the title and the state name the person here: a lesson, if nobody knows them yet
                ends = [*role_tokens, states[0].start, states[0].end - 1, ref.start, ref.end - 1]
                ref.lesson = (min(ends), max(ends) + 1)
            if ref.country is None and ref.organization_id:
                parent = self.index.get(ref.organization_id)
                if parent is not None and parent.country:
                    ref.country = parent.country
            if ref.country is None:
                # "Chairwoman of the Foreign Relations Committee of the Chilean Senate"
                ref.country = next((o.country for o in left[1] + right[1] if o.country), None)
            in_titles.update(role_tokens)
        self._counterparts()
        # "Solidarity" of "Minister of Health and Solidarity" is part of a title, not an actor
        self.refs = [r for r in self.refs if r.id or r.kind == "person"
                     or not all(i in in_titles for i in range(r.start, r.end))]

    def _counterparts(self) -> None:
        """ "X ... with his Kazakh counterpart Murat Nurtleu": the counterpart holds the office
        of the person named before in the sentence."""
        doc = self.doc
        people = [r for r in self.refs if r.kind == "person"]
        for ref in people:
            if ref.role is not None:
                continue
            window = doc[max(doc[ref.start].sent.start, ref.start - 4) : ref.start]
            if not any(t.lower_ in ("counterpart", "counterparts") for t in window):
                continue
            # "his Libyan counterpart, Shukri Ghanem": the counterpart's own state
            states = {o.country for o in self.refs if o.kind == "country" and o.country
                      and window.start <= o.start < ref.start}
            if ref.country is None and len(states) == 1:
                ref.country = states.pop()
            earlier = [r for r in people if r.end <= window.start and r.start >= doc[ref.start].sent.start]
            before = [r for r in earlier if r.role]
            if before:
                ref.role = before[-1].role
            elif earlier:
                # "Gul said after talks with his Swedish counterpart Carl Bildt": whatever the office,
                # both hold one: officials of their governments
                for r in (ref, earlier[-1]):
                    r.sector = r.sector or "GOV"

    def _affiliate(self, ref: ActorRef, org: ActorRef) -> None:
        if org.kind == "country":
            ref.country = ref.country or org.country
        elif ref.organization is None:
            ref.organization, ref.organization_id, ref.organization_kind = org.name, org.id, "organization"
            ref.organization_country, ref.organization_code = org.country, org.code
            if org.country:
                ref.country = ref.country or org.country

    def _entity_ref(self, i: int) -> ActorRef | None:
        return self._span_map.get(i)

    def _left_role(self, start: int, sent_start: int) -> tuple[list[int], list[ActorRef]]:
        """Title words before a name: "former NATO Secretary General", "Azerbaijan's President"."""
        doc, lex = self.doc, self.lex
        role, orgs, i = [], [], start - 1
        seen_title = False
        if i > sent_start and doc[i].text == "," and self._appositive_to_title(start):
            i -= 1  # "The US ambassador, John Reed,": the title the name is in apposition to
        i = self._before_posting(i, sent_start)
        portfolio = self._portfolio_title(start, sent_start)
        if portfolio is not None:
            # "Minister of Digital Development and Transport Rashad Nabiyev": the title's head
            # word stands before its portfolio; the loop goes on left of it
            role, orgs, i = portfolio
        while i >= sent_start:
            tok = doc[i]
            low = tok.text.lower().rstrip(".")
            ent = self._entity_ref(i) if tok.ent_type_ else None
            if ent is not None and ent.kind != "person":
                orgs.append(ent)
                i = ent.start - 1
                continue
            if tok.ent_type_ in ("NORP", "GPE") and ent is None:
                i -= 1
                continue
            portfolio_first = low in lex["modifiers"] and any(
                doc[j].text.lower().rstrip(".") in lex["title_words"] for j in range(max(sent_start, i - 2), i))
            if low in lex["title_words"] or (low in lex["modifiers"] and (seen_title or portfolio_first)
                                             and low not in ("of", "and", "the", "for")):
                role.insert(0, i)
                seen_title = seen_title or low in lex["title_words"]
                i -= 1
                continue
            if tok.text in ("-", "–") or tok.lower_ == "of":
                joins = role and i > sent_start and doc[i - 1].lower_.rstrip(".") in lex["title_words"]
                if joins and (tok.lower_ != "of" or doc[i + 1].lower_ in lex["title_words"]):
                    role.insert(0, i)  # "Secretary-General", "Secretary of State"
                    i -= 1
                    continue
                if joins:
                    break  # "the spokesman of President X": the spokesman is someone else
            if tok.text in ("-", "–") and role and i > sent_start and doc[i - 1].lower_ in lex["title_words"]:
                role.insert(0, i)
                i -= 1
                continue
            if tok.text in ("'s", "’s", "(", ")") or tok.lower_ in ("the", "his", "her", "their", "its", "of"):
                i -= 1
                continue
            if tok.lower_ in ("counterpart", "colleague"):
                i -= 1
                continue
            break
        # keep only a contiguous title phrase ending right before the name
        while role and doc[role[0]].text.lower() in ("of", "and", "the", "for"):
            role.pop(0)
        if role and not any(doc[j].text.lower().rstrip(".") in lex["titles"] or doc[j].text.lower() in lex["title_words"] for j in role):
            role = []
        # "rebel leader", "opposition leader", "police chief": a noun before the title that makes
        # with it a role of the agents dictionary
        nouns = agent_nouns()
        while role and role[0] - 1 >= sent_start and doc[role[0] - 1].is_lower and doc[role[0] - 1].is_alpha:
            words = " ".join(t.lower_ for t in doc[role[0] - 1 : role[-1] + 1])
            if words not in nouns:
                break
            role.insert(0, role[0] - 1)
        titles = [j for j in role if not lex["titles"].get(doc[j].text.lower().rstrip("."), {}).get("honorific")]
        return titles, orgs

    def _before_posting(self, i: int, sent_start: int) -> int:
        """ "Ambassador to Venezuela John Reed", "the envoy in La Paz, Luis Soto": the place after
        a title of an office held abroad is where the office is held, not whose it is; the title
        words end before the preposition."""
        doc, j = self.doc, i
        while j > sent_start and doc[j].ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP"):
            j -= 1
        if j < i and doc[j].lower_ == "the":
            j -= 1
        if j < i and doc[j].lower_ in ("to", "in", "at") and self._posted_title_ends(j, sent_start):
            return j - 1
        return i

    def _posted_title_ends(self, i: int, sent_start: int) -> bool:
        """A title of an office held abroad or at a body ("ambassador", "chargé d'affaires") ends
        right before token ``i``."""
        return any(self.doc[i - k : i].text.lower() in self.lex["posted"] for k in range(1, 4) if i - k >= sent_start)

    def _appositive_to_title(self, start: int) -> bool:
        """The name starting at ``start`` is in apposition to a title word before its comma."""
        doc = self.doc
        head = doc[start].head if doc[start].dep_ == "compound" else doc[start]
        while head.dep_ == "compound":
            head = head.head
        if head.dep_ != "appos" or head.head.i >= start:
            return False
        target = head.head
        if target.dep_ == "pobj" and target.head.lower_ in ("to", "in", "at"):
            target = target.head.head  # attached to the posting: "the envoy in Quito, Carlos Mendoza"
        return target.text.lower() in self.lex["title_words"]

    def _portfolio_title(self, start: int, sent_start: int) -> tuple[list[int], list[ActorRef], int] | None:
        """A title whose portfolio follows it, right before a name: "Minister of Transport",
        "Minister of Defence of Italy". Returns (indices of "of" and the portfolio, the
        country named after it, the index of the title word) or None."""
        doc, lex = self.doc, self.lex
        j, orgs = start - 1, []
        ent = self._entity_ref(j) if j >= sent_start and doc[j].ent_type_ else None
        if ent is not None and ent.kind == "country":
            # "... of Italy", "... of the Republic of Türkiye" before the name
            k = ent.start - 1
            k -= 1 if k > sent_start and doc[k].lower_ == "the" else 0
            if k > sent_start and doc[k].lower_ == "of":
                orgs.append(ent)
                j = k - 1
        portfolio: list[int] = []
        while j > sent_start and self._portfolio_word(doc[j]):
            portfolio.insert(0, j)
            j -= 1
        if not portfolio or doc[portfolio[0]].lower_ == "and":
            return None
        if j > sent_start and doc[j].lower_ == "of" and doc[j - 1].lower_.rstrip(".") in lex["title_words"]:
            return [j, *portfolio], orgs, j - 1
        return None

    def _right_role(self, end: int, sent_end: int) -> tuple[list[int], list[ActorRef]]:
        """An apposition after a name: ", Chairman of the X Committee," / ", head of X"."""
        doc, lex = self.doc, self.lex
        if end >= sent_end or doc[end].text not in (",", "("):
            return [], []
        i, role, orgs = end + 1, [], []
        if i < sent_end and doc[i].lower_ in ("the", "a", "an"):
            i += 1
        # ", the French Minister of Health": the country before the title
        while i < sent_end and doc[i].ent_type_ in ("NORP", "GPE"):
            ent = self._entity_ref(i)
            if ent is None or ent.kind != "country":
                break
            orgs.append(ent)
            i = ent.end
            if i < sent_end and doc[i].lower_ in ("'s", "’s"):
                i += 1  # ", Indonesia's foreign minister,"
        while i < sent_end and doc[i].lower_ in lex["modifiers"] and doc[i].lower_ not in ("of", "and", "the", "for") \
                and doc[i].lower_ not in lex["title_words"]:
            i += 1
        first = i
        while i < sent_end and doc[i].text not in (",", ")", ";") and not (doc[i].pos_ == "VERB" and doc[i].tag_ != "VBN"):
            ent = self._entity_ref(i) if doc[i].ent_type_ else None
            if ent is not None:
                if ent.kind == "person":
                    break
                orgs.append(ent)
                role.extend(range(i, ent.end))
                i = ent.end
                continue
            role.append(i)
            i += 1
        if not role or doc[first].text.lower().rstrip(".") not in lex["title_words"]:
            return [], []
        # the title must start the apposition: "Chairman of ...", "Deputy Prime Minister"
        return role, orgs

    # ------------------------------------------------------------ references
    def _resolve_people(self) -> None:
        """A surname or a partial name means the longer name met in the article
        ("Aliyev", "Rincon Gonzalez"); else a dictionary person, if only one bears it."""
        people = [r for r in self.refs if r.kind == "person"]
        for r in people:
            # full names first, so that a surname met before its full name shares its identity
            if r.id is None and len(r.name.split()) >= 2:
                self._known_person(r)
        for r in people:
            words = r.name.lower().split()
            longer = {}
            for c in people:
                cw = c.name.lower().split()
                if len(cw) > len(words) and cw[-len(words):] == words:
                    longer.setdefault(c.id or c.name, c)
            if not longer and len(words) == 1:
                # family name first ("Liang" of "Liang Guanglie", "Xi" of "Xi Jinping")
                for c in people:
                    cw = c.name.lower().split()
                    if len(cw) in (2, 3) and cw[0] == words[0]:
                        longer.setdefault(c.id or c.name, c)
            if len(longer) == 1:
                src = next(iter(longer.values()))
                r.name, r.id, r.how = src.name, src.id, "reference"
                for attr in ("country", "organization", "organization_id", "organization_kind",
                             "organization_country", "organization_code", "role"):
                    if getattr(r, attr) is None:
                        setattr(r, attr, getattr(src, attr))
            elif r.id is None:
                self._known_person(r)
        # a name that appears with a role once carries it everywhere
        by_name: dict[str, list[ActorRef]] = {}
        for r in people:
            by_name.setdefault(r.id or r.name, []).append(r)
        for group in by_name.values():
            for attr in ("role", "country", "organization", "organization_id", "organization_kind", "organization_country",
                         "organization_code"):
                value = next((getattr(r, attr) for r in group if getattr(r, attr) is not None), None)
                if value is not None:
                    for r in group:
                        if getattr(r, attr) is None:
                            setattr(r, attr, value)

    def _known_person(self, r: ActorRef) -> None:
        """A person of the dictionary: by full name, or by a surname that only one person
        holding an office near the article's date bears (:func:`dated_candidates`)."""
        words = r.name.split()
        actor = self.index.lookup(r.name) if len(words) >= 2 else None
        if actor is None or actor.kind != "person" or actor.dated_names:
            found = dated_candidates(self.index, r.name, self.published(), self._article_states(), r.role,
                                     by_surname=len(words) < 2 or self._surname_bearers(words[-1]) <= 1)
            actor = found[0] if len(found) == 1 else None
        if actor is None:
            return
        r.id, r.how = actor.id, "learned" if actor.learned else "dictionary"
        if not actor.dated_names or len(words) < 2:
            r.name = actor.name  # "Helmut Kohl" stays as written: REIGN knows "Kohl"
        self._dated_role(r, actor)

    def dateline_state(self) -> str | None:
        """The country of the dateline ("PARIS, March 2 -"); a capital's state on the article's
        date ("MOSCOW" in 1987 is the Soviet Union's)."""
        dateline = self.doc._.dateline if self.doc.has_extension("dateline") else None
        if not dateline:
            return None
        state = self.index.capital_of(dateline["city"], self.published()) if dateline.get("city") else None
        return state.id if state is not None else dateline.get("country")

    def salient_sides(self) -> list[ActorRef]:
        """The states and international bodies the article names most (each twice or more),
        most named first: one reference to each, a country or a body as such."""
        counts: dict[str, int] = {}
        first: dict[str, ActorRef] = {}
        for r in self.refs:
            if self.plural_nationals(r):
                continue  # "the Soviets", "44 Palestinians": a state's people, which a reader does not count as its naming
            side = r.country if r.kind == "country" else (r.id if r.kind == "organization" and r.id and not r.country else None)
            if side is None and r.kind == "person":
                side = r.country
            if side is None:
                continue
            counts[side] = counts.get(side, 0) + 1
            if side not in first and r.kind != "person":
                first[side] = r
        ranked = sorted((s for s in counts if counts[s] >= 2), key=lambda s: (-counts[s], s))
        out = []
        for side in ranked:
            ref = first.get(side)
            if ref is None:
                actor = self.index.get(side)
                if actor is None:
                    continue
                ref = ActorRef(0, 0, actor.name, actor.name, actor.coarse_kind, id=actor.id,
                               country=actor.id if actor.kind == "country" else actor.country, how="salient")
            out.append(ref)
        return out

    def home_state(self) -> str | None:
        """The state an article is about, as a reader takes it for an official named without
        one: the dateline's country ("PARIS, March 2 -"), else the state the article names
        most, if it is named at least twice and more often than any other."""
        dateline = self.dateline_state()
        if dateline:
            return dateline
        counts: dict[str, int] = {}
        for r in self.refs:
            # the state itself, and its bodies and office-holders the dictionary knows
            # ("Labour", "the Commons", "Blair"): a British story may never say "Britain"
            if r.country and (r.kind == "country" or r.id):
                counts[r.country] = counts.get(r.country, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _keep_lessons(self) -> None:
        """Lessons only where the dictionary knows nobody by the name: a full name (two or
        more capitalised words) of an office-holder no dictionary person has, or one the
        store learned before (its evidence grows)."""
        for r in self.refs:
            if r.lesson is None:
                continue
            words = r.name.split()
            learned = r.id is not None and r.id.startswith("learned:")
            if (r.id is not None and not learned) or len(words) < 2 or not all(w[:1].isupper() for w in words) \
                    or not r.country or not self.political_role(r.role) or r.organization_id:
                r.lesson = None

    def lessons(self) -> list[ActorRef]:
        """The people this article introduces with a title and a state, once each."""
        out: dict[str, ActorRef] = {}
        for r in self.refs:
            if r.lesson is not None:
                out.setdefault(norm_name(r.name), r)
        return list(out.values())

    def _listed_state(self, r: ActorRef) -> str | None:
        """The state of the office-holders listed with ``r`` when they all share one: "Chinese
        President Hu Jintao, Premier Wen Jiabao and Vice Premier Wu Yi" are three Chinese
        officials (names separated only by commas, "and" and their titles)."""
        people = [o for o in self.refs if o.kind == "person"]
        k = next(i for i, o in enumerate(people) if o is r)
        listed = []
        for step in (-1, 1):
            i = k
            while 0 <= i + step < len(people):
                a, b = (people[i + step], people[i]) if step < 0 else (people[i], people[i + step])
                if not self._list_gap(a.end, b.start):
                    break
                i += step
                listed.append(people[i])
        states = {o.country for o in listed if o.country}
        return states.pop() if len(states) == 1 else None

    def _list_gap(self, start: int, end: int) -> bool:
        """Whether tokens [start, end) only separate two names of one list: commas, "and" and
        the second name's title ("..., Prime Minister", "and Defence Minister")."""
        gap = self.doc[start:end]
        if not len(gap) or len(gap) > 8 or not any(t.text == "," or t.lower_ == "and" for t in gap):
            return False
        words = self.lex["title_words"]
        return all(t.text == "," or t.lower_ == "and" or t.lower_.rstrip(".") in words
                   or t.lower_ in self.lex["modifiers"] for t in gap)

    def _sentence_state(self, r: ActorRef) -> str | None:
        """The one state the sentence of ``r`` names as an actor (itself or a body of it), if it
        names exactly one: "Russia cannot influence it, Defense Minister Sergei Ivanov said".
        A state named as a place ("in Riga, Latvia", "troops to Iraq"), in another person's
        title, as the other side of the person's own act ("X met Hungarian officials"), or as
        the state of a thing ("the German proposal") does not count."""
        sent = self.doc[r.start].sent
        people_tokens = {i for o in self.refs if o.kind == "person" and o is not r for i in range(o.start, o.end)}
        own = self.doc[r.start : r.end].root
        states = set()
        for other in self.refs:
            if other.kind == "person" or not other.country or not sent.start <= other.start < sent.end:
                continue
            if other.start <= r.start < other.end:
                continue
            tok = self.doc[other.start : other.end].root
            if _place_position(tok) or _counterpart_of(tok, own) or not (self._acting(tok) or _describes(tok, own)):
                continue
            head = tok.head
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head
            if tok.dep_ in ("amod", "compound", "nmod", "poss") and head.i in people_tokens:
                continue  # "Egyptian President Hosni Mubarak": another person's state
            if self._titles_a_person(other.end, people_tokens):
                continue
            states.add(other.country)
        return states.pop() if len(states) == 1 else None

    def _title_state(self, r: ActorRef) -> str | None:
        """The state a title belongs to in English news when nothing else says ("Secretary of
        State" is the American one; ``state`` in ``roles.json``)."""
        if not r.role:
            return None
        words = [w for w in r.role.lower().split() if w not in self.lex["modifiers"] or w in ("of", "the", "state")]
        titles = self.lex["titles"]
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                state = titles.get(" ".join(words[i : i + n]), {}).get("state")
                if state:
                    return state
        return None

    def _acting(self, tok) -> bool:
        """Whether a state (or one of its bodies) named at ``tok`` acts in its sentence: a
        subject or agent ("Russia is unable", "The Serbian foreign ministry denied"), or the
        state of an agent noun ("Lebanese troops", "the Kenyan Minister") — not of a thing
        ("the German proposal")."""
        seen = 0
        while tok.dep_ == "conj" and seen < 5:
            tok, seen = tok.head, seen + 1
        if _agent_position(tok):
            return True
        if tok.dep_ not in ("amod", "compound", "poss", "nmod"):
            return False
        head = tok.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        return self.is_official(head) or bool(self.group_sector(head))

    def _titles_a_person(self, i: int, people_tokens: set[int]) -> bool:
        """Whether the tokens from ``i`` are title words up to a person's name ("[Palestinian]
        leader Mahmud Abbas"): the state named before them is that person's."""
        doc, titles = self.doc, self.lex["title_words"]
        j = i
        while j < len(doc) and j - i < 5 and (doc[j].lower_.rstrip(".") in titles or doc[j].lower_ in self.lex["modifiers"]):
            j += 1
        return j > i and j in people_tokens

    def _titled_state(self, r: ActorRef) -> str | None:
        """The state of an office the article names without its holder, when ``r`` holds an
        office of that title: "the Pakistani president's visit ... President Musharraf"."""
        if not r.role:
            return None
        words = [w for w in r.role.lower().replace("-", " ").split() if w not in self.lex["modifiers"] or w in ("foreign", "defence", "defense", "finance", "interior", "trade")]
        if not words:
            return None
        people_tokens = {i for o in self.refs if o.kind == "person" for i in range(o.start, o.end)}
        states = set()
        for other in self.refs:
            if other.kind != "country" or not other.country:
                continue
            tok = self.doc[other.start : other.end].root
            if tok.dep_ not in ("amod", "compound", "nmod", "poss") or tok.head.i < other.end:
                continue
            noun = tok.head
            between = [t.lower_ for t in self.doc[other.end : noun.i] if t.lower_ not in ("'s", "’s", "the")]
            if between + [noun.lemma_.lower()] != words and between + [noun.lower_] != words:
                continue
            if noun.i + 1 < len(self.doc) and (noun.i + 1) in people_tokens:
                continue  # "Pakistani President Pervez Musharraf": that person's own title
            states.add(other.country)
        return states.pop() if len(states) == 1 else None

    def _title_only(self) -> None:
        """An office named by its title alone, "the prime minister said", "the president's
        discretion": the person named earlier with that office, else an office-holder whose
        state :meth:`_home_officials` finds and whose name :meth:`_title_holders` finds by date.
        Only offices one person holds in a state (``roles.json``'s ``head`` titles, and titled
        portfolios: "the foreign minister"); not when a name, a state or a body goes with it."""
        doc, titles = self.doc, self.lex["titles"]
        taken = {i for r in self.refs for i in range(r.start, r.end)}
        found: list[ActorRef] = []
        lowers = self._cols.lower
        firsts = _office_first_words()
        for i, low in enumerate(lowers):
            if low != "the" or i + 1 >= len(doc) or i + 1 in taken:
                continue
            if lowers[i + 1] not in firsts and " " not in lowers[i + 1]:
                continue  # no title or agent noun starts with the next word: no office here
            tok = doc[i]
            end = tok.sent.end
            for n in range(min(self.lex["max_len"], end - tok.i - 1), 0, -1):
                key = " ".join(lowers[tok.i + 1 : tok.i + 1 + n])
                if _single_office(key, titles.get(key)):
                    span = doc[tok.i + 1 : tok.i + 1 + n]
                    break
            else:
                continue
            after = doc[span.end] if span.end < len(doc) else None
            if any(i in taken for i in range(span.start, span.end)) or (after is not None and (
                    after.i in taken or (after.pos_ == "PROPN" and after.text[:1].isupper()) or after.lower_ in ("of", "for"))):
                continue  # "the President Aliyev", "the president of Ecuador": a name or a state goes with it
            if span[-1].tag_ not in ("NN", "NNP"):
                continue
            title = " ".join(w.capitalize() for w in key.split())
            earlier = self.earlier_person(tok.i, role_word=key)
            if earlier is not None:
                ref = ActorRef(span.start, span.end, span.text, earlier.name, "person", id=earlier.id, role=earlier.role,
                               country=earlier.country, organization=earlier.organization,
                               organization_id=earlier.organization_id, organization_kind=earlier.organization_kind,
                               organization_country=earlier.organization_country,
                               organization_code=earlier.organization_code, how="reference")
            else:
                ref = ActorRef(span.start, span.end, span.text, title, "person", role=title, how="office")
            found.append(ref)
            taken.update(range(span.start, span.end))
        if found:
            self.refs = sorted(self.refs + found, key=lambda r: r.start)

    def _title_holders(self) -> None:
        """The office-holder named by title alone, once their state is known: the person of the
        dictionary holding that office of that state on the article's date ("the Japanese prime
        minister" in March 1995 is Murayama), else the office itself ("Prime Minister of
        Jamaica"). One with no state is dropped: it names nobody."""
        date = self.published()
        keep = []
        for r in self.refs:
            if r.how == "office" and r.kind == "person" and r.id is None:
                if r.country is None:
                    continue
                holders = self.index.office_holders(r.country, r.role, date)
                if len(holders) == 1:
                    r.id, r.name = holders[0].id, holders[0].name
                else:
                    state = self.index.get(r.country)
                    r.name = f"{r.role} of {state.name if state is not None else r.country}"
            keep.append(r)
        self.refs = keep

    def _home_officials(self) -> None:
        """An office-holder the text gives no state ("Finance Minister Edouard Balladur" in a
        Paris report) holds an office of the article's state, unless they serve a body."""
        people = [r for r in self.refs if r.kind == "person" and r.country is None and not r.organization_id
                  and not r.organization_code and self.political_role(r.role)]
        if not people:
            return
        dateline = self.dateline_state()
        home = self.home_state()
        found: dict[str, str] = {}  # person -> the state a mention of them says, before the article's
        guessed = []
        for r in people:
            # the officials listed with them, the reporter's country (a foreigner's nationality
            # is written), the one state the sentence names as an actor, the article's state
            r.country = (self._listed_state(r) or self._titled_state(r) or dateline or self._title_state(r)
                         or self._sentence_state(r))
            if r.country:
                found.setdefault(r.id or r.name, r.country)
            else:
                guessed.append(r)
        for r in guessed:
            # "Downer said ..." where only the article's state would say: the state found where
            # the same person was named with more to go on ("Foreign Minister Alexander Downer")
            r.country = found.get(r.id or r.name) or home
        named = {r.id or r.name: r.country for r in people if r.country}
        if not named:
            return
        for r in self.refs:
            if r.kind == "person" and r.country is None and (r.id or r.name) in named:
                r.country = named[r.id or r.name]

    def _state_sectors(self) -> None:
        """A state named as the modifier of an agent noun is that part of it: "the Chinese
        government" GOV, "Turkish security forces" COP, "Zairean rebels" REB, "a German
        court" JUD (the noun's sector: :func:`azdiplo.agents.phrase_sector`). A body the
        dictionary does not know takes its descriptor's sector, and the state that modifies it
        when that sector is a state's (``roles.json``'s ``state_body_sectors``): "Brazil's
        Health Ministry" BRA.GOV; "Belgian brewing giant Inbev" BUS, its "Belgian" BEL.BUS."""
        titles = self.lex["titles"]
        for r in self.refs:
            if r.kind != "country" or r.sector is not None:
                continue
            head = self._modified_noun(r)
            if head is None:
                continue
            named = self._ref_containing(head.i)
            if named is None and head.i + 1 < len(self.doc):
                named = self._ref_starting(head.i + 1)  # "Turkish Foreign Minister [Hakan Fidan]"
            if named is not None and named is not r:
                noun = self.doc[named.start - 1] if named.start > r.end else head
                if named.kind == "person" and named.how == "ner" and named.id is None and (
                        noun.lemma_.lower() in self.lex["body_nouns"] or noun.lower_ in self.lex["body_nouns"]):
                    # "Russian oil giant Yukos", "the Brazilian state oil company Petrobras": the
                    # model's person after a noun for a body is that body
                    named.kind, named.name = "organization", _strip_name(named.text)
                # "Turkish Foreign Minister Hakan Fidan": the title of a person, who has the sector
                # (the state named with it is the state as a whole, a side of the person's act)
                if named.kind != "person":
                    self._state_of_body(r, named)
                continue
            last = self._name_end(head)
            words = [t.text for t in self.doc[r.end : last + 1] if not t.is_punct and t.lower_ not in ("'s", "’s")]
            if not words or any(self.at_ref(i) for i in range(r.end, last + 1)):
                continue
            # "the official Iraqi News Agency": a word of the phrase before the state's name
            before = [t.text for t in self.doc[max(0, r.start - 2) : r.start]
                      if t.head.i == head.i and t.dep_ in ("amod", "compound") and not self.at_ref(t.i)]
            r.sector = _state_part(phrase_sector(before + words, titles), words) or self.group_sector(head)
            appos = next((self._ref_containing(t.i) for t in head.children if t.dep_ == "appos"), None)
            if appos is not None and r.sector:
                # "Japan's largest bank, Mitsubishi UFJ": the body the phrase describes
                self._state_of_body(r, appos)

    def _named_bodies(self) -> None:
        """A nationality that begins a proper name the model did not keep as one ("American
        Express said", "Swiss Re", "two executives from American International Group"): the
        body that name is, of that state, with the sector its words give, else a company's
        (``roles.json``'s ``named_bodies``; a newspaper's or broadcaster's by its words, "The
        Philippine Star"): the name's words follow the nationality, capitalised
        proper nouns, none a title's or a place's ("Chinese New Year", "the Indian Ocean"), and
        they modify no noun ("the Japanese Nikkei index")."""
        rule = self.lex["named_bodies"]
        doc = self.doc
        for r in self.refs:
            if r.kind != "country" or r.sector is not None or r.start in self._described or not self._is_demonym(r) \
                    or not doc[r.start].text[:1].isupper():
                continue
            end = r.end
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                    and doc[end].is_alpha and not self.at_ref(end):
                end += 1
            words = [t.lower_ for t in doc[r.end : end]]
            if not words or any(w in self.lex["title_words"] or w in rule["not_names"] for w in words):
                continue
            if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN"):
                continue  # "Japanese Nikkei index": the name modifies a noun
            r.sector = _state_part(phrase_sector(words, self.lex["titles"]), words) or self._named_sector(words)
            r.end, r.text = end, doc[r.start : end].text

    def _named_sector(self, words: list[str]) -> str:
        """The sector of a body known only by its proper name: a newspaper's or broadcaster's
        by its words ("Star", "Times"), else a company's (``roles.json``'s ``named_bodies``)."""
        rule = self.lex["named_bodies"]
        return rule["media_sector"] if any(w.lower() in rule["media_words"] for w in words) else rule["sector"]

    def _name_end(self, head) -> int:
        """The last token of a body's name that goes on after its head with "of": "the Ivorian
        Chamber [of Commerce]", "the Brazilian Association [of Citrus Juice Industries]"."""
        doc = self.doc
        if head.pos_ != "PROPN" or head.i + 2 >= len(doc) or doc[head.i + 1].lower_ != "of":
            return head.i
        end = head.i + 1
        while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].text[:1].isupper() \
                and not self.at_ref(end + 1):
            end += 1
        return end if end > head.i + 1 else head.i

    def _bodies_of_states(self) -> None:
        """A state's name whose noun is a body that does not act for the state ("the French
        media", "Japanese firms", "Belgian brewing giant Inbev": ``roles.json``'s
        ``body_sectors``) names that body, not the state: an organization of that state (its
        ``home``, code FRA.JRN), which no event takes as a side for the state."""
        for r in self.refs:
            if r.kind != "country" or r.sector not in self.lex["body_sectors"] or r.start in self._nationals_only:
                continue
            body = self._described.get(r.start)
            if body is not None and body.kind == "organization":
                name = body.name  # "Belgian" of "Belgian brewing giant Inbev" is Inbev
            else:
                head = self._modified_noun(r)
                last = head.i if head is not None and head.i >= r.end else r.end - 1
                name = _strip_name(self.doc[r.start : last + 1].text)
            r.home, r.country, r.id, r.kind, r.how, r.name = r.country, None, None, "organization", "modifier", name

    def _nationals_of(self, ent) -> Actor | None:
        """The country whose people a plural entity names: "44 Palestinians", "most Nigerians",
        "Sri Lankans have lost their jobs" (a demonym of the dictionary with -s), or, with
        "the", the state through them: "talks with the Soviets", "the Palestinians must fight
        terror" (:meth:`_nationals` gives the sector). Either is an actor of the article, never
        an event's side (:meth:`at` does not return it; :meth:`plural_nationals` tells the event
        extractor that it is no antecedent of "they" either: "after they met" of "the Americans"
        who are soldiers). As sides, "the Palestinians" of "negotiations between the
        Palestinians and Israel" lost the mediator the references name (measured on the
        development and tune sets, BENCHMARKS.md)."""
        text = _strip_name(ent.text)
        if not text.endswith("s") or self.index.lookup(text) is not None:
            return None  # "the Philippines" is the state's name, not its people
        actor = self.index.lookup(text[:-1])
        if actor is None or actor.kind != "country" or norm_name(text[:-1]) not in {norm_name(d) for d in actor.demonyms}:
            return None
        definite = ent.text.lower().startswith("the ") or (ent.start > 0 and self.doc[ent.start - 1].lower_ == "the")
        (self._definite_nationals if definite else self._nationals_only).add(ent.start)
        return actor

    def plural_nationals(self, r: ActorRef) -> bool:
        """Whether ``r`` names a state by its people in the plural ("the Soviets")."""
        return r.start in self._definite_nationals or r.start in self._nationals_only

    def _nationals(self) -> None:
        """A country's people named as a noun: "Many Chinese are unwilling", "44 Palestinians"
        (people: ``roles.json``'s ``nationals.bare``), "the Chinese said" (the state acting:
        ``nationals.definite``). A plural ("Palestinians", :meth:`_nationals_of`) is the state
        through its people, as "a South Korean film director" names it: an actor of the
        article, but not a side the event extractor takes (:meth:`at` does not return it)."""
        rule = self.lex["nationals"]
        doc = self.doc
        for r in self.refs:
            if r.kind != "country" or r.sector is not None:
                continue
            if r.start in self._nationals_only:
                r.sector, r.how = rule["bare"], "modifier"
                continue
            tok = doc[r.end - 1]
            if r.start in self._definite_nationals:
                r.sector, r.how = self._definite_sector(tok), "modifier"
                continue
            if not self._is_demonym(r):
                continue
            if tok.dep_ in ("amod", "compound", "nmod", "poss") and tok.head.i >= r.end:
                continue  # a nationality modifying a noun: "Iraqi troops"
            if r.end < len(doc) and doc[r.end].pos_ in ("NOUN", "PROPN") and not self.at_ref(r.end):
                continue  # "Iraqi Kurds", "Chinese astronauts" misparsed: not a noun of its own
            if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"):
                continue
            definite = r.start > 0 and doc[r.start - 1].lower_ == "the"
            r.sector = self._definite_sector(tok) if definite else rule["bare"]

    def _peoples(self) -> None:
        """A people named without a state ("Sunnis make up 20 percent of Iraq's population",
        "moderate Hutus", "Hutu rebels": ``roles.json``'s ``peoples``) are of the state the
        article is about (:meth:`home_state`), with the sector of the noun they name or
        modify (CVL; "rebels" REB): actors of the article, never an event's side."""
        home = None
        doc = self.doc
        for tok in doc:
            low = tok.lower_
            if not tok.text[:1].isupper() or not (low in self.lex["peoples"] or (
                    low.endswith("s") and low[:-1] in self.lex["peoples"])):
                continue
            taken = self._ref_containing(tok.i)
            if taken is not None and not (taken.how == "ner" and taken.id is None and taken.end - taken.start == 1):
                continue  # a name of more words ("Kurdistan Workers Party"), or an actor already
            home = home or self.home_state()
            country = self.index.get(home) if home else None
            if country is None:
                return
            if taken is not None:
                self.refs.remove(taken)  # "Hutu" the model took for a person's or a body's name
            noun = tok.head if tok.dep_ in ("amod", "compound") and tok.head.i > tok.i else None
            sector = (self.group_sector(noun) if noun is not None else None) or phrase_sector([low]) \
                or self.lex["nationals"]["bare"]
            self.refs.append(ActorRef(tok.i, tok.i + 1, tok.text, country.name, "country", id=country.id,
                                      country=country.id, sector=sector, how="modifier"))
            self._nationals_only.add(tok.i)
        self.refs.sort(key=lambda r: r.start)

    def _definite_sector(self, tok) -> str:
        """The sector of a state named by its people with "the" ("the Chinese said", "talks
        with the Soviets"): the state acting (``nationals.definite``), but its people
        (``nationals.bare``) in a share of them ("15 percent of the Iranians") or as the
        subject of "be" ("the French were the most likely to buy")."""
        rule = self.lex["nationals"]
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "NUM", "ADJ") \
                and tok.head.head.lower_ in self.lex["nationals"]["shares"]:
            return rule["bare"]
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ == "be" and any(
                ch.dep_ in ("attr", "acomp") for ch in tok.head.children):
            return rule["bare"]
        return rule["definite"]

    def _modified_noun(self, r: ActorRef):
        """The head of the noun phrase a state's name modifies ("the Chinese [government]",
        "Japanese government [officials]"), or None."""
        doc = self.doc
        tok = doc[r.end - 1]
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head  # "Cypriot and Turkish diplomats": the first conjunct modifies the noun
        if tok.dep_ in ("amod", "compound", "nmod", "poss") and tok.head.i >= r.end:
            head = tok.head
        elif (r.end < len(doc) and doc[r.end].pos_ == "NOUN" and tok.dep_ not in ("pobj", "dobj", "conj")
              and self._is_demonym(r)):
            # the parser missed it ("Pakistani government allowed..." parsed with "Pakistani" as a root):
            # a nationality before a noun modifies it; the phrase runs over the nouns that follow
            head = doc[r.end]
            while head.i + 1 < len(doc) and head.i + 1 - r.end < 4 and doc[head.i + 1].pos_ == "NOUN" \
                    and not self.at_ref(head.i + 1):
                head = doc[head.i + 1]
            return head
        else:
            return None
        # "Japanese government officials": the noun phrase's head is the last of the compounds
        while head.dep_ == "compound" and head.head.i > head.i and head.head.i - r.end < 6:
            head = head.head
        # "the Japanese games giant" parsed with "giant" as a modifier after "games": the last noun
        while head.i + 1 < len(doc) and doc[head.i + 1].head.i == head.i and doc[head.i + 1].dep_ in ("amod", "compound") \
                and not self.at_ref(head.i + 1):
            head = doc[head.i + 1]
        return head

    def _is_demonym(self, r: ActorRef) -> bool:
        country = self.index.get(r.id) if r.id else None
        return country is not None and norm_name(r.text) in {norm_name(d) for d in country.demonyms}

    def _ref_starting(self, i: int) -> ActorRef | None:
        return next((x for x in self.refs if x.start == i), None)

    def _ref_containing(self, i: int) -> ActorRef | None:
        return next((x for x in self.refs if x.start <= i < x.end), None)

    def _state_of_body(self, r: ActorRef, body: ActorRef) -> None:
        """A body the dictionary does not know, modified by state ``r`` through the words
        before it ("Japanese rival Nissan Motor", "Brazil's Health Ministry"): the sector its
        descriptor or its own name gives, and the state when the body is a part of it."""
        if body.kind != "organization" or body.id or body.country is not None or body.start < r.end:
            return
        if any(self.at_ref(i) for i in range(r.end, body.start)):
            return
        descriptor = [t.text for t in self.doc[r.end : body.start] if not t.is_punct and t.lower_ not in ("'s", "’s")]
        own = [t.text for t in self.doc[body.start : body.end] if not t.is_punct]
        body.sector = body.sector or _state_part(phrase_sector(descriptor, self.lex["titles"]), descriptor) \
            or _state_part(phrase_sector(own, self.lex["titles"]), own)
        if body.sector is None and not descriptor and body.how == "ner" and r.end == body.start - (
                self.doc[r.end].lower_ in ("'s", "’s")) and not any(w.lower() in self.lex["named_bodies"]["not_names"]
                                                                     for w in own):
            # "Germany's SAP", "Italy's TIM": a name the dictionary does not know, said to be a
            # state's with nothing else, is a company's (``named_bodies``), as "Swiss Re" is
            body.sector = self._named_sector(own)
        if body.sector in self.lex["state_body_sectors"]:
            body.country = r.country  # "Brazil's Health Ministry" acts for Brazil
        else:
            body.home = r.country  # "Japanese rival Nissan Motor" is Japanese, and no side for Japan
        r.sector = body.sector  # "Belgian" of "Belgian brewing giant Inbev" names that part of the state
        self._described[r.start] = body

    def at_ref(self, i: int) -> bool:
        return any(x.start <= i < x.end for x in self.refs)

    def _surname_bearers(self, surname: str) -> int:
        """How many different full names of the article end with ``surname`` ("Fidel Castro"
        and "Raul Castro": two, and REIGN's "Castro" names neither)."""
        key = norm_name(surname)
        return len({norm_name(r.text) for r in self.refs if r.kind == "person" and len(r.text.split()) >= 2
                    and norm_name(r.text.split()[-1]) == key})

    def published(self) -> str | None:
        """The article's publication date (ISO), for what holds on a date: offices, names, capitals."""
        return self._date  # doc._.published, read once (each doc._ makes a new object)

    def _article_states(self) -> set[str]:
        """The states the article names: countries, demonyms, capitals, people's and bodies' states."""
        if self._states is None:
            states = {r.country for r in self.refs if r.country}
            states.update(c for _, c in self.places.values() if c)
            states.update(self.capitals.values())
            self._states = states
        return self._states

    def _contextual(self, named_ids: set[str]) -> None:
        """Contextual aliases ("the Alliance") of actors the article names outright, then
        those of the home state's institutions that no other of its institutions shares
        ("the Foreign Ministry" in a Paris report, "Labour" in a British story)."""
        doc = self.doc
        home = self.home_state()
        home_bodies = self.index.institutions_of(home) if home else {}
        if not named_ids and not home_bodies:
            return
        # the aliases of the named actors, by their first word (one pass over the text)
        by_first: dict[str, list[tuple[list[str], Actor]]] = {}
        actors = [a for a in map(self.index.get, sorted(named_ids)) if a is not None]
        for actor in actors:
            for alias in actor.contextual_aliases:
                words = [w.lower() for w in alias.split()]
                if words and words[0] == "the":
                    words = words[1:]
                if words:
                    by_first.setdefault(words[0], []).append((words, actor))
        home_ids = set()
        for key, actor in sorted(home_bodies.items()):
            words = key.split()
            if len(words) == 1 and words[0] in _GENERIC_BODY_WORDS:
                continue
            by_first.setdefault(words[0], []).append((words, actor))
            home_ids.add(actor.id)
        if not by_first:
            return
        # tokens of actors already known; a NER entity without an id ("Parliament") may be replaced
        covered = {i for r in self.refs if r.id for i in range(r.start, r.end)}
        n_doc = len(doc)
        lowers = self._cols.lower
        for i, low in enumerate(lowers):
            if low not in by_first:
                continue
            tok = doc[i]
            for words, actor in by_first[low]:
                n = len(words)
                if tok.i + n > n_doc or any(j in covered for j in range(tok.i, tok.i + n)):
                    continue
                if lowers[tok.i : tok.i + n] != words:
                    continue
                span = doc[tok.i : tok.i + n]
                # a capitalised alias, or "the parliament" with its article
                if not span[0].text[0].isupper() and (tok.i == 0 or doc[tok.i - 1].lower_ != "the"):
                    continue
                if actor.id in home_ids and actor.id not in named_ids and not all(
                        t.text[:1].isupper() for t in span if t.is_alpha and t.lower_ not in ("of", "and", "for")):
                    continue  # by the home state alone, only a name as written: "the Foreign Ministry"
                after = doc[tok.i + n] if tok.i + n < n_doc else None
                if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper() and after.ent_type_:
                    continue  # "Republican Guard", "Labour Day": the start of another name
                self.refs = [r for r in self.refs if r.end <= tok.i or r.start >= tok.i + n]
                self.refs.append(
                    ActorRef(tok.i, tok.i + n, span.text, actor.name, _coarse(actor), id=actor.id,
                             country=actor.country, code=actor.code if actor.kind != "person" else None,
                             how="reference")
                )
                covered.update(range(tok.i, tok.i + n))
                break
        self.refs.sort(key=lambda r: r.start)

    # ------------------------------------------------------------- resolving
    def at(self, i: int) -> ActorRef | None:
        return self.by_token.get(i)

    def place_at(self, i: int) -> tuple[str, str | None] | None:
        return self.places.get(i)

    def earlier_person(self, before: int, role_word: str | None = None) -> ActorRef | None:
        """The most recent person before token ``before`` (with a role word, if given)."""
        best = None
        for r in self.refs:
            if r.start >= before:
                break
            if r.kind != "person":
                continue
            if role_word and not (r.role and role_word in r.role.lower()):
                continue
            best = r
        return best

    def political_role(self, role: str | None) -> bool:
        """A role that is a public office: a title of the lexicon with a sector."""
        if not role:
            return False
        words = role.lower().replace("-", " ").split()
        titles = self.lex["titles"]
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                entry = titles.get(" ".join(words[i : i + n]))
                if entry and entry.get("sector"):
                    return True
        return False

    def earlier_people(self, before: int, n: int, role_word: str | None = None) -> list[ActorRef]:
        """The last ``n`` distinct people named before token ``before`` holding ``role_word``
        ("the two presidents"), else any office-holders; [] when fewer are found."""
        for word in (role_word, None):
            found: dict[str, ActorRef] = {}
            for r in reversed([r for r in self.refs if r.start < before and r.kind == "person"]):
                if word and not (r.role and word in r.role.lower()):
                    continue
                if not word and not self.political_role(r.role) and not r.id:
                    continue
                found.setdefault(r.id or r.name, r)
                if len(found) == n:
                    return list(reversed(found.values()))
        return []

    def parliament_of(self, iso3: str | None) -> Actor | None:
        if not iso3:
            return None
        return _legislature(self.index, iso3)

    def group_ref(self, tok, country: str | None) -> ActorRef | None:
        """An unnamed group ("Azerbaijani MPs", "US officials") as the body it belongs to."""
        low = tok.lower_
        title = self.lex["plural"].get(low) or (low if self.lex["titles"].get(low, {}).get("member") else None)
        body = self.lex["groups"].get(tok.lemma_.lower(), {}).get("body")
        if (title and self.lex["titles"][title].get("sector") == "LEG") or body == "LEG":
            parl = self.parliament_of(country)
            if parl is not None:
                return ActorRef(tok.i, tok.i + 1, tok.text, parl.name, "organization", id=parl.id,
                                country=parl.country, code=parl.code, how="role")
        if country:
            c = self.index.get(country)
            if c is not None:
                # "US officials", "the Turkish president": the state, through its officials;
                # "a South Korean film director" names a country, not its state
                how = "role" if self.is_official(tok) else "modifier"
                return ActorRef(tok.i, tok.i + 1, tok.text, c.name, "country", id=c.id, country=c.id, how=how,
                                sector=self.group_sector(tok) if how == "role" else None)
        return None

    def group_sector(self, tok) -> str | None:
        """The sector of an unnamed group's noun: "officials" GOV, "MPs" LEG, "troops" MIL."""
        low, lemma = tok.lower_, tok.lemma_.lower()
        title = self.lex["plural"].get(low)
        if title:
            return self.lex["titles"][title].get("sector")
        groups = self.lex["groups"]
        # "an Iraqi official": the singular of a group noun
        entry = groups.get(lemma) or groups.get(low) or groups.get(low + "s") or {}
        return entry.get("sector") or entry.get("body") or role_sector(low) or role_sector(lemma)

    def is_official(self, tok) -> bool:
        """A noun for people who act for a state or a body: a titled office or an official group."""
        low, lemma = tok.lower_, tok.lemma_.lower()
        if low in self.lex["plural"] or self.political_role(low) or self.political_role(lemma):
            return True
        return self.lex["groups"].get(lemma, {}).get("official", False) or self.lex["groups"].get(low, {}).get("official", False)

    def country_of_modifiers(self, tok) -> str | None:
        """The country named by a noun's modifiers: "Azerbaijani MPs", "US officials", "Azerbaijan's"."""
        found = self.countries_of_modifiers(tok)
        return found[0] if found else None

    def countries_of_modifiers(self, tok) -> list[str]:
        """Every country a noun's modifiers name: "South Korean and Japanese foreign ministers"."""
        out: list[str] = []
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss"):
                for t in (child, *child.conjuncts):
                    ref = self.at(t.i)
                    if ref is not None and ref.kind == "country" and ref.country not in out:
                        out.append(ref.country)
                    elif ref is None and t.i in self.capitals and self.capitals[t.i] not in out:
                        out.append(self.capitals[t.i])  # "Pyongyang's envoys": the capital for its state
        return out


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: prepositions whose object is where something happens or goes, not who acts
_PLACE_PREPS = frozenset({"in", "to", "from", "at", "into", "inside", "across", "near", "throughout", "toward",
                          "towards", "via", "around", "through", "within", "outside", "on", "over", "onto"})
#: prepositions after which a city the model read as a person is a place ("arrived in Lyon")
_CITY_PREPS = frozenset({"in", "to", "at", "into", "near", "toward", "towards", "via"})
#: verbs whose object is a place: "visited Latvia", "entered Somalia"
_PLACE_VERBS = frozenset({"visit", "enter", "leave", "invade", "tour", "reach", "cross", "attack", "bomb"})


def _state_part(sector: str | None, words: list[str]) -> str | None:
    """The sector of a phrase that a state's name modifies: never an international body's
    ("South Africa's director-general of finance" is an official of the state, GOV, not the
    head of an agency, as the title alone would be): the agents dictionary's sector then."""
    if sector != "IGO":
        return sector
    return phrase_sector(words)


def _describes(tok, person) -> bool:
    """Whether ``tok`` modifies an apposition of ``person``: "X, a Somali clan warlord"."""
    head = tok.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    return tok.dep_ in ("amod", "compound", "poss", "nmod") and head.dep_ == "appos" and head.head.i == person.i


def _counterpart_of(tok, person) -> bool:
    """Whether ``tok`` names the other side of what ``person`` did: in the object of the
    verb whose subject the person is ("X met Hungarian officials", "X held talks with
    Iran"), through noun modifiers only."""
    node, steps = tok, 0
    while node.dep_ in ("amod", "compound", "poss", "nmod", "conj") and node.head.i != node.i and steps < 6:
        node, steps = node.head, steps + 1
    if node.dep_ == "pobj" and node.head.lower_ in ("with", "between", "against"):
        node = node.head
        if node.head.dep_ == "dobj":  # "held talks with Iran"
            node = node.head
    if node.dep_ not in ("dobj", "prep") or node.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = node.head
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    subjects += [c for s in subjects for c in s.conjuncts]
    return any(s.i == person.i for s in subjects)


def _place_position(tok) -> bool:
    """A token the parse makes a place: the object of "in", "to", "from"... ("in Riga,
    Latvia": an apposition of a place too) or of "visited"."""
    seen = 0
    while tok.dep_ in ("conj", "appos") and seen < 5:
        tok, seen = tok.head, seen + 1
    if tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS:
        return True
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in _PLACE_VERBS


def _bound_for(tok) -> bool:
    """ "set off for Quito to join the summit", parsed as "for Quito to join": where, not who."""
    return tok.dep_ == "nsubj" and any(ch.dep_ == "mark" and ch.lower_ == "for" for ch in tok.head.children)


def _agent_position(tok) -> bool:
    """A token the parse makes an agent: a subject, the agent of a passive ("by
    Moscow"), an object of "between"/"with" after talks, or a conjunct of one."""
    seen = 0
    while tok.dep_ == "conj" and seen < 5:
        tok, seen = tok.head, seen + 1
    if tok.dep_ in _SUBJECTS:
        return True
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ == "by" and prep.dep_ == "agent":
            return True
        if prep.lower_ == "between":
            return True
        if prep.lower_ == "with" and prep.head.lemma_.lower() in ("talk", "talks", "negotiation", "agreement", "deal",
                                                                    "relation", "tie", "dispute", "meeting"):
            return True
    return False


#: how far from an office's dates a name still names its holder: wire copy
#: reports a leader-elect before the inauguration and an outgoing one after it
NEAR_DAYS = 45


def _day(value: str, *, end: bool) -> dt.date:
    """A dictionary date (YYYY, YYYY-MM, YYYY-MM-DD) as its first or last day."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not end:
            return dt.date(y, m, 1)
        return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def near_role(actor: Actor, date: str | None, days: int = NEAR_DAYS) -> dict | None:
    """The role of ``actor`` whose dates, widened by ``days`` on each side, hold ``date``."""
    if not date:
        return None
    try:
        day = _day(date[:10], end=False)
    except ValueError:
        return None
    margin = dt.timedelta(days=days)
    for role in reversed(actor.roles):
        lo = _day(role["from"], end=False) - margin if role.get("from") else dt.date.min
        hi = _day(role["to"], end=True) + margin if role.get("to") else dt.date.max
        if lo <= day <= hi:
            return role
    return None


def dated_candidates(index: ActorIndex, name: str, date: str | None, states: set[str],
                     title: str | None = None, *, by_surname: bool = True) -> list[Actor]:
    """The dictionary people a person's name can mean in an article of ``date`` naming ``states``.

    A name matches a person by their name or one of their contextual aliases
    (a surname: "Kohl", "Deng"); a longer name by its last word, unless its
    first name contradicts a full name the dictionary knows ("Magic Johnson"
    is not "Lyndon Johnson"; "Helmut Kohl" is REIGN's "Kohl"). Candidates
    must hold an office within :data:`NEAR_DAYS` of the date; a leader known
    only by surname (REIGN) must also lead a state the article names, or be
    given the title of that office by the text ("President Reagan" in a
    story that names no state), and the article must be dated. An undated
    article keeps every other candidate. ``by_surname=False`` (the article
    names two people of that surname) matches a longer name only in full.
    """
    title_head = title.split()[-1].lower() if title else None
    words = name.split()
    found: dict[str, Actor] = {}
    for a in index.lookup_all(name):
        if a.kind == "person":
            found[a.id] = a
    if len(words) >= 2 and by_surname:
        for a in index.lookup_all(words[-1]):
            if a.kind != "person" or not a.dated_names:
                continue
            full = a.name.split()
            if len(full) >= 2 and (norm_name(full[-1]) != norm_name(words[-1])
                                   or norm_name(full[0]) != norm_name(words[0])):
                continue  # "Rincon Gonzalez" is not "Gonzalez Videla", "Raul Castro" not "Fidel Castro"
            found.setdefault(a.id, a)
    out = []
    for a in found.values():
        role = near_role(a, date) if date else None
        if a.learned:
            # what the store learned names its person at any date: by the full name, or by
            # the surname in an article that names the person's state or gives the title
            same_title = bool(title_head and any(r["title"].split()[-1].lower() == title_head for r in a.roles))
            if norm_name(a.name) == norm_name(name) or a.country in states or same_title:
                out.append(a)
            continue
        if (date and role is None) or (a.dated_names and not date):
            continue
        if a.dated_names:
            state = (role or {}).get("of") or a.country
            titled = bool(title_head and role and role["title"].split()[-1].lower() == title_head)
            if role and role["title"] == "Leader" and title:
                # an office the dictionary does not name: "President Compaore" leads his state
                titled = bool(role_lexicon()["titles"].get(title.lower(), {}).get("head"))
            if state not in states and not titled:
                continue
        out.append(a)
    return out


@functools.lru_cache(maxsize=1)
def regions() -> frozenset:
    """Names of world regions (``azdiplo/data/regions.json``), normalised: places, never actors."""
    data = json.loads(resources.files("azdiplo").joinpath("data/regions.json").read_text(encoding="utf-8"))
    return frozenset(norm_name(r) for r in data["regions"])


def _join(doc, indices: list[int]) -> str:
    """The text of tokens, with the text's own spacing between neighbours ("Secretary-General")."""
    out = ""
    for k, i in enumerate(indices):
        out += doc[i].text
        if k + 1 < len(indices):
            out += doc[i].whitespace_ if indices[k + 1] == i + 1 else " "
    return out


def region_patterns() -> list[dict]:
    """Entity-ruler patterns for world regions (label LOC, id "region"): places, never actors."""
    data = json.loads(resources.files("azdiplo").joinpath("data/regions.json").read_text(encoding="utf-8"))
    out = []
    for r in data["regions"]:
        for form in dict.fromkeys((r, r.upper())):
            out.append({"label": "LOC", "pattern": form, "id": "region"})
    return out


@functools.lru_cache(maxsize=1)
def _event_name_nouns() -> frozenset:
    from ..lexicon import load

    lex = load()
    # "Forum on China-Africa Cooperation" is a body: light-only nouns name events only when attended
    nouns = {n for n, entry in lex.nouns.items() if not entry.get("light_only")}
    return frozenset(nouns) | lex.word_set("agreement_nouns") | lex.word_set("event_name_nouns")


_LEG_CACHE: dict[tuple[int, str], Actor | None] = {}


def _legislature(index: ActorIndex, iso3: str) -> Actor | None:
    key = (id(index), iso3)
    if key not in _LEG_CACHE:
        found = None
        for actor in index:
            if actor.kind == "institution" and actor.country == iso3 and actor.code == f"{iso3}.LEG" and not actor.parent:
                found = actor
                break
        _LEG_CACHE[key] = found
    return _LEG_CACHE[key]
