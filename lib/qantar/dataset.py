"""Dataset: the one entry point that validates and loads every table as typed frames."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qantar import cache, display, settings
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
            col = pd.to_datetime(col, format=display.ISO_DAY)
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


class _RawTables(Mapping[str, list[dict[str, str]]]):
    """A cached load's raw tables (``Report.tables``), each read from its CSV when first asked for.

    The files hash to what validated, so reading them again needs no checks; most callers never ask.
    """

    def __init__(self, data_dir: Path, resources: list[dict[str, Any]]) -> None:
        self._paths = {r["name"]: data_dir / r["path"] for r in resources}
        self._read: dict[str, list[dict[str, str]]] = {}

    def __getitem__(self, name: str) -> list[dict[str, str]]:
        if name not in self._read:
            from qantar.tables import read_table

            _, rows, problems, _ = read_table(self._paths[name], self._paths[name].name)
            if problems:  # changed since it was hashed: say so rather than hand back part of a table
                raise DataValidationError(problems)
            self._read[name] = rows
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def _pack(frame: "pd.DataFrame") -> dict[str, tuple[Any, ...]]:
    """A frame as columns that unpickle fast: each text column as codes into its distinct values, joined by NUL.

    A text column pickled as objects costs one unpickling step per cell; replicated data repeats its values,
    and one ``str.split`` makes all distinct ones at once. No cell holds NUL (validation refuses control
    characters), so the join is lossless; other columns are numpy-backed and pickle as buffers.
    """
    import numpy as np
    import pandas as pd

    out: dict[str, tuple[Any, ...]] = {}
    for name in frame.columns:
        col = frame[name]
        if isinstance(col.dtype, pd.StringDtype):
            codes, distinct = pd.factorize(col.to_numpy(dtype=object, na_value=None))
            out[name] = ("text", codes.astype(np.int32), "\x00".join(distinct), len(distinct))
        else:
            out[name] = ("array", col.array)
    return out


def _unpack(packed: dict[str, tuple[Any, ...]]) -> "pd.DataFrame":
    """The frame :func:`_pack` packed (missing text cells come back as missing)."""
    import numpy as np
    import pandas as pd

    data = {}
    for name, (kind, *parts) in packed.items():
        if kind == "text":
            codes, joined, n = parts
            distinct = np.empty(n + 1, dtype=object)
            distinct[n] = pd.NA  # the extra last slot is what code -1 (a missing cell) picks
            if n:
                distinct[:n] = joined.split("\x00")
            data[name] = pd.arrays.StringArray(distinct[codes])  # checks each cell is text or NA, without copying
        else:
            data[name] = parts[0]
    return pd.DataFrame(data, columns=list(packed), copy=False)


def _from_cache(payload: Any, data_dir: Path, texts_dir: Path | None) -> Dataset | None:
    """The dataset a cache payload holds, or None when it is not the shape this code stores."""
    import pandas as pd

    try:
        descriptor = payload["descriptor"]
        frames = {name: _unpack(payload["frames"][name]) for name in TABLES}
        by_name = {r["name"]: r for r in descriptor["resources"]}
        for name in TABLES:
            frame = frames[name]
            names = [f["name"] for f in by_name[name]["schema"]["fields"]]
            if not isinstance(frame, pd.DataFrame) or list(frame.columns) != names:
                return None
        report = Report(
            data_dir,
            descriptor,
            tables=_RawTables(data_dir, descriptor["resources"]),  # type: ignore[arg-type]  # read on demand
            texts_dir=texts_dir,
            missing_texts=list(payload["missing_texts"]),
            cites_missing=dict(payload["cites_missing"]),
        )
    except (KeyError, TypeError, AttributeError, ValueError):
        return None
    report.register = report.tables["sources"]
    if texts_dir is not None:
        from qantar.texts import read_texts

        report.texts = read_texts(texts_dir)[0] or {}
    return Dataset(**{name: frames[name] for name in TABLES}, report=report)


def load(
    data_dir: str | PathLike[str] | None = None, texts_dir: str | PathLike[str] | None = None, use_cache: bool = True
) -> Dataset:
    """Validate and load the dataset; raise DataValidationError listing every problem if it is bad.

    ``texts_dir`` (or $QANTAR_TEXTS_DIR) enables the hash and evidence checks; without it
    those checks are skipped and ``Dataset.report.evidence_checked`` is False.
    A dataset whose every input (tables, descriptor, texts, and this code) hashes as one that validated
    before is read from the load cache (:mod:`qantar.cache`) instead; ``use_cache=False`` always validates.
    """
    ddir = settings.data_dir(data_dir)
    tdir = settings.texts_dir(texts_dir)
    digest = cache.key(ddir, tdir) if use_cache and settings.cache_dir() is not None else None
    if digest is not None:
        payload = cache.get(digest)
        ds = None if payload is None else _from_cache(payload, ddir, tdir)
        if ds is not None:
            return ds
    report = validate(ddir, tdir)
    if not report.ok:
        raise DataValidationError(report.problems)
    by_name = {r["name"]: r for r in report.descriptor["resources"]}
    frames = {name: _typed_frame(by_name[name], report.tables[name], report.columns.get(name)) for name in TABLES}
    # Stored only if the inputs still hash as before validation read them: a file changed meanwhile is not
    # filed under the key of its earlier bytes.
    if digest is not None and report.texts_dir == tdir and cache.key(ddir, tdir) == digest:
        cache.put(
            digest,
            {
                "descriptor": report.descriptor,
                "frames": {name: _pack(frame) for name, frame in frames.items()},
                "missing_texts": report.missing_texts,
                "cites_missing": report.cites_missing,
            },
        )
    return Dataset(**frames, report=report)
