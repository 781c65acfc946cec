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
