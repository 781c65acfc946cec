"""Recall of extraction: classes of sentences that report an event without the usual verb.

Sentences written for these tests; none comes from a corpus article. Each class is
checked on a sentence that reports an event and on a near one that does not.
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


def events(nlp, text: str, published: str = "2025-03-14") -> list[dict]:
    article = make_article(text, article_id="t", record_published=published)
    (result,) = list(extract(nlp, [article]))
    return [e.to_dict() for e in merge(result.mentions, {article.id: article.meta()})]


def of_type(found: list[dict], type_: str) -> list[dict]:
    return [e for e in found if e["type"] == type_]


def countries(event: dict) -> set[str]:
    return {p.get("country") for p in event["participants"]} - {None}


# ------------------------------------------------------------ agreements dated by their own words

def proposed(nlp, text: str) -> set[str]:
    """The trigger words the extraction proposes (recorded or not) in ``text``."""
    article = make_article(text, article_id="t", record_published="2025-03-14")
    (result,) = list(extract(nlp, [article]))
    return {d["trigger"] for s in result.explain for d in s["decisions"]}


def test_an_agreement_dated_by_a_possessive_was_reached_then(nlp):
    text = "Diplomats from Chile and Peru said that last month's fisheries deal had calmed the dispute."
    (deal,) = of_type(events(nlp, text), "agreement")
    assert deal["date"] == "2025-02"
    assert countries(deal) == {"CHL", "PER"}


@pytest.mark.parametrize("text", [
    "Officials said details of Tuesday's accord on the border crossing would be published next week.",
    "The ministers reviewed the February 22 agreement on exchange rates.",
])
def test_an_agreement_dated_by_a_day_or_a_month_is_proposed_as_an_event(nlp, text):
    assert proposed(nlp, text) & {"accord", "agreement"}


def test_a_length_or_a_year_alone_does_not_make_an_agreement_an_event(nlp):
    text = ("Chile and Peru are discussing a new five-year fisheries deal under the 1994 maritime accord, "
            "officials in Lima said on Thursday.")
    assert not proposed(nlp, text) & {"deal", "accord"}


# ------------------------------------------------------------ a bare round of talks

def mentions(nlp, text: str) -> list:
    article = make_article(text, article_id="t", record_published="2025-03-14")
    (result,) = list(extract(nlp, [article]))
    return result.mentions


def test_a_bare_round_held_in_an_article_about_talks_is_a_round_of_them(nlp):
    text = ("Talks between Japan and South Korea on fishing quotas resumed in Seoul on Monday. "
            "The first round was held in Tokyo in May 2024.")
    rounds = [m for m in mentions(nlp, text) if m.trigger.endswith("round")]
    assert [(m.type, m.date, m.place) for m in rounds] == [("negotiation", "2024-05", "Tokyo")]


def test_a_round_without_talks_before_or_of_something_else_is_no_negotiation(nlp):
    for text in ("The first round was held in Paris on Sunday, the electoral commission said.",
                 "Talks between Japan and South Korea resumed on Monday. The first round of voting "
                 "was held in Tokyo in May 2024."):
        assert [m for m in mentions(nlp, text) if "round" in m.trigger] == []


def test_an_agreement_dated_today_by_its_own_words_is_made_whatever_its_clause_plans(nlp):
    text = ("Under today's agreement, valid for a decade, Ghana is to get some 300 million euros "
            "of credit from Germany.")
    (deal,) = [m for m in mentions(nlp, text) if m.type == "agreement"]
    assert (deal.status, deal.date) == ("occurred", "2025-03-14")


# ------------------------------------------------------------ a session of a body

def test_a_session_of_a_body_or_its_ministers_is_a_meeting(nlp):
    text = "The deal came out of a late-night session of OPEC ministers held in Algiers last week."
    assert [m.type for m in mentions(nlp, text) if m.trigger.endswith("session")] == ["meeting"]


def test_a_session_of_talks_or_of_a_legislature_is_no_meeting_of_its_own(nlp):
    for text in ("He was left out of an earlier session of talks involving the United States and Japan.",
                 "The legislature's session ended on Friday without a vote on the budget."):
        assert [m for m in mentions(nlp, text) if m.trigger.endswith("session")] == []


# ------------------------------------------------------------ hyphenated modifiers of talks

def test_talks_named_by_a_hyphenated_number_of_parties_are_a_negotiation(nlp):
    text = ("The six-party talks on the nuclear issue, which involve China, Japan, Russia and the United States, "
            "were last held in Beijing in November 2024.")
    assert [m.type for m in mentions(nlp, text) if m.trigger.endswith("talks")] == ["negotiation"]


def test_a_hyphenated_length_leaves_talks_a_meeting(nlp):
    text = "Chinese and Japanese foreign ministers held two-day talks in Beijing on Monday."
    assert [m.type for m in mentions(nlp, text) if m.trigger.endswith("talks")] == ["meeting"]


# ------------------------------------------------------------ a multilateral meeting speaking or committing together

def test_they_said_in_a_final_communique_is_the_statement_of_the_meeting_told_before(nlp):
    text = ("The trade ministers of the Group of 20 met in Busan on Friday. "
            "Markets must remain open, they stated in a final communique released on Saturday.")
    (statement,) = of_type(events(nlp, text), "statement")
    assert {p["name"] for p in statement["participants"]} == {"Group of 20"}
    assert statement["date"] == "2025-03-08"
    assert statement["place"] == "Busan"  # where the meeting was


def test_a_joint_statement_released_later_is_the_statement_of_the_meeting_told_before(nlp):
    text = ("ASEAN foreign ministers met in Hanoi on Monday. Maritime security also came up at the "
            "session, according to a joint statement released later.")
    (statement,) = of_type(events(nlp, text), "statement")
    assert "ASEAN" in {p["name"] for p in statement["participants"]}


def test_participants_committing_themselves_is_the_intent_of_the_meeting_told_before(nlp):
    text = ("African Union agriculture ministers met in Accra on Monday to discuss food security. "
            "Participants committed themselves to doubling investment in irrigation.")
    (intent,) = of_type(events(nlp, text), "intent")
    assert {p["name"] for p in intent["participants"]} == {"African Union"}


@pytest.mark.parametrize("text", [
    # one member's statement, not the meeting's
    "The trade ministers of the Group of 20 met in Busan on Friday. "
    "The Brazilian minister said in a statement issued on Saturday that markets must stay open.",
    # one member's commitment
    "African Union agriculture ministers met in Accra on Monday to discuss food security. "
    "Ghana committed itself to doubling investment in irrigation.",
    # a meeting of one government is no multilateral meeting
    "Officials of the Kenyan health ministry met in Nairobi on Monday. "
    "They said in a final statement issued on Tuesday that vaccines would arrive next week.",
])
def test_one_side_speaking_after_a_meeting_is_not_the_meeting_speaking(nlp, text):
    found = events(nlp, text)
    assert not of_type(found, "statement") and not of_type(found, "intent")


def test_leaders_who_attended_a_summit_commit_together_at_that_summit(nlp):
    text = ("At the first summit of the African Union in Accra in 2002, leaders from 40 countries "
            "who attended the summit agreed to create a common peace fund.")
    (intent,) = of_type(events(nlp, text), "intent")
    assert {p["name"] for p in intent["participants"]} == {"African Union"}
    assert intent["date"] == "2002" and intent["place"] == "Accra"


def test_leaders_naming_no_meeting_make_no_joint_commitment(nlp):
    text = ("At the first summit of the African Union in Accra in 2002, leaders from 40 countries "
            "agreed to create a common peace fund.")
    assert not of_type(events(nlp, text), "intent")
