"""Headless Chromium helpers for tests: offline screenshots (skips with a reason where Chromium is missing)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

NO_CHROMIUM = "Chromium not installed: apt-get install chromium chromium-driver (.ci/run does this)"
OFFLINE_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    # No request may leave the machine: every host resolves to nothing and anything but loopback
    # (bypassed by default, for local test servers) goes to a dead proxy.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--proxy-server=127.0.0.1:9",
]


def chromium_path() -> str:
    """Path of the Chromium binary, or skip the calling test with the reason."""
    path = os.environ.get("QANTAR_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail(f"in CI Chromium must be installed; {NO_CHROMIUM}")
        pytest.skip(NO_CHROMIUM)
    return path


def screenshot(url: str, out: Path, size: tuple[int, int] = (1300, 820), wait_ms: int = 4000) -> Path:
    """Screenshot ``url`` in a fresh offline headless Chromium profile and return the PNG path."""
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            chromium_path(),
            *OFFLINE_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={size[0]},{size[1]}",
            f"--virtual-time-budget={wait_ms}",
            "--hide-scrollbars",
            f"--screenshot={out}",
            url,
        ]
        subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)
    return out
