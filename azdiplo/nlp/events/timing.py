"""When an event happened: the date the text ties to it, and how it was chosen.

In order (``date_source`` records which):

1. ``sentence``: a date whose phrase the parse attaches to the trigger's own
   clause ("met on Tuesday", "the talks in Washington Monday", "said Friday
   after a telephone discussion with X"), or to the clause the event is a
   circumstance of ("left on Sunday after holding talks", "reached last
   September when X visited"); not one of another clause ("who had asked to
   extend the mission until Dec. 15"), not what something covers ("a plan
   for 2026") and not when a report was made ("..., his office said on
   Tuesday"), or to a predicate joined to the trigger's with the same subject
   and tense ("on Monday arrived in Wellington and began a visit"). "A
   two-day meeting that ended on Thursday" and "the two-day talks which
   ended Thursday" are the two days, and so are those of "arrived on Friday
   for a three-day visit";
2. ``context``: the event it refers to or lies within ("during the visit",
   "travelled to Moscow for talks"), never one of months before that the
   article only recalls, and for a plan never one that already took place; a
   plan told without a date lies within the dated
   plan of the same side the article tells elsewhere ("will start a
   five-day tour on Dec. 6 ... would hold talks with Y in Berlin");
3. ``dateline`` / ``publication``: wire copy tells the day's news. What
   happened, or is planned, and is told without a date of its own (and not as
   background, "had met") is dated by the report: its dateline's day, else
   its publication date. On the reference annotations, the date a careful
   reader gives such events covers that day for most of them.
   Not what is told only as somebody's wish, proposal, support, invitation or
   offer ("wants talks with X", "called for talks", "invited him to visit"), nor a negotiation told as a process
   going on ("the ongoing peace talks"): careful readers leave those undated.

Otherwise no date, with the reason.
"""

from __future__ import annotations

import datetime as dt

from ... import dates as dates_mod
from ...lexicon import Lexicon
from .model import Candidate

_PRECISION_RANK = {"range": 4, "day": 5, "time": 5, "week": 3, "month": 2, "season": 1.5, "quarter": 1.6, "year": 1, "decade": 0.5}


