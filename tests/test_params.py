"""Parameter validation names the parameter, the bad value and the valid choices."""
from __future__ import annotations

from datetime import date

import pytest

from qantar import params as P
from qantar.notebook import setup_casualties, setup_map, setup_reactions


def test_window_and_label() -> None:
    w = P.check_window("2022-01-02", "2022-01-10")
    assert (w.start, w.end, len(w.days)) == (date(2022, 1, 2), date(2022, 1, 10), 9)
    assert w.label() == "2–10 January 2022"


@pytest.mark.parametrize("call,fragments", [
    (lambda: P.check_window("2022-01-09", "2022-01-03"), ["'start_date'", "2022-01-09", "after end_date", "valid:"]),
    (lambda: P.check_date("start_date", "5 Jan"), ["'start_date'", "'5 Jan'", "YYYY-MM-DD"]),
    (lambda: P.check_choices("measures", ["killed", "wounded"], ["killed", "injured"]), ["'measures'", "'wounded'", "killed, injured"]),
    (lambda: P.check_choices("groups", [], ["a"]), ["'groups'", "non-empty list"]),
])
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


def test_setup_map_validates_cities_and_types() -> None:
    with pytest.raises(P.ParameterError, match="'cities'.*'Atlantis'.*Aktau"):
        setup_map("2022-01-02", "2022-01-10", None, None, ["Atlantis"], None)
    with pytest.raises(P.ParameterError, match="'event_types'.*'Picnic'.*Protests"):
        setup_map("2022-01-02", "2022-01-10", ["Picnic"], None, None, None)
    run = setup_map("2022-01-02", "2022-01-04", ["Protests"], ["Mangystau Region"], None, None)
    assert run.title("Map") == ("Map, 2–4 January 2022 (event types: Protests; regions: Mangystau Region; all cities)")


def test_setup_casualties_and_reactions_choices() -> None:
    with pytest.raises(P.ParameterError, match="'scopes'.*'moscow'.*almaty, kz"):
        setup_casualties("2022-01-02", "2022-01-10", None, None, ["moscow"], None)
    with pytest.raises(P.ParameterError, match="'stances'.*'angry'"):
        setup_reactions("2022-01-02", "2022-01-10", None, ["angry"], None)
    run = setup_casualties("2022-01-02", "2022-01-10", ["killed"], None, None, None)
    assert run.filters["measures"] == ["killed"] and "security_forces" in run.filters["groups"]
