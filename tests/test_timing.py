"""When extracted events happened: the rules of azdiplo/nlp/events/timing.py on sentences written for
these tests (the real pipeline, the real statistical model), each with the sentences it must leave alone."""

from __future__ import annotations

import pytest

from azdiplo.corpus import make_article
from azdiplo.extract import extract
from azdiplo.merge import merge
from azdiplo.nlp.pipeline import build


@pytest.fixture(scope="module")
def nlp():
    return build()


def dates(nlp, text: str, published: str) -> dict[str, set[str]]:
    """Each event type's dates in the article."""
    article = make_article(text, article_id="t", record_published=published)
    (result,) = list(extract(nlp, [article]))
    out: dict[str, set[str]] = {}
    for e in merge(result.mentions, {article.id: article.meta()}):
        out.setdefault(e.to_dict()["type"], set()).add(e.to_dict()["date"])
    return out


# ------------------------------------------------------------ a visit going on at the report

def test_a_visit_begun_days_before_the_report_goes_on_until_its_day(nlp):
    found = dates(nlp, "Chilean Foreign Minister Alberto van Klaveren arrived in Hanoi on Monday for talks with "
                       "Vietnamese leaders.", "2024-05-15")
    assert found["visit"] == {"2024-05-13/2024-05-15"}
    # the talks it came for, told without a day, are the report's day's news
    assert found["meeting"] == {"2024-05-15"}


def test_a_conference_that_opened_before_the_report_goes_on_until_its_day(nlp):
    found = dates(nlp, "Foreign ministers of the Association of Southeast Asian Nations opened their annual meeting "
                       "in Vientiane on Monday.", "2024-05-15")
    assert found["meeting"] == {"2024-05-13/2024-05-15"}


def test_an_arrival_in_the_evening_spans_the_visit_it_began(nlp):
    found = dates(nlp, "Brazilian President Luiz Inacio Lula da Silva arrived in Beijing on Friday evening for a "
                       "three-day state visit.", "2024-04-13")
    assert found["visit"] == {"2024-04-12/2024-04-14"}


@pytest.mark.parametrize("text, published, date", [
    # a visit paid on a day is that day
    ("Chilean Foreign Minister Alberto van Klaveren paid a visit to Hanoi on Monday.", "2024-05-15", "2024-05-13"),
    # begun long before the report: the text tells its beginning only
    ("Chilean Foreign Minister Alberto van Klaveren arrived in Hanoi on May 6 for talks with Vietnamese leaders.",
     "2024-05-15", "2024-05-06"),
    # arrived on the report's day
    ("Chilean Foreign Minister Alberto van Klaveren arrived in Hanoi on Wednesday.", "2024-05-15", "2024-05-15"),
])
def test_a_visit_of_one_day_or_of_long_ago_keeps_its_day(nlp, text, published, date):
    assert dates(nlp, text, published)["visit"] == {date}


# ------------------------------------------------------------ the day the lede tells of

LEDE = ("Kenyan President William Ruto left Uganda by air {when} after talks with Ugandan President Yoweri Museveni, "
        "state television said.\n\nThe television showed Ruto boarding a plane at Entebbe airport.\n\nFlights in the "
        "region had been delayed by storms for most of the week.\n\nThe two countries share a long border and a busy "
        "railway.\n\nRuto also met members of a Tanzanian delegation led by Foreign Minister January Makamba.")


def meeting_with_makamba(nlp, when: str, published: str) -> dict:
    article = make_article(LEDE.format(when=when), article_id="t", record_published=published)
    (result,) = list(extract(nlp, [article]))
    (m,) = [m for m in result.mentions if any(p.name == "January Makamba" for p in m.participants)]
    return {"date": m.date, "source": m.date_source}


def test_what_the_story_tells_undated_happened_on_the_day_its_lede_tells_of(nlp):
    # Monday's paper on Sunday's departure: the other meeting of the story is Sunday's
    assert meeting_with_makamba(nlp, "on Sunday", "2024-03-11") == {"date": "2024-03-10", "source": "context"}


