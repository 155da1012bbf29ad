"""Notebook set-up: validate a notebook's parameters and return what its cells need.

Every notebook calls one ``setup_*`` function right after its parameters cell, so a bad
value fails there — before any figure is computed or any file is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qantar import params as P

if TYPE_CHECKING:  # pragma: no cover
    from qantar.dataset import Dataset

ACLED_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"]


@dataclass
class Run:
    """Validated parameters of one notebook run, with the loaded dataset."""

    ds: "Dataset"
    window: P.Window
    out_dir: Path
    filters: dict[str, list[str]] = field(default_factory=dict)
    defaults: dict[str, list[str]] = field(default_factory=dict)

    def describe_filters(self) -> str:
        """'all event types; regions: Almaty …' — what the title should say about the filters."""
        parts = []
        for name, values in self.filters.items():
            label = name.replace("_", " ")
            parts.append(f"all {label}" if values == self.defaults.get(name) else f"{label}: {', '.join(values)}")
        return "; ".join(parts)

    def title(self, what: str) -> str:
        """Figure title stating period and filters."""
        filt = self.describe_filters()
        return f"{what}, {self.window.label()}" + (f" ({filt})" if filt else "")


def _load(data_dir: Any) -> "Dataset":
    from qantar.dataset import load

    return load(data_dir=data_dir)


def _run(ds: "Dataset", start_date: Any, end_date: Any, output_dir: Any, name: str, **filters: tuple[Any, list[str]]) -> Run:
    window = P.check_window(start_date, end_date)
    checked = {key: P.check_choices(key, value, valid) for key, (value, valid) in filters.items()}
    out = P.check_output_dir("output_dir", output_dir, name)
    return Run(ds, window, out, checked, {key: list(valid) for key, (_, valid) in filters.items()})


def setup_overview(start_date: Any, end_date: Any, output_dir: Any, data_dir: Any = None) -> Run:
    """Validate the overview notebook's parameters."""
    ds = _load(data_dir)
    return _run(ds, start_date, end_date, output_dir, "01_overview_timeline")


def setup_map(start_date: Any, end_date: Any, event_types: Any, regions: Any, cities: Any, output_dir: Any,
              data_dir: Any = None) -> Run:
    """Validate the protest-map notebook's parameters (event types, January 2022 regions, city names)."""
    ds = _load(data_dir)
    return _run(ds, start_date, end_date, output_dir, "02_protest_city_map",
                event_types=(event_types, ACLED_TYPES), regions=(regions, P.region_choices(ds)),
                cities=(cities, P.city_choices(ds)))


def setup_casualties(start_date: Any, end_date: Any, measures: Any, groups: Any, scopes: Any, output_dir: Any,
                     data_dir: Any = None) -> Run:
    """Validate the casualty notebook's parameters (measures, groups, scopes kz/almaty)."""
    ds = _load(data_dir)
    return _run(ds, start_date, end_date, output_dir, "03_casualties_over_time",
                measures=(measures, P.enum(ds, "casualty_reports", "measure")),
                groups=(groups, P.enum(ds, "casualty_reports", "group")), scopes=(scopes, P.scope_choices(ds)))


def setup_reactions(start_date: Any, end_date: Any, actor_kinds: Any, stances: Any, output_dir: Any,
                    data_dir: Any = None) -> Run:
    """Validate the reactions notebook's parameters (actor kinds and stances)."""
    ds = _load(data_dir)
    return _run(ds, start_date, end_date, output_dir, "04_reaction_summaries",
                actor_kinds=(actor_kinds, P.enum(ds, "reactions", "actor_kind")),
                stances=(stances, P.enum(ds, "reactions", "stance")))


def setup_explorer(start_date: Any, end_date: Any, event_types: Any, cities: Any, groups: Any,
                   data_dir: Any = None) -> Run:
    """Validate the explorer's initial widget values (days, event types, cities, casualty groups)."""
    ds = _load(data_dir)
    return _run(ds, start_date, end_date, None, "05_explorer",
                event_types=(event_types, ACLED_TYPES), cities=(cities, P.unrest_city_choices(ds)),
                groups=(groups, P.enum(ds, "casualty_reports", "group")))
