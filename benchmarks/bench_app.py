"""Benchmark: how long the explorer app's page takes, with a pre-heated kernel and without (prints figures).

Usage: .venv/bin/python benchmarks/bench_app.py [--repeats N] [--rounds R] [--wait SECONDS] [--variants V,...]

Starts the server as `qantar explore` does (:mod:`qantar.app.serve`) on a free port, and times whole
pages fetched over HTTP: the page is complete once its kernel has run the app (imports, the dataset, the
widgets for the link's selection); drawing the widgets in a browser adds the same time to every variant.
Each page's kernel is then shut down, as a closed tab does.

  * first page: requested as soon as the server listens (it waits for the kernel being heated);
  * back to back: the next page at once (the kernel kept ready may still be heating);
  * rested: after ``--wait`` seconds, so a kernel is ready (the usual case), median of ``--repeats``.

Variants: ``preheated`` is the shipped server (one kernel kept ready; its query channel needs the server's
secret); ``cold`` has ``--preheat_kernel=False --pool_size=0`` instead (every page starts its kernel on request).
Timings on a shared machine are noisy: run it more than once (``--rounds``) and compare medians.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import time

from qantar.app import serve

# Each replaces the shipped command's pre-heat options (traitlets refuses an option given twice).
VARIANTS = {
    "preheated": ["--preheat_kernel=True", "--pool_size=1"],
    "cold": ["--preheat_kernel=False", "--pool_size=0"],
}
PREHEAT_OPTIONS = ("--preheat_kernel=", "--pool_size=")


def _page(port: int, token: str, query: str) -> float:
    """Seconds to fetch the whole page; its kernel is shut down afterwards."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    conn.request("GET", f"/?{query}&token={token}")
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    seconds = time.perf_counter() - started
    if response.status != 200 or "widget-view+json" not in body:
        raise SystemExit(f"the page did not load ({response.status}): {body[-1500:]}")
    kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', body)
    if kernel:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("DELETE", f"/api/kernels/{kernel.group(1)}", headers={"Authorization": f"token {token}"})
        conn.getresponse().read()
        conn.close()
    return seconds


def measure(variant: str, repeats: int, wait: float) -> dict[str, float]:
    """Start a server of this variant, time its pages and stop it."""
    port, token = serve.free_port(), secrets.token_urlsafe(32)
    cmd = [arg for arg in serve.command(port) if not arg.startswith(PREHEAT_OPTIONS)] + VARIANTS[variant]
    proc = subprocess.Popen(
        cmd,
        env=serve.environment(port=port, token=token),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    started = time.perf_counter()
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit(f"the {variant} server stopped") from None
                time.sleep(0.1)
        listening = time.perf_counter() - started
        first = _page(port, token, "cities=Almaty")
        back = _page(port, token, "cities=Aktau")
        rested = []
        for _ in range(repeats):
            time.sleep(wait)
            rested.append(_page(port, token, "types=Riots"))
        return {
            "server listening": listening,
            "first page": first,
            "back to back": back,
            "rested (median)": statistics.median(rested),
            "rested (min)": min(rested),
            "rested (max)": max(rested),
        }
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main() -> None:
    """Print each variant's page times, round by round."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="rested pages per server (3)")
    parser.add_argument("--rounds", type=int, default=2, help="servers started per variant, alternating (2)")
    parser.add_argument("--wait", type=float, default=20, help="seconds before each rested page (20)")
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"comma-separated ({','.join(VARIANTS)})")
    args = parser.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    if unknown := set(variants) - set(VARIANTS):
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    for round_ in range(1, args.rounds + 1):
        for variant in variants:
            figures = measure(variant, args.repeats, args.wait)
            shown = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in figures.items())
            print(f"round {round_} {variant}: {shown}", flush=True)


if __name__ == "__main__":
    main()
