"""The model's rule lemmatizer, the same lemmas from a table of those already made.

spaCy's English lemmatizer (``mode = "rule"``) makes each token's lemma from
its text, its part of speech and its morphology only (and the model's fixed
tables): it reads them through a new ``Token`` and ``MorphAnalysis`` of every
word, and remembers its answers only for the words its rules change. Here
each Doc's columns are read at once (``Doc.to_array``), the lemma of every
(text, part of speech, morphology) already seen comes from a table, and only
a new one asks the model's own ``lemmatize``; the lemmas are written back in
one ``Doc.from_array``. A token that already has a lemma (set by the
attribute ruler) keeps it, as in spaCy's ``Lemmatizer.__call__``.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS

_COLUMNS = [ORTH, POS, MORPH, LEMMA]


def cached(lemmatizer) -> bool:
    """Make the model's rule lemmatizer ``lemmatizer`` answer from a table (in place).

    Only spaCy's own rule lemmatizers that keep a token's earlier lemma
    (``overwrite = False``) are changed; returns whether this one was."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    if type(lemmatizer) is not EnglishLemmatizer or lemmatizer.mode != "rule" or lemmatizer.overwrite:
        return False
    # spaCy's rule_lemmatize asks "form in index" of each part of speech's word list
    # (up to 57,528 words, searched from the start): the same lists as sets give the
    # same answers at once
    index_table = lemmatizer.lookups.get_table("lemma_index", {})
    for pos in list(index_table.keys()):
        index_table[pos] = frozenset(index_table[pos])
    lemmatizer.__class__ = CachedLemmatizer
    lemmatizer.lemma_of = {}
    return True


def _make():
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    class CachedLemmatizer(EnglishLemmatizer):
        """spaCy's English rule lemmatizer; each (orth, pos, morph) lemmatized once per process."""

        lemma_of: dict

        def __call__(self, doc):
            if not self._validated:
                self._validate_tables()
            if not len(doc):
                return doc
            error_handler = self.get_error_handler()
            try:
                columns = doc.to_array(_COLUMNS)
                rows = columns.tolist()
                lemma_of = self.lemma_of
                changed = False
                for i, (orth, pos, morph, lemma) in enumerate(rows):
                    if lemma:
                        continue
                    key = (orth, pos, morph)
                    lemma = lemma_of.get(key)
                    if lemma is None:
                        lemma = lemma_of[key] = self.vocab.strings.add(self.lemmatize(doc[i])[0])
                    columns[i, 3] = lemma
                    changed = True
                if changed:
                    doc.from_array([LEMMA], columns[:, 3])
                return doc
            except Exception as e:
                error_handler(self.name, self, [doc], e)

    return CachedLemmatizer


CachedLemmatizer = _make()
