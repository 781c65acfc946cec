"""Exports into researchers' tools, read back by those tools: networkx (GraphML, GEXF), the GeoJSON
schema, JSON Lines readers (PLOVER), a TSV reader (PETRARCH rows), sqlite3 (SQLite)."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import jsonschema
import networkx as nx
import pytest
from typer.testing import CliRunner

from azdiplo.cli import app
from azdiplo.errors import ExitStatus
from event_factory import country, event, org, person, write_store

HERE = Path(__file__).resolve().parent
GEOJSON_SCHEMA = json.loads((HERE / "data" / "geojson" / "FeatureCollection.json").read_text(encoding="utf-8"))
HOSTILE = "</script><img src=x onerror=alert(1)>\x1b]0;owned\x07\x1b[2J\x00\x9b"


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result


@pytest.fixture(scope="module")
def hand_store(tmp_path_factory) -> Path:
    """Four events whose network, places and codes are known by construction."""
    path = tmp_path_factory.mktemp("exports") / "store"
    write_store(path, [
        # a visit: visitor and her state on one side, the host state on the other
        event("ev_000000000001", [person("Ada Visitor", "USA", function="visitor", role="Secretary of State"),
                                  country("USA"), country("FRA", function="host")],
              type_="visit", cameo="042", mode="visit", place="Paris", place_country="FRA",
              sentence="The Secretary visited Paris.", titles=["Visit"], urls=["https://news.example/visit"]),
        # a three-state signing in a city, two reports
        event("ev_000000000002", [country("AZE", function="signatory"), country("ARM", function="signatory"),
                                  country("USA", function="signatory")],
              type_="agreement", cameo="057", plover="SUPPORT", date="2025-08", precision="month",
              place="Washington", place_country="USA", sentence="They signed the declaration.", sources=2),
        # a meeting placed only in a state, with an organization
        event("ev_000000000003", [org("Alliance Council", "NATO"), country("AZE")], place="Azerbaijan",
              place_country="AZE", date="2025-08-07/2025-08-08", precision="range",
              sentence=f"The Council met {HOSTILE} officials.", titles=[f"<b>{HOSTILE}</b>"]),
        # an undated statement by one actor with no state, nowhere
        event("ev_000000000004", [person("Bo Nobody", None)], type_="statement", cameo="010", plover="",
              date=None, precision=None, sentence="=HYPERLINK(\"http://x\") said Bo.", published="2024-02-03"),
    ])
    return path


def export(store: Path, fmt: str, *extra: str) -> str:
    result = run("export", "--store", str(store), "--format", fmt, *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def events_of(store: Path) -> list[dict]:
    result = run("events", "--store", str(store), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def keys(events: list[dict]) -> set[str]:
    return {p.get("id") or p["name"].lower() for e in events for p in e["participants"]}


# --------------------------------------------------------------------------- networks


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_reads_back_with_networkx(hand_store, tmp_path, fmt, reader):
    path = tmp_path / f"net.{fmt}"
    path.write_text(export(hand_store, fmt), encoding="utf-8")
    g = reader(path)
    assert set(g.nodes) == keys(events_of(hand_store))
    # sides: a visitor and her own state never "meet"; the visit joins each of them to France
    assert not g.has_edge("person:none", "USA") and not g.has_edge("ada visitor", "USA")
    assert g.has_edge("ada visitor", "FRA") and g.has_edge("USA", "FRA")
    usa_arm = g.edges["USA", "ARM"]
    assert int(usa_arm["events"]) == 1 and int(usa_arm["signed"]) == 1 and usa_arm["types"] == "agreement"
    assert usa_arm["first"] == "2025-08" and usa_arm["last"] == "2025-08"
    usa = g.nodes["USA"]
    assert usa["kind"] == "country" and usa["state"] == "USA" and int(usa["events"]) == 2
    assert usa["first"] == "2021-03-04" and usa["last"] == "2025-08"
    label = "label" if fmt == "graphml" else "label"
    assert g.nodes["ada visitor"][label] == "Ada Visitor"
    assert g.nodes["NATO"]["sector"] == "WSTNAT" and g.nodes["NATO"]["code"] == "IGOWSTNAT"  # from the dictionary


def test_network_of_the_sample_corpus_has_every_participant(sample_store, tmp_path):
    path = tmp_path / "net.graphml"
    path.write_text(export(sample_store, "graphml"), encoding="utf-8")
    g = nx.read_graphml(path)
    events = events_of(sample_store)
    assert set(g.nodes) == keys(events)
    assert sum(int(d["events"]) for _, d in g.nodes(data=True)) == sum(
        len({p.get("id") or p["name"].lower() for p in e["participants"]}) for e in events)


def test_network_folds_beyond_a_size_and_keeps_the_events():
    from azdiplo.exports.codes import Coder
    from azdiplo.exports.network import Network

    evs = [{"type": "meeting", "date": "2020-01-01",
            "participants": [{"name": f"P{i}", "kind": "person", "country": ("AAA", "BBB", "CCC")[i % 3]},
                             {"name": f"Q{i}", "kind": "person", "country": "DDD"}]} for i in range(60)]
    net = Network.of(evs, Coder(None))
    small, where = net.folded(20)
    assert len(net.nodes) == 120 and len(small.nodes) <= 20
    assert sum(n.events for n in small.nodes.values()) == sum(n.events for n in net.nodes.values())
    assert sum(n.members for n in small.nodes.values()) == 120
    assert len(where) == 120 - sum(1 for n in small.nodes.values() if n.kind != "group")


# --------------------------------------------------------------------------- GeoJSON


def test_geojson_is_valid_and_places_every_locatable_event(hand_store):
    doc = json.loads(export(hand_store, "geojson"))
    jsonschema.validate(doc, GEOJSON_SCHEMA)
    by_id = {f["id"]: f for f in doc["features"]}
    assert set(by_id) == {"ev_000000000001", "ev_000000000002", "ev_000000000003"}  # the fourth has no place
    lon, lat = by_id["ev_000000000001"]["geometry"]["coordinates"]
    assert abs(lat - 48.85) < 0.1 and abs(lon - 2.35) < 0.1  # Paris, from the city table
    assert by_id["ev_000000000001"]["properties"]["location_precision"] == "city"
    aze = by_id["ev_000000000003"]["properties"]
    assert aze["location_precision"] == "country"
    lon, lat = by_id["ev_000000000003"]["geometry"]["coordinates"]
    assert 44 < lon < 51 and 38 < lat < 42  # inside Azerbaijan
    props = by_id["ev_000000000002"]["properties"]
    assert props["participants"] == ["Azerbaijan", "Armenia", "United States"]
    assert [s["article"] for s in props["sources"]] == ["ev_000000000002-a0", "ev_000000000002-a1"]
    assert by_id["ev_000000000001"]["properties"]["sources"][0]["url"] == "https://news.example/visit"
    assert "\x1b" not in json.dumps(doc) and "\\u001b" not in json.dumps(doc)


def test_geojson_of_the_sample_corpus_is_valid(sample_store):
    doc = json.loads(export(sample_store, "geojson"))
    jsonschema.validate(doc, GEOJSON_SCHEMA)
    ids = {e["id"] for e in events_of(sample_store)}
    assert doc["features"] and {f["id"] for f in doc["features"]} <= ids


# --------------------------------------------------------------------------- PLOVER


def test_plover_records_follow_the_field_names(hand_store):
    lines = export(hand_store, "plover").splitlines()
    recs = {r["id"]: r for r in map(json.loads, lines)}
    assert set(recs) == {"ev_000000000001", "ev_000000000002", "ev_000000000003"}  # a statement has no PLOVER category
    for r in recs.values():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) and isinstance(r["event"], list) and r["actor"]
        assert r["quad_code"] == 1 and r["coder"].startswith("azdiplo")
    visit = recs["ev_000000000001"]
    assert visit["event"] == ["CONSULT"] and visit["mode"] == "visit"
    assert [a["actor_text"] for a in visit["actor"]] == ["Ada Visitor", "United States"]
    assert visit["actor"][0] == {"actor_text": "Ada Visitor", "code": "USA", "identifier_text": "Ada Visitor",
                                 "office": "Secretary of State"}
    assert visit["recipient"] == [{"actor_text": "France", "code": "FRA", "identifier_id": "FRA",
                                   "identifier_text": "France"}]
    assert visit["event_loc"]["name"] == "Paris" and visit["event_loc"]["cc3"] == "FRA"
    assert visit["story_id"] == "ev_000000000001-a0" and visit["cite_info"]["url"] == "https://news.example/visit"
    signing = recs["ev_000000000002"]
    assert signing["event"] == ["SUPPORT"] and signing["recipient"] == [] and len(signing["actor"]) == 3
    assert (signing["date"], signing["enddate"], signing["date_precision"]) == ("2025-08-01", "2025-08-31", "month")
    council = recs["ev_000000000003"]
    assert council["actor"][0] == {"actor_text": "Alliance Council", "code": "IGO", "sector": "WSTNAT",
                                   "identifier_id": "NATO", "identifier_text": "Alliance Council"}
    assert "\x1b" not in council["text"] and "</script>" in council["text"]  # data, kept as text


# --------------------------------------------------------------------------- CAMEO rows


def test_cameo_rows_are_dyads_in_petrarchs_order(hand_store):
    text = export(hand_store, "cameo")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(r) == 12 for r in rows)
    by_event: dict[str, list[list[str]]] = {}
    for r in rows:
        by_event.setdefault(r[5], []).append(r)
    visit = {(r[1], r[2]): r[3] for r in by_event["ev_000000000001"]}
    assert visit == {("USA", "FRA"): "042", ("FRA", "USA"): "043"}  # the visitor's side visits, the host hosts
    signing = by_event["ev_000000000002"]
    assert {(r[1], r[2]) for r in signing} == {(a, b) for a in ("AZE", "ARM", "USA") for b in ("AZE", "ARM", "USA") if a != b}
    assert {r[0] for r in signing} == {"20250801"} and {r[3] for r in signing} == {"057"}
    assert signing[0][7] == "ev_000000000002-a0;ev_000000000002-a1" and signing[0][11] == "2025-08"
    assert {(r[1], r[2]) for r in by_event["ev_000000000003"]} == {("IGOWSTNAT", "AZE"), ("AZE", "IGOWSTNAT")}
    (alone,) = by_event["ev_000000000004"]
    assert alone[:4] == ["20240203", "---", "---", "010"] and alone[11] == ""  # undated: the publication day
    assert alone[10].startswith("'=HYPERLINK")  # never a spreadsheet formula
    assert by_event["ev_000000000001"][0][6] == "https://news.example/visit"
    assert not any(c in text for c in "\x1b\x00\x9b")


# --------------------------------------------------------------------------- SQLite


def test_sqlite_counts_equal_the_events_and_keys_hold(sample_store, tmp_path):
    db_path = tmp_path / "azdiplo.db"
    result = run("export", "--store", str(sample_store), "--format", "sqlite", "-o", str(db_path))
    assert result.exit_code == 0, result.output
    events = events_of(sample_store)
    articles = [json.loads(line) for line in export(sample_store, "jsonl").splitlines()]
    db = sqlite3.connect(db_path)
    count = lambda table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
    assert count("events") == len(events)
    assert count("participants") == sum(len(e["participants"]) for e in events)
    assert count("mentions") == sum(e["num_mentions"] for e in events)
    assert count("articles") == len(json.loads(run("export", "articles", "--store", str(sample_store),
                                                   "--format", "json").stdout))
    assert len(articles) == len(events)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = {(r[2], r[3]) for r in db.execute("PRAGMA foreign_key_list(mentions)")}
    assert fks == {("events", "event_id"), ("articles", "article_id")}
    assert {r[2] for r in db.execute("PRAGMA foreign_key_list(participants)")} == {"events"}
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").fetchone()[0] >= 6
    # a join a researcher would write: events by state
    by_state = dict(db.execute("SELECT country, count(DISTINCT event_id) FROM participants WHERE country IS NOT NULL GROUP BY country"))
    expected: dict[str, int] = {}
    for e in events:
        for c in {p["country"] for p in e["participants"] if p.get("country")}:
            expected[c] = expected.get(c, 0) + 1
    assert by_state == expected


def test_sqlite_keeps_text_as_it_is_but_control_characters(hand_store, tmp_path):
    db_path = tmp_path / "x.db"
    assert run("export", "--store", str(hand_store), "--format", "sqlite", "-o", str(db_path)).exit_code == 0
    db = sqlite3.connect(db_path)
    (evidence,) = db.execute("SELECT evidence FROM events WHERE id = 'ev_000000000003'").fetchone()
    assert evidence == "The Council met </script><img src=x onerror=alert(1)> officials."
    row = db.execute("SELECT date_start, date_end, latitude IS NOT NULL FROM events WHERE id = 'ev_000000000002'").fetchone()
    assert row == ("2025-08-01", "2025-08-31", 1)
    # written aside and renamed: a second export replaces the file whole
    assert run("export", "--store", str(hand_store), "--format", "sqlite", "-o", str(db_path)).exit_code == 0
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM events").fetchone()[0] == 4
    assert [p.name for p in tmp_path.iterdir()] == ["x.db"]


# --------------------------------------------------------------------------- XML safety and errors


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_hostile_names_stay_text_in_xml(tmp_path, fmt, reader):
    store = tmp_path / "s"
    write_store(store, [event("ev_00000000000a", [person("Eve" + HOSTILE, "USA"), country("FRA")])])
    path = tmp_path / f"n.{fmt}"
    path.write_text(export(store, fmt), encoding="utf-8")
    g = reader(path)
    (eve,) = [n for n in g.nodes if n.startswith("eve")]
    label = g.nodes[eve]["label"]
    assert label == "Eve</script><img src=x onerror=alert(1)>"


def test_research_formats_export_events_only(hand_store):
    result = run("export", "articles", "--store", str(hand_store), "--format", "graphml")
    assert result.exit_code == ExitStatus.USAGE
    assert "azdiplo: error: --format graphml exports events, not articles" in result.stderr


def test_sqlite_needs_a_file(hand_store):
    result = run("export", "--store", str(hand_store), "--format", "sqlite")
    assert result.exit_code == ExitStatus.USAGE
    assert "give the file with -o FILE" in result.stderr
