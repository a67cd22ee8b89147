"""Dates resolve against the publication date."""

from datetime import date

import pytest

from spacecoop.ingest.dates import printed_date, resolve_dates

THURSDAY = date(2017, 6, 8)


@pytest.mark.parametrize(
    "phrase, expected, precision",
    [
        ("told Sputnik on Thursday", date(2017, 6, 8), "day"),  # the publication day itself
        ("said on Wednesday", date(2017, 6, 7), "day"),
        ("said on Friday", date(2017, 6, 2), "day"),  # the most recent Friday before
        ("earlier on Monday", date(2017, 6, 5), "day"),
        ("talks resume next year", date(2018, 1, 1), "year"),
        ("it was signed last month", date(2017, 5, 1), "month"),
        ("planned for launch in 2021", date(2021, 1, 1), "year"),
        ("signed on 9 March", date(2017, 3, 9), "day"),
        ("signed on March 9, 2021", date(2021, 3, 9), "day"),
        ("met on 16-17 March", date(2017, 3, 17), "day"),
        ("signed in November 2017", date(2017, 11, 1), "month"),
        ("said yesterday", date(2017, 6, 7), "day"),
        ("on 2022-07-12", date(2022, 7, 12), "day"),
    ],
)
def test_date_expressions(phrase, expected, precision):
    (mention,) = resolve_dates(phrase, THURSDAY)
    assert (mention.date, mention.precision) == (expected, precision)
    assert phrase[mention.start : mention.end] == mention.text


def test_last_month_in_january_is_december():
    (mention,) = resolve_dates("agreed last month", date(2021, 1, 15))
    assert mention.date == date(2020, 12, 1)


def test_quantities_are_not_years():
    assert resolve_dates("it brought back 1,731 grams and 2000 kg", THURSDAY) == []


def test_printed_dates_in_page_headers():
    assert printed_date("20:06 GMT21 October 2020\nListen Live") == date(2020, 10, 21)
    assert printed_date("13.07.2022\nListen Live") == date(2022, 7, 13)
    assert printed_date("Listen Live\nno date here") is None


def test_weekday_against_the_earliest_date_regression():
    """Fuzzing found an OverflowError: a weekday resolved against date.min (no printed date) went below it."""
    from datetime import date as day

    from spacecoop.ingest.dates import printed_date, resolve_dates

    assert resolve_dates("said on Wednesday", day.min) == []
    assert printed_date("302Wednesday\nPARIS, 17 March told Sputnik") is None
