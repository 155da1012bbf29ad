"""Notebook parameters: one declarative spec per notebook, and the rules that check values against it.

The spec (:data:`SPECS`) is read by three readers: each notebook's set-up call
(:func:`qantar.notebook.setup`), the report runner's config check (before anything runs)
and the explorer (its initial widget values). Rules, the same everywhere:

* ``None`` means "all" for every list-of-choices parameter; an empty list is refused
  (it would select nothing).
* A bare string where a list is expected is a one-element list (``"Riots"`` is ``["Riots"]``),
  as ``papermill -p event_types Riots`` gives it.
* A value from a config file must be plain data: a string, a number, a date, a list of those,
  or null. Anything else (YAML ``!!binary``, mappings, booleans, timestamps) is refused before it
  can reach papermill, which writes parameters into the notebook as code.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from qantar import settings
from qantar.filters import FILTERS

# ParameterError and as_list are defined below both this module and derive (which needs as_list), and re-exported.
from qantar.problems import ParameterError as ParameterError
from qantar.problems import as_list as as_list
from qantar.problems import parameter_error as _fail

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset


@dataclass(frozen=True)
class Window:
    """A validated inclusive date window."""

    start: date
    end: date

    @property
    def days(self) -> list[date]:
        """Every day from start to end."""
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def label(self) -> str:
        """Human-readable window, e.g. '2–10 January 2022'."""
        from qantar.display import window_label

        return window_label(self.start, self.end)


@dataclass(frozen=True)
class Param:
    """One notebook parameter: its name, kind, default and, for lists, where its choices come from."""

    name: str
    kind: str  # "date", "choices" (a list of allowed names, None = all) or "path"
    default: Any
    help: str
    choices: str | None = None  # key of CHOICES
    in_config: bool = True  # False for paths the runner sets itself (output_dir, data_dir)
    max_days: int | None = None  # on an end date: the longest window it may close (None: settings.MAX_WINDOW_DAYS)


def _enum(table: str, column: str) -> Callable[["Dataset"], list[str]]:
    def choices(ds: "Dataset") -> list[str]:
        return [str(c) for c in ds.table(table)[column].cat.categories]

    return choices


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


CHOICES: dict[str, Callable[["Dataset"], list[str]]] = {
    "event_types": _enum("events", "event_type"),
    "regions": region_choices,
    "cities": city_choices,
    "unrest_cities": unrest_city_choices,
    "measures": _enum("casualty_reports", "measure"),
    "groups": _enum("casualty_reports", "group"),
    "scopes": scope_choices,
    "actor_kinds": _enum("reactions", "actor_kind"),
    "stances": _enum("reactions", "stance"),
}

_START = Param("start_date", "date", settings.DEFAULT_START.isoformat(), "first day shown, an ISO date")
_END = Param("end_date", "date", settings.DEFAULT_END.isoformat(), "last day shown, an ISO date not before start_date")
# The casualties notebook reads the record to August 2022 (its chart compresses the months after the first days).
_CASUALTY_END = Param(
    "end_date",
    "date",
    settings.CASUALTY_DEFAULT_END.isoformat(),
    "last day shown, an ISO date not before start_date",
    max_days=settings.CASUALTY_MAX_WINDOW_DAYS,
)
_OUT = Param(
    "output_dir", "path", None, "folder for figures and tables; None means build/figures/NOTEBOOK_NAME", in_config=False
)
_DATA = Param(
    "data_dir", "path", None, "dataset folder; None means the project data folder, validated on load", in_config=False
)

SPECS: dict[str, tuple[Param, ...]] = {
    "01_overview_timeline": (_START, _END, _OUT, _DATA),
    "02_protest_city_map": (
        _START,
        _END,
        Param(
            "event_types",
            "choices",
            None,
            "ACLED event types to include, for example Protests and Riots; None means all",
            "event_types",
        ),
        Param(
            "regions",
            "choices",
            None,
            "January 2022 admin-1 regions, for example Mangystau Region; None means all",
            "regions",
        ),
        Param("cities", "choices", None, "city names as in January 2022, for example Almaty; None means all", "cities"),
        _OUT,
        _DATA,
    ),
    "03_casualties_over_time": (
        _START,
        _CASUALTY_END,
        Param(
            "measures",
            "choices",
            ["killed", "injured", "detained"],
            "any of killed, injured, casualties, detained, participants; None means all",
            "measures",
        ),
        Param(
            "groups",
            "choices",
            None,
            "any of security_forces, protesters, armed_criminals, civilians, unspecified; None means all",
            "groups",
        ),
        Param(
            "scopes",
            "choices",
            None,
            "kz for the whole country and or almaty for Almaty only; None means both",
            "scopes",
        ),
        _OUT,
        _DATA,
    ),
    "04_reaction_summaries": (
        _START,
        _END,
        Param(
            "actor_kinds",
            "choices",
            None,
            "any of foreign_government, kazakh_government, international_organisation, kazakh_other, other; "
            "None means all",
            "actor_kinds",
        ),
        Param(
            "stances", "choices", None, "stance categories (docs/data.md, Stance categories); None means all", "stances"
        ),
        _OUT,
        _DATA,
    ),
    # ACLED's reference totals cover one whole month; the window must be that month (check_values refuses others).
    "06_acled_comparison": (
        Param("start_date", "date", settings.UNREST_START.isoformat(), "first day of the month ACLED's totals cover"),
        Param("end_date", "date", settings.UNREST_END.isoformat(), "last day of that month"),
        _OUT,
        _DATA,
    ),
    # The explorer's starting filters come from its registry (qantar.filters): one entry per filter with notebook help.
    "05_explorer": (
        _START,
        _END,
        *(Param(f.name, "choices", None, f.notebook_help, f.choices) for f in FILTERS.values() if f.notebook_help),
        _DATA,
    ),
}


def spec(notebook: str) -> tuple[Param, ...]:
    """The parameter spec of a notebook, by file name with or without ``.ipynb``."""
    stem = Path(notebook).stem
    try:
        return SPECS[stem]
    except KeyError:
        raise ParameterError(f"no parameter spec for notebook {notebook!r}; known: {', '.join(SPECS)}") from None


def plain_value(name: str, value: Any) -> Any:
    """Check that a config value is plain data (string, number, date, list of those, null); return it JSON-ready.

    Dates become ISO strings. This is the guard in front of papermill, which writes values into the
    notebook as Python source: only these types have a safe, exact translation.
    """

    def scalar(v: Any) -> Any:
        if v is None or isinstance(v, str):
            if isinstance(v, str) and (len(v) > settings.PARAM_TEXT_MAX or any(ord(ch) < 32 for ch in v)):
                raise _fail(
                    name,
                    v if len(v) < 60 else v[:57] + "...",
                    f"a single-line string of at most {settings.PARAM_TEXT_MAX} characters",
                )
            return v
        if isinstance(v, bool):
            raise _fail(
                name,
                v,
                "a string, a number, a date, a list of those, or null (true/false is not a value "
                "any notebook parameter takes)",
            )
        if isinstance(v, int):
            return v
        if isinstance(v, float) and math.isfinite(v):
            return v
        if isinstance(v, datetime):
            raise _fail(name, v, "a date without a time, e.g. 2022-01-05")
        if isinstance(v, date):
            return v.isoformat()
        kinds: dict[type, str] = {bytes: "binary data (YAML !!binary)", dict: "a mapping"}
        kind = kinds.get(type(v), type(v).__name__)
        raise _fail(name, f"<{kind}>", "a string, a number, a date, a list of those, or null")

    if isinstance(value, (list, tuple)):
        return [scalar(v) for v in value]
    return scalar(value)


def check_date(name: str, value: Any) -> date:
    """Parse an ISO date parameter or raise ParameterError."""
    if isinstance(value, datetime):
        raise _fail(name, value, "an ISO date YYYY-MM-DD without a time, e.g. '2022-01-05'")
    if isinstance(value, date):
        return value
    try:
        if not isinstance(value, str):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(name, value, "an ISO date YYYY-MM-DD, e.g. '2022-01-05'") from None


def check_window(
    start: Any, end: Any, names: tuple[str, str] = ("start_date", "end_date"), max_days: int | None = None
) -> Window:
    """Validate a start/end date pair (start must not be after end, the window at most ``max_days`` long)."""
    max_days = max_days or settings.MAX_WINDOW_DAYS
    s, e = check_date(names[0], start), check_date(names[1], end)
    if s > e:
        raise ParameterError(
            f"parameter '{names[0]}': {s.isoformat()} is after {names[1]} {e.isoformat()}; "
            f"valid: a start date on or before the end date"
        )
    if (e - s).days + 1 > max_days:
        raise ParameterError(
            f"parameters '{names[0]}' to '{names[1]}': {(e - s).days + 1} days; valid: a window of at "
            f"most {max_days} days"
            + (" (the figures draw one column or frame per day)" if max_days == settings.MAX_WINDOW_DAYS else "")
        )
    return Window(s, e)


def check_choices(name: str, values: Any, valid: Sequence[str]) -> list[str] | None:
    """Validate a list-of-choices parameter: None (all) or a non-empty list of valid names."""
    chosen = as_list(values, name)
    if chosen is None:
        return None
    if not chosen:
        raise _fail(
            name, values, f"None (all) or a non-empty list of: {', '.join(valid)} (an empty list would select nothing)"
        )
    for v in chosen:
        if not isinstance(v, str) or v not in valid:
            raise _fail(name, v, valid)
    return chosen


def check_output_dir(name: str, value: Any, notebook: str) -> Path:
    """Resolve the output folder (None → <project>/build/figures/<notebook>) without creating it."""
    if value is None:
        return settings.figures_dir(notebook)
    if not isinstance(value, (str, os.PathLike)) or str(value).strip() == "":
        raise _fail(name, value, "None (the default folder) or a folder path")
    path = Path(value)
    if path.exists() and not path.is_dir():
        raise _fail(name, value, "a folder path (this path is a file)")
    return path


def check_values(notebook: str, values: Mapping[str, Any], ds: "Dataset") -> dict[str, Any]:
    """Check every value of a notebook's spec; return them typed (dates as date, lists as list or None)."""
    out: dict[str, Any] = {}
    for p in spec(notebook):
        value = values.get(p.name, p.default)
        if p.kind == "date":
            out[p.name] = check_date(p.name, value)
        elif p.kind == "choices":
            out[p.name] = check_choices(p.name, value, CHOICES[p.choices or p.name](ds))
        elif p.name == "output_dir":
            out[p.name] = check_output_dir(p.name, value, Path(notebook).stem)
        else:
            if value is not None and not isinstance(value, (str, os.PathLike)):
                raise _fail(p.name, value, "None or a folder path")
            out[p.name] = value
    dates = [p for p in spec(notebook) if p.kind == "date"]
    if [p.name for p in dates] == ["start_date", "end_date"]:
        window = check_window(out["start_date"], out["end_date"], max_days=dates[1].max_days)
        rule = WINDOW_RULES.get(Path(notebook).stem)
        if rule is not None:
            rule(window)
    return out


