"""Numbers shown as Excel shows them: each expected text below was written by hand from Excel's rules."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.input.numfmt import format_code, render

DISPLAYED = [
    (1.6, "0.##", "1.6"),  # optional decimals are left out…
    (1.2, "0.0#", "1.2"),
    (1.1, "0.0#", "1.1"),
    (1, "0.##", "1."),  # …but the decimal point stays
    (4.1, "0.00", "4.10"),  # required decimals are written
    (3.57, "0.00", "3.57"),
    (1.1, "@", "1.1"),  # a number in a text-formatted cell shows as General
    (1.1, "General", "1.1"),
    (3, "General", "3"),
    (3.1, "#", "3"),
    (12, "000", "012"),
    (0.5, "#.##", ".5"),  # no zero before the point with only # there
    (1234567, "#,##0", "1,234,567"),  # thousands separators
    (0, "#,##0", "0"),
    (1234.5, "#,##0.00", "1,234.50"),
    (1234567, "0.0,,", "1.2"),  # trailing commas scale by thousands
    (0.125, "0%", "13%"),
    (2.5, "0", "3"),  # halves round away from zero
    (-2.5, "0", "-3"),
    (-1.5, "0.0;(0.0)", "(1.5)"),  # sections: positive; negative
    (0, '0;-0;"nul"', "nul"),  # third section: zero
    (3.5, '"Nr "0.0', "Nr 3.5"),  # quoted literal text
    (3.57, "\\N\\r 0.00", "Nr 3.57"),  # escaped characters and a plain space
    (1234, "00-00", "12-34"),  # literals between digit placeholders
    (7, "0.0_)", "7.0 "),  # _x leaves the width of x
    (1.5, "[Red]0.00", "1.50"),  # colours are not shown
    (5.25, "[$€-813] 0.00", "€ 5.25"),  # a currency tag shows its symbol
    (2.675, "0.00", "2.68"),  # rounded half up as the number is written, though the float lies just below
    (1.005, "0.00", "1.01"),
    (0.1 + 0.2, "0.00", "0.30"),  # 0.30000000000000004
    (3.1234, "0.0000", "3.1234"),  # as many decimals as written: nothing to round
    (12.5, "0.000", "12.500"),
    (1e16, "0", "10000000000000000"),  # written 1e+16
]


@pytest.mark.parametrize("value,code,shown", DISPLAYED)
def test_numbers_are_shown_as_excel_shows_them(value, code, shown):
    assert render(value, code) == shown


@pytest.mark.parametrize("code", ["mm-dd-yy", "d-mmm-yy", "h:mm", "0.00E+00", "# ?/?", "[>5]0;0"])
def test_formats_that_do_not_show_an_action_number_are_refused_not_guessed(code):
    assert render(3.5, code) is None


def test_built_in_and_custom_format_ids():
    assert format_code(2, {}) == "0.00" and format_code(49, {}) == "@" and format_code(0, {}) == "General"
    assert format_code(164, {164: "0.000"}) == "0.000" and format_code(200, {}) == "General"


@given(st.floats(min_value=0, max_value=1e17, allow_nan=False), st.integers(min_value=0, max_value=6))
def test_fixed_decimals_are_the_written_number_rounded_half_up(value, places):
    """Whether or not the number needs rounding, ``0.00…`` shows the number as Python writes it (its shortest
    repr), rounded half up to the format's decimals."""
    code = "0." + "0" * places if places else "0"
    expected = f"{Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    assert render(value, code) == expected
