"""Event mentions from the parse: triggers, their arguments, status, date and place.

The algorithm of the ``azdiplo_events`` component, over a Doc that the
earlier components annotated (layout, actors, dates):

1. Only the article's body is read (``azdiplo.layout``): no events from
   headlines, related-story lists, bylines or translations.
2. Triggers come from the lexicon (``azdiplo/data/triggers.json``): verbs
   ("met", "visited", "signed"), nouns ("talks", "visit", "summit") and light
   verbs with an event noun ("held talks", "paid a visit").
3. Participants come from the structure of the sentence, not from every
   entity in it: subjects (with passives, control and coordination), objects,
   "with"/"between"/"involving" phrases, "a delegation led by X",
   possessives and "of" phrases of event nouns.
4. Status from modality: negation, refusal, plans and futures, hypotheticals.
5. The date the text ties to the event (its own phrase first, then the
   sentence, then the discourse), the place ("in Baku", "to the United
   States", the host's country, the dateline), each with how it was chosen.

Every decision is recorded for ``azdiplo extract --explain``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from .. import dates as dates_mod
from ..layout import BODY, find_dateline
from ..lexicon import Codes, Lexicon
from ..models import Mention, Participant
from ..places import city_country
from .people import ActorRef, DocActors

_QUANTITY_NOUNS = {"variety", "number", "series", "package", "batch", "set", "range", "couple", "pair", "host",
                   "slew", "raft", "total", "dozen", "bundle", "string", "round"}
_OBJECT_CONTROL = {"invite", "ask", "urge", "encourage", "allow", "authorize", "authorise", "send", "instruct"}
_WILL = {"will", "shall", "'ll", "wo"}
_PLACE_PREPS = {"in", "at"}
_PRECISION_RANK = {"range": 4, "day": 5, "week": 3, "month": 2, "season": 1.5, "quarter": 1.6, "year": 1, "decade": 0.5}


@dataclass
class Trigger:
    """A word that reports an event, and the verb that carries its tense."""

    tok: object  # the trigger token (the noun of "held talks")
    type: str
    rule: str
    entry: dict
    verb: object | None = None  # the verb of the clause (the trigger itself, or a light/sign verb)
    noun: object | None = None  # the event noun, when there is one
    consumed: set[int] = field(default_factory=set)  # other tokens this trigger accounts for


@dataclass
class Found:
    """A candidate event while it is being built."""

    trigger: Trigger
    sent: object
    refs: list[tuple[ActorRef, str]] = field(default_factory=list)  # (actor, function)
    unresolved: int = 0  # argument phrases that named nobody we know
    status: str = "occurred"
    refused: bool = False
    date: dict | None = None
    date_source: str = "none"
    date_reason: str | None = None
    place: str | None = None
    place_country: str | None = None
    place_source: str | None = None
    place_reason: str | None = None
    reference: bool = False
    plural: bool = False
    context_event: Found | None = None  # the earlier event whose date (and place) this one took
    frame: object = None  # the verb whose clause an event noun sets ("said at a meeting"): its date is the noun's


class EventFinder:
    """Finds the event mentions of one annotated Doc."""

    def __init__(self, doc, actors: DocActors, lex: Lexicon, *, timexes: list[dict], published: dt.date | None,
                 layout: list, article_id: str = "", dateline: dict | None = None):
        self.doc = doc
        self.actors = actors
        self.lex = lex
        self.published = published
        self.article_id = article_id
        self.dateline = dateline
        self.explain: list[dict] = []
        self._layout = layout or []
        self.timexes = [t for t in timexes if self._usable_timex(t)]
        self._timex_tokens = self._map_timexes()

    # ----------------------------------------------------------------- layout
    def _line_kind(self, char: int) -> str:
        for start, end, kind in self._layout:
            if start <= char <= end:
                return kind
        return BODY

    def _usable_timex(self, t: dict) -> bool:
        return t.get("type") == "DATE" and dates_mod.interval(t.get("value")) is not None

    def _map_timexes(self) -> list[tuple[dict, object]]:
        out = []
        for t in self.timexes:
            span = self.doc.char_span(t["start"], t["end"], alignment_mode="expand")
            if span is not None and len(span):
                out.append((t, span))
        return out

    # ------------------------------------------------------------------- main
    def find(self) -> list[Mention]:
        found_all: list[Found] = []
        for sent in self.doc.sents:
            first = next((t for t in sent if not t.is_space), None)
            if first is None:
                continue
            kind = self._line_kind(first.idx)
            note = {"sentence": sent.text.strip()[:300], "start": sent.start_char, "end": sent.end_char, "decisions": []}
            self.explain.append(note)
            if kind != BODY:
                note["skipped"] = f"{kind} line, not the article body"
                continue
            for trig in self._triggers(sent):
                found, why = self._build(trig, sent, found_all)
                note["decisions"].append({"trigger": trig.tok.text, "type": trig.type, "rule": trig.rule,
                                          "recorded": found is not None, "why": why,
                                          "reference": bool(found is not None and found.reference)})
                if found is not None:
                    found_all.append(found)
            self._anaphora(sent, found_all, note)
        self._date_from_frame(found_all)
        mentions, seen = [], set()
        for f in found_all:
            m = self._mention(f)
            if m.key not in seen:  # one mention per trigger: the store keys mentions by it
                seen.add(m.key)
                mentions.append(m)
        return mentions

    # --------------------------------------------------------------- triggers
    def _triggers(self, sent) -> list[Trigger]:
        lex = self.lex
        out: list[Trigger] = []
        consumed: set[int] = set()
        agreement_nouns = lex.word_set("agreement_nouns")
        for tok in sent:
            lemma = tok.lemma_.lower()
            visitor = self._visiting(tok)
            if visitor is not None:
                # "met with visiting Chinese Premier Wen Jiabao": that person is on a visit
                out.append(Trigger(tok, "visit", "amod:visiting", {"type": "visit", "roles": {"subject": "visitor"}},
                                   noun=visitor))
                continue
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ == "VBG"):
                # a light verb with an event noun: "held talks", "paid a visit", "hosted a meeting"
                if lemma in lex.light_verbs:
                    for noun in self._objects_for_light(tok):
                        entry = lex.nouns.get(noun.lemma_.lower())
                        if noun.lemma_.lower() == "signing" and not self._signing_object(noun):
                            continue
                        if entry and self._noun_ok(noun, entry):
                            typ = self._noun_type(noun, entry)
                            rule_entry = lex.verbs.get(lemma, {}) if lemma in ("host",) else {}
                            out.append(Trigger(noun, typ, f"light:{lemma}+{noun.lemma_.lower()}",
                                               {**entry, **{k: v for k, v in rule_entry.items() if k in ("cameo", "mode", "roles")}},
                                               verb=tok, noun=noun, consumed={noun.i}))
                            consumed.add(noun.i)
                    if any(t.verb is not None and t.verb.i == tok.i for t in out):
                        continue
                entry = lex.verbs.get(lemma)
                if entry is None or tok.i in consumed:
                    continue
                obj_need = entry.get("object", "")
                if obj_need == "agreement":
                    # "signed a cooperation plan": a document only as what is signed
                    documents = agreement_nouns | lex.word_set("signed_documents") if lemma in ("sign", "ink", "initial") \
                        else agreement_nouns
                    nouns = [o for o in self._direct_objects(tok) if o.lemma_.lower() in documents]
                    if not nouns and tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in agreement_nouns:
                        nouns = [tok.head]  # "the border treaty signed by X and Y"
                    if not nouns:
                        continue
                    out.append(Trigger(tok, entry["type"], f"verb:{lemma}+{nouns[0].lemma_.lower()}", entry, verb=tok,
                                       noun=nouns[0], consumed={n.i for n in nouns}))
                    consumed.update(n.i for n in nouns)
                    continue
                if obj_need == "statement":
                    if not any(o.lemma_.lower() in lex.word_set("statement_nouns") for o in self._direct_objects(tok)):
                        continue
                if obj_need == "intention":
                    if not any(o.lemma_.lower() in lex.word_set("intention_nouns") for o in self._direct_objects(tok)):
                        continue
                if entry.get("xcomp") == "cooperate":
                    comp = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
                    if not comp or comp[0].lemma_.lower() not in lex.word_set("cooperation_verbs"):
                        continue
                    # "agreed to resume negotiations": the negotiation itself is the event (planned)
                    if any(lex.nouns.get(o.lemma_.lower()) for o in self._objects_for_light(comp[0])):
                        continue
                if entry.get("needs") and not self._has_need(tok, entry["needs"]):
                    continue
                if entry.get("preps") and "object" not in entry and not self._has_prep(tok, entry["preps"]):
                    continue
                out.append(Trigger(tok, entry["type"], f"verb:{lemma}", entry, verb=tok))
            elif tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed:
                low = tok.lemma_.lower()
                if low in lex.word_set("generic_event_nouns") and self._takes_place(tok):
                    out.append(Trigger(tok, "any", f"generic:{low}", {"type": "any"}, verb=tok.head, noun=tok))
                    continue
                entry = lex.nouns.get(low)
                if entry is None or entry.get("light_only"):
                    continue  # "a ceremony" is an event only when someone attends or holds it
                if not self._noun_ok(tok, entry):
                    continue
                if low == "signing" and not self._signing_object(tok):
                    continue
                out.append(Trigger(tok, self._noun_type(tok, entry), f"noun:{low}", entry, noun=tok))
        # a noun that a verb trigger already governs ("signed ... during the visit" stays separate;
        # "the meeting was held" folds into the noun)
        return [t for t in out if t.verb is not None or t.tok.i not in consumed]

    @staticmethod
    def _visiting(tok):
        """The person "visiting" qualifies ("visiting Ghanaian President John Kufuor"), whether the
        parser made it a modifier of the name or a gerund taking the name as its object."""
        if tok.lower_ != "visiting":
            return None
        if tok.dep_ in ("amod", "compound", "acl") and tok.head.pos_ in ("NOUN", "PROPN") \
                and not any(c.dep_ == "dobj" for c in tok.children):
            return tok.head
        if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in ("with", "to", "for", "by", "of"):
            return next((c for c in tok.children if c.dep_ == "dobj"), None)
        return None

    @staticmethod
    def _takes_place(noun) -> bool:
        """ "the ceremony took place", "an event ... was held": a happening of unnamed type."""
        verb = noun.head
        if noun.dep_ not in ("nsubj", "nsubjpass"):
            return False
        lemma = verb.lemma_.lower()
        return (lemma == "take" and any(c.lower_ == "place" for c in verb.children)) or lemma in ("happen", "occur") \
            or (lemma == "hold" and noun.dep_ == "nsubjpass")

    def _objects_for_light(self, verb) -> list:
        objs = list(self._direct_objects(verb))
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "on", "for"):
                objs.extend(p for p in c.children if p.dep_ == "pobj")
        # "took part in", "embarked on"; a passive subject ("the meeting will be held") comes
        # from _direct_objects, once
        unique = {o.i: o for o in objs if o.pos_ in ("NOUN", "PROPN")}
        return [unique[i] for i in sorted(unique)]

    @staticmethod
    def _direct_objects(verb) -> list:
        out = []
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
                out.append(c)
                out.extend(c.conjuncts)
        # "signed a series of agreements", "a number of accords": the things counted
        for o in list(out):
            if o.lemma_.lower() in _QUANTITY_NOUNS:
                out.extend(p for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                           for p in c.children if p.dep_ == "pobj")
        return out

    def _noun_ok(self, noun, entry: dict) -> bool:
        if entry.get("plural") and noun.tag_ not in ("NNS", "NNPS"):
            return False
        if entry.get("not") and {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")} & set(entry["not"]):
            return False  # "a press conference"
        if entry.get("needs") and not self._has_need(noun, entry["needs"]):
            return False
        return True

    def _noun_type(self, noun, entry: dict) -> str:
        typ = entry["type"]
        if noun.lemma_.lower() == "conference" and self._has_need(noun, ["video", "videoconference", "telephone", "online", "virtual"]):
            return "call"
        if typ == "meeting" and noun.lemma_.lower() in ("talk", "consultation"):
            mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
            if mods & self.lex.word_set("negotiation_modifiers"):
                return "negotiation"
        return typ

    @staticmethod
    def _has_need(tok, needs: list[str]) -> bool:
        window = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.children}
        window |= {t.lower_ for t in tok.head.children} if tok.head.i != tok.i else set()
        if tok.dep_ == "pobj" and tok.head.head.i != tok.head.i:
            window.add(tok.head.head.lower_)  # "the fourth round of the security dialogue"
        window |= {t.lower_ for t in tok.doc[max(tok.i - 3, tok.sent.start) : tok.i + 4]}
        return bool(window & set(needs))

    @staticmethod
    def _has_prep(tok, preps: list[str]) -> bool:
        if "in" in preps and any(c.lower_ == "here" and c.dep_ == "advmod" for c in tok.children):
            return True  # "arrived here": the dateline's city
        heads = [tok] + [c for c in tok.children if c.dep_ == "dobj"]  # "discussed the crisis with X"
        return any(c.dep_ in ("prep", "agent") and c.lower_ in preps for h in heads for c in h.children)

    def _signing_object(self, noun) -> list:
        nouns = self.lex.word_set("agreement_nouns")
        out = []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                out.extend(p for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in nouns)
            if c.dep_ == "compound" and c.lemma_.lower() in nouns:
                out.append(c)
        if noun.dep_ == "compound" and noun.head.lemma_.lower() in ("ceremony",):
            out.append(noun.head)
        return out

    # ------------------------------------------------------------- arguments
    def _subjects(self, verb, depth: int = 0) -> tuple[list, list]:
        """(subjects, passive objects) of a verb, following control and coordination."""
        if depth > 4:
            return [], []
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        passive_objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if passive_objs or agents:
            return agents, passive_objs
        if subj:
            return subj, []
        head = verb.head
        if head.i == verb.i:
            return [], []
        to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if verb.dep_ == "xcomp" or (verb.dep_ in ("advcl", "ccomp") and to_inf):
            if head.lemma_.lower() in _OBJECT_CONTROL:
                objs = [c for c in head.children if c.dep_ == "dobj"]
                if objs:
                    return objs, []
            subj, objs = self._subjects(head, depth + 1)
            # "X is expected/set/scheduled to visit": the raised subject is the visitor
            return (subj or objs), []
        if verb.dep_ == "conj":
            return self._subjects(head, depth + 1)
        if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [head], []
        if verb.dep_ in ("advcl", "pcomp", "prep") and verb.tag_ == "VBG":
            clause = head.head if head.dep_ == "prep" else head
            return self._subjects(clause, depth + 1)
        return [], []

    def np_actors(self, tok, depth: int = 0) -> tuple[list[ActorRef], int]:
        """The actors an argument phrase names, and how many phrases named nobody known."""
        refs: list[ActorRef] = []
        unresolved = 0
        heads = [tok, *tok.conjuncts]
        for head in heads:
            got = self._one_np(head, depth)
            if got:
                refs.extend(got)
                # "President of Azerbaijan X and President of Kazakhstan Y", parsed with the
                # second title conjoined to the first name
                for r in got:
                    if r.kind == "person" and r.end - 1 != head.i:
                        heads.extend(c for c in self.doc[r.end - 1].conjuncts if c not in heads)
            elif self._actorish(head):
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

    def _actorish(self, tok, *, names: bool = True) -> bool:
        """A phrase that names someone, even if we cannot tell whom: a title, a group, a pronoun,
        or (with ``names``) any proper name."""
        lex = self.actors.lex
        low = tok.lemma_.lower()
        return (names and tok.pos_ == "PROPN") or low in lex["titles"] or tok.lower_ in lex["titles"] \
            or low in lex["groups"] or tok.lower_ in lex["plural"] or tok.lower_ in ("he", "she", "they", "him", "her", "them")

    def _reporting_subject(self, pron):
        """The subject of the speech verb whose reported clause ``pron`` is the subject of."""
        if pron.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = pron.head
        if clause.dep_ not in ("ccomp", "xcomp") or clause.head.lemma_.lower() not in self.lex.word_set("speech_verbs"):
            return None
        return next((c for c in clause.head.children if c.dep_ == "nsubj"), None)

    def _listed_after(self, tok) -> list[ActorRef]:
        """Actors listed right after an argument, which the parser often cuts off:
        "involving Azerbaijan, the US, and Armenia" parsed with "Armenia" elsewhere."""
        doc, actors = self.doc, self.actors
        first = actors.at(tok.i)
        i = (first.end if first is not None else tok.i + 1)
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

    def _one_np(self, h, depth: int) -> list[ActorRef]:
        if depth > 3:
            return []
        actors = self.actors
        ref = actors.at(h.i)
        if ref is not None:
            out = [ref]
            if ref.kind != "person":
                # "NATO's chief, Mark Rutte": a person in apposition; "Milli Majlis (Parliament)" is a renaming
                out += [r for c in h.children if c.dep_ == "appos" for r in self.np_actors(c, depth + 1)[0]
                        if r.kind == "person"]
            return out
        # a name in apposition or compound: "his US counterpart Donald Trump"
        for c in h.children:
            if c.dep_ in ("appos",) or (c.dep_ == "compound" and c.ent_type_ == "PERSON"):
                got = self.np_actors(c, depth + 1)[0]
                if got:
                    return got
        low = h.lemma_.lower()
        text_low = h.lower_
        visitor = self._visiting(h)
        if visitor is not None:
            return self._one_np(visitor, depth + 1)
        if text_low in ("whom", "who", "which", "that") and h.tag_ in ("WP", "WDT"):
            # "the president, with whom X met": the relative clause's antecedent
            cur = h
            for _ in range(4):
                if cur.dep_ == "relcl":
                    return self._one_np(cur.head, depth + 1)
                if cur.head.i == cur.i:
                    break
                cur = cur.head
            return []
        if h.pos_ == "PRON" and text_low in ("he", "she", "him", "her", "his", "hers"):
            if text_low in ("his", "her", "hers"):
                # "X met Y ... on his first visit to London": the clause's subject, when it names someone
                subject = next((c for c in h.sent.root.children if c.dep_ == "nsubj" and c.i < h.i), None)
                if subject is not None and subject.pos_ != "PRON":
                    got = self._one_np(subject, depth + 1)
                    if got:
                        return got
            speaker = self._reporting_subject(h)
            if speaker is not None:
                # "The foreign minister said he would propose talks": he is the one who said it
                return self._one_np(speaker, depth + 1) if speaker.pos_ != "PRON" else []
            person = actors.earlier_person(h.i)
            return [person] if person is not None and person.start >= max(0, h.sent.start - 80) else []
        groups = actors.lex["groups"]
        titles = actors.lex["titles"]
        # "a delegation led/headed by X", "a delegation of/from X"
        if low in groups or text_low in groups or low in titles or text_low in actors.lex["plural"]:
            # "his Turkish counterpart Hakan Fidan", parsed as two phrases: the name right after
            following = actors.at(h.i + 1) if h.i + 1 < len(self.doc) else None
            if following is not None and following.kind == "person" and following.start == h.i + 1:
                return [following]
            if low in titles or text_low in titles:
                # "Speaker of the National Assembly of Hungary Laszlo Kover", parsed with the
                # name inside the body's phrase: the person closing the title phrase
                named = self._name_closing_title(h)
                if named is not None:
                    return [named]
            for c in h.children:
                if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head", "comprise", "include"):
                    for a in c.children:
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
            for c in h.children:
                if c.dep_ in ("compound", "amod", "nmod", "poss"):
                    r = actors.at(c.i)
                    if r is not None and r.kind != "country":
                        return [r]
            if country and h.tag_ in ("NN", "NNP") and (low in titles or text_low in titles):
                # "Pakistan's Prime Minister" after "Prime Minister of Pakistan Shehbaz Sharif":
                # one office, one holder, named before
                title = " ".join([t.lower_ for t in h.lefts if t.dep_ == "compound"] + [text_low])
                person = actors.earlier_person(h.i, role_word=title)
                if person is not None and person.country == country:
                    return [person]
            if country:
                groups = [actors.group_ref(h, c) for c in actors.countries_of_modifiers(h)]
                groups = [g for g in groups if g is not None]
                if groups:
                    return groups
            # "the two presidents", "both ministers": the office-holders named before
            # "the speakers signed", "the heads of state held talks": a definite plural of a
            # title means the same
            rest = [c for c in h.children if c.lower_ != "the"]
            if h.tag_ in ("NNS", "NNPS") and (any(c.lower_ in ("two", "both", "three") for c in h.children) or (
                    low in titles and any(c.lower_ == "the" for c in h.children) and (not rest or (
                        len(rest) == 1 and rest[0].lower_ == "of"
                        and [p.lower_ for p in rest[0].children] in (["state"], ["government"]))))):
                n = 3 if any(c.lower_ == "three" for c in h.children) else 2
                found = actors.earlier_people(h.i, n, role_word=h.lemma_.lower())
                if found:
                    return found
            # "the Speaker" with no name: the speaker named earlier
            if low in titles and h.tag_ in ("NN", "NNP") and any(c.lower_ == "the" for c in h.children):
                person = actors.earlier_person(h.i, role_word=low)
                if person is not None:
                    return [person]
        return []

    def _name_closing_title(self, h) -> ActorRef | None:
        """The person named right after the "of" phrase of the title ``h``."""
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
            for c in cur.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                    nxt = next((p for p in c.children if p.dep_ == "pobj"), None)
                    break
            if nxt is None:
                return []
            got = self.np_actors(nxt, depth + 1)[0]
            if got:
                return got
            cur = nxt
        return []

    def _prep_objects(self, tok, preps: set[str]) -> list:
        out = []
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in preps:
                out.extend(p for p in c.children if p.dep_ in ("pobj", "pcomp"))
        return out

    def _acl_objects(self, noun) -> list:
        """ "a summit involving A, B and C" """
        out = []
        for c in noun.children:
            if c.dep_ == "acl" and c.lemma_.lower() in ("involve", "include", "bring", "gather", "feature"):
                out.extend(d for d in c.children if d.dep_ in ("dobj", "pobj"))
                out.extend(self._prep_objects(c, {"together"}))
        return out

    # ------------------------------------------------------------------ build
    def _build(self, trig: Trigger, sent, found_all: list[Found]) -> tuple[Found | None, str]:
        if trig.type == "meeting" and trig.verb is not None and self._by_phone(trig.verb):
            # "discussed the crisis with X by telephone", "met by video link": a call
            trig = Trigger(trig.tok, "call", trig.rule + "+phone", {**trig.entry, "cameo": "041", "mode": "phone"},
                           verb=trig.verb, noun=trig.noun, consumed=trig.consumed)
        f = Found(trig, sent)
        roles = trig.entry.get("roles", {})
        if not roles and trig.type == "visit":
            roles = {"subject": "visitor", "object": "host"}
        subj_fn, obj_fn = roles.get("subject", "participant"), roles.get("object", "participant")
        verb, noun = trig.verb, trig.noun
        add = self._adder(f)
        host_place: list = []
        if trig.rule == "amod:visiting":
            add(noun, "visitor")
            self._status(f)
            self._date(f, found_all)
            self._visit_destination(f)
            return self._accept(f)
        if verb is not None:
            subjects, passive_objs = self._subjects(verb)
            for s in subjects:
                if noun is not None and s.i == noun.i:
                    continue
                add(s, subj_fn)
            objs = [o for o in self._direct_objects(verb) if noun is None or o.i != noun.i and o.i not in trig.consumed]
            objs += [o for o in passive_objs if noun is None or o.i != noun.i]
            problem = self._object_problem(trig, objs + self._prep_objects(verb, {"with"}))
            if problem:
                return None, problem
            for o in objs:
                if trig.type == "visit" and self.actors.place_at(o.i) and not (self.actors.at(o.i) and self.actors.at(o.i).kind != "country"):
                    host_place.append(o)
                if o.lemma_.lower() in self.lex.word_set("agreement_nouns"):
                    continue
                add(o, obj_fn)
            for o in self._prep_objects(verb, {"with", "between", "among", "by"}):
                add(o, obj_fn if trig.type != "agreement" else "signatory")
            if trig.type in ("meeting", "call") and trig.noun is None:
                # "discussed the crisis with X": the partner attached to the object
                for o in self._direct_objects(verb):
                    for p in self._prep_objects(o, {"with"}):
                        add(p, obj_fn)
            if trig.type == "visit":
                preps = set(trig.entry.get("preps", ()))
                dest = {"to"} | (_PLACE_PREPS if "in" in preps else set()) | ({"for"} if "for" in preps else set())
                for o in self._prep_objects(verb, dest):
                    host_place.append(o)
                    add(o, "host", place_only_ok=True)
        if noun is not None:
            # "a banquet in honour of X": the guest of honour takes part
            honour = [p for t in (noun, verb) if t is not None for c in t.children if c.dep_ == "prep" and c.lower_ == "in"
                      for h in c.children if h.dep_ == "pobj" and h.lemma_.lower() in ("honour", "honor")
                      for p in self._prep_objects(h, {"of"})]
            for o in honour:
                add(o, "visitor")
            for o in self._prep_objects(noun, {"between", "among", "with"}) + self._acl_objects(noun):
                add(o, "participant" if trig.type != "visit" else "host")
            for o in self._prep_objects(noun, {"between", "among"}):
                # "between Kobakhidze and EU foreign policy chief Kaja Kallas", parsed with the
                # first side as a modifier inside the second
                for t in o.subtree:
                    ref = self.actors.at(t.i)
                    if t.dep_ == "nmod" and t.i < o.i and ref is not None and ref.kind == "person":
                        add(t, "participant")
            for o in self._prep_objects(noun, {"of", "by", "from"}):
                if o.lemma_.lower() in self.lex.word_set("agreement_nouns"):
                    for p in self._prep_objects(o, {"between", "among", "with"}):
                        add(p, "signatory")
                    continue
                add(o, "visitor" if trig.type == "visit" else "participant")
            for c in noun.children:
                if c.dep_ == "poss":
                    add(c, "visitor" if trig.type == "visit" else "participant")
                elif c.dep_ in ("compound", "amod", "nmod") and self.actors.at(c.i) is not None:
                    add(c, "participant")
                    # "the Azerbaijan-EU dialogue": both sides of a hyphenated pair
                    for cc in c.children:
                        if cc.dep_ in ("compound", "amod", "nmod") and cc.i + 1 < c.i and self.doc[cc.i + 1].text in ("-", "–") \
                                and self.actors.at(cc.i) is not None:
                            add(cc, "participant")
            if trig.type == "visit":
                dest = self._prep_objects(noun, {"to"})
                if not dest:
                    # "the visit of President X to Azerbaijan", "X's visit later this month to Moscow"
                    # with "to" attached elsewhere: a "to" + place shortly after the noun
                    for t in self.doc[noun.i + 1 : min(noun.i + 9, noun.sent.end)]:
                        if t.lower_ == "to" and t.dep_ == "prep":
                            dest = [p for p in t.children if p.dep_ == "pobj" and self.actors.place_at(p.i)]
                            break
                for o in dest:
                    host_place.append(o)
                    add(o, "host", place_only_ok=True)
            # "travelled to Moscow for talks with Lavrov", "arrived for a summit": the traveller takes part
            if verb is None and noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to") and noun.head.head.pos_ == "VERB" \
                    and (noun.head.head.lemma_.lower() in self.lex.verbs
                         or noun.head.head.lemma_.lower() in self.lex.word_set("motion_verbs")):
                for s in self._subjects(noun.head.head)[0]:
                    add(s, "participant")
                f.context_event = next((o for o in reversed(found_all) if o.trigger.verb is not None and o.trigger.verb.i == noun.head.head.i), None)
            # a speaker "said at a meeting", "told reporters at the end of an official visit": the
            # speaker took part in it (a definite "the visit" refers back and is left alone)
            frame_verb = self._speech_frame(noun) or self._with_frame(noun)
            if verb is None and frame_verb is not None:
                f.frame = frame_verb
                for s in self._subjects(frame_verb)[0]:
                    add(s, "visitor" if trig.type == "visit" else "participant")
            # "X is on a three-day visit to Pakistan", "is due in Beijing on a state visit"
            if verb is None and trig.type == "visit" and noun.dep_ == "pobj" and noun.head.lower_ in ("on", "for") \
                    and noun.head.head.pos_ in ("VERB", "AUX", "ADJ"):
                governor = noun.head.head
                clause = governor if governor.pos_ != "ADJ" else governor.head
                for s in self._subjects(clause)[0]:
                    add(s, "visitor")
                # "is due in Beijing ... on a state visit": the destination may hang off "due"
                for t in {governor.i: governor, clause.i: clause,
                          **{c.i: c for c in clause.children if c.dep_ == "acomp"}}.values():
                    host_place.extend(self._prep_objects(t, {"in", "to"}))
            # "a state visit he will make to Britain": the subject of the relative clause
            for c in noun.children:
                if c.dep_ == "relcl" and c.lemma_.lower() in self.lex.light_verbs:
                    for s in self._subjects(c)[0]:
                        if s.lower_ not in ("which", "that", "who"):
                            add(s, "visitor" if trig.type == "visit" else "participant")
            f.plural = verb is None and noun.tag_ in ("NNS", "NNPS") \
                and noun.lemma_.lower() not in ("talk", "negotiation", "consultation", "discussion")
        # "the agreements reached during that visit" names its parties itself ("signed by X and Y")
        # or refers back; it does not borrow another event's parties
        participial = verb is not None and noun is not None and verb.dep_ in ("acl", "relcl") and verb.head.i == noun.i
        if trig.type == "agreement" and not participial and len({self._side(r) for r, _ in f.refs} - {None}) < 2:
            self._inherit(f, found_all)
        if trig.type == "agreement" and verb is not None and len({self._side(r) for r, _ in f.refs} - {None}) == 1:
            # "Venezuela signed an agreement to purchase a satellite from China": the other party
            for t in verb.subtree:
                if t.dep_ == "pobj" and t.head.lower_ in ("from", "with") and self.actors.at(t.i) is not None:
                    add(t, "signatory")
        self._status(f)
        self._date(f, found_all)
        self._place(f, host_place, found_all)
        if trig.type == "visit":
            self._host_country(f)
            self._visit_destination(f)
        poss = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"), None) if noun is not None else None
        if verb is None and poss is not None and f.date_source != "sentence" and f.place_source != "sentence" \
                and any(o.trigger.type == trig.type for o in found_all):
            # "expressed confidence that his visit would contribute ...": the visit reported before
            return None, f"'{poss.text} {noun.text}' refers to the {trig.type} reported before"
        return self._accept(f)

    def _visit_destination(self, f: Found) -> None:
        """Where a visit without a stated destination went: the report's dateline, when the
        visitor comes from elsewhere ("BEIJING, Nov. 3 -- ... visiting Ghanaian President")."""
        if f.place or not self.dateline or not self.dateline.get("city"):
            return
        visitors = {self._side(r) for r, fn in f.refs if fn != "host"} - {None}
        where = self.dateline.get("country")
        if where and where in visitors:
            return
        f.place, f.place_country, f.place_source = self.dateline["city"], where, "dateline"
        f.place_reason = "no destination in the sentence; the report's dateline"
        if where:
            country = self.actors.index.get(where)
            if country is not None:
                tok = f.trigger.tok
                f.refs.append((ActorRef(tok.i, tok.i + 1, self.dateline["city"], country.name, "country",
                                        id=country.id, country=country.id, how="place"), "host"))

    def _host_country(self, f: Found) -> None:
        """A visit to a city is a visit to its country: the country hosts."""
        if not f.place_country or f.place_source not in ("sentence", "dateline"):
            return
        if any(fn == "host" for _, fn in f.refs):
            return
        country = self.actors.index.get(f.place_country)
        if country is None or country.kind != "country":
            return
        tok = f.trigger.tok
        f.refs.append((ActorRef(tok.i, tok.i + 1, f.place or country.name, country.name, "country", id=country.id,
                                country=country.id, how="place"), "host"))

    def _speech_frame(self, noun):
        """The speech verb whose frame an event noun sets: "said at a meeting", "told a press
        conference at the end of an official visit to Mexico". None for a definite noun."""
        if any(c.lower_ in ("the", "this", "that") for c in noun.children):
            return None
        cur = noun
        for _ in range(3):
            if cur.dep_ != "pobj":
                return None
            prep = cur.head
            if prep.lower_ in ("at", "during", "on", "after", "following", "before", "ahead"):
                verb = prep.head
                return verb if verb.lemma_.lower() in self.lex.word_set("speech_verbs") else None
            if prep.lower_ == "of" and prep.head.lemma_.lower() in ("end", "sideline", "margin", "start", "close",
                                                                      "conclusion", "course", "eve", "beginning"):
                cur = prep.head
                continue
            return None
        return None

    @staticmethod
    def _with_frame(noun):
        """The clause an indefinite event noun with a partner frames: "welcomed the decision
        in a phone call with his counterpart X", "raised the issue at a meeting with X" —
        its subject is the other party."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "during", "at", "over") \
                or any(c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in noun.children) \
                or not any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
            return None
        head = noun.head.head
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.pos_ == "NOUN" and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
            return head.head
        return None

    @staticmethod
    def _by_phone(verb) -> bool:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "over", "via", "through"):
                if any(t.lower_ in ("phone", "telephone", "video", "videoconference", "videolink", "telephonically")
                       for t in c.subtree):
                    return True
        return False

    def _object_problem(self, trig: Trigger, objs: list) -> str | None:
        """Why the verb's objects rule the event out ("received support", "met expectations"), or None."""
        if trig.noun is not None or trig.verb is None:
            return None
        spec = set(trig.entry.get("object", "any").split("|"))
        if "any" in spec:
            return None
        def fits(o) -> bool:
            if self.actors.at(o.i) is not None or self._actorish(o, names=False) or self._one_np(o, 1):
                return "actor" in spec or "place" in spec and self.actors.place_at(o.i) is not None
            return "place" in spec and self.actors.place_at(o.i) is not None
        if not objs:
            return None if "none" in spec or trig.entry.get("preps") else f"'{trig.tok.text}' without an object"
        if not any(fits(o) for o in objs):
            return f"the object of '{trig.tok.text}' ({objs[0].text}) is not {' or '.join(sorted(spec - {'none'}))}"
        return None

    def _adder(self, f: Found):
        def add(tok, function: str, place_only_ok: bool = False) -> None:
            refs, unresolved = self.np_actors(tok)
            if not refs:
                if place_only_ok and self.actors.place_at(tok.i):
                    return
                f.unresolved += unresolved
                return
            for r in refs:
                f.refs.append((r, function))
                aff = r.affiliation()
                if aff is not None:
                    f.refs.append((aff, function if function in ("host", "visitor") else "participant"))
        return add

    def _inherit(self, f: Found, found_all: list[Found]) -> None:
        """An agreement with no signatories in its own phrase takes those of the event
        it is tied to in the same sentence ("a summit of A, B and C led to the signing of a
        declaration")."""
        for other in reversed(found_all):
            if other.sent.start != f.sent.start or not other.refs:
                continue
            # "met X and signed two agreements": the signing shares the meeting's parties
            have = {r.id or r.name for r, _ in f.refs}
            f.refs += [(r, "signatory") for r, _ in other.refs if (r.id or r.name) not in have]
            if f.date is None:
                f.date, f.date_source, f.date_reason = other.date, other.date_source, other.date_reason
            f.context_event = other
            return

    # ----------------------------------------------------------------- status
    def _status(self, f: Found) -> None:
        lex = self.lex
        verb = f.trigger.verb
        noun = f.trigger.noun
        chain = self._governors(verb if verb is not None else noun)
        words = set()
        for c in chain:
            for ch in c.children:
                if ch.dep_ in ("aux", "auxpass", "neg", "advmod", "mark", "amod", "det", "prep"):
                    words.add(ch.lower_)
        lemmas = [c.lemma_.lower() for c in chain[1:]] if verb is not None else [c.lemma_.lower() for c in chain[1:]]
        neg = any(ch.dep_ == "neg" for c in chain[:3] for ch in c.children) or "no" in words and noun is not None
        if any(l in lex.word_set("refusal_governors") for l in lemmas[:3]):
            f.status, f.refused = "negated", True
            return
        if neg or any(l in lex.word_set("negation_governors") and l not in ("call", "rule") for l in lemmas[:2]):
            f.status = "negated"
            return
        # "X is to visit Y": be + to-infinitive is a plan
        be_to = len(chain) > 1 and chain[1].lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in chain[0].children)
        # "X said he would meet Y": reported speech turns will into would, a plan all the same
        reported_will = "would" in words and any(
            c.dep_ == "ccomp" and c.head.lemma_.lower() in lex.word_set("speech_verbs") for c in chain[:3])
        if words & _WILL or be_to or reported_will or any(l in lex.word_set("planned_governors") for l in lemmas[:3]):
            f.status = "planned"
            return
        if noun is not None and {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")} & lex.word_set("planned_modifiers"):
            f.status = "planned"
            return
        if any(c.head.lower_ == "without" and c.dep_ == "pcomp" for c in chain[:2]):
            f.status = "negated"  # "without first negotiating with the IMF"
            return
        if words & lex.word_set("hypothetical_words"):
            f.status = "hypothetical"

    def _governors(self, tok) -> list:
        """The trigger and the verbs whose modality governs it: "is expected to pay a visit",
        "denied that they had met", "denied reports that they had met", "the planned visit
        was postponed". A noun inside a phrase of another noun ("on the sidelines of the
        summit") governs itself."""
        chain, cur = [tok], tok
        hearsay = self.lex.word_set("hearsay_nouns")
        for _ in range(5):
            head, dep = cur.head, cur.dep_
            if head.i == cur.i:
                break
            if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ != "to" for c in cur.children):
                break  # "... when X visited Y": a time clause keeps its own modality
            if dep in ("xcomp", "ccomp", "advcl", "conj", "dobj", "nsubj", "nsubjpass", "attr", "oprd", "pcomp") \
                    or (dep == "acl" and head.lemma_.lower() in hearsay):
                cur = head
            elif dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
                cur = head.head
            else:
                break
            chain.append(cur)
        return chain

    # ------------------------------------------------------------------- date
    def _owned_timexes(self, f: Found) -> list[dict]:
        """Dates whose phrase attaches to this event's trigger (or its verb) in the parse."""
        targets = {t.i for t in (f.trigger.tok, f.trigger.verb, f.trigger.noun, f.frame) if t is not None}
        sent = f.sent
        owned, loose = [], []
        triggers_here = set()
        for other in self._triggers_cache(sent):
            triggers_here.update(t.i for t in (other.tok, other.verb, other.noun) if t is not None)
        for t, span in self._timex_tokens:
            if not (sent.start <= span.root.i < sent.end):
                continue
            if self._period_of_thing(t, span, triggers_here):
                continue
            cur, steps, owner = span.root, 0, None
            while steps < 8:
                if cur.i in triggers_here and cur.i not in range(span.start, span.end):
                    owner = cur.i
                    break
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                steps += 1
            if owner is not None and owner in targets:
                owned.append(t)
            elif owner is None and not self._date_of_saying(span.root, f.trigger.tok):
                loose.append(t)
        return owned or loose

    def _period_of_thing(self, t: dict, span, triggers_here: set[int]) -> bool:
        """A date that names what something covers, not when an event happened: "a
        cooperation plan for 2026", "the programme until 2030", "the 2026-2028 roadmap"."""
        root = span.root
        if root.dep_ in ("compound", "nmod", "amod", "nummod") and root.head.pos_ == "NOUN" \
                and root.head.i not in triggers_here:
            return True
        if t.get("precision") not in ("year", "range") or root.dep_ != "pobj":
            return False
        prep = root.head
        if prep.lower_ not in ("for", "until", "till", "through", "to") or prep.head.i == prep.i:
            return False
        governor = prep.head
        return governor.lemma_.lower() not in self.lex.word_set("planned_governors") and not (
            governor.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in governor.children))

    def _date_of_saying(self, when, trigger) -> bool:
        """Whether the date ``when`` dates the saying of a clause that reports ``trigger``:
        "X will travel to Brussels for talks, his office said on Tuesday"."""
        verb = when
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.lemma_.lower() not in self.lex.word_set("speech_verbs"):
            return False
        cur = trigger
        while cur.head.i != cur.i and cur.head.i != verb.i:
            cur = cur.head
        return cur.head.i == verb.i and cur.i != verb.i and cur.dep_ in ("ccomp", "xcomp", "parataxis")

    def _triggers_cache(self, sent) -> list[Trigger]:
        cache = getattr(self, "_tcache", None)
        if cache is None:
            cache = self._tcache = {}
        if sent.start not in cache:
            cache[sent.start] = self._triggers(sent)
        return cache[sent.start]

    def _date(self, f: Found, found_all: list[Found]) -> None:
        if f.date is not None:
            return
        owned = [t for t in self._owned_timexes(f) if not self._is_dateline_timex(t)]
        if owned:
            best = max(owned, key=lambda t: _PRECISION_RANK.get(t.get("precision") or "", 0))
            f.date, f.date_source = best, "sentence"
            f.date_reason = f"'{best['text']}' in the same sentence"
            ahead = (best.get("text") or "").lower().startswith(("later", "next", "coming", "upcoming", "this coming"))
            if f.status == "occurred" and self.published and (
                    dates_mod.interval(best["value"])[0] > self.published or ahead):
                f.status = "planned"  # "next week", "later this month"
            return
        if f.plural:
            f.date_reason = "several events (plural): no single date"
            return
        ref = self._anaphor_event(f, found_all) or f.context_event
        if ref is not None and ref.date is not None:
            f.date, f.date_source = ref.date, "context"
            f.date_reason = f"tied to the {ref.trigger.tok.text} dated '{ref.date['text']}'"
            return
        if f.status == "occurred":
            for other in reversed(found_all):
                if other.date is None or other.status != "occurred":
                    continue
                if f.sent.start - other.sent.start > 120 or other.date_source == "publication":
                    break
                f.date, f.date_source = other.date, "context"
                f.date_reason = f"no date in the sentence; the preceding {other.trigger.tok.text} is dated '{other.date['text']}'"
                f.context_event = other
                return
            if self._is_lede(f.sent):
                dl = self._dateline_timex()
                if dl is not None:
                    f.date, f.date_source = dl, "dateline"
                    f.date_reason = "lede of a datelined report, dated by its dateline"
                    return
            if self.published and self._first_report(f.sent) and self._present_perfect(f):
                # "President X has received a delegation ...": news of the day
                f.date = {"text": None, "value": self.published.isoformat(), "precision": "day"}
                f.date_source = "publication"
                f.date_reason = "first sentence of the report, in the present perfect: the day it was published"
                return
        f.date_reason = "no date in the text"

    @staticmethod
    def _date_from_frame(found_all: list[Found]) -> None:
        """An undated event noun takes the date of the event whose clause it frames:
        "signed a memorandum on June 9 during the visit of X", "During his visit, X
        signed ..." (the signing lies within the visit)."""
        by_token: dict[int, Found] = {}
        for f in found_all:
            for t in (f.trigger.tok, f.trigger.verb):
                if t is not None:
                    by_token.setdefault(t.i, f)
        for f in found_all:
            noun = f.trigger.noun
            if f.date is not None or noun is None or f.trigger.verb is not None or f.plural:
                continue
            cur = noun
            for _ in range(4):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                other = by_token.get(cur.i)
                if other is not None and other is not f:
                    if other.date is not None and other.status == f.status:
                        f.date, f.date_source = other.date, "context"
                        f.date_reason = f"the {other.trigger.tok.text} it frames is dated " + (
                            f"'{other.date['text']}'" if other.date.get("text") else "by the publication date")
                    break

    def _first_report(self, sent) -> bool:
        """Whether ``sent`` is the first sentence of the article's body."""
        for other in self.doc.sents:
            first = next((t for t in other if not t.is_space), None)
            if first is not None and self._line_kind(first.idx) == BODY:
                return other.start == sent.start
        return False

    @staticmethod
    def _present_perfect(f: Found) -> bool:
        verb = f.trigger.verb or (f.trigger.noun.head if f.trigger.noun is not None else None)
        return verb is not None and verb.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)

    def _is_dateline_timex(self, t: dict) -> bool:
        return bool(self.dateline and self.dateline.get("date") and self.dateline["date"].get("start") == t.get("start"))

    def _dateline_timex(self) -> dict | None:
        if not self.dateline:
            return None
        return self.dateline.get("date")

    def _is_lede(self, sent) -> bool:
        """The lede: the sentence the dateline opens (or the one right after it)."""
        if not self.dateline:
            return False
        end = self.dateline["end"]
        return sent.start_char <= end < sent.end_char or end <= sent.start_char <= end + 3 \
            or (sent.start_char >= self.dateline["start"] and sent.end_char <= end)

    def _anaphor_event(self, f: Found, found_all: list[Found]) -> Found | None:
        """ "During the visit, ..." — the earlier event that a definite event noun refers to."""
        for tok in f.sent:
            if tok.dep_ != "pobj" or tok.head.lower_ not in self.lex.word_set("anaphor_preps"):
                continue
            entry = self.lex.nouns.get(tok.lemma_.lower())
            if entry is None or tok.i == f.trigger.tok.i:
                continue
            if not any(c.lower_ in self.lex.word_set("anaphor_determiners") or c.dep_ == "poss" for c in tok.children):
                continue
            for other in reversed(found_all):
                if other.trigger.type == entry["type"] and other is not f:
                    return other
        return None

    # ------------------------------------------------------------------ place
    def _place(self, f: Found, host_place: list, found_all: list[Found]) -> None:
        actors = self.actors
        if f.trigger.type == "call":
            f.place_reason = "a call: the parties were not in one place"
            return
        toks = [t for t in (f.trigger.tok, f.trigger.verb) if t is not None]
        toks += [self.doc[i] for i in sorted(f.trigger.consumed)]
        noun = f.trigger.noun
        if noun is not None:
            toks += self._prep_objects(noun, {"of"})
            if f.trigger.verb is None and noun.dep_ in ("nsubj", "nsubjpass"):
                toks.append(noun.head)  # "talks resumed in Brussels", "the summit was held in Astana"
        candidates = list(host_place)
        for t in toks:
            candidates += self._prep_objects(t, _PLACE_PREPS)
        if noun is not None:
            # "the Washington Summit"
            candidates += [c for c in noun.children if c.dep_ == "compound" and self.actors.place_at(c.i)]
        candidates += self._visit_frame(f)
        if not candidates and f.trigger.verb is not None:
            candidates += self._clause_places(f.trigger.verb)
        for c in candidates:
            for tok in [c, *c.conjuncts, *[x for x in c.subtree if x.dep_ in ("appos", "compound", "pobj")]]:
                place = actors.place_at(tok.i)
                if place is not None:
                    f.place, f.place_country = place
                    f.place_source = "sentence"
                    return
                if tok.lower_ in ("headquarters", "hq"):
                    owner = next((actors.at(x.i) for x in tok.children if actors.at(x.i)), None)
                    if owner is not None:
                        f.place, f.place_country, f.place_source = f"{owner.name} headquarters", owner.country, "sentence"
                        return
        if f.trigger.type in ("meeting",) and f.trigger.entry.get("roles", {}).get("subject") == "host":
            hosts = [r for r, fn in f.refs if fn == "host" and r.country]
            if hosts:
                country = self.actors.index.get(hosts[0].country)
                if country is not None:
                    f.place, f.place_country, f.place_source = country.name, country.id, "host"
                    f.place_reason = f"hosted by {hosts[0].name}"
                    return
        ref = self._anaphor_event(f, found_all) or f.context_event
        if ref is not None and ref.place:
            f.place, f.place_country, f.place_source = ref.place, ref.place_country, "context"
            f.place_reason = f"follows the {ref.trigger.tok.text} in {ref.place}"
            return
        clauses = [c for t in toks for c in t.children if c.dep_ in ("relcl", "acl")]
        here = any(c.lower_ == "here" and c.dep_ == "advmod" for t in toks + clauses for c in t.children)
        if self.dateline and self.dateline.get("city") and here:
            f.place, f.place_country, f.place_source = self.dateline["city"], self.dateline.get("country"), "dateline"
            f.place_reason = "'here' in a datelined report"
            return
        if self.dateline and self._is_lede(f.sent) and self.dateline.get("city") and f.status == "occurred" \
                and f.trigger.type != "visit":
            f.place, f.place_country, f.place_source = self.dateline["city"], self.dateline.get("country"), "dateline"
            f.place_reason = "lede of a datelined report"
            return
        f.place_reason = "the text does not say where"

    def _visit_frame(self, f: Found) -> list:
        """ "During his visit to Tokyo, X met Y": the event happened at the visit's destination."""
        out = []
        for tok in f.sent:
            if tok.dep_ == "pobj" and tok.head.lower_ in ("during", "on") and tok.lemma_.lower() in ("visit", "trip", "tour") \
                    and tok.i != f.trigger.tok.i:
                out += self._prep_objects(tok, {"to", "in"})
        return out

    def _clause_places(self, verb) -> list:
        """In/at phrases anywhere in the verb's clause, outside other events' phrases:
        "received a delegation of the US Congress in Cairo"."""
        out = []
        for tok in verb.subtree:
            if tok.dep_ == "prep" and tok.lower_ in _PLACE_PREPS and tok.head.pos_ in ("NOUN", "PROPN", "VERB"):
                if tok.head.pos_ == "VERB" and tok.head.i != verb.i:
                    continue
                # only towns and countries: "a code of conduct in the South China Sea" is a topic
                out.extend(p for p in tok.children if p.dep_ == "pobj" and self.actors.is_town_or_country(p.i))
        return out

    # ----------------------------------------------------------------- accept
    def _accept(self, f: Found) -> tuple[Found | None, str]:
        refs = self._dedupe(f.refs)
        f.refs = refs
        sides = {self._side(r) for r, _ in refs}
        known = {s for s in sides if s}
        typ = f.trigger.type
        noun = f.trigger.noun
        if noun is not None and f.trigger.verb is None and noun.dep_ == "pobj" and noun.head.lower_ in ("for", "of", "to") \
                and self._actorish(noun.head.head, names=False):
            # "a spokesman for the UN's World Summit", "the chairman of the talks": an office, not a report
            return None, f"'{noun.head.head.text} {noun.head.text} the {noun.text}' names an office, not the event"
        if not refs:
            if noun is not None and f.trigger.verb is None and noun.dep_ == "pobj" \
                    and noun.head.lower_ in self.lex.word_set("anaphor_preps") and not f.place \
                    and any(c.lower_ in self.lex.word_set("anaphor_determiners") for c in noun.children):
                return None, f"'{noun.head.text} the {noun.text}' refers to an event reported before"
            own_place = f.place and f.place_source == "sentence"
            own_date = f.date and f.date_source == "sentence"
            if noun is not None and (own_place or own_date) and (self._definite(noun) or typ == "any"):
                f.reference = True
                return f, "no participants of its own: kept as a reference to an event reported elsewhere"
            return None, "no participant in the sentence's structure"
        if not any(self._political(r, f) for r, _ in refs):
            return None, "no state, international body or official among the participants"
        if typ == "visit":
            hosts = {r.country for r, fn in refs if fn == "host"} | ({f.place_country} if f.place_country else set())
            visitors = {self._side(r) for r, fn in refs if fn != "host"}
            if not any(fn != "host" for _, fn in refs) and not f.unresolved:
                return None, "a visit with no visitor"
            if hosts and visitors and not (visitors - {None}) - hosts and len(known) <= 1 and None not in visitors:
                return None, "domestic: visitor and destination in the same country"
            if not hosts and not f.place and len(known) < 2:
                return None, "a visit with no destination"
            return f, "visitor and destination found"
        if len(known) >= 2:
            return f, f"participants from {len(known)} sides"
        verb = f.trigger.verb
        if verb is not None and f.trigger.noun is not None and verb.lemma_.lower() in ("attend", "join", "participate", "address") \
                and f.trigger.noun.lemma_.lower() in ("summit", "conference", "forum", "session", "gathering", "meeting"):
            return f, "attends a multilateral meeting"
        if len(known) == 1 and (f.unresolved or any(s is None for s in sides)):
            return f, "one side named, the other unresolved"
        if len(known) == 1 and typ in ("meeting", "negotiation") and any(
                r.kind == "organization" and not r.country and r.id for r, _ in refs):
            return f, "members of an international organization meet"
        if len(refs) >= 2 and not known:
            return f, "several participants"
        if len(known) == 1 and typ in ("agreement", "intent") and len(refs) >= 2:
            return None, "domestic: every participant from the same side"
        return None, "only one side: not a diplomatic event"

    def _political(self, r: ActorRef, f: Found) -> bool:
        """Whether an actor makes the event diplomatic: an official, a state body, an
        international organization — or a country, when the trigger itself is diplomatic
        (talks, a summit, a signed treaty), since "England will meet Italy" is sport."""
        if r.kind == "person":
            return r.id is not None or self.actors.political_role(r.role)
        if r.kind == "organization":
            return r.id is not None
        if r.how == "modifier":
            return False
        return r.how in ("role", "place") and r.start != f.trigger.tok.i or self._diplomatic_trigger(f)

    def _diplomatic_trigger(self, f: Found) -> bool:
        rule = f.trigger.rule
        if f.trigger.type in ("agreement", "negotiation", "intent", "statement"):
            return True
        noun = f.trigger.noun
        return noun is not None and noun.lemma_.lower() in ("talk", "summit", "consultation") and rule.split(":")[0] in ("noun", "light")

    @staticmethod
    def _definite(noun) -> bool:
        return noun.pos_ == "PROPN" or any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children) \
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)

    @staticmethod
    def _side(r: ActorRef) -> str | None:
        if r.kind == "country":
            return r.country or r.id
        if r.country:
            return r.country
        if r.kind == "organization" and r.id:
            return r.id
        if r.organization_id:
            return r.organization_id
        return None

    @staticmethod
    def _dedupe(refs: list[tuple[ActorRef, str]]) -> list[tuple[ActorRef, str]]:
        seen: dict[str, int] = {}
        out: list[tuple[ActorRef, str]] = []
        for r, fn in refs:
            key = r.id or r.name.lower()
            if key in seen:
                continue
            seen[key] = len(out)
            out.append((r, fn))
        return out

    # -------------------------------------------------------------- anaphora
    def _anaphora(self, sent, found_all: list[Found], note: dict) -> None:
        """ "During the meeting, X highlighted ...": X took part in that meeting."""
        root = sent.root
        if root.lemma_.lower() not in self.lex.word_set("speech_verbs"):
            return
        for c in root.children:
            if c.dep_ != "prep" or c.lower_ not in ("during", "at"):
                continue
            for p in c.children:
                entry = self.lex.nouns.get(p.lemma_.lower()) if p.dep_ == "pobj" else None
                if entry is None or not any(d.lower_ in ("the", "this", "that") for d in p.children):
                    continue
                target = next((o for o in reversed(found_all) if o.trigger.type == entry["type"] and not o.reference), None)
                if target is None:
                    continue
                subjects, _ = self._subjects(root)
                for s in subjects:
                    refs, _ = self.np_actors(s)
                    for r in refs:
                        if all((x.id or x.name) != (r.id or r.name) for x, _ in target.refs):
                            target.refs.append((r, "participant"))
                            note["decisions"].append({"trigger": p.text, "type": entry["type"], "rule": "anaphor:" + c.lower_,
                                                      "recorded": True, "why": f"{r.name} speaks at the {p.text} reported earlier"})

    # ----------------------------------------------------------------- output
    def _mention(self, f: Found) -> Mention:
        trig = f.trigger
        typ = trig.type
        if typ == "any":  # a generic reference: it only ever joins events of their own types
            codes = Codes("", None, None)
        else:
            codes = self.lex.codes(typ, f.status, refused=f.refused, entry=trig.entry)
        mode = codes.mode
        sides = {self._side(r) for r, _ in f.refs} - {None}
        if typ == "meeting" and f.status == "occurred" and codes.cameo == "040":
            if len(sides) >= 3 or any(r.kind == "organization" and not r.country for r, _ in f.refs):
                mode = "multilateral"
            elif f.place_country and sides and f.place_country not in sides and all(len(s) == 3 for s in sides) \
                    and all(self._side(r) for r, _ in f.refs):
                codes = type(codes)("044", codes.plover, "third-party")
                mode = "third-party"
        sent = f.sent
        tok = trig.tok
        conf = self.lex.types[typ]["confidence"] if typ in self.lex.types else 0.5
        if trig.verb is None:
            conf -= 0.1
        if f.reference:
            conf = 0.5
        if len({r.id or r.name for r, _ in f.refs}) < 2 and not f.reference:
            conf -= 0.1
        if f.date_source == "context":
            conf -= 0.05
        date = f.date or {}
        return Mention(
            article=self.article_id,
            type=typ,
            status=f.status,
            sentence=sent.text.strip(),
            start=sent.start_char + (len(sent.text) - len(sent.text.lstrip())),
            end=sent.end_char - (len(sent.text) - len(sent.text.rstrip())),
            trigger=tok.text if trig.verb is None or trig.verb.i == tok.i else f"{trig.verb.text} … {tok.text}",
            trigger_start=tok.idx,
            trigger_end=tok.idx + len(tok.text),
            rule=trig.rule,
            confidence=round(max(conf, 0.1), 2),
            cameo=codes.cameo,
            plover=codes.plover,
            plover_mode=mode,
            participants=[self._participant(r, fn) for r, fn in f.refs],
            date=date.get("value"),
            date_text=date.get("text"),
            date_precision=date.get("precision"),
            date_source=f.date_source if f.date else "none",
            date_reason=f.date_reason,
            place=f.place,
            place_country=f.place_country,
            place_source=f.place_source,
            place_reason=f.place_reason,
            reference=f.reference,
        )

    @staticmethod
    def _participant(r: ActorRef, function: str) -> Participant:
        return r.participant(function)



def dateline_of(text: str, body_start: int, first_body: int | None, published: dt.date | None) -> dict | None:
    """The article's dateline (``azdiplo.layout.find_dateline``) with its date as a timex
    and its city's country when the dictionary knows the city as a capital."""
    from ..actors import ActorIndex

    found = find_dateline(text, body_start, first_body)
    if found is None:
        return None
    out = {"city": found["city"], "country_text": found["country_text"], "start": found["start"],
           "end": found["end"], "date": None, "country": None}
    index = ActorIndex.load()
    for name in (found["city"], found["country_text"]):
        actor = index.lookup(name) if name else None
        if actor is not None and actor.kind == "country":
            out["country"] = actor.id
            break
    if out["country"] is None:
        out["country"] = city_country(found["city"])
    if found["date_text"]:
        value = dates_mod.normalize(found["date_text"], published, tense="past")
        if value is not None and value.value:
            s = found["date_start"]
            out["date"] = {"text": found["date_text"], "start": s, "end": s + len(found["date_text"]),
                           "value": value.value, "type": value.type, "precision": value.precision}
    return out
