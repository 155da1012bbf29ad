"""The report runner's process care: workers that die with the runner, a worker killed with its kernels,
and multiprocessing's resource tracker kept quiet (:mod:`qantar.report.execute` runs the pool)."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time


def _die_with_parent(parent_pid: int) -> None:
    """Make this worker exit when the runner dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent_pid:  # the runner died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="qantar-parent-watch").start()


def _kill_tree(pid: int) -> None:
    """SIGKILL a worker and everything it started (its kernels run in sessions of their own).

    SIGKILL cannot be caught, so nothing is waited for here except by the caller's join of the
    worker; a killed kernel may stay a zombie until init reaps it, but it runs no more.
    """
    import psutil

    try:
        proc = psutil.Process(pid)
        family = [*proc.children(recursive=True), proc]
    except psutil.NoSuchProcess:
        return
    for p in family:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass


def _quiet_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with its leak warnings off.

    When Ctrl-C stops a build, the tracker can race the runner's own clean-up and report the work
    queues' semaphores as leaked (or already gone): Python warnings under the one line a user should
    see. The tracker inherits the environment when it starts, so the filter is set only for that start.
    """
    from multiprocessing import resource_tracker

    saved = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = ",".join(
        filter(None, [saved, "ignore::UserWarning:multiprocessing.resource_tracker"])
    )
    try:
        resource_tracker.ensure_running()
    finally:
        if saved is None:
            os.environ.pop("PYTHONWARNINGS", None)
        else:
            os.environ["PYTHONWARNINGS"] = saved
