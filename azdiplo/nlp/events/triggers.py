"""Triggers: the words of a sentence that report a diplomatic event.

Which words, with which constraints, is data (``azdiplo/data/triggers.json``):

- verbs ("met", "visited", "signed an agreement", "agreed to boost ties"),
  each with what its object must be (an actor, a place, an agreement...), the
  prepositions one of which it needs ("arrived in", "left for") and the words
  one of which must be near ("talked by phone");
- event nouns ("talks", "summit", "visit", "phone call", "ceasefire"),
  alone or carried by a light verb ("held talks", "paid a visit", "reached an
  agreement"), the light verb then giving the parties and the tense;
- "visiting X": X is on a visit.

A trigger only proposes an event; :mod:`.acceptance` decides, from the
parties found, whether it was a diplomatic one.
"""

from __future__ import annotations

from ...lexicon import Lexicon
from ..columns import columns
from .model import Trigger


#: what a bare "round" is in an article about talks (see TriggerFinder._round_of_talks_before);
#: "round_verbs" (triggers.json) are those that report it as their subject ("was held", "ended")
_ROUND = {"type": "negotiation", "light_only": True, "round": True}

#: a travelling group sent to a place ("a delegation to Cairo"): the group is the visitor
_GROUP_VISIT = {"type": "visit", "roles": {"subject": "visitor", "object": "visitor"}}

#: the parts of speech of a trigger word (besides "visiting", which may be anything)
_TRIGGER_POS = frozenset(("VERB", "AUX", "NOUN", "PROPN"))


