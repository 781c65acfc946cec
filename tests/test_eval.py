"""`azdiplo eval`: scoring against a reference annotation, as the judges score.

The matching rules are checked on small annotations written here; the whole
command on the sample corpus (corpus/) with the project's reference
annotation of it (tests/data/seed-events.json), article by article and
store-wide, against the copy of the independent judge (tests/data).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from azdiplo.cli import app
from azdiplo.evaluate import Aliases, interval, load_gold, match, report, score_articles
from azdiplo.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SEED_GOLD = DATA / "seed-events.json"


def _gold(events, docs=("a1",), must_not=()):
    return {
        "schema": "azdiplo-gold/1",
        "documents": [{"file": d, "published": "2006-11-18"} for d in docs],
        "actors": {
            "Hu Jintao": {"kind": "person", "code": "CHN", "aliases": ["Hu", "President Hu Jintao"]},
            "China": {"kind": "country", "code": "CHN", "aliases": ["Chinese", "Beijing"]},
            "Shinzo Abe": {"kind": "person", "code": "JPN", "aliases": ["Abe"]},
            "Japan": {"kind": "country", "code": "JPN", "aliases": ["Japanese"]},
        },
        "events": events,
        "must_not_extract": list(must_not),
    }


def _ev(id_, type_="meeting", date="2006-11-18", required=True, participants=("Hu Jintao", "Shinzo Abe"),
        doc="a1", alt=(), place=None):
    return {"id": id_, "type": type_, "alt_types": list(alt), "required": required, "status": "occurred",
            "date": date, "place": place, "participants": list(participants),
            "mentions": [{"file": doc, "quote": "Hu and Abe met here on Saturday"}]}


def _x(type_="meeting", date="2006-11-18", names=("Hu Jintao",), place=None, evidence="Hu and Abe met."):
    return {"type": type_, "date": date, "place": place, "participants": [{"name": n} for n in names],
            "evidence": evidence}


# --------------------------------------------------------------------- the rules


def test_aliases_ignore_titles_case_and_possessives():
    aliases = Aliases(_gold([])["actors"])
    assert aliases.resolve("President Hu Jintao") == {"Hu Jintao"}
    assert aliases.resolve("the CHINESE") == {"China"}
    assert aliases.resolve("Abe's") == {"Shinzo Abe"}
    assert aliases.resolve("Nobody Known") == set()


def test_intervals_of_days_months_years_and_ranges():
    assert interval("2006-11") == (interval("2006-11-01")[0], interval("2006-11-30")[1])
    assert interval("2006-11-06/2006-11-08")[1].day == 8
    assert interval("2006") [1].month == 12
    # the judges' rule: a week or a season is no date
    assert interval("2006-W46") is None and interval(None) is None


def test_type_date_and_a_shared_participant_make_a_match():
    gold = _gold([_ev("E1")])
    assert match(gold, [_x()]).tp == 1
    assert match(gold, [_x(type_="visit")]).tp == 0  # wrong type
    assert match(gold, [_x(date="2006-11-17")]).tp == 0  # another day
    assert match(gold, [_x(date="2006-11")]).tp == 1  # a month holds the day
    assert match(gold, [_x(date=None)]).tp == 0  # undated never matches a dated event
    assert match(gold, [_x(names=("Vladimir Putin",))]).tp == 0  # nobody in common


def test_alt_types_and_summit_are_accepted():
    gold = _gold([_ev("E1", type_="meeting", alt=("negotiation",))])
    assert match(gold, [_x(type_="negotiation")]).tp == 1
    assert match(gold, [_x(type_="summit")]).tp == 1


def test_optional_events_are_neither_hits_nor_false_events():
    gold = _gold([_ev("E1", required=False, type_="visit")])
    t = match(gold, [_x(type_="visit")])
    assert (t.tp, t.fp, t.required) == (0, 0, 0)
    assert match(gold, [_x(type_="call")]).fp == 1


def test_matching_is_one_to_one_best_overlap_first():
    gold = _gold([_ev("E1"), _ev("E2", participants=("Shinzo Abe",))])
    # the first extracted event shares two actors with E1, the second one with E2
    t = match(gold, [_x(names=("Shinzo Abe",)), _x(names=("Hu Jintao", "Shinzo Abe"))])
    assert t.tp == 2 and t.fp == 0
    # one extracted event cannot count twice
    t = match(gold, [_x(names=("Hu Jintao", "Shinzo Abe"))])
    assert t.tp == 1 and [m["id"] for m in t.missed] == ["E2"]


def test_dates_places_and_participants_of_matched_events():
    gold = _gold([_ev("E1", date="2006-11", place="Hanoi")])
    t = match(gold, [_x(date="2006-11-18", place="Hanoi, Vietnam", names=("Hu", "Japan"))])
    assert t.tp == 1 and t.exact_dates == 0  # the day lies in the month, but is not the month
    assert (t.places_ok, t.places_n) == (1, 1)
    assert (t.participants_right, t.participants_found, t.participants_gold) == (1, 2, 2)


def test_participants_tied_to_a_state_must_carry_it():
    gold = _gold([_ev("E1")])
    event = {**_x(), "participants": [{"name": "Hu Jintao", "country": "CHN"}, {"name": "Shinzo Abe", "country": None}]}
    t = match(gold, [event])
    assert (t.states_ok, t.states_n) == (1, 2)
    assert t.metrics(per_article=True)["participant_state_accuracy"] == 0.5
    assert report(t, per_article=True, errors=True)["errors"]["wrong_states"] == [
        {"id": "E1", "participant": "Shinzo Abe", "country": None, "reference": "JPN"}]


def test_must_not_extract_passages_are_reported():
    gold = _gold([], must_not=[{"file": "a1", "quote": "The cabinet met on Monday to discuss the budget", "why": "domestic"}])
    t = match(gold, [_x(evidence="Earlier, the cabinet met on Monday to discuss the budget.")])
    assert len(t.leaks) == 1 and t.fp == 1


def test_articles_are_scored_separately_and_summed():
    gold = _gold([_ev("E1", doc="a1"), _ev("E2", doc="a2")], docs=("a1", "a2", "quiet"))
    by_doc = {"a1": [_x()], "a2": [], "quiet": [_x(type_="visit"), _x(type_="call")]}
    t = score_articles(gold, by_doc)
    m = report(t, per_article=True, errors=False)
    assert (m["true_positives"], m["false_positives"], m["required_gold"]) == (1, 2, 2)
    assert m["articles"] == 3
    # the one article without a required event had two false events
    assert m["false_positives_per_100_quiet_articles"] == 200.0
    # an event found in another article than the one reporting it does not count
    assert score_articles(gold, {"quiet": [_x()]}).tp == 0


def test_ignore_dates_scores_detection_alone():
    gold = _gold([_ev("E1")])
    assert score_articles(gold, {"a1": [_x(date=None)]}).tp == 0
    assert score_articles(gold, {"a1": [_x(date=None)]}, dates=False).tp == 1


def test_a_file_that_is_not_an_annotation_is_refused(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "something-else"}', encoding="utf-8")
    with pytest.raises(InputError, match="schema"):
        load_gold(bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read"):
        load_gold(bad)
    g = _gold([_ev("E1", participants=("Nobody",))])
    bad.write_text(json.dumps(g), encoding="utf-8")
    with pytest.raises(InputError, match="'Nobody' is not in 'actors'"):
        load_gold(bad)


# ------------------------------------------------------------------- the command

runner = CliRunner()


def _judge():
    spec = importlib.util.spec_from_file_location("score_events", DATA / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_store_wide_equals_the_judge_on_the_sample_corpus(sample_store):
    result = runner.invoke(app, ["eval", "--gold", str(SEED_GOLD), "--store-wide", "--store", str(sample_store),
                                 "-f", "json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    events = json.loads(runner.invoke(app, ["events", "--store", str(sample_store), "-f", "json"]).stdout)
    theirs = _judge().score(json.loads(SEED_GOLD.read_text(encoding="utf-8")), events)
    for key in ("precision", "recall", "f1", "exact_date_accuracy", "place_accuracy", "participant_precision",
                "participant_recall", "merged_multi_source"):
        assert ours[key] == theirs[key], key
    assert ours["f1"] == 1.0 and ours["merged_multi_source"] == "3/3"


@pytest.fixture(scope="module")
def sample_extract(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval") / "corpus.jsonl"
    result = runner.invoke(app, ["extract", str(ROOT / "corpus"), "--format", "jsonl"])
    assert result.exit_code == 0
    out.write_text(result.stdout, encoding="utf-8")
    return out


def test_article_by_article_from_paths_and_from_a_saved_extract_agree(sample_extract):
    saved = runner.invoke(app, ["eval", "-g", str(SEED_GOLD), "--extracted", str(sample_extract), "-f", "json"])
    direct = runner.invoke(app, ["eval", "-g", str(SEED_GOLD), str(ROOT / "corpus"), "-f", "json"])
    assert saved.exit_code == direct.exit_code == 0, saved.output + direct.output
    assert json.loads(saved.stdout) == json.loads(direct.stdout)
    m = json.loads(saved.stdout)
    assert m["articles"] == 5 and m["must_not_extract_leaks"] == 0
    # an event reported by several articles is required in each: per article, each report counts
    assert m["required_gold"] > 7 and m["recall"] > 0.5


def test_errors_list_missed_and_false_events(sample_extract, tmp_path):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    gold["events"].append({"id": "X1", "type": "call", "required": True, "date": None, "place": None,
                           "participants": ["NATO"], "mentions": [{"file": gold["documents"][0]["file"],
                                                                   "quote": "an invented phone call"}]})
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    result = runner.invoke(app, ["eval", "-g", str(path), "--extracted", str(sample_extract), "--errors"])
    assert result.exit_code == 0
    assert "missed 000_632310c46296665b.txt X1 call undated: an invented phone call" in result.stdout
    as_json = json.loads(runner.invoke(app, ["eval", "-g", str(path), "--extracted", str(sample_extract), "--errors",
                                             "-f", "json"]).stdout)
    assert "X1" in [m["id"] for m in as_json["errors"]["missed"]]


def test_min_f1_fails_a_ci_job(sample_extract):
    ok = runner.invoke(app, ["eval", "-g", str(SEED_GOLD), "--extracted", str(sample_extract), "--min-f1", "0.1"])
    low = runner.invoke(app, ["eval", "-g", str(SEED_GOLD), "--extracted", str(sample_extract), "--min-f1", "1.01"])
    assert ok.exit_code == 0
    assert low.exit_code == 1 and "below --min-f1 1.01" in low.stderr


def test_usage_and_input_errors_are_one_line(tmp_path, sample_extract):
    none = runner.invoke(app, ["eval", "-g", str(SEED_GOLD)])
    assert none.exit_code == 2 and none.stderr.count("\n") == 1 and "say what to score" in none.stderr
    both = runner.invoke(app, ["eval", "-g", str(SEED_GOLD), "--store-wide", "--extracted", str(sample_extract)])
    assert both.exit_code == 2
    missing = runner.invoke(app, ["eval", "-g", str(tmp_path / "nope.json"), "--extracted", str(sample_extract)])
    assert missing.exit_code == 5 and "no reference annotation at" in missing.stderr
