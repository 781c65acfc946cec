"""From articles to plain results: the only place a spaCy Doc turns into data.

:func:`extract` runs the pipeline over articles in batches (``nlp.pipe``) and
yields one :class:`ArticleResult` per article: its entities, dates and event
mentions as plain values (see :mod:`azdiplo.models`). Nothing spaCy leaves
this module.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .models import Article, Mention


@dataclass
class ArticleResult:
    """What the pipeline found in one article."""

    article: Article
    entities: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    explain: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)  # one per identity, with the forms seen
    #: people the article introduces with a title and a state, for the store to learn
    #: (azdiplo/learned.py): name, country, role, sector, text, start, end
    lessons: list[dict] = field(default_factory=list)

    def stored_meta(self) -> dict:
        """The article's row in the store: its metadata and the actors it names."""
        return {**self.article.meta(), "actors": self.actors}

    def to_dict(self, *, explain: bool = False) -> dict:
        meta = self.article.meta()
        out = {
            "article": {k: meta[k] for k in ("id", "title", "published", "published_from", "path", "source_id", "url")},
            "entities": self.entities,
            "dates": self.dates,
            "mentions": [m.to_dict() for m in self.mentions],
            "actors": self.actors,
            "lessons": self.lessons,
        }
        if explain:
            out["explain"] = self.explain
        return out


def make_doc(nlp, article: Article):
    """A tokenized Doc carrying the article context the components need."""
    doc = nlp.make_doc(article.text)
    # the text the tokenizer split (it keeps every character), for the components to read
    # instead of Doc.text, which joins every token at each access (see nlp.columns.doc_text)
    doc.user_data[("azdiplo", "text")] = article.text
    doc._.published = article.published
    doc._.body_start = article.body_start
    doc._.title = article.title
    doc._.article_id = article.id
    return doc


def result_of(doc, article: Article) -> ArticleResult:
    """Turn an annotated Doc into plain values."""
    doc.user_data.pop(("azdiplo", "doc_actors"), None)  # left by the people component if events did not run
    cols = doc.user_data.pop(("azdiplo", "columns"), None)  # what the components read (nlp.columns)
    text = doc.user_data.pop(("azdiplo", "text"), None)
    if text is None:
        text = doc.text
    entities = [
        {
            "text": text[ent.start_char:ent.end_char],  # Span.text, without joining its tokens
            "start": ent.start_char,
            "end": ent.end_char,
            "label": ent.label_,
            "id": ent.ent_id_ or None,
        }
        for ent in (cols.ents if cols is not None else doc.ents)
        if ent.start_char >= article.body_start
    ]
    dates = [t for t in (doc._.timexes or []) if t["start"] >= article.body_start]
    mentions = [Mention.from_dict(m) for m in (doc._.events or [])]
    body = [(s, e) for s, e, kind in (doc._.layout or []) if kind == "body"]
    dateline = doc._.dateline or {}
    refs = []
    for r in (doc._.actors or []) if body else ():
        at = doc[r["start"]].idx  # where the reference starts: looked up once, not once per body line
        if any(s <= at <= e for s, e in body) and not (dateline and dateline["start"] <= at < dateline["end"]):
            refs.append(r)
    explain = doc._.explain or []
    lessons = _lessons(doc, refs)
    if article.offsets is not None:
        _to_given(article, entities, dates, mentions, [*explain, *lessons])
    return ArticleResult(article, entities, dates, mentions, explain, _actors(refs), lessons)


def _lessons(doc, refs: list[dict]) -> list[dict]:
    """What the article teaches: the people it introduces with a title and a state, once each."""
    out: dict[str, dict] = {}
    for r in refs:
        if not r.get("lesson"):
            continue
        span = doc[r["lesson"][0] : r["lesson"][1]]
        out.setdefault(r["name"], {"name": r["name"], "country": r["country"], "role": r["role"],
                                   "sector": r.get("sector"), "text": span.text,
                                   "start": span.start_char, "end": span.end_char})
    return list(out.values())


def _to_given(article: Article, entities: list[dict], dates: list[dict], mentions: list[Mention],
              explain: list[dict]) -> None:
    """Offsets into the cleaned text -> offsets into the text as given (see ``azdiplo.sanitize``)."""
    for m in mentions:
        m.start, m.end = article.given(m.start), article.given(m.end)
        m.trigger_start, m.trigger_end = article.given(m.trigger_start), article.given(m.trigger_end)
    for d in (*entities, *dates, *explain):
        for key in ("start", "end"):
            if isinstance(d.get(key), int):
                d[key] = article.given(d[key])


def _actors(refs: list[dict]) -> list[dict]:
    """The article's actor references folded into one entry per identity."""
    out: dict[str, dict] = {}
    for r in refs:
        key = r.get("id") or r["name"].lower()
        entry = out.setdefault(key, {"key": key, "name": r["name"], "kind": r["kind"], "id": r.get("id"),
                                     "role": None, "country": None, "sector": None, "code": None,
                                     "organization": None, "texts": []})
        for attr in ("role", "country", "sector", "code", "organization"):
            if entry[attr] is None and r.get(attr):
                entry[attr] = r[attr]
        if r["text"] not in entry["texts"]:
            entry["texts"].append(r["text"])
    return sorted(out.values(), key=lambda e: e["key"])


def extract(nlp, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[ArticleResult]:
    """Run the pipeline over ``articles``, streaming, in order."""
    pending: deque[Article] = deque()

    def docs() -> Iterator:
        for article in articles:
            pending.append(article)
            yield make_doc(nlp, article)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield result_of(doc, pending.popleft())


def article_rows(nlp, articles: Iterable[Article], *, explain: bool = False) -> Iterator[dict]:
    """What ``azdiplo extract`` prints for each article: its findings and its mentions
    merged into events (``events`` as ``azdiplo events --format json`` prints them)."""
    from .merge import merge
    from .nlp.pipeline import resident

    with resident():
        for result in extract(nlp, articles):
            row = result.to_dict(explain=explain)
            row["events"] = [e.to_dict() for e in merge(result.mentions, {result.article.id: result.article.meta()})]
            yield row
