"""Parameters: one spec per notebook, one rule for lists and 'all', errors that name parameter, value and choices."""

from __future__ import annotations

import ast
from datetime import date, datetime

import nbformat
import papermill as pm
import pytest

from qantar import derive, settings
from qantar import params as P
from qantar.explorer import compute_view
from qantar.selection import from_parameters
from qantar.notebook import setup

NB_DIR = settings.notebooks_dir()


def _ns(notebook: str, **values) -> dict:
    return {**{p.name: p.default for p in P.spec(notebook)}, **values}


def test_window_and_label() -> None:
    w = P.check_window("2022-01-02", "2022-01-10")
    assert (w.start, w.end, len(w.days)) == (date(2022, 1, 2), date(2022, 1, 10), 9)
    assert w.label() == "2–10 January 2022"
    assert P.Window(date(2021, 12, 30), date(2022, 1, 2)).label() == "30 December 2021 – 2 January 2022"


@pytest.mark.parametrize(
    "call,fragments",
    [
        (
            lambda: P.check_window("2022-01-09", "2022-01-03"),
            ["'start_date'", "2022-01-09", "after end_date", "valid:"],
        ),
        (lambda: P.check_date("start_date", "5 Jan"), ["'start_date'", "'5 Jan'", "YYYY-MM-DD"]),
        (lambda: P.check_date("start_date", datetime(2022, 1, 5, 10)), ["'start_date'", "without a time"]),
        (
            lambda: P.check_choices("measures", ["killed", "wounded"], ["killed", "injured"]),
            ["'measures'", "'wounded'", "killed, injured"],
        ),
        (lambda: P.check_choices("groups", [], ["a"]), ["'groups'", "non-empty list", "select nothing"]),
        (lambda: P.check_choices("groups", 5, ["a"]), ["'groups'", "5"]),
    ],
)
def test_parameter_errors_name_parameter_value_and_choices(call, fragments: list[str]) -> None:
    with pytest.raises(P.ParameterError) as err:
        call()
    for fragment in fragments:
        assert fragment in str(err.value)


