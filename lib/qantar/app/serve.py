"""Serve the explorer as an app: Voilà on localhost with a token, code hidden, no request off the machine.

``qantar explore`` (``make explore``) runs :func:`main`: it prints the URL (with its token) and replaces
itself with the Voilà server of :mod:`qantar.app.server` on the app notebook shipped in this package, with
the package's own template (``qantar``: Voilà's lab template without CDN stylesheets, and no template
override from the URL), ``--strip_sources=True`` so no code shows. The token reaches the server through its
environment, which only the user (and root) can read; a command line is visible to every local user in ``ps``.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import secrets
import socket
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from qantar import settings
from qantar.problems import QantarError

APP_DIR = Path(__file__).resolve().parent
APP_NOTEBOOK = APP_DIR / "explorer_app.ipynb"
REVIEW_NOTEBOOK = APP_DIR / "review_app.ipynb"  # `qantar review`: the same server on the review app
TEMPLATE = "qantar"
DEFAULT_PORT = 8866
DEFAULT_MAX_KERNELS = settings.APP_MAX_KERNELS
MIN_MAX_KERNELS = settings.APP_MIN_KERNELS
CULL_IDLE_SECONDS = 120
CULL_INTERVAL_SECONDS = 60
TOKEN_MIN_LENGTH = 8
# URL-safe characters only: the token is printed inside the app's address.
TOKEN_CHARACTERS = re.compile(r"[A-Za-z0-9._~-]+")
REDACTED = "[redacted]"
# `token=...` in any logged URL (query or form), whatever its case.
TOKEN_IN_URL = re.compile(r"(\btoken=)[^&\s\"'#;]*", re.IGNORECASE)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def check_token(token: str, origin: str) -> str:
    """Return ``token`` if it can be the app's token, else refuse it, naming ``origin`` (never the value)."""
    if len(token) < TOKEN_MIN_LENGTH:
        raise QantarError(f"the token from {origin} is too short: use at least {TOKEN_MIN_LENGTH} characters")
    if not TOKEN_CHARACTERS.fullmatch(token):
        raise QantarError(
            f"the token from {origin} may hold only letters, digits and . _ ~ - (it is part of the app's address)"
        )
    return token


def read_token_file(path: Path) -> str:
    """The token in ``path``: a regular file that only its owner can read (like ``chmod 600``), first line."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise QantarError(f"--token-file {path}: no such file") from None
    if not stat.S_ISREG(info.st_mode):
        raise QantarError(f"--token-file {path}: not a regular file")
    if info.st_mode & 0o077:
        raise QantarError(
            f"--token-file {path}: other users may read it (mode {stat.filemode(info.st_mode)}); "
            f"run `chmod 600 {path}` first"
        )
    lines = path.read_text(encoding="utf-8").splitlines()
    return check_token(lines[0].strip() if lines else "", f"--token-file {path}")


def app_token(token_file: Path | None = None, env: dict[str, str] | None = None) -> str:
    """The app's token: from ``token_file``, else ``QANTAR_APP_TOKEN`` (when set and not empty), else a new one."""
    if token_file is not None:
        return read_token_file(token_file)
    given = (os.environ if env is None else env).get(settings.APP_TOKEN_ENV, "")
    if given:
        return check_token(given, settings.APP_TOKEN_ENV)
    return secrets.token_urlsafe(32)


