"""The app's kernel side under Voilà: wait for the page request, read its selection, build and show the explorer."""

from __future__ import annotations

import logging
import os
import time
from typing import TYPE_CHECKING

from qantar import explorer, settings
from qantar.app.explorer_widget import Explorer

if TYPE_CHECKING:  # pragma: no cover
    from qantar.dataset import Dataset

# The app's own timings go to this log (the server's), never onto the page.
log = logging.getLogger("qantar.app")


def _wait_for_request() -> None:
    """In a kernel Voilà pre-heated before any request, wait for the request (its URL query lands in os.environ).

    Voilà's own ``wait_for_request`` opens the server's query channel without credentials; the explorer's
    server (:mod:`qantar.app.server`) opens it only for the secret its kernels inherit, sent in a header.
    """
    if os.environ.get(settings.VOILA_PREHEAT_ENV, "False") != "True":
        return
    import json

    from voila.utils import ENV_VARIABLE
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    from qantar.problems import QantarError

    port = os.environ.get(ENV_VARIABLE.VOILA_APP_PORT, "")
    server_url = os.environ.get(ENV_VARIABLE.VOILA_SERVER_URL, "/")
    kernel_id = os.environ.get(ENV_VARIABLE.VOILA_KERNEL_ID, "")
    secret = os.environ.get(settings.APP_QUERY_SECRET_ENV, "")
    address = f"ws://127.0.0.1:{port}{server_url}voila/query/{kernel_id}"
    try:
        with connect(address, additional_headers={settings.APP_QUERY_SECRET_HEADER: secret}, open_timeout=30) as ws:
            request = json.loads(ws.recv())  # waits for the page request this kernel will serve
    except (OSError, WebSocketException, ValueError) as err:
        raise QantarError(f"the app did not receive its page request from the server ({type(err).__name__})") from err
    os.environ.update({str(k): str(v) for k, v in request.items()})


def _base_url() -> str:
    """The app's address as `qantar explore` set it (127.0.0.1 and its port), or '' (the link is then a query only)."""

    return os.environ.get(settings.APP_URL_ENV, "")


def _warm_up() -> None:
    """Import what the first Explorer needs (plotly's widget, anywidget, the boundaries) before a request arrives."""
    import plotly.basewidget  # noqa: F401 - slow first import (plotly.io renderers, nbformat, jsonschema)

    from qantar import geo

    geo.load_regions()
    geo.load_countries()


def start(ds: "Dataset | None" = None) -> Explorer | None:
    """Build and show the app for the request's URL query (Voilà's ``QUERY_STRING``); errors are shown as messages.

    The slow part (imports, loading and checking the dataset) runs first, so a kernel that Voilà
    pre-heats has done it when someone opens the page; the widgets are built for the request's
    selection after it arrives (a plotly FigureWidget changed before any page shows it would show its
    first state).
    """
    from IPython.display import HTML, display as ipy_display

    from qantar import selection as selmod
    from qantar.html import render
    from qantar.problems import QantarError

    t0 = time.perf_counter()
    try:
        if ds is None:
            from qantar import load

            ds = load()
        loaded = time.perf_counter() - t0
        _warm_up()
        _wait_for_request()
        sel, notes = selmod.from_query(ds, os.environ.get(settings.QUERY_STRING_ENV, ""))
        app = Explorer(ds, sel, notes, base_url=_base_url())
        app.load_seconds = loaded
        log.info(explorer.timing_text(loaded, app.ready_seconds))
        if os.environ.get(settings.APP_STEPS_ENV):
            log.info("steps (s): %s", {k: round(v, 2) for k, v in app.steps.items()})
    except QantarError as err:
        ipy_display(HTML(render("blocks/app_error.html.j2", message=str(err))))
        return None
    app.show()
    return app
