"""Where an event took place, and how that was chosen (``place_source``).

``sentence``: an "in"/"at" phrase of the trigger's clause ("met in Baku",
"the summit was held in Astana", "the meeting held in Istanbul", "the
Washington Summit" (a capital the model did not tag too: "the Beijing
Summit"), "signed ... in Asuncion on Saturday", or of the clause it is joined to: "met X in Zagreb and
the two leaders pledged ..."), a visit's destination ("arrived in Tokyo",
"during his visit to Tokyo"), the clause a participle clause hangs on ("signed
... in Pretoria, committing ..."), where what is said right after it is said
("said in Shanghai after meeting Y"), never the place of another event named in the
clause ("following the summit in Brazil"), a time, a venue's state or a relative
clause's place; ``host``: the host's country of "hosted";
``context``: the event it lies within, or the visit told last of one of its
parties; ``dateline``: "here" in a datelined
report (in a report without its dateline, the place its headline puts the news
in: "Summit opens in Dhaka"; a visit "here" under neither, the capital of the one
state its sentence names besides the visitor's), or the lede of a datelined report. A call has no place. Otherwise null, with the
reason.
"""

from __future__ import annotations

import functools
import re

from ...lexicon import load
from ...places import city
from ..people import ActorRef, DocActors
from .model import Candidate

_PLACE_PREPS = {"in", "at"}
_TIMES = {"DATE", "TIME"}
# the prepositions that say where within a place ("the city of Ramallah", "Hebron in the West Bank");
# not "by" or "with" ("in the Conference Center by X, Prime Minister of Pakistan")
_WITHIN = {"of", "in", "at", "near", "outside"}


@functools.cache
def _event_nouns() -> frozenset:
    """The nouns that name events ("summit", "talks", "accord"): the lexicon's."""
    lex = load()
    return frozenset(lex.nouns) | lex.word_set("agreement_nouns") | lex.word_set("event_name_nouns")


_HEADLINE_PLACE = re.compile(r"\b(?:%s)\s+([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})" % "|".join(sorted(_PLACE_PREPS)))


def headline_place(title: str | None, index, date: str | None) -> dict | None:
    """The place a headline puts the news in ("Summit opens in Dhaka", "Arafat in Cairo to ask
    Egypt's help"): a capital, a city of the table or a state after "in" or "at". A wire
    report without its dateline says "here" of that place."""
    for m in _HEADLINE_PLACE.finditer(title or ""):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n]).rstrip(".,:;'")
            state = index.capital_of(name, date)
            if state is not None:
                return {"city": state.capital, "country": state.id}
            town = city(name)
            if town is not None:
                return {"city": name, "country": town.country}
            actor = index.lookup(name)
            if actor is not None and actor.kind == "country":
                return {"city": name, "country": actor.id}
    return None


def _aside(v: Candidate, c: Candidate) -> bool:
    """ "The minister, who arrives from Asia where she visited Japan, will hold talks with
    Kenyan officials": a visit told in a relative clause of the sentence of ``c``, which that
    clause does not contain, is behind the traveller, not where ``c`` takes place."""
    if v.sent.start != c.sent.start:
        return False
    tok = v.trigger.tok
    clause = next((a for a in [tok, *tok.ancestors] if a.dep_ == "relcl"), None)
    if clause is None:
        return False
    lo, hi = clause.left_edge.i, clause.right_edge.i
    return not lo <= c.trigger.tok.i <= hi


def _same_days(a: dict | None, b: dict | None) -> bool:
    """Whether two dates (timex dicts) may name the same days: one's value begins the other's."""
    va, vb = (a or {}).get("value") or "", (b or {}).get("value") or ""
    return bool(va and vb) and (va.startswith(vb[:10]) or vb.startswith(va[:10]))


