"""The explorer's selection: every filter in one frozen value, written to and read from a URL query or JSON.

A selection is data, never code: reading one parses text (``urllib.parse``, ``json``) and checks
every value against the choices of :data:`qantar.params.CHOICES`, as the notebooks' parameters are
checked. A bad value is dropped and reported as a message (the rest of the selection still
applies); nothing is evaluated. In a selection an empty tuple means "all".

The one filter rule of every view (and of ``derive``'s filters): :func:`matches`. Different filters
combine with AND, the values chosen in one filter with OR, as in Datasette's facets. A city and a
region chosen together therefore mean "that city, if it lies in that region": a city outside every
chosen region matches nothing, and the explorer says so (``explorer.place_note``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Mapping
from urllib.parse import parse_qs, urlencode

from qantar import settings
from qantar.filters import FILTERS, by_key
from qantar.filters import matches as matches  # the one filter rule lives beside the registry; re-exported
from qantar.problems import LIST_VALUES, ParameterError, as_list

if TYPE_CHECKING:  # pragma: no cover
    from qantar.dataset import Dataset

SEARCH_MAX = 100  # characters of a search text
JSON_MAX = 20_000  # bytes of a saved selection file


@dataclass(frozen=True)
class Selection:
    """Days, event types, regions, cities, casualty groups and measures, reacting actors and a search text.

    The list fields are the filters of :data:`qantar.filters.FILTERS`, in its order (a test checks it).
    """

    start: date = settings.DEFAULT_START
    end: date = settings.DEFAULT_END
    event_types: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    actor_kinds: tuple[str, ...] = ()
    q: str = ""

    def __post_init__(self) -> None:
        # One selection, one form: lists are sorted and without repeats, so a link never depends on click order.
        for name in FILTERS:
            value = as_list(getattr(self, name), name) or ()  # the one rule: a bare string is one value, None all
            object.__setattr__(self, name, tuple(sorted(set(value))))

    def replace(self, **changes: Any) -> "Selection":
        """A copy with some fields changed (lists given as any sequence)."""
        changes = {k: tuple(v) if k in FILTERS else v for k, v in changes.items()}
        return replace(self, **changes)

    def chosen(self, table: str) -> dict[str, tuple[str, ...] | None]:
        """Column → chosen values of every list filter that applies to ``table`` (None: nothing chosen, all)."""
        return {f.columns[table]: getattr(self, f.name) or None for f in FILTERS.values() if table in f.columns}

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values: ISO dates, lists, the search text."""
        out: dict[str, Any] = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        out.update({name: list(getattr(self, name)) for name in FILTERS})
        out["q"] = self.q
        return out

    def to_query(self) -> str:
        """The selection as a URL query string, a filter's name its key; defaults are left out ('' for the default)."""
        pairs: list[tuple[str, str]] = []
        if (self.start, self.end) != (settings.DEFAULT_START, settings.DEFAULT_END):
            pairs.append(("days", f"{self.start.isoformat()}..{self.end.isoformat()}"))
        for name in FILTERS:
            pairs += [(name, v) for v in getattr(self, name)]
        if self.q:
            pairs.append(("q", self.q))
        return urlencode(pairs)

    def to_json(self) -> str:
        """The selection as a small JSON document (what *Save* writes)."""
        return json.dumps({"qantar_selection": 1, **self.to_dict()}, ensure_ascii=False, indent=1)


def _check_list(ds: "Dataset", name: str, values: list[Any], problems: list[str]) -> tuple[str, ...]:
    from qantar import params

    valid = params.CHOICES[FILTERS[name].choices](ds)
    kept: list[str] = []  # Selection drops repeats
    for v in values:
        if isinstance(v, str) and v in valid:
            kept.append(v)
        else:
            problems.append(f"{name}: {_shown(v)} is not one of {', '.join(valid)}; ignored")
    return tuple(kept)


def _shown(value: Any) -> str:
    """A value in a message, cut to 60 characters (a link or file may hold anything)."""
    return repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."


def _check_days(start: Any, end: Any, problems: list[str]) -> tuple[date, date]:
    from qantar import params

    try:
        window = params.check_window(start, end, ("start", "end"))
        return window.start, window.end
    except params.ParameterError as err:
        problems.append(f"days: {err}; the default days are shown")
        return settings.DEFAULT_START, settings.DEFAULT_END


