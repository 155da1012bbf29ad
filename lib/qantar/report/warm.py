"""Warm kernels for the report runner: a template process imports the heavy libraries once, each kernel is a fork of it.

Starting a kernel and importing pandas, matplotlib, plotly and geopandas costs every run one to two
seconds of CPU (several more where no bytecode cache is written). The runner starts one *template*
process per build that imports those modules and then only waits. Each kernel the runner asks for
is a fresh fork of that template, so every run still gets its own process in which no other run's
code has ever executed: the template never runs notebook code, and a forked kernel is never reused.
A fork is equivalent to a new kernel that imported the same modules itself.

The kernelspec's argv starts :mod:`qantar.report.kernel_proxy` (standard library only, no
imports of this package), which asks the template for a kernel over a Linux abstract socket, passes
its own stdin/stdout/stderr, relays signals to the forked kernel and exits with the kernel's exit
status, so jupyter_client manages the proxy exactly as it would a kernel it launched. When no
template is available (not Linux, or it failed to start) the proxy execs the ordinary kernel.
"""

from __future__ import annotations

import atexit
import json
import os
import secrets
import selectors
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

SOCKET_ENV = "QANTAR_WARM_SOCKET"  # abstract socket name of the template (without the leading NUL)
TOKEN_ENV = "QANTAR_WARM_TOKEN"  # shared secret a request must carry
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets when MPLBACKEND is unset
# Modules every notebook imports (directly or through qantar). Deliberately not matplotlib.pyplot or the
# inline backend: they hook into the IPython shell at import time, which must happen inside the kernel.
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.lines",
    "matplotlib.patches",
    "matplotlib.ticker",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
    "PIL.PngImagePlugin",
    "plotly.graph_objects",
    "plotly.io",
    "plotly.subplots",
    "geopandas",
    "shapely",
    "jinja2",
    "yaml",
    "qantar.dataset",
    "qantar.derive",
    "qantar.display",
    "qantar.geo",
    "qantar.page",
    "qantar.prose",
    "qantar.records",
    "qantar.tables",
    "qantar.figures.casualties",
    "qantar.figures.maps",
    "qantar.figures.reactions",
    "qantar.figures.timeline",
)
# plotly resolves graph object classes lazily; touching them imports their modules once, in the template.
PLOTLY_CLASSES = ("Figure", "Scatter", "Bar", "Frame", "Layout", "Heatmap")


def supported() -> bool:
    """True where warm kernels work: fork, abstract sockets and fd passing (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "send_fds")


def kernel_argv(log_level: str = "ERROR") -> list[str]:
    """The kernelspec argv: the proxy script, run by path so that starting it imports nothing of this package."""
    proxy = Path(__file__).with_name("kernel_proxy.py")
    return [sys.executable, "-S", str(proxy), "-f", "{connection_file}", f"--IPKernelApp.log_level={log_level}"]


class Template:
    """A running template process; ``env`` holds what kernels (through the proxy) need to find it."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.name = f"qantar-warm-{os.getpid()}-{secrets.token_hex(8)}"
        self.token = secrets.token_hex(16)
        self.env = {SOCKET_ENV: self.name, TOKEN_ENV: self.token}
        child_env = {**os.environ, **(env or {}), TOKEN_ENV: self.token}
        child_env.pop(SOCKET_ENV, None)
        # The socket is bound by the runner and handed over, so kernels may connect at once: requests wait
        # in the backlog while the template imports.
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind("\0" + self.name)
        self.sock.listen(64)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from qantar.report.warm import _serve_main; _serve_main()",
                str(os.getpid()),
                str(self.sock.fileno()),
            ],
            env=child_env,
            pass_fds=[self.sock.fileno()],
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C in the terminal is the runner's to handle
            close_fds=True,
        )
        self.sock.close()

    def stop(self) -> None:
        """Kill the template and every kernel forked from it."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the template and its forks share its session's group
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass


def start_template(env: dict[str, str] | None = None) -> Template | None:
    """Start a template process (None where warm kernels are not supported)."""
    if not supported():
        return None
    return Template(env)


# --- the template process --------------------------------------------------------------------------------


def _serve_main() -> None:
    """Entry point of the template process (argv: the runner's pid, the listening socket's fd)."""
    parent, listen_fd = int(sys.argv[1]), int(sys.argv[2])
    _die_with(parent)
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    _preload()
    listener = socket.socket(fileno=listen_fd)
    _serve(listener, os.environ.get(TOKEN_ENV, ""))


def _die_with(parent_pid: int) -> None:
    """Exit when the runner dies, even by SIGKILL (Linux only, as is this whole module)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent_pid:
        os._exit(1)


