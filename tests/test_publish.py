"""Publishing never destroys what it did not make, never leaves the target missing, and cleans up after crashes.

Most tests drive the publish module directly with small fake sets (fast); the end-to-end ones
run the real command on the lightest notebook.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cli import run_qantar
from conftest import snapshot
from qantar.report import publish as pub

QANTAR = [sys.executable, "-m", "qantar.cli"]


MANIFEST = json.dumps(
    [
        {
            "name": "overview",
            "notebook": "01_overview_timeline.ipynb",
            "parameters": {},
            "title": "Overview",
            "ok": True,
            "seconds": 1.0,
        }
    ]
)


def fake_set(folder: Path, label: str) -> Path:
    """A small complete report set carrying the marker and a manifest listing its run, as swap_in() would leave it."""
    (folder / "overview").mkdir(parents=True)
    (folder / "index.html").write_text(f"<h1>{label}</h1>", encoding="utf-8")
    (folder / "overview" / "index.html").write_text(label, encoding="utf-8")
    (folder / pub.MARKER).write_text(json.dumps({"target": str(folder)}), encoding="utf-8")
    (folder / "manifest.json").write_text(MANIFEST, encoding="utf-8")
    return folder


def staged(target: pub.Target, label: str) -> Path:
    staging = pub.make_staging(target)
    (staging / "index.html").write_text(f"<h1>{label}</h1>", encoding="utf-8")
    (staging / "overview").mkdir()
    (staging / "overview" / "index.html").write_text(label, encoding="utf-8")
    (staging / "manifest.json").write_text(MANIFEST, encoding="utf-8")
    return staging


# --- which folders may be replaced ---------------------------------------------------------


def test_a_users_folder_is_refused_and_left_untouched(tmp_path: Path) -> None:
    user = tmp_path / "thesis"
    user.mkdir()
    (user / "chapter1.txt").write_text("two years of work", encoding="utf-8")
    before = snapshot(user)
    out = run_qantar("report", "--only", "overview", "--reports-dir", str(user))
    assert out.returncode == 2
    assert str(user) in out.stderr and "not a Qantar report set" in out.stderr and "Traceback" not in out.stderr
    assert snapshot(user) == before and sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]


@pytest.mark.parametrize("kind", ["file", "root", "dangling link"])
def test_unusable_targets_are_refused_with_exit_2(tmp_path: Path, kind: str) -> None:
    if kind == "file":
        target = tmp_path / "notes.txt"
        target.write_text("x", encoding="utf-8")
        expected = "is a file"
    elif kind == "root":
        target, expected = Path("/"), "filesystem root"
    else:
        target = tmp_path / "link"
        target.symlink_to(tmp_path / "nowhere")
        expected = "does not exist"
    out = run_qantar("report", "--reports-dir", str(target))
    assert out.returncode == 2 and expected in out.stderr and "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1  # one line


def test_empty_and_new_folders_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert pub.resolve_target(tmp_path / "empty").path == tmp_path / "empty"
    assert pub.resolve_target(tmp_path / "new" / "deeper").path == tmp_path / "new" / "deeper"


def test_relative_target_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = pub.resolve_target("out/reports")
    assert target.path.is_absolute() and target.path == tmp_path / "out" / "reports"
    assert pub.make_staging(target).parent == tmp_path / "out"


def test_a_symlinked_target_is_published_where_it_points(tmp_path: Path) -> None:
    real = fake_set(tmp_path / "real", "old")
    link = tmp_path / "reports"
    link.symlink_to(real)
    target = pub.resolve_target(link)
    assert target.path == real
    pub.swap_in(staged(target, "new"), target)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert (real / "overview" / "index.html").read_text(encoding="utf-8") == "new"


# --- the swap --------------------------------------------------------------------------------


def test_publish_swaps_atomically_and_removes_the_previous_set(tmp_path: Path) -> None:
    target = pub.resolve_target(fake_set(tmp_path / "reports", "old"))
    pub.swap_in(staged(target, "new"), target)
    assert (target.path / "index.html").read_text(encoding="utf-8") == "<h1>new</h1>"
    assert pub.is_report_set(target.path) and not (target.path / pub.STAGING_MARKER).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_a_failing_swap_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fallback path (no renameat2): the second rename fails, the previous set is put back."""
    target = pub.resolve_target(fake_set(tmp_path / "reports", "old"))
    before = snapshot(target.path)
    staging = staged(target, "new")
    monkeypatch.setattr(pub, "_exchange", lambda a, b: (_ for _ in ()).throw(OSError(errno.ENOSYS, "no")))
    real_rename, calls = os.rename, []

    def flaky(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:
            raise OSError(errno.EIO, "injected fault between the two renames")
        return real_rename(src, dst)

    monkeypatch.setattr(pub.os, "rename", flaky)
    with pytest.raises(OSError, match="injected"):
        pub.swap_in(staging, target)
    monkeypatch.setattr(pub.os, "rename", real_rename)
    assert snapshot(target.path) == before


CRASH = textwrap.dedent("""
    import errno, os, sys
    from pathlib import Path
    from qantar.report import publish as pub
    target = pub.resolve_target(sys.argv[1])
    staging = pub.make_staging(target)
    (staging / "index.html").write_text("<h1>new</h1>")
    (staging / "manifest.json").write_text(sys.argv[3])
    if sys.argv[2] == "after-exchange":
        pub.shutil.rmtree = lambda *a, **k: os._exit(9)          # die right after the exchange
    else:
        def no_exchange(a, b):
            raise OSError(errno.ENOSYS, "no renameat2")
        pub._exchange = no_exchange
        real = os.rename
        calls = []
        def rename(src, dst):
            calls.append(src)
            if len(calls) == 2:
                os._exit(9)                                       # die between the two renames
            real(src, dst)
        pub.os.rename = rename
    pub.swap_in(staging, target)
""")


@pytest.mark.parametrize("where", ["after-exchange", "between-renames"])
def test_a_crash_during_the_swap_never_loses_the_set(tmp_path: Path, where: str) -> None:
    """kill -9 (os._exit) injected inside swap_in(): a complete set is there now, or after the next build's recovery."""
    old = fake_set(tmp_path / "reports", "old")
    script = tmp_path / "crash.py"
    script.write_text(CRASH, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script), str(old), where, MANIFEST], capture_output=True, text=True)
    assert out.returncode == 9, out.stderr
    target = pub.Target(old, old)
    if where == "after-exchange":  # the exchange is atomic: the new set is in place at once
        assert (old / "index.html").read_text(encoding="utf-8") == "<h1>new</h1>"
    else:  # the fallback's window: the set was renamed aside; the next build puts it back
        assert not old.exists()
    with pub.build_lock(target):
        pub.clean_stale(target)
    assert pub.is_report_set(old) and (old / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith((".py", ".lock"))) == ["reports"]


