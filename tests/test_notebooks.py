"""Notebooks: structure, papermill runs with non-default parameters, bad parameters, and the committed check outputs.

The committed outputs of `# NBVAL_CHECK_OUTPUT` cells are compared with the report set's executed copies (compare-only,
as nbval --nbval-lax would, without executing each notebook a second time).
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from qantar import settings
from qantar.report import load_config
from qantar.settings import default_config

NB_DIR = settings.project_root() / "notebooks"
NOTEBOOKS = sorted(p.name for p in NB_DIR.glob("[0-9][0-9]_*.ipynb"))


def _run(name: str, out_dir: Path, **parameters) -> nbformat.NotebookNode:
    output = out_dir / f"executed_{name}"
    pm.execute_notebook(
        str(NB_DIR / name),
        str(output),
        parameters=parameters,
        kernel_name="qantar",
        cwd=str(NB_DIR),
        progress_bar=False,
    )
    return nbformat.read(output, as_version=4)


def _stdout(nb: nbformat.NotebookNode, marker: str) -> str:
    """Text printed by the code cell whose source contains ``marker``."""
    for cell in nb.cells:
        if cell.cell_type == "code" and marker in cell.source:
            return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
    raise AssertionError(f"no cell containing {marker!r}")


def test_six_numbered_notebooks() -> None:
    assert NOTEBOOKS == [
        "01_overview_timeline.ipynb",
        "02_protest_city_map.ipynb",
        "03_casualties_over_time.ipynb",
        "04_reaction_summaries.ipynb",
        "05_explorer.ipynb",
        "06_acled_comparison.ipynb",
    ]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_structure_title_parameters_validation(name: str) -> None:
    nb = nbformat.read(NB_DIR / name, as_version=4)
    title = nb.cells[0]
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    check = nb.cells[nb.cells.index(params) + 1]
    assert title.cell_type == "markdown" and title.source.startswith("# ")
    assert any("produces" in c.source or "writes" in c.source for c in nb.cells[:3] if c.cell_type == "markdown")
    assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1
    for line in params.source.splitlines():
        assert "#" in line, f"parameter without a comment: {line}"
    assert "data_dir" in params.source
    assert "run = setup(" in check.source
    assert nb.metadata.kernelspec.name == "qantar"
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        assert len(cell.source.splitlines()) <= 10, f"cell too long, move it to lib:\n{cell.source}"
        if "NBVAL_CHECK_OUTPUT" in cell.source:
            assert cell.outputs, f"committed notebook lacks the checked output of:\n{cell.source}"
            assert "check" in cell.metadata.get("tags", []), "check cells are tagged so pages leave them out"
    # Committed by `make notebooks`: every code cell executed once, in order, from a fresh kernel.
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))


@pytest.mark.slow
def test_overview_runs_with_a_narrow_window(tmp_path: Path) -> None:
    nb = _run(
        "01_overview_timeline.ipynb", tmp_path, start_date="2022-01-04", end_date="2022-01-06", output_dir=str(tmp_path)
    )
    printed = _stdout(nb, "print(counts")
    assert "2022-01-04" in printed and "2022-01-06" in printed
    assert "2022-01-03" not in printed and "2022-01-07" not in printed
    for name in (
        "daily_event_timeline.png",
        "daily_event_timeline.svg",
        "daily_event_timeline.csv",
        "source_coverage_matrix.png",
        "disagreements.csv",
        "tensions.csv",
        "page.json",
    ):
        assert (tmp_path / name).stat().st_size > 0


@pytest.mark.slow
def test_map_runs_for_mangystau_protests(tmp_path: Path) -> None:
    nb = _run(
        "02_protest_city_map.ipynb",
        tmp_path,
        start_date="2022-01-02",
        end_date="2022-01-04",
        event_types=["Protests"],
        regions=["Mangystau Region"],
        output_dir=str(tmp_path),
    )
    table = _stdout(nb, "print(cities")
    assert "Zhanaozen" in table and "Aktau" in table and "Almaty" not in table
    assert "frames: 3 cities on the last day: Aktau, Zhanaozen" in table
    html = (tmp_path / "protest_cities_map_interactive.html").read_text(encoding="utf-8")
    assert "Zhanaozen" in html and "Almaty Region" not in html and ">Almaty<" not in html
    assert (tmp_path / "protest_cities_map.png").stat().st_size > 10_000
    findings = "".join(o.get("data", {}).get("text/plain", "") for c in nb.cells for o in c.get("outputs", []))
    assert "2 cities have at least one reported event of the selected kinds in 2–4 January 2022." in findings


def _published(report_set: Path, run: str) -> nbformat.NotebookNode:
    """The executed notebook of one run of the shared report set (each configuration is executed once a test run)."""
    return nbformat.read(report_set / run / f"{run}.ipynb", as_version=4)


def test_casualties_run_for_security_forces(report_set: Path, dataset) -> None:
    """reports.yml's security-forces run (groups and measures set) prints only what those parameters select."""
    from qantar import derive

    spec = next(s for s in load_config(default_config()) if s.name == "casualties-security-forces")
    printed = _stdout(_published(report_set, spec.name), "print(claims")
    rows = [line for line in printed.split("scope_place_id")[1].splitlines()[1:] if line.strip()]
    claim_rows = [r for r in rows if r.strip().startswith("cr")]
    expected = derive.casualty_claims(dataset, measures=spec.parameters["measures"], groups=spec.parameters["groups"])
    assert sorted(r.split()[0] for r in claim_rows) == sorted(expected["report_id"]) and len(claim_rows) > 3
    assert all("security_forces" in r and ("killed" in r or "injured" in r) for r in claim_rows)
    assert "protesters" not in printed and "detained" not in printed
    for name in ("casualty_claims_over_time.png", "casualty_claims_over_time_interactive.html", "casualty_series.csv"):
        assert (report_set / spec.name / "figures" / name).exists(), name


