"""The model's attribute ruler and lemmatizer answering from tables (nlp/attribute_rules.py,
nlp/lemmas.py): spaCy's own attributes and lemmas, unchanged."""

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
    # the attribute ruler's rules of several tokens and of whitespace
    "There are talks, and there's hope; y'all ain't gonna believe it.  Let's go.\n\nC'mon, it gets better.",
    "We got ta leave, he said. It's what they'd wanted, isn't it?",
]


@pytest.fixture(scope="module")
def both():
    nlp = pipeline.build()
    plain = pipeline.load_model()  # the model alone: spaCy's own lemmatizer
    return nlp, plain


def lemmas(nlp, texts):
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.norm_) for t in doc] for doc in nlp.pipe(texts)]


def test_the_same_attributes_and_lemmas_as_spacys_components(both):
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


def test_a_token_seen_before_is_not_matched_again(both, monkeypatch):
    nlp, plain = both
    ruler = nlp.get_pipe("attribute_ruler")
    lemmas(nlp, SENTENCES)
    assert ruler.rules_of, "the pipeline's attribute ruler keeps no table"

    def never(row):
        raise AssertionError(f"matched again: {row}")

    monkeypatch.setattr(ruler, "rules", never)
    assert lemmas(nlp, SENTENCES) == lemmas(plain, SENTENCES)


def test_rules_of_several_tokens_still_apply(both):
    nlp, plain = both
    ruler = nlp.get_pipe("attribute_ruler")
    assert ruler.multi_matcher is not None and len(ruler.multi_matcher) < len(ruler.attrs)
    doc = nlp("They're gonna win, and there are reasons.")
    assert [t.lemma_ for t in doc][3:5] == [t.lemma_ for t in plain("They're gonna win, and there are reasons.")][3:5]
