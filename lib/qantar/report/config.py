"""Report config: read a YAML run list and check every run against its notebook's parameter spec.

Nothing runs until the whole config passes: run names are slugs, notebooks resolve inside
``notebooks/`` and have a spec, and every parameter value is plain data valid for its notebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qantar import settings
from qantar.params import SPECS, ParameterError, check_config, spec
from qantar.problems import QantarError

if TYPE_CHECKING:  # pragma: no cover
    from qantar.dataset import Dataset

_NAME = re.compile(rf"[a-z0-9][a-z0-9_-]{{0,{settings.RUN_NAME_MAX - 1}}}")
_NOTEBOOK = re.compile(r"[0-9]{2}_[a-z0-9_]{1,60}\.ipynb")
_KEYS = ("name", "notebook", "parameters", "title", "timeout")
RESERVED = ("assets", "dataset")  # folders of the set itself


def _loader() -> type:
    """A YAML SafeLoader that refuses duplicate keys (YAML would silently keep the last one)."""
    import yaml

    class StrictLoader(yaml.SafeLoader):
        pass

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
        keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
        dup = next((k for i, k in enumerate(keys) if k in keys[:i]), None)
        if dup is not None:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {dup!r}", node.start_mark)
        return loader.construct_mapping(node, deep=True)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return StrictLoader


class ConfigError(QantarError, ValueError):
    """The report config is malformed; the message names the file, the run and the problem."""

    exit_code = 2


@dataclass(frozen=True)
class RunSpec:
    """One notebook run: a unique name, the notebook file, its checked parameters, a title and a cell timeout."""

    name: str
    notebook: str
    parameters: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    timeout: int = settings.CELL_TIMEOUT_S


def _timeout(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 24 * 3600:
        raise ConfigError(f"{where}: timeout {value!r} must be a whole number of seconds from 1 to 86400")
    return value


def load_config(
    path: str | Path, ds: "Dataset | None" = None, notebooks_dir: Path | None = None, timeout: int | None = None
) -> list[RunSpec]:
    """Read and check a report config; raise ConfigError naming file, run and problem.

    ``ds`` is the dataset the parameter choices come from (loaded when not given); ``timeout``
    overrides every run's cell timeout (the command line's ``--timeout``).
    """
    import yaml

    path = Path(path)
    nb_dir = (notebooks_dir or settings.notebooks_dir()).resolve()
    if path.exists() and not path.is_file():
        raise ConfigError(f"{path}: not a regular file")
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 (byte 0x{exc.object[exc.start : exc.start + 1].hex().upper()} "
            f"at offset {exc.start}); save the config as UTF-8"
        ) from None
    except (OSError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"{path}: cannot read config: {first}") from None
    except (ValueError, RecursionError, OverflowError) as exc:  # impossible dates, huge numbers, deep nesting
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"{path}: cannot read config: {first[:200]}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("runs"), list) or not raw["runs"]:
        raise ConfigError(f"{path}: expected a mapping with a non-empty 'runs' list")
    unknown_top = set(raw) - {"runs", "timeout"}
    if unknown_top:
        raise ConfigError(f"{path}: unknown key(s) {sorted(map(str, unknown_top))}; valid: runs, timeout")
    default_timeout = _timeout(raw["timeout"], str(path)) if "timeout" in raw else settings.CELL_TIMEOUT_S
    if ds is None:
        from qantar.dataset import load

        ds = load()
    specs: list[RunSpec] = []
    seen: set[str] = set()
    for i, item in enumerate(raw["runs"], start=1):
        where = f"{path}, run {i}"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: expected a mapping with name, notebook and parameters")
        unknown_keys = set(item) - set(_KEYS)
        if unknown_keys:
            raise ConfigError(f"{where}: unknown key(s) {sorted(map(str, unknown_keys))}; valid: {', '.join(_KEYS)}")
        name, notebook = item.get("name"), item.get("notebook")
        if not isinstance(name, str) or not _NAME.fullmatch(name) or name in RESERVED:
            shown = name if not isinstance(name, str) or len(name) < 70 else name[:67] + "..."
            raise ConfigError(
                f"{where}: name {shown!r} must be a lower-case slug (a-z, 0-9, _ or -) "
                f"of at most {settings.RUN_NAME_MAX} characters, other than {', '.join(RESERVED)}"
            )
        where = f"{where} ({name})"
        if name in seen:
            raise ConfigError(f"{where}: duplicate run name {name!r}")
        seen.add(name)
        valid = ", ".join(f"{stem}.ipynb" for stem in SPECS if (nb_dir / f"{stem}.ipynb").is_file())
        valid_reports = ", ".join(
            f"{stem}.ipynb"
            for stem, ps in SPECS.items()
            if any(p.name == "output_dir" for p in ps) and (nb_dir / f"{stem}.ipynb").is_file()
        )
        if not isinstance(notebook, str) or not _NOTEBOOK.fullmatch(notebook):
            shown = notebook if not isinstance(notebook, str) or len(notebook) < 70 else notebook[:67] + "..."
            raise ConfigError(
                f"{where}: notebook {shown!r} must be the file name of a notebook in {nb_dir}; valid: {valid}"
            )
        nb_path = (nb_dir / notebook).resolve()
        if nb_path.parent != nb_dir or not nb_path.is_file() or nb_path.stem not in SPECS:
            raise ConfigError(f"{where}: notebook {notebook!r} not found; valid: {valid}")
        if not any(p.name == "output_dir" for p in spec(nb_path.stem)):
            raise ConfigError(
                f"{where}: {notebook} is interactive and publishes nothing; report runs use: {valid_reports}"
            )
        params = item.get("parameters")
        params = {} if params is None else params
        if not isinstance(params, dict):
            raise ConfigError(f"{where}: parameters must be a mapping of name: value")
        try:
            plain = check_config(notebook, params, ds)
        except ParameterError as exc:
            raise ConfigError(f"{where}: {exc}") from None
        run_timeout = _timeout(item["timeout"], where) if "timeout" in item else default_timeout
        title = name if item.get("title") is None else item.get("title")
        if not isinstance(title, str) or not title.strip() or len(title) > 200:
            raise ConfigError(f"{where}: title must be text of at most 200 characters")
        specs.append(RunSpec(name, notebook, plain, title, timeout if timeout is not None else run_timeout))
    return specs