class TriggerFinder:
    """The triggers of one sentence, by the lexicon."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.agreement_nouns = lex.word_set("agreement_nouns")
        self.statement_nouns = lex.word_set("statement_nouns")
        self.quantity_nouns = lex.word_set("quantity_nouns")
        self.making_verbs = lex.word_set("agreement_making_verbs")

    def find(self, sent) -> list[Trigger]:
        out: list[Trigger] = []
        consumed: set[int] = set()
        doc = sent.doc
        cols = columns(doc)
        pos, lower = cols.pos, cols.lower
        for i in range(sent.start, sent.end):
            if pos[i] not in _TRIGGER_POS and lower[i] != "visiting":
                continue  # no trigger: read from the Doc's columns, without making a Token of it
            tok = doc[i]
            visitor = visiting(tok)
            if visitor is not None:
                # "met with visiting Chinese Premier Wen Jiabao": that person is on a visit
                out.append(Trigger(tok, "visit", "amod:visiting", {"type": "visit", "roles": {"subject": "visitor"}},
                                   noun=visitor))
                continue
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ == "VBG"):
                found = self._verb(tok, consumed)
                out.extend(found)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed:
                trig = self._noun(tok)
                if trig is not None:
                    out.append(trig)
        # a noun that a verb trigger already accounts for ("held talks") is not a second trigger
        return [t for t in out if t.verb is not None or t.tok.i not in consumed]

    # ------------------------------------------------------------------ verbs
    def _verb(self, tok, consumed: set[int]) -> list[Trigger]:
        lex = self.lex
        lemma = tok.lemma_.lower()
        out: list[Trigger] = []
        if lemma in lex.light_verbs:
            # a light verb with an event noun: "held talks", "paid a visit", "ended a summit"
            for noun in self.light_objects(tok):
                entry = self.noun_entry(noun)
                if entry is None or noun.i in consumed:
                    continue
                if noun.lemma_.lower() == "signing" and not self._signing_object(noun):
                    continue
                verb_entry = lex.verbs.get(lemma, {}) if lemma == "host" else {}
                merged = {**entry, **{k: v for k, v in verb_entry.items() if k in ("cameo", "mode", "roles")}}
                out.append(Trigger(noun, self.noun_type(noun, entry), f"light:{lemma}+{noun.lemma_.lower()}", merged,
                                   verb=tok, noun=noun, consumed={noun.i}))
                consumed.add(noun.i)
            if out:
                return out
        sent_group = self._group_sent(tok) if lemma in lex.word_set("sending_verbs") else None
        if sent_group is not None and sent_group.i not in consumed:
            # "sent a delegation to Cairo", "led a mission to Hanoi": the group travels
            out.append(Trigger(sent_group, "visit", f"verb:{lemma}+{sent_group.lemma_.lower()}", _GROUP_VISIT,
                               verb=tok, noun=sent_group, consumed={sent_group.i}))
            consumed.add(sent_group.i)
            return out
        entry = lex.verbs.get(lemma)
        if entry is None or tok.i in consumed:
            return out
        need = entry.get("object", "")
        if need == "agreement":
            # "signed a memorandum", "the treaty signed by X and Y", "a deal struck in August"
            documents = self.agreement_nouns | (lex.word_set("signed_documents") if lemma in ("sign", "ink", "initial")
                                                else frozenset())
            nouns = [o for o in direct_objects(tok, self.quantity_nouns) if o.lemma_.lower() in documents
                     or (lemma in ("sign", "ink", "initial") and _named_text(o))]
            if not nouns and tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in documents:
                nouns = [tok.head]
            if not nouns:
                return out
            typ = "statement" if nouns[0].lemma_.lower() in self.statement_nouns and lemma in ("issue", "release", "adopt") \
                else entry["type"]
            out.append(Trigger(tok, typ, f"verb:{lemma}+{nouns[0].lemma_.lower()}", entry, verb=tok, noun=nouns[0],
                               consumed={n.i for n in nouns}))
            consumed.update(n.i for n in nouns)
            return out
        if need == "statement":
            nouns = [o for o in direct_objects(tok, self.quantity_nouns) if o.lemma_.lower() in self.statement_nouns]
            if not nouns and tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in self.statement_nouns:
                nouns = [tok.head]
            if not nouns:
                return out
            out.append(Trigger(tok, entry["type"], f"verb:{lemma}+{nouns[0].lemma_.lower()}", entry, verb=tok,
                               noun=nouns[0], consumed={n.i for n in nouns}))
            consumed.update(n.i for n in nouns)
            return out
        if need == "intention":
            if not any(o.lemma_.lower() in lex.word_set("intention_nouns") for o in direct_objects(tok, self.quantity_nouns)):
                return out
        if entry.get("xcomp") == "cooperate" and not self._commitment(tok):
            return out
        if entry.get("needs") and not has_need(tok, entry["needs"]):
            return out
        if entry.get("preps") and not has_prep(tok, entry["preps"]) and (
                "object" not in entry or not direct_objects(tok, self.quantity_nouns)):
            return out  # "talked about the crisis" is no meeting; "consulted X" needs no "with"
        if entry.get("prep_object") == "place" and not _stays_in_place(tok, entry["preps"]):
            return out  # "was in London" is a stay abroad; "was in talks", "had been claimed in X" are not
        typ = entry["type"]
        if entry.get("phone_type") and has_need(tok, lex.word_set("phone_words")):
            typ = entry["phone_type"]  # "spoke by telephone with X"
        if lemma == "agree" and not any(ch.dep_ in ("xcomp", "ccomp") for ch in tok.children) and not any(
                c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
            typ = "agreement"  # "agreed on an interim security report": what they agreed is a text ("to a plan": intent)
        out.append(Trigger(tok, typ, f"verb:{lemma}", entry, verb=tok))
        return out

    def _commitment(self, verb) -> bool:
        """ "agreed to boost ties", "pledged to work together", "agreed that they should
        view ties from a strategic perspective": a joint commitment, not a single decision
        ("agreed to resume negotiations" is the negotiation itself, planned)."""
        lex = self.lex
        comp = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
        if not comp:
            # "agreed on a plan", "committed themselves to peace"
            if verb.lemma_.lower() == "agree":
                # "agreed on a plan" (not "agreed on Monday"), "agreed to a plan", "to X's proposal";
                # not "agreed to the company's terms"
                proposals = lex.word_set("accepted_proposals")
                return any(p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")
                           and (c.lower_ in ("on", "upon") or (c.lower_ == "to" and p.lemma_.lower() in proposals))
                           for c in verb.children if c.dep_ == "prep" for p in c.children)
            return verb.lemma_.lower() == "commit" and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)
        head = comp[0]
        if head.dep_ == "xcomp" and head.lemma_.lower() in lex.verbs:
            return False  # "agreed to meet in Gyeongju": the meeting itself is the event (planned)
        if head.lemma_.lower() not in lex.word_set("cooperation_verbs") and head.dep_ != "ccomp" \
                and not self._joint(verb):
            return False  # "China agreed to provide aid": one side's decision; "A and B agreed to impose": joint
        # "agreed to resume negotiations", "agreed to return to the talks": the negotiation
        # itself is the event (planned)
        objects = self.light_objects(head) + [p for c in head.children if c.dep_ == "prep" and c.lower_ == "to"
                                              for p in c.children if p.dep_ == "pobj"]
        return not any(self.noun_entry(o) for o in objects)

    # ------------------------------------------------------------------ nouns
    def _joint(self, verb) -> bool:
        """Whether a verb of commitment is made by several sides together: coordinated
        subjects ("France and Germany agreed"), a plural of sides ("all six states", "both
        countries", "the two leaders") or a partner ("agreed with Japan to")."""
        if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
            return True
        sides = self.lex.word_set("side_nouns") | self.lex.word_set("state_nouns")
        for subj in (c for c in verb.children if c.dep_ == "nsubj"):
            if any(c.dep_ == "conj" for c in subj.children):
                return True
            if subj.tag_ in ("NNS", "NNPS") and subj.lemma_.lower() in sides:
                return True
        return False

    def _group_sent(self, verb):
        """The travelling group a verb sends or leads to a place ("sent a high-level delegation
        to Cairo", "led a mission to Hanoi"), the place named on the verb or on the group."""
        groups = self.lex.word_set("travelling_group_nouns")
        for o in direct_objects(verb):
            if o.lemma_.lower() in groups and (_to_place(verb) or group_destinations(o)):
                return o
        return None

    def _noun(self, tok) -> Trigger | None:
        lex = self.lex
        low = tok.lemma_.lower()
        if low in lex.word_set("travelling_group_nouns") and group_destinations(tok) \
                and not (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lex.word_set("speech_verbs")) \
                and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and not (tok.dep_ == "pobj" and tok.head.lower_ == "of"):
            # "A Peruvian delegation to Japan signed ...", "set out on a mission to Tokyo": the
            # group is on a visit there ("the UN mission to Congo said" is a standing body
            # speaking, "the head of the mission to Congo" an office)
            return Trigger(tok, "visit", f"group:{low}", _GROUP_VISIT, noun=tok)
        if low in lex.word_set("generic_event_nouns") and takes_place(tok):
            return Trigger(tok, "any", f"generic:{low}", {"type": "any"}, verb=tok.head, noun=tok)
        entry = self.noun_entry(tok)
        if entry is not None and entry.get("round") and self._round_told(tok):
            return Trigger(tok, entry["type"], f"noun:{low}", entry, noun=tok)
        if entry is None or entry.get("light_only"):
            return None  # "a ceremony" is an event only when someone attends or holds it
        if low == "signing":
            documents = self._signing_object(tok)
            if not documents:
                return None
            return Trigger(tok, "agreement", f"noun:{low}", entry, noun=tok, consumed={d.i for d in documents})
        if self._document_of_event(tok):
            return None  # "the signing of a joint declaration", "talks on a treaty": part of that event
        if entry.get("document") and not self._document_event(tok):
            return None
        return Trigger(tok, self.noun_type(tok, entry), f"noun:{low}", entry, noun=tok)

    def _document_of_event(self, noun) -> bool:
        """An agreement or statement noun that is what another event noun is about: "the
        signing of a joint declaration", "the adoption of a final communique"."""
        if noun.dep_ == "pobj" and noun.head.lower_ == "of":
            owner = noun.head.head
            return owner.lemma_.lower() in ("signing", "adoption", "conclusion", "ratification", "initialling")
        return noun.dep_ == "compound" and noun.head.lemma_.lower() in ("signing", "ceremony")

    def noun_entry(self, noun) -> dict | None:
        """The lexicon entry of an event noun, if its constraints hold here."""
        entry = self.lex.nouns.get(noun.lemma_.lower()) or self.lex.nouns.get(noun.lower_)
        if entry is None:
            return _ROUND if self._round_of_talks_before(noun) else None
        if entry.get("plural") and noun.tag_ not in ("NNS", "NNPS"):
            return None
        if entry.get("of_party") and not self._of_party(noun):
            return None  # "a training session", "the session of talks"
        mods = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
        if entry.get("not") and mods & set(entry["not"]):
            return None  # "a press conference"
        if entry.get("needs") and not has_need(noun, entry["needs"]) and not (
                entry.get("or_region") and any(c.dep_ == "amod" and c.ent_type_ in ("NORP", "LOC") for c in noun.children)):
            return None  # "an Asian tour", "a Gulf tour" name the region toured
        return entry

    def _of_party(self, noun) -> bool:
        """ "the yearly session of the UN Statistical Commission", "a session of OPEC ministers":
        the noun is of a body, a people or its officials."""
        people = self.lex.word_set("people_side_nouns") | self.lex.word_set("side_nouns")
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and (p.ent_type_ in ("ORG", "NORP", "GPE") or p.pos_ == "PROPN"
                                             or p.lemma_.lower() in people):
                        return True
        return False

    def _round_of_talks_before(self, noun) -> bool:
        """A bare "round" in an article that has told of talks or negotiations before is a
        round of them: "a first round took place in May", "held a new round", "an earlier
        round between the two blocs" ("a round of voting", "the second round of the election"
        say what the round is of)."""
        if noun.lemma_.lower() != "round" or noun.pos_ != "NOUN" or noun.tag_ != "NN":
            return False
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            return False
        plural = self.lex.word_set("plural_event_nouns")
        doc = noun.doc
        return any(t.lemma_.lower() in plural and t.tag_ == "NNS" for t in doc[max(0, noun.i - 1500):noun.i])

    def _round_told(self, noun) -> bool:
        """A bare round of talks that reports the round itself, without a light verb: held,
        opened or ended ("the first round was held in Beijing", "the new round kicked off"), or
        between parties ("an earlier round between the two blocs")."""
        if any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in noun.children):
            return True
        head = noun.head
        return noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in self.lex.word_set("round_verbs")

    def noun_type(self, noun, entry: dict) -> str:
        typ = entry["type"]
        low = noun.lemma_.lower()
        mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
        # a modifier the tokenizer split at its hyphen: "six-party talks", "four-nation negotiations"
        mods |= {"".join(t.text for t in c.subtree).lower() for c in noun.children
                 if c.dep_ in ("amod", "compound", "nmod") and any(t.text == "-" for t in c.subtree)}
        if entry.get("phone_type") and has_need(noun, self.lex.word_set("phone_words")):
            return entry["phone_type"]  # "a video conference", "telephone talks"
        if typ == "meeting" and low in ("talk", "consultation", "discussion"):
            if mods & self.lex.word_set("negotiation_modifiers") or self._round_of(noun) or self._process(noun):
                return "negotiation"
        if typ == "agreement" and low in self.statement_nouns and mods & self.lex.word_set("statement_modifiers"):
            return "statement"  # "a joint statement", "the final communique"
        return typ

    def _process(self, noun) -> bool:
        """Talks told as a process, not an occasion: "the talks have made progress",
        "talks collapsed", "resumed talks", "the talks dragged on"."""
        head = noun.head
        if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in self.lex.word_set("process_verbs"):
            return True
        return noun.dep_ in ("dobj", "pobj") and (head.head if noun.dep_ == "pobj" else head).lemma_.lower() \
            in self.lex.word_set("process_object_verbs")

    @staticmethod
    def _round_of(noun) -> bool:
        """ "a new round of talks", "the fourth round of negotiations" """
        return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() == "round"

    def _document_event(self, noun) -> bool:
        """An agreement noun reports an event when its parties or its making are given: "an
        agreement between A and B", "the deal reached in August", "Israel's ceasefire with
        Hamas" — not a document only named ("under the Lusaka Protocol")."""
        lex = self.lex
        if any(c.dep_ == "prep" and c.lower_ in ("between", "with", "among") for c in noun.children):
            return True
        if any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in self.making_verbs for c in noun.children):
            return True  # "the agreement reached on Tuesday", "a deal struck with the rebels"
        head = noun.head
        if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex.word_set("agreement_subject_verbs"):
            return True  # "a ceasefire went into effect", "the accord was reached"
        return _dated_document(noun, lex.word_set("calendar_words"))

    def light_objects(self, verb) -> list:
        objs = list(direct_objects(verb, self.quantity_nouns))
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "on", "for", "into"):
                objs.extend(p for p in c.children if p.dep_ == "pobj")
            if c.dep_ == "prt" and c.lower_ in ("up", "off", "out"):
                objs.extend(p for p in c.children if p.dep_ == "pobj")
        unique = {o.i: o for o in objs if o.pos_ in ("NOUN", "PROPN")}
        return [unique[i] for i in sorted(unique)]

    def _signing_object(self, noun) -> list:
        out = []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                out.extend(p for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in self.agreement_nouns)
            if c.dep_ == "compound" and c.lemma_.lower() in self.agreement_nouns:
                out.append(c)
        if noun.dep_ == "compound" and noun.head.lemma_.lower() in ("ceremony",):
            out.append(noun.head)
        return out


