"""The actor dictionary (azdiplo/data/actors.jsonl) and its index (azdiplo.actors)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import spacy

from azdiplo.actors import KINDS, Actor, ActorIndex, is_acronym, norm_name, simple_tokenize

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "azdiplo" / "data" / "actors.jsonl"


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


@pytest.fixture(scope="module")
def nlp(index):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(index.patterns())
    return nlp


def ents(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


# ------------------------------------------------------------------ the data


def test_dictionary_is_well_formed(records):
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert ids == sorted(ids), "the file is sorted by id"
    known = set(ids)
    for r in records:
        assert r["kind"] in KINDS, r["id"]
        assert r["id"].isascii() and " " not in r["id"], r["id"]
        assert r["name"].strip() == r["name"] and r["name"], r["id"]
        assert r["parent"] is None or r["parent"] in known, r["id"]
        for role in r["roles"]:
            assert role["of"] is None or role["of"] in known, (r["id"], role)
            for key in ("from", "to"):
                assert role[key] is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", role[key]), (r["id"], role)
            if role["from"] and role["to"]:
                n = min(len(role["from"]), len(role["to"]))  # compared at the precision both have
                assert role["from"][:n] <= role["to"][:n], (r["id"], role)
        assert r["sources"], r["id"]


@pytest.mark.parametrize(
    "kind, pattern",
    [
        ("country", r"[A-Z]{3}"),
        ("organization", r"[A-Z0-9]+(-[A-Z0-9]+)*"),
        ("institution", r"[A-Z]{3}\.(GOV|LEG|MIL|JUD|COP|SPY|PTY|REB|UAF)\.[A-Z0-9-]+"),
        ("person", r"person:[a-z0-9]+(-[a-z0-9]+)*"),
    ],
)
def test_ids_follow_the_scheme(records, kind, pattern):
    bad = [r["id"] for r in records if r["kind"] == kind and not re.fullmatch(pattern, r["id"])]
    assert not bad


def test_counts_by_kind(records):
    counts = Counter(r["kind"] for r in records)
    # 193 UN members + Holy See + State of Palestine + Kosovo + Taiwan, and six former states
    # (Soviet Union, East Germany, Yugoslavia, Serbia and Montenegro, Czechoslovakia, South Yemen)
    assert counts["country"] == 197 + 6
    assert sum(1 for r in records if r["kind"] == "country" and r["until"]) == 6
    assert counts["organization"] >= 60
    assert counts["institution"] >= 150
    # 211 curated people and about 1,900 leaders of every state since the 1920s (REIGN)
    assert counts["person"] >= 2000


def test_no_territories_only_states(index):
    for not_a_state in ("PRI", "HKG", "GRL", "ESH", "ABW"):
        assert index.get(not_a_state) is None
    for observer_or_partly_recognized in ("VAT", "PSE", "XKX", "TWN"):
        assert index.get(observer_or_partly_recognized).kind == "country"


@pytest.mark.parametrize(
    "iso, name, demonym, capital",
    [
        ("AZE", "Azerbaijan", "Azeri", "Baku"),
        ("USA", "United States", "American", "Washington"),
        ("RUS", "Russia", "Russian", "Moscow"),
        ("GBR", "United Kingdom", "British", "London"),
        ("KAZ", "Kazakhstan", "Kazakhstani", "Astana"),
        ("BRA", "Brazil", "Brazilian", "Brasília"),
        ("CHL", "Chile", "Chilean", "Santiago"),
        ("FRA", "France", "French", "Paris"),
        ("IRN", "Iran", "Iranian", "Tehran"),
        ("KOR", "South Korea", "South Korean", "Seoul"),
        ("PRK", "North Korea", "North Korean", "Pyongyang"),
        ("SYR", "Syria", "Syrian", "Damascus"),
        ("VNM", "Vietnam", "Vietnamese", "Hanoi"),
        ("LAO", "Laos", "Laotian", "Vientiane"),
        ("MDA", "Moldova", "Moldovan", "Chișinău"),
        ("TZA", "Tanzania", "Tanzanian", "Dodoma"),
        ("BOL", "Bolivia", "Bolivian", "Sucre"),
        ("VEN", "Venezuela", "Venezuelan", "Caracas"),
        ("TUR", "Türkiye", "Turkish", "Ankara"),
        ("NGA", "Nigeria", "Nigerian", "Abuja"),
        ("NER", "Niger", "Nigerien", "Niamey"),
        ("ETH", "Ethiopia", "Ethiopian", "Addis Ababa"),
        ("FJI", "Fiji", "Fijian", "Suva"),
        ("UKR", "Ukraine", "Ukrainian", "Kyiv"),
        ("XKX", "Kosovo", "Kosovar", "Pristina"),
        ("TWN", "Taiwan", "Taiwanese", "Taipei"),
        ("PSE", "Palestine", "Palestinian", "Ramallah"),
    ],
)
def test_countries_spot_check(index, iso, name, demonym, capital):
    a = index.get(iso)
    assert (a.name, a.kind, a.code, a.country) == (name, "country", iso, iso)
    assert demonym in a.demonyms
    assert a.capital == capital


def test_country_names_come_from_pycountry_and_curation(index):
    # official names (pycountry), uninverted catalogue names, curated short forms
    assert "Republic of Azerbaijan" in index.get("AZE").aliases
    assert "Republic of Korea" in index.get("KOR").aliases
    assert "Democratic People's Republic of Korea" in index.get("PRK").aliases
    assert "Russian Federation" in index.get("RUS").aliases
    assert {"UK", "Britain", "Great Britain"} <= set(index.get("GBR").aliases)
    assert {"Turkey", "Turkiye"} <= set(index.get("TUR").aliases)
    assert "Czech Republic" in index.get("CZE").aliases
    assert "Ivory Coast" in index.get("CIV").aliases
    # "Congo" alone would be either Congo: neither claims it
    assert index.lookup("Congo") is None
    assert "Taiwan, Province of China" not in index.get("TWN").aliases


def test_organizations_and_their_parents(index):
    expect = {
        "UNSC": "UN", "UNGA": "UN", "NATO-PA": "NATO", "OSCE-PA": "OSCE", "PACE": "COE", "EP": "EU",
        "EC": "EU", "TURKPA": "OTS", "GUAM-PA": "GUAM", "PABSEC": "BSEC", "PUIC": "OIC", "CIS-PA": "CIS",
        "NAM-PN": "NAM-MOVEMENT",
    }
    for child, parent in expect.items():
        assert index.get(child).parent == parent, child
        assert index.get(child).kind == "organization"
    for acronym in ("OSCE", "NATO", "IPU", "APA", "ASEAN", "SCO", "BRICS", "CSTO", "CICA", "ECO", "OAS", "OECD"):
        assert index.lookup(acronym).kind == "organization", acronym
    assert index.get("NATO").code == "IGOWSTNAT"


def test_institutions_chain_to_their_parliament(index):
    committee = index.get("USA.LEG.HOUSE-FOREIGN-AFFAIRS")
    assert committee.parent == "USA.LEG.HOUSE"
    assert index.get("USA.LEG.HOUSE").parent == "USA.LEG.CONGRESS"
    assert committee.code == "USA.LEG" and committee.country == "USA"
    assert index.get("RUS.LEG.STATE-DUMA").parent == "RUS.LEG.FEDERAL-ASSEMBLY"
    assert index.get("AZE.GOV.MFA").coarse_kind == "organization"


def test_every_country_but_the_holy_see_has_a_foreign_ministry(index):
    countries = [a for a in index if a.kind == "country" and a.id != "VAT"]
    ministries = {a.country for a in index if a.kind == "institution" and a.code.endswith(".GOV") and (
        "Foreign" in a.name or "State" in a.name or "External" in a.name or "Global Affairs" in a.name
        or "International Relations" in a.name)}
    assert {c.id for c in countries} <= ministries


def test_people_have_dated_roles(index):
    aliyev = index.get("person:ilham-aliyev")
    assert aliyev.code == "AZE.GOV" and aliyev.country == "AZE"
    assert {"title": "President", "of": "AZE", "from": "2003-10-31", "to": None} in aliyev.roles
    assert "Aliyev" in aliyev.contextual_aliases and "Aliyev" not in aliyev.aliases
    gafarova = index.get("person:sahiba-gafarova")
    assert gafarova.code == "AZE.LEG" and gafarova.roles[0]["of"] == "AZE.LEG.MILLI-MAJLIS"
    stoltenberg = index.get("person:jens-stoltenberg")
    assert [r["title"] for r in stoltenberg.roles_on("2020-06-01")] == ["Secretary General"]
    assert stoltenberg.roles_on("2024-12-01") == []
    shekerinska = index.get("person:radmila-shekerinska")
    assert shekerinska.roles_on("2025-01-22")[0]["of"] == "NATO"
    assert shekerinska.country is None  # an IGO official acts for the IGO
    # surname-only forms are never plain aliases
    for a in index:
        if a.kind == "person":
            for alias in a.aliases:
                assert len(alias.split()) > 1 or is_acronym(alias), (a.id, alias)


# ------------------------------------------------------------------ lookup


@pytest.mark.parametrize(
    "query, expected",
    [
        ("north atlantic treaty organization", "NATO"),
        ("NATO", "NATO"),
        ("nato", "NATO"),
        ("the Alliance", "NATO"),
        ("The North Atlantic Treaty Organisation", "NATO"),
        ("Organization for Security and Co-operation in Europe", "OSCE"),
        ("organisation for security and cooperation in europe", "OSCE"),
        ("OSCE PA", "OSCE-PA"),
        ("  the   United   States ", "USA"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("usa", "USA"),
        ("American", "USA"),
        ("Azerbaijan’s", "AZE"),
        ("Azerbaijan's", "AZE"),
        ("AZE", "AZE"),
        ("aze", "AZE"),
        ("Azeri", "AZE"),
        ("official Baku", "AZE"),
        ("Baku", "AZE"),
        ("Turkey", "TUR"),
        ("Turkiye", "TUR"),
        ("Kiev", "UKR"),
        ("Milli Majlis", "AZE.LEG.MILLI-MAJLIS"),
        ("Azerbaijani parliament", "AZE.LEG.MILLI-MAJLIS"),
        ("the Parliament of Azerbaijan", "AZE.LEG.MILLI-MAJLIS"),
        ("AZE.LEG", "AZE.LEG.MILLI-MAJLIS"),
        ("German parliament", "DEU.LEG.BUNDESTAG"),
        ("Chilean Senate", "CHL.LEG.SENATE"),
        ("US Congress", "USA.LEG.CONGRESS"),
        ("House Foreign Affairs Committee", "USA.LEG.HOUSE-FOREIGN-AFFAIRS"),
        ("State Department", "USA.GOV.STATE-DEPT"),
        ("Kazakh Foreign Ministry", "KAZ.GOV.MFA"),
        ("Foreign Ministry of Brazil", "BRA.GOV.MFA"),
        ("Zambian MFA", "ZMB.GOV.MFA"),
        ("Recep Tayyip Erdogan", "person:recep-tayyip-erdogan"),
        ("ILHAM ALIEV", "person:ilham-aliyev"),
        ("person:ilham-aliyev", "person:ilham-aliyev"),
        ("Stoltenberg", "person:jens-stoltenberg"),
    ],
)
def test_lookup(index, query, expected):
    actor = index.lookup(query)
    assert actor is not None and actor.id == expected


def test_lookup_unknown_and_ambiguous(index):
    assert index.lookup("Atlantis") is None
    assert index.lookup("") is None
    # two Aliyevs: ambiguous, and lookup_all tells which
    assert index.lookup("Aliyev") is None
    assert {a.id for a in index.lookup_all("Aliyev")} == {"person:ilham-aliyev", "person:heydar-aliyev"}
    assert index.lookup("the Parliament") is None
    assert {"AZE.LEG.MILLI-MAJLIS", "EP", "GEO.LEG.PARLIAMENT"} <= {a.id for a in index.lookup_all("the Parliament")}
    # the better kind of match wins: "Brussels" is the EU in diplomatic
    # prose (contextual alias) before it is Belgium's capital
    assert [a.id for a in index.lookup_all("Brussels")] == ["EU", "BEL"]
    assert index.lookup("Brussels").id == "EU"


def test_norm_name():
    assert norm_name("The  Azerbaijan’s ") == "azerbaijan"
    assert norm_name("Netherlands'") == "netherlands"
    assert norm_name("“Türkiye”") == "turkiye"
    assert norm_name("EU–Azerbaijan") == "eu-azerbaijan"
    assert norm_name("Theodoros") == "theodoros"  # "the" only as a word


@pytest.mark.parametrize(
    "typo, expected",
    [
        ("Azerbijan", "Azerbaijan"),
        ("NAOT", "NATO"),
        ("Kazakstan", "Kazakhstan"),
        ("Untied States", "United States"),
        ("Milli Majlys", "Milli Majlis"),
        ("Stoltenburg", "Jens Stoltenberg"),
        ("europen union", "European Union"),
    ],
)
def test_suggest(index, typo, expected):
    assert index.lookup(typo) is None
    assert index.suggest(typo)[0] == expected


def test_suggest_nothing_close(index):
    assert index.suggest("xyzzy plugh") == []
    assert len(index.suggest("Parliment", limit=2)) <= 2


# ------------------------------------------------------------------ members


def test_members_of_azerbaijan(index):
    members = index.members("AZE")
    assert {
        "AZE",
        "AZE.LEG.MILLI-MAJLIS",
        "AZE.LEG.MM-INTERNATIONAL-RELATIONS",
        "AZE.LEG.MM-DEFENSE-SECURITY",
        "AZE.GOV.MFA",
        "person:ilham-aliyev",
        "person:sahiba-gafarova",
    } <= members
    assert not {"NATO", "ARM", "person:nikol-pashinyan", "EU-AZE-COOPERATION-COUNCIL"} & members
    assert index.members("aze") == members
    assert index.members("ZZZ") == set()


def test_members_follow_parents_of_institutions_without_a_country():
    index = ActorIndex(
        [
            Actor(id="XAA", name="Xland", kind="country", code="XAA", country="XAA"),
            Actor(id="XAA.LEG.P", name="Xland Parliament", kind="institution", country="XAA"),
            Actor(id="XAA.LEG.P-COMMITTEE", name="Committee", kind="institution", parent="XAA.LEG.P"),
            Actor(id="ORG", name="Org", kind="organization"),
        ]
    )
    assert index.members("XAA") == {"XAA", "XAA.LEG.P", "XAA.LEG.P-COMMITTEE"}


# ------------------------------------------------------------------ loading and user files


def test_load_is_cached(index):
    assert ActorIndex.load() is index
    assert len(index) == len(list(index)) > 800
    assert [a.id for a in index] == sorted(a.id for a in index)


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_user_file_extends_and_overrides(tmp_path, index):
    user = write(
        tmp_path / "actors.jsonl",
        "# local additions",
        json.dumps({"id": "AZE.LEG.MILLI-MAJLIS", "aliases": ["Azerbaijani legislature body"]}),
        json.dumps({"id": "person:samad-seyidov", "name": "Samad Seyidov", "aliases": ["S. Seyidov"],
                    "roles": [{"title": "Chairman", "of": "AZE.LEG.MM-INTERNATIONAL-RELATIONS",
                               "from": "2006", "to": None}]}),
        json.dumps({"id": "person:kamran-bayramov", "name": "Kamran Bayramov", "kind": "person",
                    "code": "AZE.LEG", "country": "AZE"}),
        json.dumps({"id": "NATO", "replace": True, "name": "North Atlantic Treaty Organization",
                    "kind": "organization", "aliases": ["NATO"]}),
        "",
    )
    extended = ActorIndex.load([user])
    assert ActorIndex.load([user]) is extended
    majlis = extended.get("AZE.LEG.MILLI-MAJLIS")
    # lists are extended, everything else kept
    assert majlis.aliases[-1] == "Azerbaijani legislature body"
    assert set(index.get("AZE.LEG.MILLI-MAJLIS").aliases) < set(majlis.aliases)
    assert majlis.sources == ("curated", "user:actors.jsonl")
    assert extended.lookup("azerbaijani legislature body").id == "AZE.LEG.MILLI-MAJLIS"
    # scalar fields replace, roles append
    seyidov = extended.get("person:samad-seyidov")
    assert len(seyidov.roles) == 2 and seyidov.roles[-1]["from"] == "2006"
    # a new actor
    assert extended.lookup("Kamran Bayramov").id == "person:kamran-bayramov"
    assert "person:kamran-bayramov" in extended.members("AZE")
    # a replaced actor lost its packaged aliases
    nato = extended.get("NATO")
    assert nato.name == "North Atlantic Treaty Organization" and nato.aliases == ("NATO",)
    assert extended.lookup("the Alliance") is None
    # the packaged index is untouched
    assert index.get("NATO").name == "NATO" and index.lookup("Kamran Bayramov") is None
    assert extended.digest != index.digest


def test_later_files_win(tmp_path):
    a = write(tmp_path / "a.jsonl", json.dumps({"id": "X-ORG", "name": "First", "kind": "organization"}))
    b = write(tmp_path / "b.jsonl", json.dumps({"id": "X-ORG", "name": "Second", "kind": "organization"}))
    assert ActorIndex.load([a, b]).get("X-ORG").name == "Second"
    assert ActorIndex.load([b, a]).get("X-ORG").name == "First"


def test_editing_a_user_file_reloads_it(tmp_path):
    f = write(tmp_path / "a.jsonl", json.dumps({"id": "X-ORG", "name": "First", "kind": "organization"}))
    assert ActorIndex.load([f]).get("X-ORG").name == "First"
    write(f, json.dumps({"id": "X-ORG", "name": "Second edition", "kind": "organization"}))
    assert ActorIndex.load([f]).get("X-ORG").name == "Second edition"


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"id": "X", "name": "X", "kind": "organization"', "invalid JSON"),
        ('["X"]', "must be a JSON object"),
        ('{"name": "No id", "kind": "organization"}', "'id'"),
        ('{"id": "has space", "name": "X", "kind": "organization"}', "'id'"),
        ('{"id": "X-NEW", "name": "X"}', "needs 'name' and 'kind'"),
        ('{"id": "X-NEW", "name": "X", "kind": "party"}', "'kind' must be one of"),
        ('{"id": "X-NEW", "name": "X", "kind": "organization", "alias": ["Y"]}', "unknown field(s) ['alias']"),
        ('{"id": "NATO", "aliases": "the Alliance"}', "'aliases' must be a list"),
        ('{"id": "NATO", "parent": "NO-SUCH-ID"}', "parent 'NO-SUCH-ID'"),
        ('{"id": "NATO", "roles": [{"title": "x", "from": "May 2020"}]}', "YYYY"),
        ('{"id": "NATO", "roles": [{"title": "x", "of": "NOWHERE"}]}', "role 'of' 'NOWHERE'"),
        ('{"id": "AZE", "names": [{"name": "Azerbaijan SSR", "to": "Aug 1991"}]}', "YYYY"),
        ('{"id": "AZE", "names": ["Azerbaijan SSR"]}', "non-empty string 'name'"),
    ],
)
def test_malformed_user_file(tmp_path, line, message):
    f = write(tmp_path / "bad.jsonl", json.dumps({"id": "AZE", "aliases": ["Azerbaycan"]}), line)
    with pytest.raises(ValueError) as err:
        ActorIndex.load([f])
    assert str(err.value).startswith(f"{f.resolve()}:2: ")
    assert message in str(err.value)


def test_a_state_is_named_as_it_was_called_on_the_date(tmp_path, index):
    palestine = index.get("PSE")
    assert palestine.name_on("2005-11-16") == "Palestinian Authority"
    assert palestine.name_on("1987-03") == palestine.name_on("2015-11-17") == palestine.name_on(None) == "Palestine"
    # renamed states keep their earlier English names for earlier dates
    assert index.get("TUR").name_on("2007-11-13") == "Turkey" and index.get("TUR").name_on("2023") == "Türkiye"
    assert index.get("MKD").name_on("2001") == "Macedonia" and index.get("SWZ").name_on("2010") == "Swaziland"
    f = write(tmp_path / "names.jsonl", json.dumps({"id": "AZE", "names": [{"name": "Azerbaijan SSR", "from": "1936",
                                                                              "to": "1991-08-30"}]}))
    assert ActorIndex.load([f]).get("AZE").name_on("1990") == "Azerbaijan SSR"


def test_missing_user_file(tmp_path):
    with pytest.raises(ValueError, match="cannot read actor file"):
        ActorIndex.load([tmp_path / "nope.jsonl"])


def test_actor_round_trip(index):
    for actor_id in ("AZE", "NATO", "USA.LEG.HOUSE-FOREIGN-AFFAIRS", "person:ilham-aliyev"):
        actor = index.get(actor_id)
        assert Actor.from_dict(json.loads(json.dumps(actor.to_dict()))) == actor
    assert len({index.get("person:ilham-aliyev"), index.get("person:ilham-aliyev"), index.get("AZE")}) == 2
    assert index.get("USA.LEG.CONGRESS").coarse_kind == "organization"
    assert index.get("USA").coarse_kind == "country"


def test_index_module_imports_neither_spacy_nor_pycountry():
    code = "import sys, azdiplo.actors as a; a.ActorIndex.load().patterns(); print(sorted({'spacy', 'pycountry'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.slow  # rebuilds the whole dictionary in a subprocess
def test_committed_dictionary_matches_its_sources():
    pytest.importorskip("pycountry", reason="pycountry is a build-time (dev) dependency")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_actors.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------ patterns


def test_default_tokenizer_agrees_with_spacy(index):
    tokenizer = spacy.blank("en").tokenizer
    forms = {f for a in index for f in (a.name, *a.aliases, *a.demonyms, *a.contextual_aliases, a.capital) if f}
    disagree = [f for f in sorted(forms) if simple_tokenize(f) != [t.text for t in tokenizer(f)]]
    assert not disagree
    assert simple_tokenize("U.S.") == ["U.S."]
    assert simple_tokenize("Co-operation") == ["Co", "-", "operation"]
    assert simple_tokenize("Organization's") == ["Organization", "'s"]
    assert simple_tokenize("(OSCE PA),") == ["(", "OSCE", "PA", ")", ","]


def test_patterns_shape(index):
    patterns = index.patterns()
    assert patterns == index.patterns(), "deterministic"
    assert all(set(p) == {"label", "pattern", "id"} for p in patterns)
    assert {p["label"] for p in patterns} == {"GPE", "ORG", "NORP", "PERSON"}
    by_form = {(p["id"], json.dumps(p["pattern"])) for p in patterns}
    assert ("USA", json.dumps([{"ORTH": "US"}])) in by_form
    assert ("USA", json.dumps([{"ORTH": "U.S."}])) in by_form
    assert ("NATO", json.dumps([{"LOWER": "north"}, {"LOWER": "atlantic"}, {"LOWER": "treaty"},
                                {"LOWER": "organization"}])) in by_form
    assert ("TUR", json.dumps([{"ORTH": "Turkey"}])) in by_form
    # contextual forms are not in the plain patterns
    assert not any(p["id"] == "NATO" and p["pattern"][0].get("LOWER") == "the" for p in patterns)


def test_patterns_with_a_custom_tokenizer(index):
    spacy_tok = spacy.blank("en").tokenizer
    patterns = index.patterns(tokenize=lambda s: [t.text for t in spacy_tok(s)])
    assert len(patterns) == len(index.patterns())


def test_contextual_patterns(index):
    patterns = index.contextual_patterns()
    found = {(p["label"], p["id"], json.dumps(p["pattern"])) for p in patterns}
    assert ("ORG", "NATO", json.dumps([{"LOWER": "the"}, {"LOWER": "alliance"}])) in found
    assert ("GPE", "AZE", json.dumps([{"LOWER": "baku"}])) in found
    assert ("GPE", "AZE", json.dumps([{"LOWER": "official"}, {"LOWER": "baku"}])) in found
    assert ("PERSON", "person:ilham-aliyev", json.dumps([{"LOWER": "aliyev"}])) in found
    assert ("ORG", "AZE.LEG.MILLI-MAJLIS", json.dumps([{"LOWER": "the"}, {"LOWER": "parliament"}])) in found
    plain = {(p["id"], json.dumps(p["pattern"])) for p in index.patterns()}
    assert not {(i, pat) for _, i, pat in found} & plain


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The US will join us in Baku.", [("US", "GPE", "USA")]),
        ("Talks between the U.S. and Azerbaijan resumed.", [("U.S.", "GPE", "USA"), ("Azerbaijan", "GPE", "AZE")]),
        ("Envoys of the United States of America arrived.", [("United States of America", "GPE", "USA")]),
        (
            "Azerbaijan has cooperated with the North Atlantic Treaty Organization for 30 years.",
            [("Azerbaijan", "GPE", "AZE"), ("North Atlantic Treaty Organization", "ORG", "NATO")],
        ),
        (
            "Observers from the Organization for Security and Co-operation in Europe (OSCE) arrived.",
            [("Organization for Security and Co-operation in Europe", "ORG", "OSCE"), ("OSCE", "ORG", "OSCE")],
        ),
        ("KYIV — The Verkhovna Rada ratified the deal.", [("Verkhovna Rada", "ORG", "UKR.LEG.VERKHOVNA-RADA")]),
        ("SANTIAGO — The Chilean Senate approved the treaty.", [("Chilean Senate", "ORG", "CHL.LEG.SENATE")]),
        (
            "Azerbaijan’s Milli Majlis hosted a US congressional delegation.",
            [("Azerbaijan’s Milli Majlis", "ORG", "AZE.LEG.MILLI-MAJLIS"), ("US", "GPE", "USA")],
        ),
        (
            "Members of the US House of Representatives Committee on Foreign Affairs visited.",
            [("US House of Representatives Committee on Foreign Affairs", "ORG", "USA.LEG.HOUSE-FOREIGN-AFFAIRS")],
        ),
        (
            "Kazakh President Kassym-Jomart Tokayev received Brazilian envoys.",
            [("Kazakh", "NORP", "KAZ"), ("Kassym-Jomart Tokayev", "PERSON", "person:kassym-jomart-tokayev"),
             ("Brazilian", "NORP", "BRA")],
        ),
        (
            "NATO Deputy Secretary General Radmila Shekerinska met Sahiba Gafarova.",
            [("NATO", "ORG", "NATO"), ("Radmila Shekerinska", "PERSON", "person:radmila-shekerinska"),
             ("Sahiba Gafarova", "PERSON", "person:sahiba-gafarova")],
        ),
        (
            "The Parliamentary Assembly of the Council of Europe (PACE) and TURKPA met in Strasbourg.",
            [("Parliamentary Assembly of the Council of Europe", "ORG", "PACE"), ("PACE", "ORG", "PACE"),
             ("TURKPA", "ORG", "TURKPA")],
        ),
        ("Lagos hosted ECOWAS ministers.", [("ECOWAS", "ORG", "ECOWAS")]),
        (
            "The German parliament and the Japanese Diet sent delegations.",
            [("German parliament", "ORG", "DEU.LEG.BUNDESTAG"), ("Japanese Diet", "ORG", "JPN.LEG.DIET")],
        ),
        ("We had roast turkey on fine china; polish the silver.", []),
        ("Send the eta; the ira and farc files will mend it.", []),
        ("The FARC and the ELN met in Havana.", [("FARC", "ORG", "COL.REB.FARC"), ("ELN", "ORG", "COL.REB.ELN")]),
        ("TURKEY AND CHINA SIGN DEAL", [("TURKEY", "GPE", "TUR"), ("CHINA", "GPE", "CHN")]),
        ("Who said that? The WHO did.", [("WHO", "ORG", "WHO")]),
        ("Chilean and Vietnamese diplomats met.", [("Chilean", "NORP", "CHL"), ("Vietnamese", "NORP", "VNM")]),
        (
            "The EU–Azerbaijan Cooperation Council met in Brussels.",
            [("EU–Azerbaijan Cooperation Council", "ORG", "EU-AZE-COOPERATION-COUNCIL")],
        ),
    ],
)
def test_entity_ruler_recognizes_actors(nlp, text, expected):
    assert ents(nlp, text) == expected


def test_contextual_patterns_in_a_ruler(index):
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(index.contextual_patterns())
    found = ents(nlp, "The Alliance thanked official Baku.")
    assert ("The Alliance", "ORG", "NATO") in found
    assert ("official Baku", "GPE", "AZE") in found
