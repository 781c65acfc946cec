"""Reading articles: files, folders, stdin, JSON Lines, dates, encodings, bad input."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from azdiplo.corpus import InputProblem, iter_articles
from azdiplo.models import Article


def read(paths, **kw):
    items = list(iter_articles([str(p) for p in paths], **kw))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputProblem)]


def test_date_header_on_the_same_line_as_the_text(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(" date 2026-01-22 The Speaker met a delegation on January 22.\n", encoding="utf-8")
    (a,), problems = read([f])
    assert not problems
    assert a.published == "2026-01-22" and a.published_from == "header"
    assert a.text[a.body_start :].startswith("The Speaker met")


def test_date_header_on_its_own_line_and_title(tmp_path):
    f = tmp_path / "b.txt"
    f.write_text("date 1987-02-26\nBAHIA COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued.\n", encoding="utf-8")
    (a,), _ = read([f])
    assert a.published == "1987-02-26"
    assert a.title == "BAHIA COCOA REVIEW"
    assert a.text[a.body_start :].startswith("BAHIA")


@pytest.mark.parametrize(
    "head, expected",
    [
        ("Ministers meet in Astana\n\nForeign policy\n• 31 January, 2026\n• 13:39\nOn Friday the ministers met.", "2026-01-31"),
        ("Kenya and Uganda sign deal\nJane Doe Published August 09, 2025 | 11:46 PM\nThe two countries signed.", "2025-08-09"),
    ],
)
def test_date_line_near_the_top(tmp_path, head, expected):
    f = tmp_path / "c.txt"
    f.write_text(head, encoding="utf-8")
    (a,), _ = read([f])
    assert a.published == expected and a.published_from == "dateline"


def test_no_date_keeps_the_article_with_a_warning_and_published_option_fills_it(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text("The prime ministers of Spain and Chile met in Madrid on Monday.\n", encoding="utf-8")
    (a,), _ = read([f])
    assert a.published is None and a.warnings and "no publication date" in a.warnings[0]
    (b,), _ = read([f], published=dt.date(2024, 3, 5))
    assert b.published == "2024-03-05" and b.published_from == "option" and not b.warnings


def test_folder_is_read_recursively_in_order_skipping_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b.txt").write_text("Second article text here.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article text here.", encoding="utf-8")
    (tmp_path / "sub" / "c.md").write_text("Third article text here.", encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    arts, problems = read([tmp_path])
    assert [a.text.split()[0] for a in arts] == ["First", "Second", "Third"]
    assert not problems


def test_json_lines_records_and_a_bad_line(tmp_path):
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "r1", "title": "Talks in Doha", "published": "2025-03-02", "url": "https://x/1",
                    "text": "Qatar hosted talks."}),
        "{not json",
        json.dumps({"id": "r2", "text": "The leaders of Peru and Chile spoke by phone."}),
        json.dumps({"id": "r3", "title": "no text"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, problems = read([f])
    assert [a.id for a in arts] == ["r1", "r2"]
    assert arts[0].published == "2025-03-02" and arts[0].published_from == "record"
    assert arts[0].title == "Talks in Doha" and arts[0].url == "https://x/1"
    assert [p.source for p in problems] == [f"{f}:2", f"{f}:4"]


def test_stdin_text_and_stdin_json_lines():
    (a,), _ = read(["-"], stdin=io.BytesIO(b"date 2024-05-01 Ministers met in Rome."))
    assert a.published == "2024-05-01" and a.path == "-"
    arts, _ = read(["-"], stdin=io.BytesIO(b'{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n'))
    assert [a.id for a in arts] == ["x", "y"]


def test_cp1251_and_latin1_are_decoded_with_a_note(tmp_path):
    ru = tmp_path / "ru.txt"
    ru.write_bytes("Министр иностранных дел России встретился с коллегой из Армении в Москве.".encode("cp1251"))
    fr = tmp_path / "fr.txt"
    fr.write_bytes("Le ministre français a rencontré à Genève son homologue égyptien, déclaré été.".encode("latin-1"))
    arts, problems = read([ru, fr])
    assert not problems
    assert "Министр" in arts[0].text and "rencontré" in arts[1].text
    assert all(any("not UTF-8" in w for w in a.warnings) for a in arts)


def test_forced_encoding_that_does_not_fit_is_a_problem(tmp_path):
    f = tmp_path / "x.txt"
    f.write_bytes("Привет".encode("utf-8"))
    _, (p,) = read([f], encoding="ascii")
    assert "cannot be decoded as ascii" in p.what


def test_binary_empty_missing_and_too_big_are_problems_not_crashes(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("word " * 300, encoding="utf-8")
    arts, problems = read([tmp_path / "bin.txt", tmp_path / "empty.txt", tmp_path / "big.txt", tmp_path / "nope.txt"],
                          max_chars=1000)
    assert not arts
    whats = [p.what for p in problems]
    assert "binary" in whats[0] and "empty" in whats[1] and "over the limit" in whats[2] and "no such" in whats[3]
    assert all(p.hint for p in problems)


def test_same_file_has_the_same_id_from_another_working_directory(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("A text.", encoding="utf-8")
    (a,), _ = read([f])
    monkeypatch.chdir(tmp_path)
    (b,), _ = read(["a.txt"])
    assert a.id == b.id
