"""Kernel proxy for warm kernels (see qantar.report.warm): asks the template for a forked kernel and stands in for it.

Run by path with ``python -S`` as the kernelspec's argv; it uses the standard library only, so it
starts in milliseconds. It hands its stdin, stdout and stderr to the kernel, relays the signals
jupyter_client sends (interrupt, terminate) and exits with the kernel's exit status. Without a
template to ask, it becomes the ordinary kernel (``python -m ipykernel_launcher``).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import sys
import time

SOCKET_ENV = "QANTAR_WARM_SOCKET"
TOKEN_ENV = "QANTAR_WARM_TOKEN"
RELAYED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)


def _plain_kernel(argv: list[str]) -> None:
    """Replace this process with the ordinary kernel."""
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])


def _recv_int(conn: socket.socket) -> int | None:
    data = b""
    while len(data) < 4:
        chunk = conn.recv(4 - len(data))
        if not chunk:
            return None
        data += chunk
    return struct.unpack("!i", data)[0]


def main() -> None:
    """Ask the template for a kernel, relay signals to it, exit with its status."""
    argv = sys.argv[1:]
    name = os.environ.get(SOCKET_ENV, "")
    if not name or not hasattr(socket, "send_fds"):
        _plain_kernel(argv)
    env = {k: v for k, v in os.environ.items() if k not in (SOCKET_ENV, TOKEN_ENV)}
    request = {
        "token": os.environ.get(TOKEN_ENV, ""),
        "argv": argv,
        "cwd": os.getcwd(),
        "env": env,
        "proxy_pid": os.getpid(),
    }
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect("\0" + name)
        socket.send_fds(conn, [json.dumps(request).encode() + b"\n"], [0, 1, 2])
        pid = _recv_int(conn)
    except OSError:
        pid = None
    if pid is None:  # no template, or it refused or died before forking: nothing was started for us
        conn.close()
        _plain_kernel(argv)
        return

    def relay(signum: int, _frame: object) -> None:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    for sig in RELAYED:
        signal.signal(sig, relay)
    while True:
        try:
            status = _recv_int(conn)
            break
        except InterruptedError:
            continue
        except OSError:
            status = None
            break
    if status is None:  # the template died: wait for the kernel by polling, as it is not our child
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.2)
        status = 1
    sys.exit(status if status >= 0 else 128 - status)


if __name__ == "__main__":
    main()