@pytest.mark.parametrize("when, published", [
    ("on Sunday", "2024-03-10"),  # the lede tells of the report's own day
    ("on March 3", "2024-03-11"),  # a week before the report: not the story's day
])
def test_an_undated_event_keeps_the_reports_day_unless_the_lede_tells_of_a_day_just_before(nlp, when, published):
    assert meeting_with_makamba(nlp, when, published) == {"date": published, "source": "publication"}


# ------------------------------------------------------------ an event named in what a stance is about

@pytest.mark.parametrize("text", [
    "The European Union voiced opposition to talks with Iran in Moscow.",
    "The strong peso weakened Chile's position in talks with Peru over fishing quotas, the minister said.",
    "Washington has kept a ban on direct negotiations with Iran.",
])
def test_an_event_named_in_a_proposal_a_position_or_a_ban_is_not_the_days_news(nlp, text):
    found = dates(nlp, text, "2024-05-15")
    assert found and all(ds == {None} for ds in found.values()), found


def test_talks_told_without_a_date_are_the_reports_news(nlp):
    assert dates(nlp, "Chile held talks with Peru over fishing quotas, the minister said.", "2024-05-15") \
        == {"meeting": {"2024-05-15"}}


def test_a_lede_without_a_day_is_told_by_the_sentence_after_it(nlp):
    text = ("Talks between Kenya and Ethiopia on their border have collapsed in Nairobi, officials said.\n\n"
            "The talks collapsed on Sunday night after the two sides failed to agree on a map.\n\n"
            "Flights in the region had been delayed by storms for most of the week.\n\n"
            "The two countries share a long border and a busy railway.\n\n"
            "Ethiopian envoy Redwan Hussien also met Kenyan Foreign Minister Musalia Mudavadi.")
    assert dates(nlp, text, "2024-03-11")["meeting"] == {"2024-03-10"}


# ------------------------------------------------------------ a length told elsewhere in the article

def mention_dates(nlp, text: str, published: str) -> dict[str, str]:
    """The date of each mention, by the first words of its sentence."""
    article = make_article(text, article_id="t", record_published=published)
    (result,) = list(extract(nlp, [article]))
    return {" ".join(m.sentence.split()[:3]): m.date for m in result.mentions}


@pytest.mark.parametrize("verb, published, date", [
    ("opened on Saturday", "2024-02-17", "2024-02-17/2024-02-18"),
    ("ended on Sunday", "2024-02-18", "2024-02-17/2024-02-18"),
])
def test_a_summit_that_opened_or_ended_on_a_day_spans_the_length_told_elsewhere(nlp, verb, published, date):
    text = ("Leaders of the African Union gathered in Addis Ababa for a two-day summit on Sudan.\n\n"
            f"The summit of the African Union {verb} with a call for peace in Sudan.")
    assert mention_dates(nlp, text, published)["The summit of"] == date


def test_an_arrival_for_a_visit_the_parser_reads_as_for_to_spans_the_visit(nlp):
    # "for a three-day state visit to Japan to boost trade ties" is parsed as "for [a visit] to boost"
    found = dates(nlp, "Chilean President Gabriel Boric arrived here on Tuesday for a three-day state visit to Japan "
                       "to boost trade ties.", "2024-04-16")
    assert found["visit"] == {"2024-04-16/2024-04-18"}


def test_what_happened_within_the_days_of_a_visit_is_on_the_day_the_text_names(nlp):
    found = dates(nlp, "Chilean President Gabriel Boric arrived in Tokyo on Tuesday for a three-day working visit.\n\n"
                       "Boric was received on arrival by Japanese Prime Minister Fumio Kishida.", "2024-04-17")
    assert found["visit"] == {"2024-04-16/2024-04-18"} and found["meeting"] == {"2024-04-16"}


# ------------------------------------------------------------ an event told as a wish, or as a process going on

