"""Recall of visits and journeys: travellers named as a mission, visits told in a "where"
clause or by a pronoun inside a relative clause of the traveller.

Sentences written for these tests; none comes from a corpus article.
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


def visits(found: list[dict]) -> list[dict]:
    return [e for e in found if e["type"] == "visit"]


def names(event: dict) -> set[str]:
    return {p["name"] for p in event["participants"]}


def test_a_mission_of_an_international_body_travels_for_it(nlp):
    found = visits(events(nlp, "The World Bank mission arrived in Nairobi on Tuesday for a review of the budget."))
    assert len(found) == 1
    assert {"World Bank", "Kenya"} <= names(found[0])


def test_a_visit_in_a_where_clause_hung_on_the_journey_went_to_the_place_before_where(nlp):
    text = ("Malaysian Prime Minister Abdul Rahman arrived in Hanoi on Tuesday. Rahman, who flew in from "
            "neighbouring Thailand where he was on a four-day visit, was received on arrival by his Vietnamese "
            "counterpart.")
    found = visits(events(nlp, text))
    assert any(e.get("place") == "Thailand" and "Thailand" in names(e) and "Malaysia" in names(e) for e in found), found


def test_she_inside_a_relative_clause_of_an_official_is_that_official(nlp):
    text = "The Chilean minister, who arrives from Asia where she visited Japan, will hold talks with Kenyan officials."
    found = events(nlp, text)
    (visit,) = visits(found)
    assert {"Chile", "Japan"} <= names(visit)
    # the visit is behind her: the talks she will hold are not in Japan
    (talks,) = [e for e in found if e["type"] == "meeting"]
    assert talks.get("place") != "Japan"


# ------------------------------------------------------------ travelling groups

def test_a_delegation_to_a_state_is_on_a_visit_there(nlp):
    found = visits(events(nlp, "A high-level Peruvian delegation to Japan has signed three accords, officials said on Tuesday."))
    assert len(found) == 1
    assert {"Peru", "Japan"} <= names(found[0])


def test_a_delegation_sent_or_led_to_a_city_is_on_a_visit_there(nlp):
    found = visits(events(nlp, "Chilean Foreign Minister Pedro Soto led a five-member mission to Ghana in 2019."))
    assert len(found) == 1 and {"Chile", "Ghana"} <= names(found[0])
    text = "On Monday the Fatah movement sent a delegation, which its deputy chief Omar Nasser headed, to Amman."
    (visit,) = visits(events(nlp, text))
    assert visit["place"] == "Amman" and "Jordan" in names(visit)


def test_a_standing_mission_speaking_or_its_head_is_no_visit(nlp):
    assert not visits(events(nlp, "The UN mission to Congo said on Tuesday that the rebels had withdrawn."))
    assert not visits(events(nlp, "The head of the Organization for Security and Cooperation in Europe (OSCE) "
                                  "humanitarian mission to Bosnia, Karl Huber, said after talks in Paris."))


# ------------------------------------------------------------ one visit per destination

def test_a_verb_visiting_two_states_reports_a_visit_to_each(nlp):
    text = "The Chilean minister, who arrives from Asia where she visited Japan and Vietnam, will hold talks with Kenyan officials."
    found = visits(events(nlp, text))
    assert sorted(e["place"] for e in found) == ["Japan", "Vietnam"]
    assert all("Chile" in names(e) for e in found)


def test_one_trip_to_several_states_is_one_journey(nlp):
    text = "Peruvian Finance Minister Juan Soto completed a week-long trip to Germany, France and Spain on Friday."
    assert len(visits(events(nlp, text))) == 1
