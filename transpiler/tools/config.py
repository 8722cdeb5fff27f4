"""`[tool.agx]` in pyproject.toml: found from the inputs' directory upwards, read by every command.

    [tool.agx]
    target = "tf2"                       # convert: tf2 | tf1
    functions = "decorated"              # convert, explain, lint: decorated | all | [names]
    select = ["AGX4"]                    # lint: codes or prefixes to report
    ignore = ["AGX405"]                  # lint: codes or prefixes to leave out
    exclude = ["build/", "legacy/*.py"]  # convert, lint, golden: skipped when walking a directory
    line-length = 100                    # explain: width of the report's wrapped prose
    per-file-ignores = { "tests/*" = ["AGX401"] }   # lint

The nearest pyproject.toml with a `[tool.agx]` table wins (the search stops at the repository
root, the directory holding `.git`); `--config FILE` names one instead. CLI flags override it.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path
from typing import Dict, List, Optional, Sequence

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

KEYS = ("target", "functions", "select", "ignore", "exclude", "line-length", "per-file-ignores")
TARGETS = ("tf2", "tf1")


class ConfigError(ValueError):
    """A configuration file that cannot be read or holds an invalid value (a usage error)."""


@dataclasses.dataclass
class Config:
    path: Optional[Path] = None          # the file read, None when there is none
    target: Optional[str] = None
    functions: Optional[str] = None      # the CLI's spelling: decorated | all | a,B.m
    select: Optional[List[str]] = None
    ignore: Optional[List[str]] = None
    exclude: List[str] = dataclasses.field(default_factory=list)
    line_length: Optional[int] = None
    per_file_ignores: Dict[str, List[str]] = dataclasses.field(default_factory=dict)

    @property
    def base(self) -> Optional[str]:
        """The directory relative paths in the file are relative to."""
        return str(self.path.parent) if self.path else None

    def pick(self, flag, key: str, default):
        """The CLI flag when given, else this file's value, else the default."""
        if flag is not None:
            return flag
        value = getattr(self, key)
        return default if value is None else value


def _start(paths: Sequence[str]) -> Path:
    dirs = []
    for p in paths or ["."]:
        if p == "-" or not p:
            dirs.append(os.getcwd())
            continue
        p = os.path.abspath(p.split("::")[0])
        dirs.append(p if os.path.isdir(p) else os.path.dirname(p))
    try:
        return Path(os.path.commonpath(dirs))
    except ValueError:  # different drives
        return Path(dirs[0])


def find(paths: Sequence[str]) -> Optional[Path]:
    """The nearest pyproject.toml with a [tool.agx] table above the inputs, or None."""
    here = _start(paths)
    for d in [here, *here.parents]:
        candidate = d / "pyproject.toml"
        if candidate.is_file() and "agx" in _read(candidate).get("tool", {}):
            return candidate
        if (d / ".git").exists():
            return None
    return None


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _strings(value, key: str, path) -> List[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: [tool.agx] {key} must be a list of strings")
    return list(value)


def parse(table: dict, path: Optional[Path]) -> Config:
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown key{'s' if len(unknown) > 1 else ''} in [tool.agx]: "
                          f"{', '.join(unknown)} (known: {', '.join(KEYS)})")
    cfg = Config(path)
    if "target" in table:
        if table["target"] not in TARGETS:
            raise ConfigError(f"{path}: [tool.agx] target must be tf2 or tf1, not {table['target']!r}")
        cfg.target = table["target"]
    if "functions" in table:
        cfg.functions = ",".join(_strings(table["functions"], "functions", path))
    for key in ("select", "ignore", "exclude"):
        if key in table:
            setattr(cfg, key, _strings(table[key], key, path))
    if "line-length" in table:
        width = table["line-length"]
        if not isinstance(width, int) or isinstance(width, bool) or width < 20:
            raise ConfigError(f"{path}: [tool.agx] line-length must be an integer >= 20")
        cfg.line_length = width
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{path}: [tool.agx] per-file-ignores must be a table of glob = [codes]")
    cfg.per_file_ignores = {k: _strings(v, f"per-file-ignores.{k}", path) for k, v in pfi.items()}
    return cfg


def load(paths: Sequence[str] = (), config_file: Optional[str] = None) -> Config:
    """The configuration for these inputs (an empty Config when there is no file)."""
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{config_file}: no such configuration file")
        data = _read(path)
        return parse(data.get("tool", {}).get("agx", {}), path)
    path = find(paths)
    if path is None:
        return Config()
    return parse(_read(path)["tool"]["agx"], path)


def load_or_exit(paths: Sequence[str] = (), config_file: Optional[str] = None) -> Config:
    """`load`, or the message and exit status 2 for a bad file (for the CLI)."""
    try:
        return load(paths, config_file)
    except ConfigError as exc:
        import click
        click.echo(f"agx: {exc}", err=True)
        raise SystemExit(2)


@contextlib.contextmanager
def line_length(width: Optional[int]):
    """`agx explain` wraps its prose at `width` (its own default when None) inside the block."""
    from ..explain import text
    old = text.WIDTH
    text.WIDTH = width or old
    try:
        yield
    finally:
        text.WIDTH = old


def excluded(path: str, cfg: Config) -> bool:
    from ..lint.select import matches
    return any(matches(path, pattern, cfg.base) for pattern in cfg.exclude)


def filter_inputs(inputs, cfg: Config):
    """Drop files found by walking a directory that an `exclude` pattern matches (files named
    on the command line are kept, as black and ruff do)."""
    if not cfg.exclude:
        return inputs
    return [(p, root) for p, root in inputs if root is None or not excluded(p, cfg)]
