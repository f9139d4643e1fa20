"""The one exception type for bad input, and the problem records it carries.

Every check collects :class:`Problem` records instead of stopping at the first,
so a user sees everything that is wrong with a file in one run. The edges (the
command line and the notebooks) catch :class:`InputError` and print its message.
"""

from dataclasses import dataclass

#: Rows named in one line when many rows share a problem, and lines shown in all;
#: a plan with a wrong column in every row would otherwise print 100,000 lines.
ROWS_SHOWN = 5
LINES_SHOWN = 40


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as it can be."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        return self.describe([self.row] if self.row is not None else [])

    def describe(self, rows: list[int]) -> str:
        """The problem located at the given rows: all of them when few, the first few and a count when many."""
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet '{self.sheet}'")
        if len(rows) == 1:
            where.append(f"row {rows[0]}")
        elif rows:
            shown = ", ".join(str(row) for row in rows[:ROWS_SHOWN])
            more = f" and {len(rows) - ROWS_SHOWN:,} more" if len(rows) > ROWS_SHOWN else ""
            where.append(f"rows {shown}{more}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class InputError(Exception):
    """An input file breaks the contract; the message lists every problem found.

    Rows that share a problem are named on one line, and at most ``LINES_SHOWN``
    lines are shown; ``problems`` keeps them all.
    """

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(self._render())

    def __reduce__(self):
        """Pickle by the problems, so the error can cross from a child process (the sheet's XML pass)."""
        return self.__class__, (self.problems,)

    def _render_traceback_(self) -> list[str]:
        """What IPython shows when a notebook cell raises this: the message in plain words, no traceback."""
        return str(self).splitlines()

    def _render(self) -> str:
        if len(self.problems) == 1:
            return f"Input error: {self.problems[0]}"
        groups: dict[tuple, list[Problem]] = {}
        for problem in self.problems:
            key = (problem.file, problem.sheet, problem.column, problem.message, problem.row is None)
            groups.setdefault(key, []).append(problem)
        grouped = list(groups.values())
        shown, rest = grouped[:LINES_SHOWN], grouped[LINES_SHOWN:]
        lines = [f"Input error: {len(self.problems):,} problems found"]
        lines += [f"  - {same[0].describe([p.row for p in same if p.row is not None])}" for same in shown]
        if rest:
            hidden = sum(len(same) for same in rest)
            lines.append(f"  - and {hidden:,} more problems, not shown: correct the ones above and run again")
        return "\n".join(lines)


def fail_if(problems: list[Problem]) -> None:
    """Raise one :class:`InputError` for all collected problems, if there are any."""
    if problems:
        raise InputError(problems)
