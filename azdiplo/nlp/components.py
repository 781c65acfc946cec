"""azdiplo's registered spaCy components: thin wrappers over plain algorithms.

Each component is a ``make_*`` factory plus a small class that declares what
it assigns; the algorithms live in :mod:`azdiplo.layout`,
:mod:`azdiplo.nlp.people`, :mod:`azdiplo.nlp.temporal` and
:mod:`azdiplo.nlp.events`. Results are written to ``Doc._`` attributes as
plain dicts and lists, so Docs survive multiprocessing and serialization.

Before the pipeline runs, the caller sets ``doc._.published`` (ISO date),
``doc._.body_start``, ``doc._.title`` and ``doc._.article_id`` on a Doc made
with ``nlp.make_doc`` (see :func:`azdiplo.extract.make_doc`).
"""

from __future__ import annotations

import datetime as dt

import numpy

from spacy.attrs import IDX
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc
from spacy.util import registry

from .. import layout as layout_mod
from .. import lexicon
from ..actors import ActorIndex, keeps_casing
from .columns import doc_text
from .events import EventFinder, dateline_of
from .people import DocActors, region_patterns
from .temporal import find_timexes

_ATTRS = ("published", "body_start", "title", "article_id", "layout", "dateline", "actors", "timexes", "events", "explain")
for _name in _ATTRS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


#: doc.user_data key under which the people component leaves its DocActors for the
#: events component, which removes it (only plain values stay on a Doc)
_DOC_ACTORS = ("azdiplo", "doc_actors")

def _published(doc) -> dt.date | None:
    value = doc._.published
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@registry.misc("azdiplo.actors.v1")
def make_actor_patterns(actors_files: list[str] = []):  # noqa: B006 - a config default
    """The entity-ruler patterns of the actor dictionary (packaged + user files), one per form
    for a ruler matching on LOWER (:meth:`ActorIndex.ruler_patterns`)."""

    def get() -> list[dict]:
        # regions go in as LOC too, so that "South China Sea" is not read as "China"
        regions = {(p["label"], p["id"], p["pattern"].lower()): p for p in reversed(region_patterns())}
        return ActorIndex.load([*actors_files]).ruler_patterns()[0] + list(regions.values())

    return get


def actor_patterns(actors_files: list[str]) -> list[dict]:
    return make_actor_patterns(actors_files)()


