"""Find which modules of a script's own package train: the files behind its imports (transforms/package.py
lists them), looked up next to the script and in the folders above it, as Python would find them when the
package is run (`python -m trainer.task` from the folder holding `trainer/`)."""

from __future__ import annotations

import os

from sm_migrate.discovery import module_files
from sm_migrate.files import SourceError, decode_source
from sm_migrate.transforms.engine import trains_itself
from sm_migrate.transforms.package import ModuleImport

_trains_cache: dict[tuple[str, int, int], bool] = {}


def training_modules(script: str, imports: list[ModuleImport]) -> tuple[str, ...]:
    """The imports of `script` that are files of its package which train, as the script spells them."""
    found, folder = [], os.path.dirname(os.path.abspath(script))
    for imported in imports:
        for spelling, path in module_files(folder, imported.level, imported.module, imported.names):
            if os.path.realpath(path) != os.path.realpath(script) and _trains(path) and spelling not in found:
                found.append(spelling)
    return tuple(found)


def _trains(path: str) -> bool:
    try:
        stat = os.stat(path)
        key = (os.path.realpath(path), stat.st_mtime_ns, stat.st_size)
        if key not in _trains_cache:
            with open(path, "rb") as handle:
                _trains_cache[key] = trains_itself(decode_source(handle.read()).text)
        return _trains_cache[key]
    except (OSError, SourceError):
        return False
