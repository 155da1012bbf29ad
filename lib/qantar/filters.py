"""The explorer's list filters, declared once: name, words, choices, the columns they test, the views they narrow.

Everything that names or applies one of these filters reads :data:`FILTERS`: the fields of
:class:`qantar.selection.Selection` and its share-link and JSON keys (one name each: the filter's
``name``; links of earlier versions used ``types`` and ``actors``, which are still read), the columns
the one filter rule tests (``matches``, below), which views a filter narrows and how its values read
in titles (``explorer.filter_label``), the app's lists (``qantar.app``), notebook 05's parameters
(``params.SPECS``) and the words a report page or title uses for a notebook's filter (:func:`words`).
Adding a list filter is one entry here plus its field in ``Selection``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping

from qantar import display

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd


@dataclass(frozen=True)
class Filter:
    """One list filter of the explorer (in a selection, nothing chosen means all)."""

    name: str  # Selection field, share-link and JSON key, notebook 05 parameter, widget class qantar-<name>
    label: str  # heading of its list in the app; lower-cased, what pages and titles call it
    choices: str  # key of params.CHOICES: the values it accepts
    columns: Mapping[str, str]  # table of a view → the column the filter tests there (matches, below)
    views: tuple[str, ...]  # the explorer's views it narrows: events (table, map, timeline), casualties, reactions
    hint: str = ""  # said after the label in the app only
    value_labels: Mapping[str, str] | None = None  # how values read; None: as they are in the data
    old_keys: tuple[str, ...] = ()  # share-link keys of earlier versions, still read
    notebook_help: str = ""  # notebook 05's parameter description; empty: not a notebook 05 parameter
    css: str = field(init=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "css", f"qantar-{self.name}")

    @property
    def words(self) -> str:
        """What a page or title calls the filter: 'event types', 'reacting actors'."""
        return self.label.lower()

    def value_label(self, value: str) -> str:
        """A value as readers see it: 'security forces' for security_forces; data values (Almaty) as they are."""
        if self.value_labels is None:
            return str(value)
        return self.value_labels.get(value) or display.words(value)


FILTERS: dict[str, Filter] = {
    f.name: f
    for f in (
        Filter(
            "event_types",
            "Event types",
            "event_types",
            {"events": "event_type"},
            ("events",),
            old_keys=("types",),
            notebook_help="ACLED event types selected at start, for example Riots; None means all",
        ),
        Filter(
            "regions",
            "Regions",
            "regions",
            {"events": "region", "places": "region"},
            ("events", "casualties"),
            hint="(2022)",
        ),
        Filter(
            "cities",
            "Cities",
            "unrest_cities",
            {"events": "city", "places": "city"},
            ("events", "casualties"),
            hint="(or click map)",
            notebook_help="cities selected at start, for example Almaty; None means all",
        ),
        Filter(
            "groups",
            "Casualty groups",
            "groups",
            {"claims": "group"},
            ("casualties",),
            value_labels=display.GROUP_SHORT,
            notebook_help="casualty groups selected at start, for example security_forces; None means all",
        ),
        Filter(
            "measures",
            "Casualty measures",
            "measures",
            {"claims": "measure"},
            ("casualties",),
            value_labels=display.MEASURE_LABELS,
        ),
        Filter(
            "actor_kinds",
            "Reacting actors",
            "actor_kinds",
            {"reactions": "actor_kind"},
            ("reactions",),
            value_labels=display.ACTOR_KIND_LABELS,
            old_keys=("actors",),
        ),
    )
}
PLACES = ("cities", "regions")  # said together in titles: 'Aktau or Zhanaozen, in Mangystau Region'


def by_key() -> dict[str, str]:
    """Every share-link key still read (names and old keys) → the filter's name."""
    return {key: f.name for f in FILTERS.values() for key in (f.name, *f.old_keys)}


def words(name: str) -> str:
    """What a page or title calls a filter or a notebook's list parameter ('event types'; 'stances' as named)."""
    return FILTERS[name].words if name in FILTERS else name.replace("_", " ")


def applies(view: str) -> tuple[str, ...]:
    """Names of the filters that narrow a view (events, casualties or reactions)."""
    return tuple(f.name for f in FILTERS.values() if view in f.views)


def matches(frame: "pd.DataFrame", chosen: Mapping[str, Iterable[str] | str | None]) -> "pd.Series":
    """The one filter rule: True for the rows that hold, in every column with a choice, one of its chosen values.

    Filters combine with AND, the values of one filter with OR. None means no filter (all rows);
    a bare string is one value (as ``params.as_list``); an empty list matches no row; a missing
    value (a report that names no city) matches no choice.
    """
    import pandas as pd

    from qantar.problems import as_list

    keep = pd.Series(True, index=frame.index)
    for column, values in chosen.items():
        wanted = as_list(values, column)
        if wanted is not None:
            keep &= frame[column].notna() & frame[column].astype(str).isin(wanted)
    return keep
