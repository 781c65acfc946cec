"""Event mentions of one annotated Doc: the steps, in order, with their reasons.

1. Only the article's body is read (``azdiplo.layout``).
2. :mod:`.triggers` proposes events, sentence by sentence.
3. :mod:`.arguments` finds each one's parties; :mod:`.status` whether it
   happened; :mod:`.timing` its date; :mod:`.location` its place.
4. :mod:`.acceptance` keeps the diplomatic ones.

Every decision is recorded for ``azdiplo extract --explain``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ... import dates as dates_mod
from ...dates import calendar_value
from ...layout import BODY
from ...lexicon import Codes, Lexicon
from ...models import Mention
from ..columns import doc_text
from ..people import ActorRef, DocActors
from .acceptance import Acceptance
from .arguments import Arguments
from .location import Placing
from .model import Candidate, Trigger
from .status import set_status
from .timing import Dating
from .triggers import TriggerFinder


class EventFinder:
    """Finds the event mentions of one annotated Doc."""

    def __init__(self, doc, actors: DocActors, lex: Lexicon, *, timexes: list[dict], published: dt.date | None,
                 layout: list, article_id: str = "", dateline: dict | None = None):
        self.doc = doc
        self.actors = actors
        self.lex = lex
        self.article_id = article_id
        self.explain: list[dict] = []
        self._layout = layout or []
        self.triggers = TriggerFinder(lex)
        self._tcache: dict[int, list[Trigger]] = {}
        self.args = Arguments(doc, actors, lex)
        self.dating = Dating(doc, lex, timexes=timexes, published=published, dateline=dateline,
                             triggers_of=self._triggers_of)
        self.placing = Placing(doc, actors, dateline=dateline, is_lede=self.dating.is_lede,
                               anaphor_event=self.dating.anaphor_event, prep_objects=self.args.prep_objects,
                               conjoined_to=self.dating.conjoined_to)
        self.acceptance = Acceptance(actors, self.args)
        self.written = written_names(actors)
        self.published = published

    def _line_kind(self, char: int) -> str:
        for start, end, kind in self._layout:
            if start <= char <= end:
                return kind
        return BODY

    def _triggers_of(self, sent) -> list[Trigger]:
        if sent.start not in self._tcache:
            self._tcache[sent.start] = self.triggers.find(sent)
        return self._tcache[sent.start]

    # ------------------------------------------------------------------- main
    def find(self) -> list[Mention]:
        found_all: list[Candidate] = []
        text = doc_text(self.doc)  # a sentence's text is a slice of it: Span.text makes a Token of each word
        for sent in self.doc.sents:
            first = next((t for t in sent if not t.is_space), None)
            if first is None:
                continue
            kind = self._line_kind(first.idx)
            note = {"sentence": text[sent.start_char:sent.end_char].strip()[:300], "start": sent.start_char,
                    "end": sent.end_char, "decisions": []}
            self.explain.append(note)
            if kind != BODY:
                note["skipped"] = f"{kind} line, not the article body"
                continue
            for trig in self._triggers_of(sent):
                found, why = self.build(trig, sent, found_all)
                note["decisions"].append({"trigger": trig.tok.text, "type": trig.type, "rule": trig.rule,
                                          "recorded": found is not None, "why": why,
                                          "reference": bool(found is not None and found.reference)})
                if found is not None:
                    found_all.extend(self._per_destination(found))
            self._speakers_at(sent, found_all, note)
        Dating.from_frames(found_all)
        self.dating.plans_from_schedule(found_all)
        mentions, seen = [], set()
        for c in found_all:
            m = self._mention(c)
            if m.key not in seen:  # one mention per trigger: the store keys mentions by it
                seen.add(m.key)
                mentions.append(m)
        return mentions

    def _agreement_as_topic(self, trig: Trigger) -> str | None:
        """An agreement that is what talks are about or what a decision undoes is not an
        agreement reached: "negotiation of a trade agreement", "to discuss a free trade
        agreement", "a ruling that ends a decades-old fishing treaty"."""
        noun = trig.noun
        if trig.type != "agreement" or noun is None or trig.tok.i != noun.i:
            return None
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ in self.lex.word_set("subject_preps") \
                and self.lex.nouns.get(head.head.lemma_.lower(), {}).get("type") in ("negotiation", "meeting"):
            return f"the subject of the {head.head.text}, not an agreement reached"
        verb = head if noun.dep_ in ("dobj", "nsubjpass") else None
        if verb is not None and verb.lemma_.lower() in self.lex.word_set("agreement_topic_verbs"):
            return f"what '{verb.text}' is about, not an agreement reached"
        if verb is not None and verb.lemma_.lower() in self.lex.word_set("agreement_undoing_verbs"):
            return f"an agreement '{verb.text}' undoes, not one reached"
        return None

    def build(self, trig: Trigger, sent, found_all: list[Candidate]) -> tuple[Candidate | None, str]:
        if trig.type == "meeting" and trig.verb is not None and by_phone(trig.verb, self.lex):
            # "discussed the crisis with X by telephone", "met by video link": a call
            trig = Trigger(trig.tok, "call", trig.rule + "+phone", {**trig.entry, "cameo": "041", "mode": "phone"},
                           verb=trig.verb, noun=trig.noun, consumed=trig.consumed)
        topic = self._agreement_as_topic(trig)
        if topic:
            return None, topic
        c = Candidate(trig, sent)
        problem = self.args.collect(c, found_all)
        if problem:
            return None, problem
        if not c.refs and trig.noun is not None and trig.type != "visit":
            self.args.antecedent_parties(c, found_all)
            self.args.officials_of_the_sentence(c)
            self.args.sentence_parties(c)
        if not c.refs and trig.type in ("statement", "intent"):
            self.args.gathering_parties(c, found_all)
        verb, noun = trig.verb, trig.noun
        # "the agreements reached during that visit" names its parties itself ("signed by X and Y")
        # or refers back; it does not borrow another event's parties
        participial = verb is not None and noun is not None and verb.dep_ in ("acl", "relcl") and verb.head.i == noun.i
        if trig.type == "agreement" and not participial and len(self.args.sides(c)) < 2:
            self.args.inherit(c, found_all)
        if self.acceptance.diplomatic_trigger(c):
            self.args.complete_sides(c)
        set_status(c, self.lex)
        self._possessive_date(c)
        self.dating.choose(c, found_all)
        self.args.leaders_of_members(c)
        if c.plural and c.date is None:
            # "participating in political meetings", "IMF meetings": several events or a habit,
            # none of which the text tells apart
            return None, "several events (plural) and no date: not one event"
        if not c.refs and trig.type != "visit" and c.status == "occurred" and c.date_source == "sentence":
            # "the talks ended in October", "the accord signed in July 1986": a dated event whose
            # sentence names nobody is the business of the states the article is about
            self.args.salient_parties(c)
        self.placing.choose(c, found_all)
        if trig.type == "visit":
            self.placing.host_country(c, self.args.side)
            self.placing.visit_destination(c, self.args.side)
        poss = next((ch for ch in noun.children if ch.dep_ == "poss" and ch.pos_ == "PRON"), None) if noun is not None else None
        if verb is None and poss is not None and c.date_source != "sentence" and c.place_source != "sentence" \
                and any(o.trigger.type == trig.type for o in found_all):
            # "expressed confidence that his visit would contribute ...": the visit reported before
            return None, f"'{poss.text} {noun.text}' refers to the {trig.type} reported before"
        if c.goal is not None:
            # "held talks in a bid to reach an agreement": what the parties seek, not what they did
            return None, f"a goal ('{c.goal} to ...'), not an event"
        if c.wish is not None:
            # "mounting calls for talks with Iran", "urged talks between A and B": asked or hoped for
            return None, f"what '{c.wish}' asks or hopes for, not an event"
        if c.status == "negated" and not (c.refused or c.called_off):
            # "denied that they had met", "would not meet": nothing took place and nobody acted; a
            # refusal ("refused to meet", CAMEO 125) or a visit called off is a party's act
            return None, f"negated: the text says the {trig.type} did not take place, not an event"
        found, why = self.acceptance.judge(c)
        if found is not None and found.reference and found.date_source in ("publication", "dateline"):
            # "after the Washington Summit": a reference knows no more of the date than its words
            found.date, found.date_source = None, "none"
            found.date_reason = "a reference to an event reported elsewhere, undated here"
        return found, why

    def _per_destination(self, c: Candidate) -> list[Candidate]:
        """ "she visited Benin and Nigeria", "will pay state visits to Laos and Vietnam": one
        visit to each state a verb or a plural noun names as a destination, each keyed by its
        state's name (the first keeps the trigger); "a week-long trip to A, B and C" is one
        journey."""
        noun = c.trigger.noun
        if c.type != "visit" or c.reference or (noun is not None and noun.tag_ not in ("NNS", "NNPS")):
            return [c]
        hosts: dict[str, ActorRef] = {}
        for r, fn in c.refs:
            if fn == "host" and r.kind == "country" and r.country and r.how != "place" \
                    and c.sent.start <= r.start < c.sent.end and r.country not in hosts:
                hosts[r.country] = r
        if len(hosts) < 2:
            return [c]
        others = [(r, fn) for r, fn in c.refs if not (fn == "host" and r.country in hosts)]
        out = []
        trig = c.trigger
        for k, host in enumerate(hosts.values()):
            key = trig if k == 0 else Trigger(self.doc[host.start], trig.type, trig.rule, trig.entry,
                                              verb=trig.verb if trig.verb is not None else trig.tok,
                                              noun=trig.noun, consumed=trig.consumed)
            one = replace(c, trigger=key, refs=[*others, (host, "host")], notes=list(c.notes))
            if c.place_country in hosts and c.place_country != host.country:
                one.place, one.place_country = host.text, host.country
                one.place_reason = f"one of the destinations the sentence names ({host.text})"
            out.append(one)
        return out

    def _possessive_date(self, c: Candidate) -> None:
        """ "last month's accord", "Friday's talks": the event's own date, before any other
        date of its clause ("met today following last month's accord")."""
        noun = c.trigger.noun
        if noun is None:
            return
        for p in noun.children:
            if p.dep_ != "poss" or p.ent_type_ != "DATE":
                continue
            for t, span in self.dating.timexes:
                if span.start <= p.i < span.end and t.get("value"):
                    c.date, c.date_source = t, "sentence"
                    c.date_reason = f"'{t.get('text')}' dates the {noun.text} itself"
                    last = dates_mod.interval(t["value"])[1] if self.published else None
                    if c.status == "planned" and c.trigger.type == "agreement" and last is not None \
                            and last <= self.published:
                        # "under today's agreement, Turkey will receive ...": what the clause
                        # plans is not the agreement, which its own date says was made
                        c.status = "occurred"
                    return

    def _speakers_at(self, sent, found_all: list[Candidate], note: dict) -> None:
        """ "During the meeting, X highlighted ...": X took part in that meeting."""
        root = sent.root
        if root.lemma_.lower() not in self.lex.word_set("speech_verbs"):
            return
        for ch in root.children:
            if ch.dep_ != "prep" or ch.lower_ not in ("during", "at"):
                continue
            for p in ch.children:
                entry = self.lex.nouns.get(p.lemma_.lower()) if p.dep_ == "pobj" else None
                if entry is None or entry.get("of_party") or not any(d.lower_ in ("the", "this", "that") for d in p.children):
                    # "at the concluding session of the summit": a part of some meeting, not the one reported last
                    continue
                target = next((o for o in reversed(found_all) if o.trigger.type == entry["type"] and not o.reference), None)
                if target is None:
                    continue
                for s in self.args.subjects(root)[0]:
                    for r in self.args.np_actors(s)[0]:
                        if all((x.id or x.name) != (r.id or r.name) for x, _ in target.refs):
                            target.refs.append((r, "participant"))
                            note["decisions"].append({"trigger": p.text, "type": entry["type"], "rule": "anaphor:" + ch.lower_,
                                                      "recorded": True, "why": f"{r.name} speaks at the {p.text} reported earlier"})

    # ----------------------------------------------------------------- output
    def _mention(self, c: Candidate) -> Mention:
        trig = c.trigger
        typ = trig.type
        side = self.args.side
        if typ == "any":  # a generic reference: it only ever joins events of their own types
            codes = Codes("", None, None)
        else:
            codes = self.lex.codes(typ, c.status, refused=c.refused, entry=trig.entry)
        mode = codes.mode
        sides = {side(r) for r, _ in c.refs} - {None}
        if typ == "meeting" and c.status == "occurred" and codes.cameo == "040":
            if len(sides) >= 3 or any(r.kind == "organization" and not r.country for r, _ in c.refs):
                mode = "multilateral"
            elif c.place_country and sides and c.place_country not in sides and all(len(s) == 3 for s in sides) \
                    and all(side(r) for r, _ in c.refs):
                codes = type(codes)("044", codes.plover, "third-party")
                mode = "third-party"
        sent = c.sent
        tok = trig.tok
        conf = self.lex.types[typ]["confidence"] if typ in self.lex.types else 0.5
        if trig.verb is None:
            conf -= 0.1
        if c.reference:
            conf = 0.5
        if len({r.id or r.name for r, _ in c.refs}) < 2 and not c.reference:
            conf -= 0.1
        if c.date_source == "context":
            conf -= 0.05
        date = c.date or {}
        said = doc_text(self.doc)[sent.start_char:sent.end_char]  # sent.text, without a Token of each word
        return Mention(
            article=self.article_id,
            type=typ,
            status=c.status,
            sentence=said.strip(),
            start=sent.start_char + (len(said) - len(said.lstrip())),
            end=sent.end_char - (len(said) - len(said.rstrip())),
            trigger=tok.text if trig.verb is None or trig.verb.i == tok.i else f"{trig.verb.text} … {tok.text}",
            trigger_start=tok.idx,
            trigger_end=tok.idx + len(tok.text),
            rule=trig.rule,
            confidence=round(max(conf, 0.1), 2),
            cameo=codes.cameo,
            plover=codes.plover,
            plover_mode=mode,
            participants=[self._participant(r, fn, date.get("value")) for r, fn in c.refs],
            date=calendar_value(date.get("value")),
            date_text=date.get("text"),
            date_precision=date.get("precision"),
            date_source=c.date_source if c.date else "none",
            date_reason=c.date_reason,
            place=c.place,
            place_country=c.place_country,
            place_source=c.place_source,
            place_reason=c.place_reason,
            reference=c.reference,
        )


    def _participant(self, r, function: str, when: str | None):
        """A participant named as the article writes it, else by its name on the event's date
        (the report's, undated): the Palestinian Authority of 2005, not the State of Palestine."""
        p = r.participant(function)
        if r.id and r.id in self.written:
            p.name = self.written[r.id]
        elif r.id:
            actor = self.args.actors.index.get(r.id)
            day = when if when and when[:4].isdigit() else (self.published.isoformat() if self.published else None)
            if actor is not None and actor.names:
                p.name = self._written_as(actor.name_on(day))
        return p

    def _written_as(self, name: str) -> str:
        """A state's name on a date that is also the name of a body the article writes
        otherwise: as the article writes it (the Palestinian Authority of 2005, in an article
        that writes "Palestinian National Authority")."""
        from ...actors import norm_name

        key = norm_name(name)
        for actor_id, form in self.written.items():
            actor = self.args.actors.index.get(actor_id)
            if actor is not None and norm_name(actor.name) == key:
                return form
        return name


