"""The trigger lexicon is data: every word list in it is named once."""

import json

import pytest

from azdiplo import lexicon


def test_a_word_list_named_twice_is_an_error_not_a_silent_loss():
    with pytest.raises(ValueError, match="'wish_verbs' twice"):
        json.loads('{"wish_verbs": ["urge"], "wish_verbs": ["want"]}', object_pairs_hook=lexicon._unique_keys)


def test_the_packaged_lexicon_names_each_list_once():
    lexicon.load.cache_clear()
    lex = lexicon.load()
    assert {"wish_nouns", "asking_verbs", "asking_for_verbs", "wish_verbs"} <= set(lex.sets)
