"""A parsed Doc's token strings as plain lists, read once per Doc.

``doc[i]`` and ``for tok in doc`` make a new Token object each time: a
component that walks every token to find the few it wants (the word "the",
a capitalised proper noun, a title word) pays for all of them. These lists
hold what ``Token.text``, ``Token.lower_`` and ``Token.pos_`` give, built from
the Doc's arrays once, and ``doc.ents`` as a list (its getter makes a Span of
each entity at every access), kept in ``doc.user_data`` until
:func:`azdiplo.extract.result_of` removes them. Only components after the
entity ruler may read them: the model sets the parts of speech, the NER and
the ruler the entities, and no later component changes either.
"""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

from spacy.attrs import LOWER, ORTH, POS
from spacy.tokens import Span

#: doc.user_data key of a Doc's columns
KEY = ("azdiplo", "columns")
#: doc.user_data key of the Doc's text: spaCy joins Doc.text (and Span.text) from every
#: token at each access; :func:`azdiplo.extract.make_doc` leaves the article's text here
#: (the tokenizer keeps every character: the same string), and :func:`doc_text` reads it
TEXT = ("azdiplo", "text")


def doc_text(doc) -> str:
    """``doc.text``, joined from the tokens at most once per Doc. A span's text is
    ``doc_text(doc)[span.start_char:span.end_char]``, without making a Token of each word."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


class Entity(Span):
    """One of ``doc.ents``, whose text and entity id are read once: each ``Span.text``
    makes a Token of every word it joins, each ``Span.ent_id_`` one of its root. The
    entities are final once the columns are built (see above)."""

    @cached_property
    def text(self) -> str:
        return doc_text(self.doc)[self.start_char:self.end_char]

    @cached_property
    def ent_id_(self) -> str:
        return Span.ent_id_.__get__(self)


class Columns(NamedTuple):
    text: list[str]  # Token.text
    lower: list[str]  # Token.lower_
    pos: list[str]  # Token.pos_
    ents: list[Entity]  # doc.ents, as Entity spans


def columns(doc) -> Columns:
    """The Doc's token strings, built at the first call and kept on the Doc."""
    cols = doc.user_data.get(KEY)
    if cols is None or len(cols.text) != len(doc):
        strings = doc.vocab.strings
        array = doc.to_array([ORTH, LOWER, POS])
        lookup = strings.__getitem__
        cols = Columns(
            list(map(lookup, array[:, 0].tolist())),
            list(map(lookup, array[:, 1].tolist())),
            list(map(lookup, array[:, 2].tolist())),
            [Entity(doc, e.start, e.end, label=e.label, kb_id=e.kb_id, span_id=e.id) for e in doc.ents],
        )
        doc.user_data[KEY] = cols
    return cols
