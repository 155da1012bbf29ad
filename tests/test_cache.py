"""The load cache: a hit gives the same dataset, any changed byte is validated again, a bad entry is rebuilt."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from qantar import cache, dataset, settings
from qantar.problems import DataValidationError
from qantar.validation import TABLES


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty load cache for the test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(settings.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the tables (without the geo files, which the load does not read)."""
    folder = tmp_path / "data"
    shutil.copytree(settings.data_dir(), folder, ignore=shutil.ignore_patterns("geo"))
    return folder


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The data folders a load validated (a cache hit validates none)."""
    calls: list[Path] = []
    real = dataset.validate

    def counting(data_dir, texts_dir=None):
        calls.append(Path(data_dir))
        return real(data_dir, texts_dir)

    monkeypatch.setattr(dataset, "validate", counting)
    return calls


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("load-*.pkl"))


def _error(data: Path, texts: Path | None, use_cache: bool) -> str:
    with pytest.raises(DataValidationError) as info:
        dataset.load(data, texts, use_cache=use_cache)
    return str(info.value)


def test_a_hit_is_the_dataset_validation_builds(cache_dir, data, texts_dir, validations) -> None:
    fresh = dataset.load(data, texts_dir, use_cache=False)
    dataset.load(data, texts_dir)
    assert len(validations) == 2 and len(_entries(cache_dir)) == 1
    hit = dataset.load(data, texts_dir)
    assert len(validations) == 2, "the second load must come from the cache"
    for name in TABLES:
        pd.testing.assert_frame_equal(hit.table(name), fresh.table(name))
    assert hit.report.ok and hit.report.evidence_checked and hit.version == fresh.version
    assert hit.report.descriptor == fresh.report.descriptor and hit.report.data_dir == data
    assert {n: hit.report.tables[n] for n in hit.report.tables} == fresh.report.tables  # export reads the raw rows
    assert hit.report.register == fresh.report.register and hit.report.texts == fresh.report.texts
    assert hit.report.missing_texts == fresh.report.missing_texts


def test_a_file_made_invalid_after_a_cached_load_fails_with_the_same_message(cache_dir, data, texts_dir) -> None:
    dataset.load(data, texts_dir)  # valid, now cached
    path = data / "events.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[1].rstrip("\n").split(",")
    cells[header.index("date_start")] = "2022-13-45"
    path.write_text("".join([lines[0], ",".join(cells) + "\n", *lines[2:]]), encoding="utf-8")
    cached = _error(data, texts_dir, use_cache=True)
    assert cached == _error(data, texts_dir, use_cache=False)
    assert "events.csv" in cached and "date_start" in cached and "2022-13-45" in cached


def test_a_changed_text_is_validated_again(cache_dir, data, texts_dir, tmp_path, validations) -> None:
    texts = tmp_path / "texts"
    shutil.copytree(texts_dir, texts)
    dataset.load(data, texts)
    first = next(iter(sorted(texts.glob("*.txt"))))
    first.write_bytes(first.read_bytes() + b"\n")  # its hash no longer matches the register
    message = _error(data, texts, use_cache=True)
    assert "hash mismatch" in message and message == _error(data, texts, use_cache=False)


def test_a_touched_but_identical_file_still_hits(cache_dir, data, texts_dir, validations) -> None:
    dataset.load(data, texts_dir)
    for path in data.iterdir():
        os.utime(path, (1, 1))  # every timestamp changes, no byte does
    path = data / "events.csv"
    path.write_bytes(path.read_bytes())  # rewritten with the same bytes
    dataset.load(data, texts_dir)
    assert len(validations) == 1


def test_a_changed_byte_misses(cache_dir, data, validations) -> None:
    dataset.load(data, None)
    path = data / "events.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n", 1))  # same rows, other bytes: validated again
    dataset.load(data, None)
    assert len(validations) == 2 and len(_entries(cache_dir)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-10] + bytes(10),  # payload altered
        lambda b: b"not a cache entry\n" + b,  # header wrong
        lambda b: b"",  # empty
    ],
    ids=["truncated", "altered", "header", "empty"],
)
def test_a_corrupt_entry_is_rebuilt_not_trusted(cache_dir, data, validations, damage) -> None:
    good = dataset.load(data, None)
    (entry,) = _entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    again = dataset.load(data, None)
    assert len(validations) == 2, "a damaged entry must not be used"
    pd.testing.assert_frame_equal(again.events, good.events)
    dataset.load(data, None)
    assert len(validations) == 2, "the entry must have been written again"


def test_a_well_formed_entry_of_the_wrong_shape_is_rebuilt(cache_dir, data, validations) -> None:
    dataset.load(data, None)
    digest = cache.key(data, settings.texts_dir())  # what load(data, None) hashes: the texts of $QANTAR_TEXTS_DIR
    assert digest is not None
    cache.put(digest, {"frames": {}, "descriptor": {"resources": []}})  # checks out, but holds no tables
    assert dataset.load(data, None).events.shape[0] > 0 and len(validations) == 2


def test_the_cache_can_be_turned_off_and_an_unwritable_one_costs_nothing(tmp_path, data, monkeypatch) -> None:
    monkeypatch.setenv(settings.CACHE_ENV, "off")
    assert settings.cache_dir() is None
    dataset.load(data, None)
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv(settings.CACHE_ENV, str(blocker / "cache"))
    assert dataset.load(data, None).events.shape[0] > 0


def test_an_interrupted_write_is_reported_even_after_a_cached_load(cache_dir, data) -> None:
    dataset.load(data, None)
    (data / settings.JOURNAL_NAME).write_text('{"renames": []}', encoding="utf-8")
    assert "qantar recover" in _error(data, None, use_cache=True)


def test_the_cache_folder_defaults_outside_the_repository(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(settings.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert settings.cache_dir() == tmp_path / "xdg" / "qantar"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert not settings.cache_dir().resolve().is_relative_to(settings.project_root().resolve())