def _preload() -> None:
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # a missing optional module is simply imported (and fails) in the kernel
            pass
    go = sys.modules.get("plotly.graph_objects")
    for cls in PLOTLY_CLASSES if go else ():
        getattr(go, cls, None)


def _serve(listener: socket.socket, token: str) -> None:
    """Accept kernel requests forever; fork one kernel per request and report its exit status back."""
    waiting: dict[int, socket.socket] = {}  # kernel pid -> the proxy's connection
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    while True:
        for _key, _ in sel.select(timeout=0.2):
            conn, _addr = listener.accept()
            pid = _spawn(conn, token, listener, waiting)
            if pid is None:
                conn.close()
            else:
                waiting[pid] = conn
        _reap(waiting)


def _reap(waiting: dict[int, socket.socket]) -> None:
    while waiting:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = waiting.pop(pid, None)
        if conn is not None:
            try:
                conn.sendall(struct.pack("!i", os.waitstatus_to_exitcode(status)))
            except OSError:
                pass
            conn.close()


def _spawn(conn: socket.socket, token: str, listener: socket.socket, waiting: dict[int, socket.socket]) -> int | None:
    """Read one request (JSON plus the proxy's stdio fds), fork the kernel, send its pid; None on a bad request."""
    conn.settimeout(10)
    try:
        uid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))[1]
        if uid != os.getuid():  # only this user's processes may ask for a kernel
            return None
        data, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
        while not data.endswith(b"\n"):
            more = conn.recv(1 << 20)
            if not more:
                break
            data += more
        request = json.loads(data)
    except (OSError, ValueError):
        return None
    if not secrets.compare_digest(str(request.get("token", "")), token) or len(fds) != 3:
        for fd in fds:
            os.close(fd)
        return None
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    pid = os.fork()
    if pid == 0:  # the kernel
        try:
            listener.close()
            for other in waiting.values():
                other.close()
            conn.close()
            _become_kernel(request, fds)
        finally:
            os._exit(70)
    for fd in fds:
        os.close(fd)
    try:
        conn.sendall(struct.pack("!i", pid))
    except OSError:
        pass
    return pid


def _become_kernel(request: dict[str, Any], fds: list[int]) -> None:
    """In the forked child: take the proxy's stdio, environment, cwd and argv, then run ipykernel."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)  # as in the template, so matplotlib's import matches
    os.chdir(request["cwd"])
    _die_with(os.getppid())  # the template ends with the build: so do its kernels, whatever their proxies do
    _watch_proxy(int(request["proxy_pid"]))
    try:  # numpy's global generator is not reseeded on fork (random's is): each kernel gets its own seed
        import numpy

        numpy.random.seed()
    except ImportError:
        pass
    import ipykernel_launcher
    from ipykernel import kernelapp

    # ipykernel reads JPY_PARENT_PID into a class default at import time, that is in the template, before
    # jupyter_client set it: read it again from this kernel's environment (the same value a fresh kernel has).
    parent_handle = int(os.environ.get("JPY_PARENT_PID") or 0)
    kernelapp.IPKernelApp.class_traits()["parent_handle"].default_value = parent_handle
    getattr(kernelapp.IPKernelApp, "_static_immutable_initial_values", {})["parent_handle"] = parent_handle
    sys.argv = [ipykernel_launcher.__file__, *request["argv"]]
    # as `python -m ipykernel_launcher` in this folder, which then removes the cwd from sys.path itself
    sys.path = [p for p in sys.path if p not in ("", os.getcwd())]
    code: Any = 0
    try:
        kernelapp.launch_new_instance()
    except SystemExit as exc:
        code = exc.code
    except BaseException:  # noqa: BLE001 - reported like an uncaught error in a kernel, then the child exits
        import traceback

        traceback.print_exc()
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code if isinstance(code, int) else 1)


def _watch_proxy(proxy_pid: int) -> None:
    """End this kernel when its proxy dies (jupyter_client killed it): the kernel is not the proxy's child."""
    try:
        pidfd = os.pidfd_open(proxy_pid)
    except (OSError, AttributeError):
        pidfd = None

    def watch() -> None:
        if pidfd is not None:
            sel = selectors.DefaultSelector()
            sel.register(pidfd, selectors.EVENT_READ)
            sel.select()
        else:
            while True:
                try:
                    os.kill(proxy_pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="qantar-proxy-watch").start()
