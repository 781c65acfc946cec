"""The layout of a news page: which lines are the article and which are not.

Pages scraped from news sites carry more than the article: a headline repeated
above the body, section names, bylines and date lines, lists of related
stories ("Recent Stories", "More Stories From World"), headlines stamped
"3 hours ago", share buttons, the title translated into other languages.
None of that may yield an event. This module classifies every line of the
text with plain rules (no spaCy), so the pipeline can skip all but the body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

BODY, HEADER, TITLE, BOILERPLATE, FOREIGN, BLANK = "body", "header", "title", "boilerplate", "foreign", "blank"

_SECTION = re.compile(
    r"^(?:recent|related|more|latest|top|popular|trending|most read|most popular|read also|see also|"
    r"also read|read more|you may also like|editor'?s picks|other news|in other news)"
    r"(?:\s+\w+){0,4}$",
    re.IGNORECASE,
)
_AGO = re.compile(r"\d+\s*(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago\s*$", re.IGNORECASE)
_CHROME = re.compile(
    r"^(?:[-–—•|·*]+|share|tweet|print|email|facebook|twitter|whatsapp|telegram|linkedin|subscribe|"
    r"advertisement|follow us.*|sign up.*|click here.*|copyright.*|©.*|all rights reserved.*|"
    r"photo:.*|image:.*|source:.*|tags?:.*)$",
    re.IGNORECASE,
)
_ENGLISH = frozenset(
    "the of and to in a an is was are were for on with that by at as from has have it this be".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Line:
    """A line of the text: [start, end) offsets, without the newline."""

    start: int
    end: int
    kind: str


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_foreign(line: str) -> bool:
    """A line not in English: other scripts, or Latin text without English function words."""
    if line.isascii():
        return False  # ASCII letters are Latin and unaccented
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 8:
        return False
    non_latin = sum(1 for c in letters if c > "\x7f" and not unicodedata.name(c, "").startswith("LATIN"))
    if non_latin / len(letters) > 0.3:
        return True
    words = [w.lower() for w in _words(line)]
    accented = sum(1 for c in letters if ord(c) > 127)
    return len(words) >= 4 and accented >= 2 and not any(w in _ENGLISH for w in words)


def _is_prose(line: str) -> bool:
    """A line that reads as article prose rather than a headline or a label."""
    words = _words(line)
    if len(words) >= 20:
        return True
    return len(words) >= 8 and line.rstrip().endswith((".", "!", "?", '"', "”", "’"))


def hard_wrapped(lines: list[tuple[int, int, str]]) -> bool:
    """True when the text is wrapped at a fixed width, so a newline is not a break."""
    widths = [len(t) for _, _, t in lines if t.strip()]
    if len(widths) < 8:
        return False
    wrapped = sum(1 for w in widths if 55 <= w <= 80)
    return wrapped / len(widths) >= 0.7 and max(widths) <= 90


def split_lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.rstrip("\r\n")
        out.append((pos, pos + len(stripped), stripped))
        pos += len(raw)
    return out


def classify_lines(text: str, body_start: int = 0, title: str | None = None) -> list[Line]:
    """Classify every line of an article's text.

    Args:
        text: the article text as given.
        body_start: offset where the body starts (after a ``date`` header);
            everything before it is header.
        title: the article's title, if known; the line repeating it is a title.

    Returns:
        One :class:`Line` per line, in order.
    """
    lines = split_lines(text)
    kinds: list[str] = []
    in_body = False  # have we reached the first prose line?
    in_list = False  # are we inside a "Recent Stories" style list?
    norm_title = " ".join(title.split()).lower() if title else None
    for start, end, raw in lines:
        if end <= body_start:
            kinds.append(HEADER)
            continue
        seg = raw[max(0, body_start - start) :] if start < body_start else raw
        line = seg.strip()
        if not line:
            kinds.append(BLANK)
            continue
        if norm_title and " ".join(line.split()).lower() == norm_title:
            kinds.append(TITLE)
            continue
        if _SECTION.match(line) and len(_words(line)) <= 5:
            in_list = True
            kinds.append(BOILERPLATE)
            continue
        if _AGO.search(line) or _CHROME.match(line):
            kinds.append(BOILERPLATE)
            continue
        if is_foreign(line):
            kinds.append(FOREIGN)
            continue
        prose = _is_prose(line)
        if in_list and not (prose and len(_words(line)) >= 25):
            kinds.append(BOILERPLATE)
            continue
        in_list = False
        if not in_body and not prose:
            kinds.append(HEADER)
            continue
        in_body = True
        kinds.append(BODY)
    if not in_body:
        # a text of short lines only (a brief, a single sentence): all of it is body
        kinds = [BODY if k == HEADER and e > body_start else k for k, (s, e, _) in zip(kinds, lines)]
    return [Line(s, e, k) for (s, e, _), k in zip(lines, kinds)]


def line_starts(text: str, lines: list[Line] | None = None) -> list[int]:
    """Offsets where a new sentence must start: every line, unless the text is hard-wrapped.

    In a hard-wrapped text only paragraph breaks (blank lines) count.
    """
    raw = split_lines(text)
    wrapped = hard_wrapped(raw)
    starts, prev_blank = [], True
    for s, _e, t in raw:
        if not t.strip():
            prev_blank = True
            continue
        if not wrapped or prev_blank:
            starts.append(s + (len(t) - len(t.lstrip())))
        prev_blank = False
    return starts


_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_CITY = re.compile(r"[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+){0,3}")
_DL_DATE = re.compile(r"\s*,\s*(" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?)")
_DL_PAREN = re.compile(r"\s*,?\s*\(([^)\n]{1,80})\)")
_DL_COUNTRY = re.compile(r"\s*,\s*([A-Z][a-z][A-Za-z.'\- ]{1,30}?)(?=\s*[,(.\-–—:])")
_DL_SEP = re.compile(r"\s*(--|[-–—:.])")
_DL_STARTS = re.compile(r"(?:^|\n|\s\s)[ \t]*(?=[A-Z][A-Za-z])")
_CITY_TITLE = re.compile(r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2}(?=\s*,)")
_DL_AGENCY = re.compile(r"\s*,\s*([A-Z][A-Za-z]+(?:\.[a-z]{2,3})?)[ \t]*(?=\n|$)")


def find_dateline(text: str, body_start: int = 0, first_body: int | None = None) -> dict | None:
    """The dateline near the top of the body: "BAKU, Azerbaijan, January 21.",
    "DOHA, Nov. 27 (Xinhua) --", "WASHINGTON (Reuters) -", "BAKU (AZERBAIJAN), (APP ...)",
    or on a line of its own as agencies write it, "Baku, March 14, AZERTAC".

    The search runs from ``body_start`` to 400 characters past ``first_body`` (the first
    line of prose, when the dateline line before it is not prose). Returns ``{"city",
    "country_text", "date_text", "date_start", "start", "end"}`` with offsets into
    ``text``, or None. A city in capitals needs a date, an agency in parentheses or a
    dash after it, so "NATO, the EU and ..." is not a dateline; a city in title case
    needs a date and must open a line.
    """
    head = text[body_start : max(first_body or body_start, body_start) + 400]
    for start in _DL_STARTS.finditer(head):
        before = head[: start.end()].rstrip(" \t")
        line_start = not before or before.endswith("\n")
        city = _CITY.match(head, start.end())
        titled = False
        if city is None and line_start:
            city, titled = _CITY_TITLE.match(head, start.end()), True
        if city is None or sum(c.isalpha() for c in city.group()) < 3:
            continue
        pos, country, date, date_at, paren = city.end(), None, None, None, None
        for _ in range(4):
            for pattern in (_DL_DATE, _DL_PAREN, _DL_COUNTRY):
                m = pattern.match(head, pos)
                if m is None:
                    continue
                if pattern is _DL_DATE and date is None:
                    date, date_at = m.group(1), m.start(1)
                elif pattern is _DL_PAREN:
                    paren = paren or m.group(1)
                elif pattern is _DL_COUNTRY and country is None and date is None:
                    country = m.group(1)
                else:
                    continue
                pos = m.end()
                break
            else:
                break
        agency = _DL_AGENCY.match(head, pos) if date else None
        if agency is not None:
            pos = agency.end()  # "Baku, March 14, AZERTAC" ending its line
        sep = _DL_SEP.match(head, pos)
        dash = sep is not None and sep.group(1) != "."
        if titled and not date:
            continue
        if not (date or paren or dash):
            continue
        if date and not (sep or paren or agency):
            continue  # a dateline's date ends with a stop, a dash or an agency
        return {
            "city": city.group().title(),
            "country_text": (country or (paren if paren and paren.isupper() else "")).strip().title() or None,
            "date_text": date,
            "date_start": body_start + date_at if date else None,
            "start": body_start + city.start(),
            "end": body_start + (sep.end() if sep else pos),
        }
    return None
