"""Process helpers for tests of servers: the kernels a server started, read safely while they come and go."""

from __future__ import annotations


def kernel_processes(server_pid: int) -> list:
    """The ipykernel processes below ``server_pid``; one that exits or turns zombie while being read is skipped
    (psutil's ZombieProcess is a NoSuchProcess: a kernel being shut down is no longer running)."""
    import psutil

    found = []
    for child in psutil.Process(server_pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found
