"""Problems: one broken rule, located by file, row, column and value; the errors that carry them; the list rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable


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


class ParameterError(QantarError, ValueError):
    """A notebook parameter has a value that is not allowed; the message names parameter, value and choices."""

    exit_code = 2


def parameter_error(name: str, value: Any, valid: Iterable[Any] | str) -> ParameterError:
    """The error for a parameter value that is not allowed, naming the parameter, the value and what is valid."""
    choices = valid if isinstance(valid, str) else ", ".join(map(str, valid))
    return ParameterError(f"parameter '{name}': invalid value {value!r}; valid: {choices}")


LIST_VALUES = "None (all), a name, or a list of names"  # what the one rule for list parameters accepts (as_list)


def as_list(values: Any, name: str = "values") -> list[Any] | None:
    """The one rule for list parameters: None stays None (all); a bare string is a one-element list.

    It lives here, below qantar.params (the parameter specs), qantar.derive and qantar.filters (the
    filters that apply the rule) and qantar.selection (the explorer's filters), so that all of them
    use this one definition and none imports another for it.
    """
    if values is None:
        return None
    if isinstance(values, str):
        return [values]
    if isinstance(values, (list, tuple, set, frozenset)):
        return list(values)
    raise parameter_error(name, values, LIST_VALUES)
