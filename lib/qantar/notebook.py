"""Notebook set-up: validate a notebook's parameters against its spec and return what its cells need.

Every notebook calls :func:`setup` right after its parameters cell, so a bad value fails
there, before any figure is computed or any file is written::

    run = setup("02_protest_city_map", globals())
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from qantar import params as P

if TYPE_CHECKING:  # pragma: no cover
    from qantar.dataset import Dataset


@dataclass
class Run:
    """Validated parameters of one notebook run, with the loaded dataset."""

    notebook: str
    ds: "Dataset"
    window: P.Window
    out_dir: Path | None
    filters: dict[str, list[str] | None] = field(default_factory=dict)

    def describe_filters(self) -> str:
        """'all event types; regions: Almaty …' — what the title should say about the filters."""
        from qantar.filters import FILTERS, words

        parts = []
        for name, values in self.filters.items():
            label = words(name)
            # values as readers see them ('security forces', not the code security_forces)
            shown = [FILTERS[name].value_label(v) if name in FILTERS else str(v) for v in values or ()]
            parts.append(f"all {label}" if values is None else f"{label}: {', '.join(shown)}")
        return "; ".join(parts)

    def title(self, what: str) -> str:
        """Figure title stating period and filters."""
        filt = self.describe_filters()
        return f"{what}, {self.window.label()}" + (f" ({filt})" if filt else "")


def setup(notebook: str, namespace: Mapping[str, Any]) -> Run:
    """Check the notebook's parameters (read by name from ``namespace``) against its spec; load the dataset.

    Raises ParameterError naming the parameter, the value and the valid choices. Also makes
    matplotlib draw dataset text literally (a '$' in a name must not start mathtext).
    """
    import matplotlib

    from qantar.dataset import load

    spec = P.spec(notebook)
    missing = [p.name for p in spec if p.name not in namespace]
    if missing:
        raise P.ParameterError(f"the parameters cell of {notebook} does not define {', '.join(missing)}")
    values = {p.name: namespace[p.name] for p in spec}
    for p in spec:  # a type error in a path must not reach load()
        if p.kind == "path" and values[p.name] is not None and not isinstance(values[p.name], (str, Path)):
            raise P.ParameterError(
                f"parameter '{p.name}': invalid value {values[p.name]!r}; valid: None or a folder path"
            )
    ds = load(data_dir=values.get("data_dir"))
    checked = P.check_values(notebook, values, ds)
    matplotlib.rcParams["text.parse_math"] = False
    filters = {p.name: checked[p.name] for p in spec if p.kind == "choices"}
    return Run(
        Path(notebook).stem,
        ds,
        P.Window(checked["start_date"], checked["end_date"]),
        checked.get("output_dir"),
        filters,
    )


MAX_PRINTED_ROWS = 100


def frame_text(frame: Any, max_rows: int = MAX_PRINTED_ROWS, **to_string: Any) -> str:
    """``frame.to_string(**to_string)`` for at most ``max_rows`` rows, then a line with the row count if rows were cut.

    For notebooks' checked outputs: a frame that fits prints exactly as ``to_string`` prints it, so committed
    outputs stay the same, while a large dataset prints a page and a count instead of tens of thousands of lines.
    """
    if len(frame) <= max_rows:
        return frame.to_string(**to_string)
    return (
        f"{frame.head(max_rows).to_string(**to_string)}\n"
        f"… {len(frame):,} rows in all; the first {max_rows:,} are printed"
    )
