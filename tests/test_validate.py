"""The Nr column's fast path gives what the cell-by-cell check gives, or steps aside."""

from hypothesis import given
from hypothesis import strategies as st

from pipeline.config import clean
from pipeline.input.validate import NR_PATTERN, action_numbers

AWKWARD = ["1", "3", "6", "7", "0", "5", ",", ".", " ", "\t", "\n", "\r", "\u00a0", "\u2003", "\x85", "\u0663", "x"]


def checked_one_by_one(cells: list[str]) -> list[str | None]:
    """The cell-by-cell reading: the number as T,N, or None for a cell it would report."""
    texts = [clean(cell).replace(" ", "") for cell in cells]
    return [f"{m.group(1)},{m.group(2)}" if (m := NR_PATTERN.match(t)) else None for t in texts]


def test_a_clean_column_takes_the_fast_path():
    assert action_numbers(["1,1", " 2.10 ", "6,3 4", "3,57"]) == ["1,1", "2,10", "6,34", "3,57"]


WELL_FORMED = st.sampled_from(["1,2", " 3.4 ", "6, 5 7", "2,10"])


@given(st.lists(st.one_of(WELL_FORMED, st.text(st.sampled_from(AWKWARD), max_size=6)), max_size=6))
def test_the_fast_path_agrees_with_the_cell_by_cell_check(cells):
    fast = action_numbers(cells)
    if fast is not None:
        assert fast == checked_one_by_one(cells)


def test_anything_not_text_or_not_a_number_steps_aside():
    assert action_numbers(["1,1", 2.5]) is None
    assert action_numbers(["1,1", ""]) is None
    assert action_numbers(["1,1", "1,2\n"]) is None
    assert action_numbers(["1,1", "7,2"]) is None
    assert action_numbers([]) is None
