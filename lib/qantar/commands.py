"""The ``qantar`` commands' work (one ``cmd_*`` function each) and the option types they parse.

``qantar.cli`` declares the options and turns errors into messages; this module does what each command does.

Errors a user can fix print one message and exit 1 (bad data, a failed run, a full disk) or
2 (bad usage: config, parameters, an unusable output folder); Ctrl-C exits 130 with one line.
No traceback reaches a user unless QANTAR_DEBUG=1 asks for it.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from qantar import settings
from qantar.problems import QantarError

if TYPE_CHECKING:  # pragma: no cover
    from datetime import date

    from qantar.dataset import Dataset

    from qantar.report.execute import RunResult


def positive_int(text: str) -> int:
    """A whole number of at least 1 for an option (a usage error otherwise)."""
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


def published(text: str) -> "date":
    """--published: a YYYY-MM-DD date between the unrest's start (2022-01-01) and today."""
    from datetime import date

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


def cmd_extract(args: argparse.Namespace) -> int:
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


def cmd_validate(args: argparse.Namespace) -> int:
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


def iso_date(text: str) -> "date":
    """A YYYY-MM-DD date for an option (a usage error otherwise)."""
    import re
    from datetime import date

    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def cmd_add_text(args: argparse.Namespace) -> int:
    """Register a text: copy it under its content-derived doc id and add its sources.csv row."""
    from pathlib import Path

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


def cmd_accept(args: argparse.Namespace) -> int:
    """Accept a reviewed candidate file: new rows with new ids, citations for duplicates, every decision logged."""
    from pathlib import Path

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


def cmd_recover(args: argparse.Namespace) -> int:
    """Finish an add-text or accept that was interrupted between its renames."""
    from qantar.workflow import recover

    done = recover(args.data_dir)
    print(f"finished an interrupted write: {len(done)} file(s) renamed" if done else "nothing to finish")
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
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


def cmd_datadict(args: argparse.Namespace) -> int:
    """Print the data dictionary of docs/data.md generated from datapackage.json."""
    from qantar.datadict import doc_path, render, write_doc

    if args.write:
        print(f"{doc_path()} updated" if write_doc() else f"{doc_path()} already up to date")
    else:
        print(render())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the dataset in one of the export formats (qantar.export.FORMATS)."""
    from qantar.export import export

    result = export(args.format, args.out, args.data_dir, args.texts_dir, force=args.force)
    for line in result.lines:
        print(line)
    return 0


def cmd_geo(args: argparse.Namespace) -> int:
    """Rebuild the derived boundary files in data/geo from installed packages."""
    from qantar.geo import build

    for path in build():
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


def port(text: str) -> int:
    """A TCP port for ``--port``: 1-65535, or 0 for a free one."""
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: use 1–65535 (or 0 for a free port)")
    return value


def kernel_cap(text: str) -> int:
    """A cap for ``--max-kernels``: at least the kernel kept ready for the next page plus one page's."""

    value = positive_int(text)
    if value < settings.APP_MIN_KERNELS:
        raise argparse.ArgumentTypeError(
            f"{value} must be {settings.APP_MIN_KERNELS} or more: one kernel is kept ready for the next page"
        )
    return value


def cmd_explore(args: argparse.Namespace) -> int:
    """Serve the explorer app (Voilà) on localhost with a token; prints its URL."""
    from pathlib import Path

    from qantar.app.serve import main as serve

    if args.token is not None:  # argparse has it already; refuse before anything runs with it
        raise QantarError(
            f"--token is refused: a command line is visible to every local user (`ps`); set {settings.APP_TOKEN_ENV} "
            "in the environment, or use --token-file FILE (mode 600)"
        )
    return serve(args.port, Path(args.token_file) if args.token_file else None, args.max_kernels)


def cmd_review(args: argparse.Namespace) -> int:
    """Serve the review app for one document (Voilà, like the explorer); prints its URL."""
    from pathlib import Path

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


def cmd_report(args: argparse.Namespace) -> int:
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


def cmd_notebooks(args: argparse.Namespace) -> int:
    """Execute notebooks in place through the report runner's executor; exit 1 if any fails (left as it was)."""
    from pathlib import Path

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
