"""The edit plan the transforms fill in, and the one transformer that applies it.

Transforms never rebuild the tree themselves: they record what to replace and what to insert, keyed by the
original nodes that ScriptFacts saw. Applying everything in one traversal keeps node identity valid for all of
them (libcst hands `leave_*` the original node next to the updated one).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field

import libcst as cst

from sm_migrate.report import Diagnostic
from sm_migrate.results import MigrationOptions
from sm_migrate.transforms import catalog
from sm_migrate.transforms.facts import ScriptFacts
from sm_migrate.transforms.positions import field_names


MAX_LINE = 99


def quote(text: str) -> str:
    """A double-quoted Python string literal (the style most scripts and formatters use)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class ArgumentSpec:
    """One `parser.add_argument(...)` the migration needs."""

    dest: str
    flags: tuple[str, ...]
    type_code: str | None  # "int", "float", "str", the bool converter's name, or None
    default_code: str
    help: str
    order: int = 0  # where it goes in the parser: hyperparameters (0), channels (1), then the SageMaker dirs

    def render(self, parser_name: str) -> str:
        flags = ", ".join(f'"{flag}"' for flag in self.flags)
        parts = [flags]
        if self.flags[0].lstrip("-").replace("-", "_") != self.dest:
            parts.append(f'dest="{self.dest}"')
        if self.type_code:
            parts.append(f"type={self.type_code}")
        parts.append(f"default={self.default_code}")
        parts.append(f"help={quote(self.help)}")
        opening = f"{parser_name}.add_argument("
        one_line = f"{opening}{', '.join(parts)})"
        if len(one_line) <= MAX_LINE:
            return one_line
        first = f"{opening}{', '.join(parts[:-1])},"
        if len(first) <= MAX_LINE:  # the classic argparse layout: help on a continuation line
            return f"{first}\n{' ' * len(opening)}{parts[-1]})"
        return f"{opening}\n" + "".join(f"    {part},\n" for part in parts) + ")"


def literal_value(expr: cst.BaseExpression):
    """(value, type name) of a simple literal, else None."""
    if isinstance(expr, cst.Integer):
        return expr.evaluated_value, "int"
    if isinstance(expr, cst.Float):
        return expr.evaluated_value, "float"
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        inner = literal_value(expr.expression)
        if inner and inner[1] in ("int", "float"):
            return -inner[0], inner[1]
    if isinstance(expr, cst.Name) and expr.value in ("True", "False"):
        return expr.value == "True", "bool"
    if isinstance(expr, cst.SimpleString) and "b" not in expr.prefix.lower():
        value = expr.evaluated_value
        if isinstance(value, str) and not catalog.looks_like_path(value):
            return value, "str"
    return None


def flags_for(name: str, *aliases: str) -> tuple[str, ...]:
    """`--batch_size` and `--batch-size` (SageMaker passes the key as the user spelled it)."""
    flags: list[str] = []
    for spelling in (name, *aliases):
        for flag in (f"--{spelling}", f"--{spelling.replace('_', '-')}"):
            if flag not in flags:
                flags.append(flag)
    return tuple(flags)