def command(
    port: int,
    max_kernels: int = DEFAULT_MAX_KERNELS,
    cull_idle_seconds: int = CULL_IDLE_SECONDS,
    cull_interval_seconds: int = CULL_INTERVAL_SECONDS,
    notebook: Path = APP_NOTEBOOK,
) -> list[str]:
    """The server's command line: localhost only, this port, code stripped, our offline template; never the token."""
    return [
        sys.executable,
        "-m",
        "qantar.app.server",
        str(notebook),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--Voila.port={int(port)}",
        "--Voila.port_retries=0",
        "--strip_sources=True",
        f"--template={TEMPLATE}",
        # `?template=classic` (or lab, reveal) would switch to Voilà's stock templates, which load jQuery and CSS
        # from CDNs; the notebook's metadata cannot choose one either.
        "--VoilaConfiguration.allow_template_override=NO",
        "--show_tracebacks=False",
        "--Voila.log_level=WARN",
        # One kernel runs the app before anyone asks, so the page opens ready; the URL query is applied after
        # (it reaches the kernel over a channel only this server's kernels can open: qantar.app.server).
        "--preheat_kernel=True",
        "--pool_size=1",
        # Every page load starts a kernel and a closed or reloaded page may leave it running: shut down kernels
        # no page is connected to once idle (open pages' kernels are never culled), and refuse pages beyond the cap.
        f"--QantarVoila.max_kernels={int(max_kernels)}",
        f"--MappingKernelManager.cull_idle_timeout={int(cull_idle_seconds)}",
        f"--MappingKernelManager.cull_interval={int(cull_interval_seconds)}",
        "--MappingKernelManager.cull_connected=False",
    ]


def environment(
    base: dict[str, str] | None = None, port: int | None = None, token: str | None = None
) -> dict[str, str]:
    """The server's environment: our template folder first on JUPYTER_PATH, the app's own address, its token.

    The share link is built from that address, never from the request's Host header (which a client sets).
    """
    env = dict(os.environ if base is None else base)
    if port is not None:
        env[settings.APP_URL_ENV] = f"http://127.0.0.1:{int(port)}/"
    if token is not None:
        env[settings.APP_TOKEN_ENV] = token
    share = str(APP_DIR / "share")
    env["JUPYTER_PATH"] = os.pathsep.join([share, *([env["JUPYTER_PATH"]] if env.get("JUPYTER_PATH") else [])])
    return env


def url(port: int, token: str) -> str:
    """The app's address with its token."""
    return f"http://127.0.0.1:{port}/?token={token}"


def redact(text: str, hidden: Iterable[str] = ()) -> str:
    """``text`` without any ``token=`` value in a URL and without any of the ``hidden`` strings."""
    text = TOKEN_IN_URL.sub(rf"\g<1>{REDACTED}", text)
    for value in hidden:
        if value:
            text = text.replace(value, REDACTED)
    return text


def install_log_redaction(hidden: Iterable[str] = ()) -> None:
    """Redact tokens from every log record this process makes from now on (tornado logs each 4xx with its URL)."""
    hidden = tuple(hidden)
    make_record = logging.getLogRecordFactory()

    def redacted_record(*args: object, **kwargs: object) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed message is logging's to report, as it was
            return record
        clean = redact(message, hidden)
        if clean != message:
            record.msg, record.args = clean, None
        return record

    logging.setLogRecordFactory(redacted_record)


def main(
    port: int | None = None,
    token_file: Path | None = None,
    max_kernels: int = DEFAULT_MAX_KERNELS,
    notebook: Path = APP_NOTEBOOK,
    name: str = "explorer",
    extra_env: dict[str, str] | None = None,
) -> int:
    """Print the URL and run the server in this process (Ctrl-C stops it); port 0 picks a free one.

    ``notebook``, ``name`` and ``extra_env`` serve another app of the package (``qantar review``) the same way.
    """
    if importlib.util.find_spec("voila") is None:
        raise QantarError("voila is not installed: run `make venv` (it is in the `explore` extra)")
    if max_kernels < MIN_MAX_KERNELS:  # one kernel is always kept ready: a page needs a second one
        raise QantarError(f"--max-kernels must be {MIN_MAX_KERNELS} or more")
    token = app_token(token_file)
    port = DEFAULT_PORT if port is None else (port or free_port())
    print(f"Qantar {name}: {url(port, token)}", flush=True)
    print("Open it in a browser on this machine; Ctrl-C stops the server.", flush=True)
    cmd = command(port, max_kernels=max_kernels, notebook=notebook)
    # The app's own settings go under the server's (its address and token are never overridden).
    os.execve(cmd[0], cmd, environment(base={**os.environ, **(extra_env or {})}, port=port, token=token))
    return 0  # pragma: no cover - execve does not return
