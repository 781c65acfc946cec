"""Parties of events beyond the trigger's phrase (azdiplo/nlp/events/arguments.py), on
sentences written for these tests."""
from __future__ import annotations

import pytest

from azdiplo.actors import group_members
from azdiplo.corpus import make_article
from azdiplo.extract import extract
from azdiplo.merge import merge
from azdiplo.nlp.pipeline import build


@pytest.fixture(scope="module")
def nlp():
    return build()


def events(nlp, text: str, published: str = "2005-11-14") -> list[dict]:
    article = make_article(text, article_id="t", record_published=published)
    (result,) = list(extract(nlp, [article]))
    return [e.to_dict() for e in merge(result.mentions, {article.id: article.meta()})]


def parties(event: dict) -> set[str]:
    return {p["name"] for p in event["participants"]}


def test_group_members_on_a_date():
    assert set(group_members("SAARC", "2005-11-12")) == {"IND", "PAK", "BGD", "LKA", "NPL", "BTN", "MDV"}
    assert "AFG" in group_members("SAARC", "2008")
    assert "ZAF" not in group_members("BRICS", "2009-06") and "ZAF" in group_members("BRICS", "2011")
    assert group_members("UN", "2005") == [] and group_members("WTO") == []


def test_a_summit_of_a_group_has_the_member_states_the_article_names(nlp):
    text = ("Pakistani Prime Minister Shaukat Aziz and Nepalese King Gyanendra flew into the Bangladeshi capital "
            "on Friday. The South Asian Association for Regional Cooperation (SAARC) opened its summit in Dhaka "
            "on Sunday. Observers from China attended the opening.")
    summit = next(e for e in events(nlp, text) if e["type"] == "meeting" and "South Asian Association for Regional Cooperation" in parties(e))
    assert {"Pakistan", "Nepal", "Bangladesh"} <= parties(summit)
    assert "China" not in parties(summit)  # not a member


def test_a_large_body_does_not_take_the_states_an_article_names(nlp):
    text = ("Japan and Brazil sent their trade ministers to Geneva. The ministers of the World Trade Organization "
            "met in Geneva on Saturday.")
    meeting = next(e for e in events(nlp, text) if "World Trade Organization" in parties(e))
    assert not {"Japan", "Brazil"} & parties(meeting)


def test_a_state_that_agrees_speaks_through_the_one_official_the_article_names(nlp):
    one = ("Brazilian Foreign Minister Marcos Ribeiro arrived in Moscow on Wednesday. "
           "Brazil and Russia agreed on Thursday to develop cooperation in trade and energy.")
    intent = next(e for e in events(nlp, one, "2006-12-14") if e["type"] == "intent")
    assert {"Brazil", "Russia", "Marcos Ribeiro"} <= parties(intent)
    two = ("Brazilian Foreign Minister Marcos Ribeiro and Brazilian Trade Minister Paulo Lima arrived in Moscow on "
           "Wednesday. Brazil and Russia agreed on Thursday to develop cooperation in trade and energy.")
    intent = next(e for e in events(nlp, two, "2006-12-14") if e["type"] == "intent")
    assert {"Brazil", "Russia"} <= parties(intent)
    assert not {"Marcos Ribeiro", "Paulo Lima"} & parties(intent)  # which of the two spoke, the text does not say


def test_a_two_letter_family_name_is_the_person_named_in_full_before(nlp):
    text = ("Chinese President Wu Tianming arrived in Khartoum on Thursday. In a meeting with Sudanese President "
            "Ahmed Karim, Wu said China hopes for more dialogue.")
    meeting = next(e for e in events(nlp, text) if e["type"] == "meeting")
    assert {"Wu Tianming", "China", "Ahmed Karim", "Sudan"} <= parties(meeting)


def test_the_first_leader_to_visit_is_the_one_the_sentence_says_it_of(nlp):
    text = "Kenyan President Mwai Kibaki is the first Kenyan leader in ten years to visit Brazil, officials said on Monday."
    visit = next(e for e in events(nlp, text) if e["type"] == "visit")
    assert {"Mwai Kibaki", "Kenya", "Brazil"} <= parties(visit)


def test_officials_in_a_state_are_that_states(nlp):
    # the UN, a second side in the sentence, keeps the sentence's other states from filling in the partner
    text = ("Iraqi Oil Minister Salim Haddad held talks on Monday with senior officials in Italy, where the Senate "
            "voted to ease UN sanctions.")
    talks = next(e for e in events(nlp, text) if e["type"] == "meeting")
    assert {"Salim Haddad", "Iraq", "Italy"} <= parties(talks)



def test_a_summit_held_in_turn_by_members_has_its_host_state(nlp):
    text = "Thai Prime Minister Somchai Wongsa attended the APEC leaders' meeting in Lima on Saturday."
    summit = next(e for e in events(nlp, text) if e["type"] == "meeting")
    assert {"Somchai Wongsa", "Thailand", "Peru"} <= parties(summit)
    # at the body's seat, the city's state is not a host of its own
    text = "Georgian President Levan Beridze attended a Commonwealth of Independent States summit in Minsk on Friday."
    summit = next(e for e in events(nlp, text) if e["type"] == "meeting")
    assert "Belarus" not in parties(summit)