@dataclass
class EditPlan:
    facts: ScriptFacts
    options: MigrationOptions
    replacements: dict = field(default_factory=dict)  # original node -> new node
    insert_before: dict = field(default_factory=dict)  # original statement -> [new statements]
    insert_after: dict = field(default_factory=dict)
    arguments: list[ArgumentSpec] = field(default_factory=list)
    helpers: set = field(default_factory=set)  # helper functions the new code calls ("str_to_bool", "sm_path")
    imports: dict = field(default_factory=dict)  # module -> name to import it as ("os" -> "os", "tensorflow" -> "tf")
    diagnostics: list[Diagnostic] = field(default_factory=list)
    transforms: list[str] = field(default_factory=list)
    names: dict = field(default_factory=dict)  # role -> injected name ("args" -> "args", "tf" -> "tf", ...)
    module_uses: list = field(default_factory=list)  # module-level statements that use injected names
    target: object = None  # where arguments go: transforms.arguments.ArgumentTarget, set before any transform
    model_dir_default: str = "None"  # --model_dir's local default: the estimator's own model_dir, if any

    # --- recording ---------------------------------------------------------------------------------------
    def replace(self, original: cst.CSTNode, new: cst.CSTNode) -> None:
        self.replacements[original] = new

    def add_before(self, statement: cst.CSTNode, new: list[cst.BaseStatement]) -> None:
        self.insert_before.setdefault(statement, []).extend(new)
        self.note_module_use(statement)

    def add_after(self, statement: cst.CSTNode, new: list[cst.BaseStatement]) -> None:
        self.insert_after.setdefault(statement, []).extend(new)
        self.note_module_use(statement)

    def note_module_use(self, node: cst.CSTNode) -> None:
        """Remember a module-level statement that will use injected names: the preamble must precede it."""
        statement = self.facts.statement_in_body(node)
        if statement in self.facts.module.body:
            self.module_uses.append(statement)

    def add_argument(self, spec: ArgumentSpec) -> None:
        if all(existing.dest != spec.dest for existing in self.arguments):
            self.arguments.append(spec)

    def warn(self, node: cst.CSTNode, code: str, message: str) -> None:
        line, col = self.facts.position(node)
        self.diagnostics.append(Diagnostic(line, col, code, message))

    def module(self, module: str, preferred: str | None = None) -> str:
        """The name new code uses for `module`: the script's own import of it, else one added (once) under a
        name nothing in the script uses (`os`, or `_os` where the script binds `os` to something else)."""
        if module in self.facts.module_imports:
            return self.facts.module_imports[module]
        if module not in self.imports:
            self.imports[module] = self.fresh_name(module, preferred or module, f"_{preferred or module}")
        return self.imports[module]

    def fresh_name(self, role: str, *candidates: str) -> str:
        """A name for injected code that no scope of the script binds or reads, so nothing shadows it."""
        if role in self.names:
            return self.names[role]
        taken = self.facts.all_names | set(self.names.values())
        for candidate in candidates:
            if candidate not in taken:
                self.names[role] = candidate
                return candidate
        index = 2
        while f"{candidates[-1]}_{index}" in taken:
            index += 1
        self.names[role] = f"{candidates[-1]}_{index}"
        return self.names[role]

    # --- applying ----------------------------------------------------------------------------------------
    def apply(self) -> cst.Module:
        if self.imports:
            self._insert_imports()
        return _EditApplier(self).rebuild(self.facts.module)

    def _insert_imports(self) -> None:
        """`import os` etc. after the script's leading imports (after its docstring and `__future__` imports).

        Where libcst's AddImportsVisitor would put them, without the second full metadata pass it costs
        (half the run time of a migration): ScriptFacts already knows every module-level import and name.
        """
        body = self.facts.module.body
        anchor = None
        for index, statement in enumerate(body):
            if _is_import(statement) or (index == 0 and _is_docstring(statement)):
                anchor = statement
            else:
                break
        lines = "".join(f"import {name}\n" if alias == name else f"import {name} as {alias}\n"
                        for name, alias in sorted(self.imports.items()))
        statements = parse_statements(lines)
        if anchor is None:
            self.insert_before.setdefault(body[0], [])[:0] = statements
        else:
            self.insert_after.setdefault(anchor, [])[:0] = statements


class _EditApplier:
    """Rebuilds only the nodes on the way from the module to an edit; every other subtree is reused as is.

    A CSTTransformer would rebuild all of the tree's nodes (about one bare parse's worth of work) to change a
    few dozen. Edits inside a replaced node are dropped with it, as a transformer's `leave_*` would drop them.
    """

    def __init__(self, plan: EditPlan) -> None:
        self.plan = plan
        self.on_path: set = set()
        parents = plan.facts.parents
        for edited in (*plan.replacements, *plan.insert_before, *plan.insert_after):
            node = edited
            while node is not plan.facts.module:
                node = parents.get(node)
                if node is None:  # a bug of ours: an edit the walk never saw would be lost silently
                    raise ValueError(f"edit of a {type(edited).__name__} outside the analysed tree")
                if node in self.on_path:
                    break
                self.on_path.add(node)

    def rebuild(self, node: cst.CSTNode) -> cst.CSTNode:
        replacement = self.plan.replacements.get(node)
        if replacement is not None:
            return replacement
        if node not in self.on_path:
            return node
        changes = {}
        for name in field_names(type(node)):
            value = getattr(node, name)
            if isinstance(value, cst.CSTNode):
                new = self.rebuild(value)
                if new is not value:
                    changes[name] = new
            elif isinstance(value, (list, tuple)) and value and isinstance(value[0], cst.CSTNode):
                items = []
                for child in value:
                    items.extend(self.plan.insert_before.get(child, ()))
                    items.append(self.rebuild(child))
                    items.extend(self.plan.insert_after.get(child, ()))
                if len(items) != len(value) or any(new is not old for new, old in zip(items, value)):
                    changes[name] = items
        return node.with_changes(**changes) if changes else node


def _is_import(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body)


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and \
        isinstance(statement.body[0], cst.Expr) and isinstance(statement.body[0].value, cst.SimpleString)


# Injected code is parsed from text. Much of it is the same in every script of a repository (helpers, imports,
# `args.epochs`), and libcst nodes are immutable, so a parsed snippet can be shared. Each script's own argument
# block is unique and only passes through: a small cache keeps the shared snippets and a long batch's worker
# the same size.
@functools.lru_cache(maxsize=64)
def _parsed_statements(code: str) -> tuple[cst.BaseStatement, ...]:
    return tuple(cst.parse_module(code).body)


def parse_statements(code: str) -> list[cst.BaseStatement]:
    return list(_parsed_statements(code))


@functools.lru_cache(maxsize=64)
def parse_expression(code: str) -> cst.BaseExpression:
    return cst.parse_expression(code)
