"""Dataset: the one entry point that validates and loads every table as typed frames."""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from typing import TYPE_CHECKING, Any

from qantar.validation import TABLES, DataValidationError, Report, validate

if TYPE_CHECKING:  # pragma: no cover - typing only
    import geopandas as gpd
    import pandas as pd

__all__ = ["Dataset", "TABLES", "load"]


@dataclass
class Dataset:
    """All tables as pandas frames, plus the source register and validation report."""

    places: "pd.DataFrame"
    events: "pd.DataFrame"
    casualty_reports: "pd.DataFrame"
    reactions: "pd.DataFrame"
    citations: "pd.DataFrame"
    wordings: "pd.DataFrame"
    sources: "pd.DataFrame"
    report: Report

    @property
    def places_gdf(self) -> "gpd.GeoDataFrame":
        """Places with coordinates as a GeoDataFrame of points in EPSG:4326."""
        import geopandas as gpd

        located = self.places.dropna(subset=["latitude", "longitude"])
        return gpd.GeoDataFrame(
            located, geometry=gpd.points_from_xy(located["longitude"], located["latitude"]), crs="EPSG:4326"
        )

    @property
    def version(self) -> str:
        """The data version from datapackage.json (what a citation names), or "unversioned"."""
        return str((self.report.descriptor or {}).get("version") or "unversioned")

    def table(self, name: str) -> "pd.DataFrame":
        """Return a table by name, rejecting unknown names with the valid ones."""
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; valid: {', '.join(TABLES)}")
        return getattr(self, name)

    def primary_key(self, name: str) -> str:
        """The primary-key column of a table, as datapackage.json declares it."""
        return self.report.resource(name)["schema"]["primaryKey"][0]

    def all_citations(self) -> "pd.DataFrame":
        """Every (table, record_id, doc_id, evidence) pair: each row's own citation plus citations.csv."""
        import pandas as pd

        parts = []
        for name in ("places", "events", "casualty_reports", "reactions"):
            key = self.primary_key(name)
            frame = getattr(self, name)
            parts.append(
                pd.DataFrame(
                    {
                        "table": name,
                        "record_id": frame[key].astype(str),
                        "doc_id": frame["doc_id"].astype(str),
                        "evidence": frame["evidence"].astype(str),
                        "primary": True,
                    }
                )
            )
        extra = self.citations[["table", "record_id", "doc_id", "evidence"]].astype(str).assign(primary=False)
        return pd.concat([*parts, extra], ignore_index=True)


def _typed_frame(
    resource: dict[str, Any], rows: list[dict[str, str]], cols: dict[str, tuple[str, ...]] | None = None
) -> "pd.DataFrame":
    """Build a frame whose dtypes follow the Table Schema: dates, nullable ints, booleans, categoricals.

    ``rows`` have passed validation, so every row has every field; empty cells become missing values.
    ``cols`` are the same values a column at a time, when the reader kept them.
    """
    import numpy as np
    import pandas as pd

    from qantar.validation import columns

    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    data = {}
    values_of = [cols[n] for n in names] if cols is not None else columns(rows, names)
    for f, values in zip(fields, values_of, strict=True):
        raw = np.array(values, dtype=object)
        # numpy's stubs reject None as a fill value; in an object array it is the missing value wanted here.
        col = pd.Series(np.where(raw == "", None, raw) if len(raw) else raw, dtype="object")  # type: ignore[call-overload]
        type_ = f.get("type", "string")
        enum = f.get("constraints", {}).get("enum")
        if type_ == "date":
            col = pd.to_datetime(col, format="%Y-%m-%d")
        elif type_ == "integer":
            col = pd.Series(pd.array([None if v is None else int(v) for v in col], dtype="Int64"))
        elif type_ == "number":
            col = pd.to_numeric(col).astype(float)
        elif type_ == "boolean":
            col = col.map({"true": True, "false": False}).astype("boolean")
        elif enum is not None:
            col = pd.Series(pd.Categorical(col, categories=enum))
        else:
            col = col.astype("string")
        data[f["name"]] = col
    return pd.DataFrame(data, columns=names)


def load(data_dir: str | PathLike[str] | None = None, texts_dir: str | PathLike[str] | None = None) -> Dataset:
    """Validate and load the dataset; raise DataValidationError listing every problem if it is bad.

    ``texts_dir`` (or $QANTAR_TEXTS_DIR) enables the hash and evidence checks; without it
    those checks are skipped and ``Dataset.report.evidence_checked`` is False.
    """

    report = validate(data_dir, texts_dir)
    if not report.ok:
        raise DataValidationError(report.problems)
    by_name = {r["name"]: r for r in report.descriptor["resources"]}
    frames = {name: _typed_frame(by_name[name], report.tables[name], report.columns.get(name)) for name in TABLES}
    return Dataset(**frames, report=report)