class Dating:
    """Chooses the date of each candidate of one Doc."""

    def __init__(self, doc, lex: Lexicon, *, timexes: list[dict], published: dt.date | None, dateline: dict | None,
                 triggers_of):
        self.doc = doc
        self.lex = lex
        self.published = published
        self.dateline = dateline
        self._triggers_of = triggers_of  # sentence -> its triggers
        self._sent_no = {s.start: k for k, s in enumerate(doc.sents)}  # sentence start -> its ordinal
        self._lede_day: dict | None = None  # computed on first use; {} for none
        self.timexes = []
        for t in timexes:
            if t.get("type") not in ("DATE", "TIME") or dates_mod.interval(t.get("value")) is None:
                continue
            span = doc.char_span(t["start"], t["end"], alignment_mode="expand")
            if span is not None and len(span):
                self.timexes.append((t, span))

    # ------------------------------------------------------------------ main
    def choose(self, c: Candidate, found_all: list[Candidate]) -> None:
        if c.date is None:
            self._choose(c, found_all)
        if c.date is not None:
            self._spell_out_days(c)

    def _choose(self, c: Candidate, found_all: list[Candidate]) -> None:
        owned = [t for t in self.owned(c) if not self._is_dateline(t)]
        if owned:
            best = max(owned, key=lambda t: _PRECISION_RANK.get(t.get("precision") or "", 0))
            c.date, c.date_source = best, "sentence"
            c.date_reason = f"'{best['text']}' in the same clause"
            ahead = (best.get("text") or "").lower().startswith(("later", "next", "coming", "upcoming", "this coming"))
            if c.status == "occurred" and self.published and (
                    dates_mod.interval(best["value"])[0] > self.published or ahead):
                c.status = "planned"  # "next week", "later this month"
            return
        if c.plural:
            c.date_reason = "several events (plural): no single date"
            return
        ref = self.anaphor_event(c, found_all) or c.context_event
        if ref is not None and c.status in ("planned", "hypothetical") and ref.status == "occurred":
            ref = None  # "is to go on to Chile after the Peru leg": a plan is not dated by what happened
        if ref is not None and ref.date is not None and not self.background(ref):
            c.date, c.date_source = _borrowed(ref.date, c), "context"
            c.date_reason = f"tied to the {ref.trigger.tok.text} dated '{ref.date.get('text') or ref.date['value']}'"
            return
        told = self._goal_told_before(c, found_all)
        if told is not None:
            c.date, c.date_source = _borrowed(told.date, c), "context"
            c.date_reason = f"the {told.trigger.tok.text} the journey is for, dated '{told.date.get('text') or told.date['value']}'"
            return
        visit = self._event_around(c, found_all)
        if visit is not None:
            c.date, c.date_source = _borrowed(visit.date, c), "context"
            c.date_reason = f"during the {visit.type} told just before, dated '{visit.date.get('text') or visit.date['value']}'"
            c.context_event = visit
            return
        day = self.story_day()
        if day is None or c.status not in ("occurred", "planned"):
            c.date_reason = "no date in the text"
            return
        if self._past_perfect(c):
            c.date_reason = "no date in the text, and told as background ('had met')"
            return
        named = self._named_in(c)
        if named is not None:
            c.date_reason = f"no date in the text, and named in what a '{named.text}' is about, not told as news"
            return
        wished = self._wished_for(c)
        if wished is not None:
            c.date_reason = (f"no date in the text, and named in what a '{wished.text}' is about, not told as news"
                             if wished.pos_ in ("NOUN", "PROPN") else
                             f"no date in the text, and what someone '{wished.text}', not told as news")
            return
        process = self._process(c)
        if process is not None:
            c.date_reason = f"no date in the text, and told as a process going on ('{process}'), not a day's event"
            return
        lede = self.lede_day() if c.status == "occurred" and not self._present(c) else None
        if lede is not None:
            # "X left Libya by air Sunday ..." in Monday's paper: the story is Sunday's
            c.date, c.date_source = lede, "context"
            c.date_reason = f"no date in the text: news of the day the lede tells of, '{lede['text']}'"
            return
        # wire copy tells the day's news: what happened, or is planned, without a date of its
        # own is dated by the report (date_source "publication", or "dateline" in a lede)
        c.date = day
        c.date_source = "dateline" if day.get("text") else "publication"
        if c.status == "planned":
            c.date_reason = "a plan told without a date: the report's day"
        elif c.frame is not None and self._reported_today(c.frame):
            c.date_reason = f"framed by '{c.frame.text}', reported without a date: the report's day"
        elif self._present(c):
            c.date_reason = "told in the present perfect or the present: the report's day"
        else:
            c.date_reason = "no date in the text: news of the day, dated by the report (" + (
                "its dateline)" if day.get("text") else "its publication date)")

    def _named_in(self, c: Candidate):
        """ "a proposal for talks with Oman", "Chile's stance in its talks with Lima", "a ban
        on direct negotiations": an event noun in a phrase of a noun of proposing, asking,
        preparing, barring or taking a stand names the event as what that is about; the report
        does not tell it as the day's news. The noun it hangs on, else None."""
        noun = c.trigger.noun
        if noun is None or c.trigger.verb is not None or noun.dep_ != "pobj":
            return None
        owner = noun.head.head
        if owner.pos_ not in ("NOUN", "PROPN") or owner.i == noun.head.i:
            return None
        return owner if owner.lemma_.lower() in self.lex.word_set("stance_nouns") else None

    def _wished_for(self, c: Candidate):
        """ "wants a ceasefire", "proposed convening a conference", "urged the two sides to
        resume talks", "supports negotiation of a trade agreement", "did not object to members
        meeting X", "a recommendation to freeze membership talks": an event told only as what
        somebody wants, proposes, urges or supports, or as what a proposal or request is about
        (through verbs that are not finite: "to freeze", "for resuming"), is not the day's news.
        The verb or noun, else None."""
        cur = c.trigger.verb if c.trigger.verb is not None else c.trigger.noun
        wish, stance = self.lex.word_set("wish_verbs"), self.lex.word_set("stance_nouns")
        via = None
        for _ in range(6):
            if cur is None or cur.head.i == cur.i:
                return None
            if cur.dep_ not in ("dobj", "xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "conj"):
                return None
            if cur.dep_ == "prep" and cur.lower_ not in ("to", "for", "of", "on", "about"):
                return None  # "at the Washington meeting", "during talks": a circumstance, not what is wished
            via, cur = cur, cur.head
            lemma = cur.lemma_.lower()
            if cur.pos_ in ("NOUN", "PROPN") and lemma in stance and cur.i != c.trigger.tok.i:
                return cur
            if cur.pos_ not in ("VERB", "AUX"):
                continue
            passive = any(ch.dep_ == "auxpass" for ch in cur.children)
            if lemma in wish or (lemma == "call" and via.dep_ == "prep" and via.lower_ == "for" and not passive):
                return cur  # not "ministers were called for talks": summoned
            if cur.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(ch.dep_ in ("aux", "auxpass") and ch.lower_ != "to"
                                                                for ch in cur.children):
                return None  # the event is what another finite verb does or says
        return None

    def _process(self, c: Candidate):
        """ "the ongoing peace talks", "long-running negotiations", "the stalled Doha round":
        an event noun whose modifier tells a process going on has no day of its own."""
        noun = c.trigger.noun
        if noun is None or c.type == "visit" or noun.lemma_.lower() in self.lex.word_set("multilateral_nouns"):
            return None  # "the ongoing summit", "his ongoing visit": going on today
        mods = self.lex.word_set("process_modifiers")
        for ch in noun.children:
            if ch.dep_ in ("amod", "compound", "advmod"):
                text = noun.doc[ch.left_edge.i: ch.i + 1].text.lower().replace(" ", "")
                if text in mods or ch.lower_ in mods:
                    return text
        return None

    def _spell_out_days(self, c: Candidate) -> None:
        """ "concluded a two-day meeting on Thursday": the two days that end on Thursday;
        "began a three-day visit on Monday": the three days from Monday; "arrived in Zagreb on
        Thursday" in Saturday's paper, no length told: from Thursday to the report's day."""
        noun = c.trigger.noun
        if noun is None and c.trigger.verb is not None:  # "arrived on Friday for a three-day visit"
            noun = next((p for ch in c.trigger.verb.children if ch.dep_ == "prep" and ch.lower_ == "for"
                         for p in ch.children if p.dep_ == "pobj" and p.lemma_.lower() in self.lex.nouns), None)
            # "arrived Tuesday for a three-day visit to Japan to boost ties", parsed as "for a visit
            # to boost": the visit is the subject of the "for ... to" clause
            noun = noun or next((p for cl in c.trigger.verb.children if cl.dep_ == "advcl"
                                 and any(m.dep_ == "mark" and m.lower_ == "for" for m in cl.children)
                                 for p in cl.children if p.dep_ == "nsubj" and p.lemma_.lower() in self.lex.nouns), None)
        value = c.date.get("value") or ""
        if len(value) > 10 and value[10] == "T":  # "arrived Saturday evening": the evening's day
            value = value[:10]
        if len(value) != 10 or not value[:4].isdigit():
            return
        days = self._length(noun) if noun is not None else None
        if days is None and noun is not None and c.date_source == "sentence" and c.trigger.verb is None \
                and noun.lemma_.lower() in self.lex.word_set("multilateral_nouns") \
                and noun.head.lemma_.lower() in self.lex.word_set("ending_verbs") | self.lex.word_set("beginning_verbs"):
            # "the summit concluded on Saturday" after "the two-day summit" was told elsewhere
            days = self._told_length(noun)
        if days is None and c.date_source == "sentence" and not any(self._length(t) for t in c.sent
                                                                    if t.lemma_.lower() in self.lex.nouns):
            self._until_the_report(c, noun, value)
            return
        if not days or days < 2 or days > 31:
            return
        verb = c.trigger.verb if c.trigger.verb is not None else noun.head
        told = [ch for ch in noun.children if ch.dep_ in ("relcl", "acl") and ch.lemma_.lower()
                in self.lex.word_set("ending_verbs") | self.lex.word_set("beginning_verbs")]
        if c.trigger.verb is None and told:
            verb = told[0]  # "the three-day talks that closed on Friday"
        lemma = verb.lemma_.lower()
        if verb.dep_ == "prep" and verb.lower_ == "for" or self.journey_goal(noun):
            lemma = "begin"  # "came for a four-day visit", "arrived on Friday to attend a two-day summit"
        elif verb.dep_ == "prep":
            lemma = verb.head.lemma_.lower()
        day = dt.date.fromisoformat(value)
        ends = lemma in self.lex.word_set("ending_verbs") or (
            lemma not in self.lex.word_set("beginning_verbs") and c.status == "occurred")
        if ends:
            first, last = day - dt.timedelta(days=days - 1), day
        else:
            first, last = day, day + dt.timedelta(days=days - 1)
        c.date = {**c.date, "value": f"{first.isoformat()}/{last.isoformat()}", "precision": "range",
                  "until": day.isoformat()}
        c.date_reason += f", the {days} days it {'ended' if last == day else 'began'}"

    @staticmethod
    def _length(noun) -> int | None:
        """The days an event noun's modifier tells: "a two-day visit" -> 2."""
        days = None
        for ch in noun.children:
            if ch.dep_ in ("amod", "compound", "nummod", "nmod"):
                # "two-day" is read as "two", "-", "day": the modifier's whole phrase
                days = dates_mod.day_count(noun.doc[ch.left_edge.i: ch.i + 1].text) or days
        return days

    def _told_length(self, noun) -> int | None:
        """The length the article gives the same conference or summit elsewhere, when it gives
        one length only ("the two-day summit ... The summit concluded on Saturday")."""
        lemma = noun.lemma_.lower()
        found = {self._length(t) for t in self.doc if t.lemma_.lower() == lemma and t.i != noun.i} - {None}
        return found.pop() if len(found) == 1 else None

    def _until_the_report(self, c: Candidate, noun, value: str) -> None:
        """A visit or a conference that began on a day before the report and whose end the text
        does not tell ("arrived in Zagreb on Thursday", "the forum opened here Tuesday", "started
        a tour of the region on Nov. 11") is still going on when the report is written: it spans
        the days from its beginning to the report's. Not a one-day affair ("paid a visit") and
        not one begun more than three days before, nor one whose sentence tells the length of
        an event ("arrived on Monday and began a three-day visit"). What the text tells next without a date of its
        own ("the king, who landed in Rabat on Monday to begin a state visit, told reporters at a joint
        appearance") happened on the report's day (:meth:`_borrowed`)."""
        if c.status != "occurred" or c.type not in ("visit", "meeting"):
            return
        verb = c.trigger.verb if c.trigger.verb is not None else (noun.head if noun is not None else None)
        if verb is None or verb.lemma_.lower() not in self.lex.word_set("continuing_beginnings"):
            return
        if c.type == "meeting" and (noun is None or noun.lemma_.lower() not in self.lex.word_set("multilateral_nouns")):
            return  # "began talks on Monday": talks are not told to go on
        last = self._report_day()
        if last is None:
            return
        day = dt.date.fromisoformat(value)
        if not 0 < (last - day).days <= 3:
            return
        c.date = {**c.date, "value": f"{day.isoformat()}/{last.isoformat()}", "precision": "range", "until": last.isoformat()}
        c.date_reason += ", going on until the report's day"

    # ---------------------------------------------------------------- owned dates
    def owned(self, c: Candidate) -> list[dict]:
        """Dates whose phrase the parse attaches to this event's clause."""
        trig = c.trigger
        targets = {t.i for t in (trig.tok, trig.verb, trig.noun, c.frame) if t is not None}
        sent = c.sent
        triggers_here = set()
        for other in self._triggers_of(sent):
            triggers_here.update(t.i for t in (other.tok, other.verb, other.noun) if t is not None)
        owned, loose = [], []
        for t, span in self.timexes:
            if not (sent.start <= span.root.i < sent.end):
                continue
            if self.period_of_thing(t, span, triggers_here):
                continue
            if span.root.head.lower_ == "since" or span[0].lower_ == "since":
                continue  # "the second talks since early October": where a count starts, not when
            owner = self._owner(span, targets | triggers_here)
            if owner is None:
                continue
            if owner.i in targets or self._when_clause_of(trig, owner):
                owned.append(t)
            elif self._conjoined(trig, owner):
                loose.append(t)  # "on Monday arrived in Wellington and began a visit"
            elif owner.i not in triggers_here and self._governs(owner, trig) \
                    and not self.date_of_saying(span.root, trig.tok):
                # "left Libya on Sunday after holding talks with X": the date of the clause
                # the event is a circumstance of
                loose.append(t)
        return owned or loose

    def _owner(self, span, stops: set[int]):
        """The first trigger word or predicate above a date's phrase."""
        cur = span.root
        inside = range(span.start, span.end)
        for _ in range(8):
            if cur.i in stops and cur.i not in inside:
                return cur
            if cur.pos_ in ("VERB", "AUX") and cur.i not in inside and cur.dep_ != "aux":
                if cur.dep_ in ("relcl", "acl") and cur.head.i in stops:
                    return cur.head  # "the deal that was struck on Friday"
                return cur
            if cur.head.i == cur.i:
                return None
            cur = cur.head
        return None

    @staticmethod
    def _when_clause_of(trig, verb) -> bool:
        """ "reached last September when Aquino visited the U.S.": an event in a time clause
        happened when its main clause did."""
        anchor = trig.verb if trig.verb is not None else trig.noun
        return anchor is not None and anchor.dep_ == "advcl" and anchor.head.i == verb.i and any(
            ch.dep_ in ("advmod", "mark") and ch.lower_ in ("when", "while", "as", "after") for ch in anchor.children)

    def _conjoined(self, trig, verb) -> bool:
        joined = self.conjoined_to(trig)
        return joined is not None and joined.i == verb.i

    def conjoined_to(self, trig):
        """ "arrived on Monday and began a three-day visit", "met X in Zagreb on Friday and the
        two leaders pledged ...": the predicate a trigger's predicate is joined to, in the same
        tense, with the same subject or one that refers back to its parties; what it tells
        happened when (and where) that one did."""
        anchor = trig.predicate
        if anchor is None or anchor.dep_ != "conj" or anchor.pos_ not in ("VERB", "AUX") \
                or anchor.tag_ != anchor.head.tag_:
            return None
        if not all(self._refers_back(ch) for ch in anchor.children if ch.dep_ in ("nsubj", "nsubjpass")):
            return None
        return anchor.head

    def _refers_back(self, subject) -> bool:
        """ "they", "both", "the two leaders", "the two sides": the parties told just before."""
        if subject.lower_ in ("they", "both"):
            return True
        return subject.lemma_.lower() in self.lex.word_set("side_nouns") and any(
            ch.dep_ == "nummod" or ch.lower_ == "both" for ch in subject.children)

    @staticmethod
    def _governs(verb, trig) -> bool:
        """Whether the trigger lies in a circumstance of ``verb``'s clause ("On Monday,
        during his visit, X signed ...", "left on Sunday after holding talks"), not in a
        clause of its own that ``verb`` reports or describes."""
        anchor = trig.verb if trig.verb is not None else trig.noun
        if anchor is None:
            return False
        cur = anchor
        for _ in range(8):
            if cur.head.i == cur.i:
                return False
            if cur.dep_ in ("ccomp", "relcl", "acl", "xcomp", "csubj", "parataxis", "conj") and cur.head.i == verb.i:
                return False
            cur = cur.head
            if cur.i == verb.i:
                return True
        return False

    def period_of_thing(self, t: dict, span, triggers_here: set[int]) -> bool:
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
            governor.pos_ in ("VERB", "AUX") and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in governor.children))

    def date_of_saying(self, when, trigger) -> bool:
        """Whether ``when`` dates the saying of a clause that reports ``trigger``:
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

    # ---------------------------------------------------------------- context
    def _event_around(self, c: Candidate, found_all: list[Candidate]) -> Candidate | None:
        """ "X paid a visit to the US on August 7-8. A trilateral summit involving ... led to the
        signing of ...": an undated event told right after a dated visit of one of its parties
        happened during that visit; "X received Y on Monday. The two also signed ...": a reception
        is a visit too."""
        if c.status != "occurred" or c.type == "visit":
            return None
        noun = c.trigger.noun
        if noun is not None and c.trigger.verb is None \
                and any(ch.lower_ in self.lex.word_set("anaphor_determiners") for ch in noun.children):
            return None  # "the meeting further highlighted ...": the article's own event
        keys = {r.id or r.name.lower() for r, _ in c.refs}
        # "During the talks in Astana, the two leaders also agreed ...": framed by an occasion
        # told before, which the same two sides' dated event is
        framed = any(t.dep_ == "pobj" and t.head.lower_ in self.lex.word_set("anaphor_preps") and t.i != c.trigger.tok.i
                     and t.lemma_.lower() in self.lex.nouns
                     and any(ch.lower_ in self.lex.word_set("anaphor_determiners") for ch in t.children)
                     for t in c.sent)
        here = self._sent_no[c.sent.start]
        for other in reversed(found_all):
            if other.date is None or other.date_source != "sentence" or other.status != "occurred":
                continue
            there = self._sent_no[other.sent.start]
            if there > here:
                continue
            if here - there > 3:
                return None
            theirs = {r.id or r.name.lower(): r.country or r.id or r.name.lower() for r, _ in other.refs}
            sides = {theirs[k] for k in keys & theirs.keys()}
            hosted = other.type == "visit" or any(fn in ("host", "visitor") for _, fn in other.refs)
            if ((sides and hosted) or (framed and len(sides) >= 2)) and not self.background(other):
                return other  # during the visit of one of them, or what the same two did next
        return None

    def journey_goal(self, noun) -> bool:
        """ "arrived in Lima on Friday to attend the summit", "flew to Oslo for the conference":
        the event noun is what a journey is for, which begins after the journey, not within it."""
        if noun is None:
            return False
        head = noun.head
        motion = self.lex.word_set("motion_verbs")
        if noun.dep_ == "dobj" and head.lemma_.lower() in self.lex.word_set("attend_verbs"):
            return head.dep_ in ("xcomp", "advcl") and head.head.lemma_.lower() in motion
        return noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in motion

    def _goal_told_before(self, c: Candidate, found_all: list[Candidate]) -> Candidate | None:
        """The event a journey is for, told before with a date of its own ("The summit opened on
        Saturday ... Presidents flew in late on Friday to attend it"): the same event, not
        one during the journey."""
        noun = c.trigger.noun
        verb = c.trigger.verb
        if verb is not None and verb.lemma_.lower() not in self.lex.word_set("attend_verbs") or not self.journey_goal(noun):
            return None
        lemma = noun.lemma_.lower()
        return next((o for o in reversed(found_all) if o.trigger.noun is not None
                     and o.trigger.noun.lemma_.lower() == lemma and o.date is not None
                     and o.date_source == "sentence" and not self.background(o)), None)

    def background(self, c: Candidate) -> bool:
        """An event of months or years before the report ("the first summit, in 1994"): history
        the article recalls, which later words of the day's news do not refer to."""
        if not self.published or not c.date:
            return False
        span = dates_mod.interval(c.date.get("value"))
        return span is not None and (self.published - span[1]).days > 60

    def anaphor_event(self, c: Candidate, found_all: list[Candidate]) -> Candidate | None:
        """ "During the visit, ..." — the earlier event that a definite event noun refers to."""
        for tok in c.sent:
            if tok.dep_ != "pobj" or tok.head.lower_ not in self.lex.word_set("anaphor_preps"):
                continue
            entry = self.lex.nouns.get(tok.lemma_.lower())
            if entry is None or tok.i == c.trigger.tok.i:
                continue
            if not any(ch.lower_ in self.lex.word_set("anaphor_determiners") or ch.dep_ == "poss" for ch in tok.children):
                continue
            for other in reversed(found_all):
                if other.trigger.type == entry["type"] and other is not c and not self.background(other):
                    return other
        return None

    @staticmethod
    def from_frames(found_all: list[Candidate]) -> None:
        """An undated event noun takes the date of the event whose clause it frames:
        "signed a memorandum on June 9 during the visit of X", "During his visit, X
        signed ..." (the signing lies within the visit)."""
        by_token: dict[int, Candidate] = {}
        for c in found_all:
            for t in (c.trigger.tok, c.trigger.verb):
                if t is not None:
                    by_token.setdefault(t.i, c)
        for c in found_all:
            noun = c.trigger.noun
            if c.date is not None and c.date_source not in ("dateline", "publication"):
                continue
            if noun is None or c.trigger.verb is not None or c.plural:
                continue
            cur = noun
            for _ in range(4):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                other = by_token.get(cur.i)
                if other is not None and other is not c:
                    if other.date is not None and other.status == c.status and other.date_source == "sentence":
                        c.date, c.date_source = other.date, "context"
                        c.date_reason = f"the {other.trigger.tok.text} it frames is dated " + (
                            f"'{other.date['text']}'" if other.date.get("text") else "by the publication date")
                    break

    def plans_from_schedule(self, found_all: list[Candidate]) -> None:
        """A plan told without a date of its own lies within the dated plan of the same side
        that the article tells elsewhere: "X will start a five-day tour on Dec. 6 ... In
        Berlin, X would hold talks with Y" (the talks are in Dec. 6-10, not on the report's
        day); the nearest such plan in the text wins."""
        if not self.published:
            return
        dated = [o for o in found_all if o.status in ("planned", "hypothetical") and o.date is not None
                 and o.date_source in ("sentence", "context") and not o.plural
                 and (dates_mod.interval(o.date.get("value")) or (self.published,))[0] > self.published]
        if not dated:
            return
        for c in found_all:
            undated = c.date is None and c.status == "hypothetical" and not c.plural
            if not (undated or (c.status == "planned" and c.date_source in ("dateline", "publication"))):
                continue
            sides = _sides(c)
            here = self._sent_no[c.sent.start]
            near = [o for o in dated if o is not c and sides & _sides(o)]
            if not near:
                continue
            o = min(near, key=lambda o: abs(self._sent_no[o.sent.start] - here))
            c.date, c.date_source, c.context_event = o.date, "context", o
            c.date_reason = f"a plan within the {o.trigger.tok.text} planned for '{o.date.get('text') or o.date['value']}'"

    # ---------------------------------------------------------------- wire copy
    def story_day(self) -> dict | None:
        """The day a wire report tells of: its dateline's date, else its publication date."""
        dl = self.dateline.get("date") if self.dateline else None
        if dl is not None and dl.get("precision") == "day":
            return dl
        if self.published:
            return {"text": None, "value": self.published.isoformat(), "precision": "day"}
        return None

    def _report_day(self) -> dt.date | None:
        """The report's day as a date; None without one, or with one that has no year
        ("XXXX-05-02": a dateline's day and no publication date)."""
        value = (self.story_day() or {}).get("value") or ""
        return dt.date.fromisoformat(value) if len(value) == 10 and value[:4].isdigit() else None

    def lede_day(self) -> dict | None:
        """The day the lede tells of when it is one of the three days before the report's: a
        report written late and published the next day, or told the day after ("X left Libya by
        air Sunday after holding talks with Y" in Monday's paper). What else happened in the
        story without a date of its own happened that day, not on the report's."""
        if self._lede_day is not None:
            return self._lede_day or None
        self._lede_day = {}
        last = self._report_day()
        lede = [s for s in self.doc.sents if self.is_lede(s)] if self.dateline else \
            [next((s for s in self.doc.sents if any(t.pos_ in ("VERB", "AUX") for t in s)), None)]
        if last is None or not lede or lede[0] is None:
            return None
        sents = list(self.doc.sents)
        after = next((k + 1 for k, s in enumerate(sents) if s.start == lede[-1].start), len(sents))
        # a lede without a day of its own ("talks ... have collapsed in Khartoum") is told by the
        # sentence after it ("The talks collapsed on Wednesday night ...")
        for start, end in ((lede[0].start, lede[-1].end), (lede[-1].end, sents[after].end if after < len(sents) else 0)):
            days = [t for t, span in self.timexes if start <= span.root.i < end and not self._is_dateline(t)
                    and t.get("precision") in ("day", "time") and len((t.get("value") or "")[:10]) == 10
                    and t["value"][:4].isdigit()]
            if not days:
                continue
            t = days[0]
            day = dt.date.fromisoformat(t["value"][:10])
            if 0 < (last - day).days <= 3:
                self._lede_day = {"text": t.get("text"), "start": t.get("start"), "end": t.get("end"),
                                  "value": day.isoformat(), "type": "DATE", "precision": "day"}
            break
        return self._lede_day or None

    def _reported_today(self, verb) -> bool:
        """A speech or reporting verb in the simple past with no date of its own: "told
        reporters", "said" — in wire copy, said on the day of the report."""
        if verb.tag_ != "VBD" or verb.lemma_.lower() not in self.lex.word_set("speech_verbs"):
            return False
        return not any(sp.root.head.i == verb.i or sp.root.i == verb.i for _, sp in self.timexes
                       if verb.sent.start <= sp.root.i < verb.sent.end)

    def is_lede(self, sent) -> bool:
        """The lede: the sentence the dateline opens (or the one right after it)."""
        if not self.dateline:
            return False
        end = self.dateline["end"]
        return sent.start_char <= end < sent.end_char or end <= sent.start_char <= end + 3 \
            or (sent.start_char >= self.dateline["start"] and sent.end_char <= end)

    @staticmethod
    def _present(c: Candidate) -> bool:
        """ "has arrived", "have signed", "is visiting", "is in Beijing on a visit"."""
        verb = c.trigger.verb or (c.trigger.noun.head if c.trigger.noun is not None else None)
        while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb is None:
            return False
        auxes = {ch.lower_ for ch in verb.children if ch.dep_ in ("aux", "auxpass")}
        if verb.tag_ == "VBN" and auxes & {"has", "have", "'s", "'ve"}:
            return True
        if verb.tag_ == "VBG" and auxes & {"is", "are", "'s", "'re"}:
            return True
        return verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP")

    @staticmethod
    def _past_perfect(c: Candidate) -> bool:
        """ "had met", "had been signed": background to the day's news, not the news."""
        verb = c.trigger.verb or (c.trigger.noun.head if c.trigger.noun is not None else None)
        while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        return verb is not None and "had" in {ch.lower_ for ch in verb.children if ch.dep_ in ("aux", "auxpass")}

    def _is_dateline(self, t: dict) -> bool:
        return bool(self.dateline and self.dateline.get("date") and self.dateline["date"].get("start") == t.get("start"))


def _borrowed(date: dict, c: Candidate) -> dict:
    """The date an event takes from the one it lies within: the same, except that within the days
    of a visit or a conference the text tells one of them, the day it names ("arrived on Tuesday
    for a three-day visit ... was received by X": Tuesday) or, for a visit still going on at the
    report, the report's day. A plan within a planned tour lies somewhere in its days."""
    if date.get("until") and c.status == "occurred":
        return {k: v for k, v in date.items() if k != "until"} | {"value": date["until"], "precision": "day"}
    return {k: v for k, v in date.items() if k != "until"}


def _sides(c: Candidate) -> set[str]:
    """The states (else the actors) a candidate names."""
    return {r.country or r.id or r.name.lower() for r, _ in c.refs}
