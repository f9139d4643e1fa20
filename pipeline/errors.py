"""The one exception type for bad input, and the problem records it carries.

Every check collects :class:`Problem` records instead of stopping at the first,
so a user sees everything that is wrong with a file in one run. The edges (the
command line and the notebooks) catch :class:`InputError` and print its message.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as it can be."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class InputError(Exception):
    """An input file breaks the contract; the message lists every problem found."""

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
        lines = [f"Input error: {len(self.problems)} problems found"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def fail_if(problems: list[Problem]) -> None:
    """Raise one :class:`InputError` for all collected problems, if there are any."""
    if problems:
        raise InputError(problems)
