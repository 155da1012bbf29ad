"""Problems: one broken rule, located by file, row, column and value, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (file, row, column), what value, which rule."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            # Row numbers count data rows from 1; line numbers include the header line.
            where += f", row {self.row} (line {self.row + 1})"
        if self.column is not None:
            where += f", column '{self.column}'"
        if self.value is not None:
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            where += f", value {shown!r}"
        return f"{where}: {self.rule}"


class QantarError(Exception):
    """An error a user can fix; the command line prints its message (no traceback) and exits with ``exit_code``."""

    exit_code = 1


class DataValidationError(QantarError, ValueError):
    """Raised when the dataset breaks one or more rules; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the dataset:\n{lines}")
