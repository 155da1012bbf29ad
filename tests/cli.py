"""Run the qantar command line in-process: the same ``main`` a user's shell reaches, without a new interpreter.

A test about the process itself (a closed pipe, a signal, what the interpreter prints) runs it as a process
instead; everything else uses :func:`run_qantar`, which saves about a second of start-up per call.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Mapping


def _print_warning(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001
    """Print a warning to (the redirected) stderr, as the interpreter does outside pytest."""
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def run_qantar(
    *args: str, env: Mapping[str, str] | None = None, cwd: Path | str | None = None
) -> subprocess.CompletedProcess:
    """``qantar ARGS`` in this process: exit code, stdout and stderr as ``subprocess.run`` gives them."""
    from qantar.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd, saved_sigint = dict(os.environ), os.getcwd(), signal.getsignal(signal.SIGINT)
    try:
        if env is not None:  # like subprocess.run(env=...): the given environment only
            os.environ.clear()
            os.environ.update(env)
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
            # Warnings print to stderr as the interpreter would (pytest would otherwise only record them),
            # so a test that wants exactly one line of stderr sees any warning the command emits.
            warnings.resetwarnings()
            warnings.simplefilter("default")
            warnings.showwarning = _print_warning
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        signal.signal(signal.SIGINT, saved_sigint)  # main() installs its own Ctrl-C handler
    return subprocess.CompletedProcess(["qantar", *args], code, out.getvalue(), err.getvalue())
