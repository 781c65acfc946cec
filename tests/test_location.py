"""Where events took place (azdiplo/nlp/events/location.py), on sentences written for the tests.

Each case runs the real pipeline over a short article and checks the place a
researcher would record: the city (or country) the text gives for the event
itself, not one it gives for another event or a topic.
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


def events(nlp, text: str, published: str = "2025-03-14", title: str | None = None) -> list[dict]:
    article = make_article(text, article_id="t", record_published=published, title=title)
    (result,) = list(extract(nlp, [article]))
    return [e.to_dict() for e in merge(result.mentions, {article.id: article.meta()})]


def only(found: list[dict], type_: str) -> dict:
    hits = [e for e in found if e["type"] == type_]
    assert len(hits) == 1, [(e["type"], e["place"]) for e in found]
    return hits[0]


def test_a_participle_of_the_event_noun_gives_its_place(nlp):
    e = only(events(nlp, "Ghanaian President John Mahama said after the regional leaders' summit held in "
                         "Accra on Monday that trade would grow."), "meeting")
    assert e["place"] == "Accra" and e["place_country"] == "GHA"


@pytest.mark.parametrize("city, iso3", [("Nairobi", "KEN"), ("Lusaka", "ZMB")])
def test_a_capital_naming_a_summit_is_its_place_though_the_model_left_it_untagged(nlp, city, iso3):
    e = only(events(nlp, f"Ghanaian President John Mahama attended the {city} Summit of the Forum on "
                         "Africa-Asia Cooperation on Monday."), "meeting")
    assert e["place"] == city and e["place_country"] == iso3


def test_the_place_of_another_event_in_the_clause_is_not_this_events(nlp):
    e = only(events(nlp, "The meeting of Indian and Brazilian customs officials was held under the auspices "
                         "of the forum, after the first leaders' summit in Brazil in March."),
             "meeting")
    assert e["place"] is None, "Brazil is where the earlier summit was held"


def test_here_in_a_report_without_dateline_is_where_its_headline_puts_the_news(nlp):
    text = ("Turkish Foreign Minister Hakan Fidan said after talks here on Tuesday with his Swedish counterpart "
            "Maria Malmer Stenergard that the plan was unacceptable.")
    e = only(events(nlp, text, title="Turkish and Swedish ministers meet in Ankara"), "meeting")
    assert e["place"] == "Ankara" and e["place_country"] == "TUR"
    e = only(events(nlp, text, title="Turkey rejects the plan"), "meeting")
    assert e["place"] is None, "a headline that names no place does not say where 'here' is"


def test_arriving_here_under_no_dateline_is_a_visit_to_the_capital_of_the_state_met(nlp):
    found = events(nlp, "Israeli Foreign Minister Gideon Saar arrived here Tuesday for security talks with "
                        "Turkish leaders.")
    visit = only(found, "visit")
    assert visit["place"] == "Ankara" and visit["place_country"] == "TUR"
    assert "TUR" in {p.get("country") for p in visit["participants"] if p["function"] == "host"}
    found = events(nlp, "Israeli Foreign Minister Gideon Saar arrived here Tuesday for talks.")
    assert all(e["place"] is None for e in found), "no state besides the visitor's: nowhere to put 'here'"


def test_a_time_is_no_place_and_the_clause_joined_to_gives_it(nlp):
    e = only(events(nlp, "Kenyan Foreign Minister Musalia Mudavadi arrived in Uganda on Monday and held talks with "
                         "his Ugandan counterpart Jeje Odongo later in the day."), "meeting")
    assert e["place"] == "Uganda", "'later in the day' is a time; the talks were where he arrived"


def test_a_state_naming_a_venue_is_not_the_place(nlp):
    e = only(events(nlp, "The summit of Kenyan and Ugandan leaders was opened on Monday in the Kenya Uganda "
                         "Friendship Conference Hall by Ruto, President of Kenya."), "meeting")
    assert e["place"] is None, "a hall named after two states is in neither state as a whole"


def test_a_region_naming_a_venue_is_not_the_place(nlp):
    e = only(events(nlp, "Kenyan and Ugandan trade ministers held a meeting at this Rift Valley lakeside resort "
                         "on Monday."), "meeting")
    assert e["place"] is None, "the resort is in some town of the valley"


def test_what_is_said_after_an_event_is_said_where_it_took_place(nlp):
    e = only(events(nlp, "Kenyan Trade Minister Rebecca Miano said on Tuesday in Kampala after meeting Ugandan "
                         "President Yoweri Museveni that the border would stay open."), "meeting")
    assert e["place"] == "Kampala"
    e = only(events(nlp, "Ugandan Trade Minister Francis Mwebesa made the remarks to reporters in the Kenyan "
                         "city of Mombasa following a meeting with Kenyan President William Ruto."), "meeting")
    assert e["place"] == "Mombasa"


def test_the_lede_of_a_report_without_dateline_is_where_its_headline_puts_the_news(nlp):
    e = only(events(nlp, "Kenyan Trade Minister Rebecca Miano held talks with Ugandan officials on the border on "
                         "Tuesday.", title="Kenyan trade minister in Kampala for talks"), "meeting")
    assert e["place"] == "Kampala"


def test_a_relative_clause_of_a_participant_gives_no_place(nlp):
    e = only(events(nlp, "Ugandan President Yoweri Museveni held talks on Tuesday with Kenyan President William "
                         "Ruto, who later announced new investment in Kisumu."), "meeting")
    assert e["place"] is None, "Kisumu is where the investment goes"


def test_a_participle_clause_takes_the_place_of_the_act_it_hangs_on(nlp):
    e = only(events(nlp, "The ministers of India, Brazil and South Africa signed a joint declaration in Pretoria "
                         "on Friday, committing their governments to closer ties."), "intent")
    assert e["place"] == "Pretoria"


def test_here_without_dateline_is_the_capital_naming_what_the_summit_adopted(nlp):
    found = events(nlp, "The summit of Kenyan, Ugandan and Tanzanian leaders ended here on Sunday and adopted the "
                        "Nairobi Declaration on trade.")
    assert only(found, "meeting")["place"] == "Nairobi"
    assert only(found, "agreement")["place"] == "Nairobi"


def test_an_event_of_a_visitor_takes_the_place_of_the_visit_told_before(nlp):
    found = events(nlp, "Kenyan President William Ruto arrived in Kampala on Monday for a two-day visit. Ruto will "
                        "hold talks with senior Ugandan officials on trade and security.")
    assert only(found, "meeting")["place"] == "Kampala"
    found = events(nlp, "Kenyan President William Ruto left Uganda by air on Sunday after holding talks with Ugandan "
                        "President Yoweri Museveni. Ruto also met members of a Tanzanian delegation led by Foreign "
                        "Minister January Makamba.")
    assert all(e["place"] == "Uganda" for e in found if e["type"] == "meeting"), [(e["type"], e["place"]) for e in found]


def test_an_event_dated_apart_from_the_visit_does_not_take_its_place(nlp):
    found = events(nlp, "Kenyan President William Ruto visited Uganda last week. Ruto signed a trade agreement with "
                        "Tanzania in 2019.")
    assert only(found, "agreement")["place"] is None
