"""Which lines of a page are the article (plain rules, no model)."""

from __future__ import annotations

import pytest

from azdiplo.layout import BODY, BOILERPLATE, FOREIGN, HEADER, TITLE, classify_lines, find_dateline, is_foreign, line_starts

PAGE = """Kenya and Ethiopia sign border accord
World
• 12 March, 2025
Kenya and Ethiopia sign border accord

NAIROBI, March 12. The foreign ministers of Kenya and Ethiopia signed a border accord in Nairobi on Wednesday, officials said.
The two ministers also discussed trade and regional security during the visit.
Кения и Эфиопия подписали пограничное соглашение
Recent Stories
Japanese delegation explores investment in Lagos
Pakistan welcomes signing of peace agreement between Sudan, Chad
More Stories From World
-
Iranian president's visit to Pakistan, important, successful1 day ago
-
Floods hit the north of the country3 hours ago
"""


def kinds(text, title=None):
    return [(text[ln.start : ln.end].strip(), ln.kind) for ln in classify_lines(text, 0, title) if ln.kind != "blank"]


def test_header_title_body_boilerplate_and_translations():
    got = dict(kinds(PAGE, title="Kenya and Ethiopia sign border accord"))
    assert got["World"] == HEADER and got["• 12 March, 2025"] == HEADER
    assert got["Kenya and Ethiopia sign border accord"] == TITLE
    assert got[[k for k in got if k.startswith("NAIROBI")][0]] == BODY
    assert got["The two ministers also discussed trade and regional security during the visit."] == BODY
    assert got["Кения и Эфиопия подписали пограничное соглашение"] == FOREIGN
    for line in ("Recent Stories", "Japanese delegation explores investment in Lagos",
                 "Pakistan welcomes signing of peace agreement between Sudan, Chad", "More Stories From World", "-",
                 "Iranian president's visit to Pakistan, important, successful1 day ago",
                 "Floods hit the north of the country3 hours ago"):
        assert got[line] == BOILERPLATE, line


def test_prose_after_a_story_list_is_body_again():
    text = ("Related news\nTalks resume in Geneva\n"
            "The delegations of Armenia and Azerbaijan resumed their talks in Geneva on Tuesday under the mediation "
            "of the European Union, diplomats said, adding that a new round was planned for next month.\n")
    assert [k for _, k in kinds(text)] == [BOILERPLATE, BOILERPLATE, BODY]


def test_latin_script_translation_without_english_words_is_foreign():
    assert is_foreign("Milli Məclisdə Azərbaycan-ABŞ münasibətlərinin gələcək inkişaf perspektivləri müzakirə olunub")
    assert not is_foreign("The Élysée said President Macron met Chancellor Scholz in Paris.")


def test_a_short_text_of_one_line_is_body():
    assert kinds("Putin and Xi met in Beijing")[0][1] == BODY


def test_every_line_starts_a_sentence_unless_the_text_is_hard_wrapped():
    text = "Title line\nFirst paragraph line.\nSecond line."
    assert line_starts(text) == [0, 11, 33]
    wrapped = "\n".join(["word " * 14] * 10) + "\n\nNext paragraph starts here.\n"
    starts = line_starts(wrapped)
    assert starts == [0, wrapped.index("Next")]


@pytest.mark.parametrize("text, city, date", [
    ("NAIROBI, March 12. The foreign ministers met.", "Nairobi", "March 12"),
    ("DOHA, Nov. 27 (Xinhua) -- The emir received the envoy.", "Doha", "Nov. 27"),
    ("Tbilisi, October 8, AGENDA\nThe prime minister met the envoy.", "Tbilisi", "October 8"),
    ("New York, September 21 (APA) – The president met the secretary-general.", "New York", "September 21"),
    ("Ankara, October 8 – The president will pay a visit.", "Ankara", "October 8"),
])
def test_datelines_in_capitals_and_in_agency_title_case(text, city, date):
    found = find_dateline(text)
    assert found is not None and found["city"] == city and found["date_text"] == date


@pytest.mark.parametrize("text", [
    "Azerbaijan, US Strengthen Ties, Advance Peace Process With Armenia",  # a headline
    "NATO, the EU and the OSCE issued a statement.",
    "Officials said, March 12 was chosen.",  # title case needs the city to open a line and a date after it
])
def test_what_is_not_a_dateline(text):
    assert find_dateline(text) is None


def test_a_dateline_line_before_the_first_prose_line_is_found():
    text = "Georgia and Armenia agree on border talks\nTbilisi, October 8, AGENDA\nThe two ministers met on Monday."
    first_body = text.index("The two")
    found = find_dateline(text, 0, first_body)
    assert found is not None and found["city"] == "Tbilisi"
