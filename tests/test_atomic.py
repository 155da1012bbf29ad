"""Atomic writes: one implementation (qantar.atomic), which every file writer of the kit uses."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from qantar import atomic, settings


def test_a_synced_write_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    atomic.atomic_write(path, lambda tmp: tmp.write_text("new\n", encoding="utf-8"), sync=True)
    assert path.read_text(encoding="utf-8") == "new\n" and stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"], "no temporary file is left behind"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("old\n", encoding="utf-8")

    def fail(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic.atomic_write(path, fail)
    assert path.read_text(encoding="utf-8") == "old\n" and len(list(tmp_path.iterdir())) == 1


def test_a_staged_file_is_named_beside_its_target_with_the_tag(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    tmp = atomic.stage(target, lambda t: t.write_bytes(b"x"), sync=True, tag=".wf-")
    assert tmp.parent == tmp_path and tmp.name.startswith(".events.csv.wf-") and tmp.suffix == ".tmp"
    assert stat.S_IMODE(tmp.stat().st_mode) == 0o666 & ~atomic.umask()
    assert not target.exists()


def test_only_qantar_atomic_makes_temporary_files_to_rename() -> None:
    """No second implementation: other modules call qantar.atomic instead of mkstemp plus a rename of their own."""
    package = settings.project_root() / "lib" / "qantar"
    own = re.compile(r"\bmkstemp\(|\bNamedTemporaryFile\(")
    found = [
        str(p.relative_to(package))
        for p in sorted(package.rglob("*.py"))
        if p.name != "atomic.py" and own.search(p.read_text(encoding="utf-8"))
    ]
    assert found == [], f"temporary files made outside qantar.atomic: {found}"
    assert os.path.exists(package / "atomic.py")
