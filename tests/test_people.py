"""People with roles and affiliations, and references resolved inside an article.

Sentences written for the tests, in the style of news from many regions; the
real pipeline runs on each (the ``azdiplo_people`` component's output).
"""

from __future__ import annotations

import pytest

from azdiplo.corpus import make_article
from azdiplo.extract import extract
from azdiplo.nlp.pipeline import build


@pytest.fixture(scope="module")
def nlp():
    return build()


def actors(nlp, text):
    return nlp(text)._.actors


def person(nlp, text, name):
    found = [a for a in actors(nlp, text) if a["kind"] == "person" and a["name"] == name]
    assert found, [a["name"] for a in actors(nlp, text)]
    return found[0]


def test_title_before_the_name_with_the_organization(nlp):
    p = person(nlp, "OSCE Deputy Secretary General Kate Fearon arrived in Tbilisi.", "Kate Fearon")
    assert p["role"] == "Deputy Secretary General"
    assert p["organization"] == "Organization for Security and Co-operation in Europe"
    assert p.get("id") is None, "a person outside the dictionary is still an actor"


def test_apposition_after_the_name_gives_role_body_and_country(nlp):
    text = ("Maria Jose Lopez, Chairwoman of the Foreign Relations Committee of the Chilean Senate, met the "
            "ambassador.")
    p = person(nlp, text, "Maria Jose Lopez")
    assert p["role"].startswith("Chairwoman of the Foreign Relations Committee")
    assert p["country"] == "CHL"


def test_demonym_and_member_title_give_the_country(nlp):
    p = person(nlp, "Kazakh MP Aidos Sarym said the talks were useful.", "Aidos Sarym")
    assert p["role"] == "MP" and p["country"] == "KAZ"


def test_former_office_holder_with_a_hyphenated_title(nlp):
    p = person(nlp, "Former UN Secretary-General Ban Ki-moon visited Seoul.", "Ban Ki-moon")
    assert p["role"] == "Former Secretary-General" and p["organization"] == "United Nations"


def test_counterpart_takes_the_demonym_country(nlp):
    p = person(nlp, "Foreign Minister Lavrov met his French counterpart Jean-Noel Barrot in Paris.", "Jean-Noël Barrot")
    assert p["country"] == "FRA"


def test_speaker_of_a_parliament(nlp):
    p = person(nlp, "The Speaker of the Verkhovna Rada Ruslan Stefanchuk received the delegation.", "Ruslan Stefanchuk")
    assert p["role"] == "Speaker" and p["organization"] == "Verkhovna Rada" and p["country"] == "UKR"


def test_a_surname_later_in_the_article_is_the_full_name(nlp):
    found = actors(nlp, "President Cyril Ramaphosa spoke to reporters. Ramaphosa later met the delegation.")
    assert [a["name"] for a in found if a["kind"] == "person"] == ["Cyril Ramaphosa", "Cyril Ramaphosa"]
    assert found[-1]["text"] == "Ramaphosa" and found[-1]["how"] == "reference"


def test_an_unknown_surname_resolves_to_the_full_name_in_the_article(nlp):
    found = actors(nlp, "Chilean Senator Ximena Rincon Gonzalez arrived in Madrid. Rincon Gonzalez then met officials.")
    people = {a["text"]: a["name"] for a in found if a["kind"] == "person"}
    assert people["Rincon Gonzalez"] == "Ximena Rincon Gonzalez"


def test_the_alliance_is_nato_only_when_nato_is_named(nlp):
    with_nato = actors(nlp, "NATO ministers met in Brussels. The Alliance pledged more support to Kyiv.")
    assert [a["id"] for a in with_nato if a["text"] == "Alliance"] == ["NATO"]
    without = actors(nlp, "The Alliance pledged more support to its members.")
    assert not [a for a in without if a.get("id") == "NATO"]


def test_a_parliament_named_by_its_country(nlp):
    found = actors(nlp, "Ghanaian lawmakers met a delegation of the Nigerian parliament in Accra.")
    assert any(a.get("id") == "NGA.LEG.NATIONAL-ASSEMBLY" for a in found)


@pytest.mark.parametrize("text, kind", [
    ("Experts say Eurasia's transport map will change.", None),
    ("The delegation visited Yerevan on Monday.", None),
    ("Ships crossed the South China Sea.", None),
])
def test_places_the_small_model_mislabels_are_not_actors(nlp, text, kind):
    found = actors(nlp, text)
    assert not [a for a in found if a["name"] in ("Eurasia", "Yerevan", "China")]


def test_us_lower_case_and_turkey_the_bird_are_not_countries(nlp):
    found = actors(nlp, "Join us for turkey at the dinner, and then the US delegation leaves for Turkey.")
    ids = [a.get("id") for a in found]
    assert ids.count("USA") == 1 and ids.count("TUR") == 1


def test_every_actor_carries_its_sector_and_cameo_style_code(nlp):
    text = ("Turkish Foreign Minister Hakan Fidan met NATO Secretary General Mark Rutte and members of the "
            "Milli Majlis in Baku on Monday.")
    found = {a["name"]: a for a in actors(nlp, text)}
    assert (found["Hakan Fidan"]["sector"], found["Hakan Fidan"]["code"]) == ("GOV", "TUR.GOV")
    assert (found["Mark Rutte"]["sector"], found["Mark Rutte"]["code"]) == ("IGO", "IGOWSTNAT")
    assert (found["NATO"]["sector"], found["NATO"]["code"]) == ("IGO", "IGOWSTNAT")
    assert (found["Milli Majlis"]["sector"], found["Milli Majlis"]["code"]) == ("LEG", "AZE.LEG")
    assert found["Türkiye"]["code"] == "TUR" and "sector" not in found["Türkiye"], "the state as a whole"


def test_a_dictionary_persons_code_is_the_one_of_the_role_held_on_the_articles_date(nlp):
    from azdiplo.extract import make_doc
    from azdiplo.models import Article

    text = "Jens Stoltenberg met Boris Tadic in Oslo."
    as_nato = nlp(make_doc(nlp, Article(id="a", text=text, published="2016-05-02")))._.actors
    as_norway = nlp(make_doc(nlp, Article(id="b", text=text, published="2010-05-02")))._.actors
    stoltenberg = [a for a in as_nato if a["name"] == "Jens Stoltenberg"][0]
    assert stoltenberg["code"] == "IGOWSTNAT"
    stoltenberg = [a for a in as_norway if a["name"] == "Jens Stoltenberg"][0]
    assert (stoltenberg["country"], stoltenberg["code"]) == ("NOR", "NOR.GOV")


@pytest.mark.parametrize("text, city", [
    ("French President Jacques Chirac visited Lyon on Monday.", "Lyon"),
    ("British Prime Minister Tony Blair will visit Manchester on Tuesday.", "Manchester"),
])
def test_a_city_the_model_reads_as_a_person_is_a_place_where_a_place_stands(nlp, text, city):
    doc = nlp(text)
    assert city not in [a["name"] for a in doc._.actors if a["kind"] == "person"]
    article = make_article(text, article_id="t", record_published="2004-05-03")
    (result,) = list(extract(nlp, [article]))
    # a leader visiting a city of his own state is domestic, not a diplomatic visit
    assert not [m for m in result.mentions if m.type == "visit"], result.mentions
