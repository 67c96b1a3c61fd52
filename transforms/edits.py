"""The edit plan the transforms fill in, and the one transformer that applies it.

Transforms never rebuild the tree themselves: they record what to replace and what to insert, keyed by the
original nodes that ScriptFacts saw. Applying everything in one traversal keeps node identity valid for all of
them (libcst hands `leave_*` the original node next to the updated one).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import libcst as cst

from migrate.report import Diagnostic
from migrate.results import MigrationOptions
from transforms import catalog
from transforms.facts import ScriptFacts


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
        return self.facts.module.visit(_ApplyEdits(self))

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


class _ApplyEdits(cst.CSTTransformer):
    def __init__(self, plan: EditPlan) -> None:
        super().__init__()
        self.plan = plan

    def on_leave(self, original_node, updated_node):
        replacement = self.plan.replacements.get(original_node)
        if replacement is not None:
            return replacement
        if isinstance(updated_node, (cst.Module, cst.IndentedBlock)):
            body = []
            for original, updated in zip(original_node.body, updated_node.body):
                body.extend(self.plan.insert_before.get(original, ()))
                body.append(updated)
                body.extend(self.plan.insert_after.get(original, ()))
            return updated_node.with_changes(body=body)
        return updated_node


def _is_import(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body)


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and \
        isinstance(statement.body[0], cst.Expr) and isinstance(statement.body[0].value, cst.SimpleString)


def parse_statements(code: str) -> list[cst.BaseStatement]:
    return list(cst.parse_module(code).body)


def parse_expression(code: str) -> cst.BaseExpression:
    return cst.parse_expression(code)
