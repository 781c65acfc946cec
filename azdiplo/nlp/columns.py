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

from typing import NamedTuple

from spacy.attrs import LOWER, ORTH, POS

#: doc.user_data key of a Doc's columns
KEY = ("azdiplo", "columns")


class Columns(NamedTuple):
    text: list[str]  # Token.text
    lower: list[str]  # Token.lower_
    pos: list[str]  # Token.pos_
    ents: list  # doc.ents


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
            list(doc.ents),
        )
        doc.user_data[KEY] = cols
    return cols
