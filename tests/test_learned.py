"""What the corpus teaches: people learned from a store's articles (taught, reused,
corrected, conflicting, forgotten), never over the curated dictionary. Sentences and names
written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from azdiplo import learned
from azdiplo.actors import ActorIndex
from azdiplo.cli import app
from azdiplo.extract import make_doc, result_of
from azdiplo.models import Article
from azdiplo.nlp.pipeline import build
from azdiplo.store.learned import learned_problems, read_learned, write_learned


def lesson(name, country, role="Foreign Minister", sector="GOV", text=None):
    return {"name": name, "country": country, "role": role, "sector": sector,
            "text": text or f"{country} {role} {name}", "start": 0, "end": 10}


# ------------------------------------------------------------------ the entries (no model)


def test_an_article_teaches_a_person_with_state_role_article_and_date():
    entries = {}
    assert learned.teach(entries, [("a1", "2023-05-02", [lesson("Ratna Wulandari", "IDN")])])
    e = entries["learned:ratna-wulandari"]
    assert (e["country"], e["code"], e["learned"]["status"]) == ("IDN", "IDN.GOV", "learned")
    assert e["roles"] == [{"title": "Foreign Minister", "of": "IDN", "from": "2023-05-02", "to": "2023-05-02"}]
    assert e["contextual_aliases"] == ["Wulandari"]
    assert [(x["article"], x["published"]) for x in e["learned"]["evidence"]] == [("a1", "2023-05-02")]


def test_later_articles_date_the_roles_they_give():
    entries = {}
    learned.teach(entries, [("a1", "2019-06-01", [lesson("Ratna Wulandari", "IDN", "Trade Minister")])])
    learned.teach(entries, [("a2", "2023-05-02", [lesson("Ratna Wulandari", "IDN")]),
                            ("a3", "2024-02-01", [lesson("Ratna Wulandari", "IDN")])])
    roles = entries["learned:ratna-wulandari"]["roles"]
    assert [(r["title"], r["from"], r["to"]) for r in roles] == [
        ("Trade Minister", "2019-06-01", "2019-06-01"), ("Foreign Minister", "2023-05-02", "2024-02-01")]


def test_two_states_for_one_name_are_a_conflict_shown_not_merged():
    entries = {}
    learned.teach(entries, [("a1", "2023-05-02", [lesson("Ratna Wulandari", "IDN")]),
                            ("a2", "2024-01-05", [lesson("Ratna Wulandari", "MYS")])])
    e = entries["learned:ratna-wulandari"]
    assert e["learned"]["status"] == "conflict" and e["country"] is None and not learned.is_active(e)
    assert {x["country"] for x in learned.conflicts(e)} == {"IDN", "MYS"}
    with pytest.raises(learned.LearnedError):
        learned.confirm(e)


def test_a_correction_settles_a_conflict_and_later_evidence_does_not_undo_it():
    entries = {}
    learned.teach(entries, [("a1", "2023-05-02", [lesson("Ratna Wulandari", "IDN")]),
                            ("a2", "2024-01-05", [lesson("Ratna Wulandari", "MYS")])])
    learned.correct(entries["learned:ratna-wulandari"], country="IDN", role="Foreign Minister")
    learned.teach(entries, [("a3", "2024-03-01", [lesson("Ratna Wulandari", "MYS")])])
    e = entries["learned:ratna-wulandari"]
    assert (e["learned"]["status"], e["country"], e["code"]) == ("corrected", "IDN", "IDN.GOV")
    assert [x["article"] for x in learned.conflicts(e)] == ["a2", "a3"], "the disagreeing evidence stays visible"


def test_an_article_extracted_again_replaces_what_it_taught():
    entries = {}
    learned.teach(entries, [("a1", "2023-05-02", [lesson("Ratna Wulandari", "MYS")])])
    learned.teach(entries, [("a1", "2023-05-02", [lesson("Ratna Wulandari", "IDN")])])
    e = entries["learned:ratna-wulandari"]
    assert (e["country"], len(e["learned"]["evidence"])) == ("IDN", 1)
    learned.teach(entries, [("a1", "2023-05-02", [])])
    assert not entries, "nothing teaches it any longer"


def test_a_forgotten_person_is_not_learned_again():
    entries = {}
    learned.teach(entries, [("a1", "2023-05-02", [lesson("Ratna Wulandari", "IDN")])])
    learned.forget(learned.find(entries, "Wulandari"))
    learned.teach(entries, [("a2", "2024-05-02", [lesson("Ratna Wulandari", "IDN")])])
    e = entries["learned:ratna-wulandari"]
    assert e["learned"]["status"] == "forgotten" and not learned.is_active(e)


def test_a_surname_two_learned_people_share_must_be_given_in_full():
    entries = {}
    learned.teach(entries, [("a1", "2023-05-02", [lesson("Ratna Wulandari", "IDN"), lesson("Dewi Wulandari", "IDN")])])
    with pytest.raises(learned.LearnedError) as exc:
        learned.find(entries, "Wulandari")
    assert "full name" in exc.value.hint
    assert learned.find(entries, "dewi wulandari")["name"] == "Dewi Wulandari"


def test_a_family_name_first_state_repeats_the_first_word():
    entries = {}
    learned.teach(entries, [("a1", "2023-05-02", [lesson("Zhao Minghua", "CHN")])])
    assert entries["learned:zhao-minghua"]["contextual_aliases"] == ["Zhao"]


# ------------------------------------------------------------------ the file and the dictionary


def test_the_file_round_trips_and_passes_its_schema(tmp_path):
    entries = {}
    learned.teach(entries, [("a1", "2023-05-02", [lesson("Ratna Wulandari", "IDN"), lesson("Kenji Morimoto", "JPN")])])
    path = tmp_path / "learned.jsonl"
    write_learned(path, entries)
    assert read_learned(path) == entries
    assert learned_problems(path) == []
    lines = path.read_text().splitlines()
    bad = json.loads(lines[0])
    bad["learned"]["status"] = "sure"
    path.write_text(json.dumps(bad) + "\n" + lines[1] + "\n")
    problems = learned_problems(path)
    assert len(problems) == 1 and "line 1" in problems[0] and "status" in problems[0]


def test_active_entries_join_the_dictionary_and_never_override_it(tmp_path):
    entries = {}
    learned.teach(entries, [("a1", "2023-05-02", [lesson("Ratna Wulandari", "IDN"), lesson("Ilham Aliyev", "ARM"),
                                                  lesson("Kenji Morimoto", "JPN")]),
                            ("a2", "2023-06-02", [lesson("Kenji Morimoto", "KOR")])])
    path = tmp_path / "learned.jsonl"
    write_learned(path, entries)
    index = ActorIndex.load([], learned=path)
    ratna = index.get("learned:ratna-wulandari")
    assert ratna is not None and ratna.learned and ratna.country == "IDN"
    assert index.get("learned:ilham-aliyev") is None, "a name of the curated dictionary is never learned over"
    assert index.lookup("Ilham Aliyev").id == "person:ilham-aliyev"
    assert index.get("learned:kenji-morimoto") is None, "in conflict: names nobody"
    assert "learned:ratna-wulandari" not in {p["id"] for p in index.phrase_patterns()}, "never a ruler pattern"


# ------------------------------------------------------------------ the pipeline


@pytest.fixture(scope="module")
def nlp():
    return build()


def run(nlp, text, published):
    article = Article(id="t", text=text, published=published)
    return result_of(nlp(make_doc(nlp, article)), article)


def test_a_title_and_a_state_before_a_new_name_are_a_lesson(nlp):
    text = "Indonesian Foreign Minister Ratna Wulandari met Japanese officials in Jakarta on Tuesday."
    got = run(nlp, text, "2023-05-02").lessons
    assert [(x["name"], x["country"], x["role"], x["sector"]) for x in got] == [
        ("Ratna Wulandari", "IDN", "Foreign Minister", "GOV")]
    assert text[got[0]["start"] : got[0]["end"]] == got[0]["text"] == "Indonesian Foreign Minister Ratna Wulandari"


def test_a_state_after_the_name_teaches_too(nlp):
    got = run(nlp, "Ratna Wulandari, Indonesia's foreign minister, arrived in Tokyo on Monday.", "2023-05-02").lessons
    assert [(x["name"], x["country"]) for x in got] == [("Ratna Wulandari", "IDN")]


def test_the_dictionarys_people_and_guessed_states_teach_nothing(nlp):
    # Hakan Fidan is in the dictionary; Ahmet Kaya's state would only be guessed from the article
    text = ("Turkish Foreign Minister Hakan Fidan met Iraqi officials. "
            "ANKARA officials said Interior Minister Ahmet Kaya would join the talks in Turkey.")
    assert run(nlp, text, "2024-05-02").lessons == []


def test_what_was_learned_names_the_person_in_a_later_article(nlp, tmp_path):
    entries = {}
    learned.teach(entries, [("a1", "2023-05-02", [lesson("Ratna Wulandari", "IDN")])])
    path = tmp_path / "learned.jsonl"
    write_learned(path, entries)
    taught = build(learned=path)
    later = "Wulandari held talks with Australian officials in Canberra on Tuesday, Indonesia said."
    r = next(a for a in run(taught, later, "2023-06-10").actors if a["kind"] == "person")
    assert (r["id"], r["country"], r["role"], r["code"]) == ("learned:ratna-wulandari", "IDN", "Foreign Minister", "IDN.GOV")
    unrelated = "Wulandari won the tennis final in Melbourne on Sunday."
    assert all(a.get("id") != "learned:ratna-wulandari" for a in run(taught, unrelated, "2023-06-10").actors), \
        "a surname alone, in an article that does not name the state"


# ------------------------------------------------------------------ through the command line


@pytest.mark.slow  # three ingests with the model
def test_taught_reused_corrected_and_verified_through_the_cli(tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    first, second, third = (tmp_path / n for n in ("first", "second", "third"))
    for folder in (first, second, third):
        folder.mkdir()
    (first / "a.txt").write_text("date 2023-05-02\n\nIndonesian Foreign Minister Ratna Wulandari met Japanese "
                                 "Foreign Minister Kenji Morimoto in Jakarta on Tuesday.\n")
    (second / "b.txt").write_text("date 2024-01-05\n\nMalaysian Foreign Minister Kenji Morimoto visited Tokyo on Friday.\n")
    (third / "c.txt").write_text("date 2023-06-10\n\nWulandari held talks with Australian Foreign Minister Penny Wong "
                                 "in Canberra on Tuesday, Indonesia said.\n")
    for folder in (first, second, third):
        assert runner.invoke(app, ["ingest", str(folder), "--store", str(store)]).exit_code == 0

    listed = runner.invoke(app, ["actors", "--learned", "--store", str(store), "--format", "json"])
    rows = {r["name"]: r for r in json.loads(listed.stdout)}
    assert rows["Ratna Wulandari"]["status"] == "learned" and rows["Ratna Wulandari"]["country"] == "IDN"
    assert rows["Kenji Morimoto"]["status"] == "conflict" and rows["Kenji Morimoto"]["conflicting"] == 2
    assert rows["Ratna Wulandari"]["evidence"][0]["text"] == "Indonesian Foreign Minister Ratna Wulandari"

    events = json.loads(runner.invoke(app, ["events", "--store", str(store), "--country", "IDN", "--format", "json"]).stdout)
    canberra = [e for e in events if e.get("place") == "Canberra"]
    assert canberra and any(p.get("id") == "learned:ratna-wulandari" for p in canberra[0]["participants"])

    confirm = runner.invoke(app, ["learned", "confirm", "Morimoto", "--store", str(store)])
    assert confirm.exit_code == 2 and "disagrees" in confirm.stderr
    corrected = runner.invoke(app, ["learned", "correct", "Morimoto", "--country", "Japan", "--store", str(store)])
    assert corrected.exit_code == 0, corrected.stderr
    assert read_learned(store / "learned.jsonl")["learned:kenji-morimoto"]["country"] == "JPN"
    assert runner.invoke(app, ["learned", "forget", "Nobody", "--store", str(store)]).exit_code == 6

    profile = json.loads(runner.invoke(app, ["actor", "Wulandari", "--store", str(store), "--format", "json"]).stdout)
    assert profile["offices"][0]["learned_from"][0]["text"] == "Indonesian Foreign Minister Ratna Wulandari"

    assert runner.invoke(app, ["store", "verify", "--store", str(store)]).exit_code == 0
    path = store / "learned.jsonl"
    path.write_text(path.read_text().replace('"status":"corrected"', '"status":"maybe"'))
    broken = runner.invoke(app, ["store", "verify", "--store", str(store)])
    assert broken.exit_code == 3 and "learned.jsonl line" in broken.stdout
