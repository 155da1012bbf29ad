"""`qantar explore` without a server: its arguments, where the token goes, the Voilà command, the log redaction.

``os.execve`` is recorded instead of run, so ``qantar explore`` runs in-process and the test sees the exact
command line (what every local user sees in ``ps``) and environment (only the user and root can read it) that
would start Voilà. The server itself is tested in ``test_app_server.py``.
"""

from __future__ import annotations

import io
import logging
import os
import secrets
import subprocess
from pathlib import Path

import pytest

from cli import run_qantar
from qantar import settings
from qantar.app import serve

TOKEN = "t0ken-" + secrets.token_hex(8)


@pytest.fixture
def execs(monkeypatch) -> list[tuple[str, list[str], dict[str, str]]]:
    """Calls of os.execve (recorded; the test process is never replaced by Voilà)."""
    calls: list[tuple[str, list[str], dict[str, str]]] = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: calls.append((path, list(argv), dict(env))))
    return calls


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != settings.APP_TOKEN_ENV}
    return {**env, **extra}


@pytest.mark.parametrize("port", ["70000", "65536", "-1", "http"])
def test_explore_refuses_a_port_out_of_range(port: str, execs) -> None:
    done = run_qantar("explore", f"--port={port}", env=_env())
    assert done.returncode == 2, done
    assert "1–65535" in done.stderr and port in done.stderr, done.stderr
    assert execs == []


def test_explore_takes_any_port_and_zero_picks_a_free_one(execs) -> None:
    assert run_qantar("explore", "--port", "65535", env=_env()).returncode == 0
    assert "--Voila.port=65535" in execs[-1][1]
    done = run_qantar("explore", "--port", "0", env=_env())
    assert done.returncode == 0
    port = next(int(a.split("=")[1]) for a in execs[-1][1] if a.startswith("--Voila.port="))
    assert 0 < port <= 65535 and f"http://127.0.0.1:{port}/?token=" in done.stdout


def test_explore_token_reaches_voila_through_the_environment_only(execs, tmp_path: Path) -> None:
    done = run_qantar("explore", "--port", "8123", env=_env(**{settings.APP_TOKEN_ENV: TOKEN}))
    assert done.returncode == 0, done.stderr
    ((_path, argv, env),) = execs
    assert not any(TOKEN in arg or "token" in arg.lower() for arg in argv), argv  # nothing for `ps` to show
    assert env[settings.APP_TOKEN_ENV] == TOKEN
    assert f"http://127.0.0.1:8123/?token={TOKEN}" in done.stdout
    # Without one, a new random token, through the environment too.
    done = run_qantar("explore", env=_env())
    generated = execs[-1][2][settings.APP_TOKEN_ENV]
    assert len(generated) >= 32 and f"/?token={generated}" in done.stdout
    assert not any(generated in arg for arg in execs[-1][1])
    # A file only its owner can read.
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    token_file.chmod(0o600)
    assert run_qantar("explore", "--token-file", str(token_file), env=_env()).returncode == 0
    assert execs[-1][2][settings.APP_TOKEN_ENV] == TOKEN


def test_explore_refuses_a_token_others_can_see(execs, tmp_path: Path) -> None:
    done = run_qantar("explore", "--token", TOKEN, env=_env())
    assert done.returncode != 0 and "ps" in done.stderr and settings.APP_TOKEN_ENV in done.stderr, done.stderr
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN, encoding="utf-8")
    token_file.chmod(0o644)
    done = run_qantar("explore", "--token-file", str(token_file), env=_env())
    assert done.returncode != 0 and str(token_file) in done.stderr and "chmod 600" in done.stderr, done.stderr
    done = run_qantar("explore", "--token-file", str(tmp_path / "missing"), env=_env())
    assert done.returncode != 0 and "missing" in done.stderr and "Traceback" not in done.stderr, done.stderr
    for bad, rule in (("abc12", "at least 8"), ("has space&more", "letters, digits")):
        done = run_qantar("explore", env=_env(**{settings.APP_TOKEN_ENV: bad}))
        assert done.returncode != 0 and rule in done.stderr and bad not in done.stderr, done.stderr
    assert execs == []


def test_explore_refuses_a_kernel_cap_below_two(execs) -> None:
    done = run_qantar("explore", "--max-kernels", "1", env=_env())
    assert done.returncode == 2 and "2 or more" in done.stderr, done.stderr
    assert run_qantar("explore", "--max-kernels", "5", env=_env()).returncode == 0
    assert "--QantarVoila.max_kernels=5" in execs[-1][1]
    assert run_qantar("explore", env=_env()).returncode == 0
    assert f"--QantarVoila.max_kernels={serve.DEFAULT_MAX_KERNELS}" in execs[-1][1]


def test_voila_command_refuses_template_overrides() -> None:
    cmd = serve.command(8123)
    # ?template=classic (or lab, reveal) would switch to Voilà's stock templates, which load jQuery and CSS from CDNs.
    assert "--VoilaConfiguration.allow_template_override=NO" in cmd
    assert f"--template={serve.TEMPLATE}" in cmd and "--Voila.ip=127.0.0.1" in cmd
    assert not any("token" in arg.lower() for arg in cmd)


def test_server_log_never_shows_the_token() -> None:
    previous = logging.getLogRecordFactory()
    out = io.StringIO()
    logger = logging.getLogger("qantar.test.redaction")
    handler = logging.StreamHandler(out)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        serve.install_log_redaction([TOKEN])
        # tornado's lines for a 4xx: "%d %s: %s" and "%d %s %.2fms", the summary holding the request's URI.
        logger.warning("%d %s: %s", 403, f"GET /voila/files/x?token={TOKEN}&q=1 (127.0.0.1)", "File not allowlisted")
        logger.warning("%d %s %.2fms", 404, f"GET /api/kernels/x?TOKEN={TOKEN[:9]} (127.0.0.1)", 1.5)
        logger.warning("the token %s in any message", TOKEN)
        logger.warning("a message with a stray %s", "%s")  # not the factory's business: left as it was
    finally:
        logging.setLogRecordFactory(previous)
        logger.removeHandler(handler)
    text = out.getvalue()
    assert TOKEN not in text and TOKEN[:9] not in text, text
    assert "GET /voila/files/x?token=[redacted]&q=1 (127.0.0.1): File not allowlisted" in text
    assert "?TOKEN=[redacted] (127.0.0.1) 1.50ms" in text
    assert "the token [redacted] in any message" in text and "a stray %s" in text


def test_make_explore_never_puts_the_token_on_a_command_line() -> None:
    root = settings.project_root()
    env = _env(**{settings.APP_TOKEN_ENV: TOKEN})
    dry = subprocess.run(["make", "-n", "--no-print-directory", "explore"], cwd=root, env=env, capture_output=True)
    assert dry.returncode == 0, dry.stderr
    assert b"qantar explore" in dry.stdout and TOKEN.encode() not in dry.stdout
    refused = subprocess.run(
        ["make", "-n", "--no-print-directory", "explore", f"TOKEN={TOKEN}"], cwd=root, env=_env(), capture_output=True
    )
    assert refused.returncode != 0 and settings.APP_TOKEN_ENV.encode() in refused.stderr, refused
    assert TOKEN.encode() not in refused.stdout
