"""Sectors and CAMEO-style actor codes (azdiplo.agents): plain values, no model."""

from __future__ import annotations

import pytest

from azdiplo.agents import code_of, compose, sector_of_code


@pytest.mark.parametrize(
    ("code", "sector"),
    [("USA.GOV", "GOV"), ("AZE.LEG", "LEG"), ("RUS.MIL", "MIL"), ("IGOWSTNAT", "IGO"), ("IGOUNO", "IGO"),
     ("TUR", None), (None, None)],
)
def test_the_sector_of_a_dictionary_code(code, sector):
    assert sector_of_code(code) == sector


def test_a_state_with_a_sector_is_a_dotted_code_and_without_one_its_iso3():
    assert compose("USA", "GOV") == "USA.GOV"
    assert compose("TUR", None) == "TUR"
    assert compose(None, "REB") is None, "a sector without a state has no code"


def test_a_state_named_as_a_whole_is_its_iso3_and_through_its_officials_its_government():
    assert code_of(kind="country", country="TUR", sector=None, body_code=None) == (None, "TUR")
    assert code_of(kind="country", country="USA", sector="GOV", body_code=None) == ("GOV", "USA.GOV")


def test_an_institution_and_an_international_body_keep_their_own_codes():
    assert code_of(kind="organization", country="AZE", sector=None, body_code="AZE.LEG") == ("LEG", "AZE.LEG")
    assert code_of(kind="organization", country=None, sector=None, body_code="IGOWSTNAT") == ("IGO", "IGOWSTNAT")


def test_a_person_takes_the_code_of_the_body_they_serve_before_the_sector_of_a_generic_title():
    # "Chairman of the Milli Majlis committee": the committee says LEG, "Chairman" says nothing
    assert code_of(kind="person", country="AZE", sector=None, body_code="AZE.LEG") == ("LEG", "AZE.LEG")
    # NATO's Secretary General acts for NATO
    assert code_of(kind="person", country=None, sector="IGO", body_code="IGOWSTNAT") == ("IGO", "IGOWSTNAT")
    # a minister of a state
    assert code_of(kind="person", country="IND", sector="GOV", body_code=None) == ("GOV", "IND.GOV")
    # a person whose sector is unknown is coded by state alone
    assert code_of(kind="person", country="RWA", sector=None, body_code=None) == (None, "RWA")
