"""Report configs are data, never code: every value is checked against the notebook's spec before anything runs."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cli import run_qantar

from qantar.report import ConfigError, load_config


def _write(tmp_path: Path, runs: list[dict] | str, name: str = "cfg.yml") -> Path:
    cfg = tmp_path / name
    cfg.write_text(runs if isinstance(runs, str) else yaml.safe_dump({"runs": runs}), encoding="utf-8")
    return cfg


def test_binary_yaml_cannot_run_code(tmp_path: Path) -> None:
    """The reproduced attack: a !!binary value that would break out of papermill's injected cell."""
    proof = tmp_path / "pwned"
    payload = f'"+str(__import__("os").system("touch {proof}"))+"'.encode()
    cfg = _write(
        tmp_path,
        "runs:\n  - name: overview\n    notebook: 01_overview_timeline.ipynb\n    parameters:\n"
        f"      start_date: !!binary {base64.b64encode(payload).decode()}\n",
    )
    out = run_qantar("report", "--config", str(cfg), "--reports-dir", str(tmp_path / "r"))
    assert out.returncode == 2 and "binary data" in out.stderr and "start_date" in out.stderr
    assert not proof.exists() and not (tmp_path / "r").exists()


@pytest.mark.parametrize("form", ["absolute", "dotdot", "subfolder", "not a notebook", "a number"])
def test_notebooks_must_be_inside_notebooks(tmp_path: Path, form: str) -> None:
    """A notebook outside notebooks/ is refused before anything runs: its proof file is never written."""
    import nbformat

    from qantar import settings

    proof = tmp_path / "pwned"
    evil = tmp_path / "01_overview_timeline.ipynb"  # a known stem, so only its location can stop it
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"open({str(proof)!r}, 'w').write('ran')")])
    nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(nb, evil)
    relative = Path("..") / ".." / ".." / ".." / ".." / ".." / ".." / evil.relative_to("/")
    notebook = {
        "absolute": str(evil),
        "dotdot": str(relative),
        "subfolder": "sub/01_overview_timeline.ipynb",
        "not a notebook": "README.md",
        "a number": 5,
    }[form]
    assert form != "dotdot" or (settings.notebooks_dir() / relative).resolve() == evil.resolve()
    cfg = _write(tmp_path, [{"name": "x", "notebook": notebook}])
    out = run_qantar("report", "--config", str(cfg), "--reports-dir", str(tmp_path / "r"))
    assert out.returncode == 2 and "notebook" in out.stderr and "Traceback" not in out.stderr
    assert not proof.exists() and not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    "run,message",
    [
        (
            {"name": "m", "notebook": "02_protest_city_map.ipynb", "parameters": {"colour": "red"}},
            "unknown parameter 'colour'",
        ),
        (
            {"name": "m", "notebook": "02_protest_city_map.ipynb", "parameters": {"output_dir": "/etc"}},
            "unknown parameter 'output_dir'",
        ),
        ({"name": "m", "notebook": "09_nothing.ipynb"}, "not found; valid: 01_overview"),
        ({"name": "Map One", "notebook": "02_protest_city_map.ipynb"}, "lower-case slug"),
        ({"name": "a" * 300, "notebook": "02_protest_city_map.ipynb"}, "at most 64 characters"),
        ({"name": "m", "notebook": "02_protest_city_map.ipynb", "parameters": {"event_types": ["Picnic"]}}, "'Picnic'"),
        ({"name": "m", "notebook": "02_protest_city_map.ipynb", "parameters": {"event_types": []}}, "select nothing"),
        (
            {
                "name": "m",
                "notebook": "02_protest_city_map.ipynb",
                "parameters": {"start_date": "2022-01-09", "end_date": "2022-01-03"},
            },
            "after end_date",
        ),
        ({"name": "m", "notebook": "01_overview_timeline.ipynb", "extra": 1}, "unknown key"),
        ({"name": "m", "notebook": "01_overview_timeline.ipynb", "timeout": 0}, "timeout"),
    ],
)
def test_config_errors_name_file_run_and_problem(tmp_path: Path, run: dict, message: str) -> None:
    cfg = _write(tmp_path, [run])
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert message in str(err.value) and str(cfg) in str(err.value)


def test_unquoted_yaml_dates_are_accepted_and_timestamps_refused(tmp_path: Path) -> None:
    ok = _write(
        tmp_path,
        "runs:\n  - name: m\n    notebook: 02_protest_city_map.ipynb\n"
        "    parameters: {start_date: 2022-01-05, end_date: 2022-01-06}\n",
    )
    (spec,) = load_config(ok)
    assert spec.parameters == {"start_date": "2022-01-05", "end_date": "2022-01-06"}
    bad = _write(
        tmp_path,
        "runs:\n  - name: m\n    notebook: 02_protest_city_map.ipynb\n"
        "    parameters: {start_date: 2022-01-05 10:00:00}\n",
        "bad.yml",
    )
    with pytest.raises(ConfigError, match="without a time"):
        load_config(bad)


