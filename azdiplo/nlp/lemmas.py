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
    lemmatizer.__class__ = CachedLemmatizer
    lemmatizer.lemmatize = lemmatizer.rule_lemmatize  # bound at its making, to the class it had then
    lemmatizer.lemma_of = {}
    lemmatizer.index_sets = {}
    return True


def _make():
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    class CachedLemmatizer(EnglishLemmatizer):
        """spaCy's English rule lemmatizer; each (orth, pos, morph) lemmatized once per process."""

        lemma_of: dict
        index_sets: dict

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

        def rule_lemmatize(self, token):
            """spaCy's ``Lemmatizer.rule_lemmatize`` line for line, but for the word lists
            of each part of speech (``lemma_index``: lists of up to 57,528 words, each
            candidate form looked for from their start) read as sets: the same forms."""
            string = token.text
            univ_pos = token.pos_.lower()
            if univ_pos in ("", "eol", "space"):
                return super().rule_lemmatize(token)  # its warning, uncached
            if self.is_base_form(token):
                return [string.lower()]
            index_table = self.lookups.get_table("lemma_index", {})
            exc_table = self.lookups.get_table("lemma_exc", {})
            rules_table = self.lookups.get_table("lemma_rules", {})
            if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
                return [string] if univ_pos == "propn" else [string.lower()]
            index = self.index_sets.get(univ_pos)
            if index is None:
                index = self.index_sets[univ_pos] = frozenset(index_table.get(univ_pos, {}))
            exceptions = exc_table.get(univ_pos, {})
            rules = rules_table.get(univ_pos, {})
            orig = string
            string = string.lower()
            forms = []
            oov_forms = []
            for old, new in rules:
                if string.endswith(old):
                    form = string[: len(string) - len(old)] + new
                    if not form:
                        pass
                    elif form in index or not form.isalpha():
                        if form in index:
                            forms.insert(0, form)
                        else:
                            forms.append(form)
                    else:
                        oov_forms.append(form)
            forms = list(dict.fromkeys(forms))
            for form in exceptions.get(string, []):
                if form not in forms:
                    forms.insert(0, form)
            if not forms:
                forms.extend(oov_forms)
            if not forms:
                forms.append(orig)
            return forms

    return CachedLemmatizer


CachedLemmatizer = _make()