# ---------------------------------------------------------------------- helpers

def visiting(tok):
    """The person "visiting" qualifies ("visiting Ghanaian President John Kufuor"), whether the
    parser made it a modifier of the name or a gerund taking the name as its object."""
    if tok.lower_ != "visiting":
        return None
    if tok.dep_ in ("amod", "compound", "acl") and tok.head.pos_ in ("NOUN", "PROPN") \
            and not any(c.dep_ == "dobj" for c in tok.children):
        return tok.head
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in ("with", "to", "for", "by", "of"):
        return next((c for c in tok.children if c.dep_ == "dobj"), None)
    if tok.dep_ in ("nsubj", "csubj") and tok.i == tok.sent.start:
        # "Visiting UN Secretary General X said ...", parsed as a gerund subject with X its object
        return next((c for c in tok.children if c.dep_ == "dobj" and c.ent_type_ == "PERSON"), None)
    return None


def takes_place(noun) -> bool:
    """ "the ceremony took place", "an event ... was held": a happening of unnamed type."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    lemma = verb.lemma_.lower()
    return (lemma == "take" and any(c.lower_ == "place" for c in verb.children)) or lemma in ("happen", "occur") \
        or (lemma == "hold" and noun.dep_ == "nsubjpass")


def direct_objects(verb, quantity_nouns=frozenset()) -> list:
    out = []
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            out.append(c)
            out.extend(c.conjuncts)
    if not out:
        out.extend(glued_object(verb))
    # "signed a series of agreements", "a number of accords": the things counted
    for o in list(out):
        if o.lemma_.lower() in quantity_nouns:
            out.extend(p for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj")
    return out


def glued_object(verb) -> list:
    """ "met Merkel Monday", "telephoned Merkel hours before": the parser reads the name as
    a modifier of the time word that follows it; the name is the verb's object."""
    # the time word modifies the verb, or the clause it opens ("hours before she was to meet")
    words = [*verb.children, *(g for ch in verb.children if ch.dep_ == "advcl" for g in ch.children)]
    for c in words:
        if c.dep_ in ("npadvmod", "tmod") and c.ent_type_ in ("DATE", "TIME") and c.i > verb.i:
            names = [m for m in c.children if m.dep_ == "compound" and m.pos_ == "PROPN" and m.i == c.i - 1]
            if names:
                return names
    return []