def test_stale_staging_of_dead_builds_is_removed_but_not_other_folders(tmp_path: Path) -> None:
    target = pub.resolve_target(fake_set(tmp_path / "reports", "old"))
    dead = pub.make_staging(target)
    (dead / "big.bin").write_bytes(b"0" * 1000)
    lookalike = tmp_path / ".reports-staging-mine"  # the same prefix, but not ours
    lookalike.mkdir()
    (lookalike / "keep.txt").write_text("x", encoding="utf-8")
    with pub.build_lock(target):
        removed = pub.clean_stale(target)
    assert removed == [dead] and not dead.exists() and (lookalike / "keep.txt").exists()


# --- one build at a time -----------------------------------------------------------------------


@pytest.mark.slow
def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    target = pub.resolve_target(tmp_path / "reports")
    with pub.build_lock(target):
        out = subprocess.run(
            [*QANTAR, "report", "--only", "overview", "--reports-dir", str(tmp_path / "reports")],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert out.returncode == 2 and f"pid {os.getpid()}" in out.stderr and "is building into" in out.stderr
    assert not (tmp_path / "reports").exists()


@pytest.mark.slow
def test_two_concurrent_builds_never_overlap(tmp_path: Path) -> None:
    """Started together: one publishes, the other is refused with exit 2 (no ENOTEMPTY, no half set)."""
    args = [*QANTAR, "report", "--only", "overview", "--reports-dir", str(tmp_path / "reports"), "--no-progress"]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, 2], outs
    refused = next(err for (_, err), p in zip(outs, procs, strict=True) if p.returncode == 2)
    assert "is building into" in refused and "Traceback" not in refused
    assert pub.is_report_set(tmp_path / "reports") and (tmp_path / "reports" / "overview" / "index.html").is_file()