def test_reactions_run_for_foreign_governments(report_set: Path) -> None:
    """reports.yml's foreign-reactions run names foreign leaders and leaves Kazakhstan's president out."""
    printed = _stdout(_published(report_set, "reactions-foreign"), "print(rv.groupby")
    assert "Emomali Rahmon" in printed and "Vladimir Putin" in printed and "Kassym-Jomart Tokayev\n" not in printed
    assert "Tajikistan" in printed
    for name in ("stances_by_actor.png", "stances_by_state.png", "reaction_timeline.png", "phone_call_network.png"):
        assert (report_set / "reactions-foreign" / "figures" / name).exists(), name


@pytest.mark.parametrize(
    "name,parameters,fragments",
    [
        # One notebook is enough here: the other bad values are checked through setup() in test_params.py.
        ("02_protest_city_map.ipynb", {"event_types": ["Picnic"]}, ["'event_types'", "'Picnic'", "Protests, Riots"]),
        # The ACLED comparison's window is the month of ACLED's totals, checked by the same set-up call.
        ("06_acled_comparison.ipynb", {"start_date": "2022-01-02"}, ["'start_date'", "2022-01-01 to 2022-01-31"]),
    ],
)
@pytest.mark.slow
def test_bad_parameter_fails_in_validation_cell(
    name: str, parameters: dict, fragments: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "never_written"
    with pytest.raises(pm.PapermillExecutionError) as err:
        _run(name, tmp_path, output_dir=str(out), **parameters)
    message = str(err.value)
    assert "ParameterError" in message
    for fragment in fragments:
        assert fragment in message
    assert err.value.exec_count <= 3  # the set-up cell, right after parameters (+ papermill's injected cell)
    assert not out.exists()  # nothing written before validation


CHECK = "# NBVAL_CHECK_OUTPUT"


def _comparable(outputs: list) -> list:
    """A cell's outputs as nbval compares them: consecutive streams of one name joined, images and metadata left out."""
    shown: list = []
    for out in outputs:
        kind = out.get("output_type")
        if kind == "stream":
            if shown and shown[-1][0] == "stream" and shown[-1][1] == out.get("name"):
                shown[-1] = ("stream", out.get("name"), shown[-1][2] + out.get("text", ""))
            else:
                shown.append(("stream", out.get("name"), out.get("text", "")))
        elif kind == "error":
            shown.append(("error", out.get("ename"), out.get("evalue")))
        else:
            data = {k: v for k, v in out.get("data", {}).items() if not k.startswith("image/")}
            shown.append((kind, sorted(data.items())))
    return shown


def stale_check_cells(committed: nbformat.NotebookNode, executed: nbformat.NotebookNode) -> list[str]:
    """Every ``# NBVAL_CHECK_OUTPUT`` cell of ``committed`` whose outputs differ from the same cell in ``executed``.

    The compare-only half of nbval (--nbval-lax): the cells are found by their source, so papermill's injected
    parameters cell does not shift them; a check cell missing from the executed copy is stale too.
    """
    ran = {c.source: c for c in executed.cells if c.cell_type == "code"}
    problems = []
    for cell in committed.cells:
        if cell.cell_type != "code" or CHECK not in cell.source:
            continue
        if cell.source not in ran:
            problems.append(f"check cell not in the executed copy:\n{cell.source}")
            continue
        want, got = _comparable(cell.outputs), _comparable(ran[cell.source].outputs)
        if want != got:
            problems.append(f"check cell:\n{cell.source}\ncommitted output:\n{want}\nfresh output:\n{got}")
    return problems


def _default_runs() -> dict[str, str]:
    """Notebook file name -> the reports.yml run that executes it with its default parameters."""
    runs: dict[str, str] = {}
    for spec in load_config(default_config()):
        if not spec.parameters:
            runs.setdefault(Path(spec.notebook).name, spec.name)
    return runs


def test_every_notebook_has_check_cells_and_a_fresh_run() -> None:
    """Each notebook's committed facts are compared below: the report set runs all but the explorer with defaults."""
    for name in NOTEBOOKS:
        nb = nbformat.read(NB_DIR / name, as_version=4)
        assert any(c.cell_type == "code" and CHECK in c.source for c in nb.cells), f"{name} has no check cell"
    assert set(_default_runs()) | {"05_explorer.ipynb"} == set(NOTEBOOKS), _default_runs()


@pytest.mark.parametrize("name", sorted(_default_runs()))
def test_committed_check_outputs_match_the_report_sets_run(name: str, report_set: Path) -> None:
    """Committed check-cell outputs equal those of the report set's default run (executed once per test run):
    a stale committed output fails here, with no second execution of the notebook (nbval would run it again)."""
    executed = _published(report_set, _default_runs()[name])
    problems = stale_check_cells(nbformat.read(NB_DIR / name, as_version=4), executed)
    assert problems == [], f"{name}: run `make notebooks` if the change is intended\n" + "\n".join(problems)


@pytest.mark.slow
def test_committed_check_outputs_match_a_fresh_explorer_run(tmp_path: Path) -> None:
    """The explorer is in no report run: it is executed once here (fresh kernel, default parameters) and compared."""
    name = "05_explorer.ipynb"
    assert name not in _default_runs(), "the explorer is in reports.yml now: compare it with the report set's run"
    executed = _run(name, tmp_path)
    problems = stale_check_cells(nbformat.read(NB_DIR / name, as_version=4), executed)
    assert problems == [], f"{name}: run `make notebooks` if the change is intended\n" + "\n".join(problems)


def test_check_cells_are_live() -> None:
    """A committed fact that no longer matches is reported, and so is a check cell the run no longer has."""
    committed = nbformat.read(NB_DIR / "02_protest_city_map.ipynb", as_version=4)
    assert stale_check_cells(committed, committed) == []
    tampered = copy.deepcopy(committed)
    cell = next(c for c in tampered.cells if c.cell_type == "code" and "cities on the last day" in c.source)
    assert CHECK in cell.source
    cell.outputs[0]["text"] = cell.outputs[0]["text"].replace("Almaty", "Atlantis")
    stale = stale_check_cells(tampered, committed)
    assert len(stale) == 1 and "Atlantis" in stale[0]
    cell.source += "\n"
    assert len(stale_check_cells(tampered, committed)) == 1
    noisy = copy.deepcopy(committed)  # a fresh run that prints more than the committed copy holds
    cell = next(c for c in noisy.cells if c.cell_type == "code" and "cities on the last day" in c.source)
    cell.outputs.append(nbformat.v4.new_output("stream", name="stderr", text="warning\n"))
    assert len(stale_check_cells(committed, noisy)) == 1


def test_committed_notebooks_name_no_local_path() -> None:
    """Committed notebooks (and the explorer app's) hold no path of the machine that executed them."""
    from paths_check import local_paths

    notebooks = [*NB_DIR.glob("*.ipynb"), *(settings.project_root() / "lib" / "qantar" / "app").glob("*.ipynb")]
    assert len(notebooks) >= 5
    found = {p.name: hits for p in notebooks if (hits := local_paths(p))}
    assert found == {}, found
