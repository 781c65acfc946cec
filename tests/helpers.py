"""Small helpers several test modules share (imported as ``from helpers import ...``)."""

from __future__ import annotations

import io

from azdiplo.corpus import make_article
from azdiplo.extract import extract, make_doc
from azdiplo.merge import merge
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


def extract_one(nlp, text: str, published: str = "2025-03-14"):
    """The merged events (as dicts) of one article made of ``text``, and its extraction result."""
    article = make_article(text, article_id="t", record_published=published)
    (result,) = list(extract(nlp, [article]))
    return [e.to_dict() for e in merge(result.mentions, {article.id: article.meta()})], result


def reasons(result) -> list[str]:
    """What --explain gives as the reason for each candidate."""
    return [d["why"] for s in result.explain for d in s["decisions"]]


def explained(result, words: str) -> bool:
    """Whether --explain gives ``words`` as the reason for some candidate."""
    return any(words in why for why in reasons(result))
