"""The report as one self-contained HTML file: template, style, script and data inlined.

Nothing is fetched when the file is opened: the script, the style, the data
and the world outline are in the page, and a Content-Security-Policy lets
only that script (by its SHA-256) and that style run, and no request leave
(``default-src 'none'``). Article text never becomes markup: it travels as
gzip-compressed JSON in base64 inside ``<script type="application/json">``
(nothing there but letters, digits, ``+``, ``/`` and ``=``, so nothing can
close the element; a quarter of the bytes of plain JSON, which a browser
reads and parses faster), and the script writes it into text nodes only. The one value put into the HTML here, the title, goes
through ``html.escape``.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
from importlib import resources
from typing import Any

import re

import orjson

_SLOT = re.compile(r"\{\{(csp|title|style|data|script)\}\}")


def pack(value: Any) -> str:
    """The data as the page carries it: gzip-compressed JSON in base64 (only ``[A-Za-z0-9+/=]``)."""
    return base64.b64encode(gzip.compress(orjson.dumps(value), compresslevel=6, mtime=0)).decode("ascii")


def unpack(text: str) -> Any:
    """The data back from :func:`pack`'s text (for tests and tools)."""
    return orjson.loads(gzip.decompress(base64.b64decode(text.strip())))


def _asset(name: str) -> str:
    return resources.files("azdiplo").joinpath(f"report/{name}").read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def render(payload: dict[str, Any]) -> str:
    """The whole HTML document for a payload from ``payload.build``."""
    script, style = _asset("report.js"), _asset("report.css")
    csp = (f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    parts = {
        "csp": html.escape(csp, quote=False),  # no " in a policy; single quotes stay readable
        "title": html.escape(payload["title"], quote=True),
        "style": style,
        "data": pack(payload),
        "script": script,
    }
    # one pass over the template: a "{{script}}" inside the data is data, never a slot
    return _SLOT.sub(lambda m: parts[m.group(1)], _asset("template.html"))