def written_names(actors: DocActors) -> dict[str, str]:
    """How the article names each dictionary actor it mentions: a body's dictionary name when
    the article writes it ("Hamas"), else its fullest form among the
    actor's names and aliases ("Turkey" where the dictionary says "Türkiye", "Sergei Lavrov"
    for "Sergey Lavrov", "European Community" for the EC of 1987), never a two-letter
    initialism ("UN": the dictionary's name, "United Nations"). Participants are named so;
    their ``id`` keeps the identity."""
    from ...actors import norm_name

    out: dict[str, str] = {}
    forms: dict[str, dict[str, int]] = {}
    for r in actors.refs:
        if not r.id:
            continue
        actor = actors.index.get(r.id)
        if actor is None:
            continue
        text = r.text.strip()
        if text.lower().startswith("the "):
            text = text[4:]
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        key = norm_name(text)
        names = {norm_name(x) for x in (actor.name, *actor.aliases)}
        if key not in names or (actor.kind == "person" and len(text.split()) < 2) or _two_letters(text):
            continue
        forms.setdefault(r.id, {})
        forms[r.id][text] = forms[r.id].get(text, 0) + 1
    for actor_id, seen in forms.items():
        canonical = _body_name(actors.index.get(actor_id))
        out[actor_id] = max(seen, key=lambda t: (norm_name(t) == canonical, len(t.split()), seen[t], len(t)))
    return out


def _body_name(actor) -> str | None:
    """The dictionary's name of a body, which the article's own use of it makes the name to
    give ("Hamas", also written out as "Islamic Resistance Movement"); None for a state or a
    person (named as the article writes them in full, "West Germany" of 1987 rather than
    "Germany") and for an acronym ("UNESCO")."""
    from ...actors import norm_name

    if actor.kind in ("country", "person") or actor.name.isupper():
        return None
    return norm_name(actor.name)


def _two_letters(text: str) -> bool:
    """ "UN", "U.S.", "EU": a two-letter initialism, which names an actor less surely than
    the dictionary's name ("UN" is also the code of the UN's officials)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) <= 2 and all(ch.isupper() for ch in letters)


def by_phone(verb, lex: Lexicon) -> bool:
    phone = lex.word_set("phone_words")
    for ch in verb.children:
        if ch.dep_ == "prep" and ch.lower_ in ("by", "over", "via", "through"):
            if any(t.lower_ in phone for t in ch.subtree):
                return True
    return False
