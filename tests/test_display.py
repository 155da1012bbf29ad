"""Display text: every reader-facing label comes from qantar.display and tells documents apart."""
from __future__ import annotations

import pandas as pd

from qantar import display


def test_source_labels_name_outlet_and_date_and_are_unique(dataset) -> None:
    labels = display.source_labels(dataset)
    assert len(labels) == len(dataset.sources)
    assert len(set(labels.values())) == len(labels), labels  # three unknown outlets on 6 January stay distinct
    for doc_id, label in labels.items():
        assert label.endswith(" 2022") and "_" not in label, label


def test_unknown_outlet_is_said_in_words_with_its_number() -> None:
    row = {"doc_id": "001_2dc413502671f7d2", "outlet": "unknown", "published_date": pd.Timestamp("2022-01-06")}
    assert display.source_label(row) == "unknown outlet, doc 001, 6 Jan 2022"
    row = {"doc_id": "004_x", "outlet": "CNN (probable)", "published_date": pd.Timestamp("2022-01-08")}
    assert display.source_label(row) == "CNN (probable), 8 Jan 2022"
