"""PlanContext: everything a rule may read or ask for while it plans its edits.

Rules share nothing but this: they read the analysis (`ctx.facts`, `ctx.paths`), record edits (`ctx.replace`,
`ctx.insert_after`; the first rule to claim a node owns it), declare command-line arguments (`ctx.args`),
record the job's contract (`ctx.contract`), ask for names and imports for the code they inject
(`ctx.require_import`, `ctx.helper`, `ctx.fresh_name`) and report what they could not do (`ctx.report`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import libcst as cst

from sm_migrate.transforms import catalog
from sm_migrate.transforms.commandline import CommandLine
from sm_migrate.transforms.commandline.helpers import HELPERS
from sm_migrate.transforms.contract import Diagnostic, HyperParameter, MigrationOptions
from sm_migrate.transforms.diagnostics import Message
from sm_migrate.transforms.edits import EditPlan
from sm_migrate.transforms.facts import ScriptFacts
from sm_migrate.transforms.names import unique_name
from sm_migrate.transforms.paths import ScriptPaths, classify_paths


@dataclass
class Contract:
    """What a SageMaker job of the migrated script takes: the hyperparameters lifted and the input channels."""

    hyperparameters: list[HyperParameter] = field(default_factory=list)
    channels: dict[str, str] = field(default_factory=dict)  # channel name -> local path to upload

    def hyperparameter(self, hyperparameter: HyperParameter) -> None:
        self.hyperparameters.append(hyperparameter)

    def lifted(self, name: str) -> HyperParameter | None:
        return next((hp for hp in self.hyperparameters if hp.name == name), None)

    def channel(self, name: str, source: str) -> None:
        self.channels[name] = source


class PlanContext:
    def __init__(self, facts: ScriptFacts, options: MigrationOptions) -> None:
        self.facts = facts
        self.options = options
        self.plan = EditPlan(facts.module, facts.parents)
        self.diagnostics: list[Diagnostic] = []
        self.contract = Contract()
        self.changed_by: list[str] = []  # the rules that recorded an edit, in order
        self.rule: str | None = None  # the rule planning now (the engine sets it)
        self._imports: set[tuple[str, str]] = set()  # (module, name) of the imports added
        self._fresh_imports: dict[str, str] = {}  # module -> the fresh name it is added under
        self._reused_imports: list[tuple[str, str, cst.CSTNode | None]] = []  # (module, script's name, use)
        self._names: dict[str, str] = {}  # role -> injected name
        self._helpers: set[str] = set()
        self._module_uses: list[cst.BaseStatement] = []
        self.args = CommandLine(self)

    @functools.cached_property
    def paths(self) -> ScriptPaths:
        """Every static path the script reads and writes (transforms/paths.py), computed once."""
        return classify_paths(self.facts)

    # --- edits -------------------------------------------------------------------------------------------
    def note_change(self) -> None:
        if self.rule is not None and self.rule not in self.changed_by:
            self.changed_by.append(self.rule)

    def claimed(self, node: cst.CSTNode) -> bool:
        return self.plan.claimed(node)

    def rewritten(self, node: cst.CSTNode) -> bool:
        """Does a rule replace or amend `node` (so that what it says now will not be in the output)?"""
        return self.plan.claimed(node) or node in self.plan.amendments

    def replace(self, original: cst.CSTNode, new: cst.CSTNode) -> bool:
        """Replace `original` unless another rule claimed it first (then False, and nothing changes)."""
        done = self.plan.replace(original, new, by=self.rule or "command line")
        if done:
            self.note_change()
        return done

    def remove(self, statement: cst.BaseStatement) -> bool:
        """Drop a statement that is followed by another in its block (the comments above it stay, on that one)."""
        return self.replace(statement, cst.RemovalSentinel.REMOVE)

    def amend(self, original: cst.CSTNode, change) -> None:
        """Change `original` once the edits of other rules inside it are applied (`change(rebuilt node)`)."""
        self.plan.amend(original, change)
        self.note_change()

    def insert_before(self, statement: cst.CSTNode, new: list[cst.BaseStatement], first: bool = False) -> None:
        self.plan.add_before(statement, new, first)
        self.note_module_use(statement)
        self.note_change()

    def insert_after(self, statement: cst.CSTNode, new: list[cst.BaseStatement]) -> None:
        self.plan.add_after(statement, new)
        self.note_module_use(statement)
        self.note_change()

    def note_module_use(self, node: cst.CSTNode) -> None:
        """Remember a module-level statement that will use injected names: the preamble must precede it."""
        statement = self.facts.statement_in_body(node)
        if statement in self.facts.module.body:
            self._module_uses.append(statement)

    def first_module_use(self) -> int:
        """Index in the module body of the first statement that uses injected names (the body's length if none)."""
        body = list(self.facts.module.body)
        return min((body.index(s) for s in self._module_uses if s in body), default=len(body))

    # --- names for injected code -------------------------------------------------------------------------
    def require_import(self, module: str, preferred: str | None = None, at: cst.CSTNode | None = None) -> str:
        """The name new code uses for `module` at `at`, the node of the script the code replaces or follows (None:
        the preamble, or code after it).

        The script's own `import module [as name]` counts where that name means nothing else at module level and
        no local binding shadows it at `at`. Should it run only after the point of use (`import os` below the
        code that needs it), the same import is also added at the top: harmless, as the name only ever holds that
        module. Otherwise an import is added, once, under a name nothing in the script uses (`os`, or `_os`)."""
        name = self._script_imports.get(module)
        if name is not None and (at is None or self.facts.visible_from(
                self.facts.scopes.get(at, self.facts.global_scope), name, self.facts.global_scope)):
            self._reused_imports.append((module, name, at))
            return name
        if module not in self._fresh_imports:
            self._fresh_imports[module] = self.fresh_name(module, preferred or module, f"_{preferred or module}")
            self._imports.add((module, self._fresh_imports[module]))
        return self._fresh_imports[module]

    @functools.cached_property
    def _script_imports(self) -> dict[str, str]:
        """module -> the name a module-level `import module [as name]` binds, where every module-level binding
        of that name is an import of that module (`import os` and `os = ...` both at module level: none)."""
        facts, found = self.facts, {}
        for name, assignments in facts.global_scope.assignments.items():
            # `import tensorflow.compat.v2 as tf` is tensorflow too (catalog.canonical_name)
            modules = {a.imported and catalog.canonical_name(a.imported) for a in assignments}
            if len(modules) != 1 or None in modules or not any(
                    self._top_level(a.node) is facts.parents.get(a.node) for a in assignments):
                continue
            module = modules.pop()
            if facts.module_imports.get(module) == name or module not in found:
                found[module] = name
        return found

    def _top_level(self, node: cst.CSTNode) -> cst.CSTNode:
        """The statement of the module's own body that contains `node`."""
        parents, module = self.facts.parents, self.facts.module
        while parents.get(node) is not module:
            node = parents[node]
        return node

    def _imports_needed_above(self) -> None:
        """The script's imports that new code reuses but that only run after it: added again at the top."""
        body = {statement: index for index, statement in enumerate(self.facts.module.body)}
        preamble_limit = self.first_module_use()
        for module, name, at in self._reused_imports:
            limit = preamble_limit if at is None else body[self._top_level(at)]
            imported_at = min(body[self._top_level(a.node)] for a in self.facts.global_scope.assignments[name]
                              if self._top_level(a.node) is self.facts.parents.get(a.node))
            if imported_at >= limit:
                self._imports.add((module, name))

    def fresh_name(self, role: str, *candidates: str) -> str:
        """A name for injected code that no scope of the script binds or reads, so nothing shadows it."""
        if role not in self._names:
            taken = self.facts.all_names | set(self._names.values())
            self._names[role] = unique_name(candidates, taken)
        return self._names[role]

    def helper(self, kind: str) -> str:
        """The name of helper function `kind` (commandline/helpers.py), added to the script once."""
        self._helpers.add(kind)
        return self.fresh_name(kind, *HELPERS[kind].names)

    def helper_name(self, kind: str) -> str | None:
        return self._names[kind] if kind in self._helpers else None

    # --- diagnostics -------------------------------------------------------------------------------------
    def report(self, node: cst.CSTNode, message: Message, **fields) -> None:
        line, col = self.facts.position(node)
        self.diagnostics.append(message.at(line, col, **fields))

    # --- the end -----------------------------------------------------------------------------------------
    def apply(self) -> cst.Module:
        self._imports_needed_above()
        if self._imports:
            self.plan.add_imports(self._imports)
        return self.plan.apply()
