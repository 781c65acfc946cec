"""Temporal expressions -> TimeML TIMEX3 values, anchored on the publication date.

Pure code: the standard library and python-dateutil only (``dateutil.parser``
reads explicit dates, ``dateutil.relativedelta`` does the arithmetic), no spaCy,
so query paths can import it cheaply. ``azdiplo.nlp.temporal`` finds the
expressions in a parsed document and calls :func:`normalize_in_context`.

Values follow the TIMEX3 conventions of the TempEval-3 gold annotation:

=====================  ===========================  =========
expression             value                        precision
=====================  ===========================  =========
August 8, 2025         ``2025-08-08``               day
August 2025            ``2025-08``                  month
2025                   ``2025``                     year
last week              ``2026-W03``                 week
the weekend            ``2026-W03-WE``              week
the first quarter      ``2026-Q1``                  quarter
the first half of 1990 ``1990-H1``                  half
next spring            ``2026-SP``                  season
the 1990s              ``199``                      decade
the 20th century       ``19``                       century
August 7-8, 2025       ``2025-08-07/2025-08-08``    range
Monday morning         ``2026-01-19TMO``            time
now / recently / soon  ``PRESENT_REF`` ...          ref
for three years        ``P3Y`` (DURATION)           None
every week             ``P1W`` (SET)                None
=====================  ===========================  =========

See ``docs/dates.md`` for the full list, the tense rule and known limits.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dateutil import parser as _dparser
from dateutil.easter import easter as _easter
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

__all__ = [
    "TimeValue",
    "Timex",
    "normalize",
    "normalize_in_context",
    "interval",
    "parse_user_date",
    "find_publication_date",
]

TENSES = ("past", "present", "future")


@dataclass(frozen=True)
class TimeValue:
    """A normalized temporal expression.

    Attributes:
        value: the TIMEX3 value, or None when it could not be computed (a
            relative expression without an anchor).
        type: DATE | TIME | DURATION | SET.
        precision: day | month | year | week | quarter | half | season |
            decade | century | range | time | ref, or None (durations, sets).
        anchored: True when the value needed the anchor (a relative or
            partial expression), False for a self-contained date.
    """

    value: str | None
    type: str
    precision: str | None
    anchored: bool


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text, with its normalized value.

    ``start``/``end`` are character offsets into the text that was searched;
    ``text == source[start:end]``.
    """

    start: int
    end: int
    text: str
    type: str
    value: str | None
    precision: str | None
    anchored: bool = False
    tense: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
            "precision": self.precision,
        }


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------


class _Info(_dparser.parserinfo):
    """dateutil's English names plus the abbreviations news copy uses."""

    WEEKDAYS = [
        ("Mon", "Monday"),
        ("Tue", "Tues", "Tuesday"),
        ("Wed", "Wednesday"),
        ("Thu", "Thur", "Thurs", "Thursday"),
        ("Fri", "Friday"),
        ("Sat", "Saturday"),
        ("Sun", "Sunday"),
    ]


_INFO = _Info()
_RD_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)

_MONTH_NAMES = sorted({n.lower() for names in _INFO.MONTHS for n in names}, key=len, reverse=True)
_WEEKDAY_NAMES = sorted({n.lower() for names in _INFO.WEEKDAYS for n in names}, key=len, reverse=True)
CALENDAR_WORDS = frozenset(_MONTH_NAMES) | frozenset(_WEEKDAY_NAMES)  # "may", "aug", "monday", "tues"...
_MONTH_RE = r"(?:%s)" % "|".join(_MONTH_NAMES)
_WEEKDAY_RE = r"(?:%s)" % "|".join(_WEEKDAY_NAMES)

_UNITS = {
    "second": "S", "seconds": "S", "sec": "S", "secs": "S",
    "minute": "MIN", "minutes": "MIN", "min": "MIN", "mins": "MIN",
    "hour": "H", "hours": "H", "hr": "H", "hrs": "H",
    "day": "D", "days": "D",
    "night": "D", "nights": "D",
    "week": "W", "weeks": "W",
    "fortnight": "2W", "fortnights": "2W",
    "month": "M", "months": "M",
    "quarter": "Q", "quarters": "Q",
    "year": "Y", "years": "Y",
    "decade": "DE", "decades": "DE",
    "century": "CE", "centuries": "CE",
    "millennium": "ML", "millennia": "ML", "millenniums": "ML",
}
_UNIT_RE = r"(?:%s)" % "|".join(sorted(_UNITS, key=len, reverse=True))

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_VAGUE = {"a few", "few", "several", "some", "many", "a number of", "a couple of", "couple of"}
_NUM_WORD = r"(?:%s)" % "|".join(sorted(list(_SMALL) + list(_TENS), key=len, reverse=True))
#: a quantity: digits, number words ("twenty four", "twenty-four"), "a", "an",
#: or a vague quantity ("several", "a few").
_QTY_RE = (
    r"(?:\d+(?:[.,]\d+)?|%s(?:[- ]%s)?(?: hundred| thousand)?|an?|a couple of|couple of|a few|few|"
    r"several|some|many|a number of|a dozen|dozens of|hundreds of|thousands of)"
) % (_NUM_WORD, _NUM_WORD)

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "last": 4, "final": 4,
}
_ORD_RE = r"(?:first|1st|second|2nd|third|3rd|fourth|4th|final)"

_SEASONS = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
_SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_SEASON_RE = r"(?:spring|summer|fall|autumn|winter)"

_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}
_CENTURY_ORD = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty first": 21, "twenty-second": 22,
}

_PRESENT_REF = {
    "now", "right now", "just now", "currently", "current", "at present", "presently",
    "at the moment", "the moment", "this moment", "at this moment", "nowadays", "these days",
    "today's", "at this time", "this time", "the present", "present", "the present time",
    "by now", "as of now", "for now", "at this point", "this point",
}
_PAST_REF = {
    "recently", "recent", "lately", "previously", "formerly", "earlier", "once",
    "the past", "in the past", "before", "the recent past", "the old days",
    "more recently", "most recently", "until recently", "then", "at the time",
    "recent years", "recent months", "recent weeks", "recent days", "recent decades",
    "past years", "the past few years", "in recent years", "the last few years",
    "several years ago", "a few years ago", "some years ago", "many years ago",
    "years ago", "months ago", "decades ago", "some time ago", "long ago",
    "a while ago", "a while back", "some time back", "earlier on",
}
_FUTURE_REF = {
    "soon", "the future", "future", "the near future", "the near term", "the short term",
    "the long term", "the medium term", "the long run", "the short run", "later",
    "later on", "eventually", "shortly", "in the future", "in future", "the coming years",
    "coming years", "the coming months", "coming months", "the coming weeks",
    "coming weeks", "the coming days", "coming days", "the years ahead", "the months ahead",
    "the weeks ahead", "the days ahead", "the days to come", "the years to come",
    "the months to come", "the weeks to come", "years to come", "some day", "someday",
    "one day", "a later date", "as soon as possible", "in due course", "in the coming years",
    "the coming period", "the next few years", "the next few months",
}

_SET_ADVERBS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "biweekly": "P2W", "fortnightly": "P2W", "monthly": "P1M", "bimonthly": "P2M",
    "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "biannually": "P6M",
    "semiannually": "P6M", "semi-annually": "P6M", "every day": "P1D",
    "every other day": "P2D", "every other week": "P2W", "every other year": "P2Y",
    "day after day": "P1D", "year after year": "P1Y", "week after week": "P1W",
    "each day": "P1D", "per day": "P1D", "a day": "P1D", "per year": "P1Y",
    "a year": "P1Y", "per month": "P1M", "a month": "P1M", "a week": "P1W",
    "per week": "P1W",
}

_PARTS_OF_DAY = {
    "morning": "MO", "mornings": "MO", "afternoon": "AF", "afternoons": "AF",
    "evening": "EV", "evenings": "EV", "night": "NI", "nights": "NI",
    "overnight": "NI", "tonight": "NI", "midday": "12:00", "noon": "12:00",
    "midnight": "24:00", "dawn": "MO", "daybreak": "MO", "dusk": "EV",
    "lunchtime": "12:00", "mid-afternoon": "AF", "mid afternoon": "AF",
    "mid-morning": "MO", "late morning": "MO", "early morning": "MO",
}

# Leading words that TIMEX3 leaves out of the expression (signals and
# determiner-like modifiers); stripped before parsing.
_LEAD_STRIP = re.compile(
    r"^(?:on|in|at|by|during|since|until|till|til|before|after|from|of|over|throughout|"
    r"through|within|for|as of|as early as|as late as|as soon as|as recently as|as long ago as|"
    r"no later than|no earlier than|not until|not before|ahead of|prior to|up until|up to|"
    r"just|only|even|both|already|still|sometime|some time|exactly|precisely|"
    r"approximately|roughly|circa|ca|about|around|nearly|almost|more than|less than|"
    r"fewer than|over|under|at least|at most|no more than|no less than|well over|"
    r"some|another|an additional|an extra|additional|extra|the better part of|"
    r"a good part of|much of|most of|all of|part of|all|each of|since at least|"
    r"the whole of|the entire|the whole|entire|whole|full)\s+"
)
# Position inside a period: the value keeps the period's own granularity.
_POSITION = re.compile(
    r"^(?:(?:the )?(?:very )?(?:earlier|early|middle|mid|later|late|end|beginning|start|"
    r"close|turn|remainder|rest|balance|first days|last days|closing days|opening days|"
    r"first weeks|last weeks|first months|last months)\b(?: part)?(?: of| in)?[- ]?|"
    r"(?:the )?(?:end|beginning|start|middle|close|turn|remainder|rest|balance|course|"
    r"run-up|runup) (?:of|to) )"
)
_TRAILING_NOUNS = re.compile(
    r"\s+(?:session|sessions|semester|term|period|periods|timeframe|time frame|time|"
    r"round|edition|meeting|meetings|summit|cycle|season|window|schedule|deadline)$"
)


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _clean(text: str) -> str:
    s = text.strip()
    s = s.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-").replace("\u2010", "-")
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    s = s.lstrip("•·*-–— \t\n\r")
    s = re.sub(r"\s+", " ", s).lower()
    s = _spoken_years(s)
    s = re.sub(r"(?:'s|s')$", lambda m: "" if m.group(0) == "'s" else "s", s)
    s = s.strip(" ,;:!?\"()[]")
    # "Aug. 8", "Wed., Jan. 5": the abbreviation period carries nothing
    s = re.sub(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.",
               r"\1", s)
    # a final period ends a sentence or an abbreviation: neither matters here
    if s.endswith(".") and not re.search(r"\b[ap]\.m\.$", s):
        s = s[:-1]
    return s.strip()


_TEEN_TENS = ("ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
              "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")
_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_SPOKEN_YEAR = re.compile(
    r"\b(?:(?P<c>nineteen|eighteen|twenty) (?:(?P<h>hundred)|(?:oh )?(?P<t>%s|%s)(?:[- ](?P<u>%s))?)|"
    r"(?P<k>two thousand)(?: and)?(?: (?P<t2>%s)(?:[- ](?P<u2>%s))?| (?P<u3>%s))?)\b"
    % (_TEEN_TENS, _UNIT_WORDS, _UNIT_WORDS, _TEEN_TENS, _UNIT_WORDS, _UNIT_WORDS)
)


