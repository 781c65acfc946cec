"""False events on real news: senses and references that are not a diplomatic event.

Each sentence here is written for the test; each case failed before its rule.
"""
from __future__ import annotations

import pytest

from azdiplo.nlp.pipeline import build
from helpers import explained, reasons
from helpers import extract_one as run


@pytest.fixture(scope="module")
def nlp():
    return build()


def dropped(nlp, text: str, types: tuple[str, ...], reason: str) -> None:
    """No event of ``types`` comes out of ``text``, and --explain says ``reason`` for one."""
    events, result = run(nlp, text)
    assert not [e for e in events if e["type"] in types], events
    assert explained(result, reason), reasons(result)


@pytest.mark.parametrize("text", [
    "Under the pact, Norway and Iceland pledged to share the cod quota equally.",
    "Under the deal, Chile promised Peru that it would open its northern port.",
    "Morocco declined to let Spanish trawlers fish off its coast under a fisheries pact with the European Union.",
    "Ghana's existing credit agreement with the World Bank has helped its currency recover.",
    "The Angolan minister said his government would abide by the ceasefire agreement signed between the army "
    "and the rebels.",
    "The new cabinet refused to respect border treaties signed with Ethiopia.",
])
def test_the_terms_of_an_agreement_in_force_are_not_an_event(nlp, text):
    dropped(nlp, text, ("intent", "agreement"), "in force")


@pytest.mark.parametrize("text, type_", [
    ("Under a fisheries agreement signed in 1996, Norway and Russia shared the catch.", "agreement"),
    ("Norway and Iceland pledged to share the cod quota equally.", "intent"),
    ("Egypt and Israel signed a peace treaty in 1979, which both sides have respected since.", "agreement"),
])
def test_an_agreement_made_or_dated_is_kept(nlp, text, type_):
    events, _ = run(nlp, text)
    assert [e for e in events if e["type"] == type_], events


@pytest.mark.parametrize("text", [
    "Chile promised Peru that it would open its northern port.",
    "The Belgian government on Monday vowed to deepen its ties with Vietnam.",
    "Chile's foreign minister said the cabinet was committed to deepening its dialogue with Bolivia.",
])
def test_one_party_s_promise_is_not_a_joint_intent(nlp, text):
    dropped(nlp, text, ("intent",), "one party's promise")


def test_two_states_committing_themselves_is_an_intent(nlp):
    events, _ = run(nlp, "Chile and Bolivia committed themselves to furthering the dialogue on the border.")
    assert [e for e in events if e["type"] == "intent"]


def test_a_joint_pledge_is_an_intent(nlp):
    events, _ = run(nlp, "Chilean President Ricardo Lagos met his Peruvian counterpart Alejandro Toledo on Monday "
                         "and the two presidents pledged to expand trade.")
    assert [e for e in events if e["type"] == "intent"]


@pytest.mark.parametrize("text", [
    "Former Bolivian minister Carlos Mesa is still banned from taking part in meetings with US and EU envoys, "
    "a judge ruled.",
    "A judge barred Peruvian President Alan Garcia from meeting Chilean President Michelle Bachelet.",
])
def test_a_meeting_forbidden_is_no_event(nlp, text):
    events, result = run(nlp, text)
    assert not events, events
    assert any(w.startswith("negated") for w in reasons(result)), reasons(result)


def test_a_party_kept_out_of_talks_leaves_the_talks(nlp):
    events, _ = run(nlp, "Taiwan was barred from the talks between China and Japan.")
    assert [e for e in events if e["type"] == "meeting"]


@pytest.mark.parametrize("text", [
    "Kenya will send 50 nurses to Uganda this year, according to a statement released by the Kenyan Health Ministry.",
    "Visas will be issued within ten days, the Indonesian foreign ministry spokesman said in a statement released "
    "on Friday, after talks with Australia.",
])
def test_one_government_s_statement_is_not_a_joint_statement(nlp, text):
    dropped(nlp, text, ("statement",), "a statement of one side")


@pytest.mark.parametrize("text", [
    "China and Russia issued a statement on Tuesday on the crisis.",
    "ASEAN ministers issued a statement on the rice trade on Sunday.",
])
def test_a_statement_of_two_sides_or_a_body_is_kept(nlp, text):
    events, _ = run(nlp, text)
    assert [e for e in events if e["type"] == "statement"]


@pytest.mark.parametrize("text", [
    "The Kuwaiti finance minister told a meeting of car industry investors in Cairo that OPEC would not cut output.",
    "A meeting of 300 bankers from Egypt and Jordan opened in Amman on Tuesday.",
])
def test_a_gathering_of_business_people_is_not_diplomatic(nlp, text):
    dropped(nlp, text, ("meeting",), "a gathering of business")


@pytest.mark.parametrize("text", [
    "Whatever decision the OPEC ministers arrive at in Vienna will be respected, the Venezuelan oil minister said.",
    "The Saudi and Kuwaiti ministers arrived at a compromise in Vienna on Monday.",
])
def test_arriving_at_an_outcome_is_no_visit(nlp, text):
    dropped(nlp, text, ("visit",), "reaching an outcome")


def test_arriving_in_a_city_is_a_visit(nlp):
    events, _ = run(nlp, "Venezuelan oil minister Rafael Ramirez arrived in Vienna on Monday.")
    assert [e for e in events if e["type"] == "visit"]


@pytest.mark.parametrize("text", [
    "The head of the miners' union, Marco Rossi, meeting with Italian Prime Minister Romano Prodi today, "
    "renewed his demands.",
    "Italian Prime Minister Romano Prodi met Marco Rossi, head of the steelworkers' union, in Rome.",
])
def test_a_union_leader_meeting_his_prime_minister_is_domestic(nlp, text):
    events, _ = run(nlp, text)
    assert not [e for e in events if e["type"] == "meeting"], events


def test_an_envoy_named_in_full_is_still_met(nlp):
    events, _ = run(nlp, "Italian Prime Minister Romano Prodi met Marco Rossi, the UN envoy, today.")
    assert [e for e in events if e["type"] == "meeting"]
