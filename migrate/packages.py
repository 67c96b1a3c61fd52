"""Find which modules of a script's own package train: the files behind its imports (transforms/package.py
lists them), looked up next to the script and in the folders above it, as Python would find them when the
package is run (`python -m trainer.task` from the folder holding `trainer/`)."""

from __future__ import annotations

import os

from sm_migrate.files import SourceError, decode_source
from sm_migrate.transforms.engine import trains_itself
from sm_migrate.transforms.package import ModuleImport

PACKAGE_DEPTH = 3  # folders above the script an absolute import of its package may start from

_trains_cache: dict[tuple[str, int, int], bool] = {}


def training_modules(script: str, imports: list[ModuleImport]) -> tuple[str, ...]:
    """The imports of `script` that are files of its package which train, as the script spells them."""
    found = []
    for imported in imports:
        for spelling, path in _candidate_files(os.path.dirname(os.path.abspath(script)), imported):
            if os.path.realpath(path) != os.path.realpath(script) and _trains(path) and spelling not in found:
                found.append(spelling)
    return tuple(found)


def _candidate_files(folder: str, imported: ModuleImport):
    """(the module as the script names it, its file) for each module the import may load that exists."""
    if imported.level:
        bases = [folder]
        for _ in range(imported.level - 1):
            bases = [os.path.dirname(bases[0])]
    else:
        bases, current = [], folder
        for _ in range(PACKAGE_DEPTH + 1):
            bases.append(current)
            current = os.path.dirname(current)
    dots = "." * imported.level
    modules = [imported.module] if imported.module else []
    modules += [f"{imported.module}.{name}" if imported.module else name for name in imported.names]
    for base in bases:
        for module in modules:
            relative = os.path.join(*module.split("."))
            for path in (os.path.join(base, relative + ".py"), os.path.join(base, relative, "__init__.py")):
                if os.path.isfile(path):
                    yield dots + module, path


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