def _spoken_years(s: str) -> str:
    """Years as broadcast transcripts spell them: "nineteen ninety-six" -> 1996."""

    def rep(m: re.Match) -> str:
        if m.group("k"):
            n = 2000 + (_num(m.group("t2")) or 0 if m.group("t2") else 0) + (_num(m.group("u2") or m.group("u3") or "zero") or 0)
            return str(n)
        c = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m.group("c")] * 100
        if m.group("h"):
            return str(c)
        n = c + _num(m.group("t")) + (_num(m.group("u")) if m.group("u") else 0)
        return str(n)

    return _SPOKEN_YEAR.sub(rep, s)


def _num(word: str) -> int | None:
    """An integer from digits or English number words; None if vague."""
    w = word.strip().replace(",", "")
    if re.fullmatch(r"\d+", w):
        return int(w)
    if re.fullmatch(r"\d+\.\d+", w):
        return None
    if w in ("a", "an", "one"):
        return 1
    if w in ("a couple of", "couple of"):
        return 2
    if w == "a dozen":
        return 12
    parts = re.split(r"[- ]", w)
    total, cur = 0, 0
    for p in parts:
        if p in _SMALL:
            cur += _SMALL[p]
        elif p in _TENS:
            cur += _TENS[p]
        elif p == "hundred":
            cur = max(cur, 1) * 100
        elif p == "thousand":
            total += max(cur, 1) * 1000
            cur = 0
        elif p == "and":
            continue
        else:
            return None
    return total + cur


def _month_num(name: str) -> int | None:
    return _INFO.month(name.strip(". "))


def _weekday_num(name: str) -> int | None:
    return _INFO.weekday(name.strip(". "))


