"""The explorer's server process: Voilà, closed to other local users (run by :func:`qantar.app.serve.main`).

Voilà as it ships leaves three doors open to any process on the machine, which this subclass closes:

* the token: read from ``QANTAR_APP_TOKEN`` in the environment (never a command line, which ``ps`` shows),
  removed from the environment the kernels inherit, and redacted from every log line (tornado logs each 4xx
  with its URL);
* the pre-heated kernel's query channel (``/voila/query/<kernel_id>``, a websocket with no authentication):
  whoever opens it first receives the next visitor's query string, token included, and that visitor's page
  never loads. Kernel ids are on every kernel's command line. Here the channel opens only for a request
  carrying this server's own secret, which its kernels inherit in their environment;
* kernels: every page load starts one (about 210-280 MB). Pages beyond ``max_kernels`` are refused with a
  page that says why, so a script cannot fill the machine.

Its login page (:class:`TokenPage`) asks for the app's token alone; the address a reader opened, share query
included, comes back after it.
"""

from __future__ import annotations

import hmac
import os
import secrets
import sys
from typing import Any

import tornado.web
from traitlets import Integer, validate
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.voila_identity_provider import VoilaLoginHandler

from qantar import settings
from qantar.app import serve
from qantar.problems import QantarError


def kernels_in_use(kernel_manager: Any) -> int:
    """Kernels running or starting, including those Voilà keeps ready (pre-heated) for the next pages."""
    running = set(kernel_manager.list_kernel_ids()) | set(getattr(kernel_manager, "_pending_kernels", {}))
    pools = getattr(kernel_manager, "_pools", {})  # a pre-heated kernel is registered once it has started
    starting = sum(1 for pool in pools.values() for task in pool if not task.done())
    return len(running) + starting


class QueryChannel(RequestInfoSocketHandler):
    """Voilà's request-info websocket, opened only by a request carrying this server's secret (its kernels)."""

    def initialize(self, secret: str) -> None:
        """Keep the secret a kernel must send."""
        self.secret = secret

    async def get(self, *args: Any, **kwargs: Any) -> None:
        """Refuse the handshake (403) without the secret; before it, nothing is registered or sent."""
        given = self.request.headers.get(settings.APP_QUERY_SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode("utf-8"), self.secret.encode("utf-8")):
            raise tornado.web.HTTPError(403, "the query channel is for this server's own kernels")
        await super().get(*args, **kwargs)


class CappedPage(TornadoVoilaHandler):
    """Voilà's page, refused (503, with a page saying why) when it would take more than the cap of kernels."""

    def initialize(self, max_kernels: int, idle_seconds: int, **kwargs: Any) -> None:
        """Keep the cap; Voilà's handler takes the rest."""
        self.max_kernels, self.idle_seconds = max_kernels, idle_seconds
        super().initialize(**kwargs)

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> None:
        """Serve the app in a kernel of its own, unless the server runs its limit of kernels already."""
        if kernels_in_use(self.kernel_manager) >= self.max_kernels:
            from qantar.html import render

            self.log.warning("Refused a page: %d kernels running, the limit", self.max_kernels)
            self.set_status(503)
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.set_header("Cache-Control", "no-store")
            self.set_header("Retry-After", str(self.idle_seconds))
            self.finish(
                render(
                    "blocks/app_busy.html.j2",
                    max_kernels=self.max_kernels,
                    idle_minutes=max(1, round(self.idle_seconds / 60)),
                )
            )
            return
        await super().get(path)


class TokenPage(VoilaLoginHandler):
    """Jupyter's login, on a page of the app's own: one field for the token, and the address opened kept as `next`."""

    def _render(self, message: dict[str, str] | None = None) -> None:
        from markupsafe import Markup
        from tornado.escape import url_escape

        from qantar.html import render

        target = self.get_argument("next", default=self.base_url)
        self.set_header("Cache-Control", "no-store")
        self.write(
            render(
                "blocks/app_login.html.j2",
                action=f"{self.base_url}login?next={url_escape(target)}",
                xsrf=Markup(self.xsrf_form_html()),  # tornado's own hidden input, escaped by tornado
                message=message or {},
            )
        )


class QantarVoila(Voila):
    """Voilà with the token from the environment, the query channel closed to others, and a kernel cap."""

    max_kernels = Integer(
        serve.DEFAULT_MAX_KERNELS,
        config=True,
        help="Most kernels running at once, the pre-heated one included; pages beyond are refused.",
    )

    @validate("max_kernels")
    def _at_least_two(self, proposal: Any) -> int:
        if proposal["value"] < serve.MIN_MAX_KERNELS:
            raise ValueError(f"max_kernels must be {serve.MIN_MAX_KERNELS} or more")
        return proposal["value"]

    def initialize(self, argv: list[str] | None = None) -> None:
        """Voilà's set-up, then the token from the environment and the kernels' secret into it."""
        super().initialize(argv)
        given = os.environ.pop(settings.APP_TOKEN_ENV, "")  # the kernels need not have it
        try:
            if not given:  # Voilà would serve without a token
                raise QantarError(f"{settings.APP_TOKEN_ENV} is not set")
            token = serve.check_token(given, settings.APP_TOKEN_ENV)
        except QantarError as err:
            self.log.critical("%s; start the explorer with `qantar explore`", err)
            self.exit(1)
        self.token = token
        self.query_secret = secrets.token_urlsafe(32)
        os.environ[settings.APP_QUERY_SECRET_ENV] = self.query_secret  # inherited by the kernels only
        serve.install_log_redaction([token, self.query_secret])

    def init_handlers(self) -> list:
        """Voilà's handlers, with its query channel and its page handler replaced by the ones above."""
        handlers: list[tuple[Any, ...]] = []
        pages = 0
        for pattern, handler, *rest in super().init_handlers():
            if handler is RequestInfoSocketHandler:
                handlers.append((pattern, QueryChannel, {"secret": self.query_secret}))
            elif handler is VoilaLoginHandler:
                handlers.append((pattern, TokenPage, *rest))
            elif handler is TornadoVoilaHandler:
                limits = {"max_kernels": self.max_kernels, "idle_seconds": self._idle_seconds()}
                handlers.append((pattern, CappedPage, {**(rest[0] if rest else {}), **limits}))
                pages += 1
            else:
                handlers.append((pattern, handler, *rest))
        if pages != 1:  # a Voilà whose handlers differ must not run without the cap
            raise RuntimeError(f"expected Voilà's one page handler, found {pages}: check qantar.app.server")
        return handlers

    def _idle_seconds(self) -> int:
        """How long a page closed without notice keeps its kernel (the culling timeout)."""
        return int(self.kernel_manager.cull_idle_timeout) or serve.CULL_IDLE_SECONDS


def main(argv: list[str] | None = None) -> None:
    """Run the server (``python -m qantar.app.server NOTEBOOK [Voilà options]``)."""
    QantarVoila.launch_instance(argv)


if __name__ == "__main__":  # pragma: no cover - run by qantar.app.serve.main
    main(sys.argv[1:])
