"""National institutions (armed forces, police, intelligence services, central banks, courts,
parties) and the state of an official the text names without one. Sentences written for the
tests; the real pipeline runs on each."""

from __future__ import annotations

import pytest

from azdiplo.actors import ActorIndex
from azdiplo.nlp.pipeline import build
from helpers import ref, refs


@pytest.fixture(scope="module")
def nlp():
    return build()


# ------------------------------------------------------------------ institutions in the dictionary


@pytest.mark.parametrize(
    ("name", "actor_id", "code"),
    [
        ("Bundesbank", "DEU.GOV.CENTRAL-BANK", "DEU.GOV"),
        ("Palestinian National Authority", "PSE.GOV.PA", "PSE.GOV"),
        ("Federal Reserve", "USA.GOV.CENTRAL-BANK", "USA.GOV"),
        ("Mossad", "ISR.SPY.MOSSAD", "ISR.SPY"),
        ("KGB", "SUN.SPY.KGB", "SUN.SPY"),
        ("Israel Defense Forces", "ISR.MIL.ARMED-FORCES", "ISR.MIL"),
        ("Turkish police", "TUR.COP.POLICE", "TUR.COP"),
        ("Indian Supreme Court", "IND.JUD.SUPREME-COURT", "IND.JUD"),
        ("Constitutional Court of Turkey", "TUR.JUD.CONSTITUTIONAL-COURT", "TUR.JUD"),
        ("Tories", "GBR.PTY.CONSERVATIVE", "GBR.PTY"),
        ("Bharatiya Janata Party", "IND.PTY.BJP", "IND.PTY"),
        ("Communist Party of China", "CHN.GOV.CPC", "CHN.GOV"),
        ("Internal Revenue Service", "USA.GOV.REVENUE", "USA.GOV"),
        ("Federal Board of Revenue", "PAK.GOV.REVENUE", "PAK.GOV"),
        ("Kenyan tax authority", "KEN.GOV.REVENUE", "KEN.GOV"),
    ],
)
def test_national_institutions_have_ids_and_codes(name, actor_id, code):
    actor = ActorIndex.load().lookup(name)
    assert actor is not None and (actor.id, actor.code) == (actor_id, code)


def test_an_institution_written_with_its_nouns_in_lower_case_is_found(nlp):
    r = ref(nlp, "A Chinese foreign ministry spokesman said the talks would resume.", "1997-04-01",
            "Chinese foreign ministry")
    assert (r["id"], r["code"]) == ("CHN.GOV.MFA", "CHN.GOV")


def test_a_revenue_agencys_acronym_is_its_only_after_its_full_name(nlp):
    # "SARS" is also a disease: the acronym names the agency only in an article that names it in full
    assert not [r for r in refs(nlp, "Hong Kong reported 12 new SARS cases, and SARS experts met in Geneva.",
                                "2003-04-08") if r["text"] == "SARS"]
    text = ("The Zambia Revenue Authority said on Monday it would share customs data. ZRA Commissioner Dingani "
            "Banda met Malawian tax officials in Lusaka.")
    r = ref(nlp, text, "2014-05-06", "Dingani Banda")
    assert (r["country"], r["code"]) == ("ZMB", "ZMB.GOV")


def test_a_party_leader_is_of_the_party_and_its_state(nlp):
    r = ref(nlp, "Tory leader Ann Pembury attacked the budget on Wednesday.", "2005-02-02", "Ann Pembury")
    assert (r["country"], r["sector"], r["code"]) == ("GBR", "PTY", "GBR.PTY")


def test_a_home_states_institution_is_read_into_its_short_name(nlp):
    text = ("Labour and the Conservatives clashed in the House of Commons over British schools. "
            "Labour said the plan was costed.")
    found = [r for r in refs(nlp, text, "2005-02-02") if r["text"] == "Labour"]
    assert found and all(r["id"] == "GBR.PTY.LABOUR" for r in found)


def test_a_short_name_is_not_read_into_the_start_of_another_name(nlp):
    text = "American officials said the Republican Guard had withdrawn; Washington and US diplomats agreed."
    assert not any(r.get("id") == "USA.PTY.REPUBLICAN" for r in refs(nlp, text, "2003-03-02"))