def _iso_week(d: _dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: _dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _season_of(d: _dt.date) -> tuple[int, str]:
    """The (label year, season) a day falls in; winter is labelled by the
    year it starts in (December 2025 - February 2026 is ``2025-WI``)."""
    m = d.month
    if m in (3, 4, 5):
        return d.year, "SP"
    if m in (6, 7, 8):
        return d.year, "SU"
    if m in (9, 10, 11):
        return d.year, "FA"
    return (d.year if m == 12 else d.year - 1), "WI"


def _season_key(year: int, code: str) -> int:
    return year * 4 + _SEASON_ORDER[code]


def _season_from_key(k: int) -> str:
    y, o = divmod(k, 4)
    code = [c for c, i in _SEASON_ORDER.items() if i == o][0]
    return f"{y:04d}-{code}"


def _year2(y2: int, anchor: _dt.date | None) -> int:
    """A two-digit year in the century that puts it nearest the anchor (or today)."""
    ref = (anchor or _dt.date.today()).year
    cands = [c * 100 + y2 for c in (ref // 100 - 1, ref // 100, ref // 100 + 1)]
    # a two-digit year rarely points more than ~20 years ahead
    return min(cands, key=lambda y: abs(y - ref) if y <= ref + 20 else 1000 + y - ref)


def _tv(value, type_="DATE", precision=None, anchored=False) -> TimeValue:
    return TimeValue(value, type_, precision, anchored)


def _date_tv(d: _dt.date, anchored: bool) -> TimeValue:
    return _tv(d.isoformat(), "DATE", "day", anchored)


def _shift(anchor: _dt.date, unit: str, n: int) -> TimeValue:
    """The calendar unit ``n`` units away from the anchor, at that unit's precision."""
    if unit == "D":
        return _date_tv(anchor + relativedelta(days=n), True)
    if unit == "W":
        return _tv(_iso_week(anchor + relativedelta(weeks=n)), "DATE", "week", True)
    if unit == "2W":
        return _tv(_iso_week(anchor + relativedelta(weeks=2 * n)), "DATE", "week", True)
    if unit == "M":
        d = anchor + relativedelta(months=n)
        return _tv(f"{d.year:04d}-{d.month:02d}", "DATE", "month", True)
    if unit == "Q":
        y, q = _quarter(anchor)
        k = y * 4 + q - 1 + n
        return _tv(f"{k // 4:04d}-Q{k % 4 + 1}", "DATE", "quarter", True)
    if unit == "Y":
        return _tv(f"{anchor.year + n:04d}", "DATE", "year", True)
    if unit == "DE":
        return _tv(f"{anchor.year // 10 + n:03d}", "DATE", "decade", True)
    if unit == "CE":
        return _tv(f"{anchor.year // 100 + n:02d}", "DATE", "century", True)
    if unit == "ML":
        return _tv(f"{anchor.year // 1000 + n:01d}", "DATE", "century", True)
    if unit in ("H", "MIN", "S"):
        return _date_tv(anchor, True)
    raise ValueError(unit)


def _shift_value(value: str, unit: str, n: int) -> TimeValue | None:
    """Shift a TIMEX3 DATE value by ``n`` units, keeping its own granularity
    ("1989-Q3" minus a year is "1988-Q3"); None when that is not meaningful."""
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        k = int(m.group(1)) * 4 + int(m.group(2)) - 1
        step = {"Y": 4, "Q": 1}.get(unit)
        if unit == "M" and n % 3 == 0:
            step, n = 1, n // 3
        if step is None:
            return None
        k += step * n
        return _tv(f"{k // 4:04d}-Q{k % 4 + 1}", "DATE", "quarter", True)
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        k = int(m.group(1)) * 2 + int(m.group(2)) - 1
        step = {"Y": 2}.get(unit)
        if unit == "M" and n % 6 == 0:
            step, n = 1, n // 6
        if step is None:
            return None
        k += step * n
        return _tv(f"{k // 2:04d}-H{k % 2 + 1}", "DATE", "half", True)
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        if unit != "Y":
            return None
        return _tv(f"{int(m.group(1)) + n:04d}-{m.group(2)}", "DATE", "season", True)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        d = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if unit in ("H", "MIN", "S"):
            return None
        delta = {
            "D": relativedelta(days=n), "W": relativedelta(weeks=n),
            "2W": relativedelta(weeks=2 * n), "M": relativedelta(months=n),
            "Q": relativedelta(months=3 * n), "Y": relativedelta(years=n),
            "DE": relativedelta(years=10 * n), "CE": relativedelta(years=100 * n),
        }[unit]
        return _date_tv(d + delta, True)
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        d = _dt.date(int(m.group(1)), int(m.group(2)), 1)
        if unit in ("M", "Q", "Y", "DE", "CE"):
            d = d + relativedelta(months={"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * n)
            return _tv(f"{d.year:04d}-{d.month:02d}", "DATE", "month", True)
        return None
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        d = _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if unit in ("W", "2W", "D"):
            weeks = {"W": n, "2W": 2 * n, "D": n // 7 if n % 7 == 0 else None}[unit]
            if weeks is None:
                return None
            return _tv(_iso_week(d + relativedelta(weeks=weeks)), "DATE", "week", True)
        if unit == "Y":
            y, w, _ = d.isocalendar()
            return _tv(f"{y + n:04d}-W{w:02d}", "DATE", "week", True)
        return None
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        if unit in ("Y", "DE", "CE"):
            years = {"Y": 1, "DE": 10, "CE": 100}[unit] * n
            return _tv(f"{int(value) + years:04d}", "DATE", "year", True)
        return None
    return None


def _value_anchor(value: str) -> _dt.date | None:
    """The first day of a DATE value: the point a reference like "the next
    day" counts from."""
    iv = interval(value)
    return iv[0] if iv else None


def _precision_of(value: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{4}-W\d{2}(?:-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-Q[1-4]", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-H[12]", value):
        return "half"
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    if re.fullmatch(r"\d{2}", value):
        return "century"
    if "T" in value:
        return "time"
    if "/" in value:
        return "range"
    if value.endswith("_REF"):
        return "ref"
    return None


# --------------------------------------------------------------------------
# Explicit calendar dates (dateutil.parser)
# --------------------------------------------------------------------------

# A calendar date as news writes it, optionally with a weekday:
#   "Aug. 8", "August 8, 2025", "8 August 2025", "9th of Aug, 2025",
#   "Monday, Oct. 26", "June 2024", "June of 2024", "2026-01-21", "08.07.2025"
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?:\d{4}|'\d{2})"
_WD_PREFIX = r"(?:%s,? (?:the )?)?" % _WEEKDAY_RE
_WD_SUFFIX = r"(?:,? %s)?" % _WEEKDAY_RE
_CAL_RE = re.compile(
    r"^%s(?:"
    r"(?P<mdy>%s (?:the )?%s(?:,? %s)?)|"
    r"(?P<dmy>(?:the )?%s(?: of)? %s(?:,? %s)?)|"
    r"(?P<my>%s(?:,? (?:of )?%s))|"
    r"(?P<ymd>%s %s %s)|"
    r"(?P<m>%s)"
    r")%s$"
    % (_WD_PREFIX, _MONTH_RE, _D, _Y, _D, _MONTH_RE, _Y, _MONTH_RE, _Y, r"\d{4},?", _MONTH_RE, _D, _MONTH_RE,
       _WD_SUFFIX)
)
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[t ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$")
_NUMERIC_RE = re.compile(r"^(\d{1,4})([./])(\d{1,2})\2(\d{2,4})$")

_DEF1 = _dt.datetime(1904, 1, 1)
_DEF2 = _dt.datetime(1908, 2, 2)


def _calendar_parts(s: str, anchor: _dt.date | None = None) -> dict | None:
    """Split an explicit calendar expression into the parts it gives
    ({"year", "month", "day", "weekday"}, missing parts absent).

    dateutil's parser reads the date; parsing twice with two different
    defaults shows which fields the text itself supplied.
    """
    m = _ISO_RE.match(s)
    if m:
        parts = {"year": int(m.group(1)), "month": int(m.group(2))}
        if m.group(3):
            parts["day"] = int(m.group(3))
        if m.group(4):
            parts["hour"], parts["minute"] = int(m.group(4)), int(m.group(5))
        return parts if _valid(parts) else None
    m = _NUMERIC_RE.match(s)
    if m:
        try:
            if len(m.group(1)) == 4:  # 2025/08/08
                dt = _dparser.parse(s, yearfirst=True)
            else:  # dots are day-first (08.07.2025); slashes follow dateutil (month first)
                dt = _dparser.parse(s, dayfirst=m.group(2) == ".")
        except (ValueError, OverflowError):
            return None
        return {"year": dt.year, "month": dt.month, "day": dt.day}
    if not _CAL_RE.match(s):
        return None
    wd = None
    mw = re.match(r"^(%s),? (?:the )?" % _WEEKDAY_RE, s) or re.search(r",? (%s)$" % _WEEKDAY_RE, s)
    if mw:
        wd = _weekday_num(mw.group(1))
        s = (s[: mw.start()] + " " + s[mw.end():]).strip()
    s2 = re.sub(r"\bthe\b|\bof\b", " ", s)
    m2 = re.search(r"'(\d{2})$", s2)
    y2 = None
    if m2:
        y2 = _year2(int(m2.group(1)), anchor)
        s2 = s2[: m2.start()]
    s2 = re.sub(r"\s+", " ", s2).strip(" ,")
    ab = _parsed_twice(s2)
    if ab is None:
        return None
    a, b = ab
    parts: dict[str, int] = {}
    if a.year == b.year:
        parts["year"] = a.year
    if y2 is not None:
        parts["year"] = y2
    if a.month == b.month:
        parts["month"] = a.month
    if a.day == b.day:
        parts["day"] = a.day
    if wd is not None:
        parts["weekday"] = wd
    if "month" not in parts:
        return None
    return parts if _valid(parts) else None


@lru_cache(maxsize=4096)
def _parsed_twice(s: str) -> tuple[_dt.datetime, _dt.datetime] | None:
    """dateutil's reading of ``s`` with each of two defaults, or None when it is no date."""
    try:
        return (_dparser.parse(s, default=_DEF1, parserinfo=_INFO),
                _dparser.parse(s, default=_DEF2, parserinfo=_INFO))
    except (ValueError, OverflowError, TypeError):
        # "February 29" without a year fails in neither default (both leap);
        # anything else that fails is not a date
        return None


def _valid(parts: dict) -> bool:
    try:
        _dt.date(parts.get("year", 2000), parts["month"], parts.get("day", 1))
    except (ValueError, KeyError):
        return False
    return 1000 <= parts.get("year", 2000) <= 2999


def _resolve_partial(month: int, day: int | None, anchor: _dt.date, tense: str | None,
                     weekday: int | None = None) -> _dt.date | tuple[int, int]:
    """The year of a month (and day) given without one: the anchor's year,
    moved back a year when the text speaks of the past and that date is after
    the anchor, or forward when it speaks of the future and it is before."""
    if weekday is not None and day is not None:
        # "Monday, Oct. 26": the year nearest the anchor where that day is a Monday
        for dy in (0, -1, 1):
            try:
                d = _dt.date(anchor.year + dy, month, day)
            except ValueError:
                continue
            if d.weekday() == weekday:
                return d
    year = anchor.year
    if day is None:
        if tense == "past" and month > anchor.month:
            year -= 1
        elif tense == "future" and month < anchor.month:
            year += 1
        return (year, month)
    if tense in ("past", "future"):
        # the first such day on the tense's side of the anchor: 29 February only in leap years
        step = -1 if tense == "past" else 1
        for dy in range(0, 9 * step, step):
            try:
                d = _dt.date(year + dy, month, day)
            except ValueError:
                continue
            if (d <= anchor) if tense == "past" else (d >= anchor):
                return d
    try:
        return _dt.date(year, month, day)
    except ValueError:  # 29 February in a common year: the nearest leap year
        for dy in (-1, 1, -2, 2, -3, 3, 4):
            try:
                return _dt.date(year + dy, month, day)
            except ValueError:
                continue
        raise


def _calendar_value(parts: dict, anchor: _dt.date | None, tense: str | None) -> TimeValue:
    y, m, d = parts.get("year"), parts["month"], parts.get("day")
    hm = (parts["hour"], parts["minute"]) if "hour" in parts else None
    if y is not None:
        if d is None:
            return _tv(f"{y:04d}-{m:02d}", "DATE", "month", False)
        v = _dt.date(y, m, d)
        if hm:
            return _tv(f"{v.isoformat()}T{hm[0]:02d}:{hm[1]:02d}", "TIME", "time", False)
        return _date_tv(v, False)
    if anchor is None:
        if d is None:
            return _tv(f"XXXX-{m:02d}", "DATE", "month", True)
        return _tv(f"XXXX-{m:02d}-{d:02d}", "DATE", "day", True)
    r = _resolve_partial(m, d, anchor, tense, parts.get("weekday"))
    if isinstance(r, tuple):
        return _tv(f"{r[0]:04d}-{r[1]:02d}", "DATE", "month", True)
    return _date_tv(r, True)


# --------------------------------------------------------------------------
# Weekdays, months, seasons relative to the anchor
# --------------------------------------------------------------------------


def _weekday_date(wd: int, anchor: _dt.date, tense: str | None, rel: str | None = None) -> _dt.date:
    """The day a weekday name points to.

    ``last Monday``: the Monday before the anchor; ``next Monday``: the one
    after. A bare weekday in a past (or unknown) tense is the most recent one
    on or before the anchor (news: "said Monday"); in the future, the next one
    on or after the anchor.
    """
    w = _RD_WEEKDAYS[wd]
    if rel == "last":
        return anchor + relativedelta(days=-1, weekday=w(-1))
    if rel == "next":
        return anchor + relativedelta(days=+1, weekday=w(+1))
    if rel == "this":
        # the day of the anchor's week
        return anchor + relativedelta(days=wd - anchor.weekday())
    if tense == "future":
        return anchor + relativedelta(weekday=w(+1))
    return anchor + relativedelta(weekday=w(-1))


def _month_rel(month: int, anchor: _dt.date, rel: str) -> str:
    if rel == "last":
        y = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "next":
        y = anchor.year if month > anchor.month else anchor.year + 1
    else:
        y = anchor.year
    return f"{y:04d}-{month:02d}"


def _season_rel(code: str, anchor: _dt.date, rel: str | None, tense: str | None) -> str:
    cy, cc = _season_of(anchor)
    cur = _season_key(cy, cc)
    # the instance of that season whose label year is the anchor's year, except
    # winter: "this winter" in January is the winter that began in December
    this_year = anchor.year - 1 if (code == "WI" and anchor.month <= 2) else anchor.year
    this = _season_key(this_year, code)
    if rel == "last":
        k = this if this < cur else this - 4
    elif rel == "next":
        k = this if this > cur else this + 4
    elif rel == "this":
        k = this
    else:
        k = this
        if tense == "past" and k > cur:
            k -= 4
        elif tense == "future" and k < cur:
            k += 4
    return _season_from_key(k)


# --------------------------------------------------------------------------
# The grammar
# --------------------------------------------------------------------------

_REL_WORDS = {
    "this": "this", "current": "this", "the current": "this", "this current": "this",
    "the present": "this", "present": "this",
    "last": "last", "past": "last", "previous": "last", "the previous": "last",
    "the past": "last", "the last": "last", "the preceding": "last", "preceding": "last",
    "the latest": "last", "latest": "last", "the most recent": "last", "most recent": "last",
    "the prior": "last", "prior": "last", "this past": "last", "the just-ended": "last",
    "the just ended": "last", "just-ended": "last",
    "next": "next", "the next": "next", "coming": "next", "the coming": "next",
    "this coming": "next", "the upcoming": "next", "upcoming": "next",
    "the following": "following", "following": "following", "the ensuing": "following",
    "the same": "same", "that": "same", "that same": "same", "the very same": "same",
}
_REL_RE = r"(?:%s)" % "|".join(sorted(map(re.escape, _REL_WORDS), key=len, reverse=True))

_DAY_WORDS = {
    "today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2, "this day": 0, "the other day": None,
}


@dataclass
class _Ctx:
    anchor: _dt.date | None
    tense: str | None
    reference: str | None


def _normalize_core(s: str, ctx: _Ctx) -> TimeValue | None:
    """Parse a cleaned, lower-case expression. Order matters: the first
    family that matches the whole expression wins."""
    for fn in _FAMILIES:
        r = fn(s, ctx)
        if r is not None:
            return r
    return None


def _fam_ref(s: str, ctx: _Ctx) -> TimeValue | None:
    if s in _PRESENT_REF:
        return _tv("PRESENT_REF", "DATE", "ref", True)
    if s in _PAST_REF:
        return _tv("PAST_REF", "DATE", "ref", True)
    if s in _FUTURE_REF:
        return _tv("FUTURE_REF", "DATE", "ref", True)
    return None


# the expressions of the families below, compiled once (a family runs for every expression found)
_SET_TIMES = re.compile(r"(?:\d+|once|twice|%s) times? (a|an|per|every|each) (%s)" % (_NUM_WORD, _UNIT_RE))
_SET_ONCE = re.compile(r"(?:once|twice|thrice) (?:a|an|per|every|each) (%s)" % _UNIT_RE)
_SET_EVERY = re.compile(r"(?:every|each|per) (?:(other|%s) )?(%s)" % (_QTY_RE, _UNIT_RE))
_SET_WEEKDAY = re.compile(r"(?:every|each) (%s)s?(?: (%s))?" % (_WEEKDAY_RE, "|".join(_PARTS_OF_DAY)))
_SET_MONTH = re.compile(r"(?:every|each) (%s)" % _MONTH_RE)
_SET_SEASON = re.compile(r"(?:every|each) (%s)" % _SEASON_RE)
_SET_WEEKDAY_PARTS = re.compile(r"(%s)s? (morning|afternoon|evening|night)s" % _WEEKDAY_RE)


def _fam_set(s: str, ctx: _Ctx) -> TimeValue | None:
    if s in _SET_ADVERBS and not s.startswith(("a ", "per ")):
        return _tv(_SET_ADVERBS[s], "SET", None, False)
    m = _SET_TIMES.fullmatch(s)
    if m or _SET_ONCE.fullmatch(s):
        unit = s.split()[-1]
        return _tv(_duration_value(1, _UNITS[unit]), "SET", None, False)
    m = _SET_EVERY.fullmatch(s)
    if m:
        n = 2 if m.group(1) == "other" else (_num(m.group(1)) if m.group(1) else 1)
        return _tv(_duration_value(n, _UNITS[m.group(2)]), "SET", None, False)
    m = _SET_WEEKDAY.fullmatch(s)
    if m:
        wd = _weekday_num(m.group(1))
        v = f"XXXX-WXX-{wd + 1}"
        if m.group(2):
            p = _PARTS_OF_DAY[m.group(2)]
            v += "T" + p
        return _tv(v, "SET", None, False)
    m = _SET_MONTH.fullmatch(s)
    if m:
        return _tv(f"XXXX-{_month_num(m.group(1)):02d}", "SET", None, False)
    m = _SET_SEASON.fullmatch(s)
    if m:
        return _tv(f"XXXX-{_SEASONS[m.group(1)]}", "SET", None, False)
    m = _SET_WEEKDAY_PARTS.fullmatch(s)
    if m:
        return _tv(f"XXXX-WXX-{_weekday_num(m.group(1)) + 1}T{_PARTS_OF_DAY[m.group(2)]}", "SET", None, False)
    if m and m.group(1) in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
        return _tv(f"XXXX-WXX-{_weekday_num(m.group(1)) + 1}", "SET", None, False)
    return None


def _duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 duration; ``n`` None for a vague quantity ("several years" ->
    PXY), a fraction for "two and a half days" (P2.5D)."""
    if n is not None:
        n *= {"2W": 2, "DE": 10, "CE": 100, "ML": 1000}.get(unit, 1)
        unit = {"2W": "W", "DE": "Y", "CE": "Y", "ML": "Y"}.get(unit, unit)
    elif unit in ("DE", "CE", "ML"):
        return f"PX{unit}"
    elif unit == "2W":
        unit = "W"
    q = "X" if n is None else f"{n:g}"
    if unit == "H":
        return f"PT{q}H"
    if unit == "MIN":
        return f"PT{q}M"
    if unit == "S":
        return f"PT{q}S"
    return f"P{q}{unit}"


_DUR_RE = re.compile(
    r"(?P<qty>%s)(?:[- ](?:and a half|more|additional|extra|full|straight|consecutive|long|"
    r"successive|whole|calendar|business|working|trading|fiscal|solid))*[- ](?P<unit>%s)"
    r"(?:[- ](?:long|old))?(?: (?:or so|or more|or longer|and a half|running|in a row|straight))?"
    % (_QTY_RE, _UNIT_RE)
)
_AGO_RE = re.compile(r"(?P<dur>.+?) (?P<dir>ago|earlier|before|back|later|after|after that|from now|hence|on|since then|prior)$")


_ALTERNATIVE_QTY = re.compile(r"(?P<a>%s) (?:or|to) (?P<b>%s)[- ](?P<unit>%s)" % (_QTY_RE, _QTY_RE, _UNIT_RE))


_DUR_SINGLE = re.compile(r"(?:an? |one )?(%s)" % _UNIT_RE)
_DUR_UNIT_ONLY = re.compile(r"(?:the )?(%s)" % _UNIT_RE)
_DUR_ONE = re.compile(r"(an?|one) (%s)" % "|".join(u for u in _UNITS if not u.endswith("s") and u != "quarter"))
_DUR_BARE = re.compile(
    r"(?:the |a |an |this |that |its )?(?:(?:past|last|next|previous|coming|latest|following|current|same|preceding)\s+)?%s"
    % "|".join(u for u in _UNITS if not u.endswith("s")))
_DUR_AN = re.compile(r"(?:an?|one) (?:%s)" % _UNIT_RE)
_DUR_VAGUE_REF = re.compile(r"(?:the )?(?:recent|past|coming|next|last) (?:%s)" % _UNIT_RE)


def _parse_duration(s: str) -> tuple[float | None, str] | None:
    half = re.search(r"[- ]and[- ]a[- ]half\b", s)
    if half:
        # "two and a half days", "two-and-a-half-year", "a year and a half"
        base = (s[:half.start()] + s[half.end():]).replace("--", "-")
        single = _DUR_SINGLE.fullmatch(base)
        p = (1, _UNITS[single.group(1)]) if single and not single.group(1).endswith("s") else _parse_duration(base)
        if p is None or p[0] is None:
            return p
        return p[0] + 0.5, p[1]
    m = _ALTERNATIVE_QTY.fullmatch(s)
    if m and _num(m.group("a")) is not None and _num(m.group("b")) is not None:
        return None, _UNITS[m.group("unit")]  # "four or five days": a vague quantity
    m = _DUR_RE.fullmatch(s)
    if not m:
        m2 = _DUR_UNIT_ONLY.fullmatch(s)
        if m2 and m2.group(1).endswith("s") and m2.group(1) not in ("hrs", "mins", "secs"):
            return None, _UNITS[m2.group(1)]  # "years", "months"
        return None
    qty = m.group("qty")
    if re.fullmatch(r"[12]\d{3}", qty) and not m.group("unit").endswith("s"):
        return None  # "the 1988 quarter": a year, not 1988 quarters
    if qty in _VAGUE or qty in ("dozens of", "hundreds of", "thousands of"):
        n = None
    else:
        n = _num(qty)
        if n is None and re.fullmatch(r"\d+\.\d+", qty):
            return None
    return n, _UNITS[m.group("unit")]


def _fam_duration(s: str, ctx: _Ctx) -> TimeValue | None:
    if re.search(r"\b(?:old|aged)$", s) or re.search(r"-olds?$", s):
        return None  # ages: "53-year-old", "six years old"
    if re.fullmatch(r"(?:a |one )?(?:quarter|half)[- ](?:century|a century)|half a century", s):
        return _tv("P50Y" if "half" in s else "P25Y", "DURATION", None, False)
    if re.fullmatch(r"(?:more than |less than |over |nearly |almost |about )?(?:a|one|two|three)[- ]quarters?", s) and (
            "-" in s or s.split()[0] not in ("one", "two", "three") or s.startswith(("a ", "more", "less", "over", "nearly", "almost", "about"))):
        return None  # "a quarter of the shares", "three-quarters": fractions
    m1 = _DUR_ONE.fullmatch(s)
    if m1:
        return _tv(_duration_value(1, _UNITS[m1.group(2)]), "DURATION", None, False)
    # "the past three years", "the last two weeks", "the next 14 months", "three years"
    m = re.fullmatch(
        r"(?:the |a |its |their |his |her |our )?(?:(?:past|last|next|previous|preceding|coming|"
        r"following|first|final|latest|remaining|recent|intervening|subsequent|ensuing|early|"
        r"initial|same|upcoming)\s+)?(?P<rest>.+?)(?: ahead| to come| since| prior| that followed"
        r"| before that| ended| ending)?",
        s,
    )
    rest = m.group("rest") if m else s
    p = _parse_duration(rest)
    if p is None:
        return None
    n, unit = p
    # a bare singular unit ("the year", "a week", "the past year") is a DATE
    # or a reference, not a duration: handled by later families
    if _DUR_BARE.fullmatch(s):
        if not s.startswith(("a ", "an ")):
            return None
    if _DUR_AN.fullmatch(s):
        return _tv(_duration_value(1, unit), "DURATION", None, False)
    if n is None and _DUR_VAGUE_REF.fullmatch(s):
        return None  # "recent years", "coming months": references
    return _tv(_duration_value(n, unit), "DURATION", None, False)


def _fam_ago(s: str, ctx: _Ctx) -> TimeValue | None:
    """``three days ago``, ``a year earlier``, ``two weeks later``, ``year-earlier``."""
    m = re.fullmatch(r"(?P<dur>.+?) (?P<dir>ago|from now|hence)", s)
    alt = _ALTERNATIVE_QTY.fullmatch(m.group("dur")) if m else None
    if alt:
        # "four or five days from now": the days between the two
        a, b = _num(alt.group("a")), _num(alt.group("b"))
        unit = alt.group("unit")
        if a is None or b is None or a >= b:
            return None
        if ctx.anchor is None:
            return _tv(None, "DATE", "range", True)
        va = _fam_ago(f"{a} {unit} {m.group('dir')}", ctx)
        vb = _fam_ago(f"{b} {unit} {m.group('dir')}", ctx)
        if va is None or vb is None or not va.value or not vb.value or va.precision != vb.precision:
            return None
        lo, hi = (vb, va) if m.group("dir") == "ago" else (va, vb)
        return _tv(f"{lo.value}/{hi.value}", "DATE", "range", True)
    m = re.fullmatch(r"(?:the )?(?:(a|one|two|three|\d+)[- ])?(year|month|week|quarter|day)[- ](ago|earlier|before|later|after)"
                     r"(?: (?:quarter|period|month|year|week|day|results?|levels?|figures?|time|date))?", s)
    if m and "-" in s:
        n = _num(m.group(1)) if m.group(1) else 1
        unit, direction = _UNITS[m.group(2)], m.group(3)
    else:
        m = _AGO_RE.fullmatch(s)
        if not m:
            return None
        dur = m.group("dur")
        direction = m.group("dir")
        dur = re.sub(r"^(?:about|around|nearly|almost|roughly|some|just|only|more than|less than|over|"
                     r"barely|approximately|exactly|at least|fully|a full|well over|scarcely|under)\s+", "", dur)
        dur = re.sub(r" or so$", "", dur)
        p = _parse_duration(dur)
        if p is None:
            return None
        n, unit = p
        if n is not None and n >= 1000:
            return None  # "in H1 20251 day ago": digits run together, not a quantity
        if n is not None and n != int(n):
            n = None  # "a year and a half ago": no calendar unit to name
        if n is None:
            return _tv("PAST_REF" if direction in ("ago", "earlier", "before", "back", "prior") else "FUTURE_REF",
                       "DATE", "ref", True)
    sign = -1 if direction in ("ago", "earlier", "before", "back", "prior") else 1
    if unit == "2W":
        unit, n = "W", 2 * n
    if unit in ("DE", "CE", "ML"):  # "a decade ago": the year, ten years back
        unit, n = "Y", n * {"DE": 10, "CE": 100, "ML": 1000}[unit]
    base = ctx.anchor
    ref = ctx.reference
    if ref and direction not in ("ago", "back", "from now", "hence"):
        # "a year earlier": a year before the time just talked about
        sv = _shift_value(ref, unit, sign * n)
        if sv is not None:
            return sv
    if ref and direction in ("ago", "back") and _precision_of(ref) in ("quarter", "half") and unit == "Y":
        # "profit rose from $3 million a year ago": the same reporting period
        sv = _shift_value(ref, unit, sign * n)
        if sv is not None:
            return sv
    if base is None:
        return _tv(None, "DATE", _PREC_OF_UNIT.get(unit), True)
    if unit in ("H", "MIN", "S"):
        return _tv(None, "TIME", "time", True) if base is None else _date_tv(base, True)
    return _shift(base, unit, sign * n)


_PREC_OF_UNIT = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year",
                 "DE": "decade", "CE": "century", "2W": "week"}


def _fam_day_words(s: str, ctx: _Ctx) -> TimeValue | None:
    if s in _DAY_WORDS:
        off = _DAY_WORDS[s]
        if off is None:
            return _tv("PAST_REF", "DATE", "ref", True)
        if ctx.anchor is None:
            return _tv(None, "DATE", "day", True)
        return _date_tv(ctx.anchor + relativedelta(days=off), True)
    return None


_TZ = r"(?: (?:local time|gmt|utc|est|edt|cet|cest|bst|pst|pdt|cst|cdt|mst|mdt|msk|ist|jst|[a-z]{2,4}t)(?:[+-]\d{1,2})?)?"
_CLOCK = (r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))? ?(?P<ap>a\.? ?m\.?|p\.? ?m\.?)|"
          r"(?P<h24>[01]?\d|2[0-3])[:h](?P<mi24>[0-5]\d)(?: ?hrs| ?hours| ?h)?|(?P<word>noon|midnight|midday))")
_CLOCK_FIRST = re.compile(r"(?:at )?%s%s(?:,? (?:on |of )?(?P<day>.+?))?" % (_CLOCK, _TZ))
_CLOCK_AFTER = re.compile(r"(?P<day>.+?),? (?:at |around |about )?%s%s" % (_CLOCK, _TZ))
_POD = "|".join(sorted(map(re.escape, _PARTS_OF_DAY), key=len, reverse=True))
_POD_DEICTIC = re.compile(r"(?:this|the|that) (%s)" % _POD)
_POD_AFTER = re.compile(r"(?:(?:early|late|in the|on the) )?(.+?),? (?:(?:early|late) )?(?:in the |on the )?(%s)" % _POD)
_POD_FIRST = re.compile(r"(?:(?:early|late) )?(?:in the |on the )?(%s) (?:of )?(.+)" % _POD)


def _fam_time(s: str, ctx: _Ctx) -> TimeValue | None:
    """Clock times and parts of days: "10 a.m.", "10:30 GMT", "noon Thursday",
    "Monday morning", "this morning", "last night", "tonight"."""
    m = _CLOCK_FIRST.fullmatch(s) or _CLOCK_AFTER.fullmatch(s)
    if m:
        if m.group("word"):
            hm = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.group("word")]
        elif m.group("h24") is not None:
            hm = f"{int(m.group('h24')):02d}:{m.group('mi24')}"
        else:
            h = int(m.group("h"))
            if h > 12 or h == 0:
                return None
            pm = m.group("ap").startswith("p")
            h = (h % 12) + (12 if pm else 0)
            hm = f"{h:02d}:{m.group('mi') or '00'}"
        day = m.group("day")
        if day:
            dv = _normalize_core(day, ctx)
            if dv is None or dv.type != "DATE" or dv.precision != "day":
                return None
            return _tv(f"{dv.value}T{hm}" if dv.value else None, "TIME", "time", dv.anchored)
        if ctx.anchor is None:
            return _tv(f"XXXX-XX-XXT{hm}", "TIME", "time", True)
        return _tv(f"{ctx.anchor.isoformat()}T{hm}", "TIME", "time", True)
    if s == "tonight" or (s == "overnight" and ctx.tense == "future"):
        if ctx.anchor is None:
            return _tv(None, "TIME", "time", True)
        return _tv(f"{ctx.anchor.isoformat()}TNI", "TIME", "time", True)
    if s in ("last night", "overnight"):
        # "rebels attacked the town overnight": the night before the report
        if ctx.anchor is None:
            return _tv(None, "TIME", "time", True)
        return _tv(f"{(ctx.anchor - _dt.timedelta(days=1)).isoformat()}TNI", "TIME", "time", True)
    m = _POD_DEICTIC.fullmatch(s)
    if m and ctx.reference is None or (m and s.startswith("this")):
        if ctx.anchor is None:
            return _tv(None, "TIME", "time", True)
        return _tv(f"{ctx.anchor.isoformat()}T{_PARTS_OF_DAY[m.group(1)]}", "TIME", "time", True)
    m = _POD_AFTER.fullmatch(s) or _POD_FIRST.fullmatch(s)
    if m:
        if m.group(1) in _PARTS_OF_DAY:
            part, day = m.group(1), m.group(2)
        else:
            day, part = m.group(1), m.group(2)
        dv = _normalize_core(day, ctx)
        if dv is None or dv.type != "DATE" or dv.precision != "day":
            return None
        p = _PARTS_OF_DAY[part]
        return _tv(f"{dv.value}T{p}" if dv.value else None, "TIME", "time", dv.anchored)
    return None


def _fam_weekday(s: str, ctx: _Ctx) -> TimeValue | None:
    m = re.fullmatch(r"(?:(last|next|this|this coming|this past|the previous|the preceding|the following|the next|"
                     r"the last|coming|past|earlier|later|early|late|the same|that) )?(%s)"
                     r"(?: (this|last|next) week)?" % _WEEKDAY_RE, s)
    if not m:
        return None
    rel_word, wdname, week = m.group(1), m.group(2), m.group(3)
    wd = _weekday_num(wdname)
    if wd is None:
        return None
    if ctx.anchor is None:
        return _tv(None, "DATE", "day", True)
    if week:
        base = ctx.anchor + relativedelta(weeks={"this": 0, "last": -1, "next": 1}[week])
        return _date_tv(base + relativedelta(days=wd - base.weekday()), True)
    rel = None
    if rel_word in ("the previous", "the preceding") and ctx.reference and _precision_of(ctx.reference) == "day":
        # "down 4.5% from the previous Friday": before the day just talked about
        base = _value_anchor(ctx.reference)
        return _date_tv(base + relativedelta(days=-1, weekday=_RD_WEEKDAYS[wd](-1)), True)
    if rel_word in ("last", "this past", "the previous", "the last", "past"):
        rel = "last"
    elif rel_word in ("next", "this coming", "the next", "coming"):
        rel = "next"
    elif rel_word in ("the following",) and ctx.reference:
        base = _value_anchor(ctx.reference)
        if base:
            return _date_tv(base + relativedelta(days=1, weekday=_RD_WEEKDAYS[wd](+1)), True)
        rel = "next"
    elif rel_word == "this":
        rel = None
    return _date_tv(_weekday_date(wd, ctx.anchor, ctx.tense, rel), True)


def _fam_calendar(s: str, ctx: _Ctx) -> TimeValue | None:
    parts = _calendar_parts(s, ctx.anchor)
    if parts is None:
        # "June last year", "January this year", "April next year"
        m = re.fullmatch(r"(?P<md>.+?),? (?:of )?(?P<rel>this|last|next|the previous|the following|the same) year", s)
        if m:
            p = _calendar_parts(m.group("md"), ctx.anchor)
            if p is not None and "year" not in p and ctx.anchor is not None:
                rel = m.group("rel")
                if rel in ("the previous", "the following", "the same") and ctx.reference:
                    base_y = int(ctx.reference[:4]) if re.match(r"\d{4}", ctx.reference) else ctx.anchor.year
                else:
                    base_y = ctx.anchor.year
                off = {"this": 0, "last": -1, "next": 1, "the previous": -1, "the following": 1, "the same": 0}[rel]
                p["year"] = base_y + off
                tv = _calendar_value(p, ctx.anchor, ctx.tense)
                return _tv(tv.value, tv.type, tv.precision, True)
        # "the 22nd": a day of the anchor's month
        m = re.fullmatch(r"(?:the )?([0-3]?\d)(?:st|nd|rd|th)(?: of (?:this|the) month)?", s)
        if m and ctx.anchor is not None:
            day = int(m.group(1))
            try:
                d = ctx.anchor.replace(day=day)
            except ValueError:
                return None
            if ctx.tense == "past" and d > ctx.anchor:
                d = d - relativedelta(months=1)
            elif ctx.tense == "future" and d < ctx.anchor:
                d = d + relativedelta(months=1)
            if d.day != day:
                return None
            return _date_tv(d, True)
        return None
    return _calendar_value(parts, ctx.anchor, ctx.tense)


def _fam_year(s: str, ctx: _Ctx) -> TimeValue | None:
    m = re.fullmatch(r"(?:the |(?:the )?(?:fiscal|financial|calendar|budget|model|academic|school|marketing|crop|tax) "
                     r"(?:year )?|fy ?|(?:the )?year |post-|pre-)?(\d{4})(?:'s)?(?: fiscal year| financial year| budget year)?", s)
    if m:
        y = int(m.group(1))
        if 1000 <= y <= 2999:
            return _tv(f"{y:04d}", "DATE", "year", False)
        return None
    m = re.fullmatch(r"(?:fy|fiscal|fiscal year) ?'?(\d{2})", s)
    if m:
        return _tv(f"{_year2(int(m.group(1)), ctx.anchor):04d}", "DATE", "year", ctx.anchor is not None)
    m = re.fullmatch(r"'(\d{2})", s)
    if m:
        return _tv(f"{_year2(int(m.group(1)), ctx.anchor):04d}", "DATE", "year", True)
    m = re.fullmatch(r"(\d{4})[/-](\d{2})(?: (?:season|fiscal year|financial year|budget))?", s)
    if m:  # ISO months ("2025-08") were read as calendar dates before this
        y1 = int(m.group(1))
        y2 = y1 // 100 * 100 + int(m.group(2))
        if y2 == y1 + 1:  # "2025/26", "1990-91"
            return _tv(f"{y1:04d}/{y2:04d}", "DATE", "range", False)
    return None


_DECADE_WORD = re.compile(r"(?:the )?(?:(?:early|mid|late)[- ])?(%s)" % "|".join(_DECADE_WORDS))
_CENTURY_WORD = re.compile(r"(?:the )?(?:(?:early|mid|late)[- ])?(%s)[- ]century" % "|".join(
    sorted(map(re.escape, _CENTURY_ORD), key=len, reverse=True)))


def _fam_decade(s: str, ctx: _Ctx) -> TimeValue | None:
    m = re.fullmatch(r"(?:the )?(?:(?:early|mid|late|the early|the mid|the late)[- ])?(\d{3})0'?s", s)
    if m:
        return _tv(m.group(1), "DATE", "decade", False)
    m = re.fullmatch(r"(?:the )?(?:(?:early|mid|late)[- ])?'?(\d)0'?s", s)
    if m:
        y = _year2(int(m.group(1)) * 10, ctx.anchor) if ctx.anchor else 1900 + int(m.group(1)) * 10
        return _tv(f"{y // 10:03d}", "DATE", "decade", True)
    m = _DECADE_WORD.fullmatch(s)
    if m:
        d = _DECADE_WORDS[m.group(1)]
        if ctx.anchor is None:
            return _tv(f"19{d}", "DATE", "decade", True)
        y = _year2(d * 10, ctx.anchor)
        return _tv(f"{y // 10:03d}", "DATE", "decade", True)
    m = re.fullmatch(r"(?:the )?(?:(?:early|mid|late)[- ])?(\d{1,2})(?:st|nd|rd|th) century", s) or \
        _CENTURY_WORD.fullmatch(s)
    if m:
        c = int(m.group(1)) if m.group(1).isdigit() else _CENTURY_ORD[m.group(1)]
        return _tv(f"{c - 1:02d}", "DATE", "century", False)
    return None


def _fam_quarter(s: str, ctx: _Ctx) -> TimeValue | None:
    a = ctx.anchor
    # "the third quarter of 1990", "the 1988 third quarter", "Q3 2025", "fiscal third-quarter"
    m = re.fullmatch(
        r"(?:the |its |their |a |an )?(?:(?P<y1>\d{4})(?:'s)? )?(?:(?P<rel>this year'?s?|last year'?s?|next year'?s?|"
        r"the year'?s?|the year-earlier|the year-ago|year-earlier|year-ago|the comparable|comparable|"
        r"the same|same|the corresponding|corresponding) )?(?:(?:fiscal|financial|calendar|flat|strong|weak|"
        r"disappointing|current|latest|seasonally [a-z]+|first-ever|record) )*(?:fiscal[- ])?"
        r"(?P<ord>%s|q[1-4])[- ](?:fiscal[- ])?(?P<kind>quarter|half|qtr)s?(?: (?:of|in) (?:fiscal |the )?(?P<y2>\d{4}|this year|last year|next year|the year))?"
        % _ORD_RE, s)
    if not m:
        m2 = re.fullmatch(r"(?P<ord>q[1-4])(?:[ -]?(?P<y2>\d{4}|'?\d{2}))?|(?P<y1>\d{4})[ -]?(?P<ord2>q[1-4])|"
                          r"(?P<h>h[12])[ -]?(?P<y3>\d{4})", s)
        if not m2:
            return None
        if m2.group("h"):
            return _tv(f"{m2.group('y3')}-{m2.group('h').upper()}", "DATE", "half", False)
        ordv = int((m2.group("ord") or m2.group("ord2"))[1])
        y = m2.group("y2") or m2.group("y1")
        if y:
            y = y.lstrip("'")
            yy = int(y) if len(y) == 4 else _year2(int(y), a)
            return _tv(f"{yy:04d}-Q{ordv}", "DATE", "quarter", len(y) != 4)
        return _quarter_partial(ordv, "Q", ctx)
    o = m.group("ord")
    kind = "H" if m.group("kind") == "half" else "Q"
    n = int(o[1]) if o.startswith("q") else _ORDINALS[o]
    if kind == "H":
        if n > 2:
            n = 2  # "the final half"
    y = m.group("y1") or m.group("y2")
    rel = m.group("rel") or ""
    if y and y.isdigit():
        return _tv(f"{y}-{kind}{n}", "DATE", "half" if kind == "H" else "quarter", False)
    if a is None:
        return _tv(None, "DATE", "half" if kind == "H" else "quarter", True)
    yrel = y or rel
    off = None
    if yrel.startswith(("this year", "the year")):
        off = 0
    elif yrel.startswith(("last year", "year-earlier", "the year-earlier", "year-ago", "the year-ago",
                          "comparable", "the comparable", "same", "the same", "corresponding", "the corresponding")):
        off = -1
    elif yrel.startswith("next year"):
        off = 1
    if off is not None:
        if off == -1 and ctx.reference and rel and not rel.startswith("last year"):
            # "the year-earlier third quarter": a year before the period discussed
            ref_y = re.match(r"(\d{4})", ctx.reference)
            if ref_y:
                return _tv(f"{int(ref_y.group(1)) - 1:04d}-{kind}{n}", "DATE", "quarter" if kind == "Q" else "half", True)
        return _tv(f"{a.year + off:04d}-{kind}{n}", "DATE", "quarter" if kind == "Q" else "half", True)
    return _quarter_partial(n, kind, ctx)


def _fam_year_period(s: str, ctx: _Ctx) -> TimeValue | None:
    """``the 1988 quarter``, ``the 1989 period``: the reporting period under
    discussion, in that year (the year alone when no period was named)."""
    m = re.fullmatch(r"(?:the |its |their )?(\d{4})(?:'s)? (?:fiscal )?(quarter|period|half)", s)
    if not m:
        return None
    y = m.group(1)
    ref = ctx.reference
    if ref and re.fullmatch(r"\d{4}-[QH]\d", ref) and (m.group(2) == "period" or ref[5] == m.group(2)[0].upper()):
        return _tv(f"{y}-{ref[5:]}", "DATE", _precision_of(ref), True)
    return _tv(y, "DATE", "year", False)


def _quarter_partial(n: int, kind: str, ctx: _Ctx) -> TimeValue:
    """A quarter (or half) without a year: the anchor's year, moved by tense
    like a month without a year; a reference year in context wins."""
    a = ctx.anchor
    prec = "quarter" if kind == "Q" else "half"
    if a is None:
        return _tv(None, "DATE", prec, True)
    y, q = _quarter(a)
    cur = q if kind == "Q" else (1 if a.month <= 6 else 2)
    if ctx.tense == "past" and n > cur:
        y -= 1
    elif ctx.tense == "future" and n < cur - 1:
        # results for the quarter just ended are reported in the future tense
        # ("will report third-quarter earnings" in October): only a quarter
        # further back points to next year
        y += 1
    return _tv(f"{y:04d}-{kind}{n}", "DATE", prec, True)


def _fam_half(s: str, ctx: _Ctx) -> TimeValue | None:
    """``the last half of 1989`` -> 1989-H2; ``the second half of the '80s``
    -> the decade; ``the first half`` -> this year's."""
    m = re.fullmatch(r"(?:the )?(first|second|last|latter|final|1st|2nd|earlier|later) half(?: of (?P<rest>.+))?", s)
    if not m:
        return None
    h = 1 if m.group(1) in ("first", "1st", "earlier") else 2
    rest = m.group("rest")
    if rest:
        base = _normalize_core(rest, ctx)
        if base is None or base.type != "DATE":
            return None
        if base.precision == "year" and base.value:
            return _tv(f"{base.value}-H{h}", "DATE", "half", base.anchored)
        return base  # "the last half of the '80s": the decade, TIMEX3 mod LATE
    return _quarter_partial(h, "H", ctx)


def _fam_season(s: str, ctx: _Ctx) -> TimeValue | None:
    sess = r"(?: (?:session|sessions|term|semester|sitting|season))?"
    m = (re.fullmatch(r"(?:the )?(?:(?P<rel>%s) )?(?:(?:early|mid|late)[- ])?(?P<season>%s)%s(?: (?:of |in )?(?P<year>\d{4}|this year|last year|next year))?" % (_REL_RE, _SEASON_RE, sess), s)
         or re.fullmatch(r"(?:the )?(?P<year>\d{4})(?:'s)? (?P<season>%s)%s" % (_SEASON_RE, sess), s))
    if not m:
        return None
    code = _SEASONS[m.group("season")]
    y = m.group("year")
    if y and y.isdigit():
        return _tv(f"{y}-{code}", "DATE", "season", False)
    if ctx.anchor is None:
        return _tv(None, "DATE", "season", True)
    if y:
        off = {"this year": 0, "last year": -1, "next year": 1}[y]
        return _tv(f"{ctx.anchor.year + off:04d}-{code}", "DATE", "season", True)
    rel = _REL_WORDS.get(m.groupdict().get("rel") or "", None)
    if rel in ("following", "same"):
        if ctx.reference and re.match(r"\d{4}", ctx.reference):
            y0 = int(ctx.reference[:4]) + (1 if rel == "following" else 0)
            return _tv(f"{y0:04d}-{code}", "DATE", "season", True)
        rel = "next" if rel == "following" else None
    return _tv(_season_rel(code, ctx.anchor, rel, ctx.tense), "DATE", "season", True)


_DAY_ANAPHORA = re.compile(
    r"(?:the )?(?P<next>next|following|subsequent)(?: day)?|(?:the )?(?P<prev>previous|preceding|prior) day|"
    r"the day (?:(?P<after>after|later)|(?P<before>before|earlier))|"
    r"(?:(?:earlier|later|early|late) )?(?:(?:on|in) )?(?P<same>the same|that same|(?P<that>that)|the) day"
)


def _fam_day_anaphora(s: str, ctx: _Ctx) -> TimeValue | None:
    """``the same day``, ``later in the day``, ``the day before``, ``the next
    day``: the day just talked about (``reference``), or the one next to it.
    With no date before them, wire copy tells the publication day's news:
    ``the same day`` and ``later in the day`` are that day, ``the day
    before`` the one before; ``the next day`` and ``that day`` stay unknown."""
    m = _DAY_ANAPHORA.fullmatch(s)
    if not m or (m.group("next") and not s.endswith("day")):
        return None
    if m.group("same") == "the" and not re.match(r"(?:earlier|later|early|late) (?:in|on) ", s):
        return None  # "the day": too vague alone
    step = 1 if (m.group("next") or m.group("after")) else -1 if (m.group("prev") or m.group("before")) else 0
    ref = ctx.reference
    if ref is not None:
        if _precision_of(ref) != "day":
            return _tv(None, "DATE", "day", True)
        return _date_tv(_value_anchor(ref) + relativedelta(days=step), True)
    if ctx.anchor is None or step > 0 or m.group("that") or (m.group("same") or "").startswith("that"):
        return _tv(None, "DATE", "day", True)
    return _date_tv(ctx.anchor + relativedelta(days=step), True)


def _fam_relative_unit(s: str, ctx: _Ctx) -> TimeValue | None:
    """``this week``, ``last month``, ``next year``, ``the past year``,
    ``the weekend``, ``the current quarter``, ``that year``, ``the following day``."""
    if re.fullmatch(r"(?:the )?(?:last|first|final|opening|closing|second|third) day", s):
        return _tv(None, "DATE", "day", True)  # "the last day (of the talks)": a day of an event
    m = re.fullmatch(r"(?:(this|last|next) )?(year|month|week|quarter)[- ]end", s)
    if m:  # "year-end", "last year-end": the period itself, TIMEX3 mod END
        s = f"{m.group(1) or 'this'} {m.group(2)}"
    m = (re.fullmatch(r"(?P<rel>%s) (?P<unit>day|week|weekend|month|quarter|year|decade|century|half)" % _REL_RE, s)
         or re.fullmatch(r"(?P<rel>the|this) (?P<unit>weekend|year|month|week|quarter|day|period)", s)
         or re.fullmatch(r"(?P<rel>)(?P<unit>weekend)", s)
         or re.fullmatch(r"(?P<rel>%s) (?:fiscal |financial |reporting )?(?P<unit>period|fiscal year|financial year)" % _REL_RE, s)
         or re.fullmatch(r"(?P<rel>the|this) (?:full |fiscal |financial |full fiscal |current fiscal )(?P<unit>year)", s))
    if not m:
        return None
    relw = m.group("rel") or ""
    unit = m.group("unit")
    if unit in ("fiscal year", "financial year"):
        unit = "year"
    if unit == "period":
        # "the latest period", "the same period": the reporting period under
        # discussion, a quarter unless the text named another one
        ref = ctx.reference
        if ref and _precision_of(ref) in ("quarter", "half", "month"):
            return _tv(ref, "DATE", _precision_of(ref), True)
        if relw in ("the latest", "latest", "the most recent", "most recent", "the current", "this", "the"):
            unit = "quarter"
        else:
            return None
    if relw in ("the past", "past", "this past") and unit in ("decade", "century"):
        # "over the past decade": the last ten years, not the 2010s
        return _tv("P10Y" if unit == "decade" else "P100Y", "DURATION", None, False)
    rel = _REL_WORDS.get(relw, "the" if relw in ("the", "") else None)
    if relw == "this":
        rel = "this"
    a = ctx.anchor
    prec = {"day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter",
            "year": "year", "decade": "decade", "century": "century", "half": "half"}[unit]
    if rel in ("same", "following") or (rel == "the" and unit in ("day", "quarter")) or (rel == "last" and relw in ("the latest", "latest", "the most recent", "most recent") and unit in ("quarter", "period")):
        # anaphora: "that year", "the same day", "the following week", "the quarter"
        if ctx.reference and (unit != "quarter" or _precision_of(ctx.reference) == "quarter"):
            rv = _ref_unit(ctx.reference, unit, 1 if rel == "following" else 0)
            if rv is not None:
                return rv
        if rel == "same" or unit == "day":
            return _tv(None, "DATE", prec, True)
        if rel == "following":
            rel = "next"
        elif unit == "quarter":
            # "the latest quarter", "the quarter": the last one reported, i.e.
            # the last completed quarter in past-tense copy, else the current one
            if a is None:
                return _tv(None, "DATE", prec, True)
            back = -1 if (ctx.tense == "past" or relw in ("the latest", "latest", "the most recent", "most recent")) else 0
            return _shift(a, "Q", back)
    if unit == "half":
        if a is None:
            return _tv(None, "DATE", prec, True)
        h = 1 if a.month <= 6 else 2
        k = a.year * 2 + h - 1 + {"this": 0, "the": 0, "last": -1, "next": 1}.get(rel, 0)
        return _tv(f"{k // 2:04d}-H{k % 2 + 1}", "DATE", "half", True)
    if a is None:
        return _tv(None, "DATE", prec, True)
    n = {"this": 0, "the": 0, "last": -1, "next": 1, "following": 1}.get(rel, 0)
    if unit == "weekend":
        d = a + relativedelta(weeks=n)
        if n == 0 and rel == "the" and ctx.tense != "future" and a.weekday() < 5:
            d = a + relativedelta(weeks=-1)  # "over the weekend" in Monday's paper: the one just past
        elif n == 0 and ctx.tense == "future" and a.weekday() == 6:
            d = a + relativedelta(weeks=1)
        return _tv(_iso_week(d) + "-WE", "DATE", "week", True)
    if unit == "day":
        return _date_tv(a + relativedelta(days=n), True)
    return _shift(a, {"week": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
                      "century": "CE"}[unit], n)


def _fam_rest_of_week(s: str, ctx: _Ctx) -> TimeValue | None:
    """``earlier this week``: the days of the publication week before the
    publication day (Monday to the day before); ``later this week``: the
    days after it, to Sunday. On the week's first (last) day there are none
    and the value is the week itself."""
    m = re.fullmatch(r"(earlier|later) (?:this|this current|the current) week", s)
    if not m:
        return None
    a = ctx.anchor
    if a is None:
        return _tv(None, "DATE", "week", True)
    if m.group(1) == "earlier":
        first, last = a - _dt.timedelta(days=a.weekday()), a - _dt.timedelta(days=1)
    else:
        first, last = a + _dt.timedelta(days=1), a + _dt.timedelta(days=6 - a.weekday())
    if last < first:
        return _tv(_iso_week(a), "DATE", "week", True)
    if first == last:
        return _date_tv(first, True)
    return _tv(f"{first.isoformat()}/{last.isoformat()}", "DATE", "range", True)


def _ref_unit(ref: str, unit: str, n: int) -> TimeValue | None:
    """The ``unit`` containing (``n`` = 0) or following (1) a reference value."""
    start = _value_anchor(ref)
    if start is None:
        return None
    code = {"day": "D", "week": "W", "weekend": "W", "month": "M", "quarter": "Q", "year": "Y",
            "decade": "DE", "century": "CE"}.get(unit)
    if code is None:
        return None
    rp = _precision_of(ref)
    fine = ["day", "week", "month", "quarter", "year", "decade", "century"]
    want = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century"}[code]
    if rp in fine and fine.index(rp) > fine.index(want):
        return None  # "the same day" after "1998" says nothing about the day
    tv = _shift(start, code, n)
    if unit == "weekend":
        return _tv(tv.value + "-WE", "DATE", "week", True)
    return tv


def _fam_month_rel(s: str, ctx: _Ctx) -> TimeValue | None:
    """``last August``, ``this September``, ``next March``, ``the following May``."""
    m = re.fullmatch(r"(?P<rel>%s) (?P<month>%s)" % (_REL_RE, _MONTH_RE), s)
    if not m:
        return None
    month = _month_num(m.group("month"))
    rel = _REL_WORDS[m.group("rel")]
    if rel in ("following", "same"):
        if ctx.reference and re.match(r"\d{4}", ctx.reference):
            y = int(ctx.reference[:4])
            rm = re.match(r"\d{4}-(\d{2})", ctx.reference)
            if rel == "following" and (not rm or month <= int(rm.group(1))):
                y += 1
            return _tv(f"{y:04d}-{month:02d}", "DATE", "month", True)
        rel = "next" if rel == "following" else "this"
    if ctx.anchor is None:
        return _tv(None, "DATE", "month", True)
    return _tv(_month_rel(month, ctx.anchor, rel), "DATE", "month", True)


def _fam_holiday(s: str, ctx: _Ctx) -> TimeValue | None:
    m = re.fullmatch(r"(?:(?P<rel>last|this|next|this year's|last year's|next year's) )?(?P<h>christmas(?: day| eve)?|new year's (?:day|eve)|"
                     r"new year|easter(?: sunday| monday)?|good friday|valentine's day|halloween|"
                     r"thanksgiving(?: day)?|may day|boxing day|labou?r day|independence day|"
                     r"new year's)(?: (?P<y>\d{4}))?", s)
    if not m:
        return None
    h = m.group("h")
    y = int(m.group("y")) if m.group("y") else None
    a = ctx.anchor

    def day_in(year: int) -> _dt.date | None:
        if h.startswith("christmas eve"):
            return _dt.date(year, 12, 24)
        if h.startswith("christmas") or h == "boxing day":
            return _dt.date(year, 12, 25 if h.startswith("christmas") else 26)
        if h in ("new year's day", "new year", "new year's"):
            return _dt.date(year, 1, 1)
        if h == "new year's eve":
            return _dt.date(year, 12, 31)
        if h.startswith("easter"):
            d = _easter(year)
            return d + _dt.timedelta(days=1) if h.endswith("monday") else d
        if h == "good friday":
            return _easter(year) - _dt.timedelta(days=2)
        if h == "valentine's day":
            return _dt.date(year, 2, 14)
        if h == "halloween":
            return _dt.date(year, 10, 31)
        if h == "may day":
            return _dt.date(year, 5, 1)
        if h.startswith("thanksgiving"):  # the US holiday: fourth Thursday of November
            return _dt.date(year, 11, 1) + relativedelta(weekday=TH(+4))
        return None  # labour day, independence day: differ by country

    if y is not None:
        d = day_in(y)
        return _date_tv(d, False) if d else _tv(None, "DATE", "day", False)
    if a is None:
        return _tv(None, "DATE", "day", True)
    rel = m.group("rel")
    year = a.year
    d = day_in(year)
    if d is None:
        return _tv(None, "DATE", "day", True)
    if rel in ("last", "last year's"):
        if rel == "last year's" or d >= a:
            d = day_in(year - 1)
    elif rel in ("next", "next year's"):
        if rel == "next year's" or d <= a:
            d = day_in(year + 1)
    elif rel is None:
        if ctx.tense == "past" and d > a:
            d = day_in(year - 1)
        elif ctx.tense == "future" and d < a:
            d = day_in(year + 1)
    return _date_tv(d, True)


def _fam_month_weekday_week(s: str, ctx: _Ctx) -> TimeValue | None:
    """``the week of March 6`` -> the ISO week containing that day."""
    m = re.fullmatch(r"(?:the )?week of (.+)", s)
    if not m:
        return None
    dv = _normalize_core(m.group(1), ctx)
    if dv is None or dv.precision != "day" or not dv.value:
        return None
    return _tv(_iso_week(_dt.date.fromisoformat(dv.value[:10])), "DATE", "week", dv.anchored)


_RANGE_SPLIT = re.compile(
    r"^(?:between|from|since)?\s*(?P<a>.+?)\s*(?:-|to|through|thru|till|until|and|--|/)\s*(?P<b>.+)$"
)


def _fam_range(s: str, ctx: _Ctx) -> TimeValue | None:
    """``August 7-8, 2025``, ``7-8 August 2025``, ``between March 3 and 5``,
    ``from 2019 to 2021``, ``May to July 2025``: one interval value."""
    if not re.search(r"-|\bto\b|\bthrough\b|\bthru\b|\btill\b|\buntil\b|\band\b|/", s):
        return None
    m_between = re.match(r"^(between|from) ", s)
    # where to split: every connector is tried, first one whose two sides parse wins
    for m in re.finditer(r"\s*(?:--|-|\bto\b|\bthrough\b|\bthru\b|\btill\b|\buntil\b|\band\b|/)\s*", s):
        left = s[: m.start()].strip()
        right = s[m.end():].strip()
        conn = m.group(0).strip()
        if conn == "and" and not m_between:
            continue
        if m_between:
            left = left[len(m_between.group(0)):].strip() if left.startswith(m_between.group(0).strip()) else left
            left = re.sub(r"^(?:between|from) ", "", left)
        if not left or not right:
            continue
        r = _range_pair(left, right, ctx)
        if r is not None:
            return r
    return None


def _simple_parts(s: str, anchor: _dt.date | None) -> dict | None:
    """Parts of one side of a range: a calendar date, a bare day ("8", "8th"),
    a bare year ("2021"), or a month."""
    s = s.strip(" ,")
    s = re.sub(r"^(?:the )", "", s)
    if re.fullmatch(r"[0-3]?\d(?:st|nd|rd|th)?", s):
        d = int(re.match(r"\d+", s).group(0))
        return {"day": d} if 1 <= d <= 31 else None
    m = re.fullmatch(r"([0-3]?\d)(?:st|nd|rd|th)?,? (\d{4})", s)
    if m:
        return {"day": int(m.group(1)), "year": int(m.group(2))}
    if re.fullmatch(r"\d{4}", s):
        y = int(s)
        return {"year": y} if 1000 <= y <= 2999 else None
    if re.fullmatch(r"\d{2}", s):
        return {"year2": int(s)}
    m = re.fullmatch(r"(%s)" % _MONTH_RE, s)
    if m:
        return {"month": _month_num(m.group(1))}
    p = _calendar_parts(s, anchor)
    if p is not None:
        p.pop("weekday", None)
        return p
    return None


def _range_pair(left: str, right: str, ctx: _Ctx) -> TimeValue | None:
    a = _simple_parts(left, ctx.anchor)
    b = _simple_parts(right, ctx.anchor)
    if a is None or b is None:
        # "Monday to Wednesday", "last week to this week": two expressions
        va = _normalize_core(left, ctx)
        vb = _normalize_core(right, ctx)
        if va and vb and va.type == vb.type == "DATE" and va.value and vb.value and \
                va.precision not in ("ref", "range") and vb.precision not in ("ref", "range"):
            ia, ib = interval(va.value), interval(vb.value)
            if ia and ib and ia[0] <= ib[1]:
                return _tv(f"{va.value}/{vb.value}", "DATE", "range", va.anchored or vb.anchored)
        return None
    if "year2" in b:
        if set(a) != {"year"}:
            return None
        y2 = a["year"] // 100 * 100 + b["year2"]
        if y2 <= a["year"]:
            y2 += 100
        b = {"year": y2}
    if "year2" in a:
        return None
    # the two sides complete each other: "7-8 August 2025", "August 7-8, 2025"
    if "month" not in a and "month" in b and "day" in a:
        a["month"] = b["month"]
    if "month" not in b and "month" in a and "day" in b:
        b["month"] = a["month"]
    filled = None
    if "year" not in a and "year" in b and "month" in a:
        a["year"], filled = b["year"], "a"
    if "year" not in b and "year" in a and "month" in b:
        b["year"], filled = a["year"], "b"
    if ("day" in a) != ("day" in b) or ("month" in a) != ("month" in b):
        return None
    if "month" not in a:  # "2019-2021"
        if "year" not in a or "year" not in b or b["year"] < a["year"]:
            return None
        return _tv(f"{a['year']:04d}/{b['year']:04d}", "DATE", "range", False)
    anchored = "year" not in a or "year" not in b
    if "year" not in a and "year" not in b:
        if ctx.anchor is None:
            fmt = lambda p: f"XXXX-{p['month']:02d}" + (f"-{p['day']:02d}" if "day" in p else "")
            return _tv(f"{fmt(a)}/{fmt(b)}", "DATE", "range", True)
        ra = _resolve_partial(a["month"], a.get("day"), ctx.anchor, ctx.tense)
        ya = ra[0] if isinstance(ra, tuple) else ra.year
        a["year"] = b["year"] = ya
    if not (_valid(a) and _valid(b)):
        return None
    da = _dt.date(a["year"], a["month"], a.get("day", 1))
    db = _dt.date(b["year"], b["month"], b.get("day", 1))
    if db < da:
        if (anchored or filled) and a["year"] == b["year"]:
            # "December 28 - January 3, 2026": the start is in the year before
            if filled == "a":
                a["year"] -= 1
            else:
                b["year"] += 1
            da = _dt.date(a["year"], a["month"], a.get("day", 1))
            db = _dt.date(b["year"], b["month"], b.get("day", 1))
        if db < da:
            return None
    if "day" in a:
        return _tv(f"{da.isoformat()}/{db.isoformat()}", "DATE", "range", anchored)
    return _tv(f"{a['year']:04d}-{a['month']:02d}/{b['year']:04d}-{b['month']:02d}", "DATE", "range", anchored)


_FAMILIES = [
    _fam_ref,
    _fam_set,
    _fam_day_words,
    _fam_calendar,
    _fam_year,
    _fam_decade,
    _fam_half,
    _fam_quarter,
    _fam_year_period,
    _fam_season,
    _fam_holiday,
    _fam_month_rel,
    _fam_weekday,
    _fam_ago,
    _fam_rest_of_week,
    _fam_day_anaphora,
    _fam_relative_unit,
    _fam_duration,
    _fam_time,
    _fam_month_weekday_week,
    _fam_range,
]


def _normalize_text(s: str, ctx: _Ctx, depth: int = 0) -> TimeValue | None:
    r = _normalize_core(s, ctx)
    if r is not None or depth > 3:
        return r
    # drop a signal word, a position modifier or a trailing noun, and retry
    for rx in (_LEAD_STRIP, _POSITION, _TRAILING_NOUNS):
        t = rx.sub("", s, count=1).strip()
        if t and t != s:
            r = _normalize_text(t, ctx, depth + 1)
            if r is not None:
                return r
    t = re.sub(r"^(?:the|a|an|its|their|his|her|our|this year's|that) ", "", s)
    if t != s:
        r = _normalize_core(t, ctx)
        if r is not None:
            return r
    return None


def normalize_in_context(text: str, anchor: _dt.date | None, *, tense: str | None = None,
                         reference: str | None = None) -> TimeValue | None:
    """Like :func:`normalize`, with the value of the last date the text spoke
    about (``reference``) for anaphora and shifts: "that year", "the same
    day", "a year earlier", "the following week", "the quarter"."""
    if tense is not None and tense not in TENSES:
        raise ValueError(f"tense must be one of {TENSES} or None, not {tense!r}")
    if isinstance(anchor, _dt.datetime):
        anchor = anchor.date()
    # a pure function of its arguments and of today's date (a two-digit year
    # without an anchor): a document asks the same question several times (each
    # tense of one expression), and a day's articles ask the same questions
    return _normalized(text, anchor, tense, reference, _dt.date.today())


@lru_cache(maxsize=16384)
def _normalized(text: str, anchor: _dt.date | None, tense: str | None, reference: str | None,
                today: _dt.date) -> TimeValue | None:
    if re.fullmatch(r"(?:(?:in|by|until|since|from) )?(?:may|march)", text.strip()):
        return None  # lower case: the modal verb, the walk
    s = _clean(text)
    if not s:
        return None
    if reference is not None and (_precision_of(reference) in (None, "ref", "range", "time")
                                  or not re.match(r"\d", reference)):
        reference = None
    try:
        return _normalize_text(s, _Ctx(anchor, tense, reference))
    except (ValueError, OverflowError):
        # arithmetic past year 1 or 9999: say what it is, without a value
        if anchor is None and reference is None:
            return None
        return _normalize_text(s, _Ctx(None, tense, None))


def normalize(text: str, anchor: _dt.date | None, *, tense: str | None = None) -> TimeValue | None:
    """Normalize one temporal expression to a TIMEX3 value.

    Args:
        text: the expression as found ("last August", "on August 7-8, 2025",
            "the 2026 spring session", "January 22", "Monday", "three years").
        anchor: the publication date. Without one, relative expressions get
            value None (type and precision are still given); explicit dates
            still normalize, partial ones to ``XXXX-MM-DD``.
        tense: "past", "present", "future" or None: which way a month-day, a
            month, a season, a quarter or a weekday without a year points.

    Returns:
        a :class:`TimeValue`, or None when the text is not a temporal
        expression at all.
    """
    return normalize_in_context(text, anchor, tense=tense)


# --------------------------------------------------------------------------
# Intervals
# --------------------------------------------------------------------------

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _month_end(y: int, m: int) -> _dt.date:
    return _dt.date(y, m, 1) + relativedelta(day=31)


def day_count(word: str) -> int | None:
    """The number of days a modifier gives: "two-day", "3-day", "five day" -> 2, 3, 5."""
    m = re.fullmatch(r"(\w+)[- ]days?", word.strip().lower())
    if not m:
        return None
    n = m.group(1)
    return int(n) if n.isdigit() else _num(n)


def calendar_value(value: str | None) -> str | None:
    """A DATE value in calendar terms only: years, months and days, or an interval of them.

    "2026-W15" -> "2026-04-06/2026-04-12", "2025-Q3" -> "2025-07/2025-09",
    "2025-SU" -> "2025-06/2025-08", "199" -> "1990/1999", "2006-11-03TMO" ->
    "2006-11-03"; calendar values are kept as they are. Events carry these, so
    that any ISO 8601 reader can compare them; the expression's granularity
    stays in the event's ``date_precision``.
    """
    if not value:
        return value
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?", value):
        return value
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T.*", value)
    if m:
        return m.group(1)
    span = interval(value)
    if span is None:
        return value
    a, b = span
    if a.day == 1 and b == _month_end(b.year, b.month):
        if a.month == 1 and b.month == 12:
            return str(a.year) if a.year == b.year else f"{a.year}/{b.year}"
        left, right = f"{a.year:04d}-{a.month:02d}", f"{b.year:04d}-{b.month:02d}"
        return left if left == right else f"{left}/{right}"
    return a.isoformat() if a == b else f"{a.isoformat()}/{b.isoformat()}"


def interval(value: str | None) -> tuple[_dt.date, _dt.date] | None:
    """The calendar interval (first day, last day) a DATE value covers.

    "2025" -> 2025-01-01..2025-12-31, "2025-08", "2025-08-07/2025-08-08",
    "2025-W07", "2025-Q1", "2025-H2", "2025-SU" (meteorological seasons of the
    northern hemisphere; winter "2025-WI" is December 2025 to February 2026),
    "199" (a decade), "19" (a century); a TIME value gives its day. None for
    durations, sets, references, values with X and None.
    """
    if not value or "X" in value or value.startswith("P") or value.endswith("_REF"):
        return None
    v = value.strip()
    if "/" in v:
        a, _, b = v.partition("/")
        ia, ib = interval(a), interval(b)
        if ia is None or ib is None or ib[1] < ia[0]:
            return None
        return ia[0], ib[1]
    try:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", v)
        if m:
            d = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, d
        m = re.fullmatch(r"(\d{4})-(\d{2})", v)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            return _dt.date(y, mo, 1), _month_end(y, mo)
        m = re.fullmatch(r"(\d{4})", v)
        if m:
            y = int(v)
            return _dt.date(y, 1, 1), _dt.date(y, 12, 31)
        m = re.fullmatch(r"(\d{4})-W(\d{1,2})(-WE)?", v)
        if m:
            y, w = int(m.group(1)), int(m.group(2))
            if m.group(3):
                return _dt.date.fromisocalendar(y, w, 6), _dt.date.fromisocalendar(y, w, 7)
            return _dt.date.fromisocalendar(y, w, 1), _dt.date.fromisocalendar(y, w, 7)
        m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
        if m:
            y, q = int(m.group(1)), int(m.group(2))
            return _dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        m = re.fullmatch(r"(\d{4})-H([12])", v)
        if m:
            y, h = int(m.group(1)), int(m.group(2))
            return _dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
        if m:
            y = int(m.group(1))
            a, b = _SEASON_MONTHS[m.group(2)]
            return _dt.date(y, a, 1), _month_end(y + (1 if b < a else 0), b)
        m = re.fullmatch(r"(\d{3})", v)
        if m:
            d = int(v)
            return _dt.date(d * 10, 1, 1) if d > 0 else _dt.date(1, 1, 1), _dt.date(d * 10 + 9, 12, 31)
        m = re.fullmatch(r"(\d{2})", v)
        if m:
            c = int(v)
            return _dt.date(max(c * 100, 1), 1, 1), _dt.date(c * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


def parse_user_date(text: str) -> tuple[_dt.date, _dt.date]:
    """The interval a ``--since``/``--until`` filter names.

    Accepts ISO forms only: ``2025``, ``2025-08``, ``2025-08-08``.

    Raises:
        ValueError: with a message naming the accepted forms.
    """
    s = (text or "").strip()
    if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", s):
        iv = interval(s)
        if iv is not None:
            return iv
        raise ValueError(f"{text!r} is not a real calendar date — check the month and day")
    raise ValueError(
        f"cannot read the date {text!r} — use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025, 2025-08, 2025-08-08)"
    )


# --------------------------------------------------------------------------
# Publication dates in an article's head
# --------------------------------------------------------------------------

_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAYN = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_FULL_DATE = (
    r"(?:%s(?:%s\s+(?:of\s+)?%s,?\s+%s|%s\s+%s,?\s+%s)|%s-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]%s)"
    % (_WDAY, _DAYN, _MON, _YEAR, _MON, _DAYN, _YEAR, _YEAR, _YEAR)
)
_TIME_TAIL = r"(?:\s*(?:[|,\-–—•·]|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?"
_LABEL = (r"(?:(?:Published|Posted|Updated|Last updated|Modified|Date|Dated|Released|Issued|Created|First published)"
          r"(?:\s+(?:on|at))?\s*:?\s*)")
# a line that is only a date, possibly labelled, bulleted, with a time and a byline before it
_DATE_LINE = re.compile(
    r"^[ \t•·*\-–—|>]*(?:(?P<by>[^\n]{0,80}?)[ \t]+)??(?P<label>%s)?(?P<date>%s)%s[ \t.|]*$" % (_LABEL, _FULL_DATE, _TIME_TAIL),
    re.M,
)
_CREDIT = re.compile(r"\((?:[^()\n]{1,120}?)[-–—,]\s*(?P<date>%s)\s*\)" % _FULL_DATE)
_DATELINE = re.compile(
    r"^[ \t]*(?:date \d{4}-\d{2}-\d{2}\s+)?[A-Z][A-Za-z.'\- ]{1,40}(?:\s*\([^)\n]{1,40}\))?"
    r"(?:,\s*[A-Z][A-Za-z.'\- ]{1,40})?(?:\s*\([^)\n]{1,40}\))?\s*[,\-–—]\s*"
    r"(?P<date>%s)\s*(?:[.,:(\-–—]|$)" % _FULL_DATE,
    re.M,
)


def _date_of(text: str) -> _dt.date | None:
    s = text.strip()
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", s)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        # news sites outside the US write day first; take month first only when forced
        day, mon = (a, b) if (a > 12 or b <= 12) else (b, a)
        try:
            return _dt.date(y, mon, day)
        except ValueError:
            return None
    parts = _calendar_parts(_clean(s))
    if parts is None or "year" not in parts or "day" not in parts:
        return None
    try:
        return _dt.date(parts["year"], parts["month"], parts["day"])
    except ValueError:
        return None


def find_publication_date(head: str) -> tuple[_dt.date, int, int] | None:
    """Find an article's publication date in its first ~600 characters.

    Looks, in this order, for a line that is only a date ("• 31 January, 2026",
    "Published August 09, 2025 | 11:46 PM", "Updated: 2025-08-09", a byline
    ending in a date), a news-agency credit in parentheses ("(APP - UrduPoint
    / Pakistan Point News - 9th Aug, 2025)"), and a dateline at the start of a
    line ("BAKU, Azerbaijan, January 21, 2026."). Dates inside sentences are
    the news, not its date, and are ignored; so is a dateline without a year
    ("BAKU, Azerbaijan, January 21.").

    Returns:
        (date, start, end): the date and the offsets of its text in ``head``,
        or None.
    """
    if not head:
        return None
    head = head[:800]
    best: tuple[int, _dt.date, int, int] | None = None
    for m in _DATE_LINE.finditer(head):
        by = m.group("by") or ""
        # a byline may precede a date ("Sumaira FH Published August 09, 2025"),
        # a sentence may not
        if by and not m.group("label") and not re.fullmatch(r"(?:By\s+)?[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,4}\s*[|,\-–—•·]?", by):
            continue
        if by and len(by.split()) > 6:
            continue
        d = _date_of(m.group("date"))
        if d is None:
            continue
        rank = 0 if not by or m.group("label") else 1
        if best is None or rank < best[0]:
            best = (rank, d, m.start("date"), m.end("date"))
        if rank == 0:
            break
    if best is not None and best[0] == 0:
        return best[1], best[2], best[3]
    for rx, rank in ((_CREDIT, 2), (_DATELINE, 3)):
        m = rx.search(head)
        if m:
            d = _date_of(m.group("date"))
            if d is not None and (best is None or rank < best[0]):
                best = (rank, d, m.start("date"), m.end("date"))
    if best is None:
        return None
    return best[1], best[2], best[3]
