"""Small helpers several test modules share (imported as ``from helpers import ...``)."""

from __future__ import annotations

import io

from azdiplo.extract import make_doc
from azdiplo.models import Article
from azdiplo.store import Store


def exported(store: Store) -> dict[str, str]:
    """The store's events, articles and mentions as ``export --format jsonl`` writes them."""
    out = {}
    for what in ("events", "articles", "mentions"):
        buf = io.StringIO()
        store.export(what, "jsonl", buf)
        out[what] = buf.getvalue()
    return out


def refs(nlp, text: str, published: str | None) -> list[dict]:
    """The actor references the pipeline finds in ``text``."""
    return nlp(make_doc(nlp, Article(id="t", text=text, published=published)))._.actors


def ref(nlp, text: str, published: str | None, surface: str) -> dict:
    """The last reference whose text is ``surface`` (the test fails, listing them, if none)."""
    found = [r for r in refs(nlp, text, published) if r["text"] == surface]
    assert found, [r["text"] for r in refs(nlp, text, published)]
    return found[-1]