def _check_text(value: Any, problems: list[str]) -> str:
    if not isinstance(value, str):
        problems.append(f"q: {value!r} is not a text; ignored")
        return ""
    text = " ".join(value.split())
    if len(text) > SEARCH_MAX:
        problems.append(f"q: the search text is cut to {SEARCH_MAX} characters")
        text = text[:SEARCH_MAX]
    return text


def from_mapping(ds: "Dataset", values: Mapping[str, Any]) -> tuple[Selection, list[str]]:
    """A selection from plain values (the JSON form); returns it with a message for every value dropped."""
    problems: list[str] = []
    known = {"qantar_selection", "start", "end", "q", *FILTERS}
    for key in values:
        if key not in known:
            problems.append(f"{key}: not a filter; ignored (filters: start, end, {', '.join(FILTERS)}, q)")
    start, end = _check_days(
        values.get("start", settings.DEFAULT_START.isoformat()),
        values.get("end", settings.DEFAULT_END.isoformat()),
        problems,
    )
    lists: dict[str, tuple[str, ...]] = {}
    for name in FILTERS:
        raw = values.get(name)
        try:
            chosen = as_list(raw, name) or []  # the one rule: a bare string is one value
        except ParameterError:
            problems.append(f"{name}: {_shown(raw)} is not {LIST_VALUES}; ignored")
            chosen = []
        lists[name] = _check_list(ds, name, chosen, problems)
    return Selection(start, end, q=_check_text(values.get("q", ""), problems), **lists), problems


MAX_QUERY_FIELDS = 200  # a link with every choice of every list selected has fewer


def from_query(ds: "Dataset", query: str | None) -> tuple[Selection, list[str]]:
    """A selection from a URL query string (with or without '?'); unknown keys and bad values become messages.

    A filter's key is its name; the keys of earlier links (``types``, ``actors``) are still read.
    """
    problems: list[str] = []
    try:
        parsed = parse_qs((query or "").lstrip("?"), keep_blank_values=False, max_num_fields=MAX_QUERY_FIELDS)
    except ValueError:  # more fields than any real selection has
        return Selection(), [
            f"the link has more than {MAX_QUERY_FIELDS} values; it was ignored and the default view is shown"
        ]
    keys = by_key()
    values: dict[str, Any] = {}
    for key, items in parsed.items():
        if key == "days":
            start, sep, end = items[-1].partition("..")
            if not sep:
                end = start
            values["start"], values["end"] = start, end
        elif key == "q":
            values["q"] = items[-1]
        elif key in keys:
            values.setdefault(keys[key], []).extend(items)
        elif key not in ("token",):  # Voilà's own token may share the query
            problems.append(f"{key}: not a filter; ignored (filters: days, {', '.join(FILTERS)}, q)")
    selection, more = from_mapping(ds, values)
    return selection, problems + more


def from_json(ds: "Dataset", text: str | bytes) -> tuple[Selection | None, list[str]]:
    """A selection from a saved JSON document; a file that is not one gives None (nothing loaded) and a message."""
    if isinstance(text, bytes):
        if len(text) > JSON_MAX:
            return None, [f"the file has {len(text):,} bytes; a saved selection has at most {JSON_MAX:,}"]
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return None, ["the file is not UTF-8 text; nothing loaded"]
    try:
        values = json.loads(text)
    except json.JSONDecodeError as err:
        return None, [f"the file is not JSON ({err.msg}, line {err.lineno}); nothing loaded"]
    except (ValueError, RecursionError):  # e.g. a 5,000-digit number, or lists nested thousands deep
        return None, ["the file is not a saved selection (a number too long or lists nested too deep); nothing loaded"]
    marker = values.get("qantar_selection") if isinstance(values, dict) else None
    if isinstance(marker, bool) or marker != 1:  # true == 1 in Python; a saved selection writes the number
        return None, ['the file is not a saved Qantar selection (no "qantar_selection": 1); nothing loaded']
    return from_mapping(ds, values)


def from_parameters(start: date, end: date, **lists: Any) -> Selection:
    """A selection from checked notebook parameters (notebook 05's spec, from the filters' registry): None means all,
    a bare string is one value."""
    lists_ = {name: tuple(as_list(value, name) or ()) for name, value in lists.items()}
    return Selection(start, end, **lists_)  # type: ignore[arg-type]  # list filters only, never the str search


def from_run(run: Any) -> Selection:
    """The selection of a notebook run set up by ``qantar.notebook.setup('05_explorer', ...)``."""
    return from_parameters(run.window.start, run.window.end, **run.filters)
