"""Serve the explorer as an app: Voilà on localhost with a token, code hidden, no request off the machine.

``qantar explore`` (``make explore``) runs :func:`main`: it prints the URL (with its token) and runs
Voilà on the app notebook shipped in this package, with the package's own template (``qantar``:
Voilà's lab template without CDN stylesheets), ``--strip_sources=True`` so no code shows.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import sys
from pathlib import Path

from qantar import settings

APP_DIR = Path(__file__).resolve().parent
APP_NOTEBOOK = APP_DIR / "explorer_app.ipynb"
TEMPLATE = "qantar"
DEFAULT_PORT = 8866


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def voila_path() -> str:
    """The voila executable of this environment (beside the running Python), else the one on PATH."""
    beside = Path(sys.executable).parent / "voila"
    if beside.exists():
        return str(beside)
    found = shutil.which("voila")
    if not found:
        from qantar.problems import QantarError

        raise QantarError("voila is not installed: run `make venv` (it is in the `explore` extra)")
    return found


CULL_IDLE_SECONDS = 120
CULL_INTERVAL_SECONDS = 60


def command(
    port: int,
    token: str,
    cull_idle_seconds: int = CULL_IDLE_SECONDS,
    cull_interval_seconds: int = CULL_INTERVAL_SECONDS,
) -> list[str]:
    """The Voilà command line: localhost only, this port, this token, code stripped, our offline template."""
    return [
        voila_path(),
        str(APP_NOTEBOOK),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--token={token}",
        "--strip_sources=True",
        f"--template={TEMPLATE}",
        "--show_tracebacks=False",
        "--Voila.log_level=WARN",
        # One kernel runs the app before anyone asks, so the page opens ready; the URL query is applied after.
        "--preheat_kernel=True",
        "--pool_size=1",
        # Every page load starts a kernel (~280 MB) and a closed or reloaded page leaves it running: shut
        # down kernels no page is connected to once idle (open pages' kernels are never culled).
        f"--MappingKernelManager.cull_idle_timeout={int(cull_idle_seconds)}",
        f"--MappingKernelManager.cull_interval={int(cull_interval_seconds)}",
        "--MappingKernelManager.cull_connected=False",
    ]


def environment(base: dict[str, str] | None = None, port: int | None = None) -> dict[str, str]:
    """The server's environment: our template folder first on JUPYTER_PATH, and the app's own address.

    The share link is built from that address, never from the request's Host header (which a client sets).
    """
    env = dict(os.environ if base is None else base)
    if port is not None:
        env[settings.APP_URL_ENV] = f"http://127.0.0.1:{int(port)}/"
    share = str(APP_DIR / "share")
    env["JUPYTER_PATH"] = os.pathsep.join([share, *([env["JUPYTER_PATH"]] if env.get("JUPYTER_PATH") else [])])
    return env


def url(port: int, token: str) -> str:
    """The app's address with its token."""
    return f"http://127.0.0.1:{port}/?token={token}"


def main(port: int | None = None, token: str | None = None) -> int:
    """Print the URL and run the server in this process (Ctrl-C stops it)."""
    port = port or DEFAULT_PORT
    token = token or secrets.token_urlsafe(24)
    print(f"Qantar explorer: {url(port, token)}", flush=True)
    print("Open it in a browser on this machine; Ctrl-C stops the server.", flush=True)
    cmd = command(port, token)
    os.execve(cmd[0], cmd, environment(port=port))
    return 0  # pragma: no cover - execve does not return
