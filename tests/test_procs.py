"""tests/procs.py: listing a server's kernels survives a child that exits unreaped (a zombie) meanwhile, as one did
in CI (psutil.ZombieProcess from cmdline())."""

from __future__ import annotations

import subprocess
import sys
import time

import psutil

from procs import kernel_processes

PARENT = (
    "import subprocess, sys, time\n"
    "subprocess.Popen(['true'])\n"  # exits at once and is never reaped: a zombie child
    "live = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)', 'ipykernel_launcher'])\n"
    "time.sleep(30)\n"
)


def test_a_zombie_child_is_skipped_and_a_kernel_found() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT])
    try:
        deadline = time.time() + 20
        found: list = []
        while time.time() < deadline and not found:
            time.sleep(0.3)
            found = kernel_processes(parent.pid)
        assert len(found) == 1 and "ipykernel_launcher" in " ".join(found[0].cmdline())
    finally:
        for child in psutil.Process(parent.pid).children(recursive=True):
            child.kill()
        parent.kill()
        parent.wait()