@Language.factory(
    "azdiplo_actor_ruler",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={"actors_files": [], "overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
)
def make_actor_ruler(nlp: Language, name: str, actors_files: list[str], overwrite_ents: bool,
                     phrase_matcher_attr: str):
    return ActorRuler(nlp, name=name, overwrite_ents=overwrite_ents, phrase_matcher_attr=phrase_matcher_attr,
                      validate=False, casing=ActorIndex.load(actors_files).ruler_patterns()[1])


class ActorRuler(EntityRuler):
    """spaCy's ``entity_ruler`` on the LOWER attribute, whose matches must also be in a casing
    their form allows: "Turkey" and "US" count only as written ("roast turkey", "join us"
    name nobody, and leave the model's entity where it was). One pattern per form instead of
    one per casing: a quarter of the patterns to tokenize at start-up."""

    def __init__(self, nlp: Language, *, casing: dict, **config):
        super().__init__(nlp, **config)
        self.casing = casing

    def _require_patterns(self) -> None:
        # spaCy's counts every pattern of the dictionary at each document (len(self)) to
        # warn when there are none: whether any list holds one is the same answer
        if not any(self.phrase_patterns.values()) and not any(self.token_patterns.values()):
            super()._require_patterns()

    def match(self, doc: Doc):
        matches = super().match(doc)
        ids = self._ent_ids
        return [(m, s, e) for m, s, e in matches
                if m not in ids or keeps_casing(self.casing, ids[m][1], [t.text for t in doc[s:e]])]


@Language.factory(
    "azdiplo_layout",
    assigns=["token.is_sent_start", "doc._.layout", "doc._.dateline"],
    default_config={},
)
def make_layout(nlp: Language, name: str):
    return LayoutComponent()


class LayoutComponent:
    """Marks which lines are the article and starts a sentence at every line."""

    def __call__(self, doc: Doc) -> Doc:
        body_start = doc._.body_start or 0
        text = doc_text(doc)
        lines = layout_mod.classify_lines(text, body_start, doc._.title)
        starts = set(layout_mod.line_starts(text)) | {body_start}
        # the tokens at a line start, found in the offset column (a Python loop over every token costs more)
        offsets = doc.to_array(IDX)
        for i in numpy.flatnonzero(numpy.isin(offsets, list(starts))).tolist():
            tok = doc[i]
            if i and not tok.is_space:
                tok.is_sent_start = True
        doc._.layout = [[ln.start, ln.end, ln.kind] for ln in lines if ln.kind != layout_mod.BLANK]
        doc._.dateline = dateline_of(text, body_start, _first_body(lines, body_start), _published(doc))
        if doc._.dateline:
            # "DOHA, Nov. 27 (Xinhua) -- The minister met ...": the lede starts after the dateline
            after = doc.char_span(doc._.dateline["end"], len(text), alignment_mode="expand")
            first = next((t for t in after if not t.is_space), None) if after is not None else None
            if first is not None and first.i:
                first.is_sent_start = True
        return doc


def _first_body(lines, body_start: int) -> int:
    for ln in lines:
        if ln.kind == layout_mod.BODY:
            return max(ln.start, body_start)
    return body_start


@Language.factory(
    "azdiplo_people",
    assigns=["doc._.actors"],
    requires=["doc.ents"],
    default_config={"actors_files": [], "learned_file": ""},
)
def make_people(nlp: Language, name: str, actors_files: list[str], learned_file: str):
    return PeopleComponent(ActorIndex.load(actors_files, learned=learned_file or None))


class PeopleComponent:
    """Actors with roles, affiliations and in-article references (see :mod:`azdiplo.nlp.people`)."""

    def __init__(self, index: ActorIndex):
        self.index = index

    def __call__(self, doc: Doc) -> Doc:
        actors = DocActors(doc, self.index)
        doc._.actors = [r.to_dict() for r in actors.refs]
        # the events component needs the same analysis: hand it over rather than build it twice
        doc.user_data[_DOC_ACTORS] = actors
        return doc


@Language.factory("azdiplo_dates", assigns=["doc._.timexes"], requires=["doc.ents"], default_config={})
def make_dates(nlp: Language, name: str):
    return DatesComponent()


class DatesComponent:
    """Temporal expressions as TIMEX3 values anchored on ``doc._.published``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = [t.to_dict() for t in find_timexes(doc, _published(doc), text=doc_text(doc))]
        return doc


@Language.factory(
    "azdiplo_events",
    assigns=["doc._.events", "doc._.explain"],
    requires=["doc._.layout", "doc._.timexes", "doc.ents", "token.dep"],
    default_config={"actors_files": [], "learned_file": ""},
)
def make_events(nlp: Language, name: str, actors_files: list[str], learned_file: str):
    return EventsComponent(ActorIndex.load(actors_files, learned=learned_file or None), lexicon.load())


class EventsComponent:
    """Event mentions: triggers, participants, status, date, place (see :mod:`azdiplo.nlp.events`)."""

    def __init__(self, index: ActorIndex, lex: lexicon.Lexicon):
        self.index = index
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        actors = doc.user_data.pop(_DOC_ACTORS, None)
        if actors is None or actors.index is not self.index or actors.doc is not doc:
            actors = DocActors(doc, self.index)
        finder = EventFinder(
            doc,
            actors,
            self.lex,
            timexes=doc._.timexes or [],
            published=_published(doc),
            layout=doc._.layout or [],
            article_id=doc._.article_id or "",
            dateline=doc._.dateline,
        )
        doc._.events = [m.to_dict() for m in finder.find()]
        doc._.explain = finder.explain
        return doc
