"""Queries that follow who is who: --country finds the events of a state's officials and
institutions, --sector the events of a part of a state. Articles written for the tests."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from azdiplo.cli import app

ARTICLES = {
    "treasury.txt": "date 2024-04-08\n\nUS Treasury Secretary John Carter held talks with Chinese Vice Premier "
                    "Li Ming in Guangzhou on Saturday.\n",
    "army.txt": "date 2024-05-02\n\nThe Turkish army's chief of staff met Azerbaijani Defence Minister "
                "Elchin Mammadli in Baku on Thursday.\n",
    "bank.txt": "date 2024-06-12\n\nThe Bundesbank signed a cooperation agreement with the Bank of France "
                "in Frankfurt on Wednesday.\n",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("sectors")
    folder = root / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--store", str(root / "store")])
    assert result.exit_code == 0, result.stderr
    return root / "store"


def query(store, *args):
    result = CliRunner().invoke(app, ["events", "--store", str(store), "--format", "json", *args])
    return result.exit_code, (json.loads(result.stdout) if result.exit_code in (0, 1) and result.stdout.strip() else [])


def places(events):
    return sorted(e.get("place") for e in events)


@pytest.mark.slow  # one ingest with the model
def test_a_country_finds_the_events_of_its_officials_and_institutions(store):
    assert places(query(store, "--country", "USA")[1]) == ["Guangzhou"], "the US Treasury Secretary's talks"
    assert places(query(store, "--country", "DEU")[1]) == ["Frankfurt"], "the Bundesbank's agreement"
    assert places(query(store, "--country", "Turkey")[1]) == ["Baku"], "the Turkish army"


@pytest.mark.slow
def test_a_sector_finds_the_events_of_that_part_of_a_state(store):
    assert places(query(store, "--sector", "MIL")[1]) == ["Baku"]
    assert places(query(store, "--sector", "gov", "--country", "CHN")[1]) == ["Guangzhou"]
    assert query(store, "--sector", "MIL", "--country", "AZE")[0] == 1, "a defence minister is a government's (GOVMIL)"
    assert query(store, "--sector", "MIL", "--country", "TUR")[0] == 0
    code, _ = query(store, "--sector", "ARMY")
    assert code == 2


@pytest.mark.slow
def test_the_presets_take_the_sector_too(store):
    result = CliRunner().invoke(app, ["agreements", "--store", str(store), "--sector", "GOV", "--format", "ids"])
    assert result.exit_code == 0 and len(result.stdout.split()) == 1