def test_a_bare_string_for_a_list_parameter_is_one_value(tmp_path: Path) -> None:
    cfg = _write(
        tmp_path, [{"name": "m", "notebook": "02_protest_city_map.ipynb", "parameters": {"event_types": "Riots"}}]
    )
    (spec,) = load_config(cfg)
    assert spec.parameters["event_types"] == "Riots"  # handed to papermill as typed; the notebook reads ["Riots"]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"runs:\n  - name: caf\xe9\n", "not UTF-8"),
        (b"runs: [\n", "cannot read config"),
        (b"- just a list\n", "non-empty 'runs' list"),
        (b"runs: []\n", "non-empty 'runs' list"),
        (b"runs:\n  - 5\n", "expected a mapping"),
    ],
)
def test_unreadable_configs_give_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    cfg = tmp_path / "c.yml"
    cfg.write_bytes(content)
    out = run_qantar("report", "--config", str(cfg), "--reports-dir", str(tmp_path / "r"))
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args,message",
    [
        (["--jobs", "0"], "must be 1 or more"),
        (["--jobs", "-1"], "must be 1 or more"),
        (["--jobs", "two"], "not a whole number"),
        (["--timeout", "0"], "must be 1 or more"),
        (["--only", "nope"], "unknown run"),
    ],
)
def test_bad_command_line_values_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    out = run_qantar("report", *args, "--reports-dir", str(tmp_path / "r"))
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "r").exists()


def test_only_with_a_corrupt_manifest_refuses_instead_of_dropping_runs(tmp_path: Path) -> None:
    from conftest import snapshot
    from qantar.report.publish import MARKER

    reports = tmp_path / "reports"
    (reports / "map").mkdir(parents=True)
    (reports / "map" / "index.html").write_text("map", encoding="utf-8")
    (reports / MARKER).write_text("{}", encoding="utf-8")
    (reports / "manifest.json").write_text("{not json", encoding="utf-8")
    before = snapshot(reports)
    out = run_qantar("report", "--only", "overview", "--reports-dir", str(reports))
    assert out.returncode == 2 and "manifest.json cannot be read" in out.stderr
    assert snapshot(reports) == before


