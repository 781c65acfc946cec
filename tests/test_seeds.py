"""The sample corpus end to end, judged by the project's reference annotation.

The five articles of corpus/ are ingested into a fresh store through the
library; the events, exported as `azdiplo events --format json` prints them,
are scored with the project's scorer (a copy in tests/data) against the
reference annotation (a copy in tests/data). The thresholds are the targets
of the extraction issues; the copies keep this test independent of ../shared.
The copy of the annotation also lists, as ../shared/gold/GUIDE.md asks, the
states that the officials of G1, G2, G3 and G6 represent ("Israeli Foreign
Minister David Levy" -> "David Levy" and "Israel"), which the original lists
only for some events.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from azdiplo.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_events", DATA / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_store(sample_store):
    """The corpus/ store built once per session (conftest.sample_store)."""
    store = Store(sample_store)
    assert len(list(store.iter_rows("articles"))) == 5
    return store


@pytest.fixture(scope="module")
def events(seed_store):
    return list(seed_store.iter_events())


@pytest.fixture(scope="module")
def score(events):
    gold = json.loads((DATA / "seed-events.json").read_text(encoding="utf-8"))
    return _scorer().score(gold, events)


def test_detection_f1(score):
    assert score["f1"] >= 0.9, score["false_positive_events"]


def test_dates_places_and_participants(score):
    assert score["exact_date_accuracy"] >= 0.85
    assert score["place_accuracy"] >= 0.8
    # an official's state is a participant where the text names it ("his US counterpart Donald
    # Trump"), as the annotation guide asks; this older annotation lists states only where the
    # states themselves are the parties, so a few count as extra here
    assert score["participant_precision"] >= 0.75
    assert score["participant_recall"] >= 0.9


def test_no_boilerplate_or_expectation_becomes_an_event(score):
    assert score["must_not_extract_leaks"] == []


def test_one_event_per_real_event_with_all_its_sources(score, events):
    assert score["merged_multi_source"] == "3/3"
    # no report left over as a second event of a real one: every extracted event that could be a
    # required reference event is the one matched to it, or is matched to another reference event
    from azdiplo.evaluate import match

    gold = json.loads((DATA / "seed-events.json").read_text(encoding="utf-8"))
    rows = match(gold, events).per_event
    paired = {row["event"] for row in rows if row["matched"]}
    for row in rows:
        if row["required"]:
            assert row["matched"], row["id"]
            assert set(row["candidates"]) <= paired, (row["id"], row["candidates"], paired)


def test_the_nato_meeting_of_22_january_2026(events):
    nato = [e for e in events if any(p.get("id") == "NATO" for p in e["participants"])]
    meeting = [e for e in nato if e["type"] == "meeting" and e["date"] == "2026-01-22"]
    assert len(meeting) == 1
    names = {p["name"] for p in meeting[0]["participants"]}
    assert {"Sahiba Gafarova", "Radmila Shekerinska"} <= names


def test_the_washington_signing_is_dated_by_the_text_not_by_the_articles(events):
    signings = [e for e in events if e["type"] == "agreement" and e["date"] == "2025-08-08"]
    assert signings
    mou = [e for e in signings if {"Ilham Aliyev", "Donald Trump"} <= {p["name"] for p in e["participants"]}]
    assert len(mou) == 1 and mou[0]["place"] == "Washington"
    published = {s["published"] for s in mou[0]["sources"]}
    assert {"2025-08-09", "2026-01-21", "2025-09-09"} <= published, "reported by three articles, months apart"


def test_the_store_is_sound(seed_store):
    assert seed_store.verify() == []


def test_every_reference_actor_is_listed_once_with_its_kind(seed_store):
    from azdiplo.actors import ActorIndex
    from azdiplo.roster import roster

    scorer = _scorer()
    gold = json.loads((DATA / "seed-events.json").read_text(encoding="utf-8"))
    aliases = scorer.Aliases(gold["actors"])
    rows = roster(seed_store, ActorIndex.load())
    listed: dict[str, list[dict]] = {}
    for row in rows:
        # the exact lookups of the scorer (name or alias), not its loose "contains" fallback
        for key in (scorer.norm(row["name"]), scorer.strip_titles(row["name"])):
            for canon in aliases.forms.get(key, ()):
                listed.setdefault(canon, []).append(row)
    for canon, info in gold["actors"].items():
        found = {r["id"]: r for r in listed.get(canon, [])}
        assert len(found) == 1, (canon, list(found))
        assert next(iter(found.values()))["kind"] == info["kind"], canon