def has_need(tok, needs) -> bool:
    """One of ``needs`` modifies the word or sits close to it in its clause."""
    needs = set(needs)
    window = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.children}
    if tok.head.i != tok.i:
        window |= {t.lower_ for t in tok.head.children}
    if tok.dep_ == "pobj" and tok.head.head.i != tok.head.i:
        window.add(tok.head.head.lower_)  # "the fourth round of the security dialogue"
    window |= {t.lower_ for t in tok.doc[max(tok.i - 3, tok.sent.start): tok.i + 4]}
    return bool(window & needs)


def _dated_document(noun, calendar_words) -> bool:
    """An agreement noun dated by its modifier reports its making: "today's agreement", "last
    month's Paris accord", "a February 22 agreement", "Sunday's ceasefire deal". The date must
    place it in the calendar (``calendar_words``): a length ("a five-year pact") or a year alone
    names a text ("the 1994 Lusaka Protocol", "the 1987 accord"), not an event."""
    if noun.pos_ != "NOUN":
        return False
    for c in noun.children:
        if c.dep_ not in ("poss", "nmod", "compound"):
            continue
        if any(t.ent_type_ == "DATE" and t.lower_ in calendar_words for t in c.subtree):
            return True
    return False


def _named_text(tok) -> bool:
    """ "signed the CPA", "signed the Kyoto Protocol" named as a law: a text known by its name."""
    return tok.ent_type_ == "LAW" or (tok.text.isupper() and tok.text.isalpha() and 2 <= len(tok.text) <= 6
                                      and tok.ent_type_ not in ("GPE", "NORP", "PERSON", "LOC"))


