"""The input error's message: every problem located, and readable when a whole column is wrong."""

from pipeline.errors import LINES_SHOWN, ROWS_SHOWN, InputError, Problem


def jaar_problem(row: int, message: str = "expected 2024") -> Problem:
    return Problem("plan.xlsx", message, sheet="Acties", row=row, column="Jaar")


def test_one_problem_is_one_line():
    assert str(InputError(jaar_problem(5))) == "Input error: plan.xlsx, sheet 'Acties', row 5, column 'Jaar': expected 2024"


def test_a_few_problems_are_each_located():
    message = str(InputError([jaar_problem(5), jaar_problem(9, "expected a year"), Problem("plan.xlsx", "no sheet")]))
    assert message.splitlines() == [
        "Input error: 3 problems found",
        "  - plan.xlsx, sheet 'Acties', row 5, column 'Jaar': expected 2024",
        "  - plan.xlsx, sheet 'Acties', row 9, column 'Jaar': expected a year",
        "  - plan.xlsx: no sheet",
    ]


def test_rows_that_share_a_problem_share_a_line():
    rows = range(5, 30_005)
    error = InputError([jaar_problem(row) for row in rows])
    lines = str(error).splitlines()
    assert lines[0] == "Input error: 30,000 problems found"
    shown = ", ".join(str(row) for row in list(rows)[:ROWS_SHOWN])
    assert lines[1:] == [f"  - plan.xlsx, sheet 'Acties', rows {shown} and {len(rows) - ROWS_SHOWN:,} more, "
                         "column 'Jaar': expected 2024"]
    assert len(error.problems) == len(rows)


def test_many_different_problems_are_cut_with_a_count():
    count = LINES_SHOWN + 25
    error = InputError([jaar_problem(row, f"'{row}x' is not a year") for row in range(count)])
    lines = str(error).splitlines()
    assert len(lines) == 1 + LINES_SHOWN + 1
    assert lines[-2].startswith(f"  - plan.xlsx, sheet 'Acties', row {LINES_SHOWN - 1},")
    assert lines[-1] == "  - and 25 more problems, not shown: correct the ones above and run again"