def test_a_partys_bare_name_is_its_states_only_in_an_article_that_names_the_state(nlp):
    korean = ref(nlp, "South Korea's ruling Democratic Party said the talks in Seoul would resume.",
                 "2021-03-01", "Democratic Party")
    assert korean.get("id") != "USA.PTY.DEMOCRATIC"
    american = ref(nlp, "The Democratic Party lost seats in the US Congress, American officials said in Washington.",
                   "2021-03-01", "Democratic Party")
    assert (american["id"], american["code"]) == ("USA.PTY.DEMOCRATIC", "USA.PTY")


# ------------------------------------------------------------------ sectors of groups named by a state


def test_groups_named_by_a_state_have_the_sector_of_their_noun(nlp):
    text = ("Three Japanese government officials arrived, an Iraqi official said, "
            "while Cypriot and Turkish diplomats and Ethiopian forces waited.")
    found = {r["text"]: r for r in refs(nlp, text, "2005-01-10")}
    assert found["Japanese"]["code"] == "JPN.GOV"
    assert found["Iraqi"]["code"] == "IRQ.GOV"
    assert found["Turkish"]["code"] == "TUR.GOV"
    assert found["Ethiopian"]["code"] == "ETH.MIL"


def test_a_role_noun_before_a_title_makes_the_role(nlp):
    r = ref(nlp, "Congolese rebel leader Joseph Mbeki said his troops would advance.", "1997-04-24", "Joseph Mbeki")
    assert (r["role"], r["sector"]) == ("rebel leader", "REB")


# ------------------------------------------------------------------ the state of an official named without one


def test_officials_listed_with_one_of_known_state_share_it(nlp):
    text = ("The American envoy will meet Egyptian President Omar Farid, Prime Minister Hassan Nabil "
            "and Defence Minister Samir Kamel in Cairo.")
    found = {r["text"]: r for r in refs(nlp, text, "2005-03-01")}
    assert found["Hassan Nabil"]["country"] == "EGY"
    assert found["Samir Kamel"]["country"] == "EGY"


def test_the_one_state_the_sentence_names_is_the_officials(nlp):
    text = "Russia will not change its course, Defence Minister Igor Petrov said during a visit to Latvia."
    assert ref(nlp, text, "2006-11-28", "Igor Petrov")["country"] == "RUS"


def test_the_other_side_of_the_officials_act_is_not_their_state(nlp):
    text = ("The Serbian foreign ministry denied reports that Foreign Minister Marko Djuric had met "
            "Hungarian officials in Vienna last week.")
    assert ref(nlp, text, "2025-03-14", "Marko Djuric")["country"] == "SRB"


def test_an_office_named_with_its_state_elsewhere_is_the_holders(nlp):
    text = ("The Pakistani president's visit to London was planned for weeks. "
            "Police said President Farooq Malik had not been in danger at any time.")
    assert ref(nlp, text, None, "Farooq Malik")["country"] == "PAK"


def test_a_british_story_is_about_britain_without_saying_britain(nlp):
    text = ("Labour and the Conservatives clashed in the Commons on Wednesday. "
            "Chancellor Peter Hale said the Tories had no costed plan.")
    assert ref(nlp, text, None, "Peter Hale")["country"] == "GBR"


def test_a_leaders_surname_the_model_leaves_untagged_is_found(nlp):
    text = ("India will seek better ties with Pakistan. Gujral said the government would follow "
            "an independent foreign policy.")
    r = ref(nlp, text, "1997-05-20", "Gujral")
    assert (r["country"], r["role"]) == ("IND", "Prime Minister")


def test_a_leader_known_by_surname_takes_a_heads_title_the_dictionary_does_not_name(nlp):
    # REIGN names Burkina Faso's leader without his office; "President" is a head's title
    text = "The inquiry into the dealings of associates of President Blaise Compaore was closed."
    assert ref(nlp, text, "2005-12-15", "Blaise Compaore")["country"] == "BFA"


