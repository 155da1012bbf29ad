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

RUN_NAME = re.compile(rf"[a-z0-9][a-z0-9_-]{{0,{settings.RUN_NAME_MAX - 1}}}")
_NOTEBOOK = re.compile(r"[0-9]{2}_[a-z0-9_]{1,60}\.ipynb")
_KEYS = ("name", "notebook", "parameters", "title", "timeout")
RESERVED = ("assets", "dataset")  # folders of the set itself


# A report config is a short run list (the shipped one is under 2 kB and 100 values). Bounds far above any real
# one refuse a huge or hostile file before anything is built from it.
MAX_CONFIG_BYTES = 256 * 1024
MAX_CONFIG_NODES = 5_000  # scalars, lists and mappings
MAX_CONFIG_DEPTH = 32


def _loader() -> type:
    """A YAML SafeLoader that refuses duplicate keys (YAML would silently keep the last one)."""
    import yaml

    class StrictLoader(yaml.SafeLoader):
        pass

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # a list or mapping as a key
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain value (text or a number)", key_node.start_mark
                ) from None
            if duplicate:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", node.start_mark)
        return loader.construct_mapping(node, deep=True)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return StrictLoader


def _check_shape(text: str, path: Path) -> None:
    """Refuse anchors, aliases, and configs too large or too deep, from YAML's events (nothing is expanded yet).

    An alias repeats a value by reference, so a few hundred bytes of nested aliases expand to 10^9 values the
    moment anything walks or prints them ("billion laughs"); a run list never needs one.
    """
    import yaml

    if len(text) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: too large ({len(text):,} characters; a config holds at most {MAX_CONFIG_BYTES:,})")
    nodes = depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            line = event.start_mark.line + 1
            raise ConfigError(
                f"{path}, line {line}: YAML anchors and aliases (&name, *name, <<) are not allowed in a report "
                "config; write each value out"
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            nodes += 1
            if nodes > MAX_CONFIG_NODES:
                raise ConfigError(f"{path}: too large (over {MAX_CONFIG_NODES:,} values; a run list needs far fewer)")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_CONFIG_DEPTH:
                line = event.start_mark.line + 1
                raise ConfigError(f"{path}, line {line}: cannot read config: nested deeper than {MAX_CONFIG_DEPTH}")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _shown(value: Any) -> str:
    """A value's repr for a message, cut to 70 characters."""
    text = repr(value)
    return text if len(text) <= 70 else text[:67] + "..."


def _names(keys: set[Any]) -> str:
    """Up to ten key names for a message, with how many there are in all."""
    shown = sorted(str(k)[:40] for k in keys)
    more = f" and {len(shown) - 10} more ({len(shown)} in all)" if len(shown) > 10 else ""
    return str(shown[:10]) + more


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
        if path.is_file() and path.stat().st_size > 4 * MAX_CONFIG_BYTES:  # not even read into memory
            raise ConfigError(f"{path}: too large ({path.stat().st_size:,} bytes; a config holds at most 256 kB)")
        text = path.read_text(encoding="utf-8")
        _check_shape(text, path)
        raw = yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except ConfigError:
        raise
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
        raise ConfigError(f"{path}: unknown key(s) {_names(unknown_top)}; valid: runs, timeout")
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
            raise ConfigError(f"{where}: unknown key(s) {_names(unknown_keys)}; valid: {', '.join(_KEYS)}")
        name, notebook = item.get("name"), item.get("notebook")
        if not isinstance(name, str) or not RUN_NAME.fullmatch(name) or name in RESERVED:
            raise ConfigError(
                f"{where}: name {_shown(name)} must be a lower-case slug (a-z, 0-9, _ or -) "
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
            raise ConfigError(
                f"{where}: notebook {_shown(notebook)} must be the file name of a notebook in {nb_dir}; valid: {valid}"
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