def test_output_dir_rejects_a_file(tmp_path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("x")
    with pytest.raises(P.ParameterError, match="'output_dir'"):
        P.check_output_dir("output_dir", str(f), "nb")
    assert P.check_output_dir("output_dir", None, "nb").parts[-3:] == ("build", "figures", "nb")


@pytest.mark.parametrize("notebook", sorted(P.SPECS))
def test_parameters_cell_is_generated_from_the_spec(notebook: str) -> None:
    """One definition: each notebook's parameters cell is exactly its spec (names, defaults, help)."""
    nb = nbformat.read(NB_DIR / f"{notebook}.ipynb", as_version=4)
    (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert cell.source == P.parameters_source(notebook)
    inspected = pm.inspect_notebook(str(NB_DIR / f"{notebook}.ipynb"))
    assert {k: ast.literal_eval(v["default"]) for k, v in inspected.items()} == {
        p.name: p.default for p in P.spec(notebook)
    }


def test_setup_map_validates_cities_and_types(dataset) -> None:
    with pytest.raises(P.ParameterError, match="'cities'.*'Atlantis'.*Aktau"):
        setup("02_protest_city_map", _ns("02_protest_city_map", cities=["Atlantis"]))
    with pytest.raises(P.ParameterError, match="'event_types'.*'Picnic'.*Protests"):
        setup("02_protest_city_map", _ns("02_protest_city_map", event_types=["Picnic"]))
    run = setup(
        "02_protest_city_map",
        _ns("02_protest_city_map", end_date="2022-01-04", event_types=["Protests"], regions=["Mangystau Region"]),
    )
    assert run.title("Map") == "Map, 2–4 January 2022 (event types: Protests; regions: Mangystau Region; all cities)"


def test_setup_casualties_and_reactions_choices() -> None:
    with pytest.raises(P.ParameterError, match="'scopes'.*'moscow'.*almaty, almaty_region, kz"):
        setup("03_casualties_over_time", _ns("03_casualties_over_time", scopes=["moscow"]))
    with pytest.raises(P.ParameterError, match="'stances'.*'angry'"):
        setup("04_reaction_summaries", _ns("04_reaction_summaries", stances=["angry"]))
    run = setup("03_casualties_over_time", _ns("03_casualties_over_time", measures=["killed"]))
    assert run.filters["measures"] == ["killed"] and run.filters["groups"] is None


def test_a_bare_string_is_a_one_element_list_everywhere(dataset) -> None:
    """papermill -p gives a string: the notebook set-up, derive and the explorer all read it as one value."""
    run = setup("05_explorer", _ns("05_explorer", event_types="Riots"))
    assert run.filters["event_types"] == ["Riots"]
    assert (
        len(derive.casualty_claims(dataset, measures="killed"))
        == len(derive.casualty_claims(dataset, measures=["killed"]))
        < len(derive.casualty_claims(dataset))
    )
    as_string = compute_view(dataset, from_parameters(date(2022, 1, 2), date(2022, 1, 10), event_types="Riots"))
    as_list = compute_view(dataset, from_parameters(date(2022, 1, 2), date(2022, 1, 10), event_types=["Riots"]))
    assert as_string.n_events == as_list.n_events > 0


def test_the_selection_reads_a_bare_string_by_the_one_rule(dataset) -> None:
    """The selection applies problems.as_list (no rule of its own): a string is one value, anything else is refused."""
    from qantar.problems import as_list
    from qantar.selection import Selection, from_mapping

    assert as_list("Riots") == ["Riots"] and as_list(None) is None and as_list(("a", "b")) == ["a", "b"]
    assert Selection(event_types="Riots") == Selection(event_types=("Riots",))
    assert Selection(event_types=None) == Selection()  # None means all, as in a notebook's parameters
    # A number is not a list of names: the rule's error names the field and the value (no TypeError from tuple()).
    with pytest.raises(P.ParameterError, match=r"parameter 'groups': invalid value 5; valid: None \(all\), a name"):
        Selection(groups=5)  # type: ignore[arg-type]
    sel, problems = from_mapping(dataset, {"event_types": "Riots", "regions": {"a": 1}})
    assert sel.event_types == ("Riots",) and sel.regions == ()
    assert problems == ["regions: {'a': 1} is not None (all), a name, or a list of names; ignored"]


def test_none_means_all_and_an_empty_list_is_refused(dataset) -> None:
    every = derive.casualty_claims(dataset, measures=None)
    assert len(every) == len(dataset.casualty_reports)
    with pytest.raises(P.ParameterError, match="select nothing"):
        setup("03_casualties_over_time", _ns("03_casualties_over_time", measures=[]))


@pytest.mark.slow
def test_explorer_widgets_take_a_bare_string(dataset) -> None:
    from qantar.app import Explorer

    ex = Explorer(dataset, from_parameters(date(2022, 1, 2), date(2022, 1, 10), event_types="Riots"))
    assert ex.lists["event_types"].value == ("Riots",)
    ex.set(types="Protests")  # the share link's old key, as notebook 05's last cell uses it
    assert ex.lists["event_types"].value == ("Protests",)
    ex.set(event_types="Riots")
    assert ex.lists["event_types"].value == ("Riots",)


@pytest.mark.parametrize(
    "value,fragment",
    [
        (b'"+str(__import__("os").system("id"))+"', "binary data"),
        ({"a": 1}, "a mapping"),
        (True, "true/false"),
        (datetime(2022, 1, 5, 12), "without a time"),
        ("x" * 300, "at most 200"),
        ("two\nlines", "single-line"),
        ([["nested"]], "list"),
    ],
)
def test_config_values_must_be_plain_data(value, fragment: str) -> None:
    with pytest.raises(P.ParameterError) as err:
        P.plain_value("start_date", value)
    assert fragment in str(err.value)


def test_plain_values_pass_and_dates_become_iso() -> None:
    assert P.plain_value("start_date", date(2022, 1, 5)) == "2022-01-05"
    assert P.plain_value("cities", ["Almaty", "Aktau"]) == ["Almaty", "Aktau"]
    assert P.plain_value("x", None) is None and P.plain_value("x", 3) == 3


def test_notebooks_command_writes_the_parameters_cell_from_the_spec(tmp_path, monkeypatch) -> None:
    """`qantar notebooks` executes a notebook whose parameters cell is its spec, even if the file's cell drifted."""
    from qantar.report import execute

    name = "01_overview_timeline"
    nb = nbformat.read(NB_DIR / f"{name}.ipynb", as_version=4)
    (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    cell.source = "start_date = '2022-01-01'  # a stale default"
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    seen: list[str] = []

    def fake_papermill(notebook: str, out_nb, params, timeout, **client) -> None:
        executed = nbformat.read(notebook, as_version=4)
        seen.extend(c.source for c in executed.cells if "parameters" in c.metadata.get("tags", []))
        nbformat.write(executed, out_nb)

    monkeypatch.setattr(execute, "_papermill", fake_papermill)
    job = execute.Job(name, path.name, str(path), {}, name, str(tmp_path), None, 60, in_place=True)
    result = execute.run_job(job)
    assert result.ok, result.error
    assert seen == [P.parameters_source(name)]
    (written,) = [c for c in nbformat.read(path, as_version=4).cells if "parameters" in c.metadata.get("tags", [])]
    assert written.source == P.parameters_source(name)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name], "a temporary copy was left behind"