def test_a_state_named_as_the_state_of_a_thing_is_not_the_speakers(nlp):
    text = "Foreign Minister Kemal Aydin said the German plan could only deepen the crisis."
    assert ref(nlp, text, "2006-12-05", "Kemal Aydin").get("country") != "DEU"


def test_a_title_that_belongs_to_one_state_gives_it(nlp):
    text = "The exiled leader was expected to meet Secretary of State Ann Carver, Chinese officials said."
    assert ref(nlp, text, "1997-04-23", "Ann Carver")["country"] == "USA"


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("US Ambassador to Venezuela John Reed met Jaua on Monday.", "John Reed", "USA"),
        ("Peru's envoy in Quito, Carlos Mendoza, delivered the letter on Monday.", "Carlos Mendoza", "PER"),
        ("The Chilean ambassador, Jorge Castillo, met the foreign minister on Monday.", "Jorge Castillo", "CHL"),
        ("The Peruvian charge d'affaires in La Paz, Carlos Mendoza, was summoned on Monday.", "Carlos Mendoza", "PER"),
    ],
)
def test_an_envoy_is_of_the_state_that_sends_him_not_of_his_posting(nlp, text, surface, country):
    assert ref(nlp, text, "2012-03-08", surface)["country"] == country


# ------------------------------------------------------------------ armed, rebel and insurgent groups


@pytest.mark.parametrize(
    ("text", "published", "surface", "actor_id", "code"),
    [
        ("Manila and the Moro Islamic Liberation Front signed a peace deal.", "2014-03-27",
         "Moro Islamic Liberation Front", "PHL.REB.MILF", "PHL.REB"),
        ("Negotiators of the MILF met the government panel.", "2012-10-07", "MILF", "PHL.REB.MILF", "PHL.REB"),
        ("FARC commanders and the government resumed talks in Havana.", "2013-05-10", "FARC",
         "COL.REB.FARC", "COL.REB"),
        ("The Tamil Tigers rejected the offer, a spokesman said.", "2002-02-01", "Tamil Tigers",
         "LKA.REB.LTTE", "LKA.REB"),
        ("Ankara said the PKK had attacked a border post.", "2012-08-01", "PKK", "TUR.REB.PKK", "TUR.REB"),
        ("ETA declared a permanent ceasefire.", "2011-01-10", "ETA", "ESP.REB.ETA", "ESP.REB"),
        ("The IRA announced a complete cessation of military operations.", "1994-08-31", "IRA",
         "GBR.REB.IRA", "GBR.REB"),
        ("The Taliban and American envoys signed a deal in Doha.", "2020-02-29", "Taliban",
         "AFG.REB.TALIBAN", "AFG.REB"),
        ("Sudan's army and the Rapid Support Forces agreed to a truce.", "2023-05-20", "Rapid Support Forces",
         "SDN.REB.RSF", "SDN.REB"),
        ("Ulster Volunteer Force leaders met the commission.", "1998-05-01", "Ulster Volunteer Force",
         "GBR.UAF.UVF", "GBR.UAF"),
    ],
)
def test_an_armed_group_is_of_the_state_it_fights_in(nlp, text, published, surface, actor_id, code):
    r = ref(nlp, text, published, surface)
    assert (r["id"], r["country"], r["sector"], r["code"]) == (actor_id, code[:3], code[4:], code)


def test_armed_groups_acronyms_in_lower_case_or_as_words_name_nobody(nlp):
    text = ("Send me the eta of the shipment; the ira account and the farc files can wait. "
            "They hope to mend ties and find a shining path towards an Islamic state.")
    assert not [r for r in refs(nlp, text, "2020-01-01") if r.get("id") and ".REB." in r["id"]]


def test_armed_groups_record_their_active_years():
    index = ActorIndex.load()
    eta = index.lookup("Euskadi Ta Askatasuna")
    assert (eta.id, eta.since, eta.until) == ("ESP.REB.ETA", "1959", "2018")
    groups = [a for a in index if a.kind == "institution" and a.code and a.code[4:] in ("REB", "UAF")]
    assert len(groups) >= 40
    assert all(a.since for a in groups)
