"""False events on real news: senses and references that are not a diplomatic event.

Each sentence here is written for the test; each case failed before its rule.
"""
from __future__ import annotations

import pytest

from azdiplo.corpus import make_article
from azdiplo.extract import extract
from azdiplo.merge import merge
from azdiplo.nlp.pipeline import build


@pytest.fixture(scope="module")
def nlp():
    return build()


def run(nlp, text: str, published: str = "2025-03-14"):
    article = make_article(text, article_id="t", record_published=published)
    (result,) = list(extract(nlp, [article]))
    return [e.to_dict() for e in merge(result.mentions, {article.id: article.meta()})], result


def why(result) -> list[str]:
    return [d["why"] for s in result.explain for d in s["decisions"]]


@pytest.mark.parametrize("text", [
    "Under the accord, Japan and Germany pledged to stimulate domestic demand.",
    "Under the agreement, Greece promised Turkey that it would withdraw its troops.",
    "Turkey refused to open its ports to Cypriot vessels under a customs union pact with the European Union.",
    "Turkey's current loan agreement with the IMF has helped its economy recover.",
    "Sudan's president said his party would commit itself to the peace agreement signed between the government "
    "and the southern rebels.",
    "Hamas refused to recognize Israel or honor peace deals signed with Israel.",
])
def test_the_terms_of_an_agreement_in_force_are_not_an_event(nlp, text):
    events, result = run(nlp, text)
    assert not [e for e in events if e["type"] in ("intent", "agreement")], events
    assert any("in force" in w for w in why(result)), why(result)


def test_an_agreement_dated_by_its_sentence_is_kept_under_under(nlp):
    events, _ = run(nlp, "Under a trade agreement reached in 1994, Canada and Mexico lowered their tariffs.")
    assert [e for e in events if e["type"] == "agreement"]
    events, _ = run(nlp, "Japan and Germany pledged to stimulate domestic demand.")
    assert [e for e in events if e["type"] == "intent"]
    events, _ = run(nlp, "Israel and Jordan signed a peace treaty in 1994, which both sides have honored since.")
    assert [e for e in events if e["type"] == "agreement"]


@pytest.mark.parametrize("text", [
    "Greece promised Turkey that it would withdraw its troops.",
    "The Dutch government on Tuesday vowed to develop relations with China.",
])
def test_one_party_s_promise_is_not_a_joint_intent(nlp, text):
    events, result = run(nlp, text)
    assert not [e for e in events if e["type"] == "intent"], events
    assert any("one party's promise" in w for w in why(result)), why(result)


def test_a_joint_pledge_is_an_intent(nlp):
    events, _ = run(nlp, "Croatian Prime Minister Ivo Sanader met his Libyan counterpart Shukri Ghanem on Friday "
                         "and the two leaders pledged to revitalize economic ties.")
    assert [e for e in events if e["type"] == "intent"]


@pytest.mark.parametrize("text", [
    "Former Kosovo prime minister Agim Berisha remains barred from participating in political meetings "
    "with US and EU envoys after a court ruling.",
    "A court barred Serbian President Boris Tadic from meeting Croatian Prime Minister Ivo Sanader.",
])
def test_a_meeting_forbidden_is_no_event(nlp, text):
    events, result = run(nlp, text)
    assert not events, events
    assert any(w.startswith("negated") for w in why(result)), why(result)


def test_a_party_kept_out_of_talks_leaves_the_talks(nlp):
    events, _ = run(nlp, "Taiwan was barred from the talks between China and Japan.")
    assert [e for e in events if e["type"] == "meeting"]


@pytest.mark.parametrize("text", [
    "Singapore has trained 140 Namibian officials in public administration, according to a statement issued "
    "by the Singaporean Foreign Ministry.",
    "Chinese residents of Hong Kong will keep their rights, the Chinese foreign ministry spokesman said in a "
    "statement released late Sunday, after talks with Britain.",
])
def test_one_government_s_statement_is_not_a_joint_statement(nlp, text):
    events, result = run(nlp, text)
    assert not [e for e in events if e["type"] == "statement"], events
    assert any("a statement of one side" in w for w in why(result)), why(result)


@pytest.mark.parametrize("text", [
    "China and Russia issued a statement on Tuesday on the crisis.",
    "APEC leaders also issued a statement on the Doha round of WTO negotiations.",
])
def test_a_statement_of_two_sides_or_a_body_is_kept(nlp, text):
    events, _ = run(nlp, text)
    assert [e for e in events if e["type"] == "statement"]


@pytest.mark.parametrize("text", [
    "The Saudi oil minister told a meeting of oil industry executives in Riyadh that OPEC would keep prices stable.",
    "The meeting of some 500 top businessmen from Saudi Arabia and Kuwait opened in Riyadh on Monday.",
])
def test_a_gathering_of_business_people_is_not_diplomatic(nlp, text):
    events, result = run(nlp, text)
    assert not [e for e in events if e["type"] == "meeting"], events
    assert any("a gathering of business" in w for w in why(result)), why(result)