@pytest.mark.parametrize("text", [
    "Colombia wants negotiations with the ELN rebels.",
    "Kenyan President William Ruto proposed convening a peace conference with Ethiopia and Somalia.",
    "Norway has insisted on talks between Colombia and the ELN rebels.",
    "The Senate resolution supports negotiation of a fishing agreement between Chile and Peru.",
    # through a preposition, and through verbs that are not finite, up to the wish or the stance
    "Serbian President Aleksandar Vucic said he did not object to Serbian ministers meeting Albanian counterparts.",
    "European Union ministers will discuss a recommendation to freeze membership talks with Turkey.",
    "The ministers stressed the need to resume the talks between Serbia and Kosovo.",
])
def test_an_event_told_as_what_someone_wants_proposes_or_supports_is_not_the_days_news(nlp, text):
    found = dates(nlp, text, "2024-05-15")
    assert found and all(ds == {None} for ds in found.values()), found


@pytest.mark.parametrize("text, kind", [
    # an invitation or an offer is not a plan with a day: careful readers leave the visit undated
    ("Japanese Prime Minister Fumio Kishida invited Indonesian President Joko Widodo to visit Tokyo.", "visit"),
    ("Kenya offered to host talks between Sudan and South Sudan.", "meeting"),
])
def test_a_visit_or_talks_told_as_an_invitation_or_an_offer_have_no_day(nlp, text, kind):
    assert dates(nlp, text, "2024-05-15")[kind] == {None}


def test_an_invitation_with_a_date_keeps_it(nlp):
    assert dates(nlp, "Japanese Prime Minister Fumio Kishida invited Indonesian President Joko Widodo to visit Tokyo "
                      "next month.", "2024-05-15")["visit"] == {"2024-06"}


def test_a_plan_is_not_dated_by_what_already_happened(nlp):
    # "after the talks" refers to Monday's talks, but what will happen after them is not Monday's
    article = make_article("Chilean President Gabriel Boric held talks with Japanese Prime Minister Fumio Kishida in "
                           "Tokyo on Monday.\n\nBoric will meet South Korean President Yoon Suk Yeol after the talks.",
                           article_id="t", record_published="2024-04-18")
    (result,) = list(extract(nlp, [article]))
    (plan,) = [m for m in result.mentions if m.to_dict()["trigger"] == "meet"]
    assert (plan.status, plan.date) == ("planned", "2024-04-18")


@pytest.mark.parametrize("text", [
    "Chile is following the ongoing peace negotiations between Colombia and the ELN rebels closely.",
    "The talks were the newest round in years-long negotiations between Chile and Peru.",
])
def test_a_negotiation_told_as_a_process_going_on_has_no_day(nlp, text):
    assert dates(nlp, text, "2024-05-15")["negotiation"] == {None}


@pytest.mark.parametrize("text", [
    "Chile held talks with Peru over fishing quotas, the minister said.",
    # a summit going on is going on today
    "At the ongoing summit of the African Union in Addis Ababa, Kenya and Ethiopia agreed to reopen their border.",
    # what is proposed at talks does not make the talks a wish
    "Kenya proposed a ceasefire during its talks with Ethiopia.",
])
def test_done_or_going_on_today_keeps_the_reports_day(nlp, text):
    assert dates(nlp, text, "2024-05-15")["meeting"] == {"2024-05-15"}


# ------------------------------------------------------------ what a journey is for

def test_the_summit_a_journey_is_for_is_the_summit_told_before_not_one_during_the_journey(nlp):
    text = ("LIMA, Nov. 12 -- The 20th summit of the Andean Community opened here on Saturday with leaders of "
            "Peru, Chile, Bolivia and Ecuador in attendance.\n\nPresidents of Chile, Bolivia and Ecuador flew into "
            "Lima late on Friday to attend the two-day summit, which will focus on trade.")
    assert dates(nlp, text, "2011-11-12")["meeting"] == {"2011-11-12/2011-11-13"}


def test_a_summit_a_journey_is_for_begins_with_the_arrival_not_ends_with_it(nlp):
    found = dates(nlp, "Presidents of Chile, Bolivia and Ecuador flew into Lima late on Friday to attend a "
                       "two-day summit of the Andean Community.", "2011-11-12")
    assert found["meeting"] == {"2011-11-11/2011-11-12"}