# --- filesystem faults --------------------------------------------------------------------------


def _mount(*options: str) -> tuple[Path, callable]:
    if os.geteuid() != 0:
        pytest.skip(
            "mounting a small tmpfs needs root; run the suite as root (CI does) to test a full or read-only disk"
        )
    mnt = Path(subprocess.check_output(["mktemp", "-d"], text=True).strip())
    res = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(mnt)], capture_output=True, text=True
    )
    if res.returncode != 0:
        mnt.rmdir()
        pytest.skip(f"this machine does not permit mounting a tmpfs ({res.stderr.strip()}); full-disk test not run")

    def unmount() -> None:
        subprocess.run(["umount", "-l", str(mnt)], check=False)
        mnt.rmdir()

    return mnt, unmount


@pytest.mark.slow
def test_a_full_disk_gives_one_message_and_keeps_the_previous_set(tmp_path: Path) -> None:
    mnt, unmount = _mount("size=2m")
    try:
        previous = fake_set(mnt / "reports", "old")
        before = snapshot(previous)
        out = subprocess.run(
            [*QANTAR, "report", "--only", "overview", "--reports-dir", str(previous), "--no-progress"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 1, out.stderr
        lines = [line for line in out.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "No space left on device" in lines[0] and "previous set" in lines[0], out.stderr
        assert snapshot(previous) == before
        assert sorted(p.name for p in mnt.iterdir()) == [".reports.lock", "reports"]  # staging removed: space back
    finally:
        unmount()


@pytest.mark.slow
def test_a_read_only_parent_gives_one_message(tmp_path: Path) -> None:
    mnt, unmount = _mount("size=1m")
    try:
        previous = fake_set(mnt / "reports", "old")
        before = snapshot(previous)
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        out = subprocess.run(
            [*QANTAR, "report", "--only", "overview", "--reports-dir", str(previous)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 1 and "Read-only file system" in out.stderr and "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
        assert snapshot(previous) == before
    finally:
        unmount()


# --- processes -----------------------------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    import psutil

    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _running(pids: list[int]) -> list[int]:
    import psutil

    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


def _start_build(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    """Start a full build and wait until its workers have kernels running; return it and its descendants."""
    proc = subprocess.Popen(
        [*QANTAR, "report", "--reports-dir", str(tmp_path / "reports"), "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        kids = _descendants(proc.pid)
        if len(kids) >= 4:  # 2 workers + their kernels
            return proc, kids
        time.sleep(0.2)
    proc.kill()
    raise AssertionError("the build never started its workers")


@pytest.mark.slow
@pytest.mark.serial  # times the stop
def test_ctrl_c_stops_within_2_seconds_with_one_line_and_no_orphans(tmp_path: Path) -> None:
    import signal

    proc, kids = _start_build(tmp_path)
    time.sleep(1.0)
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    elapsed = time.monotonic() - started
    assert elapsed < 2.0, f"took {elapsed:.2f} s to stop"
    assert proc.returncode == 130
    assert err.strip().splitlines() == ["qantar report: interrupted; nothing was published"], err
    family = kids + _descendants(proc.pid)
    deadline = time.time() + 2  # SIGKILLed processes may take a moment to finish exiting
    while _running(family) and time.time() < deadline:
        time.sleep(0.1)
    assert _running(family) == []
    assert not (tmp_path / "reports").exists()


@pytest.mark.slow
@pytest.mark.serial  # waits a few seconds for the family to exit
def test_kill_9_of_the_runner_takes_its_workers_and_kernels_with_it(tmp_path: Path) -> None:
    proc, kids = _start_build(tmp_path)
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.time() + 5
    while _running(kids) and time.time() < deadline:
        time.sleep(0.2)
    assert _running(kids) == [], "workers or kernels outlived the runner"
    staging = list(tmp_path.glob(".reports-staging-*"))
    assert staging, "expected the dead build's staging folder"
    # The next build (which starts with exactly this, under the lock) removes it.
    target = pub.resolve_target(tmp_path / "reports")
    with pub.build_lock(target):
        assert sorted(pub.clean_stale(target)) == sorted(staging)
    assert not any(p.exists() for p in staging)


# --- found by the red-team pass --------------------------------------------------------------------


def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious user data\n", encoding="utf-8")
    (tmp_path / ".reports.lock").symlink_to(victim)
    target = pub.resolve_target(tmp_path / "reports")
    with pytest.raises(pub.PublishError, match="symlink"):
        with pub.build_lock(target):
            pass
    assert victim.read_text(encoding="utf-8") == "precious user data\n"


def test_a_folder_created_during_the_build_is_not_swapped_away(tmp_path: Path) -> None:
    target = pub.resolve_target(tmp_path / "reports")  # new when checked
    staging = staged(target, "new")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "thesis.txt").write_text("mine", encoding="utf-8")  # appears mid-build
    with pytest.raises(pub.PublishError, match="not a Qantar report set"):
        pub.swap_in(staging, target)
    assert (tmp_path / "reports" / "thesis.txt").read_text(encoding="utf-8") == "mine"


def test_clean_up_touches_only_this_targets_own_folders(tmp_path: Path) -> None:
    """A build into 'rep' leaves 'rep-old''s live staging and a user's '.rep-old-jan' set alone."""
    rep = pub.resolve_target(fake_set(tmp_path / "rep", "old"))
    other = pub.make_staging(pub.resolve_target(tmp_path / "rep-old"))  # a parallel build into rep-old
    users = fake_set(tmp_path / ".rep-old-jan", "a user's copy")
    (users / "NOTES.txt").write_text("notes", encoding="utf-8")
    dead = pub.make_staging(rep)
    with pub.build_lock(rep):
        assert pub.clean_stale(rep) == [dead]
    assert other.is_dir() and (users / "NOTES.txt").is_file()


def test_ctrl_c_during_the_swap_waits_until_the_set_is_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal

    target = pub.resolve_target(fake_set(tmp_path / "reports", "old"))
    staging = staged(target, "new")
    real = pub._exchange

    def exchange_with_ctrl_c(a: Path, b: Path) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # arrives mid-swap: ignored until publishing is done
        real(a, b)

    monkeypatch.setattr(pub, "_exchange", exchange_with_ctrl_c)
    pub.swap_in(staging, target)
    assert (target.path / "index.html").read_text(encoding="utf-8") == "<h1>new</h1>"
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN


def test_targets_inside_the_project_sources_are_refused() -> None:
    from qantar import settings

    for inside in (settings.notebooks_dir() / "out", settings.data_dir() / "reports"):
        with pytest.raises(pub.PublishError, match="inside the project"):
            pub.resolve_target(inside)


@pytest.mark.slow
def test_a_mount_point_is_refused_before_building(tmp_path: Path) -> None:
    mnt, unmount = _mount("size=1m")
    try:
        out = subprocess.run(
            [*QANTAR, "report", "--only", "overview", "--reports-dir", str(mnt)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 2 and "mount point" in out.stderr and "Traceback" not in out.stderr
    finally:
        unmount()


@pytest.mark.slow
def test_a_fifo_never_hangs_validation_or_the_runner(tmp_path: Path) -> None:
    data = tmp_path / "data"
    import shutil

    from qantar import settings

    shutil.copytree(settings.data_dir(), data)
    texts = tmp_path / "texts"
    texts.mkdir()
    os.mkfifo(texts / "zzz.txt")
    out = subprocess.run(
        [*QANTAR, "validate", "--data-dir", str(data), "--texts-dir", str(texts)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1 and "zzz.txt: not a regular file" in out.stderr
    (data / "datapackage.json").unlink()
    os.mkfifo(data / "datapackage.json")
    out = subprocess.run([*QANTAR, "validate", "--data-dir", str(data)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "not a regular file" in out.stderr
    target = tmp_path / "target"
    target.mkdir()
    os.mkfifo(target / "manifest.json")
    out = subprocess.run(
        [*QANTAR, "report", "--only", "overview", "--reports-dir", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2 and "not a Qantar report set" in out.stderr


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o027])
def test_the_staged_set_honours_the_umask(tmp_path: Path, umask: int) -> None:
    """Folders and files of a set get 0777/0666 & ~umask, as from any ordinary tool (not fixed modes)."""
    import stat

    from qantar.report.assets import write_assets

    old = os.umask(umask)
    try:
        staging = pub.make_staging(pub.resolve_target(tmp_path / "reports"))
        assets = write_assets(staging)
    finally:
        os.umask(old)
    assert stat.S_IMODE(staging.stat().st_mode) == 0o777 & ~umask
    for path in assets.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path


# --- a set is only what the runner can prove it made ------------------------------------------------------------


def _look_alike(folder: Path, kind: str) -> None:
    """Folders that look like a report set but are not provably one, each holding a user's file."""
    folder.mkdir()
    (folder / "thesis.docx").write_text("two years of work", encoding="utf-8")
    if kind == "empty manifest and plotly":  # the red team's case: it counted as a set, and the file was deleted
        (folder / "manifest.json").write_text("[]", encoding="utf-8")
        (folder / "assets").mkdir()
        (folder / "assets" / "plotly.min.js").write_text("//", encoding="utf-8")
    elif kind == "legacy set plus a user's file":
        (folder / "manifest.json").write_text(MANIFEST, encoding="utf-8")
        (folder / "assets").mkdir()
        (folder / "assets" / "plotly.min.js").write_text("//", encoding="utf-8")
        (folder / "overview").mkdir()
    elif kind == "marker set plus a user's file":
        (folder / "thesis.docx").unlink()
        fake_set(folder, "old")
        (folder / "thesis.docx").write_text("two years of work", encoding="utf-8")
    elif kind == "marker without a manifest":
        (folder / pub.MARKER).write_text("{}", encoding="utf-8")
    elif kind == "manifest of other things":
        (folder / pub.MARKER).write_text("{}", encoding="utf-8")
        (folder / "manifest.json").write_text(json.dumps([{"name": "../x", "notebook": 1, "ok": 1}]), encoding="utf-8")


@pytest.mark.parametrize(
    "kind",
    [
        "empty manifest and plotly",
        "legacy set plus a user's file",
        "marker set plus a user's file",
        "marker without a manifest",
        "manifest of other things",
    ],
)
def test_only_a_provable_set_is_replaced(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "reports"
    _look_alike(folder, kind)
    before = snapshot(folder)
    assert not pub.is_report_set(folder)
    out = run_qantar("report", "--only", "overview", "--reports-dir", str(folder))
    assert out.returncode == 2 and "not a Qantar report set" in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    if kind.endswith("plus a user's file"):
        assert "thesis.docx" in out.stderr, out.stderr  # the message names what the runner did not make
    assert snapshot(folder) == before and (folder / "thesis.docx").is_file()


def test_a_complete_set_is_still_recognised(tmp_path: Path) -> None:
    folder = fake_set(tmp_path / "reports", "old")
    (folder / "assets").mkdir()
    (folder / "dataset").mkdir()
    assert pub.is_report_set(folder)
