"""The parties of an event: from the structure of its sentence, then from the discourse.

A trigger's parties are read from the parse, never from every entity of the
sentence:

- a verb's subjects (through passives, control, coordination and relative
  clauses), objects, and its "with", "between", "among" and "by" phrases;
- an event noun's possessor ("Rubin's talks"), modifiers ("Israeli-US
  summit", "EU-Mercosur deal"), its "between", "with", "of" and "by"
  phrases, "a summit involving A, B and C";
- the clause an event noun frames: "X told reporters after talks with Y",
  "X said during a visit to Z" — X took part;
- the discourse: "he", "his", "they", "their", "the two leaders", "both
  sides", "the two countries" are the actors named before them.

:class:`Arguments` also answers which actors one noun phrase names
(:meth:`np_actors`), through the article's actors (:mod:`..people`).
"""

from __future__ import annotations

import functools
from dataclasses import replace

from ...actors import group_members, group_seats
from ...lexicon import Lexicon
from ..people import ActorRef, DocActors, role_lexicon, role_sector
from .model import Candidate
from .triggers import direct_objects, group_destinations, visiting

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_GROUP_PRONOUNS = {"they", "them", "their", "theirs", "we", "our"}
_DUAL = {"two", "both", "three"}


def _then_officials(method):
    """A step that adds parties, followed by :meth:`Arguments.officials_of_states`: a state it
    finds for an intent or a statement speaks through its official."""
    @functools.wraps(method)
    def run(self, c, *args):
        method(self, c, *args)
        self.officials_of_states(c)
    return run