@pytest.mark.parametrize(
    "text,message",
    [
        (
            "runs:\n  - name: m\n    notebook: 02_protest_city_map.ipynb\n    parameters: {start_date: 2022-02-30}\n",
            "day is out of range",
        ),
        (
            "runs:\n  - name: m\n    notebook: 02_protest_city_map.ipynb\n    parameters: {start_date: 0000-01-01}\n",
            "cannot read config",
        ),
        (
            "timeout: " + "9" * 5000 + "\nruns:\n  - name: m\n    notebook: 01_overview_timeline.ipynb\n",
            "cannot read config",
        ),
        ("runs: " + "[" * 3000 + "]" * 3000 + "\n", "cannot read config"),
        ('runs:\n  - name: m\n    notebook: "02\\u0000.ipynb"\n', "must be the file name"),
        ("runs:\n  - name: m\n    notebook: " + "a" * 300 + ".ipynb\n", "must be the file name"),
        ("runs:\n  - name: m\n    name: n\n    notebook: 01_overview_timeline.ipynb\n", "duplicate key 'name'"),
        ("runs:\n  - name: assets\n    notebook: 01_overview_timeline.ipynb\n", "other than assets, dataset"),
        ("runs:\n  - name: m\n    notebook: 05_explorer.ipynb\n", "interactive and publishes nothing"),
        (
            "runs:\n  - name: m\n    notebook: 01_overview_timeline.ipynb\n    parameters: []\n",
            "parameters must be a mapping",
        ),
        ("runs:\n  - name: m\n    notebook: 01_overview_timeline.ipynb\n    title: 0\n", "title must be text"),
        (
            "runs:\n  - name: m\n    notebook: 02_protest_city_map.ipynb\n"
            "    parameters: {start_date: '2020-01-01', end_date: '2024-12-31'}\n",
            "at most 92 days",
        ),
    ],
)
def test_strange_configs_are_refused_with_one_line(tmp_path: Path, text: str, message: str) -> None:
    cfg = tmp_path / "c.yml"
    cfg.write_text(text, encoding="utf-8")
    out = run_qantar("report", "--config", str(cfg), "--reports-dir", str(tmp_path / "r"))
    assert out.returncode == 2 and message in out.stderr and "internal error" not in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_relative_settings_reach_the_notebooks_as_absolute_paths(tmp_path: Path) -> None:
    """QANTAR_TEXTS_DIR=../shared/seeds (relative to the project) passes validate and every run."""
    import os

    from qantar import settings

    texts = os.environ.get(settings.TEXTS_ENV)
    if not texts:
        pytest.skip("source texts not configured (QANTAR_TEXTS_DIR)")
    relative = os.path.relpath(texts, settings.project_root())
    env = {**os.environ, settings.TEXTS_ENV: relative}
    out = subprocess.run(  # a process: the setting must reach the runner's kernels through the environment
        [sys.executable, "-m", "qantar.cli", "report", "--only", "overview", "--reports-dir", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        cwd=settings.project_root(),
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr


# --- YAML's own bombs: anchors and aliases, huge mappings -----------------------------------------------------------

_LEVELS = "".join(f"      - &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(4))
_BOMB = "\n      - &a [x,x,x,x,x,x,x,x,x,x]\n" + _LEVELS  # 10^5 values once expanded (a real bomb: 10^9)


@pytest.mark.parametrize(
    "text",
    [
        "runs:\n  - notebook: 01_overview_timeline.ipynb\n    name:" + _BOMB,
        "runs:\n  - name: m\n    notebook:" + _BOMB,
        "runs:\n  - name: m\n    notebook: 01_overview_timeline.ipynb\n    timeout:" + _BOMB,
        "runs:\n  - name: m\n    notebook: 01_overview_timeline.ipynb\n    title:" + _BOMB,
        "runs:\n  - name: m\n    notebook: 01_overview_timeline.ipynb\n    parameters:\n      cities:" + _BOMB,
        # aliases as mapping keys (the duplicate-key check compared every expanded key with every other)
        "x: &k ["
        + ",".join(["a"] * 50)
        + "]\nruns:\n  - {name: m, notebook: 01_overview_timeline.ipynb, "
        + ", ".join(f"? [*k, {i}] : 1" for i in range(200))
        + "}\n",
        # a lone anchor, and a merge key (which needs an alias)
        "runs:\n  - &r {name: m, notebook: 01_overview_timeline.ipynb}\n",
        "base: &b {notebook: 01_overview_timeline.ipynb}\nruns:\n  - {<<: *b, name: m}\n",
    ],
    ids=["name", "notebook", "timeout", "title", "parameter", "alias keys", "anchor", "merge key"],
)
@pytest.mark.serial  # times the refusal
def test_anchors_and_aliases_are_refused_before_anything_expands(tmp_path: Path, text: str) -> None:
    import time

    cfg = tmp_path / "c.yml"
    cfg.write_text(text, encoding="utf-8")
    started = time.monotonic()
    out = run_qantar("report", "--config", str(cfg), "--reports-dir", str(tmp_path / "r"))
    assert time.monotonic() - started < 5
    assert out.returncode == 2 and "anchors and aliases" in out.stderr and "line " in out.stderr, out.stderr[:500]
    assert len(out.stderr) < 400 and len(out.stderr.strip().splitlines()) == 1


def test_a_real_alias_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """Nine levels (10^9 values): refused in a process capped at 1.5 GB, in seconds (it hung and grew without bound)."""
    import resource

    levels = "".join(f"      - &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))
    cfg = tmp_path / "c.yml"
    cfg.write_text(
        "runs:\n  - notebook: 01_overview_timeline.ipynb\n    name:\n      - &a [x,x,x,x,x,x,x,x,x,x]\n" + levels,
        encoding="utf-8",
    )

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    out = subprocess.run(
        [sys.executable, "-m", "qantar.cli", "report", "--config", str(cfg), "--reports-dir", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=cap,
    )
    assert out.returncode == 2 and "anchors and aliases" in out.stderr, out.stderr[:500]


@pytest.mark.serial  # times the refusal
@pytest.mark.parametrize("what", ["keys", "runs", "list"])
def test_a_huge_config_is_refused_fast_with_a_short_message(tmp_path: Path, what: str) -> None:
    """60,000 keys took 40 s to refuse, and the message listed every one."""
    import time

    run = "  - name: m\n    notebook: 01_overview_timeline.ipynb\n"
    text = {
        "keys": "runs:\n" + run + "".join(f"k{i}: 1\n" for i in range(60_000)),
        "runs": "runs:\n"
        + "".join(f"  - name: m{i}\n    notebook: 01_overview_timeline.ipynb\n" for i in range(30_000)),
        "list": "runs:\n" + run + "    parameters:\n      cities: [" + ",".join(["a"] * 200_000) + "]\n",
    }[what]
    cfg = tmp_path / "c.yml"
    cfg.write_text(text, encoding="utf-8")
    started = time.monotonic()
    out = run_qantar("report", "--config", str(cfg), "--reports-dir", str(tmp_path / "r"))
    assert time.monotonic() - started < 3, "a huge config must be refused before it is parsed"
    assert out.returncode == 2 and "too large" in out.stderr, out.stderr[:500]
    assert len(out.stderr) < 400 and len(out.stderr.strip().splitlines()) == 1


def test_many_unknown_keys_are_listed_briefly(tmp_path: Path) -> None:
    run = "  - name: m\n    notebook: 01_overview_timeline.ipynb\n"
    cfg = _write(tmp_path, "runs:\n" + run + "".join(f"k{i}: 1\n" for i in range(500)))
    out = run_qantar("report", "--config", str(cfg), "--reports-dir", str(tmp_path / "r"))
    assert out.returncode == 2 and "unknown key(s)" in out.stderr and "500" in out.stderr, out.stderr[:500]
    assert len(out.stderr) < 400