class Placing:
    """Chooses the place of each candidate of one Doc."""

    def __init__(self, doc, actors: DocActors, *, dateline: dict | None, is_lede, anaphor_event, prep_objects,
                 conjoined_to):
        self.doc = doc
        self.actors = actors
        self.dateline = dateline
        # where "here" is: the dateline's city, else the place the headline puts the news in
        self.report = dateline if dateline and dateline.get("city") else headline_place(
            getattr(doc._, "title", None), actors.index, actors.published())
        self._is_lede = is_lede
        # the lede of a report without dateline: its first sentence with a verb
        self._lede_start = next((s.start for s in doc.sents if any(t.pos_ in ("VERB", "AUX") for t in s)), -1)
        self._conjoined_to = conjoined_to
        self._anaphor_event = anaphor_event
        self._prep_objects = prep_objects

    def choose(self, c: Candidate, found_all: list[Candidate]) -> None:
        actors = self.actors
        trig = c.trigger
        if trig.type == "call":
            c.place_reason = "a call: the parties were not in one place"
            return
        toks = [t for t in (trig.tok, trig.verb) if t is not None]
        toks += [self.doc[i] for i in sorted(trig.consumed)]
        noun = trig.noun
        if noun is not None:
            toks += self._prep_objects(noun, {"of"})
            if trig.verb is None and noun.dep_ in ("nsubj", "nsubjpass"):
                toks.append(noun.head)  # "talks resumed in Brussels", "the summit was held in Astana"
            # "the meeting held in Istanbul", "the summit hosted at the palace": a participle of the noun
            toks += [ch for ch in noun.children if ch.dep_ == "acl" and ch.tag_ == "VBN"]
        candidates = list(c.host_places)
        for t in toks:
            # a time is no place: "held talks later in the day", "met in September"
            candidates += [p for p in self._prep_objects(t, _PLACE_PREPS) if p.ent_type_ not in _TIMES]
        if noun is not None:
            # "the Washington Summit", "the Beijing Summit of the Forum" (a capital the model left untagged)
            candidates += [ch for ch in noun.children if ch.dep_ == "compound"
                           and (actors.place_at(ch.i) or self._named_capital(ch, naming=True))]
        candidates += self._visit_frame(c)
        candidates += self._where_clause(trig)
        if not candidates:
            candidates += self._said_after(trig)
        if not candidates and trig.verb is not None:
            candidates += self._clause_places(trig.verb)
        joined = self._conjoined_to(trig) if not candidates else None
        if joined is not None:
            candidates += self._clause_places(joined)  # "met X in Zagreb and the two pledged ..."
        if not candidates:
            candidates += self._participle_head(trig)
        for cand in candidates:
            for tok in [cand, *cand.conjuncts, *self._parts(cand)]:
                if tok.i != cand.i and self._names_a_venue(tok):
                    continue
                place = actors.place_at(tok.i)
                if place is not None:
                    c.place, c.place_country = place
                    c.place_source = "sentence"
                    return
                capital = self._capital_of(tok) or self._named_capital(
                    tok, naming=tok.dep_ == "compound" and tok.head.lemma_.lower() in _event_nouns())
                if capital is not None:
                    c.place, c.place_country = capital
                    c.place_source = "sentence"
                    return
                if tok.lower_ in ("headquarters", "hq"):
                    owner = next((actors.at(x.i) for x in tok.children if actors.at(x.i)), None)
                    if owner is not None:
                        c.place, c.place_country, c.place_source = f"{owner.name} headquarters", owner.country, "sentence"
                        return
        if self.report and self._here(toks):
            c.place, c.place_country, c.place_source = self.report["city"], self.report.get("country"), "dateline"
            c.place_reason = "'here' in a datelined report" if self.report is self.dateline \
                else "'here' in a report its headline places there (no dateline)"
            return
        if not self.report and self._here(toks):
            named = self._city_naming_an_event(c.sent)
            if named is not None:
                # "The summit ended here Sunday and passed the Dhaka Declaration"
                c.place, c.place_country, c.place_source = *named, "sentence"
                c.place_reason = f"'here' where the sentence's {named[0]} names what was agreed or held"
                return
        if trig.type == "meeting" and trig.entry.get("roles", {}).get("subject") == "host":
            hosts = [r for r, fn in c.refs if fn == "host" and r.country]
            if hosts:
                country = actors.index.get(hosts[0].country)
                if country is not None:
                    c.place, c.place_country, c.place_source = country.name, country.id, "host"
                    c.place_reason = f"hosted by {hosts[0].name}"
                    return
        # the statement or commitment of a meeting's members was made where they met
        ref = c.gathering or self._anaphor_event(c, found_all) or c.context_event
        if ref is not None and ref.place:
            c.place, c.place_country, c.place_source = ref.place, ref.place_country, "context"
            c.place_reason = f"follows the {ref.trigger.tok.text} in {ref.place}"
            return
        if self.dateline and (self._is_lede(c.sent) or c.date_source in ("publication", "dateline")) \
                and self.dateline.get("city") and c.status == "occurred" and trig.type != "visit":
            c.place, c.place_country, c.place_source = self.dateline["city"], self.dateline.get("country"), "dateline"
            c.place_reason = "lede of a datelined report"
            return
        if self.report and self.report is not self.dateline and c.status == "occurred" and trig.type != "visit" \
                and (c.sent.start == self._lede_start or c.date_source in ("publication", "dateline")):
            # a report without its dateline: its headline says where the news is ("Talks open in Dhaka")
            c.place, c.place_country, c.place_source = self.report["city"], self.report.get("country"), "dateline"
            c.place_reason = "lede of a report its headline places there (no dateline)"
            return
        visit = self._during_visit(c, found_all)
        if visit is not None:
            c.place, c.place_country, c.place_source = visit.place, visit.place_country, "context"
            c.place_reason = f"during the {visit.trigger.tok.text} to {visit.place} told before"
            return
        c.place_reason = "the text does not say where"

    @staticmethod
    def _during_visit(c: Candidate, found_all: list[Candidate]) -> Candidate | None:
        """ "X arrived in Cairo on Wednesday ... X would hold talks with Egyptian officials", "X
        left Libya after talks with Kadhafi ... X also met a Ugandan delegation": an event of the
        visitor of the visit told last, with no other day of its own, took place there."""
        if c.trigger.type not in ("meeting", "negotiation", "agreement", "intent") \
                or c.status not in ("occurred", "planned"):
            return None
        states = {r.country for r, _ in c.refs if r.country}
        v = next((o for o in reversed(found_all) if o.trigger.type == "visit" and not o.reference
                  and not _aside(o, c)), None)
        if v is None or not v.place or not v.place_country or v.place_source not in ("sentence", "dateline"):
            return None
        if v.status == "planned" and c.status == "occurred":
            return None  # before the visit
        visitors = {r.country for r, fn in v.refs if fn != "host" and r.country} - {v.place_country}
        if not visitors & states:
            return None
        if c.date_source == "sentence" and not _same_days(c.date, v.date):
            return None  # "signed an extradition treaty in 1995": not during this visit
        return v

    @staticmethod
    def _parts(cand) -> list:
        """The names within a place's phrase: "the Turkish capital Ankara", "the city of
        Ramallah", "Hebron in the West Bank"; not a person's ("by X, Prime Minister of
        Pakistan") nor anything after "by" or "with"."""
        out = []
        for x in cand.subtree:
            if x.i == cand.i or x.dep_ not in ("appos", "compound", "pobj"):
                continue
            y = x
            while y.i != cand.i and (y.dep_ in ("compound", "pobj") or (y.dep_ == "appos" and y.head.ent_type_ != "PERSON")
                                     or (y.dep_ == "prep" and y.lower_ in _WITHIN)):
                y = y.head
            if y.i == cand.i:
                out.append(x)
        return out

    def _names_a_venue(self, tok) -> bool:
        """A word of a venue's name that is no town: a state ("in the Bangladesh China Friendship
        Conference Center" is in the capital, not anywhere in the state) or a region ("at this
        North Island tourist resort")."""
        if tok.dep_ != "compound" or tok.head.pos_ not in ("NOUN", "PROPN"):
            return False
        if not self.actors.is_town_or_country(tok.i):
            return True
        name = tok.head
        while name.dep_ == "compound" and name.head.i != name.i:
            name = name.head  # "Bangladesh" -> "China" -> ... -> "Center"
        ref = self.actors.at(tok.i)
        return ref is not None and ref.kind == "country" and name.pos_ == "PROPN" \
            and self.actors.place_at(name.i) is None

    def _city_naming_an_event(self, sent) -> tuple[str, str] | None:
        """The one capital that names an agreement or a meeting of the sentence ("the Dhaka
        Declaration", "the Hanoi Action Plan")."""
        found = set()
        for tok in sent:
            if tok.dep_ != "compound":
                continue
            name = tok.head
            while name.dep_ == "compound" and name.head.i != name.i:
                name = name.head
            if name.lemma_.lower() not in _event_nouns() and name.lemma_.lower() not in ("plan", "summit", "talks"):
                continue
            capital = self._named_capital(tok, naming=True)
            if capital is not None:
                found.add(capital)
        return next(iter(found)) if len(found) == 1 else None

    def _participle_head(self, trig) -> list:
        """ "signed the accord in Lima on Friday, binding both states to
        ...": a participle clause tells of the act it hangs on, where that took place."""
        pred = trig.predicate
        if pred is None or pred.dep_ != "advcl" or pred.tag_ != "VBG" or pred.head.pos_ != "VERB" \
                or any(ch.dep_ in ("mark", "advmod") for ch in pred.children if ch.i < pred.i):
            return []
        verb = pred.head
        heads = [verb, *(ch for ch in verb.children if ch.dep_ == "dobj")]
        return [p for h in heads for p in self._prep_objects(h, _PLACE_PREPS)
                if p.ent_type_ not in _TIMES and self.actors.is_town_or_country(p.i)]

    def _said_after(self, trig) -> list:
        """ "X said in Lagos after meeting Y", "X told reporters in the city of Mombasa following
        talks with Y": what is said right after an event is said where it took place."""
        event = trig.noun if trig.noun is not None else trig.tok
        prep = event.head
        if event.dep_ not in ("pobj", "pcomp") or prep.lower_ not in ("after", "following") or prep.dep_ != "prep":
            return []
        verb = prep.head
        if verb.pos_ != "VERB" or not (verb.lemma_.lower() in load().word_set("speech_verbs") or any(
                ch.dep_ == "dobj" and ch.lemma_.lower() in ("statement", "remark", "comment") for ch in verb.children)):
            return []
        heads = [verb, *(ch for ch in verb.children if ch.dep_ == "dobj")]
        return [p for h in heads for p in self._prep_objects(h, _PLACE_PREPS) if p.ent_type_ not in _TIMES]

    @staticmethod
    def _where_clause(trig) -> list:
        """ "returned from Addis Ababa, where he held talks with ...": the place a relative
        clause of "where" describes ("flew in from Thailand, where he was on a four-day visit":
        through the preposition of a visit noun)."""
        verb = trig.predicate
        if verb is not None and verb.dep_ == "prep" and trig.verb is None:
            verb = verb.head
        if verb is None or verb.dep_ not in ("relcl", "advcl"):
            return []
        where = next((ch for ch in verb.children if ch.dep_ == "advmod" and ch.lower_ == "where"), None)
        if where is None:
            return []
        if verb.dep_ == "relcl":
            return [verb.head]
        # the clause hung on the verb before it: the place is the word "where" follows
        before = where.i - 1
        if before > verb.sent.start and verb.doc[before].is_punct:
            before -= 1
        return [verb.doc[before]] if before >= verb.sent.start else []

    def _capital_of(self, tok) -> tuple[str, str] | None:
        """ "in the Chinese capital", "the Sudanese capital's airport": the capital of the
        state its modifier names (a name in apposition is read first: "the Turkish capital
        Ankara")."""
        if tok.lemma_.lower() != "capital" or any(ch.dep_ == "appos" for ch in tok.children):
            return None
        for ch in tok.children:
            ref = self.actors.at(ch.i) if ch.dep_ in ("amod", "compound", "nmod", "poss") else None
            if ref is not None and ref.kind == "country" and ref.country:
                state = self.actors.index.get(ref.country)
                if state is not None and state.capital:
                    return state.capital, state.id
        return None

    def _named_capital(self, tok, naming: bool = False) -> tuple[str, str] | None:
        """A capital's name the model did not tag as a place ("the Beijing Summit"): a proper
        noun the dictionary knows as the capital of a state on the article's date. ``naming``:
        the word names an event or an agreement, whatever the model tagged it ("the Dhaka
        Declaration" as a person)."""
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or (
                not naming and tok.ent_type_ not in ("", "GPE", "LOC", "FAC")):
            return None
        state = self.actors.index.capital_of(tok.text, self.actors.published())
        return (state.capital, state.id) if state is not None and state.capital else None

    @staticmethod
    def _here(toks) -> bool:
        clauses = [ch for t in toks for ch in t.children if ch.dep_ in ("relcl", "acl")]
        return any(ch.lower_ == "here" and ch.dep_ == "advmod" for t in toks + clauses for ch in t.children)

    def _visit_frame(self, c: Candidate) -> list:
        """ "During his visit to Tokyo, X met Y": the event happened at the visit's destination."""
        out = []
        for tok in c.sent:
            if tok.dep_ == "pobj" and tok.head.lower_ in ("during", "on") and tok.lemma_.lower() in ("visit", "trip", "tour") \
                    and tok.i != c.trigger.tok.i:
                out += self._prep_objects(tok, {"to", "in"})
        return out

    def _clause_places(self, verb) -> list:
        """In/at phrases anywhere in the verb's clause, outside other events' phrases:
        "received a delegation of the US Congress in Cairo"."""
        out = []
        for tok in verb.subtree:
            if tok.dep_ == "prep" and tok.lower_ in _PLACE_PREPS and tok.head.pos_ in ("NOUN", "PROPN", "VERB") \
                    and not self._in_relative_clause(tok, verb):
                if tok.head.pos_ == "VERB" and tok.head.i != verb.i:
                    continue
                if tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in _event_nouns():
                    continue  # another event's place: "following the first summit in Brazil"
                # only towns and countries: "a code of conduct in the South China Sea" is a topic
                out.extend(p for p in tok.children if p.dep_ == "pobj"
                           and (self.actors.is_town_or_country(p.i) or self._capital_of(p)
                                or any(a.dep_ == "appos" and self.actors.is_town_or_country(a.i) for a in p.children)))
        return out

    @staticmethod
    def _in_relative_clause(tok, verb) -> bool:
        """ "received X, who later appealed for investment in Kenya": what a relative clause
        says of a participant happened elsewhere or later."""
        while tok.i != verb.i and tok.head.i != tok.i:
            if tok.dep_ == "relcl":
                return True
            tok = tok.head
        return False

    # ------------------------------------------------------------------ visits
    def host_country(self, c: Candidate, side) -> None:
        """A visit to a city is a visit to its country: the country hosts."""
        if not c.place_country or c.place_source not in ("sentence", "dateline", "context"):
            return
        if c.place_country in {side(r) for r, fn in c.refs if fn != "host"}:
            return  # a visit within one's own country names no host
        if any(fn == "host" for _, fn in c.refs):
            return
        country = self.actors.index.get(c.place_country)
        if country is None or country.kind != "country":
            return
        tok = c.trigger.tok
        c.add(ActorRef(tok.i, tok.i + 1, c.place or country.name, country.name, "country", id=country.id,
                       country=country.id, how="place"), "host")

    def visit_destination(self, c: Candidate, side) -> None:
        """Where a visit without a stated destination went: the report's dateline (or, when it was
        cut off, the headline's place), when the visitor comes from elsewhere ("BEIJING, Nov. 3 --
        ... visiting Ghanaian President"); "arrived here" in a report that says neither: the
        capital of the one state the sentence names besides the visitor's ("arrived here for
        talks with Turkish leaders")."""
        if c.place:
            return
        visitors = {side(r) for r, fn in c.refs if fn != "host"} - {None}
        report, reason = self.report, "no destination in the sentence; the report's dateline" \
            if self.report is self.dateline else "no destination in the sentence; the place of the report's headline"
        if not report or not report.get("city"):
            report, reason = self._host_capital(c, visitors), "'here' in a report without dateline: the host's capital"
            if report is None:
                return
        where = report.get("country")
        if where and where in visitors:
            return
        c.place, c.place_country, c.place_source = report["city"], where, "dateline"
        c.place_reason = reason
        if where:
            country = self.actors.index.get(where)
            if country is not None:
                tok = c.trigger.tok
                c.add(ActorRef(tok.i, tok.i + 1, report["city"], country.name, "country",
                               id=country.id, country=country.id, how="place"), "host")

    def _host_capital(self, c: Candidate, visitors: set) -> dict | None:
        toks = [t for t in (c.trigger.tok, c.trigger.verb) if t is not None]
        if not self._here(toks):
            return None
        states = {r.country for r in self.actors.refs if c.sent.start <= r.start < c.sent.end and r.country} - visitors
        state = self.actors.index.get(next(iter(states))) if len(states) == 1 else None
        if state is None or state.kind != "country" or not state.capital:
            return None
        return {"city": state.capital, "country": state.id}