class Arguments:
    """Noun phrases to actors, and the parties of each candidate event."""

    def __init__(self, doc, actors: DocActors, lex: Lexicon):
        self.doc = doc
        self.actors = actors
        self.lex = lex
        self.quantity_nouns = lex.word_set("quantity_nouns")
        self.object_control = lex.word_set("object_control_verbs")
        self.acl_gathering = lex.word_set("gathering_verbs")
        self.side_nouns = lex.word_set("side_nouns")

    # ============================================================ collecting
    def collect(self, c: Candidate, found_all: list[Candidate]) -> str | None:
        """Fill ``c.refs`` with the parties of its trigger; a reason when the verb's object
        rules the event out ("received support", "met expectations")."""
        trig = c.trigger
        roles = trig.entry.get("roles", {})
        if not roles and trig.type == "visit":
            roles = {"subject": "visitor", "object": "host"}
        subj_fn, obj_fn = roles.get("subject", "participant"), roles.get("object", "participant")
        if trig.rule == "amod:visiting":
            self.add(c, trig.noun, "visitor")
            return None
        if trig.verb is not None:
            problem = self._verb_parties(c, subj_fn, obj_fn)
            if problem:
                return problem
        if trig.noun is not None:
            self._noun_parties(c, found_all)
        self.group_members(c)
        self.host_state(c)
        self.officials_of_states(c)
        return None

    def host_state(self, c: Candidate) -> None:
        """ "the APEC leaders' meeting in Busan", "the Beijing Summit of the FOCAC": a summit of
        a body whose members host it in turn, held in a state away from the body's seat, has
        that state among its parties, as its host (``data/groups.json``'s ``hosts``)."""
        if c.type != "meeting":
            return
        seats: set[str] = set()
        listed = False
        for r, _ in c.refs:
            if r.kind == "organization" and r.id and not r.country:
                found = group_seats(r.id)
                if found is not None:
                    listed = True
                    seats.update(s.lower() for s in found)
        if not listed:
            return
        trig = c.trigger
        where = []
        for t in (trig.noun, trig.verb):
            if t is not None:
                where += self.prep_objects(t, {"in"})
                where += [ch for ch in t.children if ch.dep_ in ("compound", "nmod") and ch.i < t.i]
        have = self.sides(c)
        for o in where:
            place = self.actors.place_at(o.i)
            if place is None and o.dep_ != "pobj" and o.text[:1].isupper():
                # "the Beijing Summit", the capital left untagged inside the event's name
                state = self.actors.index.capital_of(o.text, self.actors.published())
                place = (o.text, state.id) if state is not None else None
            if place is None or not place[1] or place[0].lower() in seats or place[1] in have:
                continue
            country = self.actors.index.get(place[1])
            if country is None or country.kind != "country":
                continue
            c.add(ActorRef(o.i, o.i + 1, o.text, country.name, "country", id=country.id, country=country.id, how="host"),
                  "participant")
            c.notes.append(f"{country.name}, the host of the summit")
            return

    def officials_of_states(self, c: Candidate) -> None:
        """ "Brazil and Russia agreed to develop cooperation", "the two countries issued a joint
        statement": states commit and declare through their officials. A state of such an
        intent or statement, named without anyone of its own, has the one office-holder of
        that state the article names (none when it names two or more: a reader could not tell
        which)."""
        if c.type not in ("intent", "statement"):
            return
        with_people = {r.country for r, _ in c.refs if r.kind == "person"}
        states = [r.country for r, _ in c.refs if r.kind == "country" and r.country and r.country not in with_people]
        if not states:
            return
        officials: dict[str, dict[str, ActorRef]] = {}
        for r in self.actors.refs:
            if r.kind == "person" and r.country in states and (r.role or r.id) \
                    and r.codes()[0] in (None, *self.actors.lex["official_sectors"]):
                officials.setdefault(r.country, {}).setdefault(r.id or r.name, r)
        for state in dict.fromkeys(states):
            found = officials.get(state, {})
            if len(found) == 1:
                (r,) = found.values()
                c.add(r, "participant")
                c.notes.append(f"{r.name}, the one official of {state} the article names")

    def group_members(self, c: Candidate) -> None:
        """ "The 13th SAARC summit opened", "the G-7 agreed", "talks between Iran and the P5+1":
        a group of states acts through its members, and the reader counts among the parties
        each member state the article names (as a state, an official or a body of it):
        ``data/groups.json``, on the article's date."""
        if c.type in ("visit", "call"):
            return
        day = self.actors.published()
        members: list[str] = []
        for r, _ in c.refs:
            if r.kind == "organization" and r.id:
                members += [m for m in group_members(r.id, day) if m not in members]
        if not members:
            return
        have = self.sides(c)
        named: dict[str, ActorRef] = {}
        for r in self.actors.refs:
            if r.country not in members or r.country in have or r.country in named or self.actors.plural_nationals(r):
                continue
            if r.kind == "country" or (r.kind == "person" and (r.role or r.id)) or (r.kind == "organization" and r.id):
                named[r.country] = r
        for state, r in sorted(named.items(), key=lambda kv: members.index(kv[0])):
            country = self.actors.index.get(state)
            if country is None:
                continue
            c.add(ActorRef(r.start, r.end, r.text, country.name, "country", id=country.id, country=country.id, how="member"),
                  "participant")
        if named:
            c.notes.append("member states of " + ", ".join(r.name for r, _ in c.refs if r.kind == "organization" and r.id
                                                           and group_members(r.id)))

    def leaders_of_members(self, c: Candidate) -> None:
        """ "The SAARC summit opened on Saturday", in an article that names Bangladesh's prime
        minister: a summit of a group, held in the days the article reports (not "the summit in
        2004"), is its members' leaders' meeting; the one head of state or government of each
        member state of the event the article names takes part."""
        day = self.actors.published()
        when = str((c.date or {}).get("value") or "")
        if c.type != "meeting" or not day or (when and when[:7] != day[:7]):
            return
        members = {m for r, _ in c.refs if r.kind == "organization" and r.id for m in group_members(r.id, day)}
        titles = role_lexicon()["titles"]
        states = {r.country for r, _ in c.refs if r.kind == "country" and r.country in members}
        have = {r.id or r.name for r, _ in c.refs}
        leaders: dict[str, dict[str, ActorRef]] = {}
        for r in self.actors.refs:
            if r.kind == "person" and r.country in states and r.role and titles.get(r.role.lower(), {}).get("head") \
                    and not r.organization_id:
                leaders.setdefault(r.country, {}).setdefault(r.id or r.name, r)
        for state, found in leaders.items():
            if len(found) == 1:
                (r,) = found.values()
                if (r.id or r.name) not in have:
                    c.add(r, "participant")
                    c.notes.append(f"{r.name}, the leader of {state} the article names")

    def _verb_parties(self, c: Candidate, subj_fn: str, obj_fn: str) -> str | None:
        trig = c.trigger
        verb, noun = trig.verb, trig.noun
        subjects, passive_objs = self.subjects(verb)
        for s in subjects:
            if noun is None or s.i != noun.i:
                self.add(c, s, subj_fn)
        objs = [o for o in direct_objects(verb, self.quantity_nouns) if noun is None or (o.i != noun.i and o.i not in trig.consumed)]
        objs += [o for o in passive_objs if noun is None or o.i != noun.i]
        problem = self._object_problem(c, objs + self.prep_objects(verb, {"with"}))
        if problem:
            return problem
        agreement_nouns = self.lex.word_set("agreement_nouns")
        for o in objs:
            if trig.type == "visit" and self.actors.place_at(o.i) and not (self.actors.at(o.i) and self.actors.at(o.i).kind != "country"):
                c.host_places.append(o)
            if o.lemma_.lower() in agreement_nouns:
                continue
            self.add(c, o, obj_fn)
        for o in self.prep_objects(verb, {"with", "between", "among", "by"}) + self._framework_of(verb):
            self.add(c, o, obj_fn if trig.type != "agreement" else "signatory")
        if trig.type in ("meeting", "call") and noun is None:
            # "discussed the crisis with X": the partner attached to the object
            for o in direct_objects(verb, self.quantity_nouns):
                for p in self.prep_objects(o, {"with"}):
                    self.add(c, p, obj_fn)
        if trig.type == "call" and noun is None:
            for o in self.prep_objects(verb, {"to"}):
                self.add(c, o, obj_fn)  # "talked to X by phone"
        if trig.type == "visit":
            preps = set(trig.entry.get("preps", ()))
            dest = {"to"} | ({"in", "at"} if "in" in preps else set()) | ({"for"} if "for" in preps else set()) \
                | ({"from"} if "from" in preps else set())  # "returned from Ethiopia": where the visit was
            for o in self.prep_objects(verb, dest):
                c.host_places.append(o)
                self.add(c, o, "host", place_only_ok=True)
            for clause in verb.children:  # "set off for Quito to join the summit"
                if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
                    for o in clause.children:
                        if o.dep_ == "nsubj" and self.actors.place_at(o.i):
                            c.host_places.append(o)
                            self.add(c, o, "host", place_only_ok=True)
        if trig.type == "agreement" and len(self.sides(c)) == 1:
            # "Venezuela signed an agreement to purchase a satellite from China": the other party
            for t in verb.subtree:
                if t.dep_ == "pobj" and t.head.lower_ in ("from", "with") and self.actors.at(t.i) is not None:
                    self.add(c, t, "signatory")
        return None

    def _noun_parties(self, c: Candidate, found_all: list[Candidate]) -> None:
        trig = c.trigger
        noun, verb = trig.noun, trig.verb
        lex = self.lex
        visit = trig.type == "visit"
        # "a banquet in honour of X": the guest of honour takes part
        for t in (noun, verb):
            if t is None:
                continue
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "in":
                    for h in p.children:
                        if h.dep_ == "pobj" and h.lemma_.lower() in ("honour", "honor"):
                            for o in self.prep_objects(h, {"of"}):
                                self.add(c, o, "visitor")
        partner_preps = {"between", "among", "with"} | ({"to"} if trig.type == "call" else set())
        for o in self.prep_objects(noun, partner_preps) + self._acl_objects(noun):
            self.add(c, o, "participant" if not visit else "host")
        clause = noun.head if noun.dep_ in ("nsubj", "nsubjpass") and verb is None else None
        for t in (noun, verb, clause):
            if t is not None:
                for o in self._framework_of(t):
                    self.add(c, o, "participant")
        for o in self.prep_objects(noun, {"between", "among"}):
            # "between Kobakhidze and EU foreign policy chief Kaja Kallas", parsed with the
            # first side as a modifier inside the second
            for t in o.subtree:
                ref = self.actors.at(t.i)
                if t.dep_ == "nmod" and t.i < o.i and ref is not None and ref.kind == "person":
                    self.add(c, t, "participant")
        agreement_nouns = lex.word_set("agreement_nouns")
        for o in self.prep_objects(noun, {"of", "by", "from"}):
            if o.lemma_.lower() in agreement_nouns:
                for p in self.prep_objects(o, {"between", "among", "with"}):
                    self.add(c, p, "signatory")
                continue
            self.add(c, o, "visitor" if visit else "participant")
        for ch in noun.children:
            if ch.dep_ == "poss":
                self.add(c, ch, "visitor" if visit else "participant")
            elif ch.dep_ in ("compound", "amod", "nmod") and self.actors.at(ch.i) is not None:
                self.add(c, ch, "participant")
                # "the Azerbaijan-EU dialogue": both sides of a hyphenated pair
                for cc in ch.children:
                    if cc.dep_ in ("compound", "amod", "nmod") and cc.i + 1 < ch.i and self.doc[cc.i + 1].text in ("-", "–") \
                            and self.actors.at(cc.i) is not None:
                        self.add(c, cc, "participant")
        self._hyphen_pair(c, noun)
        if visit:
            self._visit_destination(c, noun)
            self._travelling_group(c, noun)
        if verb is None:
            self._frames(c, found_all)
        # "a state visit he will make to Britain": the subject of the relative clause
        for ch in noun.children:
            if ch.dep_ == "relcl" and ch.lemma_.lower() in lex.light_verbs:
                for s in self.subjects(ch)[0]:
                    if s.lower_ not in ("which", "that", "who"):
                        self.add(c, s, "visitor" if visit else "participant")
        c.plural = verb is None and noun.tag_ in ("NNS", "NNPS") and noun.lemma_.lower() not in lex.word_set("plural_event_nouns")

    def _framework_of(self, tok) -> list:
        """ "met within the framework of the OECD", "talks under the auspices of the AU": the
        body whose frame the event is held in takes part."""
        out = []
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ in ("within", "under", "in"):
                for h in p.children:
                    if h.dep_ == "pobj" and (h.lemma_.lower() in self.lex.word_set("framework_nouns")
                                             or h.lower_ in self.lex.word_set("framework_nouns")):
                        out.extend(self.prep_objects(h, {"of"}))
                        # "under EU auspices"
                        out.extend(m for m in h.children if m.dep_ in ("compound", "amod", "poss") and self.actors.at(m.i))
        return out

    def _hyphen_pair(self, c: Candidate, noun) -> None:
        """ "the Israeli-US summit", "Sino-Japanese talks", "EU-Russia ties": the actors of a
        hyphenated modifier just before the noun, however the parser attached them."""
        doc = self.doc
        i = noun.i - 1
        left = noun.left_edge.i
        seen = 0
        while i >= left and seen < 6:
            ref = self.actors.at(i)
            if ref is not None and ref.kind in ("country", "organization") and i + 1 < len(doc) \
                    and (doc[ref.end].text in ("-", "–") or (ref.start > 0 and doc[ref.start - 1].text in ("-", "–"))):
                self.add(c, doc[i], "participant")
                i = ref.start - 1
            else:
                i -= 1
            seen += 1

    def _travelling_group(self, c: Candidate, noun) -> None:
        """ "a Mauritian delegation to China", "a delegation led by X": the group on a visit
        is the visitor, with whom it names (not the state it goes to)."""
        if noun.lemma_.lower() not in self.lex.word_set("travelling_group_nouns"):
            return
        dest = group_destinations(noun)
        for o in dest:
            if o not in c.host_places:
                c.host_places.append(o)
                self.add(c, o, "host", place_only_ok=True)
        hosts = {self.actors.place_at(o.i)[1] for o in c.host_places if self.actors.place_at(o.i)}
        visitors = [r for r in self.np_actors(noun)[0] if r.country not in hosts or r.kind == "person"]
        # the group before what its modifiers name: "a Peruvian delegation" acts for Peru
        c.refs[:0] = [(r, "visitor") for r in visitors]

    def _visit_destination(self, c: Candidate, noun) -> None:
        dest = self.prep_objects(noun, {"to"})
        if not dest:
            # "the visit of President X to Azerbaijan", "X's visit later this month to Moscow"
            # with "to" attached elsewhere: a "to" + place shortly after the noun
            for t in self.doc[noun.i + 1: min(noun.i + 9, noun.sent.end)]:
                if t.lower_ == "to" and t.dep_ == "prep":
                    dest = [p for p in t.children if p.dep_ == "pobj" and self.actors.place_at(p.i)]
                    break
        for o in dest:
            c.host_places.append(o)
            self.add(c, o, "host", place_only_ok=True)
        # "X is on a three-day visit to Pakistan", "is due in Beijing on a state visit"
        if c.trigger.verb is None and noun.dep_ == "pobj" and noun.head.lower_ in ("on", "for") \
                and noun.head.head.pos_ in ("VERB", "AUX", "ADJ"):
            governor = noun.head.head
            clause = governor if governor.pos_ != "ADJ" else governor.head
            for s in self.subjects(clause)[0]:
                self.add(c, s, "visitor")
            for t in {governor.i: governor, clause.i: clause,
                      **{ch.i: ch for ch in clause.children if ch.dep_ == "acomp"}}.values():
                c.host_places.extend(self.prep_objects(t, {"in", "to"}))

    def _frames(self, c: Candidate, found_all: list[Candidate]) -> None:
        """The clause an event noun without a verb of its own frames: its subject took part.

        "travelled to Moscow for talks with Lavrov", "said at a meeting", "told reporters
        after talks with Y", "pledged ... during his first visit to Pakistan".
        """
        noun = c.trigger.noun
        lex = self.lex
        visit = c.trigger.type == "visit"
        if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to") and noun.head.head.pos_ == "VERB" \
                and (noun.head.head.lemma_.lower() in lex.verbs or noun.head.head.lemma_.lower() in lex.word_set("motion_verbs")):
            for s in self.subjects(noun.head.head)[0]:
                self.add(c, s, "participant")
            c.context_event = next((o for o in reversed(found_all)
                                    if o.trigger.verb is not None and o.trigger.verb.i == noun.head.head.i), None)
            return
        frame = self.frame_verb(noun)
        if frame is not None:
            c.frame = frame
            # "after talks with X", "during his visit": the clause's subject took part; "after the
            # meeting" refers to a meeting reported before, which others may have held, and
            # "would not meet before the summit" says nothing of who attends it
            if not any(ch.lower_ in self.lex.word_set("anaphor_determiners") for ch in noun.children) \
                    and self._frame_prep(noun) in lex.word_set("participating_preps"):
                for s in self.subjects(frame)[0]:
                    self.add(c, s, "visitor" if visit else "participant")

    def frame_verb(self, noun):
        """The verb whose clause an event noun sets, through a preposition of time or
        circumstance: "said at a meeting", "told reporters after talks with X", "pledged
        during his visit", "at the end of an official visit". None when the noun is the
        subject or object of its own verb."""
        frame_preps = self.lex.word_set("frame_preps")
        cur = noun
        for _ in range(3):
            if cur.dep_ != "pobj":
                return None
            prep = cur.head
            if prep.lower_ in frame_preps:
                head = prep.head
                if head.dep_ == "prep" and head.lower_ in ("ahead", "because"):  # "ahead of the summit"
                    head = head.head
                if head.pos_ in ("VERB", "AUX"):
                    return head
                if head.pos_ == "NOUN" and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
                    return head.head  # "raised the issue at a meeting with X"
                return None
            if prep.lower_ == "of" and prep.head.lemma_.lower() in self.lex.word_set("frame_part_nouns"):
                cur = prep.head  # "at the end of", "on the sidelines of"
                continue
            return None
        return None

    @staticmethod
    def _frame_prep(noun) -> str:
        """The preposition that ties an event noun to the clause it frames ("at", "after")."""
        cur = noun
        while cur.dep_ == "pobj" and cur.head.lower_ == "of":  # "at the end of a visit"
            cur = cur.head.head
        return cur.head.lower_ if cur.dep_ == "pobj" else ""

    def _acl_objects(self, noun) -> list:
        """ "a summit involving A, B and C", "a meeting bringing together X and Y" """
        out = []
        for ch in noun.children:
            if ch.dep_ == "acl" and ch.lemma_.lower() in self.acl_gathering:
                out.extend(d for d in ch.children if d.dep_ in ("dobj", "pobj"))
                out.extend(self.prep_objects(ch, {"together"}))
                for prt in ch.children:
                    if prt.dep_ == "prt" and prt.lower_ == "together":
                        out.extend(d for d in ch.children if d.dep_ == "dobj")
        return out

    def _object_problem(self, c: Candidate, objs: list) -> str | None:
        trig = c.trigger
        if trig.noun is not None or trig.verb is None:
            return None
        spec = set(trig.entry.get("object", "any").split("|"))
        if "any" in spec:
            return None

        def fits(o) -> bool:
            if self.actors.at(o.i) is not None or self.actorish(o, names=o.ent_type_ in ("", "PERSON", "ORG", "NORP")) \
                    or self.one_np(o, 1):
                return "actor" in spec or ("place" in spec and self.actors.place_at(o.i) is not None)
            return "place" in spec and self.actors.place_at(o.i) is not None

        if not objs:
            return None if "none" in spec or trig.entry.get("preps") else f"'{trig.tok.text}' without an object"
        if not any(fits(o) for o in objs):
            return f"the object of '{trig.tok.text}' ({objs[0].text}) is not {' or '.join(sorted(spec - {'none'}))}"
        return None

    def add(self, c: Candidate, tok, function: str, place_only_ok: bool = False) -> None:
        refs, unresolved = self.np_actors(tok)
        if not refs:
            if place_only_ok and self.actors.place_at(tok.i):
                return
            c.unresolved += unresolved
            return
        for r in refs:
            c.add(r, function)
            aff = r.affiliation()
            if aff is not None:
                c.add(aff, function if function in ("host", "visitor") else "participant")
            state = self.state_of(r)
            if state is not None:
                c.add(state, function if function in ("host", "visitor", "signatory") else "participant")

    def state_of(self, r: ActorRef) -> ActorRef | None:
        """The state an official or a national body stands for ("Israeli Foreign Minister
        David Levy" acts for Israel; "Baker", whom the article introduced as the US Treasury
        Secretary, for the United States): a party of the event beside them, whether the
        sentence names the state or the reader knows it (GUIDE: "names or implies")."""
        if r.kind == "country" or not r.country:
            return None
        if r.kind == "person" and not (r.role or r.id or r.sector):
            return None
        if r.kind == "person" and r.organization_id and not r.organization_country:
            return None  # NATO's Secretary General acts for NATO, not for the state he comes from
        if r.kind == "person" and self.side(r) != r.country:
            return None  # a rebel leader acts for his armed group, not for the state it fights
        country = self.actors.index.get(r.country)
        if country is None or country.kind != "country":
            return None
        return ActorRef(r.start, r.end, r.text, country.name, "country", id=country.id, country=country.id, how="role")

    # ============================================================ discourse
    @_then_officials
    def antecedent_parties(self, c: Candidate, found_all: list[Candidate]) -> None:
        """ "the border talks closed on March 3", "the meeting was postponed": an event noun
        naming nobody is the event of the same noun reported before in the article."""
        noun = c.trigger.noun
        if c.refs or noun is None or c.plural:
            return
        lemma = noun.lemma_.lower()
        for other in reversed(found_all):
            if other.reference or not other.refs or other.trigger.noun is None:
                continue
            if other.trigger.noun.lemma_.lower() == lemma and other.type == c.type:
                # a summit's host state is that summit's, not every meeting's the noun names after it
                c.refs = [(r, "participant" if fn not in ("host", "visitor") else fn) for r, fn in other.refs if r.how != "host"]
                c.context_event = c.context_event or other
                c.notes.append(f"parties of the {other.trigger.tok.text} reported before")
                return

    def officials_of_the_sentence(self, c: Candidate) -> None:
        """ "The summit, delayed once, was opened at noon by X"; "this yearly gathering is a
        forum for the region, bringing in leaders like X, Y and Z": a meeting reported before,
        told again with the officials its sentence names (not who reports it, nor a former
        office-holder) has them among its parties."""
        noun = c.trigger.noun
        if c.type != "meeting" or not c.refs or noun is None or self.frame_verb(noun) is not None:
            return  # "X said at the meeting": the frame rule's, which leaves a meeting reported before alone
        reporter = self._reporting_phrase(c)
        have = {r.id or r.name for r, _ in c.refs}
        officials = self.actors.lex["official_sectors"]
        for r in self.actors.refs:
            if not (c.sent.start <= r.start < c.sent.end) or r.start in reporter or r.kind != "person" \
                    or not (r.role or r.id) or (r.id or r.name) in have or r.codes()[0] not in (None, *officials) \
                    or self._party_of_another_event(r, noun):
                continue
            have.add(r.id or r.name)
            self._add_with_bodies(c, r)
            c.notes.append(f"{r.name}, an official its sentence names")

    def _add_with_bodies(self, c: Candidate, r: ActorRef) -> None:
        """An actor the discourse gives a candidate, with the body its title names ("UN
        Secretary General X": the UN) and the state it acts for, as :meth:`add` gives them."""
        c.add(r, "participant")
        for other in (r.affiliation(), self.state_of(r)):
            if other is not None:
                c.add(other, "participant")

    def _party_of_another_event(self, r: ActorRef, noun) -> bool:
        """ "the summit was shorter than last month's talks with X": X is named as a party of
        another event noun of the sentence."""
        tok = self.doc[r.end - 1]
        for _ in range(6):
            if tok.head.i == tok.i:
                return False
            tok = tok.head
            if tok.i != noun.i and tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex.nouns:
                return True
        return False

    @_then_officials
    def complete_sides(self, c: Candidate) -> None:
        """A diplomatic trigger with one side named in its phrase ("Mexico signed a
        rescheduling accord covering its debts to Britain"): the other states and bodies its
        sentence names are the other side."""
        if len(self.sides(c)) != 1 or c.unresolved or c.type == "visit":
            return
        have = self.sides(c)
        reporter = self._reporting_phrase(c)
        topic_preps = self.lex.word_set("topic_preps")
        for r in self.actors.refs:
            if not (c.sent.start <= r.start < c.sent.end) or r.how == "modifier" or r.start in reporter:
                continue
            if r.kind == "person" or (r.kind == "organization" and not (r.id or r.how == "igo")):
                continue
            head = self.doc[r.end - 1]
            while head.dep_ in ("compound", "amod", "nmod", "poss", "conj", "appos") and head.head.i != head.i:
                head = head.head
            if head.dep_ == "pobj" and head.head.lower_ in topic_preps:
                continue  # "a summit on the crisis in Myanmar": a topic or a place, not a party
            side = self.side(r)
            if side and side not in have:
                c.add(r, "participant")
                c.notes.append(f"{r.name} from the sentence")

    @staticmethod
    def _reporting_phrase(c: Candidate) -> set[int]:
        """The tokens of "..., the finance ministry said": who reports, not who takes part."""
        root = c.sent.root
        out: set[int] = set()
        if root.lemma_.lower() in ("say", "tell", "report", "announce", "state", "add"):
            anchor = c.trigger.verb if c.trigger.verb is not None else c.trigger.noun
            if anchor is not None and anchor.i != root.i:
                for ch in root.children:
                    if ch.dep_ in ("nsubj", "nsubjpass"):
                        out.update(t.i for t in ch.subtree)
        return out

    @_then_officials
    def salient_parties(self, c: Candidate) -> None:
        """ "The talks ended in deadlock", "the accord signed in July 1986": an event whose
        sentence names nobody is, in a news report, the business of the states and bodies the
        article is about — the two it names most (each at least twice)."""
        noun = c.trigger.noun
        if c.refs or c.unresolved or noun is None or c.type not in ("meeting", "negotiation", "agreement", "statement"):
            return
        if noun.pos_ == "PROPN" or any(ch.dep_ == "compound" and ch.pos_ == "PROPN" for ch in noun.children):
            return  # "the Washington Summit": a named event, which references join
        if c.plural or any(ch.lower_ in self.lex.word_set("domestic_meeting_modifiers") for ch in noun.children):
            return  # "meetings will start on Dec. 6", "the cabinet meeting last Tuesday": not one diplomatic event
        if noun.head.lower_ in self.lex.word_set("anchor_preps") \
                and any(ch.lower_ in self.lex.word_set("anaphor_determiners") for ch in noun.children):
            return  # "relations grew following the signing of documents in Washington": a time anchor, told elsewhere
        named: dict[str, object] = {}
        for r in self.actors.refs:
            if c.sent.start <= r.start < c.sent.end and r.kind == "country" and r.country:
                named.setdefault(r.country, r)
        if len(named) >= 2:
            # "citing the elevation of A-B relations following the signing of documents on
            # August 8": the states its sentence names, even as modifiers, before the article's
            for r in list(named.values())[:2]:
                c.add(r, "participant")
            c.notes.append("states of the sentence")
            return
        picked = self.actors.salient_sides()
        if len(picked) < 2:
            return
        for r in picked[:2]:
            c.add(r, "participant")
        c.notes.append("parties of the article")

    @_then_officials
    def sentence_parties(self, c: Candidate) -> None:
        """An event noun whose own phrase names nobody ("the talks collapsed", "a special
        meeting ... ended in deadlock") takes the states, bodies and officials its sentence
        names: the sentence is about them."""
        noun = c.trigger.noun
        if c.refs or c.unresolved or noun is None or c.plural or c.trigger.rule.startswith("verb:"):
            return
        if noun.pos_ == "PROPN" or any(ch.dep_ == "compound" and ch.pos_ == "PROPN" for ch in noun.children):
            return  # "the Washington Summit": a name, which refers to the event reported elsewhere
        if noun.dep_ not in ("nsubj", "nsubjpass") and any(ch.lower_ in ("the", "this", "that") for ch in noun.children):
            return  # "before the summit": the summit reported elsewhere, not this sentence's actors
        sent = c.sent
        seen = set()
        for r in self.actors.refs:
            if not (sent.start <= r.start < sent.end) or r.how == "modifier":
                continue
            if r.kind == "person" and not (r.role or r.id):
                continue
            if r.kind == "organization" and not (r.id or r.how == "igo"):
                continue
            key = r.id or r.name.lower()
            if key in seen:
                continue
            seen.add(key)
            self._add_with_bodies(c, r)
        if c.refs:
            c.notes.append("parties from the sentence")

    @_then_officials
    def inherit(self, c: Candidate, found_all: list[Candidate]) -> None:
        """An agreement with no signatories in its own phrase takes those of the event it is
        tied to in the same sentence ("a summit of A, B and C led to the signing of a
        declaration"; "met X and signed two agreements")."""
        for other in reversed(found_all):
            if other.sent.start != c.sent.start or not other.refs:
                continue
            have = {r.id or r.name for r, _ in c.refs}
            c.refs += [(r, "signatory") for r, _ in other.refs if (r.id or r.name) not in have]
            if c.date is None:
                c.date, c.date_source, c.date_reason = other.date, other.date_source, other.date_reason
            c.context_event = other
            return

    @_then_officials
    def gathering_parties(self, c: Candidate, found_all: list[Candidate]) -> None:
        """ "they said in a final communique", "the leaders agreed that ...", "according to a
        joint statement issued afterwards": a statement or a commitment made together by
        speakers who name nobody is that of the meeting their own phrase names ("leaders who
        attended the summit agreed ...": at that summit, on its day), else of the multilateral
        meeting reported last before it (its body, or its three or more sides)."""
        if c.refs or c.type not in ("statement", "intent") or not self._speakers_together(c):
            return
        attended = self._meeting_of_speakers(c, found_all)
        if attended is not None:
            # "ministers of 20 states present at the conference pledged to ...": that conference's
            c.refs = [(r, "participant") for r, fn in attended.refs]
            named = self._named_before(attended, found_all)
            c.gathering = named  # its place and day are the summit's its sentence named
            if named.date_source == "sentence" and c.date is None:
                c.date, c.date_source = named.date, "context"
                c.date_reason = f"at the {named.trigger.tok.text} its speakers attended, dated '{named.date.get('text')}'"
            c.notes.append(f"those who attended the {attended.trigger.tok.text}, committing together")
            return
        if c.unresolved and c.type == "intent":
            # "the leaders had agreed that ...": who the leaders are is left open, and what they
            # agreed is often told as background; a statement issued is the meeting's document
            return
        for other in reversed(found_all):
            if other.type != "meeting" or other.reference or other.status not in ("occurred", "ongoing"):
                continue
            if self.multilateral(other):
                c.refs = [(r, "participant") for r, fn in other.refs if r.how != "host"]
                c.gathering = other
                c.notes.append(f"members of the {other.trigger.tok.text} reported before, speaking together")
            return

    def _meeting_of_speakers(self, c: Candidate, found_all: list[Candidate]) -> Candidate | None:
        """The meeting the subject's own phrase names ("leaders who attended the summit",
        "participants in the conference"), told in the same sentence."""
        verb = c.trigger.verb
        inside = {t.i for s in self.subjects(verb)[0] for t in s.subtree}
        return next((o for o in reversed(found_all) if o.sent.start == c.sent.start and o.type == "meeting"
                     and not o.reference and o.refs and o.trigger.tok.i in inside), None)

    @staticmethod
    def _named_before(meeting: Candidate, found_all: list[Candidate]) -> Candidate:
        """ "at the Accra summit in 2002, the heads of state present at the summit ...":
        the meeting of the same noun its sentence named and dated before."""
        lemma = meeting.trigger.tok.lemma_.lower()
        return next((o for o in found_all if o.sent.start == meeting.sent.start and o.type == "meeting"
                     and o.trigger.tok.lemma_.lower() == lemma and o.date_source == "sentence" and o.date), meeting)

    def multilateral(self, c: Candidate) -> bool:
        """An international body among the parties, or three sides or more."""
        return any(r.kind == "organization" and not r.country and (r.id or r.how == "igo") for r, _ in c.refs) \
            or len(self.sides(c)) >= 3

    def _speakers_together(self, c: Candidate) -> bool:
        """Whether who states or commits is a group naming nobody: "they", "we", "the
        leaders", "participants" (the subject), or nobody at all ("a joint statement issued
        afterwards", "said in a final communique" with a plural speaker)."""
        verb, noun = c.trigger.verb, c.trigger.noun
        if verb is None:
            return False
        if c.type == "statement" and noun is not None and verb.dep_ in ("acl", "relcl") and verb.head.i == noun.i:
            if any(ch.dep_ == "agent" for ch in verb.children):
                return False
            said = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
            if said is None or said.lemma_.lower() not in self.lex.word_set("speech_verbs"):
                # "according to a joint statement issued after the meeting"
                return noun.dep_ == "pobj" and any(ch.lower_ in self.lex.word_set("statement_modifiers")
                                                   for ch in noun.children)
            speakers = [ch for ch in said.children if ch.dep_ == "nsubj"]
        else:
            speakers = self.subjects(verb)[0]
        return bool(speakers) and all(self._group_naming_nobody(s) for s in speakers)

    def _group_naming_nobody(self, tok) -> bool:
        if tok.pos_ == "PRON":
            return tok.lower_ in ("they", "we")
        return tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() in self.lex.word_set("gathering_member_nouns") \
            and not self.np_actors(tok)[0] and not any(ch.dep_ in ("nummod", "poss") for ch in tok.children)

    # ============================================================ clauses
    def subjects(self, verb, depth: int = 0) -> tuple[list, list]:
        """(subjects, passive objects) of a verb, following control and coordination."""
        if depth > 4:
            return [], []
        subj = [ch for ch in verb.children if ch.dep_ in ("nsubj", "csubj")]
        if subj and any(ch.dep_ == "mark" and ch.lower_ == "for" for ch in verb.children) and verb.head.i != verb.i:
            subj = []  # "set off for Quito to join the summit": Quito is where, the traveller attends
        passive_objs = [ch for ch in verb.children if ch.dep_ == "nsubjpass"]
        agents = [p for ch in verb.children if ch.dep_ == "agent" for p in ch.children if p.dep_ == "pobj"]
        if passive_objs or agents:
            return agents, passive_objs
        if subj:
            return subj, []
        head = verb.head
        if head.i == verb.i:
            return [], []
        to_inf = any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children)
        if verb.dep_ == "xcomp" or (verb.dep_ in ("advcl", "ccomp") and to_inf):
            if head.lemma_.lower() in self.object_control:
                objs = [ch for ch in head.children if ch.dep_ == "dobj"]
                if objs:
                    return objs, []
            subj, objs = self.subjects(head, depth + 1)
            # "X is expected/set/scheduled to visit": the raised subject is the visitor
            return (subj or objs), []
        if verb.dep_ == "conj":
            return self.subjects(head, depth + 1)
        if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if head.dep_ == "attr" and head.head.lemma_ == "be" and to_inf:
                # "Singh is the first Indian premier to visit Japan", "Rubin, who is the first US
                # treasury secretary to visit Vietnam": the one the copula says it of
                said_of = [ch for ch in head.head.children if ch.dep_ == "nsubj"]
                if said_of:
                    return said_of, []
            return [head], []
        if verb.dep_ in ("advcl", "pcomp", "prep") and verb.tag_ in ("VBG", "VBN"):
            clause = head.head if head.dep_ == "prep" else head
            return self.subjects(clause, depth + 1)
        return [], []

    def prep_objects(self, tok, preps: set[str]) -> list:
        out = []
        for ch in tok.children:
            if ch.dep_ in ("prep", "agent") and ch.lower_ in preps:
                out.extend(p for p in ch.children if p.dep_ in ("pobj", "pcomp"))
        return out

    # ============================================================ noun phrases
    def np_actors(self, tok, depth: int = 0) -> tuple[list[ActorRef], int]:
        """The actors an argument phrase names, and how many phrases named nobody known."""
        refs: list[ActorRef] = []
        unresolved = 0
        heads = [tok, *tok.conjuncts]
        for head in heads:
            got = self.one_np(head, depth)
            if got:
                refs.extend(self._with_country(r, head) for r in got)
                # "President of Azerbaijan X and President of Kazakhstan Y", parsed with the
                # second title conjoined to the first name
                for r in got:
                    if r.kind == "person" and r.end - 1 != head.i:
                        heads.extend(ch for ch in self.doc[r.end - 1].conjuncts if ch not in heads)
            elif self.actorish(head):
                unresolved += 1
        if refs and depth == 0:
            refs.extend(self._listed_after(tok))
        seen, out = set(), []
        for r in refs:
            key = r.id or r.name.lower()
            if key not in seen:
                seen.add(key)
                out.append(r)
        return out, unresolved

    def _with_country(self, ref: ActorRef, head) -> ActorRef:
        """A person whose phrase names their state ("Vietnamese communist party chief Do
        Muoi", "the Chinese envoy Wang"): the person of that state."""
        if ref.kind != "person" or ref.country:
            return ref
        countries = []
        for t in self.doc[head.left_edge.i: ref.start]:
            r = self.actors.at(t.i)
            if r is not None and r.kind == "country" and r.country and r.country not in countries:
                countries.append(r.country)
            elif r is None and t.i in self.actors.capitals:
                countries.append(self.actors.capitals[t.i])
        if len(countries) == 1:
            return replace(ref, country=countries[0])
        return ref

    def _state_named_near(self, r: ActorRef) -> bool:
        """Whether the words around a name give its state: "Israeli Foreign Minister David
        Levy", "President of the Republic of Azerbaijan Ilham Aliyev", "X, Jordan's envoy"."""
        sent = self.doc[r.start].sent
        lo, hi = max(sent.start, r.start - 8), min(sent.end, r.end + 10)
        for i in range(lo, hi):
            other = self.actors.at(i)
            if other is not None and other is not r and other.kind == "country" and other.country == r.country:
                return True
            if other is None and self.actors.capitals.get(i) == r.country:
                return True
        return False

    def actorish(self, tok, *, names: bool = True) -> bool:
        """A phrase that names someone, even if we cannot tell whom: a title, a group, a pronoun,
        or (with ``names``) any proper name."""
        lex = self.actors.lex
        low = tok.lemma_.lower()
        return (names and tok.pos_ == "PROPN") or low in lex["titles"] or tok.lower_ in lex["titles"] \
            or low in lex["groups"] or tok.lower_ in lex["plural"] or tok.lower_ in _PERSON_PRONOUNS | _GROUP_PRONOUNS

    def _reporting_subject(self, pron):
        """The subject of the speech verb whose reported clause ``pron`` is the subject of."""
        if pron.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = pron.head
        if clause.dep_ not in ("ccomp", "xcomp") or clause.head.lemma_.lower() not in self.lex.word_set("speech_verbs"):
            return None
        return next((ch for ch in clause.head.children if ch.dep_ == "nsubj"), None)

    def _listed_after(self, tok) -> list[ActorRef]:
        """Actors listed right after an argument, which the parser often cuts off:
        "involving Azerbaijan, the US, and Armenia" parsed with "Armenia" elsewhere."""
        doc, actors = self.doc, self.actors
        first = actors.at(tok.i)
        i = first.end if first is not None else tok.i + 1
        out, sent_end = [], tok.sent.end
        while i < sent_end:
            t = doc[i]
            if t.text in (",", "and", "the", "as", "well") or t.lower_ in ("and", "the"):
                i += 1
                continue
            ref = actors.at(i)
            if ref is None or ref.start != i:
                break
            after = doc[ref.end] if ref.end < len(doc) else None
            if after is not None and (after.text in ("-", "–", "'s", "’s") or after.pos_ in ("NOUN", "PROPN")):
                break  # "Canada-based", "Armenia's", "Azerbaijan foreign ministry": a modifier, not a listed actor
            out.append(ref)
            i = ref.end
        # only a real list: the words skipped must include a comma or "and"
        return out if out and any(doc[j].lower_ in (",", "and") for j in range(tok.i, out[-1].start)) else []

    def one_np(self, h, depth: int) -> list[ActorRef]:
        if depth > 3:
            return []
        actors = self.actors
        ref = actors.at(h.i)
        if ref is not None:
            out = [ref]
            if ref.kind != "person":
                # "NATO's chief, Mark Rutte": a person in apposition; "Milli Majlis (Parliament)" is a renaming
                out += [r for ch in h.children if ch.dep_ == "appos" for r in self.np_actors(ch, depth + 1)[0]
                        if r.kind == "person"]
            return out
        if h.i in actors.capitals and h.dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "pobj", "conj", "compound") \
                and not (h.dep_ == "poss" and h.head.lemma_.lower() in self.lex.nouns):
            # "Stockholm's meeting" is where it is held
            # "talks between Washington and Moscow", "Ankara's envoy": a capital for its state
            country = actors.index.get(actors.capitals[h.i])
            if country is not None and self._capital_as_agent(h):
                return [ActorRef(h.i, h.i + 1, h.text, country.name, "country", id=country.id, country=country.id,
                                 how="capital")]
        # a name in apposition or compound: "his US counterpart Donald Trump"
        for ch in h.children:
            if ch.dep_ in ("appos",) or (ch.dep_ == "compound" and ch.ent_type_ == "PERSON"):
                got = self.np_actors(ch, depth + 1)[0]
                if got:
                    return got
        low = h.lemma_.lower()
        text_low = h.lower_
        visitor = visiting(h)
        if visitor is not None:
            return self.one_np(visitor, depth + 1)
        if text_low in ("whom", "who", "which", "that") and h.tag_ in ("WP", "WDT"):
            # "the president, with whom X met": the relative clause's antecedent
            cur = h
            for _ in range(4):
                if cur.dep_ == "relcl":
                    return self.one_np(cur.head, depth + 1)
                if cur.head.i == cur.i:
                    break
                cur = cur.head
            return []
        if h.pos_ == "PRON" and text_low in _PERSON_PRONOUNS:
            return self._person_pronoun(h, depth)
        if h.pos_ == "PRON" and text_low in _GROUP_PRONOUNS:
            return self._group_pronoun(h)
        groups = actors.lex["groups"]
        titles = actors.lex["titles"]
        if low in self.side_nouns and any(ch.lower_ in _DUAL for ch in h.children):
            # "the two sides", "both countries", "the two leaders": the parties named before
            return self._earlier_sides(h)
        if low in self.lex.word_set("state_nouns") and h.tag_ == "NN" and any(ch.lower_ == "the" for ch in h.children) \
                and any(ch.dep_ in ("amod", "compound") for ch in h.children):
            # "the South Asian country", "the Gulf state": the state named last
            return self._earlier_state(h)
        if low in self.lex.word_set("government_nouns") and h.tag_ == "NN" and [ch.lower_ for ch in h.children] == ["the"]:
            # "the approach Mali takes in its north, where the government signed a truce": the state named last
            return self._earlier_state(h)
        if low in groups or text_low in groups or low in titles or text_low in titles or text_low in actors.lex["plural"]:
            return self._title_or_group(h, depth)
        if low in self.lex.word_set("organ_nouns"):
            # "the governing board of the IAEA", "the council of the Arab League": the body itself;
            # a board or council of nobody known names no one
            return self._of_chain(h, depth)
        return self._armed_group(h)

    def _armed_group(self, h) -> list[ActorRef]:
        """ "Muslim rebels", "pro-Taliban militants", "Sudanese rebels": a group the dictionary
        does not name, fighting a state: a party of its own in peace talks."""
        if h.pos_ not in ("NOUN", "PROPN"):
            return []
        sector = role_sector(h.lower_) or role_sector(h.lemma_.lower())
        if sector not in self.lex.word_set("armed_sectors"):
            sector = self._fighters_of(h)
            if sector is None:
                return []
        words = [t for t in h.lefts if t.dep_ in ("amod", "compound", "nmod") and t.i >= h.left_edge.i] + [h]
        name = self.doc[words[0].i: h.i + 1].text
        country = self.actors.country_of_modifiers(h)
        return [ActorRef(words[0].i, h.i + 1, name, name, "organization", country=country,
                         code=f"{country}.{sector}" if country else sector, sector=sector, how="group")]

    def _fighters_of(self, h) -> str | None:
        """ "the main rebel faction", "a breakaway guerrilla group": a group whose modifier
        names fighters is an armed group (the modifier's sector)."""
        if h.lemma_.lower() not in self.lex.word_set("armed_group_nouns"):
            return None
        for ch in h.lefts:
            if ch.dep_ in ("compound", "amod", "nmod"):
                sector = role_sector(ch.lower_) or role_sector(ch.lemma_.lower())
                if sector in self.lex.word_set("armed_sectors"):
                    return sector
        return None

    def _capital_as_agent(self, h) -> bool:
        """A capital acts when it is what a verb's subject, an actor's possessor or one side
        of "between X and Y" names — not "in Moscow", "to Ankara", "from Paris"."""
        if h.dep_ == "pobj":
            return h.head.lower_ in ("between", "with", "among", "and")
        if h.dep_ == "conj":
            return self._capital_as_agent(h.head) if h.head.i != h.i else False
        if h.dep_ == "compound":
            return h.head.lemma_.lower() in self.lex.word_set("plural_event_nouns") or h.head.lower_ in ("government", "regime")
        return True

    def _person_pronoun(self, h, depth: int) -> list[ActorRef]:
        actors = self.actors
        text_low = h.lower_
        if text_low in ("his", "her", "hers"):
            # "X met Y ... on his first visit to London": the clause's subject, when it names someone
            subject = next((ch for ch in h.sent.root.children if ch.dep_ == "nsubj" and ch.i < h.i), None)
            if subject is not None and subject.pos_ != "PRON":
                got = self.one_np(subject, depth + 1)
                if got:
                    return got
        speaker = self._reporting_subject(h)
        if speaker is not None:
            # "The foreign minister said he would propose talks": he is the one who said it
            return self.one_np(speaker, depth + 1) if speaker.pos_ != "PRON" else []
        antecedent = self._relative_antecedent(h) if text_low in ("he", "she") else None
        if antecedent is not None:
            got = self.one_np(antecedent, depth + 1)
            if got:
                return got
        if text_low in ("he", "she") and h.dep_ in ("nsubj", "nsubjpass") and h.head.i == h.sent.root.i:
            # "X arrived and met Y. He also met Z": the subject goes on being the subject
            previous = self._previous_subject(h)
            if previous is not None:
                return [previous]
        person = actors.earlier_person(h.i)
        return [person] if person is not None and person.start >= max(0, h.sent.start - 80) else []

    @staticmethod
    def _relative_antecedent(h):
        """ "The French minister, who arrives from Asia where she visited Japan": the subject of
        a clause inside a relative clause of a person is that person (the antecedent of "who")."""
        if h.dep_ not in ("nsubj", "nsubjpass"):
            return None
        cur = h.head
        for _ in range(5):
            if cur.dep_ == "relcl" and any(ch.dep_ in ("nsubj", "nsubjpass") and ch.lower_ in ("who", "that")
                                           for ch in cur.children):
                return cur.head if cur.head.pos_ in ("NOUN", "PROPN") else None
            if cur.head.i == cur.i:
                return None
            cur = cur.head
        return None

    def _previous_subject(self, h) -> ActorRef | None:
        """The person the sentence before was about: its main clause's subject."""
        start = h.sent.start
        if start == 0:
            return None
        prev = self.doc[start - 1].sent
        root = prev.root
        if root.lemma_.lower() in self.lex.word_set("speech_verbs"):
            # "X arrived and met Y, the statement said": the reported clause's subject
            inner = next((ch for ch in root.children if ch.dep_ in ("ccomp", "parataxis")), None)
            root = inner if inner is not None else root
        for ch in root.children:
            if ch.dep_ in ("nsubj", "nsubjpass"):
                for r in self.np_actors(ch, 2)[0]:
                    if r.kind == "person":
                        return r
        return None

    def _group_pronoun(self, h) -> list[ActorRef]:
        """ "they", "their": the two or more actors named together just before, in this
        sentence or the one before."""
        return self._earlier_sides(h, window=60)

    def _earlier_state(self, h) -> list[ActorRef]:
        for r in reversed(self.actors.refs):
            if r.start < h.i and r.kind == "country" and r.how != "modifier" and h.i - r.start < 400:
                return [replace(r, start=h.i, end=h.i + 1, text=h.text, how="reference")]
        return []

    def _earlier_sides(self, h, window: int = 120) -> list[ActorRef]:
        """The last two (three for "three") distinct sides named before ``h``: people with
        their offices first ("the two leaders"), else states and bodies ("both countries")."""
        n = 3 if any(ch.lower_ == "three" for ch in h.children) else 2
        low = h.lemma_.lower()
        actors = self.actors
        if low in self.lex.word_set("state_nouns") or low in ("side", "party", "bloc"):
            window = 1000  # "the two countries" may have been named in the lede
        start = max(0, h.sent.start - window)
        if low in self.lex.word_set("people_side_nouns") or low in actors.lex["titles"]:
            found = actors.earlier_people(h.i, n, role_word=None if low in ("leader", "side") else low)
            if found:
                return found
        picked: dict[str, ActorRef] = {}
        for r in reversed(actors.refs):
            if r.start >= h.i or r.start < start:
                continue
            if r.kind == "person" and not (r.role or r.id):
                continue
            if actors.plural_nationals(r):
                continue  # "the Americans" before "after they met" may be soldiers, not the state's envoys
            side = r.country or r.id or r.name.lower()
            if side not in picked:
                picked[side] = r
            if len(picked) == n:
                break
        return list(reversed(picked.values())) if len(picked) >= 2 else []

    def _title_or_group(self, h, depth: int) -> list[ActorRef]:
        """ "a delegation led by X", "his Turkish counterpart Hakan Fidan", "the leaders of
        Egypt and Jordan", "US officials", "the two presidents", "the Speaker"."""
        got = self._title_or_group_refs(h, depth)
        # "a Mauritian delegation to China", "the UN envoy to Somalia": the state it goes to
        if got and h.lemma_.lower() in self.lex.word_set("mission_nouns"):
            for o in self.prep_objects(h, {"to"}):
                ref = self.actors.at(o.i)
                if ref is not None and ref.kind == "country" and all(ref.country != r.country for r in got):
                    got = got + [replace(ref, how="role")]
        return got

    def _title_or_group_refs(self, h, depth: int) -> list[ActorRef]:
        actors = self.actors
        low, text_low = h.lemma_.lower(), h.lower_
        titles = actors.lex["titles"]
        following = actors.at(h.i + 1) if h.i + 1 < len(self.doc) else None
        if following is not None and following.kind == "person" and following.start == h.i + 1:
            return [following]
        if low in titles or text_low in titles:
            named = self._name_closing_title(h)
            if named is not None:
                return [named]
        for ch in h.children:
            if ch.dep_ in ("acl", "relcl") and ch.lemma_.lower() in ("lead", "head", "comprise", "include"):
                for a in ch.children:
                    if a.dep_ == "agent":
                        got = [r for p in a.children if p.dep_ == "pobj" for r in self.np_actors(p, depth + 1)[0]]
                        if got:
                            return got
                    if a.dep_ == "dobj":
                        got = self.np_actors(a, depth + 1)[0]
                        if got:
                            return got
        got = self._of_chain(h, depth)
        if got:
            # "the leaders of Egypt and Jordan": the states, through their officials
            return [replace(r, how="role") if r.kind == "country" else r for r in got]
        country = actors.country_of_modifiers(h)
        # an organisation named as a modifier: "a NATO delegation", "the EU side"
        for ch in h.children:
            if ch.dep_ in ("compound", "amod", "nmod", "poss"):
                r = actors.at(ch.i)
                if r is not None and r.kind != "country":
                    return [r]
        if country and h.tag_ in ("NN", "NNP") and (low in titles or text_low in titles):
            # "Pakistan's Prime Minister" after "Prime Minister of Pakistan Shehbaz Sharif":
            # one office, one holder, named before
            title = " ".join([t.lower_ for t in h.lefts if t.dep_ == "compound"] + [text_low])
            person = actors.earlier_person(h.i, role_word=title)
            if person is not None and person.country == country:
                return [person]
        if not country and h.tag_ in ("NNS", "NNPS") and actors.is_official(h):
            # "talks with senior officials in Italy": the officials of the state they are in
            for o in self.prep_objects(h, {"in"}):
                ref = actors.at(o.i)
                state = ref.country if ref is not None and ref.kind == "country" else actors.capitals.get(o.i)
                g = actors.group_ref(h, state) if state else None
                if g is not None:
                    return [g]
        if country:
            refs = [actors.group_ref(h, cc) for cc in actors.countries_of_modifiers(h)]
            refs = [g for g in refs if g is not None]
            if refs:
                return refs
        rest = [ch for ch in h.children if ch.lower_ != "the"]
        if h.tag_ in ("NNS", "NNPS") and (any(ch.lower_ in _DUAL for ch in h.children) or (
                low in titles and any(ch.lower_ == "the" for ch in h.children) and (not rest or (
                    len(rest) == 1 and rest[0].lower_ == "of"
                    and [p.lower_ for p in rest[0].children] in (["state"], ["government"]))))):
            n = 3 if any(ch.lower_ == "three" for ch in h.children) else 2
            found = actors.earlier_people(h.i, n, role_word=h.lemma_.lower())
            if found:
                return found
        # "the Speaker" with no name: the speaker named earlier
        if low in titles and h.tag_ in ("NN", "NNP") and any(ch.lower_ == "the" for ch in h.children):
            person = actors.earlier_person(h.i, role_word=low)
            if person is not None:
                return [person]
        return []

    def _name_closing_title(self, h) -> ActorRef | None:
        """ "Speaker of the National Assembly of Hungary Laszlo Kover", parsed with the name
        inside the body's phrase: the person closing the title phrase."""
        doc, actors = self.doc, self.actors
        i, end = h.i + 1, h.sent.end
        if i >= end or doc[i].lower_ not in ("of", "for"):
            return None
        while i < end:
            ref = actors.at(i)
            if ref is not None and ref.kind == "person":
                return ref if ref.start == i else None
            t = doc[i]
            if not (t.lower_ in ("of", "the", "for") or (t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ"))):
                return None
            i = ref.end if ref is not None else i + 1
        return None

    def _of_chain(self, h, depth: int) -> list[ActorRef]:
        """ "members of the staff of the majority of the X Committee" -> X."""
        cur = h
        for _ in range(5):
            nxt = None
            for ch in cur.children:
                if ch.dep_ == "prep" and ch.lower_ in ("of", "from"):
                    nxt = next((p for p in ch.children if p.dep_ == "pobj"), None)
                    break
            if nxt is None:
                return []
            got = self.np_actors(nxt, depth + 1)[0]
            if got:
                return got
            cur = nxt
        return []

    # ============================================================ sides
    def side(self, r: ActorRef) -> str | None:
        """The state or body an actor stands for: its country, else the organization itself.
        An armed group stands for itself: a government's talks with the rebels who fight it
        are peace talks, not a domestic affair; and its leader stands for it, not for his
        country ("a call between the rebel leader and his group's envoy" is one side)."""
        if r.kind == "country":
            return r.country or r.id
        armed = self.lex.word_set("armed_sectors")
        if r.kind == "organization" and (r.sector or (r.code or "").rsplit(".", 1)[-1]) in armed:
            return r.id or r.name
        if r.kind == "person" and r.organization_id and (r.organization_code or "").rsplit(".", 1)[-1] in armed:
            return r.organization_id
        if r.country:
            return r.country
        if r.kind == "organization" and r.id:
            return r.id
        if r.kind == "organization" and r.how == "igo":
            return r.name  # an international body the dictionary does not know
        if r.organization_id:
            return r.organization_id
        return None

    def sides(self, c: Candidate) -> set[str]:
        return {self.side(r) for r, _ in c.refs} - {None}
