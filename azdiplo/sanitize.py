"""Text that cannot act on a terminal or hide inside a name.

Two uses of one definition of a control character:

- :func:`normalize` cleans an article's text once, at reading: Unicode NFC,
  line breaks as ``\\n`` (CR LF as a space and ``\\n``), terminal escape sequences and other control
  characters removed (a space where they glued two words), invisible format
  characters (soft hyphen, zero-width space, bidirectional overrides, byte
  order mark) removed. Everything downstream (names, places, evidence,
  sentences) comes from the clean text. An :class:`OffsetMap` takes an offset
  in the clean text back to the text as given, so that every offset azdiplo
  prints points into the file as it is.
- :func:`printable` makes any string safe to print on a terminal (a path, a
  title or text stored by an older azdiplo): control characters become
  visible escapes such as ``\\x1b``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

#: a terminal escape sequence (CSI, OSC, DCS/SOS/PM/APC, or a two-byte one), or a lone ESC;
#: an unterminated string sequence stops at the end of the line
_ESCAPE = r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|[PX^_][^\x1b\n]*(?:\x1b\\)?|[ -/]*[0-~])?"
#: C0 controls but tab and line feed, DEL, C1 controls
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
#: invisible format characters that split or disguise words: soft hyphen, zero-width space,
#: left-to-right/right-to-left marks, bidirectional embeddings, overrides and isolates, word
#: joiner and invisible operators, deprecated format characters, byte order mark, annotation marks.
#: (Zero-width joiners stay: scripts and emoji need them.)
_INVISIBLE = "\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
#: characters that end a line
_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"

_SUSPECT = re.compile(f"[{_CONTROL}{_INVISIBLE}\u2028\u2029]")
_DIRTY = re.compile(f"(?P<esc>{_ESCAPE})|(?P<crlf>\r\n)|(?P<br>[{_BREAKS}])|(?P<ctl>[{_CONTROL}])|(?P<inv>[{_INVISIBLE}])")
#: the same, plus a run of non-ASCII characters with the character before it (a unit NFC may change)
_DIRTY_NFC = re.compile(_DIRTY.pattern + r"|(?P<run>[\x00-\x7f]?[^\x00-\x7f]+)")
_UNIT_TABLE = {**{c: None for c in range(0x80, 0xA0)}, 0x85: "\n", 0x2028: "\n", 0x2029: "\n"}
_UNIT_TABLE.update({ord(c): None for c in "\u00ad\u200b\u200e\u200f\ufeff"})
_UNIT_TABLE.update({c: None for lo, hi in ((0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFFF9, 0xFFFB))
                    for c in range(lo, hi + 1)})


@dataclass(frozen=True)
class OffsetMap:
    """Offsets in a cleaned text -> offsets in the text as given.

    A piecewise shift: from ``starts[k]`` on, an offset moves by
    ``shifts[k]``. The offset just after a rewritten run (an escape sequence
    removed, letters composed) maps just after it in the text as given, so
    every token and sentence boundary maps exactly; an offset that falls
    where characters were removed maps after them.
    """

    starts: tuple[int, ...]
    shifts: tuple[int, ...]

    def given(self, offset: int) -> int:
        k = bisect.bisect_right(self.starts, offset) - 1
        return offset + (self.shifts[k] if k >= 0 else 0)


def normalize(text: str) -> tuple[str, OffsetMap | None]:
    """The clean text of an article and the map back to ``text``; no map when no offset moved.

    NFC; CR LF becomes a space and ``\\n`` (in place), CR, VT, FF, NEL and
    the Unicode line and paragraph separators ``\\n``; escape sequences and other control
    characters are removed, replaced by one space when they stood between
    two visible characters; invisible format characters are removed. Tabs
    and line feeds stay.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", " \n")  # Windows line ends, in place: same length, no offset moves
    if not _SUSPECT.search(text) and unicodedata.is_normalized("NFC", text):
        return text, None
    clean, offsets = _rewrite(text, _DIRTY)
    if not unicodedata.is_normalized("NFC", clean):
        clean, offsets = _rewrite(text, _DIRTY_NFC)
    return clean, offsets


def _rewrite(text: str, pattern: re.Pattern) -> tuple[str, OffsetMap | None]:
    pieces: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    pos = out = shift = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        kind = m.lastgroup
        if kind == "run":
            unit = m.group()
            new = unicodedata.normalize("NFC", unit.translate(_UNIT_TABLE))
            if new == unit:
                continue
        elif kind in ("crlf", "br"):
            new = "\n"
        elif kind == "inv":
            new = ""
        else:  # an escape sequence or a control character: keep two words apart, add no space
            before = text[s - 1] if s else " "
            after = text[e] if e < len(text) else " "
            new = "" if before.isspace() or after.isspace() or _DIRTY.match(text, e) else " "
        pieces.append(text[pos:s])
        out += s - pos
        pieces.append(new)
        out += len(new)
        pos = e
        if e - out != shift:
            shift = e - out
            if starts and starts[-1] == out:
                shifts[-1] = shift
            else:
                starts.append(out)
                shifts.append(shift)
    pieces.append(text[pos:])
    return "".join(pieces), (OffsetMap(tuple(starts), tuple(shifts)) if starts else None)


_SHOWN = re.compile(f"[{_CONTROL}{_INVISIBLE}\u2028\u2029]")
_SHOWN_ALL = re.compile(f"[\t\n{_CONTROL}{_INVISIBLE}\u2028\u2029]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def printable(text: str, *, newlines: bool = True) -> str:
    """``text`` safe for a terminal: control and invisible characters shown as escapes (``\\x1b``, ``\\u202e``).

    Line feeds and tabs stay, unless ``newlines`` is false: then they are
    shown as ``\\n`` and ``\\t`` too (a value that must stay on one line).
    """
    pattern = _SHOWN if newlines else _SHOWN_ALL
    return pattern.sub(_escape, text) if pattern.search(text) else text


def _escape(m: re.Match) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
