"""`[tool.sm-migrate]` in the nearest pyproject.toml: project defaults for every CLI option.

Keys are the long option names (`framework-version`, `exclude`, `jobs`, ...; `_` and `-` both accepted), plus
any field of `MigrationOptions` (e.g. `local-model-dir`), which is passed to the engine as is. Options given on
the command line override the file. An unknown key or a wrongly typed value is a usage error (exit 2).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from sm_migrate.transforms.contract import MigrationOptions

# CLI settings that may come from the file, with the TOML type each must have.
CLI_KEYS: dict[str, type | tuple[type, ...]] = {
    "include": list,
    "exclude": list,
    "extend_exclude": list,
    "respect_gitignore": bool,
    "force_exclude": bool,
    "jobs": int,
    "timeout": (int, float),
    "emit": list,
    "pin": bool,
    "py_version": str,
    "launcher_sdk": str,
    "entrypoint_name": str,
    "launcher_name": str,
    "notebook_markdown": bool,
}
# The smallest value a number setting takes, as its command-line option says (`-j 0` is refused there too).
CLI_MINIMUMS = {"jobs": 1, "timeout": 0.001}
ENGINE_DEFAULTS = {f.name: getattr(MigrationOptions(), f.name) for f in dataclasses.fields(MigrationOptions)}
ENGINE_KEYS = frozenset(ENGINE_DEFAULTS)


class ConfigError(Exception):
    """A pyproject.toml that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class ProjectConfig:
    path: str | None = None  # the pyproject.toml read, if any
    cli: dict[str, Any] = field(default_factory=dict)  # CLI_KEYS present in the file
    engine: dict[str, Any] = field(default_factory=dict)  # MigrationOptions fields present in the file


def find_pyproject(start: str) -> str | None:
    """The nearest pyproject.toml at or above `start` (a file or directory)."""
    current = os.path.abspath(start)
    if not os.path.isdir(current):
        current = os.path.dirname(current)
    while True:
        candidate = os.path.join(current, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def load_config(paths: Sequence[str]) -> ProjectConfig:
    """Read `[tool.sm-migrate]` from the pyproject.toml nearest to the first path (or the working directory)."""
    start = next((p for p in paths if p != "-"), os.getcwd())
    pyproject = find_pyproject(start)
    if pyproject is None:
        return ProjectConfig()
    try:
        with open(pyproject, "rb") as handle:
            document = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: cannot read: {exc}") from None
    section = document.get("tool", {}).get("sm-migrate", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{pyproject}: [tool.sm-migrate] must be a table")
    cli, engine = {}, {}
    for raw_key, value in section.items():
        key = raw_key.replace("-", "_")
        if key in CLI_KEYS:
            expected = CLI_KEYS[key]
            if not isinstance(value, expected) or isinstance(value, bool) and expected is not bool:
                names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
                raise ConfigError(f"{pyproject}: [tool.sm-migrate] {raw_key}: must be a {names}, not "
                                  f"{type(value).__name__}")
            if key in CLI_MINIMUMS and value < CLI_MINIMUMS[key]:
                raise ConfigError(f"{pyproject}: [tool.sm-migrate] {raw_key}: must be at least {CLI_MINIMUMS[key]}")
            if expected is list and not all(isinstance(item, str) for item in value):
                raise ConfigError(f"{pyproject}: [tool.sm-migrate] {raw_key}: must be a list of strings")
            cli[key] = value
        elif key in ENGINE_KEYS:
            expected = type(ENGINE_DEFAULTS[key])
            if expected in (str, int, float, bool) and type(value) is not expected:
                raise ConfigError(f"{pyproject}: [tool.sm-migrate] {raw_key}: must be a {expected.__name__}")
            if expected is dict and not (isinstance(value, dict) and all(
                    isinstance(k, str) and isinstance(v, str) for k, v in value.items())):
                raise ConfigError(f"{pyproject}: [tool.sm-migrate] {raw_key}: must be a table of strings")
            if key == "export_model" and not isinstance(value, str):
                raise ConfigError(f"{pyproject}: [tool.sm-migrate] {raw_key}: must be a str")
            engine[key] = value
        else:
            known = ", ".join(sorted(k.replace("_", "-") for k in (*CLI_KEYS, *ENGINE_KEYS)))
            raise ConfigError(f"{pyproject}: [tool.sm-migrate] unknown key {raw_key!r} (known: {known})")
    return ProjectConfig(pyproject, cli, engine)
