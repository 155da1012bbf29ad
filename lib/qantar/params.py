"""Notebook parameters: validate them before anything is computed or written.

Each notebook calls :func:`check` right after its ``parameters`` cell. A bad value raises
:class:`ParameterError` naming the parameter, the value and the valid choices.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from qantar import paths

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset


class ParameterError(ValueError):
    """A notebook parameter has a value that is not allowed."""


@dataclass(frozen=True)
class Window:
    """A validated inclusive date window."""

    start: date
    end: date

    @property
    def days(self) -> list[date]:
        """Every day from start to end."""
        from datetime import timedelta

        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def label(self) -> str:
        """Human-readable window, e.g. '2–10 January 2022'."""
        if self.start.year == self.end.year and self.start.month == self.end.month:
            return f"{self.start.day}–{self.end.day} {self.end:%B %Y}"
        return f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"


def _fail(name: str, value: Any, valid: Iterable[Any] | str) -> ParameterError:
    choices = valid if isinstance(valid, str) else ", ".join(map(str, valid))
    return ParameterError(f"parameter '{name}': invalid value {value!r}; valid: {choices}")


def check_date(name: str, value: Any) -> date:
    """Parse an ISO date parameter or raise ParameterError."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _fail(name, value, "an ISO date YYYY-MM-DD, e.g. '2022-01-05'") from None


def check_window(start: Any, end: Any, names: tuple[str, str] = ("start_date", "end_date")) -> Window:
    """Validate a start/end date pair (start must not be after end)."""
    s, e = check_date(names[0], start), check_date(names[1], end)
    if s > e:
        raise ParameterError(f"parameter '{names[0]}': {s.isoformat()} is after {names[1]} {e.isoformat()}; "
                             f"valid: a start date on or before the end date")
    return Window(s, e)


def check_choices(name: str, values: Any, valid: Sequence[str], allow_none: bool = True) -> list[str]:
    """Validate a list-of-choices parameter; None means every valid choice."""
    if values is None and allow_none:
        return list(valid)
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple)) or not values:
        raise _fail(name, values, f"None (all) or a non-empty list of: {', '.join(valid)}")
    for v in values:
        if v not in valid:
            raise _fail(name, v, valid)
    return list(values)


def check_output_dir(name: str, value: Any, default_name: str) -> Path:
    """Resolve the output folder (None → <project>/build/figures/<default_name>) without creating it."""
    if value is None:
        return paths.project_root() / "build" / "figures" / default_name
    if not isinstance(value, (str, os.PathLike)) or str(value).strip() == "":
        raise _fail(name, value, "None (the default folder) or a folder path")
    path = Path(value)
    if path.exists() and not path.is_dir():
        raise _fail(name, value, "a folder path (this path is a file)")
    return path


def enum(ds: "Dataset", table: str, column: str) -> list[str]:
    """Allowed values of an enum column, from the dataset's schema."""
    return [str(c) for c in ds.table(table)[column].cat.categories]


def city_choices(ds: "Dataset") -> list[str]:
    """City names (January 2022 form) a map can be filtered to."""
    places = ds.places
    return sorted(places.loc[places["kind"] == "city", "name"].astype(str))


def unrest_city_choices(ds: "Dataset") -> list[str]:
    """Cities with at least one reported protest, riot, battle or act of violence (the explorer's list)."""
    from qantar.derive import first_unrest_day

    return sorted(first_unrest_day(ds)["city"].astype(str))


def region_choices(ds: "Dataset") -> list[str]:
    """January 2022 admin-1 names of the cities in the dataset."""
    places = ds.places
    return sorted(places.loc[places["kind"] == "city", "admin1_jan2022"].dropna().astype(str).unique())


def scope_choices(ds: "Dataset") -> list[str]:
    """Place ids used as casualty-figure scopes (kz = national, almaty = Almaty only)."""
    return sorted(ds.casualty_reports["scope_place_id"].astype(str).unique())
