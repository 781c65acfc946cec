"""Whether a candidate is a diplomatic event, from the parties found.

An event needs at least one party that makes it diplomatic: a state, an
international body or a state's institution, or a person holding an office
(a title with a sector, or a title with the state it serves, or a known
office-holder). A country alone counts when the trigger itself is
diplomatic (talks, a summit, a treaty): "England will meet Italy" is sport.

Then, by type: a visit needs a visitor and a destination abroad; the other
types need two sides (two states, or a state and a body), or one side with a
party of unknown side, or the members of one international body meeting,
or an official attending a multilateral meeting, or the members of one
international body agreeing or declaring together ("APEC leaders issued a
joint statement"). Every participant of the same state is a domestic affair,
except an armed group, which stands for itself: a government's peace talks
with the rebels it fights are between two sides.
"""

from __future__ import annotations

from ..people import ActorRef, DocActors, role_sector
from .arguments import Arguments
from .model import Candidate


class Acceptance:
    def __init__(self, actors: DocActors, args: Arguments):
        self.actors = actors
        self.args = args
        self.side = args.side
        lex = args.lex
        self.anaphor_preps = lex.word_set("anaphor_preps")
        self.anaphor_determiners = lex.word_set("anaphor_determiners")
        self.attend_verbs = lex.word_set("attend_verbs")
        self.multilateral_nouns = lex.word_set("multilateral_nouns")
        self.diplomatic_nouns = lex.word_set("diplomatic_nouns")
        self.political_sectors = lex.word_set("political_sectors")
        self.agreement_nouns = lex.word_set("agreement_nouns")
        self.unilateral_promise_verbs = lex.word_set("unilateral_promise_verbs")
        self.compliance_verbs = lex.word_set("agreement_compliance_verbs")
        self.statement_modifiers = lex.word_set("statement_modifiers")
        self.business_people = lex.word_set("business_people_nouns")
        self.outcome_nouns = lex.word_set("outcome_nouns")
        self.nonstate_bodies = lex.word_set("nonstate_body_nouns")
        self.speech_verbs = lex.word_set("speech_verbs")
        self.in_force_modifiers = lex.word_set("in_force_modifiers")
        self.travelling_groups = lex.word_set("travelling_group_nouns")

    def judge(self, c: Candidate) -> tuple[Candidate | None, str]:
        refs = dedupe(c.refs)
        c.refs = refs
        self.home_of_armed_groups(refs)
        sides = {self.side(r) for r, _ in refs}
        known = {s for s in sides if s}
        typ = c.type
        noun = c.trigger.noun
        if noun is not None and c.trigger.verb is None and noun.dep_ == "pobj" and noun.head.lower_ in ("for", "of", "to") \
                and self.args.actorish(noun.head.head, names=False):
            # "a spokesman for the UN's World Summit", "the chairman of the talks": an office, not a report
            return None, f"'{noun.head.head.text} {noun.head.text} the {noun.text}' names an office, not the event"
        terms = self.terms_of_agreement(c) or self.one_sided_promise(c) or self.one_sided_statement(c) \
            or self.business_gathering(c) or self.no_journey(c)
        if terms:
            return None, terms
        if c.plural and noun is not None and any(ch.dep_ == "nummod" or ch.lower_ in self.args.lex.word_set("count_words")
                                                 for ch in noun.children):
            return None, f"'{noun.text}' counts several events: not one event"
        if not refs:
            if noun is not None and c.trigger.verb is None and noun.dep_ == "pobj" \
                    and noun.head.lower_ in self.anaphor_preps and not c.place \
                    and any(ch.lower_ in self.anaphor_determiners for ch in noun.children):
                return None, f"'{noun.head.text} the {noun.text}' refers to an event reported before"
            own_place = c.place and c.place_source == "sentence"
            own_date = c.date and c.date_source == "sentence"
            if noun is not None and (own_place or own_date) and (definite(noun) or typ == "any"):
                c.reference = True
                return c, "no participants of its own: kept as a reference to an event reported elsewhere"
            return None, "no participant in the sentence's structure"
        if not any(self.political(r, c) for r, _ in refs):
            return None, "no state, international body or official among the participants"
        if typ == "visit":
            hosts = {r.country for r, fn in refs if fn == "host"} | ({c.place_country} if c.place_country else set())
            visitors = {self.side(r) for r, fn in refs if fn != "host"}
            if not any(fn != "host" for _, fn in refs) and not c.unresolved:
                return None, "a visit with no visitor"
            if hosts and visitors and not (visitors - {None}) - hosts and len(known) <= 1 and None not in visitors:
                return None, "domestic: visitor and destination in the same country"
            if not hosts and not c.place and len(known) < 2:
                if self._here(c) and any(self.political(r, c) for r, fn in refs if fn != "host"):
                    return c, "a visitor arrived 'here', where the report was written"
                return None, "a visit with no destination"
            return c, "visitor and destination found"
        if len(known) >= 2:
            return c, f"participants from {len(known)} sides"
        verb = c.trigger.verb
        if verb is not None and noun is not None and verb.lemma_.lower() in self.attend_verbs \
                and noun.lemma_.lower() in self.multilateral_nouns:
            return c, "attends a multilateral meeting"
        if len(known) == 1 and typ in ("meeting", "call", "negotiation") and (c.unresolved or any(
                self.side(r) is None and self.political(r, c) for r, _ in refs)):
            return c, "one side named, the other an official of no named state"
        if len(known) == 1 and typ in ("meeting", "call") and c.trigger.verb is not None \
                and any(r.kind == "person" and self.side(r) is not None and self.political(r, c) for r, _ in refs) \
                and any(r.kind == "person" and self.side(r) is None and len(r.name.split()) >= 2
                        and not self.heads_a_nonstate_body(r, c) and not self.described_of(r, c, known)
                        for r, _ in refs):
            return c, "an official of a named state met a person named in full"
        if len(known) == 1 and typ in ("meeting", "negotiation") and c.status in ("occurred", "planned") and any(
                r.kind == "organization" and not r.country and r.id for r, _ in refs):
            return c, "members of an international organization meet"
        if len(known) == 1 and typ in ("intent", "statement", "agreement") and c.status == "occurred" \
                and self._body_acts(c, refs):
            return c, "the members of an international organization agree or declare together"
        if typ in ("intent", "statement") and c.status == "occurred" and c.gathering is not None:
            return c, f"the members of the {c.gathering.trigger.tok.text} reported before speak or commit together"
        host = self.host_state(c, known)
        if host is not None:
            c.add(host, "host")
            return c, f"one side, in the capital of the other ({c.place})"
        if len(known) == 1 and typ in ("agreement", "intent") and len(refs) >= 2:
            return None, "domestic: every participant from the same side"
        return None, "only one side: not a diplomatic event"

    def home_of_armed_groups(self, refs) -> None:
        """ "the government signed a truce with pro-Taliban militants": an armed group the
        dictionary does not name and no word gives a state fights in the one state it faces
        (CAMEO's PAKREB); it still stands for itself as a side."""
        armed = self.args.lex.word_set("armed_sectors")
        states = {r.country for r, _ in refs if r.country and (r.sector or "") not in armed}
        if len(states) != 1:
            return
        (state,) = states
        for r, _ in refs:
            if r.how == "group" and r.country is None and r.sector in armed:
                r.country, r.code = state, f"{state}.{r.sector}"

    def terms_of_agreement(self, c: Candidate) -> str | None:
        """ "Under the deal, Chile promised to open a port": a pledge or an agreement that
        is a term of an agreement in force, not an act of its own; "under a fisheries
        pact with the EU": the pact named as the rule in force, not its making (unless the
        sentence dates it: "under an agreement signed in 1996")."""
        noun = c.trigger.noun
        if c.type == "agreement" and noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "under" \
                and not (c.date and c.date_source == "sentence"):
            return f"'under the {noun.text}': an agreement in force, not its making"
        verb = c.trigger.verb
        if c.type == "agreement" and noun is not None and not (c.date and c.date_source == "sentence"):
            # "its existing credit agreement", "would abide by the ceasefire agreement signed
            # between ...", "refused to respect border treaties": a deal in force
            mod = next((ch for ch in noun.children if ch.dep_ == "amod" and ch.lower_ in self.in_force_modifiers), None)
            if mod is not None:
                return f"'{mod.text} {noun.text}': an agreement in force, not its making"
            n = noun.head if noun.dep_ == "conj" else noun
            gov = n.head if n.dep_ == "dobj" else n.head.head if n.dep_ == "pobj" and n.head.dep_ == "prep" else None
            if gov is not None and gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in self.compliance_verbs:
                return f"'{gov.text} ... {noun.text}': an agreement in force, not its making"
        if c.type not in ("intent", "agreement", "statement") or verb is None:
            return None
        cur = verb
        for _ in range(4):
            for prep in cur.children:
                if prep.dep_ == "prep" and prep.lower_ == "under" and any(
                        o.dep_ == "pobj" and o.lemma_.lower() in self.agreement_nouns for o in prep.children):
                    obj = next(o for o in prep.children if o.dep_ == "pobj")
                    return f"'under the {obj.text}': a term of an agreement in force, not an act of its own"
            if cur.dep_ not in ("conj", "advcl", "xcomp", "ccomp") or cur.head.i == cur.i:
                break
            cur = cur.head
        return None

    def one_sided_promise(self, c: Candidate) -> str | None:
        """ "Chile promised Peru to open a port", "the government vowed to deepen its ties", "the
        cabinet was committed to deepening its dialogue":
        one party's promise, not the joint commitment an intent is ("the two presidents
        pledged to expand trade", "Norway and Iceland pledged ...")."""
        verb = c.trigger.verb
        if c.type != "intent" or verb is None or verb.lemma_.lower() not in self.unilateral_promise_verbs:
            return None
        subj = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")), None)  # "was committed to"
        if subj is None or subj.tag_ in ("NNS", "NNPS") or any(ch.dep_ == "conj" for ch in subj.children) \
                or any(ch.dep_ == "nummod" for ch in subj.children):
            return None
        return f"'{subj.text} {verb.text}': one party's promise, not a joint commitment"

    def one_sided_statement(self, c: Candidate) -> str | None:
        """ "a statement put out by the Transport Ministry said", "the spokesman said in a
        statement released on Friday": one government's statement, not the joint one a
        statement event is ("a joint statement", "a statement issued by the G-20", "ASEAN
        ministers issued a statement", "China and Russia issued a statement")."""
        verb, noun = c.trigger.verb, c.trigger.noun
        if c.type != "statement" or verb is None or noun is None or verb.i == noun.i \
                or any(ch.lower_ in self.statement_modifiers for ch in noun.children):
            return None
        if verb.dep_ in ("acl", "relcl") and verb.head.i == noun.i or verb.tag_ == "VBN":
            phrases = [p for ch in verb.children if ch.dep_ == "agent" for p in ch.children if p.dep_ == "pobj"]
        else:
            phrases = [ch for ch in verb.children if ch.dep_ == "nsubj"]
        if not phrases:
            speaker = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
            if speaker is None or speaker.lemma_.lower() not in self.speech_verbs:
                return None
            phrases = [ch for ch in speaker.children if ch.dep_ == "nsubj"]  # "the spokesman said in a statement"
        if not phrases or any(p.tag_ in ("NNS", "NNPS") or any(ch.dep_ == "conj" for ch in p.children) for p in phrases):
            return None  # "the leaders issued a statement", "A and B issued a statement"
        refs = [r for p in phrases for r in self.args.np_actors(p)[0]]
        if any(r.kind == "organization" and not r.country for r in refs) or len({self.side(r) for r in refs} - {None}) >= 2:
            return None  # "by the G-20", "by the UN Security Council"
        who = " ".join(p.text for p in phrases)
        return f"a statement of one side ('{who}'), not a joint statement"

    def business_gathering(self, c: Candidate) -> str | None:
        """ "told a meeting of car industry investors", "a meeting of 300 bankers from Egypt
        and Jordan", "a business forum": a gathering of business people, however many
        states and ministers its sentence names."""
        noun = c.trigger.noun
        if c.type not in ("meeting", "negotiation") or noun is None:
            return None
        for ch in noun.children:
            if ch.dep_ in ("amod", "compound") and ch.lower_ == "business":
                return f"'{ch.text} {noun.text}': a gathering of business, not a diplomatic one"
            if ch.dep_ == "prep" and ch.lower_ == "of":
                obj = next((o for o in ch.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in self.business_people:
                    return f"'{noun.text} of ... {obj.text}': a gathering of business, not a diplomatic one"
        return None

    def no_journey(self, c: Candidate) -> str | None:
        """ "whatever decision we arrive at", "arrived at a consensus": reaching an outcome,
        not a journey."""
        verb = c.trigger.verb
        if c.type != "visit" or verb is None or verb.lemma_.lower() != "arrive":
            return None
        objs = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "at" for o in p.children if o.dep_ == "pobj"]
        if verb.dep_ == "relcl":
            objs.append(verb.head)
        obj = next((o for o in objs if o.lemma_.lower() in self.outcome_nouns), None)
        return f"'arrive at ... {obj.text}': reaching an outcome, not a journey" if obj is not None else None

    def described_of(self, r: ActorRef, c: Candidate, sides: set[str]) -> bool:
        """ "met Grand Mufti X, the spiritual guide of Lebanon's Druze": a person of no named
        state whose apposition names the state of the other side is that state's own."""
        doc = c.sent.doc
        if not (0 < r.end <= len(doc)):
            return False
        h = doc[r.end - 1]
        described = {t.i for a in h.children if a.dep_ == "appos" for t in a.subtree}
        return any(a.start in described and self.side(a) in sides for a in self.actors.refs)

    def heads_a_nonstate_body(self, r: ActorRef, c: Candidate) -> bool:
        """ "the head of the socialist union federation, Jean Dupont": a person whose
        apposition names a union or a company speaks for it, not for a state."""
        doc = c.sent.doc
        if not (0 < r.end <= len(doc)):
            return False
        h = doc[r.end - 1]
        described = [t for a in h.children if a.dep_ == "appos" for t in a.subtree]
        if h.dep_ == "appos":
            described += [t for t in h.head.subtree if not (r.start <= t.i < r.end)]
        return any(t.lower_ in self.nonstate_bodies for t in described)

    @staticmethod
    def _body_acts(c: Candidate, refs) -> bool:
        """ "APEC ministers agreed to ...", "the summit passed a declaration": an international
        body (or its members) is the subject of the trigger's verb."""
        verb = c.trigger.verb
        if verb is None:
            return False
        clause = [verb]
        while clause[-1].dep_ in ("conj", "xcomp") and len(clause) < 4:
            clause.append(clause[-1].head)  # "the summit ended and passed ...", "agreed to adopt"
        subjects = [ch for v in clause for ch in v.children if ch.dep_ == "nsubj"]
        spans = [(s.left_edge.i, s.right_edge.i) for s in subjects]
        return any(r.kind == "organization" and not r.country and r.id and any(lo <= r.start <= hi for lo, hi in spans)
                   for r, _ in refs)

    @staticmethod
    def _here(c: Candidate) -> bool:
        verb = c.trigger.predicate
        return verb is not None and any(ch.lower_ == "here" for ch in verb.children)

    def host_state(self, c: Candidate, known: set[str]) -> ActorRef | None:
        """ "his talks in Washington": one side's talks in another state's capital are talks
        with that state."""
        if c.type not in ("meeting", "negotiation") or len(known) != 1 or not c.place_country \
                or c.place_country in known or c.place_source != "sentence":
            return None
        country = self.actors.index.get(c.place_country)
        if country is None or country.kind != "country" or not c.place:
            return None
        if c.place.lower() not in {(country.capital or "").lower(), country.name.lower()}:
            return None
        tok = c.trigger.tok
        return ActorRef(tok.i, tok.i + 1, c.place, country.name, "country", id=country.id, country=country.id, how="place")

    def political(self, r: ActorRef, c: Candidate) -> bool:
        """Whether an actor makes the event diplomatic: an official, a state body, an
        international organization — or a country, when the trigger itself is diplomatic
        (talks, a summit, a signed treaty), since "England will meet Italy" is sport."""
        if r.kind == "person":
            return r.id is not None or self.actors.political_role(r.role) or bool(r.role and r.country) \
                or (r.sector or role_sector(r.role)) in self.political_sectors
        if r.kind == "organization":
            doc = c.sent.doc
            # "Minister of Road and Transport Development Delgersaikhan Borkhuu": the model read a
            # portfolio and its holder as one organization; the title before 'of' says otherwise
            titled = r.start >= 2 and doc[r.start - 1].lower_ == "of" and self.actors.political_role(doc[r.start - 2].text)
            return r.id is not None or r.how == "igo" or titled
        if r.how == "modifier":
            # "a Pakistani military chief", "Chinese party officials": a state through an agent of it
            return (r.sector or role_sector(r.text)) in self.political_sectors
        # a state's group is not the event its noun reports ("the delegation" is no party of
        # itself), except a travelling group on its visit ("a Peruvian delegation to Japan")
        return (r.how in ("role", "place", "capital") and (r.start != c.trigger.tok.i or self.travelling(c))) \
            or self.diplomatic_trigger(c)

    def travelling(self, c: Candidate) -> bool:
        noun = c.trigger.noun
        return c.type == "visit" and noun is not None and noun.lemma_.lower() in self.travelling_groups

    def diplomatic_trigger(self, c: Candidate) -> bool:
        if c.type in ("agreement", "negotiation", "intent", "statement"):
            return True
        noun = c.trigger.noun
        return noun is not None and noun.lemma_.lower() in self.diplomatic_nouns and c.trigger.rule.split(":")[0] in ("noun", "light")


def definite(noun) -> bool:
    return noun.pos_ == "PROPN" or any(ch.dep_ in ("det", "poss") and ch.lower_ in ("the", "this", "that", "these", "those")
                                       for ch in noun.children) \
        or any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in noun.children)


def dedupe(refs: list[tuple[ActorRef, str]]) -> list[tuple[ActorRef, str]]:
    seen: set[str] = set()
    out: list[tuple[ActorRef, str]] = []
    for r, fn in refs:
        key = r.id or r.name.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append((r, fn))
    return out