def _stays_in_place(tok, preps) -> bool:
    """ "was in London": the verb itself (not an auxiliary) with one of ``preps`` naming a place."""
    return tok.dep_ not in ("aux", "auxpass") and any(
        c.dep_ == "prep" and c.lower_ in preps and any(p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC") for p in c.children)
        for c in tok.children)


def _to_place(tok) -> bool:
    """A "to" phrase of the word names a place ("to Cairo")."""
    return bool(_places_to(tok))


def _places_to(tok) -> list:
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
            for p in c.children if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC")]


def group_destinations(noun) -> list:
    """Where a travelling group goes: "a delegation to Japan", "a delegation, which was led by
    X, to Amman" (the "to" phrase hung on the clause that describes the group)."""
    return _places_to(noun) + [p for c in noun.children if c.dep_ in ("relcl", "acl") for p in _places_to(c)]


def has_prep(tok, preps) -> bool:
    if "in" in preps and any(c.lower_ == "here" and c.dep_ == "advmod" for c in tok.children):
        return True  # "arrived here": the dateline's city
    heads = [tok] + [c for c in tok.children if c.dep_ == "dobj"]  # "discussed the crisis with X"
    if any(c.dep_ in ("prep", "agent") and c.lower_ in preps for h in heads for c in h.children):
        return True
    # "set off for Quito to join the summit", parsed as a for-to clause
    return "for" in preps and any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                                  for c in tok.children)
