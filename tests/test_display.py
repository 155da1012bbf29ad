"""Display text: every reader-facing label comes from qantar.display and tells documents apart."""

from __future__ import annotations

import re

import pandas as pd

from qantar import cite, display


def test_source_labels_name_outlet_and_date_and_are_unique(dataset) -> None:
    labels = display.source_labels(dataset)
    assert len(labels) == len(dataset.sources)
    assert len(set(labels.values())) == len(labels), labels  # three unknown outlets on 6 January stay distinct
    for label in labels.values():
        assert re.search(r" 20[0-9]{2}( \(date probable\))?$", label) and "_" not in label, label


def test_unknown_outlet_is_said_in_words_with_its_number() -> None:
    row = {"doc_id": "001_2dc413502671f7d2", "outlet": "unknown", "published_date": pd.Timestamp("2022-01-06")}
    assert display.source_label(row) == "unknown outlet, doc 001, 6 Jan 2022"
    row = {"doc_id": "004_x", "outlet": "CNN (probable)", "published_date": pd.Timestamp("2022-01-08")}
    assert display.source_label(row) == "CNN (probable), 8 Jan 2022"


def test_citation_names_the_data_version_of_the_loaded_package(tmp_path) -> None:
    """The 'How to cite' line follows datapackage.json's version, not the software's."""
    import json
    import shutil

    import qantar
    from qantar import settings

    data = shutil.copytree(settings.project_root() / "data", tmp_path / "data")
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = "9.8.7"
    (data / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert "(version 9.8.7)" in cite.citation_text(qantar.load(data).version)
    shipped = json.loads((settings.project_root() / "data" / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert f"(version {shipped})" in cite.citation_text(qantar.load().version)


def test_a_doubtful_publication_date_is_said_to_be_probable() -> None:
    row = {
        "doc_id": "013_x",
        "outlet": "RFE/RL (probable)",
        "published_date": pd.Timestamp("2022-08-16"),
        "published_date_basis": "inferred (doubtful): the page address only",
    }
    assert display.source_label(row) == "RFE/RL (probable), 16 Aug 2022 (date probable)"
    row["published_date_basis"] = "stated: the by-line date"
    assert display.source_label(row) == "RFE/RL (probable), 16 Aug 2022"


def test_a_scope_other_than_the_country_or_almaty_reads_as_its_place() -> None:
    assert display.scope_label("kz") == "national" and display.scope_label("almaty") == "Almaty only"
    assert display.scope_label("almaty_region") == "Almaty Region only"
    assert display.scope_label("taraz") == "Taraz only"
