"""Article text made safe for other formats: no control characters.

Article text can hold terminal escapes and other control characters. XML 1.0
(GraphML, GEXF) cannot hold most of them at all, and no reader of a report,
a map or a spreadsheet wants them: every export writes text through
:func:`clean`, which drops C0 controls but tab and newline, DEL and the C1
controls (``\\x9b`` starts a terminal escape as ``\\x1b[`` does), and the
two non-characters XML forbids.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


def clean(value):
    """``value`` without control characters (escape sequences dropped whole); non-strings as they are."""
    if not isinstance(value, str):
        return value
    if "\x1b" in value:
        value = _ESCAPE.sub("", value)
    return _CONTROL.sub("", value)
