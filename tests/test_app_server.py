"""The explorer's Voilà server as `qantar explore` starts it, attacked from this machine (no browser needed).

One server for the module, started by the command line with its token in the environment and a cap of
``MAX_KERNELS`` kernels; its process group is always killed. A local process that is not the user's browser
must not read the token from ``ps`` or from the log, must not take over a pre-heated kernel's query channel
(the kernel id is in every kernel's command line), must not switch the page to Voilà's CDN-loading stock
templates, and must not fill the machine with kernels. Pages are fetched over HTTP: the whole page, with the
app's output, arrives once its kernel has run the notebook.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qantar import settings
from qantar.app import serve

# serial: waits on kernel starts and culling with deadlines, and counts kernels.
pytestmark = [pytest.mark.slow, pytest.mark.serial]

MAX_KERNELS = 4
TOKEN = "t0ken-" + secrets.token_hex(12)
CDN = re.compile(r"(?:src|href)=[\"']?(?:https?:)?//", re.I)


class Server:
    """The running server: its port, process and log."""

    def __init__(self, port: int, proc: subprocess.Popen, log: Path):
        self.port, self.proc, self.log = port, proc, log

    def get(self, path: str, timeout: float = 120) -> tuple[int, str]:
        """GET ``path`` (with the token unless ``path`` has a query of its own) and return (status, whole body)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def page(self, query: str = "", timeout: float = 120) -> tuple[int, str]:
        """Open the app with this query and the token; return (status, whole page)."""
        return self.get(f"/?{query + '&' if query else ''}token={TOKEN}", timeout=timeout)

    def close_page(self, body: str) -> None:
        """Shut down the page's kernel, as the page does when its tab closes."""
        kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', body)
        assert kernel, body[:500]
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("DELETE", f"/api/kernels/{kernel.group(1)}", headers={"Authorization": f"token {TOKEN}"})
        assert conn.getresponse().status == 204
        conn.close()

    def widget_values(self, body: str) -> dict[str, str]:
        """The page's widget values by CSS class, asked of its kernel as a browser's widget manager asks."""
        import json
        import struct
        import uuid

        from websockets.sync.client import connect

        kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', body).group(1)

        def message(msg_type: str, content: dict, metadata: dict) -> str:
            header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "test", "session": "test"}
            header |= {"date": "2026-01-01T00:00:00.000000Z", "version": "5.3"}
            return json.dumps(
                {"header": header, "parent_header": {}, "metadata": metadata, "content": content, "channel": "shell"}
            )

        def decode(raw: str | bytes) -> dict:  # a message with binary buffers comes framed: count, offsets, JSON
            if isinstance(raw, str):
                return json.loads(raw)
            (count,) = struct.unpack("!I", raw[:4])
            offsets = struct.unpack(f"!{count}I", raw[4 : 4 + 4 * count])
            return json.loads(raw[offsets[0] : offsets[1]])

        url = f"ws://127.0.0.1:{self.port}/api/kernels/{kernel}/channels?session_id=test"
        with connect(url, additional_headers={"Authorization": f"token {TOKEN}"}, max_size=None) as ws:
            comm = uuid.uuid4().hex
            control = {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}}
            ws.send(message("comm_open", control, {"version": "1.0.0"}))
            ws.send(message("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}, {}))
            deadline = time.time() + 60
            while time.time() < deadline:
                reply = decode(ws.recv(timeout=60))
                data = reply.get("content", {}).get("data", {})
                if reply.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
                    values = {}
                    for model in data["states"].values():
                        for css in model.get("state", {}).get("_dom_classes", ()):
                            values[css] = str(model["state"].get("value", ""))
                    return values
        raise AssertionError("the kernel sent no widget states")

    def kernels(self) -> list:
        """The server's kernel processes."""
        from procs import kernel_processes

        return kernel_processes(self.proc.pid)

    def kernel_ids(self) -> list[str]:
        """Kernel ids as any local user reads them from `ps` (the connection file is on each kernel's command line)."""
        ids = []
        for kernel in self.kernels():
            ids += re.findall(r"kernel-([0-9a-f-]{36})\.json", " ".join(kernel.cmdline()))
        return ids


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.time() + timeout
    while not condition():
        if time.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.3)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`qantar explore` on a free port, token from the environment, at most MAX_KERNELS kernels; always stopped."""
    folder = tmp_path_factory.mktemp("server")
    port = serve.free_port()
    log_path = folder / "server.log"
    log = log_path.open("w")
    env = {**os.environ, settings.APP_TOKEN_ENV: TOKEN}
    qantar = str(Path(sys.executable).parent / "qantar")
    proc = subprocess.Popen(
        [qantar, "explore", "--port", str(port), "--max-kernels", str(MAX_KERNELS)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:

        def listening() -> bool:
            if proc.poll() is not None:
                raise AssertionError(f"the server stopped: {log_path.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    return True
            except OSError:
                return False

        _wait(listening, 60, "the server to listen")
        yield Server(port, proc, log_path)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def test_token_is_in_no_command_line(server: Server) -> None:
    log = server.log.read_text()
    assert f"http://127.0.0.1:{server.port}/?token={TOKEN}" in log  # the printed address uses the given token
    _wait(lambda: server.kernels(), 60, "the pre-heated kernel")
    import psutil

    processes = [psutil.Process(server.proc.pid), *psutil.Process(server.proc.pid).children(recursive=True)]
    for process in processes:  # what `ps` shows every local user
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes()
        assert TOKEN.encode() not in cmdline and b"token" not in cmdline.lower(), cmdline


def test_query_channel_is_closed_to_other_processes(server: Server) -> None:
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    _wait(lambda: server.kernel_ids(), 60, "the pre-heated kernel")
    (kernel_id,) = server.kernel_ids()
    url = f"ws://127.0.0.1:{server.port}/voila/query/{kernel_id}"
    for attempt in (
        {},
        {"additional_headers": {"Authorization": f"token {TOKEN}"}},  # not even the visitors' token opens it
        {"additional_headers": {settings.APP_QUERY_SECRET_HEADER: "guess"}},
    ):
        with pytest.raises(InvalidStatus) as refused:
            connect(url, open_timeout=10, **attempt).close()
        assert refused.value.response.status_code == 403
    # The next visitor's page loads, in the pre-heated kernel, with the link's selection.
    status, body = server.page("cities=Almaty&types=Riots", timeout=90)
    assert status == 200 and "widget-view+json" in body and "qantar-error" not in body, body[-2000:]
    assert kernel_id in body
    values = server.widget_values(body)
    # An old-style link (types=) opens; the view is shared under the filter's one key (event_types=).
    assert values["qantar-share"] == f"http://127.0.0.1:{server.port}/?event_types=Riots&cities=Almaty", values
    assert "Riots · Almaty" in values["qantar-count"], values
    server.close_page(body)


def test_template_overrides_are_ignored(server: Server) -> None:
    for template in ("classic", "lab", "reveal"):
        status, body = server.page(f"template={template}")
        assert status == 200, body[:500]
        assert "widget-view+json" in body, body[-2000:]
        assert not CDN.findall(body), sorted(set(re.findall(r"(?:src|href)=\S+//[^\s\"']+", body)))
        assert "cdn.jsdelivr.net" not in body and "jquery" not in body.lower()
        server.close_page(body)


def test_log_never_shows_the_token(server: Server) -> None:
    for path in ("/voila/files/nope", "/voila/static/nope.js", "/api/kernels/00000000-0000-0000-0000-000000000000"):
        status, _body = server.get(f"{path}?token={TOKEN}")
        assert 400 <= status < 500, (path, status)
    time.sleep(0.5)
    lines = server.log.read_text().splitlines()
    assert any("nope.js?token=[redacted]" in line for line in lines), lines[-10:]
    assert not any(TOKEN in line for line in lines[1:]), lines  # the first line is the address printed for the user


def test_kernels_are_capped(server: Server) -> None:
    _wait(lambda: len(server.kernels()) == 1, 60, "no kernel but the one kept ready")
    opened, refused = [], None
    for _ in range(MAX_KERNELS + 2):
        status, body = server.page("types=Riots")
        if status == 503:
            refused = body
            break
        assert status == 200, body[:500]
        opened.append(body)
        assert len(server.kernels()) <= MAX_KERNELS
    assert refused is not None, f"{len(opened)} pages opened and none refused"
    assert len(opened) == MAX_KERNELS - 1  # the cap counts the kernel kept ready for the next page
    assert f"{MAX_KERNELS} kernels" in refused and "--max-kernels" in refused and "<script" not in refused, refused
    time.sleep(3)  # the kernel kept ready is back in the pool
    assert len(server.kernels()) <= MAX_KERNELS
    # Closing a page frees its place.
    server.close_page(opened.pop())
    status, body = server.page()
    assert status == 200, body[:500]
    for page in [*opened, body]:
        server.close_page(page)


def test_server_refuses_to_start_without_a_token() -> None:
    env = {k: v for k, v in os.environ.items() if k != settings.APP_TOKEN_ENV}
    cmd = serve.command(serve.free_port())
    for token in (None, "", "abc"):
        if token is not None:
            env[settings.APP_TOKEN_ENV] = token
        done = subprocess.run(cmd, env=serve.environment(env), capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done
        assert settings.APP_TOKEN_ENV in done.stderr and "qantar explore" in done.stderr, done.stderr
        assert ("not set" if not token else "at least 8") in done.stderr
        assert "Traceback" not in done.stderr
