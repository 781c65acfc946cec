"""The model's lemmatizer answering from a table (nlp/lemmas.py): spaCy's lemmas, unchanged."""

from __future__ import annotations

import pytest

from azdiplo.nlp import pipeline

# written for this test: plurals, tenses, comparatives, names, contractions, numbers, made-up words
SENTENCES = [
    "The ministers were meeting their counterparts in two capitals on Tuesday.",
    "She has said that the talks went better than the envoys had hoped.",
    "Officials didn't rule out further sanctions, and the negotiators aren't leaving.",
    "The foreign ministers of Ruritania and Freedonia signed three agreements.",
    "Protesters gathered outside the embassies; police arrested dozens of them.",
    "He is visiting Paris, then flies to Brasilia to meet the president's aides.",
    "Its exports fell 4.5 percent in 1998, the lowest since the crises of the 1970s.",
    "The frobnicating blorgs quickly glimmered over the wettest, happiest children.",
    "Leaders agreed: the ceasefire begins at noon, troops withdraw by mid-March.",
    "Analysts say bigger banks are lending less, while smaller ones lend more.",
]


@pytest.fixture(scope="module")
def both():
    nlp = pipeline.build()
    plain = pipeline.load_model()  # the model alone: spaCy's own lemmatizer
    return nlp, plain


def lemmas(nlp, texts):
    return [[(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc] for doc in nlp.pipe(texts)]


def test_the_same_lemmas_as_spacys_lemmatizer(both):
    nlp, plain = both
    assert lemmas(nlp, SENTENCES) == lemmas(plain, SENTENCES)
    # each text again, one at a time and in reverse order: the table answers the same
    assert [lemmas(nlp, [s])[0] for s in reversed(SENTENCES)] == lemmas(plain, list(reversed(SENTENCES)))


def test_a_word_seen_before_is_not_lemmatized_again(both, monkeypatch):
    nlp, plain = both
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmas(nlp, SENTENCES)
    assert lemmatizer.lemma_of, "the pipeline's lemmatizer keeps no table"

    def never(token):
        raise AssertionError(f"lemmatized again: {token.text}")

    monkeypatch.setattr(lemmatizer, "lemmatize", never)
    assert lemmas(nlp, SENTENCES) == lemmas(plain, SENTENCES)


def test_a_lemma_set_before_the_lemmatizer_is_kept(both):
    nlp, plain = both
    # the attribute ruler gives some words their lemma; the lemmatizer must not replace it
    text = "I'm sure they're right, and we'll see."
    assert lemmas(nlp, [text]) == lemmas(plain, [text])
