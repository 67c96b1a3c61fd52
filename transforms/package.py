"""The modules of the script's own package it imports (`from . import model`, `from trainer import model`).

A script that trains nothing itself but parses the command line and imports a module of its package that trains
is that package's entry point (a `trainer/task.py` that calls `model.train_and_evaluate(args)`): SageMaker runs
it, so its command line must take SageMaker's arguments too. Which of these modules train is for the caller to
tell, which sees the files (`MigrationOptions.trained_in`); this module only lists the candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from sm_migrate.transforms import catalog
from sm_migrate.transforms.facts import ScriptFacts
from sm_migrate.transforms.scopes import dotted_name


@dataclass(frozen=True)
class ModuleImport:
    level: int  # the leading dots of a relative import; 0 for an absolute one
    module: str  # "trainer.model"; "" for `from . import model`
    names: tuple[str, ...] = ()  # `from trainer import model, util`: each may be a module of the package


def package_imports(facts: ScriptFacts) -> list[ModuleImport]:
    """Every import that may name a module of the script's own package: relative ones, and absolute ones of
    packages that are neither the standard library's nor a known library's."""
    found = []
    for node in facts.structure.imports:
        if isinstance(node, cst.Import):
            found.extend(ModuleImport(0, dotted_name(alias.name)) for alias in node.names)
        elif isinstance(node, cst.ImportFrom):
            names = () if isinstance(node.names, cst.ImportStar) else \
                tuple(dotted_name(alias.name) for alias in node.names)
            module = dotted_name(node.module) if node.module is not None else ""
            found.append(ModuleImport(len(node.relative), module, names))
    return [imported for imported in found if imported.level or not catalog.is_library_module(imported.module)]
