"""Which legacy code page an article that is not UTF-8 was written in.

A byte above 127 means a different letter in each code page: 0xF1 is "ñ" in
cp1252 (latin-1) and "ń" in cp1250. A statistical detector needs more text
than a short article gives to tell them apart (charset-normalizer reads a
Spanish article in latin-1 as cp1250: "Peña" becomes "Peńa"). azdiplo decodes
the bytes with each code page of ``data/alphabets.json`` and keeps the one
whose text reads as one of that code page's languages: its letters beyond
ASCII are that language's letters, words are in lower, upper or title case,
and punctuation beyond ASCII stands where punctuation stands ("¿" opens a
word, "³" never sits inside one). Text that reads as none of them (Greek,
Turkish, Japanese...) goes to charset-normalizer.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

#: how much of the text is judged: enough words, a bounded cost
_SAMPLE_CHARS = 65_536
#: the share of characters beyond ASCII that must read right for a code page to be trusted
_TRUSTED = 0.9
_LETTERS = re.compile(r"[^\W\d_]+")
_OTHER = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Guess:
    """A code page, the language its text reads most as, and the share of characters beyond ASCII that read right."""

    encoding: str
    language: str | None
    score: float


@functools.cache
def _table() -> dict:
    data = json.loads(resources.files("azdiplo").joinpath("data", "alphabets.json").read_text(encoding="utf-8"))
    languages = {code: frozenset(lang["letters"]) for code, lang in data["languages"].items()}
    names = {code: lang["name"] for code, lang in data["languages"].items()}
    encodings = {enc: [(code, languages[code]) for code in codes] for enc, codes in data["encodings"].items()}
    punct = {k: frozenset(v) for k, v in data["punctuation"].items()}
    return {"encodings": encodings, "names": names, "punct": punct}


def guess(data: bytes) -> Guess | None:
    """The code page of ``data`` (not UTF-8) whose text reads best, or None when none reads right."""
    table = _table()
    best: tuple | None = None
    for rank, (encoding, languages) in enumerate(table["encodings"].items()):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score, union, language = _score(text[:_SAMPLE_CHARS], languages, table["punct"])
        # first what reads as the code page's languages at all (an English article quoting a Polish and a
        # Spanish name), then as one language (Spanish reads as cp1250's Czech and Polish letters together)
        key = (union, score, -rank)
        if best is None or key > best[0]:
            best = (key, Guess(encoding, table["names"].get(language), union))
    if best is None or best[1].score < _TRUSTED:
        return None
    return best[1]


def _score(text: str, languages: list[tuple[str, frozenset]], punct: dict) -> tuple[float, float, str | None]:
    """(share read right as the best language, share read right as any of them, the best language)."""
    letters = 0
    hits = dict.fromkeys((code for code, _ in languages), 0)
    union = frozenset().union(*(alphabet for _, alphabet in languages))
    union_hits = 0
    for m in _LETTERS.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        # a word reads in lower, upper or title case ("нЙОЙУФТ" is KOI8-R read as cp1251), and in one
        # script ("Tьrkiye" is Turkish cp1254 read as cp1251)
        cased = word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
        mixed = any(c.isascii() for c in word)
        for c in word:
            if c.isascii():
                continue
            letters += 1
            if not cased or mixed and not unicodedata.name(c, "").startswith("LATIN"):
                continue
            lc = c.lower()
            union_hits += lc in union
            for code, alphabet in languages:
                if lc in alphabet:
                    hits[code] += 1
    others = good_others = 0
    end = len(text)
    for m in _OTHER.finditer(text):
        c = m.group()
        if c.isalpha():
            continue
        others += 1
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < end else " "
        good_others += _placed_right(c, before, after, punct)
    total = letters + others
    if not total:
        return 1.0, 1.0, None
    language = max(hits, key=lambda k: hits[k]) if hits else None
    best = hits[language] if language else 0
    return (best + good_others) / total, (union_hits + good_others) / total, language


def _placed_right(c: str, before: str, after: str, punct: dict) -> bool:
    """Whether a character beyond ASCII that is no letter stands where punctuation stands."""
    if c in punct["spaces"]:
        return True
    if before.isalpha() and after.isalpha():
        return c in punct["inside_words"]
    if after.isalpha():
        return c in punct["openers"]
    return c in punct["others"] or c in punct["openers"] or c in punct["inside_words"]
