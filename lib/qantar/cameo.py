"""CAMEO event codes: the vendored GDELT code list (reference/cameo_eventcodes.csv, see reference/PROVENANCE.md).

The list is read on first use and cached; importing this module reads nothing. Validation rejects
any reactions row whose code is not in the list, or whose label is not the list's label for it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from qantar.problems import QantarError

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
CODES_FILE = REFERENCE_DIR / "cameo_eventcodes.csv"
CODES_COLUMNS = ["code", "label", "label_source"]


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, str]:
    """Every CAMEO code (text, leading zeros kept) with its label, read once from the vendored list."""
    from qantar.tables import read_csv

    header, rows, problems = read_csv(CODES_FILE, "qantar/reference/cameo_eventcodes.csv")
    if problems:
        raise QantarError(f"CAMEO code list unreadable: {problems[0]}")
    if header[:2] != CODES_COLUMNS[:2]:
        raise QantarError(f"{CODES_FILE}: expected columns {', '.join(CODES_COLUMNS)}, found {', '.join(header)}")
    codes: dict[str, str] = {}
    for row in rows:
        code, label = row.get("code") or "", row.get("label") or ""
        if not code.isascii() or not code.isdigit() or not label or code in codes:
            raise QantarError(f"{CODES_FILE}: bad or duplicate row {row!r}")
        codes[code] = label
    return codes


def cameo_label(code: str) -> str:
    """Return the CAMEO label for ``code``; raise KeyError if the vendored list does not have it."""
    try:
        return cameo_codes()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}: not in {CODES_FILE.name}") from None