def _acled_month(window: Window) -> None:
    """The ACLED comparison's window is the month of ACLED's reference totals (a part of it is not comparable)."""
    from qantar.acled_reference import check_window as check_reference_window

    check_reference_window(window)


# A notebook whose window must follow a rule of its own, beyond check_window's.
WINDOW_RULES: dict[str, Callable[[Window], None]] = {"06_acled_comparison": _acled_month}


def check_config(notebook: str, parameters: Mapping[str, Any], ds: "Dataset") -> dict[str, Any]:
    """Check a report config's parameters for one notebook; return the plain values to hand to papermill."""
    settable = {p.name: p for p in spec(notebook) if p.in_config}
    for key in parameters:
        if key not in settable:
            raise ParameterError(f"unknown parameter {key!r} for {Path(notebook).stem}; valid: {', '.join(settable)}")
    plain = {key: plain_value(key, value) for key, value in parameters.items()}
    check_values(notebook, plain, ds)  # raises on a bad value, before anything runs
    return plain


def parameters_source(notebook: str) -> str:
    """The source of a notebook's ``parameters`` cell, generated from its spec (a test keeps them equal)."""
    return "\n".join(f"{p.name} = {p.default!r}  # {p.help}" for p in spec(notebook))


def set_parameters_cell(nb: Any, notebook: str) -> bool:
    """Write the spec's source into notebook node ``nb``'s ``parameters`` cell; True if it changed anything.

    `qantar notebooks` runs this before executing, so the committed cell is always the spec's (one definition).
    """
    source = parameters_source(notebook)
    changed = False
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []) and cell.source != source:
            cell.source = source
            changed = True
    return changed
