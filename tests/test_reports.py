"""Several articles reporting the same events, ingested together: one event per real event.

Three short wire stories written for this test (not from the sample corpus)
report a Kazakh-Uzbek summit, the border treaty signed there and the next
meeting being planned. Each reports the events differently: full date, "on
May 12", "last month", "signed by X and Y", "during the talks".
"""

from __future__ import annotations

import pytest

from azdiplo.ingest import ingest
from azdiplo.store import Store

ARTICLES = {
    "a1.txt": "date 2025-05-13\nKazakh, Uzbek leaders meet in Astana\n\n"
              "ASTANA, May 12 (Kazinform) -- Kazakh President Kassym-Jomart Tokayev met with Uzbek President Shavkat "
              "Mirziyoyev in Astana on Monday. The two presidents discussed trade and water issues, and signed a "
              "treaty on the demarcation of the border.\n",
    "a2.txt": "date 2025-05-14\nTashkent hails border treaty\n\n"
              "TASHKENT, May 14 (UzA) -- Uzbekistan's parliament welcomed the border treaty signed by President "
              "Shavkat Mirziyoyev and his Kazakh counterpart Kassym-Jomart Tokayev in Astana on May 12. During the "
              "talks in Astana, the two leaders also agreed to expand cooperation in energy.\n",
    "a3.txt": "date 2025-06-20\nCentral Asian summit planned\n\n"
              "The leaders of Kazakhstan and Uzbekistan, who met in Astana last month, will meet again in Samarkand "
              "in September, officials said.\n",
}


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store(folder / "store")
    ingest([str(folder)], store=store)
    return list(store.iter_events())


def of_type(events, type_, status="occurred"):
    return [e for e in events if e["type"] == type_ and e["status"] == status]


def test_the_summit_is_one_event_with_three_sources(events):
    (summit,) = of_type(events, "meeting")
    assert summit["date"] == "2025-05-12" and summit["place"] == "Astana"
    assert summit["num_sources"] == 3, "a month-precision 'last month' joins the day it falls in"
    assert {"Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"} <= {p["name"] for p in summit["participants"]}


def test_the_treaty_is_one_event_reported_twice(events):
    (treaty,) = of_type(events, "agreement")
    assert treaty["date"] == "2025-05-12" and treaty["num_sources"] == 2
    assert {p["function"] for p in treaty["participants"]} == {"signatory"}


def test_the_next_meeting_stays_a_separate_planned_event(events):
    (planned,) = of_type(events, "meeting", "planned")
    assert planned["date"] == "2025-09" and planned["place"] == "Samarkand"


def test_a_later_sentence_of_a_wire_story_is_not_dated_by_its_dateline(events):
    (intent,) = of_type(events, "intent")
    assert intent["date"] == "2025-05-12", "'during the talks in Astana' dates it, not 'TASHKENT, May 14'"