# ------------------------------------------------------------ a government's accord with armed groups

def test_a_faction_named_by_its_fighters_is_a_party_to_an_accord(nlp):
    (deal,) = [e for e in events(nlp, "The Colombian government signed the deal with the main guerrilla faction "
                                      "in Havana on June 3.") if e["type"] == "agreement"]
    assert "Colombia" in parties(deal) and any("guerrilla faction" in p for p in parties(deal))


def test_a_faction_of_no_fighters_is_no_party(nlp):
    found = events(nlp, "The Colombian government signed the deal with the main opposition faction in Havana on June 3.")
    assert not [e for e in found if e["type"] == "agreement"]


def test_an_armed_group_of_no_named_state_fights_in_the_state_it_faces(nlp):
    (truce,) = [e for e in events(nlp, "Colombia's government reached a truce with leftist militants in the south "
                                       "on Monday.") if e["type"] == "agreement"]
    militants = next(p for p in truce["participants"] if p["name"] == "leftist militants")
    assert (militants["country"], militants["code"]) == ("COL", "COL.UAF")


def test_the_government_alone_is_the_state_named_last(nlp):
    text = ("The minister will discuss the approach Mali is taking in its northern desert, where the government "
            "signed a peace accord with Tuareg rebels in March to end the fighting.")
    (deal,) = [e for e in events(nlp, text) if e["type"] == "agreement"]
    assert parties(deal) == {"Mali", "Tuareg rebels"}


def test_a_states_dated_name_is_written_as_the_article_writes_that_body(nlp):
    # the state of 2003 is named "Palestinian Authority", the name of a body this article writes out
    text = ("The Palestinian National Authority (PNA) said on Tuesday it would send a delegation to Amman.\n\n"
            "Palestinian and Jordanian officials signed a water-sharing accord in Amman on Wednesday, the Jordanian "
            "foreign ministry said.")
    accord = next(e for e in events(nlp, text, "2003-06-10") if e["type"] == "agreement")
    assert parties(accord) == {"Palestinian National Authority", "Jordan"}


def test_a_participant_written_as_a_two_letter_initialism_has_the_dictionarys_name(nlp):
    text = "The UN and Indonesia signed an agreement on aid to refugees in Jakarta on Monday, the foreign ministry said."
    accord = next(e for e in events(nlp, text, "2005-06-14") if e["type"] == "agreement")
    assert parties(accord) == {"United Nations", "Indonesia"}


def test_a_body_is_named_by_the_dictionarys_name_when_the_article_writes_it(nlp):
    text = ("Envoys of the Hezbollah movement held talks with Syrian officials in Damascus on Sunday. "
            "Hezbollah called the talks useful.")
    talks = next(e for e in events(nlp, text, "2008-03-10") if e["type"] == "meeting")
    assert {"Hezbollah", "Syria"} <= parties(talks) and "Hezbollah movement" not in parties(talks)


def test_a_meeting_told_again_has_the_officials_its_sentence_names(nlp):
    text = ("Leaders of the Gulf Cooperation Council began their yearly summit in Doha on Monday.\n\n"
            "The summit, delayed once, was declared open at noon by Qatari Emir Sheikh Hamad bin Khalifa al-Thani, "
            "the current chair of the GCC.\n\n"
            "The summit was shorter than last month's talks with Yemeni Foreign Minister Abu Bakr al-Qirbi.")
    summit = next(e for e in events(nlp, text, "2007-12-04") if "Gulf Cooperation Council" in parties(e))
    assert {"Hamad bin Khalifa al-Thani", "Qatar"} <= parties(summit)
    assert "Abu Bakr al-Qirbi" not in parties(summit)  # a party of the other talks the sentence names


def test_an_official_from_the_sentence_brings_the_body_of_the_title(nlp):
    text = ("UN Secretary General Ban Ki-moon on Monday welcomed the progress made in Geneva.\n\n"
            "Ban spoke to reporters at a briefing with Greek Prime Minister Costas Karamanlis after "
            "the forum's ministerial meeting in Athens.")
    meeting = next(e for e in events(nlp, text, "2007-11-13") if e["type"] == "meeting")
    assert {"Ban Ki-moon", "United Nations", "Greece"} <= parties(meeting)


def test_a_groups_summit_of_the_days_reported_has_the_leaders_of_its_members(nlp):
    text = ("Omani Sultan Qaboos bin Said arrived in Doha on Sunday evening.\n\n"
            "The yearly summit of the Gulf Cooperation Council opened in Doha on Monday.\n\n"
            "The previous summit of the Gulf Cooperation Council was held in Riyadh in December 2006.")
    found = [e for e in events(nlp, text, "2007-12-04") if "Gulf Cooperation Council" in parties(e)]
    assert {"Qaboos bin Said", "Oman"} <= parties(next(e for e in found if e["date"].startswith("2007")))
    assert "Qaboos bin Said" not in parties(next(e for e in found if e["date"].startswith("2006")))
