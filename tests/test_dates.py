"""Plain-value tests of azdiplo.dates: TIMEX3 normalization, intervals,
user dates and publication dates. No spaCy here."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from azdiplo.dates import (
    TimeValue,
    Timex,
    find_publication_date,
    interval,
    normalize,
    normalize_in_context,
    parse_user_date,
)

D = dt.date
JAN31 = D(2026, 1, 31)  # a Saturday
JAN21 = D(2026, 1, 21)  # a Wednesday
AUG9 = D(2025, 8, 9)  # a Saturday


def value(text, anchor=JAN31, tense=None):
    tv = normalize(text, anchor, tense=tense)
    assert tv is not None, f"{text!r} was not recognized"
    return tv.value


# --------------------------------------------------------------------------
# Explicit dates: the anchor is not needed
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("August 8, 2025", "2025-08-08"),
        ("8 August 2025", "2025-08-08"),
        ("31 January, 2026", "2026-01-31"),
        ("2026-01-21", "2026-01-21"),
        ("9th Aug, 2025", "2025-08-09"),
        ("the 9th of August 2025", "2025-08-09"),
        ("Aug. 8, 2025", "2025-08-08"),
        ("Sept. 30, 1989", "1989-09-30"),
        ("on Thursday, April 6, 2000", "2000-04-06"),
        ("21.01.2026", "2026-01-21"),
        ("August 2025", "2025-08"),
        ("June of 2024", "2024-06"),
        ("in 2024", "2024"),
        ("2024", "2024"),
        ("fiscal 1989", "1989"),
        ("nineteen ninety-six", "1996"),
        ("the year two thousand", "2000"),
    ],
)
def test_explicit_dates_need_no_anchor(text, expected):
    tv = normalize(text, None)
    assert tv is not None
    assert tv.value == expected
    assert tv.type == "DATE"
    assert tv.anchored is False


def test_explicit_precision():
    assert normalize("August 8, 2025", None).precision == "day"
    assert normalize("August 2025", None).precision == "month"
    assert normalize("2025", None).precision == "year"


def test_iso_date_time_is_a_time():
    tv = normalize("2025-08-08T10:00", None)
    assert (tv.value, tv.type, tv.precision) == ("2025-08-08T10:00", "TIME", "time")


def test_impossible_dates_are_not_dates():
    assert normalize("February 30, 2025", None) is None
    assert normalize("2025-13-01", None) is None


# --------------------------------------------------------------------------
# Partial dates: the anchor's year, moved by tense
# --------------------------------------------------------------------------


def test_month_day_takes_the_anchor_year():
    assert value("January 22", JAN31, "past") == "2026-01-22"
    assert value("January 22", JAN31) == "2026-01-22"
    assert value("Aug. 8", AUG9, "past") == "2025-08-08"


def test_past_tense_moves_a_later_month_day_to_the_year_before():
    # an article of 31 January 2026 reporting talks "on December 12"
    assert value("December 12", JAN31, "past") == "2025-12-12"
    # without a tense the anchor's year stands
    assert value("December 12", JAN31) == "2026-12-12"


def test_future_tense_moves_an_earlier_month_day_to_the_year_after():
    # "the summit will open on January 10" in an article of 21 January 2026
    assert value("January 10", JAN21, "future") == "2027-01-10"
    assert value("March 3", JAN21, "future") == "2026-03-03"


def test_bare_month_follows_the_same_rule():
    assert value("November", JAN31, "past") == "2025-11"
    assert value("in March", JAN31, "future") == "2026-03"
    assert value("mid-November", JAN31, "past") == "2025-11"


def test_partial_date_without_anchor_has_unknown_year():
    tv = normalize("February 13", None)
    assert tv.value == "XXXX-02-13"
    assert tv.anchored is True


def test_weekday_with_a_month_day_picks_the_matching_year():
    # 26 October was a Monday in 2026 (and not in 2025 or 2027)
    assert value("Monday, Oct. 26", D(2026, 11, 2)) == "2026-10-26"
    assert value("Monday, Oct. 27", D(2025, 11, 2)) == "2025-10-27"


def test_day_of_the_month_alone():
    assert value("on the 22nd", JAN31, "past") == "2026-01-22"
    assert value("the 5th", D(2026, 1, 3), "past") == "2025-12-05"


# --------------------------------------------------------------------------
# Ranges
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        ("August 7-8, 2025", None, "2025-08-07/2025-08-08"),
        ("on August 7-8, 2025", None, "2025-08-07/2025-08-08"),
        ("7-8 August 2025", None, "2025-08-07/2025-08-08"),
        ("7\u20138 June 2024", None, "2024-06-07/2024-06-08"),
        ("from 2019 to 2021", None, "2019/2021"),
        ("2019-2021", None, "2019/2021"),
        ("1990-91", None, "1990/1991"),
        ("May to July 2025", None, "2025-05/2025-07"),
        ("December 28 - January 3, 2026", None, "2025-12-28/2026-01-03"),
        ("between March 3 and 5", JAN31, "2026-03-03/2026-03-05"),
        ("from June 30 to July 2", D(2025, 7, 10), "2025-06-30/2025-07-02"),
    ],
)
def test_ranges(text, anchor, expected):
    tv = normalize(text, anchor)
    assert tv is not None
    assert (tv.value, tv.type, tv.precision) == (expected, "DATE", "range")


def test_a_backwards_range_is_not_a_range():
    tv = normalize("from 2021 to 2019", None)
    assert tv is None or tv.precision != "range"


# --------------------------------------------------------------------------
# Relative expressions
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("yesterday", "2026-01-30"),
        ("today", "2026-01-31"),
        ("tomorrow", "2026-02-01"),
        ("the day before yesterday", "2026-01-29"),
        ("last August", "2025-08"),
        ("this August", "2026-08"),
        ("next August", "2026-08"),
        ("last month", "2025-12"),
        ("this month", "2026-01"),
        ("next month", "2026-02"),
        ("earlier this month", "2026-01"),
        ("later this year", "2026"),
        ("this year", "2026"),
        ("last year", "2025"),
        ("next year", "2027"),
        ("early next year", "2027"),
        ("the end of the year", "2026"),
        ("the past year", "2025"),
        ("June last year", "2025-06"),
        ("January this year", "2026-01"),
        ("three days ago", "2026-01-28"),
        ("two years ago", "2024"),
        ("five months ago", "2025-08"),
        ("a decade ago", "2016"),
        ("Christmas", "2026-12-25"),
        ("last Christmas", "2025-12-25"),
    ],
)
def test_relative_to_an_article_of_31_january_2026(text, expected):
    tv = normalize(text, JAN31)
    assert tv is not None
    assert tv.value == expected
    assert tv.type == "DATE"
    assert tv.anchored is True


def test_last_august_depends_on_when_it_is_said():
    assert value("last August", D(2025, 9, 15)) == "2025-08"
    assert value("last August", D(2025, 8, 15)) == "2024-08"
    assert value("next August", D(2025, 8, 15)) == "2026-08"


def test_weeks_are_iso_weeks():
    # 31 January 2026 is in ISO week 5
    assert value("this week", JAN31) == "2026-W05"
    assert value("last week", JAN31) == "2026-W04"
    assert value("next week", JAN31) == "2026-W06"
    assert value("last week", JAN21) == "2026-W03"
    assert value("six weeks ago", JAN31) == "2025-W51"
    tv = normalize("the weekend", D(2026, 2, 2))  # a Monday: the weekend just past
    assert tv.value == "2026-W05-WE"
    assert normalize("next week", JAN31).precision == "week"


def test_week_numbers_cross_year_boundaries():
    assert value("last week", D(2026, 1, 2)) == "2025-W52"
    assert value("next week", D(2025, 12, 29)) == "2026-W02"


@pytest.mark.parametrize(
    "tense, expected",
    [
        ("past", "2026-01-26"),  # "talks were held on Monday": the Monday before
        (None, "2026-01-26"),  # news default: the past
        ("future", "2026-02-02"),  # "will meet on Monday": the Monday after
    ],
)
def test_weekday_direction_follows_tense(tense, expected):
    assert value("on Monday", JAN31, tense) == expected


def test_weekday_that_is_the_publication_day_is_that_day():
    # "said Saturday" in Saturday's paper
    assert value("Saturday", JAN31, "past") == "2026-01-31"
    assert value("Saturday", JAN31, "future") == "2026-01-31"


def test_last_and_next_weekday_skip_the_publication_day():
    assert value("last Saturday", JAN31) == "2026-01-24"
    assert value("next Saturday", JAN31) == "2026-02-07"
    assert value("last Friday", JAN31) == "2026-01-30"


def test_seasons():
    assert value("next spring", JAN31) == "2026-SP"
    assert value("the 2026 spring session", JAN31) == "2026-SP"
    assert value("the spring session of 2026", None) == "2026-SP"
    assert value("spring 2026", None) == "2026-SP"
    assert value("the winter of 1994", None) == "1994-WI"
    assert value("last summer", JAN31) == "2025-SU"
    assert value("this summer", JAN31) == "2026-SU"
    assert value("last fall", D(2025, 11, 10)) == "2024-FA"  # in autumn: the previous one
    assert value("this winter", JAN31) == "2025-WI"  # December 2025 - February 2026
    assert value("the summer", JAN31, "past") == "2025-SU"
    assert normalize("next spring", JAN31).precision == "season"


def test_quarters_and_halves():
    assert value("the first quarter", JAN31) == "2026-Q1"
    assert value("the fourth quarter", JAN31, "past") == "2025-Q4"
    assert value("third-quarter", D(1989, 10, 27), "past") == "1989-Q3"
    assert value("the third quarter of 1990", None) == "1990-Q3"
    assert value("Q1 2025", None) == "2025-Q1"
    assert value("the latest quarter", D(1989, 10, 27)) == "1989-Q3"
    assert value("the first half of 1989", None) == "1989-H1"
    assert value("the last half of 1989", None) == "1989-H2"
    assert value("the second half", D(2025, 3, 1)) == "2025-H2"
    assert normalize("the first quarter", JAN31).precision == "quarter"


def test_decades_and_centuries():
    assert value("the 1990s", None) == "199"
    assert value("the early 1980s", None) == "198"
    assert value("the mid-1990s", None) == "199"
    assert value("the nineties", JAN31) == "199"
    assert value("the 20th century", None) == "19"
    assert value("the twenty-first century", None) == "20"
    assert normalize("the 1990s", None).precision == "decade"
    assert normalize("the 20th century", None).precision == "century"


@pytest.mark.parametrize(
    "text, ref",
    [
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("at present", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("in the past", "PAST_REF"),
        ("recent years", "PAST_REF"),
        ("several years ago", "PAST_REF"),
        ("soon", "FUTURE_REF"),
        ("the future", "FUTURE_REF"),
        ("in the coming months", "FUTURE_REF"),
    ],
)
def test_references(text, ref):
    tv = normalize(text, JAN31)
    assert (tv.value, tv.type, tv.precision) == (ref, "DATE", "ref")


def test_relative_without_anchor_keeps_type_and_precision():
    for text, precision in [("last August", "month"), ("yesterday", "day"), ("next week", "week"),
                            ("on Monday", "day"), ("next spring", "season"), ("last year", "year")]:
        tv = normalize(text, None)
        assert tv is not None, text
        assert tv.value is None
        assert tv.type == "DATE"
        assert tv.precision == precision
        assert tv.anchored is True


# --------------------------------------------------------------------------
# Durations and sets are not dates
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("for more than 30 years", "P30Y"),
        ("two weeks", "P2W"),
        ("three years", "P3Y"),
        ("the past three years", "P3Y"),
        ("the next 14 months", "P14M"),
        ("a year", "P1Y"),
        ("two decades", "P20Y"),
        ("several months", "PXM"),
        ("a few days", "PXD"),
        ("48 hours", "PT48H"),
        ("90 minutes", "PT90M"),
        ("a three-year", "P3Y"),
        ("over the past decade", "P10Y"),
        ("a quarter-century", "P25Y"),
        ("two and a half days", "P2.5D"),
        ("a two-and-a-half-year", "P2.5Y"),
        ("a year and a half", "P1.5Y"),
        ("three and a half hours", "PT3.5H"),
        ("a decade and a half", "P15Y"),
        ("two fortnights", "P4W"),
        ("several decades", "PXDE"),
    ],
)
def test_durations(text, expected):
    tv = normalize(text, JAN31)
    assert tv is not None
    assert (tv.value, tv.type, tv.precision) == (expected, "DURATION", None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("every year", "P1Y"),
        ("annually", "P1Y"),
        ("weekly", "P1W"),
        ("every week", "P1W"),
        ("each month", "P1M"),
        ("every two years", "P2Y"),
        ("twice a year", "P1Y"),
        ("every Monday", "XXXX-WXX-1"),
        ("each July", "XXXX-07"),
    ],
)
def test_sets(text, expected):
    tv = normalize(text, JAN31)
    assert (tv.value, tv.type) == (expected, "SET")


@pytest.mark.parametrize("text", ["53-year-old", "six years old", "a quarter", "three-quarters", "44",
                                  "the talks", "Baku", "", "   ", "march of the protesters", "may"])
def test_not_temporal(text):
    assert normalize(text, JAN31) is None


# --------------------------------------------------------------------------
# Times of day
# --------------------------------------------------------------------------


def test_times():
    assert value("10 a.m. Tuesday", JAN31) == "2026-01-27T10:00"
    assert value("at 10:30", JAN31) == "2026-01-31T10:30"
    assert value("noon", JAN31) == "2026-01-31T12:00"
    assert value("Monday morning", JAN31) == "2026-01-26TMO"
    assert value("last night", JAN31) == "2026-01-30TNI"
    assert value("this evening", JAN31) == "2026-01-31TEV"
    assert normalize("10 a.m. Tuesday", JAN31).type == "TIME"


# --------------------------------------------------------------------------
# References: what the text has just talked about
# --------------------------------------------------------------------------


def test_references_resolve_anaphora_and_shifts():
    ctx = dict(anchor=D(1989, 11, 2))
    assert normalize_in_context("a year earlier", reference="1989-Q3", **ctx).value == "1988-Q3"
    assert normalize_in_context("a year ago", reference="1989-Q3", **ctx).value == "1988-Q3"
    assert normalize_in_context("a year ago", **ctx).value == "1988"
    assert normalize_in_context("the same day", reference="1998-10-23", **ctx).value == "1998-10-23"
    assert normalize_in_context("that year", reference="1994-06", **ctx).value == "1994"
    assert normalize_in_context("the following day", reference="2025-08-07", **ctx).value == "2025-08-08"
    assert normalize_in_context("two years later", reference="2004", **ctx).value == "2006"
    assert normalize_in_context("the previous Friday", reference="1989-10-27", **ctx).value == "1989-10-20"


def test_anaphora_without_a_reference_has_no_value():
    for text in ("the next day", "the following day", "that day", "later that day"):
        tv = normalize(text, JAN31)
        assert tv is not None and tv.value is None and tv.precision == "day", text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the same day", "2026-01-31"),
        ("on the same day", "2026-01-31"),
        ("later in the day", "2026-01-31"),
        ("earlier in the day", "2026-01-31"),
        ("late in the day", "2026-01-31"),
        ("the day before", "2026-01-30"),
        ("the previous day", "2026-01-30"),
    ],
)
def test_day_anaphora_without_a_reference_tell_the_publication_day(text, expected):
    # wire copy that has named no day yet tells the news of its own day
    assert value(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the same day", "2026-01-20"),
        ("later in the day", "2026-01-20"),
        ("later that day", "2026-01-20"),
        ("the day before", "2026-01-19"),
        ("the day after", "2026-01-21"),
        ("the next day", "2026-01-21"),
    ],
)
def test_day_anaphora_follow_the_day_just_named(text, expected):
    assert normalize_in_context(text, JAN31, reference="2026-01-20").value == expected


def test_day_anaphora_after_a_coarser_date_have_no_value():
    assert normalize_in_context("the same day", JAN31, reference="2026-01").value is None


@pytest.mark.parametrize(
    "anchor, earlier, later",
    [
        (D(2026, 1, 26), "2026-W05", "2026-01-27/2026-02-01"),  # Monday: no day of the week before it
        (D(2026, 1, 27), "2026-01-26", "2026-01-28/2026-02-01"),
        (D(2026, 1, 30), "2026-01-26/2026-01-29", "2026-01-31/2026-02-01"),
        (D(2026, 2, 1), "2026-01-26/2026-01-31", "2026-W05"),  # Sunday: none after it
    ],
)
def test_earlier_and_later_this_week_are_the_days_before_and_after_publication(anchor, earlier, later):
    assert normalize("earlier this week", anchor).value == earlier
    assert normalize("later this week", anchor).value == later
    assert normalize("early this week", anchor).value == normalize("this week", anchor).value


def test_overnight_is_the_night_before_unless_ahead():
    assert normalize("overnight", JAN31).value == "2026-01-30TNI"
    assert normalize("overnight", JAN31, tense="future").value == "2026-01-31TNI"


@pytest.mark.parametrize(
    "text, expected, type_",
    [
        ("four or five days", "PXD", "DURATION"),
        ("four or five days from now", "2026-02-04/2026-02-05", "DATE"),
        ("two or three days ago", "2026-01-28/2026-01-29", "DATE"),
        ("two to three weeks from now", "2026-W07/2026-W08", "DATE"),
    ],
)
def test_alternative_quantities(text, expected, type_):
    tv = normalize(text, JAN31)
    assert (tv.value, tv.type) == (expected, type_)


def test_bad_tense_is_refused():
    with pytest.raises(ValueError):
        normalize("Monday", JAN31, tense="yesterday")


def test_datetime_anchor_is_accepted():
    assert normalize("yesterday", dt.datetime(2026, 1, 31, 23, 59)).value == "2026-01-30"


# --------------------------------------------------------------------------
# interval()
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "v, start, end",
    [
        ("2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("2025-08", D(2025, 8, 1), D(2025, 8, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2025-08-08", D(2025, 8, 8), D(2025, 8, 8)),
        ("2025-08-07/2025-08-08", D(2025, 8, 7), D(2025, 8, 8)),
        ("2019/2021", D(2019, 1, 1), D(2021, 12, 31)),
        ("2025-W07", D(2025, 2, 10), D(2025, 2, 16)),
        ("2026-W05-WE", D(2026, 1, 31), D(2026, 2, 1)),
        ("2025-Q1", D(2025, 1, 1), D(2025, 3, 31)),
        ("2025-Q4", D(2025, 10, 1), D(2025, 12, 31)),
        ("2025-H2", D(2025, 7, 1), D(2025, 12, 31)),
        ("2025-SU", D(2025, 6, 1), D(2025, 8, 31)),
        ("2025-WI", D(2025, 12, 1), D(2026, 2, 28)),
        ("199", D(1990, 1, 1), D(1999, 12, 31)),
        ("19", D(1900, 1, 1), D(1999, 12, 31)),
        ("2025-08-08T10:00", D(2025, 8, 8), D(2025, 8, 8)),
    ],
)
def test_interval(v, start, end):
    assert interval(v) == (start, end)


@pytest.mark.parametrize("v", [None, "", "P1M", "PT2H", "PRESENT_REF", "PAST_REF", "XXXX-02-13",
                               "XXXX-WXX-1", "2025-02-30", "nonsense"])
def test_interval_of_what_is_not_a_calendar_date(v):
    assert interval(v) is None


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

_dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))
_FORMATS = ["%B %d, %Y", "%d %B %Y", "%Y-%m-%d", "%b. %d, %Y", "%d %B, %Y", "%A, %B %d, %Y"]


@given(_dates, st.sampled_from(_FORMATS))
def test_explicit_dates_round_trip_and_their_interval_holds_them(d, fmt):
    text = d.strftime(fmt).replace("May.", "May")
    tv = normalize(text, None)
    assert tv is not None, text
    assert tv.value == d.isoformat()
    lo, hi = interval(tv.value)
    assert lo <= d <= hi


@given(_dates, st.sampled_from(["%B %Y", "%Y"]))
def test_interval_of_a_month_or_year_contains_its_days(d, fmt):
    tv = normalize(d.strftime(fmt), None)
    lo, hi = interval(tv.value)
    assert lo <= d <= hi
    assert lo.day == 1


@given(_dates, st.integers(min_value=0, max_value=40))
def test_ranges_start_before_they_end(d, span):
    e = d + dt.timedelta(days=span)
    text = f"from {d:%B} {d.day}, {d.year} to {e:%B} {e.day}, {e.year}"
    tv = normalize(text, None)
    assert tv is not None and tv.precision == "range", text
    lo, hi = interval(tv.value)
    assert (lo, hi) == (d, e)


@given(_dates, st.sampled_from(["past", "future", None]))
@example(dt.date(2000, 2, 29), "past")  # the last 29 February before 28 February 2000 is in 1996
@example(dt.date(2004, 2, 29), "future")
def test_partial_dates_respect_the_tense(anchor, tense):
    tv = normalize(anchor.strftime("%B %d").replace(" 0", " "), anchor - dt.timedelta(days=1), tense=tense)
    if tv is None:  # 29 February
        return
    d = dt.date.fromisoformat(tv.value)
    said = anchor - dt.timedelta(days=1)  # the day after the publication date
    assert (d.month, d.day) == (anchor.month, anchor.day)
    if tense == "past":
        assert d < said
    elif tense == "future":
        assert d > said
    else:  # no tense: the publication year
        assert d.year == said.year


@given(_dates, st.sampled_from(["past", "future", None]),
       st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_weekdays_land_on_that_weekday_within_a_week(anchor, tense, name):
    tv = normalize(name, anchor, tense=tense)
    d = dt.date.fromisoformat(tv.value)
    assert d.strftime("%A") == name
    delta = (d - anchor).days
    assert (0 <= delta <= 6) if tense == "future" else (-6 <= delta <= 0)


@given(_dates)
def test_relative_units_are_in_order(anchor):
    def start(text):
        return interval(normalize(text, anchor).value)[0]

    assert start("last week") < start("this week") < start("next week")
    assert start("last month") < start("this month") < start("next month")
    assert start("last year") < start("this year") < start("next year")
    assert start("yesterday") < start("today") < start("tomorrow")
    lo, hi = interval(normalize("this week", anchor).value)
    assert lo <= anchor <= hi


# --------------------------------------------------------------------------
# parse_user_date()
# --------------------------------------------------------------------------


def test_parse_user_date():
    assert parse_user_date("2025") == (D(2025, 1, 1), D(2025, 12, 31))
    assert parse_user_date("2025-08") == (D(2025, 8, 1), D(2025, 8, 31))
    assert parse_user_date(" 2025-08-08 ") == (D(2025, 8, 8), D(2025, 8, 8))


@pytest.mark.parametrize("text", ["August 2025", "08/08/2025", "2025-8-8", "last week", "", "2025-02-30", "20250808"])
def test_parse_user_date_refuses_with_a_hint(text):
    with pytest.raises(ValueError, match="YYYY|calendar"):
        parse_user_date(text)


# --------------------------------------------------------------------------
# find_publication_date()
# --------------------------------------------------------------------------


def _found(head):
    r = find_publication_date(head)
    if r is None:
        return None
    d, s, e = r
    return d, head[s:e]


def test_publication_date_on_a_bulleted_line():
    head = "  Ministers meet in Baku\n\n  Foreign policy\n  \u2022 31 January, 2026\n  \u2022 13:39\n  Ministers meet in Baku\n\n  On January 30, the ministers met."
    assert _found(head) == (D(2026, 1, 31), "31 January, 2026")


def test_publication_date_published_byline():
    head = "Ties Strengthened\nJohn Doe Published August 09, 2025 | 11:46 PM\nThe president paid a visit on August 7-8, 2025."
    assert _found(head) == (D(2025, 8, 9), "August 09, 2025")


def test_publication_date_updated_iso():
    head = "Updated: 2025-08-09\nTalks in Nairobi ended on August 8, 2025 with a joint statement."
    assert _found(head) == (D(2025, 8, 9), "2025-08-09")


def test_publication_date_in_an_agency_credit():
    head = ("NAIROBI (KENYA), (APP - UrduPoint / Pakistan Point News - 9th Aug, 2025) Kenya's president "
            "held talks on August 8, 2025 with his Ethiopian counterpart.")
    assert _found(head) == (D(2025, 8, 9), "9th Aug, 2025")


def test_publication_date_in_a_dateline():
    head = "ASTANA, Kazakhstan, January 21, 2026. Kazakhstan's foreign minister will visit Baku next week."
    assert _found(head) == (D(2026, 1, 21), "January 21, 2026")


def test_dateline_without_a_year_is_not_a_date():
    assert find_publication_date("BAKU, Azerbaijan, January 21. The parliament moves to deepen ties.") is None


def test_dates_inside_sentences_are_the_news_not_its_date():
    head = ("The foreign ministers of Kenya and Ethiopia held talks in Addis Ababa on August 8, 2025, "
            "and agreed to meet again in Nairobi.")
    assert find_publication_date(head) is None


def test_a_date_line_wins_over_a_dateline():
    head = "\u2022 2 February 2026\nTASHKENT, Uzbekistan, January 30, 2026. Talks ended."
    assert _found(head) == (D(2026, 2, 2), "2 February 2026")


def test_no_date_at_all():
    assert find_publication_date("") is None
    assert find_publication_date("Just a headline\n\nAnd a body without any date.") is None


# --------------------------------------------------------------------------
# The module stays light
# --------------------------------------------------------------------------


def test_timex_to_dict():
    t = Timex(3, 13, "last month", "DATE", "2025-12", "month", True, "past")
    assert t.to_dict() == {"text": "last month", "start": 3, "end": 13, "type": "DATE",
                           "value": "2025-12", "precision": "month"}


def test_timevalue_is_frozen():
    tv = TimeValue("2025", "DATE", "year", False)
    with pytest.raises(AttributeError):
        tv.value = "2026"  # type: ignore[misc]


def test_dates_does_not_import_spacy():
    code = "import sys, azdiplo.dates; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "head, expected",
    [
        ("KYIV, Ukraine (AP) \u2014 Jan. 21, 2026 \u2014 Ukrainian and Moldovan ministers met.", (D(2026, 1, 21), "Jan. 21, 2026")),
        ("NAIROBI, Aug 8, 2025 (Reuters) - Kenya and Somalia signed a pact.", (D(2025, 8, 8), "Aug 8, 2025")),
        ("By Jane Doe | January 21, 2026\nThe summit opened in Dakar.", (D(2026, 1, 21), "January 21, 2026")),
        ("Posted on: 31 January 2026 13:39\nThe talks ended.", (D(2026, 1, 31), "31 January 2026")),
        ("Home > World\n21/01/2026\nTalks in Hanoi.", (D(2026, 1, 21), "21/01/2026")),
    ],
)
def test_publication_date_other_layouts(head, expected):
    assert _found(head) == expected


_WORDS = ("last next this the a of on in 2025 1990s 31 January Aug. 8 7-8 , - to and between from week month "
          "year quarter spring winter Monday ago earlier later three every day 10 a.m. noon Q1 H2 fiscal 29 "
          "February 2024 2019 2021 / recent now past few several mid- early late end century 20th").split()


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6),
       st.one_of(st.none(), st.dates()), st.sampled_from(["past", "present", "future", None]))
def test_normalize_never_raises_and_gives_well_formed_values(words, anchor, tense):
    tv = normalize(" ".join(words), anchor, tense=tense)
    if tv is None:
        return
    assert tv.type in ("DATE", "TIME", "DURATION", "SET")
    if tv.type == "DATE" and tv.value and tv.precision not in ("ref", None) and "X" not in tv.value:
        assert interval(tv.value) is not None, tv
